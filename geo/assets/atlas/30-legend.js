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
      var zoneActors = [];
      var zoneKinds = {};
      if (zonesOn && layers.zones.drawn) {
        // Whose zones are drawn in the view now, in their colours (ids: actor/zone/...).
        // A map not laid out yet (a fragment still hidden) has no view: no section.
        try {
          var view = map.getBounds();
          layers.zones.drawn.getLayers().forEach(function (layer) {
            var props = layer.feature && layer.feature.properties;
            var box = props && layer.getBounds ? layer.getBounds() : null;
            if (!box || !box.isValid() || !view.intersects(box)) { return; }
            var parts = String(props.id || "").split("/");
            if (!zoneKinds[parts[0]]) { zoneKinds[parts[0]] = []; zoneActors.push(parts[0]); }
            if (parts[1] && zoneKinds[parts[0]].indexOf(parts[1]) < 0) { zoneKinds[parts[0]].push(parts[1]); }
          });
        } catch (error) {
          zoneActors = [];
        }
      }
      if (zoneActors.length) {
        el("h2", "", "Zones on screen", legendBody);
        zoneActors.forEach(function (actor) {
          var known = data.actors[actor] || [actor, GREY];
          swatchRow(legendBody, known[1], known[0] + ": " + zoneKinds[actor].join(", "), "pale", null, known[0]);
        });
      }
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

