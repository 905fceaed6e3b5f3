"""Distances and bearings on the WGS84 ellipsoid, never in degrees.

:func:`geodesic` and :func:`destination` use pyproj's ``Geod`` (Karney's algorithm)
and are what the toolkit reports. :func:`great_circle_km` is a vectorised spherical
approximation (error below 0.5 %) used only to rank candidates and find neighbours
quickly; nothing the user sees is measured with it.
"""

from __future__ import annotations

from functools import cache

import numpy as np

from .schema import COMPASS_POINTS

__all__ = ["COMPASS", "area_km2", "compass_point", "destination", "geodesic", "great_circle_km"]

EARTH_RADIUS_KM = 6371.0088  # mean radius (IUGG)

COMPASS = COMPASS_POINTS


@cache
def _geod():
    from pyproj import Geod

    return Geod(ellps="WGS84")


def great_circle_km(lat: float, lon: float, lats: np.ndarray, lons: np.ndarray) -> np.ndarray:
    """Haversine distance in km from one point to many (spherical, for ranking only).

    Examples
    --------
    >>> d = great_circle_km(15.918, 2.402, np.array([16.27]), np.array([-0.04]))
    >>> 260 < float(d[0]) < 275  # Ménaka -> Gao
    True
    """
    phi1, phi2 = np.radians(lat), np.radians(lats)
    dphi = phi2 - phi1
    dlam = np.radians(lons - lon)
    a = np.sin(dphi / 2) ** 2 + np.cos(phi1) * np.cos(phi2) * np.sin(dlam / 2) ** 2
    return 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.clip(a, 0.0, 1.0)))


def geodesic(lat1, lon1, lat2, lon2) -> tuple[np.ndarray, np.ndarray]:
    """Geodesic distance (km) and initial bearing (degrees, 0-360) from 1 to 2.

    Accepts scalars or arrays (broadcast together).

    Examples
    --------
    >>> km, bearing = geodesic(15.918, 2.402, 16.27, -0.04)  # Ménaka -> Gao
    >>> round(float(km)), round(float(bearing))
    (264, 279)
    """
    arrays = np.broadcast_arrays(*(np.asarray(a, dtype=float) for a in (lon1, lat1, lon2, lat2)))
    shape = arrays[0].shape
    flat = [np.ascontiguousarray(a).ravel() for a in arrays]
    forward, _back, metres = _geod().inv(*flat)
    km = np.asarray(metres, dtype=float).reshape(shape) / 1000.0
    return km, np.mod(np.asarray(forward, dtype=float).reshape(shape), 360.0)


def destination(lat: float, lon: float, bearing_deg: float, km: float) -> tuple[float, float]:
    """The point ``km`` away from (lat, lon) along ``bearing_deg``: returns (lat, lon).

    Examples
    --------
    >>> lat, lon = destination(15.918, 2.402, 0.0, 75.0)  # 75 km north of Ménaka
    >>> round(lat, 2), round(lon, 2)
    (16.6, 2.4)
    """
    lon2, lat2, _ = _geod().fwd(lon, lat, bearing_deg, km * 1000.0)
    return float(lat2), float(lon2)


def area_km2(geometries) -> np.ndarray:
    """Geodesic area in km² of each geometry (polygons; points and lines measure 0).

    Rings are oriented first (exterior counter-clockwise, holes clockwise) and measured
    with pyproj's ``Geod.geometry_area_perimeter`` on the WGS84 ellipsoid, so holes
    are subtracted and the result never depends on how a file ordered its vertices.
    Accepts one shapely geometry or a sequence of them; returns an array.

    Examples
    --------
    >>> import shapely
    >>> square = shapely.box(2.0, 15.0, 3.0, 16.0)  # one degree square near Ménaka
    >>> round(float(area_km2(square)[0]))
    11873
    >>> holed = shapely.Polygon(square.exterior.coords[::-1], [shapely.box(2.4, 15.4, 2.6, 15.6).exterior.coords])
    >>> round(float(area_km2([holed])[0]))
    11398
    """
    import shapely

    array = np.atleast_1d(np.asarray(geometries, dtype=object))
    oriented = shapely.orient_polygons(array)
    geod = _geod()
    out = np.zeros(len(array), dtype=float)
    for i, geometry in enumerate(oriented):
        if geometry is None or geometry.is_empty or shapely.get_dimensions(geometry) < 2:
            continue
        area, _perimeter = geod.geometry_area_perimeter(geometry)
        out[i] = abs(area) / 1e6
    return out


def compass_point(bearing_deg: float) -> str:
    """The 16-point compass name of a bearing.

    Examples
    --------
    >>> compass_point(0), compass_point(44), compass_point(280)
    ('N', 'NE', 'W')
    """
    return COMPASS[int((bearing_deg % 360) / 22.5 + 0.5) % 16]
