"""Reading a GeoParquet file, or a folder of them, as a seeds table: every value as the
text its CSV cell would hold, so that the same validation applies.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .. import schema
from .._io import paused_gc
from ..errors import install_extra
from .problems import Problem, header_problems
from .tables import ParquetRow, Table

__all__ = ["is_parquet", "parquet_files", "read_parquet_table"]

# --- Parquet ------------------------------------------------------------------------------
# Columns a GeoParquet dataset of incidents may hold beyond those of incidents.csv: its
# geometry (read from the latitude, longitude and place columns instead, as in a CSV) and
# the partition columns of ``geo export --format parquet`` (dropped unless incident columns).
PARQUET_GEOMETRY = "geometry"
PARTITION_COLUMNS = ("year", "country")
# The columns ``geo export`` adds to the incidents' own (as in its CSV): worked out again on
# reading, so dropped; its ``lat``/``lon`` (the point drawn) stand for ``latitude`` and
# ``longitude`` when a file has not those.
EXPORT_COLUMNS = {
    schema.INCIDENTS_FILE: (schema.START, schema.END, schema.PLACE_NAME, schema.UNCERTAINTY_KM, schema.ACTORS)
}
EXPORT_POINT = {"lat": schema.LATITUDE, "lon": schema.LONGITUDE}
# Columns whose numbers are whole: 12.0 read from a float column is the cell "12".
_WHOLE_COLUMNS = frozenset((schema.PRECISION, *schema.FATALITY_COLUMNS, schema.DISPLACED))


def is_parquet(path: str | Path) -> bool:
    """Whether ``path`` is a Parquet file (by its first bytes, ``PAR1``) or a folder (a dataset of them).

    Examples
    --------
    >>> from geo._resources import bundled_dir
    >>> is_parquet(bundled_dir("seeds") / "incidents.csv"), is_parquet(bundled_dir("seeds"))
    (False, True)
    """
    path = Path(path)
    if path.is_dir():
        return True
    try:
        with path.open("rb") as handle:
            return handle.read(4) == b"PAR1"
    except OSError:
        return False


def parquet_files(path: str | Path) -> list[Path]:
    """The Parquet files of ``path``: itself when a file, else every ``*.parquet`` below the
    folder (hive partitions such as ``year=2022/country=ML/``), in the order of their paths;
    files and folders whose names start with ``.`` or ``_`` are left out, as pyarrow does.

    Examples
    --------
    >>> from geo._resources import bundled_dir
    >>> parquet_files(bundled_dir("seeds"))
    []
    """
    path = Path(path)
    if not path.is_dir():
        return [path]
    found = []
    for file in path.rglob("*.parquet"):
        parts = file.relative_to(path).parts
        if any(part[:1] in "._" for part in parts) or not file.is_file():
            continue
        found.append(file)
    return sorted(found, key=lambda f: f.relative_to(path).parts)


def read_parquet_table(path: str | Path, name: str = schema.INCIDENTS_FILE) -> Table:
    """Read a GeoParquet file, or a folder of them (a dataset partitioned as ``geo export
    --format parquet`` writes it), as the seeds file ``name``.

    The columns are those of the CSV file (``incidents.csv``), plus ``geometry`` and the
    partition columns ``year`` and ``country``, which are dropped (the point is read from
    ``latitude``, ``longitude`` and ``place``, as in a CSV). The columns ``geo export``
    adds (``start``, ``end``, ``place_name``, ``uncertainty_km``, ``actors``) are dropped
    too, being worked out again, and its ``lat``/``lon`` are read as ``latitude`` and
    ``longitude`` when the file has not those. Every value becomes the text
    its CSV cell would hold: a missing value (null, NaN) an empty cell, a whole number
    its digits, a date ``YYYY-MM-DD``, a list its items joined with ``|``; the same
    validation then applies. Each row is a :class:`ParquetRow`: a problem names the
    file, ``row N`` (its index in the file, counted from 0) and the column. Needs
    pyarrow (``pip install 'sahel-atlas[parquet]'``).

    Examples
    --------
    >>> import tempfile, pandas as pd
    >>> file = Path(tempfile.mkdtemp()) / "incidents.parquet"
    >>> frame = pd.DataFrame({"id": ["inc-1"], "date": ["2022-03"], "precision": [1], "fatalities_best": [4.0]})
    >>> frame.to_parquet(file)
    >>> table = read_parquet_table(file)
    >>> table.rows[0].line, table.rows[0]["precision"], table.rows[0]["fatalities_best"], table.rows[0]["note"]
    (0, '1', '4', '')
    >>> print(table.problem(table.rows[0], "date", "2022-03", "an example"))  # doctest: +ELLIPSIS
    /...incidents.parquet:row 0:date: '2022-03': an example
    """
    from ..errors import InputError

    try:
        import pyarrow.parquet as pq
    except ImportError:
        raise InputError(
            f"{path}: reading Parquet needs the optional package pyarrow: {install_extra('parquet')}"
        ) from None
    path = Path(path)
    table = Table(path=path, name=name)
    header: list[str] = []
    with paused_gc():
        for file in parquet_files(path):
            try:
                data = pq.ParquetFile(file).read()
            except (OSError, ValueError) as error:  # pyarrow's ArrowInvalid is a ValueError
                table.problems.append(
                    Problem(
                        str(file),
                        0,
                        "-",
                        "",
                        f"not a readable Parquet file ({str(error).splitlines()[0] if str(error) else error})",
                        "write it again, e.g. with geo export --format parquet",
                        "file",
                    )
                )
                continue
            names, sources = _parquet_columns(data.column_names, name)
            table.problems.extend(
                header_problems(
                    names,
                    name,
                    lambda column, value, message, fix, f=file: Problem(
                        str(f), 0, column, value, message, fix, where="schema"
                    ),
                )
            )
            header.extend(column for column in names if column not in header)
            kept = list(dict.fromkeys(names))  # a column named twice: the first
            cells = [_parquet_cells(data.column(sources[column]), column) for column in kept]
            for index, values in enumerate(zip(*cells, strict=True)):
                if any(values):
                    table.rows.append(ParquetRow(index, zip(kept, values), file))
    table.columns = tuple(header)
    return table


def _parquet_columns(names: list[str], table: str) -> tuple[list[str], dict[str, int]]:
    """The columns of a Parquet file read as the seeds file ``table``'s (geometry, partition
    and ``geo export``'s columns left out, ``lat``/``lon`` read as ``latitude``/``longitude``
    when those are not there), and the position in the file each is read from.

    Examples
    --------
    >>> _parquet_columns(["id", "start", "lat", "lon", "geometry", "year", "country"], "incidents.csv")
    (['id', 'latitude', 'longitude'], {'id': 0, 'latitude': 2, 'longitude': 3})
    """
    columns = schema.SEED_SCHEMAS[table][0]
    left_out = {PARQUET_GEOMETRY, *PARTITION_COLUMNS, *EXPORT_COLUMNS.get(table, ())} - set(columns)
    renamed = EXPORT_POINT if table == schema.INCIDENTS_FILE and not set(EXPORT_POINT.values()) & set(names) else {}
    if table == schema.INCIDENTS_FILE and not renamed:
        left_out |= set(EXPORT_POINT) - set(columns)
    kept: list[str] = []
    sources: dict[str, int] = {}
    for position, column in enumerate(names):
        if column in left_out:
            continue
        column = renamed.get(column, column)
        kept.append(column)
        sources.setdefault(column, position)
    return kept, sources


def _parquet_cells(column: Any, name: str) -> list[str]:
    """The values of a pyarrow column as the text of CSV cells (stripped; empty when missing)."""
    import datetime as dt
    import math

    import pyarrow as pa

    kind = column.type
    if pa.types.is_dictionary(kind):
        column = column.cast(kind.value_type)
        kind = kind.value_type
    values = column.to_pylist()
    if pa.types.is_string(kind) or pa.types.is_large_string(kind) or getattr(pa.types, "is_string_view", bool)(kind):
        return ["" if v is None else v.strip() for v in values]

    def cell(value: Any) -> str:
        if value is None:
            return ""
        if isinstance(value, float):
            if math.isnan(value):
                return ""
            return str(int(value)) if name in _WHOLE_COLUMNS and value.is_integer() else repr(value)
        if isinstance(value, bool):
            return "true" if value else "false"
        if isinstance(value, dt.datetime):
            return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
        if isinstance(value, dt.date):
            return value.isoformat()
        if isinstance(value, bytes):
            return value.decode("utf-8", errors="replace").strip()
        if isinstance(value, list | tuple):
            return schema.MULTI_SEPARATOR.join(cell(item) for item in value if cell(item))
        return str(value).strip()

    return [cell(v) for v in values]
