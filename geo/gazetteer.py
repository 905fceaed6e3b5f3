"""The gazetteer: curated places, areas, GeoNames and OpenStreetMap places, and the
geocoder that resolves any spelling of their names, offline.

>>> from geo import Gazetteer
>>> gazetteer = Gazetteer.load()
>>> location = gazetteer.geocode("Manaka")
>>> location.raw["id"], round(location.latitude, 2), round(location.longitude, 2)
('ml-menaka', 15.92, 2.4)
"""

from __future__ import annotations

import datetime as dt
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

import numpy as np

from . import schema
from ._input import check_lat_lon, clean_query, parse_coordinates
from ._resources import bundled_dir
from ._store import (
    Store,
    add_areas,
    read_area_properties,
    read_curated,
    read_osm_tier,
    read_reference,
    split_multi,
)
from .countries import country_code
from .errors import AmbiguousPlaceError, InputError, PlaceNotFoundError
from .matching import AMBIGUOUS, OK, Match, Matcher, NameIndex
from .measure import compass_point, destination, geodesic, great_circle_km
from .names import normalize
from .place import Place
from .relative import offset_uncertainty_km, parse_relative
from .resolution import Resolution, ReverseResult

if TYPE_CHECKING:
    from collections.abc import Callable

    from geopy.location import Location
    from shapely import Geometry

    from ._ready import Ready, ReadyParts
    from .areas import Areas
    from .measure import AreaMeasure, PlaceDistance

__all__ = ["Gazetteer", "Resolution", "ReverseResult", "write_ready_file"]

# A GeoNames or OSM record that shares a name with a curated place and lies within the
# curated place's uncertainty plus this margin is the same place: it is hidden.
DUPLICATE_MARGIN_KM = 5.0
_FILE_TIER_SOURCES = {schema.REFERENCE: "GeoNames", schema.OSM: "OpenStreetMap"}


@runtime_checkable
class _LatLon(Protocol):
    """A point object with ``latitude`` and ``longitude`` (a geopy ``Point`` or ``Location``)."""

    @property
    def latitude(self) -> float: ...
    @property
    def longitude(self) -> float: ...


NearArg = str | tuple[float, float] | _LatLon | None


def _days_of(on: str | dt.date | None) -> tuple[dt.date, dt.date] | None:
    """The first and last day that ``on`` may mean (a date, or EDTF text), or None."""
    if on is None or (isinstance(on, str) and not on.strip()):
        return None
    if isinstance(on, dt.datetime):
        return on.date(), on.date()
    if isinstance(on, dt.date):
        return on, on
    from .dates import parse_date

    span = parse_date(str(on).strip())
    return span.earliest or dt.date.min, span.latest or dt.date.max


# Gazetteers loaded in this process: (folder, osm, state of its files) -> Gazetteer.
_LOADED: dict[tuple, Gazetteer] = {}
_MEMO_SIZE = 8
_MEMO_FILES = ("places.csv", "areas.geojson", "reference/geonames.cols.gz", "reference/osm.cols.gz", "gazetteer.ready")
_HASHED_BELOW = 1_000_000  # files smaller than this are hashed too (an edit may keep size and time)


def _memo_key(path: Path, osm: bool) -> tuple:
    """What a loaded gazetteer depends on: the folder, ``osm``, and each file's size and
    modification time (and, for the small curated files, a hash of the content)."""
    import zlib

    try:
        folder = str(path.resolve())
    except OSError:
        folder = str(path)
    state: list[tuple] = []
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


class Gazetteer:
    """Curated places, areas, GeoNames and OpenStreetMap records, with an offline geocoder.

    Build one with :meth:`load`. Lookups never touch the network. The matching
    rules live in :class:`geo.matching.Matcher`.
    """

    def __init__(self, store: Store, area_features: list[dict], directory: Path, *, ready: Ready | None = None) -> None:
        self._store = store
        self._area_features = area_features
        self.directory = directory
        self._index = NameIndex(store)
        self._ready_areas: Callable[[], Areas] | None = None  # the outlines, read from the load-ready file
        #: The load-ready file this gazetteer was read from (beside its sources, or in the
        #: cache: :func:`geo._ready.cache_dir`); ``None`` when it was read from the sources.
        self.ready_file: Path | None = None if ready is None else ready.path
        if ready is None:
            self._active = self._hide_duplicates()
            self._tagged = False
        else:  # duplicates hidden, populations taken and areas tagged at build time
            self._active = np.ones(len(store), dtype=bool)
            self._active[ready.hidden] = False
            for j in ready.hidden.tolist():
                self._index.remove(j)
            self._ready_areas = ready.areas
            self._tagged = True
        self._made: dict[int, Place] = {}

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
        from ._ready import fingerprint, read_ready, write_cache

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
        _LOADED.pop(key, None)
        while len(_LOADED) >= _MEMO_SIZE:
            del _LOADED[next(iter(_LOADED))]
        _LOADED[key] = loaded
        return loaded

    @classmethod
    def _from_sources(cls, path: Path, *, bundled: bool, osm: bool) -> Gazetteer:
        """Read, check and index the source files (the path without a load-ready file)."""
        store = Store()
        read_curated(path / "places.csv", store)
        area_features: list[dict] = []
        if bundled or (path / "areas.geojson").exists():
            area_features = read_area_properties(path / "areas.geojson")
            add_areas(area_features, store)
        if bundled or (path / "reference" / "geonames.cols.gz").exists():
            read_reference(path / "reference" / "geonames.cols.gz", store)
        if osm and (bundled or (path / "reference" / "osm.cols.gz").exists()):
            read_osm_tier(path / "reference" / "osm.cols.gz", store)
        store.freeze()
        return cls(store, area_features, path)

    def _hide_duplicates(self) -> np.ndarray:
        """Hide GeoNames and OSM records that are a curated place or an area over again.

        A GeoNames record is hidden when a curated place names its GeoNames id; a
        GeoNames or OSM record when it shares a name with a curated place (or, for
        admin records, an area) and lies within that record's uncertainty plus
        :data:`DUPLICATE_MARGIN_KM`.
        """
        store = self._store
        active = np.ones(len(store), dtype=bool)
        first_reference = next((i for i, t in enumerate(store.tiers) if t in schema.FILE_TIERS), len(store))
        # Only the GeoNames ids that curated places name are looked up: map those alone.
        named = {gid for i in range(first_reference) for gid in split_multi(store.geonames_ids[i])}
        reference_by_gid = {
            gid: first_reference + offset
            for offset, gid in enumerate(store.geonames_ids[first_reference:])
            if gid in named
        }
        hidden: set[int] = set()
        for i in range(first_reference):
            for gid in split_multi(store.geonames_ids[i]):
                if gid in reference_by_gid:
                    hidden.add(reference_by_gid[gid])
            same_name = sorted(
                {
                    j
                    for key in store.keys[i].split(schema.MULTI_SEPARATOR)
                    for j in self._index.exact(key)
                    if store.tiers[j] in schema.FILE_TIERS
                }
            )
            if not same_name:
                continue
            idx = np.array(same_name)
            distances = great_circle_km(store.lat[i], store.lon[i], store.lat[idx], store.lon[idx])
            is_area = store.tiers[i] == schema.AREA
            for j, d in zip(same_name, distances, strict=True):
                if d > store.uncertainty_km[i] + DUPLICATE_MARGIN_KM:
                    continue
                if is_area and store.kinds[j] not in schema.AREA_KINDS:
                    continue  # a town inside a region is not the region
                hidden.add(j)
        for j in hidden:
            active[j] = False
            self._index.remove(j)
        # A curated place without a population of its own takes its GeoNames record's.
        for i in range(first_reference):
            if not store.population[i]:
                for gid in split_multi(store.geonames_ids[i]):
                    ref = reference_by_gid.get(gid)
                    if ref is not None and store.population[ref]:
                        store.population[i] = store.population[ref]
                        break
        return active

    def __len__(self) -> int:
        return int(self._active.sum())

    @cached_property
    def _by_id(self) -> dict[str, int]:
        """Record number by id, made on first use (a lookup by name does not need it)."""
        return {record_id: i for i, record_id in enumerate(self._store.ids)}

    # --- records --------------------------------------------------------------------
    def place(self, place_id: str) -> Place:
        """The record with id ``place_id`` (``ml-menaka``, ``ml-region-menaka``, ``gn-2457161``).

        Raises :class:`~geo.errors.PlaceNotFoundError` for an unknown id.
        """
        index = self._by_id.get(place_id)
        if index is None:
            raise PlaceNotFoundError(f"no place has the id {place_id!r}", query=place_id)
        return self._place(index)

    def __contains__(self, place_id: object) -> bool:
        """Whether a record has the id ``place_id`` (a set look-up; no Place is made).

        Examples
        --------
        >>> gazetteer = Gazetteer.load()
        >>> "ml-menaka" in gazetteer, "ml-atlantis" in gazetteer
        (True, False)
        """
        return place_id in self._by_id

    def _place(self, i: int) -> Place:
        """The Place of record ``i``, made once (a Place is immutable)."""
        made = self._made.get(i)
        if made is None:
            made = self._made[i] = self._make_place(i)
        return made

    def _make_place(self, i: int) -> Place:
        s = self._store
        extra = s.extra.get(i, {})
        admin1, admin2 = s.admin1[i], s.admin2[i]
        if s.tiers[i] == schema.OSM:
            admin1, admin2 = self._admin_names_of(s.areas[i])
        return Place(
            id=s.ids[i],
            name=s.names[i],
            kind=s.kinds[i],
            lat=float(s.lat[i]),
            lon=float(s.lon[i]),
            uncertainty_km=float(s.uncertainty_km[i]),
            country=s.countries[i],
            tier=s.tiers[i],
            admin1=admin1,
            admin2=admin2,
            variants=split_multi(s.variants[i]),
            geonames_id=s.geonames_ids[i],
            population=int(s.population[i]),
            coord_source=extra.get(schema.COORD_SOURCE, _FILE_TIER_SOURCES.get(s.tiers[i], "")),
            cited_in=split_multi(extra.get(schema.CITED_IN, "")),
            note=extra.get(schema.NOTE, ""),
            areas=split_multi(s.areas[i]),
        )

    @cached_property
    def _current_admin_names(self) -> dict[str, tuple[str, str]]:
        """Today's regions, cercles and provinces: area id -> (admin level, plain name)."""
        s = self._store
        found = {}
        for i, tier in enumerate(s.tiers):
            level = schema.ADMIN_LEVEL_OF_KIND.get(s.kinds[i]) if tier == schema.AREA else None
            if level in ("admin1", "admin2") and not s.extra.get(i, {}).get(schema.VALID_TO):
                name = s.names[i]
                for word in (" Region", " Cercle", " Province"):
                    name = name.removesuffix(word)
                found[s.ids[i]] = (level, name)
        return found

    def _admin_names_of(self, area_ids: str) -> tuple[str, str]:
        """The admin1 and admin2 names of today's areas among ``area_ids`` (for OSM records)."""
        names = {"admin1": "", "admin2": ""}
        for area_id in split_multi(area_ids):
            level, name = self._current_admin_names.get(area_id, ("", ""))
            if level and not names[level]:
                names[level] = name
        return names["admin1"], names["admin2"]

    def places(self, *, tier: str | None = None) -> list[Place]:
        """Every active record, optionally of one tier (``curated``, ``area``, ``reference``, ``osm``)."""
        return [
            self._place(i)
            for i in range(len(self._store))
            if self._active[i] and (tier is None or self._store.tiers[i] == tier)
        ]

    @cached_property
    def areas(self) -> Areas:
        """The area polygons (read on first use)."""
        if self._ready_areas is not None:
            return self._ready_areas()
        from .areas import Areas

        return Areas.from_features(self._area_features)

    def _ready_parts(self) -> ReadyParts:
        """What the load-ready file of this gazetteer (read from its sources) is made of."""
        from ._ready import ReadyParts

        self._ensure_area_tags()
        geometries: np.ndarray | list[object] = self.areas.geometries if self._area_features else []
        return ReadyParts(self._store, self._area_features, geometries, np.flatnonzero(~self._active))

    def _ensure_area_tags(self) -> None:
        """Tag curated and area records with the areas that hold them (once)."""
        if self._tagged:
            return
        self._tagged = True
        self._made.clear()  # the places made so far lack their area tags
        s = self._store
        if not self._area_features:
            return
        todo = [i for i, tier in enumerate(s.tiers) if tier not in schema.FILE_TIERS]  # those come tagged
        tags = self.areas.tag(s.lat[todo], s.lon[todo])
        for i, ids in zip(todo, tags, strict=True):
            own = [s.ids[i]] if s.tiers[i] == schema.AREA else []
            s.areas[i] = schema.MULTI_SEPARATOR.join(sorted(set(own + ids)))

    def validity(self, place_id: str) -> tuple[str, str]:
        """The first and last day (ISO text, or ``""`` when open) of an area's outline.

        Areas whose boundaries changed (Mali's 2016 and 2023 reforms) have one record
        per outline; every other record is valid throughout: ``("", "")``.

        Examples
        --------
        >>> Gazetteer.load().validity("ml-region-gao-pre2016")
        ('', '2016-01-18')
        """
        index = self._by_id.get(place_id)
        if index is None:
            raise PlaceNotFoundError(f"no place has the id {place_id!r}", query=place_id)
        extra = self._store.extra.get(index, {})
        return extra.get(schema.VALID_FROM, ""), extra.get(schema.VALID_TO, "")

    def name_tiers(self, name: str) -> frozenset[str]:
        """The tiers (``curated``, ``area``, ``reference``) of the records called ``name``.

        Exact names and variants only, after :func:`~geo.names.normalize`; empty when
        no record has this name. Cheap: no scoring, no fuzzy search.

        Examples
        --------
        >>> gazetteer = Gazetteer.load()
        >>> sorted(gazetteer.name_tiers("Ménaka"))
        ['area', 'curated']
        >>> gazetteer.name_tiers("Atlantis")
        frozenset()
        """
        key = normalize(name)
        if not key:
            return frozenset()
        return frozenset(self._store.tiers[i] for i in self._index.exact(key))

    # --- geocoding ------------------------------------------------------------------
    def lookup(
        self,
        query: str,
        *,
        country: str | None = None,
        admin1: str | None = None,
        admin2: str | None = None,
        admin3: str | None = None,
        near: NearArg = None,
        on: str | dt.date | None = None,
    ) -> Resolution:
        """Resolve ``query`` and say how: the full answer behind :meth:`geocode`.

        ``admin1`` is a first-level unit (a region), ``admin2`` a cercle, department or
        province, ``admin3`` a commune (:mod:`geo.matching` says how each is used);
        ``on`` (a date, or ISO text such as ``2014-05`` or ``2014``) chooses the
        outline of an area whose boundaries changed (Mali's 2016 and 2023 reforms);
        without it, any era's outline counts.

        Never raises for a query that simply matches nothing: the
        :class:`Resolution` says ``not_found`` or ``ambiguous`` with the reason and
        candidates. Raises :class:`~geo.errors.InputError` for unusable input (an
        empty query, an unknown country code, a bad ``near`` or ``on``).

        Examples
        --------
        >>> gazetteer = Gazetteer.load()
        >>> r = gazetteer.lookup("75 km north of Ménaka")
        >>> r.status, round(r.lat, 1), r.relative["anchor"]
        ('ok', 16.6, 'ml-menaka')
        """
        text = clean_query(query)
        code = country_code(country) if country else None
        near_point = self._near_point(near) if near is not None else None
        days = _days_of(on)
        relative = parse_relative(text)
        if relative is not None:
            anchor = self.lookup(
                relative.place, country=country, admin1=admin1, admin2=admin2, admin3=admin3, near=near, on=on
            )
            if not anchor.ok or anchor.place is None or anchor.lat is None or anchor.lon is None:
                anchor.query = text
                anchor.reason = f"the anchor place {relative.place!r} could not be resolved: {anchor.reason}"
                return anchor
            lat, lon = anchor.lat, anchor.lon
            if relative.bearing_deg is not None:
                lat, lon = destination(lat, lon, relative.bearing_deg, relative.distance_km)
            anchor.query = text
            anchor.lat, anchor.lon = lat, lon
            anchor.uncertainty_km = offset_uncertainty_km(anchor.place.uncertainty_km, relative)
            anchor.relative = {
                "anchor": anchor.place.id,
                "distance_km": round(relative.distance_km, 3),
                "bearing_deg": relative.bearing_deg,
                "text": relative.text,
            }
            return anchor
        match = self._matcher.match(
            text, country=code, admin1=admin1, admin2=admin2, admin3=admin3, near=near_point, on=days
        )
        return self._resolution(text, match)

    @cached_property
    def _matcher(self) -> Matcher:
        return Matcher(self._store, self._index, self._ensure_area_tags, lambda: self.areas)

    def _resolution(self, text: str, match: Match) -> Resolution:
        candidates = [(self._place(c.index), c.score) for c in match.candidates]
        if match.status != OK:
            reason = match.reason or "no match"
            return Resolution(text, match.status, candidates=candidates, reason=reason, warnings=match.warnings)
        best = match.candidates[0]
        place = candidates[0][0]
        return Resolution(
            text,
            OK,
            place=place,
            lat=place.lat,
            lon=place.lon,
            uncertainty_km=best.uncertainty_km if best.uncertainty_km is not None else place.uncertainty_km,
            score=round(best.similarity, 3),
            candidates=candidates,
            warnings=match.warnings,
            same_place=[self._store.ids[i] for i in best.same_place],
        )

    def _near_point(self, near: NearArg) -> tuple[float, float]:
        if isinstance(near, tuple | list) and len(near) == 2:
            lat, lon = float(near[0]), float(near[1])
            check_lat_lon(lat, lon)
            return lat, lon
        if isinstance(near, _LatLon):
            return float(near.latitude), float(near.longitude)
        if not isinstance(near, str):
            raise InputError(f"near must be a place name, 'LAT,LON' or a (lat, lon) pair, not {near!r}")
        point = parse_coordinates(near)
        if point:
            return point
        resolution = self.lookup(near)
        if not resolution.ok or resolution.lat is None or resolution.lon is None:
            raise InputError(f"the near place {near!r} could not be located: {resolution.reason}")
        return resolution.lat, resolution.lon

    def geocode(
        self,
        query: str,
        *,
        country: str | None = None,
        admin1: str | None = None,
        admin2: str | None = None,
        near: NearArg = None,
        exactly_one: bool = True,
    ) -> Location | list[Location] | None:
        """Geocode a place name, like every geopy geocoder.

        Returns a ``geopy.location.Location`` (the record and the match details in
        ``.raw``), or ``None`` when nothing matches or when the best candidates are
        about as good and far apart (ask :meth:`lookup` or :meth:`resolve` why).
        With ``exactly_one=False``, a list of the candidates' locations, best first.

        Examples
        --------
        >>> gazetteer = Gazetteer.load()
        >>> gazetteer.geocode("Inchinanane").raw["id"]
        'ml-inchinane'
        >>> gazetteer.geocode("Dioura") is None  # two villages, 500 km apart
        True
        >>> gazetteer.geocode("Dioura", admin2="Ténenkou").raw["admin1"]
        'Mopti'
        >>> gazetteer.geocode("Sokolo", admin1="Mopti") is None  # two in Mopti, 60 km apart
        True
        >>> gazetteer.geocode("Sokolo", admin2="Bankass").raw["id"]
        'gn-2450850'
        """
        resolution = self.lookup(query, country=country, admin1=admin1, admin2=admin2, near=near)
        if exactly_one:
            return resolution.to_location() if resolution.ok else None
        if not resolution.candidates:
            return None
        locations = []
        for place, score in resolution.candidates:
            single = Resolution(resolution.query, OK, place, place.lat, place.lon, place.uncertainty_km, score)
            locations.append(single.to_location())
        return locations

    def resolve(self, query: str, **context: Any) -> Place:
        """Resolve ``query`` to one :class:`~geo.place.Place` or raise.

        Raises :class:`~geo.errors.AmbiguousPlaceError` (with ``.candidates``) when
        several far-apart places match about equally well, and
        :class:`~geo.errors.PlaceNotFoundError` when none does.

        Examples
        --------
        >>> Gazetteer.load().resolve("Dioura")
        Traceback (most recent call last):
        ...
        geo.errors.AmbiguousPlaceError: 'Dioura' is ambiguous: ...
        """
        resolution = self.lookup(query, **context)
        if resolution.status == AMBIGUOUS:
            raise AmbiguousPlaceError(
                f"{query!r} is ambiguous: {resolution.reason}",
                query=query,
                candidates=[p for p, _ in resolution.candidates],
            )
        if not resolution.ok or resolution.place is None:
            raise PlaceNotFoundError(f"{query!r} was not found: {resolution.reason}", query=query)
        return resolution.place

    # --- reverse geocoding ----------------------------------------------------------
    def reverse(self, lat: float, lon: float, *, limit: int = 5, populated_only: bool = False) -> ReverseResult:
        """The places nearest to a point (with distance and bearing from each place to
        the point) and the areas that contain it.

        Raises :class:`~geo.errors.InputError` for coordinates out of range or
        outside Mali and its neighbours (saying so when they look swapped).

        Examples
        --------
        >>> result = Gazetteer.load().reverse(15.93, 2.41)
        >>> result.nearest[0]["id"], result.nearest[0]["km"] < 3
        ('ml-menaka', True)
        """
        check_lat_lon(lat, lon, coverage=True)
        s = self._store
        eligible = self._active.copy()
        area_tier = np.array([t == schema.AREA for t in s.tiers])
        eligible &= ~area_tier
        if populated_only:
            eligible &= np.array([k in schema.POPULATED_KINDS for k in s.kinds])
        candidates = np.flatnonzero(eligible)
        rough = great_circle_km(lat, lon, s.lat[candidates], s.lon[candidates])
        # Prefer curated records: rank them first among records at the same spot.
        order = np.argsort(rough, kind="stable")[: max(limit * 4, 20)]
        chosen = candidates[order]
        km, bearing = geodesic(s.lat[chosen], s.lon[chosen], lat, lon)
        rows = sorted(
            zip(chosen.tolist(), km.tolist(), np.atleast_1d(bearing).tolist(), strict=True),
            key=lambda row: (round(row[1], 1), s.tiers[row[0]] != schema.CURATED, s.ids[row[0]]),
        )[:limit]
        nearest = []
        for i, distance, bearing_deg in rows:
            place = self._place(i)
            nearest.append(
                {
                    "id": place.id,
                    "name": place.name,
                    "kind": place.kind,
                    "tier": place.tier,
                    "lat": place.lat,
                    "lon": place.lon,
                    "km": round(distance, 2),
                    "bearing_deg": round(bearing_deg, 1),
                    "direction": compass_point(bearing_deg),
                    "description": f"{distance:.1f} km {compass_point(bearing_deg)} of {place.name}",
                }
            )
        areas = []
        if self._area_features:
            for props in self.areas.containing(lat, lon):
                areas.append(
                    {
                        "id": props[schema.ID],
                        "name": props[schema.NAME],
                        "kind": props.get(schema.KIND, ""),
                        "valid_from": props.get(schema.VALID_FROM) or None,
                        "valid_to": props.get(schema.VALID_TO) or None,
                    }
                )
        return ReverseResult(lat, lon, nearest, areas)

    # --- listing and search ---------------------------------------------------------
    def search(
        self,
        text: str | None = None,
        *,
        kind: str | None = None,
        country: str | None = None,
        tier: str | None = None,
        limit: int | None = 20,
    ) -> list[Place]:
        """Places whose name or a variant contains ``text`` (any spelling), filtered.

        Exact key matches come first, then names containing the text, curated before
        reference. With no ``text``, every place passing the filters.

        Examples
        --------
        >>> [p.id for p in Gazetteer.load().search("menaka", tier="curated", limit=2)]
        ['ml-menaka', 'ml-menaka-airport']
        """
        if kind is not None and kind not in schema.KINDS:
            raise InputError(f"unknown kind {kind!r}; use one of {', '.join(sorted(schema.KINDS))}")
        if tier is not None and tier not in (schema.CURATED, schema.AREA, schema.REFERENCE):
            raise InputError(f"unknown tier {tier!r}; use curated, area or reference")
        code = country_code(country) if country else None
        key = normalize(clean_query(text)) if text is not None else ""
        s = self._store
        hits: list[tuple[tuple, int]] = []
        for i in range(len(s)):
            if not self._active[i]:
                continue
            if (kind and s.kinds[i] != kind) or (code and s.countries[i] != code) or (tier and s.tiers[i] != tier):
                continue
            rank = 0
            if key:
                keys = s.keys[i].split(schema.MULTI_SEPARATOR)
                if key in keys:
                    rank = 0
                elif any(key in k for k in keys):
                    rank = 1
                else:
                    continue
            tier_rank = {schema.CURATED: 0, schema.AREA: 1}.get(s.tiers[i], 2)
            hits.append(((rank, tier_rank, -int(s.population[i]), s.names[i], s.ids[i]), i))
        hits.sort()
        selected = hits if limit is None else hits[:limit]
        return [self._place(i) for _, i in selected]

    def populated_points(self) -> tuple[np.ndarray, np.ndarray, list[str], list[str]]:
        """Latitudes, longitudes, ids and kinds of every populated place (capital to camp).

        Duplicates of curated places hidden from look-ups are left out, so that one
        settlement is one point (used to tessellate the land into Voronoi cells).

        Examples
        --------
        >>> lats, lons, ids, kinds = Gazetteer.load().populated_points()
        >>> len(ids) > 10_000, "ml-menaka" in ids
        (True, True)
        """
        s = self._store
        mask = self._active & np.array([k in schema.POPULATED_KINDS for k in s.kinds])
        chosen = np.flatnonzero(mask)
        return s.lat[chosen], s.lon[chosen], [s.ids[i] for i in chosen], [s.kinds[i] for i in chosen]

    # --- measuring --------------------------------------------------------------------
    def distance(self, a: str | Place | tuple[float, float], b: str | Place | tuple[float, float]) -> PlaceDistance:
        """Geodesic distance and initial bearing from ``a`` to ``b``, with the range the
        places' location uncertainty allows (see :func:`geo.measure.place_distance`).

        ``a`` and ``b`` are ids (``ml-menaka``), names in any spelling or relative
        locations (``"75 km north of Ménaka"``: the offset point and its widened
        uncertainty), points as text (``"15.9N 2.4E"``, see :func:`geo.parse_point`),
        :class:`~geo.place.Place` objects, or ``(lat, lon)`` pairs; points are exact.
        Raises :class:`~geo.errors.PlaceNotFoundError` (with close names) or
        :class:`~geo.errors.AmbiguousPlaceError` (with ``.candidates``).

        Examples
        --------
        >>> d = Gazetteer.load().distance("Tidermène", "Ménaka")
        >>> round(d.km, 1), d.uncertainty_km, round(d.km_min, 1), round(d.km_max, 1), d.direction
        (77.5, 7.0, 70.5, 84.5, 'S')
        """
        from ._input import parse_point
        from ._locate import locate
        from .measure import place_distance

        ends: list[Any] = []
        for value in (a, b):
            point = parse_point(value) if isinstance(value, str) else None
            if point is not None:
                ends.append(point)
            elif isinstance(value, str):
                ends.append(locate(self, value))
            else:
                ends.append(value)
        return place_distance(ends[0], ends[1])

    def area(self, name_or_id: str, *, on: str | dt.date | None = None) -> AreaMeasure:
        """The geodesic area and perimeter of an area of the gazetteer (a region, a
        cercle, a country, an informal area such as the Azawad), on the WGS84 ellipsoid.

        ``name_or_id`` is an area's id or any of its names, in any spelling; a name
        that is also a town's (``"Gao"``) means the area recorded under that name,
        which ``.notes`` says. Areas whose boundaries changed (Mali's 2016 and 2023
        reforms) have one record per outline: by name, the current one, or the one
        valid ``on`` (a date, or ISO text such as ``2014``). Raises
        :class:`~geo.errors.PlaceNotFoundError` when the name or id is no area (a
        place recorded as a point, say) and :class:`~geo.errors.AmbiguousPlaceError`
        (with ``.candidates``) when several areas fit.

        Examples
        --------
        >>> gazetteer = Gazetteer.load()
        >>> menaka = gazetteer.area("ml-region-menaka")
        >>> menaka.name, round(menaka.area_km2, -2), menaka.valid_from
        ('Ménaka Region', 77500.0, '2016-01-19')
        >>> gazetteer.area("Gao region", on="2014").id
        'ml-region-gao-pre2016'
        """
        from ._locate import find_area, measure_area

        place, notes = find_area(self, name_or_id, on=on)
        if place is None:
            said = f": {'; '.join(notes)}" if notes else ""
            raise PlaceNotFoundError(
                f"{name_or_id!r} names no area of the gazetteer{said} (see gazetteer.places(tier='area'))",
                query=name_or_id,
            )
        return measure_area(self, place, notes=tuple(notes))

    def shape(self, place_id: str) -> Geometry:
        """The shapely geometry of a record: an area's polygon or multipolygon, or a
        ``Point(lon, lat)`` for a place recorded as a point. Coordinates are longitude,
        latitude (WGS84). Raises :class:`~geo.errors.PlaceNotFoundError` for an unknown id.

        Examples
        --------
        >>> gazetteer = Gazetteer.load()
        >>> gazetteer.shape("ml-region-menaka").geom_type in ("Polygon", "MultiPolygon")
        True
        >>> gazetteer.shape("ml-menaka")
        <POINT (2.402 15.918)>
        """
        import shapely

        place = self.place(place_id)
        if place.tier == schema.AREA and self._area_features:
            return self.areas.geometry(place.id)
        return shapely.Point(place.lon, place.lat)


def write_ready_file(directory: str | Path, out: Path | None = None) -> Path:
    """Read the gazetteer in ``directory`` from its sources and write its load-ready file
    to ``out`` (default: ``directory``/gazetteer.ready); return the path.

    What ``setup.py`` runs at build time, and ``gazetteer/scripts/build_ready.py``; a
    checkout needs neither, as :meth:`Gazetteer.load` caches the file itself.
    """
    from ._ready import write_ready

    path = Path(directory)
    gazetteer = Gazetteer._from_sources(path, bundled=False, osm=True)
    return write_ready(path, gazetteer._ready_parts(), out)
