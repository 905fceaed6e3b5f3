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
- An alias in mixed case may also be written in capitals ("FAMA" for "FAMa"), as
  headlines and some agencies do.
- **Generic forces.** A state's forces named by its adjective or its name and a word
  for soldiers -- "Malian troops", "Nigerien security forces", "Burkina Faso soldiers",
  "Chad's army", "French gendarmes"; in French "l'armée malienne", "les soldats
  nigériens", "les forces armées burkinabè", "l'armée du Mali" -- are that state's
  forces: the actor of :data:`STATE_FORCES` for the country on the document's date
  (each row may carry a validity; a row without one always applies). The span leaves
  out the article ("armée malienne"); "Mali military officers" (the rulers) are not
  the forces. A name the actor list has as an alias ("Malian
  army") is matched as that alias first.
- An alias written in lower case in the list ("koglweogo") is a word of the prose: it
  is matched in lower case, capitalised ("Koglweogo") or in capitals.
- **Transliterations.** The Arabic names of the jihadist groups are spelt many ways;
  each is matched by a pattern of its spellings rather than alias by alias:
  "Jama'at Nusrat al-Islam wal-Muslimin", "Jama'a Nusrat ul-Islam wa al-Muslimin",
  "Jamaat Nasr al-Islam wal Muslimeen", "Jama'ah Nusrah al-Islam" (``jnim``);
  "Ansar Eddine", "Ansar ud-Din", "Ansar al-Dine" (``ansar-dine``); "Ansarul Islam",
  "Ansar ul-Islam", "Ansaroul Islam", "Ansarol Islam" (``ansarul-islam``); "al-Murabitun",
  "Al Mourabitoune" (``al-mourabitoun``); "Katiba Macina", "Katibat Massina"
  (``flm``).
  English renderings and short forms are patterns too: "(the) Support of Islam and
  Muslims", "Group for Supporting Islam and Muslims", "Nusrat al-Islam", "Jama'at
  Nusrat al-Islam" (``jnim``); "Tawhid wal-Jihad in West Africa" (``mujao``); "Al Qaeda
  in Islamic Maghreb" (``aqim``, replacing the "Al Qaeda" inside it); the Islamic
  State's Arabic acronym as "Daesh", "Daish", "Da'esh", "Daech" (``islamic-state``); and
  Wagner's men as the press describes them, "Russian paramilitary fighters", "Russian
  military instructors" (``wagner``).
- **Case.** A name of four letters or more written in a headline's capitals ("DAESH",
  "WAGNER") is that name; an acronym with two capitals or more may be written as a name
  ("Fama" for "FAMa", "Jnim"). An alias may follow "pro-" or "anti-" ("pro-ISIS").
- **Acronyms a text defines.** An actor's name followed by an acronym in parentheses
  ("the Defence and Security Forces (FDS)", "Forces de défense et de sécurité (FDS)
  nigériennes") makes that acronym, in capitals, a name of the actor in the rest of
  the document.
- **Descriptors.** A descriptor alias just before a name of the same actor ("the Russian
  mercenary Wagner Group") is part of that name's phrase, not a mention of its own.
- **Governments.** A state's government named by its adjective or name ("the Nigerien
  government", "Burkina Faso's government", "le gouvernement malien", "le gouvernement
  du Niger") is that state's government actor (:data:`STATE_GOVERNMENTS`).
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

# The state forces, by country: (country, first day, last day, actor id of actors.csv).
# "Malian soldiers" in a 2019 report are the FAMa; a row with dates applies only then.
STATE_FORCES: tuple[tuple[str, str, str, str], ...] = (
    ("ML", "", "", "fama"),
    ("NE", "", "", "niger-forces"),
    ("BF", "", "", "burkina-forces"),
    ("TD", "", "", "chad-forces"),
    ("FR", "", "", "french-forces"),
    ("DZ", "", "", "algeria-forces"),
    ("NG", "", "", "nigeria-forces"),
    ("US", "", "", "us-forces"),
)
# Adjectives (English and French, folded) and names of the states, by country.
_STATE_WORDS = {
    "ML": "malian|malien|malienne|maliens|maliennes|mali",
    "NE": "nigerien|nigerienne|nigeriens|nigeriennes|niger",
    "BF": "burkinabe|burkinabes|burkinais|burkina faso|burkina",
    "TD": "chadian|tchadien|tchadienne|tchadiens|tchadiennes|chad|tchad",
    "FR": "french|francais|francaise|francaises|france",
    "DZ": "algerian|algerien|algerienne|algeriens|algeriennes|algeria|algerie",
    "NG": "nigerian|nigeriane|nigerians|nigeria",
    "US": "american|americain|americaine|americains|u.s.|us|united states|etats-unis",
}
_STATE_OF = {w: code for code, words in _STATE_WORDS.items() for w in words.split("|")}
_ACCENTS = {"e": "[eéèê]", "a": "[aàâ]", "c": "[cç]"}
_STATE = "|".join(
    "".join(_ACCENTS.get(c, r"\s+" if c == " " else re.escape(c)) for c in w)
    for w in sorted(_STATE_OF, key=len, reverse=True)
)
_FORCE_EN = (
    r"(?:defen[cs]e\s+and\s+security\s+|(?:armed|security|defen[cs]e|military|government|regular|special)\s+)?"
    r"(?:forces|troops|soldiers|army|military|gendarmes|gendarmerie|servicemen|personnel|soldier|troop)"
)
_FORCE_FR = (
    r"(?:forces\s+arm[ée]es|forces\s+de\s+d[ée]fense(?:\s+et\s+de\s+s[ée]curit[ée])?|forces\s+de\s+s[ée]curit[ée]"
    r"|arm[ée]e|soldats|soldat|militaires|troupes|gendarmes|gendarmerie|forces)"
)
_GENERIC_FORCES = re.compile(
    rf"(?<![\w\-])(?:(?P<en>{_STATE})(?:['’]s)?\s+{_FORCE_EN}"
    rf"|{_FORCE_FR}(?P<acronym>\s*\([A-Z]{{2,6}}\))?\s+(?:(?:du|de\s+la|de\s+l['’]|des|d['’])\s*)?(?P<fr>{_STATE}))"
    r"(?![\w\-])"
    r"(?!\s+(?:officers?|leaders?|government|junta|rulers?|regime|authorities|officials?))",
    re.IGNORECASE,
)

# A state's government named by its adjective or its name: "the Nigerien government",
# "Burkina Faso's government", "le gouvernement malien", "le gouvernement du Niger".
STATE_GOVERNMENTS: dict[str, str] = {
    "ML": "mali-government",
    "NE": "niger-government",
    "BF": "burkina-government",
    "FR": "france-government",
    "DZ": "algeria-government",
    "US": "us-government",
}
_GENERIC_GOVERNMENTS = re.compile(
    rf"(?<![\w\-])(?:(?P<en>{_STATE})(?:['’]s)?\s+government"
    rf"|gouvernement\s+(?:(?:du|de\s+la|de\s+l['’]|des|d['’])\s*)?(?P<fr>{_STATE}))(?![\w\-])",
    re.IGNORECASE,
)

GENERIC_ACTORS = frozenset({"civilians", "protesters", "rioters", "unidentified"})
# Spellings of the Arabic names (matched on the folded text), by actor id.
_AL = r"(?:al|ul|el|ol|a|u)?[\s\-']*"
_TRANSLITERATED: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(r"(?<![\w\-])" + pattern + r"(?![\w])"), actor_id)
    for pattern, actor_id in (
        (
            r"jama'?a(?:t|h|'?at)?[\s\-]+n[aou]s?r(?:at|ah|a|et)?[\s\-]+" + _AL + r"islam(?:[\s\-]+"
            r"(?:wa?[\s\-]*(?:al|l|el)?|wal)[\s\-]*[\-']?muslim(?:in|een|ine|im))?",
            "jnim",
        ),
        # Its short forms, without "Jama'at": "Nusrat al-Islam", "Nusrat al Islam wal Muslimin".
        (
            r"nus?r(?:at|ah)[\s\-]+" + _AL + r"islam(?:[\s\-]+"
            r"(?:wa?[\s\-]*(?:al|l|el)?|wal)[\s\-]*[\-']?muslim(?:in|een|ine|im))?",
            "jnim",
        ),
        # AQIM without its article: "Al Qaeda in Islamic Maghreb".
        (r"al[\s\-]*qa'?[eiy]?da[\s\-]+in[\s\-]+(?:the[\s\-]+)?islamic[\s\-]+maghreb", "aqim"),
        # The Islamic State's Arabic acronym in its spellings: "Daesh", "Da'ish", "Daech", "Da'esh".
        (r"da'?(?:e|i|ae|a')(?:sh|ch)", "islamic-state"),
        (r"ansar[\s\-]*(?:ad|ud|al|el|ed|e)?[\s\-]*d(?:d)?in[e]?", "ansar-dine"),
        (r"ansar(?:ul|oul|ol|ou)?[\s\-]*(?:ul|al|el|ol)?[\s\-]*islam", "ansarul-islam"),
        (r"al[\s\-]*(?:mourabitoun[e]?|murabitun|murabitoun|murabitoon|mourabitoune)", "al-mourabitoun"),
        (r"katiba[th]?[\s\-]+(?:macina|massina)", "flm"),
        # English renderings of JNIM's name: "(Group for the) Support of Islam and Muslims",
        # "Group to Support Islam and Muslims", "Support Group for Islam and Muslims".
        (
            r"(?:group[\s\-]+(?:for|to|of)[\s\-]+(?:the[\s\-]+)?)?support(?:ing)?(?:[\s\-]+group)?[\s\-]+"
            r"(?:(?:of|for|to)[\s\-]+)?(?:the[\s\-]+)?islam[\s\-]+and[\s\-]+(?:the[\s\-]+)?(?:muslims|moslems)",
            "jnim",
        ),
        # Wagner's fighters as the press describes them: "Russian paramilitary fighters",
        # "Russian private military contractors", "Russian military instructors".
        (
            r"russian[\s\-]+(?:(?:paramilitary|private[\s\-]+military|military)[\s\-]+)?"
            r"(?:fighters|mercenaries|mercenary|paramilitaries|contractors|instructors|auxiliaries|operatives)",
            "wagner",
        ),
        # MUJAO's Arabic name and its renderings: "Tawhid wal-Jihad in West Africa",
        # "Jama'at al-Tawhid wal-Jihad fi Gharb Afriqiya".
        (
            r"(?:jama'?a(?:t|h)?[\s\-]+)?(?:(?:al|at|el)[\s\-]*)?tawh?[ei]{1,2}d[\s\-]+"
            r"(?:wa?[\s\-]*(?:al|l)?|wal)[\s\-]*[\-']?jihad[\s\-]+(?:in|fi)[\s\-]+(?:west(?:ern)?|gharb)[\s\-]+afri\w*",
            "mujao",
        ),
    )
)
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
        self._pattern = re.compile(
            r"(?:(?<![\w\-])|(?<=\bpro-)|(?<=\banti-))(?:" + "|".join(alternatives) + r")(?![\w])"
        )
        self._by_pattern_key = {re.sub(r"[\s\-]+", " ", key): key for key in ordered}

    def find(self, text: str, doc: str, *, skip: list[tuple[int, int]] = (), day: str | None = None) -> list[Mention]:
        """Every actor mention in ``text``, in order, outside the ``skip`` spans (URLs).

        ``day`` (ISO) is the document's date, which chooses a state's forces."""
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
        for pattern, actor_id in _TRANSLITERATED:
            if actor_id not in self._actors:
                continue
            for match in pattern.finditer(folded):
                start, end = match.span()
                if any(s < end and start < e for s, e in skip) or not text[start : start + 1].isupper():
                    continue
                inside = [m for m in mentions if m.start < end and start < m.end]
                if any(m.start <= start and end <= m.end for m in inside):
                    continue  # already an alias, or within a longer one
                if any(not (start <= m.start and m.end <= end) for m in inside):
                    continue  # (a shorter name inside is replaced: "Al Qaeda in Islamic Maghreb" is AQIM)
                mentions = [m for m in mentions if m not in inside]
                actor = self._actors[actor_id]
                mentions.append(
                    Mention(doc, start, end, text[start:end], ACTOR, {ACTOR_ID: actor.id, NAME: actor.name})
                )
        for match in _GENERIC_FORCES.finditer(text):
            start, end = match.span()
            if any(s < end and start < e for s, e in skip):
                continue
            if any(m.start < end and start < m.end for m in mentions):
                continue
            code = _STATE_OF.get(re.sub(r"\s+", " ", fold(match.group("en") or match.group("fr"))))
            if code == "US" and (match.group("en") or match.group("fr")) == "us":
                continue  # "us" is a pronoun
            actor_id = _state_forces(code, day)
            if actor_id is None or actor_id not in self._actors:
                continue
            if match.group("acronym"):
                end = match.start("acronym")  # "Forces de défense et de sécurité (FDS) nigériennes"
            actor = self._actors[actor_id]
            mentions.append(Mention(doc, start, end, text[start:end], ACTOR, {ACTOR_ID: actor.id, NAME: actor.name}))
        for match in _GENERIC_GOVERNMENTS.finditer(text):
            start, end = match.span()
            if any(s < end and start < e for s, e in skip) or any(m.start < end and start < m.end for m in mentions):
                continue
            state = match.group("en") or match.group("fr")
            if state == "us":
                continue  # "us" is a pronoun
            actor_id = STATE_GOVERNMENTS.get(_STATE_OF.get(re.sub(r"\s+", " ", fold(state))) or "")
            if actor_id is None or actor_id not in self._actors:
                continue
            actor = self._actors[actor_id]
            mentions.append(Mention(doc, start, end, text[start:end], ACTOR, {ACTOR_ID: actor.id, NAME: actor.name}))
        mentions = _drop_descriptors(text, sorted(mentions, key=lambda m: m.start))
        return _add_defined_acronyms(text, doc, mentions, skip)


_ACRONYM_AFTER = re.compile(r"\s*\(([A-Z][A-Z\-]{1,5})\)")


def _drop_descriptors(text: str, mentions: list[Mention]) -> list[Mention]:
    """A descriptor just before a name of the same actor is part of the name's phrase,
    not a mention of its own: "the Russian mercenary Wagner Group" is one mention."""
    out: list[Mention] = []
    for k, mention in enumerate(mentions):
        following = mentions[k + 1] if k + 1 < len(mentions) else None
        if (
            following is not None
            and following.get(ACTOR_ID) == mention.get(ACTOR_ID)
            and text[mention.end : following.start] == " "
            and mention.text[:1].isupper()
            and not mention.text.isupper()
            and following.text[:1].isupper()
            and mention.text.split()[-1][:1].islower()
        ):
            continue
        out.append(mention)
    return out


def _add_defined_acronyms(text: str, doc: str, mentions: list[Mention], skip) -> list[Mention]:
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


def _pattern(key: str) -> str:
    pieces = re.split(r"[\s\-]+", key)
    return r"[\s\-]+".join(re.escape(p) for p in pieces)


def _state_forces(code: str | None, day: str | None) -> str | None:
    """The actor id of a country's forces on ``day`` (ISO; None: any row)."""
    for country, first, last, actor_id in STATE_FORCES:
        if country == code and (day is None or ((not first or first <= day) and (not last or day <= last))):
            return actor_id
    return None


def _same_case(surface: str, alias: str) -> bool:
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
