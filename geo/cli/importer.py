"""``geo import``: turn an ACLED or UCDP GED export into incidents in the project's schema."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ._output import add_gazetteer_option, add_seeds_option, load_gazetteer, warn

DATASETS = ("acled", "ucdp")
# With --report, only this many rejected rows are also printed on stderr.
SHOWN_WITH_REPORT = 10


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    parser.epilog = """examples:
  geo import acled 2012-01-01-2024-12-31-Mali.csv --out acled-incidents.csv
  geo import acled mali.csv --out incidents.csv --report import-report.csv --seeds my-seeds
  geo import ucdp GEDEvent_v24_1.csv --out ucdp-incidents.csv --report ucdp-report.csv

ACLED: both the older column set (data_id, event_id_no_cnty, iso3; event types used
before 2019) and the one since March 2023 (disorder_type, civilian_targeting, tags).
Required columns: event_id_cnty, event_date, event_type, actor1, location, latitude,
longitude. UCDP GED: id, date_start, date_end, type_of_violence, side_a, where_prec,
latitude, longitude, best. The rules (dates per time_precision, event types, actors,
places within 10 km of the dataset's point) are in the documentation of geo.imports.

Rows that cannot be used are not written: each is reported with its line, column,
value, what is wrong and how to fix it, and rows read = rows written + rows rejected.
--report FILE writes every rejected row, unresolved actor and place, and disagreement
(dataset point more than 10 km from the gazetteer's place) as CSV: kind, line,
column, value, message.

Exit status: 0 when every row was written, 1 when some were rejected (the output is
still written), 2 on usage errors (a missing file, a file that is not an export of
that dataset)."""
    parser.add_argument("dataset", choices=DATASETS, help="the dataset the file was exported from")
    parser.add_argument("file", metavar="FILE", type=Path, help="the export, a CSV file")
    parser.add_argument("--out", metavar="OUT.csv", type=str, required=True, help="incidents.csv to write")
    parser.add_argument(
        "--report", metavar="REPORT.csv", type=str, help="write rejected rows, unresolved names and disagreements"
    )
    add_gazetteer_option(parser)
    add_seeds_option(parser)
    parser.add_argument(
        "--progress", action="store_true", help="print progress every 10,000 rows (the default when stderr is a TTY)"
    )


def run(args: argparse.Namespace) -> int:
    from .._io import check_output
    from ..actors import ActorIndex
    from ..errors import InputError
    from ..imports import import_acled, import_ucdp, write_incidents, write_report
    from ..records import Seeds

    if args.seeds is not None and not args.seeds.is_dir():
        raise InputError(f"--seeds {args.seeds}: not a folder; give the folder that holds actors.csv")
    if not args.file.is_file():
        what = "is a folder" if args.file.is_dir() else "no such file"
        raise InputError(f"{args.file}: {what}; give the path of the {args.dataset.upper()} export (a .csv file)")
    # outputs are checked before any work: never an input, never each other, writable
    # (of the records folder only actors.csv is used: --out my-seeds/incidents.csv is fine)
    inputs = [(f"{args.dataset.upper()} export", args.file), ("actor list", Seeds.paths(args.seeds).get("actors.csv"))]
    args.out = check_output(args.out, option="--out", inputs=inputs)
    args.report = check_output(args.report, option="--report", inputs=inputs, outputs=[("--out", args.out)])
    actor_table = Seeds.load(args.seeds).actors
    actors = ActorIndex.from_table(actor_table)
    if not len(actors):
        warn(f"geo import: warning: the actor list ({actor_table.path}) is empty: every actor name is kept verbatim")
    gazetteer = load_gazetteer(args)
    show_progress = args.progress or sys.stderr.isatty()

    def progress(rows: int) -> None:
        print(f"  {rows:,} rows read", file=sys.stderr, flush=True)

    reader = import_acled if args.dataset == "acled" else import_ucdp
    result = reader(args.file, gazetteer=gazetteer, actors=actors, progress=progress if show_progress else None)
    report = result.report
    write_incidents(result.incidents, args.out)
    if args.report is not None:
        write_report(report, args.report)
    problems = report.problems
    shown = problems if args.report is None else problems[:SHOWN_WITH_REPORT]
    for problem in shown:
        warn(f"geo import: rejected: {problem}")
    if len(shown) < len(problems):
        warn(f"geo import: ... and {len(problems) - len(shown):,} more problems in {args.report}")
    warn(f"geo import: {report.summary()}")
    warn(f"geo import: wrote {report.rows_written:,} incidents to {args.out}")
    if args.report is not None:
        warn(f"geo import: wrote {len(report.entries()):,} report entries to {args.report}")
    return 1 if report.rows_rejected else 0
