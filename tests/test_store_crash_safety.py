"""Crash safety: a real `karabakh-map` process killed with SIGKILL (by the test, at chosen
points of a batch, or by itself inside a write transaction), then the same command run
again to completion, leaves the store the same as one that was never interrupted."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import time
from contextlib import closing
from pathlib import Path

import pytest
from click.testing import CliRunner

from karabakh_map.cli import main
from karabakh_map.store import open_store
from karabakh_map.store.db import make_engine
from karabakh_map.store.migrations import MIGRATIONS, applied
from tests.article_batch import (
    CLI,
    event_set,
    sqlite_path,
    store_problems,
    store_rows,
    subprocess_env,
    write_articles,
)
from tests.conftest import REPO
from tests.test_store_migrations import fill_store_before_0005

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


def articles_in(path: Path) -> int:
    with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=30)) as conn:
        return conn.execute("SELECT count(*) FROM articles").fetchone()[0]


def kill_when_stored(proc: subprocess.Popen[bytes], path: Path, n: int, log: Path) -> int:
    """SIGKILL `proc` once `n` articles are committed; return how many were at the kill."""
    while articles_in(path) < n:
        if proc.poll() is not None:
            pytest.fail(f"ingest ended ({proc.returncode}) before {n} articles were stored:\n"
                        + log.read_text(errors="replace"))
        time.sleep(POLL_S)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert proc.returncode == -signal.SIGKILL, "the batch finished before the kill"
    return articles_in(path)


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The batch folder, and a reference store that ingested it without interruption."""
    root = tmp_path_factory.mktemp("crash")
    folder = root / "batch"
    write_articles(folder, N_ARTICLES)
    ref = root / "reference.sqlite"
    cli("ingest", str(folder), "--db", f"sqlite:///{ref}")
    return folder, ref


def new_store(tmp_path: Path) -> tuple[str, Path]:
    url = f"sqlite:///{tmp_path / 'store.sqlite'}"
    open_store(url).engine.dispose()  # migrated, as after installing
    return url, sqlite_path(url)


def assert_same_as_reference(path: Path, ref: Path) -> None:
    assert store_problems(path) == []
    assert event_set(path) == event_set(ref)
    assert store_rows(path) == store_rows(ref)  # every table, every row, ids included


@pytest.mark.parametrize("kill_at", [12, 40])
def test_ingest_killed_mid_batch_then_rerun_equals_an_uninterrupted_run(
        tmp_path: Path, batch: tuple[Path, Path], kill_at: int) -> None:
    folder, ref = batch
    url, path = new_store(tmp_path)
    log = tmp_path / "ingest.log"
    proc = start([*CLI, "ingest", str(folder), "--db", url], log)
    stored = kill_when_stored(proc, path, kill_at, log)
    assert kill_at <= stored < N_ARTICLES
    assert store_problems(path) == []  # consistent already, before any repair
    cli("ingest", str(folder), "--db", url)
    assert articles_in(path) == N_ARTICLES
    assert_same_as_reference(path, ref)


def test_ingest_killed_inside_a_write_transaction_loses_only_that_article(
        tmp_path: Path, batch: tuple[Path, Path]) -> None:
    folder, ref = batch
    url, path = new_store(tmp_path)
    dying = 25
    proc = subprocess.run([*CLI[:-1], DIE_IN_WRITE, str(dying), "ingest", str(folder),
                           "--db", url], env=subprocess_env(), cwd=REPO, capture_output=True)
    assert proc.returncode == -signal.SIGKILL, proc.stderr.decode(errors="replace")
    assert articles_in(path) == dying - 1  # the 25th was written, never committed
    assert store_problems(path) == []
    cli("ingest", str(folder), "--db", url)
    assert_same_as_reference(path, ref)


def test_load_demo_killed_inside_a_write_then_rerun_equals_one_load(tmp_path: Path) -> None:
    url, path = new_store(tmp_path)
    proc = subprocess.run([*CLI[:-1], DIE_IN_WRITE, "2", "db", "load-demo", "--db", url],
                          env=subprocess_env(), cwd=REPO, capture_output=True)
    assert proc.returncode == -signal.SIGKILL, proc.stderr.decode(errors="replace")
    assert articles_in(path) == 1
    cli("db", "load-demo", "--db", url)
    ref_url, ref = new_store(tmp_path / "ref")
    cli("db", "load-demo", "--db", ref_url)
    assert store_problems(path) == []
    assert store_rows(path) == store_rows(ref)


def old_store(path: Path) -> str:
    """A store left at migration 0004, holding a doubled source link that 0005 thins out."""
    url = f"sqlite:///{path}"
    engine = make_engine(url)
    fill_store_before_0005(engine)
    engine.dispose()
    return url


def test_migration_killed_before_its_commit_is_applied_whole_on_the_next_run(
        tmp_path: Path) -> None:
    url = old_store(tmp_path / "store.sqlite")
    last = MIGRATIONS[-1][0]
    proc = subprocess.run([*CLI[:-1], DIE_IN_MIGRATION, last, "db", "migrate", "--db", url],
                          env=subprocess_env(), cwd=REPO, capture_output=True)
    assert proc.returncode == -signal.SIGKILL, proc.stderr.decode(errors="replace")
    engine = make_engine(url)
    # the upgrade is one transaction: none of it stayed, not even the migrations before
    assert applied(engine) == [name for name, _ in MIGRATIONS if name < "0005"]
    assert "article_captures" not in sqlite_tables(sqlite_path(url))
    engine.dispose()
    cli("db", "migrate", "--db", url)
    ref_url = old_store(tmp_path / "ref.sqlite")
    cli("db", "migrate", "--db", ref_url)
    path = sqlite_path(url)
    assert store_problems(path) == []
    assert sqlite_schema(path) == sqlite_schema(sqlite_path(ref_url))
    assert store_rows(path) == store_rows(sqlite_path(ref_url))


def sqlite_tables(path: Path) -> set[str]:
    with closing(sqlite3.connect(path)) as conn:
        return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}


def sqlite_schema(path: Path) -> list[tuple[str, str, str]]:
    with closing(sqlite3.connect(path)) as conn:
        return sorted(conn.execute("SELECT type, name, sql FROM sqlite_master"))
