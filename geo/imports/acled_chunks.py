"""The checks of a chunk of an ACLED export's rows (:mod:`geo.imports.acled_columns`),
made on columns: each date, precision code, event type and fatality count read once per
distinct value, the points on arrays; the rows that fail one are handed to the row
path's reader (:func:`geo.imports.acled_rows.read_row`), whose problems are reported."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from operator import itemgetter, not_
from typing import Any

import numpy as np

from .. import schema
from .._csv_batches import Batch
from .._distinct import Cells, cells_at, distinct_cells, distinct_rows, rows_where, spread, take
from .acled_chunk_incidents import ChunkIncidents
from .acled_codes import PRECISIONS, acled_date, acled_event_type, event_type_key, two_digit_year
from .acled_event_ids import EventIds, RowPathError
from .csv_writer import Column
from .reader import NOT_UTF8, Line, whole_count

__all__ = ["Chunks", "RowPathError"]

_RIOTS_PROTESTS = "riots/protests"  # the old event type whose event type depends on inter1 and actor1


class Chunks(ChunkIncidents):
    """Checks, resolves and lays out the incidents of one chunk of rows after another."""

    def chunk(self, rows: list[list[str]], starts: list[int], text: bool) -> tuple[list[Column] | None, int]:
        """The incidents of ``rows`` (read by ``csv.reader``) as columns
        (:data:`geo.schema.INCIDENT_COLUMNS`), or ``None`` when none is written; and the
        number of rows read (blank rows are not). ``text``: whether the lines of the rows
        hold no byte that is not UTF-8."""
        odd: list[tuple[int, list[str], str]] = []
        if len(set(map(len, rows))) != 1 or len(rows[0]) != self.width:
            rows, starts, odd = self.odd_rows(rows, starts)
        self.split(rows)
        return self._chunk(rows.__getitem__, starts, odd, text)

    def chunk_batch(self, batch: Batch) -> tuple[list[Column] | None, int]:
        """:meth:`chunk` for a batch read by pyarrow (:mod:`geo._csv_batches`):
        every row of the header's width, every byte UTF-8."""
        self.cells = dict(batch.cells)
        self.count = batch.count
        return self._chunk(batch.row, batch.starts, [], True)

    def _chunk(
        self, row: Callable[[int], list[str]], starts: list[int], odd: list[tuple[int, list[str], str]], text: bool
    ) -> tuple[list[Column] | None, int]:
        """:meth:`chunk` once the cells are cut (``row``: the cells of a row, by index)."""
        job, context, header = self.job, self.context, self.header
        raw_ids = self.column(schema.ACLED_EVENT_ID)
        empty = EventIds.empty_rows(raw_ids)
        if empty:  # blank rows are skipped, not read
            blank = {i for i in empty if not any(c.strip() for c in row(i))}
            if blank:
                kept = [i for i in range(self.count) if i not in blank]
                starts = [starts[i] for i in kept]
                self.cells = {name: take(cells, kept) for name, cells in self.cells.items()}
                self.count = len(kept)
                row = _renumbered(row, kept)
                raw_ids = self.column(schema.ACLED_EVENT_ID)
        count = self.count + len(odd)
        bad: set[int] = set()
        if self.count:
            bad = self._check(row, raw_ids, text)
        # The rows that fail a check, read by the row path: its problems are the ones reported.
        rejected: list[tuple[int, list, str]] = []
        for i in sorted(bad):
            rejected.append((starts[i], row(i), ""))
        rejected.extend(odd)
        rejected_ids = []  # the record ids the row path gives the rows rejected
        problems = []
        for start, cells, shape in sorted(rejected, key=itemgetter(0)):
            read = self.read_row(job, Line(start, dict(zip(header, map(str.strip, cells))), shape), context)
            if not read.problems:
                raise RowPathError(f"line {start}: the columnar checks and the row path disagree")
            if read.record_id:
                rejected_ids.append(read.record_id)
            problems.append(read)
        self.event_ids.add(self.raw_ids if self.count else [], bad, rejected_ids)
        for read in problems:
            job.reject(read.line, read.problems)
        if len(bad) == self.count:
            return None, count
        return self.incidents(starts, bad), count

    def _check(self, row: Callable[[int], list[str]], raw_ids: Sequence[str], text: bool) -> set[int]:
        """The rows that fail a check (:func:`geo.imports.acled_rows.read_row_fast`'s checks, on
        columns; ``text``: no cell holds a byte that is not UTF-8); keeps the columns the
        incidents are made from."""
        bad: set[int] = set()
        if not text:
            bad.update(i for i in range(self.count) if NOT_UTF8.search("".join(row(i))))
        bad.update(EventIds.malformed_rows(raw_ids))
        self.raw_ids = raw_ids
        # dates, each read once in the file (and with the year, for a two-digit year)
        dates = self.column(schema.ACLED_EVENT_DATE)
        distinct = distinct_cells(dates)
        read = self.dates_read
        for cell in set(distinct).difference(read):  # (each one read: its order does not matter)
            read[cell] = None if two_digit_year(cell) else acled_date(cell)
        read_dates = list(map(read.__getitem__, distinct))
        days: Sequence[Any]
        if None in read_dates and any(map(two_digit_year, distinct)):
            pairs = list(zip(dates, self.column(schema.ACLED_YEAR), strict=True))
            read_pairs = {pair: acled_date(*pair) for pair in dict.fromkeys(pairs)}
            days = list(map(read_pairs.__getitem__, pairs))
            unread = None in read_pairs.values()
        else:  # the year column is not read (each row's day drawn from its cell's)
            days = spread(read_dates, dates.codes) if isinstance(dates, Cells) else list(map(read.__getitem__, dates))
            unread = None in read_dates
        self.days = days
        if unread:
            bad.update(rows_where(days, _is_none))
        # precision codes
        self.time_codes = self._codes(schema.ACLED_TIME_PRECISION, self.context.has_time_precision, bad)
        self.geo_codes = self._codes(schema.ACLED_GEO_PRECISION, self.context.has_geo_precision, bad)
        # event types, once per distinct (type, sub-event type, inter1, actor1)
        types = self.column(schema.ACLED_EVENT_TYPE)
        subs = self.column(schema.ACLED_SUB_EVENT_TYPE)
        self.inter1 = inter1 = self.column(schema.ACLED_INTER1)
        self.actor1 = actor1 = self.column(schema.ACLED_ACTOR1)
        if any(event_type_key(text) == _RIOTS_PROTESTS for text in distinct_cells(types)):
            codes, first = distinct_rows(types, subs, inter1, actor1)
            at = zip(*(cells_at(column, first) for column in (types, subs, inter1, actor1)), strict=True)
            found = [acled_event_type(kind, sub, inter1=inter, actor1=actor) for kind, sub, inter, actor in at]
        else:  # only the old Riots/Protests reads inter1 and actor1
            codes, first = distinct_rows(types, subs)
            found = list(map(acled_event_type, cells_at(types, first), cells_at(subs, first)))
        self.raw_subs = subs
        self.event_types = spread([kind for kind, _sub in found], codes)
        self.sub_event_types = spread([sub for _kind, sub in found], codes)
        if any(not kind for kind, _sub in found):
            bad.update(rows_where(self.event_types, not_))
        if "" in actor1:
            bad.update(rows_where(actor1, not_))
        # points, on arrays
        self.latitudes = self.column(schema.ACLED_LATITUDE)
        self.longitudes = self.column(schema.ACLED_LONGITUDE)
        self.lats = _floats(self.latitudes)
        self.lons = _floats(self.longitudes)
        with np.errstate(invalid="ignore"):
            wrong = ~((np.abs(self.lats) <= 90.0) & (np.abs(self.lons) <= 180.0))
        wrong |= (self.lats == 0.0) & (self.lons == 0.0)
        if wrong.any():
            bad.update(np.flatnonzero(wrong).tolist())
        # fatalities, once per distinct cell
        fatalities = self.column(schema.ACLED_FATALITIES)
        counts_of = {cell: whole_count(cell) if cell else None for cell in distinct_cells(fatalities)}
        if any(cell and number is None for cell, number in counts_of.items()):
            bad.update(rows_where(fatalities, lambda cell: cell and counts_of[cell] is None))
        written = {cell: "" if number is None else str(number) for cell, number in counts_of.items()}
        if isinstance(fatalities, Cells):  # drawn from the counts written (checked once each)
            self.fatalities = spread([written[cell] for cell in fatalities.distinct], fatalities.codes)
        else:
            self.fatalities = list(map(written.__getitem__, fatalities))
        return bad

    def _codes(self, column: str, present: bool, bad: set[int]) -> Sequence[str]:
        """A precision column's codes ("" for each row when the file has no such column);
        the rows whose code is not 1, 2 or 3 are added to ``bad``."""
        if not present:
            return [""] * self.count
        codes = self.column(column)
        if not set(distinct_cells(codes)) <= PRECISIONS.keys():
            bad.update(rows_where(codes, lambda code: code not in PRECISIONS))
        return codes


def _is_none(value: object) -> bool:
    return value is None


def _renumbered(row: Callable[[int], list[str]], kept: list[int]) -> Callable[[int], list[str]]:
    """``row`` for the rows ``kept``, numbered again from 0."""
    return lambda i: row(kept[i])


def _floats(cells: Sequence[str]) -> np.ndarray:
    """``float`` of each cell (once per distinct cell when they come numbered), NaN for a
    cell that is not a number."""
    if isinstance(cells, Cells):
        return np.array(_float_list(cells.distinct), dtype=np.float64)[cells.codes]
    return np.array(_float_list(cells), dtype=np.float64)


def _float_list(cells: Sequence[str]) -> list[float]:
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
