"""The influence layers: zones of steps as GeoDataFrames (one union per actor, zone and
step), and the per-incident layer that grows linearly with the incidents."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import numpy as np

from .. import schema
from .geometry import Site, simplify_for_display
from .members import Member
from .terms import (
    ACTIVITY,
    CERTAIN,
    CERTAINTIES,
    CERTAINTY,
    CERTAINTY_RANK,
    COLUMNS,
    INCIDENT,
    INCIDENT_LAYER_COLUMNS,
    INCIDENTS_TIER,
    INFLUENCE,
    LAST_CONFIRMED,
    MIXED,
    RADIUS_KM,
    RULE,
    ZONES,
    names_text,
)

if TYPE_CHECKING:
    import geopandas

    from .rules import Rules
    from .shapes import Shapes
    from .steps import Step

__all__ = ["Layers", "days_outside"]


class Layers:
    """Writes steps as layers: each zone's shape, area, supporting records and rule in words."""

    def __init__(self, rules: Rules, shapes: Shapes, method: str, params_text: str) -> None:
        self.rules = rules
        self.shapes = shapes
        self.method = method
        self.params = rules.params
        self.params_text = params_text

    def incident_layer(
        self,
        chosen: list[str],
        claim_steps: Callable[[str], list[Step]],
        *,
        by_tier: bool,
        simplify_m: float | None,
    ) -> geopandas.GeoDataFrame:
        """The per-incident layer of the actor ids ``chosen`` (see :meth:`Influence.incident_layer`)."""
        import geopandas
        import pandas as pd

        chosen = [actor for actor in chosen if actor not in self.rules.no_zone]
        claims = self.frame([step for actor in chosen for step in claim_steps(actor)], by_tier=by_tier)
        claims[INCIDENT] = None
        claims[RADIUS_KM] = np.nan
        rows: list[dict[str, Any]] = []
        sites: list[tuple[Site, bool]] = []  # each row's site, and whether it is an incident's
        for actor in chosen:
            for site, start, end, ids, newest, text in self.influence_runs(actor, claim_steps(actor)):
                rows.append(self._row(actor, INFLUENCE, INCIDENTS_TIER, start, end, ids, [site.key], newest, text))
                sites.append((site, False))
            _starts, _ends, incidents = self.rules.incidents.activity(actor)
            keep = dt.timedelta(days=int(self.params["window_days"]) - 1)
            days = int(self.params["window_days"])
            for incident in incidents:
                text = f"activity: incident {incident.id}, active for {days} days after its last day"
                row = self._row(
                    actor, ACTIVITY, None, incident.start, incident.end + keep, [incident.id], [], incident.end, text
                )
                row[INCIDENT] = incident.id
                rows.append(row)
                sites.append((incident.site, True))
        shapes: list[Any] = []
        if rows:
            areas = np.empty(len(rows), dtype=float)
            for activity in (False, True):
                picked = [n for n, (_site, is_incident) in enumerate(sites) if is_incident is activity]
                found, km2 = self.shapes.measured([sites[n][0] for n in picked], activity=activity)
                shapes.extend(zip(picked, found, strict=True))
                areas[picked] = km2
            shapes = [shape for _, shape in sorted(shapes, key=lambda pair: pair[0])]
            for row, (site, is_incident), km2 in zip(rows, sites, areas.tolist(), strict=True):
                row[schema.AREA_KM2] = round(km2, 3)
                row[RADIUS_KM] = self.shapes.radius_km(site, activity=is_incident)
        more = geopandas.GeoDataFrame(
            rows,
            columns=list(INCIDENT_LAYER_COLUMNS),
            geometry=geopandas.GeoSeries(shapes, crs="EPSG:4326"),
            crs="EPSG:4326",
        )
        more[RADIUS_KM] = more[RADIUS_KM].astype(float)
        frame = more if claims.empty else claims if more.empty else pd.concat([claims, more], ignore_index=True)
        frame = geopandas.GeoDataFrame(
            frame[[*INCIDENT_LAYER_COLUMNS, "geometry"]], geometry="geometry", crs="EPSG:4326"
        )
        if simplify_m is not None and len(frame):
            frame["geometry"] = geopandas.GeoSeries(
                simplify_for_display(frame.geometry.array, simplify_m), index=frame.index, crs="EPSG:4326"
            )
        return frame

    def _row(
        self,
        actor: str,
        zone: str,
        tier: str | None,
        start: dt.date,
        end: dt.date,
        supporting: list[str],
        places: list[str],
        confirmed: dt.date,
        rule: str,
    ) -> dict[str, Any]:
        return {
            schema.ACTOR: actor,
            schema.ZONE: zone,
            schema.TIER: tier,
            schema.START: start,
            schema.END: end,
            schema.METHOD: self.method,
            schema.PARAMS: self.params_text,
            schema.SUPPORTING: supporting,
            schema.PLACES: places,
            CERTAINTY: CERTAIN,
            LAST_CONFIRMED: confirmed,
            RULE: rule,
            INCIDENT: None,
        }

    def influence_runs(
        self, actor: str, claim_steps: list[Step]
    ) -> list[tuple[Site, dt.date, dt.date, list[str], dt.date, str]]:
        """The runs of days on which ``actor`` has influence from incidents at a place
        (the rule of "Influence from incidents"), outside the days its claims draw a
        zone: ``(site, first day, last day, incidents counted, newest incident's last
        day, rule text)`` for each, by place then day."""
        if not self.params["influence_from_incidents"] or actor in self.rules.no_zone:
            return []
        starts, ends, codes, ids, _places, sites = self.rules.incidents.influence_index(actor)
        minimum = int(self.params["influence_min_incidents"])
        if len(starts) < minimum:
            return []
        span = int(self.params["influence_window_days"])
        # The days the actor's claims draw a zone, as ordinal intervals (open: to the end of time).
        held = [(s.start.toordinal(), s.end.toordinal() if s.end else dt.date.max.toordinal()) for s in claim_steps]
        found = []
        bounds = np.concatenate(([0], np.flatnonzero(codes[1:] != codes[:-1]) + 1, [len(codes)]))
        for begin, stop in zip(bounds[:-1].tolist(), bounds[1:].tolist(), strict=True):
            if stop - begin < minimum:
                continue
            first, last = starts[begin:stop], ends[begin:stop] + span - 1  # the days each incident counts
            days, inverse = np.unique(np.concatenate([first, last + 1]), return_inverse=True)
            change = np.zeros(len(days), dtype=np.int64)
            np.add.at(change, inverse, np.concatenate([np.ones(len(first), np.int64), -np.ones(len(last), np.int64)]))
            enough = np.cumsum(change) >= minimum  # on days[k] .. days[k + 1] - 1
            edges = np.diff(np.concatenate(([0], enough.astype(np.int8), [0])))
            for run_start, run_stop in zip(np.flatnonzero(edges == 1), np.flatnonzero(edges == -1), strict=True):
                for lo, hi in days_outside(int(days[run_start]), int(days[run_stop]) - 1, held):
                    counted = np.flatnonzero((first <= hi) & (last >= lo))
                    supporting = sorted(ids[begin:stop][counted].tolist())
                    newest = dt.date.fromordinal(int(ends[begin:stop][counted].max()))
                    site = sites[int(codes[begin])]
                    text = (
                        f"influence from {len(supporting)} incidents at {self.rules.name(site.key)}: "
                        f"at least {minimum} in the last {span} days"
                    )
                    found.append((site, dt.date.fromordinal(lo), dt.date.fromordinal(hi), supporting, newest, text))
        return found

    def rule_text(self, zone: str, tier: str, group: dict[str, Member]) -> str:
        """Which rule made a feature, in words (see "Rules")."""
        if zone == ACTIVITY:
            count = len({i for m in group.values() for i in m.ids})
            days = int(self.params["window_days"])
            return f"activity: {count} incident{'s' if count != 1 else ''} in the last {days} days"
        if tier == INCIDENTS_TIER:
            count = len({i for m in group.values() for i in m.ids})
            days = int(self.params["influence_window_days"])
            places = names_text([self.rules.name(m.site.key) for m in group.values()])
            return f"influence from {count} incidents in the last {days} days at {places}"
        texts: dict[str, list[str]] = {}
        for member in group.values():
            texts.setdefault(member.rule, []).append(self.rules.name(member.site.key))
        parts = [template.replace("{}", names_text(names), 1) for template, names in sorted(texts.items())]
        notes = sorted({m.note for m in group.values() if m.note})
        return "; ".join(parts) + (" — " + "; ".join(notes) if notes else "")

    def frame(self, steps: list[Step], *, by_tier: bool) -> geopandas.GeoDataFrame:
        import geopandas

        rows, shapes = [], []
        for step in steps:
            for zone in ZONES:
                members = step.zones.get(zone)
                if not members:
                    continue
                # One feature per certainty (and per tier with by_tier): a faded part is its own shape.
                by_certainty: dict[str, dict[str, Member]] = {}
                for key, member in members.items():
                    by_certainty.setdefault(member.certainty, {})[key] = member
                groups: dict[tuple[int, str], dict[str, Member]] = {}
                for certainty, chosen in by_certainty.items():
                    rank = CERTAINTY_RANK[certainty]
                    if by_tier and zone != ACTIVITY:
                        for key, member in chosen.items():
                            groups.setdefault((rank, member.tier), {})[key] = member
                    else:
                        tiers = {m.tier for m in chosen.values()}
                        groups[(rank, tiers.pop() if len(tiers) == 1 else MIXED)] = chosen
                for (rank, tier), group in sorted(groups.items()):
                    geometry, km2 = self.shapes.union(list(group.values()), activity=zone == ACTIVITY)
                    supporting = sorted({i for m in group.values() for i in m.ids})
                    confirmed = [m.confirmed for m in group.values() if m.confirmed is not None]
                    newest = zone == ACTIVITY or tier == INCIDENTS_TIER
                    rows.append(
                        {
                            schema.ACTOR: step.actor,
                            schema.ZONE: zone,
                            schema.TIER: tier or None,
                            schema.START: step.start,
                            schema.END: step.end,
                            schema.AREA_KM2: round(km2, 3),
                            schema.METHOD: self.method,
                            schema.PARAMS: self.params_text,
                            schema.SUPPORTING: supporting,
                            schema.PLACES: sorted({m.site.key for m in group.values()} if zone != ACTIVITY else set()),
                            CERTAINTY: CERTAINTIES[rank],
                            LAST_CONFIRMED: (max(confirmed) if newest else min(confirmed)) if confirmed else None,
                            RULE: self.rule_text(zone, tier, group),
                        }
                    )
                    shapes.append(geometry)
        return geopandas.GeoDataFrame(
            rows, columns=list(COLUMNS), geometry=geopandas.GeoSeries(shapes, crs="EPSG:4326"), crs="EPSG:4326"
        )


def days_outside(lo: int, hi: int, held: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The parts of the days ``lo``..``hi`` outside the sorted, disjoint intervals ``held``.

    Examples
    --------
    >>> days_outside(1, 10, [(3, 4), (8, 20)])
    [(1, 2), (5, 7)]
    >>> days_outside(1, 10, [])
    [(1, 10)]
    """
    parts = []
    for a, b in held:
        if b < lo or a > hi:
            continue
        if a > lo:
            parts.append((lo, a - 1))
        lo = b + 1
        if lo > hi:
            return parts
    parts.append((lo, hi))
    return parts
