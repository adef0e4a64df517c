/* harmwatch map page.
 *
 * Security: every string that came from a report is hostile. The DOM is built
 * with createElement + textContent only; nothing from the API is ever assigned
 * to innerHTML, and links are only made from http(s) URLs. The server also sends
 * a strict Content-Security-Policy (no inline scripts, nothing from elsewhere).
 *
 * Scale: the map loads compact points ([id, lat, lon, date, event_type, killed])
 * once, draws them on a canvas inside a marker cluster added in chunks, and
 * fetches a full record only when an incident is clicked.
 */
(function () {
  "use strict";

  var COLORS = {
    airstrike: "#d7301f", shelling: "#ef6548", missile: "#990000", barrel_bomb: "#7a0177",
    chemical: "#41ab5d", explosion: "#fd8d3c", shooting: "#2171b5", execution: "#08306b",
    clash: "#6a51a3", other: "#737373", unknown: "#bdbdbd"
  };
  var STATUS_COLORS = {
    functioning: "#2b9a3b", damaged: "#e0a000", destroyed: "#111111", out_of_service: "#c0392b",
    evacuated: "#8e44ad", relocated: "#2980b9", unknown: "#bbbbbb"
  };
  var GRADE_TEXT = {
    confirmed: "the belligerent admits the strike",
    fair: "two or more independent credible sources, no serious contradiction",
    weak: "a single source",
    contested: "sources blame different parties",
    discounted: "shown not to have happened as reported"
  };
  var DAY_MS = 86400000;
  var timings = {};  // load and input timings, for the benchmark (window.harmwatch.timings)

  // Incidents as parallel columns (as /api/incidents/points sends them):
  // index i is one incident. ``type`` holds an index into ``types``; ``day``
  // counts days since 1970-01-01 (null when unknown).
  var state = {
    n: 0, id: [], lat: [], lon: [], day: [], type: [], killed: [], types: [],
    markers: [],         // created lazily, parallel to the columns
    byId: null,          // id -> index, built when the live feed first needs it
    since: null, until: null, typeName: "", typeCode: null,
    seq: 0,
    facilities: [],
    facilityMarkers: [],
    facilityDays: null,  // {min, max} in epoch days
    bins: null
  };

  // --- small DOM helpers (textContent only) ------------------------------------
  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (k) {
        if (k === "text") node.textContent = attrs[k];
        else if (k === "className") node.className = attrs[k];
        else node.setAttribute(k, attrs[k]);
      });
    }
    (children || []).forEach(function (c) {
      if (c === null || c === undefined) return;
      node.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
    });
    return node;
  }
  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }
  function $(id) { return document.getElementById(id); }
  function safeUrl(u) {
    try {
      var parsed = new URL(String(u), window.location.href);
      return (parsed.protocol === "http:" || parsed.protocol === "https:") ? parsed.href : null;
    } catch (e) { return null; }
  }
  function dayOf(iso) {
    if (!iso || typeof iso !== "string" || iso.length < 10) return null;
    var t = Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10));
    return isNaN(t) ? null : Math.floor(t / DAY_MS);
  }
  function isoOf(day) { return new Date(day * DAY_MS).toISOString().slice(0, 10); }
  function fmtRange(r) {
    if (!r) return "—";
    if (r.best !== null && r.best !== undefined) {
      var s = String(r.best);
      if (r.low !== null && r.high !== null && (r.low !== r.best || r.high !== r.best)) {
        s += " (" + r.low + "–" + r.high + ")";
      } else if (r.low !== null && r.high === null) s += " (at least " + r.low + ")";
      return s;
    }
    if (r.low !== null && r.low !== undefined) {
      return r.high !== null && r.high !== undefined ? r.low + "–" + r.high : "at least " + r.low;
    }
    return "—";
  }
  function label(s) { return String(s || "unknown").replace(/_/g, " "); }
  function getJSON(url) {
    return fetch(url, { headers: { Accept: "application/json" } }).then(function (r) {
      if (!r.ok) throw new Error(url + ": HTTP " + r.status);
      return r.json();
    });
  }

  // --- map ---------------------------------------------------------------------
  var map = L.map("map", { preferCanvas: true, zoomControl: true, minZoom: 6, maxZoom: 16 })
    .setView([35.0, 38.5], 7);
  map.attributionControl.setPrefix(false);
  map.attributionControl.addAttribution("Leaflet | Boundaries: OCHA COD-AB (HDX)");
  var renderer = L.canvas({ padding: 0.3 });
  // The bundled boundaries get their own pane (and canvas) under the incidents.
  map.createPane("basemap").style.zIndex = "250";
  var basemapRenderer = L.canvas({ pane: "basemap", padding: 0.3 });
  var basemap = null;
  var userMoved = false;
  map.on("movestart", function () { userMoved = true; });
  var tiles = null;

  // Markers are added in slices by showIndices() below (our own chunked loading,
  // so we know when the last one is in); clustering stops at zoom 13, which
  // also spares the cluster tree three levels of work per marker.
  var cluster = L.markerClusterGroup({
    chunkedLoading: false, disableClusteringAtZoom: 13,
    showCoverageOnHover: false, spiderfyOnMaxZoom: false, maxClusterRadius: 50,
    removeOutsideVisibleBounds: true, animate: false,
    iconCreateFunction: function (c) {
      var n = c.getChildCount();
      var size = n < 10 ? 28 : n < 100 ? 34 : n < 1000 ? 40 : 48;
      var div = el("div", { className: "cluster-icon", text: n >= 10000 ? Math.round(n / 1000) + "k" : String(n) });
      return L.divIcon({ html: div, className: "cluster", iconSize: L.point(size, size) });
    }
  });
  map.addLayer(cluster);
  // One handler for every incident marker (events bubble up from the group).
  cluster.on("click", function (e) { if (e.layer && e.layer.hwId) openDetail(e.layer.hwId); });
  var facilityLayer = L.layerGroup().addTo(map);

  function radius(killed) {
    if (killed === null || killed === undefined) return 4;
    return Math.min(22, 4 + 2.2 * Math.sqrt(killed));
  }

  function makeMarker(i) {
    var m = L.circleMarker([state.lat[i], state.lon[i]], {
      renderer: renderer, radius: radius(state.killed[i]), color: "#ffffff", weight: 1,
      fillColor: COLORS[state.types[state.type[i]]] || COLORS.unknown, fillOpacity: 0.85
    });
    m.hwId = state.id[i];
    return m;
  }

  // Basemap from the bundled OCHA boundaries: works with no internet at all.
  getJSON("/static/basemap/syria_admin1.geojson").then(function (gj) {
    var layer = L.geoJSON(gj, {
      style: { color: "#7d7d7d", weight: 1, fillColor: "#f3f1ea", fillOpacity: tiles ? 0 : 1 },
      interactive: false, pane: "basemap", renderer: basemapRenderer
    });
    basemap = layer;
    layer.addTo(map);
    if (!userMoved) map.fitBounds(layer.getBounds(), { padding: [10, 10], animate: false });
    layer.eachLayer(function (lyr) {
      var name = lyr.feature && lyr.feature.properties && lyr.feature.properties.name_en;
      if (!name) return;
      var tip = el("span", { text: name });
      lyr.bindTooltip(tip, { permanent: true, direction: "center", className: "admin-label", interactive: false });
    });
    document.body.setAttribute("data-basemap", "loaded");
  }).catch(function (e) { console.warn("basemap", e); });

  $("toggle-tiles").addEventListener("change", function (ev) {
    if (ev.target.checked) {
      tiles = L.tileLayer("https://tile.openstreetmap.org/{z}/{x}/{y}.png", {
        maxZoom: 19, attribution: "© OpenStreetMap contributors"
      }).addTo(map);
      if (basemap) basemap.setStyle({ fillOpacity: 0 });
    } else if (tiles) {
      map.removeLayer(tiles);
      tiles = null;
      if (basemap) basemap.setStyle({ fillOpacity: 1 });
    }
  });

  // Legend.
  var legend = L.control({ position: "bottomleft" });
  legend.onAdd = function () {
    var box = el("div", { className: "legend" });
    Object.keys(COLORS).forEach(function (t) {
      box.appendChild(el("div", null, [el("i", { className: "swatch-" + t }), label(t)]));
    });
    box.appendChild(el("div", { text: "size: number killed" }));
    return box;
  };
  legend.addTo(map);

  // --- filters -----------------------------------------------------------------
  var typeSelect = $("filter-type");
  Object.keys(COLORS).forEach(function (t) {
    typeSelect.appendChild(el("option", { value: t, text: label(t) }));
  });

  function matches(i) {
    if (state.typeCode !== null && state.type[i] !== state.typeCode) return false;
    if (state.since !== null || state.until !== null) {
      var d = state.day[i];
      if (d === null || d === undefined) return false;
      if (state.since !== null && d < state.since) return false;
      if (state.until !== null && d > state.until) return false;
    }
    return true;
  }

  function exportQuery() {
    var q = [];
    if (state.since !== null) q.push("since=" + isoOf(state.since));
    if (state.until !== null) q.push("until=" + isoOf(state.until));
    if (state.typeName) q.push("event_type=" + encodeURIComponent(state.typeName));
    return q.length ? "?" + q.join("&") : "";
  }

  var applyTimer = null;
  function applyFilters() {
    if (applyTimer) clearTimeout(applyTimer);
    applyTimer = setTimeout(function () {
      applyNow(function () { timings.input_shown = performance.now(); });
    }, 30);
  }
  // Create (once) and add the markers for these point indices a slice at a
  // time, yielding between slices so the page stays responsive on 100k points.
  var loadToken = 0;
  var SLICE = 2500;
  function showIndices(indices, onFirst) {
    var token = ++loadToken;
    var pos = 0;
    cluster.clearLayers();
    document.body.setAttribute("data-markers", "loading");
    function step() {
      if (token !== loadToken) return;  // a newer filter took over
      // A small first slice puts markers on the map as soon as possible.
      var end = Math.min(indices.length, pos + (pos === 0 ? 800 : SLICE)), batch = new Array(end - pos);
      for (var k = pos; k < end; k++) {
        var i = indices[k];
        batch[k - pos] = state.markers[i] || (state.markers[i] = makeMarker(i));
      }
      cluster.addLayers(batch);
      pos = end;
      if (onFirst) { onFirst(); onFirst = null; }
      if (pos < indices.length) setTimeout(step, 0);
      else {
        document.body.setAttribute("data-markers", "loaded");
        if (timings.all_markers === undefined) timings.all_markers = performance.now() - t0;
      }
    }
    step();
  }

  function applyNow(onFirst) {
    applyTimer = null;
    state.typeCode = state.typeName ? state.types.indexOf(state.typeName) : null;
    var shown = [];
    for (var i = 0; i < state.n; i++) {
      if (matches(i)) shown.push(i);
    }
    showIndices(shown, onFirst);
    document.body.setAttribute("data-shown", String(shown.length));
    document.body.setAttribute("data-type", state.typeName || "all");
    $("count").textContent = shown.length + " of " + state.n + " incidents";
    $("filter-since").value = state.since !== null ? isoOf(state.since) : "";
    $("filter-until").value = state.until !== null ? isoOf(state.until) : "";
    $("timeline-range").textContent = (state.since !== null || state.until !== null)
      ? (state.since !== null ? isoOf(state.since) : "…") + " – " + (state.until !== null ? isoOf(state.until) : "…")
      : "all dates";
    var q = exportQuery();
    $("export-csv").setAttribute("href", "/api/incidents.csv" + q);
    $("export-hxl").setAttribute("href", "/api/incidents.hxl.csv" + q);
    $("export-geojson").setAttribute("href", "/api/incidents.geojson" + q);
    drawTimeline();
  }

  typeSelect.addEventListener("change", function (ev) {
    timings.input_at = ev.timeStamp;  // when the user acted, even if the page was busy
    state.typeName = typeSelect.value;
    applyFilters();
  });
  $("filter-since").addEventListener("change", function (ev) {
    state.since = dayOf(ev.target.value); applyFilters();
  });
  $("filter-until").addEventListener("change", function (ev) {
    state.until = dayOf(ev.target.value); applyFilters();
  });
  $("filter-reset").addEventListener("click", function () {
    state.since = null; state.until = null; applyFilters();
  });

  // --- timeline histogram (canvas) ---------------------------------------------------
  var canvas = $("timeline");
  var drag = null;

  function computeBins() {
    var min = Infinity, max = -Infinity;
    for (var i = 0; i < state.n; i++) {
      var d = state.day[i];
      if (d !== null && d !== undefined) { if (d < min) min = d; if (d > max) max = d; }
    }
    if (min === Infinity) { state.bins = null; return; }
    var span = max - min + 1;
    var monthly = span > 180;
    var starts = [];
    if (monthly) {
      var d0 = new Date(min * DAY_MS), d1 = new Date(max * DAY_MS);
      var y = d0.getUTCFullYear(), m = d0.getUTCMonth();
      while (y < d1.getUTCFullYear() || (y === d1.getUTCFullYear() && m <= d1.getUTCMonth())) {
        starts.push(Math.floor(Date.UTC(y, m, 1) / DAY_MS));
        m++; if (m === 12) { m = 0; y++; }
      }
    } else {
      for (var k = min; k <= max; k++) starts.push(k);
    }
    starts.push(monthly ? Math.floor(Date.UTC(new Date(max * DAY_MS).getUTCFullYear(),
      new Date(max * DAY_MS).getUTCMonth() + 1, 1) / DAY_MS) : max + 1);
    state.bins = { starts: starts, monthly: monthly };
  }

  function binIndex(day) {
    var s = state.bins.starts, lo = 0, hi = s.length - 2;
    while (lo < hi) {
      var mid = (lo + hi + 1) >> 1;
      if (s[mid] <= day) lo = mid; else hi = mid - 1;
    }
    return lo;
  }

  function drawTimeline() {
    var w = canvas.clientWidth || 600, h = canvas.clientHeight || 90;
    var ratio = window.devicePixelRatio || 1;
    if (canvas.width !== Math.round(w * ratio)) { canvas.width = Math.round(w * ratio); canvas.height = Math.round(h * ratio); }
    var ctx = canvas.getContext("2d");
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.clearRect(0, 0, w, h);
    if (!state.bins) return;
    var nb = state.bins.starts.length - 1;
    var all = new Array(nb).fill(0), sel = new Array(nb).fill(0);
    for (var i = 0; i < state.n; i++) {
      var d = state.day[i];
      if (d === null || d === undefined) continue;
      var b = binIndex(d);
      all[b]++;
      if (matches(i)) sel[b]++;
    }
    var maxc = Math.max.apply(null, all.concat([1]));
    var bw = w / nb, base = h - 16;
    for (var j = 0; j < nb; j++) {
      var hAll = (all[j] / maxc) * (base - 4), hSel = (sel[j] / maxc) * (base - 4);
      ctx.fillStyle = "#d9d6cf";
      ctx.fillRect(j * bw + 0.5, base - hAll, Math.max(1, bw - 1), hAll);
      ctx.fillStyle = "#a3261b";
      ctx.fillRect(j * bw + 0.5, base - hSel, Math.max(1, bw - 1), hSel);
    }
    // Year ticks.
    ctx.fillStyle = "#6b6a66";
    ctx.font = "10px system-ui, sans-serif";
    var lastYear = null;
    for (var k = 0; k < nb; k++) {
      var yr = new Date(state.bins.starts[k] * DAY_MS).getUTCFullYear();
      if (yr !== lastYear) {
        if (state.bins.monthly || k === 0) ctx.fillText(String(yr), k * bw + 2, h - 4);
        lastYear = yr;
      }
    }
    if (drag && drag.x1 !== undefined) {
      ctx.fillStyle = "rgba(163,38,27,0.15)";
      ctx.fillRect(Math.min(drag.x0, drag.x1), 0, Math.abs(drag.x1 - drag.x0), base);
    }
  }

  function dayAtX(x, end) {
    var w = canvas.clientWidth, nb = state.bins.starts.length - 1;
    var b = Math.max(0, Math.min(nb - 1, Math.floor((x / w) * nb)));
    return end ? state.bins.starts[b + 1] - 1 : state.bins.starts[b];
  }

  canvas.addEventListener("mousedown", function (ev) {
    if (!state.bins) return;
    drag = { x0: ev.offsetX };
  });
  canvas.addEventListener("mousemove", function (ev) {
    if (!drag) return;
    drag.x1 = ev.offsetX;
    drawTimeline();
  });
  window.addEventListener("mouseup", function (ev) {
    if (!drag) return;
    var rect = canvas.getBoundingClientRect();
    var x1 = Math.max(0, Math.min(rect.width - 1, ev.clientX - rect.left));
    var a = Math.min(drag.x0, x1), b = Math.max(drag.x0, x1);
    drag = null;
    state.since = dayAtX(a, false);
    state.until = dayAtX(b, true);
    applyFilters();
  });
  window.addEventListener("resize", drawTimeline);

  // --- detail panel --------------------------------------------------------------
  var VICTIM_FIELDS = [
    ["killed", "Killed"], ["killed_civilians", "Civilians killed"], ["killed_children", "Children killed"],
    ["killed_women", "Women killed"], ["killed_combatants", "Combatants killed"], ["injured", "Injured"],
    ["injured_children", "Children injured"], ["injured_women", "Women injured"]
  ];

  function quotesFor(inc, field) {
    return (inc.claims || []).filter(function (c) {
      return c.field === field || c.field === "victims." + field;
    });
  }

  function claimLine(c, sourceNames) {
    var who = c.source || sourceNames[c.report_id] || c.report_id || "unknown source";
    return el("li", { className: "claim-" + c.kind }, [
      el("strong", { text: label(c.kind) }), " · ", String(who),
      c.field ? " · " + label(c.field) : "",
      el("blockquote", { text: String(c.quote || "") })
    ]);
  }

  function renderDetail(inc) {
    var body = $("detail-body");
    clear(body);
    var place = inc.place || {};
    var date = inc.date || {};
    var sourceNames = {};
    (inc.sources || []).forEach(function (s) { sourceNames[s.id] = s.source || s.title || s.id; });

    body.appendChild(el("h3", { text: label(inc.event_type) + (place.name ? " — " + place.name : "") }));
    body.appendChild(el("div", { className: "meta" }, [
      (date.start || "date unknown") + (date.end && date.end !== date.start ? " to " + date.end : "") +
        " (" + (date.precision || "unknown") + ")",
      " · ", [place.admin2, place.admin1].filter(Boolean).join(", ") || "place unknown",
      place.precision ? " (" + place.precision + ")" : ""
    ]));
    var grade = String(inc.grade || "weak");
    body.appendChild(el("p", null, [
      el("span", { className: "grade grade-" + grade.replace(/[^a-z]/g, ""), text: grade }),
      " ", GRADE_TEXT[grade] || ""
    ]));
    if (inc.summary) body.appendChild(el("p", { text: String(inc.summary) }));

    // Numbers, each with the quotes behind it.
    var table = el("table");
    table.appendChild(el("tr", null, [el("th", { text: "" }), el("th", { text: "count" }), el("th", { text: "evidence" })]));
    var victims = inc.victims || {};
    VICTIM_FIELDS.forEach(function (f) {
      var r = victims[f[0]];
      var qs = quotesFor(inc, f[0]);
      if (!r && !qs.length) return;
      var ev = el("td");
      qs.forEach(function (c) {
        ev.appendChild(el("blockquote", { text: String(c.quote || "") }));
        ev.appendChild(el("div", { className: "meta", text: "— " + (c.source || sourceNames[c.report_id] || c.report_id || "") }));
      });
      if (!qs.length) ev.appendChild(el("span", { className: "meta", text: "no quote recorded" }));
      table.appendChild(el("tr", null, [el("td", { text: f[1] }), el("td", { text: fmtRange(r) }), ev]));
    });
    body.appendChild(table);

    if ((inc.perpetrators || []).length) {
      body.appendChild(el("h4", { text: "Perpetrators" }));
      body.appendChild(el("ul", null, inc.perpetrators.map(function (p) {
        return el("li", { text: label(p.actor) + " — " + label(p.attribution) });
      })));
    }
    if ((inc.weapons || []).length) {
      body.appendChild(el("p", { text: "Weapons: " + inc.weapons.map(String).join(", ") }));
    }
    if ((inc.targets || []).length) {
      body.appendChild(el("p", { text: "Targets: " + inc.targets.map(function (t) {
        return label(t.kind) + (t.name ? " (" + t.name + ")" : "");
      }).join(", ") }));
    }

    var claims = inc.claims || [];
    var contest = claims.filter(function (c) { return c.kind !== "report"; });
    body.appendChild(el("h4", { text: "Claims and denials" }));
    if (contest.length) body.appendChild(el("ul", null, contest.map(function (c) { return claimLine(c, sourceNames); })));
    else body.appendChild(el("p", { className: "meta", text: "No claim of responsibility or denial recorded." }));
    var other = claims.filter(function (c) {
      return c.kind === "report" && !/^victims\./.test(c.field || "") && VICTIM_FIELDS.every(function (f) { return f[0] !== c.field; });
    });
    if (other.length) {
      body.appendChild(el("h4", { text: "Other reported facts" }));
      body.appendChild(el("ul", null, other.map(function (c) { return claimLine(c, sourceNames); })));
    }

    body.appendChild(el("h4", { text: "Sources (" + (inc.sources || []).length + ")" }));
    body.appendChild(el("ul", null, (inc.sources || []).map(function (s) {
      var li = el("li");
      var title = String(s.title || s.id);
      var href = s.url ? safeUrl(s.url) : null;
      if (href) {
        li.appendChild(el("a", { href: href, target: "_blank", rel: "noopener noreferrer nofollow", text: title }));
      } else {
        li.appendChild(el("span", { text: title }));
      }
      li.appendChild(el("div", { className: "meta", text: [s.source, s.published].filter(Boolean).map(String).join(" · ") }));
      var raw = el("a", { href: "/api/reports/" + encodeURIComponent(s.id), text: "stored report" });
      li.appendChild(raw);
      return li;
    })));
    body.appendChild(el("p", { className: "meta", text: "id " + inc.id }));
  }

  function openDetail(id) {
    document.body.setAttribute("data-detail", "loading");
    getJSON("/api/incidents/" + encodeURIComponent(id)).then(function (inc) {
      renderDetail(inc);
      $("detail").hidden = false;
      $("side").scrollTop = 0;
      document.body.setAttribute("data-detail", String(id));
    }).catch(function (e) {
      document.body.setAttribute("data-detail", "error");
      console.warn(e);
    });
  }
  $("detail-close").addEventListener("click", function () { $("detail").hidden = true; });

  // --- facilities and the date slider ----------------------------------------------------
  // The slider asks the server for the as-of answer, so the page and
  // `harmwatch facilities --on D` always agree on what "status on that day" means.
  function facilityIcon(color) {
    var box = el("div", { className: "facility-icon" });
    box.style.background = color;  // CSSOM, allowed by the CSP (unlike style attributes)
    box.style.width = "100%"; box.style.height = "100%";
    return L.divIcon({ html: box, className: "facility", iconSize: L.point(14, 14) });
  }

  function sliderDay() {
    return state.facilityDays.min + (+$("facility-day").value);
  }

  function renderAsOf(answer, day) {
    var list = $("facility-list");
    clear(list);
    facilityLayer.clearLayers();
    (answer.facilities || []).forEach(function (f) {
      var st = String(f.status || "unknown");
      var li = el("li", { "data-status": st, "data-id": String(f.id) }, [
        el("span", { className: "status-dot st-" + st.replace(/[^a-z_]/g, "") }),
        String(f.name || f.id), " — ", label(st),
        f.place && f.place.name ? el("span", { className: "meta", text: " · " + f.place.name }) : null
      ]);
      list.appendChild(li);
      var p = f.place || {};
      if (typeof p.lat === "number" && typeof p.lon === "number" && $("toggle-facilities").checked) {
        var m = L.marker([p.lat, p.lon], { icon: facilityIcon(STATUS_COLORS[st] || STATUS_COLORS.unknown), keyboard: false });
        m.bindTooltip(el("span", { text: String(f.name || "") + " — " + label(st) }));
        facilityLayer.addLayer(m);
      }
    });
    $("facility-counts").textContent = (answer.functioning || 0) + " functioning · " +
      (answer.not_functioning || 0) + " not functioning · " + (answer.unknown || 0) + " unknown";
    document.body.setAttribute("data-facility-day", isoOf(day));
  }

  var facilityTimer = null, facilityRequest = 0;
  function renderFacilities() {
    if (!state.facilityDays) return;
    var day = sliderDay();
    $("facility-day-label").textContent = isoOf(day);
    if (facilityTimer) clearTimeout(facilityTimer);
    facilityTimer = setTimeout(function () {
      var mine = ++facilityRequest;
      getJSON("/api/facilities?on=" + isoOf(day)).then(function (answer) {
        if (mine === facilityRequest) renderAsOf(answer, day);
      }).catch(function (e) { console.warn("facilities", e); });
    }, 120);
  }

  function loadFacilities() {
    return getJSON("/api/facilities").then(function (body) {
      state.facilities = body.facilities || [];
      var min = Infinity, max = -Infinity;
      state.facilities.forEach(function (f) {
        (f.status_history || []).forEach(function (e) {
          var d = dayOf(e.date);
          if (d !== null) { if (d < min) min = d; if (d > max) max = d; }
        });
      });
      var today = dayOf(new Date().toISOString());
      if (min === Infinity) { min = max = today; }
      state.facilityDays = { min: min, max: Math.max(max, min) };
      var slider = $("facility-day");
      slider.max = String(state.facilityDays.max - min);
      slider.value = String(state.facilityDays.max - min);
      renderFacilities();
    });
  }
  $("facility-day").addEventListener("input", renderFacilities);
  $("toggle-facilities").addEventListener("change", renderFacilities);

  // --- live feed ----------------------------------------------------------------
  function feedItem(point, inc) {
    var li = el("li", { className: "fresh", "data-id": String(inc.id) }, [
      el("time", { text: (inc.date && inc.date.start) || "" }),
      el("strong", { text: label(inc.event_type) }),
      inc.place && inc.place.name ? " — " + inc.place.name : "",
      inc.victims && inc.victims.killed ? " · killed " + fmtRange(inc.victims.killed) : ""
    ]);
    li.addEventListener("click", function () {
      if (point) map.setView([point[1], point[2]], Math.max(map.getZoom(), 11));
      openDetail(inc.id);
    });
    return li;
  }

  // A point from the live feed: [id, lat, lon, date, event_type, killed].
  function addPoint(p) {
    if (!state.byId) {
      state.byId = {};
      for (var j = 0; j < state.n; j++) state.byId[state.id[j]] = j;
    }
    var i = state.byId[p[0]];
    if (i === undefined) {
      i = state.n++;
      state.byId[p[0]] = i;
    } else if (state.markers[i]) {
      cluster.removeLayer(state.markers[i]);
    }
    var code = state.types.indexOf(p[4]);
    state.id[i] = p[0]; state.lat[i] = p[1]; state.lon[i] = p[2]; state.day[i] = dayOf(p[3]);
    state.type[i] = code >= 0 ? code : state.types.indexOf("unknown");
    state.killed[i] = p[5];
    state.markers[i] = makeMarker(i);
    if (matches(i)) cluster.addLayer(state.markers[i]);
  }

  function startFeed() {
    if (!window.EventSource) return;
    var src = new EventSource("/api/feed?since=" + state.seq);
    src.addEventListener("hello", function () {
      $("feed-status").textContent = "live";
      $("feed-status").className = "feed-status live";
    });
    src.addEventListener("incident", function (ev) {
      var msg;
      try { msg = JSON.parse(ev.data); } catch (e) { return; }
      state.seq = Math.max(state.seq, msg.seq || 0);
      if (msg.point) addPoint(msg.point);
      var feed = $("feed");
      feed.insertBefore(feedItem(msg.point, msg.incident || {}), feed.firstChild);
      while (feed.childNodes.length > 200) feed.removeChild(feed.lastChild);
      computeBins();
      $("count").textContent = (+document.body.getAttribute("data-shown") || 0) + " of " + state.n + " incidents";
      drawTimeline();
      document.body.setAttribute("data-feed-seq", String(state.seq));
    });
    src.onerror = function () {
      $("feed-status").textContent = "reconnecting…";
      $("feed-status").className = "feed-status";
    };
  }

  // --- boot ---------------------------------------------------------------------
  var t0 = performance.now();
  timings.script_start = t0;  // performance.now() counts from navigation start
  getJSON("/api/incidents/points").then(function (body) {
    timings.points_loaded = performance.now() - t0;
    state.n = body.count || 0;
    state.types = body.event_types || [];
    ["id", "lat", "lon", "day", "type", "killed"].forEach(function (k) { state[k] = body[k] || []; });
    state.seq = body.seq || 0;
    state.markers = new Array(state.n);
    computeBins();
    timings.bins = performance.now() - t0;
    applyNow(function () {
      // The first slice is on the map and the page takes input: ready.
      document.body.setAttribute("data-state", "ready");
      window.harmwatch.readyMs = timings.ready = performance.now() - t0;
    });
    startFeed();
  }).catch(function (e) {
    document.body.setAttribute("data-state", "error");
    $("count").textContent = "could not load incidents";
    console.error(e);
  });
  loadFacilities().catch(function (e) { console.warn("facilities", e); });

  // For tests and the curious: read-only handles.
  window.harmwatch = { map: map, cluster: cluster, state: state, openDetail: openDetail, timings: timings };
})();
