"""ACLED's codebook as the import reads it: dates, actor type (``inter``) codes, event
types old and new, and the sub-events that change who holds a place."""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta
from functools import lru_cache

from .. import schema
from .reader import SPACES

__all__ = [
    "ARMED_CODES",
    "INTER_CODES",
    "NON_STATE_ARMED_CODES",
    "OLD_EVENT_TYPES",
    "PERPETRATOR_ORDER",
    "PERPETRATOR_RANK",
    "PRECISIONS",
    "RIOTS",
    "STATE_CODES",
    "TERRITORIAL_SUB_EVENTS",
    "acled_claim_status",
    "acled_date",
    "acled_edtf",
    "acled_event_type",
    "acled_inter",
    "actor_names",
    "event_type_key",
    "two_digit_year",
]

# ACLED's event types before the 2019 revision -> (event type, sub-event type or "").
_BATTLES, _VAC, _EXPLOSIONS = "Battles", "Violence against civilians", "Explosions/Remote violence"
RIOTS, _PROTESTS, _STRATEGIC = "Riots", "Protests", "Strategic developments"
OLD_EVENT_TYPES: dict[str, tuple[str, str]] = {
    "battle-no change of territory": (_BATTLES, "Armed clash"),
    "battle-government regains territory": (_BATTLES, "Government regains territory"),
    "battle-non-state actor overtakes territory": (_BATTLES, "Non-state actor overtakes territory"),
    "remote violence": (_EXPLOSIONS, ""),
    "riots/protests": (_PROTESTS, ""),  # Riots when the actor is rioters, see acled_event_type
    "strategic development": (_STRATEGIC, ""),
    "non-violent transfer of territory": (_STRATEGIC, "Non-violent transfer of territory"),
    "headquarters or base established": (_STRATEGIC, "Headquarters or base established"),
}
_RIOTERS_INTER_CODE = "5"
# Spellings of sub-event types that ACLED has used besides the codebook's.
_SUB_EVENT_SPELLINGS = {"excessive force against protestors": "excessive force against protesters"}

_EVENT_TYPES_BY_KEY = {event_type.lower(): event_type for event_type in schema.EVENT_TYPES}
_SUB_EVENT_TYPES_BY_KEY = {
    event_type: {sub.lower(): sub for sub in subs} for event_type, subs in schema.EVENT_TYPES.items()
}

_MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
_MONTHS.update({name.lower(): number for number, name in enumerate(calendar.month_abbr) if name})
_MONTHS["sept"] = 9
_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T][\d:.]*(?:Z|[+-]\d\d:?\d\d)?)?$")
# Four-digit years, or (as a spreadsheet re-saves them: 16-Feb-21, 8-Mar-22) two.
_DAY_MONTH_NAME_YEAR = re.compile(r"^(\d{1,2})[ -]([A-Za-z]+)\.?[ -](\d{4}|\d{2})$")
_DAY_MONTH_YEAR = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4}|\d{2})$")

# ACLED's actor type codes (``inter1``, ``inter2``): numbers, or since March 2023 their names.
INTER_CODES: dict[str, str] = {
    "state forces": "1",
    "rebel group": "2",
    "rebel groups": "2",
    "political militia": "3",
    "political militias": "3",
    "identity militia": "4",
    "identity militias": "4",
    "rioters": "5",
    "protesters": "6",
    "civilians": "7",
    "external/other forces": "8",
    "external/other force": "8",
    "other forces": "8",
}
# The order in which the sides of an event merged from an actor-based export become
# actor1 and actor2: armed actors (state forces, rebels, political then identity
# militias, external/other forces) before crowds and victims (rioters, protesters,
# civilians); an actor without a known code last.
# ACLED's precision codes (time_precision, geo_precision) -> the precision they give.
PRECISIONS = {"1": 1, "2": 2, "3": 3}
PERPETRATOR_ORDER = ("1", "2", "3", "4", "8", "5", "6", "7")
PERPETRATOR_RANK = {code: rank for rank, code in enumerate(PERPETRATOR_ORDER)}
STATE_CODES, NON_STATE_ARMED_CODES = frozenset({"1"}), frozenset({"2", "3", "4", "8"})
ARMED_CODES = STATE_CODES | NON_STATE_ARMED_CODES

# Sub-event types that change who holds a place -> the status of the claim they give.
TERRITORIAL_SUB_EVENTS: dict[str, str] = {
    "Non-state actor overtakes territory": "seized",
    "Government regains territory": "seized",
    "Non-violent transfer of territory": "seized",  # for the actor that receives the place
    "Headquarters or base established": "controls",
}


@lru_cache(maxsize=8192)
def acled_date(text: str, year: str = "") -> date | None:
    """Read an ACLED ``event_date``; ``None`` when it is not a date.

    ACLED has written ``2022-03-08`` (also ``2022-03-08T00:00:00``), ``08 March 2022``,
    ``8-Mar-2022`` and, per its codebook, ``08-03-2022``: numbers are always read **day
    first**, as ACLED writes them (``3/8/2022`` is 3 August). A spreadsheet that re-saved
    the file may have shortened the year (``8-Mar-22``): the row's ``year`` settles the
    century, and without it (or when it does not end in those two digits) the date is
    not read.

    Examples
    --------
    >>> acled_date("08 March 2022"), acled_date("2022-03-08"), acled_date("08-03-2022")
    (datetime.date(2022, 3, 8), datetime.date(2022, 3, 8), datetime.date(2022, 3, 8))
    >>> acled_date("8-Mar-22", "2022"), acled_date("8-Mar-22"), acled_date("8-Mar-22", "2021")
    (datetime.date(2022, 3, 8), None, None)
    >>> acled_date("31 February 2022") is None, acled_date("March 2022") is None
    (True, True)
    """
    value = text.strip()
    month = day = 0
    year_text = ""
    if match := _ISO_DATE.match(value):
        year_text, month, day = match[1], int(match[2]), int(match[3])
    elif match := _DAY_MONTH_NAME_YEAR.match(value):
        month = _MONTHS.get(match[2].lower(), 0)
        day, year_text = int(match[1]), match[3]
    elif match := _DAY_MONTH_YEAR.match(value):
        day, month, year_text = int(match[1]), int(match[2]), match[3]
    else:
        return None
    if len(year_text) == 2:
        full = year.strip()
        if not (len(full) == 4 and full.isdigit() and full.endswith(year_text)):
            return None
        year_text = full
    try:
        return date(int(year_text), month, day)
    except ValueError:
        return None


def two_digit_year(text: str) -> bool:
    value = text.strip()
    match = _DAY_MONTH_NAME_YEAR.match(value) or _DAY_MONTH_YEAR.match(value)
    return match is not None and len(match[3]) == 2


@lru_cache(maxsize=1024)
def acled_inter(text: str) -> str:
    """ACLED's actor type code (``"1"`` to ``"8"``) from ``inter1``/``inter2``, a number or
    (since March 2023) a name; ``""`` when it is neither.

    Examples
    --------
    >>> acled_inter("7"), acled_inter("State forces"), acled_inter("External/Other forces"), acled_inter("")
    ('7', '1', '8', '')
    """
    value = SPACES.sub(" ", text.strip().lower())
    if value in PERPETRATOR_RANK:
        return value
    if value.endswith(".0") and value[:-2] in PERPETRATOR_RANK:  # a spreadsheet's 7.0
        return value[:-2]
    return INTER_CODES.get(value, "")


def acled_claim_status(sub_event_type: str) -> str:
    """The status of the claim a territorial sub-event type gives (``""`` for others).

    Examples
    --------
    >>> acled_claim_status("Government regains territory"), acled_claim_status("Headquarters or base established")
    ('seized', 'controls')
    >>> acled_claim_status("Armed clash")
    ''
    """
    return TERRITORIAL_SUB_EVENTS.get(sub_event_type, "")


@lru_cache(maxsize=65536)
def acled_edtf(day: date, time_precision: int) -> str:
    """The EDTF date of an ACLED event coded on ``day`` with ``time_precision``.

    Examples
    --------
    >>> [acled_edtf(date(2022, 3, 8), p) for p in (1, 2, 3)]
    ['2022-03-08', '2022-03-05/2022-03-11', '2022-03']
    """
    if time_precision == 1:
        return day.isoformat()
    if time_precision == 2:
        return f"{(day - timedelta(days=3)).isoformat()}/{(day + timedelta(days=3)).isoformat()}"
    return f"{day.year:04d}-{day.month:02d}"


@lru_cache(maxsize=4096)
def event_type_key(text: str) -> str:
    return re.sub(r"\s*-\s*", "-", SPACES.sub(" ", text.strip().lower()))


@lru_cache(maxsize=16384)
def acled_event_type(
    event_type: str, sub_event_type: str = "", *, inter1: str = "", actor1: str = ""
) -> tuple[str, str]:
    """The current ACLED event type and sub-event type of a row, old or new.

    Returns ``("", "")`` for an unknown event type, and an empty sub-type for one the
    event type does not have.

    Examples
    --------
    >>> acled_event_type("Battle-No change of territory")
    ('Battles', 'Armed clash')
    >>> acled_event_type("Riots/Protests", inter1="5")
    ('Riots', '')
    >>> acled_event_type("Strategic Developments", "Looting/property destruction")
    ('Strategic developments', 'Looting/property destruction')
    """
    key = event_type_key(event_type)
    current = _EVENT_TYPES_BY_KEY.get(key)
    if current is None:
        if key not in OLD_EVENT_TYPES:
            return "", ""
        current, sub = OLD_EVENT_TYPES[key]
        if key == "riots/protests" and (
            acled_inter(inter1) == _RIOTERS_INTER_CODE or actor1.strip().lower().startswith("rioters")
        ):
            current = RIOTS
        if sub or not sub_event_type:
            return current, sub
    sub_key = SPACES.sub(" ", sub_event_type.strip().lower())
    sub_key = _SUB_EVENT_SPELLINGS.get(sub_key, sub_key)
    return current, _SUB_EVENT_TYPES_BY_KEY[current].get(sub_key, "")


# The cells every row of one event must agree on (ACLED's actor-based export repeats them).


@lru_cache(maxsize=65536)
def actor_names(text: str) -> tuple[str, ...]:
    """The ``;``-separated names of an ``assoc_actor`` cell (cached: exports repeat them).

    Examples
    --------
    >>> actor_names("Wagner Group; Military Forces of Mali (2021-) ;")
    ('Wagner Group', 'Military Forces of Mali (2021-)')
    """
    return tuple(name.strip() for name in text.split(schema.ACLED_ACTOR_SEPARATOR) if name.strip())
