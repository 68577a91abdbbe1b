"""Crash safety: a real `karabakh-map` process killed with SIGKILL (by the test, at chosen
points of a batch, or by itself inside a write transaction), then the same command run
again to completion, leaves the store the same as one that was never interrupted (on
SQLite and on PostgreSQL)."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import time
from contextlib import closing
from pathlib import Path

import pytest
import sqlalchemy as sa
from click.testing import CliRunner

from karabakh_map.cli import main
from karabakh_map.store import open_store
from karabakh_map.store.db import make_engine
from karabakh_map.store.migrations import MIGRATIONS, applied
from tests.conftest import BOTH, REPO
from tests.support import pg_support
from tests.support.article_batch import CLI, sqlite_path, subprocess_env, write_articles
from tests.support.store_check import count, event_set, schema_of, store_problems, store_rows
from tests.test_store_migrations import fill_store_before_0005

STORE_BACKENDS = BOTH

pytest.importorskip("geodata.gazetteer")

N_ARTICLES = 60
POLL_S = 0.005

# The same CLI, with SIGKILL sent to itself at a chosen point: right after the N-th
# article's rows are written, inside its transaction, before the commit.
DIE_IN_WRITE = """
import os, signal, sys
from karabakh_map.store import write
real, n, done = write.finish_merges, int(sys.argv[1]), []
def finish_then_die(conn, pending):
    real(conn, pending)
    done.append(1)
    if len(done) == n:
        os.kill(os.getpid(), signal.SIGKILL)
write.finish_merges = finish_then_die
from karabakh_map.cli import main
main(sys.argv[2:])
"""
# ... or right after migration NAME has run, before its transaction commits.
DIE_IN_MIGRATION = """
import os, signal, sys
from karabakh_map.store import migrations
def run_then_die(step):
    def run(conn):
        step(conn)
        os.kill(os.getpid(), signal.SIGKILL)
    return run
migrations.MIGRATIONS[:] = [(n, run_then_die(s) if n == sys.argv[1] else s)
                            for n, s in migrations.MIGRATIONS]
from karabakh_map.cli import main
main(sys.argv[2:])
"""


def cli(*args: str) -> None:
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == 0, result.output + result.stderr


def start(argv: list[str], log: Path) -> subprocess.Popen[bytes]:
    with open(log, "wb") as out:
        return subprocess.Popen(argv, stdout=out, stderr=subprocess.STDOUT,
                                env=subprocess_env(), cwd=REPO)


def articles_in(url: str) -> int:
    if not url.startswith("sqlite"):
        return count(url, "articles")
    path = sqlite_path(url)
    with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=30)) as conn:
        return int(conn.execute("SELECT count(*) FROM articles").fetchone()[0])


def kill_when_stored(proc: subprocess.Popen[bytes], url: str, n: int, log: Path) -> int:
    """SIGKILL `proc` once `n` articles are committed; return how many were at the kill."""
    while articles_in(url) < n:
        if proc.poll() is not None:
            pytest.fail(f"ingest ended ({proc.returncode}) before {n} articles were stored:\n"
                        + log.read_text(errors="replace"))
        time.sleep(POLL_S)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert proc.returncode == -signal.SIGKILL, "the batch finished before the kill"
    return articles_in(url)


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The batch folder."""
    folder = tmp_path_factory.mktemp("crash") / "batch"
    write_articles(folder, N_ARTICLES)
    return folder


_REFERENCES: dict[str, str] = {}


@pytest.fixture
def batch(folder: Path, backend: str, tmp_path_factory: pytest.TempPathFactory,
          request: pytest.FixtureRequest) -> tuple[Path, str]:
    """The batch folder, and a store on the test's backend that ingested it without
    interruption (made once per backend)."""
    if backend not in _REFERENCES:
        ref = (f"sqlite:///{tmp_path_factory.mktemp('ref') / 'reference.sqlite'}"
               if backend == "sqlite"
               else pg_support.schema_url(request.getfixturevalue("pg_base")))
        cli("ingest", str(folder), "--db", ref)
        _REFERENCES[backend] = ref
    return folder, _REFERENCES[backend]


def new_store(url: str) -> str:
    open_store(url).engine.dispose()  # migrated, as after installing
    return url


def assert_same_as_reference(url: str, ref: str) -> None:
    assert store_problems(url) == []
    assert event_set(url) == event_set(ref)
    # every table, every row (SQLite: ids included; PostgreSQL: ids by natural key)
    assert store_rows(url) == store_rows(ref)


@pytest.mark.parametrize("kill_at", [12, 40])
def test_ingest_killed_mid_batch_then_rerun_equals_an_uninterrupted_run(
        tmp_path: Path, file_url: str, batch: tuple[Path, str], kill_at: int) -> None:
    folder, ref = batch
    url = new_store(file_url)
    log = tmp_path / "ingest.log"
    proc = start([*CLI, "ingest", str(folder), "--db", url], log)
    stored = kill_when_stored(proc, url, kill_at, log)
    assert kill_at <= stored < N_ARTICLES
    assert store_problems(url) == []  # consistent already, before any repair
    cli("ingest", str(folder), "--db", url)
    assert articles_in(url) == N_ARTICLES
    assert_same_as_reference(url, ref)


def test_ingest_killed_inside_a_write_transaction_loses_only_that_article(
        file_url: str, batch: tuple[Path, str]) -> None:
    folder, ref = batch
    url = new_store(file_url)
    dying = 25
    proc = subprocess.run([*CLI[:-1], DIE_IN_WRITE, str(dying), "ingest", str(folder),
                           "--db", url], env=subprocess_env(), cwd=REPO, capture_output=True)
    assert proc.returncode == -signal.SIGKILL, proc.stderr.decode(errors="replace")
    assert articles_in(url) == dying - 1  # the 25th was written, never committed
    assert store_problems(url) == []
    cli("ingest", str(folder), "--db", url)
    assert_same_as_reference(url, ref)


def test_load_demo_killed_inside_a_write_then_rerun_equals_one_load(new_url) -> None:
    url = new_store(new_url("store"))
    proc = subprocess.run([*CLI[:-1], DIE_IN_WRITE, "2", "db", "load-demo", "--db", url],
                          env=subprocess_env(), cwd=REPO, capture_output=True)
    assert proc.returncode == -signal.SIGKILL, proc.stderr.decode(errors="replace")
    assert articles_in(url) == 1
    cli("db", "load-demo", "--db", url)
    ref_url = new_store(new_url("ref"))
    cli("db", "load-demo", "--db", ref_url)
    assert store_problems(url) == []
    assert store_rows(url) == store_rows(ref_url)


def old_store(url: str) -> str:
    """A store left at migration 0004, holding a doubled source link that 0005 thins out."""
    engine = make_engine(url)
    fill_store_before_0005(engine)
    engine.dispose()
    return url


def test_migration_killed_before_its_commit_is_applied_whole_on_the_next_run(
        new_url) -> None:
    url = old_store(new_url("store"))
    last = MIGRATIONS[-1][0]
    proc = subprocess.run([*CLI[:-1], DIE_IN_MIGRATION, last, "db", "migrate", "--db", url],
                          env=subprocess_env(), cwd=REPO, capture_output=True)
    assert proc.returncode == -signal.SIGKILL, proc.stderr.decode(errors="replace")
    engine = make_engine(url)
    # the upgrade is one transaction: none of it stayed, not even the migrations before
    assert applied(engine) == [name for name, _ in MIGRATIONS if name < "0005"]
    assert "article_captures" not in sa.inspect(engine).get_table_names()
    engine.dispose()
    cli("db", "migrate", "--db", url)
    ref_url = old_store(new_url("ref"))
    cli("db", "migrate", "--db", ref_url)
    assert store_problems(url) == []
    if url.startswith("sqlite"):  # the very DDL text
        assert sqlite_schema(sqlite_path(url)) == sqlite_schema(sqlite_path(ref_url))
    assert schema_of(url) == schema_of(ref_url)
    assert store_rows(url) == store_rows(ref_url)


def sqlite_schema(path: Path) -> list[tuple[str, str, str]]:
    with closing(sqlite3.connect(path)) as conn:
        return sorted(conn.execute("SELECT type, name, sql FROM sqlite_master"))
