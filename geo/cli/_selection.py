"""Options shared by the commands that draw records (map, snapshot, report): which
actors, which extent, which incidents, and the :class:`~geo.render.spec.MapSpec` they
make, through the parsers a recipe uses too (:mod:`geo.render.spec`)."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from .. import schema
from ._output import add_incidents_option

if TYPE_CHECKING:
    from ..render.spec import MapSpec

STEPS = schema.STEPS
EVERY = schema.PERIODS


def add_selection_options(parser: argparse.ArgumentParser) -> None:
    """``--actors``, ``--area`` or ``--bbox``, and ``--incidents``."""
    parser.add_argument("--actors", metavar="A,B", help="only these actors (ids or names, comma-separated)")
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--area", metavar="AREA", help="the extent of an area of the gazetteer (e.g. ml-region-menaka)")
    where.add_argument("--bbox", metavar="W,S,E,N", help="the extent as west,south,east,north in degrees")
    add_incidents_option(parser)


def add_range_options(parser: argparse.ArgumentParser) -> None:
    """``--from`` and ``--to`` (EDTF)."""
    parser.add_argument("--from", dest="start", metavar="DATE", help="first day (EDTF: 2022, 2022-03, 2022-03-08)")
    parser.add_argument("--to", dest="end", metavar="DATE", help="last day (EDTF; '2023' means to 2023-12-31)")


def add_step_option(parser: argparse.ArgumentParser) -> None:
    """``--step`` (checked by :func:`geo.render.spec.parse_step`, as a recipe's ``step``)."""
    parser.add_argument(
        "--step", metavar="|".join(STEPS), default="auto", help="how the time control moves (default: %(default)s)"
    )


def add_every_option(parser: argparse.ArgumentParser, *, help: str = "the charts' period") -> None:
    """``--every`` (checked by :func:`geo.render.spec.parse_every`)."""
    parser.add_argument("--every", metavar="|".join(EVERY), default="month", help=f"{help} (default: %(default)s)")


def spec_from_args(args: argparse.Namespace) -> MapSpec:
    """The :class:`~geo.render.spec.MapSpec` of a drawing command's options, each read by
    the parser a recipe's key goes through; every bad option is named at once.

    Examples
    --------
    >>> args = argparse.Namespace(start="2022-01", end="2023-04", bbox="0,14.5,4.5,17.5", actors="isgs")
    >>> spec = spec_from_args(args)
    >>> spec.start, spec.bbox, spec.actors
    (datetime.date(2022, 1, 1), (0.0, 14.5, 4.5, 17.5), ('isgs',))
    """
    from ..render.spec import MapSpec

    def get(name: str):
        return getattr(args, name, None)

    no_zones = get("no_zones")
    return MapSpec.from_cli(
        title=get("title"),
        start=get("start"),
        end=get("end"),
        at=get("at"),
        area=get("area"),
        bbox=get("bbox"),
        actors=get("actors"),
        method=get("method"),
        param=get("param"),
        window=get("window"),
        step=get("step"),
        window_days=get("window_days"),
        intensity=bool(get("intensity")),
        zones=None if no_zones is None else not no_zones,
        every=get("every"),
    )


def parse_bbox(text: str | None) -> tuple[float, float, float, float] | None:
    """``"-6.5,13.5,4.5,21.5"`` -> ``(-6.5, 13.5, 4.5, 21.5)``; ``None`` when not given
    (:func:`geo.render.spec.parse_bbox`, which a recipe's ``bbox`` goes through too).

    Examples
    --------
    >>> parse_bbox("0,14.5,4.5,17.5")
    (0.0, 14.5, 4.5, 17.5)
    >>> parse_bbox("0,14.5")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    geo.errors.InputError: --bbox '0,14.5': the bounding box takes four numbers (...) in degrees, not 2 values; ...
    """
    from ..render.spec import parse_bbox as parse

    return parse(text)


def parse_actors(text: str | None) -> list[str] | None:
    """``"isgs, JNIM"`` -> ``["isgs", "JNIM"]``; ``None`` when not given."""
    return [a.strip() for a in text.split(",") if a.strip()] if text else None
