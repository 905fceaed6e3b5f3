"""What an import made and what it could not take: the report, and writing both to CSV."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import repeat
from operator import contains as _contains
from operator import itemgetter
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, NamedTuple

from .. import schema
from .._distinct import Drawn
from ..errors import InputError
from ..seeds import Problem

if TYPE_CHECKING:
    from .actors import Mapping as ActorMapping

__all__ = [
    "MAPPED_ACTOR",
    "Column",
    "Deferred",
    "ImportReport",
    "ImportResult",
    "ReportEntry",
    "RowWriter",
    "Unresolved",
    "made",
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
        order = {kind: i for i, kind in enumerate(schema.REPORT_KINDS)}
        return sorted(found, key=lambda e: (e.line, order.get(e.kind, 99)))

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
    return _write_csv(path, schema.INCIDENT_COLUMNS, incidents)


def write_claims(claims: list[dict[str, str]], path: str | Path) -> Path:
    """Write claims as ``claims.csv`` (:data:`geo.schema.CLAIM_COLUMNS`), atomically, formula cells escaped."""
    return _write_csv(path, schema.CLAIM_COLUMNS, claims)


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
    return _write_csv(path, columns, rows)


def write_actors(actors: list[dict[str, str]], path: str | Path) -> Path:
    """Write the new actors of an import (``Importer.actors_met``) as ``actors.csv``
    (:data:`geo.schema.ACTOR_COLUMNS`), atomically, formula cells escaped."""
    return _write_csv(path, schema.ACTOR_COLUMNS, actors)


def write_report(report: ImportReport, path: str | Path) -> Path:
    """Write the report as CSV (:data:`geo.schema.REPORT_COLUMNS`), atomically, formula cells escaped."""
    return _write_csv(path, schema.REPORT_COLUMNS, [entry.as_row() for entry in report.entries()])


# The first characters after which a cell may be a formula (see geo._io.spreadsheet_safe).
_RISKY = frozenset("'=+-@\t\r")
# A cell of a row joined with _SEPARATOR that starts as a formula might (and is not a plain number).
_SEPARATOR = "\x00"


def _quoted_characters() -> str:
    """The characters that make ``csv.writer`` (``lineterminator="\\n"``) quote a cell: the
    comma, the quote and the line feed, and the others this Python's csv module quotes
    (a carriage return, since some versions), asked of the module itself."""
    found = ',"\n'  # always first, in this order (see RowWriter.write_columns)
    for character in "\r\x00":
        buffer = io.StringIO()
        csv.writer(buffer, lineterminator="\n").writerow((f"a{character}b", ""))
        if buffer.getvalue() != f"a{character}b,\n":
            found += character
    return found


# A cell holding one of these characters is written quoted, its quotes doubled (csv's QUOTE_MINIMAL).
_QUOTE_MARKS = tuple(_quoted_characters())
_MORE_QUOTE_MARKS = _QUOTE_MARKS[3:]  # beyond the comma, the quote and the line feed


def _needs_quotes(text: str) -> bool:
    """Whether csv.writer quotes a cell holding ``text`` (or, for cells joined, one of them)."""
    return "," in text or '"' in text or "\n" in text or any(mark in text for mark in _MORE_QUOTE_MARKS)


_MAYBE_FORMULA = re.compile(r"\x00(?![+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?(?:\x00|\Z))'*[=+\-@\t\r]")
# A cell's start (in a column joined with _SEPARATOR, one before the first) that
# _MAYBE_FORMULA may match: a simpler search, looked for first (most columns hold none;
# in a column of negative numbers, every cell starts so).
_RISKY_START = re.compile(r"\x00'*[=+\-@\t\r]")


def _safe(value: object) -> object:
    """:func:`geo._io.spreadsheet_safe`, without the call for the cells that cannot need it."""
    if isinstance(value, str) and value[:1] not in _RISKY:
        return value
    from .._io import spreadsheet_safe

    return spreadsheet_safe(value)


def _lines(cells: list[list[str]], everywhere: list[bool]) -> str:
    """The CSV lines of rows given as columns (cells written as they are, but those of a
    column of ``everywhere`` put between quotes), each ended by a line feed: one join of
    the cells and the separators between them, laid out row by row on a list."""
    width, count = len(cells), len(cells[0])
    if not any(everywhere):
        return "\n".join(map(",".join, zip(*cells, strict=True))) + "\n"
    # after column j: the quote closing it, the comma (or the line feed), the quote opening the next
    after = [
        ('"' if everywhere[j] else "") + ("," if j < width - 1 else "\n") + ('"' if everywhere[(j + 1) % width] else "")
        for j in range(width)
    ]
    parts = [""] * (2 * width * count)
    for j, column in enumerate(cells):
        parts[2 * j :: 2 * width] = column
        parts[2 * j + 1 :: 2 * width] = [after[j]] * count
    text = "".join(parts)
    # the first row's opening quote, and not the one after the last row
    return ('"' + text[:-1]) if everywhere[0] else text


class Deferred(NamedTuple):
    """A column to be made only where its rows are written, as ``make(*args)`` (in the
    process that writes them: :mod:`geo.imports.writer_process`)."""

    make: Callable[..., Sequence[str]]
    args: tuple[Any, ...]


# A column of rows to write: its cells, or how to make them.
Column = Sequence[str] | Deferred


def made(columns: Sequence[Column]) -> list[Sequence[str]]:
    """``columns``, each :class:`Deferred` one made."""
    return [column.make(*column.args) if isinstance(column, Deferred) else column for column in columns]


def columns_text(columns: Sequence[Sequence[str]]) -> str:
    """The CSV lines of rows given as columns of text (two or more, all of one length),
    each ended by a line feed, as :class:`RowWriter` writes the same rows: a row with a
    cell a spreadsheet might run has every cell made safe, and a cell is quoted as
    ``csv.writer`` quotes it. Each check is one search of a whole column (of its table's
    values, for a column drawn from one: :class:`~geo._distinct.Drawn`); only the
    columns where it finds something are looked at cell by cell, and a column whose
    every cell needs quotes (a comma in each, as in ACLED's notes) gets them with the
    commas around it, not cell by cell.

    Examples
    --------
    >>> columns_text([["a", "b"], ["x,y", "@SUM(A1)"]])
    'a,"x,y"\\nb,\\'@SUM(A1)\\n'
    """
    cells = [list(column) for column in columns]
    risky: set[int] = set()
    quoted: list[bool] = []  # whether a cell of the column may need quotes
    for given, column in zip(columns, cells, strict=True):
        values = given.table if isinstance(given, Drawn) else column  # each value once
        joined = _SEPARATOR + _SEPARATOR.join(values)
        if joined.count(_SEPARATOR) != len(values):
            risky.update(i for i, cell in enumerate(column) if _SEPARATOR in cell)
        if _RISKY_START.search(joined) and _MAYBE_FORMULA.search(joined):
            risky.update(i for i, cell in enumerate(column) if _MAYBE_FORMULA.search(_SEPARATOR + cell))
        quoted.append(_needs_quotes(joined))
    for i in risky:
        for column in cells:
            column[i] = str(_safe(column[i]))
    # every cell of a column quoted: its quotes doubled, the quotes around it written
    # with the commas (no string made per cell); some cells quoted: each one as it needs
    everywhere = [False] * len(cells)
    for j, (column, maybe) in enumerate(zip(cells, quoted, strict=True)):
        if not (maybe or risky):
            continue
        if all(map(_contains, column, repeat(","))):
            everywhere[j] = True
            if '"' in _SEPARATOR.join(column):
                column[:] = [cell.replace('"', '""') for cell in column]
        elif _MORE_QUOTE_MARKS:
            column[:] = ['"' + cell.replace('"', '""') + '"' if _needs_quotes(cell) else cell for cell in column]
        else:  # the same, without a call per cell
            column[:] = [
                '"' + cell.replace('"', '""') + '"' if "," in cell or '"' in cell or "\n" in cell else cell
                for cell in column
            ]
    return _lines(cells, everywhere)


class RowWriter:
    """Writes rows (dicts) as CSV lines with ``columns``, as they come, to an open text
    handle: the header first, cells a spreadsheet would run as formulas escaped, exactly
    as :func:`write_incidents` writes a whole list.

    Examples
    --------
    >>> import io
    >>> handle = io.StringIO()
    >>> writer = RowWriter(handle, ("id", "note"))
    >>> writer([{"id": "a", "note": "=1+2"}])
    >>> writer([{"id": "b"}])
    >>> handle.getvalue()
    "id,note\\na,'=1+2\\nb,\\n"
    >>> writer.reset(); handle.getvalue()
    'id,note\\n'
    """

    def __init__(self, handle: IO[str], columns: tuple[str, ...]) -> None:
        self.handle = handle
        self.columns = columns
        self.rows = 0
        self._writer = csv.writer(handle, lineterminator="\n")
        self._writer.writerow(columns)
        self._get_all = itemgetter(*columns) if len(columns) > 1 else lambda row: (row[columns[0]],)

    def __call__(self, rows: Sequence[Mapping[str, object]]) -> None:
        columns = self.columns
        width = len(columns)
        if len(rows) >= _BY_COLUMNS and width > 1:
            cut = _text_columns(rows, columns)
            if cut is not None:
                self.write_columns(cut)
                return
        cells = []
        get_all = self._get_all
        for row in rows:
            try:
                values = list(get_all(row))
            except KeyError:
                values = [row.get(column, "") for column in columns]
            # One search of the row for a cell a spreadsheet might run (most have none).
            joined = _SEPARATOR + _SEPARATOR.join(map(str, values))
            if _MAYBE_FORMULA.search(joined) or joined.count(_SEPARATOR) != width:
                values = [_safe(value) for value in values]
            cells.append(values)
        self._writer.writerows(cells)
        self.rows += len(rows)

    def write_columns(self, columns: Sequence[Column]) -> None:
        """Write rows given as columns of text (one list per column of ``columns``, all of
        one length; or :class:`Deferred`, made here), with the bytes :meth:`__call__` writes for the same rows
        (:func:`columns_text`).

        Examples
        --------
        >>> import io
        >>> handle = io.StringIO()
        >>> writer = RowWriter(handle, ("id", "note"))
        >>> writer.write_columns([["a", "b", "c"], ["=1+2", 'say "hi", twice', "-3.5"]])
        >>> handle.getvalue()
        'id,note\\na,\\'=1+2\\nb,"say ""hi"", twice"\\nc,-3.5\\n'
        """
        columns = made(columns)
        if len(columns) == 1:  # a row of one empty cell is written "" (not a blank line): the row writer's way
            self([dict(zip(self.columns, row, strict=True)) for row in zip(*columns, strict=True)])
            return
        if not columns or not columns[0]:
            return
        self.handle.write(columns_text(columns))
        self.rows += len(columns[0])

    def reset(self) -> None:
        """Forget the rows written: the handle holds the header only again."""
        self.handle.seek(0)
        self.handle.truncate()
        self.rows = 0
        self._writer.writerow(self.columns)


# From this many rows, rows of text (and whole numbers) are written by columns (:func:`columns_text`).
_BY_COLUMNS = 1000


def _text_columns(rows: Sequence[Mapping[str, object]], columns: tuple[str, ...]) -> list[list[str]] | None:
    """The cells of ``rows`` by column as ``csv.writer`` writes them (a missing cell empty),
    or ``None`` when a cell is neither text nor a whole number."""
    cut = []
    for column in columns:
        cells = [row.get(column, "") for row in rows]
        kinds = set(map(type, cells))
        if kinds == {int} or kinds == {str, int}:
            cells = list(map(str, cells))
        elif kinds != {str}:
            return None
        cut.append(cells)
    return cut  # type: ignore[return-value]


def _write_csv(path: str | Path, columns: tuple[str, ...], rows: Sequence[Mapping[str, object]]) -> Path:
    from .._io import write_atomically

    def write(handle: IO[str]) -> None:
        RowWriter(handle, columns)(rows)

    return write_atomically(Path(path), write)
