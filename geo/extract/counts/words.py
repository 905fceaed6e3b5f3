"""The words around a number that say what it counts, as one table of patterns: the
outcomes (killed, wounded, displaced, kidnapped) written before or after it, the nouns
of people, the small words between, and the contexts that make a number no count
(months, years, references, possessives, URLs)."""

from __future__ import annotations

import re

from .numbers import BIG, WS, word_list

_I = re.IGNORECASE

KILLED = "killed"
WOUNDED = "wounded"
DISPLACED = "displaced"
KIDNAPPED = "kidnapped"

# ---------------------------------------------------------------- words around numbers

PEOPLE = frozenset(
    word_list(
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
NOUN_WHAT = {
    "refugee": DISPLACED,
    "refugees": DISPLACED,
    "idp": DISPLACED,
    "idps": DISPLACED,
    "hostage": KIDNAPPED,
    "hostages": KIDNAPPED,
}
# Words that may modify the counted noun and say the outcome ("displaced people").
MODIFIER_WHAT = {
    "displaced": DISPLACED,
    "fleeing": DISPLACED,
    "wounded": WOUNDED,
    "injured": WOUNDED,
    "kidnapped": KIDNAPPED,
    "abducted": KIDNAPPED,
    "dead": KILLED,
}
AUX = (
    r"were|was|are|is|be|been|being|have|has|had|will|would|may|might|could|got|get|reportedly|reported|"
    r"allegedly|also|all|later|subsequently|eventually|said|says|to|thought|believed|feared|confirmed|known|"
    r"estimated|presumed|among|the|who|that|which|already|now|since|then|officially|classified|registered|"
    r"recorded|counted|listed|as|internally|newly|brutally|summarily|either|both|left|remain|remained|more|"
    r"initially|apparently|likely|probably|ultimately|so\s+far"
)
FUNCTION = frozenset(
    word_list(
        """of in on at by from to and or but with were was are is have has had been be being who that which whom
    during since after before across near around among including as while when where for over inside outside
    within more other others additional further this these those there here so than into out until till
    per each all both only just also have then said says reportedly allegedly reported according yesterday today
    overnight last earlier later recently altogether respectively instantly immediately"""
    )
) | frozenset(word for word in AUX.split("|") if word.isalpha())
POST = {
    KILLED: r"killed|dead|died|deaths|fatalities|perished|massacred|executed|murdered|slain|slaughtered"
    r"|lost(?:\s+(?:their|his|her))?\s+li(?:ves|fe)|shot\s+dead|shot\s+and\s+killed",
    WOUNDED: r"wounded|injured|hurt",
    DISPLACED: r"displaced|fled|flee|fleeing|uprooted|forced\s+to\s+flee|sought\s+refuge|made\s+homeless"
    r"|(?:forced|driven|chased)\s+(?:from|out\s+of)\s+(?:their|his|her)\s+homes?"
    r"|left\s+(?:their|his|her)\s+homes?|refugees|idps",
    KIDNAPPED: r"kidnapped|abducted|(?:taken|held|seized)\s+(?:hostage|captive)|hostages?",
}
PRE = {
    KILLED: r"kill(?:s|ed|ing)?|massacr(?:ed|ing)|massacres?|execut(?:ed|ing)|executions?|murder(?:s|ed|ing)?"
    r"|slaughter(?:s|ed|ing)?|killings?|deaths?(?=\s+of\b)|(?:death\s+)?toll",
    WOUNDED: r"wound(?:s|ed|ing)?|injur(?:e|es|ed|ing)",
    DISPLACED: r"displac(?:e|es|ed|ing)|displacement|uproot(?:s|ed|ing)?",
    KIDNAPPED: r"kidnap(?:s|ped|ping)?|abduct(?:s|ed|ing)?|abductions?",
}
PRE_GAP = (
    r"of|at|to|the|all|another|a\s+total\s+of|an\s+additional|additional|a\s+further|further|rose|risen|has|had|"
    r"have|now|reached|stood|stands|climbed|is|was|be|been|reportedly|allegedly|up|some\s+of"
)
POST_RE = re.compile(
    rf"[”’\"']?(?P<pp>{WS}(?:of|from|in|at|near|on|across|around|inside|outside|among|within)"
    rf"(?:{WS}(?:[^\W\d_]\.){{2,}}|{WS}[^\W\d_][\w’'\-]*){{1,6}}?)?"
    r"(?:,[^,.;:!?()\n\d]{1,40},)?"  # an aside: "40 villagers, mostly women, fled"
    rf"(?P<aux>(?:{WS}(?:{AUX})){{0,6}}?){WS}"
    rf"(?:{'|'.join(f'(?P<{what}>{words})' for what, words in POST.items())})\b",
    _I,
)
PRE_RE = re.compile(
    r"(?<![\w-])(?:"
    + "|".join(f"(?P<{what}>{words})" for what, words in PRE.items())
    + rf")(?:[^\S\n]*:)?(?:{WS}(?:{PRE_GAP}))*{WS}\Z",
    _I,
)
ANY_TRIGGER = re.compile(
    r"(?:" + "|".join(list(POST.values()) + list(PRE.values())) + r")\Z",
    _I,
)
# Verbs that are active when an object follows ("40 gunmen killed 3 soldiers" counts the gunmen).
ACTIVE = frozenset(
    word_list("killed massacred executed murdered slaughtered wounded injured hurt displaced kidnapped abducted")
)
OBJECT_RE = re.compile(
    rf"{WS}(?:(?:a|an|their|its|his|her|our|some|several|many|dozens|scores|hundreds|thousands|at{WS}least"
    rf"|more{WS}than|over|about|around|nearly|up{WS}to|{BIG})\b|\d"
    rf"|the\b(?!{WS}(?:day|night|week|month|year|weekend|morning|evening|previous|following|next|same|last)\b))",
    _I,
)
# The whole, not the part: "half of the 3,000 residents fled".
PART_OF_RE = re.compile(
    rf"\b(?:half|most|many|some|all|none|majority|part|third|quarter|much|few|each|any|percent|%)"
    rf"{WS}of{WS}(?:the|its|their|his|her|our){WS}\Z",
    _I,
)
LIFE_VERB_RE = re.compile(rf"\b(?:claim(?:s|ed|ing)?|cost(?:s|ing)?|t(?:ook|aking|akes?))(?:{WS}\w+)?{WS}\Z", _I)
LOSE_RE = re.compile(rf"\blos(?:e|es|t|ing)(?:{WS}(?:{PRE_GAP}))*{WS}\Z", _I)  # "the army lost 24 soldiers"
LIVES_LOST_RE = re.compile(rf"(?:{WS}(?:{AUX})){{0,4}}?{WS}lost\b", _I)
COMBINED_RE = re.compile(rf"{WS}(?:and|or|and/or){WS}(?P<other>\w+)", _I)
COMBINED_BEFORE_RE = re.compile(rf"\b(?P<other>\w+){WS}(?:and|or|and/or){WS}\Z", _I)
COORD_RE = re.compile(
    r"[^\S\n]*(?:,[^\S\n]*)?(?:(?:and|as\s+well\s+as|plus|along\s+with|together\s+with|including)\s+)?"
    r"(?:(?:another|an\s+additional|a\s+further|also)\s+)?",
    _I,
)

TOKEN_RE = re.compile(r"(?:[^\W\d_]\.){2,}|[^\W\d_][\w’'\-]*")
# Month names as written in dates, capitalised ("12 may have died" is not a date).
MONTHS = (
    r"Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?"
    r"|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?|JANUARY|FEBRUARY|MARCH|APRIL|MAY|JUNE|JULY|AUGUST|SEPTEMBER"
    r"|OCTOBER|NOVEMBER|DECEMBER"
)
BEFORE_MONTH_RE = re.compile(rf"\b(?:{MONTHS})\.?(?:{WS}the)?{WS}\Z")
AFTER_MONTH_RE = re.compile(rf"(?:{WS}of)?{WS}(?:{MONTHS})\b")
ISO_DATE_RE = re.compile(r"(?<![\w-])\d{4}-\d{2}(?:-\d{2})?(?![\w-])")
YEAR_BEFORE_RE = re.compile(
    rf"(?:\b(?:in|since|from|until|till|by|of|during|before|after|early|late|mid|between|and|or|to|the)|[,–—(])"
    rf"(?:{WS})?\Z",
    _I,
)
REFERENCE_RE = re.compile(
    r"\b(?:resolution|resolutions|article|articles|chapter|section|page|pages|p|pp|no|nos|number|decree|law|act"
    r"|phase|level|paragraph|annex|item|vol|volume|issue|version|fn|footnote|note|notes|table|figure|fig|route"
    rf"|road|km|aged?|ages|category|grade|zone|kilometer|kilometre|mile)\.?{WS}\Z",
    _I,
)
POSSESSIVE_RE = re.compile(rf"(?:\w['’]s|\b(?:its|their|his|her|our|your|whose|my)){WS}\Z", _I)
URL_RE = re.compile(r"(?:https?://|www\.)[^\s<>\"]+", _I)
OF_RE = re.compile(
    rf"{WS}(?:of|out{WS}of)(?:{WS}(?P<pronoun>them|whom|those|which|us|these)\b"
    rf"|{WS}(?:the|its|their|his|her|these|those|our)\b)?",
    _I,
)
MORE_RE = re.compile(rf"{WS}(?:more|other|additional|further)\b(?!{WS}than\b)", _I)
