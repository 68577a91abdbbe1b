"""`karabakh-map export` through click's test runner."""

from __future__ import annotations

import json

from click.testing import CliRunner

from karabakh_map.cli import main
from karabakh_map.demo import open_with_demo


def test_export_images_and_data(tmp_path):
    url = f"sqlite:///{tmp_path / 's.sqlite'}"
    open_with_demo(url, load_demo=True).engine.dispose()
    result = CliRunner().invoke(main, [
        "export", "--db", url, "--date", "2020-11-25", "--png", str(tmp_path / "m.png"),
        "--state-geojson", str(tmp_path / "state.geojson"),
        "--events-csv", str(tmp_path / "events.csv"),
        "--zones-gpkg", str(tmp_path / "zones.gpkg"),
        "--all-key-dates", str(tmp_path / "keys"), "--image-format", "svg"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "m.png").read_bytes()[:4] == b"\x89PNG"
    state = json.loads((tmp_path / "state.geojson").read_text())
    by_id = {f["id"]: f["properties"]["controller"] for f in state["features"]}
    assert by_id["AZ-KAL/held_1994"] == "Azerbaijan"
    assert by_id["AZ-KAL/held_1994+nkao_1991+postwar_area"] == "Armenian forces"
    assert by_id["AZ-LAC/held_1994"] == "Armenian forces"
    assert (tmp_path / "zones.gpkg").stat().st_size > 0
    keys = sorted(p.name for p in (tmp_path / "keys").iterdir())
    assert "control-2020-11-20.svg" in keys and "control-2020-12-01.svg" in keys
    assert (tmp_path / "events.csv").read_text().startswith("event_id_cnty,")
    assert "wrote" in result.output


def test_export_needs_something_to_do_and_a_date():
    runner = CliRunner()
    result = runner.invoke(main, ["export"])
    assert result.exit_code == 2 and "say what to export" in result.output
    result = runner.invoke(main, ["export", "--png", "x.png"])
    assert result.exit_code == 2 and "need --date" in result.output
