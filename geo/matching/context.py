"""The admin context of a query (rule 2): which records an ``admin1``, ``admin2``,
``admin3`` or a name after the comma lets through.

A name is looked up among the areas of its level (then of any level, with a warning),
in the outline valid on the query's dates or in any era's; else among GeoNames' admin
names; for a commune, around the communes and chief towns of that name.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from typing import TYPE_CHECKING

import numpy as np

from .. import schema
from .._store import split_multi
from ..dates import open_day, spans_overlap
from ..measure import great_circle_km
from ..names import admin_key, normalize

if TYPE_CHECKING:
    from .._store import Store
    from ..areas import Areas
    from .index import NameIndex

__all__ = ["COMMUNE_KM", "Context", "ContextResolver"]

# admin3 (a commune): records within this distance of a commune or chief town of that name.
COMMUNE_KM = 25.0


@dataclass(frozen=True)
class Context:
    """One piece of admin context and the records it lets through.

    ``inside(i)`` says whether record ``i`` passes (within the border tolerance of a
    named area); ``strictly_inside(i)``, when the context names areas, whether it lies
    inside without that tolerance. A ``soft`` context (``admin3``) applies only when it
    leaves a candidate.

    Examples
    --------
    >>> context = Context("admin3", "Ber", lambda i: i < 2, soft=True)
    >>> [context.inside(i) for i in range(3)], context.area_ids
    ([True, True, False], frozenset())
    """

    label: str
    value: str
    inside: Callable[[int], bool]
    soft: bool = False  # applied only when it leaves a candidate (admin3)
    strictly_inside: Callable[[int], bool] | None = None  # without the border tolerance
    area_ids: frozenset[str] = frozenset()  # the areas it names, when it names areas


class ContextResolver:
    """Turns a name given as context into a :class:`Context`, over one gazetteer's records.

    Parameters
    ----------
    store : Store
        The gazetteer's records, all tiers.
    index : NameIndex
        Their names (for the communes' seats).
    tag_areas : callable
        Called once before the first containment test: tags the curated and area
        records with the areas that hold them (the file tiers come tagged).
    areas : callable
        Returns the areas' polygons (:class:`geo.areas.Areas`), read on first use.

    Examples
    --------
    A gazetteer of one village, with no area outlines: its GeoNames-style admin names
    are the context.

    >>> import tempfile
    >>> from pathlib import Path
    >>> from geo.gazetteer.building import read_sources
    >>> from geo.matching import NameIndex
    >>> folder = Path(tempfile.mkdtemp())
    >>> header = "id,name,kind,lat,lon,uncertainty_km,country,admin1,coord_source"
    >>> _ = (folder / "places.csv").write_text(header + "\\nml-a,Aaa,village,16,0,2,ML,Gao,survey\\n")
    >>> store, _features = read_sources(folder, bundled=False, osm=False)
    >>> resolver = ContextResolver(store, NameIndex(store), lambda: None, lambda: None)
    >>> warnings = []
    >>> resolver.resolve("admin1", "Gao", None, warnings).inside(0)
    True
    >>> resolver.resolve("admin1", "Kidal", None, warnings), warnings
    (None, ["admin1 'Kidal' is not an area the gazetteer knows; it was ignored"])
    """

    def __init__(
        self, store: Store, index: NameIndex, tag_areas: Callable[[], None], areas: Callable[[], Areas]
    ) -> None:
        self._store = store
        self._index = index
        self._tag_areas = tag_areas
        self._areas = areas
        self._names_by_level: dict[str, set[str]] | None = None

    @cached_property
    def _areas_by_level(self) -> dict[str, dict[str, list[int]]]:
        """The area records by admin level and name key, made on first use (a name looked
        up without a context never needs them)."""
        store = self._store
        by_level: dict[str, dict[str, list[int]]] = {}
        for i, tier in enumerate(store.tiers):
            if tier != schema.AREA:
                continue
            level = schema.ADMIN_LEVEL_OF_KIND.get(store.kinds[i], "other")
            for name in [store.names[i], *split_multi(store.variants[i])]:
                entry = by_level.setdefault(level, {}).setdefault(admin_key(name), [])
                if i not in entry:
                    entry.append(i)
        return by_level

    def prepare(self) -> None:
        """Make now what the first context naming an area makes: the areas by level and
        name, the records tagged with their areas, the outlines read."""
        _ = self._areas_by_level
        self._tag_areas()
        self._areas()

    def _valid_on(self, area: int, on: tuple[date, date] | None) -> bool:
        if on is None:
            return True
        extra = self._store.extra.get(area, {})
        start, end = extra.get(schema.VALID_FROM, ""), extra.get(schema.VALID_TO, "")
        return spans_overlap(open_day(start), open_day(end), on[0], on[1])

    def _areas_named(self, key: str, level: str | None, on: tuple[date, date] | None) -> list[int]:
        levels = [level] if level else list(self._areas_by_level)
        found = [a for lv in levels for a in self._areas_by_level.get(lv, {}).get(key, ())]
        valid = [a for a in found if self._valid_on(a, on)]
        return valid or found  # a name used outside its outline's dates: any era's

    def _admin_names(self, level: str) -> set[str]:
        if self._names_by_level is None:
            store = self._store
            self._names_by_level = {
                "admin1": {admin_key(n) for n in set(store.admin1) if n},
                "admin2": {admin_key(n) for n in set(store.admin2) if n},
            }
        return self._names_by_level.get(level, set())

    def resolve(self, label: str, value: str, on: tuple[date, date] | None, warnings: list[str]) -> Context | None:
        """The filter for one piece of context (``admin1``... or ``context`` after a comma).

        ``None``, with a warning appended to ``warnings``, for a name the gazetteer does
        not know as an area.
        """
        key = admin_key(value)
        level = label if label in schema.ADMIN_LEVELS else None
        areas = self._areas_named(key, level, on)
        if not areas and level is not None:
            areas = self._areas_named(key, None, on)
            if areas:
                kinds = sorted({self._store.kinds[a] for a in areas})
                warnings.append(
                    f"{label} {value!r} is not a {schema.ADMIN_LEVELS[level]} the gazetteer knows; "
                    f"it was used as the {' or '.join(kinds)} of that name"
                )
        store = self._store
        if areas:
            self._tag_areas()
            ids = frozenset(store.ids[a] for a in areas)

            def inside(i: int) -> bool:
                return not ids.isdisjoint(split_multi(store.areas[i]))

            def strictly_inside(i: int) -> bool:
                return self._areas().covers(ids, float(store.lat[i]), float(store.lon[i]))

            return Context(label, value, inside, strictly_inside=strictly_inside, area_ids=ids)
        if level in ("admin1", "admin2") and key in self._admin_names(level):
            column = store.admin1 if level == "admin1" else store.admin2

            def named(i: int) -> bool:
                return admin_key(column[i]) == key

            return Context(label, value, named)
        if level == "admin3":
            seats = [i for i in self._index.exact(normalize(value)) if store.kinds[i] in schema.COMMUNE_SEAT_KINDS]
            if seats:
                idx = np.array(seats)

                def near_seat(i: int) -> bool:
                    d = great_circle_km(store.lat[i], store.lon[i], store.lat[idx], store.lon[idx])
                    return bool((d <= COMMUNE_KM).any())

                return Context(label, value, near_seat, soft=True)
        warnings.append(f"{label} {value!r} is not an area the gazetteer knows; it was ignored")
        return None
