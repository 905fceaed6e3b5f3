"""The candidates of a query (rule 3): the records carrying its key inside the
country and every context, else the fuzzy ones, searched only inside the named areas
when the context names areas."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, NamedTuple

import numpy as np

from .. import schema
from .._store import holds_space, split_multi
from ..names import normalize
from .index import (
    FUZZY_CUT_OFFS_INSIDE,
    FUZZY_MIN_LENGTH_INSIDE,
    FUZZY_TWO_EDITS_LENGTH_INSIDE,
    MIN_FUZZY_SIMILARITY,
    MIN_FUZZY_SIMILARITY_FILES,
    similarity,
)

if TYPE_CHECKING:
    from .._store import Store
    from .context import Context
    from .index import NameIndex

__all__ = ["TRANSLITERATION_SIMILARITY", "Candidate", "CandidateFinder"]

# Name similarity of a record whose name meets the query only after transliteration
# folding ("Kona" for the query "Konna"): just below an exact spelling.
TRANSLITERATION_SIMILARITY = 0.97


@dataclass(slots=True)
class Candidate:
    """A record that may be what the query means, with how well it matches.

    ``uncertainty_km`` is the radius that covers the record and the records found to
    be the same place (``same_place``); ``None`` until :func:`~geo.matching.decision.decide`
    groups them. ``edge`` is set when the record lies outside an area of the context but
    within the border tolerance.

    Examples
    --------
    >>> candidate = Candidate(3, 0.97, "kona")
    >>> candidate.score, candidate.same_place, candidate.uncertainty_km, candidate.edge
    (0.0, [], None, False)
    """

    index: int
    similarity: float
    key: str
    score: float = 0.0
    near_km: float | None = None
    same_place: list[int] = field(default_factory=list)
    uncertainty_km: float | None = None
    edge: bool = False  # inside the context only thanks to the border tolerance


class _Pool(NamedTuple):
    """The distinct keys of the records inside some areas (``keys``, sorted), and the
    records of ``keys[k]``: ``records[bounds[k] : bounds[k + 1]]``, in order."""

    keys: list[str]
    records: np.ndarray
    bounds: np.ndarray


class CandidateFinder:
    """Finds the records a name may mean, over one gazetteer's records and names.

    Examples
    --------
    >>> import tempfile
    >>> from pathlib import Path
    >>> from geo.gazetteer.building import read_sources
    >>> from geo.matching import NameIndex
    >>> folder = Path(tempfile.mkdtemp())
    >>> header = "id,name,kind,lat,lon,uncertainty_km,country,coord_source"
    >>> rows = "\\nml-a,Konna,town,14.9,-3.9,3,ML,survey\\nml-b,Kona,village,16,0,2,ML,survey\\n"
    >>> _ = (folder / "places.csv").write_text(header + rows)
    >>> store, _features = read_sources(folder, bundled=False, osm=False)
    >>> finder = CandidateFinder(store, NameIndex(store))
    >>> [(c.index, c.similarity) for c in finder.find("Kona", None, [], exact=True)]
    [(0, 0.97), (1, 1.0)]
    >>> finder.find("Kona", "NE", [], exact=True)
    []
    """

    def __init__(self, store: Store, index: NameIndex) -> None:
        self._store = store
        self._index = index
        self._records_by_area: dict[str, np.ndarray] | None = None
        self._pools: dict[tuple[frozenset[str], ...], _Pool] = {}

    def prepare(self) -> None:
        """Make now what the first fuzzy search inside named areas makes: the records of
        each area, the gazetteer's (record, key) pairs, rapidfuzz imported."""
        import rapidfuzz.process  # noqa: F401

        self._by_area()
        self._store.key_pairs()

    def _spelled_as(self, index: int, spelling: str) -> bool:
        """Whether record ``index`` has a name spelled like ``spelling`` (case and accents aside)."""
        store = self._store
        names = [store.names[index], *store.variants[index].split(schema.MULTI_SEPARATOR)]
        return any(normalize(name, transliterate=False) == spelling for name in names)

    def find(self, name: str, country: str | None, contexts: list[Context], *, exact: bool) -> list[Candidate]:
        """The records that ``name`` may mean, inside ``country`` and every context.

        ``exact`` looks for the records carrying the name's key; otherwise the fuzzy
        ones: inside the areas the context names when it names some, else across the
        gazetteer (the file tiers only from :data:`~geo.matching.index.MIN_FUZZY_SIMILARITY_FILES`).
        """
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
            for other, score in self._index.fuzzy(key, min_similarity=MIN_FUZZY_SIMILARITY):
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

    def _pool(self, areas: list[frozenset[str]]) -> _Pool:
        """The keys of the records inside every one of the area sets, and their records."""
        cache_key = tuple(sorted(areas, key=sorted))
        pool = self._pools.get(cache_key)
        if pool is not None:
            return pool
        by_area = self._by_area()
        inside: np.ndarray | None = None
        for ids in areas:
            parts = [by_area[a] for a in ids if a in by_area]
            records = np.unique(np.concatenate(parts)) if parts else np.empty(0, dtype=np.int64)
            inside = records if inside is None else np.intersect1d(inside, records)
        pairs = self._store.key_pairs()
        member = np.zeros(len(self._store), dtype=bool)
        if inside is not None:
            member[inside] = True
        chosen = np.flatnonzero(member[pairs.records])  # the pairs of the records inside, in record order
        order = np.argsort(pairs.codes[chosen], kind="stable")  # by key, each key's records still in order
        chosen = chosen[order]
        codes = pairs.codes[chosen]
        distinct, starts = np.unique(codes, return_index=True)
        pool = _Pool([pairs.keys[c] for c in distinct.tolist()], pairs.records[chosen], np.append(starts, len(codes)))
        if len(self._pools) > 256:
            self._pools.clear()
        self._pools[cache_key] = pool
        return pool

    def _by_area(self) -> dict[str, np.ndarray]:
        """The records of each area (made on first use, then kept): the records grouped
        by their cell of area tags first (a few hundred distinct cells), each cell split once."""
        if self._records_by_area is not None:
            return self._records_by_area
        tagged = self._store.areas[:]
        plain = not holds_space(tagged)  # (then no part needs stripping: a plain split)
        number = {tags: n for n, tags in enumerate(dict.fromkeys(tagged))}
        codes = np.fromiter(map(number.__getitem__, tagged), np.int64, len(tagged))
        order = np.argsort(codes, kind="stable")
        bounds = np.searchsorted(codes[order], np.arange(len(number) + 1))
        parts: dict[str, list[np.ndarray]] = {}
        for tags, n in number.items():
            for area_id in tags.split(schema.MULTI_SEPARATOR) if plain else split_multi(tags):
                if area_id:
                    parts.setdefault(area_id, []).append(order[bounds[n] : bounds[n + 1]])
        self._records_by_area = {
            area_id: np.sort(np.concatenate(rows)) if len(rows) > 1 else rows[0] for area_id, rows in parts.items()
        }
        return self._records_by_area

    def _fuzzy_inside(self, areas: list[frozenset[str]], key: str) -> list[Candidate]:
        """Fuzzy candidates among the records inside the named areas only.

        A cercle holds about a thousand names, a region a few thousand, not 100,000:
        one edit is allowed from :data:`~geo.matching.index.FUZZY_MIN_LENGTH_INSIDE`
        letters and two from :data:`~geo.matching.index.FUZZY_TWO_EDITS_LENGTH_INSIDE`,
        the first letter may differ, and the similarity needed grows with the number of
        names searched (:data:`~geo.matching.index.FUZZY_CUT_OFFS_INSIDE`).
        """
        from rapidfuzz import process
        from rapidfuzz.distance import OSA

        if len(key) < FUZZY_MIN_LENGTH_INSIDE:
            return []
        max_distance = 2 if len(key) >= FUZZY_TWO_EDITS_LENGTH_INSIDE else 1
        pool = self._pool(areas)
        cut_off = next(needed for most, needed in FUZZY_CUT_OFFS_INSIDE if len(pool.keys) <= most)
        hits = process.extract(key, pool.keys, scorer=OSA.distance, score_cutoff=max_distance, limit=None)
        visible = set()
        best: dict[int, Candidate] = {}
        for other, distance, at in hits:
            if distance == 0:
                continue
            score = similarity(key, other)
            if score < cut_off:
                continue
            visible.update(self._index.exact(other))
            for i in pool.records[pool.bounds[at] : pool.bounds[at + 1]].tolist():
                if i in visible and (i not in best or score > best[i].similarity):
                    best[i] = Candidate(i, score, other)
        return list(best.values())
