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
import urllib.error
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
    "client.showErrorDetails": "none",  # no tracebacks for visitors (False means "stacktrace")
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
    sources = _csp()["frame-ancestors"]
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


# --- Content-Security-Policy and the other headers (issue 14) ---------------------------

def _csp() -> dict[str, list[str]]:
    m = re.search(r'add_header Content-Security-Policy "([^"]+)" always;', _nginx_text())
    assert m, "no Content-Security-Policy header"
    return {d.split()[0]: d.split()[1:] for d in m.group(1).split(";") if d.strip()}


def test_nginx_csp_limits_scripts_and_frames():
    csp = _csp()
    scripts = csp["script-src"]
    assert "'self'" in scripts and "*" not in scripts
    assert "'unsafe-inline'" not in scripts and "'unsafe-eval'" not in scripts
    assert not [s for s in scripts if s.startswith(("http:", "https:"))]  # no foreign host
    assert csp["frame-src"] == ["'self'"] and csp["object-src"] == ["'none'"]
    assert csp["base-uri"] == ["'self'"] and csp["default-src"] == ["'self'"]
    assert re.search(r"^\s*add_header X-Content-Type-Options nosniff always;", _nginx_text(), re.M)


def test_nginx_csp_hash_is_streamlits_inline_script():
    """The one inline script of Streamlit's page, allowed by its hash: still the same in the
    installed version (else the browser logs a refusal; nothing else breaks)."""
    import base64
    import hashlib

    import streamlit

    index = Path(streamlit.__file__).parent / "static" / "index.html"
    inline = re.findall(r"<script>(.*?)</script>", index.read_text(encoding="utf-8"), re.S)
    hashes = {"'sha256-" + base64.b64encode(hashlib.sha256(s.encode()).digest()).decode() + "'"
              for s in inline}
    assert hashes <= set(_csp()["script-src"])


def test_nginx_hides_the_metrics():
    block = re.search(r"location = /_stcore/metrics \{(.*?)\}", _nginx_text(), re.S)
    assert block and "return 404;" in block.group(1)


@pytest.mark.browser
@pytest.mark.skipif(sys.platform != "linux" or _rig().NGINX is None,
                    reason="needs Linux and nginx")
def test_dashboard_works_behind_the_proxy_with_its_headers(tmp_path: Path):
    """A smoke run: start.sh (one process) behind nginx with the sample config; the page,
    the map frame and the events chart render with no CSP refusal in the console; the
    headers are on the page and the frame; the metrics are hidden from visitors."""
    from tests.support.browser_support import chromium

    rig = _rig()
    ports = []
    for _ in range(2):
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            ports.append(s.getsockname()[1])
    app_port, proxy_port = ports
    env = rig.cli_env(tmp_path, KARABAKH_MAP_DB=f"sqlite:///{tmp_path / 'store.sqlite'}",
                      KARABAKH_MAP_CACHE_DIR=str(tmp_path / "cache"))
    log = tmp_path / "start.log"
    procs = rig.start_processes(1, app_port, env, log)
    conf = tmp_path / "nginx.conf"
    conf.write_text(rig.render_nginx(_nginx_text(), proxy_port, [app_port], tmp_path))
    nginx = None
    try:
        _healthy(app_port, procs, log)
        nginx = rig.start_nginx(conf, tmp_path / "nginx.log")
        base = f"http://127.0.0.1:{proxy_port}"
        deadline = time.monotonic() + 30
        while True:
            try:
                socket.create_connection(("127.0.0.1", proxy_port), timeout=1).close()
                break
            except OSError:
                assert time.monotonic() < deadline, "nginx never listened"
                time.sleep(0.1)  # poll until nginx listens
        with urllib.request.urlopen(base + "/", timeout=10) as r:
            assert r.headers["X-Content-Type-Options"] == "nosniff"
            assert "script-src 'self'" in r.headers["Content-Security-Policy"]
        with pytest.raises(urllib.error.HTTPError) as hidden:
            urllib.request.urlopen(base + "/_stcore/metrics", timeout=10)
        assert hidden.value.code == 404
        with urllib.request.urlopen(f"http://127.0.0.1:{app_port}/_stcore/metrics",
                                    timeout=10) as r:
            assert r.status == 200  # still there for the operator, on the process's port
        refusals: list[str] = []
        with chromium() as browser:
            page = browser.new_page()
            page.on("console", lambda m: refusals.append(m.text)
                    if "Content Security Policy" in m.text else None)
            page.set_default_timeout(60_000)
            try:
                page.goto(base + "/")
                frame = page.frame_locator('iframe[title="streamlit_folium.st_folium"]')
                frame.locator(".leaflet-container[data-kbm-ready]").wait_for()
                page.get_by_text("Events over time (chart)").click()
                page.locator('[data-testid="stVegaLiteChart"] canvas, '
                             '[data-testid="stVegaLiteChart"] svg').first.wait_for()
                page.wait_for_timeout(1_000)  # late refusals reach the console
            except Exception as exc:
                raise AssertionError(f"{exc}\nrefused: {refusals}") from exc
        assert refusals == []
    finally:
        if nginx is not None:
            rig.stop_group(nginx)
        rig.stop_group(procs)


@pytest.mark.parametrize(("url", "want"), [
    ("sqlite:///rel.db", "sqlite:///{cwd}/rel.db"),
    ("sqlite+pysqlite:///sub/rel.db?timeout=5", "sqlite+pysqlite:///{cwd}/sub/rel.db?timeout=5"),
    ("sqlite:////abs/store.db", "sqlite:////abs/store.db"),
    ("sqlite://", "sqlite://"),
    ("postgresql://u@h/db", "postgresql://u@h/db"),
])
def test_start_script_resolves_a_relative_store_from_where_it_started(tmp_path: Path, url: str,
                                                                      want: str):
    """start.sh moves to deploy/; a relative SQLite path must still name a file where the
    script was started. Checked with a stand-in `karabakh-map` that prints the URL it got."""
    bindir = tmp_path / "bin"
    bindir.mkdir()
    fake = bindir / "karabakh-map"
    fake.write_text('#!/bin/sh\necho "db=$KARABAKH_MAP_DB"\n')
    fake.chmod(0o755)
    env = {**os.environ, "PATH": f"{bindir}{os.pathsep}{os.environ['PATH']}",
           "KARABAKH_MAP_DB": url}
    run = subprocess.run(["sh", str(START), "1", "18999"], cwd=tmp_path, env=env,
                         capture_output=True, text=True, timeout=30)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "db=" + want.format(cwd=tmp_path)
