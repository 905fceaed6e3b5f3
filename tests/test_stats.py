"""Intensity by area and period (geo.stats, `geo stats`): counts and sums known by construction."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from datetime import date

import h3
import pytest
import shapely
from conftest import SMALL_SEEDS, write_seed_file

from geo.cli import main
from geo.errors import InputError
from geo.measure import area_km2
from geo.records import load_records
from geo.stats import DEFAULT_HEX_RESOLUTION, ROW_COLUMNS, UNPLACED_COLUMNS, intensity, intensity_layer

# Where the places lie (gazetteer/places.csv, gazetteer/areas.geojson):
#   ml-menaka: Ménaka cercle, Ménaka region; ml-tidermene, (16.5, 2.5): Tidermène cercle, Ménaka
#     region (since 2016 the region holds four approximate cercles, gazetteer/AREAS.md)
#   ml-gao: Gao cercle, Gao region;  ml-abeibara (±30 km): Abeïbara cercle, Kidal region
#     (the wide-radius place was Talataye until it was placed on its OSM node at ±5 km;
#     Abeïbara's radius is 30 km since GeoNames and OSM put it 28 km apart, gazetteer/README.md)
#   bf-seytenga: Sahel region of Burkina Faso (no cercle)
#   ml-ogossagou: Bankass cercle; Mopti region until 2023-03-12, Bandiagara region since 2023-03-13
# H3 resolution 4 (edge 26 km): Tidermène and (16.5, 2.5) share a cell.
INCIDENTS = [
    # id, date, place, precision, (low, best, high), own coordinates
    ("inc-a", "2022-03-08", "ml-menaka", "1", ("10", "12", "15"), None),
    ("inc-b", "2022-03-20", "ml-tidermene", "1", ("", "5", ""), None),
    ("inc-c", "2022-03", "ml-region-menaka", "3", ("300", "", "500"), None),
    ("inc-d", "2022-04-02", "ml-gao", "1", ("", "", ""), None),
    ("inc-e", "2022-05-30/2022-06-02", "ml-menaka", "1", ("7", "7", "7"), None),  # two months, one quarter
    ("inc-f", "2022-03-10", "ml", "3", ("", "40", ""), None),  # only "in Mali"
    ("inc-g", "../2022-03-01", "ml-gao", "1", ("", "", ""), None),  # open-ended
    ("inc-h", "2022-03-15", "ml-abeibara", "1", ("", "2", ""), None),  # ±30 km
    ("inc-i", "2022-03-12", "ml-gao", "2", ("", "", ""), None),  # near Gao: ±5 + 25 km
    ("inc-j", "2022-06-11", "bf-seytenga", "1", ("51", "", ""), None),
    ("inc-k", "2019-03-23", "ml-ogossagou", "1", ("", "160", ""), None),
    ("inc-l", "2024-02-01", "ml-ogossagou", "1", ("", "", ""), None),
    ("inc-m", "2023", "ml-ogossagou", "1", ("", "", ""), None),  # straddles the 2023 reform
    ("inc-n", "2022-03-09", "", "1", ("", "", ""), ("16.5", "2.5")),  # own coordinates
    ("inc-o", "2022-03-05", "dz", "3", ("", "", ""), None),  # only "in Algeria"
    ("inc-p", "2021", "ml-region-gao", "3", ("", "3", ""), None),
    ("inc-q", "2022-03-25", "ml-menaka", "3", ("", "", ""), None),  # precision 3 at a point
]
TOTAL = len(INCIDENTS)


def _incident_rows() -> list[dict[str, str]]:
    rows = []
    for incident_id, when, place, precision, (low, best, high), own in INCIDENTS:
        row = {
            "id": incident_id,
            "date": when,
            "place": place,
            "precision": precision,
            "event_type": "Battles",
            "actor1": "isgs",
            "fatalities_low": low,
            "fatalities_best": best,
            "fatalities_high": high,
            "sources": "doc-later",
        }
        if own:
            row.update(latitude=own[0], longitude=own[1], location="north of Ménaka")
        rows.append(row)
    return rows


@pytest.fixture(scope="module")
def stats_seeds(tmp_path_factory) -> str:
    folder = tmp_path_factory.mktemp("stats") / "seeds"
    sources = [*SMALL_SEEDS["sources.csv"], {"id": "doc-later", "kind": "document", "title": "Later", "date": "2025"}]
    write_seed_file(folder, "sources.csv", sources)
    write_seed_file(folder, "actors.csv", SMALL_SEEDS["actors.csv"])
    write_seed_file(folder, "incidents.csv", _incident_rows())
    return str(folder)


@pytest.fixture(scope="module")
def records(stats_seeds, gazetteer):
    return load_records(stats_seeds, gazetteer=gazetteer)


def rows_of(result) -> dict[tuple[str, str], dict]:
    """(unit, period) -> the row, with missing values as None."""
    frame = result.frame.drop(columns=result.frame.geometry.name).astype(object)
    frame = frame.where(frame.notna(), None)
    return {(row["unit"], row["period"]): row for row in frame.to_dict("records")}


def figures(row) -> tuple:
    return (
        row["incidents"],
        row["fatalities_low"],
        row["fatalities_best"],
        row["fatalities_high"],
        row["fatalities_best_missing"],
        row["fatalities_missing"],
    )


def reasons(result) -> dict[str, str]:
    return dict(zip(result.unplaced["id"], result.unplaced["reason"], strict=True))


# --- the library ----------------------------------------------------------------------------


def test_regions_by_month(records, gazetteer):
    result = intensity(records, gazetteer, by="region", every="month")
    rows = rows_of(result)
    assert figures(rows["ml-region-menaka", "2022-03"]) == (5, 310, 17, 515, 3, 2)  # a, b, c, n, q
    assert figures(rows["ml-region-gao", "2022-03"]) == (1, None, None, None, 1, 1)  # i (near Gao)
    assert figures(rows["ml-region-kidal", "2022-03"]) == (1, None, 2, None, 0, 0)  # h (Abeïbara, ±30 km)
    assert figures(rows["ml-region-gao", "2022-04"]) == (1, None, None, None, 1, 1)
    assert figures(rows["bf-region-sahel", "2022-06"]) == (1, 51, None, None, 1, 0)
    assert figures(rows["ml-region-mopti-pre2023", "2019-03"]) == (1, None, 160, None, 0, 0)  # before the reform
    assert figures(rows["ml-region-bandiagara", "2024-02"]) == (1, None, None, None, 1, 1)  # after it
    assert len(rows) == 7
    assert reasons(result) == {
        "inc-e": "date_too_coarse",
        "inc-f": "location_too_coarse",
        "inc-g": "date_open",
        "inc-m": "date_too_coarse",
        "inc-o": "outside",
        "inc-p": "date_too_coarse",
    }
    assert result.placed == 11 and len(result.unplaced) == 6 and result.total == TOTAL
    assert result.placed + len(result.unplaced) == result.total
    assert result.unplaced_by_reason() == {"date_open": 1, "date_too_coarse": 3, "location_too_coarse": 1, "outside": 1}


def test_rows_carry_period_unit_and_geometry(records, gazetteer):
    result = intensity(records, gazetteer, by="region", every="month")
    frame = result.frame
    assert list(frame.columns) == [*ROW_COLUMNS, "geometry"] and frame.crs.to_epsg() == 4326
    menaka = frame[(frame["unit"] == "ml-region-menaka") & (frame["period"] == "2022-03")].iloc[0]
    assert (menaka["name"], menaka["level"], menaka["country"]) == ("Ménaka Region", "region", "ML")
    assert (menaka["start"], menaka["end"]) == (date(2022, 3, 1), date(2022, 3, 31))
    polygon = gazetteer.areas.geometry("ml-region-menaka")
    assert menaka.geometry.equals(polygon)
    assert menaka["area_km2"] == pytest.approx(float(area_km2(polygon)[0]))
    assert 70_000 < menaka["area_km2"] < 85_000
    assert menaka["incidents_per_10k_km2"] == pytest.approx(5 / menaka["area_km2"] * 10_000)
    assert list(frame["period"]) == sorted(frame["period"])  # ordered by period


def test_regions_by_year_follow_the_reform(records, gazetteer):
    result = intensity(records, gazetteer, by="region", every="year")
    rows = rows_of(result)
    assert figures(rows["ml-region-menaka", "2022"]) == (6, 317, 24, 522, 3, 2)  # inc-e counts in its year
    assert figures(rows["ml-region-gao", "2022"])[0] == 2  # d, i
    assert figures(rows["ml-region-kidal", "2022"]) == (1, None, 2, None, 0, 0)  # h
    assert figures(rows["ml-region-gao", "2021"]) == (1, None, 3, None, 0, 0)  # the area "Gao region" itself
    assert reasons(result) == {
        "inc-f": "location_too_coarse",
        "inc-g": "date_open",
        "inc-m": "boundary_change",
        "inc-o": "outside",
    }
    detail = result.unplaced.set_index("id").loc["inc-m", "detail"]
    assert "changed between 2023-01-01 and 2023-12-31" in detail
    assert result.placed == 13 and result.placed + len(result.unplaced) == TOTAL


def test_cercles(records, gazetteer):
    result = intensity(records, gazetteer, by="cercle", every="month")
    rows = rows_of(result)
    # Since 2016 Ménaka region holds four cercles (approximate outlines, gazetteer/AREAS.md):
    # Tidermène and (16.5, 2.5) are in Tidermène cercle, and the area "Ménaka region" (inc-c)
    # fills no single cercle, so it is too coarse for cercles; a precision-3 point is not placed
    assert figures(rows["ml-cercle-menaka", "2022-03"]) == (1, 10, 12, 15, 0, 0)  # a
    assert figures(rows["ml-cercle-tidermene", "2022-03"]) == (2, None, 5, None, 1, 1)  # b, n
    assert figures(rows["ml-cercle-abeibara", "2022-03"]) == (1, None, 2, None, 0, 0)  # Abeïbara, ±30 <= 50 km
    assert figures(rows["ml-cercle-gao", "2022-03"])[0] == 1
    assert figures(rows["ml-cercle-bankass", "2019-03"])[0] == 1
    assert figures(rows["ml-cercle-bankass", "2024-02"])[0] == 1
    assert reasons(result) == {
        "inc-c": "location_too_coarse",  # Ménaka region: four cercles since 2016
        "inc-e": "date_too_coarse",
        "inc-f": "location_too_coarse",
        "inc-g": "date_open",
        "inc-j": "outside",  # Burkina Faso has provinces, not cercles
        "inc-m": "date_too_coarse",
        "inc-o": "outside",
        "inc-p": "date_too_coarse",
        "inc-q": "location_too_coarse",
    }
    unplaced = result.unplaced.set_index("id")
    assert unplaced.loc["inc-q", "detail"].startswith("precision 3: only the region or a larger area")
    assert unplaced.loc["inc-j", "detail"] == "Seytenga lies outside every cercle of the gazetteer (they cover Mali)"
    # ±1473 km (was 1478): the radius is measured from Mali's point on surface, which moved when
    # the outline's long edges were split for the topology fix (gazetteer/AREAS.md)
    assert unplaced.loc["inc-f", "detail"] == (
        "location known only to Mali (±1473 km); too coarse for cercles: no cercle holds 90 % of it"
    )
    assert unplaced.loc["inc-f", "period"] == "2022-03" and unplaced.loc["inc-e", "period"] is None
    assert result.placed == 8 and result.placed + len(result.unplaced) == TOTAL  # inc-c no longer placed
    yearly = intensity(records, gazetteer, by="cercle", every="year")
    assert reasons(yearly)["inc-p"] == "location_too_coarse"  # Gao region holds three cercles
    assert figures(rows_of(yearly)["ml-cercle-bankass", "2023"])[0] == 1  # cercles have no reform


def test_hexagonal_cells(records, gazetteer):
    result = intensity(records, gazetteer, by="hex", every="month")
    rows = rows_of(result)
    tidermene = h3.latlng_to_cell(16.61756, 2.43948, 4)
    assert tidermene == "84591a3ffffffff" == h3.latlng_to_cell(16.5, 2.5, 4)
    assert figures(rows[tidermene, "2022-03"]) == (2, None, 5, None, 1, 1)  # inc-b and inc-n share a cell
    menaka = h3.latlng_to_cell(15.9182, 2.4022, 4)
    assert figures(rows[menaka, "2022-03"]) == (1, 10, 12, 15, 0, 0)
    ogossagou = h3.latlng_to_cell(13.96014, -3.57019, 4)
    assert rows[ogossagou, "2019-03"]["incidents"] == rows[ogossagou, "2024-02"]["incidents"] == 1
    gao = h3.latlng_to_cell(16.27167, -0.04472, 4)
    assert figures(rows[gao, "2022-03"])[0] == 1  # inc-i, precision 2 ("near Gao"): counted at its point
    assert len(rows) == 7 and result.placed == 8
    assert reasons(result) == {
        "inc-c": "location_too_coarse",
        "inc-e": "date_too_coarse",
        "inc-f": "location_too_coarse",
        "inc-g": "date_open",
        "inc-h": "location_too_coarse",
        "inc-m": "date_too_coarse",
        "inc-o": "location_too_coarse",
        "inc-p": "date_too_coarse",
        "inc-q": "location_too_coarse",
    }
    unplaced = result.unplaced.set_index("id")
    assert unplaced.loc["inc-h", "detail"] == (
        "location known only within ±30 km (Abeïbara); "
        "too coarse for H3 cells of resolution 4, which take at most ±26 km"
    )
    assert result.placed + len(result.unplaced) == TOTAL
    # the polygon is Polygon(lon, lat) and holds the point; its area is geodesic, and H3's own
    row = result.frame[(result.frame["unit"] == menaka)].iloc[0]
    assert row.geometry.contains(shapely.Point(2.4022, 15.9182))
    assert row["area_km2"] == pytest.approx(h3.cell_area(menaka, unit="km^2"), rel=0.01)
    assert row["name"] == "Ménaka" and row["level"] == "hex"


def test_a_larger_uncertainty_limit_places_more(records, gazetteer):
    result = intensity(records, gazetteer, by="hex", every="month", max_uncertainty_km=40)
    assert "inc-h" not in reasons(result) and "inc-i" not in reasons(result)
    assert result.placed == 9 and result.max_uncertainty_km == 40
    finer = intensity(records, gazetteer, by="hex", every="month", hex_resolution=6)
    assert finer.max_uncertainty_km == pytest.approx(h3.average_hexagon_edge_length(6, unit="km"))  # 3.7 km
    assert "inc-a" not in reasons(finer) and reasons(finer)["inc-d"] == "location_too_coarse"  # ±3 km, ±5 km


def test_an_interval_over_two_months_is_counted_once_or_reported(records, gazetteer):
    monthly = intensity(records, gazetteer, by="region", every="month")
    detail = monthly.unplaced.set_index("id").loc["inc-e", "detail"]
    assert detail == (
        "date 2022-05-30/2022-06-02 (2022-05-30 to 2022-06-02) spans 2 monthly periods (2022-05 to 2022-06); "
        "too coarse for monthly periods"
    )
    assert not any(unit == "ml-region-menaka" and period in ("2022-05", "2022-06") for unit, period in rows_of(monthly))
    quarterly = intensity(records, gazetteer, by="region", every="quarter")
    rows = rows_of(quarterly)
    assert figures(rows["ml-region-menaka", "2022-Q2"]) == (1, 7, 7, 7, 0, 0)
    assert "inc-e" not in reasons(quarterly)


def test_a_range_keeps_the_incidents_that_overlap_it(records, gazetteer):
    result = intensity(records, gazetteer, by="region", every="month", start=date(2022, 3, 1), end=date(2022, 3, 31))
    assert result.total == 10  # a b c f h i n o q, and g ("../2022-03-01")
    assert {period for _, period in rows_of(result)} == {"2022-03"}
    assert reasons(result) == {"inc-f": "location_too_coarse", "inc-g": "date_open", "inc-o": "outside"}
    assert result.placed == 7


def test_an_empty_range_is_an_empty_table(records, gazetteer):
    result = intensity(records, gazetteer, by="cercle", every="year", start=date(2030, 1, 1))
    assert result.total == result.placed == len(result.unplaced) == 0
    assert list(result.frame.columns) == [*ROW_COLUMNS, "geometry"] and len(result.frame) == 0
    assert result.summary() == "0 incidents: 0 placed in cercles by yearly period, none unplaced"


def test_the_incidents_frame_works_too(records, gazetteer):
    assert intensity(records.incidents, gazetteer, by="region", every="year").placed == 13


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"by": "province"}, "unknown level 'province' to count by; choose from region, cercle, hex"),
        ({"every": "decade"}, "unknown period 'decade'; choose from day, week, month, quarter, year"),
        ({"by": "hex", "hex_resolution": 16}, "H3 resolution 16 is not a whole number from 0 to 15"),
        ({"start": date(2023, 1, 1), "end": date(2022, 1, 1)}, "the range ends (2022-01-01) before it starts"),
        ({"min_share": 0.3}, "min_share must be more than 0.5"),
        ({"max_uncertainty_km": -1.0}, "0 km or more, not -1.0"),
    ],
)
def test_bad_options_name_the_value(records, gazetteer, options, message):
    with pytest.raises(InputError) as caught:
        intensity(records, gazetteer, **options)
    assert message in str(caught.value)


@pytest.fixture(scope="module")
def bundled(gazetteer):
    return load_records(gazetteer=gazetteer)


@pytest.mark.parametrize("by", ["region", "cercle", "hex"])
def test_bundled_records_add_up(bundled, gazetteer, by):
    records = bundled
    for every in ("month", "year"):
        result = intensity(records, gazetteer, by=by, every=every)
        assert result.total == len(records.incidents)
        assert result.placed + len(result.unplaced) == len(records.incidents)
        assert int(result.frame["incidents"].sum()) == result.placed
        assert set(result.unplaced["reason"]) <= {
            "date_open",
            "date_too_coarse",
            "boundary_change",
            "location_too_coarse",
            "outside",
        }
        assert result.unplaced["detail"].str.len().min() > 20


def test_layer_exports_with_date_fields(records, gazetteer, tmp_path):
    from geo.export import write_geojson, write_gpkg_layer

    layer = intensity_layer(records, gazetteer, by="cercle", every="month")
    assert list(layer.columns) == [*ROW_COLUMNS, "geometry"]
    assert all(isinstance(v, date) for v in layer["start"])
    target = tmp_path / "atlas.gpkg"
    write_gpkg_layer(layer, target, "intensity")
    with sqlite3.connect(target) as db:
        ddl = dict(db.execute("select name, sql from sqlite_master where type='table'"))["intensity"]
        assert '"start" DATE' in ddl and '"incidents" INTEGER' in ddl and '"fatalities_best" INTEGER' in ddl
        # 8, not 9: "Ménaka region" is no single cercle since the four Ménaka cercles (AREAS.md)
        assert db.execute("select sum(incidents) from intensity").fetchone() == (8,)
        best = db.execute("select fatalities_best from intensity where unit='ml-cercle-menaka'").fetchone()
        assert best == (12,)  # inc-a only: Tidermène's 5 now count for Tidermène cercle
    write_geojson(layer, tmp_path / "intensity.geojson")
    features = json.loads((tmp_path / "intensity.geojson").read_text(encoding="utf-8"))["features"]
    gao = next(f["properties"] for f in features if f["properties"]["unit"] == "ml-cercle-gao")
    assert gao["start"] == "2022-03-01" and gao["fatalities_best"] is None


# --- the command ----------------------------------------------------------------------------


def run(capsys, *argv):
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_cli_table(stats_seeds, capsys):
    code, out, err = run(capsys, "stats", "--seeds", stats_seeds, "--by", "region", "--every", "year")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split()[:7] == ["period", "unit", "name", "incidents", "low", "best", "high"]
    menaka = next(line for line in lines if "ml-region-menaka" in line).split()
    assert menaka[:9] == ["2022", "ml-region-menaka", "Ménaka", "Region", "6", "317", "24", "522", "3"]
    gao_2021 = next(line for line in lines if line.startswith("2021")).split()
    assert gao_2021[4:9] == ["1", "-", "3", "-", "0"]
    assert len(lines) == 1 + 7  # Kidal region holds inc-h (Abeïbara) in 2022
    assert err.strip() == (
        "geo stats: 17 incidents: 13 placed in regions by yearly period (period rule auto: 17 by interval), "
        "4 unplaced (1 date open, 1 boundary change, 1 location too coarse, 1 outside); "
        "precision 3 (only the region or a larger area known): 1 unplaced; "
        "fatalities of the unplaced: best 40; list them with --unplaced"
    )


def test_cli_json_has_rows_then_unplaced(stats_seeds, capsys):
    code, out, _ = run(capsys, "stats", "--seeds", stats_seeds, "--by", "cercle", "--every", "month", "--json")
    assert code == 0
    objects = [json.loads(line) for line in out.splitlines()]
    rows = [o for o in objects if not o["unplaced"]]
    unplaced = [o for o in objects if o["unplaced"]]
    assert objects == rows + unplaced
    assert sum(r["incidents"] for r in rows) + len(unplaced) == TOTAL
    menaka = next(r for r in rows if r["unit"] == "ml-cercle-menaka")
    assert menaka == {
        "unit": "ml-cercle-menaka",
        "name": "Ménaka Cercle",
        "level": "cercle",
        "country": "ML",
        "period": "2022-03",
        "start": "2022-03-01",
        "end": "2022-03-31",
        # inc-a only: Tidermène and (16.5, 2.5) are in Tidermène cercle and "Ménaka region" fills
        # no single cercle since the region's four cercles were added (gazetteer/AREAS.md)
        "incidents": 1,
        "fatalities_low": 10,
        "fatalities_best": 12,
        "fatalities_high": 15,
        "fatalities_best_missing": 0,
        "fatalities_missing": 0,
        "area_km2": menaka["area_km2"],
        "incidents_per_10k_km2": round(1 / menaka["area_km2"] * 10_000, 3),
        "unplaced": False,
    }
    seytenga = next(o for o in unplaced if o["id"] == "inc-j")
    assert set(seytenga) == {*UNPLACED_COLUMNS, "unplaced"}
    assert (seytenga["reason"], seytenga["period"], seytenga["start"]) == ("outside", "2022-06", "2022-06-11")
    assert next(o for o in unplaced if o["id"] == "inc-g")["start"] is None


def test_cli_csv(stats_seeds, capsys):
    code, out, _ = run(capsys, "stats", "--seeds", stats_seeds, "--by", "hex", "--every", "month", "--csv")
    assert code == 0
    table = list(csv.DictReader(io.StringIO(out)))
    assert list(table[0]) == list(ROW_COLUMNS)
    assert sum(int(r["incidents"]) for r in table) == 8
    shared = next(r for r in table if r["unit"] == "84591a3ffffffff")
    assert (shared["incidents"], shared["fatalities_low"], shared["fatalities_best"]) == ("2", "", "5")
    code, out, _ = run(capsys, "stats", "--seeds", stats_seeds, "--by", "hex", "--unplaced", "--csv")
    assert code == 0
    unplaced = list(csv.DictReader(io.StringIO(out)))
    assert list(unplaced[0]) == list(UNPLACED_COLUMNS) and len(unplaced) == TOTAL - 8


def test_cli_unplaced_table(stats_seeds, capsys):
    code, out, _ = run(capsys, "stats", "--seeds", stats_seeds, "--by", "region", "--every", "year", "--unplaced")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split() == ["id", "date", "period", "reason", "detail"]
    assert [line.split()[0] for line in lines[1:]] == ["inc-f", "inc-g", "inc-m", "inc-o"]
    assert "Algeria lies outside every region of the gazetteer" in out


def test_cli_range(stats_seeds, capsys):
    code, out, err = run(capsys, "stats", "--seeds", stats_seeds, "--from", "2022-03", "--to", "2022-03", "--json")
    assert code == 0
    assert len(out.splitlines()) == 3 + 3  # Ménaka, Gao and Kidal regions, then three unplaced
    assert err.startswith("geo stats: 10 incidents: 7 placed in regions by monthly period")


def test_cli_empty_range(stats_seeds, capsys):
    code, out, err = run(capsys, "stats", "--seeds", stats_seeds, "--from", "2030")
    assert (code, out) == (0, "")
    assert err.strip() == "geo stats: no incidents on or after 2030-01-01"
    code, out, _ = run(capsys, "stats", "--seeds", stats_seeds, "--from", "2030", "--to", "2031", "--csv")
    assert code == 0 and out.strip() == ",".join(ROW_COLUMNS)


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (
            ["--every", "weekly"],
            "--every 'weekly': unknown period; did you mean week? choose day, week, month, quarter or year",
        ),
        (["--by", "province"], "--by 'province': unknown level; choose from region, cercle, hex"),
        (["--hex-resolution", "5"], "--hex-resolution applies to --by hex only"),
        (["--by", "hex", "--hex-resolution", "16"], "H3 resolution 16 is not a whole number from 0 to 15"),
        (["--from", "2022-02-30"], "--from '2022-02-30': '2022-02-30' is not a valid EDTF date"),
        (["--from", "2023", "--to", "2022"], "the range ends (2022-12-31) before it starts (2023-01-01)"),
    ],
)
def test_cli_usage_errors(stats_seeds, capsys, argv, message):
    code, out, err = run(capsys, "stats", "--seeds", stats_seeds, *argv)
    assert code == 2 and out == ""
    assert message in err and "Traceback" not in err


def test_cli_help_has_examples(capsys):
    with pytest.raises(SystemExit) as info:
        main(["stats", "--help"])
    assert info.value.code == 0
    out = capsys.readouterr().out
    assert "geo stats --by region --every year" in out and "--unplaced" in out


@pytest.mark.parametrize("level", ["region", "cercle", "country"])
def test_units_of_many_points_found_at_once_are_those_found_one_by_one(gazetteer, level):
    """One query of the spatial index for every point gives each point the units of its own query
    (the nearest unit within the border tolerance still found one point at a time)."""
    import geopandas
    import numpy as np

    from geo.stats.units import Units

    rng = np.random.default_rng(20230415)
    lons, lats = rng.uniform(-12.5, 4.5, 400), rng.uniform(10.0, 25.5, 400)
    points = [*shapely.points(lons, lats), shapely.Point(2.4022, 15.9182), shapely.Point(-30.0, 0.0), None]
    at_once, one_by_one = Units(gazetteer, level), Units(gazetteer, level)
    at_once.locate_all(geopandas.GeoDataFrame(geometry=points))
    for point in points[:-1]:
        assert at_once.at_point(point.x, point.y) == one_by_one.at_point(point.x, point.y)
    overlapping = any(len(one_by_one.at_point(x, y)) > 1 for x, y in zip(lons, lats, strict=True))
    assert overlapping == (level != "country")  # units before and after the reforms overlap


@pytest.mark.parametrize(("by", "rule"), [("region", "interval"), ("cercle", "reported"), ("hex", "auto")])
def test_repeated_incidents_are_placed_alike(records, gazetteer, by, rule):
    """Incidents are placed column by column, each distinct date, place and point worked out
    once: many copies of the same incidents, in another order, get the placement of the original."""
    import pandas as pd

    once = intensity(records, gazetteer, by=by, every="month", period_rule=rule).placements.set_index("id")
    copies = pd.concat([records.incidents.iloc[::-1]] * 3 + [records.incidents], ignore_index=True)
    copies["id"] = [f"{incident_id}#{n}" for n, incident_id in enumerate(copies["id"])]
    many = intensity(copies, gazetteer, by=by, every="month", period_rule=rule)
    columns = ["unit", "period", "reason", "detail", "period_rule"]
    for incident_id, row in many.placements.set_index("id").iterrows():
        original = once.loc[incident_id.split("#")[0], columns].tolist()
        assert row[columns].tolist() == original, incident_id
    assert many.total == 4 * once.shape[0] and many.placed == 4 * int(once["reason"].isna().sum())
    assert many.frame["incidents"].sum() == 4 * int(once["reason"].isna().sum())


@pytest.mark.parametrize(
    ("options", "python", "command"),
    [
        (
            {"by": "actor", "hex_resolution": 5},
            "hex_resolution applies to by='hex' only, not to by='actor'",
            "--hex-resolution applies to --by hex only, not to --by actor",
        ),
        (
            {"by": "actor", "max_uncertainty_km": 5.0},
            "a largest location uncertainty applies to region, cercle, hex, country, not to actor",
            "--max-uncertainty applies to --by region, cercle, hex, country, not to --by actor",
        ),
        (
            {"by": "province"},
            "unknown level 'province' to count by; choose from region, cercle, hex, country, actor, event-type",
            "--by 'province': unknown level; choose from region, cercle, hex, country, actor, event-type",
        ),
        (
            {"period_rule": "middle"},
            "unknown period rule 'middle'; choose from auto, interval, reported",
            "--period-rule 'middle': unknown rule; choose from auto, interval, reported",
        ),
        ({"countries": ["XX"]}, "unknown country 'XX': give an ISO", "--countries: unknown country 'XX': give an ISO"),
        (
            {"event_types": ["Batles"]},
            "unknown event type 'Batles'; did you mean 'Battles'?",
            "--event-types: unknown event type 'Batles'; did you mean 'Battles'?",
        ),
        (
            {"by": "hex", "hex_resolution": 16},
            "H3 resolution 16 is not a whole number from 0 to 15",
            "--hex-resolution 16: H3 resolution 16 is not a whole number from 0 to 15",
        ),
    ],
)
def test_the_library_checks_the_options_in_the_words_of_its_caller(records, gazetteer, options, python, command):
    from geo.cli.stats import OPTION_NAMES
    from geo.stats import check_options

    with pytest.raises(InputError) as raised:
        check_options(**options)
    assert str(raised.value).startswith(python)
    with pytest.raises(InputError) as raised:
        check_options(**options, names=OPTION_NAMES)
    assert str(raised.value).startswith(command)
    # intensity itself refuses them, before reading any incident
    with pytest.raises(InputError) as raised:
        intensity(records, gazetteer, **options)
    assert str(raised.value).startswith(python)


def test_hex_resolution_defaults_for_hex_and_zero_is_a_resolution(records, gazetteer):
    default = intensity(records, gazetteer, by="hex", every="year")
    assert default.hex_resolution == DEFAULT_HEX_RESOLUTION == 4
    coarsest = intensity(records, gazetteer, by="hex", every="year", hex_resolution=0)
    assert coarsest.hex_resolution == 0
    assert coarsest.max_uncertainty_km == pytest.approx(1281.256, abs=0.01)  # H3's average edge at resolution 0
    assert intensity(records, gazetteer, by="region", every="year").hex_resolution is None


def test_the_command_offers_the_views_and_period_rules_of_the_library():
    from geo.cli import stats as command
    from geo.schema import vocab
    from geo.stats import LEVELS, PERIOD_RULES, SPATIAL_LEVELS

    # One vocabulary: the command and the library import the same tuples from geo.schema.vocab.
    assert command.LEVELS is LEVELS is vocab.LEVELS
    assert PERIOD_RULES is vocab.PERIOD_RULES
    assert SPATIAL_LEVELS is vocab.SPATIAL_LEVELS
    assert LEVELS == ("region", "cercle", "hex", "country", "actor", "event-type")
