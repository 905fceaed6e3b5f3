"""The 10 km agreement on arrays: the places of the incidents of the columnar path
(:mod:`geo.imports.acled_columns`), given as columns, resolved once per distinct name,
the nearest candidate of an ambiguous name chosen, and each place measured against the
dataset's point, with the report written as the row path writes it
(:meth:`PlaceColumns.place_columns`); part of :class:`geo.imports.job.Importer`."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cached_property
from itertools import repeat
from typing import TYPE_CHECKING, NamedTuple

import numpy as np

from .. import schema
from .._distinct import Drawn, cells_at, distinct_rows, spread
from ..measure import geodesic, great_circle_km
from .job_places import Lookup, PlaceResolution
from .report import ReportEntry, Unresolved

if TYPE_CHECKING:
    from .lookup_helper import LookupHelper

__all__ = ["KeyArrays", "PlaceColumns", "PlaceKeys", "within_agreement"]

# A distance on the sphere below this is surely below PLACE_AGREEMENT_KM on the ellipsoid
# (the two differ by less than 1 % over a few km): those points are not measured again.
_SURELY_WITHIN_KM = 0.9 * schema.PLACE_AGREEMENT_KM
# From this many names not resolved yet in a chunk, half are resolved by the helper process.
_HELPED_FROM = 200
# The ambiguous names of at most this many places are measured together (a row and a
# column per place of the name with the most); the others, each on its own.
_FEW_PLACES = 16


def within_agreement(lats1: np.ndarray, lons1: np.ndarray, lats2: np.ndarray, lons2: np.ndarray) -> np.ndarray:
    """The geodesic distance (km) between each pair of points, or 0 for a pair surely
    within :data:`geo.schema.PLACE_AGREEMENT_KM` of each other: the haversine distance
    picks the pairs that could lie farther (more than 9 km on the sphere), and only those
    are measured on the ellipsoid, so ``result <= PLACE_AGREEMENT_KM`` is the geodesic
    answer for every pair, and the distance given of each farther pair is the geodesic one.

    Examples
    --------
    >>> km = within_agreement(np.array([15.918, 15.918]), np.array([2.402, 2.402]),
    ...                       np.array([15.92, 16.27]), np.array([2.41, -0.04]))
    >>> km.round(1).tolist()  # Ménaka to a point 1 km away, and to Gao
    [0.0, 264.1]
    """
    sphere = np.atleast_1d(great_circle_km(lats1, lons1, lats2, lons2))
    km = np.zeros(len(sphere))
    measured = np.flatnonzero(~(sphere <= _SURELY_WITHIN_KM))  # NaN measured too
    if len(measured):
        exact, _ = geodesic(lats1[measured], lons1[measured], lats2[measured], lons2[measured])
        km[measured] = np.atleast_1d(exact)
    return km


class PlaceKeys:
    """The (name, country, admin1, admin2) keys an import's chunks met, numbered in the
    order met, with what each resolved to (:class:`Lookup`, ``None`` for no name) and, as
    arrays indexed by that number, what the place columns read of it: the first choice
    (0 for one place, -1 for an ambiguous name or none, -2 for no name), the first
    candidate's point, whether the name is ambiguous, and where its candidates' ids
    start in :attr:`place_ids` (``""`` first). A chunk's rows are then placed on arrays,
    each key's lookup read once in the import, not once a chunk."""

    def __init__(self) -> None:
        self.number: dict[tuple[str, ...], int] = {}
        self.keys: list[tuple[str, ...]] = []
        self.found: list[Lookup | None] = []
        self.place_ids: list[str] = [""]
        self._columns: list[list[float]] = [[], [], [], [], []]  # choice, lat, lon, ambiguous, offset
        self._arrays: KeyArrays | None = None

    def missing(self, keys: list[tuple[str, ...]]) -> list[tuple[str, ...]]:
        """The keys not met before."""
        number = self.number
        return [key for key in keys if key not in number]

    def add(self, keys: list[tuple[str, ...]], found: list[Lookup | None]) -> None:
        """Meet ``keys``, which resolved to ``found``."""
        choice, lat, lon, ambiguous, offset = self._columns
        for key, lookup in zip(keys, found, strict=True):
            self.number[key] = len(self.keys)
            self.keys.append(key)
            self.found.append(lookup)
            places = lookup.places if lookup is not None else []
            choice.append(-2 if lookup is None else (0 if places and not lookup.ambiguous else -1))
            lat.append(places[0][2] if places else np.nan)
            lon.append(places[0][3] if places else np.nan)
            ambiguous.append(bool(places) and lookup is not None and lookup.ambiguous)
            offset.append(len(self.place_ids) if places else 0)
            self.place_ids.extend(place[0] for place in places)
        self._arrays = None

    def numbers(self, keys: list[tuple[str, ...]]) -> np.ndarray:
        """The number of each of ``keys`` (all met)."""
        return np.fromiter(map(self.number.__getitem__, keys), dtype=np.int64, count=len(keys))

    @property
    def arrays(self) -> KeyArrays:
        """The arrays of the keys met (made again only after :meth:`add`)."""
        if self._arrays is None:
            choice, lat, lon, ambiguous, offset = self._columns
            self._arrays = KeyArrays(
                np.array(choice, dtype=np.int64),
                np.array(lat, dtype=np.float64),
                np.array(lon, dtype=np.float64),
                np.array(ambiguous, dtype=bool),
                np.array(offset, dtype=np.int64),
            )
        return self._arrays


class KeyArrays(NamedTuple):
    """What :class:`PlaceKeys` keeps of each key, as arrays indexed by its number."""

    choice: np.ndarray  # 0: one place; -1: an ambiguous name, or none; -2: no name
    lat: np.ndarray  # the first candidate's point (NaN for none)
    lon: np.ndarray
    ambiguous: np.ndarray  # an ambiguous name with candidates
    offset: np.ndarray  # where its candidates' ids start in PlaceKeys.place_ids (0: none)


class PlaceColumns(PlaceResolution):
    """:meth:`place_columns`: the row path's place rules, on columns."""

    # a second process resolving places beside this one (geo.imports.lookup_helper), if any
    lookup_helper: LookupHelper | None = None

    def place_columns(
        self,
        *,
        lines: Sequence[int],
        column: str,
        names: Sequence[str],
        countries: Sequence[str],
        admin1s: Sequence[str],
        admin2s: Sequence[str],
        lats: np.ndarray,
        lons: np.ndarray,
        points: np.ndarray | None = None,
    ) -> Drawn:
        """:meth:`place` then :meth:`measure` for incidents given as columns (one item per
        incident, in order): the place id of each ("" for none; drawn from the ids of the
        candidates), every name looked up once,
        the 10 km rule and the country check on arrays (``points``: the rows numbered by
        point, :meth:`check_countries`), and the report written as :meth:`measure` writes it."""
        count = len(names)
        codes, first = distinct_rows(names, countries, admin1s, admin2s)
        distinct = list(zip(*(cells_at(column, first) for column in (names, countries, admin1s, admin2s)), strict=True))
        known = self._place_keys
        new = known.missing(distinct)
        if new:
            self._resolve_helped([key for key in new if key[0] and key not in self._place_cache])
            known.add(new, [self.lookup(*key) if key[0] else None for key in new])
        codes = known.numbers(distinct)[codes]  # each row's key, numbered for the whole import
        found, arrays = known.found, known.arrays
        # The distances are measured once per pair of a key and a point (an export repeats a
        # place's point on each of its rows), then spread to the rows of the pair.
        if points is None:
            pairs, pair_first = np.arange(count, dtype=np.int64), np.arange(count, dtype=np.int64)
        else:
            pairs, pair_first = distinct_rows(codes, points)
        pair_codes, pair_lats, pair_lons = codes[pair_first], lats[pair_first], lons[pair_first]
        # the chosen candidate of each pair: 0 for a name with one place, the nearest for an
        # ambiguous one (-1 when none lies within 10 km), -2 for no name, -1 for no place
        pair_choice = arrays.choice[pair_codes]
        pair_place_lat = arrays.lat[pair_codes]
        pair_place_lon = arrays.lon[pair_codes]
        ambiguous: list[int] = np.unique(pair_codes[arrays.ambiguous[pair_codes]]).tolist()
        if ambiguous:  # names of a few places together; a name of many, on its own
            few = [len(found[d].places) <= _FEW_PLACES for d in ambiguous]  # type: ignore[union-attr]
            groups = [[d for d, small in zip(ambiguous, few, strict=True) if small]]
            groups += [[d] for d, small in zip(ambiguous, few, strict=True) if not small]
            for group in groups:
                if group:
                    self._nearest(
                        group, found, pair_codes, pair_lats, pair_lons, pair_choice, pair_place_lat, pair_place_lon
                    )
        choice = pair_choice[pairs]
        unplaced = np.flatnonzero(choice == -1)
        if len(unplaced):  # each name once, at its first row, counted for all of them
            unplaced_codes, first_of, times = np.unique(codes[unplaced], return_index=True, return_counts=True)
            for at in np.argsort(first_of, kind="stable").tolist():
                i, d = int(unplaced[first_of[at]]), int(unplaced_codes[at])
                key = known.keys[d]
                name, country, admin1, admin2 = key
                unresolved = self.report.unresolved_places.get(key)
                if unresolved is None:
                    lookup = found[d]
                    assert lookup is not None
                    given = (("country", country), ("admin1", admin1), ("admin2", admin2))
                    context = ", ".join(f"{k} {v}" for k, v in given if v)
                    reason = lookup.reason
                    if lookup.ambiguous:
                        reason += f"; none lies within {schema.PLACE_AGREEMENT_KM:g} km of the dataset's point"
                    unresolved = self.report.unresolved_places[key] = Unresolved(
                        lines[i], column, name, f"{reason} (context: {context})" if context else reason
                    )
                unresolved.rows += int(times[at])
        # each row's place id, drawn from the ids of every candidate of the names met ("" first):
        # the row's name's first candidate, plus its choice among them
        drawn = np.zeros(count, dtype=np.int64)
        pending = np.flatnonzero(choice >= 0)
        if len(pending):
            pair_pending = np.flatnonzero(pair_choice >= 0)
            pair_km = np.zeros(len(pair_choice))
            pair_km[pair_pending] = within_agreement(
                pair_place_lat[pair_pending],
                pair_place_lon[pair_pending],
                pair_lats[pair_pending],
                pair_lons[pair_pending],
            )
            km = pair_km[pairs[pending]]
            near = km <= schema.PLACE_AGREEMENT_KM
            self.report.places_resolved += int(near.sum())
            close = pending[near]
            drawn[close] = arrays.offset[codes[close]] + choice[close]
            far = pending[~near]
            if len(far):  # each row reported, with the message of its pair of a name and a point (made once)
                far_pairs = pairs[far]
                said: dict[int, str] = {}
                for pair in np.unique(far_pairs).tolist():
                    i = int(pair_first[pair])
                    lookup = found[codes[i]]
                    assert lookup is not None
                    place_id, place_name = lookup.places[choice[i]][:2]
                    said[pair] = (
                        f"the dataset's point ({float(lats[i]):g}, {float(lons[i]):g}) is {pair_km[pair]:.1f} km "
                        f"from the gazetteer's {place_name} [{place_id}] "
                        f"(more than {schema.PLACE_AGREEMENT_KM:g} km): the incident keeps the dataset's point "
                        "and no place id; check which of the two is right"
                    )
                rows = far.tolist()
                self.report.disagreements.extend(
                    map(
                        ReportEntry,
                        repeat(schema.DISAGREEMENT),
                        [lines[i] for i in rows],
                        repeat(column),
                        cells_at(names, far),
                        map(said.__getitem__, far_pairs.tolist()),
                    )
                )
        self.check_countries(lines, countries, lats, lons, points)
        return spread(list(known.place_ids), drawn)

    @cached_property
    def _place_keys(self) -> PlaceKeys:
        return PlaceKeys()

    def _resolve_helped(self, keys: list[tuple[str, ...]]) -> None:
        """Resolve ``keys`` (none of them cached) into the cache :meth:`lookup` reads, with
        the helper process when there is one and they are many
        (:mod:`geo.imports.lookup_helper`): the helper takes them from the first, this
        process from the last, until the two meet. A helper that answers none of them, or
        stops, is stopped and not asked again (this process resolves the rest)."""
        helper = self.lookup_helper
        if helper is None or len(keys) < _HELPED_FROM:
            return
        helper.ask(keys)
        theirs, mine = 0, len(keys)  # keys[:theirs] answered by the helper, keys[mine:] resolved here
        answered: list[tuple[tuple[str, ...], Lookup]] | None = []
        while theirs < mine:
            answered = helper.poll()
            if answered is None:  # (it stopped)
                break
            for key, lookup in answered:
                self._place_cache.setdefault(key, lookup)
            theirs += len(answered)
            if theirs < mine:
                mine -= 1
                self.lookup(*keys[mine])
        for key in keys[theirs:mine]:
            self.lookup(*key)
        if answered is None or not theirs:  # (stopped, or too slow to help)
            helper.stop()
            self.lookup_helper = None
        elif theirs < len(keys):
            helper.give_up()

    @staticmethod
    def _nearest(
        ambiguous: list[int],
        found: Sequence[Lookup | None],
        codes: np.ndarray,
        lats: np.ndarray,
        lons: np.ndarray,
        choice: np.ndarray,
        place_lat: np.ndarray,
        place_lon: np.ndarray,
    ) -> None:
        """For each row of an ambiguous name (its distinct names numbered ``ambiguous``),
        the nearest of the name's places to the row's point (on the sphere), in one
        computation for all of them: its index in ``choice`` (-1 when it lies farther
        than :data:`geo.schema.PLACE_AGREEMENT_KM`) and its point in ``place_lat``,
        ``place_lon``."""
        width = max(len(found[d].places) for d in ambiguous)  # type: ignore[union-attr]
        candidate_lats = np.empty((len(ambiguous), width))
        candidate_lons = np.empty((len(ambiguous), width))
        missing = np.ones((len(ambiguous), width), dtype=bool)  # a name with fewer places
        for k, d in enumerate(ambiguous):
            lookup = found[d]
            assert lookup is not None
            many = len(lookup.places)
            candidate_lats[k, :] = lookup.lats[0]
            candidate_lons[k, :] = lookup.lons[0]
            candidate_lats[k, :many] = lookup.lats
            candidate_lons[k, :many] = lookup.lons
            missing[k, :many] = False
        which = np.full(int(codes.max()) + 1, -1)
        which[ambiguous] = np.arange(len(ambiguous))
        rows = np.flatnonzero(which[codes] >= 0)
        k = which[codes[rows]]
        km = great_circle_km(lats[rows][:, None], lons[rows][:, None], candidate_lats[k], candidate_lons[k])
        km[missing[k]] = np.inf
        best = np.argmin(km, axis=1)
        far = km[np.arange(len(rows)), best] > schema.PLACE_AGREEMENT_KM
        choice[rows] = np.where(far, -1, best)
        place_lat[rows] = candidate_lats[k, best]
        place_lon[rows] = candidate_lons[k, best]
