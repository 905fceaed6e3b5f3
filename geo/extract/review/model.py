"""The data model of the review page: every mention and candidate numbered once, and the
places resolved (the map's markers and first view)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from ... import schema
from ...render.select import MALI
from .. import mention as mn
from .describe import number

if TYPE_CHECKING:
    from ...gazetteer import Gazetteer
    from ...place import Place
    from ..candidates import Candidate
    from ..document import Document
    from ..mention import Mention

MALI_BOUNDS = [[MALI[1], MALI[0]], [MALI[3], MALI[2]]]  # [[south, west], [north, east]] when no place is found
MIN_SPAN_DEG = 1.0  # the first view spans at least this much each way: a lone place is not a point
ID_PATTERN = re.compile(schema.ID_REGEX)  # a valid record id


def _order(mention: Mention) -> tuple[int, int, int, str]:
    return (mention.start, -mention.end, mn.KINDS.index(mention.kind), mention.text)


class ReviewModel:
    """The review page's data: the mentions and candidates numbered once, the places resolved.

    The page's HTML (:mod:`.html`) and its records (:mod:`.records`) are written from it.
    """

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
        self.places_by_id = self._collect_places()

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
        lat, lon, name = number(mention.get(mn.LAT)), number(mention.get(mn.LON)), mention.get(mn.NAME)
        if (lat is None or lon is None or not name) and self.gazetteer is not None:
            place = self.gazetteer_place(place_id)
            if place is not None:
                lat = place.lat if lat is None else lat
                lon = place.lon if lon is None else lon
                name = name or place.name
        if lat is None or lon is None or not (-90 <= lat <= 90 and -180 <= lon <= 180):
            return None
        return place_id, str(name or place_id), round(lat, 5), round(lon, 5)

    def gazetteer_place(self, place_id: str) -> Place | None:
        """The gazetteer's record of ``place_id``, or None (no gazetteer, or an unknown id)."""
        from ...errors import PlaceNotFoundError

        if self.gazetteer is None:
            return None
        try:
            return self.gazetteer.place(place_id)
        except PlaceNotFoundError:
            return None

    def places(self) -> list[dict[str, Any]]:
        """The map's markers: one per place resolved, with its mentions and spellings."""
        return list(self.places_by_id.values())

    def gazetteer_places(self) -> list[Place]:
        """The gazetteer's records of the markers (for the credits); none without a gazetteer."""
        found = (self.gazetteer_place(place_id) for place_id in self.places_by_id)
        return [place for place in found if place is not None]

    def bounds(self) -> list[list[float]]:
        """The map's first view, ``[[south, west], [north, east]]``: the places found, else Mali."""
        if not self.places_by_id:
            return MALI_BOUNDS
        lats = [p["lat"] for p in self.places_by_id.values()]
        lons = [p["lon"] for p in self.places_by_id.values()]
        south, north = _at_least(min(lats), max(lats), MIN_SPAN_DEG)
        west, east = _at_least(min(lons), max(lons), MIN_SPAN_DEG)
        return [[south, west], [north, east]]

    def candidate_data(self) -> list[dict[str, Any]]:
        """What the script needs of each candidate: its document and evidence mentions."""
        return [{"doc": d, "evidence": e} for d, e in zip(self.candidate_doc, self.evidence)]

    def record_ids(self) -> list[str]:
        """The candidates' ids, made valid (lower-case words and hyphens) and unique in the page."""
        used: set[str] = set()
        ids = []
        for candidate in self.candidates:
            base = candidate.id if ID_PATTERN.match(candidate.id) else re.sub(r"[^a-z0-9]+", "-", candidate.id.lower())
            base = base.strip("-") or "candidate"
            record_id, n = base, 2
            while record_id in used:
                record_id, n = f"{base}-{n}", n + 1
            used.add(record_id)
            ids.append(record_id)
        return ids


def _at_least(low: float, high: float, span: float) -> tuple[float, float]:
    """``(low, high)`` widened around its middle to at least ``span``."""
    if high - low >= span:
        return low, high
    middle = (low + high) / 2
    return round(middle - span / 2, 5), round(middle + span / 2, 5)
