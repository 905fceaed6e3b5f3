"""Options shared by the subcommands that compute influence zones: method and parameters."""

from __future__ import annotations

import argparse
from typing import Any

from ..errors import InputError

METHODS = ("buffer", "voronoi")  # geo.influence.METHODS, repeated so that `geo --help` imports nothing heavy


def add_influence_options(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("influence zones")
    group.add_argument(
        "--method",
        choices=METHODS,
        default="buffer",
        help="how places become areas: geodesic discs by kind of place, or Voronoi cells among settlements "
        "(default: %(default)s)",
    )
    group.add_argument(
        "--param",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="override a method parameter, e.g. max_km=30, radius_km.town=20, activity_km=10 "
        "(repeatable; see the README's table of parameters)",
    )
    group.add_argument(
        "--window",
        type=int,
        metavar="DAYS",
        help="trailing window of the activity zone in days (default: 90)",
    )


def parse_params(items: list[str], window: int | None = None) -> dict[str, Any]:
    """``["max_km=30", "radius_km.town=20"]`` -> ``{"max_km": 30.0, "radius_km": {"town": 20.0}}``.

    Examples
    --------
    >>> parse_params(["max_km=30", "radius_km.town=20"], 30)
    {'max_km': 30.0, 'radius_km': {'town': 20.0}, 'window_days': 30}
    """
    params: dict[str, Any] = {}
    for item in items:
        name, sep, text = item.partition("=")
        name = name.strip()
        if not sep or not name:
            raise InputError(f"--param {item!r}: write NAME=VALUE, such as max_km=30")
        value: Any
        if text.strip().lower() in ("true", "false"):
            value = text.strip().lower() == "true"
        else:
            try:
                value = float(text)
            except ValueError:
                raise InputError(f"--param {item!r}: {text!r} is not a number") from None
        if "." in name:
            outer, _, inner = name.partition(".")
            params.setdefault(outer, {})[inner] = value
        else:
            params[name] = value
    if window is not None:
        if window < 1:
            raise InputError(f"--window {window}: the window must be at least one day")
        params["window_days"] = window
    return params


def build_influence(args: argparse.Namespace, records, gazetteer):
    from ..influence import Influence

    return Influence(records, gazetteer=gazetteer, method=args.method, params=parse_params(args.param, args.window))
