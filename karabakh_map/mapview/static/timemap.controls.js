/* karabakh-map time map, controls: the date panel (slider, key dates, play, whole record),
 * N/P keys anywhere on the page, one zoom level per mouse-wheel notch, the map's fit.
 * Icons are inline SVG (no font needs to carry the symbols, so they render offline). */
"use strict";

(function () {
  const TM = window.KbmTimeMap.TimeMap.prototype;
  const { longDate, shortDate, el } = window.KbmTimeMap.util;
  const PLAY_MS = 1500;
  const COMPACT_WIDTH = 700, COMPACT_HEIGHT = 460;
  const WHEEL_NOTCH = 100;  // px of wheel delta per zoom level (one notch in Chromium)
  const ICONS = {
    prev: "M11 3 L3 8 L11 13 Z M12 3 H14 V13 H12 Z",
    next: "M5 3 L13 8 L5 13 Z M2 3 H4 V13 H2 Z",
    play: "M4 2 L14 8 L4 14 Z",
    pause: "M3 2 H7 V14 H3 Z M9 2 H13 V14 H9 Z",
  };

  function icon(name) {
    const ns = "http://www.w3.org/2000/svg";
    const svg = document.createElementNS(ns, "svg");
    svg.setAttribute("viewBox", "0 0 16 16");
    svg.setAttribute("class", "kbm-icon");
    svg.setAttribute("aria-hidden", "true");
    const path = document.createElementNS(ns, "path");
    path.setAttribute("d", ICONS[name]);
    svg.append(path);
    return svg;
  }
  function setButton(b, iconName, text) {
    b.replaceChildren(icon(iconName), el("span", "kbm-btn-text", text));
  }

  TM.buildControls = function () {
    const panel = el("div", "kbm-panel");
    panel.setAttribute("role", "group");
    panel.setAttribute("aria-label", "Date controls");
    const row = el("div", "kbm-row");
    const btn = (cls, title, fn) => {
      const b = el("button", "kbm-btn " + cls);
      b.type = "button"; b.title = title; b.addEventListener("click", fn); return b;
    };
    this.prevBtn = btn("kbm-prev", "Previous key date (P, anywhere on the page)", () => this.stepKey(-1, true));
    setButton(this.prevBtn, "prev", "Key date");
    this.playBtn = btn("kbm-play", "Play through the key dates", () => this.togglePlay());
    this.playBtn.setAttribute("aria-pressed", "false");
    setButton(this.playBtn, "play", "Play");
    this.nextBtn = btn("kbm-next", "Next key date (N, anywhere on the page)", () => this.stepKey(1, true));
    setButton(this.nextBtn, "next", "Key date");
    this.dateOut = el("output", "kbm-date");
    this.dateOut.setAttribute("aria-live", "polite");
    this.status = el("span", "kbm-status");
    this.status.setAttribute("role", "status");
    row.append(this.prevBtn, this.playBtn, this.nextBtn);
    if (this.zoom) {
      this.rangeBtn = btn("kbm-range", "Switch the slider between the opening window and the whole record", () => this.toggleRange());
      row.append(this.rangeBtn);
    }
    const ticks = el("datalist");
    ticks.id = "kbm-ticks";
    this.ticks = ticks;
    this.slider = Object.assign(document.createElement("input"), { type: "range", min: "0",
      step: "1", className: "kbm-slider" });
    this.slider.setAttribute("aria-label", "Date");
    this.slider.setAttribute("list", "kbm-ticks");
    this.slider.addEventListener("input", () => this.setDay(this.lo + Number(this.slider.value), true));
    row.append(this.status, this.dateOut, this.slider);
    this.setRange(this.lo, this.hi);
    this.errorBox = el("p", "kbm-error");
    this.errorBox.setAttribute("role", "alert");
    this.errorBox.hidden = true;
    panel.append(row, ticks, this.errorBox);
    panel.addEventListener("keydown", (e) => { this.onKey(e); e.stopPropagation(); });  // no Leaflet panning
    this.panel = panel;
    const ctl = L.control({ position: "topright" });
    ctl.onAdd = () => { L.DomEvent.disableClickPropagation(panel); L.DomEvent.disableScrollPropagation(panel); return panel; };
    ctl.addTo(this.map);
    this.installWheel();
    this.layout();
    this.map.on("resize", () => this.layout());
    document.addEventListener("keydown", (e) => this.onKey(e));
  };

  // Compact (an embed): one line of icon buttons, short date and slider; legend folded.
  TM.layout = function () {
    const size = this.map.getSize();
    const compact = size.x > 0 && (size.x < COMPACT_WIDTH || size.y < COMPACT_HEIGHT);
    if (compact === this.compact) return;
    this.compact = compact;
    this.map.getContainer().classList.toggle("kbm-compact", compact);
    if (this.legendBox) this.legendBox.open = !compact;
    if (this.day !== null) this.showDay();
  };

  TM.showDay = function () {
    const day = this.day;
    this.slider.value = String(day - this.lo);
    this.slider.setAttribute("aria-valuetext", longDate(day));
    this.dateOut.textContent = this.compact ? shortDate(day) : longDate(day);
    this.dateOut.title = longDate(day);
    const later = this.keyDays.some((k) => k > day), earlier = this.keyDays.some((k) => k < day);
    this.nextBtn.setAttribute("aria-disabled", later ? "false" : "true");
    this.prevBtn.setAttribute("aria-disabled", earlier ? "false" : "true");
    if (later && earlier) this.status.textContent = "";
  };

  TM.setRange = function (lo, hi) {
    this.lo = lo; this.hi = hi;
    this.slider.max = String(hi - lo);
    this.ticks.replaceChildren(...this.keyDays.filter((k) => k >= lo && k <= hi).map((k) =>
      Object.assign(document.createElement("option"), { value: String(k - lo) })));
    if (this.day !== null) this.slider.value = String(this.day - lo);
    if (this.rangeBtn) {
      const wide = lo === this.minDay && hi === this.maxDay;
      this.rangeBtn.replaceChildren(el("span", "kbm-btn-text", wide ? "Only " + this.cfg.slider_window_label : "Whole record"),
        el("span", "kbm-btn-short", wide ? this.cfg.slider_window_label : "All"));
      this.rangeBtn.setAttribute("aria-pressed", wide ? "true" : "false");
    }
  };
  TM.toggleRange = function () {
    const wide = this.lo === this.minDay && this.hi === this.maxDay;
    if (!wide) { this.setRange(this.minDay, this.maxDay); return; }
    this.setRange(this.zoom[0], this.zoom[1]);
    if (this.day < this.zoom[0] || this.day > this.zoom[1]) this.setDay(this.zoom[0], true);
  };

  // The next (+1) or previous (-1) key date; at either end the panel says there is none.
  TM.stepKey = function (dir, byUser) {
    const ks = this.keyDays;
    const t = dir > 0 ? ks.find((k) => k > this.day) : [...ks].reverse().find((k) => k < this.day);
    if (t !== undefined) this.setDay(t, true);
    else if (byUser) this.status.textContent = dir > 0 ? "No later key date" : "No earlier key date";
    return t !== undefined;
  };
  TM.togglePlay = function () {
    if (this.playing) {
      clearInterval(this.playing); this.playing = null;
    } else {
      // From the end (or past the last key date), play starts over from the window's first.
      if (!this.keyDays.some((k) => k > this.day) && this.keyDays.length) {
        const first = this.keyDays.find((k) => k >= this.lo);
        this.setDay(first === undefined ? this.keyDays[0] : first, true);
      }
      this.status.textContent = "";
      this.playing = setInterval(() => { if (!this.stepKey(1, false)) this.togglePlay(); }, PLAY_MS);
    }
    this.playBtn.setAttribute("aria-pressed", this.playing ? "true" : "false");
    setButton(this.playBtn, this.playing ? "pause" : "play", this.playing ? "Pause" : "Play");
  };

  // N / P step key dates wherever the focus is: in the map and in the page around it (the
  // map's frame is same-origin with the page), except while typing in a field.
  TM.onKey = function (e) {
    if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey) return;
    const t = e.target;
    if (t && (t.isContentEditable || /^(TEXTAREA|SELECT)$/.test(t.tagName) ||
      (t.tagName === "INPUT" && t.type !== "range"))) return;
    const k = e.key.toLowerCase();
    if (k !== "n" && k !== "p") return;
    e.preventDefault();
    this.stepKey(k === "n" ? 1 : -1, true);
  };
  TM.installPageKeys = function () {
    let page;
    try { page = window.parent !== window ? window.parent : null; if (page) void page.document; } catch (_) { page = null; }
    if (!page) return;
    // One listener per page: a map frame that is re-created replaces the old one's.
    if (page.__kbmKeys) page.document.removeEventListener("keydown", page.__kbmKeys);
    page.__kbmKeys = (e) => this.onKey(e);
    page.document.addEventListener("keydown", page.__kbmKeys);
  };

  // One zoom level per wheel notch, around the pointer (Leaflet's own wheel zoom turns a
  // notch into a fraction or several levels, depending on zoomSnap and the delta).
  TM.installWheel = function () {
    const map = this.map;
    map.scrollWheelZoom.disable();
    let acc = 0;
    map.getContainer().addEventListener("wheel", (e) => {
      e.preventDefault();
      const px = e.deltaY * (e.deltaMode === 1 ? 40 : e.deltaMode === 2 ? 800 : 1);
      let steps;
      if (Math.abs(px) >= WHEEL_NOTCH / 2) { steps = Math.sign(px) * Math.max(1, Math.round(Math.abs(px) / WHEEL_NOTCH)); acc = 0; }
      else { acc += px; if (Math.abs(acc) < WHEEL_NOTCH) return; steps = Math.sign(acc); acc = 0; }
      const zoom = Math.max(map.getMinZoom(), Math.min(map.getMaxZoom(), map.getZoom() - steps));
      map.setZoomAround(map.mouseEventToContainerPoint(e), zoom);
    }, { passive: false });
  };

  // Fit the map to the districts, now and whenever the container changes size (a frame
  // that is sized after the map starts would otherwise leave it zoomed far out), until the
  // user moves the map or someone else (e.g. st_folium's center/zoom) sets the view.
  TM.fitDistricts = function () {
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
    // Keep the districts clear of the date panel at the top and of an open legend (left).
    const top = this.panel ? Math.min(this.panel.offsetHeight + 16, size.y / 3) : 10;
    const lb = this.legendBox;
    const left = lb && lb.open ? Math.min(lb.offsetWidth + 16, size.x / 3) : 10;
    map.fitBounds(this.bounds, { paddingTopLeft: [left, top], paddingBottomRight: [10, 10], animate: false });
    this.fitted = { center: map.getCenter(), zoom: map.getZoom() };
  };
  TM.sameView = function (v) {
    const map = this.map;
    if (!v || v.zoom !== map.getZoom()) return false;
    const a = map.latLngToContainerPoint(v.center), b = map.latLngToContainerPoint(map.getCenter());
    return a.distanceTo(b) < 8;  // resizes keep the centre, give or take rounding
  };

})();
