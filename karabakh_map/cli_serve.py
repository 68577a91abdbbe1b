"""`karabakh-map serve`: start the Streamlit dashboard."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import click

from karabakh_map.editing import EDITOR_ENV, EDITOR_TOKEN_ENV

APP = Path(__file__).resolve().parent.parent / "dashboard" / "app.py"
LOCAL = "127.0.0.1"
MMAP_THRESHOLD = "131072"  # bytes

# Passed on the command line as well as in .streamlit/config.toml, so the dashboard
# sends nothing to outside hosts whatever folder it is started from.
SAFE_FLAGS = [
    "--browser.gatherUsageStats=false",
    "--server.headless=true",
    "--server.fileWatcherType=none",
]


def url_of(host: str, port: int) -> str:
    """The address to open in a browser (the machine's name for all interfaces, an IPv6
    address in brackets)."""
    shown = socket.gethostname() if host in ("0.0.0.0", "::", "") else host
    return f"http://[{shown}]:{port}" if ":" in shown else f"http://{shown}:{port}"


@click.command(context_settings={"ignore_unknown_options": True})
@click.option("--port", type=int, default=8501, show_default=True, help="Port to listen on.")
@click.option("--host", default=LOCAL, show_default=True,
              help="Address to listen on: this machine only by default; 0.0.0.0 (or an "
                   "interface's address) opens the dashboard to the network.")
@click.option("--editor", is_flag=True,
              help="Offer the review page (confirm, edit, retract events). Edits are refused "
                   "unless the server listens on this machine only or a login is configured "
                   f"(Streamlit's, or a proxy's token in ${EDITOR_TOKEN_ENV}).")
@click.argument("streamlit_args", nargs=-1, type=click.UNPROCESSED)
def serve(port: int, host: str, editor: bool, streamlit_args: tuple[str, ...]) -> None:
    """Start the dashboard (extra arguments go to `streamlit run`)."""
    cmd = [sys.executable, "-m", "streamlit", "run", str(APP), f"--server.port={port}",
           f"--server.address={host}", *SAFE_FLAGS, *streamlit_args]
    where = ("this machine only; --host 0.0.0.0 opens it to the network" if host == LOCAL
             else "open to the network")
    if editor:
        os.environ[EDITOR_ENV] = "1"  # read by the page; the child inherits it
        where += "; editor: the review page is on"
    else:
        os.environ.pop(EDITOR_ENV, None)  # readers never edit, whatever the shell had set
    # glibc keeps freed arenas of large session values; a lower mmap threshold hands them
    # back, so hostile sessions leave the server's memory where it was (bench/bench_memory).
    os.environ.setdefault("MALLOC_MMAP_THRESHOLD_", MMAP_THRESHOLD)
    click.echo(f"karabakh-map: dashboard at {url_of(host, port)} ({where})", err=True)
    if os.name == "posix":
        # Become the server rather than its parent: a supervisor's SIGTERM or SIGKILL then
        # reaches Streamlit itself, and no orphaned server keeps the port.
        sys.stdout.flush()
        sys.stderr.flush()
        os.execv(sys.executable, cmd)  # does not return
    else:
        raise SystemExit(subprocess.call(cmd))
