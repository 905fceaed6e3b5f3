"""Reading a seeds CSV file: its bytes, its header and its rows, each problem of shape
(encoding, header, cell counts, quoting) kept with its line rather than raised.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from pathlib import Path

from .. import schema
from .._input import csv_error_message, csv_field_limit
from .._io import from_spreadsheet_safe, paused_gc
from ..errors import DataError
from .problems import header_problems
from .tables import Table

__all__ = ["ARROW_CHARACTERS", "read_table"]

# A file of at least this many characters is read by pyarrow when it is installed and the
# file is one it reads as csv.reader does (geo._csv_batches); a smaller one, or one it
# refuses, by csv.reader (the same rows, lines and problems).
ARROW_CHARACTERS = 1 << 20


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
    table.problems.extend(header_problems(header, name, lambda *a: table.problem(1, *a)))
    line = reader.line_num + 1
    apostrophes = "'" in text  # else no cell can start with one
    if len(text) >= ARROW_CHARACTERS and line == 2:  # (a header of one line)
        by_arrow = _by_arrow(path, header, apostrophes)
        if by_arrow is not None:
            if by_arrow[0]:  # kept by column; a row made when asked for (Table.defer_rows)
                table.defer_rows(by_arrow[0], header, by_arrow[1])
            return table
    records: list[list[str]] = []
    starts: list[int] = []
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
            stripped = _undo_apostrophes(stripped)
        starts.append(start)
        records.append(stripped)
    if records:  # kept by column; a row made when asked for (Table.defer_rows)
        table.defer_rows(starts, header, list(map(list, zip(*records))))
    return table


def _by_arrow(path: Path, header: list[str], apostrophes: bool) -> tuple[list[int], list[list[str]]] | None:
    """The lines and stripped cells by column of the rows of ``path`` (its header
    already read) as pyarrow reads them, blank rows left out and a spreadsheet's
    apostrophe undone, as :func:`_read_table` does row by row; ``None`` when pyarrow is
    not installed, the header repeats a name, or the file is one pyarrow might read
    otherwise than ``csv.reader`` (:class:`geo._csv_batches.NotForArrowError`: a row of
    another width, a line break or a quote where the two disagree...)."""
    from .._csv_batches import NotForArrowError, arrow_available, read_batches

    if not header or len(set(header)) != len(header) or not arrow_available():
        return None
    starts: list[int] = []
    columns: list[list[str]] = [[] for _ in header]
    try:
        for batch in read_batches(path, header, ",", header, header):
            cells = [batch.cells[name] for name in header]
            kept = _not_blank(cells, batch.count)
            if kept is None:
                starts.extend(batch.starts)
                for column, more in zip(columns, cells, strict=True):
                    column.extend(more)
            else:
                starts.extend(batch.starts[i] for i in kept)
                for column, more in zip(columns, cells, strict=True):
                    column.extend(more[i] for i in kept)
    except NotForArrowError:
        return None
    if apostrophes:  # only a column with a cell that starts with one may need undoing
        columns = [_undo_apostrophes(c) if "\x00'" in "\x00" + "\x00".join(c) else c for c in columns]
    return starts, columns


def _undo_apostrophes(cells: list[str]) -> list[str]:
    """The cells, each that starts with the apostrophe a spreadsheet-safe writer put
    before it undone (:func:`geo._io.from_spreadsheet_safe`) and stripped again."""
    return [from_spreadsheet_safe(v).strip() if v[:1] == "'" else v for v in cells]


def _not_blank(cells: list[Sequence[str]], count: int) -> list[int] | None:
    """The rows (indices) that are not blank, every cell empty once stripped; ``None`` when
    none is (a blank row has an empty first cell: only those are looked at)."""
    first = cells[0]
    if "" not in first:
        return None
    blank = {i for i, cell in enumerate(first) if not cell and not any(column[i] for column in cells)}
    return [i for i in range(count) if i not in blank] if blank else None
