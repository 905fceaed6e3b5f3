"""GeoJSON files measured: the geodesic area and perimeter of every feature.

:func:`measure_features` reads a file (RFC 7946 longitude/latitude, or an old-style
``crs`` member naming another CRS), measures each feature's polygons on the WGS84
ellipsoid, repairs polygons that cross themselves, and gives the total and, when
features overlap, the area they cover together. ``geo area FILE`` prints its result.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import InputError
from .measure import AREA_METHOD

if TYPE_CHECKING:
    import numpy as np
    from shapely.geometry.base import BaseGeometry

__all__ = ["GEOJSON_SUFFIXES", "FeatureMeasure", "FileMeasure", "measure_features"]

GEOJSON_SUFFIXES = (".geojson", ".json")
_GEOMETRY_TYPES = ("Point", "MultiPoint", "LineString", "MultiLineString", "Polygon", "MultiPolygon")
# Features whose sum exceeds the area they cover by less than this (relative) do not overlap.
_OVERLAP_TOLERANCE = 1e-6
_NAME_KEYS = ("name", "NAME", "Name", "nom", "title", "label", "id", "ID")


@dataclass(frozen=True, slots=True)
class FeatureMeasure:
    """One feature of a GeoJSON file, measured.

    ``number`` counts features from 1, in file order; ``area_km2`` and
    ``perimeter_km`` are ``None`` for a feature with no polygon (a point, a line, no
    geometry), which ``note`` explains. ``note`` also says when an invalid polygon was
    repaired with ``shapely.make_valid``; ``problem`` says why a feature could not be
    read at all. Measures are rounded to 0.001 km² and 0.001 km.
    """

    number: int
    id: Any = None
    name: str | None = None
    geometry_type: str | None = None
    area_km2: float | None = None
    perimeter_km: float | None = None
    note: str | None = None
    problem: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready values, as in ``geo area FILE --json`` (keys only where they apply)."""
        row: dict[str, Any] = {"feature": self.number, "id": self.id, "name": self.name}
        row["geometry_type"] = self.geometry_type
        if self.problem is not None:
            row["problem"] = self.problem
        elif self.area_km2 is None:
            row.update(area_km2=None, perimeter_km=None, note=self.note)
        else:
            if self.note is not None:
                row["note"] = self.note
            row.update(area_km2=self.area_km2, perimeter_km=self.perimeter_km)
        return row


@dataclass(frozen=True, slots=True)
class FileMeasure:
    """Every feature of a GeoJSON file, measured, and their total.

    ``measured`` counts the features with a polygon (a repaired polygon that kept no
    area is listed, with 0 km², but not counted); ``area_km2`` is the sum of the
    features' areas; ``union_km2`` the area they cover together, given only when they
    overlap (it is then smaller than the sum).

    Examples
    --------
    >>> import json, tempfile
    >>> from pathlib import Path
    >>> path = Path(tempfile.mkdtemp()) / "box.geojson"
    >>> box = {"type": "Polygon", "coordinates": [[[0, 15], [1, 15], [1, 16], [0, 16], [0, 15]]]}
    >>> feature = {"type": "Feature", "properties": {"name": "box"}, "geometry": box}
    >>> _ = path.write_text(json.dumps({"type": "FeatureCollection", "features": [feature]}))
    >>> measured = measure_features(path)
    >>> measured.measured, round(measured.area_km2, 1), measured.features[0].perimeter_km
    (1, 11872.8, 435.892)
    >>> path.unlink(); path.parent.rmdir()
    """

    path: str
    features: tuple[FeatureMeasure, ...]
    measured: int
    area_km2: float
    union_km2: float | None = None
    method: str = AREA_METHOD

    @property
    def problems(self) -> list[FeatureMeasure]:
        """The features that could not be read."""
        return [f for f in self.features if f.problem is not None]

    def messages(self) -> list[str]:
        """What a reader should be told, one line each: unreadable features, features not
        measured or repaired, a file with no polygon, and overlapping features."""
        lines = []
        for feature in self.features:
            said = feature.problem or feature.note
            if said:
                lines.append(f"{self.path}, feature {feature.number}: {said}")
        if not self.measured:
            lines.append(f"{self.path}: no feature has a polygon: nothing to measure")
        if self.union_km2 is not None:
            total = sum(f.area_km2 or 0.0 for f in self.features if f.problem is None)
            lines.append(
                f"{self.path}: features overlap: their sum ({total:,.1f} km²) counts the overlaps more than once; "
                f"together they cover {self.union_km2:,.1f} km²"
            )
        return lines

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready values, as ``geo area FILE --json`` prints them."""
        record: dict[str, Any] = {
            "query": self.path,
            "source": "file",
            "features": [f.to_dict() for f in self.features],
            "measured": self.measured,
            "area_km2": self.area_km2,
            "method": self.method,
        }
        if self.union_km2 is not None:
            record["union_km2"] = self.union_km2
        return record


def measure_features(path: str | os.PathLike[str]) -> FileMeasure:
    """Measure every feature of a GeoJSON file: the geodesic area and perimeter of its
    polygons, on the WGS84 ellipsoid, and the total.

    Coordinates are longitude, latitude (RFC 7946); an old-style ``crs`` member naming
    another CRS (``EPSG:32631``...) is honoured. Features without a polygon (points,
    lines, no geometry) are kept, with no area; a feature that cannot be read is kept
    with its ``problem``; a polygon that crosses itself is repaired with
    ``shapely.make_valid`` and measured, with a ``note``. When features overlap, the
    area they cover together is ``union_km2``.

    Raises :class:`~geo.errors.InputError` when the file is missing, not UTF-8, not
    JSON (naming the line and column), not GeoJSON, holds no feature, names an unknown
    CRS, or has coordinates beyond degrees without a ``crs`` member (a projected file).

    Examples
    --------
    >>> import tempfile
    >>> path = Path(tempfile.mkdtemp()) / "square.geojson"
    >>> _ = path.write_text('{"type": "Polygon", "coordinates": [[[2, 15], [3, 15], [3, 16], [2, 16], [2, 15]]]}')
    >>> measured = measure_features(path)
    >>> round(measured.area_km2), measured.features[0].geometry_type, measured.measured
    (11873, 'Polygon', 1)
    >>> _ = path.write_text('{"type": "Point", "coordinates": [2.4, 15.9]}')
    >>> measure_features(path).features[0].note
    'a Point, no polygon: not measured'
    >>> _ = path.write_text('{"type": "Point", "coordinates": [2.4, 15.9],}')
    >>> measure_features(path)
    Traceback (most recent call last):
    ...
    geo.errors.InputError: .../square.geojson, line 1, column 46: not valid JSON: Expecting property name ...
    >>> path.unlink(); path.parent.rmdir()
    """
    path = Path(path)
    if os.path.lexists(path):  # a folder, a device or pipe, a link loop: refused here, not read
        from ._input import check_input_file

        check_input_file(path, what="GeoJSON file")
    document = _read_geojson(path)
    return _measure_document(document, str(path))


def _measure_document(document: dict[str, Any], label: str) -> FileMeasure:
    import shapely

    from .measure import area_km2, perimeter_km

    features = _features(label, document)
    if not features:
        raise InputError(f"{label}: the file holds no feature")
    transform = _to_wgs84(label, document)
    measured: list[FeatureMeasure] = []
    polygons = []
    for number, feature in enumerate(features, start=1):
        if not isinstance(feature, dict):
            measured.append(
                FeatureMeasure(number, problem=f"not a GeoJSON Feature object but {type(feature).__name__}")
            )
            continue
        about: dict[str, Any] = {"number": number, "id": feature.get("id"), "name": _feature_name(feature)}
        geojson = feature.get("geometry")
        if geojson is None:
            measured.append(FeatureMeasure(**about, note="no geometry: not measured"))
            continue
        try:
            geometry = shapely.from_geojson(json.dumps(geojson))
        except (shapely.errors.GEOSException, ValueError, TypeError) as error:
            measured.append(FeatureMeasure(**about, problem=f"the geometry cannot be read: {error}"))
            continue
        about["geometry_type"] = geometry.geom_type
        if transform is not None:
            geometry = shapely.transform(geometry, transform)
        polygon = _polygonal(geometry)
        if polygon is None:
            measured.append(FeatureMeasure(**about, note=f"a {geometry.geom_type}, no polygon: not measured"))
            continue
        _check_degrees(label, number, polygon)
        note = None
        if not polygon.is_valid:
            reason = shapely.is_valid_reason(polygon)
            polygon = _polygonal(shapely.make_valid(polygon))
            note = f"not a valid polygon ({reason}): measured after shapely.make_valid"
            if polygon is None:
                measured.append(FeatureMeasure(**about, area_km2=0.0, perimeter_km=0.0, note=note))
                continue
        measured.append(
            FeatureMeasure(
                **about,
                area_km2=round(float(area_km2(polygon)[0]), 3),
                perimeter_km=round(float(perimeter_km(polygon)[0]), 3),
                note=note,
            )
        )
        polygons.append(polygon)
    total = sum(f.area_km2 or 0.0 for f in measured if f.problem is None)
    union = None
    if len(polygons) > 1:
        covered = float(area_km2(shapely.union_all(polygons))[0])
        if total - covered > _OVERLAP_TOLERANCE * max(total, 1.0):
            union = round(covered, 3)
    return FileMeasure(label, tuple(measured), len(polygons), round(total, 3), union)


def _read_geojson(path: Path) -> dict[str, Any]:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file (the current folder is {Path.cwd()})") from None
    except IsADirectoryError:
        raise InputError(f"{path} is a folder, not a GeoJSON file") from None
    except OSError as error:
        raise InputError(f"cannot read {path}: {error.strerror}") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InputError(
            f"{path}: byte {error.start + 1} is not UTF-8 ({data[error.start : error.start + 1]!r}); "
            "GeoJSON is UTF-8 text"
        ) from None
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise InputError(
            f"{path}, line {error.lineno}, column {error.colno}: not valid JSON: {error.msg}; fix the file there"
        ) from None
    except RecursionError:
        raise InputError(
            f"{path}: arrays or objects nested too deeply to be read; GeoJSON coordinates nest four levels at most"
        ) from None
    if not isinstance(document, dict) or "type" not in document:
        raise InputError(
            f"{path} is JSON but not GeoJSON: expected an object with a 'type' (FeatureCollection, Feature "
            f"or a geometry), found {type(document).__name__}"
        )
    return document


def _features(label: str, document: dict[str, Any]) -> list[Any]:
    kind = document["type"]
    if kind == "FeatureCollection":
        features = document.get("features")
        if not isinstance(features, list):
            raise InputError(f"{label}: the FeatureCollection has no 'features' list")
        return features
    if kind == "Feature":
        return [document]
    if kind in _GEOMETRY_TYPES or kind == "GeometryCollection":
        return [{"type": "Feature", "geometry": document, "properties": {}}]
    raise InputError(f"{label}: unknown GeoJSON type {kind!r}; expected FeatureCollection, Feature or a geometry")


def _to_wgs84(label: str, document: dict[str, Any]) -> Callable[[np.ndarray], np.ndarray] | None:
    """A function turning the file's coordinates into longitude/latitude, or None.

    RFC 7946 GeoJSON is always longitude/latitude (WGS84); older files may name
    another CRS in a top-level ``crs`` member, which is honoured.
    """
    crs_member = document.get("crs") or {}
    name = (crs_member.get("properties") or {}).get("name") if isinstance(crs_member, dict) else None
    if not name or not isinstance(name, str) or name.upper().replace("::", ":").endswith(("CRS84", "EPSG:4326")):
        return None
    from pyproj import CRS, Transformer
    from pyproj.exceptions import CRSError

    try:
        crs = CRS.from_user_input(name)
    except CRSError:
        raise InputError(f"{label}: unknown CRS {name!r} in the 'crs' member; reproject the file to WGS84") from None
    transformer = Transformer.from_crs(crs, "EPSG:4326", always_xy=True)

    def transform(xy: np.ndarray) -> np.ndarray:
        import numpy as np

        return np.column_stack(transformer.transform(xy[:, 0], xy[:, 1]))

    return transform


def _polygonal(geometry: BaseGeometry) -> BaseGeometry | None:
    """The polygonal parts of a geometry (a Polygon or MultiPolygon), or None."""
    import shapely

    parts = [p for p in shapely.get_parts(geometry) if p.geom_type in ("Polygon", "MultiPolygon")]
    if not parts:
        return None
    if len(parts) == 1:
        return parts[0]
    return shapely.union_all(parts)


def _feature_name(feature: dict[str, Any]) -> str | None:
    props = feature.get("properties") or {}
    if not isinstance(props, dict):
        return None
    for key in _NAME_KEYS:
        value = props.get(key)
        if value not in (None, ""):
            return str(value)
    return None


def _check_degrees(label: str, number: int, geometry: BaseGeometry) -> None:
    min_x, min_y, max_x, max_y = geometry.bounds
    if min_x < -180 or max_x > 180 or min_y < -90 or max_y > 90:
        raise InputError(
            f"{label}, feature {number}: coordinates reach ({max(abs(min_x), abs(max_x)):g}, "
            f"{max(abs(min_y), abs(max_y)):g}), beyond longitude/latitude degrees: the file looks projected. "
            "GeoJSON is longitude, latitude in WGS84 (RFC 7946): reproject it (e.g. ogr2ogr -t_srs EPSG:4326) "
            "or name its CRS in a 'crs' member"
        )
