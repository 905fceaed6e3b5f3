"""Find and rank the places a name may mean, and refuse to guess when it is unclear.

:class:`Matcher` holds the rules; the :class:`~geo.gazetteer.Gazetteer` hands it its
records, its name index and its area tags. For one query, in order:

1. **Query.** "Sokolo, Ségou" is split into a name and context (country or area
   names after the comma); a kind word at either end steers the kind ("Tamalelt
   well", "the Aguelhok camp", "puits de Tamalat").
2. **Context by level.** ``admin1`` names a first-level unit (a region of Mali,
   Niger or Burkina Faso), ``admin2`` a cercle, department or province, ``admin3`` a
   commune. The name is looked up among the areas *of that level* (any of their
   spellings, with or without "région", "cercle"...), in the outline valid on ``on``
   or, without a date, in any era's outline; a record passes when one of them holds
   its point within ~5 km (:data:`geo.areas.AREA_TOLERANCE_DEG`). So "Mopti" as
   ``admin2`` is the Mopti cercle, not the region. A name found only at another
   level is used at that level, with a warning; one found in no area falls back to
   GeoNames' admin names (Niger's departments have no outline here); ``admin3``
   (communes have no outline) keeps the records within :data:`COMMUNE_KM` of a
   commune or chief town of that name. An unknown name is ignored, with a warning.
3. **Candidates.** Every record carrying the query's key (:func:`geo.names.normalize`),
   across the curated places, the areas, GeoNames and OpenStreetMap, inside the
   context. Only when none does, a fuzzy search, scored by :func:`similarity` (the
   swaps that transliterations make, ``g``/``r`` for the Tamasheq ghayn, ``o``/``u``,
   ``e``/``i``, cost half an edit). The more names are searched, the likelier a typo
   spells another real place, so the cut-off tightens with their number: inside named
   areas, only their records are searched (one edit from 4 letters, two from 8) and
   kept from 0.75 among up to 2,000 names (a cercle), 0.87 among more (a region:
   :data:`FUZZY_CUT_OFFS_INSIDE`); elsewhere, keys within one edit (two for keys of
   :data:`FUZZY_TWO_EDITS_LENGTH` letters or more; none below :data:`FUZZY_MIN_LENGTH`)
   are kept from :data:`MIN_FUZZY_SIMILARITY` for the thousand names of the curated
   places and areas, and from :data:`MIN_FUZZY_SIMILARITY_FILES` for the 110,000 of
   GeoNames and OSM. A fuzzy candidate outside the named areas is never an answer.
4. **Score** = 100 × name similarity (1.0 spelled as recorded, 0.97 equal only after
   transliteration folding) + tier (curated 15, area 6, GeoNames and OSM 0) + kind
   (:data:`geo.schema.KIND_WEIGHTS`: towns 10 ... hamlets 8 ... wells 6) + 20 when the
   query names the kind + population (2·log10(1+population), at most 12) + nearness
   to ``near`` (30·exp(-d / 100 km)).
5. **One place, several records.** Candidates of one name within :data:`SAME_PLACE_KM`
   of a better-ranked one (GeoNames and OSM often both hold a village, or GeoNames
   twice, a few hundred metres to a few kilometres apart) are that place: it answers
   with its best record (of the best tier, curated, area, GeoNames, OSM, among those
   within :data:`SAME_PLACE_SCORE` points of the best score: a GeoNames village before
   the OSM node of it, but the OSM town before a GeoNames wadi of its name), with an
   uncertainty that covers the group.
6. **Decision.** The best candidate is returned unless a *rival* scores within
   :data:`AMBIGUITY_MARGIN` points of it and lies farther than :data:`FAR_APART_KM`
   (or the two uncertainties): then no answer, only the candidates. A wrong confident
   answer is worse than none. Not rivals: a GeoNames or OSM record when the best is a
   curated place (the curated tier holds the places the sources talk about), a record only transliterated to the query
   when the best one is spelled exactly ("Boni" is not "Bonié"), and a record of a
   lesser kind (a well, a wadi, a hill, a "locality"; a camp or a hamlet against a town) when the best
   is a settlement and the query names no kind ("Aguelhok" is the town), a village or
   hamlet of no recorded population when the best is a town of at least
   :data:`PROMINENT_POPULATION` people ("Dori" is the provincial capital), and a record
   inside the context only thanks to the border tolerance when the best lies inside.

The cut-offs were calibrated with ``benchmarks/geocode.py`` on its tuning half (see
the README for both halves' figures).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

import numpy as np

from . import schema
from ._store import split_multi
from .countries import country_code
from .errors import InputError
from .measure import great_circle_km
from .names import admin_key, normalize, strip_accents

if TYPE_CHECKING:
    from ._store import Store
    from .areas import Areas

__all__ = [
    "AMBIGUITY_MARGIN",
    "FAR_APART_KM",
    "SAME_PLACE_KM",
    "Candidate",
    "Match",
    "Matcher",
    "NameIndex",
    "similarity",
]

TIER_BONUS = {schema.CURATED: 15.0, schema.AREA: 6.0, schema.REFERENCE: 0.0, schema.OSM: 0.0}
TIER_RANK = {tier: rank for rank, tier in enumerate(schema.TIERS)}
KIND_HINT_BONUS = 20.0
NEAR_BONUS = 30.0
NEAR_SCALE_KM = 100.0
MAX_POPULATION_BONUS = 12.0
AMBIGUITY_MARGIN = 12.0
FAR_APART_KM = 25.0
# A town or city with at least this many people recorded is what its bare name means
# against villages and hamlets of no recorded population ("Dori" is Burkina Faso's
# Sahel capital, not the village "Dori Yagha" or a Dori hamlet in Mali).
PROMINENT_POPULATION = 10_000
SAME_PLACE_KM = 6.0
SAME_PLACE_SCORE = 3.0  # a record of a better tier heads its group within this many points
MIN_FUZZY_SIMILARITY = 0.84  # curated places and areas
MIN_FUZZY_SIMILARITY_FILES = 0.9  # GeoNames and OSM records, outside a named area
FUZZY_MIN_LENGTH = 5  # keys shorter than this match exactly or not at all
FUZZY_TWO_EDITS_LENGTH = 12  # keys this long may take two edits
# Inside named areas (admin context), where a few thousand names compete, not 100,000:
# (at most this many distinct names, the similarity needed), smallest first.
FUZZY_CUT_OFFS_INSIDE = ((2_000, 0.75), (math.inf, 0.87))
FUZZY_MIN_LENGTH_INSIDE = 4
FUZZY_TWO_EDITS_LENGTH_INSIDE = 8
# Name similarity of a record whose name meets the query only after transliteration
# folding ("Kona" for the query "Konna"): just below an exact spelling.
TRANSLITERATION_SIMILARITY = 0.97
# admin3 (a commune): records within this distance of a commune or chief town of that name.
COMMUNE_KM = 25.0
# Letters that transliterations of one name swap: half an edit each (see similarity).
CHEAP_SWAPS = frozenset({("g", "r"), ("r", "g"), ("o", "u"), ("u", "o"), ("e", "i"), ("i", "e")})
OK, AMBIGUOUS, NOT_FOUND = "ok", "ambiguous", "not_found"

# How settled a kind is, for who may be a rival of whom (see Decision above): towns 3,
# villages 2, hamlets, camps and sites 1, GeoNames/OSM "localities" (a named spot,
# often no settlement) 0.5, terrain features 0.
_SETTLEMENT_RANK: dict[str, float] = {
    "capital": 3,
    "city": 3,
    "town": 3,
    "village": 2,
    "hamlet": 1,
    "camp": 1,
    "military_base": 1,
    "airport": 1,
    "site": 1,
    "locality": 0.5,
}
_ARTICLES = frozenset({"the", "le", "la", "les", "l"})
_LINKS = frozenset({"de", "du", "d", "of", "des", "la", "le"})


@dataclass(slots=True)
class Candidate:
    """A record that may be what the query means, with how well it matches.

    ``uncertainty_km`` is the radius that covers the record and the records found to
    be the same place (``same_place``); ``None`` until :meth:`Matcher.decide` groups
    them. ``edge`` is set when the record lies outside an area of the context but
    within the border tolerance.
    """

    index: int
    similarity: float
    key: str
    score: float = 0.0
    near_km: float | None = None
    same_place: list[int] = field(default_factory=list)
    uncertainty_km: float | None = None
    edge: bool = False  # inside the context only thanks to the border tolerance


@dataclass(slots=True)
class Match:
    """The outcome of matching one query: the chosen record (or none) and why."""

    status: str
    candidates: list[Candidate] = field(default_factory=list)
    reason: str = ""
    warnings: list[str] = field(default_factory=list)

    @property
    def best(self) -> Candidate | None:
        return self.candidates[0] if self.status == OK and self.candidates else None


class NameIndex:
    """Every key of every record, for exact and fuzzy look-up.

    Curated and area records are indexed here; the file tiers' indexes (GeoNames,
    OpenStreetMap) come ready-made from their files (sorted keys and comma-separated
    postings, parsed only when a key is asked for), so that loading stays fast.
    """

    def __init__(self, store: Store) -> None:
        by_key: dict[str, list[int]] = {}
        first_file = store.ready_indexes[0][0] if store.ready_indexes else len(store)
        for index in range(first_file):
            for key in store.keys[index].split(schema.MULTI_SEPARATOR):
                if key:
                    entry = by_key.setdefault(key, [])
                    if index not in entry:
                        entry.append(index)
        self._own = by_key
        self._files = [
            (offset, dict(zip(keys, postings, strict=True))) for offset, keys, postings in store.ready_indexes
        ]
        self._hidden: set[int] = set()
        self._blocks: dict[tuple[str, int], list[str]] | None = None

    def remove(self, index: int) -> None:
        """Hide record ``index`` from every look-up."""
        self._hidden.add(index)

    def __contains__(self, key: str) -> bool:
        return bool(self.exact(key))

    def __len__(self) -> int:
        """The number of distinct keys."""
        return sum(len(keys) for keys in self._prepare_fuzzy().values())

    def exact(self, key: str) -> list[int]:
        """The records carrying ``key``, curated and areas first, then each file tier."""
        found = list(self._own.get(key, ()))
        for offset, postings in self._files:
            numbers = postings.get(key)
            if numbers:
                found.extend(offset + int(n) for n in numbers.split(","))
        if self._hidden:
            found = [i for i in found if i not in self._hidden]
        return found

    def _prepare_fuzzy(self) -> dict[tuple[str, int], list[str]]:
        """The keys by first letter and length (made on first use, then kept)."""
        if self._blocks is not None:
            return self._blocks
        every: set[str] = set(self._own)
        for _offset, postings in self._files:
            every.update(postings)
        blocks: dict[tuple[str, int], list[str]] = {}
        for key in every:
            blocks.setdefault((key[0], len(key)), []).append(key)
        self._blocks = {block: sorted(keys) for block, keys in blocks.items()}
        return self._blocks

    def fuzzy(
        self, key: str, *, min_similarity: float = MIN_FUZZY_SIMILARITY, limit: int = 50
    ) -> list[tuple[str, float]]:
        """Keys within a small edit distance of ``key``, with their :func:`similarity`.

        Only keys that start with the same letter and differ in length by at most the
        distance are compared (reporters rarely get the first letter wrong, and the
        normalisation already folds the initial transliterations), which keeps a
        fuzzy look-up near a millisecond over 100,000 names.
        """
        from rapidfuzz import process
        from rapidfuzz.distance import OSA

        blocks = self._prepare_fuzzy()
        max_distance = max_edit_distance(len(key))
        if not key or max_distance == 0:
            return []
        choices: list[str] = []
        for length in range(len(key) - max_distance, len(key) + max_distance + 1):
            choices.extend(blocks.get((key[0], length), ()))
        found = process.extract(key, choices, scorer=OSA.distance, score_cutoff=max_distance, limit=limit)
        results = []
        for other, distance, _ in found:
            if distance == 0:
                continue
            score = similarity(key, other)
            if score >= min_similarity:
                results.append((other, score))
        return results


def max_edit_distance(length: int) -> int:
    """How many edits a fuzzy match may need, by key length (calibrated, see README).

    Examples
    --------
    >>> [max_edit_distance(n) for n in (3, 5, 9, 12)]
    [0, 1, 1, 2]
    """
    if length < FUZZY_MIN_LENGTH:
        return 0
    return 2 if length >= FUZZY_TWO_EDITS_LENGTH else 1


def similarity(a: str, b: str) -> float:
    """Similarity of two keys: ``1 - cost / length``, with transliteration swaps cheap.

    The cost is the optimal string alignment distance (insertions, deletions,
    substitutions and swaps of neighbouring letters cost 1) except that a substitution
    in :data:`CHEAP_SWAPS` costs 0.5: ``g``/``r`` (the ghayn written "gh", "g" or
    "r"), ``o``/``u`` and ``e``/``i``.

    Examples
    --------
    >>> round(similarity("tintafagat", "tintafarat"), 3)   # Tin Tafagat / Ti-n-Tafarat
    0.95
    >>> round(similarity("itahaka", "itaraka"), 3)         # Intahaka / I-n-Taraka
    0.857
    """
    n, m = len(a), len(b)
    if not n or not m:
        return 0.0
    previous2: list[float] = []
    previous = [float(j) for j in range(m + 1)]
    for i in range(1, n + 1):
        current = [float(i)] + [0.0] * m
        for j in range(1, m + 1):
            x, y = a[i - 1], b[j - 1]
            cost = 0.0 if x == y else (0.5 if (x, y) in CHEAP_SWAPS else 1.0)
            value = min(previous[j] + 1.0, current[j - 1] + 1.0, previous[j - 1] + cost)
            if i > 1 and j > 1 and x == b[j - 2] and a[i - 2] == y:
                value = min(value, previous2[j - 2] + 1.0)
            current[j] = value
        previous2, previous = previous, current
    return 1.0 - previous[m] / max(n, m)


@dataclass(frozen=True)
class _Context:
    """One piece of admin context and the records it lets through."""

    label: str
    value: str
    inside: Callable[[int], bool]
    soft: bool = False  # applied only when it leaves a candidate (admin3)
    strictly_inside: Callable[[int], bool] | None = None  # without the border tolerance
    area_ids: frozenset[str] = frozenset()  # the areas it names, when it names areas


class Matcher:
    """The geocoder's rules (this module's docstring), over one gazetteer's records.

    Parameters
    ----------
    store : Store
        The gazetteer's records, all tiers.
    index : NameIndex
        Their names (hidden duplicates already removed).
    tag_areas : callable
        Called once before the first containment test: tags the curated and area
        records with the areas that hold them (the file tiers come tagged).
    areas : callable
        Returns the areas' polygons (:class:`geo.areas.Areas`), read on first use.
    """

    def __init__(
        self, store: Store, index: NameIndex, tag_areas: Callable[[], None], areas: Callable[[], Areas]
    ) -> None:
        self._store = store
        self._index = index
        self._tag_areas = tag_areas
        self._areas = areas
        self._areas_by_level: dict[str, dict[str, list[int]]] = {}
        for i, tier in enumerate(store.tiers):
            if tier != schema.AREA:
                continue
            level = schema.ADMIN_LEVEL_OF_KIND.get(store.kinds[i], "other")
            for name in [store.names[i], *split_multi(store.variants[i])]:
                entry = self._areas_by_level.setdefault(level, {}).setdefault(admin_key(name), [])
                if i not in entry:
                    entry.append(i)
        self._names_by_level: dict[str, set[str]] | None = None
        self._records_by_area: dict[str, np.ndarray] | None = None
        self._pools: dict[tuple[frozenset[str], ...], tuple[list[str], dict[str, list[int]]]] = {}

    # --- context ----------------------------------------------------------------------
    def _valid_on(self, area: int, on: tuple[date, date] | None) -> bool:
        if on is None:
            return True
        extra = self._store.extra.get(area, {})
        start, end = extra.get(schema.VALID_FROM, ""), extra.get(schema.VALID_TO, "")
        return (not start or start <= on[1].isoformat()) and (not end or end >= on[0].isoformat())

    def _areas_named(self, key: str, level: str | None, on: tuple[date, date] | None) -> list[int]:
        levels = [level] if level else list(self._areas_by_level)
        found = [a for lv in levels for a in self._areas_by_level.get(lv, {}).get(key, ())]
        valid = [a for a in found if self._valid_on(a, on)]
        return valid or found  # a name used outside its outline's dates: any era's

    def _admin_names(self, level: str) -> set[str]:
        if self._names_by_level is None:
            store = self._store
            self._names_by_level = {
                "admin1": {admin_key(n) for n in set(store.admin1) if n},
                "admin2": {admin_key(n) for n in set(store.admin2) if n},
            }
        return self._names_by_level.get(level, set())

    def context(self, label: str, value: str, on: tuple[date, date] | None, warnings: list[str]) -> _Context | None:
        """The filter for one piece of context (``admin1``... or ``context`` after a comma)."""
        key = admin_key(value)
        level = label if label in schema.ADMIN_LEVELS else None
        areas = self._areas_named(key, level, on)
        if not areas and level is not None:
            areas = self._areas_named(key, None, on)
            if areas:
                kinds = sorted({self._store.kinds[a] for a in areas})
                warnings.append(
                    f"{label} {value!r} is not a {schema.ADMIN_LEVELS[level]} the gazetteer knows; "
                    f"it was used as the {' or '.join(kinds)} of that name"
                )
        store = self._store
        if areas:
            self._tag_areas()
            ids = frozenset(store.ids[a] for a in areas)

            def inside(i: int) -> bool:
                return not ids.isdisjoint(split_multi(store.areas[i]))

            def strictly_inside(i: int) -> bool:
                return self._areas().covers(ids, float(store.lat[i]), float(store.lon[i]))

            return _Context(label, value, inside, strictly_inside=strictly_inside, area_ids=ids)
        if level in ("admin1", "admin2") and key in self._admin_names(level):
            column = store.admin1 if level == "admin1" else store.admin2

            def named(i: int) -> bool:
                return admin_key(column[i]) == key

            return _Context(label, value, named)
        if level == "admin3":
            seats = [i for i in self._index.exact(normalize(value)) if store.kinds[i] in schema.COMMUNE_SEAT_KINDS]
            if seats:
                idx = np.array(seats)

                def near_seat(i: int) -> bool:
                    d = great_circle_km(store.lat[i], store.lon[i], store.lat[idx], store.lon[idx])
                    return bool((d <= COMMUNE_KM).any())

                return _Context(label, value, near_seat, soft=True)
        warnings.append(f"{label} {value!r} is not an area the gazetteer knows; it was ignored")
        return None

    # --- the query --------------------------------------------------------------------
    def split_query(self, text: str) -> tuple[str, str | None, list[str]]:
        """Split "Sokolo, Ségou" into name and context, "the Aguelhok camp" into name and kind."""
        if normalize(text) in self._index:
            return text, None, []
        parts = [p.strip() for p in text.split(",") if p.strip()]
        name, context = parts[0], parts[1:]
        if normalize(name) in self._index:
            return name, None, context
        words = name.split()
        folded = [strip_accents(w).lower().strip(".") for w in words]
        while len(words) > 1 and folded[0] in _ARTICLES:
            del words[0], folded[0]
        kind_hint = None
        for start, end in ((0, 1), (len(words) - 1, len(words))):
            if len(words) > 1 and folded[start] in schema.KIND_WORDS:
                kind_hint = schema.KIND_WORDS[folded[start]]
                del words[start:end], folded[start:end]
                while words and folded[0] in _LINKS:
                    del words[0], folded[0]
                break
        return " ".join(words) or name, kind_hint, context

    def _spelled_as(self, index: int, spelling: str) -> bool:
        """Whether record ``index`` has a name spelled like ``spelling`` (case and accents aside)."""
        store = self._store
        names = [store.names[index], *store.variants[index].split(schema.MULTI_SEPARATOR)]
        return any(normalize(name, transliterate=False) == spelling for name in names)

    def candidates(self, name: str, country: str | None, contexts: list[_Context], *, exact: bool) -> list[Candidate]:
        """The records that ``name`` may mean, inside ``country`` and every context."""
        store = self._store
        key = normalize(name)
        if exact:
            spelling = normalize(name, transliterate=False)
            found = [
                Candidate(i, 1.0 if self._spelled_as(i, spelling) else TRANSLITERATION_SIMILARITY, key)
                for i in self._index.exact(key)
            ]
        elif any(c.area_ids for c in contexts):
            found = self._fuzzy_inside([c.area_ids for c in contexts if c.area_ids], key)
        else:
            best: dict[int, Candidate] = {}
            for other, score in self._index.fuzzy(key):
                for i in self._index.exact(other):
                    if score < MIN_FUZZY_SIMILARITY_FILES and store.tiers[i] in schema.FILE_TIERS:
                        continue  # outside a named area, a typo easily spells one of 100,000 names
                    if i not in best or score > best[i].similarity:
                        best[i] = Candidate(i, score, other)
            found = list(best.values())
        if country:
            found = [c for c in found if store.countries[c.index] == country]
        for context in contexts:
            kept = [c for c in found if context.inside(c.index)]
            if len(kept) > 1 and context.strictly_inside is not None:
                for c in kept:
                    c.edge = c.edge or not context.strictly_inside(c.index)
            if kept or not context.soft:
                found = kept
        return found

    def _pool(self, areas: list[frozenset[str]]) -> tuple[list[str], dict[str, list[int]]]:
        """The keys of the records inside every one of the area sets, and their records."""
        cache_key = tuple(sorted(areas, key=sorted))
        if cache_key in self._pools:
            return self._pools[cache_key]
        store = self._store
        if self._records_by_area is None:
            by_area: dict[str, list[int]] = {}
            for i, tags in enumerate(store.areas):
                for area_id in split_multi(tags):
                    by_area.setdefault(area_id, []).append(i)
            self._records_by_area = {a: np.array(ids, dtype=np.int64) for a, ids in by_area.items()}
        inside: np.ndarray | None = None
        for ids in areas:
            parts = [self._records_by_area[a] for a in ids if a in self._records_by_area]
            records = np.unique(np.concatenate(parts)) if parts else np.empty(0, dtype=np.int64)
            inside = records if inside is None else np.intersect1d(inside, records)
        by_key: dict[str, list[int]] = {}
        for i in (inside if inside is not None else np.empty(0, dtype=np.int64)).tolist():
            for k in store.keys[i].split(schema.MULTI_SEPARATOR):
                if k:
                    by_key.setdefault(k, []).append(i)
        if len(self._pools) > 256:
            self._pools.clear()
        self._pools[cache_key] = (sorted(by_key), by_key)
        return self._pools[cache_key]

    def _fuzzy_inside(self, areas: list[frozenset[str]], key: str) -> list[Candidate]:
        """Fuzzy candidates among the records inside the named areas only.

        A cercle holds about a thousand names, a region a few thousand, not 100,000:
        one edit is allowed from :data:`FUZZY_MIN_LENGTH_INSIDE` letters and two from
        :data:`FUZZY_TWO_EDITS_LENGTH_INSIDE`, the first letter may differ, and the
        similarity needed grows with the number of names searched
        (:data:`FUZZY_CUT_OFFS_INSIDE`).
        """
        from rapidfuzz import process
        from rapidfuzz.distance import OSA

        if len(key) < FUZZY_MIN_LENGTH_INSIDE:
            return []
        max_distance = 2 if len(key) >= FUZZY_TWO_EDITS_LENGTH_INSIDE else 1
        keys, records = self._pool(areas)
        cut_off = next(needed for most, needed in FUZZY_CUT_OFFS_INSIDE if len(keys) <= most)
        hits = process.extract(key, keys, scorer=OSA.distance, score_cutoff=max_distance, limit=None)
        visible = set()
        best: dict[int, Candidate] = {}
        for other, distance, _ in hits:
            if distance == 0:
                continue
            score = similarity(key, other)
            if score < cut_off:
                continue
            visible.update(self._index.exact(other))
            for i in records[other]:
                if i in visible and (i not in best or score > best[i].similarity):
                    best[i] = Candidate(i, score, other)
        return list(best.values())

    def match(
        self,
        text: str,
        *,
        country: str | None = None,
        admin1: str | None = None,
        admin2: str | None = None,
        admin3: str | None = None,
        near: tuple[float, float] | None = None,
        on: tuple[date, date] | None = None,
    ) -> Match:
        """Match one query (already cleaned) with its context; see the module's rules."""
        warnings: list[str] = []
        contexts: list[_Context] = []
        for label, value in (("admin1", admin1), ("admin2", admin2), ("admin3", admin3)):
            if value is not None and str(value).strip():
                context = self.context(label, str(value).strip(), on, warnings)
                if context is not None:
                    contexts.append(context)
        name, kind_hint, extra_context = self.split_query(text)
        for value in extra_context:  # "Sokolo, Ségou": the parts after the comma
            try:
                country = country or country_code(value)
                continue
            except InputError:
                pass
            context = self.context("context", value, on, warnings)
            if context is not None:
                contexts.append(context)
        candidates = self.candidates(name, country, contexts, exact=True) or self.candidates(
            name, country, contexts, exact=False
        )
        if kind_hint and not any(self._store.kinds[c.index] == kind_hint for c in candidates):
            kind_hint = None  # "the Aguelhok camp" with no camp of that name: the town
        self.score(candidates, kind_hint=kind_hint, near=near)
        match = self.decide(candidates, kind_hint=kind_hint)
        if match.status == NOT_FOUND and contexts:
            where = ", ".join(f"{c.label}={c.value!r}" for c in contexts)
            unfiltered = self.candidates(name, country, [], exact=True) or self.candidates(
                name, country, [], exact=False
            )
            if unfiltered:
                self.score(unfiltered, kind_hint=kind_hint, near=near)
                match = Match(
                    NOT_FOUND,
                    sorted(unfiltered, key=lambda c: -c.score)[:10],
                    f"places named {name!r} exist, but none inside {where}",
                )
        elif match.status == NOT_FOUND and country:
            match.reason = f"no place named {name!r} in country {country}"
        match.warnings.extend(warnings)
        return match

    # --- scoring and deciding ---------------------------------------------------------
    def score(
        self,
        candidates: list[Candidate],
        *,
        kind_hint: str | None = None,
        near: tuple[float, float] | None = None,
    ) -> None:
        """Set each candidate's score by the rules in this module's docstring."""
        if not candidates:
            return
        store = self._store
        idx = np.fromiter((c.index for c in candidates), dtype=np.int64, count=len(candidates))
        near_km = great_circle_km(near[0], near[1], store.lat[idx], store.lon[idx]) if near else None
        population = store.population[idx]
        for i, candidate in enumerate(candidates):
            kind = store.kinds[candidate.index]
            score = 100.0 * candidate.similarity
            score += TIER_BONUS.get(store.tiers[candidate.index], 0.0)
            score += schema.KIND_WEIGHTS.get(kind, 4.0)
            if kind_hint and kind == kind_hint:
                score += KIND_HINT_BONUS
            score += min(2.0 * math.log10(1.0 + float(population[i])), MAX_POPULATION_BONUS)
            if near_km is not None:
                candidate.near_km = float(near_km[i])
                score += NEAR_BONUS * math.exp(-candidate.near_km / NEAR_SCALE_KM)
            candidate.score = round(score, 3)

    def _order(self, candidate: Candidate) -> tuple:
        store = self._store
        i = candidate.index
        return (
            -candidate.score,
            TIER_RANK.get(store.tiers[i], len(TIER_RANK)),
            -int(store.population[i]),
            store.ids[i],
        )

    def _group(self, ranked: list[Candidate]) -> list[Candidate]:
        """Fold candidates of one name lying within SAME_PLACE_KM of a better one into it.

        Each group answers with its best-scored record, or one of a better tier
        (curated, area, GeoNames, OSM) scoring within :data:`SAME_PLACE_SCORE` of it,
        at the group's best score, with an uncertainty that covers the group.
        """
        store = self._store
        groups: list[list[Candidate]] = []
        for candidate in ranked:
            i = candidate.index
            home = None
            if groups:
                idx = np.fromiter((g[0].index for g in groups), dtype=np.int64, count=len(groups))
                distances = great_circle_km(store.lat[i], store.lon[i], store.lat[idx], store.lon[idx])
                for group, d in zip(groups, distances.tolist(), strict=True):
                    if d <= SAME_PLACE_KM and group[0].key == candidate.key:
                        home = group
                        break
            if home is None:
                groups.append([candidate])
            else:
                home.append(candidate)
        heads = []
        for group in groups:
            best = group[0].score
            head = min(
                (c for c in group if c.score >= best - SAME_PLACE_SCORE),
                key=lambda c: (TIER_RANK.get(store.tiers[c.index], len(TIER_RANK)), -c.score),
            )
            head.score = group[0].score
            head.uncertainty_km = float(store.uncertainty_km[head.index])
            others = [c.index for c in group if c is not head]
            if others:
                idx = np.array(others)
                reach = great_circle_km(store.lat[head.index], store.lon[head.index], store.lat[idx], store.lon[idx])
                head.uncertainty_km = max(head.uncertainty_km, float((reach + store.uncertainty_km[idx]).max()))
                head.same_place = others
            heads.append(head)
        return heads

    def _rival(self, top: Candidate, other: Candidate, kind_hint: str | None) -> bool:
        """Whether ``other`` may make the choice of ``top`` unclear (kind and spelling)."""
        store = self._store
        if top.similarity == 1.0 and other.similarity < 1.0:
            return False  # an exact spelling outranks another name's transliteration
        if other.edge and not top.edge:
            return False  # inside the named area beats just outside it
        if store.tiers[top.index] == schema.CURATED and store.tiers[other.index] in schema.FILE_TIERS:
            return False  # a curated place's name means that place
        if kind_hint is not None or store.tiers[other.index] in (schema.CURATED, schema.AREA):
            return True
        top_rank = _SETTLEMENT_RANK.get(store.kinds[top.index], 0)
        other_rank = _SETTLEMENT_RANK.get(store.kinds[other.index], 0)
        known_town = top_rank >= 3 and store.population[top.index] >= PROMINENT_POPULATION
        unrecorded_village = other_rank < 3 and store.population[other.index] == 0
        if known_town and unrecorded_village:
            return False  # a known town against an unrecorded village of its name
        # A town against a hamlet, a village or a camp against a locality or a wadi.
        return not (other_rank < top_rank - 1 or (top_rank >= 1 and other_rank < 1))

    def decide(self, candidates: list[Candidate], *, kind_hint: str | None = None, limit: int = 10) -> Match:
        """Rank scored candidates, fold records of one place, and choose one or refuse."""
        if not candidates:
            return Match(NOT_FOUND, [], "no place of that name in the gazetteer")
        store = self._store
        ranked = self._group(sorted(candidates, key=self._order))
        top = ranked[0]
        close = [c for c in ranked[1:] if c.score >= top.score - AMBIGUITY_MARGIN and self._rival(top, c, kind_hint)]
        if close:
            idx = np.fromiter((c.index for c in close), dtype=np.int64, count=len(close))
            distances = great_circle_km(store.lat[top.index], store.lon[top.index], store.lat[idx], store.lon[idx])
            rivals = [
                (c, float(d))
                for c, d in zip(close, distances, strict=True)
                if d > max(FAR_APART_KM, (top.uncertainty_km or 0.0) + (c.uncertainty_km or 0.0))
            ]
            if rivals:
                c, d = rivals[0]
                reason = (
                    f"{len(rivals) + 1} places match about equally well and lie up to "
                    f"{max(r[1] for r in rivals):.0f} km apart ({store.names[top.index]} [{store.ids[top.index]}] "
                    f"and {store.names[c.index]} [{store.ids[c.index]}], {d:.0f} km apart); "
                    "add country, admin1, admin2 or near to choose"
                )
                return Match(AMBIGUOUS, ranked[:limit], reason)
        return Match(OK, ranked[:limit])
