"""The events of an ACLED export: the rows read and checked, merged into one incident per
event id (an actor-based export writes an event once per actor), and the claims that
ACLED's territorial sub-events give (see :mod:`geo.imports`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from .. import schema
from ..seeds import Problem
from .acled_codes import (
    ARMED_CODES,
    NON_STATE_ARMED_CODES,
    PERPETRATOR_RANK,
    RIOTS,
    STATE_CODES,
    TERRITORIAL_SUB_EVENTS,
    acled_edtf,
)
from .job import Importer, incident_row
from .reader import clean_note
from .report import ReportEntry

if TYPE_CHECKING:
    pass

__all__ = [
    "ACLED_INTER2",
    "CLAIM_ID_PREFIX",
    "READ_COLUMNS",
    "SHARED_COLUMNS",
    "Context",
    "EventRow",
    "Side",
    "event_claims",
    "write_event",
    "write_incident",
]

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
CLAIM_ID_PREFIX = schema.ACLED_CLAIM_ID_PREFIX
# The cells an incident is made from, in the order the row path takes them (the other
# columns are only checked for bytes that are not UTF-8).
READ_COLUMNS = (
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
MERGED_NOTE = "Merged from {n} rows of an actor-based ACLED export (one row per actor)."


@dataclass(slots=True)
class Side:
    """One actor of an event as a row names it: its name, associated actors and type code."""

    name: str
    assoc: tuple[str, ...]
    inter: str
    line: int
    column: str
    assoc_column: str

    @property
    def key(self) -> tuple[int, str, str]:
        return (PERPETRATOR_RANK.get(self.inter, len(PERPETRATOR_RANK)), self.name.casefold(), self.name)


@dataclass(slots=True)
class EventRow:
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
    sides: tuple[Side, ...] = ()

    @property
    def order(self) -> tuple[object, ...]:
        """Sorts the rows of one event whatever the file's order (the line comes last)."""
        first = self.sides[0].key if self.sides else (len(PERPETRATOR_RANK), "", "")
        return (first, tuple(s.key for s in self.sides[1:]), self.notes, self.source, self.admin1, self.admin2)


@dataclass
class Context:
    has_time_precision: bool
    has_geo_precision: bool
    has_year: bool
    has_actor2: bool
    # incident index -> (line, raw event id, the claimant's actor id, or "" and why none),
    # for the incidents not yet measured (event_claims empties it)
    territorial: dict[int, tuple[int, str, str, str]] = field(default_factory=dict)
    claims: list[dict[str, str]] = field(default_factory=list)  # made so far


def write_event(job: Importer, context: Context, group: list[EventRow]) -> None:
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
    distinct: dict[tuple[object, ...], EventRow] = {}
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
        write_incident(job, context, rows[0], list(rows[0].sides), merged=1)
        return
    # The sides of the event: each actor once, its associated actors and code gathered.
    by_name: dict[str, list[Side]] = {}
    for r in rows:
        for side in r.sides:
            by_name.setdefault(side.name.casefold(), []).append(side)
    sides = []
    for named in by_name.values():
        named.sort(key=lambda s: (s.key, s.assoc, s.line))
        assoc = tuple(dict.fromkeys(name for s in sorted(named, key=lambda s: s.assoc) for name in s.assoc))
        best = named[0]
        sides.append(Side(best.name, assoc, best.inter, best.line, best.column, best.assoc_column))
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
    write_incident(job, context, rows[0], sides, merged=len(rows), others=rows[1:])


def _shown(value: object) -> str:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        return f"{value:g}"
    return "" if value is None else str(value)


def write_incident(
    job: Importer,
    context: Context,
    row: EventRow,
    sides: list[Side],
    *,
    merged: int,
    others: list[EventRow] | None = None,
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
    if others and any(r.event_type == RIOTS for r in others):  # old Riots/Protests: rioters on any row
        event_type = RIOTS
    # Actors are resolved once the event's rows are all read: the context (country, day,
    # inter code) is given, not taken from the row read last.
    country, day = row.country, row.day
    ids = [job.actor(s.name, line=s.line, column=s.column, inter=s.inter, country=country, day=day) for s in sides]
    actor1, actor2 = ids[0], (ids[1] if len(ids) > 1 else "")
    assoc: list[str] = []
    for side in sides:
        for name in side.assoc:
            actor_id = job.actor(
                name, line=side.line, column=side.assoc_column, inter=side.inter, country=country, day=day
            )
            if actor_id not in assoc and actor_id not in (actor1, actor2):
                assoc.append(actor_id)
    if others:
        all_rows = [row, *others]
        notes = list(dict.fromkeys(r.notes for r in all_rows if r.notes.strip()))
        source_texts = list(dict.fromkeys(r.source for r in all_rows if r.source.strip()))
    else:
        notes = [row.notes] if row.notes.strip() else []
        source_texts = [row.source] if row.source.strip() else []
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
                MERGED_NOTE.format(n=merged) if merged > 1 else "",
            ),
            geo_precision_code=row.geo_code,
            time_precision_code=row.time_code,
        )
    )
    index = job.made - 1
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


def _claimant(sub_event_type: str, sides: list[Side], *, merged: bool) -> tuple[Side | None, str]:
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
        "Government regains territory": (STATE_CODES, "one state force"),
        "Non-state actor overtakes territory": (NON_STATE_ARMED_CODES, "one non-state armed actor"),
        "Headquarters or base established": (ARMED_CODES, "one armed actor"),
    }.get(sub_event_type)
    if wanted is None:
        return None, "an actor-based export does not say which of the two actors received the territory"
    codes, what = wanted
    found = [s for s in sides if s.inter in codes]
    if len(found) == 1:
        return found[0], ""
    return None, f"the actor-based rows do not name {what} (inter codes), so who holds the place cannot be told"


def event_claims(job: Importer, context: Context) -> list[dict[str, str]]:
    """The claims of the territorial incidents measured since the last call that have a
    place id (the others are reported); they are added to ``context.claims``, too."""
    claims = context.claims
    territorial, context.territorial = context.territorial, {}
    for index, (line, raw_id, claimant, why) in territorial.items():
        incident = job.incident(index)
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
