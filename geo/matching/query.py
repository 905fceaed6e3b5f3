"""Reading a query (rule 1): "Sokolo, Ségou" into a name and its context, "the
Aguelhok camp" or "puits de Tamalat" into a name and the kind it names."""

from __future__ import annotations

from collections.abc import Container
from typing import TYPE_CHECKING

from .. import schema
from ..names import normalize, strip_accents

if TYPE_CHECKING:
    from .index import NameIndex

__all__ = ["split_query"]

_ARTICLES = frozenset({"the", "le", "la", "les", "l"})
_LINKS = frozenset({"de", "du", "d", "of", "des", "la", "le"})


def split_query(text: str, known: NameIndex | Container[str]) -> tuple[str, str | None, list[str]]:
    """Split ``text`` into ``(name, kind named or None, context after the comma)``.

    ``known`` holds the keys of the gazetteer's names (its :class:`~geo.matching.NameIndex`):
    a query that is itself a name, commas and kind words included, is left whole.
    Otherwise the parts after the first comma are context, leading articles are dropped
    and a kind word at either end of the name (with the "de", "of"... that links it)
    becomes the kind.

    Examples
    --------
    >>> split_query("Sokolo, Ségou", set())
    ('Sokolo', None, ['Ségou'])
    >>> split_query("the Aguelhok camp", set())
    ('Aguelhok', 'camp', [])
    >>> split_query("puits de Tamalat", set())
    ('Tamalat', 'well', [])
    >>> split_query("Tin Essako", {"tinessako"})
    ('Tin Essako', None, [])
    """
    if normalize(text) in known:
        return text, None, []
    parts = [p.strip() for p in text.split(",") if p.strip()]
    name, context = parts[0], parts[1:]
    if normalize(name) in known:
        return name, None, context
    words = name.split()
    folded = [strip_accents(w).lower().strip(".") for w in words]
    while len(words) > 1 and folded[0] in _ARTICLES:
        del words[0], folded[0]
    kind_hint = None
    for start, end in ((0, 1), (len(words) - 1, len(words))):
        if len(words) > 1 and folded[start] in schema.KIND_WORDS:
            kind_hint = schema.KIND_WORDS[folded[start]]
            del words[start:end], folded[start:end]
            while words and folded[0] in _LINKS:
                del words[0], folded[0]
            break
    return " ".join(words) or name, kind_hint, context
