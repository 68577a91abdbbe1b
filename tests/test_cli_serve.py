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
