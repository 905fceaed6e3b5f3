"""``geo geocode``: resolve place names, one per argument or one per row of a CSV file."""

from __future__ import annotations

import argparse
import csv
import io
import re
import sys
from pathlib import Path
from typing import Any

from ._output import RAW_HELP, add_gazetteer_option, load_gazetteer, warn, write_csv, write_json_line

BATCH_COLUMNS = ("query", "country", "admin1", "admin2", "admin3", "near", "date")
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
    parser.add_argument("--batch", metavar="FILE", type=Path, help="CSV file with a 'query' column ('-' for stdin)")
    parser.add_argument("--country", metavar="CC", help="ISO code or name of the country (ML, Niger...)")
    parser.add_argument("--admin1", metavar="NAME", help="region the place lies in (any spelling, old or new)")
    parser.add_argument(
        "--admin2", metavar="NAME", help="cercle (Mali), department (Niger) or province (Burkina Faso) it lies in"
    )
    parser.add_argument("--admin3", metavar="NAME", help="commune it lies in (its chief town, within 25 km)")
    parser.add_argument(
        "--date", metavar="DATE", help="the day (or 2014-05, 2014) the context refers to, for areas that changed"
    )
    parser.add_argument("--near", metavar="PLACE", help="a place name or 'LAT,LON' the place is near")
    output = parser.add_mutually_exclusive_group()
    output.add_argument("--json", action="store_true", help="JSON Lines output: one object per query")
    output.add_argument("--csv", action="store_true", help="CSV output: one row per query")
    parser.add_argument("--raw", action="store_true", help=RAW_HELP + " (with --csv)")
    parser.add_argument(
        "--candidates", action="store_true", help="list the candidates considered, even for confident answers"
    )
    add_gazetteer_option(parser)


def _read_batch(path: Path) -> list[dict[str, Any]]:
    """Read the batch file into rows, each with its line number and any problem.

    A file that cannot be used at all (unreadable, empty, no ``query`` column) raises
    InputError; a row that cannot be decoded is kept, with its problem, so that every
    other row is still answered.
    """
    from .._validate import MAX_DOCUMENT_BYTES, check_input_file, csv_error_message, csv_field_limit, read_limited
    from ..errors import InputError

    label = "standard input" if str(path) == "-" else str(path)
    if str(path) != "-":
        try:
            check_input_file(path, what="batch file (a .csv file with a 'query' column)", limit=MAX_DOCUMENT_BYTES)
        except InputError as error:
            raise InputError(f"cannot read the batch file: {error}") from None
    try:
        if str(path) == "-":
            data = read_limited(sys.stdin.buffer, label=label, what="batch file", limit=MAX_DOCUMENT_BYTES)
        else:
            data = path.read_bytes()
    except OSError as error:
        raise InputError(f"cannot read the batch file {label}: {error.strerror}") from None
    # Bytes that are not UTF-8 become lone surrogates, reported on their row below (a
    # real U+FFFD in the text is accepted); the same whether from a file or stdin.
    text = data.decode("utf-8-sig", errors="surrogateescape")
    if not text.strip():
        raise InputError(f"the batch file {label} is empty: it needs a header line with a 'query' column")
    first_line = text.splitlines()[0]
    delimiter = max(",;\t", key=first_line.count) if any(d in first_line for d in ",;\t") else ","
    csv_field_limit()
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        fields = [f.strip().lower() for f in (reader.fieldnames or [])]
    except csv.Error as error:
        _line, message, fix = csv_error_message(error, start=1, last=reader.line_num)
        raise InputError(f"{label}, line 1: {message}; {fix}") from None
    if "query" not in fields:
        raise InputError(
            f"{label}, line 1: no 'query' column (found {', '.join(repr(f) for f in fields) or 'nothing'}); "
            f"the header must name a 'query' column, and may name {', '.join(BATCH_COLUMNS[1:])}"
        )
    twice = sorted({f for f in fields if f in BATCH_COLUMNS and fields.count(f) > 1})
    if twice:
        raise InputError(
            f"{label}, line 1: column(s) named twice: {', '.join(twice)}; keep one of each "
            "(which one holds the data cannot be guessed)"
        )
    reader.fieldnames = fields
    rows = []
    line = 2
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            where, message, fix = csv_error_message(error, start=line, last=reader.line_num)
            raise InputError(f"{label}, line {where}: {message}; {fix}") from None
        start, line = reader.line_num, reader.line_num + 1
        problem = None
        if None in row or None in row.values():
            problem = (
                f"{label}, line {start}: the row has {'more' if None in row else 'fewer'} cells than the header "
                f"({len(fields)}); quote cells that contain the separator and check for missing or extra ones"
            )
        cells = {k: (v or "").strip() for k, v in row.items() if k in BATCH_COLUMNS}
        bad = [k for k, v in cells.items() if re.search("[\udc80-\udcff]", v)]
        cells = {k: v.encode("utf-8", "surrogateescape").decode("utf-8", "replace") for k, v in cells.items()}
        if bad and problem is None:
            problem = (
                f"{label}, line {start}, column {bad[0]!r}: the text is not valid UTF-8 "
                f"({cells[bad[0]]!r}, bytes shown as U+FFFD); save the file as UTF-8"
            )
        rows.append({"row": start, "cells": cells, "problem": problem})
    return rows


def run(args: argparse.Namespace) -> int:
    from ..errors import GeoError, InputError

    if args.batch and args.queries:
        raise InputError("give queries as arguments or with --batch, not both")
    if not args.batch and not args.queries:
        raise InputError("nothing to geocode: give one or more queries, or --batch FILE")
    # Check the shared options once, before any work: a bad one is a usage error.
    if args.country:
        from ..countries import country_code

        country_code(args.country)
    from .._validate import parse_coordinates

    if args.near:
        try:
            parse_coordinates(args.near)  # a point that is not finite, or out of range
        except InputError as error:
            raise InputError(f"--near {error}") from None
    if args.date:
        from ..dates import parse_date

        try:
            parse_date(args.date)
        except InputError as error:
            raise InputError(f"--date {error}") from None
    gazetteer = load_gazetteer(args)
    if args.batch:
        rows = _read_batch(args.batch)
        source = str(args.batch)
    else:
        rows = [{"row": None, "cells": {"query": q}, "problem": None} for q in args.queries]
        source = "arguments"
    failures = 0
    records = []
    show_progress = sys.stderr.isatty() and len(rows) >= 500
    for number, row in enumerate(rows, start=1):
        cells = row["cells"]
        query = cells.get("query", "")
        where = f"line {row['row']}: " if row["row"] is not None else ""
        record: dict[str, Any]
        problem = row["problem"]
        if problem is None and query:
            try:  # "nan,nan" is a point that is not finite, not the village of Nanan
                parse_coordinates(query)
            except InputError as error:
                problem = str(error)
        if problem:
            record = {"query": query, "status": "error", "lat": None, "lon": None, "reason": problem}
        else:
            try:
                resolution = gazetteer.lookup(
                    query,
                    country=cells.get("country") or args.country,
                    admin1=cells.get("admin1") or args.admin1,
                    admin2=cells.get("admin2") or args.admin2,
                    admin3=cells.get("admin3") or args.admin3,
                    near=cells.get("near") or args.near,
                    on=cells.get("date") or args.date,
                )
                record = resolution.to_dict(with_candidates=args.candidates)
            except GeoError as error:
                record = {"query": query, "status": "error", "lat": None, "lon": None, "reason": str(error)}
        if row["row"] is not None:
            record = {"row": row["row"], **record}
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
