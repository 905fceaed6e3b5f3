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

