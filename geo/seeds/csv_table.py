"""Reading a seeds CSV file: its bytes, its header and its rows, each problem of shape
(encoding, header, cell counts, quoting) kept with its line rather than raised.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from .. import schema
from .._input import csv_error_message, csv_field_limit
from .._io import from_spreadsheet_safe, paused_gc
from ..errors import DataError
from .problems import header_problems
from .tables import Table

__all__ = ["read_table"]


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
            stripped = [from_spreadsheet_safe(v).strip() if v[:1] == "'" else v for v in stripped]
        starts.append(start)
        records.append(stripped)
    if records:  # kept by column; a row made when asked for (Table.defer_rows)
        table.defer_rows(starts, header, list(map(list, zip(*records))))
    return table
