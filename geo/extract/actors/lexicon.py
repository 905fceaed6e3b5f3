"""The words and patterns of the actor finder: the states and their forces, juntas and
governments (:data:`STATE_FORCES`, :data:`STATE_JUNTAS`, :data:`STATE_GOVERNMENTS`), the
generic actors, and the transliterations of Arabic group names.
"""

from __future__ import annotations

import re

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
    # Russia's forces in the Sahel since Wagner came (December 2021) are its men, as the
    # "Russian troops" of the press (see TRANSLITERATED); before, another state's forces.
    ("RU", "2021-12", "", "wagner"),
)
# Adjectives (English and French, folded) and names of the states, by country.
_STATE_WORDS = {
    "ML": "malian|malien|malienne|maliens|maliennes|mali",
    "NE": "nigerien|nigerienne|nigeriens|nigeriennes|niger",
    "BF": "burkinabe|burkinabes|burkinabee|burkinabees|burkinais|burkina faso|burkina",
    "TD": "chadian|tchadien|tchadienne|tchadiens|tchadiennes|chad|tchad",
    "FR": "french|francais|francaise|francaises|france",
    "DZ": "algerian|algerien|algerienne|algeriens|algeriennes|algeria|algerie",
    "NG": "nigerian|nigeriane|nigerians|nigeria",
    "US": "american|americain|americaine|americains|u.s.|us|united states|etats-unis",
}
# Adjectives (English and French, folded) and names of the states the actor list has no
# forces or government of, by code (ISO 3166 where there is one; "EU" for the European
# Union, whose forces are named like a state's). "Russian" is there, but Russia's forces
# in a Sahel story are Wagner's men (see ``STATE_FORCES``).
OTHER_STATE_WORDS: dict[str, str] = {
    "CI": "ivorian|ivoirien|ivoirienne|ivoiriens|ivoiriennes|ivory coast|cote d'ivoire",
    "TG": "togolese|togolais|togolaise|togolaises|togo",
    "SN": "senegalese|senegalais|senegalaise|senegalaises|senegal",
    "GN": "guinean|guineen|guineenne|guineens|guineennes",
    "BJ": "beninese|beninois|beninoise|beninoises|benin",
    "GH": "ghanaian|ghaneen|ghaneenne|ghaneens|ghaneennes|ghana",
    "MR": "mauritanian|mauritanien|mauritanienne|mauritaniens|mauritaniennes|mauritania|mauritanie",
    "LY": "libyan|libyen|libyenne|libyens|libyennes|libya|libye",
    "MA": "moroccan|marocain|marocaine|marocains|marocaines|morocco|maroc",
    "TN": "tunisian|tunisien|tunisienne|tunisiens|tunisiennes",
    "EG": "egyptian|egyptien|egyptienne|egyptiens|egyptiennes",
    "SD": "sudanese|soudanais|soudanaise|soudanaises",
    "CM": "cameroonian|camerounais|camerounaise|camerounaises|cameroon",
    "CF": "centrafricain|centrafricaine|centrafricains|centrafricaines",
    "GM": "gambian|gambien|gambienne|gambiens|gambiennes",
    "LR": "liberian|liberien|liberienne|liberiens|liberiennes",
    "SL": "sierra leonean",
    "RW": "rwandan|rwandais|rwandaise|rwandaises",
    "UG": "ugandan|ougandais|ougandaise|ougandaises",
    "KE": "kenyan|kenyane|kenyans|kenyanes",
    "ET": "ethiopian|ethiopien|ethiopienne|ethiopiens|ethiopiennes",
    "SO": "somali|somalien|somalienne|somaliens|somaliennes",
    "CD": "congolese|congolais|congolaise|congolaises",
    "RU": "russian|russe|russes|russia|russie",
    "UA": "ukrainian|ukrainien|ukrainienne|ukrainiens|ukrainiennes",
    "TR": "turkish|turc|turque|turcs|turques",
    "CN": "chinese|chinois|chinoise|chinoises",
    "GB": "british|britannique|britanniques",
    "DE": "german|allemand|allemande|allemands|allemandes",
    "IT": "italian|italien|italienne|italiens|italiennes",
    "ES": "spanish|espagnol|espagnole|espagnols|espagnoles",
    "BE": "belgian|belge|belges",
    "NL": "dutch|neerlandais|neerlandaise|neerlandaises",
    "SE": "swedish|suedois|suedoise|suedoises",
    "DK": "danish|danois|danoise|danoises",
    "NO": "norwegian|norvegien|norvegienne|norvegiens|norvegiennes",
    "EE": "estonian|estonien|estonienne|estoniens|estoniennes",
    "CA": "canadian|canadien|canadienne|canadiens|canadiennes",
    "IR": "iranian|iranien|iranienne|iraniens|iraniennes",
    "IQ": "iraqi|irakien|irakienne|irakiens|irakiennes",
    "SY": "syrian|syrien|syrienne|syriens|syriennes",
    "IL": "israeli|israelien|israelienne|israeliens|israeliennes",
    "AF": "afghan|afghane|afghans|afghanes",
    "PK": "pakistani|pakistanais|pakistanaise|pakistanaises",
    "IN": "indian|indien|indienne|indiens|indiennes",
    "BD": "bangladeshi",
    "EU": "european|europeen|europeenne|europeens|europeennes",
}
# All the states' words, by code: the forces, governments and juntas of the states the list
# lacks (OTHER_STATE_WORDS) are mentions without an id.
STATE_OF = {w: code for code, words in {**OTHER_STATE_WORDS, **_STATE_WORDS}.items() for w in words.split("|")}
_ACCENTS = {"e": "[eéèê]", "a": "[aàâ]", "c": "[cç]", "o": "[oô]", "'": "['’]"}


def _trie(words: list[list[str]]) -> str:
    """One regular expression for ``words`` (each a list of pieces), as a tree of their
    shared beginnings, longest first: a long alternation of words is slow to search."""
    children: dict[str, list[list[str]]] = {}
    ends = False
    for word in words:
        if word:
            children.setdefault(word[0], []).append(word[1:])
        else:
            ends = True
    if not children:
        return ""
    branches = [piece + _trie(rest) for piece, rest in children.items()]
    body = branches[0] if len(branches) == 1 and not ends else "(?:" + "|".join(branches) + ")"
    return body + ("?" if ends else "")


STATE_PATTERN = _trie([[_ACCENTS.get(c, r"\s+" if c == " " else re.escape(c)) for c in w] for w in sorted(STATE_OF)])
_FORCE_EN = (
    r"(?:defen[cs]e\s+and\s+security\s+|(?:armed|security|defen[cs]e|military|government|regular|special|ground|elite)\s+)?"
    r"(?:forces\s+(?:soldiers|troops|personnel)|forces|troops|soldiers|army|armies|military|gendarmes|gendarmerie"
    r"|servicemen|personnel|soldier|troop"
    r"|national\s+guard|national\s+guardsmen|battalion|contingent|reinforcements|air\s+force|navy)"
)
_FORCE_FR = (
    r"(?:forces\s+arm[ée]es|forces\s+de\s+d[ée]fense(?:\s+et\s+(?:de\s+)?s[ée]curit[ée])?|forces\s+de\s+s[ée]curit[ée]"
    r"|arm[ée]es?|soldats|soldat|militaires|troupes|gendarmes|gendarmerie|garde\s+nationale|gardes\s+nationaux"
    r"|[ée]tat-major|bataillon|contingent|renforts|forces)"
)
GENERIC_FORCES = re.compile(
    rf"(?<![\w\-])(?:(?P<en>{STATE_PATTERN})(?:['’]s)?\s+(?:government['’]s\s+)?{_FORCE_EN}"
    rf"|{_FORCE_FR}(?P<acronym>\s*\([A-Z]{{2,6}}\))?\s+(?:(?:du|de\s+la|de\s+l['’]|des|d['’])\s*)?(?P<fr>{STATE_PATTERN})"
    r"|(?:armed\s+forces|army|national\s+guard|security\s+forces|defen[cs]e\s+forces|troops|soldiers)\s+of\s+"
    rf"(?:the\s+)?(?P<of>{STATE_PATTERN}))"
    r"(?![\w\-])"
    r"(?!\s+(?:leaders?|government|junta|rulers?|regime|authorities))",
    re.IGNORECASE,
)
# What follows a name of a state's forces when the words together name another actor:
# "the Malian military government" (the junta, see JUNTA). As a modifier of anything else
# the name is still a mention of the forces ("a Malian army base", "the French military
# intervention", "Niger's army chief"), as the guidelines' settled cases have it.
NOT_THE_FORCES = re.compile(
    r"\s+(?:government|junta|rulers?|regime)\b",
    re.IGNORECASE,
)
FORCE_WORD = re.compile(r"(?:army|military|forces|troops)$", re.IGNORECASE)
# A state's military rulers: "Mali's military government", "the Malian military
# government", "Mali's ruling junta", "the Malian junta", "Mali's military rulers".
# (Niger's and Burkina Faso's military rulers have no actor of their own: their governments.)
STATE_JUNTAS: dict[str, str] = {"ML": "mali-junta", "NE": "niger-government", "BF": "burkina-government"}
# In French: "la junte nigérienne", "la junte militaire au pouvoir en Guinée"; and "the
# military-led government in Mali" (the span leaves out "in Mali"). A state the list has
# no junta or government of ("the Guinean junta") gives a mention without an id.
JUNTA = re.compile(
    rf"(?<![\w\-])(?:(?P<state>{STATE_PATTERN})(?:['’]s)?\s+"
    r"(?:(?:(?:ruling|transitional)\s+)?(?:military\s+)?junta"
    r"|(?:ruling\s+)?military(?:-led)?\s+(?:government|rulers|regime|authorities|leaders|leadership))"
    r"|junte(?:\s+militaire)?(?:\s+au\s+pouvoir)?\s+(?:(?:du|de\s+la|de\s+l['’]|des|d['’]|au|en|à)\s*)?"
    rf"(?P<fr>{STATE_PATTERN})"
    r"|(?P<led>(?:military|junta)\s*[\-–—]?\s*led\s+government)\s+in\s+"
    rf"(?P<in>{STATE_PATTERN}))(?![\w\-])",
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
# de transition malien"; and its authorities, as the settled guidelines ask: "the Malian
# authorities", "les autorités maliennes", "les autorités du Niger" (not "Mali's
# authorities": with a possessive the country is the place). Transitional authorities
# ("les autorités maliennes de transition") are the state's military rulers when the
# text is dated after August 2020 (see the finder). Not "l'État malien".
# A state's ministries speak for its government ("Niger's defence ministry", "the Nigerien
# Ministry of the Interior", "le ministère de la Défense du Niger").
_MINISTRY_EN = (
    r"(?:defen[cs]e|interior|foreign|security|armed\s+forces)\s+ministry"
    r"|ministry\s+of\s+(?:the\s+)?(?:defen[cs]e|interior|foreign\s+affairs|security|armed\s+forces)"
)
_MINISTRY_FR = (
    r"minist[èe]re\s+(?:de\s+la\s+d[ée]fense(?:\s+nationale)?|de\s+l['’]int[ée]rieur"
    r"|des\s+affaires\s+[ée]trang[èe]res|des\s+arm[ée]es|de\s+la\s+s[ée]curit[ée])"
)
GENERIC_GOVERNMENTS = re.compile(
    rf"(?<![\w\-])(?:(?P<en>{STATE_PATTERN})(?:['’]s)?\s+(?:(?:transitional|interim)\s+)?(?:government|{_MINISTRY_EN})"
    rf"|(?P<authorities>{STATE_PATTERN})\s+(?P<transition>(?:transitional|interim)\s+)?authorities"
    r"|(?:gouvernement|autorit[ée]s|pouvoir|"
    + _MINISTRY_FR
    + r")(?P<transition_fr>\s+(?:de\s+(?:la\s+)?transition|int[ée]rimaires?))?\s+"
    rf"(?:(?:du|de\s+la|de\s+l['’]|des|d['’])\s*)?(?P<fr>{STATE_PATTERN})"
    r"(?P<transition_after>\s+de\s+(?:la\s+)?transition)?)(?![\w\-])",
    re.IGNORECASE,
)
# Short names of listed bodies that the list lacks, matched in the case written, as
# bodies and in the names of their organs ("the AU Peace and Security Council", "l'UA",
# "the UNSC"): (pattern, actor id). A short name among words in capitals (a headline's
# "AU" in French) is not taken.
SHORT_NAMES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(rf"(?<![\w\-.]){pattern}(?![\w\-])"), actor_id)
    for pattern, actor_id in (("AU|UA", "african-union"), ("UNSC|CSNU", "united-nations"))
)
GENERIC_ACTORS = frozenset({"civilians", "protesters", "rioters", "unidentified"})
# Spellings of the Arabic names (matched on the folded text), by actor id.
_AL = r"(?:al|ul|el|ol|a|u)?[\s\-']*"
TRANSLITERATED: tuple[tuple[re.Pattern[str], str], ...] = tuple(
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
        # The 2012 junta's name in English, however translated: council or committee;
        # recovery, restoration or redressment; with or without the articles.
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
# Patterns the finder reads around a name: a state's name or adjective next to a force,
# dashes, acronyms inside or after a name, the Sahel province after a dash.
STATE_NAME_WORD = re.compile(
    r"\b(?:Malian|Mali|maliens?|maliennes?|Nigerien|Niger|nigériens?|nigériennes?|Burkinab[eè]|burkinab[eè]"
    r"|Burkina(?:\s+Faso)?)\b(?!\s+(?:River|Delta|river|fleuve))"
)
MILITARY_AS_ADJECTIVE = re.compile(
    r"\b(?:camps?|bases?|convois?|postes?|v[ée]hicules?|[ée]quipements?|sources?|positions?|avions?)\s+$", re.IGNORECASE
)
DESCRIPTOR_WORD = re.compile(r"(?:groupe|organisation|organization|group)\s+")
STATE_AFTER = re.compile(
    rf"\s*(?:\([A-Z]{{2,6}}\)\s*|\)\s*)?(?:(?:du|de\s+la|de\s+l['’]|des|d['’]|of)\s*)?(?:{STATE_PATTERN})(?![\w\-])",
    re.IGNORECASE,
)
FDS_EN = re.compile(
    r"(?<![\w\-])(?:Defen[cs]e\s+and\s+Security\s+Forces|[Ff]orces\s+de\s+[Dd][ée]fense\s+et\s+(?:de\s+)?[Ss][ée]curit[ée]"
    r"|FDS|[Gg]arde\s+[Nn]ationale|National\s+Guard)(?![\w\-])"
)
DASHES = frozenset("\u2012\u2013\u2014\u2015\u2212")
INNER_ACRONYM = re.compile(r"(?<=\w) \([a-z0-9][a-z0-9\-]{0,7}\)(?= \w)")
PLURAL_ACRONYM = re.compile(r"(?<![\w\-])([A-Z]{3,6})s(?![\w\-])")
# "Islamic State – Sahil Province", "l'état Islamique* — Sahel": the Sahel branch.
SAHEL_AFTER_A_DASH = re.compile(r"\*?\s*[–—\-]\s*(?:Sahel|Sahil)(?:\s+Province)?(?![\w\-])")

# Armed groups the actor list lacks, named plainly: a capitalised name ending in a word
# of armed groups, which an acronym in parentheses, a "for/of ..." tail or an armed head
# word makes an organisation's ("the March 23 Movement (M23)", "the Popular Movement for
# the Liberation of Azawad", "Abu Zeid's Tareq bin Zayed Brigade"; not "Population
# Movement" or "the Salvation Army"). Reported without an id, for the curator.
_GROUP_WORD = r"(?:[A-Z][\w'’\-]*|\d+)"
ARMED_HEADS = frozenset({"Brigade", "Battalion", "Mujahideen"})
UNLISTED_GROUP = re.compile(
    rf"(?<![\w\-]){_GROUP_WORD}(?:[ ]+(?:(?:bin|ibn|ag|al|el)[ ]+)?{_GROUP_WORD}){{0,7}}?"
    r"[ ]+(?P<head>Movement|Front|Brigade|Battalion|Militia|Army|Mujahideen)(?![\w\-])"
    r"(?P<tail>[ ]+(?:for|of)[ ]+(?:the[ ]+)?[A-Z][\w'’\-]*(?:[ ]+(?:(?:of|the|and|for|in)[ ]+)*[A-Z][\w'’\-]*){0,6})?"
    r"(?:[ ]*\((?P<acronym>[A-Z][A-Z0-9\-]{1,9})\))?"
)
# The same in French, where the head word comes first: a group's name and the acronym the
# text gives it ("le Mouvement national de l'Azawad (MNA)", "le Mouvement touareg du
# Nord-Mali (MTNM)"); without the acronym, no sign that the name is a group's.
UNLISTED_GROUP_FR = re.compile(
    r"(?<![\w\-])(?:Mouvement|Front|Coordination|Groupe|Brigade|Bataillon|Arm[ée]e|Milice)"
    r"(?:[ ]+(?:[a-zéèêàç\-]+|[A-Z][\w'’\-]*|\d+)){1,8}?[ ]+(?:d['’]|l['’]|de[ ]+l['’]|du[ ]+|des[ ]+|de[ ]+la[ ]+)?"
    r"[A-Z][\w’'\-]*[ ]*\((?P<acronym>[A-Z][A-Z0-9\-]{1,9})\)"
)
# A government the actor list lacks: "the Government of Nigeria", "the government of Chad".
UNLISTED_GOVERNMENT = re.compile(r"(?<![\w\-])[Gg]overnment\s+of\s+(?:the\s+)?[A-Z][\w'’\-]+(?:\s+[A-Z][\w'’\-]+)?")
