/* Sahel conflict atlas: the extraction review page (geo/extract/review.py).
 *
 * Project code (no third-party code). The text, its highlights and the candidate list
 * are already in the page as escaped HTML; this script only adds the interactions and
 * the map. It reads one JSON block, #rv-data, and exposes window.review for tests:
 *   review.ready, review.markers() (markers drawn), review.select(i) (marks candidate
 *   i's sentence; returns the runs marked), review.selectPlace(id) (marks that place's
 *   mentions; returns how many runs), review.selected() ({candidate, place}).
 * The records (see "Records" in review.py): review.accept(i) / review.reject(i) /
 *   review.undo(i) (return the problems that kept it from being accepted, [] when it
 *   was), review.edit(i, {column: value}) (as the edit form's "Save and accept"),
 *   review.records() (each candidate's decision and row), review.csv(kind) (the text a
 *   download of "incidents", "claims" or "sources" writes), review.download(kind) (the
 *   button's click: the Blob saved, or null when something blocks it),
 *   review.problems() (what blocks the downloads), review.dateProblem(text).
 * Nothing from the data is parsed as HTML: tooltips, attribution, labels and form values
 * are set with textContent or .value, and the runs to mark are found by number (data-m,
 * data-s). Nothing is sent anywhere and nothing is stored: the files are built in the
 * page and saved only by a click on a download button.
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
    item.addEventListener("click", function (event) {
      // the buttons and the edit form of the records do not move the text
      if (event.target.closest && event.target.closest(".rv-act, .rv-form")) { return; }
      select(item.getAttribute("data-c"));
    });
    item.addEventListener("keydown", function (event) {
      if (event.target === item && (event.key === "Enter" || event.key === " ")) {
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


  // --- records: accept, edit, reject, download ------------------------------------------
  var rec = data.records;
  var FILES = { incidents: "incidents.csv", claims: "claims.csv", sources: "sources.csv" };
  var KIND_OF = { incidents: "incident", claims: "claim", sources: "source" };
  var ID_PATTERN = new RegExp(rec.idPattern);
  var SINGLE_DATE = /^(\d{4}|\d{3}X|\d{2}XX)(?:-(\d{2}|XX)(?:-([0-3X][0-9X]))?)?([?~%])?$/;
  var GROUPINGS = [21, 22, 23, 24, 33, 34, 35, 36, 37, 38, 39, 40, 41];
  // A cell a spreadsheet would run, and a plain number (which it would not): geo._io.spreadsheet_safe.
  var FORMULA = /^'*[=+\-@\t\r]/;
  var PLAIN_NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
  var LABELS = {
    id: "id", date: "date (EDTF)", place: "place (gazetteer id)", location: "location as written",
    latitude: "latitude", longitude: "longitude", precision: "precision", event_type: "event type",
    sub_event_type: "sub-event type", actor1: "actor 1 (who acted)", actor2: "actor 2 (the other side)",
    assoc_actors: "other actors (ids, | between)", fatalities_low: "killed: low",
    fatalities_best: "killed: best", fatalities_high: "killed: high", fatalities_text: "killed, as written", displaced: "displaced",
    sources: "sources (ids, | between)", note: "note", actor: "actor", status: "status", start: "start (EDTF)",
    end: "end (EDTF, empty: open)", tier: "tier", said_by: "said by (actor id)",
    title: "title", author: "author", publisher: "publisher", url: "url (http or https)",
  };
  var PRECISIONS = { "1": "1: at the named place", "2": "2: near it (~25 km)", "3": "3: only the region is known" };
  var PLACE_GROUPS = [["proposed", "proposed"], ["alternative", "other places of that name"],
    ["document", "elsewhere in the document"], ["typed", "typed"]];
  var knownActors = {};
  rec.actors.forEach(function (actor) { knownActors[actor[0]] = actor[1]; });
  var knownSources = {};
  rec.sources.forEach(function (id) { knownSources[id] = true; });
  var newSources = rec.newSources.map(function (row) { return copy(row); });
  var items = rec.items.map(function (item, c) {
    return {
      c: c, record: item.record, proposed: copy(item.row), row: copy(item.row), places: item.places,
      decision: "pending", edited: false, problems: [], warnings: [], form: null, sentence: "",
    };
  });
  var placeKnown = {};
  Object.keys(rec.placeNames).forEach(function (id) { placeKnown[id] = true; });
  items.forEach(function (item) { item.places.forEach(function (p) { placeKnown[p.id] = true; }); });
  var panel = null;

  function copy(row) {
    var out = {};
    Object.keys(row).forEach(function (k) { out[k] = row[k]; });
    return out;
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }

  function button(text, className, onClick) {
    var node = el("button", className, text);
    node.type = "button";
    node.addEventListener("click", function (event) { event.stopPropagation(); onClick(event); });
    return node;
  }

  function list(value) {
    return String(value || "").split("|").map(function (v) { return v.trim(); }).filter(Boolean);
  }

  function fileOf(item) { return item.record === "claim" ? "claims" : "incidents"; }

  // --- checks (the rules of geo validate that need no gazetteer) --------------------------
  function daysIn(year, month) {
    var leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
    return [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
  }

  function singleProblem(text) {
    var m = SINGLE_DATE.exec(text);
    if (!m) {
      return "expected YYYY, YYYY-MM or YYYY-MM-DD (optionally ending in ~ or ?), a part of a year such " +
        "as 2022-40, or an interval A/B such as 2022-06-11/2022-06-12";
    }
    var year = m[1], month = m[2], day = m[3];
    var low = Number(year.replace(/X/g, "0")), high = Number(year.replace(/X/g, "9"));
    if (low < 1 || high > 9998) { return "year " + year + " is out of range (0001 to 9998)"; }
    if (month === undefined) { return null; }
    if (month === "XX") {
      return day !== undefined && day !== "XX" ? "a day cannot be given when the month is unspecified" : null;
    }
    var n = Number(month);
    if (GROUPINGS.indexOf(n) >= 0) { return day !== undefined ? "a season or a part of a year has no day" : null; }
    if (n < 1 || n > 12) {
      return "month " + month + " does not exist (months are 01-12; seasons 21-24, quarters 33-36, halves 40-41)";
    }
    if (low !== high) { return "an unspecified year cannot take a month"; }
    if (day === undefined || day === "XX") { return null; }
    var first = Math.max(Number(day.replace(/X/g, "0")), 1);
    var last = Math.min(Number(day.replace(/X/g, "9")), daysIn(low, n));
    return first > last ? year + "-" + month + " has no day " + day : null;
  }

  // The first and last day of a plain date (YYYY, YYYY-MM, YYYY-MM-DD, or an interval of them):
  // ISO texts, "" for an open end; null when the date is anything else (then nothing is compared).
  function bounds(text) {
    function one(part) {
      var m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?[?]?$/.exec(part);
      if (!m || (m[2] && (Number(m[2]) < 1 || Number(m[2]) > 12))) { return null; }
      var y = m[1];
      if (!m[2]) { return [y + "-01-01", y + "-12-31"]; }
      if (!m[3]) { return [y + "-" + m[2] + "-01", y + "-" + m[2] + "-" + daysIn(Number(y), Number(m[2]))]; }
      return [part.slice(0, 10), part.slice(0, 10)];
    }
    var parts = text.split("/");
    if (parts.length === 1) { return one(text); }
    var start = parts[0] === ".." || parts[0] === "" ? ["", ""] : one(parts[0]);
    var end = parts[1] === ".." || parts[1] === "" ? ["", ""] : one(parts[1]);
    return start && end ? [start[0], end[1]] : null;
  }

  function dateProblem(text) {
    text = String(text || "").trim();
    if (!text) { return "an empty date"; }
    if (text.indexOf("/") < 0) { return singleProblem(text); }
    var parts = text.split("/");
    if (parts.length !== 2) { return "use one '/' between two dates (2022-06-11/2022-06-12)"; }
    var open = function (p) { return p === "" || p === ".."; };
    if (open(parts[0]) && open(parts[1])) { return "at least one end must be a date"; }
    for (var k = 0; k < 2; k++) {
      if (!open(parts[k])) {
        var problem = singleProblem(parts[k]);
        if (problem) { return problem; }
      }
    }
    var span = bounds(text);
    if (span && span[0] && span[1] && span[0] > span[1]) { return "it ends before it starts; swap the two dates"; }
    return null;
  }

  function integerProblem(value) {
    if (/^-\d+$/.test(value)) { return "a count cannot be negative"; }
    if (!/^\d+$/.test(value)) { return "not a whole number: write digits only (see the Numbers table of seeds/README.md)"; }
    if (value.length > String(rec.maxCount).length || Number(value) > rec.maxCount) {
      return "more than " + rec.maxCount + ", the largest count a record may hold";
    }
    return null;
  }

  function sourceIds() {
    var ids = {};
    Object.keys(knownSources).forEach(function (id) { ids[id] = true; });
    newSources.forEach(function (row) { ids[row.id] = true; });
    return ids;
  }

  // Every problem of one row: [{column, text}] (blocking), and warnings (shown, not blocking).
  function check(record, row) {
    var problems = [], warnings = [];
    function add(column, text) { problems.push({ column: column, text: text }); }
    var required = record === "claim"
      ? ["id", "actor", "status", "place", "start", "tier", "sources"]
      : ["id", "date", "precision", "event_type", "actor1", "sources"];
    required.forEach(function (column) { if (!row[column]) { add(column, "required"); } });
    if (row.id && !ID_PATTERN.test(row.id)) {
      add("id", "lower-case letters, digits and single hyphens only (such as inc-2022-03-08-tamalat)");
    }
    ["date", "start", "end"].forEach(function (column) {
      if (row[column] && rec.columns[record].indexOf(column) >= 0) {
        var problem = dateProblem(row[column]);
        if (problem) { add(column, problem); }
      }
    });
    if (record === "claim" && row.start && row.end && !dateProblem(row.start) && !dateProblem(row.end)) {
      var s = bounds(row.start), e = bounds(row.end);
      if (s && e && s[0] && e[1] && e[1] < s[0]) { add("end", "ends before it starts (" + row.start + ")"); }
    }
    if (row.place && !ID_PATTERN.test(row.place)) {
      add("place", "a gazetteer id is lower-case words and hyphens (such as ml-menaka)");
    } else if (row.place && !placeKnown[row.place]) {
      warnings.push({ column: "place", text: "not a place this page knows: check that " + row.place +
        " is a gazetteer id (geo places NAME); geo validate will tell" });
    }
    var actorColumns = record === "claim" ? ["actor", "said_by"] : ["actor1", "actor2", "assoc_actors"];
    actorColumns.forEach(function (column) {
      var ids = column === "assoc_actors" ? list(row[column]) : (row[column] ? [row[column]] : []);
      ids.forEach(function (id) {
        if (!Object.prototype.hasOwnProperty.call(knownActors, id)) {
          add(column, "unknown actor '" + id + "': use an id of actors.csv (or add the actor there first)");
        }
      });
    });
    var sources = sourceIds();
    list(row.sources).forEach(function (id) {
      if (!ID_PATTERN.test(id)) { add("sources", "'" + id + "' is not a source id (lower-case words and hyphens)"); }
      else if (!sources[id]) { add("sources", "unknown source '" + id + "': use an id of sources.csv"); }
    });
    if (record === "incident") {
      if (!row.place && !(row.latitude && row.longitude)) { add("place", "give a gazetteer id, or latitude and longitude"); }
      if (!!row.latitude !== !!row.longitude) { add(row.latitude ? "longitude" : "latitude", "give both coordinates, or neither"); }
      [["latitude", 90], ["longitude", 180]].forEach(function (pair) {
        var value = row[pair[0]];
        if (!value) { return; }
        var n = Number(value);
        if (!/^[+-]?(?:\d+\.?\d*|\.\d+)$/.test(value) || !isFinite(n)) { add(pair[0], "not a number of decimal degrees"); }
        else if (Math.abs(n) > pair[1]) { add(pair[0], "outside [-" + pair[1] + ", " + pair[1] + "]"); }
      });
      if (row.precision && rec.precisions.indexOf(row.precision) < 0) { add("precision", "use 1, 2 or 3"); }
      if (row.event_type && !rec.eventTypes[row.event_type]) { add("event_type", "not an ACLED event type"); }
      else if (row.sub_event_type && rec.eventTypes[row.event_type] &&
               rec.eventTypes[row.event_type].indexOf(row.sub_event_type) < 0) {
        add("sub_event_type", "not a sub-event type of " + row.event_type);
      }
      var numbers = {};
      ["fatalities_low", "fatalities_best", "fatalities_high", "displaced"].forEach(function (column) {
        if (!row[column]) { return; }
        var problem = integerProblem(row[column]);
        if (problem) { add(column, problem); } else { numbers[column] = Number(row[column]); }
      });
      [["fatalities_low", "fatalities_best"], ["fatalities_best", "fatalities_high"],
        ["fatalities_low", "fatalities_high"]].some(function (pair) {
        if (pair[0] in numbers && pair[1] in numbers && numbers[pair[0]] > numbers[pair[1]]) {
          add(pair[0], "greater than " + pair[1] + " (" + numbers[pair[1]] + "): low <= best <= high");
          return true;
        }
        return false;
      });
    } else {
      if (row.status && rec.statuses.indexOf(row.status) < 0) { add("status", "use one of " + rec.statuses.join(", ")); }
      if (row.tier && rec.tiers.indexOf(row.tier) < 0) { add("tier", "use one of " + rec.tiers.join(", ")); }
    }
    return { problems: problems, warnings: warnings };
  }

  // Problems between a row and the other accepted rows of its file: the same id, or likely the
  // same record (geo validate: the same key columns and a common source, or every cell alike).
  function conflicts(item, row) {
    var problems = [];
    var key = item.record === "claim" ? ["actor", "status", "place", "start"]
      : ["date", "place", "event_type", "actor1", "actor2"];
    var mine = list(row.sources);
    items.forEach(function (other) {
      if (other === item || other.decision !== "accepted" || fileOf(other) !== fileOf(item)) { return; }
      if (other.row.id === row.id) {
        problems.push({ column: "id", text: "the id of " + candidateName(other) + ", accepted: give this one its own" });
        return;
      }
      var sameKey = key.every(function (k) { return row[k] && row[k] === other.row[k]; });
      var shared = list(other.row.sources).some(function (s) { return mine.indexOf(s) >= 0; });
      var sameCells = rec.columns[item.record].every(function (k) { return k === "id" || row[k] === other.row[k]; });
      if (sameCells || (sameKey && shared)) {
        problems.push({ column: "id", text: "likely the same " + item.record + " as " + other.row.id +
          ", accepted (same " + key.join(", ") + " and a common source): reject one, or tell them apart" });
      }
    });
    return problems;
  }

  function candidateName(item) { return item.row.id || "candidate " + item.c; }

  function sourceProblems(row) {
    var problems = [];
    if (!row.title) { problems.push({ column: "title", text: "required" }); }
    if (row.date) {
      var p = dateProblem(row.date);
      if (p) { problems.push({ column: "date", text: p }); }
    }
    if (row.url && !/^https?:\/\/\S+$/.test(row.url)) {
      problems.push({ column: "url", text: "not an http(s) address" });
    }
    return problems;
  }

  function accepted(kind) {
    return items.filter(function (item) { return item.decision === "accepted" && fileOf(item) === kind; });
  }

  function citedNewSources() {
    var cited = {};
    items.forEach(function (item) {
      if (item.decision === "accepted") { list(item.row.sources).forEach(function (id) { cited[id] = true; }); }
    });
    return newSources.filter(function (row) { return cited[row.id]; });
  }

  // What blocks the downloads: [text].
  function problems() {
    var found = [];
    items.forEach(function (item) {
      if (item.decision !== "accepted") { return; }
      check(item.record, item.row).problems.concat(conflicts(item, item.row)).forEach(function (p) {
        found.push(candidateName(item) + ", " + p.column + ": " + p.text);
      });
    });
    citedNewSources().forEach(function (row) {
      sourceProblems(row).forEach(function (p) { found.push("source " + row.id + ", " + p.column + ": " + p.text); });
    });
    return found;
  }

  // --- the CSV files ----------------------------------------------------------------------
  function cell(value) {
    var text = String(value === undefined || value === null ? "" : value).trim();
    if (FORMULA.test(text) && !PLAIN_NUMBER.test(text)) { text = "'" + text; }
    return /[",\r\n]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
  }

  function csv(kind) {
    if (!FILES[kind]) { throw new Error("csv(kind): kind is incidents, claims or sources"); }
    var columns = rec.columns[KIND_OF[kind]];
    var rows = kind === "sources" ? citedNewSources() : accepted(kind).map(function (item) { return item.row; });
    var lines = [columns.join(",")];
    rows.forEach(function (row) {
      lines.push(columns.map(function (column) { return cell(row[column]); }).join(","));
    });
    return lines.join("\n") + "\n";
  }

  function rowCount(kind) {
    return kind === "sources" ? citedNewSources().length : accepted(kind).length;
  }

  var lastDownload = null;
  function download(kind) {
    if (!FILES[kind] || rowCount(kind) === 0 || problems().length) { return null; }
    var blob = new Blob([csv(kind)], { type: "text/csv;charset=utf-8" });
    var url = URL.createObjectURL(blob);
    var link = el("a");
    link.href = url;
    link.download = FILES[kind];
    link.hidden = true;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 60000);
    lastDownload = { kind: kind, name: FILES[kind], blob: blob };
    return blob;
  }

  // --- the candidates' cards --------------------------------------------------------------
  function placeLabel(id) {
    if (!id) { return ""; }
    return rec.placeNames[id] ? rec.placeNames[id] + " [" + id + "]" : id;
  }

  function deaths(row) {
    var values = [row.fatalities_low, row.fatalities_best, row.fatalities_high];
    var text = values.some(Boolean) ? values.map(function (v) { return v || "?"; }).join(" / ") +
      " (low / best / high)" : "";
    if (row.fatalities_text) {
      text = text ? text + "; \u201C" + row.fatalities_text + "\u201D" : "\u201C" + row.fatalities_text + "\u201D";
    }
    return text;
  }

  function when(item) {
    var row = item.row;
    if (item.record !== "claim") { return row.date || "no date"; }
    if (row.start && row.end) { return row.start + " to " + row.end; }
    return row.start ? "from " + row.start : (row.end ? "until " + row.end : "no date");
  }

  // The fields shown on a card, as review.py writes them (rewritten after an edit).
  function fields(item) {
    var row = item.row;
    var out;
    if (item.record === "claim") {
      out = [["actor", row.actor], ["status", [row.status, row.tier].filter(Boolean).join(" ")],
        ["place", placeLabel(row.place)], ["said by", row.said_by]];
    } else {
      var actors = [row.actor1, row.actor2].concat(list(row.assoc_actors)).filter(Boolean);
      out = [["place", placeLabel(row.place) || row.location],
        ["event", [row.event_type, row.sub_event_type].filter(Boolean).join(" / ")],
        ["actors", actors.join(", ")], ["deaths", deaths(row)], ["displaced", row.displaced]];
    }
    return out.concat([["note", row.note], ["sentence", item.sentence]]);
  }

  function renderCard(item) {
    var card = item.card;
    card.classList.toggle("rv-cand-accepted", item.decision === "accepted");
    card.classList.toggle("rv-cand-rejected", item.decision === "rejected");
    card.classList.toggle("rv-cand-edited", item.edited);
    var label = { pending: "to review", accepted: "accepted", rejected: "rejected" }[item.decision];
    item.state.textContent = label + (item.edited ? ", edited" : "");
    item.accept.hidden = item.decision !== "pending";
    item.reject.hidden = item.decision !== "pending";
    item.undo.hidden = item.decision === "pending";
    item.editButton.hidden = item.decision === "rejected";
    var head = card.querySelector(".rv-when");
    if (head) { head.textContent = when(item); }
    var id = card.querySelector(".rv-id");
    if (id) { id.textContent = item.row.id; }
    if (item.edited) {
      var dl = card.querySelector(".rv-fields");
      while (dl.firstChild) { dl.removeChild(dl.firstChild); }
      fields(item).forEach(function (pair) {
        if (!pair[1]) { return; }
        dl.appendChild(el("dt", null, pair[0]));
        dl.appendChild(el("dd", null, pair[1]));
      });
      item.changes.textContent = "changed: " + rec.columns[item.record].filter(function (column) {
        return (item.row[column] || "") !== (item.proposed[column] || "");
      }).join(", ");
      item.changes.hidden = false;
    }
    showProblems(item.messages, item.problems, item.warnings);
  }

  function showProblems(box, problems, warnings) {
    while (box.firstChild) { box.removeChild(box.firstChild); }
    problems.forEach(function (p) { box.appendChild(el("li", "rv-problem", (LABELS[p.column] || p.column) + ": " + p.text)); });
    (warnings || []).forEach(function (p) {
      box.appendChild(el("li", "rv-warning", (LABELS[p.column] || p.column) + ": " + p.text));
    });
    box.hidden = !box.firstChild;
  }

  function accept(c) {
    var item = items[Number(c)];
    if (!item || !item.record) { return [{ column: "record", text: "not an incident or a claim" }]; }
    var result = check(item.record, item.row);
    item.problems = result.problems.concat(conflicts(item, item.row));
    item.warnings = result.warnings;
    if (!item.problems.length) { item.decision = "accepted"; closeForm(item); }
    renderCard(item);
    updatePanel();
    return item.problems;
  }

  function reject(c) {
    var item = items[Number(c)];
    if (!item || !item.record) { return []; }
    item.decision = "rejected";
    item.problems = [];
    item.warnings = [];
    closeForm(item);
    renderCard(item);
    updatePanel();
    return [];
  }

  function undo(c) {
    var item = items[Number(c)];
    if (!item || !item.record) { return []; }
    item.decision = "pending";
    item.problems = [];
    renderCard(item);
    updatePanel();
    return [];
  }

  // Save a new row: checked first; a row with problems is not saved (the form shows them).
  function save(item, row) {
    Object.keys(row).forEach(function (k) { row[k] = String(row[k] === undefined ? "" : row[k]).trim(); });
    var result = check(item.record, row);
    var found = result.problems.concat(conflicts(item, row));
    if (item.form) { showProblems(item.form.messages, found, result.warnings); }
    if (found.length) {
      if (!item.form) { item.problems = found; item.warnings = result.warnings; renderCard(item); }
      return found;
    }
    item.row = row;
    item.edited = rec.columns[item.record].some(function (column) {
      return (row[column] || "") !== (item.proposed[column] || "");
    });
    item.decision = "accepted";
    item.problems = [];
    item.warnings = result.warnings;
    closeForm(item);
    renderCard(item);
    updatePanel();
    return [];
  }

  function edit(c, changes) {
    var item = items[Number(c)];
    if (!item || !item.record) { return [{ column: "record", text: "not an incident or a claim" }]; }
    var row = copy(item.row);
    Object.keys(changes || {}).forEach(function (column) {
      if (rec.columns[item.record].indexOf(column) >= 0) { row[column] = String(changes[column]); }
    });
    return save(item, row);
  }

  // --- the edit form ----------------------------------------------------------------------
  function option(value, text) {
    var node = el("option", null, text);
    node.value = value;
    return node;
  }

  function selectOf(values, current, labels, empty) {
    var select = el("select");
    if (empty !== undefined) { select.appendChild(option("", empty)); }
    values.forEach(function (value) { select.appendChild(option(value, labels ? labels[value] || value : value)); });
    if (current && values.indexOf(current) < 0) { select.appendChild(option(current, current + " (not in the list)")); }
    select.value = current || "";
    return select;
  }

  function fieldBox(form, column, control, hint, labelText) {
    var box = el("div", "rv-field rv-field-" + column);
    var id = "rv-f-" + form.c + "-" + column;
    var label = el("label", null, labelText || LABELS[column] || column);
    label.htmlFor = id;
    control.id = id;
    control.setAttribute("data-col", column);
    box.appendChild(label);
    box.appendChild(control);
    if (hint) { box.appendChild(el("small", "rv-hint", hint)); }
    form.controls[column] = control;
    return box;
  }

  function input(value, listId) {
    var node = el("input");
    node.type = "text";
    node.value = value || "";
    node.autocomplete = "off";
    node.spellcheck = false;
    if (listId) { node.setAttribute("list", listId); }
    return node;
  }

  function placeControl(form, item) {
    var box = el("div", "rv-field rv-field-place");
    var id = "rv-f-" + item.c + "-place";
    var label = el("label", null, LABELS.place);
    label.htmlFor = id;
    box.appendChild(label);
    var pick = el("select", "rv-place-pick");
    pick.setAttribute("aria-label", "places offered");
    pick.appendChild(option("", "type an id below, or choose"));
    PLACE_GROUPS.forEach(function (group) {
      var offered = item.places.filter(function (p) { return p.group === group[0]; });
      if (!offered.length) { return; }
      var holder = el("optgroup");
      holder.label = group[1];
      offered.forEach(function (p) { holder.appendChild(option(p.id, placeLabel(p.id))); });
      pick.appendChild(holder);
    });
    var text = input(item.row.place);
    text.id = id;
    text.setAttribute("data-col", "place");
    text.placeholder = "gazetteer id, such as ml-menaka";
    pick.value = item.places.some(function (p) { return p.id === item.row.place; }) ? item.row.place : "";
    pick.addEventListener("change", function () { if (pick.value) { text.value = pick.value; } });
    text.addEventListener("input", function () {
      var v = text.value.trim();
      pick.value = item.places.some(function (p) { return p.id === v; }) ? v : "";
    });
    box.appendChild(pick);
    box.appendChild(text);
    form.controls.place = text;
    return box;
  }

  function buildForm(item) {
    var row = item.row;
    var form = { c: item.c, controls: {}, node: el("div", "rv-form") };
    form.node.setAttribute("role", "group");
    form.node.setAttribute("aria-label", "edit " + item.record + " " + row.id);
    var node = form.node;
    node.appendChild(fieldBox(form, "id", input(row.id)));
    if (item.record === "claim") {
      node.appendChild(fieldBox(form, "actor", input(row.actor, "rv-actor-list")));
      node.appendChild(fieldBox(form, "status", selectOf(rec.statuses, row.status, null, "")));
      node.appendChild(placeControl(form, item));
      node.appendChild(fieldBox(form, "start", input(row.start), "EDTF: 2022-03-08, 2022-03, 2022-03~, 2022-06-11/2022-06-12"));
      node.appendChild(fieldBox(form, "end", input(row.end)));
      node.appendChild(fieldBox(form, "tier", selectOf(rec.tiers, row.tier, null, "")));
      node.appendChild(fieldBox(form, "said_by", input(row.said_by, "rv-actor-list")));
    } else {
      node.appendChild(fieldBox(form, "date", input(row.date), "EDTF: 2022-03-08, 2022-03, 2022-03~, 2022-06-11/2022-06-12"));
      node.appendChild(placeControl(form, item));
      node.appendChild(fieldBox(form, "location", input(row.location)));
      node.appendChild(fieldBox(form, "precision", selectOf(rec.precisions, row.precision, PRECISIONS, "")));
      node.appendChild(fieldBox(form, "latitude", input(row.latitude)));
      node.appendChild(fieldBox(form, "longitude", input(row.longitude)));
      var types = Object.keys(rec.eventTypes);
      var type = selectOf(types, row.event_type, null, "");
      node.appendChild(fieldBox(form, "event_type", type));
      var subBox = el("div");
      node.appendChild(subBox);
      var fillSub = function (current) {
        while (subBox.firstChild) { subBox.removeChild(subBox.firstChild); }
        subBox.appendChild(fieldBox(form, "sub_event_type", selectOf(rec.eventTypes[type.value] || [], current, null, "(none)")));
      };
      fillSub(row.sub_event_type);
      type.addEventListener("change", function () { fillSub(""); });
      node.appendChild(fieldBox(form, "actor1", input(row.actor1, "rv-actor-list")));
      node.appendChild(fieldBox(form, "actor2", input(row.actor2, "rv-actor-list")));
      node.appendChild(fieldBox(form, "assoc_actors", input(row.assoc_actors)));
      var tolls = el("fieldset", "rv-tolls");
      tolls.appendChild(el("legend", null, "killed: low / best / high (whole numbers; seeds/README.md, Numbers)"));
      ["fatalities_low", "fatalities_best", "fatalities_high"].forEach(function (column) {
        var box = input(row[column]);
        box.inputMode = "numeric";
        tolls.appendChild(fieldBox(form, column, box, null, column.slice("fatalities_".length)));
      });
      node.appendChild(tolls);
      node.appendChild(fieldBox(form, "fatalities_text", input(row.fatalities_text)));
      var displaced = input(row.displaced);
      displaced.inputMode = "numeric";
      node.appendChild(fieldBox(form, "displaced", displaced));
    }
    node.appendChild(fieldBox(form, "sources", input(row.sources)));
    var note = el("textarea");
    note.rows = 3;
    note.value = row.note || "";
    node.appendChild(fieldBox(form, "note", note));
    form.messages = el("ul", "rv-messages");
    form.messages.hidden = true;
    node.appendChild(form.messages);
    var buttons = el("div", "rv-form-buttons");
    var read = function () {
      var out = copy(item.row);
      Object.keys(form.controls).forEach(function (column) { out[column] = form.controls[column].value; });
      return out;
    };
    buttons.appendChild(button("Save and accept", "rv-save", function () { save(item, read()); }));
    buttons.appendChild(button("Cancel", "rv-cancel", function () { closeForm(item); }));
    node.appendChild(buttons);
    node.addEventListener("keydown", function (event) {
      if (event.key === "Escape") { closeForm(item); item.editButton.focus(); }
      else if (event.key === "Enter" && event.target.tagName === "INPUT") { event.preventDefault(); save(item, read()); }
    });
    // live check of a date's shape
    ["date", "start", "end"].forEach(function (column) {
      var control = form.controls[column];
      if (!control) { return; }
      control.addEventListener("input", function () {
        var v = control.value.trim();
        var problem = v ? dateProblem(v) : null;
        control.classList.toggle("rv-invalid", !!problem);
        control.title = problem || "";
      });
    });
    return form;
  }

  function openForm(item) {
    if (item.form) { return; }
    item.form = buildForm(item);
    item.card.appendChild(item.form.node);
    item.editButton.setAttribute("aria-expanded", "true");
    var first = item.form.controls.date || item.form.controls.start;
    if (first) { first.focus({ preventScroll: true }); }
    item.card.scrollIntoView({ block: "nearest" });
  }

  function closeForm(item) {
    if (!item.form) { return; }
    item.form.node.remove();
    item.form = null;
    item.editButton.setAttribute("aria-expanded", "false");
  }

  // --- the records panel ------------------------------------------------------------------
  function buildPanel() {
    var box = document.getElementById("rv-records");
    if (!box) { return null; }
    all(".rv-records-off", box).forEach(function (node) { node.remove(); });
    var p = { box: box, tally: el("span", "rv-tally"), buttons: {}, messages: el("ul", "rv-messages") };
    var heading = box.querySelector("h2");
    (heading || box).appendChild(p.tally);
    var row = el("div", "rv-dl");
    Object.keys(FILES).forEach(function (kind) {
      var b = button(FILES[kind], "rv-dl-" + kind, function () { download(kind); });
      b.id = "rv-dl-" + kind;
      p.buttons[kind] = b;
      row.appendChild(b);
    });
    box.appendChild(row);
    p.messages.hidden = true;
    box.appendChild(p.messages);
    var more = el("div", "rv-records-more");
    box.parentNode.insertBefore(more, box.nextSibling);
    newSources.forEach(function (source) {
      var details = el("details", "rv-newsrc");
      details.appendChild(el("summary", null, "New source " + source.id + ": check its title, date and url"));
      var form = { c: "src-" + source.id, controls: {} };
      ["title", "author", "publisher", "date", "url", "note"].forEach(function (column) {
        var control = column === "note" ? el("textarea") : input(source[column]);
        if (column === "note") { control.rows = 2; control.value = source.note || ""; }
        control.addEventListener("input", function () { source[column] = control.value.trim(); updatePanel(); });
        details.appendChild(fieldBox(form, column, control));
      });
      details.setAttribute("data-source", source.id);
      more.appendChild(details);
    });
    more.appendChild(el("p", "rv-hint",
      "Accept, edit or reject each candidate below. Decisions live in this page only (nothing is stored or " +
      "sent): they are lost when it is closed or reloaded, so download first, put the files in a folder and " +
      "check them with geo validate --seeds FOLDER."));
    return p;
  }

  function updatePanel() {
    if (!panel) { return; }
    var count = { pending: 0, accepted: 0, rejected: 0 };
    items.forEach(function (item) { if (item.record) { count[item.decision] += 1; } });
    panel.tally.textContent = count.accepted + " accepted, " + count.rejected + " rejected, " +
      count.pending + " to review";
    var blocked = problems();
    Object.keys(FILES).forEach(function (kind) {
      var n = rowCount(kind);
      panel.buttons[kind].textContent = "\u2193 " + FILES[kind] + " (" + n + ")";
      panel.buttons[kind].title = "download " + FILES[kind] + ": " + n + (n === 1 ? " row" : " rows");
      panel.buttons[kind].disabled = n === 0 || blocked.length > 0;
    });
    panel.buttons.sources.hidden = !newSources.length;
    while (panel.messages.firstChild) { panel.messages.removeChild(panel.messages.firstChild); }
    blocked.forEach(function (text) { panel.messages.appendChild(el("li", "rv-problem", text)); });
    panel.messages.hidden = !blocked.length;
  }

  var actorList = el("datalist");
  actorList.id = "rv-actor-list";
  rec.actors.forEach(function (actor) { actorList.appendChild(option(actor[0], actor[1])); });
  document.body.appendChild(actorList);

  items.forEach(function (item) {
    var card = document.querySelector('.rv-cand[data-c="' + item.c + '"]');
    if (!card) { item.record = ""; return; }
    item.card = card;
    var dts = all(".rv-fields dt", card);
    dts.forEach(function (dt) {
      if (dt.textContent === "sentence" && dt.nextElementSibling) { item.sentence = dt.nextElementSibling.textContent; }
    });
    if (!item.record) { return; }
    item.state = el("span", "rv-state");
    card.querySelector(".rv-cand-head").appendChild(item.state);
    var bar = el("div", "rv-act");
    item.accept = button("Accept", "rv-accept", function () { accept(item.c); });
    item.editButton = button("Edit", "rv-edit", function () { if (item.form) { closeForm(item); } else { openForm(item); } });
    item.editButton.setAttribute("aria-expanded", "false");
    item.reject = button("Reject", "rv-reject", function () { reject(item.c); });
    item.undo = button("Undo", "rv-undo", function () { undo(item.c); });
    [item.accept, item.editButton, item.reject, item.undo].forEach(function (b) { bar.appendChild(b); });
    item.changes = el("span", "rv-changes");
    item.changes.hidden = true;
    bar.appendChild(item.changes);
    item.messages = el("ul", "rv-messages");
    item.messages.hidden = true;
    card.appendChild(bar);
    card.appendChild(item.messages);
    renderCard(item);
  });
  panel = buildPanel();
  updatePanel();

  window.review = {
    ready: true,
    markers: function () { return Object.keys(markers).length; },
    select: select,
    selectPlace: function (id) { return selectPlace(String(id)); },
    selected: function () { return { candidate: state.candidate, place: state.place }; },
    accept: accept,
    reject: reject,
    undo: undo,
    edit: edit,
    records: function () {
      return items.map(function (item) {
        return { id: item.row.id, record: item.record, decision: item.decision, edited: item.edited, row: copy(item.row) };
      });
    },
    csv: csv,
    download: download,
    lastDownload: function () { return lastDownload; },
    problems: problems,
    dateProblem: dateProblem,
  };
})();
