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

