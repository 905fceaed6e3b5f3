"""Batch files of queries: a CSV file read row by row into :class:`BatchRow` objects,
keeping a row that cannot be read with its ``problem`` so that every other row is still
answered (``geo geocode --batch FILE``)."""

from __future__ import annotations

import csv
import io
import os
import re
import sys
from dataclasses import dataclass, field

from ..errors import InputError

BATCH_COLUMNS = ("query", "country", "admin1", "admin2", "admin3", "near", "date")
# The most distinct (query, context) answers :func:`geocode_rows` keeps for reuse.


@dataclass(frozen=True, slots=True)
class BatchRow:
    """One row of a batch file: its first line, its cells (the columns of
    :data:`BATCH_COLUMNS` it has, stripped) and, when it cannot be used, why.

    ``line`` is ``None`` for a query given otherwise (on the command line).

    Examples
    --------
    >>> import tempfile
    >>> from pathlib import Path
    >>> path = Path(tempfile.mkdtemp()) / "places.csv"
    >>> _ = path.write_text("query,country\\nMénaka,ML\\nDori,BF\\n", encoding="utf-8")
    >>> [(row.line, row.cells, row.problem) for row in read_batch(path)]
    [(2, {'query': 'Ménaka', 'country': 'ML'}, None), (3, {'query': 'Dori', 'country': 'BF'}, None)]
    >>> path.unlink(); path.parent.rmdir()
    """

    line: int | None
    cells: dict[str, str] = field(default_factory=dict)
    problem: str | None = None

    @property
    def query(self) -> str:
        return self.cells.get("query", "")


def read_batch(path: str | os.PathLike[str]) -> list[BatchRow]:
    """Read a batch file of queries: a CSV file in UTF-8 (comma, semicolon or tab; a BOM
    is fine) with a ``query`` column and optional ``country``, ``admin1``, ``admin2``,
    ``admin3``, ``near`` and ``date`` columns; ``"-"`` reads standard input.

    Raises :class:`~geo.errors.InputError` for a file that cannot be used at all
    (missing, empty, no ``query`` column, a column named twice, broken quoting), naming
    the file and line. A row that cannot be read (cells that are not UTF-8, too many or
    too few cells) is kept with its ``problem``, naming file, line and column.

    Examples
    --------
    >>> import tempfile
    >>> from pathlib import Path
    >>> path = Path(tempfile.mkdtemp()) / "incidents.csv"
    >>> _ = path.write_bytes(b"query;admin1\\nM\\xc3\\xa9naka;\\nDioura;Mopti\\nT\\xe9ssit;Gao\\n")
    >>> rows = read_batch(path)
    >>> [(row.line, row.query, row.cells["admin1"]) for row in rows[:2]]
    [(2, 'Ménaka', ''), (3, 'Dioura', 'Mopti')]
    >>> print(rows[2].problem)
    /.../incidents.csv, line 4, column 'query': the text is not valid UTF-8 ('T�ssit', bytes shown as U+FFFD); ...
    >>> path.unlink(); path.parent.rmdir()
    """
    from .._input import MAX_DOCUMENT_BYTES, check_input_file, csv_error_message, csv_field_limit, read_limited

    label = "standard input" if str(path) == "-" else str(path)
    if str(path) != "-":
        try:
            check_input_file(path, what="batch file (a .csv file with a 'query' column)", limit=MAX_DOCUMENT_BYTES)
        except InputError as error:
            raise InputError(f"cannot read the batch file: {error}") from None
    try:
        if str(path) == "-":
            data = read_limited(sys.stdin.buffer, label=label, what="batch file", limit=MAX_DOCUMENT_BYTES)
        else:
            with open(path, "rb") as handle:
                data = handle.read()
    except OSError as error:
        raise InputError(f"cannot read the batch file {label}: {error.strerror}") from None
    # Bytes that are not UTF-8 become lone surrogates, reported on their row below (a
    # real U+FFFD in the text is accepted); the same whether from a file or stdin.
    text = data.decode("utf-8-sig", errors="surrogateescape")
    if not text.strip():
        raise InputError(f"the batch file {label} is empty: it needs a header line with a 'query' column")
    first_line = text.splitlines()[0]
    delimiter = max(",;\t", key=first_line.count) if any(d in first_line for d in ",;\t") else ","
    csv_field_limit()
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        fields = [f.strip().lower() for f in (reader.fieldnames or [])]
    except csv.Error as error:
        _line, message, fix = csv_error_message(error, start=1, last=reader.line_num)
        raise InputError(f"{label}, line 1: {message}; {fix}") from None
    if "query" not in fields:
        raise InputError(
            f"{label}, line 1: no 'query' column (found {', '.join(repr(f) for f in fields) or 'nothing'}); "
            f"the header must name a 'query' column, and may name {', '.join(BATCH_COLUMNS[1:])}"
        )
    twice = sorted({f for f in fields if f in BATCH_COLUMNS and fields.count(f) > 1})
    if twice:
        raise InputError(
            f"{label}, line 1: column(s) named twice: {', '.join(twice)}; keep one of each "
            "(which one holds the data cannot be guessed)"
        )
    reader.fieldnames = fields
    rows = []
    line = 2
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            where, message, fix = csv_error_message(error, start=line, last=reader.line_num)
            raise InputError(f"{label}, line {where}: {message}; {fix}") from None
        start, line = reader.line_num, reader.line_num + 1
        problem = None
        if None in row or None in row.values():
            problem = (
                f"{label}, line {start}: the row has {'more' if None in row else 'fewer'} cells than the header "
                f"({len(fields)}); quote cells that contain the separator and check for missing or extra ones"
            )
        cells = {k: (v or "").strip() for k, v in row.items() if k in BATCH_COLUMNS}
        bad = [k for k, v in cells.items() if re.search("[\udc80-\udcff]", v)]
        cells = {k: v.encode("utf-8", "surrogateescape").decode("utf-8", "replace") for k, v in cells.items()}
        if bad and problem is None:
            problem = (
                f"{label}, line {start}, column {bad[0]!r}: the text is not valid UTF-8 "
                f"({cells[bad[0]]!r}, bytes shown as U+FFFD); save the file as UTF-8"
            )
        rows.append(BatchRow(start, cells, problem))
    return rows
