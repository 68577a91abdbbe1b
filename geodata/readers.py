"""Cached readers for the shipped layers: the one place geodata files are read and cached.

Each loader returns a fresh copy, so callers may modify what they get without touching
the cached frame.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import geopandas as gpd

from geodata.paths import WGS84


class GeodataError(RuntimeError):
    """A geodata file is missing or malformed."""


@lru_cache(maxsize=16)
def _read_layer(path: Path) -> gpd.GeoDataFrame:
    if not path.is_file():
        raise GeodataError(f"geodata file not found: {path} (rebuild: python -m "
                           f"geodata.build_districts)")
    try:
        collection = json.loads(path.read_text(encoding="utf-8"))
        gdf = gpd.GeoDataFrame.from_features(collection["features"], crs=WGS84)
    except (ValueError, KeyError, TypeError) as exc:
        raise GeodataError(f"{path}: not a GeoJSON FeatureCollection ({exc})") from exc
    if "id" not in gdf.columns:
        raise GeodataError(f"{path}: features have no 'id' property")
    return gdf


def read_layer(path: Path) -> gpd.GeoDataFrame:
    """Read a shipped GeoJSON layer (EPSG:4326), cached by path; returns a copy."""
    return _read_layer(Path(path).resolve()).copy()


def read_metadata(path: Path) -> dict:
    """The `metadata` member of a shipped GeoJSON file (source, licence, build command)."""
    return json.loads(Path(path).read_text(encoding="utf-8")).get("metadata", {})
