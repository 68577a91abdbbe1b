"""`karabakh-map serve` becomes the Streamlit server: a signal to it stops the server."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from tests.conftest import REPO

pytestmark = pytest.mark.skipif(os.name != "posix", reason="exec replaces the process on POSIX")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _answers(port: int) -> bool:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as r:
            return r.status == 200
    except OSError:
        return False


def test_sigterm_to_serve_stops_the_server(tmp_path):
    port = _free_port()
    env = {**os.environ, "PYTHONPATH": str(REPO),
           "KARABAKH_MAP_DB": f"sqlite:///{tmp_path / 'store.sqlite'}"}
    proc = subprocess.Popen([sys.executable, "-m", "karabakh_map", "serve", "--port", str(port),
                             "--server.address=127.0.0.1"], cwd=tmp_path, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 120
        while not _answers(port):
            assert proc.poll() is None, "serve exited before the server answered"
            assert time.monotonic() < deadline, "server never answered"
            time.sleep(0.3)
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=30)
        deadline = time.monotonic() + 10
        while _answers(port) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert not _answers(port), "a server outlived the serve command"
    finally:
        if proc.poll() is None:
            proc.kill()


def _other_address() -> str | None:
    """An address of this machine that is not loopback, if it has one."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        try:
            s.connect(("192.0.2.1", 9))  # TEST-NET: nothing is sent for a UDP connect
            addr: str = s.getsockname()[0]
        except OSError:
            return None
    return None if addr.startswith("127.") else addr


def _accepts(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=2):
            return True
    except OSError:
        return False


def test_serve_listens_on_loopback_only_by_default_and_says_where(tmp_path):
    port = _free_port()
    env = {**os.environ, "PYTHONPATH": str(REPO),
           "KARABAKH_MAP_DB": f"sqlite:///{tmp_path / 'store.sqlite'}"}
    proc = subprocess.Popen([sys.executable, "-m", "karabakh_map", "serve", "--port", str(port)],
                            cwd=tmp_path, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 120
        while not _answers(port):
            assert proc.poll() is None, proc.communicate()
            assert time.monotonic() < deadline, "server never answered"
            time.sleep(0.3)
        other = _other_address()
        if other is not None:
            assert not _accepts(other, port), f"reachable on {other}"
    finally:
        proc.terminate()
        out, err = proc.communicate(timeout=30)
    assert f"karabakh-map: dashboard at http://127.0.0.1:{port} (this machine only" in err
    assert "Network URL" not in out + err


def test_serve_host_option_reaches_streamlit(monkeypatch):
    from click.testing import CliRunner

    from karabakh_map.cli_serve import serve

    seen: list[list[str]] = []

    def execv(exe: str, cmd: list[str]) -> None:
        seen.append(cmd)
        raise SystemExit(0)  # as if the process had become Streamlit

    monkeypatch.setattr(os, "execv", execv)
    result = CliRunner().invoke(serve, ["--host", "0.0.0.0", "--port", "9000"])
    assert result.exit_code == 0, result.output
    assert "--server.address=0.0.0.0" in seen[0] and "--server.port=9000" in seen[0]
    assert "open to the network" in result.output


def test_editor_flag_turns_the_review_page_on_only_when_given(monkeypatch):
    from click.testing import CliRunner

    from karabakh_map.cli_serve import serve
    from karabakh_map.editing import EDITOR_ENV

    seen: list[str | None] = []

    def execv(exe: str, cmd: list[str]) -> None:
        seen.append(os.environ.get(EDITOR_ENV))  # what the Streamlit process inherits
        raise SystemExit(0)

    monkeypatch.setattr(os, "execv", execv)
    monkeypatch.setenv(EDITOR_ENV, "1")  # left over in the shell: a reader must not edit
    assert CliRunner().invoke(serve, []).exit_code == 0
    result = CliRunner().invoke(serve, ["--editor"])
    assert result.exit_code == 0 and "the review page is on" in result.output
    assert seen == [None, "1"]


def test_serve_hands_freed_memory_back(monkeypatch):
    """The server starts with a lower glibc mmap threshold (large session values are freed
    back to the system: bench/bench_memory), unless the caller set one."""
    from click.testing import CliRunner

    from karabakh_map.cli_serve import MMAP_THRESHOLD, serve

    seen: list[str | None] = []

    def execv(exe: str, cmd: list[str]) -> None:
        seen.append(os.environ.get("MALLOC_MMAP_THRESHOLD_"))
        raise SystemExit(0)

    monkeypatch.setattr(os, "execv", execv)
    monkeypatch.delenv("MALLOC_MMAP_THRESHOLD_", raising=False)
    assert CliRunner().invoke(serve, []).exit_code == 0
    monkeypatch.setenv("MALLOC_MMAP_THRESHOLD_", "65536")
    assert CliRunner().invoke(serve, []).exit_code == 0
    assert seen == [MMAP_THRESHOLD, "65536"]
