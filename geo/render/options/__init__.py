"""The options of a map, a snapshot and a report, defined once (rasterio's options registry):
one parser per kind of option, used by a recipe (:mod:`geo.recipes`), the command line
(``geo map``, ``snapshot``, ``report``, ``chart``) and Python keywords alike, through
:class:`geo.render.spec.MapSpec`.

Each parser is told where its value came from (a :class:`Source`: a recipe file, the
command line or Python), so that a bad value gets the same reason whichever way it came,
the place named as the user wrote it and the example of a fix in that source's syntax::

    maps/x.toml: bbox = [5.0, 14.6, 0.5, 17.6]: the bounding box takes four numbers ...
    --bbox '5,14.6,0.5,17.6': the bounding box takes four numbers ...

The parsers live by kind: :mod:`.source` (the registry and the messages), :mod:`.dates`
(from, to, at, window, step, every), :mod:`.extent` (bbox, area), :mod:`.content`
(actors, titles) and :mod:`.method` (method and params).
"""

from .content import parse_actors, parse_title
from .dates import EVERY, STEPS, parse_bound, parse_every, parse_step, parse_window_days
from .extent import BBOX_FIX, parse_area, parse_bbox
from .method import METHODS, flat_params, nested_params, parse_method, parse_params
from .source import CLI, OPTIONS, PYTHON, Option, Source, show

__all__ = [
    "BBOX_FIX",
    "CLI",
    "EVERY",
    "METHODS",
    "OPTIONS",
    "PYTHON",
    "STEPS",
    "Option",
    "Source",
    "flat_params",
    "nested_params",
    "parse_actors",
    "parse_area",
    "parse_bbox",
    "parse_bound",
    "parse_every",
    "parse_method",
    "parse_params",
    "parse_step",
    "parse_title",
    "parse_window_days",
    "show",
]
