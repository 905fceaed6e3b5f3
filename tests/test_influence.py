"""Influence zones: when claims hold, contested places, activity windows, methods, areas."""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
import json
import math
from pathlib import Path

import numpy as np
import pytest
import shapely
from conftest import write_seed_file
from pyproj import Geod

from geo import schema
from geo.cli import main
from geo.errors import ActorNotFoundError, InputError
from geo.influence import DISPLAY_TOLERANCE_M, Influence, geodesic_disc
from geo.measure import area_km2, perimeter_km
from geo.records import load_records

D = dt.date

SOURCES = [{"id": "doc-a", "kind": "document", "title": "A report", "date": "2024-01-01"}]
ACTORS = [
    {"id": "alpha", "name": "Alpha Front", "aliases": "AF", "kind": "jihadist", "colour": "#d7301f"},
    {"id": "bravo", "name": "Bravo Movement", "aliases": "BM", "kind": "rebel", "colour": "#3182bd"},
    {
        "id": "charlie",
        "name": "Charlie Militia",
        "kind": "militia",
        "affiliations": "allied_with:bravo@2020/2021",
        "colour": "#6baed6",
    },
    {"id": "delta", "name": "Delta Brigade", "kind": "militia", "colour": "#000000"},
    {"id": "civilians", "name": "Civilians", "kind": "civilians", "colour": "#bdbdbd"},
]


def claim(claim_id: str, actor: str, status: str, place: str, start: str, end: str = "", tier: str = "claimed"):
    return {
        "id": claim_id,
        "actor": actor,
        "status": status,
        "place": place,
        "start": start,
        "end": end,
        "tier": tier,
        "sources": "doc-a",
    }


CLAIMS = [
    # capture: bravo takes Tamalat from alpha
    claim("clm-a-tamalat", "alpha", "seized", "ml-tamalat", "2020-01-01", tier="assessed"),
    claim("clm-b-tamalat", "bravo", "seized", "ml-tamalat", "2020-06-01"),
    # an ally of bravo joins it at Tamalat: no contest, no supersession
    claim("clm-c-tamalat", "charlie", "controls", "ml-tamalat", "2020-09"),
    # loss
    claim("clm-a-inchinane", "alpha", "controls", "ml-inchinane", "2020-01"),
    claim("clm-a-inchinane-lost", "alpha", "lost", "ml-inchinane", "2020-03-15"),
    # two sides at once: contested
    claim("clm-a-tidermene", "alpha", "controls", "ml-tidermene", "2021-01-01"),
    claim("clm-b-tidermene", "bravo", "controls", "ml-tidermene", "2021-01"),
    # a whole country: no zone, but its loss ends claims inside it
    claim("clm-a-mali", "alpha", "seized", "ml", "2021"),
    claim("clm-a-mali-lost", "alpha", "lost", "ml", "2022-01"),
    # an area, with an end
    claim("clm-a-menaka-region", "alpha", "influences", "ml-region-menaka", "2021-03", "2021-08"),
]

INCIDENTS = [
    {
        "id": "inc-a-menaka",
        "date": "2021-06-10",
        "place": "ml-menaka",
        "precision": "1",
        "event_type": "Battles",
        "actor1": "alpha",
        "actor2": "bravo",
        "sources": "doc-a",
    },
    {
        "id": "inc-a-region",
        "date": "2021-06",
        "place": "ml-region-menaka",
        "precision": "3",
        "event_type": "Violence against civilians",
        "actor1": "alpha",
        "actor2": "civilians",
        "sources": "doc-a",
    },
]


@pytest.fixture(scope="module")
def records(gazetteer, tmp_path_factory):
    folder = tmp_path_factory.mktemp("influence") / "seeds"
    write_seed_file(folder, "sources.csv", SOURCES)
    write_seed_file(folder, "actors.csv", ACTORS)
    write_seed_file(folder, "claims.csv", CLAIMS)
    write_seed_file(folder, "incidents.csv", INCIDENTS)
    write_seed_file(folder, "assertions.csv", [])
    return load_records(folder, gazetteer=gazetteer)


@pytest.fixture(scope="module")
def buffer(records, gazetteer):
    return Influence(records, gazetteer=gazetteer, method="buffer")


@pytest.fixture(scope="module")
def voronoi(records, gazetteer):
    return Influence(records, gazetteer=gazetteer, method="voronoi")


def zones(influence: Influence, actor: str, day: dt.date) -> dict[str, list[str]]:
    frame = influence.at(actor, day)
    return {row["zone"]: row["supporting"] for row in frame.to_dict("records")}


def geod_area_km2(geometry) -> float:
    """An independent geodesic area: pyproj's Geod ring by ring, holes subtracted."""
    geod = Geod(ellps="WGS84")
    total = 0.0
    for polygon in shapely.get_parts(geometry):
        if polygon.geom_type != "Polygon":
            continue
        lons, lats = polygon.exterior.coords.xy
        total += abs(geod.polygon_area_perimeter(lons, lats)[0])
        for hole in polygon.interiors:
            lons, lats = hole.coords.xy
            total -= abs(geod.polygon_area_perimeter(lons, lats)[0])
    return total / 1e6


# --- when claims hold -----------------------------------------------------------------


def test_a_capture_by_another_side_ends_the_earlier_claim(buffer):
    assert zones(buffer, "alpha", D(2020, 5, 31))["control"] == ["clm-a-tamalat"]
    assert "control" not in zones(buffer, "alpha", D(2020, 6, 1))
    assert zones(buffer, "bravo", D(2020, 6, 1))["control"] == ["clm-b-tamalat"]


def test_a_loss_ends_the_claim_the_day_before(buffer):
    assert "clm-a-inchinane" in zones(buffer, "alpha", D(2020, 3, 14))["control"]
    assert "clm-a-inchinane" not in zones(buffer, "alpha", D(2020, 3, 15)).get("control", [])


def test_allies_hold_a_place_together_without_contest(buffer):
    day = D(2020, 10, 1)
    assert zones(buffer, "bravo", day) == {"control": ["clm-b-tamalat"]}
    assert zones(buffer, "charlie", day) == {"control": ["clm-c-tamalat"]}


def test_the_alliance_ends_and_the_place_becomes_contested(buffer):
    # allied_with:bravo@2020/2021 ends on 2021-12-31
    assert zones(buffer, "bravo", D(2022, 1, 1))["contested"] == ["clm-b-tamalat"]
    assert zones(buffer, "charlie", D(2022, 1, 1))["contested"] == ["clm-c-tamalat"]


def test_two_sides_holding_one_place_at_once_make_it_contested(buffer):
    alpha = zones(buffer, "alpha", D(2021, 2, 1))
    bravo = zones(buffer, "bravo", D(2021, 2, 1))
    assert alpha["contested"] == ["clm-a-tidermene"]
    assert "clm-b-tidermene" in bravo["contested"]


def test_a_claim_on_a_whole_country_draws_nothing_and_is_reported(buffer):
    skipped = dict(buffer.skipped)
    assert "whole country" in skipped["clm-a-mali"]
    assert all("clm-a-mali" not in ids for ids in zones(buffer, "alpha", D(2021, 6, 1)).values())


def test_losing_a_country_ends_the_claims_on_places_inside_it(buffer):
    assert "clm-a-tidermene" in zones(buffer, "alpha", D(2021, 12, 31))["contested"]
    assert zones(buffer, "alpha", D(2022, 1, 1)) == {}
    # bravo is alone at Tidermène from then on
    assert zones(buffer, "bravo", D(2022, 1, 1))["control"] == ["clm-b-tidermene"]


def test_an_open_claim_holds_past_the_last_record(buffer):
    frame = buffer.layer(["bravo"])
    assert frame["end"].iloc[-1] is None
    assert zones(buffer, "bravo", D(2040, 1, 1))["control"] == ["clm-b-tidermene"]


def test_a_claim_with_an_end_stops_on_its_last_possible_day(buffer):
    assert "clm-a-menaka-region" in zones(buffer, "alpha", D(2021, 8, 31))["influence"]
    assert "influence" not in zones(buffer, "alpha", D(2021, 9, 1))


def test_the_claim_tier_is_carried(buffer):
    row = buffer.at("alpha", D(2020, 2, 1)).set_index("zone").loc["control"]
    assert row["tier"] == "mixed"  # Tamalat assessed, Inchinane claimed
    by_tier = buffer.at("alpha", D(2020, 2, 1), by_tier=True)
    assert sorted(by_tier["tier"]) == ["assessed", "claimed"]
    assert by_tier.set_index("tier").loc["assessed", "places"] == ["ml-tamalat"]


# --- activity -------------------------------------------------------------------------


def test_activity_follows_a_trailing_window(buffer, records, gazetteer):
    assert zones(buffer, "alpha", D(2021, 6, 10))["activity"] == ["inc-a-menaka"]
    assert zones(buffer, "alpha", D(2021, 9, 7))["activity"] == ["inc-a-menaka"]  # day 90
    assert "activity" not in zones(buffer, "alpha", D(2021, 9, 8))
    assert "activity" not in zones(buffer, "alpha", D(2021, 6, 9))
    short = Influence(records, gazetteer=gazetteer, params={"window_days": 30})
    assert "activity" in zones(short, "alpha", D(2021, 7, 9))
    assert "activity" not in zones(short, "alpha", D(2021, 7, 10))


def test_both_sides_of_an_incident_are_active_there(buffer):
    assert zones(buffer, "bravo", D(2021, 6, 10))["activity"] == ["inc-a-menaka"]


def test_an_incident_located_only_to_a_region_draws_no_activity_and_is_reported(buffer):
    skipped = dict(buffer.skipped)
    assert "inc-a-region" in skipped and "km" in skipped["inc-a-region"]
    assert zones(buffer, "alpha", D(2021, 6, 30))["activity"] == ["inc-a-menaka"]


# --- actors, dates and bad input --------------------------------------------------------


def test_an_actor_with_no_records_has_no_zone(buffer):
    assert buffer.steps("delta") == []
    assert buffer.coverage("delta") is None
    assert buffer.at("delta", D(2021, 1, 1)).empty
    table = buffer.timeline("delta", start=D(2021, 1, 1), end=D(2021, 3, 31))
    assert list(table["period"]) == ["2021-01", "2021-02", "2021-03"]
    assert (table["control_km2"] == 0).all()


def test_a_date_outside_the_data_gives_an_empty_result(buffer):
    frame = buffer.at("alpha", D(1990, 1, 1))
    assert frame.empty and list(frame.columns)[:5] == ["actor", "zone", "tier", "start", "end"]


def test_an_unknown_actor_lists_the_closest_known_actors(buffer):
    with pytest.raises(ActorNotFoundError) as caught:
        buffer.at("Alpha Frnt", D(2021, 1, 1))
    assert caught.value.suggestions[0] == "alpha"
    assert "Alpha Front" in str(caught.value)


def test_actors_resolve_by_any_name(buffer):
    assert zones(buffer, "AF", D(2020, 2, 1)) == zones(buffer, "alpha", D(2020, 2, 1))


def test_bad_methods_and_parameters_are_refused(records, gazetteer):
    with pytest.raises(InputError, match="unknown method 'hexes'"):
        Influence(records, gazetteer=gazetteer, method="hexes")
    with pytest.raises(InputError, match=r"unknown parameter 'radius'.*max_km"):
        Influence(records, gazetteer=gazetteer, method="voronoi", params={"radius": 3})
    with pytest.raises(InputError, match="above 0"):
        Influence(records, gazetteer=gazetteer, method="voronoi", params={"max_km": -5})


# --- the timeline ---------------------------------------------------------------------


def test_steps_cover_each_change_and_do_not_overlap(buffer):
    steps = buffer.steps("alpha")
    for before, after in itertools.pairwise(steps):
        assert before.end is not None and before.end < after.start
    assert [(s.start, s.end) for s in steps[:2]] == [
        (D(2020, 1, 1), D(2020, 3, 14)),  # Tamalat and Inchinane
        (D(2020, 3, 15), D(2020, 5, 31)),  # Inchinane lost; Tamalat until bravo takes it
    ]
    assert buffer.change_days("alpha")[:2] == [D(2020, 1, 1), D(2020, 3, 15)]


def test_timeline_rows_hold_the_picture_as_of_each_period_end(buffer):
    table = buffer.timeline("alpha", start=D(2020, 1, 1), end=D(2020, 12, 31), every="quarter")
    assert list(table["period"]) == ["2020-Q1", "2020-Q2", "2020-Q3", "2020-Q4"]
    # Q1 ends with Tamalat only (Inchinane lost 15 March); from Q2 nothing is held.
    q1 = table.iloc[0]
    tamalat = buffer.at("alpha", D(2020, 3, 31)).set_index("zone").loc["control", "area_km2"]
    assert q1["control_km2"] == pytest.approx(tamalat, abs=0.1)
    assert table.iloc[1]["control_km2"] == 0.0


# --- geometry and areas ---------------------------------------------------------------


def test_every_area_is_geodesic(buffer, voronoi):
    for influence in (buffer, voronoi):
        frame = influence.layer()
        assert len(frame) > 5
        for row, geometry in zip(frame.to_dict("records"), frame.geometry, strict=True):
            assert row["area_km2"] == pytest.approx(geod_area_km2(geometry), rel=1e-6)


def test_a_buffer_is_a_geodesic_disc_sized_by_kind_and_uncertainty(buffer, gazetteer):
    # Tamalat is a well: other_km (10) plus its uncertainty
    place = gazetteer.place("ml-tamalat")
    radius = 10.0 + place.uncertainty_km
    area = buffer.at("bravo", D(2020, 7, 1)).set_index("zone").loc["control", "area_km2"]
    assert area == pytest.approx(math.pi * radius**2, rel=0.005)
    disc = geodesic_disc(place.lat, place.lon, radius)
    geod = Geod(ellps="WGS84")
    lons, lats = np.asarray(disc.exterior.coords.xy)
    _, _, metres = geod.inv(np.full(len(lons), place.lon), np.full(len(lons), place.lat), lons, lats)
    assert np.allclose(metres / 1000, radius, rtol=1e-9)


def test_voronoi_cells_are_capped_and_stay_in_their_country(voronoi, gazetteer, records):
    mali = gazetteer.areas.geometry("ml")
    frame = voronoi.layer(["alpha", "bravo"])
    points = frame[frame["zone"].isin(["control", "contested"])]
    for geometry, km2 in zip(points.geometry, points["area_km2"], strict=True):
        assert km2 <= math.pi * 50**2 * 1.001
        assert geometry.difference(mali).area < 1e-9
    tight = Influence(records, gazetteer=gazetteer, method="voronoi", params={"max_km": 5})
    area = tight.at("bravo", D(2020, 7, 1)).set_index("zone").loc["control", "area_km2"]
    assert area <= math.pi * 25 * 1.001


def test_the_two_methods_give_different_areas_for_points_and_the_same_for_areas(buffer, voronoi):
    day = D(2020, 7, 1)
    assert buffer.at("bravo", day)["area_km2"].item() != pytest.approx(voronoi.at("bravo", day)["area_km2"].item())
    region = [z for z in (buffer, voronoi) if True]
    areas = [z.at("alpha", D(2021, 4, 1)).set_index("zone").loc["influence", "area_km2"] for z in region]
    assert areas[0] == pytest.approx(areas[1])
    assert areas[0] == pytest.approx(area_km2(buffer.gazetteer.areas.geometry("ml-region-menaka"))[0])


# --- the bundled records ----------------------------------------------------------------


@pytest.fixture(scope="module")
def bundled(gazetteer):
    return load_records(gazetteer=gazetteer)


@pytest.mark.parametrize("method", ["buffer", "voronoi"])
def test_isgs_control_grows_from_mid_2021_to_april_2023(bundled, gazetteer, method):
    influence = Influence(bundled, gazetteer=gazetteer, method=method)
    table = influence.timeline("ISGS", start=D(2021, 6, 1), end=D(2023, 4, 30), every="quarter")
    control = table["control_km2"].tolist()
    assert control[0] == 0.0
    assert control[-1] > 70_000  # the Ménaka region and the villages around it
    assert all(b >= a for a, b in itertools.pairwise(control))
    april = influence.at("isgs", D(2023, 4, 30)).set_index("zone").loc["control"]
    assert {"clm-2023-04-isgs-tidermene", "clm-2023-04-isgs-menaka-region"} <= set(april["supporting"])


def test_bundled_msa_and_gatia_hold_tamalat_together_until_it_falls(bundled, gazetteer):
    influence = Influence(bundled, gazetteer=gazetteer)
    msa = influence.at("msa", D(2022, 3, 7)).set_index("zone")
    assert "ml-inchinane" in msa.loc["control", "places"]
    assert "ml-tamalat" in msa.loc["contested", "places"]  # ISGS's undated seizure may overlap


# --- command line and export ----------------------------------------------------------


def test_timeline_command_json_and_csv(seed_dir_influence, capsys):
    assert (
        main(
            ["timeline", "alpha", "--from", "2020-01", "--to", "2020-03", "--json", "--seeds", str(seed_dir_influence)]
        )
        == 0
    )
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [r["period"] for r in rows] == ["2020-01", "2020-02", "2020-03"]
    assert rows[0]["actor"] == "alpha" and rows[0]["control_km2"] > 0
    assert main(["timeline", "AF", "--every", "year", "--csv", "--seeds", str(seed_dir_influence)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "period,start,end,control_km2,contested_km2,activity_km2,influence_km2,supporting"
    assert lines[1].startswith("2020,2020-01-01,2020-12-31,")


def test_timeline_command_steps_and_messages(seed_dir_influence, capsys):
    assert main(["timeline", "bravo", "--steps", "--seeds", str(seed_dir_influence)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].split()[:3] == ["start", "end", "control_km2"]
    assert out[1].startswith("2020-06-01")
    assert main(["timeline", "alpha", "--from", "1990", "--to", "1991", "--seeds", str(seed_dir_influence)]) == 0
    captured = capsys.readouterr()
    assert captured.out == "" and "no zone in the range asked" in captured.err
    assert main(["timeline", "Alfa Frnt", "--seeds", str(seed_dir_influence)]) == 1
    assert "closest: alpha (Alpha Front)" in capsys.readouterr().err
    assert main(["timeline", "alpha", "--param", "max_km", "--seeds", str(seed_dir_influence)]) == 2
    assert "NAME=VALUE" in capsys.readouterr().err


@pytest.fixture
def seed_dir_influence(tmp_path: Path) -> Path:
    folder = tmp_path / "seeds"
    write_seed_file(folder, "sources.csv", SOURCES)
    write_seed_file(folder, "actors.csv", ACTORS)
    write_seed_file(folder, "claims.csv", CLAIMS)
    write_seed_file(folder, "incidents.csv", INCIDENTS)
    write_seed_file(folder, "assertions.csv", [])
    return folder


def test_export_writes_the_influence_layer_with_the_contract_fields(seed_dir_influence, tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["export", "--layers", "influence", "--seeds", str(seed_dir_influence), "--out", str(out)]) == 0
    features = json.loads((out / "influence.geojson").read_text(encoding="utf-8"))["features"]
    assert {"actor", "zone", "start", "end", "area_km2", "method", "supporting"} <= set(features[0]["properties"])
    first = features[0]["properties"]
    assert isinstance(first["supporting"], list) and first["method"] == "buffer"
    for feature in features:
        # area_km2 is measured on the exact zone; the shape drawn is simplified to 100 m
        # (DISPLAY_TOLERANCE_M), so the two differ by less than the perimeter times 100 m.
        geometry = shapely.from_geojson(json.dumps(feature["geometry"]))
        slack = float(perimeter_km(geometry)[0]) * DISPLAY_TOLERANCE_M / 1000
        assert abs(feature["properties"]["area_km2"] - geod_area_km2(geometry)) <= slack
    actors = {f["properties"]["actor"] for f in features}
    assert actors == {"alpha", "bravo", "charlie"}  # every actor with claims
    assert (
        main(
            [
                "export",
                "--layers",
                "influence",
                "--format",
                "gpkg",
                "--method",
                "voronoi",
                "--seeds",
                str(seed_dir_influence),
                "--out",
                str(out),
            ]
        )
        == 0
    )
    import pyogrio

    info = pyogrio.read_info(out / "atlas.gpkg", layer="influence")
    assert dict(zip(info["fields"], info["dtypes"], strict=True))[schema.START] == "datetime64[D]"
    frame = pyogrio.read_dataframe(out / "atlas.gpkg", layer="influence")
    assert set(frame["method"]) == {"voronoi"}


def test_steps_agree_with_the_rules_applied_day_by_day(buffer):
    """The event-driven steps must give, on every day, the picture the rules give that day."""
    day = D(2019, 12, 1)
    while day <= D(2022, 3, 1):
        for actor in ("alpha", "bravo", "charlie"):
            step = buffer.step_at(actor, day)
            expected = {zone: set(members) for zone, members in buffer.zones_on(actor, day).items() if members}
            got = {zone: set(members) for zone, members in step.zones.items() if members} if step else {}
            assert got == expected, (actor, day)
        day += dt.timedelta(days=3)


def test_an_alliance_ending_elsewhere_is_a_change_point(bundled, gazetteer):
    # Ansar Dine's alliance with AQIM ends in January 2013 (its own affiliation, not AQIM's):
    # from February both still hold Timbuktu, and it becomes contested. (In the bundled
    # records the French retake Timbuktu from 11 January 2013, which ends both claims:
    # that claim is left out here to see the alliance alone.)
    claims = bundled.claims[bundled.claims["id"] != "clm-2013-french-forces-timbuktu"]
    influence = Influence(dataclasses.replace(bundled, claims=claims), gazetteer=gazetteer)
    assert "ml-timbuktu" in influence.at("aqim", D(2013, 1, 31)).set_index("zone").loc["control", "places"]
    assert "ml-timbuktu" in influence.at("aqim", D(2013, 2, 1)).set_index("zone").loc["contested", "places"]


def test_area_command_measures_an_actors_zone(seed_dir_influence, buffer, capsys):
    assert main(["area", "alpha", "--at", "2020-02", "--json", "--seeds", str(seed_dir_influence)]) == 0
    record = json.loads(capsys.readouterr().out)
    expected = buffer.at("alpha", D(2020, 2, 29)).set_index("zone").loc["control"]
    assert record["area_km2"] == pytest.approx(expected["area_km2"], abs=0.01)
    assert record["at"] == "2020-02-29" and record["zone"] == "control" and record["method"] == "buffer"
    assert record["supporting"] == ["clm-a-inchinane", "clm-a-tamalat"]
    args = ["area", "AF", "--at", "2021-02-01", "--zone", "contested", "--method", "voronoi", "--json"]
    assert main([*args, "--seeds", str(seed_dir_influence)]) == 0
    record = json.loads(capsys.readouterr().out)
    assert record["method"] == "voronoi" and record["supporting"] == ["clm-a-tidermene"]
    assert 0 < record["area_km2"] <= math.pi * 50**2


def test_area_command_without_a_zone_or_with_an_unknown_actor(seed_dir_influence, capsys):
    assert main(["area", "alpha", "--at", "1990", "--json", "--seeds", str(seed_dir_influence)]) == 0
    captured = capsys.readouterr()
    assert json.loads(captured.out)["area_km2"] == 0.0
    assert "alpha has no control zone on 1990-12-31; its zones run from 2020-01-01" in captured.err
    assert main(["area", "Alpha Frnt", "--seeds", str(seed_dir_influence)]) == 1
    assert "closest actors: alpha" in capsys.readouterr().err


# --- a zone split into certainty pieces is measured as one shape (issue 17) -------------


def _pieces(influence: Influence, actor: str, day: dt.date, zone: str):
    rows = influence.at(actor, day)
    return rows[rows["zone"] == zone]


def test_timeline_steps_measure_the_union_of_a_zones_overlapping_pieces(bundled, gazetteer, capsys):
    # ISGS's contested zone on 14 April 2023 is two features (certain, stale) that overlap.
    influence = Influence(bundled, gazetteer=gazetteer)
    pieces = _pieces(influence, "isgs", D(2023, 4, 14), "contested")
    assert sorted(pieces["certainty"]) == ["certain", "stale"]
    union_km2 = float(area_km2(shapely.union_all(pieces.geometry.array))[0])
    assert pieces["area_km2"].sum() - union_km2 > 500  # they do overlap: a sum counts the overlap twice
    assert main(["timeline", "isgs", "--steps", "--json", "--from", "2023-04-14", "--to", "2023-04-14"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [row["start"] for row in rows] == ["2023-04-14"]
    assert rows[0]["contested_km2"] == pytest.approx(union_km2, abs=0.1)
    table = influence.timeline("isgs", start=D(2023, 4, 14), end=D(2023, 4, 14), steps=True)
    assert table["contested_km2"].tolist() == [rows[0]["contested_km2"]]
    assert table["supporting"].tolist() == [rows[0]["supporting"]]


def test_area_command_measures_every_piece_of_a_zone(bundled, gazetteer, capsys):
    # ISGS's control zone on 13 October 2023 is two features (certain, stale): not the first only.
    influence = Influence(bundled, gazetteer=gazetteer)
    pieces = _pieces(influence, "isgs", D(2023, 10, 13), "control")
    assert len(pieces) == 2
    union = shapely.union_all(pieces.geometry.array)
    assert main(["area", "isgs", "--at", "2023-10-13", "--zone", "control", "--json"]) == 0
    record = json.loads(capsys.readouterr().out)
    assert record["area_km2"] == pytest.approx(float(area_km2(union)[0]), abs=0.01)
    assert record["area_km2"] > pieces["area_km2"].max() + 1
    assert record["perimeter_km"] == pytest.approx(float(perimeter_km(union)[0]), abs=0.01)
    assert record["supporting"] == sorted({i for ids in pieces["supporting"] for i in ids})
    assert record["start"] == "2023-10-13"


def test_zone_gives_one_shape_with_its_records_tier_and_step(bundled, gazetteer):
    influence = Influence(bundled, gazetteer=gazetteer)
    found = influence.zone("ISGS", D(2023, 10, 13), "control")
    step = influence.step_at("isgs", D(2023, 10, 13))
    assert found is not None and (found.actor, found.zone, found.start, found.end) == (
        "isgs",
        "control",
        step.start,
        step.end,
    )
    assert found.certainties == ("certain", "stale")
    assert found.geometry.is_valid and found.area_km2 == pytest.approx(float(area_km2(found.geometry)[0]))
    assert influence.zone("isgs", D(1990, 1, 1), "control") is None
    with pytest.raises(InputError, match="unknown zone 'bogus'; choose from control, contested, activity, influence"):
        influence.zone("isgs", D(2023, 10, 13), "bogus")


def test_zone_area_is_the_record_geo_area_prints(bundled, gazetteer, capsys):
    influence = Influence(bundled, gazetteer=gazetteer)
    measured = influence.zone_area("ISGS", at=D(2023, 10, 13))
    found = influence.zone("isgs", D(2023, 10, 13), "control")
    assert measured.shape == found and measured.notes == ()
    record = measured.to_dict(query="ISGS")
    assert record["area_km2"] == round(found.area_km2, 2) and record["perimeter_km"] == round(found.perimeter_km, 3)
    assert (record["query"], record["id"], record["zone"], record["at"], record["tier"]) == (
        "ISGS",
        "isgs",
        "control",
        "2023-10-13",
        found.tier,
    )
    assert record["supporting"] == list(found.supporting) and record["params"] == json.loads(influence.params_text)
    assert main(["area", "ISGS", "--at", "2023-10-13", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == record


def test_zone_area_says_which_day_it_chose_and_when_there_is_no_zone(bundled, gazetteer):
    influence = Influence(bundled, gazetteer=gazetteer)
    latest = influence.zone_area("isgs", zone="activity")
    last = influence.change_days("isgs")[-1]
    assert latest.day == last
    assert latest.day_note == f"measuring isgs's activity zone on {last}, the last day its picture changes"
    none = influence.zone_area("isgs", at=D(1990, 12, 31))
    assert none.shape is None and none.day_note is None
    assert none.no_zone_note == "isgs has no control zone on 1990-12-31; its zones run from 2015-05-01 to now (open)"
    assert none.notes == (none.no_zone_note,)
    record = none.to_dict()
    assert record["query"] == "isgs" and record["area_km2"] == 0.0 and record["perimeter_km"] == 0.0
    assert (record["tier"], record["start"], record["end"], record["supporting"]) == (None, None, None, [])
    with pytest.raises(InputError, match="wagner has no zone at all in the records; nothing to measure"):
        influence.zone_area("wagner")
    with pytest.raises(InputError, match="unknown zone 'bogus'"):
        influence.zone_area("isgs", zone="bogus")


def test_timeline_by_steps_has_one_row_per_step_in_the_range(buffer):
    steps = buffer.steps("alpha")
    table = buffer.timeline("alpha", steps=True)
    assert list(table.columns) == [
        "start",
        "end",
        "control_km2",
        "contested_km2",
        "activity_km2",
        "influence_km2",
        "supporting",
    ]
    assert table["start"].tolist() == [step.start for step in steps]
    assert table["end"].tolist() == [step.end for step in steps]
    later = buffer.timeline("alpha", start=steps[1].start, steps=True)
    assert later["start"].tolist() == [step.start for step in steps[1:]]


# --- the methods as strategy classes (issue 17) ----------------------------------------


def test_methods_are_strategies_with_typed_parameters_in_one_registry(records, gazetteer):
    from geo.influence import METHOD_CLASSES, METHODS, BufferMethod, VoronoiMethod, param_names
    from geo.influence.methods import BufferParams, VoronoiParams

    assert METHODS == tuple(METHOD_CLASSES) == ("buffer", "voronoi")
    assert {"buffer": BufferMethod, "voronoi": VoronoiMethod} == METHOD_CLASSES
    assert [f.name for f in dataclasses.fields(BufferParams)] == [
        "radius_km",
        "other_km",
        "activity_km",
        "add_uncertainty",
    ]
    assert set(param_names("voronoi")) >= {f.name for f in dataclasses.fields(VoronoiParams)}
    influence = Influence(records, gazetteer=gazetteer, method="voronoi", params={"max_km": 40})
    assert isinstance(influence.strategy, VoronoiMethod)
    assert influence.strategy.params == VoronoiParams(max_km=40.0, same_place_km=2.0)
    disc = Influence(records, gazetteer=gazetteer, params={"radius_km.town": 21, "add_uncertainty": False})
    assert disc.strategy.params.radius_km["town"] == 21.0 and disc.strategy.params.add_uncertainty is False
    assert disc.params["radius_km"]["town"] == 21.0  # the mapping users and exports see is unchanged


def test_the_cli_lists_the_methods_and_periods_of_the_library():
    from geo.cli import _influence, timeline
    from geo.influence import METHODS
    from geo.periods import EVERY

    assert _influence.METHODS == METHODS
    assert timeline.EVERY == EVERY


def test_no_module_imports_a_private_name_of_the_influence_package():
    import ast

    root = Path(__file__).resolve().parent.parent / "geo"
    found = []
    for path in sorted(root.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        inside = path.parent.name == "influence"
        for node in ast.walk(tree):
            if not isinstance(node, ast.ImportFrom):
                continue
            module = node.module or ""
            about_influence = "influence" in module.split(".") or (inside and node.level == 1)
            private = [alias.name for alias in node.names if alias.name.startswith("_")]
            if private and (about_influence or inside):
                found.append(f"{path.relative_to(root)}: from {'.' * node.level}{module} import {', '.join(private)}")
    assert found == []
