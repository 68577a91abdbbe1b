"""Memory under hostile sessions: huge values typed into the place search, straight through
the websocket (issue 14: ten sessions sending 20 MB took a server from 459 to 967 MB for good).

    python3 dev.py bench memory [--sessions 10] [--mb 20] [--config repo|deploy] [--smoke]

Starts the dashboard (`python -m streamlit run dashboard/app.py` from the repository, or from
deploy/ with --config deploy: the config there is what production reads) on a loopback port
with its own demo store. A headless Chromium session records the rerun request the page sends
when a short value is typed into "Find a place"; then `sessions` plain websocket clients each
open a session (the page's first run) and send that request with the value replaced by
(a) `mb` MB of text: refused by the server's websocket message limit (server.maxMessageSize),
the connection closed; (b) again on a new connection, with the largest value the limit lets
through: the page runs with it (the search box cuts it to its max_chars). The clients then
close. RSS of the server process is read before (after one ordinary session warmed it up),
at the peak, after the clients closed, and after the server forgot their sessions
(server.disconnectedSessionTTL, then an ordinary session that makes it clean up). PASS when
the last figure is within max(40 MB, 10 %) of the first.
glibc's malloc raises its mmap threshold after a large block is freed, so later 2 MB values
land in the heap and stay in RSS; `karabakh-map serve` starts the server with
MALLOC_MMAP_THRESHOLD_=131072 (fixed: no such raise) unless the environment sets another, so
they go back to the system on free. The line "malloc:" says which was measured.
`--smoke`: 2 sessions, 3 MB, the sessions forgotten after 2 s (tests/test_benchmarks_smoke.py).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import subprocess
import sys
import tempfile
import time
import tomllib
from pathlib import Path

import websockets
from playwright.async_api import async_playwright
from websockets.exceptions import ConnectionClosed

from bench.benchkit import CHROMIUM, CHROMIUM_ARGS, IDLE, ROOT, free_port, machine, wait_healthy
from bench.deploy_rig import rss_bytes
from karabakh_map.cli_serve import MMAP_THRESHOLD
from karabakh_map.demo import open_with_demo

MB = 10**6
PROBE_VALUE = "Shushi"  # typed in the browser; its rerun request is the template
TTL = 120  # Streamlit's default server.disconnectedSessionTTL


def config_of(cwd: Path) -> dict:
    path = cwd / ".streamlit" / "config.toml"
    return tomllib.loads(path.read_text()) if path.is_file() else {}


def start(cwd: Path, store: str, port: int, ttl: int | None, log: Path) -> subprocess.Popen:
    # Started as users start it (`karabakh-map serve`, which execs Streamlit with its
    # settings and malloc threshold), so the measured process is the server itself.
    cmd = [sys.executable, "-m", "karabakh_map", "serve", "--port", str(port)]
    if ttl is not None:
        cmd.append(f"--server.disconnectedSessionTTL={ttl}")
    env = dict(os.environ, PYTHONPATH=str(ROOT), KARABAKH_MAP_DB=store)
    with log.open("wb") as out:
        return subprocess.Popen(cmd, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT)


async def record(url: str) -> tuple[bytes, bytes]:
    """(the first run's request, the rerun request with PROBE_VALUE in the place search)."""
    from streamlit.proto.BackMsg_pb2 import BackMsg

    sent: list[bytes] = []
    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=CHROMIUM, headless=True,
                                           args=CHROMIUM_ARGS)
        page = await browser.new_page(viewport={"width": 1280, "height": 900})
        page.on("websocket", lambda ws: ws.on(
            "framesent", lambda p: sent.append(p) if isinstance(p, bytes) else None))
        await page.goto(url)
        await page.wait_for_function(IDLE, polling=50, timeout=120_000)
        box = page.get_by_label("Any spelling")
        await box.fill(PROBE_VALUE)
        await box.press("Enter")
        await page.get_by_role("button", name="Shusha").first.wait_for(timeout=60_000)
        await browser.close()
    reruns = []
    for raw in sent:
        msg = BackMsg()
        msg.ParseFromString(raw)
        if msg.WhichOneof("type") == "rerun_script":
            reruns.append((raw, msg))
    typed = [raw for raw, msg in reruns if any(
        w.string_value == PROBE_VALUE for w in msg.rerun_script.widget_states.widgets)]
    if not reruns or not typed:
        raise RuntimeError("the place search's rerun request was not recorded")
    return reruns[0][0], typed[-1]


def hostile(template: bytes, size: int) -> bytes:
    """The recorded request with the search value replaced by `size` bytes of text."""
    from streamlit.proto.BackMsg_pb2 import BackMsg

    msg = BackMsg()
    msg.ParseFromString(template)
    value = (os.urandom(size // 2).hex() + "x")[:size]  # hex: not squeezed by compression
    for w in msg.rerun_script.widget_states.widgets:
        if w.string_value == PROBE_VALUE:
            w.string_value = value
    return msg.SerializeToString()


async def _finished(ws) -> None:
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    while True:
        msg = ForwardMsg()
        msg.ParseFromString(await ws.recv())
        if msg.WhichOneof("type") == "script_finished":
            return


async def session(ws_url: str, first: bytes, payload: bytes | None) -> str:
    """One session: the first run, then the payload; what happened to the payload."""
    async with websockets.connect(ws_url, subprotocols=["streamlit"], max_size=None,
                                  open_timeout=60) as ws:
        await ws.send(first)
        await asyncio.wait_for(_finished(ws), 120)
        if payload is None:
            return "ordinary"
        try:
            await ws.send(payload)
            await asyncio.wait_for(_finished(ws), 120)
        except ConnectionClosed as exc:
            code = exc.rcvd.code if exc.rcvd else None
            return f"refused (connection closed, code {code})"
        return "run"


async def attack(ws_url: str, first: bytes, payloads: list[bytes], pid: int
                 ) -> tuple[list[str], int]:
    """All sessions at once; (outcomes, the peak RSS seen meanwhile)."""
    peak = [rss_bytes(pid)]

    async def watch() -> None:
        while True:
            peak[0] = max(peak[0], rss_bytes(pid))
            await asyncio.sleep(0.05)

    watcher = asyncio.create_task(watch())
    try:
        outcomes = await asyncio.gather(*(session(ws_url, first, p) for p in payloads),
                                        return_exceptions=True)
    finally:
        watcher.cancel()
    return [o if isinstance(o, str) else f"error: {type(o).__name__}: {o}"[:120]
            for o in outcomes], peak[0]


def settle(pid: int, seconds: float = 3.0) -> int:
    """RSS once it stops moving (or after `seconds`)."""
    time.sleep(seconds)
    return rss_bytes(pid)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sessions", type=int, default=10)
    ap.add_argument("--mb", type=float, default=20.0, help="size of the hostile value (MB)")
    ap.add_argument("--config", choices=("repo", "deploy"), default="repo",
                    help="run with .streamlit/ of the repository or of deploy/")
    ap.add_argument("--smoke", action="store_true")
    args = ap.parse_args(argv)
    ttl = 2 if args.smoke else None
    if args.smoke:
        args.sessions, args.mb = 2, 3.0
    cwd = ROOT if args.config == "repo" else ROOT / "deploy"
    limit_mb = config_of(cwd).get("server", {}).get("maxMessageSize", 200)
    wait = ttl if ttl is not None else config_of(cwd).get("server", {}).get(
        "disconnectedSessionTTL", TTL)
    print(f"start {machine()}")
    print(f"config: {cwd / '.streamlit' / 'config.toml'}: server.maxMessageSize {limit_mb} MB, "
          f"disconnectedSessionTTL {wait} s{' (smoke)' if ttl else ''}")
    threshold = os.environ.get("MALLOC_MMAP_THRESHOLD_")
    print(f"malloc: MALLOC_MMAP_THRESHOLD_={threshold} (given)" if threshold
          else f"malloc: MALLOC_MMAP_THRESHOLD_={MMAP_THRESHOLD} (karabakh-map serve's default)")
    with tempfile.TemporaryDirectory(prefix="kbm-mem-") as tmp:
        store = f"sqlite:///{Path(tmp) / 'demo.sqlite'}"
        open_with_demo(store, load_demo=True).engine.dispose()
        port = free_port()
        proc = start(cwd, store, port, ttl, Path(tmp) / "server.log")
        try:
            wait_healthy(port, proc)
            url, ws_url = f"http://127.0.0.1:{port}/", f"ws://127.0.0.1:{port}/_stcore/stream"
            first, typed = asyncio.run(record(url))
            asyncio.run(session(ws_url, first, None))  # warm: caches of an ordinary session
            before = settle(proc.pid)
            big = hostile(typed, int(args.mb * MB))
            # The largest value let through (never more than the hostile one).
            fits = hostile(typed, int(min(limit_mb * MB - 64_000, args.mb * MB)))
            rounds = [(f"{args.mb:g} MB value", big), (f"{len(fits) / MB:.2f} MB value", fits)]
            peak, results = before, []
            for label, payload in rounds:
                outcomes, top = asyncio.run(attack(ws_url, first, [payload] * args.sessions,
                                                   proc.pid))
                peak = max(peak, top)
                results.append((label, outcomes))
            closed = settle(proc.pid)
            time.sleep(wait + 1)
            asyncio.run(session(ws_url, first, None))  # lets the server drop expired sessions
            after = settle(proc.pid)
        finally:
            proc.terminate()
            try:
                proc.wait(20)
            except subprocess.TimeoutExpired:
                proc.kill()
            log = (Path(tmp) / "server.log").read_text(errors="replace")
    print(f"end   {machine()}")
    for label, outcomes in results:
        counted = {o: outcomes.count(o) for o in dict.fromkeys(outcomes)}
        print(f"{args.sessions} sessions, {label} in the place search: "
              + "; ".join(f"{n} {o}" for o, n in counted.items()))
    print(f"server RSS MB: before {before / MB:.0f}, peak {peak / MB:.0f}, clients closed "
          f"{closed / MB:.0f}, sessions forgotten {after / MB:.0f} "
          f"(change {(after - before) / MB:+.0f})")
    print(f"server log: {log.count('Traceback')} tracebacks")
    ok = after - before <= max(40 * MB, before // 10) and not any(
        o.startswith("error") for _, outs in results for o in outs)
    print("PASS" if ok else "FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
