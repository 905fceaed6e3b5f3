"""How the checks write numbers, areas, days and lists in their explanations."""

from __future__ import annotations

import math
from datetime import date

__all__ = ["format_area", "format_day", "format_number", "format_span", "join_words"]


def format_number(value: float) -> str:
    """A number as people write it: 80,000; 67.5; 64.37.

    Examples
    --------
    >>> format_number(80000.0), format_number(67.5), format_number(64.37376), format_number(0.05)
    ('80,000', '67.5', '64.37', '0.05')
    """
    if float(value).is_integer():
        return f"{value:,.0f}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def format_area(km2: float) -> str:
    """An area to three significant figures: 77,917.6 -> '77,900'.

    Examples
    --------
    >>> format_area(77917.58), format_area(1254072.6), format_area(432.1), format_area(7.254)
    ('77,900', '1,250,000', '432', '7.25')
    """
    if km2 <= 0:
        return "0"
    digits = 3 - math.floor(math.log10(km2)) - 1
    rounded = round(km2, digits)
    return f"{rounded:,.{max(digits, 0)}f}"


def format_span(low: float, high: float) -> str:
    """A range of figures, or one figure when both ends agree.

    Examples
    --------
    >>> format_span(300, 740), format_span(51, 51)
    ('300–740', '51')
    """
    return format_number(low) if low == high else f"{format_number(low)}–{format_number(high)}"


def join_words(parts: list[str]) -> str:
    """Parts of a sentence joined with commas and a last "and".

    Examples
    --------
    >>> join_words(["inside it under the buffer method", "2.5 km outside it under the Voronoi method"])
    'inside it under the buffer method and 2.5 km outside it under the Voronoi method'
    >>> join_words(["a", "b", "c"]), join_words([])
    ('a, b and c', '')
    """
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " and " + parts[-1]


def format_day(day: date) -> str:
    """A day as the explanations write it.

    Examples
    --------
    >>> format_day(date(2023, 4, 30))
    '30 April 2023'
    """
    return f"{day.day} {day:%B %Y}"
