"""The body of the review page, in HTML: the documents' texts with their mentions
highlighted (see "How the text is rendered" in :mod:`geo.extract.review`), the legend,
and the list of candidates. Every piece of text is escaped here."""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ... import schema
from ...render.page import escape, http_url
from .. import mention as mn
from ..candidates import CLAIM, INCIDENT
from .describe import KIND_LABELS, describe

if TYPE_CHECKING:
    from .model import ReviewModel


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


def body(model: ReviewModel, title: str) -> str:
    counts = {kind: sum(m.kind == kind for _, m in model.mentions) for kind in mn.KINDS}
    parts = [
        '<header class="rv-head">',
        f"<h1>{escape(title)}</h1>",
        f'<p class="rv-summary">{escape(_summary(model))}</p>',
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
    if not model.documents:
        parts.append('<p class="rv-empty">No documents.</p>')
    parts.extend(_document(model, d) for d in range(len(model.documents)))
    parts += [
        "</section>",
        '<aside class="rv-side">',
        '<div id="rv-map" class="rv-map" role="img" aria-label="map of the places found"></div>',
        f'<p class="rv-map-note">{escape(_map_note(model))}</p>',
        '<section class="rv-records" id="rv-records" aria-label="records to download">',
        "<h2>Records</h2>",
        '<p class="rv-records-off">Accepting, editing and downloading records needs the page\'s script.</p>',
        "</section>",
        f"<h2>Candidates ({len(model.candidates)})</h2>",
        _candidate_list(model),
        "</aside>",
        "</main>",
    ]
    return "\n".join(parts)


def _summary(model: ReviewModel) -> str:
    return (
        f"{_plural(len(model.documents), 'document')}, {_plural(len(model.mentions), 'mention')}, "
        f"{_plural(len(model.candidates), 'candidate record')}. Click a candidate to see its sentence; "
        "click a marker or a place in the text to see that place's mentions. Hover a highlight for "
        "what it resolved to."
    )


def _map_note(model: ReviewModel) -> str:
    resolved = sum(len(p["mentions"]) for p in model.places_by_id.values())
    return f"{_plural(len(model.places_by_id), 'place')} resolved, from {_plural(resolved, 'mention')}."


def _document(model: ReviewModel, d: int) -> str:
    document = model.documents[d]
    text = document.text
    numbers = model.doc_mentions[d]
    problems: list[str] = []
    spans: list[tuple[int, int, int]] = []
    bad: set[int] = set()
    for i in numbers:
        mention = model.mentions[i][1]
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
    for c, candidate in enumerate(model.candidates):
        if model.candidate_doc[c] != d:
            continue
        start, end = max(candidate.sentence_start, 0), min(candidate.sentence_end, len(text))
        if start < end:
            sentences.append((start, end, c))
        else:
            problems.append(
                f"candidate {candidate.id}: sentence {candidate.sentence_start}–{candidate.sentence_end} "
                "is not in the text"
            )
    pieces = [_run(model, text, run, bad) for run in _runs(len(text), spans, sentences)]
    kinds = ", ".join(
        _plural(sum(model.mentions[i][1].kind == kind for i in numbers), KIND_LABELS[kind]) for kind in mn.KINDS
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


def _run(model: ReviewModel, text: str, run: _Run, bad: set[int]) -> str:
    piece = escape(text[run.start : run.end])
    if not run.mentions and not run.sentences:
        return piece
    classes = ["rv-seg"]
    attributes = []
    if run.mentions:
        covering = [model.mentions[i][1] for i in run.mentions]
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
        tip = "\n".join(describe(model.mentions[i][1]) for i in run.mentions)
        attributes.append(f'title="{escape(tip)}"')
    return f'<span class="{" ".join(classes)}" {" ".join(attributes)}>{piece}</span>'


def _candidate_list(model: ReviewModel) -> str:
    if not model.candidates:
        return '<p class="rv-empty">No candidate records.</p>'
    ids = model.record_ids()
    items = [_candidate(model, c, ids[c]) for c in range(len(model.candidates))]
    return "\n".join(['<ol class="rv-cands">', *items, "</ol>"])


def _candidate(model: ReviewModel, c: int, record_id: str) -> str:
    candidate = model.candidates[c]
    row = {key: str(value).strip() for key, value in candidate.row.items() if value is not None}
    d = model.candidate_doc[c]
    record = candidate.record if candidate.record in (INCIDENT, CLAIM) else "record"
    if record == CLAIM:
        when = _span(row.get(schema.START, ""), row.get(schema.END, ""))
        fields = [
            ("actor", row.get(schema.ACTOR, "")),
            ("status", " ".join(v for v in (row.get(schema.STATUS, ""), row.get(schema.TIER, "")) if v)),
            ("place", _place_label(model, row.get(schema.PLACE, ""))),
            ("said by", row.get(schema.SAID_BY, "")),
        ]
    else:
        when = row.get(schema.DATE, "")
        actors = [row.get(schema.ACTOR1, ""), row.get(schema.ACTOR2, "")]
        actors += row.get(schema.ASSOC_ACTORS, "").split(schema.MULTI_SEPARATOR)
        event = " / ".join(v for v in (row.get(schema.EVENT_TYPE, ""), row.get(schema.SUB_EVENT_TYPE, "")) if v)
        fields = [
            ("place", _place_label(model, row.get(schema.PLACE, "")) or row.get(schema.LOCATION, "")),
            ("event", event),
            ("actors", ", ".join(a for a in actors if a)),
            ("deaths", _deaths(row)),
            ("displaced", row.get(schema.DISPLACED, "")),
        ]
    sentence = f"characters {candidate.sentence_start}–{candidate.sentence_end}"
    if d < 0:
        sentence += f" of {candidate.doc} (not in this page)"
    elif len(model.documents) > 1:
        sentence += f" of {model.documents[d].name}"
    fields += [("note", row.get(schema.NOTE, "")), ("sentence", sentence)]
    chips = "".join(
        f'<span class="rv-chip k-{model.mentions[i][1].kind}">{escape(model.mentions[i][1].text)}</span>'
        for i in model.evidence[c]
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


def _place_label(model: ReviewModel, place_id: str) -> str:
    if not place_id:
        return ""
    place = model.gazetteer_place(place_id)
    return f"{place.name} [{place_id}]" if place is not None else place_id


def _deaths(row: dict[str, str]) -> str:
    values = [row.get(column, "") for column in schema.FATALITY_COLUMNS]
    text = "" if not any(values) else " / ".join(v or "?" for v in values) + " (low / best / high)"
    written = row.get(schema.FATALITIES_TEXT, "")
    if written:
        text = f"{text}; “{written}”" if text else f"“{written}”"
    return text


def _link_or_text(value: str) -> str:
    """An http(s) URL as a link, anything else as escaped text."""
    url = http_url(value)
    if url is None:
        return escape(value)
    return f'<a href="{escape(url)}" target="_blank" rel="noopener noreferrer">{escape(url)}</a>'


def _plural(n: int, word: str) -> str:
    return f"{n:,} {word}" + ("" if n == 1 else "s")


def _span(start: str, end: str) -> str:
    if start and end:
        return f"{start} to {end}"
    return f"from {start}" if start else (f"until {end}" if end else "")
