"""``geo import``: turn an ACLED or UCDP export, or an analyst's own table, into incidents in the project's schema."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from ._options import OUT_INCIDENTS, SEEDS, SOURCE, add_gazetteer_options, load_gazetteer
from ._output import warn

DATASETS = ("acled", "ucdp", "csv")
# With --report, only this many rejected rows are also printed on stderr.
SHOWN_WITH_REPORT = 10
WHAT = {"acled": "ACLED export", "ucdp": "UCDP GED export", "csv": "table of incidents"}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    parser.epilog = """examples:
  geo import acled 2012-01-01-2024-12-31-Mali.csv --out my/incidents.csv
  geo import acled acled-api.json --out my/incidents.csv --report import-report.csv
  geo import ucdp GEDEvent_v24_1.csv --out ucdp/incidents.csv --report ucdp-report.csv
  geo import csv my-incidents.csv --out mine/incidents.csv --columns date=Date,place=Village,admin2=Cercle
  geo map --incidents my/incidents.csv --self-contained --out acled.html

ACLED: CSV or the API's JSON; dyadic (one row per event) or actor-based (one row per
actor: an event's rows become one incident with both actors); the column sets before
2019, 2019-2023 and since March 2023. UCDP: the versioned GED CSV, the download page's
CSV (best_est, month-first dates, trailing commas), Candidate Events, the API's JSON.
csv: an analyst's own table: a date and a place name (or latitude/longitude) are
enough; headers are recognised in English or French, or named with --columns.
The rules are in the documentation of geo.imports.

Beside --out the import also writes what the incidents need: actors.csv (an actor for
every name the atlas does not know, with a kind and a colour), claims.csv (ACLED's
territorial events: a place seized, regained or made a base), and for csv the table's
own row in sources.csv. Existing files there are extended, never replaced. Every
command that reads records then takes --incidents OUT.

Rows that cannot be used are not written: each is reported with its line, column,
value, what is wrong and how to fix it; rows read = written + rejected + merged.
--report FILE writes every rejected row, actor mapping, unresolved place and
disagreement (dataset point more than 10 km from the gazetteer's place) as CSV.

Exit status: 0 when every row was written, 1 when some were rejected (the output is
still written), 2 on usage errors (a missing file, a file that is not of that kind)."""
    parser.add_argument("dataset", choices=DATASETS, help="the kind of file: acled, ucdp, or csv (your own table)")
    parser.add_argument("file", metavar="FILE", type=Path, help="the export: a .csv file, or the API's .json")
    OUT_INCIDENTS.add(parser, required=True)
    parser.add_argument(
        "--report", metavar="REPORT.csv", type=str, help="write rejected rows, unresolved names and disagreements"
    )
    table = parser.add_argument_group("csv (your own table)")
    table.add_argument(
        "--columns",
        metavar="FIELD=HEADER,...",
        help="which column holds which field, e.g. date=Date,place=Village,admin2=Cercle "
        "(fields: date, place, latitude, longitude, country, admin1, admin2, fatalities, actor1, actor2, "
        "event_type, sub_event_type, precision, id, note, source)",
    )
    table.add_argument("--event-type", metavar="TYPE", help="the event type of rows that give none")
    SOURCE.add(table, each="the incidents", note="default: csv-<file name>, written too")
    add_gazetteer_options(parser)
    SEEDS.add(parser)
    parser.add_argument(
        "--progress",
        action="store_true",
        help="print the rows read and rows/s every 10,000 rows (the default when stderr is a TTY)",
    )


def progress_line(rows: int, seconds: float) -> str:
    """The progress line printed on stderr: rows read, and how fast.

    Examples
    --------
    >>> progress_line(250_000, 10.0)
    '  250,000 rows read (25,000 rows/s)'
    """
    rate = f" ({rows / seconds:,.0f} rows/s)" if seconds > 0 else ""
    return f"  {rows:,} rows read{rate}"


def run(args: argparse.Namespace) -> int:
    from .. import schema
    from ..actors import ActorIndex
    from ..errors import InputError
    from ..imports import (
        import_acled,
        import_table,
        import_ucdp,
        parse_columns,
        plan_outputs,
        write_beside,
        write_claims,
        write_incidents,
        write_report,
    )
    from ..imports.actors import import_actor_table

    what = WHAT[args.dataset]
    if args.dataset != "csv":
        for option in ("columns", "event_type", "source"):
            if getattr(args, option) is not None:
                raise InputError(f"--{option.replace('_', '-')} applies to 'geo import csv' only")
    columns = parse_columns(args.columns)
    if args.seeds is not None and not args.seeds.is_dir():
        raise InputError(f"--seeds {args.seeds}: not a folder; give the folder that holds actors.csv")
    if not args.file.is_file():
        why = "is a folder" if args.file.is_dir() else "no such file"
        raise InputError(f"{args.file}: {why}; give the path of the {what} (a .csv or .json file)")
    # Outputs are checked before any work: never an input, never each other, writable.
    plan = plan_outputs(args.out, source=args.file, what=what, seeds=args.seeds, report=args.report)
    args.out, args.report, beside = plan.out, plan.report, plan.beside
    actor_table = import_actor_table(args.seeds, args.out)
    actors = ActorIndex.from_table(actor_table)
    gazetteer = load_gazetteer(args)
    show_progress = args.progress or sys.stderr.isatty()
    started = time.perf_counter()

    def progress(rows: int) -> None:
        print(progress_line(rows, time.perf_counter() - started), file=sys.stderr, flush=True)

    every = progress if show_progress else None
    if args.dataset == "acled":
        # streamed: the incidents are written to --out as they are made
        result = import_acled(args.file, out=args.out, gazetteer=gazetteer, actors=actors, progress=every)
    elif args.dataset == "ucdp":
        result = import_ucdp(args.file, gazetteer=gazetteer, actors=actors, progress=every)
    else:
        result = import_table(
            args.file,
            columns=columns,
            event_type=args.event_type,
            source_id=args.source,
            gazetteer=gazetteer,
            actors=actors,
            progress=every,
        )
    report = result.report
    if args.dataset != "acled":
        write_incidents(result.incidents, args.out)
    written = [f"{report.rows_written:,} incidents to {args.out}"]
    if result.claims:
        write_claims(result.claims, beside[schema.CLAIMS_FILE])
        written.append(f"{len(result.claims):,} claims to {beside[schema.CLAIMS_FILE]}")
    for name, rows, label in (
        (schema.ACTORS_FILE, result.actors, "new actors"),
        (schema.SOURCES_FILE, result.sources, "sources"),
    ):
        if write_beside(args.out, name, rows) is not None:
            written.append(f"{len(rows):,} {label} to {beside[name]}")
    if args.report is not None:
        write_report(report, args.report)
    problems = report.problems
    shown = problems if args.report is None else problems[:SHOWN_WITH_REPORT]
    for problem in shown:
        warn(f"geo import: rejected: {problem}")
    if len(shown) < len(problems):
        warn(f"geo import: ... and {len(problems) - len(shown):,} more problems in {args.report}")
    warn(f"geo import: {report.summary()}")
    for line in written:
        warn(f"geo import: wrote {line}")
    if args.report is not None:
        warn(f"geo import: wrote {len(report.entries()):,} report entries to {args.report}")
    return 1 if report.rows_rejected else 0
