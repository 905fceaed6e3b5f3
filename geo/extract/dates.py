"""Date mentions in English prose, resolved to the project's EDTF subset.

:func:`find_dates` returns every date expression of a text as a :class:`Mention` of kind
``date``; its resolution is an EDTF date or interval (``geo.dates.parse_date`` reads
every value written here), the first and last possible day, and whether the value was
found with help from outside the expression itself (``relative``).

The rules
---------
- **No invented precision.** A value is as precise as the words: "March 2022" is
  ``2022-03``, "in 2012" is ``2012``. Parts of a month are thirds: "early / mid / late
  March 2022" and "the beginning / middle / end of March 2022" are days 1-10, 11-20 and
  21 to the last day. Parts of a year follow ``seeds/README.md``: early = January-April,
  mid = May-August, late = September-December ("mid-2021" is ``2021-05/2021-08``).
  Halves, quarters and seasons are EDTF groupings ("the first half of 2022" ``2022-40``,
  "the summer of 2018" ``2018-22``; winter is December and the next January-February).
  "The 1990s" is ``199X``, "the 19th century" ``18XX``.
- **Ranges** keep both ends: "March 8-9, 2022", "8 and 9 March 2022", "from March to
  June 2022", "between 2012 and 2015", "2012-2015", "2019-20"; "from" and "between"
  are in the span. An end without a year takes the other end's year. "Since X" is
  ``X/..`` and "by / until / through X" is ``../X``; the span includes the word. "The
  week of 7 March 2022" is Monday to Sunday of that week, its "beginning" Monday to
  Wednesday and its "end" Friday to Sunday.
- **Weekdays** written with a date stay in the span ("Tuesday, March 8, 2022"). The
  date decides; a weekday that contradicts it adds a ``note``. For a date without a
  year the weekday chooses between the news-convention year and its neighbours.
- **Dates without a year** ("June 15", "early March", "since March") take the year
  that puts their first day on or before the document's date (a news report speaks
  of the past); when the previous date in the text is in another year, a ``note``
  says so (a history told year by year may mean that year instead). **Relative
  expressions** ("yesterday", "last week", "this year", "earlier this month", "the
  past two years", "three days ago", "on Tuesday", "over the weekend") are intervals
  around the document's date. Both set ``relative``; with no document date they are
  still reported, with ``date`` ``None`` and a ``reason``.
- **Dates counted from an earlier one** ("two days later", "the next day", "the
  following year", "April 6th of that year", "that June") are resolved against the
  nearest earlier date mention in the text (the nearest one within a single year for
  "that year"), set ``relative`` and name what they were counted from in ``note``.
- **Not dates**: numbers that are counts ("2,000 people", "2000 fighters"), page,
  line, resolution or footnote numbers, bare years outside 1900-2099, a run of three or
  more bare years separated by spaces only (an archive menu), anything inside a URL,
  "may" and "march" in lower case, a capitalised "May" or "March" with neither a day,
  a year nor a date word before it ("May the group ...", "March on Bamako"), and
  times of day. Vague expressions ("several days later", "in recent years", "today"
  in the sense of nowadays) are left out.
- Numeric dates ``d/m/yyyy`` are read only when the order is certain (one part above
  12, or both equal); otherwise they are reported with ``date`` ``None``.

Offsets are Python string indices into ``text`` (end exclusive). Only ``re`` and
``datetime`` are used; a 50,000-character document takes about 20 milliseconds.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta

from ..dates import parse_date
from ..errors import InputError
from .mention import DATE, DATE_EDTF, EARLIEST, LATEST, NOTE, REASON, RELATIVE, Mention
from .text import URL

__all__ = ["document_date", "find_dates"]

# Extra resolution keys of a date mention (to move into mention.py).

NO_DOC_DATE = "document date unknown"
NO_ANCHOR = "no earlier date in the text to count from"
NO_YEAR = "no earlier year in the text to refer to"
NOT_A_DATE = "not a valid calendar date"
BACKWARDS = "the range ends before it starts"
ORDER_UNKNOWN = "day and month order unknown"

_Ends = tuple[str, str]  # the two EDTF ends of a value (equal for a single date; ".." for an open end)

# --------------------------------------------------------------------------- words

_MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
_MONTHS.update({"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8})
_MONTHS.update({"sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12})
_WEEKDAYS = {name.lower(): number for number, name in enumerate(calendar.day_name)}
_NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}
_NUMBERS.update({"seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12})
_ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4}
_SEASONS = {"spring": 21, "summer": 22, "autumn": 23, "fall": 23, "winter": 24}
# (first, last) of the thirds of a month (days) and of a year (months)
_MONTH_PARTS = {"early": (1, 10), "beginning": (1, 10), "start": (1, 10), "mid": (11, 20), "middle": (11, 20)}
_MONTH_PARTS.update({"late": (21, 31), "end": (21, 31)})
_YEAR_PARTS = {"early": (1, 4), "beginning": (1, 4), "start": (1, 4), "mid": (5, 8), "middle": (5, 8)}
_YEAR_PARTS.update({"late": (9, 12), "end": (9, 12)})
_DECADE_PARTS = {"early": (0, 3), "mid": (4, 6), "late": (7, 9)}


def _cased(*words: str) -> str:
    """``word|Word`` for each word or phrase (not parenthesised).

    Alternatives that each start with a literal let ``re`` skip ahead fast.
    """
    return "|".join(f"{word}|{word[0].upper()}{word[1:]}" for word in words)


def _title_or_upper(names: list[str]) -> str:
    return "|".join([*names, *(name.upper() for name in names)])


# Every pattern below starts with a literal or a character class (never with a look-behind
# or an optional group), which lets ``re`` skip most positions; what must hold before a
# match (a word boundary, "the", a weekday) is checked in Python by the builders.
_FULL_MONTH_NAMES = [name for name in calendar.month_name if name]
_ABBREVIATIONS = ["Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sept", "Sep", "Oct", "Nov", "Dec"]
_MON_FULL = rf"(?:{_title_or_upper(_FULL_MONTH_NAMES)})(?![A-Za-z])"
_MONTH_WORDS = [*_FULL_MONTH_NAMES, *(name.upper() for name in _FULL_MONTH_NAMES)]
_MONTH_WORDS += [abbreviation + "\\." for abbreviation in _ABBREVIATIONS] + _ABBREVIATIONS
_MON = rf"(?:{'|'.join(_MONTH_WORDS)})(?![A-Za-z])"
_WD = rf"(?:{_title_or_upper(list(calendar.day_name))})(?![A-Za-z])"
_POD = r"(?:\s+(?:morning|afternoon|evening|night))"
_DAY = r"\d\d?(?:st|nd|rd|th)?(?!\d)"
_DAY_RANGE = r"(?:\s*[-–—]\s*|\s+(?:and|to|through)\s+)"
_YEAR_DIGITS = r"(?:1[5-9]\d\d|20\d\d)"
_YEAR = rf"{_YEAR_DIGITS}(?!\d|,\d)"
_NUM = r"(?:\d{1,3}|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"

_US = re.compile(rf"(?P<mon>{_MON})\s+(?P<d1>{_DAY})(?:{_DAY_RANGE}(?P<d2>{_DAY}))?(?:,?\s+(?P<year>{_YEAR}))?")
_DAY_FIRST = re.compile(
    rf"(?P<d1>{_DAY})(?:{_DAY_RANGE}(?:the\s+)?(?P<d2>{_DAY}))?(?:\s+of)?\s+(?P<mon>{_MON})(?:,?\s+(?P<year>{_YEAR}))?"
)
_ISO = re.compile(rf"(?P<year>{_YEAR_DIGITS})-(?P<m>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12]\d|3[01])(?![\d-])")
_NUMERIC = re.compile(rf"(?P<a>\d\d?)/(?P<b>\d\d?)/(?P<year>{_YEAR})(?!/)")
_MONTH_YEAR = re.compile(rf"(?P<mon>{_MON})(?:,|\s+of)?\s+(?P<year>{_YEAR})")
_MONTH_OR_YEAR = rf"(?:(?P<mon>{_MON_FULL})(?:,?\s+(?P<year>{_YEAR}))?|(?P<year2>{_YEAR}))"
_PART = re.compile(rf"(?P<q>{_cased('early', 'mid', 'late')})(?:-|\s+in\s+|\s+){_MONTH_OR_YEAR}")
_PART_OF = re.compile(rf"(?P<q>{_cased('beginning', 'start', 'middle', 'end')})\s+of\s+{_MONTH_OR_YEAR}")
_SEASON_WORDS = _cased("spring", "summer", "autumn", "fall", "winter")
_SEASON = re.compile(rf"(?P<s>{_SEASON_WORDS})(?:\s+of)?,?\s+(?P<year>{_YEAR})")
_YEAR_SHARE = re.compile(
    rf"(?P<ord>{_cased('first', 'second', 'third', 'fourth', 'last')}|1st|2nd|3rd|4th)\s+"
    rf"(?:(?P<unit>half|quarter|semester)|(?P<n>{_NUM})\s+months)\s+of\s+(?:the\s+year\s+)?(?P<year>{_YEAR})"
)
_YEAR_QH = re.compile(rf"(?P<letter>[QH])(?P<k>[1-4])\s*(?P<year>{_YEAR})")
_DECADE = re.compile(r"(?P<dec>(?:1[89]|20)\d)0s\b")
_CENTURY = re.compile(r"(?P<n>1[1-9]|2[01])(?:st|nd|rd|th)[\s-]+century\b")
_YEAR_RANGE = re.compile(r"(?P<y1>(?:19|20)\d\d)\s*[-–—]\s*(?:(?P<y2>(?:19|20)\d\d)|(?P<yy>\d\d))(?![\d-])")
_BARE = re.compile(r"(?:19|20)\d\d(?!\w|,\d|[-/–]\d|\s*%|\s+per\s*cent)")
_MONTH_ALONE = re.compile(rf"(?P<mon>{'|'.join(_FULL_MONTH_NAMES)})(?![A-Za-z])")
_RELATIVE_DAY_WORDS = ["yesterday", "tomorrow", "tonight", r"last\s+night", r"earlier\s+today"]
_RELATIVE_DAY_WORDS += [r"this\s+morning", r"this\s+afternoon", r"this\s+evening", r"the\s+day\s+before\s+yesterday"]
_RELATIVE_DAY = re.compile(rf"(?:{_cased(*_RELATIVE_DAY_WORDS)})(?:\s+(?:morning|afternoon|evening|night))?\b")
_RELATIVE_UNIT = re.compile(rf"(?:{_cased('last', 'this', 'next')})\s+(?:week|month|year)\b")
_RELATIVE_PAST = re.compile(
    rf"(?:the|The)\s+(?:past|last)\s+(?:(?P<n>{_NUM})\s+(?P<units>days|weeks|months|years)|(?P<unit>week|month|year))\b"
)
_COUNTED = re.compile(r"(?P<unit>day|week|month|year)s?\s+(?P<dir>ago|later|earlier|afterwards)\b")
_NEXT_DAY = re.compile(
    r"(?:the|The)\s+(?P<dir>next|following|previous|preceding|same)\s+"
    r"(?P<unit>day|morning|afternoon|evening|night|week|month|year)\b"
)
_THAT_YEAR = re.compile(r"(?:that|That)\s+year\b")
_WEEKEND = re.compile(r"weekend\b")
_WEEKDAY_ALONE = re.compile(rf"(?P<wd>{_WD})(?P<pod>{_POD})?(?P<poss>['’]s\b)?")

# Context before a match (searched in a short window that ends where the match starts).
_WEEKDAY_BEFORE = re.compile(rf"(?<![A-Za-z])(?P<wd>{_WD}){_POD}?,?\s+(?:[Tt]he\s+)?$")
_THE_BEFORE = re.compile(r"(?<![A-Za-z])[Tt]he\s+$")
_DECADE_PART_BEFORE = re.compile(r"(?<![A-Za-z])(?P<q>early|mid|late)[-\s]+$", re.IGNORECASE)
_UNIT_PART_BEFORE = re.compile(
    r"(?<![A-Za-z])(?:(?P<q>early|mid|late|earlier|later|so\s+far)[-\s]+"
    r"|(?:the\s+)?(?P<q2>beginning|start|middle|end)\s+of\s+)$",
    re.IGNORECASE,
)
_NUMBER_BEFORE = re.compile(rf"(?<![\w,.])(?P<n>{_NUM})\s+$", re.IGNORECASE)
_WEEKEND_BEFORE = re.compile(r"(?<![A-Za-z])(?P<which>last|this|next|the)\s+$", re.IGNORECASE)
_MONTH_TRIGGER = re.compile(
    r"(?<![A-Za-z])(?P<word>in|since|by|until|till|through|from|during|of|before|after|around|between"
    r"|last|next|this|that|to|and|or)\s+$",
    re.IGNORECASE,
)
_WEEKDAY_TRIGGER = re.compile(r"(?<![A-Za-z])(?P<word>on|last|this|next|since|by|until|from|overnight)\s+$", re.I)
# Counted things after a number: "2000 people" is a count, not a year.
_COUNT_NOUN = re.compile(
    r"(?:\s*(?:[-–]|to|and|or)\s*\d[\d,.]*)?"  # "2000 to 3000 people"
    r"\s*(?:people|persons|fighters|soldiers|troops|civilians|men|women|children|villagers|residents"
    r"|refugees|inhabitants|families|households|militants|jihadists|members|personnel|displaced"
    r"|km|kilometers|kilometres|miles|square|metres|meters|hectares|tons|tonnes|head|cattle"
    r"|dollars|euros|francs|CFA|USD|EUR|hours|hrs|GMT|UTC|h)\b",
    re.IGNORECASE,
)
# Words before a number that make it a count, a page or a reference number.
_NOT_YEAR_BEFORE = re.compile(
    r"(?:(?<![A-Za-z])(?:p|pp|no|nos|vol|page|pages|line|lines|number|resolution|chapter|section|para|paragraph"
    r"|flight|route|ref|more\s+than|less\s+than|fewer\s+than|at\s+least|up\s+to|nearly|almost"
    r"|approximately|over|some)\.?|[#§$€£])\s*$",
    re.IGNORECASE,
)
# Words before a bare year that keep it a year even when a noun follows ("in 2015 soldiers ...").
_YEAR_BEFORE = re.compile(
    r"(?<![A-Za-z])(?:in|since|until|till|during|before|after|early|late|mid|through)\s+$",
    re.IGNORECASE,
)
_OPEN_BEFORE = re.compile(r"\b(?P<word>since|by|until|till|through|up\s+to)\s+$", re.IGNORECASE)
_RANGE_BEFORE = re.compile(r"\b(?P<word>from|between)\s+$", re.IGNORECASE)
_RANGE_GAP = re.compile(r"(?:\s*[-–—]\s*|\s+(?P<word>to|until|till|through|thru|and)\s+)")
_WEEK_BEFORE = re.compile(
    r"\b(?P<the>the\s+)?(?:(?P<part>beginning|start|end)\s+of\s+the\s+)?week\s+of\s+$", re.IGNORECASE
)
_THAT_YEAR_AFTER = re.compile(r"(?:,?\s+of|\s+in)?\s+(?:that|the\s+same)\s+year\b", re.IGNORECASE)
_URL = re.compile(URL.pattern + r"|doi:\S+")  # web addresses and DOIs
_EMAIL = re.compile(r"@[\w-]+\.[\w.]+")


def _day(year: int, month: int, day: int) -> str:
    return f"{year:04d}-{month:02d}-{day:02d}"


def _iso(day: date) -> str:
    return day.isoformat()


def _last_day(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def _add_months(day: date, months: int) -> date:
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, _last_day(year, month)))


def _edtf(ends: _Ends) -> str:
    return ends[0] if ends[0] == ends[1] else f"{ends[0]}/{ends[1]}"


def _span_of(ends: _Ends) -> tuple[date | None, date | None]:
    parsed = parse_date(_edtf(ends))
    return parsed.earliest, parsed.latest


def _month_part(part: str, month: int) -> Callable[[int], _Ends]:
    first, last = _MONTH_PARTS[part]

    def make(year: int) -> _Ends:
        return _day(year, month, first), _day(year, month, min(last, _last_day(year, month)))

    return make


def _dates_ends(first: date, last: date) -> _Ends:
    """Ends for a run of days, written as whole months or a whole year when it is one."""
    if first.day == 1 and last.day == _last_day(last.year, last.month):
        if first.month == 1 and last.month == 12 and first.year == last.year:
            return str(first.year), str(first.year)
        return f"{first.year:04d}-{first.month:02d}", f"{last.year:04d}-{last.month:02d}"
    return _iso(first), _iso(last)


def _ending_at(pattern: re.Pattern[str], text: str, end: int, width: int = 40) -> re.Match[str] | None:
    """The match of ``pattern`` (anchored with ``$``) that ends where a mention starts."""
    return pattern.search(text, max(0, end - width), end)


def _after_letter(text: str, index: int) -> bool:
    return index > 0 and text[index - 1].isalpha()


def _after_alnum(text: str, index: int) -> bool:
    return index > 0 and text[index - 1].isalnum()


def _with_the(text: str, start: int) -> int:
    """``start`` moved back over a "the" just before it."""
    the = _ending_at(_THE_BEFORE, text, start, 12)
    return the.start() if the is not None else start


# --------------------------------------------------------------------------- atoms


@dataclass
class _Atom:
    """One date expression before resolution, and what it needs to be resolved."""

    start: int
    end: int
    make: Callable[[int], _Ends] | None = None  # year -> ends, for values that name a year or need one
    year: int | None = None  # the year written, if any
    month: int | None = None  # the (first) month named, to order a year-less end within a range
    day: int | None = None  # the day named when it is a single day (weekday check, "the week of")
    weekday: int | None = None
    fixed: _Ends | None = None  # ends that need no year (decades, ISO dates)
    rel: Callable[[date], _Ends] | None = None  # resolved against the document's date
    shift: tuple[int, str] | None = None  # counted from the previous date mention: (number, unit)
    anaphor: int | None = None  # year offset from the previous year mentioned ("that year" 0)
    reason: str | None = None  # cannot be resolved at all
    is_range: bool = False
    weak: bool = False  # only a date as the second end of a range ("to June")


def _yearless(atom: _Atom) -> bool:
    """A date that names no year and needs the document's date for one ("June 15")."""
    return atom.make is not None and atom.year is None and atom.rel is None and atom.anaphor is None


def _month_number(word: str) -> int:
    return _MONTHS[word.lower().rstrip(".")]


def _number(word: str) -> int:
    return int(word) if word.isdigit() else _NUMBERS[word.lower()]


def _day_number(word: str | None) -> int | None:
    return None if word is None else int(word.rstrip("stndrh"))


def _count_follows(text: str, end: int) -> bool:
    return _COUNT_NOUN.match(text, end) is not None


def _days_atom(match: re.Match[str], text: str) -> _Atom | None:
    """US ("March 8, 2022") and day-first ("8 March 2022") dates, with day ranges."""
    start = match.start()
    if (text[start].isdigit() and start > 0 and text[start - 1] in "0123456789.,") or _after_letter(text, start):
        return None
    month = _month_number(match["mon"])
    first, second = _day_number(match["d1"]), _day_number(match["d2"])
    assert first is not None
    year = int(match["year"]) if match["year"] else None
    if not 1 <= first <= 31 or (second is not None and not first < second <= 31):
        return None
    if year is None and _count_follows(text, match.end()):
        return None
    weekday = _ending_at(_WEEKDAY_BEFORE, text, start)
    if weekday is not None:
        start = weekday.start()
    elif text[start].isdigit():
        start = _with_the(text, start)

    def make(y: int) -> _Ends:
        return _day(y, month, first), _day(y, month, second if second is not None else first)

    return _Atom(
        start,
        match.end(),
        make=make,
        year=year,
        month=month,
        day=first if second is None else None,
        weekday=None if weekday is None else _WEEKDAYS[weekday["wd"].lower()],
        is_range=second is not None,
    )


def _iso_atom(match: re.Match[str], text: str) -> _Atom | None:
    if match.start() > 0 and text[match.start() - 1] in "0123456789/-":
        return None
    ends = (_day(int(match["year"]), int(match["m"]), int(match["d"])),) * 2
    return _Atom(match.start(), match.end(), fixed=ends)


def _numeric_atom(match: re.Match[str], text: str) -> _Atom | None:
    if match.start() > 0 and text[match.start() - 1] in "0123456789/.":
        return None
    a, b, year = int(match["a"]), int(match["b"]), int(match["year"])
    if a == 0 or b == 0 or (a > 12 and b > 12):
        return None
    atom = _Atom(match.start(), match.end())
    if a > 12 or a == b:
        atom.fixed = (_day(year, b, a),) * 2
    elif b > 12:
        atom.fixed = (_day(year, a, b),) * 2
    else:
        atom.reason = ORDER_UNKNOWN
    return atom


def _month_year_atom(match: re.Match[str], text: str) -> _Atom | None:
    if _after_letter(text, match.start()):
        return None
    month = _month_number(match["mon"])
    return _Atom(
        match.start(), match.end(), make=lambda y: (f"{y:04d}-{month:02d}",) * 2, year=int(match["year"]), month=month
    )


def _part_atom(match: re.Match[str], text: str) -> _Atom | None:
    """'early March 2022', 'mid-2021', 'the end of January': thirds of a month or a year."""
    if _after_letter(text, match.start()):
        return None
    part = match["q"].lower()
    start = _with_the(text, match.start()) if part in ("beginning", "start", "middle", "end") else match.start()
    if match["year2"]:
        first, last = _YEAR_PARTS[part]
        return _Atom(
            start,
            match.end(),
            make=lambda y: (f"{y:04d}-{first:02d}", f"{y:04d}-{last:02d}"),
            year=int(match["year2"]),
            month=first,
        )
    month = _month_number(match["mon"])
    year = int(match["year"]) if match["year"] else None
    return _Atom(start, match.end(), make=_month_part(part, month), year=year, month=month)


def _season_atom(match: re.Match[str], text: str) -> _Atom | None:
    if _after_letter(text, match.start()):
        return None
    code = _SEASONS[match["s"].lower()]
    start = _with_the(text, match.start())
    return _Atom(start, match.end(), make=lambda y: (f"{y:04d}-{code}",) * 2, year=int(match["year"]))


def _year_share_atom(match: re.Match[str], text: str) -> _Atom | None:
    """'the first half of 2022', 'the third quarter of 2020', 'the last three months of 2022'."""
    if _after_letter(text, match.start()):
        return None
    start, year, word = _with_the(text, match.start()), int(match["year"]), match["ord"].lower()
    if match["unit"]:
        order = 4 if word == "last" else _ORDINALS[word]
        if match["unit"] in ("half", "semester"):
            order = 2 if word == "last" else order
            if order > 2:
                return None
            code = 40 + order - 1
        else:
            code = 33 + order - 1
        return _Atom(start, match.end(), make=lambda y: (f"{y:04d}-{code}",) * 2, year=year)
    months = _number(match["n"])
    if word not in ("first", "last") or not 1 <= months <= 12:
        return None
    first, last = (1, months) if word == "first" else (13 - months, 12)
    return _Atom(
        start, match.end(), make=lambda y: (f"{y:04d}-{first:02d}", f"{y:04d}-{last:02d}"), year=year, month=first
    )


def _year_qh_atom(match: re.Match[str], text: str) -> _Atom | None:
    """'Q3 2020' (a quarter), 'H1 2022' (a half)."""
    letter, k = match["letter"], int(match["k"])
    if _after_alnum(text, match.start()) or (letter == "H" and k > 2):
        return None
    code = 33 + k - 1 if letter == "Q" else 40 + k - 1
    return _Atom(match.start(), match.end(), make=lambda y: (f"{y:04d}-{code}",) * 2, year=int(match["year"]))


def _decade_atom(match: re.Match[str], text: str) -> _Atom | None:
    if _after_alnum(text, match.start()):
        return None
    stem, start = match["dec"], match.start()
    part = _ending_at(_DECADE_PART_BEFORE, text, start, 12)
    if part is not None:
        first, last = _DECADE_PARTS[part["q"].lower()]
        ends = (f"{stem}{first}", f"{stem}{last}")
        start = part.start()
    else:
        ends = (f"{stem}X",) * 2
    return _Atom(_with_the(text, start), match.end(), fixed=ends)


def _century_atom(match: re.Match[str], text: str) -> _Atom | None:
    if _after_alnum(text, match.start()):
        return None
    return _Atom(_with_the(text, match.start()), match.end(), fixed=(f"{int(match['n']) - 1:02d}XX",) * 2)


def _year_range_atom(match: re.Match[str], text: str) -> _Atom | None:
    start = match.start()
    if start > 0 and (text[start - 1].isalnum() or text[start - 1] in "_.,"):
        return None
    first = int(match["y1"])
    last = int(match["y2"]) if match["y2"] else first // 100 * 100 + int(match["yy"])
    if last <= first:
        return None
    return _Atom(start, match.end(), fixed=(str(first), str(last)), year=first, is_range=True)


def _bare_year_atom(match: re.Match[str], text: str) -> _Atom | None:
    start = match.start()
    if start > 0 and (text[start - 1].isalnum() or text[start - 1] in "_.,$€£#/"):
        return None
    if start > 1 and text[start - 1] == "-" and text[start - 2].isdigit():
        return None
    if _ending_at(_NOT_YEAR_BEFORE, text, start, 25):
        return None
    if _count_follows(text, match.end()) and not _ending_at(_YEAR_BEFORE, text, start, 12):
        return None
    return _Atom(start, match.end(), make=lambda y: (str(y),) * 2, year=int(match.group()), month=1)


def _month_alone_atom(match: re.Match[str], text: str) -> _Atom | None:
    """A month without day or year, after a word that makes it a date ('in March', 'last June')."""
    if _after_letter(text, match.start()):
        return None
    month = _month_number(match["mon"])
    trigger = _ending_at(_MONTH_TRIGGER, text, match.start(), 12)
    of_that_year = _THAT_YEAR_AFTER.match(text, match.end())
    if trigger is None and of_that_year is None:
        return None
    word = trigger["word"].lower() if trigger else ""
    start = trigger.start("word") if trigger is not None and word in ("last", "this", "next", "that") else match.start()

    def make(y: int) -> _Ends:
        return (f"{y:04d}-{month:02d}",) * 2

    atom = _Atom(start, match.end(), make=make, month=month, weak=word in ("to", "and", "or"))
    if word == "that":
        atom.anaphor = 0
    elif word in ("last", "this", "next"):
        atom.rel = _named_month(word, month)
    return atom


def _named_month(word: str, month: int) -> Callable[[date], _Ends]:
    def rel(today: date) -> _Ends:
        year = today.year
        if word == "last" and month >= today.month:
            year -= 1
        elif word == "next" and month <= today.month:
            year += 1
        return (f"{year:04d}-{month:02d}",) * 2

    return rel


def _relative_day_atom(match: re.Match[str], text: str) -> _Atom | None:
    if _after_alnum(text, match.start()):
        return None
    words = " ".join(match.group().lower().split()[:2])
    if words.startswith("yesterday") or words == "the day":
        back = 2 if words == "the day" else 1
        return _Atom(match.start(), match.end(), rel=lambda d: (_iso(d - timedelta(days=back)),) * 2)
    if words.startswith("tomorrow"):
        return _Atom(match.start(), match.end(), rel=lambda d: (_iso(d + timedelta(days=1)),) * 2)
    if words == "last night":  # the night before the document's day: that evening and the small hours
        return _Atom(match.start(), match.end(), rel=lambda d: (_iso(d - timedelta(days=1)), _iso(d)))
    return _Atom(match.start(), match.end(), rel=lambda d: (_iso(d),) * 2)


def _unit_span(unit: str, day: date, step: int) -> tuple[date, date]:
    """The calendar week (Monday-Sunday), month or year of ``day``, moved by ``step`` units."""
    if unit == "week":
        monday = day - timedelta(days=day.weekday()) + timedelta(weeks=step)
        return monday, monday + timedelta(days=6)
    if unit == "month":
        first = _add_months(day.replace(day=1), step)
        return first, first.replace(day=_last_day(first.year, first.month))
    return date(day.year + step, 1, 1), date(day.year + step, 12, 31)


def _relative_unit_atom(match: re.Match[str], text: str) -> _Atom | None:
    """'last week', 'this year', 'earlier this month', 'late last year', 'so far this year'."""
    if _after_alnum(text, match.start()):
        return None
    which, unit = match.group().lower().split()
    step = {"last": -1, "this": 0, "next": 1}[which]
    start = match.start()
    part = ""
    before = _ending_at(_UNIT_PART_BEFORE, text, start, 30)
    if before is not None:
        part = " ".join((before["q"] or before["q2"]).lower().split())
        if part in ("earlier", "later", "so far") and which != "this":
            part = ""
        else:
            start = before.start()

    def rel(today: date) -> _Ends:
        first, last = _unit_span(unit, today, step)
        if part in ("earlier", "so far"):
            return _iso(first), _iso(today)
        if part == "later":
            return _iso(today), _iso(last)
        if not part:
            return _dates_ends(first, last)
        if unit == "year":
            low, high = _YEAR_PARTS[part]
            return f"{first.year:04d}-{low:02d}", f"{first.year:04d}-{high:02d}"
        if unit == "month":
            return _month_part(part, first.month)(first.year)
        low = {"early": 0, "beginning": 0, "start": 0, "mid": 2, "middle": 2}.get(part, 4)
        return _iso(first + timedelta(days=low)), _iso(first + timedelta(days=low + 2))

    return _Atom(start, match.end(), rel=rel)


def _relative_past_atom(match: re.Match[str], text: str) -> _Atom | None:
    """'the past two years', 'the last 12 months', 'the past week': up to the document's day."""
    if _after_alnum(text, match.start()):
        return None
    if match["unit"]:
        count, unit = 1, match["unit"]
    else:
        count, unit = _number(match["n"]), match["units"].rstrip("s")
    if count < 1:
        return None

    def rel(today: date) -> _Ends:
        if unit == "day":
            first = today - timedelta(days=count)
        elif unit == "week":
            first = today - timedelta(weeks=count)
        else:
            first = _add_months(today, -count * (12 if unit == "year" else 1))
        return _iso(first), _iso(today)

    return _Atom(match.start(), match.end(), rel=rel)


def _counted_atom(match: re.Match[str], text: str) -> _Atom | None:
    """'three days ago' (from the document's date); 'two days later' (from the previous date)."""
    number = _ending_at(_NUMBER_BEFORE, text, match.start(), 12)
    if number is None:
        return None
    count, unit, direction = _number(number["n"]), match["unit"], match["dir"]
    if direction == "ago":

        def rel(today: date) -> _Ends:
            if unit == "day":
                return (_iso(today - timedelta(days=count)),) * 2
            if unit == "week":
                return _dates_ends(*_unit_span("week", today - timedelta(weeks=count), 0))
            months = count * (12 if unit == "year" else 1)
            return _dates_ends(*_unit_span(unit, _add_months(today.replace(day=1), -months), 0))

        return _Atom(number.start(), match.end(), rel=rel)
    sign = -1 if direction == "earlier" else 1
    return _Atom(number.start(), match.end(), shift=(sign * count, unit))


def _next_day_atom(match: re.Match[str], text: str) -> _Atom | None:
    """'the next day', 'the following week', 'the previous year', 'the same day'."""
    if _after_alnum(text, match.start()):
        return None
    direction, unit = match["dir"], match["unit"]
    step = {"next": 1, "following": 1, "previous": -1, "preceding": -1, "same": 0}[direction]
    if unit == "year":
        return _Atom(match.start(), match.end(), make=lambda y: (str(y),) * 2, anaphor=step)
    if unit in ("morning", "afternoon", "evening", "night"):
        unit = "day"
    return _Atom(match.start(), match.end(), shift=(step, "next " + unit))


def _that_year_atom(match: re.Match[str], text: str) -> _Atom | None:
    if _after_alnum(text, match.start()):
        return None
    return _Atom(match.start(), match.end(), make=lambda y: (str(y),) * 2, anaphor=0)


def _weekend_atom(match: re.Match[str], text: str) -> _Atom | None:
    before = _ending_at(_WEEKEND_BEFORE, text, match.start(), 10)
    if before is None:
        return None
    which = before["which"].lower()

    def rel(today: date) -> _Ends:
        saturday = today - timedelta(days=(today.weekday() - 5) % 7 or 7)  # the last Saturday before today
        if which == "this":
            saturday = today + timedelta(days=5 - today.weekday())
        elif which == "next":
            saturday = today + timedelta(days=5 - today.weekday() + 7)
        return _iso(saturday), _iso(saturday + timedelta(days=1))

    return _Atom(before.start(), match.end(), rel=rel)


def _weekday_alone_atom(match: re.Match[str], text: str) -> _Atom | None:
    """'on Tuesday', 'last Friday', "Monday's attack": the nearest such day to the document's date."""
    if _after_letter(text, match.start()):
        return None
    trigger = _ending_at(_WEEKDAY_TRIGGER, text, match.start(), 12)
    if trigger is None and not match["poss"]:
        return None
    word = trigger["word"].lower() if trigger else ""
    weekday = _WEEKDAYS[match["wd"].lower()]
    start = trigger.start("word") if trigger is not None and word in ("last", "this", "next") else match.start()
    end = match.end("pod") if match["pod"] else match.end("wd")

    def rel(today: date) -> _Ends:
        back = (today.weekday() - weekday) % 7
        if word == "last":
            back = back or 7
        elif word == "this":
            back = today.weekday() - weekday
        elif word == "next":
            back = -((weekday - today.weekday()) % 7 or 7)
        return (_iso(today - timedelta(days=back)),) * 2

    return _Atom(start, end, rel=rel)


_FINDERS: list[tuple[re.Pattern[str], Callable[[re.Match[str], str], _Atom | None]]] = [
    (_ISO, _iso_atom),
    (_NUMERIC, _numeric_atom),
    (_US, _days_atom),
    (_DAY_FIRST, _days_atom),
    (_MONTH_YEAR, _month_year_atom),
    (_PART, _part_atom),
    (_PART_OF, _part_atom),
    (_SEASON, _season_atom),
    (_YEAR_SHARE, _year_share_atom),
    (_YEAR_QH, _year_qh_atom),
    (_DECADE, _decade_atom),
    (_CENTURY, _century_atom),
    (_YEAR_RANGE, _year_range_atom),
    (_MONTH_ALONE, _month_alone_atom),
    (_RELATIVE_DAY, _relative_day_atom),
    (_RELATIVE_UNIT, _relative_unit_atom),
    (_RELATIVE_PAST, _relative_past_atom),
    (_COUNTED, _counted_atom),
    (_NEXT_DAY, _next_day_atom),
    (_THAT_YEAR, _that_year_atom),
    (_WEEKEND, _weekend_atom),
    (_WEEKDAY_ALONE, _weekday_alone_atom),
]


def _atoms(text: str) -> list[_Atom]:
    """Every candidate, then the leftmost-longest ones that do not overlap."""
    candidates: list[_Atom] = []
    for pattern, build in _FINDERS:
        for match in pattern.finditer(text):
            atom = build(match, text)
            if atom is not None:
                candidates.append(atom)
    candidates.extend(_bare_years(text))
    candidates.sort(key=lambda a: (a.start, -a.end))
    chosen: list[_Atom] = []
    for atom in candidates:
        if not chosen or atom.start >= chosen[-1].end:
            chosen.append(atom)
    return chosen


def _bare_years(text: str) -> Iterator[_Atom]:
    """Bare years, less runs of three or more separated by spaces only (an archive menu)."""
    run: list[_Atom] = []
    for match in _BARE.finditer(text):
        atom = _bare_year_atom(match, text)
        if atom is None:
            continue
        if run and text[run[-1].end : atom.start].strip(" \t") == "":
            run.append(atom)
            continue
        if len(run) < 3:
            yield from run
        run = [atom]
    if len(run) < 3:
        yield from run


# --------------------------------------------------------------------------- combining


@dataclass
class _Found:
    """A mention: one atom, or two as a range, and the words around it that change it."""

    start: int
    end: int
    parts: list[_Atom]
    week: str | None = None  # "week" | "beginning" | "end" ("the beginning of the week of 7 March")
    open: str | None = None  # "since" (X/..) | "by" (../X)


def _combine(text: str, atoms: list[_Atom]) -> list[_Found]:
    atoms = _extend_that_year(text, atoms)
    found: list[_Found] = []
    i = 0
    while i < len(atoms):
        first = atoms[i]
        second = atoms[i + 1] if i + 1 < len(atoms) else None
        pair = _range_pair(text, first, second) if second is not None else None
        if pair is not None:
            found.append(pair)
            i += 2
            continue
        i += 1
        if first.weak:
            continue
        item = _Found(first.start, first.end, [first])
        if first.is_range:
            before = _RANGE_BEFORE.search(text, max(0, first.start - 10), first.start)
            if before is not None:
                item.start = before.start("word")
        elif first.day is not None or (first.fixed is not None and len(first.fixed[0]) == 10):
            week = _WEEK_BEFORE.search(text, max(0, first.start - 40), first.start)
            if week is not None:
                item.week = (week["part"] or "week").lower().replace("start", "beginning")
                item.start = week.start()
        opener = _OPEN_BEFORE.search(text, max(0, item.start - 10), item.start)
        if opener is not None and not first.is_range:
            item.open = "since" if opener["word"].lower() == "since" else "by"
            item.start = opener.start("word")
        found.append(item)
    return found


def _extend_that_year(text: str, atoms: list[_Atom]) -> list[_Atom]:
    """'April 6th of that year', 'January of the same year': the year of an earlier mention."""
    out: list[_Atom] = []
    skip_until = -1
    for atom in atoms:
        if atom.start < skip_until:
            continue
        if atom.year is None and atom.make is not None and atom.anaphor is None and atom.rel is None:
            tail = _THAT_YEAR_AFTER.match(text, atom.end)
            if tail is not None:
                atom.end = skip_until = tail.end()
                atom.anaphor = 0
                atom.weak = False
        out.append(atom)
    return out


def _range_pair(text: str, first: _Atom, second: _Atom) -> _Found | None:
    if first.is_range or second.is_range or first.shift or second.shift:
        return None
    gap = _RANGE_GAP.fullmatch(text, first.end, second.start)
    if gap is None:
        return None
    before = _RANGE_BEFORE.search(text, max(0, first.start - 10), first.start)
    word = (gap["word"] or "-").lower()
    if word == "and" and (before is None or before["word"].lower() != "between"):
        return None
    if before is not None and before["word"].lower() == "between" and word != "and":
        before = None
    # a year-less end takes the year of the other end
    if first.year is None and second.year is not None and _yearless(first):
        first.year = second.year - (1 if (first.month or 1) > (second.month or 12) else 0)
    if second.year is None and first.year is not None and _yearless(second):
        second.year = first.year + (1 if (second.month or 12) < (first.month or 1) else 0)
    start = before.start("word") if before is not None else first.start
    return _Found(start, second.end, [first, second])


# --------------------------------------------------------------------------- resolving


class _UnresolvedError(Exception):
    """A mention whose value cannot be found; the message is the reason."""


@dataclass
class _Context:
    today: date | None
    last_span: tuple[date, date, str] | None = None  # the previous bounded value, and its text
    last_year: tuple[int, str] | None = None  # the previous value within one year, and its text


def _weekday_note(atom: _Atom, year: int) -> str | None:
    if atom.weekday is None or atom.day is None or atom.month is None:
        return None
    try:
        actual = date(year, atom.month, atom.day).weekday()
    except ValueError:
        return None
    if actual == atom.weekday:
        return None
    named, real = calendar.day_name[atom.weekday], calendar.day_name[actual]
    return f"{named} does not match {_day(year, atom.month, atom.day)}, a {real}; the date was kept"


def _weekday_fits(atom: _Atom, year: int) -> bool:
    try:
        return atom.day is not None and date(year, atom.month or 1, atom.day).weekday() == atom.weekday
    except ValueError:
        return False


def _news_year(atom: _Atom, today: date) -> int:
    """The latest year that puts the value's first day on or before ``today``."""
    assert atom.make is not None
    for year in (today.year, today.year - 1, today.year - 2, today.year - 3, today.year - 4):
        try:
            earliest, _ = _span_of(atom.make(year))
        except InputError:
            continue  # 29 February in a common year
        if earliest is not None and earliest <= today:
            return year
    raise _UnresolvedError(NOT_A_DATE)


def _resolve_atom(atom: _Atom, ctx: _Context, text: str) -> tuple[_Ends, bool, list[str]]:
    """Ends, whether help from outside the expression was needed, and notes."""
    if atom.reason:
        raise _UnresolvedError(atom.reason)
    if atom.fixed is not None:
        return atom.fixed, False, []
    if atom.make is not None and atom.year is not None:
        note = _weekday_note(atom, atom.year)
        return atom.make(atom.year), False, [note] if note else []
    if atom.make is not None and atom.anaphor is not None:
        if ctx.last_year is None:
            raise _UnresolvedError(NO_YEAR)
        year, source = ctx.last_year
        return atom.make(year + atom.anaphor), True, [f"year from {source!r}"]
    if atom.shift is not None:
        return _shifted(atom.shift, ctx)
    if ctx.today is None:
        raise _UnresolvedError(NO_DOC_DATE)
    if atom.rel is not None:
        return atom.rel(ctx.today), True, []
    if atom.make is not None:  # a date without a year
        year = _news_year(atom, ctx.today)
        if atom.weekday is not None and not _weekday_fits(atom, year):
            fitting = [y for y in (year - 1, year + 1) if _weekday_fits(atom, y)]
            if not fitting:
                return atom.make(year), True, [_weekday_note(atom, year) or ""]
            note = f"year {fitting[0]} chosen by the weekday (the document's date gives {year})"
            return atom.make(fitting[0]), True, [note]
        if ctx.last_year is not None and ctx.last_year[0] != year:  # a hint for narratives of past years
            return (
                atom.make(year),
                True,
                [f"year from the document's date; the previous date in the text is in {ctx.last_year[0]}"],
            )
        return atom.make(year), True, []
    raise _UnresolvedError(NOT_A_DATE)  # pragma: no cover - every atom has one of the above


def _shifted(shift: tuple[int, str], ctx: _Context) -> tuple[_Ends, bool, list[str]]:
    if ctx.last_span is None:
        raise _UnresolvedError(NO_ANCHOR)
    count, unit = shift
    first, last, source = ctx.last_span
    note = [f"counted from {source!r}"]
    if unit in ("day", "next day"):
        step = timedelta(days=count)
        return _dates_ends(first + step, last + step) if first != last else (_iso(first + step),) * 2, True, note
    if unit == "week":
        step = timedelta(weeks=count)
        return (_iso(first + step), _iso(last + step)), True, note
    if unit == "next week":
        first, _ = _unit_span("week", first, count)
        _, last = _unit_span("week", last, count)
        return (_iso(first), _iso(last)), True, note
    months = count * (12 if unit in ("year", "next year") else 1)
    first, last = _add_months(first, months), _add_months(last, months)
    if unit in ("year", "next year"):
        return (str(first.year), str(last.year)), True, note
    return (f"{first.year:04d}-{first.month:02d}", f"{last.year:04d}-{last.month:02d}"), True, note


def _week(kind: str, ends: _Ends) -> _Ends:
    day = date.fromisoformat(ends[0])
    monday = day - timedelta(days=day.weekday())
    first, days = {"week": (0, 7), "beginning": (0, 3), "end": (4, 3)}[kind]
    return _iso(monday + timedelta(days=first)), _iso(monday + timedelta(days=first + days - 1))


def _resolve(item: _Found, ctx: _Context, text: str) -> dict[str, object]:
    resolution: dict[str, object] = {DATE_EDTF: None, EARLIEST: None, LATEST: None, RELATIVE: False}
    notes: list[str] = []
    relative = False
    ends_list: list[_Ends] = []
    try:
        if len(item.parts) == 2 and all(_yearless(a) for a in item.parts) and ctx.today is not None:
            opening, closing = item.parts  # the end takes the news-convention year, the start follows it
            closing.year = _news_year(closing, ctx.today)
            opening.year = closing.year - (1 if (opening.month or 1) > (closing.month or 12) else 0)
            relative = True
        for atom in item.parts:
            ends, helped, atom_notes = _resolve_atom(atom, ctx, text)
            relative = relative or helped
            notes.extend(n for n in atom_notes if n)
            ends_list.append(ends)
            try:
                first, last = _span_of(ends)
            except InputError as error:
                raise _UnresolvedError(NOT_A_DATE) from error
            if first is not None and last is not None:
                surface = text[atom.start : atom.end]
                ctx.last_span = (first, last, surface)
                if first.year == last.year:
                    ctx.last_year = (first.year, surface)
        ends = (ends_list[0][0], ends_list[-1][1])
        if item.week and len(ends[0]) == 10 and ends[0] == ends[1]:
            ends = _week(item.week, ends)
        if item.open == "since":
            ends = (ends[0], "..")
        elif item.open == "by":
            ends = ("..", ends[1])
        value = _edtf(ends)
        try:
            parsed = parse_date(value)
        except InputError as error:
            raise _UnresolvedError(BACKWARDS if len(ends_list) == 2 else NOT_A_DATE) from error
    except _UnresolvedError as problem:
        resolution[RELATIVE] = relative or str(problem) in (NO_DOC_DATE, NO_ANCHOR, NO_YEAR)
        resolution[REASON] = str(problem)
        return resolution
    resolution[DATE_EDTF] = value
    resolution[EARLIEST] = parsed.earliest.isoformat() if parsed.earliest else None
    resolution[LATEST] = parsed.latest.isoformat() if parsed.latest else None
    resolution[RELATIVE] = relative
    if notes:
        resolution[NOTE] = "; ".join(notes)
    return resolution


# --------------------------------------------------------------------------- public


def _masked(text: str) -> str:
    """``text`` with URLs and e-mail addresses blanked out (same length, same offsets)."""
    text = _URL.sub(lambda m: "\x00" * len(m.group()), text)
    if "@" not in text:
        return text
    chars = list(text)
    for match in _EMAIL.finditer(text):
        start = match.start()
        while start > 0 and (text[start - 1].isalnum() or text[start - 1] in "._+-"):
            start -= 1
        if start < match.start():
            chars[start : match.end()] = "\x00" * (match.end() - start)
    return "".join(chars)


def find_dates(text: str, doc: str, *, doc_date: date | None = None) -> list[Mention]:
    """Every date expression in ``text``, in order, resolved to EDTF.

    Parameters
    ----------
    text
        The document's text.
    doc
        The document's key, copied into each mention.
    doc_date
        The document's own date; dates without a year and relative expressions are
        resolved against it. ``None``: they are reported with ``date`` ``None`` and a
        ``reason``.

    Returns
    -------
    list of Mention
        Mentions of kind ``date`` whose resolution holds ``date`` (EDTF or ``None``),
        ``earliest`` and ``latest`` (ISO days or ``None`` for an open end) and
        ``relative``; ``reason`` when ``date`` is ``None`` and ``note`` for a caution.

    Examples
    --------
    >>> [(m.text, m.get("date")) for m in find_dates("Clashes on Tuesday, March 8, 2022 and in late 2019.", "d")]
    [('Tuesday, March 8, 2022', '2022-03-08'), ('late 2019', '2019-09/2019-12')]
    >>> m = find_dates("Fighting has gone on since Wednesday, June 15.", "d", doc_date=date(2022, 6, 20))[0]
    >>> m.text, m.get("date"), m.get("relative")
    ('since Wednesday, June 15', '2022-06-15/..', True)
    >>> find_dates("It began last week.", "d")[0].get("reason")
    'document date unknown'
    """
    masked = _masked(text)
    ctx = _Context(doc_date)
    mentions = []
    for item in _combine(masked, _atoms(masked)):
        resolution = _resolve(item, ctx, text)
        mentions.append(Mention(doc, item.start, item.end, text[item.start : item.end], DATE, resolution))
    return mentions


_HEAD_CHARS = 5000  # labelled dates ("Published: ...") are looked for this far into the text
_HEAD_LINES = 10  # a dateline or a date line is looked for in the first lines that have text
_LABEL = re.compile(
    r"\b(?P<label>first\s+published|published|posted|dated|date|last\s+updated|updated|last\s+modified|modified"
    r"|accepted|received)(?:\s+on)?\s*[:\-–]?\s*$",
    re.IGNORECASE,
)
_LABEL_RANK = {"published": 0, "first published": 0, "posted": 0, "dated": 0, "date": 0}
_LABEL_RANK.update({"updated": 2, "last updated": 2, "modified": 2, "last modified": 2, "accepted": 3, "received": 4})
_DATELINE_BEFORE = re.compile(r"(?:[A-Z][A-Z.'’ -]*[A-Z](?:,\s*[A-Z][\w.'’ -]*)?,?\s*)?")
_DATELINE_AFTER = re.compile(r"\s*(?:$|[:|—–-]|\()")


def document_date(text: str) -> date | None:
    """The document's own date, when the text states it near the top; else ``None``.

    The date must be a single day with its year. In order of preference:

    1. a date labelled "Published", "Posted", "Date" or "Dated" in the first 5,000
       characters;
    2. a date that makes up a line among the first ten lines that have text, alone or
       as a dateline: after an upper-case place name ("BAMAKO, Mali, June 20, 2022 -")
       and/or followed by ":", "-", "—" or "(" ("April 14, 2023: ...");
    3. a date labelled "Updated" or "Modified", then "Accepted", then "Received", in the
       first 5,000 characters.

    Ties go to the first one in the text. A month alone ("April 2023" under a title)
    is not a day, and is not used.

    Examples
    --------
    >>> document_date("Mali: a report\\n\\nApril 14, 2023: Fighting near Menaka ...")
    datetime.date(2023, 4, 14)
    >>> document_date("Received: 15 April 2023 ■ Accepted: 23 April 2023.")
    datetime.date(2023, 4, 23)
    >>> document_date("Fighting began on March 8, 2022.") is None
    True
    """
    head = text[:_HEAD_CHARS]
    lines = [(m.start(), m.end()) for m in re.finditer(r"[^\n]*\S[^\n]*", head)][:_HEAD_LINES]
    best: tuple[int, int, date] | None = None
    for mention in find_dates(head, ""):
        if mention.get(RELATIVE) or mention.get(EARLIEST) is None or mention.get(EARLIEST) != mention.get(LATEST):
            continue
        rank = None
        label = _LABEL.search(head, max(0, mention.start - 30), mention.start)
        if label is not None:
            rank = _LABEL_RANK[re.sub(r"\s+", " ", label["label"].lower())]
        else:
            for line_start, line_end in lines:
                if line_start <= mention.start and mention.end <= line_end:
                    before_ok = _DATELINE_BEFORE.fullmatch(head, line_start, mention.start)
                    after_ok = _DATELINE_AFTER.match(head[mention.end : line_end])
                    if before_ok is not None and after_ok is not None:
                        rank = 1
                    break
        if rank is not None and (best is None or rank < best[0]):
            best = (rank, mention.start, date.fromisoformat(str(mention.get(EARLIEST))))
    return None if best is None else best[2]
