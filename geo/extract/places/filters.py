"""What is not a place (rules 1, 3 and 4): people, organisations and directions."""

from __future__ import annotations

import re

from ...names import PARTICLES
from ..text import fold
from .lexicon import (
    ABBREVIATED_TITLES,
    DIRECTIONS,
    EMIRATE,
    GIVEN_NAMES,
    ORG_HEADS,
    ORG_RUN,
    ORGANISATION_WORDS,
    PERSON_PARTICLES,
    TITLES,
)
from .words import NameWord, fold_word


def is_person(text: str, run: list[NameWord], all_words: list[NameWord], run_start: int) -> bool:
    """Whether a run of capitalised words names a person (rule 3): it holds a name particle
    of people ("Ag", "Ould"), starts with a common given name, or follows a title."""
    folded = [w.folded for w in run]
    if any(f in PERSON_PARTICLES for f in folded[1:]) or (len(run) > 1 and folded[0] in PERSON_PARTICLES):
        return True
    if len(run) > 1 and folded[0] in GIVEN_NAMES:
        return True
    after = run_start + len(run)
    if (
        after + 1 < len(all_words)
        and all_words[after].folded in PERSON_PARTICLES
        and all_words[after + 1].capital
        and text[run[-1].end : all_words[after].start] == " "
    ):
        return True  # "d'Iyad ag Ghali": a particle in lower case after the name still makes a person
    title = all_words[run_start - 1] if run_start > 0 else None
    gap = text[title.end : run[0].start] if title else ""
    before = (
        title.folded
        if title is not None and (gap == " " or (gap == ". " and title.folded in ABBREVIATED_TITLES))
        else ""
    )
    return before in TITLES or (len(run) > 1 and folded[0].rstrip(".") in TITLES)


def after_organisation_word(text: str, start: int) -> bool:
    """Whether a name follows "Journal of", "University of"..."""
    match = re.search(r"(\w+)\s+(?:of|de|du|for)\s+(?:the\s+)?$", text[max(0, start - 40) : start])
    return match is not None and match.group(1)[:1].isupper() and fold(match.group(1)) in ORGANISATION_WORDS


def direction_of(run: list[NameWord], i: int) -> bool:
    """Whether ``run[i]`` is a direction word before a particle: "Centre du Mali"."""
    return run[i].folded in DIRECTIONS and i + 1 < len(run) and run[i + 1].folded in PARTICLES


def _compass(run: list[NameWord], k: int) -> bool:
    """Whether ``run[k]`` is part of a compound of directions: "Centre-Nord", "Nord-Ouest"."""
    near = [run[j].folded for j in (k - 1, k + 1) if 0 <= j < len(run)]
    return run[k].folded in DIRECTIONS and any(w in DIRECTIONS for w in near)


def is_organisation(run: list[NameWord], all_words: list[NameWord], run_start: int) -> bool:
    """Whether a run names an organisation (rule 4): it holds a word of organisations
    ("University", "Movement"), or follows one and "of" ("University of Bamako")."""
    if any(
        w.folded in ORGANISATION_WORDS and not direction_of(run, k) and not _compass(run, k) for k, w in enumerate(run)
    ):
        return True
    if run_start >= 2 and all_words[run_start - 1].folded in ("of", "de", "du", "for"):
        head = all_words[run_start - 2]
        return head.capital and head.folded in ORGANISATION_WORDS
    return False


def compass_region(text: str, start: int, end: int) -> bool:
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


def organisation_spans(text: str) -> list[tuple[int, int]]:
    """Capitalised names joined by small words that hold a word of organisations
    (rule 4): "Movement for Oneness and Jihad in West Africa", "Radio France
    Internationale". A possessive before it is not part of it ("Mali's High Islamic
    Council"), and a headline in quotes is not a name. "in"/"en" joins only after another joining word ("... for Oneness
    and Jihad in West Africa", not "the Front in Mali"), so that the name stops there."""
    spans = []
    for match in ORG_RUN.finditer(text):
        tokens = [
            (m.start(), fold_word(m.group()), m.group()[:1].isupper()) for m in re.finditer(r"[\w'’\-]+", match.group())
        ]
        head = next((k for k, (_, w, cap) in enumerate(tokens) if cap and w in ORG_HEADS), None)
        if head is None or text[max(0, match.start() - 1) : match.start()] in ("“", '"', "‘", "«"):
            continue  # a headline in title case ("“Mali Rebel Groups Agree ...”") is no name
        if tokens[head][1] == "province" and (
            (head == len(tokens) - 1 and len(tokens) <= 3) or (head == 0 and tokens[1:2] and tokens[1][1] in PARTICLES)
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
    # An emirate named with lower-case words ("l'Émirat islamique d'Afghanistan", "l'Emirat du
    # Sahara"): the run of capitals stops at "islamique", the name does not.
    spans += [m.span() for m in EMIRATE.finditer(text)]
    return spans
