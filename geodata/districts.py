"""The district layer: loading and simple look-ups."""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd

from geodata.paths import BACKDROP_FILE, DISTRICTS_FILE, TOWNS_FILE
from geodata.readers import read_layer


def load_districts(path: Path = DISTRICTS_FILE) -> gpd.GeoDataFrame:
    """Districts (EPSG:4326): id, name, name_az, alt_names, kind, area_km2, source, licence."""
    return read_layer(path)


def load_backdrop(path: Path = BACKDROP_FILE) -> gpd.GeoDataFrame:
    """Country outlines around the region, for the offline map backdrop."""
    return read_layer(path)


def load_towns(path: Path = TOWNS_FILE) -> gpd.GeoDataFrame:
    """Town outlines used by derivations (Shusha town)."""
    return read_layer(path)


def district_names(districts: gpd.GeoDataFrame) -> dict[str, str]:
    """Map district id to its neutral English label."""
    return dict(zip(districts["id"], districts["name"], strict=True))
