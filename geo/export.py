"""Write the toolkit's layers to files: GeoJSON, GeoPackage or CSV.

Layers: ``places`` (the curated tier, points), ``areas`` (regions, cercles, provinces,
countries and informal areas, polygons with validity dates), ``incidents`` (points),
``claims`` (points or polygons) and ``influence`` (the zones of every actor with claims,
one polygon per zone, certainty and step of :class:`geo.influence.Influence`) and
``intensity`` (incidents and fatalities per cercle and month,
:func:`geo.stats.intensity_layer`), with the fields of DESIGN.md's export contract. Zones
also carry ``certainty`` (``certain``, ``stale`` or ``possibly_ended``: only ``certain``
zones are the records' word that a zone holds that day), ``last_confirmed`` (the last day
their records document, an ISO date) and ``rule`` (which rule made the shape, in words).

- GeoJSON: one file per layer; lists (``actors``, ``sources``) are JSON arrays, dates
  ISO strings (``start``/``end`` inclusive, ``null`` when open).
- GeoPackage: one file, ``atlas.gpkg``, a table per layer; ``start``/``end`` (and a
  zone's ``last_confirmed``) are DATE fields, so that QGIS's temporal controller can play
  them; lists are ``|``-joined.
- CSV: one file per layer; points as ``lat``/``lon`` columns, other shapes as WKT (its
  keywords in ASCII capitals whatever the locale). Text cells that a spreadsheet would
  run as a formula (``=``, ``+``, ``-``, ``@``...) start with ``'`` unless ``raw``
  (:func:`geo._io.spreadsheet_safe`).

Files are written atomically (:mod:`geo._io`): a reader never sees a half-written file.
Exporting only some layers as GeoPackage into a folder that already holds ``atlas.gpkg``
updates those layers inside it and keeps the others (on a copy that then replaces the
file), so a partial export never turns a full atlas into a one-layer file.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import schema
from ._io import replace_atomically, spreadsheet_safe, write_atomically, write_text_atomically
from .errors import InputError, OutputError

if TYPE_CHECKING:
    import geopandas

    from .frames import Records
    from .gazetteer import Gazetteer

__all__ = ["FORMATS", "LAYERS", "export", "layer_frame"]

FORMATS = ("geojson", "gpkg", "csv")
LAYERS = ("places", "areas", "incidents", "claims", "influence", "intensity")
RECORD_LAYERS = ("incidents", "claims", "influence", "intensity")
GPKG_FILE = "atlas.gpkg"
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


def write_geojson(frame: geopandas.GeoDataFrame, path) -> None:
    """Write ``frame`` as a GeoJSON FeatureCollection with JSON arrays for list cells.

    ``path`` is a file path (written atomically) or an open text handle.
    """
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
    text = json.dumps(collection, ensure_ascii=False, separators=(",", ":")) + "\n"
    if isinstance(path, Path | str):
        write_text_atomically(path, text)
    else:
        path.write(text)


def write_gpkg_layer(frame: geopandas.GeoDataFrame, path: Path, layer: str) -> None:
    """Write ``frame`` into the GeoPackage ``path`` as table ``layer``, with real DATE fields.

    The file may be new (or empty) or hold other tables, which are kept; a table named
    ``layer`` already in it is replaced.
    """
    import numpy as np
    import pandas as pd
    import shapely
    from pyogrio.raw import write

    from .influence import LAST_CONFIRMED

    date_fields = (*schema.DATE_FIELDS, LAST_CONFIRMED)
    columns = [c for c in frame.columns if c != frame.geometry.name]
    field_data, field_mask = [], []
    for column in columns:
        series = frame[column]
        mask = None
        if column in date_fields:
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
        append=False,  # a new table; an existing table of that name is replaced, other tables kept
    )


def wkt(geometry) -> list[str | None]:
    """The shapes of ``geometry`` (a GeoSeries) as WKT with ASCII capital keywords, whatever the locale.

    GEOS capitalises the keywords with the C library's ``toupper``, which follows the
    process's ``LC_CTYPE``: under a Turkish locale ``i`` stays ``i`` and GEOS writes
    ``MULTiPOLYGON``, which it then refuses to read. Python's ``str.upper`` is not
    locale-dependent, so the keywords are capitalised again here.

    Examples
    --------
    >>> import geopandas, shapely
    >>> wkt(geopandas.GeoSeries([shapely.box(0, 0, 1, 1), None]))
    ['POLYGON ((1 0, 1 1, 0 1, 0 0, 1 0))', None]
    """
    return [_KEYWORD.sub(_upper, text) if isinstance(text, str) else None for text in geometry.to_wkt()]


def _upper(match: re.Match[str]) -> str:
    return match.group().upper()


# Words of two letters or more: the keywords (the exponent of 1e-07 is a single letter).
_KEYWORD = re.compile(r"[A-Za-z]{2,}")


def write_csv(frame: geopandas.GeoDataFrame, path, *, raw: bool = False) -> None:
    """Write ``frame`` as CSV: points as ``lat``/``lon`` columns, other shapes as WKT.

    ``path`` is a file path (written atomically) or an open text handle. Text cells that a
    spreadsheet would run as a formula get a leading ``'`` (:func:`geo._io.spreadsheet_safe`)
    unless ``raw``.
    """
    import pandas as pd

    geometry = frame.geometry
    table = frame.drop(columns=geometry.name).copy()

    def cell(value: Any) -> Any:
        value = plain_value(_joined(value))
        return value if raw else spreadsheet_safe(value)

    for column in table.columns:
        dtype = table[column].dtype
        if pd.api.types.is_object_dtype(dtype):
            table[column] = table[column].map(cell)
        elif not raw and pd.api.types.is_string_dtype(dtype):  # pandas' own string columns
            table[column] = table[column].map(spreadsheet_safe)
    if set(geometry.geom_type.dropna()) <= {"Point"}:
        if schema.LAT not in table.columns:
            table[schema.LAT] = geometry.y.round(6)
            table[schema.LON] = geometry.x.round(6)
    else:
        table["wkt"] = wkt(geometry)
    if isinstance(path, Path | str):
        write_atomically(path, lambda handle: table.to_csv(handle, index=False, lineterminator="\n"))
    else:
        table.to_csv(path, index=False, lineterminator="\n")


def export(
    gazetteer: Gazetteer,
    out_dir: str | Path,
    *,
    fmt: str = "geojson",
    layers=LAYERS,
    records: Records | None = None,
    method: str = "buffer",
    params: dict[str, Any] | None = None,
    raw: bool = False,
) -> list[Path]:
    """Write ``layers`` to ``out_dir`` in format ``fmt``; return the files written.

    ``records`` are the loaded seed records (:func:`geo.frames.load_records`); by default
    the bundled ones are loaded when a record layer is asked for. ``method`` and
    ``params`` are those of the influence layer. ``raw`` writes CSV cells exactly,
    without the apostrophe that keeps formulas from running in spreadsheets.

    GeoPackage: with every layer, ``atlas.gpkg`` is written anew; with some layers
    only, an existing ``atlas.gpkg`` keeps its other tables and gets the requested ones
    replaced (on a copy that then replaces the file, atomically).
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
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise OutputError(f"cannot write {out}: {error.strerror}", path=str(out), errno=error.errno) from None
    if fmt == "gpkg":
        target = out / GPKG_FILE
        update = set(frames) != set(LAYERS) and target.exists()

        from pyogrio import errors as gdal

        gdal_errors = (
            gdal.DataSourceError,
            gdal.DataLayerError,
            gdal.FeatureError,
            gdal.FieldError,
            gdal.GeometryError,
        )

        def write_all(path: Path) -> None:
            for layer, frame in frames.items():
                try:
                    write_gpkg_layer(frame, path, layer)
                except gdal_errors as error:  # GDAL's errors (disk full, not a GeoPackage...) are not OSErrors
                    reason = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
                    raise OutputError(f"cannot write {target} (layer {layer}): {reason}", path=str(target)) from None

        replace_atomically(target, write_all, suffix=".tmp.gpkg", copy_from=target if update else None)
        return [target]
    written: list[Path] = []
    for layer, frame in frames.items():
        target = out / f"{layer}.{fmt}"
        if fmt == "geojson":
            write_atomically(target, lambda handle, frame=frame: write_geojson(frame, handle))
        else:
            write_atomically(target, lambda handle, frame=frame: write_csv(frame, handle, raw=raw))
        written.append(target)
    return written
