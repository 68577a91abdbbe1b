"""`karabakh-map ingest --workers N`: files parsed in N worker processes.

Where the store is written depends on the backend:
- SQLite (one writer at a time by design): the workers only parse; this process writes
  every article, in the order the files were given, so the store ends up exactly as with
  one worker (ids included), whichever worker finishes first.
- PostgreSQL: each worker also writes what it parsed, on a connection of its own. Write
  transactions queue on one advisory lock (store/db.py) for the short merge, so the store
  is the same as with one worker (same articles, events, sources, merges), whatever the
  order the files get in; parsing, the bulk of the time, runs in parallel.
Either way each file keeps its time budget (pipeline.FILE_BUDGET) for parsing: a worker
over it is killed and replaced, and that file is reported failed. Results come back in the
order of the files given.
"""

from __future__ import annotations

import importlib
import multiprocessing
import time
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import Any

from karabakh_map import pipeline
from karabakh_map.ingest import BadInput, ParsedArticle
from karabakh_map.pipeline import (
    FILE_BUDGET,
    START_TIMEOUT,
    FileResult,
    Skipped,
    display,
    failed_result,
    given_fields,
    ingest_file,
)
from karabakh_map.store import Engine, PlaceResolver

DEFAULT_RESOLVER = "karabakh_map.areas:gazetteer_resolver"
Item = Path | Skipped


def store_parsed(engine: Engine, path: Path, parsed: ParsedArticle, given: tuple[str, ...],
                 resolve_place: PlaceResolver | None) -> FileResult:
    """Write one parsed file (one transaction) as one worker would (pipeline.store_parsed:
    metadata `given` again updates an article already stored); a failure is the file's
    failed result."""
    try:
        result = pipeline.store_parsed(engine, parsed, given, resolve_place)
    except Exception as exc:  # reported per file; the store has rolled its article back
        return failed_result(path, f"{path}: {type(exc).__name__}: {exc}")
    return FileResult(display(str(path)), result, parsed=parsed, extracted=len(parsed.events),
                      warnings=[display(w) for w in parsed.warnings])


def load_resolver(spec: str) -> PlaceResolver:
    """'module:factory' -> factory(): how a worker process gets its place resolver."""
    module, _, name = spec.partition(":")
    factory: Callable[[], PlaceResolver] = getattr(importlib.import_module(module), name)
    return factory()


def _serve(conn: Connection, url: str | None, resolver: str) -> None:
    """A worker's loop: (path, kwargs) in; out ("ok", parsed) when this process only
    parses, else ("parsed", None) then ("done", FileResult) once written; ("bad" | "error",
    text) when parsing failed."""
    from karabakh_map.ingest import parse_article, parse_file

    parse_article("Aghdam\n\nTroops entered Aghdam on 20 November 2020, officials said.")
    engine = resolve = None
    if url is not None:
        from karabakh_map.store.db import make_engine

        engine, resolve = make_engine(url), load_resolver(resolver)
    conn.send("ready")
    while True:
        try:
            path, kwargs = conn.recv()
        except (EOFError, OSError, KeyboardInterrupt):
            return
        try:
            parsed = parse_file(Path(path), **kwargs)
        except BadInput as exc:
            conn.send(("bad", str(exc)))
            continue
        except Exception as exc:
            conn.send(("error", f"{type(exc).__name__}: {exc}"))
            continue
        if engine is None:
            conn.send(("ok", parsed))
        else:
            conn.send(("parsed", None))
            conn.send(("done", store_parsed(engine, Path(path), parsed, given_fields(kwargs),
                                            resolve)))


@dataclass
class _Slot:
    """One worker process and the file it is busy with."""

    proc: BaseProcess | None = None
    conn: Connection | None = None
    job: tuple[int, Path] | None = None
    deadline: float | None = None  # parsing must end by then; None while writing

    def start(self, url: str | None, resolver: str) -> Connection:
        self.stop()
        ctx = multiprocessing.get_context("spawn")
        conn, child = ctx.Pipe()
        proc = ctx.Process(target=_serve, args=(child, url, resolver), daemon=True,
                           name="karabakh-map ingest worker")
        proc.start()
        child.close()
        self.proc, self.conn = proc, conn
        if not conn.poll(START_TIMEOUT) or conn.recv() != "ready":
            self.stop()
            raise RuntimeError("an ingest worker process did not start")
        return conn

    def stop(self) -> None:
        if self.conn is not None:
            self.conn.close()
        if self.proc is not None:
            self.proc.kill()
            self.proc.join()
        self.proc = self.conn = None


class Pool:
    """N worker processes; `run` hands them files and gives the outcomes in file order."""

    def __init__(self, n: int, engine: Engine, *, resolve_place: PlaceResolver | None,
                 resolver: str = DEFAULT_RESOLVER, budget: float = FILE_BUDGET) -> None:
        if n < 1:
            raise ValueError("at least one worker")
        self.engine, self.resolve_place, self.budget = engine, resolve_place, budget
        # SQLite keeps one writer: this process. PostgreSQL: every worker writes.
        self.url = (None if engine.dialect.name == "sqlite"
                    else engine.url.render_as_string(hide_password=False))
        self.resolver = resolver
        self.slots = [_Slot() for _ in range(n)]

    def run(self, items: Sequence[Item], kwargs: dict[str, Any]) -> Iterator[FileResult]:
        """Ingest `items`; FileResults in the order of `items`."""
        queue = deque(enumerate(items))
        done: dict[int, FileResult | tuple[Path, ParsedArticle]] = {}
        ahead = max(64, 8 * len(self.slots))  # outcomes held waiting for an earlier file
        next_out = 0
        try:
            while next_out < len(items):
                for slot in self.slots:
                    while slot.job is None and queue and queue[0][0] < next_out + ahead:
                        i, item = queue.popleft()
                        if isinstance(item, Skipped) or not item.exists():
                            done[i] = ingest_file(self.engine, item)  # reports why
                            continue
                        if item.suffix.lower() == ".csv":  # ACLED rows: no parsing to share
                            done[i] = ingest_file(self.engine, item, **kwargs,
                                                  resolve_place=self.resolve_place)
                            continue
                        self._send(slot, i, item, kwargs)
                while next_out in done:
                    outcome = done.pop(next_out)
                    if isinstance(outcome, tuple):  # parsed here for this process to write
                        outcome = store_parsed(self.engine, *outcome, given_fields(kwargs),
                                               self.resolve_place)
                    yield outcome
                    next_out += 1
                self._collect(done)
        finally:
            for slot in self.slots:
                slot.stop()

    def _send(self, slot: _Slot, i: int, path: Path, kwargs: dict[str, Any]) -> None:
        alive = slot.conn is not None and slot.proc is not None and slot.proc.is_alive()
        conn = slot.conn if alive and slot.conn else slot.start(self.url, self.resolver)
        conn.send((str(path), kwargs))
        slot.job, slot.deadline = (i, path), time.monotonic() + self.budget

    def _collect(self, done: dict[int, FileResult | tuple[Path, ParsedArticle]]) -> None:
        """Wait for the next message of any busy worker (or a deadline) and record it."""
        busy = [s for s in self.slots if s.job is not None and s.conn is not None]
        if not busy:
            return
        deadlines = [s.deadline for s in busy if s.deadline is not None]
        timeout = max(0.0, min(deadlines) - time.monotonic()) if deadlines else None
        ready = wait([s.conn for s in busy if s.conn is not None], timeout)
        now = time.monotonic()
        for slot in busy:
            assert slot.job is not None and slot.conn is not None
            i, path = slot.job
            if slot.conn in ready:
                try:
                    kind, value = slot.conn.recv()
                except (EOFError, OSError):
                    code = slot.proc.exitcode if slot.proc is not None else None
                    slot.stop()
                    done[i] = failed_result(path, f"{path}: the worker process ended while "
                                            f"reading this file (exit code {code}): left out")
                    slot.job = None
                    continue
                if kind == "parsed":  # being written by the worker: no budget now
                    slot.deadline = None
                    continue
                done[i] = ((path, value) if kind == "ok" else value if kind == "done"
                           else failed_result(path, value if kind == "bad" else
                                        f"{path}: {value}"))
                slot.job = None
            elif slot.deadline is not None and now >= slot.deadline:
                slot.stop()
                done[i] = failed_result(path, f"{path}: not read within {self.budget:g} s, the "
                                        "time allowed for one file: left out (the batch "
                                        "goes on)")
                slot.job = None
