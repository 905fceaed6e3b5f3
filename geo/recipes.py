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

:func:`load_recipe` reads one and checks its keys by type, then builds its
:class:`~geo.render.spec.MapSpec` through the parsers the command line uses too (so that
a bad value gets the same reason from a recipe and from ``geo map``);
:func:`check_recipes` checks several against the data (:meth:`MapSpec.problems
<geo.render.spec.MapSpec.problems>`: the area is an area of the gazetteer, the actors
exist) and each other (no two recipes write one file) before anything is drawn. A
mistake is reported with the file, the key, the value and how to fix it, every mistake
at once.
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

from ._input import MAX_WINDOW_DAYS
from .errors import InputError
from .render.options import METHODS, STEPS, show
from .render.spec import MapSpec

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
__all__ += ["METHODS", "STEPS"]  # re-exported from geo.render.spec, where they are defined
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
    """One map recipe, checked: its file, title, output name, and the :class:`MapSpec` it draws.

    The spec's fields read through (``recipe.start``, ``recipe.area``, ``recipe.step``...);
    ``recipe.params`` is the nested mapping :class:`~geo.influence.Influence` takes.
    """

    path: Path
    title: str
    out: str
    spec: MapSpec = field(default_factory=MapSpec)

    @property
    def name(self) -> str:
        return self.path.stem

    @property
    def params(self) -> dict[str, Any]:
        """The method's parameters, as :class:`geo.influence.Influence` takes them."""
        return self.spec.influence_params

    # The spec's fields, read through.
    subtitle = property(lambda self: self.spec.subtitle, doc="The subtitle, or None (the range and the step).")
    start = property(lambda self: self.spec.start, doc="The first day shown, or None.")
    end = property(lambda self: self.spec.end, doc="The last day shown, or None.")
    area = property(lambda self: self.spec.area, doc="The area of the gazetteer that is the extent, or None.")
    bbox = property(lambda self: self.spec.bbox, doc="West, south, east and north, or None.")
    actors = property(
        lambda self: list(self.spec.actors) if self.spec.actors else None, doc="The actors shown (None: every actor)."
    )
    method = property(lambda self: self.spec.method, doc="How places become areas: buffer or voronoi.")
    step = property(lambda self: self.spec.step, doc="How the time control moves.")
    window_days = property(lambda self: self.spec.window_days, doc="The days of incidents shown at each step.")
    intensity = property(lambda self: self.spec.intensity, doc="Whether the intensity choropleth is added.")


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
    """Check the keys of one recipe's table: the recipe, or None and every problem found.

    Keys are checked here by type (a recipe is TOML: booleans are not numbers, text is
    quoted); their values by :meth:`MapSpec.from_recipe_table
    <geo.render.spec.MapSpec.from_recipe_table>`, whose parsers the command line uses too.
    """
    problems: list[str] = []

    def bad(key: str, message: str) -> None:
        problems.append(f"{path}: {key} = {show(data.get(key))}: {message}")

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
            values[key] = value  # the window's parser says why
            continue
        if kind is int and _is_number(value):
            value = int(value)
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            name = _TYPE_NAMES[kind]
            bad(key, f"must be {name}{' (text in quotes)' if kind is str else ''}, such as {_EXAMPLES[key]}")
            continue
        values[key] = value

    if "title" not in data:
        problems.append(f'{path}: no title; add a line such as title = "Northern Mali, 2012-2013"')
    spec, found = MapSpec.from_recipe_table(path, {k: v for k, v in values.items() if k != "out"})
    # A bad method leaves the params unchecked: they are checked against the method's names.
    problems.extend(found)

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
    if problems or spec is None:
        return None, problems
    return Recipe(path=path, title=spec.title or "", out=out, spec=spec), []


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
    geo.recipes.RecipeError: .../x.toml: bbox = [true, 14.6, 5.0, 17.6]: west true: not a number; the bounding box ...
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
    (a town, say, or an unknown name), actors that ``records`` do not know
    (:meth:`geo.render.spec.MapSpec.problems`).

    Examples
    --------
    >>> import tempfile
    >>> from geo.gazetteer import Gazetteer
    >>> path = Path(tempfile.mkdtemp()) / "x.toml"
    >>> _ = path.write_text('title = "x"\\narea = "ml-menaka"\\n', encoding="utf-8")
    >>> print(recipe_problems(load_recipe(path), gazetteer=Gazetteer.load())[0])  # doctest: +ELLIPSIS
    /.../x.toml: area = 'ml-menaka': the city Ménaka [ml-menaka] is a point, not an area; ..."ml-region-menaka" ...
    """
    return recipe.spec.problems(gazetteer, records.actors if records is not None else None)


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
