""":class:`Placer`: one incident into one period and one unit of a level (rules in :mod:`geo.stats`)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from .. import schema
from ..periods import Period, period_of, periods
from .terms import (
    ADJECTIVES,
    BOUNDARY_CHANGE,
    COARSE_LEVELS,
    DATE_OPEN,
    DATE_TOO_COARSE,
    HEX,
    INTERVAL,
    LOCATION_TOO_COARSE,
    OUTSIDE,
    PRECISION_MARGIN_KM,
    REPORTED,
    SPATIAL_LEVELS,
    date_range_text,
    km_text,
    level_label,
    middle_day,
)
from .units import Units, cell_polygon

if TYPE_CHECKING:
    import geopandas
    import numpy as np

    from ..gazetteer import Gazetteer
    from ..place import Place


class Placer:
    """Places incidents in the units of one level and the periods of one kind."""

    def __init__(
        self,
        gazetteer: Gazetteer,
        *,
        by: str,
        every: str,
        resolution: int | None,
        limit_km: float | None,
        min_share: float,
    ) -> None:
        self.gazetteer = gazetteer
        self.by = by
        self.every = every
        self.resolution = resolution
        self.limit_km = limit_km
        self.min_share = min_share
        self.units = Units(gazetteer, by) if by in SPATIAL_LEVELS and by != HEX else None
        self.label = level_label(by, resolution)
        self._shares: dict[str, list[tuple[int, float]]] = {}
        self._cells: dict[str, Any] = {}
        self._periods: dict[tuple[str, dt.date | None, dt.date | None, str], tuple[Period | None, str, str]] = {}
        self._places: dict[str, Place] = {}

    # --- when -------------------------------------------------------------------
    def period_of_dates(
        self, date_text: str, first: dt.date | None, last: dt.date | None, rule: str = INTERVAL
    ) -> tuple[Period | None, str, str]:
        """(period, "", "") when one period holds the dates, else (None, reason, detail);
        worked out once for each distinct (date, interval, rule)."""
        key = (date_text, first, last, rule)
        found = self._periods.get(key)
        if found is None:
            found = self._periods[key] = self._period(*key)
        return found

    def _period(
        self, date_text: str, first: dt.date | None, last: dt.date | None, rule: str
    ) -> tuple[Period | None, str, str]:
        adjective = ADJECTIVES[self.every]
        if first is None or last is None:
            return (
                None,
                DATE_OPEN,
                f"date {date_text} is open-ended ({date_range_text(first, last)}); no period holds it",
            )
        if rule == REPORTED:
            return period_of(middle_day(first, last), self.every), "", ""
        period = period_of(first, self.every)
        if last <= period.end:
            return period, "", ""
        spanned = periods(first, last, self.every)
        return (
            None,
            DATE_TOO_COARSE,
            f"date {date_text} ({first} to {last}) spans {len(spanned)} {adjective} periods "
            f"({spanned[0].label} to {spanned[-1].label}); too coarse for {adjective} periods",
        )

    # --- where ------------------------------------------------------------------
    def place_rows(
        self,
        incidents: geopandas.GeoDataFrame,
        rows: list[int],
        whens: list[tuple[Any, ...]],
        on_days: Any,  # an (n, 2) array of day numbers: Any, as numpy types .any(axis=1) as maybe a scalar
        slots: list[int],
        units: np.ndarray,
        reasons: np.ndarray,
        details: np.ndarray,
    ) -> None:
        """Place the incidents at positions ``rows`` of ``incidents`` (each already given a
        period; ``whens``: ``(period, reason, detail, first, last, rule)``, ``first`` and
        ``last`` the days the unit must be valid on, ``on_days`` their day numbers, one row of
        two per incident) in this level's units: writes each
        one's unit, or its reason and detail, at its slot of ``units``, ``reasons`` and
        ``details``. Spatial levels only.
        """
        import numpy as np

        place_ids = incidents[schema.PLACE].tolist()
        place_names, ids = incidents[schema.PLACE_NAME].tolist(), incidents[schema.ID].tolist()
        for place_id in {place_ids[i] for i in rows}:
            if place_id and place_id not in self._places:
                self._places[place_id] = self.gazetteer.place(place_id)
        areas: dict[tuple[str, dt.date | None, dt.date | None], tuple[str | None, str, str]] = {}
        at_points: list[int] = []  # indices into rows
        for k, i in enumerate(rows):
            place_id = place_ids[i]
            place = self._places.get(place_id) if place_id else None
            if place is None or place.tier != schema.AREA:
                at_points.append(k)
                continue
            first, last = whens[k][3], whens[k][4]
            found = areas.get((place_id, first, last))
            if found is None:
                found = areas[(place_id, first, last)] = self._place_area(place, first, last)
            _write(slots[k], found, units, reasons, details)
        if not at_points:
            return
        points = [rows[k] for k in at_points]
        precision_column = incidents[schema.PRECISION]
        if precision_column.dtype.kind in "iu":
            precisions = precision_column.to_numpy(dtype=np.int64)[points]
        else:
            values = precision_column.tolist()
            precisions = np.fromiter((int(values[i]) for i in points), dtype=np.int64, count=len(points))
        own = incidents[schema.UNCERTAINTY_KM].to_numpy(dtype=float, na_value=np.nan)[points]
        uncertainty = np.where(np.isnan(own), 0.0, own)
        for precision in np.unique(precisions).tolist():
            uncertainty[precisions == precision] += PRECISION_MARGIN_KM.get(precision, 0.0)
        coarse = (precisions == 3) if self.by not in COARSE_LEVELS else np.zeros(len(points), dtype=bool)
        assert self.limit_km is not None
        wide = ~coarse & (uncertainty > self.limit_km)

        def name_of(i: int) -> str:
            return place_names[i] or ids[i]

        for n in np.flatnonzero(coarse | wide).tolist():
            i = points[n]
            name = name_of(i)
            if coarse[n]:
                detail = (
                    f"precision 3: only the region or a larger area around {name} is known; too coarse for {self.label}"
                )
            else:
                where = f"near {name}" if precisions[n] == 2 else name
                detail = (
                    f"location known only within ±{km_text(float(uncertainty[n]))} km ({where}); too coarse for "
                    f"{self.label}, which take at most ±{km_text(self.limit_km)} km"
                )
            _write(slots[at_points[n]], (None, LOCATION_TOO_COARSE, detail), units, reasons, details)
        kept = np.flatnonzero(~(coarse | wide)).tolist()
        if not kept:
            return
        import shapely

        geometry = np.asarray(incidents.geometry.array, dtype=object)[[points[n] for n in kept]]
        keys = list(zip(shapely.get_x(geometry).tolist(), shapely.get_y(geometry).tolist(), strict=True))
        if self.by == HEX:
            import h3

            cells: dict[tuple[float, float], str] = {}
            for n, key in zip(kept, keys, strict=True):
                cell = cells.get(key)
                if cell is None:
                    cell = cells[key] = h3.latlng_to_cell(key[1], key[0], self.resolution)
                units[slots[at_points[n]]] = cell
            return
        distinct: dict[tuple[float, float], int] = {}
        point_of = np.fromiter(
            (distinct.setdefault(key, len(distinct)) for key in keys), dtype=np.intp, count=len(keys)
        )
        found_units = self.spatial
        hits = [found_units.at_point(lon, lat) for lon, lat in distinct]
        none = len(found_units.ids)  # a slot past the last unit: valid on no day
        width = max(1, max(len(h) for h in hits))
        table = np.full((len(hits), width), none, dtype=np.intp)
        for p, unit_hits in enumerate(hits):
            table[p, : len(unit_hits)] = unit_hits
        lowest, highest = np.iinfo(np.int64).min, np.iinfo(np.int64).max
        since = np.array([d.toordinal() if d else lowest for d in found_units.valid_from] + [highest], dtype=np.int64)
        until = np.array([d.toordinal() if d else highest for d in found_units.valid_to] + [lowest], dtype=np.int64)
        whens_kept = [whens[at_points[n]] for n in kept]
        days = on_days[[at_points[n] for n in kept]]
        first, last = days[:, :1], days[:, 1:]
        candidates = table[point_of]
        starts, ends = since[candidates], until[candidates]
        valid = (starts <= first) & (last <= ends)
        placed = valid.any(axis=1)
        chosen = candidates[np.arange(len(kept)), valid.argmax(axis=1)]
        some_day = ((starts <= last) & (first <= ends)).any(axis=1)
        unit_ids = found_units.ids
        for m, n in enumerate(kept):
            slot = slots[at_points[n]]
            if placed[m]:
                units[slot] = unit_ids[chosen[m]]
                continue
            name = name_of(points[n])
            if some_day[m]:
                when = whens_kept[m]
                _write(slot, (None, BOUNDARY_CHANGE, self._changed(name, when[3], when[4])), units, reasons, details)
            else:
                detail = f"{name} lies outside every {self.by} of the gazetteer (they cover {found_units.coverage})"
                _write(slot, (None, OUTSIDE, detail), units, reasons, details)

    def _changed(self, name: str, first: dt.date, last: dt.date) -> str:
        return (
            f"the {self.label} around {name} changed between {first} and {last}: "
            f"no single {self.by} was valid on all of its dates"
        )

    def _place_area(self, place: Place, first: dt.date, last: dt.date) -> tuple[str | None, str, str]:
        coarse = (
            f"location known only to {place.name} (±{km_text(place.uncertainty_km)} km); too coarse for {self.label}: "
            f"no {'cell' if self.by == HEX else self.by} holds {self.min_share:.0%} of it".replace("%", " %")
        )
        if self.by == HEX:
            cell, share = self._cell_share(place.id)
            if share >= self.min_share:
                return cell, "", ""
            return None, LOCATION_TOO_COARSE, coarse
        units = self.spatial
        shares = self._unit_shares(place.id)
        valid = [(i, s) for i, s in shares if units.valid_throughout(i, first, last)]
        for i, share in valid:
            if share >= self.min_share:
                return units.ids[i], "", ""
        if not valid and any(units.valid_on_some_day(i, first, last) for i, _ in shares):
            return None, BOUNDARY_CHANGE, self._changed(place.name, first, last)
        covered = sum(share for _, share in valid)
        if covered < 0.5:
            inside = f"; only {covered:.0%} of it lies inside them".replace("%", " %") if covered >= 0.005 else ""
            return (
                None,
                OUTSIDE,
                f"{place.name} lies outside every {self.by} of the gazetteer (they cover {units.coverage}){inside}",
            )
        return None, LOCATION_TOO_COARSE, coarse

    def _unit_shares(self, area_id: str) -> list[tuple[int, float]]:
        """(unit index, share of the area's km² inside the unit), for every unit it touches."""
        if area_id not in self._shares:
            import shapely

            from ..measure import area_km2

            geometry = self.gazetteer.areas.geometry(area_id)
            total = float(area_km2(geometry)[0])
            found = []
            for i in sorted(self.spatial.tree.query(geometry, predicate="intersects").tolist()):
                inside = shapely.intersection(geometry, self.spatial.geometries[i])
                share = float(area_km2(inside)[0]) / total if total > 0 else 0.0
                if share > 0:
                    found.append((i, share))
            self._shares[area_id] = found
        return self._shares[area_id]

    def _cell_share(self, area_id: str) -> tuple[str, float]:
        """The cell holding the area's representative point, and the share of the area inside it."""
        if area_id not in self._cells:
            import h3
            import shapely

            from ..measure import area_km2

            geometry = self.gazetteer.areas.geometry(area_id)
            inner = geometry.representative_point()
            cell = h3.latlng_to_cell(inner.y, inner.x, self.resolution)
            total = float(area_km2(geometry)[0])
            share = 0.0
            if total > 0 and total * self.min_share <= 1.1 * h3.cell_area(cell, unit="km^2"):
                share = float(area_km2(shapely.intersection(geometry, cell_polygon(cell)))[0]) / total
            self._cells[area_id] = (cell, share)
        return self._cells[area_id]

    @property
    def spatial(self) -> Units:
        """The units of a level of areas (regions, cercles...; hexagons have none)."""
        assert self.units is not None, "hexagons are cells, not areas of the gazetteer"
        return self.units

    # --- the units' own attributes -----------------------------------------------
    def unit_attributes(self, unit: str) -> tuple[str, str, Any]:
        """(name, country, polygon) of a unit."""
        if self.by == HEX:
            return unit, "", cell_polygon(unit)
        i = self.spatial.index[unit]
        props = self.spatial.properties[i]
        return props.get(schema.NAME, unit), props.get(schema.COUNTRY, ""), self.spatial.geometries[i]


def _write(
    slot: int, found: tuple[str | None, str, str], units: np.ndarray, reasons: np.ndarray, details: np.ndarray
) -> None:
    """Write ``(unit, reason, detail)`` at ``slot``: the unit when placed, else the reason and detail."""
    unit, reason, detail = found
    if unit is not None:
        units[slot] = unit
    else:
        reasons[slot], details[slot] = reason, detail
