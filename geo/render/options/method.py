"""The options of the influence method: which method (``buffer``, ``voronoi``) and its
parameters, checked by the method's own rules (:func:`geo.influence.param_problems`)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from ... import schema
from ...errors import InputError
from .source import CLI, Source, choice, show

METHODS = schema.METHODS


def parse_method(value: Any, source: Source = CLI) -> str:
    """How places become areas: ``buffer`` or ``voronoi``; ``None`` means ``buffer``.

    Examples
    --------
    >>> from pathlib import Path
    >>> parse_method("voronoi")
    'voronoi'
    >>> parse_method("kde", Source(Path("x.toml")))
    Traceback (most recent call last):
    ...
    geo.errors.InputError: x.toml: method = 'kde': unknown method; choose buffer or voronoi
    """
    return "buffer" if value is None else choice("method", value, METHODS, "method", source)


def parse_params(
    value: Any, method: str | None = "buffer", source: Source = CLI, *, window: Any = None
) -> dict[str, Any]:
    """The influence method's parameters, from a table (a recipe, Python) or ``NAME=VALUE``
    items (``--param``, with ``--window`` for the activity window); every problem at once.

    Names and ranges are :func:`geo.influence.param_problems`'s, whatever the source.

    Examples
    --------
    >>> from pathlib import Path
    >>> parse_params(["max_km=30"], "voronoi", window=30)
    {'max_km': 30.0, 'window_days': 30}
    >>> parse_params({"radius_km": {"town": 20}}, "buffer", Source(Path("x.toml")))
    {'radius_km': {'town': 20.0}}
    >>> parse_params({"max_km": -5}, "voronoi", Source(Path("x.toml")))  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    geo.errors.InputError: x.toml: params.max_km = -5: out of range: takes a distance in km, above 0 to 500 ...
    """
    from ...influence import param_problems

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
