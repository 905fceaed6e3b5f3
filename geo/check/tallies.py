"""Tallies: deaths, displaced people and counts of events against the records' incidents.

The records are a curated sample, not a full count: a claim is *inconsistent* only when
the records alone already exceed it, *consistent* when the records' range meets it. The
lower bound adds up the incidents wholly in the dates and not contained in another; the
upper bound every incident that overlaps the dates (see :mod:`geo.check`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .. import schema
from ..dates import span_within, spans_overlap
from .claims import ClaimedRange, said
from .context import CheckContext
from .results import (
    CANNOT_CHECK,
    CONSISTENT,
    INCONSISTENT,
    Assertion,
    CannotCheckError,
    CheckResult,
    is_missing,
    make_result,
)
from .words import format_day, format_number, format_span

if TYPE_CHECKING:
    from shapely.geometry.base import BaseGeometry

    from ..place import Place

__all__ = ["QUANTITY_NOUNS", "Tally", "check_tally"]

QUANTITY_NOUNS = {"fatalities": "deaths", "displaced": "people displaced", "count": "events"}


def check_tally(context: CheckContext, a: Assertion, claimed: ClaimedRange) -> CheckResult:
    """Deaths, displaced people or a count of events against the records' incidents."""
    if a.quantity not in QUANTITY_NOUNS:
        raise CannotCheckError(f"Unknown quantity {a.quantity!r}.")
    if a.quantity == "count" and claimed.unit != "events":
        raise CannotCheckError(
            "The records count incidents, deaths and displaced people, not other people (fighters, troops, "
            "hostages), so the figure cannot be compared."
        )
    if not a.subject:
        raise CannotCheckError(
            "The statement names no place or area (subject), so there are no incidents to compare with."
        )
    subject = context.place(a.subject)
    tally = Tally(context, a, subject)
    noun = QUANTITY_NOUNS[a.quantity]
    scope = tally.scope_words()
    if not tally.upper_set:
        raise CannotCheckError(
            f"The records hold no incident {scope}; they are a curated sample, not a full count, "
            f"so the source's {claimed.text} is neither confirmed nor contradicted."
        )
    low, high = tally.bounds()
    count = len(tally.upper_set)
    unknown = tally.without_figure()
    held = f"The records hold {count} incident{'s' if count != 1 else ''} {scope}"
    if a.quantity == "count":
        computed_text = f"{format_span(low, high)} incident{'s' if high != 1 else ''}"
        if low != high:
            held += f" ({format_number(low)} once incidents that may be one another are set aside)"
    elif unknown == count:
        computed_text = f"no figure in {count} incident{'s' if count != 1 else ''}"
        held += f", none of which gives a figure for {noun}"
    else:
        computed_text = f"{format_span(low, high)} {noun} in {count} incident{'s' if count != 1 else ''}"
        held += f", with {format_span(low, high)} {noun}" + (" between them" if count > 1 else "")
        if unknown:
            held += f" ({unknown} of the {count} give no figure)"
    says = f"the source says {said(claimed)}"
    if claimed.exceeded_by(low):
        verdict = INCONSISTENT
        text = f"{held}: already more than the claim allows; {says}."
        if a.quantity == "fatalities":
            text += (
                " The records count every side's dead: if the source counts only some of the dead or some of "
                "the incidents, read the list of incidents before concluding."
            )
    elif claimed.meets(low, high):
        verdict = CONSISTENT
        text = f"{held}; {says}, which fits."
    else:
        verdict = CANNOT_CHECK
        text = (
            f"{held}; {says}. The records are a curated sample, not a full count, "
            "so a larger figure is not contradicted."
        )
    return make_result(
        a,
        claimed,
        verdict,
        text,
        computed=float(low),
        computed_low=float(low),
        computed_high=float(high),
        computed_text=computed_text,
        incidents=[row[schema.ID] for row in tally.upper_set],
    )


class Tally:
    """The incidents of the records that a toll, a displacement or a count of events is about."""

    def __init__(self, context: CheckContext, a: Assertion, subject: Place) -> None:
        self.context = context
        self.a = a
        self.subject = subject
        incidents = context.records.incidents
        polygon = context.polygon(subject)
        members = self._members(a.actor) if a.actor else None
        self.lower_set: list[dict[str, Any]] = []
        self.upper_set: list[dict[str, Any]] = []
        for row in incidents.to_dict("records"):
            footprint = self._footprint(row)
            if not self._in_place(row, footprint, polygon):
                continue
            if members is not None and not self._involves(row, members):
                continue
            start, end = row[schema.START], row[schema.END]
            if not spans_overlap(start, end, a.start, a.end):
                continue
            row["_footprint"] = footprint
            self.upper_set.append(row)
            if span_within(start, end, a.start, a.end):
                self.lower_set.append(row)

    def _footprint(self, row: dict[str, Any]) -> BaseGeometry:
        """The polygon of an incident placed on an area, else its point."""
        place_id = row[schema.PLACE]
        if place_id:
            try:
                place = self.context.place(place_id)
            except LookupError:
                return row["geometry"]
            polygon = self.context.polygon(place)
            if polygon is not None:
                return polygon
        return row["geometry"]

    def _in_place(self, row: dict[str, Any], footprint: BaseGeometry, polygon: BaseGeometry | None) -> bool:
        from ..areas import AREA_TOLERANCE_DEG

        if row[schema.PLACE] == self.subject.id:
            return True
        if polygon is None:
            return False
        if footprint.geom_type == "Point":
            return bool(polygon.covers(footprint))
        # An incident placed on a whole area counts only when that area lies within the subject.
        return bool(polygon.buffer(AREA_TOLERANCE_DEG).covers(footprint))

    def _members(self, actor_id: str) -> dict[str, list[Any]]:
        """The actor and each actor recorded as part of it, with when (``None`` = always)."""
        actors = self.context.records.actors
        members: dict[str, list[Any]] = {actor_id: [None]}
        for other_id in actors.ids:
            for affiliation in actors[other_id].affiliations:
                if affiliation.relation == "part_of" and affiliation.actor == actor_id:
                    members.setdefault(other_id, []).append(affiliation.when)
        return members

    def _involves(self, row: dict[str, Any], members: dict[str, list[Any]]) -> bool:
        for actor_id in row[schema.ACTORS] or []:
            for when in members.get(actor_id, []):
                if when is None or spans_overlap(row[schema.START], row[schema.END], when.earliest, when.latest):
                    return True
        return False

    def figure(self, row: dict[str, Any]) -> tuple[float, float] | None:
        """The incident's [low, high] for the quantity; ``None`` when it gives no figure."""
        quantity = self.a.quantity
        if quantity == "count":
            return 1.0, 1.0
        if quantity == "displaced":
            value = row[schema.DISPLACED]
            return None if is_missing(value) else (float(value), float(value))
        low, best, high = (None if is_missing(row[c]) else float(row[c]) for c in schema.FATALITY_COLUMNS)
        if low is None and best is None and high is None:
            return None
        low_value = next((v for v in (low, best) if v is not None), 0.0)
        high_value = next(v for v in (high, best, low) if v is not None)
        return low_value, high_value

    def without_figure(self) -> int:
        return sum(1 for row in self.upper_set if self.figure(row) is None)

    def _covers(self, outer: dict[str, Any], inner: dict[str, Any]) -> bool:
        """Whether ``outer``'s place and dates hold all of ``inner``'s."""
        if not span_within(inner[schema.START], inner[schema.END], outer[schema.START], outer[schema.END]):
            return False
        if outer[schema.PLACE] and outer[schema.PLACE] == inner[schema.PLACE]:
            return True
        a, b = outer["_footprint"], inner["_footprint"]
        if a.geom_type == "Point":
            return bool(b.geom_type == "Point" and a.equals(b))
        return bool(a.covers(b))

    def _groups(self, rows: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
        """Rows grouped as one event when each holds the other (same place and dates)."""
        groups: list[list[dict[str, Any]]] = []
        for row in rows:
            for group in groups:
                if self._covers(group[0], row) and self._covers(row, group[0]):
                    group.append(row)
                    break
            else:
                groups.append([row])
        return groups

    def bounds(self) -> tuple[float, float]:
        """The records' [lower, upper] sum for the quantity (see the module docstring)."""
        lower_groups = self._groups(self.lower_set)
        tops = [
            group
            for group in lower_groups
            if not any(
                other is not group and self._covers(other[0], group[0]) and not self._covers(group[0], other[0])
                for other in lower_groups
            )
        ]
        low = 0.0
        for group in tops:
            figures = [f for f in (self.figure(row) for row in group) if f is not None]
            low += min(f[0] for f in figures) if figures else 0.0
        high = 0.0
        for group in self._groups(self.upper_set):
            figures = [f for f in (self.figure(row) for row in group) if f is not None]
            high += max(f[1] for f in figures) if figures else 0.0
        return low, max(low, high)

    def scope_words(self) -> str:
        a = self.a
        words = f"in {self.subject.name}" if self.subject.tier == schema.AREA else f"at {self.subject.name}"
        if a.start and a.end:
            words += (
                f" on {format_day(a.start)}"
                if a.start == a.end
                else f" from {format_day(a.start)} to {format_day(a.end)}"
            )
        elif a.start:
            words += f" since {format_day(a.start)}"
        elif a.end:
            words += f" up to {format_day(a.end)}"
        if a.actor:
            words += f" involving {self.context.actor_label(a.actor)}"
        return words
