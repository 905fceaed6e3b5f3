"""The units of a level: the areas of the gazetteer (with a spatial index), their countries, and H3 cells."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from .. import schema
from .terms import (
    COUNTRY,
)

if TYPE_CHECKING:
    from shapely import Point, Polygon

    from ..gazetteer import Gazetteer
    from ..place import Place


class Countries:
    """The country (ISO2) of an incident: its place's, else the country polygon holding its point."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer
        self.units = Units(gazetteer, COUNTRY)
        self._places: dict[str, Place] = {}

    def __call__(self, incident: Any) -> str | None:
        return self.of(getattr(incident, schema.PLACE), incident.geometry)

    def of(self, place_id: str, point: Point | None) -> str | None:
        """The country of an incident at ``place_id`` (may be empty) and ``point``."""
        if place_id:
            if place_id not in self._places:
                self._places[place_id] = self.gazetteer.place(place_id)
            place = self._places[place_id]
            if place is not None and place.country:
                return place.country
            if place is not None and place.tier == schema.AREA:
                return None  # an area over several countries (a border zone): not one country
        if point is None or point.is_empty:
            return None
        hits = self.units.at_point(point.x, point.y)
        codes = {self.units.properties[i].get(schema.COUNTRY) for i in hits} - {None, ""}
        return next(iter(codes)) if len(codes) == 1 else None


class Units:
    """The units of an admin level: polygons, validity, a spatial index."""

    def __init__(self, gazetteer: Gazetteer, kind: str) -> None:
        import shapely

        from ..measure import area_km2

        areas = gazetteer.areas
        chosen = [i for i, props in enumerate(areas.properties) if props.get(schema.KIND) == kind]
        self.ids = [areas.ids[i] for i in chosen]
        self.properties = [areas.properties[i] for i in chosen]
        self.geometries = [areas.geometries[i] for i in chosen]
        self.valid_from = [_iso(p.get(schema.VALID_FROM)) for p in self.properties]
        self.valid_to = [_iso(p.get(schema.VALID_TO)) for p in self.properties]
        self.index = {unit_id: i for i, unit_id in enumerate(self.ids)}
        self.tree = shapely.STRtree(self.geometries)
        self._at_point: dict[tuple[float, float], list[int]] = {}
        self.areas_km2: Any = area_km2(self.geometries) if self.geometries else []
        countries = sorted({str(p[schema.COUNTRY]) for p in self.properties if p.get(schema.COUNTRY)})
        from ..countries import country_name

        names = [country_name(code) for code in countries]
        self.coverage = ", ".join(names[:-1]) + f" and {names[-1]}" if len(names) > 1 else "".join(names)

    def valid_throughout(self, i: int, first: dt.date, last: dt.date) -> bool:
        since, until = self.valid_from[i], self.valid_to[i]
        return (since is None or since <= first) and (until is None or last <= until)

    def valid_on_some_day(self, i: int, first: dt.date, last: dt.date) -> bool:
        since, until = self.valid_from[i], self.valid_to[i]
        return (since is None or since <= last) and (until is None or first <= until)

    def locate_all(self, frame: Any) -> None:
        """Find the units holding every point of ``frame`` (a GeoDataFrame) in one query of the
        spatial index, for :meth:`at_point` (the points no unit holds are left to it).

        Examples
        --------
        >>> import geopandas, shapely
        >>> from geo import Gazetteer
        >>> units = Units(Gazetteer.load(), "region")
        >>> units.locate_all(geopandas.GeoDataFrame(geometry=[shapely.Point(2.4, 15.9), shapely.Point(0, 0)]))
        >>> [units.ids[i] for i in units.at_point(2.4, 15.9)], units.at_point(0.0, 0.0)  # Gao before 2016, Ménaka since
        (['ml-region-gao-pre2016', 'ml-region-menaka'], [])
        """
        import numpy as np
        import shapely

        geometry = getattr(frame, "geometry", None)
        if geometry is None or not len(geometry):
            return
        points = np.asarray(geometry.array if hasattr(geometry, "array") else geometry, dtype=object)
        points = points[shapely.is_valid_input(points)]
        lons, lats = shapely.get_x(points), shapely.get_y(points)
        finite = np.isfinite(lons) & np.isfinite(lats)
        keys = [
            key for key in dict.fromkeys(zip(lons[finite].tolist(), lats[finite].tolist())) if key not in self._at_point
        ]
        if not keys:
            return
        point_of, unit_of = self.tree.query(shapely.points(np.asarray(keys, dtype=float)), predicate="intersects")
        hits: dict[int, list[int]] = {}
        for p, u in zip(point_of.tolist(), unit_of.tolist(), strict=True):
            hits.setdefault(p, []).append(u)
        for p, found in hits.items():
            self._at_point[keys[p]] = sorted(found)

    def at_point(self, lon: float, lat: float) -> list[int]:
        """The units holding the point; else the nearest within the border tolerance.

        Memoised per point: event datasets repeat a few thousand locations over
        hundreds of thousands of incidents.
        """
        key = (lon, lat)
        found = self._at_point.get(key)
        if found is None:
            found = self._at_point[key] = self._find_at_point(lon, lat)
        return found

    def _find_at_point(self, lon: float, lat: float) -> list[int]:
        import shapely

        from ..areas import AREA_TOLERANCE_DEG

        point = shapely.Point(lon, lat)
        hits = sorted(self.tree.query(point, predicate="intersects").tolist())
        if hits:
            return hits
        near = self.tree.query(point, predicate="dwithin", distance=AREA_TOLERANCE_DEG).tolist()
        if not near:
            return []
        distances = {i: shapely.distance(point, self.geometries[i]) for i in near}
        best = min(distances.values())
        return sorted(i for i, d in distances.items() if d == best)


def _iso(text: Any) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def cell_polygon(cell: str) -> Polygon:
    """The polygon of an H3 cell, Polygon(lon, lat) (h3 gives (lat, lon) pairs)."""
    import h3
    import shapely

    latlngs = h3.cell_to_boundary(cell)
    return shapely.Polygon([(lon, lat) for lat, lon in latlngs])
