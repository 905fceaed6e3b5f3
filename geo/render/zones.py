"""The map's timed polygon layers: every actor's influence zones, and the intensity choropleth.

Split from :mod:`geo.render.web`; their polygons are written once by :func:`geo.render.shapes.share_shapes`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .. import schema
from .lookups import Lookups, hatch_id, iso, listing
from .select import in_range
from .style import CERTAINTY_TEXT, FADED_DASH, FADED_FILL, FADED_OUTLINE, ZONE_ORDER, death_count

if TYPE_CHECKING:
    import datetime as dt

    from shapely.geometry.base import BaseGeometry

    from ..gazetteer import Gazetteer
    from ..influence import Influence
    from ..records import Records

__all__ = ["INTENSITY_BREAKS", "INTENSITY_COLOURS", "intensity_features", "zone_features"]

INTENSITY_COLOURS = ("#ffffb2", "#fecc5c", "#fd8d3c", "#f03b20", "#bd0026")
INTENSITY_BREAKS = (1, 2, 5, 10, 25)  # incidents per cell and month: lower bounds of the classes


def zone_features(
    influence: Influence,
    actor_ids: list[str] | None,
    start: dt.date | None,
    end: dt.date | None,
    extent: BaseGeometry | None,
    lookups: Lookups,
    *,
    every: str | None,
    shown: list[BaseGeometry],
    activity: bool,
) -> list[dict[str, Any]]:
    """The zones layer's features: ``influence``'s zones of ``actor_ids`` that meet the range
    and ``extent``, in drawing order, styled by zone, tier and certainty (their geometries
    are appended to ``shown``, for the initial view). Drawn by :func:`geo.render.web.build_map`.
    """
    from ..influence import CERTAIN, CERTAINTY, CERTAINTY_RANK, LAST_CONFIRMED, RULE, STALE

    frame = influence.layer(actor_ids, by_tier=True, every=every, start=start, end=end, activity=activity)
    features = []
    order = {zone: i for i, zone in enumerate(ZONE_ORDER)}
    ordered = sorted(
        zip(frame.to_dict("records"), frame.geometry, strict=True),
        key=lambda pair: (
            order[pair[0][schema.ZONE]],
            pair[0][schema.ACTOR],
            pair[0][schema.START],
            -CERTAINTY_RANK.get(pair[0][CERTAINTY], 0),  # faded parts below the certain ones
            str(pair[0][schema.TIER]),
        ),
    )
    for row, geometry in ordered:
        if not in_range(row[schema.START], row[schema.END], start, end):
            continue
        if extent is not None and not geometry.intersects(extent):
            continue
        actor, zone = row[schema.ACTOR], row[schema.ZONE]
        shown.append(geometry)
        tier = row[schema.TIER] if isinstance(row[schema.TIER], str) else None
        certainty = row[CERTAINTY] or CERTAIN
        confirmed = iso(row[LAST_CONFIRMED])
        colour = lookups.colour(actor)
        style: dict[str, Any] = {"color": colour, "fillColor": colour, "weight": 2, "opacity": 0.9, "fillOpacity": 0.3}
        if zone == "contested":
            style.update(fillOpacity=1.0, className=hatch_id(actor))
        elif zone == "influence":
            style.update(fillOpacity=0.12, weight=1)
        elif zone == "activity":
            style.update(fill=False, weight=2, dashArray="2 5")
        if zone != "activity":
            style["dashArray"] = None if tier == "assessed" else "6 4"
        faded = certainty != CERTAIN
        if faded:
            style.update(
                fillOpacity=round(style["fillOpacity"] * FADED_FILL, 3), opacity=FADED_OUTLINE, dashArray=FADED_DASH
            )
        words = CERTAINTY_TEXT.get(certainty, certainty)
        name = lookups.name(actor)
        note = None
        if certainty == STALE:
            note = f"Stale: last confirmed on {confirmed}; no newer record of it since. Shown faded."
        elif faded:
            note = "Possibly ended: the record gives its end as a span; solid until the first day of it, faded after."
        features.append(
            {
                "type": "Feature",
                "geometry": geometry,  # simplified and written once by share_shapes
                "properties": {
                    "id": f"{actor}/{zone}/{tier or 'incidents'}/{iso(row[schema.START])}"
                    + (f"/{certainty}" if faded else ""),
                    "start": iso(row[schema.START]),
                    "end": iso(row[schema.END]),
                    "places": list(row[schema.PLACES]),
                    "certainty": certainty,
                    "style": style,
                    "tooltip": f"{name}: {zone}" + (f" ({words})" if faded else ""),
                    "popup": {
                        "title": f"{name}: {zone} zone" + (f", {words}" if faded else ""),
                        "rows": [
                            ["from", iso(row[schema.START])],
                            ["to", iso(row[schema.END]) or "open (no later record)"],
                            ["tier", tier or "incidents"],
                            ["certainty", words],
                            ["last confirmed", confirmed or "-"],
                            ["rule", row[RULE] or "-"],
                            ["area", f"{row[schema.AREA_KM2]:,.0f} km² (geodesic)"],
                            ["places", listing(row[schema.PLACES])],
                            ["records", listing(row[schema.SUPPORTING])],
                        ],
                        "share": [["method", f"{row[schema.METHOD]} {row[schema.PARAMS]}"]],
                        **({"note": note} if note else {}),
                    },
                },
            }
        )
    return features


def _n(value: int | None) -> str:
    return "?" if value is None else f"{value:,}"


def intensity_features(
    records: Records, gazetteer: Gazetteer, start: dt.date | None, end: dt.date | None, extent: BaseGeometry | None
) -> list[dict[str, Any]]:
    """The intensity layer's features: incidents per cercle and month
    (:func:`geo.stats.intensity_layer`) in ``extent``, coloured by :data:`INTENSITY_BREAKS`.
    Drawn by :func:`geo.render.web.build_map` with ``intensity=True``.
    """
    from ..stats import intensity_layer

    frame = intensity_layer(records, gazetteer, by="cercle", every="month", start=start, end=end)
    features = []
    for row, geometry in zip(frame.to_dict("records"), frame.geometry, strict=True):
        if extent is not None and not geometry.intersects(extent):
            continue
        count = int(row[schema.INCIDENTS])
        klass = sum(count >= b for b in INTENSITY_BREAKS) - 1
        colour = INTENSITY_COLOURS[max(klass, 0)]
        features.append(
            {
                "type": "Feature",
                "geometry": geometry,  # simplified and written once by share_shapes
                "properties": {
                    "start": iso(row[schema.START]),
                    "end": iso(row[schema.END]),
                    "style": {"color": "#555", "weight": 0.5, "fillColor": colour, "fillOpacity": 0.65},
                    "tooltip": f"{row[schema.NAME]}, {row[schema.PERIOD]}: {count} incident(s)",
                    "popup": {
                        "title": f"{row[schema.NAME]}, {row[schema.PERIOD]}",
                        "rows": [
                            ["incidents", str(count)],
                            [
                                "deaths (low / best / high)",
                                " / ".join(_n(death_count(row[c])) for c in schema.FATALITY_COLUMNS),
                            ],
                        ],
                    },
                },
            }
        )
    return features
