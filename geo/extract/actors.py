"""Actor mentions: every name or alias of ``actors.csv`` found in a text.

The rules:

- Each actor's name and aliases are matched on the folded text (:func:`fold`: no case,
  no accents), with spaces and hyphens interchangeable ("al-Qaeda", "Al Qaeda").
- A one-word alias ("ISGS", "Wagner", "Platform") must also match the text's own case,
  so that the common word "platform" is not an actor; so must an alias in capitals
  ("UN"), though one of four letters or more may be written as a name ("Gatia").
- The longest name at a place wins: "Islamic State in the Greater Sahara" is one
  mention of ``isgs``, not ``islamic-state`` plus a place.
- A dataset-style label is matched by its parts: "MNLA: National Movement ..." gives
  "MNLA" and "National Movement ...", and "(2013-2020)" suffixes are dropped.
- Generic participants (civilians, protesters, rioters, unidentified gunmen) are not
  looked for: they are roles, not names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..actors import ActorIndex
from .mention import ACTOR, ACTOR_ID, NAME, Mention
from .text import fold

__all__ = ["ActorFinder"]

GENERIC_ACTORS = frozenset({"civilians", "protesters", "rioters", "unidentified"})
_PARENTHESES = re.compile(r"\s*\([^)]*\)")


@dataclass(frozen=True, slots=True)
class _Alias:
    actor: str
    text: str
    case_sensitive: bool


def _forms(name: str) -> tuple[list[str], list[str]]:
    """The matchable forms of one name or alias: as written, and derived from it."""
    derived = []
    stripped = _PARENTHESES.sub("", name).strip()
    if stripped != name:
        derived.append(stripped)
    for part in (name, stripped):
        if ":" in part:
            derived.extend(p.strip() for p in part.split(":"))
    own = [name] if ":" not in name and "(" not in name else []
    return own, [p for p in derived if len(p) >= 2]


class ActorFinder:
    """Find the actors of an :class:`~geo.actors.ActorIndex` in texts.

    Examples
    --------
    >>> from geo.records import Seeds
    >>> finder = ActorFinder(ActorIndex.from_table(Seeds.load().actors))
    >>> [(m.text, m.get("actor")) for m in finder.find("EIGS and the Malian army clashed.", "d")]
    [('EIGS', 'isgs'), ('Malian army', 'fama')]
    """

    def __init__(self, actors: ActorIndex) -> None:
        self._actors = actors
        aliases: dict[str, _Alias] = {}
        named = [actors[i] for i in actors.ids if i not in GENERIC_ACTORS]
        # Names as written claim their form first; forms derived by dropping a
        # "(...)" or splitting at a colon only fill what is left.
        for derived in (False, True):
            for actor in named:
                for name in (actor.name, *actor.aliases):
                    for form in _forms(name)[derived]:
                        key = fold(form)
                        one_word = not re.search(r"[\s\-]", form)
                        if key not in aliases:
                            aliases[key] = _Alias(actor.id, form, one_word or form.isupper())
        self._aliases = aliases
        ordered = sorted(aliases, key=len, reverse=True)
        alternatives = [_pattern(key) for key in ordered]
        self._pattern = re.compile(r"(?<![\w\-])(?:" + "|".join(alternatives) + r")(?![\w])")
        self._by_pattern_key = {re.sub(r"[\s\-]+", " ", key): key for key in ordered}

    def find(self, text: str, doc: str, *, skip: list[tuple[int, int]] = ()) -> list[Mention]:
        """Every actor mention in ``text``, in order, outside the ``skip`` spans (URLs)."""
        folded = fold(text)
        mentions: list[Mention] = []
        for match in self._pattern.finditer(folded):
            start, end = match.span()
            if any(s < end and start < e for s, e in skip):
                continue
            key = self._by_pattern_key.get(re.sub(r"[\s\-]+", " ", match.group()))
            alias = self._aliases.get(key) if key else None
            if alias is None:  # pragma: no cover - every alternative comes from an alias
                continue
            surface = text[start:end]
            if alias.case_sensitive and not _same_case(surface, alias.text):
                continue
            actor = self._actors[alias.actor]
            mentions.append(Mention(doc, start, end, surface, ACTOR, {ACTOR_ID: actor.id, NAME: actor.name}))
        return mentions


def _pattern(key: str) -> str:
    pieces = re.split(r"[\s\-]+", key)
    return r"[\s\-]+".join(re.escape(p) for p in pieces)


def _same_case(surface: str, alias: str) -> bool:
    """Whether ``surface`` is written as ``alias`` is: same capitals (accents aside).

    An acronym of four letters or more may also be written as a name ("Gatia").
    """
    if alias.isupper() and len(alias) >= 4 and surface[:1].isupper() and surface[1:].islower():
        return True
    letters = [(a, b) for a, b in zip(surface, alias, strict=False) if a.isalpha() and b.isalpha()]
    return all(a.isupper() == b.isupper() for a, b in letters)
