/* karabakh-map time map, core: restyles a folium/Leaflet map's areas by date, in the browser.
 *
 * KbmTimeMap.init(map, config) is called by the map's script (karabakh_map/mapview/build.py
 * documents the config). Geometries are fetched once; a date step only changes the style of
 * layers already drawn. Who held an area on a day is NOT computed here: the config carries
 * Python's segments (karabakh_map.timeline) and stateAt only looks up the one in force.
 * The chosen date goes back to Streamlit as the component value {date, district}; dates set
 * on the Streamlit side arrive through the page URL (?date=...). Untrusted text only ever
 * goes in as textContent. Standalone mode (config.standalone, the HTML export opened from
 * file://): the geometry is inline, nothing touches window.Streamlit, window.parent or fetch().
 * timemap.controls.js (date panel, keys, wheel) and timemap.layers.js (events, labels,
 * legend, tooltips) add to TimeMap.prototype; the three ship as one timemap.js.
 */
"use strict";

(function () {
  const DAY = 86400000;
  const toDay = (iso) => Math.floor(Date.parse(iso + "T00:00:00Z") / DAY);
  const toIso = (day) => new Date(day * DAY).toISOString().slice(0, 10);
  const fmt = (day, month) => new Date(day * DAY).toLocaleDateString("en-GB",
    { timeZone: "UTC", day: "numeric", month: month, year: "numeric" });
  const longDate = (day) => fmt(day, "long");
  const shortDate = (day) => fmt(day, "short");
  const validIso = (s) => typeof s === "string" && /^\d{4}-\d{2}-\d{2}$/.test(s) && !isNaN(toDay(s));
  const URL_POLL_MS = 40;  // a string comparison per tick; keeps URL-driven steps fast

  const mark = (name) => { if (window.performance && performance.mark) performance.mark(name); };
  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function escapeHtml(s) {
    return String(s).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
  }
  function safeHref(u) {
    try {
      const p = new URL(String(u));
      return (p.protocol === "http:" || p.protocol === "https:") ? p.href : null;
    } catch (_) { return null; }
  }
  // The component frame is streamlit-folium's; post the value ourselves when its helper is
  // not exposed.
  function sendValue(value) {
    if (window.parent === window) return;  // not in a frame: nobody to tell
    if (window.Streamlit && typeof window.Streamlit.setComponentValue === "function") {
      window.Streamlit.setComponentValue(value);
    } else {
      window.parent.postMessage({ isStreamlitMessage: true, type: "streamlit:setComponentValue",
        value: value, dataType: "json" }, "*");
    }
  }
  function parentSearch() {
    try { return window.parent.location.search; } catch (_) { return null; }
  }

  function TimeMap(map, cfg) {
    mark("kbm-init");  // benches read these marks (bench_step_latency's first-paint split)
    this.map = map;
    this.cfg = cfg;
    this.startView = { center: map.getCenter(), zoom: map.getZoom() };
    const g = cfg.geometry;  // start the downloads first; everything else can wait
    this.geo = Promise.all([g.districts, g.backdrop, g.corridor, g.peacekeepers, g.zones]
      .map((u) => this.fetchGeo(u)));
    this.minDay = toDay(cfg.min_date);
    this.maxDay = toDay(cfg.max_date);
    this.keyDays = cfg.key_dates.map(toDay).sort((a, b) => a - b);
    // The slider may open on a narrower window (e.g. 2020); a button widens it to the span.
    this.zoom = cfg.slider_window ? cfg.slider_window.map(toDay) : null;
    this.lo = this.zoom ? this.zoom[0] : this.minDay;
    this.hi = this.zoom ? this.zoom[1] : this.maxDay;
    this.timeline = {};
    for (const id in cfg.timeline) {
      this.timeline[id] = cfg.timeline[id].map((s) => Object.assign({}, s, { day: toDay(s.from) }))
        .sort((a, b) => a.day - b.day);
    }
    this.events = cfg.events.map((e) => Object.assign({ lo: toDay(e.earliest), hi: toDay(e.latest) }, e));
    this.layersOn = new Set(cfg.layers);
    this.windowDays = cfg.window_days;
    this.selected = cfg.selected || null;
    this.areas = {};       // shaded area id (district or zone) -> {layer, key, district}
    this.districts = {};   // district id -> {layer, name, alt}
    this.overlays = {};    // layer name -> [{layer, from, to}]
    this.day = null;
    this.reported = new Set();
    this.lastUrl = null;
    this.built = false;
    this.buildControls();
    const q = cfg.follow_url ? parentSearch()
      : cfg.standalone ? window.location.search : null;
    this.applyQuery(q, true);
    if (this.day === null) this.setDay(toDay(cfg.date), false);
    this.load().catch((err) => this.showError(err));
    if (cfg.follow_url) {
      this.installPageKeys();
      setInterval(() => this.applyQuery(parentSearch(), false), URL_POLL_MS);
    }
  }

  // Each report carries a new sequence number: Streamlit calls the component's on_change only
  // when the value differs, and stepping back to the date reported last must still count.
  // `ready` says the map has painted: the page may then draw what it held back.
  TimeMap.prototype.report = function (value) {
    this.seq = (this.seq || 0) + 1;
    if (!this.cfg.standalone) sendValue(Object.assign({ seq: this.seq, ready: this.built }, value));
  };

  TimeMap.prototype.showError = function (err) {
    this.errorBox.hidden = false;
    this.errorBox.textContent = "Map error: " + (err && err.message ? err.message : String(err));
  };

  // ---- the URL: the Streamlit side's way to set the date, layers, window, district ----
  TimeMap.prototype.applyQuery = function (search, first) {
    if (search === null || search === undefined || search === this.lastUrl) return;
    this.lastUrl = search;
    const q = new URLSearchParams(search);
    const d = q.get("date");
    // A date we reported ourselves comes back in the URL after the rerun; by then the user
    // may have stepped on, so only dates we did not send move the map.
    if (validIso(d) && !this.reported.has(d)) this.setDay(toDay(d), false);
    if (validIso(d) && this.day !== null && d === toIso(this.day)) this.reported.clear();
    let changed = false;
    if (q.has("layers")) {
      const want = new Set(q.get("layers").split(",").filter(Boolean));
      if ([...want].sort().join() !== [...this.layersOn].sort().join()) { this.layersOn = want; changed = true; }
    } else if (!first && [...this.layersOn].sort().join() !== [...this.cfg.layers].sort().join()) {
      this.layersOn = new Set(this.cfg.layers); changed = true;
    }
    const w = q.has("window") ? Number(q.get("window")) : this.cfg.window_days;
    if (Number.isInteger(w) && w >= 0 && w !== this.windowDays) { this.windowDays = w; changed = true; }
    const sel = q.get("district") || null;
    if (sel !== this.selected && (sel === null || this.districts[sel] || this.timeline[sel])) {
      this.select(sel); changed = true;
    }
    const cmp = q.get("compare");
    const cmpDay = validIso(cmp) ? toDay(cmp) : null;
    if (cmpDay !== this.compareDay) { this.compareDay = cmpDay; changed = true; this.forget(); }
    if (changed && this.built) this.render();
  };

  // ---- control state on a day: a lookup in Python's segments, nothing derived ----
  TimeMap.prototype.stateAt = function (id, day) {
    const segs = this.timeline[id];
    if (!segs) return null;
    let lo = 0, hi = segs.length - 1, found = null;
    while (lo <= hi) {                  // the last segment starting on or before `day`
      const mid = (lo + hi) >> 1;
      if (segs[mid].day <= day) { found = segs[mid]; lo = mid + 1; } else { hi = mid - 1; }
    }
    return found;
  };
  TimeMap.prototype.colour = function (ctrl) {
    const c = this.cfg.controllers[ctrl] || this.cfg.controllers[this.cfg.unknown];
    return c.color;
  };
  TimeMap.prototype.label = function (ctrl) {
    const c = this.cfg.controllers[ctrl];
    return c ? c.label : "Unknown";
  };

  // A fill pattern over a controller's colour: "hatch" (a handover is scheduled),
  // "denied" (a capture claimed and denied) or "uncertain" (a change dated to a range).
  TimeMap.prototype.pattern = function (kind, ctrl) {
    const id = "kbm-" + kind + "-" + Object.keys(this.cfg.controllers).indexOf(ctrl);
    if (!this.svg.querySelector("#" + id)) {
      const ns = "http://www.w3.org/2000/svg";
      let defs = this.svg.querySelector("defs");
      if (!defs) { defs = document.createElementNS(ns, "defs"); this.svg.prepend(defs); }
      const p = document.createElementNS(ns, "pattern");
      const size = kind === "uncertain" ? 8 : 9;
      for (const [k, v] of [["id", id], ["patternUnits", "userSpaceOnUse"], ["width", size],
        ["height", size], ["patternTransform", kind === "denied" ? "rotate(-45)" : "rotate(45)"]]) p.setAttribute(k, v);
      const bg = document.createElementNS(ns, "rect");
      bg.setAttribute("width", size); bg.setAttribute("height", size); bg.setAttribute("fill", this.colour(ctrl));
      const mark = document.createElementNS(ns, kind === "uncertain" ? "circle" : "rect");
      if (kind === "uncertain") {
        mark.setAttribute("cx", "4"); mark.setAttribute("cy", "4"); mark.setAttribute("r", "1.6");
      } else {
        mark.setAttribute("width", kind === "denied" ? "2" : "3"); mark.setAttribute("height", size);
      }
      mark.setAttribute("fill", this.cfg.styles.pattern_marks[kind]);
      p.append(bg, mark);
      defs.appendChild(p);
    }
    return "url(#" + id + ")";
  };

  // The look of a segment: which style and which fill (Python decided what holds).
  TimeMap.prototype.looks = function (st) {
    if (!st) return "plain";
    if (st.uncertain) return "uncertain";
    if (st.denied) return "denied";
    if (st.scheduled) return "hatch";
    return "plain";
  };
  TimeMap.prototype.styleFor = function (id) {
    const st = this.stateAt(id, this.day);
    const ctrl = st ? st.controller : this.cfg.unknown;
    const look = this.looks(st);
    const area = this.areas[id];
    const sel = area && area.district === this.selected;
    const changed = this.compareDay !== null && this.compareDay !== undefined &&
      this.changedSince(id);
    const S = this.cfg.styles;
    const base = { plain: S.district, hatch: S.scheduled, denied: S.denied, uncertain: S.uncertain }[look];
    const style = Object.assign({}, base,
      { fillColor: look === "plain" ? this.colour(ctrl) : this.pattern(look, ctrl) },
      changed ? S.changed : {}, sel ? S.selected : {});
    return { key: [ctrl, look, sel, changed].join("|"), style: style };
  };
  TimeMap.prototype.changedSince = function (id) {
    const a = this.stateAt(id, this.compareDay), b = this.stateAt(id, this.day);
    return (a ? a.controller : this.cfg.unknown) !== (b ? b.controller : this.cfg.unknown);
  };
  TimeMap.prototype.forget = function () {
    for (const id in this.areas) this.areas[id].key = null;
  };
  TimeMap.prototype.select = function (id) {
    this.selected = id;
    this.forget();
  };

  TimeMap.prototype.render = function () {
    for (const id in this.areas) {
      const a = this.areas[id];
      const s = this.styleFor(id);
      if (s.key !== a.key) { a.layer.setStyle(s.style); a.key = s.key; }
    }
    for (const name in this.overlays) {
      for (const o of this.overlays[name]) {
        // valid_to is the first day a version no longer holds (geodata.corridor.corridor_on)
        const on = this.layersOn.has(name) && (o.from === null || this.day >= o.from) && (o.to === null || this.day < o.to);
        this.toggle(o.layer, on);
      }
    }
    if (this.labelLayer) this.toggle(this.labelLayer, this.layersOn.has("labels"));
    if (this.tileLayer) this.toggle(this.tileLayer, this.layersOn.has("tiles"));
    this.drawEvents();
    this.map.getContainer().dataset.kbmDate = toIso(this.day);
  };
  TimeMap.prototype.toggle = function (layer, on) {
    if (on !== this.map.hasLayer(layer)) on ? layer.addTo(this.map) : this.map.removeLayer(layer);
  };

  // ---- the date ----
  TimeMap.prototype.setDay = function (day, report) {
    day = Math.max(this.minDay, Math.min(this.maxDay, day));
    if (day === this.day) return;
    this.day = day;
    if (day < this.lo || day > this.hi) this.setRange(this.minDay, this.maxDay);
    this.showDay();
    if (this.built) this.render();
    if (report) {
      const iso = toIso(day);
      this.reported.add(iso);
      this.report({ date: iso, district: this.selected });
    }
  };

  TimeMap.prototype.fetchGeo = function (url) {
    if (!url) return Promise.resolve(null);
    if (typeof url === "object") return Promise.resolve(url);  // standalone: inline GeoJSON
    return fetch(url).then((r) => {
      if (!r.ok) throw new Error("could not load " + url + " (HTTP " + r.status + ")");
      return r.json();
    });
  };

  // The shaded areas are drawn and painted first; the backdrop, the overlays and the labels
  // follow a frame later (they are context: the first paint does not wait for them).
  TimeMap.prototype.load = async function () {
    const cfg = this.cfg, map = this.map;
    const [dist, back, corr, pk, zones] = await this.geo;
    map.attributionControl.setPrefix(false);
    for (const t of cfg.attribution) map.attributionControl.addAttribution(escapeHtml(t));
    this.bounds = L.geoJSON(dist).getBounds();
    this.legend().addTo(map);
    this.fitDistricts();
    this.drawAreas(dist, zones);
    this.built = true;
    this.render();
    mark("kbm-drawn");
    await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
    this.drawContext(back, corr, pk);
    this.render();
    map.getContainer().dataset.kbmReady = "1";
    if (cfg.follow_url) this.report({ date: toIso(this.day), district: this.selected });
  };
  TimeMap.prototype.drawContext = function (back, corr, pk) {
    const cfg = this.cfg, map = this.map, S = cfg.styles;
    if (back) {
      map.createPane("kbm-backdrop").style.zIndex = 350;
      L.geoJSON(back, { pane: "kbm-backdrop", interactive: false, style: S.backdrop }).addTo(map);
    }
    const overlay = (name, gj, style) => {
      if (!gj) return;
      this.overlays[name] = gj.features.map((f) => ({
        layer: L.geoJSON(f, { interactive: false, style: style }),
        from: f.properties && f.properties.valid_from ? toDay(f.properties.valid_from) : null,
        to: f.properties && f.properties.valid_to ? toDay(f.properties.valid_to) : null,
      }));
    };
    overlay("corridor", corr, S.corridor);
    overlay("peacekeepers", pk, S.peacekeepers);
    this.drawLabels();
    if (cfg.tiles && cfg.tiles.url) {
      this.tileLayer = L.tileLayer(cfg.tiles.url, { attribution: escapeHtml(cfg.tiles.attribution || ""), maxZoom: 18 });
    }
  };

  window.KbmTimeMap = {
    TimeMap: TimeMap,
    util: { DAY, toDay, toIso, longDate, shortDate, validIso, el, escapeHtml, safeHref },
    init: function (map, cfg) {
      try {
        window.kbmTimeMap = new TimeMap(map, cfg);
      } catch (err) {
        console.error("karabakh-map time map:", err);
        throw err;
      }
      return window.kbmTimeMap;
    },
  };
})();
