"""Reading a dataset's export: the header checked, rows with their line, cell values.

An export is CSV (comma, semicolon or tab separated) or JSON: a list of records, or
an API answer that holds them under ``data`` (``{"status": 200, "success": true,
"count": 2, "data": [{...}, {...}]}``, as ACLED's API writes it). A file is read as
JSON when its name ends in ``.json`` or its text starts with ``{`` or ``[``. A JSON
record's "line" is its number (1 for the first record), and :attr:`Line.where` says
``record 1``; its keys are the columns (in any case) and its values the cells (numbers
written as text, ``null`` as an empty cell).
"""

from __future__ import annotations

import contextlib
import csv
import json
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .. import schema
from .._input import MAX_COUNT, MAX_CSV_FIELD, check_input_file, csv_field_limit, numbered_rows
from ..errors import InputError

__all__ = [
    "NOT_UTF8",
    "SPACES",
    "Line",
    "clean_note",
    "close_rows",
    "open_rows",
    "whole_count",
]

# What a :class:`Line` counts: the line of a CSV file, the record of a JSON one.
LINE = "line"
RECORD = "record"

SPACES = re.compile(r"\s+")
# A byte that is not UTF-8, as read with errors="surrogateescape".
NOT_UTF8 = re.compile("[\udc80-\udcff]")


@dataclass(slots=True)  # not frozen: made once per row read, and a frozen one costs 4 times as much to make
class Line:
    line: int
    cells: dict[str, str]
    shape: str = ""  # what is wrong with the row's number of cells, if anything
    unit: str = LINE  # "line" (CSV: the row's first line) or "record" (JSON: the record's number)

    def __getitem__(self, column: str) -> str:
        return self.cells.get(column, "")

    @property
    def where(self) -> str:
        """``line 12`` or, in a JSON export, ``record 12``."""
        return f"{self.unit} {self.line}"


def open_rows(path: Path, *, dataset: str, required: tuple[str, ...]) -> tuple[tuple[str, ...], Iterator[Line]]:
    """Open a CSV or JSON export: check its header, then yield its rows with their first line.

    A JSON export (see the module) yields one :class:`Line` per record, numbered from 1,
    with ``unit`` ``"record"``; a record that is not an object is yielded with ``shape``
    set. Its header is every key of its records, lower-cased; an answer without records
    has no rows (and its header is ``required``).

    Bytes that are not UTF-8 are kept as lone surrogates (``surrogateescape``), so that
    :meth:`Importer.check_text` rejects the row that holds them, naming the bytes,
    while a real U+FFFD in the text is accepted. A row with fewer or more cells than
    the header is yielded with ``shape`` set, to be rejected; a quote never closed, or
    a cell beyond :data:`geo._input.MAX_CSV_FIELD`, ends the reading with an
    :class:`InputError` naming the line.
    """
    label = str(path)
    check_input_file(path, what=f"{dataset} export (a .csv or .json file)")
    try:
        handle = path.open(encoding="utf-8-sig", errors="surrogateescape", newline="")
    except OSError as error:
        raise InputError(f"cannot read {label}: {error.strerror}") from None
    csv_field_limit()
    first = handle.readline(MAX_CSV_FIELD)
    if path.suffix.lower() == ".json" or first.lstrip()[:1] in ("{", "["):
        with handle:
            text = first + handle.read()
        if not text.strip():
            raise InputError(f"{label} is empty: a JSON {dataset} export holds a list of records")
        header, records = _json_records(text, label=label, dataset=dataset, required=required)
        _check_header(header, label=label, dataset=dataset, required=required)
        return header, records
    if not first.strip():
        handle.close()
        raise InputError(f"{label} is empty: an {dataset} export starts with a header line naming its columns")
    delimiter = max(",;\t", key=first.count) if any(d in first for d in ",;\t") else ","
    header = tuple(cell.strip().lower() for cell in next(csv.reader([first], delimiter=delimiter)))
    try:
        _check_header(header, label=label, dataset=dataset, required=required)
    except InputError:
        handle.close()
        raise

    def rows() -> Iterator[Line]:
        with handle:
            for start, cells in numbered_rows(csv.reader(handle, delimiter=delimiter, strict=True), label):
                if not any(cell.strip() for cell in cells):
                    continue
                if len(cells) > len(header) and not any(cell.strip() for cell in cells[len(header) :]):
                    cells = cells[: len(header)]  # empty cells after the last column: trailing commas
                shape = ""
                if len(cells) != len(header):
                    shape = (
                        f"the row has {len(cells)} cells but the header has {len(header)}"
                        if len(cells) > len(header)
                        else f"the row has {len(cells)} cells but the header has {len(header)}: cells are missing"
                    )
                yield Line(start, dict(zip(header, map(str.strip, cells))), shape)

    return header, rows()


@lru_cache(maxsize=4096)
def whole_count(text: str) -> int | None:
    """A whole number from 0 to :data:`geo._input.MAX_COUNT` (``"3"``, ``"3.0"``), else None."""
    if len(text) > 40:
        return None
    try:
        number = float(text)
    except ValueError:
        return None
    if not math.isfinite(number) or number < 0 or number != int(number) or number > MAX_COUNT:
        return None
    return int(number)


def clean_note(*parts: str) -> str:
    """The parts that hold text, each with its runs of white space made one space, joined by a space.

    Examples
    --------
    >>> clean_note("Two  killed,\\n near Gao. ", "", "  ", "(source: RFI)")
    'Two killed, near Gao. (source: RFI)'
    """
    # str.split() splits on the characters \s matches (str.isspace), and drops empty parts
    return " ".join(" ".join(parts).split())


def _check_header(header: tuple[str, ...], *, label: str, dataset: str, required: tuple[str, ...]) -> None:
    """Raise :class:`InputError` when a required column is missing or a column is named twice."""
    missing = [column for column in required if column not in header]
    if missing:
        shown = ", ".join(header[:40]) + (f", ... ({len(header)} columns)" if len(header) > 40 else "")
        hint = ""
        if dataset == "ACLED" and schema.UCDP_SIDE_A in header:
            hint = "; this looks like a UCDP GED export: use 'geo import ucdp'"
        elif dataset == "UCDP GED" and schema.ACLED_EVENT_ID in header:
            hint = "; this looks like an ACLED export: use 'geo import acled'"
        raise InputError(
            f"{label} is not an {dataset} export: required column(s) missing: {', '.join(missing)} "
            f"(found: {shown or 'nothing'}){hint}"
        )
    twice = sorted({column for column in header if column and header.count(column) > 1})
    if twice:
        raise InputError(
            f"{label}, line 1: column(s) named twice: {', '.join(twice)}; "
            "keep one of each (which one holds the data cannot be guessed)"
        )


def _json_cell(value: object) -> str:
    """A JSON value as the text a CSV export would hold: ``null`` empty, numbers as written."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, int | float):
        return str(value)
    return json.dumps(value, ensure_ascii=False)


def _json_records(
    text: str, *, label: str, dataset: str, required: tuple[str, ...]
) -> tuple[tuple[str, ...], Iterator[Line]]:
    """The header (every key, in the order first seen, lower-cased) and the records of a JSON export."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise InputError(
            f"{label}, line {error.lineno}: not valid JSON ({error.msg}, column {error.colno}); "
            f"export the {dataset} data again, or as CSV"
        ) from None
    except RecursionError:
        raise InputError(f"{label}: JSON nested too deeply; export the {dataset} data again, or as CSV") from None
    if isinstance(data, dict):
        if data.get("success") is False or "error" in data:
            said = data.get("error") or data.get("message") or data.get("status")
            raise InputError(f"{label}: the API answered with an error ({said!r}), not {dataset} records")
        # ACLED's API answers {"data": [...]}, UCDP's {"TotalCount": .., "Result": [...]}.
        key = next((k for k in ("data", "Result") if k in data), None)
        if key is None:
            keys = ", ".join(map(str, list(data)[:20]))
            raise InputError(
                f"{label} is not an {dataset} export: a JSON object without 'data' or 'Result' "
                f"(keys: {keys or 'none'}); give the API's answer, or a list of records"
            )
        data = data[key]
    if not isinstance(data, list):
        raise InputError(f"{label} is not an {dataset} export: its JSON records are not a list")
    if not data:
        # No records (a query that found nothing): nothing to check the columns against.
        return tuple(required), iter(())
    columns: dict[str, None] = {}
    for record in data:
        if isinstance(record, dict):
            columns.update(dict.fromkeys(str(key).strip().lower() for key in record))
    header = tuple(columns)

    def records() -> Iterator[Line]:
        for number, record in enumerate(data, start=1):
            if not isinstance(record, dict):
                shown = json.dumps(record, ensure_ascii=False)[:60]
                yield Line(number, {"-": shown}, f"record {number} is not an object of named fields", RECORD)
                continue
            cells = {str(key).strip().lower(): _json_cell(value) for key, value in record.items()}
            yield Line(number, cells, "", RECORD)

    return header, records()


def close_rows(rows: Iterator[Line]) -> None:
    """Close the rows of a file refused after its header (the file closes with them)."""
    with contextlib.suppress(InputError):
        next(rows, None)
    close = getattr(rows, "close", None)
    if close is not None:
        close()
