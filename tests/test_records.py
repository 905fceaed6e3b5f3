"""Loading records as GeoDataFrames, and exporting them (GeoJSON, GeoPackage, CSV round trips)."""

from __future__ import annotations

import json
import sqlite3
from datetime import date

import geopandas
import pytest
from conftest import SMALL_SEEDS, write_seed_file

from geo import schema
from geo.cli import main
from geo.errors import RecordsError
from geo.export import export
from geo.records import load_records


@pytest.fixture
def records(seed_dir, gazetteer):
    return load_records(seed_dir, gazetteer=gazetteer)


def test_incidents_frame(records, gazetteer):
    incidents = records.incidents.set_index("id")
    assert incidents.crs.to_epsg() == 4326
    tamalat = incidents.loc["inc-2022-03-08-tamalat"]
    place = gazetteer.place("ml-tamalat")
    assert (tamalat.geometry.x, tamalat.geometry.y) == (place.lon, place.lat)
    assert tamalat["place_name"] == place.name and tamalat["uncertainty_km"] == place.uncertainty_km
    assert (tamalat["start"], tamalat["end"]) == (date(2022, 3, 8), date(2022, 3, 8))
    assert tamalat["actors"] == ["isgs", "msa"]
    assert (tamalat["fatalities_low"], tamalat["fatalities_high"]) == (300, 500)
    assert tamalat["fatalities_best"] is records.incidents["fatalities_best"].dtype.na_value  # not 400
    region = incidents.loc["inc-2022-03-menaka"]
    assert (region["start"], region["end"]) == (date(2022, 3, 1), date(2022, 3, 31))
    assert region["displaced"] == 90000 and region["sources"] == ["doc-a", "news-2023-04-12"]
    own_point = incidents.loc["inc-2023-04-10-point"]
    assert (own_point.geometry.x, own_point.geometry.y) == (2.5, 16.5)
    assert own_point["place"] == "" and own_point["place_name"] == "somewhere north of Ménaka"


def test_claims_frame(records, gazetteer):
    claims = records.claims.set_index("id")
    seized = claims.loc["clm-2022-03-isgs-tamalat"]
    assert seized.geometry.geom_type == "Point" and seized["end"] is None
    region = claims.loc["clm-2022-msa-menaka"]
    assert region.geometry.geom_type in ("Polygon", "MultiPolygon")
    assert region.geometry.equals(gazetteer.areas.geometry("ml-region-menaka"))
    assert (region["start"], region["end"]) == (date(2022, 3, 1), date(2022, 12, 31))
    assert (region["start_edtf"], region["end_edtf"]) == ("2022-03", "2022-41")
    # the other ends of the spans, parsed once with the frames: March 2022, the second half of 2022
    assert (region["start_latest"], region["end_earliest"]) == (date(2022, 3, 31), date(2022, 7, 1))


def test_invalid_records_raise_with_every_problem(seed_dir, gazetteer):
    rows = [dict(row) for row in SMALL_SEEDS["incidents.csv"]]
    rows[1]["date"] = "2022-02-30"
    write_seed_file(seed_dir, "incidents.csv", rows)
    with pytest.raises(RecordsError) as caught:
        load_records(seed_dir, gazetteer=gazetteer)
    assert len(caught.value.problems) == 1
    assert f"{seed_dir / 'incidents.csv'}:3:date: '2022-02-30'" in str(caught.value)


def test_geojson_export_follows_the_contract(records, gazetteer, tmp_path):
    written = export(gazetteer, tmp_path, fmt="geojson", layers=["incidents", "claims"], records=records)
    assert [p.name for p in written] == ["incidents.geojson", "claims.geojson"]
    data = json.loads((tmp_path / "incidents.geojson").read_text(encoding="utf-8"))
    feature = next(f for f in data["features"] if f["properties"]["id"] == "inc-2022-03-08-tamalat")
    props = feature["properties"]
    for key in ("id", "start", "end", "place", "place_name", "actors", "event_type", "sources"):
        assert key in props
    assert props["start"] == props["end"] == "2022-03-08"
    assert props["actors"] == ["isgs", "msa"] and props["sources"] == ["doc-a"]
    assert (props["fatalities_low"], props["fatalities_best"], props["fatalities_high"]) == (300, None, 500)
    assert feature["geometry"]["type"] == "Point"
    claims = {f["properties"]["id"]: f for f in json.loads((tmp_path / "claims.geojson").read_text())["features"]}
    claim = claims["clm-2022-03-isgs-tamalat"]["properties"]
    assert {k: claim[k] for k in ("actor", "status", "tier", "start", "end", "place")} == {
        "actor": "isgs",
        "status": "seized",
        "tier": "claimed",
        "start": "2022-03-08",
        "end": None,
        "place": "ml-tamalat",
    }
    assert claims["clm-2022-msa-menaka"]["geometry"]["type"] in ("Polygon", "MultiPolygon")
    back = geopandas.read_file(tmp_path / "incidents.geojson")
    assert sorted(back["id"]) == sorted(records.incidents["id"])


def test_gpkg_has_real_date_fields(records, gazetteer, tmp_path):
    (target,) = export(gazetteer, tmp_path, fmt="gpkg", layers=["places", "incidents", "claims"], records=records)
    with sqlite3.connect(target) as db:
        ddl = dict(db.execute("select name, sql from sqlite_master where type='table'"))
        assert '"start" DATE' in ddl["incidents"] and '"end" DATE' in ddl["claims"]
        assert '"fatalities_low" INTEGER' in ddl["incidents"]
        assert db.execute("select start, \"end\" from claims where id='clm-2022-03-isgs-tamalat'").fetchone() == (
            "2022-03-08",
            None,
        )
    incidents = geopandas.read_file(target, layer="incidents").set_index("id")
    assert incidents.loc["inc-2022-03-08-tamalat", "actors"] == "isgs|msa"
    assert str(incidents.loc["inc-2022-03-menaka", "end"])[:10] == "2022-03-31"
    assert incidents.loc["inc-2022-03-menaka", "displaced"] == 90000
    claims = geopandas.read_file(target, layer="claims")
    assert set(claims.geom_type) in ({"Point", "Polygon"}, {"Point", "MultiPolygon"})
    assert len(geopandas.read_file(target, layer="places")) == len(gazetteer.places(tier="curated"))


def test_csv_export(records, gazetteer, tmp_path):
    import pandas as pd

    export(gazetteer, tmp_path, fmt="csv", layers=["incidents", "claims"], records=records)
    incidents = pd.read_csv(tmp_path / "incidents.csv", keep_default_na=False).set_index("id")
    assert incidents.loc["inc-2023-04-10-point", "lat"] == 16.5
    assert incidents.loc["inc-2022-03-menaka", "sources"] == "doc-a|news-2023-04-12"
    claims = pd.read_csv(tmp_path / "claims.csv", keep_default_na=False).set_index("id")
    assert claims.loc["clm-2022-msa-menaka", "wkt"].startswith(("POLYGON", "MULTIPOLYGON"))


def test_cli_export_with_own_seeds(seed_dir, tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["export", "--seeds", str(seed_dir), "--layers", "incidents,claims", "--out", str(out)]) == 0
    assert len(json.loads((out / "incidents.geojson").read_text())["features"]) == 3
    rows = [dict(row) for row in SMALL_SEEDS["claims.csv"]]
    rows[0]["place"] = "ml-nowhere"
    write_seed_file(seed_dir, "claims.csv", rows)
    assert main(["export", "--seeds", str(seed_dir), "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert "claims.csv:2:place: 'ml-nowhere': unknown place id" in err and "Traceback" not in err


def test_bundled_records_load(gazetteer):
    records = load_records(gazetteer=gazetteer)
    assert len(records.incidents) >= 40 and len(records.claims) >= 40
    assert records.incidents[schema.START].notna().all() or records.incidents[schema.END].notna().all()


def test_table_cells_are_the_rows_by_column(tmp_path):
    from geo.seeds import read_table

    path = tmp_path / "incidents.csv"
    path.write_text(
        'id,date,note\ninc-1,2022-03, a note \n\ninc-2,2022-04,\'=1+1\ninc-3,2022-05\ninc-4,2022-06,"two\nlines"\n',
        encoding="utf-8",
    )
    table = read_table(path, "incidents.csv")
    cells = table.cells(("id", "note", "place"))
    assert cells == {
        "id": ["inc-1", "inc-2", "inc-4"],  # the blank line and the short row left out
        "note": ["a note", "=1+1", "two\nlines"],  # stripped, the spreadsheet apostrophe undone
        "place": ["", "", ""],  # not a column of the file
    }
    assert cells == {name: [row[name] for row in table.rows] for name in ("id", "note", "place")}
    assert [row.line for row in table.rows] == [2, 4, 6]
    table.rows.append(table.rows[0])  # rows added: read again from the rows
    assert table.cells(("id",)) == {"id": ["inc-1", "inc-2", "inc-4", "inc-1"]}


def test_claims_carry_their_parsed_start_and_end_spans(records):
    claims = records.claims.set_index("id")
    for _, claim in claims.iterrows():
        assert claim["start_latest"] is not None
        assert claim["start"] is None or claim["start"] <= claim["start_latest"]
        if claim["end"] is not None:
            assert claim["end_earliest"] <= claim["end"]
        else:
            assert claim["end_earliest"] is None
