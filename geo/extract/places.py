"""Place mentions: names of the gazetteer found in a text, and the place each one means.

Finding a name is easy; not firing on the wrong words is the work. The rules, in order:

1. **Name-like words.** Only capitalised words are considered ("Ménaka", "Tin-Essako",
   "In Chinnana"), joined into runs by spaces or the particles of place names ("Nioro
   du Sahel"). A possessive "'s" is left out of the span ("Mali's" -> "Mali"), and so
   is a French elision ("d'Anderamboukane" -> "Anderamboukane"). Spans inside actor
   names ("Islamic State in the Greater Sahara") and URLs are skipped. A capitalised
   function word at a sentence's start is not a name word ("A Barsalogo resident",
   "Dans Gadabo", "Selon ..."; "In", "La", "Le" start names and stay). A direction
   before a particle is not part of a name, nor an organisation's word ("le Centre du
   Mali" -> "Mali"; "Centre-Nord" is no organisation either).
2. **Longest name first.** Within a run, the longest sequence of words that is a name
   or variant of a record wins ("Ménaka Airport" before "Ménaka"). An admin word is a
   hint, not part of the name, after it ("Mopti Region") or before it with a particle
   ("Cercle de Bankass", "Région de Mopti" -> "Bankass", "Mopti"); so is an adjective
   of nationality after a recorded name ("Sahel burkinabè" -> "Sahel").
3. **Not people.** A run that holds a name particle of people ("Ag", "Ould", "Ben",
   "Abu", "El Hajj"), follows a title ("General", "President", "leader"), or starts
   with a common given name ("Amadou Koufa") is a person: nothing in it is a place.
4. **Not organisations.** A run that holds a word of organisations ("Agreement",
   "University", "Movement", "Radio"), or follows one ("University of Bamako"), is an
   organisation: nothing in it is a place.
5. **Not common words.** Month and weekday names, and words for peoples and
   languages ("Tuareg", "Peul", "Arab"), are never places. A name known only from
   GeoNames (the reference tier) must also show that it is a place: a locative word
   before it ("in", "at", "near", "village of"...; in French also "quitté", "rejoint",
   "regagné", "investi", "attaqué", "occupé"), a kind word after it ("Toubani
   village"), a place next to it in a list ("Tamalat, Inchinane and Agrali"), or a
   list that a plural kind word opens ("trois villages (A, B et C)", "les villages de
   A, B et C", "the villages of A, B and C", "les localités suivantes : A, B"); and it
   must not be written in lower case elsewhere in the document ("Let", "Islam"), nor
   be one word of a longer capitalised run that is not a place ("Amadou Koufa").
   Curated places and areas need none of this: they are the places these texts name.
6. **Resolution.** Each span is geocoded with :meth:`geo.gazetteer.Gazetteer.lookup`,
   with a kind word next to it as a hint ("the Ménaka region" is the region, "the
   village of Toubani" a village) and the document's focus as ``near`` (the median of
   the curated places it names), so that a name shared by far-apart villages resolves
   to the one in the story. One name means one place throughout a document unless a
   kind word says otherwise.
7. **Chains.** A hyphenated run that is not one name is cut into its parts when each
   part is a name ("Tamalat-Inchinane-Agrali", "Mali-Burkina Faso"); a run of two parts
   is cut only when both are curated places or areas, since two village names known
   only from GeoNames or OpenStreetMap joined by a hyphen are one unknown name
   ("Danga-Zouani", "Zibane-Koira").
8. **Names the gazetteer lacks in the text's spelling.** A capitalised run that no
   name of the gazetteer matches (one to three words, and a lower-case part joined by
   a hyphen: "Emi-semis") is a place when the text says so plainly: a kind word of
   settlements, markets or wells before it ("le village de X", "la Commune de X", "la
   localité d'X", "la foire d'X", "le puits d'X", "the village of X", "la zone de
   X"), a list that a plural kind word opens, "entre X et <place>", or a locative
   before it and a stated position after it that ties it to a place ("à X, dans la
   région de Y", "in X (Timbuktu region)", "in X (35 kilometers from Timbuktu)", "X,
   à 20 km d'Ayorou"). It must not be an acronym, a people's or nationality word,
   written in lower case elsewhere (any of its words: "Armed Raid" in a headline), nor
   stand at a sentence's or line's start. It resolves to a GeoNames/OpenStreetMap
   place of a close spelling ("Pansandougou" -> Pansadougou) only when that place is
   in the document's country and within 200 km of its focus; else it is reported with
   ``status: "not_found"`` and no id. Its other mentions follow. A compass compound
   ("Centre-Nord", "le Centre-nord") is looked up as a region ("Centre-Nord region")
   and kept only when the gazetteer has it. Generic words around a curated phrase
   stay out of the span ("la zone des trois frontières" -> "trois frontières", "the
   Sahara desert" -> "Sahara"), and a nationality word starts a name only when the
   whole is a country ("Western Sahara").
"""

from __future__ import annotations

import bisect
import math
import re
import statistics
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from itertools import pairwise

from .. import schema
from ..gazetteer import Gazetteer, Resolution
from ..matching import AMBIGUOUS, NOT_FOUND, OK
from ..names import normalize, strip_accents
from ..place import Place
from .mention import CANDIDATES, LAT, LON, NAME, PLACE, PLACE_ID, PLACE_KIND, SCORE, STATUS, UNCERTAINTY_KM, Mention
from .text import fold, sentence_spans

__all__ = ["CONTAINED", "NEAR", "PlaceFinder"]


def _split(words: str) -> list[str]:
    return words.split()


MAX_NAME_WORDS = 5
WIDE_REGION = "ZZ"  # the country code of regions that span many countries (Sahel, West Africa)
CANDIDATES_SHOWN = 5

# Lower-case words that may sit inside a place name: "Nioro du Sahel", "Ké-Macina".
_PARTICLES = frozenset({"du", "de", "des", "la", "le", "el", "en", "al"})
# Words before a name that say a place follows.
_LOCATIVES = frozenset(
    _split(
        "in at near from to around towards toward outside into inside between via through across "
        "reached entered captured seized attacked took retook around"
    )
)
# Kind words: before ("the village of X", "the town of X") or after ("X village", "X region").
# Kind words: before ("the village of X") or after ("X village", "X region"). The
# gazetteer's own kind words (geo.schema.KIND_WORDS), their plurals, and a few more;
# the generic ones (area, zone, border) say a place is near but not which kind.
_KIND_WORDS: dict[str, str | None] = {
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
_WEAK_TIERS = schema.FILE_TIERS  # names from GeoNames and OSM alone count for less
# Words before a name that say a place follows, in French prose (rule 5): "à Tamalat",
# "près de Ménaka", "au nord d'Anderamboukane", "la commune de X".
_LOCATIVES_FR = frozenset(
    _split(
        "a au aux dans pres vers de du d entre sur depuis jusqu par autour environs localite commune cercle "
        "quitte rejoint regagne investi attaque occupe"
    )
)
# Text that is not prose for the lower-case rule (rule 5): URLs, e-mail addresses, paths
# and slugs ("/massacre-in-tamalat/", "massacre_in_tamalat.html", "massacre-in-tamalat").
_NOT_PROSE = re.compile(
    r"https?://\S+|www\.\S+|[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+|\S*[/\\_]\S*|\S+\.(?:html?|php|aspx?)\b"
    r"|\b[a-z0-9]+(?:-[a-z0-9]+){2,}\b"
)
# Words that may stand next to a name already accepted in a document without making
# its run a longer name (rule 7): "The Toubani Massacre", "the Siege of Boni".
# Events named after their place: "the siege of X", "l'attaque de X", "la prise de X".
_EVENT_NOUNS = frozenset(
    _split("massacre attack siege battle capture ambush attaque siege bataille prise embuscade tuerie")
)
# People of a place: "three Djibo residents".
_RESIDENT_WORDS = frozenset(_split("residents resident inhabitants natives villagers"))
_EVENT_WORDS = frozenset(
    _split(
        "the massacre massacres attack attacks siege ambush raid battle battles killings road axis market "
        "le la les l massacre attaque attaques siege embuscade bataille route axe marche"
    )
)
# A capitalised name that ends in, or holds, one of these words is an organisation or
# a medium, and so is everything in it (rule 4): "Movement for Oneness and Jihad in West
# Africa", "Radio France Internationale", "Islamic State Sahel Province".
_ORG_HEADS = frozenset(
    _split(
        "movement movements front group groups council coalition alliance organisation organization union "
        "party committee coordination community mission institute university agency radio tv television news "
        "province brigade battalion katiba network channel press times post journal desk jeune "
        "mouvement mouvements groupe conseil comite coordination communaute parti agence television reseau "
        "chaine presse haut"
    )
)
_ORG_LINK = r"(?:for|of|and|in|the|on|de|du|des|pour|et|en|au|aux|la|le|l['’]|d['’]|&)"
_CAPITAL_WORD = r"[A-ZÀ-ÝŒ][\w'’\-]*"
_ORG_RUN = re.compile(rf"{_CAPITAL_WORD}(?:\s+(?:{_ORG_LINK}\s*)*{_CAPITAL_WORD})*")
# A medium named by a place and a number: "France 24", "Africa 24".
_MEDIA_NUMBER = re.compile(
    r"\s\d{1,3}(?=\s*(?:[,.;:)\]\"”»]|$)|\s+(?:and|et|or|ou|reported|rapporte|said|says|a|has|TV|News|Info)\b)"
)
# Stated containment (rule 6): the words between a name X and a larger place Y that
# say X is in Y: "X, in the Y region", "X (Y province)", "X in eastern Y", "X, a village
# of the Y cercle", "X, capital of the Y region", "X, dans la région de Y".
_CONTAINED = re.compile(
    r"(?:,\s*|\s*\(\s*|\s+)"
    r"(?:(?:a|an|the|un|une|la|le)\s+)?"
    r"(?:(?:small\s+|petit\s+)?(?:village|town|city|commune|locality|localit[ée]|capital|chef-lieu|capitale|"
    r"hamlet|hameau)\s+)?"
    r"(?:(?:in|inside|within|of|dans|en|au|du|de\s+la|de\s+l['’]|de|des)\s+)"
    r"(?:(?:the|la|le|l['’])\s*)?"
    r"(?:(?:(?:far\s+|extreme\s+)?(?:north|south|east|west|centre|center)\w*(?:[\s\-](?:east|west)\w*)?|central"
    r"|nord|sud|est|ouest|centre)(?:\s+(?:of|de|du)(?:\s+(?:the|la|le))?)?\s+)?"
    r"(?:(?:region|province|cercle|circle|department|d[ée]partement|commune|district|r[ée]gion)\s+"
    r"(?:of|de|du|d['’])\s*(?:the\s+)?)?",
    re.IGNORECASE,
)
_NEAR = re.compile(
    r",?\s+(?:near|close\s+to|outside|not\s+far\s+from|près\s+de|pres\s+de|près\s+d['’]|non\s+loin\s+de|"
    r"à\s+proximité\s+de|aux\s+environs\s+de)\s*(?:(?:the|la|le)\s+)?(?:(?:town|village|city|ville)\s+"
    r"(?:of|de|d['’])\s*)?",
    re.IGNORECASE,
)
CONTAINED, NEAR = _CONTAINED, _NEAR  # the phrases of stated containment, for the candidates
# Rule 8: a name the gazetteer lacks in this spelling is a place when the text says so
# plainly: a kind word of settlements before it ("le village de X", "la commune de X",
# "la localité d'X", "the village of X", "la zone de X"), a list of them ("les villages
# de A, B et C"), or a stated position against a place ("à X, dans la région de Y",
# "X (35 kilometers from Timbuktu)", "X, à 20 km au nord-est d'Ayorou").
_UNLISTED_CUE = re.compile(
    r"\b(?:villages?|localit[ée]s?|communes?(?:\s+rurales?)?|hameaux?|hameau|campements?|quartiers?|secteurs?"
    r"|zones?|towns?|hamlets?|localit(?:y|ies)|settlements?|camps?|foires?|march[ée]s?|puits|forages?|wells?"
    r"|markets?)\s+(?:de\s+|d['’]|du\s+|of\s+|called\s+|named\s+)$",
    re.IGNORECASE,
)
_BETWEEN_PLACED = re.compile(
    r"\b(?:between|entre)\s+(?:(?:le|la|les|the)\s+)?(?P<name>[A-ZÀ-ÝŒ][\w'’\-]*(?:\s+[A-ZÀ-ÝŒ][\w'’\-]*)*)"
    r"\s+(?:and|et)\s+$"
)
# After a name: "X, a rural town in the east", "X, une localité du cercle de Y".
_DESCRIBED_AS_PLACE = re.compile(
    r",\s+(?:a|an|une?|le|la)\s+(?:(?:small|rural|remote|large|border|petite?|grande?)\s+)?"
    r"(?:town|village|city|locality|commune|hamlet|settlement|ville|localit[ée]|hameau|bourgade)\b",
    re.IGNORECASE,
)
_ADMIN_AFTER = re.compile(r"\s+(?:department|province|region|commune|cercle|district)\b", re.IGNORECASE)
_APPOSITION_END = re.compile(
    r"\s*(?:[,.;:(]|$)|\s+(?:department|d[ée]partement|region|r[ée]gion|province|cercle|commune|district)\b",
    re.IGNORECASE,
)
_CAPITALISED_RUN = re.compile(r"[A-ZÀ-ÝŒ][\w'’\-]*(?:\s+[A-ZÀ-ÝŒ][\w'’\-]*)*")
_DISTANCE = re.compile(
    r"\s*[,(]\s*(?:(?:à|a|at|about|some|environ|around|situ[ée]e?s?|located|localit[ée]|located)\s+)*"
    r"(?:\d+|[a-z]+)\s*(?:km|kilom[eè]tres?|kilometers?|kilometres?|miles)\s+(?:(?:au|à|a|l['’]|of|the|to)\s+)*"
    r"(?:(?:nord|sud|est|ouest|north|south|east|west)[\w\-]*\s+)?(?:from|of|de|d['’]|du)\s*(?:the\s+)?",
    re.IGNORECASE,
)
# Generic words around a curated phrase that are not part of the name (the span is the
# name alone): "la zone des trois frontières" -> "trois frontières", "the Sahara desert".
_GENERIC_AROUND = re.compile(r"(?:(?:la |the )?zone (?:des |de la |du |of the )?)?(?P<name>.+?)(?: desert)?")
_COMPASS_TAIL = re.compile(r"-(?:nord|sud|est|ouest|north|south|east|west)(?![\w\-])")
_UNLISTED_HEADS = frozenset(_split("commune village localite hameau quartier secteur zone campement"))
# What follows a place at a line's start in a dateline (rule 5): "DAKAR, Senegal (AP) —",
# "Dakar, (APP - ...)", "Niamey (AFP) -", "Bamako, 10 mars 2022 (AFP) -".
_DATELINE = re.compile(
    r"(?:,\s*(?:[A-Z][\w\-]+(?:\s+[A-Z][\w\-]+)?\s*)?(?:\(|[—–]|--)|\s*\((?:AFP|AP|APP|Reuters|Xinhua|APA|ANP)\)"
    r"|\s+(?:[—–]|--)\s+(?=[A-Z])"
    r"|,\s*\d{1,2}(?:er)?\s+\w+(?:\s+\d{4})?\s*\()"
)
_PARENTHESIS = re.compile(r"\s*\(\s*(?:the\s+|la\s+|le\s+)?")  # "in Acharane (Timbuktu region)"
_STATED = re.compile(r"[,(]|\b(?:in|dans|near|pr[eè]s|km|kilom)", re.IGNORECASE)
_PREPOSITIONS = frozenset(_split("in at near outside a au aux dans pres vers entre sur d de du"))
UNLISTED = "unlisted"  # the tier of a name found by rule 8 (not in the gazetteer in this spelling)
_UNLISTED_RADIUS_KM = 200.0  # a spelling variant must lie this near the document's focus

_AREA_KINDS = {"region": "region", "cercle": "cercle", "circle": "cercle", "province": "province", "district": "region"}
_ADMIN_WORDS = frozenset({"region", "regions", "cercle", "circle", "province", "district", "department", "commune"})
_HEAD_WORDS = _ADMIN_WORDS | frozenset(_split("village localite hameau quartier secteur"))
_PERSON_PARTICLES = frozenset({"ag", "ould", "ben", "bin", "ibn", "abu", "abou", "hajj", "hadj", "sheikh", "cheikh"})
_ABBREVIATED_TITLES = frozenset({"mr", "mrs", "ms", "dr", "gen", "col", "lt", "capt", "sgt", "prof"})
_TITLES = frozenset(
    _split(
        "mr mrs ms dr general gen colonel col lieutenant captain president minister leader commander chief emir "
        "imam sheikh prince king queen sultan spokesman spokesperson sergeant major prime sir "
        "president presidente ministre general colonel capitaine commandant chef porte-parole sergent m mme"
    )
)
# Common given names of the public figures these texts name; a capitalised run that
# starts with one is a person ("Amadou Koufa", "Iyad Ag Ghaly").
_GIVEN_NAMES = frozenset(
    _split(
        "amadou ahmadou iyad mokhtar moctar mohamed mohammed muhammad mohammad ahmed ahmad ali oumar omar moussa "
        "ibrahim ibrahima hamadoun adnan boubacar assimi emmanuel francois idriss mahamadou mahmoud abdelmalek "
        "abdoulaye abdou abdel abdul abdallah abdullah yahia yahya djamel bilal hamada sidi alghabass bilal "
        "seydou soumeylou modibo amadou dicko malam jafar oussa"
    )
)
_ORGANISATION_WORDS = frozenset(
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
_DEMONYMS = frozenset(
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
_COMPASS_WORDS = frozenset(_split("central western eastern northern southern"))
_DIRECTIONS = frozenset(_split("centre center nord sud est ouest north south east west"))
# Capitalised function words, at a sentence's start or in a title, are not name words
# (rule 1): "A Barsalogo resident", "Dans Gadabo", "Selon ...". ("In" starts names: "In
# Delimane"; "La", "Le", "El", "Al" too.)
_FUNCTION_WORDS = frozenset(
    _split(
        "the a an this these those on from by for with after before during as when while but and or "
        "un une des les ce cet cette ces dans pour par sur vers selon depuis apres avant lors mais et ou au aux"
    )
)
_NEVER = frozenset(
    _split(
        "january february march april may june july august september october november december "
        "monday tuesday wednesday thursday friday saturday sunday "
        "tuareg touareg tuaregs arab arabs peul peuls fulani fula fulbe songhai songhay dogon bambara bozo "
        "dawsahak daoussahak imghad berber berbers moor moors hausa tamasheq french english arabic "
        "islam god allah prophet dieu "
        "jan feb mar apr jun jul aug sep sept oct nov dec "
        "janvier fevrier mars avril mai juin juillet aout septembre octobre novembre decembre "
        "lundi mardi mercredi jeudi vendredi samedi dimanche peuls touaregs arabes"
    )
)


@dataclass(slots=True)
class _Word:
    start: int
    end: int  # without a possessive 's
    capital: bool
    folded: str


@dataclass(slots=True)
class _Span:
    start: int
    end: int
    text: str
    tiers: frozenset[str]
    query: str
    kind_hint: str | None = None
    owner: str | None = None  # "Burkina Faso" in "Burkina Faso's Sahel"


# A place's (lat, lon); a name found in a run: (span, index in the run, words, the run).
_Point = tuple[float, float]
_Found = tuple[_Span, int, int, list[_Word]]


class PlaceFinder:
    """Find the places of a :class:`~geo.gazetteer.Gazetteer` named in texts.

    Examples
    --------
    >>> finder = PlaceFinder(Gazetteer.load())
    >>> text = "Fighters of EIGS attacked Tamalat, then the Ménaka region; Amadou Koufa spoke."
    >>> [(m.text, m.get("place")) for m in finder.find(text, "d", skip=[(12, 16)])]
    [('Tamalat', 'ml-tamalat'), ('Ménaka', 'ml-region-menaka')]
    """

    def __init__(self, gazetteer: Gazetteer) -> None:
        self._gazetteer = gazetteer
        self._tiers: dict[str, frozenset[str]] = {}
        self._phrases, self._phrase_pattern = _phrases(gazetteer)
        self._countries = {fold(p.name) for p in gazetteer.places(tier="curated") if p.kind == "country"}
        self._world: dict[str, bool] = {}

    def _is_country_or_capital(self, phrase: str) -> bool:
        """Whether a GeoNames name is plainly a country or a national capital (rule 5:
        "Denmark", "Khartoum" need no other cue, unlike a village known only from GeoNames;
        but, like any GeoNames name, not at a sentence's start, in a longer capitalised
        run or where the text writes it in lower case: "Male and female victims")."""
        known = self._world.get(phrase)
        if known is None:
            match = self._gazetteer.lookup(phrase)
            known = self._world[phrase] = (
                match.ok and match.place is not None and match.place.kind in ("country", "capital")
            )
        return known

    def _name_tiers(self, phrase: str) -> frozenset[str]:
        tiers = self._tiers.get(phrase)
        if tiers is None:
            tiers = self._tiers[phrase] = self._gazetteer.name_tiers(phrase)
        return tiers

    def find(
        self,
        text: str,
        doc: str,
        *,
        skip: Sequence[tuple[int, int]] = (),
        day: date | None = None,
        lang: str = "en",
    ) -> list[Mention]:
        """Every place mention in ``text``, in order, outside the ``skip`` spans.

        ``day`` is the document's date: it chooses between the outlines of an area
        whose boundaries changed ("the Gao region" before or after 2016). ``lang``
        (``en`` or ``fr``) adds the French locatives of rule 5.
        """
        spans = self.spans(text, skip=skip, lang=lang)
        return self.resolve(text, doc, spans, day=day)

    # --- finding ----------------------------------------------------------------------
    def spans(self, text: str, *, skip: Sequence[tuple[int, int]] = (), lang: str = "en") -> list[_Span]:
        """The spans that name places, unresolved (rules 1-5 and 7)."""
        all_words = _words(text)
        not_prose = _merge([m.span() for m in _NOT_PROSE.finditer(text)])
        lower_words = {w.folded for w in all_words if not w.capital and not _inside(w.start, w.end, not_prose)}
        locatives = _LOCATIVES | _LOCATIVES_FR if lang == "fr" else _LOCATIVES
        starts = {s for s, _ in sentence_spans(text)}
        blocked = [
            (run[0].start, run[-1].end)
            for run_start, run in _runs(text, all_words, sorted(skip))
            if _is_person(text, run, all_words, run_start) or _is_organisation(run, all_words, run_start)
        ]
        blocked = _merge(blocked + _organisation_spans(text))
        phrases = [
            p
            for p in self._find_phrases(text, skip)
            if not _overlaps(p.start, p.end, blocked) and not _after_organisation_word(text, p.start)
        ]
        skipped = sorted([*skip, *((p.start, p.end) for p in phrases)])
        found: list[_Found] = []
        bare_runs: list[list[_Word]] = []  # runs with no name of the gazetteer (rule 8)
        # Runs in which only GeoNames/OSM names were found, and not across the whole run:
        # "Tassia Sun Badjo" holds a village "Tassia" but names another place (rule 8).
        weak_runs: list[tuple[list[_Word], list[_Span]]] = []
        for run_start, whole_run in _runs(text, all_words, skipped):
            person = _is_person(text, whole_run, all_words, run_start)
            organisation = _is_organisation(whole_run, all_words, run_start)
            if organisation and len(whole_run) == 1 and _COMPASS_TAIL.match(text, whole_run[0].end):
                bare_runs.append(whole_run)  # "le Centre-nord": a region, not a "Centre" (rule 8)
                continue
            if (
                len(whole_run) == 2
                and all(w.folded in _DIRECTIONS for w in whole_run)
                and text[whole_run[0].end : whole_run[1].start] == "-"
            ):
                bare_runs.append(whole_run)  # "Centre-Nord": a compass region, not "Nord" (rule 8)
                continue
            if person or organisation:
                continue
            if _inside(whole_run[0].start, whole_run[-1].end, blocked):
                continue
            before_run = len(found)
            for run in self._chain_parts(text, whole_run):
                i = 0
                while i < len(run):
                    if _direction_of(run, i):
                        i += 1  # "le Centre du Mali": "Centre" is a part of Mali, not a name
                        continue
                    span = None
                    for n in range(min(MAX_NAME_WORDS, len(run) - i), 0, -1):
                        phrase = text[run[i].start : run[i + n - 1].end]
                        if n == 1 and (run[i].folded in _DEMONYMS or run[i].folded in _NEVER):
                            break
                        if (
                            n > 1
                            and run[i].folded in _DEMONYMS
                            and fold(phrase) not in self._countries
                            and not (self._name_tiers(phrase) and self._is_country_or_capital(phrase))
                        ):
                            continue  # "Malian Gourma" is the Gourma; but "Western Sahara" is a country
                        if n > 1 and run[i + n - 1].folded in _ADMIN_WORDS:
                            continue  # "Mopti Region": the name is "Mopti", "Region" a hint
                        if n > 1 and run[i].folded in _ADMIN_WORDS and run[i + 1].folded in _PARTICLES:
                            continue  # "Cercle de Bankass": the name is "Bankass", "Cercle" a hint
                        tiers = self._name_tiers(phrase)
                        if tiers:
                            end = run[i + n - 1].end
                            if "." in phrase and text[end : end + 1] == ".":
                                end, phrase = end + 1, phrase + "."  # "U.S." keeps its last dot
                            span = _Span(run[i].start, end, phrase, tiers, phrase)
                            break
                    if span is None:
                        i += 1
                        continue
                    if i > 0 and run[i - 1].folded == "greater":
                        i += n  # "the Greater Sahara" of a group's name is not the Sahara
                        continue
                    if _inside(span.start, span.end, blocked):
                        i += n  # inside an organisation's name ("... Jihad in West Africa")
                        continue
                    if _MEDIA_NUMBER.match(text, span.end) and span.end == run[-1].end:
                        i += n  # a medium: "France 24"
                        continue
                    found.append((span, i, n, run))
                    i += n
            if len(found) == before_run:
                bare_runs.append(whole_run)
            else:
                inside = [item[0] for item in found[before_run:]]
                covered = sum(span.end - span.start for span in inside)
                if all(not (span.tiers - _WEAK_TIERS) for span in inside) and covered < len(
                    text[whole_run[0].start : whole_run[-1].end]
                ):
                    weak_runs.append((whole_run, inside))
        accepted: list[_Span] = []
        for span, i, n, run in found:
            index = _index_of(all_words, span.start)
            after_index = index + n
            before = all_words[index - 1].folded if index > 0 else ""
            before2 = all_words[index - 2].folded if index > 1 else ""
            if lang == "fr" and text[max(0, span.start - 2) : span.start] in ("d'", "d’", "l'", "l’"):
                before, before2 = text[span.start - 2].lower(), before  # "près d'Anderamboukane"
            after = all_words[after_index] if after_index < len(all_words) else None
            span.kind_hint = _kind_hint(text, span, before, before2, after)
            if index > 0 and _possessive(text, all_words[index - 1]):
                span.owner = text[all_words[index - 1].start : all_words[index - 1].end]
            if all(w.folded in _DIRECTIONS for w in run[i : i + n]) and not _compass_region(text, span.start, span.end):
                continue  # "au Sud-Ouest", "au Nord et au Centre du Mali": directions
            strong = bool(span.tiers - _WEAK_TIERS)
            if strong:
                accepted.append(span)
                continue
            if span.text.isupper() and len(span.text) <= 5:
                continue  # an acronym ("IED"), not a village known only from GeoNames
            folded_name = " ".join(w.folded for w in run[i : i + n])
            headed = (
                i == 2
                and len(run) == n + 2
                and (run[0].folded in _HEAD_WORDS or re.sub(r"^\w['’]", "", run[0].folded) in _EVENT_NOUNS)
                and run[1].folded in _PARTICLES
            )  # "Commune de X", "L'attaque de X"
            if folded_name in lower_words or (len(run) > n and not headed):
                continue  # ("la Commune de Ouenkoro" is headed: "Commune" is the cue, not a name's word)
            sentence_initial = span.start in starts or _line_start(text, span.start)
            cue = (
                headed
                or self._is_country_or_capital(span.text)
                # "the massacre of X", "l'attaque de X"
                or (before in ("of", "de", "d") and re.sub(r"^\w['’]", "", before2) in _EVENT_NOUNS)
                or _UNLISTED_CUE.search(text[max(0, span.start - 40) : span.start]) is not None  # "a village called X"
                or before in locatives
                or span.kind_hint is not None
                or (after is not None and (after.folded in _KIND_WORDS or after.folded in _RESIDENT_WORDS))
                or (before in _KIND_WORDS and _KIND_WORDS[before] is not None)  # "du camp X", "the village X"
                or _in_kind_list(text, span.start)
            )
            if cue and not (sentence_initial and span.kind_hint is None):
                accepted.append(span)
            elif _line_start(text, span.start) and _DATELINE.match(text, span.end):
                accepted.append(span)  # a dateline: "Dakar, (APP) -", "NIAMEY (AFP) -", "Dakar, Senegal (AP) —"
        taken = {span.start for span in accepted}
        bare_runs += [run for run, inside in weak_runs if not any(span.start in taken for span in inside)]
        bare_runs.sort(key=lambda run: run[0].start)
        _share_kind_hints(text, accepted)
        for span in accepted:
            if span.kind_hint in ("region", "cercle", "province"):
                span.query = f"{span.text} {span.kind_hint}"
        listed = _add_listed(text, accepted, found, all_words, lower_words)
        listed = _add_contained(text, listed, found, lower_words, phrases)
        listed = _add_same_name(text, listed, found, lower_words)
        listed = _add_unlisted(text, listed, bare_runs, all_words, lower_words, starts, phrases, lang)
        spans = sorted([*listed, *phrases], key=lambda span: span.start)
        for previous, span in pairwise(spans):
            if text[previous.end : span.start] in ("'s ", "’s "):
                span.owner = previous.text  # "Burkina Faso's Sahel"
        return spans

    def _chain_parts(self, text: str, run: list[_Word]) -> list[list[_Word]]:
        """A run cut at its hyphens when it is not one name but each part is one
        ("Tamalat-Inchinane-Agrali", "Mali-Burkina Faso"); else the run itself (rule 7).
        Two parts known only from GeoNames/OSM stay one name ("Danga-Zouani")."""
        parts: list[list[_Word]] = [[run[0]]]
        for previous, word in pairwise(run):
            if text[previous.end : word.start] == "-":
                parts.append([word])
            else:
                parts[-1].append(word)
        if len(parts) < 2 or self._name_tiers(text[run[0].start : run[-1].end]):
            return [run]
        tiers = [self._name_tiers(text[part[0].start : part[-1].end]) for part in parts]
        if all(tiers) and (len(parts) > 2 or all(t - _WEAK_TIERS for t in tiers)):
            return parts  # two parts known only from GeoNames/OSM are one name: "Danga-Zouani"
        return [run]

    def _find_phrases(self, text: str, skip: Sequence[tuple[int, int]]) -> list[_Span]:
        """Curated and area names of several words, in any case ("three borders")."""
        spans = []
        for match in self._phrase_pattern.finditer(fold(text)):
            start, end = match.span()
            if any(s < end and start < e for s, e in skip):
                continue
            key = re.sub(r"[\s\-]+", " ", match.group())
            name = self._phrases[key]
            trimmed = _GENERIC_AROUND.fullmatch(key)
            short = trimmed.group("name") if trimmed and trimmed.group("name") != key else None
            # "zone des trois frontières"
            if trimmed is not None and short and (short in self._phrases or self._name_tiers(short)):
                start += trimmed.start("name")
                end = start + len(short)
                name = self._phrases.get(short, text[start:end])
            written = text[start:end]
            first_word = re.split(r"[\s\-]+", key)[0]
            if written[:1].islower() and (first_word in _DIRECTIONS | _COMPASS_WORDS or " of " in key):
                continue  # "northern Africa", "north-central Africa", "a state of Azawad": prose
            head, _, last = written.rpartition(" ")
            shorter = key.rpartition(" ")[0]
            if head and last[:1].islower() and name.rpartition(" ")[2][:1].isupper() and shorter in self._phrases:
                end, name = start + len(head), self._phrases[shorter]  # "the Radisson Blu hotel": a generic word
            spans.append(_Span(start, end, text[start:end], frozenset({"curated"}), name))
        return spans

    # --- resolving ----------------------------------------------------------------------
    def resolve(self, text: str, doc: str, spans: list[_Span], *, day: date | None = None) -> list[Mention]:
        """Geocode the spans (rule 6) and make them mentions."""
        gazetteer = self._gazetteer
        first: dict[str, Resolution] = {}
        for span in spans:
            for query in {span.query, span.text}:
                if query not in first:
                    first[query] = gazetteer.lookup(query)
        named = [r for r in first.values() if r.ok and r.place is not None and r.place.tier == "curated"]
        focus = _focus(named)
        # The document's country: that of the places it names unambiguously (curated
        # places, regions, cercles, provinces, and villages of one name: "Niaktiré,
        # Torodi department (Tillabéri region)" and "Makalondi, Torodi department" are in Niger).
        countries = Counter(
            r.place.country
            for r in first.values()
            if r.ok
            and r.place is not None
            and r.place.kind not in ("country", "area")
            and r.place.country != WIDE_REGION
        )
        home = countries.most_common(1)[0][0] if countries else None
        resolved: dict[tuple, Resolution | None] = {}
        results: list[Resolution | None] = []
        for span in spans:
            key = (span.query, span.text, span.owner)
            if key not in resolved:
                resolved[key] = self._resolve(span, first, focus, home, day)
            results.append(resolved[key])
        self._contain(text, spans, results, focus)
        return [_mention(doc, span, r) for span, r in zip(spans, results, strict=True) if r is not None]

    def _contain(self, text: str, spans: list[_Span], results: list[Resolution | None], focus: _Point | None) -> None:
        """Stated containment (rule 6): "X, in the Y region", "X (Y province)", "X in
        eastern Y", "X near Y", "Y's X" choose X among the places inside Y (or near
        it), by Y's level; the other mentions of X in the document follow."""
        gazetteer = self._gazetteer
        chosen: dict[str, Resolution] = {}
        for k, span in enumerate(spans):
            plain = results[k]
            if span.kind_hint is not None or plain is None:
                continue
            if (
                plain.ok
                and plain.place is not None
                and (plain.place.kind in _AREA_LEVELS or plain.place.tier == "area")
            ):
                continue  # a region or a country is not chosen by what holds it
            relation: str | None = None
            k_y: int | None = None
            following = results[k + 1] if k + 1 < len(spans) else None
            if following is not None:
                relation, k_y = _relation(text, span, spans[k + 1], following), k + 1
            owned = span.owner and k > 0 and text[spans[k - 1].end : span.start] in ("'s ", "’s ")
            if relation is None and owned and results[k - 1] is not None:
                relation, k_y = "in", k - 1
            if relation is None or k_y is None:
                continue
            y, ry = spans[k_y], results[k_y]
            if ry is None:
                continue
            context = _context_of(y, ry, relation)
            if context is None:
                continue
            if "near" not in context and focus is not None:
                context["near"] = focus
            inside = gazetteer.lookup(span.query, **context)
            if relation == "capital" and not inside.ok:
                towns = [(p, score) for p, score in inside.candidates if p.kind in ("city", "town")]
                if len(towns) == 1:  # "the capital of the region" is its one town
                    town, score = towns[0]
                    inside = Resolution(
                        span.query, OK, town, town.lat, town.lon, town.uncertainty_km, score, inside.candidates
                    )
            if not inside.ok or inside.place is None or inside.place.country == WIDE_REGION:
                continue
            where = context.get("admin1") or context.get("admin2") or context.get("country")
            inside.warnings.append(
                f"chosen among places of this name as the one in {where}, as the text says"
                if where
                else f"chosen among places of this name as the one near {y.text}, as the text says"
            )
            results[k] = chosen[span.query] = inside
            if ry is not None and ry.ok and ry.place is not None and ry.place.country == WIDE_REGION:
                # "Dori, capital of the Sahel region": Burkina Faso's Sahel Region, not the belt
                region = gazetteer.lookup(f"{y.text} region", country=inside.place.country)
                if region.ok and region.place is not None and region.place.country != WIDE_REGION:
                    results[k_y] = region
        for k, span in enumerate(spans):
            if span.query in chosen and span.kind_hint is None and results[k] is not None:
                results[k] = chosen[span.query]  # one name, one place: the one the text placed

    def _resolve(
        self, span: _Span, first: dict[str, Resolution], focus: _Point | None, home: str | None, day: date | None
    ) -> Resolution | None:
        resolution = self._choose(span, first, focus, home, day)
        if span.tiers == {UNLISTED} and span.query != span.text and not resolution.ok:
            return None  # a compass compound that is no region of the gazetteer ("North-East")
        short = len(span.text) <= 3
        if short and resolution.ok and resolution.place is not None and not _written_as(resolution.place, span.text):
            return None  # "Us" in a slogan is not the United States ("US")
        return resolution

    def _choose(
        self, span: _Span, first: dict[str, Resolution], focus: _Point | None, home: str | None, day: date | None
    ) -> Resolution:
        gazetteer = self._gazetteer
        bare = first[span.text]
        if span.tiers == {UNLISTED}:
            return _unlisted_resolution(gazetteer, span, focus, home)
        if span.owner:  # "Burkina Faso's Sahel": a place of that country
            owner = gazetteer.lookup(span.owner)
            if owner.ok and owner.place is not None and owner.place.kind == "country":
                for query in dict.fromkeys((span.query, f"{span.text} region")):
                    inside = gazetteer.lookup(query, country=owner.place.country, near=focus)
                    if inside.ok:
                        return inside
        if bare.ok and bare.place is not None and bare.place.country == WIDE_REGION:
            return bare  # "the Sahel region" is the Sahel, not Burkina Faso's Sahel Region
        if span.kind_hint is None:
            country = _country_named(gazetteer, span.text, bare)
            if country is not None:
                return country
        resolution = gazetteer.lookup(span.query, near=focus) if focus else first[span.query]
        if resolution.status == AMBIGUOUS and home:
            at_home = gazetteer.lookup(span.query, country=home, near=focus)
            if at_home.ok:
                at_home.warnings.append(
                    f"chosen among places of this name as the one in {home}, the document's country"
                )
                resolution = at_home
        if resolution.ok and resolution.place is not None:
            resolution = _outline_of_the_day(gazetteer, resolution, day)
        return resolution


_UNLISTED_REASON = "not in the gazetteer in this spelling; the text names it as a place"


def _unlisted_resolution(gazetteer: Gazetteer, span: _Span, focus: _Point | None, home: str | None) -> Resolution:
    """Rule 8: the gazetteer's place of a nearby spelling (a village of the document's
    country within :data:`_UNLISTED_RADIUS_KM` of its focus), else not found."""
    if span.query != span.text:  # "Centre-nord": "Centre-nord region", a curated region of the country
        region = gazetteer.lookup(span.query, country=home) if home else gazetteer.lookup(span.query)
        if region.ok and region.place is not None and region.place.tier in ("curated", "area"):
            return region
        return Resolution(span.text, NOT_FOUND, reason=_UNLISTED_REASON)
    if focus is not None:
        found = (
            gazetteer.lookup(span.text, country=home, near=focus) if home else gazetteer.lookup(span.text, near=focus)
        )
        place = found.place if found.ok else None
        if (
            place is not None
            and place.tier in _WEAK_TIERS
            and _km(focus, (place.lat, place.lon)) <= _UNLISTED_RADIUS_KM
        ):
            found.warnings.append(f"{span.text!r} read as {place.name!r}, the nearest place of a close spelling")
            return found
    return Resolution(span.text, NOT_FOUND, reason=_UNLISTED_REASON)


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance in kilometres between two (lat, lon) points."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(min(1.0, h)))


_AREA_LEVELS = {
    "country": "country",
    "region": "admin1",
    "state": "admin1",
    "province": "admin2",
    "cercle": "admin2",
    "department": "admin2",
    "prefecture": "admin2",
}


def _relation(text: str, x: _Span, y: _Span, ry: Resolution) -> str | None:
    """How the text places ``x`` against the next name ``y``: "in", "near" or None."""
    gap = text[x.end : y.start]
    if len(gap) > 60 or "\n" in gap:
        return None
    if _NEAR.fullmatch(gap):
        return "near"
    if _CONTAINED.fullmatch(gap) and re.search(r"\b(?:capital|capitale|chef-lieu)\b", gap, re.I):
        return "capital"
    if _CONTAINED.fullmatch(gap) or re.fullmatch(r"\s*\(\s*(?:the\s+)?", gap):
        return "in"
    if gap == ", " and (
        y.kind_hint in ("region", "cercle", "province") or (ry.ok and ry.place and ry.place.kind == "country")
    ):
        return "in"
    return None


def _context_of(y: _Span, ry: Resolution, relation: str) -> dict | None:
    """The look-up context that the container ``y`` gives, by its level."""
    place = ry.place if ry.ok else None
    if relation == "near":
        return {"near": (ry.lat, ry.lon)} if place is not None else None
    if relation == "capital" and place is not None and place.kind == "country":
        return {"country": place.country}
    if place is not None and place.country != WIDE_REGION and place.kind in _AREA_LEVELS:
        level = _AREA_LEVELS[place.kind]
        return {"country": place.country} if level == "country" else {level: place.name}
    if y.kind_hint in ("region",):
        return {"admin1": y.text}
    if y.kind_hint in ("cercle", "province"):
        return {"admin2": y.text}
    if place is not None and place.country != WIDE_REGION:
        return {"near": (ry.lat, ry.lon)}
    return None


def _phrases(gazetteer: Gazetteer) -> tuple[dict[str, str], re.Pattern]:
    """Names of curated places and areas with two words or more, as one pattern.

    Left to the word runs: a leading article ("the Gourma" is "Gourma"), possessive
    forms ("Mali's Gourma": two mentions), names with an admin word ("Ménaka Region":
    the name is "Ménaka", the kind word a hint), names that start with an adjective of
    nationality ("Malian Gourma"), and descriptions with names inside ("border area
    between Ménaka and Tahoua").
    """
    phrases: dict[str, str] = {}
    for tier in ("curated", "area"):
        for place in gazetteer.places(tier=tier):
            for name in (place.name, *place.variants):
                name = re.sub(r"^(?:the|les|la|le|l')\s+", "", name.strip(), flags=re.IGNORECASE)
                if not re.search(r"[\s\-]", name) or re.search(r"['’]s\b|[()]", name):
                    continue
                parts = re.split(r"[\s\-]+", name)
                folded_parts = [fold(w) for w in parts]
                demonym = {folded_parts[0], folded_parts[-1]} & _DEMONYMS - _COMPASS_WORDS  # not "Central Africa"
                if any(w in _ADMIN_WORDS for w in folded_parts) or demonym:
                    continue
                plain = [
                    i
                    for i, (w, f) in enumerate(zip(parts, folded_parts, strict=True))
                    if not w[:1].isupper() and f not in _PARTICLES and f != "of"  # "Gulf of Guinea"
                ]
                if plain and any(w[:1].isupper() for w in parts[plain[0] :]):
                    continue
                key = re.sub(r"[\s\-]+", " ", fold(name))
                phrases.setdefault(key, name)
    ordered = sorted(phrases, key=len, reverse=True)
    body = "|".join(r"[\s\-]+".join(re.escape(p) for p in key.split(" ")) for key in ordered)
    return phrases, re.compile(r"(?<![\w\-])(?:" + body + r")(?![\w\-])")


def _kind_hint(text: str, span: _Span, before: str, before2: str, after: _Word | None) -> str | None:
    """The kind a neighbouring word gives: "X region", "X's region", "the village of X"."""
    if after is not None and after.folded in _KIND_WORDS and _KIND_WORDS[after.folded]:
        gap = text[span.end : after.start]
        if gap in (" ", "-", "\u00a0", "'s ", "’s "):
            return _KIND_WORDS[after.folded]
    if before in ("of", "de", "du", "d") and _KIND_WORDS.get(before2):
        return _KIND_WORDS[before2]
    other = re.match(r"\s+and other (regions|cercles|provinces)\b", text[span.end : span.end + 30])
    if other:
        return _AREA_KINDS[other.group(1)[:-1]]
    return None


def _possessive(text: str, word: _Word) -> bool:
    return text[word.end : word.end + 2] in ("'s", "’s")


def _share_kind_hints(text: str, spans: list[_Span]) -> None:
    """A plural kind word covers the whole list: "the Menaka and Gao regions",
    "the regions of Menka and Gao"."""
    for a, b in pairwise(spans):
        gap = text[a.end : b.start]
        if not re.fullmatch(r",? (?:and |or |et )?|, ", gap):
            continue
        if (
            b.kind_hint
            and a.kind_hint is None
            and re.match(r"[ -](?:regions|cercles|circles|provinces)\b", text[b.end :])
        ):
            a.kind_hint = b.kind_hint
        elif (
            a.kind_hint
            and b.kind_hint is None
            and re.search(
                r"\b(?:regions|cercles|circles|provinces|villages|towns) (?:of|de) (?:the )?$", text[: a.start]
            )
        ):
            b.kind_hint = a.kind_hint


# Words for place names: hyphens split words ("Mali-Burkina Faso"), and runs join them
# again ("Tin-Essako").
_NAME_WORD = re.compile(r"[^\W_](?:[\w]|['’](?=[^\W_])|\.(?=[^\W\d_]))*")


def _words(text: str) -> list[_Word]:
    out = []
    for match in _NAME_WORD.finditer(text):
        start, end = match.span()
        token = text[start:end]
        if len(token) > 2 and token[1] in "'’" and token[0] in "dlDL" and token[2].isupper():
            start += 2  # d'Anderamboukane, l'Azawad
            token = token[2:]
        if token.endswith(("'s", "’s")):
            end -= 2
            token = token[:-2]
        if start >= end:
            continue
        folded = strip_accents(token).lower().replace("’", "'")
        out.append(_Word(start, end, token[0].isupper() and folded not in _FUNCTION_WORDS, folded))
    return out


def _runs(text: str, all_words: list[_Word], skipped: list[tuple[int, int]]) -> Iterator[tuple[int, list[_Word]]]:
    """Maximal runs of capitalised words, with the index of their first word.

    ``skipped`` (sorted spans) break runs: no word inside one is part of a run.
    """
    run: list[_Word] = []
    run_start = 0
    pending: list[_Word] = []
    k = 0
    for index, word in enumerate(all_words):
        while k < len(skipped) and skipped[k][1] <= word.start:
            k += 1
        inside_skip = any(s < word.end and word.start < e for s, e in skipped[k : k + 3])
        joined = run and _adjacent(text, (pending[-1] if pending else run[-1]).end, word.start)
        if word.capital and not inside_skip:
            if joined:
                run.extend(pending)
            else:
                if run:
                    yield run_start, run
                run, run_start = [], index
            pending = []
            run.append(word)
        elif run and word.folded in _PARTICLES and joined and not pending:
            pending = [word]
        else:
            if run:
                yield run_start, run
            run, pending = [], []
    if run:
        yield run_start, run


def _adjacent(text: str, end: int, start: int) -> bool:
    """Whether only one space or hyphen separates two words."""
    return text[end:start] in (" ", "-", "\u00a0", " d'", " d’", " l'", " l’")


def _line_start(text: str, start: int) -> bool:
    line = text.rfind("\n", 0, start)
    return not text[line + 1 : start].strip(" \t#*>-•0123456789.)[")


def _index_of(all_words: list[_Word], start: int) -> int:
    lo, hi = 0, len(all_words)
    while lo < hi:
        mid = (lo + hi) // 2
        if all_words[mid].start < start:
            lo = mid + 1
        else:
            hi = mid
    return lo


def _phrase_words(run: list[_Word], i: int, n: int) -> list[_Word]:
    return run[i : i + n]


def _is_person(text: str, run: list[_Word], all_words: list[_Word], run_start: int) -> bool:
    folded = [w.folded for w in run]
    if any(f in _PERSON_PARTICLES for f in folded[1:]) or (len(run) > 1 and folded[0] in _PERSON_PARTICLES):
        return True
    if len(run) > 1 and folded[0] in _GIVEN_NAMES:
        return True
    title = all_words[run_start - 1] if run_start > 0 else None
    gap = text[title.end : run[0].start] if title else ""
    before = (
        title.folded
        if title is not None and (gap == " " or (gap == ". " and title.folded in _ABBREVIATED_TITLES))
        else ""
    )
    return before in _TITLES or (len(run) > 1 and folded[0].rstrip(".") in _TITLES)


def _after_organisation_word(text: str, start: int) -> bool:
    """Whether a name follows "Journal of", "University of"..."""
    match = re.search(r"(\w+)\s+(?:of|de|du|for)\s+(?:the\s+)?$", text[max(0, start - 40) : start])
    return match is not None and match.group(1)[:1].isupper() and fold(match.group(1)) in _ORGANISATION_WORDS


# A list introduced by a plural kind word (rule 5): "trois villages (A, B et C)", "les
# villages de A, B et C", "the villages of A, B and C", "localités : A, B".
_LIST_INTRO = re.compile(
    r"\b(?:villages|localit[ée]s|hameaux|communes|campements|towns|localities|hamlets|settlements)"
    r"(?:\s+(?:voisins|voisines|suivants|suivantes|de|des|d['’]|of)|\s*[(:—–])+\s*$",
    re.IGNORECASE,
)
_LIST_END = re.compile(r"(?:,\s*|\s+(?:et|and|ou|or)\s+|,\s+(?:et|and|ou|or)\s+)$")
_LIST_ITEM = re.compile(r"(?<![\w'’\-])[A-ZÀ-ÝŒ][\w'’\-]*(?:[ \-](?:[A-ZÀ-ÝŒ][\w'’\-]*|de|du|la|le|el)){0,3}$")


def _in_kind_list(text: str, start: int) -> bool:
    """Whether the name at ``start`` is in a list that a plural kind word introduces."""
    window = text[max(0, start - 200) : start]
    for _ in range(12):
        if _LIST_INTRO.search(window):
            return True
        separator = _LIST_END.search(window)
        if separator is None:
            return False
        window = window[: separator.start()]
        item = _LIST_ITEM.search(window)
        if item is None:
            return False
        window = window[: item.start()]
    return False


def _direction_of(run: list[_Word], i: int) -> bool:
    """Whether ``run[i]`` is a direction word before a particle: "Centre du Mali"."""
    return run[i].folded in _DIRECTIONS and i + 1 < len(run) and run[i + 1].folded in _PARTICLES


def _compass(run: list[_Word], k: int) -> bool:
    """Whether ``run[k]`` is part of a compound of directions: "Centre-Nord", "Nord-Ouest"."""
    near = [run[j].folded for j in (k - 1, k + 1) if 0 <= j < len(run)]
    return run[k].folded in _DIRECTIONS and any(w in _DIRECTIONS for w in near)


def _is_organisation(run: list[_Word], all_words: list[_Word], run_start: int) -> bool:
    if any(
        w.folded in _ORGANISATION_WORDS and not _direction_of(run, k) and not _compass(run, k)
        for k, w in enumerate(run)
    ):
        return True
    if run_start >= 2 and all_words[run_start - 1].folded in ("of", "de", "du", "for"):
        head = all_words[run_start - 2]
        return head.capital and head.folded in _ORGANISATION_WORDS
    return False


def _add_listed(
    text: str, accepted: list[_Span], found: list[_Found], all_words: list[_Word], lower_words: set[str]
) -> list[_Span]:
    """Reference-tier names listed next to an accepted place ("Tamalat, Inchinane and X")."""
    chosen = {span.start for span in accepted}
    changed = True
    while changed:
        changed = False
        for span, i, n, run in found:
            if span.start in chosen or len(run) > n:
                continue
            folded_name = " ".join(w.folded for w in run[i : i + n])
            if folded_name in lower_words:
                continue
            paired = any(
                other.end <= span.start and text[other.end : span.start] in (" and ", " et ") for other in accepted
            )  # "Bourem et Léré ont été ...": the second of a pair needs no list's end after it
            # (not after ", and": "across central Mali, and Koufa has" joins clauses)
            if not paired and not re.match(
                r"\s*(?:[,.;:)\]”\"/\-]|$)|\s+(?:and|or|et|ou)\s|\s+(?:department|d[ée]partement|province|cercle|commune|district)\b",
                text[span.end :],
                re.IGNORECASE,
            ):
                continue
            for other in accepted:
                gap = text[other.end : span.start] if other.end <= span.start else text[span.end : other.start]
                if len(gap) <= 6 and re.fullmatch(r",? ?(?:and|or|et|ou)? ?|, |[/\-]", gap):
                    accepted.append(span)
                    chosen.add(span.start)
                    changed = True
                    break
    return sorted(accepted, key=lambda s: s.start)


def _add_contained(
    text: str, accepted: list[_Span], found: list[_Found], lower_words: set[str], phrases: Sequence[_Span] = ()
) -> list[_Span]:
    """A name placed in an accepted place is a place (rule 6): "Tiléré in Soum province",
    "Torodi, in eastern Burkina Faso", "Margou (Tillabéri region)", "X near Ménaka"."""
    starts = {span.start: span for span in [*accepted, *phrases]}
    out = list(accepted)
    for span, i, n, run in found:
        if span.start in starts or len(run) > n:
            continue
        if " ".join(w.folded for w in run[i : i + n]) in lower_words:
            continue
        rest = text[span.end : span.end + 80]
        for pattern in (_CONTAINED, _NEAR, re.compile(r"\s*\(\s*(?:the\s+)?")):
            match = pattern.match(rest)
            if match and match.end() > 0 and (span.end + match.end()) in starts:
                out.append(span)
                break
    return sorted(out, key=lambda s: s.start)


def _add_same_name(text: str, accepted: list[_Span], found: list[_Found], lower_words: set[str]) -> list[_Span]:
    """Other mentions of a name accepted once in the document (rule 7): "in Toubani ...
    the Toubani massacre", "the siege of Boni". The run may hold an event word
    ("The Toubani Massacre") but must be no other name, and the name must not be
    written in lower case in the prose."""
    names = {fold(span.text) for span in accepted}
    chosen = {span.start for span in accepted}
    out = list(accepted)
    for span, i, n, run in found:
        if span.start in chosen or fold(span.text) not in names:
            continue
        folded_name = " ".join(w.folded for w in run[i : i + n])
        others = [w.folded for k, w in enumerate(run) if not i <= k < i + n]
        if folded_name in lower_words or any(w not in _EVENT_WORDS for w in others):
            continue
        out.append(span)
        chosen.add(span.start)
    return sorted(out, key=lambda s: s.start)


def _add_unlisted(
    text: str,
    accepted: list[_Span],
    bare_runs: list[list[_Word]],
    all_words: list[_Word],
    lower_words: set[str],
    starts: set[int],
    phrases: Sequence[_Span] = (),
    lang: str = "en",
) -> list[_Span]:
    """Names the gazetteer lacks, where the text plainly makes them places (rule 8).

    A run of one to three capitalised words (and a lower-case part joined by a hyphen:
    "Emi-semis") that is no acronym, no people's or nationality word and not written in
    lower case elsewhere is a place after a kind word of settlements ("le village de
    X", "la commune de X", "the village of X"), in a list that a plural kind word opens,
    or when a locative comes before it and a stated position after it ties it to a
    place ("à X, dans la région de Y", "in X (35 kilometers from Timbuktu)"). Its other
    mentions in the document follow.
    """
    placed_starts = {span.start for span in [*accepted, *phrases]}
    out = list(accepted)
    candidates: list[_Span] = []
    initial: list[_Span] = []
    headed: set[int] = set()
    for run in bare_runs:
        if len(run) >= 3 and run[0].folded in _UNLISTED_HEADS and run[1].folded in _PARTICLES:
            run = run[2:]  # "la Commune de Ouenkoro": the name is "Ouenkoro", "Commune" its cue
            headed.add(run[0].start)
        elif len(run) >= 2 and run[-1].folded in _ADMIN_WORDS and run[-1].folded not in ("region", "regions"):
            run = run[:-1]  # "Barsalogho Department": the name is "Barsalogho" (cued by a locative)
        start, end = run[0].start, run[-1].end
        tail = re.match(r"-[a-zà-ÿ]{2,}(?![\w\-])", text[end:])
        if tail:
            end += tail.end()  # "Emi-semis", "Inekar-ouest"
        name = text[start:end]
        words = [w.folded for w in run] + ([tail.group()[1:]] if tail else [])
        joined = all(text[a.end : b.start] == "-" for a, b in pairwise(run))
        if len(words) == 2 and joined and all(w in _DIRECTIONS for w in words) and _compass_region(text, start, end):
            # "le Centre-nord", "(Centre-Nord)": a compass region, looked up as "X region"
            candidates.append(_Span(start, end, name, frozenset({UNLISTED}), f"{name} region"))
            continue
        if len(run) > 3 or run[0].folded in _DEMONYMS or run[0].folded in _NEVER or run[0].folded in _DIRECTIONS:
            continue
        if (name.isupper() and len(name) <= 6) or any(c.isdigit() for c in name) or len(name) < 3:
            continue
        if " ".join(w.folded for w in run) in lower_words or any(w.folded in lower_words for w in run):
            continue  # "Armed Raid" in a headline: words of the prose
        span = _Span(start, end, name, frozenset({UNLISTED}), name)
        if run[0].start in starts or _line_start(text, run[0].start):
            initial.append(span)  # a capital at a sentence's start says nothing, but may repeat a name
            continue
        candidates.append(span)
    chosen: set[str] = set()
    pending = list(candidates)
    while pending:  # a name placed against another unlisted one waits for it: "entre X et le puits d'Y"
        waiting = []
        for span in pending:
            if _unlisted_cued(text, span, all_words, placed_starts, headed, lang):
                out.append(span)
                chosen.add(fold(span.text))
                placed_starts.add(span.start)
            else:
                waiting.append(span)
        if len(waiting) == len(pending):
            break
        pending = waiting
    for span in [*candidates, *initial]:
        if fold(span.text) in chosen and all(span.start != other.start for other in out):
            out.append(span)  # one name, one decision: its other mentions
    return sorted(out, key=lambda s: s.start)


def _compass_region(text: str, start: int, end: int) -> bool:
    """Whether compass words at ``text[start:end]`` name a region rather than a direction:
    "le Centre-Nord" always (no direction is called so); "Sud-Ouest", "Nord", "Est" only
    with a region word in the singular ("la région du Nord", "the Sud-Ouest region"), not
    "au Sud-Ouest" or "les régions du Nord"."""
    if re.split(r"[\s\-]+", fold(text[start:end]))[0] in ("centre", "center"):
        return True
    before = re.search(
        r"r[ée]gion\s+(?:du\s+|de\s+l['’]\s*|of\s+(?:the\s+)?)?$", text[max(0, start - 20) : start], re.IGNORECASE
    )
    return before is not None or re.match(r"\s+r[ée]gion\b", text[end:], re.IGNORECASE) is not None


def _unlisted_cued(
    text: str, span: _Span, all_words: list[_Word], placed_starts: set[int], headed: set[int], lang: str = "en"
) -> bool:
    """Whether the text plainly makes the unlisted name ``span`` a place (rule 8)."""
    before_text = text[max(0, span.start - 40) : span.start]
    index = _index_of(all_words, span.start)
    previous = all_words[index - 1] if index > 0 else None
    before = previous.folded if previous else ""
    if text[max(0, span.start - 2) : span.start] in ("d'", "d’"):
        before = "d"
    rest = text[span.end : span.end + 80]
    if span.query != span.text or span.start in headed:
        return True  # a compass region (kept only if found) or "la Commune de X"
    if _UNLISTED_CUE.search(before_text) or _in_kind_list(text, span.start) or _DESCRIBED_AS_PLACE.match(rest):
        return True
    if before in ("entre", "between"):
        pair = re.match(r"\s+(?:et|and)\s+(?:(?:le|la|les|the)\s+)?(?:puits\s+d['’]|village\s+de\s+)?", rest)
        return pair is not None and (span.end + pair.end()) in placed_starts
    if before in ("and", "et"):  # "between Toumour and X": the other end of a stated stretch
        pair = _BETWEEN_PLACED.search(text, max(0, span.start - 80), span.start)
        return pair is not None and pair.start("name") in placed_starts
    # "à", and in French a capital "A" standing for "À" at a sentence's start ("A Acharane, ...")
    if before in _PREPOSITIONS and before != "a" and _ADMIN_AFTER.match(rest):
        return True  # "in Barsalogho Department", "dans la commune de X" is headed above
    accent = previous is not None and (text[previous.start] == "à" or (lang == "fr" and text[previous.start] == "A"))
    if before not in _PREPOSITIONS or (before == "a" and not accent):
        return False  # "A Snapshot of Mali": the article, not "à"
    if any(
        (match := pattern.match(rest)) is not None
        and (span.end + match.end()) in placed_starts
        and _STATED.search(match.group()) is not None  # "X, in Y", "X (Y region)"; not "X of Mali"
        for pattern in (_CONTAINED, _DISTANCE, _PARENTHESIS)
    ):
        return True
    # An apposition: "in X, Tillaberi, Niger", "à X, Tillabéri :" (the place named after
    # the comma ends a clause or a list; "in X, Mali has" is no apposition).
    apposed = re.match(r",\s*", rest)
    if apposed is None or span.end + apposed.end() not in placed_starts:
        return False
    after_place = _CAPITALISED_RUN.match(text, span.end + apposed.end())
    return after_place is not None and _APPOSITION_END.match(text, after_place.end()) is not None


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted, non-overlapping intervals covering ``spans``, for :func:`_inside`."""
    merged: list[list[int]] = []
    for a, b in sorted(spans):
        if merged and a <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    return [(a, b) for a, b in merged]


def _inside(start: int, end: int, merged: list[tuple[int, int]]) -> bool:
    """Whether ``start..end`` lies within one interval of ``merged`` (see :func:`_merge`)."""
    k = bisect.bisect_right(merged, (start, float("inf"))) - 1
    return k >= 0 and merged[k][0] <= start and end <= merged[k][1]


def _overlaps(start: int, end: int, merged: list[tuple[int, int]]) -> bool:
    k = bisect.bisect_left(merged, (end, -1)) - 1
    return k >= 0 and merged[k][1] > start


@lru_cache(maxsize=65536)
def _fold_word(word: str) -> str:
    return fold(word)


def _organisation_spans(text: str) -> list[tuple[int, int]]:
    """Capitalised names joined by small words that hold a word of organisations
    (rule 4): "Movement for Oneness and Jihad in West Africa", "Radio France
    Internationale". A possessive before it is not part of it ("Mali's High Islamic
    Council"), and a headline in quotes is not a name. "in"/"en" joins only after another joining word ("... for Oneness
    and Jihad in West Africa", not "the Front in Mali"), so that the name stops there."""
    spans = []
    for match in _ORG_RUN.finditer(text):
        tokens = [
            (m.start(), _fold_word(m.group()), m.group()[:1].isupper())
            for m in re.finditer(r"[\w'’\-]+", match.group())
        ]
        head = next((k for k, (_, w, cap) in enumerate(tokens) if cap and w in _ORG_HEADS), None)
        if head is None or text[max(0, match.start() - 1) : match.start()] in ("“", '"', "‘", "«"):
            continue  # a headline in title case ("“Mali Rebel Groups Agree ...”") is no name
        if tokens[head][1] == "province" and (
            (head == len(tokens) - 1 and len(tokens) <= 3) or (head == 0 and tokens[1:2] and tokens[1][1] in _PARTICLES)
        ):
            continue  # "Soum Province", "Province du Séno": a province (the IS's are actors, found first)
        start = match.start()
        for offset, word, _ in tokens[:head]:
            if word.endswith("'s"):
                start = match.start() + offset + len(word) + 1  # "Mali's High Islamic Council"
        end = match.end()
        seen_link = False
        for offset, word, capital in tokens[head + 1 :]:
            if capital:
                continue
            if word in ("in", "en", "au", "aux") and not seen_link:
                end = match.start() + offset  # "the Front in Mali": the name stops before "in"
                break
            seen_link = True
        spans.append((start, end))
    return spans


def _country_named(gazetteer: Gazetteer, text: str, resolution: Resolution) -> Resolution | None:
    """A country's name means the country, not a village of that name ("Mali")."""
    key = normalize(text)
    for place, score in resolution.candidates:
        if place.kind == "country" and any(normalize(n) == key for n in (place.name, *place.variants)):
            return Resolution(text, OK, place, place.lat, place.lon, place.uncertainty_km, score, resolution.candidates)
    return None


def _outline_of_the_day(gazetteer: Gazetteer, resolution: Resolution, day: date | None) -> Resolution:
    """Of an area's outlines before and after a reform, the one valid on ``day``
    (without a day, the current one)."""
    place = resolution.place
    if place is None:
        return resolution
    same = [p for p, _ in resolution.candidates if p.tier == "area" and p.name == place.name and p.kind == place.kind]
    if len(same) < 2:
        return resolution
    wanted = (day or date.max).isoformat()
    for other in same:
        valid_from, valid_to = gazetteer.validity(other.id)
        if (not valid_from or valid_from <= wanted) and (not valid_to or wanted <= valid_to):
            if other.id != place.id:
                return Resolution(
                    resolution.query,
                    OK,
                    other,
                    other.lat,
                    other.lon,
                    other.uncertainty_km,
                    resolution.score,
                    resolution.candidates,
                    warnings=[*resolution.warnings, "outline of the day"],
                )
            break
    return resolution


def _written_as(place: Place, text: str) -> bool:
    """Whether a name of ``place`` is written exactly so (accents aside)."""
    plain = strip_accents(text)
    return any(strip_accents(name) == plain for name in (place.name, *place.variants))


def _focus(resolutions: list[Resolution]) -> tuple[float, float] | None:
    """The document's focus: the median point of the curated places it names."""
    points = [
        (r.lat, r.lon)
        for r in resolutions
        if r.lat is not None and r.lon is not None and r.place and r.place.kind != "country"
    ]
    if not points:
        return None
    return statistics.median(p[0] for p in points), statistics.median(p[1] for p in points)


def _mention(doc: str, span: _Span, resolution: Resolution) -> Mention:
    place = resolution.place if resolution.ok else None
    record = {
        PLACE_ID: place.id if place else None,
        NAME: place.name if place else None,
        PLACE_KIND: place.kind if place else None,
        LAT: None if place is None or resolution.lat is None else round(resolution.lat, 5),
        LON: None if place is None or resolution.lon is None else round(resolution.lon, 5),
        UNCERTAINTY_KM: None
        if place is None or resolution.uncertainty_km is None
        else round(resolution.uncertainty_km, 1),
        STATUS: resolution.status,
        SCORE: resolution.score,
        CANDIDATES: [
            {"id": p.id, "name": p.name, "lat": p.lat, "lon": p.lon, "score": s}
            for p, s in resolution.candidates[:CANDIDATES_SHOWN]
        ],
    }
    return Mention(doc, span.start, span.end, span.text, PLACE, record)
