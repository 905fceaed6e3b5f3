"""ACLED exports: layouts, column sets, dates, event types, precision, claims (see :mod:`geo.imports`)."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from .. import schema
from .._validate import MAX_COUNT
from ..records import Problem
from . import job as shared
from .job import Importer, Progress, country_of, incident_row
from .reader import RECORD, SPACES, Line, clean_note, open_rows, whole_count
from .report import ImportResult, ReportEntry

if TYPE_CHECKING:
    from ..actors import ActorIndex
    from ..gazetteer import Gazetteer

__all__ = [
    "INTER_CODES",
    "OLD_EVENT_TYPES",
    "PERPETRATOR_ORDER",
    "TERRITORIAL_SUB_EVENTS",
    "acled_claim_status",
    "acled_date",
    "acled_edtf",
    "acled_event_type",
    "acled_inter",
    "import_acled",
]

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
_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T][\d:.]*(?:Z|[+-]\d\d:?\d\d)?)?$")
# Four-digit years, or (as a spreadsheet re-saves them: 16-Feb-21, 8-Mar-22) two.
_DAY_MONTH_NAME_YEAR = re.compile(r"^(\d{1,2})[ -]([A-Za-z]+)\.?[ -](\d{4}|\d{2})$")
_DAY_MONTH_YEAR = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4}|\d{2})$")

# ACLED's actor type codes (``inter1``, ``inter2``): numbers, or since March 2023 their names.
INTER_CODES: dict[str, str] = {
    "state forces": "1",
    "rebel group": "2",
    "rebel groups": "2",
    "political militia": "3",
    "political militias": "3",
    "identity militia": "4",
    "identity militias": "4",
    "rioters": "5",
    "protesters": "6",
    "civilians": "7",
    "external/other forces": "8",
    "external/other force": "8",
    "other forces": "8",
}
# The order in which the sides of an event merged from an actor-based export become
# actor1 and actor2: armed actors (state forces, rebels, political then identity
# militias, external/other forces) before crowds and victims (rioters, protesters,
# civilians); an actor without a known code last.
PERPETRATOR_ORDER = ("1", "2", "3", "4", "8", "5", "6", "7")
_RANK = {code: rank for rank, code in enumerate(PERPETRATOR_ORDER)}
_STATE, _NON_STATE_ARMED = frozenset({"1"}), frozenset({"2", "3", "4", "8"})
_ARMED = _STATE | _NON_STATE_ARMED

# Sub-event types that change who holds a place -> the status of the claim they give.
TERRITORIAL_SUB_EVENTS: dict[str, str] = {
    "Non-state actor overtakes territory": "seized",
    "Government regains territory": "seized",
    "Non-violent transfer of territory": "seized",  # for the actor that receives the place
    "Headquarters or base established": "controls",
}


@lru_cache(maxsize=8192)
def acled_date(text: str, year: str = "") -> date | None:
    """Read an ACLED ``event_date``; ``None`` when it is not a date.

    ACLED has written ``2022-03-08`` (also ``2022-03-08T00:00:00``), ``08 March 2022``,
    ``8-Mar-2022`` and, per its codebook, ``08-03-2022``: numbers are always read **day
    first**, as ACLED writes them (``3/8/2022`` is 3 August). A spreadsheet that re-saved
    the file may have shortened the year (``8-Mar-22``): the row's ``year`` settles the
    century, and without it (or when it does not end in those two digits) the date is
    not read.

    Examples
    --------
    >>> acled_date("08 March 2022"), acled_date("2022-03-08"), acled_date("08-03-2022")
    (datetime.date(2022, 3, 8), datetime.date(2022, 3, 8), datetime.date(2022, 3, 8))
    >>> acled_date("8-Mar-22", "2022"), acled_date("8-Mar-22"), acled_date("8-Mar-22", "2021")
    (datetime.date(2022, 3, 8), None, None)
    >>> acled_date("31 February 2022") is None, acled_date("March 2022") is None
    (True, True)
    """
    value = text.strip()
    month = day = 0
    year_text = ""
    if match := _ISO_DATE.match(value):
        year_text, month, day = match[1], int(match[2]), int(match[3])
    elif match := _DAY_MONTH_NAME_YEAR.match(value):
        month = _MONTHS.get(match[2].lower(), 0)
        day, year_text = int(match[1]), match[3]
    elif match := _DAY_MONTH_YEAR.match(value):
        day, month, year_text = int(match[1]), int(match[2]), match[3]
    else:
        return None
    if len(year_text) == 2:
        full = year.strip()
        if not (len(full) == 4 and full.isdigit() and full.endswith(year_text)):
            return None
        year_text = full
    try:
        return date(int(year_text), month, day)
    except ValueError:
        return None


def _two_digit_year(text: str) -> bool:
    value = text.strip()
    match = _DAY_MONTH_NAME_YEAR.match(value) or _DAY_MONTH_YEAR.match(value)
    return bool(match) and len(match[3]) == 2


def acled_inter(text: str) -> str:
    """ACLED's actor type code (``"1"`` to ``"8"``) from ``inter1``/``inter2``, a number or
    (since March 2023) a name; ``""`` when it is neither.

    Examples
    --------
    >>> acled_inter("7"), acled_inter("State forces"), acled_inter("External/Other forces"), acled_inter("")
    ('7', '1', '8', '')
    """
    value = SPACES.sub(" ", text.strip().lower())
    if value in _RANK:
        return value
    if value.endswith(".0") and value[:-2] in _RANK:  # a spreadsheet's 7.0
        return value[:-2]
    return INTER_CODES.get(value, "")


def acled_claim_status(sub_event_type: str) -> str:
    """The status of the claim a territorial sub-event type gives (``""`` for others).

    Examples
    --------
    >>> acled_claim_status("Government regains territory"), acled_claim_status("Headquarters or base established")
    ('seized', 'controls')
    >>> acled_claim_status("Armed clash")
    ''
    """
    return TERRITORIAL_SUB_EVENTS.get(sub_event_type, "")


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
            acled_inter(inter1) == _RIOTERS_INTER_CODE or actor1.strip().lower().startswith("rioters")
        ):
            current = _RIOTS
        if sub or not sub_event_type:
            return current, sub
    sub_key = SPACES.sub(" ", sub_event_type.strip().lower())
    sub_key = _SUB_EVENT_SPELLINGS.get(sub_key, sub_key)
    return current, _SUB_EVENT_TYPES_BY_KEY[current].get(sub_key, "")


# The cells every row of one event must agree on (ACLED's actor-based export repeats them).
SHARED_COLUMNS = (
    schema.ACLED_EVENT_DATE,
    schema.ACLED_TIME_PRECISION,
    schema.ACLED_EVENT_TYPE,
    schema.ACLED_SUB_EVENT_TYPE,
    schema.ACLED_LOCATION,
    schema.ACLED_LATITUDE,
    schema.ACLED_LONGITUDE,
    schema.ACLED_GEO_PRECISION,
    schema.ACLED_FATALITIES,
)
ACLED_INTER2 = "inter2"
CLAIM_ID_PREFIX = "clm-acled-"
_MERGED_NOTE = "Merged from {n} rows of an actor-based ACLED export (one row per actor)."


@dataclass(slots=True)
class _Side:
    """One actor of an event as a row names it: its name, associated actors and type code."""

    name: str
    assoc: tuple[str, ...]
    inter: str
    line: int
    column: str
    assoc_column: str

    @property
    def key(self) -> tuple[int, str, str]:
        return (_RANK.get(self.inter, len(_RANK)), self.name.casefold(), self.name)


@dataclass(slots=True)
class _Row:
    """A row read and checked, waiting for the other rows of its event."""

    line: int
    where: str
    raw_id: str
    record_id: str
    problems: list[Problem]
    shared: tuple[object, ...] = ()
    day: date | None = None
    time_precision: int = 3
    geo_precision: int = 3
    time_code: str = ""
    geo_code: str = ""
    event_type: str = ""
    sub_event_type: str = ""
    raw_sub: str = ""
    latitude: str = ""
    longitude: str = ""
    location: str = ""
    country: str = ""
    admin1: str = ""
    admin2: str = ""
    fatalities: int | None = None
    notes: str = ""
    source: str = ""
    sides: tuple[_Side, ...] = ()

    @property
    def order(self) -> tuple[object, ...]:
        """Sorts the rows of one event whatever the file's order (the line comes last)."""
        first = self.sides[0].key if self.sides else (len(_RANK), "", "")
        return (first, tuple(s.key for s in self.sides[1:]), self.notes, self.source, self.admin1, self.admin2)


@dataclass
class _Context:
    has_time_precision: bool
    has_geo_precision: bool
    has_year: bool
    has_actor2: bool
    # incident index -> (line, raw event id, the claimant's actor id, or "" and why none)
    territorial: dict[int, tuple[int, str, str, str]] = field(default_factory=dict)


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
    context = _Context(
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
    events: dict[object, list[_Row]] = {}
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
                _write(job, context, only, list(only.sides), merged=1)
        else:
            _write_event(job, context, group)
    result = job.finish()
    job.report.layout = _layout(header, context, job.report.events_merged, json=unit == RECORD)
    result.claims = _claims(job, context, result.incidents)
    return result


def _layout(header: tuple[str, ...], context: _Context, merged: int, *, json: bool) -> str:
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


def _read_row(job: Importer, row: Line, context: _Context) -> _Row:
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
        elif _two_digit_year(raw_date) and not context.has_year:
            message = "a two-digit year (as a spreadsheet re-saves dates) and no year column to settle the century"
            fix = "export the file from ACLED again (do not re-save it in a spreadsheet), or write 2022-03-08"
        elif _two_digit_year(raw_date) and acled_date(raw_date, "20" + raw_date.strip()[-2:]) is not None:
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
    read = _Row(line, row.where, raw_id, record_id, problems)
    if problems:
        return read
    sides = [
        _Side(
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
            _Side(
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
        _type_key(raw_type),
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


def _write_event(job: Importer, context: _Context, group: list[_Row]) -> None:
    """The rows of one event id: rejected together, one kept of exact repeats, or merged into one incident."""
    group = sorted(group, key=lambda r: r.line)
    raw_id = group[0].raw_id
    bad = [r for r in group if r.problems]
    if bad:
        for r in group:
            problems = r.problems or [
                job.problem(
                    r.line,
                    schema.ACLED_EVENT_ID,
                    r.raw_id,
                    f"another row of event {raw_id} ({bad[0].where}) cannot be used, and an event is "
                    "imported whole or not at all",
                    f"fix {bad[0].where}",
                )
            ]
            job.reject(r.line, problems)
        return
    for index, column in enumerate(SHARED_COLUMNS):
        values = {r.shared[index] for r in group}
        if len(values) > 1:
            said = "; ".join(f"{_shown(r.shared[index])} on {r.where}" for r in group)
            for r in group:
                job.reject(
                    r.line,
                    [
                        job.problem(
                            r.line,
                            column,
                            _shown(r.shared[index]),
                            f"the {len(group)} rows of event {raw_id} disagree on {column} ({said}): "
                            "they are not merged",
                            f"rows of one event name the same {column}; correct the export, or export it again",
                        )
                    ],
                )
            return
    # Exact repeats (the same actors too): the first is kept, the others rejected.
    distinct: dict[tuple[object, ...], _Row] = {}
    for r in group:
        key = tuple((s.name, s.assoc, s.inter, s.column) for s in r.sides)
        first = distinct.setdefault(key, r)
        if first is not r:
            job.reject(
                r.line,
                [
                    job.problem(
                        r.line,
                        schema.ACLED_EVENT_ID,
                        r.raw_id,
                        f"duplicate event id (first on {first.where}), the same actors",
                        "keep one of the two rows: an id names one event",
                    )
                ],
            )
    rows = sorted(distinct.values(), key=lambda r: r.order)
    if len(rows) == 1:
        _write(job, context, rows[0], list(rows[0].sides), merged=1)
        return
    # The sides of the event: each actor once, its associated actors and code gathered.
    by_name: dict[str, list[_Side]] = {}
    for r in rows:
        for side in r.sides:
            by_name.setdefault(side.name.casefold(), []).append(side)
    sides = []
    for named in by_name.values():
        named.sort(key=lambda s: (s.key, s.assoc, s.line))
        assoc = tuple(dict.fromkeys(name for s in sorted(named, key=lambda s: s.assoc) for name in s.assoc))
        best = named[0]
        sides.append(_Side(best.name, assoc, best.inter, best.line, best.column, best.assoc_column))
    sides.sort(key=lambda s: s.key)
    if len(sides) > 2:
        names = ", ".join(s.name for s in sides)
        for r in rows:
            job.reject(
                r.line,
                [
                    job.problem(
                        r.line,
                        schema.ACLED_ACTOR1,
                        r.sides[0].name,
                        f"the {len(rows)} rows of event {raw_id} name {len(sides)} different actors ({names}); "
                        "an event has two sides at most: they are not merged",
                        "correct the export, or export it again",
                    )
                ],
            )
        return
    job.report.rows_merged += len(rows) - 1
    job.report.events_merged += 1
    _write(job, context, rows[0], sides, merged=len(rows), others=rows[1:])


def _shown(value: object) -> str:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        return f"{value:g}"
    return "" if value is None else str(value)


def _write(
    job: Importer, context: _Context, row: _Row, sides: list[_Side], *, merged: int, others: list[_Row] | None = None
) -> None:
    """Append the incident of ``row`` (and ``others``, rows of the same event) with ``sides``."""
    line = row.line
    if row.raw_sub and not row.sub_event_type:
        job.warn(
            f"sub-event type {row.raw_sub!r} is not one of {row.event_type}'s; the incident is written without one",
            line=line,
            column=schema.ACLED_SUB_EVENT_TYPE,
            value=row.raw_sub,
        )
    event_type = row.event_type
    if others and any(r.event_type == _RIOTS for r in others):  # old Riots/Protests: rioters on any row
        event_type = _RIOTS
    # Actors are resolved once the event's rows are all read: the context (country, day,
    # inter code) is given, not taken from the row read last.
    context_of = {"country": row.country, "day": row.day}
    ids = [job.actor(s.name, line=s.line, column=s.column, inter=s.inter, **context_of) for s in sides]
    actor1, actor2 = ids[0], (ids[1] if len(ids) > 1 else "")
    assoc: list[str] = []
    for side in sides:
        for name in side.assoc:
            actor_id = job.actor(name, line=side.line, column=side.assoc_column, inter=side.inter, **context_of)
            if actor_id not in assoc and actor_id not in (actor1, actor2):
                assoc.append(actor_id)
    all_rows = [row, *(others or [])]
    notes = list(dict.fromkeys(r.notes for r in all_rows if r.notes.strip()))
    source_texts = list(dict.fromkeys(r.source for r in all_rows if r.source.strip()))
    assert row.day is not None  # checked when read
    job.incidents.append(
        incident_row(
            id=row.record_id,
            date=acled_edtf(row.day, row.time_precision),
            location=row.location,
            latitude=row.latitude,
            longitude=row.longitude,
            precision=str(row.geo_precision),
            event_type=event_type,
            sub_event_type=row.sub_event_type,
            actor1=actor1,
            actor2=actor2,
            assoc_actors=schema.MULTI_SEPARATOR.join(assoc),
            fatalities_best="" if row.fatalities is None else str(row.fatalities),
            sources=schema.ACLED_SOURCE_ID,
            note=clean_note(
                *notes,
                f"(ACLED source: {'; '.join(source_texts)})" if source_texts else "",
                _MERGED_NOTE.format(n=merged) if merged > 1 else "",
            ),
            geo_precision_code=row.geo_code,
            time_precision_code=row.time_code,
        )
    )
    index = len(job.incidents) - 1
    if row.sub_event_type in TERRITORIAL_SUB_EVENTS:
        claimant, why = _claimant(row.sub_event_type, sides, merged=merged > 1)
        claimant_id = ids[sides.index(claimant)] if claimant is not None else ""
        context.territorial[index] = (line, row.raw_id, claimant_id, why)
    job.place(
        index,
        line=line,
        column=schema.ACLED_LOCATION,
        name=row.location,
        country=row.country,
        admin1=row.admin1,
        admin2=row.admin2,
        lat=float(row.latitude),
        lon=float(row.longitude),
    )


def _claimant(sub_event_type: str, sides: list[_Side], *, merged: bool) -> tuple[_Side | None, str]:
    """Which side holds the place after a territorial event, or why that cannot be told.

    A dyadic row says it: ACLED's actor1 is the actor that takes, regains, receives the
    place or sets up its base. Merged rows keep no order, so the actors' codes decide:
    the one state force for ``Government regains territory``, the one non-state armed
    actor for ``Non-state actor overtakes territory``, the one armed actor (or the only
    actor) for ``Headquarters or base established``; a ``Non-violent transfer of
    territory`` between two actors cannot be told apart.
    """
    if not merged or len(sides) == 1:
        return sides[0], ""
    wanted = {
        "Government regains territory": (_STATE, "one state force"),
        "Non-state actor overtakes territory": (_NON_STATE_ARMED, "one non-state armed actor"),
        "Headquarters or base established": (_ARMED, "one armed actor"),
    }.get(sub_event_type)
    if wanted is None:
        return None, "an actor-based export does not say which of the two actors received the territory"
    codes, what = wanted
    found = [s for s in sides if s.inter in codes]
    if len(found) == 1:
        return found[0], ""
    return None, f"the actor-based rows do not name {what} (inter codes), so who holds the place cannot be told"


def _claims(job: Importer, context: _Context, incidents: list[dict[str, str]]) -> list[dict[str, str]]:
    """The claims of the territorial incidents that have a place id (the others are reported)."""
    claims: list[dict[str, str]] = []
    for index, (line, raw_id, claimant, why) in context.territorial.items():
        incident = incidents[index]
        sub_event_type = incident[schema.SUB_EVENT_TYPE]
        if not incident[schema.PLACE]:
            why = "the incident has no gazetteer place id (a claim needs a place)"
        if not claimant or why:
            job.report.claims_skipped.append(
                ReportEntry(
                    schema.WARNING,
                    line,
                    schema.ACLED_SUB_EVENT_TYPE,
                    sub_event_type,
                    f"no claim made from event {raw_id} ({incident[schema.ID]}): {why}",
                )
            )
            continue
        claims.append(
            {
                schema.ID: CLAIM_ID_PREFIX + raw_id.lower(),
                schema.ACTOR: claimant,
                schema.STATUS: TERRITORIAL_SUB_EVENTS[sub_event_type],
                schema.PLACE: incident[schema.PLACE],
                schema.START: incident[schema.DATE],
                schema.END: "",
                schema.TIER: schema.CLAIMED,
                schema.SAID_BY: "",
                schema.SOURCES: schema.ACLED_SOURCE_ID,
                schema.NOTE: f"From ACLED event {raw_id} ({incident[schema.EVENT_TYPE]} / {sub_event_type}), "
                f"incident {incident[schema.ID]}.",
            }
        )
    job.report.claims_made = len(claims)
    return claims
