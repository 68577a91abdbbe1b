"""Data exports read back with pandas/geopandas and match the store."""

from __future__ import annotations

import io
import json
from datetime import date

import geopandas as gpd
import pandas as pd

from geodata.corridor import load_corridor
from geodata.districts import load_districts
from karabakh_map.areas import default_districts
from karabakh_map.export.data import events_acled_csv, events_geojson, state_geojson
from karabakh_map.store import control_at, query_events


def test_state_geojson_reads_back(demo_engine, tmp_path):
    collection = state_geojson(demo_engine, date(2020, 11, 20), load_districts(),
                               load_corridor())
    path = tmp_path / "state.geojson"
    path.write_text(json.dumps(collection))
    back = gpd.read_file(path).set_index("id")
    assert back.crs.to_epsg() == 4326
    assert back.loc["AZ-AGM", "controller"] == "Azerbaijan"
    assert str(back.loc["AZ-LAC", "scheduled"])[:10] == "2020-12-01"
    assert back.loc["lachin-corridor", "controller"] == "Russian peacekeepers"
    expected = {r.id: r.controller
                for r in control_at(demo_engine, date(2020, 11, 20), default_districts())}
    assert back["controller"].to_dict() == expected


def test_events_csv_matches_the_store(demo_engine):
    frame = pd.read_csv(io.StringIO(events_acled_csv(demo_engine, {"AZ-AGM": "Aghdam"})))
    events = query_events(demo_engine)
    assert len(frame) == len(events)
    assert list(frame.columns[:4]) == ["event_id_cnty", "event_date", "year", "time_precision"]
    assert "Aghdam" in set(frame["admin1"])


def test_events_geojson_matches_the_store(demo_engine, tmp_path):
    path = tmp_path / "events.geojson"
    path.write_text(json.dumps(events_geojson(demo_engine)))
    back = gpd.read_file(path)
    located = [e for e in query_events(demo_engine) if e.latitude is not None]
    assert len(back) == len(located)
    first = located[0]
    row = back[back["id"] == first.id].iloc[0]
    assert (row.geometry.x, row.geometry.y) == (first.longitude, first.latitude)
    assert row["type"] == first.type
