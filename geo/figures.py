"""The old home of the static figures, kept so that code written against it still runs:
they are :mod:`geo.render.figures` now. New code imports from there."""

from .render.figures import FORMATS, area_chart, figure_bytes, figure_format, save_figure, snapshot

__all__ = ["FORMATS", "area_chart", "figure_bytes", "figure_format", "save_figure", "snapshot"]
