"""What a check gives back: the verdicts, one :class:`CheckResult` per assertion, and the
assertion row as the checks read it."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from typing import Any

from .. import schema
from .claims import ClaimedRange
from .words import format_number

__all__ = [
    "CANNOT_CHECK",
    "CONSISTENT",
    "INCONSISTENT",
    "VERDICTS",
    "Assertion",
    "CannotCheckError",
    "CheckResult",
    "is_missing",
    "make_result",
]

CONSISTENT = "consistent"
INCONSISTENT = "inconsistent"
CANNOT_CHECK = "cannot check"
VERDICTS = (CONSISTENT, INCONSISTENT, CANNOT_CHECK)


@dataclass
class CheckResult:
    """The check of one assertion.

    ``computed`` is a number in the claim's SI unit (km, km2, people, events), a dict
    ``{method: number}`` for an actor's zone (its area in km², or, for a position, the
    distance in km from the point to the zone, 0 inside), or ``None`` when nothing could
    be computed. ``computed_low``/``computed_high`` give the range the verdict used when
    it is one (a distance with the places' uncertainty; for a toll, a displacement or a
    count of events, the records' lower and upper sums, ``computed`` being the lower);
    ``computed_text`` says it in words; ``date`` is the assertion's EDTF date;
    ``method_verdicts`` gives the verdict under each influence method, ``as_of`` the day
    the zones were taken on and ``incidents`` the ids of the incidents a tally looked at.
    """

    id: str
    quantity: str
    statement: str
    sources: list[str]
    claimed: str
    claimed_low: float | None
    claimed_high: float | None
    unit: str
    verdict: str
    explanation: str
    computed: float | dict[str, float | None] | None = None
    computed_low: float | None = None
    computed_high: float | None = None
    computed_text: str = ""
    date: str = ""
    method_verdicts: dict[str, str] = field(default_factory=dict)
    as_of: dt.date | None = None
    incidents: list[str] = field(default_factory=list)

    @property
    def source(self) -> str:
        """The first source the assertion cites."""
        return self.sources[0] if self.sources else ""

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready values: unbounded sides are ``None``, the day ISO-formatted."""
        return {
            "id": self.id,
            "verdict": self.verdict,
            "quantity": self.quantity,
            "statement": self.statement,
            "date": self.date or None,
            "source": self.source,
            "sources": list(self.sources),
            "claimed": self.claimed,
            "claimed_low": self.claimed_low,
            "claimed_high": self.claimed_high,
            "unit": self.unit,
            "computed": self.computed,
            "computed_low": self.computed_low,
            "computed_high": self.computed_high,
            "computed_text": self.computed_text,
            "method_verdicts": dict(self.method_verdicts) or None,
            "as_of": self.as_of.isoformat() if self.as_of else None,
            "incidents": list(self.incidents),
            "explanation": self.explanation,
        }


class CannotCheckError(Exception):
    """The row cannot be checked; the message says why (it becomes the explanation)."""


@dataclass
class Assertion:
    """One assertion row, with empty cells as ''/None."""

    id: str
    quantity: str
    subject: str
    reference: str
    actor: str
    zone: str
    value: float
    value_high: float | None
    unit: str
    qualifier: str
    bearing: str
    date: str
    statement: str
    sources: list[str]
    start: dt.date | None
    end: dt.date | None

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Assertion:
        def text(column: str) -> str:
            value = row.get(column)
            return "" if is_missing(value) else str(value)

        def optional(column: str) -> Any:
            value = row.get(column)
            return None if is_missing(value) else value

        return cls(
            id=text(schema.ID),
            quantity=text(schema.QUANTITY),
            subject=text(schema.SUBJECT),
            reference=text(schema.REFERENCE_PLACE),
            actor=text(schema.ACTOR),
            zone=text(schema.ZONE),
            value=float(row[schema.VALUE]),
            value_high=None if optional(schema.VALUE_HIGH) is None else float(row[schema.VALUE_HIGH]),
            unit=text(schema.UNIT),
            qualifier=text(schema.QUALIFIER),
            bearing=text(schema.BEARING),
            date=text(schema.DATE),
            statement=text(schema.STATEMENT),
            sources=list(row.get(schema.SOURCES) or []),
            start=optional(schema.START),
            end=optional(schema.END),
        )

    @property
    def day(self) -> dt.date | None:
        """The day zones are taken on: the last day of the date, or its first when open-ended."""
        return self.end or self.start


def is_missing(value: Any) -> bool:
    """Whether a cell is empty: ``None``, NaN, NaT or ``pandas.NA``.

    Examples
    --------
    >>> is_missing(None), is_missing(float("nan")), is_missing(""), is_missing(0)
    (True, True, False, False)
    """
    if value is None:
        return True
    try:
        return bool(value != value)  # NaN, NaT, pandas.NA
    except (TypeError, ValueError):
        return False


def make_result(a: Assertion, claimed: ClaimedRange | None, verdict: str, explanation: str, **kw: Any) -> CheckResult:
    """The result of one assertion, with the claim as read (or as written when it could not be read)."""
    return CheckResult(
        id=a.id,
        quantity=a.quantity,
        statement=a.statement,
        sources=a.sources,
        claimed=claimed.text if claimed else f"{format_number(a.value)} {a.unit}",
        claimed_low=_rounded(claimed.low) if claimed else None,
        claimed_high=_rounded(claimed.high) if claimed else None,
        unit=claimed.unit if claimed else a.unit,
        verdict=verdict,
        explanation=explanation,
        date=a.date,
        **kw,
    )


def _rounded(value: float) -> float | None:
    return None if math.isinf(value) else round(value, 4)
