"""Area benchmark: ``geo.measure.area_km2`` against an independent geodesic reference
and two shortcuts people commonly take.

The polygons: every area of the gazetteer (countries, regions before and after the
reforms, cercles, provinces, informal areas), geodesic discs of 1 to 1,000 km radius
(720 vertices placed with ``Geod.fwd``) around three towns, and odd shapes: a thin
strip 20° long, a 20° × 20° box, a box across the equator, a concave star, a polygon
with holes, a MultiPolygon, a clockwise ring, a 100 m square.

Methods, in the same run:

- ours: ``geo.measure.area_km2`` (orients rings, then ``Geod.geometry_area_perimeter``);
- reference: ``pyproj.Geod(ellps="WGS84").polygon_area_perimeter`` called ring by ring,
  exterior minus holes, part by part (written here, independently of ``geo``);
- naive, equal-area projection: geopandas ``.to_crs("EPSG:6933").area`` (WGS 84 /
  NSIDC EASE-Grid 2.0 Global, a cylindrical equal-area projection; edges become
  straight lines in the projection instead of geodesics);
- naive, square degrees: shapely's ``.area`` × (111.32 km)² × cos(latitude of the
  centroid).

Each method's relative error against the reference, and its time (median of
``--repeats`` runs over the whole set). Requirement checked (exit status 1 when it
fails): ours within 0.1 % of the reference on every polygon.

    python benchmarks/areas.py
    python benchmarks/areas.py --quick     # one run each, for a smoke test
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import numpy as np
import shapely
from pyproj import Geod

from geo import Gazetteer
from geo.measure import area_km2

MAX_RELATIVE_ERROR = 1e-3  # 0.1 %
KM_PER_DEGREE = 111.32
TOWNS = {"Ménaka": (15.918, 2.402), "Bamako": (12.65, -8.0), "Kidal": (18.44, 1.41)}
RADII_KM = (1, 10, 50, 100, 500, 1000)


def disc(geod: Geod, lat: float, lon: float, radius_km: float, vertices: int = 720) -> shapely.Polygon:
    """The geodesic disc of ``radius_km`` around (lat, lon), as a polygon."""
    azimuths = np.linspace(0.0, 360.0, vertices, endpoint=False)
    lons, lats, _ = geod.fwd(
        np.full(vertices, lon), np.full(vertices, lat), azimuths, np.full(vertices, radius_km * 1e3)
    )
    return shapely.Polygon(np.column_stack([lons, lats]))


def odd_shapes() -> dict[str, object]:
    star = [
        (2.4 + r * np.sin(np.radians(a)), 15.9 + r * np.cos(np.radians(a)))
        for a, r in zip(np.arange(0, 360, 18), [1.0, 0.35] * 10, strict=True)
    ]
    holed = shapely.Polygon(
        shapely.box(-5.0, 13.0, -2.0, 16.0).exterior.coords,
        [shapely.box(x, 14.0, x + 0.5, 14.5).exterior.coords for x in (-4.5, -3.5, -2.8)],
    )
    islands = shapely.MultiPolygon(
        [shapely.box(x, y, x + 0.3, y + 0.2) for x, y in [(0, 14), (1, 15), (2, 16), (3, 17)]]
    )
    return {
        "thin strip 0.01° x 20°": shapely.box(2.0, 5.0, 2.01, 25.0),
        "box 20° x 20°": shapely.box(-12.0, 5.0, 8.0, 25.0),
        "box across the equator": shapely.box(0.0, -5.0, 10.0, 5.0),
        "concave star": shapely.Polygon(star),
        "box with three holes": holed,
        "MultiPolygon of four boxes": islands,
        "clockwise ring": shapely.Polygon(shapely.box(1.0, 14.0, 2.0, 15.0).exterior.coords[::-1]),
        "100 m square": shapely.box(2.4, 15.9, 2.4 + 0.1 / 107.5, 15.9 + 0.1 / 110.65),
    }


def reference_km2(geod: Geod, geometry) -> float:
    """Geodesic area: ``Geod.polygon_area_perimeter`` on each ring, exterior minus holes."""
    total = 0.0
    for part in shapely.get_parts(geometry):
        lons, lats = part.exterior.coords.xy
        area = abs(geod.polygon_area_perimeter(lons, lats)[0])
        for ring in part.interiors:
            lons, lats = ring.coords.xy
            area -= abs(geod.polygon_area_perimeter(lons, lats)[0])
        total += area
    return total / 1e6


def geographiclib_km2(geometry) -> float:
    """The same rule on geographiclib's pure-Python ``PolygonArea`` (a second implementation)."""
    from geographiclib.geodesic import Geodesic

    def ring_area(coords) -> float:
        polygon = Geodesic.WGS84.Polygon()
        for lon, lat in coords[:-1]:
            polygon.AddPoint(lat, lon)
        return abs(polygon.Compute(False, True)[2])

    total = 0.0
    for part in shapely.get_parts(geometry):
        total += ring_area(part.exterior.coords) - sum(ring_area(r.coords) for r in part.interiors)
    return total / 1e6


def equal_area_km2(geometries: list) -> np.ndarray:
    import geopandas

    return geopandas.GeoSeries(geometries, crs="EPSG:4326").to_crs("EPSG:6933").area.to_numpy() / 1e6


def square_degrees_km2(geometries: list) -> np.ndarray:
    array = np.array(geometries, dtype=object)
    latitudes = shapely.get_y(shapely.centroid(array))
    return shapely.area(array) * KM_PER_DEGREE**2 * np.cos(np.radians(latitudes))


def _percent(fraction: float) -> str:
    value = 100 * fraction
    return "0 %" if value == 0 else (f"{value:.2g} %" if value >= 1e-3 else f"{value:.1e} %")


def timed(function, repeats: int) -> tuple[float, np.ndarray]:
    times, result = [], None
    for _ in range(repeats):
        started = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - started)
    return statistics.median(times), np.asarray(result, dtype=float)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeats", type=int, default=5, help="runs of each method (median; default: %(default)s)")
    parser.add_argument("--quick", action="store_true", help="one run of each method")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    if args.quick:
        args.repeats = 1
    geod = Geod(ellps="WGS84")
    areas = Gazetteer.load().areas
    names = [f"area {i}" for i in areas.ids]
    geometries = list(areas.geometries)
    groups = ["gazetteer"] * len(names)
    for town, (lat, lon) in TOWNS.items():
        for radius in RADII_KM:
            names.append(f"disc {radius} km around {town}")
            geometries.append(disc(geod, lat, lon, radius))
            groups.append("discs")
    for name, geometry in odd_shapes().items():
        names.append(name)
        geometries.append(geometry)
        groups.append("odd shapes")

    reference_s, reference = timed(lambda: [reference_km2(geod, g) for g in geometries], args.repeats)
    methods = {
        "`geo.measure.area_km2`": lambda: area_km2(geometries),
        "cross-check: geographiclib `PolygonArea`, ring by ring (pure Python)": lambda: [
            geographiclib_km2(g) for g in geometries
        ],
        "naive: geopandas `.to_crs('EPSG:6933').area`": lambda: equal_area_km2(geometries),
        "naive: square degrees × 111.32² × cos(lat)": lambda: square_degrees_km2(geometries),
    }
    figures: dict = {
        "polygons": len(geometries),
        "by_group": {g: groups.count(g) for g in dict.fromkeys(groups)},
        "reference_s": reference_s,
        "methods": {},
    }
    group_array = np.array(groups)
    for label, function in methods.items():
        seconds, values = timed(function, args.repeats)
        relative = np.abs(values - reference) / reference
        worst = int(np.argmax(relative))
        figures["methods"][label] = {
            "s": seconds,
            "max_relative_error": float(relative.max()),
            "median_relative_error": float(np.median(relative)),
            "max_relative_error_by_group": {g: float(relative[group_array == g].max()) for g in figures["by_group"]},
            "worst": names[worst] if relative.max() > 0 else None,
        }
    ours = figures["methods"]["`geo.measure.area_km2`"]
    ok = ours["max_relative_error"] <= MAX_RELATIVE_ERROR
    figures["requirements_met"] = bool(ok)
    if args.json:
        print(json.dumps(figures, indent=2, ensure_ascii=False))
        return 0 if ok else 1
    counts = ", ".join(f"{n} {g}" for g, n in figures["by_group"].items())
    print(f"{len(geometries)} polygons ({counts}); times are the median of {args.repeats} run(s) over all of them")
    print()
    group_names = list(figures["by_group"])
    print(
        "| method | time (ms) | max relative error | median | "
        + " | ".join(f"max, {g}" for g in group_names)
        + " | worst polygon |"
    )
    print("|---|---:|---:|---:|" + "---:|" * len(group_names) + "---|")
    print(
        f"| reference: `Geod.polygon_area_perimeter` ring by ring | {reference_s * 1e3:.1f} | – | – |"
        + " – |" * len(group_names)
        + " – |"
    )
    for label, f in figures["methods"].items():
        by_group = " | ".join(_percent(f["max_relative_error_by_group"][g]) for g in group_names)
        print(
            f"| {label} | {f['s'] * 1e3:.1f} | {_percent(f['max_relative_error'])} "
            f"| {_percent(f['median_relative_error'])} | {by_group} | {f['worst'] or '–'} |"
        )
    print()
    verdict = "meets" if ok else "FAILS"
    print(
        f"geo.measure.area_km2: largest relative error {_percent(ours['max_relative_error'])} against the "
        f"reference ({verdict} the requirement: within {100 * MAX_RELATIVE_ERROR:g} %)"
    )
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
