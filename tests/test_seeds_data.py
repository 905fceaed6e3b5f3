"""Every bundled record: valid, cited back to a source document, resolvable; and the key facts right."""

from __future__ import annotations

from datetime import date

import pytest

from geo import schema
from geo.actors import ActorIndex
from geo.dates import parse_date
from geo.records import load_records
from geo.seeds import Seeds, split_cell

SEEDS = Seeds.load()
DOCUMENTS = {row["id"] for row in SEEDS.sources if row["kind"] == "document"}
CITED_IN = {row["id"]: row["cited_in"] for row in SEEDS.sources}
RECORD_ROWS = [
    pytest.param(table.name, row, id=f"{table.name.removesuffix('.csv')}:{row['id']}")
    for table in (SEEDS.incidents, SEEDS.claims, SEEDS.assertions)
    for row in table
]


@pytest.fixture(scope="module")
def records(gazetteer):
    return load_records(gazetteer=gazetteer)


def test_the_five_documents_are_listed():
    assert {"doc-000", "doc-001", "doc-002", "doc-003", "doc-004"} == DOCUMENTS


@pytest.mark.parametrize(("name", "row"), RECORD_ROWS)
def test_every_record_traces_to_a_document(name, row):
    sources = split_cell(row[schema.SOURCES])
    documents = {s if s in DOCUMENTS else CITED_IN.get(s) for s in sources}
    assert documents & DOCUMENTS, f"{name} {row['id']} cites no source document: {sources}"


@pytest.mark.parametrize(("name", "row"), RECORD_ROWS)
def test_every_record_resolves(name, row, gazetteer):
    for column in (schema.PLACE, schema.SUBJECT, schema.REFERENCE_PLACE):
        if row[column]:
            assert gazetteer.place(row[column]).id == row[column]
    for column in (schema.DATE, schema.START, schema.END):
        if row[column]:
            parse_date(row[column])


def test_every_actor_has_a_distinct_colour_and_unique_names():
    actors = ActorIndex.from_table(SEEDS.actors)
    assert actors.clashes == []
    armed = [row for row in SEEDS.actors if row["kind"] in ("jihadist", "rebel", "militia", "private_military")]
    colours = [row["colour"].lower() for row in armed]
    assert len(set(colours)) == len(colours)
    assert actors.resolve("EIGS") == actors.resolve("ISIS-GS") == "isgs"
    assert actors.resolve("FAMa") == "fama"
    assert actors.resolve("Operation Barkhane") == actors.resolve("Serval") == "french-forces"


def test_affiliations_record_the_mergers_and_pledges():
    actors = ActorIndex.from_table(SEEDS.actors)
    relations = {(a.relation, a.actor) for a in actors["ansar-dine"].affiliations}
    assert ("part_of", "jnim") in relations
    jnim = next(a for a in actors["ansar-dine"].affiliations if a.actor == "jnim")
    assert jnim.when.earliest == date(2017, 3, 1)
    isgs = {(a.relation, a.actor): a for a in actors["isgs"].affiliations}
    assert isgs["pledged_to", "islamic-state"].when.contains(date(2015, 5, 15))
    assert isgs["split_from", "al-mourabitoun"].when.contains(date(2015, 5, 15))
    assert isgs["part_of", "iswap"].when.contains(date(2019, 7, 1))


def one(frame, **equal):
    mask = True
    for column, value in equal.items():
        mask = mask & (frame[column] == value)
    found = frame[mask]
    assert len(found) >= 1, equal
    return found.iloc[0]


@pytest.mark.parametrize(
    ("place", "day", "actor"),
    [
        ("ml-tamalat", date(2022, 3, 8), "isgs"),
        ("ml-inchinane", date(2022, 3, 9), "isgs"),
        ("ml-anderamboukane", date(2022, 3, 20), "isgs"),
        ("ml-fitili", date(2022, 2, 4), "jnim"),
        ("ml-toubani", date(2022, 2, 5), "jnim"),
        ("bf-seytenga", date(2022, 6, 11), None),
        ("ml-diallassagou", date(2022, 6, 19), None),
        ("ml-gao-moc-camp", date(2017, 1, 18), None),
        ("ne-tongo-tongo", date(2017, 10, 4), "isgs"),
        ("ml-konna", date(2013, 1, 10), None),
        ("ml-tidermene", date(2023, 4, 10), "isgs"),
        ("ml-inkadewane", date(2023, 4, 10), "isgs"),
    ],
)
def test_key_incidents(records, place, day, actor):
    incidents = records.incidents
    here = incidents[incidents["place"] == place]
    active = here[[(s is None or s <= day) and (e is None or day <= e) for s, e in zip(here["start"], here["end"])]]
    assert len(active), f"no incident at {place} around {day}"
    if actor:
        assert any(actor in actors for actors in active["actors"])


def test_key_figures_are_kept_honest(records):
    incidents = records.incidents
    offensive = incidents[incidents["fatalities_high"].fillna(0) == 500].iloc[0]
    assert (offensive["fatalities_low"], offensive["fatalities_high"]) == (300, 500)
    assert offensive["fatalities_best"] is incidents["fatalities_best"].dtype.na_value  # never 400
    seytenga = one(incidents, place="bf-seytenga")
    assert seytenga["fatalities_low"] == 51 and (seytenga["start"], seytenga["end"]) == (
        date(2022, 6, 11),
        date(2022, 6, 12),
    )
    camp = one(incidents, place="ml-gao-moc-camp")
    assert camp["fatalities_best"] == 47


@pytest.mark.parametrize(
    ("actor", "status", "place", "day"),
    [
        ("mnla", "seized", "ml-gao", date(2012, 4, 2)),
        ("mnla", "seized", "ml-kidal", date(2012, 4, 2)),
        ("mnla", "seized", "ml-timbuktu", date(2012, 4, 2)),
        ("mujao", "seized", "ml-gao", date(2012, 6, 28)),
        ("msa", "controls", "ml-tamalat", date(2022, 3, 7)),
        ("gatia", "controls", "ml-inchinane", date(2022, 3, 7)),
        ("isgs", "seized", "ml-talataye", date(2023, 1, 1)),
        ("isgs", "seized", "ml-tidermene", date(2023, 4, 12)),
        ("isgs", "threatens", "ml-menaka", date(2023, 4, 12)),
        ("jnim", "influences", "area-gourma-mali", date(2022, 6, 15)),
    ],
)
def test_key_claims(records, actor, status, place, day):
    claims = records.claims
    found = claims[(claims["actor"] == actor) & (claims["status"] == status) & (claims["place"] == place)]
    assert len(found), (actor, status, place)
    assert any(s <= day and (e is None or day <= e) for s, e in zip(found["start"], found["end"])) or any(
        s <= day for s in found["start"]
    )
