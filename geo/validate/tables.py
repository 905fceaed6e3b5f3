"""The checks of each seed file: sources, actors, incidents, claims and assertions."""

from __future__ import annotations

import re

from .. import schema
from ..actors import parse_affiliation
from ..errors import InputError
from ..seeds import Row, Table, split_cell
from .cells import COLOUR_PATTERN
from .screen import IncidentScreen


class SeedChecker(IncidentScreen):
    """Collects the problems of one seeds folder."""

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
