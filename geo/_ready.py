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
- the GeoNames and OpenStreetMap tiers' ready name indexes, and every record's keys as
  (record, key) pairs, sorted keys and arrays (the fuzzy searches inside named areas
  take the keys of the records inside from them, without a string split at run time).

Its first line records the size and SHA-256 of each source file and of the modules
whose rules it bakes in; :func:`read_ready` checks them (a few milliseconds) and
returns ``None`` when anything changed, so that :meth:`geo.Gazetteer.load` falls back to
reading the sources, with the same results (and writes a fresh file into the cache).
The cache is never needed: when it cannot be written (read-only home, a file where
its folder should be) the load goes on from the sources, silently.

This module says where load-ready files are and whether one is fresh; the file's own
format (writing and reading the arrays) is :mod:`geo._ready_format`'s.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ._ready_format import FORMAT as FORMAT
from ._ready_format import LazyColumn, Ready, ReadyParts, decode, encode, read_header

__all__ = [
    "READY_FILE",
    "LazyColumn",
    "Ready",
    "ReadyParts",
    "build_ready",
    "cache_dir",
    "cache_path",
    "code_files",
    "fingerprint",
    "prune_cache",
    "read_ready",
    "ready_file",
    "ready_is_fresh",
    "write_cache",
    "write_ready",
]

READY_FILE = "gazetteer.ready"
# The source files, relative to the gazetteer folder, in load order.
SOURCES = ("places.csv", "areas.geojson", "reference/geonames.cols.gz", "reference/osm.cols.gz")
# The modules whose rules the file bakes in (reading, normalising, hiding, tagging): a
# module, or a package (every module in it).
CODE = ("_ready.py", "_ready_format.py", "_store.py", "areas.py", "gazetteer", "names.py", "schema")
_CODE_DIR = Path(__file__).resolve().parent

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
    for name in code_files():
        code.update(name.encode() + b"\0" + (_CODE_DIR / name).read_bytes() + b"\0")
    return {"sources": sources, "code": code.hexdigest()}


def code_files() -> list[str]:
    """The files of :data:`CODE`, relative to the package (a package's modules in name order).

    Examples
    --------
    >>> "schema/seeds.py" in code_files(), code_files()[0]
    (True, '_ready.py')
    """
    files: list[str] = []
    for name in CODE:
        path = _CODE_DIR / name
        if path.is_dir():
            files.extend(f"{name}/{module.name}" for module in sorted(path.glob("*.py")))
        else:
            files.append(name)
    return files


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


# --- reading --------------------------------------------------------------------------
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
    header = read_header(directory / READY_FILE if path is None else path)
    return header is not None and header[0].get("fingerprint") == fingerprint(directory)


def _fresh_file(directory: Path) -> tuple[Path, dict[str, Any], memoryview] | None:
    """The fresh load-ready file of ``directory`` (beside its sources first, then in the
    cache), its header and payload; ``None`` when neither is fresh."""
    beside = directory / READY_FILE
    current: dict[str, Any] | None = None
    found = read_header(beside)
    if found is not None and _sizes_agree(directory, found[0]["fingerprint"]["sources"]):
        current = fingerprint(directory)
        if found[0]["fingerprint"] == current:
            return beside, *found
    if current is None:
        if not any((directory / name).is_file() for name in SOURCES):
            return None  # not a gazetteer folder: nothing to look up
        current = fingerprint(directory)
    cached = cache_path(directory, current)
    found = read_header(cached)
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
    return decode(path, header, payload, osm=osm)


# --- writing --------------------------------------------------------------------------
def build_ready(directory: Path, parts: ReadyParts) -> bytes:
    """The load-ready form of the gazetteer in ``directory``, made of ``parts``, with the
    folder's current :func:`fingerprint` (see :func:`geo._ready_format.encode`).

    Raises :class:`~geo.errors.DataError` when an area's properties are not exactly
    :data:`geo.schema.AREA_PROPERTIES` or a text holds a NUL character.
    """
    return encode(directory, parts, fingerprint(directory))


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
