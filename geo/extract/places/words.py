"""Words and runs of capitalised words (rule 1), the spans that name places, and the
sorted intervals that block them.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from ...names import PARTICLES, strip_accents
from ..text import fold
from .lexicon import FUNCTION_WORDS


@dataclass(slots=True)
class NameWord:
    """A word of the text as the rules read it: its span, whether it is capitalised (a
    capitalised function word is not), and its folded form (no accents, lower case)."""

    start: int
    end: int  # without a possessive 's
    capital: bool
    folded: str


@dataclass(slots=True)
class PlaceSpan:
    """A span that names a place, before resolution: the names' ``tiers`` it matched,
    the ``query`` to look up ("Ménaka region"), the ``kind_hint`` of a kind word next to
    it, and the ``owner`` a possessive gives."""

    start: int
    end: int
    text: str
    tiers: frozenset[str]
    query: str
    kind_hint: str | None = None
    owner: str | None = None  # "Burkina Faso" in "Burkina Faso's Sahel"


# A place's (lat, lon); a name found in a run: (span, index in the run, words, the run).
LatLon = tuple[float, float]
FoundName = tuple[PlaceSpan, int, int, list[NameWord]]


def possessive(text: str, word: NameWord) -> bool:
    """Whether ``word`` is followed by a possessive 's ("Mali's")."""
    return text[word.end : word.end + 2] in ("'s", "’s")


# Words for place names: hyphens split words ("Mali-Burkina Faso"), and runs join them
# again ("Tin-Essako").
_NAME_WORD = re.compile(r"[^\W_](?:[\w]|['’](?=[^\W_])|\.(?=[^\W\d_]))*")


def name_words(text: str) -> list[NameWord]:
    """The words of ``text``, a possessive 's and a French elision ("d'", "l'") left out."""
    out = []
    for match in _NAME_WORD.finditer(text):
        start, end = match.span()
        token = text[start:end]
        elided = len(token) > 2 and token[1] in "'’" and token[0] in "dlDL" and token[2].isupper()
        if elided:
            start += 2  # d'Anderamboukane, l'Azawad
            token = token[2:]
        if token.endswith(("'s", "’s")):
            end -= 2
            token = token[:-2]
        if start >= end:
            continue
        folded = strip_accents(token).lower().replace("’", "'")
        # after an elision a capital is a name, never a function word ("l'Est" is no verb "est")
        out.append(NameWord(start, end, token[0].isupper() and (elided or folded not in FUNCTION_WORDS), folded))
    return out


def name_runs(
    text: str, all_words: list[NameWord], skipped: list[tuple[int, int]]
) -> Iterator[tuple[int, list[NameWord]]]:
    """Maximal runs of capitalised words, with the index of their first word.

    ``skipped`` (sorted spans) break runs: no word inside one is part of a run.
    """
    run: list[NameWord] = []
    run_start = 0
    pending: list[NameWord] = []
    k = 0
    for index, word in enumerate(all_words):
        while k < len(skipped) and skipped[k][1] <= word.start:
            k += 1
        inside_skip = any(s < word.end and word.start < e for s, e in skipped[k : k + 3])
        joined = run and _adjacent(text, (pending[-1] if pending else run[-1]).end, word.start)
        if word.capital and not inside_skip:
            if joined:
                run.extend(pending)
            else:
                if run:
                    yield run_start, run
                run, run_start = [], index
            pending = []
            run.append(word)
        elif run and word.folded in PARTICLES and joined and not pending:
            pending = [word]
        else:
            if run:
                yield run_start, run
            run, pending = [], []
    if run:
        yield run_start, run


def _adjacent(text: str, end: int, start: int) -> bool:
    """Whether only one space or hyphen separates two words."""
    return text[end:start] in (" ", "-", "\u00a0", " d'", " d’", " l'", " l’")


def line_start(text: str, start: int) -> bool:
    """Whether only blanks, list marks or numbers stand before ``start`` on its line."""
    line = text.rfind("\n", 0, start)
    return not text[line + 1 : start].strip(" \t#*>-•0123456789.)[")


def index_of(all_words: list[NameWord], start: int) -> int:
    """The index of the first word of ``all_words`` that starts at or after ``start``."""
    lo, hi = 0, len(all_words)
    while lo < hi:
        mid = (lo + hi) // 2
        if all_words[mid].start < start:
            lo = mid + 1
        else:
            hi = mid
    return lo


def merge_spans(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted, non-overlapping intervals covering ``spans``, for :func:`inside_any`."""
    merged: list[list[int]] = []
    for a, b in sorted(spans):
        if merged and a <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    return [(a, b) for a, b in merged]


def inside_any(start: int, end: int, merged: list[tuple[int, int]]) -> bool:
    """Whether ``start..end`` lies within one interval of ``merged`` (see :func:`merge_spans`)."""
    k = bisect.bisect_right(merged, (start, float("inf"))) - 1
    return k >= 0 and merged[k][0] <= start and end <= merged[k][1]


def overlaps_any(start: int, end: int, merged: list[tuple[int, int]]) -> bool:
    """Whether ``start..end`` overlaps an interval of ``merged`` (see :func:`merge_spans`)."""
    k = bisect.bisect_left(merged, (end, -1)) - 1
    return k >= 0 and merged[k][1] > start


@lru_cache(maxsize=65536)
def fold_word(word: str) -> str:
    """:func:`~geo.extract.text.fold` of one word, memoised (organisation names repeat)."""
    return fold(word)
