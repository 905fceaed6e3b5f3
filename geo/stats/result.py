""":class:`Intensity`: the rows of :func:`geo.stats.intensity`, its placements and its summary."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .. import schema
from .terms import (
    ACTOR,
    ADJECTIVES,
    AUTO,
    INTERVAL,
    LOCATION_TOO_COARSE,
    MIN_SHARE,
    PERIOD_RULE,
    REASONS,
    REPORTED,
    ROW_COLUMNS,
    SPATIAL_LEVELS,
    UNPLACED_COLUMNS,
    VIEW_LABELS,
    VIEW_ROW_COLUMNS,
    is_missing,
    level_label,
)

if TYPE_CHECKING:
    import pandas


@dataclass
class Intensity:
    """Incidents and fatalities per (unit, period), and the incidents not placed.

    - ``frame``: one row per (unit, period) with at least one incident, ordered by
      period and unit: ``unit`` (area id, H3 cell, actor id or event type), ``name``,
      ``level``, ``period`` (label), ``start``/``end`` (``datetime.date``, inclusive),
      ``incidents``, ``fatalities_low``/``_best``/``_high`` (sums of the known
      figures, nullable), ``fatalities_best_missing``, ``fatalities_missing``; for
      the spatial views a GeoDataFrame (EPSG:4326) that also has ``country``,
      ``area_km2`` (geodesic), ``incidents_per_10k_km2`` and the unit's polygon
      (:data:`ROW_COLUMNS`), for the actor and event-type views a DataFrame
      (:data:`VIEW_ROW_COLUMNS`);
    - ``placements``: one row per selected incident of the range, with the
      ``period_rule`` that dated it, its ``unit`` (for ``by="actor"`` the actors it
      counts for, ``|``-separated) and ``period``, or its ``reason`` and ``detail``
      when it was not placed;
    - ``total``: the selected incidents of the range (``placed + len(unplaced) ==
      total``); ``not_selected``: how many incidents of the range each filter left
      out (an incident counts for the first filter that leaves it out: actors, event
      types, countries); ``unknown_country``: how many of those the country filter
      left out because their country is not known.
    """

    frame: pandas.DataFrame
    placements: pandas.DataFrame
    by: str
    every: str
    start: dt.date | None
    end: dt.date | None
    max_uncertainty_km: float | None
    hex_resolution: int | None
    min_share: float = MIN_SHARE
    period_rule: str = AUTO
    not_selected: dict[str, int] = field(default_factory=dict)
    unknown_country: int = 0

    @property
    def columns(self) -> tuple[str, ...]:
        """The columns of the rows of :attr:`frame` (without the geometry)."""
        return ROW_COLUMNS if self.by in SPATIAL_LEVELS else VIEW_ROW_COLUMNS

    @property
    def total(self) -> int:
        """The number of selected incidents whose dates overlap the range."""
        return len(self.placements)

    @property
    def placed(self) -> int:
        """The number of incidents counted in the rows of :attr:`frame`, each once (in
        the actor view an incident is in one row per actor, but counts once here)."""
        return int(self.placements[schema.REASON].isna().sum()) if len(self.placements) else 0

    @property
    def counts(self) -> int:
        """The sum of the rows' ``incidents``: :attr:`placed`, except in the actor view."""
        return int(self.frame[schema.INCIDENTS].sum()) if len(self.frame) else 0

    @property
    def unplaced(self) -> pandas.DataFrame:
        """The incidents not placed: id, date, start, end, period (when known), place,
        precision, fatalities, period rule, reason, detail."""
        rows = self.placements[self.placements[schema.REASON].notna()]
        return rows.loc[:, list(UNPLACED_COLUMNS)].reset_index(drop=True)

    def rows(self) -> list[dict[str, Any]]:
        """The rows of :attr:`frame` as plain values (no geometry): dates as ISO strings,
        missing values as ``None``, a unit with no country as ``None``, areas rounded to
        0.1 km² and densities to 0.001: what ``geo stats`` writes.

        Examples
        --------
        >>> from geo import Gazetteer, load_records
        >>> from geo.stats import intensity
        >>> gazetteer = Gazetteer.load()
        >>> table = intensity(load_records(gazetteer=gazetteer), gazetteer, by="region", every="year")
        >>> row = next(row for row in table.rows() if row["unit"] == "bf-region-sahel" and row["period"] == "2022")
        >>> row["start"], row["end"], row["incidents"] >= 1, "geometry" in row
        ('2022-01-01', '2022-12-31', True, False)
        """
        from ..tables import plain_value

        frame = self.frame
        if self.by in SPATIAL_LEVELS:
            frame = frame.drop(columns=frame.geometry.name)
        rows = []
        for row in frame.to_dict("records"):
            plain = {str(key): plain_value(value) for key, value in row.items()}
            if schema.AREA_KM2 in plain:
                plain[schema.COUNTRY] = plain[schema.COUNTRY] or None
                plain[schema.AREA_KM2] = round(plain[schema.AREA_KM2], 1)
                plain[schema.INCIDENT_DENSITY] = round(plain[schema.INCIDENT_DENSITY], 3)
            rows.append(plain)
        return rows

    def unplaced_rows(self) -> list[dict[str, Any]]:
        """The incidents not placed (:attr:`unplaced`) as plain values, with ``None`` for
        no place: what ``geo stats --unplaced`` writes.

        Examples
        --------
        >>> from geo import Gazetteer, load_records
        >>> from geo.stats import intensity
        >>> gazetteer = Gazetteer.load()
        >>> table = intensity(load_records(gazetteer=gazetteer), gazetteer, by="region", every="year")
        >>> mali = next(row for row in table.unplaced_rows() if row["id"] == "inc-2012-12-mali")
        >>> mali["reason"], mali["place"]
        ('location_too_coarse', 'ml')
        """
        from ..tables import plain_value

        rows = []
        for row in self.unplaced.to_dict("records"):
            plain = {str(key): plain_value(value) for key, value in row.items()}
            plain[schema.PLACE] = plain[schema.PLACE] or None
            rows.append(plain)
        return rows

    def unplaced_by_reason(self) -> dict[str, int]:
        """How many incidents were not placed, per reason (in the order of :data:`REASONS`)."""
        counts = self.placements[schema.REASON].value_counts()  # (counted in pandas, missing values left out)
        return {reason: int(counts[reason]) for reason in REASONS if counts.get(reason, 0)}

    def rules_used(self) -> dict[str, int]:
        """How many selected incidents each period rule dated (``interval``, ``reported``)."""
        counts = self.placements[PERIOD_RULE].value_counts()  # (counted in pandas)
        return {rule: int(counts[rule]) for rule in (REPORTED, INTERVAL) if counts.get(rule, 0)}

    def unplaced_fatalities(self) -> dict[str, int | None]:
        """The sums of the known fatality figures of the unplaced incidents (``None``: none known)."""
        unplaced = self.unplaced
        sums: dict[str, int | None] = {}
        for column in schema.FATALITY_COLUMNS:
            known = [int(v) for v in unplaced[column] if v is not None and not is_missing(v)]
            sums[column] = sum(known) if known else None
        return sums

    def summary(self) -> str:
        """One line: how many incidents, how many placed, how many not and why, and
        what the filters left out.

        Examples
        --------
        >>> from geo import Gazetteer, load_records
        >>> from geo.stats import intensity
        >>> gazetteer = Gazetteer.load()
        >>> table = intensity(load_records(gazetteer=gazetteer), gazetteer, by="cercle", every="year")
        >>> table.summary().startswith(f"{table.total:,} incidents: {table.placed:,} placed in cercles")
        True
        """
        line = ""
        left_out = sum(self.not_selected.values())
        if left_out:
            detail = ", ".join(f"{n:,} by {name}" for name, n in self.not_selected.items() if n)
            unknown = f", {self.unknown_country:,} of them of unknown country" if self.unknown_country else ""
            line = f"{self.total + left_out:,} incidents in the range, {left_out:,} not selected ({detail}{unknown}); "
        if self.by in SPATIAL_LEVELS:
            where = f" in {level_label(self.by, self.hex_resolution)}"
        else:
            where = f" in {len(self.frame):,} {VIEW_LABELS[self.by]}"
        line += f"{self.total:,} incidents: {self.placed:,} placed{where} by {ADJECTIVES[self.every]} period"
        if self.total:
            line += f" ({self._rule_text()})"
        if self.by == ACTOR and self.placed:
            line += f", each counted once for each actor involved ({self.counts:,} in the rows)"
        reasons = self.unplaced_by_reason()
        if reasons:
            detail = ", ".join(f"{n:,} {reason.replace('_', ' ')}" for reason, n in reasons.items())
            line += f", {len(self.unplaced):,} unplaced ({detail})"
            unplaced = self.unplaced
            coarse = int(((unplaced[schema.REASON] == LOCATION_TOO_COARSE) & (unplaced[schema.PRECISION] == 3)).sum())
            if coarse:
                line += f"; precision 3 (only the region or a larger area known): {coarse:,} unplaced"
            sums = {k.removeprefix("fatalities_"): v for k, v in self.unplaced_fatalities().items() if v is not None}
            if sums:
                line += "; fatalities of the unplaced: " + ", ".join(f"{k} {v:,}" for k, v in sums.items())
        else:
            line += ", none unplaced"
        return line

    def _rule_text(self) -> str:
        used = self.rules_used()
        if self.period_rule != AUTO:
            return f"period rule: {self.period_rule}"
        parts = [f"{used[REPORTED]:,} from datasets by reported date"] if used.get(REPORTED) else []
        parts += [f"{used[INTERVAL]:,} by interval"] if used.get(INTERVAL) else []
        return "period rule auto: " + ", ".join(parts)
