"""The checks of one cell (an id, a date, a count, a reference...) shared by every seed file."""

from __future__ import annotations

import datetime as dt
import difflib
import math
import re
from collections.abc import Iterable
from operator import itemgetter

from .. import schema
from .._input import MAX_COUNT
from ..actors import ActorIndex
from ..dates import DateInterval, parse_date
from ..errors import InputError
from ..gazetteer import Gazetteer
from ..seeds import Problem, Row, Seeds, Table, split_cell
from .duplicates import DATASET_PREFIXES

ID_PATTERN = re.compile(schema.ID_REGEX)
COLOUR_PATTERN = re.compile(r"^#[0-9a-fA-F]{6}$")
DATE_HINT = "write an EDTF date such as 2022-03-08, 2022-03, 2022-06-11/2022-06-12 or 2022-03~ (seeds/README.md, Dates)"
NUMBER_HINT = "write digits only; for words such as 'dozens' or 'more than 50' see the Numbers table in seeds/README.md"


def _clip(value: str, length: int = 40) -> str:
    """A long value shortened for a message: its start, an ellipsis and its length."""
    return value if len(value) <= length else f"{value[:length]}... ({len(value):,} characters)"


class CellChecker:
    """Collects the problems of one seeds folder: the checks of one cell."""

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
        newest = self.after_sources(span, sources)
        if newest is not None:
            self.add(
                table,
                row,
                column,
                row[column],
                f"starts after its newest source was published ({newest.isoformat()})",
                "check the year and the month",
            )

    def after_sources(self, span: DateInterval | None, sources: list[str]) -> dt.date | None:
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
        exact: dict[tuple[tuple[str, str], ...], int] = {}
        near: dict[tuple[str, ...], list[tuple[int, set[str]]]] = {}
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


def _duplicate_candidates(table: Table, key_columns: tuple[str, ...]) -> list[Row]:
    """The curated rows of ``table`` that may be a duplicate of another: those that share all
    their cells but the id, or all their ``key_columns``, with another curated row (counted
    at C speed on tuples of cells); every other row is a duplicate of none.

    A superset of what :meth:`CellChecker.duplicates` flags, found in one pass: it checks
    these rows alone, in the file's order, with the same messages. Two rows equal in every
    cell but the id are equal on ``key_columns`` too, so the whole rows are compared only
    among the rows that share their key with another.
    """
    from collections import Counter

    prefixes = tuple(DATASET_PREFIXES)
    columns = table.cells((*key_columns, schema.ID))  # (read by column: no row made for this)
    all_keys = list(zip(*(columns[c] for c in key_columns), strict=True))
    shared = Counter(all_keys)  # every row's key, curated or not
    if len(shared) == len(all_keys):  # no key shared: no row is a duplicate of another
        return []
    ids = columns[schema.ID]
    rows = [table.row(i) for i, key in enumerate(all_keys) if shared[key] > 1 and not ids[i].startswith(prefixes)]
    if not rows:
        return []
    keys = list(map(itemgetter(*key_columns), rows))
    near = Counter(keys)
    others = [c for c in dict.fromkeys(table.columns) if c != schema.ID]
    cells = list(map(itemgetter(*others), rows)) if others else [""] * len(rows)
    exact = Counter(cells)
    return [row for row, c, k in zip(rows, cells, keys, strict=True) if exact[c] > 1 or (near[k] > 1 and all(k))]
