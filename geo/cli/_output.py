"""Shared helpers of the subcommands: output formats and the gazetteer option."""

from __future__ import annotations

import argparse
import csv
import json
import sys
from pathlib import Path
from typing import Any, TextIO


def add_gazetteer_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--gazetteer",
        metavar="DIR",
        type=Path,
        help="use the gazetteer in DIR (places.csv, optional areas.geojson and reference/) instead of the bundled one",
    )


def load_gazetteer(args: argparse.Namespace):
    from ..gazetteer import Gazetteer

    return Gazetteer.load(args.gazetteer)


def write_json_line(record: dict[str, Any], stream: TextIO | None = None) -> None:
    (stream or sys.stdout).write(json.dumps(record, ensure_ascii=False, separators=(", ", ": ")) + "\n")


def write_csv(rows: list[dict[str, Any]], fieldnames: list[str], stream: TextIO | None = None) -> None:
    writer = csv.DictWriter(stream or sys.stdout, fieldnames=fieldnames, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: ("" if v is None else v) for k, v in row.items()})


def warn(message: str) -> None:
    print(message, file=sys.stderr)


def add_seeds_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--seeds",
        metavar="DIR",
        type=Path,
        help="read the records in DIR (incidents.csv, claims.csv...; sources.csv and actors.csv default to the bundled "
        "ones) instead of the bundled records",
    )


def load_seeds(args: argparse.Namespace):
    from ..records import Seeds

    return Seeds.load(args.seeds)
