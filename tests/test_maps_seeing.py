"""What a person sees on a map page, in headless Chromium at 1400 x 900.

Incidents above the boundaries (``document.elementFromPoint`` at their positions and the
pixels there), a legend and a layer control that leave the map readable, labels that never
overlap, the colour switch, the density view, ``--intensity`` on, the measuring tool
deaf to features, and two maps on one page.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest
from browser import check_map

from geo.cli import main

ROOT = Path(__file__).parents[1]
RECIPES = sorted((ROOT / "maps").glob("*.toml"))
VIEW = (1400, 900)


@pytest.fixture
def viewport(browser):
    """The browser's viewport at 1400 x 900 for one test."""
    browser.driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": VIEW[0], "height": VIEW[1], "deviceScaleFactor": 1, "mobile": False},
    )
    yield browser
    browser.driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


@pytest.fixture(scope="module")
def rendered(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("seeing")
    assert main(["render", *map(str, RECIPES), "--out", str(out)]) == 0
    return out


@pytest.fixture(scope="module")
def crowded(tmp_path_factory) -> Path:
    """A map of 2,500 generated incidents (benchmarks/maps.py): drawn on a canvas."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        from maps import generate
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    folder = tmp_path_factory.mktemp("crowded")
    incidents = folder / "incidents.csv"
    generate(incidents, 2500, 20230415)
    out = folder / "crowded.html"
    args = ["map", "--incidents", str(incidents), "--from", "2012-01", "--to", "2023-12", "--step", "year"]
    assert main([*args, "--self-contained", "--out", str(out)]) == 0
    return out


# JS: the incidents drawn now, each with its position in the viewport and what is on top there.
_INCIDENTS_ON_TOP = """
const api = window.atlas, map = api.map, box = map.getContainer().getBoundingClientRect();
return api.drawnIncidents().filter(o => !o.area && !o.ring_km).map(o => {
  const p = map.latLngToContainerPoint([o.lat, o.lon]);
  const x = box.left + p.x, y = box.top + p.y;
  if (x < 0 || y < 0 || x >= innerWidth || y >= innerHeight) { return null; }
  const top = document.elementFromPoint(x, y);
  return {id: o.id, x: x, y: y, top: top ? top.tagName : null,
          incident: !!(top && top.closest('.leaflet-atlas-incidents-pane')),
          boundary: !!(top && top.closest('.leaflet-atlas-boundaries-pane'))};
}).filter(Boolean);
"""


def _distance(a, b) -> int:
    return sum(abs(p - q) for p, q in zip(a, b, strict=True))


def _stands_out(page, points, background) -> list[tuple[float, float]]:
    """The points around which (3 px) no pixel stands out from ``background`` and from white."""
    from PIL import Image

    image = Image.open(io.BytesIO(page.driver.get_screenshot_as_png())).convert("RGB")
    faint = []
    for x, y in points:
        around = [image.getpixel((int(x) + dx, int(y) + dy)) for dx in range(-3, 4) for dy in range(-3, 4)]
        if not any(_distance(c, background) > 80 and _distance(c, (255, 255, 255)) > 80 for c in around):
            faint.append((x, y))
    return faint


@pytest.mark.parametrize("which", ["menaka-2022-2023@2022-03-09", "crowded@2019-12-31"])
def test_incidents_are_on_top_of_the_boundaries(viewport, rendered, crowded, which):
    name, day = which.split("@")
    page = viewport.open_page(crowded if name == "crowded" else rendered / f"{name}.html")
    check_map(page)
    page.evaluate("window.atlas.incidentMode('points'); window.atlas.setDate(arguments[0])", day)
    assert page.evaluate("return window.atlas.visible().boundaries") > 0  # boundaries on
    found = page.evaluate(_INCIDENTS_ON_TOP)
    assert len(found) >= 3, found
    hidden = [f for f in found if not f["incident"]]
    # labels take no clicks, so nothing but another control may cover an incident
    assert not [f for f in hidden if f["boundary"]], hidden
    assert len(hidden) <= len(found) // 5, hidden
    # the pixels at an incident stand out from the boundaries' paper colour
    paper = (0xF4, 0xEF, 0xE3)
    shown = [(f["x"], f["y"]) for f in found if f["incident"]][:20]
    assert not _stands_out(page, shown, paper)


def _covered(page) -> dict[str, float]:
    return page.evaluate(
        "const area = innerWidth * innerHeight, out = {};"
        "for (const [key, sel] of [['legend', '.atlas-legend'], ['layers', '.leaflet-control-layers']]) {"
        "  const r = document.querySelector(sel).getBoundingClientRect(); out[key] = r.width * r.height / area; }"
        "return out;"
    )


@pytest.mark.parametrize("recipe", [path.stem for path in RECIPES] + ["crowded"])
def test_legend_and_layer_control_cover_at_most_a_quarter(viewport, rendered, crowded, recipe):
    page = viewport.open_page(crowded if recipe == "crowded" else rendered / f"{recipe}.html")
    check_map(page)
    for day in page.evaluate("const d = window.atlas.dates; return [d[0], d[d.length >> 1], d[d.length - 1]]"):
        page.evaluate("window.atlas.setDate(arguments[0])", day)
        covered = _covered(page)
        assert covered["legend"] <= 0.25 and covered["layers"] <= 0.25, (day, covered)
    # the legend collapses to its button
    before = _covered(page)["legend"]
    page.click(".atlas-legend-toggle")
    after = _covered(page)["legend"]
    assert (
        after < before / 3
        and page.evaluate("return getComputedStyle(document.querySelector('.atlas-legend-body')).display") == "none"
    )


def test_the_legend_shows_only_what_is_on_screen(viewport, rendered):
    page = viewport.open_page(rendered / "menaka-2022-2023.html")
    check_map(page)
    legend = (
        "return Array.from(document.querySelectorAll('.atlas-legend-body .atlas-legend-text')).map(e => e.textContent)"
    )
    page.evaluate("window.atlas.setDate('2022-03-09')")
    march = page.evaluate(legend)
    assert "Islamic State in the Greater Sahara" in march
    names = {a[0] for a in page.evaluate("return Object.values(window.atlas.data.actors)")}
    assert len(names & set(march)) < len(names)  # not every actor of the map
    page.evaluate("window.atlas.map.setView([25, -10], 8, {animate: false})")  # the empty desert
    assert "Islamic State in the Greater Sahara" not in page.evaluate(legend)


def test_the_legend_names_whose_zones_are_on_screen(viewport, rendered):
    page = viewport.open_page(rendered / "north-2012-2013.html")
    check_map(page)
    legend = (
        "return Array.from(document.querySelectorAll('.atlas-legend-body .atlas-legend-text')).map(e => e.textContent)"
    )
    page.evaluate("window.atlas.setDate('2013-02-15')")
    texts = page.evaluate(legend)
    assert any(t.startswith("French armed forces: ") and "control" in t for t in texts), texts
    assert any(t.startswith("Ansar Dine: ") for t in texts), texts
    page.evaluate("window.atlas.map.setView([12.5, -8.5], 9, {animate: false})")  # Bamako: no zone there
    assert not any(t.startswith("Ansar Dine: ") for t in page.evaluate(legend))


_LABEL_BOXES = """
return Array.from(document.querySelectorAll('.atlas-label')).map(e => {
  const r = e.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom, e.textContent];
});
"""


def _overlaps(boxes):
    return [
        (a[4], b[4])
        for i, a in enumerate(boxes)
        for b in boxes[i + 1 :]
        if a[0] < b[2] - 0.5 and b[0] < a[2] - 0.5 and a[1] < b[3] - 0.5 and b[1] < a[3] - 0.5
    ]


@pytest.mark.parametrize("recipe", [path.stem for path in RECIPES] + ["crowded"])
def test_labels_never_overlap_and_towns_come_first(viewport, rendered, crowded, recipe):
    page = viewport.open_page(crowded if recipe == "crowded" else rendered / f"{recipe}.html")
    check_map(page)
    start = page.evaluate("return window.atlas.map.getZoom()")
    for zoom in (start - 1, start, start + 1, start + 2):
        page.evaluate("window.atlas.map.setZoom(arguments[0], {animate: false})", zoom)
        boxes = page.evaluate(_LABEL_BOXES)
        assert boxes, zoom
        assert not _overlaps(boxes), (zoom, _overlaps(boxes)[:5])
    if recipe == "mali-2012-2023":
        page.evaluate("window.atlas.map.setZoom(arguments[0], {animate: false})", start)
        shown = page.evaluate("return window.atlas.labels()")
        assert {"Bamako", "Gao", "Timbuktu", "Kidal", "Mopti"} <= set(shown), shown


def test_the_colour_switch_recolours_the_incidents(viewport, rendered):
    page = viewport.open_page(rendered / "menaka-2022-2023.html")
    check_map(page)
    page.evaluate("window.atlas.setDate('2022-03-09')")
    fills = "return Array.from(document.querySelectorAll('path.atlas-incident')).map(p => p.getAttribute('fill'))"
    by_actor = page.evaluate(fills)
    page.evaluate(
        "const s = document.querySelector('.atlas-colour-by'); s.value = 'event';"
        "s.dispatchEvent(new Event('change', {bubbles: true}));"
    )
    by_event = page.evaluate(fills)
    assert page.evaluate("return window.atlas.colourBy()") == "event"
    assert by_actor and len(by_actor) == len(by_event) and by_actor != by_event
    colours = {c.lower() for c in page.evaluate("return Object.values(window.atlas.data.event_colours)")}
    assert {c.lower() for c in by_event} <= colours
    heading = page.evaluate("return document.querySelector('.atlas-legend-body h2').textContent")
    assert heading.startswith("Event types")


def test_the_density_view_takes_over_at_country_zoom_and_points_closer(viewport, crowded):
    page = viewport.open_page(crowded)
    check_map(page)
    page.evaluate("window.atlas.setDate('2019-12-31')")  # a year of incidents: crowded
    state = (
        "return {density: window.atlas.density(), hexagons: document.querySelectorAll('.atlas-hexagon').length,"
        " shown: window.atlas.shown('incidents').length, zoom: window.atlas.map.getZoom()}"
    )
    far = page.evaluate(state)
    assert far["density"] and far["shown"] > 100, far
    page.evaluate("window.atlas.map.setView([14.5, -4.2], 8, {animate: false})")
    near = page.evaluate(state)
    assert not near["density"] and near["shown"] == far["shown"], near
    page.evaluate("window.atlas.incidentMode('density')")
    assert page.evaluate(state)["density"]
    # at any zoom, more than density.most_points in view are binned too (2,500 in a page: 20 here)
    in_view = page.evaluate(
        "var b = window.atlas.map.getBounds();"
        "return window.atlas.drawnIncidents().filter(function (o) { return b.contains([o.lat, o.lon]); }).length"
    )
    page.evaluate("window.atlas.data.density.most_points = 20; window.atlas.incidentMode('auto')")
    closer = page.evaluate(state)
    assert in_view > 20 and closer["density"] and closer["zoom"] == 8, (in_view, closer)
    heading = page.evaluate("return document.querySelector('.atlas-legend-body h2').textContent")
    assert heading == "Incidents per hexagon (zoom in for each)"
    assert page.evaluate("return window.atlas.data.density.most_points = 2500") == 2500


def test_intensity_is_on_when_asked(browser, tmp_path):
    out = tmp_path / "intensity.html"
    args = ["map", "--intensity", "--from", "2022-01", "--to", "2023-04", "--self-contained", "--out", str(out)]
    assert main(args) == 0
    page = browser.open_page(out)
    check_map(page)
    counts = page.evaluate(
        "return window.atlas.dates.map(d => { window.atlas.setDate(d); return window.atlas.visible().intensity; })"
    )
    assert max(counts) > 0
    checked = page.evaluate(
        "return Array.from(document.querySelectorAll('.leaflet-control-layers-overlays label'))"
        ".filter(l => l.textContent.includes('per cercle')).map(l => l.querySelector('input').checked)"
    )
    assert checked == [True]


def test_measuring_ignores_clicks_on_zones(viewport, rendered):
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By

    page = viewport.open_page(rendered / "menaka-2022-2023.html")
    check_map(page)
    page.evaluate("window.atlas.setDate('2023-04-30')")
    # a point inside a zone, away from incidents and controls
    target = page.evaluate(
        "const paths = Array.from(document.querySelectorAll('.leaflet-atlas-zones-pane path.leaflet-interactive'));"
        "for (const p of paths) { const r = p.getBoundingClientRect();"
        "  for (const [fx, fy] of [[.5, .5], [.4, .6], [.6, .4], [.3, .3], [.7, .7]]) {"
        "    const x = r.left + r.width * fx, y = r.top + r.height * fy;"
        "    if (x > 420 && x < 1000 && y > 160 && y < 700 && document.elementFromPoint(x, y) === p) return [x, y]; } }"
        "return null;"
    )
    assert target, "no zone to click"
    body = page.driver.find_element(By.TAG_NAME, "body")

    def click_at(x, y):
        ActionChains(page.driver).move_to_element_with_offset(
            body, int(x - body.rect["width"] / 2), int(y - body.rect["height"] / 2)
        ).click().perform()

    click_at(*target)  # not measuring: the zone's popup opens
    assert page.evaluate("return document.querySelectorAll('.leaflet-popup').length") == 1
    page.click(".atlas-measure-button")  # closes it (fading out)
    page.wait_for("document.querySelectorAll('.leaflet-popup').length === 0")
    click_at(*target)
    click_at(target[0] + 60, target[1] + 40)
    assert page.evaluate("return document.querySelectorAll('.leaflet-popup').length") == 0
    out = page.text(".atlas-measure-out")
    assert out.endswith("km (sphere)") and not out.startswith("0.0"), out


def test_two_fragments_have_their_own_ids_and_apis(browser, tmp_path, gazetteer):
    import datetime as dt

    from geo.records import load_records
    from geo.render.web import build_map

    records = load_records(gazetteer=gazetteer)
    first = build_map(records, gazetteer=gazetteer, start=dt.date(2022, 1, 1), end=dt.date(2022, 12, 31))
    second = build_map(records, gazetteer=gazetteer, start=dt.date(2012, 1, 1), end=dt.date(2013, 12, 31))
    body = "\n".join(m.html(self_contained=True, fragment=True) for m in (first, second))
    page_file = tmp_path / "report.html"
    page_file.write_text(f'<!DOCTYPE html><html><head><meta charset="utf-8"></head><body>{body}</body></html>')
    page = browser.open_page(page_file)
    page.wait_for("window.atlases && Object.keys(window.atlases).length === 2")
    state = page.evaluate(
        "const ids = Array.from(document.querySelectorAll('[id]')).map(e => e.id);"
        "const apis = Object.values(window.atlases);"
        "return {duplicates: ids.filter((id, i) => ids.indexOf(id) !== i),"
        " last: window.atlas === apis[1], containers: apis.map(a => a.id),"
        " drawn: apis.map(a => a.visible().incidents + a.visible().zones),"
        " sliders: document.querySelectorAll('.atlas-time input[type=range]').length}"
    )
    assert not state["duplicates"], state["duplicates"]
    assert state["last"] and state["sliders"] == 2 and all(n > 0 for n in state["drawn"]), state
    # each time control moves its own map only
    page.evaluate("window.atlases[arguments[0]].setDate('2012-01-01')", state["containers"][0])
    first_label = page.evaluate(
        "return document.getElementById(arguments[0] + '-asof').textContent", state["containers"][0]
    )
    second_label = page.evaluate(
        "return document.getElementById(arguments[0] + '-asof').textContent", state["containers"][1]
    )
    assert first_label != second_label
    # both are drawn (SVG paths in each container), and Leaflet never refuses the second one
    drawn = page.evaluate(
        "return Array.from(document.querySelectorAll('.leaflet-container'))"
        ".map(function (c) { return c.querySelectorAll('path').length; })"
    )
    assert len(drawn) == 2 and all(n > 0 for n in drawn), drawn
    assert not [m for m in page.console_errors() if "already initialized" in m]
