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

:func:`load_recipe` reads and checks one by type and range; :func:`check_recipes`
checks several against the data (the area is an area of the gazetteer, the actors
exist, no two recipes write one file) before anything is drawn. A mistake is
reported with the file, the key, the value and how to fix it, every mistake at once.
"""

from __future__ import annotations

import datetime as dt
import difflib
import math
import numbers
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ._validate import MAX_WINDOW_DAYS
from .errors import InputError

if TYPE_CHECKING:
    from .gazetteer import Gazetteer
    from .records import Records

__all__ = ["RECIPE_KEYS", "Recipe", "RecipeError", "check_recipes", "load_recipe", "recipe_problems"]

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
STEPS = ("auto", "event", "week", "month", "quarter", "year")
METHODS = ("buffer", "voronoi")  # geo.influence.METHODS, checked against it in the tests
WINDOW_DAYS = (1, MAX_WINDOW_DAYS)  # the incidents' window of a map, as geo map --window-days takes it
MAX_RECIPE_BYTES = 1_000_000
MAX_NAME_BYTES = 255  # a file name, on every common file system
# Names people write for a key, beyond what difflib finds.
KEY_ALIASES = {"start": "from", "end": "to", "since": "from", "until": "to", "window": "window_days", "output": "out"}
_TYPE_NAMES = {str: "str", list: "a list", dict: "a table", int: "a whole number", bool: "true or false"}
_EXAMPLES = {
    "title": 'title = "Northern Mali, 2012-2013"',
    "subtitle": 'subtitle = "Zones from cited claims"',
    "from": 'from = "2022-01"',
    "to": 'to = "2023-04"',
    "area": 'area = "ml-region-menaka"',
    "bbox": "bbox = [0.5, 14.6, 5.0, 17.6]",
    "actors": 'actors = ["isgs", "jnim"]',
    "method": 'method = "buffer"',
    "params": "params = { max_km = 40 }",
    "step": 'step = "month"',
    "window_days": "window_days = 30",
    "intensity": "intensity = true",
    "out": 'out = "menaka-2022-2023.html"',
}


class RecipeError(InputError):
    """One or more recipes are mistaken; ``problems`` lists every mistake, one line each."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = list(problems)
        if len(self.problems) == 1:
            message = self.problems[0]
        else:
            message = f"{len(self.problems)} problems in the recipes, nothing drawn:\n  " + "\n  ".join(self.problems)
        super().__init__(message)


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
        """The keyword arguments of :func:`geo.render.web.build_map`."""
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


def show(value: Any, limit: int = 80) -> str:
    """A value as a recipe would write it, shortened: ``true``, ``nan``, ``[1, 2]``.

    Examples
    --------
    >>> show([True, 14.6, float("nan"), "x"])
    "[true, 14.6, nan, 'x']"
    """
    if isinstance(value, bool):
        text = "true" if value else "false"
    elif isinstance(value, float) and not math.isfinite(value):
        text = "nan" if math.isnan(value) else ("inf" if value > 0 else "-inf")
    elif isinstance(value, list | tuple):
        text = "[" + ", ".join(show(v, limit) for v in value[:20]) + (", ..." if len(value) > 20 else "") + "]"
    elif isinstance(value, dict):
        items = list(value.items())[:20]
        text = (
            "{ " + ", ".join(f"{k} = {show(v, limit)}" for k, v in items) + (", ..." if len(value) > 20 else "") + " }"
        )
    elif isinstance(value, dt.date | dt.time):
        text = value.isoformat()
    else:
        text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _is_number(value: Any) -> bool:
    return isinstance(value, numbers.Real) and not isinstance(value, bool)


def _finite(value: Any) -> bool:
    return _is_number(value) and (not isinstance(value, float) or math.isfinite(value))


def _read(path: Path) -> tuple[dict[str, Any] | None, str | None]:
    """The recipe's table, or the reason it cannot be read."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None, f"{path}: no such recipe; recipes are the .toml files in maps/"
    except IsADirectoryError:
        return None, f"{path}: a folder, not a recipe; give the .toml files in it"
    except (OSError, ValueError) as error:  # ValueError: a NUL in the path
        reason = getattr(error, "strerror", None) or error
        return None, f"{path}: cannot be read ({reason}); check the path and its permissions"
    if len(raw) > MAX_RECIPE_BYTES:
        return None, f"{path}: {len(raw):,} bytes is not a recipe (at most {MAX_RECIPE_BYTES:,}); give a map recipe"
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        return None, (
            f"{path}: not UTF-8: byte 0x{raw[error.start]:02x} at offset {error.start} (line {line}, column "
            f"{column}); save the recipe as UTF-8 (e.g. iconv -f latin1 -t utf-8 {path.name})"
        )
    text = text.removeprefix("\ufeff")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        return None, f"{path}: not valid TOML: {error}; see https://toml.io for the syntax"
    except RecursionError:
        return (
            None,
            f"{path}: not valid TOML: tables or lists nested too deeply; "
            "a recipe holds text, numbers, lists and one params table",
        )
    return data, None


def recipe_from_table(path: Path, data: dict[str, Any]) -> tuple[Recipe | None, list[str]]:
    """Check the keys of one recipe's table: the recipe, or None and every problem found."""
    from .dates import parse_date
    from .influence import param_problems

    problems: list[str] = []

    def bad(key: str, message: str, value: Any = None) -> None:
        shown = show(data.get(key) if value is None else value)
        problems.append(f"{path}: {key} = {shown}: {message}")

    unknown = [key for key in data if key not in RECIPE_KEYS]
    if unknown:
        hints = []
        for key in unknown:
            close = difflib.get_close_matches(key, list(RECIPE_KEYS), n=1, cutoff=0.6)
            alias = KEY_ALIASES.get(key.lower()) or (close[0] if close else None)
            shown = key if key.replace("-", "_").isidentifier() else repr(key)
            hints.append(f"{shown} (did you mean {alias}?)" if alias else shown)
        problems.append(f"{path}: unknown key(s) {', '.join(hints)}; a recipe may set {', '.join(RECIPE_KEYS)}")

    values: dict[str, Any] = {}
    for key, kind in RECIPE_KEYS.items():
        if key not in data:
            continue
        value = data[key]
        if key in ("from", "to") and isinstance(value, dt.date) and not isinstance(value, dt.datetime):
            value = value.isoformat()  # a TOML date: from = 2022-01-01
        if kind is int and _is_number(value) and (not _finite(value) or int(value) != value):
            bad(key, f"not a whole number; give one, such as {_EXAMPLES[key]}")
            continue
        if kind is int and _is_number(value):
            value = int(value)
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            name = _TYPE_NAMES[kind]
            bad(key, f"must be {name}{' (text in quotes)' if kind is str else ''}, such as {_EXAMPLES[key]}")
            continue
        values[key] = value

    title = values.get("title")
    if "title" not in data:
        problems.append(f'{path}: no title; add a line such as title = "Northern Mali, 2012-2013"')
    elif title is not None and not title.strip():
        bad("title", 'an empty title; give one, such as title = "Northern Mali, 2012-2013"')

    def day(key: str, *, last: bool) -> dt.date | None:
        if key not in values:
            return None
        try:
            span = parse_date(values[key])
        except ValueError as error:  # InputError, or anything the parser lets through
            bad(key, f"{error}", values[key])
            return None
        value = span.latest if last else span.earliest
        if value is None:
            bad(key, "an open date; give a closed one such as 2022-03", values[key])
        return value

    start, end = day("from", last=False), day("to", last=True)
    if start and end and end < start:
        problems.append(
            f"{path}: from = {show(values['from'])}, to = {show(values['to'])}: the range ends ({end}) before it "
            f"starts ({start}); swap the two dates"
        )

    area = values.get("area")
    if area is not None and not area.strip():
        bad("area", 'an empty area; give an area id such as area = "ml-region-menaka", or leave area out')
        area = None
    if "area" in data and "bbox" in data:
        problems.append(f"{path}: give area or bbox, not both; remove one of the two lines")

    bbox = _check_bbox(values.get("bbox"), bad) if "bbox" in values else None

    actors = values.get("actors")
    if actors is not None:
        if not actors:
            bad("actors", "an empty list; name at least one actor, or leave actors out for every actor")
            actors = None
        elif not all(isinstance(a, str) and a.strip() for a in actors):
            bad("actors", 'give a list of actor ids or names, such as actors = ["isgs", "jnim"]')
            actors = None

    method = values.get("method", "buffer")
    if method not in METHODS:
        bad("method", f"unknown method; choose buffer or voronoi, such as {_EXAMPLES['method']}")
        method = None
    params: dict[str, Any] = {}
    if "params" in values and method is not None:
        params, found = param_problems(method, values["params"])
        for name, value, message in found:
            problems.append(f"{path}: params.{name} = {show(value)}: {message}")

    step = values.get("step", "auto")
    if step not in STEPS:
        bad("step", f"unknown step; choose {', '.join(STEPS[:-1])} or {STEPS[-1]}")

    window_days = values.get("window_days")
    if window_days is not None and not WINDOW_DAYS[0] <= window_days <= WINDOW_DAYS[1]:
        bad(
            "window_days",
            f"out of range; give the days of incidents shown at each step, {WINDOW_DAYS[0]} to "
            f"{WINDOW_DAYS[1]}, such as {_EXAMPLES['window_days']}",
        )

    out = values.get("out", f"{path.stem}.html")
    reason = _out_problem(out)
    if reason and "out" in values:
        bad(
            "out",
            f"{reason}; give a file name ending in .html (it is written to the output folder), "
            f"such as out = {show(path.stem + '.html')}",
        )
    elif reason:
        problems.append(
            f"{path}: out, by default the file's name, would be {show(out)}: {reason}; "
            'rename the file or give out = "name.html"'
        )
    if problems:
        return None, problems
    recipe = Recipe(
        path=path,
        title=title or "",
        out=out,
        subtitle=values.get("subtitle"),
        start=start,
        end=end,
        area=area,
        bbox=bbox,
        actors=actors,
        method=method or "buffer",
        params=params,
        step=step,
        window_days=window_days,
        intensity=values.get("intensity", False),
    )
    return recipe, []


def _check_bbox(bbox: list[Any], bad) -> tuple[float, float, float, float] | None:
    fix = "the bounding box takes four numbers (west, south, east, north) in degrees"
    example = _EXAMPLES["bbox"]
    if len(bbox) != 4:
        bad("bbox", f"{fix}, not {len(bbox)} values; such as {example}")
        return None
    if not all(_is_number(v) for v in bbox):
        kinds = sorted({"true/false" if isinstance(v, bool) else type(v).__name__ for v in bbox if not _is_number(v)})
        bad("bbox", f"{fix}, not {' or '.join(kinds)}; such as {example}")
        return None
    if not all(_finite(v) for v in bbox):
        bad("bbox", f"{fix}; nan and inf are not degrees; such as {example}")
        return None
    west, south, east, north = (float(v) for v in bbox)
    if not (-180 <= west <= 180 and -180 <= east <= 180 and -90 <= south <= 90 and -90 <= north <= 90):
        bad("bbox", f"{fix}: longitudes within -180..180, latitudes within -90..90; such as {example}")
        return None
    if not (west < east and south < north):
        swap = "west must be less than east" if west >= east else "south must be less than north"
        bad("bbox", f"{fix}: {swap} (is the order west, south, east, north?); such as {example}")
        return None
    return west, south, east, north


def _out_problem(out: str) -> str | None:
    """Why ``out`` is not a plain file name ending in .html, or None."""
    if not out.strip():
        return "an empty name"
    if "\x00" in out:
        return "a NUL character in the name"
    if any(ord(c) < 32 or ord(c) == 127 for c in out):
        return "a control character in the name"
    if "/" in out or "\\" in out:
        return "a path, not a file name (no / or \\; no folders)"
    if out in (".", "..") or out.startswith("."):
        return "a hidden or relative name (it starts with a dot)"
    if not out.lower().endswith(".html") or out.lower() == ".html":
        return "not an .html file name"
    if len(out.encode("utf-8", "surrogatepass")) > MAX_NAME_BYTES:
        return f"longer than {MAX_NAME_BYTES} bytes"
    if out != out.strip():
        return "spaces at the start or the end"
    return None


def load_recipe(path: str | Path) -> Recipe:
    """Read and check the recipe at ``path``; raise :class:`RecipeError` listing every mistake.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "north.toml").write_text('title = "North"\\nfrom = "2012"\\nto = "2013"\\n', encoding="utf-8")
    >>> recipe = load_recipe(folder / "north.toml")
    >>> recipe.start, recipe.end, recipe.out
    (datetime.date(2012, 1, 1), datetime.date(2013, 12, 31), 'north.html')
    >>> _ = (folder / "x.toml").write_text('title = "x"\\nbbox = [true, 14.6, 5.0, 17.6]\\n', encoding="utf-8")
    >>> load_recipe(folder / "x.toml")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    geo.recipes.RecipeError: .../x.toml: bbox = [true, 14.6, 5.0, 17.6]: the bounding box takes four numbers ...
    """
    path = Path(path)
    data, reason = _read(path)
    if data is None:
        raise RecipeError([reason or f"{path}: cannot be read"])
    recipe, problems = recipe_from_table(path, data)
    if recipe is None:
        raise RecipeError(problems)
    return recipe


def recipe_problems(recipe: Recipe, *, records: Records | None = None, gazetteer: Gazetteer | None = None) -> list[str]:
    """What in ``recipe`` the data refutes: an area that is not an area of ``gazetteer``
    (a town, say, or an unknown name), actors that ``records`` do not know.

    Examples
    --------
    >>> from geo.gazetteer import Gazetteer
    >>> recipe = Recipe(Path("maps/x.toml"), "x", "x.html", area="ml-menaka")
    >>> print(recipe_problems(recipe, gazetteer=Gazetteer.load())[0])  # doctest: +ELLIPSIS
    maps/x.toml: area = 'ml-menaka': the city Ménaka [ml-menaka] is a point, not an area; ..."ml-region-menaka" ...
    """
    problems: list[str] = []
    where = f"{recipe.path}"
    if recipe.area is not None and gazetteer is not None:
        reason = _area_problem(gazetteer, recipe.area)
        if reason:
            problems.append(f"{where}: area = {show(recipe.area)}: {reason}")
    if recipe.actors and records is not None:
        from .errors import ActorNotFoundError

        for name in recipe.actors:
            try:
                records.actors.require(name)
            except ActorNotFoundError as error:
                problems.append(f"{where}: actors = {show(recipe.actors)}: {error}")
    return problems


def _area_problem(gazetteer: Gazetteer, area: str) -> str | None:
    from . import schema
    from .errors import AmbiguousPlaceError, PlaceNotFoundError

    ids = gazetteer.areas.ids
    try:
        place = gazetteer.place(area)
    except PlaceNotFoundError:
        try:
            place = gazetteer.resolve(area)
        except AmbiguousPlaceError as error:
            areas = [p.id for p in error.candidates if p.tier == schema.AREA][:3]
            hint = f" such as {', '.join(areas)}" if areas else ""
            return f"several places have this name; give an area id{hint} (`geo places {area}` lists them)"
        except (PlaceNotFoundError, ValueError):
            names = {
                **{i: i for i in ids},
                **{str(p.get("name", "")).lower(): p["id"] for p in gazetteer.areas.properties},
            }
            close = difflib.get_close_matches(area.lower(), list(names), n=3, cutoff=0.6)
            hint = f"closest: {', '.join(dict.fromkeys(names[c] for c in close))}; " if close else ""
            return f"no area has this id or name; {hint}give an area id (`geo places --tier area` lists them) or a bbox"
    if place.tier == schema.AREA and place.id in ids:
        return None
    kinds = {"region": 0, "province": 1, "cercle": 2}
    holders = [
        p for p in gazetteer.areas.containing(place.lat, place.lon) if p.get("kind") in kinds and not p.get("valid_to")
    ]
    holders.sort(key=lambda p: kinds[p["kind"]])
    lat, lon = place.lat, place.lon
    box = f"[{lon - 0.5:.1f}, {lat - 0.5:.1f}, {lon + 0.5:.1f}, {lat + 0.5:.1f}]"
    suggestion = f'area = "{holders[0]["id"]}" ({holders[0]["name"]}, which holds it), or ' if holders else ""
    return (
        f"the {place.kind} {place.name} [{place.id}] is a point, not an area; "
        f"give {suggestion}a bounding box around it such as bbox = {box}"
    )


def check_recipes(
    recipes: Iterable[str | Path | Recipe],
    *,
    records: Records | None = None,
    gazetteer: Gazetteer | None = None,
) -> list[Recipe]:
    """Read and check every recipe, then check them against the data and each other.

    Raises :class:`RecipeError` listing every problem of every recipe (its keys, its
    area and actors, two recipes writing one file) when there is any: one mistaken
    recipe, and nothing should be drawn. ``records``/``gazetteer`` left out skip the
    checks that need them.

    Examples
    --------
    >>> import geo
    >>> folder = Path(geo.__file__).parents[1] / "maps"
    >>> [r.out for r in check_recipes(sorted(folder.glob("*.toml")))]
    ['mali-2012-2023.html', 'menaka-2022-2023.html', 'north-2012-2013.html']
    """
    problems: list[str] = []
    loaded: list[Recipe] = []
    for item in recipes:
        if isinstance(item, Recipe):
            loaded.append(item)
            continue
        try:
            loaded.append(load_recipe(item))
        except RecipeError as error:
            problems.extend(error.problems)
    writers: dict[str, Recipe] = {}
    for recipe in loaded:
        problems.extend(recipe_problems(recipe, records=records, gazetteer=gazetteer))
        first = writers.setdefault(recipe.out.casefold(), recipe)
        if first is recipe:
            continue
        if first.path.resolve() == recipe.path.resolve():
            problems.append(f"{recipe.path}: given twice; give each recipe once")
        else:
            problems.append(
                f"{recipe.path}: out = {show(recipe.out)}: {first.path} writes {show(first.out)} too; "
                "give one of the two another out name"
            )
    if problems:
        raise RecipeError(problems)
    return loaded
