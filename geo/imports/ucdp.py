"""UCDP GED exports: sides, dates, estimates, precision (see :mod:`geo.imports`)."""

from __future__ import annotations

import re
from datetime import date
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

__all__ = ["UCDP_PRECISIONS", "UCDP_VIOLENCE_TYPES", "import_ucdp", "ucdp_place_name"]

# UCDP GED's type_of_violence -> (event type, sub-event type).
UCDP_VIOLENCE_TYPES: dict[str, tuple[str, str]] = {
    "1": ("Battles", "Armed clash"),  # state-based conflict
    "2": ("Battles", "Armed clash"),  # non-state conflict
    "3": ("Violence against civilians", "Attack"),  # one-sided violence
}
# UCDP GED's where_prec (1 exact place ... 7 country or international waters) -> precision.
UCDP_PRECISIONS = {"1": 1, "2": 2, "3": 3, "4": 3, "5": 3, "6": 3, "7": 3}
_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T][\d:.]*)?$")
_GOVERNMENT_OF = re.compile(r"^government of (.+)$", re.IGNORECASE)
# Kind words UCDP appends to where_coordinates: "Ménaka town", "Gao province", "Boni (village)".
_UCDP_KIND_WORDS = (
    "town|village|city|province|region|district|department|departement|département|commune|cercle|"
    "prefecture|municipality|area|locality|capital"
)
_PARENTHESES = re.compile(r"\s*\([^)]*\)")
_TRAILING_KIND = re.compile(rf"(?:[\s,-]+(?:{_UCDP_KIND_WORDS}))+\s*$", re.IGNORECASE)


def ucdp_place_name(where: str) -> str:
    """``where_coordinates`` without the kind words UCDP adds.

    Examples
    --------
    >>> ucdp_place_name("Ménaka town"), ucdp_place_name("Boulkessi (village)"), ucdp_place_name("Gao province")
    ('Ménaka', 'Boulkessi', 'Gao')
    """
    name = _PARENTHESES.sub(" ", where)
    stripped = _TRAILING_KIND.sub("", name).strip(" ,-")
    return SPACES.sub(" ", stripped or name).strip()


def import_ucdp(
    path: str | Path,
    *,
    gazetteer: Gazetteer,
    actors: ActorIndex,
    progress: Progress | None = None,
) -> ImportResult:
    """Read a UCDP GED export as incidents.

    Parameters and result are those of :func:`import_acled`.

    Examples
    --------
    >>> import tempfile
    >>> from pathlib import Path
    >>> from geo import Gazetteer
    >>> from geo.actors import ActorIndex
    >>> export = Path(tempfile.mkdtemp()) / "ged.csv"
    >>> _ = export.write_text(
    ...     "id,year,type_of_violence,side_a,side_b,where_prec,where_coordinates,adm_1,latitude,longitude,"
    ...     "country,date_prec,date_start,date_end,best,high,low\\n"
    ...     "4242,2022,3,IS Sahel,Civilians,1,Ménaka town,Ménaka region,15.918,2.402,Mali,1,"
    ...     "2022-03-08 00:00:00.000,2022-03-09 00:00:00.000,12,15,10\\n",
    ...     encoding="utf-8",
    ... )
    >>> row = import_ucdp(export, gazetteer=Gazetteer.load(), actors=ActorIndex([])).incidents[0]
    >>> row["id"], row["date"], row["place"], row["event_type"], row["fatalities_low"], row["fatalities_high"]
    ('ucdp-4242', '2022-03-08/2022-03-09', 'ml-menaka', 'Violence against civilians', '10', '15')
    """
    path = Path(path)
    required = (*schema.UCDP_REQUIRED, schema.UCDP_DATE_END)
    _header, rows = open_rows(path, dataset="UCDP GED", required=required)
    job = Importer(dataset="UCDP GED", path=path, gazetteer=gazetteer, actors=actors)
    for row in rows:
        job.report.rows_read += 1
        if progress is not None and job.report.rows_read % shared.PROGRESS_EVERY == 0:
            progress(job.report.rows_read)
        _ucdp_row(job, row)
    return job.finish()


def _ucdp_date(text: str) -> date | None:
    match = _ISO_DATE.match(text.strip())
    if match is None:
        return None
    try:
        return date(*(int(g) for g in match.groups()))
    except ValueError:
        return None


def _government_forces(name: str) -> list[str]:
    """Other names of "Government of X" to try: the state's forces."""
    match = _GOVERNMENT_OF.match(name.strip())
    if match is None:
        return []
    country = match[1].strip()
    return [f"Military Forces of {country}", f"Armed Forces of {country}"]


def _ucdp_row(job: Importer, row: Line) -> None:
    problems: list[Problem] = []
    line = row.line
    job.check_text(row, problems)
    record_id = job.check_id(row, schema.UCDP_ID, schema.UCDP_ID_PREFIX, problems)
    days = []
    for column in (schema.UCDP_DATE_START, schema.UCDP_DATE_END):
        raw = row[column]
        day = _ucdp_date(raw)
        if day is None:
            problems.append(
                job.problem(line, column, raw, "no date" if not raw else "not a date", "write it as 2022-03-08")
            )
        days.append(day)
    start, end = days
    if start and end and end < start:
        problems.append(
            job.problem(
                line,
                schema.UCDP_DATE_END,
                row[schema.UCDP_DATE_END],
                f"ends before it starts ({start.isoformat()})",
                "swap date_start and date_end",
            )
        )
    raw_type = row[schema.UCDP_TYPE_OF_VIOLENCE]
    types = UCDP_VIOLENCE_TYPES.get(raw_type)
    if types is None:
        problems.append(
            job.problem(
                line,
                schema.UCDP_TYPE_OF_VIOLENCE,
                raw_type,
                "not a UCDP type of violence",
                "use 1 (state-based), 2 (non-state) or 3 (one-sided)",
            )
        )
    raw_prec = row[schema.UCDP_WHERE_PREC]
    precision = UCDP_PRECISIONS.get(raw_prec)
    if precision is None:
        problems.append(job.problem(line, schema.UCDP_WHERE_PREC, raw_prec, "not a UCDP where_prec code", "use 1 to 7"))
    if not row[schema.UCDP_SIDE_A]:
        problems.append(job.problem(line, schema.UCDP_SIDE_A, "", "no side_a", "UCDP names side A of every event"))
    job.check_point(row, schema.UCDP_LATITUDE, schema.UCDP_LONGITUDE, problems)
    numbers: dict[str, int | None] = {}
    for column in (schema.UCDP_LOW, schema.UCDP_BEST, schema.UCDP_HIGH):
        raw = row[column]
        numbers[column] = whole_count(raw) if raw else None
        if raw and numbers[column] is None:
            problems.append(
                job.problem(line, column, raw, "not a number of deaths", f"give a whole number from 0 to {MAX_COUNT:,}")
            )
    known = [numbers[c] for c in (schema.UCDP_LOW, schema.UCDP_BEST, schema.UCDP_HIGH) if numbers[c] is not None]
    if known != sorted(known):
        problems.append(
            job.problem(
                line,
                schema.UCDP_BEST,
                "/".join(row[c] for c in (schema.UCDP_LOW, schema.UCDP_BEST, schema.UCDP_HIGH)),
                "the estimates are not low <= best <= high",
                "check the low, best and high columns",
            )
        )
    if problems:
        job.reject(line, problems)
        return
    assert start is not None and end is not None and types is not None and precision is not None
    job.seen_ids[record_id] = line
    event_type, sub_event_type = types
    actor1 = job.actor(row[schema.UCDP_SIDE_A], line=line, column=schema.UCDP_SIDE_A, also=_government_forces)
    actor2 = (
        job.actor(row[schema.UCDP_SIDE_B], line=line, column=schema.UCDP_SIDE_B, also=_government_forces)
        if row[schema.UCDP_SIDE_B]
        else ""
    )
    where = row[schema.UCDP_WHERE_COORDINATES]
    lat_text, lon_text = row[schema.UCDP_LATITUDE], row[schema.UCDP_LONGITUDE]
    job.incidents.append(
        incident_row(
            id=record_id,
            date=start.isoformat() if start == end else f"{start.isoformat()}/{end.isoformat()}",
            location=where,
            latitude=lat_text,
            longitude=lon_text,
            precision=str(precision),
            event_type=event_type,
            sub_event_type=sub_event_type,
            actor1=actor1,
            actor2=actor2,
            **{
                schema.FATALITIES_LOW: _text(numbers[schema.UCDP_LOW]),
                schema.FATALITIES_BEST: _text(numbers[schema.UCDP_BEST]),
                schema.FATALITIES_HIGH: _text(numbers[schema.UCDP_HIGH]),
            },
            sources=schema.UCDP_SOURCE_ID,
            note=clean_note(
                row[schema.UCDP_SOURCE_HEADLINE],
                f"(where: {row[schema.UCDP_WHERE_DESCRIPTION]})" if row[schema.UCDP_WHERE_DESCRIPTION] else "",
            ),
        )
    )
    job.place(
        len(job.incidents) - 1,
        line=line,
        column=schema.UCDP_WHERE_COORDINATES,
        name=ucdp_place_name(where) if where else "",
        country=country_of("", row[schema.UCDP_COUNTRY]),
        admin1=row[schema.UCDP_ADM_1],
        admin2=row[schema.UCDP_ADM_2],
        lat=float(lat_text),
        lon=float(lon_text),
    )


def _text(number: int | None) -> str:
    return "" if number is None else str(number)
