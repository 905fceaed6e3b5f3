"""Validation of user input, in one place: queries, coordinates, options."""

from __future__ import annotations

import math
import re
import unicodedata

from .errors import InputError
from .names import normalize

MAX_QUERY_LENGTH = 300
_COORDINATES = re.compile(r"^\s*\(?\s*([-+]?\d+(?:\.\d+)?)\s*[,;\s]\s*([-+]?\d+(?:\.\d+)?)\s*\)?\s*$")
# Mali's bounding box (degrees), to recognise swapped latitude/longitude.
MALI_BOUNDS = (-12.3, 10.1, 4.3, 25.0)  # min lon, min lat, max lon, max lat
# The gazetteer's coverage: Mali and its neighbours.
COVERAGE_BOUNDS = (-17.7, 4.2, 16.0, 37.2)


def clean_query(query: object) -> str:
    """Return a query stripped of outer and doubled white space, or raise InputError.

    Examples
    --------
    >>> clean_query("  Ménaka\\t ")
    'Ménaka'
    >>> clean_query("Mé\\x07naka")
    Traceback (most recent call last):
    ...
    geo.errors.InputError: the query contains the control character U+0007 at position 3: remove it
    """
    if not isinstance(query, str):
        raise InputError(f"a query must be text, not {type(query).__name__}: {query!r}")
    for position, char in enumerate(query, start=1):
        if char in "\t\n\r":
            continue
        if unicodedata.category(char) in ("Cc", "Cs") or char in "\u200b\ufeff":
            raise InputError(
                f"the query contains the control character U+{ord(char):04X} at position {position}: remove it"
            )
    text = " ".join(query.split())
    if not text:
        raise InputError("the query is empty: give a place name such as 'Ménaka'")
    if len(text) > MAX_QUERY_LENGTH:
        raise InputError(
            f"the query is {len(text):,} characters long; a place name or relative location "
            f"is at most {MAX_QUERY_LENGTH} (starts {text[:40]!r})"
        )
    if not normalize(text):
        raise InputError(f"the query {text!r} holds no letter or digit: give a place name")
    return text


def parse_coordinates(text: str) -> tuple[float, float] | None:
    """Parse ``"LAT,LON"`` (or ``"LAT LON"``) into a checked (lat, lon), else None.

    Examples
    --------
    >>> parse_coordinates("15.92, 2.40")
    (15.92, 2.4)
    >>> parse_coordinates("Ménaka") is None
    True
    """
    match = _COORDINATES.match(text)
    if not match:
        return None
    lat, lon = float(match[1]), float(match[2])
    check_lat_lon(lat, lon)
    return lat, lon


def _inside(bounds: tuple[float, float, float, float], lat: float, lon: float) -> bool:
    min_lon, min_lat, max_lon, max_lat = bounds
    return min_lat <= lat <= max_lat and min_lon <= lon <= max_lon


def check_lat_lon(lat: float, lon: float, *, coverage: bool = False) -> None:
    """Raise InputError for out-of-range coordinates, and (``coverage=True``) for a
    point outside Mali and its neighbours, saying when swapping them would fit.

    Examples
    --------
    >>> check_lat_lon(2.4, 15.9, coverage=True)
    Traceback (most recent call last):
    ...
    geo.errors.InputError: latitude 2.4, longitude 15.9 lies outside Mali and its neighbours, but latitude 15.9, longitude 2.4 lies in Mali: are latitude and longitude swapped? Give latitude first.
    """
    for name, value, limit in (("latitude", lat, 90.0), ("longitude", lon, 180.0)):
        if isinstance(value, bool) or not isinstance(value, (int, float)) or math.isnan(value):
            raise InputError(f"{name} {value!r} is not a number")
        if not -limit <= value <= limit:
            hint = " (latitude comes first)" if name == "latitude" and abs(value) <= 180 else ""
            raise InputError(f"{name} {value} is out of range [-{limit:g}, {limit:g}]{hint}")
    if coverage and not _inside(COVERAGE_BOUNDS, lat, lon):
        if _inside(MALI_BOUNDS, lon, lat):
            raise InputError(
                f"latitude {lat:g}, longitude {lon:g} lies outside Mali and its neighbours, but latitude "
                f"{lon:g}, longitude {lat:g} lies in Mali: are latitude and longitude swapped? Give latitude first."
            )
        raise InputError(
            f"latitude {lat:g}, longitude {lon:g} lies outside the gazetteer's coverage (Mali and its "
            "neighbours, roughly latitude 4 to 37 and longitude -18 to 16)"
        )
