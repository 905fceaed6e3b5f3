"""Writing the import's CSV files: rows (dicts) or columns of text as ``csv.writer``
writes them (``QUOTE_MINIMAL``, a line feed after each row), every cell a spreadsheet
would run as a formula escaped (:func:`geo._io.spreadsheet_safe`).

:class:`RowWriter` writes rows as they come; :func:`columns_text` makes the text of rows
given as columns, each check once per column (or per value of a column drawn from a
table, :class:`~geo._distinct.Drawn`), the columnar import's way; a column may be
:class:`Deferred`, made only where the rows are written (in the writer's process,
:mod:`geo.imports.writer_process`, for a big export).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Mapping, Sequence
from itertools import repeat
from operator import contains as _contains
from operator import itemgetter
from pathlib import Path
from typing import IO, Any, NamedTuple

from .._distinct import Drawn

__all__ = ["Column", "Deferred", "RowWriter", "columns_text", "made", "write_csv"]


# The first characters after which a cell may be a formula (see geo._io.spreadsheet_safe).
_RISKY = frozenset("'=+-@\t\r")
# A cell of a row joined with _SEPARATOR that starts as a formula might (and is not a plain number).
_SEPARATOR = "\x00"


def _quoted_characters() -> str:
    """The characters that make ``csv.writer`` (``lineterminator="\\n"``) quote a cell: the
    comma, the quote and the line feed, and the others this Python's csv module quotes
    (a carriage return, since some versions), asked of the module itself."""
    found = ',"\n'  # always first, in this order (see columns_text)
    for character in "\r\x00":
        buffer = io.StringIO()
        csv.writer(buffer, lineterminator="\n").writerow((f"a{character}b", ""))
        if buffer.getvalue() != f"a{character}b,\n":
            found += character
    return found


# A cell holding one of these characters is written quoted, its quotes doubled (csv's QUOTE_MINIMAL).
_QUOTE_MARKS = tuple(_quoted_characters())
_MORE_QUOTE_MARKS = _QUOTE_MARKS[3:]  # beyond the comma, the quote and the line feed


def _needs_quotes(text: str) -> bool:
    """Whether csv.writer quotes a cell holding ``text`` (or, for cells joined, one of them)."""
    return "," in text or '"' in text or "\n" in text or any(mark in text for mark in _MORE_QUOTE_MARKS)


_MAYBE_FORMULA = re.compile(r"\x00(?![+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?(?:\x00|\Z))'*[=+\-@\t\r]")
# A cell's start (in a column joined with _SEPARATOR, one before the first) that
# _MAYBE_FORMULA may match: a simpler search, looked for first (most columns hold none;
# in a column of negative numbers, every cell starts so).
_RISKY_START = re.compile(r"\x00'*[=+\-@\t\r]")


def _safe(value: object) -> object:
    """:func:`geo._io.spreadsheet_safe`, without the call for the cells that cannot need it."""
    if isinstance(value, str) and value[:1] not in _RISKY:
        return value
    from .._io import spreadsheet_safe

    return spreadsheet_safe(value)


def _lines(cells: list[list[str]], everywhere: list[bool]) -> str:
    """The CSV lines of rows given as columns (cells written as they are, but those of a
    column of ``everywhere`` put between quotes), each ended by a line feed: one join of
    the cells and the separators between them, laid out row by row on a list."""
    width, count = len(cells), len(cells[0])
    if not any(everywhere):
        return "\n".join(map(",".join, zip(*cells, strict=True))) + "\n"
    # after column j: the quote closing it, the comma (or the line feed), the quote opening the next
    after = [
        ('"' if everywhere[j] else "") + ("," if j < width - 1 else "\n") + ('"' if everywhere[(j + 1) % width] else "")
        for j in range(width)
    ]
    parts = [""] * (2 * width * count)
    for j, column in enumerate(cells):
        parts[2 * j :: 2 * width] = column
        parts[2 * j + 1 :: 2 * width] = [after[j]] * count
    text = "".join(parts)
    # the first row's opening quote, and not the one after the last row
    return ('"' + text[:-1]) if everywhere[0] else text


class Deferred(NamedTuple):
    """A column to be made only where its rows are written, as ``make(*args)`` (in the
    process that writes them: :mod:`geo.imports.writer_process`)."""

    make: Callable[..., Sequence[str]]
    args: tuple[Any, ...]


# A column of rows to write: its cells, or how to make them.
Column = Sequence[str] | Deferred


def made(columns: Sequence[Column]) -> list[Sequence[str]]:
    """``columns``, each :class:`Deferred` one made."""
    return [column.make(*column.args) if isinstance(column, Deferred) else column for column in columns]


def columns_text(columns: Sequence[Sequence[str]]) -> str:
    """The CSV lines of rows given as columns of text (two or more, all of one length),
    each ended by a line feed, as :class:`RowWriter` writes the same rows: a row with a
    cell a spreadsheet might run has every cell made safe, and a cell is quoted as
    ``csv.writer`` quotes it. Each check is one search of a whole column (of its table's
    values, for a column drawn from one: :class:`~geo._distinct.Drawn`); only the
    columns where it finds something are looked at cell by cell, and a column whose
    every cell needs quotes (a comma in each, as in ACLED's notes) gets them with the
    commas around it, not cell by cell.

    Examples
    --------
    >>> columns_text([["a", "b"], ["x,y", "@SUM(A1)"]])
    'a,"x,y"\\nb,\\'@SUM(A1)\\n'
    """
    cells = [list(column) for column in columns]
    risky: set[int] = set()
    quoted: list[bool] = []  # whether a cell of the column may need quotes
    for given, column in zip(columns, cells, strict=True):
        values = given.table if isinstance(given, Drawn) else column  # each value once
        joined = _SEPARATOR + _SEPARATOR.join(values)
        if joined.count(_SEPARATOR) != len(values):
            risky.update(i for i, cell in enumerate(column) if _SEPARATOR in cell)
        if _RISKY_START.search(joined) and _MAYBE_FORMULA.search(joined):
            risky.update(i for i, cell in enumerate(column) if _MAYBE_FORMULA.search(_SEPARATOR + cell))
        quoted.append(_needs_quotes(joined))
    for i in risky:
        for column in cells:
            column[i] = str(_safe(column[i]))
    # every cell of a column quoted: its quotes doubled, the quotes around it written
    # with the commas (no string made per cell); some cells quoted: each one as it needs
    everywhere = [False] * len(cells)
    for j, (column, maybe) in enumerate(zip(cells, quoted, strict=True)):
        if not (maybe or risky):
            continue
        if all(map(_contains, column, repeat(","))):
            everywhere[j] = True
            if '"' in _SEPARATOR.join(column):
                column[:] = [cell.replace('"', '""') for cell in column]
        elif _MORE_QUOTE_MARKS:
            column[:] = ['"' + cell.replace('"', '""') + '"' if _needs_quotes(cell) else cell for cell in column]
        else:  # the same, without a call per cell
            column[:] = [
                '"' + cell.replace('"', '""') + '"' if "," in cell or '"' in cell or "\n" in cell else cell
                for cell in column
            ]
    return _lines(cells, everywhere)


class RowWriter:
    """Writes rows (dicts) as CSV lines with ``columns``, as they come, to an open text
    handle: the header first, cells a spreadsheet would run as formulas escaped, exactly
    as :func:`write_incidents` writes a whole list.

    Examples
    --------
    >>> import io
    >>> handle = io.StringIO()
    >>> writer = RowWriter(handle, ("id", "note"))
    >>> writer([{"id": "a", "note": "=1+2"}])
    >>> writer([{"id": "b"}])
    >>> handle.getvalue()
    "id,note\\na,'=1+2\\nb,\\n"
    >>> writer.reset(); handle.getvalue()
    'id,note\\n'
    """

    def __init__(self, handle: IO[str], columns: tuple[str, ...]) -> None:
        self.handle = handle
        self.columns = columns
        self.rows = 0
        self._writer = csv.writer(handle, lineterminator="\n")
        self._writer.writerow(columns)
        self._get_all = itemgetter(*columns) if len(columns) > 1 else lambda row: (row[columns[0]],)

    def __call__(self, rows: Sequence[Mapping[str, object]]) -> None:
        columns = self.columns
        width = len(columns)
        if len(rows) >= _BY_COLUMNS and width > 1:
            cut = _text_columns(rows, columns)
            if cut is not None:
                self.write_columns(cut)
                return
        cells = []
        get_all = self._get_all
        for row in rows:
            try:
                values = list(get_all(row))
            except KeyError:
                values = [row.get(column, "") for column in columns]
            # One search of the row for a cell a spreadsheet might run (most have none).
            joined = _SEPARATOR + _SEPARATOR.join(map(str, values))
            if _MAYBE_FORMULA.search(joined) or joined.count(_SEPARATOR) != width:
                values = [_safe(value) for value in values]
            cells.append(values)
        self._writer.writerows(cells)
        self.rows += len(rows)

    def write_columns(self, columns: Sequence[Column]) -> None:
        """Write rows given as columns of text (one list per column of ``columns``, all of
        one length; or :class:`Deferred`, made here), with the bytes :meth:`__call__` writes for the same rows
        (:func:`columns_text`).

        Examples
        --------
        >>> import io
        >>> handle = io.StringIO()
        >>> writer = RowWriter(handle, ("id", "note"))
        >>> writer.write_columns([["a", "b", "c"], ["=1+2", 'say "hi", twice', "-3.5"]])
        >>> handle.getvalue()
        'id,note\\na,\\'=1+2\\nb,"say ""hi"", twice"\\nc,-3.5\\n'
        """
        columns = made(columns)
        if len(columns) == 1:  # a row of one empty cell is written "" (not a blank line): the row writer's way
            self([dict(zip(self.columns, row, strict=True)) for row in zip(*columns, strict=True)])
            return
        if not columns or not columns[0]:
            return
        self.handle.write(columns_text(columns))
        self.rows += len(columns[0])

    def reset(self) -> None:
        """Forget the rows written: the handle holds the header only again."""
        self.handle.seek(0)
        self.handle.truncate()
        self.rows = 0
        self._writer.writerow(self.columns)


# From this many rows, rows of text (and whole numbers) are written by columns (:func:`columns_text`).
_BY_COLUMNS = 1000


def _text_columns(rows: Sequence[Mapping[str, object]], columns: tuple[str, ...]) -> list[list[str]] | None:
    """The cells of ``rows`` by column as ``csv.writer`` writes them (a missing cell empty),
    or ``None`` when a cell is neither text nor a whole number."""
    cut = []
    for column in columns:
        cells = [row.get(column, "") for row in rows]
        kinds = set(map(type, cells))
        if kinds == {int} or kinds == {str, int}:
            cells = list(map(str, cells))
        elif kinds != {str}:
            return None
        cut.append(cells)
    return cut  # type: ignore[return-value]


def write_csv(path: str | Path, columns: tuple[str, ...], rows: Sequence[Mapping[str, object]]) -> Path:
    """Write ``rows`` with ``columns`` to ``path``, atomically (:class:`RowWriter`)."""
    from .._io import write_atomically

    def write(handle: IO[str]) -> None:
        RowWriter(handle, columns)(rows)

    return write_atomically(Path(path), write)
