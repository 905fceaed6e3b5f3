"""Influence zones of armed groups over time, derived from cited claims and incidents.

Nothing here is curated: every zone is computed from the records by the rules below,
with a named method, its parameters and the ids of the records that support it. None
is ground truth; two methods are offered so that a reader can see how much the picture
depends on the choice.

Zones
    ``control`` (claims ``controls`` and ``seized``), ``contested`` (claims ``contests``,
    and held places that another side also holds or contests), ``influence`` (claims
    ``influences``) and ``activity`` (incidents). ``threatens`` and ``lost`` draw no zone.

When a claim holds
    From the first day its ``start`` allows to the last day its ``end`` allows (open
    when there is no end; a start open before a date, ``../2022-11``, counts from the
    last day it allows), unless a *later* claim supersedes it; it then holds until the
    day before that claim starts. A claim is later than another only when it surely
    started after it: its first possible day comes after the other's last possible
    start ("2022-03" is not later than "2022/2023-04-15"; both hold, and where two
    sides hold a place at once it is contested). A later claim supersedes an earlier
    one on the same place when it is

    1. the same actor's newer word on the place (any status but ``threatens``);
    2. a capture: another actor, not allied on that day, ``controls`` or ``seized`` it
       (this ends held and contested claims; an ``influences`` claim survives it);
    3. a withdrawal: the same actor ``lost`` the place, or an area that contains it
       ("JNIM lost ml" ends JNIM's claims on places in Mali).

Contested
    A place held by an actor is in its contested zone, not its control zone, on the days
    when an actor that is not its ally also holds or contests it. Allies: the two
    actors are one, an affiliation links them (either way) on that day, or both are
    part of the same actor on that day (see :meth:`ActorIndex.allied`).

Cut-outs: places that another side claims inside an area
    A claim on an area (a region, an informal area) does not say who holds each town in
    it. On the days when a side that is not the actor's ally holds or contests a point
    place (a claim ``controls``, ``seized`` or ``contests`` that holds that day) inside
    an area that the actor holds or contests, the place's shape under the method (its
    disc, its cell, as a claim on it would draw) is cut out of that area in the actor's
    control and contested zones, whichever of the two claims came first: the claim that
    names the town wins over the claim that names the area around it. Gao, Timbuktu and
    Kidal, retaken in early 2013, are cut out of Ansar Dine's Azawad; Ménaka town, which
    ISGS surrounded but did not take, out of ISGS's Ménaka region in April 2023. The
    actor's influence zones keep the place (influence survives a capture, as in rule 2).
    A place is inside an area when its point lies in the area's polygon (within
    :data:`~geo.areas.AREA_TOLERANCE_DEG`); areas are never cut out of areas, and a
    claim cuts whatever its own certainty.

Certainty
    Every zone carries ``certainty`` — ``certain``, ``possibly_ended`` or ``stale`` —
    and ``last_confirmed``, so that nothing downstream takes a faded claim for control:

    - ``last_confirmed`` is the last day the records document a claim: its own start's
      last day (a claim starting "2022/2023-04-15", a capture reported by 15 April 2023,
      documents that day), or with an end, the day before its earliest possible end (the
      end's day when it is one day); and the same for every record of that actor on that
      place that has begun by the day shown: its other claims on the place and its
      incidents there (naming it on any side; for an area, located inside it). While a
      claim's start is uncertain, the day may lie after the day shown.
    - ``possibly_ended``: the claim's own end is a span (``2013-01/2013-03``): it is
      certain until the span's first day, possibly ended from that day to the span's
      last, and holds no more after it.
    - ``stale``: more than ``stale_after_days`` (180) days have passed since
      ``last_confirmed``, with no newer record of the actor on the place.
    - ``certain``: otherwise. Activity and influence from incidents are always certain
      (their trailing windows age them); their ``last_confirmed`` is the last day of the
      newest incident.

    A place held by several claims of the actor is as sure as its surest claim. A zone
    whose places differ in certainty is split into one feature per certainty; a
    feature's ``last_confirmed`` is the oldest of its places'. Only ``certain`` zones are
    the records' word that the zone holds on that day; stale and possibly ended zones are
    what the records last said, drawn faded. Either keeps every other effect of a claim:
    it makes a place contested, cuts places out of another side's area and is
    superseded as above.

Rules in words
    Every zone carries ``rule``: which rule made the feature — "claims on Gao, Kidal
    (control)", "claims on Timbuktu held or contested by another side too (contested)",
    "area claim on Ménaka Region (control) minus places claimed by others: Ménaka",
    "influence from 5 incidents in the last 365 days at Ménaka", "activity: 3
    incidents in the last 90 days" — then, for a zone that is not certain, why
    ("stale: no newer record for over 180 days", "possibly ended: end uncertain
    (2013-01/2013-03)").

Whole countries are not zones
    Sources sometimes name no place ("ISGS seized several areas in Mali"): such claims
    on a country are kept in the records but draw nothing; :attr:`Influence.skipped`
    lists them with the reason. Their ``lost`` still ends claims inside the country.

Activity
    The incidents naming the actor (on any side) whose date interval meets the trailing
    window ``[day - window_days + 1, day]``. Incidents located no better than
    ``activity_max_uncertainty_km`` (a region, a country) draw nothing and are listed
    in :attr:`Influence.skipped`.

Influence from incidents
    Event data alone (ACLED, UCDP) has no claims. On a day when an actor has no zone
    from claims (none of its claims holds that day, or it has none), it has influence
    at a place when at least ``influence_min_incidents`` (3) of its incidents took
    place there and their date intervals meet the trailing window ``[day -
    influence_window_days + 1, day]`` (365 days). An incident takes place at the
    place it names (a point or an area of the gazetteer, not a country); one with no
    place, at the nearest populated place of the gazetteer within
    :data:`~geo.schema.PLACE_AGREEMENT_KM` (10 km) of its point, the distance within
    which ``geo import`` accepts a place; further from any settlement it counts for
    activity only. Only incidents that draw activity count (the same dates and
    precision limit), each once, at one place, whatever the method: the two methods
    then differ only in the shape of each place, as for claims. The place becomes an
    area as a claim on it would. These zones are ``influence`` zones of tier
    ``incidents`` (not ``claimed`` nor ``assessed``): they never make control or
    contest, and ``supporting`` lists the incidents. An actor's claims, on the days
    they draw a zone, replace this picture entirely, so that a zone is never half
    claims, half incident counts. ``influence_from_incidents`` (true) turns it off.

Who gets no zone
    Actors that are no armed force — of a kind in :data:`geo.schema.NO_ZONE_KINDS`
    (civilians, protesters, rioters; organisations such as a court; ``unidentified``
    perpetrators, many groups rather than one) — and the actors ``civilians`` and
    ``unidentified`` whatever their kind, get no zone of any kind: not from
    incidents, where they are the victims or the unknown side, nor from claims, which
    are listed in :attr:`Influence.skipped` with the reason and take no part in the
    rules above (a claim naming them ends no other claim and contests nothing).

Methods: from places to areas
    Areas of the gazetteer (regions, cercles, informal areas) are used as they are. A
    point place becomes

    - ``buffer``: a geodesic disc whose radius depends on the kind of place
      (``radius_km``: capital 30, city 25, town 15, village 10, camp 5, ``other_km`` 10)
      plus the place's location uncertainty; an incident, a disc of ``activity_km``
      (20) plus its uncertainty. Discs are not clipped at borders: a group's reach
      does not stop at them.
    - ``voronoi``: the Voronoi cell of the place among the gazetteer's populated
      places (about 68,000 in Mali and its neighbours) of its own rank or above — the
      land nearer to it than to any other settlement that ranks with it: a city's cell
      is drawn among cities and capitals, a village's among villages and larger
      places (ranks: camp, village, town, city, capital; other kinds rank as villages)
      — capped by a geodesic disc of ``max_km`` (50) and clipped to the outline of the
      place's country. Populated places within the place's own
      uncertainty (at least ``same_place_km``, 2 km) count as the same settlement.
      Cells are built in a plane centred on the place (local scale error under 1 %
      within 100 km); the cap is geodesic. An incident takes the cell of its point.

Every ``area_km2`` is geodesic (:func:`geo.measure.area_km2`), never in degrees.

Layers at scale
    :meth:`Influence.layer` writes one union per actor, zone and step (or period): with
    many incidents, activity changes at almost every incident and those unions grow as
    the square of the incidents. :meth:`Influence.incident_layer`, the layer ``geo
    export`` writes, keeps the zones from claims per step (:meth:`Influence.claim_steps`)
    but writes activity as one shape per incident, with the days it keeps the zone alive,
    and influence from incidents as one shape per place and run of days: it grows
    linearly, and a viewer that plays features by their ``start``/``end`` (QGIS's
    temporal controller) shows the same zones day by day. Its shapes are simplified to
    :data:`DISPLAY_TOLERANCE_M` (100 m) for display (:func:`simplify_for_display`).
"""

from __future__ import annotations

import datetime as dt
import json
from bisect import bisect_right
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, NamedTuple

import numpy as np

from . import schema
from ._validate import MAX_WINDOW_DAYS
from .errors import InputError
from .measure import area_km2

if TYPE_CHECKING:
    import geopandas
    import pandas

    from .frames import Records
    from .gazetteer import Gazetteer

__all__ = [
    "DEFAULT_PARAMS",
    "DISPLAY_TOLERANCE_M",
    "METHODS",
    "PARAM_RULES",
    "Influence",
    "Step",
    "check_params",
    "geodesic_discs",
    "param_problems",
    "simplify_for_display",
]

ZONES = schema.ZONES
CONTROL, CONTESTED, ACTIVITY, INFLUENCE = ZONES
METHODS = ("buffer", "voronoi")
HOLDING = frozenset({"controls", "seized"})
CONTESTING = frozenset({"contests"})
LOST = "lost"
THREATENS = "threatens"
STATUS_ZONE = {"controls": CONTROL, "seized": CONTROL, "contests": CONTESTED, "influences": INFLUENCE}
ZONE_RANK = {CONTROL: 0, CONTESTED: 1, INFLUENCE: 2}  # a place is in an actor's strongest zone
ASSESSED, CLAIMED, MIXED = "assessed", "claimed", "mixed"
INCIDENTS_TIER = "incidents"  # the tier of an influence zone drawn from incidents
# How sure a zone is (see "Certainty" in the module docstring), strongest first.
CERTAIN, STALE, POSSIBLY_ENDED = "certain", "stale", "possibly_ended"
CERTAINTIES = (CERTAIN, STALE, POSSIBLY_ENDED)
CERTAINTY_RANK = {c: n for n, c in enumerate(CERTAINTIES)}
# The influence layer's columns beyond DESIGN.md's contract.
CERTAINTY, LAST_CONFIRMED, RULE = "certainty", "last_confirmed", "rule"
CUT_STATUSES = HOLDING | CONTESTING  # the statuses of another side's claim that cut a place out of an area
CUT_ZONES = frozenset({CONTROL, CONTESTED})  # the zones an area claim loses such places from
MAX_RULE_NAMES = 6  # places named in a rule text before "and N more"
# Why an actor of each kind of schema.NO_ZONE_KINDS gets no zone (for Influence.skipped).
NO_ZONE_WHY = {
    "civilians": "victims or a crowd, not an armed actor",
    "organisation": "a body with no armed force",
    "unidentified": "unnamed perpetrators, many groups rather than one",
}

DEFAULT_PARAMS: dict[str, dict[str, Any]] = {
    "buffer": {
        "radius_km": {"capital": 30.0, "city": 25.0, "town": 15.0, "village": 10.0, "camp": 5.0},
        "other_km": 10.0,
        "activity_km": 20.0,
        "add_uncertainty": True,
    },
    "voronoi": {"max_km": 50.0, "same_place_km": 2.0},
}
COMMON_DEFAULTS: dict[str, Any] = {
    "window_days": 90,
    "activity_max_uncertainty_km": 50.0,
    "influence_from_incidents": True,
    "influence_window_days": 365,
    "influence_min_incidents": 3,
    "stale_after_days": 180,
}
DISC_VERTICES = 64
# Display layers (the exported influence layer) are simplified to this tolerance: no drawn
# vertex lies further than this from the zone's computed outline (see simplify_for_display).
DISPLAY_TOLERANCE_M = 100.0
# The most metres a degree spans in any direction on the WGS84 ellipsoid (a degree of
# latitude near a pole); a tolerance of t m is t / this in degrees, at most t m anywhere.
_MAX_METRES_PER_DEGREE = 111_700.0
# Ranks of populated places for the Voronoi method: a place's cell is drawn among places
# of its rank or above. Kinds not listed (wells, camps of the curated tier...) rank as villages.
KIND_RANK = {"camp": 0, "village": 1, "town": 2, "city": 3, "capital": 4}
VILLAGE_RANK = KIND_RANK["village"]
ONE_DAY = dt.timedelta(days=1)

# The influence layer's columns, in order.
COLUMNS = (
    schema.ACTOR,
    schema.ZONE,
    schema.TIER,
    schema.START,
    schema.END,
    schema.AREA_KM2,
    schema.METHOD,
    schema.PARAMS,
    schema.SUPPORTING,
    schema.PLACES,
    CERTAINTY,
    LAST_CONFIRMED,
    RULE,
)
# The per-incident layer's columns beyond COLUMNS (see Influence.incident_layer).
INCIDENT, RADIUS_KM = "incident", "radius_km"
INCIDENT_LAYER_COLUMNS = (*COLUMNS, INCIDENT, RADIUS_KM)


# --- geometry of one site -----------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Site:
    """Where a record is: an area of the gazetteer, or a point with an uncertainty."""

    key: str
    lat: float
    lon: float
    uncertainty_km: float
    kind: str
    country: str  # lower-case country id, as in areas.geojson ("ml"), or ""
    area_id: str = ""  # set when the site is an area of the gazetteer


class _Shapes:
    """The polygon of each site under one method, each computed once."""

    def __init__(self, gazetteer: Gazetteer, method: str, params: dict[str, Any]) -> None:
        self.gazetteer = gazetteer
        self.method = method
        self.params = params
        self._cache: dict[str, Any] = {}
        self._unions: dict[frozenset[str], tuple[Any, float]] = {}
        self._areas: dict[str, float] = {}
        self._seed_cache: dict[int, tuple] = {}

    @staticmethod
    def _key(site: _Site, activity: bool) -> str:
        # Incidents at one spot with one uncertainty have one shape: key them by where they are.
        if activity and not site.area_id:
            return f"a:{site.lat:.5f},{site.lon:.5f},{site.uncertainty_km:g},{site.kind},{site.country}"
        return ("a:" if activity else "p:") + site.key

    def shape(self, site: _Site, *, activity: bool = False):
        cache_key = self._key(site, activity)
        if cache_key not in self._cache:
            self._cache[cache_key] = self._make(site, activity=activity)
        return self._cache[cache_key]

    def measured(self, sites: list[_Site], *, activity: bool = False) -> tuple[list, np.ndarray]:
        """The shape of each site and its geodesic area in km², each computed once: the
        geodesic discs of the buffer method in one vectorised call for all new sites."""
        keys = [self._key(site, activity) for site in sites]
        new = {key: site for key, site in zip(keys, sites, strict=True) if key not in self._cache}
        discs = {k: site for k, site in new.items() if self.method == "buffer" and not site.area_id}
        if discs:
            radii = [self.radius_km(site, activity=activity) or 0.0 for site in discs.values()]
            lats = [site.lat for site in discs.values()]
            lons = [site.lon for site in discs.values()]
            for key, disc in zip(discs, geodesic_discs(lats, lons, radii), strict=True):
                self._cache[key] = disc
        for key, site in new.items():
            if key not in self._cache:
                self._cache[key] = self._make(site, activity=activity)
        unmeasured = sorted({key for key in keys if key not in self._areas})
        if unmeasured:
            found = area_km2([self._cache[key] for key in unmeasured])
            self._areas.update(zip(unmeasured, found.tolist(), strict=True))
        return [self._cache[key] for key in keys], np.array([self._areas[key] for key in keys], dtype=float)

    def radius_km(self, site: _Site, *, activity: bool = False) -> float | None:
        """The radius of the site's geodesic disc under the buffer method (``None`` for
        an area, or under another method)."""
        if site.area_id or self.method != "buffer":
            return None
        p = self.params
        radius = float(p["activity_km"] if activity else p["radius_km"].get(site.kind, p["other_km"]))
        return radius + site.uncertainty_km if p["add_uncertainty"] else radius

    def piece(self, site: _Site, cut: tuple[_Site, ...] = (), *, activity: bool = False):
        """The site's shape less the shapes of the places ``cut`` out of it (see "Cut-outs")."""
        if not cut:
            return self.shape(site, activity=activity)
        cache_key = self._piece_key(site, cut, activity)
        if cache_key not in self._cache:
            import shapely

            hole = shapely.union_all([self.shape(c) for c in cut])
            shape = shapely.difference(self.shape(site, activity=activity), hole)
            self._cache[cache_key] = shapely.make_valid(shape) if not shape.is_valid else shape
        return self._cache[cache_key]

    def _piece_key(self, site: _Site, cut: tuple[_Site, ...], activity: bool) -> str:
        key = self._key(site, activity)
        return f"{key}-{','.join(sorted(self._key(c, False) for c in cut))}" if cut else key

    def union(self, items: list, *, activity: bool = False) -> tuple[Any, float]:
        """The union of the shapes of ``items`` (sites, or zone members with their cut-outs)
        and its geodesic area in km²."""
        import shapely

        pieces = [(i, ()) if isinstance(i, _Site) else (i.site, i.cut) for i in items]
        unique = {self._piece_key(s, c, activity): (s, c) for s, c in pieces}
        key = frozenset(unique)
        if key not in self._unions:
            geometry = shapely.union_all([self.piece(s, c, activity=activity) for s, c in unique.values()])
            geometry = shapely.make_valid(geometry) if not geometry.is_valid else geometry
            self._unions[key] = (geometry, float(area_km2(geometry)[0]))
        return self._unions[key]

    def _make(self, site: _Site, *, activity: bool):
        if site.area_id:
            return self.gazetteer.areas.geometry(site.area_id)
        if self.method == "buffer":
            return geodesic_disc(site.lat, site.lon, self.radius_km(site, activity=activity) or 0.0)
        return self._cell(site)

    def _seeds(self, rank: int):
        """The populated places of ``rank`` or above, with a spatial index."""
        import shapely

        if rank not in self._seed_cache:
            lats, lons, _ids, kinds = self.gazetteer.populated_points()
            keep = np.array([KIND_RANK.get(kind, VILLAGE_RANK) >= rank for kind in kinds], dtype=bool)
            lats, lons = lats[keep], lons[keep]
            self._seed_cache[rank] = (lats, lons, shapely.STRtree(shapely.points(lons, lats)))
        return self._seed_cache[rank]

    def _cell(self, site: _Site):
        """The Voronoi cell of the site among the populated places, capped and clipped."""
        import shapely

        from .measure import great_circle_km

        max_km = float(self.params["max_km"])
        same_km = max(float(self.params["same_place_km"]), site.uncertainty_km)
        lats, lons, tree = self._seeds(KIND_RANK.get(site.kind, VILLAGE_RANK))
        # Settlements further than 2 × max_km cannot shape a cell capped at max_km.
        reach_deg = 2 * max_km / (111.0 * max(np.cos(np.radians(site.lat)), 0.2))
        near = tree.query(
            shapely.box(site.lon - reach_deg, site.lat - reach_deg, site.lon + reach_deg, site.lat + reach_deg)
        )
        km = great_circle_km(site.lat, site.lon, lats[near], lons[near])
        keep = near[(km > same_km) & (km <= 2 * max_km)]
        # A local plane: x east, y north, in km (scale exact at the site).
        kx = 111.32 * np.cos(np.radians(site.lat))
        ky = 110.57
        xs = (lons[keep] - site.lon) * kx
        ys = (lats[keep] - site.lat) * ky
        cap = geodesic_disc(site.lat, site.lon, max_km)
        if len(keep) == 0:
            cell = cap
        else:
            points = shapely.multipoints(np.column_stack([np.append(xs, 0.0), np.append(ys, 0.0)]))
            extent = shapely.box(-4 * max_km, -4 * max_km, 4 * max_km, 4 * max_km)
            cells = shapely.get_parts(shapely.voronoi_polygons(points, extend_to=extent))
            origin = shapely.Point(0.0, 0.0)
            mine = next((c for c in cells if c.covers(origin)), None)
            if mine is None:  # pragma: no cover - GEOS always returns the origin's cell
                cell = cap
            else:
                plane = shapely.segmentize(mine.intersection(extent), 2.0)
                cell = shapely.transform(
                    plane, lambda xy: np.column_stack([xy[:, 0] / kx + site.lon, xy[:, 1] / ky + site.lat])
                )
                cell = cell.intersection(cap)
        if site.country and site.country in self.gazetteer.areas.ids:
            clipped = cell.intersection(self.gazetteer.areas.geometry(site.country))
            if not clipped.is_empty:
                cell = clipped
        return cell


def geodesic_disc(lat: float, lon: float, radius_km: float, *, vertices: int = DISC_VERTICES):
    """A polygon of the points ``radius_km`` from (lat, lon) on the WGS84 ellipsoid.

    Examples
    --------
    >>> disc = geodesic_disc(15.918, 2.402, 10.0)  # 10 km around Ménaka
    >>> round(float(area_km2(disc)[0]), 1)  # pi * 10² = 314.2, less a little for 64 sides
    313.7
    """
    import shapely

    from .measure import _geod

    azimuths = np.linspace(0.0, 360.0, vertices, endpoint=False)
    lons, lats, _ = _geod().fwd(
        np.full(vertices, lon), np.full(vertices, lat), azimuths, np.full(vertices, radius_km * 1000.0)
    )
    ring = np.column_stack([lons, lats])
    return shapely.Polygon(ring[::-1])  # counter-clockwise


def geodesic_discs(lats, lons, radii_km, *, vertices: int = DISC_VERTICES) -> np.ndarray:
    """:func:`geodesic_disc` for many centres and radii at once (one vectorised call).

    Examples
    --------
    >>> discs = geodesic_discs([15.918, 16.27], [2.402, -0.04], [10.0, 20.0])
    >>> [round(float(a), 1) for a in area_km2(discs)]  # pi * 10², pi * 20², less a little
    [313.7, 1254.6]
    >>> bool(discs[0].equals_exact(geodesic_disc(15.918, 2.402, 10.0), 1e-12))
    True
    """
    import shapely

    from .measure import _geod

    lats = np.asarray(lats, dtype=float)
    lons = np.asarray(lons, dtype=float)
    radii = np.asarray(radii_km, dtype=float) * 1000.0
    count = len(lats)
    if count == 0:
        return np.empty(0, dtype=object)
    azimuths = np.tile(np.linspace(0.0, 360.0, vertices, endpoint=False), count)
    out_lons, out_lats, _ = _geod().fwd(
        np.repeat(lons, vertices), np.repeat(lats, vertices), azimuths, np.repeat(radii, vertices)
    )
    rings = np.stack([out_lons, out_lats], axis=-1).reshape(count, vertices, 2)[:, ::-1]  # counter-clockwise
    return shapely.polygons(np.concatenate([rings, rings[:, :1]], axis=1))


def simplify_for_display(geometries, tolerance_m: float = DISPLAY_TOLERANCE_M) -> np.ndarray:
    """``geometries`` simplified so that no vertex drawn lies more than ``tolerance_m``
    metres from the original outline (Douglas-Peucker, topology kept; the tolerance is
    taken in degrees as ``tolerance_m / 111,700``, the most metres a degree spans).
    Each distinct geometry object is simplified once.

    Examples
    --------
    >>> disc = geodesic_disc(15.918, 2.402, 20.0)  # 64 vertices and the closing one
    >>> shown = simplify_for_display([disc, disc])
    >>> len(shown[0].exterior.coords), shown[0] is shown[1]
    (41, True)
    >>> bool(shown[0].hausdorff_distance(disc) * 111_700 <= 100)
    True
    """
    import shapely

    items = list(geometries)
    unique: dict[int, Any] = {}
    for geometry in items:
        if geometry is not None:
            unique.setdefault(id(geometry), geometry)
    keys = list(unique)
    done = shapely.simplify(np.array([unique[k] for k in keys], dtype=object), tolerance_m / _MAX_METRES_PER_DEGREE)
    simplified = dict(zip(keys, done, strict=True))
    result = np.empty(len(items), dtype=object)
    result[:] = [None if g is None else simplified[id(g)] for g in items]
    return result


# --- claims and when they hold ------------------------------------------------------


@dataclass(slots=True)
class _Claim:
    id: str
    actor: str
    status: str
    tier: str
    place: str
    start: dt.date
    start_latest: dt.date  # the last day its start allows
    end: dt.date | None  # last day it holds, None while open
    site: _Site
    country_level: bool
    ended_by: str = ""
    end_earliest: dt.date | None = None  # the first day its own end allows (None: open)
    end_latest: dt.date | None = None  # the last day its own end allows (None: open)
    end_text: str = ""  # its own end as written (EDTF)

    @property
    def end_uncertain(self) -> bool:
        """Whether its own end is an interval of more than one day (``2013-01/2013-03``)."""
        return self.end_earliest is not None and self.end_latest is not None and self.end_earliest < self.end_latest

    @property
    def documented_until(self) -> dt.date:
        """The last day the claim itself documents: its start's last day, or, with an end,
        the day before its earliest end (its end's day when the end is one day)."""
        if self.end_earliest is None:
            return self.start_latest
        last = self.end_earliest - ONE_DAY if self.end_uncertain else self.end_earliest
        return max(self.start_latest, last)


@dataclass(slots=True)
class _Incident:
    id: str
    actors: tuple[str, ...]
    start: dt.date
    end: dt.date
    site: _Site
    place: str = ""  # the place id it names, if any


class _Member(NamedTuple):
    """One place (or incident) of a zone on one day, and why it is there."""

    site: _Site
    ids: tuple[str, ...]  # the records that support it
    tier: str
    certainty: str = CERTAIN
    confirmed: dt.date | None = None  # the last day its records document (see "Certainty")
    rule: str = ""  # the rule's text, "{}" standing for the place's name ("" for incidents)
    note: str = ""  # why it is not certain ("" when it is)
    cut: tuple[_Site, ...] = ()  # places cut out of it (see "Cut-outs")

    def state(self) -> tuple:
        cut = tuple(c.key for c in self.cut)
        return (self.ids, self.tier, self.certainty, self.confirmed, self.rule, self.note, cut)


@dataclass(frozen=True)
class Step:
    """One stretch of days over which an actor's zones do not change."""

    actor: str
    start: dt.date
    end: dt.date | None  # None: holds past the last record
    # zone -> place or incident key -> the member: site, supporting ids, tier, certainty...
    zones: dict[str, dict[str, _Member]] = field(default_factory=dict)

    def is_empty(self) -> bool:
        return not any(self.zones.values())


def _latest(text: str) -> dt.date:
    """The last day an open-started date allows: "../2022-11" is taken as 2022-11-30."""
    from .dates import parse_date

    return parse_date(text).latest


class Influence:
    """Zones of every actor over time, by one method.

    Parameters
    ----------
    records:
        from :func:`geo.frames.load_records`.
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
    >>> from geo.frames import load_records
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
        from ._io import paused_gc
        from .gazetteer import Gazetteer

        if method not in METHODS:
            raise InputError(f"unknown method {method!r}; choose from {', '.join(METHODS)}")
        self.records = records
        self.gazetteer = gazetteer if gazetteer is not None else Gazetteer.load()
        self.method = method
        self.params = _merge_params(method, params or {})
        self.params_text = json.dumps(self.params, sort_keys=True, separators=(",", ":"))
        self.skipped: list[tuple[str, str]] = []  # (record id, why it draws nothing)
        self._shapes = _Shapes(self.gazetteer, method, self.params)
        self._contained: dict[tuple[str, str], bool] = {}  # (area, site) -> whether the area holds it
        self._confirming: dict[str, tuple[np.ndarray, np.ndarray]] = {}  # claim id -> its records' days
        self._names: dict[str, str] = {}
        self._places: dict[str, Any] = {}
        self._countries: dict[tuple[float, float], str] = {}
        self._no_zone = self._no_zone_actors()
        self._claims = self._read_claims()
        with paused_gc():
            self._incidents = self._read_incidents()
        self._supersede()
        self._steps: dict[str, list[Step]] = {}
        self._claim_steps: dict[str, list[Step]] = {}
        self._step_starts: dict[str, list[dt.date]] = {}
        self._by_actor: dict[str, tuple[np.ndarray, np.ndarray, list[_Incident]]] = {}
        self._influence_by_actor: dict[str, tuple] = {}
        self._settled: dict[str, str] = {}  # incident id -> the place where it counts for influence
        self._settlements: tuple | None = None

    # --- reading --------------------------------------------------------------------
    def _no_zone_actors(self) -> frozenset[str]:
        actors = self.records.actors
        kinds = {a for a in actors.ids if actors[a].kind in schema.NO_ZONE_KINDS}
        return frozenset(kinds | {schema.UNIDENTIFIED_ACTOR, schema.CIVILIANS_ACTOR})

    def no_zone_reason(self, actor: str) -> str:
        """Why ``actor`` never gets a zone (see "Who gets no zone"), or ``""`` when it may.

        Examples
        --------
        >>> from geo.frames import load_records
        >>> influence = Influence(load_records())
        >>> influence.no_zone_reason("civilians")
        'civilians gets no zone: victims or a crowd, not an armed actor (kind civilians)'
        >>> influence.no_zone_reason("ISGS")
        ''
        """
        actor = self.actor_id(actor)
        return f"{actor} gets no zone: {self._no_zone_why(actor)}" if actor in self._no_zone else ""

    def empty_reason(self, actor: str) -> str:
        """Why ``actor`` has no zone in a range asked: what its records allow, in words.

        Examples
        --------
        >>> from geo.frames import load_records
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

    def _no_zone_why(self, actor: str) -> str:
        kind = self.records.actors[actor].kind
        why = NO_ZONE_WHY.get(kind) or NO_ZONE_WHY["civilians" if actor == schema.CIVILIANS_ACTOR else "unidentified"]
        return f"{why} (kind {kind})"

    def _site(self, place_id: str, lat: float | None = None, lon: float | None = None) -> _Site:
        place = self._places.get(place_id)
        if place is None:  # one look-up per place, however many records name it
            place = self._places[place_id] = self.gazetteer.place(place_id)
        if place.tier == schema.AREA:
            return _Site(place.id, place.lat, place.lon, place.uncertainty_km, place.kind, "", area_id=place.id)
        return _Site(
            place.id,
            place.lat if lat is None else lat,
            place.lon if lon is None else lon,
            place.uncertainty_km,
            place.kind,
            place.country.lower(),
        )

    def _read_claims(self) -> list[_Claim]:
        from .dates import parse_date

        claims = []
        for row in self.records.claims.itertuples(index=False):
            row = row._asdict()
            if row[schema.ACTOR] in self._no_zone:
                why = self._no_zone_why(row[schema.ACTOR])
                self.skipped.append((row[schema.ID], f"names {row[schema.ACTOR]}, {why}: draws no zone"))
                continue
            site = self._site(row[schema.PLACE])
            claim = _Claim(
                id=row[schema.ID],
                actor=row[schema.ACTOR],
                status=row[schema.STATUS],
                tier=row[schema.TIER],
                place=row[schema.PLACE],
                start=row[schema.START] or _latest(row[schema.START_EDTF]),
                start_latest=_latest(row[schema.START_EDTF]),
                end=row[schema.END],
                site=site,
                country_level=site.kind == "country",
            )
            end_text = row.get(schema.END_EDTF) or ""
            if end_text and row[schema.END] is not None:
                end = parse_date(end_text)
                claim.end_text = end_text
                claim.end_earliest = end.earliest or end.latest
                claim.end_latest = row[schema.END]
            if claim.country_level and claim.status != LOST:
                self.skipped.append((claim.id, f"a claim on a whole country ({claim.place}) draws no zone"))
            claims.append(claim)
        claims.sort(key=lambda c: (c.start, c.id))
        return claims

    def _read_incidents(self) -> list[_Incident]:
        limit = float(self.params["activity_max_uncertainty_km"])
        incidents = []
        frame = self.records.incidents
        # Whole columns at once: iterating a GeoSeries or itertuples costs more than the rules.
        columns = (schema.ID, schema.UNCERTAINTY_KM, schema.START, schema.END, schema.PLACE, schema.ACTORS)
        values = [frame[column].tolist() for column in columns]
        geometry = frame.geometry
        lats, lons = geometry.y.tolist(), geometry.x.tolist()
        for incident_id, uncertainty, start, end, place_id, actors, lat, lon in zip(*values, lats, lons, strict=True):
            uncertainty = 0.0 if uncertainty is None or uncertainty != uncertainty else float(uncertainty)
            start, end = start or end, end or start
            if start is None:
                self.skipped.append((incident_id, "no date bound at all: no activity zone"))
                continue
            if uncertainty > limit:
                self.skipped.append(
                    (
                        incident_id,
                        f"located only within {uncertainty:.0f} km (more than {limit:g} km): no activity zone",
                    )
                )
                continue
            if place_id:
                site = self._site(place_id, lat, lon)
                site = _Site(incident_id, site.lat, site.lon, uncertainty, site.kind, site.country)
            else:
                site = _Site(incident_id, lat, lon, uncertainty, "", self._country_at(lat, lon))
            place = place_id if place_id and site.kind != "country" else ""
            incidents.append(_Incident(incident_id, tuple(actors), start, end, site, place))
        return incidents

    def _country_at(self, lat: float, lon: float) -> str:
        if (lat, lon) not in self._countries:
            found = ""
            for props in self.gazetteer.areas.containing(lat, lon):
                if props.get(schema.KIND) == "country":
                    found = props[schema.ID]
                    break
            self._countries[(lat, lon)] = found
        return self._countries[(lat, lon)]

    # --- supersession ---------------------------------------------------------------
    def _supersede(self) -> None:
        """Cut each claim at the first later claim that supersedes it (rules 1-3)."""
        by_place: dict[str, list[_Claim]] = {}
        for claim in self._claims:
            by_place.setdefault(claim.place, []).append(claim)
        withdrawals = [c for c in self._claims if c.status == LOST and c.site.area_id]
        for claim in self._claims:
            if claim.status not in STATUS_ZONE:
                continue
            candidates = by_place[claim.place] + [w for w in withdrawals if w.place != claim.place]
            enders = [later for later in candidates if self._supersedes(later, claim)]
            if enders:
                ender = min(enders, key=lambda c: (c.start, c.id))
                cut = ender.start - ONE_DAY
                if claim.end is None or cut < claim.end:
                    claim.end = cut
                    claim.ended_by = ender.id

    def _supersedes(self, later: _Claim, claim: _Claim) -> bool:
        """Whether ``later`` ends ``claim`` (the rules of the module docstring)."""
        if later is claim or later.start <= claim.start_latest:
            return False
        if later.place != claim.place:  # rule 3: a withdrawal from an area holding the place
            return later.actor == claim.actor and self._contains(later.site.area_id, claim.site)
        if later.actor == claim.actor:  # rule 1: the actor's newer word
            return later.status != THREATENS
        return (  # rule 2: a capture by another side
            claim.status != "influences"
            and later.status in HOLDING
            and not self.records.actors.allied(claim.actor, later.actor, later.start)
        )

    def _contains(self, area_id: str, site: _Site) -> bool:
        key = (area_id, site.key)
        if key not in self._contained:
            import shapely

            from .areas import AREA_TOLERANCE_DEG

            area = self.gazetteer.areas.geometry(area_id)
            if site.area_id:
                point = self.gazetteer.areas.geometry(site.area_id).representative_point()
            else:
                point = shapely.Point(site.lon, site.lat)
            self._contained[key] = bool(shapely.dwithin(area, point, AREA_TOLERANCE_DEG))
        return self._contained[key]

    # --- the picture on one day -----------------------------------------------------
    def _holds(self, claim: _Claim, day: dt.date) -> bool:
        return claim.start <= day and (claim.end is None or day <= claim.end)

    def _confirmations(self, claim: _Claim) -> tuple[np.ndarray, np.ndarray]:
        """The records that document ``claim`` (see "Certainty"): the first day of each and
        the last day it documents, as ordinals (computed once)."""
        if claim.id not in self._confirming:
            pairs = [(claim.start, claim.documented_until)]
            for other in self._claims:
                if (
                    other is not claim
                    and other.actor == claim.actor
                    and other.place == claim.place
                    and other.status in STATUS_ZONE
                ):
                    pairs.append((other.start, other.documented_until))
            _starts, _ends, incidents = self._activity_index(claim.actor)
            if incidents:
                if claim.site.area_id:
                    import shapely

                    area = self.gazetteer.areas.geometry(claim.site.area_id)
                    lons = np.array([i.site.lon for i in incidents])
                    lats = np.array([i.site.lat for i in incidents])
                    inside = shapely.contains_xy(area, lons, lats)
                else:
                    inside = np.array([i.place == claim.place for i in incidents], dtype=bool)
                pairs += [(incidents[n].start, incidents[n].end) for n in np.flatnonzero(inside).tolist()]
            firsts = np.array([a.toordinal() for a, _ in pairs], dtype=np.int64)
            lasts = np.array([b.toordinal() for _, b in pairs], dtype=np.int64)
            self._confirming[claim.id] = (firsts, lasts)
        return self._confirming[claim.id]

    def _certainty(self, claim: _Claim, day: dt.date) -> tuple[str, dt.date]:
        """How sure ``claim`` is on ``day`` (a day it holds) and the last day its records
        document (the rules of "Certainty")."""
        firsts, lasts = self._confirmations(claim)
        known = lasts[firsts <= day.toordinal()]
        confirmed = dt.date.fromordinal(int(known.max())) if len(known) else claim.documented_until
        if claim.end_uncertain and claim.end_earliest is not None and day >= claim.end_earliest:
            return POSSIBLY_ENDED, confirmed
        if (day - confirmed).days > int(self.params["stale_after_days"]):
            return STALE, confirmed
        return CERTAIN, confirmed

    def _cut_places(self, actor: str, area_id: str, day: dt.date) -> tuple[_Site, ...]:
        """The places inside area ``area_id`` that a side not allied with ``actor`` holds
        or contests on ``day`` (see "Cut-outs"), in id order."""
        allied = self.records.actors.allied
        found = {
            other.site.key: other.site
            for other in self._claims
            if other.status in CUT_STATUSES
            and other.actor != actor
            and not other.country_level
            and not other.site.area_id
            and self._holds(other, day)
            and self._contains(area_id, other.site)
            and not allied(actor, other.actor, day)
        }
        return tuple(found[key] for key in sorted(found))

    def _name(self, place_id: str) -> str:
        if place_id not in self._names:
            self._names[place_id] = self.gazetteer.place(place_id).name
        return self._names[place_id]

    def _claim_rule(
        self, zone: str, claims: list[_Claim], certainty: str, *, two_sides: bool, cut: tuple[_Site, ...]
    ) -> tuple[str, str]:
        """The rule text of one place's member (``{}`` standing for the place's name) and
        the note on its certainty."""
        if cut:
            names = _names([self._name(c.key) for c in cut])
            text = f"area claim on {{}} ({zone}) minus places claimed by others: {names}"
        elif two_sides:
            text = "claims on {} held or contested by another side too (contested)"
        else:
            text = f"claims on {{}} ({zone})"
        note = ""
        if certainty == STALE:
            note = f"stale: no newer record for over {int(self.params['stale_after_days'])} days"
        elif certainty == POSSIBLY_ENDED:
            ends = sorted({c.end_text for c in claims if c.end_uncertain})
            note = f"possibly ended: end uncertain ({', '.join(ends)})"
        return text, note

    def _state(
        self, actor: str, day: dt.date, *, activity: bool = True, incident_influence: bool = True
    ) -> dict[str, dict[str, _Member]]:
        if actor in self._no_zone:
            return {}
        actors = self.records.actors
        best: dict[str, tuple[str, list[_Claim], bool]] = {}  # place -> (zone, claims, held by two sides)
        for claim in self._claims:
            if claim.actor != actor or claim.country_level or claim.status not in STATUS_ZONE:
                continue
            if not self._holds(claim, day):
                continue
            zone = STATUS_ZONE[claim.status]
            two_sides = False
            if zone == CONTROL and any(
                other.place == claim.place
                and other.actor != actor
                and other.status in HOLDING | CONTESTING
                and self._holds(other, day)
                and not actors.allied(actor, other.actor, day)
                for other in self._claims
            ):
                zone, two_sides = CONTESTED, True
            current = best.get(claim.place)
            if current is None or ZONE_RANK[zone] < ZONE_RANK[current[0]]:
                best[claim.place] = (zone, [claim], two_sides)
            elif ZONE_RANK[zone] == ZONE_RANK[current[0]]:
                current[1].append(claim)
        zones: dict[str, dict[str, _Member]] = {}
        for place, (zone, claims, two_sides) in best.items():
            tiers = {c.tier for c in claims}
            tier = ASSESSED if ASSESSED in tiers else CLAIMED
            marks = [self._certainty(c, day) for c in claims]
            # A place is as sure as its surest claim, and documented as late as its latest.
            certainty = min((m[0] for m in marks), key=CERTAINTY_RANK.__getitem__)
            confirmed = max(m[1] for m in marks)
            site = claims[0].site
            cut: tuple[_Site, ...] = ()
            if site.area_id and zone in CUT_ZONES:
                cut = self._cut_places(actor, site.area_id, day)
            sure = [c for c, m in zip(claims, marks, strict=True) if m[0] == certainty]
            rule, note = self._claim_rule(zone, sure, certainty, two_sides=two_sides, cut=cut)
            ids = tuple(sorted(c.id for c in claims))
            zones.setdefault(zone, {})[place] = _Member(site, ids, tier, certainty, confirmed, rule, note, cut)
        if not zones and incident_influence and self.params["influence_from_incidents"]:
            found = self._incident_influence(actor, day)
            if found:
                zones[INFLUENCE] = found
        starts, ends, incidents = self._activity_index(actor) if activity else (None, None, [])
        if incidents:
            ordinal = day.toordinal()
            window = int(self.params["window_days"]) - 1
            for i in np.flatnonzero((starts <= ordinal) & (ends >= ordinal - window)).tolist():
                incident = incidents[i]
                zones.setdefault(ACTIVITY, {})[incident.id] = _Member(
                    incident.site, (incident.id,), "", CERTAIN, incident.end
                )
        return zones

    def _activity_index(self, actor: str) -> tuple[np.ndarray, np.ndarray, list[_Incident]]:
        """The actor's incidents with their first and last days as ordinals (computed once)."""
        if actor not in self._by_actor:
            mine = [i for i in self._incidents if actor in i.actors]
            starts = np.array([i.start.toordinal() for i in mine], dtype=np.int64)
            ends = np.array([i.end.toordinal() for i in mine], dtype=np.int64)
            self._by_actor[actor] = (starts, ends, mine)
        return self._by_actor[actor]

    def _settlement(self, incident: _Incident) -> str:
        """The place where ``incident`` counts for influence: the one it names, else the
        nearest populated place within PLACE_AGREEMENT_KM of its point, else ``""``."""
        if incident.place:
            return incident.place
        if incident.id not in self._settled:
            import shapely

            from .measure import great_circle_km

            if self._settlements is None:
                lats, lons, ids, _kinds = self.gazetteer.populated_points()
                self._settlements = (lats, lons, ids, shapely.STRtree(shapely.points(lons, lats)))
            lats, lons, ids, tree = self._settlements
            lat, lon, km = incident.site.lat, incident.site.lon, schema.PLACE_AGREEMENT_KM
            dlat, dlon = 1.1 * km / 110.57, 1.1 * km / (111.32 * max(np.cos(np.radians(lat)), 0.2))
            near = tree.query(shapely.box(lon - dlon, lat - dlat, lon + dlon, lat + dlat))
            found = ""
            if len(near):
                distances = great_circle_km(lat, lon, lats[near], lons[near])
                within = [(float(d), ids[i]) for d, i in zip(distances, near.tolist(), strict=True) if d <= km]
                found = min(within)[1] if within else ""
            self._settled[incident.id] = found
        return self._settled[incident.id]

    def _influence_index(self, actor: str) -> tuple:
        """The actor's incidents that count for influence, ordered by place then id: first
        and last days as ordinals, the index of their place among ``places``, their ids
        (computed once)."""
        if actor not in self._influence_by_actor:
            mine = [(i, self._settlement(i)) for i in self._incidents if actor in i.actors]
            places = sorted({place for _, place in mine if place})
            index = {place: n for n, place in enumerate(places)}
            mine = sorted(((index[place], i.id, i) for i, place in mine if place), key=lambda t: t[:2])
            self._influence_by_actor[actor] = (
                np.array([i.start.toordinal() for _, _, i in mine], dtype=np.int64),
                np.array([i.end.toordinal() for _, _, i in mine], dtype=np.int64),
                np.array([code for code, _, _ in mine], dtype=np.int64),
                np.array([incident_id for _, incident_id, _ in mine], dtype=object),
                places,
                [self._site(place) for place in places],
            )
        return self._influence_by_actor[actor]

    def _incident_influence(self, actor: str, day: dt.date) -> dict[str, _Member]:
        """The places where ``actor`` has influence from incidents on ``day`` (the rule
        of "Influence from incidents"), each with its incidents."""
        starts, ends, codes, ids, places, sites = self._influence_index(actor)
        minimum = int(self.params["influence_min_incidents"])
        if len(starts) < minimum:
            return {}
        ordinal = day.toordinal()
        window = int(self.params["influence_window_days"]) - 1
        hits = np.flatnonzero((starts <= ordinal) & (ends >= ordinal - window))
        if len(hits) < minimum:
            return {}
        # Incidents are ordered by place then id: each place's hits are one run, in id order.
        runs = codes[hits]
        first = np.concatenate(([0], np.flatnonzero(runs[1:] != runs[:-1]) + 1))
        counts = np.diff(np.append(first, len(runs)))
        present = runs[first]
        keep = counts >= minimum
        if not keep.any():
            return {}
        hit_ids = ids[hits].tolist()
        hit_ends = ends[hits]
        found = {}
        for code, begin, count in zip(present[keep].tolist(), first[keep].tolist(), counts[keep].tolist(), strict=True):
            newest = dt.date.fromordinal(int(hit_ends[begin : begin + count].max()))
            found[places[code]] = _Member(
                sites[code], tuple(hit_ids[begin : begin + count]), INCIDENTS_TIER, CERTAIN, newest
            )
        return found

    def _change_days(self, actor: str, *, incidents: bool = True) -> list[dt.date]:
        """The days on which ``actor``'s picture may change; without ``incidents``, only
        those of its claims' zones (activity and influence from incidents left out)."""
        if actor in self._no_zone:
            return []
        days: set[dt.date] = set()
        mine = [c for c in self._claims if c.actor == actor and c.status in STATUS_ZONE and not c.country_level]
        places = {c.place for c in self._claims if c.actor == actor}
        areas = {c.site.area_id for c in mine if c.site.area_id and STATUS_ZONE[c.status] in CUT_ZONES}
        for claim in self._claims:
            cuts = (
                claim.status in CUT_STATUSES
                and not claim.site.area_id
                and not claim.country_level
                and any(self._contains(area, claim.site) for area in areas)
            )
            if claim.actor == actor or claim.place in places or cuts:
                days.add(claim.start)
                if claim.end is not None:
                    days.add(claim.end + ONE_DAY)
        # A claim turns possibly ended on its earliest end, stale some days after its records.
        stale = int(self.params["stale_after_days"]) + 1
        for claim in mine:
            if claim.end_uncertain and claim.end_earliest is not None:
                days.add(claim.end_earliest)
            firsts, lasts = self._confirmations(claim)
            days.update(dt.date.fromordinal(day) for day in set(firsts.tolist()))
            days.update(dt.date.fromordinal(day + stale) for day in set(lasts.tolist()))
        window = dt.timedelta(days=int(self.params["window_days"]))
        for incident in self._incidents if incidents else ():
            if actor in incident.actors:
                days.add(incident.start)
                days.add(incident.end + window)
        if incidents and self.params["influence_from_incidents"]:
            starts, ends, *_ = self._influence_index(actor)
            span = int(self.params["influence_window_days"])
            days.update(dt.date.fromordinal(day) for day in set(starts.tolist()))
            days.update(dt.date.fromordinal(day + span) for day in set(ends.tolist()))
        # An alliance that starts or ends, its own or another's, may make a place contested.
        for other in self.records.actors.ids:
            for affiliation in self.records.actors[other].affiliations:
                if affiliation.when.earliest:
                    days.add(affiliation.when.earliest)
                if affiliation.when.latest:
                    days.add(affiliation.when.latest + ONE_DAY)
        return sorted(days)

    def steps(self, actor: str) -> list[Step]:
        """Every stretch of days over which ``actor``'s zones stay the same, in order
        (the event-driven timeline). Stretches with no zone at all are left out.
        """
        actor = self.actor_id(actor)
        if actor not in self._steps:
            found = self._walk(actor, self._change_days(actor))
            self._steps[actor] = found
            self._step_starts[actor] = [step.start for step in found]
        return self._steps[actor]

    def claim_steps(self, actor: str) -> list[Step]:
        """The stretches of days over which ``actor``'s zones *from claims* stay the same
        (control, contested and influence from claims; no activity, no influence from
        incidents), in order. Few even with many incidents: the per-incident layer
        (:meth:`incident_layer`) writes these as they are.
        """
        actor = self.actor_id(actor)
        if actor not in self._claim_steps:
            days = self._change_days(actor, incidents=False)
            self._claim_steps[actor] = self._walk(actor, days, activity=False, incident_influence=False)
        return self._claim_steps[actor]

    def _walk(self, actor: str, change_days: list[dt.date], **state: bool) -> list[Step]:
        """The steps of ``actor`` over ``change_days`` (runs of equal pictures merged)."""
        found: list[Step] = []
        previous: tuple | None = None
        for day in change_days:
            zones = self._state(actor, day, **state)
            key = _state_key(zones)
            if found and key == previous:
                continue
            if found and found[-1].end is None:
                last = found[-1]
                found[-1] = Step(last.actor, last.start, day - ONE_DAY, last.zones)
            previous = key
            if zones:
                found.append(Step(actor, day, None, zones))
        return found

    def change_days(self, actor: str) -> list[dt.date]:
        """The days on which ``actor``'s picture changes (each step's first day)."""
        return [step.start for step in self.steps(actor)]

    def step_at(self, actor: str, day: dt.date) -> Step | None:
        """The step holding ``day``, or ``None`` when the actor has no zone that day."""
        steps = self.steps(actor)
        index = bisect_right(self._step_starts[self.actor_id(actor)], day) - 1
        if index < 0:
            return None
        step = steps[index]
        return step if step.end is None or day <= step.end else None

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
        return sorted({c.actor for c in self._claims if c.status in STATUS_ZONE and not c.country_level})

    @property
    def actors_with_zones(self) -> list[str]:
        """Actors that may have a zone, in id order: those with claims and those named by
        an incident that draws activity, never the actors that get no zone. The default
        of :meth:`layer`, for maps, exports and reports.

        Examples
        --------
        >>> from geo.frames import load_records
        >>> influence = Influence(load_records())
        >>> actors = influence.actors_with_zones
        >>> set(influence.actors_with_claims) < set(actors), "civilians" in actors, "unidentified" in actors
        (True, False, False)
        """
        named = {actor for incident in self._incidents for actor in incident.actors}
        return sorted((set(self.actors_with_claims) | named) - self._no_zone)

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
        return self._frame([step] if step else [], by_tier=by_tier)

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
        return self._frame(steps, by_tier=by_tier)

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
        >>> from geo.frames import load_records
        >>> layer = Influence(load_records()).incident_layer(["isgs"])
        >>> disc = layer[layer["incident"] == "inc-2022-03-08-tamalat"].iloc[0]  # 8 March 2022, 90-day window
        >>> disc["zone"], str(disc["start"]), str(disc["end"]), float(disc["radius_km"])  # 20 km + 3 km uncertainty
        ('activity', '2022-03-08', '2022-06-05', 23.0)
        """
        from ._io import paused_gc

        with paused_gc():  # hundreds of thousands of rows holding no cycles
            return self._incident_layer(actors, by_tier=by_tier, simplify_m=simplify_m)

    def _incident_layer(
        self, actors: list[str] | None, *, by_tier: bool, simplify_m: float | None
    ) -> geopandas.GeoDataFrame:
        import geopandas
        import pandas as pd

        chosen = [self.actor_id(a) for a in actors] if actors else self.actors_with_zones
        chosen = [actor for actor in chosen if actor not in self._no_zone]
        claims = self._frame([step for actor in chosen for step in self.claim_steps(actor)], by_tier=by_tier)
        claims[INCIDENT] = None
        claims[RADIUS_KM] = np.nan
        rows: list[dict[str, Any]] = []
        sites: list[tuple[_Site, bool]] = []  # each row's site, and whether it is an incident's
        for actor in chosen:
            for site, start, end, ids, newest, text in self._influence_runs(actor):
                rows.append(self._row(actor, INFLUENCE, INCIDENTS_TIER, start, end, ids, [site.key], newest, text))
                sites.append((site, False))
            _starts, _ends, incidents = self._activity_index(actor)
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
                found, km2 = self._shapes.measured([sites[n][0] for n in picked], activity=activity)
                shapes.extend(zip(picked, found, strict=True))
                areas[picked] = km2
            shapes = [shape for _, shape in sorted(shapes, key=lambda pair: pair[0])]
            for row, (site, is_incident), km2 in zip(rows, sites, areas.tolist(), strict=True):
                row[schema.AREA_KM2] = round(km2, 3)
                row[RADIUS_KM] = self._shapes.radius_km(site, activity=is_incident)
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

    def _influence_runs(self, actor: str) -> list[tuple[_Site, dt.date, dt.date, list[str], dt.date, str]]:
        """The runs of days on which ``actor`` has influence from incidents at a place
        (the rule of "Influence from incidents"), outside the days its claims draw a
        zone: ``(site, first day, last day, incidents counted, newest incident's last
        day, rule text)`` for each, by place then day."""
        if not self.params["influence_from_incidents"] or actor in self._no_zone:
            return []
        starts, ends, codes, ids, _places, sites = self._influence_index(actor)
        minimum = int(self.params["influence_min_incidents"])
        if len(starts) < minimum:
            return []
        span = int(self.params["influence_window_days"])
        # The days the actor's claims draw a zone, as ordinal intervals (open: to the end of time).
        held = [
            (s.start.toordinal(), s.end.toordinal() if s.end else dt.date.max.toordinal())
            for s in self.claim_steps(actor)
        ]
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
                for lo, hi in _minus(int(days[run_start]), int(days[run_stop]) - 1, held):
                    counted = np.flatnonzero((first <= hi) & (last >= lo))
                    supporting = sorted(ids[begin:stop][counted].tolist())
                    newest = dt.date.fromordinal(int(ends[begin:stop][counted].max()))
                    site = sites[int(codes[begin])]
                    text = (
                        f"influence from {len(supporting)} incidents at {self._name(site.key)}: "
                        f"at least {minimum} in the last {span} days"
                    )
                    found.append((site, dt.date.fromordinal(lo), dt.date.fromordinal(hi), supporting, newest, text))
        return found

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
        from .periods import periods

        actor = self.actor_id(actor)
        if start is None or end is None:
            days = self._change_days(actor)
            if not days:
                return []
            start, end = start or days[0], end or days[-1]
        found: list[Step] = []
        previous: tuple | None = None
        for period in periods(start, end, every):
            zones = self._state(actor, period.end, activity=activity)
            key = _state_key(zones)
            if found and key == previous and found[-1].end == period.start - ONE_DAY:
                last = found[-1]
                found[-1] = Step(last.actor, last.start, period.end, last.zones)
            elif zones:
                found.append(Step(actor, period.start, period.end, zones))
            previous = key
        return found

    def timeline(
        self, actor: str, *, start: dt.date | None = None, end: dt.date | None = None, every: str = "month"
    ) -> pandas.DataFrame:
        """Zone areas (km²) of ``actor`` per period, each as of the period's last day.

        Without ``start``/``end``, the periods cover the actor's records; with only one
        of them, they run to the actor's first or last change, or over the one period of
        the date given when it lies beyond that change. Columns:
        ``period``, ``start``, ``end``, then ``<zone>_km2`` for each zone and
        ``supporting`` (how many records support the picture).
        """
        import pandas as pd

        from .periods import periods

        actor = self.actor_id(actor)
        steps = self.steps(actor)
        if start is None or end is None:
            if not steps:
                return pd.DataFrame(columns=_TIMELINE_COLUMNS)
            first, last = steps[0].start, steps[-1].end or max(s.start for s in steps)
            # An open end runs to the records' last change, or to the other end when
            # that lies beyond it: a range after the last change still has its periods.
            start = start or min(first, end or first)
            end = end or max(last, start)
        rows = []
        for period in periods(start, end, every):
            step = self.step_at(actor, period.end)
            row: dict[str, Any] = {"period": period.label, schema.START: period.start, schema.END: period.end}
            supporting: set[str] = set()
            for zone in ZONES:
                members = step.zones.get(zone, {}) if step else {}
                if members:
                    _geometry, km2 = self._shapes.union(list(members.values()), activity=zone == ACTIVITY)
                    for member in members.values():
                        supporting.update(member.ids)
                else:
                    km2 = 0.0
                row[f"{zone}_km2"] = round(km2, 1)
            row["supporting"] = len(supporting)
            rows.append(row)
        return pd.DataFrame(rows, columns=_TIMELINE_COLUMNS)

    def _rule_text(self, zone: str, tier: str, group: dict[str, _Member]) -> str:
        """Which rule made a feature, in words (see "Rules")."""
        if zone == ACTIVITY:
            count = len({i for m in group.values() for i in m.ids})
            days = int(self.params["window_days"])
            return f"activity: {count} incident{'s' if count != 1 else ''} in the last {days} days"
        if tier == INCIDENTS_TIER:
            count = len({i for m in group.values() for i in m.ids})
            days = int(self.params["influence_window_days"])
            places = _names([self._name(m.site.key) for m in group.values()])
            return f"influence from {count} incidents in the last {days} days at {places}"
        texts: dict[str, list[str]] = {}
        for member in group.values():
            texts.setdefault(member.rule, []).append(self._name(member.site.key))
        parts = [template.replace("{}", _names(names), 1) for template, names in sorted(texts.items())]
        notes = sorted({m.note for m in group.values() if m.note})
        return "; ".join(parts) + (" — " + "; ".join(notes) if notes else "")

    def _frame(self, steps: list[Step], *, by_tier: bool) -> geopandas.GeoDataFrame:
        import geopandas

        rows, shapes = [], []
        for step in steps:
            for zone in ZONES:
                members = step.zones.get(zone)
                if not members:
                    continue
                # One feature per certainty (and per tier with by_tier): a faded part is its own shape.
                by_certainty: dict[str, dict[str, _Member]] = {}
                for key, member in members.items():
                    by_certainty.setdefault(member.certainty, {})[key] = member
                groups: dict[tuple[int, str], dict[str, _Member]] = {}
                for certainty, chosen in by_certainty.items():
                    rank = CERTAINTY_RANK[certainty]
                    if by_tier and zone != ACTIVITY:
                        for key, member in chosen.items():
                            groups.setdefault((rank, member.tier), {})[key] = member
                    else:
                        tiers = {m.tier for m in chosen.values()}
                        groups[(rank, tiers.pop() if len(tiers) == 1 else MIXED)] = chosen
                for (rank, tier), group in sorted(groups.items()):
                    geometry, km2 = self._shapes.union(list(group.values()), activity=zone == ACTIVITY)
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
                            RULE: self._rule_text(zone, tier, group),
                        }
                    )
                    shapes.append(geometry)
        return geopandas.GeoDataFrame(
            rows, columns=list(COLUMNS), geometry=geopandas.GeoSeries(shapes, crs="EPSG:4326"), crs="EPSG:4326"
        )


_TIMELINE_COLUMNS = ["period", schema.START, schema.END, *(f"{zone}_km2" for zone in ZONES), "supporting"]


def _state_key(zones: dict) -> tuple:
    return tuple(
        sorted((zone, key, *member.state()) for zone, members in zones.items() for key, member in members.items())
    )


def _minus(lo: int, hi: int, held: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The parts of the days ``lo``..``hi`` outside the sorted, disjoint intervals ``held``.

    Examples
    --------
    >>> _minus(1, 10, [(3, 4), (8, 20)])
    [(1, 2), (5, 7)]
    >>> _minus(1, 10, [])
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


def _names(names: list[str]) -> str:
    """Names for a rule text: unique, sorted, the first few then how many more.

    Examples
    --------
    >>> _names(["Gao", "Kidal", "Gao"])
    'Gao, Kidal'
    >>> _names([f"P{n}" for n in range(9)])
    'P0, P1, P2, P3, P4, P5 and 3 more'
    """
    unique = sorted(set(names), key=lambda n: (n.casefold(), n))
    if len(unique) > MAX_RULE_NAMES:
        return ", ".join(unique[:MAX_RULE_NAMES]) + f" and {len(unique) - MAX_RULE_NAMES} more"
    return ", ".join(unique)


def _merge_params(method: str, overrides: dict[str, Any]) -> dict[str, Any]:
    """The method's defaults with ``overrides`` applied, checked by :func:`check_params`."""
    params = json.loads(json.dumps({**DEFAULT_PARAMS[method], **COMMON_DEFAULTS}))
    for name, value in check_params(method, overrides).items():
        params[name] = {**params[name], **value} if isinstance(value, dict) else value
    return params


# --- the parameters' rules: one check for the Python API, the CLI's --param and recipes ---


@dataclass(frozen=True)
class ParamRule:
    """What one parameter takes: ``kind`` is ``"km"`` (a distance), ``"days"`` (a whole
    number of days), ``"count"`` (a whole number) or ``"bool"``; numbers lie in
    ``low``..``high`` (``low`` itself allowed only when ``low_ok``)."""

    kind: str
    low: float = 0.0
    high: float = 0.0
    low_ok: bool = False

    def describe(self) -> str:
        if self.kind == "bool":
            return "takes true or false"
        unit = {"days": "a whole number of days", "count": "a whole number"}.get(self.kind, "a distance in km")
        low = f"from {self.low:g}" if self.low_ok else f"above {self.low:g}"
        return f"takes {unit}, {low} to {self.high:g}"


_DISC_KM = ParamRule("km", 0.0, 500.0)
PARAM_RULES: dict[str, dict[str, ParamRule]] = {
    "buffer": {
        **{f"radius_km.{kind}": _DISC_KM for kind in DEFAULT_PARAMS["buffer"]["radius_km"]},
        "other_km": _DISC_KM,
        "activity_km": _DISC_KM,
        "add_uncertainty": ParamRule("bool"),
    },
    "voronoi": {"max_km": _DISC_KM, "same_place_km": ParamRule("km", 0.0, 100.0, low_ok=True)},
}
COMMON_RULES: dict[str, ParamRule] = {
    "window_days": ParamRule("days", 1, MAX_WINDOW_DAYS, low_ok=True),
    "activity_max_uncertainty_km": ParamRule("km", 0.0, 5000.0, low_ok=True),
    "influence_from_incidents": ParamRule("bool"),
    "influence_window_days": ParamRule("days", 1, MAX_WINDOW_DAYS, low_ok=True),
    "influence_min_incidents": ParamRule("count", 1, 1000, low_ok=True),
    "stale_after_days": ParamRule("days", 1, MAX_WINDOW_DAYS, low_ok=True),
}


def param_names(method: str | None = None) -> list[str]:
    """The parameters of ``method`` (of any method when None), as ``--param`` names them.

    Examples
    --------
    >>> param_names("voronoi")  # doctest: +NORMALIZE_WHITESPACE
    ['activity_max_uncertainty_km', 'influence_from_incidents', 'influence_min_incidents', 'influence_window_days',
     'max_km', 'same_place_km', 'stale_after_days', 'window_days']
    """
    methods = [method] if method is not None else list(METHODS)
    return sorted({name for m in methods for name in PARAM_RULES[m]} | set(COMMON_RULES))


def _default(method: str | None, name: str) -> Any:
    for m in [method] if method else METHODS:
        params = {**DEFAULT_PARAMS[m], **COMMON_DEFAULTS}
        outer, _, inner = name.partition(".")
        if outer in params:
            return params[outer].get(inner) if inner else params[outer]
    return None


def _toml(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def param_problems(method: str | None, overrides: Any) -> tuple[dict[str, Any], list[tuple[str, Any, str]]]:
    """Check ``overrides`` of the parameters of ``method`` (of any method when None).

    Returns the overrides as :class:`Influence` keeps them (``radius_km`` a mapping,
    distances floats, days and counts ints) and every problem as ``(name, value,
    message)``, for the caller to say where the value came from. Names are written as
    in ``--param``: ``radius_km.town``, or ``radius_km`` holding a flat mapping.

    Examples
    --------
    >>> param_problems("buffer", {"radius_km.town": 20, "window_days": 30.0})
    ({'radius_km': {'town': 20.0}, 'window_days': 30}, [])
    >>> param_problems("buffer", {"radius_km": {"bogus": -1}})[1]
    [('radius_km.bogus', -1, "unknown parameter 'radius_km.bogus' for method buffer; did you mean radius_km.town? ...")]
    """
    import difflib
    import math
    import numbers
    from collections.abc import Mapping

    if method is not None and method not in METHODS:
        return {}, [("method", method, f"unknown method {method!r}; choose from {', '.join(METHODS)}")]
    if not isinstance(overrides, Mapping):
        return {}, [("params", overrides, "give a table of NAME = VALUE, such as { max_km = 40 }")]
    rules = {name: rule for m in ([method] if method else METHODS) for name, rule in PARAM_RULES[m].items()}
    rules.update(COMMON_RULES)
    groups = {name.partition(".")[0] for name in rules if "." in name}
    problems: list[tuple[str, Any, str]] = []
    flat: dict[str, Any] = {}
    for name, value in overrides.items():
        name = str(name)
        if isinstance(value, Mapping) and name in groups:
            for inner, item in value.items():
                if isinstance(item, Mapping):
                    problems.append((f"{name}.{inner}", item, "nested tables are not parameters; give a number"))
                else:
                    flat[f"{name}.{inner}"] = item
        elif isinstance(value, Mapping):
            example = f"{name} = {_toml(_default(method, name))}" if name in rules else "max_km = 40"
            problems.append((name, value, f"nested tables are not parameters; give a value, such as {example}"))
        elif name in flat:
            problems.append((name, value, f"given twice ({_toml(flat[name])} and {_toml(value)}); give it once"))
        else:
            flat[name] = value
    checked: dict[str, Any] = {}
    for name, value in flat.items():
        rule = rules.get(name)
        if rule is None:
            known = param_names(method)
            close = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
            hint = f"did you mean {close[0]}? " if close else ""
            elsewhere = [m for m in METHODS if m != method and name in PARAM_RULES[m]]
            if method and elsewhere:
                hint = f"it is a parameter of --method {elsewhere[0]}; " + hint
            where = f" for method {method}" if method else ""
            problems.append((name, value, f"unknown parameter {name!r}{where}; {hint}use one of {', '.join(known)}"))
            continue
        default = _default(method, name)
        fix = f"{rule.describe()} (default {_toml(default)})"
        if rule.kind == "bool":
            if not isinstance(value, bool):
                problems.append((name, value, f"{fix}"))
                continue
        else:
            if isinstance(value, bool) or not isinstance(value, numbers.Real):
                problems.append((name, value, f"not a number: {fix}"))
                continue
            if isinstance(value, float) and not math.isfinite(value):
                problems.append((name, value, f"not a finite number: {fix}"))
                continue
            if rule.kind in ("days", "count") and int(value) != value:
                problems.append((name, value, f"not a whole number: {fix}"))
                continue
            low_fails = value < rule.low or (value == rule.low and not rule.low_ok)
            if low_fails or value > rule.high:
                problems.append((name, value, f"out of range: {fix}"))
                continue
            value = int(value) if rule.kind in ("days", "count") else float(value)
        outer, _, inner = name.partition(".")
        if inner:
            checked.setdefault(outer, {})[inner] = value
        else:
            checked[name] = value
    return checked, problems


def check_params(method: str | None, overrides: Any) -> dict[str, Any]:
    """:func:`param_problems`, raising :class:`~geo.errors.InputError` that lists every problem.

    Examples
    --------
    >>> check_params("voronoi", {"max_km": -5})
    Traceback (most recent call last):
    ...
    geo.errors.InputError: parameter max_km = -5: out of range: takes a distance in km, above 0 to 500 (default 50.0)
    """
    checked, problems = param_problems(method, overrides)
    if problems:
        raise InputError(
            "\n".join(f"parameter {name} = {_toml(value)}: {message}" for name, value, message in problems)
        )
    return checked
