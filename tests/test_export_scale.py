"""Export at scale: the per-incident influence layer, streamed GeoJSON and GeoParquet."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import sys
from pathlib import Path

import numpy as np
import pytest
import shapely
from conftest import incident_row as incident
from conftest import write_seed_file
from pyproj import Geod

from geo.cli import main
from geo.export import export, layer_frame, write_geojson
from geo.influence import DISPLAY_TOLERANCE_M, INCIDENT_LAYER_COLUMNS, Influence, geodesic_disc
from geo.measure import area_km2
from geo.records import load_records
from geo.tables import plain_value

D = dt.date
GEOD = Geod(ellps="WGS84")

SOURCES = [{"id": "doc-a", "kind": "document", "title": "A report", "date": "2024-01-01"}]
ACTORS = [
    {"id": "kilo", "name": "Kilo Front", "kind": "jihadist", "colour": "#d7301f"},
    {"id": "lima", "name": "Lima Militia", "kind": "militia", "colour": "#3182bd"},
    {"id": "civilians", "name": "Civilians", "kind": "civilians", "colour": "#bdbdbd"},
]


INCIDENTS = [
    # kilo at Ménaka three times: activity discs, and influence from incidents while all three count
    incident("inc-k-1", "2022-01-10", "ml-menaka", "kilo", "civilians"),
    incident("inc-k-2", "2022-02-10", "ml-menaka", "kilo", "civilians"),
    incident("inc-k-3", "2022-03-10", "ml-menaka", "kilo", "lima"),
    # known only to the month: its disc runs from the first day of the month
    incident("inc-k-4", "2022-06", "ml-tidermene", "kilo"),
    # a formula in a note: escaped in CSV, exact in Parquet
    incident("inc-l-1", "2023-05-02", "ml-gao", "lima", note="=1+2 said the report"),
]
CLAIMS = [
    # kilo's claim in mid-2022 replaces its influence from incidents on those days
    {
        "id": "clm-k-inchinane",
        "actor": "kilo",
        "status": "controls",
        "place": "ml-inchinane",
        "start": "2022-07-01",
        "end": "2022-08-31",
        "tier": "claimed",
        "sources": "doc-a",
    }
]


def write_records(folder: Path, claims=CLAIMS) -> Path:
    write_seed_file(folder, "sources.csv", SOURCES)
    write_seed_file(folder, "actors.csv", ACTORS)
    write_seed_file(folder, "claims.csv", claims)
    write_seed_file(folder, "incidents.csv", INCIDENTS)
    write_seed_file(folder, "assertions.csv", [])
    return folder


@pytest.fixture(scope="module")
def seeds(tmp_path_factory) -> Path:
    return write_records(tmp_path_factory.mktemp("scale") / "seeds")


@pytest.fixture(scope="module")
def records(seeds, gazetteer):
    return load_records(seeds, gazetteer=gazetteer)


@pytest.fixture(scope="module")
def layer(records, gazetteer):
    return Influence(records, gazetteer=gazetteer).incident_layer()


def test_activity_is_one_disc_per_incident_and_actor_with_its_window(layer, gazetteer):
    activity = layer[layer["zone"] == "activity"]
    spans = {(r.actor, r.incident): (r.start, r.end, r.last_confirmed) for r in activity.itertuples()}
    assert spans == {
        # start: the incident's first day; end: its last day + 90 - 1; last_confirmed: its last day
        ("kilo", "inc-k-1"): (D(2022, 1, 10), D(2022, 4, 9), D(2022, 1, 10)),
        ("kilo", "inc-k-2"): (D(2022, 2, 10), D(2022, 5, 10), D(2022, 2, 10)),
        ("kilo", "inc-k-3"): (D(2022, 3, 10), D(2022, 6, 7), D(2022, 3, 10)),
        ("lima", "inc-k-3"): (D(2022, 3, 10), D(2022, 6, 7), D(2022, 3, 10)),
        ("kilo", "inc-k-4"): (D(2022, 6, 1), D(2022, 9, 27), D(2022, 6, 30)),
        ("lima", "inc-l-1"): (D(2023, 5, 2), D(2023, 7, 30), D(2023, 5, 2)),
    }  # never civilians
    assert all(s == [i] for s, i in zip(activity["supporting"], activity["incident"], strict=True))
    assert set(activity["certainty"]) == {"certain"}
    assert activity["rule"].iloc[0].startswith("activity: incident inc-k-1, active for 90 days")


def test_an_activity_disc_has_the_activity_radius_plus_the_uncertainty(layer, gazetteer):
    menaka = gazetteer.place("ml-menaka")
    radius = 20.0 + menaka.uncertainty_km
    row = layer[(layer["incident"] == "inc-k-1")].iloc[0]
    assert row["radius_km"] == pytest.approx(radius)
    ring = np.asarray(row.geometry.exterior.coords)
    _, _, metres = GEOD.inv(np.full(len(ring), menaka.lon), np.full(len(ring), menaka.lat), ring[:, 0], ring[:, 1])
    # simplification keeps a subset of the disc's vertices: each still lies on the circle
    assert np.allclose(metres, radius * 1000, atol=1.0)
    assert 20 <= len(ring) <= 65
    # the shape drawn is within 100 m of the exact disc; the area is the exact disc's
    exact = geodesic_disc(menaka.lat, menaka.lon, radius)
    assert row.geometry.hausdorff_distance(exact) * 111_700 <= DISPLAY_TOLERANCE_M
    assert row["area_km2"] == pytest.approx(float(area_km2(exact)[0]), abs=1e-3)
    assert row["area_km2"] == pytest.approx(np.pi * radius**2, rel=0.01)


def test_influence_from_incidents_runs_while_enough_incidents_count_less_the_claimed_days(layer):
    runs = layer[layer["tier"] == "incidents"]
    found = [(r.actor, r.places, r.start, r.end, r.supporting) for r in runs.itertuples()]
    # all three Ménaka incidents count from the third (10 March 2022) to the first's last
    # day + 365 - 1 (9 January 2023), except while kilo's claim draws a zone (July-August)
    trio = ["inc-k-1", "inc-k-2", "inc-k-3"]
    assert found == [
        ("kilo", ["ml-menaka"], D(2022, 3, 10), D(2022, 6, 30), trio),
        ("kilo", ["ml-menaka"], D(2022, 9, 1), D(2023, 1, 9), trio),
    ]
    assert set(runs["zone"]) == {"influence"} and set(runs["last_confirmed"]) == {D(2022, 3, 10)}
    claims = layer[layer["tier"] == "claimed"]
    assert [(r.zone, r.start, r.end) for r in claims.itertuples()] == [("control", D(2022, 7, 1), D(2022, 8, 31))]
    assert claims["incident"].isna().all()


def test_the_features_of_a_day_are_the_zones_of_that_day(records, gazetteer, layer):
    influence = Influence(records, gazetteer=gazetteer)
    exact = influence.incident_layer(simplify_m=None)
    for day in (D(2022, 3, 15), D(2022, 6, 15), D(2022, 7, 15), D(2022, 10, 1), D(2023, 6, 1)):
        for actor in ("kilo", "lima"):
            zones = influence.at(actor, day)
            held = exact[(exact["actor"] == actor) & (exact["start"] <= day) & (exact["end"] >= day)]
            for zone in ("control", "activity", "influence"):
                a, b = zones[zones["zone"] == zone], held[held["zone"] == zone]
                union = [float(area_km2(shapely.union_all(x.geometry.values))[0]) if len(x) else 0.0 for x in (a, b)]
                assert union[0] == pytest.approx(union[1], rel=1e-6, abs=1e-6), (day, actor, zone)


def test_the_layer_has_the_contract_columns_and_grows_with_the_incidents(layer):
    assert list(layer.columns) == [*INCIDENT_LAYER_COLUMNS, "geometry"]
    assert len(layer[layer["zone"] == "activity"]) == 6  # one per incident and actor


def test_every_period_writes_unions_per_period(records, gazetteer):
    monthly = layer_frame(gazetteer, "influence", records=records, every="month")
    kilo = monthly[(monthly["actor"] == "kilo") & (monthly["zone"] == "activity")]
    assert kilo["start"].min() == D(2022, 1, 1) and all(d.day == 1 for d in kilo["start"])
    assert "incident" not in monthly.columns


# --- streamed GeoJSON ------------------------------------------------------------------------


def test_streamed_geojson_is_what_the_old_whole_collection_writer_gave(layer, monkeypatch):
    import geo.export

    monkeypatch.setattr(geo.export, "CHUNK_ROWS", 2)  # several chunks
    out = io.StringIO()
    write_geojson(layer, out)
    text = out.getvalue()
    assert text.endswith("]}\n") and text.count("\n") == 1
    columns = [c for c in layer.columns if c != "geometry"]
    rounded = shapely.transform(np.asarray(layer.geometry.array), lambda xy: np.round(xy, 6))
    expected = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "properties": {c: plain_value(v) for c, v in zip(columns, values, strict=True)},
                "geometry": json.loads(shapely.to_geojson(shape)),
            }
            for values, shape in zip(layer[columns].itertuples(index=False, name=None), rounded, strict=True)
        ],
    }
    assert json.loads(text) == expected
    first = json.loads(text)["features"][0]["properties"]
    assert set(first) == set(INCIDENT_LAYER_COLUMNS)
    disc = next(f for f in json.loads(text)["features"] if f["properties"]["incident"] == "inc-k-1")
    assert disc["properties"]["start"] == "2022-01-10" and disc["properties"]["end"] == "2022-04-09"
    assert disc["properties"]["supporting"] == ["inc-k-1"] and disc["properties"]["tier"] is None
    coordinates = [c for ring in disc["geometry"]["coordinates"] for xy in ring for c in xy]
    assert all(round(c, 6) == c for c in coordinates)


def test_streamed_geojson_of_an_empty_layer(layer):
    out = io.StringIO()
    write_geojson(layer.iloc[:0], out)
    assert json.loads(out.getvalue()) == {"type": "FeatureCollection", "features": []}


def test_csv_still_escapes_formulas(seeds, tmp_path, capsys):
    assert (
        main(
            [
                "export",
                "--seeds",
                str(seeds),
                "--format",
                "csv",
                "--layers",
                "incidents,influence",
                "--out",
                str(tmp_path),
            ]
        )
        == 0
    )
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO((tmp_path / "incidents.csv").read_text(encoding="utf-8")))}
    assert rows["inc-l-1"]["note"] == "'=1+2 said the report"
    influence = list(csv.DictReader(io.StringIO((tmp_path / "influence.csv").read_text(encoding="utf-8"))))
    assert {"incident", "radius_km", "wkt"} <= set(influence[0])


# --- GeoParquet --------------------------------------------------------------------------------


def test_parquet_round_trip_and_partitions(seeds, tmp_path, capsys):
    geopandas = pytest.importorskip("geopandas")
    pq = pytest.importorskip("pyarrow.parquet")
    csv_dir, out = tmp_path / "csv", tmp_path / "pq"
    args = ["export", "--seeds", str(seeds)]
    assert main([*args, "--format", "csv", "--layers", "incidents", "--raw", "--out", str(csv_dir)]) == 0
    assert main([*args, "--format", "parquet", "--out", str(out)]) == 0
    err = capsys.readouterr().err
    assert f"wrote {out / 'incidents'}" in err and f"wrote {out / 'places.parquet'}" in err
    # hive partitions: year of the start, lower-case ISO2 country
    found = sorted(str(p.relative_to(out / "incidents")) for p in (out / "incidents").rglob("*.parquet"))
    assert found == ["year=2022/country=ml/part-0.parquet", "year=2023/country=ml/part-0.parquet"]
    assert (out / "claims" / "year=2022" / "country=ml").is_dir()
    assert {p.name for p in out.iterdir()} == {
        "places.parquet",
        "areas.parquet",
        "incidents",
        "claims",
        "influence",
        "intensity",
    }
    # the incidents dataset: exactly the CSV's columns, then geometry and the partitions
    with (csv_dir / "incidents.csv").open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        header, rows = reader.fieldnames, {r["id"]: r for r in reader}
    table = pq.read_table(out / "incidents")
    assert table.column_names == [*header, "geometry", "year", "country"]
    frame = geopandas.read_parquet(out / "incidents")
    assert frame.crs.to_epsg() == 4326 and len(frame) == len(rows) == 5
    for record in frame.to_dict("records"):
        row = rows[record["id"]]
        assert record["start"] == row["start"] and record["actors"] == row["actors"]
        assert record["note"] == row["note"]  # exact: no apostrophe
        assert record["lat"] == pytest.approx(float(row["lat"])) and record["geometry"].x == pytest.approx(
            float(row["lon"])
        )
        assert int(record["year"]) == int(row["start"][:4]) and record["country"] == "ml"
    assert frame.set_index("id").loc["inc-l-1", "note"] == "=1+2 said the report"
    places = geopandas.read_parquet(out / "places.parquet")
    assert "ml-menaka" in set(places["id"]) and places.crs.to_epsg() == 4326
    influence = geopandas.read_parquet(out / "influence")
    assert {"incident", "radius_km", "year", "country"} <= set(influence.columns)
    assert set(influence.geom_type) <= {"Polygon", "MultiPolygon"}


def test_parquet_export_replaces_an_earlier_dataset(seeds, tmp_path, capsys):
    pytest.importorskip("pyarrow")
    out = tmp_path / "pq"
    stale = out / "incidents" / "year=1999" / "country=ml"
    stale.mkdir(parents=True)
    (stale / "part-0.parquet").write_bytes(b"old")
    assert (
        main(["export", "--seeds", str(seeds), "--format", "parquet", "--layers", "incidents", "--out", str(out)]) == 0
    )
    assert not (out / "incidents" / "year=1999").exists()
    assert [p.name for p in out.iterdir()] == ["incidents"]  # no temporary folder left


def test_missing_pyarrow_names_the_extra(seeds, tmp_path, capsys, monkeypatch):
    monkeypatch.setitem(sys.modules, "pyarrow", None)  # import pyarrow now raises ImportError
    monkeypatch.setitem(sys.modules, "pyarrow.parquet", None)
    out = tmp_path / "pq"
    assert main(["export", "--seeds", str(seeds), "--format", "parquet", "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert "geo export: error: --format parquet needs pyarrow" in err
    assert "pip install 'sahel-atlas[parquet]'" in err
    assert not out.exists() or not any(out.iterdir())
    from geo.errors import InputError

    with pytest.raises(InputError, match=r"sahel-atlas\[parquet\]"):
        export(load_records(seeds), tmp_path / "api", fmt="parquet", layers=["places"])


def test_bad_period_or_parameters_are_refused_before_anything_is_written(records, gazetteer, tmp_path):
    from geo.errors import InputError

    with pytest.raises(InputError, match="unknown period 'fortnight'; choose from day, week, month"):
        export(gazetteer, tmp_path / "a", records=records, every="fortnight")
    with pytest.raises(InputError, match="parameter activity_km = -1"):
        export(gazetteer, tmp_path / "b", records=records, layers=["places", "influence"], params={"activity_km": -1})
    assert not (tmp_path / "a").exists() and not (tmp_path / "b").exists()


def test_voronoi_cells_have_no_radius(records, gazetteer):
    cells = Influence(records, gazetteer=gazetteer, method="voronoi").incident_layer(["kilo"])
    activity = cells[cells["zone"] == "activity"]
    assert len(activity) == 4 and activity["radius_km"].isna().all()
    assert set(cells["method"]) == {"voronoi"} and (activity["area_km2"] > 0).all()


def test_no_zone_actors_get_no_feature_even_when_asked(records, gazetteer):
    assert Influence(records, gazetteer=gazetteer).incident_layer(["civilians"]).empty


def test_the_parquet_incidents_read_back_as_records(seeds, records, tmp_path, capsys):
    """The contract with the record loader: ``--incidents`` takes the exported dataset."""
    pytest.importorskip("pyarrow")
    import geo.seeds

    if not hasattr(geo.seeds, "read_parquet_table"):
        pytest.skip("this tree's record loader does not read Parquet")
    out = tmp_path / "pq"
    assert (
        main(["export", "--seeds", str(seeds), "--format", "parquet", "--layers", "incidents", "--out", str(out)]) == 0
    )
    from geo.seeds import Seeds

    back = load_records(Seeds.load(seeds).with_incidents(out / "incidents"))
    columns = ["id", "start", "end", "place", "actors", "fatalities_best", "note"]
    left = back.incidents.sort_values("id").reset_index(drop=True)[columns]
    right = records.incidents.sort_values("id").reset_index(drop=True)[columns]
    assert left.astype(str).to_dict("records") == right.astype(str).to_dict("records")
