"""The checks every import makes of a row: its id, its point and its text (bytes that
are not UTF-8, a row of the wrong width), and the problems and warnings they report
(:class:`RowChecks`, part of :class:`geo.imports.job.Importer`)."""

from __future__ import annotations

import math
import re
from pathlib import Path

from .. import schema
from ..seeds import Problem
from .reader import NOT_UTF8, Line
from .report import ImportReport, ReportEntry

__all__ = ["EVENT_ID", "RowChecks"]

# What an event id may hold (letters, digits and hyphens).
EVENT_ID = re.compile(r"^[A-Za-z0-9-]+$")


class RowChecks:
    """The checks of a row shared by both datasets, reported in :attr:`report`."""

    path: Path
    report: ImportReport
    # record id -> the line it was first read on
    seen_ids: dict[str, int]
    # the row being read (set by check_text or row_read): its country, date and inter
    # codes place its actors
    current_row: Line | None

    # problems
    def problem(self, line: int, column: str, value: str, message: str, fix: str = "") -> Problem:
        return Problem(str(self.path), line, column, value, message, fix)

    def reject(self, line: int, problems: list[Problem]) -> None:
        self.report.rejected_lines.append(line)
        self.report.problems.extend(problems)

    def warn(self, message: str, *, line: int = 1, column: str = "", value: str = "") -> None:
        self.report.warnings.append(ReportEntry(schema.WARNING, line, column, value, message))

    # checks shared by both datasets
    def check_id(self, row: Line, column: str, prefix: str, problems: list[Problem]) -> str:
        raw = row[column]
        if not raw:
            problems.append(self.problem(row.line, column, raw, "no event id", "every row needs the dataset's id"))
            return ""
        if not EVENT_ID.match(raw):
            problems.append(
                self.problem(row.line, column, raw, "not an event id", "ids hold only letters, digits and hyphens")
            )
            return ""
        record_id = prefix + raw.lower()
        first = self.seen_ids.get(record_id)
        if first is not None:
            problems.append(
                self.problem(
                    row.line,
                    column,
                    raw,
                    f"duplicate event id (first on line {first})",
                    "keep one of the two rows: an id names one event",
                )
            )
            return ""
        return record_id

    def check_point(self, row: Line, lat_column: str, lon_column: str, problems: list[Problem]) -> bool:
        values = []
        before = len(problems)
        for column, limit in ((lat_column, 90.0), (lon_column, 180.0)):
            raw = row[column]
            try:
                number = float(raw)
            except ValueError:
                number = math.nan
            if not raw:
                problems.append(self.problem(row.line, column, raw, "no coordinate", "give WGS84 decimal degrees"))
            elif not math.isfinite(number) or abs(number) > limit:
                problems.append(
                    self.problem(
                        row.line,
                        column,
                        raw,
                        f"not a {column} in decimal degrees (between -{limit:g} and {limit:g})",
                        "give WGS84 decimal degrees with a point, such as 15.918",
                    )
                )
            values.append(number)
        if len(problems) == before and values == [0.0, 0.0]:
            problems.append(
                self.problem(
                    row.line,
                    f"{lat_column}/{lon_column}",
                    "0,0",
                    "the point 0,0 is a missing coordinate, not a place in the Sahel",
                    "give the event's coordinates",
                )
            )
        return len(problems) == before

    def row_read(self, row: Line) -> None:
        """The row being read: its country, date and inter codes place its actors (see :meth:`actor`)."""
        self.current_row = row

    def check_text(self, row: Line, problems: list[Problem]) -> None:
        self.current_row = row  # the first check of every row: its country, date and inter codes place its actors
        if row.shape:
            shown = ",".join(row.cells.values())
            problems.append(
                self.problem(
                    row.line,
                    "-",
                    shown[:60],
                    row.shape,
                    "quote cells that contain commas and check for missing or extra commas",
                )
            )
        if not NOT_UTF8.search("".join(row.cells.values())):
            return  # no byte that is not UTF-8 (one search for the whole row)
        for column, value in row.cells.items():
            bad = NOT_UTF8.search(value)
            if bad:
                raw = value.encode("utf-8", "surrogateescape")
                shown = raw.decode("utf-8", "replace")[:60]
                problems.append(
                    self.problem(
                        row.line,
                        column,
                        shown,
                        f"byte 0x{ord(bad[0]) - 0xDC00:02x} at character {bad.start() + 1} is not UTF-8",
                        "save the file as UTF-8",
                    )
                )
                return
