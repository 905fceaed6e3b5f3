"""Grouping and deciding (rules 5 and 6): records of one place fold into one answer,
and the best answer is given only when no rival far away scores about as well."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

from .. import schema
from ..measure import great_circle_km

if TYPE_CHECKING:
    from .._store import Store
    from .candidates import Candidate

__all__ = ["AMBIGUITY_MARGIN", "FAR_APART_KM", "SAME_PLACE_KM", "Match", "decide"]

TIER_RANK = {tier: rank for rank, tier in enumerate(schema.TIERS)}
AMBIGUITY_MARGIN = 12.0
FAR_APART_KM = 25.0
# A town or city with at least this many people recorded is what its bare name means
# against villages and hamlets of no recorded population ("Dori" is Burkina Faso's
# Sahel capital, not the village "Dori Yagha" or a Dori hamlet in Mali).
PROMINENT_POPULATION = 10_000
SAME_PLACE_KM = 6.0
SAME_PLACE_SCORE = 3.0  # a record of a better tier heads its group within this many points
OK, AMBIGUOUS, NOT_FOUND = "ok", "ambiguous", "not_found"

# How settled a kind is, for who may be a rival of whom (see rule 6): towns 3,
# villages 2, hamlets, camps and sites 1, GeoNames/OSM "localities" (a named spot,
# often no settlement) 0.5, terrain features 0.
_SETTLEMENT_RANK: dict[str, float] = {
    "capital": 3,
    "city": 3,
    "town": 3,
    "village": 2,
    "hamlet": 1,
    "camp": 1,
    "military_base": 1,
    "airport": 1,
    "site": 1,
    "locality": 0.5,
}


@dataclass(slots=True)
class Match:
    """The outcome of matching one query: the chosen record (or none) and why.

    Examples
    --------
    >>> from geo.matching import Candidate
    >>> Match(OK, [Candidate(4, 1.0, "gao")]).best.index
    4
    >>> Match(AMBIGUOUS, [Candidate(4, 1.0, "gao")], "2 places match").best is None
    True
    """

    status: str
    candidates: list[Candidate] = field(default_factory=list)
    reason: str = ""
    warnings: list[str] = field(default_factory=list)

    @property
    def best(self) -> Candidate | None:
        """The chosen candidate: the first, when the status is ``ok``."""
        return self.candidates[0] if self.status == OK and self.candidates else None


def _order(store: Store, candidate: Candidate) -> tuple[float, int, int, str]:
    """Best first: score, then tier, then population, then id (a stable order)."""
    i = candidate.index
    return (
        -candidate.score,
        TIER_RANK.get(store.tiers[i], len(TIER_RANK)),
        -int(store.population[i]),
        store.ids[i],
    )


def _group(store: Store, ranked: list[Candidate]) -> list[Candidate]:
    """Fold candidates of one name lying within SAME_PLACE_KM of a better one into it.

    Each group answers with its best-scored record, or one of a better tier
    (curated, area, GeoNames, OSM) scoring within :data:`SAME_PLACE_SCORE` of it,
    at the group's best score, with an uncertainty that covers the group.
    """
    groups: list[list[Candidate]] = []
    for candidate in ranked:
        i = candidate.index
        home = None
        if groups:
            idx = np.fromiter((g[0].index for g in groups), dtype=np.int64, count=len(groups))
            distances = great_circle_km(store.lat[i], store.lon[i], store.lat[idx], store.lon[idx])
            for group, d in zip(groups, distances.tolist(), strict=True):
                if d <= SAME_PLACE_KM and group[0].key == candidate.key:
                    home = group
                    break
        if home is None:
            groups.append([candidate])
        else:
            home.append(candidate)
    heads = []
    for group in groups:
        best = group[0].score
        head = min(
            (c for c in group if c.score >= best - SAME_PLACE_SCORE),
            key=lambda c: (TIER_RANK.get(store.tiers[c.index], len(TIER_RANK)), -c.score),
        )
        head.score = group[0].score
        head.uncertainty_km = float(store.uncertainty_km[head.index])
        others = [c.index for c in group if c is not head]
        if others:
            idx = np.array(others)
            reach = great_circle_km(store.lat[head.index], store.lon[head.index], store.lat[idx], store.lon[idx])
            head.uncertainty_km = max(head.uncertainty_km, float((reach + store.uncertainty_km[idx]).max()))
            head.same_place = others
        heads.append(head)
    return heads


def _rival(store: Store, top: Candidate, other: Candidate, kind_hint: str | None) -> bool:
    """Whether ``other`` may make the choice of ``top`` unclear (kind and spelling)."""
    if top.similarity == 1.0 and other.similarity < 1.0:
        return False  # an exact spelling outranks another name's transliteration
    if other.edge and not top.edge:
        return False  # inside the named area beats just outside it
    if store.tiers[top.index] == schema.CURATED and store.tiers[other.index] in schema.FILE_TIERS:
        return False  # a curated place's name means that place
    if kind_hint is not None or store.tiers[other.index] in (schema.CURATED, schema.AREA):
        return True
    top_rank = _SETTLEMENT_RANK.get(store.kinds[top.index], 0)
    other_rank = _SETTLEMENT_RANK.get(store.kinds[other.index], 0)
    known_town = top_rank >= 3 and store.population[top.index] >= PROMINENT_POPULATION
    unrecorded_village = other_rank < 3 and store.population[other.index] == 0
    if known_town and unrecorded_village:
        return False  # a known town against an unrecorded village of its name
    # A town against a hamlet, a village or a camp against a locality or a wadi.
    return not (other_rank < top_rank - 1 or (top_rank >= 1 and other_rank < 1))


def decide(store: Store, candidates: list[Candidate], *, kind_hint: str | None = None, limit: int = 10) -> Match:
    """Rank scored candidates, fold records of one place (rule 5), and choose one or refuse (rule 6).

    Examples
    --------
    Two curated places of one name 300 km apart, scored alike: no answer.

    >>> import tempfile
    >>> from pathlib import Path
    >>> from geo.gazetteer.building import read_sources
    >>> from geo.matching import Candidate
    >>> folder = Path(tempfile.mkdtemp())
    >>> header = "id,name,kind,lat,lon,uncertainty_km,country,coord_source"
    >>> rows = "\\nml-a,Boni,village,15,-2,2,ML,survey\\nml-b,Boni,village,15,1,2,ML,survey\\n"
    >>> _ = (folder / "places.csv").write_text(header + rows)
    >>> store, _features = read_sources(folder, bundled=False, osm=False)
    >>> match = decide(store, [Candidate(0, 1.0, "boni", score=120.0), Candidate(1, 1.0, "boni", score=119.0)])
    >>> match.status, match.best
    ('ambiguous', None)
    >>> print(match.reason.replace("; ", ";\\n"))
    2 places match about equally well and lie up to 322 km apart (Boni [ml-a] and Boni [ml-b], 322 km apart);
    add country, admin1, admin2 or near to choose
    >>> decide(store, [Candidate(0, 1.0, "boni", score=120.0)]).best.index
    0
    """
    if not candidates:
        return Match(NOT_FOUND, [], "no place of that name in the gazetteer")
    ranked = _group(store, sorted(candidates, key=lambda c: _order(store, c)))
    top = ranked[0]
    close = [c for c in ranked[1:] if c.score >= top.score - AMBIGUITY_MARGIN and _rival(store, top, c, kind_hint)]
    if close:
        idx = np.fromiter((c.index for c in close), dtype=np.int64, count=len(close))
        distances = great_circle_km(store.lat[top.index], store.lon[top.index], store.lat[idx], store.lon[idx])
        rivals = [
            (c, float(d))
            for c, d in zip(close, distances, strict=True)
            if d > max(FAR_APART_KM, (top.uncertainty_km or 0.0) + (c.uncertainty_km or 0.0))
        ]
        if rivals:
            c, d = rivals[0]
            reason = (
                f"{len(rivals) + 1} places match about equally well and lie up to "
                f"{max(r[1] for r in rivals):.0f} km apart ({store.names[top.index]} [{store.ids[top.index]}] "
                f"and {store.names[c.index]} [{store.ids[c.index]}], {d:.0f} km apart); "
                "add country, admin1, admin2 or near to choose"
            )
            return Match(AMBIGUOUS, ranked[:limit], reason)
    return Match(OK, ranked[:limit])
