"""Building a gazetteer from its source files: reading each tier, and hiding the GeoNames
and OpenStreetMap records that are a curated place or an area over again.

What a load-ready file bakes in (:mod:`geo._ready`): a gazetteer read from it skips both.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np

from .. import schema
from .._store import Store, add_areas, read_area_properties, read_curated, read_osm_tier, read_reference, split_multi
from ..matching import NameIndex
from ..measure import great_circle_km

__all__ = ["DUPLICATE_MARGIN_KM", "hide_duplicates", "read_sources"]

# A GeoNames or OSM record that shares a name with a curated place and lies within the
# curated place's uncertainty plus this margin is the same place: it is hidden.
DUPLICATE_MARGIN_KM = 5.0


def read_sources(path: Path, *, bundled: bool, osm: bool) -> tuple[Store, list[dict[str, Any]]]:
    """Read and check the source files of the gazetteer folder ``path`` (the way without a
    load-ready file): the records, frozen, and the areas' properties.

    ``bundled`` (the package's own folder, which has them all) reads every tier;
    otherwise a tier whose file is absent is left out. ``osm=False`` leaves the
    OpenStreetMap tier out.

    Examples
    --------
    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> header = "id,name,kind,lat,lon,uncertainty_km,country,coord_source"
    >>> _ = (folder / "places.csv").write_text(header + "\\nml-a,Aaa,village,15,0,2,ML,survey\\n")
    >>> store, features = read_sources(folder, bundled=False, osm=True)
    >>> len(store), store.ids[0], features
    (1, 'ml-a', [])
    """
    store = Store()
    read_curated(path / "places.csv", store)
    area_features: list[dict[str, Any]] = []
    if bundled or (path / "areas.geojson").exists():
        area_features = read_area_properties(path / "areas.geojson")
        add_areas(area_features, store)
    if bundled or (path / "reference" / "geonames.cols.gz").exists():
        read_reference(path / "reference" / "geonames.cols.gz", store)
    if osm and (bundled or (path / "reference" / "osm.cols.gz").exists()):
        read_osm_tier(path / "reference" / "osm.cols.gz", store)
    store.freeze()
    return store, area_features


def hide_duplicates(store: Store, index: NameIndex) -> np.ndarray:
    """Hide GeoNames and OSM records that are a curated place or an area over again:
    the records still shown (a mask), the hidden ones taken out of ``index``.

    A GeoNames record is hidden when a curated place names its GeoNames id; a
    GeoNames or OSM record when it shares a name with a curated place (or, for
    admin records, an area) and lies within that record's uncertainty plus
    :data:`DUPLICATE_MARGIN_KM`. A curated place without a population of its own
    takes its GeoNames record's (``store`` is changed in place).

    Examples
    --------
    >>> import tempfile
    >>> from pathlib import Path
    >>> from geo.matching import NameIndex
    >>> folder = Path(tempfile.mkdtemp())
    >>> header = "id,name,kind,lat,lon,uncertainty_km,country,coord_source"
    >>> _ = (folder / "places.csv").write_text(header + "\\nml-a,Aaa,village,15,0,2,ML,survey\\n")
    >>> store, features = read_sources(folder, bundled=False, osm=False)
    >>> hide_duplicates(store, NameIndex(store)).tolist()
    [True]
    """
    active = np.ones(len(store), dtype=bool)
    first_reference = next((i for i, t in enumerate(store.tiers) if t in schema.FILE_TIERS), len(store))
    # Only the GeoNames ids that curated places name are looked up: map those alone.
    named = {gid for i in range(first_reference) for gid in split_multi(store.geonames_ids[i])}
    reference_by_gid = {
        gid: first_reference + offset for offset, gid in enumerate(store.geonames_ids[first_reference:]) if gid in named
    }
    hidden: set[int] = set()
    for i in range(first_reference):
        for gid in split_multi(store.geonames_ids[i]):
            if gid in reference_by_gid:
                hidden.add(reference_by_gid[gid])
        same_name = sorted(
            {
                j
                for key in store.keys[i].split(schema.MULTI_SEPARATOR)
                for j in index.exact(key)
                if store.tiers[j] in schema.FILE_TIERS
            }
        )
        if not same_name:
            continue
        idx = np.array(same_name)
        distances = great_circle_km(store.lat[i], store.lon[i], store.lat[idx], store.lon[idx])
        is_area = store.tiers[i] == schema.AREA
        for j, d in zip(same_name, distances, strict=True):
            if d > store.uncertainty_km[i] + DUPLICATE_MARGIN_KM:
                continue
            if is_area and store.kinds[j] not in schema.AREA_KINDS:
                continue  # a town inside a region is not the region
            hidden.add(j)
    for j in hidden:
        active[j] = False
        index.remove(j)
    # A curated place without a population of its own takes its GeoNames record's.
    for i in range(first_reference):
        if not store.population[i]:
            for gid in split_multi(store.geonames_ids[i]):
                ref = reference_by_gid.get(gid)
                if ref is not None and store.population[ref]:
                    store.population[i] = store.population[ref]
                    break
    return active
