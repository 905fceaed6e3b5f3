"""Geocoding names nobody curated: context by level, the OSM tier, one place in several
records, fuzzy matches kept inside the context, kinds and spellings (issue 14)."""

from __future__ import annotations

import json

import pytest
from test_cli import run

from geo.matching import similarity
from geo.measure import geodesic


def test_admin2_is_read_as_a_cercle_not_the_region_of_the_same_name(gazetteer):
    # Mopti is a region and a cercle. As admin1 it keeps the region's five Kounas;
    # as admin2 only the two in the Mopti cercle remain (still 62 km apart: refused).
    region = gazetteer.lookup("Kouna", admin1="Mopti")
    cercle = gazetteer.lookup("Kouna", admin1="Mopti", admin2="Mopti")
    assert len(region.candidates) == 5
    assert {p.id for p, _ in cercle.candidates} == {"gn-2454450", "gn-2454451"}
    assert all("ml-cercle-mopti" in p.areas for p, _ in cercle.candidates)
    assert cercle.status == "ambiguous"


def test_admin3_a_commune_settles_what_the_cercle_cannot(gazetteer):
    resolution = gazetteer.lookup("Kouna", admin1="Mopti", admin2="Mopti", admin3="Somadougou")
    assert resolution.ok, resolution.reason
    assert resolution.place.id == "gn-2454451"  # 10 km from Somadougou; the other Kouna is 60 km away


def test_unknown_admin3_is_ignored_with_a_warning_naming_it(gazetteer):
    resolution = gazetteer.lookup("Dioura", admin2="Ténenkou", admin3="Xyzzyville")
    assert resolution.ok
    assert resolution.warnings == ["admin3 'Xyzzyville' is not an area the gazetteer knows; it was ignored"]


@pytest.mark.parametrize(
    ("context", "used_as"),
    [({"admin2": "Taoudénit"}, "region"), ({"admin1": "Bankass"}, "cercle")],
)
def test_a_name_at_the_wrong_level_is_used_at_its_own_with_a_warning(gazetteer, context, used_as):
    resolution = gazetteer.lookup("Sokolo", **context)
    ((label, value),) = context.items()
    assert any(
        w.startswith(f"{label} {value!r} is not a") and w.endswith(f"used as the {used_as} of that name")
        for w in resolution.warnings
    ), resolution.warnings


def test_the_date_chooses_the_outline_of_a_cercle_that_changed(gazetteer):
    # Touhaye lies in today's Andéramboukane cercle, part of the Ménaka cercle until 2016.
    before = gazetteer.lookup("Touhaye", admin2="Ménaka", on="2014")
    after = gazetteer.lookup("Touhaye", admin2="Ménaka", on="2020-05-01")
    any_era = gazetteer.lookup("Touhaye", admin2="Ménaka")
    assert before.ok and before.place.id == "osm-3134572458"
    assert after.status == "not_found"
    assert "none inside admin2='Ménaka'" in after.reason
    assert any_era.ok


def test_the_osm_tier_names_its_source_and_the_admin_units_holding_it(gazetteer):
    resolution = gazetteer.lookup("Touhaye")
    record = resolution.to_dict()
    assert (record["tier"], record["source"]) == ("osm", "OpenStreetMap node 3134572458 (ODbL)")
    assert (record["admin1"], record["admin2"]) == ("Ménaka", "Andéramboukane")


def test_one_place_in_two_records_answers_once_with_a_covering_radius(gazetteer):
    resolution = gazetteer.lookup("Dioura", admin2="Ténenkou")
    assert resolution.place.id == "gn-2458636"  # the GeoNames record heads the group
    assert resolution.same_place == ["osm-1703669285"]
    other = gazetteer.place("osm-1703669285")
    apart, _ = geodesic(resolution.lat, resolution.lon, other.lat, other.lon)
    assert resolution.uncertainty_km >= apart + other.uncertainty_km - 0.01
    assert resolution.to_dict()["same_place"] == ["osm-1703669285"]


def test_a_town_heads_its_group_before_a_wadi_of_its_name(gazetteer):
    resolution = gazetteer.lookup("Tin Hama", country="ML")
    assert (resolution.place.kind, resolution.place.tier) == ("town", "osm")
    assert "gn-2449564" in resolution.same_place  # the wadi Tin Hama, beside the town


def test_a_fuzzy_match_inside_the_cercle_is_found(gazetteer):
    # "Gania" for Gaïna: one swap in a five-letter name, acceptable among a cercle's names.
    resolution = gazetteer.lookup("Gania", admin1="Tombouctou", admin2="Goundam")
    assert resolution.ok and resolution.place.id == "gn-6687509"
    assert resolution.score < 1.0


@pytest.mark.parametrize("context", [{}, {"admin1": "Gao"}])
def test_a_fuzzy_match_does_not_wander(gazetteer, context):
    # Intahaka is in no gazetteer; I-n-Taraka is one letter away, 224 km off.
    resolution = gazetteer.lookup("Intahaka", **context)
    assert resolution.status == "not_found"


def test_transliteration_swaps_cost_half_an_edit():
    assert similarity("tintafagat", "tintafarat") == pytest.approx(0.95)  # Tin Tafagat / Ti-n-Tafarat
    assert similarity("tintafagat", "tintafalat") == pytest.approx(0.9)  # an ordinary substitution
    assert similarity("abc", "abc") == 1.0
    assert similarity("", "abc") == 0.0


def test_populated_places_beat_namesake_wells_and_camps_unless_asked(gazetteer):
    town = gazetteer.lookup("Aguelhok")
    assert town.ok and town.place.kind == "village"
    assert gazetteer.lookup("the Aguelhok camp").place.id == town.place.id  # no camp of that name
    assert gazetteer.lookup("Aguelhok well").place.kind == "well"


def test_an_exact_spelling_outranks_another_names_transliteration(gazetteer):
    resolution = gazetteer.lookup("Boni", admin1="Mopti")
    assert resolution.ok, resolution.reason
    assert resolution.place.id == "gn-2459917"  # the Boni near Hombori, not Bonié


def test_without_the_osm_tier(capsys):
    code, out, _err = run(capsys, "geocode", "Touhaye", "--no-osm", "--json")
    assert code == 1
    assert json.loads(out)["status"] == "not_found"


def test_cli_admin3_and_date_options_and_batch_columns(capsys, tmp_path):
    code, out, _err = run(capsys, "geocode", "Touhaye", "--admin2", "Ménaka", "--date", "2014", "--json")
    assert code == 0 and json.loads(out)["id"] == "osm-3134572458"
    batch = tmp_path / "rows.csv"
    batch.write_text(
        "query,admin1,admin2,admin3,date\n"
        "Kouna,Mopti,Mopti,Somadougou,\n"
        "Touhaye,,Ménaka,,2020-05-01\n"
        "Touhaye,,Ménaka,,2022-13\n",
        encoding="utf-8",
    )
    code, out, err = run(capsys, "geocode", "--batch", str(batch), "--csv")
    assert code == 1
    lines = out.splitlines()
    assert lines[0].split(",")[:4] == ["row", "query", "status", "id"]
    assert lines[1].startswith("2,Kouna,ok,gn-2454451,")
    assert lines[2].startswith("3,Touhaye,not_found,")
    assert lines[3].startswith("4,Touhaye,error,")
    assert "line 4" in err and "'2022-13' is not a valid EDTF date" in err


def test_cli_date_option_is_checked_before_any_work(capsys):
    code, _out, err = run(capsys, "geocode", "Touhaye", "--date", "2014-02-30")
    assert code == 2
    assert "--date" in err and "2014-02-30" in err


def test_a_known_town_is_what_its_bare_name_means_against_unrecorded_villages(gazetteer):
    # Dori, Burkina Faso's Sahel capital (37,806 people in GeoNames), against villages of
    # no recorded population named Dori (or also called so) in Niger, Mali and Burkina Faso.
    dori = gazetteer.lookup("Dori")
    assert dori.ok and dori.place.id == "gn-2361082"
    assert {p.id for p, _ in dori.candidates} >= {"gn-2361079", "gn-2445494", "gn-2458387"}
    # the village is still found where the context names it
    assert gazetteer.lookup("Dori", country="NE").place.id == "gn-2445494"


def test_a_countrys_name_means_the_country(gazetteer):
    # not Benin City (which GeoNames also calls "Benin"), nor villages called Togo
    assert gazetteer.lookup("Benin").place.id == "gn-2395170"
    assert gazetteer.lookup("Bénin").place.id == "gn-2395170"
    assert gazetteer.lookup("Togo").place.id == "gn-2363686"
    assert gazetteer.lookup("Benin City").place.id == "gn-2347283"
