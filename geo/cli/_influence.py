"""The influence zones of the commands that compute them, from ``--method``, ``--param``
and ``--window`` (:func:`geo.cli._options.add_influence_options`)."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from .. import schema

if TYPE_CHECKING:
    from ..gazetteer import Gazetteer
    from ..influence import Influence
    from ..records import Records

METHODS = schema.METHODS


def parse_params(items: list[str], window: int | None = None, method: str | None = None) -> dict[str, Any]:
    """``--param NAME=VALUE`` items (and ``--window``) as the method's parameters, through
    the parser recipes and maps use (:func:`geo.render.options.parse_params`); every
    problem at once.

    Examples
    --------
    >>> parse_params(["max_km=30", "radius_km.town=20"], 30)
    {'max_km': 30.0, 'radius_km': {'town': 20.0}, 'window_days': 30}
    >>> parse_params(["radius_km.bogus=3", "max_km=nan"], 0, method="buffer")
    Traceback (most recent call last):
    ...
    geo.errors.InputError: --param radius_km.bogus=3: unknown parameter 'radius_km.bogus' for method buffer; ...
    --param max_km=nan: unknown parameter 'max_km' for method buffer; it is a parameter of --method voronoi; ...
    --window 0: out of range: takes a whole number of days, from 1 to 36525 (default 90)
    """
    from ..render.options import CLI
    from ..render.options import parse_params as parse

    return parse(items, method, CLI, window=window)


def build_influence(args: argparse.Namespace, records: Records, gazetteer: Gazetteer) -> Influence:
    """The :class:`~geo.influence.Influence` of ``records`` by ``--method`` with ``--param`` and ``--window``."""
    from ..influence import Influence

    return Influence(
        records, gazetteer=gazetteer, method=args.method, params=parse_params(args.param, args.window, args.method)
    )
