"""Claimed ranges: what a source's figure allows, by the tolerance rule of :mod:`geo.check`.

A figure as written is a round figure (75 -> 74.5–75.5); "about" widens it to ±10 %
when that is wider; "at least", "more than", "at most", "less than" are one-sided and
"between" takes both bounds. Units are converted to km, km² or counts first.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal

from .. import schema
from ..errors import InputError
from .words import format_number

__all__ = [
    "ABOUT_FRACTION",
    "KM2_PER_MI2",
    "KM_PER_MI",
    "UNITS",
    "ClaimedRange",
    "claimed_range",
    "round_figure_tolerance",
    "said",
    "to_si",
]

ABOUT_FRACTION = 0.10  # "about": ±10 % (or the round-figure rule, whichever is wider)
KM_PER_MI = 1.609344
KM2_PER_MI2 = KM_PER_MI**2

# unit -> (SI unit, factor)
UNITS: dict[str, tuple[str, float]] = {
    "km": ("km", 1.0),
    "mi": ("km", KM_PER_MI),
    "m": ("km", 0.001),
    "km2": ("km2", 1.0),
    "mi2": ("km2", KM2_PER_MI2),
    "people": ("people", 1.0),
    "events": ("events", 1.0),
}
_UNIT_SYMBOLS = {"km2": "km²", "mi2": "mi²"}
_QUALIFIER_WORDS = {
    "exact": "",
    "about": "about ",
    "at_least": "at least ",
    "more_than": "more than ",
    "at_most": "at most ",
    "less_than": "less than ",
}


def to_si(value: float, unit: str) -> float:
    """``value`` in ``unit`` converted to the SI unit the checks use (km, km², people, events).

    Examples
    --------
    >>> to_si(40, "mi"), to_si(500, "m"), to_si(3, "events")
    (64.37376, 0.5, 3.0)
    """
    if unit not in UNITS:
        raise InputError(f"unknown unit {unit!r}; use one of {', '.join(sorted(UNITS))}")
    return float(value) * UNITS[unit][1]


def round_figure_tolerance(value: float) -> float:
    """Half a unit of the last non-zero digit of ``value``: how far a round figure may be off.

    Examples
    --------
    >>> round_figure_tolerance(75), round_figure_tolerance(80000), round_figure_tolerance(5)
    (0.5, 5000.0, 0.5)
    >>> round_figure_tolerance(8.4), round_figure_tolerance(1350)
    (0.05, 5.0)
    """
    exponent = Decimal(repr(float(value))).normalize().as_tuple().exponent
    return 0.5 * 10.0 ** int(exponent) if isinstance(exponent, int) else 0.5


@dataclass(frozen=True)
class ClaimedRange:
    """What a claim allows, in SI units (km, km2, people, events): ``low``–``high``.

    ``high`` is ``math.inf`` for "at least" and "more than"; ``low_strict`` and
    ``high_strict`` exclude the bound itself ("more than", "less than"). ``text`` is the
    claim as a reader would say it ("about 75 km", "less than 40 mi").
    """

    low: float
    high: float
    unit: str
    text: str
    low_strict: bool = False
    high_strict: bool = False

    def contains(self, value: float) -> bool:
        """Whether ``value`` fits the claim.

        Examples
        --------
        >>> claimed_range(40, "less_than", "mi").contains(64.0)
        True
        """
        return self.meets(value, value)

    def meets(self, low: float, high: float) -> bool:
        """Whether some value of ``[low, high]`` fits the claim.

        Examples
        --------
        >>> about_75 = claimed_range(75, "about", "km")
        >>> about_75.meets(22.2, 40.2), about_75.meets(60.0, 70.0)
        (False, True)
        """
        above_low = high > self.low if self.low_strict else high >= self.low
        below_high = low < self.high if self.high_strict else low <= self.high
        return above_low and below_high

    def exceeded_by(self, value: float) -> bool:
        """Whether ``value`` lies above everything the claim allows."""
        return value >= self.high if self.high_strict else value > self.high

    @property
    def half_width(self) -> float:
        """Half the width of a bounded range; 0 for a one-sided one."""
        return (self.high - self.low) / 2 if math.isfinite(self.high) and self.low > 0 else 0.0

    def describe(self) -> str:
        """The range in words and SI units: ``67.5–82.5 km``, ``more than 250 events``.

        Examples
        --------
        >>> claimed_range(80000, "exact", "km2").describe()
        '75,000–85,000 km²'
        >>> claimed_range(40, "less_than", "mi").describe()
        'less than 64.37 km'
        >>> claimed_range(300, "more_than", "people").describe()
        'more than 300 people'
        """
        unit = _UNIT_SYMBOLS.get(self.unit, self.unit)
        if math.isinf(self.high):
            return f"{'more than' if self.low_strict else 'at least'} {format_number(self.low)} {unit}"
        if self.low == 0 and not self.low_strict and self.text.startswith(("less than", "at most")):
            return f"{'less than' if self.high_strict else 'at most'} {format_number(self.high)} {unit}"
        return f"{format_number(self.low)}–{format_number(self.high)} {unit}"


def claimed_range(
    value: float, qualifier: str, unit: str, *, value_high: float | None = None, bearing: str = ""
) -> ClaimedRange:
    """The range a claim allows, by the tolerance rule of :mod:`geo.check`.

    Examples
    --------
    >>> r = claimed_range(75, "exact", "km", bearing="N")
    >>> r.text, r.low, r.high
    ('75 km N', 74.5, 75.5)
    >>> r = claimed_range(75, "about", "km")
    >>> r.text, r.low, r.high
    ('about 75 km', 67.5, 82.5)
    >>> r = claimed_range(80000, "about", "km2")
    >>> r.low, r.high
    (72000.0, 88000.0)
    >>> r = claimed_range(2000, "about", "people")  # the round-figure rule is wider here
    >>> r.low, r.high
    (1500.0, 2500.0)
    >>> r = claimed_range(40, "less_than", "mi")
    >>> r.text, r.low, round(r.high, 3), r.high_strict
    ('less than 40 mi', 0.0, 64.374, True)
    >>> r = claimed_range(300, "between", "people", value_high=500)
    >>> r.text, r.low, r.high
    ('between 300 and 500 people', 300.0, 500.0)
    >>> claimed_range(250, "more_than", "events").high
    inf
    >>> claimed_range(1, "exact", "furlongs")
    Traceback (most recent call last):
    ...
    geo.errors.InputError: unknown unit 'furlongs'; use one of events, km, km2, m, mi, mi2, people
    """
    if unit not in UNITS:
        raise InputError(f"unknown unit {unit!r}; use one of {', '.join(sorted(UNITS))}")
    si_unit, factor = UNITS[unit]
    symbol = _UNIT_SYMBOLS.get(unit, unit)
    direction = f" {bearing}" if bearing else ""
    value = float(value)
    strict_low = strict_high = False
    if qualifier == "exact":
        half = round_figure_tolerance(value)
        low, high = value - half, value + half
    elif qualifier == "about":
        half = max(abs(value) * ABOUT_FRACTION, round_figure_tolerance(value))
        low, high = value - half, value + half
    elif qualifier in ("at_least", "more_than"):
        low, high, strict_low = value, math.inf, qualifier == "more_than"
    elif qualifier in ("at_most", "less_than"):
        low, high, strict_high = 0.0, value, qualifier == "less_than"
    elif qualifier == "between":
        if value_high is None:
            raise InputError("'between' needs an upper bound (value_high)")
        low, high = value, float(value_high)
    else:
        raise InputError(f"unknown qualifier {qualifier!r}; use one of {', '.join(sorted(schema.QUALIFIERS))}")
    if qualifier == "between":
        text = f"between {format_number(value)} and {format_number(float(value_high or 0))} {symbol}{direction}"
    else:
        text = f"{_QUALIFIER_WORDS[qualifier]}{format_number(value)} {symbol}{direction}"
    return ClaimedRange(
        low=max(low, 0.0) * factor,
        high=high * factor,
        unit=si_unit,
        text=text,
        low_strict=strict_low,
        high_strict=strict_high,
    )


def said(claimed: ClaimedRange) -> str:
    """The claim, and the range it is read as when that adds something.

    Examples
    --------
    >>> said(claimed_range(40, "less_than", "mi")), said(claimed_range(300, "more_than", "people"))
    ('less than 40 mi (less than 64.37 km)', 'more than 300 people')
    """
    described = claimed.describe()
    return claimed.text if described in claimed.text else f"{claimed.text} ({described})"
