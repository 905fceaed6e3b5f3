"""Build the OSM tier of the gazetteer from OpenStreetMap country extracts.

OpenStreetMap has many more named villages than GeoNames in northern and eastern Mali
(around Ménaka, 184 place nodes against 11 GeoNames localities). This script keeps the
named ``place`` nodes of the zipped SQLite extracts (one per country, table
``NODE(ID, LAT, LON, NAME, NAME_EN, NAME_DE, TAG, VALUE, POPULATION, ELEVATION)``) and
writes them to ``gazetteer/reference/osm.cols.gz``, column by column with a name index,
in the layout of the GeoNames reference tier (see ``build_reference.write``):

    python gazetteer/scripts/build_osm.py --raw ../shared/data

where ``--raw`` holds ``osm/mali.sqlite.zip``, ``osm/niger.sqlite.zip``... Kept:
``place`` = city, town, village, hamlet, locality (a ``;``-list such as
``village;hamlet`` counts as its first value). Left out: suburbs, quarters and
neighbourhoods (parts of a town, not places in their own right), isolated dwellings
and farms (single homesteads), regions, states and countries (the areas layer has
them), typos (``v``, ``h``, ``b``...) and unnamed nodes.

Each record has the OSM node id, ``name``, the ``name:en``/``name:de`` values that
differ from it (as ``variants``), the kind (the place value), the country of the
extract it comes from, the point, the population when tagged, the ids of the areas
of ``areas.geojson`` within about 5 km of the point (``areas``, as in the GeoNames
tier: the geocoder's admin context tests containment with them), the matching keys
(``geo.names.normalize``) and ``source`` = ``osm``. A node found in two extracts (the
extracts overlap at borders) is kept once, with the country whose outline in
``areas.geojson`` holds it (else the first extract in ``EXTRACTS`` order).

The output is deterministic (sorted by OSM node id, gzip mtime 0).

Licence: OpenStreetMap data, ODbL 1.0, "© OpenStreetMap contributors". The ODbL is
share-alike for a derived database, so this tier is kept in its own file, apart from
the GeoNames tier (CC BY 4.0).
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import sys
import tempfile
import time
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent  # the gazetteer folder
sys.path.insert(0, str(HERE.parent))  # the repository, for geo.names
sys.path.insert(0, str(Path(__file__).resolve().parent))  # build_reference's writer helpers

from build_reference import _clean, _is_latin, tag_areas, write_columns

from geo import schema
from geo.names import normalize

# Extract file stem -> ISO country code, in the order used to break ties.
EXTRACTS = {"mali": "ML", "niger": "NE", "burkina-faso": "BF", "mauritania": "MR"}


def _kind(value: str | None) -> str | None:
    first = (value or "").split(";")[0].strip().lower()
    return first if first in schema.OSM_KINDS else None


def read_extract(path: Path, country: str) -> list[dict[str, str]]:
    """Named place nodes of one zipped SQLite extract, as dicts of the OSM columns."""
    with zipfile.ZipFile(path) as archive, tempfile.TemporaryDirectory() as tmp:
        (member,) = [name for name in archive.namelist() if name.endswith(".sqlite")]
        db_path = Path(archive.extract(member, tmp))
        connection = sqlite3.connect(db_path)
        try:
            nodes = connection.execute(
                "SELECT ID, LAT, LON, NAME, NAME_EN, NAME_DE, VALUE, POPULATION FROM NODE WHERE TAG = 'place'"
            ).fetchall()
        finally:
            connection.close()
    rows = []
    for osm_id, lat, lon, name, name_en, name_de, value, population in nodes:
        kind = _kind(value)
        name = _clean(name or "")
        if kind is None or not name:
            continue
        keys: list[str] = []
        variants: list[str] = []
        for i, candidate in enumerate((name, _clean(name_en or ""), _clean(name_de or ""))):
            if not candidate or not _is_latin(candidate):
                continue
            key = normalize(candidate)
            if key and key not in keys:
                keys.append(key)
                if i > 0:
                    variants.append(candidate)
        if not keys:
            continue
        rows.append(
            {
                schema.OSM_ID: str(int(osm_id)),
                schema.NAME: name,
                schema.VARIANTS: schema.MULTI_SEPARATOR.join(variants),
                schema.KIND: kind,
                schema.COUNTRY: country,
                schema.LAT: f"{float(lat):.5f}",
                schema.LON: f"{float(lon):.5f}",
                schema.POPULATION: str(_population(population)),
                schema.KEYS: schema.MULTI_SEPARATOR.join(keys),
                schema.SOURCE: schema.OSM_SOURCE,
            }
        )
    return rows


def _population(value) -> int:
    if value is None:
        return 0
    digits = "".join(c for c in str(value) if c.isdigit())
    return int(digits) if digits else 0


def merge(per_extract: list[list[dict[str, str]]], areas_path: Path | None) -> list[dict[str, str]]:
    """One record per node id; a node in several extracts takes the country that holds it."""
    by_id: dict[str, list[dict[str, str]]] = {}
    for rows in per_extract:
        for row in rows:
            by_id.setdefault(row[schema.OSM_ID], []).append(row)
    outlines = {}
    if areas_path is not None and areas_path.exists():
        import shapely

        collection = json.loads(areas_path.read_text(encoding="utf-8"))
        for feature in collection["features"]:
            props = feature["properties"]
            if props.get(schema.KIND) == "country" and props.get(schema.COUNTRY) in EXTRACTS.values():
                outlines[props[schema.COUNTRY]] = shapely.from_geojson(json.dumps(feature["geometry"]))
    merged = []
    for copies in by_id.values():
        chosen = copies[0]
        if len(copies) > 1 and outlines:
            import shapely

            point = shapely.Point(float(chosen[schema.LON]), float(chosen[schema.LAT]))
            holding = [
                row for row in copies if row[schema.COUNTRY] in outlines and outlines[row[schema.COUNTRY]].covers(point)
            ]
            if holding:
                chosen = holding[0]
        merged.append(chosen)
    merged.sort(key=lambda r: int(r[schema.OSM_ID]))
    return merged


def write(rows: list[dict[str, str]], out: Path) -> None:
    """Write the records column by column with a name index, as the GeoNames tier is written."""
    write_columns(rows, out, schema.OSM_FORMAT, schema.OSM_COLUMNS)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--raw", type=Path, required=True, help="folder with osm/<country>.sqlite.zip extracts")
    parser.add_argument(
        "--areas",
        type=Path,
        default=HERE / "areas.geojson",
        help="areas to tag records with, and country outlines for border nodes (default: %(default)s)",
    )
    parser.add_argument(
        "--out", type=Path, default=HERE / "reference" / "osm.cols.gz", help="output file (default: %(default)s)"
    )
    args = parser.parse_args(argv)
    started = time.perf_counter()
    per_extract = []
    for stem, country in EXTRACTS.items():
        path = args.raw / "osm" / f"{stem}.sqlite.zip"
        if not path.exists():
            parser.error(f"{path} does not exist: --raw must hold osm/{stem}.sqlite.zip")
        rows = read_extract(path, country)
        print(f"{path}: {len(rows):,} named place nodes", file=sys.stderr)
        per_extract.append(rows)
    rows = merge(per_extract, args.areas)
    tag_areas(rows, args.areas)
    write(rows, args.out)
    counts: dict[tuple[str, str], int] = {}
    for row in rows:
        counts[(row[schema.COUNTRY], row[schema.KIND])] = counts.get((row[schema.COUNTRY], row[schema.KIND]), 0) + 1
    for country in EXTRACTS.values():
        parts = ", ".join(f"{counts.get((country, kind), 0):,} {kind}" for kind in schema.OSM_KINDS)
        print(f"  {country}: {parts}", file=sys.stderr)
    size = args.out.stat().st_size
    print(
        f"wrote {args.out} ({len(rows):,} records, {size / 1e6:.2f} MB) in {time.perf_counter() - started:.1f} s",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
