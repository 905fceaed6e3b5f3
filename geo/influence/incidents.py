"""The incidents as the rules read them: where each is, which draw activity, and where
each counts for influence from incidents (see "Activity" and "Influence from incidents")."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from .. import schema
from .geometry import Site
from .members import Member
from .terms import CERTAIN, INCIDENTS_TIER

if TYPE_CHECKING:
    from typing import TypeAlias

    import geopandas
    from shapely import STRtree

    from ..gazetteer import Gazetteer

    # an actor's incidents that count for influence (see IncidentIndex.influence_index):
    # first days, last days, place codes, ids (as ordinals and arrays), places, their sites
    InfluenceIndex: TypeAlias = tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, list[str], list[Site]]

__all__ = ["Incident", "IncidentIndex"]


@dataclass(slots=True)
class Incident:
    """One incident that may draw activity: its actors, first and last days and site."""

    id: str
    actors: tuple[str, ...]
    start: dt.date
    end: dt.date
    site: Site
    place: str = ""  # the place id it names, if any


class IncidentIndex:
    """The records' incidents, read once, with per-actor indexes computed once.

    ``site`` gives the site of a place id (with an optional point); ``skipped`` collects
    ``(record id, why it draws nothing)``.
    """

    def __init__(
        self,
        frame: geopandas.GeoDataFrame,
        gazetteer: Gazetteer,
        params: dict[str, Any],
        site: Callable[..., Site],
        skipped: list[tuple[str, str]],
    ) -> None:
        from .._io import paused_gc

        self.gazetteer = gazetteer
        self.params = params
        self._site = site
        self.skipped = skipped
        self._countries: dict[tuple[float, float], str] = {}
        self._by_actor: dict[str, tuple[np.ndarray, np.ndarray, list[Incident]]] = {}
        self._influence_by_actor: dict[str, InfluenceIndex] = {}
        self._settled: dict[str, str] = {}  # incident id -> the place where it counts for influence
        self._settlements: tuple[np.ndarray, np.ndarray, list[str], STRtree] | None = None
        with paused_gc():
            self.all: list[Incident] = self._read(frame)

    def _read(self, frame: geopandas.GeoDataFrame) -> list[Incident]:
        limit = float(self.params["activity_max_uncertainty_km"])
        incidents = []
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
                site = Site(incident_id, site.lat, site.lon, uncertainty, site.kind, site.country)
            else:
                site = Site(incident_id, lat, lon, uncertainty, "", self.country_at(lat, lon))
            place = place_id if place_id and site.kind != "country" else ""
            incidents.append(Incident(incident_id, tuple(actors), start, end, site, place))
        return incidents

    def country_at(self, lat: float, lon: float) -> str:
        if (lat, lon) not in self._countries:
            found = ""
            for props in self.gazetteer.areas.containing(lat, lon):
                if props.get(schema.KIND) == "country":
                    found = props[schema.ID]
                    break
            self._countries[(lat, lon)] = found
        return self._countries[(lat, lon)]

    def activity(self, actor: str) -> tuple[np.ndarray, np.ndarray, list[Incident]]:
        """The actor's incidents with their first and last days as ordinals (computed once)."""
        if actor not in self._by_actor:
            mine = [i for i in self.all if actor in i.actors]
            starts = np.array([i.start.toordinal() for i in mine], dtype=np.int64)
            ends = np.array([i.end.toordinal() for i in mine], dtype=np.int64)
            self._by_actor[actor] = (starts, ends, mine)
        return self._by_actor[actor]

    def settlement(self, incident: Incident) -> str:
        """The place where ``incident`` counts for influence: the one it names, else the
        nearest populated place within PLACE_AGREEMENT_KM of its point, else ``""``."""
        if incident.place:
            return incident.place
        if incident.id not in self._settled:
            import shapely

            from ..measure import great_circle_km

            if self._settlements is None:
                lats, lons, ids, _kinds = self.gazetteer.populated_points()
                self._settlements = (lats, lons, ids, shapely.STRtree(np.asarray(shapely.points(lons, lats))))
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

    def influence_index(self, actor: str) -> InfluenceIndex:
        """The actor's incidents that count for influence, ordered by place then id: first
        and last days as ordinals, the index of their place among ``places``, their ids
        (computed once)."""
        if actor not in self._influence_by_actor:
            settled = [(i, self.settlement(i)) for i in self.all if actor in i.actors]
            places = sorted({place for _, place in settled if place})
            index = {place: n for n, place in enumerate(places)}
            mine = sorted(((index[place], i.id, i) for i, place in settled if place), key=lambda t: t[:2])
            self._influence_by_actor[actor] = (
                np.array([i.start.toordinal() for _, _, i in mine], dtype=np.int64),
                np.array([i.end.toordinal() for _, _, i in mine], dtype=np.int64),
                np.array([code for code, _, _ in mine], dtype=np.int64),
                np.array([incident_id for _, incident_id, _ in mine], dtype=object),
                places,
                [self._site(place) for place in places],
            )
        return self._influence_by_actor[actor]

    def influence_on(self, actor: str, day: dt.date) -> dict[str, Member]:
        """The places where ``actor`` has influence from incidents on ``day`` (the rule
        of "Influence from incidents"), each with its incidents."""
        starts, ends, codes, ids, places, sites = self.influence_index(actor)
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
            found[places[code]] = Member(
                sites[code], tuple(hit_ids[begin : begin + count]), INCIDENTS_TIER, CERTAIN, newest
            )
        return found
