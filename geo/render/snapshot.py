"""The map on one day as a static figure: boundaries, zones, incidents and place labels,
framed by :mod:`geo.render.legend`.

Split from :mod:`geo.render.figures`.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import TYPE_CHECKING, Any

from .. import schema
from ..errors import InputError
from .glyphs import RC, literal_text, printable, rgba
from .legend import attribution, draw_legend, draw_scale_bar, style_map_axes
from .select import cited_sources, map_extent, select_actors, select_incidents, shown_places, view_bounds
from .style import (
    FADED_FILL,
    FADED_LINESTYLE,
    FADED_OUTLINE,
    LAND,
    ZONE_ORDER,
    actor_colour,
    incident_deaths,
    incident_radius,
)

if TYPE_CHECKING:
    from collections.abc import Sequence
    from typing import TypeAlias

    from matplotlib.axes import Axes
    from matplotlib.figure import Figure
    from matplotlib.patches import PathPatch
    from shapely import Point, Polygon
    from shapely.geometry.base import BaseGeometry

    from ..gazetteer import Gazetteer
    from ..influence import Influence
    from ..place import Place
    from ..records import Records
    from .spec import MapSpec

    # a zone drawn: actor, zone, tier, geometry, places, supporting records, certainty, rule
    Zone: TypeAlias = tuple[str, str, str | None, BaseGeometry, list[str], list[str], str, str]

__all__ = ["CUT_RULE", "MAP_WIDTH_IN", "MAX_LABELS", "SEA", "SNAPSHOT_WINDOW_DAYS", "snapshot"]

SNAPSHOT_WINDOW_DAYS = 30  # a snapshot shows the incidents of this many days to its day, unless told
SEA = "#e3e9ee"  # outside the gazetteer's countries
CUT_RULE = "minus places claimed by others"  # in the rule of a zone with cut-outs (geo.influence)
MAP_WIDTH_IN = 7.5  # the map's axes, in inches
MAX_LABELS = 60


def snapshot(
    records: Records,
    gazetteer: Gazetteer,
    spec: MapSpec | None = None,
    *,
    day: dt.date | None = None,
    influence: Influence | None = None,
    **options: Any,
) -> Figure:
    """The map on one day as a static figure (see the module docstring).

    What it shows is ``spec`` (a :class:`~geo.render.spec.MapSpec`; its ``at`` is the
    day), or the same fields as keywords, ``day`` standing for ``at``: ``actors`` (ids or
    names) limits the zones and incidents drawn (default: the zones of every actor with
    claims, and every incident); ``bbox`` (west, south, east, north) or ``area`` (an area
    of the gazetteer) sets the extent (default: what is drawn); incidents are those whose
    dates meet the ``window_days`` (default 30) to the day; ``title`` heads it. Keywords
    given with a ``spec`` replace its fields. ``influence`` reuses zones already
    computed; otherwise they are computed by ``method`` with ``params``. Save the result
    with :func:`save_figure`.

    Examples
    --------
    >>> import datetime as dt
    >>> from geo import Gazetteer, load_records
    >>> gazetteer = Gazetteer.load()
    >>> fig = snapshot(load_records(gazetteer=gazetteer), gazetteer, day=dt.date(2023, 4, 30),
    ...                actors=["ISGS"], area="ml-region-menaka")
    >>> fig.axes[0].get_title(loc="left")
    'Sahel conflict atlas — as of 2023-04-30'
    >>> sorted({a.get_gid() for a in fig.axes[0].patches if (a.get_gid() or "").startswith("zone-")})
    ['zone-isgs-activity', 'zone-isgs-contested', 'zone-isgs-control', 'zone-isgs-influence-stale']
    """
    import matplotlib as mpl

    from ..influence import CERTAIN, CERTAINTY, RULE, Influence
    from .spec import MapSpec

    if day is not None:
        if not isinstance(day, dt.date) or isinstance(day, dt.datetime):
            raise InputError(f"day={day!r}: not a date; give a datetime.date, such as day=dt.date(2023, 4, 30)")
        options["at"] = day
    spec = MapSpec(**options) if spec is None else spec.replace(**options) if options else spec
    if spec.at is None:
        raise InputError("no day: give the day shown, such as day=dt.date(2023, 4, 30) (a spec's at)")
    day, title = spec.at, spec.title
    window_days = spec.window_days or SNAPSHOT_WINDOW_DAYS
    actor_ids = select_actors(records, list(spec.actors) if spec.actors else None)
    extent = map_extent(gazetteer, bbox=spec.bbox, area=spec.area)
    influence = influence or Influence(records, gazetteer=gazetteer, method=spec.method, params=spec.influence_params)

    zones: list[Zone] = []  # (actor, zone, tier, geometry, places, supporting, certainty, rule)
    for actor in actor_ids or influence.actors_with_zones:
        frame = influence.at(actor, day, by_tier=True)
        for row, geometry in zip(frame.to_dict("records"), frame.geometry, strict=True):
            if extent is not None and not geometry.intersects(extent):
                continue
            tier = row[schema.TIER] if isinstance(row[schema.TIER], str) else None
            certainty, rule = row.get(CERTAINTY) or CERTAIN, row.get(RULE) or ""
            zones.append(
                (actor, row[schema.ZONE], tier, geometry, row[schema.PLACES], row[schema.SUPPORTING], certainty, rule)
            )
    first = day - dt.timedelta(days=window_days - 1)
    incidents = select_incidents(records, actor_ids, first, day, extent)

    west, south, east, north = _view(extent, [z[3] for z in zones] + [p for _, p in incidents])
    with mpl.rc_context(RC):
        fig, ax, (west, south, east, north) = _map_axes(west, south, east, north)
        view = _box(west, south, east, north)
        mid_lat = (south + north) / 2
        tolerance = max(east - west, north - south) / 2000  # display simplification, ~0.05 % of the view
        _draw_boundaries(ax, gazetteer, day, view, tolerance)
        drawn_actors, rules = _draw_zones(ax, records, zones, view, tolerance)
        drawn_actors |= _draw_incidents(ax, records, incidents)
        # The places of the zones and incidents drawn (labelled or not).
        place_ids = [p for zone in zones for p in zone[4]] + [row[schema.PLACE] for row, _ in incidents]
        shown = shown_places(gazetteer, (p for p in place_ids if p))
        _draw_labels(ax, shown, view)
        draw_scale_bar(ax, west, south, east, north)
        draw_legend(ax, records, drawn_actors, rules=rules)
        style_map_axes(ax, mid_lat)
        heading = title or "Sahel conflict atlas"
        literal_text(
            ax.set_title,
            printable(f"{heading} — as of {day.isoformat()}"),
            loc="left",
            fontsize=13,
            fontweight="bold",
            pad=22,
        )
        method_text = f"{influence.method} method" if zones else "no zone in this view"
        literal_text(
            ax.text,
            0.0,
            1.012,
            f"Zones that day ({method_text}; derived from cited claims and incidents, not ground truth); "
            f"incidents of the {window_days} days to {day.isoformat()}",
            transform=ax.transAxes,
            fontsize=8,
            color="#444",
            va="bottom",
        )
        supporting = [record_id for zone in zones for record_id in zone[5]]
        sources = sorted(cited_sources(records, (row for row, _ in incidents), supporting))
        attribution(fig, shown, sources)
    return fig


def _map_axes(
    west: float, south: float, east: float, north: float
) -> tuple[Figure, Axes, tuple[float, float, float, float]]:
    """A figure with one map axes whose box matches the extent at its mid-latitude.

    The extent grows (never shrinks) to the box's shape; the final extent is returned.
    """
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    aspect = 1 / math.cos(math.radians((south + north) / 2))
    width_in = MAP_WIDTH_IN
    ratio = (north - south) * aspect / (east - west)  # height / width of the extent as drawn
    height_in = min(max(width_in * ratio, 0.55 * width_in), 1.25 * width_in)
    if ratio < height_in / width_in:  # too wide a box: add latitude
        grow = ((east - west) * height_in / width_in / aspect - (north - south)) / 2
        south, north = south - grow, north + grow
    else:  # too tall: add longitude
        grow = ((north - south) * aspect * width_in / height_in - (east - west)) / 2
        west, east = west - grow, east + grow
    left_in, right_in, top_in, bottom_in = 0.85, 3.3, 0.95, 1.25
    fig = Figure(figsize=(left_in + width_in + right_in, bottom_in + height_in + top_in))
    FigureCanvasAgg(fig)
    total_w, total_h = fig.get_size_inches()
    ax = fig.add_axes((left_in / total_w, bottom_in / total_h, width_in / total_w, height_in / total_h))
    ax.set_xlim(west, east)
    ax.set_ylim(south, north)
    ax.set_aspect(1 / math.cos(math.radians((south + north) / 2)), adjustable="box")
    return fig, ax, (west, south, east, north)


def _view(extent: BaseGeometry | None, shapes: Sequence[BaseGeometry]) -> tuple[float, float, float, float]:
    """The extent to draw (:func:`geo.render.select.view_bounds`), with a margin."""
    west, south, east, north = view_bounds(extent, shapes)
    span = max(east - west, north - south, 0.2)
    margin = 0.04 * span
    if east - west < 0.2:
        west, east = (west + east) / 2 - 0.1, (west + east) / 2 + 0.1
    if north - south < 0.2:
        south, north = (south + north) / 2 - 0.1, (south + north) / 2 + 0.1
    return west - margin, max(south - margin, -89.0), east + margin, min(north + margin, 89.0)


def _box(west: float, south: float, east: float, north: float) -> Polygon:
    import shapely

    dx, dy = (east - west) * 0.1, (north - south) * 0.1
    return shapely.box(west - dx, south - dy, east + dx, north + dy)


def _draw_boundaries(ax: Axes, gazetteer: Gazetteer, day: dt.date, view: Polygon, tolerance: float) -> None:
    """Countries (filled) and the regions valid on ``day`` (outlined)."""
    ax.set_facecolor(SEA)
    areas = gazetteer.areas
    for index, (props, geometry) in enumerate(zip(areas.properties, areas.geometries, strict=True)):
        kind = props.get(schema.KIND)
        if kind == "country" and not props.get(schema.VALID_TO):
            style = {"facecolor": LAND, "edgecolor": "#555", "linewidth": 0.9, "zorder": 1}
        elif kind == "region" and areas.is_valid_on(index, day):
            style = {"facecolor": "none", "edgecolor": "#a0a0a0", "linewidth": 0.45, "zorder": 1.5}
        else:
            continue
        patch = _patch(geometry, view, tolerance, gid=f"boundary-{props.get(schema.ID, '')}", **style)
        if patch is not None:
            ax.add_patch(patch)


def _patch(geometry: BaseGeometry, view: Polygon, tolerance: float, *, gid: str, **style: Any) -> PathPatch | None:
    """A matplotlib patch of a (multi)polygon clipped to ``view``, or ``None`` if nothing is left.

    Exteriors run counter-clockwise and holes clockwise, so that holes stay holes.
    """
    import numpy as np
    import shapely
    from matplotlib.patches import PathPatch
    from matplotlib.path import Path as MplPath

    if not geometry.intersects(view):
        return None
    shape = shapely.intersection(geometry, view)
    shape = shapely.simplify(shape, tolerance, preserve_topology=True)
    polygons = [p for p in shapely.get_parts(shape) if p.geom_type == "Polygon" and not p.is_empty]
    if not polygons:
        return None
    vertices, codes = [], []
    for polygon in polygons:
        polygon = shapely.orient_polygons(polygon)  # exterior counter-clockwise, holes clockwise
        for ring in (polygon.exterior, *polygon.interiors):
            xy = np.asarray(ring.coords)
            vertices.append(xy)
            codes.append([MplPath.MOVETO] + [MplPath.LINETO] * (len(xy) - 2) + [MplPath.CLOSEPOLY])
    path = MplPath(np.concatenate(vertices), np.concatenate(codes).astype(MplPath.code_type))
    return PathPatch(path, gid=gid, **style)


def _draw_zones(
    ax: Axes, records: Records, zones: list[Zone], view: Polygon, tolerance: float
) -> tuple[set[str], set[str]]:
    """Draw the zones; return the actors drawn and the rules seen that the legend must
    explain (keys of :data:`geo.render.legend.FADED_TEXT`).

    A zone that is not certain (stale, possibly ended) is drawn faded with long dashes,
    under the certain zones of its kind; its id ends with its certainty
    (``zone-isgs-control-stale``).
    """
    order = {zone: i for i, zone in enumerate(ZONE_ORDER)}
    drawn: set[str] = set()
    rules: set[str] = set()
    for actor, zone, tier, geometry, _places, _supporting, certainty, rule in sorted(
        zones, key=lambda z: (order[z[1]], z[0], z[6] == "certain", z[2] or "")
    ):
        colour = actor_colour(records, actor)
        faded = certainty != "certain"
        fill = FADED_FILL if faded else 1.0
        dashed: Any = FADED_LINESTYLE if faded else "--" if tier in ("claimed", "mixed") else "-"
        edge = rgba(colour, FADED_OUTLINE) if faded else colour
        style: dict[str, Any] = {"edgecolor": edge, "zorder": 2 + order[zone] / 10 - (0.01 if faded else 0.0)}
        if zone == "control":
            style.update(facecolor=rgba(colour, 0.35 * fill), linewidth=1.3, linestyle=dashed)
        elif zone == "contested":
            style.update(facecolor="none", hatch="////", linewidth=1.1, linestyle=dashed)
        elif zone == "influence":
            style.update(facecolor=rgba(colour, 0.10 * fill), linewidth=0.8, linestyle=dashed)
        else:  # activity
            style.update(facecolor="none", linewidth=1.6, linestyle=":")
        gid = f"zone-{actor}-{zone}" + (f"-{certainty}" if faded else "")
        patch = _patch(geometry, view, tolerance, gid=gid, **style)
        if patch is not None:
            ax.add_patch(patch)
            drawn.add(actor)
            if faded:
                rules.add(certainty)
            if CUT_RULE in rule:
                rules.add("cut")
    return drawn, rules


def _draw_incidents(ax: Axes, records: Records, incidents: list[tuple[dict[str, Any], Point]]) -> set[str]:
    drawn: set[str] = set()
    for row, point in sorted(incidents, key=lambda pair: (-incident_deaths(pair[0]), pair[0][schema.ID])):
        actor = row[schema.ACTOR1] or (row[schema.ACTORS][0] if row[schema.ACTORS] else "")
        colour = actor_colour(records, actor)
        if actor in records.actors:
            drawn.add(actor)
        uncertain = row[schema.START] != row[schema.END]
        (marker,) = ax.plot(
            [point.x],
            [point.y],
            marker="o",
            markersize=2 * incident_radius(incident_deaths(row)),
            markerfacecolor=rgba(colour, 0.15 if uncertain else 0.7),
            markeredgecolor=colour if not uncertain else rgba(colour, 0.9),
            markeredgewidth=1.6 if uncertain else 0.9,
            linestyle="none",
            zorder=5,
            gid=f"incident-{row[schema.ID]}",
        )
        marker.set_label("_nolegend_")
    return drawn


def _draw_labels(ax: Axes, places: list[Place], view: Polygon) -> None:
    import shapely

    places = [
        place for place in places if place.tier != schema.AREA and view.covers(shapely.Point(place.lon, place.lat))
    ]
    places.sort(key=lambda p: (-schema.KIND_WEIGHTS.get(p.kind, 0.0), p.name, p.id))
    # A pale box behind each label rather than a stroked halo: path effects would turn the
    # text into outlines in SVG and PDF, where it should stay searchable, editable text.
    halo = {"boxstyle": "round,pad=0.12", "facecolor": "white", "edgecolor": "none", "alpha": 0.7}
    west, east = ax.get_xlim()
    for place in places[:MAX_LABELS]:
        ax.plot([place.lon], [place.lat], marker="o", markersize=3, color="#222", markerfacecolor="white", zorder=6)
        right_side = place.lon > west + 0.75 * (east - west)  # near the right edge: label on the left
        literal_text(
            ax.annotate,
            printable(place.name),
            (place.lon, place.lat),
            xytext=(-4 if right_side else 4, 3),
            textcoords="offset points",
            ha="right" if right_side else "left",
            fontsize=7.5,
            color="#222",
            zorder=6,
            bbox=halo,
            annotation_clip=True,
            clip_on=True,
            gid=f"label-{place.id}",
        )
