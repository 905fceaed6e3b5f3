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

from geo._validate import MALI_BOUNDS
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
    args = parser.parse_args(argv)
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


if __name__ == "__main__":
    raise SystemExit(main())
