"""Geocoding: resolve a name (any spelling, with admin context, a nearby point or a date) to
a record, as geopy does (:meth:`Lookup.geocode`) or with the reasons (:meth:`Lookup.lookup`).

The matching rules are :class:`geo.matching.Matcher`'s; this module turns its answer into a
:class:`~geo.resolution.Resolution`, and handles relative locations ("75 km north of Ménaka").
"""

from __future__ import annotations

import datetime as dt
from functools import cached_property
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from .._input import check_lat_lon, clean_query, parse_coordinates
from ..countries import country_code
from ..errors import AmbiguousPlaceError, InputError, PlaceNotFoundError
from ..matching import AMBIGUOUS, OK, Match, Matcher
from ..measure import destination
from ..relative import offset_uncertainty_km, parse_relative
from ..resolution import Resolution
from .base import GazetteerBase

if TYPE_CHECKING:
    from geopy.location import Location

    from ..place import Place

__all__ = ["LatLon", "Lookup", "NearArg", "days_of"]


@runtime_checkable
class LatLon(Protocol):
    """A point object with ``latitude`` and ``longitude`` (a geopy ``Point`` or ``Location``)."""

    @property
    def latitude(self) -> float: ...
    @property
    def longitude(self) -> float: ...


NearArg = str | tuple[float, float] | LatLon | None


def days_of(on: str | dt.date | None) -> tuple[dt.date, dt.date] | None:
    """The first and last day that ``on`` may mean (a date, or EDTF text), or None.

    Examples
    --------
    >>> days_of("2014-05")
    (datetime.date(2014, 5, 1), datetime.date(2014, 5, 31))
    >>> days_of(dt.date(2016, 1, 19)), days_of(" ")
    ((datetime.date(2016, 1, 19), datetime.date(2016, 1, 19)), None)
    """
    if on is None or (isinstance(on, str) and not on.strip()):
        return None
    if isinstance(on, dt.datetime):
        return on.date(), on.date()
    if isinstance(on, dt.date):
        return on, on
    from ..dates import parse_date

    span = parse_date(str(on).strip())
    return span.earliest or dt.date.min, span.latest or dt.date.max


class Lookup(GazetteerBase):
    """Resolving names to records (the geocoder of :class:`~geo.gazetteer.Gazetteer`).

    Examples
    --------
    >>> from geo import Gazetteer
    >>> Gazetteer.load().lookup("Manaka").place.id
    'ml-menaka'
    """

    def lookup(
        self,
        query: str,
        *,
        country: str | None = None,
        admin1: str | None = None,
        admin2: str | None = None,
        admin3: str | None = None,
        near: NearArg = None,
        on: str | dt.date | None = None,
    ) -> Resolution:
        """Resolve ``query`` and say how: the full answer behind :meth:`geocode`.

        ``admin1`` is a first-level unit (a region), ``admin2`` a cercle, department or
        province, ``admin3`` a commune (:mod:`geo.matching` says how each is used);
        ``on`` (a date, or ISO text such as ``2014-05`` or ``2014``) chooses the
        outline of an area whose boundaries changed (Mali's 2016 and 2023 reforms);
        without it, any era's outline counts.

        Never raises for a query that simply matches nothing: the
        :class:`Resolution` says ``not_found`` or ``ambiguous`` with the reason and
        candidates. Raises :class:`~geo.errors.InputError` for unusable input (an
        empty query, an unknown country code, a bad ``near`` or ``on``).

        Examples
        --------
        >>> from geo import Gazetteer
        >>> gazetteer = Gazetteer.load()
        >>> r = gazetteer.lookup("75 km north of Ménaka")
        >>> r.status, round(r.lat, 1), r.relative["anchor"]
        ('ok', 16.6, 'ml-menaka')
        """
        text = clean_query(query)
        code = country_code(country) if country else None
        near_point = self._near_point(near) if near is not None else None
        days = days_of(on)
        relative = parse_relative(text)
        if relative is not None:
            anchor = self.lookup(
                relative.place, country=country, admin1=admin1, admin2=admin2, admin3=admin3, near=near, on=on
            )
            if not anchor.ok or anchor.place is None or anchor.lat is None or anchor.lon is None:
                anchor.query = text
                anchor.reason = f"the anchor place {relative.place!r} could not be resolved: {anchor.reason}"
                return anchor
            lat, lon = anchor.lat, anchor.lon
            if relative.bearing_deg is not None:
                lat, lon = destination(lat, lon, relative.bearing_deg, relative.distance_km)
            anchor.query = text
            anchor.lat, anchor.lon = lat, lon
            anchor.uncertainty_km = offset_uncertainty_km(anchor.place.uncertainty_km, relative)
            anchor.relative = {
                "anchor": anchor.place.id,
                "distance_km": round(relative.distance_km, 3),
                "bearing_deg": relative.bearing_deg,
                "text": relative.text,
            }
            return anchor
        match = self._matcher.match(
            text, country=code, admin1=admin1, admin2=admin2, admin3=admin3, near=near_point, on=days
        )
        return self._resolution(text, match)

    def prepare(self) -> None:
        """Make now what the first look-ups make on their way (the fuzzy index, the areas
        by name and their records, the outlines, today's admin names): for a program
        about to look up many names, or about to fork processes that will, which then
        share them. The answers are the same either way.

        >>> from geo import Gazetteer
        >>> gazetteer = Gazetteer.load()
        >>> gazetteer.prepare()
        >>> gazetteer.lookup("Menaka", admin1="Ménaka").place.id
        'ml-menaka'
        """
        self._matcher.prepare()
        _ = self._current_admin_names

    @cached_property
    def _matcher(self) -> Matcher:
        return Matcher(self._store, self._index, self._ensure_area_tags, lambda: self.areas)

    def _resolution(self, text: str, match: Match) -> Resolution:
        candidates = [(self._place(c.index), c.score) for c in match.candidates]
        if match.status != OK:
            reason = match.reason or "no match"
            return Resolution(text, match.status, candidates=candidates, reason=reason, warnings=match.warnings)
        best = match.candidates[0]
        place = candidates[0][0]
        return Resolution(
            text,
            OK,
            place=place,
            lat=place.lat,
            lon=place.lon,
            uncertainty_km=best.uncertainty_km if best.uncertainty_km is not None else place.uncertainty_km,
            score=round(best.similarity, 3),
            candidates=candidates,
            warnings=match.warnings,
            same_place=[self._store.ids[i] for i in best.same_place],
        )

    def _near_point(self, near: NearArg) -> tuple[float, float]:
        if isinstance(near, tuple | list) and len(near) == 2:
            lat, lon = float(near[0]), float(near[1])
            check_lat_lon(lat, lon)
            return lat, lon
        if isinstance(near, LatLon):
            return float(near.latitude), float(near.longitude)
        if not isinstance(near, str):
            raise InputError(f"near must be a place name, 'LAT,LON' or a (lat, lon) pair, not {near!r}")
        point = parse_coordinates(near)
        if point:
            return point
        resolution = self.lookup(near)
        if not resolution.ok or resolution.lat is None or resolution.lon is None:
            raise InputError(f"the near place {near!r} could not be located: {resolution.reason}")
        return resolution.lat, resolution.lon

    def geocode(
        self,
        query: str,
        *,
        country: str | None = None,
        admin1: str | None = None,
        admin2: str | None = None,
        near: NearArg = None,
        exactly_one: bool = True,
    ) -> Location | list[Location] | None:
        """Geocode a place name, like every geopy geocoder.

        Returns a ``geopy.location.Location`` (the record and the match details in
        ``.raw``), or ``None`` when nothing matches or when the best candidates are
        about as good and far apart (ask :meth:`lookup` or :meth:`resolve` why).
        With ``exactly_one=False``, a list of the candidates' locations, best first.

        Examples
        --------
        >>> from geo import Gazetteer
        >>> gazetteer = Gazetteer.load()
        >>> gazetteer.geocode("Inchinanane").raw["id"]
        'ml-inchinane'
        >>> gazetteer.geocode("Dioura") is None  # two villages, 500 km apart
        True
        >>> gazetteer.geocode("Dioura", admin2="Ténenkou").raw["admin1"]
        'Mopti'
        >>> gazetteer.geocode("Sokolo", admin1="Mopti") is None  # two in Mopti, 60 km apart
        True
        >>> gazetteer.geocode("Sokolo", admin2="Bankass").raw["id"]
        'gn-2450850'
        """
        resolution = self.lookup(query, country=country, admin1=admin1, admin2=admin2, near=near)
        if exactly_one:
            return resolution.to_location() if resolution.ok else None
        if not resolution.candidates:
            return None
        locations = []
        for place, score in resolution.candidates:
            single = Resolution(resolution.query, OK, place, place.lat, place.lon, place.uncertainty_km, score)
            locations.append(single.to_location())
        return locations

    def resolve(self, query: str, **context: Any) -> Place:
        """Resolve ``query`` to one :class:`~geo.place.Place` or raise.

        Raises :class:`~geo.errors.AmbiguousPlaceError` (with ``.candidates``) when
        several far-apart places match about equally well, and
        :class:`~geo.errors.PlaceNotFoundError` when none does.

        Examples
        --------
        >>> from geo import Gazetteer
        >>> Gazetteer.load().resolve("Dioura")
        Traceback (most recent call last):
        ...
        geo.errors.AmbiguousPlaceError: 'Dioura' is ambiguous: ...
        """
        resolution = self.lookup(query, **context)
        if resolution.status == AMBIGUOUS:
            raise AmbiguousPlaceError(
                f"{query!r} is ambiguous: {resolution.reason}",
                query=query,
                candidates=[p for p, _ in resolution.candidates],
            )
        if not resolution.ok or resolution.place is None:
            raise PlaceNotFoundError(f"{query!r} was not found: {resolution.reason}", query=query)
        return resolution.place
