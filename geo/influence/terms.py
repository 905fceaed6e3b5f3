"""The words of influence zones, defined once: zones, statuses, tiers, certainties and the
influence layer's columns."""

from __future__ import annotations

import datetime as dt

from .. import schema

__all__ = [
    "CERTAIN",
    "CERTAINTIES",
    "CERTAINTY",
    "CERTAINTY_RANK",
    "COLUMNS",
    "INCIDENTS_TIER",
    "INCIDENT_LAYER_COLUMNS",
    "LAST_CONFIRMED",
    "POSSIBLY_ENDED",
    "RULE",
    "STALE",
    "ZONES",
    "names_text",
]

ZONES = schema.ZONES
CONTROL, CONTESTED, ACTIVITY, INFLUENCE = ZONES
HOLDING = frozenset({"controls", "seized"})
CONTESTING = frozenset({"contests"})
LOST = "lost"
THREATENS = "threatens"
STATUS_ZONE = {"controls": CONTROL, "seized": CONTROL, "contests": CONTESTED, "influences": INFLUENCE}
ZONE_RANK = {CONTROL: 0, CONTESTED: 1, INFLUENCE: 2}  # a place is in an actor's strongest zone
ASSESSED, CLAIMED, MIXED = "assessed", "claimed", "mixed"
INCIDENTS_TIER = "incidents"  # the tier of an influence zone drawn from incidents
# How sure a zone is (see "Certainty" in the package docstring), strongest first.
CERTAIN, STALE, POSSIBLY_ENDED = "certain", "stale", "possibly_ended"
CERTAINTIES = (CERTAIN, STALE, POSSIBLY_ENDED)
CERTAINTY_RANK = {c: n for n, c in enumerate(CERTAINTIES)}
# The influence layer's columns beyond DESIGN.md's contract.
CERTAINTY, LAST_CONFIRMED, RULE = "certainty", "last_confirmed", "rule"
CUT_STATUSES = HOLDING | CONTESTING  # the statuses of another side's claim that cut a place out of an area
CUT_ZONES = frozenset({CONTROL, CONTESTED})  # the zones an area claim loses such places from
MAX_RULE_NAMES = 6  # places named in a rule text before "and N more"
# Why an actor of each kind of schema.NO_ZONE_KINDS gets no zone (for Influence.skipped).
NO_ZONE_WHY = {
    "civilians": "victims or a crowd, not an armed actor",
    "organisation": "a body with no armed force",
    "unidentified": "unnamed perpetrators, many groups rather than one",
}
# Ranks of populated places for the Voronoi method: a place's cell is drawn among places
# of its rank or above. Kinds not listed (wells, camps of the curated tier...) rank as villages.
KIND_RANK = {"camp": 0, "village": 1, "town": 2, "city": 3, "capital": 4}
VILLAGE_RANK = KIND_RANK["village"]
ONE_DAY = dt.timedelta(days=1)

# The influence layer's columns, in order.
COLUMNS = (
    schema.ACTOR,
    schema.ZONE,
    schema.TIER,
    schema.START,
    schema.END,
    schema.AREA_KM2,
    schema.METHOD,
    schema.PARAMS,
    schema.SUPPORTING,
    schema.PLACES,
    CERTAINTY,
    LAST_CONFIRMED,
    RULE,
)
# The per-incident layer's columns beyond COLUMNS (see Influence.incident_layer).
INCIDENT, RADIUS_KM = "incident", "radius_km"
INCIDENT_LAYER_COLUMNS = (*COLUMNS, INCIDENT, RADIUS_KM)


def names_text(names: list[str]) -> str:
    """Names for a rule text: unique, sorted, the first few then how many more.

    Examples
    --------
    >>> names_text(["Gao", "Kidal", "Gao"])
    'Gao, Kidal'
    >>> names_text([f"P{n}" for n in range(9)])
    'P0, P1, P2, P3, P4, P5 and 3 more'
    """
    unique = sorted(set(names), key=lambda n: (n.casefold(), n))
    if len(unique) > MAX_RULE_NAMES:
        return ", ".join(unique[:MAX_RULE_NAMES]) + f" and {len(unique) - MAX_RULE_NAMES} more"
    return ", ".join(unique)
