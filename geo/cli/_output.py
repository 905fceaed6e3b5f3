"""How the commands write: JSON Lines, CSV for spreadsheets, aligned text tables, and
the tables of ``geo stats``."""

from __future__ import annotations

import csv
import datetime as dt
import json
import sys
from typing import IO, Any, TextIO


def write_json_line(record: dict[str, Any], stream: TextIO | None = None) -> None:
    """One JSON object on a line; on a stream that cannot write every character (an
    ASCII terminal), with ``\\u`` escapes, so that the line stays valid JSON."""
    out = stream or sys.stdout
    ascii_only = not _writes_unicode(out)
    out.write(json.dumps(record, ensure_ascii=ascii_only, separators=(", ", ": ")) + "\n")


def _writes_unicode(stream: TextIO) -> bool:
    """Whether ``stream``'s encoding writes any character."""
    encoding = getattr(stream, "encoding", None) or "utf-8"
    try:
        "é—\u2082".encode(encoding)
    except (UnicodeEncodeError, LookupError):
        return False
    return True


def write_csv(
    rows: list[dict[str, Any]], fieldnames: list[str], stream: IO[str] | None = None, *, raw: bool = False
) -> None:
    """Rows as CSV; text cells a spreadsheet would run as formulas start with ``'`` unless ``raw``."""
    from .._io import spreadsheet_safe

    writer = csv.DictWriter(stream or sys.stdout, fieldnames=fieldnames, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: ("" if v is None else v if raw else spreadsheet_safe(v)) for k, v in row.items()})


def warn(message: str) -> None:
    """``message`` on a line of stderr."""
    print(message, file=sys.stderr)


def print_table(header: list[str], lines: list[list[str]], right: set[int], stream: TextIO | None = None) -> None:
    """Cells already formatted as text, in aligned columns; columns in ``right`` right-aligned."""
    out = stream or sys.stdout
    widths = [max(len(cells[i]) for cells in [header, *lines]) for i in range(len(header))]
    for cells in [header, *lines]:
        parts = [
            cell.rjust(w) if i in right else cell.ljust(w)
            for i, (cell, w) in enumerate(zip(cells, widths, strict=True))
        ]
        out.write("  ".join(parts).rstrip() + "\n")


def write_table(rows: list[dict[str, Any]], fieldnames: list[str], stream: TextIO | None = None) -> None:
    """Rows as an aligned plain-text table: numbers right-aligned with thousands separators."""

    def cell(value: Any) -> str:
        if value is None:
            return ""
        if isinstance(value, float):
            return f"{value:,.1f}"
        if isinstance(value, int) and not isinstance(value, bool):
            return f"{value:,}"
        return str(value)

    lines = [[cell(row.get(name)) for name in fieldnames] for row in rows]
    right = {
        i for i, name in enumerate(fieldnames) if rows and all(isinstance(row.get(name), int | float) for row in rows)
    }
    print_table(list(fieldnames), lines, right, stream)


# --- geo stats ------------------------------------------------------------------------


def range_text(start: dt.date | None, end: dt.date | None) -> str:
    """``between 2022-01-01 and 2022-12-31``, ``on or after ...``, or ``in the records``.

    Examples
    --------
    >>> range_text(dt.date(2030, 1, 1), None)
    'on or after 2030-01-01'
    """
    if start and end:
        return f"between {start} and {end}"
    if start:
        return f"on or after {start}"
    if end:
        return f"on or before {end}"
    return "in the records"


def _number(value: Any, digits: int = 0) -> str:
    """``1,234`` (or ``-`` for no value)."""
    if value is None:
        return "-"
    return f"{value:,.{digits}f}"


def print_stats_rows(rows: list[dict[str, Any]], *, spatial: bool = True) -> None:
    """The rows of ``geo stats`` as a text table (areas and densities for places only)."""
    from .. import schema

    header = ["period", "unit", "name", "incidents", "low", "best", "high", "no best", "km²", "per 10k km²"]
    if not spatial:
        header = header[:8]
    lines = [
        [
            row[schema.PERIOD],
            row[schema.UNIT_ID],
            row[schema.NAME],
            _number(row[schema.INCIDENTS]),
            _number(row[schema.FATALITIES_LOW]),
            _number(row[schema.FATALITIES_BEST]),
            _number(row[schema.FATALITIES_HIGH]),
            _number(row[schema.FATALITIES_BEST_MISSING]),
            *([_number(row[schema.AREA_KM2]), _number(row[schema.INCIDENT_DENSITY], 2)] if spatial else []),
        ]
        for row in rows
    ]
    print_table(header, lines, right=set(range(3, len(header))))


def print_unplaced(rows: list[dict[str, Any]]) -> None:
    """The incidents ``geo stats`` did not place, with their reasons, as a text table."""
    from .. import schema

    header = ["id", "date", "period", "reason", "detail"]
    lines = [
        [row[schema.ID], row[schema.DATE], row[schema.PERIOD] or "-", row[schema.REASON], row[schema.DETAIL]]
        for row in rows
    ]
    print_table(header, lines, right=set())
