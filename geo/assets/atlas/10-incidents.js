    // --- incidents ----------------------------------------------------------------
    // The incidents travel as columns (geo/render/web.py, _incident_columns): a column is a
    // list (a value per incident), {values, index} (each distinct value written once) or
    // {delta} (whole numbers written as steps from the previous one; null kept). Days are
    // counted from spec.base_day, coordinates in 1/spec.scale degrees. Each incident
    // becomes one plain object (what atlas.incidents() and the analyst's tools see); its
    // map layer is made when first drawn, its popup when opened.
    function deathsOf(o) { return o.best !== null && o.best !== undefined ? o.best : (o.low || 0); }
    function radiusOf(o) { return Math.min(4.5 + 1.6 * Math.sqrt(deathsOf(o)), 22); }

    function columnValues(column, n) {
      if (Array.isArray(column)) { return column; }
      var out = new Array(n);
      var i;
      if (column && column.delta) {
        var total = 0;
        for (i = 0; i < n; i++) {
          var step = column.delta[i];
          if (step === null || step === undefined) { out[i] = null; } else { total += step; out[i] = total; }
        }
        return out;
      }
      for (i = 0; i < n; i++) { out[i] = column.values[column.index[i]]; }
      return out;
    }

    function decodeIncidents(spec) {
      var n = spec.count || 0;
      var c = spec.columns || {};
      var scale = spec.scale || 1e5;
      var base = spec.base_day ? Date.parse(spec.base_day + "T00:00:00Z") : null;
      var isoOf = {}; // day number -> "YYYY-MM-DD", made once per day
      function iso(dayNumber) {
        if (dayNumber === null || dayNumber === undefined || base === null) { return null; }
        var text = isoOf[dayNumber];
        if (!text) { text = isoOf[dayNumber] = new Date(base + dayNumber * 86400000).toISOString().slice(0, 10); }
        return text;
      }
      var ids = columnValues(c.id || [], n), starts = columnValues(c.start || [], n);
      var spans = columnValues(c.span || [], n), texts = columnValues(c.date || [], n);
      var wheres = columnValues(c.where || [], n), events = columnValues(c.event || [], n);
      var actors = columnValues(c.actors || [], n), deaths = columnValues(c.deaths || [], n);
      var packed = c.note && c.note.deflate;
      var sources = columnValues(c.sources || [], n), notes = packed ? [] : columnValues(c.note || [], n);
      var out = new Array(n);
      for (var i = 0; i < n; i++) {
        var where = wheres[i] || ["", 0, 0, null, null];
        var event = events[i] || ["", ""];
        var dead = deaths[i] || [null, null, null];
        var first = starts[i];
        var span = spans[i];
        var last = span === null || span === undefined ? null : (first === null || first === undefined ? 0 : first) + span;
        var o = {
          id: ids[i],
          lon: where[1] / scale,
          lat: where[2] / scale,
          start: iso(first),
          end: iso(last),
          date: texts[i] || "",
          place: where[0] || "",
          event: event[0] || "",
          type: event[1] || "",
          actors: actors[i] || [], // shared between incidents: never changed
          low: dead[0],
          best: dead[1],
          high: dead[2],
          area: where[3] || null,
          ring_km: where[4] || null,
          sources: sources[i] || [],
          note: notes[i] || "",
        };
        out[i] = incidentFeature(o);
      }
      if (packed) { unpackNotes(packed, out); }
      return out;
    }

    // Notes of big maps travel compressed (zlib, base64: geo/render/web.py, _notes_column);
    // the browser's own DecompressionStream unpacks them after the first draw. They are
    // shown only in popups, as text.
    var notesState = "ready";
    function unpackNotes(packed, features) {
      if (typeof DecompressionStream === "undefined" || typeof Response === "undefined") {
        notesState = "unavailable";
        return;
      }
      notesState = "pending";
      try {
        var binary = atob(packed);
        var bytes = new Uint8Array(binary.length);
        for (var i = 0; i < binary.length; i++) { bytes[i] = binary.charCodeAt(i); }
        var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("deflate"));
        new Response(stream).text().then(function (text) {
          var notes = JSON.parse(text);
          features.forEach(function (f, k) { f.properties.note = typeof notes[k] === "string" ? notes[k] : ""; });
          notesState = "ready";
        }, function () { notesState = "unavailable"; });
      } catch (error) {
        notesState = "unavailable";
      }
    }

    function incidentFeature(o) {
      o.date = o.date || o.start || "";
      o.deaths = deathsOf(o);
      o.uncertain = o.start !== o.end;
      return { properties: o };
    }

    // The popup of an incident, made when it is opened.
    function incidentPopup(o) {
      var names = o.actors.map(function (id) { return data.actors[id] ? data.actors[id][0] : id; }).join(", ");
      var deaths = o.low === null && o.best === null && o.high === null ? "-"
        : [o.low, o.best, o.high].map(function (n) { return n === null ? "?" : n.toLocaleString("en"); }).join(" / ");
      var located = o.area ? "place known only to an area: drawn as its outline"
        : o.ring_km ? "place known only to within " + o.ring_km + " km: drawn as a ring" : null;
      return {
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
        note: notesState === "pending" ? "(the note is being unpacked: open the popup again in a moment)"
          : notesState === "unavailable" ? "(this browser cannot unpack the notes of this map)" : o.note,
      };
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
        feature.layer.bindPopup(function () { return popupContent(incidentPopup(o)); }, { maxWidth: 360 });
        feature.layer.on("popupopen", function () { openIncident = feature; });
        feature.layer.on("popupclose", function () { if (openIncident === feature) { openIncident = null; } });
        feature.layer.bindTooltip(el("span", "", o.date + ": " + o.place));
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

    // The features inside the view (grown by ``pad``, a share of its size), by plain
    // comparisons: this runs over every incident of a step at each redraw.
    function inView(features, pad) {
      var bounds = pad ? map.getBounds().pad(pad) : map.getBounds();
      var south = bounds.getSouth(), north = bounds.getNorth(), west = bounds.getWest(), east = bounds.getEast();
      return features.filter(function (f) {
        var p = f.properties;
        return p.lat >= south && p.lat <= north && p.lon >= west && p.lon <= east;
      });
    }

    function wantDensity(features) {
      if (incidentSetting === "density") { return true; }
      if (incidentSetting === "points") { return false; }
      var shown = features.length > density.above ? inView(features).length : features.length;
      return shown > (map.getZoom() <= density.max_zoom ? density.above : density.most_points || Infinity);
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

    // The incident whose popup is open: a redraw (after the popup pans the map into view,
    // or any move) opens it again when the incident is still drawn as itself.
    var openIncident = null;

    function drawIncidents(entry) {
      var group = groups.incidents;
      var features = entry.current || [];
      var reopen = openIncident;
      assignActorColours(features);
      densityOn = wantDensity(features);
      if (entry.drawn) { group.removeLayer(entry.drawn); }
      var drawn = L.featureGroup();
      if (densityOn) {
        hexagons(inView(features, 0.5)).forEach(function (hex) { drawn.addLayer(hex); }); // binned near the view only
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
      if (reopen && reopen.layer && drawn.hasLayer(reopen.layer) && map.hasLayer(reopen.layer)) {
        reopen.layer.openPopup();
      }
      updateLegend();
    }

