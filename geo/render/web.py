"""Interactive maps of influence over time: folium maps that work offline and embed anywhere.

:func:`build_map` returns an :class:`AtlasMap` (a :class:`folium.Map`, so it shows
inline in Jupyter) holding the layers of one map:

- ``zones``: every actor's influence zones (:mod:`geo.influence`), each polygon valid
  over its own days; the actor's colour from ``actors.csv``; contested zones hatched,
  activity zones dotted and unfilled, influence zones pale; ``assessed`` claims drawn
  with solid outlines, ``claimed`` ones dashed;
- ``incidents``: white-ringed dots sized by fatalities (best, else low; never smaller
  than 4.5 px), coloured by their first actor or by event type (a switch in the page),
  shown while their dates meet the time control's window; an incident whose date is
  uncertain is drawn over its whole interval, hollow and dashed, and its popup says so;
  an incident known only to an area (its place is an area record) is drawn as that
  area's dashed outline, one located no better than 25 km as a dashed ring of that
  radius, never as a dot; drawn on a canvas when there are many; at country zoom, when
  more than 150 would crowd the view (at any zoom, more than 2,500), hexagon bins of the
  step's incidents take over (the page computes them), and the points come back closer in; they travel as columns,
  each repeated value written once (:func:`geo.render.incidents.incident_columns`;
  :func:`page_incidents` reads them back), their notes compressed in big maps;
- ``intensity`` (optional, shown when asked): incidents per cercle and month as a
  choropleth (:func:`geo.stats.intensity_layer`);
- ``places`` (labels): capitals, then ``city`` places of the gazetteer (its regional
  capitals and large towns), then ``town`` places (cercle seats and other towns), then
  the places of incidents by frequency; the page shows them greedily in that order and
  hides any that would overlap one already shown, after every zoom and move;
- ``boundaries`` (countries and regions) as the offline base.

Layers sit in Leaflet panes by meaning, SVG and canvas alike: boundaries under the
intensity choropleth under zones under incidents under labels (:data:`PANES`).

Actor colours come from ``actors.csv``; the page gives its own colour to at most ten
actors on screen (most incidents first), skips one whose colour is too close to a
colour already given, and draws the others in their family's colour
(:data:`geo.render.style.FAMILIES`: jihadist groups, rebels and militias, state and
foreign forces, other). Event types use the Okabe-Ito palette
(:data:`geo.render.style.EVENT_COLOURS`), which stays distinguishable with the common
colour-vision deficiencies.

The page also has a time control (slider, play/pause, step, "as of" date), a legend of
what is on screen at the current date and view (collapsible, at most about a quarter of
the map), a layer control, a scale bar, a measuring tool (features take no clicks while
it is on), a title and the attribution. Texts from data are never written into HTML:
the page's script (``geo/assets/atlas/``, its sections joined in order) sets them with
``textContent`` and makes links only of http(s) URLs. Every element id of a map starts
with the map's own id; ``window.atlases[id]`` is each map's api and ``window.atlas`` the
last one's.

:meth:`AtlasMap.html` renders the page. With ``self_contained=True`` one file holds
every script, style and image (Leaflet from the XStatic-Leaflet package), so that it
works with no network; element ids are a short hash of the map's data and a number, not
random, so that several maps live on one page and the same inputs give the same bytes.
The page carries the Content Security Policy of every page of the toolkit
(:func:`geo.render.page.csp_meta`): its own scripts only, images from ``data:`` URIs and
the online tiles.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

import branca.element
import folium

from .. import schema
from . import credits
from .incidents import AREA_ABOVE_KM as AREA_ABOVE_KM
from .incidents import COORDINATE_SCALE as COORDINATE_SCALE
from .incidents import INCIDENT_FIELDS as INCIDENT_FIELDS
from .incidents import NOTES_PACKED_ABOVE, incident_columns, page_incidents
from .lookups import LIST_MOST as LIST_MOST
from .lookups import SIMPLIFY_AREA_DEG as SIMPLIFY_AREA_DEG
from .lookups import Lookups, share_popup_rows
from .page import LEAFLET_CSS, LEAFLET_JS, asset, csp_meta, inline_assets, json_for_script
from .places import INCIDENT_LABEL_RANK as INCIDENT_LABEL_RANK
from .places import LABEL_RANK as LABEL_RANK
from .places import MAX_OTHER_LABELS as MAX_OTHER_LABELS
from .places import base_places, boundary_features, labelled_places, place_counts, place_features
from .select import map_extent, select_actors, select_incident_frame, view_bounds
from .shapes import SIMPLIFY_DEG as SIMPLIFY_DEG
from .shapes import ZONE_PRECISION_DEG as ZONE_PRECISION_DEG
from .shapes import share_shapes
from .style import EVENT_COLOURS, FAMILIES, MAX_OWN_COLOURS, OTHER_EVENT_COLOUR
from .timeline import MAX_EVENT_STEPS, default_subtitle, time_steps
from .zones import INTENSITY_BREAKS, INTENSITY_COLOURS, intensity_features, zone_features

if TYPE_CHECKING:
    from collections.abc import Sequence

    from shapely.geometry.base import BaseGeometry

    from ..gazetteer import Gazetteer
    from ..influence import Influence
    from ..records import Records
    from .spec import MapSpec

__all__ = ["AtlasMap", "Verbatim", "boundary_features", "build_map", "page_incidents"]

RECORDS_CREDIT = "Records: cited sources (popups)"  # the map's records line (geo.render.credits)
TILES = (
    {
        "name": "OpenStreetMap (online)",
        "url": "https://tile.openstreetmap.org/{z}/{x}/{y}.png",
        "attribution": "© OpenStreetMap contributors",
    },
    {
        "name": "Satellite, Esri (online)",
        "url": "https://server.arcgisonline.com/ArcGIS/rest/services/World_Imagery/MapServer/tile/{z}/{y}/{x}",
        "attribution": "Imagery © Esri",
    },
)
CANVAS_ABOVE = 500  # incidents: draw on a canvas above this many
INCIDENT_ZONES_ABOVE = 5000  # above this many incidents, no influence zones from incidents (the density shows them)
#: Hexagon bins instead of dots: at country zoom (``max_zoom``) when more than ``above``
#: incidents are in view, and at any zoom when more than ``most_points`` are.
DENSITY = {"max_zoom": 6, "above": 150, "most_points": 2500, "hex_px": 22}
PANES = {  # Leaflet panes by meaning: boundaries under zones under incidents under labels
    "boundaries": 250,
    "intensity": 350,
    "zones": 400,
    "incidents": 450,
    "places": 620,
}
STEPS = tuple(step for step in schema.STEPS if step != "auto")  # "auto" is chosen before drawing
DEFAULT_TITLE = "Sahel conflict atlas"


# folium.Map's own links, replaced (folium declares them as instance variables with class defaults)
_DEFAULT_JS = [("leaflet", LEAFLET_JS)]
_DEFAULT_CSS = [("leaflet_css", LEAFLET_CSS)]


class AtlasMap(folium.Map):
    """A folium map whose scripts and styles can be inlined and whose ids are stable."""

    default_js = _DEFAULT_JS
    default_css = _DEFAULT_CSS
    # set by build_map: the data drawn, and that data as the page carries it
    atlas_data: dict[str, Any]
    atlas_payload: str

    def html(self, *, self_contained: bool = True, fragment: bool = False) -> str:
        """The page as HTML text.

        ``self_contained``: inline every script, style and image (works offline).
        ``fragment``: a ``<div>`` with its scripts and styles, to paste into a page (whose
        own Content Security Policy must allow them: see :func:`geo.render.page.csp_meta`).
        A whole page carries that policy, with the online tiles' origins for its images.
        """
        data = getattr(self, "atlas_data", None)
        payload = getattr(self, "atlas_payload", None)
        _number_ids(self, _id_prefix(data) if payload is None else _digest(payload))
        figure = self.get_root()
        text = figure.render()
        if self_contained:
            text = inline_assets(text)
        if fragment:
            return _fragment(text)
        tiles = [
            origin.group(0)
            for tile in (data or {}).get("tiles", [])
            if (origin := re.match(r"https://[^/]+", tile["url"])) is not None
        ]
        return text.replace("<head>", f"<head>\n    {csp_meta(text, images=tiles)}", 1)


# --- building -------------------------------------------------------------------------


def build_map(
    records: Records,
    spec: MapSpec | None = None,
    *,
    gazetteer: Gazetteer | None = None,
    influence: Influence | None = None,
    activity: bool | None = None,
    tiles: bool = True,
    height: str = "100%",
    **options: Any,
) -> AtlasMap:
    """A map of ``records``: zones, incidents and (optionally) intensity over time.

    What it shows is ``spec`` (a :class:`~geo.render.spec.MapSpec`), or the same fields
    given as keywords (``start=``, ``end=``, ``area=``, ``bbox=``, ``actors=``,
    ``method=``, ``params=``, ``step=``, ``window_days=``, ``intensity=``, ``zones=``,
    ``title=``, ``subtitle=``), checked as a spec checks them; keywords given with a
    ``spec`` replace its fields.

    ``start``/``end`` limit the time range; ``actors`` (ids or names) the zones and
    incidents shown; ``bbox`` (west, south, east, north) or ``area`` (an area of the
    gazetteer) the extent. ``step`` is how the time control moves: ``event`` (every
    day where something changes), ``week``, ``month``, ``quarter``, ``year``, or
    ``auto`` (events, or months when there are more than 400 of them). Incidents show
    while their dates meet the ``window_days`` before the step (default: the step's
    length, or 30 days for event steps). ``influence`` reuses zones already computed
    (else they are computed by the spec's method and parameters). ``activity`` draws the
    actors' activity zones; by default only when there are at most 500 incidents: with
    more, the incidents themselves show the activity and the file stays small.
    ``tiles=False`` offers no online tile layers; ``height`` is the map's CSS height.

    Examples
    --------
    >>> import datetime as dt
    >>> from geo.records import load_records
    >>> m = build_map(load_records(), start=dt.date(2022, 1, 1), end=dt.date(2023, 4, 30), area="ml-region-menaka")
    >>> html = m.html()
    >>> "window.atlasInit" in html and "cdn.jsdelivr" not in html
    True
    >>> from geo.render.spec import MapSpec
    >>> spec = MapSpec.from_cli(start="2022-01", end="2023-04", area="ml-region-menaka")
    >>> build_map(load_records(), spec).atlas_data["dates"] == m.atlas_data["dates"]
    True
    """
    from ..gazetteer import Gazetteer
    from ..influence import Influence
    from .spec import MapSpec

    spec = MapSpec(**options) if spec is None else spec.replace(**options) if options else spec
    gazetteer = gazetteer or Gazetteer.load()
    start, end, step, window_days = spec.start, spec.end, spec.step, spec.window_days
    title = spec.title or DEFAULT_TITLE
    subtitle, intensity, zones = spec.subtitle, spec.intensity, spec.zones
    actor_ids = select_actors(records, list(spec.actors) if spec.actors else None)
    extent = map_extent(gazetteer, bbox=spec.bbox, area=spec.area)
    lookups = Lookups(records, gazetteer)

    layers: list[dict[str, Any]] = []
    shown: list[BaseGeometry] = []  # shapely geometries drawn, for the initial view
    incidents = select_incident_frame(records, actor_ids, start, end, extent)
    if step == "auto":
        changes = 2 * (len(incidents) + len(records.claims))
        step = "event" if changes <= MAX_EVENT_STEPS else "month"
    if activity is None:
        activity = len(incidents) <= CANVAS_ABOVE
    if zones:
        if influence is None:
            params = spec.influence_params
            if len(incidents) > INCIDENT_ZONES_ABOVE:  # the density and the dots show them
                params.setdefault("influence_from_incidents", False)
            influence = Influence(records, gazetteer=gazetteer, method=spec.method, params=params)
        every = None if step == "event" else step
        features = zone_features(
            influence, actor_ids, start, end, extent, lookups, every=every, shown=shown, activity=activity
        )
        layers.append({"key": "zones", "name": "Influence zones", "timed": True, "features": features})
    columns, spans = incident_columns(incidents, lookups, packed_above=NOTES_PACKED_ABOVE)
    layers.append(
        {
            "key": "incidents",
            "name": f"Incidents ({len(incidents):,})",
            "timed": True,
            "points": True,
            "canvas": len(incidents) > CANVAS_ABOVE,
            **columns,
            "features": [],
        }
    )
    shown.extend(incidents.geometry)
    if intensity:
        layers.append(
            {
                "key": "intensity",
                "name": "Incidents per cercle and month",
                "timed": True,
                "shown": True,
                "features": intensity_features(records, gazetteer, start, end, extent),
            }
        )
    south_west_north_east = _bounds(extent, shown)
    counts = place_counts(incidents)
    shown_places = labelled_places(counts, gazetteer) | base_places(gazetteer, extent, south_west_north_east)
    if zones:
        shown_places |= {p for f in layers[0]["features"] for p in f["properties"]["places"]}
    # Credit every place shown: the incidents' (labelled or not), the labels', the zones'.
    credited = shown_places | set(counts)
    layers.append(
        {
            "key": "places",
            "name": "Places",
            "timed": False,
            "labels": True,
            "features": place_features(shown_places, gazetteer, extent, counts),
        }
    )
    layers.insert(
        0,
        {
            "key": "boundaries",
            "name": "Boundaries",
            "timed": False,
            "back": True,
            "features": boundary_features(gazetteer),
        },
    )

    dates, window, step_used = time_steps(layers, start, end, step, window_days, spans)
    for layer in layers:
        layer["pane"] = PANES.get(layer["key"], PANES["zones"])
        if layer["key"] == "incidents":
            layer["window_days"] = window
    data = {
        "title": title,
        "subtitle": subtitle or default_subtitle(start, end, step_used, window),
        "dates": dates,
        "start_index": len(dates) - 1 if dates else 0,
        "layers": layers,
        "shapes": share_shapes(layers),
        "popup_rows": share_popup_rows(layers),
        "actors": lookups.actor_table(),
        "families": {key: list(value) for key, value in FAMILIES.items()},
        "event_colours": {**EVENT_COLOURS, "": OTHER_EVENT_COLOUR},
        "areas": lookups.area_table(),
        "density": dict(DENSITY),
        "max_own_colours": MAX_OWN_COLOURS,
        "sources": lookups.source_table(),
        "hatches": lookups.hatches(),
        "legend": _legend(lookups, intensity=intensity),
        "attribution": list(credits.attribution((gazetteer.place(p) for p in sorted(credited)), RECORDS_CREDIT)),
        "tiles": list(TILES) if tiles else [],
        "bounds": south_west_north_east,
        "interval_ms": 700,
    }
    atlas = AtlasMap(location=None, tiles=None, zoom_start=6, control_scale=False, prefer_canvas=False, height=height)
    header = _figure(atlas).header
    header.add_child(Verbatim(f"<style>{asset('atlas.css')}</style>"), name="atlas_css")
    header.add_child(Verbatim(f"<script>{asset('atlas')}</script>"), name="atlas_js")
    header.add_child(Verbatim(f"<style>{asset('atlas-analyst.css')}</style>"), name="analyst_css")
    header.add_child(Verbatim(f"<script>{asset('atlas-analyst.js')}</script>"), name="analyst_js")
    block = _AtlasData(data)
    atlas.add_child(block)
    atlas.atlas_data = data
    atlas.atlas_payload = block.payload  # the data as the page carries it, made once
    return atlas


def _figure(element: branca.element.Element) -> branca.element.Figure:
    """The page that ``element`` is on (a folium map makes its page when it is made)."""
    root = element.get_root()
    if not isinstance(root, branca.element.Figure):  # pragma: no cover - folium puts every map on a page
        raise RuntimeError(f"{element.get_name()} is not on a page")
    return root


class Verbatim(branca.element.Element):
    """Text placed in the page exactly as given, never parsed as a template.

    folium and branca build pages with Jinja2, and branca renders a macro's output as a
    new template, so any text that reaches them as template source is evaluated. Every
    piece of text the toolkit adds to a map page goes through this element instead.

    Examples
    --------
    >>> import folium
    >>> m = folium.Map(tiles=None)
    >>> _ = m.get_root().html.add_child(Verbatim("{{ 6*7 }} {% raw %} {#"))
    >>> "{{ 6*7 }} {% raw %} {#" in m.get_root().render()
    True
    """

    def __init__(self, text: str) -> None:
        super().__init__()
        self._name = "Verbatim"
        self.text = text

    def render(self, **kwargs: Any) -> str:
        return self.text


class _AtlasData(branca.element.Element):
    """The map's data as a JSON block, and the call that builds the layers from it.

    The data never meets a template engine: it is written into a
    ``<script type="application/json">`` element, which the browser does not run, and
    the page's script parses it with ``JSON.parse``.
    """

    def __init__(self, data: dict[str, Any]) -> None:
        super().__init__()
        self._name = "AtlasData"
        self.payload = json_for_script(data)

    def render(self, **kwargs: Any) -> str:
        figure = _figure(self)
        if self._parent is None:  # pragma: no cover - rendered only as a child of a map
            raise RuntimeError("the atlas data block is not on a map")
        map_name = self._parent.get_name()
        if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", map_name):  # pragma: no cover - folium names are identifiers
            raise RuntimeError(f"unexpected map name {map_name!r}")
        block = f"atlas-data-{map_name}"
        figure.html.add_child(
            Verbatim(f'<script type="application/json" id="{block}">{self.payload}</script>'), name=block
        )
        figure.script.add_child(
            Verbatim(f'window.atlasInit({map_name}, JSON.parse(document.getElementById("{block}").textContent));'),
            name=self.get_name(),
        )
        return ""


# --- layers ---------------------------------------------------------------------------


# --- the page's small parts ----------------------------------------------------------


def _bounds(extent: BaseGeometry | None, shown: Sequence[BaseGeometry]) -> list[list[float]]:
    """The initial view (:func:`geo.render.select.view_bounds`), as Leaflet's [[south, west], [north, east]]."""
    west, south, east, north = view_bounds(extent, shown)
    return [[south, west], [north, east]]


def _legend(lookups: Lookups, *, intensity: bool) -> list[dict[str, Any]]:
    """The legend as data: the page draws it with textContent."""
    del lookups  # the actors' and event types' entries are made by the page: only those on screen
    entries: list[dict[str, Any]] = [
        {"heading": "Zones (derived from cited claims)"},
        {"swatch": "#888", "text": "control", "style": "fill"},
        {"swatch": "#888", "text": "contested (hatched)", "style": "hatch"},
        {"swatch": "#888", "text": "influence (pale)", "style": "pale"},
        {"swatch": "#888", "text": "activity: recent incidents (dotted)", "style": "dotted"},
        {"swatch": "#888", "text": "assessed: solid outline; claimed: dashed", "style": "dashed"},
        {"swatch": "#888", "text": "faded, long dashes: stale or possibly ended (see popup)", "style": "faded"},
        {"heading": "Incidents"},
        {"swatch": "#888", "text": "size: deaths (best, else low)", "style": "circle"},
        {"swatch": "#888", "text": "hollow, dashed: date uncertain", "style": "hollow"},
        {"swatch": "#888", "text": "dashed outline or ring: place known only to an area", "style": "ring"},
    ]
    if intensity:
        entries.append({"heading": "Incidents per cercle and month"})
        for colour, low, high in zip(INTENSITY_COLOURS, INTENSITY_BREAKS, (*INTENSITY_BREAKS[1:], None), strict=True):
            entries.append(
                {
                    "swatch": colour,
                    "text": f"{low}" + (f"–{high - 1}" if high and high - 1 > low else "+" if not high else ""),
                }
            )
    return entries


# --- rendering ------------------------------------------------------------------------


def _id_prefix(data: dict[str, Any] | None) -> str:
    """Eight hex digits from the map's data: the ids of two different maps differ (several
    fragments live on one page), and the same map always gets the same ids.

    Examples
    --------
    >>> _id_prefix({"title": "a"}) == _id_prefix({"title": "a"}) != _id_prefix({"title": "b"})
    True
    """
    return _digest(json_for_script(data or {}))


def _digest(payload: str) -> str:
    import hashlib

    return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:8]


def _number_ids(root: branca.element.Element, prefix: str = "") -> None:
    """Give every element of the tree a numbered id (after ``prefix``) instead of a random one."""
    figure = root.get_root()
    counter = 0
    stack = [figure]
    seen: set[int] = set()
    while stack:
        element = stack.pop(0)
        if id(element) in seen:
            continue
        seen.add(id(element))
        element._id = f"{prefix}{counter:04d}"
        counter += 1
        stack.extend(element._children.values())


def _fragment(text: str) -> str:
    """The page's head resources and body, without ``<html>``/``<head>``/``<body>``."""
    head = re.search(r"<head>(.*)</head>", text, re.S)
    body = re.search(r"<body>(.*)</body>", text, re.S)
    tail = text[body.end() :] if body else ""
    pieces = [head.group(1) if head else "", body.group(1) if body else "", tail.replace("</html>", "")]
    fragment = "\n".join(pieces)
    fragment = re.sub(r"<meta[^>]*>", "", fragment)
    # folium's page-wide rules would restyle the host page: keep only the map's own.
    fragment = re.sub(r"<style>\s*html, body \{[^}]*\}\s*</style>", "", fragment)
    fragment = re.sub(r"<style>\s*#map \{[^}]*\}\s*</style>", "", fragment)
    return f'<div class="sahel-atlas-fragment" style="position:relative;width:100%;height:600px">{fragment}</div>'
