"""The geocoder's rules tied together: :class:`Matcher` reads a query (rule 1), resolves
its context (rule 2), finds and scores the candidates (rules 3 and 4), then groups them
and decides (rules 5 and 6); the rules are :mod:`geo.matching`'s docstring."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from ..countries import country_code
from ..errors import InputError
from . import decision, scoring
from .candidates import Candidate, CandidateFinder
from .context import Context, ContextResolver
from .decision import NOT_FOUND, Match
from .query import split_query

if TYPE_CHECKING:
    from .._store import Store
    from ..areas import Areas
    from .index import NameIndex

__all__ = ["Matcher"]


class Matcher:
    """The geocoder's rules (:mod:`geo.matching`'s docstring), over one gazetteer's records.

    Parameters
    ----------
    store : Store
        The gazetteer's records, all tiers.
    index : NameIndex
        Their names (hidden duplicates already removed).
    tag_areas : callable
        Called once before the first containment test: tags the curated and area
        records with the areas that hold them (the file tiers come tagged).
    areas : callable
        Returns the areas' polygons (:class:`geo.areas.Areas`), read on first use.

    Examples
    --------
    >>> import tempfile
    >>> from pathlib import Path
    >>> from geo.gazetteer.building import read_sources
    >>> from geo.matching import NameIndex
    >>> folder = Path(tempfile.mkdtemp())
    >>> header = "id,name,kind,lat,lon,uncertainty_km,country,coord_source"
    >>> rows = "\\nml-a,Boni,village,15,-2,2,ML,survey\\nml-b,Boni,village,15,1,2,ML,survey\\n"
    >>> _ = (folder / "places.csv").write_text(header + rows)
    >>> store, _features = read_sources(folder, bundled=False, osm=False)
    >>> matcher = Matcher(store, NameIndex(store), lambda: None, lambda: None)
    >>> matcher.match("Boni").status
    'ambiguous'
    >>> matcher.match("Boni", near=(15.1, -2.0)).best.index
    0
    >>> matcher.match("Xyzzy").status, matcher.match("Xyzzy").reason
    ('not_found', 'no place of that name in the gazetteer')
    """

    def __init__(
        self, store: Store, index: NameIndex, tag_areas: Callable[[], None], areas: Callable[[], Areas]
    ) -> None:
        self._store = store
        self._index = index
        self._contexts = ContextResolver(store, index, tag_areas, areas)
        self._finder = CandidateFinder(store, index)

    def prepare(self) -> None:
        """Make now the tables the rules otherwise make on first use (the fuzzy index's
        blocks, the areas by name, the records of each area): for a program about to
        look up many names, or about to fork processes that will (they share them)."""
        self._index.prepare()
        self._contexts.prepare()
        self._finder.prepare()

    def context(self, label: str, value: str, on: tuple[date, date] | None, warnings: list[str]) -> Context | None:
        """The filter for one piece of context (``admin1``... or ``context`` after a comma): rule 2."""
        return self._contexts.resolve(label, value, on, warnings)

    def split_query(self, text: str) -> tuple[str, str | None, list[str]]:
        """Split "Sokolo, Ségou" into name and context, "the Aguelhok camp" into name and kind: rule 1."""
        return split_query(text, self._index)

    def candidates(self, name: str, country: str | None, contexts: list[Context], *, exact: bool) -> list[Candidate]:
        """The records that ``name`` may mean, inside ``country`` and every context: rule 3."""
        return self._finder.find(name, country, contexts, exact=exact)

    def score(
        self,
        candidates: list[Candidate],
        *,
        kind_hint: str | None = None,
        near: tuple[float, float] | None = None,
    ) -> None:
        """Set each candidate's score: rule 4."""
        scoring.score(self._store, candidates, kind_hint=kind_hint, near=near)

    def decide(self, candidates: list[Candidate], *, kind_hint: str | None = None, limit: int = 10) -> Match:
        """Rank scored candidates, fold records of one place, and choose one or refuse: rules 5 and 6."""
        return decision.decide(self._store, candidates, kind_hint=kind_hint, limit=limit)

    def match(
        self,
        text: str,
        *,
        country: str | None = None,
        admin1: str | None = None,
        admin2: str | None = None,
        admin3: str | None = None,
        near: tuple[float, float] | None = None,
        on: tuple[date, date] | None = None,
    ) -> Match:
        """Match one query (already cleaned) with its context; see the rules."""
        warnings: list[str] = []
        contexts: list[Context] = []
        for label, value in (("admin1", admin1), ("admin2", admin2), ("admin3", admin3)):
            if value is not None and str(value).strip():
                context = self.context(label, str(value).strip(), on, warnings)
                if context is not None:
                    contexts.append(context)
        name, kind_hint, extra_context = self.split_query(text)
        for value in extra_context:  # "Sokolo, Ségou": the parts after the comma
            try:
                country = country or country_code(value)
                continue
            except InputError:
                pass
            context = self.context("context", value, on, warnings)
            if context is not None:
                contexts.append(context)
        candidates = self.candidates(name, country, contexts, exact=True) or self.candidates(
            name, country, contexts, exact=False
        )
        if kind_hint and not any(self._store.kinds[c.index] == kind_hint for c in candidates):
            kind_hint = None  # "the Aguelhok camp" with no camp of that name: the town
        self.score(candidates, kind_hint=kind_hint, near=near)
        match = self.decide(candidates, kind_hint=kind_hint)
        if match.status == NOT_FOUND and contexts:
            where = ", ".join(f"{c.label}={c.value!r}" for c in contexts)
            unfiltered = self.candidates(name, country, [], exact=True) or self.candidates(
                name, country, [], exact=False
            )
            if unfiltered:
                self.score(unfiltered, kind_hint=kind_hint, near=near)
                match = Match(
                    NOT_FOUND,
                    sorted(unfiltered, key=lambda c: -c.score)[:10],
                    f"places named {name!r} exist, but none inside {where}",
                )
        elif match.status == NOT_FOUND and country:
            match.reason = f"no place named {name!r} in country {country}"
        match.warnings.extend(warnings)
        return match
