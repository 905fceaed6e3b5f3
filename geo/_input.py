"""Validation of user input, in one place: queries, coordinates, options."""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterator

from .errors import InputError
from .names import normalize

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
    """
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
    """
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
    """
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


# --- numbers ----------------------------------------------------------------------------
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


# --- dates --------------------------------------------------------------------------------
# Every day the toolkit handles lies in these years: a margin of a year below
# datetime's year 1 and above its year 9999, so that widening an approximate date, a
# window of days or the end of a period never leaves the calendar Python can count.
MIN_YEAR, MAX_YEAR = 1, 9998
DATE_LIMITS = "dates must lie between 0001-01-01 and 9998-12-31"


def check_window(day, days: int, option: str) -> None:
    """Raise :class:`~geo.errors.InputError` when the ``days`` days up to ``day`` (a
    ``datetime.date``) would start before 0001-01-01.

    Examples
    --------
    >>> import datetime as dt
    >>> check_window(dt.date(1, 1, 2), 3, "--at")
    Traceback (most recent call last):
    ...
    geo.errors.InputError: --at 0001-01-02 with a window of 3 days starts before 0001-01-01: dates must lie between 0001-01-01 and 9998-12-31
    """
    import datetime as dt

    if day is None:
        return
    if (day - dt.date(MIN_YEAR, 1, 1)).days < days - 1:
        raise InputError(
            f"{option} {day.isoformat()} with a window of {days} days starts before 0001-01-01: {DATE_LIMITS}"
        )


# --- files and CSV ------------------------------------------------------------------------
# The largest text document (an article) `geo extract` reads, and the largest CSV file
# cell any reader accepts: far above any real one, far below exhausting memory.
MAX_DOCUMENT_BYTES = 50_000_000
MAX_CSV_FIELD = 10_000_000


def csv_field_limit() -> int:
    """Set (once, for every CSV reader of the toolkit) and return the largest cell read:
    :data:`MAX_CSV_FIELD` characters. A larger cell is reported with its file and line."""
    import csv

    if csv.field_size_limit() != MAX_CSV_FIELD:
        csv.field_size_limit(MAX_CSV_FIELD)
    return MAX_CSV_FIELD


def numbered_rows(reader: Iterator[list[str]], label: str) -> Iterator[tuple[int, list[str]]]:
    """The rows of a ``csv.reader`` whose header was read already, each with the line it
    starts on (a quoted cell may span lines); a broken row raises
    :class:`~geo.errors.InputError` naming ``label`` and the line (:func:`csv_error_message`).

    Examples
    --------
    >>> import csv, io
    >>> reader = csv.reader(io.StringIO('a,"b\\nc"\\nd,e\\n'))
    >>> list(numbered_rows(reader, "pairs.csv"))
    [(2, ['a', 'b\\nc']), (4, ['d', 'e'])]
    """
    import csv

    line = 2
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            where, message, fix = csv_error_message(error, start=line, last=getattr(reader, "line_num", 0) + 1)
            raise InputError(f"{label}, line {where}: {message}; {fix}") from None
        start, line = line, getattr(reader, "line_num", 0) + 2
        yield start, row


def csv_error_message(error: Exception, *, start: int, last: int) -> tuple[int, str, str]:
    """``(line, message, fix)`` for a :class:`csv.Error` raised while reading the row
    that starts on line ``start`` (``last``: the last line read).

    Examples
    --------
    >>> csv_error_message(Exception("unexpected end of data"), start=3, last=9)[1]
    'a quote opened on line 3 is never closed: lines 3 to 9 would be one cell'
    """
    text = str(error)
    if "field larger than field limit" in text:
        return (
            start,
            f"a cell longer than {MAX_CSV_FIELD:,} characters (the limit of a cell)",
            "check for a quote that is never closed, or split the text",
        )
    if "unexpected end of data" in text:
        return (
            start,
            f"a quote opened on line {start} is never closed: "
            + (
                f"lines {start} to {last} would be one cell"
                if last > start
                else "the rest of the file would be one cell"
            ),
            'close the quote; a quote inside a quoted cell is written twice ("")',
        )
    stopped = f", read up to line {last}" if last > start else ""
    return (
        start,
        f"malformed quoting in the row that starts on line {start} ({text}{stopped}): "
        "a quote opened in it may never be closed",
        'quote whole cells only: "a, b"; a quote inside a quoted cell is written twice ("")',
    )


def check_input_file(path, *, what: str, limit: int | None = None) -> None:
    """Raise :class:`~geo.errors.InputError` unless ``path`` is a regular file that can
    be opened, no larger than ``limit`` bytes: a missing file, a folder, a symbolic-link
    loop, a device (``/dev/zero``) or a pipe each get a message naming the path."""
    import errno
    import os
    import stat

    try:
        info = os.stat(path)
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise InputError(f"{path}: a loop of symbolic links; give the path of the {what} itself") from None
        if error.errno in (errno.ENOENT, errno.ENOTDIR):
            raise InputError(f"{path}: no such file; give the path of the {what}") from None
        raise InputError(f"{path}: cannot read the {what}: {error.strerror}") from None
    if stat.S_ISDIR(info.st_mode):
        raise InputError(f"{path} is a folder; give the path of the {what}, a file")
    if not stat.S_ISREG(info.st_mode):
        raise InputError(f"{path} is not a regular file (a device, pipe or socket); give the path of the {what}")
    if limit is not None and info.st_size > limit:
        raise InputError(
            f"{path} is {info.st_size / 1e6:,.1f} MB; a {what} may be at most {limit / 1e6:,.0f} MB: split it"
        )


def read_limited(stream, *, label: str, what: str, limit: int) -> bytes:
    """Up to ``limit`` bytes of a binary stream (standard input), or InputError when more come."""
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise InputError(f"{label}: more than {limit / 1e6:,.0f} MB; a {what} may be at most that: split it")
    return data


def decode_utf8(data: bytes, label: str) -> str:
    """``data`` decoded as UTF-8 (a leading BOM dropped), or InputError naming the line
    and byte offset of the first byte that is not UTF-8.

    Examples
    --------
    >>> decode_utf8(b"ok\\nM\\xe9naka", "article.txt")
    Traceback (most recent call last):
    ...
    geo.errors.InputError: article.txt: byte 4 is not UTF-8 (0xe9, on line 2); save the file as UTF-8 (e.g. `iconv -f WINDOWS-1252 -t UTF-8 IN > OUT`)
    """
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise InputError(
            f"{label}: byte {error.start} is not UTF-8 (0x{data[error.start]:02x}, on line {line}); "
            "save the file as UTF-8 (e.g. `iconv -f WINDOWS-1252 -t UTF-8 IN > OUT`)"
        ) from None


def read_text(path, *, what: str, limit: int = MAX_DOCUMENT_BYTES) -> str:
    """The text of a UTF-8 file, or of standard input when ``path`` is ``"-"``, with
    every line ending read as one ``\\n`` (as Python's text mode reads it).

    Raises :class:`~geo.errors.InputError` for a missing file, a folder, a device or
    pipe given by name, a symbolic-link loop, more than ``limit`` bytes
    (:data:`MAX_DOCUMENT_BYTES` by default), or bytes that are not UTF-8 (naming the line
    and the byte offset), whether the bytes come from a file or from standard input.
    """
    import sys

    if str(path) == "-":
        label = "standard input"
        data = read_limited(sys.stdin.buffer, label=label, what=what, limit=limit)
    else:
        label = str(path)
        check_input_file(path, what=what, limit=limit)
        try:
            with open(path, "rb") as handle:
                data = read_limited(handle, label=label, what=what, limit=limit)
        except OSError as error:
            raise InputError(f"{label}: cannot read the {what}: {error.strerror}") from None
    return decode_utf8(data, label).replace("\r\n", "\n").replace("\r", "\n")
