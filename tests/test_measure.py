"""Distances, bearings and areas (``geo.measure``) against independent computations,
and the ``geo distance`` and ``geo area`` commands."""

from __future__ import annotations

import json
import math
import subprocess
import sys

import numpy as np
import pytest
import shapely
from geographiclib.geodesic import Geodesic
from geopy.distance import geodesic as geopy_geodesic
from pyproj import Geod

from geo.cli import main
from geo.errors import InputError
from geo.measure import area_km2, compass_point, distance_matrix, geodesic, perimeter_km

WGS84 = Geod(ellps="WGS84")
A, F = 6378137.0, 1 / 298.257223563  # WGS84 semi-major axis (m) and flattening


@pytest.fixture(autouse=True)
def _loaded_once(monkeypatch, gazetteer):
    """The commands use the session's gazetteer instead of loading it on every call."""
    import geo.cli.area
    import geo.cli.distance

    for module in (geo.cli.area, geo.cli.distance):
        monkeypatch.setattr(module, "load_gazetteer", lambda args: gazetteer)


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


# --- distances and bearings ------------------------------------------------------
PAIRS = [
    ((15.9182, 2.4022), (16.61756, 2.43948)),  # Ménaka -> Tidermène
    ((14.4843, -4.18296), (14.94329, -3.89474)),  # Mopti -> Konna
    ((12.65, -8.0), (20.0, 3.5)),  # Bamako -> far north-east
    ((0.0, 0.0), (0.5, 179.5)),  # nearly antipodal
    ((-33.9, 18.4), (51.5, -0.13)),  # Cape Town -> London
]


@pytest.mark.parametrize(("a", "b"), PAIRS)
def test_geodesic_agrees_with_geopy_and_pyproj(a, b):
    km, bearing = geodesic(a[0], a[1], b[0], b[1])
    assert float(km) == pytest.approx(geopy_geodesic(a, b).km, abs=1e-6)  # 1 mm
    forward, _, metres = WGS84.inv(a[1], a[0], b[1], b[0])
    assert float(km) == pytest.approx(metres / 1000, abs=1e-9)
    assert float(bearing) == pytest.approx(forward % 360, abs=1e-9)


def test_geodesic_textbook_pair_flinders_peak_to_buninyong():
    """Vincenty's (1975) test line: 54,972.271 m at 306°52'05.37" (GRS80; WGS84 differs by < 1 mm)."""

    def dms(d: int, m: int, s: float) -> float:
        return math.copysign(abs(d) + m / 60 + s / 3600, d)

    km, bearing = geodesic(
        dms(-37, 57, 3.72030), dms(144, 25, 29.52440), dms(-37, 39, 10.15610), dms(143, 55, 35.38390)
    )
    assert float(km) * 1000 == pytest.approx(54_972.271, abs=0.002)
    assert float(bearing) == pytest.approx(dms(306, 52, 5.37), abs=1 / 3600 / 100)


@pytest.mark.parametrize(
    ("destination", "expected_deg", "point"),
    [((1.0, 0.0), 0.0, "N"), ((0.0, 1.0), 90.0, "E"), ((-1.0, 0.0), 180.0, "S"), ((0.0, -1.0), 270.0, "W")],
)
def test_bearings_at_the_equator(destination, expected_deg, point):
    km, bearing = geodesic(0.0, 0.0, *destination)
    assert float(bearing) == pytest.approx(expected_deg, abs=1e-9)
    assert compass_point(float(bearing)) == point
    assert 110 < float(km) < 112  # a degree, not 1 (degrees are never reported)


def test_distance_matrix_equals_elementwise_geodesic():
    rng = np.random.default_rng(7)
    lats1, lons1 = rng.uniform(10, 25, 7), rng.uniform(-12, 4, 7)
    lats2, lons2 = rng.uniform(10, 25, 5), rng.uniform(-12, 4, 5)
    km, bearing = distance_matrix(lats1, lons1, lats2, lons2)
    assert km.shape == bearing.shape == (7, 5)
    for i in range(7):
        for j in range(5):
            a, b = (lats1[i], lons1[i]), (lats2[j], lons2[j])
            assert km[i, j] == pytest.approx(geopy_geodesic(a, b).km, abs=1e-6)
            azimuth = Geodesic.WGS84.Inverse(a[0], a[1], b[0], b[1])["azi1"] % 360
            assert bearing[i, j] == pytest.approx(azimuth, abs=1e-7)
    assert ((bearing >= 0) & (bearing < 360)).all()


def test_distance_matrix_edges():
    km, _ = distance_matrix([15.0], [2.0], [15.0, np.nan], [2.0, 3.0])
    assert km.shape == (1, 2)
    assert km[0, 0] == 0.0
    assert np.isnan(km[0, 1])
    km, _ = distance_matrix([], [], [15.0], [2.0])
    assert km.shape == (0, 1)
    with pytest.raises(InputError, match=r"first set .* same length, not shapes \(2,\) and \(3,\)"):
        distance_matrix([1, 2], [1, 2, 3], [1], [1])
    with pytest.raises(InputError, match="second set"):
        distance_matrix([1], [1], [[1, 2]], [[1, 2]])


# --- areas ---------------------------------------------------------------------------
def quadrangle_km2(lat1: float, lat2: float, dlon: float) -> float:
    """Exact area between two parallels and two meridians on the WGS84 ellipsoid."""
    e = math.sqrt(F * (2 - F))
    b = A * (1 - F)

    def q(lat: float) -> float:
        s = math.sin(math.radians(lat))
        return s / (1 - e * e * s * s) + math.log((1 + e * s) / (1 - e * s)) / (2 * e)

    return b * b * math.radians(dlon) / 2 * (q(lat2) - q(lat1)) / 1e6


def ring_by_ring_km2(geometry) -> float:
    total = 0.0
    for part in shapely.get_parts(geometry):
        total += abs(WGS84.polygon_area_perimeter(*part.exterior.coords.xy)[0])
        total -= sum(abs(WGS84.polygon_area_perimeter(*ring.coords.xy)[0]) for ring in part.interiors)
    return total / 1e6


def test_area_of_a_degree_box_matches_the_ellipsoidal_formula():
    # Along the parallels (densified edges), the box is the analytic quadrangle.
    box = shapely.segmentize(shapely.box(2.0, 15.0, 3.0, 16.0), 0.001)
    assert float(area_km2(box)[0]) == pytest.approx(quadrangle_km2(15.0, 16.0, 1.0), rel=1e-6)
    # With four vertices the edges are geodesics, which Geod measures ring by ring.
    plain = shapely.box(2.0, 15.0, 3.0, 16.0)
    assert float(area_km2(plain)[0]) == pytest.approx(ring_by_ring_km2(plain), rel=1e-12)
    assert float(area_km2(plain)[0]) == pytest.approx(quadrangle_km2(15.0, 16.0, 1.0), rel=1e-4)


def test_area_of_a_large_box_is_not_square_degrees():
    box = shapely.segmentize(shapely.box(-12.0, 5.0, 8.0, 25.0), 0.01)
    assert float(area_km2(box)[0]) == pytest.approx(quadrangle_km2(5.0, 25.0, 20.0), rel=1e-6)


def test_area_holes_parts_and_orientation():
    outer = shapely.box(2.0, 15.0, 3.0, 16.0)
    hole = shapely.box(2.4, 15.4, 2.6, 15.6)
    holed = shapely.Polygon(outer.exterior.coords, [hole.exterior.coords])
    expected = float(area_km2(outer)[0] - area_km2(hole)[0])
    assert float(area_km2(holed)[0]) == pytest.approx(expected, rel=1e-9)
    assert float(area_km2(holed)[0]) == pytest.approx(ring_by_ring_km2(holed), rel=1e-9)
    # Orientation of either ring does not matter.
    flipped = shapely.Polygon(outer.exterior.coords[::-1], [hole.exterior.coords[::-1]])
    assert float(area_km2(flipped)[0]) == pytest.approx(expected, rel=1e-9)
    multi = shapely.MultiPolygon([holed, shapely.box(5.0, 15.0, 5.5, 15.5)])
    assert float(area_km2(multi)[0]) == pytest.approx(expected + float(area_km2(shapely.box(5.0, 15.0, 5.5, 15.5))[0]))
    collection = shapely.GeometryCollection([holed, shapely.LineString([(0, 0), (1, 0), (1, 1)]), shapely.Point(0, 0)])
    assert float(area_km2(collection)[0]) == pytest.approx(expected)  # a line is not closed into a ring
    values = area_km2([holed, shapely.Point(2, 15), shapely.LineString([(2, 15), (3, 16)]), None, shapely.Polygon()])
    assert values[0] == pytest.approx(expected)
    assert values[1:].tolist() == [0.0, 0.0, 0.0, 0.0]


def test_perimeter_is_the_sum_of_geodesic_sides():
    box = shapely.box(2.0, 15.0, 3.0, 16.0)
    sides = geodesic([15, 15, 16, 16], [2, 3, 3, 2], [15, 16, 16, 15], [3, 3, 2, 2])[0]
    assert float(perimeter_km(box)[0]) == pytest.approx(float(sides.sum()), rel=1e-9)
    hole = shapely.box(2.4, 15.4, 2.6, 15.6)
    holed = shapely.Polygon(box.exterior.coords, [hole.exterior.coords])
    assert float(perimeter_km(holed)[0]) == pytest.approx(float(perimeter_km([box, hole]).sum()))  # holes count


# --- geo distance --------------------------------------------------------------------
def test_distance_text(capsys):
    code, out, err = run(capsys, "distance", "Tidermène", "Ménaka")
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0].startswith("from: Tidermène [ml-tidermene]") and "±4 km" in lines[0]
    assert lines[1].startswith("to:   Ménaka [ml-menaka]") and "15.91820, 2.40220" in lines[1]
    assert lines[2].startswith("77.5 km ± 7 km (70.5 to 84.5 km), initial bearing 183.0° (S)")


def test_distance_json_contract(capsys, gazetteer):
    code, out, err = run(capsys, "distance", "Tidarméné", "ml-menaka", "--json")
    assert code == 0, err
    (line,) = out.splitlines()
    record = json.loads(line)
    assert {"from", "to", "km", "bearing_deg", "km_min", "km_max", "direction", "uncertainty_km"} <= set(record)
    for end, query, place_id in (
        (record["from"], "Tidarméné", "ml-tidermene"),
        (record["to"], "ml-menaka", "ml-menaka"),
    ):
        place = gazetteer.place(place_id)
        assert end["query"] == query
        assert end["id"] == place_id and end["name"] == place.name
        assert (end["lat"], end["lon"], end["uncertainty_km"]) == (place.lat, place.lon, place.uncertainty_km)
    expected = geopy_geodesic((16.61756, 2.43948), (15.9182, 2.4022)).km
    assert 77 < record["km"] < 78
    assert record["km"] == pytest.approx(expected, abs=1e-3)
    assert record["uncertainty_km"] == 7.0
    assert record["km_min"] == pytest.approx(record["km"] - 7) and record["km_max"] == pytest.approx(record["km"] + 7)
    assert 180 < record["bearing_deg"] < 186 and record["direction"] == "S"


def test_distance_between_points(capsys):
    code, out, _ = run(capsys, "distance", "15.9,2.4", "16.9N, 2.4E", "--json")
    assert code == 0
    record = json.loads(out)
    assert record["from"] == {
        "query": "15.9,2.4",
        "id": None,
        "name": None,
        "lat": 15.9,
        "lon": 2.4,
        "uncertainty_km": 0,
    }
    assert record["to"]["lat"] == 16.9
    assert record["km"] == pytest.approx(geopy_geodesic((15.9, 2.4), (16.9, 2.4)).km, abs=1e-3)
    assert record["bearing_deg"] == 0.0 and record["direction"] == "N"
    assert record["km_min"] == record["km"] == record["km_max"]
    code, out, _ = run(capsys, "distance", "15.9,2.4", "15.9,2.4")
    assert code == 0 and "the same point" in out


def test_distance_relative_location(capsys):
    code, out, _ = run(capsys, "distance", "75 km north of Ménaka", "Ménaka", "--json")
    assert code == 0
    record = json.loads(out)
    assert record["from"]["relative"]["anchor"] == "ml-menaka"
    assert record["km"] == pytest.approx(75.0, abs=0.01)
    assert record["direction"] == "S"
    assert record["uncertainty_km"] > 40  # the offset's spread is carried


def test_distance_unknown_place_suggests_close_names(capsys):
    code, out, err = run(capsys, "distance", "Tidermeneeexx", "Ménaka")
    assert code == 1 and out == ""
    assert "'Tidermeneeexx' was not found" in err
    # the area Tidermène Cercle (approximate, since 2016: gazetteer/AREAS.md) is a close name too
    assert "did you mean Tidermène [ml-tidermene] or Tidermène Cercle [ml-cercle-tidermene]?" in err
    code, _, err = run(capsys, "distance", "ml-menak", "Ménaka")
    assert code == 1 and "'ml-menaka'" in err
    assert "Traceback" not in err


def test_distance_ambiguous_place_lists_candidates(capsys):
    code, out, err = run(capsys, "distance", "Dioura", "Ménaka")
    assert code == 1 and out == ""
    assert "'Dioura' is ambiguous" in err
    assert "gn-2458636" in err and "gn-2458637" in err
    code, out, _ = run(capsys, "distance", "gn-2458636", "Ménaka", "--json")
    assert code == 0 and json.loads(out)["from"]["id"] == "gn-2458636"


@pytest.mark.parametrize(
    ("point", "message"),
    [
        ("15.9,,2.4", "'15.9,,2.4' is not a point: give latitude then longitude"),
        ("95,2", "latitude 95.0 is out of range [-90, 90]"),
        ("15.9,200", "longitude 200.0 is out of range [-180, 180]"),
    ],
)
def test_distance_bad_points_are_usage_errors(capsys, point, message):
    code, out, err = run(capsys, "distance", point, "Ménaka")
    assert code == 2 and out == ""
    assert message in err
    assert "Traceback" not in err


def test_distance_swapped_point_warns(capsys):
    code, _, err = run(capsys, "distance", "2.4,15.9", "Ménaka")
    assert code == 0
    assert "are latitude and longitude swapped?" in err


# --- geo area ------------------------------------------------------------------------
def test_area_of_a_gazetteer_region(capsys, gazetteer):
    code, out, err = run(capsys, "area", "ml-region-menaka", "--json")
    assert code == 0, err
    record = json.loads(out)
    expected = float(area_km2(gazetteer.areas.geometry("ml-region-menaka"))[0])
    assert record["area_km2"] == pytest.approx(expected, abs=1e-3)
    assert record["id"] == "ml-region-menaka" and record["name"] == "Ménaka Region"
    assert record["valid_from"] == "2016-01-19" and record["valid_to"] is None
    assert record["perimeter_km"] == pytest.approx(float(perimeter_km(gazetteer.areas.geometry("ml-region-menaka"))[0]))


@pytest.mark.parametrize("name", ["Ménaka region", "Region de Menaka", "Menaka Region"])
def test_area_by_name(capsys, name):
    code, out, err = run(capsys, "area", name, "--json")
    assert code == 0
    assert json.loads(out)["id"] == "ml-region-menaka"
    assert err == ""  # the name said which area: nothing to warn about


def test_area_name_shared_with_a_town_means_the_area_and_says_so(capsys):
    code, out, err = run(capsys, "area", "Gao")
    assert code == 0
    assert out.startswith("Gao Region [ml-region-gao] (region, ML, 2016-01-19 to now)")
    assert "also the name of the city Gao [ml-gao]" in err
    assert "ml-region-gao-pre2016" in err and "ml-cercle-gao" in err  # the other areas of that name


def test_area_text_and_actor_options_warning(capsys):
    code, out, err = run(capsys, "area", "Cercle de Bankass", "--at", "2022-06")
    assert code == 0
    assert out.startswith("Bankass Cercle [ml-cercle-bankass]")
    assert "km²" in out and "geodesic" in out
    assert "--at applies to actors only and was ignored" in err


def test_area_errors(capsys):
    code, _, err = run(capsys, "area", "ml-menaka")
    assert code == 1
    assert "recorded as a point" in err and "ml-region-menaka" in err
    code, _, err = run(capsys, "area", "Gourma")
    assert code == 1
    assert "area-gourma-mali" in err and "bf-province-gourma" in err
    code, _, err = run(capsys, "area", "Xyzzyville")
    assert code in (1, 2)
    assert "'Xyzzyville'" in err and "Traceback" not in err


def write(tmp_path, name: str, document) -> str:
    path = tmp_path / name
    path.write_text(document if isinstance(document, str) else json.dumps(document), encoding="utf-8")
    return str(path)


def feature(geometry, **properties) -> dict:
    return {"type": "Feature", "properties": properties, "geometry": geometry}


def test_area_of_a_geojson_file(capsys, tmp_path):
    square = shapely.box(2.0, 15.0, 3.0, 16.0)
    other = shapely.box(5.0, 15.0, 5.5, 15.5)
    path = write(
        tmp_path,
        "zones.geojson",
        {
            "type": "FeatureCollection",
            "features": [
                feature(shapely.geometry.mapping(square), name="square"),
                feature({"type": "Point", "coordinates": [2.4, 15.9]}, name="a well"),
                feature(None, name="nowhere"),
                feature(shapely.geometry.mapping(shapely.MultiPolygon([other])), name="other"),
            ],
        },
    )
    code, out, err = run(capsys, "area", path, "--json")
    assert code == 0, err
    record = json.loads(out)
    rows = record["features"]
    assert [r["name"] for r in rows] == ["square", "a well", "nowhere", "other"]
    assert rows[0]["area_km2"] == pytest.approx(float(area_km2(square)[0]), abs=1e-3)
    assert rows[1]["area_km2"] is None and "Point" in rows[1]["note"]
    assert rows[2]["area_km2"] is None and "no geometry" in rows[2]["note"]
    assert record["measured"] == 2
    assert record["area_km2"] == pytest.approx(float(area_km2([square, other]).sum()), abs=1e-2)
    assert "union_km2" not in record
    assert "feature 2: a Point, no polygon" in err and "feature 3: no geometry" in err
    code, out, _ = run(capsys, "area", path)
    assert code == 0
    assert out.splitlines()[-1].startswith("total\t2 polygon feature(s)\t")


def test_area_of_overlapping_and_invalid_features(capsys, tmp_path):
    bowtie = {"type": "Polygon", "coordinates": [[[0, 0], [1, 1], [1, 0], [0, 1], [0, 0]]]}
    path = write(
        tmp_path,
        "odd.json",
        {
            "type": "FeatureCollection",
            "features": [
                feature(bowtie),
                feature(shapely.geometry.mapping(shapely.box(0, 0, 1, 1))),
                feature({"type": "Polygon", "coordinates": "nonsense"}),
            ],
        },
    )
    code, out, err = run(capsys, "area", path, "--json")
    assert code == 1  # one feature could not be read; the others are still measured
    record = json.loads(out)
    box = float(area_km2(shapely.box(0, 0, 1, 1))[0])
    assert record["features"][0]["area_km2"] == pytest.approx(box / 2, rel=1e-3)  # two triangles, not zero
    assert "make_valid" in record["features"][0]["note"]
    assert "cannot be read" in record["features"][2]["problem"]
    assert record["union_km2"] == pytest.approx(box, rel=1e-6)
    assert "features overlap" in err


def test_area_geojson_with_a_crs_member_is_reprojected(capsys, tmp_path):
    square = {"type": "Polygon", "coordinates": [[[0, 0], [100_000, 0], [100_000, 100_000], [0, 100_000], [0, 0]]]}
    document = {
        "type": "FeatureCollection",
        "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::3857"}},
        "features": [feature(square)],
    }
    code, out, _ = run(capsys, "area", write(tmp_path, "mercator.geojson", document), "--json")
    assert code == 0
    assert 9_800 < json.loads(out)["area_km2"] < 10_000  # Web Mercator's scale is 1 only on the equator
    del document["crs"]
    code, _, err = run(capsys, "area", write(tmp_path, "projected.geojson", document))
    assert code == 2
    assert "looks projected" in err


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            '{"type": "FeatureCollection",\n "features": [\n  {"type": "Feature" "properties": {}}\n]}\n',
            "line 3, column 22",
        ),
        ("[1, 2]", "is JSON but not GeoJSON"),
        ('{"type": "Topology"}', "unknown GeoJSON type 'Topology'"),
        ('{"type": "FeatureCollection", "features": []}', "holds no feature"),
    ],
)
def test_area_bad_files(capsys, tmp_path, content, message):
    path = write(tmp_path, "bad.geojson", content)
    code, out, err = run(capsys, "area", path)
    assert code == 2 and out == ""
    assert f"geo area: error: {path}" in err and message in err
    assert "Traceback" not in err


def test_area_missing_file(capsys, tmp_path):
    code, _, err = run(capsys, "area", str(tmp_path / "nothing.geojson"))
    assert code == 2
    assert "nothing.geojson: no such file" in err


def test_subcommand_modules_import_nothing_heavy():
    code = (
        "import sys, geo.cli.area, geo.cli.distance; "
        "print(sorted(m for m in ('numpy', 'shapely', 'pyproj', 'geopandas', 'geopy') if m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_commands_take_another_gazetteer(capsys, monkeypatch, tiny):
    import geo.cli._options
    import geo.cli.area
    import geo.cli.distance

    for module in (geo.cli.area, geo.cli.distance):
        monkeypatch.setattr(module, "load_gazetteer", geo.cli._options.load_gazetteer)
    folder = str(tiny.directory)
    code, out, err = run(capsys, "distance", "Alfa", "ne-gamma", "--gazetteer", folder, "--json")
    assert code == 0, err
    record = json.loads(out)
    assert (record["from"]["id"], record["to"]["id"], record["direction"]) == ("ml-alpha", "ne-gamma", "E")
    assert record["km"] == pytest.approx(geopy_geodesic((15.0, 1.0), (15.0, 4.0)).km, abs=1e-3)
    assert record["uncertainty_km"] == 3.0
    code, _, err = run(capsys, "area", "Alpha", "--gazetteer", folder)
    assert code in (1, 2)
    assert "'Alpha' is the town Alpha [ml-alpha], recorded as a point" in err


# --- the scalar fast path and the batch of pairs (issue 18) ------------------------------
def test_scalar_geodesic_is_the_array_geodesic():
    rng = np.random.default_rng(18)
    points = rng.uniform([-80, -179, -80, -179], [80, 179, 80, 179], size=(200, 4))
    km, bearing = geodesic(points[:, 0], points[:, 1], points[:, 2], points[:, 3])
    for i, (lat1, lon1, lat2, lon2) in enumerate(points.tolist()):
        one_km, one_bearing = geodesic(lat1, lon1, lat2, lon2)
        assert isinstance(one_km, np.float64) and isinstance(one_bearing, np.float64)
        assert (one_km, one_bearing) == (km[i], bearing[i])
    assert geodesic(np.float64(15.0), 2, 16, 2)[0] == geodesic(15.0, 2.0, 16.0, 2.0)[0]
    assert np.isnan(geodesic(float("nan"), 2.0, 16.0, 2.0)[0])
    assert geodesic(True, 2.0, 16.0, 2.0)[0].shape == ()  # a bool is no number: the array path


def _pairs(tmp_path, text: str) -> str:
    path = tmp_path / "pairs.csv"
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_distance_batch_matches_the_single_command(capsys, tmp_path):
    path = _pairs(tmp_path, 'from,to\nTidermène,Ménaka\n"16.6,2.4",ml-menaka\nTidarméné,Ménaka\n')
    code, out, err = run(capsys, "distance", "--batch", path, "--json")
    assert code == 0 and err == ""
    rows = [json.loads(line) for line in out.splitlines()]
    assert [r["row"] for r in rows] == [2, 3, 4]
    _, single, _ = run(capsys, "distance", "Tidermène", "Ménaka", "--json")
    single = json.loads(single)
    first = rows[0]
    assert (first["from_id"], first["to_id"], first["status"]) == ("ml-tidermene", "ml-menaka", "ok")
    for key in ("km", "bearing_deg", "uncertainty_km", "km_min", "km_max", "direction"):
        assert first["distance_km" if key == "km" else key] == single[key]
    assert (rows[1]["from_id"], rows[1]["from_lat"], rows[1]["uncertainty_km"]) == (None, 16.6, 3.0)
    assert rows[2]["distance_km"] == first["distance_km"]  # another spelling, the same place


def test_distance_batch_csv_and_numeric_columns(capsys, tmp_path):
    path = _pairs(tmp_path, "id;from_lat;from_lon;to_lat;to_lon\na;15;2;16;2\nb;15.9;2.4;15.9;2.4\n")
    code, out, _ = run(capsys, "distance", "--batch", path)
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split(",")[:3] == ["row", "from", "to"]
    assert lines[1].endswith(",110.654,0.0,N,0.0,110.654,110.654,ok,")
    assert ",0.0,,,0.0,0.0,0.0,ok," in lines[2]  # the same point: no bearing


def test_distance_batch_errors_name_file_line_column_and_value(capsys, tmp_path):
    path = _pairs(tmp_path, "from,to\nAtlantis,Ménaka\nMénaka,Gao\n=1+2,Gao\nMénaka\n")
    code, out, err = run(capsys, "distance", "--batch", path)
    assert code == 1
    assert f"{path}, line 2, column 'from': 'Atlantis' was not found" in err
    assert f"{path}, line 5: the row has fewer cells than the header (2)" in err
    assert "3 of 4 pairs from" in err
    rows = out.splitlines()
    assert rows[2].startswith("3,Ménaka,Gao,ml-menaka,ml-gao,") and rows[2].endswith(",ok,")
    assert rows[3].startswith("4,'=1+2,Gao,")  # neutralised for spreadsheets
    bad = _pairs(tmp_path, "from_lat,from_lon,to_lat,to_lon\n15,2,95,2\n15,x,16,2\n")
    code, _, err = run(capsys, "distance", "--batch", bad)
    assert code == 1
    assert f"{bad}, line 2, column 'to_lat': 95 is out of range" in err
    assert f"{bad}, line 3, column 'from_lon': 'x' is not a number" in err


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("a,b\n1,2\n", "line 1: no 'from' column (found 'a', 'b')"),
        ("from,to,to\nx,y,z\n", "line 1: column(s) named twice: to"),
        ("", "is empty"),
    ],
)
def test_distance_batch_unusable_file_is_a_usage_error(capsys, tmp_path, text, message):
    code, out, err = run(capsys, "distance", "--batch", _pairs(tmp_path, text))
    assert (code, out) == (2, "")
    assert message in err and "Traceback" not in err


def test_distance_batch_and_arguments_are_exclusive(capsys, tmp_path):
    code, _, err = run(capsys, "distance", "Gao", "--batch", _pairs(tmp_path, "from,to\n"))
    assert code == 2 and "not both" in err
    code, _, err = run(capsys, "distance", "Gao")
    assert code == 2 and "give two places" in err


def test_measure_pairs_resolves_each_distinct_name_once(tmp_path, gazetteer, monkeypatch):
    from geo import _locate
    from geo.batch import measure_pairs

    calls: list[str] = []
    real = _locate.locate

    def counting(g, text):
        calls.append(text)
        return real(g, text)

    monkeypatch.setattr(_locate, "locate", counting)
    path = _pairs(tmp_path, "from,to\n" + "Ménaka,Gao\nGao,Ménaka\n" * 500)
    batch = measure_pairs(path, gazetteer)
    assert len(batch) == 1000 and not batch.problems
    assert sorted(calls) == ["Gao", "Ménaka"]
    assert batch.km[0] == batch.km[1] and abs(batch.bearing_deg[0] - batch.bearing_deg[1]) > 170


# --- one definition of distance with uncertainty (issue 17) ------------------------------
def test_uncertainty_range_scalars_and_arrays():
    from geo.measure import uncertainty_range

    assert uncertainty_range(59.52, 3.0, 4.0) == (7.0, pytest.approx(52.52), pytest.approx(66.52))
    assert uncertainty_range(2.0, 4.0, 3.0) == (7.0, 0.0, 9.0)  # never below 0
    assert all(type(v) is float for v in uncertainty_range(np.float64(10.0), 1, 2))
    u, low, high = uncertainty_range(np.array([10.0, 1.0, np.nan]), np.array([1.0, 1.0, 1.0]), 2.0)
    assert u.tolist() == [3.0, 3.0, 3.0] and low[:2].tolist() == [7.0, 0.0] and high[:2].tolist() == [13.0, 4.0]
    assert np.isnan(low[2]) and np.isnan(high[2])


def test_command_gazetteer_and_check_measure_alike(capsys, gazetteer):
    """``geo distance``, ``Gazetteer.distance`` and ``geo check`` give the same numbers: one definition."""
    from geo.check import check_assertions
    from geo.measure import place_distance
    from geo.records import load_records

    konna, mopti = gazetteer.place("ml-konna"), gazetteer.place("ml-mopti")
    measured = place_distance(mopti, konna)
    assert gazetteer.distance("ml-mopti", "Konna") == measured
    _, out, _ = run(capsys, "distance", "ml-mopti", "ml-konna", "--json")
    record = json.loads(out)
    assert {k: record[k] for k in measured.to_dict()} == measured.to_dict()
    records = load_records(gazetteer=gazetteer)
    [checked] = check_assertions(records, gazetteer, ids=["asr-konna-mopti"], influence=None)
    assert (checked.computed, checked.computed_low, checked.computed_high) == (
        round(measured.km, 1),
        round(measured.km_min, 1),
        round(measured.km_max, 1),
    )
    assert checked.computed_text.endswith(f", {measured.direction}")
