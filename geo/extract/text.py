"""Text helpers shared by the finders: a same-length folded copy, words, sentences.

Every finder reports offsets into the document's own text, so the helpers here never
change a string's length: :func:`fold` maps each character to one character.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = ["URL", "fold", "sentence_spans", "words"]

# A web address, in any case ("WWW.SITE.INFO/PAGE" in a footer): never prose, never a name.
URL = re.compile(r"(?i:https?://[^\s>]+|www\.[^\s>]+)")
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "`": "'", "´": "'"})
_DASHES = str.maketrans({"‐": "-", "‑": "-", "‒": "-", "–": "-", "—": "-"})


@lru_cache(maxsize=4096)
def _fold_char(char: str) -> str:
    base = unicodedata.normalize("NFKD", char)
    base = "".join(c for c in base if not unicodedata.combining(c))
    return (base[:1] or char).lower()


def fold(text: str) -> str:
    """Lower case, no accents, plain apostrophes and hyphens, and the same length.

    Examples
    --------
    >>> fold("Ménaka’s ÉTAT – Ségou")
    "menaka's etat - segou"
    >>> len(fold("Œuvre")) == len("Œuvre")
    True
    """
    text = text.translate(_APOSTROPHES).translate(_DASHES)
    if text.isascii():
        return text.lower()
    return "".join(_fold_char(c) if not c.isascii() else c.lower() for c in text)


# A word: letters (any script), digits, and inner apostrophes or hyphens, and inner
# dots before a letter ("U.S"; "Mali.85" is a word and a footnote number).
WORD = re.compile(r"[^\W_](?:[\w]|['’\-](?=[^\W_])|\.(?=[^\W\d_]))*")


def words(text: str) -> list[tuple[int, int]]:
    """The ``(start, end)`` of every word.

    Examples
    --------
    >>> text = "At Tin-Essako, Mali’s army"
    >>> [text[s:e] for s, e in words(text)]
    ['At', 'Tin-Essako', 'Mali’s', 'army']
    """
    return [m.span() for m in WORD.finditer(text)]


# A sentence ends at . ! ? (with closing quotes or brackets) before a space and a
# capital, digit or quote, or at a blank line. Abbreviations that end in a dot do not
# end a sentence.
_ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "gen",
        "col",
        "lt",
        "maj",
        "capt",
        "sgt",
        "st",
        "no",
        "vol",
        "pp",
        "p",
        "fig",
        "al",
        "etc",
        "vs",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "u.s",
        "u.n",
        "e.g",
        "i.e",
        "approx",
        "km",
    ]
)
_END = re.compile(r"[.!?][\"'”’)\]]*(?:<sup>\d+</sup>|\[\d+\])?(?=\s+[\"'“‘(\[]?[A-Z0-9À-Ý])|\n[ \t]*\n")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """The ``(start, end)`` of every sentence, without surrounding white space.

    Examples
    --------
    >>> text = "ISGS took Tamalat on 8 March. Dr. Ag said so.\\n\\nA heading"
    >>> [text[s:e] for s, e in sentence_spans(text)]
    ['ISGS took Tamalat on 8 March.', 'Dr. Ag said so.', 'A heading']
    """
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _END.finditer(text):
        end = match.end() if match.group().strip() else match.start()
        if match.group().startswith("."):
            before = re.search(r"([\w.]+)\.$", text[max(start, match.start() - 12) : match.start() + 1])
            word = before.group(1).lower() if before else ""
            if word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha()):
                continue
        _add(text, start, end, spans)
        start = match.end()
    _add(text, start, len(text), spans)
    return spans


def _add(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        spans.append((start, end))
