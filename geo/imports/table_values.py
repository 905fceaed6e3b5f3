"""The values of an analyst's table: dates in English and French, event-type words,
fatality phrases, and the loose comparison of headers (see :mod:`geo.imports.table`)."""

from __future__ import annotations

import re
import unicodedata
from datetime import date

from .. import schema
from ..dates import parse_date
from ..errors import InputError

__all__ = [
    "ABOUT",
    "AT_LEAST",
    "DATE_FIX",
    "DAY_MONTH_YEAR",
    "ISO",
    "MONTHS",
    "MONTH_DAY_YEAR",
    "MONTH_YEAR",
    "MORE_THAN",
    "NUMERIC",
    "RANGE",
    "YEAR_FIRST",
    "checked_day",
    "loose_key",
    "table_date",
    "table_event_type",
    "table_slug",
]

MONTHS = {
    **dict.fromkeys(("january", "jan", "janvier", "janv"), 1),
    **dict.fromkeys(("february", "feb", "fevrier", "fevr", "fev"), 2),
    **dict.fromkeys(("march", "mar", "mars"), 3),
    **dict.fromkeys(("april", "apr", "avril", "avr"), 4),
    **dict.fromkeys(("may", "mai"), 5),
    **dict.fromkeys(("june", "jun", "juin"), 6),
    **dict.fromkeys(("july", "jul", "juillet", "juil"), 7),
    **dict.fromkeys(("august", "aug", "aout"), 8),
    **dict.fromkeys(("september", "sep", "sept", "septembre"), 9),
    **dict.fromkeys(("october", "oct", "octobre"), 10),
    **dict.fromkeys(("november", "nov", "novembre"), 11),
    **dict.fromkeys(("december", "dec", "decembre"), 12),
}
ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?Z?)?$")
NUMERIC = re.compile(r"^(\d{1,2})([/.-])(\d{1,2})\2(\d{2,4})(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$")
YEAR_FIRST = re.compile(r"^(\d{4})/(\d{1,2})/(\d{1,2})$")
DAY_MONTH_YEAR = re.compile(r"^(\d{1,2})(?:er|st|nd|rd|th)?[\s-]+([a-z]+)\.?[\s-]+(\d{4})$")
MONTH_DAY_YEAR = re.compile(r"^([a-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$")
MONTH_YEAR = re.compile(r"^([a-z]+)\.?[\s-]+(\d{4})$")
DATE_FIX = "write 2022-03-08, 08/03/2022 (day first), 8 March 2022 or 8 mars 2022"

RANGE = re.compile(r"^(\d+)\s*(?:-|–|to|a|à)\s*(\d+)$")
AT_LEAST = re.compile(r"^(?:at least|au moins|(?=\d))\s*(\d+)\s*(\+?)$")
MORE_THAN = re.compile(r"^(?:more than|over|plus de)\s+(\d+)$")
ABOUT = re.compile(r"^(?:about|around|some|approximately|environ|pres de|près de|~)\s*(\d+)$")

_TYPE_WORDS: dict[str, tuple[str, str]] = {
    **dict.fromkeys(("clash", "affrontement", "affrontements", "combat", "combats"), ("Battles", "Armed clash")),
    **dict.fromkeys(
        ("ied", "eei", "landmine", "mine", "engin explosif"),
        ("Explosions/Remote violence", "Remote explosive/landmine/IED"),
    ),
    **dict.fromkeys(
        ("airstrike", "air strike", "drone strike", "frappe aerienne", "frappe de drone"),
        ("Explosions/Remote violence", "Air/drone strike"),
    ),
    **dict.fromkeys(
        ("kidnapping", "abduction", "enlevement"), ("Violence against civilians", "Abduction/forced disappearance")
    ),
    "massacre": ("Violence against civilians", "Attack"),
    **dict.fromkeys(("protest", "manifestation"), ("Protests", "")),
    **dict.fromkeys(("riot", "emeute"), ("Riots", "")),
}


def loose_key(text: str) -> str:
    """A header or value compared loosely: lower case, no accents, runs of other characters as ``_``."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    return re.sub(r"[^a-z0-9]+", "_", plain).strip("_")


def table_slug(text: str) -> str:
    """``text`` as an id part: lower-case ASCII words joined by hyphens.

    Examples
    --------
    >>> table_slug("Incidents Ménaka 2022"), table_slug("MLI/12 b")
    ('incidents-menaka-2022', 'mli-12-b')
    """
    return loose_key(text).replace("_", "-")


def table_date(text: str) -> str:
    """The EDTF date of an analyst's date cell; :class:`InputError` says why when it is none.

    Examples
    --------
    >>> [table_date(t) for t in ("2022-03-08", "08/03/2022", "8 March 2022", "8 mars 2022", "1er août 2022")]
    ['2022-03-08', '2022-03-08', '2022-03-08', '2022-03-08', '2022-08-01']
    >>> table_date("March 8, 2022"), table_date("mars 2022"), table_date("2022-06-18/2022-06-20")
    ('2022-03-08', '2022-03', '2022-06-18/2022-06-20')
    >>> try:
    ...     table_date("03/18/2022")
    ... except InputError as error:
    ...     print(str(error).replace("; ", ";\\n"))
    03/18/2022 can only be month first (there is no month 18);
    numbers are read day first here (08/03/2022 is 8 March 2022): write 2022-03-18
    """
    value = text.strip()
    if not value:
        raise InputError(f"no date; {DATE_FIX}")
    match = ISO.match(value)
    if match:
        return checked_day(value, int(match[1]), int(match[2]), int(match[3])).isoformat()
    match = NUMERIC.match(value)
    if match:
        first, second, year = int(match[1]), int(match[3]), match[4]
        if len(year) != 4:
            raise InputError(f"{value}: a two-digit year; write the year in full (08/03/2022)")
        if second > 12 and first <= 12:
            raise InputError(
                f"{value} can only be month first (there is no month {second}); numbers are read day first here "
                f"(08/03/2022 is 8 March 2022): write {year}-{first:02d}-{second:02d}"
            )
        return checked_day(value, int(year), second, first).isoformat()
    match = YEAR_FIRST.match(value)
    if match:
        return checked_day(value, int(match[1]), int(match[2]), int(match[3])).isoformat()
    if re.fullmatch(r"\d{5}(?:\.\d+)?", value):
        raise InputError(f"{value} is a spreadsheet's day number, not a date: format the column as a date, {DATE_FIX}")
    words = loose_key(value).replace("_", " ")
    for pattern, order in ((DAY_MONTH_YEAR, (0, 1, 2)), (MONTH_DAY_YEAR, (1, 0, 2))):
        match = pattern.match(words)
        if match:
            day, month, year = (match.groups()[i] for i in order)
            if month in MONTHS:
                return checked_day(value, int(year), MONTHS[month], int(day)).isoformat()
    match = MONTH_YEAR.match(words)
    if match and match[1] in MONTHS:
        return f"{int(match[2]):04d}-{MONTHS[match[1]]:02d}"
    try:
        parse_date(value)
    except InputError:
        raise InputError(f"{value} is not a date; {DATE_FIX}") from None
    return value


def checked_day(value: str, year: int, month: int, day: int) -> date:
    try:
        found = date(year, month, day)
    except ValueError as error:
        raise InputError(f"{value} is not a day of the calendar ({error}); {DATE_FIX}") from None
    parse_date(found.isoformat())  # the years the project reads
    return found


def table_event_type(text: str) -> tuple[str, str] | None:
    """(event type, sub-event type) of a type cell: an ACLED type or sub-type, or a common word.

    Examples
    --------
    >>> table_event_type("attack"), table_event_type("Battles")
    (('Violence against civilians', 'Attack'), ('Battles', ''))
    >>> table_event_type("enlèvement")
    ('Violence against civilians', 'Abduction/forced disappearance')
    >>> table_event_type("picnic") is None
    True
    """
    key = loose_key(text)
    for event_type, sub_types in schema.EVENT_TYPES.items():
        if key == loose_key(event_type):
            return event_type, ""
        for sub_type in sub_types:
            if key == loose_key(sub_type):
                return event_type, sub_type
    return _TYPE_WORDS.get(key.replace("_", " "))
