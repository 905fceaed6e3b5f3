"""What a map, a snapshot and a report show: one validated :class:`MapSpec`.

A map recipe (``maps/*.toml``, :mod:`geo.recipes`), the options of ``geo map``,
``geo snapshot`` and ``geo report``, and the keyword arguments of
:func:`geo.render.web.build_map`, :func:`geo.render.figures.snapshot` and
:func:`geo.render.report.build_report` all become a :class:`MapSpec`, through the same
parsers (:mod:`geo.render.options`: one per kind of option, told where each value came
from), so that a bad value gets the same reason either way::

    maps/x.toml: bbox = [5.0, 14.6, 0.5, 17.6]: the bounding box takes four numbers ...
    --bbox '5,14.6,0.5,17.6': the bounding box takes four numbers ...

:meth:`MapSpec.check` then checks a spec against the data (the area is an area of the
gazetteer, not a town; the actors exist), which would otherwise fail only while drawing.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import InputError
from .options import (
    CLI,
    EVERY,
    METHODS,
    OPTIONS,
    PYTHON,
    STEPS,
    Source,
    flat_params,
    nested_params,
    parse_actors,
    parse_area,
    parse_bbox,
    parse_bound,
    parse_every,
    parse_method,
    parse_params,
    parse_step,
    parse_title,
    parse_window_days,
    show,
)

if TYPE_CHECKING:
    from collections.abc import Callable

    from ..actors import ActorIndex
    from ..gazetteer import Gazetteer

__all__ = ["EVERY", "METHODS", "STEPS", "MapSpec", "Source", "area_problem", "show"]


# --- the spec ----------------------------------------------------------------------------


@dataclass(frozen=True)
class MapSpec:
    """What a map, a snapshot or a report shows: dates, extent, actors, zones, steps, title.

    Frozen and hashable; every value is checked when the spec is made, by the parsers a
    recipe and the command line use too (:meth:`from_recipe_table`, :meth:`from_cli`),
    every mistake reported at once. :meth:`check` checks it against the data.

    Parameters
    ----------
    title, subtitle : str, optional
        The title (``None``: the renderer's own) and a subtitle (``None``: the range and step).
    start, end : datetime.date, optional
        The first and last day shown (open when ``None``).
    at : datetime.date, optional
        The day a snapshot shows.
    area : str, optional
        An area of the gazetteer (id or name), the extent; or
    bbox : (west, south, east, north), optional
        the extent in degrees.
    actors : tuple of str, optional
        Actor ids or names (``None``: every actor).
    method : {"buffer", "voronoi"}
        How places become areas; ``params`` its parameters, as ``--param`` names them
        (kept flat, ``(("radius_km.town", 20.0),)``; :attr:`influence_params` nests them).
    step : str
        How a map's time control moves (:data:`STEPS`).
    window_days : int, optional
        The days of incidents shown at each step (a snapshot: to its day, default 30).
    intensity : bool
        Add the incidents-per-cercle choropleth to a map.
    zones : bool
        Draw the influence zones.
    every : str
        The period of a report's charts (:data:`EVERY`).
    source : Source
        Where the values came from, for the messages (not compared, not hashed).

    Examples
    --------
    >>> import datetime as dt
    >>> spec = MapSpec(area="ml-region-menaka", start=dt.date(2022, 1, 1), actors=["isgs"],
    ...                params={"radius_km": {"town": 20}})
    >>> spec.actors, spec.params, spec.influence_params
    (('isgs',), (('radius_km.town', 20.0),), {'radius_km': {'town': 20.0}})
    >>> spec == MapSpec.from_cli(area="ml-region-menaka", start="2022-01", actors="isgs", param=["radius_km.town=20"])
    True
    >>> hash(spec) == hash(dataclasses.replace(spec))
    True
    >>> MapSpec(step="daily", bbox=(5, 14, 1, 17))  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    geo.errors.InputError: bbox=(5, 14, 1, 17): the bounding box ... west must be less than east ...
    step='daily': unknown step; choose auto, event, week, month, quarter or year
    """

    title: str | None = None
    subtitle: str | None = None
    start: dt.date | None = None
    end: dt.date | None = None
    at: dt.date | None = None
    area: str | None = None
    bbox: tuple[float, float, float, float] | None = None
    actors: tuple[str, ...] | None = None
    method: str = "buffer"
    params: tuple[tuple[str, Any], ...] = ()
    step: str = "auto"
    window_days: int | None = None
    intensity: bool = False
    zones: bool = True
    every: str = "month"
    source: Source = field(default=PYTHON, compare=False, hash=False, repr=False)

    def __post_init__(self) -> None:
        values, problems = _parse(self._given(), self.source)
        if problems:
            raise InputError("\n".join(problems))
        for name, value in values.items():
            object.__setattr__(self, name, value)

    def _given(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in dataclasses.fields(self) if f.name != "source"}

    @property
    def influence_params(self) -> dict[str, Any]:
        """The parameters as :class:`geo.influence.Influence` takes them (``radius_km`` a mapping)."""
        return nested_params(self.params)

    @classmethod
    def from_cli(cls, **options: Any) -> MapSpec:
        """A spec from command-line texts, by keyword (``start="2022-01"``, ``bbox="0,14,4,17"``,
        ``actors="isgs,jnim"``, ``param=["max_km=30"]``, ``window=30``); ``None`` for an option
        not given. Raises :class:`~geo.errors.InputError` naming the first bad option, in one
        line (a command's error is one line).

        Examples
        --------
        >>> MapSpec.from_cli(start="2023", end="2022").start  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        geo.errors.InputError: --from '2023', --to '2022': the range ends (2022-12-31) before it starts ...
        """
        options["params"] = _CliParams(tuple(options.pop("param", None) or ()), options.pop("window", None))
        values, problems = _parse(options, CLI)
        if problems:  # the first, on one line: what every command promises its errors are
            raise InputError(problems[0])
        return cls(**values, source=CLI)

    @classmethod
    def from_recipe_table(cls, path: Path, table: Mapping[str, Any]) -> tuple[MapSpec | None, list[str]]:
        """A spec from a recipe's table (keys as in a recipe: ``from``, ``to``, ``bbox``...), or
        ``None`` and every problem, each naming the file and the key. Keys that are not a
        map's (``out``) are left to the caller.

        Examples
        --------
        >>> spec, problems = MapSpec.from_recipe_table(Path("x.toml"), {"from": "2022", "step": "daily"})
        >>> spec, problems
        (None, ["x.toml: step = 'daily': unknown step; choose auto, event, week, month, quarter or year"])
        """
        source = Source(Path(path))
        given = {OPTIONS[key].keyword: value for key, value in table.items() if key in OPTIONS}
        values, problems = _parse(given, source)
        if problems:
            return None, problems
        return cls(**values, source=source), []

    def problems(self, gazetteer: Gazetteer | None = None, actors: ActorIndex | None = None) -> list[str]:
        """What the data refutes: an area that is not an area of ``gazetteer`` (a town, an
        unknown name), actors that ``actors`` (an actor index: ``records.actors``) does not
        know; each problem names the file and key (or option) and the fix.

        Examples
        --------
        >>> from geo.gazetteer import Gazetteer
        >>> spec, _ = MapSpec.from_recipe_table(Path("maps/x.toml"), {"area": "ml-menaka"})
        >>> print(spec.problems(Gazetteer.load())[0])  # doctest: +ELLIPSIS
        maps/x.toml: area = 'ml-menaka': the city Ménaka [ml-menaka] is a point, not an area; ..."ml-region-menaka" ...
        """
        from ..errors import ActorNotFoundError

        problems: list[str] = []
        if self.area is not None and gazetteer is not None:
            reason = area_problem(gazetteer, self.area, self.source)
            if reason:
                problems.append(f"{self.source.where('area', self.area)}: {reason}")
        if self.actors and actors is not None:
            shown: Any = ",".join(self.actors) if self.source.cli else list(self.actors)
            for name in self.actors:
                try:
                    actors.require(name)
                except ActorNotFoundError as error:
                    problems.append(f"{self.source.where('actors', shown)}: {error}")
        return problems

    def check(self, gazetteer: Gazetteer | None = None, actors: ActorIndex | None = None) -> MapSpec:
        """:meth:`problems`, raising :class:`~geo.errors.InputError` that lists them; the spec otherwise.

        Examples
        --------
        >>> from geo.gazetteer import Gazetteer
        >>> MapSpec.from_cli(area="ml-region-menaka").check(Gazetteer.load()).area
        'ml-region-menaka'
        """
        problems = self.problems(gazetteer, actors)
        if problems:
            raise InputError("\n".join(problems))
        return self

    def replace(self, **changes: Any) -> MapSpec:
        """A copy with ``changes`` (Python keywords), checked as a new spec is."""
        return dataclasses.replace(self, **changes)


@dataclass(frozen=True)
class _CliParams:
    items: tuple[str, ...]
    window: Any = None


def _parse(given: Mapping[str, Any], source: Source) -> tuple[dict[str, Any], list[str]]:
    """Every keyword of a spec through its parser: the values, and every problem."""
    problems: list[str] = []
    values: dict[str, Any] = {}

    def run(name: str, parse: Callable[..., object], *args: Any, **kwargs: Any) -> None:
        try:
            values[name] = parse(*args, **kwargs)
        except InputError as error:
            problems.extend(str(error).split("\n"))

    for name, key in (("title", "title"), ("subtitle", "subtitle")):
        if given.get(name) is not None:
            run(name, parse_title, given[name], key, source)
    for name, key in (("start", "from"), ("end", "to"), ("at", "at")):
        if given.get(name) is not None:
            run(name, parse_bound, given[name], key, source)
    start, end = values.get("start"), values.get("end")
    if start and end and end < start:
        to = source.where("to", given["end"]).removeprefix(f"{source.file}: ")
        problems.append(
            f"{source.where('from', given['start'])}, {to}: the range ends ({end}) before it starts ({start}); "
            "swap the two dates"
        )
    if given.get("at") is not None and (given.get("start") is not None or given.get("end") is not None):
        problems.append(f"{source.where('at', given['at'])}: give {source.name('at')} or a range, not both")
    if given.get("area") is not None:
        run("area", parse_area, given["area"], source)
    if given.get("bbox") is not None:
        run("bbox", parse_bbox, given["bbox"], source)
    if given.get("area") is not None and given.get("bbox") is not None:
        where = f"{source.file}: " if source.file is not None else ""
        area, bbox = source.name("area"), source.name("bbox")
        fix = "remove one of the two lines" if source.file is not None else "give one of the two"
        problems.append(f"{where}give {area} or {bbox}, not both; {fix}")
    if given.get("actors") is not None:
        run("actors", parse_actors, given["actors"], source)
    method = given.get("method")
    run("method", parse_method, method, source)
    params = given.get("params")
    if "method" in values:
        if isinstance(params, _CliParams):  # --param items and --window
            run("params", parse_params, list(params.items), values["method"], source, window=params.window)
        elif isinstance(params, tuple):  # a spec's own flat items
            run("params", parse_params, nested_params(params), values["method"], source)
        else:  # a table (a recipe, Python), or None for none
            run("params", parse_params, params, values["method"], source)
        if "params" in values:
            values["params"] = flat_params(values["params"])
    run("step", parse_step, given.get("step"), source)
    if given.get("window_days") is not None:
        run("window_days", parse_window_days, given["window_days"], source)
    run("every", parse_every, given.get("every"), source)
    for name, default in (("intensity", False), ("zones", True)):
        value = given.get(name)
        if value is None:
            values[name] = default
        elif not isinstance(value, bool):
            problems.append(source.problem(name, value, "must be true or false"))
        else:
            values[name] = value
    return values, problems


# --- against the data --------------------------------------------------------------------------


def area_problem(gazetteer: Gazetteer, area: str, source: Source = CLI) -> str | None:
    """Why ``area`` is not an area of ``gazetteer`` (a town, an unknown or ambiguous name), with
    the fix: the region that holds a town, or a bounding box around it; ``None`` when it is one.

    Examples
    --------
    >>> from geo.gazetteer import Gazetteer
    >>> area_problem(Gazetteer.load(), "ml-region-menaka") is None
    True
    """
    from .. import schema
    from ..errors import AmbiguousPlaceError, PlaceNotFoundError

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
            bbox = source.name("bbox")
            return (
                f"no area has this id or name; {hint}give an area id (`geo places --tier area` lists them) or a {bbox}"
            )
    if place.tier == schema.AREA and place.id in ids:
        return None
    kinds = {"region": 0, "province": 1, "cercle": 2}
    holders = [
        p for p in gazetteer.areas.containing(place.lat, place.lon) if p.get("kind") in kinds and not p.get("valid_to")
    ]
    holders.sort(key=lambda p: kinds[p["kind"]])
    lat, lon = place.lat, place.lon
    box = (round(lon - 0.5, 1), round(lat - 0.5, 1), round(lon + 0.5, 1), round(lat + 0.5, 1))
    if source.cli:
        area_fix = f"--area {holders[0]['id']}" if holders else ""
        box_fix = "--bbox " + ",".join(f"{v:.1f}" for v in box)
    elif source.file is not None:
        area_fix = f'area = "{holders[0]["id"]}"' if holders else ""
        box_fix = "bbox = [" + ", ".join(f"{v:.1f}" for v in box) + "]"
    else:
        area_fix = f'area="{holders[0]["id"]}"' if holders else ""
        box_fix = "bbox=(" + ", ".join(f"{v:.1f}" for v in box) + ")"
    suggestion = f"{area_fix} ({holders[0]['name']}, which holds it), or " if holders else ""
    return (
        f"the {place.kind} {place.name} [{place.id}] is a point, not an area; "
        f"give {suggestion}a bounding box around it such as {box_fix}"
    )
