"""The review page of ``geo extract --html``: documents, their mentions, the candidates, a map.

:func:`review_page` returns one self-contained HTML page for a curator who checks what
the extractor found before any of it becomes a seed record:

- each document (name, source, date) with its full text, newlines kept, every mention
  highlighted by kind (place, actor, date, count; a legend gives the colours) and a
  tooltip saying what it resolved to (a place's id, name and coordinates, or the
  candidates when it is ambiguous, or "not found"; an actor's id; an EDTF date; a
  count's bounds and what was counted);
- the candidate records beside the text (record kind, date, place, actors, deaths or
  claim status, the sentence's offsets); clicking one scrolls to its sentence and marks
  it, and marks the mentions it was built from;
- a small Leaflet map of the places resolved, one marker per place (how many mentions,
  which spellings) over the gazetteer's country and region boundaries; clicking a
  marker marks that place's mentions in the text, and clicking a place in the text
  marks its marker;
- the curation of the candidates: each can be accepted, rejected or edited (every
  column of its record: the place, from the candidate's own and its alternatives or
  typed; the EDTF date; the actors; the tolls...), and the accepted rows are downloaded
  as ``incidents.csv`` and ``claims.csv`` (and ``sources.csv`` for a document that is
  not yet a source), ready for ``geo validate``.

Records
-------
The page turns candidates into records without any server: the script holds each
candidate's decision and row in memory (nothing is stored in the browser, nothing is
sent), checks a row before it is accepted with the rules of ``geo validate`` that need
no gazetteer (required cells, id form and uniqueness, EDTF shape, whole numbers and
``low <= best <= high``, the vocabularies, actor and source ids the page knows, likely
duplicates), and builds the CSV files in the page (a ``Blob`` saved by a click). Their
headers are the seeds' files' (:data:`RECORD_COLUMNS`); cells are quoted as Python's
``csv`` module does, and a cell a spreadsheet would run as a formula gets one leading
apostrophe as :func:`geo._io.spreadsheet_safe` writes it (the records reader takes it
off again). The data the script needs -- the columns, the vocabularies, the ids of the
known actors and sources, every candidate's row and place options, the documents'
sources still missing from ``sources.csv`` -- is in the page's JSON block
(:meth:`_Builder.record_data`). A place typed by hand cannot be checked against the
gazetteer in the page (it is too large to embed): the page warns when the place is not
one it knows, and ``geo validate`` has the last word.

How the text is rendered
------------------------
The text is cut into flat runs in Python, server-side: every mention and every
candidate sentence adds its two offsets as cut points, and each run between two
consecutive cuts becomes one ``<span>`` that lists the mentions (``data-m``) and the
candidate sentences (``data-s``) covering it, or stays plain text when nothing covers
it. Spans are never nested, so mentions that overlap or nest (a count inside a date,
two finders claiming the same words) cannot break the text: a run covered by several
mentions takes the colour of the innermost one and a coloured underline for each other
kind. This was chosen over building the text in the browser because the offsets are
Python string indices (code points) and JavaScript's are UTF-16 units, which disagree
after any character outside the Basic Multilingual Plane; because the page reads
without its script; and because tests can check the highlights on the HTML itself.
Every piece of text is escaped (:func:`geo.render.page.escape`) before it is written.

Safety
------
Nothing from the documents or the data is ever parsed as HTML: texts and attributes are
escaped here; the page's script (``geo/assets/review.js``) reads its data from a JSON
block written with :func:`geo.render.page.json_for_script` (``<`` escaped) and sets every
text with ``textContent``; only http(s) URLs (:func:`geo.render.page.http_url`) become links.
As a second line of defence the page carries the Content Security Policy of every page
(:func:`geo.render.page.csp_meta`): only its own scripts (by their SHA-256 hashes), no
inline event handlers, and no network requests at all.

Offline and deterministic
-------------------------
Leaflet's script and stylesheet (and its images) come from the XStatic-Leaflet package
and are inlined with :func:`geo.render.page.inline_assets`; there are no tiles. The same
inputs give the same bytes: no random ids, no timestamps.
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .. import schema
from ..render.credits import BOUNDARIES, places_credit
from ..render.page import LEAFLET_CSS, LEAFLET_JS, asset, csp_meta, escape, http_url, inline_assets, json_for_script
from ..render.select import MALI
from . import mention as mn
from .candidates import CLAIM, INCIDENT

if TYPE_CHECKING:
    from ..gazetteer import Gazetteer
    from ..seeds import Seeds
    from .candidates import Candidate
    from .document import Document
    from .mention import Mention

__all__ = ["describe", "review_page"]

DEFAULT_TITLE = "Extraction review"
KIND_LABELS = {mn.PLACE: "place", mn.ACTOR: "actor", mn.DATE: "date", mn.COUNT: "count"}
MALI_BOUNDS = [[MALI[1], MALI[0]], [MALI[3], MALI[2]]]  # [[south, west], [north, east]] when no place is found
MIN_SPAN_DEG = 1.0  # the first view spans at least this much each way: a lone place is not a point
CSP_PLACEHOLDER = "<!--review-csp-->"
# The header of each file the page writes: the seeds' own files (the optional columns of an
# imported dataset's precision codes left out).
RECORD_COLUMNS = {
    INCIDENT: tuple(
        c for c in schema.INCIDENT_COLUMNS if c not in (schema.GEO_PRECISION_CODE, schema.TIME_PRECISION_CODE)
    ),
    CLAIM: schema.CLAIM_COLUMNS,
    "source": schema.SOURCE_COLUMNS,
}
_ID = re.compile(schema.ID_REGEX)


def review_page(
    documents: Sequence[Document],
    candidates: Sequence[Candidate],
    *,
    gazetteer: Gazetteer | None,
    title: str = DEFAULT_TITLE,
    seeds: Seeds | None = None,
) -> str:
    """One self-contained HTML page to review what the extractor found.

    Parameters
    ----------
    documents : sequence of Document
        The documents read, each with its mentions (offsets into ``document.text``).
    candidates : sequence of Candidate
        The proposed incident and claim records; ``candidate.doc`` is the ``name`` of
        the document whose sentence they come from.
    gazetteer : Gazetteer or None
        Gives the map's base (its country and region boundaries), the coordinates of a
        resolved place whose mention lacks them, and the names of the candidates'
        places. ``None``: no boundaries, places shown by id.
    title : str
        The page's title (text, escaped).
    seeds : Seeds or None
        The records the accepted rows will join: the page knows their actors (offered,
        and checked before a row is accepted) and their sources (a document whose source
        is not among them gets a ``sources.csv`` row to download). ``None``: the bundled
        records.

    Returns
    -------
    str
        The page: works with no network at all, and the same inputs give the same bytes.

    Examples
    --------
    >>> from geo.extract.document import Document
    >>> from geo.extract.mention import Mention
    >>> text = "Raiders hit <Alpha> on 2 May."
    >>> doc = Document("a.txt", text, "doc-a")
    >>> doc.mentions.append(Mention("a.txt", 13, 18, "Alpha", "place", {"place": "ml-alpha", "lat": 15.0, "lon": 1.0}))
    >>> page = review_page([doc], [], gazetteer=None)
    >>> "&lt;<span class=\\"rv-seg rv-hl k-place\\" data-m=\\"0\\"" in page
    True
    >>> "<script src=" in page
    False
    """
    from ..render.web import boundary_features  # folium: only when a page is made

    builder = _Builder(list(documents), list(candidates), gazetteer)
    body = builder.body(title)
    data = {
        "places": builder.places(),
        "candidates": builder.candidate_data(),
        "records": builder.record_data(seeds),
        "boundaries": boundary_features(gazetteer) if gazetteer is not None else [],
        "bounds": builder.bounds(),
        "attribution": " · ".join((places_credit(builder.gazetteer_places()), BOUNDARIES)),
    }
    page = "\n".join(
        [
            "<!DOCTYPE html>",
            '<html lang="en">',
            "<head>",
            '<meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            CSP_PLACEHOLDER,
            f"<title>{escape(title)}</title>",
            f'<link rel="stylesheet" href="{LEAFLET_CSS}"/>',
            f"<style>{asset('review.css')}</style>",
            f'<script src="{LEAFLET_JS}"></script>',
            "</head>",
            "<body>",
            body,
            f'<script type="application/json" id="rv-data">{json_for_script(data)}</script>',
            f"<script>{asset('review.js')}</script>",
            "</body>",
            "</html>",
            "",
        ]
    )
    page = inline_assets(page)
    return page.replace(CSP_PLACEHOLDER, csp_meta(page), 1)


# --- the text -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Run:
    """A stretch of a document's text and what covers it (mention and candidate indices)."""

    start: int
    end: int
    mentions: tuple[int, ...]
    sentences: tuple[int, ...]


def _runs(
    length: int, mentions: Iterable[tuple[int, int, int]], sentences: Iterable[tuple[int, int, int]]
) -> list[_Run]:
    """Cut ``[0, length)`` at every offset of the spans ``(start, end, index)`` given.

    Each run is covered entirely by the spans it lists, so that spans that overlap or
    nest become flat, consecutive runs.

    Examples
    --------
    >>> [(r.start, r.end, r.mentions) for r in _runs(10, [(2, 8, 0), (4, 6, 1)], [])]
    [(0, 2, ()), (2, 4, (0,)), (4, 6, (0, 1)), (6, 8, (0,)), (8, 10, ())]
    """
    mentions, sentences = list(mentions), list(sentences)
    cuts = {0, length}
    for start, end, _ in (*mentions, *sentences):
        cuts.update((start, end))
    ordered = sorted(cuts)
    # A sweep over the cuts: the spans open at each run are those begun at or before it
    # and not yet ended (every end is a cut, so an open span covers the whole run).
    begun: dict[tuple[str, int], list[tuple[int, int]]] = {}
    for which, spans in (("m", mentions), ("s", sentences)):
        for start, end, index in spans:
            begun.setdefault((which, start), []).append((end, index))
    open_m: list[tuple[int, int]] = []
    open_s: list[tuple[int, int]] = []
    runs = []
    for start, end in itertools.pairwise(ordered):
        open_m = [span for span in open_m if span[0] > start] + begun.get(("m", start), [])
        open_s = [span for span in open_s if span[0] > start] + begun.get(("s", start), [])
        runs.append(_Run(start, end, tuple(sorted(i for _, i in open_m)), tuple(sorted(i for _, i in open_s))))
    return runs


def _order(mention: Mention) -> tuple[int, int, int, str]:
    return (mention.start, -mention.end, mn.KINDS.index(mention.kind), mention.text)


class _Builder:
    """Numbers the mentions and candidates once, and writes the page's parts from them."""

    def __init__(self, documents: list[Document], candidates: list[Candidate], gazetteer: Gazetteer | None) -> None:
        self.documents = documents
        self.candidates = candidates
        self.gazetteer = gazetteer
        # Every mention, numbered across the documents in order of position: (document index, mention).
        self.mentions: list[tuple[int, Mention]] = []
        self.doc_mentions: list[list[int]] = []
        for d, document in enumerate(documents):
            numbers = []
            for mention in sorted(document.mentions, key=_order):
                numbers.append(len(self.mentions))
                self.mentions.append((d, mention))
            self.doc_mentions.append(numbers)
        self.doc_index: dict[str, int] = {}
        for d, document in enumerate(documents):
            self.doc_index.setdefault(document.name, d)
        # The candidates' documents (-1: not in the page) and the mentions they were built from.
        self.candidate_doc = [self.doc_index.get(c.doc, -1) for c in candidates]
        by_span: dict[tuple[int, int, int, str], int] = {}
        for i, (d, m) in enumerate(self.mentions):
            by_span.setdefault((d, m.start, m.end, m.kind), i)  # the first of identical spans
        self.evidence = [
            sorted({by_span[key] for e in c.evidence if (key := (d, e.start, e.end, e.kind)) in by_span})
            for c, d in zip(candidates, self.candidate_doc)
        ]
        self._places = self._collect_places()

    # --- places -------------------------------------------------------------------------

    def _collect_places(self) -> dict[str, dict[str, Any]]:
        places: dict[str, dict[str, Any]] = {}
        for i, (_, mention) in enumerate(self.mentions):
            if mention.kind != mn.PLACE:
                continue
            point = self._point(mention)
            if point is None:
                continue
            place_id, name, lat, lon = point
            entry = places.setdefault(
                place_id, {"id": place_id, "name": name, "lat": lat, "lon": lon, "mentions": [], "spellings": []}
            )
            entry["mentions"].append(i)
            if mention.text not in entry["spellings"]:
                entry["spellings"].append(mention.text)
        return dict(sorted(places.items()))

    def _point(self, mention: Mention) -> tuple[str, str, float, float] | None:
        """The place a place mention resolved to, with its coordinates, or None."""
        place_id = mention.get(mn.PLACE_ID)
        if not place_id or mention.get(mn.STATUS) in ("ambiguous", "not_found"):
            return None
        place_id = str(place_id)
        lat, lon, name = _number(mention.get(mn.LAT)), _number(mention.get(mn.LON)), mention.get(mn.NAME)
        if (lat is None or lon is None or not name) and self.gazetteer is not None:
            place = self._gazetteer_place(place_id)
            if place is not None:
                lat = place.lat if lat is None else lat
                lon = place.lon if lon is None else lon
                name = name or place.name
        if lat is None or lon is None or not (-90 <= lat <= 90 and -180 <= lon <= 180):
            return None
        return place_id, str(name or place_id), round(lat, 5), round(lon, 5)

    def _gazetteer_place(self, place_id: str):
        from ..errors import PlaceNotFoundError

        if self.gazetteer is None:
            return None
        try:
            return self.gazetteer.place(place_id)
        except PlaceNotFoundError:
            return None

    def places(self) -> list[dict[str, Any]]:
        """The map's markers: one per place resolved, with its mentions and spellings."""
        return list(self._places.values())

    def gazetteer_places(self) -> list:
        """The gazetteer's records of the markers (for the credits); none without a gazetteer."""
        found = (self._gazetteer_place(place_id) for place_id in self._places)
        return [place for place in found if place is not None]

    def bounds(self) -> list[list[float]]:
        """The map's first view, ``[[south, west], [north, east]]``: the places found, else Mali."""
        if not self._places:
            return MALI_BOUNDS
        lats = [p["lat"] for p in self._places.values()]
        lons = [p["lon"] for p in self._places.values()]
        south, north = _at_least(min(lats), max(lats), MIN_SPAN_DEG)
        west, east = _at_least(min(lons), max(lons), MIN_SPAN_DEG)
        return [[south, west], [north, east]]

    def candidate_data(self) -> list[dict[str, Any]]:
        """What the script needs of each candidate: its document and evidence mentions."""
        return [{"doc": d, "evidence": e} for d, e in zip(self.candidate_doc, self.evidence)]

    # --- records ------------------------------------------------------------------------

    def record_data(self, seeds: Seeds | None) -> dict[str, Any]:
        """What the script needs to turn candidates into records (see "Records" above).

        ``items[c]`` is candidate ``c``: its record kind (``""`` when it is neither an
        incident nor a claim: it cannot be accepted), its row (every column of its file,
        the id made unique and valid) and the places to offer for it.
        """
        from .._input import MAX_COUNT
        from ..seeds import Seeds

        seeds = seeds if seeds is not None else Seeds.load()
        known_sources = sorted({row[schema.ID] for row in seeds.sources if row[schema.ID]})
        items: list[dict[str, Any]] = []
        names: dict[str, str] = {}
        for c, (candidate, record_id) in enumerate(zip(self.candidates, self._record_ids())):
            record = candidate.record if candidate.record in (INCIDENT, CLAIM) else ""
            if not record:
                items.append({"id": record_id, "record": "", "row": {}, "places": []})
                continue
            row = {column: _cell(candidate.row.get(column)) for column in RECORD_COLUMNS[record]}
            row[schema.ID] = record_id
            places = self._place_options(c, row[schema.PLACE], names)
            items.append({"id": record_id, "record": record, "row": row, "places": places})
        data: dict[str, Any] = {
            "columns": {kind: list(columns) for kind, columns in RECORD_COLUMNS.items()},
            "eventTypes": {kind: sorted(subs) for kind, subs in schema.EVENT_TYPES.items()},
            "statuses": sorted(schema.CLAIM_STATUSES),
            "tiers": sorted(schema.CLAIM_TIERS),
            "precisions": [str(p) for p in schema.PRECISIONS],
            "idPattern": schema.ID_REGEX,
            "maxCount": MAX_COUNT,
            "actors": sorted([row[schema.ID], row[schema.NAME]] for row in seeds.actors if row[schema.ID]),
            "sources": known_sources,
            "newSources": self._new_sources(set(known_sources)),
            "placeNames": dict(sorted(names.items())),
            "items": items,
        }
        return data

    def _record_ids(self) -> list[str]:
        """The candidates' ids, made valid (lower-case words and hyphens) and unique in the page."""
        used: set[str] = set()
        ids = []
        for candidate in self.candidates:
            base = candidate.id if _ID.match(candidate.id) else re.sub(r"[^a-z0-9]+", "-", candidate.id.lower())
            base = base.strip("-") or "candidate"
            record_id, n = base, 2
            while record_id in used:
                record_id, n = f"{base}-{n}", n + 1
            used.add(record_id)
            ids.append(record_id)
        return ids

    def _place_options(self, c: int, place_id: str, names: dict[str, str]) -> list[dict[str, str]]:
        """The places to offer for candidate ``c``: its own, the alternatives its place mention
        had (the gazetteer's other candidates for the name), the other places of its document."""
        options: dict[str, str] = {}

        def add(pid: Any, name: Any, group: str) -> None:
            pid = str(pid or "").strip()
            if not pid or pid in options:
                return
            options[pid] = group
            if name and pid not in names:
                names[pid] = str(name)
            elif pid not in names:
                place = self._gazetteer_place(pid)
                if place is not None:
                    names[pid] = place.name

        add(place_id, None, "proposed")
        evidence = [self.mentions[i][1] for i in self.evidence[c]]
        for mention in evidence:
            if mention.kind == mn.PLACE and mention.get(mn.PLACE_ID) == place_id:
                add(place_id, mention.get(mn.NAME), "proposed")
        for mention in evidence:
            if mention.kind != mn.PLACE:
                continue
            add(mention.get(mn.PLACE_ID), mention.get(mn.NAME), "alternative")
            for other in mention.get(mn.CANDIDATES) or []:
                if isinstance(other, dict):
                    add(other.get("id"), other.get(mn.NAME), "alternative")
        d = self.candidate_doc[c]
        for place in self._places.values():
            if d >= 0 and any(self.mentions[i][0] == d for i in place["mentions"]):
                add(place["id"], place["name"], "document")
        return [{"id": pid, "group": group} for pid, group in options.items()]

    def _new_sources(self, known: set[str]) -> list[dict[str, str]]:
        """A ``sources.csv`` row for each document whose source id is not among the known ones."""

        rows: dict[str, dict[str, str]] = {}
        for document in self.documents:
            source = document.source
            if not _ID.match(source or "") or source in known or source in rows:
                continue
            url = http_url(document.name) or ""
            title = url or document.name.replace("\\", "/").rsplit("/", 1)[-1] or source
            row = dict.fromkeys(RECORD_COLUMNS["source"], "")
            row.update(
                {
                    schema.ID: source,
                    schema.KIND: "document",
                    schema.TITLE: title,
                    schema.DATE: document.date.text if document.date is not None else "",
                    schema.URL: url,
                    schema.NOTE: f"Added from the review page of geo extract for {document.name}.",
                }
            )
            rows[source] = row
        return list(rows.values())

    # --- HTML ---------------------------------------------------------------------------

    def body(self, title: str) -> str:
        counts = {kind: sum(m.kind == kind for _, m in self.mentions) for kind in mn.KINDS}
        parts = [
            '<header class="rv-head">',
            f"<h1>{escape(title)}</h1>",
            f'<p class="rv-summary">{escape(self._summary())}</p>',
            '<ul class="rv-legend" aria-label="legend">',
            *(
                f'<li><span class="rv-swatch k-{kind}"></span>{KIND_LABELS[kind]} ({counts[kind]})</li>'
                for kind in mn.KINDS
            ),
            '<li><span class="rv-swatch rv-swatch-sel"></span>sentence of the chosen candidate</li>',
            '<li><span class="rv-swatch rv-swatch-hit"></span>mentions of the chosen place</li>',
            '<li><span class="rv-swatch rv-swatch-bad"></span>offsets that do not match the text</li>',
            "</ul>",
            "</header>",
            '<main class="rv-main">',
            '<section class="rv-docs" id="rv-docs" aria-label="documents">',
        ]
        if not self.documents:
            parts.append('<p class="rv-empty">No documents.</p>')
        parts.extend(self._document(d) for d in range(len(self.documents)))
        parts += [
            "</section>",
            '<aside class="rv-side">',
            '<div id="rv-map" class="rv-map" role="img" aria-label="map of the places found"></div>',
            f'<p class="rv-map-note">{escape(self._map_note())}</p>',
            '<section class="rv-records" id="rv-records" aria-label="records to download">',
            "<h2>Records</h2>",
            '<p class="rv-records-off">Accepting, editing and downloading records needs the page\'s script.</p>',
            "</section>",
            f"<h2>Candidates ({len(self.candidates)})</h2>",
            self._candidate_list(),
            "</aside>",
            "</main>",
        ]
        return "\n".join(parts)

    def _summary(self) -> str:
        return (
            f"{_plural(len(self.documents), 'document')}, {_plural(len(self.mentions), 'mention')}, "
            f"{_plural(len(self.candidates), 'candidate record')}. Click a candidate to see its sentence; "
            "click a marker or a place in the text to see that place's mentions. Hover a highlight for "
            "what it resolved to."
        )

    def _map_note(self) -> str:
        resolved = sum(len(p["mentions"]) for p in self._places.values())
        return f"{_plural(len(self._places), 'place')} resolved, from {_plural(resolved, 'mention')}."

    def _document(self, d: int) -> str:
        document = self.documents[d]
        text = document.text
        numbers = self.doc_mentions[d]
        problems: list[str] = []
        spans: list[tuple[int, int, int]] = []
        bad: set[int] = set()
        for i in numbers:
            mention = self.mentions[i][1]
            if mention.start >= len(text):
                problems.append(f"{mention.kind} {mention.text!r} at {mention.start}–{mention.end}: beyond the text")
                continue
            end = min(mention.end, len(text))
            if text[mention.start : mention.end] != mention.text:
                problems.append(
                    f"{mention.kind} {mention.text!r} at {mention.start}–{mention.end}: "
                    f"the text there is {text[mention.start : end]!r}"
                )
                bad.add(i)
            spans.append((mention.start, end, i))
        sentences = []
        for c, candidate in enumerate(self.candidates):
            if self.candidate_doc[c] != d:
                continue
            start, end = max(candidate.sentence_start, 0), min(candidate.sentence_end, len(text))
            if start < end:
                sentences.append((start, end, c))
            else:
                problems.append(
                    f"candidate {candidate.id}: sentence {candidate.sentence_start}–{candidate.sentence_end} "
                    "is not in the text"
                )
        pieces = [self._run(text, run, bad) for run in _runs(len(text), spans, sentences)]
        kinds = ", ".join(
            _plural(sum(self.mentions[i][1].kind == kind for i in numbers), KIND_LABELS[kind]) for kind in mn.KINDS
        )
        date = document.date.text if document.date is not None else "unknown"
        meta = [
            ("source", _link_or_text(document.source)),
            ("date", escape(date)),
            ("mentions", escape(kinds)),
            ("length", escape(f"{len(text):,} characters")),
        ]
        parts = [
            f'<article class="rv-doc" id="rv-doc-{d}">',
            f"<h2>{_link_or_text(document.name)}</h2>",
            '<dl class="rv-meta">',
            *(f"<dt>{label}</dt><dd>{value}</dd>" for label, value in meta),
            "</dl>",
        ]
        if problems:
            parts += ['<ul class="rv-problems">', *(f"<li>{escape(p)}</li>" for p in problems), "</ul>"]
        parts += [f'<div class="rv-text">{"".join(pieces)}</div>', "</article>"]
        return "\n".join(parts)

    def _run(self, text: str, run: _Run, bad: set[int]) -> str:
        piece = escape(text[run.start : run.end])
        if not run.mentions and not run.sentences:
            return piece
        classes = ["rv-seg"]
        attributes = []
        if run.mentions:
            covering = [self.mentions[i][1] for i in run.mentions]
            inner = min(covering, key=lambda m: (m.end - m.start, -m.start))
            classes += ["rv-hl", f"k-{inner.kind}"]
            outer = [kind for kind in mn.KINDS if kind != inner.kind and any(m.kind == kind for m in covering)]
            classes += [f"o-{kind}" for kind in outer]  # the other kinds covering the run
            classes += [f"u{slot}-{kind}" for slot, kind in enumerate(outer, 1)]  # their underlines, bottom up
            if bad & set(run.mentions):
                classes.append("rv-bad")
            attributes.append(f'data-m="{" ".join(map(str, run.mentions))}"')
        if run.sentences:
            attributes.append(f'data-s="{" ".join(map(str, run.sentences))}"')
        if run.mentions:
            tip = "\n".join(describe(self.mentions[i][1]) for i in run.mentions)
            attributes.append(f'title="{escape(tip)}"')
        return f'<span class="{" ".join(classes)}" {" ".join(attributes)}>{piece}</span>'

    def _candidate_list(self) -> str:
        if not self.candidates:
            return '<p class="rv-empty">No candidate records.</p>'
        ids = self._record_ids()
        items = [self._candidate(c, ids[c]) for c in range(len(self.candidates))]
        return "\n".join(['<ol class="rv-cands">', *items, "</ol>"])

    def _candidate(self, c: int, record_id: str) -> str:
        candidate = self.candidates[c]
        row = {key: str(value).strip() for key, value in candidate.row.items() if value is not None}
        d = self.candidate_doc[c]
        record = candidate.record if candidate.record in (INCIDENT, CLAIM) else "record"
        if record == CLAIM:
            when = _span(row.get(schema.START, ""), row.get(schema.END, ""))
            fields = [
                ("actor", row.get(schema.ACTOR, "")),
                ("status", " ".join(v for v in (row.get(schema.STATUS, ""), row.get(schema.TIER, "")) if v)),
                ("place", self._place_label(row.get(schema.PLACE, ""))),
                ("said by", row.get(schema.SAID_BY, "")),
            ]
        else:
            when = row.get(schema.DATE, "")
            actors = [row.get(schema.ACTOR1, ""), row.get(schema.ACTOR2, "")]
            actors += row.get(schema.ASSOC_ACTORS, "").split(schema.MULTI_SEPARATOR)
            event = " / ".join(v for v in (row.get(schema.EVENT_TYPE, ""), row.get(schema.SUB_EVENT_TYPE, "")) if v)
            fields = [
                ("place", self._place_label(row.get(schema.PLACE, "")) or row.get(schema.LOCATION, "")),
                ("event", event),
                ("actors", ", ".join(a for a in actors if a)),
                ("deaths", _deaths(row)),
                ("displaced", row.get(schema.DISPLACED, "")),
            ]
        sentence = f"characters {candidate.sentence_start}–{candidate.sentence_end}"
        if d < 0:
            sentence += f" of {candidate.doc} (not in this page)"
        elif len(self.documents) > 1:
            sentence += f" of {self.documents[d].name}"
        fields += [("note", row.get(schema.NOTE, "")), ("sentence", sentence)]
        chips = "".join(
            f'<span class="rv-chip k-{self.mentions[i][1].kind}">{escape(self.mentions[i][1].text)}</span>'
            for i in self.evidence[c]
        )
        state = "" if d >= 0 else " rv-cand-orphan"
        parts = [
            f'<li class="rv-cand rv-cand-{record}{state}" data-c="{c}" tabindex="0">',
            f'<div class="rv-cand-head"><span class="rv-badge">{record}</span> '
            f'<span class="rv-when">{escape(when or "no date")}</span> '
            f'<span class="rv-id">{escape(record_id)}</span></div>',
            '<dl class="rv-fields">',
            *(f"<dt>{label}</dt><dd>{escape(value)}</dd>" for label, value in fields if value),
            "</dl>",
        ]
        if chips:
            parts.append(f'<div class="rv-chips">{chips}</div>')
        parts.append("</li>")
        return "".join(parts)

    def _place_label(self, place_id: str) -> str:
        if not place_id:
            return ""
        place = self._gazetteer_place(place_id)
        return f"{place.name} [{place_id}]" if place is not None else place_id


# --- descriptions ---------------------------------------------------------------------


def describe(mention: Mention) -> str:
    """One line saying what a mention resolved to (the tooltip of its highlight).

    Examples
    --------
    >>> from geo.extract.mention import Mention
    >>> describe(Mention("a", 0, 5, "Alpha", "place", {"place": "ml-alpha", "name": "Alpha", "lat": 15, "lon": 1}))
    'place “Alpha”: ml-alpha Alpha (15, 1)'
    >>> describe(Mention("a", 0, 5, "Beta", "place", {"status": "ambiguous", "candidates": [{"id": "ml-b1"}]}))
    'place “Beta”: ambiguous: candidates ml-b1'
    >>> describe(Mention("a", 0, 9, "about 12 civilians killed", "count",
    ...                  {"what": "killed", "low": 12, "high": None, "qualifier": "about", "subject": "civilians"}))
    'count “about 12 civilians killed”: killed 12 or more (about), civilians'
    """
    label = f"{KIND_LABELS[mention.kind]} “{mention.text}”: "
    if mention.kind == mn.PLACE:
        return label + _describe_place(mention)
    if mention.kind == mn.ACTOR:
        actor = mention.get(mn.ACTOR_ID)
        return label + (str(actor) if actor else "not found")
    if mention.kind == mn.DATE:
        return label + _describe_date(mention)
    return label + _describe_count(mention)


def _describe_place(mention: Mention) -> str:
    status = mention.get(mn.STATUS)
    place_id = mention.get(mn.PLACE_ID)
    if status == "ambiguous" or (not place_id and mention.get(mn.CANDIDATES)):
        options = [_place_text(c) for c in mention.get(mn.CANDIDATES) or [] if isinstance(c, dict)]
        return "ambiguous: candidates " + ("; ".join(options) if options else "none listed")
    if not place_id or status == "not_found":
        return "not found"
    text = _place_text({"id": place_id, **mention.resolution})
    extra = []
    if _number(mention.get(mn.UNCERTAINTY_KM)) is not None:
        extra.append(f"within {_fmt(mention.get(mn.UNCERTAINTY_KM))} km")
    if _number(mention.get(mn.SCORE)) is not None:
        extra.append(f"score {_fmt(mention.get(mn.SCORE))}")
    return text + (f", {', '.join(extra)}" if extra else "")


def _place_text(place: dict[str, Any]) -> str:
    words = [str(place.get("id") or "?")]
    if place.get(mn.NAME):
        words.append(str(place[mn.NAME]))
    lat, lon = _number(place.get(mn.LAT)), _number(place.get(mn.LON))
    if lat is not None and lon is not None:
        words.append(f"({_fmt(lat)}, {_fmt(lon)})")
    return " ".join(words)


def _describe_date(mention: Mention) -> str:
    edtf = mention.get(mn.DATE_EDTF)
    if not edtf:
        return "not resolved"
    text = str(edtf)
    earliest, latest = mention.get(mn.EARLIEST), mention.get(mn.LATEST)
    if earliest or latest:
        first, last = str(earliest or "…"), str(latest or "…")
        if first != last or first != text:
            text += f" ({first} to {last})"
    if mention.get(mn.RELATIVE):
        text += ", relative to the document's date"
    return text


def _describe_count(mention: Mention) -> str:
    low, high = mention.get(mn.LOW), mention.get(mn.HIGH)
    if low is None and high is None:
        bounds = "?"
    elif high is None:
        bounds = f"{_fmt(low)} or more"
    elif low is None:
        bounds = f"up to {_fmt(high)}"
    elif low == high:
        bounds = _fmt(low)
    else:
        bounds = f"{_fmt(low)}–{_fmt(high)}"
    text = f"{mention.get(mn.WHAT) or 'counted'} {bounds}"
    if mention.get(mn.QUALIFIER):
        text += f" ({mention.get(mn.QUALIFIER)})"
    if mention.get(mn.SUBJECT):
        text += f", {mention.get(mn.SUBJECT)}"
    return text


def _deaths(row: dict[str, str]) -> str:
    values = [row.get(column, "") for column in schema.FATALITY_COLUMNS]
    text = "" if not any(values) else " / ".join(v or "?" for v in values) + " (low / best / high)"
    written = row.get(schema.FATALITIES_TEXT, "")
    if written:
        text = f"{text}; “{written}”" if text else f"“{written}”"
    return text


# --- helpers --------------------------------------------------------------------------


def _cell(value: Any) -> str:
    """A record's cell as text: ``None`` empty, surrounding whitespace dropped."""
    return "" if value is None else str(value).strip()


def _link_or_text(value: str) -> str:
    """An http(s) URL as a link, anything else as escaped text."""
    url = http_url(value)
    if url is None:
        return escape(value)
    return f'<a href="{escape(url)}" target="_blank" rel="noopener noreferrer">{escape(url)}</a>'


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or value is None:
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


def _fmt(value: Any) -> str:
    number = _number(value)
    if number is None:
        return str(value)
    return f"{number:,.5f}".rstrip("0").rstrip(".") if number != int(number) else f"{int(number):,}"


def _plural(n: int, word: str) -> str:
    return f"{n:,} {word}" + ("" if n == 1 else "s")


def _at_least(low: float, high: float, span: float) -> tuple[float, float]:
    """``(low, high)`` widened around its middle to at least ``span``."""
    if high - low >= span:
        return low, high
    middle = (low + high) / 2
    return round(middle - span / 2, 5), round(middle + span / 2, 5)


def _span(start: str, end: str) -> str:
    if start and end:
        return f"{start} to {end}"
    return f"from {start}" if start else (f"until {end}" if end else "")
