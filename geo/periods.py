"""Regular periods (day, week, month, quarter, year) for stepping through time.

A :class:`Period` is an inclusive range of days with a label a person can read:
``2022-03`` (month), ``2022-Q1`` (quarter), ``2022`` (year), ``2022-W10`` (ISO week),
``2022-03-08`` (day). Tables and maps that step through time use the same periods, so
their rows and frames line up.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from . import schema
from .errors import InputError

__all__ = ["EVERY", "Period", "period_of", "periods"]

EVERY = schema.PERIODS


@dataclass(frozen=True, slots=True)
class Period:
    """The days ``start`` to ``end``, both included."""

    label: str
    start: dt.date
    end: dt.date

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def __contains__(self, day: dt.date) -> bool:
        return self.start <= day <= self.end


def _check_every(every: str) -> None:
    if every not in EVERY:
        raise InputError(f"unknown period {every!r}; choose from {', '.join(EVERY)}")


def _month_end(year: int, month: int) -> dt.date:
    following = dt.date(year + month // 12, month % 12 + 1, 1)
    return following - dt.timedelta(days=1)


def period_of(day: dt.date, every: str) -> Period:
    """The period of kind ``every`` that holds ``day``.

    Examples
    --------
    >>> period_of(dt.date(2022, 3, 8), "quarter")
    Period(label='2022-Q1', start=datetime.date(2022, 1, 1), end=datetime.date(2022, 3, 31))
    >>> period_of(dt.date(2022, 3, 8), "week").label
    '2022-W10'
    """
    _check_every(every)
    if every == "day":
        return Period(day.isoformat(), day, day)
    if every == "week":
        start = day - dt.timedelta(days=day.weekday())
        year, week, _ = day.isocalendar()
        return Period(f"{year}-W{week:02d}", start, start + dt.timedelta(days=6))
    if every == "month":
        return Period(f"{day.year}-{day.month:02d}", day.replace(day=1), _month_end(day.year, day.month))
    if every == "quarter":
        quarter = (day.month - 1) // 3
        first = dt.date(day.year, 3 * quarter + 1, 1)
        return Period(f"{day.year}-Q{quarter + 1}", first, _month_end(day.year, 3 * quarter + 3))
    return Period(str(day.year), dt.date(day.year, 1, 1), dt.date(day.year, 12, 31))


def periods(start: dt.date, end: dt.date, every: str = "month") -> list[Period]:
    """The periods of kind ``every`` that touch the days ``start`` to ``end``, in order.

    The first and last periods are whole periods, even when ``start`` or ``end`` falls
    inside them.

    Examples
    --------
    >>> [p.label for p in periods(dt.date(2022, 11, 15), dt.date(2023, 2, 1))]
    ['2022-11', '2022-12', '2023-01', '2023-02']
    >>> len(periods(dt.date(2012, 1, 1), dt.date(2023, 12, 31), "month"))
    144
    """
    _check_every(every)
    if end < start:
        raise InputError(f"the range ends ({end}) before it starts ({start}); swap the two dates")
    found = []
    period = period_of(start, every)
    while period.start <= end:
        found.append(period)
        period = period_of(period.end + dt.timedelta(days=1), every)
    return found
