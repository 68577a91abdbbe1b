"""Our districts against the independent reference outlines (skipped when absent)."""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import pytest

from geodata.districts import load_districts

REFERENCE = Path(__file__).resolve().parents[2] / "shared" / "reference" / \
    "districts_reference.geojson"
NAMES = {"Aghdam": "AZ-AGM", "Kalbajar": "AZ-KAL", "Lachin": "AZ-LAC", "Fuzuli": "AZ-FUZ",
         "Jabrayil": "AZ-CAB", "Zangilan": "AZ-ZAN", "Qubadli": "AZ-QBI", "Shusha": "AZ-SUS",
         "Khojaly": "AZ-XCI", "Khojavend": "AZ-XVD", "Tartar": "AZ-TAR"}


@pytest.fixture(scope="module")
def reference() -> gpd.GeoDataFrame:
    if not REFERENCE.is_file():
        pytest.skip(f"reference outlines not found at {REFERENCE}")
    return gpd.read_file(REFERENCE).to_crs(32638).set_index("name")


@pytest.mark.parametrize(("ref_name", "district_id"), sorted(NAMES.items()))
def test_district_agrees_with_reference(reference, ref_name, district_id):
    ours = load_districts().to_crs(32638).set_index("id").geometry[district_id]
    theirs = reference.geometry[ref_name]
    iou = ours.intersection(theirs).area / ours.union(theirs).area
    # Both sources are generalised by 1-5 km; a mislabelled polygon scores near 0.
    assert iou > 0.6, f"{district_id} vs {ref_name}: IoU {iou:.2f}"


def test_corridor_lies_in_the_reference_districts(reference):
    from geodata.corridor import load_corridor

    corridor = load_corridor().to_crs(32638).geometry.iloc[0]
    crossed = {n for n in ("Lachin", "Shusha", "Kalbajar", "Qubadli")
               if corridor.intersection(reference.geometry[n]).area > 1e6}
    assert crossed == {"Lachin", "Shusha"}
