"""Distinct rows of columns, numbered on arrays (the columnar import's look-ups run once
per distinct value, or per distinct combination of several columns).

A combination of cells read as a tuple costs a tuple, its hash and a comparison of each
cell per row; here each column is numbered once (a ``dict`` of its distinct cells), and
the numbers of the columns are combined on integer arrays, so no tuple is made per row.
A column that comes numbered already (:class:`Cells`, made by the CSV parser's dictionary
of the column's values) is not numbered again. A column made from a value per distinct
row (:func:`spread`) keeps its table of values (:class:`Drawn`): what holds for each
value of the table (no formula, no quote) holds for every cell, which the writer checks
once per value instead of once per cell.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Hashable, Iterator, Sequence
from typing import Any

import numpy as np

__all__ = [
    "Cells",
    "Drawn",
    "MadeList",
    "as_drawn",
    "cells_at",
    "distinct_cells",
    "distinct_rows",
    "mapped",
    "repeated",
    "rows_where",
    "spread",
    "take",
]

# Combined numbers stay below this (int64).
_LARGEST = 1 << 62


class MadeList(Sequence[Any]):
    """A sequence that is a list of :attr:`cells` made only when it must be (walked over,
    sliced, compared): the part :class:`Drawn` and :class:`geo._csv_batches.ArrowStrings`
    share; each says how its cells are made, counted and read by index."""

    __slots__ = ()

    @property
    def cells(self) -> list[Any]:
        raise NotImplementedError

    def taken(self, rows: list[int]) -> MadeList:
        """The cells at ``rows`` (indices, in that order), in a sequence of the same kind."""
        raise NotImplementedError

    def __getitem__(self, index: Any) -> Any:
        return self.cells[index]

    def __iter__(self) -> Iterator[Any]:
        return iter(self.cells)

    def __eq__(self, other: object) -> bool:
        return self.cells == (other.cells if isinstance(other, MadeList) else other)

    __hash__ = None  # type: ignore[assignment]  # (as a list's)

    def __repr__(self) -> str:
        return repr(self.cells)


class Drawn(MadeList):
    """A column's cells drawn from a table of values: cell ``i`` is ``table[codes[i]]``
    (a value may stand more than once in the table, or not be drawn). Made by
    :func:`spread`.

    The column is a sequence like a list (and equal to the list of its cells), but the
    list is made only when a cell is walked over or sliced (:attr:`cells`); a cell read
    by its index, the rows holding a value (``in``), :func:`take` and :func:`distinct_rows`
    use the table and the numbers, so a column only written is never made a list here.
    """

    __slots__ = ("_cells", "codes", "table")

    def __init__(self, table: list[Any], codes: np.ndarray) -> None:
        self.table = table
        self.codes = codes
        self._cells: list[Any] | None = None

    @property
    def cells(self) -> list[Any]:
        """The cells, as a list (equal cells are one object), made on first use."""
        if self._cells is None:
            self._cells = _objects(self.table)[self.codes].tolist()
        return self._cells

    def __len__(self) -> int:
        return len(self.codes)

    def __getitem__(self, index: Any) -> Any:
        if isinstance(index, (int, np.integer)):
            return self.table[self.codes[index]]
        return self.cells[index]

    def __contains__(self, value: object) -> bool:
        held = [n for n, cell in enumerate(self.table) if cell == value]
        return bool(held) and bool(np.isin(self.codes, held).any())

    def taken(self, rows: list[int]) -> Drawn:
        """The cells at ``rows``, still drawn from the table."""
        return spread(self.table, self.codes[rows])

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self)._made, (self.table, self.codes))

    @classmethod
    def _made(cls, table: list[Any], codes: np.ndarray) -> Drawn:
        return cls(table, codes)


class Cells(Drawn):
    """A column's cells, made from its distinct cells and their numbers: cell ``i``
    is ``distinct[codes[i]]``, equal cells are one object, and the distinct cells are in
    the order of their first row (as :func:`distinct_rows` numbers them); ``table`` is
    ``distinct``.

    Examples
    --------
    >>> cells = Cells.numbered(["Gao", "Menaka"], np.array([0, 1, 0]))
    >>> cells, cells.distinct, cells.codes.tolist()
    (['Gao', 'Menaka', 'Gao'], ['Gao', 'Menaka'], [0, 1, 0])
    >>> cells[0] is cells[2]
    True
    """

    __slots__ = ()

    @property
    def distinct(self) -> list[Any]:
        """The distinct cells, in the order of their first row (the table)."""
        return self.table

    def taken(self, rows: list[int]) -> Cells:
        """The cells at ``rows``, still numbered (in the order of their first row again)."""
        return Cells.numbered(self.distinct, self.codes[rows])

    @classmethod
    def numbered(cls, distinct: list[str], codes: np.ndarray) -> Cells:
        """The cells ``distinct[code]`` for each of ``codes`` (integers; every distinct
        cell is met), numbered again in the order of their first row if they are not.

        >>> cells = Cells.numbered(["Menaka", "Gao"], np.array([1, 0, 1]))
        >>> cells, cells.distinct, cells.codes.tolist()
        (['Gao', 'Menaka', 'Gao'], ['Gao', 'Menaka'], [0, 1, 0])
        """
        codes = codes.astype(np.int64, copy=False)
        table = _objects(distinct)
        if not len(codes):
            table = table[:0]
        elif codes[0] != 0 or (np.diff(np.maximum.accumulate(codes)) > 1).any():
            ordered, count = _numbers(codes)  # numbered by first row
            again = np.empty(count, dtype=object)
            again[ordered] = table[codes]
            table, codes = again, ordered
        else:  # in order already (any value never met is after the last met)
            table = table[: int(codes.max()) + 1]
        return cls(table.tolist(), codes)


def _objects(values: Sequence[Any]) -> np.ndarray:
    """numpy's array of the objects ``values`` (each one cell, a tuple too; made without
    numpy's search of each value for an array inside it, which a date costs most)."""
    return np.fromiter(values, dtype=object, count=len(values))


def _numbers(column: Sequence[Hashable] | np.ndarray) -> tuple[np.ndarray, int]:
    """Each cell of ``column`` numbered in the order of its first row (equal cells, one
    number), and how many numbers there are."""
    if isinstance(column, Cells):
        return column.codes, len(column.distinct)
    if isinstance(column, Drawn):  # the table's values numbered (two may be equal), then the rows
        if len(set(column.table)) == len(column.table):  # (none equal: the rows' codes tell them apart)
            return _numbers(column.codes)
        number: dict[Hashable, int] = {}
        of_value = np.fromiter((number.setdefault(cell, len(number)) for cell in column.table), np.int64)
        return _numbers(of_value[column.codes])
    if isinstance(column, np.ndarray) and column.dtype.kind in "iub":
        count = len(column)
        small = count and column.min() >= 0 and column.max() < 4 * count + 1024
        if not small and count and sys.modules.get("pyarrow.compute") is not None:  # (pyarrow in use: its hash table)
            return _hashed_numbers(column)
        if small:  # the first rows found without a sort
            size = int(column.max()) + 1
            first_row = np.full(size, count, dtype=np.int64)
            np.minimum.at(first_row, column, np.arange(count, dtype=np.int64))
            met = np.flatnonzero(first_row < count)
            rank = np.empty(size, dtype=np.int64)
            rank[met[np.argsort(first_row[met], kind="stable")]] = np.arange(len(met), dtype=np.int64)
            return rank[column], len(met)
        values, first, inverse = np.unique(column, return_index=True, return_inverse=True)
        order = np.argsort(first, kind="stable")
        rank = np.empty(len(values), dtype=np.int64)
        rank[order] = np.arange(len(values), dtype=np.int64)
        return rank[inverse.reshape(-1)], len(values)
    numbers = {cell: n for n, cell in enumerate(dict.fromkeys(column))}
    return np.fromiter(map(numbers.__getitem__, column), dtype=np.int64, count=len(column)), len(numbers)


def _hashed_numbers(column: np.ndarray) -> tuple[np.ndarray, int]:
    """:func:`_numbers` of integers by pyarrow's ``dictionary_encode`` (a hash table, which
    numbers the values in the order they are met: five times faster than numpy's sort on
    a chunk's combined codes)."""
    import pyarrow.compute as pc

    from ._arrow import int32_values, integers

    encoded = pc.dictionary_encode(integers(column))
    return int32_values(encoded.indices).astype(np.int64), len(encoded.dictionary)


def distinct_rows(*columns: Sequence[Hashable] | np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The rows of ``columns`` (all of one length) numbered by distinct combination of
    cells, in the order of each combination's first row; and the first row of each.

    Two rows have the same number when each of their cells is equal (``==``, as a
    ``dict`` key would be; ``None`` is a value like any other).

    Parameters
    ----------
    *columns
        One or more columns (lists or one-dimensional arrays) of hashable cells.

    Returns
    -------
    tuple of numpy.ndarray
        ``codes`` (int64, one per row: 0 for the first combination met, 1 for the next
        new one...) and ``first`` (int64, one per combination: the index of its first row).

    Examples
    --------
    >>> codes, first = distinct_rows(["Gao", "Gao", "Menaka", "Gao"], ["MLI", "NER", "MLI", "MLI"])
    >>> codes.tolist(), first.tolist()
    ([0, 1, 2, 0], [0, 1, 2])
    >>> distinct_rows([])[0].tolist()
    []
    """
    if not columns:
        raise ValueError("distinct_rows needs at least one column")
    codes, count = _numbers(columns[0])
    numbered = True  # whether codes count from 0 in the order of the first rows
    for column in columns[1:]:
        more, many = _numbers(column)
        if many == 1:
            continue
        if count * many >= _LARGEST:  # numbered again, so that the combination fits in int64
            codes, count = _numbers(codes)
        codes, count, numbered = codes * many + more, count * many, False
    if not numbered:
        codes, count = _numbers(codes)
    return codes, _first_rows(codes)


def _first_rows(codes: np.ndarray) -> np.ndarray:
    """The first row of each number of ``codes`` (numbered in the order of their first
    row): the rows where a number greater than every one before it stands (no sort).

    >>> _first_rows(np.array([0, 1, 0, 2, 1])).tolist()
    [0, 1, 3]
    """
    if not len(codes):
        return np.zeros(0, dtype=np.int64)
    new = np.empty(len(codes), dtype=bool)
    new[0] = True
    new[1:] = codes[1:] > np.maximum.accumulate(codes)[:-1]
    return np.flatnonzero(new).astype(np.int64, copy=False)


def spread(values: Sequence[Any], codes: np.ndarray) -> Drawn:
    """``values[code]`` for each of ``codes`` (on arrays): the value of each row, from the
    value of each distinct row (numbered by :func:`distinct_rows`); ``values`` is kept as
    the column's table.

    Examples
    --------
    >>> codes, first = distinct_rows(["Gao", "Menaka", "Gao"])
    >>> column = spread([name.upper() for name in ("Gao", "Menaka")], codes)
    >>> column, column.table
    (['GAO', 'MENAKA', 'GAO'], ['GAO', 'MENAKA'])
    """
    return Drawn(list(values), codes)


def cells_at(column: Sequence[Any], rows: np.ndarray) -> list[Any]:
    """The cells of ``column`` at ``rows`` (indices, in that order), as a list: for a
    column drawn from a table, taken from it on arrays (not a method call per cell).

    >>> cells_at(spread(["Gao", "Menaka"], np.array([1, 0, 1])), np.array([2, 1])), cells_at(["a", "b"], np.array([1]))
    (['Menaka', 'Gao'], ['b'])
    """
    if isinstance(column, Drawn):
        return _objects(column.table)[column.codes[rows]].tolist()
    if isinstance(column, MadeList):  # (pyarrow's strings: only those taken made Python's)
        return list(column.taken(rows.tolist()))
    return [column[i] for i in rows.tolist()]


def as_drawn(column: Sequence[Hashable]) -> Drawn:
    """``column`` as a column drawn from a table: itself when it is one, else its distinct
    cells (in the order of their first row) and each row's number.

    >>> column = as_drawn(["Gao", "Menaka", "Gao"])
    >>> column.table, column.codes.tolist()
    (['Gao', 'Menaka'], [0, 1, 0])
    """
    if isinstance(column, Drawn):
        return column
    codes, first = distinct_rows(column)
    return spread(cells_at(column, first), codes)


def repeated(value: Any, count: int) -> Drawn:
    """A column of ``count`` cells, each ``value``.

    >>> repeated("3", 2), repeated("3", 2).table
    (['3', '3'], ['3'])
    """
    return Drawn([value], np.zeros(count, dtype=np.int64))


def distinct_cells(column: Sequence[Hashable]) -> list[Any]:
    """The distinct cells of ``column``, in the order of their first row (numbered cells
    give their table, without a pass over the rows).

    >>> distinct_cells(["Gao", "Menaka", "Gao"]), distinct_cells(Cells.numbered(["a", "b"], np.array([1, 1, 0])))
    (['Gao', 'Menaka'], ['b', 'a'])
    >>> distinct_cells(spread(["x", "y", "x", "z"], np.array([2, 1, 0, 1])))
    ['x', 'y']
    """
    if isinstance(column, Cells):
        return column.distinct
    if isinstance(column, Drawn):
        drawn, first = np.unique(column.codes, return_index=True)
        return list(dict.fromkeys(column.table[code] for code in drawn[np.argsort(first, kind="stable")].tolist()))
    return list(dict.fromkeys(column))


def rows_where(column: Sequence[Any], test: Callable[[Any], object]) -> list[int]:
    """The rows whose cell passes ``test``, in order (``test`` called once per value of
    the table, for a column drawn from one).

    >>> rows_where(spread(["", "Armed clash"], np.array([1, 0, 0, 1])), bool), rows_where(["a", ""], bool)
    ([0, 3], [0])
    """
    if isinstance(column, Drawn):
        held = [n for n, cell in enumerate(column.table) if test(cell)]
        return np.flatnonzero(np.isin(column.codes, held)).tolist() if held else []
    return [i for i, cell in enumerate(column) if test(cell)]


def mapped(column: Sequence[Hashable], function: Callable[[Any], Any]) -> Sequence[Any]:
    """``function`` of each cell of ``column``, called once per distinct cell; numbered
    cells give numbered cells (:class:`Cells`, two cells that map to one value numbered
    as one), so that :func:`distinct_rows` takes their numbers as they are.

    Examples
    --------
    >>> countries = mapped(Cells.numbered(["466", "562", "0466"], np.array([0, 1, 2, 0])), lambda c: str(int(c)))
    >>> countries, countries.distinct, countries.codes.tolist()
    (['466', '562', '466', '466'], ['466', '562'], [0, 1, 0, 0])
    >>> mapped(["a", "b", "a"], str.upper)
    ['A', 'B', 'A']
    """
    if isinstance(column, Cells):
        number: dict[Any, int] = {}
        renumbered = np.fromiter(
            (number.setdefault(function(cell), len(number)) for cell in column.distinct), np.int64, len(column.distinct)
        )
        return Cells.numbered(list(number), renumbered[column.codes])
    made = {cell: function(cell) for cell in dict.fromkeys(column)}
    return list(map(made.__getitem__, column))


def take(column: Sequence[Any], rows: list[int]) -> Sequence[Any]:
    """The cells of ``column`` at ``rows`` (indices, in that order): a column made on
    demand (:class:`MadeList`) stays of its kind (drawn from its table, numbered, pyarrow's).

    Examples
    --------
    >>> cells = take(Cells.numbered(["Gao", "Menaka"], np.array([0, 1, 0])), [1, 2])
    >>> cells, cells.distinct, cells.codes.tolist()
    (['Menaka', 'Gao'], ['Menaka', 'Gao'], [0, 1])
    >>> take(["a", "b", "c"], [2])
    ['c']
    """
    if isinstance(column, MadeList):
        return column.taken(rows)
    return [column[i] for i in rows]
