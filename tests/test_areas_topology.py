"""The shipped areas layer adds up: one topology per era (gazetteer/AREAS.md, "Topology").

Within each country the regions (and Mali's cercles, Burkina's provinces) tile the
country outline with no gap and no overlap, on every day of every era; neighbouring
countries do not overlap; border towns fall in one unit only. The checks read the
shipped ``areas.geojson`` only. Overlays run on the file's own 0.0001° grid: a
floating-point overlay would also see sub-metre slivers where a vertex rounded to
the grid sits a fraction of a grid step off a neighbour's straight edge.
"""

from __future__ import annotations

import json

import pytest
import shapely

from geo._resources import bundled_dir
from geo.areas import AREA_TOLERANCE_DEG
from geo.measure import area_km2

GRID = 1e-4  # the coordinate grid of areas.geojson (4 decimals)
TOLERANCE_KM2 = 0.01  # "zero": a hundredth of a km², on a 1.25 million km² country

FEATURES = json.loads((bundled_dir("gazetteer") / "areas.geojson").read_text(encoding="utf-8"))["features"]
PROPS = {f["properties"]["id"]: f["properties"] for f in FEATURES}
GEOMS = {f["properties"]["id"]: shapely.from_geojson(json.dumps(f["geometry"])) for f in FEATURES}

# one day in each era of Mali's regions, and the days around each change
DAYS = ["2010-01-01", "2016-01-18", "2016-01-19", "2020-06-30", "2023-03-12", "2023-03-13", "2025-01-01"]
# the cercles split between Tombouctou and the (approximate) Taoudénit region since 2016
SPLIT_BY_TAOUDENIT = {"ml-cercle-tombouctou", "ml-cercle-goundam"}


def km2(geometry) -> float:
    return float(area_km2(geometry)[0]) if not geometry.is_empty else 0.0


def valid_on(area_id: str, day: str) -> bool:
    p = PROPS[area_id]
    return (not p["valid_from"] or p["valid_from"] <= day) and (not p["valid_to"] or day <= p["valid_to"])


def units(kind: str, country: str, day: str) -> list[str]:
    return sorted(i for i, p in PROPS.items() if p["kind"] == kind and p["country"] == country and valid_on(i, day))


def overlap_km2(ids: list[str]) -> float:
    geoms = [GEOMS[i] for i in ids]
    tree = shapely.STRtree(geoms)
    total = 0.0
    for a, b in zip(*tree.query(geoms, predicate="intersects"), strict=True):
        if a < b:
            total += km2(shapely.intersection(geoms[a], geoms[b], grid_size=GRID))
    return total


def assert_tiles(outline_id: str, ids: list[str]) -> None:
    assert ids
    union = shapely.union_all([GEOMS[i] for i in ids], grid_size=GRID)
    outline = GEOMS[outline_id]
    gap = km2(shapely.difference(outline, union, grid_size=GRID))
    outside = km2(shapely.difference(union, outline, grid_size=GRID))
    assert gap < TOLERANCE_KM2, f"{gap:.3f} km² of {outline_id} in none of {len(ids)} units"
    assert outside < TOLERANCE_KM2, f"{outside:.3f} km² of the units outside {outline_id}"
    assert overlap_km2(ids) < TOLERANCE_KM2


def holders(lat: float, lon: float, day: str, kind: str) -> list[str]:
    point = shapely.Point(lon, lat)
    return sorted(i for i, p in PROPS.items() if p["kind"] == kind and valid_on(i, day) and GEOMS[i].covers(point))


# --- countries and eras ---------------------------------------------------------------------


def test_countries_do_not_overlap():
    countries = sorted(i for i, p in PROPS.items() if p["kind"] == "country")
    assert len(countries) == 8
    assert overlap_km2(countries) < TOLERANCE_KM2


@pytest.mark.parametrize("day", DAYS)
def test_mali_regions_tile_mali(day):
    assert_tiles("ml", units("region", "ML", day))


@pytest.mark.parametrize("day", DAYS)
def test_mali_cercles_tile_mali(day):
    assert_tiles("ml", units("cercle", "ML", day))


@pytest.mark.parametrize("day", DAYS)
def test_cercles_tile_their_region(day):
    """Each cercle valid on the day lies in exactly one region valid on that day (Tombouctou
    and Goundam, split at 18° N since 2016, in Tombouctou plus Taoudénit); with the two tilings
    above, every region is the union of its cercles."""
    regions = units("region", "ML", day)
    for cercle in units("cercle", "ML", day):
        inside = [
            r for r in regions if km2(shapely.difference(GEOMS[cercle], GEOMS[r], grid_size=GRID)) < TOLERANCE_KM2
        ]
        if cercle in SPLIT_BY_TAOUDENIT and day >= "2016-01-19":
            both = shapely.union(GEOMS["ml-region-tombouctou"], GEOMS["ml-region-taoudenit"], grid_size=GRID)
            assert km2(shapely.difference(GEOMS[cercle], both, grid_size=GRID)) < TOLERANCE_KM2
        else:
            assert len(inside) == 1, (cercle, inside)


def test_era_sizes():
    assert len(units("region", "ML", "2010-01-01")) == 9  # 8 regions + Bamako
    assert len(units("region", "ML", "2020-06-30")) == 11  # + Ménaka, Taoudénit
    assert len(units("region", "ML", "2025-01-01")) == 20  # 19 regions + Bamako
    assert len(units("cercle", "ML", "2010-01-01")) == 50  # 49 OCHA cercles + Bamako district
    assert len(units("cercle", "ML", "2020-06-30")) == 53  # Ménaka cercle -> 4 cercles


@pytest.mark.parametrize("country", ["NE", "BF"])
def test_niger_and_burkina_regions_tile_their_country(country):
    assert_tiles(country.lower(), units("region", country, "2025-01-01"))


def test_burkina_provinces_tile_burkina_and_nest_in_their_region():
    provinces = units("province", "BF", "2025-01-01")
    assert len(provinces) == 45
    assert_tiles("bf", provinces)
    for region in units("region", "BF", "2025-01-01"):
        assert_tiles(region, [p for p in provinces if PROPS[p]["parent"] == region])


# --- points near borders ----------------------------------------------------------------------


def test_a_point_that_was_in_a_gap_near_the_burkina_border_is_in_mopti():
    # 14.6191 N, 1.5422 W: inside Mali's outline but, before the topology fix, outside every
    # Malian region (so counted in Burkina Faso); Douentza cercle, Mopti region until 2023
    assert holders(14.6191, -1.5422, "2022-06-01", "country") == ["ml"]
    assert holders(14.6191, -1.5422, "2022-06-01", "region") == ["ml-region-mopti-pre2023"]
    assert holders(14.6191, -1.5422, "2024-06-01", "region") == ["ml-region-douentza"]
    assert holders(14.2147, -2.2564, "2022-06-01", "region") == ["ml-region-mopti-pre2023"]


def test_a_point_that_was_in_mopti_and_boucle_du_mouhoun_is_in_one_region():
    # was in both Mopti (OCHA) and Boucle du Mouhoun (Natural Earth); Natural Earth's national
    # outlines put it in Burkina Faso, so it goes there, and only there
    assert holders(13.5058, -3.2737, "2022-06-01", "country") == ["bf"]
    assert holders(13.5058, -3.2737, "2022-06-01", "region") == ["bf-region-boucle-du-mouhoun"]


def test_mauritanian_side_of_the_border_is_not_in_a_malian_region():
    # Inside Mauritania's outline; the OCHA cercles of Nara and Nioro used to reach over it
    for lat, lon in [(15.496, -6.5588), (15.4123, -9.9875)]:
        assert holders(lat, lon, "2022-06-01", "country") == ["mr"]
        assert holders(lat, lon, "2022-06-01", "region") == []


@pytest.mark.parametrize(
    ("town", "lat", "lon", "day", "region", "cercle"),
    [
        ("Koro", 14.064, -3.07539, "2022-06-01", "ml-region-mopti-pre2023", "ml-cercle-koro"),
        ("Koro", 14.064, -3.07539, "2024-06-01", "ml-region-bandiagara", "ml-cercle-koro"),
        ("Mondoro (Boulkessi area)", 14.67619, -1.95127, "2019-10-01", "ml-region-mopti-pre2023", "ml-cercle-douentza"),
        ("Ansongo", 15.6597, 0.5022, "2022-06-01", "ml-region-gao", "ml-cercle-ansongo"),
        ("Nioro du Sahel", 15.22932, -9.59277, "2022-06-01", "ml-region-kayes-pre2023", "ml-cercle-nioro"),
        ("Nioro du Sahel", 15.22932, -9.59277, "2024-06-01", "ml-region-nioro", "ml-cercle-nioro"),
        ("Ménaka", 15.9182, 2.4022, "2022-06-01", "ml-region-menaka", "ml-cercle-menaka"),
        ("Ménaka", 15.9182, 2.4022, "2015-06-01", "ml-region-gao-pre2016", "ml-cercle-menaka-pre2016"),
    ],
)
def test_border_towns(town, lat, lon, day, region, cercle):
    assert holders(lat, lon, day, "country") == ["ml"], town
    assert holders(lat, lon, day, "region") == [region], town
    assert holders(lat, lon, day, "cercle") == [cercle], town


def test_gogui_lies_on_the_border_line_and_goes_to_nioro_by_the_tolerance():
    # Gogui (GeoNames 2457077, Mali) sits about 0.3 km on Mauritania's side of the simplified
    # Natural Earth line: no Malian unit holds it, but the nearest one within the border
    # tolerance that stats and reverse geocoding apply (about 5 km) is Nioro cercle
    lat, lon = 15.68592, -9.32967
    assert holders(lat, lon, "2022-06-01", "region") == []
    point = shapely.Point(lon, lat)
    near = {i: GEOMS[i].distance(point) for i in units("cercle", "ML", "2022-06-01")}
    nearest = min(near, key=near.get)
    assert nearest == "ml-cercle-nioro" and near[nearest] < AREA_TOLERANCE_DEG


# --- the cercles of Ménaka region (approximate) -------------------------------------------------


def test_anderamboukane_is_in_its_approximate_cercle_in_2022():
    assert holders(15.4275, 3.0175, "2022-03-01", "cercle") == ["ml-cercle-anderamboukane"]
    assert holders(15.4275, 3.0175, "2022-03-01", "region") == ["ml-region-menaka"]
    assert holders(15.4275, 3.0175, "2015-03-01", "cercle") == ["ml-cercle-menaka-pre2016"]


@pytest.mark.parametrize(
    ("cercle", "seat"),
    [
        ("ml-cercle-menaka", (15.9182, 2.4022)),
        ("ml-cercle-anderamboukane", (15.4275, 3.0175)),
        ("ml-cercle-inekar", (15.95944, 3.14111)),
        ("ml-cercle-tidermene", (16.61756, 2.43948)),
    ],
)
def test_menaka_cercles_are_marked_approximate_and_hold_their_seat(cercle, seat):
    p = PROPS[cercle]
    assert p["parent"] == "ml-region-menaka" and p["valid_from"] == "2016-01-19" and not p["valid_to"]
    assert p["note"].startswith("APPROXIMATE") and "not an official boundary" in p["note"]
    assert "approximate" in p["source"] and not p["pcode"]
    assert GEOMS[cercle].contains(shapely.Point(seat[1], seat[0]))


def test_menaka_cercles_tile_the_region_and_the_old_cercle_ends_in_2016():
    new = ["ml-cercle-anderamboukane", "ml-cercle-inekar", "ml-cercle-menaka", "ml-cercle-tidermene"]
    assert_tiles("ml-region-menaka", new)
    old = PROPS["ml-cercle-menaka-pre2016"]
    assert old["valid_to"] == "2016-01-18" and old["pcode"] == "ML0704"
    assert_tiles("ml-region-menaka", ["ml-cercle-menaka-pre2016"])
