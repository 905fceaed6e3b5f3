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
  each repeated value written once (:func:`_incident_columns`; :func:`page_incidents`
  reads them back), their notes compressed in big maps;
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

import datetime as dt
import json
import re
from typing import TYPE_CHECKING, Any

import branca.element
import folium

from .. import schema
from . import credits
from .page import LEAFLET_CSS, LEAFLET_JS, asset, csp_meta, http_url, inline_assets, json_for_script
from .select import in_range, map_extent, select_actors, select_incident_frame, view_bounds
from .style import (
    CERTAINTY_TEXT,
    EVENT_COLOURS,
    FADED_DASH,
    FADED_FILL,
    FADED_OUTLINE,
    FAMILIES,
    LAND,
    MAX_OWN_COLOURS,
    OTHER_EVENT_COLOUR,
    ZONE_ORDER,
    actor_colour,
    actor_family,
    actor_name,
    death_count,
)

if TYPE_CHECKING:
    from collections.abc import Callable

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
AREA_ABOVE_KM = 25.0  # an incident located no better than this is drawn as a ring, never as a dot
INCIDENT_ZONES_ABOVE = 5000  # above this many incidents, no influence zones from incidents (the density shows them)
NOTES_PACKED_ABOVE = 2000  # more incidents than this: their notes travel compressed (shown only in popups)
LIST_MOST = 12  # a zone's popup names at most this many places and records, then how many more
SIMPLIFY_AREA_DEG = 0.01  # display simplification of the outlines of incidents known only to an area
#: Hexagon bins instead of dots: at country zoom (``max_zoom``) when more than ``above``
#: incidents are in view, and at any zoom when more than ``most_points`` are.
DENSITY = {"max_zoom": 6, "above": 150, "most_points": 2500, "hex_px": 22}
#: Label priority by the gazetteer's kinds: national capitals, then ``city`` (the gazetteer's
#: regional capitals and large towns), then ``town`` (cercle seats and other towns); places
#: with incidents come after them, the most frequent first. The page shows labels greedily in
#: this order and hides any that would overlap one already shown.
LABEL_RANK = {"capital": 0, "city": 1, "town": 2}
INCIDENT_LABEL_RANK = 3
PANES = {  # Leaflet panes by meaning: boundaries under zones under incidents under labels
    "boundaries": 250,
    "intensity": 350,
    "zones": 400,
    "incidents": 450,
    "places": 620,
}
MAX_EVENT_STEPS = 400  # above this many change dates, step by month
MAX_OTHER_LABELS = 100  # labels for places outside the curated tier, the most frequent first
ZONE_PRECISION_DEG = 1e-4  # zones' coordinates (~11 m), well under the simplification
SIMPLIFY_DEG = 0.004  # display simplification of polygons (~400 m); areas are measured before
INTENSITY_COLOURS = ("#ffffb2", "#fecc5c", "#fd8d3c", "#f03b20", "#bd0026")
INTENSITY_BREAKS = (1, 2, 5, 10, 25)  # incidents per cell and month: lower bounds of the classes
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
    lookups = _Lookups(records, gazetteer)

    layers: list[dict[str, Any]] = []
    shown: list[Any] = []  # shapely geometries drawn, for the initial view
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
        zone_features = _zone_features(
            influence, actor_ids, start, end, extent, lookups, every=every, shown=shown, activity=activity
        )
        layers.append({"key": "zones", "name": "Influence zones", "timed": True, "features": zone_features})
    columns, spans = _incident_columns(incidents, lookups)
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
                "features": _intensity_features(records, gazetteer, start, end, extent),
            }
        )
    south_west_north_east = _bounds(extent, shown)
    counts = _place_counts(incidents)
    shown_places = _labelled_places(counts, gazetteer) | _base_places(gazetteer, extent, south_west_north_east)
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
            "features": _place_features(shown_places, gazetteer, extent, counts),
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

    dates, window, step_used = _time_steps(layers, start, end, step, window_days, spans)
    for layer in layers:
        layer["pane"] = PANES.get(layer["key"], PANES["zones"])
        if layer["key"] == "incidents":
            layer["window_days"] = window
    data = {
        "title": title,
        "subtitle": subtitle or _subtitle(start, end, step_used, window),
        "dates": dates,
        "start_index": len(dates) - 1 if dates else 0,
        "layers": layers,
        "shapes": _share_shapes(layers),
        "popup_rows": _share_popup_rows(layers),
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


class _Lookups:
    """Actors, sources and areas, written once into the page and referred to by id."""

    def __init__(self, records: Records, gazetteer: Gazetteer | None = None) -> None:
        self.records = records
        self.gazetteer = gazetteer
        self.used_actors: set[str] = set()
        self.used_sources: set[str] = set()
        self.used_areas: set[str] = set()
        titles = records.sources.set_index(schema.ID)
        self._sources = {
            source_id: (str(row[schema.TITLE] or source_id), http_url(row[schema.URL]))
            for source_id, row in titles.iterrows()
        }

    def colour(self, actor_id: str) -> str:
        if actor_id in self.records.actors:
            self.used_actors.add(actor_id)
        return actor_colour(self.records, actor_id)

    def name(self, actor_id: str) -> str:
        return actor_name(self.records, actor_id)

    def cite(self, source_ids: list[str]) -> list[str]:
        self.used_sources.update(s for s in source_ids if s in self._sources)
        return list(source_ids)

    def family(self, actor_id: str) -> str:
        return actor_family(self.records, actor_id)

    def area(self, place_id: str | None) -> str | None:
        """``place_id`` if it names an area with an outline (the incident is drawn as the outline)."""
        if not place_id or self.gazetteer is None:
            return None
        from ..errors import PlaceNotFoundError

        try:
            place = self.gazetteer.place(place_id)
        except PlaceNotFoundError:
            return None
        if place.tier != schema.AREA:
            return None
        self.used_areas.add(place_id)
        return place_id

    def area_table(self) -> dict[str, Any]:
        import shapely

        table: dict[str, Any] = {}
        if self.gazetteer is None:  # areas are used only with a gazetteer (see area)
            return table
        for place_id in sorted(self.used_areas):
            geometry = shapely.simplify(
                self.gazetteer.areas.geometry(place_id), SIMPLIFY_AREA_DEG, preserve_topology=True
            )
            table[place_id] = _geometry_json(geometry, simplify=False)
        return table

    def actor_table(self) -> dict[str, list[str]]:
        """Actor id: [name, colour, family] (the family groups actors when too many are on screen)."""
        return {a: [self.name(a), self.colour(a), self.family(a)] for a in sorted(self.used_actors)}

    def source_table(self) -> dict[str, list[Any]]:
        return {s: list(self._sources[s]) for s in sorted(self.used_sources)}

    def hatches(self) -> list[dict[str, str]]:
        return [{"id": _hatch_id(a), "colour": self.colour(a)} for a in sorted(self.used_actors)]


def _hatch_id(actor_id: str) -> str:
    return "atlas-hatch-" + re.sub(r"[^a-z0-9-]", "-", actor_id.lower())


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def _geometry_json(geometry, *, simplify: bool = True, precision: float = 1e-5) -> dict[str, Any]:
    import shapely

    if simplify and geometry.geom_type in ("Polygon", "MultiPolygon"):
        geometry = shapely.simplify(geometry, SIMPLIFY_DEG, preserve_topology=True)
    geometry = shapely.set_precision(geometry, precision)
    return json.loads(shapely.to_geojson(geometry))


def _share_shapes(layers: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Write each polygon of the timed layers once: features name theirs by index.

    A zone that does not change for months is the same polygon at every step; with
    monthly steps over ten years that is most of a map's bytes. Each distinct shape is
    simplified once (:data:`SIMPLIFY_DEG`, all of them in one call), set to
    :data:`ZONE_PRECISION_DEG` and written compactly (:func:`_encode_geometry`). The
    page puts each feature's ``geometry`` back from ``data.shapes[feature.shape]`` when
    it loads.
    """
    import numpy as np
    import shapely

    features = [
        feature for layer in layers if layer.get("timed") and not layer.get("points") for feature in layer["features"]
    ]
    seen: dict[bytes, int] = {}
    distinct: list[Any] = []
    for feature in features:
        geometry = feature.pop("geometry")
        if isinstance(geometry, dict):  # GeoJSON given by a caller
            geometry = shapely.from_geojson(json.dumps(geometry))
        key = shapely.to_wkb(geometry)
        if key not in seen:
            seen[key] = len(distinct)
            distinct.append(geometry)
        feature["shape"] = seen[key]
    if not distinct:
        return []
    shapes = np.asarray(distinct, dtype=object)
    polygonal = np.isin(shapely.get_type_id(shapes), (3, 6))
    shapes[polygonal] = shapely.simplify(shapes[polygonal], SIMPLIFY_DEG, preserve_topology=True)
    shapes = shapely.set_precision(shapes, ZONE_PRECISION_DEG)
    # Two shapes that differ by less than the simplification are written once too.
    written: dict[str, int] = {}
    coded: list[Any] = []
    moved = []
    for shape in shapes:
        code = _encode_geometry(shape)
        text = json.dumps(code, separators=(",", ":"))
        moved.append(written.setdefault(text, len(coded)))
        if moved[-1] == len(coded):
            coded.append(code)
    for feature in features:
        feature["shape"] = moved[feature["shape"]]
    return coded


def _encode_geometry(geometry) -> Any:
    """A shapely (Multi)Polygon as :func:`_encode_polygons` writes it, straight from its coordinates.

    Examples
    --------
    >>> import shapely
    >>> _encode_geometry(shapely.Polygon([(2.4, 15.9), (2.5, 15.9), (2.4, 16.0)]))
    {'p': [[[24000, 159000, 1000, 0, -1000, 1000, 0, -1000]]]}
    """
    import numpy as np
    import shapely

    if geometry.geom_type not in ("Polygon", "MultiPolygon"):
        return {"geojson": json.loads(shapely.to_geojson(geometry))}
    polygons = []
    for polygon in shapely.get_parts(geometry):
        if polygon.is_empty:
            continue
        rings = [polygon.exterior, *polygon.interiors]
        coded = []
        for ring in rings:
            points = np.rint(shapely.get_coordinates(ring) * 1e4).astype(np.int64)
            steps = np.diff(points, axis=0, prepend=np.zeros((1, 2), dtype=np.int64))
            coded.append(steps.ravel().tolist())
        polygons.append(coded)
    return {"p": polygons}


def _encode_polygons(geometry: dict[str, Any]) -> Any:
    """A GeoJSON (Multi)Polygon as integers: each ring's first point in 1e-4 degrees,
    then the steps from point to point (small numbers, a third of the text).

    Other geometries are kept as they are, under ``"geojson"``; the page's script decodes.

    Examples
    --------
    >>> _encode_polygons({"type": "Polygon", "coordinates": [[[2.4, 15.9], [2.5, 15.9], [2.4, 16.0], [2.4, 15.9]]]})
    {'p': [[[24000, 159000, 1000, 0, -1000, 1000, 0, -1000]]]}
    """

    def ring(points: list[list[float]]) -> list[int]:
        flat: list[int] = []
        last_x = last_y = 0
        for x, y in points:
            ix, iy = round(x * 1e4), round(y * 1e4)
            flat += [ix - last_x, iy - last_y]
            last_x, last_y = ix, iy
        return flat

    if geometry["type"] == "Polygon":
        return {"p": [[ring(r) for r in geometry["coordinates"]]]}
    if geometry["type"] == "MultiPolygon":
        return {"p": [[ring(r) for r in polygon] for polygon in geometry["coordinates"]]}
    return {"geojson": geometry}


def _listing(items: list[str], most: int = LIST_MOST) -> str:
    """Items for a popup: the first ``most`` and how many more (``geo export`` lists them all).

    Examples
    --------
    >>> _listing(["a", "b"]), _listing([]), _listing([str(n) for n in range(30)], most=3)
    ('a, b', '-', '0, 1, 2 and 27 more (geo export lists them all)')
    """
    items = list(items)
    if not items:
        return "-"
    if len(items) <= most:
        return ", ".join(items)
    return f"{', '.join(items[:most])} and {len(items) - most:,} more (geo export lists them all)"


def _share_popup_rows(layers: list[dict[str, Any]]) -> list[list[str]]:
    """Write each popup row that many features repeat once (the zones' method and its
    parameters, the same on every zone): a popup names its shared rows by index, and
    the page shows them after the feature's own rows."""
    rows: list[list[str]] = []
    seen: dict[tuple[str, str], int] = {}
    for layer in layers:
        for feature in layer.get("features", []):
            popup = feature.get("properties", {}).get("popup")
            if not popup or "share" not in popup:
                continue
            shared = []
            for label, value in popup.pop("share"):
                key = (label, value)
                if key not in seen:
                    seen[key] = len(rows)
                    rows.append([label, value])
                shared.append(seen[key])
            popup["shared"] = shared
    return rows


def _zone_features(
    influence, actor_ids, start, end, extent, lookups: _Lookups, *, every, shown: list, activity: bool
) -> list[dict[str, Any]]:
    from ..influence import CERTAIN, CERTAINTY, CERTAINTY_RANK, LAST_CONFIRMED, RULE, STALE

    frame = influence.layer(actor_ids, by_tier=True, every=every, start=start, end=end, activity=activity)
    features = []
    order = {zone: i for i, zone in enumerate(ZONE_ORDER)}
    ordered = sorted(
        zip(frame.to_dict("records"), frame.geometry, strict=True),
        key=lambda pair: (
            order[pair[0][schema.ZONE]],
            pair[0][schema.ACTOR],
            pair[0][schema.START],
            -CERTAINTY_RANK.get(pair[0][CERTAINTY], 0),  # faded parts below the certain ones
            str(pair[0][schema.TIER]),
        ),
    )
    for row, geometry in ordered:
        if not in_range(row[schema.START], row[schema.END], start, end):
            continue
        if extent is not None and not geometry.intersects(extent):
            continue
        actor, zone = row[schema.ACTOR], row[schema.ZONE]
        shown.append(geometry)
        tier = row[schema.TIER] if isinstance(row[schema.TIER], str) else None
        certainty = row[CERTAINTY] or CERTAIN
        confirmed = _iso(row[LAST_CONFIRMED])
        colour = lookups.colour(actor)
        style: dict[str, Any] = {"color": colour, "fillColor": colour, "weight": 2, "opacity": 0.9, "fillOpacity": 0.3}
        if zone == "contested":
            style.update(fillOpacity=1.0, className=_hatch_id(actor))
        elif zone == "influence":
            style.update(fillOpacity=0.12, weight=1)
        elif zone == "activity":
            style.update(fill=False, weight=2, dashArray="2 5")
        if zone != "activity":
            style["dashArray"] = None if tier == "assessed" else "6 4"
        faded = certainty != CERTAIN
        if faded:
            style.update(
                fillOpacity=round(style["fillOpacity"] * FADED_FILL, 3), opacity=FADED_OUTLINE, dashArray=FADED_DASH
            )
        words = CERTAINTY_TEXT.get(certainty, certainty)
        name = lookups.name(actor)
        note = None
        if certainty == STALE:
            note = f"Stale: last confirmed on {confirmed}; no newer record of it since. Shown faded."
        elif faded:
            note = "Possibly ended: the record gives its end as a span; solid until the first day of it, faded after."
        features.append(
            {
                "type": "Feature",
                "geometry": geometry,  # simplified and written once by _share_shapes
                "properties": {
                    "id": f"{actor}/{zone}/{tier or 'incidents'}/{_iso(row[schema.START])}"
                    + (f"/{certainty}" if faded else ""),
                    "start": _iso(row[schema.START]),
                    "end": _iso(row[schema.END]),
                    "places": list(row[schema.PLACES]),
                    "certainty": certainty,
                    "style": style,
                    "tooltip": f"{name}: {zone}" + (f" ({words})" if faded else ""),
                    "popup": {
                        "title": f"{name}: {zone} zone" + (f", {words}" if faded else ""),
                        "rows": [
                            ["from", _iso(row[schema.START])],
                            ["to", _iso(row[schema.END]) or "open (no later record)"],
                            ["tier", tier or "incidents"],
                            ["certainty", words],
                            ["last confirmed", confirmed or "-"],
                            ["rule", row[RULE] or "-"],
                            ["area", f"{row[schema.AREA_KM2]:,.0f} km² (geodesic)"],
                            ["places", _listing(row[schema.PLACES])],
                            ["records", _listing(row[schema.SUPPORTING])],
                        ],
                        "share": [["method", f"{row[schema.METHOD]} {row[schema.PARAMS]}"]],
                        **({"note": note} if note else {}),
                    },
                },
            }
        )
    return features


# The incidents travel as columns (:func:`_incident_columns`), about 35 bytes an incident
# besides its note and id, where rows took 150: repeated values (places and their coordinates,
# event types, actor and source lists, death counts, dates' texts) are written once, in
# a dictionary, and named by position; days are whole numbers of days from ``base_day``;
# coordinates whole numbers of 1/``scale`` degrees. The page's script
# (geo/assets/atlas/10-incidents.js, ``decodeIncidents``) and :func:`page_incidents`
# read them back into one object per incident.
COORDINATE_SCALE = 100_000  # 1e-5 degrees (about 1 m): the gazetteer's own precision, exact in downloads
INCIDENT_FIELDS = (
    "id", "lon", "lat", "start", "end", "date", "place", "event", "type", "actors", "low", "best", "high",
    "area", "ring_km", "sources", "note",
)  # fmt: skip


def _incident_columns(incidents, lookups: _Lookups) -> tuple[dict[str, Any], list[tuple[str | None, str | None]]]:
    """The incidents (a frame, as :func:`geo.render.select.select_incident_frame` gives) as the
    page's columns, and their distinct (first, last) days as ISO text for the time control.

    Columns, each a list (one value per incident), a dictionary ``{"values": [...],
    "index": [...]}`` (each value written once) or ``{"delta": [...]}`` (whole numbers,
    each written as its step from the previous one; ``null`` kept):

    - ``id``; ``start`` (days from ``base_day``, by steps: the incidents are in date
      order), ``span`` (``end - start`` in days; the end's days from ``base_day`` when
      there is no start; ``null`` for an open end);
    - ``date``: the date as the records give it ("2022-03", "2022-03-07/2022-06"), ``""``
      when it is the one day ``start``;
    - ``where``: ``[place name, lon, lat, area, ring_km]``, lon and lat in 1/``scale``
      degrees, ``area`` the id of the area (in the page's ``areas``) when that is all
      that is known of the place, ``ring_km`` the location's uncertainty when it is
      larger than 25 km: such incidents are drawn as the area's outline or a ring, never
      as a dot;
    - ``event``: ``["type / sub-type", type]`` (type: a key of the page's
      ``event_colours``, ``""`` when unknown); ``actors`` and ``sources``: lists of ids;
      ``deaths``: ``[low, best, high]``; ``note`` (compressed in big maps: :func:`_notes_column`).

    Examples
    --------
    >>> from geo.records import load_records
    >>> from geo.render.select import select_incident_frame
    >>> records = load_records()
    >>> frame = select_incident_frame(records, None, dt.date(2022, 3, 1), dt.date(2022, 3, 31), None)
    >>> layer, spans = _incident_columns(frame, _Lookups(records))
    >>> rows = page_incidents(layer)
    >>> [row["id"] for row in rows] == frame["id"].tolist() and len(spans) <= len(rows)
    True
    >>> menaka = next(row for row in rows if row["id"] == "inc-2022-03-08-menaka")
    >>> menaka["start"], menaka["end"], menaka["place"], menaka["actors"][0], menaka["event"]
    ('2022-03-08', '2022-03-09', 'Ménaka Region', 'isgs', 'Violence against civilians / Attack')
    """
    import numpy as np
    import shapely

    n = len(incidents)
    starts, ends = incidents[schema.START].tolist(), incidents[schema.END].tolist()
    known = [d for d in starts + ends if d is not None]
    base = min(known) if known else None
    start_days = [None if d is None else (d - base).days for d in starts]
    spans_days = [
        None if last is None else (last - first).days if first is not None else (last - base).days
        for first, last in zip(starts, ends, strict=True)
    ]
    steps: list[int | None] = []
    previous = 0
    for day in start_days:
        if day is None:
            steps.append(None)
        else:
            steps.append(day - previous)
            previous = day
    dates = _coded(
        incidents[schema.DATE].tolist(),
        starts,
        ends,
        make=lambda key: "" if key[1] == key[2] and key[0] == _iso(key[1]) else _text(key[0]),
    )
    points = incidents.geometry.values
    xs = np.rint(shapely.get_x(points) * COORDINATE_SCALE).astype(np.int64).tolist()
    ys = np.rint(shapely.get_y(points) * COORDINATE_SCALE).astype(np.int64).tolist()
    uncertainties = [u if u == u else None for u in incidents[schema.UNCERTAINTY_KM].astype(float).tolist()]

    def where(key: tuple) -> tuple:
        place, name, location, uncertainty, x, y = key
        area = lookups.area(place)
        wide = area is None and uncertainty is not None and uncertainty > AREA_ABOVE_KM
        return (_text(name) or _text(location), x, y, area, round(uncertainty, 1) if wide else None)

    places = [incidents[c].tolist() for c in (schema.PLACE, schema.PLACE_NAME, schema.LOCATION)]
    wheres = _coded(*places, uncertainties, xs, ys, make=where)
    events = _coded(
        incidents[schema.EVENT_TYPE].tolist(),
        incidents[schema.SUB_EVENT_TYPE].tolist(),
        make=lambda key: (" / ".join(t for t in map(_text, key) if t), key[0] if key[0] in EVENT_COLOURS else ""),
    )
    actors = _coded([tuple(a) for a in incidents[schema.ACTORS].tolist()])
    for actor in {a for group in actors["values"] for a in group}:
        lookups.colour(actor)  # written into the page's actor table
    sources = _coded([tuple(s) for s in incidents[schema.SOURCES].tolist()])
    lookups.cite(sorted({s for group in sources["values"] for s in group}))
    deaths = _coded(
        *(incidents[c].tolist() for c in schema.FATALITY_COLUMNS), make=lambda key: tuple(map(death_count, key))
    )
    notes = [_text(note) for note in incidents[schema.NOTE].tolist()]

    columns = {
        "id": [str(i) for i in incidents[schema.ID].tolist()],
        "start": {"delta": steps},
        "span": spans_days,
        "date": dates,
        "where": wheres,
        "event": events,
        "actors": actors,
        "deaths": deaths,
        "sources": sources,
        "note": _notes_column(notes),
    }
    layer = {"count": n, "base_day": _iso(base), "scale": COORDINATE_SCALE, "columns": columns}
    spans = sorted({(_iso(first), _iso(last)) for first, last in set(zip(starts, ends, strict=True))}, key=str)
    return layer, spans


def _coded(*columns: list, make: Callable[[Any], Any] | None = None) -> dict[str, list]:
    """A dictionary column, ``{"values": [...], "index": [...]}``, of ``make(key)`` (default:
    the key) for the key made of each row's values in ``columns``: the rows are told apart
    with :func:`pandas.factorize` (no Python loop over them), each distinct key is made
    once, and each distinct value written once.

    Examples
    --------
    >>> _coded(["Gao", "Kidal", "Gao", "gao"], [1, 2, 1, 1], make=lambda key: key[0].title())
    {'values': ['Gao', 'Kidal'], 'index': [0, 1, 0, 0]}
    >>> _coded([("isgs",), (), ("isgs",)])
    {'values': [['isgs'], []], 'index': [0, 1, 0]}
    """
    import numpy as np
    import pandas as pd

    codes = np.zeros(len(columns[0]), dtype=np.int64)
    for column in columns:
        own, uniques = pd.factorize(pd.Series(column, dtype=object), use_na_sentinel=False)
        codes, _ = pd.factorize(codes * len(uniques) + own)
    count = int(codes.max()) + 1 if len(codes) else 0
    first = np.zeros(count, dtype=np.int64)
    first[codes[::-1]] = np.arange(len(codes) - 1, -1, -1)  # each key's first row
    positions: dict[Any, int] = {}
    moved = np.empty(count, dtype=np.int64)
    for key, row in enumerate(first.tolist()):
        raw = tuple(column[row] for column in columns) if len(columns) > 1 else columns[0][row]
        value = make(raw) if make is not None else raw
        moved[key] = positions.setdefault(value, len(positions))
    return {"values": [list(v) if isinstance(v, tuple) else v for v in positions], "index": moved[codes].tolist()}


def _notes_column(notes: list[str]) -> Any:
    """The notes: a dictionary when they repeat, packed (``{"deflate": base64 of the
    zlib-compressed JSON list}``) when there are more than :data:`NOTES_PACKED_ABOVE` of
    them, a list otherwise. Notes are shown only in popups: the page unpacks them after it
    is drawn, with the browser's own ``DecompressionStream``.

    Examples
    --------
    >>> _notes_column(["a", "b"]), _notes_column(["x"] * 3)
    (['a', 'b'], {'values': ['x'], 'index': [0, 0, 0]})
    >>> packed = _notes_column([f"note {n}" for n in range(NOTES_PACKED_ABOVE + 1)])
    >>> sorted(packed), len(packed["deflate"]) < 9 * NOTES_PACKED_ABOVE
    (['deflate'], True)
    """
    import base64
    import zlib

    if len(set(notes)) < len(notes) / 2:
        return _coded(notes)
    if len(notes) > NOTES_PACKED_ABOVE:
        text = json.dumps(notes, ensure_ascii=False, separators=(",", ":"))
        return {"deflate": base64.b64encode(zlib.compress(text.encode("utf-8"), 9)).decode("ascii")}
    return notes


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def page_incidents(layer: dict[str, Any]) -> list[dict[str, Any]]:
    """The incidents of a page's incidents layer (:func:`_incident_columns`), one dict each,
    with the fields the page's script gives them (:data:`INCIDENT_FIELDS`).

    For tests and for scripts that read a page's data block; ``date`` is the date as
    the records give it, or the day itself.

    Examples
    --------
    >>> layer = {"count": 1, "base_day": "2022-03-01", "scale": 100000, "columns": {
    ...     "id": ["a"], "start": {"delta": [7]}, "span": [0], "date": [""],
    ...     "where": {"values": [["Ménaka", 221000, 1588000, None, None]], "index": [0]},
    ...     "event": [["Battles", "Battles"]], "actors": [["isgs"]], "deaths": [[1, 2, None]],
    ...     "sources": [["acled"]], "note": [""]}}
    >>> row = page_incidents(layer)[0]
    >>> row["start"], row["end"], row["date"], row["lon"], row["lat"], row["place"], row["high"]
    ('2022-03-08', '2022-03-08', '2022-03-08', 2.21, 15.88, 'Ménaka', None)
    """
    n = layer["count"]
    scale = layer["scale"]
    base = dt.date.fromisoformat(layer["base_day"]) if layer["base_day"] else None

    def column(name: str) -> list:
        value = layer["columns"][name]
        if isinstance(value, list):
            return value
        if "deflate" in value:
            import base64
            import zlib

            return json.loads(zlib.decompress(base64.b64decode(value["deflate"])).decode("utf-8"))
        if "delta" in value:
            out: list[int | None] = []
            total = 0
            for step in value["delta"]:
                if step is None:
                    out.append(None)
                else:
                    total += step
                    out.append(total)
            return out
        return [value["values"][i] for i in value["index"]]

    def day(offset: int | None) -> str | None:
        return None if offset is None or base is None else (base + dt.timedelta(days=offset)).isoformat()

    rows = []
    for values in zip(*(column(c) for c in ("id", "start", "span", "date", "where", "event", "actors", "deaths",
                                              "sources", "note")), strict=True):  # fmt: skip
        ident, first, span, date, (place, x, y, area, ring), (event, kind), actors, deaths, sources, note = values
        last = None if span is None else (first if first is not None else 0) + span
        start_iso, end_iso = day(first), day(last)
        rows.append(
            {
                "id": ident,
                "lon": x / scale,
                "lat": y / scale,
                "start": start_iso,
                "end": end_iso,
                "date": date or start_iso or "",
                "place": place,
                "event": event,
                "type": kind,
                "actors": list(actors),
                "low": deaths[0],
                "best": deaths[1],
                "high": deaths[2],
                "area": area,
                "ring_km": ring,
                "sources": list(sources),
                "note": note,
            }
        )
    if len(rows) != n:  # pragma: no cover - a page written by another version
        raise ValueError(f"the incidents layer says {n} incidents but holds {len(rows)}")
    return rows


def _float(value: Any) -> float | None:
    import pandas as pd

    try:
        return None if value is None or pd.isna(value) else float(value)
    except (TypeError, ValueError):
        return None


def _n(value: int | None) -> str:
    return "?" if value is None else f"{value:,}"


def _intensity_features(records, gazetteer, start, end, extent) -> list[dict[str, Any]]:
    from ..stats import intensity_layer

    frame = intensity_layer(records, gazetteer, by="cercle", every="month", start=start, end=end)
    features = []
    for row, geometry in zip(frame.to_dict("records"), frame.geometry, strict=True):
        if extent is not None and not geometry.intersects(extent):
            continue
        count = int(row[schema.INCIDENTS])
        klass = sum(count >= b for b in INTENSITY_BREAKS) - 1
        colour = INTENSITY_COLOURS[max(klass, 0)]
        features.append(
            {
                "type": "Feature",
                "geometry": geometry,  # simplified and written once by _share_shapes
                "properties": {
                    "start": _iso(row[schema.START]),
                    "end": _iso(row[schema.END]),
                    "style": {"color": "#555", "weight": 0.5, "fillColor": colour, "fillOpacity": 0.65},
                    "tooltip": f"{row[schema.NAME]}, {row[schema.PERIOD]}: {count} incident(s)",
                    "popup": {
                        "title": f"{row[schema.NAME]}, {row[schema.PERIOD]}",
                        "rows": [
                            ["incidents", str(count)],
                            [
                                "deaths (low / best / high)",
                                " / ".join(_n(death_count(row[c])) for c in schema.FATALITY_COLUMNS),
                            ],
                        ],
                    },
                },
            }
        )
    return features


def _place_counts(incidents) -> dict[str, int]:
    from collections import Counter

    return Counter(place for place in incidents[schema.PLACE] if place)


def _labelled_places(counts: dict[str, int], gazetteer) -> set[str]:
    """The incidents' places to label: every curated one, and the most frequent others."""
    ranked = sorted(counts, key=lambda p: (-counts[p], p))
    curated = {p for p in ranked if gazetteer.place(p).tier == schema.CURATED}
    others = [p for p in ranked if p not in curated][:MAX_OTHER_LABELS]
    return curated | set(others)


def _base_places(gazetteer, extent, south_west_north_east) -> set[str]:
    """The towns labelled whatever happened there: curated capitals, cities and towns in the view."""
    (south, west), (north, east) = south_west_north_east
    pad_lat, pad_lon = (north - south) * 0.1, (east - west) * 0.1
    wanted = set()
    for place in gazetteer.places(tier=schema.CURATED):
        if place.kind not in LABEL_RANK:
            continue
        if extent is not None:
            if not extent.covers(_point(place.lon, place.lat)):
                continue
        elif not (south - pad_lat <= place.lat <= north + pad_lat and west - pad_lon <= place.lon <= east + pad_lon):
            continue
        wanted.add(place.id)
    return wanted


def _label_rank(place) -> int:
    return LABEL_RANK.get(place.kind, INCIDENT_LABEL_RANK) if place.tier == schema.CURATED else INCIDENT_LABEL_RANK


def _place_features(wanted: set[str], gazetteer, extent, counts: dict[str, int]) -> list[dict[str, Any]]:
    """Labels, in the order the page shows them: by rank (:data:`LABEL_RANK`), then by incidents."""
    places = [gazetteer.place(p) for p in wanted]
    places.sort(key=lambda p: (_label_rank(p), -counts.get(p.id, 0), p.name, p.id))
    features = []
    for place in places:
        if place.tier == schema.AREA or (extent is not None and not extent.covers(_point(place.lon, place.lat))):
            continue
        features.append(
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [round(place.lon, 5), round(place.lat, 5)]},
                "properties": {
                    "label": place.name,
                    "rank": _label_rank(place),
                    "incidents": counts.get(place.id, 0),
                    "style": {"radius": 2.5, "color": "#222", "weight": 1, "fillColor": "#fff", "fillOpacity": 1},
                    "popup": {
                        "title": place.name,
                        "rows": [
                            ["id", place.id],
                            ["kind", place.kind],
                            ["located within", f"{place.uncertainty_km:g} km"],
                            ["address", place.address],
                        ],
                    },
                },
            }
        )
    return features


def _point(lon: float, lat: float):
    import shapely

    return shapely.Point(lon, lat)


def boundary_features(gazetteer: Gazetteer) -> list[dict[str, Any]]:
    """The base of every Leaflet page (the map, the review page): today's countries, filled
    with land, under their regions, as GeoJSON features with their style."""
    features: list[dict[str, Any]] = []
    for props, geometry in zip(gazetteer.areas.properties, gazetteer.areas.geometries, strict=True):
        kind = props.get(schema.KIND)
        if kind not in ("country", "region") or props.get(schema.VALID_TO):
            continue
        country = kind == "country"
        style = {
            "color": "#555" if country else "#999",
            "weight": 1.4 if country else 0.6,
            "fillColor": LAND,
            "fillOpacity": 0.9 if country else 0,
            "interactive": False,
        }
        features.append(
            {
                "type": "Feature",
                "geometry": _geometry_json(geometry),
                "properties": {"style": style, "tooltip": props.get(schema.NAME, "")},
            }
        )
    features.sort(key=lambda f: -f["properties"]["style"]["fillOpacity"])  # countries under regions
    return features


def _time_steps(layers, start, end, step, window_days, incident_spans=()):
    """The dates of the time control, the incidents' window, and the step used.

    ``incident_spans``: the (first, last) ISO days of the incidents (which travel as columns).
    """
    from ..periods import periods

    spans = [
        (f["properties"]["start"], f["properties"]["end"])
        for layer in layers
        if layer.get("timed")
        for f in layer["features"]
    ]
    spans.extend(incident_spans)
    starts = [first for first, _ in spans if first]
    ends = [last for _, last in spans if last]
    if not spans:
        return [], window_days or 30, step
    # Records with open starts or ends still need a step: the range asked for bounds them.
    known = starts + ends
    first = dt.date.fromisoformat(min(starts or known)) if known else (start or end)
    last = dt.date.fromisoformat(max(known)) if known else (end or start)
    if first is None or last is None:  # nothing dated at all and no range asked for
        return [], window_days or 30, step
    first = max(first, start) if start else first
    last = min(last, end) if end else last
    if start and not end:
        last = max(last, start)
    if last < first:  # every record is open-ended beyond the range: one step at its end
        first, last = (start or last), (end or first)
        first, last = min(first, last), max(first, last)
    changes = set(starts)
    for value in ends:
        changes.add((dt.date.fromisoformat(value) + dt.timedelta(days=1)).isoformat())
    events = sorted(d for d in changes if first.isoformat() <= d <= last.isoformat())
    if step == "auto":
        step = "event" if len(events) <= MAX_EVENT_STEPS else "month"
    if step == "event":
        dates = events or [first.isoformat()]
        return dates, window_days or 30, step
    chosen = periods(first, last, step)
    dates = [p.end.isoformat() for p in chosen]
    return dates, window_days or max(p.days for p in chosen), step


def _subtitle(start, end, step, window) -> str:
    span = f"{start or 'first record'} to {end or 'last record'}"
    return f"{span}; steps: {'each change' if step == 'event' else step}; incidents of the {window} days to each step"


def _bounds(extent, shown: list) -> list[list[float]]:
    """The initial view (:func:`geo.render.select.view_bounds`), as Leaflet's [[south, west], [north, east]]."""
    west, south, east, north = view_bounds(extent, shown)
    return [[south, west], [north, east]]


def _legend(lookups: _Lookups, *, intensity: bool) -> list[dict[str, Any]]:
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


def _number_ids(root, prefix: str = "") -> None:
    """Give every element of the tree a numbered id (after ``prefix``) instead of a random one."""
    figure = root.get_root()
    counter = 0
    stack = [figure]
    seen = set()
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
