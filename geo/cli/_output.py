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


def write_table(rows: list[dict[str, Any]], fieldnames: list[str], stream: TextIO | None = None) -> None:
    """An aligned plain-text table: numbers right-aligned, text left-aligned."""

    def cell(value: Any) -> str:
        if value is None:
            return ""
        if isinstance(value, float):
            return f"{value:,.1f}"
        if isinstance(value, int) and not isinstance(value, bool):
            return f"{value:,}"
        return str(value)

    texts = [[cell(row.get(name)) for name in fieldnames] for row in rows]
    widths = [max([len(name)] + [len(t[i]) for t in texts]) for i, name in enumerate(fieldnames)]
    numeric = [all(isinstance(row.get(name), int | float) for row in rows) and bool(rows) for name in fieldnames]
    out = stream or sys.stdout

    def line(values: list[str]) -> str:
        parts = [v.rjust(w) if n else v.ljust(w) for v, w, n in zip(values, widths, numeric, strict=True)]
        return "  ".join(parts).rstrip()

    out.write(line(list(fieldnames)) + "\n")
    for values in texts:
        out.write(line(values) + "\n")
