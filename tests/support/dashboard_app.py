"""The dashboard under AppTest: a demo store for the app to open, and a page run with a query."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from karabakh_map.demo import open_with_demo

APP = str(Path(__file__).resolve().parents[2] / "dashboard" / "app.py")


@pytest.fixture
def demo_db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """A file store with the shipped record, named in $KARABAKH_MAP_DB for the app."""
    url = f"sqlite:///{tmp_path / 'demo.sqlite'}"
    open_with_demo(url, load_demo=True).engine.dispose()
    monkeypatch.setenv("KARABAKH_MAP_DB", url)
    return url


def app(query: dict[str, str] | None = None) -> AppTest:
    """The app run once with these query parameters."""
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in (query or {}).items():
        at.query_params[key] = value
    return at.run()
