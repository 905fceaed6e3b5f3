"""ACLED exports: layouts, column sets, dates, event types, precision, claims (see :mod:`geo.imports`)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from .. import schema
from .._validate import MAX_COUNT
from ..records import Problem
from . import job as shared
from .acled_codes import (
    acled_date,
    acled_event_type,
    acled_inter,
    event_type_key,
    two_digit_year,
)
from .acled_events import ACLED_INTER2, Context, EventRow, Side, event_claims, write_event, write_incident
from .job import Importer, Progress, country_of
from .reader import RECORD, SPACES, Line, open_rows, whole_count
from .report import ImportResult

if TYPE_CHECKING:
    from ..actors import ActorIndex
    from ..gazetteer import Gazetteer

__all__ = ["import_acled"]


def import_acled(
    path: str | Path,
    *,
    gazetteer: Gazetteer,
    actors: ActorIndex,
    progress: Progress | None = None,
) -> ImportResult:
    """Read an ACLED export (any column set, dyadic or actor-based, CSV or the API's JSON) as incidents.

    Parameters
    ----------
    path
        The export: CSV (UTF-8; comma, semicolon or tab separated) or the API's JSON.
    gazetteer
        Resolves ``location`` to a place id (see the package's rules).
    actors
        Resolves actor names to actor ids.
    progress
        Called with the number of rows read, every :data:`geo.imports.job.PROGRESS_EVERY` rows.

    Returns
    -------
    ImportResult
        The incidents, in the order of each event's first row; the claims made from
        territorial sub-events; and the report (``rows_read == rows_written +
        rows_rejected + rows_merged``).

    Raises
    ------
    InputError
        When the file is missing, empty, or not an ACLED export (the message names the
        missing columns and the columns found).

    Examples
    --------
    See the package's example; an actor-based export (no ``actor2`` column) writes an
    event once per actor, and its rows make one incident:

    >>> import tempfile
    >>> from pathlib import Path
    >>> from geo import Gazetteer
    >>> from geo.actors import Actor, ActorIndex
    >>> actors = ActorIndex(
    ...     [
    ...         Actor("fama", "FAMa", "state", "#000000", ("Military Forces of Mali (2021-)",)),
    ...         Actor("civilians", "Civilians", "civilians", "#999999", ("Civilians (Mali)",)),
    ...     ]
    ... )
    >>> export = Path(tempfile.mkdtemp()) / "acled.csv"
    >>> _ = export.write_text(
    ...     "event_id_cnty,event_date,time_precision,event_type,sub_event_type,actor1,inter1,country,"
    ...     "location,latitude,longitude,geo_precision,fatalities\\n"
    ...     "MLI7,2022-03-08,1,Violence against civilians,Attack,Civilians (Mali),7,Mali,"
    ...     "Menaka,15.918,2.402,1,4\\n"
    ...     "MLI7,2022-03-08,1,Violence against civilians,Attack,Military Forces of Mali (2021-),1,Mali,"
    ...     "Menaka,15.918,2.402,1,4\\n",
    ...     encoding="utf-8",
    ... )
    >>> result = import_acled(export, gazetteer=Gazetteer.load(), actors=actors)
    >>> [(row["id"], row["actor1"], row["actor2"], row["fatalities_best"]) for row in result.incidents]
    [('acled-mli7', 'fama', 'civilians', '4')]
    >>> report = result.report
    >>> report.rows_read, report.rows_written, report.rows_rejected, report.rows_merged
    (2, 1, 0, 1)
    >>> report.layout
    'actor-based export: one row per actor, no actor2 column; columns of 2019 to March 2023; CSV'
    """
    path = Path(path)
    header, rows = open_rows(path, dataset="ACLED", required=schema.ACLED_REQUIRED)
    job = Importer(dataset="ACLED", path=path, gazetteer=gazetteer, actors=actors)
    context = Context(
        has_time_precision=schema.ACLED_TIME_PRECISION in header,
        has_geo_precision=schema.ACLED_GEO_PRECISION in header,
        has_year=schema.ACLED_YEAR in header,
        has_actor2=schema.ACLED_ACTOR2 in header,
    )
    if not context.has_time_precision:
        job.warn(
            "the file has no time_precision column: every date is read as its month (ACLED's precision 3), "
            "the least precise reading",
            column=schema.ACLED_TIME_PRECISION,
        )
    if not context.has_geo_precision:
        job.warn(
            "the file has no geo_precision column: every incident gets precision 3 (only the region is known)",
            column=schema.ACLED_GEO_PRECISION,
        )
    events: dict[object, list[EventRow]] = {}
    unit = ""
    for row in rows:
        job.report.rows_read += 1
        unit = row.unit
        if progress is not None and job.report.rows_read % shared.PROGRESS_EVERY == 0:
            progress(job.report.rows_read)
        read = _read_row(job, row, context)
        events.setdefault(read.record_id or ("", read.line), []).append(read)
    for group in events.values():
        if len(group) == 1:
            (only,) = group
            if only.problems:
                job.reject(only.line, only.problems)
            else:
                write_incident(job, context, only, list(only.sides), merged=1)
        else:
            write_event(job, context, group)
    result = job.finish()
    job.report.layout = _layout(header, context, job.report.events_merged, json=unit == RECORD)
    result.claims = event_claims(job, context, result.incidents)
    return result


def _layout(header: tuple[str, ...], context: Context, merged: int, *, json: bool) -> str:
    if not context.has_actor2:
        layout = "actor-based export: one row per actor, no actor2 column"
    elif merged:
        layout = "actor-based export: one row per actor, event ids repeated"
    else:
        layout = "dyadic export: one row per event"
    if any(column in header for column in schema.ACLED_NEW_COLUMNS):
        columns = "columns since March 2023"
    elif schema.ACLED_SUB_EVENT_TYPE in header:
        columns = "columns of 2019 to March 2023"
    else:
        columns = "columns before 2019"
    return f"{layout}; {columns}; {'API JSON' if json else 'CSV'}"


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


def _names(text: str) -> tuple[str, ...]:
    return tuple(name.strip() for name in text.split(schema.ACLED_ACTOR_SEPARATOR) if name.strip())


def _float(text: str) -> float | str:
    try:
        return float(text)
    except ValueError:
        return text


def _read_row(job: Importer, row: Line, context: Context) -> EventRow:
    """Check one row and keep what its incident needs; ``problems`` say why it cannot be used."""
    problems: list[Problem] = []
    line = row.line
    job.check_text(row, problems)
    raw_id = row[schema.ACLED_EVENT_ID]
    record_id = job.check_id(row, schema.ACLED_EVENT_ID, schema.ACLED_ID_PREFIX, problems)
    raw_date = row[schema.ACLED_EVENT_DATE]
    year = row[schema.ACLED_YEAR]
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
    raw_type = row[schema.ACLED_EVENT_TYPE]
    raw_sub = row[schema.ACLED_SUB_EVENT_TYPE]
    event_type, sub_event_type = acled_event_type(
        raw_type, raw_sub, inter1=row[schema.ACLED_INTER1], actor1=row[schema.ACLED_ACTOR1]
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
    if not row[schema.ACLED_ACTOR1]:
        problems.append(job.problem(line, schema.ACLED_ACTOR1, "", "no actor1", "ACLED names the actor of every event"))
    job.check_point(row, schema.ACLED_LATITUDE, schema.ACLED_LONGITUDE, problems)
    raw_fatalities = row[schema.ACLED_FATALITIES]
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
            row[schema.ACLED_ACTOR1],
            _names(row[schema.ACLED_ASSOC_ACTOR_1]),
            acled_inter(row[schema.ACLED_INTER1]),
            line,
            schema.ACLED_ACTOR1,
            schema.ACLED_ASSOC_ACTOR_1,
        )
    ]
    if row[schema.ACLED_ACTOR2]:
        sides.append(
            Side(
                row[schema.ACLED_ACTOR2],
                _names(row[schema.ACLED_ASSOC_ACTOR_2]),
                acled_inter(row[ACLED_INTER2]),
                line,
                schema.ACLED_ACTOR2,
                schema.ACLED_ASSOC_ACTOR_2,
            )
        )
    elif row[schema.ACLED_ASSOC_ACTOR_2]:
        sides[0].assoc += _names(row[schema.ACLED_ASSOC_ACTOR_2])
    read.shared = (
        day,
        time_precision,
        event_type_key(raw_type),
        SPACES.sub(" ", raw_sub.strip().lower()),
        SPACES.sub(" ", row[schema.ACLED_LOCATION].strip()).casefold(),
        _float(row[schema.ACLED_LATITUDE]),
        _float(row[schema.ACLED_LONGITUDE]),
        geo_precision,
        fatalities,
    )
    read.day = day
    read.time_precision, read.geo_precision = time_precision, geo_precision
    read.time_code = row[schema.ACLED_TIME_PRECISION] if context.has_time_precision else ""
    read.geo_code = row[schema.ACLED_GEO_PRECISION] if context.has_geo_precision else ""
    read.event_type, read.sub_event_type, read.raw_sub = event_type, sub_event_type, raw_sub
    read.latitude, read.longitude = row[schema.ACLED_LATITUDE], row[schema.ACLED_LONGITUDE]
    read.location = row[schema.ACLED_LOCATION]
    read.country = country_of(row[schema.ACLED_ISO], row[schema.ACLED_COUNTRY])
    read.admin1, read.admin2 = row[schema.ACLED_ADMIN1], row[schema.ACLED_ADMIN2]
    read.fatalities = fatalities
    read.notes, read.source = row[schema.ACLED_NOTES], row[schema.ACLED_SOURCE]
    read.sides = tuple(sides)
    return read
