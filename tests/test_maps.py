"""Maps: the data a page carries, hostile text, self-contained output, recipes, commands."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
import re
from pathlib import Path

import pytest
from conftest import HOSTILE, write_seed_file

from geo.cli import main
from geo.errors import ActorNotFoundError, InputError
from geo.recipes import load_recipe
from geo.records import load_records
from geo.render.page import asset, json_for_script
from geo.render.web import build_map, page_incidents

D = dt.date


def payload(html: str) -> dict:
    """The data block a page carries."""
    match = re.search(r'<script type="application/json" id="atlas-data-\w+">(.*?)</script>', html, re.S)
    assert match, "no atlas data in the page"
    return json.loads(match.group(1))


def layer(data: dict, key: str) -> dict:
    return next(item for item in data["layers"] if item["key"] == key)


def incidents_of(data: dict) -> dict[str, dict]:
    """The incidents a page carries (columns, read back as the page's script does), by id."""
    return {row["id"]: row for row in page_incidents(layer(data, "incidents"))}


@pytest.fixture(scope="module")
def bundled(gazetteer):
    return load_records(gazetteer=gazetteer)


@pytest.fixture(scope="module")
def menaka_html(bundled, gazetteer):
    atlas = build_map(
        bundled, gazetteer=gazetteer, start=D(2022, 1, 1), end=D(2023, 4, 30), area="ml-region-menaka", intensity=True
    )
    return atlas.html()


def test_the_page_is_self_contained(menaka_html):
    assert "cdn.jsdelivr" not in menaka_html and "code.jquery" not in menaka_html
    assert not re.search(r'<(?:script|link)[^>]+(?:src|href)="https?://', menaka_html)
    assert "L.Map" in menaka_html or "L.map" in menaka_html  # Leaflet itself is inlined
    assert "data:image/png;base64," in menaka_html  # its images too
    assert "window.atlasInit" in menaka_html


def test_without_the_flag_folium_links_leaflet_from_its_cdn(bundled, gazetteer):
    html = build_map(bundled, gazetteer=gazetteer, start=D(2012, 1, 1), end=D(2012, 12, 31)).html(self_contained=False)
    assert '<script src="https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.js"></script>' in html


def test_the_page_runs_only_its_own_scripts(menaka_html):
    """One policy for every page (geo.render.page.csp_meta): the page's scripts by hash,
    images from data: URIs and the online tiles, nothing else."""
    policy = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', menaka_html).group(1)
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    scripts = re.findall(r"<script>(.*?)</script>", menaka_html, re.S)
    assert directives["default-src"] == "'none'" and "unsafe" not in directives["script-src"]
    assert directives["script-src"].split() == [
        "'sha256-" + base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode("ascii") + "'"
        for body in scripts
    ]
    assert directives["img-src"] == "data: https://tile.openstreetmap.org https://server.arcgisonline.com"
    assert menaka_html.index("Content-Security-Policy") < menaka_html.index("<script")


def test_the_old_import_paths_still_name_the_same_functions():
    import geo.figures
    import geo.maps
    import geo.report
    from geo.render import figures, page, report, select, web

    assert (geo.maps.build_map, geo.maps.write_html, geo.maps.map_extent) == (
        web.build_map,
        page.write_html,
        select.map_extent,
    )
    assert (geo.figures.snapshot, geo.report.build_report) == (figures.snapshot, report.build_report)


def test_the_page_has_the_expected_layers_features_and_intervals(menaka_html):
    data = payload(menaka_html)
    keys = [item["key"] for item in data["layers"]]
    assert keys == ["boundaries", "zones", "incidents", "intensity", "places"]
    zones = layer(data, "zones")["features"]
    tidermene = [f for f in zones if "ml-tidermene" in f["properties"]["places"]]
    assert tidermene and all(f["properties"]["start"] >= "2023-04-01" for f in tidermene)
    incidents = incidents_of(data)
    assert incidents["inc-2022-03-08-menaka"]["start"] == "2022-03-08"
    uncertain = incidents["inc-2022-03-menaka"]
    assert (uncertain["start"], uncertain["end"]) == ("2022-03-07", "2022-06-30")  # drawn over its whole interval
    assert uncertain["actors"][0] == "isgs" and "isgs" in data["actors"]
    assert data["dates"] == sorted(data["dates"]) and data["dates"][0] >= "2022-01-01"
    assert data["dates"][-1] <= "2023-04-30"
    places_line, boundaries_line, _records_line = data["attribution"]  # tests/test_credits.py: the OSM credit
    assert places_line.startswith("Places: GeoNames (CC BY 4.0), ") and places_line.endswith("curated gazetteer")
    assert boundaries_line == "Boundaries: OCHA COD-AB, Natural Earth"
    # contested zones are hatched with a pattern of the actor's colour
    contested = [f for f in zones if f["properties"]["style"].get("className", "").startswith("atlas-hatch-")]
    assert contested and {h["id"] for h in data["hatches"]} >= {
        f["properties"]["style"]["className"] for f in contested
    }


def test_sources_become_links_only_when_they_are_http(menaka_html):
    data = payload(menaka_html)
    for _title, url in data["sources"].values():
        assert url is None or re.match(r"https?://", url)
    assert any(url for _, url in data["sources"].values())


def test_two_renders_are_byte_identical(bundled, gazetteer):
    options = {"gazetteer": gazetteer, "start": D(2012, 1, 1), "end": D(2013, 12, 31), "intensity": True}
    first = build_map(bundled, **options).html()
    second = build_map(bundled, **options).html()
    assert first == second
    assert re.search(r"\bmap_[0-9a-f]{8}0001\b", first)  # a hash of the data and a number, not random


@pytest.mark.parametrize(
    ("url", "link"),
    [
        ("https://example.org/a?b=1", "https://example.org/a?b=1"),
        ("HTTP://EXAMPLE.ORG", "HTTP://EXAMPLE.ORG"),
        ("javascript:alert(1)", None),
        ("data:text/html,<script>", None),
        ("//example.org", None),
        ('https://example.org/"><script>', None),
        ("", None),
    ],
)
def test_only_http_urls_become_links(url, link):
    from geo.render.page import http_url

    assert http_url(url) == link


def test_json_in_a_script_cannot_close_it():
    text = json_for_script({"note": "</script><!-- x", "nan": float("nan")})
    assert "</" not in text and "<!--" not in text
    assert json.loads(text) == {"note": "</script><!-- x", "nan": None}


def test_fragment_mode_gives_a_div_without_a_document(bundled, gazetteer):
    html = build_map(bundled, gazetteer=gazetteer, start=D(2012, 1, 1), end=D(2012, 12, 31)).html(fragment=True)
    assert html.startswith('<div class="sahel-atlas-fragment"') and html.endswith("</div>")
    assert "<html" not in html and "<body" not in html and "window.atlasInit" in html


def test_bad_options_are_refused(bundled, gazetteer):
    with pytest.raises(InputError, match="unknown step"):
        build_map(bundled, gazetteer=gazetteer, step="fortnight")
    with pytest.raises(InputError, match="swap"):
        build_map(bundled, gazetteer=gazetteer, start=D(2023, 1, 1), end=D(2022, 1, 1))
    with pytest.raises(ActorNotFoundError, match="closest"):
        build_map(bundled, gazetteer=gazetteer, actors=["Islamic Stat Grater Sahara"])
    with pytest.raises(InputError, match="not an area"):
        build_map(bundled, gazetteer=gazetteer, area="ml-menaka")


def test_monthly_steps_show_a_month_of_incidents(bundled, gazetteer):
    atlas = build_map(bundled, gazetteer=gazetteer, start=D(2022, 1, 1), end=D(2022, 12, 31), step="month")
    data = atlas.atlas_data
    assert data["dates"][:2] == ["2022-01-31", "2022-02-28"] and len(data["dates"]) == 12
    assert layer(data, "incidents")["window_days"] == 31


# --- hostile text -----------------------------------------------------------------------


def test_hostile_text_never_reaches_the_page_as_markup(hostile_seeds, tmp_path, capsys):
    out = tmp_path / "hostile.html"
    args = ["map", "--seeds", str(hostile_seeds), "--self-contained", "--title", HOSTILE, "--out", str(out)]
    assert main(args) == 0
    html = out.read_text(encoding="utf-8")
    # The hostile strings appear only inside the JSON payload, with every "<" escaped.
    assert "<script>alert(1)" not in html and "<img src=x" not in html
    assert "\\u003cscript>alert(1)" in html
    data = payload(html)
    assert data["title"] == HOSTILE  # kept as text; the page sets it with textContent
    assert data["sources"]["doc-a"] == [HOSTILE, None]
    assert data["sources"]["news-b"][1] is None  # a URL with quotes and brackets is not a link either
    incident = next(iter(incidents_of(data).values()))
    assert incident["note"].startswith(HOSTILE)
    assert data["actors"]["evil"][0] == HOSTILE
    script = asset("atlas")
    assert "innerHTML =" not in script  # nothing from the data is parsed as HTML
    assert "textContent" in script


# --- recipes and commands -----------------------------------------------------------------


def test_the_bundled_recipes_load():
    folder = Path(__file__).parents[1] / "maps"
    names = sorted(path.stem for path in folder.glob("*.toml"))
    assert names == ["mali-2012-2023", "menaka-2022-2023", "north-2012-2013"]
    menaka = load_recipe(folder / "menaka-2022-2023.toml")
    assert menaka.start == D(2022, 1, 1) and menaka.end == D(2023, 4, 30) and menaka.intensity


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('title = "x"\nfrom = "2022-13"\n', "from = '2022-13'"),
        ('title = "x"\ncolour = "red"\n', "unknown key(s) colour"),
        ('from = "2022"\n', "no title"),
        ('title = "x"\nbbox = [1, 2, 3]\n', "four numbers"),
        ('title = "x"\nmethod = "kde"\n', "buffer or voronoi"),
        ('title = "x"\nout = "../evil.html"\n', "file name ending in .html"),
        ('title = "x"\nstep = 3\n', "must be str"),
        ('title = "x\n', "not valid TOML"),
    ],
)
def test_recipe_mistakes_name_the_file_the_key_and_the_fix(tmp_path, text, message):
    path = tmp_path / "bad.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_recipe(path)
    assert str(path) in str(caught.value) and message in str(caught.value)


def test_render_writes_every_recipe_and_twice_the_same_bytes(tmp_path, capsys):
    recipe = tmp_path / "north.toml"
    recipe.write_text('title = "North"\nfrom = "2012-01"\nto = "2012-12"\nbbox = [-6.5, 13.5, 4.5, 21.5]\n', "utf-8")
    assert main(["render", str(recipe), "--out", str(tmp_path / "a")]) == 0
    assert main(["render", str(recipe), "--out", str(tmp_path / "b")]) == 0
    first, second = (tmp_path / "a" / "north.html").read_bytes(), (tmp_path / "b" / "north.html").read_bytes()
    assert first == second
    err = capsys.readouterr().err
    assert "[1/1] north: North" in err and "wrote" in err
    assert main(["render", str(tmp_path / "missing.toml")]) == 2


def test_map_command_with_an_incidents_file(tmp_path, capsys):
    incidents = tmp_path / "mine.csv"
    write_seed_file(tmp_path / "x", "incidents.csv", [])  # the header
    rows = (tmp_path / "x" / "incidents.csv").read_text(encoding="utf-8")
    rows += "inc-1,2022-03-08,ml-tamalat,,,,1,Battles,Armed clash,isgs,msa,,3,3,3,,,acled,,,\n"  # 21 cells
    incidents.write_text(rows, encoding="utf-8")
    out = tmp_path / "m.html"
    assert main(["map", "--incidents", str(incidents), "--no-zones", "--out", str(out)]) == 0
    data = payload(out.read_text(encoding="utf-8"))
    assert list(incidents_of(data)) == ["inc-1"]
    bad = tmp_path / "bad.csv"
    bad.write_text(rows.replace("2022-03-08", "2022-02-30"), encoding="utf-8")
    assert main(["map", "--incidents", str(bad), "--out", str(out)]) == 1
    assert "bad.csv:2" in capsys.readouterr().err


def test_a_bounding_box_may_start_with_a_western_longitude(tmp_path, capsys):
    out = tmp_path / "west.html"
    args = ["map", "--bbox", "-6.5,13.5,4.5,21.5", "--from", "2012", "--to", "2012", "--no-zones", "--out", str(out)]
    assert main(args) == 0
    assert payload(out.read_text(encoding="utf-8"))["bounds"] == [[13.5, -6.5], [21.5, 4.5]]
    assert main(["map", "--bbox", "1,2", "--out", str(out)]) == 2
    assert "--bbox '1,2': the bounding box takes four numbers" in capsys.readouterr().err


def test_intensity_is_drawn_when_asked(bundled, gazetteer):
    atlas = build_map(bundled, gazetteer=gazetteer, start=D(2022, 1, 1), end=D(2023, 4, 30), intensity=True)
    spec = layer(payload(atlas.html()), "intensity")
    assert spec["features"] and spec.get("shown", True) is True


def test_two_maps_have_different_element_ids_and_one_map_always_the_same(bundled, gazetteer):
    def map_names(start: dt.date) -> set[str]:
        html = build_map(bundled, gazetteer=gazetteer, start=start, end=start.replace(month=12, day=31)).html()
        return set(re.findall(r"\bmap_[0-9a-f]{12}\b", html))

    first, again, other = map_names(D(2022, 1, 1)), map_names(D(2022, 1, 1)), map_names(D(2012, 1, 1))
    assert len(first) == 1 and first == again and first != other


# --- seeing the data: panes, labels, colours, places known only to an area -------------------


def test_layers_sit_in_panes_by_meaning(menaka_html):
    data = payload(menaka_html)
    panes = {item["key"]: item["pane"] for item in data["layers"]}
    assert panes["boundaries"] < panes["intensity"] < panes["zones"] < panes["incidents"] < panes["places"]
    assert layer(data, "intensity")["shown"] is True


def test_labels_come_by_priority_towns_first(bundled, gazetteer):
    data = build_map(bundled, gazetteer=gazetteer, start=D(2012, 1, 1), end=D(2013, 12, 31)).atlas_data
    labels = [f["properties"] for f in layer(data, "places")["features"]]
    ranks = [p["rank"] for p in labels]
    assert ranks == sorted(ranks)  # the page shows them greedily in this order
    names = {p["label"]: p["rank"] for p in labels}
    assert names["Bamako"] == 0 and names["Gao"] == 1 and names["Kidal"] == 1  # capital, regional capitals
    assert "Hamburg" not in names  # towns far outside the view are not labelled


def test_an_incident_known_only_to_an_area_is_never_a_dot(bundled, gazetteer):
    data = build_map(bundled, gazetteer=gazetteer, start=D(2003, 1, 1), end=D(2003, 12, 31), zones=False).atlas_data
    algeria = incidents_of(data)["inc-2003-algeria"]
    assert algeria["area"] == "dz" and data["areas"]["dz"]["type"] in ("Polygon", "MultiPolygon")
    for row in incidents_of(build_map(bundled, gazetteer=gazetteer, zones=False).atlas_data).values():
        assert row["area"] or row["ring_km"] is None or row["ring_km"] > 25


def test_actors_carry_a_family_and_event_types_colour_blind_safe_colours(menaka_html):
    data = payload(menaka_html)
    assert data["actors"]["isgs"][2] == "jihadist" and data["actors"]["fama"][2] == "forces"
    assert set(data["families"]) == {"jihadist", "armed", "forces", "other"}
    assert data["event_colours"]["Battles"] == "#D55E00"  # Okabe-Ito
    tamalat = incidents_of(data)["inc-2022-03-08-menaka"]
    assert tamalat["type"] == "Violence against civilians" and tamalat["event"].startswith(tamalat["type"])


def test_any_range_with_records_has_a_time_step(bundled, gazetteer):
    atlas = build_map(bundled, gazetteer=gazetteer, actors=["jnim"], start=D(2019, 1, 1), end=D(2019, 12, 31))
    assert len(atlas.atlas_data["dates"]) >= 1
    assert all("2019-01-01" <= day <= "2019-12-31" for day in atlas.atlas_data["dates"])


def test_the_jnim_2019_command_has_a_time_step(tmp_path, capsys):
    out = tmp_path / "jnim.html"
    assert main(["map", "--actors", "jnim", "--from", "2019", "--to", "2019", "--out", str(out)]) == 0
    assert payload(out.read_text(encoding="utf-8"))["dates"]
    assert " 0 time steps" not in capsys.readouterr().err


# --- compact pages: incidents as columns, big maps (issue 18) --------------------------------


def test_incidents_travel_as_columns_each_repeated_value_written_once(bundled, gazetteer):
    data = build_map(bundled, gazetteer=gazetteer, zones=False).atlas_data
    spec = layer(data, "incidents")
    assert "rows" not in spec and spec["count"] == len(spec["columns"]["id"]) == len(bundled.incidents)
    columns = spec["columns"]
    for name in ("where", "event", "actors", "deaths", "sources", "date"):  # dictionaries: values once, then indexes
        values, index = columns[name]["values"], columns[name]["index"]
        assert len(index) == spec["count"] and len(values) == len({json.dumps(v) for v in values}) <= len(index)
        assert all(isinstance(i, int) for i in index)
    # days as whole numbers from base_day (in date order: written as steps); coordinates in 1e-5 degrees
    assert all(step is None or (isinstance(step, int) and step >= 0) for step in columns["start"]["delta"])
    assert spec["scale"] == 100_000 and all(isinstance(v[1], int) for v in columns["where"]["values"])
    rows = incidents_of(data)
    frame = bundled.incidents.set_index("id")
    for ident, row in rows.items():
        record = frame.loc[ident]
        assert (row["start"], row["end"]) == (
            record["start"] and record["start"].isoformat(),
            record["end"] and record["end"].isoformat(),
        )
        assert (row["lon"], row["lat"]) == (round(record.geometry.x, 5), round(record.geometry.y, 5))
        assert row["actors"] == list(record["actors"]) and row["sources"] == list(record["sources"])
        assert row["note"] == record["note"] and row["date"] in (record["date"], row["start"])
    menaka = rows["inc-2022-03-08-menaka"]
    assert (menaka["place"], menaka["type"], menaka["deaths"] if "deaths" in menaka else menaka["best"]) == (
        "Ménaka Region",
        "Violence against civilians",
        frame.loc["inc-2022-03-08-menaka", "fatalities_best"],
    )


def test_big_maps_pack_their_notes_and_draw_no_zones_from_incidents(bundled, gazetteer, monkeypatch):
    import geo.influence
    import geo.render.web as web

    asked: list[dict] = []

    class Influence(geo.influence.Influence):  # records the parameters the map asks for
        def __init__(self, *args, **kwargs):
            asked.append(dict(kwargs.get("params") or {}))
            super().__init__(*args, **kwargs)

    monkeypatch.setattr(geo.influence, "Influence", Influence)
    plain = incidents_of(build_map(bundled, gazetteer=gazetteer, zones=False).atlas_data)
    monkeypatch.setattr(web, "NOTES_PACKED_ABOVE", 10)  # as if the map had thousands of incidents
    monkeypatch.setattr(web, "INCIDENT_ZONES_ABOVE", 10)
    data = build_map(bundled, gazetteer=gazetteer).atlas_data
    notes = layer(data, "incidents")["columns"]["note"]
    assert sorted(notes) == ["deflate"] and all(ord(c) < 128 for c in notes["deflate"])  # base64 of zlib
    assert incidents_of(data) == plain  # read back the same
    assert asked[-1] == {"influence_from_incidents": False}
    zone_ids = [f["properties"]["id"] for f in layer(data, "zones")["features"]]
    assert zone_ids and not [z for z in zone_ids if "/influence/incidents/" in z]
    build_map(bundled, gazetteer=gazetteer, params={"influence_from_incidents": True})  # asked for: kept
    assert asked[-1] == {"influence_from_incidents": True}


def test_a_zone_popup_names_its_first_records_and_how_many_more(bundled, gazetteer):
    data = build_map(bundled, gazetteer=gazetteer, start=D(2012, 1, 1), end=D(2023, 12, 31)).atlas_data
    for feature in layer(data, "zones")["features"]:
        rows = dict(feature["properties"]["popup"]["rows"])
        named = rows["records"].split(" and ")[0].split(", ")
        assert len(named) <= 12
        if " more (geo export lists them all)" in rows["records"]:
            assert len(named) == 12
    # every distinct shape is written once
    shapes = data["shapes"]
    assert len({json.dumps(s) for s in shapes}) == len(shapes)
