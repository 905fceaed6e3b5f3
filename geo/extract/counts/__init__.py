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

The numbers and their qualifiers are read by :mod:`.numbers` (see its "Bounds"), the
words around them are the table of :mod:`.words`.

Offsets are Python string indices, end exclusive: ``text[m.start:m.end] == m.text``.
The finder uses only :mod:`re` and reads a few words on each side of each number.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from ..mention import COUNT, HIGH, LOW, QUALIFIER, SUBJECT, WHAT, Mention
from .numbers import ABOUT as ABOUT
from .numbers import AT_LEAST as AT_LEAST
from .numbers import BETWEEN as BETWEEN
from .numbers import EXACT as EXACT
from .numbers import LESS_THAN as LESS_THAN
from .numbers import MORE_THAN as MORE_THAN
from .numbers import UP_TO as UP_TO
from .numbers import VAGUE as VAGUE
from .numbers import WS_RE, Core, Number, find_cores, qualified_numbers
from .words import (
    ACTIVE,
    AFTER_MONTH_RE,
    ANY_TRIGGER,
    BEFORE_MONTH_RE,
    COMBINED_BEFORE_RE,
    COMBINED_RE,
    COORD_RE,
    FUNCTION,
    ISO_DATE_RE,
    KILLED,
    LIFE_VERB_RE,
    LIVES_LOST_RE,
    LOSE_RE,
    MODIFIER_WHAT,
    MORE_RE,
    NOUN_WHAT,
    OBJECT_RE,
    OF_RE,
    PART_OF_RE,
    PEOPLE,
    POSSESSIVE_RE,
    POST,
    POST_RE,
    PRE,
    PRE_RE,
    REFERENCE_RE,
    TOKEN_RE,
    URL_RE,
    YEAR_BEFORE_RE,
)
from .words import DISPLACED as DISPLACED
from .words import KIDNAPPED as KIDNAPPED
from .words import WOUNDED as WOUNDED

__all__ = ["find_counts"]

_I = re.IGNORECASE


@dataclass(slots=True)
class _Reading:
    """What the words after a number say: the counted noun and where the phrase ends."""

    subject: str | None
    extent: int  # end of the number's noun phrase
    noun_what: str | None  # outcome said by the noun or a modifier ("refugees", "displaced people")
    rejected: bool  # the number counts something else ("3 villages")
    denominator: int | None  # start of the number in "30 of the 120 inhabitants"


def _reading(text: str, number: Number, core_starts: dict[int, Core]) -> _Reading:
    """Read the noun phrase after a number: its head noun, its end, and whether it counts people."""
    pos = number.end
    more = MORE_RE.match(text, pos)
    if more:
        pos = more.end()
    denominator = None
    of = OF_RE.match(text, pos)
    start_np = pos
    if of:
        if of["pronoun"]:
            return _Reading(None, of.end(), None, False, None)
        start_np = of.end()
        gap = WS_RE.match(text[start_np : start_np + 40])
        core = core_starts.get(start_np + gap.end()) if gap else None
        if core is not None:
            denominator = core.start
            start_np = core.end
    subject, extent, modifier_what = _head(text, start_np, core_starts)
    if subject is None and of:
        subject, extent, modifier_what = _head(text, pos, core_starts)
        denominator = None
    if subject is not None:
        what = NOUN_WHAT.get(subject.lower()) or modifier_what
        return _Reading(subject, extent, what, False, denominator)
    # No counted noun: a number followed by some other noun counts something else.
    rejected = text[pos : pos + 1] in ("%", "$", "€")
    gap = WS_RE.match(text[pos : pos + 40])
    token = TOKEN_RE.match(text, pos + gap.end()) if gap else None
    if token and token.start() not in core_starts:
        word = _word(token.group())
        if word[0] == token.group()[0] and word not in FUNCTION and not ANY_TRIGGER.match(word):
            rejected = True  # a lower-case word that is not a function word: "3 villages", "40 km"
    return _Reading(None, number.end, None, rejected, None)


def _word(token: str) -> str:
    """A token in lower case without a closing quote or full stop."""
    return token.lower().rstrip(".’'")


def _head(text: str, pos: int, core_starts: dict[int, Core]) -> tuple[str | None, int, str | None]:
    """The counted noun within four words of ``pos``: (noun as written, its end, outcome of a modifier)."""
    modifier_what = None
    subject = None
    end = pos
    for _ in range(4):
        gap = WS_RE.match(text, pos)
        if gap is None:
            break
        token = TOKEN_RE.match(text, gap.end())
        if token is None:
            break
        if token.start() in core_starts:
            break  # another number: "two three policemen"
        word = _word(token.group())
        if word in PEOPLE and not (subject and word in NOUN_WHAT):  # "took 3 teachers hostage"
            subject, end = token.group(), token.end()
            pos = token.end()
            continue
        if subject is not None:
            break
        if word in MODIFIER_WHAT:
            modifier_what = MODIFIER_WHAT[word]
        elif word in FUNCTION or ANY_TRIGGER.match(word):
            break
        elif token.group()[0].islower() and word.endswith(("s", "ing")):
            break  # a noun or a verb, not a modifier: "3 attacks targeting civilians"
        pos = token.end()
    return subject, end, modifier_what if subject else None


def _skip_core(text: str, core: Core, url_starts: list[int], url_ends: list[int]) -> bool:
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


def _not_a_count(text: str, number: Number, reading: _Reading) -> bool:
    """True for years, dates, references, ages and possessed figures."""
    start = number.start
    window = max(0, start - 40)
    if BEFORE_MONTH_RE.search(text, window, start) or AFTER_MONTH_RE.match(text, number.end):
        return True
    if REFERENCE_RE.search(text, window, start) or POSSESSIVE_RE.search(text, window, start):
        return True
    if PART_OF_RE.search(text, window, start):
        return True
    # a year, unless it is directly followed by the people counted ("2000 people fled")
    return any(
        _is_year(text, core) and (reading.subject is None or YEAR_BEFORE_RE.search(text, window, start))
        for core in number.cores
    )


def _is_year(text: str, core: Core) -> bool:
    """True for four digits without a separator between 1800 and 2099."""
    return len(core.digits) == 4 and text[core.start : core.end].isdigit() and 1800 <= core.value <= 2099


def _combined(text: str, end: int, what: str) -> bool:
    """True when the outcome word is joined to another ("killed or wounded"): no single outcome."""
    match = COMBINED_RE.match(text, end)
    if not match:
        return False
    other = match["other"].lower()
    return any(w != what and re.fullmatch(words, other, _I) for w, words in POST.items())


def _combined_before(text: str, start: int, what: str) -> bool:
    """True when another outcome word is joined before this one ("killed or wounded 40")."""
    match = COMBINED_BEFORE_RE.search(text, max(0, start - 30), start)
    if not match:
        return False
    other = match["other"].lower()
    return any(w != what and re.fullmatch(words, other, _I) for w, words in (*POST.items(), *PRE.items()))


@dataclass(slots=True)
class _Candidate:
    """A number that may be a count, and the outcome found for it so far."""

    number: Number
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
    for start, end in sorted(m.span() for pattern in (URL_RE, ISO_DATE_RE) for m in pattern.finditer(text)):
        if url_ends and start <= url_ends[-1]:
            url_ends[-1] = max(url_ends[-1], end)  # a date inside a URL
        else:
            url_starts.append(start)
            url_ends.append(end)
    cores = []
    for core in find_cores(text):
        if not _skip_core(text, core, url_starts, url_ends):
            cores.append(core)
    core_starts = {core.start: core for core in cores}
    candidates: list[_Candidate] = []
    denominators: set[int] = set()
    for number in qualified_numbers(text, cores):
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


def _own_what(text: str, number: Number, reading: _Reading) -> tuple[str | None, str | None]:
    """The outcome that governs a number by itself, and which rule found it."""
    window = max(0, number.start - 80)
    subject = (reading.subject or "").lower()
    if subject in ("lives", "life"):
        if LIFE_VERB_RE.search(text, window, number.start) or LIVES_LOST_RE.match(text, reading.extent):
            return KILLED, "pre"
        return None, None
    pre = PRE_RE.search(text, window, number.start)
    if pre and pre.lastgroup and not _combined_before(text, pre.start(), pre.lastgroup):
        return pre.lastgroup, "pre"
    if subject in PEOPLE and LOSE_RE.search(text, window, number.start):
        return KILLED, "pre"
    if reading.subject is None and text[number.start : number.end].lower() == "one":
        return None, None  # a pronoun: "one that killed ...", "one of them"
    post = POST_RE.match(text, reading.extent)
    if post and (reading.subject or not post["pp"]):
        what = post.lastgroup
        verb = post[what].lower() if what else ""
        if verb in ACTIVE and not post["aux"] and _active(text, post.end()):
            return None, None  # the number counts who did it: "40 gunmen killed 3 soldiers"
        if what and not _combined(text, post.end(), what):
            return what, "post"
    if reading.noun_what:
        return reading.noun_what, "noun"
    return None, None


def _active(text: str, end: int) -> bool:
    """True when an object follows a verb: a number, a determiner or people ("killed the guards")."""
    if OBJECT_RE.match(text, end):
        return True
    gap = WS_RE.match(text, end)
    token = TOKEN_RE.match(text, gap.end()) if gap else None
    return token is not None and _word(token.group()) in PEOPLE


def _inherit(text: str, candidates: list[_Candidate]) -> None:
    """Give listed numbers the outcome of their neighbour ("9 soldiers and 3 civilians were killed")."""

    def joined(left: _Candidate, right: _Candidate) -> bool:
        return bool(COORD_RE.fullmatch(text, left.reading.extent, right.number.start))

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
