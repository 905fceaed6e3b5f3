"""EDTF dates read as intervals: the documented rules of seeds/README.md, "Dates"."""

from __future__ import annotations

from datetime import date

import pytest

from geo.dates import parse_date
from geo.errors import InputError


@pytest.mark.parametrize(
    ("text", "earliest", "latest"),
    [
        ("2022-03-08", date(2022, 3, 8), date(2022, 3, 8)),
        ("2022-03", date(2022, 3, 1), date(2022, 3, 31)),
        ("2022", date(2022, 1, 1), date(2022, 12, 31)),
        ("2024-02", date(2024, 2, 1), date(2024, 2, 29)),
        ("2022-06-11/2022-06-12", date(2022, 6, 11), date(2022, 6, 12)),  # the night of 11-12 June
        ("2022-03-07/2022-03-09", date(2022, 3, 7), date(2022, 3, 9)),  # beginning of the week of 7 March
        ("2022-40", date(2022, 1, 1), date(2022, 6, 30)),  # first half of 2022
        ("2022-41", date(2022, 7, 1), date(2022, 12, 31)),
        ("2022-33", date(2022, 1, 1), date(2022, 3, 31)),
        ("2018-22", date(2018, 6, 1), date(2018, 8, 31)),  # summer
        ("2022-24", date(2022, 12, 1), date(2023, 2, 28)),  # winter runs into the next year
        ("2022-09/2022-12", date(2022, 9, 1), date(2022, 12, 31)),  # late 2022
        ("2022-09/..", date(2022, 9, 1), None),  # since late 2022
        ("../2022-06-20", None, date(2022, 6, 20)),
        ("2022-03~", date(2022, 2, 1), date(2022, 4, 30)),
        ("2022-03-08~", date(2022, 3, 7), date(2022, 3, 9)),
        ("2022~", date(2021, 1, 1), date(2023, 12, 31)),
        ("2022-03?", date(2022, 3, 1), date(2022, 3, 31)),  # uncertain does not widen
        ("2022-03-XX", date(2022, 3, 1), date(2022, 3, 31)),
        ("2022-06-1X", date(2022, 6, 10), date(2022, 6, 19)),
        ("201X", date(2010, 1, 1), date(2019, 12, 31)),
    ],
)
def test_intervals(text, earliest, latest):
    span = parse_date(text)
    assert (span.earliest, span.latest) == (earliest, latest)


def test_flags_and_helpers():
    assert parse_date("2022-03~").approximate
    assert parse_date("2022-03?").uncertain and not parse_date("2022-03?").approximate
    assert parse_date("2022-09/").unknown_end and parse_date("2022-09/").latest is None
    assert not parse_date("2022-09/..").unknown_end
    week = parse_date("2022-03-07/2022-03-13")
    assert week.days == 7
    assert week.contains(date(2022, 3, 13)) and not week.contains(date(2022, 3, 14))
    assert week.overlaps(parse_date("2022-03-13/2022-03-20"))
    assert not week.overlaps(parse_date("2022-03-14/.."))
    assert parse_date("2022-09/..").overlaps(parse_date("2030"))
    assert parse_date("2022-09/..").days is None


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("2022-02-30", "February 2022 has no day 30"),
        ("2022-13", "month 13 does not exist"),
        ("2022-05/2022-03", "ends before it starts"),
        ("8 March 2022", "expected YYYY"),
        ("2022/2023/2024", "one '/'"),
        ("../..", "at least one end"),
        ("", "empty date"),
        ("2022-40-01", "has no day"),
    ],
)
def test_invalid_dates_say_why(text, words):
    with pytest.raises(InputError, match=words):
        parse_date(text)
