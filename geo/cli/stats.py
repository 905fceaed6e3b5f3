"""``geo stats``: incidents and fatalities per region, cercle, country, hexagonal cell,
actor or event type, per period."""

from __future__ import annotations

import argparse
import sys

from .. import schema
from ..schema.vocab import LEVELS
from ._options import (
    ACTORS,
    EVERY,
    FROM_INCIDENTS,
    TO_INCIDENTS,
    add_output_options,
    add_records_options,
    load_gazetteer,
    load_records_of,
    split_list,
)
from ._output import (
    print_stats_rows,
    print_unplaced,
    range_text,
    write_csv,
    write_json_line,
)

# How geo stats names the parameters of geo.stats.intensity in its messages.
OPTION_NAMES = {
    "by": "--by",
    "period_rule": "--period-rule",
    "hex_resolution": "--hex-resolution",
    "max_uncertainty_km": "--max-uncertainty",
    "event_types": "--event-types",
    "countries": "--countries",
}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    parser.epilog = """Each row is a unit (a region, a cercle, a country, an H3 cell; an actor or an event
type) and a period with at least one incident: the incidents counted, and the sums of the
known fatality figures (low / best / high; "no best" counts the incidents without a best
figure). An incident is counted once, or not at all: one located only by a large area
(Mali, Ménaka region) or a wide uncertainty, or dated more loosely than the periods, is
reported as unplaced with its reason; a summary line on stderr says how many, with their
fatalities, and --unplaced lists them. The filters' exclusions are counted there too.

--by actor: an incident counts once for EACH actor involved (actor1, actor2 and every
associated actor), so the rows of a period add up to more than its incidents and deaths:
never add them up; the summary line counts each incident once. With --actors, only the
rows of those actors. --by event-type: one type per incident, rows add up.

Which period (--period-rule):
  interval  the period that holds the whole interval of dates; an incident whose interval
            spans several periods (2022-03-29/2022-04-04 in a monthly table) is never split
            nor forced into one: it is reported as unplaced (date_too_coarse), and counted,
            with its fatalities, in the summary line
  reported  the period that holds the middle day of the interval: ACLED's rule (an event
            counts in the month of its coded day; geo import writes ACLED's time precision
            2 as the coded day +-3 days, precision 3 as the month), so each incident counts
            in exactly one period; --from/--to then select by that middle day
  auto      (default) reported for incidents whose every source is a dataset (sources.csv
            kind dataset: acled, ucdp-ged), interval for the curated ones

Where: precision 1 and 2 ("near the place", within ~25 km) count at their point (the
dataset's point, at the named town), within the level's uncertainty limit (the place's
own); precision 3 (only the region known) counts for regions and countries only and is
reported unplaced for cercles and cells. The rules are in the documentation of geo.stats.

--json writes JSON Lines: one object per row ("unplaced": false), then one per unplaced
incident ("unplaced": true, with "reason" and "detail"). --csv writes the rows only (with
--unplaced, the unplaced incidents only).

examples:
  geo stats --by region --every year
  geo stats --by cercle --every quarter --from 2022 --to 2023 --csv > cercles.csv
  geo stats --by hex --hex-resolution 5 --every month --json
  geo stats --by cercle --unplaced              # which incidents were not placed, and why
  geo stats --by actor --every year --countries ML,BF
  geo stats --by event-type --every month --actors isgs,JNIM --period-rule reported --csv"""
    parser.add_argument(
        "--by",
        default="region",
        metavar="LEVEL",
        help=f"{', '.join(LEVELS)} (default: %(default)s); by actor an incident counts once for each actor involved",
    )
    EVERY.add(parser, each="the rows")
    parser.add_argument(
        "--period-rule",
        default="auto",
        metavar="RULE",
        help="which period an incident counts in: interval (the period holding its whole interval, else "
        "reported unplaced), reported (the period of its middle day, ACLED's rule), or auto: reported for "
        "incidents whose sources are all datasets, interval for the others (default: %(default)s)",
    )
    ACTORS.add(parser, note="an incident counts when one of its actors is listed")
    parser.add_argument(
        "--event-types",
        metavar="T1,T2",
        help="only incidents of these ACLED event types (Battles, Violence against civilians, ...; comma-separated)",
    )
    parser.add_argument(
        "--countries",
        metavar="ML,BF",
        help="only incidents in these countries (ISO2 codes, comma-separated): the country of the place, "
        "else of the point",
    )
    FROM_INCIDENTS.add(parser)
    TO_INCIDENTS.add(parser)
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
        "(default: 250 for countries, 100 for regions, 50 for cercles, the cells' edge length for hex)",
    )
    parser.add_argument("--unplaced", action="store_true", help="list the incidents not placed instead of the rows")
    add_output_options(parser, each="unit and period")
    add_records_options(parser)


def run(args: argparse.Namespace) -> int:
    import gc

    # Hundreds of thousands of incidents make millions of small objects that hold no reference
    # cycles (reference counting frees them): the cyclic collector, left on, walks them again and
    # again (a tenth of the run on 100,000 incidents) and finds nothing. It is off for the command,
    # and on again (when it was) once the command's objects are freed.
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _run(args)
    finally:
        if enabled:
            gc.enable()


def _run(args: argparse.Namespace) -> int:
    from .._input import finite_number, whole_number
    from ..stats import SPATIAL_LEVELS, UNPLACED_COLUMNS, check_options, intensity

    hex_resolution = max_uncertainty_km = None
    if args.hex_resolution is not None:
        hex_resolution = whole_number(args.hex_resolution, "--hex-resolution", low=-1000, high=1000)
    if args.max_uncertainty_km is not None:
        max_uncertainty_km = float(
            finite_number(
                args.max_uncertainty_km, "--max-uncertainty", low=0, high=20_000, hint="give kilometres, 0 to 20000"
            )
        )
    event_types = split_list(args.event_types, "--event-types", "such as Battles")
    countries = split_list(args.countries, "--countries", "ISO2 codes such as ML,BF")
    check_options(
        args.by,
        period_rule=args.period_rule,
        hex_resolution=hex_resolution,
        max_uncertainty_km=max_uncertainty_km,
        event_types=event_types,
        countries=countries,
        names=OPTION_NAMES,
    )
    every = EVERY.value(args)
    actors = ACTORS.value(args)
    start, end = FROM_INCIDENTS.value(args), TO_INCIDENTS.value(args)

    gazetteer = load_gazetteer(args)
    records = load_records_of(args, gazetteer)
    result = intensity(
        records,
        gazetteer,
        by=args.by,
        every=every,
        start=start,
        end=end,
        hex_resolution=hex_resolution,
        max_uncertainty_km=max_uncertainty_km,
        period_rule=args.period_rule,
        actors=None if actors is None else list(actors),
        event_types=event_types,
        countries=countries,
    )
    columns = result.columns
    if result.total == 0:
        if args.csv:
            write_csv([], list(UNPLACED_COLUMNS if args.unplaced else columns), raw=args.raw)
        line = f"geo stats: no incidents {range_text(start, end)}"
        left_out = {name: n for name, n in result.not_selected.items() if n}
        if left_out:
            detail = ", ".join(f"{n} by {name}" for name, n in left_out.items())
            line += f" selected by the filters ({sum(left_out.values())} left out: {detail})"
        print(line, file=sys.stderr)
        return 0

    rows = result.rows()
    unplaced = result.unplaced_rows()
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
            write_csv(rows, list(columns), raw=args.raw)
    elif args.unplaced:
        print_unplaced(unplaced)
    else:
        print_stats_rows(rows, spatial=args.by in SPATIAL_LEVELS)
    summary = f"geo stats: {result.summary()}"
    if unplaced and not (args.unplaced or args.json):
        summary += "; list them with --unplaced"
    print(summary, file=sys.stderr)
    return 0
