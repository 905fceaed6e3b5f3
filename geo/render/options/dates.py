"""The options of time: the first and last day (``from``, ``to``, ``at``), the window of
days shown, how a map's time control steps and the period of a report's charts."""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

from ... import schema
from ..._input import MAX_WINDOW_DAYS
from ...errors import InputError
from .source import CLI, Source, choice, is_number

STEPS = schema.STEPS  # how a map's time control moves
EVERY = schema.PERIODS  # a report's charts


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
    from ...dates import parse_date

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


def parse_step(value: Any, source: Source = CLI) -> str:
    """How a map's time control moves (:data:`STEPS`); ``None`` means ``auto``.

    Examples
    --------
    >>> parse_step("daily")
    Traceback (most recent call last):
    ...
    geo.errors.InputError: --step 'daily': unknown step; choose auto, event, week, month, quarter or year
    """
    return "auto" if value is None else choice("step", value, STEPS, "step", source)


def parse_every(value: Any, source: Source = CLI) -> str:
    """The period of a report's charts (:data:`EVERY`); ``None`` means ``month``.

    Examples
    --------
    >>> parse_every("quarter")
    'quarter'
    """
    return "month" if value is None else choice("every", value, EVERY, "period", source)


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
    elif is_number(value):
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
