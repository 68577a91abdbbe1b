"""The worker process that parses article files for `ingest`, one at a time, each within a
time budget (see `Reader`): a file that runs away is stopped by killing its worker.

pipeline.ingest_file sends files here; nothing in it touches the store.
"""

from __future__ import annotations

import atexit
import json
import multiprocessing
import os
import socket
import subprocess
import sys
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import Any

from karabakh_map.ingest import BadInput, ParsedArticle, parse_file

FILE_BUDGET = 60.0  # seconds a file may take to parse; the largest legal file takes ~15 s
START_TIMEOUT = 120.0  # seconds the worker may take to import the extraction code


class Reader:
    """A worker process that parses files, one at a time, each within a time budget.

    Why a process and not a deadline checked between stages: a stage itself may run away
    (a regular expression, lxml under trafilatura, charset detection), and only the OS can
    stop C code that never returns to Python; a signal alarm would also work only in the
    main thread of a POSIX process. A file over its budget gets its worker killed; the
    next file starts a new one. A fresh interpreter, not a fork (no locks inherited from
    threads), and on POSIX not multiprocessing's spawn either: that re-imports the caller's
    main script, which breaks a script without an `if __name__ == "__main__"` guard."""

    def __init__(self) -> None:
        self._proc: subprocess.Popen[bytes] | BaseProcess | None = None
        self._conn: Connection | None = None

    def parse(self, path: Path, kwargs: dict[str, Any], budget: float) -> ParsedArticle:
        """parse_file(path, **kwargs) in the worker; BadInput when it fails or overruns."""
        conn = self._conn if self._proc is not None and _alive(self._proc) else None
        if conn is None:
            conn = self._start()
        conn.send((str(path), kwargs))
        if not conn.poll(budget):
            self.stop()
            raise BadInput(f"{path}: not read within {budget:g} s, the time allowed for one "
                           f"file: left out (the batch goes on)")
        try:
            kind, value = conn.recv()
        except (EOFError, OSError):
            self.stop()
            code = _exit_code(self._last)
            raise BadInput(f"{path}: the reading process ended while reading this file "
                           f"(exit code {code}): left out") from None
        if kind == "ok":
            return value  # type: ignore[no-any-return]
        if kind == "bad":
            raise BadInput(value)
        raise RuntimeError(value)

    def _start(self) -> Connection:
        self.stop()
        proc: subprocess.Popen[bytes] | BaseProcess
        if os.name == "posix":
            mine, theirs = socket.socketpair()
            code = ("import sys, json; sys.path[:0] = json.loads(sys.argv[1]); "
                    "from karabakh_map.parse_worker import work_on_fd; "
                    "work_on_fd(int(sys.argv[2]))")
            proc = subprocess.Popen(
                [sys.executable, "-c", code, json.dumps(sys.path), str(theirs.fileno())],
                pass_fds=[theirs.fileno()], stdin=subprocess.DEVNULL)
            theirs.close()
            conn = Connection(mine.detach())
        else:
            ctx = multiprocessing.get_context("spawn")
            conn, child = ctx.Pipe()
            proc = ctx.Process(target=_work, args=(child,), daemon=True,
                               name="karabakh-map ingest reader")
            proc.start()
            child.close()
        self._proc, self._conn = proc, conn
        if not conn.poll(START_TIMEOUT) or conn.recv() != "ready":
            self.stop()
            raise RuntimeError("the reading process did not start")
        return conn

    def stop(self) -> None:
        """End the worker (killed: it may be stuck in C code)."""
        if self._conn is not None:
            self._conn.close()
        if self._proc is not None:
            _end(self._proc)
        self._last, self._proc, self._conn = self._proc, None, None

    _last: subprocess.Popen[bytes] | BaseProcess | None = None


def _alive(proc: subprocess.Popen[bytes] | BaseProcess) -> bool:
    return proc.poll() is None if isinstance(proc, subprocess.Popen) else proc.is_alive()


def _end(proc: subprocess.Popen[bytes] | BaseProcess) -> None:
    proc.kill()
    if isinstance(proc, subprocess.Popen):
        proc.wait()
    else:
        proc.join()


def _exit_code(proc: subprocess.Popen[bytes] | BaseProcess | None) -> int | None:
    if proc is None:
        return None
    return proc.returncode if isinstance(proc, subprocess.Popen) else proc.exitcode


_READER: list[Reader] = []


def reader() -> Reader:
    """The process-wide reader (started on first use, stopped at exit)."""
    if not _READER:
        _READER.append(Reader())
        atexit.register(_READER[0].stop)
    return _READER[0]


def work_on_fd(fd: int) -> None:
    """The worker's entry point on POSIX: serve on the socket inherited as `fd`."""
    _work(Connection(fd))


def _work(conn: Connection) -> None:
    """The worker's loop: (path, kwargs) in, ("ok", parsed) / ("bad"|"error", text) out."""
    from karabakh_map.ingest import parse_article

    # Load the gazetteer, the language model and the date patterns before the first
    # budget starts counting.
    parse_article("Aghdam\n\nTroops entered Aghdam on 20 November 2020, officials said.")
    conn.send("ready")
    while True:
        try:
            path, kwargs = conn.recv()
        except (EOFError, OSError, KeyboardInterrupt):
            return  # the parent is gone or stopping
        try:
            conn.send(("ok", parse_file(path, **kwargs)))
        except BadInput as exc:
            conn.send(("bad", str(exc)))
        except Exception as exc:
            conn.send(("error", f"{type(exc).__name__}: {exc}"))
