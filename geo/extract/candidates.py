"""Candidate records: incident and claim rows proposed from mentions that share a sentence.

The extractor proposes; a curator disposes. Every candidate is a row in the seeds'
schema with ``review = candidate``, the offsets of the sentence it came from, the
document as its source and the sentence as evidence. The rules:

- **Both languages.** Every word list below has its French counterpart (clauses split
  at ", tandis que" / ", alors que"; "attaqué", "embuscade", "tués", "enlevés";
  "par" for "by"; "civils", "villageois"; "pris le contrôle", "s'est emparé",
  "s'est retiré", "encerclé"...).
- **Containers.** A place named only to locate another in the same clause ("Tamalat,
  near Ménaka", "Margou, in the Tillabéri region") is not an incident's place.
- **Datelines.** A place that opens a paragraph as a dateline ("BAMAKO —", "Bamako,
  8 mars 2022 (AFP) -", "MENAKA, Mali (Reuters) -") is where the report was filed,
  not where the event happened: it never becomes an incident's or a claim's place, and
  the dateline's date is not the event's.
- **Clauses.** A sentence is read clause by clause (split at ";" and at ", while" /
  ", whereas"), so that two events in one sentence stay apart.
- **Incidents.** A clause with at least one place (not a whole country) and a sign of
  violence -- a count of killed, wounded or kidnapped people, or a verb of attack
  ("attacked", "ambushed", "clashed", "killed", "kidnapped", "raided") -- gives one
  incident per place. When a clause names as many dates as places, they pair in order
  ("at Tamalat on 8 March, then at Inchinane on 9 March"); otherwise every place takes
  the clause's first date. A clause with no date takes the last date of the paragraph
  before it, and the note says so; with no date at all, the document's date.
- **Who.** ``actor1`` is the actor after "by" ("par") in a passive clause, else the
  first actor named that is not the object of an attack ("an attack on the FAMa by
  JNIM", "JNIM's attack against the FAMa", "targeting Malian troops"); ``actor2``
  the next one, or ``civilians`` when the dead or taken are civilians, villagers or
  inhabitants. An incident with no actor named has ``unidentified``.
- **Event type** (ACLED's): "Violence against civilians" when civilians are the victims
  or people were kidnapped; "Explosions/Remote violence" for a mine, IED, bomb, shelling
  or drone; otherwise "Battles".
- **Tolls.** Killed counts give ``fatalities_low``/``fatalities_high`` (and
  ``fatalities_best`` when the number is exact) and ``fatalities_text``; displaced
  counts give ``displaced``.
- **Claims.** A clause with an actor, a verb of control and a place (not a whole
  country) gives a claim: "controls" for controls/holds/occupies, "seized" for
  seized/captured/took/overran/retook, "lost" for withdrew/abandoned/lost/retreated,
  "contests" for contests/fights over, "threatens" for threatens/besieges/surrounds.
  Its ``start`` is the clause's date (or as for incidents) and its tier ``claimed``:
  one document's word.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import pairwise
from typing import TYPE_CHECKING

from .. import schema
from .mention import ACTOR, COUNT, DATE, PLACE, PLACE_KIND, Mention
from .places import CONTAINED as _CONTAINED
from .places import NEAR as _NEAR

if TYPE_CHECKING:
    from collections.abc import Iterator

    from .document import Document

__all__ = ["CLAIM", "INCIDENT", "Candidate", "propose"]

INCIDENT = "incident"
CLAIM = "claim"

_CLAUSE_BREAK = re.compile(r";|,\s+(?:while|whereas|but|tandis\s+que|alors\s+que|mais)\s")
_VIOLENCE = re.compile(
    r"\b(?:attack\w*|ambush\w*|clash\w*|raid\w*|assault\w*|fight\w*|fought|battle\w*|kill\w*|massacr\w*|"
    r"execut\w*|murder\w*|kidnap\w*|abduct\w*|bomb\w*|shell\w*|strike|struck|burn\w*|loot\w*|targeted|"
    r"violence|offensive|attaqu\w*|embuscade\w*|affrontement\w*|combats?|tu[ée]\w*|tuant|morts?|massacr\w*|"
    r"ex[ée]cut\w*|enlev\w*|enl[èe]vement\w*|assaut\w*|frappes?|bombard\w*|incendi\w*|pill\w*|violences|"
    r"accrochage\w*)\b",
    re.IGNORECASE,
)
_REMOTE = re.compile(
    r"\b(?:mines?|landmines?|IEDs?|EEI|explosive\w*|explosi[fv]\w*|bomb\w*|shell\w*|drones?|airstrikes?|air strikes?|"
    r"frappes?\s+a[ée]riennes?|obus)\b"
)
_CIVILIANS = re.compile(
    r"\b(?:civilian|villager|inhabitant|resident|people|women|children|herder|famil|civils|villageois|habitants|"
    r"personnes|femmes|enfants|[ée]leveurs|population)",
    re.I,
)
_CONTROL = (
    (
        "seized",
        re.compile(
            r"\b(?:seiz\w*|captur\w*|took|taken|take over|overr[au]n|retook|retake\w*|re-?occup\w*|"
            r"pris le contr[ôo]le|s['’](?:est|sont) empar[ée]\w*|a pris|ont pris|repris)\b",
            re.I,
        ),
    ),
    (
        "lost",
        re.compile(
            r"\b(?:withdr[ae]w\w*|abandon\w*|lost|retreat\w*|pulled out|evacuat\w*|retir[ée]\w*|quitt[ée]\w*)\b",
            re.I,
        ),
    ),
    (
        "threatens",
        re.compile(
            r"\b(?:threat\w*|besieg\w*|surround\w*|encircl\w*|blockad\w*|menac\w*|assi[ée]g\w*|encercl\w*)\b", re.I
        ),
    ),
    ("contests", re.compile(r"\b(?:contest\w*|fighting over|fight over|dispute\w*|dispute)\b", re.I)),
    (
        "controls",
        re.compile(r"\b(?:control\w*|contr[ôo]l\w*|holds?|held|occup\w*|authority over|rules?|ruled|tient)\b", re.I),
    ),
)
_BY_ACTOR = re.compile(r"\b(?:by|par)\s+(?:[\w,'’-]+\s+){0,4}$", re.I)
_TARGET = re.compile(
    r"\b(?:attacks?|assaults?|raids?|ambush(?:es)?|strikes?)\s+(?:on|against)\s+(?:[\w'’-]+\s+){0,3}$"
    r"|\btargeting\s+(?:[\w'’-]+\s+){0,3}$|\b(?:attaques?|embuscades?|assauts?)\s+(?:contre|visant)\s+"
    r"(?:[\w'’-]+\s+){0,3}$",
    re.I,
)
# A dateline: a place at the start of a paragraph, then an optional date or agency,
# then a dash ("BAMAKO —", "Bamako, 8 mars 2022 (AFP) -", "MENAKA, Mali (Reuters) -").
_DATELINE = re.compile(
    r"(?m)^[ \t]*[A-ZÀ-Ý][\w'’. \-]{0,40}?(?:,[^\n—–]{0,40}?)?\s*(?:\([^)\n]{1,30}\)\s*)?[—–-]{1,2}\s"
)


@dataclass
class Candidate:
    """One proposed record, for a curator to accept, edit or reject.

    ``row`` holds the record in the seeds' schema (the columns of ``incidents.csv`` or
    ``claims.csv``, values as text); ``evidence`` is the mentions it was built from;
    ``sentence_start``/``sentence_end`` are the offsets of the sentence in the document.
    """

    id: str
    record: str  # INCIDENT | CLAIM
    doc: str
    sentence_start: int
    sentence_end: int
    row: dict[str, str]
    evidence: list[Mention] = field(default_factory=list)

    def to_row(self, text: str) -> dict[str, str]:
        """The candidate as one row of :data:`geo.schema.CANDIDATE_COLUMNS`."""
        row = dict.fromkeys(schema.CANDIDATE_COLUMNS, "")
        row.update(self.row)
        row.update(
            {
                schema.REVIEW: schema.CANDIDATE,
                schema.RECORD: self.record,
                schema.DOC: self.doc,
                schema.SENTENCE_START: str(self.sentence_start),
                schema.SENTENCE_END: str(self.sentence_end),
                schema.ID: self.id,
                schema.EVIDENCE: " ".join(text[self.sentence_start : self.sentence_end].split()),
            }
        )
        return row


@dataclass
class _Clause:
    start: int
    end: int
    sentence: tuple[int, int]
    paragraph: int
    mentions: list[Mention]


def propose(document: Document, sentences: list[tuple[int, int]]) -> list[Candidate]:
    """The candidate records of one :class:`~geo.extract.document.Document`.

    ``sentences`` are the document's sentence spans (:func:`geo.extract.text.sentence_spans`).
    """
    text = document.text
    datelines = [m.span() for m in _DATELINE.finditer(text) if _paragraph_start(text, m.start())]
    mentions = [m for m in document.mentions if not any(a <= m.start and m.end <= b for a, b in datelines)]
    clauses = _clauses(text, sentences, mentions)
    candidates: list[Candidate] = []
    used_ids: set[str] = set()
    last_date: Mention | None = None
    last_actors: dict[int, list[Mention]] = {}
    for clause in clauses:
        dates = [m for m in clause.mentions if m.kind == DATE and m.get("date")]
        inherited = None
        if not dates:
            inherited = last_date
        else:
            last_date = dates[-1]
        places = [m for m in clause.mentions if m.kind == PLACE and m.get("place") and not _is_country(m)]
        places = _without_containers(text, places)
        if not places:
            if any(m.kind == ACTOR for m in clause.mentions):
                last_actors[clause.paragraph] = [m for m in clause.mentions if m.kind == ACTOR]
            continue
        clause_text = text[clause.start : clause.end]
        actors = [m for m in clause.mentions if m.kind == ACTOR]
        borrowed = not actors and bool(last_actors.get(clause.paragraph))
        if actors:
            last_actors[clause.paragraph] = actors
        elif borrowed:
            actors = last_actors[clause.paragraph][:1]  # "they attacked ...": the group named just before
        counts = [m for m in clause.mentions if m.kind == COUNT]
        context = _Context(document, clause, dates, inherited, actors, counts, clause_text, borrowed)
        violent = any(c.get("what") in ("killed", "wounded", "kidnapped") for c in counts) or _VIOLENCE.search(
            clause_text
        )
        if violent:
            for place, date_text, date_note in _pair(places, dates, context):
                row = _incident(context, place, date_text, date_note)
                candidates.append(_candidate(INCIDENT, row, context, [place, *actors, *counts, *dates], used_ids))
        for actor, place, status in _control_claims(text, actors if not borrowed else [], places):
            date_text, date_note = _date_for(dates[:1] or [], context)
            row = _claim(context, actor, place, status, date_text, date_note)
            candidates.append(_candidate(CLAIM, row, context, [actor, place, *dates], used_ids))
    return candidates


@dataclass
class _Context:
    document: Document
    clause: _Clause
    dates: list[Mention]
    inherited: Mention | None
    actors: list[Mention]
    counts: list[Mention]
    text: str
    borrowed_actor: bool = False


def _clauses(text: str, sentences: list[tuple[int, int]], mentions: list[Mention]) -> list[_Clause]:
    paragraphs = [m.end() for m in re.finditer(r"\n\s*\n", text)]
    ordered = sorted(mentions, key=lambda m: m.start)
    clauses = []
    for start, end in sentences:
        paragraph = sum(1 for p in paragraphs if p <= start)
        cuts = [start, *(start + m.end() for m in _CLAUSE_BREAK.finditer(text[start:end])), end]
        for a, b in pairwise(cuts):
            inside = [m for m in ordered if a <= m.start and m.end <= b]
            if inside:
                clauses.append(_Clause(a, b, (start, end), paragraph, inside))
    return clauses


def _without_containers(text: str, places: list[Mention]) -> list[Mention]:
    """The places of a clause without those named only to locate another ("Tamalat,
    near Ménaka", "Margou, in the Tillabéri region", "X (Soum province)")."""
    containers = set()
    for a, b in pairwise(places):
        gap = text[a.end : b.start]
        if _CONTAINED.fullmatch(gap) or _NEAR.fullmatch(gap) or re.fullmatch(r"\s*\(\s*(?:the\s+)?", gap):
            containers.add(id(b))
    return [p for p in places if id(p) not in containers] or places


def _paragraph_start(text: str, start: int) -> bool:
    return (
        start == 0
        or not text[:start].strip()
        or bool(re.search(r"\n[ \t]*\n[ \t]*$|\A\s*[^\n]*\n[ \t]*$", text[:start]))
    )


def _is_country(mention: Mention) -> bool:
    return mention.get(PLACE_KIND) == "country"


def _pair(places: list[Mention], dates: list[Mention], context: _Context) -> Iterator[tuple[Mention, str, str]]:
    if dates and len(dates) == len(places):
        for place, date in zip(places, dates, strict=True):
            yield place, date.get("date"), ""
        return
    date_text, note = _date_for(dates[:1], context)
    for place in places:
        yield place, date_text, note


def _date_for(dates: list[Mention], context: _Context) -> tuple[str, str]:
    if dates:
        return dates[0].get("date"), ""
    if context.inherited is not None:
        since = context.inherited.get("earliest") or context.inherited.get("date").split("/")[0]
        document_date = context.document.date
        until = document_date.latest.isoformat() if document_date is not None and document_date.latest else ".."
        if until != ".." and until < since:
            until = ".."  # the document's date is before the date named: an open end
        return f"{since}/{until}", (
            f"no date in the sentence: between the last date before it ({context.inherited.text!r}) and the "
            "document's date"
        )
    document_date = context.document.date
    if document_date is not None:
        return document_date.text, "no date in the text near it: the document's date"
    return "", "no date found: add one"


def _actors(context: _Context) -> tuple[str, str]:
    actors = [m for m in context.actors if m.get("actor")]  # (a group the actor list lacks has no id)
    clause = context.clause
    document_text = context.document.text
    ids = []
    for m in actors:
        if m.get("actor") not in ids:
            ids.append(m.get("actor"))
    passive = [m for m in actors if _attacked_by(document_text, clause.start, m.start)]
    targets = {m.get("actor") for m in actors if _TARGET.search(document_text[clause.start : m.start])}
    if not passive and targets and len(ids) > 1:
        ids = [i for i in ids if i not in targets] + [i for i in ids if i in targets]
    if passive:
        first = passive[0].get("actor")
        ids.remove(first)
        ids.insert(0, first)
    victims_civilian = any(
        c.get("what") in ("killed", "kidnapped") and _CIVILIANS.search(c.get("subject") or "") for c in context.counts
    )
    actor1 = ids[0] if ids else schema.UNIDENTIFIED_ACTOR
    actor2 = ids[1] if len(ids) > 1 else (schema.CIVILIANS_ACTOR if victims_civilian else "")
    return actor1, actor2


def _attacked_by(text: str, clause_start: int, actor_start: int) -> bool:
    """Whether the actor follows "by" after a verb of attack ("attacked by ... ISGS")."""
    by = _BY_ACTOR.search(text[clause_start:actor_start])
    if by is None:
        return False
    by_at = clause_start + by.start()
    return bool(_VIOLENCE.search(text[max(clause_start, by_at - 60) : by_at]))


def _incident(context: _Context, place: Mention, date_text: str, date_note: str) -> dict[str, str]:
    actor1, actor2 = _actors(context)
    counts = context.counts
    killed = [c for c in counts if c.get("what") == "killed"]
    displaced = [c for c in counts if c.get("what") == "displaced"]
    kidnapped = any(c.get("what") == "kidnapped" for c in counts) or re.search(r"\bkidnap|\babduct", context.text, re.I)
    if _REMOTE.search(context.text):
        event, sub_event = "Explosions/Remote violence", "Remote explosive/landmine/IED"
    elif kidnapped and not killed:
        event, sub_event = "Violence against civilians", "Abduction/forced disappearance"
    elif actor2 == schema.CIVILIANS_ACTOR or (not actor2 and killed and _CIVILIANS.search(context.text)):
        event, sub_event = "Violence against civilians", "Attack"
        actor2 = actor2 or schema.CIVILIANS_ACTOR
    else:
        event, sub_event = "Battles", "Armed clash"
    row = {
        schema.DATE: date_text or "",
        schema.PLACE: place.get("place"),
        schema.LOCATION: place.get("name") or place.text,
        schema.PRECISION: "3" if place.get(PLACE_KIND) in schema.AREA_KINDS else "1",
        schema.EVENT_TYPE: event,
        schema.SUB_EVENT_TYPE: sub_event,
        schema.ACTOR1: actor1,
        schema.ACTOR2: actor2,
        schema.SOURCES: context.document.source,
    }
    if killed:
        toll = killed[0]
        low, high = toll.get("low"), toll.get("high")
        row[schema.FATALITIES_LOW] = "" if low is None else str(low)
        row[schema.FATALITIES_HIGH] = "" if high is None else str(high)
        if low is not None and low == high and toll.get("qualifier") == "exact":
            row[schema.FATALITIES_BEST] = str(low)
        row[schema.FATALITIES_TEXT] = toll.text
    if displaced and displaced[0].get("low") is not None:
        row[schema.DISPLACED] = str(displaced[0].get("low"))
    row[schema.NOTE] = _note(context, date_note)
    return row


def _claim(
    context: _Context, actor: Mention, place: Mention, status: str, date_text: str, date_note: str
) -> dict[str, str]:
    return {
        schema.ACTOR: actor.get("actor"),
        schema.STATUS: status,
        schema.PLACE: place.get("place"),
        schema.START: date_text or "",
        schema.TIER: schema.CLAIMED,
        schema.SOURCES: context.document.source,
        schema.NOTE: _note(context, date_note),
    }


def _control_claims(text: str, actors: list[Mention], places: list[Mention]) -> Iterator[tuple[Mention, Mention, str]]:
    """(actor, place, status) for each place that an actor's verb of control governs:
    the verb stands between the actor and the place ("ISGS seized Tidermène"), or the
    place comes first and the actor follows "by" ("Tidermène was seized by ISGS")."""
    for place in places:
        for actor in actors:
            if actor.end <= place.start:
                between = text[actor.end : place.start]
            elif _BY_ACTOR.search(text[place.end : actor.start]):
                between = text[place.end : actor.start]
            else:
                continue
            if len(between) > 120:
                continue
            status = next((s for s, pattern in _CONTROL if pattern.search(between)), None)
            if status:
                yield actor, place, status
                break


def _note(context: _Context, date_note: str) -> str:
    start, end = context.clause.sentence
    notes = [f"Proposed by geo extract from {context.document.name}, characters {start}-{end}; check against the text."]
    if date_note:
        notes.append(f"{date_note[0].upper()}{date_note[1:]}.")
    if context.borrowed_actor:
        notes.append(f"No actor in the sentence: {context.actors[0].text!r} is the one named just before.")
    return " ".join(notes)


def _candidate(
    record: str, row: dict[str, str], context: _Context, evidence: list[Mention], used: set[str]
) -> Candidate:
    prefix = "cand-inc" if record == INCIDENT else "cand-clm"
    day = re.sub(r"[^0-9]+", "-", (row.get(schema.DATE) or row.get(schema.START) or "undated")).strip("-") or "undated"
    place = row.get(schema.PLACE) or "somewhere"
    base = f"{prefix}-{day}-{place}".lower()
    base = re.sub(r"[^a-z0-9]+", "-", base).strip("-")
    candidate_id, n = base, 2
    while candidate_id in used:
        candidate_id, n = f"{base}-{n}", n + 1
    used.add(candidate_id)
    start, end = context.clause.sentence
    ordered = sorted({(m.start, m.end, m.kind): m for m in evidence}.values(), key=lambda m: m.start)
    return Candidate(candidate_id, record, context.document.name, start, end, row, ordered)
