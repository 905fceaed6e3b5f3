"""Credits: OpenStreetMap is credited in the attribution of every map, figure and report
that shows one of its places, and only then (geo.render.credits).

Each output is built from a one-incident records folder and checked as rendered: the
JSON data block of the map page, the SVG text of a snapshot, the footer of a report.
"""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from conftest import SMALL_SEEDS, write_seed_file
from test_maps import payload

from geo.records import load_records
from geo.render.credits import BOUNDARIES, from_osm, places_credit
from geo.render.web import build_map, page_incidents

D = dt.date
DAY = D(2022, 3, 8)
WITH_OSM = "Places: GeoNames (CC BY 4.0), © OpenStreetMap contributors (ODbL), curated gazetteer"
WITHOUT_OSM = "Places: GeoNames (CC BY 4.0), curated gazetteer"


def one_incident(folder: Path, place: str) -> Path:
    """A records folder with one incident at ``place`` on DAY, and no claim."""
    for name in ("sources.csv", "actors.csv"):
        write_seed_file(folder, name, SMALL_SEEDS[name])
    write_seed_file(
        folder,
        "incidents.csv",
        [
            {
                "id": f"inc-2022-03-08-{place.removeprefix('ml-')}",
                "date": DAY.isoformat(),
                "place": place,
                "precision": "1",
                "event_type": "Battles",
                "sub_event_type": "Armed clash",
                "actor1": "isgs",
                "actor2": "msa",
                "fatalities_best": "5",
                "sources": "doc-a",
            }
        ],
    )
    write_seed_file(folder, "claims.csv", [])
    write_seed_file(folder, "assertions.csv", [])
    return folder


@pytest.fixture(scope="module")
def records(tmp_path_factory, gazetteer):
    """Records by place: Talataye (a curated place whose point is an OSM node), Ménaka (a GeoNames point)."""
    root = tmp_path_factory.mktemp("credits")
    return {place: load_records(one_incident(root / place, place), gazetteer=gazetteer) for place in PLACES}


PLACES = ("ml-talataye", "ml-menaka")
EXPECTED = {"ml-talataye": WITH_OSM, "ml-menaka": WITHOUT_OSM}


def test_the_places_are_what_the_tests_assume(gazetteer):
    talataye, menaka = gazetteer.place("ml-talataye"), gazetteer.place("ml-menaka")
    assert (talataye.tier, talataye.coord_source) == ("curated", "osm")
    assert (menaka.tier, menaka.coord_source) == ("curated", "geonames")
    assert from_osm(talataye) and not from_osm(menaka)


def test_from_osm_follows_the_tier_and_the_source_of_the_point(gazetteer):
    from geo.place import Place

    def place(tier: str, coord_source: str = "") -> Place:
        return Place("x", "X", "village", 16.0, 1.0, 3.0, "ML", tier, coord_source=coord_source)

    assert from_osm(gazetteer.place("osm-2555339078"))  # the OSM tier's Talataye node
    assert from_osm(place("osm"))
    assert from_osm(place("curated", "OSM node 2555339078"))
    assert from_osm(place("area", "OpenStreetMap relation 1"))
    assert not from_osm(place("curated", "geonames corrected"))
    assert not from_osm(place("curated", "estimate"))
    assert not from_osm(place("reference", "osm"))  # a GeoNames record: credited as GeoNames
    assert not from_osm(gazetteer.place("ml-region-menaka"))  # an area from OCHA COD-AB


def test_the_places_line_names_osm_only_when_a_place_comes_from_it(gazetteer):
    menaka, talataye = gazetteer.place("ml-menaka"), gazetteer.place("ml-talataye")
    assert places_credit([]) == WITHOUT_OSM
    assert places_credit([menaka]) == WITHOUT_OSM
    assert places_credit(iter([menaka, talataye])) == WITH_OSM  # any iterable


@pytest.mark.parametrize("place", PLACES)
def test_a_map_credits_osm_when_it_shows_one_of_its_places(records, gazetteer, place):
    html = build_map(records[place], gazetteer=gazetteer, start=D(2022, 1, 1), end=D(2022, 12, 31)).html()
    data = payload(html)
    assert [row["id"] for row in page_incidents(next(x for x in data["layers"] if x["key"] == "incidents"))] == [
        f"inc-2022-03-08-{place.removeprefix('ml-')}"
    ]
    assert data["attribution"] == [EXPECTED[place], BOUNDARIES, "Records: cited sources (popups)"]
    # the online tiles keep their own credit, whatever the places
    assert data["tiles"][0]["attribution"] == "© OpenStreetMap contributors"


def test_a_map_without_tiles_still_credits_the_osm_places(records, gazetteer):
    data = payload(build_map(records["ml-talataye"], gazetteer=gazetteer, tiles=False).html())
    assert data["tiles"] == [] and data["attribution"][0] == WITH_OSM


def svg_attribution(svg: bytes) -> str:
    """The text of the SVG element ``attribution``, its wrapped lines joined by spaces."""
    root = ET.fromstring(svg)
    element = next(e for e in root.iter() if e.get("id") == "attribution")
    return re.sub(r"\s+", " ", " ".join(element.itertext())).strip()


@pytest.mark.parametrize("place", PLACES)
def test_a_snapshot_credits_osm_when_it_shows_one_of_its_places(records, gazetteer, place):
    pytest.importorskip("matplotlib")
    from geo.render.figures import figure_bytes, snapshot

    fig = snapshot(records[place], gazetteer, day=DAY)
    svg = figure_bytes(fig, "svg")
    assert f'id="label-{place}"'.encode() in svg  # the place is drawn and labelled
    text = svg_attribution(svg)
    assert text.startswith(f"{EXPECTED[place]} · {BOUNDARIES} · Records: the cited sources (doc-a)")
    assert ("OpenStreetMap" in svg.decode("utf-8")) is (place == "ml-talataye")


@pytest.mark.parametrize("place", PLACES)
def test_a_report_credits_osm_when_it_shows_one_of_its_places(records, gazetteer, place):
    pytest.importorskip("matplotlib")
    from geo.render.report import build_report

    page = build_report(records[place], gazetteer, start=D(2022, 1, 1), end=D(2022, 12, 31))
    assert f'<tr class="incident" id="incident-inc-2022-03-08-{place.removeprefix("ml-")}">' in page
    footer = re.search(r"<footer>(.*?)</footer>", page, re.S).group(1)
    assert footer.startswith(f"{EXPECTED[place]} · {BOUNDARIES} · Records: the sources cited above.")
    # the map inside the report carries the same places line
    data = payload(page)
    assert data["attribution"][0] == EXPECTED[place]
    assert data["tiles"] == []  # the report asks for no tiles: no tile credit either
    assert ("OpenStreetMap" in page) is (place == "ml-talataye")


@pytest.mark.parametrize(("place_id", "credited"), [("ml-talataye", True), ("ml-menaka", False)])
def test_the_review_page_credits_osm_when_it_shows_one_of_its_places(gazetteer, place_id, credited):
    from geo.extract.document import Document
    from geo.extract.mention import Mention
    from geo.extract.review import review_page

    text = "Fighting near the village was reported."
    document = Document("a.txt", text, "doc-a")
    document.mentions.append(Mention("a.txt", 14, 17, "the", "place", {"place": place_id}))
    page = review_page([document], [], gazetteer=gazetteer)
    assert ("© OpenStreetMap contributors (ODbL)" in page) is credited
    assert "Places: GeoNames (CC BY 4.0)" in page
