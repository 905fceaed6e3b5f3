"""Distance-matrix benchmark: ``geo.measure.distance_matrix`` against a loop of
``geopy.distance.geodesic``, the code one writes without this toolkit.

Two sets of 1,000 points are drawn uniformly over Mali's bounding box (fixed seed),
and the 1,000 × 1,000 matrix of geodesic distances and initial bearings between them
is computed by ``distance_matrix`` (one vectorised call to pyproj's ``Geod.inv``).
The baseline, in the same run, calls ``geopy.distance.geodesic(a, b).km`` pair by
pair. It takes about a tenth of a millisecond a pair, so it runs on a random sample
of the pairs (20,000 by default) and its time is extrapolated to the full matrix
(the output says so). On that sample the two are compared: the largest difference
in distance, in metres, and in bearing against geographiclib (which geopy uses).
A vectorised spherical formula (haversine, :func:`geo.measure.great_circle_km`) is
timed and compared too, to show what measuring on a sphere costs.

    python benchmarks/distance.py            # 1,000 x 1,000, baseline on 20,000 pairs
    python benchmarks/distance.py --quick    # 300 x 300, baseline on 5,000 pairs

Requirements checked (exit status 1 when one fails): at least 50x the baseline's
speed, and at most 1 mm from it.

``--batch`` measures ``geo distance --batch FILE`` instead (issue 18): two CSV files of
1,000,000 pairs (``--batch-pairs``) are written, one of place names (drawn with
Zipf-like weights from 2,000 names of Mali that the gazetteer resolves) and one of
numeric ``from_lat,from_lon,to_lat,to_lon`` columns (uniform over Mali's bounding box).
Each file is measured by the whole command in a fresh process (CPU, wall, peak
memory; output to a file), against two floors in the same run: pyproj's ``Geod.inv``
on the same arrays, in process (the arithmetic alone), and a fresh process that does
``pandas.read_csv`` + ``Geod.inv`` + ``DataFrame.to_csv`` on the numeric file (reading,
measuring and writing with no checks); and the geopy loop on 20,000 of the pairs,
extrapolated. The distances written are compared with ``Geod.inv``'s.

    python benchmarks/distance.py --batch            # 1,000,000 pairs
    python benchmarks/distance.py --batch --quick    # 100,000 pairs
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

from geo._input import MALI_BOUNDS
from geo.measure import distance_matrix, great_circle_km

MIN_SPEEDUP = 50.0
MAX_DIFFERENCE_M = 1e-3


def points(rng: np.random.Generator, n: int) -> tuple[np.ndarray, np.ndarray]:
    """``n`` points (lats, lons) uniform over Mali's bounding box."""
    min_lon, min_lat, max_lon, max_lat = MALI_BOUNDS
    return rng.uniform(min_lat, max_lat, n), rng.uniform(min_lon, max_lon, n)


def timed(function, repeats: int) -> tuple[float, object]:
    """Median wall time of ``repeats`` calls, and the last result."""
    times, result = [], None
    for _ in range(repeats):
        started = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - started)
    return statistics.median(times), result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--points", type=int, default=1_000, help="points in each set (default: %(default)s)")
    parser.add_argument("--sample", type=int, default=20_000, help="pairs the baseline runs on (default: %(default)s)")
    parser.add_argument("--repeats", type=int, default=3, help="runs of the vectorised methods (median)")
    parser.add_argument("--seed", type=int, default=20230415)
    parser.add_argument("--quick", action="store_true", help="300 x 300 points, baseline on 5,000 pairs")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--batch", action="store_true", help="measure geo distance --batch FILE instead")
    parser.add_argument("--batch-pairs", type=int, default=1_000_000, help="pairs in each batch file")
    args = parser.parse_args(argv)
    if args.batch:
        return batch_benchmark(args.batch_pairs if not args.quick else 100_000, args.seed, as_json=args.json)
    if args.quick:
        args.points, args.sample = 300, 5_000
    from geographiclib.geodesic import Geodesic
    from geopy.distance import geodesic as geopy_geodesic

    rng = np.random.default_rng(args.seed)
    lats1, lons1 = points(rng, args.points)
    lats2, lons2 = points(rng, args.points)
    pairs = args.points * args.points

    ours_s, (km, bearing) = timed(lambda: distance_matrix(lats1, lons1, lats2, lons2), args.repeats)
    sphere_s, sphere_km = timed(
        lambda: np.stack([great_circle_km(lat, lon, lats2, lons2) for lat, lon in zip(lats1, lons1, strict=True)]),
        args.repeats,
    )

    sample = min(args.sample, pairs)
    flat = rng.choice(pairs, size=sample, replace=False)
    rows, cols = np.divmod(flat, args.points)
    a = list(zip(lats1[rows].tolist(), lons1[rows].tolist(), strict=True))
    b = list(zip(lats2[cols].tolist(), lons2[cols].tolist(), strict=True))
    started = time.perf_counter()
    baseline_km = np.array([geopy_geodesic(p, q).km for p, q in zip(a, b, strict=True)])
    baseline_sample_s = time.perf_counter() - started
    baseline_s = baseline_sample_s * pairs / sample

    difference_m = np.abs(km[rows, cols] - baseline_km) * 1000.0
    azimuths = np.array([Geodesic.WGS84.Inverse(p[0], p[1], q[0], q[1])["azi1"] % 360.0 for p, q in zip(a, b)])
    bearing_difference = np.abs((bearing[rows, cols] - azimuths + 180.0) % 360.0 - 180.0)
    sphere_relative = np.abs(sphere_km - km) / km
    figures = {
        "points": args.points,
        "pairs": pairs,
        "baseline_sample": sample,
        "seed": args.seed,
        "ours_s": ours_s,
        "ours_pairs_per_s": pairs / ours_s,
        "baseline_sample_s": baseline_sample_s,
        "baseline_s_extrapolated": baseline_s,
        "baseline_pairs_per_s": sample / baseline_sample_s,
        "speedup": baseline_s / ours_s,
        "max_difference_m": float(difference_m.max()),
        "max_bearing_difference_deg": float(bearing_difference.max()),
        "haversine_s": sphere_s,
        "haversine_max_relative_error": float(sphere_relative.max()),
        "haversine_max_error_km": float(np.abs(sphere_km - km).max()),
    }
    ok = figures["speedup"] >= MIN_SPEEDUP and figures["max_difference_m"] <= MAX_DIFFERENCE_M
    figures["requirements_met"] = bool(ok)
    if args.json:
        print(json.dumps(figures, indent=2))
        return 0 if ok else 1
    n = args.points
    print(f"{n:,} x {n:,} points uniform over Mali's bounding box (seed {args.seed}): {pairs:,} pairs")
    print()
    print("| method | pairs timed | time for the full matrix (s) | pairs/s | largest difference from the baseline |")
    print("|---|---:|---:|---:|---|")
    print(
        f"| `geo.measure.distance_matrix` (pyproj `Geod.inv`, vectorised) | {pairs:,} | {ours_s:.3f} "
        f"| {pairs / ours_s:,.0f} | {figures['max_difference_m']:.1e} m; bearing "
        f"{figures['max_bearing_difference_deg']:.1e}° |"
    )
    print(
        f"| baseline: loop of `geopy.distance.geodesic(a, b).km` | {sample:,} | {baseline_s:.1f} (extrapolated "
        f"from {baseline_sample_s:.2f} s) | {sample / baseline_sample_s:,.0f} | – |"
    )
    print(
        f"| spherical haversine, vectorised (`great_circle_km`; ranking only) | {pairs:,} | {sphere_s:.3f} "
        f"| {pairs / sphere_s:,.0f} | {100 * figures['haversine_max_relative_error']:.2f} % "
        f"({figures['haversine_max_error_km']:.2f} km) |"
    )
    print()
    print(
        f"The baseline ran on {sample:,} random pairs of the matrix; its time for all {pairs:,} is extrapolated "
        "linearly. Differences from the baseline are taken on those pairs (bearings against geographiclib's "
        "azi1); the haversine's error is against distance_matrix over the full matrix."
    )
    verdict = "meets" if ok else "FAILS"
    print(
        f"speed-up of distance_matrix over the geopy loop: {figures['speedup']:.0f}x "
        f"({verdict} the requirement: >= {MIN_SPEEDUP:.0f}x and <= {MAX_DIFFERENCE_M * 1000:g} mm)"
    )
    return 0 if ok else 1


def _names_that_resolve(count: int, seed: int) -> list[str]:
    """``count`` names of Mali's curated and GeoNames places that the gazetteer resolves."""
    import random

    from geo import Gazetteer

    gazetteer = Gazetteer.load()
    rng = random.Random(seed)
    places = [p for p in gazetteer.places(tier="curated") + gazetteer.places(tier="reference") if p.country == "ML"]
    rng.shuffle(places)
    names: list[str] = []
    for place in places:
        if place.name not in names and "," not in place.name and gazetteer.lookup(place.name).ok:
            names.append(place.name)
        if len(names) == count:
            break
    return names


def batch_benchmark(pairs: int, seed: int, *, as_json: bool = False) -> int:
    """``geo distance --batch`` on a file of names and one of numbers, against its floors
    (the files are written to a temporary folder, removed at the end)."""
    import shutil
    import tempfile

    folder = Path(tempfile.mkdtemp(prefix="geo-distance-batch-"))
    try:
        return _batch_benchmark(folder, pairs, seed, as_json=as_json)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _batch_benchmark(folder: Path, pairs: int, seed: int, *, as_json: bool) -> int:
    import csv
    import random

    from geopy.distance import geodesic as geopy_geodesic
    from pyproj import Geod
    from startup import geo_command, run_child

    rng = np.random.default_rng(seed)
    names = _names_that_resolve(2_000, seed)
    weights = [1.0 / (rank + 1) for rank in range(len(names))]
    drawn = random.Random(seed).choices(names, weights=weights, k=2 * pairs)
    names_file = folder / "names.csv"
    with names_file.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["from", "to"])
        writer.writerows(zip(drawn[:pairs], drawn[pairs:], strict=True))
    lats1, lons1 = points(rng, pairs)
    lats2, lons2 = points(rng, pairs)
    numbers_file = folder / "numbers.csv"
    np.savetxt(
        numbers_file,
        np.column_stack([lats1, lons1, lats2, lons2]),
        fmt="%.6f",
        delimiter=",",
        header="from_lat,from_lon,to_lat,to_lon",
        comments="",
    )
    # the arrays as the file holds them (six decimals)
    lats1, lons1, lats2, lons2 = np.loadtxt(numbers_file, delimiter=",", skiprows=1, unpack=True)
    geo = geo_command()
    figures: dict = {"pairs": pairs, "seed": seed, "distinct_names": len(set(drawn))}
    for label, path in (("names", names_file), ("numbers", numbers_file)):
        out = folder / f"{label}.out.csv"
        with out.open("wb") as handle:
            figures[f"geo_{label}"] = run_child([*geo, "distance", "--batch", str(path)], stdout=handle)
    geod = Geod(ellps="WGS84")
    started = time.process_time()
    _az, _back, metres = geod.inv(lons1, lats1, lons2, lats2)
    figures["floor_geod_inv_cpu_s"] = time.process_time() - started
    floor_code = (
        "import sys, pandas as pd; from pyproj import Geod; "
        f"f = pd.read_csv({str(numbers_file)!r}); "
        "az, _, m = Geod(ellps='WGS84').inv(f.from_lon.values, f.from_lat.values, f.to_lon.values, f.to_lat.values); "
        "f['distance_km'] = m / 1000; f['bearing_deg'] = az % 360; "
        f"f.to_csv({str(folder / 'floor.out.csv')!r}, index=False)"
    )
    figures["floor_pandas"] = run_child([sys.executable, "-c", floor_code])
    sample = min(20_000, pairs)
    started = time.process_time()
    geopy_km = [geopy_geodesic((lats1[i], lons1[i]), (lats2[i], lons2[i])).km for i in range(sample)]
    figures["geopy_sample_s"] = time.process_time() - started
    figures["geopy_max_difference_m"] = float(
        np.abs(np.array(geopy_km) - np.asarray(metres[:sample]) / 1000).max() * 1e3
    )
    figures["geopy_extrapolated_s"] = figures["geopy_sample_s"] * pairs / sample
    with (folder / "numbers.out.csv").open(encoding="utf-8") as handle:
        written = np.array([float(row["distance_km"]) for row in csv.DictReader(handle)])
    figures["max_difference_m"] = float(np.abs(written - np.asarray(metres) / 1000.0).max() * 1000.0)
    if as_json:
        print(json.dumps(figures, indent=2))
        return 0
    print(f"{pairs:,} pairs per file (seed {seed}); the names file repeats {figures['distinct_names']:,} names")
    print()
    print("| method | CPU (s) | wall (s) | peak memory (MB) | pairs/s (CPU) | × floor `Geod.inv` |")
    print("|---|---:|---:|---:|---:|---:|")
    floor = figures["floor_geod_inv_cpu_s"]
    rows = [
        ("floor: `Geod.inv` on the same arrays, in process", floor, None, None),
        (
            "floor: fresh process, `pandas.read_csv` + `Geod.inv` + `to_csv` (numbers)",
            figures["floor_pandas"]["cpu_s"],
            figures["floor_pandas"]["wall_s"],
            figures["floor_pandas"]["peak_mb"],
        ),
        *(
            (
                f"`geo distance --batch` ({label}), whole process",
                figures[f"geo_{label}"]["cpu_s"],
                figures[f"geo_{label}"]["wall_s"],
                figures[f"geo_{label}"]["peak_mb"],
            )
            for label in ("numbers", "names")
        ),
        (
            f"baseline: loop of `geopy.distance.geodesic` (extrapolated from {sample:,} pairs)",
            figures["geopy_extrapolated_s"],
            None,
            None,
        ),
    ]
    for label, cpu, wall, peak in rows:
        wall_text = "–" if wall is None else f"{wall:.2f}"
        peak_text = "–" if peak is None else f"{peak:.0f}"
        print(f"| {label} | {cpu:.2f} | {wall_text} | {peak_text} | {pairs / cpu:,.0f} | {cpu / floor:.1f} |")
    print()
    print(f"largest difference of the distances written from Geod.inv's: {figures['max_difference_m']:.2g} m")
    print("(the output rounds distances to the metre: 0.001 km)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
