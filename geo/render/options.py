"""The options of a map, a snapshot and a report, defined once (rasterio's options registry):
one parser per kind of option, used by a recipe (:mod:`geo.recipes`), the command line
(``geo map``, ``snapshot``, ``report``, ``chart``) and Python keywords alike, through
:class:`geo.render.spec.MapSpec`.

Each parser is told where its value came from (a :class:`Source`: a recipe file, the
command line or Python), so that a bad value gets the same reason whichever way it came,
the place named as the user wrote it and the example of a fix in that source's syntax::

    maps/x.toml: bbox = [5.0, 14.6, 0.5, 17.6]: the bounding box takes four numbers ...
    --bbox '5,14.6,0.5,17.6': the bounding box takes four numbers ...
"""

from __future__ import annotations

import datetime as dt
import difflib
import math
import numbers
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .. import schema
from .._input import MAX_WINDOW_DAYS
from ..errors import InputError

__all__ = [
    "BBOX_FIX",
    "CLI",
    "EVERY",
    "METHODS",
    "OPTIONS",
    "PYTHON",
    "STEPS",
    "Option",
    "Source",
    "flat_params",
    "nested_params",
    "parse_actors",
    "parse_area",
    "parse_bbox",
    "parse_bound",
    "parse_every",
    "parse_method",
    "parse_params",
    "parse_step",
    "parse_title",
    "parse_window_days",
    "show",
]

STEPS = schema.STEPS  # how a map's time control moves
EVERY = schema.PERIODS  # a report's charts
METHODS = schema.METHODS
BBOX_FIX = "the bounding box takes four numbers (west, south, east, north) in degrees"


@dataclass(frozen=True)
class Option:
    """One option of a map: its recipe key, command-line flag, Python keyword, and an
    example of a good value as each of the three writes it."""

    key: str
    flag: str
    keyword: str
    recipe_example: str
    cli_example: str
    python_example: str


#: Every option a map, snapshot or report takes, defined once (rasterio's options registry).
OPTIONS: dict[str, Option] = {
    o.key: o
    for o in (
        Option("title", "--title", "title", '"Northern Mali, 2012-2013"', '"Northern Mali, 2012-2013"', '"North"'),
        Option("subtitle", "--subtitle", "subtitle", '"Zones from cited claims"', '"Zones"', '"Zones"'),
        Option("from", "--from", "start", '"2022-01"', "2022-01", "dt.date(2022, 1, 1)"),
        Option("to", "--to", "end", '"2023-04"', "2023-04", "dt.date(2023, 4, 30)"),
        Option("at", "--at", "at", '"2023-04-30"', "2023-04-30", "dt.date(2023, 4, 30)"),
        Option("area", "--area", "area", '"ml-region-menaka"', "ml-region-menaka", '"ml-region-menaka"'),
        Option("bbox", "--bbox", "bbox", "[0.5, 14.6, 5.0, 17.6]", "0.5,14.6,5.0,17.6", "(0.5, 14.6, 5.0, 17.6)"),
        Option("actors", "--actors", "actors", '["isgs", "jnim"]', "isgs,jnim", '("isgs", "jnim")'),
        Option("method", "--method", "method", '"buffer"', "buffer", '"buffer"'),
        Option("params", "--param", "params", "{ max_km = 40 }", "max_km=40", '{"max_km": 40}'),
        Option("step", "--step", "step", '"month"', "month", '"month"'),
        Option("window_days", "--window-days", "window_days", "30", "30", "30"),
        Option("intensity", "--intensity", "intensity", "true", "", "True"),
        Option("every", "--every", "every", '"month"', "month", '"month"'),
    )
}


@dataclass(frozen=True)
class Source:
    """Where the values of a spec came from: a recipe ``file``, the command line
    (``cli=True``), or Python keywords (neither).

    :meth:`problem` writes one line naming the value where it was given, the reason,
    and an example of a good value in that source's syntax.

    Examples
    --------
    >>> Source(Path("maps/x.toml")).problem("window_days", 0, "out of range")
    'maps/x.toml: window_days = 0: out of range; such as window_days = 30'
    >>> Source(cli=True).problem("window_days", "0", "out of range")
    "--window-days '0': out of range; such as --window-days 30"
    >>> Source().problem("window_days", 0, "out of range")
    'window_days=0: out of range; such as window_days=30'
    """

    file: Path | None = None
    cli: bool = False

    def name(self, key: str) -> str:
        """The option as this source writes it: ``window_days``, ``--window-days``."""
        option = OPTIONS.get(key)
        if option is None:
            return key
        return option.flag if self.cli else option.keyword if self.file is None else option.key

    def where(self, key: str, value: Any) -> str:
        """The option and its value as given: ``maps/x.toml: step = 'daily'``, ``--step 'daily'``."""
        if self.file is not None:
            return f"{self.file}: {key} = {show(value)}"
        if self.cli:
            return f"{self.name(key)} {_cli_text(value)}"
        return f"{self.name(key)}={show(value, python=True)}"

    def example(self, key: str) -> str:
        option = OPTIONS[key]
        if self.file is not None:
            return f"{option.key} = {option.recipe_example}"
        if self.cli:
            return f"{option.flag} {option.cli_example}".rstrip()
        return f"{option.keyword}={option.python_example}"

    def problem(self, key: str, value: Any, reason: str, *, example: bool = True) -> str:
        """One line: where, the reason, and (``example``) a good value."""
        tail = f"; such as {self.example(key)}" if example and key in OPTIONS else ""
        return f"{self.where(key, value)}: {reason}{tail}"


CLI = Source(cli=True)
PYTHON = Source()


def show(value: Any, limit: int = 80, *, python: bool = False) -> str:
    """A value as a recipe would write it (or Python, ``python=True``), shortened.

    Examples
    --------
    >>> show([True, 14.6, float("nan"), "x"])
    "[true, 14.6, nan, 'x']"
    >>> show(dt.date(2022, 1, 1)), show(dt.date(2022, 1, 1), python=True)
    ('2022-01-01', 'datetime.date(2022, 1, 1)')
    """
    if python:
        text = repr(value)
    elif isinstance(value, bool):
        text = "true" if value else "false"
    elif isinstance(value, float) and not math.isfinite(value):
        text = "nan" if math.isnan(value) else ("inf" if value > 0 else "-inf")
    elif isinstance(value, list | tuple):
        text = "[" + ", ".join(show(v, limit) for v in value[:20]) + (", ..." if len(value) > 20 else "") + "]"
    elif isinstance(value, dict):
        items = list(value.items())[:20]
        text = (
            "{ "
            + ", ".join(f"{_toml_key(k)} = {show(v, limit)}" for k, v in items)
            + (", ..." if len(value) > 20 else "")
            + " }"
        )
    elif isinstance(value, dt.date | dt.time):
        text = value.isoformat()
    else:
        text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _toml_key(key: Any) -> str:
    text = str(key)
    return text if text and text.replace("_", "").replace("-", "").isalnum() and text.isascii() else repr(text)


def _cli_text(value: Any) -> str:
    if isinstance(value, str):
        return repr(value if len(value) <= 80 else value[:77] + "...")
    if isinstance(value, list | tuple) and all(isinstance(v, str) for v in value):
        return " ".join(repr(v) for v in value[:20])
    return show(value)


def _is_number(value: Any) -> bool:
    return isinstance(value, numbers.Real) and not isinstance(value, bool)


# --- one parser per kind of option ---------------------------------------------------------


def parse_bound(value: Any, key: str = "from", source: Source = CLI, *, last: bool | None = None) -> dt.date | None:
    """The first (``from``) or last (``to``, ``at``) day of an EDTF date; ``None`` for ``None``.

    Examples
    --------
    >>> parse_bound("2022-03", "from"), parse_bound("2022", "to"), parse_bound("2023-04", "at")
    (datetime.date(2022, 3, 1), datetime.date(2022, 12, 31), datetime.date(2023, 4, 30))
    >>> parse_bound("2022/..", "to")
    Traceback (most recent call last):
    ...
    geo.errors.InputError: --to '2022/..': an open date; give a closed one; such as --to 2023-04
    """
    from ..dates import parse_date

    if value is None:
        return None
    last = key != "from" if last is None else last
    if isinstance(value, dt.datetime):
        raise InputError(source.problem(key, value, "a date and time; give a date"))
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        raise InputError(source.problem(key, value, "must be an EDTF date (text)"))
    try:
        span = parse_date(value)
    except ValueError as error:  # InputError, or anything the parser lets through
        raise InputError(f"{source.where(key, value)}: {error}") from None
    day = span.latest if last else span.earliest
    if day is None:
        raise InputError(source.problem(key, value, "an open date; give a closed one"))
    return day


def parse_bbox(value: Any, source: Source = CLI) -> tuple[float, float, float, float] | None:
    """West, south, east and north in degrees, from ``"W,S,E,N"`` or four numbers; ``None`` for ``None``.

    Examples
    --------
    >>> parse_bbox("0,14.5,4.5,17.5")
    (0.0, 14.5, 4.5, 17.5)
    >>> parse_bbox("nan,14.5,4.5,17.5")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    geo.errors.InputError: --bbox 'nan,14.5,4.5,17.5': west 'nan': not a finite number; the bounding box takes ...
    >>> parse_bbox([5.0, 14.6, 0.5, 17.6], Source(Path("x.toml")))  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    geo.errors.InputError: x.toml: bbox = [5.0, 14.6, 0.5, 17.6]: the bounding box ...: west must be less than east ...
    """
    if value is None:
        return None
    parts: Sequence[Any]
    if isinstance(value, str):
        parts = value.split(",")
    elif isinstance(value, list | tuple):
        parts = value
    else:
        raise InputError(source.problem("bbox", value, "must be a list of four numbers"))
    if len(parts) != 4:
        raise InputError(source.problem("bbox", value, f"{BBOX_FIX}, not {len(parts)} values"))
    numbers_: list[float] = []
    for name, part, limit in zip(("west", "south", "east", "north"), parts, (180, 90, 180, 90), strict=True):
        shown = repr(part.strip()) if isinstance(part, str) and isinstance(value, str) else show(part)
        number: float | None = None
        if isinstance(part, str) and isinstance(value, str):
            try:
                number = float(part)
            except ValueError:
                number = None
        elif _is_number(part):
            number = float(part)
        if number is None:
            raise InputError(source.problem("bbox", value, f"{name} {shown}: not a number; {BBOX_FIX}"))
        if not math.isfinite(number):
            raise InputError(source.problem("bbox", value, f"{name} {shown}: not a finite number; {BBOX_FIX}"))
        if not -limit <= number <= limit:
            reason = f"{name} {shown}: out of range; {BBOX_FIX}, {name} from {-limit} to {limit}"
            raise InputError(source.problem("bbox", value, reason))
        numbers_.append(number)
    west, south, east, north = numbers_
    if not (west < east and south < north):
        swap = "west must be less than east" if west >= east else "south must be less than north"
        reason = f"{BBOX_FIX}: {swap} (is the order west, south, east, north?)"
        raise InputError(source.problem("bbox", value, reason))
    return west, south, east, north


def parse_area(value: Any, source: Source = CLI) -> str | None:
    """An area's id or name, as given (the gazetteer is asked by :meth:`MapSpec.check`).

    Examples
    --------
    >>> parse_area("ml-region-menaka")
    'ml-region-menaka'
    >>> parse_area(" ")
    Traceback (most recent call last):
    ...
    geo.errors.InputError: --area ' ': an empty area; give an area id, or leave it out; such as --area ml-region-menaka
    """
    if value is None:
        return None
    if not isinstance(value, str):
        raise InputError(source.problem("area", value, "must be an area id or name (text)"))
    if not value.strip():
        raise InputError(source.problem("area", value, "an empty area; give an area id, or leave it out"))
    return value.strip()


def parse_actors(value: Any, source: Source = CLI) -> tuple[str, ...] | None:
    """Actor ids or names, from ``"isgs, JNIM"`` or a list; ``None`` for ``None`` (every actor).

    Examples
    --------
    >>> parse_actors("isgs, JNIM"), parse_actors(["isgs"], Source(Path("x.toml")))
    (('isgs', 'JNIM'), ('isgs',))
    >>> parse_actors([], Source(Path("x.toml")))  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    geo.errors.InputError: x.toml: actors = []: an empty list; name at least one actor, or leave actors out ...
    """
    if value is None:
        return None
    if isinstance(value, str):
        names = [a.strip() for a in value.split(",")] if source.cli else [value]
    elif isinstance(value, list | tuple):
        names = list(value)
    else:
        raise InputError(source.problem("actors", value, "must be a list of actor ids or names"))
    if not all(isinstance(a, str) and a.strip() for a in names):
        if source.cli and any(a for a in names):  # "isgs,,jnim": a stray comma
            names = [a for a in names if a]
        elif not names or (source.cli and not any(names)):
            names = []
        else:
            raise InputError(source.problem("actors", value, "give a list of actor ids or names"))
    if not names:
        where = source.name("actors")
        reason = f"an empty list; name at least one actor, or leave {where} out for every actor"
        raise InputError(source.problem("actors", value, reason, example=False))
    return tuple(a.strip() for a in names)


def _choice(key: str, value: Any, choices: tuple[str, ...], what: str, source: Source) -> str:
    if not isinstance(value, str):
        raise InputError(source.problem(key, value, f"must be {what} (text)"))
    if value not in choices:
        close = difflib.get_close_matches(value.lower(), choices, n=1, cutoff=0.6)
        hint = f"did you mean {close[0]}? " if close and close[0] != value else ""
        reason = f"unknown {what}; {hint}choose {', '.join(choices[:-1])} or {choices[-1]}"
        raise InputError(source.problem(key, value, reason, example=False))
    return value


def parse_method(value: Any, source: Source = CLI) -> str:
    """How places become areas: ``buffer`` or ``voronoi``; ``None`` means ``buffer``.

    Examples
    --------
    >>> parse_method("voronoi")
    'voronoi'
    >>> parse_method("kde", Source(Path("x.toml")))
    Traceback (most recent call last):
    ...
    geo.errors.InputError: x.toml: method = 'kde': unknown method; choose buffer or voronoi
    """
    return "buffer" if value is None else _choice("method", value, METHODS, "method", source)


def parse_step(value: Any, source: Source = CLI) -> str:
    """How a map's time control moves (:data:`STEPS`); ``None`` means ``auto``.

    Examples
    --------
    >>> parse_step("daily")
    Traceback (most recent call last):
    ...
    geo.errors.InputError: --step 'daily': unknown step; choose auto, event, week, month, quarter or year
    """
    return "auto" if value is None else _choice("step", value, STEPS, "step", source)


def parse_every(value: Any, source: Source = CLI) -> str:
    """The period of a report's charts (:data:`EVERY`); ``None`` means ``month``.

    Examples
    --------
    >>> parse_every("quarter")
    'quarter'
    """
    return "month" if value is None else _choice("every", value, EVERY, "period", source)


def parse_window_days(value: Any, source: Source = CLI) -> int | None:
    """The days of incidents shown at each step (or to a snapshot's day), 1 to 36,525.

    Examples
    --------
    >>> parse_window_days("30"), parse_window_days(None)
    (30, None)
    >>> parse_window_days("nan")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    geo.errors.InputError: --window-days 'nan': not a whole number; give the days of incidents shown, 1 to 36525; ...
    """
    if value is None:
        return None
    fix = f"give the days of incidents shown, 1 to {MAX_WINDOW_DAYS}"
    number: float | None = None
    if isinstance(value, str) and source.cli:
        text = value.strip()
        if text.lstrip("+-").isdigit() and len(text) <= 19:
            number = int(text)
    elif _is_number(value):
        number = value
    elif not isinstance(value, bool) and not isinstance(value, str):
        number = None
    if isinstance(value, bool) or (isinstance(value, str) and not source.cli):
        raise InputError(source.problem("window_days", value, f"must be a whole number; {fix}"))
    if number is None or not math.isfinite(number) or int(number) != number:
        raise InputError(source.problem("window_days", value, f"not a whole number; {fix}"))
    if not 1 <= number <= MAX_WINDOW_DAYS:
        raise InputError(source.problem("window_days", value, f"out of range; {fix}"))
    return int(number)


def parse_title(value: Any, key: str = "title", source: Source = CLI) -> str | None:
    """A title or subtitle: any text, kept as data (never markup); not empty.

    Examples
    --------
    >>> parse_title("{{ 7*7 }} <b>")
    '{{ 7*7 }} <b>'
    """
    if value is None:
        return None
    if not isinstance(value, str):
        raise InputError(source.problem(key, value, "must be text"))
    if key == "title" and not value.strip():
        raise InputError(source.problem(key, value, "an empty title; give one"))
    return value


def parse_params(
    value: Any, method: str | None = "buffer", source: Source = CLI, *, window: Any = None
) -> dict[str, Any]:
    """The influence method's parameters, from a table (a recipe, Python) or ``NAME=VALUE``
    items (``--param``, with ``--window`` for the activity window); every problem at once.

    Names and ranges are :func:`geo.influence.param_problems`'s, whatever the source.

    Examples
    --------
    >>> parse_params(["max_km=30"], "voronoi", window=30)
    {'max_km': 30.0, 'window_days': 30}
    >>> parse_params({"radius_km": {"town": 20}}, "buffer", Source(Path("x.toml")))
    {'radius_km': {'town': 20.0}}
    >>> parse_params({"max_km": -5}, "voronoi", Source(Path("x.toml")))  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    geo.errors.InputError: x.toml: params.max_km = -5: out of range: takes a distance in km, above 0 to 500 ...
    """
    from ..influence import param_problems

    problems: list[str] = []
    raw: dict[str, Any] = {}
    given: dict[str, str] = {}  # name -> how the user wrote it, for the messages
    if value is None:
        value = {}
    if source.cli and isinstance(value, list | tuple):
        for item in value:
            name, sep, text = str(item).partition("=")
            name = name.strip()
            if not sep or not name:
                problems.append(f"--param {item!r}: write NAME=VALUE, such as max_km=30")
                continue
            if name in given:
                first = given[name].removeprefix("--param ")
                problems.append(f"--param {item}: {name} is given twice ({first} and {item}); give it once")
                continue
            if text.strip().lower() in ("true", "false"):
                raw[name] = text.strip().lower() == "true"
            else:
                try:
                    raw[name] = float(text)
                except ValueError:
                    problems.append(f"--param {item!r}: {text!r} is not a number; write NAME=VALUE, such as max_km=30")
                    continue
            given[name] = f"--param {item}"
    elif isinstance(value, Mapping):
        raw = dict(value)
    else:
        raise InputError(source.problem("params", value, "must be a table of NAME = VALUE"))
    if window is not None:
        if "window_days" in given:
            problems.append(f"--window {window} and {given['window_days']}: give the window once")
        raw["window_days"] = window  # one too large for a float is out of range (param_problems)
        given["window_days"] = f"--window {window}"
    checked, found = param_problems(method, raw)
    for name, bad, message in found:
        if name in given:
            problems.append(f"{given[name]}: {message}")
        elif source.cli:
            problems.append(f"--param {name}: {message}")
        elif source.file is not None:
            problems.append(f"{source.file}: params.{name} = {show(bad)}: {message}")
        else:
            problems.append(f"params[{name!r}]={show(bad, python=True)}: {message}")
    if problems:
        raise InputError("\n".join(problems))
    return checked


def flat_params(params: Mapping[str, Any]) -> tuple[tuple[str, Any], ...]:
    """Parameters as ``--param`` names them, sorted: hashable, for a frozen spec.

    Examples
    --------
    >>> flat_params({"radius_km": {"town": 20.0}, "max_km": 3.0})
    (('max_km', 3.0), ('radius_km.town', 20.0))
    """
    items: list[tuple[str, Any]] = []
    for name, value in params.items():
        if isinstance(value, Mapping):
            items.extend((f"{name}.{k}", v) for k, v in value.items())
        else:
            items.append((name, value))
    return tuple(sorted(items))


def nested_params(items: Iterable[tuple[str, Any]]) -> dict[str, Any]:
    """:func:`flat_params` undone: the mapping :class:`geo.influence.Influence` takes.

    Examples
    --------
    >>> nested_params([("max_km", 3.0), ("radius_km.town", 20.0)])
    {'max_km': 3.0, 'radius_km': {'town': 20.0}}
    """
    nested: dict[str, Any] = {}
    for name, value in items:
        group, dot, key = name.partition(".")
        if dot:
            nested.setdefault(group, {})[key] = value
        else:
            nested[name] = value
    return nested
