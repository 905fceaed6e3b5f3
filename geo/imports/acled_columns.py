"""The columnar path of ``geo import acled``: a CSV export read, checked, resolved and
written a chunk of rows at a time, column by column (see :func:`read_columns`).

The row path (:mod:`geo.imports.acled`) reads a row, checks it, maps its actors,
resolves its place and writes it, one Python step after another: about 50 µs a row.
Most of that work repeats itself (a million rows hold a few thousand dates, types,
actor names and locations), so here each step runs once per chunk of
:data:`CHUNK` rows and once per *distinct* value in it:

- the rows are read by ``csv.reader`` (the same parser, the same line numbers and the
  same errors as the row path); the decoder counts the bytes that are not UTF-8, so a
  file without any is never searched for them (after the first, each row of a chunk
  is); the columns the import reads are cut from the rows (one list of every cell,
  sliced) and stripped;
- dates, precision codes, event types and fatalities are read once per distinct value
  (or distinct combination of cells, :func:`geo.imports.distinct.distinct_rows`),
  coordinates converted with ``float`` over the column and checked on arrays;
- the rows that fail a check are handed to the row path's own reader
  (:func:`geo.imports.acled._read_row`), whose messages name the file, line, column
  and value, and rejected; the others are imported;
- actors are mapped once per distinct set of names (and country, and day when the
  alias table's rules for a name depend on it), places looked up once per distinct
  (location, country, admin1, admin2), and the 10 km rule and the country outlines
  measured on arrays (:meth:`geo.imports.job.Importer.place_columns`; the ellipsoid
  only for the points the sphere does not already put well within 10 km);
- the incidents are written from the columns (:meth:`geo.imports.report.RowWriter.write_columns`).

The output is the same, byte for byte, as the row path's: every rule is the row
path's, applied in the same order. Only a dyadic export whose event ids are all
different takes this path to its end: a row whose event id was seen before (an
actor-based export, or a repeated id) raises :class:`RowPathError`, and the import starts
again on the row path, which groups the rows of an event.
"""

from __future__ import annotations

import codecs
import csv
import re
from collections.abc import Callable, Sequence
from itertools import chain, islice
from operator import itemgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from .. import schema
from .._input import MAX_CSV_FIELD, check_input_file, csv_error_message, csv_field_limit
from .._io import paused_gc
from ..errors import InputError
from . import job as shared
from .acled_codes import (
    TERRITORIAL_SUB_EVENTS,
    acled_date,
    acled_edtf,
    acled_event_type,
    acled_inter,
    actor_names,
    event_type_key,
    two_digit_year,
)
from .acled_events import ACLED_INTER2, CLAIM_ID_PREFIX, Context, EventRow
from .distinct import distinct_rows
from .job import ACLED_COUNTRIES, EVENT_ID, Importer, Lookup, country_of
from .reader import NOT_UTF8, Line, clean_note, whole_count
from .report import ImportResult, ReportEntry, RowWriter

if TYPE_CHECKING:
    from ..actors import ActorIndex
    from ..gazetteer import Gazetteer

__all__ = ["CHUNK", "RowPathError", "read_columns"]

# How many rows are read, checked and written together.
CHUNK = 20_000

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

# White space other than the space, as str.isspace, str.split and str.strip see it
# (tests/test_import_columnar.py checks the list against every character), and the
# ASCII characters among it.
_ASCII_NOT_SPACE = "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f"
_NOT_SPACES = (
    _ASCII_NOT_SPACE + "\x85\xa0\u1680" + "".join(map(chr, range(0x2000, 0x200B))) + "\u2028\u2029\u202f\u205f\u3000"
)
# Event ids, all of them well formed, joined by NUL.
_ALL_IDS = re.compile(r"[A-Za-z0-9-]+(?:\x00[A-Za-z0-9-]+)*")
# White space that clean_note would change: anything but one space between words.
_IRREGULAR_SPACE = re.compile(r"[^\S ]| {2}")
_PRECISIONS = {"1": 1, "2": 2, "3": 3}
_RIOTS_PROTESTS = "riots/protests"  # the old event type whose event type depends on inter1 and actor1
# The columns an incident is made from (the others are only checked for bytes that are not UTF-8).
_READ = frozenset(
    (
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
)


class RowPathError(Exception):
    """The export needs the row path: an event id on more than one row (an actor-based
    export, or an id repeated), or a row the columnar checks and the row path judge apart."""


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
    >>> from geo.imports import acled
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
    ...     setup=acled._context, read_row=acled._read_row, layout=acled._layout_csv,
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
        job = Importer(dataset="ACLED", path=path, gazetteer=gazetteer, actors=actors, sink=None)
        job.share_places(places)
        context = setup(job, header)
        chunks = _Chunks(job, context, header, read_row)
        reader = csv.reader(handle, delimiter=delimiter, strict=True)
        incidents: list[dict[str, str]] = []
        end = 0  # the reader's line_num after the last row read
        read_count = 0
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
                columns, count = chunks.chunk(rows, starts, text)
                if progress is not None:
                    every = shared.PROGRESS_EVERY
                    for done in range((read_count // every + 1) * every, read_count + count + 1, every):
                        progress(done)
                read_count += count
                if columns is None:
                    continue
                if sink is not None:
                    sink.write_columns(columns)
                else:
                    incidents.extend(dict(zip(schema.INCIDENT_COLUMNS, row, strict=True)) for row in zip(*columns))
                chunks.written += len(columns[0])
    report = job.report
    report.rows_read = read_count
    report.rows_written = chunks.written
    report.claims_made = len(context.claims)
    report.layout = layout(header, context, 0)
    result = ImportResult(incidents, report, job.actors_met)
    result.claims = context.claims
    return result


def _floats(cells: Sequence[str]) -> list[float]:
    """``float`` of each cell, NaN for a cell that is not a number."""
    try:
        return list(map(float, cells))
    except ValueError:
        pass
    numbers = []
    for cell in cells:
        try:
            numbers.append(float(cell))
        except ValueError:
            numbers.append(float("nan"))
    return numbers


def _other_space(text: str) -> bool:
    """Whether ``text`` holds white space other than the space (a search of the text for
    each such character is much faster than a regular expression)."""
    return any(character in text for character in (_ASCII_NOT_SPACE if text.isascii() else _NOT_SPACES))


class _Chunks:
    """Checks, resolves and lays out the incidents of one chunk of rows after another."""

    def __init__(
        self,
        job: Importer,
        context: Context,
        header: tuple[str, ...],
        read_row: Callable[[Importer, Line, Context], EventRow],
    ) -> None:
        self.job = job
        self.context = context
        self.header = header
        self.width = len(header)
        self.read_row = read_row
        self.seen: set[str] = set()  # every well-formed event id read
        self.written = 0

    def _split(self, rows: list[list[str]]) -> None:
        """Cut ``rows`` (all of the header's width) into columns: the cells of each column
        the import reads, stripped (``str.strip`` returns a cell that needs none as it is)."""
        width = self.width
        flat = list(chain.from_iterable(rows))
        self.cells: dict[str, Sequence[str]] = {
            column: list(map(str.strip, flat[j::width])) for j, column in enumerate(self.header) if column in _READ
        }
        self.count = len(rows)

    def _column(self, rows: list[list[str]], column: str) -> Sequence[str]:
        """The (stripped) cells of ``column`` of the rows last cut (empty ones when the file has no such column)."""
        cells = self.cells.get(column)
        return [""] * self.count if cells is None else cells

    def _odd_rows(
        self, rows: list[list[str]], starts: list[int]
    ) -> tuple[list[list[str]], list[int], list[tuple[int, list[str], str]]]:
        """The rows of the right width (blank rows dropped, empty trailing cells cut, as the
        row path reads them), and the others with what is wrong with their shape."""
        width = self.width
        kept: list[list[str]] = []
        kept_starts: list[int] = []
        odd: list[tuple[int, list[str], str]] = []
        for start, cells in zip(starts, rows, strict=True):
            if not any(cell.strip() for cell in cells):
                continue
            if len(cells) > width and not any(cell.strip() for cell in cells[width:]):
                cells = cells[:width]
            if len(cells) == width:
                kept.append(cells)
                kept_starts.append(start)
                continue
            shape = (
                f"the row has {len(cells)} cells but the header has {width}"
                if len(cells) > width
                else f"the row has {len(cells)} cells but the header has {width}: cells are missing"
            )
            odd.append((start, cells, shape))
        return kept, kept_starts, odd

    def chunk(self, rows: list[list[str]], starts: list[int], text: bool) -> tuple[list[Sequence[str]] | None, int]:
        """The incidents of ``rows`` as columns (:data:`geo.schema.INCIDENT_COLUMNS`), or
        ``None`` when none is written; and the number of rows read (blank rows are not).
        ``text``: whether the lines of the rows hold no byte that is not UTF-8."""
        job, context, header = self.job, self.context, self.header
        odd: list[tuple[int, list[str], str]] = []
        if len(set(map(len, rows))) != 1 or len(rows[0]) != self.width:
            rows, starts, odd = self._odd_rows(rows, starts)
        self._split(rows)
        raw_ids = self._column(rows, schema.ACLED_EVENT_ID)
        if "" in raw_ids:  # blank rows are skipped, not read
            blank = {i for i, cell in enumerate(raw_ids) if not cell and not any(c.strip() for c in rows[i])}
            if blank:
                rows = [row for i, row in enumerate(rows) if i not in blank]
                starts = [start for i, start in enumerate(starts) if i not in blank]
                self._split(rows)
                raw_ids = self._column(rows, schema.ACLED_EVENT_ID)
        count = len(rows) + len(odd)
        bad: set[int] = set()
        if rows:
            bad = self._check(rows, raw_ids, text)
        # The rows that fail a check, read by the row path: its problems are the ones reported.
        rejected: list[tuple[int, list, str]] = []
        for i in sorted(bad):
            rejected.append((starts[i], rows[i], ""))
        rejected.extend(odd)
        ids = [] if not rows else self.record_ids
        chunk_ids = [record_id for i, record_id in enumerate(ids) if i not in bad] if bad else list(ids)
        problems = []
        for start, cells, shape in sorted(rejected, key=itemgetter(0)):
            read = self.read_row(job, Line(start, dict(zip(header, map(str.strip, cells))), shape), context)
            if not read.problems:
                raise RowPathError(f"line {start}: the columnar checks and the row path disagree")
            if read.record_id:
                chunk_ids.append(read.record_id)
            problems.append(read)
        before = len(self.seen)
        self.seen.update(chunk_ids)
        if len(self.seen) - before != len(chunk_ids):
            raise RowPathError("an event id on more than one row")
        for read in problems:
            job.reject(read.line, read.problems)
        if len(bad) == len(rows):
            return None, count
        return self._incidents(starts, bad), count

    def _check(self, rows: list[list[str]], raw_ids: Sequence[str], text: bool) -> set[int]:
        """The rows that fail a check (:func:`geo.imports.acled._read_row_fast`'s checks, on
        columns; ``text``: no cell holds a byte that is not UTF-8); keeps the columns the
        incidents are made from."""
        bad: set[int] = set()
        if not text:
            bad.update(i for i, row in enumerate(rows) if NOT_UTF8.search("".join(row)))
        # event ids
        if not _ALL_IDS.fullmatch("\x00".join(raw_ids)):
            bad.update(i for i, cell in enumerate(raw_ids) if not cell or not EVENT_ID.match(cell))
        prefix = schema.ACLED_ID_PREFIX
        self.raw_ids = raw_ids
        self.record_ids = [prefix + cell for cell in map(str.lower, raw_ids)]
        # dates, read once per distinct date (and year, for a two-digit year)
        dates = self._column(rows, schema.ACLED_EVENT_DATE)
        distinct = dict.fromkeys(dates)
        if any(map(two_digit_year, distinct)):
            pairs = list(zip(dates, self._column(rows, schema.ACLED_YEAR), strict=True))
            read_pairs = {pair: acled_date(*pair) for pair in dict.fromkeys(pairs)}
            self.days = days = list(map(read_pairs.__getitem__, pairs))
            unread = None in read_pairs.values()
        else:  # the year column is not read
            read_dates = {text: acled_date(text) for text in distinct}
            self.days = days = list(map(read_dates.__getitem__, dates))
            unread = None in read_dates.values()
        if unread:
            bad.update(i for i, day in enumerate(days) if day is None)
        # precision codes
        self.time_codes = self._codes(rows, schema.ACLED_TIME_PRECISION, self.context.has_time_precision, bad)
        self.geo_codes = self._codes(rows, schema.ACLED_GEO_PRECISION, self.context.has_geo_precision, bad)
        # event types, once per distinct (type, sub-event type, inter1, actor1)
        types = self._column(rows, schema.ACLED_EVENT_TYPE)
        subs = self._column(rows, schema.ACLED_SUB_EVENT_TYPE)
        self.inter1 = inter1 = self._column(rows, schema.ACLED_INTER1)
        self.actor1 = actor1 = self._column(rows, schema.ACLED_ACTOR1)
        if any(event_type_key(text) == _RIOTS_PROTESTS for text in dict.fromkeys(types)):
            codes, first = distinct_rows(types, subs, inter1, actor1)
            found = [acled_event_type(types[i], subs[i], inter1=inter1[i], actor1=actor1[i]) for i in first.tolist()]
        else:  # only the old Riots/Protests reads inter1 and actor1
            codes, first = distinct_rows(types, subs)
            found = [acled_event_type(types[i], subs[i]) for i in first.tolist()]
        self.raw_subs = subs
        self.event_types = _spread([kind for kind, _sub in found], codes)
        self.sub_event_types = _spread([sub for _kind, sub in found], codes)
        if any(not kind for kind, _sub in found):
            bad.update(i for i, kind in enumerate(self.event_types) if not kind)
        if "" in actor1:
            bad.update(i for i, name in enumerate(actor1) if not name)
        # points, on arrays
        self.latitudes = self._column(rows, schema.ACLED_LATITUDE)
        self.longitudes = self._column(rows, schema.ACLED_LONGITUDE)
        self.lats = np.array(_floats(self.latitudes), dtype=np.float64)
        self.lons = np.array(_floats(self.longitudes), dtype=np.float64)
        with np.errstate(invalid="ignore"):
            wrong = ~((np.abs(self.lats) <= 90.0) & (np.abs(self.lons) <= 180.0))
        wrong |= (self.lats == 0.0) & (self.lons == 0.0)
        if wrong.any():
            bad.update(np.flatnonzero(wrong).tolist())
        # fatalities, once per distinct cell
        fatalities = self._column(rows, schema.ACLED_FATALITIES)
        counts_of = {cell: whole_count(cell) if cell else None for cell in dict.fromkeys(fatalities)}
        if any(cell and number is None for cell, number in counts_of.items()):
            bad.update(i for i, cell in enumerate(fatalities) if cell and counts_of[cell] is None)
        written = {cell: "" if number is None else str(number) for cell, number in counts_of.items()}
        self.fatalities = list(map(written.__getitem__, fatalities))
        self.rows = rows
        return bad

    def _codes(self, rows: list[list[str]], column: str, present: bool, bad: set[int]) -> Sequence[str]:
        """A precision column's codes ("" for each row when the file has no such column);
        the rows whose code is not 1, 2 or 3 are added to ``bad``."""
        if not present:
            return [""] * len(rows)
        codes = self._column(rows, column)
        if not set(codes) <= _PRECISIONS.keys():
            bad.update(i for i, code in enumerate(codes) if code not in _PRECISIONS)
        return codes

    def _incidents(self, starts: list[int], bad: set[int]) -> list[Sequence[str]]:
        """The incidents of the rows that pass every check, as columns."""
        job, context, rows = self.job, self.context, self.rows
        good = [i for i in range(len(rows)) if i not in bad] if bad else None

        def pick(cells: Sequence[Any]) -> Sequence[Any]:
            return cells if good is None else [cells[i] for i in good]

        lines = pick(starts)
        count = len(lines)
        days = pick(self.days)
        record_ids, raw_ids = pick(self.record_ids), pick(self.raw_ids)
        time_codes, geo_codes = pick(self.time_codes), pick(self.geo_codes)
        event_types, sub_event_types, raw_subs = pick(self.event_types), pick(self.sub_event_types), pick(self.raw_subs)
        lats, lons = (self.lats, self.lons) if good is None else (self.lats[good], self.lons[good])
        cells = {
            column: pick(self._column(rows, column))
            for column in (
                schema.ACLED_ASSOC_ACTOR_1,
                schema.ACLED_ACTOR2,
                schema.ACLED_ASSOC_ACTOR_2,
                ACLED_INTER2,
                schema.ACLED_LOCATION,
                schema.ACLED_ISO,
                schema.ACLED_COUNTRY,
                schema.ACLED_ADMIN1,
                schema.ACLED_ADMIN2,
                schema.ACLED_NOTES,
                schema.ACLED_SOURCE,
            )
        }
        isos = cells[schema.ACLED_ISO]
        codes = {text: whole_count(text) if text else None for text in dict.fromkeys(isos)}
        if all(number in ACLED_COUNTRIES for number in codes.values()):  # the country's name is not read
            countries_of = {text: country_of(text, "") for text in codes}
            countries = list(map(countries_of.__getitem__, isos))
        else:
            pairs = list(zip(isos, cells[schema.ACLED_COUNTRY], strict=True))
            countries_of = {pair: country_of(*pair) for pair in dict.fromkeys(pairs)}
            countries = list(map(countries_of.__getitem__, pairs))
        # sub-event types that the event type does not have: written without one, and said
        unknown = [i for i, sub in enumerate(sub_event_types) if not sub] if "" in sub_event_types else []
        for i in unknown:
            raw_sub = raw_subs[i]
            if raw_sub:
                job.warn(
                    f"sub-event type {raw_sub!r} is not one of {event_types[i]}'s; the incident is written without one",
                    line=lines[i],
                    column=schema.ACLED_SUB_EVENT_TYPE,
                    value=raw_sub,
                )
        actor1, actor2, assoc = self._actors(
            lines,
            days,
            countries,
            pick(self.actor1),
            cells[schema.ACLED_ASSOC_ACTOR_1],
            pick(self.inter1),
            cells[schema.ACLED_ACTOR2],
            cells[schema.ACLED_ASSOC_ACTOR_2],
            cells[ACLED_INTER2],
        )
        place_ids = job.place_columns(
            lines=lines,
            column=schema.ACLED_LOCATION,
            names=cells[schema.ACLED_LOCATION],
            countries=countries,
            admin1s=cells[schema.ACLED_ADMIN1],
            admin2s=cells[schema.ACLED_ADMIN2],
            lats=lats,
            lons=lons,
        )
        if context.has_time_precision:
            numbers, first = distinct_rows(days, time_codes)
            made_dates = [acled_edtf(days[i], _PRECISIONS[time_codes[i]]) for i in first.tolist()]
        else:
            numbers, first = distinct_rows(days)
            made_dates = [acled_edtf(days[i], 3) for i in first.tolist()]
        dates = _spread(made_dates, numbers)
        # claims from the territorial sub-events (actor1 holds the place, as a dyadic row says)
        territorial = TERRITORIAL_SUB_EVENTS.keys()
        for i in [i for i, sub in enumerate(sub_event_types) if sub in territorial]:
            sub = sub_event_types[i]
            self._claim(lines[i], raw_ids[i], record_ids[i], actor1[i], place_ids[i], dates[i], event_types[i], sub)
        empty = [""] * count
        made = {
            schema.ID: record_ids,
            schema.DATE: dates,
            schema.PLACE: place_ids,
            schema.LOCATION: cells[schema.ACLED_LOCATION],
            schema.LATITUDE: pick(self.latitudes),
            schema.LONGITUDE: pick(self.longitudes),
            schema.PRECISION: geo_codes if context.has_geo_precision else ["3"] * count,
            schema.EVENT_TYPE: event_types,
            schema.SUB_EVENT_TYPE: sub_event_types,
            schema.ACTOR1: actor1,
            schema.ACTOR2: actor2,
            schema.ASSOC_ACTORS: assoc,
            schema.FATALITIES_BEST: pick(self.fatalities),
            schema.SOURCES: [schema.ACLED_SOURCE_ID] * count,
            schema.NOTE: _notes(cells[schema.ACLED_NOTES], cells[schema.ACLED_SOURCE]),
            schema.GEO_PRECISION_CODE: geo_codes,
            schema.TIME_PRECISION_CODE: time_codes,
        }
        return [made.get(column, empty) for column in schema.INCIDENT_COLUMNS]

    def _claim(
        self,
        line: int,
        raw_id: str,
        record_id: str,
        claimant: str,
        place: str,
        date: str,
        event_type: str,
        sub_event_type: str,
    ) -> None:
        """The claim of a territorial incident (:func:`geo.imports.acled_events.event_claims`)."""
        why = "" if place else "the incident has no gazetteer place id (a claim needs a place)"
        if not claimant or why:
            self.job.report.claims_skipped.append(
                ReportEntry(
                    schema.WARNING,
                    line,
                    schema.ACLED_SUB_EVENT_TYPE,
                    sub_event_type,
                    f"no claim made from event {raw_id} ({record_id}): {why}",
                )
            )
            return
        self.context.claims.append(
            {
                schema.ID: CLAIM_ID_PREFIX + raw_id.lower(),
                schema.ACTOR: claimant,
                schema.STATUS: TERRITORIAL_SUB_EVENTS[sub_event_type],
                schema.PLACE: place,
                schema.START: date,
                schema.END: "",
                schema.TIER: schema.CLAIMED,
                schema.SAID_BY: "",
                schema.SOURCES: schema.ACLED_SOURCE_ID,
                schema.NOTE: f"From ACLED event {raw_id} ({event_type} / {sub_event_type}), incident {record_id}.",
            }
        )

    def _actors(
        self,
        lines: Sequence[int],
        days: Sequence[Any],
        countries: Sequence[str],
        actor1: Sequence[str],
        assoc1: Sequence[str],
        inter1: Sequence[str],
        actor2: Sequence[str],
        assoc2: Sequence[str],
        inter2: Sequence[str],
    ) -> tuple[list[str], list[str], list[str]]:
        """actor1, actor2 and assoc_actors of each incident: the names of a row are mapped
        once per distinct (names, codes, country), and per day too when the alias table's
        rules for one of them depend on the date. The mappings are made, and counted, in
        the order of the rows, as the row path makes them."""
        job = self.job
        columns = (actor1, assoc1, inter1, actor2, assoc2, inter2, countries)
        codes, first = distinct_rows(*columns)
        signatures = [tuple(column[i] for column in columns) for i in first.tolist()]
        dated = []
        for signature in signatures:
            a1, s1, _i1, a2, s2, _i2, _country = signature
            names = (a1, a2, *actor_names(s1), *actor_names(s2))
            dated.append(any(job.conditional(name) for name in names if name))
        if any(dated):  # the day too, for the rows whose names have rules that depend on it
            on_day = np.array(dated, dtype=bool)[codes]
            day_codes, _first = distinct_rows(days)
            codes, first = distinct_rows(codes, np.where(on_day, day_codes + 1, 0))
        # each key numbered in the order of its first row, so that the first row of each is
        # found, and the rows counted, on arrays
        first_rows = first.tolist()
        times = np.bincount(codes, minlength=len(first_rows))
        found = [
            self._map(tuple(column[i] for column in columns), lines[i], days[i], count)
            for i, count in zip(first_rows, times.tolist(), strict=True)
        ]
        return tuple(_spread([ids[side] for ids in found], codes) for side in range(3))  # type: ignore[return-value]

    def _map(self, signature: tuple[str, ...], line: int, day, times: int) -> tuple[str, str, str]:
        """Map the names of one row (:func:`geo.imports.acled_events.write_incident`), and
        count them for the ``times - 1`` other rows that name them too."""
        job = self.job
        name1, assoc1, text1, name2, assoc2, text2, country = signature
        inter1, inter2 = acled_inter(text1), acled_inter(text2)
        sides = [(name1, actor_names(assoc1), inter1, schema.ACLED_ACTOR1, schema.ACLED_ASSOC_ACTOR_1)]
        if name2:
            sides.append((name2, actor_names(assoc2), inter2, schema.ACLED_ACTOR2, schema.ACLED_ASSOC_ACTOR_2))
        elif assoc2:
            both = actor_names(assoc1) + actor_names(assoc2)
            sides[0] = (name1, both, inter1, schema.ACLED_ACTOR1, schema.ACLED_ASSOC_ACTOR_1)
        uses: list = []
        ids = [
            job.actor(name, line=line, column=column, inter=inter, country=country, day=day, uses=uses)
            for name, _assoc, inter, column, _assoc_column in sides
        ]
        actor1, actor2 = ids[0], (ids[1] if len(ids) > 1 else "")
        assoc: list[str] = []
        for _name, names, inter, _column, assoc_column in sides:
            for name in names:
                actor_id = job.actor(
                    name, line=line, column=assoc_column, inter=inter, country=country, day=day, uses=uses
                )
                if actor_id not in assoc and actor_id not in (actor1, actor2):
                    assoc.append(actor_id)
        job.count_again(uses, times - 1)
        return actor1, actor2, schema.MULTI_SEPARATOR.join(assoc)


def _spread(values: Sequence[Any], codes: np.ndarray) -> list[Any]:
    """``values[code]`` for each of ``codes`` (on arrays)."""
    table = np.empty(len(values), dtype=object)
    table[:] = values
    return table[codes].tolist()


def _notes(notes: Sequence[str], sources: Sequence[str]) -> list[str]:
    """The incident notes: the row's notes, then ``(ACLED source: ...)``, white space
    squeezed (:func:`geo.imports.reader.clean_note`, run only on the notes that need it)."""
    said = {source: clean_note(f"(ACLED source: {source})") if source else "" for source in dict.fromkeys(sources)}
    parts = list(map(said.__getitem__, sources))
    made = [f"{note} {part}" if note and part else (note or part) for note, part in zip(notes, parts, strict=True)]
    joined = "\x00".join(notes)
    if "  " in joined or _other_space(joined):
        for i, note in enumerate(notes):
            if _IRREGULAR_SPACE.search(note):
                made[i] = clean_note(note, parts[i])
    return made
