"""Read the gazetteer's three tiers into one column store.

The curated tier (``places.csv``) is validated row by row: a bad row raises a
:class:`~geo.errors.SchemaError` that names the file, line, column and value. The
reference tier is a derived file (``reference/geonames.cols.gz``) read as is, and the
areas (``areas.geojson``) are indexed by name here; their geometry is read only when
a caller needs it (see :mod:`geo.areas`).
"""

from __future__ import annotations

import csv
import gzip
import json
import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from operator import methodcaller
from pathlib import Path
from typing import Any, NamedTuple

import numpy as np

from . import schema
from .errors import DataError, SchemaError
from .names import normalize

_ID_PATTERN = re.compile(schema.ID_REGEX)
_SEP = schema.MULTI_SEPARATOR

csv.field_size_limit(10**7)


_SPACE = re.compile(r"\s")


def split_multi(value: str) -> tuple[str, ...]:
    """Split a ``|``-separated cell into its non-empty, stripped parts.

    Examples
    --------
    >>> split_multi("Menaka| Manaka ||Menka")
    ('Menaka', 'Manaka', 'Menka')
    """
    if _SPACE.search(value) is None:  # most cells: nothing to strip
        return tuple(part for part in value.split(_SEP) if part)
    return tuple(part.strip() for part in value.split(_SEP) if part.strip())


def holds_space(values: Sequence[str]) -> bool:
    """Whether a cell of ``values`` holds white space: if none does, ``cell.split("|")``
    gives a cell's parts as :func:`split_multi` does, the empty ones aside (one search
    of the whole column instead of one a cell).

    >>> holds_space(["MLI|MLI-7", ""]), holds_space(["MLI| MLI-7"])
    (False, True)
    """
    return _SPACE.search("".join(values)) is not None


class KeyPairs(NamedTuple):
    """Every (record, key) pair of a store's keys, in record order: ``records[n]`` carries
    ``keys[codes[n]]``; ``keys`` are the distinct keys, sorted."""

    records: np.ndarray
    codes: np.ndarray
    keys: list[str]


def key_pairs(keys: Sequence[str]) -> KeyPairs:
    """The (record, key) pairs of a column of ``|``-joined keys (empty keys left out; a
    key twice in a record, twice).

    >>> pairs = key_pairs(["gao|menaka", "", "gao"])
    >>> pairs.records.tolist(), pairs.codes.tolist(), pairs.keys
    ([0, 0, 2], [0, 1, 0], ['gao', 'menaka'])
    """
    cells = list(keys)
    counts = np.fromiter(map(methodcaller("count", _SEP), cells), np.int64, len(cells)) + 1
    records = np.repeat(np.arange(len(cells), dtype=np.int64), counts)
    flat = _SEP.join(cells).split(_SEP) if cells else []  # (no key holds the separator: each cell's keys in turn)
    distinct = sorted(set(flat) - {""})
    number = dict(zip(distinct, range(len(distinct)), strict=True))
    number[""] = -1
    codes = np.fromiter(map(number.__getitem__, flat), np.int64, len(flat))
    kept = codes >= 0
    return KeyPairs(records[kept], codes[kept], distinct)


@dataclass
class Store:
    """Parallel columns, one entry per record, all tiers together.

    A store read from the load-ready file (:mod:`geo._ready`) holds its text columns as
    :class:`geo._ready.LazyColumn` sequences, each read on first use (``lazy``), and
    knows its ``size`` before any is read; indexing, slicing, walking and assigning an
    item work as on a list.
    """

    ids: list[str] = field(default_factory=list)
    names: list[str] = field(default_factory=list)
    kinds: list[str] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)
    admin1: list[str] = field(default_factory=list)
    admin2: list[str] = field(default_factory=list)
    tiers: list[str] = field(default_factory=list)
    geonames_ids: list[str] = field(default_factory=list)
    variants: list[str] = field(default_factory=list)
    areas: list[str] = field(default_factory=list)
    keys: list[str] = field(default_factory=list)
    extra: dict[int, dict[str, str]] = field(default_factory=dict)  # curated-only columns
    # (first record number, sorted keys, postings) of each file tier's ready name index
    ready_indexes: list[tuple[int, list[str], list[str]]] = field(default_factory=list)
    lat_list: list[float] = field(default_factory=list)
    lon_list: list[float] = field(default_factory=list)
    unc_list: list[float] = field(default_factory=list)
    pop_list: list[int] = field(default_factory=list)
    lat: np.ndarray = field(default_factory=lambda: np.empty(0))
    lon: np.ndarray = field(default_factory=lambda: np.empty(0))
    uncertainty_km: np.ndarray = field(default_factory=lambda: np.empty(0))
    population: np.ndarray = field(default_factory=lambda: np.empty(0, dtype=np.int64))
    # Columns of a load-ready store (geo._ready) not read yet: name -> reader, called on first use.
    lazy: dict[str, Callable[[], Any]] = field(default_factory=dict, repr=False, compare=False)
    size: int | None = field(default=None, repr=False, compare=False)

    def __len__(self) -> int:
        return len(self.ids) if self.size is None else self.size

    def __getattr__(self, name: str) -> Any:
        # Called only when a column is not an attribute yet: a lazy column of a load-ready store.
        lazy = self.__dict__.get("lazy")
        if not lazy or name not in lazy:
            raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")
        value = lazy.pop(name)()
        setattr(self, name, value)
        return value

    def append(
        self,
        *,
        id: str,
        name: str,
        kind: str,
        lat: float,
        lon: float,
        uncertainty_km: float,
        country: str,
        tier: str,
        keys: str,
        admin1: str = "",
        admin2: str = "",
        geonames_id: str = "",
        variants: str = "",
        areas: str = "",
        population: int = 0,
    ) -> int:
        self.ids.append(id)
        self.names.append(name)
        self.kinds.append(kind)
        self.lat_list.append(lat)
        self.lon_list.append(lon)
        self.unc_list.append(uncertainty_km)
        self.countries.append(country)
        self.tiers.append(tier)
        self.keys.append(keys)
        self.admin1.append(admin1)
        self.admin2.append(admin2)
        self.geonames_ids.append(geonames_id)
        self.variants.append(variants)
        self.areas.append(areas)
        self.pop_list.append(population)
        return len(self.ids) - 1

    def key_pairs(self) -> KeyPairs:
        """Every (record, key) pair of the ``keys`` column (:func:`key_pairs`): read from
        the load-ready file when the store was (``lazy``), else made now; kept."""
        pairs: KeyPairs | None = self.__dict__.get("_key_pairs")
        if pairs is None:
            made = self.__dict__.get("lazy", {}).pop("key_pairs", None)
            pairs = self._key_pairs = made() if made is not None else key_pairs(self.keys)
        return pairs

    def freeze(self) -> None:
        """Turn the numeric columns into arrays once every record is in."""
        self.lat = np.asarray(self.lat_list, dtype=np.float64)
        self.lon = np.asarray(self.lon_list, dtype=np.float64)
        self.uncertainty_km = np.asarray(self.unc_list, dtype=np.float64)
        self.population = np.asarray(self.pop_list, dtype=np.int64)
        del self.lat_list[:], self.lon_list[:], self.unc_list[:], self.pop_list[:]


def _keys_of(*names: str) -> str:
    keys: list[str] = []
    for name in names:
        key = normalize(name)
        if key and key not in keys:
            keys.append(key)
    return _SEP.join(keys)


def read_curated(path: Path, store: Store) -> list[int]:
    """Append the curated places of ``path`` to ``store``; return their row numbers.

    Raises :class:`SchemaError` listing every bad cell (file, line, column, value).
    """
    problems: list[str] = []
    added: list[int] = []
    seen: dict[str, int] = {}
    try:
        handle = path.open(encoding="utf-8", newline="")
    except OSError as error:
        raise DataError(f"cannot read {path}: {error.strerror}") from None
    with handle:
        reader = csv.DictReader(handle)
        missing = [c for c in schema.PLACE_REQUIRED if c not in (reader.fieldnames or [])]
        if missing:
            raise SchemaError(
                f"missing column(s) {', '.join(missing)}; the header must name {', '.join(schema.PLACE_COLUMNS)}",
                path=str(path),
                line=1,
            )
        for row in reader:
            line = reader.line_num

            def bad(column: str, message: str, *, line: int = line) -> None:
                problems.append(f"{path}, line {line}, column {column!r}: {message}")

            place_id = (row.get(schema.ID) or "").strip()
            if not _ID_PATTERN.match(place_id):
                bad(schema.ID, f"{place_id!r} is not a lowercase slug such as 'ml-menaka'")
            elif place_id in seen:
                bad(schema.ID, f"{place_id!r} is already used on line {seen[place_id]}; ids must be unique")
            seen[place_id] = line
            name = (row.get(schema.NAME) or "").strip()
            if not normalize(name):
                bad(schema.NAME, f"{name!r} holds no letter: give the preferred name")
            kind = (row.get(schema.KIND) or "").strip()
            if kind not in schema.KINDS:
                bad(schema.KIND, f"{kind!r} is not a known kind; use one of {', '.join(sorted(schema.KINDS))}")
            numbers = {}
            for column, low, high in (
                (schema.LAT, -90.0, 90.0),
                (schema.LON, -180.0, 180.0),
                (schema.UNCERTAINTY_KM, 0.0, 5000.0),
            ):
                text = (row.get(column) or "").strip()
                try:
                    value = float(text)
                except ValueError:
                    bad(column, f"{text!r} is not a number")
                    continue
                if not (low <= value <= high) or math.isnan(value):
                    bad(column, f"{value} is outside [{low:g}, {high:g}]")
                numbers[column] = value
            if numbers.get(schema.UNCERTAINTY_KM) == 0.0:
                bad(schema.UNCERTAINTY_KM, "0 is not allowed: give the radius, in km, that surely holds the place")
            country = (row.get(schema.COUNTRY) or "").strip()
            if not re.fullmatch(r"[A-Z]{2}", country):
                bad(schema.COUNTRY, f"{country!r} is not an ISO 3166-1 alpha-2 code such as ML")
            geonames = split_multi(row.get(schema.GEONAMES_ID) or "")
            if any(not g.isdigit() for g in geonames):
                bad(schema.GEONAMES_ID, f"{row.get(schema.GEONAMES_ID)!r} must be GeoNames ids (digits), '|'-separated")
            if len(numbers) < 3 or (problems and problems[-1].startswith(f"{path}, line {line},")):
                continue
            variants = split_multi(row.get(schema.VARIANTS) or "")
            index = store.append(
                id=place_id,
                name=name,
                kind=kind,
                lat=numbers[schema.LAT],
                lon=numbers[schema.LON],
                uncertainty_km=numbers[schema.UNCERTAINTY_KM],
                country=country,
                tier=schema.CURATED,
                keys=_keys_of(name, *variants),
                admin1=(row.get(schema.ADMIN1) or "").strip(),
                admin2=(row.get(schema.ADMIN2) or "").strip(),
                geonames_id=_SEP.join(geonames),
                variants=_SEP.join(variants),
            )
            store.extra[index] = {
                schema.COORD_SOURCE: (row.get(schema.COORD_SOURCE) or "").strip(),
                schema.CITED_IN: (row.get(schema.CITED_IN) or "").strip(),
                schema.NOTE: (row.get(schema.NOTE) or "").strip(),
            }
            added.append(index)
    if problems:
        shown = "\n  ".join(problems[:20])
        more = f"\n  ... and {len(problems) - 20} more" if len(problems) > 20 else ""
        raise SchemaError(f"{len(problems)} problem(s) in the curated places:\n  {shown}{more}")
    return added


def read_reference(path: Path, store: Store) -> None:
    """Append the GeoNames reference tier built by ``gazetteer/scripts/build_reference.py``.

    The file holds one line per column and a ready name index (sorted keys and their
    postings), which is kept in ``store.ready_indexes`` for :class:`~geo.matching.NameIndex`.
    """
    columns, keys, postings = _read_columns(path, schema.REFERENCE_FORMAT, schema.REFERENCE_COLUMNS, "build_reference")
    gids = columns[schema.GEONAMES_ID]
    _extend_tier(
        store,
        columns,
        ids=["gn-" + gid for gid in gids],
        tier=schema.REFERENCE,
        radii=_REFERENCE_UNCERTAINTY,
        admin1=columns[schema.ADMIN1],
        admin2=columns[schema.ADMIN2],
        geonames_ids=gids,
        index=(keys, postings),
    )


def _read_columns(
    path: Path, format_line: str, names: tuple[str, ...], script: str
) -> tuple[dict[str, list[str]], list[str], list[str]]:
    """A columnar tier file: its columns by name, and its name index (sorted keys, postings)."""
    if not path.exists():
        raise DataError(f"{path} is missing: rebuild it with gazetteer/scripts/{script}.py")
    lines = gzip.decompress(path.read_bytes()).decode("utf-8").split("\n")
    if lines[0] != format_line or tuple(lines[1].split("\t")) != names:
        raise DataError(f"{path} is not in the expected format ({format_line!r}): rebuild it")
    count = len(names)
    columns = dict(zip(names, (line.split("\t") for line in lines[2 : 2 + count]), strict=True))
    return columns, lines[2 + count].split("\t"), lines[3 + count].split("\t")


def _extend_tier(
    store: Store,
    columns: dict[str, list[str]],
    *,
    ids: list[str],
    tier: str,
    radii: dict[str, float],
    admin1: list[str],
    admin2: list[str],
    geonames_ids: list[str],
    index: tuple[list[str], list[str]],
) -> None:
    """Append a file tier's records to ``store`` and keep its ready name index."""
    kinds = columns[schema.KIND]
    offset = len(store)
    store.ids.extend(ids)
    store.names.extend(columns[schema.NAME])
    store.kinds.extend(kinds)
    store.lat_list.extend(map(float, columns[schema.LAT]))
    store.lon_list.extend(map(float, columns[schema.LON]))
    store.unc_list.extend([radii.get(kind, 5.0) for kind in kinds])
    store.countries.extend(columns[schema.COUNTRY])
    store.tiers.extend([tier] * len(ids))
    store.keys.extend(columns[schema.KEYS])
    store.admin1.extend(admin1)
    store.admin2.extend(admin2)
    store.geonames_ids.extend(geonames_ids)
    store.variants.extend(columns[schema.VARIANTS])
    store.areas.extend(columns[schema.AREAS])
    store.pop_list.extend(int(p or 0) for p in columns[schema.POPULATION])
    store.ready_indexes.append((offset, *index))


def read_osm(path: Path) -> list[dict[str, Any]]:
    """Read the OSM tier built by ``gazetteer/scripts/build_osm.py`` as a list of dicts.

    For scripts that compare sources (``gazetteer/scripts/check_curated.py``); the
    geocoder reads the tier with :func:`read_osm_tier`. Each record is a dict with the
    columns of :data:`geo.schema.OSM_COLUMNS`, ``lat``/``lon`` as floats,
    ``population`` as an int and ``variants``/``keys``/``areas`` as tuples. The data
    is OpenStreetMap's (ODbL 1.0, "© OpenStreetMap contributors").
    """
    columns, _keys, _postings = _read_columns(path, schema.OSM_FORMAT, schema.OSM_COLUMNS, "build_osm")
    records: list[dict[str, Any]] = []
    for values in zip(*(columns[c] for c in schema.OSM_COLUMNS), strict=True):
        record: dict[str, Any] = dict(zip(schema.OSM_COLUMNS, values, strict=True))
        record[schema.LAT] = float(record[schema.LAT])
        record[schema.LON] = float(record[schema.LON])
        record[schema.POPULATION] = int(record[schema.POPULATION] or 0)
        for column in (schema.VARIANTS, schema.KEYS, schema.AREAS):
            record[column] = split_multi(record[column])
        records.append(record)
    return records


def read_osm_tier(path: Path, store: Store) -> None:
    """Append the OpenStreetMap tier (``reference/osm.cols.gz``) to ``store``.

    Records get the id ``osm-<node id>``, the tier :data:`geo.schema.OSM` and a radius
    by kind (:data:`OSM_UNCERTAINTY`); their name index is kept ready, like the
    GeoNames tier's.
    """
    columns, keys, postings = _read_columns(path, schema.OSM_FORMAT, schema.OSM_COLUMNS, "build_osm")
    size = len(columns[schema.OSM_ID])
    _extend_tier(
        store,
        columns,
        ids=["osm-" + node for node in columns[schema.OSM_ID]],
        tier=schema.OSM,
        radii=OSM_UNCERTAINTY,
        admin1=[""] * size,
        admin2=[""] * size,
        geonames_ids=[""] * size,
        index=(keys, postings),
    )


# How far an OSM place node may sit from the place it names, by kind (km): a node
# marks a village's centre as a mapper saw it; a "locality" is a named spot, looser.
OSM_UNCERTAINTY = {"city": 5.0, "town": 3.0, "village": 3.0, "hamlet": 2.0, "locality": 5.0}


# GeoNames gives points without uncertainty: these radii are the project's estimate of
# how far a GeoNames point may sit from the place it names, by kind.
_REFERENCE_UNCERTAINTY = {
    "capital": 10.0,
    "city": 5.0,
    "town": 3.0,
    "village": 3.0,
    "region": 200.0,
    "cercle": 80.0,
    "commune": 25.0,
    "country": 600.0,
    "area": 50.0,
    "locality": 10.0,
    "wadi": 20.0,
    "feature": 10.0,
}


def read_area_properties(path: Path) -> list[dict[str, Any]]:
    """Return the features of ``areas.geojson`` (properties and raw geometry)."""
    if not path.exists():
        raise DataError(f"{path} is missing: rebuild it with gazetteer/scripts/build_areas.py")
    collection = json.loads(path.read_text(encoding="utf-8"))
    return collection.get("features", [])


def add_areas(features: list[dict[str, Any]], store: Store) -> list[int]:
    """Append one record per area, at a point inside it, with a covering radius."""
    import shapely

    added = []
    for feature in features:
        props = feature["properties"]
        geometry = shapely.from_geojson(json.dumps(feature["geometry"]))
        point = shapely.point_on_surface(geometry)
        lon, lat = point.x, point.y
        minx, miny, maxx, maxy = geometry.bounds
        # Radius that covers the whole area from the point (equirectangular, generous).
        dx = max(lon - minx, maxx - lon) * 111.32 * math.cos(math.radians(lat))
        dy = max(lat - miny, maxy - lat) * 110.57
        variants = split_multi(props.get(schema.VARIANTS) or "")
        index = store.append(
            id=props[schema.ID],
            name=props[schema.NAME],
            kind=props.get(schema.KIND) or "area",
            lat=round(lat, 5),
            lon=round(lon, 5),
            uncertainty_km=round(math.hypot(dx, dy), 1),
            country=props.get(schema.COUNTRY) or "",
            tier=schema.AREA,
            keys=_keys_of(props[schema.NAME], *variants),
            variants=_SEP.join(variants),
            areas=props[schema.ID],
        )
        store.extra[index] = {
            schema.PARENT: props.get(schema.PARENT) or "",
            schema.VALID_FROM: props.get(schema.VALID_FROM) or "",
            schema.VALID_TO: props.get(schema.VALID_TO) or "",
            schema.COORD_SOURCE: props.get(schema.SOURCE) or "",
            schema.NOTE: props.get(schema.NOTE) or "",
        }
        added.append(index)
    return added
