"""One FeatureCollection of all layers, readable back with geopandas."""

from __future__ import annotations

import json

import geopandas as gpd

from geodata.corridor import load_corridor
from geodata.districts import load_backdrop, load_districts
from geodata.export import export_collection
from geodata.gazetteer import Place


def test_collection_has_every_layer_and_reads_back(tmp_path):
    place = Place("x", "<b>X</b>", "town", 39.9, 46.9, "AZ-AGM", "AZ", ("Iks",))
    collection = export_collection(load_districts(), load_corridor(), load_backdrop(), [place])
    path = tmp_path / "all.geojson"
    path.write_text(json.dumps(collection), encoding="utf-8")
    back = gpd.read_file(path)
    assert back.crs.to_epsg() == 4326
    counts = back["layer"].value_counts().to_dict()
    assert counts == {"district": 12, "corridor": 2, "place": 1, "backdrop": 6}
    districts = back[back["layer"] == "district"].set_index("id")
    assert districts.loc["AZ-LAC", "name"] == "Lachin"
    assert districts.loc["AZ-LAC", "area_km2"] > 1000
    placed = back[back["layer"] == "place"].iloc[0]
    assert placed["name"] == "<b>X</b>"  # data is data: escaping is the viewer's job
    assert (placed.geometry.x, placed.geometry.y) == (46.9, 39.9)
