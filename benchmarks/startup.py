"""Cold-start benchmark: the CPU a command costs before and around its work, each run
in a fresh process, against the floors of starting Python and importing numpy.

Each command runs ``--runs`` times (default 7) in a new process; the table gives the
median CPU time (user + system, from ``os.wait4``), the median wall time and the
largest peak memory (maximum resident set size). Measured:

- floors: ``python -c pass`` and ``python -c "import numpy"``;
- ``python -c "import geo"``;
- ``geo --help``;
- ``geo geocode Ménaka`` (the issue's target: at most 0.4 s of CPU);
- ``geo distance Tidermène Ménaka``;
- the gazetteer's load in a fresh process, from its load-ready file
  (``Gazetteer.load()``, warm cache) and from its sources (what a stale file falls back to);
- the first run after a change (cold cache): ``Gazetteer.load()`` and ``geo geocode Ménaka``
  with an empty cache, each run its own, so that each reads the sources and writes the
  load-ready file into the cache.

The load-ready file is not committed: in a checkout it lives in the user's cache
(``geo/_ready.py``). This benchmark uses a cache of its own (a temporary folder, filled
once before the warm runs), never the user's.

Requirements checked (exit status 1 when one fails): ``geo geocode Ménaka`` at most
0.4 s of CPU and ``geo --help`` at most 0.15 s (issue 18). On a busy machine the
figures are noisy: compare each with the floors of the same run.

    python benchmarks/startup.py            # 7 runs of each
    python benchmarks/startup.py --quick    # 3 runs of each
    git archive v0.1.0 | tar -x -C /tmp/before && python benchmarks/startup.py --before /tmp/before

``--before DIR`` also runs ``geo --help``, ``geo geocode Ménaka`` and the gazetteer load
from another checkout of the repository (``python -m geo`` with ``PYTHONPATH=DIR``), in
the same run, for a before-and-after comparison.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

GEOCODE_TARGET_S = 0.4
HELP_TARGET_S = 0.15


def run_child(
    argv: list[str], *, stdout=subprocess.DEVNULL, env: dict[str, str] | None = None, cwd: Path = ROOT
) -> dict[str, float]:
    """Run ``argv`` once in a new process: its CPU (user + sys) and wall seconds, peak RSS (MB).

    CPU and memory are read by ``/usr/bin/time`` where it exists (a forked child of this
    process would otherwise count this process's memory as its own), else by ``os.wait4``.
    Raises ``RuntimeError`` naming the command when it fails.
    """
    timer = Path("/usr/bin/time")
    with tempfile.NamedTemporaryFile("r", suffix=".time") as report:
        command = [str(timer), "-f", "%U %S %M", "-o", report.name, *argv] if timer.exists() else argv
        started = time.perf_counter()
        child = subprocess.Popen(command, stdout=stdout, stderr=subprocess.PIPE, cwd=cwd, env=env)
        assert child.stderr is not None
        errors = child.stderr.read()
        _pid, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - started
        code = os.waitstatus_to_exitcode(status)
        if code != 0:
            raise RuntimeError(f"{' '.join(argv)} failed ({code}): {errors.decode(errors='replace')[-500:]}")
        if timer.exists():
            user, system, peak_kb = report.read().split()[-3:]
            return {"cpu_s": float(user) + float(system), "wall_s": wall, "peak_mb": int(peak_kb) / 1024}
    return {"cpu_s": usage.ru_utime + usage.ru_stime, "wall_s": wall, "peak_mb": usage.ru_maxrss / 1024}


def measure(
    argv: list[str], runs: int, env: dict[str, str] | None = None, cwd: Path = ROOT, *, cold: bool = False
) -> dict[str, float]:
    """Medians of ``runs`` fresh runs (peak memory: the largest); ``cold``: each run with
    an empty load-ready cache of its own."""
    results = []
    for _ in range(runs):
        if not cold:
            results.append(run_child(argv, env=env, cwd=cwd))
            continue
        with tempfile.TemporaryDirectory(prefix="startup-cold-") as empty:
            results.append(run_child(argv, env={**(env or os.environ), "SAHEL_ATLAS_CACHE": empty}, cwd=cwd))
    return {
        "cpu_s": statistics.median(r["cpu_s"] for r in results),
        "wall_s": statistics.median(r["wall_s"] for r in results),
        "peak_mb": max(r["peak_mb"] for r in results),
    }


def geo_command() -> list[str]:
    """The ``geo`` console script next to this Python, or ``python -m geo``."""
    script = Path(sys.executable).with_name("geo")
    return [str(script)] if script.exists() else [sys.executable, "-m", "geo"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=7, help="fresh runs of each command (default: %(default)s)")
    parser.add_argument("--quick", action="store_true", help="3 runs of each command")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--before", type=Path, metavar="DIR", help="another checkout to measure in the same run")
    args = parser.parse_args(argv)
    runs = 3 if args.quick else args.runs
    python = [sys.executable]
    geo = geo_command()
    load_sources = (
        "from geo.gazetteer import Gazetteer; from geo._resources import bundled_dir; "
        "Gazetteer._from_sources(bundled_dir('gazetteer'), bundled=True, osm=True)"
    )
    load = [*python, "-c", "import geo; geo.Gazetteer.load()"]
    commands = [
        ("floor: `python -c pass`", [*python, "-c", "pass"]),
        ('floor: `python -c "import numpy"`', [*python, "-c", "import numpy"]),
        ('`python -c "import geo"`', [*python, "-c", "import geo"]),
        ("`geo --help`", [*geo, "--help"]),
        ("`geo geocode Ménaka`", [*geo, "geocode", "Ménaka"]),
        ("`geo distance Tidermène Ménaka`", [*geo, "distance", "Tidermène", "Ménaka"]),
        ("gazetteer load, load-ready file (`Gazetteer.load()`, warm cache)", load),
        ("gazetteer load from the sources (a stale file's fallback)", [*python, "-c", load_sources]),
    ]
    cold_commands = [
        ("first run, cold cache: `Gazetteer.load()` (reads the sources, writes the cache)", load),
        ("first run, cold cache: `geo geocode Ménaka`", [*geo, "geocode", "Ménaka"]),
    ]
    cache = tempfile.TemporaryDirectory(prefix="startup-cache-")
    os.environ["SAHEL_ATLAS_CACHE"] = cache.name  # this process's and the children's
    from geo._ready import ready_file
    from geo._resources import bundled_dir

    run_child(load)  # fills the cache
    fresh = ready_file(bundled_dir("gazetteer")) is not None
    figures: dict[str, dict[str, float]] = {}
    for label, command in commands:
        figures[label] = measure(command, runs)
    for label, command in cold_commands:
        figures[label] = measure(command, runs, cold=True)
    if args.before:
        env = {**os.environ, "PYTHONPATH": str(args.before.resolve())}
        for label, command in (
            ("`geo --help`", ["-m", "geo", "--help"]),
            ("`geo geocode Ménaka`", ["-m", "geo", "geocode", "Ménaka"]),
            ("gazetteer load", ["-c", "import geo; geo.Gazetteer.load()"]),
        ):
            figures[f"before ({args.before.name}): {label}"] = measure(
                [*python, *command], runs, env=env, cwd=args.before.resolve()
            )
    cache.cleanup()
    floor = figures["floor: `python -c pass`"]["cpu_s"]
    geocode = figures["`geo geocode Ménaka`"]["cpu_s"]
    help_s = figures["`geo --help`"]["cpu_s"]
    ok = geocode <= GEOCODE_TARGET_S and help_s <= HELP_TARGET_S and fresh
    if args.json:
        print(json.dumps({"runs": runs, "ready_file_fresh": fresh, "figures": figures, "requirements_met": ok}))
        return 0 if ok else 1
    bytecode = (
        "off (PYTHONDONTWRITEBYTECODE: every run compiles geo's modules)" if sys.flags.dont_write_bytecode else "on"
    )
    print(f"median of {runs} fresh processes each; Python {sys.version.split()[0]}; bytecode cache {bytecode}")
    print(f"load-ready gazetteer file (in this run's cache) fresh: {fresh}; load average {os.getloadavg()[0]:.1f}")
    print()
    print("| command | CPU, user+sys (s) | × `python -c pass` | wall (s) | peak memory (MB) |")
    print("|---|---:|---:|---:|---:|")
    for label, values in figures.items():
        print(
            f"| {label} | {values['cpu_s']:.3f} | {values['cpu_s'] / floor:.1f} | {values['wall_s']:.3f} "
            f"| {values['peak_mb']:.0f} |"
        )
    print()
    verdict = "meets" if ok else "FAILS"
    print(
        f"geo geocode Ménaka: {geocode:.3f} s of CPU (target <= {GEOCODE_TARGET_S} s); geo --help: {help_s:.3f} s "
        f"(target <= {HELP_TARGET_S} s): {verdict} the requirements"
    )
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
