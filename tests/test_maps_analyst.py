"""The analyst's tools of a map page (geo/assets/atlas-analyst.js) in a real browser.

Headless Chromium, every network request refused (tests/browser.py). A small map is
built from the small seeds plus an incident with hostile text and a formula-like place
name; the page's filter, histogram, search, permalink and downloads are driven as a
user would (real clicks and typing where it matters) and read back.
"""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import time
from pathlib import Path

import pytest
from browser import launch
from conftest import SMALL_SEEDS, write_seed_file

HOSTILE_ACTOR = '<img src=x onerror="window.__pwned=1">Front, "armed"'
HOSTILE_PLACE = '=HYPERLINK("http://x") <img src=x onerror=window.__pwned=2> Kïdalou'
HOSTILE_INCIDENT = "inc-2022-03-08-hostile"
JS_URL = "javascript:window.__pwned=3"


def _seeds(folder: Path) -> Path:
    rows = {name: list(table) for name, table in SMALL_SEEDS.items()}
    rows["actors.csv"].append({"id": "evil", "name": HOSTILE_ACTOR, "kind": "militia", "colour": "#7a0177"})
    rows["sources.csv"].append(
        {
            "id": "bad-link",
            "kind": "cited",
            "title": "A source whose address turns hostile in the page",
            "date": "2022-03-09",
            "url": "https://example.org/turns-hostile",
            "cited_in": "doc-a",
        }
    )
    rows["incidents.csv"].append(
        {
            "id": HOSTILE_INCIDENT,
            "date": "2022-03-08",
            "latitude": "15.9",
            "longitude": "1.9",
            "location": HOSTILE_PLACE,
            "precision": "1",
            "event_type": "Explosions/Remote violence",
            "actor1": "evil",
            "fatalities_low": "2",
            "fatalities_high": "4",
            "sources": "bad-link|news-2023-04-12",
        }
    )
    for name, table in rows.items():
        write_seed_file(folder, name, table)
    return folder


def _write(html: str, path: Path) -> Path:
    path.write_text(html, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def small_map(tmp_path_factory, gazetteer) -> Path:
    """The small map as a self-contained page; its ``bad-link`` source's address made ``javascript:``.

    The records refuse such an address (geo.validate), so it is put into the page's data
    afterwards, to check that the page itself never makes it a link.
    """
    from geo.records import load_records
    from geo.render.web import build_map

    folder = tmp_path_factory.mktemp("analyst")
    records = load_records(_seeds(folder / "seeds"), gazetteer=gazetteer)
    html = build_map(records, gazetteer=gazetteer, zones=False, title="Analyst test").html(self_contained=True)
    assert html.count("https://example.org/turns-hostile") == 1
    html = html.replace("https://example.org/turns-hostile", JS_URL)
    return _write(html, folder / "map.html")


def _open(browser, path: Path, tmp_path: Path, hash_: str = ""):
    """Open a fresh copy of ``path`` (a new document, so that a hash is read on load)."""
    copy = tmp_path / f"page-{len(list(tmp_path.iterdir()))}.html"
    shutil.copyfile(path, copy)
    page = browser.open_page(copy.resolve().as_uri() + hash_)
    page.wait_for("window.atlas && window.atlas.ready && window.atlas.analyst")
    return page


def at(page, iso: str) -> dict[str, int]:
    """Move the map to ``iso`` (atlas.setDate) and return ``atlas.visible()``."""
    return page.evaluate("window.atlas.setDate(arguments[0]); return window.atlas.visible();", iso)


def asof(page) -> str:
    """The "as of" label of the (last) map's time control."""
    return page.evaluate("return window.atlas.map.getContainer().querySelector('.atlas-asof').textContent")


def popup_text(page) -> str:
    """The text of the open popup, once the one closed before it has faded out."""
    return page.wait_for(
        "document.querySelectorAll('.leaflet-popup-content').length === 1"
        " && document.querySelector('.leaflet-popup-content').textContent"
    )


def _click(page, css: str, index: int = 0) -> None:
    from selenium.webdriver.common.by import By

    page.driver.find_elements(By.CSS_SELECTOR, css)[index].click()


def test_every_map_gets_its_tools_and_the_page_stays_clean(browser, small_map, tmp_path):
    page = _open(browser, small_map, tmp_path)
    scoped = page.evaluate(
        "var c = window.atlas.map.getContainer();"
        "return [c.querySelectorAll('.atlas-analyst-tools').length,"
        " c.querySelectorAll('.atlas-analyst-histogram').length,"
        " c.querySelector('.atlas-analyst-panel').hidden,"
        " document.querySelectorAll('[id^=atlas-analyst]').length]"
    )
    assert scoped == [1, 1, True, 0]  # one of each, the panel collapsed, no page-wide ids
    assert not page.console_errors() and not page.network_requests()


def test_unticking_an_actor_or_an_event_type_hides_its_incidents(browser, small_map, tmp_path):
    page = _open(browser, small_map, tmp_path)
    assert at(page, "2023-04-10")["incidents"] == 1  # the ISGS-only incident
    _click(page, ".atlas-analyst-toggle")
    assert page.evaluate("return document.querySelector('.atlas-analyst-panel').hidden") is False
    names = page.evaluate(
        "return Array.from(document.querySelectorAll('.atlas-analyst-item')).map(function (l) {"
        " return l.querySelector('.atlas-analyst-name').textContent; })"
    )
    isgs = names.index("Islamic State in the Greater Sahara")
    total_before = sum(b["incidents"] for b in page.evaluate("return window.atlas.analyst.histogram()"))
    _click(page, ".atlas-analyst-item input", isgs)  # a real click on the checkbox
    assert page.evaluate("return window.atlas.visible().incidents") == 0
    # the histogram counts what the filter keeps: the ISGS-only incident is gone
    total_after = sum(b["incidents"] for b in page.evaluate("return window.atlas.analyst.histogram()"))
    assert total_after == total_before - 1
    assert "(filtered)" in page.text(".atlas-analyst-caption")
    # An incident with ISGS and the MSA stays while the MSA is ticked.
    assert at(page, "2022-03-08")["incidents"] == 3
    _click(page, ".atlas-analyst-item input", isgs)
    event_types = [i for i, n in enumerate(names) if n == "Battles"]
    _click(page, ".atlas-analyst-item input", event_types[0])
    assert page.evaluate("return window.atlas.visible().incidents") == 2
    shown = set(page.evaluate("return window.atlas.shown('incidents')"))
    assert "inc-2022-03-08-tamalat" not in shown and HOSTILE_INCIDENT in shown
    # "none" then "all" for the actors
    page.evaluate(
        "document.querySelectorAll('.atlas-analyst-group')[0].querySelectorAll('.atlas-analyst-link')[1].click()"
    )
    assert page.evaluate("return window.atlas.visible().incidents") == 0
    page.evaluate(
        "document.querySelectorAll('.atlas-analyst-group')[0].querySelectorAll('.atlas-analyst-link')[0].click()"
    )
    assert page.evaluate("return window.atlas.visible().incidents") == 2  # Battles still off
    assert not page.console_errors()


def test_the_histogram_has_a_bar_per_step_marks_the_date_and_moves_it(browser, small_map, tmp_path):
    page = _open(browser, small_map, tmp_path)
    dates = page.evaluate("return window.atlas.dates")
    bars = page.evaluate("return document.querySelectorAll('.atlas-analyst-histogram .atlas-analyst-bin').length")
    assert bars == len(dates) >= 4
    current = (
        "return Array.from(document.querySelectorAll('.atlas-analyst-bin'))"
        ".map(function (g) { return g.classList.contains('atlas-analyst-current'); })"
    )
    assert page.evaluate(current) == [False] * (len(dates) - 1) + [True]
    at(page, dates[1])
    assert page.evaluate(current) == [i == 1 for i in range(len(dates))]
    # counts: one incident began by each of the first steps, the hostile one with the Tamalat battle
    histogram = page.evaluate("return window.atlas.analyst.histogram()")
    by_day = {b["first"]: b["incidents"] for b in histogram}
    assert by_day["2022-03-01"] == 1 and by_day["2022-03-08"] == 2 and by_day["2023-04-10"] == 1
    assert next(b["deaths"] for b in histogram if b["first"] == "2022-03-08") == 302  # best, else low
    # a real click on the first bar moves the map, the slider and the label
    _click(page, ".atlas-analyst-bin .atlas-analyst-hit", 0)
    assert page.evaluate("return window.atlas.date()") == dates[0]
    assert dates[0] in asof(page)
    assert page.evaluate(current)[0] is True
    # deaths as the series
    _click(page, ".atlas-analyst-metric", 1)
    assert page.evaluate("return document.querySelectorAll('.atlas-analyst-bar-deaths').length") == len(dates)
    # the data's cut-off: the latest incident date of the page
    assert page.text(".atlas-analyst-stamp") == "data to 2023-04-10"
    assert not page.console_errors()


def test_the_search_finds_a_place_without_its_accents_and_goes_there(browser, small_map, tmp_path):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    page = _open(browser, small_map, tmp_path)
    box = page.driver.find_element(By.CSS_SELECTOR, ".atlas-analyst-search-input")
    box.send_keys("MENAK")
    results = page.evaluate(
        "return Array.from(document.querySelectorAll('.atlas-analyst-result > span'))"
        ".map(function (s) { return s.textContent; })"
    )
    assert results[0] == "Ménaka" and "somewhere north of Ménaka" in results
    box.send_keys(Keys.ENTER)
    state = page.evaluate(
        "var map = window.atlas.map, p = document.querySelector('.leaflet-popup-content');"
        "var place = window.atlas.data.layers.filter(function (l) { return l.key === 'places'; })[0].features"
        " .filter(function (f) { return f.properties.label === 'Ménaka'; })[0].geometry.coordinates;"
        "return {inside: map.getBounds().pad(-0.1).contains([place[1], place[0]]), zoom: map.getZoom(),"
        " popup: p ? p.textContent : null, open: !document.querySelector('.atlas-analyst-results').hidden}"
    )
    assert state["inside"] and state["zoom"] >= 9, state  # the view is on Ménaka (the popup may pan it a little)
    assert state["popup"].startswith("Ménaka") and "ml-menaka" in state["popup"] and not state["open"]
    # a place known only from an incident: a temporary marker with its own popup
    assert page.evaluate("return window.atlas.analyst.search('north of menaka')") == ["somewhere north of Ménaka"]
    page.evaluate("window.atlas.analyst.choose(0)")
    assert page.evaluate("return window.atlas.map.getBounds().pad(-0.1).contains([16.5, 2.5])")
    assert "1 incident(s)" in popup_text(page)
    assert page.evaluate("return window.atlas.analyst.search('zzzz')") == []
    assert page.text(".atlas-analyst-results") == "no place of this map matches"


def test_the_permalink_follows_the_date_and_view_and_opens_there(browser, small_map, tmp_path):
    page = _open(browser, small_map, tmp_path)
    assert page.evaluate("return location.hash") == ""  # nothing written before a change
    at(page, "2022-03-09")
    page.wait_for("location.hash.indexOf('#date=2022-03-09&lat=') === 0")  # written a moment after the change
    page.evaluate("window.atlas.map.setView([16.25, 1.75], 8, {animate: false})")
    page.wait_for("location.hash.indexOf('&z=8') > 0")
    fields = dict(part.split("=") for part in page.evaluate("return location.hash")[1:].split("&"))
    assert fields == {"date": "2022-03-09", "lat": "16.2500", "lon": "1.7500", "z": "8"}
    # a page opened with a hash starts there
    page = _open(browser, small_map, tmp_path, "#date=2022-03-08&lat=15.5&lon=1.25&z=7")
    state = page.evaluate(
        "var c = window.atlas.map.getCenter();return [window.atlas.date(), c.lat, c.lng, window.atlas.map.getZoom()]"
    )
    assert state[0] == "2022-03-08" and abs(state[1] - 15.5) < 1e-6 and abs(state[2] - 1.25) < 1e-6
    assert state[3] == 7 and "2022-03-08" in asof(page)
    # a hostile or malformed hash is ignored, part by part
    hostile = "#date=%3Cimg%20src%3Dx%20onerror%3Dwindow.__pwned%3D4%3E&lat=abc&lon=1e3&z=8"
    page = _open(browser, small_map, tmp_path, hostile)
    dates = page.evaluate("return window.atlas.dates")
    assert page.evaluate("return window.atlas.date()") == dates[-1]
    assert page.evaluate("return window.atlas.map.getZoom()") == 8  # the valid part is applied
    assert page.evaluate("return window.__pwned === undefined && !document.querySelector('img[src=x]')")
    page = _open(browser, small_map, tmp_path, "#date=2022-02-30&lat=91&lon=2&z=5")
    assert page.evaluate("return window.atlas.date()") == dates[-1]
    assert page.evaluate("return window.atlas.map.getZoom()") == 5


def _csv_rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"), newline="")))


def test_download_what_is_shown_as_csv_and_geojson(browser, small_map, tmp_path):
    page = _open(browser, small_map, tmp_path)
    at(page, "2022-03-08")
    drawn = page.evaluate("return window.atlas.drawnIncidents().map(function (p) { return p.id; })")
    assert len(drawn) == 3
    text = page.evaluate("return window.atlas.analyst.csv()")
    rows = _csv_rows(text)
    assert [r["id"] for r in rows] == drawn
    assert text.split("\r\n")[0] == (
        "id,date,start,end,place,event,actors,deaths_low,deaths_best,deaths_high,lat,lon,sources"
    )
    hostile = next(r for r in rows if r["id"] == HOSTILE_INCIDENT)
    assert hostile["place"] == "'" + HOSTILE_PLACE  # a spreadsheet would run "=..." as a formula
    assert hostile["actors"] == HOSTILE_ACTOR and hostile["lon"] == "1.9" and hostile["lat"] == "15.9"
    assert hostile["deaths_low"] == "2" and hostile["deaths_best"] == "" and hostile["deaths_high"] == "4"
    assert hostile["sources"] == "bad-link; news-2023-04-12" and hostile["event"] == "Explosions/Remote violence"
    tamalat = next(r for r in rows if r["id"] == "inc-2022-03-08-tamalat")
    assert tamalat["actors"] == "Islamic State in the Greater Sahara; Movement for the Salvation of Azawad"
    assert tamalat["event"] == "Battles / Armed clash" and tamalat["date"] == "2022-03-08"
    # the CSV button: a Blob through an object URL (caught here), with a BOM for spreadsheets
    page.evaluate(
        "window.__blobs = []; var make = URL.createObjectURL;"
        "URL.createObjectURL = function (b) { window.__blobs.push(b); return make.call(URL, b); };"
    )
    _click(page, ".atlas-analyst-toggle")
    _click(page, ".atlas-analyst-downloads button", 0)
    _click(page, ".atlas-analyst-downloads button", 1)
    texts = page.driver.execute_async_script(
        "var done = arguments[arguments.length - 1];"
        "Promise.all(window.__blobs.map(function (b) { return b.arrayBuffer().then(function (a) {"
        " return [b.type, Array.from(new Uint8Array(a))]; }); }))"
        ".then(done);"
    )
    assert [t[0] for t in texts] == ["text/csv;charset=utf-8", "application/geo+json"]
    saved_csv, saved_json = (bytes(t[1]).decode("utf-8") for t in texts)
    assert saved_csv.startswith("\ufeff") and _csv_rows(saved_csv) == rows
    collection = json.loads(saved_json)
    assert [f["properties"]["id"] for f in collection["features"]] == drawn
    feature = next(f for f in collection["features"] if f["properties"]["id"] == HOSTILE_INCIDENT)
    assert feature["geometry"] == {"type": "Point", "coordinates": [1.9, 15.9]}
    assert feature["properties"]["place"] == HOSTILE_PLACE and feature["properties"]["actor_ids"] == ["evil"]
    # a filter changes what is shown, and so what is downloaded; a hidden layer gives nothing
    page.evaluate("window.atlas.setFilter(function (p) { return p.id !== 'inc-2022-03-08-tamalat'; })")
    assert [r["id"] for r in _csv_rows(page.evaluate("return window.atlas.analyst.csv()"))] == [
        i for i in drawn if i != "inc-2022-03-08-tamalat"
    ]
    at(page, "2021-01-01")  # before the first step: the first step
    assert page.evaluate("return window.atlas.analyst.rows().length") == page.evaluate(
        "return window.atlas.visible().incidents"
    )


def test_hostile_text_is_shown_as_text_and_a_javascript_url_is_no_link(browser, small_map, tmp_path):
    page = _open(browser, small_map, tmp_path)
    at(page, "2022-03-08")
    labels = page.evaluate(
        "return Array.from(document.querySelectorAll('.atlas-analyst-name'))"
        ".map(function (n) { return n.textContent; })"
    )
    assert HOSTILE_ACTOR in labels
    assert page.evaluate("return window.atlas.analyst.search('kidalou')") == [HOSTILE_PLACE]
    assert page.text(".atlas-analyst-result > span") == HOSTILE_PLACE
    page.evaluate("window.atlas.analyst.choose(0)")
    assert HOSTILE_PLACE in popup_text(page)
    # the incident's popup: its sources, one an http(s) link, the javascript: one plain text
    page.evaluate("window.atlas.map.closePopup()")  # the search's marker goes with its popup
    assert page.evaluate("return document.querySelectorAll('.atlas-analyst-found').length") == 0
    page.evaluate(
        "var layer = null;"
        "window.atlas.map.eachLayer(function (l) { if (!layer && l.getPopup && l.getPopup() && l.getLatLng"
        " && Math.abs(l.getLatLng().lat - 15.9) < 1e-6 && Math.abs(l.getLatLng().lng - 1.9) < 1e-6) { layer = l; } });"
        "layer.openPopup();"
    )
    popup_text(page)
    sources = page.evaluate(
        "var box = document.querySelector('.leaflet-popup-content');"
        "return {text: box.textContent, links: Array.from(box.querySelectorAll('a')).map(function (a) {"
        " return [a.textContent, a.getAttribute('href')]; })}"
    )
    assert HOSTILE_INCIDENT in sources["text"] and HOSTILE_ACTOR in sources["text"]
    assert "A source whose address turns hostile in the page" in sources["text"]
    assert ["A <b>news</b> story", "https://example.org/story"] in sources["links"]
    assert not [link for link in sources["links"] if not link[1].startswith("https://")]
    assert page.evaluate('return document.querySelectorAll(\'a[href^="javascript"], img[src="x"]\').length') == 0
    assert page.evaluate("return window.__pwned === undefined")
    assert not page.console_errors()


def test_two_maps_on_one_page_each_have_their_own_tools(browser, tmp_path, gazetteer):
    from geo.records import load_records
    from geo.render.web import build_map

    records = load_records(_seeds(tmp_path / "seeds"), gazetteer=gazetteer)
    first = build_map(records, gazetteer=gazetteer, zones=False, title="First")
    second = build_map(records, gazetteer=gazetteer, zones=False, title="Second", actors=["isgs"])
    body = "\n".join(m.html(self_contained=True, fragment=True) for m in (first, second))
    page_file = _write(
        f'<!DOCTYPE html><html><head><meta charset="utf-8"></head><body>{body}</body></html>', tmp_path / "two.html"
    )
    page = browser.open_page(page_file.resolve().as_uri() + "#date=2022-03-08")
    page.wait_for("document.querySelectorAll('.atlas-analyst-histogram').length === 2")
    per_map = page.evaluate(
        "return Array.from(document.querySelectorAll('.leaflet-container')).map(function (c) {"
        " return {tools: c.querySelectorAll('.atlas-analyst-tools').length,"
        " histograms: c.querySelectorAll('.atlas-analyst-histogram').length,"
        " actors: Array.from(c.querySelectorAll('.atlas-analyst-group')[0].querySelectorAll('.atlas-analyst-name'))"
        "  .map(function (n) { return n.textContent; }),"
        " bars: c.querySelectorAll('.atlas-analyst-bin').length}; })"
    )
    assert [m["tools"] for m in per_map] == [1, 1] and [m["histograms"] for m in per_map] == [1, 1]
    assert HOSTILE_ACTOR in per_map[0]["actors"] and HOSTILE_ACTOR not in per_map[1]["actors"]  # their own actors
    assert all(m["bars"] > 0 for m in per_map)
    maps = "window.atlasAnalyst.maps"
    assert page.evaluate(f"return {maps}.length") == 2
    # only the first map follows the permalink
    assert page.evaluate(f"return {maps}.map(function (a) {{ return a.analyst.permalink; }})") == [True, False]
    dates = page.evaluate(f"return {maps}.map(function (a) {{ return [a.date(), a.dates[a.dates.length - 1]]; }})")
    assert dates[0][0] == "2022-03-08" and dates[1][0] == dates[1][1]
    # the second map's filter acts on the second map only
    page.evaluate(f"{maps}[1].setDate('2022-03-08')")
    before = page.evaluate(f"return {maps}.map(function (a) {{ return a.visible().incidents; }})")
    assert before[0] > 0 and before[1] > 0
    page.evaluate(
        "var c = document.querySelectorAll('.leaflet-container')[1];"
        "c.querySelectorAll('.atlas-analyst-group')[0].querySelectorAll('.atlas-analyst-link')[1].click();"
    )
    after = page.evaluate(f"return {maps}.map(function (a) {{ return a.visible().incidents; }})")
    assert after == [before[0], 0]
    time.sleep(0.4)
    assert page.evaluate("return location.hash") == "#date=2022-03-08"  # the second map never writes it
    assert not page.console_errors()


def _covered(page, selectors: str) -> float:
    """The share of the viewport covered by the union of the elements' boxes (sampled on a 10 px grid)."""
    return page.evaluate(
        "var w = window.innerWidth, h = window.innerHeight;"
        "var rects = Array.from(document.querySelectorAll(arguments[0])).filter(function (e) {"
        " return e.offsetParent !== null; }).map(function (e) { return e.getBoundingClientRect(); });"
        "var hit = 0, all = 0;"
        "for (var x = 5; x < w; x += 10) { for (var y = 5; y < h; y += 10) { all++;"
        " if (rects.some(function (r) { return x >= r.left && x < r.right && y >= r.top && y < r.bottom; }))"
        " { hit++; } } }"
        "return hit / all;",
        selectors,
    )


def test_a_1400_by_900_screenshot_with_small_panels(tmp_path, gazetteer):
    """A map of the bundled records at 1400 x 900: the tools stay small (the PNGs are kept to look at).

    ``GEO_SCREENSHOTS=<folder>`` copies the screenshots there.
    """
    from geo.records import load_records
    from geo.render.web import build_map

    records = load_records(gazetteer=gazetteer)
    atlas = build_map(records, gazetteer=gazetteer, area="ml-region-menaka", title="The Ménaka region")
    path = _write(atlas.html(self_contained=True), tmp_path / "menaka.html")
    shots = []
    with launch(window_size=(1400, 900)) as browser:
        browser.driver.execute_cdp_cmd(
            "Emulation.setDeviceMetricsOverride",
            {"width": 1400, "height": 900, "deviceScaleFactor": 1, "mobile": False},
        )
        page = browser.open_page(path)
        page.wait_for("window.atlas && window.atlas.ready && window.atlas.analyst")
        assert page.evaluate("return [window.innerWidth, window.innerHeight]") == [1400, 900]
        busiest = page.evaluate(  # the step with the most incidents, to see some drawn
            "var bins = window.atlas.analyst.histogram().slice().sort(function (a, b) {"
            " return b.incidents - a.incidents; }); return window.atlas.setDate(bins[0].last);"
        )
        assert page.evaluate("return window.atlas.visible().incidents") > 0, busiest
        mine = ".atlas-analyst-tools, .atlas-analyst-histogram"
        collapsed = _covered(page, mine)
        shots.append(page.screenshot(tmp_path / "analyst-collapsed.png"))
        _click(page, ".atlas-analyst-toggle")
        page.evaluate("window.atlas.analyst.search('men')")
        opened = _covered(page, mine + ", .atlas-analyst-panel, .atlas-analyst-results")
        everything = _covered(
            page, ".leaflet-control:not(.leaflet-control-attribution), .atlas-analyst-panel, .atlas-analyst-results"
        )
        shots.append(page.screenshot(tmp_path / "analyst-open.png"))
        assert not page.console_errors()
    print(f"covered: tools collapsed {collapsed:.1%}, opened {opened:.1%}; every control, opened {everything:.1%}")
    assert collapsed <= 0.08, collapsed
    assert opened <= 0.16, opened
    target = os.environ.get("GEO_SCREENSHOTS")
    if target:
        Path(target).mkdir(parents=True, exist_ok=True)
        for shot in shots:
            shutil.copyfile(shot, Path(target) / shot.name)
