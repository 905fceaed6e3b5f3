"""Actors met by ``geo import``: the alias table, the curated aliases, and new actors.

No dataset name blocks the records: every name becomes an actor id, and the new actors
written beside the incidents make ``geo map --incidents`` draw with no repair.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from test_imports import acled_row, write_csv

from geo import schema
from geo.actors import ActorIndex
from geo.cli import main
from geo.imports import import_acled, import_ucdp, write_actors, write_incidents
from geo.imports.actors import (
    KIND_COLOURS,
    ActorMapper,
    DatasetAliases,
    actor_kind,
    slug,
    strip_period,
)
from geo.seeds import Seeds
from geo.validate import validate_seeds

MENAKA = ("15.9182", "2.4022")
ACLED_HEADER = list(schema.ACLED_EXPORT_COLUMNS)
UCDP_HEADER = [
    "id",
    "year",
    "type_of_violence",
    "side_a",
    "side_b",
    "source_headline",
    "where_prec",
    "where_coordinates",
    "where_description",
    "adm_1",
    "adm_2",
    "latitude",
    "longitude",
    "country",
    "date_prec",
    "date_start",
    "date_end",
    "best",
    "high",
    "low",
]


@pytest.fixture(scope="module")
def actors() -> ActorIndex:
    return ActorIndex.from_table(Seeds.load().actors)


def ucdp_row(event_id: str, **cells: str) -> dict[str, str]:
    row = {
        "id": event_id,
        "year": "2022",
        "type_of_violence": "1",
        "side_a": "Government of Mali",
        "side_b": "IS",
        "source_headline": "Clash near Ménaka",
        "where_prec": "1",
        "where_coordinates": "Ménaka town",
        "where_description": "Ménaka town, Ménaka region",
        "adm_1": "Ménaka region",
        "latitude": MENAKA[0],
        "longitude": MENAKA[1],
        "country": "Mali",
        "date_prec": "1",
        "date_start": "2022-03-08 00:00:00.000",
        "date_end": "2022-03-08 00:00:00.000",
        "best": "5",
        "high": "7",
        "low": "4",
    }
    row.update(cells)
    return row


@pytest.fixture
def unknown_export(tmp_path: Path) -> Path:
    """An ACLED export whose actors the bundled list mostly does not know."""
    return write_csv(
        tmp_path / "acled.csv",
        ACLED_HEADER,
        [
            acled_row(
                "MLI1",
                actor1="Dozo Communal Group (Mali)",
                inter1="4",
                actor2="Civilians (Mali)",
                inter2="7",
            ),
            acled_row(
                "MLI2",
                event_type="Battles",
                sub_event_type="Armed clash",
                actor1="Military Forces of Mali (2021-)",
                inter1="State forces",  # the text form of ACLED's codes since 2023
                actor2="Militia (Students)",
                inter2="Identity militia",
                assoc_actor_1="Police Forces of Mali (2013-2020) Gendarmerie",
            ),
            acled_row(
                "MLI3",
                actor1="JNIM: Group for Support of Islam and Muslims",
                inter1="2",
                actor2="Dozo Communal Group (Mali)",
                inter2="4",
            ),
            acled_row("MLI4", actor1="Islamic State (Greater Sahara)", actor2="Kel Essouk Rebels", inter2="2"),
        ],
    )


# --- the pieces -------------------------------------------------------------------------
def test_strip_period_and_slug():
    assert strip_period("Military Forces of Mali (2012-2013)") == "Military Forces of Mali"
    assert strip_period("Police Forces of Niger (2021-)") == "Police Forces of Niger"
    assert strip_period("Dozo Communal Group (Mali)") == "Dozo Communal Group (Mali)"
    assert slug("Dozo Communal Group (Mali)") == "dozo-communal-group-mali"
    assert re.match(schema.ID_REGEX, slug("Ansar al-Dine — Ġroup (Tombouctou)!"))


@pytest.mark.parametrize(
    ("dataset", "name", "inter", "country", "kind"),
    [
        ("acled", "X", "1", "ML", "state"),
        ("acled", "X", "2", "", "rebel"),
        ("acled", "X", "3", "", "militia"),
        ("acled", "X", "4", "", "militia"),
        ("acled", "X", "5", "", "civilians"),
        ("acled", "X", "6", "", "civilians"),
        ("acled", "X", "7", "", "civilians"),
        ("acled", "X", "8", "", "international"),
        ("acled", "X", "Political militia", "", "militia"),
        ("acled", "X", "External/Other forces", "", "international"),
        ("acled", "X", "", "", "unidentified"),
        ("acled", "Military Forces of Togo (2005-)", "1", "ML", "foreign_state"),
        ("acled", "Military Forces of Mali (2021-)", "1", "ML", "state"),
        ("ucdp", "Government of Senegal", "", "SN", "state"),
        ("ucdp", "Government of Senegal", "", "ML", "foreign_state"),
        ("ucdp", "MPSA", "", "ML", "rebel"),
    ],
)
def test_kinds(dataset, name, inter, country, kind):
    assert actor_kind(dataset, name, inter=inter, country=country) == kind
    assert kind in schema.ACTOR_KINDS


def test_new_actors_are_stable_and_collisions_deterministic(actors):
    long_a = "A very long militia name " * 4 + "of the north"
    long_b = "A very long militia name " * 4 + "of the south"
    ids = []
    for _ in range(2):  # the same names in the same order give the same ids, every run
        mapper = ActorMapper(actors, dataset="acled")
        ids.append([mapper.map(name, inter="3").actor for name in (long_a, long_b, long_a)])
    assert ids[0] == ids[1]
    first, second, again = ids[0]
    assert first != second and again == first and second == f"{first}-2"
    rows = mapper.new_actors
    assert [row["id"] for row in rows] == [first, second]
    assert all(row["colour"] in KIND_COLOURS["militia"] for row in rows)


# --- the alias table --------------------------------------------------------------------
def test_bundled_alias_table_names_only_known_actors(actors):
    aliases = DatasetAliases.bundled()
    assert len(aliases.rows) >= 10
    assert [row.actor for row in aliases.rows if row.actor not in actors] == []


@pytest.mark.parametrize(
    ("dataset", "name", "country", "day", "actor"),
    [
        ("acled", "Islamic State (Greater Sahara)", "ML", "2019-01-01", "isgs"),
        ("acled", "Islamic State (Sahel)", "NE", "2023-01-01", "isgs"),
        ("acled", "Islamic State Sahel Province", "BF", "2023-01-01", "isgs"),
        ("acled", "JNIM: Group for Support of Islam and Muslims", "ML", "2022-01-01", "jnim"),
        ("acled", "Military Forces of Mali (2021-)", "ML", "2022-01-01", "fama"),
        ("acled", "Military Forces of Mali (2012-2013)", "ML", "2012-06-01", "fama"),
        ("acled", "Military Forces of Mali (1991-2001)", "ML", "1995-06-01", "fama"),  # any period, by rule
        ("ucdp", "Government of Mali", "ML", "2022-01-01", "fama"),
        ("ucdp", "IS", "ML", "2019-11-01", "isgs"),
        ("ucdp", "IS", "BF", "2020-01-01", "isgs"),
        ("ucdp", "IS", "NE", "2023-06-01", "isgs"),  # the Sahel Province: one actor in actors.csv
        ("ucdp", "IS", "ML", "2014-06-01", "islamic-state"),  # before ISGS
        ("ucdp", "IS", "SY", "2019-11-01", "islamic-state"),  # elsewhere: the central IS
        ("ucdp", "IS", "NG", "2019-11-01", "iswap"),
        ("acled", "Civilians (Mali)", "ML", "2022-01-01", "civilians"),
    ],
)
def test_alias_table(actors, dataset, name, country, day, actor):
    mapper = ActorMapper(actors, dataset=dataset)
    assert mapper.map(name, country=country, day=dt.date.fromisoformat(day)).actor == actor
    assert mapper.new_actors == []


def test_government_of_mali_is_military_forces_of_mali(tmp_path, gazetteer, actors):
    ucdp = import_ucdp(
        write_csv(tmp_path / "ged.csv", UCDP_HEADER, [ucdp_row("1")]), gazetteer=gazetteer, actors=actors
    )
    acled = import_acled(
        write_csv(
            tmp_path / "acled.csv",
            ACLED_HEADER,
            [acled_row("MLI9", actor1="Military Forces of Mali (2021-)", inter1="1")],
        ),
        gazetteer=gazetteer,
        actors=actors,
    )
    assert ucdp.incidents[0]["actor1"] == acled.incidents[0]["actor1"] == "fama"
    # UCDP's IS in Mali in 2022: the Sahel branch, read from the row's country and date
    assert ucdp.incidents[0]["actor2"] == "isgs"


def test_ucdp_is_outside_the_sahel_is_the_central_is(tmp_path, gazetteer, actors):
    rows = [ucdp_row("1", date_start="2014-03-08", date_end="2014-03-08")]
    result = import_ucdp(write_csv(tmp_path / "ged.csv", UCDP_HEADER, rows), gazetteer=gazetteer, actors=actors)
    assert result.incidents[0]["actor2"] == "islamic-state"


# --- imports ----------------------------------------------------------------------------
def test_unknown_names_become_new_actors(unknown_export, gazetteer, actors):
    result = import_acled(unknown_export, gazetteer=gazetteer, actors=actors)
    by_id = {row["id"]: row for row in result.incidents}
    assert by_id["acled-mli1"]["actor1"] == "dozo-communal-group-mali"
    assert by_id["acled-mli3"]["actor2"] == "dozo-communal-group-mali"  # one actor per name
    assert (by_id["acled-mli2"]["actor1"], by_id["acled-mli2"]["actor2"]) == ("fama", "militia-students")
    assert by_id["acled-mli3"]["actor1"] == "jnim" and by_id["acled-mli4"]["actor1"] == "isgs"
    new = {row["id"]: row for row in result.actors}
    assert set(new) == {
        "dozo-communal-group-mali",
        "militia-students",
        "police-forces-of-mali-2013-2020-gendarmerie",
        "kel-essouk-rebels",
    }
    assert new["dozo-communal-group-mali"]["kind"] == "militia"
    assert new["militia-students"]["kind"] == "militia"
    assert new["kel-essouk-rebels"]["kind"] == "rebel"
    assert new["dozo-communal-group-mali"]["name"] == "Dozo Communal Group (Mali)"
    for row in new.values():
        assert row["colour"] in KIND_COLOURS[row["kind"]]
        assert list(row) == list(schema.ACTOR_COLUMNS)
    report = result.report
    counts = report.actor_counts()
    assert counts["new actor"] == 4 and counts["alias table"] >= 4
    summary = report.summary()
    assert re.search(r"actors: \d+ names: \d+ curated by alias table, \d+ by alias, 4 new actors", summary), summary
    # each mapping once in the report, with its row count
    values = [entry.value for entry in report.entries() if entry.column in ("actor1", "actor2", "assoc_actor_1")]
    assert len(values) == len(set(values))
    dozo = [e for e in report.entries() if e.value == "Dozo Communal Group (Mali)"]
    assert len(dozo) == 1 and "2 rows" in dozo[0].message and "dozo-communal-group-mali" in dozo[0].message


def test_import_then_map_with_no_repair(unknown_export, tmp_path, gazetteer, actors, capsys):
    result = import_acled(unknown_export, gazetteer=gazetteer, actors=actors)
    folder = tmp_path / "my"
    folder.mkdir()
    incidents = write_incidents(result.incidents, folder / "incidents.csv")
    write_actors(result.actors, folder / "actors.csv")  # what geo import writes beside --out
    seeds = Seeds.load().with_incidents(incidents)
    assert validate_seeds(seeds, gazetteer) == []
    assert main(["validate", "--incidents", str(incidents)]) == 0
    out = tmp_path / "map.html"
    assert main(["map", "--incidents", str(incidents), "--out", str(out)]) == 0
    assert out.stat().st_size > 0
    assert "dozo-communal-group-mali" in out.read_text(encoding="utf-8") or "Dozo Communal Group" in out.read_text(
        encoding="utf-8"
    )
