"""The map's places: the labels (which places, in which order) and the boundaries under everything.

Split from :mod:`geo.render.web`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .. import schema
from .shapes import geometry_json
from .style import LAND

if TYPE_CHECKING:
    from collections.abc import Sequence

    import pandas
    from shapely import Point
    from shapely.geometry.base import BaseGeometry

    from ..gazetteer import Gazetteer
    from ..place import Place

__all__ = [
    "INCIDENT_LABEL_RANK",
    "LABEL_RANK",
    "MAX_OTHER_LABELS",
    "base_places",
    "boundary_features",
    "labelled_places",
    "place_counts",
    "place_features",
]

#: Label priority by the gazetteer's kinds: national capitals, then ``city`` (the gazetteer's
#: regional capitals and large towns), then ``town`` (cercle seats and other towns); places
#: with incidents come after them, the most frequent first. The page shows labels greedily in
#: this order and hides any that would overlap one already shown.
LABEL_RANK = {"capital": 0, "city": 1, "town": 2}
INCIDENT_LABEL_RANK = 3
MAX_OTHER_LABELS = 100  # labels for places outside the curated tier, the most frequent first


def place_counts(incidents: pandas.DataFrame) -> dict[str, int]:
    """How many of ``incidents`` (a frame) happened at each place.

    Examples
    --------
    >>> import pandas as pd
    >>> dict(place_counts(pd.DataFrame({"place": ["ml-gao", "ml-kidal", "ml-gao", ""]})))
    {'ml-gao': 2, 'ml-kidal': 1}
    """
    from collections import Counter

    return Counter(place for place in incidents[schema.PLACE] if place)


def labelled_places(counts: dict[str, int], gazetteer: Gazetteer) -> set[str]:
    """The incidents' places to label: every curated one, and the most frequent others."""
    ranked = sorted(counts, key=lambda p: (-counts[p], p))
    curated = {p for p in ranked if gazetteer.place(p).tier == schema.CURATED}
    others = [p for p in ranked if p not in curated][:MAX_OTHER_LABELS]
    return curated | set(others)


def base_places(
    gazetteer: Gazetteer, extent: BaseGeometry | None, south_west_north_east: Sequence[Sequence[float]]
) -> set[str]:
    """The towns labelled whatever happened there: curated capitals, cities and towns in the view."""
    (south, west), (north, east) = south_west_north_east
    pad_lat, pad_lon = (north - south) * 0.1, (east - west) * 0.1
    wanted: set[str] = set()
    for place in gazetteer.places(tier=schema.CURATED):
        if place.kind not in LABEL_RANK:
            continue
        if extent is not None:
            if not extent.covers(_point(place.lon, place.lat)):
                continue
        elif not (south - pad_lat <= place.lat <= north + pad_lat and west - pad_lon <= place.lon <= east + pad_lon):
            continue
        wanted.add(place.id)
    return wanted


def _label_rank(place: Place) -> int:
    return LABEL_RANK.get(place.kind, INCIDENT_LABEL_RANK) if place.tier == schema.CURATED else INCIDENT_LABEL_RANK


def place_features(
    wanted: set[str], gazetteer: Gazetteer, extent: BaseGeometry | None, counts: dict[str, int]
) -> list[dict[str, Any]]:
    """Labels, in the order the page shows them: by rank (:data:`LABEL_RANK`), then by incidents."""
    places = [gazetteer.place(p) for p in wanted]
    places.sort(key=lambda p: (_label_rank(p), -counts.get(p.id, 0), p.name, p.id))
    features = []
    for place in places:
        if place.tier == schema.AREA or (extent is not None and not extent.covers(_point(place.lon, place.lat))):
            continue
        features.append(
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [round(place.lon, 5), round(place.lat, 5)]},
                "properties": {
                    "label": place.name,
                    "rank": _label_rank(place),
                    "incidents": counts.get(place.id, 0),
                    "style": {"radius": 2.5, "color": "#222", "weight": 1, "fillColor": "#fff", "fillOpacity": 1},
                    "popup": {
                        "title": place.name,
                        "rows": [
                            ["id", place.id],
                            ["kind", place.kind],
                            ["located within", f"{place.uncertainty_km:g} km"],
                            ["address", place.address],
                        ],
                    },
                },
            }
        )
    return features


def _point(lon: float, lat: float) -> Point:
    import shapely

    return shapely.Point(lon, lat)


def boundary_features(gazetteer: Gazetteer) -> list[dict[str, Any]]:
    """The base of every Leaflet page (the map, the review page): today's countries, filled
    with land, under their regions, as GeoJSON features with their style."""
    features: list[dict[str, Any]] = []
    for props, geometry in zip(gazetteer.areas.properties, gazetteer.areas.geometries, strict=True):
        kind = props.get(schema.KIND)
        if kind not in ("country", "region") or props.get(schema.VALID_TO):
            continue
        country = kind == "country"
        style = {
            "color": "#555" if country else "#999",
            "weight": 1.4 if country else 0.6,
            "fillColor": LAND,
            "fillOpacity": 0.9 if country else 0,
            "interactive": False,
        }
        features.append(
            {
                "type": "Feature",
                "geometry": geometry_json(geometry),
                "properties": {"style": style, "tooltip": props.get(schema.NAME, "")},
            }
        )
    features.sort(key=lambda f: -f["properties"]["style"]["fillOpacity"])  # countries under regions
    return features
