"""The rendering wing: everything that draws the records for a reader.

- :mod:`geo.render.spec`: what a map, a snapshot or a report shows (:class:`MapSpec`),
  made the same way from a recipe, the command line or Python;
- :mod:`geo.render.options`: the one parser of each option those share (dates, area,
  bounding box, actors, method and parameters, step, window...), with messages that
  name where a value came from;
- :mod:`geo.render.web`: the interactive map (a folium page that plays through time),
  drawn from its layers: :mod:`geo.render.zones` (influence zones, intensity),
  :mod:`geo.render.incidents` (incidents as columns, and read back),
  :mod:`geo.render.places` (labels, boundaries), :mod:`geo.render.timeline` (the time
  control's dates), which share :mod:`geo.render.lookups` (actors, sources, areas named by
  id; shared popup rows) and :mod:`geo.render.shapes` (polygons written once, as integers);
- :mod:`geo.render.figures`: static figures for print: :mod:`geo.render.snapshot` (the map on
  one day, framed by :mod:`geo.render.legend`: legend, scale bar, axes, attribution) and
  :mod:`geo.render.charts` (zone areas over time), which share :mod:`geo.render.glyphs` (font,
  text, colours) and are written by :mod:`geo.render.saving` (PNG, SVG, PDF);
- :mod:`geo.render.report`: one self-contained HTML report (map, charts, incidents, sources);
- :mod:`geo.render.style`: how things are drawn, for all of them (colours, zones, deaths);
- :mod:`geo.render.select`: which records they show (actors, extent, dates);
- :mod:`geo.render.credits`: who they credit for the places and boundaries shown;
- :mod:`geo.render.page`: what every HTML page shares (escaping, JSON, assets, the
  Content Security Policy, writing).
"""
