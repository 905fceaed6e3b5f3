"""A document read by the extractor: its text, its date, and what was found in it."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..dates import DateInterval
from .mention import Mention

__all__ = ["Document"]


@dataclass
class Document:
    """One input file and its mentions.

    ``name`` is the document's key in the output (the ``doc`` of each mention): the
    path as given on the command line. ``source`` is the id of the document in the
    seeds' ``sources.csv`` when it is known (``--source``, or the file is one the
    bundled sources name), else an id made from the file name. ``date`` is the
    document's own date (``--date`` or found in the text), which relative dates are
    resolved against; ``None`` when neither gives one.
    """

    name: str
    text: str
    source: str
    date: DateInterval | None = None
    mentions: list[Mention] = field(default_factory=list)
    lang: str = "en"  # "en" or "fr": the language its dates and counts were read in

    def of_kind(self, kind: str) -> list[Mention]:
        """The mentions of one kind, in order of position."""
        return [m for m in self.mentions if m.kind == kind]
