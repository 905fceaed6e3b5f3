"""Queries and points as users type them: a place name cleaned of control characters and
doubled spaces, and a point read from decimal degrees, hemisphere letters or degrees,
minutes and seconds, checked for range (and, when asked, for the gazetteer's coverage)."""

from __future__ import annotations

import math
import re
import unicodedata

from ..errors import InputError
from ..names import normalize

MAX_QUERY_LENGTH = 300
# A number as Python's float() reads it, with "nan", "inf" and exponents, so that
# "nan,nan" or "1e309,2" is read as a (refused) point, not looked up as a place name.
NUMBER = r"[-+]?(?:(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?|nan|inf(?:inity)?)"
_COORDINATES = re.compile(rf"^\s*\(?\s*({NUMBER})\s*[,;\s]\s*({NUMBER})\s*\)?\s*$", re.IGNORECASE)
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
    >>> parse_coordinates("nan,nan")
    Traceback (most recent call last):
    ...
    geo.errors.InputError: 'nan,nan': latitude 'nan' is not a finite number; give latitude then longitude in decimal degrees, e.g. 15.9,2.4
    """  # noqa: E501 (an example's message is one line)
    match = _COORDINATES.match(text)
    if not match:
        return None
    lat, lon = float(match[1]), float(match[2])
    for name, value, raw in (("latitude", lat, match[1]), ("longitude", lon, match[2])):
        if not math.isfinite(value):
            raise InputError(
                f"{text.strip()!r}: {name} {raw!r} is not a finite number; "
                "give latitude then longitude in decimal degrees, e.g. 15.9,2.4"
            )
    check_lat_lon(lat, lon)
    return lat, lon


# One coordinate with a hemisphere letter or degree signs: "15.9N", "N 15.9", "15°55′N",
# "15° 55' 30\" N", "-2°24′". Degrees, then optional minutes and seconds.
_DMS = (
    r"(?P<sign>[-+])?\s*(?P<deg>\d+(?:\.\d+)?)\s*(?:[°º˚]|deg\b|d\b)?"
    r"(?:\s*(?P<min>\d+(?:\.\d+)?)\s*['′’]"
    r"(?:\s*(?P<sec>\d+(?:\.\d+)?)\s*(?:[\"″”]|''|′′|’’))?)?"
)
_HEMI_COORDINATE = re.compile(rf"(?P<before>[NSEW])?\s*{_DMS}\s*(?P<after>[NSEW])?", re.IGNORECASE)
_POINT_CHARS = re.compile(r"^[\d\s.,;:()°º˚'′’\"″”+\-NSEWnsewd]*$")
POINT_HINT = (
    "give latitude then longitude in decimal degrees, e.g. 15.9,2.4 (south and west are negative), "
    "or with hemisphere letters, e.g. 15.9N 2.4E or 15°55′N 2°24′E"
)


def _splits(text: str) -> list[tuple[str, str]]:
    """The ways ``text`` may split into two coordinates: at its one comma or semicolon,
    else at each run of white space between two things that look like coordinates."""
    for separator in (",", ";"):
        if text.count(separator) == 1 and not any(other in text for other in ",;".replace(separator, "")):
            first, second = text.split(separator)
            return [(first.strip(), second.strip())]
    if "," in text or ";" in text:
        return []
    found = []
    for match in re.finditer(r"\s+", text):
        first, second = text[: match.start()], text[match.end() :]
        if _HEMI_COORDINATE.fullmatch(first) and _HEMI_COORDINATE.fullmatch(second):
            found.append((first, second))
    return found


def _coordinate(text: str, whole: str) -> tuple[float, str | None]:
    """A coordinate's signed degrees and hemisphere letter (``N``/``S``/``E``/``W`` or None)."""
    match = _HEMI_COORDINATE.fullmatch(text)
    if match is None:
        raise InputError(f"{whole!r} is not a point: {text!r} is not a coordinate; {POINT_HINT}")
    before, after = match["before"], match["after"]
    if before and after:
        raise InputError(f"{whole!r}: {text!r} has two hemisphere letters; give one, e.g. 15.9N")
    letter = (before or after or "").upper() or None
    if letter and match["sign"]:
        raise InputError(
            f"{whole!r}: {text!r} has both a sign and a hemisphere letter; give one of them, e.g. 15.9S or -15.9"
        )
    value = float(match["deg"])
    if match["min"] is not None and "." in match["deg"]:
        raise InputError(f"{whole!r}: degrees {match['deg']!r} in {text!r} must be whole when minutes follow")
    for part, label in ((match["min"], "minutes"), (match["sec"], "seconds")):
        if part is not None and float(part) >= 60:
            raise InputError(f"{whole!r}: {label} {part!r} in {text!r} must be below 60, e.g. 15°55′30″N")
    if match["min"] is not None:
        if match["sec"] is not None and "." in match["min"]:
            raise InputError(f"{whole!r}: minutes {match['min']!r} in {text!r} must be whole when seconds follow")
        value += float(match["min"]) / 60 + float(match["sec"] or 0) / 3600
    if match["sign"] == "-" or letter in ("S", "W"):
        value = -value
    return value, letter


def parse_point(text: str) -> tuple[float, float] | None:
    """Read ``text`` as a point ``(lat, lon)``, or return None when it is not one (a name).

    Takes decimal degrees, latitude first (``"15.9,2.4"``, ``"15.9 2.4"``,
    ``"14.48,-4.18"``), hemisphere letters (``"15.9N 2.4E"``, ``"15.9 N, 0.5 W"``,
    ``"N15.9 E2.4"``: then the letters say which is which), and degrees, minutes and
    seconds (``"15°55′N 2°24′E"``, ``"15°55'30\"N, 2°24'E"``). Text made of numbers,
    hemisphere letters and degree signs that still is not a point, or a point out of
    range, raises :class:`~geo.errors.InputError` naming the value.

    Examples
    --------
    >>> parse_point("15.9,2.4"), parse_point("15.9N, 0.5W"), parse_point("Ménaka")
    ((15.9, 2.4), (15.9, -0.5), None)
    >>> parse_point("15.9N 2.4E"), parse_point("2.4E 15.9N")
    ((15.9, 2.4), (15.9, 2.4))
    >>> lat, lon = parse_point("15°55′N 2°24′E")
    >>> round(lat, 4), round(lon, 4)
    (15.9167, 2.4)
    >>> parse_point("15.9,,2.4")
    Traceback (most recent call last):
    ...
    geo.errors.InputError: '15.9,,2.4' is not a point: give latitude then longitude in decimal degrees, e.g. 15.9,2.4 (south and west are negative), or with hemisphere letters, e.g. 15.9N 2.4E or 15°55′N 2°24′E
    >>> parse_point("15°75′N 2°24′E")
    Traceback (most recent call last):
    ...
    geo.errors.InputError: '15°75′N 2°24′E': minutes '75' in '15°75′N' must be below 60, e.g. 15°55′30″N
    """  # noqa: E501 (an example's message is one line)
    if not isinstance(text, str):
        raise InputError(f"a point must be text such as '15.9,2.4', not {type(text).__name__}: {text!r}")
    point = parse_coordinates(text)
    if point is not None:
        return point
    shown = text.strip()
    if not any(c.isdigit() for c in shown) or not _POINT_CHARS.match(shown):
        return None  # a name ("Ménaka", "30 km N of Gao"), not a point
    splits = _splits(shown)
    if not splits:
        raise InputError(f"{shown!r} is not a point: {POINT_HINT}")
    problem: InputError | None = None
    for first_text, second_text in splits:  # "15° 55′ N 2° 24′ E" splits one way only
        try:
            (first, first_letter), (second, second_letter) = (_coordinate(t, shown) for t in (first_text, second_text))
        except InputError as error:
            problem = problem or error
            continue
        break
    else:
        assert problem is not None
        raise problem
    if (first_letter is None) != (second_letter is None):
        raise InputError(
            f"{shown!r}: give a hemisphere letter to both coordinates or to neither, e.g. 15.9N 2.4E or 15.9,2.4"
        )
    if first_letter is None:
        lat, lon = first, second
    else:
        assert second_letter is not None  # both letters or neither: checked above
        axes = {first_letter in "NS", second_letter in "NS"}
        if axes != {True, False}:
            raise InputError(
                f"{shown!r}: one coordinate must be north or south (N, S) and the other east or west (E, W)"
            )
        lat, lon = (first, second) if first_letter in "NS" else (second, first)
    try:
        check_lat_lon(lat, lon)
    except InputError as error:
        raise InputError(f"{shown!r}: {error}") from None
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
    """  # noqa: E501 (an example's message is one line)
    for name, value, limit in (("latitude", lat, 90.0), ("longitude", lon, 180.0)):
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
            raise InputError(f"{name} {value!r} is not a finite number")
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
