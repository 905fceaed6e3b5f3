"""Actors: armed groups, forces, governments and missions, found by any of their names.

:class:`ActorIndex` resolves a name in any spelling the actor list records ("EIGS",
"Islamic State Greater Sahara", "Islamic State (Sahel)") to the actor's id, with the one
normalisation of :func:`geo.names.normalize`. Names as datasets write them
("Military Forces of Mali (2021-)", "JNIM: Group for Support of Islam and Muslims")
are tried whole, then without their parenthesised part, then by the part before a colon.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from . import schema
from .dates import DateInterval, parse_date
from .errors import ActorNotFoundError, InputError
from .names import normalize
from .seeds import Table, split_cell

if TYPE_CHECKING:
    import datetime as dt

__all__ = ["Actor", "ActorIndex", "Affiliation", "AliasForms", "alias_forms", "parse_affiliation"]

_PARENTHESES = re.compile(r"\([^)]*\)")


@dataclass(frozen=True, slots=True)
class Affiliation:
    """A dated relation to another actor: ``part_of:jnim@2017-03/..``."""

    relation: str
    actor: str
    when: DateInterval

    def __str__(self) -> str:
        return f"{self.relation}:{self.actor}@{self.when.text}"


@dataclass(frozen=True, slots=True)
class Actor:
    """One row of ``actors.csv``."""

    id: str
    name: str
    kind: str
    colour: str
    aliases: tuple[str, ...] = ()
    affiliations: tuple[Affiliation, ...] = ()
    note: str = ""


def parse_affiliation(text: str) -> Affiliation:
    """Read one affiliation, ``relation:actor-id@EDTF``.

    Examples
    --------
    >>> a = parse_affiliation("part_of:jnim@2017-03/..")
    >>> a.relation, a.actor, a.when.earliest
    ('part_of', 'jnim', datetime.date(2017, 3, 1))
    """
    relation, sep, rest = text.partition(":")
    actor, at, when = rest.partition("@")
    if not sep or not at or not relation.strip() or not actor.strip():
        raise InputError(
            f"{text!r} is not an affiliation: write relation:actor-id@EDTF, such as part_of:jnim@2017-03/.."
        )
    relation = relation.strip()
    if relation not in schema.AFFILIATION_RELATIONS:
        raise InputError(
            f"{relation!r} is not a relation; use one of {', '.join(sorted(schema.AFFILIATION_RELATIONS))}"
        )
    return Affiliation(relation, actor.strip(), parse_date(when))


@dataclass(frozen=True, slots=True)
class AliasForms:
    """The forms of one actor name that may be matched: the one derivation the importer
    (:class:`ActorIndex`) and the extractor (:class:`geo.extract.actors.ActorFinder`) use.

    ``written`` is the name as recorded; ``without_parentheses`` drops a parenthesised
    part ("Military Forces of Mali (2021-)" -> "Military Forces of Mali"); ``colon_parts``
    are the two sides of a colon ("JNIM: Group for Support of Islam and Muslims"), of the
    name without its parentheses. A dataset name is tried whole, then without its
    parentheses, then by the part before a colon; a text is searched for the plain names
    as written and, where those say nothing else, for the derived forms.
    """

    written: str
    without_parentheses: str
    colon_parts: tuple[str, ...]

    @property
    def plain(self) -> bool:
        """Whether the name is written with no parenthesis and no colon."""
        return ":" not in self.written and "(" not in self.written

    @property
    def derived(self) -> list[str]:
        """The forms other than the name as written (at least two characters each)."""
        forms = [self.without_parentheses] if self.without_parentheses != self.written else []
        return [f for f in [*forms, *self.colon_parts] if len(f) >= 2]


def alias_forms(name: str) -> AliasForms:
    """The matchable forms of an actor's name (see :class:`AliasForms`).

    Examples
    --------
    >>> alias_forms("Military Forces of Mali (2021-)").derived
    ['Military Forces of Mali']
    >>> alias_forms("JNIM: Group for Support of Islam and Muslims").colon_parts
    ('JNIM', 'Group for Support of Islam and Muslims')
    >>> alias_forms("FAMa").plain
    True
    """
    stripped = " ".join(_PARENTHESES.sub(" ", name).split())
    parts: list[str] = []
    for part in dict.fromkeys((name, stripped)):
        if ":" in part:
            parts.extend(p.strip() for p in part.split(":"))
    return AliasForms(name, stripped, tuple(dict.fromkeys(parts)))


class ActorIndex:
    """The actors of an ``actors.csv`` table, by id and by every name.

    Rows that do not parse are skipped here; :mod:`geo.validate` reports them.

    Examples
    --------
    >>> from geo.seeds import Seeds
    >>> actors = ActorIndex.from_table(Seeds.load().actors)
    >>> actors.resolve("EIGS"), actors.resolve("Military Forces of Mali (2021-)")
    ('isgs', 'fama')
    >>> actors.resolve("Civilians (Mauritania)")  # an unlisted country still resolves
    'civilians'
    >>> actors.resolve("nobody at all") is None
    True
    """

    def __init__(self, actors: list[Actor]) -> None:
        self._by_id = {actor.id: actor for actor in actors}
        self._by_key: dict[str, str] = {}
        self.clashes: list[tuple[str, str, str]] = []  # (name, first actor, second actor)
        # Names without their parenthesised part ("Civilians (Niger)" -> "civilians"), kept only
        # where they point at one actor, so that an unlisted country or period still resolves.
        stripped: dict[str, set[str]] = {}
        for actor in actors:
            for name in (actor.id, actor.name, *actor.aliases):
                key = normalize(name)
                if not key:
                    continue
                owner = self._by_key.setdefault(key, actor.id)
                if owner != actor.id:
                    self.clashes.append((name, owner, actor.id))
                stripped.setdefault(normalize(alias_forms(name).without_parentheses), set()).add(actor.id)
        self._by_stripped_key = {key: next(iter(ids)) for key, ids in stripped.items() if key and len(ids) == 1}

    @classmethod
    def from_table(cls, table: Table) -> ActorIndex:
        actors = []
        for row in table:
            affiliations = []
            for item in split_cell(row[schema.AFFILIATIONS]):
                try:
                    affiliations.append(parse_affiliation(item))
                except InputError:
                    continue
            actors.append(
                Actor(
                    id=row[schema.ID],
                    name=row[schema.NAME],
                    kind=row[schema.KIND],
                    colour=row[schema.COLOUR],
                    aliases=tuple(split_cell(row[schema.ALIASES])),
                    affiliations=tuple(affiliations),
                    note=row[schema.NOTE],
                )
            )
        return cls(actors)

    def __contains__(self, actor_id: str) -> bool:
        return actor_id in self._by_id

    def __len__(self) -> int:
        return len(self._by_id)

    def __getitem__(self, actor_id: str) -> Actor:
        return self._by_id[actor_id]

    @property
    def ids(self) -> list[str]:
        return list(self._by_id)

    def resolve(self, name: str) -> str | None:
        """The id of the actor called ``name`` in any recorded spelling, or ``None``."""
        forms = alias_forms(name)
        for candidate in (name, forms.without_parentheses, name.partition(":")[0]):
            key = normalize(candidate)
            actor_id = self._by_key.get(key) or self._by_stripped_key.get(key)
            if actor_id is not None:
                return actor_id
        return None

    def suggest(self, name: str, *, limit: int = 5) -> list[str]:
        """The ids of the actors whose names come closest to ``name``, best first.

        Examples
        --------
        >>> from geo.seeds import Seeds
        >>> ActorIndex.from_table(Seeds.load().actors).suggest("ISGSS", limit=1)
        ['isgs']
        """
        from rapidfuzz import fuzz, process

        key = normalize(name)
        if not key:
            return []
        scored = process.extract(key, list(self._by_key), scorer=fuzz.WRatio, limit=limit * 4)
        found: list[str] = []
        for matched_key, _score, _index in scored:
            actor_id = self._by_key[matched_key]
            if actor_id not in found:
                found.append(actor_id)
        return found[:limit]

    def require(self, name: str) -> str:
        """Like :meth:`resolve`, but raise :class:`~geo.errors.ActorNotFoundError`
        naming the closest known actors when no actor has this name.

        Examples
        --------
        >>> from geo.seeds import Seeds
        >>> ActorIndex.from_table(Seeds.load().actors).require("Islamic State Grater Sahara")
        Traceback (most recent call last):
        ...
        geo.errors.ActorNotFoundError: no actor is called 'Islamic State Grater Sahara'; closest: isgs ...
        """
        actor_id = self.resolve(name)
        if actor_id is not None:
            return actor_id
        suggestions = self.suggest(name)
        listed = ", ".join(f"{i} ({self._by_id[i].name})" for i in suggestions)
        raise ActorNotFoundError(
            f"no actor is called {name!r}; closest: {listed or 'none'}. "
            "Use an id or a name from actors.csv (`geo validate` lists the file it reads).",
            query=name,
            suggestions=suggestions,
        )

    def allied(self, a: str, b: str, day: dt.date) -> bool:
        """Whether actors ``a`` and ``b`` are on one side on ``day``: the same actor, an
        affiliation between them (either way) that holds that day, or both part of the
        same actor that day.

        Examples
        --------
        >>> import datetime as dt
        >>> from geo.seeds import Seeds
        >>> actors = ActorIndex.from_table(Seeds.load().actors)
        >>> actors.allied("msa", "gatia", dt.date(2022, 3, 8)), actors.allied("isgs", "jnim", dt.date(2022, 3, 8))
        (True, False)
        """
        if a == b:
            return True

        def links(actor_id: str) -> set[str]:
            actor = self._by_id.get(actor_id)
            if actor is None:
                return set()
            return {f.actor for f in actor.affiliations if f.relation != "split_from" and f.when.contains(day)}

        links_a, links_b = links(a), links(b)
        return b in links_a or a in links_b or bool(links_a & links_b)
