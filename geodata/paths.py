"""Where the shipped geodata files live."""

from __future__ import annotations

from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"
DISTRICTS_FILE = DATA_DIR / "districts.geojson"
BACKDROP_FILE = DATA_DIR / "backdrop.geojson"
TOWNS_FILE = DATA_DIR / "towns.geojson"
CORRIDOR_FILE = DATA_DIR / "corridor.geojson"
GAZETTEER_FILE = DATA_DIR / "gazetteer.json"
ZONES_FILE = DATA_DIR / "zones.geojson"

# Metric CRS for areas, buffers and distances in this region (UTM zone 38N).
METRIC_CRS = "EPSG:32638"
WGS84 = "EPSG:4326"
