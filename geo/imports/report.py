"""What an import made and what it could not take: the report, and writing both to CSV."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from operator import attrgetter
from pathlib import Path
from typing import TYPE_CHECKING

from .. import schema
from .._distinct import as_drawn
from ..errors import InputError
from ..seeds import Problem
from .csv_writer import RowWriter, write_csv

if TYPE_CHECKING:
    from .actors import Mapping as ActorMapping

__all__ = [
    "MAPPED_ACTOR",
    "ImportReport",
    "ImportResult",
    "ReportEntry",
    "Unresolved",
    "write_actors",
    "write_beside",
    "write_claims",
    "write_incidents",
    "write_report",
]


# The report's kind for a dataset name given a curated actor (by the alias table or an alias).
MAPPED_ACTOR = "mapped_actor"


@dataclass(frozen=True, slots=True)
class ReportEntry:
    """One row of the import report: ``kind, line, column, value, message``."""

    kind: str
    line: int
    column: str
    value: str
    message: str

    def cells(self) -> tuple[str, str, str, str, str]:
        """The entry's cells in the report CSV, in the order of :data:`geo.schema.REPORT_COLUMNS`."""
        return (self.kind, str(self.line), self.column, self.value, self.message)


@dataclass
class Unresolved:
    """A name that resolved to nothing: where it was first seen, and how often."""

    line: int
    column: str
    value: str
    reason: str
    rows: int = 0


@dataclass
class ImportReport:
    """Everything an import did not take as it was: rejected rows, unresolved names,
    disagreements between the dataset's point and the gazetteer, warnings.

    ``rows_read == rows_written + rows_rejected + rows_merged`` always holds:
    ``rows_merged`` counts the rows folded into an incident written from another row
    of the same event (ACLED's actor-based export writes an event once per actor: its
    two rows make one incident, counted as 1 written + 1 merged; ``events_merged``
    counts such incidents). Datasets that never merge leave it 0, and then
    ``rows_read == rows_written + rows_rejected``.

    ``layout`` names the export's layout and column set, when the dataset tells them
    apart; ``claims_made`` counts the claims derived from the incidents
    (:attr:`ImportResult.claims`) and ``claims_skipped`` says, per incident, why a claim
    it called for was not made.
    """

    dataset: str
    path: str
    rows_read: int = 0
    rows_written: int = 0
    rejected_lines: list[int] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    unresolved_actors: dict[str, Unresolved] = field(default_factory=dict)
    unresolved_places: dict[tuple[str, ...], Unresolved] = field(default_factory=dict)
    disagreements: list[ReportEntry] = field(default_factory=list)
    warnings: list[ReportEntry] = field(default_factory=list)
    places_resolved: int = 0
    rows_merged: int = 0
    events_merged: int = 0
    claims_made: int = 0
    claims_skipped: list[ReportEntry] = field(default_factory=list)
    # The layout the export was read as (named in the summary), when a dataset has several.
    layout: str = ""
    # Rows taken with a value put right or read in a particular way: one warning entry per
    # row in the report, and one line per kind of notice (with its count) in the summary.
    notices: list[ReportEntry] = field(default_factory=list)
    notice_counts: dict[str, int] = field(default_factory=dict)

    def notice(self, line: int, column: str, value: str, message: str, *, summary: str) -> None:
        """Report one row taken with a value put right; ``summary`` names the kind of notice."""
        self.notices.append(ReportEntry(schema.WARNING, line, column, value, message))
        self.notice_counts[summary] = self.notice_counts.get(summary, 0) + 1

    # (name, actor id) -> [how, first line, column, rows, rule]: each mapping of a dataset name, once
    actor_mappings: dict[tuple[str, str], list] = field(default_factory=dict)

    def count_actor(self, mapping: ActorMapping, *, line: int, column: str) -> None:
        """Count one use of a :class:`geo.imports.actors.Mapping`."""
        entry = self.actor_mappings.get((mapping.name, mapping.actor))
        if entry is None:
            entry = self.actor_mappings[(mapping.name, mapping.actor)] = [mapping.how, line, column, 0, mapping.rule]
        entry[3] += 1

    def actor_counts(self) -> dict[str, int]:
        """How many dataset names were mapped each way: alias table, alias, new actor."""
        counts = dict.fromkeys(("alias table", "alias", "new actor"), 0)
        for how, *_rest in self.actor_mappings.values():
            counts[how] = counts.get(how, 0) + 1
        return counts

    @property
    def rows_rejected(self) -> int:
        return len(self.rejected_lines)

    def entries(self) -> list[ReportEntry]:
        """Every entry of the report, by line, then kind."""
        found = [
            ReportEntry(
                schema.REJECTED,
                p.line,
                p.column,
                p.value,
                f"{p.message}; {p.fix}" if p.fix else p.message,
            )
            for p in self.problems
        ]
        for (name, actor_id), (how, line, column, rows, rule) in self.actor_mappings.items():
            if how == "new actor":
                message = (
                    f"not in the actor list ({_rows(rows)}, first on this line): the new actor {actor_id!r} "
                    "(in actors.csv beside the incidents); to merge it with a curated actor, add the name to "
                    "seeds/dataset_actors.csv or to the aliases of an actor in actors.csv"
                )
                kind = schema.UNRESOLVED_ACTOR
            else:
                by = f"the alias table ({rule})" if how == "alias table" and rule else f"the {how}"
                message = f"{actor_id!r} by {by} ({_rows(rows)}, first on this line)"
                kind = MAPPED_ACTOR
            found.append(ReportEntry(kind, line, column, name, message))
        for unresolved in self.unresolved_places.values():
            found.append(
                ReportEntry(
                    schema.UNRESOLVED_PLACE,
                    unresolved.line,
                    unresolved.column,
                    unresolved.value,
                    f"{unresolved.reason} ({_rows(unresolved.rows)}, first on this line); the incidents keep the "
                    "dataset's point and no place id; add the name as a variant of a place in gazetteer/places.csv",
                )
            )
        found.extend(self.disagreements)
        found.extend(self.warnings)
        found.extend(self.claims_skipped)
        found.extend(self.notices)
        # by kind (each in the order found), then by line: one stable sort by line keeps
        # each line's entries in the order of their kinds
        by_kind: dict[str, list[ReportEntry]] = {kind: [] for kind in schema.REPORT_KINDS}
        others: list[ReportEntry] = []
        for entry in found:
            by_kind.get(entry.kind, others).append(entry)
        ordered = [entry for entries in by_kind.values() for entry in entries] + others
        ordered.sort(key=attrgetter("line"))
        return ordered

    def summary(self) -> str:
        """A few lines for people: counts that add up, and what to look at."""
        counts = self.actor_counts()
        names = len({name for name, _actor in self.actor_mappings})
        new_rows = sum(u.rows for u in self.unresolved_actors.values())
        place_rows = sum(u.rows for u in self.unresolved_places.values())
        layout = f" ({self.layout})" if self.layout else ""
        lines = [
            f"{self.path}{layout}: {self.rows_read:,} rows read = {self.rows_written:,} written "
            f"+ {self.rows_rejected:,} rejected"
            + (f" + {self.rows_merged:,} merged" if self.rows_merged else "")
            + f" ({len(self.problems):,} problems)",
            f"  actors: {names:,} names: {counts['alias table']:,} curated by alias table, "
            f"{counts['alias']:,} by alias, {counts['new actor']:,} new actors (in {new_rows:,} rows)",
            f"  places: {self.places_resolved:,} rows given a place id; "
            f"{len(self.disagreements):,} rows more than {schema.PLACE_AGREEMENT_KM:g} km from the gazetteer's "
            f"place (left without one); {len(self.unresolved_places):,} names not resolved (in {place_rows:,} rows)",
        ]
        lines.extend(
            f"  {what}: {_rows(count)} (each listed in the report)" for what, count in self.notice_counts.items()
        )
        if self.rows_merged:
            lines.append(
                f"  merged: {self.events_merged:,} events written from several rows (one per actor); "
                f"{self.rows_merged:,} rows folded into them"
            )
        if self.claims_made or self.claims_skipped:
            lines.append(
                f"  claims: {self.claims_made:,} made from territorial sub-events; "
                f"{len(self.claims_skipped):,} not made (see the report)"
            )
        lines.extend(f"  warning: {w.message}" for w in self.warnings)
        return "\n".join(lines)


@dataclass
class ImportResult:
    """The incidents an import made (rows of ``incidents.csv``), its report, and the
    claims derived from them (rows of ``claims.csv``, :data:`geo.schema.CLAIM_COLUMNS`)."""

    incidents: list[dict[str, str]]
    report: ImportReport
    # the new actors the import made for names no curated actor has (rows of actors.csv):
    # write them with write_actors as actors.csv beside the incidents
    actors: list[dict[str, str]] = field(default_factory=list)
    claims: list[dict[str, str]] = field(default_factory=list)
    # sources the incidents cite that no records folder has (an analyst's own table)
    sources: list[dict[str, str]] = field(default_factory=list)


def _rows(count: int) -> str:
    return f"{count:,} row" if count == 1 else f"{count:,} rows"


def write_incidents(incidents: list[dict[str, str]], path: str | Path) -> Path:
    """Write incidents as ``incidents.csv`` (:data:`geo.schema.INCIDENT_COLUMNS`), atomically.

    Cells a spreadsheet would run as formulas start with ``'``
    (:func:`geo._io.spreadsheet_safe`); :func:`geo.seeds.read_table` removes it again.
    """
    return write_csv(path, schema.INCIDENT_COLUMNS, incidents)


def write_claims(claims: list[dict[str, str]], path: str | Path) -> Path:
    """Write claims as ``claims.csv`` (:data:`geo.schema.CLAIM_COLUMNS`), atomically, formula cells escaped."""
    return write_csv(path, schema.CLAIM_COLUMNS, claims)


def write_beside(out: str | Path, name: str, new_rows: list[dict[str, str]]) -> Path | None:
    """Add ``new_rows`` to the seeds file ``name`` (``actors.csv``, ``sources.csv``) beside the
    incidents file ``out``: the rows it already has, then the new ones whose ids it lacks.
    Nothing is written (and ``None`` returned) when there is no new row.

    Examples
    --------
    >>> import tempfile
    >>> out = Path(tempfile.mkdtemp()) / "incidents.csv"
    >>> new = [{"id": "x-militia", "name": "=X militia", "kind": "militia", "colour": "#542788"}]
    >>> path = write_beside(out, "actors.csv", new)
    >>> path.name, write_beside(out, "actors.csv", new).read_text().count("x-militia")
    ('actors.csv', 1)
    >>> write_beside(out, "actors.csv", []) is None
    True
    """
    from ..seeds import read_table

    if not new_rows:
        return None
    columns = schema.SEED_SCHEMAS[name][0]
    path = Path(out).parent / name
    rows: list[dict[str, str]] = []
    if path.is_file():
        table = read_table(path, name)
        if table.problems:
            raise InputError(f"{path} cannot be extended: {table.problems[0]}")
        rows = [dict(row.cells) for row in table.rows]
    known = {row.get(schema.ID, "") for row in rows}
    rows.extend(row for row in new_rows if row[schema.ID] not in known)
    return write_csv(path, columns, rows)


def write_actors(actors: list[dict[str, str]], path: str | Path) -> Path:
    """Write the new actors of an import (``Importer.actors_met``) as ``actors.csv``
    (:data:`geo.schema.ACTOR_COLUMNS`), atomically, formula cells escaped."""
    return write_csv(path, schema.ACTOR_COLUMNS, actors)


def write_report(report: ImportReport, path: str | Path) -> Path:
    """Write the report as CSV (:data:`geo.schema.REPORT_COLUMNS`), atomically, formula cells escaped."""
    from .._io import write_atomically

    rows = list(map(ReportEntry.cells, report.entries()))
    # (each column numbered by its distinct cells: a message repeats on many rows, made text once)
    columns: list[Sequence[str]] = [as_drawn(column) for column in zip(*rows, strict=True)]
    if not rows:
        columns = [[] for _ in schema.REPORT_COLUMNS]
    return write_atomically(Path(path), lambda handle: RowWriter(handle, schema.REPORT_COLUMNS).write_columns(columns))
