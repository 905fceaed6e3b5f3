"""The map's margins: its legend, scale bar, lon/lat axes and attribution.

Split from :mod:`geo.render.figures`; drawn by :func:`geo.render.snapshot.snapshot`.
"""

from __future__ import annotations

import math
import textwrap
from typing import TYPE_CHECKING, cast

from . import credits
from .glyphs import FONT, literal_text, printable, rgba
from .style import FADED_FILL, FADED_LINESTYLE, FADED_OUTLINE, GREY, LAND, actor_colour, actor_name, incident_radius

if TYPE_CHECKING:
    from collections.abc import Collection

    from matplotlib.artist import Artist
    from matplotlib.axes import Axes
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    from ..place import Place
    from ..records import Records

__all__ = [
    "FADED_TEXT",
    "MAX_SOURCES_NAMED",
    "ZONE_TEXT",
    "attribution",
    "degrees",
    "draw_legend",
    "draw_scale_bar",
    "nice_length_km",
    "style_map_axes",
]

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
MAX_SOURCES_NAMED = 12


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


def draw_scale_bar(ax: Axes, west: float, south: float, east: float, north: float) -> None:
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


def draw_legend(ax: Axes, records: Records, actors: set[str], *, rules: Collection[str] = frozenset()) -> None:
    """Two legends right of the map: actors and zone styles, then incident sizes below.

    ``rules``: the rules seen among the zones drawn (keys of :data:`FADED_TEXT`), each
    explained by an entry.
    """
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    handles: list[Artist] = []
    headings: list[int] = []

    def heading(text: str) -> None:
        headings.append(len(handles))
        handles.append(Patch(facecolor="none", edgecolor="none", label=text))

    if actors:
        heading("Actors")
        for actor in sorted(actors, key=lambda a: (actor_name(records, a).lower(), a)):
            colour = actor_colour(records, actor)
            name = textwrap.shorten(printable(actor_name(records, actor)), 42, placeholder="…")
            handles.append(Patch(facecolor=rgba(colour, 0.6), edgecolor=colour, label=name))
    heading("Zones (derived from cited claims)")
    handles += [
        Patch(facecolor=rgba(GREY, 0.35), edgecolor=GREY, label=ZONE_TEXT["control"]),
        Patch(facecolor="none", edgecolor=GREY, hatch="////", label=ZONE_TEXT["contested"]),
        Patch(facecolor=rgba(GREY, 0.10), edgecolor=GREY, linewidth=0.8, label=ZONE_TEXT["influence"]),
        Patch(facecolor="none", edgecolor=GREY, linestyle=":", linewidth=1.6, label=ZONE_TEXT["activity"]),
        Patch(facecolor="none", edgecolor=GREY, linestyle="--", label="claimed only: dashed outline"),
        *(
            Patch(
                facecolor=rgba(GREY, 0.35 * FADED_FILL),
                edgecolor=rgba(GREY, FADED_OUTLINE),
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
            markerfacecolor=rgba(GREY, 0.7),
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
            markerfacecolor=rgba(GREY, 0.15),
            markeredgecolor=GREY,
            markeredgewidth=1.6,
            label="pale: date uncertain",
        )
    )
    renderer = cast("FigureCanvasAgg", ax.figure.canvas).get_renderer()  # figures are drawn by Agg
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


def style_map_axes(ax: Axes, mid_lat: float) -> None:
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


def attribution(fig: Figure, places: list[Place], sources: list[str]) -> None:
    if sources:
        named = ", ".join(sources[:MAX_SOURCES_NAMED])
        more = f" and {len(sources) - MAX_SOURCES_NAMED} more" if len(sources) > MAX_SOURCES_NAMED else ""
        records_text = f"Records: the cited sources ({named}{more}); see geo export or the interactive map"
    else:
        records_text = "Records: the cited sources (none for what is drawn here)"
    text = " · ".join(credits.attribution(places, records_text))
    width_chars = int(fig.get_size_inches()[0] * 15)
    literal_text(
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
