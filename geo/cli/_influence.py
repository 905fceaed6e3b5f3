"""Options shared by the subcommands that compute influence zones: method and parameters."""

from __future__ import annotations

import argparse
from typing import Any

from ..errors import InputError

# geo.influence.METHODS (its registry METHOD_CLASSES), repeated so that `geo --help` imports neither numpy nor
# shapely; tests/test_influence.py checks the two agree.
METHODS = ("buffer", "voronoi")


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


def parse_params(items: list[str], window: int | None = None, method: str | None = None) -> dict[str, Any]:
    """``["max_km=30", "radius_km.town=20"]`` -> ``{"max_km": 30.0, "radius_km": {"town": 20.0}}``.

    Every name and value is checked (:func:`geo.influence.check_params`, the check
    recipes use too) against ``method``'s parameters, or those of any method when
    ``method`` is None; every problem is reported at once.

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
    from ..influence import param_problems

    raw: dict[str, Any] = {}
    given: dict[str, str] = {}  # name -> how the user wrote it, for the messages
    problems: list[str] = []
    for item in items:
        name, sep, text = item.partition("=")
        name = name.strip()
        if not sep or not name:
            problems.append(f"--param {item!r}: write NAME=VALUE, such as max_km=30")
            continue
        if name in given:
            problems.append(f"--param {item}: {name} is given twice ({given[name]} and {item}); give it once")
            continue
        value: Any
        if text.strip().lower() in ("true", "false"):
            value = text.strip().lower() == "true"
        else:
            try:
                value = float(text)
            except ValueError:
                problems.append(f"--param {item!r}: {text!r} is not a number; write NAME=VALUE, such as max_km=30")
                continue
        raw[name], given[name] = value, item
    if window is not None:
        if "window_days" in given:
            problems.append(f"--window {window} and --param {given['window_days']}: give the window once")
        raw["window_days"], given["window_days"] = window, f"--window {window}"
    checked, found = param_problems(method, raw)
    for name, _value, message in found:
        label = given.get(name, "")
        if not label.startswith("--window"):
            label = f"--param {label or name}"
        problems.append(f"{label}: {message}")
    if problems:
        raise InputError("\n".join(problems))
    return checked


def build_influence(args: argparse.Namespace, records, gazetteer):
    from ..influence import Influence

    return Influence(
        records, gazetteer=gazetteer, method=args.method, params=parse_params(args.param, args.window, args.method)
    )
