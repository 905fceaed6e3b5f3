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
- **More renderings** (fourth round), as patterns: the Sahel branch as "Islamic State of
  the Greater Sahara", "Islamic State in the Great Sahara", "Islamic State - Sahel
  Province", "Sahel Province of the Islamic State" (``isgs``); "the Islamic State's West
  Africa Province" (``iswap``); "Islamic State of Iraq and the Levant" (``islamic-state``);
  "Volunteers for the Defence of the Motherland", "Homeland Defence Volunteers",
  "Kogl-weogo" (``vdp``); "Dan Nan Amassagou" (``dan-na-ambassagou``); "Coordination of
  Movements of Azawad" (``cma``); "Azawad Salvation Movement" (``msa``); "Tuareg Imghad
  and Allies Self-defence Group" (``gatia``); "(Joint Force of the) Group of Five for the
  Sahel", "G-5 Sahel force" (``g5-sahel``); the 2012 junta's English name
  (``mali-junta``); and "Russian troops/soldiers/forces" (``wagner``, the only Russian
  force of the list). A name in an odd case ("KoglWeogo") is not matched.
- **Forms of a name.** An acronym's plural ("the VDPs"); a name after "ex-"
  ("ex-Wagner"); a name after a dash that is not a hyphen ("the region—Ansar Dine"); a
  name with its acronym inside ("United Nations (UN) peacekeepers", "Group of Five (G5)
  Sahel") is one mention; a descriptor, "group" and the name ("Russian mercenary group
  Wagner") is one mention of the name.
- **Juntas and what a forces name stands for.** A state's military rulers ("Mali's
  military government", "the Malian military government", "Mali's ruling junta") are
  its junta (:data:`STATE_JUNTAS`); "the Malian government's armed forces" are the
  forces. A forces name followed by "chief", "commander", "officer", "spokesman" or
  "intervention" ("Niger's army chief", "the French military intervention") names a
  person or an event, not the force.
- **A body and its part.** A name followed in parentheses by the name of one of its
  parts (``part_of`` in ``actors.csv``) means the part: "the UN (MINUSMA)" is MINUSMA.
- **The Islamic State in a Sahel story.** "The Islamic State (group)", "IS", "ISIS",
  "Daesh" acting in a text about Mali, Niger, Burkina Faso or the Sahel (from May 2015,
  when the branch was founded) are the Sahel branch (``isgs``), as an annotator reads
  them; they stay the organisation (``islamic-state``) when the text speaks of it as
  such -- groups "linked to", "affiliated with" or "loyal to" it, its "franchise",
  "affiliate" or "province", "al-Qaeda and the Islamic State" as the two networks -- or
  when the text is also about Iraq or Syria. An acronym in parentheses follows its name.
- Generic participants (civilians, protesters, rioters, unidentified gunmen) are not
  looked for: they are roles, not names.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
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
    r"(?:forces|troops|soldiers|army|military|gendarmes|gendarmerie|servicemen|personnel|soldier|troop"
    r"|national\s+guard|national\s+guardsmen|battalion|contingent|reinforcements)"
)
_FORCE_FR = (
    r"(?:forces\s+arm[ée]es|forces\s+de\s+d[ée]fense(?:\s+et\s+de\s+s[ée]curit[ée])?|forces\s+de\s+s[ée]curit[ée]"
    r"|arm[ée]e|soldats|soldat|militaires|troupes|gendarmes|gendarmerie|garde\s+nationale|gardes\s+nationaux"
    r"|[ée]tat-major|bataillon|contingent|renforts|forces)"
)
_GENERIC_FORCES = re.compile(
    rf"(?<![\w\-])(?:(?P<en>{_STATE})(?:['’]s)?\s+(?:government['’]s\s+)?{_FORCE_EN}"
    rf"|{_FORCE_FR}(?P<acronym>\s*\([A-Z]{{2,6}}\))?\s+(?:(?:du|de\s+la|de\s+l['’]|des|d['’])\s*)?(?P<fr>{_STATE})"
    r"|(?:armed\s+forces|army|national\s+guard|security\s+forces|defen[cs]e\s+forces|troops|soldiers)\s+of\s+"
    rf"(?:the\s+)?(?P<of>{_STATE}))"
    r"(?![\w\-])"
    r"(?!\s+(?:officers?|leaders?|government|junta|rulers?|regime|authorities|officials?|chiefs?|commanders?"
    r"|spokes(?:man|men|woman|person)|intervention))",
    re.IGNORECASE,
)
# What follows a name of a state's forces when it describes something else: "Niger's army
# chief" (a person), "the French military intervention" (an event), "the Malian military
# government" (the junta, see _JUNTA).
_NOT_THE_FORCES = re.compile(
    r"\s+(?:chiefs?|commanders?|officers?|spokes(?:man|men|woman|person)|intervention|government|junta|rulers?|regime"
    r"|garrison|apparatus|bases?|camps?|equipment|aircraft|helicopters?|installations|facilities"
    r"|academy|hospital|court|budget|spending|uniforms?)\b",
    re.IGNORECASE,
)
_FORCE_WORD = re.compile(r"(?:army|military|forces|troops)$", re.IGNORECASE)

# A state's military rulers: "Mali's military government", "the Malian military
# government", "Mali's ruling junta", "the Malian junta", "Mali's military rulers".
STATE_JUNTAS: dict[str, str] = {"ML": "mali-junta"}
_JUNTA = re.compile(
    rf"(?<![\w\-])(?P<state>{_STATE})(?:['’]s)?\s+"
    r"(?:(?:(?:ruling|transitional)\s+)?(?:military\s+)?junta"
    r"|(?:ruling\s+)?military(?:-led)?\s+(?:government|rulers|regime|authorities|leaders|leadership))(?![\w\-])",
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
# Its transitional government too: "Mali's transitional government", "le gouvernement
# de transition malien". (Not "the Malian authorities" or "l'État malien": the tuning
# texts' annotators did not count them as naming the government.)
_GENERIC_GOVERNMENTS = re.compile(
    rf"(?<![\w\-])(?:(?P<en>{_STATE})(?:['’]s)?\s+(?:(?:transitional|interim)\s+)?government"
    r"|gouvernement(?:\s+(?:de\s+(?:la\s+)?transition|intérimaire))?\s+"
    rf"(?:(?:du|de\s+la|de\s+l['’]|des|d['’])\s*)?(?P<fr>{_STATE}))(?![\w\-])",
    re.IGNORECASE,
)

GENERIC_ACTORS = frozenset({"civilians", "protesters", "rioters", "unidentified"})
# Spellings of the Arabic names (matched on the folded text), by actor id.
_AL = r"(?:al|ul|el|ol|a|u)?[\s\-']*"
_TRANSLITERATED: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(r"(?<![\w\-])" + pattern + r"(?![\w])"), actor_id)
    for pattern, actor_id in (
        (
            r"jam(?:a'?a|'?a)(?:t|h|'?at)?[\s\-]+n[aou]s?r(?:at|ah|a|et)?[\s\-]+" + _AL + r"islam(?:[\s\-]+"
            r"(?:wa?[\s\-]*(?:al|l|el)?|wal)[\s\-]*[\-']?muslim(?:in|een|ine|im)?)?",
            "jnim",
        ),
        # Its short forms, without "Jama'at": "Nusrat al-Islam", "Nusrat al Islam wal Muslimin".
        (
            r"nus?r(?:at|ah)[\s\-]+" + _AL + r"islam(?:[\s\-]+"
            r"(?:wa?[\s\-]*(?:al|l|el)?|wal)[\s\-]*[\-']?muslim(?:in|een|ine|im))?",
            "jnim",
        ),
        # AQIM in its transliterations: "al-Qa`ida in the Islamic Maghreb", "Al-Quaïda au Maghreb islamique".
        (
            r"al[\s\-]*qu?a'?[eiy]?'?da[\s\-]+(?:(?:in|of)[\s\-]+(?:the[\s\-]+)?(?:lands[\s\-]+of[\s\-]+the[\s\-]+)?"
            r"islamic[\s\-]+maghreb|au[\s\-]+(?:pays[\s\-]+du[\s\-]+)?maghreb[\s\-]+islamique)",
            "aqim",
        ),
        # al-Qaeda written as one word or with an apostrophe: "Alqaeda", "AlQaida", "Al-Qa'ida", "Al-Quaïda".
        (r"al[\s\-]*qu?a'?[eiy]?'?da", "al-qaeda"),
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
            r"(?:fighters|mercenaries|mercenary|paramilitaries|contractors|instructors|auxiliaries|operatives"
            r"|troops|soldiers|forces|servicemen|personnel)",
            "wagner",
        ),
        # The Islamic State's Sahel branch in its renderings: "Islamic State of the Greater
        # Sahara", "Islamic State in the Great Sahara", "ISIS Greater Sahara Province",
        # "Islamic State - Sahel Province", "Islamic State in the Sahel Province", "Sahel
        # Province of the Islamic State".
        (
            r"(?:islamic[\s\-]+state|isis|isil)(?:[\s\-]+(?:of|in)[\s\-]+iraq[\s\-]+and[\s\-]+(?:the[\s\-]+)?(?:levant|syria))?"
            r"[\"“”]?(?:'s)?(?:[\s\-]+|\s*[\u2013\u2014]\s*)(?:(?:in|of|for)[\s\-]+)?"
            r"(?:the[\s\-]+)?(?:(?:great(?:er)?|grand)[\s\-]+sahara|sahel)(?:[\s\-]+(?:province|branch|wilayah?))?",
            "isgs",
        ),
        # ISWAP with a possessive or "in": "the Islamic State's West Africa Province".
        (
            r"(?:islamic[\s\-]+state|isis|isil)(?:'s)?[\s\-]+(?:in[\s\-]+)?(?:the[\s\-]+)?west[\s\-]+africa[\s\-]+province",
            "iswap",
        ),
        (r"sahel[\s\-]+province[\s\-]+of[\s\-]+(?:the[\s\-]+)?islamic[\s\-]+state", "isgs"),
        # The central organisation's full names with "of" or "in": "Islamic State of Iraq and
        # the Levant", "Islamic State in Iraq and Syria", "Islamic State of Iraq and al-Sham".
        (
            r"islamic[\s\-]+state[\s\-]+(?:of|in)[\s\-]+iraq[\s\-]+and[\s\-]+(?:the[\s\-]+)?"
            r"(?:levant|syria|(?:al|ash|as)?[\s\-]*sham)",
            "islamic-state",
        ),
        # VDP in its English renderings: "Volunteers for the Defence of the Motherland",
        # "Volunteers for the Defense of the Nation", "Homeland Defense Volunteers".
        (
            r"volunteers?[\s\-]+(?:for|of)[\s\-]+(?:the[\s\-]+)?defen[cs]e[\s\-]+of[\s\-]+(?:the[\s\-]+)?"
            r"(?:homeland|fatherland|motherland|nation|country|patrie)",
            "vdp",
        ),
        (r"(?:homeland|fatherland|motherland)[\s\-]+defen[cs]e[\s\-]+volunteers?", "vdp"),
        # Koglweogo in its spellings and plural: "Kogl-weogo", "Koglweogos", "Kogl Wéogo".
        (r"kogl[\s\-]*w[e]?ogos?", "vdp"),
        # Dan Na Ambassagou in its transliterations: "Dan Nan Amassagou", "Dana Ambassagou",
        # "Da Na Amassagou", "Dan na Ambassagou".
        (r"da(?:n|na)?(?:[\s\-]+nan?)?[\s\-]+am?b?ass?agou?", "dan-na-ambassagou"),
        # The CMA in its English renderings: "Coordination of the Azawad Movements",
        # "Coordination of Movements of Azawad", "Coordination of Movements for Azawad".
        (
            r"coordination[\s\-]+of[\s\-]+(?:the[\s\-]+)?(?:azawad[\s\-]+movements"
            r"|movements[\s\-]+(?:of|for|from)[\s\-]+(?:the[\s\-]+)?azawad)",
            "cma",
        ),
        # The MSA in its renderings: "Movement for the Salvation of the Azawad", "Azawad
        # Salvation Movement", "Movement for Azawad's Salvation".
        (
            r"movement[\s\-]+(?:for|to)[\s\-]+(?:the[\s\-]+)?(?:salvation|save|saving|safety)[\s\-]+(?:of[\s\-]+)?"
            r"(?:the[\s\-]+)?azawad|azawad[\s\-]+salvation[\s\-]+movement",
            "msa",
        ),
        # GATIA's name in its word orders: "Imghad Tuareg and Allies Self-Defense Group",
        # "Tuareg Imghad and Allies Self-defence Group", "Imghad Tuareg Self-Defence Group".
        (
            r"(?:tuaregs?[\s\-]+)?imghad(?:[\s\-]+tuaregs?)?(?:[\s\-]+and[\s\-]+allies)?[\s\-]+self[\s\-]*defen[cs]e"
            r"[\s\-]+group(?:[\s\-]+(?:of[\s\-]+)?(?:imghad[\s\-]+)?(?:tuaregs?[\s\-]+)?and[\s\-]+(?:their[\s\-]+)?allies)?",
            "gatia",
        ),
        # The G5 Sahel and its joint force in their long forms: "Group of Five for the Sahel",
        # "Joint Force of the Group of Five for the Sahel", "G5 Sahel Joint Force", "G5-Sahel force".
        (
            r"(?:joint[\s\-]+force[\s\-]+of[\s\-]+(?:the[\s\-]+)?)?(?:group[\s\-]+of[\s\-]+(?:the[\s\-]+)?five|g[\s\-]?5)"
            r"(?:[\s\-]+(?:for|of)[\s\-]+the)?[\s\-]+sahel(?:[\s\-]+(?:joint[\s\-]+)?force)?",
            "g5-sahel",
        ),
        # The 2012 junta's name in its renderings: "National Council (Committee) for the
        # Recovery (Restoration) of Democracy and the Restoration of the State".
        (
            r"national[\s\-]+(?:committee|council)[\s\-]+for[\s\-]+(?:the[\s\-]+)?(?:recovery|restoration|redress\w*)"
            r"[\s\-]+of[\s\-]+democracy[\s\-]+and[\s\-]+(?:the[\s\-]+)?restoration[\s\-]+of[\s\-]+(?:the[\s\-]+)?state",
            "mali-junta",
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
    >>> from geo.seeds import Seeds
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
                        elif aliases[key].actor == actor.id and form.islower() and not aliases[key].text.islower():
                            # listed in lower case too ("Dozos" and "dozos"): a word of the prose as well
                            aliases[key] = _Alias(actor.id, form, True)
        self._aliases = aliases
        ordered = sorted(aliases, key=len, reverse=True)
        alternatives = [_pattern(key) for key in ordered]
        self._pattern = re.compile(
            r"(?:(?<![\w\-])|(?<=\bpro-)|(?<=\banti-)|(?<=\bex-))(?:" + "|".join(alternatives) + r")(?![\w])"
        )
        self._by_pattern_key = {re.sub(r"[\s\-]+", " ", key): key for key in ordered}
        # The same names right after another name and a hyphen: "JNIM-AQMI", "al-Qaeda-IS".
        self._after_hyphen = re.compile(r"(?:" + "|".join(alternatives) + r")(?![\w])")

    def find(
        self, text: str, doc: str, *, skip: Sequence[tuple[int, int]] = (), day: str | None = None
    ) -> list[Mention]:
        """Every actor mention in ``text``, in order, outside the ``skip`` spans (URLs).

        ``day`` (ISO) is the document's date, which chooses a state's forces."""
        # A dash that is not a hyphen ("the region—Ansar Dine") separates words.
        folded = "".join(" " if c in _DASHES else f for c, f in zip(text, fold(text), strict=True))
        mentions = self._aliases_in(text, folded, doc, skip)
        # A name with its acronym in parentheses inside it ("United Nations (UN)
        # peacekeepers", "Group of Five (G5) Sahel") is one mention of the whole name.
        inner = list(_INNER_ACRONYM.finditer(folded))
        if inner:
            blanked = _INNER_ACRONYM.sub(lambda m: " " * len(m.group()), folded)
            windows: list[tuple[int, int]] = []
            for acronym in inner:  # only around each parenthesis, not the whole text again
                low, high = max(0, acronym.start() - 150), acronym.end() + 150
                if windows and low <= windows[-1][1]:
                    windows[-1] = (windows[-1][0], high)
                else:
                    windows.append((low, high))
            for low, high in windows:
                for longer in self._aliases_in(text, blanked, doc, skip, low, high):
                    if "(" not in longer.text:
                        continue
                    inside = [m for m in mentions if m.start < longer.end and longer.start < m.end]
                    if all(longer.start <= m.start and m.end <= longer.end for m in inside):
                        mentions = sorted([*(m for m in mentions if m not in inside), longer], key=lambda m: m.start)
        for pattern, rendered_id in _TRANSLITERATED:
            if rendered_id not in self._actors:
                continue
            for match in pattern.finditer(folded):
                start, end = match.span()
                capitalised = text[start : start + 1].isupper() or re.match(r"al[\s\-]+[A-Z]", text[start : start + 5])
                if any(s < end and start < e for s, e in skip) or not capitalised:
                    continue  # ("al-Qa`ida" has its capital after the article)
                if re.search(r"[a-z][A-Z]", text[start:end]):
                    continue  # an odd case ("KoglWeogo") is not the name
                inside = [m for m in mentions if m.start < end and start < m.end]
                if any(m.start <= start and end <= m.end for m in inside):
                    continue  # already an alias, or within a longer one
                if any(not (start <= m.start and m.end <= end) for m in inside):
                    continue  # (a shorter name inside is replaced: "Al Qaeda in Islamic Maghreb" is AQIM)
                mentions = [m for m in mentions if m not in inside]
                actor = self._actors[rendered_id]
                mentions.append(
                    Mention(doc, start, end, text[start:end], ACTOR, {ACTOR_ID: actor.id, NAME: actor.name})
                )
        mentions.sort(key=lambda m: m.start)
        starts = [m.start for m in mentions]
        for match in _GENERIC_FORCES.finditer(text):
            start, end = match.span()
            if any(s < end and start < e for s, e in skip):
                continue
            if _MILITARY_AS_ADJECTIVE.search(text, max(0, start - 20), start) and fold(match.group()).startswith(
                "milit"
            ):
                continue  # "des camps militaires maliens": military camps, not soldiers
            state = match.group("en") or match.group("fr") or match.group("of")
            code = _STATE_OF.get(re.sub(r"\s+", " ", fold(state)))
            if code == "US" and state == "us":
                continue  # "us" is a pronoun
            actor_id = _state_forces(code, day)
            if actor_id is None or actor_id not in self._actors:
                continue
            if _overlaps(mentions, starts, start, end):
                inside = [m for m in mentions if m.start < end and start < m.end]
                if any(
                    not (start <= m.start and m.end <= end)
                    or (m.start, m.end) == (start, end)
                    or m.get(ACTOR_ID) == actor_id
                    for m in inside
                ):
                    continue  # (another actor's name inside is replaced: "the Malian government's armed forces")
                mentions = [m for m in mentions if all(m is not i for i in inside)]
                starts = [m.start for m in mentions]
            if match.group("acronym"):
                end = match.start("acronym")  # "Forces de défense et de sécurité (FDS) nigériennes"
            actor = self._actors[actor_id]
            found = Mention(doc, start, end, text[start:end], ACTOR, {ACTOR_ID: actor.id, NAME: actor.name})
            k = bisect_left(starts, start)
            mentions.insert(k, found)
            starts.insert(k, start)
        for match in _GENERIC_GOVERNMENTS.finditer(text):
            start, end = match.span()
            if any(s < end and start < e for s, e in skip) or _overlaps(mentions, starts, start, end):
                continue
            state = match.group("en") or match.group("fr")
            if state == "us":
                continue  # "us" is a pronoun
            actor_id = STATE_GOVERNMENTS.get(_STATE_OF.get(re.sub(r"\s+", " ", fold(state))) or "")
            if actor_id is None or actor_id not in self._actors:
                continue
            actor = self._actors[actor_id]
            k = bisect_left(starts, start)
            mentions.insert(k, Mention(doc, start, end, text[start:end], ACTOR, {ACTOR_ID: actor.id, NAME: actor.name}))
            starts.insert(k, start)
        mentions = self._joined_by_hyphens(text, folded, doc, mentions)
        mentions = self._forces_named_without_their_state(text, doc, mentions, skip, day)
        mentions = [m for m in mentions if not _a_body_of_the_un(text, m)]
        mentions = self._juntas(text, doc, mentions, skip)
        mentions = [m for m in mentions if not _names_something_else(text, m) and not _a_state_of_islam(text, m)]
        mentions = self._provinces_after_a_dash(text, mentions)
        mentions = self._plural_acronyms(text, doc, mentions, skip)
        mentions = _drop_descriptors(text, sorted(mentions, key=lambda m: m.start))
        mentions = _add_defined_acronyms(text, doc, mentions, skip)
        mentions = self._explained_in_parentheses(text, mentions)
        if "isgs" in self._actors and _a_sahel_story(text, mentions, day):
            isgs = self._actors["isgs"]
            mentions = [
                Mention(m.doc, m.start, m.end, m.text, ACTOR, {**m.resolution, ACTOR_ID: isgs.id, NAME: isgs.name})
                if _is_the_sahel_branch(text, m, mentions)
                else m
                for m in mentions
            ]
        return mentions

    def _aliases_in(
        self,
        text: str,
        folded: str,
        doc: str,
        skip: Sequence[tuple[int, int]],
        low: int = 0,
        high: int | None = None,
    ) -> list[Mention]:
        """The mentions of the list's names and aliases in ``folded`` (``text`` folded),
        between offsets ``low`` and ``high``."""
        mentions: list[Mention] = []
        for match in self._pattern.finditer(folded, low, len(folded) if high is None else min(high, len(folded))):
            start, end = match.span()
            if any(s < end and start < e for s, e in skip):
                continue
            key = self._by_pattern_key.get(re.sub(r"[\s\-]+", " ", match.group()))
            alias = self._aliases.get(key) if key else None
            if alias is None:  # pragma: no cover - every alternative comes from an alias
                continue
            descriptor = _DESCRIPTOR_WORD.match(folded, start)
            if descriptor is not None:
                # "le groupe État islamique au Grand Sahara": the longer name after the descriptor
                longer = self._pattern.match(folded, descriptor.end())
                longer_key = self._by_pattern_key.get(re.sub(r"[\s\-]+", " ", longer.group())) if longer else None
                if longer is not None and longer.end() > end and longer_key in self._aliases:
                    start, end, alias = longer.start(), longer.end(), self._aliases[longer_key]
            surface = text[start:end]
            if alias.case_sensitive and not _same_case(re.sub(r"\s*\([^)]*\)", "", surface), alias.text):
                continue
            actor = self._actors[alias.actor]
            mentions.append(Mention(doc, start, end, surface, ACTOR, {ACTOR_ID: actor.id, NAME: actor.name}))
        return mentions

    def _explained_in_parentheses(self, text: str, mentions: list[Mention]) -> list[Mention]:
        """A body's name followed in parentheses by the name of a part of it (``part_of`` in
        ``actors.csv``) means that part: "the UN (MINUSMA)" is the mission."""
        out = list(mentions)
        for k, mention in enumerate(mentions[:-1]):
            inner = mentions[k + 1]
            if (
                inner.get(ACTOR_ID) in self._actors
                and any(
                    f.relation == "part_of" and f.actor == mention.get(ACTOR_ID)
                    for f in self._actors[inner.get(ACTOR_ID)].affiliations
                )
                and re.fullmatch(r"\s*\(", text[mention.end : inner.start])
                and text[inner.end : inner.end + 1] == ")"
            ):
                out[k] = Mention(mention.doc, mention.start, mention.end, mention.text, ACTOR, dict(inner.resolution))
        return out

    def _provinces_after_a_dash(self, text: str, mentions: list[Mention]) -> list[Mention]:
        """The Islamic State followed by a dash and "Sahel" ("Islamic State – Sahil
        Province", "l'état Islamique* — Sahel") is its Sahel branch, named by the whole."""
        if "isgs" not in self._actors:
            return mentions
        isgs = self._actors["isgs"]
        out = []
        for mention in mentions:
            after = _SAHEL_AFTER_A_DASH.match(text, mention.end)
            if after is not None and mention.get(ACTOR_ID) in ("islamic-state", "isgs"):
                end = after.end()
                mention = Mention(
                    mention.doc,
                    mention.start,
                    end,
                    text[mention.start : end],
                    ACTOR,
                    {ACTOR_ID: isgs.id, NAME: isgs.name},
                )
            out.append(mention)
        return out

    def _joined_by_hyphens(self, text: str, folded: str, doc: str, mentions: list[Mention]) -> list[Mention]:
        """A name joined by a hyphen to the name before it ("JNIM-AQMI", "the al-Qaeda-IS
        rivalry") is a mention of its own."""
        ordered = sorted(mentions, key=lambda m: m.start)
        for k, mention in enumerate(ordered):
            if folded[mention.end : mention.end + 1] != "-":
                continue
            match = self._after_hyphen.match(folded, mention.end + 1)
            following = ordered[k + 1] if k + 1 < len(ordered) else None
            if match is None or (following is not None and following.start < match.end()):
                continue
            alias = self._aliases.get(self._by_pattern_key.get(re.sub(r"[\s\-]+", " ", match.group()), ""))
            surface = text[match.start() : match.end()]
            if alias is None or (alias.case_sensitive and not _same_case(surface, alias.text)):
                continue
            actor = self._actors[alias.actor]
            found = Mention(doc, match.start(), match.end(), surface, ACTOR, {ACTOR_ID: actor.id, NAME: actor.name})
            mentions = [*mentions, found]
        return sorted(mentions, key=lambda m: m.start)

    def _forces_named_without_their_state(
        self, text: str, doc: str, mentions: list[Mention], skip: Sequence[tuple[int, int]], day: str | None
    ) -> list[Mention]:
        """The FDS's English name without a country word ("the Defence and Security
        Forces") names the forces of the country the text names most (Mali, Niger or
        Burkina Faso), when one is named most."""
        counts = dict.fromkeys(("ML", "NE", "BF"), 0)
        for word in _STATE_NAME_WORD.finditer(text):
            code = _STATE_OF.get(re.sub(r"\s+", " ", fold(word.group())))
            if code in counts:
                counts[code] += 1
        code, most = max(counts.items(), key=lambda item: item[1])
        if most == 0 or sorted(counts.values())[-2] == most:
            return mentions
        actor_id = _state_forces(code, day)
        if actor_id is None or actor_id not in self._actors:
            return mentions
        actor = self._actors[actor_id]
        for match in _FDS_EN.finditer(text):
            start, end = match.span()
            if _STATE_AFTER.match(text, end):
                continue  # "Forces de défense et de sécurité (FDS) nigériennes": the state is named

            if any(s < end and start < e for s, e in skip) or any(m.start < end and start < m.end for m in mentions):
                continue
            mentions = [
                *mentions,
                Mention(doc, start, end, text[start:end], ACTOR, {ACTOR_ID: actor.id, NAME: actor.name}),
            ]
        return sorted(mentions, key=lambda m: m.start)

    def _juntas(self, text: str, doc: str, mentions: list[Mention], skip: Sequence[tuple[int, int]]) -> list[Mention]:
        """A state's military rulers ("Mali's military government", "the Malian military
        government") are its junta, replacing the forces alias inside ("Malian military")."""
        for match in _JUNTA.finditer(text):
            start, end = match.span()
            if match.group("state") == "us" or any(s < end and start < e for s, e in skip):
                continue
            actor_id = STATE_JUNTAS.get(_STATE_OF.get(re.sub(r"\s+", " ", fold(match.group("state")))) or "")
            if actor_id is None or actor_id not in self._actors:
                continue
            inside = [m for m in mentions if m.start < end and start < m.end]
            if any(not (start <= m.start and m.end <= end) for m in inside) or any(
                (m.start, m.end) == (start, end) for m in inside
            ):
                continue  # already a name ("Malian junta"), or part of a longer one
            actor = self._actors[actor_id]
            mentions = [m for m in mentions if m not in inside]
            mentions.append(Mention(doc, start, end, text[start:end], ACTOR, {ACTOR_ID: actor.id, NAME: actor.name}))
        return sorted(mentions, key=lambda m: m.start)

    def _plural_acronyms(
        self, text: str, doc: str, mentions: list[Mention], skip: Sequence[tuple[int, int]]
    ) -> list[Mention]:
        """An acronym of the list with a plural "s" ("the VDPs", "FDSs") names its actor."""
        mentions = sorted(mentions, key=lambda m: m.start)
        starts = [m.start for m in mentions]
        added = []
        for match in _PLURAL_ACRONYM.finditer(text):
            start, end = match.span()
            alias = self._aliases.get(fold(match.group(1)))
            if alias is None or alias.text != match.group(1) or alias.actor not in self._actors:
                continue
            if any(s < end and start < e for s, e in skip) or _overlaps(mentions, starts, start, end):
                continue
            actor = self._actors[alias.actor]
            added.append(Mention(doc, start, end, text[start:end], ACTOR, {ACTOR_ID: actor.id, NAME: actor.name}))
        return sorted([*mentions, *added], key=lambda m: m.start)


_STATE_NAME_WORD = re.compile(
    r"\b(?:Malian|Mali|maliens?|maliennes?|Nigerien|Niger|nigériens?|nigériennes?|Burkinab[eè]|burkinab[eè]"
    r"|Burkina(?:\s+Faso)?)\b(?!\s+(?:River|Delta|river|fleuve))"
)
_MILITARY_AS_ADJECTIVE = re.compile(
    r"\b(?:camps?|bases?|convois?|postes?|v[ée]hicules?|[ée]quipements?|sources?|positions?|avions?)\s+$", re.IGNORECASE
)
_DESCRIPTOR_WORD = re.compile(r"(?:groupe|organisation|organization|group)\s+")
_STATE_AFTER = re.compile(
    rf"\s*(?:\([A-Z]{{2,6}}\)\s*|\)\s*)?(?:(?:du|de\s+la|de\s+l['’]|des|d['’]|of)\s*)?(?:{_STATE})(?![\w\-])",
    re.IGNORECASE,
)
_FDS_EN = re.compile(
    r"(?<![\w\-])(?:Defen[cs]e\s+and\s+Security\s+Forces|[Ff]orces\s+de\s+[Dd][ée]fense\s+et\s+de\s+[Ss][ée]curit[ée]"
    r"|FDS|[Gg]arde\s+[Nn]ationale|National\s+Guard)(?![\w\-])"
)
# A body or office of the United Nations is not the organisation acting: "the United
# Nations General Assembly", "United Nations High Commissioner for Refugees".
_UN_BODY = re.compile(
    r"\s+(?:General\s+Assembly|Security\s+Council|High\s+Commission|Development\s+Programme|Office|Children"
    r"|Human\s+Rights\s+Council|Peacekeeping|Secretary|Population|Refugee|Environment|World\s+Food|Panel)"
)


def _a_body_of_the_un(text: str, mention: Mention) -> bool:
    """Whether a mention of the United Nations is the first words of one of its bodies."""
    return mention.get(ACTOR_ID) == "united-nations" and bool(_UN_BODY.match(text, mention.end))


def _overlaps(mentions: list[Mention], starts: list[int], start: int, end: int) -> bool:
    """Whether a span overlaps one of ``mentions`` (sorted by start; ``starts`` their starts)."""
    k = bisect_left(starts, end)
    return any(mentions[j].end > start for j in range(max(0, k - 3), k))


_DASHES = frozenset("\u2012\u2013\u2014\u2015\u2212")
_INNER_ACRONYM = re.compile(r"(?<=\w) \([a-z0-9][a-z0-9\-]{0,7}\)(?= \w)")
_PLURAL_ACRONYM = re.compile(r"(?<![\w\-])([A-Z]{3,6})s(?![\w\-])")


def _a_state_of_islam(text: str, mention: Mention) -> bool:
    """Whether "Islamic state" / "État islamique" after an indefinite article is the
    common noun ("forming an Islamic state", "établir un État islamique au Mali")."""
    return bool(_ISLAMIC_STATE_NOUN.fullmatch(mention.text)) and bool(
        _INDEFINITE_BEFORE.search(text, max(0, mention.start - 5), mention.start)
    )


# (English writes the noun in lower case, "an Islamic State affiliate" is the group; French
# writes both "État", so only the article tells.)
_ISLAMIC_STATE_NOUN = re.compile(r"[Ii]slamic state|[ÉéEe]tat islamique")
_INDEFINITE_BEFORE = re.compile(r"\b(?:an|a|un|une)\s+$", re.IGNORECASE)
# "Islamic State – Sahil Province", "l'état Islamique* — Sahel": the Sahel branch.
_SAHEL_AFTER_A_DASH = re.compile(r"\*?\s*[–—\-]\s*(?:Sahel|Sahil)(?:\s+Province)?(?![\w\-])")


def _names_something_else(text: str, mention: Mention) -> bool:
    """Whether a state's forces named by a country word ("Niger's army", "French military")
    stand here for something else: "Niger's army chief", "the French military intervention"."""
    return (
        bool(_FORCE_WORD.search(mention.text))
        and mention.text[:1].isupper()
        and bool(_NOT_THE_FORCES.match(text, mention.end))
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


def _a_sahel_story(text: str, mentions: list[Mention], day: str | None) -> bool:
    """Whether ``text`` is a story of the Sahel in which a plain "Islamic State" may be
    its Sahel branch: it names Mali, Niger, Burkina Faso or the Sahel, not Iraq or Syria
    (outside a name of the branch), and is dated from May 2015 on (or not dated).

    Examples
    --------
    >>> _a_sahel_story("The Islamic State fighters attacked Tamalat, Mali.", [], "2022-03-08")
    True
    >>> _a_sahel_story("The Islamic State fighters attacked Mosul, Iraq, and Gao.", [], None)
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


def _is_the_sahel_branch(text: str, mention: Mention, mentions: list[Mention]) -> bool:
    """Whether a plain mention of the Islamic State, in a story of the Sahel (see
    :func:`_a_sahel_story`), means its Sahel branch (ISGS/ISSP).

    Examples
    --------
    >>> m = Mention("d", 4, 17, "Islamic State", ACTOR, {ACTOR_ID: "islamic-state"})
    >>> _is_the_sahel_branch("The Islamic State fighters attacked Tamalat.", m, [m])
    True
    >>> _is_the_sahel_branch("The Islamic State franchise attacked Tamalat.", m, [m])
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
            return _is_the_sahel_branch(text, previous[-1], mentions)
    return True


_ACRONYM_AFTER = re.compile(r"\s*\(([A-Z][A-Z\-]{1,5})\)")


_DESCRIPTOR_GAPS = frozenset({" ", " group ", " company ", " outfit ", " firm "})


def _drop_descriptors(text: str, mentions: list[Mention]) -> list[Mention]:
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


def _add_defined_acronyms(
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
