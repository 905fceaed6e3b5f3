"""An actor's zone areas over time as a static figure.

Split from :mod:`geo.render.figures`.
"""

from __future__ import annotations

import datetime as dt
import textwrap
from typing import TYPE_CHECKING, Any

from .. import schema
from ..errors import InputError
from .glyphs import RC, literal_text, printable
from .saving import params_text
from .style import ZONE_ORDER, actor_colour, actor_name

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from ..influence import Influence

__all__ = ["CHART_STYLE", "ZONES", "area_chart"]

ZONES = schema.ZONES  # control, contested, activity, influence: the order of tables and legends
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
    with mpl.rc_context(RC):
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
        literal_text(ax.set_title, f"{name}: zone areas over time", loc="left", fontsize=12, fontweight="bold", pad=18)
        literal_text(
            ax.text, 0.0, 1.015, f"{span}, {every}ly", transform=ax.transAxes, fontsize=8, color="#444", va="bottom"
        )
        caption = (
            f"Method: {influence.method} ({params_text(influence.params)}). Zones are derived from cited claims and "
            "incidents (geo.influence), not ground truth; a place counts in its actor's strongest zone, and the "
            "activity zone (incidents of the trailing window) overlaps the others. Areas are geodesic."
        )
        literal_text(
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
