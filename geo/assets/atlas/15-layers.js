    // --- the layers ----------------------------------------------------------------
    // data.shapes: polygons as integers, each ring a first point in 1e-4 degrees and then
    // steps from point to point (geo/render/shapes.py, _encode_polygons); decoded once each.
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
        spec.features = decodeIncidents(spec);
        spec.columns = null; // decoded once: the objects are the data from now on
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

