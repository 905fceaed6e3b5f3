"""What the actor list lacks, by name: the world's best-known armed groups and movements
outside the list, and intergovernmental bodies (the other states, whose forces,
governments and juntas the list lacks, are in
:data:`~geo.extract.actors.lexicon.OTHER_STATE_WORDS`).
Their mentions are reported without an id (``actor`` None), as the annotation guidelines
ask ("Settled cases"), for the curator.

The table :data:`NAMED_GROUPS` is written by hand from general knowledge, one row a group:
its name as reported, the pattern of its names (English and French, matched in the case
written: "Hamas", not "hamas"), and, for a short or ambiguous name, a pattern the text
must also hold for the name to count ("RSF" is also Reporters sans frontières: it counts
only in a text about Sudan). A row never holds a name
of the actor list; a name of the list found at the same place wins, unless the row's name
holds it as a part ("al-Qaeda in the Arabian Peninsula", "Islamic State Khorasan
Province": one mention of the other group, as the guidelines ask of names inside names).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..mention import ACTOR, ACTOR_ID, NAME, Mention

# The rows: (name reported, names, names the text must also hold or "", holds a listed
# name). Names are "|"-separated regular expressions matched in the case written, on word
# boundaries, in which a space stands for spaces or a hyphen, "é" for "é" or "e" and "'"
# for any apostrophe or none.
_AQ = r"[Aa]l ?Q(?:a|u)'(?:e|i|ï)?'da"
_IS = r"(?:Islamic State|ISIS|IS|État islamique|EI)(?:'s)?"
_GROUPS: tuple[tuple[str, str, str, bool], ...] = (
    # South and Central Asia
    ("Taliban", r"Taliban|[Tt]alibans|[Tt]aleban", "", False),
    ("Tehrik-i-Taliban Pakistan", r"Tehr[ei]k [ie] Taliban(?: Pakistan)?|TTP", "Taliban|Pakistan", False),
    ("Haqqani network", r"Haqqani [Nn]etwork|réseau Haqqani", "", False),
    (
        "Islamic State Khorasan Province",
        rf"{_IS} (?:in )?(?:the )?Khorass?an(?: Province)?|ISKP|ISIS-K|IS-K|{_IS} au Khorass?an|EI-K",
        "",
        True,
    ),
    ("Lashkar-e-Taiba", r"Lashkar e Ta[iy]y?ba", "", False),
    ("Jaish-e-Mohammed", r"Jaish e Moh?amm?[ae]d", "", False),
    ("al-Qaeda in the Indian Subcontinent", rf"{_AQ} in the Indian Subcontinent|AQIS", "", True),
    ("Tamil Tigers", r"Liberation Tigers of Tamil Eelam|Tamil Tigers|LTTE|Tigres tamouls", "", False),
    # The Middle East and North Africa
    ("Hamas", r"Hamas|HAMAS", "", False),
    (
        "al-Qassam Brigades",
        r"(?:Izz (?:ad|al|el) Din )?al Qassam Brigades|Qassam Brigades|[Bb]rigades al Qassam",
        "",
        False,
    ),
    ("Palestinian Islamic Jihad", r"(?:Palestinian )?Islamic Jihad|Jihad islamique(?: palestinien)?", "", False),
    ("Hezbollah", r"Hezbollah|Hizbollah|Hizballah|Hizbullah", "", False),
    ("Kata'ib Hezbollah", r"Kata'ib Hezbollah", "", False),
    ("Houthis", r"Houthis|Houthi|Huthis|Huthi|Ansar Allah|Ansarullah", "", False),
    (
        "al-Qaeda in the Arabian Peninsula",
        rf"{_AQ} in the Arabian Peninsula|{_AQ} (?:dans|de) la péninsule [Aa]rabique|AQAP|AQPA",
        "",
        True,
    ),
    ("al-Qaeda in Iraq", rf"{_AQ} in Iraq|{_AQ} en Irak", "", True),
    ("Hayat Tahrir al-Sham", r"Hay'[ae]t Tahrir al Sham|HTS", "Tahrir|Syria|Syrie|Idlib", False),
    ("al-Nusra Front", r"(?:Jabhat|Front) al Nus?s?ra|(?:al )?Nusra Front|Front al Nosra", "", False),
    ("Hurras al-Din", r"Hurr?as (?:al|ad) Din", "", False),
    ("Jaysh al-Islam", r"Ja[iy]sh al Islam", "", False),
    ("Free Syrian Army", r"Free Syrian Army|Armée syrienne libre|FSA", "Syria|Syrie", False),
    ("Syrian Democratic Forces", r"Syrian Democratic Forces|Forces démocratiques syriennes", "", False),
    ("People's Protection Units", r"People's Protection Units|Unités de protection du peuple|YPG", "", False),
    ("Kurdistan Workers' Party", r"Kurdistan Workers' Party|Parti des travailleurs du Kurdistan|PKK", "", False),
    ("Popular Mobilisation Forces", r"Popular Mobili[sz]ation (?:Forces|Units)|Hashd al Sha'a?bi", "", False),
    ("Ansar Bayt al-Maqdis", r"Ansar B[ae][iy]t al Maqdis|Wilayat Sina[iï]", "", False),
    ("Jund al-Khilafa", r"Jund al Khil?afa(?:h)?", "", False),
    ("Ansar al-Sharia", r"Ansar al Shari'a", "", False),
    ("Libyan National Army", r"Libyan National Army|Armée nationale libyenne|LNA|ANL", "Libya|Libye|Haftar", False),
    ("Polisario Front", r"Polisario Front|Front Polisario|Polisario", "", False),
    # The Horn of Africa, Sudan, the Great Lakes, Central and Southern Africa
    ("al-Shabaab", r"[Aa]l ?Shabaa?b|[Aa]l ?Chabab|Shabaab|[Ss]hebabs?|[Cc]hebabs?", "", False),
    (
        "Rapid Support Forces",
        r"Rapid Support Forces|Forces de soutien rapide|RSF|FSR",
        r"Sudan|Soudan|Darfur|Khartoum|Hemedti|Rapid Support",
        False,
    ),
    ("Janjaweed", r"Janjaweed|Janjawid|Djandjawid|Djanjawid", "", False),
    (
        "Sudan People's Liberation Movement/Army",
        r"Sudan People's Liberation (?:Army|Movement)(?: (?:in Opposition|North))?|SPLA|SPLM(?:-IO|-N)?",
        "",
        False,
    ),
    ("Sudan Liberation Movement/Army", r"Sudan Liberation (?:Army|Movement)|SLA|SLM", r"Sudan|Soudan|Darfur", False),
    (
        "Justice and Equality Movement",
        r"Justice and Equality Movement|Mouvement pour la justice et l'égalité|JEM",
        r"Sudan|Soudan|Darfur|Justice",
        False,
    ),
    (
        "Tigray People's Liberation Front",
        r"Tigray People's Liberation Front|Front de libération du peuple du Tigré|TPLF",
        "",
        False,
    ),
    ("Fano", r"Fano", r"Amhara|Ethiopia|Éthiopie", False),
    ("Oromo Liberation Army", r"Oromo Liberation (?:Army|Front)|Armée de libération oromo|OLA|OLF", "Oromo", False),
    ("March 23 Movement", r"M23|M-23|March 23 Movement|Mouvement du 23 [Mm]ars", "", False),
    (
        "Allied Democratic Forces",
        r"Allied Democratic Forces|Forces démocratiques alliées|ADF",
        r"Allied Democratic|démocratiques alliées|Congo|Uganda|Ouganda|Ituri",
        False,
    ),
    (
        "FDLR",
        r"Democratic Forces for the Liberation of Rwanda|Forces démocratiques de libération du Rwanda|FDLR",
        "",
        False,
    ),
    ("Interahamwe", r"Interahamwe", "", False),
    ("CODECO", r"CODECO", "", False),
    ("Mai-Mai", r"Ma[iï] [Mm]a[iï]", "", False),
    ("Wazalendo", r"Wazalendo", "", False),
    ("RED-Tabara", r"RED Tabara", "", False),
    (
        "Lord's Resistance Army",
        r"Lord's Resistance Army|Armée de résistance du Seigneur|LRA",
        r"Lord|Seigneur|Kony|Uganda|Ouganda",
        False,
    ),
    ("Séléka", r"(?:ex-)?Séléka", "", False),
    ("anti-balaka", r"[Aa]nti [Bb]alakas?", "", False),
    (
        "Coalition of Patriots for Change",
        r"Coalition of Patriots for Change|Coalition des patriotes pour le changement|CPC",
        r"Central African|Centrafri|Bangui|Patriots for Change|patriotes pour le changement",
        False,
    ),
    (
        "Ambazonian separatists",
        r"Ambazonian? (?:Defen[cs]e Forces|[Ss]eparatists|[Ff]ighters|[Rr]ebels|[Mm]ilitias?)"
        r"|[Ss]éparatistes ambazoniens|Amba Boys",
        "",
        False,
    ),
    ("Ahlu Sunnah wal Jama'a", r"Ahl?u Sunn?ah? wa ?(?:l ?)?Jama'a(?:h)?|Ansar al Sunna", "", False),
    ("Islamic State Central Africa Province", rf"{_IS} Central African? Province|ISCAP", "", True),
    ("Islamic State Mozambique Province", rf"{_IS} Mozambique Province", "", True),
    ("Islamic State Somalia Province", rf"{_IS} Somalia Province", "", True),
    # West Africa and the Sahel, outside the list
    ("Ansaru", r"Ansaru", "", False),
    ("Lakurawa", r"Lakurawa", "", False),
    (
        "JAS (Boko Haram faction)",
        r"Jama'?atu Ahl(?:is|i) Sunn?a(?: Lidda'?a?wati wal Jihad)?|JAS",
        "Boko Haram|Shekau",
        False,
    ),
    ("Civilian Joint Task Force", r"Civilian Joint Task Force|Civilian JTF|CJTF", "Civilian|Borno|Boko Haram", False),
    ("Yan Sakai", r"Yan Sakai", "", False),
    ("Eastern Security Network", r"Eastern Security Network", "", False),
    (
        "Patriotic Liberation Front",
        r"Patriotic Liberation Front|Front patriotique de libération|FPL",
        "Patriotic|patriotique",
        False,
    ),
    (
        "Union of Resistance Forces",
        r"Union of Resistance Forces|Union des forces de la résistance|UFR",
        "Chad|Tchad",
        False,
    ),
    ("MEND", r"Movement for the Emancipation of the Niger Delta|MEND", r"Niger Delta|Emancipation", False),
    ("Niger Delta Avengers", r"Niger Delta Avengers", "", False),
    ("Indigenous People of Biafra", r"Indigenous People of Biafra|IPOB", "", False),
    (
        "Front for Change and Concord in Chad",
        r"Front for Change and Concord in Chad|Front pour l'alternance et la concorde au Tchad|FACT",
        r"Chad|Tchad",
        False,
    ),
    ("CCMSR", r"CCMSR", "", False),
    (
        "Niger Movement for Justice",
        r"Niger Movement for Justice|Mouvement des Nigériens pour la justice|MNJ",
        "",
        False,
    ),
    ("Ganda Koy", r"Ganda (?:Koy|Koï|Izo|Iso)", "", False),
    # A jihadist unit named "Katiba" and its name ("Katiba Serma", "la katiba Hanifa",
    # "Katibat Khalid Ibn Walid"), the list's own (Katiba Macina) aside: named as written ("").
    (
        "",
        r"[Kk]atiba[ht]? (?:(?:al|el) )?[A-Z]\w+(?:'\w+)?"
        r"(?: (?:(?:[Ii]bn|[Bb]in|[Bb]en|[Oo]uld|ag|al|el) )?[A-Z]\w+(?:'\w+)?){0,3}",
        "",
        False,
    ),
    # Europe, the Americas and Asia
    (
        "Irish Republican Army",
        r"(?:Real |New |Provisional )?IRA|Irish Republican Army",
        r"Irish|Ireland|Irlande|Belfast|Ulster",
        False,
    ),
    ("ETA", r"ETA", r"Basque|basque", False),
    (
        "FARC",
        r"FARC|Revolutionary Armed Forces of Colombia|Forces armées révolutionnaires de Colombie",
        "",
        False,
    ),
    ("National Liberation Army (Colombia)", r"ELN", r"Colombia|Colombie", False),
    ("Shining Path", r"Shining Path|Sentier lumineux|Sendero Luminoso", "", False),
    ("Zapatistas", r"Zapatistas?|EZLN", "", False),
    ("Sinaloa Cartel", r"Sinaloa [Cc]artel|[Cc]artel de Sinaloa", "", False),
    ("Jalisco New Generation Cartel", r"Jalisco New Generation Cartel|CJNG", "", False),
    # The Sahel's own groups the list lacks
    (
        "ANSIPRJ",
        r"National Alliance for the (?:Protection|Safeguard) of (?:the )?(?:Peul|Fulani|Fula) Identity"
        r" and the Restoration of Justice"
        r"|Alliance nationale pour la sauvegarde de l'identité peule et la restauration de la justice|ANSIPRJ",
        "",
        False,
    ),
    ("Arakan Army", r"Arakan Army|Arakan Rohingya Salvation Army|ARSA", "", False),
    ("Kachin Independence Army", r"Kachin Independence (?:Army|Organi[sz]ation)", "", False),
    ("Abu Sayyaf", r"Abu Sayyaf(?: Group)?", "", False),
    ("Jemaah Islamiyah", r"Jemaah Islamiy?ah", "", False),
)
# Intergovernmental bodies the list lacks, acting in a story.
_BODIES: tuple[tuple[str, str, str, bool], ...] = (
    ("European Union", r"European Union|Union européenne|EU|UE", "", False),
    ("NATO", r"NATO|OTAN|North Atlantic Treaty Organi[sz]ation", "", False),
    (
        "Alliance of Sahel States",
        r"(?:Alliance|Confederation) of (?:the )?Sahel States|(?:Alliance|Confédération) des États du Sahel|AES",
        "Alliance|Sahel",
        False,
    ),
    (
        "ECCAS",
        r"Economic Community of Central African States|Communauté économique des États de l'Afrique centrale"
        r"|ECCAS|CEEAC",
        "",
        False,
    ),
    ("Arab League", r"Arab League|League of Arab States|Ligue arabe", "", False),
    # Multinational forces and joint bodies of the region and of Africa's other wars
    (
        "Multinational Joint Task Force",
        r"Multinational Joint Task Force|Multi-National Joint Task Force|MNJTF|Force mixte multinationale|FMM",
        "Task Force|mixte|Lake Chad|lac Tchad|Boko Haram",
        False,
    ),
    ("African Union Mission in Somalia", r"AMISOM|ATMIS|African Union (?:Transition )?Mission in Somalia", "", False),
    (
        "Operational Coordination Mechanism (Mali)",
        r"[Jj]oint [Oo]perational [Mm]echanism|Operational Coordination Mechanism"
        r"|Mécanisme opérationnel de coordination",
        "",
        False,
    ),
)
_WRITTEN = {" ": r"[\s\-]+", "é": "[ée]", "É": "[ÉE]", "'": "['’`ʿ]?"}


def _regex(names: str) -> str:
    """A row's names as a regular expression (see the rows above)."""
    return "".join(_WRITTEN.get(c, c) for c in names).replace(r"[\s\-]+?", r"[\s\-]*")  # " ?": a space or none


Row = tuple[str, re.Pattern[str], re.Pattern[str] | None, bool]


def _literals(regex: str) -> tuple[str, ...]:
    """Words one of which any match of ``regex`` holds as written (the longest run of
    plain letters outside groups in each of its alternatives), or () when one alternative
    has none of three letters or more: a quick test before the search."""
    alternatives: list[list[str]] = [[]]
    depth, k, run = 0, 0, ""
    while k < len(regex):
        c = regex[k]
        optional = regex[k + 1 : k + 2] in ("?", "*", "{")
        if c == "\\":
            k += 1
        elif c in "([":
            depth += 1
        elif c in ")]":
            depth -= 1
        elif c == "|" and depth == 0:
            alternatives[-1].append(run)
            alternatives.append([])
            run = ""
        elif depth == 0 and c.isalnum() and not optional:
            run += c
            k += 1
            continue
        alternatives[-1].append(run)
        run = ""
        k += 1
    alternatives[-1].append(run)
    longest = [max(runs, key=len) for runs in alternatives]
    return tuple(longest) if all(len(w) >= 3 for w in longest) else ()


def _compiled(rows: tuple[tuple[str, str, str, bool], ...]) -> tuple[Row, ...]:
    return tuple(
        (
            name,
            # (the left word boundary is tested by add_named: a look-behind first is slow)
            re.compile(rf"(?:{_regex(names)})(?![\w])"),
            re.compile(_regex(needs)) if needs else None,
            holds,
        )
        for name, names, needs, holds in rows
    )


NAMED_GROUPS = _compiled(_GROUPS)
NAMED_BODIES = _compiled(_BODIES)
_HINTS = {
    rf"(?:{_regex(names)})(?![\w])": _literals(_regex(names)) for _name, names, _needs, _holds in _GROUPS + _BODIES
}
_WORD_BEFORE = re.compile(r"[\w\-]")


_CAPITALS_WORD = re.compile(r"[A-Z\u00c0-\u00dd]{2,}")


def in_a_headline(text: str, start: int, end: int) -> bool:
    """Whether a word in capitals stands among other words in capitals ("L'ARMÉE A EU
    TORT"), where a short name in capitals ("EU", "AU") may be a word of the headline."""
    before = text[max(0, start - 20) : start].split()
    after = text[end : end + 20].split()
    near = [w.strip(".,:;!?'’\"()") for w in (before[-1:] + after[:1])]
    return any(_CAPITALS_WORD.fullmatch(w) for w in near if w)


def add_named(
    text: str, doc: str, mentions: list[Mention], skip: Sequence[tuple[int, int]], bodies: bool = True
) -> list[Mention]:
    """The groups of :data:`NAMED_GROUPS` (and, with ``bodies``, the intergovernmental
    bodies of :data:`NAMED_BODIES`) named in ``text``, as mentions without an id, outside
    ``mentions`` (sorted by start) and the ``skip`` spans: the longest name at a place
    wins, and a row that holds a listed name replaces the mention of it inside."""
    found: list[tuple[int, int, str, bool]] = []
    for name, pattern, needs, holds in NAMED_GROUPS + (NAMED_BODIES if bodies else ()):
        hints = _HINTS[pattern.pattern]
        if (hints and not any(h in text for h in hints)) or (needs is not None and needs.search(text) is None):
            continue
        for match in pattern.finditer(text):
            if match.start() and _WORD_BEFORE.match(text, match.start() - 1):
                continue
            surface = match.group()
            if surface.isupper() and len(surface) <= 4 and in_a_headline(text, *match.span()):
                continue
            found.append((match.start(), match.end(), name, holds))
    if not found:
        return mentions
    found.sort(key=lambda f: (f[0], f[0] - f[1]))
    out = list(mentions)
    taken = list(skip)
    for start, end, name, holds in found:
        if any(s < end and start < e for s, e in taken):
            continue
        inside = [m for m in out if m.start < end and start < m.end]
        within = all(start <= m.start and m.end <= end and (m.start, m.end) != (start, end) for m in inside)
        if inside and not (holds and within):
            continue
        out = [m for m in out if all(m is not i for i in inside)]
        taken.append((start, end))
        out.append(Mention(doc, start, end, text[start:end], ACTOR, {ACTOR_ID: None, NAME: name or text[start:end]}))
    return sorted(out, key=lambda m: m.start)
