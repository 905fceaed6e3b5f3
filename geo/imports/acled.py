"""ACLED exports: column sets, dates, event types, precision (see :mod:`geo.imports`)."""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from .. import schema
from .._validate import MAX_COUNT
from ..records import Problem
from . import job as shared
from .job import Importer, Progress, country_of, incident_row
from .reader import SPACES, Line, clean_note, open_rows, whole_count
from .report import ImportResult

if TYPE_CHECKING:
    from ..actors import ActorIndex
    from ..gazetteer import Gazetteer

__all__ = ["OLD_EVENT_TYPES", "acled_date", "acled_edtf", "acled_event_type", "import_acled"]

# ACLED's event types before the 2019 revision -> (event type, sub-event type or "").
_BATTLES, _VAC, _EXPLOSIONS = "Battles", "Violence against civilians", "Explosions/Remote violence"
_RIOTS, _PROTESTS, _STRATEGIC = "Riots", "Protests", "Strategic developments"
OLD_EVENT_TYPES: dict[str, tuple[str, str]] = {
    "battle-no change of territory": (_BATTLES, "Armed clash"),
    "battle-government regains territory": (_BATTLES, "Government regains territory"),
    "battle-non-state actor overtakes territory": (_BATTLES, "Non-state actor overtakes territory"),
    "remote violence": (_EXPLOSIONS, ""),
    "riots/protests": (_PROTESTS, ""),  # Riots when the actor is rioters, see acled_event_type
    "strategic development": (_STRATEGIC, ""),
    "non-violent transfer of territory": (_STRATEGIC, "Non-violent transfer of territory"),
    "headquarters or base established": (_STRATEGIC, "Headquarters or base established"),
}
_RIOTERS_INTER_CODE = "5"
# Spellings of sub-event types that ACLED has used besides the codebook's.
_SUB_EVENT_SPELLINGS = {"excessive force against protestors": "excessive force against protesters"}

_EVENT_TYPES_BY_KEY = {event_type.lower(): event_type for event_type in schema.EVENT_TYPES}
_SUB_EVENT_TYPES_BY_KEY = {
    event_type: {sub.lower(): sub for sub in subs} for event_type, subs in schema.EVENT_TYPES.items()
}

_MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
_MONTHS.update({name.lower(): number for number, name in enumerate(calendar.month_abbr) if name})
_MONTHS["sept"] = 9
_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T][\d:.]*)?$")
_DAY_MONTH_NAME_YEAR = re.compile(r"^(\d{1,2})[ -]([A-Za-z]+)\.?[ -](\d{4})$")
_DAY_MONTH_YEAR = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$")


@lru_cache(maxsize=8192)
def acled_date(text: str) -> date | None:
    """Read an ACLED ``event_date``; ``None`` when it is not a date.

    ACLED has written ``2022-03-08``, ``08 March 2022``, ``8-Mar-2022`` and, per its
    codebook, ``08-03-2022`` (day first).

    Examples
    --------
    >>> acled_date("08 March 2022"), acled_date("2022-03-08"), acled_date("08-03-2022")
    (datetime.date(2022, 3, 8), datetime.date(2022, 3, 8), datetime.date(2022, 3, 8))
    >>> acled_date("31 February 2022") is None, acled_date("March 2022") is None
    (True, True)
    """
    value = text.strip()
    year = month = day = 0
    if match := _ISO_DATE.match(value):
        year, month, day = (int(g) for g in match.groups())
    elif match := _DAY_MONTH_NAME_YEAR.match(value):
        month = _MONTHS.get(match[2].lower(), 0)
        day, year = int(match[1]), int(match[3])
    elif match := _DAY_MONTH_YEAR.match(value):
        day, month, year = (int(g) for g in match.groups())
    else:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


def acled_edtf(day: date, time_precision: int) -> str:
    """The EDTF date of an ACLED event coded on ``day`` with ``time_precision``.

    Examples
    --------
    >>> [acled_edtf(date(2022, 3, 8), p) for p in (1, 2, 3)]
    ['2022-03-08', '2022-03-05/2022-03-11', '2022-03']
    """
    if time_precision == 1:
        return day.isoformat()
    if time_precision == 2:
        return f"{(day - timedelta(days=3)).isoformat()}/{(day + timedelta(days=3)).isoformat()}"
    return f"{day.year:04d}-{day.month:02d}"


def _type_key(text: str) -> str:
    return re.sub(r"\s*-\s*", "-", SPACES.sub(" ", text.strip().lower()))


def acled_event_type(
    event_type: str, sub_event_type: str = "", *, inter1: str = "", actor1: str = ""
) -> tuple[str, str]:
    """The current ACLED event type and sub-event type of a row, old or new.

    Returns ``("", "")`` for an unknown event type, and an empty sub-type for one the
    event type does not have.

    Examples
    --------
    >>> acled_event_type("Battle-No change of territory")
    ('Battles', 'Armed clash')
    >>> acled_event_type("Riots/Protests", inter1="5")
    ('Riots', '')
    >>> acled_event_type("Strategic Developments", "Looting/property destruction")
    ('Strategic developments', 'Looting/property destruction')
    """
    key = _type_key(event_type)
    current = _EVENT_TYPES_BY_KEY.get(key)
    if current is None:
        if key not in OLD_EVENT_TYPES:
            return "", ""
        current, sub = OLD_EVENT_TYPES[key]
        if key == "riots/protests" and (
            inter1.strip() == _RIOTERS_INTER_CODE or actor1.strip().lower().startswith("rioters")
        ):
            current = _RIOTS
        if sub or not sub_event_type:
            return current, sub
    sub_key = SPACES.sub(" ", sub_event_type.strip().lower())
    sub_key = _SUB_EVENT_SPELLINGS.get(sub_key, sub_key)
    return current, _SUB_EVENT_TYPES_BY_KEY[current].get(sub_key, "")


def import_acled(
    path: str | Path,
    *,
    gazetteer: Gazetteer,
    actors: ActorIndex,
    progress: Progress | None = None,
) -> ImportResult:
    """Read an ACLED export (old or new column set) as incidents.

    Parameters
    ----------
    path
        The CSV export (UTF-8; comma, semicolon or tab separated).
    gazetteer
        Resolves ``location`` to a place id (see the module's rules).
    actors
        Resolves actor names to actor ids.
    progress
        Called with the number of rows read, every :data:`geo.imports.job.PROGRESS_EVERY` rows.

    Returns
    -------
    ImportResult
        The incidents, in the file's order, and the report.

    Raises
    ------
    InputError
        When the file is missing, empty, or not an ACLED export (the message names the
        missing columns and the columns found).

    Examples
    --------
    See the module's example.
    """
    path = Path(path)
    header, rows = open_rows(path, dataset="ACLED", required=schema.ACLED_REQUIRED)
    job = Importer(dataset="ACLED", path=path, gazetteer=gazetteer, actors=actors)
    has_time_precision = schema.ACLED_TIME_PRECISION in header
    has_geo_precision = schema.ACLED_GEO_PRECISION in header
    if not has_time_precision:
        job.warn(
            "the file has no time_precision column: every date is read as its month (ACLED's precision 3), "
            "the least precise reading",
            column=schema.ACLED_TIME_PRECISION,
        )
    if not has_geo_precision:
        job.warn(
            "the file has no geo_precision column: every incident gets precision 3 (only the region is known)",
            column=schema.ACLED_GEO_PRECISION,
        )
    for row in rows:
        job.report.rows_read += 1
        if progress is not None and job.report.rows_read % shared.PROGRESS_EVERY == 0:
            progress(job.report.rows_read)
        _acled_row(job, row, has_time_precision=has_time_precision, has_geo_precision=has_geo_precision)
    return job.finish()


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


def _acled_row(job: Importer, row: Line, *, has_time_precision: bool, has_geo_precision: bool) -> None:
    problems: list[Problem] = []
    line = row.line
    job.check_text(row, problems)
    record_id = job.check_id(row, schema.ACLED_EVENT_ID, schema.ACLED_ID_PREFIX, problems)
    raw_date = row[schema.ACLED_EVENT_DATE]
    day = acled_date(raw_date)
    if day is None:
        problems.append(
            job.problem(
                line,
                schema.ACLED_EVENT_DATE,
                raw_date,
                "no date" if not raw_date else "not a date",
                "write the day as 2022-03-08 or 08 March 2022",
            )
        )
    time_precision = _precision(job, row, schema.ACLED_TIME_PRECISION, has_time_precision, problems)
    geo_precision = _precision(job, row, schema.ACLED_GEO_PRECISION, has_geo_precision, problems)
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
    if problems:
        job.reject(line, problems)
        return
    if record_id:
        job.seen_ids[record_id] = line
    if raw_sub and not sub_event_type:
        job.warn(
            f"sub-event type {raw_sub!r} is not one of {event_type}'s; the incident is written without one",
            line=line,
            column=schema.ACLED_SUB_EVENT_TYPE,
            value=raw_sub,
        )
    actor1 = job.actor(row[schema.ACLED_ACTOR1], line=line, column=schema.ACLED_ACTOR1)
    actor2 = (
        job.actor(row[schema.ACLED_ACTOR2], line=line, column=schema.ACLED_ACTOR2) if row[schema.ACLED_ACTOR2] else ""
    )
    assoc: list[str] = []
    for column in (schema.ACLED_ASSOC_ACTOR_1, schema.ACLED_ASSOC_ACTOR_2):
        for name in row[column].split(schema.ACLED_ACTOR_SEPARATOR):
            if name.strip():
                actor_id = job.actor(name.strip(), line=line, column=column)
                if actor_id not in assoc and actor_id not in (actor1, actor2):
                    assoc.append(actor_id)
    lat_text, lon_text = row[schema.ACLED_LATITUDE], row[schema.ACLED_LONGITUDE]
    location = row[schema.ACLED_LOCATION]
    assert day is not None  # checked above
    job.incidents.append(
        incident_row(
            id=record_id,
            date=acled_edtf(day, time_precision),
            location=location,
            latitude=lat_text,
            longitude=lon_text,
            precision=str(geo_precision),
            event_type=event_type,
            sub_event_type=sub_event_type,
            actor1=actor1,
            actor2=actor2,
            assoc_actors=schema.MULTI_SEPARATOR.join(assoc),
            fatalities_best="" if fatalities is None else str(fatalities),
            sources=schema.ACLED_SOURCE_ID,
            note=clean_note(
                row[schema.ACLED_NOTES],
                f"(ACLED source: {row[schema.ACLED_SOURCE]})" if row[schema.ACLED_SOURCE] else "",
            ),
        )
    )
    job.place(
        len(job.incidents) - 1,
        line=line,
        column=schema.ACLED_LOCATION,
        name=location,
        country=country_of(row[schema.ACLED_ISO], row[schema.ACLED_COUNTRY]),
        admin1=row[schema.ACLED_ADMIN1],
        admin2=row[schema.ACLED_ADMIN2],
        lat=float(lat_text),
        lon=float(lon_text),
    )
