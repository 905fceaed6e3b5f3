"""Text from data, options and recipes never reaches a template engine.

folium and branca build pages with Jinja2, and branca renders a macro's output as a new
template: text that reached them as template source would be evaluated (``{{ 7*7 }}``
shown as ``49``, or a shell command run through ``cycler.__init__.__globals__.os``).
Each entry point below puts template syntax into one field, renders, and checks that the
text comes out verbatim and that nothing ran.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import jinja2
import pytest
from conftest import TINY_PLACES, write_places, write_seed_file

from geo.cli import main

# Template syntax that either evaluates (7*7), crashes a parser ({% raw %} without its
# end, an unclosed comment or expression), or would run a shell command.
PAYLOADS = {
    "expression": "{{ 7*7 }}",
    "raw-without-end": "{% raw %} left open",
    "comment-open": "see ref {#12 in the annex",
    "expression-open": "temperatures {{ rose",
    "empty-if": "{% if %}",
}


def shell_payload(marker: Path) -> str:
    return "{{ cycler.__init__.__globals__.os.popen('touch " + str(marker) + "').read() }}"


def hostile_world(tmp_path: Path, text: str) -> tuple[Path, Path]:
    """A gazetteer and a records folder with ``text`` in every text field that a map shows."""
    places = [dict(place) for place in TINY_PLACES]
    places[0]["name"] = f"Alpha {text}"
    gazetteer = write_places(tmp_path / "gaz" / "places.csv", places).parent
    seeds = tmp_path / "seeds"
    write_seed_file(
        seeds,
        "sources.csv",
        [{"id": "doc-a", "kind": "document", "title": f"Title {text}", "date": "2022-04-01"}],
    )
    write_seed_file(
        seeds, "actors.csv", [{"id": "band", "name": f"Band {text}", "kind": "militia", "colour": "#d7301f"}]
    )
    write_seed_file(
        seeds,
        "incidents.csv",
        [
            {
                "id": "inc-1",
                "date": "2022-03-08",
                "place": "ml-alpha",
                "precision": "1",
                "event_type": "Battles",
                "actor1": "band",
                "fatalities_low": "3",
                "sources": "doc-a",
                "note": f"Note {text}",
            }
        ],
    )
    write_seed_file(
        seeds,
        "claims.csv",
        [
            {
                "id": "clm-1",
                "actor": "band",
                "status": "controls",
                "place": "ml-alpha",
                "start": "2022-03-01",
                "tier": "claimed",
                "sources": "doc-a",
            }
        ],
    )
    for name in ("assertions.csv",):
        write_seed_file(seeds, name, [])
    return gazetteer, seeds


def page_data(page: str) -> dict:
    """The map's data block (JSON that the page's script parses)."""
    match = re.search(r'<script type="application/json" id="atlas-data-\w+">(.*?)</script>', page, re.S)
    assert match, "no data block in the page"
    return json.loads(match.group(1))


def all_strings(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for item in value.values() for s in all_strings(item)]
    if isinstance(value, list):
        return [s for item in value for s in all_strings(item)]
    return []


@pytest.fixture
def templates_built(monkeypatch) -> list[str]:
    """The source of every Jinja2 template compiled while the test runs."""
    sources: list[str] = []
    original = jinja2.Environment.from_string

    def recording(self, source, *args, **kwargs):
        sources.append(str(source))
        return original(self, source, *args, **kwargs)

    monkeypatch.setattr(jinja2.Environment, "from_string", recording)
    return sources


@pytest.mark.parametrize("text", PAYLOADS.values(), ids=PAYLOADS.keys())
def test_map_shows_every_field_verbatim(tmp_path, capsys, templates_built, text):
    gazetteer, seeds = hostile_world(tmp_path, text)
    out = tmp_path / "map.html"
    argv = ["map", "--seeds", str(seeds), "--gazetteer", str(gazetteer), "--title", f"Map {text}", "--out", str(out)]
    assert main(argv) == 0, capsys.readouterr().err
    strings = all_strings(page_data(out.read_text(encoding="utf-8")))
    for field in ("Map", "Note", "Band", "Title", "Alpha"):
        assert f"{field} {text}" in strings, field
    assert "49" not in " ".join(s for s in strings if s.startswith(("Map", "Note", "Band", "Title", "Alpha")))
    # By construction: no template compiled during the render holds the text.
    assert templates_built, "the recorder saw no template at all"
    assert not [source for source in templates_built if text in source]


def test_a_note_that_would_run_a_shell_command_runs_nothing(tmp_path, capsys, templates_built):
    marker = tmp_path / "MARKER"
    text = shell_payload(marker)
    gazetteer, seeds = hostile_world(tmp_path, text)
    out = tmp_path / "map.html"
    code = main(["map", "--seeds", str(seeds), "--gazetteer", str(gazetteer), "--title", text, "--out", str(out)])
    assert code == 0, capsys.readouterr().err
    assert not marker.exists()
    data = page_data(out.read_text(encoding="utf-8"))
    assert data["title"] == text
    assert f"Note {text}" in all_strings(data)
    assert not [source for source in templates_built if "cycler" in source]


@pytest.mark.parametrize("text", [*PAYLOADS.values(), "SHELL"], ids=[*PAYLOADS.keys(), "shell"])
def test_report_shows_title_and_records_verbatim(tmp_path, capsys, text):
    marker = tmp_path / "MARKER"
    if text == "SHELL":
        text = shell_payload(marker)
    gazetteer, seeds = hostile_world(tmp_path, text)
    out = tmp_path / "report.html"
    argv = ["report", "--seeds", str(seeds), "--gazetteer", str(gazetteer), "--title", text, "--out", str(out)]
    assert main(argv) == 0, capsys.readouterr().err
    page = out.read_text(encoding="utf-8")
    assert not marker.exists()
    assert f"<h1>{html.escape(text)}</h1>" in page
    assert html.escape(f"Note {text}") in page  # the incident table
    assert page_data(page)["title"] == text  # the map inside the report


@pytest.mark.parametrize("text", [*PAYLOADS.values(), "SHELL"], ids=[*PAYLOADS.keys(), "shell"])
def test_recipe_title_and_subtitle_verbatim(tmp_path, capsys, text):
    marker = tmp_path / "MARKER"
    if text == "SHELL":
        text = shell_payload(marker)
    recipe = tmp_path / "hostile.toml"
    recipe.write_text(
        f"title = {json.dumps(text)}\nsubtitle = {json.dumps('Sub ' + text)}\n"
        'area = "ml-region-menaka"\nfrom = "2022-03"\nto = "2022-04"\n',
        encoding="utf-8",
    )
    out = tmp_path / "out"
    assert main(["render", str(recipe), "--out", str(out)]) == 0, capsys.readouterr().err
    data = page_data((out / "hostile.html").read_text(encoding="utf-8"))
    assert (data["title"], data["subtitle"]) == (text, f"Sub {text}")
    assert not marker.exists()


@pytest.mark.parametrize("text", [*PAYLOADS.values(), "SHELL"], ids=[*PAYLOADS.keys(), "shell"])
def test_extracted_text_shows_verbatim_in_the_review_page(tmp_path, capsys, text):
    marker = tmp_path / "MARKER"
    if text == "SHELL":
        text = shell_payload(marker)
    article = tmp_path / "article.txt"
    article.write_text(f"Fighting was reported in Ménaka on 8 March 2022. {text}\n", encoding="utf-8")
    out = tmp_path / "review.html"
    assert main(["extract", str(article), "--quiet", "--html", str(out)]) == 0, capsys.readouterr().err
    page = out.read_text(encoding="utf-8")
    body = page[page.index("<body>") : page.index('<script type="application/json" id="rv-data">')]
    assert text in html.unescape(re.sub(r"<[^>]+>", "", body))  # the document, shown as text
    assert not marker.exists()


def test_the_title_reads_verbatim_in_a_real_browser(browser, tmp_path, capsys):
    text = "{{ 7*7 }} {% raw %} {#"
    gazetteer, seeds = hostile_world(tmp_path, text)
    out = tmp_path / "map.html"
    argv = ["map", "--seeds", str(seeds), "--gazetteer", str(gazetteer), "--self-contained", "--title", text]
    assert main([*argv, "--out", str(out)]) == 0, capsys.readouterr().err
    page = browser.open_page(out)
    assert page.evaluate("return document.querySelector('.atlas-title h1').textContent") == text
