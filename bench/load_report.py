"""The tables and the sizing arithmetic printed by bench_load.py."""

from __future__ import annotations

import math
import re
import statistics
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from bench import deploy_rig as rig
from bench.benchkit import pct


@dataclass
class Step:
    at: float  # time.time() when the step started
    kind: str  # "map": the in-map slider
    restyle: float | None  # keydown -> Aghdam repainted (ms), steps across 20 Nov
    heading: float  # keydown -> date heading shows the new date (ms)
    total: float  # keydown -> rerun finished (ms)


@dataclass
class Phase:
    """Browser sessions stepping for a while."""

    sessions: int
    opened: int  # sessions whose page opened (the others count as errors)
    routed: int  # sessions holding the route cookie
    loads: list[float]
    steps: list[Step]
    errors: list[str]
    ws_closed: int
    outside: int
    win: rig.Window


@dataclass
class ReplayPhase:
    """Light websocket clients replaying a browser's rerun requests (ws_replay)."""

    clients: int
    started: int
    times: list[float]
    errors: list[str]
    win: rig.Window


def fmt(values: list[float]) -> str:
    if not values:
        return "-"
    return f"{statistics.median(values):6.0f} {pct(values, 95):6.0f} {max(values):6.0f}"


def report(phases: list[Phase], processes: int, via: str, think: float) -> None:
    print(f"\n{processes} process(es), {via}; think time {think:g} s; times in ms "
          "(p50 p95 max); cpu in cores (of 2)")
    print(f"{'S':>3} {'steps':>6} {'/s':>5} | {'map: restyle':>20} | {'map: heading':>20} | "
          f"{'page load':>13} | errs ws | cpu srv ngx brw drv oth "
          "| srv MiB")
    for ph in phases:
        m = [s for s in ph.steps if s.kind == "map"]
        restyle = fmt([s.restyle for s in m if s.restyle is not None])
        loads = f"{statistics.median(ph.loads):6.0f} {max(ph.loads):6.0f}"
        c = ph.win.cpu
        star = "" if ph.opened == ph.sessions else "*"
        print(f"{ph.sessions:>3}{star:1s} {len(ph.steps):>5} {len(ph.steps) / ph.win.wall:5.1f} | "
              f"{restyle:>20} | {fmt([s.heading for s in m]):>20} | "
              f"{loads:>13} | {len(ph.errors):4d} "
              f"{ph.ws_closed:2d} | {c['server']:7.2f} {c['nginx']:.2f} {c['browser']:.2f} "
              f"{c['driver']:.2f} {c['other']:.2f} | {ph.win.mib['peak']:5.0f} "
              f"({ph.win.mib['peak_one']:.0f} max one)")
    for ph in phases:
        if ph.opened < ph.sessions:
            print(f"* with {ph.sessions} sessions, {ph.sessions - ph.opened} page(s) never opened")
        if ph.errors:
            print(f"errors with {ph.sessions} sessions: "
                  + "; ".join(f"{n}x {e}" for e, n in Counter(ph.errors).most_common(8)))
        if len(ph.win.per_server) > 1:
            print(f"cores per server process with {ph.sessions} sessions: "
                  + " ".join(f"{x:.2f}" for x in ph.win.per_server)
                  + f"; sessions holding the route cookie: {ph.routed}")
        mib = ph.win.mib
        print(f"server memory with {ph.sessions} sessions: {mib['first']:.0f} MiB when stepping "
              f"began, {mib['last']:.0f} MiB at the end, peak {mib['peak']:.0f} MiB")
        if ph.outside:
            print(f"requests to other hosts (blocked) with {ph.sessions} sessions: {ph.outside}")


def report_replay(phases: list[ReplayPhase], processes: int) -> None:
    print(f"\nserver only: light websocket clients replaying a browser's date steps on "
          f"{processes} process(es), back to back; ms from request to 'script finished'")
    print(f"{'clients':>7} | {'p50 p95 max':>20} | {'steps/s':>7} | cpu srv drv oth | "
          "ms srv CPU/step | srv MiB | errors")
    for ph in phases:
        rate = len(ph.times) / ph.win.wall
        c = ph.win.cpu
        cost = c["server"] / rate * 1000 if rate else math.nan
        star = "" if ph.started == ph.clients else "*"
        print(f"{ph.clients:>6}{star:1s} | {fmt(ph.times):>20} | {rate:7.1f} | "
              f"{c['server']:.2f} {c['driver']:.2f} {c['other']:.2f} | {cost:15.0f} | "
              f"{ph.win.mib['peak']:7.0f} | {len(ph.errors)}")
        if len(ph.win.per_server) > 1:
            print("        cores per server process: "
                  + " ".join(f"{x:.2f}" for x in ph.win.per_server))
        for e, n in Counter(ph.errors).most_common(3):
            print(f"        {n}x {e}")


def sizing(phases: list[Phase], replays: list[ReplayPhase], processes: int, target_ms: float,
           team: int) -> str:
    """What the figures mean for a team (the arithmetic is printed)."""
    lines = [f"\nsizing for {team} people, server-bound p95 target {target_ms:.0f} ms:"]
    costs = []
    for ph in phases:
        rate = len(ph.steps) / ph.win.wall
        if rate:
            costs.append(ph.win.cpu["server"] / rate)
        heads = [s.heading for s in ph.steps]
        if heads:
            lines.append(f"  browsers, {ph.sessions:>3} sessions: heading p95 "
                         f"{pct(heads, 95):6.0f} ms, {rate:4.1f} steps/s")
    for ph in replays:
        rate = len(ph.times) / ph.win.wall
        if rate:
            costs.append(ph.win.cpu["server"] / rate)
    c = statistics.median(costs) if costs else math.nan
    one = len(phases[0].steps) / phases[0].win.wall if phases and phases[0].steps else 2.0
    # One process runs its sessions' scripts in threads under one GIL: about one core. As one
    # queue (M/M/1) with service time c, the p95 of the time in the server is 3c / (1 - rho):
    # under the target while rho <= 1 - 3c / target; and at most 0.7, for page loads.
    rho = max(0.0, min(0.7, 1 - 3 * c / (target_ms / 1000)))
    model = rho / c if c else math.inf
    lines.append(f"  server CPU per step: c = {c * 1000:.0f} ms (median over all counts); a "
                 f"process with a core of its own: 3c/(1-rho) <= target and rho <= 0.7 -> "
                 f"rho {rho:.2f} -> {model:.1f} steps/s per process")
    under = [(len(ph.times) / ph.win.wall, ph.clients, ph.win.cpu) for ph in replays
             if ph.times and pct(ph.times, 95) <= target_ms]
    measured = None
    if under:
        rate, clients, cpu = max(under, key=lambda u: u[0])
        measured = rate / processes
        lines.append(f"  measured here (server only): up to {clients} clients stepping back to "
                     f"back stay under target: {rate:.1f} steps/s on {processes} process(es), "
                     f"which got {cpu['server']:.2f} cores (other jobs: {cpu['other']:.2f})")
    for label, r in ((f"all stepping back to back ({one:.1f} steps/s each)", one),
                     ("all stepping once a second", 1.0),
                     ("all browsing, one step every 5 s", 0.2)):
        demand = team * r
        here = f"; {math.ceil(demand / measured)} at this machine's share" if measured else ""
        lines.append(f"  {team} people {label}: {demand:.0f} steps/s / {model:.1f} -> "
                     f"{math.ceil(demand / model)} process(es) with a core each{here}")
    return "\n".join(lines)


def nginx_http_errors(log: Path) -> Counter:
    """Status codes >= 400 in nginx's access log (combined format)."""
    codes: Counter = Counter()
    if log.exists():
        for line in log.read_text(errors="replace").splitlines():
            m = re.search(r'" (\d{3}) ', line)
            if m and int(m.group(1)) >= 400:
                codes[m.group(1)] += 1
    return codes


