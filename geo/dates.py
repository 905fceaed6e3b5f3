"""EDTF dates read as intervals of days: a week is not a day, and no day is invented.

The records give dates in EDTF (ISO 8601-2). :func:`parse_date` reads the subset the
project uses (``seeds/README.md``, "Dates") and returns a :class:`DateInterval` of the
first and last possible day, both inclusive.

Why not the ``edtf`` package: version 5.0.2 raises ``TypeError`` on open interval ends
(``2022-09/..``), reads an unknown end (``2022-09/``) as ten years later, and widens an
approximate month (``2022-03~``) by more than a year on each side. The subset here is
small, and its rules are the project's own, documented ones.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from ._input import DATE_LIMITS, MAX_YEAR, MIN_YEAR
from .errors import InputError

__all__ = ["DateInterval", "open_day", "parse_date", "span_within", "spans_overlap"]

# Sub-year groupings of EDTF level 2: code -> (first month, number of months).
_GROUPINGS: dict[int, tuple[int, int]] = {
    21: (3, 3),  # spring
    22: (6, 3),  # summer
    23: (9, 3),  # autumn
    24: (12, 3),  # winter: December and the next January-February
    33: (1, 3),  # first quarter
    34: (4, 3),
    35: (7, 3),
    36: (10, 3),
    37: (1, 4),  # first quadrimester
    38: (5, 4),
    39: (9, 4),
    40: (1, 6),  # first semester (half year)
    41: (7, 6),
}

# The first and last day any date may reach, after widening (see geo._input).
_MIN_DAY, _MAX_DAY = date(MIN_YEAR, 1, 1), date(MAX_YEAR, 12, 31)

_SINGLE = re.compile(
    r"""^(?P<year>\d{4}|\d{3}X|\d{2}XX)
        (?:-(?P<month>\d{2}|XX)
           (?:-(?P<day>[0-3X][0-9X]))?
        )?
        (?P<qualifier>[?~%])?$""",
    re.VERBOSE,
)


@dataclass(frozen=True)
class DateInterval:
    """An EDTF date read as the inclusive interval ``[earliest, latest]`` of days.

    ``None`` on a side means unbounded: an open end (``..``) or an unknown one (an empty
    side), which :attr:`unknown_end` flags.

    Examples
    --------
    >>> span = parse_date("2022-06-11/2022-06-12")
    >>> span.earliest, span.latest, span.days
    (datetime.date(2022, 6, 11), datetime.date(2022, 6, 12), 2)
    >>> span.contains(date(2022, 6, 12))
    True
    """

    text: str
    earliest: date | None
    latest: date | None
    approximate: bool = False
    uncertain: bool = False
    unknown_end: bool = False

    @property
    def days(self) -> int | None:
        """Number of days the interval spans, or ``None`` when it is unbounded."""
        if self.earliest is None or self.latest is None:
            return None
        return (self.latest - self.earliest).days + 1

    def contains(self, day: date) -> bool:
        """Whether ``day`` may be the day meant (``earliest <= day <= latest``)."""
        return (self.earliest is None or self.earliest <= day) and (self.latest is None or day <= self.latest)

    def overlaps(self, other: DateInterval) -> bool:
        """Whether the two intervals share at least one day."""
        return spans_overlap(self.earliest, self.latest, other.earliest, other.latest)


def open_day(text: str) -> date | None:
    """An ISO day, or ``None`` for an open end (``""``), as outlines store their validity.

    Examples
    --------
    >>> open_day("2016-01-18"), open_day("")
    (datetime.date(2016, 1, 18), None)
    """
    return date.fromisoformat(text) if text else None


def spans_overlap(start: date | None, end: date | None, other_start: date | None, other_end: date | None) -> bool:
    """Whether the days ``start`` to ``end`` and ``other_start`` to ``other_end`` share a
    day; ``None`` is an open end (the rule of every interval of the toolkit: records,
    outlines, zones, periods).

    Examples
    --------
    >>> spans_overlap(date(2022, 1, 1), date(2022, 3, 31), date(2022, 3, 31), None)
    True
    >>> spans_overlap(date(2022, 1, 1), date(2022, 3, 30), date(2022, 3, 31), None)
    False
    """
    return (start is None or other_end is None or start <= other_end) and (
        end is None or other_start is None or end >= other_start
    )


def span_within(start: date | None, end: date | None, outer_start: date | None, outer_end: date | None) -> bool:
    """Whether the days ``start`` to ``end`` lie wholly within ``outer_start`` to
    ``outer_end`` (``None`` is an open end: an open inner end never fits a closed outer one).

    Examples
    --------
    >>> span_within(date(2022, 2, 1), date(2022, 2, 28), date(2022, 1, 1), None)
    True
    >>> span_within(date(2022, 2, 1), None, date(2022, 1, 1), date(2022, 12, 31))
    False
    """
    after = outer_start is None or (start is not None and start >= outer_start)
    before = outer_end is None or (end is not None and end <= outer_end)
    return after and before


def parse_date(text: str) -> DateInterval:
    """Read an EDTF date or interval as a :class:`DateInterval`.

    Raises :class:`~geo.errors.InputError` naming the value and the form expected.

    Examples
    --------
    >>> parse_date("2022-03").latest
    datetime.date(2022, 3, 31)
    >>> span = parse_date("2022-03~")  # around March: one month more on each side
    >>> span.earliest, span.latest, span.approximate
    (datetime.date(2022, 2, 1), datetime.date(2022, 4, 30), True)
    >>> parse_date("2022-40").latest  # first half of 2022
    datetime.date(2022, 6, 30)
    >>> parse_date("2022-09/..").latest is None  # since September 2022
    True
    >>> parse_date("2022-02-30")
    Traceback (most recent call last):
    ...
    geo.errors.InputError: '2022-02-30' is not a valid EDTF date: February 2022 has no day 30
    >>> try:
    ...     parse_date("9999-12-31")
    ... except InputError as error:
    ...     print(error.reason)
    year 9999 is out of range; dates must lie between 0001-01-01 and 9998-12-31
    """
    return _parse_stripped(text.strip())


@lru_cache(maxsize=1 << 16)
def _parse_stripped(value: str) -> DateInterval:
    # Cached: event datasets repeat a few thousand dates over hundreds of thousands of
    # rows, and a DateInterval is immutable. Errors are raised anew each time.
    if not value:
        raise InputError("an empty date; write an EDTF date such as 2022-03-08, 2022-03 or 2022-06-11/2022-06-12")
    if "/" in value:
        return _parse_interval(value)
    first, last, approximate, uncertain = _parse_single(value, value)
    return DateInterval(value, first, last, approximate, uncertain)


def _parse_interval(value: str) -> DateInterval:
    parts = value.split("/")
    if len(parts) != 2:
        raise _invalid(value, "use one '/' between two dates (2022-06-11/2022-06-12)")
    start_text, end_text = parts
    if start_text in ("", "..") and end_text in ("", ".."):
        raise _invalid(value, "at least one end must be a date")
    earliest = latest = None
    approximate = uncertain = unknown = False
    if start_text in ("", ".."):
        unknown = start_text == ""
    else:
        earliest, _, approximate, uncertain = _parse_single(start_text, value)
    if end_text in ("", ".."):
        unknown = unknown or end_text == ""
    else:
        _, latest, end_approximate, end_uncertain = _parse_single(end_text, value)
        approximate = approximate or end_approximate
        uncertain = uncertain or end_uncertain
    if earliest is not None and latest is not None and earliest > latest:
        raise _invalid(value, "it ends before it starts; swap the two dates")
    return DateInterval(value, earliest, latest, approximate, uncertain, unknown)


def _parse_single(text: str, whole: str) -> tuple[date, date, bool, bool]:
    match = _SINGLE.match(text)
    if match is None:
        raise _invalid(
            whole,
            "expected YYYY, YYYY-MM or YYYY-MM-DD (optionally ending in ~ or ?),"
            " a sub-year grouping such as 2022-40, or an interval A/B",
        )
    qualifier = match["qualifier"] or ""
    approximate, uncertain = qualifier in ("~", "%"), qualifier in ("?", "%")
    first_year, last_year = _digits_range(match["year"])
    if first_year < MIN_YEAR or last_year > MAX_YEAR:
        raise _invalid(whole, f"year {match['year']} is out of range; {DATE_LIMITS}")
    how = "widened as approximate, it" if approximate else "it"
    try:
        first, last = _single_days(match, whole, first_year, last_year, approximate)
    except InputError:
        raise
    except (ValueError, OverflowError):  # widened past year 1 or 9999
        raise _invalid(whole, f"{how} would leave the calendar; {DATE_LIMITS}") from None
    if first < _MIN_DAY or last > _MAX_DAY:
        raise _invalid(whole, f"{how} runs from {first} to {last}; {DATE_LIMITS}")
    return first, last, approximate, uncertain


def _single_days(
    match: re.Match[str], whole: str, first_year: int, last_year: int, approximate: bool
) -> tuple[date, date]:
    """The first and last day of one EDTF date (widened when approximate)."""
    month, day = match["month"], match["day"]
    if month is None:
        first, last = date(first_year, 1, 1), date(last_year, 12, 31)
        return _widen(first, last, "year", approximate)
    if month != "XX" and int(month) in _GROUPINGS:
        if day is not None:
            raise _invalid(whole, "a season or a part of a year has no day")
        start_month, months = _GROUPINGS[int(month)]
        first = date(first_year, start_month, 1)
        last = _add_months(first, months) - timedelta(days=1)
        if first_year != last_year:
            last = _add_months(date(last_year, start_month, 1), months) - timedelta(days=1)
        return _widen(first, last, "month", approximate)
    if month == "XX":
        if day is not None and day != "XX":
            raise _invalid(whole, "a day cannot be given when the month is unspecified")
        return _widen(date(first_year, 1, 1), date(last_year, 12, 31), "year", approximate)
    month_number = int(month)
    if not 1 <= month_number <= 12:
        raise _invalid(
            whole, f"month {month} does not exist (months are 01-12; seasons 21-24, quarters 33-36, halves 40-41)"
        )
    if first_year != last_year:
        raise _invalid(whole, "an unspecified year cannot take a month")
    month_days = calendar.monthrange(first_year, month_number)[1]
    if day is None or day == "XX":
        first, last = date(first_year, month_number, 1), date(first_year, month_number, month_days)
        return _widen(first, last, "month", approximate)
    first_day, last_day = _digits_range(day)
    first_day, last_day = max(first_day, 1), min(last_day, month_days)
    if first_day > last_day:
        raise _invalid(whole, f"{calendar.month_name[month_number]} {first_year} has no day {day}")
    first, last = date(first_year, month_number, first_day), date(first_year, month_number, last_day)
    return _widen(first, last, "day", approximate)


def _invalid(value: str, reason: str) -> InputError:
    """An :class:`InputError` for ``value``; ``.reason`` holds the reason alone."""
    error = InputError(f"{value!r} is not a valid EDTF date: {reason}")
    error.reason = reason
    return error


def _digits_range(digits: str) -> tuple[int, int]:
    """``"199X"`` -> (1990, 1999); ``"2022"`` -> (2022, 2022)."""
    return int(digits.replace("X", "0")), int(digits.replace("X", "9"))


def _add_months(day: date, months: int) -> date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _widen(first: date, last: date, unit: str, approximate: bool) -> tuple[date, date]:
    """Approximate dates widen by one unit of their precision on each side."""
    if not approximate:
        return first, last
    if unit == "day":
        return first - timedelta(days=1), last + timedelta(days=1)
    if unit == "month":
        before = _add_months(first.replace(day=1), -1)
        after = _add_months(last.replace(day=1), 1)
        return before, after.replace(day=calendar.monthrange(after.year, after.month)[1])
    return first.replace(year=first.year - 1), last.replace(year=last.year + 1)
