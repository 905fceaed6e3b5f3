"""Write the toolkit's layers to files: GeoJSON, GeoPackage, CSV or GeoParquet.

Layers: ``places`` (the curated tier, points), ``areas`` (regions, cercles, provinces,
countries and informal areas, polygons with validity dates), ``incidents`` (points),
``claims`` (points or polygons) and ``influence`` (the zones of every actor with a zone,
:meth:`geo.influence.Influence.incident_layer`: zones from claims one polygon per zone,
certainty and step; activity one disc per incident, from its first day to the last day
its trailing window keeps the zone, with the incident's id in ``incident`` and the disc's
radius in ``radius_km``; influence from incidents one disc per place and run of days; or
with ``every``, one picture per period, the unions of :meth:`~geo.influence.Influence.layer`)
and ``intensity`` (incidents and fatalities per cercle and month,
:func:`geo.stats.intensity_layer`), with the fields of DESIGN.md's export contract. Zones
also carry ``certainty`` (``certain``, ``stale`` or ``possibly_ended``: only ``certain``
zones are the records' word that a zone holds that day), ``last_confirmed`` (the last day
their records document, an ISO date) and ``rule`` (which rule made the shape, in words).
The influence layer is a display layer: its shapes are simplified to
:data:`~geo.influence.DISPLAY_TOLERANCE_M` (100 m), its ``area_km2`` measured on the
exact shapes. Its size grows linearly with the incidents.

- GeoJSON: one file per layer, written feature by feature; lists (``actors``,
  ``sources``) are JSON arrays, dates ISO strings (``start``/``end`` inclusive, ``null``
  when open); coordinates rounded to :data:`COORD_DECIMALS` (6) decimal places.
- GeoPackage: one file, ``atlas.gpkg``, a table per layer; ``start``/``end`` (and a
  zone's ``last_confirmed``) are DATE fields, so that QGIS's temporal controller can play
  them; lists are ``|``-joined.
- CSV: one file per layer; points as ``lat``/``lon`` columns, other shapes as WKT (its
  keywords in ASCII capitals whatever the locale). Text cells that a spreadsheet would
  run as a formula (``=``, ``+``, ``-``, ``@``...) start with ``'`` unless ``raw``
  (:func:`geo._io.spreadsheet_safe`).
- GeoParquet (:mod:`geo.parquet`, needs the ``parquet`` extra): record layers as datasets
  partitioned by year and country (``OUT/incidents/year=2022/country=ml/part-0.parquet``),
  places and areas as ``OUT/places.parquet`` and ``OUT/areas.parquet``; the CSV's cells
  (never apostrophe-escaped) and a WKB ``geometry``.

Files are written atomically (:mod:`geo._io`): a reader never sees a half-written file.
Exporting only some layers as GeoPackage into a folder that already holds ``atlas.gpkg``
updates those layers inside it and keeps the others (on a copy that then replaces the
file), so a partial export never turns a full atlas into a one-layer file.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import schema
from ._io import replace_atomically, write_atomically
from .errors import InputError, OutputError
from .tables import csv_table, is_missing, join_list, plain_value

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator, Sequence
    from typing import IO

    import geopandas
    import pandas
    from shapely.geometry.base import BaseGeometry

    from .gazetteer import Gazetteer
    from .influence import Influence
    from .records import Records

__all__ = ["COORD_DECIMALS", "FORMATS", "LAYERS", "export", "geojson_geometries", "layer_frame", "output_names"]

FORMATS = ("geojson", "gpkg", "csv", "parquet")
LAYERS = ("places", "areas", "incidents", "claims", "influence", "intensity")
RECORD_LAYERS = ("incidents", "claims", "influence", "intensity")
GPKG_FILE = "atlas.gpkg"
COORD_DECIMALS = 6  # GeoJSON coordinates: 6 decimal places of a degree, about 0.1 m
CHUNK_ROWS = 5000  # rows converted at a time by the streamed GeoJSON writer
PLACE_FIELDS = [c for c in schema.PLACE_COLUMNS if c not in (schema.LAT, schema.LON)] + [schema.LAT, schema.LON]


def layer_frame(
    gazetteer: Gazetteer,
    layer: str,
    *,
    records: Records | None = None,
    method: str = "buffer",
    params: dict[str, Any] | None = None,
    every: str | None = None,
    influence: Influence | None = None,
) -> geopandas.GeoDataFrame:
    """One layer as a GeoDataFrame in WGS84 (EPSG:4326).

    ``method`` and ``params`` choose how the ``influence`` layer turns places into
    areas (:class:`geo.influence.Influence`); by default it is written per incident
    (:meth:`~geo.influence.Influence.incident_layer`), with ``every`` (``month``,
    ``quarter``...) as one union per actor, zone and period instead
    (:meth:`~geo.influence.Influence.layer`), for maps and charts. Its shapes are
    simplified to :data:`~geo.influence.DISPLAY_TOLERANCE_M`. ``influence``: an
    :class:`~geo.influence.Influence` of these records to use (``method`` and ``params``
    are then its own).

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
        places = gazetteer.places(tier=schema.CURATED)
        for place in places:
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
        geometry = shapely.points([p.lon for p in places], [p.lat for p in places])
        return geopandas.GeoDataFrame(rows, columns=PLACE_FIELDS, geometry=geometry, crs="EPSG:4326")
    if layer == "areas":
        areas = gazetteer.areas
        rows = [{key: props.get(key) or "" for key in schema.AREA_PROPERTIES} for props in areas.properties]
        return geopandas.GeoDataFrame(
            rows, columns=list(schema.AREA_PROPERTIES), geometry=list(areas.geometries), crs="EPSG:4326"
        )
    if layer in RECORD_LAYERS:
        if records is None:
            from .records import load_records

            records = load_records(gazetteer=gazetteer)
        if layer == "influence":
            from .influence import Influence, simplify_for_display

            if influence is None:
                influence = Influence(records, gazetteer=gazetteer, method=method, params=params)
            if every is None:
                return influence.incident_layer()
            frame = influence.layer(every=every)
            frame["geometry"] = simplify_for_display(frame.geometry.array)
            return frame
        if layer == "intensity":
            from .stats import intensity_layer

            return intensity_layer(records, gazetteer, by="cercle", every="month")
        return records.incidents if layer == "incidents" else records.claims
    raise InputError(f"unknown layer {layer!r}; choose from {', '.join(LAYERS)}")


def write_geojson(frame: geopandas.GeoDataFrame, path: str | Path | IO[str], *, decimals: int = COORD_DECIMALS) -> None:
    """Write ``frame`` as a GeoJSON FeatureCollection with JSON arrays for list cells.

    ``path`` is a file path (written atomically) or an open text handle. Features are
    written one by one, :data:`CHUNK_ROWS` rows converted at a time, so memory does not
    grow with the file; coordinates are rounded to ``decimals`` decimal places
    (:data:`COORD_DECIMALS`, 6: about 0.1 m). The text is one line, as
    ``json.dumps(collection, ensure_ascii=False, separators=(",", ":"))`` would write it.

    Examples
    --------
    >>> import io, geopandas, shapely
    >>> frame = geopandas.GeoDataFrame({"id": ["a"], "actors": [["isgs", "jnim"]]},
    ...                                geometry=[shapely.Point(2.4022222, 15.9181818)], crs="EPSG:4326")
    >>> out = io.StringIO()
    >>> write_geojson(frame, out)
    >>> out.getvalue()[:97]
    '{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"id":"a","actors":["isgs"'
    >>> json.loads(out.getvalue())["features"][0]["geometry"]
    {'type': 'Point', 'coordinates': [2.402222, 15.918182]}
    """
    if isinstance(path, Path | str):
        write_atomically(path, lambda handle: write_geojson(frame, handle, decimals=decimals))
        return
    from ._io import paused_gc

    with paused_gc():  # many small containers, no cycles
        _write_features(frame, path, decimals)


def _write_features(frame: geopandas.GeoDataFrame, path: IO[str], decimals: int) -> None:
    encode = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
    columns = [c for c in frame.columns if c != frame.geometry.name]
    path.write('{"type":"FeatureCollection","features":[')
    for begin in range(0, len(frame), CHUNK_ROWS):
        part = frame.iloc[begin : begin + CHUNK_ROWS]
        shapes = geojson_geometries(part.geometry.array, decimals=decimals)
        cells = [_json_cells(part[column]) for column in columns]
        lines = []
        for n, shape in enumerate(shapes):
            properties = encode({column: values[n] for column, values in zip(columns, cells, strict=True)})
            lines.append(f'{{"type":"Feature","properties":{properties},"geometry":{shape or "null"}}}')
        path.write(("," if begin else "") + ",".join(lines))
    path.write("]}\n")


def geojson_geometries(
    geometries: Iterable[BaseGeometry | None], *, decimals: int = COORD_DECIMALS
) -> list[str | None]:
    """Each geometry as GeoJSON text (GEOS's writer), coordinates rounded to ``decimals``
    places; ``None`` for a missing geometry.

    Examples
    --------
    >>> import shapely
    >>> geojson_geometries([shapely.Point(2.40222222, 15.9), None], decimals=4)
    ['{"type":"Point","coordinates":[2.4022,15.9]}', None]
    """
    import numpy as np
    import shapely

    # Layers repeat shapes (every incident at one place has the same disc object): each
    # distinct object is written once.
    items = list(geometries)
    first: dict[int, int] = {}
    which = [first.setdefault(id(shape), len(first)) for shape in items]
    unique = np.empty(len(first), dtype=object)
    unique[:] = [None] * len(first)
    for shape, n in zip(items, which, strict=True):
        unique[n] = shape
    rounded = shapely.transform(unique, lambda xy: np.round(xy, decimals))
    texts = shapely.to_geojson(rounded).tolist()
    return [texts[n] for n in which]


def _json_cells(series: pandas.Series) -> list[Any]:
    """The cells of one column as JSON values (:func:`plain_value`), fast for common types."""
    import pandas as pd

    dtype = series.dtype
    if pd.api.types.is_float_dtype(dtype):
        return [None if v != v else v for v in series.tolist()]  # NaN -> null
    if pd.api.types.is_bool_dtype(dtype) and not isinstance(dtype, pd.BooleanDtype):
        return series.tolist()
    if pd.api.types.is_integer_dtype(dtype) and not isinstance(dtype, pd.Int64Dtype):
        return series.tolist()
    return [_json_cell(v) for v in series.tolist()]


def _json_cell(value: Any) -> Any:
    kind = type(value)
    if kind is str or value is None:
        return value
    if kind is list and all(type(v) is str for v in value):
        return value
    if kind is dt.date:
        return value.isoformat()
    return plain_value(value)


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
            data = np.array([None if is_missing(v) else str(join_list(v)) for v in series], dtype=object)
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


def write_csv(frame: geopandas.GeoDataFrame, path: str | Path | IO[str], *, raw: bool = False) -> None:
    """Write ``frame`` as CSV: points as ``lat``/``lon`` columns, other shapes as WKT.

    ``path`` is a file path (written atomically) or an open text handle. Text cells that a
    spreadsheet would run as a formula get a leading ``'`` (:func:`geo._io.spreadsheet_safe`)
    unless ``raw``.
    """
    table = csv_table(frame, raw=raw)
    if isinstance(path, Path | str):
        write_atomically(path, lambda handle: table.to_csv(handle, index=False, lineterminator="\n"))
    else:
        table.to_csv(path, index=False, lineterminator="\n")


def export(
    gazetteer: Gazetteer,
    out_dir: str | Path,
    *,
    fmt: str = "geojson",
    layers: Sequence[str] = LAYERS,
    records: Records | None = None,
    method: str = "buffer",
    params: dict[str, Any] | None = None,
    raw: bool = False,
    every: str | None = None,
) -> list[Path]:
    """Write ``layers`` to ``out_dir`` in format ``fmt``; return the files written.

    ``records`` are the loaded seed records (:func:`geo.records.load_records`); by default
    the bundled ones are loaded when a record layer is asked for. ``method``, ``params``
    and ``every`` are those of the influence layer (:func:`layer_frame`). ``raw`` writes
    CSV cells exactly, without the apostrophe that keeps formulas from running in
    spreadsheets.

    GeoParquet (``fmt="parquet"``): record layers as folders partitioned by year and
    country, the others as ``<layer>.parquet`` (:mod:`geo.parquet`); the paths returned
    are those (:func:`output_names`). Raises :class:`~geo.errors.InputError` naming the
    ``parquet`` extra when pyarrow is not installed.

    GeoPackage: with every layer, ``atlas.gpkg`` is written anew; with some layers
    only, an existing ``atlas.gpkg`` keeps its other tables and gets the requested ones
    replaced (on a copy that then replaces the file, atomically).
    """
    if fmt not in FORMATS:
        raise InputError(f"unknown format {fmt!r}; choose from {', '.join(FORMATS)}")
    unknown = [layer for layer in layers if layer not in LAYERS]
    if unknown:
        raise InputError(f"unknown layer(s) {', '.join(unknown)}; choose from {', '.join(LAYERS)}")
    if every is not None:
        from .periods import EVERY

        if every not in EVERY:
            raise InputError(f"unknown period {every!r}; choose from {', '.join(EVERY)}")
    if fmt == "parquet":
        from .parquet import require_pyarrow

        require_pyarrow()
    if records is None and any(layer in RECORD_LAYERS for layer in layers):
        from .records import load_records

        records = load_records(gazetteer=gazetteer)
    out = Path(out_dir)
    layers = list(dict.fromkeys(layers))
    influence = None
    if "influence" in layers and records is not None:  # records: loaded above for a record layer
        # its parameters are checked before anything is written
        from .influence import Influence

        influence = Influence(records, gazetteer=gazetteer, method=method, params=params)

    def frames() -> Iterator[tuple[str, geopandas.GeoDataFrame]]:
        # One layer at a time, each made just before it is written: memory holds one layer.
        for layer in layers:
            yield layer, layer_frame(gazetteer, layer, records=records, every=every, influence=influence)

    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise OutputError(f"cannot write {out}: {error.strerror}", path=str(out), errno=error.errno) from None
    if fmt == "gpkg":
        target = out / GPKG_FILE
        update = set(layers) != set(LAYERS) and target.exists()

        from pyogrio import errors as gdal

        gdal_errors = (
            gdal.DataSourceError,
            gdal.DataLayerError,
            gdal.FeatureError,
            gdal.FieldError,
            gdal.GeometryError,
        )

        def write_all(path: Path) -> None:
            for layer, frame in frames():
                try:
                    write_gpkg_layer(frame, path, layer)
                except gdal_errors as error:  # GDAL's errors (disk full, not a GeoPackage...) are not OSErrors
                    reason = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
                    raise OutputError(f"cannot write {target} (layer {layer}): {reason}", path=str(target)) from None

        replace_atomically(target, write_all, suffix=".tmp.gpkg", copy_from=target if update else None)
        return [target]
    written: list[Path] = []
    if fmt == "parquet":
        from .parquet import write_dataset, write_file

        names = dict(zip(layers, output_names(fmt, layers), strict=True))
        for layer, frame in frames():
            name = names[layer]
            if layer in RECORD_LAYERS:
                written.append(write_dataset(frame, out / name, gazetteer))
            else:
                written.append(write_file(frame, out / name))
        return written
    for layer, frame in frames():
        target = out / f"{layer}.{fmt}"
        if fmt == "geojson":
            write_atomically(target, functools.partial(write_geojson, frame))
        else:
            write_atomically(target, functools.partial(write_csv, frame, raw=raw))
        written.append(target)
    return written


def output_names(fmt: str, layers: list[str]) -> list[str]:
    """The names :func:`export` writes in its folder for ``layers`` in format ``fmt``.

    Examples
    --------
    >>> output_names("parquet", ["places", "incidents"])
    ['places.parquet', 'incidents']
    >>> output_names("gpkg", ["places", "incidents"])
    ['atlas.gpkg']
    """
    if fmt == "gpkg":
        return [GPKG_FILE]
    if fmt == "parquet":
        return [layer if layer in RECORD_LAYERS else f"{layer}.parquet" for layer in layers]
    return [f"{layer}.{fmt}" for layer in layers]
