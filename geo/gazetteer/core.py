"""The :class:`Gazetteer`: loading it (from a load-ready file, the cache or the sources, once
per process and folder), and writing its load-ready file.

Its records, look-up, listing and measuring are defined by the classes it joins
(:mod:`geo.gazetteer.base`, :mod:`~geo.gazetteer.lookup`, :mod:`~geo.gazetteer.nearby`,
:mod:`~geo.gazetteer.measuring`); building from the sources by :mod:`~geo.gazetteer.building`.
"""

from __future__ import annotations

from pathlib import Path

from .._resources import bundled_dir
from .building import read_sources
from .measuring import Measuring
from .nearby import Nearby

__all__ = ["Gazetteer", "write_ready_file"]

# Gazetteers loaded in this process: (folder, osm, state of its files) -> Gazetteer.
_LOADED: dict[tuple[str, bool, tuple[tuple[object, ...], ...]], Gazetteer] = {}
_MEMO_SIZE = 8
_MEMO_FILES = ("places.csv", "areas.geojson", "reference/geonames.cols.gz", "reference/osm.cols.gz", "gazetteer.ready")
_HASHED_BELOW = 1_000_000  # files smaller than this are hashed too (an edit may keep size and time)


def _memo_key(path: Path, osm: bool) -> tuple[str, bool, tuple[tuple[object, ...], ...]]:
    """What a loaded gazetteer depends on: the folder, ``osm``, and each file's size and
    modification time (and, for the small curated files, a hash of the content)."""
    import zlib

    try:
        folder = str(path.resolve())
    except OSError:
        folder = str(path)
    state: list[tuple[object, ...]] = []
    for name in _MEMO_FILES:
        file = path / name
        try:
            info = file.stat()
        except OSError:
            state.append((name, None))
            continue
        digest = zlib.crc32(file.read_bytes()) if info.st_size < _HASHED_BELOW else None
        state.append((name, info.st_size, info.st_mtime_ns, digest))
    return folder, osm, tuple(state)


class Gazetteer(Measuring, Nearby):
    """Curated places, areas, GeoNames and OpenStreetMap records, with an offline geocoder.

    Build one with :meth:`load`. Lookups never touch the network. The matching
    rules live in :class:`geo.matching.Matcher`. Its methods come by concern from the
    classes it joins: the records (:class:`~geo.gazetteer.base.GazetteerBase`), geocoding
    (:class:`~geo.gazetteer.lookup.Lookup`), reverse geocoding, search and listing
    (:class:`~geo.gazetteer.nearby.Nearby`), and measuring
    (:class:`~geo.gazetteer.measuring.Measuring`).
    """

    # --- loading --------------------------------------------------------------------
    @classmethod
    def load(cls, directory: str | Path | None = None, *, osm: bool = True, reload: bool = False) -> Gazetteer:
        """Load the bundled gazetteer, or the one in ``directory``.

        ``directory`` holds ``places.csv`` and optionally ``areas.geojson``,
        ``reference/geonames.cols.gz`` and ``reference/osm.cols.gz`` (the layout of
        the repository's ``gazetteer/`` folder). ``osm=False`` leaves the
        OpenStreetMap tier out (ODbL data: see the gazetteer's README). A bad row in
        ``places.csv`` raises :class:`~geo.errors.SchemaError` naming file, line,
        column and value.

        A folder with an up-to-date load-ready file (``gazetteer.ready``; an installed
        wheel ships one) is read from it without parsing. Otherwise the per-user cache
        (:func:`geo._ready.cache_dir`) is looked in for one made from the folder's
        current sources and code; when it holds none, the sources are read (same
        results) and a load-ready file is written there for the next process, or not,
        silently, when the cache cannot be written. :attr:`ready_file` says which file
        was read.

        The gazetteer is loaded once per process and folder: later calls for the same
        folder, ``osm`` choice and unchanged files return the same object. Treat it
        as read-only: its :class:`~geo.place.Place` objects are frozen and its methods
        return new lists, so no caller sees another's work. ``reload=True`` reads the
        files again (to time a load, say); the new object replaces the shared one.

        Examples
        --------
        >>> gazetteer = Gazetteer.load()
        >>> gazetteer.place("ml-menaka").name
        'Ménaka'
        >>> Gazetteer.load() is gazetteer, Gazetteer.load(reload=True) is gazetteer
        (True, False)
        """
        bundled = directory is None
        path = bundled_dir("gazetteer") if directory is None else Path(directory)
        key = _memo_key(path, osm)
        loaded = None if reload else _LOADED.get(key)
        if loaded is not None:
            return loaded
        from .._ready import fingerprint, read_ready, write_cache

        ready = read_ready(path, osm=osm) if path.is_dir() else None
        if ready is not None:
            features = [{"properties": props} for props in ready.area_properties]
            loaded = cls(ready.store, features, path, ready=ready)
        elif osm and path.is_dir():  # read the sources, then cache them for the next process
            before = fingerprint(path)
            loaded = cls._from_sources(path, bundled=bundled, osm=osm)
            write_cache(path, loaded._ready_parts, before)
        else:  # osm=False is not cached: it reads the sources each time (or a full file's prefix)
            loaded = cls._from_sources(path, bundled=bundled, osm=osm)
        loaded.loaded_from = (path, osm)
        _LOADED.pop(key, None)
        while len(_LOADED) >= _MEMO_SIZE:
            del _LOADED[next(iter(_LOADED))]
        _LOADED[key] = loaded
        return loaded

    @classmethod
    def _from_sources(cls, path: Path, *, bundled: bool, osm: bool) -> Gazetteer:
        """Read, check and index the source files (the path without a load-ready file)."""
        store, area_features = read_sources(path, bundled=bundled, osm=osm)
        return cls(store, area_features, path)


def write_ready_file(directory: str | Path, out: Path | None = None) -> Path:
    """Read the gazetteer in ``directory`` from its sources and write its load-ready file
    to ``out`` (default: ``directory``/gazetteer.ready); return the path.

    What ``setup.py`` runs at build time, and ``gazetteer/scripts/build_ready.py``; a
    checkout needs neither, as :meth:`Gazetteer.load` caches the file itself.
    """
    from .._ready import write_ready

    path = Path(directory)
    gazetteer = Gazetteer._from_sources(path, bundled=False, osm=True)
    return write_ready(path, gazetteer._ready_parts(), out)
