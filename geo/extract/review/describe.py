"""What a mention of the review page resolved to, in one line: the tooltip of its highlight."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

from .. import mention as mn

if TYPE_CHECKING:
    from ..mention import Mention

KIND_LABELS = {mn.PLACE: "place", mn.ACTOR: "actor", mn.DATE: "date", mn.COUNT: "count"}


def describe(mention: Mention) -> str:
    """One line saying what a mention resolved to (the tooltip of its highlight).

    Examples
    --------
    >>> from geo.extract.mention import Mention
    >>> describe(Mention("a", 0, 5, "Alpha", "place", {"place": "ml-alpha", "name": "Alpha", "lat": 15, "lon": 1}))
    'place “Alpha”: ml-alpha Alpha (15, 1)'
    >>> describe(Mention("a", 0, 5, "Beta", "place", {"status": "ambiguous", "candidates": [{"id": "ml-b1"}]}))
    'place “Beta”: ambiguous: candidates ml-b1'
    >>> describe(Mention("a", 0, 9, "about 12 civilians killed", "count",
    ...                  {"what": "killed", "low": 12, "high": None, "qualifier": "about", "subject": "civilians"}))
    'count “about 12 civilians killed”: killed 12 or more (about), civilians'
    """
    label = f"{KIND_LABELS[mention.kind]} “{mention.text}”: "
    if mention.kind == mn.PLACE:
        return label + _describe_place(mention)
    if mention.kind == mn.ACTOR:
        actor = mention.get(mn.ACTOR_ID)
        return label + (str(actor) if actor else "not found")
    if mention.kind == mn.DATE:
        return label + _describe_date(mention)
    return label + _describe_count(mention)


def _describe_place(mention: Mention) -> str:
    status = mention.get(mn.STATUS)
    place_id = mention.get(mn.PLACE_ID)
    if status == "ambiguous" or (not place_id and mention.get(mn.CANDIDATES)):
        options = [_place_text(c) for c in mention.get(mn.CANDIDATES) or [] if isinstance(c, dict)]
        return "ambiguous: candidates " + ("; ".join(options) if options else "none listed")
    if not place_id or status == "not_found":
        return "not found"
    text = _place_text({"id": place_id, **mention.resolution})
    extra = []
    if number(mention.get(mn.UNCERTAINTY_KM)) is not None:
        extra.append(f"within {_fmt(mention.get(mn.UNCERTAINTY_KM))} km")
    if number(mention.get(mn.SCORE)) is not None:
        extra.append(f"score {_fmt(mention.get(mn.SCORE))}")
    return text + (f", {', '.join(extra)}" if extra else "")


def _place_text(place: dict[str, Any]) -> str:
    words = [str(place.get("id") or "?")]
    if place.get(mn.NAME):
        words.append(str(place[mn.NAME]))
    lat, lon = number(place.get(mn.LAT)), number(place.get(mn.LON))
    if lat is not None and lon is not None:
        words.append(f"({_fmt(lat)}, {_fmt(lon)})")
    return " ".join(words)


def _describe_date(mention: Mention) -> str:
    edtf = mention.get(mn.DATE_EDTF)
    if not edtf:
        return "not resolved"
    text = str(edtf)
    earliest, latest = mention.get(mn.EARLIEST), mention.get(mn.LATEST)
    if earliest or latest:
        first, last = str(earliest or "…"), str(latest or "…")
        if first != last or first != text:
            text += f" ({first} to {last})"
    if mention.get(mn.RELATIVE):
        text += ", relative to the document's date"
    return text


def _describe_count(mention: Mention) -> str:
    low, high = mention.get(mn.LOW), mention.get(mn.HIGH)
    if low is None and high is None:
        bounds = "?"
    elif high is None:
        bounds = f"{_fmt(low)} or more"
    elif low is None:
        bounds = f"up to {_fmt(high)}"
    elif low == high:
        bounds = _fmt(low)
    else:
        bounds = f"{_fmt(low)}–{_fmt(high)}"
    text = f"{mention.get(mn.WHAT) or 'counted'} {bounds}"
    if mention.get(mn.QUALIFIER):
        text += f" ({mention.get(mn.QUALIFIER)})"
    if mention.get(mn.SUBJECT):
        text += f", {mention.get(mn.SUBJECT)}"
    return text


def number(value: Any) -> float | None:
    """A finite number from ``value`` (a number or its text), else None (booleans included).

    Examples
    --------
    >>> number("15.5"), number(3), number("nan"), number(True), number("x")
    (15.5, 3.0, None, None, None)
    """
    if isinstance(value, bool) or value is None:
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


def _fmt(value: Any) -> str:
    found = number(value)
    if found is None:
        return str(value)
    return f"{found:,.5f}".rstrip("0").rstrip(".") if found != int(found) else f"{int(found):,}"
