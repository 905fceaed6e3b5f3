"""Options shared by the commands that draw records (map, snapshot, report): which
actors, which extent, which incidents."""

from __future__ import annotations

import argparse

from ._output import add_incidents_option


def add_selection_options(parser: argparse.ArgumentParser) -> None:
    """``--actors``, ``--area`` or ``--bbox``, and ``--incidents``."""
    parser.add_argument("--actors", metavar="A,B", help="only these actors (ids or names, comma-separated)")
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--area", metavar="AREA", help="the extent of an area of the gazetteer (e.g. ml-region-menaka)")
    where.add_argument("--bbox", metavar="W,S,E,N", help="the extent as west,south,east,north in degrees")
    add_incidents_option(parser)


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
