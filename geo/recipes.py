"""Map recipes: the standard maps, one TOML file each in ``maps/``.

A recipe names what one map shows; every key is optional except ``title``::

    title = "The Ménaka offensive, 2022–2023"
    subtitle = "ISGS against the MSA and GATIA"   # default: the range and the step
    from = "2022-01"            # EDTF: the first day it allows
    to = "2023-04"              # EDTF: the last day it allows
    area = "ml-region-menaka"   # an area of the gazetteer, or
    bbox = [0.0, 14.5, 4.5, 17.5]   # west, south, east, north
    actors = ["isgs", "jnim"]   # ids or names; default: every actor
    method = "buffer"           # or "voronoi"
    params = { max_km = 40 }    # the method's parameters
    step = "event"              # event, week, month, quarter, year or auto
    window_days = 30            # incidents shown for this many days to each step
    intensity = true            # add the incidents-per-cercle choropleth
    out = "menaka-2022-2023.html"   # default: the recipe's file name

:func:`load_recipe` reads and checks one; a mistake is reported with the file, the
key, the value and how to fix it.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import InputError

__all__ = ["RECIPE_KEYS", "Recipe", "load_recipe"]

RECIPE_KEYS = {
    "title": str,
    "subtitle": str,
    "from": str,
    "to": str,
    "area": str,
    "bbox": list,
    "actors": list,
    "method": str,
    "params": dict,
    "step": str,
    "window_days": int,
    "intensity": bool,
    "out": str,
}


@dataclass(frozen=True)
class Recipe:
    """One map recipe, checked."""

    path: Path
    title: str
    out: str
    subtitle: str | None = None
    start: dt.date | None = None
    end: dt.date | None = None
    area: str | None = None
    bbox: tuple[float, float, float, float] | None = None
    actors: list[str] | None = None
    method: str = "buffer"
    params: dict[str, Any] = field(default_factory=dict)
    step: str = "auto"
    window_days: int | None = None
    intensity: bool = False

    @property
    def name(self) -> str:
        return self.path.stem

    def map_options(self) -> dict[str, Any]:
        """The keyword arguments of :func:`geo.maps.build_map`."""
        return {
            "title": self.title,
            "subtitle": self.subtitle,
            "start": self.start,
            "end": self.end,
            "area": self.area,
            "bbox": self.bbox,
            "actors": self.actors,
            "method": self.method,
            "params": self.params,
            "step": self.step,
            "window_days": self.window_days,
            "intensity": self.intensity,
        }


def load_recipe(path: str | Path) -> Recipe:
    """Read and check the recipe at ``path``.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "north.toml").write_text('title = "North"\\nfrom = "2012"\\nto = "2013"\\n', encoding="utf-8")
    >>> recipe = load_recipe(folder / "north.toml")
    >>> recipe.start, recipe.end, recipe.out
    (datetime.date(2012, 1, 1), datetime.date(2013, 12, 31), 'north.html')
    """
    from .dates import parse_date

    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError(f"{path}: no such recipe; recipes are the .toml files in maps/") from None
    except tomllib.TOMLDecodeError as error:
        raise InputError(f"{path}: not valid TOML: {error}") from None

    def bad(key: str, message: str) -> InputError:
        return InputError(f"{path}: {key} = {data.get(key)!r}: {message}")

    unknown = sorted(set(data) - set(RECIPE_KEYS))
    if unknown:
        raise InputError(f"{path}: unknown key(s) {', '.join(unknown)}; a recipe may set {', '.join(RECIPE_KEYS)}")
    for key, kind in RECIPE_KEYS.items():
        if (key in data and not isinstance(data[key], kind)) or (kind is int and isinstance(data.get(key), bool)):
            raise bad(key, f"must be {kind.__name__}")
    if "title" not in data or not data["title"].strip():
        raise InputError(f'{path}: no title; add a line such as title = "Northern Mali, 2012-2013"')

    def day(key: str, *, last: bool) -> dt.date | None:
        if key not in data:
            return None
        try:
            span = parse_date(data[key])
        except InputError as error:
            raise bad(key, str(error)) from None
        value = span.latest if last else span.earliest
        if value is None:
            raise bad(key, "give a closed date such as 2022-03")
        return value

    bbox = data.get("bbox")
    if bbox is not None:
        if len(bbox) != 4 or not all(isinstance(v, int | float) for v in bbox):
            raise bad("bbox", "give four numbers: west, south, east, north")
        bbox = tuple(float(v) for v in bbox)
    actors = data.get("actors")
    if actors is not None and not all(isinstance(a, str) for a in actors):
        raise bad("actors", 'give a list of actor ids or names, such as ["isgs", "jnim"]')
    if "area" in data and "bbox" in data:
        raise InputError(f"{path}: give area or bbox, not both")
    method = data.get("method", "buffer")
    if method not in ("buffer", "voronoi"):
        raise bad("method", "choose buffer or voronoi")
    step = data.get("step", "auto")
    if step not in ("auto", "event", "week", "month", "quarter", "year"):
        raise bad("step", "choose auto, event, week, month, quarter or year")
    if "window_days" in data and data["window_days"] < 1:
        raise bad("window_days", "must be at least 1")
    out = data.get("out", f"{path.stem}.html")
    if "/" in out or "\\" in out or not out.endswith(".html"):
        raise bad("out", "give a file name ending in .html (it is written to the output folder)")
    return Recipe(
        path=path,
        title=data["title"],
        out=out,
        subtitle=data.get("subtitle"),
        start=day("from", last=False),
        end=day("to", last=True),
        area=data.get("area"),
        bbox=bbox,
        actors=actors,
        method=method,
        params=data.get("params", {}),
        step=step,
        window_days=data.get("window_days"),
        intensity=data.get("intensity", False),
    )
