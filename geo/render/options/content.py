"""The options of what a map is about and what it is called: its actors and its titles."""

from __future__ import annotations

from typing import Any

from ...errors import InputError
from .source import CLI, Source


def parse_actors(value: Any, source: Source = CLI) -> tuple[str, ...] | None:
    """Actor ids or names, from ``"isgs, JNIM"`` or a list; ``None`` for ``None`` (every actor).

    Examples
    --------
    >>> from pathlib import Path
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
