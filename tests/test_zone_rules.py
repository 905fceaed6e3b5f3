"""Zones that never claim more than the sources: cut-outs, stale claims, uncertain ends.

The two pictures of the issue on the bundled records (the north on 15 February 2013, the
Ménaka region on 30 April 2023), then each rule on a small folder of made-up records,
and the rules carried into exports, web maps and figures.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path

import pyogrio
import pytest
import shapely
from conftest import SMALL_SEEDS, write_seed_file
from test_influence import claim

from geo.errors import InputError
from geo.export import export
from geo.influence import (
    CERTAIN,
    CERTAINTY,
    LAST_CONFIRMED,
    POSSIBLY_ENDED,
    RULE,
    STALE,
    Influence,
    geodesic_disc,
)
from geo.influence.members import state_key
from geo.measure import area_km2
from geo.recipes import load_recipe
from geo.records import load_records
from geo.render.figures import FADED_TEXT, snapshot
from geo.render.style import FADED_DASH
from geo.render.web import build_map

D = dt.date
MAPS = Path(__file__).parents[1] / "maps"


def point(gazetteer, place_id: str):
    place = gazetteer.place(place_id)
    return shapely.Point(place.lon, place.lat)


def rows(influence: Influence, actor: str, day: dt.date, zone: str | None = None) -> list[dict]:
    """The actor's zone features that day, each a dict with its geometry."""
    frame = influence.at(actor, day)
    found = [{**row, "geometry": geometry} for row, geometry in zip(frame.to_dict("records"), frame.geometry)]
    return [row for row in found if zone is None or row["zone"] == zone]


def covering(influence: Influence, actor: str, day: dt.date, zone: str, where) -> list[dict]:
    return [row for row in rows(influence, actor, day, zone) if row["geometry"].covers(where)]


# --- the two pictures of the issue, on the bundled records ------------------------------


@pytest.fixture(scope="module")
def bundled(gazetteer):
    return load_records(gazetteer=gazetteer)


@pytest.fixture(scope="module")
def north(bundled, gazetteer):
    recipe = load_recipe(MAPS / "north-2012-2013.toml")
    return Influence(bundled, gazetteer=gazetteer, method=recipe.method, params=recipe.params)


@pytest.fixture(scope="module")
def menaka(bundled, gazetteer):
    recipe = load_recipe(MAPS / "menaka-2022-2023.toml")
    return Influence(bundled, gazetteer=gazetteer, method=recipe.method, params=recipe.params)


NORTH_TOWNS = ("ml-gao", "ml-timbuktu", "ml-kidal")


def jihadists(influence: Influence) -> list[str]:
    actors = influence.records.actors
    return [a for a in influence.actors_with_zones if actors[a].kind == "jihadist"]


def test_the_north_before_the_counter_offensive_is_jihadist_control(north, gazetteer):
    day = D(2012, 12, 31)
    for town in NORTH_TOWNS:
        held = [row for a in jihadists(north) for row in covering(north, a, day, "control", point(gazetteer, town))]
        assert held and all(row[CERTAINTY] == CERTAIN for row in held), town


@pytest.mark.parametrize("town", NORTH_TOWNS)
def test_gao_timbuktu_and_kidal_are_in_no_jihadist_control_zone_on_15_february_2013(north, gazetteer, town):
    day = D(2013, 2, 15)
    actors = jihadists(north)
    assert {"ansar-dine", "aqim", "mujao"} <= set(actors)
    for actor in actors:
        assert not covering(north, actor, day, "control", point(gazetteer, town)), (actor, town)
    # The town is the intervention forces' (the French-led recapture of early 2013).
    assert covering(north, "french-forces", day, "control", point(gazetteer, town))


def test_ansar_dine_keeps_the_rest_of_the_north_possibly_ended_and_cut(north):
    (control,) = rows(north, "ansar-dine", D(2013, 2, 15), "control")
    assert control[CERTAINTY] == POSSIBLY_ENDED
    assert control[LAST_CONFIRMED] == D(2012, 12, 31)  # the day before its earliest end, 2013-01
    assert control["supporting"] == ["clm-2012-06-ansar-dine-azawad"]
    assert control[RULE] == (
        "area claim on Azawad (control) minus places claimed by others: Gao, Kidal, Timbuktu"
        " — possibly ended: end uncertain (2013-01/2013-03)"
    )
    # After the span's last day the claim holds no more.
    assert not rows(north, "ansar-dine", D(2013, 4, 1), "control")


def test_menaka_town_is_not_inside_isgs_control_on_30_april_2023(menaka, gazetteer):
    day = D(2023, 4, 30)
    town = point(gazetteer, "ml-menaka")
    controls = rows(menaka, "isgs", day, "control")
    assert controls and not [row for row in controls if row["geometry"].covers(town)]
    (control,) = controls
    assert control[CERTAINTY] == CERTAIN and control["area_km2"] > 70_000  # the rest of the region stays
    assert control[RULE].startswith("area claim on Ménaka Region (control) minus places claimed by others: Ménaka;")
    # The claim that cuts it: FAMa holds the town, which ISGS surrounds but did not take.
    (fama,) = covering(menaka, "fama", day, "control", town)
    assert "clm-2023-04-fama-menaka" in fama["supporting"]
    # Before that claim (March 2023), the town was inside ISGS's (contested) region claim.
    assert covering(menaka, "isgs", D(2023, 3, 31), "contested", town)


def test_menaka_town_is_cut_out_by_either_method(bundled, gazetteer):
    voronoi = Influence(bundled, gazetteer=gazetteer, method="voronoi")
    day, town = D(2023, 4, 30), point(gazetteer, "ml-menaka")
    assert rows(voronoi, "isgs", day, "control")
    assert not covering(voronoi, "isgs", day, "control", town)


# --- each rule on a small folder of made-up records --------------------------------------


ACTORS = [
    *SMALL_SEEDS["actors.csv"],  # isgs, msa, msa-d (part of msa), civilians
    {"id": "fama", "name": "Malian Armed Forces", "aliases": "FAMa", "kind": "state", "colour": "#8c510a"},
    {"id": "jnim", "name": "JNIM", "kind": "jihadist", "colour": "#00441b"},
]
CLAIMS = [
    # cut-outs: the MSA holds the Ménaka region through 2021 ...
    claim("clm-msa-region", "msa", "controls", "ml-region-menaka", "2021-01-01", "2021-12-31"),
    # ... ISGS takes Ménaka town for the summer: cut out
    claim("clm-isgs-menaka", "isgs", "seized", "ml-menaka", "2021-06-01", "2021-08-31"),
    # ... FAMa fights over Inkadewane in July: cut out too
    claim("clm-fama-inkadewane", "fama", "contests", "ml-inkadewane", "2021-07-01", "2021-07-31"),
    # ... the MSA's own faction holds Tidermène: an ally, not cut
    claim("clm-msad-tidermene", "msa-d", "seized", "ml-tidermene", "2021-06-01", "2021-12-31"),
    # ... and JNIM's influence over the region keeps Ménaka town
    claim("clm-jnim-region", "jnim", "influences", "ml-region-menaka", "2021-01-01", "2021-12-31"),
    # stale: FAMa holds Kidal from 10 January 2019, open; one incident there in September
    claim("clm-fama-kidal", "fama", "controls", "ml-kidal", "2019-01-10"),
    # uncertain end: ISGS holds Inchinane from June 2012 to some day of January-March 2013
    claim("clm-isgs-inchinane", "isgs", "controls", "ml-inchinane", "2012-06", "2013-01/2013-03"),
]
INCIDENTS = [
    {
        "id": "inc-fama-kidal",
        "date": "2019-09-01",
        "place": "ml-kidal",
        "precision": "1",
        "event_type": "Battles",
        "actor1": "fama",
        "actor2": "jnim",
        "sources": "doc-a",
    },
]


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("zone-rules") / "seeds"
    write_seed_file(folder, "sources.csv", SMALL_SEEDS["sources.csv"])
    write_seed_file(folder, "actors.csv", ACTORS)
    write_seed_file(folder, "claims.csv", CLAIMS)
    write_seed_file(folder, "incidents.csv", INCIDENTS)
    write_seed_file(folder, "assertions.csv", [])
    return folder


@pytest.fixture(scope="module")
def records(folder, gazetteer):
    return load_records(folder, gazetteer=gazetteer)


@pytest.fixture(scope="module")
def small(records, gazetteer):
    return Influence(records, gazetteer=gazetteer, method="buffer")


def test_a_town_another_side_takes_is_cut_out_of_the_area_for_the_days_it_holds(small, gazetteer):
    town = point(gazetteer, "ml-menaka")
    (before,) = rows(small, "msa", D(2021, 5, 31), "control")
    (during,) = rows(small, "msa", D(2021, 6, 15), "control")
    (after,) = rows(small, "msa", D(2021, 9, 1), "control")
    assert before["geometry"].covers(town) and after["geometry"].covers(town)
    assert not during["geometry"].covers(town)
    assert before[RULE] == after[RULE] == "claims on Ménaka Region (control)"
    assert during[RULE] == "area claim on Ménaka Region (control) minus places claimed by others: Ménaka"
    # The hole is the town's disc under the method (city 25 km + its 3 km uncertainty).
    disc = geodesic_disc(15.9182, 2.4022, 28.0)
    region = gazetteer.areas.geometry("ml-region-menaka")
    lost = float(area_km2(region.intersection(disc))[0])
    assert before["area_km2"] - during["area_km2"] == pytest.approx(lost, rel=0.01)
    # The cut is a property of that day's picture: steps change on the claim's first and last day.
    assert D(2021, 6, 1) in small.change_days("msa") and D(2021, 9, 1) in small.change_days("msa")


def test_a_contested_place_is_cut_out_too_and_an_allys_place_is_not(small, gazetteer):
    (july,) = rows(small, "msa", D(2021, 7, 15), "control")
    assert july[RULE].endswith("minus places claimed by others: Inkadewane, Ménaka")
    assert not july["geometry"].covers(point(gazetteer, "ml-inkadewane"))
    assert july["geometry"].covers(point(gazetteer, "ml-tidermene"))  # MSA-D is part of the MSA


def test_influence_keeps_the_place_that_another_side_takes(small, gazetteer):
    (influence,) = rows(small, "jnim", D(2021, 6, 15), "influence")
    assert influence["geometry"].covers(point(gazetteer, "ml-menaka"))
    assert influence[RULE] == "claims on Ménaka Region (influence)"


def test_a_claim_with_no_newer_record_turns_stale_with_its_last_confirmed_day(small):
    def kidal(day):
        (row,) = rows(small, "fama", day, "control")
        return row[CERTAINTY], row[LAST_CONFIRMED], row[RULE]

    assert kidal(D(2019, 7, 9)) == (CERTAIN, D(2019, 1, 10), "claims on Kidal (control)")  # 180 days on
    assert kidal(D(2019, 7, 10)) == (
        STALE,
        D(2019, 1, 10),
        "claims on Kidal (control) — stale: no newer record for over 180 days",
    )
    # An incident of FAMa at Kidal confirms the claim again, from its day.
    assert kidal(D(2019, 9, 1))[:2] == (CERTAIN, D(2019, 9, 1))
    assert kidal(D(2020, 2, 28))[0] == CERTAIN and kidal(D(2020, 2, 29))[:2] == (STALE, D(2019, 9, 1))
    # Still drawn: a stale claim is faded, not gone.
    assert kidal(D(2030, 1, 1))[:2] == (STALE, D(2019, 9, 1))


def test_stale_after_days_is_a_parameter(records, gazetteer):
    quick = Influence(records, gazetteer=gazetteer, params={"stale_after_days": 30})
    assert quick.params["stale_after_days"] == 30
    (row,) = rows(quick, "fama", D(2019, 2, 10), "control")
    assert row[CERTAINTY] == STALE and "over 30 days" in row[RULE]
    with pytest.raises(InputError, match="stale_after_days = 0: out of range"):
        Influence(records, gazetteer=gazetteer, params={"stale_after_days": 0})


def test_an_uncertain_end_is_certain_until_its_first_day_then_possibly_ended(small):
    def inchinane(day):
        found = rows(small, "isgs", day, "control")
        return [(row[CERTAINTY], row[LAST_CONFIRMED]) for row in found]

    assert inchinane(D(2012, 12, 31)) == [(CERTAIN, D(2012, 12, 31))]
    assert inchinane(D(2013, 1, 1)) == [(POSSIBLY_ENDED, D(2012, 12, 31))]
    assert inchinane(D(2013, 3, 31)) == [(POSSIBLY_ENDED, D(2012, 12, 31))]
    assert inchinane(D(2013, 4, 1)) == []
    (row,) = rows(small, "isgs", D(2013, 2, 1), "control")
    assert row[RULE] == "claims on Inchinane (control) — possibly ended: end uncertain (2013-01/2013-03)"


def test_a_zone_whose_places_differ_in_certainty_is_split(small):
    # On 15 July 2021 FAMa's Kidal is stale, while its contest of Inkadewane is certain.
    found = {(row["zone"], row[CERTAINTY]): row for row in rows(small, "fama", D(2021, 7, 15))}
    assert set(found) == {("control", STALE), ("contested", CERTAIN)}
    assert found[("contested", CERTAIN)]["places"] == ["ml-inkadewane"]


def test_steps_agree_with_the_rules_applied_day_by_day(small):
    """The event-driven steps hold, on every day, the whole picture of the rules, certainty included."""
    for actor in ("msa", "fama", "isgs", "jnim"):
        day = D(2012, 5, 1)
        while day <= D(2022, 3, 1):
            step = small.step_at(actor, day)
            got = state_key(step.zones) if step else ()
            assert got == state_key(small.zones_on(actor, day)), (actor, day)
            day += dt.timedelta(days=11)


# --- carried into exports, maps and figures ------------------------------------------------


def test_the_export_carries_certainty_last_confirmed_and_rule(records, gazetteer, tmp_path):
    export(gazetteer, tmp_path / "geojson", fmt="geojson", layers=("influence",), records=records)
    features = json.loads((tmp_path / "geojson" / "influence.geojson").read_text(encoding="utf-8"))["features"]
    kidal = [f["properties"] for f in features if f["properties"]["supporting"] == ["clm-fama-kidal"]]
    assert [(p[CERTAINTY], p[LAST_CONFIRMED], p["start"], p["end"]) for p in kidal][:4] == [
        (CERTAIN, "2019-01-10", "2019-01-10", "2019-07-09"),
        (STALE, "2019-01-10", "2019-07-10", "2019-08-31"),
        (CERTAIN, "2019-09-01", "2019-09-01", "2020-02-28"),  # an incident at Kidal confirms it again
        (STALE, "2019-09-01", "2020-02-29", "2021-06-30"),  # (activity is exported per incident: no new step)
    ]
    assert (kidal[-1][CERTAINTY], kidal[-1][LAST_CONFIRMED], kidal[-1]["end"]) == (STALE, "2019-09-01", None)
    assert {f["properties"][CERTAINTY] for f in features} == {CERTAIN, STALE, POSSIBLY_ENDED}
    assert all(f["properties"][RULE] for f in features)

    export(gazetteer, tmp_path / "csv", fmt="csv", layers=("influence",), records=records)
    with (tmp_path / "csv" / "influence.csv").open(encoding="utf-8", newline="") as handle:
        table = list(csv.DictReader(handle))
    assert {CERTAINTY, LAST_CONFIRMED, RULE} <= set(table[0])
    ended = [row for row in table if row[CERTAINTY] == POSSIBLY_ENDED]
    assert [(row["start"], row["end"], row[LAST_CONFIRMED]) for row in ended] == [
        ("2013-01-01", "2013-03-31", "2012-12-31")
    ]

    export(gazetteer, tmp_path / "gpkg", fmt="gpkg", layers=("influence",), records=records)
    info = pyogrio.read_info(tmp_path / "gpkg" / "atlas.gpkg", layer="influence")
    fields = dict(zip(info["fields"], info["dtypes"], strict=True))
    assert fields[LAST_CONFIRMED] == "datetime64[D]" and fields[CERTAINTY] == "object"
    frame = pyogrio.read_dataframe(tmp_path / "gpkg" / "atlas.gpkg", layer="influence")
    assert set(frame[CERTAINTY]) == {CERTAIN, STALE, POSSIBLY_ENDED}


def test_the_web_map_fades_stale_zones_and_its_popups_say_which_rule(records, gazetteer):
    atlas = build_map(records, gazetteer=gazetteer, start=D(2019, 1, 1), end=D(2019, 12, 31), actors=["fama"])
    zones = next(layer for layer in atlas.atlas_data["layers"] if layer["key"] == "zones")["features"]
    by_certainty = {f["properties"]["certainty"]: f["properties"] for f in zones if "control" in f["properties"]["id"]}
    certain, stale = by_certainty[CERTAIN], by_certainty[STALE]
    assert stale["style"]["fillOpacity"] < certain["style"]["fillOpacity"]
    assert stale["style"]["dashArray"] == FADED_DASH and certain["style"]["dashArray"] == "6 4"
    assert stale["tooltip"] == "Malian Armed Forces: control (stale)"
    popup = dict(stale["popup"]["rows"])
    assert popup["certainty"] == "stale" and popup["last confirmed"] == "2019-01-10"
    assert popup["rule"] == "claims on Kidal (control) — stale: no newer record for over 180 days"
    assert "last confirmed on 2019-01-10" in stale["popup"]["note"]
    assert dict(certain["popup"]["rows"])["certainty"] == "certain" and "note" not in certain["popup"]


def test_the_snapshot_fades_stale_zones_and_its_legend_names_the_rules(records, gazetteer):
    fig = snapshot(records, gazetteer, day=D(2019, 8, 1), actors=["fama"])
    gids = {patch.get_gid() for patch in fig.axes[0].patches}
    assert "zone-fama-control-stale" in gids and "zone-fama-control" not in gids
    legend = [text.get_text() for text in fig.axes[0].get_legend().get_texts()] if fig.axes[0].get_legend() else []
    legend += [t.get_text() for artist in fig.axes[0].artists for t in getattr(artist, "get_texts", list)()]
    assert FADED_TEXT["stale"] in legend and FADED_TEXT["cut"] not in legend

    fig = snapshot(records, gazetteer, day=D(2021, 6, 15), actors=["msa"])
    legend = [t.get_text() for artist in fig.axes[0].artists for t in getattr(artist, "get_texts", list)()]
    assert FADED_TEXT["cut"] in legend and FADED_TEXT["stale"] not in legend
