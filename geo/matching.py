"""Find and rank the places a name may mean, and refuse to guess when it is unclear.

The rules, in order:

1. **Candidates.** The query's key (:func:`geo.names.normalize`) is looked up among
   every name and variant of every record. Only when no record carries that exact key
   does a fuzzy search run: keys within an edit distance (optimal string alignment:
   a swap of two neighbouring letters counts as one edit) of 1, or 2 for keys of
   :data:`FUZZY_TWO_EDITS_LENGTH` letters or more, none for keys shorter than
   :data:`FUZZY_MIN_LENGTH`; scored by ``1 - distance / length`` and kept above
   :data:`MIN_FUZZY_SIMILARITY`. The cut-offs were calibrated with
   ``benchmarks/geocode.py`` (see the README).
2. **Hard filters.** ``country`` keeps records of that country; ``admin1``/``admin2``
   (any name of an area: region, cercle, province, old or new) keep records inside
   that area (within ~5 km of its outline).
3. **Score** = 100 × name similarity + tier (curated 15, area 6, GeoNames 0) + kind
   (populated places 9-10, down to 4 for minor terrain features; see
   :data:`geo.schema.KIND_WEIGHTS`) + 20 when the query names the kind ("Tamalelt
   well") + population (2·log10(1+population), at most 12) + nearness to ``near``
   (30·exp(-d / 100 km)).
4. **Decision.** The best candidate is returned unless another candidate scores within
   :data:`AMBIGUITY_MARGIN` points of it and lies farther away than
   :data:`FAR_APART_KM` (or the two places' uncertainties): then the query is
   ambiguous and no answer is given, only the candidates. A wrong confident answer is
   worse than none.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

from . import schema
from .measure import great_circle_km

if TYPE_CHECKING:
    from ._store import Store

__all__ = ["AMBIGUITY_MARGIN", "FAR_APART_KM", "Candidate", "Match", "NameIndex", "decide", "score_candidates"]

TIER_BONUS = {schema.CURATED: 15.0, schema.AREA: 6.0, schema.REFERENCE: 0.0}
KIND_HINT_BONUS = 20.0
NEAR_BONUS = 30.0
NEAR_SCALE_KM = 100.0
MAX_POPULATION_BONUS = 12.0
AMBIGUITY_MARGIN = 12.0
FAR_APART_KM = 25.0
MIN_FUZZY_SIMILARITY = 0.84
FUZZY_MIN_LENGTH = 5  # keys shorter than this match exactly or not at all
FUZZY_TWO_EDITS_LENGTH = 12  # keys this long may take two edits
OK, AMBIGUOUS, NOT_FOUND = "ok", "ambiguous", "not_found"


@dataclass(slots=True)
class Candidate:
    """A record that may be what the query means, with how well it matches."""

    index: int
    similarity: float
    key: str
    score: float = 0.0
    near_km: float | None = None


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

    Curated and area records are indexed here; the reference tier's index comes
    ready-made from its file (sorted keys and comma-separated postings, parsed only
    when a key is asked for), so that loading stays fast.
    """

    def __init__(self, store: Store) -> None:
        by_key: dict[str, list[int]] = {}
        first_reference = store.reference_index[0] if store.reference_index else len(store)
        for index in range(first_reference):
            for key in store.keys[index].split(schema.MULTI_SEPARATOR):
                if key:
                    entry = by_key.setdefault(key, [])
                    if index not in entry:
                        entry.append(index)
        self._own = by_key
        self._reference: dict[str, str] = {}
        self._offset = first_reference
        if store.reference_index:
            _offset, keys, postings = store.reference_index
            self._reference = dict(zip(keys, postings, strict=True))
        self._hidden: set[int] = set()
        self._blocks: dict[tuple[str, int], list[str]] | None = None

    def remove(self, index: int) -> None:
        """Hide record ``index`` from every look-up."""
        self._hidden.add(index)

    def __contains__(self, key: str) -> bool:
        return bool(self.exact(key))

    def exact(self, key: str) -> list[int]:
        """The records carrying ``key``, curated and areas first."""
        found = list(self._own.get(key, ()))
        postings = self._reference.get(key)
        if postings:
            offset = self._offset
            found.extend(offset + int(n) for n in postings.split(","))
        if self._hidden:
            found = [i for i in found if i not in self._hidden]
        return found

    def _prepare_fuzzy(self) -> None:
        blocks: dict[tuple[str, int], list[str]] = {}
        for key in set(self._own) | set(self._reference):
            blocks.setdefault((key[0], len(key)), []).append(key)
        self._blocks = {block: sorted(keys) for block, keys in blocks.items()}

    def fuzzy(self, key: str, *, limit: int = 25) -> list[tuple[str, float]]:
        """Keys within a small edit distance of ``key``, with their similarity.

        Only keys that start with the same letter and differ in length by at most the
        distance are compared (reporters rarely get the first letter wrong, and the
        normalisation already folds the initial transliterations), which keeps a
        fuzzy look-up near a millisecond over 100,000 names.
        """
        from rapidfuzz import process
        from rapidfuzz.distance import OSA

        if self._blocks is None:
            self._prepare_fuzzy()
        max_distance = max_edit_distance(len(key))
        if not key or max_distance == 0:
            return []
        choices: list[str] = []
        for length in range(len(key) - max_distance, len(key) + max_distance + 1):
            choices.extend(self._blocks.get((key[0], length), ()))
        found = process.extract(key, choices, scorer=OSA.distance, score_cutoff=max_distance, limit=limit)
        results = []
        for other, distance, _ in found:
            if distance == 0:
                continue
            similarity = 1.0 - distance / max(len(key), len(other))
            if similarity >= MIN_FUZZY_SIMILARITY:
                results.append((other, similarity))
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


def score_candidates(
    store: Store,
    candidates: list[Candidate],
    *,
    kind_hint: str | None = None,
    near: tuple[float, float] | None = None,
) -> None:
    """Set each candidate's score by the rules in this module's docstring."""
    if not candidates:
        return
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


def _order(store: Store, candidate: Candidate) -> tuple:
    tier_rank = {schema.CURATED: 0, schema.AREA: 1}.get(store.tiers[candidate.index], 2)
    return (-candidate.score, tier_rank, -int(store.population[candidate.index]), store.ids[candidate.index])


def decide(store: Store, candidates: list[Candidate], *, limit: int = 10) -> Match:
    """Rank scored candidates and choose one, or refuse when the choice is unclear."""
    if not candidates:
        return Match(NOT_FOUND, [], "no place of that name in the gazetteer")
    ranked = sorted(candidates, key=lambda c: _order(store, c))
    top = ranked[0]
    close = [c for c in ranked[1:] if c.score >= top.score - AMBIGUITY_MARGIN]
    if close:
        idx = np.fromiter((c.index for c in close), dtype=np.int64, count=len(close))
        distances = great_circle_km(store.lat[top.index], store.lon[top.index], store.lat[idx], store.lon[idx])
        top_uncertainty = store.uncertainty_km[top.index]
        rivals = [
            (c, float(d))
            for c, d in zip(close, distances, strict=True)
            if d > max(FAR_APART_KM, top_uncertainty + store.uncertainty_km[c.index])
        ]
        if rivals:
            c, d = rivals[0]
            reason = (
                f"{len(rivals) + 1} places match about equally well and lie up to {max(r[1] for r in rivals):.0f} km "
                f"apart ({store.names[top.index]} [{store.ids[top.index]}] and {store.names[c.index]} "
                f"[{store.ids[c.index]}], {d:.0f} km apart); add country, admin1, admin2 or near to choose"
            )
            return Match(AMBIGUOUS, ranked[:limit], reason)
    return Match(OK, ranked[:limit])
