"""The sample production deployment in deploy/: Streamlit config, nginx config, start script."""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import tomllib
import urllib.request
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
DEPLOY = REPO / "deploy"
ST_CONFIG = DEPLOY / ".streamlit" / "config.toml"
NGINX_CONF = DEPLOY / "nginx.conf"
START = DEPLOY / "start.sh"
REQUIRED = {
    "server.enableXsrfProtection": True,
    "server.enableCORS": True,
    "server.fileWatcherType": "none",
    "server.enableWebsocketCompression": True,
    "server.headless": True,
    "server.enableStaticServing": False,  # map files come from the cache folder, not static/
    "browser.gatherUsageStats": False,
    "runner.postScriptGC": False,  # measured: a full collection per rerun, ~3/4 of its CPU
}


def _flat(path: Path) -> dict[str, object]:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return {f"{section}.{key}": value for section, options in data.items()
            for key, value in options.items()}


def _rig():
    """bench/deploy_rig.py, which renders deploy/nginx.conf for a run on loopback ports."""
    sys.path.insert(0, str(REPO / "bench"))
    try:
        import deploy_rig
    finally:
        sys.path.remove(str(REPO / "bench"))
    return deploy_rig


def test_streamlit_options_exist_with_their_types():
    from streamlit import config

    options = config._config_options_template
    for key, value in _flat(ST_CONFIG).items():
        assert key in options, f"{key} is not an option of Streamlit {_st_version()}"
        want = options[key].type
        if want in (bool, int, str):
            assert type(value) is want, f"{key} = {value!r} is not a {want.__name__}"


def test_streamlit_production_values():
    flat = _flat(ST_CONFIG)
    wrong = {k: flat.get(k) for k, v in REQUIRED.items() if flat.get(k) != v}
    assert wrong == {}
    assert "server.cookieSecret" not in flat  # a secret comes from the environment


def test_streamlit_keeps_the_repository_look():
    """Whatever the development config sets (theme, toolbar) the production one sets alike."""
    dev, prod = _flat(REPO / ".streamlit" / "config.toml"), _flat(ST_CONFIG)
    differ = {k: (v, prod.get(k)) for k, v in dev.items() if prod.get(k) != v}
    assert differ == {}


def _st_version() -> str:
    import streamlit

    return streamlit.__version__


def _nginx_text() -> str:
    return NGINX_CONF.read_text(encoding="utf-8")


def test_nginx_frames_only_for_listed_origins():
    text = _nginx_text()
    csp = re.search(r'add_header Content-Security-Policy "frame-ancestors ([^"]+)" always;', text)
    assert csp, "no frame-ancestors header"
    sources = csp.group(1).split()
    assert "'self'" in sources  # the map is a same-origin component frame
    assert all(s == "'self'" or s.startswith("https://") for s in sources)
    assert "*" not in sources


def test_nginx_upgrades_the_websocket():
    text = _nginx_text()
    stream = re.search(r"location /_stcore/stream \{(.*?)\}", text, re.S)
    assert stream and "proxy_pass http://karabakh_map;" in stream.group(1)
    assert "proxy_http_version 1.1;" in text
    assert "proxy_set_header Upgrade $http_upgrade;" in text
    assert "proxy_set_header Connection $connection_upgrade;" in text
    assert re.search(r"map \$http_upgrade \$connection_upgrade \{\s*default upgrade;", text)
    # Streamlit compares the websocket's Origin with Host, port included.
    assert "proxy_set_header Host $http_host;" in text


def test_nginx_upstream_is_sticky():
    text = _nginx_text()
    upstream = re.search(r"upstream karabakh_map \{(.*?)\}", text, re.S)
    assert upstream
    body = upstream.group(1)
    assert re.search(r"^\s*(ip_hash;|hash \$\w+( consistent)?;)", body, re.M)
    assert len(re.findall(r"^\s*server 127\.0\.0\.1:\d+;", body, re.M)) >= 2
    # The route cookie is set only when the browser has none.
    assert re.search(r'map \$cookie_kbm_route \$kbm_set_route \{\s*""\s+"kbm_route=', text)


def test_nginx_compresses_assets_and_never_caches_the_shell():
    text = _nginx_text()
    assert re.search(r"^\s*gzip on;", text, re.M)
    types = re.search(r"gzip_types ([^;]+);", text)
    assert types and {"application/javascript", "text/css"} <= set(types.group(1).split())
    assert re.search(r'"~\*\^text/html"\s+"no-cache";', text)
    assert "proxy_cache " not in text


@pytest.mark.skipif(shutil.which("nginx") is None and not Path("/usr/sbin/nginx").exists(),
                    reason="nginx is not installed (apt-get install nginx)")
def test_nginx_accepts_the_config(tmp_path: Path):
    rig = _rig()
    conf = tmp_path / "nginx.conf"
    conf.write_text(rig.render_nginx(_nginx_text(), 18080, [18501, 18502], tmp_path))
    result = subprocess.run([rig.NGINX, "-t", "-c", str(conf)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_start_script_is_valid_sh():
    result = subprocess.run(["sh", "-n", str(START)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def _healthy(port: int, proc: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"start.sh exited with {proc.returncode}:\n{log.read_text()[-2000:]}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2):
                return
        except OSError:
            time.sleep(0.1)  # poll interval
    pytest.fail(f"no answer on port {port}:\n{log.read_text()[-2000:]}")


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.skipif(sys.platform != "linux", reason="reads /proc")
def test_start_script_runs_with_the_config_and_stops_everything(tmp_path: Path):
    """One process from start.sh: it reads deploy/'s config (bound to 127.0.0.1 only) and
    SIGTERM to the script alone stops the Streamlit server it started."""
    rig = _rig()
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = rig.cli_env(tmp_path, KARABAKH_MAP_DB=f"sqlite:///{tmp_path / 'store.sqlite'}")
    log = tmp_path / "start.log"
    proc = rig.start_processes(1, port, env, log)
    members: list[int] = []
    try:
        _healthy(port, proc, log)
        members = [p for p in rig.descendants(proc.pid) if "streamlit" in rig.cmdline(p)]
        assert members, "no Streamlit process under start.sh"
        assert f"started on 127.0.0.1:{port}" in log.read_text()
    finally:
        os.kill(proc.pid, signal.SIGTERM)  # the script only, as a supervisor would
        proc.wait(30)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and any(_alive(p) for p in members):
        time.sleep(0.1)  # poll for the children's exit
    left = [p for p in members if _alive(p)]
    if left:
        rig.stop_group(proc)
    assert left == []
