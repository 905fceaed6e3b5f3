"""``geo geocode``: resolve place names, one per argument or one per row of a CSV file."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from ._options import BATCH, COUNTRY, DATE, add_gazetteer_options, add_output_options, load_gazetteer
from ._output import warn, write_csv, write_json_line

CSV_FIELDS = [
    "row",
    "query",
    "status",
    "id",
    "name",
    "lat",
    "lon",
    "score",
    "uncertainty_km",
    "kind",
    "country",
    "admin1",
    "admin2",
    "tier",
    "source",
    "geonames_id",
    "same_place",
    "reason",
]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    parser.epilog = """examples:
  geo geocode Ménaka Manaka Menka
  geo geocode Sokolo --admin1 Ségou
  geo geocode Kouna --admin1 Mopti --admin2 Mopti
  geo geocode Toubani --near Tessit --json
  geo geocode "75 km north of Ménaka" "Douentza 30km N"
  geo geocode --batch incidents.csv --json > resolved.jsonl

Batch files are UTF-8 CSV (comma, semicolon or tab) with a 'query' column and
optional 'country', 'admin1', 'admin2', 'admin3', 'near' and 'date' columns; the
options below fill cells left empty. One result per row, in input order.

admin1 is read as a region, admin2 as a cercle (a department in Niger, a province
in Burkina Faso), admin3 as a commune: "Mopti" as admin2 is the Mopti cercle, not
the region. With a date, an area whose outline changed (Mali's 2016 and 2023
reforms) is taken in the outline of that day; without one, in any era's.

Exit status: 0 when every query was resolved, 1 when some could not be (a message
per query on stderr; with --json the line has null coordinates and the candidates),
2 on usage errors."""
    parser.add_argument("queries", nargs="*", metavar="QUERY", help="place names or relative locations")
    BATCH.add(parser, each="queries, in a 'query' column")
    COUNTRY.add(parser, each="the country the place lies in")
    parser.add_argument("--admin1", metavar="NAME", help="region the place lies in (any spelling, old or new)")
    parser.add_argument(
        "--admin2", metavar="NAME", help="cercle (Mali), department (Niger) or province (Burkina Faso) it lies in"
    )
    parser.add_argument("--admin3", metavar="NAME", help="commune it lies in (its chief town, within 25 km)")
    DATE.add(parser, each="the day the context refers to, for areas whose outline changed")
    parser.add_argument("--near", metavar="PLACE", help="a place name or 'LAT,LON' the place is near")
    add_output_options(parser, each="query")
    parser.add_argument(
        "--candidates", action="store_true", help="list the candidates considered, even for confident answers"
    )
    add_gazetteer_options(parser)


def run(args: argparse.Namespace) -> int:
    from ..errors import InputError

    if args.batch and args.queries:
        raise InputError("give queries as arguments or with --batch, not both")
    if not args.batch and not args.queries:
        raise InputError("nothing to geocode: give one or more queries, or --batch FILE")
    # Check the shared options once, before any work: a bad one is a usage error.
    if args.country:
        COUNTRY.value(args)
    from .._input import parse_coordinates

    if args.near:
        try:
            parse_coordinates(args.near)  # a point that is not finite, or out of range
        except InputError as error:
            raise InputError(f"--near {error}") from None
    DATE.value(args)
    gazetteer = load_gazetteer(args)
    if args.batch:
        from ..batch import read_batch

        rows: list[Any] = read_batch(args.batch)
        source = str(args.batch)
    else:
        rows = list(args.queries)
        source = "arguments"
    from ..batch import geocode_rows

    answers = geocode_rows(
        gazetteer,
        rows,
        with_candidates=args.candidates,
        **{key: getattr(args, key) for key in ("country", "admin1", "admin2", "admin3", "near", "date")},
    )
    failures = 0
    records = []
    show_progress = sys.stderr.isatty() and len(rows) >= 500
    for number, record in enumerate(answers, start=1):
        query = record["query"]
        where = f"line {record['row']}: " if "row" in record else ""
        if record["status"] != "ok":
            failures += 1
            warn(f"geo geocode: {where}{query!r}: {record['status'].replace('_', ' ')}: {record.get('reason', '')}")
        for message in record.get("warnings", []):
            warn(f"geo geocode: {where}{query!r}: warning: {message}")
        records.append(record)
        if args.json:
            write_json_line(record)
        elif not args.csv:
            _print_text(record)
        if show_progress and number % 500 == 0:
            print(f"  {number:,}/{len(rows):,} rows", file=sys.stderr)
    if args.csv:
        for record in records:
            record["same_place"] = "|".join(record.get("same_place", ()))
        write_csv(records, CSV_FIELDS, raw=args.raw)
    if failures:
        warn(f"geo geocode: {failures} of {len(rows)} queries from {source} could not be resolved")
    return 1 if failures else 0


def _print_text(record: dict[str, Any]) -> None:
    query = record["query"]
    if record["status"] == "ok":
        place = f"{record['name']} [{record['id']}]"
        where = ", ".join(p for p in (record.get("admin2"), record.get("admin1"), record.get("country")) if p)
        relative = f"  ({record['relative']['text']})" if record.get("relative") else ""
        print(
            f"{query}\t{place}\t{record['lat']:.5f}, {record['lon']:.5f}\t±{record['uncertainty_km']:g} km\t"
            f"{record['kind']}, {where}\tscore {record['score']:.2f}{relative}"
        )
        for candidate in record.get("candidates", [])[1:]:
            print(f"\t  also: {candidate['name']} [{candidate['id']}] {candidate['lat']:.4f}, {candidate['lon']:.4f}")
    else:
        print(f"{query}\t{record['status'].replace('_', ' ')}")
        for candidate in record.get("candidates", []):
            where = ", ".join(
                p for p in (candidate.get("admin2"), candidate.get("admin1"), candidate.get("country")) if p
            )
            print(
                f"\t  candidate: {candidate['name']} [{candidate['id']}] {candidate['lat']:.4f}, "
                f"{candidate['lon']:.4f} ({candidate['kind']}, {where})"
            )
