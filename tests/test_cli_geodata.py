"""`karabakh-map geodata ...` through click's test runner."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import geopandas as gpd
import pytest
import shapely
from click.testing import CliRunner
from shapely.geometry import mapping, shape

from geodata.paths import DATA_DIR
from karabakh_map.cli import main


def test_validate_passes_on_shipped_data():
    result = CliRunner().invoke(main, ["geodata", "validate"])
    assert result.exit_code == 0, result.output
    assert "geodata OK: all checks passed" in result.output
    assert "corridor:" in result.output and "AZ-LAC" in result.output


def test_validate_json_reports_figures():
    result = CliRunner().invoke(main, ["geodata", "validate", "--json"])
    report = json.loads(result.output)
    assert report["ok"] is True and report["problems"] == []
    assert report["figures"]["places_checked"] >= 12
    assert set(report["figures"]["district_areas_km2"]) >= {"AZ-AGM", "AZ-KAL", "AZ-LAC"}


def _copy_data(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    shutil.copytree(DATA_DIR, folder)
    return folder


def _edit_features(path: Path, edit) -> None:
    collection = json.loads(path.read_text(encoding="utf-8"))
    for feature in collection["features"]:
        edit(feature)
    path.write_text(json.dumps(collection), encoding="utf-8")


def _swap_axes(feature: dict) -> None:
    feature["geometry"] = mapping(shapely.transform(shape(feature["geometry"]),
                                                    lambda xy: xy[:, ::-1]))


def _to_metres(feature: dict) -> None:
    geom = gpd.GeoSeries([shape(feature["geometry"])], crs="EPSG:4326").to_crs("EPSG:3857")
    feature["geometry"] = mapping(geom.iloc[0])


def _bowtie(feature: dict) -> None:
    if feature["properties"]["id"] == "AZ-AGM":
        feature["geometry"] = {"type": "Polygon", "coordinates": [
            [[46.8, 40.0], [47.0, 40.2], [47.0, 40.0], [46.8, 40.2], [46.8, 40.0]]]}


def _double_area(feature: dict) -> None:
    feature["properties"]["area_km2"] *= 2


def _drop_name(feature: dict) -> None:
    feature["properties"].pop("name", None)


BROKEN = {
    "missing districts file": ("districts.geojson", None, "geodata file not found"),
    "truncated districts": ("districts.geojson", "truncate", "not a GeoJSON FeatureCollection"),
    "truncated gazetteer": ("gazetteer.json", "truncate", "gazetteer: "),
    "lon/lat swapped": ("districts.geojson", _swap_axes, "lon/lat swapped"),
    "projected metres": ("corridor.geojson", _to_metres, "corridor: coordinates reach"),
    "self-intersecting polygon": ("districts.geojson", _bowtie,
                                  "district AZ-AGM: invalid geometry"),
    "stated areas doubled": ("districts.geojson", _double_area,
                             "district AZ-AGM: stated area"),
    "names dropped": ("districts.geojson", _drop_name, "lack the properties ['name']"),
}


@pytest.mark.parametrize("case", list(BROKEN))
def test_validate_fails_loudly_on_broken_files(tmp_path, case):
    filename, edit, message = BROKEN[case]
    folder = _copy_data(tmp_path)
    target = folder / filename
    if edit is None:
        target.unlink()
    elif edit == "truncate":
        target.write_bytes(target.read_bytes()[:5000])
    else:
        _edit_features(target, edit)
    result = CliRunner().invoke(main, ["geodata", "validate", "--data-dir", str(folder)])
    assert result.exit_code == 1, result.output
    assert "PROBLEM:" in result.output and message in result.output
    assert "geodata OK" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_validate_passes_on_an_intact_copy(tmp_path):
    folder = _copy_data(tmp_path)
    result = CliRunner().invoke(main, ["geodata", "validate", "--data-dir", str(folder)])
    assert result.exit_code == 0, result.output
    assert "geodata OK: all checks passed" in result.output


def test_export_writes_a_file(tmp_path):
    out = tmp_path / "layers.geojson"
    result = CliRunner().invoke(main, ["geodata", "export", "--output", str(out)])
    assert result.exit_code == 0, result.output
    layers = {f["properties"]["layer"] for f in json.loads(out.read_text())["features"]}
    assert layers == {"district", "corridor", "place", "backdrop"}


def test_validate_prints_zone_shares():
    result = CliRunner().invoke(main, ["geodata", "validate"])
    assert "held_1994" in result.output and "post-war area in total" in result.output
    report = json.loads(CliRunner().invoke(main, ["geodata", "validate", "--json"]).output)
    assert 70 <= report["figures"]["zone_shares"]["AZ-AGM"]["held_1994_pct"] <= 80


def test_build_zones_writes_the_file(tmp_path):
    from geodata.build_zones import DEFAULT_SOURCE

    if not DEFAULT_SOURCE.is_dir():
        pytest.skip(f"Natural Earth source not found at {DEFAULT_SOURCE}")
    out = tmp_path / "zones.geojson"
    result = CliRunner().invoke(main, ["geodata", "build-zones", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_bytes() == (DATA_DIR / "zones.geojson").read_bytes()


def test_build_zones_names_a_missing_source(tmp_path):
    result = CliRunner().invoke(main, ["geodata", "build-zones", "--source", str(tmp_path),
                                       "--out", str(tmp_path / "z.geojson")])
    assert result.exit_code == 1 and "Natural Earth file not found" in result.output
