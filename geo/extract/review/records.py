"""The records of the review page: what its script needs to turn candidates into rows of
``incidents.csv``, ``claims.csv`` and ``sources.csv`` (see "Records" in :mod:`geo.extract.review`)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ... import schema
from ...render.page import http_url
from .. import mention as mn
from ..candidates import CLAIM, INCIDENT
from .model import ID_PATTERN

if TYPE_CHECKING:
    from ...seeds import Seeds
    from .model import ReviewModel

# The header of each file the page writes: the seeds' own files (the optional columns of an
# imported dataset's precision codes left out).
RECORD_COLUMNS = {
    INCIDENT: tuple(
        c for c in schema.INCIDENT_COLUMNS if c not in (schema.GEO_PRECISION_CODE, schema.TIME_PRECISION_CODE)
    ),
    CLAIM: schema.CLAIM_COLUMNS,
    "source": schema.SOURCE_COLUMNS,
}


def record_data(model: ReviewModel, seeds: Seeds | None) -> dict[str, Any]:
    """What the script needs to turn candidates into records (see "Records" above).

    ``items[c]`` is candidate ``c``: its record kind (``""`` when it is neither an
    incident nor a claim: it cannot be accepted), its row (every column of its file,
    the id made unique and valid) and the places to offer for it.
    """
    from ..._input import MAX_COUNT
    from ...seeds import Seeds

    seeds = seeds if seeds is not None else Seeds.load()
    known_sources = sorted({row[schema.ID] for row in seeds.sources if row[schema.ID]})
    items: list[dict[str, Any]] = []
    names: dict[str, str] = {}
    for c, (candidate, record_id) in enumerate(zip(model.candidates, model.record_ids())):
        record = candidate.record if candidate.record in (INCIDENT, CLAIM) else ""
        if not record:
            items.append({"id": record_id, "record": "", "row": {}, "places": []})
            continue
        row = {column: _cell(candidate.row.get(column)) for column in RECORD_COLUMNS[record]}
        row[schema.ID] = record_id
        places = _place_options(model, c, row[schema.PLACE], names)
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
        "newSources": _new_sources(model, set(known_sources)),
        "placeNames": dict(sorted(names.items())),
        "items": items,
    }
    return data


def _place_options(model: ReviewModel, c: int, place_id: str, names: dict[str, str]) -> list[dict[str, str]]:
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
            place = model.gazetteer_place(pid)
            if place is not None:
                names[pid] = place.name

    add(place_id, None, "proposed")
    evidence = [model.mentions[i][1] for i in model.evidence[c]]
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
    d = model.candidate_doc[c]
    for place in model.places_by_id.values():
        if d >= 0 and any(model.mentions[i][0] == d for i in place["mentions"]):
            add(place["id"], place["name"], "document")
    return [{"id": pid, "group": group} for pid, group in options.items()]


def _new_sources(model: ReviewModel, known: set[str]) -> list[dict[str, str]]:
    """A ``sources.csv`` row for each document whose source id is not among the known ones."""

    rows: dict[str, dict[str, str]] = {}
    for document in model.documents:
        source = document.source
        if not ID_PATTERN.match(source or "") or source in known or source in rows:
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


def _cell(value: Any) -> str:
    """A record's cell as text: ``None`` empty, surrounding whitespace dropped."""
    return "" if value is None else str(value).strip()
