"""The rows of an ACLED export, one at a time (the row path): each checked, its problems
named by line, column and value, and what its event's incident needs kept in an
:class:`geo.imports.acled_events.EventRow` (:func:`read_row`); :func:`read_row_fast`
reads a row without any problem in fewer steps."""

from __future__ import annotations

import re
from functools import lru_cache
from operator import itemgetter

from .. import schema
from .._input import MAX_COUNT
from ..seeds import Problem
from .acled_codes import (
    PRECISIONS,
    acled_date,
    acled_event_type,
    acled_inter,
    actor_names,
    event_type_key,
    two_digit_year,
)
from .acled_events import ACLED_INTER2, READ_COLUMNS, Context, EventRow, Side
from .job import EVENT_ID, Importer, country_of
from .reader import NOT_UTF8, SPACES, Line, whole_count

__all__ = ["read_row", "read_row_fast"]

_GET_CELLS = itemgetter(*READ_COLUMNS)


def _precision(job: Importer, row: Line, column: str, present: bool, problems: list[Problem]) -> int:
    if not present:
        return 3
    raw = row[column]
    if raw in ("1", "2", "3"):
        return int(raw)
    problems.append(
        job.problem(
            row.line,
            column,
            raw,
            "no precision code" if not raw else "not a precision code",
            "ACLED's precision codes are 1, 2 and 3",
        )
    )
    return 0


@lru_cache(maxsize=65536)
def _squeezed(text: str, fold: bool) -> str:
    """``text`` stripped, its spaces squeezed, lower-cased (case-folded with ``fold``): how the
    rows of one event are compared (cached: locations and sub-event types repeat)."""
    squeezed = SPACES.sub(" ", text.strip().lower() if not fold else text.strip())
    return squeezed.casefold() if fold else squeezed


def _float(text: str) -> float | str:
    try:
        return float(text)
    except ValueError:
        return text


def read_row_fast(job: Importer, row: Line, context: Context) -> EventRow | None:
    """:func:`read_row` for a row without any problem, in fewer steps; ``None`` when the
    row has a problem (or might have one): :func:`read_row` then reads it and says why."""
    cells = row.cells
    if row.shape or NOT_UTF8.search("".join(cells.values())):
        return None
    try:
        values = _GET_CELLS(cells)
    except KeyError:
        values = tuple(cells.get(column, "") for column in READ_COLUMNS)
    (
        raw_id,
        raw_date,
        year,
        time_code,
        geo_code,
        raw_type,
        raw_sub,
        actor1,
        assoc1,
        inter1,
        actor2,
        assoc2,
        inter2,
        latitude,
        longitude,
        raw_fatalities,
        location,
        iso,
        country,
        admin1,
        admin2,
        notes,
        source,
    ) = values
    if not raw_id or not EVENT_ID.match(raw_id):
        return None
    record_id = schema.ACLED_ID_PREFIX + raw_id.lower()
    if record_id in job.seen_ids:
        return None
    day = acled_date(raw_date, year)
    if day is None:
        return None
    if context.has_time_precision:
        time_precision = PRECISIONS.get(time_code, 0)
        if not time_precision:
            return None
    else:
        time_precision, time_code = 3, ""
    if context.has_geo_precision:
        geo_precision = PRECISIONS.get(geo_code, 0)
        if not geo_precision:
            return None
    else:
        geo_precision, geo_code = 3, ""
    event_type, sub_event_type = acled_event_type(raw_type, raw_sub, inter1=inter1, actor1=actor1)
    if not event_type or not actor1 or not latitude or not longitude:
        return None
    try:
        lat, lon = float(latitude), float(longitude)
    except ValueError:
        return None
    if not (abs(lat) <= 90.0 and abs(lon) <= 180.0) or (lat == 0.0 and lon == 0.0):  # also NaN
        return None
    fatalities = whole_count(raw_fatalities) if raw_fatalities else None
    if raw_fatalities and fatalities is None:
        return None
    job.row_read(row)
    line = row.line
    sides = [
        Side(actor1, actor_names(assoc1), acled_inter(inter1), line, schema.ACLED_ACTOR1, schema.ACLED_ASSOC_ACTOR_1)
    ]
    if actor2:
        sides.append(
            Side(
                actor2, actor_names(assoc2), acled_inter(inter2), line, schema.ACLED_ACTOR2, schema.ACLED_ASSOC_ACTOR_2
            )
        )
    elif assoc2:
        sides[0].assoc += actor_names(assoc2)
    shared = (
        day,
        time_precision,
        event_type_key(raw_type),
        _squeezed(raw_sub, False),
        _squeezed(location, True),
        lat,
        lon,
        geo_precision,
        fatalities,
    )
    return EventRow(
        line,
        row.where,
        raw_id,
        record_id,
        [],
        shared,
        day,
        time_precision,
        geo_precision,
        time_code,
        geo_code,
        event_type,
        sub_event_type,
        raw_sub,
        latitude,
        longitude,
        location,
        country_of(iso, country),
        admin1,
        admin2,
        fatalities,
        notes,
        source,
        tuple(sides),
    )


def read_row(job: Importer, row: Line, context: Context) -> EventRow:
    """Check one row and keep what its incident needs; ``problems`` say why it cannot be used."""
    problems: list[Problem] = []
    line = row.line
    cells = row.cells
    job.check_text(row, problems)
    raw_id = cells.get(schema.ACLED_EVENT_ID, "")
    record_id = job.check_id(row, schema.ACLED_EVENT_ID, schema.ACLED_ID_PREFIX, problems)
    raw_date = cells.get(schema.ACLED_EVENT_DATE, "")
    year = cells.get(schema.ACLED_YEAR, "")
    day = acled_date(raw_date, year)
    if day is None:
        if not raw_date:
            message, fix = "no date", "write the day as 2022-03-08 or 08 March 2022"
        elif two_digit_year(raw_date) and not context.has_year:
            message = "a two-digit year (as a spreadsheet re-saves dates) and no year column to settle the century"
            fix = "export the file from ACLED again (do not re-save it in a spreadsheet), or write 2022-03-08"
        elif two_digit_year(raw_date) and acled_date(raw_date, "20" + raw_date.strip()[-2:]) is not None:
            message = f"a two-digit year that the year column ({year or 'empty'}) does not settle"
            fix = "the year column must end in the date's two digits; or write the date as 2022-03-08"
        else:
            message = "not a date"
            fix = "write the day as 2022-03-08 or 08 March 2022 (ACLED writes numbers day first: 08-03-2022)"
            numbers = re.match(r"^(\d{1,2})[-/.](\d{1,2})[-/.]\d{2,4}$", raw_date.strip())
            if numbers and int(numbers[2]) > 12 >= int(numbers[1]):
                message = "not a date when read day first, as ACLED writes it (month first, from a spreadsheet?)"
                fix = "export the file from ACLED again, or write the date as 2022-03-25"
        problems.append(job.problem(line, schema.ACLED_EVENT_DATE, raw_date, message, fix))
    time_precision = _precision(job, row, schema.ACLED_TIME_PRECISION, context.has_time_precision, problems)
    geo_precision = _precision(job, row, schema.ACLED_GEO_PRECISION, context.has_geo_precision, problems)
    raw_type = cells.get(schema.ACLED_EVENT_TYPE, "")
    raw_sub = cells.get(schema.ACLED_SUB_EVENT_TYPE, "")
    event_type, sub_event_type = acled_event_type(
        raw_type, raw_sub, inter1=cells.get(schema.ACLED_INTER1, ""), actor1=cells.get(schema.ACLED_ACTOR1, "")
    )
    if not event_type:
        problems.append(
            job.problem(
                line,
                schema.ACLED_EVENT_TYPE,
                raw_type,
                "no event type" if not raw_type else "not an ACLED event type",
                f"use one of {', '.join(schema.EVENT_TYPES)} (or a type used before 2019)",
            )
        )
    if not cells.get(schema.ACLED_ACTOR1, ""):
        problems.append(job.problem(line, schema.ACLED_ACTOR1, "", "no actor1", "ACLED names the actor of every event"))
    job.check_point(row, schema.ACLED_LATITUDE, schema.ACLED_LONGITUDE, problems)
    raw_fatalities = cells.get(schema.ACLED_FATALITIES, "")
    fatalities = whole_count(raw_fatalities) if raw_fatalities else None
    if raw_fatalities and fatalities is None:
        problems.append(
            job.problem(
                line,
                schema.ACLED_FATALITIES,
                raw_fatalities,
                "not a number of fatalities",
                f"give a whole number from 0 to {MAX_COUNT:,}",
            )
        )
    read = EventRow(line, row.where, raw_id, record_id, problems)
    if problems:
        return read
    sides = [
        Side(
            cells.get(schema.ACLED_ACTOR1, ""),
            actor_names(cells.get(schema.ACLED_ASSOC_ACTOR_1, "")),
            acled_inter(cells.get(schema.ACLED_INTER1, "")),
            line,
            schema.ACLED_ACTOR1,
            schema.ACLED_ASSOC_ACTOR_1,
        )
    ]
    if cells.get(schema.ACLED_ACTOR2, ""):
        sides.append(
            Side(
                cells.get(schema.ACLED_ACTOR2, ""),
                actor_names(cells.get(schema.ACLED_ASSOC_ACTOR_2, "")),
                acled_inter(cells.get(ACLED_INTER2, "")),
                line,
                schema.ACLED_ACTOR2,
                schema.ACLED_ASSOC_ACTOR_2,
            )
        )
    elif cells.get(schema.ACLED_ASSOC_ACTOR_2, ""):
        sides[0].assoc += actor_names(cells.get(schema.ACLED_ASSOC_ACTOR_2, ""))
    location = cells.get(schema.ACLED_LOCATION, "")
    read.shared = (
        day,
        time_precision,
        event_type_key(raw_type),
        _squeezed(raw_sub, False),
        _squeezed(location, True),
        _float(cells.get(schema.ACLED_LATITUDE, "")),
        _float(cells.get(schema.ACLED_LONGITUDE, "")),
        geo_precision,
        fatalities,
    )
    read.day = day
    read.time_precision, read.geo_precision = time_precision, geo_precision
    read.time_code = cells.get(schema.ACLED_TIME_PRECISION, "") if context.has_time_precision else ""
    read.geo_code = cells.get(schema.ACLED_GEO_PRECISION, "") if context.has_geo_precision else ""
    read.event_type, read.sub_event_type, read.raw_sub = event_type, sub_event_type, raw_sub
    read.latitude, read.longitude = cells.get(schema.ACLED_LATITUDE, ""), cells.get(schema.ACLED_LONGITUDE, "")
    read.location = location
    read.country = country_of(cells.get(schema.ACLED_ISO, ""), cells.get(schema.ACLED_COUNTRY, ""))
    read.admin1, read.admin2 = cells.get(schema.ACLED_ADMIN1, ""), cells.get(schema.ACLED_ADMIN2, "")
    read.fatalities = fatalities
    read.notes, read.source = cells.get(schema.ACLED_NOTES, ""), cells.get(schema.ACLED_SOURCE, "")
    read.sides = tuple(sides)
    return read
