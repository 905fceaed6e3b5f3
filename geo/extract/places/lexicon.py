"""The words and patterns of the place finder (see the rules in :mod:`geo.extract.places`).

Word lists (locatives, kind words, titles, given names, words of organisations, demonyms,
directions, function words...) and the regular expressions of the cues that the rules
read. The admin words, the particles inside names ("Nioro du Sahel") and the words for
settlements are those of :mod:`geo.names` (``ADMIN_WORDS``, ``PARTICLES``,
``SETTLEMENT_WORDS``); the sets here that hold them are derived from those, and the kind
words from ``geo.schema.KIND_WORDS``.
"""

from __future__ import annotations

import re

from ... import schema
from ...names import ADMIN_WORDS, FRENCH_PARTICLES, SETTLEMENT_WORDS, STATED_ADMIN_WORDS, words_pattern
from ..text import URL


def _split(words: str) -> list[str]:
    return words.split()


MAX_NAME_WORDS = 5
WIDE_REGION = "ZZ"  # the country code of regions that span many countries (Sahel, West Africa)
CANDIDATES_SHOWN = 5
# Words before a name that say a place follows.
LOCATIVES = frozenset(
    _split(
        "in at near from to around towards toward outside into inside between via through across "
        "reached entered captured seized attacked took retook around"
    )
)
# Kind words: before ("the village of X") or after ("X village", "X region"). The
# gazetteer's own kind words (geo.schema.KIND_WORDS), their plurals, and a few more;
# the generic ones (area, zone, border) say a place is near but not which kind.
KIND_CUES: dict[str, str | None] = {
    **schema.KIND_WORDS,
    **{f"{word}s": kind for word, kind in schema.KIND_WORDS.items() if " " not in word and not word.endswith("s")},
    "locality": "village",
    "district": "region",
    "department": None,  # Niger's and Burkina Faso's départements: a cue, no area of the gazetteer
    "departement": None,
    "area": None,
    "zone": None,
    "border": None,
    "borders": None,
}
# Tiers whose names need evidence that they are places (rule 5): GeoNames and OpenStreetMap.
WEAK_TIERS = schema.FILE_TIERS  # names from GeoNames and OSM alone count for less
# Words before a name that say a place follows, in French prose (rule 5): "à Tamalat",
# "près de Ménaka", "au nord d'Anderamboukane", "la commune de X".
LOCATIVES_FR = frozenset(
    _split(
        "a au aux dans pres vers de du d entre sur depuis jusqu par autour environs localite commune cercle "
        "quitte rejoint regagne investi attaque occupe"
    )
)
# Text that is not prose for the lower-case rule (rule 5): URLs, e-mail addresses, paths
# and slugs ("/massacre-in-tamalat/", "massacre_in_tamalat.html", "massacre-in-tamalat").
NOT_PROSE = re.compile(
    URL.pattern + r"|[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+|\S*[/\\_]\S*|\S+\.(?:html?|php|aspx?)\b"
    r"|\b[a-z0-9]+(?:-[a-z0-9]+){2,}\b"
)
# Words that may stand next to a name already accepted in a document without making
# its run a longer name (rule 7): "The Toubani Massacre", "the Siege of Boni".
# Events named after their place: "the siege of X", "l'attaque de X", "la prise de X".
EVENT_NOUNS = frozenset(
    _split("massacre attack siege battle capture ambush attaque siege bataille prise embuscade tuerie")
)
# People of a place: "three Djibo residents".
RESIDENT_WORDS = frozenset(_split("residents resident inhabitants natives villagers"))
EVENT_WORDS = frozenset(
    _split(
        "the massacre massacres attack attacks siege ambush raid battle battles killings road axis market "
        "le la les l massacre attaque attaques siege embuscade bataille route axe marche"
    )
)
# A capitalised name that ends in, or holds, one of these words is an organisation or
# a medium, and so is everything in it (rule 4): "Movement for Oneness and Jihad in West
# Africa", "Radio France Internationale", "Islamic State Sahel Province".
ORG_HEADS = frozenset(
    _split(
        "movement movements front group groups council coalition alliance organisation organization union "
        "party committee coordination community mission institute university agency radio tv television news "
        "province brigade battalion katiba network channel press times post journal desk jeune "
        "mouvement mouvements groupe conseil comite coordination communaute parti agence television reseau "
        "chaine presse haut emirat emirate"
    )
)
EMIRATE = re.compile(
    r"\b(?:[ÉE]mirat|Emirate)(?:\s+islamique|\s+of\s+the)?\s+(?:du|des|de\s+l['’]|de|d['’]|of)\s*[A-ZÀ-Ý][\w'’\-]*"
)
_ORG_LINK = r"(?:for|of|and|in|the|on|de|du|des|pour|et|en|au|aux|la|le|l['’]|d['’]|&)"
_CAPITAL_WORD = r"[A-ZÀ-ÝŒ][\w'’\-]*"
ORG_RUN = re.compile(rf"{_CAPITAL_WORD}(?:\s+(?:{_ORG_LINK}\s*)*{_CAPITAL_WORD})*")
# A medium named by a place and a number: "France 24", "Africa 24".
MEDIA_NUMBER = re.compile(
    r"\s\d{1,3}(?=\s*(?:[,.;:)\]\"”»]|$)|\s+(?:and|et|or|ou|reported|rapporte|said|says|a|has|TV|News|Info)\b)"
)
# Stated containment (rule 6): the words between a name X and a larger place Y that
# say X is in Y: "X, in the Y region", "X (Y province)", "X in eastern Y", "X, a village
# of the Y cercle", "X, capital of the Y region", "X, dans la région de Y".
CONTAINED = re.compile(
    r"(?:,\s*|\s*\(\s*|\s+)"
    r"(?:(?:a|an|the|un|une|la|le)\s+)?"
    r"(?:(?:small\s+|petit\s+)?(?:village|town|city|commune|locality|localit[ée]|capital|chef-lieu|capitale|"
    r"hamlet|hameau)\s+)?"
    r"(?:(?:in|inside|within|of|dans|en|au|du|de\s+la|de\s+l['’]|de|des)\s+)"
    r"(?:(?:the|la|le|l['’])\s*)?"
    r"(?:(?:(?:far\s+|extreme\s+)?(?:north|south|east|west|centre|center)\w*(?:[\s\-](?:east|west)\w*)?|central"
    r"|nord|sud|est|ouest|centre)(?:\s+(?:of|de|du)(?:\s+(?:the|la|le))?)?\s+)?"
    rf"(?:{words_pattern(STATED_ADMIN_WORDS)}\s+"
    r"(?:of|de|du|d['’])\s*(?:the\s+)?)?",
    re.IGNORECASE,
)
NEAR = re.compile(
    r",?\s+(?:near|close\s+to|outside|not\s+far\s+from|près\s+de|pres\s+de|près\s+d['’]|non\s+loin\s+de|"
    r"à\s+proximité\s+de|aux\s+environs\s+de)\s*(?:(?:the|la|le)\s+)?(?:(?:town|village|city|ville)\s+"
    r"(?:of|de|d['’])\s*)?",
    re.IGNORECASE,
)
# Rule 8: a name the gazetteer lacks in this spelling is a place when the text says so
# plainly: a kind word of settlements before it ("le village de X", "la commune de X",
# "la localité d'X", "the village of X", "la zone de X"), a list of them ("les villages
# de A, B et C"), or a stated position against a place ("à X, dans la région de Y",
# "X (35 kilometers from Timbuktu)", "X, à 20 km au nord-est d'Ayorou").
UNLISTED_CUE = re.compile(
    r"\b(?:villages?|localit[ée]s?|communes?(?:\s+rurales?)?|hameaux?|hameau|campements?|quartiers?|secteurs?"
    r"|zones?|towns?|hamlets?|localit(?:y|ies)|settlements?|camps?|foires?|march[ée]s?|puits|forages?|wells?"
    r"|markets?)\s+(?:de\s+|d['’]|du\s+|of\s+|called\s+|named\s+)$",
    re.IGNORECASE,
)
BETWEEN_PLACED = re.compile(
    r"\b(?:between|entre)\s+(?:(?:le|la|les|the)\s+)?(?P<name>[A-ZÀ-ÝŒ][\w'’\-]*(?:\s+[A-ZÀ-ÝŒ][\w'’\-]*)*)"
    r"\s+(?:and|et)\s+$"
)
# After a name: "X, a rural town in the east", "X, une localité du cercle de Y".
DESCRIBED_AS_PLACE = re.compile(
    r",\s+(?:a|an|une?|le|la)\s+(?:(?:small|rural|remote|large|border|petite?|grande?)\s+)?"
    r"(?:town|village|city|locality|commune|hamlet|settlement|ville|localit[ée]|hameau|bourgade)\b",
    re.IGNORECASE,
)
ADMIN_AFTER = re.compile(rf"\s+{words_pattern(STATED_ADMIN_WORDS)}\b", re.IGNORECASE)
APPOSITION_END = re.compile(
    rf"\s*(?:[,.;:(]|$)|\s+{words_pattern(STATED_ADMIN_WORDS)}\b",
    re.IGNORECASE,
)
CAPITALISED_RUN = re.compile(r"[A-ZÀ-ÝŒ][\w'’\-]*(?:\s+[A-ZÀ-ÝŒ][\w'’\-]*)*")
DISTANCE = re.compile(
    r"\s*[,(]\s*(?:(?:à|a|at|about|some|environ|around|situ[ée]e?s?|located|localit[ée]|located)\s+)*"
    r"(?:\d+|[a-z]+)\s*(?:km|kilom[eè]tres?|kilometers?|kilometres?|miles)\s+(?:(?:au|à|a|l['’]|of|the|to)\s+)*"
    r"(?:(?:nord|sud|est|ouest|north|south|east|west)[\w\-]*\s+)?(?:from|of|de|d['’]|du)\s*(?:the\s+)?",
    re.IGNORECASE,
)
# Generic words around a curated phrase that are not part of the name (the span is the
# name alone): "la zone des trois frontières" -> "trois frontières", "the Sahara desert".
GENERIC_AROUND = re.compile(r"(?:(?:la |the )?zone (?:des |de la |du |of the )?)?(?P<name>.+?)(?: desert)?")
COMPASS_TAIL = re.compile(r"-(?:nord|sud|est|ouest|north|south|east|west)(?![\w\-])")
# Words before an unlisted name that make it a place (rule 8): "la Commune de X".
UNLISTED_HEADS = SETTLEMENT_WORDS | {"commune", "zone", "campement"}
# What follows a place at a line's start in a dateline (rule 5): "DAKAR, Senegal (AP) —",
# "Dakar, (APP - ...)", "Niamey (AFP) -", "Bamako, 10 mars 2022 (AFP) -".
DATELINE = re.compile(
    r"(?:,\s*(?:[A-Z][\w\-]+(?:\s+[A-Z][\w\-]+)?\s*)?(?:\(|[—–]|--)|\s*\((?:AFP|AP|APP|Reuters|Xinhua|APA|ANP)\)"
    r"|\s+(?:[—–]|--)\s+(?=[A-Z])"
    r"|,\s*\d{1,2}(?:er)?\s+\w+(?:\s+\d{4})?\s*\()"
)
PARENTHESIS = re.compile(r"\s*\(\s*(?:the\s+|la\s+|le\s+)?")  # "in Acharane (Timbuktu region)"
STATED = re.compile(r"[,(]|\b(?:in|dans|near|pr[eè]s|km|kilom)", re.IGNORECASE)
PREPOSITIONS = frozenset(_split("in at near outside a au aux dans pres vers entre sur d de du"))
UNLISTED = "unlisted"  # the tier of a name found by rule 8 (not in the gazetteer in this spelling)
UNLISTED_RADIUS_KM = 200.0  # a spelling variant must lie this near the document's focus
AREA_KINDS = {"region": "region", "cercle": "cercle", "circle": "cercle", "province": "province", "district": "region"}
# Admin words that are a hint next to a name, not part of it (rule 2): "Mopti Region",
# "Cercle de Bankass". The admin words of geo.names but the rarer ones, which the rules
# have never read as hints.
HINT_ADMIN_WORDS = ADMIN_WORDS - {"departement", "prefecture", "municipality", "arrondissement"}
# Words that head a name with a particle: "Commune de X", "le village de X".
HEAD_WORDS = HINT_ADMIN_WORDS | SETTLEMENT_WORDS
PERSON_PARTICLES = frozenset({"ag", "ould", "ben", "bin", "ibn", "abu", "abou", "hajj", "hadj", "sheikh", "cheikh"})
ABBREVIATED_TITLES = frozenset({"mr", "mrs", "ms", "dr", "gen", "col", "lt", "capt", "sgt", "prof"})
TITLES = frozenset(
    _split(
        "mr mrs ms dr general gen colonel col lieutenant captain president minister leader commander chief emir "
        "imam sheikh prince king queen sultan spokesman spokesperson sergeant major prime sir "
        "president presidente ministre general colonel capitaine commandant chef porte-parole sergent m mme"
    )
)
# Common given names of the public figures these texts name; a capitalised run that
# starts with one is a person ("Amadou Koufa", "Iyad Ag Ghaly").
GIVEN_NAMES = frozenset(
    _split(
        "amadou ahmadou iyad mokhtar moctar mohamed mohammed muhammad mohammad ahmed ahmad ali oumar omar moussa "
        "ibrahim ibrahima hamadoun adnan boubacar assimi emmanuel francois idriss mahamadou mahmoud abdelmalek "
        "abdoulaye abdou abdel abdul abdallah abdullah yahia yahya djamel bilal hamada sidi alghabass bilal "
        "seydou soumeylou modibo amadou dicko malam jafar oussa"
    )
)
ORGANISATION_WORDS = frozenset(
    _split(
        "initiative museum report memo university institute institution radio television tv movement front "
        "council committee coordination group brigade battalion katiba company bank ministry party union alliance "
        "organization organisation foundation center centre journal times post news press agency review mission "
        "operation force forces army command embassy school hospital conference declaration resolution treaty "
        "airlines airways house office court tribunal senate assembly gazette magazine network channel "
        "mouvement groupe conseil comite coordination ministere agence chaine reseau haut universite operation "
        "communaute holdings ltd inc sa sarl"
    )
)
# Adjectives of nationality: not places, and not the first word of one ("Malian Gourma").
DEMONYMS = frozenset(
    _split(
        "malian malians nigerien nigeriens burkinabe burkinabè algerian algerians mauritanian libyan chadian "
        "nigerian senegalese guinean ivorian moroccan tunisian egyptian sudanese french russian american british "
        "european african sahelian saharan western eastern northern southern central "
        "malien malienne maliens maliennes nigerienne nigeriennes burkinabes francais francaise francaises "
        "algerien algerienne algeriens mauritanien mauritanienne libyen tchadien tchadienne russe russes "
        "americain americaine europeen europeenne africain africaine sahelien sahelienne"
    )
)
# Direction words that, before a particle, name a part of a place, not a place (rule 1):
# "le Centre du Mali", "le Nord du Burkina Faso", "the North of Mali".
COMPASS_WORDS = frozenset(_split("central western eastern northern southern"))
DIRECTIONS = frozenset(_split("centre center nord sud est ouest north south east west"))
# Capitalised function words, at a sentence's start or in a title, are not name words
# (rule 1): "A Barsalogo resident", "Dans Gadabo", "Selon ...". ("In" starts names: "In
# Delimane"; "La", "Le", "El", "Al" too.)
FUNCTION_WORDS = frozenset(
    _split(
        "the a an this these those on from by for with after before during as when while but and or "
        "un une des les ce cet cette ces dans pour par sur vers selon depuis apres avant lors mais et ou au aux"
    )
)
NEVER = (
    frozenset(
        _split(
            "january february march april may june july august september october november december "
            "monday tuesday wednesday thursday friday saturday sunday "
            "tuareg touareg tuaregs arab arabs peul peuls fulani fula fulbe songhai songhay dogon bambara bozo "
            "dawsahak daoussahak imghad berber berbers moor moors hausa tamasheq french english arabic "
            "islam god allah prophet dieu "
            "jan feb mar apr jun jul aug sep sept oct nov dec "
            "janvier fevrier mars avril mai juin juillet aout septembre octobre novembre decembre "
            "lundi mardi mercredi jeudi vendredi samedi dimanche peuls touaregs arabes the un une"
        )
    )
    | FRENCH_PARTICLES
)  # an article alone is no name ("La région de l'Est")
# A list introduced by a plural kind word (rule 5): "trois villages (A, B et C)", "les
# villages de A, B et C", "the villages of A, B and C", "localités : A, B".
LIST_INTRO = re.compile(
    r"\b(?:villages|localit[ée]s|hameaux|communes|campements|towns|localities|hamlets|settlements)"
    r"(?:\s+(?:voisins|voisines|suivants|suivantes|de|des|d['’]|of)|\s*[(:—–])+\s*$",
    re.IGNORECASE,
)
LIST_END = re.compile(r"(?:,\s*|\s+(?:et|and|ou|or)\s+|,\s+(?:et|and|ou|or)\s+)$")
LIST_ITEM = re.compile(r"(?<![\w'’\-])[A-ZÀ-ÝŒ][\w'’\-]*(?:[ \-](?:[A-ZÀ-ÝŒ][\w'’\-]*|de|du|la|le|el)){0,3}$")

# What may follow a GeoNames name listed next to an accepted place (rule 5): a list's
# punctuation or conjunction, or an admin word ("Makalondi, Torodi department").
LIST_FOLLOWER = re.compile(
    r"\s*(?:[,.;:)\]”\"/\-]|$)|\s+(?:and|or|et|ou)\s"
    rf"|\s+{words_pattern(STATED_ADMIN_WORDS - {'region', 'circle'})}\b",
    re.IGNORECASE,
)
