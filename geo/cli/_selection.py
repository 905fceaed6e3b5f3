"""Options shared by the commands that draw records (map, snapshot, report): which
actors, which extent, which incidents; and reading the records they name."""

from __future__ import annotations

import argparse
from pathlib import Path


def add_selection_options(parser: argparse.ArgumentParser) -> None:
    """``--actors``, ``--area`` or ``--bbox``, and ``--incidents``."""
    parser.add_argument("--actors", metavar="A,B", help="only these actors (ids or names, comma-separated)")
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--area", metavar="AREA", help="the extent of an area of the gazetteer (e.g. ml-region-menaka)")
    where.add_argument("--bbox", metavar="W,S,E,N", help="the extent as west,south,east,north in degrees")
    parser.add_argument(
        "--incidents",
        type=Path,
        metavar="FILE",
        help="incidents from this CSV (the project's schema, e.g. from geo import)",
    )


def parse_bbox(text: str | None) -> tuple[float, float, float, float] | None:
    """``"-6.5,13.5,4.5,21.5"`` -> ``(-6.5, 13.5, 4.5, 21.5)``; ``None`` when not given.

    Examples
    --------
    >>> parse_bbox("0,14.5,4.5,17.5")
    (0.0, 14.5, 4.5, 17.5)
    >>> parse_bbox("0,14.5")
    Traceback (most recent call last):
    ...
    geo.errors.InputError: --bbox '0,14.5': give four numbers, west,south,east,north, such as -6.5,13.5,4.5,21.5
    >>> parse_bbox("nan,14.5,4.5,17.5")
    Traceback (most recent call last):
    ...
    geo.errors.InputError: --bbox 'nan,14.5,4.5,17.5': west 'nan': not a finite number; give degrees from -180 to 180
    """
    from .._validate import finite_number
    from ..errors import InputError

    if text is None:
        return None
    parts = text.split(",")
    if len(parts) != 4:
        raise InputError(f"--bbox {text!r}: give four numbers, west,south,east,north, such as -6.5,13.5,4.5,21.5")
    values = []
    for name, part, limit in zip(("west", "south", "east", "north"), parts, (180, 90, 180, 90), strict=True):
        values.append(
            finite_number(
                part,
                f"--bbox {text!r}: {name}",
                low=-limit,
                high=limit,
                hint=f"give degrees from {-limit} to {limit}",
            )
        )
    return tuple(values)  # type: ignore[return-value]


def parse_actors(text: str | None) -> list[str] | None:
    """``"isgs, JNIM"`` -> ``["isgs", "JNIM"]``; ``None`` when not given."""
    return [a.strip() for a in text.split(",") if a.strip()] if text else None


def load_map_records(seeds_dir, incidents_file, gazetteer):
    """The records of ``seeds_dir``, with the incidents of ``incidents_file`` if given."""
    from ..frames import load_records
    from ..records import Seeds

    seeds = Seeds.load(seeds_dir)
    if incidents_file is not None:
        seeds = seeds.with_incidents(incidents_file)
    return load_records(seeds, gazetteer=gazetteer)
