"""Read documents and find their mentions: the one entry point of the curation assistant."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from ..actors import ActorIndex
from ..dates import DateInterval, parse_date
from ..errors import InputError
from ..gazetteer import Gazetteer
from ..seeds import Seeds
from .actors import ActorFinder
from .candidates import Candidate, propose
from .counts import find_counts
from .dates import document_date, find_dates
from .document import Document
from .french import detect_language, document_date_fr, find_counts_fr, find_dates_fr
from .places import PlaceFinder
from .text import URL, sentence_spans

__all__ = ["Extractor"]


class Extractor:
    """Finds places, actors, dates and tolls in documents, and proposes records.

    Build one with :meth:`load` (the bundled gazetteer and records) and call
    :meth:`read` on a file or :meth:`extract` on a text.

    Examples
    --------
    >>> extractor = Extractor.load()
    >>> doc = extractor.extract("On 8 March 2022 the ISGS attacked Tamalat, killing 40 civilians.", "note.txt")
    >>> [(m.kind, m.text) for m in doc.mentions]
    [('date', '8 March 2022'), ('actor', 'ISGS'), ('place', 'Tamalat'), ('count', '40')]
    >>> [c.row["place"] for c in extractor.candidates(doc)]
    ['ml-tamalat']
    """

    def __init__(self, gazetteer: Gazetteer, seeds: Seeds) -> None:
        self.gazetteer = gazetteer
        self.seeds = seeds
        self._actors = ActorFinder(ActorIndex.from_table(seeds.actors))
        self._places = PlaceFinder(gazetteer)
        self._sources = {row["id"]: row.cells for row in seeds.sources.rows}

    @classmethod
    def load(cls, gazetteer: Gazetteer | None = None, seeds: Seeds | None = None) -> Extractor:
        """An extractor over ``gazetteer`` and ``seeds`` (default: the bundled ones)."""
        return cls(gazetteer or Gazetteer.load(), seeds or Seeds.load())

    # --- reading ------------------------------------------------------------------------
    def read(
        self, path: str | Path, *, date_text: str | None = None, source: str | None = None, lang: str | None = None
    ) -> Document:
        """Read one UTF-8 text file and extract its mentions.

        Offsets refer to the text as Python reads it in text mode: UTF-8, with any
        line ending read as one ``\\n``. ``date_text`` is the document's date in EDTF
        (``2022-06-20``), ``source`` its id in ``sources.csv``; both are found when
        not given (see :meth:`extract`). Raises :class:`~geo.errors.InputError` for a
        missing file or one that is not UTF-8, naming the file, the line and the byte;
        for a folder, a device or pipe, a symbolic-link loop, or a file larger than
        :data:`geo._input.MAX_DOCUMENT_BYTES` (50 MB). A byte-order mark is dropped.
        """
        from .._input import read_text

        path = Path(path)
        text = read_text(path, what="text document")
        return self.extract(text, str(path), date_text=date_text, source=source or self.source_of(path), lang=lang)

    def source_of(self, path: str | Path) -> str:
        """The id of the document in ``sources.csv``, or one made from its file name.

        A bundled source whose entry names the file ("File 001_f13fb8948212f0f2.txt")
        is that document; any other file gets ``doc-`` and its name, to be added to
        ``sources.csv`` when its candidates are accepted.

        Examples
        --------
        >>> Extractor.load().source_of("texts/My Article (2).txt")
        'doc-my-article-2'
        """
        name = Path(path).name
        for source_id, row in self._sources.items():
            if name and any(name in (row.get(column) or "") for column in ("note", "locator", "url")):
                return source_id
        slug = re.sub(r"[^a-z0-9]+", "-", Path(path).stem.lower()).strip("-") or "document"
        return f"doc-{slug}"

    # --- extracting ---------------------------------------------------------------------
    def extract(
        self,
        text: str,
        name: str,
        *,
        date_text: str | None = None,
        source: str | None = None,
        lang: str | None = None,
    ) -> Document:
        """Find every mention in ``text``; ``name`` is the ``doc`` of each.

        ``lang`` is ``en`` or ``fr``; without it the language is detected
        (:func:`geo.extract.french.detect_language`). French texts have their own date
        and count finders and French locatives for places.

        The document's date, against which relative dates ("since Wednesday, June 15")
        are resolved, is ``date_text`` (EDTF) when given, else the date the text states
        (a dateline, "Published ..."), else the date of its entry in ``sources.csv``.
        """
        source = source or self.source_of(name)
        when = self._document_date(text, date_text, source)
        urls = [m.span() for m in URL.finditer(text)]
        lang = lang or detect_language(text)
        if lang not in ("en", "fr"):
            raise InputError(f"unknown language {lang!r}; use en or fr")
        reference_day = (when.latest or when.earliest) if when is not None else None
        actors = self._actors.find(text, name, skip=urls, day=reference_day.isoformat() if reference_day else None)
        places = self._places.find(
            text, name, skip=[*urls, *((m.start, m.end) for m in actors)], day=reference_day, lang=lang
        )
        # Dates and counts are not read inside actors' names ("the March 23 Movement"):
        # the finders see those stretches blanked (same length, so offsets hold).
        blanked = _blank(text, [(m.start, m.end) for m in actors])
        if lang == "fr":
            dates = find_dates_fr(blanked, name, doc_date=reference_day)
            counts = find_counts_fr(blanked, name)
        else:
            dates = find_dates(blanked, name, doc_date=reference_day)
            counts = find_counts(blanked, name)
        mentions = sorted([*places, *actors, *dates, *counts], key=lambda m: (m.start, -m.end))
        return Document(name, text, source, when, mentions, lang=lang)

    def _document_date(self, text: str, date_text: str | None, source: str) -> DateInterval | None:
        if date_text:
            return parse_date(date_text)
        stated = document_date(text) or document_date_fr(text)
        if stated is not None:
            return parse_date(stated.isoformat()) if isinstance(stated, date) else stated
        row = self._sources.get(source)
        if row and row.get("date"):
            try:
                return parse_date(row["date"])
            except InputError:  # pragma: no cover - the bundled sources are validated
                return None
        return None

    def candidates(self, document: Document) -> list[Candidate]:
        """The candidate records of ``document`` (:mod:`geo.extract.candidates`)."""
        return propose(document, sentence_spans(document.text))


def _blank(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` with the given stretches replaced by spaces (the same length)."""
    if not spans:
        return text
    chars = list(text)
    for start, end in spans:
        chars[start:end] = " " * (end - start)
    return "".join(chars)
