"""Store URLs: PostgreSQL's driver is explicit and its absence is a clear error, and a
store that cannot be reached is one line, not a traceback."""

from __future__ import annotations

import importlib.util

import pytest
from click.testing import CliRunner

from karabakh_map.cli import main
from karabakh_map.store import db
from karabakh_map.store.db import StoreUnavailable, store_url


def test_postgresql_urls_use_psycopg_3() -> None:
    pytest.importorskip("psycopg")
    assert store_url("postgresql://u@h/d").drivername == "postgresql+psycopg"
    assert store_url("postgres://u@h:5433/d").drivername == "postgresql+psycopg"
    assert store_url("postgresql+psycopg://u@h/d").drivername == "postgresql+psycopg"
    assert store_url("sqlite:///x.sqlite").drivername == "sqlite"


@pytest.fixture
def without_psycopg(monkeypatch: pytest.MonkeyPatch) -> None:
    real = importlib.util.find_spec
    monkeypatch.setattr(db.importlib.util, "find_spec",
                        lambda name, *a: None if name == "psycopg" else real(name, *a))


@pytest.mark.usefixtures("without_psycopg")
def test_a_postgresql_url_without_psycopg_says_what_to_install() -> None:
    with pytest.raises(StoreUnavailable, match=r"install karabakh-map\[postgres\]"):
        db.make_engine("postgresql://analyst@db.example/karabakh")


@pytest.mark.usefixtures("without_psycopg")
def test_the_cli_reports_the_missing_driver_on_one_line() -> None:
    result = CliRunner().invoke(main, ["db", "info", "--db", "postgresql://a@db.example/k"])
    assert result.exit_code == 1
    assert "karabakh-map[postgres]" in result.output
    assert "Traceback" not in result.output and result.exception.__class__ is SystemExit


def test_an_unreachable_server_is_a_one_line_error() -> None:
    pytest.importorskip("psycopg")
    from tests.support.pg_support import free_port

    url = f"postgresql://nobody@127.0.0.1:{free_port()}/none?connect_timeout=2"
    result = CliRunner().invoke(main, ["db", "info", "--db", url])
    assert result.exit_code == 1
    assert "cannot open the store at postgresql+psycopg://nobody@127.0.0.1" in result.output
    assert result.exception.__class__ is SystemExit


def test_an_unknown_database_kind_is_a_clear_error() -> None:
    with pytest.raises(StoreUnavailable, match="no driver"):
        db.make_engine("oracle+nosuchdriver://u@h/d")
