"""Seed records: read the CSV files of a seeds folder, keeping every line number.

:class:`Seeds` holds the five tables of a folder (``seeds/README.md``) as read, one
:class:`Row` per record with the line it starts on, so that every later check can name
the file, the line and the column. Reading checks only what reading needs (the file
opens, the header names the columns, each row has as many cells as the header);
:mod:`geo.validate` checks the values, and :mod:`geo.frames` turns valid tables into
GeoDataFrames.
"""

from __future__ import annotations

import csv
import difflib
import io
from dataclasses import dataclass, field
from pathlib import Path

from . import schema
from ._resources import bundled_dir
from .errors import DataError

__all__ = ["Problem", "Row", "Seeds", "Table", "read_table", "split_cell"]

# The files a folder may leave out and take from the bundled records instead.
FALLBACK_FILES = (schema.SOURCES_FILE, schema.ACTORS_FILE)


@dataclass(frozen=True, slots=True)
class Problem:
    """One problem in one cell, printed as ``FILE:LINE:COLUMN: value: what is wrong; how to fix it``.

    Examples
    --------
    >>> print(Problem("seeds/incidents.csv", 12, "date", "2022-02-30", "not a valid date", "write 2022-02-28"))
    seeds/incidents.csv:12:date: '2022-02-30': not a valid date; write 2022-02-28
    """

    path: str
    line: int
    column: str
    value: str
    message: str
    fix: str = ""

    def __str__(self) -> str:
        fix = f"; {self.fix}" if self.fix else ""
        return f"{self.path}:{self.line}:{self.column}: {self.value!r}: {self.message}{fix}"


@dataclass(frozen=True, slots=True)
class Row:
    """A record as read: the line it starts on and its cells, stripped."""

    line: int
    cells: dict[str, str]

    def __getitem__(self, column: str) -> str:
        return self.cells.get(column, "")


@dataclass
class Table:
    """One CSV file of a seeds folder."""

    path: Path
    name: str
    columns: tuple[str, ...] = ()
    rows: list[Row] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    present: bool = True

    def __len__(self) -> int:
        return len(self.rows)

    def __iter__(self):
        return iter(self.rows)

    def problem(self, row: Row | int, column: str, value: str, message: str, fix: str = "") -> Problem:
        """A :class:`Problem` located in this file."""
        line = row if isinstance(row, int) else row.line
        return Problem(str(self.path), line, column, value, message, fix)


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
    have the right shape are kept.
    """
    columns, required = schema.SEED_SCHEMAS[name]
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
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [cell.strip() for cell in next(reader)]
    except StopIteration:
        table.problems.append(
            table.problem(1, "-", "", "the file is empty", f"start it with the header {','.join(columns)}")
        )
        return table
    table.columns = tuple(header)
    for column in header:
        if column not in columns:
            close = difflib.get_close_matches(column, columns, n=1)
            hint = f"did you mean {close[0]!r}?" if close else f"the columns are {', '.join(columns)}"
            table.problems.append(table.problem(1, column, column, "unknown column", hint))
    for column in required:
        if column not in header:
            table.problems.append(
                table.problem(1, column, "", "required column missing", f"add {column!r} to the header")
            )
    seen_header: set[str] = set()
    for column in header:
        if column in seen_header:
            table.problems.append(table.problem(1, column, column, "column named twice", "keep one of them"))
        seen_header.add(column)
    line = reader.line_num + 1
    for cells in reader:
        start, line = line, reader.line_num + 1
        if not any(cell.strip() for cell in cells):
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
        table.rows.append(Row(start, {column: cell.strip() for column, cell in zip(header, cells, strict=True)}))
    return table


@dataclass
class Seeds:
    """The five tables of a seeds folder (see ``seeds/README.md``).

    ``Seeds.load()`` reads the bundled records; ``Seeds.load("my/seeds")`` reads a
    folder of your own, taking ``sources.csv`` and ``actors.csv`` from the bundled
    records when the folder has none.

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
        bundled = bundled_dir("seeds")
        folder = Path(directory) if directory is not None else bundled
        if not folder.is_dir():
            raise DataError(f"{folder} is not a folder; give the folder that holds incidents.csv, claims.csv...")
        tables = {}
        for name in schema.SEED_FILES:
            table = read_table(folder / name, name)
            if not table.present and name in FALLBACK_FILES and folder.resolve() != bundled.resolve():
                table = read_table(bundled / name, name)
            tables[name] = table
        return cls(folder, tables)

    def with_incidents(self, path: str | Path) -> Seeds:
        """These records with the incidents of ``path`` (a CSV in the seeds' schema) instead of their own.

        Examples
        --------
        >>> seeds = Seeds.load().with_incidents(bundled_dir("seeds") / "incidents.csv")
        >>> seeds.incidents_file.name, len(seeds.incidents) > 0
        ('incidents.csv', True)
        """
        from .errors import InputError

        path = Path(path)
        if not path.is_file():
            raise InputError(f"--incidents {path}: no such file; give an incidents CSV such as geo import writes")
        tables = dict(self.tables)
        tables[schema.INCIDENTS_FILE] = read_table(path, schema.INCIDENTS_FILE)
        return Seeds(self.directory, tables, incidents_file=path)

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
