"""One self-contained HTML report: method note, interactive map, charts, incidents, sources.

:func:`build_report` returns the page as text; write it with :func:`geo.render.page.write_html`
(atomically). The page holds everything it needs — Leaflet and the map's script
inline (:meth:`geo.render.web.AtlasMap.html` in fragment mode), the charts as SVG data URIs,
its own small stylesheet — and asks for nothing over the network: no CDN, no fonts,
no tiles, and a Content-Security-Policy that refuses any request that is not inline or
a ``data:`` URI. The same inputs give the same bytes.

Every text from the data (titles, names, notes, places, URLs) is escaped where it lands
(:func:`geo.render.page.escape`), and only http(s) URLs become links
(:func:`geo.render.page.link`); the map's own texts are set by its script with
``textContent``.
"""

from __future__ import annotations

import base64
from typing import TYPE_CHECKING, Any

from .. import __version__, schema
from . import credits
from .page import csp_meta, escape, link
from .select import (
    cited_sources,
    in_range,
    map_extent,
    select_actors,
    select_incidents,
    shown_places,
)
from .style import actor_name, deaths_text

if TYPE_CHECKING:
    from ..gazetteer import Gazetteer
    from ..influence import Influence
    from ..records import Records
    from .spec import MapSpec

__all__ = ["build_report", "source_item"]

DEFAULT_TITLE = "Sahel conflict atlas: report"
CSP_PLACEHOLDER = "<!--report-csp-->"  # the page's policy, once the page is whole (geo.render.page.csp_meta)
CSS = """
.report { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif;
  color: #222; max-width: 1180px; margin: 0 auto; padding: 24px 28px 48px; }
.report h1 { font-size: 1.7em; margin: 0 0 0.2em; }
.report h2 { font-size: 1.25em; margin: 1.6em 0 0.5em; border-bottom: 1px solid #ddd; padding-bottom: 0.2em; }
.report .meta, .report .muted { color: #555; }
.report .method { background: #f6f4ee; border-left: 4px solid #c9bfa5; padding: 0.6em 1em; }
.report figure { margin: 1em 0 1.6em; }
.report figure img { width: 100%; max-width: 900px; height: auto; border: 1px solid #eee; }
.report figcaption { font-size: 0.9em; color: #555; }
.report table { border-collapse: collapse; width: 100%; font-size: 0.86em; }
.report th, .report td { border-bottom: 1px solid #e4e4e4; padding: 4px 6px; text-align: left; vertical-align: top; }
.report th { background: #f3f3f3; position: sticky; top: 0; }
.report td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.report td.date { white-space: nowrap; }
.report .uncertain { color: #a15c00; font-size: 0.85em; }
.report .note { color: #444; max-width: 28em; }
.report ol.sources li { margin-bottom: 0.35em; }
.report .url { word-break: break-all; }
.report .sid { color: #666; font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: 0.9em; }
.report footer { margin-top: 2.5em; font-size: 0.85em; color: #555; border-top: 1px solid #ddd; padding-top: 0.6em; }
"""
RECORDS_CREDIT = "Records: the sources cited above"  # the report's records line (geo.render.credits)


def build_report(
    records: Records,
    gazetteer: Gazetteer,
    spec: MapSpec | None = None,
    *,
    influence: Influence | None = None,
    **options: Any,
) -> str:
    """The report as one self-contained HTML page (see the module docstring).

    What it shows is ``spec`` (a :class:`~geo.render.spec.MapSpec`), or the same fields
    as keywords (keywords given with a ``spec`` replace its fields): ``start``/``end``
    limit the time range, ``actors`` (ids or names) the zones, incidents and charts,
    ``bbox`` (west, south, east, north) or ``area`` (an area of the gazetteer) the
    extent; ``every`` is the charts' period; ``title`` heads it. Charts are drawn for
    ``actors``, else for every actor with a zone in the range and extent. ``influence``
    reuses zones already computed; otherwise they are computed by ``method`` with
    ``params``.

    Examples
    --------
    >>> import datetime as dt
    >>> from geo import Gazetteer, load_records
    >>> gazetteer = Gazetteer.load()
    >>> page = build_report(load_records(gazetteer=gazetteer), gazetteer, start=dt.date(2023, 1, 1),
    ...                     end=dt.date(2023, 4, 30), actors=["ISGS"], area="ml-region-menaka")
    >>> "window.atlasInit" in page, 'src="http' in page, page.count('<tr class="incident"') >= 1
    (True, False, True)
    """
    from ..influence import Influence
    from .figures import area_chart, figure_bytes, params_text
    from .spec import MapSpec
    from .web import build_map

    spec = MapSpec(**options) if spec is None else spec.replace(**options) if options else spec
    start, end, every, bbox, area = spec.start, spec.end, spec.every, spec.bbox, spec.area
    title = spec.title or DEFAULT_TITLE
    actor_ids = select_actors(records, list(spec.actors) if spec.actors else None)
    extent = map_extent(gazetteer, bbox=bbox, area=area)
    influence = influence or Influence(records, gazetteer=gazetteer, method=spec.method, params=spec.influence_params)

    # What the map shows: the zones of the range and extent, the incidents of the range.
    zones = influence.layer(actor_ids)
    shown_zones = [
        row
        for row, geometry in zip(zones.to_dict("records"), zones.geometry, strict=True)
        if in_range(row[schema.START], row[schema.END], start, end) and (extent is None or geometry.intersects(extent))
    ]
    incidents = [row for row, _point in select_incidents(records, actor_ids, start, end, extent)]
    chart_actors = actor_ids or sorted(
        {row[schema.ACTOR] for row in shown_zones}, key=lambda a: (actor_name(records, a).lower(), a)
    )

    # The map shows the report's range, extent and actors; its own steps and window.
    map_spec = MapSpec(start=start, end=end, actors=tuple(actor_ids or ()) or None, bbox=bbox, area=area, title=title)
    atlas = build_map(
        records,
        map_spec,
        gazetteer=gazetteer,
        influence=influence,
        tiles=False,  # the report asks for nothing over the network
    )
    fragment = atlas.html(self_contained=True, fragment=True)

    charts = []
    for actor in chart_actors:
        fig = area_chart(influence, actor, start=start, end=end, every=every)
        data = base64.b64encode(figure_bytes(fig, "svg")).decode("ascii")
        name = actor_name(records, actor)
        charts.append(
            f'<figure id="chart-{escape(actor)}"><img alt="{escape(f"Zone areas of {name} over time")}" '
            f'src="data:image/svg+xml;base64,{data}">'
            f"<figcaption>{escape(name)} [{escape(actor)}]: zone areas in km² (geodesic), "
            f"{escape(every)}ly, each as of the period's last day.</figcaption></figure>"
        )

    # The sources of the incidents listed and of the records behind the zones shown.
    supporting = (record_id for row in shown_zones for record_id in row[schema.SUPPORTING])
    cited = sorted(cited_sources(records, incidents, supporting) & set(records.sources[schema.ID]))
    # The places of the incidents listed and of the zones shown (the claims' and incidents' places).
    places = [place for row in shown_zones for place in row[schema.PLACES]]
    places += [row[schema.PLACE] for row in incidents if row[schema.PLACE]]
    attribution = credits.attribution(shown_places(gazetteer, places), RECORDS_CREDIT)
    anchors = {source_id: f"source-{i}" for i, source_id in enumerate(cited, start=1)}
    span = f"{start.isoformat() if start else 'the first record'} to {end.isoformat() if end else 'the last record'}"
    where = f"the area {area}" if area else f"the box {bbox}" if bbox else "every place of the records"
    who = ", ".join(actor_name(records, a) for a in actor_ids) if actor_ids else "every actor"
    window = int(influence.params["window_days"])
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        CSP_PLACEHOLDER,
        f'<meta name="generator" content="sahel-atlas {escape(__version__)}">',
        f"<title>{escape(title)}</title>",
        f"<style>{CSS}</style>",
        "</head>",
        "<body>",
        '<div class="report">',
        "<header>",
        f"<h1>{escape(title)}</h1>",
        f'<p class="meta">{escape(span)} · {escape(where)} · {escape(who)} · '
        f"{len(incidents):,} incident(s), {len(chart_actors):,} actor(s) with zones, "
        f"{len(cited):,} source(s) cited</p>",
        "</header>",
        '<section id="report-method"><h2>Method</h2><div class="method">',
        f"<p>Zones are derived from the cited claims (who controls, contests or influences a place, from when, "
        f"according to whom) and from the incidents (activity zones: incidents of the trailing {window} days), by "
        f"the <b>{escape(influence.method)}</b> method ({escape(params_text(influence.params))}). They are not "
        "ground truth: a reader can redraw them by another method and compare. A place counts in its actor's "
        "strongest zone; where two sides that are not allies hold or contest it at once it is contested. Areas are "
        "geodesic km², never measured in degrees.</p>",
        "<p>Incidents are listed when their dates meet the range. Dates follow EDTF: an interval means that the "
        "source gives no precise day, and no day is invented. Deaths are low / best / high as the sources give "
        "them; an empty cell is a figure the sources do not give (never a zero).</p>",
        "</div></section>",
        '<section id="report-map"><h2>Map</h2>',
        '<p class="muted">Move the time control to see the zones and incidents of each date; click a shape '
        "for its records and sources.</p>",
        fragment,
        "</section>",
        '<section id="report-charts"><h2>Zone areas over time</h2>',
        *(charts or ['<p class="muted">No actor has a zone in this range and extent.</p>']),
        "</section>",
        f'<section id="report-incidents"><h2>Incidents ({len(incidents):,})</h2>',
        _incident_table(records, incidents, anchors),
        "</section>",
        f'<section id="report-sources"><h2>Sources cited ({len(cited):,})</h2>',
        _source_list(records, cited, anchors),
        "</section>",
        f"<footer>{' · '.join(escape(a) for a in attribution)}. Made with sahel-atlas {escape(__version__)} "
        "(geo report); the zones are derived, not observed.</footer>",
        "</div>",
        "</body>",
        "</html>",
        "",
    ]
    page = "\n".join(parts)
    return page.replace(CSP_PLACEHOLDER, csp_meta(page), 1)


def _incident_table(records: Records, incidents: list[dict[str, Any]], anchors: dict[str, str]) -> str:
    if not incidents:
        return '<p class="muted">No incident in this range and extent.</p>'
    head = (
        "<thead><tr><th>date</th><th>place</th><th>actors</th><th>event type</th>"
        '<th title="deaths, low estimate">low</th><th title="deaths, best estimate">best</th>'
        '<th title="deaths, high estimate">high</th><th>sources</th><th>note</th></tr></thead>'
    )
    rows = []
    for row in incidents:
        start, end = row[schema.START], row[schema.END]
        date = escape(row[schema.DATE])
        if start != end:
            span = f"{start.isoformat() if start else '…'} to {end.isoformat() if end else '…'}"
            date += f'<br><span class="uncertain">uncertain: {escape(span)}</span>'
        place = row[schema.PLACE_NAME] or row[schema.LOCATION] or ""
        event = " / ".join(t for t in (row[schema.EVENT_TYPE], row[schema.SUB_EVENT_TYPE]) if t)
        actors = ", ".join(actor_name(records, a) for a in row[schema.ACTORS])
        sources = ", ".join(
            f'<a href="#{anchors[s]}">{escape(s)}</a>' if s in anchors else escape(s) for s in row[schema.SOURCES]
        )
        cells = [
            f'<td class="date">{date}</td>',
            f'<td title="{escape(row[schema.PLACE])}">{escape(place)}</td>',
            f"<td>{escape(actors)}</td>",
            f"<td>{escape(event)}</td>",
            *(f'<td class="num">{deaths_text(row[c])}</td>' for c in schema.FATALITY_COLUMNS),
            f"<td>{sources}</td>",
            f'<td class="note">{escape(row[schema.NOTE])}</td>',
        ]
        rows.append(f'<tr class="incident" id="incident-{escape(row[schema.ID])}">{"".join(cells)}</tr>')
    return f"<table>{head}<tbody>\n" + "\n".join(rows) + "\n</tbody></table>"


def source_item(row: dict[str, Any], anchor: str) -> str:
    """One source as a list item: title, author, publisher, date, and its URL (a link only if http(s)).

    Examples
    --------
    >>> source_item({"id": "x", "title": "<b>", "url": "javascript:1"}, "s1")
    '<li id="s1"><span class="sid">[x]</span> <cite>&lt;b&gt;</cite>. <span class="url">javascript:1</span></li>'
    """
    details = [escape(row.get(key)) for key in (schema.AUTHOR, schema.PUBLISHER, schema.DATE) if row.get(key)]
    text = f'<span class="sid">[{escape(row.get(schema.ID))}]</span> <cite>{escape(row.get(schema.TITLE))}</cite>'
    if details:
        text += ", " + ", ".join(details)
    text += "."
    url = link(row.get(schema.URL)) if row.get(schema.URL) else ""
    if url:
        text += f" {url}"
    return f'<li id="{escape(anchor)}">{text}</li>'


def _source_list(records: Records, cited: list[str], anchors: dict[str, str]) -> str:
    if not cited:
        return '<p class="muted">No source is cited by what this report shows.</p>'
    by_id = {row[schema.ID]: row for row in records.sources.to_dict("records")}
    items = [source_item(by_id[source_id], anchors[source_id]) for source_id in cited]
    return '<ol class="sources">\n' + "\n".join(items) + "\n</ol>"
