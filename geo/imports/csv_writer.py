"""Writing the import's CSV files: rows (dicts) or columns of text as ``csv.writer``
writes them (``QUOTE_MINIMAL``, a line feed after each row), every cell a spreadsheet
would run as a formula escaped (:func:`geo._io.spreadsheet_safe`).

:class:`RowWriter` writes rows as they come; :func:`columns_text` makes the text of rows
given as columns, each check once per column (or per value of a column drawn from a
table, :class:`~geo._distinct.Drawn`), the columnar import's way, and
:func:`columns_bytes` the same text with pyarrow's string kernels, without a Python
string per cell (:meth:`RowWriter.write_columns` takes it from 1,000 rows); a column may
be :class:`Deferred`, made only where the rows are written (on the writer's thread,
:mod:`geo.imports.writer_thread`, for an import).
"""

from __future__ import annotations

import codecs
import csv
import io
import os
import re
from collections.abc import Callable, Mapping, Sequence
from itertools import repeat
from operator import contains as _contains
from operator import itemgetter
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, NamedTuple

from .._arrow import drawn_array, integers, lead_bytes, string_bytes, string_scalar, strings, utf8_array
from .._csv_batches import ArrowStrings, arrow_available
from .._distinct import Drawn
from .._whitespace import re2_class

if TYPE_CHECKING:
    import numpy as np

__all__ = [
    "CellBytes",
    "Column",
    "Deferred",
    "RowWriter",
    "columns_bytes",
    "columns_text",
    "made",
    "row_count",
    "write_csv",
]


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
    """A column to be made only where its rows are written, as ``make(*args)`` (on the
    thread that writes them: :mod:`geo.imports.writer_thread`)."""

    make: Callable[..., Sequence[str]]
    args: tuple[Any, ...]


# A column of rows to write: its cells, or how to make them.
Column = Sequence[str] | Deferred


def made(columns: Sequence[Column], *, arrow: bool = False) -> list[Any]:
    """``columns``, each :class:`Deferred` one made; a column made as pyarrow's array
    (:func:`geo.imports.acled_chunk_incidents.incident_notes`) kept as it is when
    ``arrow``, else made a list of strings."""
    cells = [column.make(*column.args) if isinstance(column, Deferred) else column for column in columns]
    if arrow:
        return cells
    return [column.to_pylist() if hasattr(column, "to_pylist") else column for column in cells]


def row_count(columns: Sequence[Column]) -> int:
    """The number of rows of ``columns`` (a :class:`Deferred` one is not made for it, unless all are)."""
    for column in columns:
        if not isinstance(column, Deferred):
            return len(column)
    return len(made(columns[:1])[0]) if columns else 0


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


def _cell_text(value: str) -> str:
    """A cell as :func:`columns_text` writes it: made safe, then quoted if it needs it."""
    cell = str(_safe(value))
    return '"' + cell.replace('"', '""') + '"' if _needs_quotes(cell) else cell


def _texts(values: list[str]) -> list[str]:
    """:func:`_cell_text` of each value (one search of them all first: most need nothing)."""
    joined = _SEPARATOR + _SEPARATOR.join(values)
    if joined.count(_SEPARATOR) != len(values) or (_RISKY_START.search(joined) and _MAYBE_FORMULA.search(joined)):
        return list(map(_cell_text, values))
    if _needs_quotes(joined):
        return ['"' + value.replace('"', '""') + '"' if _needs_quotes(value) else value for value in values]
    return values


class CellBytes:
    """The text of the values of drawn columns' tables, kept by a writer from chunk to
    chunk (a file's dates, places, actors come back in every chunk) as one pyarrow array
    of every value met: each new value made text (:func:`_texts`) and encoded once, on
    the writer's thread; a chunk's column is then that array's cells taken at its
    values' numbers (no array made of the chunk's table)."""

    # Values kept at most (a million rows of ACLED hold about 20,000 distinct ones).
    LARGEST = 1_000_000

    def __init__(self) -> None:
        # by (ending, text): each value's number, and the array of their texts
        self._numbers: dict[tuple[bool, bool], dict[Any, int]] = {}
        self._texts: dict[tuple[bool, bool], Any] = {}

    def array(self, table: list[Any], codes: np.ndarray, *, ending: bool, text: bool = False) -> Any:
        """pyarrow's array of the text of ``table[code]`` for each of ``codes`` (each
        ended by a line feed when ``ending``; ``text``: the values are the text already)."""
        import numpy as np
        import pyarrow as pa

        kind = (ending, text)
        numbers = self._numbers.setdefault(kind, {})
        if len(numbers) > self.LARGEST:
            numbers.clear()
            self._texts.pop(kind, None)
        found = list(map(numbers.get, table))
        if None in found:
            new = list(dict.fromkeys(value for value, number in zip(table, found, strict=True) if number is None))
            numbers.update(zip(new, range(len(numbers), len(numbers) + len(new)), strict=True))
            made = new if text else _texts(new)
            added = utf8_array([(cell + "\n" if ending else cell).encode("utf-8") for cell in made])
            known = self._texts.get(kind)
            self._texts[kind] = added if known is None else pa.concat_arrays([known, added])
            found = list(map(numbers.__getitem__, table))
        at = np.fromiter(found, dtype=np.int64, count=len(found))
        return self._texts[kind].take(integers(at[codes]))


class _Joined(Drawn):
    """Neighbouring columns drawn from small tables, written as one (:func:`_joined`):
    each value of its table is the text of their cells (:func:`_texts`) joined by commas."""

    __slots__ = ()


# Neighbouring columns drawn from tables of this many values at most (together) are
# joined into one before the lines are (a million rows of ACLED: the precision codes,
# event types, the fatality and source columns; 21 columns a line become 13, and a
# chunk's text takes about a quarter less CPU).
_JOINED_MOST = 4096


def _joined(columns: list[Column]) -> list[Column]:
    """``columns`` with each run of neighbouring columns drawn from small tables (at most
    :data:`_JOINED_MOST` combinations of their values) made one :class:`_Joined`: pyarrow
    joins fewer columns a line, and takes fewer cells."""
    import numpy as np

    from .._distinct import cells_at, distinct_rows, spread

    out: list[Column] = []
    run: list[Drawn] = []

    def close() -> None:
        if len(run) > 1:
            codes, first = distinct_rows(*(column.codes for column in run))
            texts = [_texts(list(column.table)) for column in run]
            cells = [cells_at(spread(text, column.codes), first) for text, column in zip(texts, run, strict=True)]
            out.append(_Joined([",".join(parts) for parts in zip(*cells, strict=True)], codes))
        else:
            out.extend(run)
        run.clear()

    for column in columns:
        if isinstance(column, Drawn) and not isinstance(column, _Joined) and len(column.table) <= _JOINED_MOST:
            if run and int(np.prod([len(c.table) for c in run])) * len(column.table) > _JOINED_MOST:
                close()
            run.append(column)
        else:
            close()
            out.append(column)
    close()
    return out


# pyarrow's regular expressions (RE2) for a cell that may start as a formula, and one to quote.
_RISKY_START_RE2 = r"^'*[=+\-@\t\r]"
_QUOTE_MARKS_RE2 = re2_class("".join(_QUOTE_MARKS))
# The first bytes a cell matching _RISKY_START_RE2 may have; the quote's byte.
_RISKY_FIRST = lead_bytes("".join(sorted(_RISKY)))
_QUOTE_BYTE = ord('"')
# Rows made into text by pyarrow at a time (its string arrays hold at most 2 GiB).
_ARROW_ROWS = 50_000


def columns_bytes(columns: Sequence[Column], cells: CellBytes | None = None) -> list[Any] | None:
    """The UTF-8 bytes of :func:`columns_text` of ``columns`` (two or more, all of one
    length; :class:`Deferred` ones made), made by pyarrow's string kernels: a column
    drawn from a table (:class:`~geo._distinct.Drawn`) has each value of its table made
    text once, in Python, and its rows taken from it; a column of pyarrow's
    (:class:`~geo._csv_batches.ArrowStrings`, or an array) is searched for cells that may
    be formulas (made safe in Python, few) and cells to quote, without a Python string
    per cell; the lines are one join of the columns. The kernels let go of the
    interpreter, so another thread may run meanwhile. ``None`` when pyarrow is not
    installed, or a cell is not text pyarrow holds (a lone surrogate): the caller makes
    the text with :func:`columns_text`. ``cells``: the bytes of the tables' values made
    for earlier chunks, looked up (:class:`CellBytes`).

    Returns
    -------
    list
        Buffers to write one after the other (pyarrow's, as bytes-like objects).

    Examples
    --------
    >>> import numpy as np
    >>> from geo._distinct import spread
    >>> parts = columns_bytes([["a", "b"], spread(["=1", 'say "x", y'], np.array([1, 0]))])
    >>> b"".join(parts).decode() == columns_text([["a", "b"], ['say "x", y', "=1"]])
    True
    """
    if not arrow_available():
        return None
    import pyarrow as pa

    columns = _joined(made(columns, arrow=True))
    count = len(columns[0])
    try:
        # (the line feed made part of the last column's text when it is drawn from a table)
        arrays = [_arrow_cells(column, ending=i == len(columns) - 1, cells=cells) for i, column in enumerate(columns)]
        ended = isinstance(columns[-1], Drawn)
        return [
            _arrow_lines([array.slice(start, _ARROW_ROWS) for array in arrays], ended=ended)
            for start in range(0, count, _ARROW_ROWS)
        ]
    except (pa.ArrowException, UnicodeError):
        return None


def _arrow_cells(column: Any, *, ending: bool = False, cells: CellBytes | None = None) -> Any:
    """The cells of a column as pyarrow's array of their text (:func:`_cell_text`);
    ``ending``: each ended by a line feed when the column is drawn from a table."""
    import pyarrow as pa
    import pyarrow.compute as pc

    joined = isinstance(column, _Joined)  # (its values are the text already)
    if isinstance(column, Drawn) and cells is not None:
        return cells.array(column.table, column.codes, ending=ending, text=joined)
    if isinstance(column, Drawn):
        texts = column.table if joined else _texts(column.table)
        return drawn_array([text + "\n" for text in texts] if ending else texts, column.codes)
    if isinstance(column, ArrowStrings):
        array = column.stripped()
    elif isinstance(column, (pa.Array, pa.ChunkedArray)):
        array = column.combine_chunks() if isinstance(column, pa.ChunkedArray) else column
    else:
        array = strings(list(column))
    offsets, data = string_bytes(array)
    if _RISKY_FIRST[data[offsets[:-1][offsets[1:] > offsets[:-1]]]].any():  # (a cell's first byte may start one)
        risky = pc.match_substring_regex(array, _RISKY_START_RE2)
        if pc.any(risky).as_py():
            safe = [str(_safe(cell)) for cell in array.filter(risky).to_pylist()]
            array = pc.replace_with_mask(array, risky, strings(safe))
            offsets, data = string_bytes(array)
    needs = pc.match_substring_regex(array, _QUOTE_MARKS_RE2)
    quoted = pc.sum(needs).as_py() or 0
    if not quoted:
        return array
    quote, nothing = string_scalar('"'), string_scalar("")
    doubled = pc.replace_substring(array, '"', '""') if (data == _QUOTE_BYTE).any() else array
    made_quoted = pc.binary_join_element_wise(quote, doubled, quote, nothing)
    return made_quoted if quoted == len(array) else pc.if_else(needs, made_quoted, array)


def _arrow_lines(arrays: list[Any], *, ended: bool = False) -> Any:
    """The CSV lines of columns of cells made text (each ended by a line feed; ``ended``:
    the last column's cells end with it already), as one buffer."""
    import pyarrow.compute as pc

    lines = pc.binary_join_element_wise(*arrays, string_scalar(","))
    if not ended:
        lines = pc.binary_join_element_wise(lines, string_scalar(""), string_scalar("\n"))
    return string_bytes(lines)[1]


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
        # whether bytes of UTF-8 may be written to the handle's own binary file
        encoding = getattr(handle, "encoding", None)
        self._utf8 = hasattr(handle, "buffer") and isinstance(encoding, str) and codecs.lookup(encoding).name == "utf-8"
        self._writer.writerow(columns)
        self._get_all = itemgetter(*columns) if len(columns) > 1 else lambda row: (row[columns[0]],)
        self._cells = CellBytes()  # (the tables' values made text, from chunk to chunk)

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
        if len(columns) == 1:  # a row of one empty cell is written "" (not a blank line): the row writer's way
            self([dict(zip(self.columns, row, strict=True)) for row in zip(*made(columns), strict=True)])
            return
        count = row_count(columns)
        if not count:
            return
        parts = columns_bytes(columns, self._cells) if count >= _BY_COLUMNS and self._utf8 else None
        if parts is None:
            self.handle.write(columns_text(made(columns)))
        else:  # (the text handle's own buffer emptied first, the bytes written after it)
            self.handle.flush()
            for part in parts:
                self.handle.buffer.write(part)  # type: ignore[attr-defined]
        self.rows += count

    def sync(self) -> None:
        """Flush the rows written and have the system put them on the disk now (for a
        file: the final ``fsync`` of :func:`geo._io.write_atomically` then has little left
        to do; the writer's thread calls this after each chunk)."""
        self.handle.flush()
        try:
            descriptor = self.handle.fileno()
        except (AttributeError, OSError, ValueError):  # (not a file: io.StringIO)
            return
        getattr(os, "fdatasync", os.fsync)(descriptor)

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
