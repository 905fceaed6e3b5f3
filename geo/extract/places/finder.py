"""The place finder: spans that name places in a text (rules 1-5, 7 and 8), then their
resolution (rule 6, :mod:`geo.extract.places.resolve`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from itertools import pairwise

from ...gazetteer import Gazetteer
from ...names import PARTICLES
from ..mention import Mention
from ..text import fold, sentence_spans
from .cues import (
    accept_found,
    add_contained,
    add_listed,
    add_same_name,
    add_unlisted,
    share_kind_hints,
)
from .filters import (
    after_organisation_word,
    direction_of,
    is_organisation,
    is_person,
    organisation_spans,
)
from .lexicon import (
    COMPASS_TAIL,
    COMPASS_WORDS,
    DEMONYMS,
    DIRECTIONS,
    GENERIC_AROUND,
    HINT_ADMIN_WORDS,
    LOCATIVES,
    LOCATIVES_FR,
    MAX_NAME_WORDS,
    MEDIA_NUMBER,
    NEVER,
    NOT_PROSE,
    WEAK_TIERS,
)
from .resolve import resolve_spans
from .words import (
    FoundName,
    NameWord,
    PlaceSpan,
    inside_any,
    merge_spans,
    name_runs,
    name_words,
    overlaps_any,
)


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
        self._countries = {fold(p.name) for p in gazetteer.places(tier="curated") if p.kind == "country"}
        self._world: dict[str, bool] = {}

    def _is_country_or_capital(self, phrase: str) -> bool:
        """Whether a GeoNames name is plainly a country or a national capital (rule 5:
        "Denmark", "Khartoum" need no other cue, unlike a village known only from GeoNames;
        but, like any GeoNames name, not at a sentence's start, in a longer capitalised
        run or where the text writes it in lower case: "Male and female victims")."""
        known = self._world.get(phrase)
        if known is None:
            match = self._gazetteer.lookup(phrase)
            known = self._world[phrase] = (
                match.ok and match.place is not None and match.place.kind in ("country", "capital")
            )
        return known

    def _name_tiers(self, phrase: str) -> frozenset[str]:
        tiers = self._tiers.get(phrase)
        if tiers is None:
            tiers = self._tiers[phrase] = self._gazetteer.name_tiers(phrase)
        return tiers

    def find(
        self,
        text: str,
        doc: str,
        *,
        skip: Sequence[tuple[int, int]] = (),
        day: date | None = None,
        lang: str = "en",
    ) -> list[Mention]:
        """Every place mention in ``text``, in order, outside the ``skip`` spans.

        ``day`` is the document's date: it chooses between the outlines of an area
        whose boundaries changed ("the Gao region" before or after 2016). ``lang``
        (``en`` or ``fr``) adds the French locatives of rule 5.
        """
        spans = self.spans(text, skip=skip, lang=lang)
        return self.resolve(text, doc, spans, day=day)

    # --- finding ----------------------------------------------------------------------
    def spans(self, text: str, *, skip: Sequence[tuple[int, int]] = (), lang: str = "en") -> list[PlaceSpan]:
        """The spans that name places, unresolved (rules 1-5 and 7)."""
        all_words = name_words(text)
        not_prose = merge_spans([m.span() for m in NOT_PROSE.finditer(text)])
        lower_words = {w.folded for w in all_words if not w.capital and not inside_any(w.start, w.end, not_prose)}
        locatives = LOCATIVES | LOCATIVES_FR if lang == "fr" else LOCATIVES
        starts = {s for s, _ in sentence_spans(text)}
        blocked = [
            (run[0].start, run[-1].end)
            for run_start, run in name_runs(text, all_words, sorted(skip))
            if is_person(text, run, all_words, run_start) or is_organisation(run, all_words, run_start)
        ]
        blocked = merge_spans(blocked + organisation_spans(text))
        phrases = [
            p
            for p in self._find_phrases(text, skip)
            if not overlaps_any(p.start, p.end, blocked) and not after_organisation_word(text, p.start)
        ]
        skipped = sorted([*skip, *((p.start, p.end) for p in phrases)])
        found, bare_runs, weak_runs = self._names_in_runs(text, all_words, skipped, blocked)
        accepted = accept_found(
            text,
            found,
            all_words,
            lower_words,
            starts,
            locatives=locatives,
            lang=lang,
            known_place=self._is_country_or_capital,
        )
        taken = {span.start for span in accepted}
        bare_runs += [run for run, inside in weak_runs if not any(span.start in taken for span in inside)]
        bare_runs.sort(key=lambda run: run[0].start)
        share_kind_hints(text, accepted)
        for span in accepted:
            if span.kind_hint in ("region", "cercle", "province"):
                span.query = f"{span.text} {span.kind_hint}"
        listed = add_listed(text, accepted, found, all_words, lower_words)
        listed = add_contained(text, listed, found, lower_words, phrases)
        listed = add_same_name(text, listed, found, lower_words)
        listed = add_unlisted(text, listed, bare_runs, all_words, lower_words, starts, phrases, lang)
        spans = sorted([*listed, *phrases], key=lambda span: span.start)
        for previous, span in pairwise(spans):
            if text[previous.end : span.start] in ("'s ", "’s "):
                span.owner = previous.text  # "Burkina Faso's Sahel"
        return spans

    def _names_in_runs(
        self, text: str, all_words: list[NameWord], skipped: list[tuple[int, int]], blocked: list[tuple[int, int]]
    ) -> tuple[list[FoundName], list[list[NameWord]], list[tuple[list[NameWord], list[PlaceSpan]]]]:
        """The names of the gazetteer in each run of capitalised words, longest first
        (rules 1-4 and 7), with the runs that hold none and the runs that hold only
        GeoNames/OpenStreetMap names, not across the whole run (both for rule 8)."""
        found: list[FoundName] = []
        bare_runs: list[list[NameWord]] = []  # runs with no name of the gazetteer (rule 8)
        # Runs in which only GeoNames/OSM names were found, and not across the whole run:
        # "Tassia Sun Badjo" holds a village "Tassia" but names another place (rule 8).
        weak_runs: list[tuple[list[NameWord], list[PlaceSpan]]] = []
        for run_start, whole_run in name_runs(text, all_words, skipped):
            person = is_person(text, whole_run, all_words, run_start)
            organisation = is_organisation(whole_run, all_words, run_start)
            if organisation and len(whole_run) == 1 and COMPASS_TAIL.match(text, whole_run[0].end):
                bare_runs.append(whole_run)  # "le Centre-nord": a region, not a "Centre" (rule 8)
                continue
            if (
                len(whole_run) == 2
                and all(w.folded in DIRECTIONS for w in whole_run)
                and text[whole_run[0].end : whole_run[1].start] == "-"
            ):
                bare_runs.append(whole_run)  # "Centre-Nord": a compass region, not "Nord" (rule 8)
                continue
            if person or organisation:
                continue
            if inside_any(whole_run[0].start, whole_run[-1].end, blocked):
                continue
            before_run = len(found)
            for run in self._chain_parts(text, whole_run):
                i = 0
                while i < len(run):
                    if direction_of(run, i):
                        i += 1  # "le Centre du Mali": "Centre" is a part of Mali, not a name
                        continue
                    span = None
                    for n in range(min(MAX_NAME_WORDS, len(run) - i), 0, -1):
                        phrase = text[run[i].start : run[i + n - 1].end]
                        if n == 1 and (run[i].folded in DEMONYMS or run[i].folded in NEVER):
                            break
                        if (
                            n > 1
                            and run[i].folded in DEMONYMS
                            and fold(phrase) not in self._countries
                            and not (self._name_tiers(phrase) and self._is_country_or_capital(phrase))
                        ):
                            continue  # "Malian Gourma" is the Gourma; but "Western Sahara" is a country
                        if n > 1 and run[i + n - 1].folded in HINT_ADMIN_WORDS:
                            continue  # "Mopti Region": the name is "Mopti", "Region" a hint
                        if n > 1 and run[i].folded in HINT_ADMIN_WORDS and run[i + 1].folded in PARTICLES:
                            continue  # "Cercle de Bankass": the name is "Bankass", "Cercle" a hint
                        tiers = self._name_tiers(phrase)
                        if tiers:
                            end = run[i + n - 1].end
                            if "." in phrase and text[end : end + 1] == ".":
                                end, phrase = end + 1, phrase + "."  # "U.S." keeps its last dot
                            span = PlaceSpan(run[i].start, end, phrase, tiers, phrase)
                            break
                    if span is None:
                        i += 1
                        continue
                    if i > 0 and run[i - 1].folded == "greater":
                        i += n  # "the Greater Sahara" of a group's name is not the Sahara
                        continue
                    if inside_any(span.start, span.end, blocked):
                        i += n  # inside an organisation's name ("... Jihad in West Africa")
                        continue
                    if MEDIA_NUMBER.match(text, span.end) and span.end == run[-1].end:
                        i += n  # a medium: "France 24"
                        continue
                    found.append((span, i, n, run))
                    i += n
            if len(found) == before_run:
                bare_runs.append(whole_run)
            else:
                inside = [item[0] for item in found[before_run:]]
                covered = sum(span.end - span.start for span in inside)
                if all(not (span.tiers - WEAK_TIERS) for span in inside) and covered < len(
                    text[whole_run[0].start : whole_run[-1].end]
                ):
                    weak_runs.append((whole_run, inside))
        return found, bare_runs, weak_runs

    def _chain_parts(self, text: str, run: list[NameWord]) -> list[list[NameWord]]:
        """A run cut at its hyphens when it is not one name but each part is one
        ("Tamalat-Inchinane-Agrali", "Mali-Burkina Faso"); else the run itself (rule 7).
        Two parts known only from GeoNames/OSM stay one name ("Danga-Zouani")."""
        parts: list[list[NameWord]] = [[run[0]]]
        for previous, word in pairwise(run):
            if text[previous.end : word.start] == "-":
                parts.append([word])
            else:
                parts[-1].append(word)
        if len(parts) < 2 or self._name_tiers(text[run[0].start : run[-1].end]):
            return [run]
        tiers = [self._name_tiers(text[part[0].start : part[-1].end]) for part in parts]
        if all(tiers) and (len(parts) > 2 or all(t - WEAK_TIERS for t in tiers)):
            return parts  # two parts known only from GeoNames/OSM are one name: "Danga-Zouani"
        return [run]

    def _find_phrases(self, text: str, skip: Sequence[tuple[int, int]]) -> list[PlaceSpan]:
        """Curated and area names of several words, in any case ("three borders")."""
        spans = []
        for match in self._phrase_pattern.finditer(fold(text)):
            start, end = match.span()
            if any(s < end and start < e for s, e in skip):
                continue
            key = re.sub(r"[\s\-]+", " ", match.group())
            name = self._phrases[key]
            trimmed = GENERIC_AROUND.fullmatch(key)
            short = trimmed.group("name") if trimmed and trimmed.group("name") != key else None
            # "zone des trois frontières"
            if trimmed is not None and short and (short in self._phrases or self._name_tiers(short)):
                start += trimmed.start("name")
                end = start + len(short)
                name = self._phrases.get(short, text[start:end])
            written = text[start:end]
            first_word = re.split(r"[\s\-]+", key)[0]
            if written[:1].islower() and (first_word in DIRECTIONS | COMPASS_WORDS or " of " in key):
                continue  # "northern Africa", "north-central Africa", "a state of Azawad": prose
            head, _, last = written.rpartition(" ")
            shorter = key.rpartition(" ")[0]
            if head and last[:1].islower() and name.rpartition(" ")[2][:1].isupper() and shorter in self._phrases:
                end, name = start + len(head), self._phrases[shorter]  # "the Radisson Blu hotel": a generic word
            spans.append(PlaceSpan(start, end, text[start:end], frozenset({"curated"}), name))
        return spans

    def resolve(self, text: str, doc: str, spans: list[PlaceSpan], *, day: date | None = None) -> list[Mention]:
        """Geocode the spans (rule 6) and make them mentions (:func:`resolve_spans`)."""
        return resolve_spans(self._gazetteer, text, doc, spans, day=day)


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
                demonym = {folded_parts[0], folded_parts[-1]} & DEMONYMS - COMPASS_WORDS  # not "Central Africa"
                if any(w in HINT_ADMIN_WORDS for w in folded_parts) or demonym:
                    continue
                plain = [
                    i
                    for i, (w, f) in enumerate(zip(parts, folded_parts, strict=True))
                    if not w[:1].isupper() and f not in PARTICLES and f != "of"  # "Gulf of Guinea"
                ]
                if plain and any(w[:1].isupper() for w in parts[plain[0] :]):
                    continue
                key = re.sub(r"[\s\-]+", " ", fold(name))
                phrases.setdefault(key, name)
    ordered = sorted(phrases, key=len, reverse=True)
    body = "|".join(r"[\s\-]+".join(re.escape(p) for p in key.split(" ")) for key in ordered)
    return phrases, re.compile(r"(?<![\w\-])(?:" + body + r")(?![\w\-])")
