"""Data exports read back with pandas/geopandas and match the store."""

from __future__ import annotations

import io
import json
from datetime import date

import geopandas as gpd
import pandas as pd

from karabakh_map.areas import default_districts, zone_table
from karabakh_map.export.data import events_acled_csv, events_geojson, state_geojson
from karabakh_map.store import control_at, query_events


def test_state_geojson_reads_back(demo_engine, tmp_path):
    collection = state_geojson(demo_engine, date(2020, 11, 20))
    path = tmp_path / "state.geojson"
    path.write_text(json.dumps(collection))
    back = gpd.read_file(path).set_index("zone_id")
    assert back.crs.to_epsg() == 4326
    assert back.loc["AZ-AGM/held_1994", "controller"] == "Azerbaijan"
    assert back.loc["AZ-AGM/held_1994+nkao_1991+postwar_area", "controller"] == (
        "Armenian forces")
    assert str(back.loc["AZ-LAC/held_1994", "scheduled"])[:10] == "2020-12-01"
    assert back.loc["AZ-LAC/held_1994+corridor_2020", "controller"] == "Russian peacekeepers"
    assert set(back.geom_type) <= {"Polygon", "MultiPolygon"}
    # the zones' shares are the districts' shares
    expected = {r.id: r for r in control_at(demo_engine, date(2020, 11, 20),
                                            default_districts(), zone_table())}
    for did, group in back.groupby("district_id"):
        got = group.groupby("controller")["area_km2"].sum().round(1).to_dict()
        assert got == {s.controller: s.km2 for s in expected[did].shares}, did


def test_zones_over_time_read_back_with_pyogrio(demo_engine, tmp_path, monkeypatch):
    import pyogrio

    from karabakh_map.export import data

    frame = data.zones_over_time(demo_engine)
    for suffix in (".gpkg", ".geojson"):
        path = tmp_path / f"zones{suffix}"
        monkeypatch.setattr(data, "zones_over_time", lambda engine, **record: frame)
        data.write_zones_over_time(demo_engine, path)
        back = pyogrio.read_dataframe(path)
        assert len(back) == len(frame) and back.crs.to_epsg() == 4326
        assert {"valid_from", "valid_to", "controller", "zone_id", "district_id",
                "disputed", "uncertain"} <= set(back.columns)
        starts = pd.to_datetime(back["valid_from"])
        ends = pd.to_datetime(back["valid_to"])
        assert starts.notna().all()
        for _, runs in back.assign(s=starts, e=ends).groupby("zone_id"):
            runs = runs.sort_values("s")
            # one run ends where the next begins; only the last is open
            assert list(runs["e"].iloc[:-1]) == list(runs["s"].iloc[1:])
            assert pd.isna(runs["e"].iloc[-1])
        shusha = back[(back["zone_id"] == "AZ-SUS/held_1994+nkao_1991")
                      & (starts <= "2020-11-08") & ((ends > "2020-11-08") | ends.isna())]
        assert list(shusha["controller"]) == ["Azerbaijan"] and bool(shusha["disputed"].iloc[0])
    if suffix == ".geojson":
        raw = json.loads(path.read_text())
        assert raw["features"][0]["properties"]["valid_from"][:4] == "1991"


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
