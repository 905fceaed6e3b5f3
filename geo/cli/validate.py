"""``geo validate``: check a seeds folder and report every problem with its file, line and column."""

from __future__ import annotations

import argparse
import sys

from ._output import add_gazetteer_option, add_seeds_option, load_gazetteer, load_seeds, write_json_line


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    parser.epilog = """Each problem is printed as FILE:LINE:COLUMN: value: what is wrong; how to fix it.
Exit status 0 when the records are clean, 1 when there are problems.

examples:
  geo validate                         # the bundled records
  geo validate --seeds ~/my-seeds      # your own files, same schema (seeds/README.md)
  geo validate --incidents acled.csv   # an incidents file (e.g. from geo import) with the bundled records
  geo validate --seeds ~/my-seeds --json | jq .message"""
    add_seeds_option(parser)
    parser.add_argument(
        "--incidents",
        metavar="FILE",
        help="check the incidents of FILE (the project's schema, e.g. from geo import) with the other records",
    )
    add_gazetteer_option(parser)
    parser.add_argument("--json", action="store_true", help="one JSON object per problem on stdout")


def run(args: argparse.Namespace) -> int:
    from ..validate import validate_seeds

    seeds = load_seeds(args)
    if args.incidents is not None:
        seeds = seeds.with_incidents(args.incidents)
    problems = validate_seeds(seeds, load_gazetteer(args))
    for problem in problems:
        if args.json:
            write_json_line(
                {
                    "file": problem.path,
                    "line": problem.line,
                    "column": problem.column,
                    "value": problem.value,
                    "message": problem.message,
                    "fix": problem.fix,
                }
            )
        else:
            print(problem, file=sys.stderr)
    counts = ", ".join(f"{len(table)} {table.name.removesuffix('.csv')}" for table in seeds.tables.values())
    where = f"{seeds.directory}" + (f" with the incidents of {seeds.incidents_file}" if seeds.incidents_file else "")
    if problems:
        print(f"{len(problems)} problem(s) in {where} ({counts})", file=sys.stderr)
        return 1
    print(f"{where}: all records valid ({counts})", file=sys.stderr)
    return 0
