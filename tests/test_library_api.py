"""The library behind ``geo area``, ``geo distance`` and ``geo geocode --batch``, called
directly from Python: the same numbers and messages as the commands."""

from __future__ import annotations

import dataclasses
import json

import pytest
import shapely
from pyproj import Transformer

import geo
from geo import (
    AmbiguousPlaceError,
    InputError,
    PlaceNotFoundError,
    geocode_rows,
    measure_features,
    parse_point,
    place_distance,
    read_batch,
)
from geo.cli import main
from geo.measure import area_km2


@pytest.fixture(autouse=True)
def _loaded_once(monkeypatch, gazetteer):
    import geo.cli.area
    import geo.cli.distance

    for module in (geo.cli.area, geo.cli.distance):
        monkeypatch.setattr(module, "load_gazetteer", lambda args: gazetteer)


def run_json(capsys, *argv: str) -> dict:
    code = main([*argv, "--json"])
    out, err = capsys.readouterr()
    assert code == 0, err
    return json.loads(out)


def feature(geometry: dict, **properties) -> dict:
    return {"type": "Feature", "geometry": geometry, "properties": properties}


def write_geojson(path, features: list[dict], crs: str | None = None):
    document: dict = {"type": "FeatureCollection", "features": features}
    if crs:
        document["crs"] = {"type": "name", "properties": {"name": crs}}
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


# --- the public names -----------------------------------------------------------------
def test_new_functions_are_exported():
    for name in ("measure_features", "place_distance", "parse_point", "read_batch", "geocode_rows"):
        assert name in geo.__all__ and callable(getattr(geo, name))
    for name in ("PlaceDistance", "AreaMeasure", "FileMeasure", "BatchRow"):
        assert name in geo.__all__ and dataclasses.is_dataclass(getattr(geo, name))


def test_results_are_frozen(gazetteer):
    distance = place_distance((15.0, 2.0), (16.0, 2.0))
    with pytest.raises(dataclasses.FrozenInstanceError):
        distance.km = 0.0  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        gazetteer.area("ml-region-menaka").area_km2 = 0.0  # type: ignore[misc]


# --- GeoJSON files --------------------------------------------------------------------
def test_measure_features_in_wgs84(tmp_path):
    square = shapely.box(2.0, 15.0, 3.0, 16.0)
    shifted = shapely.box(2.5, 15.0, 3.5, 16.0)  # overlaps the square by half
    path = write_geojson(
        tmp_path / "zones.geojson",
        [
            feature(shapely.geometry.mapping(square), name="north of Ménaka"),
            feature({"type": "Point", "coordinates": [2.4, 15.9]}, name="Tamalat well"),
            feature(shapely.geometry.mapping(shifted), name="east"),
            feature(None),
        ],
    )
    measured = measure_features(path)
    one = float(area_km2(square)[0])
    assert [f.name for f in measured.features] == ["north of Ménaka", "Tamalat well", "east", None]
    assert measured.features[0].area_km2 == pytest.approx(one, abs=1e-3)
    assert measured.features[1].area_km2 is None and measured.features[1].note == "a Point, no polygon: not measured"
    assert measured.features[3].note == "no geometry: not measured"
    assert measured.measured == 2
    assert measured.area_km2 == pytest.approx(one + float(area_km2(shifted)[0]), abs=1e-2)
    assert measured.union_km2 == pytest.approx(float(area_km2(shapely.union(square, shifted))[0]), abs=1e-2)
    assert any("features overlap" in line for line in measured.messages())
    assert measured.to_dict()["union_km2"] == measured.union_km2


def test_measure_features_agrees_with_geo_area(capsys, tmp_path):
    path = write_geojson(tmp_path / "one.json", [feature(shapely.geometry.mapping(shapely.box(2, 15, 3, 16)))])
    assert measure_features(path).to_dict() == run_json(capsys, "area", str(path))


def test_measure_features_in_a_projected_crs(tmp_path):
    # A 100 km x 100 km square in UTM zone 31N (EPSG:32631), around Ménaka.
    x, y = 435_000.0, 1_760_000.0
    utm = shapely.box(x, y, x + 100_000, y + 100_000).segmentize(1_000)
    path = write_geojson(tmp_path / "utm.geojson", [feature(shapely.geometry.mapping(utm))], crs="EPSG:32631")
    measured = measure_features(path)
    # UTM distorts lengths by its scale factor (0.9996 on the central meridian, a little
    # more off it): the true area lies within 0.2 % of 10,000 km².
    assert measured.area_km2 == pytest.approx(10_000, rel=2e-3)
    to_wgs84 = Transformer.from_crs("EPSG:32631", "EPSG:4326", always_xy=True)
    lonlat = shapely.transform(utm, lambda xy: __import__("numpy").column_stack(to_wgs84.transform(*xy.T)))
    assert measured.area_km2 == pytest.approx(float(area_km2(lonlat)[0]), abs=1e-2)
    # Without the crs member the same coordinates are refused, with the fix.
    bare = write_geojson(tmp_path / "bare.geojson", [feature(shapely.geometry.mapping(utm))])
    with pytest.raises(InputError, match=r"bare\.geojson, feature 1: .* the file looks projected"):
        measure_features(bare)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"type": "FeatureCollection",\n "features": [}', r"bad\.geojson, line 2, column 15: not valid JSON"),
        ("[1, 2]", r"bad\.geojson is JSON but not GeoJSON"),
        ('{"type": "FeatureCollection", "features": []}', r"bad\.geojson: the file holds no feature"),
        ('{"type": "Polygon", "coordinates": [], "crs": {"properties": {"name": "EPSG:999999"}}}', "unknown CRS"),
    ],
)
def test_measure_features_bad_files_name_file_line_and_column(tmp_path, content, message):
    path = tmp_path / "bad.geojson"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=message):
        measure_features(path)


def test_measure_features_missing_file(tmp_path):
    with pytest.raises(InputError, match=r"nothing\.geojson: no such file"):
        measure_features(tmp_path / "nothing.geojson")


# --- areas of the gazetteer -----------------------------------------------------------
def test_gazetteer_area_matches_geo_area(capsys, gazetteer):
    measured = gazetteer.area("ml-region-menaka")
    printed = run_json(capsys, "area", "ml-region-menaka")
    assert measured.area_km2 == pytest.approx(printed["area_km2"], abs=1e-3)
    assert measured.perimeter_km == pytest.approx(printed["perimeter_km"], abs=1e-3)
    assert measured.to_dict() == printed
    assert 70_000 < measured.area_km2 < 85_000  # the sources' "about 80,000 km²"
    assert (measured.name, measured.kind, measured.country) == ("Ménaka Region", "region", "ML")
    assert gazetteer.area("Région de Ménaka").id == "ml-region-menaka"


def test_gazetteer_area_by_shared_name_and_date(gazetteer):
    gao = gazetteer.area("Gao")
    assert gao.id == "ml-region-gao" and "also the name of the city Gao [ml-gao]" in gao.notes[0]
    old = gazetteer.area("Gao region", on="2014")
    assert (old.id, old.valid_to) == ("ml-region-gao-pre2016", "2016-01-18")
    assert old.area_km2 > gao.area_km2  # before 2016 it held today's Ménaka region
    with pytest.raises(AmbiguousPlaceError) as error:
        gazetteer.area("Gao region", on="2016")  # both outlines that year
    assert {p.id for p in error.value.candidates} == {"ml-region-gao", "ml-region-gao-pre2016"}
    with pytest.raises(PlaceNotFoundError, match="is not the outline of 2014"):
        gazetteer.area("ml-region-menaka", on="2014")


def test_gazetteer_area_refuses_points_and_unknown_names(gazetteer):
    with pytest.raises(PlaceNotFoundError, match=r"'ml-menaka' is the city Ménaka \[ml-menaka\], recorded as a point"):
        gazetteer.area("ml-menaka")
    with pytest.raises(PlaceNotFoundError, match="'Atlantis' names no area"):
        gazetteer.area("Atlantis")


def test_gazetteer_shape(gazetteer):
    region = gazetteer.shape("ml-region-menaka")
    assert region.geom_type in ("Polygon", "MultiPolygon")
    assert float(area_km2(region)[0]) == pytest.approx(gazetteer.area("ml-region-menaka").area_km2)
    town = gazetteer.place("ml-menaka")
    assert gazetteer.shape("ml-menaka").equals(shapely.Point(town.lon, town.lat))
    assert region.contains(gazetteer.shape("ml-menaka"))
    with pytest.raises(PlaceNotFoundError, match="no place has the id 'ml-atlantis'"):
        gazetteer.shape("ml-atlantis")


# --- distances ------------------------------------------------------------------------
def test_place_distance_tidermene_menaka(gazetteer):
    d = place_distance(gazetteer.place("ml-tidermene"), gazetteer.place("ml-menaka"))
    assert round(d.km, 1) == 77.5 and d.uncertainty_km == 7.0  # ±4 km and ±3 km
    assert (round(d.km_min, 1), round(d.km_max, 1)) == (70.5, 84.5)
    assert round(d.bearing_deg, 1) == 183.0 and d.direction == "S"
    assert gazetteer.distance("Tidermène", "Ménaka") == d
    assert gazetteer.distance("Tidarméné", "ml-menaka") == d


def test_place_distance_agrees_with_geo_distance(capsys, gazetteer):
    printed = run_json(capsys, "distance", "Konna", "Mopti")
    d = gazetteer.distance("Konna", "Mopti")
    assert {k: printed[k] for k in d.to_dict()} == d.to_dict()
    assert (printed["km"], printed["km_min"], printed["km_max"]) == (59.52, 52.52, 66.52)


def test_place_distance_of_points_and_relative_locations(gazetteer):
    exact = place_distance((15.0, 2.0), (16.0, 2.0))
    assert (round(exact.km, 3), exact.uncertainty_km, exact.km_min) == (110.654, 0.0, exact.km)
    same = place_distance((15.0, 2.0), (15.0, 2.0))
    assert same.km == 0.0 and same.bearing_deg is None and same.direction is None
    offset = gazetteer.lookup("75 km north of Ménaka")
    d = place_distance(offset, gazetteer.place("ml-menaka"))
    assert d.km == pytest.approx(75.0, abs=0.01) and d.uncertainty_km == pytest.approx(offset.uncertainty_km + 3.0)
    assert gazetteer.distance("75 km north of Ménaka", "15.9182N 2.4022E").km == pytest.approx(75.0, abs=0.01)
    with pytest.raises(InputError, match="latitude 95"):
        place_distance((95.0, 2.0), (15.0, 2.0))
    with pytest.raises(InputError, match=r"expected two \(lat, lon\) values"):
        place_distance((15.0, 2.0, 1.0), (15.0, 2.0))  # type: ignore[arg-type]


def test_gazetteer_distance_errors_name_the_query(gazetteer):
    with pytest.raises(
        PlaceNotFoundError, match=r"'Tidermeneeexx' was not found: .*did you mean Tidermène \[ml-tidermene\]"
    ):
        gazetteer.distance("Tidermeneeexx", "Ménaka")
    with pytest.raises(AmbiguousPlaceError, match="'Dioura' is ambiguous") as error:
        gazetteer.distance("Dioura", "Ménaka")
    assert len(error.value.candidates) >= 2


# --- points ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("15.9,2.4", (15.9, 2.4)),
        ("15.9 2.4", (15.9, 2.4)),
        ("14.48,-4.18", (14.48, -4.18)),
        ("15.9N 2.4E", (15.9, 2.4)),
        ("15.9 N, 0.5 W", (15.9, -0.5)),
        ("14.48N,4.18W", (14.48, -4.18)),
        ("N15.9 E2.4", (15.9, 2.4)),
        ("2.4E 15.9N", (15.9, 2.4)),  # the letters say which is which
        ("15°55′N 2°24′E", (15 + 55 / 60, 2.4)),
        ("15° 55′ N, 2° 24′ E", (15 + 55 / 60, 2.4)),
        ("15°55'30\"N 2°24'E", (15 + 55 / 60 + 30 / 3600, 2.4)),
        ("14°29′S 4°11′W", (-(14 + 29 / 60), -(4 + 11 / 60))),
    ],
)
def test_parse_point_forms(text, expected):
    assert parse_point(text) == pytest.approx(expected)


@pytest.mark.parametrize("text", ["Ménaka", "30 km N of Douentza", "In Chinnana", "Douentza 30km N"])
def test_parse_point_leaves_names_alone(text):
    assert parse_point(text) is None


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("15.9,,2.4", "'15.9,,2.4' is not a point: give latitude then longitude"),
        ("2014", "'2014' is not a point"),
        ("15.9N 2.4", "'15.9N 2.4': give a hemisphere letter to both coordinates or to neither"),
        ("15.9N 2.4N", "'15.9N 2.4N': one coordinate must be north or south"),
        ("-15.9S 2.4E", "'-15.9S' has both a sign and a hemisphere letter"),
        ("15°75′N 2°24′E", "minutes '75' in '15°75′N' must be below 60"),
        ("95N 2E", "'95N 2E': latitude 95.0 is out of range"),
        ("91,2", "latitude 91.0 is out of range"),
        ("nan,nan", "'nan,nan': latitude 'nan' is not a finite number"),
    ],
)
def test_parse_point_bad_input_names_the_value(text, message):
    with pytest.raises(InputError) as error:
        parse_point(text)
    assert message in str(error.value)


# --- batches --------------------------------------------------------------------------
def test_read_batch_and_geocode_rows(gazetteer, tmp_path):
    path = tmp_path / "incidents.csv"
    path.write_bytes(b"Query;admin2;extra\nDioura;T\xc3\xa9nenkou;x\nT\xe9ssit;;y\n;;z\nDioura;;\n")
    rows = read_batch(path)
    assert [(r.line, r.query) for r in rows] == [(2, "Dioura"), (3, "T\ufffdssit"), (4, ""), (5, "Dioura")]
    assert rows[1].problem == (
        f"{path}, line 3, column 'query': the text is not valid UTF-8 ('T\ufffdssit', bytes shown as U+FFFD); "
        "save the file as UTF-8"
    )
    records = list(geocode_rows(gazetteer, rows))
    assert [(r["row"], r["status"]) for r in records] == [(2, "ok"), (3, "error"), (4, "error"), (5, "ambiguous")]
    assert records[0]["id"] == "gn-2458636"
    with_option = list(geocode_rows(gazetteer, rows[3:], admin2="Ténenkou"))  # options fill empty cells
    assert with_option[0]["id"] == "gn-2458636"


def test_read_batch_refuses_a_file_without_query_column(tmp_path):
    path = tmp_path / "places.csv"
    path.write_text("name,admin1\nMénaka,Ménaka\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"places\.csv, line 1: no 'query' column \(found 'name', 'admin1'\)"):
        read_batch(path)
