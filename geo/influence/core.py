"""The :class:`Influence` facade: zones of every actor over time, by one method."""

from __future__ import annotations

import datetime as dt
import json
from typing import TYPE_CHECKING, Any

from .. import schema
from .area import ZoneArea, ZoneShape
from .geometry import DISPLAY_TOLERANCE_M
from .layer import Layers
from .members import Member
from .methods import make_method, merge_params
from .rules import Rules
from .shapes import Shapes
from .steps import Step, Steps
from .terms import ACTIVITY, MIXED, STATUS_ZONE, ZONES

if TYPE_CHECKING:
    import geopandas
    import pandas

    from ..gazetteer import Gazetteer
    from ..records import Records

__all__ = ["Influence"]

TIMELINE_COLUMNS = ["period", schema.START, schema.END, *(f"{zone}_km2" for zone in ZONES), "supporting"]
STEP_TIMELINE_COLUMNS = TIMELINE_COLUMNS[1:]


class Influence:
    """Zones of every actor over time, by one method.

    Parameters
    ----------
    records:
        from :func:`geo.records.load_records`.
    gazetteer:
        the gazetteer the records were joined to (default: the bundled one).
    method:
        ``"buffer"`` or ``"voronoi"`` (see the module docstring).
    params:
        overrides of :data:`DEFAULT_PARAMS` for the method, ``window_days`` (90)
        and ``activity_max_uncertainty_km`` (50) for activity, and
        ``influence_from_incidents`` (true), ``influence_window_days`` (365) and
        ``influence_min_incidents`` (3) for influence from incidents, and
        ``stale_after_days`` (180) for stale claims (see "Certainty").

    Examples
    --------
    >>> from geo.records import load_records
    >>> influence = Influence(load_records(), method="buffer")
    >>> april = influence.at("isgs", dt.date(2023, 4, 30))
    >>> sorted(zip(april["zone"], april["certainty"]))  # doctest: +NORMALIZE_WHITESPACE
    [('activity', 'certain'), ('contested', 'certain'), ('contested', 'stale'), ('control', 'certain'),
     ('influence', 'stale')]
    >>> control = april.set_index("zone").loc["control"]
    >>> bool(control["area_km2"] > 70_000), "clm-2023-04-isgs-tidermene" in control["supporting"]
    (True, True)
    >>> control["rule"].split(";")[0]  # Ménaka town, held by FAMa, is cut out of the region
    'area claim on Ménaka Region (control) minus places claimed by others: Ménaka'
    """

    def __init__(
        self,
        records: Records,
        *,
        gazetteer: Gazetteer | None = None,
        method: str = "buffer",
        params: dict[str, Any] | None = None,
    ) -> None:
        from ..errors import InputError
        from ..gazetteer import Gazetteer
        from .methods import METHODS

        if method not in METHODS:
            raise InputError(f"unknown method {method!r}; choose from {', '.join(METHODS)}")
        self.records = records
        self.gazetteer = gazetteer if gazetteer is not None else Gazetteer.load()
        self.method = method
        self.params = merge_params(method, params or {})
        self.params_text = json.dumps(self.params, sort_keys=True, separators=(",", ":"))
        #: the method as a strategy object with typed parameters (:mod:`geo.influence.methods`)
        self.strategy = make_method(method, self.params, self.gazetteer)
        #: the records read once and the rules on when a claim holds (:mod:`geo.influence.rules`)
        self.rules = Rules(records, self.gazetteer, self.params)
        self.skipped: list[tuple[str, str]] = self.rules.skipped  # (record id, why it draws nothing)
        #: each site's shape under the method, computed once (:mod:`geo.influence.shapes`)
        self.shapes = Shapes(self.gazetteer, self.strategy)
        self._steps = Steps(self.rules)
        self._layers = Layers(self.rules, self.shapes, method, self.params_text)

    def no_zone_reason(self, actor: str) -> str:
        """Why ``actor`` never gets a zone (see "Who gets no zone"), or ``""`` when it may.

        Examples
        --------
        >>> from geo.records import load_records
        >>> influence = Influence(load_records())
        >>> influence.no_zone_reason("civilians")
        'civilians gets no zone: victims or a crowd, not an armed actor (kind civilians)'
        >>> influence.no_zone_reason("ISGS")
        ''
        """
        actor = self.actor_id(actor)
        return f"{actor} gets no zone: {self.rules.no_zone_why(actor)}" if actor in self.rules.no_zone else ""

    def empty_reason(self, actor: str) -> str:
        """Why ``actor`` has no zone in a range asked: what its records allow, in words.

        Examples
        --------
        >>> from geo.records import load_records
        >>> influence = Influence(load_records())
        >>> influence.empty_reason("civilians")
        'civilians gets no zone: victims or a crowd, not an armed actor (kind civilians)'
        """
        actor = self.actor_id(actor)
        if reason := self.no_zone_reason(actor):
            return reason
        coverage = self.coverage(actor)
        if coverage is None:
            return "its records draw no zone (no claim on a place, no precisely located incident)"
        return f"its zones run from {coverage[0]} to {coverage[1] or 'now (open)'}"

    # --- steps ----------------------------------------------------------------------
    def zones_on(
        self, actor: str, day: dt.date, *, activity: bool = True, incident_influence: bool = True
    ) -> dict[str, dict[str, Member]]:
        """``actor``'s zones on ``day`` worked out from the rules alone (no steps): zone ->
        place or incident key -> member (site, supporting ids, tier, certainty...).
        ``activity=False`` and ``incident_influence=False`` leave those zones out.

        Examples
        --------
        >>> from geo.records import load_records
        >>> zones = Influence(load_records()).zones_on("isgs", dt.date(2023, 4, 30))
        >>> sorted(zones), zones["control"]["ml-region-menaka"].tier
        (['activity', 'contested', 'control', 'influence'], 'claimed')
        """
        return self.rules.state(self.actor_id(actor), day, activity=activity, incident_influence=incident_influence)

    def steps(self, actor: str) -> list[Step]:
        """Every stretch of days over which ``actor``'s zones stay the same, in order
        (the event-driven timeline). Stretches with no zone at all are left out.
        """
        return self._steps.steps(self.actor_id(actor))

    def claim_steps(self, actor: str) -> list[Step]:
        """The stretches of days over which ``actor``'s zones *from claims* stay the same
        (control, contested and influence from claims; no activity, no influence from
        incidents), in order. Few even with many incidents: the per-incident layer
        (:meth:`incident_layer`) writes these as they are.
        """
        return self._steps.claim_steps(self.actor_id(actor))

    def change_days(self, actor: str) -> list[dt.date]:
        """The days on which ``actor``'s picture changes (each step's first day)."""
        return [step.start for step in self.steps(actor)]

    def step_at(self, actor: str, day: dt.date) -> Step | None:
        """The step holding ``day``, or ``None`` when the actor has no zone that day."""
        return self._steps.step_at(self.actor_id(actor), day)

    def period_steps(
        self,
        actor: str,
        every: str,
        *,
        start: dt.date | None = None,
        end: dt.date | None = None,
        activity: bool = True,
    ) -> list[Step]:
        """``actor``'s picture per period (as of each period's last day), runs of equal
        periods merged. Cheaper than :meth:`steps` when incidents are many.
        """
        return self._steps.period_steps(self.actor_id(actor), every, start=start, end=end, activity=activity)

    # --- public frames --------------------------------------------------------------
    def actor_id(self, name: str) -> str:
        """The id of the actor called ``name`` (any recorded spelling); raises
        :class:`~geo.errors.ActorNotFoundError` listing the closest actors.
        """
        return self.records.actors.require(name)

    @property
    def actors_with_claims(self) -> list[str]:
        """Actors with at least one claim that draws a zone, in id order (never one of
        the actors that get no zone: their claims are skipped)."""
        return sorted({c.actor for c in self.rules.claims if c.status in STATUS_ZONE and not c.country_level})

    @property
    def actors_with_zones(self) -> list[str]:
        """Actors that may have a zone, in id order: those with claims and those named by
        an incident that draws activity, never the actors that get no zone. The default
        of :meth:`layer`, for maps, exports and reports.

        Examples
        --------
        >>> from geo.records import load_records
        >>> influence = Influence(load_records())
        >>> actors = influence.actors_with_zones
        >>> set(influence.actors_with_claims) < set(actors), "civilians" in actors, "unidentified" in actors
        (True, False, False)
        """
        named = {actor for incident in self.rules.incidents.all for actor in incident.actors}
        return sorted((set(self.actors_with_claims) | named) - self.rules.no_zone)

    def coverage(self, actor: str) -> tuple[dt.date, dt.date | None] | None:
        """First and last day on which ``actor`` has a zone (``None`` last: still open)."""
        steps = self.steps(actor)
        if not steps:
            return None
        return steps[0].start, steps[-1].end

    def at(self, actor: str, day: dt.date, *, by_tier: bool = False) -> geopandas.GeoDataFrame:
        """``actor``'s zones on ``day``: one row per non-empty zone (per zone and tier
        with ``by_tier``), with the columns of the influence layer. Empty (no rows)
        when the actor has no zone that day.
        """
        step = self.step_at(actor, day)
        return self._layers.frame([step] if step else [], by_tier=by_tier)

    def layer(
        self,
        actors: list[str] | None = None,
        *,
        by_tier: bool = False,
        every: str | None = None,
        start: dt.date | None = None,
        end: dt.date | None = None,
        activity: bool = True,
    ) -> geopandas.GeoDataFrame:
        """Every step of every actor (default: :attr:`actors_with_zones`), for export and maps.

        With ``every`` (``month``, ``quarter``...), one picture per period instead, as of
        its last day, from ``start`` to ``end`` (default: the actor's records); periods
        in a row with the same picture make one feature. ``activity=False`` leaves the
        activity zones out (with ``every``, so that months differing only in activity
        merge).
        """
        chosen = [self.actor_id(a) for a in actors] if actors else self.actors_with_zones
        if every is None:
            steps = [step for actor in chosen for step in self.steps(actor)]
        else:
            steps = [
                step
                for actor in chosen
                for step in self.period_steps(actor, every, start=start, end=end, activity=activity)
            ]
        if not activity:
            steps = [Step(s.actor, s.start, s.end, {z: m for z, m in s.zones.items() if z != ACTIVITY}) for s in steps]
            steps = [s for s in steps if not s.is_empty()]
        return self._layers.frame(steps, by_tier=by_tier)

    def incident_layer(
        self,
        actors: list[str] | None = None,
        *,
        by_tier: bool = False,
        simplify_m: float | None = DISPLAY_TOLERANCE_M,
    ) -> geopandas.GeoDataFrame:
        """Every actor's zones (default: :attr:`actors_with_zones`), written so that the
        layer grows linearly with the incidents: the default influence layer of
        ``geo export``.

        - zones from claims (control, contested, influence): one feature per zone and
          step of :meth:`claim_steps`, as :meth:`layer` writes them;
        - activity: one feature **per incident** (and actor): the incident's shape under
          the method (a geodesic disc of ``activity_km`` plus its uncertainty with
          ``buffer``), from the incident's first day (``start``) to the last day its
          trailing window keeps the zone alive (``end`` = its last day + ``window_days``
          - 1); ``incident`` is its id, ``last_confirmed`` its last day;
        - influence from incidents: one feature per place and run of days on which the
          place has at least ``influence_min_incidents`` of the actor's incidents in the
          trailing ``influence_window_days``, cut where the actor's claims draw a zone
          (they replace this picture); ``supporting`` lists every incident counted in
          the run.

        On any day, the features whose ``start``/``end`` hold it are, zone by zone, the
        places and incidents of :meth:`at` (whose activity and incident-influence zones
        are their union). ``radius_km`` is the disc's radius with ``buffer`` (empty for
        areas and Voronoi cells). Shapes are simplified to ``simplify_m`` metres
        (:func:`simplify_for_display`; ``None`` keeps them exact); ``area_km2`` is
        measured on the exact shape.

        Examples
        --------
        >>> from geo.records import load_records
        >>> layer = Influence(load_records()).incident_layer(["isgs"])
        >>> disc = layer[layer["incident"] == "inc-2022-03-08-tamalat"].iloc[0]  # 8 March 2022, 90-day window
        >>> disc["zone"], str(disc["start"]), str(disc["end"]), float(disc["radius_km"])  # 20 km + 3 km uncertainty
        ('activity', '2022-03-08', '2022-06-05', 23.0)
        """
        from .._io import paused_gc

        chosen = [self.actor_id(a) for a in actors] if actors else self.actors_with_zones
        with paused_gc():  # hundreds of thousands of rows holding no cycles
            return self._layers.incident_layer(chosen, self.claim_steps, by_tier=by_tier, simplify_m=simplify_m)

    # --- areas over time ------------------------------------------------------------
    def timeline(
        self,
        actor: str,
        *,
        start: dt.date | None = None,
        end: dt.date | None = None,
        every: str = "month",
        steps: bool = False,
    ) -> pandas.DataFrame:
        """Zone areas (km², geodesic) of ``actor`` per period, each as of the period's last
        day: what ``geo timeline`` prints.

        Without ``start``/``end``, the periods cover the actor's records; with only one
        of them, they run to the actor's first or last change, or over the one period of
        the date given when it lies beyond that change. Columns: ``period``, ``start``,
        ``end``, then ``<zone>_km2`` for each zone and ``supporting`` (how many records
        support the picture). With ``steps=True``, one row per step (:meth:`steps`) that
        meets ``start``..``end`` instead, without ``period``. A zone's area is that of the
        union of its places, whatever their certainty or tier: overlapping places count once.

        Examples
        --------
        >>> from geo.records import load_records
        >>> influence = Influence(load_records())
        >>> table = influence.timeline("isgs", start=dt.date(2023, 1, 1), end=dt.date(2023, 6, 30), every="quarter")
        >>> list(table["period"]), bool(table["control_km2"].iloc[1] > 70_000)
        (['2023-Q1', '2023-Q2'], True)
        >>> by_step = influence.timeline("isgs", start=dt.date(2023, 4, 30), end=dt.date(2023, 4, 30), steps=True)
        >>> len(by_step), list(by_step.columns)[:3]
        (1, ['start', 'end', 'control_km2'])
        """
        import pandas as pd

        from ..periods import periods

        actor = self.actor_id(actor)
        found = self.steps(actor)
        if steps:
            rows = [
                {schema.START: step.start, schema.END: step.end, **self._areas_of(step)}
                for step in found
                if not ((start and step.end is not None and step.end < start) or (end and step.start > end))
            ]
            return pd.DataFrame(rows, columns=STEP_TIMELINE_COLUMNS)
        if start is None or end is None:
            if not found:
                return pd.DataFrame(columns=TIMELINE_COLUMNS)
            first, last = found[0].start, found[-1].end or max(s.start for s in found)
            # An open end runs to the records' last change, or to the other end when
            # that lies beyond it: a range after the last change still has its periods.
            start = start or min(first, end or first)
            end = end or max(last, start)
        rows = []
        for period in periods(start, end, every):
            step = self.step_at(actor, period.end)
            areas = self._areas_of(step)
            rows.append({"period": period.label, schema.START: period.start, schema.END: period.end, **areas})
        return pd.DataFrame(rows, columns=TIMELINE_COLUMNS)

    def _areas_of(self, step: Step | None) -> dict[str, Any]:
        """``<zone>_km2`` (the area of the union of each zone's places) and ``supporting``
        (how many records) of one step."""
        row: dict[str, Any] = {}
        supporting: set[str] = set()
        for zone in ZONES:
            members = step.zones.get(zone, {}) if step else {}
            km2 = 0.0
            if members:
                _geometry, km2 = self.shapes.union(list(members.values()), activity=zone == ACTIVITY)
                for member in members.values():
                    supporting.update(member.ids)
            row[f"{zone}_km2"] = round(km2, 1)
        row["supporting"] = len(supporting)
        return row

    def zone_area(self, actor: str, at: dt.date | None = None, zone: str = "control") -> ZoneArea:
        """The geodesic area of ``actor``'s ``zone`` on the day ``at`` (default: the last day
        its picture changes, said in :attr:`ZoneArea.day_note`), as ``geo area ACTOR``
        reports it; an area of 0 km² with a :attr:`ZoneArea.no_zone_note` when the actor
        has no such zone that day. An actor with no zone at all and no ``at`` raises
        :class:`~geo.errors.InputError`.

        Examples
        --------
        >>> from geo.records import load_records
        >>> influence = Influence(load_records())
        >>> latest = influence.zone_area("isgs")
        >>> latest.day_note
        "measuring isgs's control zone on 2023-10-28, the last day its picture changes"
        >>> before = influence.zone_area("isgs", at=dt.date(2010, 1, 1))
        >>> before.shape is None, before.day_note, before.no_zone_note
        (True, None, 'isgs has no control zone on 2010-01-01; its zones run from 2015-05-01 to now (open)')
        >>> april = influence.zone_area("ISGS", at=dt.date(2023, 4, 30))
        >>> april.actor, april.shape.tier, april.notes, bool(april.to_dict()["area_km2"] > 70_000)
        ('isgs', 'mixed', (), True)
        """
        from ..errors import InputError

        if zone not in ZONES:
            raise InputError(f"unknown zone {zone!r}; choose from {', '.join(ZONES)}")
        actor = self.actor_id(actor)
        day_note = None
        if at is None:
            changes = self.change_days(actor)
            if not changes:
                raise InputError(f"{actor} has no zone at all in the records; nothing to measure")
            at = changes[-1]
            day_note = f"measuring {actor}'s {zone} zone on {at}, the last day its picture changes"
        shape = self.zone(actor, at, zone)
        no_zone_note = None
        if shape is None:
            coverage = self.coverage(actor)
            span = (
                f"its zones run from {coverage[0]} to {coverage[1] or 'now (open)'}" if coverage else "it has no zone"
            )
            no_zone_note = f"{actor} has no {zone} zone on {at}; {span}"
        return ZoneArea(
            actor=actor,
            name=self.records.actors[actor].name,
            zone=zone,
            day=at,
            method=self.method,
            params=json.loads(self.params_text),
            shape=shape,
            day_note=day_note,
            no_zone_note=no_zone_note,
        )

    def zone(self, actor: str, day: dt.date, zone: str) -> ZoneShape | None:
        """``actor``'s ``zone`` on ``day`` as one shape: the union of all its places, whatever
        their certainty or tier (:meth:`at` splits it into one row per certainty), with its
        geodesic area and perimeter, supporting records, tier and the step it lies in;
        ``None`` when the actor has no such zone that day.

        Examples
        --------
        >>> from geo.records import load_records
        >>> influence = Influence(load_records())
        >>> contested = influence.zone("isgs", dt.date(2023, 4, 30), "contested")
        >>> rows = influence.at("isgs", dt.date(2023, 4, 30))
        >>> len(rows[rows["zone"] == "contested"]), contested.certainties  # two pieces, one shape
        (2, ('certain', 'stale'))
        >>> bool(contested.area_km2 <= rows[rows["zone"] == "contested"]["area_km2"].sum() + 0.01)
        True
        >>> influence.zone("isgs", dt.date(2000, 1, 1), "control") is None
        True
        """
        from ..errors import InputError
        from ..measure import perimeter_km
        from .terms import CERTAINTY_RANK

        if zone not in ZONES:
            raise InputError(f"unknown zone {zone!r}; choose from {', '.join(ZONES)}")
        actor = self.actor_id(actor)
        step = self.step_at(actor, day)
        members = step.zones.get(zone, {}) if step else {}
        if step is None or not members:
            return None
        geometry, km2 = self.shapes.union(list(members.values()), activity=zone == ACTIVITY)
        tiers = {m.tier for m in members.values()}
        tier = (tiers.pop() if len(tiers) == 1 else MIXED) or None
        return ZoneShape(
            actor=actor,
            zone=zone,
            day=day,
            geometry=geometry,
            area_km2=km2,
            perimeter_km=float(perimeter_km(geometry)[0]),
            supporting=tuple(sorted({i for m in members.values() for i in m.ids})),
            tier=tier,
            certainties=tuple(sorted({m.certainty for m in members.values()}, key=CERTAINTY_RANK.__getitem__)),
            start=step.start,
            end=step.end,
        )
