"""``geo distance``: the geodesic distance and initial bearing between two places or points."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from ._options import BATCH, JSON_LINES, RAW, add_gazetteer_options, load_gazetteer
from ._output import warn, write_json_line

if TYPE_CHECKING:
    from ..gazetteer import Gazetteer


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    parser.epilog = """examples:
  geo distance Tidermène Ménaka
  geo distance Konna Mopti --json
  geo distance ml-menaka 16.6,2.4
  geo distance "75 km north of Ménaka" Anderamboukane
  geo distance --batch pairs.csv > distances.csv

A and B are place names (any spelling, or a relative location such as
"30 km N of Douentza"), gazetteer ids (ml-menaka, gn-2457161) or points 'LAT,LON':
latitude then longitude in decimal degrees, south and west negative (14.48,-4.18;
14.48N,4.18W also works). A negative latitude goes after '--':
geo distance -- -1.5,30.1 Ménaka.

The distance is geodesic, on the WGS84 ellipsoid; the bearing is the initial bearing
from A to B, clockwise from true north. Each place's location uncertainty (a point
given as LAT,LON has none) widens the distance into a range: km ± (u_A + u_B).

With --batch FILE, a CSV file (UTF-8; comma, semicolon or tab) gives one pair per
row: a 'from' and a 'to' column, each a name, an id or a point "LAT,LON" (quoted in a
comma-separated file), or numeric 'from_lat','from_lon' and 'to_lat','to_lon' columns.
Other columns are ignored. The output is CSV (or JSON Lines with --json), one row per
input row, in order: row, from, to, their ids and points, distance_km, bearing_deg,
direction, uncertainty_km, km_min, km_max, status and reason. Each distinct name is
resolved once and all pairs are measured at once; progress goes to stderr for big files.

Exit status: 0 on success, 1 when a place is unknown or ambiguous (the candidates are
listed; with --batch, a message per row that could not be measured), 2 on usage errors
(such as a malformed or out-of-range LAT,LON, or a file without the needed columns)."""
    parser.add_argument("a", metavar="A", nargs="?", help="the place or point to measure from")
    parser.add_argument("b", metavar="B", nargs="?", help="the place or point to measure to")
    BATCH.add(parser, each="pairs, in 'from' and 'to' columns (CSV out)")
    JSON_LINES.add(parser, each="pair")
    RAW.add(parser, note="with --batch")
    add_gazetteer_options(parser)


def _point_end(query: str, lat: float, lon: float) -> dict[str, Any]:
    from .._input import check_lat_lon
    from ..errors import InputError

    try:
        check_lat_lon(lat, lon, coverage=True)
    except InputError as error:  # far away is allowed; a swapped pair deserves a word
        if "swapped" in str(error):
            warn(f"geo distance: warning: {error}")
    return {"query": query, "id": None, "name": None, "lat": lat, "lon": lon, "uncertainty_km": 0.0}


def _place_end(gazetteer: Gazetteer, query: str) -> dict[str, Any]:
    """One end, resolved by the library (an id, a name or a relative location), as output."""
    from .._locate import locate

    resolution = locate(gazetteer, query)
    for message in resolution.warnings:
        warn(f"geo distance: {query!r}: warning: {message}")
    place = resolution.place
    assert place is not None and resolution.lat is not None and resolution.lon is not None
    if resolution.score is not None and resolution.score < 1.0 and not resolution.relative:
        warn(f"geo distance: {query!r} read as {place.name} [{place.id}] (name similarity {resolution.score:.2f})")
    end = {
        "query": query,
        "id": place.id,
        "name": place.name,
        "lat": round(resolution.lat, 5),
        "lon": round(resolution.lon, 5),
        "uncertainty_km": round(resolution.uncertainty_km or 0.0, 1),
        "kind": place.kind,
        "tier": place.tier,
    }
    if resolution.relative:
        end["relative"] = resolution.relative
    return end


def run(args: argparse.Namespace) -> int:
    from types import SimpleNamespace

    from .._input import parse_point
    from ..errors import InputError, PlaceNotFoundError
    from ..measure import place_distance

    if args.batch is not None:
        if args.a is not None:
            raise InputError("give two places as arguments or a file of pairs with --batch, not both")
        return _run_batch(args)
    if args.a is None or args.b is None:
        raise InputError("give two places or points (A and B), or a file of pairs with --batch FILE")
    queries = (args.a, args.b)
    points = [parse_point(q) for q in queries]  # a malformed point is a usage error: before any lookup
    gazetteer = None
    ends: list[dict[str, Any]] = []
    failures = 0
    for query, point in zip(queries, points, strict=True):
        if point is not None:
            ends.append(_point_end(query, *point))
            continue
        if gazetteer is None:
            gazetteer = load_gazetteer(args)
        try:
            ends.append(_place_end(gazetteer, query))
        except PlaceNotFoundError as error:
            warn(f"geo distance: {error}")
            failures += 1
    if failures:
        return 1
    # Measured between the points and uncertainties printed, so that the numbers add up.
    start, end = (SimpleNamespace(lat=e["lat"], lon=e["lon"], uncertainty_km=e["uncertainty_km"]) for e in ends)
    record = {"from": ends[0], "to": ends[1], **place_distance(start, end).to_dict()}
    if args.json:
        write_json_line(record)
    else:
        _print_text(record)
    return 0


def _run_batch(args: argparse.Namespace) -> int:
    """``geo distance --batch FILE``: the library measures, this writes."""
    import sys

    from ..batch import measure_pairs

    def progress(text: str) -> None:
        print(f"geo distance: {text}", file=sys.stderr, flush=True)

    batch = measure_pairs(args.batch, lambda: load_gazetteer(args), progress=progress)
    for i in sorted(batch.problems):
        warn(f"geo distance: {batch.problems[i]}")
    if args.json:
        for record in batch.records():
            write_json_line(record)
    else:
        batch.write_csv(sys.stdout, raw=args.raw)
    if batch.problems:
        warn(f"geo distance: {len(batch.problems)} of {len(batch)} pairs from {batch.label} could not be measured")
        return 1
    return 0


def _label(end: dict[str, Any]) -> str:
    if end["id"] is None:
        return "point"
    if end.get("relative"):
        return f"{end['relative']['text']} (offset from {end['name']} [{end['id']}])"
    return f"{end['name']} [{end['id']}]"


def _print_text(record: dict[str, Any]) -> None:
    labels = [_label(record["from"]), _label(record["to"])]
    width = max(len(label) for label in labels)
    for title, end, label in zip(("from", "to"), (record["from"], record["to"]), labels, strict=True):
        print(f"{title + ':':6}{label:{width}}  {end['lat']:.5f}, {end['lon']:.5f}  ±{end['uncertainty_km']:g} km")
    km, u = record["km"], record["uncertainty_km"]
    span = f" ± {u:g} km ({record['km_min']:.1f} to {record['km_max']:.1f} km)" if u else ""
    if record["bearing_deg"] is None:
        print(f"{km:.1f} km{span}: the same point")
        return
    print(f"{km:.1f} km{span}, initial bearing {record['bearing_deg']:.1f}° ({record['direction']}); geodesic, WGS84")
