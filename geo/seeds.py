"""Seed records: read the CSV files of a seeds folder, keeping every line number.

:class:`Seeds` holds the five tables of a folder (``seeds/README.md``) as read, one
:class:`Row` per record with the line it starts on, so that every later check can name
the file, the line and the column. Reading checks only what reading needs (the file
opens, the header names the columns, each row has as many cells as the header);
:mod:`geo.validate` checks the values, and :mod:`geo.records` turns valid tables into
GeoDataFrames.
"""

from __future__ import annotations

import csv
import difflib
import errno
import io
import os
import stat
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import schema
from ._input import csv_error_message, csv_field_limit
from ._io import from_spreadsheet_safe, paused_gc
from ._resources import bundled_dir
from .errors import DataError, SchemaError, install_extra

__all__ = [
    "ParquetRow",
    "Problem",
    "Row",
    "Seeds",
    "Table",
    "beside_folder",
    "extend_table",
    "is_parquet",
    "parquet_files",
    "read_parquet_table",
    "read_table",
    "split_cell",
]

# The files a folder (or the folder of an --incidents file) may leave out or hold only some
# rows of: their rows extend the bundled ones (the folder's rows first; the same id in both,
# the folder's row wins).
FALLBACK_FILES = (schema.SOURCES_FILE, schema.ACTORS_FILE)


@dataclass(frozen=True, slots=True)
class Problem:
    """One problem in one cell, printed as ``FILE:LINE:COLUMN: value: what is wrong; how to fix it``.

    Examples
    --------
    >>> print(Problem("seeds/incidents.csv", 12, "date", "2022-02-30", "not a valid date", "write 2022-02-28"))
    seeds/incidents.csv:12:date: '2022-02-30': not a valid date; write 2022-02-28
    >>> print(Problem("acled.parquet", 12, "date", "2022-13", "not a valid date", where="row 12"))
    acled.parquet:row 12:date: '2022-13': not a valid date
    """

    path: str
    line: int
    column: str
    value: str
    message: str
    fix: str = ""
    where: str = ""  # shown instead of the line number: "row 12" in a Parquet file, "schema"

    def __str__(self) -> str:
        fix = f"; {self.fix}" if self.fix else ""
        return f"{self.path}:{self.where or self.line}:{self.column}: {self.value!r}: {self.message}{fix}"


class Row(dict):
    """A record as read: the line it starts on and its cells, stripped; ``path`` is the
    file it was read from when the table joins several (see :func:`extend_table`).

    A row is the dictionary of its cells (``row.cells`` is the row itself): ``row[column]``
    is a plain dictionary look-up, ``""`` for a column the file does not have. In a
    Parquet file (:func:`read_parquet_table`) ``line`` is the row's index in its file,
    counted from 0.

    Examples
    --------
    >>> row = Row(3, {"id": "inc-1", "date": "2022-03"})
    >>> row.line, row["date"], row["note"], row.cells is row
    (3, '2022-03', '', True)
    """

    __slots__ = ("line", "path")

    def __init__(self, line: int, cells: Iterable[tuple[str, str]] | dict[str, str], path: Path | None = None) -> None:
        dict.__init__(self, cells)
        self.line = line
        self.path = path

    def __missing__(self, column: str) -> str:
        return ""

    @property
    def cells(self) -> dict[str, str]:
        return self

    def __repr__(self) -> str:
        return f"Row(line={self.line!r}, cells={dict(self)!r}, path={self.path!r})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Row):
            return NotImplemented
        return (self.line, self.path) == (other.line, other.path) and dict.__eq__(self, other)

    def __ne__(self, other: object) -> bool:
        equal = self.__eq__(other)
        return equal if equal is NotImplemented else not equal

    __hash__ = None


class ParquetRow(Row):
    """A row of a Parquet file: ``line`` is its index in the file (``path``), counted from 0,
    and a problem in it is shown as ``FILE:row N:COLUMN``."""

    __slots__ = ()


@dataclass
class Table:
    """One CSV file of a seeds folder."""

    path: Path
    name: str
    columns: tuple[str, ...] = ()
    rows: list[Row] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    present: bool = True
    # the files whose rows extend this one's (the bundled actors.csv...), and the ids of their
    # rows that this file's rows replace
    extends: tuple[Path, ...] = ()
    replaced: tuple[str, ...] = ()
    _columns: dict[tuple, dict[str, list[str]]] = field(default_factory=dict, repr=False, compare=False)
    # the rows as read, their number, and every column of the file (read_table)
    _read: tuple[list, int, dict[str, list[str]]] | None = field(default=None, repr=False, compare=False)

    def __len__(self) -> int:
        return len(self.rows)

    def cells(self, names: tuple[str, ...]) -> dict[str, list[str]]:
        """The cells of the columns ``names``, column by column (``""`` where the file has not the column).

        Worked out once for each ``names`` (again only if rows were added or removed since):
        validation and :mod:`geo.records` both read every column of a table of hundreds of
        thousands of rows this way.

        Examples
        --------
        >>> table = Table(Path("incidents.csv"), "incidents.csv", ("id", "date"), [Row(2, {"id": "a", "date": "2022"})])
        >>> table.cells(("id", "note"))
        {'id': ['a'], 'note': ['']}
        """
        from operator import itemgetter

        key = (names, id(self.rows), len(self.rows))
        found = self._columns.get(key)
        for (known, rows, count), columns in self._columns.items():
            if found is None and (rows, count) == key[1:] and set(names) <= set(known):
                found = {name: columns[name] for name in names}
        read = self._read
        if found is None and read is not None and read[0] is self.rows and read[1] == len(self.rows):
            found = {name: read[2][name] if name in read[2] else [""] * read[1] for name in names}
        if found is None:
            if not self.rows:
                found = {name: [] for name in names}
            elif len(names) == 1:
                found = {names[0]: [row[names[0]] for row in self.rows]}
            else:
                found = dict(zip(names, map(list, zip(*map(itemgetter(*names), self.rows))), strict=True))
            self._columns.clear()
            self._columns[key] = found  # the same columns, or some of them, are then read from it
        return found

    def __iter__(self):
        return iter(self.rows)

    def problem(self, row: Row | int, column: str, value: str, message: str, fix: str = "") -> Problem:
        """A :class:`Problem` located in this file."""
        line = row if isinstance(row, int) else row.line
        path = row.path if isinstance(row, Row) and row.path is not None else self.path
        where = f"row {line}" if isinstance(row, ParquetRow) else ""
        return Problem(str(path), line, column, value, message, fix, where)

    @property
    def files(self) -> tuple[Path, ...]:
        """Every file the rows come from: this one (when present), then the ones it extends."""
        return ((self.path,) if self.present else ()) + self.extends


def extend_table(first: Table, then: Table) -> Table:
    """The rows of ``first``, then those of ``then`` whose id ``first`` has not; each row keeps its file.

    ``first`` missing gives ``then`` unchanged. The header is ``first``'s when present.

    Examples
    --------
    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> text = "id,name,kind,colour\\nmine,Mine,militia,#000000\\nisgs,ISGS,jihadist,#ffffff\\n"
    >>> _ = (folder / "actors.csv").write_text(text)
    >>> table = extend_table(read_table(folder / "actors.csv", "actors.csv"), Seeds.load().actors)
    >>> [row["id"] for row in table][:3], table.replaced, table.rows[2].path.parent.name
    (['mine', 'isgs', 'islamic-state'], ('isgs',), 'seeds')
    """
    if not first.present:
        return then
    ids = {row[schema.ID] for row in first if row[schema.ID]}
    rows = [Row(row.line, row.cells, row.path or first.path) for row in first]
    replaced = []
    for row in then:
        if row[schema.ID] in ids:
            replaced.append(row[schema.ID])
            continue
        rows.append(Row(row.line, row.cells, row.path or then.path))
    columns = first.columns or then.columns
    return Table(
        path=first.path,
        name=first.name,
        columns=columns,
        rows=rows,
        problems=[*first.problems, *then.problems],
        present=True,
        extends=(*first.extends, *then.files),
        replaced=(*first.replaced, *replaced),
    )


def split_cell(value: str) -> list[str]:
    """Split a multi-valued cell (``"doc-001|hrw-2022-07-26"``) into its values.

    Examples
    --------
    >>> split_cell(" doc-001 | hrw-2022-07-26 |")
    ['doc-001', 'hrw-2022-07-26']
    """
    return [part.strip() for part in value.split(schema.MULTI_SEPARATOR) if part.strip()]


def read_table(path: Path, name: str) -> Table:
    """Read ``path`` as the seeds file ``name`` (``"incidents.csv"``...).

    A missing file gives an empty table marked ``present=False``. Problems of shape
    (encoding, header, cell counts) are collected in ``table.problems``; the rows that
    have the right shape are kept. A row with cells missing or extra is reported and
    left out; a quote never closed, malformed quoting or a cell longer than
    :data:`geo._input.MAX_CSV_FIELD` characters is reported with its line, and
    reading stops there.
    """
    with paused_gc():
        return _read_table(path, name)


def _read_table(path: Path, name: str) -> Table:
    columns = schema.SEED_SCHEMAS[name][0]
    table = Table(path=path, name=name)
    if not path.exists():
        table.present = False
        return table
    try:
        data = path.read_bytes()
    except OSError as error:
        raise DataError(f"cannot read {path}: {error.strerror}") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        bad_line = data[: error.start].count(b"\n") + 1
        bad_bytes = data[error.start : max(error.end, error.start + 1)].hex(" ")
        table.problems.append(
            table.problem(bad_line, "-", bad_bytes, "these bytes are not UTF-8", "save the file as UTF-8")
        )
        return table
    del data  # the text is read from here on
    csv_field_limit()
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)

    def bad_quoting(error: csv.Error, start: int) -> None:
        """A quote never closed, a cell too long, or malformed quoting: reading stops here."""
        where, message, fix = csv_error_message(error, start=start, last=reader.line_num)
        table.problems.append(table.problem(where, "-", "", f"{message}; nothing after it was read", fix))

    try:
        header = [cell.strip() for cell in next(reader)]
    except csv.Error as error:
        bad_quoting(error, 1)
        return table
    except StopIteration:
        table.problems.append(
            table.problem(1, "-", "", "the file is empty", f"start it with the header {','.join(columns)}")
        )
        return table
    table.columns = tuple(header)
    table.problems.extend(_header_problems(header, name, lambda *a: table.problem(1, *a)))
    line = reader.line_num + 1
    apostrophes = "'" in text  # else no cell can start with one
    records: list[list[str]] = []
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            bad_quoting(error, line)
            break
        start, line = line, reader.line_num + 1
        stripped = list(map(str.strip, cells))
        if not any(stripped):
            continue
        if len(cells) != len(header):
            table.problems.append(
                table.problem(
                    start,
                    "-",
                    ",".join(cells)[:60],
                    f"the row has {len(cells)} cells but the header has {len(header)}",
                    "quote cells that contain commas and check for missing or extra commas",
                )
            )
            continue
        # Only a cell that starts with an apostrophe may need undoing (most rows have none: one
        # search of the joined cells tells, a comma before an apostrophe inside a cell aside).
        if apostrophes and ",'" in "," + ",".join(stripped):
            stripped = [from_spreadsheet_safe(v).strip() if v[:1] == "'" else v for v in stripped]
        table.rows.append(Row(start, zip(header, stripped)))
        records.append(stripped)
    if records:  # the same cells by column, for Table.cells
        table._read = (table.rows, len(records), dict(zip(header, map(list, zip(*records)))))
    return table


def beside_folder(incidents: str | Path) -> Path:
    """The folder whose ``actors.csv``, ``sources.csv`` and ``claims.csv`` go with an
    incidents file: the file's own folder, or the folder itself for a folder of Parquet files.

    Examples
    --------
    >>> beside_folder("my/incidents.csv"), beside_folder(bundled_dir("seeds")).name
    (PosixPath('my'), 'seeds')
    """
    path = Path(incidents)
    return path if path.is_dir() else path.parent


def _header_problems(header: list[str], name: str, problem: Callable[..., Problem]) -> list[Problem]:
    """The problems of a header (``problem(column, value, message, fix)`` makes one):
    unknown columns, required ones missing, and columns named twice."""
    columns, required = schema.SEED_SCHEMAS[name]
    found = []
    for column in header:
        if column not in columns:
            close = difflib.get_close_matches(column, columns, n=1)
            hint = f"did you mean {close[0]!r}?" if close else f"the columns are {', '.join(columns)}"
            found.append(problem(column, column, "unknown column", hint))
    for column in required:
        if column not in header:
            found.append(problem(column, "", "required column missing", f"add {column!r} to the header"))
    seen_header: set[str] = set()
    for column in header:
        if column in seen_header:
            found.append(problem(column, column, "column named twice", "keep one of them"))
        seen_header.add(column)
    return found


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
    from .errors import InputError

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
                _header_problems(
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


@dataclass
class Seeds:
    """The five tables of a seeds folder (see ``seeds/README.md``).

    ``Seeds.load()`` reads the bundled records; ``Seeds.load("my/seeds")`` reads a
    folder of your own. Its ``sources.csv`` and ``actors.csv`` extend the bundled ones
    (its rows first; a row with the id of a bundled row replaces it), or are the
    bundled ones when the folder has none.

    Examples
    --------
    >>> seeds = Seeds.load()
    >>> len(seeds.sources) >= 5 and seeds.sources.rows[0]["id"]
    'doc-000'
    """

    directory: Path
    tables: dict[str, Table]
    incidents_file: Path | None = None  # incidents read from their own file (``--incidents``)

    @classmethod
    def load(cls, directory: str | Path | None = None) -> Seeds:
        """Read the tables of ``directory`` (default: the bundled records).

        A file must bear its exact name: one present only under another case
        (``Incidents.csv``), a link that leads nowhere or loops, a folder or another
        kind of file in its place raises :class:`~geo.errors.SchemaError` naming the
        path, rather than reading as an empty table.
        """
        bundled = bundled_dir("seeds")
        folder = Path(directory) if directory is not None else bundled
        if not _is_folder(folder):
            problem = _entry_problem(folder, "folder")
            raise DataError(
                f"{folder} {problem or 'is not a folder'}; give the folder that holds incidents.csv, claims.csv..."
            )
        tables = {}
        for name, path in cls.paths(directory).items():
            tables[name] = read_table(path, name)
            if name in FALLBACK_FILES and not _same_file(path, bundled / name):
                tables[name] = extend_table(tables[name], read_table(bundled / name, name))
        return cls(folder, tables)

    def with_incidents(self, path: str | Path) -> Seeds:
        """These records with the incidents of ``path`` instead of their own: a CSV in the
        seeds' schema, or a GeoParquet file or folder of them (:func:`read_parquet_table`).

        The ``actors.csv``, ``sources.csv`` and ``claims.csv`` beside ``path`` (in the
        folder itself for a folder of Parquet files, see :func:`beside_folder`), when there
        are, extend these records' own (their rows first, as :meth:`load` does for a
        folder): ``geo import`` writes there the actors it made, the source of an analyst's
        table, and the claims of ACLED's territorial events.

        Examples
        --------
        >>> seeds = Seeds.load().with_incidents(bundled_dir("seeds") / "incidents.csv")
        >>> seeds.incidents_file.name, len(seeds.incidents) > 0
        ('incidents.csv', True)
        """
        from .errors import InputError

        path = Path(path)
        if path.is_dir():
            if not parquet_files(path):
                raise InputError(
                    f"--incidents {path}: a folder with no Parquet files (*.parquet); give an incidents CSV such as "
                    "geo import writes, or a GeoParquet file or folder such as geo export --format parquet writes"
                )
        elif not path.is_file():
            raise InputError(f"--incidents {path}: no such file; give an incidents CSV such as geo import writes")
        tables = dict(self.tables)
        if is_parquet(path):
            tables[schema.INCIDENTS_FILE] = read_parquet_table(path, schema.INCIDENTS_FILE)
        else:
            tables[schema.INCIDENTS_FILE] = read_table(path, schema.INCIDENTS_FILE)
        for name in (*FALLBACK_FILES, schema.CLAIMS_FILE):
            beside = beside_folder(path) / name
            table = tables[name]
            if _entry_problem(beside, "file") is not None or not beside.exists():
                continue
            if any(_same_file(beside, f) for f in table.files):
                continue
            tables[name] = extend_table(read_table(beside, name), table)
        return Seeds(self.directory, tables, incidents_file=path)

    def files(self) -> list[Path]:
        """Every file these records are read from (to keep an output from overwriting one)."""
        found: list[Path] = []
        for table in self.tables.values():
            found.extend(f for f in table.files if f not in found)
        if self.incidents_file is not None and self.incidents_file not in found:
            found.append(self.incidents_file)
        return found

    @staticmethod
    def paths(directory: str | Path | None = None) -> dict[str, Path]:
        """The file each table of ``directory`` is read from, by name (``sources.csv`` and
        ``actors.csv`` from the bundled records when the folder has none).

        Raises :class:`~geo.errors.SchemaError` for a file that is there but cannot be
        read under its name (see :meth:`load`); empty when ``directory`` is not a folder.

        Examples
        --------
        >>> sorted(Seeds.paths())[:2], Seeds.paths()["incidents.csv"].name
        (['actors.csv', 'assertions.csv'], 'incidents.csv')
        """
        bundled = bundled_dir("seeds")
        folder = Path(directory) if directory is not None else bundled
        if not _is_folder(folder):
            return {}
        try:
            names = {entry.lower(): entry for entry in os.listdir(folder)}
        except OSError:
            names = {}
        paths = {}
        for name in schema.SEED_FILES:
            path = folder / name
            problem = _entry_problem(path, "file")
            if problem is not None:
                raise SchemaError(problem, path=str(path))
            if not os.path.lexists(path):
                other = names.get(name.lower())
                if other is not None and other != name:
                    raise SchemaError(
                        f"not found, but found {other}: rename it to {name} (file names are case-sensitive)",
                        path=str(path),
                    )
                if name in FALLBACK_FILES and not _same_folder(folder, bundled):
                    path = bundled / name
            paths[name] = path
        return paths

    @property
    def sources(self) -> Table:
        return self.tables[schema.SOURCES_FILE]

    @property
    def actors(self) -> Table:
        return self.tables[schema.ACTORS_FILE]

    @property
    def incidents(self) -> Table:
        return self.tables[schema.INCIDENTS_FILE]

    @property
    def claims(self) -> Table:
        return self.tables[schema.CLAIMS_FILE]

    @property
    def assertions(self) -> Table:
        return self.tables[schema.ASSERTIONS_FILE]


def _is_folder(path: Path) -> bool:
    try:
        return stat.S_ISDIR(path.stat().st_mode)
    except OSError:
        return False


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except (OSError, RuntimeError):
        return False


def _same_folder(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except (OSError, RuntimeError):
        return False


def _entry_problem(path: Path, want: str) -> str | None:
    """Why ``path`` cannot be read as a ``want`` ("file" or "folder"); ``None`` when it can, or is absent.

    Examples
    --------
    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> (folder / "incidents.csv").symlink_to(folder / "gone.csv")
    >>> _entry_problem(folder / "incidents.csv", "file")  # doctest: +ELLIPSIS
    'is a link to .../gone.csv, which does not exist; restore the file or replace the link with it'
    """
    try:
        link = path.lstat()
    except FileNotFoundError:
        return None
    except OSError as error:
        return f"cannot be read: {error.strerror}"
    try:
        info = path.stat()
    except OSError as error:
        if stat.S_ISLNK(link.st_mode):
            try:
                dest = os.readlink(path)
            except OSError:  # pragma: no cover - it was a link a moment ago
                dest = "?"
            if error.errno == errno.ELOOP:
                return f"is a link to {dest} that loops back on itself; replace the link with the file"
            if error.errno == errno.ENOENT:
                return f"is a link to {dest}, which does not exist; restore the file or replace the link with it"
        return f"cannot be read: {error.strerror}"
    if want == "file":
        if stat.S_ISDIR(info.st_mode):
            return "is a folder, not a CSV file; move the file into its place"
        if not stat.S_ISREG(info.st_mode):
            return "is not a regular file; put the CSV file in its place"
        if not os.access(path, os.R_OK):
            return "cannot be read: permission denied; allow reading it (chmod a+r)"
    elif not stat.S_ISDIR(info.st_mode):
        return "is a file, not a folder"
    return None
