"""Which records a map, figure or report shows: its actors, its extent (a bounding box
or an area of the gazetteer), and the incidents and zones whose dates meet its range.

Every renderer selects with these functions, so that the web map, the snapshot and the
report of the same arguments show the same records.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from .. import schema
from ..errors import InputError

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    import geopandas
    from shapely import Point
    from shapely.geometry.base import BaseGeometry

    from ..gazetteer import Gazetteer
    from ..place import Place
    from ..records import Records

__all__ = [
    "check_range",
    "cited_sources",
    "in_range",
    "map_extent",
    "select_actors",
    "select_incident_frame",
    "select_incidents",
    "shown_places",
    "view_bounds",
]

MALI = (-12.5, 10.0, 4.5, 25.0)  # west, south, east, north: the view when nothing limits it


def select_actors(records: Records, actors: list[str] | None) -> list[str] | None:
    """The ids of ``actors`` (ids or names; an unknown one is an error), ``None`` for every actor."""
    return [records.actors.require(a) for a in actors] if actors else None


def check_range(start: dt.date | None, end: dt.date | None) -> None:
    """Refuse a range that ends before it starts."""
    if start and end and end < start:
        raise InputError(f"the range ends ({end}) before it starts ({start}); swap the two dates")


def map_extent(
    gazetteer: Gazetteer, *, bbox: tuple[float, float, float, float] | None, area: str | None
) -> BaseGeometry | None:
    """The extent asked for as a shapely geometry: ``bbox`` (west, south, east, north), or the
    outline of ``area`` (an area of the gazetteer, by id or name); ``None`` for no limit."""
    import shapely

    if bbox is not None:
        west, south, east, north = bbox
        if not (-180 <= west < east <= 180 and -90 <= south < north <= 90):
            raise InputError(
                f"bounding box {bbox!r}: give west,south,east,north in degrees, west < east, south < north"
            )
        return shapely.box(west, south, east, north)
    if area is not None:
        from ..errors import PlaceNotFoundError

        try:
            place = gazetteer.place(area)
        except PlaceNotFoundError:
            place = gazetteer.resolve(area)
        if place.tier != schema.AREA:
            raise InputError(f"{area!r} is the {place.kind} {place.name} [{place.id}], not an area; give an area id")
        return gazetteer.areas.geometry(place.id)
    return None


def in_range(first: dt.date | None, last: dt.date | None, start: dt.date | None, end: dt.date | None) -> bool:
    """Whether the dates ``first``..``last`` meet the range ``start``..``end`` (open sides meet everything).

    Examples
    --------
    >>> d = dt.date
    >>> in_range(d(2022, 1, 1), d(2022, 3, 1), d(2022, 2, 1), None), in_range(None, d(2021, 1, 1), d(2022, 1, 1), None)
    (True, False)
    """
    return (start is None or last is None or last >= start) and (end is None or first is None or first <= end)


def select_incident_frame(
    records: Records,
    actor_ids: list[str] | None,
    start: dt.date | None,
    end: dt.date | None,
    extent: BaseGeometry | None,
) -> geopandas.GeoDataFrame:
    """The incidents of :func:`select_incidents` as a (Geo)DataFrame, in the same order: the
    rows whose dates meet the range, with one of ``actor_ids`` (any actor when ``None``),
    inside ``extent`` (anywhere when ``None``), by start date and id.

    Selected column by column (no row objects), so that maps of 100,000 incidents stay fast.

    Examples
    --------
    >>> from geo.records import load_records
    >>> records = load_records()
    >>> chosen = select_incident_frame(records, ["isgs"], dt.date(2022, 3, 1), dt.date(2022, 3, 31), None)
    >>> pairs = select_incidents(records, ["isgs"], dt.date(2022, 3, 1), dt.date(2022, 3, 31), None)
    >>> [row["id"] for row, _ in pairs] == chosen["id"].tolist() and len(chosen) > 0
    True
    """
    import numpy as np

    frame = records.incidents
    keep = np.ones(len(frame), dtype=bool)
    if start is not None:
        keep &= np.fromiter((last is None or last >= start for last in frame[schema.END]), bool, len(frame))
    if end is not None:
        keep &= np.fromiter((first is None or first <= end for first in frame[schema.START]), bool, len(frame))
    if actor_ids:
        wanted = set(actor_ids)
        keep &= np.fromiter((not wanted.isdisjoint(a) for a in frame[schema.ACTORS]), bool, len(frame))
    if extent is not None:
        import shapely

        keep &= shapely.intersects(extent, np.asarray(frame.geometry.values, dtype=object))
    rows = np.flatnonzero(keep)
    firsts = [first or dt.date.min for first in frame[schema.START].to_numpy()[rows].tolist()]
    ids = frame[schema.ID].to_numpy()[rows].tolist()
    order = [i for _, _, i in sorted(zip(firsts, ids, range(len(rows))))]
    return frame.iloc[rows[order]]  # one copy, in date order


def select_incidents(
    records: Records,
    actor_ids: list[str] | None,
    start: dt.date | None,
    end: dt.date | None,
    extent: BaseGeometry | None,
) -> list[tuple[dict[str, Any], Point]]:
    """The incidents (row, point) whose dates meet the range, with one of ``actor_ids``
    (any actor when ``None``), inside ``extent`` (anywhere when ``None``), by start date and id."""
    frame = select_incident_frame(records, actor_ids, start, end, extent)
    return list(zip(frame.to_dict("records"), frame.geometry, strict=True))


def shown_places(gazetteer: Gazetteer, place_ids: Iterable[str]) -> list[Place]:
    """The places of ``place_ids`` that the gazetteer knows, by id: what an output credits
    (:mod:`geo.render.credits`) for the zones and incidents it shows."""
    from ..errors import PlaceNotFoundError

    places = []
    for place_id in sorted(set(place_ids)):
        try:
            places.append(gazetteer.place(place_id))
        except PlaceNotFoundError:
            continue
    return places


def cited_sources(records: Records, incidents: Iterable[dict[str, Any]], supporting: Iterable[str]) -> set[str]:
    """The ids of the sources behind what an output shows: those of the ``incidents`` (rows),
    and those of the claims and incidents whose ids are in ``supporting`` (the records of
    the zones shown)."""
    cited: set[str] = set()
    for row in incidents:
        cited.update(row[schema.SOURCES])
    supporting = set(supporting)
    for frame in (records.claims, records.incidents):
        for record_id, sources in zip(frame[schema.ID], frame[schema.SOURCES], strict=True):
            if record_id in supporting:
                cited.update(sources)
    return cited


def view_bounds(extent: BaseGeometry | None, shapes: Sequence[BaseGeometry]) -> tuple[float, float, float, float]:
    """West, south, east and north of the view: the extent asked for, else the bounds of the
    ``shapes`` drawn, else Mali (:data:`MALI`)."""
    import shapely

    if extent is not None:
        west, south, east, north = (float(v) for v in extent.bounds)
        return west, south, east, north
    if shapes:
        west, south, east, north = (float(v) for v in shapely.total_bounds(shapes))
        return west, south, east, north
    return MALI
