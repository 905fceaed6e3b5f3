"""Reading a dataset's CSV export: the header checked, rows with their line, cell values."""

from __future__ import annotations

import csv
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from .. import schema
from .._validate import MAX_COUNT, MAX_CSV_FIELD, check_input_file, csv_error_message, csv_field_limit
from ..errors import InputError

__all__ = ["NOT_UTF8", "SPACES", "Line", "clean_note", "open_rows", "whole_count"]

SPACES = re.compile(r"\s+")
# A byte that is not UTF-8, as read with errors="surrogateescape".
NOT_UTF8 = re.compile("[\udc80-\udcff]")


@dataclass(frozen=True, slots=True)
class Line:
    line: int
    cells: dict[str, str]
    shape: str = ""  # what is wrong with the row's number of cells, if anything

    def __getitem__(self, column: str) -> str:
        return self.cells.get(column, "")


def open_rows(path: Path, *, dataset: str, required: tuple[str, ...]) -> tuple[tuple[str, ...], Iterator[Line]]:
    """Open a CSV export: check its header, then yield its rows with their first line.

    Bytes that are not UTF-8 are kept as lone surrogates (``surrogateescape``), so that
    :meth:`Importer.check_text` rejects the row that holds them, naming the bytes,
    while a real U+FFFD in the text is accepted. A row with fewer or more cells than
    the header is yielded with ``shape`` set, to be rejected; a quote never closed, or
    a cell beyond :data:`geo._validate.MAX_CSV_FIELD`, ends the reading with an
    :class:`InputError` naming the line.
    """
    label = str(path)
    check_input_file(path, what=f"{dataset} export (a .csv file)")
    try:
        handle = path.open(encoding="utf-8-sig", errors="surrogateescape", newline="")
    except OSError as error:
        raise InputError(f"cannot read {label}: {error.strerror}") from None
    csv_field_limit()
    first = handle.readline(MAX_CSV_FIELD)
    if not first.strip():
        handle.close()
        raise InputError(f"{label} is empty: an {dataset} export starts with a header line naming its columns")
    delimiter = max(",;\t", key=first.count) if any(d in first for d in ",;\t") else ","
    header = tuple(cell.strip().lower() for cell in next(csv.reader([first], delimiter=delimiter)))
    missing = [column for column in required if column not in header]
    if missing:
        handle.close()
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
        handle.close()
        raise InputError(
            f"{label}, line 1: column(s) named twice: {', '.join(twice)}; "
            "keep one of each (which one holds the data cannot be guessed)"
        )

    def rows() -> Iterator[Line]:
        with handle:
            reader = csv.reader(handle, delimiter=delimiter, strict=True)
            line = 2
            while True:
                try:
                    cells = next(reader)
                except StopIteration:
                    return
                except csv.Error as error:
                    where, message, fix = csv_error_message(error, start=line, last=reader.line_num + 1)
                    raise InputError(f"{label}, line {where}: {message}; {fix}") from None
                start, line = line, reader.line_num + 2
                if not any(cell.strip() for cell in cells):
                    continue
                shape = ""
                if len(cells) != len(header):
                    shape = (
                        f"the row has {len(cells)} cells but the header has {len(header)}"
                        if len(cells) > len(header)
                        else f"the row has {len(cells)} cells but the header has {len(header)}: cells are missing"
                    )
                yield Line(start, {column: cell.strip() for column, cell in zip(header, cells)}, shape)

    return header, rows()


def whole_count(text: str) -> int | None:
    """A whole number from 0 to :data:`geo._validate.MAX_COUNT` (``"3"``, ``"3.0"``), else None."""
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
    return " ".join(SPACES.sub(" ", part).strip() for part in parts if part.strip())
