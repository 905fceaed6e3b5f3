"""Polygons as the map page carries them: simplified, each written once, as small integers.

Split from :mod:`geo.render.web`; the page's script (``geo/assets/atlas/15-layers.js``) decodes them.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from shapely.geometry.base import BaseGeometry

__all__ = ["SIMPLIFY_DEG", "ZONE_PRECISION_DEG", "encode_geometry", "geometry_json", "share_shapes"]

ZONE_PRECISION_DEG = 1e-4  # zones' coordinates (~11 m), well under the simplification
SIMPLIFY_DEG = 0.004  # display simplification of polygons (~400 m); areas are measured before


def geometry_json(geometry: BaseGeometry, *, simplify: bool = True, precision: float = 1e-5) -> dict[str, Any]:
    """A shapely geometry as GeoJSON, its polygons simplified by :data:`SIMPLIFY_DEG` (unless
    ``simplify=False``) and its coordinates set to ``precision`` degrees.

    Examples
    --------
    >>> import shapely
    >>> geometry_json(shapely.Point(2.123456, 15.9))
    {'type': 'Point', 'coordinates': [2.12346, 15.9]}
    """
    import shapely

    if simplify and geometry.geom_type in ("Polygon", "MultiPolygon"):
        geometry = shapely.simplify(geometry, SIMPLIFY_DEG, preserve_topology=True)
    geometry = shapely.set_precision(geometry, precision)
    return json.loads(shapely.to_geojson(geometry))


def share_shapes(layers: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Write each polygon of the timed layers once: features name theirs by index.

    A zone that does not change for months is the same polygon at every step; with
    monthly steps over ten years that is most of a map's bytes. Each distinct shape is
    simplified once (:data:`SIMPLIFY_DEG`, all of them in one call), set to
    :data:`ZONE_PRECISION_DEG` and written compactly (:func:`encode_geometry`). The
    page puts each feature's ``geometry`` back from ``data.shapes[feature.shape]`` when
    it loads.
    """
    import numpy as np
    import shapely

    features = [
        feature for layer in layers if layer.get("timed") and not layer.get("points") for feature in layer["features"]
    ]
    seen: dict[bytes, int] = {}
    distinct: list[Any] = []
    for feature in features:
        geometry = feature.pop("geometry")
        if isinstance(geometry, dict):  # GeoJSON given by a caller
            geometry = shapely.from_geojson(json.dumps(geometry))
        key = shapely.to_wkb(geometry)
        if key not in seen:
            seen[key] = len(distinct)
            distinct.append(geometry)
        feature["shape"] = seen[key]
    if not distinct:
        return []
    shapes = np.asarray(distinct, dtype=object)
    polygonal = np.isin(shapely.get_type_id(shapes), (3, 6))
    shapes[polygonal] = shapely.simplify(shapes[polygonal], SIMPLIFY_DEG, preserve_topology=True)
    shapes = shapely.set_precision(shapes, ZONE_PRECISION_DEG)
    # Two shapes that differ by less than the simplification are written once too.
    written: dict[str, int] = {}
    coded: list[Any] = []
    moved = []
    for shape in shapes:
        code = encode_geometry(shape)
        text = json.dumps(code, separators=(",", ":"))
        moved.append(written.setdefault(text, len(coded)))
        if moved[-1] == len(coded):
            coded.append(code)
    for feature in features:
        feature["shape"] = moved[feature["shape"]]
    return coded


def encode_geometry(geometry: BaseGeometry) -> dict[str, Any]:
    """A shapely (Multi)Polygon as :func:`_encode_polygons` writes it, straight from its coordinates.

    Examples
    --------
    >>> import shapely
    >>> encode_geometry(shapely.Polygon([(2.4, 15.9), (2.5, 15.9), (2.4, 16.0)]))
    {'p': [[[24000, 159000, 1000, 0, -1000, 1000, 0, -1000]]]}
    """
    import numpy as np
    import shapely

    if geometry.geom_type not in ("Polygon", "MultiPolygon"):
        return {"geojson": json.loads(shapely.to_geojson(geometry))}
    polygons = []
    for polygon in shapely.get_parts(geometry):
        if polygon.is_empty:
            continue
        rings = [polygon.exterior, *polygon.interiors]
        coded = []
        for ring in rings:
            points = np.rint(shapely.get_coordinates(ring) * 1e4).astype(np.int64)
            steps = np.diff(points, axis=0, prepend=np.zeros((1, 2), dtype=np.int64))
            coded.append(steps.ravel().tolist())
        polygons.append(coded)
    return {"p": polygons}


def _encode_polygons(geometry: dict[str, Any]) -> dict[str, Any]:
    """A GeoJSON (Multi)Polygon as integers: each ring's first point in 1e-4 degrees,
    then the steps from point to point (small numbers, a third of the text).

    Other geometries are kept as they are, under ``"geojson"``; the page's script decodes.

    Examples
    --------
    >>> _encode_polygons({"type": "Polygon", "coordinates": [[[2.4, 15.9], [2.5, 15.9], [2.4, 16.0], [2.4, 15.9]]]})
    {'p': [[[24000, 159000, 1000, 0, -1000, 1000, 0, -1000]]]}
    """

    def ring(points: list[list[float]]) -> list[int]:
        flat: list[int] = []
        last_x = last_y = 0
        for x, y in points:
            ix, iy = round(x * 1e4), round(y * 1e4)
            flat += [ix - last_x, iy - last_y]
            last_x, last_y = ix, iy
        return flat

    if geometry["type"] == "Polygon":
        return {"p": [[ring(r) for r in geometry["coordinates"]]]}
    if geometry["type"] == "MultiPolygon":
        return {"p": [[ring(r) for r in polygon] for polygon in geometry["coordinates"]]}
    return {"geojson": geometry}
