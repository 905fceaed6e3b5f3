"""Check the sources' numbers: every assertion against the gazetteer, the records and the influence geometry.

:func:`check_assertions` evaluates each row of ``assertions.csv`` ("75 km north of
Ménaka", "about 80,000 km²", "less than 40 miles from Mopti", "between 300 and 500
killed") and returns one :class:`CheckResult` per assertion, in file order, with the
claim, what the toolkit computes, a verdict and a plain explanation. ``geo check``
prints them.

Verdicts
--------
``consistent``
    what the toolkit computes fits the claim, within the tolerances below;
``inconsistent``
    it does not, and the explanation says which part fails;
``cannot check``
    the data cannot settle it: no place to measure, no population figure, records that
    are only a sample, or influence methods that disagree; the explanation says why.

A problem with one row (a place missing from your own gazetteer, say) makes that row
"cannot check" with the reason; every assertion yields exactly one row.

Reading the claim (the tolerance rule)
--------------------------------------
- ``exact``: a figure as written is a round figure, read as ± half a unit of its last
  non-zero digit: 75 → 74.5–75.5, 80,000 → 75,000–85,000, 5 → 4.5–5.5, 1,277 →
  1,276.5–1,277.5.
- ``about``: ±10 % or the ``exact`` rule, whichever is wider: about 75 → 67.5–82.5,
  about 2,000 → 1,500–2,500.
- ``at_least`` / ``at_most``: one-sided, the value included; ``more_than`` /
  ``less_than``: one-sided, the value excluded.
- ``between``: ``value``–``value_high``, both included.
- Units are converted first: mi → km (× 1.609344), m → km, mi² → km² (× 2.589988).

What is computed
----------------
- **Distance** between ``subject`` and ``reference``: geodesic on WGS84
  (:func:`geo.measure.geodesic`), with the two places' ``uncertainty_km`` added up as a
  range [d − u, d + u]; consistent when that range meets the claimed range. With a
  ``bearing``, the initial bearing from the reference to the subject must also lie
  within ±45° of the compass point (not tested when the places lie within their
  uncertainty of each other).
- **Position** (a distance with no subject, an ``actor`` and a ``bearing``: "ISGS 75 km
  north of Ménaka"): the point at the claimed distance and bearing from the reference
  (:func:`geo.measure.destination`) is tested against the actor's zone (``zone``, or
  all its zones) on the assertion's day, under each influence method: it fits when it
  lies inside, or within the claim's half-width plus the reference's uncertainty of it.
- **Area** with an ``actor``: the geodesic area of the actor's zone under each
  influence method; without: the area of the ``subject``'s polygon.
- **Population**: the gazetteer's figure for the ``subject`` (from GeoNames, undated;
  0 means unknown).
- **Fatalities, displaced, count of events**: the records' incidents in the
  ``subject`` (at that place, or inside that area; an incident placed on a whole area
  counts only when that area lies within the subject), in the assertion's dates,
  involving the ``actor`` (or a group that was then part of it) when one is given. The
  records are a curated sample, not a full count: the claim is *inconsistent* only when
  the records alone already exceed it, *consistent* when the records' range meets it,
  else it cannot be checked. An incident's figure runs from its low (else its best
  estimate, else 0) to its high (else its best, else its low); displaced is one figure;
  an event counts 1. The lower bound adds up only incidents that lie wholly in the dates
  and are not contained in another (an incident recorded for a whole area and period is
  taken to include those inside it; two reports of one event, same place and dates,
  count once with the smaller figure); the upper bound adds up every incident that
  overlaps the dates (two reports of one event once, with the larger figure). The
  records do not say who died, so every side's dead count: a claim about some of the
  dead ("soldiers killed") or some of the incidents ("three assaults") can be flagged
  inconsistent when the records hold more; the explanation says so, and the result
  lists the incidents.

Dates: the zones are taken on the **last day** of the assertion's date interval (the
situation the source describes as it stood when the period closed; "April 2023" →
30 April 2023), or its first day when the interval is open at the end. An undated area
or position assertion cannot be checked against zones that change over time.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from . import schema
from .errors import GeoError, InputError

if TYPE_CHECKING:
    from .frames import Records
    from .gazetteer import Gazetteer
    from .place import Place

__all__ = [
    "CANNOT_CHECK",
    "CONSISTENT",
    "DEFAULT_METHODS",
    "INCONSISTENT",
    "VERDICTS",
    "CheckResult",
    "ClaimedRange",
    "check_assertions",
    "claimed_range",
    "round_figure_tolerance",
]

CONSISTENT = "consistent"
INCONSISTENT = "inconsistent"
CANNOT_CHECK = "cannot check"
VERDICTS = (CONSISTENT, INCONSISTENT, CANNOT_CHECK)

DEFAULT_METHODS = ("buffer", "voronoi")
METHOD_LABELS = {"buffer": "buffer", "voronoi": "Voronoi"}

ABOUT_FRACTION = 0.10  # "about": ±10 % (or the round-figure rule, whichever is wider)
BEARING_TOLERANCE_DEG = 45.0  # a compass point fits bearings within ±45°
KM_PER_MI = 1.609344
KM2_PER_MI2 = KM_PER_MI**2

# unit -> (SI unit, factor)
_UNITS: dict[str, tuple[str, float]] = {
    "km": ("km", 1.0),
    "mi": ("km", KM_PER_MI),
    "m": ("km", 0.001),
    "km2": ("km2", 1.0),
    "mi2": ("km2", KM2_PER_MI2),
    "people": ("people", 1.0),
    "events": ("events", 1.0),
}
_UNIT_SYMBOLS = {"km2": "km²", "mi2": "mi²"}
_QUALIFIER_WORDS = {
    "exact": "",
    "about": "about ",
    "at_least": "at least ",
    "more_than": "more than ",
    "at_most": "at most ",
    "less_than": "less than ",
}
_QUANTITY_NOUNS = {"fatalities": "deaths", "displaced": "people displaced", "count": "events"}


# --- reading the claim -----------------------------------------------------------------------
def round_figure_tolerance(value: float) -> float:
    """Half a unit of the last non-zero digit of ``value``: how far a round figure may be off.

    Examples
    --------
    >>> round_figure_tolerance(75), round_figure_tolerance(80000), round_figure_tolerance(5)
    (0.5, 5000.0, 0.5)
    >>> round_figure_tolerance(8.4), round_figure_tolerance(1350)
    (0.05, 5.0)
    """
    exponent = Decimal(repr(float(value))).normalize().as_tuple().exponent
    return 0.5 * 10.0 ** int(exponent) if isinstance(exponent, int) else 0.5


@dataclass(frozen=True)
class ClaimedRange:
    """What a claim allows, in SI units (km, km2, people, events): ``low``–``high``.

    ``high`` is ``math.inf`` for "at least" and "more than"; ``low_strict`` and
    ``high_strict`` exclude the bound itself ("more than", "less than"). ``text`` is the
    claim as a reader would say it ("about 75 km", "less than 40 mi").
    """

    low: float
    high: float
    unit: str
    text: str
    low_strict: bool = False
    high_strict: bool = False

    def contains(self, value: float) -> bool:
        """Whether ``value`` fits the claim.

        Examples
        --------
        >>> claimed_range(40, "less_than", "mi").contains(64.0)
        True
        """
        return self.meets(value, value)

    def meets(self, low: float, high: float) -> bool:
        """Whether some value of ``[low, high]`` fits the claim.

        Examples
        --------
        >>> about_75 = claimed_range(75, "about", "km")
        >>> about_75.meets(22.2, 40.2), about_75.meets(60.0, 70.0)
        (False, True)
        """
        above_low = high > self.low if self.low_strict else high >= self.low
        below_high = low < self.high if self.high_strict else low <= self.high
        return above_low and below_high

    def exceeded_by(self, value: float) -> bool:
        """Whether ``value`` lies above everything the claim allows."""
        return value >= self.high if self.high_strict else value > self.high

    @property
    def half_width(self) -> float:
        """Half the width of a bounded range; 0 for a one-sided one."""
        return (self.high - self.low) / 2 if math.isfinite(self.high) and self.low > 0 else 0.0

    def describe(self) -> str:
        """The range in words and SI units: ``67.5–82.5 km``, ``more than 250 events``.

        Examples
        --------
        >>> claimed_range(80000, "exact", "km2").describe()
        '75,000–85,000 km²'
        >>> claimed_range(40, "less_than", "mi").describe()
        'less than 64.37 km'
        >>> claimed_range(300, "more_than", "people").describe()
        'more than 300 people'
        """
        unit = _UNIT_SYMBOLS.get(self.unit, self.unit)
        if math.isinf(self.high):
            return f"{'more than' if self.low_strict else 'at least'} {_number(self.low)} {unit}"
        if self.low == 0 and not self.low_strict and self.text.startswith(("less than", "at most")):
            return f"{'less than' if self.high_strict else 'at most'} {_number(self.high)} {unit}"
        return f"{_number(self.low)}–{_number(self.high)} {unit}"


def claimed_range(
    value: float, qualifier: str, unit: str, *, value_high: float | None = None, bearing: str = ""
) -> ClaimedRange:
    """The range a claim allows, by the tolerance rule of the module docstring.

    Examples
    --------
    >>> r = claimed_range(75, "exact", "km", bearing="N")
    >>> r.text, r.low, r.high
    ('75 km N', 74.5, 75.5)
    >>> r = claimed_range(75, "about", "km")
    >>> r.text, r.low, r.high
    ('about 75 km', 67.5, 82.5)
    >>> r = claimed_range(80000, "about", "km2")
    >>> r.low, r.high
    (72000.0, 88000.0)
    >>> r = claimed_range(2000, "about", "people")  # the round-figure rule is wider here
    >>> r.low, r.high
    (1500.0, 2500.0)
    >>> r = claimed_range(40, "less_than", "mi")
    >>> r.text, r.low, round(r.high, 3), r.high_strict
    ('less than 40 mi', 0.0, 64.374, True)
    >>> r = claimed_range(300, "between", "people", value_high=500)
    >>> r.text, r.low, r.high
    ('between 300 and 500 people', 300.0, 500.0)
    >>> claimed_range(250, "more_than", "events").high
    inf
    >>> claimed_range(1, "exact", "furlongs")
    Traceback (most recent call last):
    ...
    geo.errors.InputError: unknown unit 'furlongs'; use one of events, km, km2, m, mi, mi2, people
    """
    if unit not in _UNITS:
        raise InputError(f"unknown unit {unit!r}; use one of {', '.join(sorted(_UNITS))}")
    si_unit, factor = _UNITS[unit]
    symbol = _UNIT_SYMBOLS.get(unit, unit)
    direction = f" {bearing}" if bearing else ""
    value = float(value)
    strict_low = strict_high = False
    if qualifier == "exact":
        half = round_figure_tolerance(value)
        low, high = value - half, value + half
    elif qualifier == "about":
        half = max(abs(value) * ABOUT_FRACTION, round_figure_tolerance(value))
        low, high = value - half, value + half
    elif qualifier in ("at_least", "more_than"):
        low, high, strict_low = value, math.inf, qualifier == "more_than"
    elif qualifier in ("at_most", "less_than"):
        low, high, strict_high = 0.0, value, qualifier == "less_than"
    elif qualifier == "between":
        if value_high is None:
            raise InputError("'between' needs an upper bound (value_high)")
        low, high = value, float(value_high)
    else:
        raise InputError(f"unknown qualifier {qualifier!r}; use one of {', '.join(sorted(schema.QUALIFIERS))}")
    if qualifier == "between":
        text = f"between {_number(value)} and {_number(float(value_high or 0))} {symbol}{direction}"
    else:
        text = f"{_QUALIFIER_WORDS[qualifier]}{_number(value)} {symbol}{direction}"
    return ClaimedRange(
        low=max(low, 0.0) * factor,
        high=high * factor,
        unit=si_unit,
        text=text,
        low_strict=strict_low,
        high_strict=strict_high,
    )


# --- results -----------------------------------------------------------------------------------
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
    as_of: date | None = None
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


# --- the checker -------------------------------------------------------------------------------
def check_assertions(
    records: Records,
    gazetteer: Gazetteer,
    *,
    methods: Iterable[str] = DEFAULT_METHODS,
    influence: Callable[..., Any] | None = None,
    ids: Iterable[str] | None = None,
) -> list[CheckResult]:
    """Check every assertion of ``records`` (or those of ``ids``), in file order.

    ``methods`` are the influence methods an actor's zone is built with;
    ``influence`` builds the zones, called as ``influence(records, gazetteer=...,
    method=...)`` and returning an object whose ``at(actor, day)`` gives the actor's
    zones that day (default: :class:`geo.influence.Influence`). An unknown id in ``ids``
    raises :class:`~geo.errors.InputError`.

    Examples
    --------
    >>> from geo import Gazetteer
    >>> from geo.frames import load_records
    >>> gazetteer = Gazetteer.load()
    >>> records = load_records(gazetteer=gazetteer)
    >>> [konna] = check_assertions(records, gazetteer, ids=["asr-konna-mopti"])
    >>> konna.claimed, round(konna.computed, 1), konna.verdict
    ('less than 40 mi', 59.5, 'consistent')
    >>> konna.explanation.split(";")[0]
    "Konna and Mopti are 59.5 km apart in the gazetteer (52.5–66.5 km with the places' uncertainty of ±7 km)"
    """
    methods = tuple(dict.fromkeys(methods))
    if not methods:
        raise InputError("no influence method given; use buffer, voronoi or both")
    if influence is None:
        influence = _default_influence(methods)
    rows = records.assertions.to_dict("records")
    if ids is not None:
        wanted = list(dict.fromkeys(ids))
        known = {row[schema.ID] for row in rows}
        unknown = [i for i in wanted if i not in known]
        if unknown:
            import difflib

            close = difflib.get_close_matches(unknown[0], sorted(known), n=1)
            hint = f"did you mean {close[0]!r}?" if close else "see the ids in assertions.csv"
            raise InputError(f"no assertion has the id {unknown[0]!r}; {hint}")
        rows = [row for row in rows if row[schema.ID] in set(wanted)]
    checker = _Checker(records, gazetteer, methods, influence)
    return [checker.check(row) for row in rows]


def _default_influence(methods: tuple[str, ...]) -> Callable[..., Any] | None:
    """geo.influence's Influence, after checking the methods; ``None`` when it is not installed."""
    try:
        from .influence import METHODS, Influence
    except ImportError:
        known, factory = DEFAULT_METHODS, None
    else:
        known, factory = tuple(METHODS), Influence
    unknown = [m for m in methods if m not in known]
    if unknown:
        raise InputError(f"unknown influence method {unknown[0]!r}; use one of {', '.join(known)}")
    return factory


class _CannotCheckError(Exception):
    """The row cannot be checked; the message says why."""


@dataclass
class _Assertion:
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
    start: date | None
    end: date | None

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> _Assertion:
        def text(column: str) -> str:
            value = row.get(column)
            return "" if _missing(value) else str(value)

        def optional(column: str) -> Any:
            value = row.get(column)
            return None if _missing(value) else value

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
    def day(self) -> date | None:
        """The day zones are taken on: the last day of the date, or its first when open-ended."""
        return self.end or self.start


def _missing(value: Any) -> bool:
    if value is None:
        return True
    try:
        return bool(value != value)  # NaN, NaT, pandas.NA
    except (TypeError, ValueError):
        return False


class _Checker:
    def __init__(
        self, records: Records, gazetteer: Gazetteer, methods: tuple[str, ...], influence: Callable[..., Any] | None
    ) -> None:
        self.records = records
        self.gazetteer = gazetteer
        self.methods = methods
        self.influence = influence
        self._influences: dict[str, Any] = {}
        self._zones: dict[tuple[str, str, date], Any] = {}

    # --- one row --------------------------------------------------------------------------
    def check(self, row: dict[str, Any]) -> CheckResult:
        a = _Assertion.from_row(row)
        try:
            claimed = claimed_range(a.value, a.qualifier, a.unit, value_high=a.value_high, bearing=a.bearing)
        except InputError as error:
            return self._result(a, None, CANNOT_CHECK, f"The claim cannot be read: {error}.")
        try:
            handler = {
                "distance": self.distance,
                "area": self.area,
                "population": self.population,
            }.get(a.quantity, self.tally)
            return handler(a, claimed)
        except _CannotCheckError as reason:
            return self._result(a, claimed, CANNOT_CHECK, str(reason))
        except (GeoError, LookupError, ValueError) as error:
            return self._result(a, claimed, CANNOT_CHECK, f"Could not be computed: {str(error).rstrip('.')}.")

    def _result(self, a: _Assertion, claimed: ClaimedRange | None, verdict: str, explanation: str, **kw: Any):
        return CheckResult(
            id=a.id,
            quantity=a.quantity,
            statement=a.statement,
            sources=a.sources,
            claimed=claimed.text if claimed else f"{_number(a.value)} {a.unit}",
            claimed_low=_rounded(claimed.low) if claimed else None,
            claimed_high=_rounded(claimed.high) if claimed else None,
            unit=claimed.unit if claimed else a.unit,
            verdict=verdict,
            explanation=explanation,
            date=a.date,
            **kw,
        )

    # --- helpers --------------------------------------------------------------------------
    def place(self, place_id: str) -> Place:
        return self.gazetteer.place(place_id)

    def polygon(self, place: Place):
        """The polygon of an area, ``None`` for a point place."""
        if place.tier != schema.AREA:
            return None
        return self.gazetteer.areas.geometry(place.id)

    def actor_label(self, actor_id: str) -> str:
        """A short name: the actor's acronym when it has one (ISGS), else its name."""
        if actor_id not in self.records.actors:
            return actor_id
        actor = self.records.actors[actor_id]
        same = [a for a in actor.aliases if a.upper() == actor_id.upper()]  # FAMa for fama
        acronyms = [a for a in actor.aliases if a.isupper() and a.isalpha() and len(a) <= 6]
        return (same or acronyms or [actor.name])[0]

    def zones(self, method: str, actor: str, day: date):
        """The actor's zones that day under ``method`` (a GeoDataFrame, maybe empty)."""
        if self.influence is None:
            raise _CannotCheckError(
                "The influence geometry (geo.influence) is not available in this installation, "
                "so an actor's zone cannot be measured."
            )
        if method not in self._influences:
            self._influences[method] = self.influence(self.records, gazetteer=self.gazetteer, method=method)
        key = (method, actor, day)
        if key not in self._zones:
            self._zones[key] = self._influences[method].at(actor, day)
        return self._zones[key]

    def zone_geometry(self, method: str, actor: str, zone: str, day: date):
        """The union of the actor's zone(s) that day and its geodesic area; ``(None, 0.0)`` when it has none."""
        import shapely

        from .measure import area_km2

        frame = self.zones(method, actor, day)
        if len(frame) and zone:
            frame = frame[frame["zone"] == zone]
        if not len(frame):
            return None, 0.0
        if len(frame) == 1:
            return frame.geometry.iloc[0], float(frame["area_km2"].iloc[0])
        union = shapely.union_all(list(frame.geometry))
        return union, float(area_km2(union)[0])

    def zone_words(self, a: _Assertion) -> str:
        label = self.actor_label(a.actor)
        return f"{label}'s {a.zone} zone" if a.zone else f"{label}'s zones"

    def need_day(self, a: _Assertion) -> date:
        if a.day is None:
            raise _CannotCheckError(
                "The statement has no date, and an actor's zones change over time; give the assertion a date."
            )
        return a.day

    # --- distance and position ------------------------------------------------------------
    def distance(self, a: _Assertion, claimed: ClaimedRange) -> CheckResult:
        from .measure import compass_point, place_distance

        if not a.reference:
            raise _CannotCheckError("The statement names no place it is measured from (reference).")
        reference = self.place(a.reference)
        if not a.subject:
            if a.actor:
                return self.position(a, claimed, reference)
            raise _CannotCheckError(
                f"The statement names no place measured to (subject) and no actor whose position it is, "
                f"so there is nothing to measure from {reference.name}."
            )
        subject = self.place(a.subject)
        measured = place_distance(reference, subject)
        km, bearing, spread = measured.km, measured.bearing_deg, measured.uncertainty_km
        low, high = measured.km_min, measured.km_max
        fits = claimed.meets(low, high)
        text = (
            f"{subject.name} and {reference.name} are {km:.1f} km apart in the gazetteer "
            f"({low:.1f}–{high:.1f} km with the places' uncertainty of ±{_number(spread)} km); "
            f"the source says {_said(claimed)}."
        )
        failures = [] if fits else ["distance"]
        if a.bearing:
            if bearing is None or measured.within_uncertainty:
                text += (
                    f" The places lie within their uncertainty of each other, so the direction ({a.bearing}) "
                    "is not tested."
                )
            else:
                off = _angle_between(bearing, schema.COMPASS_POINTS.index(a.bearing) * 22.5)
                seen = f"seen from {reference.name}, {subject.name} lies at {bearing:.0f}° ({compass_point(bearing)})"
                if off <= BEARING_TOLERANCE_DEG:
                    text += f" Direction: {seen}, within {BEARING_TOLERANCE_DEG:.0f}° of {a.bearing}."
                else:
                    failures.append("direction")
                    text += f" Direction: {seen}, {off:.0f}° off {a.bearing} (more than {BEARING_TOLERANCE_DEG:.0f}°)."
        if failures:
            text += f" The {' and the '.join(failures)} {'does' if len(failures) == 1 else 'do'} not fit."
        return self._result(
            a,
            claimed,
            CONSISTENT if not failures else INCONSISTENT,
            text,
            computed=round(km, 1),
            computed_low=round(low, 1),
            computed_high=round(high, 1),
            computed_text=f"{km:.1f} km ({low:.1f}–{high:.1f} km)"
            + (f", {measured.direction}" if measured.direction else ""),
        )

    def position(self, a: _Assertion, claimed: ClaimedRange, reference: Place) -> CheckResult:
        from .measure import destination

        if not a.bearing:
            raise _CannotCheckError(
                f"A position needs a direction from {reference.name} (bearing); without one, the point of "
                f"{self.actor_label(a.actor)} cannot be placed."
            )
        day = self.need_day(a)
        km = a.value * _UNITS[a.unit][1]
        lat, lon = destination(reference.lat, reference.lon, schema.COMPASS_POINTS.index(a.bearing) * 22.5, km)
        slack = claimed.half_width + reference.uncertainty_km
        where = f"The point {_number(round(km, 1))} km {a.bearing} of {reference.name} ({lat:.3f}°N, {lon:.3f}°E)"
        computed: dict[str, float | None] = {}
        verdicts: dict[str, str] = {}
        lies, absent, words = [], [], []
        for method in self.methods:
            geometry, _area = self.zone_geometry(method, a.actor, a.zone, day)
            label = METHOD_LABELS.get(method, method)
            if geometry is None:
                computed[method] = None
                verdicts[method] = INCONSISTENT
                absent.append(f"the {label} method")
                words.append(f"{label}: no zone")
                continue
            off = _km_outside(lat, lon, geometry)
            computed[method] = round(off, 1)
            verdicts[method] = CONSISTENT if off <= slack else INCONSISTENT
            where_it_is = "inside it" if off == 0 else f"{off:.1f} km outside it"
            lies.append(f"{where_it_is} under the {label} method")
            words.append(f"{label}: {'inside' if off == 0 else f'{off:.1f} km outside'}")
        verdict, summary = _combine(verdicts, what="position")
        found = []
        if lies:
            found.append(f"it lies {_join(lies)}")
        if absent:
            found.append(f"{self.actor_label(a.actor)} has no such zone that day under {_join(absent)}")
        text = (
            f"{where} is checked against {self.zone_words(a)} on {_day(day)}, allowing {slack:.1f} km "
            f"for the claim's rounding and {reference.name}'s uncertainty: {'; '.join(found)}. {summary}"
        )
        return self._result(
            a,
            claimed,
            verdict,
            text,
            computed=computed,
            computed_text=", ".join(words),
            method_verdicts=verdicts,
            as_of=day,
        )

    # --- area ------------------------------------------------------------------------------
    def area(self, a: _Assertion, claimed: ClaimedRange) -> CheckResult:
        from .measure import area_km2

        subject = self.place(a.subject) if a.subject else None
        polygon = self.polygon(subject) if subject else None
        subject_km2 = float(area_km2(polygon)[0]) if polygon is not None else None
        if not a.actor:
            if subject is None:
                raise _CannotCheckError("The statement names no area (subject) and no actor whose zone it is.")
            if subject_km2 is None:
                raise _CannotCheckError(
                    f"{subject.name} is a point in the gazetteer, not an area, so it has no extent."
                )
            fits = claimed.contains(subject_km2)
            text = (
                f"{subject.name} measures {_area(subject_km2)} km² in the gazetteer (geodesic area of its polygon); "
                f"the source says {_said(claimed)}."
            )
            return self._result(
                a,
                claimed,
                CONSISTENT if fits else INCONSISTENT,
                text,
                computed=round(subject_km2, 1),
                computed_text=f"{_area(subject_km2)} km²",
            )
        day = self.need_day(a)
        computed: dict[str, float | None] = {}
        verdicts: dict[str, str] = {}
        parts = []
        for method in self.methods:
            _geometry, km2 = self.zone_geometry(method, a.actor, a.zone, day)
            computed[method] = round(km2, 1)
            verdicts[method] = CONSISTENT if claimed.contains(km2) else INCONSISTENT
            label = METHOD_LABELS.get(method, method)
            parts.append(f"{_area(km2)} km² under the {label} method" if km2 else f"nothing under the {label} method")
        verdict, summary = _combine(verdicts, what="figure")
        words = ", ".join(f"{METHOD_LABELS.get(m, m)}: {_area(km2 or 0.0)} km²" for m, km2 in computed.items())
        text = (
            f"{self.zone_words(a)[0].upper()}{self.zone_words(a)[1:]} on {_day(day)} measures {_join(parts)}; "
            f"the source says {_said(claimed)}. {summary}"
        )
        if subject is not None and subject_km2 is not None:
            text += f" For scale, {subject.name} measures {_area(subject_km2)} km² in the gazetteer."
        return self._result(
            a,
            claimed,
            verdict,
            text,
            computed=computed,
            computed_text=words,
            method_verdicts=verdicts,
            as_of=day,
        )

    # --- population -----------------------------------------------------------------------
    def population(self, a: _Assertion, claimed: ClaimedRange) -> CheckResult:
        if not a.subject:
            raise _CannotCheckError("The statement names no place (subject) whose population it gives.")
        subject = self.place(a.subject)
        if not subject.population:
            raise _CannotCheckError(
                f"The gazetteer has no population figure for {subject.name} (GeoNames gives none), "
                f"so the source's {claimed.text} cannot be compared."
            )
        origin = f"GeoNames record {subject.geonames_id}" if subject.geonames_id else "GeoNames"
        fits = claimed.contains(subject.population)
        text = (
            f"The gazetteer gives {subject.name} {subject.population:,} inhabitants (from {origin}: an undated "
            f"figure, often from an old census); the source says {_said(claimed)}."
        )
        return self._result(
            a,
            claimed,
            CONSISTENT if fits else INCONSISTENT,
            text,
            computed=float(subject.population),
            computed_text=f"{subject.population:,} people",
        )

    # --- fatalities, displaced, counts of events ------------------------------------------
    def tally(self, a: _Assertion, claimed: ClaimedRange) -> CheckResult:
        if a.quantity not in _QUANTITY_NOUNS:
            raise _CannotCheckError(f"Unknown quantity {a.quantity!r}.")
        if a.quantity == "count" and claimed.unit != "events":
            raise _CannotCheckError(
                "The records count incidents, deaths and displaced people, not other people (fighters, troops, "
                "hostages), so the figure cannot be compared."
            )
        if not a.subject:
            raise _CannotCheckError(
                "The statement names no place or area (subject), so there are no incidents to compare with."
            )
        subject = self.place(a.subject)
        tally = _Tally(self, a, subject)
        noun = _QUANTITY_NOUNS[a.quantity]
        scope = tally.scope_words()
        if not tally.upper_set:
            raise _CannotCheckError(
                f"The records hold no incident {scope}; they are a curated sample, not a full count, "
                f"so the source's {claimed.text} is neither confirmed nor contradicted."
            )
        low, high = tally.bounds()
        count = len(tally.upper_set)
        unknown = tally.without_figure()
        held = f"The records hold {count} incident{'s' if count != 1 else ''} {scope}"
        if a.quantity == "count":
            computed_text = f"{_span(low, high)} incident{'s' if high != 1 else ''}"
            if low != high:
                held += f" ({_number(low)} once incidents that may be one another are set aside)"
        elif unknown == count:
            computed_text = f"no figure in {count} incident{'s' if count != 1 else ''}"
            held += f", none of which gives a figure for {noun}"
        else:
            computed_text = f"{_span(low, high)} {noun} in {count} incident{'s' if count != 1 else ''}"
            held += f", with {_span(low, high)} {noun}" + (" between them" if count > 1 else "")
            if unknown:
                held += f" ({unknown} of the {count} give no figure)"
        said = f"the source says {_said(claimed)}"
        if claimed.exceeded_by(low):
            verdict = INCONSISTENT
            text = f"{held}: already more than the claim allows; {said}."
            if a.quantity == "fatalities":
                text += (
                    " The records count every side's dead: if the source counts only some of the dead or some of "
                    "the incidents, read the list of incidents before concluding."
                )
        elif claimed.meets(low, high):
            verdict = CONSISTENT
            text = f"{held}; {said}, which fits."
        else:
            verdict = CANNOT_CHECK
            text = (
                f"{held}; {said}. The records are a curated sample, not a full count, "
                "so a larger figure is not contradicted."
            )
        return self._result(
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


class _Tally:
    """The incidents of the records that a toll, a displacement or a count of events is about."""

    def __init__(self, checker: _Checker, a: _Assertion, subject: Place) -> None:
        self.checker = checker
        self.a = a
        self.subject = subject
        incidents = checker.records.incidents
        polygon = checker.polygon(subject)
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
            if not _overlaps(start, end, a.start, a.end):
                continue
            row["_footprint"] = footprint
            self.upper_set.append(row)
            if _within(start, end, a.start, a.end):
                self.lower_set.append(row)

    def _footprint(self, row: dict[str, Any]):
        """The polygon of an incident placed on an area, else its point."""
        place_id = row[schema.PLACE]
        if place_id:
            try:
                place = self.checker.place(place_id)
            except LookupError:
                return row["geometry"]
            polygon = self.checker.polygon(place)
            if polygon is not None:
                return polygon
        return row["geometry"]

    def _in_place(self, row: dict[str, Any], footprint, polygon) -> bool:
        from .areas import AREA_TOLERANCE_DEG

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
        actors = self.checker.records.actors
        members: dict[str, list[Any]] = {actor_id: [None]}
        for other_id in actors.ids:
            for affiliation in actors[other_id].affiliations:
                if affiliation.relation == "part_of" and affiliation.actor == actor_id:
                    members.setdefault(other_id, []).append(affiliation.when)
        return members

    def _involves(self, row: dict[str, Any], members: dict[str, list[Any]]) -> bool:
        for actor_id in row[schema.ACTORS] or []:
            for when in members.get(actor_id, []):
                if when is None or _overlaps(row[schema.START], row[schema.END], when.earliest, when.latest):
                    return True
        return False

    def figure(self, row: dict[str, Any]) -> tuple[float, float] | None:
        """The incident's [low, high] for the quantity; ``None`` when it gives no figure."""
        quantity = self.a.quantity
        if quantity == "count":
            return 1.0, 1.0
        if quantity == "displaced":
            value = row[schema.DISPLACED]
            return None if _missing(value) else (float(value), float(value))
        low, best, high = (None if _missing(row[c]) else float(row[c]) for c in schema.FATALITY_COLUMNS)
        if low is None and best is None and high is None:
            return None
        low_value = next((v for v in (low, best) if v is not None), 0.0)
        high_value = next(v for v in (high, best, low) if v is not None)
        return low_value, high_value

    def without_figure(self) -> int:
        return sum(1 for row in self.upper_set if self.figure(row) is None)

    def _covers(self, outer: dict[str, Any], inner: dict[str, Any]) -> bool:
        """Whether ``outer``'s place and dates hold all of ``inner``'s."""
        if not _within(inner[schema.START], inner[schema.END], outer[schema.START], outer[schema.END]):
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
            words += f" on {_day(a.start)}" if a.start == a.end else f" from {_day(a.start)} to {_day(a.end)}"
        elif a.start:
            words += f" since {_day(a.start)}"
        elif a.end:
            words += f" up to {_day(a.end)}"
        if a.actor:
            words += f" involving {self.checker.actor_label(a.actor)}"
        return words


# --- small helpers ------------------------------------------------------------------------------
def _combine(verdicts: dict[str, str], *, what: str) -> tuple[str, str]:
    """One verdict from the per-method ones, and a sentence naming which methods agree."""
    fits = [m for m, v in verdicts.items() if v == CONSISTENT]
    misses = [m for m, v in verdicts.items() if v != CONSISTENT]

    def names(methods: list[str]) -> str:
        return _join([f"the {METHOD_LABELS.get(m, m)} method's" for m in methods])

    if not misses:
        under = {1: f"the {METHOD_LABELS.get(fits[0], fits[0])} method", 2: "both methods"}.get(
            len(fits), "every method"
        )
        return CONSISTENT, f"The {what} fits the zone under {under}."
    if not fits:
        return INCONSISTENT, f"The {what} fits the zone under {'neither method' if len(misses) == 2 else 'no method'}."
    noun = "zone" if len(fits) == 1 else "zones"
    others = _join([f"the {METHOD_LABELS.get(m, m)} one" for m in misses])
    return CANNOT_CHECK, (
        f"The {what} fits {names(fits)} {noun} but not {others}: the methods disagree, so the records cannot settle it."
    )


def _km_outside(lat: float, lon: float, geometry) -> float:
    """Geodesic distance in km from the point to the geometry (0 when inside)."""
    import numpy as np
    import shapely
    from pyproj import Transformer

    point = shapely.Point(lon, lat)
    if geometry.covers(point):
        return 0.0
    # Azimuthal equidistant projection centred on the point: distances from the centre are geodesic.
    transformer = Transformer.from_crs(
        "EPSG:4326", f"+proj=aeqd +lat_0={lat} +lon_0={lon} +datum=WGS84 +units=m", always_xy=True
    )
    dense = shapely.segmentize(geometry, 0.05)
    projected = shapely.transform(dense, lambda xy: np.column_stack(transformer.transform(xy[:, 0], xy[:, 1])))
    return float(projected.distance(shapely.Point(0.0, 0.0))) / 1000.0


def _angle_between(a: float, b: float) -> float:
    """The smaller angle in degrees between two bearings.

    >>> _angle_between(350, 10), _angle_between(90, 270)
    (20.0, 180.0)
    """
    return float(abs((a - b + 180.0) % 360.0 - 180.0))


def _overlaps(start: date | None, end: date | None, other_start: date | None, other_end: date | None) -> bool:
    return (start is None or other_end is None or start <= other_end) and (
        end is None or other_start is None or end >= other_start
    )


def _within(start: date | None, end: date | None, outer_start: date | None, outer_end: date | None) -> bool:
    """Whether [start, end] lies wholly within [outer_start, outer_end] (``None`` = unbounded)."""
    after = outer_start is None or (start is not None and start >= outer_start)
    before = outer_end is None or (end is not None and end <= outer_end)
    return after and before


def _number(value: float) -> str:
    """A number as people write it: 80,000; 67.5; 64.37.

    >>> _number(80000.0), _number(67.5), _number(64.37376), _number(0.05)
    ('80,000', '67.5', '64.37', '0.05')
    """
    if float(value).is_integer():
        return f"{value:,.0f}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def _area(km2: float) -> str:
    """An area to three significant figures: 77,917.6 -> '77,900'.

    >>> _area(77917.58), _area(1254072.6), _area(432.1), _area(7.254)
    ('77,900', '1,250,000', '432', '7.25')
    """
    if km2 <= 0:
        return "0"
    digits = 3 - math.floor(math.log10(km2)) - 1
    rounded = round(km2, digits)
    return f"{rounded:,.{max(digits, 0)}f}"


def _span(low: float, high: float) -> str:
    return _number(low) if low == high else f"{_number(low)}–{_number(high)}"


def _join(parts: list[str]) -> str:
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " and " + parts[-1]


def _day(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


def _said(claimed: ClaimedRange) -> str:
    """The claim, and the range it is read as when that adds something."""
    described = claimed.describe()
    return claimed.text if described in claimed.text else f"{claimed.text} ({described})"


def _rounded(value: float) -> float | None:
    return None if math.isinf(value) else round(value, 4)
