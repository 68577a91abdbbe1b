"""`karabakh-map serve`: start the Streamlit dashboard."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import click

APP = Path(__file__).resolve().parent.parent / "dashboard" / "app.py"

# Passed on the command line as well as in .streamlit/config.toml, so the dashboard
# sends nothing to outside hosts whatever folder it is started from.
SAFE_FLAGS = [
    "--browser.gatherUsageStats=false",
    "--server.headless=true",
    "--server.fileWatcherType=none",
]


@click.command(context_settings={"ignore_unknown_options": True})
@click.option("--port", type=int, default=8501, show_default=True, help="Port to listen on.")
@click.argument("streamlit_args", nargs=-1, type=click.UNPROCESSED)
def serve(port: int, streamlit_args: tuple[str, ...]) -> None:
    """Start the dashboard (extra arguments go to `streamlit run`)."""
    cmd = [sys.executable, "-m", "streamlit", "run", str(APP), f"--server.port={port}",
           *SAFE_FLAGS, *streamlit_args]
    if os.name == "posix":
        # Become the server rather than its parent: a supervisor's SIGTERM or SIGKILL then
        # reaches Streamlit itself, and no orphaned server keeps the port.
        sys.stdout.flush()
        os.execv(sys.executable, cmd)
    raise SystemExit(subprocess.call(cmd))
