"""The maps in a real browser: headless Chromium, every network request refused.

Each bundled recipe is rendered with ``geo render`` and opened; the map must draw, its
time control must make features appear and disappear at the right dates, and the
console must stay clean. A copy of the records with hostile text is drawn too.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from browser import at, check_map, click_back, click_forward, slide

from geo.cli import main

RECIPES = sorted((Path(__file__).parents[1] / "maps").glob("*.toml"))


@pytest.fixture(scope="module")
def rendered(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("rendered")
    assert main(["render", *map(str, RECIPES), "--out", str(out)]) == 0
    return out


@pytest.mark.parametrize("recipe", [path.stem for path in RECIPES])
def test_every_recipe_draws_offline_with_a_working_time_control(browser, rendered, recipe):
    page = browser.open_page(rendered / f"{recipe}.html")
    findings = check_map(page, expect_layers=("zones", "incidents", "places", "boundaries"))
    assert findings["drawn"] > 10
    assert not findings["console_errors"] and not findings["failed_requests"]
    first, last = findings["dates"][0], findings["dates"][-1]
    assert at(page, first) != at(page, last)  # the picture changes over time
    forward = click_forward(page) if page.evaluate("return window.atlas.date()") != last else click_back(page)
    assert forward.startswith("as of ")


def test_menaka_features_appear_and_disappear_at_their_dates(browser, rendered):
    page = browser.open_page(rendered / "menaka-2022-2023.html")
    check_map(page)
    # ISGS's April 2023 claims change the zones drawn.
    zones_places = "return window.atlas.visible()"
    at(page, "2023-03-31")
    before = set(page.evaluate("return window.atlas.shown('zones')"))
    at(page, "2023-04-30")
    after = set(page.evaluate("return window.atlas.shown('zones')"))
    assert {z for z in after - before if z.startswith("isgs/")}, (before, after)
    # An incident shows during the 30 days to a step, not before it happened.
    at(page, "2022-03-01")
    tamalat_before = page.evaluate(_popups_text_script("inc-2022-03-08-menaka"))
    at(page, "2022-03-09")
    tamalat_after = page.evaluate(_popups_text_script("inc-2022-03-08-menaka"))
    assert tamalat_before is False and tamalat_after is True
    assert page.evaluate(zones_places)["incidents"] >= 1


def _popups_text_script(incident_id: str) -> str:
    """JS: whether the incident with this id is drawn now."""
    return f"return window.atlas.shown('incidents').indexOf({incident_id!r}) >= 0"


def test_the_slider_moves_the_date(browser, rendered):
    page = browser.open_page(rendered / "north-2012-2013.html")
    findings = check_map(page)
    result = slide(page, 0)
    assert result["date"] == findings["dates"][0] and result["asof"] == f"as of {findings['dates'][0]}"


def test_hostile_text_does_not_run_in_the_browser(browser, hostile_seeds, tmp_path):
    out = tmp_path / "hostile.html"
    title = "<img src=x onerror=window.__pwned=1><script>window.__pwned=2</script>"
    assert main(["map", "--seeds", str(hostile_seeds), "--self-contained", "--title", title, "--out", str(out)]) == 0
    page = browser.open_page(out)
    check_map(page, require_clean=False)
    at(page, "2022-03-08")
    opened = page.evaluate(
        "var el = document.querySelector('path.atlas-incident');"
        "el.dispatchEvent(new MouseEvent('click', {bubbles: true, clientX: 1, clientY: 1}));"
        "return document.querySelector('.leaflet-popup-content').textContent"
    )
    assert "<script>alert(1)</script>" in opened  # the note, shown as text
    assert page.evaluate("return window.__pwned === undefined")
    assert (
        page.evaluate("return document.querySelectorAll('img[src=\"x\"], .leaflet-popup-content script').length") == 0
    )
    assert page.evaluate("return document.querySelector('.atlas-title h1').textContent") == title


def test_a_map_that_links_leaflet_says_so_when_offline(browser, tmp_path, capsys):
    out = tmp_path / "online.html"
    assert main(["map", "--area", "ml-region-menaka", "--from", "2022-03", "--to", "2022-04", "--out", str(out)]) == 0
    page = browser.open_page(out)  # the network is refused: Leaflet cannot load
    text = page.wait_for(
        "document.querySelector('.atlas-offline') && document.querySelector('.atlas-offline').textContent"
    )
    assert "could not load its mapping library" in text and "--self-contained" in text


def test_a_big_map_unpacks_its_notes_as_text_and_a_popup_stays_open_through_a_redraw(
    browser, hostile_seeds, tmp_path, monkeypatch
):
    import geo.render.web as web
    from geo.records import load_records
    from geo.render.page import write_html

    monkeypatch.setattr(web, "NOTES_PACKED_ABOVE", 0)  # notes packed as in a map of thousands of incidents
    atlas = web.build_map(load_records(hostile_seeds), title="Packed notes")
    assert "deflate" in next(x for x in atlas.atlas_data["layers"] if x["key"] == "incidents")["columns"]["note"]
    page = browser.open_page(write_html(atlas.html(self_contained=True), tmp_path / "packed.html"))
    check_map(page, require_clean=False)
    at(page, "2022-03-08")
    page.wait_for("window.atlas.incidents().every(function (o) { return o.note; })")  # unpacked after drawing
    opened = page.evaluate(
        "var el = document.querySelector('path.atlas-incident');"
        "el.dispatchEvent(new MouseEvent('click', {bubbles: true, clientX: 1, clientY: 1}));"
        "return document.querySelector('.leaflet-popup-content').textContent"
    )
    assert "<script>alert(1)</script>" in opened  # the note, shown as text
    assert page.evaluate("return window.__pwned === undefined")
    # a move redraws the incidents (colours, density): the open popup stays open
    page.evaluate("window.atlas.map.panBy([30, 20], {animate: false})")
    page.wait_for("window.atlas.map.getCenter() && true")
    assert page.evaluate("return document.querySelectorAll('.leaflet-popup').length") == 1
    assert "<script>alert(1)</script>" in page.evaluate(
        "return document.querySelector('.leaflet-popup-content').textContent"
    )
