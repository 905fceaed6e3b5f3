"""The import job shared by every dataset (:class:`Importer`): the incidents made, the
batches they are measured and handed on in, and the progress callback. What it checks
and resolves is in the modules of its parts:

- :mod:`geo.imports.job_checks`: the checks of ids, points and text, and the problems they report;
- :mod:`geo.imports.job_actors`: the actor names resolved (cached) and counted;
- :mod:`geo.imports.job_places`: the place names resolved (cached), and the 10 km agreement
  between the dataset's point and the gazetteer's place, a batch of the row path's incidents at a time;
- :mod:`geo.imports.job_place_columns`: the same rules on columns, on arrays (the columnar path);
- :mod:`geo.imports.job_countries`: the country a row names, and its point checked against it.

Every name those modules define that an import uses is importable from here too.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from .. import schema
from .actors import DatasetAliases
from .job_actors import ActorResolution
from .job_checks import EVENT_ID, RowChecks
from .job_countries import ACLED_COUNTRIES, country_of
from .job_place_columns import PlaceColumns, within_agreement
from .job_places import Lookup
from .reader import Line
from .report import ImportReport, ImportResult

if TYPE_CHECKING:
    from ..actors import ActorIndex
    from ..gazetteer import Gazetteer

__all__ = [
    "ACLED_COUNTRIES",
    "BATCH",
    "EVENT_ID",
    "PROGRESS_EVERY",
    "Importer",
    "Lookup",
    "Progress",
    "Sink",
    "country_of",
    "incident_row",
    "within_agreement",
]

Progress = Callable[[int], None]
# Takes the incidents made since the last call, in order (see Importer.flush).
Sink = Callable[[list[dict[str, str]]], None]

# How often (in rows read) the progress callback is called.
PROGRESS_EVERY = 10_000
# How many incidents are measured together (the 10 km rule, the country outlines) and, when
# the import streams, handed to its sink at once.
BATCH = 10_000


class Importer(RowChecks, ActorResolution, PlaceColumns):
    """One import of one file: its rows checked (:class:`~geo.imports.job_checks.RowChecks`),
    its actors and places resolved and cached (:class:`~geo.imports.job_actors.ActorResolution`,
    :class:`~geo.imports.job_places.PlaceResolution`, :class:`~geo.imports.job_place_columns.PlaceColumns`),
    the report being written, and the
    incidents made, measured and handed to ``sink`` in batches of :data:`BATCH`."""

    def __init__(
        self,
        *,
        dataset: str,
        path: Path,
        gazetteer: Gazetteer,
        actors: ActorIndex,
        aliases: DatasetAliases | None = None,
        sink: Sink | None = None,
    ) -> None:
        self.path = path
        self.gazetteer = gazetteer
        self.actors = actors
        self.report = ImportReport(dataset=dataset, path=str(path))
        # The incidents made and not yet handed to ``sink`` (all of them without one);
        # ``self.base`` is the number handed over before them: incident ``i`` is
        # ``self.incidents[i - self.base]``.
        self.incidents: list[dict[str, str]] = []
        self.sink = sink
        self.base = 0
        self.measured = 0  # incidents whose places and points have been measured
        self.seen_ids: dict[str, int] = {}
        self.current_row: Line | None = None
        self.start_actors(actors, dataset="ucdp" if dataset.lower().startswith("ucdp") else "acled", aliases=aliases)
        self.start_places()

    def incident(self, index: int) -> dict[str, str]:
        """Incident ``index`` (counted from the first of the import), not yet handed to the sink."""
        return self.incidents[index - self.base]

    @property
    def made(self) -> int:
        """How many incidents the import has made so far."""
        return self.base + len(self.incidents)

    def due(self) -> bool:
        """Whether :data:`BATCH` incidents wait to be measured (call :meth:`measure`, then :meth:`flush`)."""
        return self.base + len(self.incidents) - self.measured >= BATCH

    def flush(self) -> None:
        """Hand the incidents measured so far to the sink, if the import has one (else keep them)."""
        if self.sink is None or not self.incidents:
            return
        self.sink(self.incidents)
        self.base += len(self.incidents)
        self.incidents = []

    def finish(self) -> ImportResult:
        """Measure the incidents left, hand them to the sink; the result holds the incidents
        kept (none when the import streams to a sink) and the report."""
        self.measure()
        self.flush()
        self.report.rows_written = self.made
        return ImportResult(self.incidents, self.report, self.actors_met)


_BLANK_INCIDENT = dict.fromkeys(schema.INCIDENT_COLUMNS, "")


def incident_row(**cells: str) -> dict[str, str]:
    """A row of ``incidents.csv``: every column, in order, empty but for ``cells``."""
    row = _BLANK_INCIDENT.copy()
    row.update(cells)
    return row
