"""`karabakh-map geodata ...` through click's test runner."""

from __future__ import annotations

import json

from click.testing import CliRunner

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


def test_validate_fails_on_broken_data(monkeypatch):
    import geodata.validate as validate_module

    good = validate_module.load_districts

    def shifted():
        districts = good()
        districts["area_km2"] = districts["area_km2"] * 2
        return districts

    monkeypatch.setattr(validate_module, "load_districts", shifted)
    result = CliRunner().invoke(main, ["geodata", "validate"])
    assert result.exit_code == 1
    assert "PROBLEM: district AZ-AGM: stated area" in result.output


def test_export_writes_a_file(tmp_path):
    out = tmp_path / "layers.geojson"
    result = CliRunner().invoke(main, ["geodata", "export", "--output", str(out)])
    assert result.exit_code == 0, result.output
    layers = {f["properties"]["layer"] for f in json.loads(out.read_text())["features"]}
    assert layers == {"district", "corridor", "place", "backdrop"}
