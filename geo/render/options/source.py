"""Where the value of an option came from (:class:`Source`: a recipe file, the command
line or Python) and how each source writes it: the registry of options (:data:`OPTIONS`),
the messages that name a bad value as the user wrote it, and the checks every parser shares."""

from __future__ import annotations

import datetime as dt
import difflib
import math
import numbers
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ...errors import InputError


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


def is_number(value: Any) -> bool:
    """Whether ``value`` is a real number (``True`` and ``False`` are not).

    Examples
    --------
    >>> is_number(3), is_number(2.5), is_number(True), is_number("3")
    (True, True, False, False)
    """
    return isinstance(value, numbers.Real) and not isinstance(value, bool)


def choice(key: str, value: Any, choices: tuple[str, ...], what: str, source: Source) -> str:
    """``value`` when it is one of ``choices``, else :class:`~geo.errors.InputError` naming
    ``key`` as ``source`` writes it, with the closest choice when one is close.

    Examples
    --------
    >>> choice("step", "mont", ("week", "month"), "step", CLI)
    Traceback (most recent call last):
    ...
    geo.errors.InputError: --step 'mont': unknown step; did you mean month? choose week or month
    """
    if not isinstance(value, str):
        raise InputError(source.problem(key, value, f"must be {what} (text)"))
    if value not in choices:
        close = difflib.get_close_matches(value.lower(), choices, n=1, cutoff=0.6)
        hint = f"did you mean {close[0]}? " if close and close[0] != value else ""
        reason = f"unknown {what}; {hint}choose {', '.join(choices[:-1])} or {choices[-1]}"
        raise InputError(source.problem(key, value, reason, example=False))
    return value
