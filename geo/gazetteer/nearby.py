"""Around a point, and by filter: the records nearest a point and the areas that hold it
(reverse geocoding), the records whose names contain a text, and the populated places.
"""

from __future__ import annotations

import numpy as np

from .. import schema
from .._input import check_lat_lon, clean_query
from ..countries import country_code
from ..errors import InputError
from ..measure import compass_point, geodesic, great_circle_km
from ..names import normalize
from ..place import Place
from ..resolution import ReverseResult
from .base import GazetteerBase

__all__ = ["Nearby"]


class Nearby(GazetteerBase):
    """Reverse geocoding, search and listing (part of :class:`~geo.gazetteer.Gazetteer`).

    Examples
    --------
    >>> from geo import Gazetteer
    >>> Gazetteer.load().reverse(15.93, 2.41).nearest[0]["id"]
    'ml-menaka'
    """

    def reverse(self, lat: float, lon: float, *, limit: int = 5, populated_only: bool = False) -> ReverseResult:
        """The places nearest to a point (with distance and bearing from each place to
        the point) and the areas that contain it.

        Raises :class:`~geo.errors.InputError` for coordinates out of range or
        outside Mali and its neighbours (saying so when they look swapped).

        Examples
        --------
        >>> from geo import Gazetteer
        >>> result = Gazetteer.load().reverse(15.93, 2.41)
        >>> result.nearest[0]["id"], result.nearest[0]["km"] < 3
        ('ml-menaka', True)
        """
        check_lat_lon(lat, lon, coverage=True)
        s = self._store
        eligible = self._active.copy()
        area_tier = np.array([t == schema.AREA for t in s.tiers])
        eligible &= ~area_tier
        if populated_only:
            eligible &= np.array([k in schema.POPULATED_KINDS for k in s.kinds])
        candidates = np.flatnonzero(eligible)
        rough = great_circle_km(lat, lon, s.lat[candidates], s.lon[candidates])
        # Prefer curated records: rank them first among records at the same spot.
        order = np.argsort(rough, kind="stable")[: max(limit * 4, 20)]
        chosen = candidates[order]
        km, bearing = geodesic(s.lat[chosen], s.lon[chosen], lat, lon)
        rows = sorted(
            zip(chosen.tolist(), km.tolist(), np.atleast_1d(bearing).tolist(), strict=True),
            key=lambda row: (round(row[1], 1), s.tiers[row[0]] != schema.CURATED, s.ids[row[0]]),
        )[:limit]
        nearest = []
        for i, distance, bearing_deg in rows:
            place = self._place(i)
            nearest.append(
                {
                    "id": place.id,
                    "name": place.name,
                    "kind": place.kind,
                    "tier": place.tier,
                    "lat": place.lat,
                    "lon": place.lon,
                    "km": round(distance, 2),
                    "bearing_deg": round(bearing_deg, 1),
                    "direction": compass_point(bearing_deg),
                    "description": f"{distance:.1f} km {compass_point(bearing_deg)} of {place.name}",
                }
            )
        areas = []
        if self._area_features:
            for props in self.areas.containing(lat, lon):
                areas.append(
                    {
                        "id": props[schema.ID],
                        "name": props[schema.NAME],
                        "kind": props.get(schema.KIND, ""),
                        "valid_from": props.get(schema.VALID_FROM) or None,
                        "valid_to": props.get(schema.VALID_TO) or None,
                    }
                )
        return ReverseResult(lat, lon, nearest, areas)

    # --- listing and search ---------------------------------------------------------
    def search(
        self,
        text: str | None = None,
        *,
        kind: str | None = None,
        country: str | None = None,
        tier: str | None = None,
        limit: int | None = 20,
    ) -> list[Place]:
        """Places whose name or a variant contains ``text`` (any spelling), filtered.

        Exact key matches come first, then names containing the text, curated before
        reference. With no ``text``, every place passing the filters.

        Examples
        --------
        >>> from geo import Gazetteer
        >>> [p.id for p in Gazetteer.load().search("menaka", tier="curated", limit=2)]
        ['ml-menaka', 'ml-menaka-airport']
        """
        if kind is not None and kind not in schema.KINDS:
            raise InputError(f"unknown kind {kind!r}; use one of {', '.join(sorted(schema.KINDS))}")
        if tier is not None and tier not in (schema.CURATED, schema.AREA, schema.REFERENCE):
            raise InputError(f"unknown tier {tier!r}; use curated, area or reference")
        code = country_code(country) if country else None
        key = normalize(clean_query(text)) if text is not None else ""
        s = self._store
        hits: list[tuple[tuple[int, int, int, str, str], int]] = []
        for i in range(len(s)):
            if not self._active[i]:
                continue
            if (kind and s.kinds[i] != kind) or (code and s.countries[i] != code) or (tier and s.tiers[i] != tier):
                continue
            rank = 0
            if key:
                keys = s.keys[i].split(schema.MULTI_SEPARATOR)
                if key in keys:
                    rank = 0
                elif any(key in k for k in keys):
                    rank = 1
                else:
                    continue
            tier_rank = {schema.CURATED: 0, schema.AREA: 1}.get(s.tiers[i], 2)
            hits.append(((rank, tier_rank, -int(s.population[i]), s.names[i], s.ids[i]), i))
        hits.sort()
        selected = hits if limit is None else hits[:limit]
        return [self._place(i) for _, i in selected]

    def populated_points(self) -> tuple[np.ndarray, np.ndarray, list[str], list[str]]:
        """Latitudes, longitudes, ids and kinds of every populated place (capital to camp).

        Duplicates of curated places hidden from look-ups are left out, so that one
        settlement is one point (used to tessellate the land into Voronoi cells).

        Examples
        --------
        >>> from geo import Gazetteer
        >>> lats, lons, ids, kinds = Gazetteer.load().populated_points()
        >>> len(ids) > 10_000, "ml-menaka" in ids
        (True, True)
        """
        s = self._store
        mask = self._active & np.array([k in schema.POPULATED_KINDS for k in s.kinds])
        chosen = np.flatnonzero(mask)
        return s.lat[chosen], s.lon[chosen], [s.ids[i] for i in chosen], [s.kinds[i] for i in chosen]
