"""The task of a corpus: extract one partition of documents in the calling process, with
one extractor per process (loaded once, reused). Its arguments and results pickle, so it
is what pool workers and Dask workers run."""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeAlias

from ...errors import InputError
from ..candidates import Candidate
from ..document import Document

if TYPE_CHECKING:
    from ..extractor import Extractor


@dataclass(frozen=True)
class Text:
    """A document given by its text: ``name`` is its ``doc`` in the output (and, as for a
    file, what finds its entry in ``sources.csv``).

    Examples
    --------
    >>> [result] = extract_partition([Text("dispatch-17.txt", "JNIM fighters entered Gao.")])
    >>> result.document.name, result.document.source
    ('dispatch-17.txt', 'doc-dispatch-17')
    """

    name: str
    text: str


Item = str | Path | Text


@dataclass(frozen=True)
class Result:
    """What extracting one document gave: the document and its candidate records, or an error.

    ``name`` is the document's name: its path (as :class:`pathlib.Path` writes it),
    ``<stdin>``, or a :class:`Text`'s name. ``error`` is a one-line message that names
    it when the document could not be read; ``document`` is then ``None``.
    """

    name: str
    document: Document | None = None
    candidates: list[Candidate] = field(default_factory=list)
    error: str | None = None

    @property
    def ok(self) -> bool:
        """Whether the document was read."""
        return self.document is not None

    def records(self, kinds: Iterable[str] | None = None) -> list[dict[str, Any]]:
        """The mentions as the JSON objects ``geo extract --json`` writes, in order
        (only those of ``kinds`` when given); none for a document that failed.

        Examples
        --------
        >>> [result] = extract_partition([Text("a.txt", "EIGS fighters entered Ménaka.")])
        >>> [(m["kind"], m["start"], m["end"]) for m in result.records()]
        [('actor', 0, 4), ('place', 22, 28)]
        >>> result.records(["place"])[0]["place"], result.ok, result.error
        ('ml-menaka', True, None)
        """
        if self.document is None:
            return []
        wanted = None if kinds is None else set(kinds)
        return [m.to_dict() for m in self.document.mentions if wanted is None or m.kind in wanted]


# --- one extractor per process --------------------------------------------------------------
# a folder's files: (folder, name, size, modification time in ns), sorted
_Fingerprint: TypeAlias = tuple[tuple[str, str, int, int], ...]

# Keyed by the gazetteer folder (None: bundled), whether its OpenStreetMap tier is used,
# and the records folder (None: bundled), as absolute paths; a folder's entry is
# reloaded when a file in it changed (its names, sizes and modification times).
_EXTRACTORS: dict[tuple[str | None, bool, str | None], tuple[tuple[_Fingerprint, _Fingerprint], Extractor]] = {}
_CACHED = 4  # extractors kept per process, the latest used
_LOCK = threading.Lock()


def _absolute(path: str | Path | None) -> str | None:
    return None if path is None else os.path.abspath(path)


def _fingerprint(folder: str | None) -> _Fingerprint:
    if folder is None:
        return ()
    found = []
    for root, _dirs, files in os.walk(folder):
        for name in files:
            with contextlib.suppress(OSError):
                stat = os.stat(os.path.join(root, name))
                found.append((root, name, stat.st_size, stat.st_mtime_ns))
    return tuple(sorted(found))


def load_extractor(
    *, gazetteer: str | Path | None = None, seeds: str | Path | None = None, osm: bool = True
) -> Extractor:
    """The extractor over the gazetteer in ``gazetteer`` and the records in ``seeds``
    (default: the bundled ones), loaded once per process and then reused (reloaded
    when a file in either folder changed).

    Examples
    --------
    >>> load_extractor() is load_extractor()
    True
    """
    key = (_absolute(gazetteer), bool(osm), _absolute(seeds))
    stamp = (_fingerprint(key[0]), _fingerprint(key[2]))
    with _LOCK:
        cached = _EXTRACTORS.pop(key, None)
        if cached is None or cached[0] != stamp:
            from ...gazetteer import Gazetteer
            from ...seeds import Seeds
            from ..extractor import Extractor

            cached = (stamp, Extractor(Gazetteer.load(key[0], osm=key[1]), Seeds.load(key[2])))
        _EXTRACTORS[key] = cached  # last in: the most recently used
        while len(_EXTRACTORS) > _CACHED:
            del _EXTRACTORS[next(iter(_EXTRACTORS))]
    return cached[1]


def extract_partition(
    items: Sequence[Item],
    *,
    date_text: str | None = None,
    source: str | None = None,
    lang: str | None = None,
    candidates: bool = False,
    gazetteer: str | Path | None = None,
    seeds: str | Path | None = None,
    osm: bool = True,
) -> list[Result]:
    """Extract each document of ``items`` (file paths or :class:`Text`) in this process.

    ``date_text``, ``source`` and ``lang`` apply to every document, as in
    :meth:`Extractor.read <geo.extract.Extractor.read>`; with ``candidates`` each
    result also holds the document's candidate records. A document that cannot be read
    (or that makes the extractor fail) gives a :class:`Result` with its ``error`` and
    the others are still read. The extractor is :func:`load_extractor`'s, so a worker
    loads the gazetteer once, whatever the number of partitions it runs.

    Examples
    --------
    >>> results = extract_partition([Text("a.txt", "ISGS fighters attacked Tamalat."), "no/such/file.txt"])
    >>> [(m["kind"], m["text"]) for m in results[0].records()]
    [('actor', 'ISGS'), ('place', 'Tamalat')]
    >>> results[1].error
    'no/such/file.txt: no such file; give the path of the text document'
    """
    extractor = load_extractor(gazetteer=gazetteer, seeds=seeds, osm=osm)
    return [_extract_one(extractor, item, date_text, source, lang, candidates) for item in items]


def _extract_one(
    extractor: Extractor, item: Item, date_text: str | None, source: str | None, lang: str | None, candidates: bool
) -> Result:
    name = item.name if isinstance(item, Text) else str(Path(item))
    try:
        if isinstance(item, Text):
            document = extractor.extract(item.text, item.name, date_text=date_text, source=source, lang=lang)
        else:
            document = extractor.read(item, date_text=date_text, source=source, lang=lang)
        found = extractor.candidates(document) if candidates else []
    except InputError as error:
        return Result(name, error=str(error))
    except MemoryError:
        return Result(name, error=f"{name}: out of memory while reading it")
    except Exception as error:  # one document's failure must not lose the others
        if os.environ.get("GEO_DEBUG", "") not in ("", "0"):
            raise  # the traceback, as the command shows it with GEO_DEBUG=1
        message = " ".join(str(error).split())[:300]
        return Result(name, error=f"{name}: internal error: {type(error).__name__}: {message} — please report this")
    return Result(name, document, found)
