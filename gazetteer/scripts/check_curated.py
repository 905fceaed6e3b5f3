"""Check every curated point against GeoNames and OpenStreetMap.

For each row of ``gazetteer/places.csv`` this compares the point with

(a) its GeoNames record (the first id of ``geonames_id``), read from the shipped
    reference tier ``reference/geonames.cols.gz``;
(b) the nearest OSM place of the same name in ``reference/osm.cols.gz`` (names
    compared by their ``geo.names.normalize`` key: the curated name and every variant
    against the OSM name, ``name:en`` and ``name:de``), searched within
    ``SEARCH_KM`` plus the place's radius (a same-name node farther away is a
    homonym, not a second opinion),

and reports every place whose point lies farther from either than its own
``uncertainty_km`` (geodesic distance, ``geo.measure.geodesic``):

    python gazetteer/scripts/check_curated.py            # the disagreements
    python gazetteer/scripts/check_curated.py --all      # every comparison

It reads only the shipped gazetteer folder (no raw data), so the test suite runs the
same check (``tests/test_curated_points.py``).
"""

from __future__ import annotations

import argparse
import csv
import gzip
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent.parent  # the gazetteer folder
sys.path.insert(0, str(HERE.parent))  # the repository, for geo

from geo import schema
from geo._store import read_osm
from geo.measure import geodesic
from geo.names import normalize

# Same-name OSM nodes farther than this (plus the place's own radius) are homonyms.
SEARCH_KM = 100.0
# Kinds that OSM place nodes cannot confirm (countries and wide areas; no place node).
NOT_CHECKED_IN_OSM = frozenset({"country", "area"})


@dataclass
class Comparison:
    """One curated place against one source."""

    id: str
    name: str
    uncertainty_km: float
    source: str  # "geonames" or "osm"
    source_id: str
    source_name: str
    distance_km: float
    coord_source: str

    @property
    def disagrees(self) -> bool:
        return self.distance_km > self.uncertainty_km


def read_places(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def read_geonames_points(path: Path) -> dict[str, tuple[str, float, float]]:
    """GeoNames id -> (name, lat, lon) from the shipped reference tier."""
    lines = gzip.decompress(path.read_bytes()).decode("utf-8").split("\n")
    if lines[0] != schema.REFERENCE_FORMAT:
        raise SystemExit(f"{path} is not a reference tier file")
    columns = dict(zip(schema.REFERENCE_COLUMNS, (line.split("\t") for line in lines[2:15]), strict=True))
    return {
        gid: (name, float(lat), float(lon))
        for gid, name, lat, lon in zip(
            columns[schema.GEONAMES_ID], columns[schema.NAME], columns[schema.LAT], columns[schema.LON], strict=True
        )
    }


def compare(gazetteer_dir: Path = HERE) -> list[Comparison]:
    """Every comparison of a curated point with its GeoNames record and nearest OSM namesake."""
    places = read_places(gazetteer_dir / "places.csv")
    geonames = read_geonames_points(gazetteer_dir / "reference" / "geonames.cols.gz")
    osm = read_osm(gazetteer_dir / "reference" / "osm.cols.gz")
    osm_by_key: dict[str, list[int]] = {}
    for number, record in enumerate(osm):
        for key in record[schema.KEYS]:
            osm_by_key.setdefault(key, []).append(number)
    osm_lat = np.array([r[schema.LAT] for r in osm])
    osm_lon = np.array([r[schema.LON] for r in osm])
    out: list[Comparison] = []
    for row in places:
        lat, lon, radius = float(row[schema.LAT]), float(row[schema.LON]), float(row[schema.UNCERTAINTY_KM])

        def add(source: str, source_id: str, source_name: str, km: float, row=row, radius=radius) -> None:
            out.append(
                Comparison(
                    row[schema.ID],
                    row[schema.NAME],
                    radius,
                    source,
                    source_id,
                    source_name,
                    round(km, 1),
                    row[schema.COORD_SOURCE],
                )
            )

        gids = [g for g in row[schema.GEONAMES_ID].split(schema.MULTI_SEPARATOR) if g.strip()]
        if gids and gids[0] in geonames:
            name, glat, glon = geonames[gids[0]]
            add("geonames", gids[0], name, float(geodesic(lat, lon, glat, glon)[0]))
        if row[schema.KIND] in NOT_CHECKED_IN_OSM:
            continue
        names = [row[schema.NAME], *row[schema.VARIANTS].split(schema.MULTI_SEPARATOR)]
        keys = {normalize(n) for n in names if n.strip()} - {""}
        numbers = sorted({n for key in keys for n in osm_by_key.get(key, [])})
        if not numbers:
            continue
        km, _ = geodesic(lat, lon, osm_lat[numbers], osm_lon[numbers])
        best = int(np.argmin(km))
        if km[best] <= SEARCH_KM + radius:
            record = osm[numbers[best]]
            add("osm", record[schema.OSM_ID], record[schema.NAME], float(km[best]))
    return out


def disagreements(gazetteer_dir: Path = HERE) -> list[Comparison]:
    """The comparisons where the curated point is farther than its own radius."""
    return [c for c in compare(gazetteer_dir) if c.disagrees]


def table(comparisons: list[Comparison]) -> str:
    header = f"{'id':<28} {'radius':>6}  {'source':<8} {'record':<12} {'name':<24} {'km':>7}  coord_source"
    lines = [header, "-" * len(header)]
    for c in comparisons:
        flag = " !" if c.disagrees else ""
        lines.append(
            f"{c.id:<28} {c.uncertainty_km:>6g}  {c.source:<8} {c.source_id:<12} {c.source_name[:24]:<24} "
            f"{c.distance_km:>7.1f}  {c.coord_source}{flag}"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--gazetteer", type=Path, default=HERE, help="gazetteer folder (default: %(default)s)")
    parser.add_argument("--all", action="store_true", help="print every comparison, not only the disagreements")
    args = parser.parse_args(argv)
    comparisons = compare(args.gazetteer)
    shown = comparisons if args.all else [c for c in comparisons if c.disagrees]
    print(table(shown))
    checked = len({c.id for c in comparisons})
    bad = len({c.id for c in comparisons if c.disagrees})
    print(f"\n{checked} places compared, {len(comparisons)} comparisons; {bad} places disagree", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
