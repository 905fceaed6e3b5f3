"""ACLED exports: :func:`import_acled`, which takes the columnar path
(:mod:`geo.imports.acled_columns`) when it can and the row path otherwise; the row path's
passes over the file, its events held open and written in order (see :mod:`geo.imports`).

A row is read and checked by :mod:`geo.imports.acled_rows`, the export's columns and
layout told by :mod:`geo.imports.acled_layout`, an event's rows merged into an incident
by :mod:`geo.imports.acled_events`."""

from __future__ import annotations

from collections import deque
from pathlib import Path
from typing import IO, TYPE_CHECKING

from .. import schema
from .._io import paused_gc, write_atomically
from ..errors import InputError
from . import job as shared
from .acled_columns import RowPathError, read_columns
from .acled_events import Context, EventRow, event_claims, write_event, write_incident
from .acled_layout import csv_layout, export_context, export_layout
from .acled_rows import read_row, read_row_fast
from .csv_writer import RowWriter
from .job import EVENT_ID, Importer, Lookup, Progress
from .reader import RECORD, Line, open_rows
from .report import ImportResult

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
                setup=export_context,
                read_row=read_row,
                layout=csv_layout,
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
    context = export_context(job, header)
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
                read = read_row_fast(job, row, context) or read_row(job, row, context)
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
    report.layout = export_layout(header, context, report.events_merged, json=unit == RECORD)
    result.claims = context.claims
    return result


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
