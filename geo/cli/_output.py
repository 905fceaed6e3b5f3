"""Shared helpers of the subcommands: output formats and the gazetteer option."""

from __future__ import annotations

import argparse
import csv
import json
import sys
from pathlib import Path
from typing import IO, Any, TextIO


def add_gazetteer_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--gazetteer",
        metavar="DIR",
        type=Path,
        help="use the gazetteer in DIR (places.csv, optional areas.geojson and reference/) instead of the bundled one",
    )
    parser.add_argument(
        "--no-osm",
        dest="osm",
        action="store_false",
        help="leave out the OpenStreetMap tier (ODbL) of the gazetteer: GeoNames and curated places only",
    )


def load_gazetteer(args: argparse.Namespace):
    from ..gazetteer import Gazetteer

    return Gazetteer.load(args.gazetteer, osm=getattr(args, "osm", True))


def write_json_line(record: dict[str, Any], stream: TextIO | None = None) -> None:
    """One JSON object on a line; on a stream that cannot write every character (an
    ASCII terminal), with ``\\u`` escapes, so that the line stays valid JSON."""
    out = stream or sys.stdout
    ascii_only = not _writes_unicode(out)
    out.write(json.dumps(record, ensure_ascii=ascii_only, separators=(", ", ": ")) + "\n")


def _writes_unicode(stream: TextIO) -> bool:
    encoding = getattr(stream, "encoding", None) or "utf-8"
    try:
        "é—\u2082".encode(encoding)
    except (UnicodeEncodeError, LookupError):
        return False
    return True


def write_csv(
    rows: list[dict[str, Any]], fieldnames: list[str], stream: IO[str] | None = None, *, raw: bool = False
) -> None:
    """Rows as CSV; text cells a spreadsheet would run as formulas start with ``'`` unless ``raw``."""
    from .._io import spreadsheet_safe

    writer = csv.DictWriter(stream or sys.stdout, fieldnames=fieldnames, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: ("" if v is None else v if raw else spreadsheet_safe(v)) for k, v in row.items()})


# The help of the --raw option of the commands that write CSV for spreadsheets.
RAW_HELP = "write CSV cells exactly, without the leading apostrophe that keeps formulas from running in spreadsheets"


def warn(message: str) -> None:
    print(message, file=sys.stderr)


def add_seeds_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--seeds",
        metavar="DIR",
        type=Path,
        help="read the records in DIR (incidents.csv, claims.csv...; its sources.csv and actors.csv extend the "
        "bundled ones, its rows winning over bundled rows of the same id) instead of the bundled records",
    )


# The help of --incidents, for every command that reads records.
INCIDENTS_HELP = (
    "incidents from this CSV (the project's schema, e.g. from geo import), or from a GeoParquet file or folder "
    "(e.g. from geo export --format parquet; needs pyarrow), instead of the records' own; "
    "the actors.csv and sources.csv beside it (in the folder), if any, extend the bundled ones"
)


def add_incidents_option(parser: argparse.ArgumentParser, help: str = INCIDENTS_HELP) -> None:
    """``--incidents FILE``: the one definition every command that reads records shares."""
    parser.add_argument("--incidents", type=Path, metavar="FILE", help=help)


def load_seeds(args: argparse.Namespace):
    """The records of ``--seeds`` (default: the bundled ones), with the incidents of
    ``--incidents`` (and the actors and sources beside it) when the command has it."""
    return read_seeds(args.seeds, getattr(args, "incidents", None))


def read_seeds(seeds_dir, incidents_file=None):
    """The records of ``seeds_dir``, with the incidents of ``incidents_file`` if given
    (:meth:`geo.seeds.Seeds.with_incidents`)."""
    from ..seeds import Seeds

    seeds = Seeds.load(seeds_dir)
    if incidents_file is not None:
        seeds = seeds.with_incidents(incidents_file)
    return seeds


def load_records_of(args: argparse.Namespace, gazetteer):
    """Valid records for a command (:func:`load_seeds`, then :func:`geo.records.load_records`);
    a :class:`~geo.errors.RecordsError` names ``--incidents FILE`` when one was given."""
    from ..records import load_records

    return load_records(load_seeds(args), gazetteer=gazetteer)


def record_inputs(args: argparse.Namespace) -> list[tuple[str, Path]]:
    """Every file a command's records are read from, for :func:`geo._io.check_output`'s ``inputs``."""
    from ..seeds import Seeds, beside_folder, parquet_files

    found: list[tuple[str, Path]] = [("records file", path) for path in Seeds.paths(args.seeds).values()]
    incidents = getattr(args, "incidents", None)
    if incidents is not None:
        found.append(("--incidents", Path(incidents)))
        if Path(incidents).is_dir():
            found.extend(("--incidents", path) for path in parquet_files(incidents))
        beside = ("actors.csv", "sources.csv", "claims.csv")
        found.extend(("records file", beside_folder(incidents) / name) for name in beside)
    return found


def print_table(header: list[str], lines: list[list[str]], right: set[int], stream: TextIO | None = None) -> None:
    """Cells already formatted as text, in aligned columns; columns in ``right`` right-aligned."""
    out = stream or sys.stdout
    widths = [max(len(cells[i]) for cells in [header, *lines]) for i in range(len(header))]
    for cells in [header, *lines]:
        parts = [
            cell.rjust(w) if i in right else cell.ljust(w)
            for i, (cell, w) in enumerate(zip(cells, widths, strict=True))
        ]
        out.write("  ".join(parts).rstrip() + "\n")


def write_table(rows: list[dict[str, Any]], fieldnames: list[str], stream: TextIO | None = None) -> None:
    """Rows as an aligned plain-text table: numbers right-aligned with thousands separators."""

    def cell(value: Any) -> str:
        if value is None:
            return ""
        if isinstance(value, float):
            return f"{value:,.1f}"
        if isinstance(value, int) and not isinstance(value, bool):
            return f"{value:,}"
        return str(value)

    lines = [[cell(row.get(name)) for name in fieldnames] for row in rows]
    right = {
        i for i, name in enumerate(fieldnames) if rows and all(isinstance(row.get(name), int | float) for row in rows)
    }
    print_table(list(fieldnames), lines, right, stream)


def parse_day(text: str | None, option: str, *, last: bool):
    """The first (``--from``) or last (``--to``, ``--at``) day of an EDTF date given on
    the command line; ``None`` when the option was not given.

    Examples
    --------
    >>> parse_day("2022", "--to", last=True), parse_day("2022-03", "--from", last=False)
    (datetime.date(2022, 12, 31), datetime.date(2022, 3, 1))
    """
    if text is None:
        return None
    from ..dates import parse_date
    from ..errors import InputError

    try:
        span = parse_date(text)
    except InputError as error:
        raise InputError(f"{option}: {error}") from None
    day = span.latest if last else span.earliest
    if day is None:
        raise InputError(f"{option} {text!r} has no {'last' if last else 'first'} day; give a date such as 2022-03")
    return day
