"""Server-only load for bench_load.py: many light clients replaying a real session's messages.

A browser costs far more CPU than the server it talks to (it lays out and paints the whole
page on every step), so on a small machine real browsers run out of CPU before the server
does. To find where the server itself gives out, this records the messages a real Chromium
session sends on the Streamlit websocket (the first run, then the in-map slider moved to 20 and
back to 19 Nov 2020) and replays them from plain websocket clients: each replayed message
makes the server rerun the page script for that session exactly as the browser's did. A step
is timed from sending the message to the server's "script finished" message.
"""

from __future__ import annotations

import asyncio
import secrets
import time
from dataclasses import dataclass
from datetime import date

import websockets
from playwright.async_api import Browser

from bench.benchkit import (
    AFTER,
    AZERBAIJAN,
    BEFORE,
    HEADING_SHOWS,
    IDLE,
    MAP_FRAME,
    MAP_SLIDER,
    PROBE,
    control_heading,
)
from bench.step_controls import AGHDAM


@dataclass(frozen=True)
class Recording:
    first: bytes  # the first run of a new session (URL ?date=BEFORE)
    forward: bytes  # the in-map slider moved to AFTER
    back: bytes  # and back to BEFORE


def _rerun_requests(frames: list[bytes]) -> list[bytes]:
    from streamlit.proto.BackMsg_pb2 import BackMsg

    out = []
    for raw in frames:
        msg = BackMsg()
        msg.ParseFromString(raw)
        if msg.WhichOneof("type") == "rerun_script":
            out.append(raw)
    return out


async def record(browser: Browser, url: str) -> Recording:
    """Open url in a new context, step the in-map date slider there and back, and keep
    the rerun requests the page sent."""
    ctx = await browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = await ctx.new_page()
        sent: list[bytes] = []

        def on_ws(ws) -> None:
            ws.on("framesent", lambda p: sent.append(p) if isinstance(p, bytes) else None)

        page.on("websocket", on_ws)
        await page.goto(url)
        await page.evaluate(PROBE, [AGHDAM, False, AZERBAIJAN])
        await page.wait_for_function(IDLE, polling=20)
        for key, day in (("ArrowRight", AFTER), ("ArrowLeft", BEFORE)):
            frame = next((f for f in page.frames if MAP_FRAME in f.url), None)
            if frame is None:
                raise RuntimeError("no map frame")
            await frame.focus(MAP_SLIDER)
            await page.keyboard.press(key)
            await page.evaluate(HEADING_SHOWS, control_heading(date.fromisoformat(day)))
            await page.wait_for_function(IDLE, polling=20)
    finally:
        await ctx.close()
    reruns = _rerun_requests(sent)
    if len(reruns) < 3:
        raise RuntimeError(f"recorded {len(reruns)} rerun requests, expected 3")
    return Recording(reruns[0], reruns[-2], reruns[-1])


async def _finished(ws) -> None:
    """Read messages until the server says the script run finished."""
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    while True:
        raw = await ws.recv()
        msg = ForwardMsg()
        msg.ParseFromString(raw)
        if msg.WhichOneof("type") == "script_finished":
            return


async def _open(ws_url: str, rec: Recording, errors: list[str]):
    """A new server session that has run the page once, or None (the reason in errors)."""
    # A route cookie of its own, as a browser gets from the proxy, so that clients spread
    # over the processes instead of all hashing on 127.0.0.1.
    headers = {"Cookie": f"kbm_route={secrets.token_hex(16)}"}
    try:
        ws = await websockets.connect(ws_url, subprotocols=["streamlit"], max_size=None,
                                      additional_headers=headers, open_timeout=60)
        await ws.send(rec.first)
        await asyncio.wait_for(_finished(ws), 60)
        return ws
    except (OSError, TimeoutError, websockets.WebSocketException) as exc:
        errors.append(f"replay client did not start: {type(exc).__name__}: {str(exc)[:120]}")
        return None


async def _steps(ws, rec: Recording, until: float, think: float, times: list[float],
                 errors: list[str]) -> None:
    i = 0
    try:
        while time.time() < until:
            started = time.perf_counter()
            await ws.send(rec.forward if i % 2 == 0 else rec.back)
            await asyncio.wait_for(_finished(ws), 60)
            times.append((time.perf_counter() - started) * 1000)
            i += 1
            if think:
                await asyncio.sleep(think)
    except (OSError, TimeoutError, websockets.WebSocketException) as exc:
        errors.append(f"replay client: {type(exc).__name__}: {str(exc)[:120]}")
    finally:
        await ws.close()


async def replay(ws_urls: list[str], rec: Recording, clients: int, duration: float,
                 think: float, window) -> tuple[list[float], list[str], float, int]:
    """Start `clients` sessions (each runs the page once), then let them all step for
    `duration` s inside `window` (an async context manager measuring the stepping, e.g. CPU).
    Clients take the URLs in turn.
    Returns step times (ms), errors, the stepping wall time and the clients that started."""
    errors: list[str] = []
    opened = await asyncio.gather(*(_open(ws_urls[i % len(ws_urls)], rec, errors)
                                    for i in range(clients)))
    socks = [ws for ws in opened if ws]
    times: list[float] = []
    async with window:
        started = time.time()
        await asyncio.gather(*(_steps(ws, rec, started + duration, think, times, errors)
                               for ws in socks))
        wall = time.time() - started
    return times, errors, wall, len(socks)
