"""Place mentions: names of the gazetteer found in a text, and the place each one means.

Finding a name is easy; not firing on the wrong words is the work. The rules, in order:

1. **Name-like words.** Only capitalised words are considered ("Ménaka", "Tin-Essako",
   "In Chinnana"), joined into runs by spaces or the particles of place names ("Nioro
   du Sahel"). A possessive "'s" is left out of the span ("Mali's" -> "Mali"), and so
   is a French elision ("d'Anderamboukane" -> "Anderamboukane"). Spans inside actor
   names ("Islamic State in the Greater Sahara") and URLs are skipped.
2. **Longest name first.** Within a run, the longest sequence of words that is a name
   or variant of a record wins ("Ménaka Airport" before "Ménaka").
3. **Not people.** A run that holds a name particle of people ("Ag", "Ould", "Ben",
   "Abu", "El Hajj"), follows a title ("General", "President", "leader"), or starts
   with a common given name ("Amadou Koufa") is a person: nothing in it is a place.
4. **Not organisations.** A run that holds a word of organisations ("Agreement",
   "University", "Movement", "Radio"), or follows one ("University of Bamako"), is an
   organisation: nothing in it is a place.
5. **Not common words.** Month and weekday names, and words for peoples and
   languages ("Tuareg", "Peul", "Arab"), are never places. A name known only from
   GeoNames (the reference tier) must also show that it is a place: a locative word
   before it ("in", "at", "near", "village of"...), a kind word after it ("Toubani
   village"), or a place next to it in a list ("Tamalat, Inchinane and Agrali"); and it
   must not be written in lower case elsewhere in the document ("Let", "Islam"), nor
   be one word of a longer capitalised run that is not a place ("Amadou Koufa").
   Curated places and areas need none of this: they are the places these texts name.
6. **Resolution.** Each span is geocoded with :meth:`geo.gazetteer.Gazetteer.lookup`,
   with a kind word next to it as a hint ("the Ménaka region" is the region, "the
   village of Toubani" a village) and the document's focus as ``near`` (the median of
   the curated places it names), so that a name shared by far-apart villages resolves
   to the one in the story. One name means one place throughout a document unless a
   kind word says otherwise.
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from dataclasses import dataclass
from datetime import date
from itertools import pairwise

from .. import schema
from ..gazetteer import Gazetteer, Resolution
from ..matching import AMBIGUOUS, OK
from ..names import normalize, strip_accents
from .mention import CANDIDATES, LAT, LON, NAME, PLACE, PLACE_ID, PLACE_KIND, SCORE, STATUS, UNCERTAINTY_KM, Mention
from .text import fold, sentence_spans

__all__ = ["PlaceFinder"]


def _split(words: str) -> list[str]:
    return words.split()


MAX_NAME_WORDS = 5
WIDE_REGION = "ZZ"  # the country code of regions that span many countries (Sahel, West Africa)
CANDIDATES_SHOWN = 5

# Lower-case words that may sit inside a place name: "Nioro du Sahel", "Ké-Macina".
_PARTICLES = frozenset({"du", "de", "des", "la", "le", "el", "en", "al"})
# Words before a name that say a place follows.
_LOCATIVES = frozenset(
    _split(
        "in at near from to around towards toward outside into inside between via through across "
        "reached entered captured seized attacked took retook around"
    )
)
# Kind words: before ("the village of X", "the town of X") or after ("X village", "X region").
# Kind words: before ("the village of X") or after ("X village", "X region"). The
# gazetteer's own kind words (geo.schema.KIND_WORDS), their plurals, and a few more;
# the generic ones (area, zone, border) say a place is near but not which kind.
_KIND_WORDS: dict[str, str | None] = {
    **schema.KIND_WORDS,
    **{f"{word}s": kind for word, kind in schema.KIND_WORDS.items() if " " not in word and not word.endswith("s")},
    "locality": "village",
    "district": "region",
    "area": None,
    "zone": None,
    "border": None,
    "borders": None,
}
_AREA_KINDS = {"region": "region", "cercle": "cercle", "circle": "cercle", "province": "province", "district": "region"}
_ADMIN_WORDS = frozenset({"region", "regions", "cercle", "circle", "province", "district", "department", "commune"})
_PERSON_PARTICLES = frozenset({"ag", "ould", "ben", "bin", "ibn", "abu", "abou", "hajj", "hadj", "sheikh", "cheikh"})
_ABBREVIATED_TITLES = frozenset({"mr", "mrs", "ms", "dr", "gen", "col", "lt", "capt", "sgt", "prof"})
_TITLES = frozenset(
    _split(
        "mr mrs ms dr general gen colonel col lieutenant captain president minister leader commander chief emir "
        "imam sheikh prince king queen sultan spokesman spokesperson sergeant major prime sir"
    )
)
# Common given names of the public figures these texts name; a capitalised run that
# starts with one is a person ("Amadou Koufa", "Iyad Ag Ghaly").
_GIVEN_NAMES = frozenset(
    _split(
        "amadou ahmadou iyad mokhtar moctar mohamed mohammed muhammad mohammad ahmed ahmad ali oumar omar moussa "
        "ibrahim ibrahima hamadoun adnan boubacar assimi emmanuel francois idriss mahamadou mahmoud abdelmalek "
        "abdoulaye abdou abdel abdul abdallah abdullah yahia yahya djamel bilal hamada sidi alghabass bilal "
        "seydou soumeylou modibo amadou dicko malam jafar oussa"
    )
)
_ORGANISATION_WORDS = frozenset(
    _split(
        "initiative museum report memo university institute institution radio television tv movement front "
        "council committee coordination group brigade battalion katiba company bank ministry party union alliance "
        "organization organisation foundation center centre journal times post news press agency review mission "
        "operation force forces army command embassy school hospital conference declaration resolution treaty "
        "airlines airways house office court tribunal senate assembly gazette magazine network channel"
    )
)
# Adjectives of nationality: not places, and not the first word of one ("Malian Gourma").
_DEMONYMS = frozenset(
    _split(
        "malian malians nigerien nigeriens burkinabe burkinabè algerian algerians mauritanian libyan chadian "
        "nigerian senegalese guinean ivorian moroccan tunisian egyptian sudanese french russian american british "
        "european african sahelian saharan western eastern northern southern central"
    )
)
_NEVER = frozenset(
    _split(
        "january february march april may june july august september october november december "
        "monday tuesday wednesday thursday friday saturday sunday "
        "tuareg touareg tuaregs arab arabs peul peuls fulani fula fulbe songhai songhay dogon bambara bozo "
        "dawsahak daoussahak imghad berber berbers moor moors hausa tamasheq french english arabic "
        "islam god allah prophet"
    )
)


@dataclass(slots=True)
class _Word:
    start: int
    end: int  # without a possessive 's
    capital: bool
    folded: str


@dataclass(slots=True)
class _Span:
    start: int
    end: int
    text: str
    tiers: frozenset[str]
    query: str
    kind_hint: str | None = None
    owner: str | None = None  # "Burkina Faso" in "Burkina Faso's Sahel"


class PlaceFinder:
    """Find the places of a :class:`~geo.gazetteer.Gazetteer` named in texts.

    Examples
    --------
    >>> finder = PlaceFinder(Gazetteer.load())
    >>> text = "Fighters of EIGS attacked Tamalat, then the Ménaka region; Amadou Koufa spoke."
    >>> [(m.text, m.get("place")) for m in finder.find(text, "d", skip=[(12, 16)])]
    [('Tamalat', 'ml-tamalat'), ('Ménaka', 'ml-region-menaka')]
    """

    def __init__(self, gazetteer: Gazetteer) -> None:
        self._gazetteer = gazetteer
        self._tiers: dict[str, frozenset[str]] = {}
        self._phrases, self._phrase_pattern = _phrases(gazetteer)

    def _name_tiers(self, phrase: str) -> frozenset[str]:
        tiers = self._tiers.get(phrase)
        if tiers is None:
            tiers = self._tiers[phrase] = self._gazetteer.name_tiers(phrase)
        return tiers

    def find(self, text: str, doc: str, *, skip: list[tuple[int, int]] = (), day: date | None = None) -> list[Mention]:
        """Every place mention in ``text``, in order, outside the ``skip`` spans.

        ``day`` is the document's date: it chooses between the outlines of an area
        whose boundaries changed ("the Gao region" before or after 2016).
        """
        spans = self.spans(text, skip=skip)
        return self.resolve(text, doc, spans, day=day)

    # --- finding ----------------------------------------------------------------------
    def spans(self, text: str, *, skip: list[tuple[int, int]] = ()) -> list[_Span]:
        """The spans that name places, unresolved (rules 1-5)."""
        all_words = _words(text)
        lower_words = {w.folded for w in all_words if not w.capital}
        starts = {s for s, _ in sentence_spans(text)}
        blocked = [
            (run[0].start, run[-1].end)
            for run_start, run in _runs(text, all_words, sorted(skip))
            if _is_person(text, run, all_words, run_start) or _is_organisation(run, all_words, run_start)
        ]
        phrases = [
            p
            for p in self._find_phrases(text, skip)
            if not any(a < p.end and p.start < b for a, b in blocked) and not _after_organisation_word(text, p.start)
        ]
        skipped = sorted([*skip, *((p.start, p.end) for p in phrases)])
        found: list[tuple[_Span, int, int, list[_Word]]] = []
        for run_start, run in _runs(text, all_words, skipped):
            person = _is_person(text, run, all_words, run_start)
            organisation = _is_organisation(run, all_words, run_start)
            if person or organisation:
                continue
            i = 0
            while i < len(run):
                span = None
                for n in range(min(MAX_NAME_WORDS, len(run) - i), 0, -1):
                    phrase = text[run[i].start : run[i + n - 1].end]
                    if run[i].folded in _DEMONYMS or (n == 1 and run[i].folded in _NEVER):
                        break
                    if n > 1 and run[i + n - 1].folded in _ADMIN_WORDS:
                        continue  # "Mopti Region": the name is "Mopti", "Region" a hint
                    tiers = self._name_tiers(phrase)
                    if tiers:
                        end = run[i + n - 1].end
                        if "." in phrase and text[end : end + 1] == ".":
                            end, phrase = end + 1, phrase + "."  # "U.S." keeps its last dot
                        span = _Span(run[i].start, end, phrase, tiers, phrase)
                        break
                if span is None:
                    i += 1
                    continue
                if i > 0 and run[i - 1].folded == "greater":
                    i += n  # "the Greater Sahara" of a group's name is not the Sahara
                    continue
                found.append((span, i, n, run))
                i += n
        accepted: list[_Span] = []
        for span, i, n, run in found:
            index = _index_of(all_words, span.start)
            after_index = index + n
            before = all_words[index - 1].folded if index > 0 else ""
            before2 = all_words[index - 2].folded if index > 1 else ""
            after = all_words[after_index] if after_index < len(all_words) else None
            span.kind_hint = _kind_hint(text, span, before, before2, after)
            if index > 0 and _possessive(text, all_words[index - 1]):
                span.owner = text[all_words[index - 1].start : all_words[index - 1].end]
            strong = bool(span.tiers - {"reference"})
            if strong:
                accepted.append(span)
                continue
            if span.text.isupper() and len(span.text) <= 5:
                continue  # an acronym ("IED"), not a village known only from GeoNames
            folded_name = " ".join(w.folded for w in run[i : i + n])
            if folded_name in lower_words or len(run) > n:
                continue
            sentence_initial = span.start in starts or _line_start(text, span.start)
            cue = (
                before in _LOCATIVES
                or span.kind_hint is not None
                or (after is not None and after.folded in _KIND_WORDS)
            )
            if cue and not (sentence_initial and span.kind_hint is None):
                accepted.append(span)
        _share_kind_hints(text, accepted)
        for span in accepted:
            if span.kind_hint in ("region", "cercle", "province"):
                span.query = f"{span.text} {span.kind_hint}"
        listed = _add_listed(text, accepted, found, all_words, lower_words)
        spans = sorted([*listed, *phrases], key=lambda span: span.start)
        for previous, span in pairwise(spans):
            if text[previous.end : span.start] in ("'s ", "’s "):
                span.owner = previous.text  # "Burkina Faso's Sahel"
        return spans

    def _find_phrases(self, text: str, skip: list[tuple[int, int]]) -> list[_Span]:
        """Curated and area names of several words, in any case ("three borders")."""
        spans = []
        for match in self._phrase_pattern.finditer(fold(text)):
            start, end = match.span()
            if any(s < end and start < e for s, e in skip):
                continue
            key = re.sub(r"[\s\-]+", " ", match.group())
            name = self._phrases[key]
            spans.append(_Span(start, end, text[start:end], frozenset({"curated"}), name))
        return spans

    # --- resolving ----------------------------------------------------------------------
    def resolve(self, text: str, doc: str, spans: list[_Span], *, day: date | None = None) -> list[Mention]:
        """Geocode the spans (rule 6) and make them mentions."""
        gazetteer = self._gazetteer
        first: dict[str, Resolution] = {}
        for span in spans:
            for query in {span.query, span.text}:
                if query not in first:
                    first[query] = gazetteer.lookup(query)
        named = [r for r in first.values() if r.ok and r.place is not None and r.place.tier == "curated"]
        focus = _focus(named)
        countries = Counter(r.place.country for r in named if r.place.kind not in ("country", "area"))
        home = countries.most_common(1)[0][0] if countries else None
        resolved: dict[tuple, Resolution | None] = {}
        mentions = []
        for span in spans:
            key = (span.query, span.text, span.owner)
            if key not in resolved:
                resolved[key] = self._resolve(span, first, focus, home, day)
            resolution = resolved[key]
            if resolution is not None:
                mentions.append(_mention(doc, span, resolution))
        return mentions

    def _resolve(self, span: _Span, first: dict[str, Resolution], focus, home: str | None, day) -> Resolution | None:
        resolution = self._choose(span, first, focus, home, day)
        short = len(span.text) <= 3
        if short and resolution.ok and resolution.place is not None and not _written_as(resolution.place, span.text):
            return None  # "Us" in a slogan is not the United States ("US")
        return resolution

    def _choose(self, span: _Span, first: dict[str, Resolution], focus, home: str | None, day) -> Resolution:
        gazetteer = self._gazetteer
        bare = first[span.text]
        if span.owner:  # "Burkina Faso's Sahel": a place of that country
            owner = gazetteer.lookup(span.owner)
            if owner.ok and owner.place is not None and owner.place.kind == "country":
                for query in dict.fromkeys((span.query, f"{span.text} region")):
                    inside = gazetteer.lookup(query, country=owner.place.country, near=focus)
                    if inside.ok:
                        return inside
        if bare.ok and bare.place is not None and bare.place.country == WIDE_REGION:
            return bare  # "the Sahel region" is the Sahel, not Burkina Faso's Sahel Region
        if span.kind_hint is None:
            country = _country_named(gazetteer, span.text, bare)
            if country is not None:
                return country
        resolution = gazetteer.lookup(span.query, near=focus) if focus else first[span.query]
        if resolution.status == AMBIGUOUS and home:
            at_home = gazetteer.lookup(span.query, country=home, near=focus)
            if at_home.ok:
                at_home.warnings.append(
                    f"chosen among places of this name as the one in {home}, the document's country"
                )
                resolution = at_home
        if resolution.ok and resolution.place is not None:
            resolution = _outline_of_the_day(gazetteer, resolution, day)
        return resolution


def _phrases(gazetteer: Gazetteer) -> tuple[dict[str, str], re.Pattern]:
    """Names of curated places and areas with two words or more, as one pattern.

    Left to the word runs: a leading article ("the Gourma" is "Gourma"), possessive
    forms ("Mali's Gourma": two mentions), names with an admin word ("Ménaka Region":
    the name is "Ménaka", the kind word a hint), names that start with an adjective of
    nationality ("Malian Gourma"), and descriptions with names inside ("border area
    between Ménaka and Tahoua").
    """
    phrases: dict[str, str] = {}
    for tier in ("curated", "area"):
        for place in gazetteer.places(tier=tier):
            for name in (place.name, *place.variants):
                name = re.sub(r"^(?:the|les|la|le|l')\s+", "", name.strip(), flags=re.IGNORECASE)
                if not re.search(r"[\s\-]", name) or re.search(r"['’]s\b|[()]", name):
                    continue
                parts = re.split(r"[\s\-]+", name)
                folded_parts = [fold(w) for w in parts]
                if any(w in _ADMIN_WORDS for w in folded_parts) or folded_parts[0] in _DEMONYMS:
                    continue
                plain = [
                    i
                    for i, (w, f) in enumerate(zip(parts, folded_parts, strict=True))
                    if not w[:1].isupper() and f not in _PARTICLES
                ]
                if plain and any(w[:1].isupper() for w in parts[plain[0] :]):
                    continue
                key = re.sub(r"[\s\-]+", " ", fold(name))
                phrases.setdefault(key, name)
    ordered = sorted(phrases, key=len, reverse=True)
    body = "|".join(r"[\s\-]+".join(re.escape(p) for p in key.split(" ")) for key in ordered)
    return phrases, re.compile(r"(?<![\w\-])(?:" + body + r")(?![\w\-])")


def _kind_hint(text: str, span: _Span, before: str, before2: str, after: _Word | None) -> str | None:
    """The kind a neighbouring word gives: "X region", "X's region", "the village of X"."""
    if after is not None and after.folded in _KIND_WORDS and _KIND_WORDS[after.folded]:
        gap = text[span.end : after.start]
        if gap in (" ", "-", "\u00a0", "'s ", "’s "):
            return _KIND_WORDS[after.folded]
    if before in ("of", "de", "du") and _KIND_WORDS.get(before2):
        return _KIND_WORDS[before2]
    other = re.match(r"\s+and other (regions|cercles|provinces)\b", text[span.end : span.end + 30])
    if other:
        return _AREA_KINDS[other.group(1)[:-1]]
    return None


def _possessive(text: str, word: _Word) -> bool:
    return text[word.end : word.end + 2] in ("'s", "’s")


def _share_kind_hints(text: str, spans: list[_Span]) -> None:
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


# Words for place names: hyphens split words ("Mali-Burkina Faso"), and runs join them
# again ("Tin-Essako").
_NAME_WORD = re.compile(r"[^\W_](?:[\w]|['’](?=[^\W_])|\.(?=[^\W\d_]))*")


def _words(text: str) -> list[_Word]:
    out = []
    for match in _NAME_WORD.finditer(text):
        start, end = match.span()
        token = text[start:end]
        if len(token) > 2 and token[1] in "'’" and token[0] in "dlDL" and token[2].isupper():
            start += 2  # d'Anderamboukane, l'Azawad
            token = token[2:]
        if token.endswith(("'s", "’s")):
            end -= 2
            token = token[:-2]
        if start >= end:
            continue
        folded = strip_accents(token).lower().replace("’", "'")
        out.append(_Word(start, end, token[0].isupper(), folded))
    return out


def _runs(text: str, all_words: list[_Word], skipped: list[tuple[int, int]]):
    """Maximal runs of capitalised words, with the index of their first word.

    ``skipped`` (sorted spans) break runs: no word inside one is part of a run.
    """
    run: list[_Word] = []
    run_start = 0
    pending: list[_Word] = []
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
        elif run and word.folded in _PARTICLES and joined and not pending:
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


def _line_start(text: str, start: int) -> bool:
    line = text.rfind("\n", 0, start)
    return not text[line + 1 : start].strip(" \t#*>-•0123456789.)[")


def _index_of(all_words: list[_Word], start: int) -> int:
    lo, hi = 0, len(all_words)
    while lo < hi:
        mid = (lo + hi) // 2
        if all_words[mid].start < start:
            lo = mid + 1
        else:
            hi = mid
    return lo


def _phrase_words(run: list[_Word], i: int, n: int) -> list[_Word]:
    return run[i : i + n]


def _is_person(text: str, run: list[_Word], all_words: list[_Word], run_start: int) -> bool:
    folded = [w.folded for w in run]
    if any(f in _PERSON_PARTICLES for f in folded[1:]) or (len(run) > 1 and folded[0] in _PERSON_PARTICLES):
        return True
    if len(run) > 1 and folded[0] in _GIVEN_NAMES:
        return True
    title = all_words[run_start - 1] if run_start > 0 else None
    gap = text[title.end : run[0].start] if title else ""
    before = title.folded if gap == " " or (gap == ". " and title.folded in _ABBREVIATED_TITLES) else ""
    return before in _TITLES or (len(run) > 1 and folded[0].rstrip(".") in _TITLES)


def _after_organisation_word(text: str, start: int) -> bool:
    """Whether a name follows "Journal of", "University of"..."""
    match = re.search(r"(\w+)\s+(?:of|de|du|for)\s+(?:the\s+)?$", text[max(0, start - 40) : start])
    return bool(match) and match.group(1)[:1].isupper() and fold(match.group(1)) in _ORGANISATION_WORDS


def _is_organisation(run: list[_Word], all_words: list[_Word], run_start: int) -> bool:
    if any(w.folded in _ORGANISATION_WORDS for w in run):
        return True
    if run_start >= 2 and all_words[run_start - 1].folded in ("of", "de", "du", "for"):
        head = all_words[run_start - 2]
        return head.capital and head.folded in _ORGANISATION_WORDS
    return False


def _add_listed(text, accepted, found, all_words, lower_words) -> list[_Span]:
    """Reference-tier names listed next to an accepted place ("Tamalat, Inchinane and X")."""
    chosen = {span.start for span in accepted}
    changed = True
    while changed:
        changed = False
        for span, i, n, run in found:
            if span.start in chosen or len(run) > n:
                continue
            folded_name = " ".join(w.folded for w in run[i : i + n])
            if folded_name in lower_words or not re.match(
                r"\s*(?:[,.;:)\]”\"]|$)|\s+(?:and|or|et)\s", text[span.end :]
            ):
                continue
            for other in accepted:
                gap = text[other.end : span.start] if other.end <= span.start else text[span.end : other.start]
                if len(gap) <= 6 and re.fullmatch(r",? ?(?:and|or|et)? ?|, ", gap):
                    accepted.append(span)
                    chosen.add(span.start)
                    changed = True
                    break
    return sorted(accepted, key=lambda s: s.start)


def _country_named(gazetteer: Gazetteer, text: str, resolution: Resolution) -> Resolution | None:
    """A country's name means the country, not a village of that name ("Mali")."""
    key = normalize(text)
    for place, score in resolution.candidates:
        if place.kind == "country" and any(normalize(n) == key for n in (place.name, *place.variants)):
            return Resolution(text, OK, place, place.lat, place.lon, place.uncertainty_km, score, resolution.candidates)
    return None


def _outline_of_the_day(gazetteer: Gazetteer, resolution: Resolution, day: date | None) -> Resolution:
    """Of an area's outlines before and after a reform, the one valid on ``day``
    (without a day, the current one)."""
    place = resolution.place
    same = [p for p, _ in resolution.candidates if p.tier == "area" and p.name == place.name and p.kind == place.kind]
    if len(same) < 2:
        return resolution
    wanted = (day or date.max).isoformat()
    for other in same:
        valid_from, valid_to = gazetteer.validity(other.id)
        if (not valid_from or valid_from <= wanted) and (not valid_to or wanted <= valid_to):
            if other.id != place.id:
                return Resolution(
                    resolution.query,
                    OK,
                    other,
                    other.lat,
                    other.lon,
                    other.uncertainty_km,
                    resolution.score,
                    resolution.candidates,
                    warnings=[*resolution.warnings, "outline of the day"],
                )
            break
    return resolution


def _written_as(place, text: str) -> bool:
    """Whether a name of ``place`` is written exactly so (accents aside)."""
    plain = strip_accents(text)
    return any(strip_accents(name) == plain for name in (place.name, *place.variants))


def _focus(resolutions: list[Resolution]) -> tuple[float, float] | None:
    """The document's focus: the median point of the curated places it names."""
    points = [(r.lat, r.lon) for r in resolutions if r.lat is not None and r.place and r.place.kind != "country"]
    if not points:
        return None
    return statistics.median(p[0] for p in points), statistics.median(p[1] for p in points)


def _mention(doc: str, span: _Span, resolution: Resolution) -> Mention:
    place = resolution.place if resolution.ok else None
    record = {
        PLACE_ID: place.id if place else None,
        NAME: place.name if place else None,
        PLACE_KIND: place.kind if place else None,
        LAT: None if place is None else round(resolution.lat, 5),
        LON: None if place is None else round(resolution.lon, 5),
        UNCERTAINTY_KM: None if place is None else round(resolution.uncertainty_km, 1),
        STATUS: resolution.status,
        SCORE: resolution.score,
        CANDIDATES: [
            {"id": p.id, "name": p.name, "lat": p.lat, "lon": p.lon, "score": s}
            for p, s in resolution.candidates[:CANDIDATES_SHOWN]
        ],
    }
    return Mention(doc, span.start, span.end, span.text, PLACE, record)
