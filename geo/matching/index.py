"""The name index and the fuzzy search (rule 3's look-up): every key of every record,
exact and within a few edits, and the cut-offs that keep a typo from meaning another place.

The cut-offs were calibrated together with ``benchmarks/geocode.py`` on its tuning half
(see the README): :func:`max_edit_distance` and :data:`MIN_FUZZY_SIMILARITY` outside a
named area, :data:`FUZZY_CUT_OFFS_INSIDE` inside one (:mod:`geo.matching.candidates`).
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from .. import schema

if TYPE_CHECKING:
    from .._store import Store

__all__ = ["NameIndex", "max_edit_distance", "similarity"]

MIN_FUZZY_SIMILARITY = 0.84  # curated places and areas
MIN_FUZZY_SIMILARITY_FILES = 0.9  # GeoNames and OSM records, outside a named area
FUZZY_MIN_LENGTH = 5  # keys shorter than this match exactly or not at all
FUZZY_TWO_EDITS_LENGTH = 12  # keys this long may take two edits
# Inside named areas (admin context), where a few thousand names compete, not 100,000:
# (at most this many distinct names, the similarity needed), smallest first.
FUZZY_CUT_OFFS_INSIDE = ((2_000, 0.75), (math.inf, 0.87))
FUZZY_MIN_LENGTH_INSIDE = 4
FUZZY_TWO_EDITS_LENGTH_INSIDE = 8
# Letters that transliterations of one name swap: half an edit each (see similarity).
CHEAP_SWAPS = frozenset({("g", "r"), ("r", "g"), ("o", "u"), ("u", "o"), ("e", "i"), ("i", "e")})


class NameIndex:
    """Every key of every record, for exact and fuzzy look-up.

    Curated and area records are indexed here; the file tiers' indexes (GeoNames,
    OpenStreetMap) come ready-made from their files (sorted keys and comma-separated
    postings, parsed only when a key is asked for), so that loading stays fast.

    Examples
    --------
    >>> import tempfile
    >>> from pathlib import Path
    >>> from geo.gazetteer.building import read_sources
    >>> folder = Path(tempfile.mkdtemp())
    >>> header = "id,name,variants,kind,lat,lon,uncertainty_km,country,coord_source"
    >>> _ = (folder / "places.csv").write_text(header + "\\nml-a,Ménaka,Manaka,town,15.9,2.4,5,ML,survey\\n")
    >>> store, _features = read_sources(folder, bundled=False, osm=False)
    >>> index = NameIndex(store)
    >>> index.exact("menaka"), "xyzzy" in index
    ([0], False)
    >>> [(key, round(score, 3)) for key, score in index.fuzzy("menakka")]
    [('menaka', 0.857)]
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
        return sum(len(keys) for keys in self.prepare().values())

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

    def prepare(self) -> dict[tuple[str, int], list[str]]:
        """The keys by first letter and length, for the fuzzy search (made on the first
        search, or when called, then kept)."""
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

        blocks = self.prepare()
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
