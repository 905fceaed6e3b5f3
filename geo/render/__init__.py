"""The rendering wing: everything that draws the records for a reader.

- :mod:`geo.render.spec`: what a map, a snapshot or a report shows (:class:`MapSpec`),
  made the same way from a recipe, the command line or Python;
- :mod:`geo.render.options`: the one parser of each option those share (dates, area,
  bounding box, actors, method and parameters, step, window...), with messages that
  name where a value came from;
- :mod:`geo.render.web`: the interactive map (a folium page that plays through time);
- :mod:`geo.render.figures`: static figures for print (the map on one day, zone areas over time);
- :mod:`geo.render.report`: one self-contained HTML report (map, charts, incidents, sources);
- :mod:`geo.render.style`: how things are drawn, for all of them (colours, zones, deaths);
- :mod:`geo.render.select`: which records they show (actors, extent, dates);
- :mod:`geo.render.credits`: who they credit for the places and boundaries shown;
- :mod:`geo.render.page`: what every HTML page shares (escaping, JSON, assets, the
  Content Security Policy, writing).
"""
