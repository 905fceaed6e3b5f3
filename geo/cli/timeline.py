"""``geo timeline``: an actor's zone areas per period, or at every change point."""

from __future__ import annotations

import argparse
import sys

from .. import schema
from ._influence import add_influence_options, build_influence
from ._output import (
    add_gazetteer_option,
    add_incidents_option,
    add_seeds_option,
    load_gazetteer,
    load_records_of,
    parse_day,
    write_csv,
    write_json_line,
    write_table,
)

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
    parser.add_argument(
        "actor", metavar="ACTOR", help="an actor id or any of its names (ISGS, EIGS, 'Islamic State Sahel')"
    )
    parser.add_argument("--from", dest="start", metavar="DATE", help="first day (EDTF: 2021, 2021-06, 2021-06-15)")
    parser.add_argument("--to", dest="end", metavar="DATE", help="last day (EDTF; '2023' means to 2023-12-31)")
    parser.add_argument("--every", choices=EVERY, default="month", help="period length (default: %(default)s)")
    parser.add_argument("--steps", action="store_true", help="one row per change point instead of regular periods")
    output = parser.add_mutually_exclusive_group()
    output.add_argument("--json", action="store_true", help="one JSON object per row")
    output.add_argument("--csv", action="store_true", help="CSV with a header row")
    add_influence_options(parser)
    add_seeds_option(parser)
    add_incidents_option(parser)
    add_gazetteer_option(parser)


def run(args: argparse.Namespace) -> int:
    gazetteer = load_gazetteer(args)
    records = load_records_of(args, gazetteer)
    influence = build_influence(args, records, gazetteer)
    actor = influence.actor_id(args.actor)
    start, end = parse_day(args.start, "--from", last=False), parse_day(args.end, "--to", last=True)
    table = influence.timeline(actor, start=start, end=end, every=args.every, steps=args.steps)
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
