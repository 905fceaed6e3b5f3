"""What every check looks up: places and their polygons, actors' short names, and an
actor's zones on a day under each influence method (built once per method, kept per day)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any

from .. import schema
from .results import Assertion, CannotCheckError

if TYPE_CHECKING:
    import geopandas
    from shapely.geometry.base import BaseGeometry

    from ..gazetteer import Gazetteer
    from ..place import Place
    from ..records import Records

__all__ = ["DEFAULT_METHODS", "FADED_NOTE", "METHOD_LABELS", "CheckContext"]

DEFAULT_METHODS = ("buffer", "voronoi")
METHOD_LABELS = {"buffer": "buffer", "voronoi": "Voronoi"}
FADED_NOTE = (
    "Stale or possibly ended zones are left out: they are what the records last said, "
    "not evidence that the zone holds that day."
)


class CheckContext:
    """The records, the gazetteer and the influence methods one run of the checks shares.

    ``influence`` builds an actor's zones, called as ``influence(records,
    gazetteer=..., method=...)``, returning an object whose ``at(actor, day)`` gives a
    GeoDataFrame of zones (``zone``, ``area_km2``, and ``certainty`` when the method
    says it); ``None`` when zones cannot be built here.
    """

    def __init__(
        self, records: Records, gazetteer: Gazetteer, methods: tuple[str, ...], influence: Callable[..., Any] | None
    ) -> None:
        self.records = records
        self.gazetteer = gazetteer
        self.methods = methods
        self.influence = influence
        self._influences: dict[str, Any] = {}
        self._zones: dict[tuple[str, str, date], Any] = {}

    def place(self, place_id: str) -> Place:
        """The gazetteer's place (a ``LookupError`` for an unknown id)."""
        return self.gazetteer.place(place_id)

    def polygon(self, place: Place) -> BaseGeometry | None:
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

    def zones(self, method: str, actor: str, day: date) -> geopandas.GeoDataFrame:
        """The actor's zones that day under ``method`` (a GeoDataFrame, maybe empty), faded ones included."""
        if self.influence is None:
            raise CannotCheckError(
                "The influence geometry (geo.influence) is not available in this installation, "
                "so an actor's zone cannot be measured."
            )
        if method not in self._influences:
            self._influences[method] = self.influence(self.records, gazetteer=self.gazetteer, method=method)
        key = (method, actor, day)
        if key not in self._zones:
            self._zones[key] = self._influences[method].at(actor, day)
        return self._zones[key]

    def _wanted(self, method: str, actor: str, zone: str, day: date) -> tuple[Any, bool]:
        """The actor's certain zones (of kind ``zone``, when given) and whether faded ones were set aside."""
        frame = self.zones(method, actor, day)
        if len(frame) and zone:
            frame = frame[frame[schema.ZONE] == zone]
        faded = False
        if len(frame):
            # stale and possibly ended zones are what the records last said, never evidence that a zone holds
            from ..influence.terms import CERTAIN, CERTAINTY

            if CERTAINTY in frame.columns:
                certain = frame[CERTAINTY] == CERTAIN
                faded = not bool(certain.all())
                frame = frame[certain]
        return frame, faded

    def zone_geometry(self, method: str, actor: str, zone: str, day: date) -> tuple[Any, float]:
        """The union of the actor's certain zone(s) that day and its geodesic area; ``(None, 0.0)`` when it has none.

        Only zones of certainty ``certain`` count: a stale or possibly ended zone is what
        the records last said, never evidence that the zone holds (see "Zones that never
        claim more than the sources" in the README).
        """
        import shapely

        from ..measure import area_km2

        frame, _faded = self._wanted(method, actor, zone, day)
        if not len(frame):
            return None, 0.0
        if len(frame) == 1:
            return frame.geometry.iloc[0], float(frame["area_km2"].iloc[0])
        union = shapely.union_all(list(frame.geometry))
        return union, float(area_km2(union)[0])

    def left_out_faded(self, a: Assertion, day: date) -> bool:
        """Whether some method had stale or possibly ended zones the check of ``a`` left out."""
        return any(self._wanted(method, a.actor, a.zone, day)[1] for method in self.methods)

    def zone_words(self, a: Assertion) -> str:
        """``ISGS's control zone`` or ``ISGS's zones``."""
        label = self.actor_label(a.actor)
        return f"{label}'s {a.zone} zone" if a.zone else f"{label}'s zones"

    def need_day(self, a: Assertion) -> date:
        """The day the zones are taken on; an undated assertion cannot be checked against them."""
        if a.day is None:
            raise CannotCheckError(
                "The statement has no date, and an actor's zones change over time; give the assertion a date."
            )
        return a.day
