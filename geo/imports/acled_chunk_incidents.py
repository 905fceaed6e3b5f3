"""The incidents of a chunk of an ACLED export's rows (:mod:`geo.imports.acled_columns`),
once its rows are checked: countries, actors mapped once per distinct set of names,
places resolved once per distinct name and measured on arrays, dates, the claims of
territorial sub-events, and the notes, as the columns of ``incidents.csv``."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from operator import itemgetter, not_
from typing import Any, cast

import numpy as np

from .. import schema
from .._arrow import drawn_array, holds, string_bytes, string_scalar, strings
from .._csv_batches import ArrowStrings
from .._distinct import (
    Drawn,
    as_drawn,
    cells_at,
    distinct_cells,
    distinct_rows,
    mapped,
    repeated,
    rows_where,
    spread,
    take,
)
from .._whitespace import ASCII_NOT_SPACE, NOT_SPACES, re2_class
from .acled_chunk_cells import ChunkCells
from .acled_codes import PRECISIONS, TERRITORIAL_SUB_EVENTS, acled_edtf, acled_inter, actor_names
from .acled_events import ACLED_INTER2, CLAIM_ID_PREFIX
from .actors import Mapping
from .csv_writer import Column, Deferred
from .job import ACLED_COUNTRIES, country_of
from .reader import clean_note, whole_count
from .report import ReportEntry

__all__ = ["ChunkIncidents", "incident_notes", "record_ids"]

# The columns read that the checks do not keep (they keep the others, checked), cut here:
# the notes, the place and the actors other than actor1.
_CUT_HERE = (
    schema.ACLED_NOTES,
    schema.ACLED_SOURCE,
    schema.ACLED_LOCATION,
    schema.ACLED_ISO,
    schema.ACLED_COUNTRY,
    schema.ACLED_ADMIN1,
    schema.ACLED_ADMIN2,
    schema.ACLED_ASSOC_ACTOR_1,
    schema.ACLED_ACTOR2,
    schema.ACLED_ASSOC_ACTOR_2,
    ACLED_INTER2,
)
# White space that clean_note would change: anything but one space between words.
_IRREGULAR_SPACE = re.compile(r"[^\S ]| {2}")
_IRREGULAR_SPACE_RE2 = re2_class(NOT_SPACES) + "|  "  # (the same, in pyarrow's regular expressions)
_TWO_SPACES = int.from_bytes(b"  ", "little")  # (two bytes read as one number, in either order)


class ChunkIncidents(ChunkCells):
    """Makes the incidents of the rows of a chunk that pass every check (the checks, in
    :class:`geo.imports.acled_chunks.Chunks`, keep the columns read below)."""

    # kept by the checks, one item per row of the chunk
    raw_ids: Sequence[str]
    days: Sequence[Any]
    time_codes: Sequence[str]
    geo_codes: Sequence[str]
    event_types: Sequence[str]
    sub_event_types: Sequence[str]
    raw_subs: Sequence[str]
    actor1: Sequence[str]
    inter1: Sequence[str]
    latitudes: Sequence[str]
    longitudes: Sequence[str]
    lats: np.ndarray
    lons: np.ndarray
    fatalities: Sequence[str]

    def incidents(self, starts: list[int], bad: set[int]) -> list[Column]:
        """The incidents of the rows that pass every check, as columns (the notes
        :class:`~geo.imports.csv_writer.Deferred`)."""
        job, context = self.job, self.context
        good = [i for i in range(self.count) if i not in bad] if bad else None

        def pick(cells: Sequence[Any]) -> Sequence[Any]:
            return cells if good is None else take(cells, good)

        lines = pick(starts)
        count = len(lines)
        days = pick(self.days)
        raw_ids = pick(self.raw_ids)
        time_codes, geo_codes = pick(self.time_codes), pick(self.geo_codes)
        event_types, sub_event_types, raw_subs = pick(self.event_types), pick(self.sub_event_types), pick(self.raw_subs)
        lats, lons = (self.lats, self.lons) if good is None else (self.lats[good], self.lons[good])
        latitudes, longitudes = pick(self.latitudes), pick(self.longitudes)
        cells = {column: pick(self.column(column)) for column in _CUT_HERE}
        isos = cells[schema.ACLED_ISO]
        codes = {text: whole_count(text) if text else None for text in distinct_cells(isos)}
        if all(number in ACLED_COUNTRIES for number in codes.values()):  # the country's name is not read
            countries = mapped(isos, lambda text: country_of(text, ""))
        else:
            pairs = list(zip(isos, cells[schema.ACLED_COUNTRY], strict=True))
            countries_of = {pair: country_of(*pair) for pair in dict.fromkeys(pairs)}
            countries = list(map(countries_of.__getitem__, pairs))
        # sub-event types that the event type does not have: written without one, and said
        for i in rows_where(sub_event_types, not_) if "" in sub_event_types else []:
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
            points=distinct_rows(latitudes, longitudes)[0],
        )
        dates = self._dates(days, time_codes if context.has_time_precision else repeated("3", count))
        # claims from the territorial sub-events (actor1 holds the place, as a dyadic row says)
        territorial = np.array(rows_where(sub_event_types, TERRITORIAL_SUB_EVENTS.__contains__), dtype=np.int64)
        if len(territorial):
            claimed = (raw_ids, actor1, place_ids, dates, event_types, sub_event_types)
            at = [cells_at(column, territorial) for column in claimed]
            for i, *claim in zip(territorial.tolist(), *at, strict=True):
                self._claim(lines[i], *claim)
        empty = repeated("", count)
        made = {
            schema.ID: record_ids(raw_ids),
            schema.DATE: dates,
            schema.PLACE: place_ids,
            schema.LOCATION: cells[schema.ACLED_LOCATION],
            schema.LATITUDE: latitudes,
            schema.LONGITUDE: longitudes,
            schema.PRECISION: geo_codes if context.has_geo_precision else repeated("3", count),
            schema.EVENT_TYPE: event_types,
            schema.SUB_EVENT_TYPE: sub_event_types,
            schema.ACTOR1: actor1,
            schema.ACTOR2: actor2,
            schema.ASSOC_ACTORS: assoc,
            schema.FATALITIES_BEST: pick(self.fatalities),
            schema.SOURCES: repeated(schema.ACLED_SOURCE_ID, count),
            # (made where the rows are written: in the writer's process, for a big export)
            schema.NOTE: Deferred(incident_notes, (cells[schema.ACLED_NOTES], cells[schema.ACLED_SOURCE])),
            schema.GEO_PRECISION_CODE: geo_codes,
            schema.TIME_PRECISION_CODE: time_codes,
        }
        return [made.get(column, empty) for column in schema.INCIDENT_COLUMNS]

    def _claim(
        self,
        line: int,
        raw_id: str,
        claimant: str,
        place: str,
        date: str,
        event_type: str,
        sub_event_type: str,
    ) -> None:
        """The claim of a territorial incident (:func:`geo.imports.acled_events.event_claims`)."""
        record_id = schema.ACLED_ID_PREFIX + raw_id.lower()
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
        the order of the rows, as the row path makes them (the rows of later chunks naming
        a set mapped before are counted at the end: :meth:`count_actors`)."""
        columns = (actor1, assoc1, inter1, actor2, assoc2, inter2, countries)
        codes, first = distinct_rows(*columns)
        signatures = list(zip(*(cells_at(column, first) for column in columns), strict=True))
        dated = list(map(self._dated, signatures))
        on_day = None
        if any(dated):  # the day too, for the rows whose names have rules that depend on it
            on_day = np.array(dated, dtype=bool)[codes]
            day_codes, _first = distinct_rows(days)
            codes, first = distinct_rows(codes, np.where(on_day, day_codes + 1, 0))
        # each key numbered in the order of its first row, so that the first row of each is
        # found, and the rows counted, on arrays
        first_rows = first.tolist()
        times = np.bincount(codes, minlength=len(first_rows))
        keys: list[Any] = signatures  # (a set of names, or it and the day when a rule depends on it)
        if on_day is not None:  # (numbered again with the days: the rows' names again)
            signatures = list(zip(*(cells_at(column, first) for column in columns), strict=True))
            dated_first = on_day[first].tolist()
            keys = [(s, days[i]) if d else s for s, i, d in zip(signatures, first_rows, dated_first, strict=True)]
        known = len(self.uses)  # (sets mapped in earlier chunks)
        found = list(map(self.mapped.get, keys))
        for n, entry in enumerate(found):
            if entry is None:  # the first rows naming these actors: mapped, and counted
                i = first_rows[n]
                found[n] = self.mapped[keys[n]] = self._map(signatures[n], lines[i], days[i], int(times[n]))
        sets = cast(list[tuple[tuple[str, str, str], int]], found)  # (each one mapped now)
        numbers = np.fromiter(map(itemgetter(1), sets), np.int64, len(sets))
        # mapped in an earlier chunk: counted at the end (count_actors)
        if len(self.again) < len(self.uses):
            self.again = np.concatenate([self.again, np.zeros(len(self.uses) - len(self.again), dtype=np.int64)])
        before = numbers < known
        np.add.at(self.again, numbers[before], times[before])
        ids = list(map(itemgetter(0), sets))
        return tuple(spread([each[side] for each in ids], codes) for side in range(3))  # type: ignore[return-value]

    def count_actors(self) -> None:
        """Count, once every chunk is made, the rows of later chunks naming sets of actors
        mapped in an earlier one (their sums kept by :meth:`_actors`)."""
        for n in np.flatnonzero(self.again).tolist():
            self.job.count_again(self.uses[n], int(self.again[n]))
        self.again[:] = 0

    def _dates(self, days: Sequence[Any], codes: Sequence[str]) -> Drawn:
        """The EDTF date of each row (:func:`acled_edtf` of its day and time precision
        code), each (day, precision) made once in the import and kept by a number: the
        day's ordinal times four, plus the precision (no tuple made a row, or a pair)."""
        days, codes = as_drawn(days), as_drawn(codes)
        # (a table may hold values no row kept draws: a day not read, a code not known)
        ordinals = np.fromiter((-1 if day is None else day.toordinal() for day in days.table), np.int64)
        precisions = np.fromiter((PRECISIONS.get(code, 0) for code in codes.table), np.int64)
        keys = ordinals[days.codes] * 4 + precisions[codes.codes]
        numbers, first = distinct_rows(keys)
        distinct = keys[first].tolist()
        made = self.dates_made  # (kept from chunk to chunk)
        for key in set(distinct).difference(made):  # (each one made: its order does not matter)
            made[key] = acled_edtf(dt.date.fromordinal(key >> 2), key & 3)
        return spread(list(map(made.__getitem__, distinct)), numbers)

    def _dated(self, signature: tuple[str, ...]) -> bool:
        """Whether the alias table's rules for a name of ``signature`` (the actors'
        cells of a row) depend on the date (found once per signature in the import)."""
        dated = self._dated_signatures.get(signature)
        if dated is None:
            a1, s1, _i1, a2, s2, _i2, _country = signature
            names = (a1, a2, *actor_names(s1), *actor_names(s2))
            dated = self._dated_signatures[signature] = any(self.job.conditional(name) for name in names if name)
        return dated

    def _map(
        self, signature: tuple[str, ...], line: int, day: dt.date | None, times: int
    ) -> tuple[tuple[str, str, str], int]:
        """Map the names of one row (:func:`geo.imports.acled_events.write_incident`), and
        count them for the ``times - 1`` other rows that name them too: the ids of
        actor1, actor2 and the associated actors, and the number of the names' uses kept
        in :attr:`uses` (so that later rows naming them all, on the same day when a rule
        depends on it, are counted with :meth:`~geo.imports.job.Importer.count_again`,
        each once met already)."""
        job = self.job
        name1, assoc1, text1, name2, assoc2, text2, country = signature
        inter1, inter2 = acled_inter(text1), acled_inter(text2)
        sides = [(name1, actor_names(assoc1), inter1, schema.ACLED_ACTOR1, schema.ACLED_ASSOC_ACTOR_1)]
        if name2:
            sides.append((name2, actor_names(assoc2), inter2, schema.ACLED_ACTOR2, schema.ACLED_ASSOC_ACTOR_2))
        elif assoc2:
            both = actor_names(assoc1) + actor_names(assoc2)
            sides[0] = (name1, both, inter1, schema.ACLED_ACTOR1, schema.ACLED_ASSOC_ACTOR_1)
        uses: list[tuple[str, Mapping]] = []
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
        self.uses.append(uses)
        return (actor1, actor2, schema.MULTI_SEPARATOR.join(assoc)), len(self.uses) - 1


def record_ids(raw_ids: Sequence[str]) -> Any:
    """The record ids of well-formed event ids (``acled-`` and the id in lower case): a
    list, or pyarrow's array for ids read by pyarrow (its kernels; the ids are ASCII)."""
    if isinstance(raw_ids, ArrowStrings):
        import pyarrow.compute as pc

        lowered = pc.ascii_lower(raw_ids.stripped())
        return pc.binary_join_element_wise(string_scalar(schema.ACLED_ID_PREFIX), lowered, string_scalar(""))
    return [schema.ACLED_ID_PREFIX + cell.lower() for cell in raw_ids]


def incident_notes(notes: Sequence[str], sources: Sequence[str]) -> Any:
    """The incident notes: the row's notes, then ``(ACLED source: ...)``, white space
    squeezed (:func:`geo.imports.reader.clean_note`, run only on the notes that need it).

    A list of strings; pyarrow's array for notes read by pyarrow
    (:class:`~geo._csv_batches.ArrowStrings`), made by its kernels, Python's only for
    the notes whose white space needs squeezing."""
    said = {source: clean_note(f"(ACLED source: {source})") if source else "" for source in distinct_cells(sources)}
    if isinstance(notes, ArrowStrings):  # (the parts numbered as the sources: in the order of their first row)
        return _arrow_notes(notes, spread(list(said.values()), distinct_rows(sources)[0]))
    parts = list(map(said.__getitem__, sources))
    made = [f"{note} {part}" if note and part else (note or part) for note, part in zip(notes, parts, strict=True)]
    joined = "\x00".join(notes)
    if "  " in joined or _other_space(joined):
        for i, note in enumerate(notes):
            if _IRREGULAR_SPACE.search(note):
                made[i] = clean_note(note, parts[i])
    return made


def _arrow_notes(notes: ArrowStrings, parts: Drawn) -> Any:
    """:func:`incident_notes` of notes held by pyarrow, with the part said of each row's source."""
    import pyarrow.compute as pc

    note = notes.stripped()
    part = drawn_array(parts.table, parts.codes)
    nothing = string_scalar("")
    both = pc.binary_join_element_wise(note, part, string_scalar(" "))
    made = pc.if_else(pc.equal(note, nothing), part, pc.if_else(pc.equal(part, nothing), note, both))
    if not _maybe_irregular(note):
        return made
    irregular = pc.match_substring_regex(note, _IRREGULAR_SPACE_RE2)
    if pc.any(irregular).as_py():
        squeezed = map(clean_note, note.filter(irregular).to_pylist(), part.filter(irregular).to_pylist())
        made = pc.replace_with_mask(made, irregular, strings(list(squeezed)))
    return made


def _maybe_irregular(notes: Any) -> bool:
    """Whether a cell of pyarrow's array ``notes`` may hold white space other than single
    spaces: such a character, or two spaces, in their bytes (a pass over them, faster
    than the regular expression, which then finds the cells)."""
    _offsets, data = string_bytes(notes)
    if holds(data, NOT_SPACES):
        return True
    even, odd = len(data) // 2 * 2, (len(data) - 1) // 2 * 2  # two spaces: a pair of bytes, at each alignment
    return bool(
        (data[:even].view(np.uint16) == _TWO_SPACES).any() or (data[1 : 1 + odd].view(np.uint16) == _TWO_SPACES).any()
    )


def _other_space(text: str) -> bool:
    """Whether ``text`` holds white space other than the space (a search of the text for
    each such character is much faster than a regular expression)."""
    return any(character in text for character in (ASCII_NOT_SPACE if text.isascii() else NOT_SPACES))
