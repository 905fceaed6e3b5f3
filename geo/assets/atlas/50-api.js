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
