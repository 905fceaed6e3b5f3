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

The package
    :mod:`~geo.influence.terms` (the words: zones, tiers, certainties, columns),
    :mod:`~geo.influence.geometry` (geodesic discs, display simplification),
    :mod:`~geo.influence.methods` (the methods as strategy classes with typed
    parameters, their registry and the check of parameters),
    :mod:`~geo.influence.shapes` (each site's shape under a method, once),
    :mod:`~geo.influence.incidents` and :mod:`~geo.influence.rules` (when a claim
    holds: supersession, certainty, cut-outs, the zones on one day),
    :mod:`~geo.influence.steps` (the stretches of days with one picture),
    :mod:`~geo.influence.layer` (the layers) and :mod:`~geo.influence.core`
    (:class:`Influence`, the one object users need).
"""

from .area import ZoneArea, ZoneShape
from .core import Influence
from .geometry import DISC_VERTICES, DISPLAY_TOLERANCE_M, geodesic_disc, geodesic_discs, simplify_for_display
from .methods import (
    COMMON_DEFAULTS,
    COMMON_RULES,
    DEFAULT_PARAMS,
    METHOD_CLASSES,
    METHODS,
    PARAM_RULES,
    BufferMethod,
    BufferParams,
    CommonParams,
    Method,
    ParamRule,
    VoronoiMethod,
    VoronoiParams,
    check_params,
    param_names,
    param_problems,
)
from .steps import Step
from .terms import (
    ACTIVITY,
    ASSESSED,
    CERTAIN,
    CERTAINTIES,
    CERTAINTY,
    CERTAINTY_RANK,
    CLAIMED,
    COLUMNS,
    CONTESTED,
    CONTROL,
    INCIDENT,
    INCIDENT_LAYER_COLUMNS,
    INCIDENTS_TIER,
    INFLUENCE,
    LAST_CONFIRMED,
    MIXED,
    POSSIBLY_ENDED,
    RADIUS_KM,
    RULE,
    STALE,
    ZONES,
)

__all__ = [
    "ACTIVITY",
    "ASSESSED",
    "CERTAIN",
    "CERTAINTIES",
    "CERTAINTY",
    "CERTAINTY_RANK",
    "CLAIMED",
    "COLUMNS",
    "COMMON_DEFAULTS",
    "COMMON_RULES",
    "CONTESTED",
    "CONTROL",
    "DEFAULT_PARAMS",
    "DISC_VERTICES",
    "DISPLAY_TOLERANCE_M",
    "INCIDENT",
    "INCIDENTS_TIER",
    "INCIDENT_LAYER_COLUMNS",
    "INFLUENCE",
    "LAST_CONFIRMED",
    "METHODS",
    "METHOD_CLASSES",
    "MIXED",
    "PARAM_RULES",
    "POSSIBLY_ENDED",
    "RADIUS_KM",
    "RULE",
    "STALE",
    "ZONES",
    "BufferMethod",
    "BufferParams",
    "CommonParams",
    "Influence",
    "Method",
    "ParamRule",
    "Step",
    "VoronoiMethod",
    "VoronoiParams",
    "ZoneArea",
    "ZoneShape",
    "check_params",
    "geodesic_disc",
    "geodesic_discs",
    "param_names",
    "param_problems",
    "simplify_for_display",
]
