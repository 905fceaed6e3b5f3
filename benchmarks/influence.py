"""Influence benchmark: six actors, monthly, 2012-2023 (144 periods), both methods.

``Influence.timeline`` computes each actor's event-driven steps once (the days where
its picture changes), then answers every period with a look-up; the union of a set
of places and its geodesic area are computed once per distinct set. The baseline, in
the same run, is the obvious loop: for every actor and every month, work out which
records hold on the period's last day (the same rules) and build, union and measure
the zones from scratch.

Both use the bundled records and gazetteer; loading them is timed apart. The target
of issue 4 is at most 3 s for the 6 × 144 table.

    python benchmarks/influence.py
    python benchmarks/influence.py --repeat 5
    python benchmarks/influence.py --quick     # 2022-2023 only (24 periods), one run
"""

from __future__ import annotations

import argparse
import datetime as dt
import resource
import sys
import time

import shapely

from geo.gazetteer import Gazetteer
from geo.influence import ACTIVITY, METHODS, ZONES, Influence
from geo.measure import area_km2
from geo.periods import periods
from geo.records import load_records

ACTORS = ("isgs", "jnim", "aqim", "ansar-dine", "mnla", "fama")
START, END = dt.date(2012, 1, 1), dt.date(2023, 12, 31)


def peak_mb() -> float:
    """The peak resident memory of this process so far, in MB."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 1e6 if sys.platform == "darwin" else peak / 1e3


def toolkit(records, gazetteer, method: str, start: dt.date, end: dt.date) -> tuple[float, dict]:
    began = time.perf_counter()
    influence = Influence(records, gazetteer=gazetteer, method=method)
    tables = {actor: influence.timeline(actor, start=start, end=end, every="month") for actor in ACTORS}
    return time.perf_counter() - began, tables


def baseline(records, gazetteer, method: str, start: dt.date, end: dt.date) -> tuple[float, dict]:
    """Every (actor, month) from scratch: state, shapes, union, area."""
    began = time.perf_counter()
    influence = Influence(records, gazetteer=gazetteer, method=method)
    tables = {}
    for actor in ACTORS:
        rows = []
        for period in periods(start, end, "month"):
            zones = influence.zones_on(actor, period.end)  # the same rules, no steps
            row = {}
            for zone in ZONES:
                members = zones.get(zone, {})
                shapes = []
                for member in members.values():  # each shape made anew, less the places cut out of it
                    shape = influence.shapes.make(member.site, activity=zone == ACTIVITY)
                    if member.cut:
                        hole = shapely.union_all([influence.shapes.make(c, activity=False) for c in member.cut])
                        shape = shapely.make_valid(shapely.difference(shape, hole))
                    shapes.append(shape)
                row[zone] = float(area_km2(shapely.union_all(shapes))[0]) if shapes else 0.0
            rows.append(row)
        tables[actor] = rows
    return time.perf_counter() - began, tables


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs of each; the best is reported (default 3)")
    parser.add_argument("--quick", action="store_true", help="2022-2023 only (24 periods), one run of each")
    args = parser.parse_args()
    start, end = (dt.date(2022, 1, 1), END) if args.quick else (START, END)
    repeat = 1 if args.quick else args.repeat

    began = time.perf_counter()
    gazetteer = Gazetteer.load()
    records = load_records(gazetteer=gazetteer)
    load_s = time.perf_counter() - began
    n_periods = len(periods(start, end, "month"))
    print(f"loading the gazetteer and the records: {load_s:.2f} s (not counted below)")
    print(f"{len(ACTORS)} actors × {n_periods} monthly periods, {start} to {end}\n")
    print(f"{'method':8} {'toolkit s':>10} {'baseline s':>11} {'ratio':>7} {'max area diff km²':>18} {'peak MB':>8}")
    for method in METHODS:
        runs = (toolkit(records, gazetteer, method, start, end) for _ in range(repeat))
        fast, tables = min(runs, key=lambda r: r[0])
        slow, naive = baseline(records, gazetteer, method, start, end)
        worst = 0.0
        for actor in ACTORS:
            for row, naive_row in zip(tables[actor].to_dict("records"), naive[actor], strict=True):
                for zone in ZONES:
                    worst = max(worst, abs(row[f"{zone}_km2"] - naive_row[zone]))
        print(f"{method:8} {fast:10.2f} {slow:11.2f} {slow / fast:6.1f}× {worst:18.2f} {peak_mb():8.0f}")
    print("\ntarget: at most 3 s per method for the table (toolkit column); peak MB: the process so far")


if __name__ == "__main__":
    main()
