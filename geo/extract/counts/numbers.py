"""Numbers as the English sources write them, with their qualifiers: digits ("40",
"3,000", "1.5 million"), words ("two hundred and fifty", "a dozen"), vague words
("dozens", "several hundred"), ranges ("between 20 and 30") and the words that bound
them ("at least", "more than", "or so").

Bounds
------
As in the seeds' rules for numbers (``seeds/README.md``, "Numbers"):

- exact, "40": low 40, high 40;
- about, "about / around / some / nearly / almost / an estimated 40", "40 or so":
  low 40, high 40. The figure is the source's best estimate, not a bound: the seeds
  put it in ``fatalities_best`` and leave low and high empty, and the curator may
  widen it;
- at_least, "at least 40", "no fewer than 40", "40 or more": low 40, high None;
- more_than, "more than 40", "over 40": low 41, high None;
- up_to, "up to 40", "as many as 40", "at most 40": low None, high 40;
- less_than, "less than 40", "fewer than 40": low None, high 39;
- between, "between 20 and 30", "20 to 30", "20-30", "from 20 to 30", "two or
  three": low 20, high 30;
- exact for a definite word: "a dozen" 12, "half a dozen" 6, "a hundred", "a
  thousand", "two hundred and fifty";
- vague, low the floor and high None: "a few" 2, "several" 3, "a number of" 3,
  "dozens" 24, "scores" 40, "hundreds" 200, "several hundred" 300, "thousands" 2,000,
  "tens of thousands" 20,000, "hundreds of thousands" 200,000.

A qualifier before a definite or vague word is kept: "more than a dozen" is
more_than with low 13, "at least several hundred" at_least with low 300.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

EXACT = "exact"
ABOUT = "about"
AT_LEAST = "at_least"
MORE_THAN = "more_than"
UP_TO = "up_to"
LESS_THAN = "less_than"
BETWEEN = "between"
VAGUE = "vague"

_I = re.IGNORECASE
# One run of blanks holding at most one line break: a blank line ends the clause.
WS = r"(?:[^\S\n]*\n[^\S\n]*|[^\S\n]+)"
WS_RE = re.compile(WS)


def word_list(words: str) -> tuple[str, ...]:
    """The words of a space-separated list, in order.

    Examples
    --------
    >>> word_list("killed  wounded\\t hurt")
    ('killed', 'wounded', 'hurt')
    """
    return tuple(words.split())


_UNITS = {w: i for i, w in enumerate(word_list("one two three four five six seven eight nine"), 1)}
_TEENS = {
    w: i
    for i, w in enumerate(
        word_list("ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen"), 10
    )
}
_TENS = {w: 10 * i for i, w in enumerate(word_list("twenty thirty forty fifty sixty seventy eighty ninety"), 2)}
_SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000}

_UNIT_RE = "|".join(_UNITS)
_SMALL = rf"(?:(?:{'|'.join(_TENS)})(?:[-\s](?:{_UNIT_RE}))?|{'|'.join(_TEENS)}|{_UNIT_RE})"
_AND_SMALL = rf"(?:\s+(?:and\s+)?{_SMALL}(?!\s+(?:hundred|thousand|million)))"
_HUND = rf"(?:(?:a|one|{_UNIT_RE})\s+hundred{_AND_SMALL}?|{_SMALL})"
BIG = rf"(?:(?:a|one|{_HUND})\s+(?:thousand|million)(?:\s+(?:and\s+)?{_HUND})?|{_HUND})"

# Vague words and their floor (the seeds' "Numbers" table).
VAGUE_FLOORS = {
    "tens of thousands": 20_000,
    "hundreds of thousands": 200_000,
    "dozens": 24,
    "scores": 40,
    "hundreds": 200,
    "thousands": 2_000,
    "millions": 2_000_000,
    "several": 3,
    "a few": 2,
    "a number": 3,
}
_FEW = {"several": 3, "a few": 2}
_VAGUE_RE = (
    r"tens\s+of\s+thousands|hundreds\s+of\s+thousands"
    r"|(?P<few>several|a\s+few)\s+(?P<fewscale>hundred|thousand|million|dozen)"
    r"|dozens|scores|hundreds|thousands|millions|several|a\s+few|a\s+number(?=\s+of\b)"
)
_DOZEN_RE = r"(?P<dozen>half\s+a|a|one)\s+dozen"
_DIGITS_RE = (
    r"(?P<digits>\d{1,3}(?:(?:,|[ \u00a0\u202f])\d{3})+(?![\d])|\d+)"
    r"(?P<decimal>\.\d+)?(?:\s+(?P<dscale>million|thousand))?"
)
# The letters a number can start with, checked first to skip other positions quickly.
_FIRST = "".join(sorted({w[0] for w in (*_UNITS, *_TEENS, *_TENS, *VAGUE_FLOORS, "a", "half")}))
_CORE_RE = re.compile(
    rf"(?<![\w])(?=[\d{_FIRST}{_FIRST.upper()}])"
    rf"(?:(?P<vague>{_VAGUE_RE})|{_DOZEN_RE}|{_DIGITS_RE}|(?P<words>{BIG}))(?![\w])",
    _I,
)


@dataclass(slots=True)
class Core:
    """One number as written, before qualifiers: its span, value and whether vague."""

    start: int
    end: int
    value: int
    vague: bool
    digits: str = ""  # the digits as written, for digit numbers


def _word_value(words: str) -> int:
    """The value of a number written in words ("two hundred and fifty" -> 250)."""
    total = current = 0
    for token in re.split(r"[-\s]+", words.lower()):
        if token in ("a", "one"):
            current += 1
        elif token in _UNITS:
            current += _UNITS[token]
        elif token in _TEENS:
            current += _TEENS[token]
        elif token in _TENS:
            current += _TENS[token]
        elif token == "hundred":
            current = (current or 1) * 100
        elif token in ("thousand", "million"):
            total += (current or 1) * _SCALES[token]
            current = 0
    return total + current


def _core(match: re.Match[str]) -> Core | None:
    """A :class:`Core` from a match of ``_CORE_RE``; None for a non-integer."""
    start, end = match.span()
    if match["vague"]:
        phrase = " ".join(match["vague"].lower().split())
        if match["few"]:
            scale = 12 if match["fewscale"].lower() == "dozen" else _SCALES[match["fewscale"].lower()]
            return Core(start, end, _FEW[" ".join(match["few"].lower().split())] * scale, True)
        return Core(start, end, VAGUE_FLOORS[phrase], True)
    if match["dozen"]:
        return Core(start, end, 6 if match["dozen"].lower().startswith("half") else 12, False)
    if match["digits"]:
        digits = re.sub(r"[,\s\u00a0\u202f]", "", match["digits"])
        if match["dscale"]:
            value = float(digits + (match["decimal"] or "")) * _SCALES[match["dscale"].lower()]
            return Core(start, end, round(value), False, digits)
        if match["decimal"]:
            return None
        return Core(start, end, int(digits), False, digits)
    return Core(start, end, _word_value(match["words"]), False)


def find_cores(text: str) -> Iterator[Core]:
    """Every whole number written in ``text`` (digits, words, vague words), in order,
    before its qualifiers are read; a decimal number without a scale is skipped.

    Examples
    --------
    >>> [(c.start, c.end, c.value, c.vague) for c in find_cores("Two hundred and fifty fled; dozens, 1.5 million")]
    [(0, 21, 250, False), (28, 34, 24, True), (36, 47, 1500000, False)]
    """
    for match in _CORE_RE.finditer(text):
        core = _core(match)
        if core is not None:
            yield core


# Qualifiers written before the number, longest first where one ends another.
_PREFIXES = {
    ABOUT: r"about|around|approximately|roughly|some|nearly|almost|close\s+to|an\s+estimated|estimated",
    AT_LEAST: r"at\s+least|no\s+(?:fewer|less)\s+than|not\s+(?:fewer|less)\s+than|a\s+minimum\s+of",
    MORE_THAN: r"more\s+than|over|upwards\s+of|in\s+excess\s+of",
    UP_TO: r"up\s+to|as\s+many\s+as|at\s+most|no\s+more\s+than|not\s+more\s+than|a\s+maximum\s+of",
    LESS_THAN: r"less\s+than|fewer\s+than",
    BETWEEN: r"between|from",
}
_PREFIX_RE = re.compile(
    r"(?<![\w-])(?:" + "|".join(f"(?P<{name}>{words})" for name, words in _PREFIXES.items()) + rf"){WS}\Z",
    _I,
)
_SUFFIX_RE = re.compile(rf"{WS}or{WS}(?P<more>more)\b|{WS}or{WS}(?P<so>so)\b|(?P<plus>\+|-plus\b)", _I)
_RANGE_SEP_RE = re.compile(rf"[^\S\n]*[-–—][^\S\n]*|{WS}(?:to|or){WS}", _I)
_AND_SEP_RE = re.compile(rf"{WS}and{WS}", _I)


@dataclass(slots=True)
class Number:
    """A number with its qualifier: the span of the mention and its bounds."""

    start: int
    end: int
    low: int | None
    high: int | None
    qualifier: str
    cores: tuple[Core, ...]


def _bounds(value: int, qualifier: str) -> tuple[int | None, int | None]:
    """Low and high for one figure and its qualifier (see the module's table)."""
    if qualifier in (EXACT, ABOUT):
        return value, value
    if qualifier in (AT_LEAST, VAGUE):
        return value, None
    if qualifier == MORE_THAN:
        return value + 1, None
    if qualifier == UP_TO:
        return None, value
    if qualifier == LESS_THAN:
        return None, max(value - 1, 0)
    raise ValueError(qualifier)


def qualified_numbers(text: str, cores: list[Core]) -> list[Number]:
    """Join ranges ("20 to 30") and attach qualifiers to the cores (:func:`find_cores`) of ``text``.

    Examples
    --------
    >>> text = "between 20 and 30 killed, more than a dozen wounded"
    >>> [(n.start, n.end, n.low, n.high, n.qualifier) for n in qualified_numbers(text, list(find_cores(text)))]
    [(0, 17, 20, 30, 'between'), (26, 43, 13, None, 'more_than')]
    """
    numbers: list[Number] = []
    i = 0
    while i < len(cores):
        core = cores[i]
        prefix = _PREFIX_RE.search(text, max(0, core.start - 40), core.start)
        word = prefix.lastgroup if prefix else None
        nxt = cores[i + 1] if i + 1 < len(cores) else None
        if nxt is not None and not core.vague and not nxt.vague and core.value < nxt.value:
            between = text[core.end : nxt.start]
            separator = _RANGE_SEP_RE.fullmatch(between)
            if prefix and word == BETWEEN and prefix.group().lower().startswith("from"):
                joined = bool(separator) and re.search(r"\bto\b", between, _I) is not None  # "from 20 to 30"
            elif word == BETWEEN:
                joined = bool(separator or _AND_SEP_RE.fullmatch(between))  # "between 20 and 30"
            else:
                joined = bool(separator)  # "20 to 30", "20-30", "two or three"
            if joined:
                start = prefix.start() if prefix else core.start
                numbers.append(Number(start, nxt.end, core.value, nxt.value, BETWEEN, (core, nxt)))
                i += 2
                continue
        start, end = core.start, core.end
        qualifier = VAGUE if core.vague else EXACT
        if prefix and word and word != BETWEEN:
            qualifier, start = word, prefix.start()
        else:
            suffix = _SUFFIX_RE.match(text, end)
            if suffix:
                qualifier = ABOUT if suffix["so"] else AT_LEAST
                end = suffix.end()
        if core.vague and qualifier == ABOUT:
            qualifier, start = VAGUE, core.start
        low, high = _bounds(core.value, qualifier)
        numbers.append(Number(start, end, low, high, qualifier, (core,)))
        i += 1
    return numbers
