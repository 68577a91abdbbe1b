"""Run the sample deployment (deploy/) for a benchmark: N dashboard processes started by
deploy/start.sh, nginx in front of them with deploy/nginx.conf, and per-process CPU and
memory read from /proc (Linux only).
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

# Its own ROOT (no bench imports): tests/test_deploy.py loads this module on its own.
ROOT = Path(__file__).resolve().parent.parent
DEPLOY = ROOT / "deploy"
NGINX = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)
CLK_TCK = os.sysconf("SC_CLK_TCK")
PAGE = os.sysconf("SC_PAGE_SIZE")


def cli_env(workdir: Path, **extra: str) -> dict[str, str]:
    """The environment for deploy/start.sh: `karabakh-map` on PATH, the repo importable.

    Uses the console script next to this Python (an installed project, e.g. dev.py's .venv),
    else writes a two-line `karabakh-map` wrapper (python -m karabakh_map.cli) in workdir.
    """
    here = Path(sys.executable).parent
    if (here / "karabakh-map").exists():
        bindir = here
    else:
        bindir = workdir / "bin"
        bindir.mkdir(exist_ok=True)
        wrapper = bindir / "karabakh-map"
        wrapper.write_text(f'#!/bin/sh\nexec {sys.executable} -m karabakh_map.cli "$@"\n')
        wrapper.chmod(0o755)
    path = f"{bindir}{os.pathsep}{os.environ.get('PATH', '')}"
    return dict(os.environ, PATH=path, PYTHONPATH=str(ROOT), **extra)


def start_processes(n: int, first_port: int, env: dict[str, str], log: Path) -> subprocess.Popen:
    """deploy/start.sh N FIRST_PORT in its own process group (stop it with `stop_group`)."""
    with log.open("wb") as out:
        return subprocess.Popen(["sh", str(DEPLOY / "start.sh"), str(n), str(first_port)],
                                env=env, stdout=out, stderr=subprocess.STDOUT,
                                start_new_session=True)


def stop_group(proc: subprocess.Popen, timeout: float = 15.0) -> None:
    """SIGTERM the process group `proc` leads, SIGKILL it if it is still there after timeout."""
    try:
        os.killpg(proc.pid, signal.SIGTERM)
    except ProcessLookupError:
        return
    try:
        proc.wait(timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(5)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:  # the Streamlit children exit after the script
        try:
            os.killpg(proc.pid, 0)
        except ProcessLookupError:
            return
        time.sleep(0.1)
    os.killpg(proc.pid, signal.SIGKILL)


def render_nginx(sample: str, listen_port: int, upstream_ports: list[int], workdir: Path) -> str:
    """deploy/nginx.conf adapted to a test run: listen on a loopback port, proxy to the given
    processes, pid and logs in workdir (and temp files too, unless running as root, when the
    sample's `user` and the packaged temp folders work)."""
    def sub(pattern: str, repl: str, text: str, count: int = 1) -> str:
        new, n = re.subn(pattern, repl, text, count=count, flags=re.M)
        if n == 0:
            raise ValueError(f"deploy/nginx.conf: no line matches {pattern!r}")
        return new

    servers = "".join(f"        server 127.0.0.1:{p};\n" for p in upstream_ports)
    text = sub(r"^(\s*server 127\.0\.0\.1:\d+;\n)+", servers, sample)
    text = sub(r"^(\s*)listen 80;", rf"\1listen 127.0.0.1:{listen_port};", text)
    text = sub(r"^pid .*;", f"pid {workdir / 'nginx.pid'};", text)
    text = sub(r"^error_log .*;", f"error_log {workdir / 'nginx-error.log'};", text)
    text = sub(r"^(\s*)access_log .*;", rf"\1access_log {workdir / 'nginx-access.log'};", text)
    if os.geteuid() != 0:
        text = sub(r"^user .*;\n", "", text)
        temps = "".join(f"    {name}_temp_path {workdir / ('nginx-' + name)};\n"
                        for name in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
        text = sub(r"^http \{\n", "http {\n" + temps, text)
    return text


def start_nginx(conf: Path, log: Path) -> subprocess.Popen:
    """nginx in the foreground on `conf` (after `nginx -t`); stop it with `stop_group`."""
    if NGINX is None:
        raise RuntimeError("nginx is not installed")
    check = subprocess.run([NGINX, "-t", "-c", str(conf)], capture_output=True, text=True)
    if check.returncode != 0:
        raise RuntimeError(f"nginx -t failed:\n{check.stderr}")
    with log.open("wb") as out:
        return subprocess.Popen([NGINX, "-c", str(conf), "-g", "daemon off;"], stdout=out,
                                stderr=subprocess.STDOUT, start_new_session=True)


# ---- /proc ----

def _children() -> dict[int, list[int]]:
    kids: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        kids.setdefault(ppid, []).append(int(entry))
    return kids


def descendants(pid: int) -> list[int]:
    """pid and every process below it."""
    kids, out, todo = _children(), [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        todo.extend(kids.get(p, []))
    return out


def cmdline(pid: int) -> str:
    try:
        raw = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return ""
    return raw.replace(b"\0", b" ").decode(errors="replace")


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of one process so far (0 once it is gone)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / CLK_TCK


def rss_bytes(pid: int) -> int:
    try:
        return int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * PAGE
    except OSError:
        return 0


def machine_busy_seconds() -> float:
    """CPU seconds the whole machine spent busy (all cores, all processes) since boot."""
    fields = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = fields[3] + fields[4]  # idle + iowait
    return (sum(fields[:8]) - idle) / CLK_TCK


@dataclass
class Groups:
    """Which processes belong to the server, the proxy, the browser and the bench driver."""

    server_root: int
    nginx_root: int | None
    bench_root: int = field(default_factory=os.getpid)

    def classify(self) -> dict[str, list[int]]:
        groups: dict[str, list[int]] = {"server": [], "nginx": [], "browser": [], "driver": []}
        for pid in descendants(self.server_root):
            if "streamlit" in cmdline(pid):
                groups["server"].append(pid)
        if self.nginx_root is not None:
            groups["nginx"] = descendants(self.nginx_root)
        for pid in descendants(self.bench_root):
            cmd = cmdline(pid)
            if "chromium" in cmd or "chrome" in cmd:
                groups["browser"].append(pid)
            elif pid == self.bench_root or "playwright" in cmd or "node" in cmd:
                groups["driver"].append(pid)
        return groups


def cpu_snapshot(groups: dict[str, list[int]]) -> dict[int, float]:
    return {pid: cpu_seconds(pid) for pids in groups.values() for pid in pids}


class _Sampler(threading.Thread):
    """Resident memory of the server processes (sum and largest), every half second."""

    def __init__(self, groups: Groups) -> None:
        super().__init__(daemon=True)
        self.groups, self.stop = groups, threading.Event()
        self.peak_sum = self.peak_one = self.first_sum = self.last_sum = 0

    def run(self) -> None:
        while not self.stop.is_set():
            rss = [rss_bytes(p) for p in self.groups.classify()["server"]]
            if rss:
                self.peak_sum = max(self.peak_sum, sum(rss))
                self.peak_one = max(self.peak_one, max(rss))
                self.first_sum, self.last_sum = self.first_sum or sum(rss), sum(rss)
            self.stop.wait(0.5)


class Window:
    """Measures a stretch of time (`with` or `async with`): cores used per process group
    (and by everything else on the machine: "other"), per server process, server memory."""

    def __init__(self, groups: Groups) -> None:
        self.groups = groups
        self.cpu: dict[str, float] = {}
        self.per_server: list[float] = []
        self.wall = 0.0
        self.mib = {"first": 0.0, "last": 0.0, "peak": 0.0, "peak_one": 0.0}

    def __enter__(self) -> Window:
        self._members = self.groups.classify()
        self._sampler = _Sampler(self.groups)
        self._sampler.start()
        self._before = cpu_snapshot(self._members)
        self._busy, self._t0 = machine_busy_seconds(), time.time()
        return self

    def __exit__(self, *exc: object) -> None:
        members = self.groups.classify()
        after, busy = cpu_snapshot(members), machine_busy_seconds()
        self.wall = time.time() - self._t0
        self._sampler.stop.set()
        self._sampler.join()
        used = {pid: after[pid] - self._before.get(pid, 0.0) for pid in after}
        self.cpu = {name: sum(used.get(p, 0.0) for p in pids) / self.wall
                    for name, pids in members.items()}
        self.cpu["other"] = max(0.0, (busy - self._busy) / self.wall - sum(self.cpu.values()))
        self.per_server = [used.get(p, 0.0) / self.wall for p in members["server"]]
        s = self._sampler
        self.mib = {"first": s.first_sum / 2**20, "last": s.last_sum / 2**20,
                    "peak": s.peak_sum / 2**20, "peak_one": s.peak_one / 2**20}

    async def __aenter__(self) -> Window:
        return self.__enter__()

    async def __aexit__(self, *exc: object) -> None:
        self.__exit__(*exc)
