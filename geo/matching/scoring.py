"""The score of a candidate (rule 4): name similarity, tier, kind, the kind the query
names, population and nearness to ``near``."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import numpy as np

from .. import schema
from ..measure import great_circle_km

if TYPE_CHECKING:
    from .._store import Store
    from .candidates import Candidate

__all__ = ["score"]

TIER_BONUS = {schema.CURATED: 15.0, schema.AREA: 6.0, schema.REFERENCE: 0.0, schema.OSM: 0.0}
KIND_HINT_BONUS = 20.0
NEAR_BONUS = 30.0
NEAR_SCALE_KM = 100.0
MAX_POPULATION_BONUS = 12.0


def score(
    store: Store,
    candidates: list[Candidate],
    *,
    kind_hint: str | None = None,
    near: tuple[float, float] | None = None,
) -> None:
    """Set each candidate's ``score`` (and ``near_km`` with ``near``) by rule 4.

    100 × name similarity + :data:`TIER_BONUS` + the kind's weight
    (:data:`geo.schema.KIND_WEIGHTS`, 4 for a kind it lacks) + :data:`KIND_HINT_BONUS`
    when the query names the record's kind + 2·log10(1 + population), at most
    :data:`MAX_POPULATION_BONUS` + :data:`NEAR_BONUS` · exp(-d / :data:`NEAR_SCALE_KM`),
    rounded to 3 decimals.

    Examples
    --------
    >>> import tempfile
    >>> from pathlib import Path
    >>> from geo.gazetteer.building import read_sources
    >>> from geo.matching import Candidate
    >>> folder = Path(tempfile.mkdtemp())
    >>> header = "id,name,kind,lat,lon,uncertainty_km,country,coord_source"
    >>> _ = (folder / "places.csv").write_text(header + "\\nml-a,Aaa,well,16,0,2,ML,survey\\n")
    >>> store, _features = read_sources(folder, bundled=False, osm=False)
    >>> candidates = [Candidate(0, 1.0, "aaa")]
    >>> score(store, candidates, kind_hint="well", near=(16.0, 0.0))
    >>> candidates[0].score, candidates[0].near_km   # 100 + 15 (curated) + 6 (well) + 20 + 0 + 30
    (171.0, 0.0)
    """
    if not candidates:
        return
    idx = np.fromiter((c.index for c in candidates), dtype=np.int64, count=len(candidates))
    near_km = great_circle_km(near[0], near[1], store.lat[idx], store.lon[idx]) if near else None
    population = store.population[idx]
    for i, candidate in enumerate(candidates):
        kind = store.kinds[candidate.index]
        value = 100.0 * candidate.similarity
        value += TIER_BONUS.get(store.tiers[candidate.index], 0.0)
        value += schema.KIND_WEIGHTS.get(kind, 4.0)
        if kind_hint and kind == kind_hint:
            value += KIND_HINT_BONUS
        value += min(2.0 * math.log10(1.0 + float(population[i])), MAX_POPULATION_BONUS)
        if near_km is not None:
            candidate.near_km = float(near_km[i])
            value += NEAR_BONUS * math.exp(-candidate.near_km / NEAR_SCALE_KM)
        candidate.score = round(value, 3)
