/* karabakh-map time map: restyles a folium/Leaflet map's districts by date, in the browser.
 *
 * KbmTimeMap.init(map, config) is called by the map's script (karabakh_map/mapview/build.py
 * documents the config). Geometries are fetched once from static files; a date step only
 * changes the style of layers already drawn. The chosen date goes back to Streamlit as the
 * component value {date, district}; dates set on the Streamlit side arrive through the page
 * URL (?date=...). Untrusted text (event notes, sources) only ever goes in as textContent.
 * Standalone mode (config.standalone, the HTML export opened from file://): the geometry is
 * inline in the config, and nothing touches window.Streamlit, window.parent or fetch().
 */
"use strict";

(function () {
  const DAY = 86400000;
  const toDay = (iso) => Math.floor(Date.parse(iso + "T00:00:00Z") / DAY);
  const toIso = (day) => new Date(day * DAY).toISOString().slice(0, 10);
  const longDate = (day) => new Date(day * DAY).toLocaleDateString("en-GB",
    { timeZone: "UTC", day: "numeric", month: "long", year: "numeric" });
  const validIso = (s) => typeof s === "string" && /^\d{4}-\d{2}-\d{2}$/.test(s) && !isNaN(toDay(s));

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

  // Streamlit: the frame is a component frame (streamlit-folium's); post the value ourselves
  // when its helper is not exposed.
  function sendValue(value) {
    if (window.parent === window) return;  // not in a frame: nobody to tell
    if (window.Streamlit && typeof window.Streamlit.setComponentValue === "function") {
      window.Streamlit.setComponentValue(value);
    } else {
      window.parent.postMessage({ isStreamlitMessage: true, type: "streamlit:setComponentValue",
        value: value, dataType: "json" }, "*");
    }
  }
  function parentQuery() {
    try { return new URLSearchParams(window.parent.location.search); } catch (_) { return null; }
  }

  function TimeMap(map, cfg) {
    this.map = map;
    this.cfg = cfg;
    this.startView = { center: map.getCenter(), zoom: map.getZoom() };
    const g = cfg.geometry;  // start the downloads first; everything else can wait
    this.geo = Promise.all([g.districts, g.backdrop, g.corridor, g.peacekeepers].map((u) => this.fetchGeo(u)));
    this.minDay = toDay(cfg.min_date);
    this.maxDay = toDay(cfg.max_date);
    this.keyDays = cfg.key_dates.map(toDay).sort((a, b) => a - b);
    // The slider may open on a narrower window (e.g. 2020); a button widens it to the span.
    this.zoom = cfg.slider_window ? cfg.slider_window.map(toDay) : null;
    this.lo = this.minDay;
    this.hi = this.maxDay;
    if (this.zoom) { this.lo = this.zoom[0]; this.hi = this.zoom[1]; }
    this.timeline = {};
    for (const id in cfg.timeline) {
      this.timeline[id] = cfg.timeline[id].map((s) => ({ day: toDay(s.from), controller: s.controller,
        deadline: s.scheduled ? toDay(s.scheduled) : null })).sort((a, b) => a.day - b.day);
    }
    this.events = cfg.events.map((e) => Object.assign({ lo: toDay(e.earliest), hi: toDay(e.latest) }, e));
    this.layersOn = new Set(cfg.layers);
    this.windowDays = cfg.window_days;
    this.selected = cfg.selected || null;
    this.districts = {};   // id -> {layer, name, key}
    this.overlays = {};    // layer name -> [{layer, from, to}]
    this.day = null;
    this.reported = new Set();
    this.lastUrl = null;
    this.built = false;
    this.buildControls();
    const q = cfg.follow_url ? parentQuery()
      : cfg.standalone ? new URLSearchParams(window.location.search) : null;
    this.applyQuery(q, true);
    if (this.day === null) this.setDay(toDay(cfg.date), false);
    this.load().catch((err) => this.showError(err));
    if (cfg.follow_url) setInterval(() => this.applyQuery(parentQuery(), false), 150);
  }

  // Each report carries a new sequence number: Streamlit calls the component's on_change only
  // when the value differs, and stepping back to the date reported last must still count.
  TimeMap.prototype.report = function (value) {
    this.seq = (this.seq || 0) + 1;
    if (!this.cfg.standalone) sendValue(Object.assign({ seq: this.seq }, value));
  };

  TimeMap.prototype.showError = function (err) {
    this.errorBox.hidden = false;
    this.errorBox.textContent = "Map error: " + (err && err.message ? err.message : String(err));
  };

  // ---- the URL: the Streamlit side's way to set the date, layers, window, district ----
  TimeMap.prototype.applyQuery = function (q, first) {
    if (!q) return;
    const s = q.toString();
    if (s === this.lastUrl) return;
    this.lastUrl = s;
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
    if (sel !== this.selected && (sel === null || this.timeline[sel] || this.districts[sel])) {
      this.selected = sel; changed = true;
      for (const id in this.districts) this.districts[id].key = null;
    }
    if (changed && this.built) this.render();
  };

  // ---- control state on a day ----
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
  TimeMap.prototype.pending = function (st) {
    return st && st.deadline !== null && st.deadline >= this.day ? st.deadline : null;
  };

  // Scheduled handover: white stripes over the current controller's colour.
  TimeMap.prototype.hatch = function (ctrl) {
    const id = "kbm-hatch-" + Object.keys(this.cfg.controllers).indexOf(ctrl);
    if (!this.svg.querySelector("#" + id)) {
      const ns = "http://www.w3.org/2000/svg";
      let defs = this.svg.querySelector("defs");
      if (!defs) { defs = document.createElementNS(ns, "defs"); this.svg.prepend(defs); }
      const p = document.createElementNS(ns, "pattern");
      for (const [k, v] of [["id", id], ["patternUnits", "userSpaceOnUse"], ["width", "9"],
        ["height", "9"], ["patternTransform", "rotate(45)"]]) p.setAttribute(k, v);
      const bg = document.createElementNS(ns, "rect");
      bg.setAttribute("width", "9"); bg.setAttribute("height", "9"); bg.setAttribute("fill", this.colour(ctrl));
      const st = document.createElementNS(ns, "rect");
      st.setAttribute("width", "3"); st.setAttribute("height", "9"); st.setAttribute("fill", this.cfg.styles.hatch_stripe);
      p.append(bg, st);
      defs.appendChild(p);
    }
    return "url(#" + id + ")";
  };

  TimeMap.prototype.styleFor = function (id) {
    const st = this.stateAt(id, this.day);
    const ctrl = st ? st.controller : this.cfg.unknown;
    const due = this.pending(st);
    const sel = id === this.selected;
    const key = ctrl + "|" + (due !== null) + "|" + sel;
    const S = this.cfg.styles;
    const style = Object.assign({}, due !== null ? S.scheduled : S.district,
      { fillColor: due !== null ? this.hatch(ctrl) : this.colour(ctrl) }, sel ? S.selected : {});
    return { key: key, style: style };
  };

  TimeMap.prototype.render = function () {
    for (const id in this.districts) {
      const d = this.districts[id];
      const s = this.styleFor(id);
      if (s.key !== d.key) { d.layer.setStyle(s.style); d.key = s.key; }
    }
    for (const name in this.overlays) {
      for (const o of this.overlays[name]) {
        const on = this.layersOn.has(name) && (o.from === null || this.day >= o.from) && (o.to === null || this.day <= o.to);
        if (on !== this.map.hasLayer(o.layer)) on ? o.layer.addTo(this.map) : this.map.removeLayer(o.layer);
      }
    }
    this.toggle(this.labelLayer, this.layersOn.has("labels"));
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
    this.slider.value = String(day - this.lo);
    this.slider.setAttribute("aria-valuetext", longDate(day));
    this.dateOut.textContent = longDate(day);
    if (this.built) this.render();
    if (report) {
      const iso = toIso(day);
      this.reported.add(iso);
      this.report({ date: iso, district: this.selected });
    }
  };
  TimeMap.prototype.setRange = function (lo, hi) {
    this.lo = lo; this.hi = hi;
    this.slider.max = String(hi - lo);
    this.ticks.replaceChildren(...this.keyDays.filter((k) => k >= lo && k <= hi).map((k) =>
      Object.assign(document.createElement("option"), { value: String(k - lo) })));
    if (this.day !== null) this.slider.value = String(this.day - lo);
    if (this.rangeBtn) {
      const wide = lo === this.minDay && hi === this.maxDay;
      this.rangeBtn.textContent = wide ? "Zoom slider to " + this.cfg.slider_window_label : "Whole span";
      this.rangeBtn.setAttribute("aria-pressed", wide ? "true" : "false");
    }
  };
  TimeMap.prototype.toggleRange = function () {
    const wide = this.lo === this.minDay && this.hi === this.maxDay;
    if (wide && this.day >= this.zoom[0] && this.day <= this.zoom[1]) this.setRange(this.zoom[0], this.zoom[1]);
    else if (wide) { this.setRange(this.zoom[0], this.zoom[1]); this.setDay(this.zoom[0], true); }
    else this.setRange(this.minDay, this.maxDay);
  };
  TimeMap.prototype.stepKey = function (dir) {
    const ks = this.keyDays;
    const t = dir > 0 ? ks.find((k) => k > this.day) : [...ks].reverse().find((k) => k < this.day);
    if (t !== undefined) this.setDay(t, true);
    return t !== undefined;
  };
  TimeMap.prototype.togglePlay = function () {
    if (this.playing) {
      clearInterval(this.playing); this.playing = null;
    } else {
      if (!this.keyDays.some((k) => k > this.day) && this.keyDays.length) this.setDay(this.keyDays[0], true);
      this.playing = setInterval(() => { if (!this.stepKey(1)) this.togglePlay(); }, 1500);
    }
    this.playBtn.setAttribute("aria-pressed", this.playing ? "true" : "false");
    this.playBtn.textContent = this.playing ? "\u23F8 Pause" : "\u25B6 Play";
  };

  TimeMap.prototype.buildControls = function () {
    const self = this;
    const panel = el("div", "kbm-panel");
    panel.setAttribute("role", "group");
    panel.setAttribute("aria-label", "Date controls");
    const row = el("div", "kbm-row");
    const btn = (text, title, fn) => {
      const b = el("button", "kbm-btn", text);
      b.type = "button"; b.title = title; b.addEventListener("click", fn); return b;
    };
    this.prevBtn = btn("\u25C0 Key date", "Previous key date (P)", () => self.stepKey(-1));
    this.playBtn = btn("\u25B6 Play", "Play through the key dates", () => self.togglePlay());
    this.playBtn.setAttribute("aria-pressed", "false");
    this.nextBtn = btn("Key date \u25B6", "Next key date (N)", () => self.stepKey(1));
    this.dateOut = el("output", "kbm-date");
    this.dateOut.setAttribute("aria-live", "polite");
    row.append(this.prevBtn, this.playBtn, this.nextBtn);
    if (this.zoom) {
      this.rangeBtn = btn("", "Switch the slider between the opening window and the whole span", () => self.toggleRange());
      row.append(this.rangeBtn);
    }
    row.append(this.dateOut);
    const ticks = el("datalist");
    ticks.id = "kbm-ticks";
    this.ticks = ticks;
    this.slider = Object.assign(document.createElement("input"), { type: "range", min: "0",
      step: "1", className: "kbm-slider" });
    this.slider.setAttribute("aria-label", "Date");
    this.slider.setAttribute("list", "kbm-ticks");
    this.slider.addEventListener("input", () => self.setDay(self.lo + Number(self.slider.value), true));
    this.setRange(this.lo, this.hi);
    this.errorBox = el("p", "kbm-error");
    this.errorBox.setAttribute("role", "alert");
    this.errorBox.hidden = true;
    panel.append(row, this.slider, ticks, this.errorBox);
    panel.addEventListener("keydown", (e) => {
      e.stopPropagation();  // keep Leaflet's keyboard panning out of the controls
      if (e.key === "n" || e.key === "N") { self.stepKey(1); e.preventDefault(); }
      if (e.key === "p" || e.key === "P") { self.stepKey(-1); e.preventDefault(); }
    });
    this.panel = panel;
    const ctl = L.control({ position: "topright" });
    ctl.onAdd = () => { L.DomEvent.disableClickPropagation(panel); L.DomEvent.disableScrollPropagation(panel); return panel; };
    ctl.addTo(this.map);
  };

  // ---- events ----
  TimeMap.prototype.popup = function (ev) {
    const box = el("div", "kbm-popup");
    box.append(el("strong", null, ev.type || "event"));
    if (ev.disputed) box.append(el("span", "kbm-disputed", " (disputed)"));
    box.append(el("div", "kbm-meta", [ev.date, ev.precision, ev.place].filter(Boolean).join(" \u00B7 ")));
    if (ev.dispute_note) box.append(el("div", "kbm-disputed-note", ev.dispute_note));
    if (ev.note) box.append(el("p", null, ev.note));
    if (ev.sources.length) {
      const ul = el("ul", "kbm-sources");
      for (const s of ev.sources) {
        const li = el("li");
        const head = [s.publisher, s.published].filter(Boolean).join(", ");
        if (head) li.append(el("span", null, head + (s.title || s.url ? ": " : "")));
        const href = s.url ? safeHref(s.url) : null;
        if (href) {
          const a = el("a", null, s.title || href);
          a.href = href; a.target = "_blank"; a.rel = "noopener noreferrer";
          li.append(a);
        } else if (s.title) {
          li.append(el("cite", null, s.title));
        }
        if (s.quote) li.append(el("blockquote", null, s.quote));
        ul.append(li);
      }
      box.append(ul);
    }
    return box;
  };
  TimeMap.prototype.drawEvents = function () {
    if (!this.eventLayer) this.eventLayer = L.layerGroup();
    const on = this.layersOn.has("events");
    this.toggle(this.eventLayer, on);
    if (!on) return;
    const lo = this.day - this.windowDays;
    const sig = this.day + "|" + this.windowDays;
    if (sig === this.eventsDrawn) return;
    this.eventsDrawn = sig;
    this.eventLayer.clearLayers();
    const S = this.cfg.styles.event;
    for (const ev of this.events) {
      if (ev.lo > this.day || ev.hi < lo) continue;
      const today = ev.lo <= this.day && ev.hi >= this.day;
      const m = L.circleMarker([ev.lat, ev.lon], Object.assign({}, S, {
        radius: today ? S.radius + 2 : S.radius, fillOpacity: today ? 1 : 0.6,
        dashArray: ev.disputed ? "3 3" : null, weight: ev.disputed ? 3 : S.weight }));
      m.bindPopup(() => this.popup(ev), { maxWidth: 340 });
      m.bindTooltip(() => el("span", null, [ev.type, ev.date].filter(Boolean).join(", ")));
      this.eventLayer.addLayer(m);
    }
  };

  // ---- building the layers (once) ----
  TimeMap.prototype.fetchGeo = function (url) {
    if (!url) return Promise.resolve(null);
    if (typeof url === "object") return Promise.resolve(url);  // standalone: inline GeoJSON
    return fetch(url).then((r) => {
      if (!r.ok) throw new Error("could not load " + url + " (HTTP " + r.status + ")");
      return r.json();
    });
  };
  TimeMap.prototype.tip = function (id) {
    const d = this.districts[id];
    const st = this.stateAt(id, this.day);
    const box = el("div", "kbm-tip");
    box.append(el("strong", null, d.name));
    if (d.alt) box.append(el("div", "kbm-alt", d.alt));
    box.append(el("div", null, "Held by: " + (st ? this.label(st.controller) : "unknown") + " on " + longDate(this.day)));
    const due = this.pending(st);
    if (due !== null) box.append(el("div", "kbm-due", "Handover scheduled, deadline " + longDate(due)));
    return box;
  };
  TimeMap.prototype.legend = function () {
    const ctl = L.control({ position: "bottomright" });
    ctl.onAdd = () => {
      const box = el("div", "kbm-legend");
      box.append(el("div", "kbm-legend-title", "Control"));
      const row = (sw, text) => { const r = el("div", "kbm-legend-row"); r.append(sw, el("span", null, text)); box.append(r); };
      for (const k in this.cfg.controllers) {
        const sw = el("span", "kbm-swatch"); sw.style.background = this.colour(k); row(sw, this.label(k));
      }
      row(el("span", "kbm-swatch kbm-swatch-hatch"), "Handover scheduled");
      if (this.cfg.geometry.corridor) {
        const sw = el("span", "kbm-swatch kbm-swatch-line"); sw.style.borderColor = this.cfg.styles.corridor.color;
        row(sw, "Lachin corridor (approximate)");
      }
      row(el("span", "kbm-swatch kbm-swatch-event"), "Event (dashed: disputed)");
      if (this.cfg.stamp) box.append(el("div", "kbm-stamp", this.cfg.stamp));
      L.DomEvent.disableClickPropagation(box);
      return box;
    };
    return ctl;
  };

  // Fit the map to the districts, now and whenever the container changes size (a frame
  // that is sized after the map starts would otherwise leave it zoomed far out), until the
  // user moves the map or someone else (e.g. st_folium's center/zoom) sets the view.
  TimeMap.prototype.fitDistricts = function () {
    const map = this.map;
    if (!this.bounds || !this.bounds.isValid()) return;
    if (this.fitted === undefined) {
      this.fitted = this.startView;  // folium's opening view; anything else was set by someone
      const stop = () => { this.userMoved = true; };
      for (const ev of ["mousedown", "touchstart", "wheel", "keydown"]) {
        map.getContainer().addEventListener(ev, stop, { passive: true, once: true });
      }
      map.on("resize", () => this.fitDistricts());
    }
    if (this.userMoved) return;
    if (!this.sameView(this.fitted)) return;  // moved by someone else
    const size = map.getSize();
    if (!size.x || !size.y) return;  // not laid out yet: the resize event brings us back
    // Keep the districts clear of the date panel at the top.
    const top = this.panel ? Math.min(this.panel.offsetHeight + 16, size.y / 3) : 10;
    map.fitBounds(this.bounds, { paddingTopLeft: [10, top], paddingBottomRight: [10, 10], animate: false });
    this.fitted = { center: map.getCenter(), zoom: map.getZoom() };
  };
  TimeMap.prototype.sameView = function (v) {
    const map = this.map;
    if (!v || v.zoom !== map.getZoom()) return false;
    const a = map.latLngToContainerPoint(v.center), b = map.latLngToContainerPoint(map.getCenter());
    return a.distanceTo(b) < 8;  // resizes keep the centre, give or take rounding
  };

  TimeMap.prototype.load = async function () {
    const cfg = this.cfg, map = this.map, S = cfg.styles;
    const [dist, back, corr, pk] = await this.geo;
    map.attributionControl.setPrefix(false);
    for (const t of cfg.attribution) map.attributionControl.addAttribution(escapeHtml(t));
    this.bounds = L.geoJSON(dist).getBounds();
    this.fitDistricts();
    if (back) {
      map.createPane("kbm-backdrop").style.zIndex = 350;
      L.geoJSON(back, { pane: "kbm-backdrop", interactive: false, style: S.backdrop }).addTo(map);
    }
    const layer = L.geoJSON(dist, {
      style: S.district,
      onEachFeature: (f, lyr) => {
        const p = f.properties;
        const id = String(p.id);
        const alt = Array.isArray(p.alt_names) ? p.alt_names.join(", ") : "";
        this.districts[id] = { layer: lyr, name: p.name || id, alt: alt, key: null };
        lyr.bindTooltip(() => this.tip(id), { sticky: true });
        lyr.on("click", () => {
          this.selected = id;
          for (const k in this.districts) this.districts[k].key = null;
          this.render();
          this.report({ date: toIso(this.day), district: id });
        });
        lyr.on("add", () => { const e = lyr.getElement(); if (e) e.setAttribute("data-district", id); });
      },
    }).addTo(map);
    this.svg = map.getRenderer(layer.getLayers()[0])._container;
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
    this.labelLayer = L.layerGroup(cfg.districts.map((d) => L.marker([d.lat, d.lon], {
      interactive: false, keyboard: false,
      icon: L.divIcon({ className: "kbm-label", html: el("span", null, d.name), iconSize: null }),
    })));
    if (cfg.tiles && cfg.tiles.url) {
      this.tileLayer = L.tileLayer(cfg.tiles.url, { attribution: escapeHtml(cfg.tiles.attribution || ""), maxZoom: 18 });
    }
    this.legend().addTo(map);
    this.built = true;
    this.render();
    map.getContainer().dataset.kbmReady = "1";
  };

  window.KbmTimeMap = {
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
