"""A reader that does what the dashboard does to the store, in a loop, until told to stop.

    python -m tests.dashboard_reader URL STOP_FILE READY_FILE

Each pass opens the store (as a new dashboard process does: migrations are checked under
the write lock), builds the view data and slices it like the pages do (control on a date,
the events window and its table, district histories, a comparison, key-date steps, the
peacekeeping area), and reads an events window with its quotes, the control state and the
exports' event GeoJSON. No Streamlit: the same plain functions the pages call.
It writes READY_FILE after its first pass and, when STOP_FILE exists, does one last pass
and prints one JSON line: passes, the article count seen by each pass, every error.
"""

from __future__ import annotations

import json
import sys
import traceback
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from geodata.corridor import load_corridor
from geodata.districts import load_districts
from karabakh_map.export.data import events_geojson
from karabakh_map.store import control_at, counts, current_version, open_store, query_events
from karabakh_map.views import (
    add_quotes,
    build_view_data,
    compare_rows,
    control_rows,
    event_rows,
    events_in_window,
    history_rows,
    peacekeeping_area,
    step_key_date,
)

DAY = date(2020, 11, 20)


def one_pass(url: str, layers: tuple[Any, Any, dict[str, Any]]) -> tuple[int, int]:
    """(articles, store version) as this pass first saw them; raises what the store raises."""
    districts, corridor, districts_json = layers
    store = open_store(url)
    engine = store.engine
    try:
        version = current_version(engine)
        articles = counts(engine)["articles"]
        view = build_view_data(engine, districts, corridor)
        control_rows(view, DAY)
        event_rows(events_in_window(view, DAY, 30), view.names)
        for district in view.names:
            history_rows(view, district)
        compare_rows(view, date(2020, 11, 1), date(2020, 12, 1))
        step_key_date(view, DAY, 1)
        step_key_date(view, DAY, -1)
        peacekeeping_area(view, districts_json)
        window = query_events(engine, start=DAY - timedelta(days=30), end=DAY)
        add_quotes(engine, [e.to_json() for e in window])
        control_at(engine, DAY, list(view.names.items()))
        events_geojson(engine)
    finally:
        engine.dispose()
    return articles, version


def main(url: str, stop: Path, ready: Path) -> dict[str, Any]:
    districts, corridor = load_districts(), load_corridor()
    layers = (districts, corridor, json.loads(districts.to_json(drop_id=True)))
    seen: list[int] = []
    versions: list[int] = []
    errors: list[str] = []
    last = False
    while True:
        try:
            articles, version = one_pass(url, layers)
            seen.append(articles)
            versions.append(version)
        except Exception as exc:  # every error is the finding: reported, the loop goes on
            errors.append(f"{type(exc).__name__}: {exc}\n{traceback.format_exc()}")
        if not ready.exists():
            ready.write_text("ready")
        if last:
            break
        last = stop.exists()
    return {"passes": len(seen) + len(errors), "articles": seen, "versions": versions,
            "errors": errors}


if __name__ == "__main__":
    print(json.dumps(main(sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3]))), flush=True)
