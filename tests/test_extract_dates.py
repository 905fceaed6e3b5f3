"""Date mentions (geo.extract.dates): spans, EDTF values and the rules of the module docstring.

Every sentence here is invented for the test.
"""

from __future__ import annotations

import itertools
import time
from datetime import date

import pytest

from geo.dates import parse_date
from geo.extract.dates import NO_DOC_DATE, document_date, find_dates
from geo.extract.mention import DATE, DATE_EDTF, EARLIEST, LATEST, NOTE, REASON, RELATIVE, Mention

DOC_DATE = date(2022, 6, 22)  # a Wednesday


def dates(text: str, doc_date: date | None = None) -> list[Mention]:
    """find_dates, with the invariants every mention must keep checked on the way."""
    mentions = find_dates(text, "doc.txt", doc_date=doc_date)
    for mention in mentions:
        assert mention.kind == DATE
        assert mention.doc == "doc.txt"
        assert text[mention.start : mention.end] == mention.text
        value = mention.get(DATE_EDTF)
        if value is None:
            assert mention.get(EARLIEST) is None
            assert mention.get(LATEST) is None
            assert mention.get(REASON)
        else:
            parsed = parse_date(value)  # raises if the value is outside the project's EDTF subset
            assert mention.get(EARLIEST) == (parsed.earliest.isoformat() if parsed.earliest else None)
            assert mention.get(LATEST) == (parsed.latest.isoformat() if parsed.latest else None)
        assert isinstance(mention.get(RELATIVE), bool)
    starts = [m.start for m in mentions]
    assert starts == sorted(starts)
    assert all(a.end <= b.start for a, b in itertools.pairwise(mentions))
    return mentions


def spans(text: str, doc_date: date | None = None) -> list[tuple[str, str | None]]:
    return [(m.text, m.get(DATE_EDTF)) for m in dates(text, doc_date)]


def one(text: str, doc_date: date | None = None) -> Mention:
    mentions = dates(text, doc_date)
    assert len(mentions) == 1, [m.text for m in mentions]
    return mentions[0]


# --------------------------------------------------------------------------- dates that name their year


@pytest.mark.parametrize(
    ("text", "surface", "edtf"),
    [
        # days, both orders, weekdays kept in the span
        ("The convoy left on March 8, 2022 at dawn.", "March 8, 2022", "2022-03-08"),
        ("The convoy left on 8 March 2022 at dawn.", "8 March 2022", "2022-03-08"),
        ("The convoy left on Tuesday, March 8, 2022.", "Tuesday, March 8, 2022", "2022-03-08"),
        ("The convoy left on Tuesday 8 March 2022.", "Tuesday 8 March 2022", "2022-03-08"),
        ("Shots were heard on Monday evening, June 20, 2022.", "Monday evening, June 20, 2022", "2022-06-20"),
        ("It was signed on the 5th of July 2019.", "the 5th of July 2019", "2019-07-05"),
        ("It was signed on July 5th, 2019.", "July 5th, 2019", "2019-07-05"),
        ("It was signed on Sept. 5, 2012 in the capital.", "Sept. 5, 2012", "2012-09-05"),
        ("THE PATROL RETURNED ON MARCH 8, 2022.", "MARCH 8, 2022", "2022-03-08"),
        ("The log says 2021-11-30 for the raid.", "2021-11-30", "2021-11-30"),
        ("The form is dated 25/12/2019 by hand.", "25/12/2019", "2019-12-25"),
        # day ranges
        ("Raids on March 8-9, 2022 emptied the camp.", "March 8-9, 2022", "2022-03-08/2022-03-09"),
        ("Raids on 8 and 9 March 2022 emptied the camp.", "8 and 9 March 2022", "2022-03-08/2022-03-09"),
        ("Raids on 8–9 March 2022 emptied the camp.", "8–9 March 2022", "2022-03-08/2022-03-09"),
        ("During the night of June 11-12, 2022 a post fell.", "June 11-12, 2022", "2022-06-11/2022-06-12"),
        ("Talks ran from March 27 to April 2, 2017.", "from March 27 to April 2, 2017", "2017-03-27/2017-04-02"),
        ("It ran from December 28 to January 3, 2013.", "from December 28 to January 3, 2013", "2012-12-28/2013-01-03"),
        # months and parts of months
        ("The market closed in March 2022 for good.", "March 2022", "2022-03"),
        ("The market closed in May 2022 for good.", "May 2022", "2022-05"),
        ("The market closed in early March 2022.", "early March 2022", "2022-03-01/2022-03-10"),
        ("The market closed in mid-March 2022.", "mid-March 2022", "2022-03-11/2022-03-20"),
        ("The market closed in late February 2022.", "late February 2022", "2022-02-21/2022-02-28"),
        ("The market closed at the end of January 2022.", "the end of January 2022", "2022-01-21/2022-01-31"),
        ("The market closed at the beginning of May 2020.", "the beginning of May 2020", "2020-05-01/2020-05-10"),
        ("Rains fell from March to June 2022 without pause.", "from March to June 2022", "2022-03/2022-06"),
        ("Rains fell between May and July 2021.", "between May and July 2021", "2021-05/2021-07"),
        ("Rains fell December 2012-January 2013.", "December 2012-January 2013", "2012-12/2013-01"),
        # years and parts of years
        ("The rebellion of 2012 split the north.", "2012", "2012"),
        ("Talks held between 2012 and 2015 failed.", "between 2012 and 2015", "2012/2015"),
        ("Talks held from 2015 until 2020 failed.", "from 2015 until 2020", "2015/2020"),
        ("The 2012–2015 talks failed.", "2012–2015", "2012/2015"),
        ("The 2019-20 season was dry.", "2019-20", "2019/2020"),
        ("The offensive began in the first half of 2022.", "the first half of 2022", "2022-40"),
        ("The offensive began in the second half of 2022.", "the second half of 2022", "2022-41"),
        ("Attacks rose in the third quarter of 2020.", "the third quarter of 2020", "2020-35"),
        ("Attacks rose in Q1 2021 and fell after.", "Q1 2021", "2021-33"),
        ("Attacks rose during the last three months of 2022.", "the last three months of 2022", "2022-10/2022-12"),
        ("Attacks rose in the first two months of 2021.", "the first two months of 2021", "2021-01/2021-02"),
        ("Elections were held in the summer of 2018.", "the summer of 2018", "2018-22"),
        ("Elections were held in spring 2020.", "spring 2020", "2020-21"),
        ("Elections were held in the autumn of 2019.", "the autumn of 2019", "2019-23"),
        ("Elections were held in the winter of 2021.", "the winter of 2021", "2021-24"),
        ("The leader died in mid-2021, they said.", "mid-2021", "2021-05/2021-08"),
        ("The leader died in early 2019, they said.", "early 2019", "2019-01/2019-04"),
        ("The leader died in late 2019, they said.", "late 2019", "2019-09/2019-12"),
        ("The leader died early in 2012, they said.", "early in 2012", "2012-01/2012-04"),
        ("The leader died at the end of 2019.", "the end of 2019", "2019-09/2019-12"),
        ("Associations grew in the 1990s in the south.", "the 1990s", "199X"),
        ("Associations grew in the early 2000s in the south.", "the early 2000s", "2000/2003"),
        ("An empire of the 19th century ruled here.", "the 19th century", "18XX"),
        # open ends
        ("Patrols have stopped since late 2022.", "since late 2022", "2022-09/.."),
        ("Patrols have stopped since 2018 in the area.", "since 2018", "2018/.."),
        ("Since June 2021 a colonel has led the state.", "Since June 2021", "2021-06/.."),
        ("The post must be rebuilt by 20 June 2022.", "by 20 June 2022", "../2022-06-20"),
        ("The unit stayed active through 2019.", "through 2019", "../2019"),
        ("The camp stood until June 2022 at least.", "until June 2022", "../2022-06"),
        # the week of a day (Monday-Sunday of that week; beginning = Mon-Wed, end = Fri-Sun)
        ("Raids went on during the week of March 7, 2022.", "the week of March 7, 2022", "2022-03-07/2022-03-13"),
        ("At the end of the week of 9 March 2022.", "the end of the week of 9 March 2022", "2022-03-11/2022-03-13"),
    ],
)
def test_dates_with_a_year(text, surface, edtf):
    mention = one(text)
    assert mention.text == surface
    assert mention.get(DATE_EDTF) == edtf
    assert mention.get(RELATIVE) is False
    assert text.index(surface) == mention.start  # the span is where the words are


def test_the_beginning_of_the_week_of_a_day():
    mention = one("Raids at the beginning of the week of 7 March 2022.")
    assert mention.text == "the beginning of the week of 7 March 2022"
    assert mention.get(DATE_EDTF) == "2022-03-07/2022-03-09"  # Monday to Wednesday
    mention = one("Since the beginning of the week of March 14, 2022 raids go on.")
    assert mention.text == "Since the beginning of the week of March 14, 2022"
    assert mention.get(DATE_EDTF) == "2022-03-14/.."


def test_earliest_and_latest_are_the_days_the_value_covers():
    mention = one("Fighting flared in the first half of 2022 near the border.")
    assert (mention.get(EARLIEST), mention.get(LATEST)) == ("2022-01-01", "2022-06-30")
    mention = one("Fighting flared in late February 2024 near the border.")  # a leap year
    assert (mention.get(EARLIEST), mention.get(LATEST)) == ("2024-02-21", "2024-02-29")
    mention = one("Fighting has gone on since late 2022.")
    assert (mention.get(EARLIEST), mention.get(LATEST)) == ("2022-09-01", None)


def test_several_dates_in_one_sentence():
    text = "Troops left Gao in 2021, came back on 3 May 2022 and left again in mid-2023."
    assert spans(text) == [("2021", "2021"), ("3 May 2022", "2022-05-03"), ("mid-2023", "2023-05/2023-08")]


def test_access_dates_in_footnotes_are_dates():
    text = "12 Report on the north, 2019. Accessed 12 June 2021.\n13 Ibid., accessed on June 14, 2021."
    assert spans(text) == [("2019", "2019"), ("12 June 2021", "2021-06-12"), ("June 14, 2021", "2021-06-14")]


def test_a_footnote_number_glued_to_a_year_does_not_hide_it():
    assert spans("The town fell in June 2012.17 The next paragraph") == [("June 2012", "2012-06")]
    assert spans("Half the people were displaced as of 2018.107 Next") == [("2018", "2018")]


# --------------------------------------------------------------------------- weekdays


def test_a_weekday_that_contradicts_the_date_keeps_the_date_and_adds_a_note():
    mention = one("The attack came on Tuesday, March 9, 2022.")
    assert mention.get(DATE_EDTF) == "2022-03-09"
    assert "Tuesday does not match 2022-03-09, a Wednesday" in mention.get(NOTE)


def test_a_weekday_that_agrees_adds_no_note():
    assert one("The attack came on Wednesday, March 9, 2022.").get(NOTE) is None


def test_the_weekday_chooses_the_year_of_a_date_without_one():
    # 15 June was a Wednesday in 2022, not in 2021: the weekday wins over the news convention
    mention = one("Fighting since Wednesday, June 15 has emptied the town.", date(2022, 6, 1))
    assert mention.get(DATE_EDTF) == "2022-06-15/.."
    assert "chosen by the weekday" in mention.get(NOTE)


# --------------------------------------------------------------------------- resolved against the document's date


@pytest.mark.parametrize(
    ("text", "surface", "edtf"),
    [
        ("Clashes since Wednesday, June 15 have left dozens dead.", "since Wednesday, June 15", "2022-06-15/.."),
        ("The attack resumed on Monday morning, June 20 near a well.", "Monday morning, June 20", "2022-06-20"),
        ("The post fell on 20 June after a siege.", "20 June", "2022-06-20"),
        ("The post fell on October 26 after a siege.", "October 26", "2021-10-26"),  # on or before the doc date
        ("The post fell in early March after a siege.", "early March", "2022-03-01/2022-03-10"),
        ("Herders have fled since March, the mayor said.", "since March", "2022-03/.."),
        ("Herders fled in February, the mayor said.", "February", "2022-02"),
        ("Rains fell from March to May in the area.", "from March to May", "2022-03/2022-05"),
        ("The governor spoke yesterday in the capital.", "yesterday", "2022-06-21"),
        ("The governor spoke last week in the capital.", "last week", "2022-06-13/2022-06-19"),
        ("The governor spoke last month in the capital.", "last month", "2022-05"),
        ("The governor spoke last year in the capital.", "last year", "2021"),
        ("The governor spoke this year in the capital.", "this year", "2022"),
        ("The governor spoke earlier this month in the capital.", "earlier this month", "2022-06-01/2022-06-22"),
        ("The governor spoke late last year in the capital.", "late last year", "2021-09/2021-12"),
        ("The governor spoke at the end of last month.", "the end of last month", "2022-05-21/2022-05-31"),
        ("So far this year 115 people were kidnapped.", "So far this year", "2022-01-01/2022-06-22"),
        ("Violence grew over the past two years in the centre.", "the past two years", "2020-06-22/2022-06-22"),
        ("The chief was seized three days ago at a market.", "three days ago", "2022-06-19"),
        ("The chief was seized two weeks ago at a market.", "two weeks ago", "2022-06-06/2022-06-12"),
        ("The chief was seized on Tuesday at a market.", "Tuesday", "2022-06-21"),
        ("The chief was seized last Friday at a market.", "last Friday", "2022-06-17"),
        ("More than 100 died over the weekend in three villages.", "the weekend", "2022-06-18/2022-06-19"),
        ("Fighting resumed last night near the river.", "last night", "2022-06-21/2022-06-22"),
        ("The group has grown since last year, he said.", "since last year", "2021/.."),
        ("Elections are due next March in the country.", "next March", "2023-03"),
    ],
)
def test_dates_resolved_against_the_document_date(text, surface, edtf):
    mention = one(text, DOC_DATE)
    assert (mention.text, mention.get(DATE_EDTF)) == (surface, edtf)
    assert mention.get(RELATIVE) is True


def test_a_date_without_a_year_notes_an_earlier_year_in_the_text():
    found = dates("Rebels took the town in December 2012. By January 10 they held the south.", DOC_DATE)
    assert (found[1].text, found[1].get(DATE_EDTF)) == ("By January 10", "../2022-01-10")  # the news convention
    assert "the previous date in the text is in 2012" in found[1].get(NOTE)


def test_a_year_from_the_other_end_of_a_range_needs_no_document_date():
    mention = one("Rains fell from March to June 2022 in the area.")
    assert mention.get(DATE_EDTF) == "2022-03/2022-06"
    assert mention.get(RELATIVE) is False


@pytest.mark.parametrize(
    "text",
    [
        "Clashes since Wednesday, June 15 have left dozens dead.",
        "The post fell on 20 June after a siege.",
        "Herders have fled since March, the mayor said.",
        "The governor spoke last week in the capital.",
        "So far this year 115 people were kidnapped.",
        "More than 100 died over the weekend in three villages.",
        "The chief was seized on Tuesday at a market.",
    ],
)
def test_without_a_document_date_they_are_reported_but_not_resolved(text):
    mention = one(text)
    assert mention.get(DATE_EDTF) is None
    assert (mention.get(EARLIEST), mention.get(LATEST)) == (None, None)
    assert mention.get(REASON) == NO_DOC_DATE
    assert mention.get(RELATIVE) is True


def test_the_same_text_resolves_once_the_document_date_is_known():
    text = "Clashes since Wednesday, June 15 have left dozens dead."
    without, with_date = one(text), one(text, DOC_DATE)
    assert (without.start, without.end) == (with_date.start, with_date.end)
    assert (without.get(DATE_EDTF), with_date.get(DATE_EDTF)) == (None, "2022-06-15/..")


# --------------------------------------------------------------------------- counted from an earlier date


def test_dates_counted_from_the_previous_date():
    text = "The base was hit on March 8, 2022. Two days later a convoy left. The next day it was ambushed."
    found = dates(text)
    assert [(m.text, m.get(DATE_EDTF)) for m in found] == [
        ("March 8, 2022", "2022-03-08"),
        ("Two days later", "2022-03-10"),
        ("The next day", "2022-03-11"),
    ]
    assert found[1].get(RELATIVE) is True
    assert found[1].get(NOTE) == "counted from 'March 8, 2022'"


def test_a_shift_from_a_month_keeps_the_month_precision():
    found = dates("The group split in May 2015. A month later it merged again.")
    assert found[1].get(DATE_EDTF) == "2015-06"


def test_that_year_takes_the_year_of_the_previous_mention():
    text = "Rebels took three towns on April 2, 2012. They declared a truce on April 6th of that year."
    assert spans(text) == [("April 2, 2012", "2012-04-02"), ("April 6th of that year", "2012-04-06")]
    text = "Attacks doubled in 2019. In January of that year ten soldiers died; the following year was worse."
    assert spans(text) == [("2019", "2019"), ("January of that year", "2019-01"), ("the following year", "2020")]
    text = "Protests followed the spring of 2020 elections and grew that June."
    assert spans(text)[-1] == ("that June", "2020-06")


def test_nothing_to_count_from():
    mention = one("Two days later the convoy left.")
    assert mention.get(DATE_EDTF) is None
    assert mention.get(REASON)
    mention = one("In January of that year the convoy left.")
    assert mention.get(DATE_EDTF) is None


# --------------------------------------------------------------------------- not dates


@pytest.mark.parametrize(
    "text",
    [
        "About 2,000 people fled and 80,000 square kilometers were lost.",
        "A force of 2000 fighters crossed the river.",
        "Some 12,000 peacekeepers and 1,277 civilians are counted.",
        "Between 300 and 500 people died in the raids.",
        "Recruits aged between 16 and 30 are sought.",
        "See page 2012 of the annex and line 14.",
        "Under Resolution 2085 the mission was created.",
        "The patrol left at 2030 hours and again at 10:30.",
        "It happened at 10 p.m. near the well.",
        "Casualties rose by more than 2000 in a month.",
        "They may leave soon, and the march on Bamako stopped.",
        "May the group be defeated, the imam said.",
        "March on Bamako, the leaders urged.",
        "The report is at https://example.org/2022/03/08/report and www.example.org/2019.",
        "Write to press2022@example.org for copies.",
        "Several days later the group left, in recent years.",
        "May 30 people be spared, they prayed.",
        "Archive: 2023 2022 2021 2020 2019",
        "Turnout was 2021% lower, the count said 1500 / 1500.",
        "Protests took place amid rainfall in the region.",
    ],
)
def test_not_dates(text):
    assert dates(text) == []


def test_may_and_march_as_months():
    found = spans("In May the rains came, and May 3 was quiet.", DOC_DATE)
    assert found == [("May", "2022-05"), ("May 3", "2022-05-03")]
    assert spans("The March 2019 massacre shocked the country.") == [("March 2019", "2019-03")]


def test_a_year_before_a_noun_is_kept_after_a_date_word():
    assert spans("In 2015 soldiers mutinied in the north.") == [("2015", "2015")]


def test_a_year_in_a_title_or_citation_is_a_date():
    assert spans("Report on Terrorism 2013, April 2014, p. 12.") == [("2013", "2013"), ("April 2014", "2014-04")]


def test_impossible_and_ambiguous_dates_are_reported_without_a_value():
    mention = one("The letter is dated February 30, 2022.")
    assert mention.get(DATE_EDTF) is None
    assert mention.get(REASON) == "not a valid calendar date"
    mention = one("The form is dated 03/04/2020 by hand.")
    assert mention.get(DATE_EDTF) is None
    assert mention.get(REASON) == "day and month order unknown"
    mention = one("Talks held between 2019 and 2012.")
    assert mention.get(REASON) == "the range ends before it starts"


# --------------------------------------------------------------------------- offsets


def test_offsets_are_python_string_indices_with_accents_and_newlines():
    text = "Ménaka — «Tidermène»\n\nLe 8 mars? No: on 15 April 2023, Ménaka’s road closed.\r\nSince 2018 too."
    found = dates(text)
    assert [m.text for m in found] == ["15 April 2023", "Since 2018"]
    for mention in found:
        assert text[mention.start : mention.end] == mention.text
    assert found[0].start == text.index("15 April")


def test_to_dict_is_flat_and_json_ready():
    record = one("Fighting on 8 March 2022.").to_dict()
    assert record == {
        "doc": "doc.txt",
        "start": 12,
        "end": 24,
        "text": "8 March 2022",
        "kind": "date",
        DATE_EDTF: "2022-03-08",
        EARLIEST: "2022-03-08",
        LATEST: "2022-03-08",
        RELATIVE: False,
    }


def test_a_long_document_is_fast():
    paragraph = (
        "On Tuesday, March 8, 2022 some 2,000 people fled the villages; in early 2019 and since late 2022 the group, "
        "which may grow, held 80,000 square kilometers. Two days later, on 9 and 10 March, talks began. "
    )
    text = paragraph * (50_000 // len(paragraph) + 1)
    started = time.perf_counter()
    found = find_dates(text, "long.txt", doc_date=DOC_DATE)
    elapsed = time.perf_counter() - started
    assert len(found) >= 5 * (len(text) // len(paragraph))
    assert elapsed < 0.5  # about 0.02 s on a laptop; the bound only catches a runaway pattern


# --------------------------------------------------------------------------- the document's own date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A report\n\nPublished: 20 June 2022\n\nText of the report.", date(2022, 6, 20)),
        ("A report\nPosted on June 20, 2022 by the desk\n", date(2022, 6, 20)),
        ("A report\nUpdated June 25, 2022\nPublished June 20, 2022\n", date(2022, 6, 20)),
        ("BAMAKO, Mali, June 20, 2022 (Wire) - Gunmen attacked a post.", date(2022, 6, 20)),
        ("Mali: a new front\n\n\nApril 14, 2023: Gunmen attacked a post.", date(2023, 4, 14)),
        ("A title\nTuesday, March 8, 2022\n\nText.", date(2022, 3, 8)),
        ("A title\n\nReceived: 15 April 2023 | Accepted: 23 April 2023.", date(2023, 4, 23)),
        ("A title\nSome author\nApril 2023\n\nText.", None),  # a month is not a day
        ("A title\n\nGunmen attacked a post on March 8, 2022, said a witness.", None),
        ("A title\n\nThe group said yesterday it would attack.", None),
        ("", None),
    ],
)
def test_document_date(text, expected):
    assert document_date(text) == expected


def test_document_date_feeds_find_dates():
    text = "Mali: a new front\n\nApril 14, 2023: Gunmen attacked a post. So far this year 20 posts fell."
    found = dates(text, document_date(text))
    assert found[-1].text == "So far this year"
    assert found[-1].get(DATE_EDTF) == "2023-01-01/2023-04-14"
