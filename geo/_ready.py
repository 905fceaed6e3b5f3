"""The load-ready gazetteer: every tier read, checked, indexed and tagged once, then mapped.

A load-ready file (``gazetteer.ready``) is derived from a gazetteer folder's source
files (``places.csv``, ``areas.geojson``, ``reference/geonames.cols.gz``,
``reference/osm.cols.gz``); it is never edited by hand, and never committed. It is made

- at build time, for the wheel: ``setup.py`` writes it beside the sources of the
  built package (``geo/_gazetteer/gazetteer.ready``);
- at run time, for a checkout, an editable install or any other folder: the first
  :meth:`geo.Gazetteer.load` that finds no fresh file reads the sources, then writes
  one into a per-user cache (:func:`cache_dir`), named after the folder and the
  fingerprint below (:func:`cache_path`); later processes read it from there;
- by ``gazetteer/scripts/build_ready.py`` (into the cache, or ``--out``).

It holds, in one file:

- every record's columns, the numbers as arrays (read without parsing), the texts
  as one block per column (repeated texts as a dictionary and codes), each read on
  first use, one text at a time until a caller walks the whole column;
- the records hidden as duplicates, the areas each place lies in, and the
  populations curated places take from GeoNames, all computed by the same code as a
  load from the sources;
- the areas' properties, and their outlines as WKB, read (with shapely) only when a
  command needs shapes;
- the GeoNames and OpenStreetMap tiers' ready name indexes.

Its first line records the size and SHA-256 of each source file and of the modules
whose rules it bakes in; :func:`read_ready` checks them (a few milliseconds) and
returns ``None`` when anything changed, so that :meth:`geo.Gazetteer.load` falls back to
reading the sources, with the same results (and writes a fresh file into the cache).
The cache is never needed: when it cannot be written (read-only home, a file where
its folder should be) the load goes on from the sources, silently.
"""

from __future__ import annotations

import array
import contextlib
import functools
import hashlib
import json
import mmap
import os
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, overload

from . import schema
from .errors import DataError

if TYPE_CHECKING:
    import numpy as np

    from ._store import Store
    from .areas import Areas

__all__ = [
    "READY_FILE",
    "ReadyParts",
    "build_ready",
    "cache_dir",
    "cache_path",
    "fingerprint",
    "prune_cache",
    "read_ready",
    "ready_file",
    "ready_is_fresh",
    "write_cache",
    "write_ready",
]

READY_FILE = "gazetteer.ready"
FORMAT = "sahel-atlas load-ready gazetteer, version 1"
# The source files, relative to the gazetteer folder, in load order.
SOURCES = ("places.csv", "areas.geojson", "reference/geonames.cols.gz", "reference/osm.cols.gz")
# The modules whose rules the file bakes in (reading, normalising, hiding, tagging).
CODE = ("_ready.py", "_store.py", "areas.py", "gazetteer.py", "names.py", "schema.py")
_CODE_DIR = Path(__file__).resolve().parent

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
CACHE_ENV = "SAHEL_ATLAS_CACHE"
_KEEP_PER_FOLDER = 3  # cache files kept per gazetteer folder (the newest): a few branches' worth
_PARTIAL_MAX_AGE_S = 3600  # a partial file this old is a killed writer's: removed


def cache_dir() -> Path:
    """The per-user folder of load-ready files: ``$SAHEL_ATLAS_CACHE`` if set, else
    ``$XDG_CACHE_HOME/sahel-atlas``, else ``~/.cache/sahel-atlas``.

    Read at each call (not at import), so that a test or a user can move it.

    Examples
    --------
    >>> from unittest import mock
    >>> with mock.patch.dict("os.environ", {"SAHEL_ATLAS_CACHE": "/tmp/atlas-cache"}):
    ...     cache_dir()
    PosixPath('/tmp/atlas-cache')
    >>> with mock.patch.dict("os.environ", {"SAHEL_ATLAS_CACHE": "", "XDG_CACHE_HOME": "/var/cache/me"}):
    ...     cache_dir()
    PosixPath('/var/cache/me/sahel-atlas')
    """
    chosen = os.environ.get(CACHE_ENV)
    if chosen:
        return Path(chosen)
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(xdg) if xdg else Path.home() / ".cache") / "sahel-atlas"


def _folder_key(directory: Path) -> str:
    try:
        folder = str(directory.resolve())
    except OSError:
        folder = str(directory.absolute())
    return hashlib.sha256(folder.encode("utf-8", "surrogateescape")).hexdigest()[:16]


def cache_path(directory: Path, recorded: dict[str, Any] | None = None) -> Path:
    """Where the cache keeps the load-ready file of ``directory``'s current sources and code.

    The name joins a hash of the folder's resolved path and one of its
    :func:`fingerprint` (pass ``recorded`` when it is already computed): an edit to a
    source file or to the loading code gives a new name, and the old file is removed
    when the new one is written (:func:`write_cache`).

    Examples
    --------
    >>> from geo._resources import bundled_dir
    >>> path = cache_path(bundled_dir("gazetteer"))
    >>> path.parent == cache_dir(), path.suffix, len(path.stem)
    (True, '.ready', 33)
    """
    recorded = fingerprint(directory) if recorded is None else recorded
    state = hashlib.sha256(json.dumps(recorded, sort_keys=True).encode()).hexdigest()[:16]
    return cache_dir() / f"{_folder_key(directory)}-{state}.ready"


def fingerprint(directory: Path) -> dict[str, Any]:
    """The size and SHA-256 of each source file (``None`` when absent) and of the code.

    Examples
    --------
    >>> from geo._resources import bundled_dir
    >>> sorted(fingerprint(bundled_dir("gazetteer"))["sources"])[:2]
    ['areas.geojson', 'places.csv']
    """
    sources: dict[str, list[Any] | None] = {}
    for name in SOURCES:
        path = directory / name
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            sources[name] = None
            continue
        sources[name] = [len(data), hashlib.sha256(data).hexdigest()]
    code = hashlib.sha256()
    for name in CODE:
        code.update(name.encode() + b"\0" + (_CODE_DIR / name).read_bytes() + b"\0")
    return {"sources": sources, "code": code.hexdigest()}


def _sizes_agree(directory: Path, sources: dict[str, Any]) -> bool:
    """The cheap first check: every source file present or absent, with its size, as recorded."""
    for name in SOURCES:
        recorded = sources.get(name)
        path = directory / name
        try:
            size = path.stat().st_size
        except FileNotFoundError:
            if recorded is not None:
                return False
            continue
        if recorded is None or recorded[0] != size:
            return False
    return True


# --- writing --------------------------------------------------------------------------
@dataclass(frozen=True)
class ReadyParts:
    """What a load-ready file is made of: a gazetteer just read from its sources, with
    the OpenStreetMap tier and its areas tagged (made by the gazetteer itself, so that
    this module needs nothing of it)."""

    store: Store
    area_features: list[dict]
    area_geometries: Any  # the outlines, in the features' order
    hidden: Any  # numpy array: the record numbers hidden as duplicates


def build_ready(directory: Path, parts: ReadyParts) -> bytes:
    """The load-ready form of the gazetteer in ``directory``, made of ``parts``.

    Raises :class:`~geo.errors.DataError` when an area's properties are not exactly
    :data:`geo.schema.AREA_PROPERTIES` or a text holds a NUL character.
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
        "fingerprint": fingerprint(directory),
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


def ready_is_fresh(directory: Path, path: Path | None = None) -> bool:
    """Whether the load-ready file ``path`` (default: the one beside ``directory``'s
    sources) was made from ``directory``'s current sources and code (the cache's file:
    :func:`ready_file`).

    Examples
    --------
    >>> import tempfile
    >>> ready_is_fresh(Path(tempfile.mkdtemp()))  # no file: not fresh
    False
    """
    header = _read_header(directory / READY_FILE if path is None else path)
    return header is not None and header[0].get("fingerprint") == fingerprint(directory)


def _read_header(path: Path) -> tuple[dict[str, Any], memoryview] | None:
    """The header of a load-ready file and its payload (mapped, not read), or None."""
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
    area_properties: list[dict]
    areas: Callable[[], Areas]
    path: Path  # the file read: beside the sources, or in the cache


def _fresh_file(directory: Path) -> tuple[Path, dict[str, Any], memoryview] | None:
    """The fresh load-ready file of ``directory`` (beside its sources first, then in the
    cache), its header and payload; ``None`` when neither is fresh."""
    beside = directory / READY_FILE
    current: dict[str, Any] | None = None
    found = _read_header(beside)
    if found is not None and _sizes_agree(directory, found[0]["fingerprint"]["sources"]):
        current = fingerprint(directory)
        if found[0]["fingerprint"] == current:
            return beside, *found
    if current is None:
        if not any((directory / name).is_file() for name in SOURCES):
            return None  # not a gazetteer folder: nothing to look up
        current = fingerprint(directory)
    cached = cache_path(directory, current)
    found = _read_header(cached)
    if found is not None and found[0]["fingerprint"] == current:
        return cached, *found
    return None


def ready_file(directory: Path) -> Path | None:
    """The fresh load-ready file :meth:`geo.Gazetteer.load` would read for ``directory``
    (beside its sources, else in the cache), or ``None`` (it would read the sources).

    Examples
    --------
    >>> import tempfile
    >>> ready_file(Path(tempfile.mkdtemp())) is None  # an empty folder
    True
    """
    found = _fresh_file(directory)
    return None if found is None else found[0]


def read_ready(directory: Path, *, osm: bool = True) -> Ready | None:
    """The load-ready gazetteer of ``directory``, or ``None`` when there is none or it is stale.

    The file beside the sources is read when it is fresh, else the cache's
    (:func:`cache_path`). ``osm=False`` keeps the records before the OpenStreetMap tier
    (which comes last, and whose records hide none of the others).
    """
    found = _fresh_file(directory)
    if found is None:
        return None
    path, header, payload = found
    import numpy as np

    from ._store import Store
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


def _array(typecode: str, data: bytes) -> array.array:
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


def _write_atomically(target: Path, data: bytes) -> None:
    """Write ``data`` to ``target`` through a temporary file in the same folder and
    :func:`os.replace`: a reader sees the old file or the new one, never a part; the
    temporary file is removed when anything fails."""
    handle, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".partial")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.chmod(name, 0o644)
        os.replace(name, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(name)
        raise


def write_ready(directory: Path, parts: ReadyParts, out: Path | None = None) -> Path:
    """Build the load-ready file of ``directory`` from ``parts`` and write it
    (atomically) to ``out`` (default: ``directory``/gazetteer.ready); return its path."""
    target = directory / READY_FILE if out is None else out
    data = build_ready(directory, parts)
    target.parent.mkdir(parents=True, exist_ok=True)
    _write_atomically(target, data)
    return target


def write_cache(
    directory: Path, parts: Callable[[], ReadyParts], recorded: dict[str, Any] | None = None
) -> Path | None:
    """Write the load-ready file of ``directory`` into the cache; return its path, or
    ``None`` when it could not be written (never an error: the cache only saves time).

    ``parts`` gives the folder's gazetteer just read from its sources (with the
    OpenStreetMap tier), reused rather than read again; ``recorded`` is the folder's
    :func:`fingerprint` taken before that read, so that a source changed during the
    read is seen and nothing is written. Older files of the same folder beyond the
    newest few, and partial files left by killed writers, are removed.
    """
    try:
        current = fingerprint(directory) if recorded is None else recorded
        target = cache_path(directory, current)
        data = build_ready(directory, parts())
        if json.loads(data[: data.index(b"\n")])["fingerprint"] != current:
            return None  # a source changed while it was read: the next load tries again
        target.parent.mkdir(parents=True, exist_ok=True)
        _write_atomically(target, data)
    except Exception:  # an unwritable cache, or a folder the format cannot hold: the load goes on
        return None
    prune_cache(target)
    return target


def prune_cache(kept: Path) -> None:
    """Remove the folder's cache files beyond the newest few, and stale partial files."""
    folder_key = kept.name.partition("-")[0]
    try:
        mine = sorted(
            (path for path in kept.parent.glob(f"{folder_key}-*.ready") if path != kept),
            key=lambda path: path.stat().st_mtime,
            reverse=True,
        )
        partial = [
            path for path in kept.parent.glob(".*.partial") if time.time() - path.stat().st_mtime > _PARTIAL_MAX_AGE_S
        ]
    except OSError:
        return
    for path in [*mine[_KEEP_PER_FOLDER - 1 :], *partial]:
        with contextlib.suppress(OSError):
            path.unlink()
