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

