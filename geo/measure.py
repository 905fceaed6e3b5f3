"""Distances, bearings and areas on the WGS84 ellipsoid, never in degrees.

:func:`geodesic`, :func:`distance_matrix`, :func:`destination`, :func:`area_km2` and
:func:`perimeter_km` use pyproj's ``Geod`` (Karney's algorithms) and are what the
toolkit reports. :func:`great_circle_km` is a vectorised spherical
approximation (error below 0.6 %) used only to rank candidates and find neighbours
quickly; nothing the user sees is measured with it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol, TypeAlias, cast, overload

import numpy as np

from .schema import COMPASS_POINTS

if TYPE_CHECKING:
    from collections.abc import Iterable

    from numpy.typing import ArrayLike
    from pyproj import Geod
    from shapely import Geometry, GeometryCollection, Polygon
    from shapely.geometry.base import BaseGeometry

    # one shapely geometry, or a sequence or an array of them
    Geometries: TypeAlias = Geometry | Iterable[Geometry]

__all__ = [
    "AREA_METHOD",
    "COMPASS",
    "DISTANCE_METHOD",
    "AreaMeasure",
    "Located",
    "PlaceDistance",
    "area_km2",
    "compass_point",
    "destination",
    "distance_matrix",
    "geodesic",
    "great_circle_km",
    "perimeter_km",
    "place_distance",
    "uncertainty_range",
]

DISTANCE_METHOD = "geodesic, WGS84 ellipsoid"
AREA_METHOD = "geodesic on the WGS84 ellipsoid, pyproj Geod"
# Two points closer than this (km) are the same point: no bearing between them.
SAME_POINT_KM = 1e-6

EARTH_RADIUS_KM = 6371.0088  # mean radius (IUGG)

COMPASS = COMPASS_POINTS


_GEOD: Geod | None = None  # pyproj's Geod on WGS84, made on first use (pyproj is imported only then)


def _geod() -> Geod:
    global _GEOD
    if _GEOD is None:
        from pyproj import Geod

        _GEOD = Geod(ellps="WGS84")
    return _GEOD


@overload
def great_circle_km(lat: float, lon: float, lats: float, lons: float) -> float: ...
@overload
def great_circle_km(
    lat: float | np.ndarray, lon: float | np.ndarray, lats: np.ndarray, lons: np.ndarray
) -> np.ndarray: ...
def great_circle_km(
    lat: float | np.ndarray, lon: float | np.ndarray, lats: float | np.ndarray, lons: float | np.ndarray
) -> float | np.ndarray:
    """Haversine distance in km from one point to many (spherical, for ranking only):
    an array for arrays of points (broadcast as numpy does: arrays of shapes ``(n, 1)``
    and ``(1, m)`` give every pair), a float for one point.

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


_SCALARS = (float, int)  # np.float64 is a float: it takes the scalar path too


def geodesic(lat1: ArrayLike, lon1: ArrayLike, lat2: ArrayLike, lon2: ArrayLike) -> tuple[np.ndarray, np.ndarray]:
    """Geodesic distance (km) and initial bearing (degrees, 0-360) from 1 to 2.

    Accepts scalars or arrays (broadcast together). Four numbers take a fast path
    (pyproj's scalar ``Geod.inv``, no arrays made) and give two ``numpy.float64``.

    Examples
    --------
    >>> km, bearing = geodesic(15.918, 2.402, 16.27, -0.04)  # Ménaka -> Gao
    >>> round(float(km)), round(float(bearing))
    (264, 279)
    >>> km, bearing = geodesic([15.918, 15.918], [2.402, 2.402], 16.27, -0.04)
    >>> km.round(1).tolist(), bearing.round(1).tolist()
    ([264.1, 264.1], [278.8, 278.8])
    """
    if (type(lat1) in _SCALARS and type(lon1) in _SCALARS and type(lat2) in _SCALARS and type(lon2) in _SCALARS) or all(
        isinstance(v, float | int) and not isinstance(v, bool) for v in (lat1, lon1, lat2, lon2)
    ):
        forward, _back, metres = (_GEOD or _geod()).inv(lon1, lat1, lon2, lat2)
        # numpy scalars: used as the 0-d arrays the array path gives for scalars
        return np.float64(metres / 1000.0), np.float64(forward % 360.0)  # type: ignore[return-value]
    arrays = np.broadcast_arrays(*(np.asarray(a, dtype=float) for a in (lon1, lat1, lon2, lat2)))
    shape = arrays[0].shape
    flat = [np.ascontiguousarray(a).ravel() for a in arrays]
    forward, _back, metres = _geod().inv(flat[0], flat[1], flat[2], flat[3])
    km = np.asarray(metres, dtype=float).reshape(shape) / 1000.0
    return km, np.mod(np.asarray(forward, dtype=float).reshape(shape), 360.0)


def distance_matrix(
    lats1: ArrayLike, lons1: ArrayLike, lats2: ArrayLike, lons2: ArrayLike
) -> tuple[np.ndarray, np.ndarray]:
    """Geodesic distances (km) and initial bearings (degrees, 0-360) from every point
    of a first set to every point of a second: two arrays of shape ``(n, m)``.

    Row ``i``, column ``j`` holds the distance and bearing from point ``i`` of the first
    set (``lats1[i]``, ``lons1[i]``) to point ``j`` of the second. All ``n × m`` pairs
    go to pyproj's ``Geod.inv`` in one vectorised call (no Python loop per pair); a
    NaN coordinate gives NaN in its row or column. Memory grows with ``n × m``
    (about 50 bytes a pair): split very large sets into blocks of rows.

    Raises :class:`~geo.errors.InputError` when a set's latitudes and longitudes are
    not one-dimensional and of the same length.

    Examples
    --------
    >>> km, bearing = distance_matrix([15.918, 16.27], [2.402, -0.04], [16.618, 14.493], [2.439, -4.198])
    >>> km.shape  # (Ménaka, Gao) -> (Tidermène, Mopti)
    (2, 2)
    >>> km.round(1).tolist()
    [[77.6, 726.4], [267.5, 487.8]]
    >>> [compass_point(b) for b in bearing[0]]
    ['N', 'WSW']
    """
    from .errors import InputError

    sets = []
    for label, lats, lons in (("first", lats1, lons1), ("second", lats2, lons2)):
        lat, lon = np.asarray(lats, dtype=float), np.asarray(lons, dtype=float)
        if lat.ndim != 1 or lon.ndim != 1 or lat.shape != lon.shape:
            raise InputError(
                f"the {label} set of points needs one-dimensional latitudes and longitudes of the same length, "
                f"not shapes {lat.shape} and {lon.shape}"
            )
        sets.append((lat, lon))
    (lat1, lon1), (lat2, lon2) = sets
    return geodesic(lat1[:, np.newaxis], lon1[:, np.newaxis], lat2[np.newaxis, :], lon2[np.newaxis, :])


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


def _polygonal(geometry: BaseGeometry) -> BaseGeometry | None:
    """The polygons of a geometry (a Polygon, a MultiPolygon, or None when it has none).

    Lines and points inside a GeometryCollection are dropped: pyproj would close a
    line into a ring and give it an area.
    """
    import shapely

    kind = geometry.geom_type
    if kind in ("Polygon", "MultiPolygon"):
        return geometry
    if kind != "GeometryCollection":
        return None
    polygons: list[Polygon] = []
    for part in cast("GeometryCollection[BaseGeometry]", geometry).geoms:
        found = _polygonal(part)
        if found is not None and not found.is_empty:
            polygons.extend(shapely.get_parts(found))
    return shapely.MultiPolygon(polygons) if polygons else None


def _area_perimeter(geometries: Geometries, *, perimeter: bool = True) -> tuple[np.ndarray, np.ndarray]:
    """Geodesic area (km²) and perimeter (km) of each geometry; see :func:`area_km2`."""
    import shapely

    array = np.atleast_1d(np.asarray(geometries, dtype=object))
    oriented = shapely.orient_polygons(array)
    geod = _geod()
    areas = np.zeros(len(array), dtype=float)
    perimeters = np.zeros(len(array), dtype=float)
    for i, geometry in enumerate(oriented):
        if geometry is None or geometry.is_empty:
            continue
        polygons = _polygonal(geometry)
        if polygons is None:
            continue
        # Ring by ring, signed: exteriors (counter-clockwise) count positive, holes
        # (clockwise) negative. Faster than pyproj's geometry_area_perimeter on
        # multipolygons of many parts, and the same sums.
        rings = shapely.get_rings(shapely.get_parts(polygons))
        coordinates, ring_index = shapely.get_coordinates(rings, return_index=True)
        splits = np.flatnonzero(np.diff(ring_index)) + 1
        total = 0.0
        for ring in np.split(coordinates, splits):
            ring_area, _ = geod.polygon_area_perimeter(ring[:, 0], ring[:, 1])
            total += ring_area
        areas[i] = abs(total) / 1e6
        if perimeter:  # every ring, holes included (pyproj's perimeter counts exteriors only)
            perimeters[i] = geod.geometry_length(polygons.boundary) / 1000.0
    return areas, perimeters


def area_km2(geometries: Geometries) -> np.ndarray:
    """Geodesic area in km² of each geometry (polygons; points and lines measure 0, and
    so do the points and lines of a GeometryCollection).

    Rings are oriented first (exterior counter-clockwise, holes clockwise) and measured
    with pyproj's ``Geod.geometry_area_perimeter`` on the WGS84 ellipsoid, so holes
    are subtracted and the result never depends on how a file ordered its vertices.
    Coordinates are longitude, latitude in degrees. Accepts one shapely geometry or a
    sequence of them; returns an array.

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
    return _area_perimeter(geometries, perimeter=False)[0]


def perimeter_km(geometries: Geometries) -> np.ndarray:
    """Geodesic perimeter in km of each polygonal geometry (0 for points and lines).

    The perimeter counts every ring: the exterior and the holes, of every part (like
    shapely's ``length`` of a polygon, but geodesic and in km).

    Examples
    --------
    >>> import shapely
    >>> round(float(perimeter_km(shapely.box(2.0, 15.0, 3.0, 16.0))[0]))  # 107.6 + 107.0 + 2 × 110.7
    436
    """
    return _area_perimeter(geometries)[1]


def compass_point(bearing_deg: float) -> str:
    """The 16-point compass name of a bearing.

    Examples
    --------
    >>> compass_point(0), compass_point(44), compass_point(280)
    ('N', 'NE', 'W')
    """
    return COMPASS[int((bearing_deg % 360) / 22.5 + 0.5) % 16]


# --- distances between places, with their uncertainty -----------------------------------
class Located(Protocol):
    """Anything with a point and an uncertainty: a :class:`~geo.place.Place`, a
    :class:`~geo.gazetteer.Resolution` (the offset point of a relative location)."""

    @property
    def lat(self) -> Any: ...

    @property
    def lon(self) -> Any: ...

    @property
    def uncertainty_km(self) -> Any: ...


@dataclass(frozen=True, slots=True)
class PlaceDistance:
    """The geodesic distance between two places, widened by their uncertainty.

    ``km`` is the geodesic distance between the two points on the WGS84 ellipsoid;
    ``uncertainty_km`` the sum of the places' location uncertainties, and ``km_min``
    to ``km_max`` the range it gives (never below 0). ``bearing_deg`` is the initial
    bearing from the first place to the second, clockwise from true north (``None``
    when the two points are the same). Values are unrounded; :meth:`to_dict` rounds
    them as the command line prints them.
    """

    km: float
    bearing_deg: float | None
    uncertainty_km: float
    km_min: float
    km_max: float
    method: str = DISTANCE_METHOD

    @property
    def direction(self) -> str | None:
        """The 16-point compass name of :attr:`bearing_deg` (``'SSW'``), or ``None``."""
        return None if self.bearing_deg is None else compass_point(self.bearing_deg)

    @property
    def within_uncertainty(self) -> bool:
        """Whether the places lie within their uncertainty of each other (the bearing then means little)."""
        return self.km <= self.uncertainty_km

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready values, rounded as ``geo distance --json`` prints them.

        Examples
        --------
        >>> place_distance((15.0, 2.0), (16.0, 2.0)).to_dict()["km"]
        110.654
        """
        return {
            "km": round(self.km, 3),
            "uncertainty_km": round(self.uncertainty_km, 1),
            "km_min": round(self.km_min, 3),
            "km_max": round(self.km_max, 3),
            "bearing_deg": None if self.bearing_deg is None else round(self.bearing_deg, 1),
            "direction": self.direction,
            "method": self.method,
        }


def _point_of(value: Located | tuple[float, float], label: str) -> tuple[float, float, float]:
    """``(lat, lon, uncertainty_km)`` of a place, a resolution or a ``(lat, lon)`` pair."""
    from ._input import check_lat_lon
    from .errors import InputError

    if isinstance(value, tuple | list):
        if len(value) != 2:
            raise InputError(f"expected two (lat, lon) values for {label}, instead got: {value!r}")
        lat, lon, uncertainty = value[0], value[1], 0.0
    elif all(hasattr(value, name) for name in ("lat", "lon")):
        lat, lon, uncertainty = value.lat, value.lon, getattr(value, "uncertainty_km", None) or 0.0
    else:
        raise InputError(
            f"{label} must be a place (with lat, lon and uncertainty_km) or a (lat, lon) pair, not {value!r}"
        )
    check_lat_lon(lat, lon)
    if isinstance(uncertainty, bool) or not isinstance(uncertainty, int | float) or not 0 <= uncertainty < 1e6:
        raise InputError(f"the uncertainty of {label} must be a number of km, 0 or more, not {uncertainty!r}")
    return float(lat), float(lon), float(uncertainty)


def place_distance(a: Located | tuple[float, float], b: Located | tuple[float, float]) -> PlaceDistance:
    """The geodesic distance and initial bearing from ``a`` to ``b``, with the range
    their location uncertainty allows: ``km ± (u_a + u_b)``.

    ``a`` and ``b`` are places of the gazetteer (:class:`~geo.place.Place`), answers
    of :meth:`~geo.gazetteer.Gazetteer.lookup` (the offset point of "75 km north of
    Ménaka" and its widened uncertainty), or ``(lat, lon)`` pairs, which count as
    exact. To measure between names, see :meth:`geo.gazetteer.Gazetteer.distance`.

    Raises :class:`~geo.errors.InputError` for a point out of range.

    Examples
    --------
    >>> from geo import Gazetteer
    >>> gazetteer = Gazetteer.load()
    >>> d = place_distance(gazetteer.place("ml-tidermene"), gazetteer.place("ml-menaka"))
    >>> round(d.km, 1), d.uncertainty_km, round(d.km_min, 1), round(d.km_max, 1), d.direction
    (77.5, 7.0, 70.5, 84.5, 'S')
    >>> d = place_distance((15.0, 2.0), (16.0, 2.0))  # points given as (lat, lon) are exact
    >>> round(d.km, 3), d.uncertainty_km, round(d.bearing_deg, 1)
    (110.654, 0.0, 0.0)
    """
    lat1, lon1, u1 = _point_of(a, "the first place")
    lat2, lon2, u2 = _point_of(b, "the second place")
    km_array, bearing_array = geodesic(lat1, lon1, lat2, lon2)
    km, bearing = float(km_array), float(bearing_array)
    uncertainty, km_min, km_max = uncertainty_range(km, u1, u2)
    return PlaceDistance(
        km=km,
        bearing_deg=None if km < SAME_POINT_KM else bearing,
        uncertainty_km=uncertainty,
        km_min=km_min,
        km_max=km_max,
    )


def uncertainty_range(km: Any, uncertainty_a: Any, uncertainty_b: Any) -> tuple[Any, Any, Any]:
    """The range two places' location uncertainties allow around the distance between
    them: ``(u, km_min, km_max)`` with ``u = u_a + u_b``, ``km_min = max(0, km - u)``
    and ``km_max = km + u``.

    The one rule behind :func:`place_distance`, ``geo distance`` and ``geo check``.
    Takes numbers (and gives floats) or numpy arrays (element-wise, for many pairs at
    once; a NaN distance or uncertainty gives NaN).

    Examples
    --------
    >>> u, low, high = uncertainty_range(77.49, 4.0, 3.0)  # Tidermène (±4 km) to Ménaka (±3 km)
    >>> u, round(low, 2), round(high, 2)
    (7.0, 70.49, 84.49)
    >>> uncertainty_range(2.0, 4.0, 3.0)  # never below 0
    (7.0, 0.0, 9.0)
    >>> _, low, high = uncertainty_range(np.array([10.0, np.nan]), 3.0, np.array([1.0, 1.0]))
    >>> low.tolist(), high.tolist()
    ([6.0, nan], [14.0, nan])
    """
    uncertainty = uncertainty_a + uncertainty_b
    low = np.maximum(km - uncertainty, 0.0)
    if np.ndim(low) == 0:
        return float(uncertainty), float(low), float(km + uncertainty)
    return uncertainty, low, km + uncertainty


# --- the area of a place ------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class AreaMeasure:
    """The geodesic area and perimeter of an area of the gazetteer.

    ``valid_from``/``valid_to`` (ISO dates, ``None`` when open) say which outline was
    measured, for areas whose boundaries changed; ``notes`` say how a name was read
    (``'Gao' is also the name of the city Gao [ml-gao]...``).

    Examples
    --------
    >>> from geo import Gazetteer
    >>> cercle = Gazetteer.load().area("Cercle de Ménaka")
    >>> cercle.id, cercle.kind, round(cercle.area_km2, -2), round(cercle.perimeter_km, -1)
    ('ml-cercle-menaka', 'cercle', 13400.0, 480.0)
    """

    id: str
    name: str
    kind: str
    country: str | None
    area_km2: float
    perimeter_km: float
    valid_from: str | None = None
    valid_to: str | None = None
    boundary_source: str | None = None
    method: str = AREA_METHOD
    notes: tuple[str, ...] = ()

    def to_dict(self, *, query: str | None = None) -> dict[str, Any]:
        """JSON-ready values, as ``geo area --json`` prints them (``query``: the text asked)."""
        return {
            "query": query if query is not None else self.id,
            "source": "gazetteer",
            "id": self.id,
            "name": self.name,
            "kind": self.kind,
            "country": self.country,
            "valid_from": self.valid_from,
            "valid_to": self.valid_to,
            "area_km2": round(self.area_km2, 3),
            "perimeter_km": round(self.perimeter_km, 3),
            "method": self.method,
            "boundary_source": self.boundary_source,
        }
