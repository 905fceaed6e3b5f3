"""One place (or incident) of a zone on one day, and why it is there: the unit the rules
produce and the steps, shapes and layers consume."""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple, TypeAlias

from .geometry import Site
from .terms import CERTAIN

__all__ = ["Member", "state_key"]

# what a member draws: its records, tier, certainty, last confirmed day, rule, note, and cut-outs
State: TypeAlias = tuple[tuple[str, ...], str, str, dt.date | None, str, str, tuple[str, ...]]


class Member(NamedTuple):
    """One place (or incident) of a zone on one day, and why it is there."""

    site: Site
    ids: tuple[str, ...]  # the records that support it
    tier: str
    certainty: str = CERTAIN
    confirmed: dt.date | None = None  # the last day its records document (see "Certainty")
    rule: str = ""  # the rule's text, "{}" standing for the place's name ("" for incidents)
    note: str = ""  # why it is not certain ("" when it is)
    cut: tuple[Site, ...] = ()  # places cut out of it (see "Cut-outs")

    def state(self) -> State:
        cut = tuple(c.key for c in self.cut)
        return (self.ids, self.tier, self.certainty, self.confirmed, self.rule, self.note, cut)


def state_key(zones: dict[str, dict[str, Member]]) -> tuple[tuple[object, ...], ...]:
    """A hashable summary of one day's zones: two days with equal keys draw the same picture."""
    return tuple(
        sorted((zone, key, *member.state()) for zone, members in zones.items() for key, member in members.items())
    )
