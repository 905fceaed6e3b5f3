"""Every curated record, area and reference row checked, one test per record."""

from __future__ import annotations

import csv
import gzip
import json
from collections import defaultdict
from pathlib import Path

import pytest
import shapely

from geo import schema
from geo._resources import bundled_dir
from geo.measure import great_circle_km
from geo.names import admin_key, normalize

GAZETTEER = bundled_dir("gazetteer")
with (GAZETTEER / "places.csv").open(encoding="utf-8", newline="") as _handle:
    CURATED = list(csv.DictReader(_handle))
AREAS = json.loads((GAZETTEER / "areas.geojson").read_text(encoding="utf-8"))["features"]
COUNTRY_OUTLINES = {
    f["properties"]["country"]: shapely.from_geojson(json.dumps(f["geometry"]))
    for f in AREAS
    if f["properties"]["kind"] == "country"
}
CERCLES = {
    admin_key(name): shapely.from_geojson(json.dumps(f["geometry"]))
    for f in AREAS
    if f["properties"]["kind"] == "cercle"
    for name in [f["properties"]["name"], *f["properties"]["variants"].split("|")]
}
KM_PER_DEGREE = 111.0


def test_curated_tier_is_not_empty_and_has_the_documented_columns():
    assert len(CURATED) >= 100
    assert tuple(CURATED[0].keys()) == schema.PLACE_COLUMNS


def test_ids_are_unique_across_places_and_areas():
    ids = [row["id"] for row in CURATED] + [f["properties"]["id"] for f in AREAS]
    duplicates = {i for i in ids if ids.count(i) > 1}
    assert not duplicates


@pytest.mark.parametrize("row", CURATED, ids=lambda row: row["id"])
def test_curated_place_is_inside_its_country(row):
    outline = COUNTRY_OUTLINES.get(row["country"])
    if outline is None:
        pytest.skip(f"no outline for {row['country']} in the areas layer")
    point = shapely.Point(float(row["lon"]), float(row["lat"]))
    gap_km = outline.distance(point) * KM_PER_DEGREE
    assert gap_km <= max(float(row["uncertainty_km"]), 2.0), f"{gap_km:.1f} km outside {row['country']}"


@pytest.mark.parametrize("row", [r for r in CURATED if r["country"] == "ML" and r["admin2"]], ids=lambda r: r["id"])
def test_malian_place_is_in_its_cercle(row):
    cercle = CERCLES.get(admin_key(row["admin2"]))
    assert cercle is not None, f"admin2 {row['admin2']!r} is not a cercle of the areas layer"
    point = shapely.Point(float(row["lon"]), float(row["lat"]))
    assert cercle.distance(point) * KM_PER_DEGREE <= max(float(row["uncertainty_km"]), 5.0)


@pytest.mark.parametrize("row", [r for r in CURATED if r["geonames_id"]], ids=lambda r: r["id"])
def test_curated_place_agrees_with_geonames_unless_corrected(row, gazetteer):
    primary = row["geonames_id"].split(schema.MULTI_SEPARATOR)[0]
    try:
        reference = gazetteer.place(f"gn-{primary}")
    except LookupError:
        pytest.skip(f"GeoNames {primary} is not in the reference tier (country not covered)")
    distance = float(great_circle_km(float(row["lat"]), float(row["lon"]), reference.lat, reference.lon))
    if "corrected" in row["coord_source"]:
        assert row["note"], "a corrected coordinate must say why in the note"
        assert distance > float(row["uncertainty_km"]), "a correction that changes nothing is not one"
    else:
        assert distance <= float(row["uncertainty_km"]), f"{distance:.1f} km from GeoNames {primary}"


def test_no_variant_is_shared_by_two_far_apart_curated_places():
    by_key = defaultdict(list)
    for row in CURATED:
        for name in [row["name"], *row["variants"].split(schema.MULTI_SEPARATOR)]:
            if name.strip():
                by_key[normalize(name)].append(row)
    clashes = []
    for key, rows in by_key.items():
        for a in rows:
            for b in rows:
                if a["id"] < b["id"]:
                    d = float(great_circle_km(float(a["lat"]), float(a["lon"]), float(b["lat"]), float(b["lon"])))
                    if d > 25 + float(a["uncertainty_km"]) + float(b["uncertainty_km"]):
                        clashes.append((key, a["id"], b["id"], round(d)))
    assert not clashes


def test_tessit_sign_error_is_corrected(gazetteer):
    tessit = gazetteer.place("ml-tessit")
    assert tessit.lon > 0.2
    assert "10343856" in tessit.geonames_id
    assert gazetteer.geocode("Tessit").longitude > 0.2


@pytest.mark.parametrize("feature", AREAS, ids=lambda f: f["properties"]["id"])
def test_area_is_valid_and_fully_described(feature):
    props = feature["properties"]
    assert set(schema.AREA_PROPERTIES) <= set(props)
    geometry = shapely.from_geojson(json.dumps(feature["geometry"]))
    assert geometry.is_valid and not geometry.is_empty
    assert props["kind"] in schema.KINDS


def test_reference_keys_agree_with_the_normalisation():
    """The shipped keys were computed by geo.names.normalize: they must still match it."""
    lines = gzip.decompress((GAZETTEER / "reference" / "geonames.cols.gz").read_bytes()).decode().split("\n")
    assert lines[0] == schema.REFERENCE_FORMAT
    columns = dict(zip(schema.REFERENCE_COLUMNS, (line.split("\t") for line in lines[2:15]), strict=True))
    keys, variants = columns[schema.KEYS], columns[schema.VARIANTS]
    stale = [
        (v, k)
        for v, k in zip(variants, keys, strict=True)
        if not k or any(normalize(name) not in k.split("|") for name in v.split("|") if name)
    ]
    assert not stale[:5], "rebuild the reference tier: python gazetteer/scripts/build_reference.py --raw DIR"
    # The ready-made index lists exactly the records whose keys it names.
    index = dict(zip(lines[15].split("\t"), lines[16].split("\t"), strict=True))
    for row in range(0, len(keys), 997):
        for key in keys[row].split("|"):
            assert str(row) in index[key].split(",")


def test_reference_tier_covers_mali_and_its_neighbours(gazetteer):
    countries = {p.country for p in gazetteer.search("a", tier="reference", limit=None)}
    assert {"ML", "NE", "BF", "MR", "SN", "GN", "CI", "DZ"} <= countries


def test_bundled_load_takes_all_three_tiers(gazetteer):
    tiers = {p.tier for p in gazetteer.search("menaka", limit=None)}
    assert tiers == {"curated", "area", "reference"}
    assert len(gazetteer) > 100_000


def test_curated_doc_sources_are_document_ids():
    for row in CURATED:
        for doc in filter(None, row["cited_in"].split("|")):
            assert doc in {"000", "001", "002", "003", "004"}, (row["id"], doc)


def test_data_files_document_attribution():
    readme = (Path(GAZETTEER) / "README.md").read_text(encoding="utf-8")
    assert "GeoNames" in readme and "CC BY 4.0" in readme
