"""One mention found in a document: where it is, what it says, and what it resolves to.

Every finder (places, actors, dates, counts) returns :class:`Mention` objects, and
the command line writes each as one JSON object (:meth:`Mention.to_dict`). The keys
are defined here and only here.

Offsets are Python string indices into the document's text as read (UTF-8, newlines
kept), ``start`` inclusive and ``end`` exclusive, so ``text[start:end] == mention.text``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

__all__ = [
    "ACTOR",
    "COUNT",
    "DATE",
    "KINDS",
    "PLACE",
    "Mention",
]

# The four kinds of mention.
PLACE = "place"
ACTOR = "actor"
DATE = "date"
COUNT = "count"
KINDS = (PLACE, ACTOR, DATE, COUNT)

# Keys every mention has, in output order.
DOC = "doc"
START = "start"
END = "end"
TEXT = "text"
KIND = "kind"
COMMON_KEYS = (DOC, START, END, TEXT, KIND)

# Resolution keys, by kind (a mention's ``resolution`` holds those of its kind).
# place: the chosen place (None when not found or ambiguous) and how it was chosen.
PLACE_ID = "place"
NAME = "name"
PLACE_KIND = "place_kind"  # the gazetteer's kind: town, village, region, country...
LAT = "lat"
LON = "lon"
UNCERTAINTY_KM = "uncertainty_km"
STATUS = "status"  # ok | ambiguous | not_found
SCORE = "score"
CANDIDATES = "candidates"  # [{"id", "name", "lat", "lon", "score"}], best first
# actor
ACTOR_ID = "actor"
# date: an EDTF date or interval, and the interval of days it covers
DATE_EDTF = "date"
EARLIEST = "earliest"
LATEST = "latest"
RELATIVE = "relative"  # True when resolved against the document's date or an earlier date in the text
REASON = "reason"  # why ``date`` is None (the document's date is unknown, ...)
NOTE = "note"  # a caution on a resolved date: a weekday that does not match, what it was counted from
# count: what was counted, the bounds, and the qualifier as written
WHAT = "what"  # killed | wounded | displaced | kidnapped
LOW = "low"
HIGH = "high"  # None when open-ended ("more than 40")
QUALIFIER = "qualifier"  # exact | about | at_least | more_than | up_to | less_than | between | vague
SUBJECT = "subject"  # who was counted, as written ("civilians", "soldiers"), or None


@dataclass(frozen=True, slots=True)
class Mention:
    """A span of a document and its resolution.

    Examples
    --------
    >>> m = Mention("doc.txt", 10, 16, "Ménaka", PLACE, {"place": "ml-menaka", "lat": 15.9, "lon": 2.4})
    >>> m.to_dict()["place"], m.to_dict()["start"]
    ('ml-menaka', 10)
    """

    doc: str
    start: int
    end: int
    text: str
    kind: str
    resolution: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown mention kind {self.kind!r}; expected one of {', '.join(KINDS)}")
        if not 0 <= self.start < self.end:
            raise ValueError(f"bad span {self.start}..{self.end} for {self.text!r}")

    def get(self, key: str, default: Any = None) -> Any:
        """One resolution value (``mention.get("place")``)."""
        return self.resolution.get(key, default)

    def to_dict(self) -> dict[str, Any]:
        """A flat, JSON-ready object: the common keys, then the resolution."""
        record: dict[str, Any] = {DOC: self.doc, START: self.start, END: self.end, TEXT: self.text, KIND: self.kind}
        record.update(self.resolution)
        return record
