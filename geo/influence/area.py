"""One actor's zone on one day as one shape (:class:`ZoneShape`, :meth:`geo.influence.Influence.zone`),
and its area as ``geo area ACTOR`` reports it (:class:`ZoneArea`, :meth:`geo.influence.Influence.zone_area`)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from shapely.geometry.base import BaseGeometry

__all__ = ["ZoneArea", "ZoneShape"]


@dataclass(frozen=True)
class ZoneShape:
    """One zone of an actor on one day, as one shape: the union of all its places (every
    certainty and tier), measured on the ellipsoid (see :meth:`geo.influence.Influence.zone`)."""

    actor: str
    zone: str
    day: dt.date
    geometry: BaseGeometry  # a shapely (Multi)Polygon, lon/lat
    area_km2: float
    perimeter_km: float
    supporting: tuple[str, ...]  # the ids of the records behind it
    tier: str | None  # assessed, claimed, incidents or mixed; None for activity
    certainties: tuple[str, ...]  # the certainties of its places, surest first
    start: dt.date  # the first day of the step the day lies in
    end: dt.date | None  # its last day (None: open)


@dataclass(frozen=True)
class ZoneArea:
    """The geodesic area of ``actor``'s ``zone`` on ``day`` by one method, or none.

    ``shape`` is the zone (:class:`~geo.influence.ZoneShape`), ``None`` when the actor
    has no such zone that day: ``no_zone_note`` then says so, with the days its zones
    run. ``day_note`` says which day was chosen when none was asked for (the last day
    the actor's picture changes). :meth:`to_dict` is the record ``geo area --json``
    writes.
    """

    actor: str
    name: str  # the actor's name
    zone: str
    day: dt.date
    method: str
    params: dict[str, Any]
    shape: ZoneShape | None
    day_note: str | None = None
    no_zone_note: str | None = None

    @property
    def notes(self) -> tuple[str, ...]:
        """``day_note`` and ``no_zone_note``, those given, in that order."""
        return tuple(note for note in (self.day_note, self.no_zone_note) if note)

    def to_dict(self, query: str | None = None) -> dict[str, Any]:
        """The area as a JSON object: ``query`` (default: the actor's id), source
        (``influence``), id, name, actor, zone, at, area_km2 (0.01 km²), perimeter_km
        (m), method, params, tier, start and end of the step the day lies in, and the
        supporting records; 0 km² and no tier or step when there is no zone.

        Examples
        --------
        >>> from geo.records import load_records
        >>> from geo.influence import Influence
        >>> area = Influence(load_records()).zone_area("ISGS", at=dt.date(2023, 4, 30))
        >>> record = area.to_dict(query="ISGS")
        >>> record["query"], record["id"], record["name"]
        ('ISGS', 'isgs', 'Islamic State in the Greater Sahara: control zone on 2023-04-30')
        >>> record["start"], record["end"], bool(record["area_km2"] > 70_000), record["params"]["window_days"]
        ('2023-04-14', '2023-07-11', True, 90)
        >>> Influence(load_records()).zone_area("isgs", at=dt.date(2000, 1, 1)).to_dict()["area_km2"]
        0.0
        """
        shape = self.shape
        return {
            "query": self.actor if query is None else query,
            "source": "influence",
            "id": self.actor,
            "name": f"{self.name}: {self.zone} zone on {self.day.isoformat()}",
            "actor": self.actor,
            "zone": self.zone,
            "at": self.day.isoformat(),
            "area_km2": 0.0 if shape is None else round(shape.area_km2, 2),
            "perimeter_km": 0.0 if shape is None else round(shape.perimeter_km, 3),
            "method": self.method,
            "params": self.params,
            "tier": None if shape is None else shape.tier,
            "start": None if shape is None else shape.start.isoformat(),
            "end": None if shape is None or shape.end is None else shape.end.isoformat(),
            "supporting": [] if shape is None else list(shape.supporting),
        }
