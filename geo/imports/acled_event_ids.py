"""The event ids of the columnar ACLED import's chunks (:mod:`geo.imports.acled_chunks`):
the rows with none or a malformed one, and an id on more than one row, which sends the
export to the row path (:class:`RowPathError`).

Ids read by ``csv.reader`` (Python's strings) are kept in a set, and a repeated one is
found at the row it stands on. Ids read by pyarrow (:class:`~geo._csv_batches.ArrowStrings`)
stay pyarrow's (only the ids of rows making claims become Python strings): they are
checked by pyarrow's kernels, a repeat inside a chunk is found with the chunk, and one
across chunks once every chunk is read (:meth:`EventIds.finish`; the row path then reads
the file, as it would have from that chunk). For that last check each id is also kept as
a number (:func:`_id_numbers`: an id of at most twelve letters, digits and hyphens is a
number of base 38, which no other id shares), so that the ids of the whole file are one
sort of integers: 0.26 seconds of pyarrow's ``unique`` of a million ids at the end of the
import become 0.02, for about 4 ms a chunk of 44,000 ids to make the numbers (ids that
cannot be numbers are counted by ``unique``, as pyarrow's arrays, about 15 bytes an id).
Measured on a million ids: a Python set of them was slower than either.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

import numpy as np

from .. import schema
from .._arrow import integers, string_bytes, string_scalar, strings
from .._csv_batches import ArrowStrings
from .job import EVENT_ID

__all__ = ["EventIds", "RowPathError"]

# A well-formed event id (job.EVENT_ID's rule) in pyarrow's regular expressions, and
# well-formed ids joined by NUL; the bytes an id may hold (ASCII), by the same rule.
_EVENT_ID_RE2 = EVENT_ID.pattern
_ONE_ID = EVENT_ID.pattern.removeprefix("^").removesuffix("$")
_ALL_IDS = re.compile(f"{_ONE_ID}(?:\x00{_ONE_ID})*")
_ID_BYTES = np.array([EVENT_ID.match(chr(byte)) is not None for byte in range(256)])
# An id in lower case as a number (_id_numbers): each byte of the alphabet a digit from 1,
# the id's bytes the digits of a number in base len(alphabet) + 1, padded with zeros to
# _NUMBER_WIDTH digits (the most an unsigned 64-bit integer holds).
_LOWER_ID_BYTES = [byte for byte in range(256) if _ID_BYTES[byte] and not chr(byte).isupper()]
_ID_DIGITS = np.zeros(256, dtype=np.uint64)
_ID_DIGITS[_LOWER_ID_BYTES] = np.arange(1, len(_LOWER_ID_BYTES) + 1, dtype=np.uint64)
_BASE = len(_LOWER_ID_BYTES) + 1
_NUMBER_WIDTH = max(width for width in range(1, 65) if _BASE**width <= 1 << 64)
_PLACE_VALUES = np.array([_BASE ** (_NUMBER_WIDTH - 1 - j) for j in range(_NUMBER_WIDTH)], dtype=np.uint64)


class RowPathError(Exception):
    """The export needs the row path: an event id on more than one row (an actor-based
    export, or an id repeated), or a row the columnar checks and the row path judge apart."""


class EventIds:
    """The event ids of one chunk after another: their checks, and the ids met."""

    def __init__(self) -> None:
        self._seen: set[str] = set()  # record ids, read by csv.reader
        self._held: list[Any] = []  # ids in lower case, read by pyarrow: one array per chunk
        self._rejected: list[str] = []  # ids in lower case of rows rejected, read by pyarrow
        # the ids of _held as numbers (_id_numbers), while every chunk's could be
        self._numbers: list[np.ndarray] | None = []

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
            numbers = _id_numbers(lowered) if self._numbers is not None else None
            if _repeats(lowered) if numbers is None else _repeated(numbers):
                raise RowPathError("an event id on more than one row")
            self._held.append(lowered)
            if numbers is None:
                self._numbers = None
            elif self._numbers is not None:
                self._numbers.append(numbers)
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

        rejected = strings(self._rejected).cast(self._held[0].type)
        numbers = _id_numbers(rejected) if self._numbers is not None else None
        if numbers is not None and self._numbers is not None:
            repeated = _repeated(np.concatenate([*self._numbers, numbers]))
        else:
            repeated = _repeats(pa.concat_arrays([*self._held, rejected]))
        if repeated:
            raise RowPathError("an event id on more than one row")


def _repeats(ids: Any) -> bool:
    """Whether a value stands twice in pyarrow's array ``ids`` (its distinct values
    counted: ``unique`` is faster than ``count_distinct`` or a sort, measured on a
    million ids)."""
    import pyarrow.compute as pc

    return len(pc.unique(ids)) != len(ids)


def _id_numbers(ids: Any) -> np.ndarray | None:
    """Each of pyarrow's ids in lower case as a number (uint64): its bytes, each a digit
    from 1 (:data:`_ID_DIGITS`), the digits of a number in base :data:`_BASE` padded with
    zeros, so that two ids have one number only when they are equal; ``None`` when an id
    is empty, longer than :data:`_NUMBER_WIDTH` bytes or holds another byte.

    >>> from geo._arrow import strings
    >>> numbers = _id_numbers(strings(["mli1", "mli10", "mli1", "-"]))
    >>> numbers[0] == numbers[2], len(set(numbers.tolist())), _id_numbers(strings(["MLI1"]))
    (np.True_, 3, None)
    """
    offsets, data = string_bytes(ids)
    lengths = np.diff(offsets)
    if not len(lengths):
        return np.zeros(0, dtype=np.uint64)
    if lengths.min() < 1 or lengths.max() > _NUMBER_WIDTH:
        return None
    digits = _ID_DIGITS[data]
    if not digits.all():
        return None
    place = np.arange(len(data), dtype=np.int64) - np.repeat(offsets[:-1], lengths)  # (each byte's, in its id)
    return np.add.reduceat(digits * _PLACE_VALUES[place], offsets[:-1])


def _repeated(numbers: np.ndarray) -> bool:
    """Whether a number stands twice in ``numbers`` (one sort)."""
    ordered = np.sort(numbers)
    return bool((ordered[1:] == ordered[:-1]).any())


def _rows(mask: Any) -> list[int]:
    """The rows where pyarrow's boolean array ``mask`` is true, in order."""
    import pyarrow.compute as pc

    if not pc.any(mask).as_py():
        return []
    return pc.indices_nonzero(mask).to_pylist()
