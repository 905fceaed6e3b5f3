"""Influence zones from event data: incidents-tier influence, and actors that never get a zone."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from conftest import incident_row, write_seed_file

from geo import schema
from geo.cli import main
from geo.cli._influence import parse_params
from geo.errors import InputError
from geo.influence import COMMON_RULES, INCIDENTS_TIER, Influence, check_params, param_names
from geo.records import load_records

D = dt.date

SOURCES = [{"id": "doc-a", "kind": "document", "title": "A report", "date": "2024-01-01"}]
ACTORS = [
    {"id": "kilo", "name": "Kilo Front", "aliases": "KF", "kind": "jihadist", "colour": "#d7301f"},
    {"id": "lima", "name": "Lima Militia", "kind": "militia", "colour": "#3182bd"},
    {"id": "civilians", "name": "Civilians", "kind": "civilians", "colour": "#bdbdbd"},
    {"id": "protesters", "name": "Protesters", "kind": "civilians", "colour": "#e7d8c0"},
    {"id": "unidentified", "name": "Unidentified armed group", "kind": "unidentified", "colour": "#252525"},
    {"id": "court", "name": "A Court", "kind": "organisation", "colour": "#7b8794"},
]


def incident(incident_id: str, date: str, place: str, actor1: str, actor2: str = "", **extra: str) -> dict[str, str]:
    extra.setdefault("event_type", "Violence against civilians")
    return incident_row(incident_id, date, place, actor1, actor2, **extra)


def claim(claim_id: str, actor: str, status: str, place: str, start: str, end: str = "") -> dict[str, str]:
    return {
        "id": claim_id,
        "actor": actor,
        "status": status,
        "place": place,
        "start": start,
        "end": end,
        "tier": "claimed",
        "sources": "doc-a",
    }


INCIDENTS = [
    # kilo, incidents only: three at Ménaka (influence), two at Tidermène (below 3)
    incident("inc-k-menaka-1", "2022-01-10", "ml-menaka", "kilo", "civilians"),
    incident("inc-k-menaka-2", "2022-02-10", "ml-menaka", "kilo", "civilians"),
    incident("inc-k-menaka-3", "2022-03-10", "ml-menaka", "kilo", "protesters"),
    incident("inc-k-tidermene-1", "2022-02-01", "ml-tidermene", "kilo", "civilians"),
    incident("inc-k-tidermene-2", "2022-02-02", "ml-tidermene", "kilo", "civilians"),
    # Anderamboukane: one named, one dated to a month, one with no place 3.6 km from it
    incident("inc-k-ander-1", "2022-05-20", "ml-anderamboukane", "kilo", "civilians"),
    incident("inc-k-ander-2", "2022-06", "ml-anderamboukane", "kilo"),
    incident("inc-k-ander-3", "2022-07-01", "", "kilo", latitude="15.42", longitude="3.05", location="near Ander"),
    # three in the desert, no settlement within 10 km: activity only
    *(
        incident(f"inc-k-desert-{n}", f"2022-08-0{n}", "", "kilo", latitude="20.5", longitude="0.5", location="dunes")
        for n in (1, 2, 3)
    ),
    # victims and unknowns, many times at one place
    *(incident(f"inc-u-menaka-{n}", f"2022-04-0{n}", "ml-menaka", "unidentified", "civilians") for n in range(1, 6)),
    *(incident(f"inc-court-{n}", f"2022-04-1{n}", "ml-menaka", "court", "protesters") for n in range(1, 4)),
    # lima: a claim until June 2022, and three incidents at Tamalat meanwhile
    *(incident(f"inc-l-tamalat-{n}", f"2022-0{n + 1}-15", "ml-tamalat", "lima", "civilians") for n in (1, 2, 3)),
]

CLAIMS = [
    claim("clm-l-inchinane", "lima", "controls", "ml-inchinane", "2022-01-01", "2022-06-30"),
    # claims naming actors that get no zone: skipped, and they contest nothing
    claim("clm-civ-inchinane", "civilians", "controls", "ml-inchinane", "2022-02-01"),
    claim("clm-u-menaka-region", "unidentified", "influences", "ml-region-menaka", "2022-01"),
    claim("clm-court-menaka", "court", "seized", "ml-menaka", "2022-01"),
]

NO_ZONE = ("civilians", "protesters", "unidentified", "court")


def write_records(folder: Path, incidents=INCIDENTS, claims=CLAIMS) -> Path:
    write_seed_file(folder, "sources.csv", SOURCES)
    write_seed_file(folder, "actors.csv", ACTORS)
    write_seed_file(folder, "claims.csv", claims)
    write_seed_file(folder, "incidents.csv", incidents)
    write_seed_file(folder, "assertions.csv", [])
    return folder


@pytest.fixture(scope="module")
def records(gazetteer, tmp_path_factory):
    return load_records(write_records(tmp_path_factory.mktemp("events") / "seeds"), gazetteer=gazetteer)


@pytest.fixture(scope="module")
def buffer(records, gazetteer):
    return Influence(records, gazetteer=gazetteer, method="buffer")


@pytest.fixture(scope="module")
def voronoi(records, gazetteer):
    return Influence(records, gazetteer=gazetteer, method="voronoi")


def rows(influence: Influence, actor: str, day: dt.date) -> dict[str, dict]:
    return {row["zone"]: row for row in influence.at(actor, day).to_dict("records")}


def influence_places(influence: Influence, actor: str, day: dt.date) -> dict[str, tuple[str, ...]]:
    step = influence.step_at(actor, day)
    return {place: member[1] for place, member in (step.zones.get("influence", {}) if step else {}).items()}


# --- victims and unknowns ----------------------------------------------------------------


def test_no_zone_kinds_are_actor_kinds():
    assert schema.NO_ZONE_KINDS <= schema.ACTOR_KINDS
    assert {"civilians", "unidentified"} <= schema.NO_ZONE_KINDS
    assert not {"jihadist", "rebel", "militia", "state", "foreign_state", "private_military"} & schema.NO_ZONE_KINDS


@pytest.mark.parametrize("actor", NO_ZONE)
def test_victims_and_unknowns_get_no_zone_of_any_kind(buffer, voronoi, actor):
    for influence in (buffer, voronoi):
        assert influence.steps(actor) == []
        assert influence.coverage(actor) is None
        assert influence.change_days(actor) == []
        for day in (D(2022, 1, 15), D(2022, 4, 5), D(2022, 4, 30), D(2022, 6, 1)):
            assert influence.at(actor, day).empty
            assert influence.zones_on(actor, day) == {}
        assert influence.layer([actor]).empty
        table = influence.timeline(actor, start=D(2022, 1, 1), end=D(2022, 12, 31), every="quarter")
        assert list(table["period"]) == ["2022-Q1", "2022-Q2", "2022-Q3", "2022-Q4"]
        assert (table[[f"{zone}_km2" for zone in schema.ZONES]] == 0).all().all()
        assert "gets no zone" in influence.no_zone_reason(actor)


def test_claims_naming_them_are_skipped_with_the_reason(buffer):
    skipped = dict(buffer.skipped)
    assert (
        skipped["clm-civ-inchinane"]
        == "names civilians, victims or a crowd, not an armed actor (kind civilians): draws no zone"
    )
    assert "unnamed perpetrators" in skipped["clm-u-menaka-region"]
    assert "no armed force" in skipped["clm-court-menaka"]
    assert "clm-l-inchinane" not in skipped


def test_claims_naming_them_contest_nothing(buffer):
    # civilians "control" Inchinane from February: lima's hold stays control, not contested
    march = rows(buffer, "lima", D(2022, 3, 1))
    assert "contested" not in march
    assert march["control"]["supporting"] == ["clm-l-inchinane"]


def test_they_are_left_out_of_every_actor_list(buffer):
    assert buffer.actors_with_claims == ["lima"]
    assert buffer.actors_with_zones == ["kilo", "lima"]
    assert set(buffer.layer()["actor"]) == {"kilo", "lima"}


def test_other_actors_are_still_active_where_victims_were(buffer):
    # the incidents stay: kilo is active where it attacked civilians
    assert rows(buffer, "kilo", D(2022, 1, 10))["activity"]["supporting"] == ["inc-k-menaka-1"]


def test_the_actor_ids_civilians_and_unidentified_get_no_zone_whatever_their_kind(gazetteer, tmp_path):
    actors = [dict(a, kind="militia") if a["id"] in ("civilians", "unidentified") else a for a in ACTORS]
    folder = write_records(tmp_path / "seeds")
    write_seed_file(folder, "actors.csv", actors)
    influence = Influence(load_records(folder, gazetteer=gazetteer), gazetteer=gazetteer)
    assert influence.steps("civilians") == [] and influence.steps("unidentified") == []
    assert "unidentified" not in influence.actors_with_zones


# --- influence from incidents --------------------------------------------------------------


def test_an_actor_with_only_incidents_gets_incidents_tier_influence(buffer):
    row = rows(buffer, "kilo", D(2022, 3, 10))["influence"]
    assert row["tier"] == INCIDENTS_TIER
    assert row["places"] == ["ml-menaka"]
    assert row["supporting"] == ["inc-k-menaka-1", "inc-k-menaka-2", "inc-k-menaka-3"]
    assert row["method"] == "buffer"
    params = json.loads(row["params"])
    assert params["influence_window_days"] == 365 and params["influence_min_incidents"] == 3
    assert params["influence_from_incidents"] is True
    # the same area as a claim on Ménaka would draw: a city's disc of 25 km plus 3 km
    assert row["area_km2"] == pytest.approx(3.14159 * 28**2, rel=0.01)
    assert {r["zone"] for r in buffer.layer(["kilo"]).to_dict("records")} == {"activity", "influence"}
    assert "incidents" in set(buffer.layer(["kilo"], by_tier=True)["tier"])


def test_influence_needs_the_minimum_number_of_incidents(buffer, records, gazetteer):
    # two at Tidermène are not enough
    assert "ml-tidermene" not in influence_places(buffer, "kilo", D(2022, 3, 10))
    assert influence_places(buffer, "kilo", D(2022, 3, 9)) == {}  # only two at Ménaka yet
    two = Influence(records, gazetteer=gazetteer, params={"influence_min_incidents": 2})
    assert influence_places(two, "kilo", D(2022, 2, 2)) == {"ml-tidermene": ("inc-k-tidermene-1", "inc-k-tidermene-2")}
    assert "ml-menaka" in influence_places(two, "kilo", D(2022, 2, 10))
    assert "ml-menaka" not in influence_places(two, "kilo", D(2022, 2, 9))


def test_influence_follows_the_trailing_window_to_the_day(buffer, records, gazetteer):
    # the first Ménaka incident (2022-01-10) is in the window until 2023-01-09 (day 365)
    assert "ml-menaka" in influence_places(buffer, "kilo", D(2023, 1, 9))
    assert "ml-menaka" not in influence_places(buffer, "kilo", D(2023, 1, 10))
    steps = [s for s in buffer.steps("kilo") if "ml-menaka" in s.zones.get("influence", {})]
    assert steps[0].start == D(2022, 3, 10) and steps[-1].end == D(2023, 1, 9)
    short = Influence(records, gazetteer=gazetteer, params={"influence_window_days": 60})
    # window of 60 days: 2022-01-10 .. 2022-03-10 exactly holds the three
    assert "ml-menaka" in influence_places(short, "kilo", D(2022, 3, 10))
    assert "ml-menaka" not in influence_places(short, "kilo", D(2022, 3, 11))


def test_a_month_dated_incident_counts_from_its_first_possible_day(buffer, records, gazetteer):
    # the third incident has no place but lies 3.6 km from Anderamboukane: it counts there
    assert "ml-anderamboukane" not in influence_places(buffer, "kilo", D(2022, 6, 30))
    assert influence_places(buffer, "kilo", D(2022, 7, 1))["ml-anderamboukane"] == (
        "inc-k-ander-1",
        "inc-k-ander-2",
        "inc-k-ander-3",
    )
    assert "ml-anderamboukane" in influence_places(buffer, "kilo", D(2023, 5, 19))  # day 365 of 2022-05-20
    assert "ml-anderamboukane" not in influence_places(buffer, "kilo", D(2023, 5, 20))
    # "2022-06" meets the window from its first possible day to 364 days after its last
    two = Influence(records, gazetteer=gazetteer, params={"influence_min_incidents": 2})
    assert "ml-anderamboukane" not in influence_places(two, "kilo", D(2022, 5, 31))
    assert influence_places(two, "kilo", D(2022, 6, 1))["ml-anderamboukane"] == ("inc-k-ander-1", "inc-k-ander-2")
    assert influence_places(two, "kilo", D(2023, 6, 29))["ml-anderamboukane"] == ("inc-k-ander-2", "inc-k-ander-3")
    assert "ml-anderamboukane" not in influence_places(two, "kilo", D(2023, 6, 30))


def test_incidents_far_from_any_settlement_are_activity_only(buffer):
    day = D(2022, 8, 3)
    assert {"inc-k-desert-1", "inc-k-desert-2", "inc-k-desert-3"} <= set(
        rows(buffer, "kilo", day)["activity"]["supporting"]
    )
    assert not any(i.startswith("inc-k-desert") for ids in influence_places(buffer, "kilo", day).values() for i in ids)


def test_both_methods_pick_the_same_places_and_incidents(buffer, voronoi):
    for day in (D(2022, 3, 10), D(2022, 7, 1), D(2022, 12, 31)):
        assert influence_places(buffer, "kilo", day) == influence_places(voronoi, "kilo", day)
    row = rows(voronoi, "kilo", D(2022, 3, 10))["influence"]
    assert row["method"] == "voronoi" and row["tier"] == INCIDENTS_TIER and 0 < row["area_km2"] <= 3.1416 * 50**2


def test_steps_agree_with_the_rules_applied_day_by_day(buffer):
    day = D(2021, 12, 1)
    while day <= D(2023, 8, 1):
        for actor in ("kilo", "lima"):
            step = buffer.step_at(actor, day)
            expected = {zone: members for zone, members in buffer.zones_on(actor, day).items() if members}
            got = {zone: members for zone, members in step.zones.items() if members} if step else {}
            assert got == expected, (actor, day)
        day += dt.timedelta(days=1)


def test_it_can_be_turned_off(records, gazetteer):
    off = Influence(records, gazetteer=gazetteer, params={"influence_from_incidents": False})
    assert set(rows(off, "kilo", D(2022, 3, 10))) == {"activity"}
    assert "influence" not in set(off.layer()["zone"])


# --- actors with claims -------------------------------------------------------------------


def test_claims_replace_the_incidents_picture_while_they_hold(buffer, records, gazetteer):
    off = Influence(records, gazetteer=gazetteer, params={"influence_from_incidents": False})
    # while its claim holds (to 2022-06-30), lima's zones are its claims' alone
    for day in (D(2022, 1, 1), D(2022, 4, 15), D(2022, 6, 30)):
        got = buffer.at("lima", day).drop(columns=["params"])
        expected = off.at("lima", day).drop(columns=["params"])
        assert got.to_dict("records") == expected.to_dict("records")
        assert list(got.geometry) == list(expected.geometry)
        assert INCIDENTS_TIER not in set(got["tier"])
    # once no claim holds, its three Tamalat incidents (to 2022-04-15) give influence
    assert rows(buffer, "lima", D(2022, 7, 1))["influence"]["tier"] == INCIDENTS_TIER
    july = rows(buffer, "lima", D(2022, 7, 31))  # activity (90 days) ended on 13 July
    assert set(july) == {"influence"} and july["influence"]["tier"] == INCIDENTS_TIER
    assert july["influence"]["places"] == ["ml-tamalat"]
    assert july["influence"]["supporting"] == ["inc-l-tamalat-1", "inc-l-tamalat-2", "inc-l-tamalat-3"]
    assert "influence" in rows(buffer, "lima", D(2023, 2, 14)) and not rows(buffer, "lima", D(2023, 2, 15))


# --- parameters ------------------------------------------------------------------------------


def test_the_new_parameters_have_rules_and_ranges():
    assert {"influence_from_incidents", "influence_window_days", "influence_min_incidents"} <= set(param_names())
    assert COMMON_RULES["influence_window_days"].describe() == "takes a whole number of days, from 1 to 36525"
    assert COMMON_RULES["influence_min_incidents"].describe() == "takes a whole number, from 1 to 1000"
    assert check_params("buffer", {"influence_min_incidents": 2.0, "influence_window_days": 30}) == {
        "influence_min_incidents": 2,
        "influence_window_days": 30,
    }
    for bad in (
        {"influence_min_incidents": 0},
        {"influence_min_incidents": 2.5},
        {"influence_min_incidents": 1001},
        {"influence_window_days": 0},
        {"influence_from_incidents": 1},
    ):
        with pytest.raises(InputError, match=next(iter(bad))):
            check_params("voronoi", bad)
    assert parse_params(["influence_min_incidents=2", "influence_from_incidents=false"], method="buffer") == {
        "influence_min_incidents": 2,
        "influence_from_incidents": False,
    }


# --- command line ------------------------------------------------------------------------------


def test_timeline_and_export_show_event_only_actors(tmp_path, capsys):
    folder = write_records(tmp_path / "seeds")
    assert main(["timeline", "KF", "--from", "2022-01", "--to", "2022-04", "--json", "--seeds", str(folder)]) == 0
    table = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [r["influence_km2"] > 0 for r in table] == [False, False, True, True]
    assert main(["export", "--layers", "influence", "--seeds", str(folder), "--out", str(tmp_path / "out")]) == 0
    features = json.loads((tmp_path / "out" / "influence.geojson").read_text(encoding="utf-8"))["features"]
    assert {f["properties"]["actor"] for f in features} == {"kilo", "lima"}
    tiers = {f["properties"]["tier"] for f in features if f["properties"]["zone"] == "influence"}
    assert tiers == {INCIDENTS_TIER}
