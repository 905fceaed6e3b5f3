"""Real data, end to end: an ACLED-like export through ``geo import acled`` and then
``geo stats --incidents ... --by region --every month``, against ``pandas.read_csv`` of
the same file as the floor.

The export is made by the import benchmark's generator (``benchmarks/import_acled.py``:
ACLED's column set since March 2023, about 3,000 locations in varied spellings, real
actor names, precision codes, 2012-2024). Each of the three commands runs alone in its
own process, timed from outside (wall seconds) with its peak resident memory read from
the operating system (``ru_maxrss`` of the finished child), so the three figures are
measured the same way in the same run. The ratios to the floor are the figures to
quote: the machine's speed drifts, the ratios much less.

    python benchmarks/real_data.py                  # 1,000,000 rows
    python benchmarks/real_data.py --rows 100000    # quicker
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from import_acled import generate

from geo import Gazetteer


def timed(argv: list[str]) -> tuple[float, int, str]:
    """Run ``argv`` in a child process: wall seconds, exit status, stderr's last lines
    (the child prints its own peak memory there, ``peak_mb=...``)."""
    started = time.perf_counter()
    done = subprocess.run(argv, capture_output=True, text=True, check=False)
    tail = "\n".join(done.stderr.strip().splitlines()[-6:])
    return time.perf_counter() - started, done.returncode, tail


def in_child(step: str, *args: str) -> list[str]:
    """This script, run as one step in its own process (so that each peak is its own)."""
    return [sys.executable, __file__, "--step", step, *args]


def step(name: str, args: list[str]) -> int:
    if name == "pandas":
        import pandas

        frame = pandas.read_csv(args[0], low_memory=False)
        print(f"{len(frame):,} rows", file=sys.stderr)
        return 0
    from geo.cli import main

    if name == "import":
        export, out = args
        return main(["import", "acled", export, "--out", out, "--report", str(Path(out).with_name("report.csv"))])
    if name == "stats":
        return main(["stats", "--incidents", args[0], "--by", "region", "--every", "month", "--csv"])
    raise SystemExit(f"unknown step {name!r}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--step", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.step:
        with open(os.devnull, "w", encoding="utf-8") as sink:
            sys.stdout = sink
            code = step(args.step[0], args.step[1:])
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0
        print(f"peak_mb={peak:.0f}", file=sys.stderr)
        return code

    with tempfile.TemporaryDirectory() as folder:
        export = Path(folder) / "acled.csv"
        out = Path(folder) / "my" / "incidents.csv"
        started = time.perf_counter()
        generate(export, args.rows, Gazetteer.load())
        size_mb = export.stat().st_size / 1e6
        print(f"generated {args.rows:,} rows ({size_mb:,.0f} MB) in {time.perf_counter() - started:.0f} s")
        results = {}
        for label, argv in (
            ("pandas.read_csv (floor)", in_child("pandas", str(export))),
            ("geo import acled", in_child("import", str(export), str(out))),
            ("geo stats --by region --every month", in_child("stats", str(out))),
        ):
            seconds, code, tail = timed(argv)
            peak = next((float(x.split("=")[1]) for x in tail.splitlines() if x.startswith("peak_mb=")), float("nan"))
            results[label] = (seconds, peak)
            print(f"{label}: exit {code}, {seconds:.1f} s, peak {peak:,.0f} MB")
            for line in tail.splitlines():
                if not line.startswith("peak_mb="):
                    print(f"    {line[:240]}")
    floor_s, floor_mb = results["pandas.read_csv (floor)"]
    print()
    print(f"{args.rows:,}-row ACLED-like export ({size_mb:,.0f} MB), each step alone in its process")
    print()
    print("| step | time (s) | × floor | peak memory (MB) | × floor |")
    print("|---|---:|---:|---:|---:|")
    for label, (seconds, peak) in results.items():
        print(f"| {label} | {seconds:.1f} | {seconds / floor_s:.1f} | {peak:,.0f} | {peak / floor_mb:.1f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
