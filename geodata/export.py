"""All geodata layers as one GeoJSON FeatureCollection (EPSG:4326)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

import geopandas as gpd

from geodata.gazetteer import Place

LAYER_FIELDS = {
    "district": ["id", "name", "name_az", "alt_names", "kind", "area_km2", "source", "licence"],
    "corridor": ["id", "version", "name", "alt_names", "width_km", "valid_from", "valid_to",
                 "approximate", "derivation", "source", "licence"],
    "backdrop": ["id", "name", "source", "licence"],
}


def _features(layer: str, gdf: gpd.GeoDataFrame) -> list[dict[str, Any]]:
    fields = [f for f in LAYER_FIELDS[layer] if f in gdf.columns]
    collection = json.loads(gdf[[*fields, "geometry"]].to_json(drop_id=True))
    for feature in collection["features"]:
        feature["properties"]["layer"] = layer
    return collection["features"]


def export_collection(districts: gpd.GeoDataFrame, corridor: gpd.GeoDataFrame,
                      backdrop: gpd.GeoDataFrame, places: Iterable[Place]) -> dict[str, Any]:
    """One FeatureCollection; each feature has a `layer` property and its name fields."""
    features = [*_features("backdrop", backdrop), *_features("district", districts),
                *_features("corridor", corridor)]
    for place in places:
        features.append({
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [place.lon, place.lat]},
            "properties": {
                "layer": "place", "id": place.id, "name": place.name,
                "alt_names": list(place.alt_names), "kind": place.kind,
                "district_id": place.district_id, "country": place.country,
            },
        })
    return {"type": "FeatureCollection", "features": features}
