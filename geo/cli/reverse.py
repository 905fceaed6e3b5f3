"""``geo reverse``: the places nearest to a point and the areas that contain it."""

from __future__ import annotations

import argparse
from typing import Any

from ._options import JSON_OBJECT, LIMIT, add_gazetteer_options, load_gazetteer
from ._output import write_json_line


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    parser.epilog = """examples:
  geo reverse 15.93 2.41
  geo reverse 16.6,2.4 --limit 3 --json
  geo reverse 14.35 -3.61 --populated

Latitude comes first (or say which is which: 15.93N 2.41E, 15°55′48″N 2°24′36″E).
A point outside Mali and its neighbours is refused, with a hint
when swapping latitude and longitude would put it in Mali."""
    parser.add_argument("coordinates", nargs="+", metavar="LAT LON", help="latitude and longitude (or 'LAT,LON')")
    LIMIT.add(parser, each="nearby places", note="1 to 1000", default=5)
    parser.add_argument("--populated", action="store_true", help="only towns, villages and camps")
    JSON_OBJECT.add(parser)
    add_gazetteer_options(parser)


def run(args: argparse.Namespace) -> int:
    from .._input import parse_point, whole_number
    from ..errors import InputError

    text = " ".join(args.coordinates)
    point = parse_point(text)  # also 15.93N 2.41E and 15°55′48″N 2°24′36″E
    if point is None:
        raise InputError(f"{text!r} is not a point: give latitude and longitude in degrees, e.g. 15.93 2.41")
    args.limit = whole_number(args.limit, "--limit", low=1, high=1000, hint="give a number of places from 1 to 1000")
    result = load_gazetteer(args).reverse(point[0], point[1], limit=args.limit, populated_only=args.populated)
    if args.json:
        write_json_line(result.to_dict())
        return 0
    print(f"{result.lat:.5f}, {result.lon:.5f}")
    for place in result.nearest:
        print(f"  {place['description']}\t[{place['id']}] {place['kind']}")
    if result.areas:
        print("  in: " + "; ".join(_area_label(area) for area in result.areas))
    return 0


def _area_label(area: dict[str, Any]) -> str:
    period = ""
    if area.get("valid_from") or area.get("valid_to"):
        period = f" ({area.get('valid_from') or '…'} to {area.get('valid_to') or 'now'})"
    return f"{area['name']} [{area['kind']}]{period}"
