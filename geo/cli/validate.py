"""``geo validate``: check a seeds folder and report every problem with its file, line and column."""

from __future__ import annotations

import argparse
import sys

from ._options import (
    INCIDENTS_CHECKED,
    JSON_LINES,
    SEEDS,
    add_gazetteer_options,
    load_gazetteer,
    load_seeds,
    record_inputs,
)
from ._output import write_csv, write_json_line


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    parser.epilog = """Each problem is printed as FILE:LINE:COLUMN: value: what is wrong; how to fix it.
Exit status 0 when the records are clean, 1 when there are problems.

Records imported from a dataset (ids acled-..., ucdp-...) with different ids are
different events. Incidents of different datasets (ACLED, UCDP, curated) that share an
actor, lie within 2 days and 5 km of each other are likely one event: they are counted
(never a problem), and --duplicates FILE.csv lists the pairs for review.

examples:
  geo validate                         # the bundled records
  geo validate --seeds ~/my-seeds      # your own files, same schema (seeds/README.md)
  geo validate --incidents acled.csv   # an incidents file (e.g. from geo import) with the bundled records
  geo validate --seeds ~/my-seeds --json | jq .message
  geo validate --incidents all-incidents.csv --duplicates pairs.csv"""
    SEEDS.add(parser)
    INCIDENTS_CHECKED.add(parser)
    parser.add_argument(
        "--duplicates",
        metavar="FILE.csv",
        help="write the incidents of different datasets that are likely one event (pairs, for review) as CSV",
    )
    add_gazetteer_options(parser)
    JSON_LINES.add(parser, each="problem")


def run(args: argparse.Namespace) -> int:
    from .._io import check_output
    from ..validate import DUPLICATE_COLUMNS, likely_duplicates, validate_seeds

    if args.duplicates is not None:
        args.duplicates = check_output(args.duplicates, option="--duplicates", inputs=record_inputs(args))
    seeds = load_seeds(args)
    gazetteer = load_gazetteer(args)
    problems = validate_seeds(seeds, gazetteer)
    for problem in problems:
        if args.json:
            write_json_line(problem.to_dict())
        else:
            print(problem, file=sys.stderr)
    counts = seeds.summary()
    where = f"{seeds.directory}" + (f" with the incidents of {seeds.incidents_file}" if seeds.incidents_file else "")
    pairs = likely_duplicates(seeds, gazetteer)
    if pairs or args.duplicates is not None:
        written = ""
        if args.duplicates is not None:
            with open(args.duplicates, "w", encoding="utf-8", newline="") as handle:
                write_csv([pair.as_row() for pair in pairs], list(DUPLICATE_COLUMNS), handle)
            written = f"; listed in {args.duplicates}"
        else:
            written = "; --duplicates FILE.csv lists them"
        print(
            f"{len(pairs)} pair(s) of incidents of different datasets are likely one event (not a problem{written})",
            file=sys.stderr,
        )
    if problems:
        print(f"{len(problems)} problem(s) in {where} ({counts})", file=sys.stderr)
        return 1
    print(f"{where}: all records valid ({counts})", file=sys.stderr)
    return 0
