"""geo.check and `geo check`: the tolerance rule, each kind of verdict, the bundled statements, the CLI."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest
from conftest import SMALL_SEEDS, TINY_PLACES, write_places, write_seed_file

from geo import Gazetteer, schema
from geo.check import CANNOT_CHECK, CONSISTENT, INCONSISTENT, VERDICTS, check_assertions, claimed_range
from geo.cli import main
from geo.records import load_records
from geo.seeds import Seeds
from geo.validate import validate_seeds

# --- the tolerance rule ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "qualifier", "unit", "value_high", "low", "high", "text"),
    [
        (75, "exact", "km", None, 74.5, 75.5, "75 km"),
        (80000, "exact", "km2", None, 75000, 85000, "80,000 km²"),
        (5, "exact", "km", None, 4.5, 5.5, "5 km"),
        (1277, "exact", "people", None, 1276.5, 1277.5, "1,277 people"),
        (75, "about", "km", None, 67.5, 82.5, "about 75 km"),
        (80000, "about", "km2", None, 72000, 88000, "about 80,000 km²"),
        (2000, "about", "people", None, 1500, 2500, "about 2,000 people"),  # the round-figure rule is wider
        (20, "at_least", "km", None, 20, math.inf, "at least 20 km"),
        (300, "more_than", "people", None, 300, math.inf, "more than 300 people"),
        (5, "at_most", "km", None, 0, 5, "at most 5 km"),
        (40, "less_than", "mi", None, 0, 40 * 1.609344, "less than 40 mi"),
        (300, "between", "people", 500, 300, 500, "between 300 and 500 people"),
        (500, "exact", "m", None, 0.45, 0.55, "500 m"),
        (12, "exact", "mi2", None, 11.5 * 2.589988110336, 12.5 * 2.589988110336, "12 mi²"),
    ],
)
def test_claimed_range(value, qualifier, unit, value_high, low, high, text):
    claimed = claimed_range(value, qualifier, unit, value_high=value_high)
    assert claimed.text == text
    assert claimed.low == pytest.approx(low)
    assert claimed.high == pytest.approx(high) if math.isfinite(high) else math.isinf(claimed.high)


def test_one_sided_bounds_are_strict_only_for_more_than_and_less_than():
    assert claimed_range(300, "at_least", "people").contains(300)
    assert not claimed_range(300, "more_than", "people").contains(300)
    assert claimed_range(300, "more_than", "people").contains(300.5)
    assert claimed_range(40, "at_most", "mi").contains(40 * 1.609344)
    assert not claimed_range(40, "less_than", "mi").contains(40 * 1.609344)
    between = claimed_range(300, "between", "people", value_high=500)
    assert between.contains(300) and between.contains(500) and not between.contains(501)
    assert between.meets(450, 740) and not between.meets(501, 740)
    assert between.exceeded_by(501) and not between.exceeded_by(500)


# --- a tiny world: four places, no areas, a few statements ---------------------------------------

BASE = {"sources": "doc-a", "statement": "a statement"}


def tiny_seeds(folder: Path, assertions: list[dict[str, str]]) -> Path:
    write_seed_file(folder, "sources.csv", SMALL_SEEDS["sources.csv"])
    write_seed_file(folder, "actors.csv", SMALL_SEEDS["actors.csv"])
    write_seed_file(folder, "assertions.csv", [dict(BASE, **row) for row in assertions])
    return folder


DISTANCES = [
    # Beta lies 221 km due north of Alpha; Gamma 322 km east of Alpha.
    {"id": "asr-north", "quantity": "distance", "subject": "ml-beta-north", "reference": "ml-alpha"}
    | {"value": "220", "unit": "km", "qualifier": "about", "bearing": "N"},
    {"id": "asr-too-short", "quantity": "distance", "subject": "ne-gamma", "reference": "ml-alpha"}
    | {"value": "100", "unit": "mi", "qualifier": "less_than"},
    {"id": "asr-wrong-way", "quantity": "distance", "subject": "ml-beta-north", "reference": "ml-alpha"}
    | {"value": "220", "unit": "km", "qualifier": "about", "bearing": "S"},
    {"id": "asr-nowhere", "quantity": "distance", "reference": "ml-alpha", "value": "5", "unit": "km"}
    | {"qualifier": "exact"},
    {"id": "asr-position", "quantity": "distance", "reference": "ml-alpha", "actor": "isgs", "zone": "control"}
    | {"value": "50", "unit": "km", "qualifier": "exact", "bearing": "N", "date": "2023-04"},
    {"id": "asr-zone-area", "quantity": "area", "actor": "isgs", "zone": "control", "value": "10000"}
    | {"unit": "km2", "qualifier": "about", "date": "2023-04"},
    {"id": "asr-point-area", "quantity": "area", "subject": "ml-alpha", "value": "100", "unit": "km2"}
    | {"qualifier": "exact"},
    {"id": "asr-population", "quantity": "population", "subject": "ml-alpha", "value": "2000", "unit": "people"}
    | {"qualifier": "exact"},
]


@pytest.fixture
def tiny_world(tmp_path: Path):
    places = write_places(tmp_path / "gaz" / "places.csv", TINY_PLACES)
    gazetteer = Gazetteer.load(places.parent)
    records = load_records(tiny_seeds(tmp_path / "seeds", DISTANCES), gazetteer=gazetteer)
    return records, gazetteer


CALLS: list[tuple[str, str, object]] = []


def fake(**zones):
    """A stand-in for geo.influence.Influence: one fixed control zone per method (none when not given)."""
    CALLS.clear()

    class FakeInfluence:
        def __init__(self, records, *, gazetteer, method):
            self.method = method

        def at(self, actor, day):
            import geopandas

            from geo.measure import area_km2

            CALLS.append((self.method, actor, day))
            geometry = zones.get(self.method)
            rows = [] if geometry is None else [{"actor": actor, "zone": "control"}]
            shapes = [] if geometry is None else [geometry]
            frame = geopandas.GeoDataFrame(rows, columns=["actor", "zone"], geometry=shapes, crs="EPSG:4326")
            frame["area_km2"] = area_km2(shapes) if shapes else []
            return frame

    return FakeInfluence


def by_id(results):
    return {result.id: result for result in results}


def test_distance_verdicts(tiny_world):
    records, gazetteer = tiny_world
    results = by_id(check_assertions(records, gazetteer, influence=fake()))
    north = results["asr-north"]
    assert north.verdict == CONSISTENT
    assert north.computed == pytest.approx(221.3, abs=0.1)
    assert (north.computed_low, north.computed_high) == pytest.approx((north.computed - 4, north.computed + 4), abs=0.1)
    assert (north.claimed, north.claimed_low, north.claimed_high) == ("about 220 km N", 198.0, 242.0)
    assert "Beta and Alpha are 221.3 km apart" in north.explanation and "within 45° of N" in north.explanation
    short = results["asr-too-short"]
    assert short.verdict == INCONSISTENT and short.claimed == "less than 100 mi"
    assert "less than 160.93 km" in short.explanation and "The distance does not fit." in short.explanation
    wrong_way = results["asr-wrong-way"]
    assert wrong_way.verdict == INCONSISTENT
    assert "180° off S" in wrong_way.explanation and "The direction does not fit." in wrong_way.explanation
    nowhere = results["asr-nowhere"]
    assert nowhere.verdict == CANNOT_CHECK and nowhere.computed is None
    assert "no place measured to (subject) and no actor" in nowhere.explanation


def test_position_against_each_method(tiny_world):
    import shapely

    records, gazetteer = tiny_world
    around = shapely.box(0.8, 15.3, 1.2, 15.6)  # holds the point 50 km north of Alpha (15.45N, 1.0E)
    elsewhere = shapely.box(3.0, 15.3, 3.2, 15.6)  # about 215 km east of it
    both = by_id(check_assertions(records, gazetteer, influence=fake(buffer=around, voronoi=around)))["asr-position"]
    assert both.verdict == CONSISTENT and both.computed == {"buffer": 0.0, "voronoi": 0.0}
    assert "lies inside it under the buffer method and inside it under the Voronoi method" in both.explanation
    assert ("buffer", "isgs", both.as_of) in CALLS and both.as_of.isoformat() == "2023-04-30"
    split = by_id(check_assertions(records, gazetteer, influence=fake(buffer=around, voronoi=elsewhere)))
    position = split["asr-position"]
    assert position.verdict == CANNOT_CHECK
    assert position.method_verdicts == {"buffer": CONSISTENT, "voronoi": INCONSISTENT}
    assert 210 < position.computed["voronoi"] < 220
    assert "fits the buffer method's zone but not the Voronoi one" in position.explanation
    absent = by_id(check_assertions(records, gazetteer, influence=fake()))["asr-position"]
    assert absent.verdict == INCONSISTENT and absent.computed == {"buffer": None, "voronoi": None}
    assert "EIGS has no such zone that day under the buffer method and the Voronoi method" in absent.explanation


def test_zone_area_under_each_method(tiny_world):
    import shapely

    records, gazetteer = tiny_world
    small = shapely.box(1.0, 15.0, 1.9, 15.9)  # about 9,600 km²
    large = shapely.box(1.0, 15.0, 3.0, 17.0)  # about 47,000 km²
    results = by_id(check_assertions(records, gazetteer, influence=fake(buffer=small, voronoi=large)))
    area = results["asr-zone-area"]
    assert area.verdict == CANNOT_CHECK and set(area.computed) == {"buffer", "voronoi"}
    assert 9000 < area.computed["buffer"] < 10000 and 45000 < area.computed["voronoi"] < 50000
    assert "fits the buffer method's zone but not the Voronoi one" in area.explanation
    only_buffer = by_id(check_assertions(records, gazetteer, methods=["buffer"], influence=fake(buffer=small)))
    assert only_buffer["asr-zone-area"].verdict == CONSISTENT
    assert only_buffer["asr-zone-area"].computed == {"buffer": pytest.approx(area.computed["buffer"])}
    none = by_id(check_assertions(records, gazetteer, influence=fake()))["asr-zone-area"]
    assert none.verdict == INCONSISTENT and none.computed == {"buffer": 0.0, "voronoi": 0.0}
    point = results["asr-point-area"]
    assert point.verdict == CANNOT_CHECK and "is a point in the gazetteer, not an area" in point.explanation
    population = results["asr-population"]
    assert population.verdict == CANNOT_CHECK and "no population figure for Alpha" in population.explanation


def faded_fake(certain, faded, certainty):
    """A stand-in for geo.influence.Influence whose control zone has a certain part and a faded one."""

    class FadedInfluence:
        def __init__(self, records, *, gazetteer, method):
            self.method = method

        def at(self, actor, day):
            import geopandas

            from geo.measure import area_km2

            rows = [{"actor": actor, "zone": "control", "certainty": c} for c in ("certain", certainty)]
            frame = geopandas.GeoDataFrame(rows, geometry=[certain, faded], crs="EPSG:4326")
            frame["area_km2"] = area_km2([certain, faded])
            return frame

    return FadedInfluence


@pytest.mark.parametrize("certainty", ["stale", "possibly_ended"])
def test_faded_zones_are_no_evidence_of_control(tiny_world, certainty):
    """README: only certain zones are the records' word that a zone holds; stale or possibly ended ones are not."""
    import shapely

    records, gazetteer = tiny_world
    certain = shapely.box(1.0, 15.0, 1.9, 15.9)  # about 9,600 km²: fits "about 10,000 km²"
    faded = shapely.box(3.0, 15.3, 3.6, 15.9)  # far from the point 50 km north of Alpha (15.45N, 1.0E)
    influence = faded_fake(certain, faded, certainty)
    results = by_id(check_assertions(records, gazetteer, methods=["buffer"], influence=influence))
    area = results["asr-zone-area"]
    assert area.verdict == CONSISTENT
    assert 9000 < area.computed["buffer"] < 10000
    # the point lies outside the certain zone; a faded zone around it does not make it inside
    around = shapely.box(0.8, 15.3, 1.2, 15.6)
    position = by_id(
        check_assertions(records, gazetteer, methods=["buffer"], influence=faded_fake(faded, around, certainty))
    )["asr-position"]
    assert position.verdict == INCONSISTENT and position.computed["buffer"] > 150
    assert "inside it" not in position.explanation
    note = "Stale or possibly ended zones are left out: they are what the records last said"
    assert note in position.explanation and note in area.explanation
    only_certain = by_id(check_assertions(records, gazetteer, methods=["buffer"], influence=fake(buffer=certain)))
    assert (
        only_certain["asr-zone-area"].computed == area.computed
        and note not in only_certain["asr-zone-area"].explanation
    )


def test_without_the_influence_module_zones_cannot_be_checked(tiny_world, monkeypatch):
    import sys

    records, gazetteer = tiny_world
    monkeypatch.setitem(sys.modules, "geo.influence", None)  # import fails
    results = by_id(check_assertions(records, gazetteer))
    assert results["asr-zone-area"].verdict == CANNOT_CHECK
    assert "influence geometry (geo.influence) is not available" in results["asr-zone-area"].explanation
    assert results["asr-north"].verdict == CONSISTENT


def test_every_row_once_in_file_order_even_when_places_are_missing(tiny_world, tmp_path):
    records, _ = tiny_world
    other = write_places(tmp_path / "other" / "places.csv", TINY_PLACES[:1])  # only Alpha
    results = check_assertions(records, Gazetteer.load(other.parent), influence=fake())
    assert [r.id for r in results] == [row["id"] for row in DISTANCES]
    north = by_id(results)["asr-north"]
    assert north.verdict == CANNOT_CHECK and "no place has the id 'ml-beta-north'" in north.explanation


def test_unknown_ids_and_methods_are_refused(tiny_world):
    from geo.errors import InputError

    records, gazetteer = tiny_world
    with pytest.raises(InputError, match="no assertion has the id 'asr-nort'; did you mean 'asr-north'"):
        check_assertions(records, gazetteer, ids=["asr-nort"], influence=fake())
    with pytest.raises(InputError, match="unknown influence method 'kriging'"):
        check_assertions(records, gazetteer, methods=["kriging"])
    [one] = check_assertions(records, gazetteer, ids=["asr-north"], influence=fake())
    assert one.id == "asr-north"


# --- tolls, displacement and counts of events against the incidents ---------------------------

TALLIES = [
    {"id": "asr-toll-fits", "quantity": "fatalities", "subject": "ml-region-menaka", "value": "300"}
    | {"value_high": "500", "unit": "people", "qualifier": "between", "date": "2022-03"},
    {"id": "asr-toll-too-low", "quantity": "fatalities", "subject": "ml-region-menaka", "value": "40"}
    | {"unit": "people", "qualifier": "at_most", "date": "2022-03"},
    {"id": "asr-toll-larger", "quantity": "fatalities", "subject": "ml-region-menaka", "value": "1000"}
    | {"unit": "people", "qualifier": "more_than", "date": "2022-03"},
    {"id": "asr-displaced", "quantity": "displaced", "subject": "ml-region-menaka", "value": "90000"}
    | {"unit": "people", "qualifier": "about", "date": "2022", "actor": "isgs"},
    {"id": "asr-events", "quantity": "count", "subject": "ml-tamalat", "value": "1", "unit": "events"}
    | {"qualifier": "exact", "date": "2022-03-08"},
    {"id": "asr-msa-toll", "quantity": "fatalities", "subject": "ml-region-menaka", "actor": "msa-d"}
    | {"value": "10", "unit": "people", "qualifier": "at_least", "date": "2022-03"},
    {"id": "asr-fighters", "quantity": "count", "subject": "ml-region-menaka", "value": "200", "unit": "people"}
    | {"qualifier": "about"},
    {"id": "asr-no-subject", "quantity": "fatalities", "value": "37", "unit": "people", "qualifier": "exact"},
]


def test_tallies_against_the_records(seed_dir, gazetteer):
    write_seed_file(seed_dir, "assertions.csv", [dict(BASE, **row) for row in TALLIES])
    results = by_id(check_assertions(load_records(seed_dir, gazetteer=gazetteer), gazetteer, influence=fake()))
    # Tamalat (300-500 dead, 8 March) lies inside the region-wide March incident (51 dead at least), which
    # may include it: the lower bound is 51, the upper 500 + 51.
    fits = results["asr-toll-fits"]
    assert fits.verdict == CONSISTENT and (fits.computed_low, fits.computed_high) == (51.0, 551.0)
    assert fits.incidents == ["inc-2022-03-08-tamalat", "inc-2022-03-menaka"]
    assert "The records hold 2 incidents in Ménaka Region from 1 March 2022 to 31 March 2022" in fits.explanation
    too_low = results["asr-toll-too-low"]
    assert too_low.verdict == INCONSISTENT and "already more than the claim allows" in too_low.explanation
    larger = results["asr-toll-larger"]
    assert larger.verdict == CANNOT_CHECK and "curated sample, not a full count" in larger.explanation
    displaced = results["asr-displaced"]
    assert displaced.verdict == CONSISTENT and displaced.computed == 90000.0
    assert "involving EIGS" in displaced.explanation  # the acronym among its aliases
    assert results["asr-events"].verdict == CONSISTENT and results["asr-events"].computed == 1.0
    msa = results["asr-msa-toll"]  # MSA-D is part of MSA; Tamalat was ISGS against MSA, not MSA-D
    assert msa.verdict == CANNOT_CHECK and "no incident" in msa.explanation
    assert "not other people (fighters, troops, hostages)" in results["asr-fighters"].explanation
    assert "no place or area (subject)" in results["asr-no-subject"].explanation


# --- the bundled statements, with the real influence geometry -------------------------------------


@pytest.fixture(scope="module")
def bundled(gazetteer):
    pytest.importorskip("geo.influence")
    records = load_records(gazetteer=gazetteer)
    return records, check_assertions(records, gazetteer)


def test_bundled_statements(bundled):
    records, results = bundled
    assert [r.id for r in results] == list(records.assertions["id"])
    assert {r.verdict for r in results} == set(VERDICTS)
    checks = by_id(results)
    area = checks["asr-isgs-area-menaka"]
    assert area.claimed == "80,000 km²" and (area.claimed_low, area.claimed_high) == (75000.0, 85000.0)
    assert set(area.computed) == {"buffer", "voronoi"} and all(v > 0 for v in area.computed.values())
    assert area.verdict in VERDICTS and set(area.method_verdicts) == {"buffer", "voronoi"}
    assert area.as_of.isoformat() == "2023-04-30" and area.source == "doc-000"
    # 77,500 (was 77,900): the region is now fitted to Natural Earth's Mali outline (AREAS.md, Topology)
    assert "For scale, Ménaka Region measures 77,500 km²" in area.explanation
    tidermene = checks["asr-tidermene-inkadewane"]
    assert tidermene.verdict == INCONSISTENT and 29 < tidermene.computed < 33
    assert "(67.5–82.5 km)" in tidermene.explanation
    konna = checks["asr-konna-mopti"]
    assert konna.verdict == CONSISTENT and konna.claimed == "less than 40 mi"
    assert checks["asr-tidermene-menaka"].verdict == CONSISTENT
    position = checks["asr-isgs-position-menaka"]
    assert set(position.computed) == {"buffer", "voronoi"} and position.as_of.isoformat() == "2023-04-12"
    assert checks["asr-mali-population"].verdict == CANNOT_CHECK


def test_bundled_assertions_name_whose_zone():
    rows = {row["id"]: row for row in Seeds.load().assertions}
    for row_id in ("asr-isgs-area-menaka", "asr-isgs-position-menaka"):
        assert (rows[row_id][schema.ACTOR], rows[row_id][schema.ZONE]) == ("isgs", "control")
    assert all(not row[schema.ZONE] or row[schema.QUANTITY] in ("area", "distance") for row in rows.values())


# --- the actor and zone columns are validated ----------------------------------------------------


def test_actor_and_zone_cells_are_validated(seed_dir, gazetteer):
    rows = [
        dict(SMALL_SEEDS["assertions.csv"][0], actor="no-such-actor"),
        dict(SMALL_SEEDS["assertions.csv"][0], id="asr-b", actor="isgs", zone="rule"),
        dict(SMALL_SEEDS["assertions.csv"][0], id="asr-c", zone="control"),
        dict(SMALL_SEEDS["assertions.csv"][0], id="asr-d", quantity="fatalities", unit="people")
        | {"actor": "isgs", "zone": "control"},
        dict(SMALL_SEEDS["assertions.csv"][0], id="asr-e", actor="EIGS"),
    ]
    path = write_seed_file(seed_dir, "assertions.csv", rows)
    text = "\n".join(str(p) for p in validate_seeds(Seeds.load(seed_dir), gazetteer))
    assert f"{path}:2:actor: 'no-such-actor': unknown actor" in text
    assert f"{path}:3:zone: 'rule': not a known zone; use one of: activity, contested, control, influence" in text
    assert f"{path}:4:zone: 'control': a zone without an actor" in text
    assert f"{path}:5:zone: 'control': a zone means nothing for a fatalities statement" in text
    assert f"{path}:6:actor: 'EIGS': an actor's name, not its id; write the id 'isgs'" in text


# --- the command ----------------------------------------------------------------------------------


def test_cli_text_and_summary(tmp_path, capsys, monkeypatch):
    import geo.check.checker

    places = write_places(tmp_path / "gaz" / "places.csv", TINY_PLACES)
    seeds = tiny_seeds(tmp_path / "seeds", DISTANCES)
    monkeypatch.setattr(geo.check.checker, "default_influence", lambda methods: fake())
    assert main(["check", "--seeds", str(seeds), "--gazetteer", str(places.parent)]) == 0
    out, err = capsys.readouterr()
    block = "asr-north: CONSISTENT\n  a statement [doc-a]\n  claimed:  about 220 km N\n  computed: 221.3 km"
    assert block + " (217.3–225.3 km), N\n  Beta and Alpha are 221.3 km apart" in out
    assert "asr-too-short: INCONSISTENT" in out and "asr-nowhere: CANNOT CHECK" in out
    assert "8 assertions: 1 consistent, 4 inconsistent, 3 cannot check" in err
    args = ["check", "--seeds", str(seeds), "--gazetteer", str(places.parent), "--verdict", "cannot-check"]
    assert main(args) == 0
    out, err = capsys.readouterr()
    assert "asr-nowhere: CANNOT CHECK" in out and "asr-north" not in out and "(3 shown)" in err


def test_cli_json_on_the_bundled_data(capsys):
    pytest.importorskip("geo.influence")
    assert main(["check", "--json"]) == 0
    out, err = capsys.readouterr()
    lines = [json.loads(line) for line in out.splitlines()]
    assert len(lines) == len(Seeds.load().assertions) == 44
    for line in lines:
        assert {"id", "source", "claimed", "computed", "verdict", "explanation"} <= set(line)
        assert line["verdict"] in VERDICTS and line["explanation"]
    area = next(line for line in lines if line["id"] == "asr-isgs-area-menaka")
    assert set(area["computed"]) == {"buffer", "voronoi"} and area["claimed"] == "80,000 km²"
    assert len({line["verdict"] for line in lines}) == 3
    assert err.startswith("44 assertions: ")
    assert main(["check", "--csv", "--only", "asr-konna-mopti", "--method", "buffer"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("id,verdict,quantity,statement,source,claimed") and out[1].startswith(
        "asr-konna-mopti,consistent,distance"
    )


def test_cli_errors(seed_dir, capsys):
    assert main(["check", "--seeds", str(seed_dir), "--only", "asr-konna-mopt"]) == 2
    assert "no assertion has the id 'asr-konna-mopt'; did you mean 'asr-konna-mopti'?" in capsys.readouterr().err
    assert main(["check", "--seeds", str(seed_dir), "--method", "kriging"]) == 2
    assert "unknown influence method 'kriging'" in capsys.readouterr().err
    rows = [dict(SMALL_SEEDS["assertions.csv"][0], actor="no-such-actor", value="forty")]
    path = write_seed_file(seed_dir, "assertions.csv", rows)
    assert main(["check", "--seeds", str(seed_dir), "--json"]) == 1
    out, err = capsys.readouterr()
    assert out == "" and "Traceback" not in err
    assert f"{path}:2:actor: 'no-such-actor': unknown actor" in err and f"{path}:2:value: 'forty': not a number" in err
    assert "geo check: 2 problem(s) in" in err
    with pytest.raises(SystemExit) as usage:
        main(["check", "--verdict", "maybe"])
    assert usage.value.code == 2
