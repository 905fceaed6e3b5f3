"""One place of the gazetteer, as the API hands it out."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from .countries import country_name

__all__ = ["Place"]


@dataclass(frozen=True, slots=True)
class Place:
    """A place or area of the gazetteer.

    ``lat``/``lon`` are WGS84 degrees (for an area, a point inside it), and
    ``uncertainty_km`` the radius within which the place surely lies. ``tier`` says
    which part of the gazetteer the record comes from: ``curated`` (hand-checked,
    ``gazetteer/places.csv``), ``area`` (``gazetteer/areas.geojson``), ``reference``
    (GeoNames) or ``osm`` (OpenStreetMap); :attr:`source` names the record it was taken
    from.
    """

    id: str
    name: str
    kind: str
    lat: float
    lon: float
    uncertainty_km: float
    country: str
    tier: str
    admin1: str = ""
    admin2: str = ""
    variants: tuple[str, ...] = ()
    geonames_id: str = ""
    population: int = 0
    coord_source: str = ""
    cited_in: tuple[str, ...] = ()
    note: str = ""
    areas: tuple[str, ...] = field(default=(), repr=False)

    @property
    def address(self) -> str:
        """A readable one-line address: name, admin2, admin1, country.

        Examples
        --------
        >>> Place("ml-x", "Tessit", "village", 15.2, 0.3, 2.0, "ML", "curated",
        ...       admin1="Gao", admin2="Ansongo").address
        'Tessit, Ansongo, Gao, Mali'
        """
        parts = [self.name]
        for part in (self.admin2, self.admin1, country_name(self.country) if self.country else ""):
            if part and part not in parts:
                parts.append(part)
        return ", ".join(parts)

    @property
    def source(self) -> str:
        """Where the record and its point come from, in words.

        Examples
        --------
        >>> Place("osm-2555339078", "Talataye", "village", 16.5, 1.5, 3.0, "ML", "osm").source
        'OpenStreetMap node 2555339078 (ODbL)'
        >>> Place("gn-2457161", "Ménaka", "city", 15.9, 2.4, 5.0, "ML", "reference",
        ...       geonames_id="2457161").source
        'GeoNames 2457161 (CC BY 4.0)'
        """
        if self.tier == "osm":
            return f"OpenStreetMap node {self.id.removeprefix('osm-')} (ODbL)"
        if self.tier == "reference":
            return f"GeoNames {self.geonames_id} (CC BY 4.0)"
        if self.tier == "area":
            return f"areas layer ({self.coord_source})" if self.coord_source else "areas layer"
        return f"curated gazetteer (point: {self.coord_source})" if self.coord_source else "curated gazetteer"

    def to_dict(self) -> dict[str, Any]:
        """The record as plain JSON-ready values (tuples become lists)."""
        record = asdict(self)
        for key, value in record.items():
            if isinstance(value, tuple):
                record[key] = list(value)
        return record
