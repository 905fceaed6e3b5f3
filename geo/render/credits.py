"""Who to credit for the data a map, figure or report shows.

Every output that draws places and boundaries carries the same credits, written here
once: the boundaries (:data:`BOUNDARIES`), the places (:func:`places_credit`) and a
records line that each output words for itself (popups, a list of sources...).

The places line always credits GeoNames (CC BY 4.0) and the curated gazetteer. It
credits OpenStreetMap too — "© OpenStreetMap contributors (ODbL)", as the Open
Database Licence 1.0 asks — when at least one place the output shows comes from
OpenStreetMap: a place of the OSM tier (``osm-<node id>``), or a curated or area
place whose point was taken from an OSM node (its ``coord_source`` starts with
``osm`` or ``OpenStreetMap``). An output that shows no such place does not name OpenStreetMap for its
places. The online tile layer of the interactive maps credits OpenStreetMap on its
own (:data:`geo.render.web.TILES`); that credit is about the tiles, not the places.

Examples
--------
>>> from geo.place import Place
>>> menaka = Place("ml-menaka", "Ménaka", "town", 15.92, 2.40, 2.0, "ML", "curated", coord_source="geonames")
>>> talataye = Place("ml-talataye", "Talataye", "village", 16.5, 1.5, 3.0, "ML", "curated", coord_source="osm")
>>> print("\\n".join(attribution([menaka], "Records: cited sources")))
Places: GeoNames (CC BY 4.0), curated gazetteer
Boundaries: OCHA COD-AB, Natural Earth
Records: cited sources
>>> places_credit([menaka, talataye])
'Places: GeoNames (CC BY 4.0), © OpenStreetMap contributors (ODbL), curated gazetteer'
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from .. import schema

if TYPE_CHECKING:
    from ..place import Place

__all__ = [
    "BOUNDARIES",
    "CURATED",
    "GEONAMES",
    "OSM",
    "attribution",
    "from_osm",
    "places_credit",
]

BOUNDARIES = "Boundaries: OCHA COD-AB, Natural Earth"
GEONAMES = "GeoNames (CC BY 4.0)"
OSM = "© OpenStreetMap contributors (ODbL)"
CURATED = "curated gazetteer"
OSM_COORD_SOURCES = ("osm", "openstreetmap")  # how a coord_source names a point taken from OSM (lower case)


def from_osm(place: Place) -> bool:
    """Whether ``place`` (its record or its point) comes from OpenStreetMap.

    True for a place of the OSM tier, and for a curated or area place whose
    ``coord_source`` starts with ``osm`` or ``openstreetmap`` (any case); false
    otherwise, GeoNames places included.

    Parameters
    ----------
    place : Place
        A place of the gazetteer.

    Returns
    -------
    bool
        True when showing the place calls for the OpenStreetMap credit.

    Examples
    --------
    >>> from geo.place import Place
    >>> from_osm(Place("osm-2555339078", "Talataye", "village", 16.5, 1.5, 3.0, "ML", "osm"))
    True
    >>> from_osm(Place("ml-talataye", "Talataye", "village", 16.5, 1.5, 3.0, "ML", "curated", coord_source="OSM node"))
    True
    >>> from_osm(Place("ml-menaka", "Ménaka", "town", 15.9, 2.4, 2.0, "ML", "curated", coord_source="geonames"))
    False
    """
    if place.tier == schema.OSM:
        return True
    if place.tier in (schema.CURATED, schema.AREA):
        return (place.coord_source or "").strip().lower().startswith(OSM_COORD_SOURCES)
    return False


def places_credit(places: Iterable[Place]) -> str:
    """The places line of an attribution, for the ``places`` an output shows.

    Parameters
    ----------
    places : iterable of Place
        Every place the map, figure or report shows (drawn, labelled or listed).

    Returns
    -------
    str
        ``"Places: GeoNames (CC BY 4.0), curated gazetteer"``, with
        ``"© OpenStreetMap contributors (ODbL)"`` after GeoNames when any of
        ``places`` comes from OpenStreetMap (:func:`from_osm`).

    Examples
    --------
    >>> from geo.place import Place
    >>> places_credit([])
    'Places: GeoNames (CC BY 4.0), curated gazetteer'
    >>> places_credit([Place("osm-1", "Tin", "hamlet", 16.0, 1.0, 3.0, "ML", "osm")])
    'Places: GeoNames (CC BY 4.0), © OpenStreetMap contributors (ODbL), curated gazetteer'
    """
    credited = [GEONAMES, OSM, CURATED] if any(from_osm(place) for place in places) else [GEONAMES, CURATED]
    return "Places: " + ", ".join(credited)


def attribution(places: Iterable[Place], records: str) -> tuple[str, str, str]:
    """The attribution lines of an output: its places, the boundaries, and ``records``.

    Parameters
    ----------
    places : iterable of Place
        Every place the output shows (see :func:`places_credit`).
    records : str
        The output's own records line, e.g. ``"Records: cited sources (popups)"``.

    Returns
    -------
    tuple of str
        ``(places line, BOUNDARIES, records)``.

    Examples
    --------
    >>> attribution([], "Records: the sources cited above")[1:]
    ('Boundaries: OCHA COD-AB, Natural Earth', 'Records: the sources cited above')
    """
    return (places_credit(places), BOUNDARIES, records)
