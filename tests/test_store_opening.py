"""Opening a store (karabakh_map.store.opening): one clear line for what is not a store of
ours, nothing written to another application's or a newer store, read-only stores read."""

from __future__ import annotations

import hashlib
import importlib.util
import os
import shutil
import sqlite3
import stat
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from karabakh_map.cli import main
from karabakh_map.demo import open_with_demo
from karabakh_map.store import open_store
from karabakh_map.store.db import StoreUnavailable


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


def one_line_error(code: int, output: str) -> str:
    assert code == 1, output
    lines = output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), output
    assert "Traceback" not in output
    return lines[0]


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite"
    open_with_demo(f"sqlite:///{path}", load_demo=True).engine.dispose()
    return path


@pytest.mark.parametrize(("url", "says"), [
    ("mysql://user@host/db", "mysql:// stores are not supported"),
    ("garbage", "not a store URL: 'garbage'"),
    ("sqlite:////dev/null", "is not a regular file"),
])
def test_bad_urls(url: str, says: str) -> None:
    assert says in one_line_error(*run("db", "info", "--db", url))


def test_a_folder_is_not_a_store(tmp_path: Path) -> None:
    line = one_line_error(*run("state", "--date", "2020-11-25", "--db", f"sqlite:///{tmp_path}"))
    assert "is a folder" in line and "events.sqlite" in line
    assert list(tmp_path.iterdir()) == []


def test_postgresql_without_its_driver(monkeypatch: pytest.MonkeyPatch) -> None:
    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec",
                        lambda name, *a: None if name == "psycopg" else real(name, *a))
    line = one_line_error(*run("db", "info", "--db", "postgresql://u@localhost/kbm"))
    assert "driver (psycopg 3) is not installed" in line


def _garbage(path: Path, demo: Path) -> None:
    path.write_bytes(os.urandom(5000))


def _bad_pages(path: Path, demo: Path) -> None:
    path.write_bytes(b"SQLite format 3\x00" + os.urandom(3000))


def _cut(path: Path, demo: Path) -> None:
    path.write_bytes(demo.read_bytes()[:20_000])


def _other_app(path: Path, demo: Path) -> None:
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT)")
        conn.execute("INSERT INTO users VALUES (1, 'x')")
    conn.close()


def _rails(path: Path, demo: Path) -> None:  # another schema_migrations table
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE schema_migrations (version TEXT)")
    conn.close()


def _newer(path: Path, demo: Path) -> None:
    shutil.copy(demo, path)
    with sqlite3.connect(path) as conn:
        conn.execute("INSERT INTO schema_migrations VALUES ('0099_from_the_future', "
                     "'2030-01-01 00:00:00')")
    conn.close()


@pytest.mark.parametrize(("make", "says"), [
    (_garbage, "is not an SQLite database"),
    (_bad_pages, "is damaged or not a database (file is not a database)"),
    (_cut, "is damaged: cut short (20,000 of"),
    (_other_app, "is not a karabakh-map store (it holds tables users"),
    (_rails, "is not a karabakh-map store"),
    (_newer, "was written by a newer karabakh-map (migration 0099_from_the_future"),
])
@pytest.mark.parametrize("command", [["db", "info"], ["ingest", "x.txt"],
                                     ["export", "--events-csv", "{tmp}/e.csv"]],
                         ids=lambda c: c[0])
def test_damaged_foreign_and_newer_stores_are_refused_untouched(
        make, says: str, command: list[str], tmp_path: Path, demo_file: Path) -> None:
    path = tmp_path / "store.sqlite"
    make(path, demo_file)
    (tmp_path / "x.txt").write_text("Azerbaijani forces entered Lachin on 1 December 2020.")
    before, files = sha(path), sorted(p.name for p in tmp_path.iterdir())
    args = [a.replace("{tmp}", str(tmp_path)) for a in command]
    args = [str(tmp_path / a) if a == "x.txt" else a for a in args]
    line = one_line_error(*run(*args, "--db", f"sqlite:///{path}"))
    assert says in line
    assert sha(path) == before
    # A WAL store's reader may leave its lock file; nothing else appears (no export).
    assert {p.name for p in tmp_path.iterdir()} - set(files) <= {"store.sqlite-shm",
                                                                  "store.sqlite-wal"}


def test_a_new_store_says_it_was_created(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'sub' / 'new.sqlite'}"
    first = open_store(url)
    assert first.created and not first.read_only
    first.engine.dispose()
    again = open_store(url)
    assert not again.created
    again.engine.dispose()


def test_library_refusal_is_store_unavailable(tmp_path: Path) -> None:
    _other_app(tmp_path / "o.sqlite", tmp_path)
    with pytest.raises(StoreUnavailable, match="not a karabakh-map store"):
        open_store(f"sqlite:///{tmp_path / 'o.sqlite'}")


@pytest.fixture
def read_only_store(demo_file: Path) -> Iterator[Path]:
    """A copy of the demo store in a folder that neither it nor the test user may write
    (a folder under /tmp that the unprivileged user can reach)."""
    folder = Path(tempfile.mkdtemp(prefix="kbm-ro-"))
    path = folder / "store.sqlite"
    shutil.copy(demo_file, path)
    path.chmod(0o444)
    folder.chmod(0o555)
    yield path
    folder.chmod(0o755)
    shutil.rmtree(folder)


def _as_unprivileged(args: list[str]) -> subprocess.CompletedProcess[str]:
    """Run the CLI as a user without write permission (root writes anywhere)."""
    cmd = [sys.executable, "-m", "karabakh_map.cli", *args]
    if os.geteuid() == 0:
        if not shutil.which("setpriv"):
            pytest.skip("running as root without setpriv: cannot drop privileges")
        cmd = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", *cmd]
    env = {**os.environ, "HOME": "/tmp", "PYTHONDONTWRITEBYTECODE": "1"}
    return subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=120,
                          cwd="/tmp")


@pytest.mark.parametrize("command", [["state", "--date", "2020-11-25"],
                                     ["events", "--date", "2020-11-25"],
                                     ["db", "info"]], ids=" ".join)
def test_read_commands_read_a_store_in_a_read_only_folder(read_only_store: Path,
                                                          command: list[str]) -> None:
    before = sha(read_only_store)
    done = _as_unprivileged([*command, "--db", f"sqlite:///{read_only_store}"])
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    assert done.stdout.strip()
    assert sha(read_only_store) == before
    assert sorted(p.name for p in read_only_store.parent.iterdir()) == ["store.sqlite"]
    assert stat.S_IMODE(read_only_store.parent.stat().st_mode) == 0o555
