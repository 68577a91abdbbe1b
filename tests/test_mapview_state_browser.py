"""The browser's state on a date is Python's, on every day of the record.

The map built from the demo store (standalone page, opened from file://) is asked, in
Chromium, for the segment it shows on each day from the slider's first to its last, for
every district and every control zone; the same days are looked up in Python
(karabakh_map.timeline.state_on over the view data's district and zone timelines).
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from typing import Any

import pytest

from geodata.corridor import load_corridor
from geodata.districts import load_districts
from karabakh_map import timeline as tl
from karabakh_map.demo import open_with_demo
from karabakh_map.mapview.build import SEGMENT_FIELDS, build_map
from karabakh_map.views import build_view_data
from tests.support.browser_support import blocked_context
from tests.support.browser_support import browser as browser  # module-scoped fixture

pytestmark = pytest.mark.browser

# Per area, the runs of days with one state: [first day, state] whenever the state changes.
RUNS = """([lo, hi, fields]) => { const tm = window.kbmTimeMap, out = {};
  for (const id in tm.timeline) { const runs = []; let last = null;
    for (let d = lo; d <= hi; d++) { const s = tm.stateAt(id, d);
      const v = JSON.stringify(s ? fields.map((f) => s[f] === undefined ? null : s[f]) : null);
      if (v !== last) { runs.push([d, JSON.parse(v)]); last = v; } }
    out[id] = runs; } return out; }"""
EPOCH = date(1970, 1, 1)


def _value(seg: Any) -> list[Any] | None:
    """A Python segment in the browser's terms (SEGMENT_FIELDS, unset fields as None)."""
    if seg is None:
        return None
    data = seg.to_json()
    return [data.get(f) or None for f in SEGMENT_FIELDS]


def _python_runs(timeline: dict[str, list[Any]], lo: date, hi: date
                 ) -> dict[str, list[list[Any]]]:
    """Per area, the runs of days with one state, from karabakh_map.timeline.state_on."""
    runs: dict[str, list[list[Any]]] = {}
    last: dict[str, Any] = {}
    day = lo
    while day <= hi:
        for aid, seg in tl.state_on(timeline, day).items():
            value = _value(seg)
            if aid not in last or last[aid] != value:
                runs.setdefault(aid, []).append([(day - EPOCH).days, value])
                last[aid] = value
        day += timedelta(days=1)
    return runs


def test_browser_state_equals_python_on_every_day(browser, tmp_path):
    view = build_view_data(open_with_demo(f"sqlite:///{tmp_path / 'd.sqlite'}",
                                          load_demo=True).engine,
                           load_districts(), load_corridor())
    python = {**view.timeline, **getattr(view, "zone_timeline", {})}
    timeline = {aid: [s.to_json() for s in segs] for aid, segs in python.items()}
    hi = max(view.span[1], date.today())
    m = build_map(json.loads(load_districts().to_json(drop_id=True)), None, None,
                  timeline=timeline, key_dates=view.key_dates, span=(view.span[0], hi),
                  initial_date=view.span[0], standalone=True)
    page_file = tmp_path / "map.html"
    page_file.write_text(m.get_root().render(), encoding="utf-8")
    with blocked_context(browser) as guarded:
        page = guarded.new_page()
        page.goto(page_file.as_uri())
        page.wait_for_function("() => !!window.kbmTimeMap")
        lo_day, hi_day = (view.span[0] - EPOCH).days, (hi - EPOCH).days
        shown = page.evaluate(RUNS, [lo_day, hi_day, list(SEGMENT_FIELDS)])
        assert guarded.blocked == []
    expected = _python_runs(python, view.span[0], hi)
    assert set(shown) == set(expected)
    for aid in expected:
        assert shown[aid] == expected[aid], aid
