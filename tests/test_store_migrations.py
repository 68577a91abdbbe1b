import pytest
import sqlalchemy as sa

from karabakh_map.store import open_store
from karabakh_map.store.db import ENV_VAR, make_engine, resolve_url
from karabakh_map.store.migrations import MIGRATIONS, applied, migrate
from tests.conftest import BOTH

STORE_BACKENDS = BOTH  # every test using a store runs on SQLite and PostgreSQL


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


def test_sqlite_connections_use_wal_foreign_keys_and_busy_timeout(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'store.sqlite'}")
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 1000


def test_postgresql_connections_have_a_statement_timeout_and_snapshot_reads(
        pg_url, monkeypatch):
    from karabakh_map.store.db import STATEMENT_TIMEOUT_ENV, write_connection

    monkeypatch.setenv(STATEMENT_TIMEOUT_ENV, "1500")
    engine = make_engine(pg_url)
    with engine.connect() as conn:
        assert conn.exec_driver_sql("SHOW statement_timeout").scalar() == "1500ms"
        assert conn.exec_driver_sql("SHOW transaction_isolation").scalar() == "repeatable read"
    with write_connection(engine) as conn, conn.begin():
        assert conn.exec_driver_sql("SHOW transaction_isolation").scalar() == "read committed"
        held = conn.exec_driver_sql(
            "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' "
            "AND pid = pg_backend_pid()").scalar()
        assert held == 1
    engine.dispose()


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


def fill_store_before_0005(engine) -> None:
    """Migrate to 0004 and store an article linked twice to one postponement (0005 thins
    the doubled link out and fills the deadline)."""
    migrate(engine, [m for m in MIGRATIONS if m[0] < "0005"])
    with engine.begin() as conn:
        # an older store: tables as 0001 made them (without the columns 0005 adds)
        conn.exec_driver_sql(
            "INSERT INTO articles (id, content_hash, published_how, ingested_at) "
            "VALUES (1, 'h', 'missing', '2020-01-01 00:00:00')")
        conn.exec_driver_sql(
            "INSERT INTO events (id, key, type, date_earliest, date_latest, date_precision, "
            "long_span, note, disputed, dispute_note) VALUES (1, 'k', 'postponement', "
            "'2020-11-25', '2020-11-25', 'day', FALSE, '', FALSE, '')")
        for start in (0, 5):  # the same article linked twice to one event
            conn.exec_driver_sql(
                "INSERT INTO event_sources (event_id, article_id, start, \"end\", "
                "reported_earliest, reported_latest, reported_precision, figures, note) "
                f"VALUES (1, 1, {start}, 0, '2020-11-25', '2020-11-25', 'day', '{{}}', '')")


def test_deadline_migration_upgrades_an_older_store(file_url):
    engine = make_engine(file_url)
    fill_store_before_0005(engine)
    assert migrate(engine) == [n for n, _ in MIGRATIONS if n >= "0005"]
    assert migrate(engine) == []
    with engine.connect() as conn:
        assert str(conn.exec_driver_sql("SELECT deadline FROM events").scalar()) == "2020-11-25"
        assert conn.exec_driver_sql("SELECT count(*) FROM event_sources").scalar() == 1
    with engine.begin() as conn, pytest.raises(sa.exc.IntegrityError):
        conn.exec_driver_sql(
            "INSERT INTO event_sources (event_id, article_id, start, \"end\", "
            "reported_precision, figures, note) VALUES (1, 1, 9, 0, 'day', '{}', '')")


def test_0006_names_part_or_place_in_the_keys_and_keeps_stances(file_url):
    engine = make_engine(file_url)
    fill_store_before_0005(engine)
    with engine.begin() as conn:
        conn.exec_driver_sql(
            "INSERT INTO events (id, key, type, date_precision, long_span, note, disputed, "
            "dispute_note, district_id, place_id) VALUES (2, 'military_capture|AZ-SUS|"
            "azerbaijan|2020', 'military_capture', 'unknown', FALSE, '', FALSE, '', 'AZ-SUS', "
            "'shusha'), (3, 'agreement|nagorno-karabakh|-|2020', 'agreement', 'unknown', FALSE, "
            "'', FALSE, '', NULL, 'nagorno-karabakh')")
    assert "0006_parts_and_stances" in migrate(engine)
    with engine.connect() as conn:
        keys = dict(conn.exec_driver_sql("SELECT id, key FROM events").all())
        stances = conn.exec_driver_sql("SELECT DISTINCT stance FROM event_sources").all()
        denied = conn.exec_driver_sql("SELECT DISTINCT denied FROM events").all()
    assert keys[2] == "military_capture|AZ-SUS|shusha|azerbaijan|2020"
    assert keys[3] == "agreement|-|nagorno-karabakh|-|2020"
    assert stances == [("reports",)] and denied == [(0,)]


def test_an_upgrade_that_fails_leaves_the_store_as_it_was(file_url):
    engine = make_engine(file_url)
    migrate(engine, MIGRATIONS[:4])

    def broken(conn):
        raise RuntimeError("migration bug")

    with pytest.raises(RuntimeError):
        migrate(engine, [*MIGRATIONS, ("9999_broken", broken)])
    assert applied(engine) == [n for n, _ in MIGRATIONS[:4]]


def _columns(engine) -> dict[str, list[str]]:
    inspector = sa.inspect(engine)
    return {t: sorted(c["name"] for c in inspector.get_columns(t))
            for t in sorted(inspector.get_table_names())}


@pytest.mark.parametrize("n", range(1, len(MIGRATIONS)))
def test_each_migration_upgrades_an_older_store_like_a_fresh_one(new_url, n):
    fresh = make_engine(new_url("fresh"))
    migrate(fresh)
    old = make_engine(new_url("old"))
    migrate(old, MIGRATIONS[:n])
    with old.begin() as conn:
        conn.exec_driver_sql(
            "INSERT INTO articles (content_hash, published_how, ingested_at) "
            "VALUES ('h', 'missing', '2020-01-01 00:00:00')")
    assert migrate(old) == [name for name, _ in MIGRATIONS[n:]]
    assert _columns(old) == _columns(fresh)
    with old.connect() as conn:
        assert conn.exec_driver_sql("SELECT content_hash FROM articles").scalar() == "h"


def test_migrations_build_what_schema_py_describes(file_url):
    from karabakh_map.store import schema

    engine = make_engine(file_url)
    migrate(engine)
    assert _columns(engine) == {t.name: sorted(c.name for c in t.columns)
                                for t in schema.metadata.sorted_tables}


def test_migrations_use_no_live_schema_or_store_code():
    import inspect

    from karabakh_map.store import migrations

    source = inspect.getsource(migrations)
    assert "store import schema" not in source and "store.write" not in source


def test_postgresql_write_transactions_take_one_advisory_lock(monkeypatch):
    from karabakh_map.store import db

    # No PostgreSQL server or driver needed: the engine is a stand-in, the listener is real.
    stand_in = sa.create_engine("sqlite://")
    monkeypatch.setattr(db.sa, "create_engine", lambda url, **kw: stand_in)
    engine = db.make_engine("postgresql://user@localhost/karabakh")
    assert sa.event.contains(engine, "begin", db.pg_lock_on_begin)

    class FakeConnection:
        def __init__(self, options):
            self.options, self.sql = options, []

        def get_execution_options(self):
            return self.options

        def exec_driver_sql(self, sql):
            self.sql.append(sql)

    writer, reader = FakeConnection({db.IMMEDIATE: True}), FakeConnection({})
    db.pg_lock_on_begin(writer)
    db.pg_lock_on_begin(reader)
    assert writer.sql == [f"SELECT pg_advisory_xact_lock({db.PG_WRITE_LOCK})"]
    assert reader.sql == []
