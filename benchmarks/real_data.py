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
    python benchmarks/real_data.py --quick          # 20,000 rows
    python benchmarks/real_data.py --export /tmp/acled-1m.csv --steps pandas import   # keep the file, the import only
    python benchmarks/real_data.py --export /tmp/acled-1m.csv --steps pandas import import-rows   # and before
    git archive REV geo | tar -x -C /tmp/rev   # an earlier revision's package, then:
    python benchmarks/real_data.py --export /tmp/acled-1m.csv --steps pandas import import-before --before /tmp/rev

``import`` is ``geo import acled`` as it runs (a CSV export read column by column,
:mod:`geo.imports.acled_columns`); ``import-rows`` the same command with the row path
only (``geo.imports.acled.COLUMNAR = False``), as it ran before: the two write the same
bytes, which the script checks when both run. ``import-before`` is the command as an
earlier revision runs it (``--before DIR``: a folder holding that revision's ``geo``
package, the data folders are this checkout's), so that a change is measured against
what it replaced in the same run; its outputs are compared too.

Each child also reports its CPU seconds (user + system, ``getrusage``): on a shared
machine the wall time of one step drifts with the load, its CPU time much less.
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

STEPS = ("pandas", "import", "import-rows", "import-before", "stats")
# The import as another source tree runs it: its geo package first on the path.
BEFORE = """
import resource, sys
sys.path.insert(0, sys.argv[1])
import geo
from geo.cli import main
assert geo.__file__.startswith(sys.argv[1]), geo.__file__
code = main(["import", "acled", sys.argv[2], "--out", sys.argv[3], "--report", sys.argv[4]])
usage = resource.getrusage(resource.RUSAGE_SELF)
print(f"cpu_s={usage.ru_utime + usage.ru_stime:.2f}", file=sys.stderr)
print(f"peak_mb={usage.ru_maxrss / 1024.0:.0f}", file=sys.stderr)
sys.exit(code)
"""
OUTPUTS = ("incidents.csv", "claims.csv", "report.csv", "actors.csv")


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

    if name in ("import", "import-rows"):
        from geo.imports import acled

        acled.COLUMNAR = name == "import"
        export, out = args
        return main(["import", "acled", export, "--out", out, "--report", str(Path(out).with_name("report.csv"))])
    if name == "stats":
        return main(["stats", "--incidents", args[0], "--by", "region", "--every", "month", "--csv"])
    raise SystemExit(f"unknown step {name!r}")


def _content(path: Path) -> bytes | None:
    return path.read_bytes() if path.is_file() else None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--quick", action="store_true", help="20,000 rows")
    parser.add_argument(
        "--export", type=Path, help="the export (generated there when missing, and kept); default: a temporary file"
    )
    parser.add_argument("--steps", nargs="+", choices=STEPS, default=list(STEPS), help="the steps to run")
    parser.add_argument("--step", nargs="+", help=argparse.SUPPRESS)
    parser.add_argument("--before", type=Path, help="for import-before: a folder holding an earlier geo package")
    args = parser.parse_args()
    if args.step:
        with open(os.devnull, "w", encoding="utf-8") as sink:
            sys.stdout = sink
            code = step(args.step[0], args.step[1:])
        usage = resource.getrusage(resource.RUSAGE_SELF)
        print(f"cpu_s={usage.ru_utime + usage.ru_stime:.2f}", file=sys.stderr)
        print(f"peak_mb={usage.ru_maxrss / 1024.0:.0f}", file=sys.stderr)
        return code

    if "import-before" in args.steps and (args.before is None or not (args.before / "geo" / "__init__.py").is_file()):
        parser.error("import-before needs --before DIR, a folder holding a geo package")
    if args.quick:
        args.rows = 20_000
    with tempfile.TemporaryDirectory() as folder:
        export = args.export or Path(folder) / "acled.csv"
        out = Path(folder) / "my" / "incidents.csv"
        before = Path(folder) / "rows" / "incidents.csv"
        if not export.is_file():
            started = time.perf_counter()
            generate(export, args.rows, Gazetteer.load())
            print(f"generated {args.rows:,} rows in {time.perf_counter() - started:.0f} s")
        with export.open(encoding="utf-8") as handle:
            rows = sum(1 for _ in handle) - 1  # the generator writes no line breaks inside cells
        size_mb = export.stat().st_size / 1e6
        results = {}
        earlier = Path(folder) / "before" / "incidents.csv"
        if "import-before" in args.steps:
            for data in ("seeds", "gazetteer"):  # the data folders, next to the package as in a checkout
                if not (args.before / data).exists():
                    (args.before / data).symlink_to(ROOT / data)
            earlier.parent.mkdir(parents=True, exist_ok=True)
        before_argv = [sys.executable, "-c", BEFORE, str(args.before), str(export), str(earlier)]
        before_argv.append(str(earlier.with_name("report.csv")))
        for name, label, argv in (
            ("pandas", "pandas.read_csv (floor)", in_child("pandas", str(export))),
            ("import", "geo import acled", in_child("import", str(export), str(out))),
            ("import-rows", "geo import acled, row path (before)", in_child("import-rows", str(export), str(before))),
            ("import-before", f"geo import acled, as {args.before} runs it", before_argv),
            ("stats", "geo stats --by region --every month", in_child("stats", str(out))),
        ):
            if name not in args.steps:
                continue
            seconds, code, tail = timed(argv)
            figures = dict(x.split("=", 1) for x in tail.splitlines() if x.startswith(("peak_mb=", "cpu_s=")))
            peak, cpu = float(figures.get("peak_mb", "nan")), float(figures.get("cpu_s", "nan"))
            results[label] = (seconds, cpu, peak)
            print(f"{label}: exit {code}, {seconds:.1f} s, CPU {cpu:.1f} s, peak {peak:,.0f} MB")
            for line in tail.splitlines():
                if not line.startswith(("peak_mb=", "cpu_s=")):
                    print(f"    {line[:240]}")
        for other, where in (("import-rows", before), ("import-before", earlier)):
            if {"import", other} <= set(args.steps):
                differ = [name for name in OUTPUTS if _content(out.parent / name) != _content(where.parent / name)]
                said = "differ: " + ", ".join(differ) if differ else "the same bytes"
                print(f"outputs of import and {other}: {said}")
    floor = results.get("pandas.read_csv (floor)")
    print()
    print(f"{rows:,}-row ACLED-like export ({size_mb:,.0f} MB), each step alone in its process")
    print()
    print("| step | time (s) | × floor | CPU (s) | × floor | peak memory (MB) | × floor |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for label, (seconds, cpu, peak) in results.items():
        bases = floor or (1.0, 1.0, 1.0)
        figures = zip((seconds, cpu, peak), bases, strict=True)
        ratios = [f"{value / base:.1f}" if floor else "-" for value, base in figures]
        print(f"| {label} | {seconds:.1f} | {ratios[0]} | {cpu:.1f} | {ratios[1]} | {peak:,.0f} | {ratios[2]} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
