/* The analyst's tools of an atlas map page, built on the hooks of the atlas script (geo/assets/atlas/):
 * window.atlasAnalyst(api) is called once per map when it is ready.
 *
 * Project code (no third-party code, no network). For each map it adds:
 * - a place search (the names of the places and incident places in the page, matched
 *   without regard to case or accents; choosing one pans there and opens a popup);
 * - a "Filter" panel, collapsed to a button: actors and event types with their counts,
 *   all/none, and "download what is shown" as CSV or GeoJSON;
 * - a histogram of incidents (or deaths) per step above the time control, the current
 *   step marked, a click on a bar moving the map to that step;
 * - the data's cut-off ("data to ...") beside the "as of" date;
 * - a permalink: the first map of a page keeps #date=YYYY-MM-DD&lat=..&lon=..&z=.. in
 *   the address, and a page opened with such a hash starts there.
 * Everything is scoped to the map's container (several maps can share a page). No text
 * from the data or from the address is parsed as HTML: it is set with textContent.
 * Each map's tools are scriptable as api.analyst (window.atlas.analyst for the last map;
 * window.atlasAnalyst.maps lists the api of every map of the page).
 */
(function () {
  "use strict";
  if (window.atlasAnalyst) {
    return; // a second copy of this script (two map fragments on one page): keep the first
  }

  var SVG_NS = "http://www.w3.org/2000/svg";
  var NO_ACTOR = "\u0000none"; // the key of incidents with no actor (no actor id starts with NUL)
  var NO_TYPE = "(no event type)";
  var HASH_KEYS = { date: true, lat: true, lon: true, z: true };
  var pageState = { hashOwner: null, maps: 0 };

  // --- small helpers -----------------------------------------------------------------
  function el(tag, className, text, parent) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    if (parent) { parent.appendChild(node); }
    return node;
  }

  function svgEl(tag, attrs, parent) {
    var node = document.createElementNS(SVG_NS, tag);
    Object.keys(attrs || {}).forEach(function (key) { node.setAttribute(key, String(attrs[key])); });
    if (parent) { parent.appendChild(node); }
    return node;
  }

  function button(text, title, parent, className) {
    var node = el("button", className || "", text, parent);
    node.type = "button";
    if (title) { node.title = title; }
    return node;
  }

  // Case- and accent-insensitive form of a name: "Ménaka" and "MENAKA" both give "menaka".
  function fold(text) {
    var s = String(text === null || text === undefined ? "" : text);
    if (s.normalize) { s = s.normalize("NFD"); }
    return s.replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/\s+/g, " ").trim();
  }

  function dict() { return Object.create(null); }

  function isDay(text) {
    if (typeof text !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(text)) { return false; }
    var d = new Date(text + "T00:00:00Z");
    return !isNaN(d.getTime()) && d.toISOString().slice(0, 10) === text;
  }

  function number(text, low, high) {
    if (typeof text !== "string" || !/^-?\d{1,3}(\.\d{1,10})?$/.test(text)) { return null; }
    var n = Number(text);
    return isFinite(n) && n >= low && n <= high ? n : null;
  }

  function days(first, last) {
    return (Date.parse(last + "T00:00:00Z") - Date.parse(first + "T00:00:00Z")) / 86400000;
  }

  function fmt(n) { return Number(n).toLocaleString("en"); }

  function deathsOf(o) {
    if (o.best !== null && o.best !== undefined) { return o.best; }
    return o.low !== null && o.low !== undefined ? o.low : 0;
  }

  function typeOf(event) {
    var top = String(event || "").split(" / ")[0].trim();
    return top || NO_TYPE;
  }

  function isColour(text) { return typeof text === "string" && /^#[0-9a-fA-F]{3,8}$/.test(text); }

  // --- the permalink (#date=..&lat=..&lon=..&z=..), parsed strictly ---------------------
  function hashPairs() {
    var text = window.location.hash.replace(/^#/, "");
    var out = [];
    if (!text) { return out; }
    text.split("&").forEach(function (part) {
      var at = part.indexOf("=");
      if (at <= 0) { out.push([part, null]); return; }
      var key = part.slice(0, at);
      var value = part.slice(at + 1);
      try { value = decodeURIComponent(value); } catch (error) { value = null; }
      out.push([key, value]);
    });
    return out;
  }

  function readHash() {
    var wanted = {};
    hashPairs().forEach(function (pair) {
      var key = pair[0];
      var value = pair[1];
      if (key === "date" && isDay(value)) { wanted.date = value; }
      if (key === "lat") { wanted.lat = number(value, -90, 90); }
      if (key === "lon") { wanted.lon = number(value, -180, 180); }
      if (key === "z") { wanted.z = number(value, 0, 22); }
    });
    return wanted;
  }

  function writeHash(values) {
    var parts = hashPairs().filter(function (pair) { return !HASH_KEYS[pair[0]] && pair[1] !== null; })
      .map(function (pair) { return pair[0] + "=" + encodeURIComponent(pair[1]); });
    var ours = [];
    Object.keys(values).forEach(function (key) {
      if (values[key] !== null && values[key] !== undefined) { ours.push(key + "=" + values[key]); }
    });
    var hash = "#" + ours.concat(parts).join("&");
    if (hash === window.location.hash) { return; }
    try {
      window.history.replaceState(window.history.state, "", hash);
    } catch (error) {
      window.location.replace(hash);
    }
  }

  // --- one map -----------------------------------------------------------------------
  function analyst(api) {
    var map = api.map;
    var data = api.data || {};
    var box = map.getContainer();
    var dates = (api.dates || []).slice();
    var actorTable = data.actors || {};
    var tools = { cutoff: null };
    api.analyst = tools;
    pageState.maps += 1;

    // The incidents of the page (the atlas script decodes the layer's columns), each as an
    // object of the fields the tools use; type is the event's top type here.
    var incidents = [];
    var byId = dict();
    (typeof api.incidents === "function" ? api.incidents() || [] : []).forEach(function (p) {
      var o = {
        id: p.id,
        date: p.date || (p.start === p.end ? p.start : (p.start || "") + "/" + (p.end || "")),
        start: p.start,
        end: p.end,
        place: typeof p.place === "string" ? p.place : "",
        event: typeof p.event === "string" ? p.event : "",
        actors: Array.isArray(p.actors) ? p.actors : [], // shared with the map's objects: read only
        sources: Array.isArray(p.sources) ? p.sources : [],
        low: p.low,
        best: p.best,
        high: p.high,
        lat: p.lat,
        lon: p.lon,
      };
      o.type = typeOf(o.event || p.type);
      incidents.push(o);
      if (o.id !== null && o.id !== undefined) { byId[o.id] = o; }
    });
    // The data's cut-off: the latest incident date; a date known only to a long interval
    // counts from its start (one with no start, "before ...", does not count), and nothing
    // after the map's last step counts.
    incidents.forEach(function (o) {
      var last = o.start && o.end && days(o.start, o.end) <= 31 ? o.end : o.start;
      if (last && (!tools.cutoff || last > tools.cutoff)) { tools.cutoff = last; }
    });
    if (tools.cutoff && dates.length && tools.cutoff > dates[dates.length - 1]) {
      tools.cutoff = dates[dates.length - 1];
    }

    function actorName(id) {
      var entry = actorTable[id];
      return entry && entry[0] !== undefined ? String(entry[0]) : String(id);
    }

    // --- filters ------------------------------------------------------------------------
    var offActors = dict();
    var offTypes = dict();
    var filterListeners = [];

    function incidentOf(props) {
      return props && props.id !== undefined && props.id !== null ? byId[props.id] : null;
    }

    function passes(o, props) {
      var actors = props && Array.isArray(props.actors) ? props.actors : o.actors;
      var type = props && typeof props.event === "string" ? typeOf(props.event) : o.type;
      if (offTypes[type]) { return false; }
      if (!actors.length) { return !offActors[NO_ACTOR]; }
      for (var i = 0; i < actors.length; i++) {
        if (!offActors[actors[i]]) { return true; }
      }
      return false;
    }

    function predicate(props) {
      var o = incidentOf(props);
      return o ? passes(o, props) : true;
    }

    function anyOff() { return Object.keys(offActors).length + Object.keys(offTypes).length > 0; }

    function applyFilter() {
      api.setFilter(anyOff() ? predicate : null);
      filterListeners.forEach(function (listener) { listener(); });
    }

    function tally(keysOf) {
      var counts = dict();
      var order = [];
      incidents.forEach(function (o) {
        keysOf(o).forEach(function (key) {
          if (!(key in counts)) { counts[key] = 0; order.push(key); }
          counts[key] += 1;
        });
      });
      order.sort(function (a, b) { return counts[b] - counts[a] || (a < b ? -1 : a > b ? 1 : 0); });
      return order.map(function (key) { return { key: key, count: counts[key] }; });
    }

    var actorCounts = tally(function (o) {
      var seen = dict();
      var keys = [];
      (o.actors.length ? o.actors : [NO_ACTOR]).forEach(function (a) {
        if (!seen[a]) { seen[a] = true; keys.push(a); }
      });
      return keys;
    });
    var typeCounts = tally(function (o) { return [o.type]; });

    // --- the toolbar: search, filter panel, downloads ------------------------------------
    var Tools = L.Control.extend({
      options: { position: "topright" },
      onAdd: function () {
        var root = L.DomUtil.create("div", "atlas-analyst-tools");
        L.DomEvent.disableClickPropagation(root);
        L.DomEvent.disableScrollPropagation(root);
        return root;
      },
    });
    var toolsControl = new Tools().addTo(map);
    var root = toolsControl.getContainer();
    var corner = root.parentNode;
    if (corner && corner.firstChild !== root) { corner.insertBefore(root, corner.firstChild); }
    var bar = el("div", "atlas-analyst-bar", null, root);

    // Search over the names of the places in the page.
    var searchWrap = el("div", "atlas-analyst-search", null, bar);
    var input = el("input", "atlas-analyst-search-input", null, searchWrap);
    input.type = "search";
    input.placeholder = "Find a place\u2026";
    input.setAttribute("aria-label", "find a place on this map");
    input.autocomplete = "off";
    input.spellcheck = false;
    var resultList = el("ul", "atlas-analyst-results", null, searchWrap);
    resultList.setAttribute("role", "listbox");
    resultList.hidden = true;

    var filterButton = button("Filter", "filter the incidents by actor and event type; download what is shown",
      bar, "atlas-analyst-toggle");
    filterButton.setAttribute("aria-expanded", "false");
    var panel = el("div", "atlas-analyst-panel", null, root);
    panel.hidden = true;

    // While the panel is open its corner goes over the others (the legend), and the panel
    // keeps to a share of the map's height.
    function raise(on) {
      if (corner) { corner.style.zIndex = on ? "1001" : ""; }
    }
    L.DomEvent.on(filterButton, "click", function () {
      panel.hidden = !panel.hidden;
      panel.style.maxHeight = Math.max(160, Math.round(box.clientHeight * 0.5)) + "px";
      raise(!panel.hidden);
      filterButton.setAttribute("aria-expanded", panel.hidden ? "false" : "true");
      filterButton.classList.toggle("atlas-analyst-open", !panel.hidden);
    });

    var boxes = { actor: dict(), type: dict() };

    function group(title, kind, entries, off, labelOf, swatchOf) {
      if (!entries.length) { return; }
      var section = el("fieldset", "atlas-analyst-group", null, panel);
      var legend = el("legend", "", null, section);
      el("span", "", title + " ", legend);
      var all = button("all", "show every " + kind, legend, "atlas-analyst-link");
      el("span", "", " \u00B7 ", legend);
      var none = button("none", "hide every " + kind, legend, "atlas-analyst-link");
      var list = el("div", "atlas-analyst-list", null, section);
      entries.forEach(function (entry) {
        var label = el("label", "atlas-analyst-item", null, list);
        var check = el("input", "", null, label);
        check.type = "checkbox";
        check.checked = true;
        boxes[kind][entry.key] = check;
        var colour = swatchOf ? swatchOf(entry.key) : null;
        if (colour) {
          var swatch = el("span", "atlas-analyst-swatch", null, label);
          swatch.style.background = colour;
        }
        el("span", "atlas-analyst-name", labelOf(entry.key), label);
        el("span", "atlas-analyst-count", "(" + fmt(entry.count) + ")", label);
        label.title = labelOf(entry.key) + ": " + fmt(entry.count) + " incident(s) in this map";
        L.DomEvent.on(check, "change", function () {
          if (check.checked) { delete off[entry.key]; } else { off[entry.key] = true; }
          applyFilter();
        });
      });
      function setAll(on) {
        entries.forEach(function (entry) {
          boxes[kind][entry.key].checked = on;
          if (on) { delete off[entry.key]; } else { off[entry.key] = true; }
        });
        applyFilter();
      }
      L.DomEvent.on(all, "click", function () { setAll(true); });
      L.DomEvent.on(none, "click", function () { setAll(false); });
    }

    group("Actors", "actor", actorCounts, offActors,
      function (key) { return key === NO_ACTOR ? "(no actor)" : actorName(key); },
      function (key) {
        var entry = actorTable[key];
        return entry && isColour(entry[1]) ? entry[1] : null;
      });
    group("Event types", "type", typeCounts, offTypes, function (key) { return key; }, function (key) {
      var colours = data.event_colours || {};
      return isColour(colours[key]) ? colours[key] : null;
    });
    if (!incidents.length) {
      el("p", "atlas-analyst-note", "No incidents in this map.", panel);
    }

    var status = el("p", "atlas-analyst-status", null, panel);
    var downloads = el("div", "atlas-analyst-downloads", null, panel);
    el("span", "", "Download shown:", downloads);
    var csvButton = button("CSV", "the incidents drawn now (date and filters applied), as CSV", downloads);
    var geoButton = button("GeoJSON", "the incidents drawn now (date and filters applied), as GeoJSON", downloads);

    function updateStatus() {
      var shown = shownIncidents().length;
      status.textContent = fmt(shown) + " incident(s) drawn at " + (api.date() || "this date") +
        (anyOff() ? " (filtered)" : "") + "; " + fmt(incidents.length) + " in the map";
      filterButton.textContent = anyOff() ? "Filter \u25CF" : "Filter";
      filterButton.classList.toggle("atlas-analyst-active", anyOff());
    }
    filterListeners.push(updateStatus);

    // --- downloads -------------------------------------------------------------------
    var COLUMNS = ["id", "date", "start", "end", "place", "event", "actors", "deaths_low", "deaths_best",
      "deaths_high", "lat", "lon", "sources"];

    function shownIncidents() {
      var visible = api.visible();
      if (visible && visible.incidents === 0) { return []; } // the layer is off, or nothing drawn
      var out = [];
      api.drawnIncidents().forEach(function (props) {
        var o = incidentOf(props);
        if (o) { out.push(o); }
      });
      return out;
    }

    function record(o) {
      return {
        id: o.id,
        date: o.date,
        start: o.start,
        end: o.end,
        place: o.place,
        event: o.event,
        actors: o.actors.map(actorName),
        actor_ids: o.actors.slice(),
        deaths_low: o.low,
        deaths_best: o.best,
        deaths_high: o.high,
        lat: o.lat,
        lon: o.lon,
        sources: o.sources.slice(),
      };
    }

    function csvCell(value) {
      if (value === null || value === undefined) { return ""; }
      if (Array.isArray(value)) { value = value.join("; "); }
      if (typeof value === "number") { return isFinite(value) ? String(value) : ""; }
      var text = String(value);
      if (/^[=+\-@\t\r]/.test(text)) { text = "'" + text; } // a spreadsheet would run it as a formula
      if (/[",\r\n]/.test(text)) { text = '"' + text.replace(/"/g, '""') + '"'; }
      return text;
    }

    tools.rows = function () { return shownIncidents().map(record); };
    tools.csv = function () {
      var lines = [COLUMNS.join(",")];
      tools.rows().forEach(function (r) {
        lines.push(COLUMNS.map(function (column) { return csvCell(r[column]); }).join(","));
      });
      return lines.join("\r\n") + "\r\n";
    };
    tools.geojson = function () {
      return {
        type: "FeatureCollection",
        features: tools.rows().map(function (r) {
          var props = {};
          Object.keys(r).forEach(function (key) {
            if (key !== "lat" && key !== "lon") { props[key] = r[key]; }
          });
          return { type: "Feature", geometry: { type: "Point", coordinates: [r.lon, r.lat] }, properties: props };
        }),
      };
    };

    function save(text, type, extension) {
      var blob = new Blob([text], { type: type });
      var url = URL.createObjectURL(blob);
      var link = document.createElement("a");
      link.href = url; // a blob: URL made here, never a URL from the data
      link.download = "incidents-" + (api.date() || "all") + "." + extension;
      link.style.display = "none";
      box.appendChild(link);
      link.click();
      setTimeout(function () {
        URL.revokeObjectURL(url);
        if (link.parentNode) { link.parentNode.removeChild(link); }
      }, 1000);
      return link.download;
    }
    tools.downloadCsv = function () { return save("\ufeff" + tools.csv(), "text/csv;charset=utf-8", "csv"); };
    tools.downloadGeojson = function () {
      return save(JSON.stringify(tools.geojson(), null, 1), "application/geo+json", "geojson");
    };
    L.DomEvent.on(csvButton, "click", function () { tools.downloadCsv(); });
    L.DomEvent.on(geoButton, "click", function () { tools.downloadGeojson(); });

    // --- search ----------------------------------------------------------------------
    var candidates = [];
    (function gather() {
      var seen = dict();
      var folds = dict(); // a name folded once, however many incidents it has
      function add(name, lat, lon, kind, label) {
        if (!name || typeof lat !== "number" || typeof lon !== "number") { return; }
        var folded = folds[name] || (folds[name] = fold(name));
        var key = folded + "|" + lat.toFixed(3) + "|" + lon.toFixed(3);
        if (seen[key]) { seen[key].incidents += kind === "incident" ? 1 : 0; return null; }
        var entry = { name: String(name), folded: folded, lat: lat, lon: lon, label: label,
          incidents: kind === "incident" ? 1 : 0, popup: null };
        seen[key] = entry;
        candidates.push(entry);
        return entry;
      }
      (data.layers || []).forEach(function (spec) {
        if (!spec.labels) { return; }
        (spec.features || []).forEach(function (f) {
          var c = f.geometry && f.geometry.type === "Point" ? f.geometry.coordinates : null;
          if (c && f.properties) {
            var entry = add(f.properties.label, c[1], c[0], "place", true);
            if (entry && f.properties.popup) { entry.popup = f.properties.popup; }
          }
        });
      });
      incidents.forEach(function (o) { add(o.place, o.lat, o.lon, "incident", false); });
    })();

    function search(query) {
      var q = fold(query);
      if (!q) { return []; }
      var found = [];
      candidates.forEach(function (c) {
        var at = c.folded.indexOf(q);
        if (at < 0) { return; }
        var rank = at === 0 ? 0 : /[\s\-'\u2019(,/]/.test(c.folded.charAt(at - 1)) ? 1 : 2;
        found.push({ rank: rank, entry: c });
      });
      found.sort(function (a, b) {
        return a.rank - b.rank || (a.entry.label === b.entry.label ? 0 : a.entry.label ? -1 : 1) ||
          (a.entry.folded < b.entry.folded ? -1 : a.entry.folded > b.entry.folded ? 1 : 0);
      });
      return found.slice(0, 8).map(function (f) { return f.entry; });
    }

    var results = [];
    var highlighted = -1;
    var marker = null;

    function closeResults() {
      resultList.hidden = true;
      highlighted = -1;
      raise(!panel.hidden);
    }

    function showResults() {
      results = search(input.value);
      while (resultList.firstChild) { resultList.removeChild(resultList.firstChild); }
      highlighted = -1;
      if (!fold(input.value)) { closeResults(); return; }
      if (!results.length) {
        el("li", "atlas-analyst-none", "no place of this map matches", resultList);
      }
      results.forEach(function (entry, i) {
        var item = el("li", "atlas-analyst-result", null, resultList);
        item.setAttribute("role", "option");
        el("span", "", entry.name, item);
        var note = entry.incidents ? fmt(entry.incidents) + " incident(s)" : "place";
        el("small", "", note, item);
        L.DomEvent.on(item, "mousedown", function (e) { L.DomEvent.preventDefault(e); });
        L.DomEvent.on(item, "click", function () { choose(i); });
      });
      resultList.hidden = false;
      raise(true);
    }

    function mark(i) {
      var items = resultList.querySelectorAll(".atlas-analyst-result");
      for (var k = 0; k < items.length; k++) { items[k].classList.toggle("atlas-analyst-current", k === i); }
      highlighted = i;
    }

    function clearMarker() {
      if (marker) { map.removeLayer(marker); marker = null; }
    }

    function choose(i) {
      var entry = results[i];
      if (!entry) { return null; }
      input.value = entry.name;
      closeResults();
      clearMarker();
      var where = L.latLng(entry.lat, entry.lon);
      map.setView(where, Math.max(map.getZoom(), 9));
      var opened = null;
      map.eachLayer(function (layer) {
        if (opened || !layer.feature || !layer.getLatLng || !layer.getPopup || !layer.getPopup()) { return; }
        var p = layer.feature.properties || {};
        var at = layer.getLatLng();
        if (p.label === entry.name && Math.abs(at.lat - entry.lat) < 1e-4 && Math.abs(at.lng - entry.lon) < 1e-4) {
          opened = layer;
        }
      });
      if (opened) {
        opened.openPopup();
      } else {
        var content = el("div", "atlas-popup");
        el("strong", "", entry.name, content);
        var rows = entry.popup && Array.isArray(entry.popup.rows) ? entry.popup.rows : [];
        if (rows.length) {
          var table = el("table", "", null, content);
          rows.forEach(function (row) {
            if (!Array.isArray(row)) { return; }
            var tr = el("tr", "", null, table);
            el("th", "", row[0], tr);
            el("td", "", row[1], tr);
          });
        }
        el("p", "atlas-popup-meta", entry.incidents
          ? fmt(entry.incidents) + " incident(s) of this map here (over all its dates)" : "a place of this map", content);
        marker = L.circleMarker(where, { radius: 14, color: "#111", weight: 2, fill: false, dashArray: "4 3",
          className: "atlas-analyst-found", interactive: true }).addTo(map);
        marker.bindPopup(content).openPopup();
        marker.on("popupclose", clearMarker);
      }
      return entry.name;
    }

    L.DomEvent.on(input, "input", showResults);
    L.DomEvent.on(input, "focus", function () { if (fold(input.value)) { showResults(); } });
    L.DomEvent.on(input, "blur", function () { setTimeout(closeResults, 150); });
    L.DomEvent.on(input, "keydown", function (e) {
      L.DomEvent.stopPropagation(e); // the map's keyboard panning must not see the typing
      var key = e.key;
      if (key === "ArrowDown" || key === "ArrowUp") {
        L.DomEvent.preventDefault(e);
        if (resultList.hidden) { showResults(); }
        if (!results.length) { return; }
        var next = key === "ArrowDown" ? highlighted + 1 : highlighted - 1;
        mark((next + results.length) % results.length);
      } else if (key === "Enter") {
        L.DomEvent.preventDefault(e);
        if (resultList.hidden) { showResults(); }
        choose(highlighted >= 0 ? highlighted : 0);
      } else if (key === "Escape") {
        closeResults();
      }
    });
    tools.search = function (query) {
      input.value = query;
      showResults();
      return results.map(function (entry) { return entry.name; });
    };
    tools.choose = function (i) { return choose(i || 0); };

    // --- the histogram above the time control ----------------------------------------
    var metric = "incidents";
    var histogram = null;
    var bins = [];
    var stepOf = [];
    if (dates.length) {
      incidents.forEach(function (o, k) {
        var day = o.start || o.end;
        var lo = 0;
        var hi = dates.length - 1;
        if (!day || day > dates[hi]) { stepOf[k] = hi; return; }
        while (lo < hi) { // the first step on or after the day
          var mid = (lo + hi) >> 1;
          if (dates[mid] >= day) { hi = mid; } else { lo = mid + 1; }
        }
        stepOf[k] = lo;
      });
      histogram = buildHistogram();
    }

    function buildHistogram() {
      var Histogram = L.Control.extend({
        options: { position: "bottomleft" },
        onAdd: function () {
          var node = L.DomUtil.create("div", "atlas-analyst-histogram");
          L.DomEvent.disableClickPropagation(node);
          L.DomEvent.disableScrollPropagation(node);
          return node;
        },
      });
      var control = new Histogram().addTo(map);
      var node = control.getContainer();
      var head = el("div", "atlas-analyst-histo-head", null, node);
      var counts = button("incidents", "incidents that began after the previous bar, up to this one", head,
        "atlas-analyst-metric atlas-analyst-on");
      var deaths = button("deaths", "deaths (best estimate, else the low one) of those incidents", head,
        "atlas-analyst-metric");
      var caption = el("span", "atlas-analyst-caption", null, head);
      var stamp = el("span", "atlas-analyst-stamp", null, head);
      stamp.title = "the latest incident date in this map's data (a date known only to a long interval " +
        "counts from its start)";
      var chart = svgEl("svg", { class: "atlas-analyst-chart", role: "img" }, node);
      function pick(which) {
        metric = which;
        counts.classList.toggle("atlas-analyst-on", which === "incidents");
        deaths.classList.toggle("atlas-analyst-on", which === "deaths");
        render();
      }
      L.DomEvent.on(counts, "click", function () { pick("incidents"); });
      L.DomEvent.on(deaths, "click", function () { pick("deaths"); });
      return { control: control, node: node, chart: chart, caption: caption, stamp: stamp, pick: pick };
    }

    function timeBox() {
      return box.querySelector(".atlas-time") || null;
    }

    // Bars line up with the slider's thumb positions when the time control has one.
    function geometry() {
      var time = timeBox();
      var slider = time ? time.querySelector("input[type=range]") : null;
      var out = { width: 360, left: 0, boxWidth: null, thumb: 16 };
      if (time && time.offsetWidth > 0) {
        out.boxWidth = time.offsetWidth;
      }
      if (slider && slider.offsetWidth > 40 && time) {
        var a = slider.getBoundingClientRect();
        var b = time.getBoundingClientRect();
        out.width = a.width;
        out.left = a.left - b.left; // the histogram's border box starts where the time control's does
      }
      return out;
    }

    function makeBins(width) {
      var n = dates.length;
      var most = Math.max(8, Math.floor(width / 2)); // bars of 2 px at least
      var keyOf = null;
      var unit = "step";
      if (n > most) {
        var months = dict();
        var m = 0;
        dates.forEach(function (d) { if (!months[d.slice(0, 7)]) { months[d.slice(0, 7)] = true; m += 1; } });
        if (m <= most) {
          unit = "month";
          keyOf = function (d) { return d.slice(0, 7); };
        } else {
          unit = "year";
          keyOf = function (d) { return d.slice(0, 4); };
        }
      }
      var out = [];
      dates.forEach(function (d, i) {
        var key = keyOf ? keyOf(d) : d;
        var last = out[out.length - 1];
        if (last && last.key === key) { last.last = i; } else { out.push({ key: key, first: i, last: i, incidents: 0, deaths: 0 }); }
      });
      var binOf = [];
      out.forEach(function (bin, b) { for (var i = bin.first; i <= bin.last; i++) { binOf[i] = b; } });
      incidents.forEach(function (o, k) {
        if (anyOff() && !passes(o, null)) { return; }
        var bin = out[binOf[stepOf[k]]];
        bin.incidents += 1;
        bin.deaths += deathsOf(o);
      });
      out.unit = unit;
      return out;
    }

    function render() {
      if (!histogram) { return; }
      var g = geometry();
      var node = histogram.node;
      var chart = histogram.chart;
      if (g.boxWidth) { node.style.width = g.boxWidth + "px"; }
      var inset = (parseFloat(window.getComputedStyle(node).paddingLeft) || 0) + node.clientLeft;
      bins = makeBins(g.width);
      while (chart.firstChild) { chart.removeChild(chart.firstChild); }
      var height = 44;
      var top = 11; // the years' labels above the bars
      var width = Math.max(40, g.width);
      chart.setAttribute("width", String(width));
      chart.setAttribute("height", String(height));
      chart.setAttribute("viewBox", "0 0 " + width + " " + height);
      chart.style.marginLeft = Math.max(0, g.left - inset) + "px";
      var n = dates.length;
      var thumb = Math.min(g.thumb, width / 4);
      var spacing = n > 1 ? (width - thumb) / (n - 1) : width - thumb;
      function pos(i) { return n > 1 ? thumb / 2 + i * spacing : width / 2; }
      var most = 0;
      bins.forEach(function (bin) { most = Math.max(most, bin[metric]); });
      var unitName = bins.unit === "step" ? "per step" : "per " + bins.unit;
      histogram.caption.textContent = unitName + (most ? " \u00B7 max " + fmt(most) : " \u00B7 none") +
        (anyOff() ? " (filtered)" : "");
      svgEl("line", { x1: 0, x2: width, y1: height - 0.5, y2: height - 0.5, class: "atlas-analyst-axis" }, chart);
      var current = dates.indexOf(api.date());
      bins.forEach(function (bin, b) {
        var x0 = Math.max(0, pos(bin.first) - spacing / 2);
        var x1 = Math.min(width, pos(bin.last) + spacing / 2);
        var w = x1 - x0;
        var gap = w > 4 ? 1 : 0;
        var bx = x0 + gap / 2;
        var bw = Math.max(w - gap, 0.5);
        if (bw > 16) { // a wide bin (few steps): a narrower bar over the slider's position
          bx = (pos(bin.first) + pos(bin.last)) / 2 - 7;
          bw = 14 + pos(bin.last) - pos(bin.first);
          bx = Math.max(0, Math.min(width - bw, bx));
        }
        var value = bin[metric];
        var h = most ? Math.max(value ? 1.5 : 0, (height - top - 1) * value / most) : 0;
        var cell = svgEl("g", { class: "atlas-analyst-bin" }, chart);
        cell.setAttribute("data-first", bin.first);
        cell.setAttribute("data-last", bin.last);
        svgEl("rect", { x: x0, y: 0, width: Math.max(w, 0.5), height: height, class: "atlas-analyst-hit" }, cell);
        svgEl("rect", { x: bx, y: height - 1 - h, width: bw, height: h,
          class: "atlas-analyst-bar-" + metric }, cell);
        var label = bin.key + ": " + fmt(bin.incidents) + " incident(s), " + fmt(bin.deaths) + " death(s)";
        svgEl("title", {}, cell).textContent = label;
        if (current >= bin.first && current <= bin.last) { cell.classList.add("atlas-analyst-current"); }
        cell.addEventListener("click", function () {
          if (api.pause) { api.pause(); }
          api.setDate(dates[bin.last]);
        });
      });
      // Years along the bottom when the bars span more than one.
      var lastYear = null;
      var lastX = -100;
      if (dates[0].slice(0, 4) !== dates[n - 1].slice(0, 4)) {
        bins.forEach(function (bin) {
          var year = dates[bin.first].slice(0, 4);
          if (year === lastYear) { return; }
          lastYear = year;
          var x = Math.max(0, pos(bin.first) - spacing / 2);
          if (x - lastX < 30) { return; }
          lastX = x;
          svgEl("line", { x1: x, x2: x, y1: 0, y2: height, class: "atlas-analyst-tick" }, chart);
          svgEl("text", { x: x + 2, y: 9, class: "atlas-analyst-year" }, chart).textContent = year;
        });
      }
    }

    function markCurrent(day) {
      if (!histogram) { return; }
      var current = dates.indexOf(day);
      var groups = histogram.chart.querySelectorAll(".atlas-analyst-bin");
      for (var b = 0; b < groups.length; b++) {
        var bin = bins[b];
        var on = !!bin && current >= bin.first && current <= bin.last;
        if (on) { groups[b].classList.add("atlas-analyst-current"); } else { groups[b].classList.remove("atlas-analyst-current"); }
      }
    }

    // The data's cut-off at the right of the histogram's head, above the "as of" date of the
    // time control (or with the date, when the time control has no such label).
    function stamp(day) {
      var text = tools.cutoff ? "data to " + tools.cutoff : "no incidents";
      var asof = box.querySelector(".atlas-time .atlas-asof");
      if (histogram) {
        histogram.stamp.textContent = (asof || !day ? "" : "as of " + day + " \u00B7 ") + text;
      }
    }

    if (histogram) {
      // Directly above the time control (under the scale bar), and as wide as it.
      var time = timeBox();
      var mine = histogram.node;
      if (time && time.parentNode === mine.parentNode && mine.nextSibling !== time) {
        time.parentNode.insertBefore(mine, time);
      }
      if (time) { mine.classList.add("atlas-analyst-attached"); }
    }
    stamp(api.date());
    render();
    map.on("resize", render);
    filterListeners.push(render);
    tools.histogram = function () {
      return bins.map(function (bin) {
        return { key: bin.key, first: dates[bin.first], last: dates[bin.last], incidents: bin.incidents, deaths: bin.deaths };
      });
    };
    tools.setMetric = function (which) {
      if (histogram) { histogram.pick(which === "deaths" ? "deaths" : "incidents"); }
      return metric;
    };

    // --- the permalink (the first map of the page) ------------------------------------
    var owner = pageState.hashOwner === null;
    if (owner) { pageState.hashOwner = api; }
    tools.permalink = owner;

    function applyHash() {
      var wanted = readHash();
      if (wanted.date) { api.setDate(wanted.date); }
      if (wanted.lat !== null && wanted.lat !== undefined && wanted.lon !== null && wanted.lon !== undefined) {
        var zoom = wanted.z !== null && wanted.z !== undefined ? wanted.z : map.getZoom();
        map.setView([wanted.lat, wanted.lon], zoom, { animate: false });
      } else if (wanted.z !== null && wanted.z !== undefined) {
        map.setZoom(wanted.z, { animate: false });
      }
      return wanted;
    }

    var started = false;
    var pending = null;
    // Written a moment after the last change (a dragged slider or a pan makes many), so
    // that the browser never throttles the page for too many history updates.
    function syncHash() {
      if (!owner || !started) { return; }
      if (pending) { clearTimeout(pending); }
      pending = setTimeout(writeNow, 150);
    }
    function writeNow() {
      pending = null;
      var centre = map.getCenter();
      var zoom = map.getZoom();
      writeHash({
        date: isDay(api.date()) ? api.date() : null,
        lat: centre.lat.toFixed(4),
        lon: centre.lng.toFixed(4),
        z: String(Math.round(zoom * 100) / 100),
      });
    }

    if (owner) {
      applyHash();
      map.on("moveend", syncHash);
      window.addEventListener("hashchange", applyHash);
    }

    api.onDate(function (day) {
      markCurrent(day);
      stamp(day);
      updateStatus();
      syncHash();
    });
    started = true;
    tools.syncHash = function () {
      if (owner) { writeNow(); }
      return window.location.hash;
    };
    return tools;
  }

  window.atlasAnalyst = function (api) {
    window.atlasAnalyst.maps.push(api);
    try {
      return analyst(api);
    } catch (error) { // the map itself must keep working
      if (window.console && window.console.error) { window.console.error("atlas-analyst:", error); }
      return null;
    }
  };
  window.atlasAnalyst.maps = []; // the api of every map of the page, in order
})();
