"""``geo report``: one self-contained HTML report (map, charts, incidents, sources)."""

from __future__ import annotations

import argparse
import sys
import time

from ._options import (
    EVERY,
    OUT_HTML,
    SEEDS,
    TITLE,
    add_gazetteer_options,
    add_influence_options,
    add_range_options,
    add_selection_options,
    load_gazetteer,
    load_records_of,
    record_inputs,
)
from ._selection import spec_from_args


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    parser.epilog = """The report is one HTML file that works offline and can be archived or mailed: a title and
a note on the method, the interactive map (time control, zones, incidents, popups with
their sources), a chart of the zone areas over time for each actor shown, a table of
the incidents in the range (date, place, actors, event type, deaths low/best/high,
sources, note) and the list of the sources cited, with their links. Every script and
style is inline; nothing is fetched over the network. Texts from the records are
escaped; only http(s) URLs become links.

examples:
  geo report --from 2022-01 --to 2023-04 --area ml-region-menaka --out menaka-report.html
  geo report --actors isgs,jnim --from 2022 --to 2023 --every quarter --out isgs-jnim.html
  geo report --from 2012 --to 2013 --bbox -6.5,13.5,4.5,21.5 --title "Northern Mali, 2012-2013" --out north.html
  geo report --incidents acled.csv --from 2023-01 --to 2023-06 --out acled-report.html"""
    OUT_HTML.add(parser, required=True)
    add_range_options(parser)
    add_selection_options(parser)
    TITLE.add(parser, each="report", note="default: Sahel conflict atlas: report")
    EVERY.add(parser, each="the charts")
    add_influence_options(parser)
    SEEDS.add(parser)
    add_gazetteer_options(parser)


def run(args: argparse.Namespace) -> int:
    from .._io import check_output
    from ..render.page import write_html
    from ..render.report import build_report

    began = time.perf_counter()
    inputs = record_inputs(args)
    args.out = check_output(args.out, option="--out", inputs=inputs)
    spec = spec_from_args(args)  # every option checked before any work
    gazetteer = load_gazetteer(args)
    spec.check(gazetteer)
    print("geo report: reading the records...", file=sys.stderr)
    records = load_records_of(args, gazetteer)
    spec.check(actors=records.actors)
    print(
        f"geo report: {len(records.incidents):,} incidents, {len(records.claims):,} claims; drawing...",
        file=sys.stderr,
    )
    page = build_report(records, gazetteer, spec)
    path = write_html(page, args.out)
    size = len(page.encode("utf-8"))
    print(f"wrote {path} ({size / 1e6:.1f} MB, {time.perf_counter() - began:.1f} s)", file=sys.stderr)
    return 0
