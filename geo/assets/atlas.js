/* Sahel conflict atlas: the time control, layers, legend, labels and measuring tool of a map.
 *
 * Project code (no third-party code). window.atlasInit(map, data) reads one JSON object
 * written by geo/maps.py and returns the map's api; window.atlas is the api of the last
 * map made on the page and window.atlases[mapId] that of each map (mapId: the id of the
 * map's container; every element id of a map starts with it):
 *   atlas.id, atlas.ready, atlas.dates, atlas.date(), atlas.setDate(iso), atlas.visible(),
 *   atlas.shown(layerKey) (the ids of the features drawn now),
 *   atlas.play(), atlas.pause(), atlas.step(n),
 *   atlas.colourBy([mode]) ("actor" or "event"), atlas.incidentMode([mode]) ("auto",
 *   "points" or "density"), atlas.density() (whether hexagons are drawn now),
 *   atlas.labels() (the labels shown now), atlas.colourOf(incident), atlas.incidents()
 *   (every incident, as plain objects), atlas.onDraw(fn) (after every redraw).
 * Layers sit in panes by meaning: boundaries under zones under incidents under labels,
 * whether they are drawn as SVG or on a canvas.
 * No text from the data is parsed as HTML: titles, popups, tooltips, labels, the legend
 * and the attribution are set with textContent, and only http(s) URLs become links.
 */
(function () {
  "use strict";

  // A page that links Leaflet (not --self-contained) opened with no network: say so
  // plainly instead of a blank page. (Checked once the page is read: this script may
  // come before Leaflet's own in the page.)
  document.addEventListener("DOMContentLoaded", function () {
    if (typeof window.L !== "undefined") return;
    var note = document.createElement("p");
    note.className = "atlas-offline";
    note.textContent =
      "This map could not load its mapping library (Leaflet) from the network. " +
      "Connect to the internet, or render it with --self-contained to work offline.";
    document.body.insertBefore(note, document.body.firstChild);
  });

  var GREY = "#7f7f7f";
  var DENSITY_COLOURS = ["#fdae6b", "#f16913", "#c0392b", "#67000d"]; // sequential: reads in greys too
  var DENSITY_BREAKS = [1, 3, 10, 30];
  var LABEL_FONT = "11px system-ui, sans-serif";
  var LABEL_FONT_MAIN = "600 12px system-ui, sans-serif";

  // --- colour distances (CIE76 in Lab): actors whose colours look alike are grouped --
  function lab(hex) {
    var rgb = [1, 3, 5].map(function (i) {
      var c = parseInt(hex.slice(i, i + 2), 16) / 255;
      return c > 0.04045 ? Math.pow((c + 0.055) / 1.055, 2.4) : c / 12.92;
    });
    var x = (rgb[0] * 0.4124 + rgb[1] * 0.3576 + rgb[2] * 0.1805) / 0.95047;
    var y = rgb[0] * 0.2126 + rgb[1] * 0.7152 + rgb[2] * 0.0722;
    var z = (rgb[0] * 0.0193 + rgb[1] * 0.1192 + rgb[2] * 0.9505) / 1.08883;
    var f = function (t) { return t > 0.008856 ? Math.cbrt(t) : 7.787 * t + 16 / 116; };
    return [116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))];
  }
  function colourDistance(a, b) {
    var p = lab(a), q = lab(b);
    return Math.sqrt(Math.pow(p[0] - q[0], 2) + Math.pow(p[1] - q[1], 2) + Math.pow(p[2] - q[2], 2));
  }
  function validColour(c) { return typeof c === "string" && /^#[0-9a-fA-F]{6}$/.test(c); }

  function atlasInit(map, data) {
    var container = map.getContainer();
    var mapId = container.id || ("atlas" + Math.random().toString(16).slice(2));
    function uid(name) { return mapId + "-" + name; }
    var dates = data.dates;
    var index = 0;
    var timer = null;
    var layers = {};
    var groups = {};
    var dateListeners = [];
    var drawListeners = [];
    var incidentFilter = null;
    var colourMode = "actor";
    var incidentSetting = "auto";
    var densityOn = false;
    var actorColours = {}; // actor id -> colour now (own, or its family's)
    var actorGroups = []; // the legend's entries for the actors on screen
    var small = container.clientHeight < 520 || container.clientWidth < 700;
    var control = L.control.layers(null, null, { collapsed: small, position: "topright" }).addTo(map);
    L.DomUtil.addClass(control.getContainer(), "atlas-layers");
    var density = data.density || { max_zoom: 6, above: 150, hex_px: 22 };

    // Panes by meaning (z-index from the data): boundaries < zones < incidents < labels.
    var renderers = {};
    data.layers.forEach(function (spec) {
      var name = "atlas-" + spec.key;
      if (!map.getPane(name)) {
        map.createPane(name).style.zIndex = String(spec.pane || 400);
      }
      spec.paneName = name;
      renderers[spec.key] = spec.canvas ? L.canvas({ padding: 0.5, pane: name }) : L.svg({ padding: 0.5, pane: name });
    });

    // Hatching patterns for contested zones, one per colour, in a hidden SVG; ids and
    // rules are this map's own.
    var svgNS = "http://www.w3.org/2000/svg";
    var defsHost = document.createElementNS(svgNS, "svg");
    defsHost.setAttribute("width", "0");
    defsHost.setAttribute("height", "0");
    defsHost.style.position = "absolute";
    var defs = document.createElementNS(svgNS, "defs");
    defsHost.appendChild(defs);
    container.appendChild(defsHost);
    var hatchRules = document.createElement("style");
    document.head.appendChild(hatchRules);
    (data.hatches || []).forEach(function (hatch) {
      if (!/^[A-Za-z0-9_-]+$/.test(hatch.id) || !validColour(hatch.colour)) { return; }
      hatchRules.appendChild(document.createTextNode(
        "#" + mapId + " path." + hatch.id + " { fill: url(#" + uid(hatch.id) + "); fill-opacity: 1; }\n"));
      var pattern = document.createElementNS(svgNS, "pattern");
      pattern.setAttribute("id", uid(hatch.id));
      pattern.setAttribute("patternUnits", "userSpaceOnUse");
      pattern.setAttribute("width", "8");
      pattern.setAttribute("height", "8");
      pattern.setAttribute("patternTransform", "rotate(45)");
      var line = document.createElementNS(svgNS, "line");
      line.setAttribute("x1", "0");
      line.setAttribute("y1", "0");
      line.setAttribute("x2", "0");
      line.setAttribute("y2", "8");
      line.setAttribute("stroke", hatch.colour);
      line.setAttribute("stroke-width", "3");
      line.setAttribute("stroke-opacity", "0.7");
      pattern.appendChild(line);
      defs.appendChild(pattern);
    });

    function shiftDays(iso, days) {
      var d = new Date(iso + "T00:00:00Z");
      d.setUTCDate(d.getUTCDate() + days);
      return d.toISOString().slice(0, 10);
    }

    // A feature holds on a day when its interval meets [from, day] (from = day - window + 1).
    function holds(p, day, from) {
      return (!p.start || p.start <= day) && (!p.end || from <= p.end);
    }

    function isHttp(url) {
      return typeof url === "string" && /^https?:\/\/[^\s"'<>]+$/i.test(url);
    }

    function el(tag, className, text, parent) {
      var node = document.createElement(tag);
      if (className) { node.className = className; }
      if (text !== undefined && text !== null) { node.textContent = String(text); }
      if (parent) { parent.appendChild(node); }
      return node;
    }

    // Popups are built from data with textContent: nothing from the records is parsed as HTML.
    function popupContent(popup) {
      var box = el("div", "atlas-popup");
      el("strong", "", popup.title, box);
      if (popup.uncertain) {
        el("div", "atlas-uncertain", "date uncertain: shown over its whole interval", box);
      }
      if (popup.located) {
        el("div", "atlas-uncertain", popup.located, box);
      }
      var table = el("table", "", null, box);
      var shared = (popup.shared || []).map(function (n) { return (data.popup_rows || [])[n]; });
      (popup.rows || []).concat(shared).forEach(function (row) {
        if (!row) { return; }
        var tr = el("tr", "", null, table);
        el("th", "", row[0], tr);
        el("td", "", row[1], tr);
      });
      if (popup.note) {
        el("p", "atlas-popup-meta", popup.note, box);
      }
      if (popup.sources && popup.sources.length) {
        var list = el("ul", "atlas-popup-meta", null, box);
        popup.sources.forEach(function (id) {
          var source = data.sources[id];
          var item = el("li", "", null, list);
          var title = source ? source[0] : id;
          var url = source ? source[1] : null;
          if (isHttp(url)) {
            var link = el("a", "", title, item);
            link.href = url;
            link.target = "_blank";
            link.rel = "noopener noreferrer";
          } else {
            item.textContent = title;
          }
        });
      }
      return box;
    }

    function bindInfo(layer, props) {
      if (props.popup) {
        layer.bindPopup(function () { return popupContent(props.popup); }, { maxWidth: 360 });
      }
      if (props.tooltip) {
        layer.bindTooltip(el("span", "", props.tooltip));
      }
    }

    function makeLayer(spec, features) {
      var renderer = renderers[spec.key];
      return L.geoJSON({ type: "FeatureCollection", features: features }, {
        pane: spec.paneName,
        renderer: renderer,
        style: function (feature) {
          return Object.assign({ pane: spec.paneName, renderer: renderer }, feature.properties.style);
        },
        pointToLayer: function (feature, latlng) {
          return L.circleMarker(latlng, Object.assign({ pane: spec.paneName, renderer: renderer }, feature.properties.style));
        },
        onEachFeature: function (feature, layer) { bindInfo(layer, feature.properties); },
      });
    }

    // --- incidents ----------------------------------------------------------------
    // Rows of spec.columns become plain objects (what atlas.incidents() and the analyst's
    // tools see) inside GeoJSON-like features; their map layers are made when first drawn.
    function deathsOf(o) { return o.best !== null && o.best !== undefined ? o.best : (o.low || 0); }
    function radiusOf(o) { return Math.min(4.5 + 1.6 * Math.sqrt(deathsOf(o)), 22); }

    function incidentFeature(o, lookups) {
      o.place = lookups && lookups.place ? lookups.place[o.place] : o.place;
      o.event = lookups && lookups.event ? lookups.event[o.event] : o.event;
      o.date = o.date || o.start || "";
      o.type = o.type || "";
      o.deaths = deathsOf(o);
      o.uncertain = o.start !== o.end;
      var names = o.actors.map(function (id) { return data.actors[id] ? data.actors[id][0] : id; }).join(", ");
      var deaths = o.low === null && o.best === null && o.high === null ? "-"
        : [o.low, o.best, o.high].map(function (n) { return n === null ? "?" : n.toLocaleString("en"); }).join(" / ");
      var located = o.area ? "place known only to an area: drawn as its outline"
        : o.ring_km ? "place known only to within " + o.ring_km + " km: drawn as a ring" : null;
      o.tooltip = o.date + ": " + o.place;
      o.popup = {
        title: o.id,
        uncertain: o.uncertain,
        located: located,
        rows: [
          ["date", o.uncertain ? o.date + " (uncertain: " + (o.start || "\u2026") + " to " + (o.end || "\u2026") + ")" : o.date],
          ["place", o.place || "-"],
          ["event", o.event || "-"],
          ["actors", names || "-"],
          ["deaths (low / best / high)", deaths],
        ],
        sources: o.sources,
        note: o.note,
      };
      return { type: "Feature", geometry: { type: "Point", coordinates: [o.lon, o.lat] }, properties: o };
    }

    function colourOf(o) {
      if (colourMode === "event") {
        return (data.event_colours || {})[o.type || ""] || GREY;
      }
      var first = o.actors[0];
      if (actorColours[first]) { return actorColours[first]; }
      var actor = data.actors[first];
      return actor && validColour(actor[1]) ? actor[1] : GREY;
    }

    function incidentStyle(o) {
      var colour = colourOf(o);
      var pane = layers.incidents.spec.paneName;
      var renderer = renderers.incidents;
      if (o.area || o.ring_km) { // known only to an area: an outline or a ring, never a dot
        return { pane: pane, renderer: renderer, color: colour, weight: 2, opacity: 0.9, dashArray: "5 4",
                 fill: true, fillColor: colour, fillOpacity: 0.06, className: "atlas-incident atlas-incident-area" };
      }
      if (o.uncertain) {
        return { pane: pane, renderer: renderer, radius: radiusOf(o), color: colour, weight: 2, opacity: 1,
                 dashArray: "3 2", fillColor: colour, fillOpacity: 0.25, className: "atlas-incident" };
      }
      return { pane: pane, renderer: renderer, radius: radiusOf(o), color: "#ffffff", weight: 1.5, opacity: 1,
               fillColor: colour, fillOpacity: 0.92, className: "atlas-incident" };
    }

    function incidentLayer(feature) {
      var o = feature.properties;
      if (!feature.layer) {
        var latlng = L.latLng(o.lat, o.lon);
        var style = incidentStyle(o);
        var shape = data.areas && o.area ? data.areas[o.area] : null;
        if (shape) {
          feature.layer = L.geoJSON(shape, { pane: style.pane, renderer: style.renderer, style: function () { return style; } });
        } else if (o.area || o.ring_km) {
          feature.layer = L.circle(latlng, Object.assign({ radius: (o.ring_km || 25) * 1000 }, style));
        } else {
          feature.layer = L.circleMarker(latlng, style);
        }
        bindInfo(feature.layer, o);
        feature.colour = style.fillColor;
      } else if (feature.colour !== colourOf(o)) {
        var restyle = incidentStyle(o);
        feature.layer.setStyle({ color: restyle.color, fillColor: restyle.fillColor });
        feature.colour = restyle.fillColor;
      }
      return feature.layer;
    }

    // Hexagon bins (pointy-top, in screen pixels at the current zoom) of the incidents.
    function hexagons(features) {
      var size = density.hex_px || 22;
      var w = Math.sqrt(3) * size;
      var zoom = map.getZoom();
      var bins = {};
      features.forEach(function (f) {
        var p = map.project([f.properties.lat, f.properties.lon], zoom);
        var q = (Math.sqrt(3) / 3 * p.x - p.y / 3) / size;
        var r = (2 / 3 * p.y) / size;
        var x = q, z = r, y = -x - z;
        var rx = Math.round(x), ry = Math.round(y), rz = Math.round(z);
        var dx = Math.abs(rx - x), dy = Math.abs(ry - y), dz = Math.abs(rz - z);
        if (dx > dy && dx > dz) { rx = -ry - rz; } else if (dy <= dz) { rz = -rx - ry; }
        var key = rx + "," + rz;
        var bin = bins[key] || (bins[key] = { q: rx, r: rz, items: [], deaths: 0 });
        bin.items.push(f.properties);
        bin.deaths += f.properties.deaths || 0;
      });
      return Object.keys(bins).map(function (key) {
        var bin = bins[key];
        var cx = w * (bin.q + bin.r / 2), cy = 1.5 * size * bin.r;
        var corners = [];
        for (var i = 0; i < 6; i++) {
          var angle = Math.PI / 180 * (60 * i - 30);
          corners.push(map.unproject([cx + (size - 0.5) * Math.cos(angle), cy + (size - 0.5) * Math.sin(angle)], zoom));
        }
        var n = bin.items.length;
        var klass = 0;
        DENSITY_BREAKS.forEach(function (b, i) { if (n >= b) { klass = i; } });
        var hex = L.polygon(corners, { pane: layers.incidents.spec.paneName, renderer: renderers.incidents,
          color: "#ffffff", weight: 1, fillColor: DENSITY_COLOURS[klass], fillOpacity: 0.85,
          className: "atlas-incident atlas-hexagon" });
        hex.bindTooltip(el("span", "", n.toLocaleString("en") + " incident(s), " + bin.deaths.toLocaleString("en") +
          " death(s); click to zoom in"));
        var centre = map.unproject([cx, cy], zoom);
        hex.on("click", function () { map.setView(centre, Math.max(zoom + 2, density.max_zoom + 1)); });
        return hex;
      });
    }

    function inView(features) {
      var bounds = map.getBounds();
      return features.filter(function (f) { return bounds.contains([f.properties.lat, f.properties.lon]); });
    }

    function wantDensity(features) {
      if (incidentSetting === "density") { return true; }
      if (incidentSetting === "points") { return false; }
      return map.getZoom() <= density.max_zoom && inView(features).length > density.above;
    }

    // The actors on screen, most incidents first: each keeps its own colour while fewer
    // than data.max_own_colours are kept and its colour is unlike theirs; the others
    // take their family's colour (jihadist groups, rebels and militias, forces, other).
    function assignActorColours(features) {
      var counts = {};
      inView(features).forEach(function (f) {
        var first = f.properties.actors[0] || "";
        counts[first] = (counts[first] || 0) + 1;
      });
      var ranked = Object.keys(counts).sort(function (a, b) { return counts[b] - counts[a] || (a < b ? -1 : 1); });
      var kept = [];
      var families = {};
      var most = data.max_own_colours || 10;
      actorColours = {};
      actorGroups = [];
      ranked.forEach(function (id) {
        var actor = data.actors[id];
        var own = actor && validColour(actor[1]) ? actor[1] : GREY;
        var distinct = kept.every(function (c) { return colourDistance(c, own) >= 18; });
        if (actor && kept.length < most && distinct) {
          kept.push(own);
          actorColours[id] = own;
          actorGroups.push({ colour: own, text: actor[0], count: counts[id] });
          return;
        }
        var family = actor && data.families && data.families[actor[2]] ? actor[2] : "other";
        var spec = (data.families || {})[family] || ["other actors", GREY];
        actorColours[id] = spec[1];
        var entry = families[family];
        if (!entry) {
          entry = families[family] = { colour: spec[1], text: spec[0], count: 0, members: [] };
        }
        entry.count += counts[id];
        entry.members.push(actor ? actor[0] : id);
      });
      Object.keys(families).sort().forEach(function (key) { actorGroups.push(families[key]); });
    }

    function eventGroups(features) {
      var counts = {};
      inView(features).forEach(function (f) { counts[f.properties.type] = (counts[f.properties.type] || 0) + 1; });
      return Object.keys(data.event_colours || {}).filter(function (t) { return counts[t]; }).map(function (t) {
        return { colour: data.event_colours[t], text: t || "other or unknown", count: counts[t] };
      });
    }

    function drawIncidents(entry) {
      var group = groups.incidents;
      var features = entry.current || [];
      assignActorColours(features);
      densityOn = wantDensity(features);
      if (entry.drawn) { group.removeLayer(entry.drawn); }
      var drawn = L.featureGroup();
      if (densityOn) {
        hexagons(features).forEach(function (hex) { drawn.addLayer(hex); });
      } else {
        // outlines first, then rings, then dots, the largest under the smallest
        var ordered = features.slice().sort(function (a, b) {
          var pa = a.properties, pb = b.properties;
          var ka = pa.area ? 0 : pa.ring_km ? 1 : 2, kb = pb.area ? 0 : pb.ring_km ? 1 : 2;
          return ka - kb || radiusOf(pb) - radiusOf(pa);
        });
        ordered.forEach(function (f) { drawn.addLayer(incidentLayer(f)); });
      }
      entry.drawn = drawn;
      group.addLayer(drawn);
      updateLegend();
    }

    // --- the layers ----------------------------------------------------------------
    // data.shapes: polygons as integers, each ring a first point in 1e-4 degrees and then
    // steps from point to point (geo/maps.py, _encode_polygons); decoded once each.
    var decoded = {};
    function shape(n) {
      if (decoded[n]) { return decoded[n]; }
      var coded = data.shapes[n];
      if (coded.geojson) { decoded[n] = coded.geojson; return decoded[n]; }
      var polygons = coded.p.map(function (polygon) {
        return polygon.map(function (flat) {
          var points = [], x = 0, y = 0;
          for (var i = 0; i + 1 < flat.length; i += 2) {
            x += flat[i];
            y += flat[i + 1];
            points.push([x / 1e4, y / 1e4]);
          }
          return points;
        });
      });
      decoded[n] = polygons.length === 1
        ? { type: "Polygon", coordinates: polygons[0] }
        : { type: "MultiPolygon", coordinates: polygons };
      return decoded[n];
    }

    data.layers.forEach(function (spec) {
      // Polygons shared by several features (a zone unchanged over many steps) are
      // written once in data.shapes; put each feature's geometry back.
      (spec.features || []).forEach(function (f) {
        if (f.shape !== undefined && !f.geometry) { f.geometry = shape(f.shape); }
      });
      if (spec.columns) {
        spec.features = spec.rows.map(function (row) {
          var o = {};
          spec.columns.forEach(function (column, i) { o[column] = row[i]; });
          return incidentFeature(o, spec.lookups);
        });
      }
      var group = L.layerGroup();
      groups[spec.key] = group;
      layers[spec.key] = { spec: spec, drawn: null, count: 0, ids: [] };
      if (spec.shown !== false) {
        group.addTo(map);
      }
      if (!spec.labels) {
        control.addOverlay(group, spec.name);
      }
    });
    var tileLayers = (data.tiles || []).map(function (tile) {
      var layer = L.tileLayer(tile.url, { attribution: tile.attribution, maxZoom: 18 });
      control.addBaseLayer(layer, tile.name);
      return layer;
    });
    // With a tile layer on, the boundaries' paper fill would hide it: outlines only.
    map.on("baselayerchange", function () {
      var entry = layers.boundaries;
      if (entry && entry.drawn) {
        var tiles = tileLayers.some(function (t) { return map.hasLayer(t); });
        entry.drawn.eachLayer(function (l) { l.setStyle({ fillOpacity: tiles ? 0 : l.feature.properties.style.fillOpacity }); });
      }
    });

    // --- labels: by priority, never overlapping ----------------------------------------
    var LabelIcon = L.DivIcon.extend({
      createIcon: function (old) {
        var div = L.DivIcon.prototype.createIcon.call(this, old);
        div.textContent = this.options.text;
        return div;
      },
    });
    var measureCanvas = document.createElement("canvas").getContext("2d");
    var labels = [];
    if (layers.places) {
      control.addOverlay(groups.places, layers.places.spec.name);
      labels = layers.places.spec.features.map(function (f, i) {
        var p = f.properties;
        var main = p.rank !== undefined && p.rank <= 1;
        measureCanvas.font = main ? LABEL_FONT_MAIN : LABEL_FONT;
        var marker = L.marker([f.geometry.coordinates[1], f.geometry.coordinates[0]], {
          icon: new LabelIcon({ className: "atlas-label" + (main ? " atlas-label-main" : ""), text: p.label, iconSize: null }),
          pane: layers.places.spec.paneName,
          interactive: false,
          keyboard: false,
        });
        return { marker: marker, width: Math.ceil(measureCanvas.measureText(p.label).width) + 9, order: i, label: p.label };
      });
      layers.places.count = labels.length;
      layers.places.drawn = true;
    }
    var shownLabels = [];
    function placeLabels() {
      if (!layers.places) { return; }
      var size = map.getSize();
      var kept = [];
      shownLabels = [];
      labels.forEach(function (item) {
        var p = map.latLngToContainerPoint(item.marker.getLatLng());
        var box = [p.x - 4, p.y - 8, p.x + item.width + 2, p.y + 8];
        var fits = box[2] > 0 && box[0] < size.x && box[3] > 0 && box[1] < size.y &&
          kept.every(function (k) { return box[2] <= k[0] || box[0] >= k[2] || box[3] <= k[1] || box[1] >= k[3]; });
        if (fits) {
          kept.push(box);
          shownLabels.push(item.label);
          if (!groups.places.hasLayer(item.marker)) { groups.places.addLayer(item.marker); }
        } else if (groups.places.hasLayer(item.marker)) {
          groups.places.removeLayer(item.marker);
        }
      });
      layers.places.ids = shownLabels.slice();
    }

    function draw() {
      var day = dates.length ? dates[index] : null;
      Object.keys(layers).forEach(function (key) {
        var entry = layers[key];
        if (entry.spec.labels || (entry.drawn && !entry.spec.timed)) {
          return; // static layers are drawn once; labels are placed on move
        }
        var window = entry.spec.window_days || 1;
        var from = day && window > 1 ? shiftDays(day, 1 - window) : day;
        var features = entry.spec.timed && day
          ? entry.spec.features.filter(function (f) { return holds(f.properties, day, from); })
          : entry.spec.features;
        if (entry.spec.points && incidentFilter) {
          features = features.filter(function (f) { return incidentFilter(f.properties); });
        }
        entry.count = features.length;
        entry.ids = features.map(function (f) { return f.properties.id || null; });
        if (entry.spec.points) {
          entry.current = features;
          drawIncidents(entry);
          return;
        }
        if (entry.drawn) {
          groups[key].removeLayer(entry.drawn);
        }
        entry.drawn = makeLayer(entry.spec, features);
        groups[key].addLayer(entry.drawn);
      });
      if (asofLabel) {
        asofLabel.textContent = day ? "as of " + day : "";
      }
      if (sliderInput) {
        sliderInput.value = String(index);
      }
      updateLegend();
      dateListeners.forEach(function (listener) { listener(day); });
      drawListeners.forEach(function (listener) { listener(day); });
    }

    // --- the time control -------------------------------------------------------
    var asofLabel = null;
    var sliderInput = null;
    var playButton = null;
    var TimeControl = L.Control.extend({
      options: { position: "bottomleft" },
      onAdd: function () {
        var box = L.DomUtil.create("div", "atlas-time leaflet-bar");
        box.id = uid("time");
        function button(name, title, text) {
          var node = L.DomUtil.create("button", "atlas-" + name, box);
          node.id = uid(name);
          node.type = "button";
          node.title = title;
          node.textContent = text;
          return node;
        }
        var back = button("back", "previous step", "\u25C0");
        playButton = button("play", "play / pause", "\u25B6");
        var forward = button("forward", "next step", "\u25B6\u258F");
        sliderInput = L.DomUtil.create("input", "atlas-slider", box);
        sliderInput.id = uid("slider");
        sliderInput.type = "range";
        sliderInput.min = "0";
        sliderInput.max = String(Math.max(dates.length - 1, 0));
        sliderInput.step = "1";
        sliderInput.value = String(index);
        sliderInput.setAttribute("aria-label", "date");
        asofLabel = L.DomUtil.create("span", "atlas-asof", box);
        asofLabel.id = uid("asof");
        L.DomEvent.disableClickPropagation(box);
        L.DomEvent.disableScrollPropagation(box);
        L.DomEvent.on(back, "click", function () { api.pause(); api.step(-1); });
        L.DomEvent.on(forward, "click", function () { api.pause(); api.step(1); });
        L.DomEvent.on(playButton, "click", function () { timer ? api.pause() : api.play(); });
        L.DomEvent.on(sliderInput, "input", function () { index = Number(sliderInput.value); draw(); });
        return box;
      },
    });
    if (dates.length) {
      new TimeControl().addTo(map);
    }

    // --- title, legend, scale, attribution ----------------------------------------
    var Title = L.Control.extend({
      options: { position: "topleft" },
      onAdd: function () {
        var box = L.DomUtil.create("div", "atlas-title");
        var h = L.DomUtil.create("h1", "", box);
        h.textContent = data.title;
        if (data.subtitle) {
          var p = L.DomUtil.create("p", "", box);
          p.textContent = data.subtitle;
        }
        return box;
      },
    });
    new Title().addTo(map);

    function swatchRow(parent, colour, text, style, count, title) {
      var row = el("div", "atlas-legend-row", null, parent);
      var swatch = el("span", "swatch atlas-legend-" + (style || "fill"), null, row);
      swatch.style.background = style === "hatch"
        ? "repeating-linear-gradient(45deg, #888 0 2px, transparent 2px 5px)"
        : style === "dotted" || style === "hollow" || style === "dashed" || style === "ring" ? "transparent"
          : validColour(colour) ? colour : GREY;
      if (style === "dotted") { swatch.style.borderStyle = "dotted"; }
      if (style === "dashed" || style === "hollow" || style === "ring") { swatch.style.borderStyle = "dashed"; }
      if (style === "pale") { swatch.style.opacity = "0.4"; }
      if (style === "faded") { swatch.style.opacity = "0.4"; swatch.style.borderStyle = "dashed"; }
      if (style === "circle" || style === "hollow" || style === "dot" || style === "ring") { swatch.style.borderRadius = "50%"; }
      if (style === "dot") { swatch.style.borderColor = "#fff"; swatch.style.boxShadow = "0 0 0 1px #999"; }
      el("span", "atlas-legend-text", text, row);
      if (count) { el("span", "atlas-legend-count", count.toLocaleString("en"), row); }
      if (title) { row.title = title; }
      return row;
    }

    var legendBody = null;
    var legendBox = null;
    function updateLegend() {
      if (!legendBody || !layers.incidents) { return; }
      while (legendBody.firstChild) { legendBody.removeChild(legendBody.firstChild); }
      var incidentsOn = map.hasLayer(groups.incidents);
      if (incidentsOn && densityOn) {
        el("h2", "", "Incidents per hexagon (zoom in for each)", legendBody);
        DENSITY_COLOURS.forEach(function (colour, i) {
          var high = DENSITY_BREAKS[i + 1];
          swatchRow(legendBody, colour, DENSITY_BREAKS[i] + (high ? (high - 1 > DENSITY_BREAKS[i] ? "\u2013" + (high - 1) : "") : "+"), "fill");
        });
      } else if (incidentsOn) {
        var entries = colourMode === "event" ? eventGroups(layers.incidents.current || []) : actorGroups;
        el("h2", "", (colourMode === "event" ? "Event types" : "Actors") + " on screen", legendBody);
        if (!entries.length) { el("div", "atlas-legend-empty", "none at this date and view", legendBody); }
        entries.forEach(function (entry) {
          var text = entry.members ? entry.text + " (" + entry.members.length + ")" : entry.text;
          swatchRow(legendBody, entry.colour, text, "dot", entry.count, entry.members ? entry.members.join(", ") : entry.text);
        });
      }
      var zonesOn = layers.zones && map.hasLayer(groups.zones) && layers.zones.spec.features.length;
      var intensityOn = layers.intensity && map.hasLayer(groups.intensity);
      var section = null;
      (data.legend || []).forEach(function (entry) {
        if (entry.heading) {
          section = entry.heading;
        }
        if (section && /^Zones/.test(section) && !zonesOn) { return; }
        if (section && /per cercle/.test(section) && !intensityOn) { return; }
        if (section === "Incidents" && (!incidentsOn || densityOn)) { return; }
        if (entry.heading) {
          el("h2", "", entry.heading, legendBody);
          return;
        }
        swatchRow(legendBody, entry.swatch, entry.text, entry.style);
      });
    }

    var Legend = L.Control.extend({
      options: { position: "bottomright" },
      onAdd: function () {
        var box = L.DomUtil.create("div", "atlas-legend");
        box.id = uid("legend");
        legendBox = box;
        var head = el("div", "atlas-legend-head", null, box);
        var toggle = el("button", "atlas-legend-toggle", "Legend \u25BE", head);
        toggle.type = "button";
        toggle.id = uid("legend-toggle");
        toggle.title = "show or hide the legend";
        toggle.setAttribute("aria-expanded", "true");
        var controls = el("div", "atlas-legend-controls", null, box);
        var colourLabel = el("label", "", "Colour by ", controls);
        var colourSelect = el("select", "atlas-colour-by", null, colourLabel);
        colourSelect.id = uid("colour-by");
        [["actor", "actor"], ["event", "event type"]].forEach(function (option) {
          var node = el("option", "", option[1], colourSelect);
          node.value = option[0];
        });
        var modeLabel = el("label", "", " Show ", controls);
        var modeSelect = el("select", "atlas-incident-mode", null, modeLabel);
        modeSelect.id = uid("incident-mode");
        [["auto", "auto"], ["points", "each incident"], ["density", "density"]].forEach(function (option) {
          var node = el("option", "", option[1], modeSelect);
          node.value = option[0];
        });
        legendBody = el("div", "atlas-legend-body", null, box);
        L.DomEvent.on(colourSelect, "change", function () { api.colourBy(colourSelect.value); });
        L.DomEvent.on(modeSelect, "change", function () { api.incidentMode(modeSelect.value); });
        L.DomEvent.on(toggle, "click", function () {
          var collapsed = L.DomUtil.hasClass(box, "atlas-collapsed");
          (collapsed ? L.DomUtil.removeClass : L.DomUtil.addClass)(box, "atlas-collapsed");
          toggle.textContent = collapsed ? "Legend \u25BE" : "Legend \u25B8";
          toggle.setAttribute("aria-expanded", collapsed ? "true" : "false");
        });
        if (small) {
          L.DomUtil.addClass(box, "atlas-collapsed");
          toggle.textContent = "Legend \u25B8";
          toggle.setAttribute("aria-expanded", "false");
        }
        L.DomEvent.disableClickPropagation(box);
        L.DomEvent.disableScrollPropagation(box);
        return box;
      },
    });
    new Legend().addTo(map);
    L.control.scale({ metric: true, imperial: true }).addTo(map);
    (data.attribution || []).forEach(function (text) {
      var holder = document.createElement("span");
      holder.textContent = text;
      map.attributionControl.addAttribution(holder.innerHTML); // escaped by the browser itself
    });

    // --- measuring: great-circle distance and spherical area ------------------------
    var R = 6371008.8;
    function rad(d) { return (d * Math.PI) / 180; }
    function distance(a, b) {
      var dphi = rad(b.lat - a.lat);
      var dlam = rad(b.lng - a.lng);
      var h = Math.pow(Math.sin(dphi / 2), 2) + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.pow(Math.sin(dlam / 2), 2);
      return 2 * R * Math.asin(Math.min(1, Math.sqrt(h)));
    }
    function area(points) {
      if (points.length < 3) { return 0; }
      var total = 0;
      for (var i = 0; i < points.length; i++) {
        var p1 = points[i];
        var p2 = points[(i + 1) % points.length];
        total += rad(p2.lng - p1.lng) * (2 + Math.sin(rad(p1.lat)) + Math.sin(rad(p2.lat)));
      }
      return Math.abs((total * R * R) / 2);
    }
    // While measuring, the map's features take no clicks (the container's class makes
    // them transparent to the pointer): every click adds a point, none opens a popup.
    var measuring = null;
    var Measure = L.Control.extend({
      options: { position: "topleft" },
      onAdd: function () {
        var box = L.DomUtil.create("div", "atlas-measure leaflet-bar");
        var button = L.DomUtil.create("a", "atlas-measure-button", box);
        button.href = "#";
        button.id = uid("measure");
        button.title = "measure a distance and an area (click points; click the button again to stop)";
        button.setAttribute("role", "button");
        button.textContent = "\u2194";
        var out = L.DomUtil.create("div", "atlas-measure-out", box);
        out.id = uid("measure-out");
        L.DomEvent.disableClickPropagation(box);
        L.DomEvent.on(button, "click", function (e) {
          L.DomEvent.preventDefault(e);
          if (measuring) {
            map.removeLayer(measuring.line);
            map.removeLayer(measuring.shape);
            measuring = null;
            out.textContent = "";
            L.DomUtil.removeClass(container, "atlas-measuring");
            L.DomUtil.removeClass(button, "atlas-active");
            map.doubleClickZoom.enable();
            return;
          }
          map.closePopup();
          measuring = { points: [], line: L.polyline([], { color: "#111", weight: 2, dashArray: "4 4", interactive: false }).addTo(map),
                        shape: L.polygon([], { color: "#111", weight: 0, fillOpacity: 0.1, interactive: false }).addTo(map) };
          L.DomUtil.addClass(container, "atlas-measuring");
          L.DomUtil.addClass(button, "atlas-active");
          map.doubleClickZoom.disable();
          out.textContent = "click on the map";
        });
        map.on("click", function (e) {
          if (!measuring) { return; }
          measuring.points.push(e.latlng);
          measuring.line.setLatLngs(measuring.points);
          measuring.shape.setLatLngs(measuring.points);
          var length = 0;
          for (var i = 1; i < measuring.points.length; i++) {
            length += distance(measuring.points[i - 1], measuring.points[i]);
          }
          var text = (length / 1000).toFixed(1) + " km";
          if (measuring.points.length >= 3) {
            text += "; area " + Math.round(area(measuring.points) / 1e6).toLocaleString("en") + " km\u00B2";
          }
          out.textContent = text + " (sphere)";
        });
        map.on("popupopen", function () { if (measuring) { map.closePopup(); } });
        return box;
      },
    });
    new Measure().addTo(map);

    // --- the API ------------------------------------------------------------------
    var api = {
      id: mapId,
      ready: false,
      dates: dates.slice(),
      date: function () { return dates.length ? dates[index] : null; },
      setDate: function (iso) {
        var found = 0;
        for (var i = 0; i < dates.length; i++) {
          if (dates[i] <= iso) { found = i; }
        }
        index = found;
        draw();
        return api.date();
      },
      step: function (n) {
        index = Math.max(0, Math.min(dates.length - 1, index + n));
        draw();
        return api.date();
      },
      play: function () {
        if (timer || dates.length < 2) { return; }
        if (playButton) { playButton.textContent = "\u275A\u275A"; }
        timer = setInterval(function () {
          if (index >= dates.length - 1) { api.pause(); return; }
          api.step(1);
        }, data.interval_ms || 700);
      },
      pause: function () {
        if (timer) { clearInterval(timer); timer = null; }
        if (playButton) { playButton.textContent = "\u25B6"; }
      },
      shown: function (key) {
        return layers[key] && map.hasLayer(groups[key]) ? layers[key].ids.slice() : [];
      },
      // Hooks for the page's other sections (atlas-analyst.js) and for scripts.
      map: map,
      data: data,
      onDate: function (listener) { dateListeners.push(listener); listener(api.date()); },
      onDraw: function (listener) { drawListeners.push(listener); },
      setFilter: function (predicate) { incidentFilter = predicate || null; draw(); },
      // The incidents drawn now (as points, outlines, rings or inside hexagons).
      drawnIncidents: function () {
        var entry = layers.incidents;
        return entry && entry.current ? entry.current.map(function (f) { return f.properties; }) : [];
      },
      incidents: function () {
        return layers.incidents ? layers.incidents.spec.features.map(function (f) { return f.properties; }) : [];
      },
      colourOf: function (incident) { return colourOf(incident); },
      colourBy: function (mode) {
        if (mode === "actor" || mode === "event") {
          colourMode = mode;
          var select = document.getElementById(uid("colour-by"));
          if (select) { select.value = mode; }
          if (layers.incidents) { drawIncidents(layers.incidents); }
        }
        return colourMode;
      },
      incidentMode: function (mode) {
        if (mode === "auto" || mode === "points" || mode === "density") {
          incidentSetting = mode;
          var select = document.getElementById(uid("incident-mode"));
          if (select) { select.value = mode; }
          if (layers.incidents) { drawIncidents(layers.incidents); }
        }
        return incidentSetting;
      },
      density: function () { return densityOn; },
      labels: function () { return shownLabels.slice(); },
      visible: function () {
        var out = {};
        Object.keys(layers).forEach(function (key) {
          out[key] = map.hasLayer(groups[key]) ? (key === "places" ? shownLabels.length : layers[key].count) : 0;
        });
        return out;
      },
    };
    index = Math.max(0, Math.min(dates.length - 1, data.start_index || 0));
    if (data.bounds) {
      map.fitBounds(data.bounds, { animate: false }); // no zoom animation: layers are added next
    }
    draw();
    placeLabels();
    map.on("moveend", function () { // after every pan and zoom
      placeLabels();
      if (layers.incidents) { drawIncidents(layers.incidents); }
    });
    map.on("overlayadd overlayremove", updateLegend);
    api.ready = true;
    window.atlas = api;
    window.atlases = window.atlases || {};
    window.atlases[mapId] = api;
    if (window.atlasAnalyst) {
      window.atlasAnalyst(api);
    }
    return api;
  }

  window.atlasInit = atlasInit;
})();
