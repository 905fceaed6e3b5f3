"""``geo map``: one interactive HTML map of zones, incidents and intensity over time."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from ._options import (
    OUT_HTML,
    SEEDS,
    STEP,
    TITLE,
    WINDOW_DAYS,
    add_gazetteer_options,
    add_influence_options,
    add_range_options,
    add_selection_options,
    load_gazetteer,
    load_records_of,
    record_inputs,
)
from ._selection import spec_from_args

OUT_DIR = Path("maps/out")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    parser.epilog = """The map has a time control (slider, play/pause, step, the date shown), the zones of
each actor in its colour (contested hatched, activity dotted, influence pale; claimed
tiers dashed), incidents sized by deaths and coloured by actor or event type (hexagon
bins at country zoom when they crowd; an incident known only to an area drawn as its
outline or a ring), place labels by priority that never overlap, boundaries, a legend
of what is on screen, a layer control, a scale bar and a measuring tool. Popups give
dates and their uncertainty, places, actors, deaths low/best/high, the sources as links
and the notes.

examples:
  geo map --from 2022-01 --to 2023-04 --area ml-region-menaka --self-contained --out menaka.html
  geo map --actors isgs,jnim --intensity --step month --out sahel.html
  geo import acled mali.csv --out acled.csv && geo map --incidents acled.csv --self-contained --out acled.html
  geo map --bbox -6.5,13.5,4.5,21.5 --from 2012 --to 2013 --fragment --out north-fragment.html"""
    OUT_HTML.add(parser, default=OUT_DIR / "map.html")
    add_range_options(parser)
    add_selection_options(parser)
    STEP.add(parser)
    WINDOW_DAYS.add(parser, each="each step")
    parser.add_argument("--intensity", action="store_true", help="add incidents per cercle and month as a choropleth")
    parser.add_argument("--no-zones", action="store_true", help="incidents only, no influence zones")
    parser.add_argument("--no-tiles", action="store_true", help="offer no online tile layers (OSM, satellite)")
    TITLE.add(parser, each="map", note="default: Sahel conflict atlas")
    parser.add_argument(
        "--self-contained", action="store_true", help="one file with every script, style and datum: works offline"
    )
    parser.add_argument("--fragment", action="store_true", help="a <div> with its scripts, to paste into a page")
    add_influence_options(parser)
    SEEDS.add(parser)
    add_gazetteer_options(parser)


def run(args: argparse.Namespace) -> int:
    from .._io import check_output
    from ..render.page import write_html
    from ..render.web import build_map

    began = time.perf_counter()
    inputs = record_inputs(args)
    # the default's folders (maps/out) are created; elsewhere at most one missing folder is
    args.out = check_output(args.out, option="--out", inputs=inputs, create_parent=Path(args.out).parent == OUT_DIR)
    spec = spec_from_args(args)  # every option checked before any work
    gazetteer = load_gazetteer(args)
    spec.check(gazetteer)  # an area that is a town fails here, not while drawing
    print("geo map: reading the records...", file=sys.stderr)
    records = load_records_of(args, gazetteer)
    spec.check(actors=records.actors)
    print(f"geo map: {len(records.incidents):,} incidents, {len(records.claims):,} claims; drawing...", file=sys.stderr)
    atlas = build_map(records, spec, gazetteer=gazetteer, tiles=not args.no_tiles)
    html = atlas.html(self_contained=args.self_contained, fragment=args.fragment)
    path = write_html(html, args.out)
    size = len(html.encode("utf-8"))
    print(
        f"wrote {path} ({size / 1e6:.1f} MB, {len(atlas.atlas_data['dates'])} time steps, "
        f"{time.perf_counter() - began:.1f} s)",
        file=sys.stderr,
    )
    return 0
