"""The polygon of each site under one method, each computed and measured once."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from ..measure import area_km2
from .geometry import Site

if TYPE_CHECKING:
    from shapely.geometry.base import BaseGeometry

    from ..gazetteer import Gazetteer
    from .members import Member
    from .methods import Method

__all__ = ["Shapes"]


class Shapes:
    """The polygon of each site under one method (:class:`~geo.influence.methods.Method`),
    each computed once; areas of the gazetteer are used as they are.

    Examples
    --------
    >>> from geo.gazetteer import Gazetteer
    >>> from geo.influence.methods import make_method, merge_params
    >>> gazetteer = Gazetteer.load()
    >>> shapes = Shapes(gazetteer, make_method("buffer", merge_params("buffer", {}), gazetteer))
    >>> town = Site("menaka", 15.918, 2.402, 0.0, "town", "ml")
    >>> shapes.shape(town) is shapes.shape(town), shapes.radius_km(town)
    (True, 15.0)
    >>> round(shapes.union([town, town])[1], 1)  # one disc of 15 km, counted once
    705.7
    """

    def __init__(self, gazetteer: Gazetteer, method: Method) -> None:
        self.gazetteer = gazetteer
        self.method = method
        self._cache: dict[str, BaseGeometry] = {}
        self._unions: dict[frozenset[str], tuple[BaseGeometry, float]] = {}
        self._areas: dict[str, float] = {}

    @staticmethod
    def key(site: Site, activity: bool) -> str:
        """The cache key of a site's shape."""
        # Incidents at one spot with one uncertainty have one shape: key them by where they are.
        if activity and not site.area_id:
            return f"a:{site.lat:.5f},{site.lon:.5f},{site.uncertainty_km:g},{site.kind},{site.country}"
        return ("a:" if activity else "p:") + site.key

    def make(self, site: Site, *, activity: bool = False) -> BaseGeometry:
        """The site's shape, computed afresh (no cache)."""
        if site.area_id:
            return self.gazetteer.areas.geometry(site.area_id)
        return self.method.shape(site, activity=activity)

    def shape(self, site: Site, *, activity: bool = False) -> BaseGeometry:
        """The site's shape (computed once)."""
        cache_key = self.key(site, activity)
        if cache_key not in self._cache:
            self._cache[cache_key] = self.make(site, activity=activity)
        return self._cache[cache_key]

    def measured(self, sites: list[Site], *, activity: bool = False) -> tuple[list[BaseGeometry], np.ndarray]:
        """The shape of each site and its geodesic area in km², each computed once: the
        point sites new to the cache in one call of the method (one vectorised call of
        geodesic discs for the buffer method)."""
        keys = [self.key(site, activity) for site in sites]
        new = {key: site for key, site in zip(keys, sites, strict=True) if key not in self._cache}
        points = {k: site for k, site in new.items() if not site.area_id}
        if points:
            made = self.method.shapes(list(points.values()), activity=activity)
            self._cache.update(zip(points, made, strict=True))
        for key, site in new.items():
            if key not in self._cache:
                self._cache[key] = self.make(site, activity=activity)
        unmeasured = sorted({key for key in keys if key not in self._areas})
        if unmeasured:
            found = area_km2([self._cache[key] for key in unmeasured])
            self._areas.update(zip(unmeasured, found.tolist(), strict=True))
        return [self._cache[key] for key in keys], np.array([self._areas[key] for key in keys], dtype=float)

    def radius_km(self, site: Site, *, activity: bool = False) -> float | None:
        """The radius of the site's geodesic disc (``None`` for an area, or under a method
        that draws no disc)."""
        return None if site.area_id else self.method.radius_km(site, activity=activity)

    def piece(self, site: Site, cut: tuple[Site, ...] = (), *, activity: bool = False) -> BaseGeometry:
        """The site's shape less the shapes of the places ``cut`` out of it (see "Cut-outs")."""
        if not cut:
            return self.shape(site, activity=activity)
        cache_key = self._piece_key(site, cut, activity)
        if cache_key not in self._cache:
            import shapely

            hole = shapely.union_all([self.shape(c) for c in cut])
            shape = shapely.difference(self.shape(site, activity=activity), hole)
            self._cache[cache_key] = shapely.make_valid(shape) if not shape.is_valid else shape
        return self._cache[cache_key]

    def _piece_key(self, site: Site, cut: tuple[Site, ...], activity: bool) -> str:
        key = self.key(site, activity)
        return f"{key}-{','.join(sorted(self.key(c, False) for c in cut))}" if cut else key

    def union(self, items: list[Site] | list[Member], *, activity: bool = False) -> tuple[BaseGeometry, float]:
        """The union of the shapes of ``items`` (sites, or zone members with their cut-outs)
        and its geodesic area in km²."""
        import shapely

        pieces = [(i, ()) if isinstance(i, Site) else (i.site, i.cut) for i in items]
        unique = {self._piece_key(s, c, activity): (s, c) for s, c in pieces}
        key = frozenset(unique)
        if key not in self._unions:
            geometry = shapely.union_all([self.piece(s, c, activity=activity) for s, c in unique.values()])
            geometry = shapely.make_valid(geometry) if not geometry.is_valid else geometry
            self._unions[key] = (geometry, float(area_km2(geometry)[0]))
        return self._unions[key]
