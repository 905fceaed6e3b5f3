"""What the layers of a map page share: actors, sources and areas written once and named
by id (:class:`Lookups`), the popup rows many features repeat, and the small texts they use.

Split from :mod:`geo.render.web`.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING, Any

from .. import schema
from .page import http_url
from .shapes import geometry_json
from .style import actor_colour, actor_family, actor_name

if TYPE_CHECKING:
    from ..gazetteer import Gazetteer
    from ..records import Records

__all__ = ["LIST_MOST", "SIMPLIFY_AREA_DEG", "Lookups", "hatch_id", "iso", "listing", "share_popup_rows"]

LIST_MOST = 12  # a zone's popup names at most this many places and records, then how many more
SIMPLIFY_AREA_DEG = 0.01  # display simplification of the outlines of incidents known only to an area


class Lookups:
    """Actors, sources and areas, written once into the page and referred to by id."""

    def __init__(self, records: Records, gazetteer: Gazetteer | None = None) -> None:
        self.records = records
        self.gazetteer = gazetteer
        self.used_actors: set[str] = set()
        self.used_sources: set[str] = set()
        self.used_areas: set[str] = set()
        titles = records.sources.set_index(schema.ID)
        self._sources = {
            source_id: (str(row[schema.TITLE] or source_id), http_url(row[schema.URL]))
            for source_id, row in titles.iterrows()
        }

    def colour(self, actor_id: str) -> str:
        if actor_id in self.records.actors:
            self.used_actors.add(actor_id)
        return actor_colour(self.records, actor_id)

    def name(self, actor_id: str) -> str:
        return actor_name(self.records, actor_id)

    def cite(self, source_ids: list[str]) -> list[str]:
        self.used_sources.update(s for s in source_ids if s in self._sources)
        return list(source_ids)

    def family(self, actor_id: str) -> str:
        return actor_family(self.records, actor_id)

    def area(self, place_id: str | None) -> str | None:
        """``place_id`` if it names an area with an outline (the incident is drawn as the outline)."""
        if not place_id or self.gazetteer is None:
            return None
        from ..errors import PlaceNotFoundError

        try:
            place = self.gazetteer.place(place_id)
        except PlaceNotFoundError:
            return None
        if place.tier != schema.AREA:
            return None
        self.used_areas.add(place_id)
        return place_id

    def area_table(self) -> dict[str, Any]:
        import shapely

        table: dict[str, Any] = {}
        if self.gazetteer is None:  # areas are used only with a gazetteer (see area)
            return table
        for place_id in sorted(self.used_areas):
            geometry = shapely.simplify(
                self.gazetteer.areas.geometry(place_id), SIMPLIFY_AREA_DEG, preserve_topology=True
            )
            table[place_id] = geometry_json(geometry, simplify=False)
        return table

    def actor_table(self) -> dict[str, list[str]]:
        """Actor id: [name, colour, family] (the family groups actors when too many are on screen)."""
        return {a: [self.name(a), self.colour(a), self.family(a)] for a in sorted(self.used_actors)}

    def source_table(self) -> dict[str, list[Any]]:
        return {s: list(self._sources[s]) for s in sorted(self.used_sources)}

    def hatches(self) -> list[dict[str, str]]:
        return [{"id": hatch_id(a), "colour": self.colour(a)} for a in sorted(self.used_actors)]


def hatch_id(actor_id: str) -> str:
    """The id of the page's hatch pattern for an actor's contested zones.

    Examples
    --------
    >>> hatch_id("JNIM Katiba Macina")
    'atlas-hatch-jnim-katiba-macina'
    """
    return "atlas-hatch-" + re.sub(r"[^a-z0-9-]", "-", actor_id.lower())


def iso(day: dt.date | None) -> str | None:
    """A day as the page writes it (ISO text), ``None`` for no day.

    Examples
    --------
    >>> iso(dt.date(2022, 3, 8)), iso(None)
    ('2022-03-08', None)
    """
    return day.isoformat() if day else None


def listing(items: list[str], most: int = LIST_MOST) -> str:
    """Items for a popup: the first ``most`` and how many more (``geo export`` lists them all).

    Examples
    --------
    >>> listing(["a", "b"]), listing([]), listing([str(n) for n in range(30)], most=3)
    ('a, b', '-', '0, 1, 2 and 27 more (geo export lists them all)')
    """
    items = list(items)
    if not items:
        return "-"
    if len(items) <= most:
        return ", ".join(items)
    return f"{', '.join(items[:most])} and {len(items) - most:,} more (geo export lists them all)"


def share_popup_rows(layers: list[dict[str, Any]]) -> list[list[str]]:
    """Write each popup row that many features repeat once (the zones' method and its
    parameters, the same on every zone): a popup names its shared rows by index, and
    the page shows them after the feature's own rows.

    Examples
    --------
    >>> popup = {"rows": [], "share": [["method", "claims {}"]]}
    >>> layers = [{"features": [{"properties": {"popup": popup}}]}]
    >>> share_popup_rows(layers), popup
    ([['method', 'claims {}']], {'rows': [], 'shared': [0]})
    """
    rows: list[list[str]] = []
    seen: dict[tuple[str, str], int] = {}
    for layer in layers:
        for feature in layer.get("features", []):
            popup = feature.get("properties", {}).get("popup")
            if not popup or "share" not in popup:
                continue
            shared = []
            for label, value in popup.pop("share"):
                key = (label, value)
                if key not in seen:
                    seen[key] = len(rows)
                    rows.append([label, value])
                shared.append(seen[key])
            popup["shared"] = shared
    return rows
