"""Shared headless-Chromium support for the browser tests (no network, no sandbox).

`chromium()` launches /usr/bin/chromium through Playwright, or skips the test when the
browser (or Playwright) is missing -- unless KARABAKH_REQUIRE_BROWSER=1 is set, in which
case a missing browser FAILS the test instead. `browser` is the same as a module-scoped
pytest fixture (import it into a test module, or use it from conftest).
`blocked_context(browser, allow_hosts=...)` gives a context that aborts and records every
request to a host not allowed (file: and data: URLs always pass).
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest

REPO = Path(__file__).resolve().parent.parent.parent
CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
REQUIRE_ENV = "KARABAKH_REQUIRE_BROWSER"
LOCAL_SCHEMES = frozenset({"file", "data", "blob", "about"})


def browser_required() -> bool:
    """True when a missing browser must fail the test run rather than skip."""
    return os.environ.get(REQUIRE_ENV, "") == "1"


def _unavailable(reason: str) -> None:
    if browser_required():
        pytest.fail(f"{reason} and {REQUIRE_ENV}=1", pytrace=False)
    pytest.skip(reason)


@contextmanager
def chromium() -> Iterator[Any]:
    """Yield a launched headless Chromium (playwright Browser); skip/fail if unavailable."""
    if not CHROMIUM.exists():
        _unavailable(f"needs {CHROMIUM}")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("needs playwright")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Module-scoped headless Chromium (see `chromium`)."""
    with chromium() as b:
        yield b


@dataclass
class Guarded:
    """A browser context whose off-limits requests were aborted; see `blocked_context`."""

    context: Any
    blocked: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def new_page(self) -> Any:
        """A page in the context; any JS dialog (alert/confirm/prompt) is recorded and dismissed."""
        page = self.context.new_page()
        page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        return page


@contextmanager
def blocked_context(browser: Any, allow_hosts: Iterable[str] = (),
                    **context_options: Any) -> Iterator[Guarded]:
    """A new context where requests to hosts outside `allow_hosts` are aborted and recorded.

    file:, data:, blob: and about: URLs always pass; pass allow_hosts=() to block every
    network request (e.g. for a page opened from file://). The caller asserts on
    `.blocked` / `.dialogs`; nothing is asserted here so that a failing test shows its own error.
    """
    allowed = frozenset(allow_hosts)
    ctx = browser.new_context(**context_options)
    guarded = Guarded(ctx)

    def guard(route: Any) -> None:
        url = urlparse(route.request.url)
        if url.scheme in LOCAL_SCHEMES or url.hostname in allowed:
            route.continue_()
        else:
            guarded.blocked.append(route.request.url)
            route.abort()

    ctx.route("**/*", guard)
    try:
        yield guarded
    finally:
        ctx.close()


def launch_dashboard(store_url: str, port: int, log: Path) -> subprocess.Popen:
    """Start the real dashboard from the repository (its .streamlit config) on 127.0.0.1:port,
    on the store at `store_url`, its output going to `log` and its map files to a cache
    folder beside the log. The caller waits and stops it."""
    env = dict(os.environ, KARABAKH_MAP_DB=store_url, PYTHONPATH=str(REPO),
               KARABAKH_MAP_CACHE_DIR=str(log.parent / "map-cache"))
    cmd = [sys.executable, "-m", "streamlit", "run", "dashboard/app.py",
           "--server.port", str(port), "--server.address", "127.0.0.1",
           "--server.headless", "true"]
    with log.open("wb") as out:
        return subprocess.Popen(cmd, cwd=REPO, env=env, stdout=out, stderr=subprocess.STDOUT)


def wait_healthy(proc: subprocess.Popen, log: Path, port: int, host: str = "127.0.0.1",
                 timeout: float = 120) -> None:
    """Return once the Streamlit server of `proc` answers its health check; fail the test
    with the end of its log when it exits or is not healthy within `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"streamlit exited with {proc.returncode}:\n{log.read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(f"http://{host}:{port}/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            time.sleep(0.1)  # poll interval, not a fixed wait for readiness
    pytest.fail(f"streamlit not healthy after {timeout:.0f} s:\n{log.read_text()[-3000:]}")


def stop(proc: subprocess.Popen) -> None:
    """Terminate a server process, killing it when it does not stop within 20 s."""
    proc.terminate()
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
