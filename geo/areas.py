"""Area geometry (regions, cercles, provinces, countries, informal areas), read lazily.

Geocoding needs only the areas' names; their polygons are read (with shapely) the
first time a caller asks which areas hold a point: admin context on curated places,
reverse geocoding, exports.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from . import schema

if TYPE_CHECKING:
    from shapely.geometry.base import BaseGeometry

__all__ = ["AREA_TOLERANCE_DEG", "Areas"]

# A point counts as inside an area when it lies within this distance of it (~5 km):
# borders are simplified and villages sit on them. The reference tier is tagged with
# the same tolerance by gazetteer/scripts/build_reference.py.
AREA_TOLERANCE_DEG = 0.045


@dataclass
class Areas:
    """The polygons of ``areas.geojson`` with a spatial index."""

    ids: list[str]
    properties: list[dict[str, Any]]
    geometries: np.ndarray

    @classmethod
    def from_features(cls, features: list[dict[str, Any]]) -> Areas:
        import shapely

        geometries = np.array(
            [shapely.from_geojson(json.dumps(feature["geometry"])) for feature in features], dtype=object
        )
        return cls([f["properties"][schema.ID] for f in features], [f["properties"] for f in features], geometries)

    def __post_init__(self) -> None:
        import shapely

        self._tree = shapely.STRtree(self.geometries)
        self._by_id = {area_id: i for i, area_id in enumerate(self.ids)}

    def __len__(self) -> int:
        return len(self.ids)

    def is_valid_on(self, index: int, day: dt.date) -> bool:
        """Whether outline ``index`` is valid on ``day`` (``valid_from``/``valid_to``;
        an open side holds)."""
        props = self.properties[index]
        since, until = props.get(schema.VALID_FROM) or "", props.get(schema.VALID_TO) or ""
        iso = day.isoformat()
        return (not since or since <= iso) and (not until or iso <= until)

    def valid_on(self, day: dt.date) -> list[int]:
        """The indexes of the outlines valid on ``day``: one per area and day, as the
        boundary reforms of Mali (2016, 2023) give an area one record per outline.

        Examples
        --------
        >>> from geo import Gazetteer
        >>> areas = Gazetteer.load().areas
        >>> valid = [areas.ids[i] for i in areas.valid_on(dt.date(2014, 6, 1))]
        >>> [area_id for area_id in valid if area_id.startswith("ml-region-gao")]
        ['ml-region-gao-pre2016']
        """
        return [i for i in range(len(self.ids)) if self.is_valid_on(i, day)]

    def of_kind(self, kind: str, *, on: dt.date | None = None) -> list[int]:
        """The indexes of the areas of ``kind`` (``region``, ``cercle``, ``country``...),
        only those valid ``on`` a day when one is given.

        Examples
        --------
        >>> from geo import Gazetteer
        >>> areas = Gazetteer.load().areas
        >>> len(areas.of_kind("region", on=dt.date(2014, 6, 1))) < len(areas.of_kind("region"))
        True
        """
        return [
            i
            for i, props in enumerate(self.properties)
            if props.get(schema.KIND) == kind and (on is None or self.is_valid_on(i, on))
        ]

    def covers(self, area_ids: frozenset[str] | set[str], lat: float, lon: float) -> bool:
        """Whether one of the areas ``area_ids`` holds the point (border included, no tolerance)."""
        import shapely

        for area_id in area_ids:
            index = self._by_id.get(area_id)
            if index is not None and shapely.intersects_xy(self._prepared(index), lon, lat):
                return True
        return False

    def _prepared(self, index: int) -> BaseGeometry:
        import shapely

        geometry = self.geometries[index]
        if not shapely.is_prepared(geometry):
            shapely.prepare(geometry)
        return geometry

    def geometry(self, area_id: str) -> BaseGeometry:
        """The shapely geometry of one area."""
        return self.geometries[self._by_id[area_id]]

    def tag(self, lats: np.ndarray, lons: np.ndarray, *, tolerance_deg: float = AREA_TOLERANCE_DEG) -> list[list[str]]:
        """For each point, the ids of the areas within ``tolerance_deg`` of it."""
        import shapely

        points = np.asarray(shapely.points(np.asarray(lons, dtype=float), np.asarray(lats, dtype=float)))
        if tolerance_deg > 0:
            point_index, area_index = self._tree.query(points, predicate="dwithin", distance=tolerance_deg)
        else:
            point_index, area_index = self._tree.query(points, predicate="intersects")
        found: list[list[str]] = [[] for _ in range(len(points))]
        for p, a in zip(point_index.tolist(), area_index.tolist(), strict=True):
            found[p].append(self.ids[a])
        return [sorted(ids) for ids in found]

    def containing(self, lat: float, lon: float, *, on: dt.date | None = None) -> list[dict[str, Any]]:
        """The properties of the areas that strictly contain the point, smallest first
        (only the outlines valid ``on`` a day, when one is given).

        The admin units of one country and one day tile the country's outline
        (gazetteer/AREAS.md, "Topology"), so among the areas valid on a given day a
        point lies in at most one country, one region and one cercle or province
        (a point exactly on a shared border touches both sides).
        """
        import shapely

        point = shapely.Point(lon, lat)
        hits = self._tree.query(point, predicate="intersects").tolist()
        if on is not None:
            hits = [i for i in hits if self.is_valid_on(i, on)]
        hits.sort(key=lambda i: shapely.area(self.geometries[i]))
        return [self.properties[i] for i in hits]
