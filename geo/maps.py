"""The old home of the interactive map, kept so that code written against it still runs:
the map is :mod:`geo.render.web`, the page helpers are :mod:`geo.render.page`, and the
selection of records is :mod:`geo.render.select`. New code imports from there."""

from .render.page import http_url, inline_assets, json_for_script, write_html
from .render.select import in_range, map_extent, select_incidents
from .render.web import AtlasMap, Verbatim, build_map

__all__ = [
    "AtlasMap",
    "Verbatim",
    "build_map",
    "http_url",
    "in_range",
    "inline_assets",
    "json_for_script",
    "map_extent",
    "select_incidents",
    "write_html",
]
