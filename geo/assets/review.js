/* Sahel conflict atlas: the extraction review page (geo/extract/review.py).
 *
 * Project code (no third-party code). The text, its highlights and the candidate list
 * are already in the page as escaped HTML; this script only adds the interactions and
 * the map. It reads one JSON block, #rv-data, and exposes window.review for tests:
 *   review.ready, review.markers() (markers drawn), review.select(i) (marks candidate
 *   i's sentence; returns the runs marked), review.selectPlace(id) (marks that place's
 *   mentions; returns how many runs), review.selected() ({candidate, place}).
 * Nothing from the data is parsed as HTML: tooltips and attribution are set with
 * textContent, and the runs to mark are found by number (data-m, data-s).
 */
(function () {
  "use strict";

  var data = JSON.parse(document.getElementById("rv-data").textContent);
  var state = { candidate: null, place: null };
  var markers = {};
  var placeOfMention = {};
  data.places.forEach(function (place) {
    place.mentions.forEach(function (i) { placeOfMention[i] = place.id; });
  });

  function all(selector, root) {
    return Array.prototype.slice.call((root || document).querySelectorAll(selector));
  }

  function unmark(className) {
    all("." + className).forEach(function (node) { node.classList.remove(className); });
  }

  // The runs of the text covered by mention i (numbers only ever come from the data).
  function mentionRuns(indices) {
    var runs = [];
    indices.forEach(function (i) {
      all('[data-m~="' + Number(i) + '"]').forEach(function (node) {
        if (runs.indexOf(node) < 0) { runs.push(node); }
      });
    });
    return runs;
  }

  function reveal(node) {
    if (node) { node.scrollIntoView({ block: "center", inline: "nearest" }); }
  }

  function select(c) {
    c = Number(c);
    unmark("rv-sel");
    unmark("rv-ev");
    unmark("rv-cand-on");
    var spec = data.candidates[c];
    var item = document.querySelector('.rv-cand[data-c="' + c + '"]');
    if (!spec || !item) { state.candidate = null; return 0; }
    item.classList.add("rv-cand-on");
    state.candidate = c;
    var runs = all('[data-s~="' + c + '"]');
    runs.forEach(function (node) { node.classList.add("rv-sel"); });
    mentionRuns(spec.evidence).forEach(function (node) { node.classList.add("rv-ev"); });
    reveal(runs[0]);
    return runs.length;
  }

  function markerStyle(on) {
    return on
      ? { color: "#08306b", weight: 3, fillColor: "#f5b800", fillOpacity: 0.95 }
      : { color: "#08306b", weight: 1.5, fillColor: "#2166ac", fillOpacity: 0.8 };
  }

  function selectPlace(id, options) {
    unmark("rv-hit");
    if (state.place && markers[state.place]) { markers[state.place].setStyle(markerStyle(false)); }
    var place = null;
    data.places.forEach(function (p) { if (p.id === id) { place = p; } });
    if (!place) { state.place = null; return 0; }
    state.place = id;
    var runs = mentionRuns(place.mentions);
    runs.forEach(function (node) { node.classList.add("rv-hit"); });
    var marker = markers[id];
    if (marker) {
      marker.setStyle(markerStyle(true));
      marker.bringToFront();
      if (options && options.fromText) { marker.openTooltip(); }
    }
    if (!(options && options.fromText)) { reveal(runs[0]); }
    return runs.length;
  }

  // --- the candidate list and the text ------------------------------------------------
  all(".rv-cand").forEach(function (item) {
    if (item.classList.contains("rv-cand-orphan")) { return; }
    item.addEventListener("click", function () { select(item.getAttribute("data-c")); });
    item.addEventListener("keydown", function (event) {
      if (event.key === "Enter" || event.key === " ") {
        event.preventDefault();
        select(item.getAttribute("data-c"));
      }
    });
  });
  all(".rv-text").forEach(function (text) {
    text.addEventListener("click", function (event) {
      var run = event.target.closest ? event.target.closest("[data-m]") : null;
      if (!run) { return; }
      var ids = run.getAttribute("data-m").split(" ");
      for (var k = 0; k < ids.length; k++) {
        if (Object.prototype.hasOwnProperty.call(placeOfMention, ids[k])) {
          selectPlace(placeOfMention[ids[k]], { fromText: true });
          return;
        }
      }
    });
  });

  // --- the map -------------------------------------------------------------------------
  function tooltip(place) {
    var box = document.createElement("div");
    var head = document.createElement("strong");
    head.textContent = place.name;
    box.appendChild(head);
    box.appendChild(document.createTextNode(" [" + place.id + "]"));
    var line = document.createElement("div");
    var n = place.mentions.length;
    line.textContent = n + (n === 1 ? " mention" : " mentions") + " as " +
      place.spellings.map(function (s) { return "\u201C" + s + "\u201D"; }).join(", ");
    box.appendChild(line);
    return box;
  }

  var map = L.map("rv-map", { zoomSnap: 0.25, preferCanvas: false });
  map.fitBounds(data.bounds, { padding: [16, 16], maxZoom: 10 }); // a view first: layers need one
  if (data.boundaries.length) {
    L.geoJSON({ type: "FeatureCollection", features: data.boundaries }, {
      interactive: false,
      style: function (feature) { return feature.properties.style; },
    }).addTo(map);
  }
  data.places.forEach(function (place) {
    var radius = Math.min(5 + 2 * Math.sqrt(place.mentions.length), 16);
    var options = markerStyle(false);
    options.radius = radius;
    options.className = "rv-place";
    var marker = L.circleMarker([place.lat, place.lon], options).addTo(map);
    marker.bindTooltip(tooltip(place), { className: "rv-tip", direction: "top" });
    marker.on("click", function () { selectPlace(place.id); });
    markers[place.id] = marker;
  });
  L.control.scale({ metric: true, imperial: false }).addTo(map);
  if (data.attribution) {
    var holder = document.createElement("span");
    holder.textContent = data.attribution;
    map.attributionControl.addAttribution(holder.innerHTML); // escaped by the browser itself
  }

  window.review = {
    ready: true,
    markers: function () { return Object.keys(markers).length; },
    select: select,
    selectPlace: function (id) { return selectPlace(String(id)); },
    selected: function () { return { candidate: state.candidate, place: state.place }; },
  };
})();
