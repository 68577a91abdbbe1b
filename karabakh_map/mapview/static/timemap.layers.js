/* karabakh-map time map, layers: the shaded areas (districts, or their control zones) and
 * their tooltips, district labels kept apart, event markers (those at one place spread
 * around it) and their popups, and the legend (folds away in a small frame). */
"use strict";

(function () {
  const TM = window.KbmTimeMap.TimeMap.prototype;
  const { toIso, longDate, el, safeHref } = window.KbmTimeMap.util;
  const SPREAD_PX = 16;  // radius of the ring markers at one place are spread on

  // ---- areas ----
  TM.drawAreas = function (dist, zones) {
    const S = this.cfg.styles;
    const onDistrict = (f, lyr, shaded) => {
      const p = f.properties;
      const id = String(p.id);
      const alt = Array.isArray(p.alt_names) ? p.alt_names.join(", ") : "";
      this.districts[id] = { layer: lyr, name: p.name || id, alt: alt };
      if (shaded) this.areas[id] = { layer: lyr, key: null, district: id };
      lyr.bindTooltip(() => this.tip(id), { sticky: true });
      lyr.on("click", () => {
        this.select(id);
        this.render();
        this.report({ date: toIso(this.day), district: id });
      });
      lyr.on("add", () => { const e = lyr.getElement(); if (e) e.setAttribute("data-district", id); });
    };
    if (zones) {  // zones carry the colours; districts above them: outlines, tooltips, clicks
      const zl = L.geoJSON(zones, {
        style: S.district, interactive: false,
        onEachFeature: (f, lyr) => {
          const p = f.properties, id = String(p.zone_id || p.id);
          this.areas[id] = { layer: lyr, key: null, district: String(p.district_id), area: p.area_km2 };
          lyr.on("add", () => {
            const e = lyr.getElement();
            if (e) { e.setAttribute("data-zone", id); e.setAttribute("data-zone-of", p.district_id); }
          });
        },
      }).addTo(this.map);
      this.svg = this.map.getRenderer(zl.getLayers()[0])._container;
      L.geoJSON(dist, { style: S.district_outline, onEachFeature: (f, lyr) => onDistrict(f, lyr, false) })
        .addTo(this.map);
      return;
    }
    const layer = L.geoJSON(dist, { style: S.district, onEachFeature: (f, lyr) => onDistrict(f, lyr, true) })
      .addTo(this.map);
    this.svg = this.map.getRenderer(layer.getLayers()[0])._container;
  };

  // What a segment says, in words (Python's since_text, deadline, denial, range).
  TM.stateLines = function (st) {
    const out = [];
    if (!st) return ["No record"];
    const since = st.since_text ? " since " + st.since_text : "";
    out.push(this.label(st.controller) + since);
    if (st.uncertain) out.push(typeof st.uncertain === "string" ? "Uncertain: changing hands, dated only to " + st.uncertain
      : "Uncertain: a change of control dated only to a range is in progress");
    if (st.denied) out.push(st.denied_note || (typeof st.denied === "string" ? "Disputed: " + st.denied
      : "Disputed: a capture was claimed and denied"));
    if (st.scheduled) out.push("Handover scheduled, deadline " + longDate(window.KbmTimeMap.util.toDay(st.scheduled)));
    return out;
  };
  TM.tip = function (id) {
    const d = this.districts[id];
    const box = el("div", "kbm-tip");
    box.append(el("strong", null, d.name));
    if (d.alt) box.append(el("div", "kbm-alt", d.alt));
    box.append(el("div", "kbm-meta", "On " + longDate(this.day)));
    const shares = this.cfg.shares && this.cfg.shares[id];
    if (shares) {
      const row = this.stateAt("share:" + id, this.day);
      for (const s of (row && row.shares) || []) {
        box.append(el("div", null, this.label(s.controller) + ": " + s.km2.toLocaleString("en-GB") +
          " km\u00B2 (" + s.pct + " %)" + (s.since_text ? ", since " + s.since_text : "")));
        for (const line of s.notes || []) box.append(el("div", "kbm-due", line));
      }
      return box;
    }
    for (const line of this.stateLines(this.stateAt(id, this.day))) box.append(el("div", null, line));
    return box;
  };

  // ---- labels: larger districts first; a label that would overlap moves, else hides ----
  // The look that decides a label's box is set inline: timemap.css may arrive after the
  // first placement (streamlit-folium adds its links without waiting), and a box measured
  // in another font or without the centring would let labels overlap once it lands.
  const LABEL_BOX = "display:inline-block;transform:translate(-50%,-50%);font:600 11px/1.5 " +
    "'Helvetica Neue',Arial,Helvetica,sans-serif;white-space:nowrap";  // Leaflet's font
  const SPOTS = [[0, 0], [0, 1], [0, -1], [1, 0], [-1, 0], [0, 2], [0, -2]];
  TM.drawLabels = function () {
    const order = [...this.cfg.districts].sort((a, b) => (b.area_km2 || 0) - (a.area_km2 || 0));
    this.labelMarkers = order.map((d) => {
      const span = el("span", null, d.name);
      span.style.cssText = LABEL_BOX;
      return L.marker([d.lat, d.lon], {
        interactive: false, keyboard: false,
        icon: L.divIcon({ className: "kbm-label", html: span, iconSize: null }),
      });
    });
    this.labelLayer = L.layerGroup(this.labelMarkers);
    const again = () => this.placeLabels();
    this.labelLayer.on("add", () => setTimeout(again, 0));
    this.map.on("zoomend viewreset resize", again);
    // A font or stylesheet arriving late changes text widths: place them again then.
    if (document.fonts && document.fonts.ready) document.fonts.ready.then(again);
    document.addEventListener("load", (e) => { if (e.target && e.target.tagName === "LINK") again(); }, true);
  };
  TM.placeLabels = function () {
    if (!this.labelLayer || !this.map.hasLayer(this.labelLayer)) return;
    const placed = [];
    const hits = (r) => placed.some((p) => r.left < p.right && r.right > p.left && r.top < p.bottom && r.bottom > p.top);
    for (const m of this.labelMarkers) {
      const span = m.getElement() && m.getElement().firstChild;
      if (!span) continue;
      span.style.visibility = "";
      let done = false;
      // On its point, a line below or above, beside it (starting or ending at the point),
      // two lines off: the first place free of the labels already placed.
      for (const [dx, dy] of SPOTS) {
        span.style.marginTop = dy ? dy * (span.offsetHeight + 2) + "px" : "";
        span.style.marginLeft = dx ? dx * (span.offsetWidth / 2 + 3) + "px" : "";
        const r = span.getBoundingClientRect();
        if (!hits(r)) { placed.push(r); done = true; break; }
      }
      if (!done) { span.style.marginTop = span.style.marginLeft = ""; span.style.visibility = "hidden"; }
    }
    // Tests wait for the labels placed at the zoom shown.
    this.map.getContainer().dataset.kbmLabels = String(this.map.getZoom());
  };

  // ---- events ----
  TM.popup = function (ev) {
    const box = el("div", "kbm-popup");
    box.append(el("strong", "kbm-popup-title", ev.type || "event"));
    if (ev.disputed) box.append(el("span", "kbm-disputed", " (disputed)"));
    if (ev.unreviewed) box.append(el("span", "kbm-unreviewed", " (unreviewed)"));
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
  // Markers are kept between steps: a step only adds the events entering the window and
  // removes those leaving it (or whose look or spot changed), instead of redrawing all.
  TM.drawEvents = function () {
    if (!this.eventLayer) {
      this.eventLayer = L.layerGroup();  // the markers only (tests and exports walk it)
      this.legLayer = L.layerGroup();    // the lines from a spread marker to its place
      this.eventMarkers = new Map();     // key (event, look, spot) -> {marker, leg}
      this.map.on("zoomend", () => {  // spread spots are in pixels: place them anew
        this.eventLayer.clearLayers(); this.legLayer.clearLayers(); this.eventMarkers = new Map();
        this.eventsDrawn = null; this.drawEvents();
      });
    }
    const on = this.layersOn.has("events");
    this.toggle(this.eventLayer, on);
    this.toggle(this.legLayer, on);
    if (!on) return;
    const lo = this.day - this.windowDays;
    const sig = this.day + "|" + this.windowDays;
    if (sig === this.eventsDrawn) return;
    this.eventsDrawn = sig;
    const shown = this.events.filter((ev) => ev.lo <= this.day && ev.hi >= lo);
    const groups = new Map();  // markers at one place are spread on a small ring around it
    for (const ev of shown) {
      const k = ev.lat.toFixed(4) + "," + ev.lon.toFixed(4);
      if (!groups.has(k)) groups.set(k, []);
      groups.get(k).push(ev);
    }
    const S = this.cfg.styles.event;
    // Popups pan clear of the date panel, so their title is never under it.
    const top = (this.panel ? this.panel.offsetHeight : 0) + 20;
    const keep = new Map();
    for (const group of groups.values()) {
      const centre = this.map.latLngToLayerPoint([group[0].lat, group[0].lon]);
      group.forEach((ev, i) => {
        const today = ev.lo <= this.day && ev.hi >= this.day;
        const key = [ev.id, today, i, group.length].join("|");
        const old = this.eventMarkers.get(key);
        if (old) { keep.set(key, old); return; }
        let at = [ev.lat, ev.lon], leg = null;
        if (group.length > 1) {
          const a = (2 * Math.PI * i) / group.length - Math.PI / 2;
          const r = SPREAD_PX + 2 * group.length;
          at = this.map.layerPointToLatLng(centre.add([r * Math.cos(a), r * Math.sin(a)]));
          leg = L.polyline([[ev.lat, ev.lon], at], { color: S.color, weight: 1, interactive: false });
          this.legLayer.addLayer(leg);
        }
        // Unreviewed (extracted, not yet confirmed): hollow and grey.
        const U = ev.unreviewed ? (this.cfg.styles.unreviewed || { color: "#888888", weight: 2 }) : null;
        const m = L.circleMarker(at, Object.assign({}, S, {
          radius: today ? S.radius + 2 : S.radius, fillOpacity: U ? 0 : (today ? 1 : 0.6),
          color: U ? U.color : S.color,
          dashArray: ev.disputed ? "3 3" : null, weight: ev.disputed ? 3 : (U ? U.weight : S.weight) }));
        m.bindPopup(() => this.popup(ev), { maxWidth: 340, autoPanPaddingTopLeft: L.point(10, top),
          autoPanPaddingBottomRight: L.point(10, 10) });
        m.bindTooltip(() => el("span", null, [ev.type, ev.date].filter(Boolean).join(", ")));
        this.eventLayer.addLayer(m);
        keep.set(key, { marker: m, leg: leg });
      });
    }
    for (const [key, old] of this.eventMarkers) {
      if (keep.has(key)) continue;
      this.eventLayer.removeLayer(old.marker);
      if (old.leg) this.legLayer.removeLayer(old.leg);
    }
    this.eventMarkers = keep;
  };

  // ---- legend: every fill, pattern and line the map draws; folded in a small frame ----
  TM.legend = function () {
    const ctl = L.control({ position: "bottomleft" });  // the districts lie right of centre
    ctl.onAdd = () => {
      const box = el("details", "kbm-legend");
      box.open = !this.compact;
      box.append(el("summary", "kbm-legend-title", "Legend"));
      const row = (sw, text) => { const r = el("div", "kbm-legend-row"); r.append(sw, el("span", null, text)); box.append(r); };
      const swatch = (cls, style) => { const s = el("span", "kbm-swatch " + (cls || "")); Object.assign(s.style, style || {}); return s; };
      for (const k in this.cfg.controllers) row(swatch("", { background: this.colour(k) }), this.label(k));
      const L_ = this.cfg.legend || {};
      row(swatch("kbm-swatch-hatch"), "Handover scheduled (hatched)");
      if (L_.denied) row(swatch("kbm-swatch-denied"), "Disputed: capture claimed, denied");
      if (L_.uncertain) row(swatch("kbm-swatch-uncertain"), "Uncertain: change dated to a range");
      if (L_.changed) row(swatch("kbm-swatch-changed"), "Changed since the compare date");
      row(swatch("kbm-swatch-selected"), "Selected district");
      if (this.cfg.geometry.corridor) {
        row(swatch("kbm-swatch-line", { borderColor: this.cfg.styles.corridor.color }),
          "Lachin corridor, route of the day (approx.)");
      }
      if (this.cfg.geometry.peacekeepers) {
        row(swatch("kbm-swatch-dots", { borderColor: this.cfg.styles.peacekeepers.color }),
          "Peacekeeping area (approx. outline)");
      }
      row(swatch("kbm-swatch-event"), "Event (larger: on the day)");
      row(swatch("kbm-swatch-event kbm-swatch-disputed"), "Event disputed by sources");
      if (this.events.some((ev) => ev.unreviewed)) {
        row(swatch("kbm-swatch-event kbm-swatch-unreviewed"), "Event not yet reviewed (hollow, grey)");
      }
      if (this.cfg.stamp) box.append(el("div", "kbm-stamp", this.cfg.stamp));
      L.DomEvent.disableClickPropagation(box);
      L.DomEvent.disableScrollPropagation(box);
      box.addEventListener("toggle", () => this.fitDistricts());
      this.legendBox = box;
      return box;
    };
    return ctl;
  };
})();
