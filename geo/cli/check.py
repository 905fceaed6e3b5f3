"""``geo check``: every assertion of the records checked against the gazetteer, the records and the zones."""

from __future__ import annotations

import argparse
import json
import sys
import textwrap
from typing import TYPE_CHECKING

from ._options import METHOD_EACH, add_output_options, add_records_options, load_gazetteer, load_seeds
from ._output import write_csv, write_json_line

if TYPE_CHECKING:
    from ..check import CheckResult

VERDICT_CHOICES = {"consistent": "consistent", "inconsistent": "inconsistent", "cannot-check": "cannot check"}
CSV_COLUMNS = [
    "id",
    "verdict",
    "quantity",
    "statement",
    "source",
    "claimed",
    "claimed_low",
    "claimed_high",
    "unit",
    "computed",
    "computed_low",
    "computed_high",
    "as_of",
    "explanation",
]
WIDTH = 100


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    parser.epilog = """Each assertion of assertions.csv gets a verdict: consistent, inconsistent or cannot check,
with the claim as read (exact figures are round figures: 75 -> 74.5-75.5; 'about' is +/-10 %
or that, whichever is wider), what the toolkit computes, and why. Areas and positions of an
actor's zone are computed under each influence method. The rules are in 'pydoc geo.check'.
Exit status 0 whatever the verdicts (they are findings); 1 when the records are not valid.

examples:
  geo check                                   # the bundled records, readable text
  geo check --json | jq 'select(.verdict == "inconsistent")'
  geo check --only asr-isgs-area-menaka asr-konna-mopti
  geo check --verdict inconsistent --method voronoi
  geo check --seeds ~/my-seeds --csv > checks.csv"""
    add_records_options(parser)
    add_output_options(parser, each="assertion", raw=False)
    METHOD_EACH.add(parser)
    parser.add_argument("--only", nargs="+", metavar="ID", help="check only these assertions (ids of assertions.csv)")
    parser.add_argument(
        "--verdict",
        action="append",
        choices=list(VERDICT_CHOICES),
        help="show only the assertions with this verdict (repeat for several)",
    )


def run(args: argparse.Namespace) -> int:
    """Load the records, check them in the library, print the results and a summary on stderr."""
    from ..check import DEFAULT_METHODS, VERDICTS, check_assertions
    from ..errors import RecordsError
    from ..records import load_records

    seeds = load_seeds(args)
    gazetteer = load_gazetteer(args)
    try:
        records = load_records(seeds, gazetteer=gazetteer)
    except RecordsError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        where = f"{seeds.directory}" + (
            f" with the incidents of {seeds.incidents_file}" if seeds.incidents_file else ""
        )
        command = f"geo validate --seeds {seeds.directory}" + (
            f" --incidents {seeds.incidents_file}" if seeds.incidents_file else ""
        )
        print(f"geo check: {len(error.problems)} problem(s) in {where}; fix them first ({command})", file=sys.stderr)
        return 1
    results = check_assertions(records, gazetteer, methods=args.method or DEFAULT_METHODS, ids=args.only)
    wanted = {VERDICT_CHOICES[v] for v in args.verdict} if args.verdict else set(VERDICTS)
    shown = [result for result in results if result.verdict in wanted]
    if args.json:
        for result in shown:
            write_json_line(result.to_dict())
    elif args.csv:
        rows = []
        for result in shown:
            row = result.to_dict()
            if isinstance(row["computed"], dict):
                row["computed"] = json.dumps(row["computed"])
            rows.append(row)
        write_csv(rows, CSV_COLUMNS)
    else:
        for result in shown:
            print(_text(result))
    counts = {verdict: sum(1 for r in results if r.verdict == verdict) for verdict in VERDICTS}
    summary = f"{len(results)} assertion{'s' if len(results) != 1 else ''}: " + ", ".join(
        f"{n} {verdict}" for verdict, n in counts.items()
    )
    if len(shown) != len(results):
        summary += f" ({len(shown)} shown)"
    print(summary, file=sys.stderr)
    return 0


def _text(result: CheckResult) -> str:
    """One block per assertion: the verdict, the claim, what was computed and why."""
    where = ", ".join(part for part in (result.source, result.date) if part)
    lines = [
        f"{result.id}: {result.verdict.upper()}",
        f"  {result.statement} [{where}]" if where else f"  {result.statement}",
        f"  claimed:  {result.claimed}",
        f"  computed: {result.computed_text or '-'}"
        + (f" (zones on {result.as_of.isoformat()})" if result.as_of else ""),
    ]
    lines += textwrap.wrap(result.explanation, WIDTH, initial_indent="  ", subsequent_indent="  ")
    return "\n".join(lines) + "\n"
