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
(:func:`.records.record_data`). A place typed by hand cannot be checked against the
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

from collections.abc import Sequence
from typing import TYPE_CHECKING

from ...render.credits import BOUNDARIES, places_credit
from ...render.page import LEAFLET_CSS, LEAFLET_JS, asset, csp_meta, escape, inline_assets, json_for_script
from .describe import KIND_LABELS as KIND_LABELS
from .describe import describe
from .html import body
from .model import MALI_BOUNDS as MALI_BOUNDS
from .model import MIN_SPAN_DEG as MIN_SPAN_DEG
from .model import ReviewModel
from .records import RECORD_COLUMNS as RECORD_COLUMNS
from .records import record_data

if TYPE_CHECKING:
    from ...gazetteer import Gazetteer
    from ...seeds import Seeds
    from ..candidates import Candidate
    from ..document import Document

__all__ = ["describe", "review_page"]

DEFAULT_TITLE = "Extraction review"
CSP_PLACEHOLDER = "<!--review-csp-->"


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
    from ...render.web import boundary_features  # folium: only when a page is made

    model = ReviewModel(list(documents), list(candidates), gazetteer)
    data = {
        "places": model.places(),
        "candidates": model.candidate_data(),
        "records": record_data(model, seeds),
        "boundaries": boundary_features(gazetteer) if gazetteer is not None else [],
        "bounds": model.bounds(),
        "attribution": " · ".join((places_credit(model.gazetteer_places()), BOUNDARIES)),
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
            body(model, title),
            f'<script type="application/json" id="rv-data">{json_for_script(data)}</script>',
            f"<script>{asset('review.js')}</script>",
            "</body>",
            "</html>",
            "",
        ]
    )
    page = inline_assets(page)
    return page.replace(CSP_PLACEHOLDER, csp_meta(page), 1)
