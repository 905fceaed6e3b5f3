"""Measuring with the gazetteer: the distance between two places with the range their
uncertainty allows, an area's geodesic area, and a record's shape.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from .. import schema
from ..errors import PlaceNotFoundError
from ..place import Place
from .lookup import Lookup

if TYPE_CHECKING:
    from shapely import Geometry

    from ..measure import AreaMeasure, PlaceDistance

__all__ = ["Measuring"]


class Measuring(Lookup):
    """Distances, areas and shapes (part of :class:`~geo.gazetteer.Gazetteer`).

    Examples
    --------
    >>> from geo import Gazetteer
    >>> round(Gazetteer.load().distance("ml-menaka", "ml-tidermene").km, 1)
    77.5
    """

    def distance(self, a: str | Place | tuple[float, float], b: str | Place | tuple[float, float]) -> PlaceDistance:
        """Geodesic distance and initial bearing from ``a`` to ``b``, with the range the
        places' location uncertainty allows (see :func:`geo.measure.place_distance`).

        ``a`` and ``b`` are ids (``ml-menaka``), names in any spelling or relative
        locations (``"75 km north of Ménaka"``: the offset point and its widened
        uncertainty), points as text (``"15.9N 2.4E"``, see :func:`geo.parse_point`),
        :class:`~geo.place.Place` objects, or ``(lat, lon)`` pairs; points are exact.
        Raises :class:`~geo.errors.PlaceNotFoundError` (with close names) or
        :class:`~geo.errors.AmbiguousPlaceError` (with ``.candidates``).

        Examples
        --------
        >>> from geo import Gazetteer
        >>> d = Gazetteer.load().distance("Tidermène", "Ménaka")
        >>> round(d.km, 1), d.uncertainty_km, round(d.km_min, 1), round(d.km_max, 1), d.direction
        (77.5, 7.0, 70.5, 84.5, 'S')
        """
        from .._input import parse_point
        from .._locate import locate
        from ..measure import place_distance

        ends: list[Any] = []
        for value in (a, b):
            point = parse_point(value) if isinstance(value, str) else None
            if point is not None:
                ends.append(point)
            elif isinstance(value, str):
                ends.append(locate(self, value))
            else:
                ends.append(value)
        return place_distance(ends[0], ends[1])

    def area(self, name_or_id: str, *, on: str | dt.date | None = None) -> AreaMeasure:
        """The geodesic area and perimeter of an area of the gazetteer (a region, a
        cercle, a country, an informal area such as the Azawad), on the WGS84 ellipsoid.

        ``name_or_id`` is an area's id or any of its names, in any spelling; a name
        that is also a town's (``"Gao"``) means the area recorded under that name,
        which ``.notes`` says. Areas whose boundaries changed (Mali's 2016 and 2023
        reforms) have one record per outline: by name, the current one, or the one
        valid ``on`` (a date, or ISO text such as ``2014``). Raises
        :class:`~geo.errors.PlaceNotFoundError` when the name or id is no area (a
        place recorded as a point, say) and :class:`~geo.errors.AmbiguousPlaceError`
        (with ``.candidates``) when several areas fit.

        Examples
        --------
        >>> from geo import Gazetteer
        >>> gazetteer = Gazetteer.load()
        >>> menaka = gazetteer.area("ml-region-menaka")
        >>> menaka.name, round(menaka.area_km2, -2), menaka.valid_from
        ('Ménaka Region', 77500.0, '2016-01-19')
        >>> gazetteer.area("Gao region", on="2014").id
        'ml-region-gao-pre2016'
        """
        from .._locate import find_area, measure_area

        place, notes = find_area(self, name_or_id, on=on)
        if place is None:
            said = f": {'; '.join(notes)}" if notes else ""
            raise PlaceNotFoundError(
                f"{name_or_id!r} names no area of the gazetteer{said} (see gazetteer.places(tier='area'))",
                query=name_or_id,
            )
        return measure_area(self, place, notes=tuple(notes))

    def shape(self, place_id: str) -> Geometry:
        """The shapely geometry of a record: an area's polygon or multipolygon, or a
        ``Point(lon, lat)`` for a place recorded as a point. Coordinates are longitude,
        latitude (WGS84). Raises :class:`~geo.errors.PlaceNotFoundError` for an unknown id.

        Examples
        --------
        >>> from geo import Gazetteer
        >>> gazetteer = Gazetteer.load()
        >>> gazetteer.shape("ml-region-menaka").geom_type in ("Polygon", "MultiPolygon")
        True
        >>> gazetteer.shape("ml-menaka")
        <POINT (2.402 15.918)>
        """
        import shapely

        place = self.place(place_id)
        if place.tier == schema.AREA and self._area_features:
            return self.areas.geometry(place.id)
        return shapely.Point(place.lon, place.lat)
