"""The :class:`~geo.render.spec.MapSpec` of the commands that draw records (map,
snapshot, report, chart), made from their options (:mod:`geo.cli._options`) through the
parsers a recipe uses too (:mod:`geo.render.spec`)."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from .. import schema

if TYPE_CHECKING:
    from ..render.spec import MapSpec

STEPS = schema.STEPS
EVERY = schema.PERIODS


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

    def get(name: str) -> Any:
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
