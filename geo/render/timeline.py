"""The map's time control: its dates, the incidents' window, and the subtitle that says them.

Split from :mod:`geo.render.web`.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = ["MAX_EVENT_STEPS", "default_subtitle", "time_steps"]

MAX_EVENT_STEPS = 400  # above this many change dates, step by month


def time_steps(
    layers: list[dict[str, Any]],
    start: dt.date | None,
    end: dt.date | None,
    step: str,
    window_days: int | None,
    incident_spans: Iterable[tuple[str | None, str | None]] = (),
) -> tuple[list[str], int, str]:
    """The dates of the time control, the incidents' window, and the step used.

    ``incident_spans``: the (first, last) ISO days of the incidents (which travel as columns).

    Examples
    --------
    >>> spans = [("2022-03-08", "2022-03-08"), ("2022-03-20", None)]
    >>> time_steps([], None, None, "event", None, spans)
    (['2022-03-08', '2022-03-09', '2022-03-20'], 30, 'event')
    """
    from ..periods import periods

    spans = [
        (f["properties"]["start"], f["properties"]["end"])
        for layer in layers
        if layer.get("timed")
        for f in layer["features"]
    ]
    spans.extend(incident_spans)
    starts = [first for first, _ in spans if first]
    ends = [last for _, last in spans if last]
    if not spans:
        return [], window_days or 30, step
    # Records with open starts or ends still need a step: the range asked for bounds them.
    known = starts + ends
    first = dt.date.fromisoformat(min(starts or known)) if known else (start or end)
    last = dt.date.fromisoformat(max(known)) if known else (end or start)
    if first is None or last is None:  # nothing dated at all and no range asked for
        return [], window_days or 30, step
    first = max(first, start) if start else first
    last = min(last, end) if end else last
    if start and not end:
        last = max(last, start)
    if last < first:  # every record is open-ended beyond the range: one step at its end
        first, last = (start or last), (end or first)
        first, last = min(first, last), max(first, last)
    changes = set(starts)
    for value in ends:
        changes.add((dt.date.fromisoformat(value) + dt.timedelta(days=1)).isoformat())
    events = sorted(d for d in changes if first.isoformat() <= d <= last.isoformat())
    if step == "auto":
        step = "event" if len(events) <= MAX_EVENT_STEPS else "month"
    if step == "event":
        dates = events or [first.isoformat()]
        return dates, window_days or 30, step
    chosen = periods(first, last, step)
    dates = [p.end.isoformat() for p in chosen]
    return dates, window_days or max(p.days for p in chosen), step


def default_subtitle(start: dt.date | None, end: dt.date | None, step: str, window: int) -> str:
    """The subtitle of a map whose spec gives none: its range, steps and incidents' window.

    Examples
    --------
    >>> default_subtitle(dt.date(2022, 1, 1), None, "month", 31)
    '2022-01-01 to last record; steps: month; incidents of the 31 days to each step'
    """
    span = f"{start or 'first record'} to {end or 'last record'}"
    return f"{span}; steps: {'each change' if step == 'event' else step}; incidents of the {window} days to each step"
