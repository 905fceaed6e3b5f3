"""When a claim holds: reading the claims, supersession, certainty and staleness, cut-outs,
and each actor's zones on one day (the rules of the package docstring)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from .. import schema
from .geometry import Site
from .incidents import IncidentIndex
from .members import Member
from .terms import (
    ACTIVITY,
    ASSESSED,
    CERTAIN,
    CERTAINTY_RANK,
    CLAIMED,
    CONTESTED,
    CONTESTING,
    CONTROL,
    CUT_STATUSES,
    CUT_ZONES,
    HOLDING,
    INFLUENCE,
    LOST,
    NO_ZONE_WHY,
    ONE_DAY,
    POSSIBLY_ENDED,
    STALE,
    STATUS_ZONE,
    THREATENS,
    ZONE_RANK,
    names_text,
)

if TYPE_CHECKING:
    from ..gazetteer import Gazetteer
    from ..records import Records

__all__ = ["Claim", "Rules"]


@dataclass(slots=True)
class Claim:
    """One claim as the rules read it (its end cut where a later claim supersedes it)."""

    id: str
    actor: str
    status: str
    tier: str
    place: str
    start: dt.date
    start_latest: dt.date  # the last day its start allows
    end: dt.date | None  # last day it holds, None while open
    site: Site
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


def start_latest(claim: dict[str, Any]) -> dt.date:
    """The last day a claim's start allows (parsed with the frames: "../2022-11" is taken
    as 2022-11-30)."""
    from ..errors import InputError

    latest: dt.date | None = claim[schema.START_LATEST]
    if latest is None:
        text = claim[schema.START_EDTF]
        raise InputError(f"a claim's start {text!r} has no last day; give one, such as ../2022-11")
    return latest


class Rules:
    """The records read once, and the rules that say which zones an actor has on a day."""

    def __init__(self, records: Records, gazetteer: Gazetteer, params: dict[str, Any]) -> None:
        self.records = records
        self.gazetteer = gazetteer
        self.params = params
        self.skipped: list[tuple[str, str]] = []  # (record id, why it draws nothing)
        self._contained: dict[tuple[str, str], bool] = {}  # (area, site) -> whether the area holds it
        self._confirming: dict[str, tuple[np.ndarray, np.ndarray]] = {}  # claim id -> its records' days
        self._names: dict[str, str] = {}
        self._places: dict[str, Any] = {}
        self.no_zone = self._no_zone_actors()
        self.claims = self._read_claims()
        self.incidents = IncidentIndex(records.incidents, gazetteer, params, self.site, self.skipped)
        self._supersede()

    def _no_zone_actors(self) -> frozenset[str]:
        actors = self.records.actors
        kinds = {a for a in actors.ids if actors[a].kind in schema.NO_ZONE_KINDS}
        return frozenset(kinds | {schema.UNIDENTIFIED_ACTOR, schema.CIVILIANS_ACTOR})

    def no_zone_why(self, actor: str) -> str:
        kind = self.records.actors[actor].kind
        why = NO_ZONE_WHY.get(kind) or NO_ZONE_WHY["civilians" if actor == schema.CIVILIANS_ACTOR else "unidentified"]
        return f"{why} (kind {kind})"

    def site(self, place_id: str, lat: float | None = None, lon: float | None = None) -> Site:
        place = self._places.get(place_id)
        if place is None:  # one look-up per place, however many records name it
            place = self._places[place_id] = self.gazetteer.place(place_id)
        if place.tier == schema.AREA:
            return Site(place.id, place.lat, place.lon, place.uncertainty_km, place.kind, "", area_id=place.id)
        return Site(
            place.id,
            place.lat if lat is None else lat,
            place.lon if lon is None else lon,
            place.uncertainty_km,
            place.kind,
            place.country.lower(),
        )

    def _read_claims(self) -> list[Claim]:
        claims = []
        for row in self.records.claims.itertuples(index=False):
            row = row._asdict()
            if row[schema.ACTOR] in self.no_zone:
                why = self.no_zone_why(row[schema.ACTOR])
                self.skipped.append((row[schema.ID], f"names {row[schema.ACTOR]}, {why}: draws no zone"))
                continue
            site = self.site(row[schema.PLACE])
            claim = Claim(
                id=row[schema.ID],
                actor=row[schema.ACTOR],
                status=row[schema.STATUS],
                tier=row[schema.TIER],
                place=row[schema.PLACE],
                start=row[schema.START] or start_latest(row),
                start_latest=start_latest(row),
                end=row[schema.END],
                site=site,
                country_level=site.kind == "country",
            )
            end_text = row.get(schema.END_EDTF) or ""
            if end_text and row[schema.END] is not None:
                claim.end_text = end_text
                claim.end_earliest = row[schema.END_EARLIEST]
                claim.end_latest = row[schema.END]
            if claim.country_level and claim.status != LOST:
                self.skipped.append((claim.id, f"a claim on a whole country ({claim.place}) draws no zone"))
            claims.append(claim)
        claims.sort(key=lambda c: (c.start, c.id))
        return claims

    # --- supersession ---------------------------------------------------------------
    def _supersede(self) -> None:
        """Cut each claim at the first later claim that supersedes it (rules 1-3)."""
        by_place: dict[str, list[Claim]] = {}
        for claim in self.claims:
            by_place.setdefault(claim.place, []).append(claim)
        withdrawals = [c for c in self.claims if c.status == LOST and c.site.area_id]
        for claim in self.claims:
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

    def _supersedes(self, later: Claim, claim: Claim) -> bool:
        """Whether ``later`` ends ``claim`` (the rules of the module docstring)."""
        if later is claim or later.start <= claim.start_latest:
            return False
        if later.place != claim.place:  # rule 3: a withdrawal from an area holding the place
            return later.actor == claim.actor and self.contains(later.site.area_id, claim.site)
        if later.actor == claim.actor:  # rule 1: the actor's newer word
            return later.status != THREATENS
        return (  # rule 2: a capture by another side
            claim.status != "influences"
            and later.status in HOLDING
            and not self.records.actors.allied(claim.actor, later.actor, later.start)
        )

    def contains(self, area_id: str, site: Site) -> bool:
        key = (area_id, site.key)
        if key not in self._contained:
            import shapely

            from ..areas import AREA_TOLERANCE_DEG

            area = self.gazetteer.areas.geometry(area_id)
            if site.area_id:
                point = self.gazetteer.areas.geometry(site.area_id).representative_point()
            else:
                point = shapely.Point(site.lon, site.lat)
            self._contained[key] = bool(shapely.dwithin(area, point, AREA_TOLERANCE_DEG))
        return self._contained[key]

    # --- the picture on one day -----------------------------------------------------
    def holds(self, claim: Claim, day: dt.date) -> bool:
        return claim.start <= day and (claim.end is None or day <= claim.end)

    def confirmations(self, claim: Claim) -> tuple[np.ndarray, np.ndarray]:
        """The records that document ``claim`` (see "Certainty"): the first day of each and
        the last day it documents, as ordinals (computed once)."""
        if claim.id not in self._confirming:
            pairs = [(claim.start, claim.documented_until)]
            for other in self.claims:
                if (
                    other is not claim
                    and other.actor == claim.actor
                    and other.place == claim.place
                    and other.status in STATUS_ZONE
                ):
                    pairs.append((other.start, other.documented_until))
            _starts, _ends, incidents = self.incidents.activity(claim.actor)
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

    def certainty(self, claim: Claim, day: dt.date) -> tuple[str, dt.date]:
        """How sure ``claim`` is on ``day`` (a day it holds) and the last day its records
        document (the rules of "Certainty")."""
        firsts, lasts = self.confirmations(claim)
        known = lasts[firsts <= day.toordinal()]
        confirmed = dt.date.fromordinal(int(known.max())) if len(known) else claim.documented_until
        if claim.end_uncertain and claim.end_earliest is not None and day >= claim.end_earliest:
            return POSSIBLY_ENDED, confirmed
        if (day - confirmed).days > int(self.params["stale_after_days"]):
            return STALE, confirmed
        return CERTAIN, confirmed

    def cut_places(self, actor: str, area_id: str, day: dt.date) -> tuple[Site, ...]:
        """The places inside area ``area_id`` that a side not allied with ``actor`` holds
        or contests on ``day`` (see "Cut-outs"), in id order."""
        allied = self.records.actors.allied
        found = {
            other.site.key: other.site
            for other in self.claims
            if other.status in CUT_STATUSES
            and other.actor != actor
            and not other.country_level
            and not other.site.area_id
            and self.holds(other, day)
            and self.contains(area_id, other.site)
            and not allied(actor, other.actor, day)
        }
        return tuple(found[key] for key in sorted(found))

    def name(self, place_id: str) -> str:
        if place_id not in self._names:
            self._names[place_id] = self.gazetteer.place(place_id).name
        return self._names[place_id]

    def claim_rule(
        self, zone: str, claims: list[Claim], certainty: str, *, two_sides: bool, cut: tuple[Site, ...]
    ) -> tuple[str, str]:
        """The rule text of one place's member (``{}`` standing for the place's name) and
        the note on its certainty."""
        if cut:
            names = names_text([self.name(c.key) for c in cut])
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

    def state(
        self, actor: str, day: dt.date, *, activity: bool = True, incident_influence: bool = True
    ) -> dict[str, dict[str, Member]]:
        if actor in self.no_zone:
            return {}
        actors = self.records.actors
        best: dict[str, tuple[str, list[Claim], bool]] = {}  # place -> (zone, claims, held by two sides)
        for claim in self.claims:
            if claim.actor != actor or claim.country_level or claim.status not in STATUS_ZONE:
                continue
            if not self.holds(claim, day):
                continue
            zone = STATUS_ZONE[claim.status]
            two_sides = False
            if zone == CONTROL and any(
                other.place == claim.place
                and other.actor != actor
                and other.status in HOLDING | CONTESTING
                and self.holds(other, day)
                and not actors.allied(actor, other.actor, day)
                for other in self.claims
            ):
                zone, two_sides = CONTESTED, True
            current = best.get(claim.place)
            if current is None or ZONE_RANK[zone] < ZONE_RANK[current[0]]:
                best[claim.place] = (zone, [claim], two_sides)
            elif ZONE_RANK[zone] == ZONE_RANK[current[0]]:
                current[1].append(claim)
        zones: dict[str, dict[str, Member]] = {}
        for place, (zone, claims, two_sides) in best.items():
            tiers = {c.tier for c in claims}
            tier = ASSESSED if ASSESSED in tiers else CLAIMED
            marks = [self.certainty(c, day) for c in claims]
            # A place is as sure as its surest claim, and documented as late as its latest.
            certainty = min((m[0] for m in marks), key=CERTAINTY_RANK.__getitem__)
            confirmed = max(m[1] for m in marks)
            site = claims[0].site
            cut: tuple[Site, ...] = ()
            if site.area_id and zone in CUT_ZONES:
                cut = self.cut_places(actor, site.area_id, day)
            sure = [c for c, m in zip(claims, marks, strict=True) if m[0] == certainty]
            rule, note = self.claim_rule(zone, sure, certainty, two_sides=two_sides, cut=cut)
            ids = tuple(sorted(c.id for c in claims))
            zones.setdefault(zone, {})[place] = Member(site, ids, tier, certainty, confirmed, rule, note, cut)
        if not zones and incident_influence and self.params["influence_from_incidents"]:
            found = self.incidents.influence_on(actor, day)
            if found:
                zones[INFLUENCE] = found
        if activity:
            starts, ends, incidents = self.incidents.activity(actor)
        if activity and incidents:
            ordinal = day.toordinal()
            window = int(self.params["window_days"]) - 1
            for i in np.flatnonzero((starts <= ordinal) & (ends >= ordinal - window)).tolist():
                incident = incidents[i]
                zones.setdefault(ACTIVITY, {})[incident.id] = Member(
                    incident.site, (incident.id,), "", CERTAIN, incident.end
                )
        return zones

    def change_days(self, actor: str, *, incidents: bool = True) -> list[dt.date]:
        """The days on which ``actor``'s picture may change; without ``incidents``, only
        those of its claims' zones (activity and influence from incidents left out)."""
        if actor in self.no_zone:
            return []
        days: set[dt.date] = set()
        mine = [c for c in self.claims if c.actor == actor and c.status in STATUS_ZONE and not c.country_level]
        places = {c.place for c in self.claims if c.actor == actor}
        areas = {c.site.area_id for c in mine if c.site.area_id and STATUS_ZONE[c.status] in CUT_ZONES}
        for claim in self.claims:
            cuts = (
                claim.status in CUT_STATUSES
                and not claim.site.area_id
                and not claim.country_level
                and any(self.contains(area, claim.site) for area in areas)
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
            firsts, lasts = self.confirmations(claim)
            days.update(dt.date.fromordinal(day) for day in set(firsts.tolist()))
            days.update(dt.date.fromordinal(day + stale) for day in set(lasts.tolist()))
        window = dt.timedelta(days=int(self.params["window_days"]))
        for incident in self.incidents.all if incidents else ():
            if actor in incident.actors:
                days.add(incident.start)
                days.add(incident.end + window)
        if incidents and self.params["influence_from_incidents"]:
            starts, ends, *_ = self.incidents.influence_index(actor)
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
