"""Numbers and days that options and cells give: finite numbers in a range, whole numbers,
the largest counts and windows, and the years every date must lie in."""

from __future__ import annotations

import math
import re
from typing import TYPE_CHECKING

from ..errors import InputError
from .points import NUMBER

if TYPE_CHECKING:
    import datetime as dt

# The largest count of people (killed, displaced) a record or an import may hold: more
# than any event has had, small enough for every later sum to stay exact.
MAX_COUNT = 10_000_000
# The longest window of days an option may ask for (--window-days): 100 years.
MAX_WINDOW_DAYS = 36_525
# Whole-number options (--limit...) stop here: far above any real use, far below a crash.
MAX_OPTION_INTEGER = 1_000_000_000


def finite_number(
    text: object, option: str, *, low: float, high: float, integer: bool = False, hint: str = ""
) -> float | int:
    """Read ``text`` (an option's value) as a finite number in ``[low, high]``, or raise
    :class:`~geo.errors.InputError` naming the option, the value and the range.

    ``integer=True`` asks for a whole number written with digits (returns an int).
    NaN, infinities, and numbers too large for a float (``1e309``) are refused.

    Examples
    --------
    >>> finite_number("2.5", "--max-uncertainty", low=0, high=1000)
    2.5
    >>> finite_number("30", "--window-days", low=1, high=36525, integer=True)
    30
    >>> finite_number("nan", "--max-uncertainty", low=0, high=1000)
    Traceback (most recent call last):
    ...
    geo.errors.InputError: --max-uncertainty 'nan': not a finite number; give a number from 0 to 1000
    >>> finite_number("1e9", "--window-days", low=1, high=36525, integer=True)
    Traceback (most recent call last):
    ...
    geo.errors.InputError: --window-days '1e9': not a whole number; give a whole number from 1 to 36525
    """
    kind = "a whole number" if integer else "a number"
    fix = hint or f"give {kind} from {low:g} to {high:g}"
    if isinstance(text, bool):
        raise InputError(f"{option} {text!r}: not {kind}; {fix}")
    if isinstance(text, int | float):
        value: float | int = text
        shown = repr(text)
    else:
        raw = str(text).strip()
        shown = repr(raw[:40] + ("..." if len(raw) > 40 else ""))
        if integer:
            if not re.fullmatch(r"[-+]?[0-9]+", raw):
                raise InputError(f"{option} {shown}: not a whole number; {fix}")
            if len(raw.lstrip("+-").lstrip("0")) > 18:
                raise InputError(f"{option} {shown}: out of range; {fix}")
            value = int(raw)
        else:
            if not re.fullmatch(NUMBER, raw, re.IGNORECASE) or len(raw) > 400:
                raise InputError(f"{option} {shown}: not a number; {fix}")
            value = float(raw)
    if isinstance(value, float) and not math.isfinite(value):
        raise InputError(f"{option} {shown}: not a finite number; {fix}")
    if integer and isinstance(value, float):
        if value != int(value):
            raise InputError(f"{option} {shown}: not a whole number; {fix}")
        value = int(value)
    if not low <= value <= high:
        raise InputError(f"{option} {shown}: out of range; {fix}")
    return value


def whole_number(text: object, option: str, *, low: int, high: int = MAX_OPTION_INTEGER, hint: str = "") -> int:
    """:func:`finite_number` for whole numbers (``--limit``, ``--window-days``).

    Examples
    --------
    >>> whole_number("5", "--limit", low=1)
    5
    >>> whole_number("-1", "--limit", low=1)
    Traceback (most recent call last):
    ...
    geo.errors.InputError: --limit '-1': out of range; give a whole number from 1 to 1e+09
    """
    return int(finite_number(text, option, low=low, high=high, integer=True, hint=hint))


# Every day the toolkit handles lies in these years: a margin of a year below
# datetime's year 1 and above its year 9999, so that widening an approximate date, a
# window of days or the end of a period never leaves the calendar Python can count.
MIN_YEAR, MAX_YEAR = 1, 9998
DATE_LIMITS = "dates must lie between 0001-01-01 and 9998-12-31"


def check_window(day: dt.date | None, days: int, option: str) -> None:
    """Raise :class:`~geo.errors.InputError` when the ``days`` days up to ``day`` (a
    ``datetime.date``) would start before 0001-01-01.

    Examples
    --------
    >>> import datetime as dt
    >>> check_window(dt.date(1, 1, 2), 3, "--at")
    Traceback (most recent call last):
    ...
    geo.errors.InputError: --at 0001-01-02 with a window of 3 days starts before 0001-01-01: dates must lie between 0001-01-01 and 9998-12-31
    """  # noqa: E501 (an example's message is one line)
    import datetime as dt

    if day is None:
        return
    if (day - dt.date(MIN_YEAR, 1, 1)).days < days - 1:
        raise InputError(
            f"{option} {day.isoformat()} with a window of {days} days starts before 0001-01-01: {DATE_LIMITS}"
        )
