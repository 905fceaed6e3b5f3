"""``geo chart``: an actor's zone areas over time as a static figure (PNG, SVG or PDF)."""

from __future__ import annotations

import argparse
import sys
import time

from ._options import (
    ACTOR,
    EVERY,
    INCIDENTS,
    OUT_FIGURE,
    SEEDS,
    add_gazetteer_options,
    add_influence_options,
    add_range_options,
    load_gazetteer,
    load_records_of,
    record_inputs,
)
from ._selection import spec_from_args


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    parser.epilog = """One line per zone (control, contested, influence, activity) in the actor's colour,
styled as on the maps; each point is the zone's area (km², geodesic) as of a period's
last day, the values of `geo timeline`. The caption names the method and its
parameters. The file's suffix picks the format: .png (200 dpi), .svg or .pdf.

examples:
  geo chart ISGS --from 2021-06 --to 2023-04 --out isgs.png
  geo chart jnim --every quarter --method voronoi --out jnim.svg
  geo chart "Ansar Dine" --from 2012 --to 2013 --every month --out ansar-dine.pdf"""
    ACTOR.add(parser)
    OUT_FIGURE.add(parser, required=True)
    add_range_options(parser)
    EVERY.add(parser, each="the chart's points")
    INCIDENTS.add(parser)
    add_influence_options(parser)
    SEEDS.add(parser)
    add_gazetteer_options(parser)


def run(args: argparse.Namespace) -> int:
    from .._io import check_output
    from ..influence import Influence
    from ..render.figures import area_chart, figure_format, save_figure

    began = time.perf_counter()
    args.out = check_output(args.out, option="--out", inputs=record_inputs(args))
    figure_format(args.out)  # a bad suffix fails before any work
    spec = spec_from_args(args)  # dates, period, method and parameters, as a map's
    gazetteer = load_gazetteer(args)
    records = load_records_of(args, gazetteer)
    influence = Influence(records, gazetteer=gazetteer, method=spec.method, params=spec.influence_params)
    actor = influence.actor_id(args.actor)
    fig = area_chart(influence, actor, start=spec.start, end=spec.end, every=spec.every)
    if any(text.get_gid() == "empty" for text in fig.axes[0].texts):
        reason = influence.empty_reason(actor)
        print(f"geo chart: {actor} has no zone in the range asked; {reason}", file=sys.stderr)
    path = save_figure(fig, args.out)
    print(f"wrote {path} ({path.stat().st_size / 1e3:,.0f} kB, {time.perf_counter() - began:.1f} s)", file=sys.stderr)
    return 0
