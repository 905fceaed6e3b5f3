"""The extraction review page: highlights and their offsets, candidates, the map, hostile text, offline.

Documents, mentions and candidates are built by hand from short invented texts. The
HTML is checked as text (parsed back into the runs of each document), and the page is
opened in headless Chromium with the network refused.
"""

from __future__ import annotations

import base64
import hashlib
import itertools
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from geo.extract.candidates import Candidate
from geo.extract.document import Document
from geo.extract.mention import Mention
from geo.extract.review import describe, review_page

PWN = "<img src=x onerror=window.__pwned=1>"
TEXT_A = (
    "Report from the north \U0001d538.\n"
    "On 8 March 2022 gunmen of the Alpha Defence Front attacked Alpha, and 12 civilians were killed.\n"
    "\n"
    "The ISGS said it held Beta <script>window.__pwned=2</script> " + PWN + " near Xyzzy.\n"
    "Alfa was calm again by April."
)
TEXT_B = "Two days later, about 30 people fled Gamma & Alpha."


def span(text: str, words: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(words, start + 1)
    return start, start + len(words)


def mention(doc: Document, words: str, kind: str, resolution: dict, nth: int = 0) -> Mention:
    start, end = span(doc.text, words, nth)
    found = Mention(doc.name, start, end, words, kind, resolution)
    doc.mentions.append(found)
    return found


ALPHA = {"place": "ml-alpha", "name": "Alpha", "lat": 15.0, "lon": 1.0, "status": "ok", "uncertainty_km": 2}
BETA_AMBIGUOUS = {
    "place": None,
    "status": "ambiguous",
    "candidates": [
        {"id": "ml-beta-north", "name": "Beta", "lat": 17.0, "lon": 1.0, "score": 0.9},
        {"id": "ml-beta-south", "name": "Beta", "lat": 13.0, "lon": -5.0, "score": 0.9},
    ],
}


def build() -> tuple[list[Document], list[Candidate]]:
    """Two documents, one hostile; overlapping and nested mentions; three candidates."""
    a = Document("report-a.txt", TEXT_A, "doc-a")
    b = Document("https://example.org/story?id=1", TEXT_B, "javascript:alert(3)")
    date = mention(a, "8 March 2022", "date", {"date": "2022-03-08", "earliest": "2022-03-08", "latest": "2022-03-08"})
    front = mention(a, "Alpha Defence Front", "actor", {"actor": "alpha-front"})
    mention(a, "Alpha", "place", ALPHA)  # nested in the actor
    alpha = mention(a, "Alpha", "place", ALPHA, nth=1)
    count = mention(
        a,
        "12 civilians were killed",
        "count",
        {"what": "killed", "low": 12, "high": 12, "qualifier": "exact", "subject": "civilians"},
    )
    mention(a, "civilians were", "actor", {"actor": "civilians"})  # nested in the count
    mention(a, "March 2022 gunmen", "count", {"what": "killed", "low": None, "high": None})  # crosses the date
    isgs = mention(a, "ISGS", "actor", {"actor": "isgs"})
    beta = mention(a, "Beta", "place", BETA_AMBIGUOUS)
    mention(a, "Xyzzy", "place", {"place": None, "status": "not_found"})
    mention(a, "Alfa", "place", {"place": "ml-alpha", "status": "ok"})  # coordinates from the gazetteer
    mention(a, "April", "date", {"date": "2022-04", "earliest": "2022-04-01", "latest": "2022-04-30", "relative": True})
    mention(b, "about 30 people fled", "count", {"what": "displaced", "low": 30, "high": None, "qualifier": "about"})
    mention(b, "Gamma", "place", {"place": "ne-gamma", "name": "Gamma", "lat": 15.0, "lon": 4.0, "status": "ok"})
    mention(b, "Alpha", "place", ALPHA)

    first = span(TEXT_A, "On 8 March")[0], span(TEXT_A, "were killed.")[1]
    second = span(TEXT_A, "The ISGS")[0], span(TEXT_A, "near Xyzzy.")[1]
    candidates = [
        Candidate(
            "cand-1",
            "incident",
            a.name,
            *first,
            {
                "id": "inc-2022-03-08-alpha",
                "date": "2022-03-08",
                "place": "ml-alpha",
                "actor1": "alpha-front",
                "actor2": "civilians",
                "event_type": "Violence against civilians",
                "fatalities_low": "12",
                "fatalities_high": "12",
                "fatalities_text": "12 civilians were killed",
            },
            [date, front, alpha, count],
        ),
        Candidate(
            "cand-2",
            "claim",
            a.name,
            *second,
            {
                "id": "clm-isgs-beta",
                "actor": "isgs",
                "status": "controls",
                "start": "2022-03",
                "tier": "claimed",
                "note": "<script>window.__pwned=3</script>",
            },
            [isgs, beta],
        ),
        Candidate("cand-3", "incident", "elsewhere.txt", 0, 10, {"date": "2022"}, []),
    ]
    return [a, b], candidates


class Runs(HTMLParser):
    """The runs of each ``.rv-text``: offset, text, classes, mentions, sentences, title."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.docs: list[list[dict]] = []
        self.depth = 0  # inside a .rv-text when > 0
        self.current: dict | None = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if self.depth:
            self.depth += 1
            if tag == "span":
                self.current = {
                    "classes": attributes.get("class", "").split(),
                    "m": [int(i) for i in attributes.get("data-m", "").split()],
                    "s": [int(i) for i in attributes.get("data-s", "").split()],
                    "title": attributes.get("title"),
                    "text": "",
                }
                self.docs[-1].append(self.current)
        elif tag == "div" and "rv-text" in attributes.get("class", "").split():
            self.depth = 1
            self.docs.append([])

    def handle_endtag(self, tag):
        if self.depth:
            self.depth -= 1
            self.current = None

    def handle_data(self, data):
        if not self.depth:
            return
        if self.current is None:
            self.docs[-1].append({"classes": [], "m": [], "s": [], "title": None, "text": data})
        else:
            self.current["text"] += data


def runs_of(page: str) -> list[list[dict]]:
    parser = Runs()
    parser.feed(page)
    for runs in parser.docs:
        offset = 0
        for run in runs:
            run["start"], offset = offset, offset + len(run["text"])
            run["end"] = offset
    return parser.docs


def payload(page: str) -> dict:
    match = re.search(r'<script type="application/json" id="rv-data">(.*?)</script>', page, re.S)
    assert match, "no data block in the page"
    return json.loads(match.group(1))


def numbered(documents: list[Document]) -> list[Mention]:
    """The mentions in the page's numbering: by document, then by position (outer first)."""
    kinds = ("place", "actor", "date", "count")
    return [
        m for d in documents for m in sorted(d.mentions, key=lambda m: (m.start, -m.end, kinds.index(m.kind), m.text))
    ]


@pytest.fixture
def page(tiny) -> str:
    documents, candidates = build()
    return review_page(documents, candidates, gazetteer=tiny, title="Review <b>test</b>")


# --- the text and its highlights ------------------------------------------------------------


def test_the_text_is_kept_whole_with_its_newlines(page):
    documents, _ = build()
    docs = runs_of(page)
    assert len(docs) == 2
    for document, runs in zip(documents, docs, strict=True):
        assert "".join(run["text"] for run in runs) == document.text
    assert 'class="rv-text"' in page and "white-space: pre-wrap" in page


def test_every_mention_is_highlighted_over_exactly_its_offsets(page):
    documents, _ = build()
    mentions = numbered(documents)
    docs = runs_of(page)
    runs = [run for doc in docs for run in doc]
    for i, found in enumerate(mentions):
        doc_runs = docs[[d.name for d in documents].index(found.doc)]
        covering = [run for run in doc_runs if i in run["m"]]
        assert covering, f"mention {i} {found.text!r} is not highlighted"
        assert covering[0]["start"] == found.start and covering[-1]["end"] == found.end
        assert "".join(run["text"] for run in covering) == found.text
        assert all(run["start"] == prev["end"] for prev, run in itertools.pairwise(covering))  # contiguous
        assert all("rv-hl" in run["classes"] for run in covering)
        assert all(f"k-{found.kind}" in run["classes"] or f"o-{found.kind}" in run["classes"] for run in covering)
    assert not any(run["m"] and "rv-hl" not in run["classes"] for run in runs)


def test_overlapping_and_nested_mentions_become_flat_runs(page):
    runs = runs_of(page)[0]
    by_text: dict[str, dict] = {}
    for run in runs:
        if run["m"]:
            by_text.setdefault(run["text"], run)  # the first run of each text
    # "Alpha" inside the actor "Alpha Defence Front": the inner colour, and the actor's underline
    assert (
        by_text["Alpha"]["classes"][:3] == ["rv-seg", "rv-hl", "k-place"] and "o-actor" in by_text["Alpha"]["classes"]
    )
    # "civilians were" inside the count "12 civilians were killed"
    assert {"k-actor", "o-count", "u1-count"} <= set(by_text["civilians were"]["classes"])
    # "March 2022" is both in the date "8 March 2022" and in the count "March 2022 gunmen" (they cross)
    crossing = by_text["March 2022"]
    assert len(crossing["m"]) == 2 and {"k-date", "o-count"} <= set(crossing["classes"])
    assert "8 " in by_text and " gunmen" in by_text
    assert "<span" not in "".join(run["text"] for run in runs)  # no markup leaked into the text


def test_offsets_count_characters_beyond_the_basic_plane(page):
    runs = runs_of(page)[0]
    assert "\U0001d538" in runs[0]["text"]  # a character that is two UTF-16 units
    start, _ = span(TEXT_A, "8 March 2022")
    assert next(run for run in runs if "k-date" in run["classes"] and run["text"] == "8 ")["start"] == start


def test_tooltips_say_what_each_mention_resolved_to(page):
    titles = [run["title"] for doc in runs_of(page) for run in doc if run["title"]]
    text = "\n".join(titles)
    assert "place “Alpha”: ml-alpha Alpha (15, 1), within 2 km" in text
    assert "place “Beta”: ambiguous: candidates ml-beta-north Beta (17, 1); ml-beta-south Beta (13, -5)" in text
    assert "place “Xyzzy”: not found" in text
    assert "actor “ISGS”: isgs" in text
    assert "date “8 March 2022”: 2022-03-08" in text
    assert "date “April”: 2022-04 (2022-04-01 to 2022-04-30), relative to the document's date" in text
    assert "count “12 civilians were killed”: killed 12 (exact), civilians" in text
    assert "count “about 30 people fled”: displaced 30 or more (about)" in text
    both = next(t for t in titles if t.startswith("date “8 March 2022”") and "count" in t)
    assert both.splitlines()[1].startswith("count “March 2022 gunmen”: killed ?")


def test_describe_an_unresolved_actor_and_an_open_count():
    assert describe(Mention("d", 0, 3, "JNM", "actor")) == "actor “JNM”: not found"
    assert (
        describe(Mention("d", 0, 5, "up to", "count", {"what": "wounded", "high": 7}))
        == "count “up to”: wounded up to 7"
    )


def test_a_mention_whose_offsets_miss_its_text_is_flagged_not_dropped(tiny):
    doc = Document("d.txt", "Gunmen raided Alpha.", "doc-d")
    doc.mentions += [
        Mention("d.txt", 0, 6, "Alpha", "place", ALPHA),
        Mention("d.txt", 40, 45, "Beta", "place", {"status": "not_found"}),
    ]
    page = review_page([doc], [], gazetteer=tiny)
    (runs,) = runs_of(page)
    assert "".join(r["text"] for r in runs) == doc.text
    assert "rv-bad" in runs[0]["classes"] and runs[0]["text"] == "Gunmen"
    assert "the text there is &#x27;Gunmen&#x27;" in page
    assert "at 40–45: beyond the text" in page


# --- the candidates ---------------------------------------------------------------------------


def test_candidates_are_listed_with_their_record_and_sentence(page):
    items = re.findall(r'<li class="rv-cand [^"]*" data-c="(\d)".*?</li>', page, re.S)
    assert items == ["0", "1", "2"]
    first = re.search(r'<li class="rv-cand rv-cand-incident" data-c="0".*?</li>', page, re.S).group(0)
    start, _ = span(TEXT_A, "On 8 March")
    _, end = span(TEXT_A, "were killed.")
    for expected in (
        ">incident<",
        ">2022-03-08<",
        "<dd>Alpha [ml-alpha]</dd>",
        "<dd>alpha-front, civilians</dd>",
        "12 / ? / 12 (low / best / high); “12 civilians were killed”",
        f"characters {start}–{end} of report-a.txt",
        '<span class="rv-chip k-date">8 March 2022</span>',
    ):
        assert expected in first
    second = re.search(r'<li class="rv-cand rv-cand-claim" data-c="1".*?</li>', page, re.S).group(0)
    assert "<dd>controls claimed</dd>" in second and ">from 2022-03<" in second and "<dd>isgs</dd>" in second
    assert "&lt;script&gt;window.__pwned=3&lt;/script&gt;" in second
    orphan = re.search(r'<li class="rv-cand rv-cand-incident rv-cand-orphan" data-c="2".*?</li>', page, re.S)
    assert orphan and "elsewhere.txt (not in this page)" in orphan.group(0)


def test_each_candidate_sentence_is_marked_on_its_runs(page):
    runs = runs_of(page)[0]
    for c, words in ((0, ("On 8 March", "were killed.")), (1, ("The ISGS", "near Xyzzy."))):
        start, end = span(TEXT_A, words[0])[0], span(TEXT_A, words[1])[1]
        marked = [run for run in runs if c in run["s"]]
        assert marked[0]["start"] == start and marked[-1]["end"] == end
        assert "".join(run["text"] for run in marked) == TEXT_A[start:end]
    data = payload(page)
    documents, _ = build()
    mentions = numbered(documents)
    assert [mentions[i].text for i in data["candidates"][0]["evidence"]] == [
        "8 March 2022",
        "Alpha Defence Front",
        "Alpha",
        "12 civilians were killed",
    ]
    assert data["candidates"][2] == {"doc": -1, "evidence": []}


# --- the map ------------------------------------------------------------------------------------


def test_one_marker_per_resolved_place_with_its_mentions_and_spellings(page):
    data = payload(page)
    places = {p["id"]: p for p in data["places"]}
    assert sorted(places) == ["ml-alpha", "ne-gamma"]  # Beta is ambiguous, Xyzzy not found
    alpha = places["ml-alpha"]
    assert (alpha["lat"], alpha["lon"], alpha["name"]) == (15.0, 1.0, "Alpha")
    assert alpha["spellings"] == ["Alpha", "Alfa"] and len(alpha["mentions"]) == 4  # Alfa: from the gazetteer
    assert data["bounds"] == [[14.5, 1.0], [15.5, 4.0]]  # at least a degree each way
    assert data["boundaries"] == []  # the tiny gazetteer has no areas


def test_a_lone_place_gets_a_padded_view_and_no_place_shows_mali(tiny):
    doc = Document("d.txt", "Alpha.", "doc-d", mentions=[Mention("d.txt", 0, 5, "Alpha", "place", ALPHA)])
    assert payload(review_page([doc], [], gazetteer=tiny))["bounds"] == [[14.5, 0.5], [15.5, 1.5]]
    empty = review_page([], [], gazetteer=None)
    assert payload(empty)["bounds"] == [[10.0, -12.5], [25.0, 4.5]]
    assert "No documents." in empty and "No candidate records." in empty


def test_the_gazetteer_boundaries_are_the_base(gazetteer):
    documents, candidates = build()
    data = payload(review_page(documents, candidates, gazetteer=gazetteer))
    names = {f["properties"]["tooltip"] for f in data["boundaries"]}
    assert {"Mali", "Niger", "Burkina Faso"} <= names


# --- safety, self-containment, determinism -----------------------------------------------------


def test_hostile_text_is_escaped_everywhere(page):
    assert "<script>window.__pwned" not in page and PWN not in page
    assert "&lt;script&gt;window.__pwned=2&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=window.__pwned=1&gt;" in page
    assert "<title>Review &lt;b&gt;test&lt;/b&gt;</title>" in page and "<h1>Review &lt;b&gt;test&lt;/b&gt;</h1>" in page
    assert "<img" not in page
    block = re.search(r'id="rv-data">(.*?)</script>', page, re.S).group(1)
    assert "<" not in block


def test_hostile_names_and_titles_stay_text(tiny):
    hostile = "<script>alert(1)</script><img src=x onerror=alert(2)>\"'&"
    doc = Document(hostile, hostile + " Alpha", hostile)
    doc.mentions.append(
        Mention(hostile, len(hostile) + 1, len(hostile) + 6, "Alpha", "place", {**ALPHA, "name": hostile})
    )
    cand = Candidate(hostile, "incident", hostile, 0, len(doc.text), {"date": hostile, "place": hostile}, [])
    page = review_page([doc], [cand], gazetteer=tiny, title=hostile)
    assert "<script>alert" not in page and "<img" not in page
    assert payload(page)["places"][0]["name"] == hostile  # set with textContent by the script
    assert "&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;&quot;&#x27;&amp;" in page


def test_only_http_urls_become_links(page):
    assert '<a href="https://example.org/story?id=1" target="_blank" rel="noopener noreferrer">' in page
    assert "javascript:alert(3)" in page and 'href="javascript' not in page
    markup = re.sub(r"<script>.*?</script>", "", page, flags=re.S)  # Leaflet's own code aside
    links = re.findall(r'<(\w+)[^>]*\shref="([^"]*)"', markup)
    assert links == [("a", "https://example.org/story?id=1")]


def test_the_page_is_self_contained(page):
    assert not re.search(r'<(?:script|link|img|iframe|source|video|audio)[^>]+(?:src|href)="https?://', page)
    assert 'src="http' not in page
    assert re.search(r"url\(['\"]?https?:", page) is None
    assert "L.map" in page and "data:image/png;base64," in page  # Leaflet and its images, inlined
    assert "cdn.jsdelivr" not in page


def test_a_content_security_policy_allows_only_the_page_scripts(page):
    policy = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', page).group(1)
    assert "default-src 'none'" in policy
    scripts = re.findall(r"<script>(.*?)</script>", page, re.S)
    assert len(scripts) == 2  # Leaflet and the page's own script; the data block is not run
    for body in scripts:
        digest = base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in policy
    assert "unsafe-inline" not in policy.split("script-src")[1].split(";")[0]


def test_the_same_input_gives_the_same_bytes(tiny):
    first = review_page(*build(), gazetteer=tiny)
    second = review_page(*build(), gazetteer=tiny)
    assert first == second
    assert not re.search(r"20\d\d-\d\d-\d\dT\d\d:", first)  # no timestamp


# --- in a browser -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def review_file(tmp_path_factory, gazetteer) -> Path:
    documents, candidates = build()
    path = tmp_path_factory.mktemp("review") / "review.html"
    path.write_text(review_page(documents, candidates, gazetteer=gazetteer, title=PWN), encoding="utf-8")
    return path


def test_the_page_works_offline_in_a_browser(browser, review_file):
    page = browser.open_page(review_file)
    page.wait_for("window.review && window.review.ready === true", timeout=20)
    state = page.evaluate(
        "return {markers: window.review.markers(),"
        " places: document.querySelectorAll('.leaflet-overlay-pane path.rv-place').length,"
        " paths: document.querySelectorAll('.leaflet-overlay-pane path').length,"
        " map: document.querySelector('#rv-map').getBoundingClientRect().height,"
        " h1: document.querySelector('h1').textContent};"
    )
    assert state["markers"] == 2 and state["places"] == 2
    assert state["paths"] > 10  # the boundaries under them
    assert state["map"] > 100
    assert state["h1"] == PWN
    assert page.console_errors() == []
    assert page.network_requests() == [] and page.failed_requests() == []


def test_the_mentions_read_in_the_browser_as_in_python(browser, review_file):
    documents, _ = build()
    mentions = numbered(documents)
    page = browser.open_page(review_file)
    page.wait_for("window.review && window.review.ready === true", timeout=20)
    shown = page.evaluate(
        "return Array.from({length: arguments[0]}, (_, i) =>"
        " Array.from(document.querySelectorAll('[data-m~=\"' + i + '\"]')).map(n => n.textContent).join(''));",
        len(mentions),
    )
    assert shown == [m.text for m in mentions]
    texts = page.evaluate("return Array.from(document.querySelectorAll('.rv-text')).map(n => n.textContent)")
    assert texts == [d.text for d in documents]


def test_clicking_a_candidate_marks_its_sentence(browser, review_file):
    page = browser.open_page(review_file)
    page.wait_for("window.review && window.review.ready === true", timeout=20)
    page.click('.rv-cand[data-c="1"]')
    marked = page.evaluate(
        "return {text: Array.from(document.querySelectorAll('.rv-sel')).map(n => n.textContent).join(''),"
        " evidence: Array.from(document.querySelectorAll('.rv-ev')).map(n => n.textContent),"
        " on: document.querySelector('.rv-cand-on').getAttribute('data-c'),"
        " selected: window.review.selected()};"
    )
    start, end = span(TEXT_A, "The ISGS")[0], span(TEXT_A, "near Xyzzy.")[1]
    assert marked["text"] == TEXT_A[start:end]
    assert marked["evidence"] == ["ISGS", "Beta"]
    assert marked["on"] == "1" and marked["selected"]["candidate"] == 1
    page.click('.rv-cand[data-c="0"]')  # another candidate replaces the marks
    assert page.evaluate("return document.querySelectorAll('.rv-cand-on').length") == 1
    assert page.evaluate("return document.querySelector('.rv-sel').textContent") == "On "
    assert page.console_errors() == []


def test_clicking_a_marker_marks_that_place_mentions(browser, review_file):
    page = browser.open_page(review_file)
    page.wait_for("window.review && window.review.ready === true", timeout=20)
    hits = page.evaluate(
        "var paths = Array.from(document.querySelectorAll('path.rv-place'));"
        "var before = paths.length;"
        "paths.forEach(function (p) {"
        "  p.dispatchEvent(new MouseEvent('click', {bubbles: true, clientX: 1, clientY: 1}));"
        "});"
        "return {before: before, place: window.review.selected().place,"
        " hits: Array.from(document.querySelectorAll('.rv-hit')).map(n => n.textContent)};"
    )
    # the last marker clicked wins: places are in id order, so ne-gamma
    assert hits["before"] == 2 and hits["place"] == "ne-gamma" and hits["hits"] == ["Gamma"]
    # three runs: "Alfa" has no coordinates and the bundled gazetteer has no ml-alpha
    assert page.evaluate("return window.review.selectPlace('ml-alpha')") == 3
    page.click(".rv-text [data-m].k-place")  # a place in the text marks its marker
    assert page.evaluate("return window.review.selected().place") == "ml-alpha"
    assert page.console_errors() == []


def test_hostile_text_did_not_run(browser, review_file):
    page = browser.open_page(review_file)
    page.wait_for("window.review && window.review.ready === true", timeout=20)
    assert page.evaluate("return window.__pwned === undefined")
    assert page.evaluate("return document.querySelectorAll('img, .rv-text script, .rv-cands script').length") == 0
    assert "<script>window.__pwned=2</script>" in page.text(".rv-doc .rv-text")
    assert PWN in page.evaluate("return document.title")
