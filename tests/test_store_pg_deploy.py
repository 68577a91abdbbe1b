"""deploy/postgres: the start script creates the role and the database and migrates (and
again changes nothing), the store works through the URL it builds, and backup.sh writes a
pg_dump that pg_restore can read."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import sqlalchemy as sa

from tests.conftest import REPO
from tests.support.pg_support import bin_dir

DEPLOY = REPO / "deploy" / "postgres"


def run(script: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    proc = subprocess.run(["sh", str(DEPLOY / script)], env=env, capture_output=True,
                          text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return proc


def test_scripts_are_valid_sh() -> None:
    for script in ("start.sh", "backup.sh", "common.sh"):
        subprocess.run(["sh", "-n", str(DEPLOY / script)], check=True)


def test_start_then_backup_on_a_real_server(pg_base: str, tmp_path: Path) -> None:
    tools = bin_dir()
    if tools is None:
        pytest.skip("no PostgreSQL client tools")
    server = sa.make_url(pg_base)
    name = f"deploy_{os.getpid()}"
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}:{tools}:{os.environ['PATH']}",
           "PGHOST": server.host or "127.0.0.1", "PGPORT": str(server.port or 5432),
           "PGADMIN": server.username or "postgres", "KARABAKH_DB_NAME": name,
           "KARABAKH_DB_USER": name, "KARABAKH_DB_PASSWORD": "s3cret pass",
           "KARABAKH_MAP_DB": f"postgresql://{name}:s3cret%20pass@{server.host}:"
                              f"{server.port}/{name}",
           "KARABAKH_BACKUP_DIR": str(tmp_path / "backups"), "PYTHONPATH": str(REPO)}
    admin = sa.create_engine(pg_base, isolation_level="AUTOCOMMIT")
    try:
        first = run("start.sh", env)
        assert "creating role" in first.stderr and "creating database" in first.stderr
        again = run("start.sh", env)
        assert "creating" not in again.stderr and "migrations: 0001" in again.stdout
        subprocess.run([sys.executable, "-m", "karabakh_map.cli", "db", "load-demo",
                        "--db", env["KARABAKH_MAP_DB"]], env=env, check=True,
                       capture_output=True)
        dump = Path(run("backup.sh", env).stdout.strip())
        assert dump.parent == tmp_path / "backups" and dump.stat().st_size > 0
        listing = subprocess.run([str(tools / "pg_restore"), "--list", str(dump)],
                                 capture_output=True, text=True, check=True).stdout
        assert "TABLE DATA public events" in listing and "schema_migrations" in listing
    finally:
        with admin.connect() as conn:
            conn.exec_driver_sql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
            conn.exec_driver_sql(f"DROP ROLE IF EXISTS {name}")
        admin.dispose()
