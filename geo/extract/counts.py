"""Counts of people killed, wounded, displaced and kidnapped.

:func:`find_counts` finds each number that a text ties to one of four outcomes and
returns it as a ``count`` :class:`~geo.extract.mention.Mention`. The span is the
number with its qualifier ("at least 40", "between 20 and 30", "dozens"); the
resolution says what happened to the people counted (``what``), the bounds (``low``,
``high``), the qualifier and who was counted (``subject``: the noun as written, such
as "civilians", or None when the text gives none).

What a number counts
--------------------
A number is a count only when a word for one of the outcomes governs it in its
clause:

- killed: killed, kill(s/ing), dead, died, deaths, fatalities, (death) toll, lost
  their lives, massacred, executed, murdered, slain, slaughtered, "lost 3 soldiers";
- wounded: wounded, wounding, injured, injuring, hurt;
- displaced: displaced, displacing, fled, fleeing, forced to flee, forced from their
  homes, uprooted, refugees, IDPs;
- kidnapped: kidnapped, abducted, taken or held hostage, hostages.

The first of these rules that applies gives the outcome:

1. a word just before the number, with only small words between: "killed 40",
   "killing at least 9 soldiers", "a death toll of 22", "the massacre of 160 herders";
2. a word after the number and its noun, with only auxiliaries, a short place phrase
   or an aside between: "40 civilians were killed", "12 dead", "thousands fled",
   "villagers from two districts have fled", "40 people, mostly women, were killed".
   An active verb with an object does not count its subject: in "40 gunmen killed 3
   soldiers" only the 3 is a count;
3. the counted noun or a word modifying it: "12,000 refugees", "90,000 displaced
   people", "9 hostages", "claimed 14 lives";
4. a list: a number joined by "and", "as well as", "including" or a comma to a number
   that has an outcome takes it ("killed 12 soldiers and 3 civilians", "nine soldiers
   and two civilians were killed").

Each number gets its own mention and outcome: "killing 22 and wounding 3" gives 22
killed and 3 wounded.

Not counts: a number followed by a noun that is not people ("80,000 square
kilometers", "3 villages", "70 percent"); people that no outcome word governs ("3,000
troops deployed"); years, dates, footnote markers and the numbers inside URLs; a
figure after a possessive or a share ("the village's 4,000 residents", "half of the
3,000 residents"); the whole in "30 of the 120 inhabitants" (the 30 is the count);
a number after a reference word ("Resolution 2100", "aged 12"); and "killed or
wounded" taken together, which is neither outcome alone.

Bounds
------
As in the seeds' rules for numbers (``seeds/README.md``, "Numbers"):

- exact, "40": low 40, high 40;
- about, "about / around / some / nearly / almost / an estimated 40", "40 or so":
  low 40, high 40. The figure is the source's best estimate, not a bound: the seeds
  put it in ``fatalities_best`` and leave low and high empty, and the curator may
  widen it;
- at_least, "at least 40", "no fewer than 40", "40 or more": low 40, high None;
- more_than, "more than 40", "over 40": low 41, high None;
- up_to, "up to 40", "as many as 40", "at most 40": low None, high 40;
- less_than, "less than 40", "fewer than 40": low None, high 39;
- between, "between 20 and 30", "20 to 30", "20-30", "from 20 to 30", "two or
  three": low 20, high 30;
- exact for a definite word: "a dozen" 12, "half a dozen" 6, "a hundred", "a
  thousand", "two hundred and fifty";
- vague, low the floor and high None: "a few" 2, "several" 3, "a number of" 3,
  "dozens" 24, "scores" 40, "hundreds" 200, "several hundred" 300, "thousands" 2,000,
  "tens of thousands" 20,000, "hundreds of thousands" 200,000.

A qualifier before a definite or vague word is kept: "more than a dozen" is
more_than with low 13, "at least several hundred" at_least with low 300.

Offsets are Python string indices, end exclusive: ``text[m.start:m.end] == m.text``.
The finder uses only :mod:`re` and reads a few words on each side of each number.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from .mention import COUNT, HIGH, LOW, QUALIFIER, SUBJECT, WHAT, Mention

__all__ = ["find_counts"]

KILLED = "killed"
WOUNDED = "wounded"
DISPLACED = "displaced"
KIDNAPPED = "kidnapped"

EXACT = "exact"
ABOUT = "about"
AT_LEAST = "at_least"
MORE_THAN = "more_than"
UP_TO = "up_to"
LESS_THAN = "less_than"
BETWEEN = "between"
VAGUE = "vague"

_I = re.IGNORECASE
# One run of blanks holding at most one line break: a blank line ends the clause.
_WS = r"(?:[^\S\n]*\n[^\S\n]*|[^\S\n]+)"
_WS_RE = re.compile(_WS)

# ---------------------------------------------------------------- numbers


def _words(words: str) -> tuple[str, ...]:
    """The words of a space-separated list, in order."""
    return tuple(words.split())


_UNITS = {w: i for i, w in enumerate(_words("one two three four five six seven eight nine"), 1)}
_TEENS = {
    w: i
    for i, w in enumerate(_words("ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen"), 10)
}
_TENS = {w: 10 * i for i, w in enumerate(_words("twenty thirty forty fifty sixty seventy eighty ninety"), 2)}
_SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000}

_UNIT_RE = "|".join(_UNITS)
_SMALL = rf"(?:(?:{'|'.join(_TENS)})(?:[-\s](?:{_UNIT_RE}))?|{'|'.join(_TEENS)}|{_UNIT_RE})"
_AND_SMALL = rf"(?:\s+(?:and\s+)?{_SMALL}(?!\s+(?:hundred|thousand|million)))"
_HUND = rf"(?:(?:a|one|{_UNIT_RE})\s+hundred{_AND_SMALL}?|{_SMALL})"
_BIG = rf"(?:(?:a|one|{_HUND})\s+(?:thousand|million)(?:\s+(?:and\s+)?{_HUND})?|{_HUND})"

# Vague words and their floor (the seeds' "Numbers" table).
_VAGUE = {
    "tens of thousands": 20_000,
    "hundreds of thousands": 200_000,
    "dozens": 24,
    "scores": 40,
    "hundreds": 200,
    "thousands": 2_000,
    "millions": 2_000_000,
    "several": 3,
    "a few": 2,
    "a number": 3,
}
_FEW = {"several": 3, "a few": 2}
_VAGUE_RE = (
    r"tens\s+of\s+thousands|hundreds\s+of\s+thousands"
    r"|(?P<few>several|a\s+few)\s+(?P<fewscale>hundred|thousand|million|dozen)"
    r"|dozens|scores|hundreds|thousands|millions|several|a\s+few|a\s+number(?=\s+of\b)"
)
_DOZEN_RE = r"(?P<dozen>half\s+a|a|one)\s+dozen"
_DIGITS_RE = (
    r"(?P<digits>\d{1,3}(?:(?:,|[ \u00a0\u202f])\d{3})+(?![\d])|\d+)"
    r"(?P<decimal>\.\d+)?(?:\s+(?P<dscale>million|thousand))?"
)
# The letters a number can start with, checked first to skip other positions quickly.
_FIRST = "".join(sorted({w[0] for w in (*_UNITS, *_TEENS, *_TENS, *_VAGUE, "a", "half")}))
_CORE_RE = re.compile(
    rf"(?<![\w])(?=[\d{_FIRST}{_FIRST.upper()}])"
    rf"(?:(?P<vague>{_VAGUE_RE})|{_DOZEN_RE}|{_DIGITS_RE}|(?P<words>{_BIG}))(?![\w])",
    _I,
)


@dataclass(slots=True)
class _Core:
    """One number as written, before qualifiers: its span, value and whether vague."""

    start: int
    end: int
    value: int
    vague: bool
    digits: str = ""  # the digits as written, for digit numbers


def _word_value(words: str) -> int:
    """The value of a number written in words ("two hundred and fifty" -> 250)."""
    total = current = 0
    for token in re.split(r"[-\s]+", words.lower()):
        if token in ("a", "one"):
            current += 1
        elif token in _UNITS:
            current += _UNITS[token]
        elif token in _TEENS:
            current += _TEENS[token]
        elif token in _TENS:
            current += _TENS[token]
        elif token == "hundred":
            current = (current or 1) * 100
        elif token in ("thousand", "million"):
            total += (current or 1) * _SCALES[token]
            current = 0
    return total + current


def _core(match: re.Match[str]) -> _Core | None:
    """A :class:`_Core` from a match of ``_CORE_RE``; None for a non-integer."""
    start, end = match.span()
    if match["vague"]:
        phrase = " ".join(match["vague"].lower().split())
        if match["few"]:
            scale = 12 if match["fewscale"].lower() == "dozen" else _SCALES[match["fewscale"].lower()]
            return _Core(start, end, _FEW[" ".join(match["few"].lower().split())] * scale, True)
        return _Core(start, end, _VAGUE[phrase], True)
    if match["dozen"]:
        return _Core(start, end, 6 if match["dozen"].lower().startswith("half") else 12, False)
    if match["digits"]:
        digits = re.sub(r"[,\s\u00a0\u202f]", "", match["digits"])
        if match["dscale"]:
            value = float(digits + (match["decimal"] or "")) * _SCALES[match["dscale"].lower()]
            return _Core(start, end, round(value), False, digits)
        if match["decimal"]:
            return None
        return _Core(start, end, int(digits), False, digits)
    return _Core(start, end, _word_value(match["words"]), False)


# Qualifiers written before the number, longest first where one ends another.
_PREFIXES = {
    ABOUT: r"about|around|approximately|roughly|some|nearly|almost|close\s+to|an\s+estimated|estimated",
    AT_LEAST: r"at\s+least|no\s+(?:fewer|less)\s+than|not\s+(?:fewer|less)\s+than|a\s+minimum\s+of",
    MORE_THAN: r"more\s+than|over|upwards\s+of|in\s+excess\s+of",
    UP_TO: r"up\s+to|as\s+many\s+as|at\s+most|no\s+more\s+than|not\s+more\s+than|a\s+maximum\s+of",
    LESS_THAN: r"less\s+than|fewer\s+than",
    BETWEEN: r"between|from",
}
_PREFIX_RE = re.compile(
    r"(?<![\w-])(?:" + "|".join(f"(?P<{name}>{words})" for name, words in _PREFIXES.items()) + rf"){_WS}\Z",
    _I,
)
_SUFFIX_RE = re.compile(rf"{_WS}or{_WS}(?P<more>more)\b|{_WS}or{_WS}(?P<so>so)\b|(?P<plus>\+|-plus\b)", _I)
_RANGE_SEP_RE = re.compile(rf"[^\S\n]*[-–—][^\S\n]*|{_WS}(?:to|or){_WS}", _I)
_AND_SEP_RE = re.compile(rf"{_WS}and{_WS}", _I)


@dataclass(slots=True)
class _Number:
    """A number with its qualifier: the span of the mention and its bounds."""

    start: int
    end: int
    low: int | None
    high: int | None
    qualifier: str
    cores: tuple[_Core, ...]


def _bounds(value: int, qualifier: str) -> tuple[int | None, int | None]:
    """Low and high for one figure and its qualifier (see the module's table)."""
    if qualifier in (EXACT, ABOUT):
        return value, value
    if qualifier in (AT_LEAST, VAGUE):
        return value, None
    if qualifier == MORE_THAN:
        return value + 1, None
    if qualifier == UP_TO:
        return None, value
    if qualifier == LESS_THAN:
        return None, max(value - 1, 0)
    raise ValueError(qualifier)


def _numbers(text: str, cores: list[_Core]) -> list[_Number]:
    """Join ranges ("20 to 30") and attach qualifiers to the cores."""
    numbers: list[_Number] = []
    i = 0
    while i < len(cores):
        core = cores[i]
        prefix = _PREFIX_RE.search(text, max(0, core.start - 40), core.start)
        word = prefix.lastgroup if prefix else None
        nxt = cores[i + 1] if i + 1 < len(cores) else None
        if nxt is not None and not core.vague and not nxt.vague and core.value < nxt.value:
            between = text[core.end : nxt.start]
            separator = _RANGE_SEP_RE.fullmatch(between)
            if prefix and word == BETWEEN and prefix.group().lower().startswith("from"):
                joined = bool(separator) and re.search(r"\bto\b", between, _I) is not None  # "from 20 to 30"
            elif word == BETWEEN:
                joined = bool(separator or _AND_SEP_RE.fullmatch(between))  # "between 20 and 30"
            else:
                joined = bool(separator)  # "20 to 30", "20-30", "two or three"
            if joined:
                start = prefix.start() if prefix else core.start
                numbers.append(_Number(start, nxt.end, core.value, nxt.value, BETWEEN, (core, nxt)))
                i += 2
                continue
        start, end = core.start, core.end
        qualifier = VAGUE if core.vague else EXACT
        if prefix and word and word != BETWEEN:
            qualifier, start = word, prefix.start()
        else:
            suffix = _SUFFIX_RE.match(text, end)
            if suffix:
                qualifier = ABOUT if suffix["so"] else AT_LEAST
                end = suffix.end()
        if core.vague and qualifier == ABOUT:
            qualifier, start = VAGUE, core.start
        low, high = _bounds(core.value, qualifier)
        numbers.append(_Number(start, end, low, high, qualifier, (core,)))
        i += 1
    return numbers


# ---------------------------------------------------------------- words around numbers

_PEOPLE = frozenset(
    _words(
        """people person persons civilian civilians soldier soldiers troops troop peacekeeper peacekeepers
    villager villagers resident residents inhabitant inhabitants woman women child children man men boy boys
    girl girls fighter fighters militant militants jihadist jihadists terrorist terrorists insurgent insurgents
    rebel rebels militiaman militiamen member members policeman policemen officer officers gendarme gendarmes
    herder herders herdsman herdsmen farmer farmers worker workers trader traders merchant merchants passenger
    passengers student students pupil pupils teacher teachers worshipper worshippers worshiper worshipers miner
    miners traveller travellers traveler travelers driver drivers guard guards diplomat diplomats tourist
    tourists journalist journalists victim victims individual individuals assailant assailants attacker attackers
    gunman gunmen combatant combatants recruit recruits settler settlers refugee refugees hostage hostages idp
    idps family families household households elder elders chief chiefs leader leaders official officials staff
    personnel employee employees contractor contractors mercenary mercenaries national nationals citizen
    citizens nomad nomads pastoralist pastoralists bandit bandits others servicemen serviceman forces relatives
    prisoners detainees protesters protestors demonstrators fishermen guide guides shepherd shepherds pilgrim
    pilgrims imam imams marabout marabouts cleric clerics councillor councillors mayor mayors commander commanders
    doctor doctors nurse nurses patient patients medic medics engineer engineers labourer labourers laborer
    laborers youth youths adult adults infant infants baby babies captive captives suspect suspects informant
    informants smuggler smugglers trafficker traffickers vendor vendors shopkeeper shopkeepers customer customers
    hunter hunters dozo dozos breeder breeders local locals foreigner foreigners expatriate expatriates migrant
    migrants returnee returnees evacuee evacuees volunteer volunteers auxiliary auxiliaries paramilitaries commando
    commandos sentry sentries cadet cadets reservist reservists veteran veterans mourner mourners guest guests
    spectator spectators peasant peasants lives life"""
    )
)
# Nouns that say the outcome themselves.
_NOUN_WHAT = {
    "refugee": DISPLACED,
    "refugees": DISPLACED,
    "idp": DISPLACED,
    "idps": DISPLACED,
    "hostage": KIDNAPPED,
    "hostages": KIDNAPPED,
}
# Words that may modify the counted noun and say the outcome ("displaced people").
_MODIFIER_WHAT = {
    "displaced": DISPLACED,
    "fleeing": DISPLACED,
    "wounded": WOUNDED,
    "injured": WOUNDED,
    "kidnapped": KIDNAPPED,
    "abducted": KIDNAPPED,
    "dead": KILLED,
}
_AUX = (
    r"were|was|are|is|be|been|being|have|has|had|will|would|may|might|could|got|get|reportedly|reported|"
    r"allegedly|also|all|later|subsequently|eventually|said|says|to|thought|believed|feared|confirmed|known|"
    r"estimated|presumed|among|the|who|that|which|already|now|since|then|officially|classified|registered|"
    r"recorded|counted|listed|as|internally|newly|brutally|summarily|either|both|left|remain|remained|more|"
    r"initially|apparently|likely|probably|ultimately|so\s+far"
)
_FUNCTION = frozenset(
    _words(
        """of in on at by from to and or but with were was are is have has had been be being who that which whom
    during since after before across near around among including as while when where for over inside outside
    within more other others additional further this these those there here so than into out until till
    per each all both only just also have then said says reportedly allegedly reported according yesterday today
    overnight last earlier later recently altogether respectively instantly immediately"""
    )
) | frozenset(word for word in _AUX.split("|") if word.isalpha())
_POST = {
    KILLED: r"killed|dead|died|deaths|fatalities|perished|massacred|executed|murdered|slain|slaughtered"
    r"|lost(?:\s+(?:their|his|her))?\s+li(?:ves|fe)|shot\s+dead|shot\s+and\s+killed",
    WOUNDED: r"wounded|injured|hurt",
    DISPLACED: r"displaced|fled|flee|fleeing|uprooted|forced\s+to\s+flee|sought\s+refuge|made\s+homeless"
    r"|(?:forced|driven|chased)\s+(?:from|out\s+of)\s+(?:their|his|her)\s+homes?"
    r"|left\s+(?:their|his|her)\s+homes?|refugees|idps",
    KIDNAPPED: r"kidnapped|abducted|(?:taken|held|seized)\s+(?:hostage|captive)|hostages?",
}
_PRE = {
    KILLED: r"kill(?:s|ed|ing)?|massacr(?:ed|ing)|massacres?|execut(?:ed|ing)|executions?|murder(?:s|ed|ing)?"
    r"|slaughter(?:s|ed|ing)?|killings?|deaths?(?=\s+of\b)|(?:death\s+)?toll",
    WOUNDED: r"wound(?:s|ed|ing)?|injur(?:e|es|ed|ing)",
    DISPLACED: r"displac(?:e|es|ed|ing)|displacement|uproot(?:s|ed|ing)?",
    KIDNAPPED: r"kidnap(?:s|ped|ping)?|abduct(?:s|ed|ing)?|abductions?",
}
_PRE_GAP = (
    r"of|at|to|the|all|another|a\s+total\s+of|an\s+additional|additional|a\s+further|further|rose|risen|has|had|"
    r"have|now|reached|stood|stands|climbed|is|was|be|been|reportedly|allegedly|up|some\s+of"
)
_POST_RE = re.compile(
    rf"[”’\"']?(?P<pp>{_WS}(?:of|from|in|at|near|on|across|around|inside|outside|among|within)"
    rf"(?:{_WS}(?:[^\W\d_]\.){{2,}}|{_WS}[^\W\d_][\w’'\-]*){{1,6}}?)?"
    r"(?:,[^,.;:!?()\n\d]{1,40},)?"  # an aside: "40 villagers, mostly women, fled"
    rf"(?P<aux>(?:{_WS}(?:{_AUX})){{0,6}}?){_WS}"
    rf"(?:{'|'.join(f'(?P<{what}>{words})' for what, words in _POST.items())})\b",
    _I,
)
_PRE_RE = re.compile(
    r"(?<![\w-])(?:"
    + "|".join(f"(?P<{what}>{words})" for what, words in _PRE.items())
    + rf")(?:[^\S\n]*:)?(?:{_WS}(?:{_PRE_GAP}))*{_WS}\Z",
    _I,
)
_ANY_TRIGGER = re.compile(
    r"(?:" + "|".join(list(_POST.values()) + list(_PRE.values())) + r")\Z",
    _I,
)
# Verbs that are active when an object follows ("40 gunmen killed 3 soldiers" counts the gunmen).
_ACTIVE = frozenset(
    _words("killed massacred executed murdered slaughtered wounded injured hurt displaced kidnapped abducted")
)
_OBJECT_RE = re.compile(
    rf"{_WS}(?:(?:a|an|their|its|his|her|our|some|several|many|dozens|scores|hundreds|thousands|at{_WS}least"
    rf"|more{_WS}than|over|about|around|nearly|up{_WS}to|{_BIG})\b|\d"
    rf"|the\b(?!{_WS}(?:day|night|week|month|year|weekend|morning|evening|previous|following|next|same|last)\b))",
    _I,
)
# The whole, not the part: "half of the 3,000 residents fled".
_PART_OF_RE = re.compile(
    rf"\b(?:half|most|many|some|all|none|majority|part|third|quarter|much|few|each|any|percent|%)"
    rf"{_WS}of{_WS}(?:the|its|their|his|her|our){_WS}\Z",
    _I,
)
_LIFE_VERB_RE = re.compile(rf"\b(?:claim(?:s|ed|ing)?|cost(?:s|ing)?|t(?:ook|aking|akes?))(?:{_WS}\w+)?{_WS}\Z", _I)
_LOSE_RE = re.compile(rf"\blos(?:e|es|t|ing)(?:{_WS}(?:{_PRE_GAP}))*{_WS}\Z", _I)  # "the army lost 24 soldiers"
_LIVES_LOST_RE = re.compile(rf"(?:{_WS}(?:{_AUX})){{0,4}}?{_WS}lost\b", _I)
_COMBINED_RE = re.compile(rf"{_WS}(?:and|or|and/or){_WS}(?P<other>\w+)", _I)
_COMBINED_BEFORE_RE = re.compile(rf"\b(?P<other>\w+){_WS}(?:and|or|and/or){_WS}\Z", _I)
_COORD_RE = re.compile(
    r"[^\S\n]*(?:,[^\S\n]*)?(?:(?:and|as\s+well\s+as|plus|along\s+with|together\s+with|including)\s+)?"
    r"(?:(?:another|an\s+additional|a\s+further|also)\s+)?",
    _I,
)

_TOKEN_RE = re.compile(r"(?:[^\W\d_]\.){2,}|[^\W\d_][\w’'\-]*")
# Month names as written in dates, capitalised ("12 may have died" is not a date).
_MONTHS = (
    r"Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?"
    r"|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?|JANUARY|FEBRUARY|MARCH|APRIL|MAY|JUNE|JULY|AUGUST|SEPTEMBER"
    r"|OCTOBER|NOVEMBER|DECEMBER"
)
_BEFORE_MONTH_RE = re.compile(rf"\b(?:{_MONTHS})\.?(?:{_WS}the)?{_WS}\Z")
_AFTER_MONTH_RE = re.compile(rf"(?:{_WS}of)?{_WS}(?:{_MONTHS})\b")
_ISO_DATE_RE = re.compile(r"(?<![\w-])\d{4}-\d{2}(?:-\d{2})?(?![\w-])")
_YEAR_BEFORE_RE = re.compile(
    rf"(?:\b(?:in|since|from|until|till|by|of|during|before|after|early|late|mid|between|and|or|to|the)|[,–—(])"
    rf"(?:{_WS})?\Z",
    _I,
)
_REFERENCE_RE = re.compile(
    r"\b(?:resolution|resolutions|article|articles|chapter|section|page|pages|p|pp|no|nos|number|decree|law|act"
    r"|phase|level|paragraph|annex|item|vol|volume|issue|version|fn|footnote|note|notes|table|figure|fig|route"
    rf"|road|km|aged?|ages|category|grade|zone|kilometer|kilometre|mile)\.?{_WS}\Z",
    _I,
)
_POSSESSIVE_RE = re.compile(rf"(?:\w['’]s|\b(?:its|their|his|her|our|your|whose|my)){_WS}\Z", _I)
_URL_RE = re.compile(r"(?:https?://|www\.)[^\s<>\"]+", _I)
_OF_RE = re.compile(
    rf"{_WS}(?:of|out{_WS}of)(?:{_WS}(?P<pronoun>them|whom|those|which|us|these)\b"
    rf"|{_WS}(?:the|its|their|his|her|these|those|our)\b)?",
    _I,
)
_MORE_RE = re.compile(rf"{_WS}(?:more|other|additional|further)\b(?!{_WS}than\b)", _I)


@dataclass(slots=True)
class _Reading:
    """What the words after a number say: the counted noun and where the phrase ends."""

    subject: str | None
    extent: int  # end of the number's noun phrase
    noun_what: str | None  # outcome said by the noun or a modifier ("refugees", "displaced people")
    rejected: bool  # the number counts something else ("3 villages")
    denominator: int | None  # start of the number in "30 of the 120 inhabitants"


def _reading(text: str, number: _Number, core_starts: dict[int, _Core]) -> _Reading:
    """Read the noun phrase after a number: its head noun, its end, and whether it counts people."""
    pos = number.end
    more = _MORE_RE.match(text, pos)
    if more:
        pos = more.end()
    denominator = None
    of = _OF_RE.match(text, pos)
    start_np = pos
    if of:
        if of["pronoun"]:
            return _Reading(None, of.end(), None, False, None)
        start_np = of.end()
        gap = _WS_RE.match(text[start_np : start_np + 40])
        core = core_starts.get(start_np + gap.end()) if gap else None
        if core is not None:
            denominator = core.start
            start_np = core.end
    subject, extent, modifier_what = _head(text, start_np, core_starts)
    if subject is None and of:
        subject, extent, modifier_what = _head(text, pos, core_starts)
        denominator = None
    if subject is not None:
        what = _NOUN_WHAT.get(subject.lower()) or modifier_what
        return _Reading(subject, extent, what, False, denominator)
    # No counted noun: a number followed by some other noun counts something else.
    rejected = text[pos : pos + 1] in ("%", "$", "€")
    gap = _WS_RE.match(text[pos : pos + 40])
    token = _TOKEN_RE.match(text, pos + gap.end()) if gap else None
    if token and token.start() not in core_starts:
        word = _word(token.group())
        if word[0] == token.group()[0] and word not in _FUNCTION and not _ANY_TRIGGER.match(word):
            rejected = True  # a lower-case word that is not a function word: "3 villages", "40 km"
    return _Reading(None, number.end, None, rejected, None)


def _word(token: str) -> str:
    """A token in lower case without a closing quote or full stop."""
    return token.lower().rstrip(".’'")


def _head(text: str, pos: int, core_starts: dict[int, _Core]) -> tuple[str | None, int, str | None]:
    """The counted noun within four words of ``pos``: (noun as written, its end, outcome of a modifier)."""
    modifier_what = None
    subject = None
    end = pos
    for _ in range(4):
        gap = _WS_RE.match(text, pos)
        if gap is None:
            break
        token = _TOKEN_RE.match(text, gap.end())
        if token is None:
            break
        if token.start() in core_starts:
            break  # another number: "two three policemen"
        word = _word(token.group())
        if word in _PEOPLE and not (subject and word in _NOUN_WHAT):  # "took 3 teachers hostage"
            subject, end = token.group(), token.end()
            pos = token.end()
            continue
        if subject is not None:
            break
        if word in _MODIFIER_WHAT:
            modifier_what = _MODIFIER_WHAT[word]
        elif word in _FUNCTION or _ANY_TRIGGER.match(word):
            break
        elif token.group()[0].islower() and word.endswith(("s", "ing")):
            break  # a noun or a verb, not a modifier: "3 attacks targeting civilians"
        pos = token.end()
    return subject, end, modifier_what if subject else None


def _skip_core(text: str, core: _Core, url_starts: list[int], url_ends: list[int]) -> bool:
    """True for a number that is never a count by its form: in a URL, a footnote marker, part of a word."""
    i = bisect.bisect_right(url_starts, core.start) - 1
    if i >= 0 and core.start < url_ends[i]:
        return True
    before = text[core.start - 1] if core.start else " "
    after = text[core.end] if core.end < len(text) else " "
    if after == "-" and core.end + 1 < len(text) and text[core.end + 1].isalpha():
        return not text.startswith("-plus", core.end)  # "12-year-old", "two-thirds", "5,000-member"
    if before == "-" and core.start >= 2 and text[core.start - 2].isalpha():
        return True  # "mid-2020", "G-5"
    if after in ":/" and core.end + 1 < len(text) and text[core.end + 1].isdigit():
        return True  # times, fractions
    if core.digits:
        if before in ".,;:!?)]}”’>" or before.isalpha():
            return True  # footnote marker glued to the text ("civilians.39")
        if before in "\"'" and core.start >= 2 and not text[core.start - 2].isspace():
            return True
        if before == "[" or after == "]":
            return True
        if after == "%":
            return True
    return False


def _not_a_count(text: str, number: _Number, reading: _Reading) -> bool:
    """True for years, dates, references, ages and possessed figures."""
    start = number.start
    window = max(0, start - 40)
    if _BEFORE_MONTH_RE.search(text, window, start) or _AFTER_MONTH_RE.match(text, number.end):
        return True
    if _REFERENCE_RE.search(text, window, start) or _POSSESSIVE_RE.search(text, window, start):
        return True
    if _PART_OF_RE.search(text, window, start):
        return True
    # a year, unless it is directly followed by the people counted ("2000 people fled")
    return any(
        _is_year(text, core) and (reading.subject is None or _YEAR_BEFORE_RE.search(text, window, start))
        for core in number.cores
    )


def _is_year(text: str, core: _Core) -> bool:
    """True for four digits without a separator between 1800 and 2099."""
    return len(core.digits) == 4 and text[core.start : core.end].isdigit() and 1800 <= core.value <= 2099


def _combined(text: str, end: int, what: str) -> bool:
    """True when the outcome word is joined to another ("killed or wounded"): no single outcome."""
    match = _COMBINED_RE.match(text, end)
    if not match:
        return False
    other = match["other"].lower()
    return any(w != what and re.fullmatch(words, other, _I) for w, words in _POST.items())


def _combined_before(text: str, start: int, what: str) -> bool:
    """True when another outcome word is joined before this one ("killed or wounded 40")."""
    match = _COMBINED_BEFORE_RE.search(text, max(0, start - 30), start)
    if not match:
        return False
    other = match["other"].lower()
    return any(w != what and re.fullmatch(words, other, _I) for w, words in (*_POST.items(), *_PRE.items()))


@dataclass(slots=True)
class _Candidate:
    """A number that may be a count, and the outcome found for it so far."""

    number: _Number
    reading: _Reading
    what: str | None
    source: str | None  # the rule that gave ``what``: pre | noun | post | back | forward


def find_counts(text: str, doc: str) -> list[Mention]:
    """Find the numbers of people killed, wounded, displaced and kidnapped in a text.

    Parameters
    ----------
    text : str
        The document's text as read.
    doc : str
        The document's name, copied into each mention.

    Returns
    -------
    list of Mention
        ``count`` mentions in order of position; each resolution holds ``what``,
        ``low``, ``high``, ``qualifier`` and ``subject`` (see the module's rules).

    Examples
    --------
    >>> [(m.text, m.get("what"), m.get("low"), m.get("high"), m.get("qualifier"), m.get("subject"))
    ...  for m in find_counts("Raiders killed at least 9 soldiers and wounded three.", "d")]
    [('at least 9', 'killed', 9, None, 'at_least', 'soldiers'), ('three', 'wounded', 3, 3, 'exact', None)]
    >>> m, = find_counts("Between 20 and 30 people were killed near a 4 km road in 2019.", "d")
    >>> m.text, m.start, m.end, m.get("low"), m.get("high"), m.get("qualifier")
    ('Between 20 and 30', 0, 17, 20, 30, 'between')
    >>> [m.text for m in find_counts("Thousands fled; a dozen were abducted.", "d")]
    ['Thousands', 'a dozen']
    """
    # URLs and ISO dates: the numbers inside are never counts
    url_starts: list[int] = []
    url_ends: list[int] = []
    for start, end in sorted(m.span() for pattern in (_URL_RE, _ISO_DATE_RE) for m in pattern.finditer(text)):
        if url_ends and start <= url_ends[-1]:
            url_ends[-1] = max(url_ends[-1], end)  # a date inside a URL
        else:
            url_starts.append(start)
            url_ends.append(end)
    cores = []
    for match in _CORE_RE.finditer(text):
        core = _core(match)
        if core is not None and not _skip_core(text, core, url_starts, url_ends):
            cores.append(core)
    core_starts = {core.start: core for core in cores}
    candidates: list[_Candidate] = []
    denominators: set[int] = set()
    for number in _numbers(text, cores):
        if number.cores[0].start in denominators:
            continue
        reading = _reading(text, number, core_starts)
        if reading.denominator is not None:
            denominators.add(reading.denominator)
        if reading.rejected or _not_a_count(text, number, reading):
            continue
        what, source = _own_what(text, number, reading)
        candidates.append(_Candidate(number, reading, what, source))
    _inherit(text, candidates)
    mentions = []
    for candidate in candidates:
        if candidate.what is None:
            continue
        number = candidate.number
        resolution = {
            WHAT: candidate.what,
            LOW: number.low,
            HIGH: number.high,
            QUALIFIER: number.qualifier,
            SUBJECT: candidate.reading.subject,
        }
        mentions.append(Mention(doc, number.start, number.end, text[number.start : number.end], COUNT, resolution))
    return mentions


def _own_what(text: str, number: _Number, reading: _Reading) -> tuple[str | None, str | None]:
    """The outcome that governs a number by itself, and which rule found it."""
    window = max(0, number.start - 80)
    subject = (reading.subject or "").lower()
    if subject in ("lives", "life"):
        if _LIFE_VERB_RE.search(text, window, number.start) or _LIVES_LOST_RE.match(text, reading.extent):
            return KILLED, "pre"
        return None, None
    pre = _PRE_RE.search(text, window, number.start)
    if pre and pre.lastgroup and not _combined_before(text, pre.start(), pre.lastgroup):
        return pre.lastgroup, "pre"
    if subject in _PEOPLE and _LOSE_RE.search(text, window, number.start):
        return KILLED, "pre"
    if reading.subject is None and text[number.start : number.end].lower() == "one":
        return None, None  # a pronoun: "one that killed ...", "one of them"
    post = _POST_RE.match(text, reading.extent)
    if post and (reading.subject or not post["pp"]):
        what = post.lastgroup
        verb = post[what].lower() if what else ""
        if verb in _ACTIVE and not post["aux"] and _active(text, post.end()):
            return None, None  # the number counts who did it: "40 gunmen killed 3 soldiers"
        if what and not _combined(text, post.end(), what):
            return what, "post"
    if reading.noun_what:
        return reading.noun_what, "noun"
    return None, None


def _active(text: str, end: int) -> bool:
    """True when an object follows a verb: a number, a determiner or people ("killed the guards")."""
    if _OBJECT_RE.match(text, end):
        return True
    gap = _WS_RE.match(text, end)
    token = _TOKEN_RE.match(text, gap.end()) if gap else None
    return token is not None and _word(token.group()) in _PEOPLE


def _inherit(text: str, candidates: list[_Candidate]) -> None:
    """Give listed numbers the outcome of their neighbour ("9 soldiers and 3 civilians were killed")."""

    def joined(left: _Candidate, right: _Candidate) -> bool:
        return bool(_COORD_RE.fullmatch(text, left.reading.extent, right.number.start))

    for i in range(len(candidates) - 2, -1, -1):
        here, right = candidates[i], candidates[i + 1]
        if here.what is None and right.source in ("post", "back") and joined(here, right):
            # before the verb, a comma alone joins only into an "and" list: "9 soldiers, 2 guards and 3 civilians"
            gap = text[here.reading.extent : right.number.start]
            if right.source == "back" or re.search(r"\band\b|\bas\s+well\s+as\b|\bplus\b", gap, _I):
                here.what, here.source = right.what, "back"
    for i in range(1, len(candidates)):
        left, here = candidates[i - 1], candidates[i]
        if here.what is None and left.source in ("pre", "noun", "forward") and joined(left, here):
            here.what, here.source = left.what, "forward"
