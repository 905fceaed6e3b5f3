"""The event ids of the columnar ACLED import's chunks (:mod:`geo.imports.acled_chunks`):
the rows with none or a malformed one, and an id on more than one row, which sends the
export to the row path (:class:`RowPathError`).

Ids read by ``csv.reader`` (Python's strings) are kept in a set, and a repeated one is
found at the row it stands on. Ids read by pyarrow (:class:`~geo._csv_batches.ArrowStrings`)
stay pyarrow's (only the ids of rows making claims become Python strings): they are
checked by pyarrow's kernels, a repeat inside a chunk is found with the chunk, and one
across chunks once every chunk is read (:meth:`EventIds.finish`: one count of the
distinct ids of the whole file, kept as pyarrow's arrays, about 15 bytes an id; the
row path then reads the file, as it would have from that chunk). Measured on a million
ids: a Python set of them was slower than this.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

import numpy as np

from .. import schema
from .._arrow import integers, string_scalar, strings
from .._csv_batches import ArrowStrings
from .job import EVENT_ID

__all__ = ["EventIds", "RowPathError"]

# A well-formed event id (job.EVENT_ID's rule) in pyarrow's regular expressions, and
# well-formed ids joined by NUL; the bytes an id may hold (ASCII), by the same rule.
_EVENT_ID_RE2 = EVENT_ID.pattern
_ONE_ID = EVENT_ID.pattern.removeprefix("^").removesuffix("$")
_ALL_IDS = re.compile(f"{_ONE_ID}(?:\x00{_ONE_ID})*")
_ID_BYTES = np.array([EVENT_ID.match(chr(byte)) is not None for byte in range(256)])


class RowPathError(Exception):
    """The export needs the row path: an event id on more than one row (an actor-based
    export, or an id repeated), or a row the columnar checks and the row path judge apart."""


class EventIds:
    """The event ids of one chunk after another: their checks, and the ids met."""

    def __init__(self) -> None:
        self._seen: set[str] = set()  # record ids, read by csv.reader
        self._held: list[Any] = []  # ids in lower case, read by pyarrow: one array per chunk
        self._rejected: list[str] = []  # ids in lower case of rows rejected, read by pyarrow

    @staticmethod
    def empty_rows(ids: Sequence[str]) -> list[int]:
        """The rows without an id (cells stripped), in order."""
        if isinstance(ids, ArrowStrings):
            import pyarrow.compute as pc

            if ids.only(_ID_BYTES):  # (the common case, found without a string made)
                return []
            return _rows(pc.equal(ids.stripped(), string_scalar("")))
        return [i for i, cell in enumerate(ids) if not cell] if "" in ids else []

    @staticmethod
    def malformed_rows(ids: Sequence[str]) -> list[int]:
        """The rows whose id is empty or not of letters, digits and hyphens, in order."""
        if isinstance(ids, ArrowStrings):
            import pyarrow.compute as pc

            if ids.only(_ID_BYTES):  # (the common case, found without a string made)
                return []
            return _rows(pc.invert(pc.match_substring_regex(ids.stripped(), _EVENT_ID_RE2)))
        joined = "\x00".join(ids)
        if joined.count("\x00") == len(ids) - 1 and _ALL_IDS.fullmatch(joined):  # (no cell holds a NUL itself)
            return []
        return [i for i, cell in enumerate(ids) if not cell or not EVENT_ID.match(cell)]

    def add(self, ids: Sequence[str], bad: set[int], rejected: list[str]) -> None:
        """Meet the ids of a chunk's rows but those ``bad`` (well formed), and the record
        ids of its rows ``rejected`` (by the row path).

        Raises
        ------
        RowPathError
            When an id stands on two rows of the chunk, or on one met before (ids read by
            pyarrow: only inside the chunk, see :meth:`finish`).
        """
        if isinstance(ids, ArrowStrings):
            import pyarrow.compute as pc

            held = ids.stripped()
            if bad:
                held = held.take(integers(np.array([i for i in range(len(held)) if i not in bad], dtype=np.int64)))
            lowered = pc.ascii_lower(held)  # (the ids are ASCII: str.lower's answer)
            if _repeats(lowered):
                raise RowPathError("an event id on more than one row")
            self._held.append(lowered)
            self._rejected.extend(record_id.removeprefix(schema.ACLED_ID_PREFIX) for record_id in rejected)
            return
        good = [cell for i, cell in enumerate(ids) if i not in bad] if bad else ids
        before = len(self._seen)
        self._seen.update(map(schema.ACLED_ID_PREFIX.__add__, map(str.lower, good)))
        self._seen.update(rejected)
        if len(self._seen) - before != len(good) + len(rejected):
            raise RowPathError("an event id on more than one row")

    def finish(self) -> None:
        """Every chunk met: raise :class:`RowPathError` when an id read by pyarrow stands
        on rows of two chunks."""
        if not self._held:
            return
        import pyarrow as pa

        every = pa.concat_arrays([*self._held, strings(self._rejected).cast(self._held[0].type)])
        if _repeats(every):
            raise RowPathError("an event id on more than one row")


def _repeats(ids: Any) -> bool:
    """Whether a value stands twice in pyarrow's array ``ids`` (its distinct values
    counted: ``unique`` is faster than ``count_distinct`` or a sort, measured on a
    million ids)."""
    import pyarrow.compute as pc

    return len(pc.unique(ids)) != len(ids)


def _rows(mask: Any) -> list[int]:
    """The rows where pyarrow's boolean array ``mask`` is true, in order."""
    import pyarrow.compute as pc

    if not pc.any(mask).as_py():
        return []
    return pc.indices_nonzero(mask).to_pylist()
