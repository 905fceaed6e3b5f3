"""``geo snapshot``: the map on one day as a static figure (PNG, SVG or PDF), for print."""

from __future__ import annotations

import argparse
import sys
import time

from ._options import (
    AT,
    OUT_FIGURE,
    SEEDS,
    TITLE,
    WINDOW_DAYS,
    add_gazetteer_options,
    add_influence_options,
    add_selection_options,
    load_gazetteer,
    load_records_of,
    record_inputs,
)
from ._selection import spec_from_args


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    parser.epilog = """The figure shows, on the day given: country outlines and the regions valid that day,
each actor's zones in its colour (control filled, contested hatched, influence pale,
activity dotted; dashed outlines when only claimed), the incidents of the days before
it as circles sized by deaths, place labels, a legend, a scale bar (geodesic), lon/lat
axes and the attribution. The file's suffix picks the format: .png (200 dpi), .svg or
.pdf. The same inputs give the same bytes. Needs matplotlib, no browser.

examples:
  geo snapshot --at 2023-04-30 --area ml-region-menaka --out menaka-2023-04-30.png
  geo snapshot --at 2013-01-15 --bbox -6.5,13.5,4.5,21.5 --actors ansar-dine,mujao,aqim --out north-2013.pdf
  geo snapshot --at 2022-06 --bbox 0,14.5,4.5,17.5 --method voronoi --out gourma.svg
  geo snapshot --at 2022-03-31 --incidents acled.csv --window-days 90 --out acled.png"""
    AT.add(parser, required=True)
    OUT_FIGURE.add(parser, required=True)
    add_selection_options(parser)
    TITLE.add(parser, each="figure", note="default: Sahel conflict atlas; the date is added")
    WINDOW_DAYS.add(parser, each="the day", default=30)
    add_influence_options(parser)
    SEEDS.add(parser)
    add_gazetteer_options(parser)


def run(args: argparse.Namespace) -> int:
    from .._input import check_window
    from .._io import check_output
    from ..render.figures import SNAPSHOT_WINDOW_DAYS, figure_format, save_figure, snapshot

    began = time.perf_counter()
    inputs = record_inputs(args)
    args.out = check_output(args.out, option="--out", inputs=inputs)
    figure_format(args.out)  # a bad suffix fails before any work
    spec = spec_from_args(args)  # every option checked before any work
    check_window(spec.at, spec.window_days or SNAPSHOT_WINDOW_DAYS, "--at")
    gazetteer = load_gazetteer(args)
    spec.check(gazetteer)
    records = load_records_of(args, gazetteer)
    spec.check(actors=records.actors)
    path = save_figure(snapshot(records, gazetteer, spec), args.out)
    print(f"wrote {path} ({path.stat().st_size / 1e3:,.0f} kB, {time.perf_counter() - began:.1f} s)", file=sys.stderr)
    return 0
