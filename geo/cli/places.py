"""``geo places``: search and list the gazetteer."""

from __future__ import annotations

import argparse
import sys

from ._options import COUNTRY, LIMIT, add_gazetteer_options, add_output_options, load_gazetteer
from ._output import write_csv, write_json_line

FIELDS = ["id", "name", "kind", "lat", "lon", "uncertainty_km", "country", "admin1", "admin2", "tier", "geonames_id"]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    parser.epilog = """examples:
  geo places menaka                  # every place whose name contains 'menaka', any spelling
  geo places --tier curated --csv    # the curated tier as CSV
  geo places --kind well --country ML --limit 50"""
    parser.add_argument("text", nargs="?", metavar="QUERY", help="part of a name, any spelling")
    parser.add_argument("--kind", help="only this kind (town, village, well, region...)")
    COUNTRY.add(parser, each="only places in this country")
    parser.add_argument("--tier", choices=("curated", "area", "reference"), help="only this tier")
    LIMIT.add(parser, each="places", note="0: all", default=20)
    add_output_options(parser, each="place")
    add_gazetteer_options(parser)


def run(args: argparse.Namespace) -> int:
    from .._input import whole_number

    args.limit = whole_number(args.limit, "--limit", low=0, hint="give 0 (all) or a whole number of places")
    places = load_gazetteer(args).search(
        args.text, kind=args.kind, country=args.country, tier=args.tier, limit=args.limit or None
    )
    records = [p.to_dict() for p in places]
    if args.json:
        for record in records:
            write_json_line(record)
    elif args.csv:
        write_csv(records, FIELDS, raw=args.raw)
    else:
        for p in places:
            variants = f"  (also {', '.join(p.variants[:4])})" if p.variants else ""
            print(f"{p.id}\t{p.name}\t{p.kind}\t{p.lat:.5f}, {p.lon:.5f}\t{p.country}\t{p.tier}{variants}")
    if not places and args.text:
        print(f"geo places: nothing matches {args.text!r}", file=sys.stderr)
        return 1
    return 0
