"""Small bridges between numpy, Python lists and pyarrow's arrays, for the code that
hands columns to pyarrow's kernels (pyarrow is imported by the callers first; these
never make pyarrow import pandas, as ``pyarrow.array`` of a numpy array does: a third
of a second)."""

from __future__ import annotations

from typing import Any

import numpy as np

__all__ = ["drawn_array", "integers", "string_scalar", "strings"]


def integers(values: np.ndarray) -> Any:
    """pyarrow's int64 array of a numpy array of integers (sharing its memory when it can).

    >>> integers(np.array([3, 1, 2])).to_pylist()
    [3, 1, 2]
    """
    import pyarrow as pa

    values = np.ascontiguousarray(values, dtype=np.int64)
    return pa.Array.from_buffers(pa.int64(), len(values), [None, pa.py_buffer(values)])


def strings(values: list[str]) -> Any:
    """pyarrow's string array of ``values`` (Python strings; a lone surrogate raises
    :class:`UnicodeEncodeError`, as pyarrow would).

    >>> strings(["Ménaka", "", "Gao"]).to_pylist()
    ['Ménaka', '', 'Gao']
    """
    import pyarrow as pa

    encoded = [value.encode("utf-8") for value in values]
    data = b"".join(encoded)
    wide = len(data) >= 1 << 31
    offsets = np.zeros(len(encoded) + 1, dtype=np.int64 if wide else np.int32)
    np.cumsum(np.fromiter(map(len, encoded), dtype=np.int64, count=len(encoded)), out=offsets[1:])
    kind = pa.large_string() if wide else pa.string()
    return pa.Array.from_buffers(kind, len(encoded), [None, pa.py_buffer(offsets), pa.py_buffer(data)])


def drawn_array(table: list[str], codes: np.ndarray) -> Any:
    """pyarrow's string array of ``table[code]`` for each of ``codes``.

    >>> drawn_array(["Gao", "Menaka"], np.array([1, 0, 1])).to_pylist()
    ['Menaka', 'Gao', 'Menaka']
    """
    return strings(table).take(integers(codes))


def string_scalar(value: str) -> Any:
    """pyarrow's string scalar of ``value``, for a kernel's argument (a Python string
    given to a kernel is made one by ``pyarrow.scalar``, which imports pandas).

    >>> string_scalar("acled-").as_py()
    'acled-'
    """
    return strings([value])[0]
