"""The cells of a chunk of an ACLED export's rows (:mod:`geo.imports.acled_columns`):
the rows of the header's width, and the columns the import reads cut from them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from itertools import chain
from typing import Any

import numpy as np

from .acled_event_ids import EventIds
from .acled_events import READ_COLUMNS, Context, EventRow
from .actors import Mapping
from .job import Importer
from .reader import Line

__all__ = ["READ", "ChunkCells"]

# The columns an incident is made from (the others are only checked for bytes that are not UTF-8).
READ = frozenset(READ_COLUMNS)


class ChunkCells:
    """The rows of one chunk after another, cut into the columns the import reads."""

    def __init__(
        self,
        job: Importer,
        context: Context,
        header: tuple[str, ...],
        read_row: Callable[[Importer, Line, Context], EventRow],
    ) -> None:
        self.job = job
        self.context = context
        self.header = header
        self.width = len(header)
        self.read_row = read_row
        self.event_ids = EventIds()  # every well-formed event id read
        self.written = 0
        # the actor ids of each set of names mapped (and the day, when a rule depends on
        # it), with its number in ``uses`` (see ChunkIncidents._actors)
        self.mapped: dict[tuple[tuple[str, ...], Any], tuple[tuple[str, str, str], int]] = {}
        # the names' uses of each set mapped, and the rows of later chunks that name it
        # again, counted at the end (ChunkIncidents.count_actors)
        self.uses: list[list[tuple[str, Mapping]]] = []
        self.again = np.zeros(0, dtype=np.int64)
        # what each event_date reads as without the year column (None: unread, or a
        # two-digit year that the year column settles), and each EDTF date made
        self.dates_read: dict[str, dt.date | None] = {}
        # whether the alias table's rules for a name of each set of actors' cells depend on the date
        self._dated_signatures: dict[tuple[str, ...], bool] = {}
        self.dates_made: dict[int, str] = {}  # (by the day's ordinal times four, plus the precision)

    def split(self, rows: list[list[str]]) -> None:
        """Cut ``rows`` (all of the header's width) into columns: the cells of each column
        the import reads, stripped (``str.strip`` returns a cell that needs none as it is)."""
        width = self.width
        flat = list(chain.from_iterable(rows))
        self.cells: dict[str, Sequence[str]] = {
            column: list(map(str.strip, flat[j::width])) for j, column in enumerate(self.header) if column in READ
        }
        self.count = len(rows)

    def column(self, column: str) -> Sequence[str]:
        """The (stripped) cells of ``column`` of the rows last cut (empty ones when the file has no such column)."""
        cells = self.cells.get(column)
        return [""] * self.count if cells is None else cells

    def odd_rows(
        self, rows: list[list[str]], starts: list[int]
    ) -> tuple[list[list[str]], list[int], list[tuple[int, list[str], str]]]:
        """The rows of the right width (blank rows dropped, empty trailing cells cut, as the
        row path reads them), and the others with what is wrong with their shape."""
        width = self.width
        kept: list[list[str]] = []
        kept_starts: list[int] = []
        odd: list[tuple[int, list[str], str]] = []
        for start, cells in zip(starts, rows, strict=True):
            if not any(cell.strip() for cell in cells):
                continue
            if len(cells) > width and not any(cell.strip() for cell in cells[width:]):
                cells = cells[:width]
            if len(cells) == width:
                kept.append(cells)
                kept_starts.append(start)
                continue
            shape = (
                f"the row has {len(cells)} cells but the header has {width}"
                if len(cells) > width
                else f"the row has {len(cells)} cells but the header has {width}: cells are missing"
            )
            odd.append((start, cells, shape))
        return kept, kept_starts, odd
