"""Shapes on the ellipsoid: geodesic discs, display simplification, and where a record is."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from collections.abc import Iterable

    from numpy.typing import ArrayLike
    from pyproj import Geod
    from shapely import Polygon
    from shapely.geometry.base import BaseGeometry

__all__ = ["DISC_VERTICES", "DISPLAY_TOLERANCE_M", "Site", "geodesic_disc", "geodesic_discs", "simplify_for_display"]

DISC_VERTICES = 64
# Display layers (the exported influence layer) are simplified to this tolerance: no drawn
# vertex lies further than this from the zone's computed outline (see simplify_for_display).
DISPLAY_TOLERANCE_M = 100.0
# The most metres a degree spans in any direction on the WGS84 ellipsoid (a degree of
# latitude near a pole); a tolerance of t m is t / this in degrees, at most t m anywhere.
MAX_METRES_PER_DEGREE = 111_700.0


@dataclass(frozen=True, slots=True)
class Site:
    """Where a record is: an area of the gazetteer, or a point with an uncertainty."""

    key: str
    lat: float
    lon: float
    uncertainty_km: float
    kind: str
    country: str  # lower-case country id, as in areas.geojson ("ml"), or ""
    area_id: str = ""  # set when the site is an area of the gazetteer


@cache
def _wgs84() -> Geod:
    """pyproj's ``Geod`` on WGS84, made on first use (pyproj is imported only then)."""
    from pyproj import Geod

    return Geod(ellps="WGS84")


def geodesic_disc(lat: float, lon: float, radius_km: float, *, vertices: int = DISC_VERTICES) -> Polygon:
    """A polygon of the points ``radius_km`` from (lat, lon) on the WGS84 ellipsoid.

    Examples
    --------
    >>> from geo.measure import area_km2
    >>> disc = geodesic_disc(15.918, 2.402, 10.0)  # 10 km around Ménaka
    >>> round(float(area_km2(disc)[0]), 1)  # pi * 10² = 314.2, less a little for 64 sides
    313.7
    """
    import shapely

    azimuths = np.linspace(0.0, 360.0, vertices, endpoint=False)
    lons, lats, _ = _wgs84().fwd(
        np.full(vertices, lon), np.full(vertices, lat), azimuths, np.full(vertices, radius_km * 1000.0)
    )
    ring = np.column_stack([lons, lats])
    return shapely.Polygon(ring[::-1])  # counter-clockwise


def geodesic_discs(
    lats: ArrayLike, lons: ArrayLike, radii_km: ArrayLike, *, vertices: int = DISC_VERTICES
) -> np.ndarray:
    """:func:`geodesic_disc` for many centres and radii at once (one vectorised call).

    Examples
    --------
    >>> from geo.measure import area_km2
    >>> discs = geodesic_discs([15.918, 16.27], [2.402, -0.04], [10.0, 20.0])
    >>> [round(float(a), 1) for a in area_km2(discs)]  # pi * 10², pi * 20², less a little
    [313.7, 1254.6]
    >>> bool(discs[0].equals_exact(geodesic_disc(15.918, 2.402, 10.0), 1e-12))
    True
    """
    import shapely

    lats = np.asarray(lats, dtype=float)
    lons = np.asarray(lons, dtype=float)
    radii = np.asarray(radii_km, dtype=float) * 1000.0
    count = len(lats)
    if count == 0:
        return np.empty(0, dtype=object)
    azimuths = np.tile(np.linspace(0.0, 360.0, vertices, endpoint=False), count)
    out_lons, out_lats, _ = _wgs84().fwd(
        np.repeat(lons, vertices), np.repeat(lats, vertices), azimuths, np.repeat(radii, vertices)
    )
    rings = np.stack([out_lons, out_lats], axis=-1).reshape(count, vertices, 2)[:, ::-1]  # counter-clockwise
    return np.asarray(shapely.polygons(np.concatenate([rings, rings[:, :1]], axis=1)))


def simplify_for_display(
    geometries: Iterable[BaseGeometry | None], tolerance_m: float = DISPLAY_TOLERANCE_M
) -> np.ndarray:
    """``geometries`` simplified so that no vertex drawn lies more than ``tolerance_m``
    metres from the original outline (Douglas-Peucker, topology kept; the tolerance is
    taken in degrees as ``tolerance_m / 111,700``, the most metres a degree spans).
    Each distinct geometry object is simplified once.

    Examples
    --------
    >>> disc = geodesic_disc(15.918, 2.402, 20.0)  # 64 vertices and the closing one
    >>> shown = simplify_for_display([disc, disc])
    >>> len(shown[0].exterior.coords), shown[0] is shown[1]
    (41, True)
    >>> bool(shown[0].hausdorff_distance(disc) * 111_700 <= 100)
    True
    """
    import shapely

    items = list(geometries)
    unique: dict[int, BaseGeometry] = {}
    for geometry in items:
        if geometry is not None:
            unique.setdefault(id(geometry), geometry)
    keys = list(unique)
    done = shapely.simplify(np.array([unique[k] for k in keys], dtype=object), tolerance_m / MAX_METRES_PER_DEGREE)
    simplified = dict(zip(keys, done, strict=True))
    result = np.empty(len(items), dtype=object)
    result[:] = [None if g is None else simplified[id(g)] for g in items]
    return result


# --- claims and when they hold ------------------------------------------------------
