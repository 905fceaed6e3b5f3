"""What an import made and what it could not take: the report, and writing both to CSV."""

from __future__ import annotations

import csv
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .. import schema
from ..records import Problem

__all__ = ["ImportReport", "ImportResult", "ReportEntry", "Unresolved", "write_incidents", "write_report"]


@dataclass(frozen=True, slots=True)
class ReportEntry:
    """One row of the import report: ``kind, line, column, value, message``."""

    kind: str
    line: int
    column: str
    value: str
    message: str

    def as_row(self) -> dict[str, str | int]:
        """The entry as a row of the report CSV (:data:`geo.schema.REPORT_COLUMNS`)."""
        return dict(zip(schema.REPORT_COLUMNS, (self.kind, self.line, self.column, self.value, self.message)))


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

    ``rows_read == rows_written + rows_rejected`` always holds.
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
        for unresolved in self.unresolved_actors.values():
            found.append(
                ReportEntry(
                    schema.UNRESOLVED_ACTOR,
                    unresolved.line,
                    unresolved.column,
                    unresolved.value,
                    f"not in the actor list ({_rows(unresolved.rows)}, first on this line); kept verbatim; "
                    "add the name to the aliases of an actor in actors.csv",
                )
            )
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
        order = {kind: i for i, kind in enumerate(schema.REPORT_KINDS)}
        return sorted(found, key=lambda e: (e.line, order.get(e.kind, 99)))

    def summary(self) -> str:
        """A few lines for people: counts that add up, and what to look at."""
        actor_rows = sum(u.rows for u in self.unresolved_actors.values())
        place_rows = sum(u.rows for u in self.unresolved_places.values())
        lines = [
            f"{self.path}: {self.rows_read:,} rows read = {self.rows_written:,} written "
            f"+ {self.rows_rejected:,} rejected ({len(self.problems):,} problems)",
            f"  actors: {len(self.unresolved_actors):,} names not in the actor list, kept verbatim "
            f"(in {actor_rows:,} rows)",
            f"  places: {self.places_resolved:,} rows given a place id; "
            f"{len(self.disagreements):,} rows more than {schema.PLACE_AGREEMENT_KM:g} km from the gazetteer's "
            f"place (left without one); {len(self.unresolved_places):,} names not resolved (in {place_rows:,} rows)",
        ]
        lines.extend(f"  warning: {w.message}" for w in self.warnings)
        return "\n".join(lines)


@dataclass
class ImportResult:
    """The incidents an import made (rows of ``incidents.csv``) and its report."""

    incidents: list[dict[str, str]]
    report: ImportReport


def _rows(count: int) -> str:
    return f"{count:,} row" if count == 1 else f"{count:,} rows"


def write_incidents(incidents: list[dict[str, str]], path: str | Path) -> Path:
    """Write incidents as ``incidents.csv`` (:data:`geo.schema.INCIDENT_COLUMNS`), atomically.

    Cells a spreadsheet would run as formulas start with ``'``
    (:func:`geo._io.spreadsheet_safe`); :func:`geo.records.read_table` removes it again.
    """
    return _write_csv(path, schema.INCIDENT_COLUMNS, incidents)


def write_report(report: ImportReport, path: str | Path) -> Path:
    """Write the report as CSV (:data:`geo.schema.REPORT_COLUMNS`), atomically, formula cells escaped."""
    return _write_csv(path, schema.REPORT_COLUMNS, [entry.as_row() for entry in report.entries()])


def _write_csv(path: str | Path, columns: tuple[str, ...], rows: Sequence[Mapping[str, object]]) -> Path:
    from .._io import spreadsheet_safe, write_atomically

    def write(handle) -> None:
        writer = csv.DictWriter(handle, fieldnames=columns, lineterminator="\n", extrasaction="ignore")
        writer.writeheader()
        for row in rows:
            writer.writerow({key: spreadsheet_safe(value) for key, value in row.items()})

    return write_atomically(Path(path), write)
