"""Write the toolkit's layers to files: GeoJSON, GeoPackage or CSV.

Layers: ``places`` (the curated tier, points), ``areas`` (regions, cercles, provinces,
countries and informal areas, polygons with validity dates), ``incidents`` (points),
``claims`` (points or polygons) and ``influence`` (the zones of every actor with claims,
one polygon per zone and step of :class:`geo.influence.Influence`) and ``intensity``
(incidents and fatalities per cercle and month, :func:`geo.stats.intensity_layer`), with
the fields of DESIGN.md's export contract.

- GeoJSON: one file per layer; lists (``actors``, ``sources``) are JSON arrays, dates
  ISO strings (``start``/``end`` inclusive, ``null`` when open).
- GeoPackage: one file, ``atlas.gpkg``, a table per layer; ``start``/``end`` are DATE
  fields, so that QGIS's temporal controller can play them; lists are ``|``-joined.
- CSV: one file per layer; points as ``lat``/``lon`` columns, other shapes as WKT.

Files are written atomically: a reader never sees a half-written file.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import schema
from .errors import InputError

if TYPE_CHECKING:
    import geopandas

    from .frames import Records
    from .gazetteer import Gazetteer

__all__ = ["FORMATS", "LAYERS", "export", "layer_frame"]

FORMATS = ("geojson", "gpkg", "csv")
LAYERS = ("places", "areas", "incidents", "claims", "influence", "intensity")
RECORD_LAYERS = ("incidents", "claims", "influence", "intensity")
PLACE_FIELDS = [c for c in schema.PLACE_COLUMNS if c not in (schema.LAT, schema.LON)] + [schema.LAT, schema.LON]


def layer_frame(
    gazetteer: Gazetteer,
    layer: str,
    *,
    records: Records | None = None,
    method: str = "buffer",
    params: dict[str, Any] | None = None,
) -> geopandas.GeoDataFrame:
    """One layer as a GeoDataFrame in WGS84 (EPSG:4326).

    ``method`` and ``params`` choose how the ``influence`` layer turns places into
    areas (:class:`geo.influence.Influence`).

    Examples
    --------
    >>> from geo import Gazetteer
    >>> places = layer_frame(Gazetteer.load(), "places")
    >>> places.loc[places["id"] == "ml-menaka", "name"].item()
    'Ménaka'
    """
    import geopandas
    import shapely

    if layer == "places":
        rows = []
        for place in gazetteer.places(tier=schema.CURATED):
            rows.append(
                {
                    schema.ID: place.id,
                    schema.NAME: place.name,
                    schema.VARIANTS: schema.MULTI_SEPARATOR.join(place.variants),
                    schema.KIND: place.kind,
                    schema.UNCERTAINTY_KM: place.uncertainty_km,
                    schema.COUNTRY: place.country,
                    schema.ADMIN1: place.admin1,
                    schema.ADMIN2: place.admin2,
                    schema.GEONAMES_ID: place.geonames_id,
                    schema.COORD_SOURCE: place.coord_source,
                    schema.CITED_IN: schema.MULTI_SEPARATOR.join(place.cited_in),
                    schema.NOTE: place.note,
                    schema.LAT: place.lat,
                    schema.LON: place.lon,
                }
            )
        geometry = shapely.points([r[schema.LON] for r in rows], [r[schema.LAT] for r in rows])
        return geopandas.GeoDataFrame(rows, columns=PLACE_FIELDS, geometry=geometry, crs="EPSG:4326")
    if layer == "areas":
        areas = gazetteer.areas
        rows = [{key: props.get(key) or "" for key in schema.AREA_PROPERTIES} for props in areas.properties]
        return geopandas.GeoDataFrame(
            rows, columns=list(schema.AREA_PROPERTIES), geometry=list(areas.geometries), crs="EPSG:4326"
        )
    if layer in RECORD_LAYERS:
        if records is None:
            from .frames import load_records

            records = load_records(gazetteer=gazetteer)
        if layer == "influence":
            from .influence import Influence

            return Influence(records, gazetteer=gazetteer, method=method, params=params).layer()
        if layer == "intensity":
            from .stats import intensity_layer

            return intensity_layer(records, gazetteer, by="cercle", every="month")
        return records.incidents if layer == "incidents" else records.claims
    raise InputError(f"unknown layer {layer!r}; choose from {', '.join(LAYERS)}")


def _replace_atomically(write, target: Path) -> None:
    """Call ``write(tmp_path)`` and move the result onto ``target`` in one step."""
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, tmp_name = tempfile.mkstemp(prefix=f".{target.stem}-", suffix=target.suffix, dir=target.parent)
    os.close(handle)
    tmp = Path(tmp_name)
    tmp.unlink()  # the writers want to create the file themselves
    try:
        write(tmp)
        os.replace(tmp, target)
    finally:
        if tmp.exists():
            tmp.unlink()


def plain_value(value: Any) -> Any:
    """A cell as a JSON value: dates as ISO strings, missing values as ``None``."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [plain_value(v) for v in value]
    if value is None or (not isinstance(value, str) and _is_missing(value)):
        return None
    if hasattr(value, "item"):  # numpy scalars
        return value.item()
    return value


def _is_missing(value: Any) -> bool:
    import pandas as pd

    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def _joined(value: Any) -> str:
    return schema.MULTI_SEPARATOR.join(value) if isinstance(value, list | tuple) else value


def write_geojson(frame: geopandas.GeoDataFrame, path: Path) -> None:
    """Write ``frame`` as a GeoJSON FeatureCollection with JSON arrays for list cells."""
    import shapely

    columns = [c for c in frame.columns if c != frame.geometry.name]
    features = []
    for values, shape in zip(frame[columns].itertuples(index=False, name=None), frame.geometry, strict=True):
        features.append(
            {
                "type": "Feature",
                "properties": {column: plain_value(value) for column, value in zip(columns, values, strict=True)},
                "geometry": None if shape is None else json.loads(shapely.to_geojson(shape)),
            }
        )
    collection = {"type": "FeatureCollection", "features": features}
    path.write_text(json.dumps(collection, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")


def write_gpkg_layer(frame: geopandas.GeoDataFrame, path: Path, layer: str) -> None:
    """Append ``frame`` to the GeoPackage ``path`` as table ``layer``, with real DATE fields."""
    import numpy as np
    import pandas as pd
    import shapely
    from pyogrio.raw import write

    columns = [c for c in frame.columns if c != frame.geometry.name]
    field_data, field_mask = [], []
    for column in columns:
        series = frame[column]
        mask = None
        if column in schema.DATE_FIELDS:
            data = np.array([v.isoformat() if isinstance(v, dt.date) else "NaT" for v in series], dtype="datetime64[D]")
        elif isinstance(series.dtype, pd.Int64Dtype):
            mask = series.isna().to_numpy()
            data = series.fillna(0).to_numpy(dtype="int64")
        elif pd.api.types.is_float_dtype(series.dtype):
            data = series.to_numpy(dtype="float64")
        elif pd.api.types.is_integer_dtype(series.dtype):
            data = series.to_numpy(dtype="int64")
        else:
            data = np.array([None if _is_missing(v) else str(_joined(v)) for v in series], dtype=object)
        field_data.append(data)
        field_mask.append(mask)
    kinds = set(frame.geometry.geom_type.dropna())
    if kinds <= {"Point"}:
        geometry_type = "Point"
    elif kinds <= {"Polygon", "MultiPolygon"}:
        geometry_type = "MultiPolygon"
    else:
        geometry_type = "Unknown"
    write(
        str(path),
        shapely.to_wkb(frame.geometry.array),
        field_data,
        columns,
        field_mask=field_mask if any(m is not None for m in field_mask) else None,
        layer=layer,
        driver="GPKG",
        geometry_type=geometry_type,
        promote_to_multi=geometry_type == "MultiPolygon",
        crs="EPSG:4326",
        append=path.exists(),
    )


def write_csv(frame: geopandas.GeoDataFrame, path: Path) -> None:
    """Write ``frame`` as CSV: points as ``lat``/``lon`` columns, other shapes as WKT."""
    geometry = frame.geometry
    table = frame.drop(columns=geometry.name).copy()
    for column in table.columns:
        if table[column].dtype == object:
            table[column] = table[column].map(lambda v: plain_value(_joined(v)))
    if set(geometry.geom_type.dropna()) <= {"Point"}:
        if schema.LAT not in table.columns:
            table[schema.LAT] = geometry.y.round(6)
            table[schema.LON] = geometry.x.round(6)
    else:
        table["wkt"] = geometry.to_wkt()
    table.to_csv(path, index=False)


def export(
    gazetteer: Gazetteer,
    out_dir: str | Path,
    *,
    fmt: str = "geojson",
    layers=LAYERS,
    records: Records | None = None,
    method: str = "buffer",
    params: dict[str, Any] | None = None,
) -> list[Path]:
    """Write ``layers`` to ``out_dir`` in format ``fmt``; return the files written.

    ``records`` are the loaded seed records (:func:`geo.frames.load_records`); by default
    the bundled ones are loaded when a record layer is asked for. ``method`` and
    ``params`` are those of the influence layer.
    """
    if fmt not in FORMATS:
        raise InputError(f"unknown format {fmt!r}; choose from {', '.join(FORMATS)}")
    unknown = [layer for layer in layers if layer not in LAYERS]
    if unknown:
        raise InputError(f"unknown layer(s) {', '.join(unknown)}; choose from {', '.join(LAYERS)}")
    if records is None and any(layer in RECORD_LAYERS for layer in layers):
        from .frames import load_records

        records = load_records(gazetteer=gazetteer)
    out = Path(out_dir)
    frames = {layer: layer_frame(gazetteer, layer, records=records, method=method, params=params) for layer in layers}
    if fmt == "gpkg":
        target = out / "atlas.gpkg"

        def write_all(path: Path) -> None:
            for layer, frame in frames.items():
                write_gpkg_layer(frame, path, layer)

        _replace_atomically(write_all, target)
        return [target]
    writer = write_geojson if fmt == "geojson" else write_csv
    written: list[Path] = []
    for layer, frame in frames.items():
        target = out / f"{layer}.{fmt}"
        _replace_atomically(lambda path, frame=frame: writer(frame, path), target)
        written.append(target)
    return written
