import sqlalchemy as sa

from karabakh_map.store import open_store
from karabakh_map.store.db import ENV_VAR, make_engine, resolve_url
from karabakh_map.store.migrations import MIGRATIONS, applied, migrate


def test_migrations_apply_in_order_and_are_recorded(file_url):
    engine = make_engine(file_url)
    assert migrate(engine) == [name for name, _ in MIGRATIONS]
    assert applied(engine) == [name for name, _ in MIGRATIONS]
    tables = set(sa.inspect(engine).get_table_names())
    assert {"articles", "events", "event_sources", "schema_migrations", "store_meta"} <= tables


def test_running_migrations_twice_is_safe(file_url):
    migrate(make_engine(file_url))
    engine = make_engine(file_url)
    assert migrate(engine) == []
    with engine.connect() as conn:
        n = conn.execute(sa.text("SELECT count(*) FROM schema_migrations")).scalar_one()
    assert n == len(MIGRATIONS)


def test_a_new_migration_is_applied_alone(file_url):
    engine = make_engine(file_url)
    migrate(engine)
    extra = ("9999_test_column", lambda conn: conn.exec_driver_sql(
        "ALTER TABLE articles ADD COLUMN extra TEXT"))
    assert migrate(engine, [*MIGRATIONS, extra]) == ["9999_test_column"]
    assert "extra" in {c["name"] for c in sa.inspect(engine).get_columns("articles")}


def test_sqlite_connections_use_wal_foreign_keys_and_busy_timeout(file_url):
    engine = make_engine(file_url)
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 1000


def test_foreign_keys_are_enforced(engine):
    with engine.begin() as conn:
        try:
            conn.exec_driver_sql(
                "INSERT INTO event_sources (event_id, article_id, start, \"end\", "
                "reported_precision, figures, note) VALUES (99, 99, 0, 0, 'day', '{}', '')")
        except sa.exc.IntegrityError:
            return
    raise AssertionError("an event_sources row without event or article was accepted")


def test_url_resolution(monkeypatch, tmp_path):
    monkeypatch.delenv(ENV_VAR, raising=False)
    url, is_default = resolve_url(None)
    assert is_default and url.startswith("sqlite:///") and url.endswith("events.sqlite")
    monkeypatch.setenv(ENV_VAR, "sqlite:///" + str(tmp_path / "env.sqlite"))
    assert resolve_url(None) == ("sqlite:///" + str(tmp_path / "env.sqlite"), False)
    assert resolve_url("sqlite://") == ("sqlite://", False)


def test_explicit_store_gets_no_demo(file_url):
    store = open_store(file_url)
    assert not store.is_default
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM events").scalar() == 0
