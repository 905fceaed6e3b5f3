"""Static figures (snapshot, area chart), saving them, their commands, and the HTML report."""

from __future__ import annotations

import datetime as dt
import math
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import HOSTILE

pytest.importorskip("matplotlib")

from geo import schema
from geo.cli import main
from geo.errors import ActorNotFoundError, InputError
from geo.influence import Influence
from geo.measure import geodesic
from geo.records import load_records
from geo.render.figures import area_chart, figure_bytes, figure_format, save_figure, snapshot
from geo.render.page import link
from geo.render.report import build_report, source_item

D = dt.date
MAGIC = {"png": b"\x89PNG\r\n\x1a\n", "svg": b"<?xml", "pdf": b"%PDF-"}


@pytest.fixture(scope="module")
def bundled(gazetteer):
    return load_records(gazetteer=gazetteer)


@pytest.fixture(scope="module")
def influence(bundled, gazetteer):
    return Influence(bundled, gazetteer=gazetteer)


@pytest.fixture(scope="module")
def menaka(bundled, gazetteer, influence):
    """The bundled records on 2023-04-30 around Ménaka."""
    return snapshot(bundled, gazetteer, day=D(2023, 4, 30), influence=influence, area="ml-region-menaka")


def gids(fig) -> set[str]:
    return {artist.get_gid() for artist in fig.findobj() if artist.get_gid()}


# --- snapshot ---------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["png", "svg", "pdf"])
def test_a_snapshot_saves_as_png_svg_and_pdf(menaka, tmp_path, fmt):
    path = save_figure(menaka, tmp_path / f"menaka.{fmt}")
    data = path.read_bytes()
    assert data.startswith(MAGIC[fmt])
    assert len(data) > 10_000
    assert sorted(p.name for p in tmp_path.iterdir()) == [f"menaka.{fmt}"]  # no temporary file left behind


def test_the_svg_carries_the_title_the_actors_colour_and_the_attribution(menaka, bundled):
    svg = figure_bytes(menaka, "svg").decode("utf-8")
    colour = bundled.actors["isgs"].colour
    assert colour.lower() in svg or colour.upper() in svg
    assert "Sahel conflict atlas — as of 2023-04-30" in svg  # text stays text (svg.fonttype none)
    assert "GeoNames (CC BY 4.0)" in svg and "OCHA COD-AB" in svg and "Natural Earth" in svg
    for gid in ("zone-isgs-control", "zone-isgs-contested", "zone-isgs-activity", "legend", "attribution"):
        assert f'id="{gid}"' in svg
    assert re.search(r"\d+ km \(geodesic, at 1[67]\.\d°N\)", svg)  # the scale bar
    assert "Islamic State in the Greater Sahara" in svg  # in the legend
    assert "Tidermène" in svg and "Ménaka" in svg  # place labels


@pytest.mark.parametrize("fmt", ["svg", "pdf", "png"])
def test_re_renders_are_byte_identical(bundled, gazetteer, influence, fmt):
    def render() -> bytes:
        fig = snapshot(bundled, gazetteer, day=D(2023, 4, 30), influence=influence, area="ml-region-menaka")
        return figure_bytes(fig, fmt)

    first, second = render(), render()
    assert first == second
    if fmt == "svg":
        assert b"<dc:date>" not in first and b"Matplotlib v" not in first
    if fmt == "pdf":
        assert b"/CreationDate" not in first


def test_the_map_is_drawn_in_lon_lat_with_the_aspect_of_its_mid_latitude(menaka, gazetteer):
    ax = menaka.axes[0]
    (west, east), (south, north) = ax.get_xlim(), ax.get_ylim()
    area = gazetteer.areas.geometry("ml-region-menaka").bounds
    assert west <= area[0] and south <= area[1] and east >= area[2] and north >= area[3]
    assert ax.get_aspect() == pytest.approx(1 / math.cos(math.radians((south + north) / 2)))
    assert "longitude" in ax.get_xlabel() and "latitude" in ax.get_ylabel()
    labels = [t.get_text() for t in ax.get_xticklabels() + ax.get_yticklabels()]
    assert any(label.endswith("°E") for label in labels) and any(label.endswith("°N") for label in labels)


def test_the_scale_bar_is_measured_geodesically_at_the_mid_latitude(menaka):
    ax = menaka.axes[0]
    (west, east), (south, north) = ax.get_xlim(), ax.get_ylim()
    bar = next(a for a in ax.artists if a.get_gid() == "scale-bar")
    label = bar.txt_label.get_text()
    km = float(re.match(r"([\d.]+) km", label).group(1))
    width_deg = bar.size_bar.get_children()[0].get_width()
    mid = (south + north) / 2
    measured = float(geodesic(mid, 2.0, mid, 2.0 + width_deg)[0])
    assert measured == pytest.approx(km, rel=1e-3)
    assert f"{mid:.1f}°N" in label
    assert km / float(geodesic(mid, west, mid, east)[0]) <= 0.2  # at most a fifth of the map


def test_incidents_of_the_30_days_to_the_day_are_drawn_sized_by_deaths(bundled, gazetteer, influence):
    fig = snapshot(bundled, gazetteer, day=D(2022, 3, 31), influence=influence, area="ml-region-menaka")
    drawn = {g.removeprefix("incident-") for g in gids(fig) if g.startswith("incident-")}
    incidents = bundled.incidents
    expected = {
        row[schema.ID]
        for row, point in zip(incidents.to_dict("records"), incidents.geometry, strict=True)
        if row[schema.START]
        and row[schema.START] <= D(2022, 3, 31)
        and (row[schema.END] is None or row[schema.END] >= D(2022, 3, 2))
        and gazetteer.areas.geometry("ml-region-menaka").intersects(point)
    }
    assert drawn == expected and "inc-2022-03-08-menaka" in drawn
    markers = {line.get_gid(): line for line in fig.axes[0].lines if (line.get_gid() or "").startswith("incident-")}
    sizes = {gid: line.get_markersize() for gid, line in markers.items()}
    assert len(set(sizes.values())) > 1  # not all the same size
    # none of the incidents of the following months
    later = snapshot(bundled, gazetteer, day=D(2023, 6, 30), influence=influence, area="ml-region-menaka")
    assert "incident-inc-2022-03-08-menaka" not in gids(later)


def test_regions_are_those_valid_on_the_day(bundled, gazetteer, influence):
    early = gids(snapshot(bundled, gazetteer, day=D(2013, 1, 15), influence=influence, bbox=(-1.0, 14.0, 4.0, 18.0)))
    assert "boundary-ml-region-gao-pre2016" in early and "boundary-ml-region-menaka" not in early
    late = gids(snapshot(bundled, gazetteer, day=D(2023, 4, 30), influence=influence, bbox=(-1.0, 14.0, 4.0, 18.0)))
    assert "boundary-ml-region-menaka" in late and "boundary-ml-region-gao-pre2016" not in late
    assert "boundary-ml" in late  # the country


def test_actors_limit_the_zones_and_unknown_actors_name_the_closest(bundled, gazetteer, influence):
    fig = snapshot(
        bundled, gazetteer, day=D(2023, 4, 30), influence=influence, actors=["EIGS"], area="ml-region-menaka"
    )
    zones = {g for g in gids(fig) if g.startswith("zone-")}
    assert zones and all(g.startswith("zone-isgs-") for g in zones)
    with pytest.raises(ActorNotFoundError, match="closest"):
        snapshot(bundled, gazetteer, day=D(2023, 4, 30), influence=influence, actors=["Islamic State Grater Sahara"])


def test_texts_are_drawn_literally_and_missing_glyphs_do_not_warn(bundled, gazetteer, influence, tmp_path):
    # warnings are errors in this test run: a missing glyph or a mathtext parse would fail here
    title = "Cost $5 and $6 \\frac{1}{2} \u4e2d ǂ"
    fig = snapshot(bundled, gazetteer, day=D(2023, 4, 30), influence=influence, area="ml-region-menaka", title=title)
    save_figure(fig, tmp_path / "literal.png")
    svg = figure_bytes(fig, "svg").decode("utf-8")
    assert "Cost $5 and $6 \\frac{1}{2} ? ǂ — as of 2023-04-30" in svg  # 中 is not in the font


# --- area chart -------------------------------------------------------------------------------


def test_the_area_chart_plots_the_timeline_values(influence):
    start, end = D(2021, 6, 1), D(2023, 4, 30)
    fig = area_chart(influence, "ISGS", start=start, end=end, every="quarter")
    table = influence.timeline("isgs", start=start, end=end, every="quarter")
    ax = fig.axes[0]
    lines = {line.get_label(): line for line in ax.lines}
    drawn = [zone for zone in schema.ZONES if table[f"{zone}_km2"].any()]
    assert sorted(lines) == sorted(drawn) and "control" in lines
    for zone, line in lines.items():
        assert list(line.get_ydata()) == pytest.approx(list(table[f"{zone}_km2"]))
        assert list(line.get_xdata()) == list(table["end"])
    fill = next(c for c in ax.collections if c.get_gid() == "fill-control")
    top = fill.get_paths()[0].vertices[:, 1].max()
    assert top == pytest.approx(table["control_km2"].max())
    assert "zone areas over time" in ax.get_title(loc="left")
    assert "km²" in ax.get_ylabel()
    caption = next(t for t in fig.texts if t.get_gid() == "caption").get_text()
    assert "Method: buffer" in caption and "window_days 90" in caption


def test_the_area_chart_says_when_there_is_no_zone(influence):
    fig = area_chart(influence, "isgs", start=D(2001, 1, 1), end=D(2001, 12, 31))
    assert not fig.axes[0].lines
    assert any(t.get_gid() == "empty" for t in fig.axes[0].texts)


def test_area_chart_mistakes(influence):
    with pytest.raises(InputError, match="unknown period 'weekly'"):
        area_chart(influence, "isgs", every="weekly")
    with pytest.raises(InputError, match="swap"):
        area_chart(influence, "isgs", start=D(2023, 1, 1), end=D(2022, 1, 1))
    with pytest.raises(ActorNotFoundError, match="closest"):
        area_chart(influence, "Islamic State Grater Sahara")


# --- saving -----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["map.jpg", "map", "map.svgz"])
def test_an_unknown_suffix_is_refused_naming_it(menaka, tmp_path, name):
    with pytest.raises(InputError, match=r"use \.png, \.svg or \.pdf") as caught:
        save_figure(menaka, tmp_path / name)
    assert name in str(caught.value)
    assert not list(tmp_path.iterdir())


def test_the_suffix_is_case_insensitive():
    assert figure_format("A.PNG") == "png" and figure_format(Path("b.Pdf")) == "pdf"


# --- commands ---------------------------------------------------------------------------------


def test_geo_snapshot_writes_the_figure(tmp_path, capsys):
    out = tmp_path / "menaka.svg"
    args = ["snapshot", "--at", "2023-04", "--area", "ml-region-menaka", "--actors", "isgs", "--out", str(out)]
    assert main(args) == 0
    svg = out.read_text(encoding="utf-8")
    assert "as of 2023-04-30" in svg and 'id="zone-isgs-control"' in svg
    assert "wrote" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("args", "status", "message"),
    [
        (["snapshot", "--at", "2023-04-30", "--actors", "Islamic State Grater Sahara"], 2, "closest"),
        (["snapshot", "--at", "2023-13-45"], 2, "--at"),
        (["snapshot", "--at", "2023-04-30", "--bbox", "1,2,3"], 2, "four numbers"),
        (["chart", "Islamic State Grater Sahara"], 1, "closest"),
        (["chart", "isgs", "--from", "yesterday"], 2, "--from"),
    ],
)
def test_command_mistakes_exit_with_a_message(tmp_path, capsys, args, status, message):
    assert main([*args, "--out", str(tmp_path / "figure.png")]) == status
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err
    assert not (tmp_path / "figure.png").exists()


@pytest.mark.parametrize("command", [["snapshot", "--at", "2023-04-30"], ["chart", "isgs"]])
def test_a_bad_suffix_exits_2_before_any_work(tmp_path, capsys, command):
    assert main([*command, "--out", str(tmp_path / "figure.jpg")]) == 2
    assert "unknown suffix '.jpg'" in capsys.readouterr().err


def test_geo_chart_writes_the_figure(tmp_path, capsys):
    out = tmp_path / "isgs.pdf"
    assert main(["chart", "EIGS", "--from", "2022", "--to", "2023-04", "--every", "quarter", "--out", str(out)]) == 0
    assert out.read_bytes().startswith(MAGIC["pdf"])
    assert main(["chart", "isgs", "--from", "2001", "--to", "2001", "--out", str(tmp_path / "empty.png")]) == 0
    assert "no zone in the range" in capsys.readouterr().err


def test_the_modules_import_nothing_heavy():
    code = (
        "import sys, geo.cli, geo.cli.snapshot, geo.cli.chart, geo.cli.report, geo.render.figures, geo.render.report; "
        "print(sorted(m for m in ('matplotlib', 'numpy', 'pandas', 'shapely', 'folium') if m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


# --- report -----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def report_page(bundled, gazetteer, influence):
    return build_report(
        bundled,
        gazetteer,
        influence=influence,
        start=D(2022, 1, 1),
        end=D(2023, 4, 30),
        actors=["isgs", "jnim"],
        area="ml-region-menaka",
    )


def test_the_report_holds_the_map_charts_incidents_and_sources(report_page, bundled, gazetteer):
    page = report_page
    assert page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")
    assert "window.atlasInit" in page and 'class="sahel-atlas-fragment"' in page
    assert "Content-Security-Policy" in page and "default-src 'none'" in page
    # nothing loaded from elsewhere: no external script, stylesheet, image or font
    assert not re.search(r'<(?:script|link|img|iframe)\b[^>]*\b(?:src|href)="(?:https?:)?//', page)
    assert "@import" not in page and "fonts.googleapis" not in page
    # one chart per actor asked, as SVG data URIs
    assert page.count('src="data:image/svg+xml;base64,') == 2
    assert 'id="chart-isgs"' in page and 'id="chart-jnim"' in page
    # the incidents of the range around Ménaka, one row each
    rows = re.findall(r'<tr class="incident" id="incident-([^"]+)">', page)
    assert "inc-2022-03-08-menaka" in rows and len(rows) == len(set(rows))
    assert all(i.startswith("inc-") for i in rows)
    seytenga = rows.count("inc-2022-06-11-seytenga")  # in Burkina Faso, outside the area
    assert seytenga == 0
    # every source cited in the table is listed, with an anchor
    anchors = set(re.findall(r'<li id="(source-\d+)">', page))
    linked = set(re.findall(r'<a href="#(source-\d+)">', page))
    assert linked and linked <= anchors
    assert re.search(r'<a href="https://[^"]+" rel="noopener noreferrer">', page)


def test_the_report_is_reproducible(report_page, bundled, gazetteer, influence):
    again = build_report(
        bundled,
        gazetteer,
        influence=influence,
        start=D(2022, 1, 1),
        end=D(2023, 4, 30),
        actors=["isgs", "jnim"],
        area="ml-region-menaka",
    )
    assert again == report_page


def test_hostile_text_never_becomes_markup_in_the_report(hostile_seeds, tmp_path, capsys):
    out = tmp_path / "report.html"
    args = ["report", "--seeds", str(hostile_seeds), "--title", HOSTILE, "--from", "2022", "--out", str(out)]
    assert main(args) == 0, capsys.readouterr().err
    page = out.read_text(encoding="utf-8")
    assert "<script>alert(1)" not in page and "<img src=x" not in page and "<b>story" not in page
    escaped = "&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;&quot;&#x27;&amp;"
    assert f"<title>{escaped}</title>" in page and f"<h1>{escaped}</h1>" in page
    assert f'<td class="note">{escaped} javascript:alert(3)</td>' in page  # a note, as text
    assert f"<cite>{escaped}</cite>, {escaped}, 2024-01-01." in page  # a source's title and publisher
    assert "A &lt;b&gt;story&lt;/b&gt;" in page
    # a URL with quotes and brackets is shown as text, never as a link
    assert 'href="https://example.org' not in page
    assert '<span class="url">https://example.org/?q=&quot;&gt;&lt;script&gt;</span>' in page
    assert 'id="chart-evil"' in page and f'alt="Zone areas of {escaped} over time"' in page


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("javascript:alert(1)", '<span class="url">javascript:alert(1)</span>'),
        (" JaVaScRiPt:alert(1)", '<span class="url"> JaVaScRiPt:alert(1)</span>'),
        ("data:text/html,<script>alert(1)</script>", '<span class="url">data:text/html,&lt;script&gt;'),
        ('https://x.org/" onmouseover="alert(1)', '<span class="url">https://x.org/&quot; onmouseover='),
        ("https://x.org/a?b=1&c=<2>", '<span class="url">https://x.org/a?b=1&amp;c=&lt;2&gt;</span>'),
        ("//evil.example/x.js", '<span class="url">//evil.example/x.js</span>'),
        ("https://x.org/a?b=1&c=2", '<a href="https://x.org/a?b=1&amp;c=2" rel="noopener noreferrer">'),
        ("HTTP://X.ORG/", '<a href="HTTP://X.ORG/" rel="noopener noreferrer">HTTP://X.ORG/</a>'),
    ],
)
def test_only_http_urls_become_links(url, expected):
    assert link(url).startswith(expected)
    item = source_item({"id": "s", "title": "'\"<i>", "url": url}, "source-1")
    assert "<cite>&#x27;&quot;&lt;i&gt;</cite>" in item
    assert ("href=" in item) == expected.startswith("<a ")


def test_report_mistakes(bundled, gazetteer, influence, tmp_path, capsys):
    with pytest.raises(InputError, match="swap"):
        build_report(bundled, gazetteer, influence=influence, start=D(2023, 1, 1), end=D(2022, 1, 1))
    # An unknown actor is a bad option (exit 2), named as a recipe's would be.
    assert main(["report", "--actors", "Islamic State Grater Sahara", "--out", str(tmp_path / "r.html")]) == 2
    err = capsys.readouterr().err
    assert "--actors 'Islamic State Grater Sahara': no actor is called 'Islamic State Grater Sahara'; closest" in err
    assert main(["report", "--to", "2023-02-30", "--out", str(tmp_path / "r.html")]) == 2
    assert not (tmp_path / "r.html").exists()
