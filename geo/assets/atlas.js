/* Sahel conflict atlas: the time control, layers, legend and measuring tool of a map.
 *
 * Project code (no third-party code). It reads one JSON object, ATLAS_DATA, written by
 * geo/maps.py, and exposes window.atlas for scripts and tests:
 *   atlas.ready, atlas.dates, atlas.date(), atlas.setDate(iso), atlas.visible(),
 *   atlas.shown(layerKey) (the ids of the features drawn now),
 *   atlas.play(), atlas.pause(), atlas.step(n).
 * No text from ATLAS_DATA is parsed as HTML: titles, popups, tooltips, the legend and
 * the attribution are set with textContent, and only http(s) URLs become links.
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

  function atlasInit(map, data) {
    var dates = data.dates;
    var index = 0;
    var timer = null;
    var layers = {};
    var groups = {};
    var control = L.control.layers(null, null, { collapsed: false, position: "topright" }).addTo(map);
    var dateListeners = [];
    var incidentFilter = null;
    var canvas = L.canvas({ padding: 0.5 });

    // Hatching patterns for contested zones, one per colour, in a hidden SVG.
    var svgNS = "http://www.w3.org/2000/svg";
    var defsHost = document.createElementNS(svgNS, "svg");
    defsHost.setAttribute("width", "0");
    defsHost.setAttribute("height", "0");
    defsHost.style.position = "absolute";
    var defs = document.createElementNS(svgNS, "defs");
    defsHost.appendChild(defs);
    document.body.appendChild(defsHost);
    var hatchRules = document.createElement("style");
    document.head.appendChild(hatchRules);
    (data.hatches || []).forEach(function (hatch) {
      hatchRules.appendChild(document.createTextNode(
        "path." + hatch.id + " { fill: url(#" + hatch.id + "); fill-opacity: 1; }\n"));
      var pattern = document.createElementNS(svgNS, "pattern");
      pattern.setAttribute("id", hatch.id);
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

    // A feature holds on a day when its interval meets [day - window + 1, day].
    function holds(feature, day, window) {
      var p = feature.properties;
      var from = window > 1 ? shiftDays(day, 1 - window) : day;
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
      var table = el("table", "", null, box);
      (popup.rows || []).forEach(function (row) {
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

    function makeLayer(spec, features) {
      return L.geoJSON({ type: "FeatureCollection", features: features }, {
        renderer: spec.canvas ? canvas : undefined,
        style: function (feature) {
          return feature.properties.style;
        },
        pointToLayer: function (feature, latlng) {
          var style = feature.properties.style;
          if (spec.labels) {
            return L.circleMarker(latlng, style).bindTooltip(el("span", "", feature.properties.label), {
              permanent: true,
              direction: "right",
              className: "atlas-label",
            });
          }
          return L.circleMarker(latlng, Object.assign({ renderer: spec.canvas ? canvas : undefined }, style));
        },
        onEachFeature: function (feature, layer) {
          if (feature.properties.popup) {
            layer.bindPopup(function () { return popupContent(feature.properties.popup); }, { maxWidth: 360 });
          }
          if (feature.properties.tooltip && !spec.labels) {
            layer.bindTooltip(el("span", "", feature.properties.tooltip));
          }
        },
      });
    }

    // Incidents arrive as rows of spec.columns: make them features with a style and a popup.
    function incidentFeature(o) {
      var actor = data.actors[o.actors[0]] || [o.actors[0] || "?", "#7f7f7f"];
      var uncertain = o.start !== o.end;
      var names = o.actors.map(function (id) { return data.actors[id] ? data.actors[id][0] : id; }).join(", ");
      var deaths = o.low === null && o.best === null && o.high === null ? "-"
        : [o.low, o.best, o.high].map(function (n) { return n === null ? "?" : n.toLocaleString("en"); }).join(" / ");
      return {
        type: "Feature",
        geometry: { type: "Point", coordinates: [o.lon, o.lat] },
        properties: {
          id: o.id,
          start: o.start,
          end: o.end,
          style: { radius: o.radius, color: actor[1], fillColor: actor[1], weight: 1.5, className: "atlas-incident",
                   fillOpacity: uncertain ? 0.15 : 0.7, dashArray: uncertain ? "3 3" : null },
          tooltip: o.date + ": " + o.place,
          popup: {
            title: o.id,
            uncertain: uncertain,
            rows: [
              ["date", uncertain ? o.date + " (uncertain: " + (o.start || "\u2026") + " to " + (o.end || "\u2026") + ")" : o.date],
              ["place", o.place || "-"],
              ["event", o.event],
              ["actors", names || "-"],
              ["deaths (low / best / high)", deaths],
            ],
            sources: o.sources,
            note: o.note,
          },
        },
      };
    }

    data.layers.forEach(function (spec) {
      if (spec.columns) {
        spec.features = spec.rows.map(function (row) {
          var o = {};
          spec.columns.forEach(function (column, i) { o[column] = row[i]; });
          return incidentFeature(o);
        });
      }
      var group = L.layerGroup();
      groups[spec.key] = group;
      layers[spec.key] = { spec: spec, drawn: null, count: 0 };
      if (spec.shown !== false) {
        group.addTo(map);
      }
      control.addOverlay(group, spec.name);
    });
    (data.tiles || []).forEach(function (tile) {
      control.addBaseLayer(L.tileLayer(tile.url, { attribution: tile.attribution, maxZoom: 18 }), tile.name);
    });

    function draw() {
      var day = dates.length ? dates[index] : null;
      Object.keys(layers).forEach(function (key) {
        var entry = layers[key];
        if (entry.drawn && !entry.spec.timed) {
          return; // static layers are drawn once
        }
        var window = entry.spec.window_days || 1;
        var features = entry.spec.timed && day
          ? entry.spec.features.filter(function (f) { return holds(f, day, window); })
          : entry.spec.features;
        if (entry.spec.points && incidentFilter) {
          features = features.filter(function (f) { return incidentFilter(f.properties); });
        }
        if (entry.drawn) {
          groups[key].removeLayer(entry.drawn);
        }
        entry.drawn = makeLayer(entry.spec, features);
        entry.count = features.length;
        entry.ids = features.map(function (f) { return f.properties.id || null; });
        groups[key].addLayer(entry.drawn);
        if (entry.spec.back) {
          entry.drawn.bringToBack();
        }
      });
      var label = document.getElementById("atlas-asof");
      if (label) {
        label.textContent = day ? "as of " + day : "";
      }
      var slider = document.getElementById("atlas-slider");
      if (slider) {
        slider.value = String(index);
      }
      dateListeners.forEach(function (listener) { listener(day); });
    }

    // --- the time control -------------------------------------------------------
    var TimeControl = L.Control.extend({
      options: { position: "bottomleft" },
      onAdd: function () {
        var box = L.DomUtil.create("div", "atlas-time leaflet-bar");
        box.id = "atlas-time";
        function button(id, title, text) {
          var node = L.DomUtil.create("button", "", box);
          node.id = id;
          node.type = "button";
          node.title = title;
          node.textContent = text;
          return node;
        }
        var back = button("atlas-back", "previous step", "\u25C0");
        var play = button("atlas-play", "play / pause", "\u25B6");
        var forward = button("atlas-forward", "next step", "\u25B6\u258F");
        var slider = L.DomUtil.create("input", "", box);
        slider.id = "atlas-slider";
        slider.type = "range";
        slider.min = "0";
        slider.max = String(Math.max(dates.length - 1, 0));
        slider.step = "1";
        slider.value = String(index);
        slider.setAttribute("aria-label", "date");
        var label = L.DomUtil.create("span", "atlas-asof", box);
        label.id = "atlas-asof";
        L.DomEvent.disableClickPropagation(box);
        L.DomEvent.disableScrollPropagation(box);
        L.DomEvent.on(back, "click", function () { api.pause(); api.step(-1); });
        L.DomEvent.on(forward, "click", function () { api.pause(); api.step(1); });
        L.DomEvent.on(play, "click", function () { timer ? api.pause() : api.play(); });
        L.DomEvent.on(slider, "input", function () { index = Number(slider.value); draw(); });
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
    var Legend = L.Control.extend({
      options: { position: "bottomright" },
      onAdd: function () {
        var box = L.DomUtil.create("div", "atlas-legend");
        (data.legend || []).forEach(function (entry) {
          if (entry.heading) {
            el("h2", "", entry.heading, box);
            return;
          }
          var row = el("div", "", null, box);
          var swatch = el("span", "swatch atlas-legend-" + (entry.style || "fill"), null, row);
          swatch.style.background = entry.style === "hatch"
            ? "repeating-linear-gradient(45deg, #888 0 2px, transparent 2px 5px)"
            : entry.style === "dotted" || entry.style === "hollow" || entry.style === "dashed" ? "transparent" : entry.swatch;
          if (entry.style === "dotted") { swatch.style.borderStyle = "dotted"; }
          if (entry.style === "dashed" || entry.style === "hollow") { swatch.style.borderStyle = "dashed"; }
          if (entry.style === "pale") { swatch.style.opacity = "0.4"; }
          if (entry.style === "circle" || entry.style === "hollow") { swatch.style.borderRadius = "50%"; }
          el("span", "", entry.text, row);
        });
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
    var measuring = null;
    var Measure = L.Control.extend({
      options: { position: "topleft" },
      onAdd: function () {
        var box = L.DomUtil.create("div", "atlas-measure leaflet-bar");
        var button = L.DomUtil.create("a", "", box);
        button.href = "#";
        button.id = "atlas-measure";
        button.title = "measure a distance and an area (click points; double-click to finish)";
        button.textContent = "\u2194";
        var out = L.DomUtil.create("div", "atlas-measure-out", box);
        out.id = "atlas-measure-out";
        L.DomEvent.disableClickPropagation(box);
        L.DomEvent.on(button, "click", function (e) {
          L.DomEvent.preventDefault(e);
          if (measuring) {
            map.removeLayer(measuring.line);
            map.removeLayer(measuring.shape);
            measuring = null;
            out.textContent = "";
            map.doubleClickZoom.enable();
            return;
          }
          measuring = { points: [], line: L.polyline([], { color: "#111", weight: 2, dashArray: "4 4" }).addTo(map),
                        shape: L.polygon([], { color: "#111", weight: 0, fillOpacity: 0.1 }).addTo(map) };
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
        return box;
      },
    });
    new Measure().addTo(map);

    // --- the API ------------------------------------------------------------------
    var api = {
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
        var play = document.getElementById("atlas-play");
        if (play) { play.textContent = "\u275A\u275A"; }
        timer = setInterval(function () {
          if (index >= dates.length - 1) { api.pause(); return; }
          api.step(1);
        }, data.interval_ms || 700);
      },
      pause: function () {
        if (timer) { clearInterval(timer); timer = null; }
        var play = document.getElementById("atlas-play");
        if (play) { play.textContent = "\u25B6"; }
      },
      shown: function (key) {
        return layers[key] && map.hasLayer(groups[key]) ? layers[key].ids.slice() : [];
      },
      // Hooks for the page's other sections (atlas-analyst.js) and for scripts.
      map: map,
      data: data,
      onDate: function (listener) { dateListeners.push(listener); listener(api.date()); },
      setFilter: function (predicate) { incidentFilter = predicate || null; draw(); },
      drawnIncidents: function () {
        var entry = layers.incidents;
        return entry && entry.drawn ? entry.drawn.getLayers().map(function (l) { return l.feature.properties; }) : [];
      },
      visible: function () {
        var out = {};
        Object.keys(layers).forEach(function (key) {
          out[key] = map.hasLayer(groups[key]) ? layers[key].count : 0;
        });
        return out;
      },
    };
    index = Math.max(0, Math.min(dates.length - 1, data.start_index || 0));
    draw();
    if (data.bounds) {
      map.fitBounds(data.bounds);
    }
    api.ready = true;
    window.atlas = api;
    if (window.atlasAnalyst) {
      window.atlasAnalyst(api);
    }
    return api;
  }

  window.atlasInit = atlasInit;
})();
