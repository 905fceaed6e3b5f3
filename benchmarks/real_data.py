"""Real data, end to end: an ACLED-like export through ``geo import acled`` and then
``geo stats --incidents ... --by region --every month``, against ``pandas.read_csv`` of
the same file as the floor.

The export is made by the import benchmark's generator (``benchmarks/import_acled.py``:
ACLED's column set since March 2023, about 3,000 locations in varied spellings, real
actor names, precision codes, 2012-2024). Each step is a command of its own, started
alone in its own process and measured from outside as a whole process: wall seconds,
CPU seconds (user + system) and peak resident memory, from the operating system's
accounting of the finished child (``os.wait4``: the CPU of the command's own children
counted in, the peak memory of its largest process, not their sum). The floor's process
imports pandas and reads the file, nothing else (``pandas.read_csv(path)`` with its defaults). The ratios to
the floor are the figures to quote: the machine's speed drifts, the ratios much less.

    python benchmarks/real_data.py                  # 1,000,000 rows
    python benchmarks/real_data.py --rows 100000    # quicker
    python benchmarks/real_data.py --quick          # 20,000 rows
    python benchmarks/real_data.py --export /tmp/acled-1m.csv --steps pandas import   # keep the file, the import only
    python benchmarks/real_data.py --export /tmp/acled-1m.csv --steps pandas import import-rows   # and before
    git archive REV geo | tar -x -C /tmp/rev   # an earlier revision's package, then:
    python benchmarks/real_data.py --export /tmp/acled-1m.csv --steps pandas import import-before --before /tmp/rev

``import`` is ``python -m geo import acled`` as it runs (a CSV export read column by
column, :mod:`geo.imports.acled_columns`); ``import-rows`` the same command with the row
path only (``geo.imports.acled.COLUMNAR = False``), as it ran before: the two write the
same bytes, which the script checks when both run. ``import-before`` is the command as
an earlier revision runs it (``--before DIR``: a folder holding that revision's ``geo``
package, the data folders are this checkout's), so that a change is measured against
what it replaced in the same run; its outputs are compared too. ``--repeat N`` runs the
steps N times in turn and quotes the median of each figure and of each ratio.

The ``geo`` packages timed have their bytecode compiled first (``compileall``), as an
installed package's is (pip compiles pandas' when it installs it): where Python is told
not to write bytecode (``PYTHONDONTWRITEBYTECODE``, as in some containers), a checkout's
modules would otherwise be compiled again at every start, about 0.15 s a command.
"""

from __future__ import annotations

import argparse
import compileall
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

STEPS = ("pandas", "import", "import-rows", "import-before", "stats")
# The floor: pandas reads the file, with its defaults.
FLOOR = "import sys, pandas; pandas.read_csv(sys.argv[1])"
# The import on the row path only.
ROWS = """
import sys
from geo.imports import acled
from geo.cli import main
acled.COLUMNAR = False
sys.exit(main(sys.argv[1:]))
"""
# The import as another source tree runs it: its geo package first on the path.
BEFORE = """
import sys
sys.path.insert(0, sys.argv[1])
import geo
from geo.cli import main
assert geo.__file__.startswith(sys.argv[1]), geo.__file__
sys.exit(main(sys.argv[2:]))
"""
STATS_BY = ("--by", "region", "--every", "month")
OUTPUTS = ("incidents.csv", "claims.csv", "report.csv", "actors.csv")


def timed(argv: list[str]) -> tuple[float, float, float, int, str]:
    """Run ``argv`` alone in a child process: its wall seconds, CPU seconds (user +
    system), peak resident memory (MB) and exit status, from the operating system's
    accounting of the child; and the last lines it wrote to stderr."""
    with tempfile.TemporaryFile() as errors:
        started = time.perf_counter()
        child = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=errors, cwd=ROOT)
        _pid, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - started
        child.returncode = os.waitstatus_to_exitcode(status)
        errors.seek(0)
        tail = "\n".join(errors.read().decode("utf-8", "replace").strip().splitlines()[-4:])
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024.0, child.returncode, tail


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
    parser.add_argument("--repeat", type=int, default=1, help="runs of the steps, in turn (medians quoted)")
    parser.add_argument("--before", type=Path, help="for import-before: a folder holding an earlier geo package")
    args = parser.parse_args()
    if "import-before" in args.steps and (args.before is None or not (args.before / "geo" / "__init__.py").is_file()):
        parser.error("import-before needs --before DIR, a folder holding a geo package")
    if args.quick:
        args.rows = 20_000
    with tempfile.TemporaryDirectory() as folder:
        export = (args.export or Path(folder) / "acled.csv").resolve()
        if not export.is_file():
            sys.path.insert(0, str(ROOT))
            sys.path.insert(0, str(ROOT / "benchmarks"))
            from import_acled import generate

            from geo import Gazetteer

            started = time.perf_counter()
            generate(export, args.rows, Gazetteer.load())
            print(f"generated {args.rows:,} rows in {time.perf_counter() - started:.0f} s")
        with export.open(encoding="utf-8") as handle:
            rows = sum(1 for _ in handle) - 1  # the generator writes no line breaks inside cells
        size_mb = export.stat().st_size / 1e6
        outs = {name: Path(folder) / name / "incidents.csv" for name in STEPS}
        if "import-before" in args.steps:
            for data in ("seeds", "gazetteer"):  # the data folders, next to the package as in a checkout
                link = args.before / data
                if link.is_symlink() and not link.exists():  # left by a run from a checkout since removed
                    link.unlink()
                if not link.exists():
                    link.symlink_to(ROOT / data)

        for tree in [ROOT, *([args.before] if "import-before" in args.steps else [])]:
            compileall.compile_dir(tree / "geo", quiet=1)

        def importing(out: Path) -> list[str]:
            out.parent.mkdir(parents=True, exist_ok=True)
            return ["import", "acled", str(export), "--out", str(out), "--report", str(out.with_name("report.csv"))]

        python = sys.executable
        commands = {
            "pandas": ("pandas.read_csv (floor)", [python, "-c", FLOOR, str(export)]),
            "import": ("geo import acled", [python, "-m", "geo", *importing(outs["import"])]),
            "import-rows": (
                "geo import acled, row path (before)",
                [python, "-c", ROWS, *importing(outs["import-rows"])],
            ),
            "import-before": (
                f"geo import acled, as {args.before} runs it",
                [python, "-c", BEFORE, str(args.before), *importing(outs["import-before"])],
            ),
            "stats": (
                "geo stats --by region --every month",
                [python, "-m", "geo", "stats", "--incidents", str(outs["import"]), *STATS_BY],
            ),
        }
        runs: dict[str, list[tuple[float, float, float]]] = {}
        for run in range(args.repeat):
            for name in args.steps:
                label, argv = commands[name]
                seconds, cpu, peak, code, tail = timed(argv)
                runs.setdefault(label, []).append((seconds, cpu, peak))
                print(f"[{run + 1}] {label}: exit {code}, {seconds:.1f} s, CPU {cpu:.1f} s, peak {peak:,.0f} MB")
                if code:
                    for line in tail.splitlines():
                        print(f"    {line[:240]}")
        for other in ("import-rows", "import-before"):
            if {"import", other} <= set(args.steps):
                mine, theirs = outs["import"].parent, outs[other].parent
                differ = [name for name in OUTPUTS if _content(mine / name) != _content(theirs / name)]
                said = "differ: " + ", ".join(differ) if differ else "the same bytes"
                print(f"outputs of import and {other}: {said}")
    floor = runs.get(commands["pandas"][0])
    print()
    print(f"{rows:,}-row ACLED-like export ({size_mb:,.0f} MB), each step alone in its process", end="")
    print(f", medians of {args.repeat} runs in turn" if args.repeat > 1 else "")
    print()
    print("| step | time (s) | × floor | CPU (s) | × floor | peak memory (MB) | × floor |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for label, figures in runs.items():
        medians = [statistics.median(values) for values in zip(*figures, strict=True)]
        if floor:  # the ratio of each run to the floor's run beside it, then the median
            ratios = [
                f"{statistics.median(mine[k] / base[k] for mine, base in zip(figures, floor, strict=True)):.1f}"
                for k in range(3)
            ]
        else:
            ratios = ["-"] * 3
        seconds, cpu, peak = medians
        print(f"| {label} | {seconds:.1f} | {ratios[0]} | {cpu:.1f} | {ratios[1]} | {peak:,.0f} | {ratios[2]} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
