"""The options of space: the bounding box and the area a map shows."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from ...errors import InputError
from .source import CLI, Source, is_number, show

BBOX_FIX = "the bounding box takes four numbers (west, south, east, north) in degrees"


def parse_bbox(value: Any, source: Source = CLI) -> tuple[float, float, float, float] | None:
    """West, south, east and north in degrees, from ``"W,S,E,N"`` or four numbers; ``None`` for ``None``.

    Examples
    --------
    >>> from pathlib import Path
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
        elif is_number(part):
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
