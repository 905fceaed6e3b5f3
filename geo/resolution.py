"""What a geocoding query resolved to, and what lies around a point: the answers of
:meth:`geo.gazetteer.Gazetteer.lookup` and :meth:`~geo.gazetteer.Gazetteer.reverse`.

Small public objects with their JSON-ready and geopy forms, apart from the gazetteer
so that the modules that build or read answers (``_locate``, ``geocoder``, the
extractor) need not import it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .errors import PlaceNotFoundError
from .matching import OK
from .place import Place

if TYPE_CHECKING:
    from geopy.location import Location

__all__ = ["Resolution", "ReverseResult"]


@dataclass
class Resolution:
    """What a query resolved to: one place (``status == "ok"``), or none and why.

    ``lat``/``lon``/``uncertainty_km`` are the answer's point: the place's own, or the
    offset point of a relative location ("75 km north of Ménaka"). ``same_place``
    lists the ids of other records found to be the same place (same name, a few km
    apart); the uncertainty then covers them all.

    Examples
    --------
    >>> from geo import Gazetteer
    >>> found = Gazetteer.load().lookup("Tidarméné")
    >>> found.status, found.place.id, found.uncertainty_km
    ('ok', 'ml-tidermene', 4.0)
    """

    query: str
    status: str
    place: Place | None = None
    lat: float | None = None
    lon: float | None = None
    uncertainty_km: float | None = None
    score: float | None = None
    candidates: list[tuple[Place, float]] = field(default_factory=list)
    reason: str = ""
    warnings: list[str] = field(default_factory=list)
    relative: dict[str, Any] | None = None
    same_place: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.status == OK

    def to_dict(self, *, with_candidates: bool = False) -> dict[str, Any]:
        """A flat, JSON-ready summary (the CLI's ``--json`` line)."""
        place = self.place
        record: dict[str, Any] = {
            "query": self.query,
            "status": self.status,
            "id": place.id if place else None,
            "name": place.name if place else None,
            "lat": None if self.lat is None else round(self.lat, 5),
            "lon": None if self.lon is None else round(self.lon, 5),
            "score": self.score,
            "uncertainty_km": None if self.uncertainty_km is None else round(self.uncertainty_km, 1),
            "kind": place.kind if place else None,
            "country": place.country if place else None,
            "admin1": place.admin1 if place else None,
            "admin2": place.admin2 if place else None,
            "tier": place.tier if place else None,
            "source": place.source if place else None,
            "geonames_id": (place.geonames_id or None) if place else None,
        }
        if self.same_place:
            record["same_place"] = list(self.same_place)
        if self.relative:
            record["relative"] = self.relative
        if self.reason:
            record["reason"] = self.reason
        if self.warnings:
            record["warnings"] = list(self.warnings)
        if with_candidates or self.status != OK:
            record["candidates"] = [
                {
                    "id": p.id,
                    "name": p.name,
                    "kind": p.kind,
                    "lat": p.lat,
                    "lon": p.lon,
                    "country": p.country,
                    "admin1": p.admin1,
                    "admin2": p.admin2,
                    "tier": p.tier,
                    "source": p.source,
                    "score": s,
                }
                for p, s in self.candidates
            ]
        return record

    def to_location(self) -> Location:
        """The answer as a geopy ``Location`` (the full record in ``.raw``)."""
        from geopy.location import Location

        if not self.ok or self.place is None:
            raise PlaceNotFoundError(self.reason or f"no answer for {self.query!r}", query=self.query)
        raw = self.place.to_dict()
        raw.update(self.to_dict())
        address = self.place.address
        if self.relative:
            address = f"{self.relative['text']} ({address})"
        return Location(address, (self.lat, self.lon, 0.0), raw)


@dataclass
class ReverseResult:
    """Places near a point (nearest first) and the areas that contain it.

    Examples
    --------
    >>> from geo import Gazetteer
    >>> near = Gazetteer.load().reverse(15.918, 2.402, limit=2)
    >>> near.nearest[0]["id"], near.nearest[0]["description"]
    ('ml-menaka', '0.0 km SW of Ménaka')
    >>> "ml-region-menaka" in [area["id"] for area in near.areas]
    True
    """

    lat: float
    lon: float
    nearest: list[dict[str, Any]]
    areas: list[dict[str, Any]]

    def to_dict(self) -> dict[str, Any]:
        return {"lat": self.lat, "lon": self.lon, "nearest": self.nearest, "areas": self.areas}
