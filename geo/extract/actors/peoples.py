"""Armed bodies named by a people: "Tuareg rebels", "Fulani militia", "Dogon hunters",
"milices peules", "rebelles touareg" (the annotation guidelines' settled cases).

The people alone ("the Tuareg", "Fulani herders") is not an actor; a people's word
followed by a noun of armed men is. The actor list has two such bodies: a Fulani (Peul)
militia (``fulani-militia``) and the hunters' brotherhoods (``dozo``, "Dogon hunters",
"chasseurs dozos"); the others are reported without an id, for the curator.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from ..mention import ACTOR, ACTOR_ID, NAME, Mention

__all__ = ["ARMED_PEOPLES", "add_armed_peoples"]

# The peoples of the region whose armed men the press names by the people (English and
# French spellings; French adjectives in every gender and number).
_PEOPLES_EN = (
    r"Tuareg|Touareg|Tuaregs|Arab|Fulani|Fula|Peul|Peuhl|Dogon|Bambara|Songhai|Songhay|Dozo|Imghad|Ifoghas"
    r"|Daoussahak|Dawsahak|Idnane|Mossi|Kel Ansar|Berabiche|Moorish"
)
_PEOPLES_FR = (
    r"touaregs?|arabes?|peul(?:e|h)?s?|peuhls?|dogons?|bambaras?|songha[iï]s?|dozos?|imghads?|ifoghas|daoussahaks?"
    r"|mossis?|berabiches?"
)
_NOUNS_EN = (
    r"rebels|rebel\s+groups?|rebel\s+alliance|rebel\s+fighters|fighters|militias|militia|militiamen|militants"
    r"|hunters|dozos|insurgents|separatists|separatist\s+rebels|gunmen|combatants|self-defen[cs]e\s+groups?|armed\s+groups?"
)
_NOUNS_FR = (
    r"rebelles|groupes?\s+rebelles|combattants|milices|milice|miliciens|chasseurs|insurg[ée]s|s[ée]paratistes"
    r"|groupes?\s+arm[ée]s|groupes?\s+d['’]autod[ée]fense"
)
ARMED_PEOPLES = re.compile(
    rf"(?<![\w\-])(?:(?P<people_en>{_PEOPLES_EN})(?:\s+(?:ethnic|separatist|armed|traditional))?\s+(?P<noun_en>{_NOUNS_EN})"
    rf"|(?P<noun_fr>{_NOUNS_FR})\s+(?P<people_fr>{_PEOPLES_FR}))(?![\w\-])"
)
_FULANI = re.compile(r"(?i)ful|peu")
_HUNTERS = re.compile(r"(?i)hunters|chasseurs")
_MILITIA = re.compile(r"(?i)milic|milit|self-def|autod")


def _body(people: str, noun: str) -> str | None:
    """The actor list's id of a people's armed body, or None."""
    if (_HUNTERS.match(noun) or noun.lower() == "dozos") and people.lower().startswith(("dogon", "bambara", "dozo")):
        return "dozo"
    if _FULANI.match(people) and _MILITIA.match(noun):
        return "fulani-militia"
    return None


def add_armed_peoples(
    text: str, doc: str, mentions: list[Mention], skip: Sequence[tuple[int, int]], known: Mapping[str, str]
) -> list[Mention]:
    """``mentions`` (sorted by start) with the armed bodies named by a people in ``text``
    outside them and the ``skip`` spans; ``known``: the names of the list's actors by id (a
    body the list lacks has no id).

    Examples
    --------
    >>> text = "Tuareg rebels and Fulani militias clashed; the Tuareg fled. Les rebelles touareg ont fui."
    >>> found = add_armed_peoples(text, "d", [], [], {"fulani-militia": "Fulani militia"})
    >>> [(m.text, m.resolution[ACTOR_ID]) for m in found]
    [('Tuareg rebels', None), ('Fulani militias', 'fulani-militia'), ('rebelles touareg', None)]
    """
    found: list[Mention] = []
    for match in ARMED_PEOPLES.finditer(text):
        start, end = match.span()
        inside = [m for m in mentions if m.start < end and start < m.end]
        # a name of the list inside the body's name gives way to it ("dozos" in "Bambara dozos")
        if any(s < end and start < e for s, e in skip) or any(m.start < start or m.end > end for m in inside):
            continue
        mentions = [m for m in mentions if all(m is not i for i in inside)]
        people = match.group("people_en") or match.group("people_fr")
        noun = match.group("noun_en") or match.group("noun_fr")
        actor_id = _body(people, noun)
        name = known.get(actor_id) if actor_id else None
        found.append(
            Mention(
                doc,
                start,
                end,
                match.group(),
                ACTOR,
                {ACTOR_ID: actor_id if name else None, NAME: name or match.group()},
            )
        )
    return sorted([*mentions, *found], key=lambda m: m.start) if found else mentions
