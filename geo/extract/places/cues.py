"""The cues that make a name a place (rules 5, 6 and 8): kind words next to a name,
lists, stated containment, other mentions of an accepted name, and names the gazetteer
lacks in the text's spelling.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from itertools import pairwise

from ...names import PARTICLES
from ..text import fold
from .filters import compass_region
from .lexicon import (
    ADMIN_AFTER,
    APPOSITION_END,
    AREA_KINDS,
    BETWEEN_PLACED,
    CAPITALISED_RUN,
    CONTAINED,
    DATELINE,
    DEMONYMS,
    DESCRIBED_AS_PLACE,
    DIRECTIONS,
    DISTANCE,
    EVENT_NOUNS,
    EVENT_WORDS,
    HEAD_WORDS,
    HINT_ADMIN_WORDS,
    KIND_CUES,
    LIST_END,
    LIST_FOLLOWER,
    LIST_INTRO,
    LIST_ITEM,
    NEAR,
    NEVER,
    PARENTHESIS,
    PREPOSITIONS,
    RESIDENT_WORDS,
    STATED,
    UNLISTED,
    UNLISTED_CUE,
    UNLISTED_HEADS,
    WEAK_TIERS,
)
from .words import FoundName, NameWord, PlaceSpan, index_of, line_start, possessive


def kind_hint_of(text: str, span: PlaceSpan, before: str, before2: str, after: NameWord | None) -> str | None:
    """The kind a neighbouring word gives: "X region", "X's region", "the village of X"."""
    if after is not None and after.folded in KIND_CUES and KIND_CUES[after.folded]:
        gap = text[span.end : after.start]
        if gap in (" ", "-", "\u00a0", "'s ", "’s "):
            return KIND_CUES[after.folded]
    if before in ("of", "de", "du", "d") and KIND_CUES.get(before2):
        return KIND_CUES[before2]
    other = re.match(r"\s+and other (regions|cercles|provinces)\b", text[span.end : span.end + 30])
    if other:
        return AREA_KINDS[other.group(1)[:-1]]
    return None


def share_kind_hints(text: str, spans: list[PlaceSpan]) -> None:
    """A plural kind word covers the whole list: "the Menaka and Gao regions",
    "the regions of Menka and Gao"."""
    for a, b in pairwise(spans):
        gap = text[a.end : b.start]
        if not re.fullmatch(r",? (?:and |or |et )?|, ", gap):
            continue
        if (
            b.kind_hint
            and a.kind_hint is None
            and re.match(r"[ -](?:regions|cercles|circles|provinces)\b", text[b.end :])
        ):
            a.kind_hint = b.kind_hint
        elif (
            a.kind_hint
            and b.kind_hint is None
            and re.search(
                r"\b(?:regions|cercles|circles|provinces|villages|towns) (?:of|de) (?:the )?$", text[: a.start]
            )
        ):
            b.kind_hint = a.kind_hint


def in_kind_list(text: str, start: int) -> bool:
    """Whether the name at ``start`` is in a list that a plural kind word introduces."""
    window = text[max(0, start - 200) : start]
    for _ in range(12):
        if LIST_INTRO.search(window):
            return True
        separator = LIST_END.search(window)
        if separator is None:
            return False
        window = window[: separator.start()]
        item = LIST_ITEM.search(window)
        if item is None:
            return False
        window = window[: item.start()]
    return False


def accept_found(
    text: str,
    found: list[FoundName],
    all_words: list[NameWord],
    lower_words: set[str],
    starts: set[int],
    *,
    locatives: frozenset[str],
    lang: str,
    known_place: Callable[[str], bool],
) -> list[PlaceSpan]:
    """The names found in runs that stand as places (rules 5 and 6), in order.

    Each span gets the kind hint of a kind word next to it and the owner a possessive
    gives. A name of a curated place or an area stands unless it is a direction; a name
    known only from GeoNames/OpenStreetMap needs a cue: a locative or a kind word, a
    list that a plural kind word opens, an event of that place ("the massacre of X"),
    or ``known_place`` (a country or a national capital); and it must not be written in
    lower case in the prose, be one word of a longer run, nor stand at a sentence's
    start without a kind word (a dateline aside). ``starts`` are the sentences' starts.
    """
    accepted: list[PlaceSpan] = []
    for span, i, n, run in found:
        index = index_of(all_words, span.start)
        after_index = index + n
        before = all_words[index - 1].folded if index > 0 else ""
        before2 = all_words[index - 2].folded if index > 1 else ""
        if lang == "fr" and text[max(0, span.start - 2) : span.start] in ("d'", "d’", "l'", "l’"):
            before, before2 = text[span.start - 2].lower(), before  # "près d'Anderamboukane"
        after = all_words[after_index] if after_index < len(all_words) else None
        span.kind_hint = kind_hint_of(text, span, before, before2, after)
        if index > 0 and possessive(text, all_words[index - 1]):
            span.owner = text[all_words[index - 1].start : all_words[index - 1].end]
        if all(w.folded in DIRECTIONS for w in run[i : i + n]):
            if not compass_region(text, span.start, span.end):
                continue  # "au Sud-Ouest", "au Nord et au Centre du Mali": directions
            if span.kind_hint is None:
                span.kind_hint = "region"  # "la région de l'Est", "the Nord region"
        strong = bool(span.tiers - WEAK_TIERS)
        if strong:
            accepted.append(span)
            continue
        if span.text.isupper() and len(span.text) <= 5:
            continue  # an acronym ("IED"), not a village known only from GeoNames
        folded_name = " ".join(w.folded for w in run[i : i + n])
        headed = (
            i == 2
            and len(run) == n + 2
            and (run[0].folded in HEAD_WORDS or re.sub(r"^\w['’]", "", run[0].folded) in EVENT_NOUNS)
            and run[1].folded in PARTICLES
        )  # "Commune de X", "L'attaque de X"
        if folded_name in lower_words or (len(run) > n and not headed):
            continue  # ("la Commune de Ouenkoro" is headed: "Commune" is the cue, not a name's word)
        sentence_initial = span.start in starts or line_start(text, span.start)
        cue = (
            headed
            or known_place(span.text)
            # "the massacre of X", "l'attaque de X"
            or (before in ("of", "de", "d") and re.sub(r"^\w['’]", "", before2) in EVENT_NOUNS)
            or UNLISTED_CUE.search(text[max(0, span.start - 40) : span.start]) is not None  # "a village called X"
            or before in locatives
            or span.kind_hint is not None
            or (after is not None and (after.folded in KIND_CUES or after.folded in RESIDENT_WORDS))
            or (before in KIND_CUES and KIND_CUES[before] is not None)  # "du camp X", "the village X"
            or in_kind_list(text, span.start)
        )
        if cue and not (sentence_initial and span.kind_hint is None):
            accepted.append(span)
        elif line_start(text, span.start) and DATELINE.match(text, span.end):
            accepted.append(span)  # a dateline: "Dakar, (APP) -", "NIAMEY (AFP) -", "Dakar, Senegal (AP) —"
    return accepted


def add_listed(
    text: str, accepted: list[PlaceSpan], found: list[FoundName], all_words: list[NameWord], lower_words: set[str]
) -> list[PlaceSpan]:
    """Reference-tier names listed next to an accepted place ("Tamalat, Inchinane and X")."""
    chosen = {span.start for span in accepted}
    changed = True
    while changed:
        changed = False
        for span, i, n, run in found:
            if span.start in chosen or len(run) > n:
                continue
            folded_name = " ".join(w.folded for w in run[i : i + n])
            if folded_name in lower_words:
                continue
            paired = any(
                other.end <= span.start and text[other.end : span.start] in (" and ", " et ") for other in accepted
            )  # "Bourem et Léré ont été ...": the second of a pair needs no list's end after it
            # (not after ", and": "across central Mali, and Koufa has" joins clauses)
            if not paired and not LIST_FOLLOWER.match(text[span.end :]):
                continue
            for other in accepted:
                gap = text[other.end : span.start] if other.end <= span.start else text[span.end : other.start]
                if len(gap) <= 6 and re.fullmatch(r",? ?(?:and|or|et|ou)? ?|, |[/\-]", gap):
                    accepted.append(span)
                    chosen.add(span.start)
                    changed = True
                    break
    return sorted(accepted, key=lambda s: s.start)


def add_contained(
    text: str,
    accepted: list[PlaceSpan],
    found: list[FoundName],
    lower_words: set[str],
    phrases: Sequence[PlaceSpan] = (),
) -> list[PlaceSpan]:
    """A name placed in an accepted place is a place (rule 6): "Tiléré in Soum province",
    "Torodi, in eastern Burkina Faso", "Margou (Tillabéri region)", "X near Ménaka"."""
    starts = {span.start: span for span in [*accepted, *phrases]}
    out = list(accepted)
    for span, i, n, run in found:
        if span.start in starts or len(run) > n:
            continue
        if " ".join(w.folded for w in run[i : i + n]) in lower_words:
            continue
        rest = text[span.end : span.end + 80]
        for pattern in (CONTAINED, NEAR, re.compile(r"\s*\(\s*(?:the\s+)?")):
            match = pattern.match(rest)
            if match and match.end() > 0 and (span.end + match.end()) in starts:
                out.append(span)
                break
    return sorted(out, key=lambda s: s.start)


def add_same_name(
    text: str, accepted: list[PlaceSpan], found: list[FoundName], lower_words: set[str]
) -> list[PlaceSpan]:
    """Other mentions of a name accepted once in the document (rule 7): "in Toubani ...
    the Toubani massacre", "the siege of Boni". The run may hold an event word
    ("The Toubani Massacre") but must be no other name, and the name must not be
    written in lower case in the prose."""
    names = {fold(span.text) for span in accepted}
    chosen = {span.start for span in accepted}
    out = list(accepted)
    for span, i, n, run in found:
        if span.start in chosen or fold(span.text) not in names:
            continue
        folded_name = " ".join(w.folded for w in run[i : i + n])
        others = [w.folded for k, w in enumerate(run) if not i <= k < i + n]
        if folded_name in lower_words or any(w not in EVENT_WORDS for w in others):
            continue
        out.append(span)
        chosen.add(span.start)
    return sorted(out, key=lambda s: s.start)


def add_unlisted(
    text: str,
    accepted: list[PlaceSpan],
    bare_runs: list[list[NameWord]],
    all_words: list[NameWord],
    lower_words: set[str],
    starts: set[int],
    phrases: Sequence[PlaceSpan] = (),
    lang: str = "en",
) -> list[PlaceSpan]:
    """Names the gazetteer lacks, where the text plainly makes them places (rule 8).

    A run of one to three capitalised words (and a lower-case part joined by a hyphen:
    "Emi-semis") that is no acronym, no people's or nationality word and not written in
    lower case elsewhere is a place after a kind word of settlements ("le village de
    X", "la commune de X", "the village of X"), in a list that a plural kind word opens,
    or when a locative comes before it and a stated position after it ties it to a
    place ("à X, dans la région de Y", "in X (35 kilometers from Timbuktu)"). Its other
    mentions in the document follow.
    """
    placed_starts = {span.start for span in [*accepted, *phrases]}
    out = list(accepted)
    candidates: list[PlaceSpan] = []
    initial: list[PlaceSpan] = []
    headed: set[int] = set()
    for run in bare_runs:
        if len(run) >= 3 and run[0].folded in UNLISTED_HEADS and run[1].folded in PARTICLES:
            run = run[2:]  # "la Commune de Ouenkoro": the name is "Ouenkoro", "Commune" its cue
            headed.add(run[0].start)
        elif len(run) >= 2 and run[-1].folded in HINT_ADMIN_WORDS and run[-1].folded not in ("region", "regions"):
            run = run[:-1]  # "Barsalogho Department": the name is "Barsalogho" (cued by a locative)
        start, end = run[0].start, run[-1].end
        tail = re.match(r"-[a-zà-ÿ]{2,}(?![\w\-])", text[end:])
        if tail:
            end += tail.end()  # "Emi-semis", "Inekar-ouest"
        name = text[start:end]
        words = [w.folded for w in run] + ([tail.group()[1:]] if tail else [])
        joined = all(text[a.end : b.start] == "-" for a, b in pairwise(run))
        compass_words = (len(words) == 2 and joined) or len(words) == 1
        if compass_words and all(w in DIRECTIONS for w in words) and compass_region(text, start, end):
            # "le Centre-nord", "(Centre-Nord)", "la région de l'Est": a compass region, looked up as "X region"
            candidates.append(PlaceSpan(start, end, name, frozenset({UNLISTED}), f"{name} region"))
            continue
        if len(run) > 3 or run[0].folded in DEMONYMS or run[0].folded in NEVER or run[0].folded in DIRECTIONS:
            continue
        if (name.isupper() and len(name) <= 6) or any(c.isdigit() for c in name) or len(name) < 3:
            continue
        if " ".join(w.folded for w in run) in lower_words or any(w.folded in lower_words for w in run):
            continue  # "Armed Raid" in a headline: words of the prose
        span = PlaceSpan(start, end, name, frozenset({UNLISTED}), name)
        if run[0].start in starts or line_start(text, run[0].start):
            initial.append(span)  # a capital at a sentence's start says nothing, but may repeat a name
            continue
        candidates.append(span)
    chosen: set[str] = set()
    pending = list(candidates)
    while pending:  # a name placed against another unlisted one waits for it: "entre X et le puits d'Y"
        waiting = []
        for span in pending:
            if _unlisted_cued(text, span, all_words, placed_starts, headed, lang):
                out.append(span)
                chosen.add(fold(span.text))
                placed_starts.add(span.start)
            else:
                waiting.append(span)
        if len(waiting) == len(pending):
            break
        pending = waiting
    for span in [*candidates, *initial]:
        if fold(span.text) in chosen and all(span.start != other.start for other in out):
            out.append(span)  # one name, one decision: its other mentions
    return sorted(out, key=lambda s: s.start)


def _unlisted_cued(
    text: str, span: PlaceSpan, all_words: list[NameWord], placed_starts: set[int], headed: set[int], lang: str = "en"
) -> bool:
    """Whether the text plainly makes the unlisted name ``span`` a place (rule 8)."""
    before_text = text[max(0, span.start - 40) : span.start]
    index = index_of(all_words, span.start)
    previous = all_words[index - 1] if index > 0 else None
    before = previous.folded if previous else ""
    if text[max(0, span.start - 2) : span.start] in ("d'", "d’"):
        before = "d"
    rest = text[span.end : span.end + 80]
    if span.query != span.text or span.start in headed:
        return True  # a compass region (kept only if found) or "la Commune de X"
    if UNLISTED_CUE.search(before_text) or in_kind_list(text, span.start) or DESCRIBED_AS_PLACE.match(rest):
        return True
    if before in ("entre", "between"):
        pair = re.match(r"\s+(?:et|and)\s+(?:(?:le|la|les|the)\s+)?(?:puits\s+d['’]|village\s+de\s+)?", rest)
        return pair is not None and (span.end + pair.end()) in placed_starts
    if before in ("and", "et"):  # "between Toumour and X": the other end of a stated stretch
        pair = BETWEEN_PLACED.search(text, max(0, span.start - 80), span.start)
        return pair is not None and pair.start("name") in placed_starts
    # "à", and in French a capital "A" standing for "À" at a sentence's start ("A Acharane, ...")
    if before in PREPOSITIONS and before != "a" and ADMIN_AFTER.match(rest):
        return True  # "in Barsalogho Department", "dans la commune de X" is headed above
    accent = previous is not None and (text[previous.start] == "à" or (lang == "fr" and text[previous.start] == "A"))
    if before not in PREPOSITIONS or (before == "a" and not accent):
        return False  # "A Snapshot of Mali": the article, not "à"
    if any(
        (match := pattern.match(rest)) is not None
        and (span.end + match.end()) in placed_starts
        and STATED.search(match.group()) is not None  # "X, in Y", "X (Y region)"; not "X of Mali"
        for pattern in (CONTAINED, DISTANCE, PARENTHESIS)
    ):
        return True
    # An apposition: "in X, Tillaberi, Niger", "à X, Tillabéri :" (the place named after
    # the comma ends a clause or a list; "in X, Mali has" is no apposition).
    apposed = re.match(r",\s*", rest)
    if apposed is None or span.end + apposed.end() not in placed_starts:
        return False
    after_place = CAPITALISED_RUN.match(text, span.end + apposed.end())
    return after_place is not None and APPOSITION_END.match(text, after_place.end()) is not None
