"""How the renderers draw things, written once for the web map and the static figures:
actor colours and families, event-type colours, the zones' order and how uncertain zones
fade, and how an incident's deaths are counted and shown.

Actor colours come from ``actors.csv`` (:func:`actor_colour`; grey when missing or
malformed). The web page gives its own colour to at most :data:`MAX_OWN_COLOURS` actors on
screen and draws the others in their family's colour (:data:`FAMILIES`: jihadist groups,
rebels and militias, state and foreign forces, other). Event types use the Okabe-Ito
palette (:data:`EVENT_COLOURS`), which stays distinguishable with the common
colour-vision deficiencies.

An incident's size follows its deaths: the best estimate, else the low one
(:func:`incident_deaths`); a figure the sources do not give is empty, never a zero
(:func:`deaths_text`).
"""

from __future__ import annotations

import math
import re
from typing import TYPE_CHECKING, Any

from .. import schema

if TYPE_CHECKING:
    from ..records import Records

__all__ = [
    "EVENT_COLOURS",
    "FAMILIES",
    "FAMILY_OF_KIND",
    "GREY",
    "ZONE_ORDER",
    "actor_colour",
    "actor_family",
    "actor_name",
    "death_count",
    "deaths_text",
    "incident_deaths",
    "incident_radius",
]

GREY = "#7f7f7f"  # an actor without a colour, and the legends' neutral swatches
LAND = "#f4efe3"  # the countries of the gazetteer, under everything
MAX_OWN_COLOURS = 10  # actors on screen beyond this many are grouped by family (the page decides)
#: Event types (ACLED's): Okabe-Ito colours, distinguishable with the common colour-vision deficiencies.
EVENT_COLOURS = {
    "Battles": "#D55E00",
    "Violence against civilians": "#CC79A7",
    "Explosions/Remote violence": "#E69F00",
    "Strategic developments": "#009E73",
    "Riots": "#0072B2",
    "Protests": "#56B4E9",
}
OTHER_EVENT_COLOUR = "#555555"
#: Actor families: the actors of a kind (``actors.csv``) share one colour when too many are on screen.
FAMILIES = {
    "jihadist": ("other jihadist groups", "#3d3d3d"),
    "armed": ("other rebels and militias", "#8c564b"),
    "forces": ("other state and foreign forces", "#4e79a7"),
    "other": ("other actors", "#a5a5a5"),
}
FAMILY_OF_KIND = {
    "jihadist": "jihadist",
    "rebel": "armed",
    "militia": "armed",
    "state": "forces",
    "foreign_state": "forces",
    "private_military": "forces",
    "international": "forces",
}
ZONE_ORDER = ("influence", "contested", "control", "activity")  # drawn bottom to top
# Zones that are not certain (geo.influence: stale, possibly ended): faded, long dashes.
FADED_FILL = 0.4  # their fill's opacity, as a share of the zone's usual one
FADED_OUTLINE = 0.6  # their outline's opacity
FADED_DASH = "12 6"  # their outline on the web map, in pixels (claimed zones: "6 4"; activity: "2 5")
FADED_LINESTYLE = (0, (7, 3))  # their outline in figures, in points (claimed only: "--"; activity: ":")
CERTAINTY_TEXT = {"certain": "certain", "stale": "stale", "possibly_ended": "possibly ended"}


# --- actors ---------------------------------------------------------------------------


def actor_colour(records: Records, actor: str) -> str:
    """The actor's display colour from ``actors.csv``, as written there (grey when unknown or malformed)."""
    if actor in records.actors:
        colour = records.actors[actor].colour or ""
        if re.fullmatch(r"#[0-9a-fA-F]{6}", colour):
            return colour
    return GREY


def actor_name(records: Records, actor: str) -> str:
    """The actor's name from ``actors.csv`` (its id when unknown)."""
    return records.actors[actor].name if actor in records.actors else actor


def actor_family(records: Records, actor: str) -> str:
    """The key of the actor's family in :data:`FAMILIES`, by its kind (``other`` when unknown)."""
    kind = records.actors[actor].kind if actor in records.actors else ""
    return FAMILY_OF_KIND.get(kind, "other")


# --- deaths ---------------------------------------------------------------------------


def death_count(value: Any) -> int | None:
    """A fatality cell as a whole number, ``None`` when the sources give no figure.

    Examples
    --------
    >>> death_count(12.0), death_count(None), death_count(float("nan"))
    (12, None, None)
    """
    import pandas as pd

    return None if value is None or pd.isna(value) else int(value)


def deaths_text(value: Any) -> str:
    """A fatality cell for a table: ``1,234``, or empty when the sources give no figure (never a zero).

    Examples
    --------
    >>> deaths_text(1234), deaths_text(0), deaths_text(None)
    ('1,234', '0', '')
    """
    count = death_count(value)
    return "" if count is None else f"{count:,}"


def incident_deaths(row: dict[str, Any]) -> int:
    """The deaths an incident is drawn by: the best estimate, else the low one, else 0."""
    for column in (schema.FATALITIES_BEST, schema.FATALITIES_LOW):
        count = death_count(row[column])
        if count is not None:
            return count
    return 0


def incident_radius(deaths: int) -> float:
    """A printed circle's radius in points for ``deaths``: its area grows with deaths.

    Examples
    --------
    >>> incident_radius(0), incident_radius(100), incident_radius(10_000)
    (2.5, 14.5, 16.0)
    """
    return round(min(2.5 + 1.2 * math.sqrt(deaths), 16.0), 1)
