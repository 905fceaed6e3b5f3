"""GeoParquet output of ``geo export --format parquet``, for data too big for a GeoJSON file.

Record layers (``incidents``, ``claims``, ``influence``, ``intensity``) are written as
datasets partitioned Hive-style by year and country::

    OUT/incidents/year=2022/country=ml/part-0.parquet

and the gazetteer's layers as single files, ``OUT/places.parquet`` and
``OUT/areas.parquet``. Every file is GeoParquet (geopandas' writer: the geometry column
``geometry`` as WKB, EPSG:4326, with the ``geo`` metadata), so
``geopandas.read_parquet``, DuckDB (``read_parquet('OUT/incidents/**/*.parquet',
hive_partitioning = true)``) and QGIS read it; ``pyarrow.parquet.read_table(OUT /
"incidents")`` reads a whole dataset back with ``year`` and ``country`` as columns.

Columns are those of the CSV export (:func:`geo.export.write_csv`) written without the
spreadsheet apostrophe: lists ``|``-joined, dates ISO strings, numbers as numbers; point
layers keep the CSV's ``lat``/``lon`` columns; other shapes are in ``geometry`` only (no
``wkt`` column). The incidents dataset's columns are thus exactly those of the
``incidents.csv`` that the CSV export writes (record columns and derived ones such as
``start`` and ``place_name``) plus ``geometry`` and the two partition columns.

Partitions: ``year`` (an integer) is the year of a record's ``start`` (its first possible
day; of ``end`` when it has no start): for claims and influence zones, the year they
begin, so a zone that runs for years is in the folder of its first year. ``country`` is
the lower-case ISO 3166-1 alpha-2 code (``ml``, ``bf``, ``ne``; as the gazetteer's
country areas): the country of the place the record names (``place``; for an
influence zone, the first of its ``places``) as the gazetteer has it, else of the
gazetteer country whose outline holds the feature's point (for a shape, a point on its
surface, :func:`shapely.point_on_surface`), ``zz`` when neither gives one.

pyarrow is an optional dependency: ``pip install 'sahel-atlas[parquet]'``.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import schema
from .errors import InputError, OutputError, install_extra

if TYPE_CHECKING:
    import geopandas

    from .gazetteer import Gazetteer

__all__ = ["NO_COUNTRY", "PARTITIONS", "partition_keys", "require_pyarrow", "write_dataset", "write_file"]

PARTITIONS = ("year", "country")
NO_COUNTRY = "zz"  # outside every country of the gazetteer (ISO 3166's user-assigned "unknown")
PARQUET_EXTRA = "parquet"  # the optional extra that installs pyarrow


def require_pyarrow() -> None:
    """Raise :class:`~geo.errors.InputError` naming the extra to install when pyarrow is missing.

    Examples
    --------
    >>> require_pyarrow()  # pyarrow is installed here: nothing happens
    """
    try:
        import pyarrow.parquet  # noqa: F401
    except ImportError:
        raise InputError(
            "--format parquet needs pyarrow, which is not installed; "
            f"install the optional extra: {install_extra(PARQUET_EXTRA)} (or pip install 'pyarrow>=14')"
        ) from None


def partition_keys(frame: geopandas.GeoDataFrame, gazetteer: Gazetteer) -> tuple[list[int | None], list[str]]:
    """The ``year`` and ``country`` of each row of ``frame`` (see the module docstring).

    Examples
    --------
    >>> import datetime as dt, geopandas, shapely
    >>> from geo import Gazetteer
    >>> frame = geopandas.GeoDataFrame(
    ...     {"start": [dt.date(2022, 3, 8), None], "end": [dt.date(2022, 3, 8), dt.date(2013, 1, 31)]},
    ...     geometry=[shapely.Point(2.402, 15.918), shapely.Point(-30.0, 0.0)], crs="EPSG:4326")
    >>> partition_keys(frame, Gazetteer.load())
    ([2022, 2013], ['ml', 'zz'])
    """
    import numpy as np
    import shapely

    years: list[int | None] = []
    starts = frame[schema.START] if schema.START in frame.columns else [None] * len(frame)
    ends = frame[schema.END] if schema.END in frame.columns else [None] * len(frame)
    for start, end in zip(starts, ends, strict=True):
        day = start if hasattr(start, "year") else end if hasattr(end, "year") else None
        years.append(int(day.year) if day is not None else None)
    countries = np.array(_place_countries(frame, gazetteer), dtype=object)
    geometry = frame.geometry.array
    points = shapely.point_on_surface(np.asarray(geometry, dtype=object))
    have = ~shapely.is_missing(points) & ~shapely.is_empty(points) & (countries == NO_COUNTRY)
    xs = np.where(have, shapely.get_x(points), np.nan)
    ys = np.where(have, shapely.get_y(points), np.nan)
    areas = gazetteer.areas
    for props, outline in zip(areas.properties, areas.geometries, strict=True):
        if props.get(schema.KIND) != "country":
            continue
        unset = have & (countries == NO_COUNTRY)
        if not unset.any():
            break
        inside = np.zeros(len(frame), dtype=bool)
        inside[unset] = shapely.contains_xy(outline, xs[unset], ys[unset])
        countries[inside] = str(props[schema.ID]).lower()
    return years, countries.tolist()


def _place_countries(frame: geopandas.GeoDataFrame, gazetteer: Gazetteer) -> list[str]:
    """The country of the place each row names (``place``, or the first of ``places``),
    lower-case; :data:`NO_COUNTRY` where it names none, or one without a country."""
    from .errors import GeoError

    if schema.PLACE in frame.columns:
        named = [v if isinstance(v, str) else "" for v in frame[schema.PLACE].tolist()]
    elif schema.PLACES in frame.columns:
        named = [v[0] if isinstance(v, list | tuple) and v else "" for v in frame[schema.PLACES].tolist()]
    else:
        return [NO_COUNTRY] * len(frame)
    found: dict[str, str] = {"": NO_COUNTRY}
    for place_id in set(named) - {""}:  # one look-up per place
        try:
            country = gazetteer.place(place_id).country
        except GeoError:
            country = ""
        found[place_id] = country.lower() if country else NO_COUNTRY
    return [found[place_id] for place_id in named]


def _columns(frame: geopandas.GeoDataFrame) -> geopandas.GeoDataFrame:
    """``frame`` with the CSV export's cells (raw) and its geometry."""
    import geopandas

    from .tables import csv_table

    table = csv_table(frame, raw=True, wkt_column=False)
    for column in table.columns:  # a column mixing text and numbers is written as text
        if table[column].dtype == object:
            values = table[column]
            kinds = {type(v) for v in values if v is not None}
            if str in kinds and len(kinds) > 1:
                table[column] = [None if v is None else str(v) for v in values]
    return geopandas.GeoDataFrame(table, geometry=frame.geometry.values, crs=frame.crs or "EPSG:4326")


def write_file(frame: geopandas.GeoDataFrame, target: Path) -> Path:
    """Write ``frame`` as one GeoParquet file ``target``, atomically."""
    from ._io import replace_atomically

    require_pyarrow()
    table = _columns(frame)
    return replace_atomically(target, lambda tmp: table.to_parquet(tmp, index=False), suffix=".tmp.parquet")


def write_dataset(frame: geopandas.GeoDataFrame, target: Path, gazetteer: Gazetteer) -> Path:
    """Write ``frame`` as a GeoParquet dataset in the folder ``target``, partitioned by year
    and country (``target/year=YYYY/country=cc/part-0.parquet``).

    The dataset is written in a new folder beside ``target`` that then takes its place, so a
    reader never sees a half-written dataset, and files of an earlier export (partitions
    no longer present) do not linger. Rows keep their order within each partition; a
    record without any date goes to ``year=__HIVE_DEFAULT_PARTITION__`` (read back as a
    null year).

    Examples
    --------
    >>> import tempfile, pyarrow.parquet
    >>> from geo import Gazetteer
    >>> from geo.records import load_records
    >>> out = Path(tempfile.mkdtemp()) / "incidents"
    >>> gazetteer = Gazetteer.load()
    >>> _ = write_dataset(load_records(gazetteer=gazetteer).incidents, out, gazetteer)
    >>> sorted(p.name for p in (out / "year=2023").iterdir())
    ['country=ml', 'country=ne']
    >>> table = pyarrow.parquet.read_table(out)
    >>> table.column_names[-3:]
    ['geometry', 'year', 'country']
    """
    require_pyarrow()
    table = _columns(frame)
    years, countries = partition_keys(frame, gazetteer)
    target = Path(target)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        work = Path(tempfile.mkdtemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp"))
    except OSError as error:
        raise OutputError(f"cannot write {target}: {error.strerror}", path=str(target), errno=error.errno) from None
    try:
        groups: dict[tuple[int | None, str], list[int]] = {}
        for n, key in enumerate(zip(years, countries, strict=True)):
            groups.setdefault(key, []).append(n)
        if not groups:  # an empty layer: one empty file keeps the schema
            groups[(None, NO_COUNTRY)] = []
        for (year, country), rows in sorted(groups.items(), key=lambda item: (item[0][0] is None, item[0])):
            folder = work / f"year={'__HIVE_DEFAULT_PARTITION__' if year is None else year}" / f"country={country}"
            folder.mkdir(parents=True, exist_ok=True)
            table.iloc[rows].to_parquet(folder / "part-0.parquet", index=False)
        _swap(work, target)
    except OSError as error:
        shutil.rmtree(work, ignore_errors=True)
        raise OutputError(f"cannot write {target}: {error.strerror}", path=str(target), errno=error.errno) from None
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    return target


def _swap(work: Path, target: Path) -> None:
    """Put the folder ``work`` in the place of ``target`` (a folder, or nothing)."""
    old: Any = None
    if target.is_symlink() or target.is_file():
        raise OutputError(f"cannot write {target}: it is a file or a link, not a dataset folder", path=str(target))
    if target.exists():
        old = Path(tempfile.mkdtemp(dir=target.parent, prefix=f".{target.name}.", suffix=".old"))
        os.rmdir(old)
        os.replace(target, old)
    os.replace(work, target)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
