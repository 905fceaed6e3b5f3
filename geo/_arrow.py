"""Small bridges between numpy, Python lists and pyarrow's arrays, for the code that
hands columns to pyarrow's kernels (pyarrow is imported by the callers first; these
never make pyarrow import pandas, as ``pyarrow.array`` of a numpy array does: a third
of a second)."""

from __future__ import annotations

from typing import Any

import numpy as np

__all__ = [
    "drawn_array",
    "holds",
    "int32_values",
    "integers",
    "lead_bytes",
    "string_bytes",
    "string_scalar",
    "strings",
    "utf8_array",
]


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
    return utf8_array([value.encode("utf-8") for value in values])


def utf8_array(encoded: list[bytes]) -> Any:
    """pyarrow's string array of texts already encoded in UTF-8 (not checked here).

    >>> utf8_array(["Ménaka".encode(), b"", b"Gao"]).to_pylist()
    ['Ménaka', '', 'Gao']
    """
    import pyarrow as pa

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


def int32_values(array: Any) -> np.ndarray:
    """The values of pyarrow's int32 array (no nulls) as numpy's, read from its buffer
    without a copy (``to_numpy`` would import pandas, a third of a second).

    >>> import pyarrow as pa
    >>> int32_values(pa.array([3, 1, 2], type=pa.int32()).slice(1)).tolist()
    [1, 2]
    """
    return np.frombuffer(array.buffers()[1], dtype=np.int32)[array.offset : array.offset + len(array)]


def string_bytes(array: Any) -> tuple[np.ndarray, np.ndarray]:
    """The bytes of pyarrow's array of strings (no nulls; ``string`` or ``large_string``)
    as numpy's arrays, without a copy: the UTF-8 bytes of all its cells one after the
    other, and where each cell starts in them (one more offset at the end).

    >>> offsets, data = string_bytes(strings(["x", "Gao", "Ménaka"]).slice(1))
    >>> offsets.tolist(), data.tobytes().decode()
    ([0, 3, 10], 'GaoMénaka')
    """
    import pyarrow as pa

    width = np.int64 if pa.types.is_large_string(array.type) else np.int32
    _validity, offsets_buffer, data_buffer = array.buffers()
    if offsets_buffer is None:  # (an empty array may have none)
        return np.zeros(1, dtype=np.int64), np.zeros(0, dtype=np.uint8)
    offsets = np.frombuffer(offsets_buffer, dtype=width)[array.offset : array.offset + len(array) + 1].astype(np.int64)
    start, end = int(offsets[0]), int(offsets[-1])
    data = np.frombuffer(data_buffer, dtype=np.uint8)[start:end] if data_buffer is not None else np.zeros(0, np.uint8)
    return offsets - start, data


def lead_bytes(characters: str) -> np.ndarray:
    """A table of 256 booleans, true for the first byte of each character's UTF-8 form:
    a cell none of whose bytes is true holds none of ``characters`` (one look-up a byte).

    >>> table = lead_bytes("\\t\\u3000")
    >>> [int(b) for b in np.flatnonzero(table)]
    [9, 227]
    """
    table = np.zeros(256, dtype=bool)
    table[[character.encode("utf-8", "surrogatepass")[0] for character in characters]] = True
    return table


def holds(data: np.ndarray, characters: str) -> bool:
    """Whether UTF-8 bytes (numpy's ``uint8`` array, as :func:`string_bytes` gives them)
    hold one of ``characters`` (of at most three bytes each): the bytes that may start
    one found by comparisons (one for all the control characters, one for each other
    first byte: each a fast pass over the bytes), and only those decoded.

    >>> data = np.frombuffer("L’Arbaa\\u3000Gao\\t".encode(), dtype=np.uint8)
    >>> holds(data, "\\u3000"), holds(data, "\\u2000\\n"), holds(data[:9], "\\u3000"), holds(data, "\\n\\t")
    (True, False, False, True)
    """
    wanted = [ord(character) for character in characters]
    if max(wanted, default=0) > 0xFFFF:
        raise ValueError("holds: a character of four bytes")
    leads = np.flatnonzero(lead_bytes(characters))
    found = []
    if (leads < 0x20).any() and (data < 0x20).any():  # (control characters, rare in text: found together)
        found.append(np.flatnonzero(data < 0x20))
    for lead in leads[leads >= 0x20].tolist():
        if (data == lead).any():
            found.append(np.flatnonzero(data == lead))
    if not found:
        return False
    at = np.concatenate(found)
    last = len(data) - 1
    first, second, third = (data[np.minimum(at + k, last)].astype(np.int64) for k in range(3))
    whole = at + np.where(first < 0x80, 0, np.where(first < 0xE0, 1, 2)) <= last  # (not cut short by the end)
    code = np.where(
        first < 0x80,
        first,
        np.where(
            first < 0xE0,
            ((first & 0x1F) << 6) | (second & 0x3F),
            ((first & 0x0F) << 12) | ((second & 0x3F) << 6) | (third & 0x3F),
        ),
    )
    return bool((np.isin(code, wanted) & whole).any())
