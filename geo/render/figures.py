"""Static figures for print: the map on one day, and an actor's zone areas over time.

:func:`snapshot` draws what the interactive map (:mod:`geo.render.web`) shows on one day:
country and region outlines (the regions valid that day), each actor's influence
zones in its colour (control filled, contested hatched, influence pale, activity
dotted; zones resting on ``claimed`` records only have dashed outlines; stale and possibly
ended zones are faded with long dashes, and places cut out of an area claim are holes,
each explained in the legend when drawn), the incidents
of the days before it as circles sized by deaths, labels for the places of the zones
and incidents shown, a legend, a scale bar measured geodesically, lon/lat axes and the
attribution. :func:`area_chart` plots an actor's zone areas (km², geodesic) per period
(:meth:`geo.influence.Influence.timeline`). :func:`save_figure` writes either as PNG,
SVG or PDF, atomically.

Figures are drawn with matplotlib's object API and its Agg canvas: no pyplot, no global
backend, no display, no browser. The same inputs give the same bytes (SVG ids come
from a fixed salt, and no file records when it was made), so that figures can be kept
under version control and compared.

Maps are drawn in longitude and latitude with the aspect set to 1/cos(mid-latitude):
shapes keep their proportions at the middle of the map (at Mali's latitudes the scale
varies by less than 2 % across 5° of latitude).
"""

from __future__ import annotations

import datetime as dt
import math
import textwrap
import unicodedata
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .. import schema
from ..errors import InputError
from . import credits
from .select import cited_sources, map_extent, select_actors, select_incidents, shown_places, view_bounds
from .style import (
    FADED_FILL,
    FADED_LINESTYLE,
    FADED_OUTLINE,
    GREY,
    LAND,
    ZONE_ORDER,
    actor_colour,
    actor_name,
    incident_deaths,
    incident_radius,
)

if TYPE_CHECKING:
    from collections.abc import Collection

    from matplotlib.figure import Figure
    from matplotlib.typing import RcKeyType

    from ..gazetteer import Gazetteer
    from ..influence import Influence
    from ..place import Place
    from ..records import Records
    from .spec import MapSpec

__all__ = ["FORMATS", "area_chart", "figure_bytes", "figure_format", "save_figure", "snapshot"]

FORMATS = {".png": "png", ".svg": "svg", ".pdf": "pdf"}
PNG_DPI = 200
SNAPSHOT_WINDOW_DAYS = 30  # a snapshot shows the incidents of this many days to its day, unless told
FONT = "DejaVu Sans"  # ships with matplotlib: the same glyphs on every machine
SVG_SALT = "sahel-atlas"  # SVG element ids are hashes salted with this, not random
SEA = "#e3e9ee"  # outside the gazetteer's countries
ZONES = schema.ZONES  # control, contested, activity, influence: the order of tables and legends
ZONE_TEXT = {
    "control": "control (filled)",
    "contested": "contested (hatched)",
    "influence": "influence (pale)",
    "activity": "activity: recent incidents (dotted)",
}
# Zones that are not certain (geo.influence: stale, possibly ended) are faded, with long
# dashes (geo.render.style); the legend says why.
FADED_TEXT = {  # the legend's words for each rule that changes how a zone looks
    "stale": "stale: no newer record (faded, long dashes)",
    "possibly_ended": "possibly ended: end uncertain (faded, long dashes)",
    "cut": "hole: a place another side holds or contests, cut out of an area claim",
}
CUT_RULE = "minus places claimed by others"  # in the rule of a zone with cut-outs (geo.influence)
MAP_WIDTH_IN = 7.5  # the map's axes, in inches
MAX_LABELS = 60
MAX_SOURCES_NAMED = 12


# --- the map on one day ---------------------------------------------------------------


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

    zones = []  # (actor, zone, tier, geometry, places, supporting, certainty, rule)
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
    with mpl.rc_context(_RC):
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
        _draw_scale_bar(ax, west, south, east, north)
        _draw_legend(ax, records, drawn_actors, rules=rules)
        _style_map_axes(ax, mid_lat)
        heading = title or "Sahel conflict atlas"
        _text(
            ax.set_title,
            printable(f"{heading} — as of {day.isoformat()}"),
            loc="left",
            fontsize=13,
            fontweight="bold",
            pad=22,
        )
        method_text = f"{influence.method} method" if zones else "no zone in this view"
        _text(
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
        _attribution(fig, shown, sources)
    return fig


_RC: dict[RcKeyType, Any] = {"font.family": FONT, "axes.unicode_minus": False, "hatch.linewidth": 0.8}


def _map_axes(west: float, south: float, east: float, north: float):
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


def _view(extent, shapes: list) -> tuple[float, float, float, float]:
    """The extent to draw (:func:`geo.render.select.view_bounds`), with a margin."""
    west, south, east, north = view_bounds(extent, shapes)
    span = max(east - west, north - south, 0.2)
    margin = 0.04 * span
    if east - west < 0.2:
        west, east = (west + east) / 2 - 0.1, (west + east) / 2 + 0.1
    if north - south < 0.2:
        south, north = (south + north) / 2 - 0.1, (south + north) / 2 + 0.1
    return west - margin, max(south - margin, -89.0), east + margin, min(north + margin, 89.0)


def _box(west: float, south: float, east: float, north: float):
    import shapely

    dx, dy = (east - west) * 0.1, (north - south) * 0.1
    return shapely.box(west - dx, south - dy, east + dx, north + dy)


def _draw_boundaries(ax, gazetteer: Gazetteer, day: dt.date, view, tolerance: float) -> None:
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


def _patch(geometry, view, tolerance: float, *, gid: str, **style):
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


def _draw_zones(ax, records: Records, zones: list, view, tolerance: float) -> tuple[set[str], set[str]]:
    """Draw the zones; return the actors drawn and the rules seen that the legend must
    explain (keys of :data:`FADED_TEXT`).

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
        edge = _rgba(colour, FADED_OUTLINE) if faded else colour
        style: dict[str, Any] = {"edgecolor": edge, "zorder": 2 + order[zone] / 10 - (0.01 if faded else 0.0)}
        if zone == "control":
            style.update(facecolor=_rgba(colour, 0.35 * fill), linewidth=1.3, linestyle=dashed)
        elif zone == "contested":
            style.update(facecolor="none", hatch="////", linewidth=1.1, linestyle=dashed)
        elif zone == "influence":
            style.update(facecolor=_rgba(colour, 0.10 * fill), linewidth=0.8, linestyle=dashed)
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


def _draw_incidents(ax, records: Records, incidents: list) -> set[str]:
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
            markerfacecolor=_rgba(colour, 0.15 if uncertain else 0.7),
            markeredgecolor=colour if not uncertain else _rgba(colour, 0.9),
            markeredgewidth=1.6 if uncertain else 0.9,
            linestyle="none",
            zorder=5,
            gid=f"incident-{row[schema.ID]}",
        )
        marker.set_label("_nolegend_")
    return drawn


def _draw_labels(ax, places: list[Place], view) -> None:
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
        _text(
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


def nice_length_km(width_km: float) -> float:
    """A round length (1, 2 or 5 × 10ⁿ km) of at most a fifth of ``width_km``.

    Examples
    --------
    >>> nice_length_km(470.0), nice_length_km(1800.0), nice_length_km(3.0)
    (50.0, 200.0, 0.5)
    """
    target = width_km / 5
    power = 10 ** math.floor(math.log10(target))
    return float(max(m * power for m in (1, 2, 5) if m * power <= target))


def _draw_scale_bar(ax, west: float, south: float, east: float, north: float) -> None:
    """A bar of a round length, measured geodesically along the map's mid-latitude."""
    from matplotlib.font_manager import FontProperties
    from mpl_toolkits.axes_grid1.anchored_artists import AnchoredSizeBar

    from ..measure import geodesic

    mid_lat = (south + north) / 2
    centre = (west + east) / 2
    km_per_degree = float(geodesic(mid_lat, centre - 0.5, mid_lat, centre + 0.5)[0])  # along the parallel
    length_km = nice_length_km(km_per_degree * (east - west))
    hemisphere = "N" if mid_lat >= 0 else "S"
    bar = AnchoredSizeBar(
        ax.transData,
        length_km / km_per_degree,
        f"{length_km:g} km (geodesic, at {abs(mid_lat):.1f}°{hemisphere})",
        "lower left",
        pad=0.45,
        borderpad=0.8,
        sep=3,
        frameon=True,
        size_vertical=0.007 * (north - south),
        color="#222",
        fontproperties=FontProperties(family=FONT, size=7.5),
    )
    bar.patch.set(facecolor="white", alpha=0.85, edgecolor="none")
    bar.set_zorder(7)
    bar.set_gid("scale-bar")
    ax.add_artist(bar)


def _draw_legend(ax, records: Records, actors: set[str], *, rules: Collection[str] = frozenset()) -> None:
    """Two legends right of the map: actors and zone styles, then incident sizes below.

    ``rules``: the rules seen among the zones drawn (keys of :data:`FADED_TEXT`), each
    explained by an entry.
    """
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    handles: list = []
    headings: list[int] = []

    def heading(text: str) -> None:
        headings.append(len(handles))
        handles.append(Patch(facecolor="none", edgecolor="none", label=text))

    if actors:
        heading("Actors")
        for actor in sorted(actors, key=lambda a: (actor_name(records, a).lower(), a)):
            colour = actor_colour(records, actor)
            name = textwrap.shorten(printable(actor_name(records, actor)), 42, placeholder="…")
            handles.append(Patch(facecolor=_rgba(colour, 0.6), edgecolor=colour, label=name))
    heading("Zones (derived from cited claims)")
    handles += [
        Patch(facecolor=_rgba(GREY, 0.35), edgecolor=GREY, label=ZONE_TEXT["control"]),
        Patch(facecolor="none", edgecolor=GREY, hatch="////", label=ZONE_TEXT["contested"]),
        Patch(facecolor=_rgba(GREY, 0.10), edgecolor=GREY, linewidth=0.8, label=ZONE_TEXT["influence"]),
        Patch(facecolor="none", edgecolor=GREY, linestyle=":", linewidth=1.6, label=ZONE_TEXT["activity"]),
        Patch(facecolor="none", edgecolor=GREY, linestyle="--", label="claimed only: dashed outline"),
        *(
            Patch(
                facecolor=_rgba(GREY, 0.35 * FADED_FILL),
                edgecolor=_rgba(GREY, FADED_OUTLINE),
                linestyle=FADED_LINESTYLE,
                label=FADED_TEXT[certainty],
            )
            for certainty in ("stale", "possibly_ended")
            if certainty in rules
        ),
        *([Patch(facecolor=LAND, edgecolor=GREY, linewidth=0.8, label=FADED_TEXT["cut"])] if "cut" in rules else []),
        Line2D(
            [], [], marker="o", linestyle="none", markersize=3, color="#222", markerfacecolor="white", label="place"
        ),
    ]
    small = len(handles) > 26
    main = ax.legend(
        handles=handles,
        loc="upper left",
        bbox_to_anchor=(1.03, 1.0),
        borderaxespad=0.0,
        fontsize=6.5 if small else 7.5,
        frameon=False,
        handlelength=2.2,
        labelspacing=0.35 if small else 0.55,
    )
    for i, text in enumerate(main.get_texts()):
        text.set_parse_math(False)
        if i in headings:
            text.set_fontweight("bold")
    main.set_gid("legend")
    ax.add_artist(main)  # the next legend would replace it otherwise

    sizes = [
        Line2D(
            [],
            [],
            marker="o",
            linestyle="none",
            markersize=2 * incident_radius(deaths),
            markerfacecolor=_rgba(GREY, 0.7),
            markeredgecolor=GREY,
            label=f"{deaths} {'death' if deaths == 1 else 'deaths'} (best, else low)",
        )
        for deaths in (1, 10, 100)
    ]
    sizes.append(
        Line2D(
            [],
            [],
            marker="o",
            linestyle="none",
            markersize=8,
            markerfacecolor=_rgba(GREY, 0.15),
            markeredgecolor=GREY,
            markeredgewidth=1.6,
            label="pale: date uncertain",
        )
    )
    renderer = ax.figure.canvas.get_renderer()
    bottom = ax.transAxes.inverted().transform(main.get_window_extent(renderer))[0][1]
    incidents = ax.legend(
        handles=sizes,
        title="Incidents (colour: first actor; area: deaths)",
        title_fontproperties={"size": 7.5, "weight": "bold", "family": FONT},
        alignment="left",
        loc="upper left",
        bbox_to_anchor=(1.03, bottom - 0.03),
        borderaxespad=0.0,
        fontsize=7.5,
        frameon=False,
        handlelength=2.2,
        handleheight=2.0,
        labelspacing=1.8,
    )
    for text in incidents.get_texts():
        text.set_parse_math(False)
    incidents.set_gid("legend-incidents")


def _style_map_axes(ax, mid_lat: float) -> None:
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    ax.set_aspect(1 / math.cos(math.radians(mid_lat)), adjustable="box")
    for axis, letters in ((ax.xaxis, "EW"), (ax.yaxis, "NS")):
        axis.set_major_locator(MaxNLocator(nbins=7, steps=[1, 2, 2.5, 5, 10]))
        axis.set_major_formatter(FuncFormatter(lambda value, _pos, letters=letters: degrees(value, letters)))
    ax.set_xlabel("longitude (WGS84)", fontsize=8.5)
    ax.set_ylabel("latitude (WGS84)", fontsize=8.5)
    ax.tick_params(labelsize=8)
    ax.grid(True, color="#ffffff", linewidth=0.5, alpha=0.7, zorder=0.5)
    ax.set_axisbelow(True)


def degrees(value: float, letters: str = "EW") -> str:
    """A tick label: ``2°E``, ``1.5°W``, ``15°N``, ``0°``.

    Examples
    --------
    >>> degrees(2.0), degrees(-1.5), degrees(15.0, "NS"), degrees(0.0)
    ('2°E', '1.5°W', '15°N', '0°')
    """
    if abs(value) < 1e-9:
        return "0°"
    return f"{abs(value):g}°{letters[0] if value > 0 else letters[1]}"


def _attribution(fig, places: list[Place], sources: list[str]) -> None:
    if sources:
        named = ", ".join(sources[:MAX_SOURCES_NAMED])
        more = f" and {len(sources) - MAX_SOURCES_NAMED} more" if len(sources) > MAX_SOURCES_NAMED else ""
        records_text = f"Records: the cited sources ({named}{more}); see geo export or the interactive map"
    else:
        records_text = "Records: the cited sources (none for what is drawn here)"
    text = " · ".join(credits.attribution(places, records_text))
    width_chars = int(fig.get_size_inches()[0] * 15)
    _text(
        fig.text,
        0.012,
        0.012,
        "\n".join(textwrap.wrap(printable(text), width_chars)),
        fontsize=6.5,
        color="#555",
        va="bottom",
        ha="left",
        gid="attribution",
    )


# --- zone areas over time -------------------------------------------------------------

CHART_STYLE: dict[str, dict[str, Any]] = {  # zone -> line style, matching the maps' zone styles
    "control": {"linestyle": "-", "linewidth": 2.2, "marker": "o"},
    "contested": {"linestyle": "--", "linewidth": 1.8, "marker": "s"},
    "influence": {"linestyle": "-", "linewidth": 1.4, "marker": "^", "alpha": 0.45},
    "activity": {"linestyle": ":", "linewidth": 1.8, "marker": "."},
}


def area_chart(
    influence: Influence,
    actor: str,
    *,
    start: dt.date | None = None,
    end: dt.date | None = None,
    every: str = "month",
) -> Figure:
    """``actor``'s zone areas (km², geodesic) per period, as of each period's last day.

    One line per zone, in the actor's colour, styled as on the maps (control solid
    over a filled area, contested dashed over a hatched one, influence pale, activity
    dotted); each line's points are the rows of
    :meth:`~geo.influence.Influence.timeline` (x: the period's last day). The caption
    names the method and its parameters. Without ``start``/``end`` the periods cover
    the actor's records.

    Examples
    --------
    >>> import datetime as dt
    >>> from geo import Influence, load_records
    >>> influence = Influence(load_records())
    >>> fig = area_chart(influence, "ISGS", start=dt.date(2022, 1, 1), end=dt.date(2023, 4, 30))
    >>> control = next(line for line in fig.axes[0].lines if line.get_label() == "control")
    >>> len(control.get_ydata()), bool(control.get_ydata()[-1] > 70_000)
    (16, True)
    """
    import matplotlib as mpl
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.font_manager import FontProperties
    from matplotlib.ticker import FuncFormatter

    from ..periods import EVERY

    if every not in EVERY:
        raise InputError(f"unknown period {every!r}; choose from {', '.join(EVERY)}")
    if start and end and end < start:
        raise InputError(f"the range ends ({end}) before it starts ({start}); swap the two dates")
    actor = influence.actor_id(actor)
    table = influence.timeline(actor, start=start, end=end, every=every)
    colour = actor_colour(influence.records, actor)
    name = printable(actor_name(influence.records, actor))
    with mpl.rc_context(_RC):
        fig = Figure(figsize=(9.0, 4.8))
        FigureCanvasAgg(fig)
        ax = fig.add_axes((0.1, 0.25, 0.68, 0.63))
        days = list(table[schema.END])
        for zone in ZONE_ORDER:
            values = [float(v) for v in table[f"{zone}_km2"]]
            if not any(values):
                continue
            style = CHART_STYLE[zone]
            if zone == "control":
                ax.fill_between(days, values, color=colour, alpha=0.18, linewidth=0, gid="fill-control")
            elif zone == "contested":
                ax.fill_between(
                    days, values, facecolor="none", edgecolor=colour, hatch="////", linewidth=0, gid="fill-contested"
                )
            ax.plot(days, values, color=colour, markersize=3.5, label=zone, gid=f"line-{zone}", **style)
        if table.empty or not any(table[f"{zone}_km2"].any() for zone in ZONE_ORDER):
            ax.text(
                0.5,
                0.5,
                "no zone in this range",
                transform=ax.transAxes,
                ha="center",
                va="center",
                color="#666",
                gid="empty",
            )
            ax.set_ylim(0, 1)
        else:
            ax.set_ylim(bottom=0)
            lines = {line.get_label(): line for line in ax.lines}
            legend = ax.legend(
                handles=[lines[zone] for zone in ZONES if zone in lines],
                loc="upper left",
                bbox_to_anchor=(1.02, 1.0),
                borderaxespad=0,
                frameon=False,
                fontsize=8.5,
            )
            legend.set_title("zone", prop=FontProperties(size=8.5, weight="bold"))
        ax.yaxis.set_major_formatter(FuncFormatter(lambda value, _pos: f"{value:,.0f}"))
        ax.set_ylabel("area (km², geodesic)", fontsize=9)
        ax.set_xlabel(f"{every}: each value as of the period's last day", fontsize=9)
        ax.tick_params(labelsize=8)
        ax.grid(True, color="#dddddd", linewidth=0.6)
        ax.set_axisbelow(True)
        span = f"{days[0].isoformat()} to {days[-1].isoformat()}" if days else "no period"
        _text(ax.set_title, f"{name}: zone areas over time", loc="left", fontsize=12, fontweight="bold", pad=18)
        _text(ax.text, 0.0, 1.015, f"{span}, {every}ly", transform=ax.transAxes, fontsize=8, color="#444", va="bottom")
        caption = (
            f"Method: {influence.method} ({params_text(influence.params)}). Zones are derived from cited claims and "
            "incidents (geo.influence), not ground truth; a place counts in its actor's strongest zone, and the "
            "activity zone (incidents of the trailing window) overlaps the others. Areas are geodesic."
        )
        _text(
            fig.text,
            0.02,
            0.02,
            "\n".join(textwrap.wrap(printable(caption), 150)),
            fontsize=6.5,
            color="#555",
            va="bottom",
            gid="caption",
        )
    return fig


# --- saving ---------------------------------------------------------------------------


def params_text(params: dict[str, Any]) -> str:
    """A method's parameters as readable text.

    Examples
    --------
    >>> params_text({"max_km": 50.0, "radius_km": {"town": 15.0, "camp": 5.0}, "add_uncertainty": True})
    'add_uncertainty true, max_km 50, radius_km (camp 5, town 15)'
    """

    def value(v: Any) -> str:
        if isinstance(v, bool):
            return "true" if v else "false"
        if isinstance(v, dict):
            return "(" + ", ".join(f"{k} {value(v[k])}" for k in sorted(v)) + ")"
        return f"{v:g}" if isinstance(v, float) else str(v)

    return ", ".join(f"{name} {value(params[name])}" for name in sorted(params))


def figure_format(path: str | Path) -> str:
    """The file format for ``path``'s suffix: ``png``, ``svg`` or ``pdf``.

    Examples
    --------
    >>> figure_format("menaka.SVG")
    'svg'
    >>> figure_format("menaka.jpg")
    Traceback (most recent call last):
    ...
    geo.errors.InputError: cannot write a figure to menaka.jpg: unknown suffix '.jpg'; use .png, .svg or .pdf
    """
    suffix = Path(path).suffix.lower()
    if suffix not in FORMATS:
        shown = repr(Path(path).suffix) if Path(path).suffix else "none"
        raise InputError(f"cannot write a figure to {path}: unknown suffix {shown}; use .png, .svg or .pdf")
    return FORMATS[suffix]


def save_figure(fig: Figure, path: str | Path) -> Path:
    """Write ``fig`` to ``path`` as PNG (200 dpi), SVG or PDF, by its suffix, atomically.

    Files carry no date and SVG ids are salted with a constant, so that the same
    figure gives the same bytes. SVG text stays text (``svg.fonttype = none``) and PDF
    fonts are embedded as TrueType (``pdf.fonttype = 42``), so that both can be edited.
    Raises :class:`~geo.errors.InputError` for any other suffix.
    """
    import matplotlib as mpl

    from .. import __version__
    from .._io import write_atomically

    fmt = figure_format(path)
    creator = f"sahel-atlas {__version__} (matplotlib)"
    metadata_of: dict[str, dict[str, Any]] = {
        "png": {"Software": None},
        "svg": {"Date": None, "Creator": creator},
        "pdf": {"CreationDate": None, "ModDate": None, "Creator": creator, "Producer": None},
    }
    metadata = metadata_of[fmt]
    target = Path(path)
    rc: dict[RcKeyType, Any] = {
        "svg.hashsalt": SVG_SALT,
        "svg.fonttype": "none",
        "pdf.fonttype": 42,
        "font.family": FONT,
    }

    def write(handle) -> None:  # through the exclusive temporary file's own descriptor
        with mpl.rc_context(rc):
            fig.savefig(handle, format=fmt, dpi=PNG_DPI, metadata=metadata, facecolor="white")

    return write_atomically(target, write, binary=True)


def figure_bytes(fig: Figure, fmt: str) -> bytes:
    """``fig`` rendered to ``png``, ``svg`` or ``pdf`` in memory (as :func:`save_figure` would)."""
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = save_figure(fig, Path(folder) / f"figure.{fmt}")
        return path.read_bytes()


# --- drawing helpers -------------------------------------------------------------------


def _rgba(colour: str, alpha: float) -> tuple[float, float, float, float]:
    from matplotlib.colors import to_rgba

    return to_rgba(colour, alpha)


def _text(method, *args, **kwargs):
    """Call a matplotlib text method with text taken literally (no ``$...$`` mathtext)."""
    artist = method(*args, parse_math=False, **kwargs)
    return artist


@cache
def _glyphs() -> frozenset[int]:
    """The code points the bundled font can draw."""
    from matplotlib import font_manager
    from matplotlib.ft2font import FT2Font

    path = font_manager.findfont(font_manager.FontProperties(family=FONT), fallback_to_default=True)
    return frozenset(FT2Font(path).get_charmap())


def printable(text: str) -> str:
    """``text`` with the characters the figure's font lacks replaced: accents dropped
    when that helps (``ǂ`` has no fallback: ``?``), so that no glyph is missing.

    Examples
    --------
    >>> printable("Ménaka — Tidarméné")
    'Ménaka — Tidarméné'
    >>> printable("a\\u0300\\u4e2d\\u01c3b")
    'à?ǃb'
    """
    glyphs = _glyphs()
    text = unicodedata.normalize("NFC", str(text))
    out = []
    for char in text:
        if ord(char) in glyphs or char in "\n\t":
            out.append(char)
            continue
        plain = "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c))
        out.append(plain if plain and all(ord(c) in glyphs for c in plain) else "?")
    return "".join(out)
