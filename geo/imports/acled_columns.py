"""The columnar path of ``geo import acled``: a CSV export read, checked, resolved and
written a chunk of rows at a time, column by column (see :func:`read_columns`).

The row path (:mod:`geo.imports.acled`) reads a row, checks it, maps its actors,
resolves its place and writes it, one Python step after another: about 50 µs a row.
Most of that work repeats itself (a million rows hold a few thousand dates, types,
actor names and locations), so here each step runs once per chunk of
:data:`CHUNK` rows and once per *distinct* value in it:

- the rows are read by pyarrow's CSV parser when pyarrow is installed and the file is
  one it reads as ``csv.reader`` does (:mod:`geo._csv_batches`: only the columns
  the import reads become Python strings); else, and whenever it refuses a file, by
  ``csv.reader`` (the row path's parser, line numbers and errors): its decoder counts
  the bytes that are not UTF-8, so a file without any is never searched for them (after
  the first, each row of a chunk is), and the columns the import reads are cut from
  the rows (one list of every cell, sliced); the cells are stripped;
- dates, precision codes, event types and fatalities are read once per distinct value
  (or distinct combination of cells, :func:`geo._distinct.distinct_rows`),
  coordinates converted with ``float`` over the column and checked on arrays;
- the rows that fail a check are handed to the row path's own reader
  (:func:`geo.imports.acled_rows.read_row`), whose messages name the file, line, column
  and value, and rejected; the others are imported;
- actors are mapped once per distinct set of names (and country, and day when the
  alias table's rules for a name depend on it), places looked up once per distinct
  (location, country, admin1, admin2), and the 10 km rule and the country outlines
  measured on arrays (:meth:`geo.imports.job.Importer.place_columns`; the ellipsoid
  only for the points the sphere does not already put well within 10 km);
- the incidents are written from the columns (:meth:`geo.imports.csv_writer.RowWriter.write_columns`).

A chunk's cells are cut by :mod:`geo.imports.acled_chunk_cells`, checked by
:mod:`geo.imports.acled_chunks` and made into incidents by
:mod:`geo.imports.acled_chunk_incidents`; this module reads the file, chunk by chunk.

The output is the same, byte for byte, as the row path's: every rule is the row
path's, applied in the same order. Only a dyadic export whose event ids are all
different takes this path to its end: a row whose event id was seen before (an
actor-based export, or a repeated id) raises :class:`RowPathError`, and the import starts
again on the row path, which groups the rows of an event.
"""

from __future__ import annotations

import codecs
import csv
from collections.abc import Callable
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING

from .. import schema
from .._cores import usable_cores
from .._csv_batches import NotForArrowError, arrow_available, read_batches
from .._input import MAX_CSV_FIELD, check_input_file, csv_error_message, csv_field_limit
from .._io import paused_gc
from ..errors import InputError
from . import job as shared
from .acled_chunks import Chunks
from .acled_event_ids import RowPathError
from .acled_events import READ_COLUMNS, Context, EventRow
from .csv_writer import Column, RowWriter, made, row_count
from .job import Importer, Lookup
from .lookup_helper import LookupHelper
from .reader import Line
from .report import ImportResult
from .writer_thread import WriterThread

if TYPE_CHECKING:
    from ..actors import ActorIndex
    from ..gazetteer import Gazetteer

__all__ = ["CHUNK", "HELPED_BYTES", "HELPER_CORES", "SPAWNED_HELPER_CORES", "RowPathError", "read_columns"]

# How many rows are read, checked and written together by csv.reader (pyarrow's batches
# are of about 44,000 rows: geo._csv_batches).
CHUNK = 20_000
# From this size, a second process resolves the places of a chunk that has many new ones
# with this one, each taking names from an end (geo.imports.lookup_helper), and the
# gazetteer's look-up tables are made before the first look-up: below, starting the
# helper costs more than it saves. A fork of
# this process starts at no cost: on two processors, a million rows in 7% less time. A
# helper that imports the package and loads the gazetteer again needs a third: on two,
# the parsing, the writing and the scan already fill the second one (measured: the same
# time without it, and 10% less CPU).
HELPED_BYTES = 32 << 20
HELPER_CORES = 2
SPAWNED_HELPER_CORES = 3
# The columns read with few distinct values (all but the ids and the notes): pyarrow
# reads them as dictionaries, and each distinct cell becomes a Python string once.
_FEW_VALUES = frozenset(READ_COLUMNS) - {schema.ACLED_EVENT_ID, schema.ACLED_NOTES}

# The exports are decoded with surrogateescape (a byte that is not UTF-8 becomes a lone
# surrogate, which the row path reports), through this handler, which also counts the bytes
# it escapes: while the count stays, the text read holds none, and no cell is searched.
_COUNTED_ESCAPE = "geo-imports-counted-surrogateescape"
_ESCAPED = [0]


def _escape_counted(error: UnicodeError) -> tuple[str, int]:
    """``surrogateescape`` for decoding, counted in :data:`_ESCAPED`."""
    if not isinstance(error, UnicodeDecodeError):
        raise error
    _ESCAPED[0] += 1
    replacement, end = codecs.lookup_error("surrogateescape")(error)
    return str(replacement), end


codecs.register_error(_COUNTED_ESCAPE, _escape_counted)


def read_columns(
    path: Path,
    *,
    gazetteer: Gazetteer,
    actors: ActorIndex,
    progress: Callable[[int], None] | None,
    sink: RowWriter | None,
    places: dict[tuple[str, ...], Lookup],
    setup: Callable[[Importer, tuple[str, ...]], Context],
    read_row: Callable[[Importer, Line, Context], EventRow],
    layout: Callable[[tuple[str, ...], Context, int], str],
) -> ImportResult | None:
    """Import a CSV ACLED export column by column (see the module); ``None`` when the file
    is not one this path reads (JSON, empty, a header the row path refuses: the row path
    then reads it, and says why).

    ``setup`` makes the import's context from the header (and warns about missing
    columns), ``read_row`` checks one row as the row path does (its problems are the
    ones reported), ``layout`` names the export's layout: the row path's own functions.

    Raises
    ------
    RowPathError
        When an event id is on more than one row: the row path must read the file.
    InputError
        When the CSV is broken (a quote never closed, a cell too long), naming the line.

    Examples
    --------
    >>> import tempfile
    >>> from geo import Gazetteer
    >>> from geo.actors import Actor, ActorIndex
    >>> from geo.imports.acled_layout import csv_layout, export_context
    >>> from geo.imports.acled_rows import read_row
    >>> export = Path(tempfile.mkdtemp()) / "acled.csv"
    >>> _ = export.write_text(
    ...     "event_id_cnty,event_date,time_precision,event_type,sub_event_type,actor1,inter1,actor2,inter2,"
    ...     "country,location,latitude,longitude,geo_precision,fatalities\\n"
    ...     "MLI7,2022-03-08,1,Battles,Armed clash,Military Forces of Mali (2021-),1,,,Mali,Menaka,15.918,2.402,1,4\\n"
    ...     "MLI8,8 March 2022,1,Battles,Armed clash,Military Forces of Mali (2021-),1,,,Mali,Menaka,95,2.402,1,4\\n",
    ...     encoding="utf-8",
    ... )
    >>> actors = ActorIndex([Actor("fama", "FAMa", "state", "#000000", ("Military Forces of Mali (2021-)",))])
    >>> result = read_columns(
    ...     export, gazetteer=Gazetteer.load(), actors=actors, progress=None, sink=None, places={},
    ...     setup=export_context, read_row=read_row, layout=csv_layout,
    ... )
    >>> [(row["id"], row["date"], row["actor1"], row["fatalities_best"]) for row in result.incidents]
    [('acled-mli7', '2022-03-08', 'fama', '4')]
    >>> [(p.line, p.column, p.value, p.message) for p in result.report.problems]
    [(3, 'latitude', '95', 'not a latitude in decimal degrees (between -90 and 90)')]
    """
    label = str(path)
    check_input_file(path, what="ACLED export (a .csv or .json file)")
    try:
        escaped = _ESCAPED[0]
        handle = path.open(encoding="utf-8-sig", errors=_COUNTED_ESCAPE, newline="")
    except OSError:
        return None
    with handle:
        csv_field_limit()
        first = handle.readline(MAX_CSV_FIELD)
        if path.suffix.lower() == ".json" or first.lstrip()[:1] in ("{", "[") or not first.strip():
            return None
        delimiter = max(",;\t", key=first.count) if any(d in first for d in ",;\t") else ","
        header = tuple(cell.strip().lower() for cell in next(csv.reader([first], delimiter=delimiter)))
        missing = [column for column in schema.ACLED_REQUIRED if column not in header]
        if missing or len(set(header)) != len(header):
            return None

        # a big export's places resolved by two processes (the first chunk holds most of
        # them), each with the gazetteer's look-up tables made before its first look-up
        # (here while pyarrow reads the first batch)
        cores = usable_cores()
        big = path.stat().st_size >= HELPED_BYTES
        helped = big and cores >= HELPER_CORES
        helper = LookupHelper.start(gazetteer, spawn=cores >= SPAWNED_HELPER_CORES) if helped else None
        prepare = gazetteer.prepare if big else None

        def begin() -> tuple[Importer, Context, Chunks, _Output]:
            job = Importer(dataset="ACLED", path=path, gazetteer=gazetteer, actors=actors, sink=None)
            job.share_places(places)
            job.lookup_helper = helper
            context = setup(job, header)
            return job, context, Chunks(job, context, header, read_row), _Output(sink, progress)

        job, context, chunks, output = begin()
        try:
            if arrow_available():
                try:
                    with paused_gc():
                        batches = read_batches(path, header, delimiter, READ_COLUMNS, _FEW_VALUES, meanwhile=prepare)
                        for batch in batches:
                            output.add(chunks, *chunks.chunk_batch(batch))
                        chunks.event_ids.finish()
                except NotForArrowError:  # csv.reader reads the file, from its first row again
                    output.discard()
                    if sink is not None:
                        sink.reset()
                    told = output.read
                    job, context, chunks, output = begin()
                    output.told = told
                else:
                    output.finish()
                    return _result(job, context, chunks, output, header, layout)
            reader = csv.reader(handle, delimiter=delimiter, strict=True)
            end = 0  # the reader's line_num after the last row read
            with paused_gc():
                while True:
                    ends: list[int] = []
                    append = ends.append
                    try:
                        rows = [row for row in islice(reader, CHUNK) if not append(reader.line_num)]
                    except csv.Error as error:
                        start = (ends[-1] if ends else end) + 2
                        where, message, fix = csv_error_message(error, start=start, last=reader.line_num + 1)
                        raise InputError(f"{label}, line {where}: {message}; {fix}") from None
                    if not rows:
                        break
                    starts = [end + 2, *(line + 2 for line in ends[:-1])]
                    end = ends[-1]
                    # no byte that is not UTF-8 decoded yet (the decoder reads ahead of the rows): none in the chunk
                    text = _ESCAPED[0] == escaped
                    output.add(chunks, *chunks.chunk(rows, starts, text))
            output.finish()
        finally:
            output.discard()
            if helper is not None:
                helper.stop()
    return _result(job, context, chunks, output, header, layout)


class _Output:
    """Where the incidents of the chunks go (``sink``, through a
    :class:`~geo.imports.writer_thread.WriterThread`; else a list), and the progress told."""

    def __init__(self, sink: RowWriter | None, progress: Callable[[int], None] | None) -> None:
        self.sink = sink
        self.progress = progress
        self.incidents: list[dict[str, str]] = []
        self.read = 0
        self.told = 0  # rows already told read (by an attempt given up)
        self._writer: WriterThread | None = WriterThread(sink) if sink is not None else None

    def add(self, chunks: Chunks, columns: list[Column] | None, count: int) -> None:
        """The incidents of a chunk (``None``: none) of ``count`` rows read."""
        if self.progress is not None:
            every = shared.PROGRESS_EVERY
            for done in range((max(self.read, self.told) // every + 1) * every, self.read + count + 1, every):
                self.progress(done)
        self.read += count
        if columns is None:
            return
        if self._writer is not None:
            self._writer.write_columns(columns)
        else:
            self.incidents.extend(dict(zip(schema.INCIDENT_COLUMNS, row, strict=True)) for row in zip(*made(columns)))
        chunks.written += row_count(columns)

    def finish(self) -> None:
        """Every incident given is written."""
        if self._writer is not None:
            self._writer.close()

    def discard(self) -> None:
        """The incidents not yet written are dropped (the import stops, or starts again)."""
        if self._writer is not None:
            self._writer.discard()


def _result(
    job: Importer,
    context: Context,
    chunks: Chunks,
    output: _Output,
    header: tuple[str, ...],
    layout: Callable[[tuple[str, ...], Context, int], str],
) -> ImportResult:
    """The import's result once every chunk is made."""
    chunks.count_actors()
    incidents, read_count = output.incidents, output.read
    report = job.report
    report.rows_read = read_count
    report.rows_written = chunks.written
    report.claims_made = len(context.claims)
    report.layout = layout(header, context, 0)
    result = ImportResult(incidents, report, job.actors_met)
    result.claims = context.claims
    return result
