"""The actor finder: the names and aliases of ``actors.csv`` matched in a text, then the
rules of :mod:`geo.extract.actors.rules` applied to what was found.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass

from ...actors import ActorIndex, alias_forms
from ..mention import ACTOR, ACTOR_ID, NAME, Mention
from ..text import fold
from .lexicon import (
    DASHES,
    DESCRIPTOR_WORD,
    FDS_EN,
    GENERIC_ACTORS,
    GENERIC_FORCES,
    GENERIC_GOVERNMENTS,
    INNER_ACRONYM,
    JUNTA,
    MILITARY_AS_ADJECTIVE,
    PLURAL_ACRONYM,
    STATE_AFTER,
    STATE_GOVERNMENTS,
    STATE_JUNTAS,
    STATE_NAME_WORD,
    STATE_OF,
    TRANSLITERATED,
)
from .peoples import add_armed_peoples
from .rules import (
    a_sahel_story,
    a_state_of_islam,
    add_defined_acronyms,
    add_short_names,
    add_unlisted,
    an_agency_of_the_un,
    drop_descriptors,
    is_the_sahel_branch,
    names_something_else,
    not_a_name_here,
    overlaps_mention,
    provinces_after_a_dash,
    same_case,
    state_forces,
)
from .unlisted import add_named


@dataclass(frozen=True, slots=True)
class _Alias:
    actor: str
    text: str
    case_sensitive: bool


def _forms(name: str) -> tuple[list[str], list[str]]:
    """The matchable forms of one name or alias, by :func:`geo.actors.alias_forms` (the
    derivation the importer uses too): the name as written when it is plain, and the
    forms derived from it."""
    forms = alias_forms(name)
    return ([name] if forms.plain else []), forms.derived


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
        self._names = {i: actors[i].name for i in actors.ids}
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
            r"(?:(?<![\w\-])|(?<=\bpro-)|(?<=\banti-)|(?<=\bex-)|"
            + _INFOBOX_LABELS
            + r")(?:"
            + "|".join(alternatives)
            + r")(?![\w])"
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
        folded = "".join(" " if c in DASHES else f for c, f in zip(text, fold(text), strict=True))
        mentions = self._aliases_in(text, folded, doc, skip)
        # A name with its acronym in parentheses inside it ("United Nations (UN)
        # peacekeepers", "Group of Five (G5) Sahel") is one mention of the whole name.
        # (After an acronym, another in parentheses is a part of it, not its expansion:
        # "UN (MINUSMA) troops" is the UN and the mission.)
        inner = [
            m
            for m in INNER_ACRONYM.finditer(folded)
            if not _ACRONYM_BEFORE.search(text, max(0, m.start() - 12), m.start())
        ]
        if inner:
            blanked = INNER_ACRONYM.sub(lambda m: " " * len(m.group()), folded)
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
        for pattern, rendered_id in TRANSLITERATED:
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
        for match in GENERIC_FORCES.finditer(text):
            start, end = match.span()
            if any(s < end and start < e for s, e in skip):
                continue
            if MILITARY_AS_ADJECTIVE.search(text, max(0, start - 20), start) and fold(match.group()).startswith(
                "milit"
            ):
                continue  # "des camps militaires maliens": military camps, not soldiers
            state = match.group("en") or match.group("fr") or match.group("of")
            code = STATE_OF.get(re.sub(r"\s+", " ", fold(state)))
            if code == "US" and state == "us":
                continue  # "us" is a pronoun
            actor_id = state_forces(code, day)
            if actor_id is not None and actor_id not in self._actors:
                continue  # (a state the list lacks: a mention without an id, "Ivorian soldiers")
            if overlaps_mention(mentions, starts, start, end):
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
            found = self._mention(text, doc, start, end, actor_id)
            k = bisect_left(starts, start)
            mentions.insert(k, found)
            starts.insert(k, start)
        for match in GENERIC_GOVERNMENTS.finditer(text):
            start, end = match.span()
            if any(s < end and start < e for s, e in skip) or overlaps_mention(mentions, starts, start, end):
                continue
            state = match.group("en") or match.group("authorities") or match.group("fr")
            if state == "us":
                continue  # "us" is a pronoun
            code = STATE_OF.get(re.sub(r"\s+", " ", fold(state))) or ""
            actor_id = STATE_GOVERNMENTS.get(code)
            transition = match.group("transition") or match.group("transition_fr") or match.group("transition_after")
            if transition and "gouvernement" not in fold(match.group()) and (day is None or day >= "2020-08"):
                actor_id = STATE_JUNTAS.get(code, actor_id)  # transitional authorities: the military rulers
            if actor_id is not None and actor_id not in self._actors:
                continue
            k = bisect_left(starts, start)
            mentions.insert(k, self._mention(text, doc, start, end, actor_id))
            starts.insert(k, start)
        mentions = self._joined_by_hyphens(text, folded, doc, mentions)
        mentions = self._forces_named_without_their_state(text, doc, mentions, skip, day)
        mentions = [m for m in mentions if not an_agency_of_the_un(text, m) and not not_a_name_here(text, m)]
        mentions = add_short_names(text, doc, mentions, skip, self._names)
        mentions = self._juntas(text, doc, mentions, skip)
        mentions = [m for m in mentions if not names_something_else(text, m) and not a_state_of_islam(text, m)]
        if "isgs" in self._actors:
            mentions = provinces_after_a_dash(text, mentions, self._names["isgs"])
        mentions = self._plural_acronyms(text, doc, mentions, skip)
        mentions = drop_descriptors(text, sorted(mentions, key=lambda m: m.start))
        mentions = add_defined_acronyms(text, doc, mentions, skip)
        mentions = self._explained_in_parentheses(text, mentions)
        mentions = add_armed_peoples(text, doc, mentions, skip, self._names)
        mentions = add_unlisted(text, doc, add_named(text, doc, mentions, skip), skip)
        if "isgs" in self._actors and a_sahel_story(text, mentions, day):
            isgs = self._actors["isgs"]
            mentions = [
                Mention(m.doc, m.start, m.end, m.text, ACTOR, {**m.resolution, ACTOR_ID: isgs.id, NAME: isgs.name})
                if is_the_sahel_branch(text, m, mentions)
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
            descriptor = DESCRIPTOR_WORD.match(folded, start)
            if descriptor is not None:
                # "le groupe État islamique au Grand Sahara": the longer name after the descriptor
                longer = self._pattern.match(folded, descriptor.end())
                longer_key = self._by_pattern_key.get(re.sub(r"[\s\-]+", " ", longer.group())) if longer else None
                if longer is not None and longer.end() > end and longer_key in self._aliases:
                    start, end, alias = longer.start(), longer.end(), self._aliases[longer_key]
            surface = text[start:end]
            if alias.case_sensitive and not same_case(re.sub(r"\s*\([^)]*\)", "", surface), alias.text):
                continue
            actor = self._actors[alias.actor]
            mentions.append(Mention(doc, start, end, surface, ACTOR, {ACTOR_ID: actor.id, NAME: actor.name}))
        return mentions

    def _mention(self, text: str, doc: str, start: int, end: int, actor_id: str | None) -> Mention:
        """A mention of ``actor_id``, or of what the list lacks (None: named as written)."""
        name = self._names[actor_id] if actor_id is not None else text[start:end]
        return Mention(doc, start, end, text[start:end], ACTOR, {ACTOR_ID: actor_id, NAME: name})

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
            if alias is None or (alias.case_sensitive and not same_case(surface, alias.text)):
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
        for word in STATE_NAME_WORD.finditer(text):
            code = STATE_OF.get(re.sub(r"\s+", " ", fold(word.group())))
            if code in counts:
                counts[code] += 1
        code, most = max(counts.items(), key=lambda item: item[1])
        if most == 0 or sorted(counts.values())[-2] == most:
            return mentions
        actor_id = state_forces(code, day)
        if actor_id is None or actor_id not in self._actors:
            return mentions
        actor = self._actors[actor_id]
        for match in FDS_EN.finditer(text):
            start, end = match.span()
            if STATE_AFTER.match(text, end):
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
        for match in JUNTA.finditer(text):
            start, end = match.start(), match.end("led") if match.group("led") else match.end()
            state = match.group("state") or match.group("fr") or match.group("in")
            if state == "us" or any(s < end and start < e for s, e in skip):
                continue
            actor_id = STATE_JUNTAS.get(STATE_OF.get(re.sub(r"\s+", " ", fold(state))) or "")
            if actor_id is not None and actor_id not in self._actors:
                continue  # (a state the list has no junta of: a mention without an id, "the Guinean junta")
            inside = [m for m in mentions if m.start < end and start < m.end]
            if any(not (start <= m.start and m.end <= end) for m in inside) or any(
                (m.start, m.end) == (start, end) for m in inside
            ):
                continue  # already a name ("Malian junta"), or part of a longer one
            mentions = [m for m in mentions if m not in inside]
            mentions.append(self._mention(text, doc, start, end, actor_id))
        return sorted(mentions, key=lambda m: m.start)

    def _plural_acronyms(
        self, text: str, doc: str, mentions: list[Mention], skip: Sequence[tuple[int, int]]
    ) -> list[Mention]:
        """An acronym of the list with a plural "s" ("the VDPs", "FDSs") names its actor."""
        mentions = sorted(mentions, key=lambda m: m.start)
        starts = [m.start for m in mentions]
        added = []
        for match in PLURAL_ACRONYM.finditer(text):
            start, end = match.span()
            alias = self._aliases.get(fold(match.group(1)))
            if alias is None or alias.text != match.group(1) or alias.actor not in self._actors:
                continue
            if any(s < end and start < e for s, e in skip) or overlaps_mention(mentions, starts, start, end):
                continue
            actor = self._actors[alias.actor]
            added.append(Mention(doc, start, end, text[start:end], ACTOR, {ACTOR_ID: actor.id, NAME: actor.name}))
        return sorted([*mentions, *added], key=lambda m: m.start)


# An encyclopaedia's infobox flattened into text glues a label to its value ("Part
# ofPlatform of Self-Defense Movements", "PerpetratorsJama'at Nasr al-Islam"): a name may
# start right after one of these labels (folded).
_INFOBOX_LABELS = "|".join(
    rf"(?<=\b{label})"
    for label in ("perpetrators", "perpetrator", "part of", "allies", "opponents", "opponent", "belligerents")
)
_ACRONYM_BEFORE = re.compile(r"(?<![\w\-])[A-Z]{2,}$")


def _pattern(key: str) -> str:
    pieces = re.split(r"[\s\-]+", key)
    return r"[\s\-]+".join(re.escape(p) for p in pieces)
