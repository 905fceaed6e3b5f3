"""The rules that keep, drop or add actor mentions: forces by state and date, the short
names of bodies (also inside the names of their organs), an Islamic state that is no
group, the Sahel branch of the Islamic State, descriptors ("the Wagner group"), acronyms a
text defines, the groups and governments the list lacks, and the case in which an alias
must be written to count.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Mapping, Sequence

from ..mention import ACTOR, ACTOR_ID, NAME, Mention
from ..text import fold
from .lexicon import (
    ARMED_HEADS,
    FORCE_WORD,
    NOT_THE_FORCES,
    SAHEL_AFTER_A_DASH,
    SHORT_NAMES,
    STATE_FORCES,
    UNLISTED_GOVERNMENT,
    UNLISTED_GROUP,
    UNLISTED_GROUP_FR,
)
from .unlisted import in_a_headline

# The UN's agencies, funds and programmes are organisations of their own, with their own
# names and acronyms (UNHCR, UNDP, UNICEF, WFP): "United Nations" in their names is not a
# mention of the UN, as it is in the names of its organs ("the UN Security Council").
_UN_AGENCY = re.compile(
    r"\s+(?:High\s+Commission|Development\s+Programme|Children['’]s\s+Fund|Population\s+Fund|Environment"
    r"|World\s+Food|Office\s+(?:on|for)\s+(?:Drugs|the\s+Coordination)|Educational|Peacekeeping|Refugee"
    r"|Industrial|Women\b)"
)


def an_agency_of_the_un(text: str, mention: Mention) -> bool:
    """Whether a mention of the United Nations is the first words of the name of one of
    its agencies, funds or programmes ("United Nations High Commissioner for Refugees")."""
    return mention.get(ACTOR_ID) == "united-nations" and bool(_UN_AGENCY.match(text, mention.end))


_DATELINE_AFTER = re.compile(
    r",?\s*(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|janv|févr|mars|avr|mai|juin|juil|août|sept|oct"
    r"|nov|déc)[a-zéû]*\.?\s+\d",
    re.IGNORECASE,
)
_ORGAN_AFTER = re.compile(r"\s+(?:SECURITY|GENERAL|SECRETARY|PEACEKEEP|MISSION|CHIEF|ENVOY|COUNCIL|RIGHTS|SAYS|URGES)")


def not_a_name_here(text: str, mention: Mention) -> bool:
    """Whether a name in capitals is no actor here: a dateline ("UNITED NATIONS, Feb. 12
    (Xinhua)"), or "UN" among words in capitals that are not its organs' (a French
    headline's article: "LAISSER UN COMMENTAIRE")."""
    if not mention.text.isupper():
        return False
    if " " in mention.text and _DATELINE_AFTER.match(text, mention.end):
        return True
    return (
        mention.text == "UN"
        and in_a_headline(text, mention.start, mention.end)
        and bool(re.match(r"\s+[A-ZÉ]{2,}\b", text[mention.end :]))
        and bool(re.search(r"\b[A-ZÉ]{2,}\W*\s+$", text[max(0, mention.start - 20) : mention.start]))
        and not _ORGAN_AFTER.match(text, mention.end)
    )


def add_short_names(
    text: str, doc: str, mentions: list[Mention], skip: Sequence[tuple[int, int]], names: Mapping[str, str]
) -> list[Mention]:
    """An organisation named inside the name of one of its organs, offices or meetings is
    a mention of the organisation (the settled guidelines): "UN" in "the UN Security
    Council", "United Nations" in "the United Nations General Assembly", "ECOWAS" in "an
    ECOWAS summit", "ONU" in "le Conseil de sécurité de l'ONU" -- the list's names are kept
    there, as anywhere. This adds the short names the list lacks (:data:`SHORT_NAMES`):
    "AU" and "UA" (the African Union, "the AU Peace and Security Council", "l'UA") and
    "UNSC" (the UN), in capitals, as words of their own and not among words in capitals
    (a French headline's "AU"); ``names`` gives each actor id's name."""
    taken = [(m.start, m.end) for m in mentions] + list(skip)
    added = []
    for pattern, actor_id in SHORT_NAMES:
        if actor_id not in names:
            continue
        for match in pattern.finditer(text):
            start, end = match.span()
            if any(s < end and start < e for s, e in taken) or in_a_headline(text, start, end):
                continue
            added.append(Mention(doc, start, end, match.group(), ACTOR, {ACTOR_ID: actor_id, NAME: names[actor_id]}))
    return sorted([*mentions, *added], key=lambda m: m.start) if added else mentions


def overlaps_mention(mentions: list[Mention], starts: list[int], start: int, end: int) -> bool:
    """Whether a span overlaps one of ``mentions`` (sorted by start; ``starts`` their starts)."""
    k = bisect_left(starts, end)
    return any(mentions[j].end > start for j in range(max(0, k - 3), k))


def a_state_of_islam(text: str, mention: Mention) -> bool:
    """Whether "Islamic state" / "État islamique" after an indefinite article is the
    common noun ("forming an Islamic state", "établir un État islamique au Mali")."""
    return bool(_ISLAMIC_STATE_NOUN.fullmatch(mention.text)) and bool(
        _INDEFINITE_BEFORE.search(text, max(0, mention.start - 5), mention.start)
    )


# (English writes the noun in lower case, "an Islamic State affiliate" is the group; French
# writes both "État", so only the article tells.)
_ISLAMIC_STATE_NOUN = re.compile(r"[Ii]slamic state|[ÉéEe]tat islamique")
_INDEFINITE_BEFORE = re.compile(r"\b(?:an|a|un|une)\s+$", re.IGNORECASE)


def names_something_else(text: str, mention: Mention) -> bool:
    """Whether a state's forces named by a country word ("Niger's army", "French military")
    stand here for another actor: "the Malian military government" (the junta)."""
    return (
        bool(FORCE_WORD.search(mention.text))
        and mention.text[:1].isupper()
        and bool(NOT_THE_FORCES.match(text, mention.end))
    )


# The Islamic State named plainly ("the Islamic State group", "IS", "ISIS", "Daesh") in a
# story of the Sahel is its Sahel branch, unless the text speaks of the organisation as
# such: groups "linked to", "affiliated with" or "loyal to" it, its "franchise",
# "affiliate" or "branch", "al-Qaeda and the Islamic State" as the two networks, or Iraq
# and Syria.
_SAHEL_STORY = re.compile(
    r"\b(?:Mali|MALI|Niger|NIGER|Burkina|BURKINA|Sahel|SAHEL|Ménaka|Menaka|Tillab[ée]ri|Tillabery|Gao|Liptako|Azawad"
    r"|Malian|Nigerien|Burkinab[eè])\b"
)
_GLOBAL_STORY = re.compile(r"\b(?:iraq|irak|syria|syrie|levant|mosul|raqqa|baghdadi|caliph)\w*", re.IGNORECASE)
_AS_SUCH_BEFORE = re.compile(
    r"(?:linked|affiliated|affiliates?|allied|loyal|loyalty|allegiance|pledged|tied|ties|links?|aligned|associated"
    r"|connected|franchise|branch|faction|province|wing|arm|offshoot|rival|rivals|rivalry|liés?|liées|affiliés?"
    r"|affiliées|allégeance|proches?|branche|filiale)\b",
    re.IGNORECASE,
)
_AS_SUCH_AFTER = re.compile(
    r"^(?:['’]s)?\s*(?:group\s+)?(?:affiliates?|franchises?|branch|branches|provinces?|central|core|leadership"
    r"|headquarters|caliphate|network)\b",
    re.IGNORECASE,
)
_WITH_AL_QAEDA = re.compile(r"al[\s\-]*qa'?[eiy]?da\s*(?:\([^)]*\)\s*)?(?:and|or|et|ou)\s+(?:the\s+|l['’]|à\s+l['’])?$")
_AL_QAEDA_AFTER = re.compile(
    r"^(?:\s*\([^)]*\))?\s*(?:group\s+)?(?:and|or|et|ou)\s+(?:the\s+)?al[\s\-]*qa", re.IGNORECASE
)


def a_sahel_story(text: str, mentions: list[Mention], day: str | None) -> bool:
    """Whether ``text`` is a story of the Sahel in which a plain "Islamic State" may be
    its Sahel branch: it names Mali, Niger, Burkina Faso or the Sahel, not Iraq or Syria
    (outside a name of the branch), and is dated from May 2015 on (or not dated).

    Examples
    --------
    >>> a_sahel_story("The Islamic State fighters attacked Tamalat, Mali.", [], "2022-03-08")
    True
    >>> a_sahel_story("The Islamic State fighters attacked Mosul, Iraq, and Gao.", [], None)
    False
    """
    if day is not None and day < "2015-05":
        return False
    if not any(m.get(ACTOR_ID) == "islamic-state" for m in mentions) and mentions:
        return False
    named_sahel = [(m.start, m.end) for m in mentions if m.get(ACTOR_ID) == "isgs"]
    for cue in _GLOBAL_STORY.finditer(text):
        if not any(s <= cue.start() < e for s, e in named_sahel):
            return False
    return bool(_SAHEL_STORY.search(text))


def is_the_sahel_branch(text: str, mention: Mention, mentions: list[Mention]) -> bool:
    """Whether a plain mention of the Islamic State, in a story of the Sahel (see
    :func:`a_sahel_story`), means its Sahel branch (ISGS/ISSP).

    Examples
    --------
    >>> m = Mention("d", 4, 17, "Islamic State", ACTOR, {ACTOR_ID: "islamic-state"})
    >>> is_the_sahel_branch("The Islamic State fighters attacked Tamalat.", m, [m])
    True
    >>> is_the_sahel_branch("The Islamic State franchise attacked Tamalat.", m, [m])
    False
    """
    if mention.get(ACTOR_ID) != "islamic-state":
        return False
    if re.search(r"iraq|syria|levant|sham", fold(mention.text)):
        return False
    line_start = max(text.rfind(". ", 0, mention.start), text.rfind("\n", 0, mention.start)) + 1
    before = text[max(line_start, mention.start - 80) : mention.start]
    after = text[mention.end : mention.end + 40]
    if _AS_SUCH_BEFORE.search(before) or _AS_SUCH_AFTER.search(after):
        return False
    if _WITH_AL_QAEDA.search(fold(before)) or _AL_QAEDA_AFTER.search(fold(after)):
        return False
    # An acronym in parentheses follows the name it abbreviates: "l'Etat islamique (EI)".
    opening = text[: mention.start].rstrip()
    if opening.endswith("("):
        previous = [m for m in mentions if m.end <= len(opening) - 1 and m.end >= len(opening) - 3]
        if previous:
            return is_the_sahel_branch(text, previous[-1], mentions)
    return True


_ACRONYM_AFTER = re.compile(r"\s*\(([A-Z][A-Z\-]{1,5})\)")
_DESCRIPTOR_GAPS = frozenset({" ", " group ", " company ", " outfit ", " firm "})


def drop_descriptors(text: str, mentions: list[Mention]) -> list[Mention]:
    """A descriptor just before a name of the same actor is part of the name's phrase,
    not a mention of its own: "the Russian mercenary Wagner Group" is one mention."""
    out: list[Mention] = []
    for k, mention in enumerate(mentions):
        following = mentions[k + 1] if k + 1 < len(mentions) else None
        if (
            following is not None
            and following.get(ACTOR_ID) == mention.get(ACTOR_ID)
            and text[mention.end : following.start] in _DESCRIPTOR_GAPS
            and mention.text[:1].isupper()
            and not mention.text.isupper()
            and following.text[:1].isupper()
            and mention.text.split()[-1][:1].islower()
        ):
            continue
        out.append(mention)
    return out


def add_defined_acronyms(
    text: str, doc: str, mentions: list[Mention], skip: Sequence[tuple[int, int]]
) -> list[Mention]:
    """An acronym the text defines after an actor's name -- "the Defence and Security
    Forces (FDS)", "Forces de défense et de sécurité (FDS) nigériennes" -- names that
    actor wherever else the document writes it in capitals."""
    defined: dict[str, Mention] = {}
    for mention in mentions:
        match = _ACRONYM_AFTER.match(text, mention.end)
        if match and len(mention.text.split()) >= 2:
            defined.setdefault(match.group(1), mention)
    if not defined:
        return mentions
    taken = [(m.start, m.end) for m in mentions]
    added = []
    pattern = re.compile(r"(?<![\w\-])(" + "|".join(re.escape(a) for a in defined) + r")(?![\w\-])")
    for match in pattern.finditer(text):
        start, end = match.span()
        if any(s < end and start < e for s, e in [*taken, *skip]):
            continue
        source = defined[match.group(1)]
        added.append(
            Mention(doc, start, end, match.group(1), ACTOR, {ACTOR_ID: source.get(ACTOR_ID), NAME: source.get(NAME)})
        )
    return sorted([*mentions, *added], key=lambda m: m.start)


def state_forces(code: str | None, day: str | None) -> str | None:
    """The actor id of a country's forces on ``day`` (ISO; None: any row)."""
    for country, first, last, actor_id in STATE_FORCES:
        if country == code and (day is None or ((not first or first <= day) and (not last or day <= last))):
            return actor_id
    return None


def same_case(surface: str, alias: str) -> bool:
    """Whether ``surface`` is written as ``alias`` is: same capitals (accents aside).

    An acronym of four letters or more may also be written as a name ("Gatia", "Fama"
    for "FAMa"), an alias in mixed case with two capitals or more in capitals ("FAMA"
    for "FAMa"), and a name of four letters or more in a headline's capitals ("DAESH").
    """
    if alias.islower() and (
        surface.islower() or surface.isupper() or (surface[:1].isupper() and surface[1:].islower())
    ):
        return True  # a word of the prose ("koglweogo"), also at a sentence's start or in a headline
    if surface.isupper() and sum(c.isupper() for c in alias) >= 2 and len(alias) >= 3:
        return True
    if surface.isupper() and len(alias) >= 4 and alias[:1].isupper() and alias[1:].islower() and alias.isalpha():
        return True  # a name in a headline's capitals: "DAESH", "WAGNER"
    if sum(c.isupper() for c in alias) >= 2 and len(alias) >= 4 and surface[:1].isupper() and surface[1:].islower():
        return True  # an acronym written as a name: "Gatia", "Fama" (FAMa), "Jnim"
    letters = [(a, b) for a, b in zip(surface, alias, strict=False) if a.isalpha() and b.isalpha()]
    return all(a.isupper() == b.isupper() for a, b in letters)


# A French group's name must say it is armed or rebel ("Mouvement national de l'Azawad",
# "Coordination des mouvements et fronts patriotiques de résistance"): not a party's
# ("Mouvement du peuple pour le progrès (MPP)").
_ARMED_CUE_FR = re.compile(
    r"lib[ée]ration|azawad|r[ée]sistance|salut|d[ée]fense|arm[ée]|jihad|djihad|islam|touareg|peul|arabe"
    r"|r[ée]volution|rebelle|moudjahid|combattant|milice",
    re.IGNORECASE,
)


def add_unlisted(text: str, doc: str, mentions: list[Mention], skip: Sequence[tuple[int, int]]) -> list[Mention]:
    """Armed groups and governments the actor list lacks, named plainly (see
    :data:`~geo.extract.actors.lexicon.UNLISTED_GROUP`, ``UNLISTED_GROUP_FR`` and
    ``UNLISTED_GOVERNMENT``), as
    mentions without an id, for the curator; a group's acronym given in parentheses is
    one too, there and wherever the text repeats it.
    """
    taken = [(m.start, m.end) for m in mentions] + list(skip)
    found: list[Mention] = []

    def free(start: int, end: int) -> bool:
        return not any(s < end and start < e for s, e in taken)

    def add(start: int, end: int) -> None:
        taken.append((start, end))
        found.append(Mention(doc, start, end, text[start:end], ACTOR, {ACTOR_ID: None, NAME: text[start:end]}))

    french = (m for m in UNLISTED_GROUP_FR.finditer(text) if _ARMED_CUE_FR.search(m.group()))
    for match in [*UNLISTED_GROUP.finditer(text), *french]:
        english = match.re is UNLISTED_GROUP
        if english and not (match.group("acronym") or match.group("tail") or match.group("head") in ARMED_HEADS):
            continue  # "Population Movement", "the Salvation Army": no sign of an armed group
        start = match.start() + (4 if match.group().startswith("The ") else 0)
        owner = max(match.group().rfind("'s "), match.group().rfind("’s "))
        if owner >= 0:
            start = max(start, match.start() + owner + 3)  # "Abu Zeid's Tareq bin Zayed Brigade"
        end = match.start("acronym") if match.group("acronym") else match.end()
        name = text[start:end].rstrip(" (")  # "the March 23 Movement (M23)": the name, then its acronym
        if len(name.split()) < 2 or not free(start, start + len(name)):
            continue
        add(start, start + len(name))
        for again in re.finditer(rf"(?<![\w\-]){re.escape(name)}(?![\w\-])", text):
            if free(*again.span()):
                add(*again.span())  # its other mentions
        if match.group("acronym") and free(match.start("acronym"), match.end("acronym")):
            acronym = match.group("acronym")
            add(match.start("acronym"), match.end("acronym"))
            for again in re.finditer(rf"(?<![\w\-]){re.escape(acronym)}(?![\w\-])", text):
                if free(*again.span()):
                    add(*again.span())
    for match in UNLISTED_GOVERNMENT.finditer(text):
        if free(*match.span()):
            add(*match.span())
    return sorted([*mentions, *found], key=lambda m: m.start)


def provinces_after_a_dash(text: str, mentions: list[Mention], isgs_name: str) -> list[Mention]:
    """The Islamic State followed by a dash and "Sahel" ("Islamic State – Sahil Province",
    "l'état Islamique* — Sahel") is its Sahel branch (``isgs``), named by the whole."""
    out = []
    for mention in mentions:
        after = SAHEL_AFTER_A_DASH.match(text, mention.end)
        if after is not None and mention.get(ACTOR_ID) in ("islamic-state", "isgs"):
            end = after.end()
            resolution = {ACTOR_ID: "isgs", NAME: isgs_name}
            mention = Mention(mention.doc, mention.start, end, text[mention.start : end], ACTOR, resolution)
        out.append(mention)
    return out
