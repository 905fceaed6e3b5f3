"""Counts of people killed, wounded, displaced and kidnapped (geo.extract.counts).

Every sentence here is made up for the test.
"""

from __future__ import annotations

import time

import pytest

from geo.extract.counts import find_counts
from geo.extract.mention import COUNT, HIGH, LOW, QUALIFIER, SUBJECT, WHAT


def counts(text: str) -> list[tuple[str, str, int | None, int | None, str, str | None]]:
    """(span text, what, low, high, qualifier, subject) of each count, checking the offsets."""
    found = find_counts(text, "test.txt")
    for m in found:
        assert text[m.start : m.end] == m.text
        assert m.kind == COUNT
        assert m.doc == "test.txt"
    return [(m.text, m.get(WHAT), m.get(LOW), m.get(HIGH), m.get(QUALIFIER), m.get(SUBJECT)) for m in found]


def one(text: str) -> tuple[str, str, int | None, int | None, str, str | None]:
    found = counts(text)
    assert len(found) == 1, found
    return found[0]


# ---------------------------------------------------------------- outcome words, both orders


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Gunmen killed at least 40 civilians in the market.",
            ("at least 40", "killed", 40, None, "at_least", "civilians"),
        ),
        (
            "Between 20 and 30 people were killed on Sunday.",
            ("Between 20 and 30", "killed", 20, 30, "between", "people"),
        ),
        ("The raid left more than 100 dead.", ("more than 100", "killed", 101, None, "more_than", None)),
        ("Nine soldiers killed near the river.", ("Nine", "killed", 9, 9, "exact", "soldiers")),
        ("Fighters executed dozens of herders.", ("dozens", "killed", 24, None, "vague", "herders")),
        (
            "Some 500 people displaced by the floods and the raids.",
            ("Some 500", "displaced", 500, 500, "about", "people"),
        ),
        ("Thousands fled towards the border.", ("Thousands", "displaced", 2000, None, "vague", None)),
        ("Two people kidnapped at a checkpoint.", ("Two", "kidnapped", 2, 2, "exact", "people")),
        ("A bomb exploded, killing 22.", ("22", "killed", 22, 22, "exact", None)),
        ("Officials put the death toll at 17.", ("17", "killed", 17, 17, "exact", None)),
        ("The toll rose to 31 by evening.", ("31", "killed", 31, 31, "exact", None)),
        ("It was a toll of 22 deaths.", ("22", "killed", 22, 22, "exact", None)),
        ("The ambush left 12 dead.", ("12", "killed", 12, 12, "exact", None)),
        ("Eight herders lost their lives in the clash.", ("Eight", "killed", 8, 8, "exact", "herders")),
        ("Militants massacred 60 villagers.", ("60", "killed", 60, 60, "exact", "villagers")),
        ("The massacre of 35 traders shocked the town.", ("35", "killed", 35, 35, "exact", "traders")),
        ("Eleven guards were shot dead.", ("Eleven", "killed", 11, 11, "exact", "guards")),
        ("The blast claimed 14 lives.", ("14", "killed", 14, 14, "exact", "lives")),
        ("The garrison lost 6 soldiers.", ("6", "killed", 6, 6, "exact", "soldiers")),
        ("A mine injured four children.", ("four", "wounded", 4, 4, "exact", "children")),
        ("Seven were injured in the crossfire.", ("Seven", "wounded", 7, 7, "exact", None)),
        ("There are 90,000 displaced people in the camps.", ("90,000", "displaced", 90000, 90000, "exact", "people")),
        (
            "The region hosts 12,000 refugees from the north.",
            ("12,000", "displaced", 12000, 12000, "exact", "refugees"),
        ),
        (
            "About 3,000 residents were forced from their homes.",
            ("About 3,000", "displaced", 3000, 3000, "about", "residents"),
        ),
        ("Some 800 families were forced to flee.", ("Some 800", "displaced", 800, 800, "about", "families")),
        (
            "Tens of thousands of herders have fled.",
            ("Tens of thousands", "displaced", 20000, None, "vague", "herders"),
        ),
        ("Bandits abducted 15 passengers from a bus.", ("15", "kidnapped", 15, 15, "exact", "passengers")),
        ("Five aid workers were taken hostage.", ("Five", "kidnapped", 5, 5, "exact", "workers")),
        ("The group still holds 9 hostages.", ("9", "kidnapped", 9, 9, "exact", "hostages")),
        ("Raiders took 3 teachers hostage.", ("3", "kidnapped", 3, 3, "exact", "teachers")),
    ],
)
def test_outcome_words_in_both_orders(text, expected):
    assert one(text) == expected


def test_the_verb_before_the_number_wins_over_a_modifier():
    assert one("The drone strike killed 12 displaced herders.")[1:3] == ("killed", 12)


def test_subject_is_the_head_noun_as_written():
    assert one("The attack killed 10 UN Peacekeepers.")[5] == "Peacekeepers"
    assert one("Snipers killed four U.S. Special Forces soldiers.")[5] == "soldiers"
    assert one("They killed 3 civilian workers.")[5] == "workers"


def test_a_short_place_phrase_between_the_noun_and_the_verb():
    assert one("Twenty residents of the old quarter were abducted.")[:2] == ("Twenty", "kidnapped")


def test_auxiliaries_between_the_noun_and_the_verb():
    assert one("More than a thousand villagers are reported to have been killed.") == (
        "More than a thousand",
        "killed",
        1001,
        None,
        "more_than",
        "villagers",
    )


# ---------------------------------------------------------------- several numbers, each its own outcome


def test_killing_and_wounding_in_one_sentence():
    assert counts("Gunmen stormed the post, killing at least 9 soldiers and wounding 3.") == [
        ("at least 9", "killed", 9, None, "at_least", "soldiers"),
        ("3", "wounded", 3, 3, "exact", None),
    ]


def test_killed_and_dozens_wounded():
    assert counts("Two people were killed and dozens wounded at the rally.") == [
        ("Two", "killed", 2, 2, "exact", "people"),
        ("dozens", "wounded", 24, None, "vague", None),
    ]


def test_a_list_after_the_verb_shares_it():
    assert counts("The ambush killed 12 soldiers, as well as two guides and 3 drivers.") == [
        ("12", "killed", 12, 12, "exact", "soldiers"),
        ("two", "killed", 2, 2, "exact", "guides"),
        ("3", "killed", 3, 3, "exact", "drivers"),
    ]


def test_a_list_before_the_verb_shares_it():
    assert counts("Nine soldiers and two civilians were killed.") == [
        ("Nine", "killed", 9, 9, "exact", "soldiers"),
        ("two", "killed", 2, 2, "exact", "civilians"),
    ]


def test_each_sentence_keeps_its_own_outcome():
    assert counts("Raiders killed 5 herders. 300 villagers fled the next day.") == [
        ("5", "killed", 5, 5, "exact", "herders"),
        ("300", "displaced", 300, 300, "exact", "villagers"),
    ]


def test_death_toll_and_thousands_more_displaced():
    assert counts("Aid groups put the death toll at between 80 and 120 people and thousands more displaced.") == [
        ("between 80 and 120", "killed", 80, 120, "between", "people"),
        ("thousands", "displaced", 2000, None, "vague", None),
    ]


def test_partitive_counts_the_part_not_the_whole():
    assert counts("Some 4,000 of the 9,000 inhabitants of the valley were displaced.") == [
        ("Some 4,000", "displaced", 4000, 4000, "about", "inhabitants"),
    ]
    assert one("The raid killed more than 20 of its defenders.")[:5] == (
        "more than 20",
        "killed",
        21,
        None,
        "more_than",
    )


def test_an_aside_between_the_noun_and_the_verb():
    assert one("Some 40 herders, most of them young, were killed.")[:2] == ("Some 40", "killed")


def test_an_active_verb_does_not_count_its_subject():
    assert counts("About 40 gunmen killed 3 guards.") == [("3", "killed", 3, 3, "exact", "guards")]
    assert counts("The 20 raiders wounded the chief.") == []
    assert one("Twelve villagers abducted the night before were freed.")[:2] == ("Twelve", "kidnapped")


def test_a_verb_after_the_noun_wins_over_the_noun():
    assert one("At least 3 of the 12 hostages were executed.")[:3] == ("At least 3", "killed", 3)


def test_labels_with_a_colon():
    assert counts("Killed: 14. Wounded: 9.") == [
        ("14", "killed", 14, 14, "exact", None),
        ("9", "wounded", 9, 9, "exact", None),
    ]


def test_a_comma_alone_does_not_join_a_number_to_the_next_clause():
    assert counts("The camp holds 5,000 guards, 20 of whom were wounded.") == [
        ("20", "wounded", 20, 20, "exact", None),
    ]


# ---------------------------------------------------------------- numbers and qualifiers


@pytest.mark.parametrize(
    ("number", "low", "high", "qualifier"),
    [
        ("40", 40, 40, "exact"),
        ("1,200", 1200, 1200, "exact"),
        ("1 200", 1200, 1200, "exact"),
        ("1.5 million", 1_500_000, 1_500_000, "exact"),
        ("nine", 9, 9, "exact"),
        ("twenty-two", 22, 22, "exact"),
        ("a hundred", 100, 100, "exact"),
        ("two hundred", 200, 200, "exact"),
        ("three hundred and fifty", 350, 350, "exact"),
        ("a thousand", 1000, 1000, "exact"),
        ("a dozen", 12, 12, "exact"),
        ("half a dozen", 6, 6, "exact"),
        ("dozens of", 24, None, "vague"),
        ("scores of", 40, None, "vague"),
        ("hundreds of", 200, None, "vague"),
        ("thousands of", 2000, None, "vague"),
        ("tens of thousands of", 20000, None, "vague"),
        ("hundreds of thousands of", 200000, None, "vague"),
        ("several", 3, None, "vague"),
        ("several hundred", 300, None, "vague"),
        ("a few", 2, None, "vague"),
        ("a number of", 3, None, "vague"),
        ("at least 40", 40, None, "at_least"),
        ("no fewer than 40", 40, None, "at_least"),
        ("40 or more", 40, None, "at_least"),
        ("more than 40", 41, None, "more_than"),
        ("over 40", 41, None, "more_than"),
        ("more than a dozen", 13, None, "more_than"),
        ("about 40", 40, 40, "about"),
        ("around 40", 40, 40, "about"),
        ("some 40", 40, 40, "about"),
        ("nearly 40", 40, 40, "about"),
        ("almost 40", 40, 40, "about"),
        ("an estimated 40", 40, 40, "about"),
        ("40 or so", 40, 40, "about"),
        ("up to 40", None, 40, "up_to"),
        ("as many as 40", None, 40, "up_to"),
        ("at most 40", None, 40, "up_to"),
        ("less than 40", None, 39, "less_than"),
        ("fewer than 40", None, 39, "less_than"),
        ("between 20 and 30", 20, 30, "between"),
        ("between twenty and thirty", 20, 30, "between"),
        ("20 to 30", 20, 30, "between"),
        ("20-30", 20, 30, "between"),
        ("20–30", 20, 30, "between"),
        ("from 20 to 30", 20, 30, "between"),
        ("two or three", 2, 3, "between"),
    ],
)
def test_numbers_and_bounds(number, low, high, qualifier):
    text = f"Raiders killed {number} civilians in the village."
    span = number.removesuffix(" of")
    assert one(text) == (span, "killed", low, high, qualifier, "civilians")


def test_span_covers_the_qualifier_only():
    text = "Officials said that at least 130 villagers were killed."
    (m,) = find_counts(text, "d")
    assert (m.start, m.end) == (text.index("at least"), text.index(" villagers"))


def test_hundreds_more():
    assert one("They burned the market, killing hundreds more civilians.") == (
        "hundreds",
        "killed",
        200,
        None,
        "vague",
        "civilians",
    )


# ---------------------------------------------------------------- numbers that are not counts


@pytest.mark.parametrize(
    "text",
    [
        "The group controls 80,000 square kilometers around the town.",
        "The government deployed 3,000 troops to the north.",
        "In 2019 the town was quiet; in 2021 gunmen killed civilians there.",
        "On March 8, 2022, fighters attacked the camp and killed civilians.",
        "On 8 March fighters killed villagers.",
        "Fighting on June 11-12, 2022 killed villagers.",
        "Gunmen killed civilians.12 The report says so.",
        "Gunmen killed civilians<sup>4</sup> in the east.",
        "[41] Militants killed villagers, a report said.",
        "Under Resolution 2100 the mission protects civilians who fled.",
        "A boy aged 12 was killed.",
        "A 12-year-old was killed.",
        "Two-thirds of the attacks killed nobody.",
        "Some of the village's 4,000 residents are leaving.",
        "Soldiers killed its 4 leaders.",
        "The attack killed three goats and wounded a herder.",
        "Gunmen attacked 4 villages and killed civilians.",
        "A mine exploded 40 km from the base, killing a soldier.",
        "See https://example.org/news/militants-kill-54-in-attack for details.",
        "There were 532 kidnappings in that year.",
        "Forty people were killed or wounded.",
        "The strike was one that killed a soldier.",
        "No one was killed.",
        "The 1,500-strong force lost ground.",
        "Nearly 70 percent of residents fled.",
        "The attack inflicted hundreds of casualties.",
        "Nearly half of the 3,000 residents fled.",
        "On 12 May gunmen killed villagers.",
        "On 2021-05-03 gunmen attacked the camp; nobody was killed.",
        "The army lost 3 vehicles.",
        "The drone saved 14 lives.",
        "Nine out of 10 victims were civilians.",
    ],
)
def test_numbers_that_are_not_counts(text):
    assert counts(text) == []


def test_hedged_counts_are_counts():
    assert one("Twelve may have died in the fire.")[:3] == ("Twelve", "killed", 12)


def test_a_year_can_still_be_a_count_of_people():
    assert one("The drought and the raids left 2000 people displaced.")[:3] == ("2000", "displaced", 2000)


def test_blank_line_ends_the_clause():
    assert counts("Gunmen killed\n\n40 soldiers marched on.") == []


# ---------------------------------------------------------------- offsets and speed


def test_offsets_on_a_long_mixed_text():
    sentences = [
        "Ménaka’s market was attacked on 3 May 2021, killing at least 40 civilians.",
        "Some 2 000 people fled; “about twenty” were abducted.",
        "Officials put the toll at between 12 and 15 — a figure disputed by 3 NGOs.",
        "Resolution 2100 is cited.4 Tens of thousands of villagers have fled their homes.",
    ]
    text = "\n".join(sentences * 40)
    found = find_counts(text, "long.txt")
    assert len(found) == 5 * 40
    for m in found:
        assert text[m.start : m.end] == m.text
        assert 0 <= m.start < m.end <= len(text)
    assert [m.start for m in found] == sorted(m.start for m in found)
    assert [m.text for m in found[:5]] == [
        "at least 40",
        "Some 2 000",
        "about twenty",
        "between 12 and 15",
        "Tens of thousands",
    ]
    assert [m.get(WHAT) for m in found[:5]] == ["killed", "displaced", "kidnapped", "killed", "displaced"]


def test_to_dict_is_flat_and_json_ready():
    (m,) = find_counts("Raiders killed 7 herders.", "x.txt")
    assert m.to_dict() == {
        "doc": "x.txt",
        "start": 15,
        "end": 16,
        "text": "7",
        "kind": "count",
        "what": "killed",
        "low": 7,
        "high": 7,
        "qualifier": "exact",
        "subject": "herders",
    }


def test_fast_on_a_fifty_thousand_character_document():
    filler = (
        "In 2020 the mission counted 3,000 troops over 80,000 km2. Gunmen killed at least 12 civilians "
        "and wounded 4 on 8 March 2021, and thousands fled.[12] See https://example.org/a-12-b for more. "
    )
    text = (filler * (50_000 // len(filler) + 1))[:50_000]
    find_counts(text, "warm.txt")
    began = time.perf_counter()
    found = find_counts(text, "big.txt")
    elapsed = time.perf_counter() - began
    assert found
    # well under 0.1 s on an ordinary machine; the bound leaves room for a loaded test runner
    assert elapsed < 0.5, elapsed
