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

The figures are drawn by :mod:`geo.render.snapshot` (the map on one day), framed by
:mod:`geo.render.legend` (legend, scale bar, lon/lat axes, attribution), and
:mod:`geo.render.charts` (zone areas over time); they share :mod:`geo.render.glyphs`
(font, text, colours) and are written by :mod:`geo.render.saving`. Every name stays
importable from here.
"""

from __future__ import annotations

from .charts import CHART_STYLE as CHART_STYLE
from .charts import ZONES as ZONES
from .charts import area_chart
from .glyphs import FONT as FONT
from .glyphs import printable as printable
from .legend import FADED_TEXT as FADED_TEXT
from .legend import MAX_SOURCES_NAMED as MAX_SOURCES_NAMED
from .legend import ZONE_TEXT as ZONE_TEXT
from .legend import degrees as degrees
from .legend import nice_length_km as nice_length_km
from .saving import FORMATS, figure_bytes, figure_format, save_figure
from .saving import PNG_DPI as PNG_DPI
from .saving import SVG_SALT as SVG_SALT
from .saving import params_text as params_text
from .snapshot import CUT_RULE as CUT_RULE
from .snapshot import MAP_WIDTH_IN as MAP_WIDTH_IN
from .snapshot import MAX_LABELS as MAX_LABELS
from .snapshot import SEA as SEA
from .snapshot import SNAPSHOT_WINDOW_DAYS as SNAPSHOT_WINDOW_DAYS
from .snapshot import snapshot

__all__ = ["FORMATS", "area_chart", "figure_bytes", "figure_format", "save_figure", "snapshot"]
