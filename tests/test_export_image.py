"""Static map images: valid files whose pixels follow control changes."""

from __future__ import annotations

from datetime import date

import numpy as np
import pytest
from matplotlib import image as mpimg

from geodata.corridor import load_corridor
from geodata.districts import load_backdrop, load_districts
from karabakh_map.export.image import render_image
from karabakh_map.views import build_view_data


@pytest.fixture(scope="module")
def layers():
    return load_districts(), load_corridor(), load_backdrop()


@pytest.fixture
def view(demo_engine, layers):
    return build_view_data(demo_engine, layers[0], layers[1])


def render(view, layers, day, path):
    return mpimg.imread(render_image(view, *layers, day, path, dpi=60))


def test_png_pixels_change_when_aghdam_is_handed_over(view, layers, tmp_path):
    before = render(view, layers, date(2020, 11, 19), tmp_path / "19.png")
    after = render(view, layers, date(2020, 11, 20), tmp_path / "20.png")
    assert (tmp_path / "19.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert before.shape == after.shape and before.ndim == 3
    changed = np.any(np.abs(before - after) > 0.05, axis=2)
    # Aghdam's fill changes colour, plus the date in the title: a real area, not a few pixels.
    assert changed.sum() > 500
    # Aghdam lies in the upper right quarter of the districts' extent.
    _rows, cols = np.nonzero(changed[int(before.shape[0] * 0.1):])
    assert np.median(cols) > before.shape[1] * 0.5


def test_nothing_changes_between_quiet_days_but_the_title(view, layers, tmp_path):
    a = render(view, layers, date(2020, 11, 21), tmp_path / "21.png")
    b = render(view, layers, date(2020, 11, 22), tmp_path / "22.png")
    below_title = int(a.shape[0] * 0.1)
    assert np.array_equal(a[below_title:], b[below_title:])


def test_svg_and_bad_suffix(view, layers, tmp_path):
    path = render_image(view, *layers, date(2020, 11, 20), tmp_path / "m.svg")
    text = path.read_text()
    assert text.lstrip().startswith("<?xml") and "<svg" in text
    with pytest.raises(ValueError, match=r"png or \.svg"):
        render_image(view, *layers, date(2020, 11, 20), tmp_path / "m.gif")
