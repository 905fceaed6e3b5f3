"""Check the sources' numbers: every assertion against the gazetteer, the records and the influence geometry.

:func:`check_assertions` evaluates each row of ``assertions.csv`` ("75 km north of
Ménaka", "about 80,000 km²", "less than 40 miles from Mopti", "between 300 and 500
killed") and returns one :class:`CheckResult` per assertion, in file order, with the
claim, what the toolkit computes, a verdict and a plain explanation. ``geo check``
prints them.

The package has one module per concern: :mod:`~geo.check.claims` (the tolerance rule
below), :mod:`~geo.check.quantities` (distances, positions, areas, populations),
:mod:`~geo.check.tallies` (deaths, displaced, counts of events),
:mod:`~geo.check.context` (the places, actors and zones the checks look up),
:mod:`~geo.check.words` (how explanations write figures), :mod:`~geo.check.results`
and :mod:`~geo.check.checker` (one result per row).

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
  (:func:`geo.measure.place_distance`), with the two places' ``uncertainty_km`` added up as a
  range [d − u, d + u]; consistent when that range meets the claimed range. With a
  ``bearing``, the initial bearing from the reference to the subject must also lie
  within ±45° of the compass point (not tested when the places lie within their
  uncertainty of each other).
- **Position** (a distance with no subject, an ``actor`` and a ``bearing``: "ISGS 75 km
  north of Ménaka"): the point at the claimed distance and bearing from the reference
  (:func:`geo.measure.destination`) is tested against the actor's zone (``zone``, or
  all its zones) on the assertion's day, under each influence method: it fits when it
  lies inside, or within the claim's half-width plus the reference's uncertainty of it.
  Only zones of certainty ``certain`` count, for positions and areas alike: a
  ``stale`` or ``possibly_ended`` zone is what the records last said, never evidence
  that the zone holds; the explanation says when such zones were left out.
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

from .checker import check_assertions, check_row, default_influence
from .claims import ABOUT_FRACTION, KM2_PER_MI2, KM_PER_MI, UNITS, ClaimedRange, claimed_range, round_figure_tolerance
from .context import DEFAULT_METHODS, METHOD_LABELS, CheckContext
from .quantities import BEARING_TOLERANCE_DEG
from .results import CANNOT_CHECK, CONSISTENT, INCONSISTENT, VERDICTS, CheckResult

__all__ = [
    "ABOUT_FRACTION",
    "BEARING_TOLERANCE_DEG",
    "CANNOT_CHECK",
    "CONSISTENT",
    "DEFAULT_METHODS",
    "INCONSISTENT",
    "KM2_PER_MI2",
    "KM_PER_MI",
    "METHOD_LABELS",
    "UNITS",
    "VERDICTS",
    "CheckContext",
    "CheckResult",
    "ClaimedRange",
    "check_assertions",
    "check_row",
    "claimed_range",
    "default_influence",
    "round_figure_tolerance",
]
