"""Curated points checked against GeoNames and OpenStreetMap, and the OSM tier's loader.

Runs the core of ``gazetteer/scripts/check_curated.py`` on the shipped gazetteer (never
on the raw data): every curated place must lie within its own ``uncertainty_km`` of its
GeoNames record and of the nearest same-name OSM place, except the documented
exceptions below.
"""

from __future__ import annotations

import gzip
import importlib.util
import sys
from pathlib import Path

import pytest

from geo import schema
from geo._resources import bundled_dir
from geo._store import read_osm
from geo.errors import DataError
from geo.measure import geodesic
from geo.names import normalize

GAZETTEER = bundled_dir("gazetteer")
SCRIPT = Path(__file__).resolve().parents[1] / "gazetteer" / "scripts" / "check_curated.py"

# (place id, source) pairs allowed to disagree, each with its reason (gazetteer/README.md).
EXCEPTIONS = {
    # GeoNames 10343856 has a sign error on the longitude; the row is "geonames corrected"
    # and OSM node 2160169823 (Tessit, 1.3 km away) confirms the corrected point.
    ("ml-tessit", "geonames"): "sign error in GeoNames 10343856, corrected",
}


@pytest.fixture(scope="module")
def check():
    if not SCRIPT.exists():
        pytest.skip("the gazetteer scripts are not in this checkout")
    spec = importlib.util.spec_from_file_location("check_curated", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclass looks itself up there
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def comparisons(check):
    return check.compare(GAZETTEER)


@pytest.fixture(scope="module")
def osm():
    return read_osm(GAZETTEER / "reference" / "osm.cols.gz")


def test_no_curated_point_disagrees_with_geonames_or_osm_beyond_its_radius(comparisons):
    bad = [
        (c.id, c.source, c.source_id, c.distance_km, c.uncertainty_km)
        for c in comparisons
        if c.disagrees and (c.id, c.source) not in EXCEPTIONS
    ]
    assert not bad


def test_the_documented_exceptions_still_hold_and_are_confirmed_by_the_other_source(comparisons):
    by_pair = {(c.id, c.source): c for c in comparisons}
    for place_id, source in EXCEPTIONS:
        assert by_pair[(place_id, source)].disagrees, f"{place_id}: exception no longer needed"
        other = by_pair[(place_id, "osm" if source == "geonames" else "geonames")]
        assert not other.disagrees


def test_the_check_covers_most_curated_places_and_both_sources(comparisons):
    sources = {c.source for c in comparisons}
    assert sources == {"geonames", "osm"}
    assert len({c.id for c in comparisons}) >= 80
    assert sum(c.source == "osm" for c in comparisons) >= 60


def test_talataye_sits_on_its_osm_node(comparisons, gazetteer):
    talataye = gazetteer.place("ml-talataye")
    assert talataye.coord_source == "osm"
    assert (round(talataye.lat, 3), round(talataye.lon, 3)) == (16.532, 1.518)
    (osm_check,) = [c for c in comparisons if c.id == "ml-talataye"]
    assert osm_check.source_id == "2555339078" and osm_check.distance_km < 0.1
    # about 68 km NNE of the former estimate (16.0 N, 1.2 E)
    km, bearing = geodesic(16.0, 1.2, talataye.lat, talataye.lon)
    assert 60 < float(km) < 75 and 0 < float(bearing) < 45


def test_table_names_every_disagreement(check, comparisons):
    text = check.table([c for c in comparisons if c.disagrees])
    assert "ml-tessit" in text and "10343856" in text


# --- the OSM tier's loader ------------------------------------------------------------


def test_osm_tier_loads_into_records(osm):
    assert len(osm) > 20_000
    assert tuple(osm[0]) == schema.OSM_COLUMNS
    assert {r[schema.KIND] for r in osm} == set(schema.OSM_KINDS)
    assert {r[schema.COUNTRY] for r in osm} == {"ML", "NE", "BF", "MR"}
    assert {r[schema.SOURCE] for r in osm} == {"osm"}
    ids = [int(r[schema.OSM_ID]) for r in osm]
    assert ids == sorted(ids) and len(set(ids)) == len(ids)
    assert all(isinstance(r[schema.LAT], float) and isinstance(r[schema.POPULATION], int) for r in osm[:100])
    assert all(r[schema.NAME] for r in osm)


def test_osm_record_fields(osm):
    (talataye,) = [r for r in osm if r[schema.OSM_ID] == "2555339078"]
    assert talataye[schema.NAME] == "Talataye" and talataye[schema.KIND] == "village"
    assert talataye[schema.COUNTRY] == "ML"
    assert (talataye[schema.LAT], talataye[schema.LON]) == (16.53167, 1.51819)
    assert normalize("Talataye") in talataye[schema.KEYS]
    bamako = [r for r in osm if r[schema.NAME] == "Bamako" and r[schema.KIND] == "city"]
    assert bamako and bamako[0][schema.POPULATION] > 1_000_000


def test_osm_keys_agree_with_the_normalisation(osm):
    stale = [
        r[schema.OSM_ID]
        for r in osm[::50]
        if any(normalize(n) not in r[schema.KEYS] for n in (r[schema.NAME], *r[schema.VARIANTS]) if normalize(n))
    ]
    assert not stale, "rebuild the OSM tier: python gazetteer/scripts/build_osm.py --raw DIR"


def test_osm_index_lists_the_records_carrying_each_key():
    lines = gzip.decompress((GAZETTEER / "reference" / "osm.cols.gz").read_bytes()).decode().split("\n")
    count = len(schema.OSM_COLUMNS)
    keys_column = lines[2 + schema.OSM_COLUMNS.index(schema.KEYS)].split("\t")
    index = dict(zip(lines[2 + count].split("\t"), lines[3 + count].split("\t"), strict=True))
    for row in range(0, len(keys_column), 499):
        for key in keys_column[row].split("|"):
            assert str(row) in index[key].split(",")


def test_osm_loader_rejects_a_missing_or_foreign_file(tmp_path):
    with pytest.raises(DataError, match=r"build_osm\.py"):
        read_osm(tmp_path / "osm.cols.gz")
    (tmp_path / "osm.cols.gz").write_bytes(gzip.compress(b"something else\n"))
    with pytest.raises(DataError, match="expected format"):
        read_osm(tmp_path / "osm.cols.gz")


def test_osm_tier_answers_and_can_be_left_out():
    from geo import Gazetteer

    with_osm = Gazetteer.load()
    without = Gazetteer.load(osm=False)
    # Touhaye, a village of the Andéramboukane cercle, is an OSM node only.
    ids = {p.id for p in with_osm.places(tier="osm")}
    assert len(ids) > 20_000
    assert not without.places(tier="osm")
    resolution = with_osm.lookup("Touhaye", country="ML")
    assert resolution.ok, resolution.reason
    assert resolution.place.tier == "osm"
    assert resolution.to_dict()["source"].startswith("OpenStreetMap node ")
    assert (resolution.place.admin1, resolution.place.admin2) == ("Ménaka", "Andéramboukane")
    assert without.lookup("Touhaye", country="ML").status == "not_found"
