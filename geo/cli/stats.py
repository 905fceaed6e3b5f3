"""``geo stats``: incidents and fatalities per region, cercle or hexagonal cell, per period."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from ._output import (
    RAW_HELP,
    add_gazetteer_option,
    add_seeds_option,
    load_gazetteer,
    parse_day,
    print_table,
    write_csv,
    write_json_line,
)

# Kept here (not imported from geo.stats) so that `geo --help` imports nothing more.
BY = ("region", "cercle", "hex")
EVERY = ("month", "quarter", "year", "week", "day")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    parser.epilog = """Each row is a unit (a region, a cercle or an H3 cell) and a period with at least one
incident: the incidents counted, and the sums of the known fatality figures (low / best /
high; "no best" counts the incidents without a best figure). An incident is counted once,
or not at all: one located only by a large area (Mali, Ménaka region) or a wide
uncertainty, or dated more loosely than the periods (2022-03-07/2022-06 in a monthly
table), is reported as unplaced with its reason; a summary line on stderr says how many,
and --unplaced lists them. The placement rules are in the documentation of geo.stats.

--json writes JSON Lines: one object per row ("unplaced": false), then one per unplaced
incident ("unplaced": true, with "reason" and "detail"). --csv writes the rows only (with
--unplaced, the unplaced incidents only).

examples:
  geo stats --by region --every year
  geo stats --by cercle --every quarter --from 2022 --to 2023 --csv > cercles.csv
  geo stats --by hex --hex-resolution 5 --every month --json
  geo stats --by cercle --unplaced              # which incidents were not placed, and why"""
    parser.add_argument("--by", default="region", metavar="LEVEL", help=f"{', '.join(BY)} (default: %(default)s)")
    parser.add_argument("--every", default="month", metavar="PERIOD", help=f"{', '.join(EVERY)} (default: %(default)s)")
    parser.add_argument(
        "--from",
        dest="start",
        metavar="DATE",
        help="only incidents that may have happened on or after DATE's first day (EDTF: 2022, 2022-03, 2022-03-08)",
    )
    parser.add_argument(
        "--to",
        dest="end",
        metavar="DATE",
        help="only incidents that may have happened on or before DATE's last day (--to 2022: to 31 December)",
    )
    parser.add_argument(
        "--hex-resolution",
        metavar="N",
        help="H3 resolution of --by hex, 0 to 15 (default: 4, cells of about 1,770 km²)",
    )
    parser.add_argument(
        "--max-uncertainty",
        dest="max_uncertainty_km",
        metavar="KM",
        help="largest location uncertainty of an incident placed at a point "
        "(default: 100 for regions, 50 for cercles, the cells' edge length for hex)",
    )
    parser.add_argument("--unplaced", action="store_true", help="list the incidents not placed instead of the rows")
    output = parser.add_mutually_exclusive_group()
    output.add_argument("--json", action="store_true", help="JSON Lines output")
    output.add_argument("--csv", action="store_true", help="CSV output")
    parser.add_argument("--raw", action="store_true", help=RAW_HELP + " (with --csv)")
    add_seeds_option(parser)
    add_gazetteer_option(parser)


def run(args: argparse.Namespace) -> int:
    from .. import schema
    from .._validate import finite_number, whole_number
    from ..errors import InputError
    from ..periods import EVERY as PERIODS
    from ..stats import DEFAULT_HEX_RESOLUTION, LEVELS, ROW_COLUMNS, UNPLACED_COLUMNS, intensity

    if args.by not in LEVELS:
        raise InputError(f"--by {args.by!r}: unknown level; choose from {', '.join(LEVELS)}")
    if args.every not in PERIODS:
        raise InputError(f"--every {args.every!r}: unknown period; choose from {', '.join(PERIODS)}")
    if args.hex_resolution is not None and args.by != "hex":
        raise InputError(f"--hex-resolution applies to --by hex only, not to --by {args.by}")
    if args.hex_resolution is not None:
        from ..stats import _check_resolution

        args.hex_resolution = whole_number(args.hex_resolution, "--hex-resolution", low=-1000, high=1000)
        try:
            _check_resolution(args.hex_resolution)
        except InputError as error:
            raise InputError(f"--hex-resolution {args.hex_resolution}: {error}") from None
    if args.max_uncertainty_km is not None:
        args.max_uncertainty_km = float(
            finite_number(
                args.max_uncertainty_km, "--max-uncertainty", low=0, high=20_000, hint="give kilometres, 0 to 20000"
            )
        )
    start = parse_day(args.start, "--from", last=False)
    end = parse_day(args.end, "--to", last=True)

    from ..frames import load_records

    gazetteer = load_gazetteer(args)
    records = load_records(args.seeds, gazetteer=gazetteer)
    result = intensity(
        records,
        gazetteer,
        by=args.by,
        every=args.every,
        start=start,
        end=end,
        hex_resolution=args.hex_resolution if args.hex_resolution is not None else DEFAULT_HEX_RESOLUTION,
        max_uncertainty_km=args.max_uncertainty_km,
    )
    if result.total == 0:
        if args.csv:
            write_csv([], list(UNPLACED_COLUMNS if args.unplaced else ROW_COLUMNS), raw=args.raw)
        print(f"geo stats: no incidents {_range_text(start, end)}", file=sys.stderr)
        return 0

    rows = [_plain_row(row) for row in result.frame.drop(columns=result.frame.geometry.name).to_dict("records")]
    unplaced = [_plain_unplaced(row) for row in result.unplaced.to_dict("records")]
    if args.json:
        if not args.unplaced:
            for row in rows:
                write_json_line({**row, schema.UNPLACED: False})
        for row in unplaced:
            write_json_line({**row, schema.UNPLACED: True})
    elif args.csv:
        if args.unplaced:
            write_csv(unplaced, list(UNPLACED_COLUMNS), raw=args.raw)
        else:
            write_csv(rows, list(ROW_COLUMNS), raw=args.raw)
    elif args.unplaced:
        _print_unplaced(unplaced)
    else:
        _print_rows(rows)
    summary = f"geo stats: {result.summary()}"
    if unplaced and not (args.unplaced or args.json):
        summary += "; list them with --unplaced"
    print(summary, file=sys.stderr)
    return 0


def _range_text(start, end) -> str:
    if start and end:
        return f"between {start} and {end}"
    if start:
        return f"on or after {start}"
    if end:
        return f"on or before {end}"
    return "in the records"


def _plain_row(row: dict[str, Any]) -> dict[str, Any]:
    from .. import schema
    from ..export import plain_value

    plain = {key: plain_value(value) for key, value in row.items()}
    plain[schema.COUNTRY] = plain[schema.COUNTRY] or None
    plain[schema.AREA_KM2] = round(plain[schema.AREA_KM2], 1)
    plain[schema.INCIDENT_DENSITY] = round(plain[schema.INCIDENT_DENSITY], 3)
    return plain


def _plain_unplaced(row: dict[str, Any]) -> dict[str, Any]:
    from .. import schema
    from ..export import plain_value

    plain = {key: plain_value(value) for key, value in row.items()}
    plain[schema.PLACE] = plain[schema.PLACE] or None
    return plain


def _number(value: Any, digits: int = 0) -> str:
    if value is None:
        return "-"
    return f"{value:,.{digits}f}"


def _print_rows(rows: list[dict[str, Any]]) -> None:
    from .. import schema

    header = ["period", "unit", "name", "incidents", "low", "best", "high", "no best", "km²", "per 10k km²"]
    lines = [
        [
            row[schema.PERIOD],
            row[schema.UNIT_ID],
            row[schema.NAME],
            _number(row[schema.INCIDENTS]),
            _number(row[schema.FATALITIES_LOW]),
            _number(row[schema.FATALITIES_BEST]),
            _number(row[schema.FATALITIES_HIGH]),
            _number(row[schema.FATALITIES_BEST_MISSING]),
            _number(row[schema.AREA_KM2]),
            _number(row[schema.INCIDENT_DENSITY], 2),
        ]
        for row in rows
    ]
    print_table(header, lines, right=set(range(3, len(header))))


def _print_unplaced(rows: list[dict[str, Any]]) -> None:
    from .. import schema

    header = ["id", "date", "period", "reason", "detail"]
    lines = [
        [row[schema.ID], row[schema.DATE], row[schema.PERIOD] or "-", row[schema.REASON], row[schema.DETAIL]]
        for row in rows
    ]
    print_table(header, lines, right=set())
