"""Steps: the stretches of days over which an actor's zones stay the same, found by
walking the days on which the picture may change (event-driven), or per period."""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .members import Member, state_key
from .terms import ONE_DAY

if TYPE_CHECKING:
    from .rules import Rules

__all__ = ["Step", "Steps"]


@dataclass(frozen=True)
class Step:
    """One stretch of days over which an actor's zones do not change.

    Examples
    --------
    >>> step = Step("isgs", dt.date(2023, 1, 1), None)
    >>> step.is_empty(), step.days_held(dt.date(2030, 1, 1))
    (True, True)
    """

    actor: str
    start: dt.date
    end: dt.date | None  # None: holds past the last record
    # zone -> place or incident key -> the member: site, supporting ids, tier, certainty...
    zones: dict[str, dict[str, Member]] = field(default_factory=dict)

    def is_empty(self) -> bool:
        return not any(self.zones.values())

    def days_held(self, day: dt.date) -> bool:
        """Whether ``day`` lies in the step."""
        return self.start <= day and (self.end is None or day <= self.end)


class Steps:
    """Each actor's steps under one set of rules, each list computed once. Actor ids only."""

    def __init__(self, rules: Rules) -> None:
        self.rules = rules
        self._steps: dict[str, list[Step]] = {}
        self._claim_steps: dict[str, list[Step]] = {}
        self._step_starts: dict[str, list[dt.date]] = {}

    def steps(self, actor: str) -> list[Step]:
        """Every stretch of days over which ``actor``'s zones stay the same, in order."""
        if actor not in self._steps:
            found = self.walk(actor, self.rules.change_days(actor))
            self._steps[actor] = found
            self._step_starts[actor] = [step.start for step in found]
        return self._steps[actor]

    def claim_steps(self, actor: str) -> list[Step]:
        """The steps of ``actor``'s zones from claims only (no activity, no influence from incidents)."""
        if actor not in self._claim_steps:
            days = self.rules.change_days(actor, incidents=False)
            self._claim_steps[actor] = self.walk(actor, days, activity=False, incident_influence=False)
        return self._claim_steps[actor]

    def walk(self, actor: str, change_days: list[dt.date], **state: bool) -> list[Step]:
        """The steps of ``actor`` over ``change_days`` (runs of equal pictures merged)."""
        found: list[Step] = []
        previous: tuple[tuple[object, ...], ...] | None = None
        for day in change_days:
            zones = self.rules.state(actor, day, **state)
            key = state_key(zones)
            if found and key == previous:
                continue
            if found and found[-1].end is None:
                last = found[-1]
                found[-1] = Step(last.actor, last.start, day - ONE_DAY, last.zones)
            previous = key
            if zones:
                found.append(Step(actor, day, None, zones))
        return found

    def step_at(self, actor: str, day: dt.date) -> Step | None:
        """The step holding ``day``, or ``None`` when the actor has no zone that day."""
        steps = self.steps(actor)
        index = bisect_right(self._step_starts[actor], day) - 1
        if index < 0:
            return None
        step = steps[index]
        return step if step.days_held(day) else None

    def period_steps(
        self,
        actor: str,
        every: str,
        *,
        start: dt.date | None = None,
        end: dt.date | None = None,
        activity: bool = True,
    ) -> list[Step]:
        """``actor``'s picture per period (as of each period's last day), runs of equal
        periods merged."""
        from ..periods import periods

        if start is None or end is None:
            days = self.rules.change_days(actor)
            if not days:
                return []
            start, end = start or days[0], end or days[-1]
        found: list[Step] = []
        previous: tuple[tuple[object, ...], ...] | None = None
        for period in periods(start, end, every):
            zones = self.rules.state(actor, period.end, activity=activity)
            key = state_key(zones)
            if found and key == previous and found[-1].end == period.start - ONE_DAY:
                last = found[-1]
                found[-1] = Step(last.actor, last.start, period.end, last.zones)
            elif zones:
                found.append(Step(actor, period.start, period.end, zones))
            previous = key
        return found
