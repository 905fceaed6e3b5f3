"""``geo places``: search and list the gazetteer."""

from __future__ import annotations

import argparse

from ._output import RAW_HELP, add_gazetteer_option, load_gazetteer, write_csv, write_json_line

FIELDS = ["id", "name", "kind", "lat", "lon", "uncertainty_km", "country", "admin1", "admin2", "tier", "geonames_id"]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    parser.epilog = """examples:
  geo places menaka                  # every place whose name contains 'menaka', any spelling
  geo places --tier curated --csv    # the curated tier as CSV
  geo places --kind well --country ML --limit 50"""
    parser.add_argument("text", nargs="?", metavar="QUERY", help="part of a name, any spelling")
    parser.add_argument("--kind", help="only this kind (town, village, well, region...)")
    parser.add_argument("--country", metavar="CC", help="only this country")
    parser.add_argument("--tier", choices=("curated", "area", "reference"), help="only this tier")
    parser.add_argument("--limit", default=20, help="at most this many (0: all; default: %(default)s)")
    output = parser.add_mutually_exclusive_group()
    output.add_argument("--json", action="store_true", help="JSON Lines output")
    output.add_argument("--csv", action="store_true", help="CSV output")
    parser.add_argument("--raw", action="store_true", help=RAW_HELP + " (with --csv)")
    add_gazetteer_option(parser)


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
        print(f"geo places: nothing matches {args.text!r}", file=__import__("sys").stderr)
        return 1
    return 0
