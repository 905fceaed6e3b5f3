"""``geo timeline``: an actor's zone areas per period, or at every change point."""

from __future__ import annotations

import argparse
import sys

from .. import schema
from . import _options as options
from ._influence import build_influence
from ._options import load_gazetteer, load_records_of
from ._output import write_csv, write_json_line, write_table

EVERY = schema.PERIODS


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    parser.epilog = """Each row gives the areas (km², geodesic) of the actor's control, contested, activity and
influence zones as of the period's last day, and how many records support that picture.
With --steps, one row per stretch of days over which the picture stays the same.

examples:
  geo timeline ISGS --from 2021-06 --to 2023-04
  geo timeline EIGS --every quarter --method voronoi --csv > isgs.csv
  geo timeline jnim --steps --json
  geo timeline isgs --param max_km=30 --window 30"""
    options.ACTOR.add(parser)
    options.add_range_options(parser)
    options.EVERY.add(parser, each="the rows")
    parser.add_argument("--steps", action="store_true", help="one row per change point instead of regular periods")
    options.add_output_options(parser, each="period or step", raw=False)
    options.add_influence_options(parser)
    options.add_records_options(parser)


def run(args: argparse.Namespace) -> int:
    start, end, every = options.FROM.value(args), options.TO.value(args), options.EVERY.value(args)
    gazetteer = load_gazetteer(args)
    records = load_records_of(args, gazetteer)
    influence = build_influence(args, records, gazetteer)
    actor = influence.actor_id(args.actor)
    table = influence.timeline(actor, start=start, end=end, every=every, steps=args.steps)
    fields = list(table.columns)
    areas = [field for field in fields if field.endswith("_km2")]
    rows = table.to_dict("records") if (table[areas] > 0).any(axis=None) else []
    if not rows:
        reason = influence.empty_reason(actor)
        print(f"geo timeline: {actor} has no zone in the range asked; {reason}", file=sys.stderr)
    for row in rows:
        for key in ("start", "end"):
            row[key] = row[key].isoformat() if row[key] is not None else None
    if args.json:
        for row in rows:
            write_json_line({"actor": actor, "method": influence.method, **row})
    elif args.csv:
        write_csv(rows, fields)
    elif rows:
        print(f"{actor}: zone areas in km² ({influence.method} method)", file=sys.stderr)
        write_table(rows, fields)
    return 0
