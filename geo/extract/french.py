"""French prose: the document's language, and the dates and counts of French texts.

The place, actor and candidate finders read both languages (their docstrings list the
French words); dates and counts need their own grammar, which is here. The rules are
those of :mod:`geo.extract.dates` and :mod:`geo.extract.counts`, and the mentions have
the same keys.

Language
--------
:func:`detect_language` counts function words, which every text has whatever its
subject: French ``le la les des du au aux et est sont dans pour par sur une qui que
avec ont été`` against English ``the and of to in is are was were for with that by
from on has have``. The text is French when its French words outnumber its English
ones (``en`` otherwise, and for a text with neither). ``geo extract --lang fr|en``
overrides it.

Dates
-----
- A day: "le 8 mars 2022", "8 mars", "mardi 8 mars 2022", "1er avril" -> ``2022-03-08``.
- A range: "du 8 au 10 mars 2022", "les 8 et 9 mars", "entre le 8 et le 10 mars" ->
  ``2022-03-08/2022-03-10``.
- A month: "mars 2022", "en mars 2022" -> ``2022-03``; a year: "en 2022" -> ``2022``
  (a bare year 1900-2099 counts too, unless a count noun follows it).
- Parts, as in English: "début / mi- / fin mars (2022)", "au début du mois de mars" are
  days 1-10, 11-20 and 21 to the end; "début / mi- / fin 2022", "au début de l'année
  2022" are January-April, May-August and September-December.
- "depuis X" is ``X/..``: "depuis le 8 mars", "depuis 2021", "depuis mercredi".
- Relative to the document's date: "hier", "avant-hier", "mercredi (dernier)" (the
  last such day on or before the document's date), "la semaine dernière", "le mois
  dernier", "l'année dernière", "cette année". A date without a year takes the year
  that puts it on or before the document's date. These set ``relative``; without a
  document date they have ``date`` ``None`` and a ``reason``.

Counts
------
- The number: digits ("12", "1 200", "1.200"), words ("douze", "vingt-deux"), or an
  approximate noun: "une dizaine / vingtaine / centaine" (about 10 / 20 / 100), "des
  dizaines / centaines / milliers" (vague, from 20 / 200 / 2,000), "plusieurs
  dizaines" (30), "quelques" (2).
- The qualifier before it: "au moins" (at_least), "plus de" (more_than, low + 1),
  "près de / environ / quelque" (about), "jusqu'à" (up_to), "moins de" (less_than),
  "entre 20 et 30" (between).
- The outcome: a word after the number and its noun, with only "de", an auxiliary
  ("ont été", "sont") or an adjective between ("30 civils tués", "une vingtaine de
  morts", "12 soldats ont été tués", "des dizaines de blessés"), or a verb just before
  it ("tuant au moins 9 soldats", "a tué 40 civils", "blessant 3"). Killed: tué(s),
  mort(s), décès, exécuté(s), massacré(s), "ont perdu la vie"; wounded: blessé(s);
  displaced: déplacé(s), réfugié(s), "ont fui"; kidnapped: enlevé(s), kidnappé(s),
  otage(s). A number no such word governs is not a count.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta
from typing import Any

from .mention import COUNT, DATE, Mention

__all__ = ["detect_language", "find_counts_fr", "find_dates_fr"]

_FR_WORDS = frozenset(
    "le la les des du au aux et est sont dans pour par sur une qui que avec ont été".split()  # noqa: SIM905
)
_EN_WORDS = frozenset("the and of to in is are was were for with that by from on has have".split())  # noqa: SIM905


def detect_language(text: str) -> str:
    """``fr`` or ``en``, by counting function words (see the module's docstring).

    >>> detect_language("Des hommes armés ont attaqué le village de Tamalat.")
    'fr'
    >>> detect_language("Gunmen attacked the village of Tamalat.")
    'en'
    """
    tokens = re.findall(r"[a-zéèà]+", text[:20000].lower())
    french = sum(t in _FR_WORDS for t in tokens)
    english = sum(t in _EN_WORDS for t in tokens)
    return "fr" if french > english else "en"


# --- dates -----------------------------------------------------------------------------
_MONTHS = {
    "janvier": 1,
    "janv": 1,
    "fevrier": 2,
    "février": 2,
    "fevr": 2,
    "févr": 2,
    "mars": 3,
    "avril": 4,
    "avr": 4,
    "mai": 5,
    "juin": 6,
    "juillet": 7,
    "juil": 7,
    "aout": 8,
    "août": 8,
    "septembre": 9,
    "sept": 9,
    "octobre": 10,
    "oct": 10,
    "novembre": 11,
    "nov": 11,
    "decembre": 12,
    "décembre": 12,
    "déc": 12,
    "dec": 12,
}
_WEEKDAYS = {"lundi": 0, "mardi": 1, "mercredi": 2, "jeudi": 3, "vendredi": 4, "samedi": 5, "dimanche": 6}
_M = r"(?P<m>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")"
_W = r"(?:" + "|".join(_WEEKDAYS) + r")"
_D = r"(?:1er|premier|[12]\d|3[01]|0?[1-9])"
_Y = r"(?P<y>(?:19|20)\d\d)"
_PART = r"(?P<part>début|debut|mi|milieu|fin)"

_DATE_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    (
        "range",
        re.compile(
            rf"\b(?:du|entre\s+le|les)\s+(?P<d1>{_D})(?:\s+(?P<m1>"
            + "|".join(sorted(_MONTHS, key=len, reverse=True))
            + rf"))?\s+(?:au|et\s+le|et)\s+(?P<d2>{_D})\s+{_M}(?:\s+{_Y})?",
            re.I,
        ),
    ),
    ("day", re.compile(rf"(?:\b(?:le|ce|du|au)\s+)?(?:\b{_W}\s+)?\b(?P<d>{_D})\s+{_M}(?:\s+{_Y})?(?!\w)", re.I)),
    (
        "month_part",
        re.compile(
            rf"(?:\b(?:au|à|a|en|dès|des)\s+)?\b{_PART}(?:-|\s+)(?:(?:du\s+mois\s+)?(?:de\s+|d['’])?)?{_M}(?:\s+{_Y})?(?!\w)",
            re.I,
        ),
    ),
    (
        "year_part",
        re.compile(rf"(?:\b(?:au|à|a|en|dès)\s+)?\b{_PART}(?:-|\s+)(?:(?:de\s+)?l['’]ann[ée]e\s+)?{_Y}\b", re.I),
    ),
    ("month", re.compile(rf"(?:\ben\s+)?\b{_M}\s+{_Y}\b", re.I)),
    (
        "relative",
        re.compile(
            rf"\b(?:avant-hier|hier|la\s+semaine\s+derni[èe]re|le\s+mois\s+dernier|l['’]ann[ée]e\s+derni[èe]re|"
            rf"cette\s+ann[ée]e|(?:ce\s+)?{_W}(?:\s+dernier)?)\b",
            re.I,
        ),
    ),
    ("year", re.compile(rf"(?:\ben\s+)?\b{_Y}\b(?!\s*(?:personnes|morts|civils|soldats|habitants|km|%))", re.I)),
]
_SINCE = re.compile(r"\bdepuis\s+$", re.I)


def _month_of(word: str) -> int:
    return _MONTHS[word.lower().rstrip(".")]


def _day_of(word: str) -> int:
    return 1 if word.lower() in ("1er", "premier") else int(word)


def _year_for(month: int, day: int, doc_date: date | None) -> int | None:
    if doc_date is None:
        return None
    year = doc_date.year
    return year if date(year, month, min(day, 28)) <= doc_date else year - 1


def _part_days(part: str, year: int, month: int | None) -> tuple[date, date]:
    part = part.lower().replace("debut", "début")
    if month is None:  # parts of a year
        first, last = {"début": (1, 4), "mi": (5, 8), "milieu": (5, 8), "fin": (9, 12)}[part]
        return date(year, first, 1), date(year, last, calendar.monthrange(year, last)[1])
    end = calendar.monthrange(year, month)[1]
    first, last = {"début": (1, 10), "mi": (11, 20), "milieu": (11, 20), "fin": (21, end)}[part]
    return date(year, month, first), date(year, month, last)


def _edtf(first: date, last: date) -> str:
    if first == last:
        return first.isoformat()
    end = calendar.monthrange(last.year, last.month)[1]
    if first.day == 1 and last.day == end:
        if first.year == last.year and first.month == last.month:
            return f"{first.year:04d}-{first.month:02d}"
        if (first.month, last.month) == (1, 12) and first.year == last.year:
            return f"{first.year:04d}"
        return f"{first.year:04d}-{first.month:02d}/{last.year:04d}-{last.month:02d}"
    return f"{first.isoformat()}/{last.isoformat()}"


def _resolve(kind: str, match: re.Match[str], doc_date: date | None) -> tuple[date, date, bool] | str:
    """(first day, last day, relative), or the reason it cannot be resolved."""
    g = match.groupdict()
    year = int(g["y"]) if g.get("y") else None
    if kind in ("range", "day"):
        month = _month_of(g["m"])
        d1 = _day_of(g["d1"] if kind == "range" else g["d"])
        d2 = _day_of(g["d2"]) if kind == "range" else d1
        m1 = _month_of(g["m1"]) if kind == "range" and g.get("m1") else month
        relative = year is None
        year = year or _year_for(m1, d1, doc_date)
        if year is None:
            return "document date unknown"
        try:
            return date(year, m1, d1), date(year, month, d2), relative
        except ValueError:
            return "no such day"
    if kind == "month_part":
        month = _month_of(g["m"])
        relative = year is None
        year = year or _year_for(month, 1, doc_date)
        if year is None:
            return "document date unknown"
        return (*_part_days(g["part"], year, month), relative)
    if kind in ("year_part", "month", "year"):
        if year is None:  # not reached: their patterns name the year
            return "no year"
        if kind == "year_part":
            return (*_part_days(g["part"], year, None), False)
        if kind == "month":
            month = _month_of(g["m"])
            return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1]), False
        return date(year, 1, 1), date(year, 12, 31), False
    # relative
    if doc_date is None:
        return "document date unknown"
    word = re.sub(r"\s+", " ", match.group().lower()).replace("’", "'")
    if word == "hier":
        day = doc_date - timedelta(days=1)
        return day, day, True
    if word == "avant-hier":
        day = doc_date - timedelta(days=2)
        return day, day, True
    if word.startswith("la semaine"):
        monday = doc_date - timedelta(days=doc_date.weekday() + 7)
        return monday, monday + timedelta(days=6), True
    if word.startswith("le mois"):
        last = doc_date.replace(day=1) - timedelta(days=1)
        return last.replace(day=1), last, True
    if word.startswith("l'ann"):
        return date(doc_date.year - 1, 1, 1), date(doc_date.year - 1, 12, 31), True
    if word.startswith("cette"):
        return date(doc_date.year, 1, 1), date(doc_date.year, 12, 31), True
    weekday = _WEEKDAYS[word.split()[-2] if word.endswith("dernier") else word.split()[-1]]
    day = doc_date - timedelta(days=(doc_date.weekday() - weekday) % 7)
    return day, day, True


def find_dates_fr(text: str, doc: str, *, doc_date: date | None = None) -> list[Mention]:
    """Every date expression of a French text, in order (see the module's docstring).

    >>> [(m.text, m.get("date")) for m in find_dates_fr("Le 8 mars 2022, puis fin mars.", "d")]
    [('Le 8 mars 2022', '2022-03-08'), ('fin mars', None)]
    """
    taken: list[tuple[int, int]] = []
    found: list[Mention] = []
    for kind, pattern in _DATE_PATTERNS:
        for match in pattern.finditer(text):
            start, end = match.span()
            if any(s < end and start < e for s, e in taken):
                continue
            alone = kind == "relative" and match.group().lower() in _WEEKDAYS
            if (
                alone
                and not re.search(r"\b(?:ce|depuis|le|dernier)\s*$", text[max(0, start - 12) : start], re.I)
                and not re.match(r"\s+dernier", text[end : end + 10])
            ):
                continue  # a weekday alone needs "ce", "depuis" or "dernier"
            if kind == "year" and re.search(r"[/\d]$|\d[.,]?\s$", text[max(0, start - 2) : start]):
                continue
            since = _SINCE.search(text[max(0, start - 10) : start])
            if since:
                start -= len(since.group())
            resolved = _resolve(kind, match, doc_date)
            record: dict[str, Any]
            if isinstance(resolved, str):
                record = {"date": None, "earliest": None, "latest": None, "relative": True, "reason": resolved}
            else:
                first, last, relative = resolved
                value = _edtf(first, last)
                latest: date | None = last
                if since:
                    value, latest = f"{value.split('/')[0]}/..", None
                record = {
                    "date": value,
                    "earliest": first.isoformat(),
                    "latest": latest.isoformat() if latest else None,
                    "relative": relative,
                }
            taken.append((start, end))
            found.append(Mention(doc, start, end, text[start:end], DATE, record))
    return sorted(found, key=lambda m: m.start)


# --- counts ----------------------------------------------------------------------------
_UNITS = {
    "un": 1,
    "une": 1,
    "deux": 2,
    "trois": 3,
    "quatre": 4,
    "cinq": 5,
    "six": 6,
    "sept": 7,
    "huit": 8,
    "neuf": 9,
    "dix": 10,
    "onze": 11,
    "douze": 12,
    "treize": 13,
    "quatorze": 14,
    "quinze": 15,
    "seize": 16,
    "vingt": 20,
    "trente": 30,
    "quarante": 40,
    "cinquante": 50,
    "soixante": 60,
    "cent": 100,
    "mille": 1000,
}
_APPROX = {
    "dizaine": 10,
    "douzaine": 12,
    "quinzaine": 15,
    "vingtaine": 20,
    "trentaine": 30,
    "quarantaine": 40,
    "cinquantaine": 50,
    "soixantaine": 60,
    "centaine": 100,
}
_VAGUE = {"dizaines": 20, "centaines": 200, "milliers": 2000}
_UNIT_WORDS = "|".join(sorted(_UNITS, key=len, reverse=True))
_NUMBER_WORD = rf"(?:{_UNIT_WORDS})(?:-(?:et-)?(?:{_UNIT_WORDS}))?"
_NUMBER = re.compile(
    r"(?P<q>\b(?:au\s+moins|plus\s+de|près\s+de|pres\s+de|environ|quelque|jusqu['’]à|moins\s+de)\s+)?"
    r"(?:(?P<between>\bentre\s+(?P<a>\d+)\s+et\s+(?P<b>\d+))"
    r"|(?P<approx>\bune\s+(?:" + "|".join(_APPROX) + r"))"
    r"|(?P<vague>\b(?:des|plusieurs)\s+(?:" + "|".join(_VAGUE) + r"))"
    r"|(?P<some>\bquelques)"
    r"|(?P<digits>(?<![\d,.])\d{1,3}(?:[\s\u00a0.]\d{3})+(?!\d)|(?<![\d,.])\d+(?![\d,.]\d))"
    r"|(?P<word>\b" + _NUMBER_WORD + r"\b))",
    re.I,
)
_OUTCOME_WORDS = [
    (
        "killed",
        r"tu[ée]e?s?|morts?|mortes|d[ée]c[èe]s|ex[ée]cut[ée]e?s?|massacr[ée]e?s?|tomb[ée]s|ont\s+perdu\s+la\s+vie",
    ),
    ("wounded", r"bless[ée]e?s?"),
    ("displaced", r"d[ée]plac[ée]e?s?|r[ée]fugi[ée]e?s?|ont\s+fui"),
    ("kidnapped", r"enlev[ée]e?s?|kidnapp[ée]e?s?|otages?|pris\s+en\s+otage"),
]
_NOUN = (
    r"(?P<noun>civils|soldats|militaires|personnes|villageois|habitants|hommes|femmes|enfants|jihadistes|djihadistes"
    r"|terroristes|assaillants|combattants|membres|gendarmes|policiers|casques\s+bleus|éleveurs|eleveurs|orpailleurs"
    r"|fidèles|passagers|élèves|personnes\s+civiles)"
)
_AFTER = re.compile(
    r"\s+(?:de\s+|d['’])?(?:" + _NOUN + r"(?:\s+\w+)?\s+)?"
    r"(?:(?:ont|a|avaient|auraient|sont|ont\s+été|a\s+été|auraient\s+été"
    r"|avaient\s+été|sont\s+morts?\s+et|ont\s+été\s+retrouvés)\s+)?(?P<w>"
    + "|".join(f"(?P<{what}>{words})" for what, words in _OUTCOME_WORDS)
    + r")\b",
    re.I,
)
_BEFORE = re.compile(
    r"\b(?:(?P<killed>tuant|tu[ée]|tuer|coûté\s+la\s+vie\s+à|massacr[ée]|ex[ée]cut[ée])|(?P<wounded>blessant|bless[ée])"
    r"|(?P<kidnapped>enlevant|enlev[ée]|kidnapp[ée])|(?P<displaced>d[ée]plac[ée]|chass[ée]))\s+$",
    re.I,
)
_NOUN_AFTER = re.compile(r"\s+(?:de\s+|d['’])?" + _NOUN, re.I)


def _value(match: re.Match[str]) -> tuple[int | None, int | None, str]:
    g = match.groupdict()
    qualifier = {
        "au moins": "at_least",
        "plus de": "more_than",
        "près de": "about",
        "pres de": "about",
        "environ": "about",
        "quelque": "about",
        "jusqu'à": "up_to",
        "moins de": "less_than",
    }.get(re.sub(r"\s+", " ", (g["q"] or "").strip().lower().replace("’", "'")), "exact")
    if g["between"]:
        return int(g["a"]), int(g["b"]), "between"
    if g["approx"]:
        n = _APPROX[g["approx"].split()[-1].lower()]
        qualifier = "about" if qualifier == "exact" else qualifier
    elif g["vague"]:
        word = g["vague"].split()[-1].lower()
        n = _VAGUE[word] * (3 if g["vague"].lower().startswith("plusieurs") else 2) // 2
        return n, None, "vague"
    elif g["some"]:
        return 2, None, "vague"
    elif g["digits"]:
        n = int(re.sub(r"[\s\u00a0.]", "", g["digits"]))
    else:
        parts = g["word"].lower().replace("-et-", "-").split("-")
        n = sum(_UNITS[p] for p in parts)
    low, high = {
        "exact": (n, n),
        "about": (n, n),
        "at_least": (n, None),
        "more_than": (n + 1, None),
        "up_to": (None, n),
        "less_than": (None, n - 1),
    }[qualifier]
    return low, high, qualifier


def find_counts_fr(text: str, doc: str) -> list[Mention]:
    """Every count of killed, wounded, displaced or kidnapped people in a French text.

    >>> [(m.text, m.get("what"), m.get("low")) for m in find_counts_fr("Au moins 30 civils tués.", "d")]
    [('Au moins 30', 'killed', 30)]
    """
    found = []
    for match in _NUMBER.finditer(text):
        start, end = match.span()
        if match.group("digits") and re.match(r"(?:19|20)\d\d$", match.group("digits")):
            continue  # a year
        if match.group("word") and match.group("word").lower() in ("un", "une") and not match.group("q"):
            continue  # the article
        if re.match(r"\s*(?:%|km|kilom|h\b|heures)", text[end : end + 8]):
            continue
        if re.search(r"https?://\S*$", text[max(0, start - 200) : start]):
            continue
        after = _AFTER.match(text, end)
        before = _BEFORE.search(text[max(0, start - 40) : start])
        what, subject = None, None
        if after:
            what = next(w for w, _ in _OUTCOME_WORDS if after.group(w))
            subject = after.group("noun")
        elif before:
            what = next(k for k in ("killed", "wounded", "kidnapped", "displaced") if before.group(k))
            noun = _NOUN_AFTER.match(text, end)
            subject = noun.group("noun") if noun else None
        if what is None:
            continue
        low, high, qualifier = _value(match)
        record = {"what": what, "low": low, "high": high, "qualifier": qualifier, "subject": subject}
        found.append(Mention(doc, start, end, text[start:end], COUNT, record))
    return found


def document_date_fr(text: str) -> date | None:
    """The date a French text states near its top: "Publié le 8 mars 2022", or a day
    with its year on one of its first ten lines ("Bamako, 8 mars 2022 (AFP) -")."""
    lines = [line for line in text.splitlines() if line.strip()][:10]
    head = "\n".join(lines)
    for mention in find_dates_fr(head, "head"):
        value = mention.get("date") or ""
        if not mention.get("relative") and re.fullmatch(r"\d{4}-\d\d-\d\d", value):
            return date.fromisoformat(value)
    return None
