"""The load-ready file's format: a gazetteer's columns written as arrays and text blocks,
and read back (mapped, each text column on first use).

One line of JSON (the format, the fingerprint of what the file was made from, and where
each section lies), then the payload: the numbers as little-endian arrays, each text
column as one block (repeated texts as a dictionary and codes), the hidden records, the
ready name indexes, the (record, key) pairs of the keys, the areas' properties and their
outlines as WKB. Where such files
are kept, and when one is stale, is :mod:`geo._ready`'s business.
"""

from __future__ import annotations

import array
import functools
import json
import mmap
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, overload

from . import schema
from .errors import DataError

if TYPE_CHECKING:
    from collections.abc import Sequence

    import numpy as np
    from shapely.geometry.base import BaseGeometry

    from ._store import Store
    from .areas import Areas

__all__ = ["FORMAT", "LazyColumn", "Ready", "ReadyParts", "decode", "encode", "read_header"]

FORMAT = "sahel-atlas load-ready gazetteer, version 2"

_TEXT_COLUMNS = (
    "ids",
    "names",
    "kinds",
    "countries",
    "admin1",
    "admin2",
    "tiers",
    "geonames_ids",
    "variants",
    "areas",
    "keys",
)
_NUMBER_COLUMNS = {"lat": "<f8", "lon": "<f8", "uncertainty_km": "<f8", "population": "<i8"}
_SEP = "\x00"  # between the texts of a column: a character no cell holds


# --- writing --------------------------------------------------------------------------
@dataclass(frozen=True)
class ReadyParts:
    """What a load-ready file is made of: a gazetteer just read from its sources, with
    the OpenStreetMap tier and its areas tagged (made by the gazetteer itself, so that
    this module needs nothing of it)."""

    store: Store
    area_features: list[dict[str, Any]]
    area_geometries: np.ndarray | Sequence[BaseGeometry]  # the outlines, in the features' order
    hidden: np.ndarray | Sequence[int]  # the record numbers hidden as duplicates


def encode(directory: Path, parts: ReadyParts, recorded: dict[str, Any]) -> bytes:
    """The load-ready form of the gazetteer in ``directory``, made of ``parts``: a header
    (one line of JSON: the format, ``recorded``, the sections) and the payload.

    ``recorded`` is the folder's fingerprint (:func:`geo._ready.fingerprint`), kept in the
    header for :func:`geo._ready.read_ready` to compare. Raises
    :class:`~geo.errors.DataError` when an area's properties are not exactly
    :data:`geo.schema.AREA_PROPERTIES` or a text holds a NUL character.

    Examples
    --------
    >>> import tempfile
    >>> from geo._store import Store
    >>> store = Store()
    >>> store.freeze()
    >>> data = encode(Path("g"), ReadyParts(store, [], [], []), {"sources": {}, "code": "c"})
    >>> header, payload = data.split(b"\\n", 1)
    >>> file = Path(tempfile.mkdtemp()) / "gazetteer.ready"
    >>> _ = file.write_bytes(data)
    >>> found = read_header(file)
    >>> found[0]["fingerprint"], found[0]["records"], len(found[1]) == len(payload)
    ({'code': 'c', 'sources': {}}, 0, True)
    """
    import numpy as np
    import shapely

    store = parts.store
    features = parts.area_features
    for number, feature in enumerate(features, start=1):
        props = feature.get("properties") or {}
        if tuple(props) != schema.AREA_PROPERTIES:
            raise DataError(
                f"{directory / 'areas.geojson'}, feature {number} ({props.get(schema.ID)!r}): its properties are "
                f"{list(props)}, not {list(schema.AREA_PROPERTIES)}; rebuild it with gazetteer/scripts/build_areas.py"
            )
    sections: dict[str, tuple[str, bytes]] = {}
    for name in _TEXT_COLUMNS:
        values: list[str] = getattr(store, name)
        nul = f"a {name} text of the gazetteer holds a NUL character: remove it from the source"
        distinct = set(values)
        if len(distinct) < 65_536 and 4 * len(distinct) < len(values):
            vocabulary = sorted(distinct)
            code_of = {value: code for code, value in enumerate(vocabulary)}
            codes = np.fromiter(map(code_of.__getitem__, values), dtype="<u2", count=len(values))
            sections[name] = ("dictionary", _pack(_joined(vocabulary, nul).encode(), codes.tobytes()))
        else:
            ends = np.cumsum(np.fromiter(map(len, values), dtype=np.int64, count=len(values)) + 1) - 1
            if len(ends) and ends[-1] >= 2**32:
                raise DataError(f"the gazetteer's {name} column is too long for the load-ready format")
            sections[name] = ("text", _pack(ends.astype("<u4").tobytes(), _joined(values, nul).encode()))
    for name, dtype in _NUMBER_COLUMNS.items():
        sections[name] = ("array", np.ascontiguousarray(getattr(store, name), dtype=dtype).tobytes())
    hidden = np.asarray(parts.hidden).astype("<i4")
    sections["hidden"] = ("array", hidden.tobytes())
    extra = {str(i): values for i, values in sorted(store.extra.items())}
    sections["extra"] = ("json", json.dumps(extra, ensure_ascii=False).encode())
    pairs = store.key_pairs()  # (each key's records, for the searches inside named areas)
    sections["pair_records"] = ("array", pairs.records.astype("<i4").tobytes())
    sections["pair_codes"] = ("array", pairs.codes.astype("<i4").tobytes())
    sections["pair_keys"] = ("joined", _joined(pairs.keys, "a key of the gazetteer holds a NUL character").encode())
    offsets = [offset for offset, _keys, _postings in store.ready_indexes]
    sections["index_offsets"] = ("json", json.dumps(offsets).encode())
    for number, (_offset, keys, postings) in enumerate(store.ready_indexes):
        nul = "a key of a ready name index holds a NUL character: rebuild the reference tiers"
        sections[f"index_{number}_keys"] = ("joined", _joined(keys, nul).encode())
        sections[f"index_{number}_postings"] = ("joined", _SEP.join(postings).encode())
    sections["area_properties"] = ("json", json.dumps([f["properties"] for f in features], ensure_ascii=False).encode())
    # the outlines the tagging above parsed (Areas.from_features, in the features' order)
    blobs = shapely.to_wkb(parts.area_geometries, output_dimension=2).tolist() if features else []
    ends = np.cumsum([len(b) for b in blobs], dtype="<i8") if blobs else np.empty(0, dtype="<i8")
    sections["area_wkb"] = ("wkb", _pack(ends.tobytes(), b"".join(blobs)))
    osm_start = next((i for i, tier in enumerate(store.tiers) if tier == schema.OSM), len(store))
    header: dict[str, Any] = {
        "format": FORMAT,
        "fingerprint": recorded,
        "records": len(store),
        "records_without_osm": osm_start,
        "sections": {},
    }
    payload = bytearray()
    for name, (encoding, data) in sections.items():
        header["sections"][name] = [encoding, len(payload), len(data)]
        payload += data
    header["payload_size"] = len(payload)
    return json.dumps(header, sort_keys=True).encode() + b"\n" + bytes(payload)


def _joined(values: Sequence[str], error: str) -> str:
    """The texts joined by the separator; :class:`~geo.errors.DataError` ``error`` when one holds it."""
    text = _SEP.join(values)
    if text.count(_SEP) != max(len(values) - 1, 0):
        raise DataError(error)
    return text


def _pack(first: bytes, second: bytes) -> bytes:
    return len(first).to_bytes(8, "little") + first + second


def _unpack(data: bytes) -> tuple[bytes, bytes]:
    size = int.from_bytes(data[:8], "little")
    return data[8 : 8 + size], data[8 + size :]


def read_header(path: Path) -> tuple[dict[str, Any], memoryview] | None:
    """The header of a load-ready file and its payload (mapped, not read), or ``None`` when
    the file is missing, empty, of another format or cut short (see :func:`encode`).

    Examples
    --------
    >>> import tempfile
    >>> file = Path(tempfile.mkdtemp()) / "gazetteer.ready"
    >>> read_header(file) is None  # no file
    True
    >>> _ = file.write_text('{"format": "something else"}\\n')
    >>> read_header(file) is None
    True
    """
    try:
        with path.open("rb") as handle:
            mapped = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
    except (OSError, ValueError):  # no file (or no folder, or no right to read it), or an empty one
        return None
    end = mapped.find(b"\n")
    try:
        header = json.loads(mapped[:end])
    except ValueError:
        return None
    if not isinstance(header, dict) or header.get("format") != FORMAT or "fingerprint" not in header:
        return None
    payload = memoryview(mapped)[end + 1 :]
    if len(payload) != header.get("payload_size"):
        return None  # cut short: treated as stale
    return header, payload


# --- reading --------------------------------------------------------------------------
@dataclass
class Ready:
    """What a load-ready file gives :class:`~geo.gazetteer.Gazetteer`."""

    store: Store
    hidden: np.ndarray
    area_properties: list[dict[str, Any]]
    areas: Callable[[], Areas]
    path: Path  # the file read: beside the sources, or in the cache


def decode(path: Path, header: dict[str, Any], payload: memoryview, *, osm: bool = True) -> Ready:
    """The gazetteer in a load-ready file's ``payload`` (``path``, ``header`` and ``payload``
    as :func:`read_header` gives them). The numbers are read at once; each text column, and
    the outlines, on first use. ``osm=False`` keeps the records before the OpenStreetMap
    tier (which comes last, and whose records hide none of the others).

    Examples
    --------
    >>> import tempfile
    >>> from geo._store import Store
    >>> store = Store()
    >>> store.freeze()
    >>> file = Path(tempfile.mkdtemp()) / "gazetteer.ready"
    >>> _ = file.write_bytes(encode(file.parent, ReadyParts(store, [], [], []), {"sources": {}, "code": ""}))
    >>> ready = decode(file, *read_header(file))
    >>> len(ready.store), ready.area_properties, ready.path == file
    (0, [], True)
    """
    import numpy as np

    from ._store import KeyPairs, Store
    from .areas import Areas

    sections = header["sections"]

    def raw(name: str) -> bytes:
        _encoding, start, length = sections[name]
        return payload[start : start + length].tobytes()

    size = header["records"] if osm else header["records_without_osm"]

    store = Store(size=size)
    for name in _TEXT_COLUMNS:
        delattr(store, name)
        store.lazy[name] = _column_reader(sections[name][0], functools.partial(raw, name), size)
    for name, dtype in _NUMBER_COLUMNS.items():
        setattr(store, name, np.frombuffer(raw(name), dtype=dtype)[:size].astype(dtype[1:]))
    store.extra = {int(i): values for i, values in json.loads(raw("extra")).items() if int(i) < size}

    def texts(name: str) -> list[str]:
        data = raw(name)
        return data.decode("utf-8").split(_SEP) if data else []

    def key_pairs() -> KeyPairs:
        records = np.frombuffer(raw("pair_records"), dtype="<i4").astype(np.int64)
        codes = np.frombuffer(raw("pair_codes"), dtype="<i4").astype(np.int64)
        kept = records < size  # (the OpenStreetMap tier comes last)
        return KeyPairs(records[kept], codes[kept], texts("pair_keys"))

    store.lazy["key_pairs"] = key_pairs
    store.ready_indexes = [
        (offset, texts(f"index_{number}_keys"), texts(f"index_{number}_postings"))
        for number, offset in enumerate(json.loads(raw("index_offsets")))
        if offset < size
    ]
    hidden = np.frombuffer(raw("hidden"), dtype="<i4").astype(np.int64)
    hidden = hidden[hidden < size]
    properties = json.loads(raw("area_properties"))

    def areas() -> Areas:
        import shapely

        ends_bytes, blobs = _unpack(raw("area_wkb"))
        ends = np.frombuffer(ends_bytes, dtype="<i8").tolist()
        starts = [0, *ends[:-1]]
        geometries = shapely.from_wkb([blobs[a:b] for a, b in zip(starts, ends, strict=True)])
        return Areas([p[schema.ID] for p in properties], properties, np.asarray(geometries, dtype=object))

    return Ready(store, hidden, properties, areas, path)


def _column_reader(encoding: str, read: Callable[[], bytes], size: int) -> Callable[[], LazyColumn]:
    """A column of texts, read from its section on first use, element by element."""

    def column() -> LazyColumn:
        data = read()
        head, body = _unpack(data)
        if encoding == "dictionary":
            vocabulary = head.decode("utf-8").split(_SEP)
            codes = _array("H", body)
            return LazyColumn(size, lambda i: vocabulary[codes[i]], lambda: [vocabulary[c] for c in codes[:size]])
        text = body.decode("utf-8")
        ends = _array("I", head)

        def item(i: int) -> str:
            return text[ends[i - 1] + 1 if i else 0 : ends[i]]

        return LazyColumn(size, item, lambda: text.split(_SEP)[:size] if ends else [])

    return column


def _array(typecode: str, data: bytes) -> array.array[int]:
    values = array.array(typecode)
    values.frombytes(data)
    if sys.byteorder == "big":
        values.byteswap()
    return values


class LazyColumn(Sequence[str]):
    """A column of a load-ready store: one text read when asked for, the whole list made
    on the first walk over it (or the first change to it)."""

    __slots__ = ("_all", "_item", "_size", "_values")

    def __init__(self, size: int, item: Callable[[int], str], everything: Callable[[], list[str]]) -> None:
        self._size = size
        self._item = item
        self._all = everything
        self._values: list[str] | None = None

    def _list(self) -> list[str]:
        if self._values is None:
            self._values = self._all()
        return self._values

    def __len__(self) -> int:
        return self._size

    @overload
    def __getitem__(self, index: int) -> str: ...
    @overload
    def __getitem__(self, index: slice) -> list[str]: ...
    def __getitem__(self, index: int | slice) -> str | list[str]:
        if self._values is not None or not isinstance(index, int):
            return self._list()[index]
        if index < 0:
            index += self._size
        if not 0 <= index < self._size:
            raise IndexError("column index out of range")
        return self._item(index)

    def __setitem__(self, index: int, value: str) -> None:
        self._list()[index] = value

    def __iter__(self) -> Iterator[str]:
        return iter(self._list())

    def __eq__(self, other: object) -> bool:
        if isinstance(other, LazyColumn | list | tuple):
            return self._list() == list(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"LazyColumn({self._size} texts)"
