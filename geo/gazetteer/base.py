"""The gazetteer's records: one :class:`~geo.place.Place` per record, looked up by id,
listed by tier, and tagged with the areas that hold it.

:class:`GazetteerBase` holds what every part of :class:`~geo.gazetteer.Gazetteer` reads
(the records, the name index, which records are shown); the look-up, the listing and
the measuring build on it (:mod:`geo.gazetteer.lookup`, :mod:`~geo.gazetteer.nearby`,
:mod:`~geo.gazetteer.measuring`).
"""

from __future__ import annotations

from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from .. import schema
from .._store import Store, split_multi
from ..errors import PlaceNotFoundError
from ..matching import NameIndex
from ..names import normalize
from ..place import Place
from .building import hide_duplicates

if TYPE_CHECKING:
    from collections.abc import Callable

    from shapely.geometry.base import BaseGeometry

    from .._ready import Ready, ReadyParts
    from ..areas import Areas

__all__ = ["FILE_TIER_SOURCES", "GazetteerBase"]

# The source named by the records of the tiers read from files.
FILE_TIER_SOURCES = {schema.REFERENCE: "GeoNames", schema.OSM: "OpenStreetMap"}


class GazetteerBase:
    """The records of a gazetteer, and the areas that hold them (see :class:`~geo.gazetteer.Gazetteer`).

    Its underscored attributes (``_store``, ``_index``, ``_active``...) are the state of
    one gazetteer, shared with the classes of this package that build on it, and with
    nothing outside the package.

    Examples
    --------
    >>> from geo import Gazetteer
    >>> gazetteer = Gazetteer.load()
    >>> isinstance(gazetteer, GazetteerBase), gazetteer.place("ml-menaka").name
    (True, 'Ménaka')
    """

    def __init__(
        self, store: Store, area_features: list[dict[str, Any]], directory: Path, *, ready: Ready | None = None
    ) -> None:
        self._store = store
        self._area_features = area_features
        self.directory = directory
        self._index = NameIndex(store)
        self._ready_areas: Callable[[], Areas] | None = None  # the outlines, read from the load-ready file
        #: The load-ready file this gazetteer was read from (beside its sources, or in the
        #: cache: :func:`geo._ready.cache_dir`); ``None`` when it was read from the sources.
        self.ready_file: Path | None = None if ready is None else ready.path
        if ready is None:
            self._active = hide_duplicates(store, self._index)
            self._tagged = False
        else:  # duplicates hidden, populations taken and areas tagged at build time
            self._active = np.ones(len(store), dtype=bool)
            self._active[ready.hidden] = False
            for j in ready.hidden.tolist():
                self._index.remove(j)
            self._ready_areas = ready.areas
            self._tagged = True
        self._made: dict[int, Place] = {}
        #: How :meth:`~geo.gazetteer.Gazetteer.load` loaded it (the folder and ``osm``), so
        #: that another process can load the same; ``None`` when it was made otherwise.
        self.loaded_from: tuple[Path, bool] | None = None

    def __len__(self) -> int:
        return int(self._active.sum())

    @cached_property
    def _by_id(self) -> dict[str, int]:
        """Record number by id, made on first use (a lookup by name does not need it)."""
        return {record_id: i for i, record_id in enumerate(self._store.ids)}

    # --- records --------------------------------------------------------------------
    def place(self, place_id: str) -> Place:
        """The record with id ``place_id`` (``ml-menaka``, ``ml-region-menaka``, ``gn-2457161``).

        Raises :class:`~geo.errors.PlaceNotFoundError` for an unknown id.
        """
        index = self._by_id.get(place_id)
        if index is None:
            raise PlaceNotFoundError(f"no place has the id {place_id!r}", query=place_id)
        return self._place(index)

    def __contains__(self, place_id: object) -> bool:
        """Whether a record has the id ``place_id`` (a set look-up; no Place is made).

        Examples
        --------
        >>> from geo import Gazetteer
        >>> gazetteer = Gazetteer.load()
        >>> "ml-menaka" in gazetteer, "ml-atlantis" in gazetteer
        (True, False)
        """
        return place_id in self._by_id

    def _place(self, i: int) -> Place:
        """The Place of record ``i``, made once (a Place is immutable)."""
        made = self._made.get(i)
        if made is None:
            made = self._made[i] = self._make_place(i)
        return made

    def _make_place(self, i: int) -> Place:
        s = self._store
        extra = s.extra.get(i, {})
        admin1, admin2 = s.admin1[i], s.admin2[i]
        if s.tiers[i] == schema.OSM:
            admin1, admin2 = self._admin_names_of(s.areas[i])
        return Place(
            id=s.ids[i],
            name=s.names[i],
            kind=s.kinds[i],
            lat=float(s.lat[i]),
            lon=float(s.lon[i]),
            uncertainty_km=float(s.uncertainty_km[i]),
            country=s.countries[i],
            tier=s.tiers[i],
            admin1=admin1,
            admin2=admin2,
            variants=split_multi(s.variants[i]),
            geonames_id=s.geonames_ids[i],
            population=int(s.population[i]),
            coord_source=extra.get(schema.COORD_SOURCE, FILE_TIER_SOURCES.get(s.tiers[i], "")),
            cited_in=split_multi(extra.get(schema.CITED_IN, "")),
            note=extra.get(schema.NOTE, ""),
            areas=split_multi(s.areas[i]),
        )

    @cached_property
    def _current_admin_names(self) -> dict[str, tuple[str, str]]:
        """Today's regions, cercles and provinces: area id -> (admin level, plain name)."""
        s = self._store
        found = {}
        for i, tier in enumerate(s.tiers):
            level = schema.ADMIN_LEVEL_OF_KIND.get(s.kinds[i]) if tier == schema.AREA else None
            if level in ("admin1", "admin2") and not s.extra.get(i, {}).get(schema.VALID_TO):
                name = s.names[i]
                for word in (" Region", " Cercle", " Province"):
                    name = name.removesuffix(word)
                found[s.ids[i]] = (level, name)
        return found

    def _admin_names_of(self, area_ids: str) -> tuple[str, str]:
        """The admin1 and admin2 names of today's areas among ``area_ids`` (for OSM records)."""
        names = {"admin1": "", "admin2": ""}
        for area_id in split_multi(area_ids):
            level, name = self._current_admin_names.get(area_id, ("", ""))
            if level and not names[level]:
                names[level] = name
        return names["admin1"], names["admin2"]

    def places(self, *, tier: str | None = None) -> list[Place]:
        """Every active record, optionally of one tier (``curated``, ``area``, ``reference``, ``osm``)."""
        return [
            self._place(i)
            for i in range(len(self._store))
            if self._active[i] and (tier is None or self._store.tiers[i] == tier)
        ]

    @cached_property
    def areas(self) -> Areas:
        """The area polygons (read on first use)."""
        if self._ready_areas is not None:
            return self._ready_areas()
        from ..areas import Areas

        return Areas.from_features(self._area_features)

    def _ready_parts(self) -> ReadyParts:
        """What the load-ready file of this gazetteer (read from its sources) is made of."""
        from .._ready import ReadyParts

        self._ensure_area_tags()
        geometries: np.ndarray | list[BaseGeometry] = self.areas.geometries if self._area_features else []
        return ReadyParts(self._store, self._area_features, geometries, np.flatnonzero(~self._active))

    def _ensure_area_tags(self) -> None:
        """Tag curated and area records with the areas that hold them (once)."""
        if self._tagged:
            return
        self._tagged = True
        self._made.clear()  # the places made so far lack their area tags
        s = self._store
        if not self._area_features:
            return
        todo = [i for i, tier in enumerate(s.tiers) if tier not in schema.FILE_TIERS]  # those come tagged
        tags = self.areas.tag(s.lat[todo], s.lon[todo])
        for i, ids in zip(todo, tags, strict=True):
            own = [s.ids[i]] if s.tiers[i] == schema.AREA else []
            s.areas[i] = schema.MULTI_SEPARATOR.join(sorted(set(own + ids)))

    def validity(self, place_id: str) -> tuple[str, str]:
        """The first and last day (ISO text, or ``""`` when open) of an area's outline.

        Areas whose boundaries changed (Mali's 2016 and 2023 reforms) have one record
        per outline; every other record is valid throughout: ``("", "")``.

        Examples
        --------
        >>> from geo import Gazetteer
        >>> Gazetteer.load().validity("ml-region-gao-pre2016")
        ('', '2016-01-18')
        """
        index = self._by_id.get(place_id)
        if index is None:
            raise PlaceNotFoundError(f"no place has the id {place_id!r}", query=place_id)
        extra = self._store.extra.get(index, {})
        return extra.get(schema.VALID_FROM, ""), extra.get(schema.VALID_TO, "")

    def name_tiers(self, name: str) -> frozenset[str]:
        """The tiers (``curated``, ``area``, ``reference``) of the records called ``name``.

        Exact names and variants only, after :func:`~geo.names.normalize`; empty when
        no record has this name. Cheap: no scoring, no fuzzy search.

        Examples
        --------
        >>> from geo import Gazetteer
        >>> gazetteer = Gazetteer.load()
        >>> sorted(gazetteer.name_tiers("Ménaka"))
        ['area', 'curated']
        >>> gazetteer.name_tiers("Atlantis")
        frozenset()
        """
        key = normalize(name)
        if not key:
            return frozenset()
        return frozenset(self._store.tiers[i] for i in self._index.exact(key))
