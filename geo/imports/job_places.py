"""How an import resolves the place names of its rows against the gazetteer (each
(name, country, admin1, admin2) once, cached), chooses among the candidates of an
ambiguous name, and applies the 10 km agreement between the dataset's point and the
gazetteer's place to the incidents of the row path, a batch at a time
(:meth:`PlaceResolution.place` then :meth:`PlaceResolution.measure`); part of
:class:`geo.imports.job.Importer`. The columnar path's form is in
:mod:`geo.imports.job_place_columns`."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

import numpy as np

from .. import schema
from ..errors import GeoError
from ..matching import AMBIGUOUS, NOT_FOUND
from ..measure import geodesic, great_circle_km
from .job_countries import CountryChecks
from .report import ReportEntry, Unresolved

if TYPE_CHECKING:
    from ..gazetteer import Gazetteer

__all__ = ["Lookup", "PlaceResolution", "resolve_place"]


@dataclass
class Lookup:
    """What a (name, country, admin1, admin2) resolved to: one place, the candidates of an
    ambiguous name, or nothing; ``reason`` says why when it is not one place."""

    places: list[tuple[str, str, float, float]]
    reason: str
    ambiguous: bool = False

    @cached_property
    def lats(self) -> np.ndarray:
        return np.array([p[2] for p in self.places])

    @cached_property
    def lons(self) -> np.ndarray:
        return np.array([p[3] for p in self.places])


def resolve_place(gazetteer: Gazetteer, name: str, country: str, admin1: str, admin2: str) -> Lookup:
    """What ``name`` resolves to in ``gazetteer`` with this context (an import's rule: the
    name again without its admin areas when they find nothing)."""
    try:
        resolution = gazetteer.lookup(name, country=country or None, admin1=admin1, admin2=admin2)
        if not resolution.ok and resolution.status == NOT_FOUND and (admin1 or admin2):
            retry = gazetteer.lookup(name, country=country or None)
            if retry.status != NOT_FOUND:
                resolution = retry
    except GeoError as error:
        return Lookup([], f"not a usable place name: {error}")
    reason = f"{resolution.status.replace('_', ' ')} in the gazetteer: {resolution.reason}"
    if resolution.ok and resolution.place is not None:
        place = resolution.place
        return Lookup([(place.id, place.name, place.lat, place.lon)], "")
    if resolution.status == AMBIGUOUS and resolution.candidates:
        places = [(p.id, p.name, p.lat, p.lon) for p, _score in resolution.candidates]
        return Lookup(places, reason, ambiguous=True)
    return Lookup([], reason)


class PlaceResolution(CountryChecks):
    """The place lookups (cached), the places waiting to be measured, and the measuring."""

    # (name, country, admin1, admin2) -> what it resolved to; shared by the passes over one file
    _place_cache: dict[tuple[str, ...], Lookup]
    # (incident index, line, location column, name, country, admin1, admin2, lookup, row lat, lon):
    # the places of the incidents not yet measured, settled in one go by measure()
    _places: list[tuple[int, int, str, str, str, str, str, Lookup, float, float]]
    # (incident index, line, location column, location, place id, place name, place lat, lon, row lat, lon)
    _pending: list[tuple[int, int, str, str, str, str, float, float, float, float]]
    # (line, country the row names, lat, lon): checked against the country's outline in measure()
    _points: list[tuple[int, str, float, float]]
    # how many incidents have had their places and points measured
    measured: int

    if TYPE_CHECKING:

        def incident(self, index: int) -> dict[str, str]: ...

        @property
        def made(self) -> int: ...

    def start_places(self) -> None:
        """Start with no place looked up, waiting or measured."""
        self.start_countries()
        self._place_cache = {}
        self._places = []
        self._pending = []
        self._points = []

    def share_places(self, cache: dict[tuple[str, ...], Lookup]) -> None:
        """Use (and fill) ``cache`` for the place lookups: a second pass over a file reuses the first's."""
        cache.update(self._place_cache)
        self._place_cache = cache

    def place(
        self,
        index: int,
        *,
        line: int,
        column: str,
        name: str,
        country: str,
        admin1: str,
        admin2: str,
        lat: float,
        lon: float,
    ) -> None:
        """Resolve ``name`` (cached); the choice among the candidates of an ambiguous name,
        the 10 km check and the check that the point lies in the country the row names run
        for many incidents at once, in :meth:`measure`."""
        if country:
            self._points.append((line, country, lat, lon))
        if not name:
            return
        found = self.lookup(name, country, admin1, admin2)
        self._places.append((index, line, column, name, country, admin1, admin2, found, lat, lon))

    def _settle_places(self) -> None:
        """Choose the candidate of each ambiguous name (the one within 10 km of the row's
        point, by one array computation per name), report the names that resolve to no
        place, and queue the others for the 10 km check."""
        places, self._places = self._places, []
        chosen = [0] * len(places)
        ambiguous: dict[int, list[int]] = {}
        for i, entry in enumerate(places):
            if entry[7].ambiguous:
                ambiguous.setdefault(id(entry[7]), []).append(i)
        for positions in ambiguous.values():
            found = places[positions[0]][7]
            lats = np.array([places[i][8] for i in positions])[:, None]
            lons = np.array([places[i][9] for i in positions])[:, None]
            km = great_circle_km(lats, lons, found.lats[None, :], found.lons[None, :])
            best = np.argmin(km, axis=1)
            far = km[np.arange(len(positions)), best] > schema.PLACE_AGREEMENT_KM
            for i, index, too_far in zip(positions, best.tolist(), far.tolist(), strict=True):
                chosen[i] = -1 if too_far else index
        for entry, choice in zip(places, chosen, strict=True):
            index, line, column, name, country, admin1, admin2, found, lat, lon = entry
            if not found.places or choice < 0:
                context = ", ".join(
                    f"{k} {v}" for k, v in (("country", country), ("admin1", admin1), ("admin2", admin2)) if v
                )
                reason = found.reason
                if found.ambiguous:
                    reason += f"; none lies within {schema.PLACE_AGREEMENT_KM:g} km of the dataset's point"
                unresolved = self.report.unresolved_places.setdefault(
                    (name, country, admin1, admin2),
                    Unresolved(line, column, name, f"{reason} (context: {context})" if context else reason),
                )
                unresolved.rows += 1
                continue
            place_id, place_name, place_lat, place_lon = found.places[choice]
            self._pending.append((index, line, column, name, place_id, place_name, place_lat, place_lon, lat, lon))

    def lookup(self, name: str, country: str = "", admin1: str = "", admin2: str = "") -> Lookup:
        """What ``name`` resolves to with this context, cached by (name, country, admin1, admin2)."""
        key = (name, country, admin1, admin2)
        found = self._place_cache.get(key)
        if found is None:
            found = self._place_cache[key] = self._lookup(name, country, admin1, admin2)
        return found

    def _lookup(self, name: str, country: str, admin1: str, admin2: str) -> Lookup:
        return resolve_place(self.gazetteer, name, country, admin1, admin2)

    def measure(self) -> None:
        """Measure the incidents made since the last call: each resolved place against the
        dataset's point (the 10 km rule, one geodesic computation for all), each point
        against the country its row names."""
        self._settle_places()
        if self._pending:
            pending, self._pending = self._pending, []
            km, _ = geodesic(
                np.array([p[6] for p in pending]),
                np.array([p[7] for p in pending]),
                np.array([p[8] for p in pending]),
                np.array([p[9] for p in pending]),
            )
            for entry, distance in zip(pending, np.atleast_1d(km).tolist()):
                index, line, column, name, place_id, place_name = entry[:6]
                if distance <= schema.PLACE_AGREEMENT_KM:
                    self.incident(index)[schema.PLACE] = place_id
                    self.report.places_resolved += 1
                else:
                    self.report.disagreements.append(
                        ReportEntry(
                            schema.DISAGREEMENT,
                            line,
                            column,
                            name,
                            f"the dataset's point ({entry[8]:g}, {entry[9]:g}) is {distance:.1f} km from the "
                            f"gazetteer's {place_name} [{place_id}] "
                            f"(more than {schema.PLACE_AGREEMENT_KM:g} km): the incident keeps the dataset's point "
                            "and no place id; check which of the two is right",
                        )
                    )
        points, self._points = self._points, []
        self.check_country_points(points)
        self.measured = self.made
