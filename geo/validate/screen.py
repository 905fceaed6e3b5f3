"""The column screen: the incidents that may have a problem, each distinct value of a column checked once."""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable

from .. import schema
from .._input import MAX_COUNT
from ..dates import DateInterval, parse_date
from ..errors import InputError
from ..seeds import Row, Table, split_cell
from .cells import CellChecker


def within(text: str, limit: float) -> bool:
    """Whether ``text`` is a number from ``-limit`` to ``limit`` (a coordinate that
    :meth:`CellChecker.coordinates` accepts)."""
    try:
        value = float(text)
    except ValueError:
        return False
    return -limit <= value <= limit


def count(text: str) -> int | None:
    """The count written in ``text`` when :meth:`CellChecker.integer` accepts it, else ``None``.

    Examples
    --------
    >>> count("12"), count("-3"), count("dozens"), count("99999999")
    (12, None, None, None)
    """
    if not (text.isascii() and text.isdigit()) or len(text) > len(str(MAX_COUNT)) or int(text) > MAX_COUNT:
        return None
    return int(text)


class IncidentScreen(CellChecker):
    """The checks of a seeds folder, with the column screen of the incidents."""

    def _incidents_to_check(self, table: Table, precisions: tuple[str, ...]) -> list[Row]:
        """The incidents that may have a problem, in the file's order: every other row is
        clean, found so column by column (each distinct value of a column checked once, as
        :meth:`check_incident` checks it; event datasets repeat a few thousand dates,
        places, actors and numbers over hundreds of thousands of rows)."""
        import numpy as np

        size = len(table)
        if not size:
            return []
        cells = table.cells(schema.INCIDENT_COLUMNS)
        suspect = np.zeros(size, dtype=bool)

        def flag(column: str, ok: Callable[[str], bool]) -> None:
            bad = {value for value in set(cells[column]) if not ok(value)}
            if bad:
                suspect[[value in bad for value in cells[column]]] = True

        def flag_rows(marks: Iterable[bool]) -> None:
            suspect[np.fromiter(marks, dtype=bool, count=size)] = True

        for column in schema.INCIDENT_REQUIRED:
            if column in table.columns and "" in cells[column]:
                flag(column, bool)
        spans: dict[str, DateInterval | None] = {}
        bad_dates = set()
        for value in dict.fromkeys(cells[schema.DATE]):
            try:
                spans[value] = parse_date(value) if value else None
            except InputError:
                spans[value] = None
                bad_dates.add(value)
        flag(schema.DATE, lambda v: v not in bad_dates)
        lats, lons, places = cells[schema.LATITUDE], cells[schema.LONGITUDE], cells[schema.PLACE]
        flag(schema.LATITUDE, lambda v: not v or within(v, 90.0))
        flag(schema.LONGITUDE, lambda v: not v or within(v, 180.0))
        if "" in lats or "" in lons:  # one coordinate without the other, or none and no place
            flag_rows((not a) != (not b) or (not a and not p) for a, b, p in zip(lats, lons, places, strict=True))
        flag(schema.PLACE, lambda v: not v or v in self.gazetteer)
        flag(schema.PRECISION, lambda v: not v or v in precisions)
        for column in (schema.GEO_PRECISION_CODE, schema.TIME_PRECISION_CODE):
            flag(column, lambda v: not v or v in schema.PRECISION_CODES)
        flag(schema.EVENT_TYPE, lambda v: not v or v in schema.EVENT_TYPES)
        event_types, sub_types = cells[schema.EVENT_TYPE], cells[schema.SUB_EVENT_TYPE]
        bad_pairs = {
            (kind, sub)
            for kind, sub in set(zip(event_types, sub_types, strict=True))
            if sub and kind in schema.EVENT_TYPES and sub not in schema.EVENT_TYPES[kind]
        }
        if bad_pairs:
            flag_rows(pair in bad_pairs for pair in zip(event_types, sub_types, strict=True))
        for column in (schema.ACTOR1, schema.ACTOR2):
            flag(column, lambda v: not v or v in self.actors)
        flag(schema.ASSOC_ACTORS, lambda v: all(a in self.actors for a in split_cell(v)))
        numbers: dict[str, float] = {}
        for column in (*schema.FATALITY_COLUMNS, schema.DISPLACED):
            flag(column, lambda v: not v or count(v) is not None)
        figures = []
        for column in schema.FATALITY_COLUMNS:
            for value in set(cells[column]):
                if value not in numbers:
                    number = count(value) if value else None
                    numbers[value] = math.nan if number is None else float(number)
            figures.append(np.fromiter(map(numbers.__getitem__, cells[column]), dtype=float, count=size))
        low, best, high = figures
        with np.errstate(invalid="ignore"):
            suspect |= (low > best) | (best > high) | (low > high)
        sources_required = schema.SOURCES in table.columns

        def cited(value: str) -> bool:
            values = split_cell(value)
            return (bool(values) or not sources_required) and all(s in self.source_ids for s in values)

        flag(schema.SOURCES, cited)
        if self.source_dates:  # starting after every source was published
            late = {
                (date, cited)
                for date, cited in set(zip(cells[schema.DATE], cells[schema.SOURCES], strict=True))
                if self.after_sources(spans.get(date), split_cell(cited)) is not None
            }
            if late:
                flag_rows(pair in late for pair in zip(cells[schema.DATE], cells[schema.SOURCES], strict=True))
        return [table.row(i) for i in np.flatnonzero(suspect).tolist()]  # (a row made for these alone)
