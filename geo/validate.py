"""Check a seeds folder: every cell of every record, and every reference between them.

:func:`validate_seeds` returns a list of :class:`~geo.seeds.Problem`, each naming the
file, the line, the column and the value, what is wrong and how to fix it. An empty list
means the records are clean. ``geo validate`` prints them.

Duplicates: two curated records equal in every cell but the id, or equal on the key
columns (incidents: date, place, event type, actor1, actor2) and citing a common
source, are a problem. Records imported from a dataset (ids ``acled-...``, ``ucdp-...``,
and the claims ``clm-acled-...``) are never such a problem: different ids of one dataset
are different events, and the same event in two datasets is found by
:func:`likely_duplicates`, a list to review (``geo validate --duplicates FILE.csv``)
that blocks nothing.
"""

from __future__ import annotations

import datetime as dt
import difflib
import math
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from operator import itemgetter

from . import schema
from ._input import MAX_COUNT
from .actors import ActorIndex, parse_affiliation
from .dates import DateInterval, parse_date
from .errors import InputError, PlaceNotFoundError
from .gazetteer import Gazetteer
from .seeds import Problem, Row, Seeds, Table, split_cell

__all__ = ["DUPLICATE_COLUMNS", "Duplicate", "dataset_of", "likely_duplicates", "validate_seeds"]

# The id prefixes of the records geo import makes, by dataset.
DATASET_PREFIXES = {
    schema.ACLED_ID_PREFIX: "acled",
    schema.ACLED_CLAIM_ID_PREFIX: "acled",
    schema.UCDP_ID_PREFIX: "ucdp",
}
# Two records of different datasets are likely the same event when their dates are at most
# this many days apart, their points at most this many km, and they share an actor.
DUPLICATE_DAYS = 2
DUPLICATE_KM = 5.0
# Records dated more loosely than this (a month, a year) are not matched.
DUPLICATE_MAX_SPAN_DAYS = 31
DUPLICATE_COLUMNS = (
    "id_a",
    "dataset_a",
    "line_a",
    "id_b",
    "dataset_b",
    "line_b",
    "date_a",
    "date_b",
    "days_apart",
    "km_apart",
    "shared_actors",
)

ID_PATTERN = re.compile(schema.ID_REGEX)
COLOUR_PATTERN = re.compile(r"^#[0-9a-fA-F]{6}$")
DATE_HINT = "write an EDTF date such as 2022-03-08, 2022-03, 2022-06-11/2022-06-12 or 2022-03~ (seeds/README.md, Dates)"
NUMBER_HINT = "write digits only; for words such as 'dozens' or 'more than 50' see the Numbers table in seeds/README.md"


def _clip(value: str, length: int = 40) -> str:
    """A long value shortened for a message: its start, an ellipsis and its length."""
    return value if len(value) <= length else f"{value[:length]}... ({len(value):,} characters)"


class _SeedChecker:
    """Collects the problems of one seeds folder."""

    def __init__(self, seeds: Seeds, gazetteer: Gazetteer) -> None:
        self.seeds = seeds
        self.gazetteer = gazetteer
        self.problems: list[Problem] = []
        self.actors = ActorIndex.from_table(seeds.actors)
        self.source_ids = {row[schema.ID] for row in seeds.sources if row[schema.ID]}
        self.source_dates: dict[str, DateInterval] = {}
        self._place_ids: list[str] | None = None

    # --- helpers -----------------------------------------------------------------
    def add(self, table: Table, row: Row | int, column: str, value: str, message: str, fix: str = "") -> None:
        self.problems.append(table.problem(row, column, value, message, fix))

    def required(self, table: Table, row: Row, columns: Iterable[str]) -> None:
        for column in columns:
            if column in table.columns and not row[column]:
                self.add(table, row, column, "", "required value missing", f"fill in {column!r} (seeds/README.md)")

    def ids(self, table: Table, example: str) -> None:
        values = [value for value in table.cells((schema.ID,))[schema.ID] if value]
        if len(set(values)) == len(values) and all(map(ID_PATTERN.match, values)):
            return  # every id valid and used once (checked row by row otherwise, for the messages)
        seen: dict[str, int] = {}
        for row in table:
            value = row[schema.ID]
            if not value:
                continue
            if not ID_PATTERN.match(value):
                self.add(
                    table,
                    row,
                    schema.ID,
                    value,
                    "not a valid id",
                    f"use lower-case letters, digits and hyphens, such as {example!r}",
                )
            if value in seen:
                self.add(
                    table,
                    row,
                    schema.ID,
                    value,
                    f"duplicate id, already used on line {seen[value]}",
                    "give this record an id of its own",
                )
            else:
                seen[value] = row.line

    def date(self, table: Table, row: Row, column: str) -> DateInterval | None:
        value = row[column]
        if not value:
            return None
        try:
            return parse_date(value)
        except InputError as error:
            self.add(table, row, column, value, f"not a valid date ({error.reason or error})", DATE_HINT)
            return None

    def integer(self, table: Table, row: Row, column: str) -> int | None:
        value = row[column]
        if not value:
            return None
        if value.startswith("-") and value[1:].isascii() and value[1:].isdigit():
            self.add(table, row, column, value, "a count cannot be negative", "write 0 or more")
            return None
        if not (value.isascii() and value.isdigit()):
            self.add(table, row, column, _clip(value), "not a whole number", NUMBER_HINT)
            return None
        if len(value) > len(str(MAX_COUNT)) or int(value) > MAX_COUNT:
            self.add(
                table,
                row,
                column,
                _clip(value),
                f"more than {MAX_COUNT:,}, the largest count a record may hold",
                "check the number; a count is written in digits, from 0 to 10000000",
            )
            return None
        return int(value)

    def number(self, table: Table, row: Row, column: str) -> float | None:
        value = row[column]
        if not value:
            return None
        try:
            number = float(value)
        except ValueError:
            self.add(table, row, column, value, "not a number", NUMBER_HINT)
            return None
        if not math.isfinite(number) or number < 0:
            self.add(
                table, row, column, value, "must be a finite number, 0 or more", "write the number the source gives"
            )
            return None
        return number

    def vocabulary(self, table: Table, row: Row, column: str, allowed: Iterable[str]) -> bool:
        value = row[column]
        if not value or value in allowed:  # a tuple, set or dict: no sorting for a known value
            return bool(value)
        allowed = sorted(allowed)
        close = difflib.get_close_matches(value, allowed, n=1, cutoff=0.6)
        hint = f"did you mean {close[0]!r}?" if close else f"use one of: {', '.join(allowed)}"
        self.add(table, row, column, value, f"not a known {column}", hint)
        return False

    def actor(self, table: Table, row: Row, column: str, value: str) -> None:
        if value in self.actors:
            return
        resolved = self.actors.resolve(value)
        if resolved:
            self.add(table, row, column, value, "an actor's name, not its id", f"write the id {resolved!r}")
        else:
            close = difflib.get_close_matches(value, self.actors.ids, n=1)
            hint = f"did you mean {close[0]!r}?" if close else "add the actor to actors.csv, or use an id from it"
            self.add(table, row, column, value, "unknown actor", hint)

    def actor_list(self, table: Table, row: Row, column: str) -> list[str]:
        values = split_cell(row[column])
        for value in values:
            self.actor(table, row, column, value)
        return values

    def place(self, table: Table, row: Row, column: str) -> bool:
        value = row[column]
        if not value:
            return False
        if value in self.gazetteer:
            return True
        if self._place_ids is None:
            self._place_ids = [p.id for p in self.gazetteer.places(tier=schema.CURATED)] + [
                p.id for p in self.gazetteer.places(tier=schema.AREA)
            ]
        close = difflib.get_close_matches(value, self._place_ids, n=1, cutoff=0.75)
        if not close:
            found = self.gazetteer.lookup(value.replace("-", " "))
            close = [found.place.id] if found.ok and found.place else []
        hint = (
            f"did you mean {close[0]!r}?"
            if close
            else "use an id of gazetteer/places.csv or areas.geojson (geo places NAME)"
        )
        self.add(table, row, column, value, "unknown place id", hint)
        return False

    def sources(self, table: Table, row: Row, *, required: bool = True) -> list[str]:
        values = split_cell(row[schema.SOURCES])
        if required and not values and schema.SOURCES in table.columns:
            self.add(table, row, schema.SOURCES, "", "no source", "cite at least one id of sources.csv")
        for value in values:
            if value not in self.source_ids:
                close = difflib.get_close_matches(value, sorted(self.source_ids), n=1)
                hint = f"did you mean {close[0]!r}?" if close else "add the source to sources.csv"
                self.add(table, row, schema.SOURCES, value, "unknown source", hint)
        return values

    def not_after_sources(
        self, table: Table, row: Row, column: str, span: DateInterval | None, sources: list[str]
    ) -> None:
        """A record cannot start after every source that reports it was published."""
        newest = self._after_sources(span, sources)
        if newest is not None:
            self.add(
                table,
                row,
                column,
                row[column],
                f"starts after its newest source was published ({newest.isoformat()})",
                "check the year and the month",
            )

    def _after_sources(self, span: DateInterval | None, sources: list[str]) -> dt.date | None:
        """The newest publication date of ``sources`` when ``span`` starts after it, else ``None``."""
        if span is None or span.earliest is None or not sources:
            return None
        published = [self.source_dates.get(s) for s in sources]
        if any(p is None or p.latest is None for p in published):
            return None
        newest = max(p.latest for p in published if p is not None and p.latest is not None)
        return newest if span.earliest > newest else None

    def duplicates(self, table: Table, key_columns: tuple[str, ...], what: str) -> None:
        """Rows equal in every cell but the id, and rows equal on ``key_columns`` citing a common source.

        Records of a dataset (:func:`dataset_of`) are left out: :func:`likely_duplicates` pairs them.
        """
        exact: dict[tuple, int] = {}
        near: dict[tuple, list[tuple[int, set[str]]]] = {}
        for row in _duplicate_candidates(table, key_columns):
            cells = tuple(sorted((k, v) for k, v in row.cells.items() if k != schema.ID))
            if cells in exact:
                self.add(
                    table,
                    row,
                    schema.ID,
                    row[schema.ID],
                    f"same record as line {exact[cells]}",
                    "delete one of the two",
                )
                continue
            exact[cells] = row.line
            key = tuple(row[c] for c in key_columns)
            if not all(key):
                continue
            sources = set(split_cell(row[schema.SOURCES]))
            for line, other_sources in near.get(key, []):
                if sources & other_sources:
                    self.add(
                        table,
                        row,
                        schema.ID,
                        row[schema.ID],
                        f"likely the same {what} as line {line} (same {', '.join(key_columns)} and a common source)",
                        "merge the two, or cite different sources if they are different reports",
                    )
                    break
            near.setdefault(key, []).append((row.line, sources))

    # --- files -------------------------------------------------------------------
    def check_sources(self) -> None:
        table = self.seeds.sources
        self.ids(table, "france24-2023-04-11")
        kinds = {row[schema.ID]: row[schema.KIND] for row in table}
        for row in table:
            self.required(table, row, schema.SOURCE_REQUIRED)
            self.vocabulary(table, row, schema.KIND, schema.SOURCE_KINDS)
            span = self.date(table, row, schema.DATE)
            if span is not None:
                self.source_dates[row[schema.ID]] = span
            url = row[schema.URL]
            if url and not re.match(r"^https?://\S+$", url):
                self.add(
                    table,
                    row,
                    schema.URL,
                    url,
                    "not an http(s) address",
                    "give the full address, starting with https://",
                )
            cited_in = row[schema.SOURCE_CITED_IN]
            if row[schema.KIND] == "cited" and not cited_in:
                self.add(
                    table,
                    row,
                    schema.SOURCE_CITED_IN,
                    "",
                    "a cited source must say who cites it",
                    "give the id of the citing document",
                )
            if cited_in and kinds.get(cited_in) != "document":
                self.add(
                    table,
                    row,
                    schema.SOURCE_CITED_IN,
                    cited_in,
                    "not the id of a document of sources.csv",
                    "use doc-000 ... doc-004 or your own document's id",
                )

    def check_actors(self) -> None:
        table = self.seeds.actors
        self.ids(table, "isgs")
        for row in table:
            self.required(table, row, schema.ACTOR_REQUIRED)
            self.vocabulary(table, row, schema.KIND, schema.ACTOR_KINDS)
            colour = row[schema.COLOUR]
            if colour and not COLOUR_PATTERN.match(colour):
                self.add(table, row, schema.COLOUR, colour, "not a colour", "write #rrggbb, such as #b2182b")
            for item in split_cell(row[schema.AFFILIATIONS]):
                try:
                    affiliation = parse_affiliation(item)
                except InputError as error:
                    self.add(
                        table,
                        row,
                        schema.AFFILIATIONS,
                        item,
                        error.reason or str(error),
                        "write relation:actor-id@EDTF",
                    )
                    continue
                if affiliation.actor not in self.actors:
                    self.add(
                        table,
                        row,
                        schema.AFFILIATIONS,
                        item,
                        f"unknown actor {affiliation.actor!r}",
                        "use an id of actors.csv",
                    )
            self.sources(table, row, required=False)
        lines = {row[schema.ID]: row.line for row in table}
        for name, first, second in self.actors.clashes:
            self.add(
                table,
                lines.get(second, 1),
                schema.ALIASES,
                name,
                f"this name also belongs to {first!r}",
                "keep each name on one actor only",
            )

    def check_incidents(self, *, screen: bool = True) -> None:
        """Check every incident; ``screen``: check one by one only the rows that
        :meth:`_incidents_to_check` cannot clear column by column (the same problems, in
        the same order: a row it clears has none)."""
        table = self.seeds.incidents
        table.cells(schema.INCIDENT_COLUMNS)  # read once, column by column, for the checks below and the frames
        self.ids(table, "inc-2022-03-08-tamalat")
        precisions = tuple(str(p) for p in schema.PRECISIONS)
        for row in self._incidents_to_check(table, precisions) if screen else table:
            self.check_incident(table, row, precisions)
        self.duplicates(table, (schema.DATE, schema.PLACE, schema.EVENT_TYPE, schema.ACTOR1, schema.ACTOR2), "incident")

    def _incidents_to_check(self, table: Table, precisions: tuple[str, ...]) -> list[Row]:
        """The incidents that may have a problem, in the file's order: every other row is
        clean, found so column by column (each distinct value of a column checked once, as
        :meth:`check_incident` checks it; event datasets repeat a few thousand dates,
        places, actors and numbers over hundreds of thousands of rows)."""
        import numpy as np

        rows = table.rows
        if not rows:
            return []
        cells = table.cells(schema.INCIDENT_COLUMNS)
        suspect = np.zeros(len(rows), dtype=bool)

        def flag(column: str, ok: Callable[[str], bool]) -> None:
            bad = {value for value in set(cells[column]) if not ok(value)}
            if bad:
                suspect[[value in bad for value in cells[column]]] = True

        def flag_rows(marks: Iterable[bool]) -> None:
            suspect[np.fromiter(marks, dtype=bool, count=len(rows))] = True

        for column in schema.INCIDENT_REQUIRED:
            if column in table.columns and "" in cells[column]:
                flag(column, bool)
        spans: dict[str, DateInterval | None] = {}
        bad_dates = set()
        for value in dict.fromkeys(cells[schema.DATE]):
            try:
                spans[value] = parse_date(value) if value else None
            except InputError:
                spans[value] = None
                bad_dates.add(value)
        flag(schema.DATE, lambda v: v not in bad_dates)
        lats, lons, places = cells[schema.LATITUDE], cells[schema.LONGITUDE], cells[schema.PLACE]
        flag(schema.LATITUDE, lambda v: not v or _within(v, 90.0))
        flag(schema.LONGITUDE, lambda v: not v or _within(v, 180.0))
        if "" in lats or "" in lons:  # one coordinate without the other, or none and no place
            flag_rows((not a) != (not b) or (not a and not p) for a, b, p in zip(lats, lons, places, strict=True))
        flag(schema.PLACE, lambda v: not v or v in self.gazetteer)
        flag(schema.PRECISION, lambda v: not v or v in precisions)
        for column in (schema.GEO_PRECISION_CODE, schema.TIME_PRECISION_CODE):
            flag(column, lambda v: not v or v in schema.PRECISION_CODES)
        flag(schema.EVENT_TYPE, lambda v: not v or v in schema.EVENT_TYPES)
        event_types, sub_types = cells[schema.EVENT_TYPE], cells[schema.SUB_EVENT_TYPE]
        bad_pairs = {
            (kind, sub)
            for kind, sub in set(zip(event_types, sub_types, strict=True))
            if sub and kind in schema.EVENT_TYPES and sub not in schema.EVENT_TYPES[kind]
        }
        if bad_pairs:
            flag_rows(pair in bad_pairs for pair in zip(event_types, sub_types, strict=True))
        for column in (schema.ACTOR1, schema.ACTOR2):
            flag(column, lambda v: not v or v in self.actors)
        flag(schema.ASSOC_ACTORS, lambda v: all(a in self.actors for a in split_cell(v)))
        numbers: dict[str, float] = {}
        for column in (*schema.FATALITY_COLUMNS, schema.DISPLACED):
            flag(column, lambda v: not v or _count(v) is not None)
        figures = []
        for column in schema.FATALITY_COLUMNS:
            for value in set(cells[column]):
                if value not in numbers:
                    number = _count(value) if value else None
                    numbers[value] = math.nan if number is None else float(number)
            figures.append(np.fromiter(map(numbers.__getitem__, cells[column]), dtype=float, count=len(rows)))
        low, best, high = figures
        with np.errstate(invalid="ignore"):
            suspect |= (low > best) | (best > high) | (low > high)
        sources_required = schema.SOURCES in table.columns

        def cited(value: str) -> bool:
            values = split_cell(value)
            return (bool(values) or not sources_required) and all(s in self.source_ids for s in values)

        flag(schema.SOURCES, cited)
        if self.source_dates:  # starting after every source was published
            late = {
                (date, cited)
                for date, cited in set(zip(cells[schema.DATE], cells[schema.SOURCES], strict=True))
                if self._after_sources(spans.get(date), split_cell(cited)) is not None
            }
            if late:
                flag_rows(pair in late for pair in zip(cells[schema.DATE], cells[schema.SOURCES], strict=True))
        return [row for row, maybe in zip(rows, suspect.tolist(), strict=True) if maybe]

    def check_incident(self, table: Table, row: Row, precisions: tuple[str, ...]) -> None:
        """The problems of one incident (its cells, and its references to places, actors and sources)."""
        self.required(table, row, schema.INCIDENT_REQUIRED)
        span = self.date(table, row, schema.DATE)
        self.coordinates(table, row)
        if row[schema.PLACE]:
            self.place(table, row, schema.PLACE)
        elif not row[schema.LATITUDE] and not row[schema.LONGITUDE]:
            self.add(
                table,
                row,
                schema.PLACE,
                "",
                "no place and no coordinates",
                "give a gazetteer id, or latitude and longitude",
            )
        self.vocabulary(table, row, schema.PRECISION, precisions)
        for column in (schema.GEO_PRECISION_CODE, schema.TIME_PRECISION_CODE):  # a dataset's own, optional
            self.vocabulary(table, row, column, schema.PRECISION_CODES)
        if self.vocabulary(table, row, schema.EVENT_TYPE, schema.EVENT_TYPES):
            sub_types = schema.EVENT_TYPES[row[schema.EVENT_TYPE]]
            if row[schema.SUB_EVENT_TYPE] and row[schema.SUB_EVENT_TYPE] not in sub_types:
                self.vocabulary(table, row, schema.SUB_EVENT_TYPE, sub_types)
        for column in (schema.ACTOR1, schema.ACTOR2):
            if row[column]:
                self.actor(table, row, column, row[column])
        self.actor_list(table, row, schema.ASSOC_ACTORS)
        low, best, high = (self.integer(table, row, c) for c in schema.FATALITY_COLUMNS)
        for (a_column, a), (b_column, b) in (
            ((schema.FATALITIES_LOW, low), (schema.FATALITIES_BEST, best)),
            ((schema.FATALITIES_BEST, best), (schema.FATALITIES_HIGH, high)),
            ((schema.FATALITIES_LOW, low), (schema.FATALITIES_HIGH, high)),
        ):
            if a is not None and b is not None and a > b:
                self.add(
                    table,
                    row,
                    a_column,
                    str(a),
                    f"greater than {b_column} ({b})",
                    "low <= best <= high; check the two numbers",
                )
                break
        self.integer(table, row, schema.DISPLACED)
        sources = self.sources(table, row)
        self.not_after_sources(table, row, schema.DATE, span, sources)

    def coordinates(self, table: Table, row: Row) -> bool:
        lat_text, lon_text = row[schema.LATITUDE], row[schema.LONGITUDE]
        if not lat_text and not lon_text:
            return False
        if not lat_text or not lon_text:
            column = schema.LATITUDE if not lat_text else schema.LONGITUDE
            self.add(
                table, row, column, "", "only one coordinate given", "give both latitude and longitude, or neither"
            )
            return False
        ok = True
        for column, text, limit in ((schema.LATITUDE, lat_text, 90.0), (schema.LONGITUDE, lon_text, 180.0)):
            try:
                value = float(text)
            except ValueError:
                self.add(table, row, column, text, "not a number", "write decimal degrees, such as 15.918")
                ok = False
                continue
            if not -limit <= value <= limit:
                self.add(
                    table,
                    row,
                    column,
                    text,
                    f"outside [-{limit:g}, {limit:g}]",
                    "check the sign and whether latitude and longitude are swapped",
                )
                ok = False
        return ok

    def check_claims(self) -> None:
        table = self.seeds.claims
        self.ids(table, "clm-2023-04-isgs-tidermene")
        for row in table:
            self.required(table, row, schema.CLAIM_REQUIRED)
            if row[schema.ACTOR]:
                self.actor(table, row, schema.ACTOR, row[schema.ACTOR])
            if row[schema.SAID_BY]:
                self.actor(table, row, schema.SAID_BY, row[schema.SAID_BY])
            self.vocabulary(table, row, schema.STATUS, schema.CLAIM_STATUSES)
            self.vocabulary(table, row, schema.TIER, schema.CLAIM_TIERS)
            self.place(table, row, schema.PLACE)
            start = self.date(table, row, schema.START)
            end = self.date(table, row, schema.END)
            if start and end and start.earliest and end.latest and end.latest < start.earliest:
                self.add(
                    table,
                    row,
                    schema.END,
                    row[schema.END],
                    f"ends before it starts ({row[schema.START]})",
                    "check both dates",
                )
            sources = self.sources(table, row)
            self.not_after_sources(table, row, schema.START, start, sources)
        self.duplicates(table, (schema.ACTOR, schema.STATUS, schema.PLACE, schema.START), "claim")

    def check_assertions(self) -> None:
        table = self.seeds.assertions
        self.ids(table, "asr-tidermene-inkadewane")
        for row in table:
            self.required(table, row, schema.ASSERTION_REQUIRED)
            self.vocabulary(table, row, schema.QUANTITY, schema.QUANTITIES)
            self.vocabulary(table, row, schema.UNIT, schema.UNITS)
            self.vocabulary(table, row, schema.QUALIFIER, schema.QUALIFIERS)
            if row[schema.BEARING]:
                self.vocabulary(table, row, schema.BEARING, schema.COMPASS_POINTS)
            for column in (schema.SUBJECT, schema.REFERENCE_PLACE):
                self.place(table, row, column)
            if row[schema.ACTOR]:
                self.actor(table, row, schema.ACTOR, row[schema.ACTOR])
            if row[schema.ZONE] and self.vocabulary(table, row, schema.ZONE, schema.ZONES):
                if not row[schema.ACTOR]:
                    self.add(
                        table,
                        row,
                        schema.ZONE,
                        row[schema.ZONE],
                        "a zone without an actor",
                        "give the actor whose zone it is, or leave zone empty",
                    )
                elif row[schema.QUANTITY] and row[schema.QUANTITY] not in schema.ZONE_QUANTITIES:
                    self.add(
                        table,
                        row,
                        schema.ZONE,
                        row[schema.ZONE],
                        f"a zone means nothing for a {row[schema.QUANTITY]} statement",
                        "give a zone only for an area or a distance (a position); leave it empty here",
                    )
            value = self.number(table, row, schema.VALUE)
            high = self.number(table, row, schema.VALUE_HIGH)
            if row[schema.QUALIFIER] == "between" and high is None:
                self.add(table, row, schema.VALUE_HIGH, "", "'between' needs an upper bound", "give value_high")
            if value is not None and high is not None and high < value:
                self.add(
                    table,
                    row,
                    schema.VALUE_HIGH,
                    row[schema.VALUE_HIGH],
                    f"less than value ({row[schema.VALUE]})",
                    "value <= value_high",
                )
            if row[schema.QUANTITY] == "distance" and row[schema.UNIT] not in ("km", "mi", "m", ""):
                self.add(table, row, schema.UNIT, row[schema.UNIT], "not a unit of distance", "use km, mi or m")
            if row[schema.QUANTITY] == "area" and row[schema.UNIT] not in ("km2", "mi2", ""):
                self.add(table, row, schema.UNIT, row[schema.UNIT], "not a unit of area", "use km2 or mi2")
            self.date(table, row, schema.DATE)
            self.sources(table, row)


CURATED = "curated"


def _duplicate_candidates(table: Table, key_columns: tuple[str, ...]) -> list[Row]:
    """The curated rows of ``table`` that may be a duplicate of another: those that share all
    their cells but the id, or all their ``key_columns``, with another curated row (counted
    at C speed on tuples of cells); every other row is a duplicate of none.

    A superset of what :meth:`_SeedChecker.duplicates` flags, found in one pass: it checks
    these rows alone, in the file's order, with the same messages. Two rows equal in every
    cell but the id are equal on ``key_columns`` too, so the whole rows are compared only
    among the rows that share their key with another.
    """
    from collections import Counter

    prefixes = tuple(DATASET_PREFIXES)
    shared = Counter(map(itemgetter(*key_columns), table.rows))  # every row's key, curated or not
    if len(shared) == len(table.rows):  # no key shared: no row is a duplicate of another
        return []
    rows = [
        row
        for row, key in zip(table.rows, map(itemgetter(*key_columns), table.rows), strict=True)
        if shared[key] > 1 and not row[schema.ID].startswith(prefixes)
    ]
    if not rows:
        return []
    keys = list(map(itemgetter(*key_columns), rows))
    near = Counter(keys)
    others = [c for c in dict.fromkeys(table.columns) if c != schema.ID]
    cells = list(map(itemgetter(*others), rows)) if others else [""] * len(rows)
    exact = Counter(cells)
    return [row for row, c, k in zip(rows, cells, keys, strict=True) if exact[c] > 1 or (near[k] > 1 and all(k))]


def _within(text: str, limit: float) -> bool:
    """Whether ``text`` is a number from ``-limit`` to ``limit`` (a coordinate that
    :meth:`_SeedChecker.coordinates` accepts)."""
    try:
        value = float(text)
    except ValueError:
        return False
    return -limit <= value <= limit


def _count(text: str) -> int | None:
    """The count written in ``text`` when :meth:`_SeedChecker.integer` accepts it, else ``None``.

    Examples
    --------
    >>> _count("12"), _count("-3"), _count("dozens"), _count("99999999")
    (12, None, None, None)
    """
    if not (text.isascii() and text.isdigit()) or len(text) > len(str(MAX_COUNT)) or int(text) > MAX_COUNT:
        return None
    return int(text)


def dataset_of(record_id: str) -> str:
    """The dataset a record comes from, by its id's prefix: ``acled``, ``ucdp`` or ``curated``.

    Examples
    --------
    >>> dataset_of("acled-mli1234"), dataset_of("ucdp-88123"), dataset_of("inc-2022-03-08-tamalat")
    ('acled', 'ucdp', 'curated')
    >>> dataset_of("clm-acled-mli1234")
    'acled'
    """
    for prefix, dataset in DATASET_PREFIXES.items():
        if record_id.startswith(prefix):
            return dataset
    return CURATED


@dataclass(frozen=True, slots=True)
class Duplicate:
    """Two records of different datasets that are likely one event."""

    a: str
    dataset_a: str
    line_a: int
    b: str
    dataset_b: str
    line_b: int
    date_a: str
    date_b: str
    days_apart: int
    km_apart: float
    shared_actors: tuple[str, ...]

    def as_row(self) -> dict[str, object]:
        """A row of the duplicates CSV (:data:`DUPLICATE_COLUMNS`)."""
        values = (
            self.a,
            self.dataset_a,
            self.line_a,
            self.b,
            self.dataset_b,
            self.line_b,
            self.date_a,
            self.date_b,
            self.days_apart,
            round(self.km_apart, 2),
            schema.MULTI_SEPARATOR.join(self.shared_actors),
        )
        return dict(zip(DUPLICATE_COLUMNS, values, strict=True))


def likely_duplicates(
    seeds: Seeds,
    gazetteer: Gazetteer | None = None,
    *,
    days: int = DUPLICATE_DAYS,
    km: float = DUPLICATE_KM,
) -> list[Duplicate]:
    """Pairs of incidents from different datasets (ACLED, UCDP, curated) that are likely one event.

    The rule (as the XSub project matched events across datasets): the two share an actor
    (``actor1``, ``actor2`` or ``assoc_actors``), their dates are at most ``days`` days
    apart (0 when the intervals overlap), and their points are at most ``km`` km apart
    (the record's coordinates, else its place's). Records dated more loosely than
    :data:`DUPLICATE_MAX_SPAN_DAYS` days, or with no point, are not matched. Pairs within
    one dataset are never listed: validation checks curated records against each other,
    and different ids of one dataset are different events. Nothing here is a problem:
    the list is for review.

    Examples
    --------
    >>> likely_duplicates(Seeds.load())  # the bundled incidents are all curated
    []
    """
    from .measure import great_circle_km

    incidents = seeds.incidents
    groups = {dataset_of(row[schema.ID]) for row in incidents}
    if len(groups) < 2:
        return []
    gazetteer = gazetteer if gazetteer is not None else Gazetteer.load()
    items = []
    for row in incidents:
        try:
            span = parse_date(row[schema.DATE])
        except InputError:
            continue
        if span.earliest is None or span.latest is None:
            continue
        if (span.latest - span.earliest).days > DUPLICATE_MAX_SPAN_DAYS:
            continue
        point = _point(row, gazetteer)
        if point is None:
            continue
        actors = {row[schema.ACTOR1], row[schema.ACTOR2], *split_cell(row[schema.ASSOC_ACTORS])} - {""}
        if not actors:
            continue
        items.append((span.earliest, span.latest, point, actors, row))
    items.sort(key=lambda item: item[0])
    found = []
    for i, (_start, end, point, actors, row) in enumerate(items):
        dataset = dataset_of(row[schema.ID])
        for other_start, _other_end, other_point, other_actors, other in items[i + 1 :]:
            gap = (other_start - end).days
            if gap > days:  # the others start later still
                break
            other_dataset = dataset_of(other[schema.ID])
            if other_dataset == dataset:
                continue
            shared = actors & other_actors
            if not shared:
                continue
            distance = float(great_circle_km(point[0], point[1], other_point[0], other_point[1]))
            if distance > km:
                continue
            found.append(
                Duplicate(
                    row[schema.ID],
                    dataset,
                    row.line,
                    other[schema.ID],
                    other_dataset,
                    other.line,
                    row[schema.DATE],
                    other[schema.DATE],
                    max(gap, 0),
                    distance,
                    tuple(sorted(shared)),
                )
            )
    return found


def _point(row: Row, gazetteer: Gazetteer) -> tuple[float, float] | None:
    """A record's point: its coordinates, else its place's; ``None`` when it has neither."""
    try:
        lat, lon = float(row[schema.LATITUDE]), float(row[schema.LONGITUDE])
        if math.isfinite(lat) and math.isfinite(lon):
            return lat, lon
    except ValueError:
        pass
    if row[schema.PLACE]:
        try:
            place = gazetteer.place(row[schema.PLACE])
        except PlaceNotFoundError:
            return None
        return place.lat, place.lon
    return None


def validate_seeds(seeds: Seeds, gazetteer: Gazetteer | None = None) -> list[Problem]:
    """Every problem in ``seeds``, in file order; an empty list when they are clean.

    Examples
    --------
    >>> from geo.seeds import Seeds
    >>> validate_seeds(Seeds.load())
    []
    """
    checker = _SeedChecker(seeds, gazetteer if gazetteer is not None else Gazetteer.load())
    for table in seeds.tables.values():
        checker.problems.extend(table.problems)
    checker.check_sources()
    checker.check_actors()
    checker.check_incidents()
    checker.check_claims()
    checker.check_assertions()
    order = {name: i for i, name in enumerate(schema.SEED_FILES)}
    names = {str(table.path): table.name for table in seeds.tables.values()}
    return sorted(checker.problems, key=lambda p: (order.get(names.get(p.path, ""), 99), p.line))
