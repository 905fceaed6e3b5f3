"""Intensity by area and period: incidents and fatalities per region, cercle or hexagonal cell.

:func:`intensity` places every incident in one *unit* (a region, a cercle or an H3
cell) and one *period* (a month, a quarter, a year... of :mod:`geo.periods`), counts
the incidents and sums their fatalities per (unit, period), and reports, with a
reason, every incident it cannot place: nothing is dropped and nothing is forced
into a unit or a period it may not belong to. ``placed + unplaced == total`` always
holds, ``total`` being the incidents whose dates overlap the range asked for.

Where (an incident is placed in at most one unit):

- **An incident located by an area** (its ``place`` is an area of the gazetteer: a
  country, region, cercle, province or informal area) is placed in a unit only when
  at least 90 % of the area's polygon (``min_share``, geodesic km²) lies inside that
  unit: an incident "in Ménaka region" counts for Ménaka region, and for Ménaka
  cercle (the same polygon), but for no cell of the hexagonal grid, and an incident
  "in Mali" for no region at all.
- **An incident located at a point** is placed in the unit that contains the point
  when its location uncertainty is at most ``max_uncertainty_km`` (by default 100 km
  for regions, 50 km for cercles and the average edge length of the cells for the
  hexagonal grid: 26 km at resolution 4). The uncertainty is the place's
  ``uncertainty_km`` (0 when the record gives its own coordinates and no place), plus
  25 km at precision 2 ("near it": seeds/README.md). Precision 3 ("only the region or
  a larger area is known") is never placed below the region level. A point on a
  simplified border that falls in no unit goes to the nearest unit within about 5 km
  (:data:`geo.areas.AREA_TOLERANCE_DEG`).
- **Regions follow the reforms**: an incident counts for the region valid on every
  day of its dates (``valid_from``/``valid_to`` of ``gazetteer/areas.geojson``), so a
  2019 incident near Bandiagara counts for Mopti region as it stood before 2023
  (``ml-region-mopti-pre2023``) and a 2024 one for Bandiagara region. An incident
  whose dates straddle a reform that changed its region is reported
  (``boundary_change``). The region level holds every region of the gazetteer
  (Mali's, Niger's, Burkina Faso's); the cercle level holds Mali's cercles only, so
  incidents in Niger or Burkina Faso are reported as ``outside`` there.
- **Hexagonal cells** are H3 cells (default resolution 4: cells of about 1,770 km²,
  edges of about 26 km). H3 cells are *not* equal-area: at resolution 4 the 783
  cells that touch Mali measure from about 1,390 to 1,790 km² (30 % apart), so every
  row carries its unit's own geodesic ``area_km2`` and the density
  ``incidents_per_10k_km2``; compare cells by density, not by count.

When (an incident is placed in at most one period): an incident counts in the
period that holds its whole interval of dates (``start`` to ``end``, inclusive).
An incident dated "2022-03-07/2022-06" spans four months and two quarters: it is
reported as ``date_too_coarse`` in a monthly or a quarterly table, and counted in
2022 in a yearly one (never split, never counted twice). An open-ended date
("../2012-06-28") is reported as ``date_open``. The date is checked first, then the
location: an incident not placed is reported with the first reason found.

Range: with ``start``/``end``, the incidents whose dates overlap the range are the
total; the rows are whole periods, so the first and last rows count only the
incidents of the range.

Fatalities: ``fatalities_low``, ``fatalities_best`` and ``fatalities_high`` of a row
are the sums of the figures that are known (a missing figure counts as nothing, and
never as 0 or as an estimate); a sum is null when no incident of the row has that
figure. ``fatalities_best_missing`` counts the row's incidents without a best figure
(some of which may still give a low or a high), ``fatalities_missing`` those with no
figure at all. So "between 300 and 500" adds 300 to the low sum, 500 to the high
sum, nothing to the best sum, and 1 to ``fatalities_best_missing``.

Examples
--------
>>> from geo import Gazetteer, load_records
>>> gazetteer = Gazetteer.load()
>>> table = intensity(load_records(gazetteer=gazetteer), gazetteer, by="region", every="year")
>>> table.placed + len(table.unplaced) == table.total
True
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from . import schema
from .errors import InputError
from .periods import EVERY, Period, period_of, periods

if TYPE_CHECKING:
    import geopandas
    import pandas

    from .frames import Records
    from .gazetteer import Gazetteer

__all__ = [
    "DEFAULT_HEX_RESOLUTION",
    "LEVELS",
    "MIN_SHARE",
    "REASONS",
    "Intensity",
    "default_max_uncertainty_km",
    "intensity",
    "intensity_layer",
]

# The levels of aggregation: the gazetteer's regions, Mali's cercles, H3 cells.
REGION, CERCLE, HEX = "region", "cercle", "hex"
LEVELS = (REGION, CERCLE, HEX)
DEFAULT_HEX_RESOLUTION = 4
# Largest location uncertainty (km) of an incident at a point placed in a unit of the
# level; for the hexagonal grid, the average edge length of its cells.
MAX_UNCERTAINTY_KM = {REGION: 100.0, CERCLE: 50.0}
# Precision 2, "near it": within about 25 km of the place (seeds/README.md, incidents).
NEAR_MARGIN_KM = 25.0
# Share of an area's polygon (geodesic km²) that must lie in a unit for an incident
# located by that area to be placed in the unit.
MIN_SHARE = 0.9
# Density: incidents per this many km².
DENSITY_KM2 = 10_000.0

# Why an incident was not placed.
DATE_OPEN = "date_open"
DATE_TOO_COARSE = "date_too_coarse"
BOUNDARY_CHANGE = "boundary_change"
LOCATION_TOO_COARSE = "location_too_coarse"
OUTSIDE = "outside"
REASONS = (DATE_OPEN, DATE_TOO_COARSE, BOUNDARY_CHANGE, LOCATION_TOO_COARSE, OUTSIDE)

ROW_COLUMNS = (
    schema.UNIT_ID,
    schema.NAME,
    schema.LEVEL,
    schema.COUNTRY,
    schema.PERIOD,
    schema.START,
    schema.END,
    schema.INCIDENTS,
    *schema.FATALITY_COLUMNS,
    schema.FATALITIES_BEST_MISSING,
    schema.FATALITIES_MISSING,
    schema.AREA_KM2,
    schema.INCIDENT_DENSITY,
)
PLACEMENT_COLUMNS = (
    schema.ID,
    schema.DATE,
    schema.START,
    schema.END,
    schema.PLACE,
    schema.PLACE_NAME,
    schema.PRECISION,
    schema.UNCERTAINTY_KM,
    schema.UNIT_ID,
    schema.PERIOD,
    schema.REASON,
    schema.DETAIL,
)
UNPLACED_COLUMNS = (
    schema.ID,
    schema.DATE,
    schema.START,
    schema.END,
    schema.PERIOD,
    schema.PLACE,
    schema.PLACE_NAME,
    schema.REASON,
    schema.DETAIL,
)

_ADJECTIVES = {"day": "daily", "week": "weekly", "month": "monthly", "quarter": "quarterly", "year": "yearly"}
_PLURALS = {REGION: "regions", CERCLE: "cercles", HEX: "hexagonal cells"}


def default_max_uncertainty_km(by: str, *, hex_resolution: int = DEFAULT_HEX_RESOLUTION) -> float:
    """The default largest location uncertainty (km) of an incident placed at level ``by``.

    Examples
    --------
    >>> default_max_uncertainty_km("cercle")
    50.0
    >>> round(default_max_uncertainty_km("hex", hex_resolution=4), 1)  # H3's average edge length
    26.1
    """
    _check_level(by)
    if by == HEX:
        import h3

        return float(h3.average_hexagon_edge_length(_check_resolution(hex_resolution), unit="km"))
    return MAX_UNCERTAINTY_KM[by]


@dataclass
class Intensity:
    """Incidents and fatalities per (unit, period), and the incidents not placed.

    - ``frame``: a GeoDataFrame (EPSG:4326), one row per (unit, period) with at least
      one incident, ordered by period and unit: ``unit`` (area id or H3 cell),
      ``name``, ``level``, ``country``, ``period`` (label), ``start``/``end``
      (``datetime.date``, inclusive), ``incidents``, ``fatalities_low``/``_best``/
      ``_high`` (sums of the known figures, nullable), ``fatalities_best_missing``,
      ``fatalities_missing``, ``area_km2`` (geodesic), ``incidents_per_10k_km2`` and
      the unit's polygon;
    - ``placements``: one row per incident of the range, with its ``unit`` and
      ``period``, or its ``reason`` and ``detail`` when it was not placed;
    - ``total``: the incidents of the range (``placed + len(unplaced) == total``).
    """

    frame: geopandas.GeoDataFrame
    placements: pandas.DataFrame
    by: str
    every: str
    start: dt.date | None
    end: dt.date | None
    max_uncertainty_km: float
    hex_resolution: int | None
    min_share: float = MIN_SHARE

    @property
    def total(self) -> int:
        """The number of incidents whose dates overlap the range."""
        return len(self.placements)

    @property
    def placed(self) -> int:
        """The number of incidents counted in a row of :attr:`frame`."""
        return int(self.frame[schema.INCIDENTS].sum()) if len(self.frame) else 0

    @property
    def unplaced(self) -> pandas.DataFrame:
        """The incidents not placed: id, date, start, end, period (when known), place, reason, detail."""
        rows = self.placements[self.placements[schema.REASON].notna()]
        return rows.loc[:, list(UNPLACED_COLUMNS)].reset_index(drop=True)

    def unplaced_by_reason(self) -> dict[str, int]:
        """How many incidents were not placed, per reason (in the order of :data:`REASONS`)."""
        counts = Counter(self.placements[schema.REASON].dropna())
        return {reason: counts[reason] for reason in REASONS if counts[reason]}

    def summary(self) -> str:
        """One line: how many incidents, how many placed, how many not and why.

        Examples
        --------
        >>> from geo import Gazetteer, load_records
        >>> gazetteer = Gazetteer.load()
        >>> table = intensity(load_records(gazetteer=gazetteer), gazetteer, by="cercle", every="year")
        >>> table.summary().startswith(f"{table.total} incidents: {table.placed} placed in cercles")
        True
        """
        level = _level_label(self.by, self.hex_resolution)
        line = f"{self.total} incidents: {self.placed} placed in {level} by {_ADJECTIVES[self.every]} period"
        reasons = self.unplaced_by_reason()
        if reasons:
            detail = ", ".join(f"{n} {reason.replace('_', ' ')}" for reason, n in reasons.items())
            line += f", {len(self.unplaced)} unplaced ({detail})"
        else:
            line += ", none unplaced"
        return line


def intensity(
    records: Records | geopandas.GeoDataFrame,
    gazetteer: Gazetteer,
    *,
    by: str = REGION,
    every: str = "month",
    start: dt.date | None = None,
    end: dt.date | None = None,
    hex_resolution: int = DEFAULT_HEX_RESOLUTION,
    max_uncertainty_km: float | None = None,
    min_share: float = MIN_SHARE,
) -> Intensity:
    """Count incidents and sum fatalities per unit (``by``) and period (``every``).

    ``records`` is :class:`~geo.frames.Records` or its ``incidents`` GeoDataFrame;
    ``by`` one of ``region``, ``cercle``, ``hex``; ``every`` one of ``day``, ``week``,
    ``month``, ``quarter``, ``year``; ``start``/``end`` (inclusive, either may be
    ``None``) keep the incidents whose dates overlap the range. ``hex_resolution`` is
    the H3 resolution of ``by="hex"``; ``max_uncertainty_km`` (default:
    :func:`default_max_uncertainty_km`) and ``min_share`` (default 0.9) set the
    placement rules of the module docstring. Bad options raise
    :class:`~geo.errors.InputError` naming the value.

    Examples
    --------
    >>> from geo import Gazetteer, load_records
    >>> gazetteer = Gazetteer.load()
    >>> records = load_records(gazetteer=gazetteer)
    >>> table = intensity(records, gazetteer, by="region", every="year")
    >>> where = table.placements.set_index("id")
    >>> where.loc["inc-2022-06-11-seytenga", ["unit", "period"]].tolist()  # Seytenga, Burkina Faso
    ['bf-region-sahel', '2022']
    >>> where.loc["inc-2012-12-mali", "detail"]
    'location known only to Mali (±1478 km); too coarse for regions: no region holds 90 % of it'
    >>> march = intensity(records, gazetteer, by="hex", start=dt.date(2022, 3, 1), end=dt.date(2022, 3, 31))
    >>> detail = march.placements.set_index("id").loc["inc-2022-03-gao", "detail"]  # 2022-03-07/2022-06
    >>> detail.endswith("spans 4 monthly periods (2022-03 to 2022-06); too coarse for monthly periods")
    True
    """
    import pandas as pd

    _check_level(by)
    if every not in EVERY:
        raise InputError(f"unknown period {every!r}; choose from {', '.join(EVERY)}")
    resolution = _check_resolution(hex_resolution) if by == HEX else None
    if start is not None and end is not None and end < start:
        raise InputError(f"the range ends ({end}) before it starts ({start}); swap the two dates")
    if not 0.5 < min_share <= 1.0:
        raise InputError(f"min_share must be more than 0.5 and at most 1, not {min_share!r}")
    if max_uncertainty_km is None:
        max_uncertainty_km = default_max_uncertainty_km(by, hex_resolution=hex_resolution)
    elif not max_uncertainty_km >= 0:
        raise InputError(f"the largest location uncertainty must be 0 km or more, not {max_uncertainty_km!r}")

    incidents = records.incidents if hasattr(records, "incidents") else records
    placer = _Placer(
        gazetteer, by=by, every=every, resolution=resolution, limit_km=float(max_uncertainty_km), min_share=min_share
    )
    rows: list[dict[str, Any]] = []
    counted: list[tuple[int, str, Period]] = []
    for position, incident in enumerate(incidents.itertuples(index=False)):
        first, last = _day(getattr(incident, schema.START)), _day(getattr(incident, schema.END))
        if not _overlaps(first, last, start, end):
            continue
        unit, period, reason, detail = placer.place(incident, first, last)
        rows.append(
            {
                schema.ID: getattr(incident, schema.ID),
                schema.DATE: getattr(incident, schema.DATE),
                schema.START: first,
                schema.END: last,
                schema.PLACE: getattr(incident, schema.PLACE),
                schema.PLACE_NAME: getattr(incident, schema.PLACE_NAME),
                schema.PRECISION: getattr(incident, schema.PRECISION),
                schema.UNCERTAINTY_KM: getattr(incident, schema.UNCERTAINTY_KM),
                schema.UNIT_ID: unit,
                schema.PERIOD: period.label if period else None,
                schema.REASON: reason,
                schema.DETAIL: detail,
            }
        )
        if unit is not None and period is not None:
            counted.append((position, unit, period))
    placements = pd.DataFrame(rows, columns=list(PLACEMENT_COLUMNS))
    for column in (schema.START, schema.END, schema.UNIT_ID, schema.PERIOD, schema.REASON, schema.DETAIL):
        placements[column] = placements[column].astype(object).where(placements[column].notna(), None)
    frame = _aggregate(incidents, counted, placer)
    result = Intensity(
        frame=frame,
        placements=placements,
        by=by,
        every=every,
        start=start,
        end=end,
        max_uncertainty_km=float(max_uncertainty_km),
        hex_resolution=resolution,
        min_share=min_share,
    )
    if result.placed + len(result.unplaced) != result.total:  # pragma: no cover - a bug, not a user error
        raise AssertionError(f"{result.placed} placed + {len(result.unplaced)} unplaced != {result.total} incidents")
    return result


def intensity_layer(
    records: Records | geopandas.GeoDataFrame,
    gazetteer: Gazetteer,
    *,
    by: str = CERCLE,
    every: str = "month",
    start: dt.date | None = None,
    end: dt.date | None = None,
    hex_resolution: int = DEFAULT_HEX_RESOLUTION,
) -> geopandas.GeoDataFrame:
    """The rows of :func:`intensity` as a layer for GeoJSON, GeoPackage or CSV export.

    Plain columns only (no lists): ``start``/``end`` are ``datetime.date`` (DATE fields
    in a GeoPackage, so that QGIS's temporal controller plays the choropleth), counts
    and fatalities are nullable integers, ``area_km2`` and the density floats; the
    geometry is each unit's polygon in EPSG:4326. Only (unit, period) pairs with at
    least one incident are rows.

    Examples
    --------
    >>> from geo import Gazetteer, load_records
    >>> gazetteer = Gazetteer.load()
    >>> layer = intensity_layer(load_records(gazetteer=gazetteer), gazetteer, by="cercle", every="year")
    >>> list(layer.columns[:7])
    ['unit', 'name', 'level', 'country', 'period', 'start', 'end']
    >>> layer.crs.to_epsg(), set(layer.geom_type) <= {"Polygon", "MultiPolygon"}
    (4326, True)
    """
    return intensity(records, gazetteer, by=by, every=every, start=start, end=end, hex_resolution=hex_resolution).frame


# --- placing one incident ---------------------------------------------------------------


def _check_level(by: str) -> None:
    if by not in LEVELS:
        raise InputError(f"unknown level {by!r} to count by; choose from {', '.join(LEVELS)}")


def _check_resolution(resolution: Any) -> int:
    if isinstance(resolution, bool) or not isinstance(resolution, int) or not 0 <= resolution <= 15:
        raise InputError(
            f"H3 resolution {resolution!r} is not a whole number from 0 to 15; "
            "try 3 (cells of about 12,400 km²), 4 (about 1,770 km²) or 5 (about 250 km²)"
        )
    return resolution


def _level_label(by: str, resolution: int | None) -> str:
    if by == HEX:
        return f"H3 cells of resolution {resolution}"
    return _PLURALS[by]


def _day(value: Any) -> dt.date | None:
    """A frame's date cell as a date, ``None`` for an open side (None, NaT, NaN)."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return None


def _overlaps(first: dt.date | None, last: dt.date | None, start: dt.date | None, end: dt.date | None) -> bool:
    return (first is None or end is None or first <= end) and (last is None or start is None or last >= start)


def _km(value: float) -> str:
    return f"{value:.0f}" if value >= 10 else f"{value:.1f}".removesuffix(".0")


def _date_range(first: dt.date | None, last: dt.date | None) -> str:
    return f"{first or '..'} to {last or '..'}"


class _Units:
    """The units of an admin level: polygons, validity, a spatial index."""

    def __init__(self, gazetteer: Gazetteer, kind: str) -> None:
        import shapely

        from .measure import area_km2

        areas = gazetteer.areas
        chosen = [i for i, props in enumerate(areas.properties) if props.get(schema.KIND) == kind]
        self.ids = [areas.ids[i] for i in chosen]
        self.properties = [areas.properties[i] for i in chosen]
        self.geometries = [areas.geometries[i] for i in chosen]
        self.valid_from = [_iso(p.get(schema.VALID_FROM)) for p in self.properties]
        self.valid_to = [_iso(p.get(schema.VALID_TO)) for p in self.properties]
        self.index = {unit_id: i for i, unit_id in enumerate(self.ids)}
        self.tree = shapely.STRtree(self.geometries)
        self.areas_km2 = area_km2(self.geometries) if self.geometries else []
        countries = sorted({p.get(schema.COUNTRY) for p in self.properties if p.get(schema.COUNTRY)})
        from .countries import country_name

        names = [country_name(code) for code in countries]
        self.coverage = ", ".join(names[:-1]) + f" and {names[-1]}" if len(names) > 1 else "".join(names)

    def valid_throughout(self, i: int, first: dt.date, last: dt.date) -> bool:
        since, until = self.valid_from[i], self.valid_to[i]
        return (since is None or since <= first) and (until is None or last <= until)

    def valid_on_some_day(self, i: int, first: dt.date, last: dt.date) -> bool:
        since, until = self.valid_from[i], self.valid_to[i]
        return (since is None or since <= last) and (until is None or first <= until)

    def at_point(self, lon: float, lat: float) -> list[int]:
        """The units holding the point; else the nearest within the border tolerance."""
        import shapely

        from .areas import AREA_TOLERANCE_DEG

        point = shapely.Point(lon, lat)
        hits = sorted(self.tree.query(point, predicate="intersects").tolist())
        if hits:
            return hits
        near = self.tree.query(point, predicate="dwithin", distance=AREA_TOLERANCE_DEG).tolist()
        if not near:
            return []
        distances = {i: shapely.distance(point, self.geometries[i]) for i in near}
        best = min(distances.values())
        return sorted(i for i, d in distances.items() if d == best)


def _iso(text: Any) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


class _Placer:
    """Places incidents in the units of one level and the periods of one kind."""

    def __init__(
        self, gazetteer: Gazetteer, *, by: str, every: str, resolution: int | None, limit_km: float, min_share: float
    ) -> None:
        self.gazetteer = gazetteer
        self.by = by
        self.every = every
        self.resolution = resolution
        self.limit_km = limit_km
        self.min_share = min_share
        self.units = _Units(gazetteer, by) if by != HEX else None
        self.label = _level_label(by, resolution)
        self._shares: dict[str, list[tuple[int, float]]] = {}
        self._cells: dict[str, Any] = {}

    # --- when -------------------------------------------------------------------
    def period(self, incident: Any, first: dt.date | None, last: dt.date | None) -> tuple[Period | None, str, str]:
        date_text = getattr(incident, schema.DATE)
        adjective = _ADJECTIVES[self.every]
        if first is None or last is None:
            return None, DATE_OPEN, f"date {date_text} is open-ended ({_date_range(first, last)}); no period holds it"
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
    def place(
        self, incident: Any, first: dt.date | None, last: dt.date | None
    ) -> tuple[str | None, Period | None, str | None, str | None]:
        """(unit, period, None, None) when placed, else (None, period or None, reason, detail)."""
        period, reason, detail = self.period(incident, first, last)
        if period is None:
            return None, None, reason, detail
        assert first is not None and last is not None
        place_id = getattr(incident, schema.PLACE)
        place = self.gazetteer.place(place_id) if place_id else None
        if place is not None and place.tier == schema.AREA:
            unit, reason, detail = self._place_area(place, first, last)
        else:
            unit, reason, detail = self._place_point(incident, place, first, last)
        if unit is None:
            return None, period, reason, detail
        return unit, period, None, None

    def _place_point(self, incident: Any, place, first: dt.date, last: dt.date) -> tuple[str | None, str, str]:
        import math

        name = getattr(incident, schema.PLACE_NAME) or getattr(incident, schema.ID)
        precision = int(getattr(incident, schema.PRECISION))
        if precision == 3 and self.by != REGION:
            return (
                None,
                LOCATION_TOO_COARSE,
                f"precision 3: only the region or a larger area around {name} is known; too coarse for {self.label}",
            )
        own = getattr(incident, schema.UNCERTAINTY_KM)
        uncertainty = 0.0 if own is None or (isinstance(own, float) and math.isnan(own)) else float(own)
        where = name
        if precision == 2:
            uncertainty += NEAR_MARGIN_KM
            where = f"near {name}"
        if uncertainty > self.limit_km:
            return (
                None,
                LOCATION_TOO_COARSE,
                f"location known only within ±{_km(uncertainty)} km ({where}); too coarse for {self.label}, "
                f"which take at most ±{_km(self.limit_km)} km",
            )
        point = incident.geometry
        if self.by == HEX:
            import h3

            return h3.latlng_to_cell(point.y, point.x, self.resolution), "", ""
        units = self.units
        hits = units.at_point(point.x, point.y)
        valid = [i for i in hits if units.valid_throughout(i, first, last)]
        if valid:
            return units.ids[valid[0]], "", ""
        if any(units.valid_on_some_day(i, first, last) for i in hits):
            return None, BOUNDARY_CHANGE, self._changed(name, first, last)
        return None, OUTSIDE, f"{name} lies outside every {self.by} of the gazetteer (they cover {units.coverage})"

    def _changed(self, name: str, first: dt.date, last: dt.date) -> str:
        return (
            f"the {self.label} around {name} changed between {first} and {last}: "
            f"no single {self.by} was valid on all of its dates"
        )

    def _place_area(self, place, first: dt.date, last: dt.date) -> tuple[str | None, str, str]:
        coarse = (
            f"location known only to {place.name} (±{_km(place.uncertainty_km)} km); too coarse for {self.label}: "
            f"no {'cell' if self.by == HEX else self.by} holds {self.min_share:.0%} of it".replace("%", " %")
        )
        if self.by == HEX:
            cell, share = self._cell_share(place.id)
            if share >= self.min_share:
                return cell, "", ""
            return None, LOCATION_TOO_COARSE, coarse
        units = self.units
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

            from .measure import area_km2

            geometry = self.gazetteer.areas.geometry(area_id)
            total = float(area_km2(geometry)[0])
            found = []
            for i in sorted(self.units.tree.query(geometry, predicate="intersects").tolist()):
                inside = shapely.intersection(geometry, self.units.geometries[i])
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

            from .measure import area_km2

            geometry = self.gazetteer.areas.geometry(area_id)
            inner = geometry.representative_point()
            cell = h3.latlng_to_cell(inner.y, inner.x, self.resolution)
            total = float(area_km2(geometry)[0])
            share = 0.0
            if total > 0 and total * self.min_share <= 1.1 * h3.cell_area(cell, unit="km^2"):
                share = float(area_km2(shapely.intersection(geometry, _cell_polygon(cell)))[0]) / total
            self._cells[area_id] = (cell, share)
        return self._cells[area_id]

    # --- the units' own attributes -----------------------------------------------
    def unit_attributes(self, unit: str) -> tuple[str, str, Any]:
        """(name, country, polygon) of a unit."""
        if self.by == HEX:
            return unit, "", _cell_polygon(unit)
        i = self.units.index[unit]
        props = self.units.properties[i]
        return props.get(schema.NAME, unit), props.get(schema.COUNTRY, ""), self.units.geometries[i]


def _cell_polygon(cell: str):
    """The polygon of an H3 cell, Polygon(lon, lat) (h3 gives (lat, lon) pairs)."""
    import h3
    import shapely

    latlngs = h3.cell_to_boundary(cell)
    return shapely.Polygon([(lon, lat) for lat, lon in latlngs])


# --- the table ----------------------------------------------------------------------------


def _aggregate(incidents: geopandas.GeoDataFrame, counted: list[tuple[int, str, Period]], placer: _Placer):
    import geopandas
    import pandas as pd

    from .measure import area_km2

    if not counted:
        empty = pd.DataFrame({column: pd.Series(dtype=object) for column in ROW_COLUMNS})
        for column in (schema.INCIDENTS, *schema.FATALITY_COLUMNS):
            empty[column] = empty[column].astype("Int64")
        for column in (schema.FATALITIES_BEST_MISSING, schema.FATALITIES_MISSING):
            empty[column] = empty[column].astype("int64")
        for column in (schema.AREA_KM2, schema.INCIDENT_DENSITY):
            empty[column] = empty[column].astype("float64")
        return geopandas.GeoDataFrame(empty, geometry=geopandas.GeoSeries([], crs="EPSG:4326"), crs="EPSG:4326")

    positions = [position for position, _, _ in counted]
    figures = incidents.iloc[positions][list(schema.FATALITY_COLUMNS)].reset_index(drop=True)
    for column in schema.FATALITY_COLUMNS:
        figures[column] = figures[column].astype("Int64")
    figures[schema.UNIT_ID] = [unit for _, unit, _ in counted]
    figures["_period"] = [period.label for _, _, period in counted]
    by_label = {period.label: period for _, _, period in counted}
    missing_best = figures[schema.FATALITIES_BEST].isna()
    figures[schema.FATALITIES_BEST_MISSING] = missing_best.astype("int64")
    figures[schema.FATALITIES_MISSING] = figures[list(schema.FATALITY_COLUMNS)].isna().all(axis=1).astype("int64")
    grouped = figures.groupby([schema.UNIT_ID, "_period"], sort=False)
    table = grouped.agg(
        **{
            schema.INCIDENTS: (schema.FATALITIES_MISSING, "size"),
            **{column: (column, lambda s: s.sum(min_count=1)) for column in schema.FATALITY_COLUMNS},
            schema.FATALITIES_BEST_MISSING: (schema.FATALITIES_BEST_MISSING, "sum"),
            schema.FATALITIES_MISSING: (schema.FATALITIES_MISSING, "sum"),
        }
    ).reset_index()

    units = list(dict.fromkeys(table[schema.UNIT_ID]))
    attributes = {unit: placer.unit_attributes(unit) for unit in units}
    areas = dict(zip(units, area_km2([attributes[u][2] for u in units]).tolist(), strict=True))
    names = {unit: attributes[unit][0] for unit in units}
    if placer.by == HEX:
        names = _cell_names(incidents, counted)

    rows = pd.DataFrame(
        {
            schema.UNIT_ID: table[schema.UNIT_ID],
            schema.NAME: table[schema.UNIT_ID].map(names),
            schema.LEVEL: placer.by,
            schema.COUNTRY: table[schema.UNIT_ID].map(lambda u: attributes[u][1]),
            schema.PERIOD: table["_period"],
            schema.START: table["_period"].map(lambda label: by_label[label].start),
            schema.END: table["_period"].map(lambda label: by_label[label].end),
            schema.INCIDENTS: table[schema.INCIDENTS].astype("Int64"),
            **{column: table[column].astype("Int64") for column in schema.FATALITY_COLUMNS},
            schema.FATALITIES_BEST_MISSING: table[schema.FATALITIES_BEST_MISSING].astype("int64"),
            schema.FATALITIES_MISSING: table[schema.FATALITIES_MISSING].astype("int64"),
            schema.AREA_KM2: table[schema.UNIT_ID].map(areas).astype("float64"),
        }
    )
    rows[schema.INCIDENT_DENSITY] = rows[schema.INCIDENTS].astype("float64") / rows[schema.AREA_KM2] * DENSITY_KM2
    rows = rows.sort_values([schema.START, schema.UNIT_ID], kind="stable").reset_index(drop=True)
    geometry = geopandas.GeoSeries([attributes[u][2] for u in rows[schema.UNIT_ID]], crs="EPSG:4326")
    return geopandas.GeoDataFrame(rows, geometry=geometry, crs="EPSG:4326")


def _cell_names(incidents: geopandas.GeoDataFrame, counted: list[tuple[int, str, Period]]) -> dict[str, str]:
    """A readable name for each cell: the places of its incidents, most frequent first."""
    places: dict[str, Counter] = {}
    for position, unit, _ in counted:
        name = incidents.iloc[position][schema.PLACE_NAME] or incidents.iloc[position][schema.ID]
        places.setdefault(unit, Counter())[name] += 1
    names = {}
    for unit, counter in places.items():
        ranked = [name for name, _ in sorted(counter.items(), key=lambda item: (-item[1], item[0]))]
        names[unit] = "; ".join(ranked[:2]) + (f" +{len(ranked) - 2}" if len(ranked) > 2 else "")
    return names
