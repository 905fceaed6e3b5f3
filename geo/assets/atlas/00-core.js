/* Sahel conflict atlas: the time control, layers, legend, labels and measuring tool of a map.
 *
 * Project code (no third-party code). window.atlasInit(map, data) reads one JSON object
 * written by geo/render/web.py and returns the map's api; window.atlas is the api of the last
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

