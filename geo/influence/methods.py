"""How a point place becomes an area: the methods as strategy classes with typed
parameters, one registry of them, and the one check of parameters used by the Python
API, the CLI's ``--param`` and recipes.

Each method is a :class:`Method` subclass naming its parameters' dataclass (``Params``)
and the rule of each parameter; :data:`METHOD_CLASSES` lists them, and everything else
(:data:`METHODS`, :data:`DEFAULT_PARAMS`, :data:`PARAM_RULES`) is derived from it. A new
method is one class and one line in the registry.

Examples
--------
>>> BufferMethod.Params().radius_km["town"], VoronoiMethod.Params().max_km
(15.0, 50.0)
>>> METHODS
('buffer', 'voronoi')
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar

import numpy as np

from .. import schema
from .._input import MAX_WINDOW_DAYS
from ..errors import InputError
from .geometry import Site, geodesic_disc, geodesic_discs
from .terms import KIND_RANK, VILLAGE_RANK

if TYPE_CHECKING:
    from shapely import STRtree
    from shapely.geometry.base import BaseGeometry

    from ..gazetteer import Gazetteer

__all__ = [
    "COMMON_DEFAULTS",
    "COMMON_RULES",
    "DEFAULT_PARAMS",
    "METHODS",
    "METHOD_CLASSES",
    "PARAM_RULES",
    "BufferMethod",
    "CommonParams",
    "Method",
    "ParamRule",
    "VoronoiMethod",
    "check_params",
    "make_method",
    "merge_params",
    "param_names",
    "param_problems",
]


@dataclass(frozen=True)
class ParamRule:
    """What one parameter takes: ``kind`` is ``"km"`` (a distance), ``"days"`` (a whole
    number of days), ``"count"`` (a whole number) or ``"bool"``; numbers lie in
    ``low``..``high`` (``low`` itself allowed only when ``low_ok``).

    Examples
    --------
    >>> ParamRule("km", 0.0, 500.0).describe()
    'takes a distance in km, above 0 to 500'
    """

    kind: str
    low: float = 0.0
    high: float = 0.0
    low_ok: bool = False

    def describe(self) -> str:
        if self.kind == "bool":
            return "takes true or false"
        unit = {"days": "a whole number of days", "count": "a whole number"}.get(self.kind, "a distance in km")
        low = f"from {self.low:g}" if self.low_ok else f"above {self.low:g}"
        return f"takes {unit}, {low} to {self.high:g}"


DISC_KM = ParamRule("km", 0.0, 500.0)


@dataclass(frozen=True)
class CommonParams:
    """The parameters of every method: activity, influence from incidents, staleness."""

    window_days: int = 90
    activity_max_uncertainty_km: float = 50.0
    influence_from_incidents: bool = True
    influence_window_days: int = 365
    influence_min_incidents: int = 3
    stale_after_days: int = 180

    RULES: ClassVar[dict[str, ParamRule]] = {
        "window_days": ParamRule("days", 1, MAX_WINDOW_DAYS, low_ok=True),
        "activity_max_uncertainty_km": ParamRule("km", 0.0, 5000.0, low_ok=True),
        "influence_from_incidents": ParamRule("bool"),
        "influence_window_days": ParamRule("days", 1, MAX_WINDOW_DAYS, low_ok=True),
        "influence_min_incidents": ParamRule("count", 1, 1000, low_ok=True),
        "stale_after_days": ParamRule("days", 1, MAX_WINDOW_DAYS, low_ok=True),
    }


class Method:
    """A way to turn a point place into an area (areas of the gazetteer are used as they are).

    Subclasses set ``name``, ``Params`` (a frozen dataclass of typed parameters with their
    defaults) and ``RULES`` (the :class:`ParamRule` of each parameter, as ``--param``
    names them), and implement :meth:`shape`.
    """

    name: ClassVar[str]
    Params: ClassVar[type]
    RULES: ClassVar[dict[str, ParamRule]]

    def __init__(self, params: Any, gazetteer: Gazetteer) -> None:
        self.params = params
        self.gazetteer = gazetteer

    @classmethod
    def from_params(cls, params: Mapping[str, Any], gazetteer: Gazetteer) -> Method:
        """The method with its own entries of a merged parameter mapping (others ignored)."""
        names = [f.name for f in dataclasses.fields(cls.Params)]
        return cls(cls.Params(**{name: params[name] for name in names if name in params}), gazetteer)

    def radius_km(self, site: Site, *, activity: bool = False) -> float | None:
        """The radius of the site's geodesic disc, or ``None`` when the method draws no disc."""
        return None

    def shape(self, site: Site, *, activity: bool = False) -> BaseGeometry:
        """The polygon of the point site (or of an incident's point, with ``activity``)."""
        raise NotImplementedError

    def shapes(self, sites: list[Site], *, activity: bool = False) -> list[BaseGeometry]:
        """:meth:`shape` for many point sites (a method may vectorise it)."""
        return [self.shape(site, activity=activity) for site in sites]


@dataclass(frozen=True)
class BufferParams:
    """The parameters of :class:`BufferMethod` (radii in km, by kind of place)."""

    radius_km: Mapping[str, float] = field(
        default_factory=lambda: {"capital": 30.0, "city": 25.0, "town": 15.0, "village": 10.0, "camp": 5.0}
    )
    other_km: float = 10.0
    activity_km: float = 20.0
    add_uncertainty: bool = True


class BufferMethod(Method):
    """A geodesic disc: radius by kind of place, plus the place's location uncertainty; an
    incident, a disc of ``activity_km`` plus its uncertainty. Not clipped at borders.

    Examples
    --------
    >>> from geo.gazetteer import Gazetteer
    >>> method = BufferMethod(BufferParams(other_km=12.0), Gazetteer.load())
    >>> method.radius_km(Site("p", 15.9, 2.4, 1.0, "well", "ml"))  # other_km + uncertainty
    13.0
    """

    name = "buffer"
    Params = BufferParams
    RULES: ClassVar[dict[str, ParamRule]] = {
        **{f"radius_km.{kind}": DISC_KM for kind in BufferParams().radius_km},
        "other_km": DISC_KM,
        "activity_km": DISC_KM,
        "add_uncertainty": ParamRule("bool"),
    }
    params: BufferParams

    def radius_km(self, site: Site, *, activity: bool = False) -> float | None:
        if site.area_id:
            return None
        p = self.params
        radius = float(p.activity_km if activity else p.radius_km.get(site.kind, p.other_km))
        return radius + site.uncertainty_km if p.add_uncertainty else radius

    def shape(self, site: Site, *, activity: bool = False) -> BaseGeometry:
        return geodesic_disc(site.lat, site.lon, self.radius_km(site, activity=activity) or 0.0)

    def shapes(self, sites: list[Site], *, activity: bool = False) -> list[BaseGeometry]:
        radii = [self.radius_km(site, activity=activity) or 0.0 for site in sites]
        return list(geodesic_discs([s.lat for s in sites], [s.lon for s in sites], radii))


@dataclass(frozen=True)
class VoronoiParams:
    """The parameters of :class:`VoronoiMethod` (in km)."""

    max_km: float = 50.0
    same_place_km: float = 2.0


class VoronoiMethod(Method):
    """The Voronoi cell of the place among the gazetteer's populated places of its rank or
    above, capped by a geodesic disc of ``max_km`` and clipped to its country's outline.

    Examples
    --------
    >>> from geo.gazetteer import Gazetteer
    >>> from geo.measure import area_km2
    >>> method = VoronoiMethod(VoronoiParams(max_km=30.0), Gazetteer.load())
    >>> cell = method.shape(Site("menaka", 15.918, 2.402, 1.0, "town", "ml"))
    >>> bool(0 < area_km2(cell)[0] <= 3.1416 * 30**2), method.radius_km(Site("x", 15.9, 2.4, 0.0, "town", "ml"))
    (True, None)
    """

    name = "voronoi"
    Params = VoronoiParams
    RULES: ClassVar[dict[str, ParamRule]] = {
        "max_km": DISC_KM,
        "same_place_km": ParamRule("km", 0.0, 100.0, low_ok=True),
    }
    params: VoronoiParams

    def __init__(self, params: VoronoiParams, gazetteer: Gazetteer) -> None:
        super().__init__(params, gazetteer)
        self._seed_cache: dict[int, tuple[np.ndarray, np.ndarray, STRtree]] = {}

    def _seeds(self, rank: int) -> tuple[np.ndarray, np.ndarray, STRtree]:
        """The populated places of ``rank`` or above, with a spatial index."""
        import shapely

        if rank not in self._seed_cache:
            lats, lons, _ids, kinds = self.gazetteer.populated_points()
            keep = np.array([KIND_RANK.get(kind, VILLAGE_RANK) >= rank for kind in kinds], dtype=bool)
            lats, lons = lats[keep], lons[keep]
            self._seed_cache[rank] = (lats, lons, shapely.STRtree(shapely.points(lons, lats)))
        return self._seed_cache[rank]

    def shape(self, site: Site, *, activity: bool = False) -> BaseGeometry:
        """The Voronoi cell of the site among the populated places, capped and clipped."""
        import shapely

        from ..measure import great_circle_km

        max_km = float(self.params.max_km)
        same_km = max(float(self.params.same_place_km), site.uncertainty_km)
        lats, lons, tree = self._seeds(KIND_RANK.get(site.kind, VILLAGE_RANK))
        # Settlements further than 2 × max_km cannot shape a cell capped at max_km.
        reach_deg = 2 * max_km / (111.0 * max(np.cos(np.radians(site.lat)), 0.2))
        near = tree.query(
            shapely.box(site.lon - reach_deg, site.lat - reach_deg, site.lon + reach_deg, site.lat + reach_deg)
        )
        km = great_circle_km(site.lat, site.lon, lats[near], lons[near])
        keep = near[(km > same_km) & (km <= 2 * max_km)]
        # A local plane: x east, y north, in km (scale exact at the site).
        kx = 111.32 * np.cos(np.radians(site.lat))
        ky = 110.57
        xs = (lons[keep] - site.lon) * kx
        ys = (lats[keep] - site.lat) * ky
        cap = geodesic_disc(site.lat, site.lon, max_km)
        cell: BaseGeometry
        if len(keep) == 0:
            cell = cap
        else:
            points = shapely.multipoints(np.column_stack([np.append(xs, 0.0), np.append(ys, 0.0)]))
            extent = shapely.box(-4 * max_km, -4 * max_km, 4 * max_km, 4 * max_km)
            cells = shapely.get_parts(shapely.voronoi_polygons(points, extend_to=extent))
            origin = shapely.Point(0.0, 0.0)
            mine = next((c for c in cells if c.covers(origin)), None)
            if mine is None:  # pragma: no cover - GEOS always returns the origin's cell
                cell = cap
            else:
                plane = shapely.segmentize(mine.intersection(extent), 2.0)
                cell = shapely.transform(
                    plane, lambda xy: np.column_stack([xy[:, 0] / kx + site.lon, xy[:, 1] / ky + site.lat])
                )
                cell = cell.intersection(cap)
        if site.country and site.country in self.gazetteer.areas.ids:
            clipped = cell.intersection(self.gazetteer.areas.geometry(site.country))
            if not clipped.is_empty:
                cell = clipped
        return cell


# --- the registry: everything below is derived from it ---------------------------------

METHOD_CLASSES: dict[str, type[Method]] = {cls.name: cls for cls in (BufferMethod, VoronoiMethod)}
METHODS = schema.METHODS  # the registry above has one class for each (tests/test_influence.py)
DEFAULT_PARAMS: dict[str, dict[str, Any]] = {
    name: json.loads(json.dumps(dataclasses.asdict(cls.Params()))) for name, cls in METHOD_CLASSES.items()
}
COMMON_DEFAULTS: dict[str, Any] = dataclasses.asdict(CommonParams())
PARAM_RULES: dict[str, dict[str, ParamRule]] = {name: dict(cls.RULES) for name, cls in METHOD_CLASSES.items()}
COMMON_RULES: dict[str, ParamRule] = dict(CommonParams.RULES)


def make_method(name: str, params: Mapping[str, Any], gazetteer: Gazetteer) -> Method:
    """The strategy of method ``name`` with its entries of ``params`` (merged by :func:`merge_params`).

    Examples
    --------
    >>> from geo.gazetteer import Gazetteer
    >>> method = make_method("voronoi", merge_params("voronoi", {"max_km": 40}), Gazetteer.load())
    >>> type(method).__name__, method.params
    ('VoronoiMethod', VoronoiParams(max_km=40.0, same_place_km=2.0))
    """
    if name not in METHOD_CLASSES:
        raise InputError(f"unknown method {name!r}; choose from {', '.join(METHODS)}")
    return METHOD_CLASSES[name].from_params(params, gazetteer)


def merge_params(method: str, overrides: Mapping[str, Any]) -> dict[str, Any]:
    """The method's defaults with ``overrides`` applied, checked by :func:`check_params`.

    Examples
    --------
    >>> merge_params("buffer", {"radius_km.town": 20})["radius_km"]["town"]
    20.0
    """
    params = json.loads(json.dumps({**DEFAULT_PARAMS[method], **COMMON_DEFAULTS}))
    for name, value in check_params(method, overrides).items():
        params[name] = {**params[name], **value} if isinstance(value, dict) else value
    return params


def param_names(method: str | None = None) -> list[str]:
    """The parameters of ``method`` (of any method when None), as ``--param`` names them.

    Examples
    --------
    >>> param_names("voronoi")  # doctest: +NORMALIZE_WHITESPACE
    ['activity_max_uncertainty_km', 'influence_from_incidents', 'influence_min_incidents', 'influence_window_days',
     'max_km', 'same_place_km', 'stale_after_days', 'window_days']
    """
    methods = [method] if method is not None else list(METHODS)
    return sorted({name for m in methods for name in PARAM_RULES[m]} | set(COMMON_RULES))


def default_value(method: str | None, name: str) -> Any:
    """The default of parameter ``name`` (``radius_km.town``) of ``method`` (of any when None).

    Examples
    --------
    >>> default_value("buffer", "radius_km.town"), default_value(None, "max_km")
    (15.0, 50.0)
    """
    for m in [method] if method else METHODS:
        params = {**DEFAULT_PARAMS[m], **COMMON_DEFAULTS}
        outer, _, inner = name.partition(".")
        if outer in params:
            return params[outer].get(inner) if inner else params[outer]
    return None


def toml_text(value: Any) -> str:
    """``value`` as a recipe (TOML) would write it, cut to 60 characters.

    Examples
    --------
    >>> toml_text(True), toml_text(2.5)
    ('true', '2.5')
    """
    if isinstance(value, bool):
        return "true" if value else "false"
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def param_problems(method: str | None, overrides: Any) -> tuple[dict[str, Any], list[tuple[str, Any, str]]]:
    """Check ``overrides`` of the parameters of ``method`` (of any method when None).

    Returns the overrides as :class:`Influence` keeps them (``radius_km`` a mapping,
    distances floats, days and counts ints) and every problem as ``(name, value,
    message)``, for the caller to say where the value came from. Names are written as
    in ``--param``: ``radius_km.town``, or ``radius_km`` holding a flat mapping.

    Examples
    --------
    >>> param_problems("buffer", {"radius_km.town": 20, "window_days": 30.0})
    ({'radius_km': {'town': 20.0}, 'window_days': 30}, [])
    >>> param_problems("buffer", {"radius_km": {"bogus": -1}})[1]
    [('radius_km.bogus', -1, "unknown parameter 'radius_km.bogus' for method buffer; did you mean radius_km.town? ...")]
    """
    import difflib
    import math
    import numbers

    if method is not None and method not in METHODS:
        return {}, [("method", method, f"unknown method {method!r}; choose from {', '.join(METHODS)}")]
    if not isinstance(overrides, Mapping):
        return {}, [("params", overrides, "give a table of NAME = VALUE, such as { max_km = 40 }")]
    rules = {name: rule for m in ([method] if method else METHODS) for name, rule in PARAM_RULES[m].items()}
    rules.update(COMMON_RULES)
    groups = {name.partition(".")[0] for name in rules if "." in name}
    problems: list[tuple[str, Any, str]] = []
    flat: dict[str, Any] = {}
    for name, value in overrides.items():
        name = str(name)
        if isinstance(value, Mapping) and name in groups:
            for inner, item in value.items():
                if isinstance(item, Mapping):
                    problems.append((f"{name}.{inner}", item, "nested tables are not parameters; give a number"))
                else:
                    flat[f"{name}.{inner}"] = item
        elif isinstance(value, Mapping):
            example = f"{name} = {toml_text(default_value(method, name))}" if name in rules else "max_km = 40"
            problems.append((name, value, f"nested tables are not parameters; give a value, such as {example}"))
        elif name in flat:
            problems.append(
                (name, value, f"given twice ({toml_text(flat[name])} and {toml_text(value)}); give it once")
            )
        else:
            flat[name] = value
    checked: dict[str, Any] = {}
    for name, value in flat.items():
        rule = rules.get(name)
        if rule is None:
            known = param_names(method)
            close = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
            hint = f"did you mean {close[0]}? " if close else ""
            elsewhere = [m for m in METHODS if m != method and name in PARAM_RULES[m]]
            if method and elsewhere:
                hint = f"it is a parameter of --method {elsewhere[0]}; " + hint
            where = f" for method {method}" if method else ""
            problems.append((name, value, f"unknown parameter {name!r}{where}; {hint}use one of {', '.join(known)}"))
            continue
        default = default_value(method, name)
        fix = f"{rule.describe()} (default {toml_text(default)})"
        if rule.kind == "bool":
            if not isinstance(value, bool):
                problems.append((name, value, f"{fix}"))
                continue
        else:
            if isinstance(value, bool) or not isinstance(value, numbers.Real):
                problems.append((name, value, f"not a number: {fix}"))
                continue
            try:
                number = float(value)
            except OverflowError:  # an integer beyond any float: far out of every range
                problems.append((name, value, f"out of range: {fix}"))
                continue
            if not math.isfinite(number):
                problems.append((name, value, f"not a finite number: {fix}"))
                continue
            if rule.kind in ("days", "count") and not number.is_integer():
                problems.append((name, value, f"not a whole number: {fix}"))
                continue
            low_fails = number < rule.low or (number == rule.low and not rule.low_ok)
            if low_fails or number > rule.high:
                problems.append((name, value, f"out of range: {fix}"))
                continue
            value = int(number) if rule.kind in ("days", "count") else number
        outer, _, inner = name.partition(".")
        if inner:
            checked.setdefault(outer, {})[inner] = value
        else:
            checked[name] = value
    return checked, problems


def check_params(method: str | None, overrides: Any) -> dict[str, Any]:
    """:func:`param_problems`, raising :class:`~geo.errors.InputError` that lists every problem.

    Examples
    --------
    >>> check_params("voronoi", {"max_km": -5})
    Traceback (most recent call last):
    ...
    geo.errors.InputError: parameter max_km = -5: out of range: takes a distance in km, above 0 to 500 (default 50.0)
    """
    checked, problems = param_problems(method, overrides)
    if problems:
        raise InputError(
            "\n".join(f"parameter {name} = {toml_text(value)}: {message}" for name, value, message in problems)
        )
    return checked
