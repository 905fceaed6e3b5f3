"""ACLED exports: layouts, column sets, dates, event types, precision, claims (see :mod:`geo.imports`)."""

from __future__ import annotations

import re
from collections import deque
from functools import lru_cache
from operator import itemgetter
from pathlib import Path
from typing import IO, TYPE_CHECKING

from .. import schema
from .._input import MAX_COUNT
from .._io import paused_gc, write_atomically
from ..errors import InputError
from ..seeds import Problem
from . import job as shared
from .acled_codes import (
    acled_date,
    acled_event_type,
    acled_inter,
    event_type_key,
    two_digit_year,
)
from .acled_codes import actor_names as _names
from .acled_columns import RowPathError, read_columns
from .acled_events import ACLED_INTER2, Context, EventRow, Side, event_claims, write_event, write_incident
from .job import EVENT_ID, Importer, Lookup, Progress, country_of
from .reader import NOT_UTF8, RECORD, SPACES, Line, open_rows, whole_count
from .report import ImportResult, RowWriter

if TYPE_CHECKING:
    from ..actors import ActorIndex
    from ..gazetteer import Gazetteer

__all__ = ["COLUMNAR", "WINDOW", "import_acled"]

# Whether a CSV export is read column by column first (geo.imports.acled_columns); the
# row path reads it otherwise (and always reads JSON, and exports with repeated event ids).
COLUMNAR = True
# How many rows an event of an actor-based export stays open after its last row (its
# other rows are expected within them); a row of an event written before makes the
# import read the file in two passes (see import_acled).
WINDOW = 20_000


def import_acled(
    path: str | Path,
    *,
    gazetteer: Gazetteer,
    actors: ActorIndex,
    progress: Progress | None = None,
    out: str | Path | None = None,
) -> ImportResult:
    """Read an ACLED export (any column set, dyadic or actor-based, CSV or the API's JSON) as incidents.

    A CSV export is read :data:`geo.imports.acled_columns.CHUNK` rows at a time and
    checked, resolved and written column by column (:mod:`geo.imports.acled_columns`);
    JSON, and an export where an event id is on several rows, is read row by row, by
    the rules below. Both write the same bytes. With ``out`` the incidents are written
    as they are made: memory holds only what the checks across rows need (the rows of
    the events still open, the event ids already read, the report), not the rows.
    An actor-based export writes an event once per actor, and ACLED's exports keep
    those rows together (sorted by event, or by date); an event is written once
    :data:`WINDOW` rows have been read after its last row. When a row of an event
    already written turns up further on (a file sorted some other way), the import
    starts again in two passes: the first counts the rows of each event id, the
    second writes an event as soon as its last row is read, holding the events that
    are still open (and those after them, to keep the file's order). The output is
    the same either way.

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
    out
        Where to write the incidents (``incidents.csv``, atomically, as
        :func:`geo.imports.write_incidents` writes them). The result then holds no
        incidents (its report and claims are the same).

    Returns
    -------
    ImportResult
        The incidents, in the order of each event's first row (none with ``out``: they
        are in that file); the claims made from territorial sub-events; and the report
        (``rows_read == rows_written + rows_rejected + rows_merged``).

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
    if out is None:
        return _import(path, gazetteer=gazetteer, actors=actors, progress=progress, sink=None)
    results: list[ImportResult] = []

    def write(handle: IO[str]) -> None:
        sink = RowWriter(handle, schema.INCIDENT_COLUMNS)
        results.append(_import(path, gazetteer=gazetteer, actors=actors, progress=progress, sink=sink))

    write_atomically(Path(out), write)
    return results[0]


class _ScatteredError(Exception):
    """A row of an event already written: the export is not grouped by event."""


def _import(
    path: Path, *, gazetteer: Gazetteer, actors: ActorIndex, progress: Progress | None, sink: RowWriter | None
) -> ImportResult:
    """The columnar path (:mod:`geo.imports.acled_columns`) for a CSV export whose event ids
    are all different; else one pass (events closed by :data:`WINDOW`), or two when the
    rows of an event are scattered."""
    places: dict[tuple[str, ...], Lookup] = {}
    if COLUMNAR:
        try:
            result = read_columns(
                path,
                gazetteer=gazetteer,
                actors=actors,
                progress=progress,
                sink=sink,
                places=places,
                setup=_context,
                read_row=_read_row,
                layout=_layout_csv,
            )
        except RowPathError:
            result = None
            if sink is not None:
                sink.reset()
        if result is not None:
            return result
    try:
        return _read(path, gazetteer=gazetteer, actors=actors, progress=progress, sink=sink, places=places)
    except _ScatteredError:
        pass
    if sink is not None:
        sink.reset()
    counts = _count_rows(path)
    return _read(path, gazetteer=gazetteer, actors=actors, progress=progress, sink=sink, places=places, counts=counts)


def _count_rows(path: Path) -> dict[str, int]:
    """The number of rows of each (well-formed) event id of an export, by incident id."""
    _header, rows = open_rows(path, dataset="ACLED", required=schema.ACLED_REQUIRED)
    counts: dict[str, int] = {}
    for row in rows:
        raw = row[schema.ACLED_EVENT_ID]
        if raw and EVENT_ID.match(raw):
            key = schema.ACLED_ID_PREFIX + raw.lower()
            counts[key] = counts.get(key, 0) + 1
    return counts


def _read(
    path: Path,
    *,
    gazetteer: Gazetteer,
    actors: ActorIndex,
    progress: Progress | None,
    sink: RowWriter | None,
    places: dict[tuple[str, ...], Lookup],
    counts: dict[str, int] | None = None,
) -> ImportResult:
    """Read the export, writing each event once all its rows are read: when ``counts`` is
    given (rows by event id), after its last row; otherwise :data:`WINDOW` rows after its
    last row, raising :class:`_ScatteredError` when a row of an event already written appears."""
    header, rows = open_rows(path, dataset="ACLED", required=schema.ACLED_REQUIRED)
    job = Importer(dataset="ACLED", path=path, gazetteer=gazetteer, actors=actors, sink=sink)
    job.share_places(places)
    context = _context(job, header)
    # The events not yet written, in the order of their first row, and (one pass) the
    # number of the last row of each; the ids of the events written (one pass).
    events: dict[object, list[EventRow]] = {}
    order: deque[object] = deque()  # the keys of ``events``, first first
    last: dict[object, int] = {}
    written: set[str] = set()
    report = job.report
    read_count = 0
    row: Line | None = None
    # The rows make many short-lived objects and no reference cycles: the cyclic garbage
    # collector would only spend time (a quarter of it) looking for some.
    try:
        with paused_gc():
            for row in rows:
                read_count += 1
                if progress is not None and read_count % shared.PROGRESS_EVERY == 0:
                    progress(read_count)
                read = _read_row_fast(job, row, context) or _read_row(job, row, context)
                key: object = read.record_id or ("", read.line)
                group = events.get(key)
                if group is None:
                    if counts is None and read.record_id in written:
                        raise _ScatteredError(read.record_id)
                    if counts is not None and counts.get(read.record_id) == 0:
                        raise InputError(
                            f"{path}, {row.where}: the file changed while it was read (event {read.raw_id} has more "
                            "rows than a moment ago); import it again once it is complete"
                        )
                    events[key] = [read]
                    order.append(key)
                else:
                    group.append(read)
                if counts is None:
                    last[key] = read_count
                # Write the events whose rows are all read, from the first: the file's order is kept.
                while order:
                    first = order[0]
                    if counts is None:
                        if last[first] > read_count - WINDOW:
                            break
                        del last[first]
                        if isinstance(first, str):
                            written.add(first)
                    elif isinstance(first, str):
                        if len(events[first]) < counts.get(first, 1):
                            break
                        counts[first] = 0  # written: a row of it now would mean the file changed
                    order.popleft()
                    _write(job, context, events.pop(first))
    finally:
        close = getattr(rows, "close", None)
        if close is not None:
            close()
    report.rows_read = read_count
    unit = row.unit if row is not None else ""
    for first in order:
        _write(job, context, events.pop(first))
    order.clear()
    job.measure()
    event_claims(job, context)
    result = job.finish()
    report.layout = _layout(header, context, report.events_merged, json=unit == RECORD)
    result.claims = context.claims
    return result


def _context(job: Importer, header: tuple[str, ...]) -> Context:
    """The columns the export has, and a warning for each missing one the import reads less well without."""
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
    return context


def _write(job: Importer, context: Context, group: list[EventRow]) -> None:
    """Write the incident of one event's rows, or reject them; measure and hand on a batch when due."""
    if len(group) == 1:
        (only,) = group
        if only.problems:
            job.reject(only.line, only.problems)
        else:
            write_incident(job, context, only, list(only.sides), merged=1)
    else:
        write_event(job, context, group)
    if job.due():
        job.measure()
        event_claims(job, context)
        job.flush()


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


def _layout_csv(header: tuple[str, ...], context: Context, merged: int) -> str:
    return _layout(header, context, merged, json=False)


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


# The cells a row's incident needs, in the order _read_row_fast takes them.
_CELLS = (
    schema.ACLED_EVENT_ID,
    schema.ACLED_EVENT_DATE,
    schema.ACLED_YEAR,
    schema.ACLED_TIME_PRECISION,
    schema.ACLED_GEO_PRECISION,
    schema.ACLED_EVENT_TYPE,
    schema.ACLED_SUB_EVENT_TYPE,
    schema.ACLED_ACTOR1,
    schema.ACLED_ASSOC_ACTOR_1,
    schema.ACLED_INTER1,
    schema.ACLED_ACTOR2,
    schema.ACLED_ASSOC_ACTOR_2,
    ACLED_INTER2,
    schema.ACLED_LATITUDE,
    schema.ACLED_LONGITUDE,
    schema.ACLED_FATALITIES,
    schema.ACLED_LOCATION,
    schema.ACLED_ISO,
    schema.ACLED_COUNTRY,
    schema.ACLED_ADMIN1,
    schema.ACLED_ADMIN2,
    schema.ACLED_NOTES,
    schema.ACLED_SOURCE,
)
_GET_CELLS = itemgetter(*_CELLS)
_PRECISIONS = {"1": 1, "2": 2, "3": 3}


def _read_row_fast(job: Importer, row: Line, context: Context) -> EventRow | None:
    """:func:`_read_row` for a row without any problem, in fewer steps; ``None`` when the
    row has a problem (or might have one): :func:`_read_row` then reads it and says why."""
    cells = row.cells
    if row.shape or NOT_UTF8.search("".join(cells.values())):
        return None
    try:
        values = _GET_CELLS(cells)
    except KeyError:
        values = tuple(cells.get(column, "") for column in _CELLS)
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
        time_precision = _PRECISIONS.get(time_code, 0)
        if not time_precision:
            return None
    else:
        time_precision, time_code = 3, ""
    if context.has_geo_precision:
        geo_precision = _PRECISIONS.get(geo_code, 0)
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
    sides = [Side(actor1, _names(assoc1), acled_inter(inter1), line, schema.ACLED_ACTOR1, schema.ACLED_ASSOC_ACTOR_1)]
    if actor2:
        sides.append(
            Side(actor2, _names(assoc2), acled_inter(inter2), line, schema.ACLED_ACTOR2, schema.ACLED_ASSOC_ACTOR_2)
        )
    elif assoc2:
        sides[0].assoc += _names(assoc2)
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


def _read_row(job: Importer, row: Line, context: Context) -> EventRow:
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
            _names(cells.get(schema.ACLED_ASSOC_ACTOR_1, "")),
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
                _names(cells.get(schema.ACLED_ASSOC_ACTOR_2, "")),
                acled_inter(cells.get(ACLED_INTER2, "")),
                line,
                schema.ACLED_ACTOR2,
                schema.ACLED_ASSOC_ACTOR_2,
            )
        )
    elif cells.get(schema.ACLED_ASSOC_ACTOR_2, ""):
        sides[0].assoc += _names(cells.get(schema.ACLED_ASSOC_ACTOR_2, ""))
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
