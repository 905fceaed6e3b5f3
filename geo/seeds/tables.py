"""The seeds' tables as read: one :class:`Row` per record with the line it starts on, in a
:class:`Table` per file, so that every later check can name the file, the line and the column.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from .. import schema
from .problems import Problem

__all__ = ["ParquetRow", "Row", "Table", "extend_table", "split_cell"]


class Row(dict[str, str]):
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


class _Pending(NamedTuple):
    """The rows of a table as columns (:meth:`Table.defer_rows`)."""

    starts: list[int]
    header: list[str]
    columns: list[list[str]]
    by_name: dict[str, list[str]]


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
    _columns: dict[tuple[tuple[str, ...], int, int], dict[str, list[str]]] = field(
        default_factory=dict, repr=False, compare=False
    )
    # the rows as read, their number, and every column of the file (read_table)
    _read: tuple[list[Row], int, dict[str, list[str]]] | None = field(default=None, repr=False, compare=False)
    # the rows of a file read column by column, not made yet (see defer_rows)
    _pending: _Pending | None = field(default=None, repr=False, compare=False)

    def __getattr__(self, name: str) -> Any:
        # ``rows`` of a table whose rows wait as columns (defer_rows): made now, once
        if name == "rows" and self.__dict__.get("_pending") is not None:
            return self._make_rows()
        raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")

    def defer_rows(self, starts: list[int], header: list[str], columns: list[list[str]]) -> None:
        """Keep the rows as columns until :attr:`rows` is first read: ``starts`` the line of
        each row, ``columns`` the cells of each column of ``header``, in order.

        A table of hundreds of thousands of incidents is mostly read column by column
        (validation, the records), and a row (a dictionary) is made only for the rows asked
        for one by one (:meth:`row`); reading :attr:`rows` makes them all, as they would have
        been made while reading.

        Examples
        --------
        >>> table = Table(Path("incidents.csv"), "incidents.csv", ("id", "date"))
        >>> table.defer_rows([2, 3], ["id", "date"], [["a", "b"], ["2022", "2023"]])
        >>> len(table), table.cells(("date",)), table.row(1)
        (2, {'date': ['2022', '2023']}, Row(line=3, cells={'id': 'b', 'date': '2023'}, path=None))
        >>> table.rows[0]
        Row(line=2, cells={'id': 'a', 'date': '2022'}, path=None)
        """
        self._pending = _Pending(starts, header, columns, dict(zip(header, columns)))
        self._read = None
        self._columns.clear()
        self.__dict__.pop("rows", None)

    def _make_rows(self) -> list[Row]:
        pending = self._pending
        assert pending is not None
        rows = [Row(line, zip(pending.header, cells)) for line, cells in zip(pending.starts, zip(*pending.columns))]
        self.rows = rows
        self._read = (rows, len(rows), pending.by_name)
        self._pending = None
        return rows

    def row(self, index: int) -> Row:
        """Row ``index`` (counted from 0), made alone when the rows wait as columns."""
        pending = self._pending
        if pending is None:
            return self.rows[index]
        return Row(pending.starts[index], zip(pending.header, (column[index] for column in pending.columns)))

    def __len__(self) -> int:
        pending = self._pending
        return len(self.rows) if pending is None else len(pending.starts)

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

        pending = self._pending
        if pending is not None:
            count = len(pending.starts)
            return {name: pending.by_name[name] if name in pending.by_name else [""] * count for name in names}
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

    def __iter__(self) -> Iterator[Row]:
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

    def summary(self) -> str:
        """How many rows: ``4 actors``, or ``4 actors (+53 from FILE)`` for a table whose
        own rows are extended by another file's (the bundled ``actors.csv``...).

        Examples
        --------
        >>> rows = [Row(2, {"id": "a"}), Row(3, {"id": "b"}, Path("bundled/actors.csv"))]
        >>> Table(Path("actors.csv"), "actors.csv", ("id",), rows, extends=(Path("bundled/actors.csv"),)).summary()
        '1 actors (+1 from bundled/actors.csv)'
        >>> Table(Path("actors.csv"), "actors.csv", ("id",), rows[:1]).summary()
        '1 actors'
        """
        name = self.name.removesuffix(".csv")
        own = sum(1 for row in self if row.path is None or row.path == self.path) if self.present else 0
        if not self.extends or own == len(self):
            return f"{len(self)} {name}"
        return f"{own} {name} (+{len(self) - own} from {', '.join(str(p) for p in self.extends)})"


def extend_table(first: Table, then: Table) -> Table:
    """The rows of ``first``, then those of ``then`` whose id ``first`` has not; each row keeps its file.

    ``first`` missing gives ``then`` unchanged. The header is ``first``'s when present.

    Examples
    --------
    >>> import tempfile
    >>> from geo.seeds import Seeds, read_table
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
