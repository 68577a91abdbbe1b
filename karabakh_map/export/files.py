"""Writing export files safely: never half a file, never over something that is not ours.

Every export is written to a temporary file beside its target and renamed into place once
complete (`atomic_path`), so a full disk or a crash leaves the previous file as it was.
Before anything is computed, `check_target` refuses a target whose folder is missing, a
target that is not a regular file (a device such as /dev/full, a folder, a FIFO), a name
whose extension does not fit the option, the store being read, and (unless forced) an
existing file that is not one of our exports, recognised by its signature (`is_ours`).
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path

# What each option may write (the first is the one the message suggests).
SUFFIXES: dict[str, tuple[str, ...]] = {
    "--html": (".html", ".htm"), "--png": (".png",), "--svg": (".svg",),
    "--state-geojson": (".geojson", ".json"), "--zones-geojson": (".geojson", ".json"),
    "--events-geojson": (".geojson", ".json"), "--zones-gpkg": (".gpkg",),
    "--events-csv": (".csv",), "--all-key-dates": (".png", ".svg"),
}
GENERATOR = "karabakh-map"
HTML_MARK = f'<meta name="generator" content="{GENERATOR} export">'
# Signatures of our own exports, looked for in a file's first HEAD bytes.
HEAD = 64 * 1024
_SIGNS: dict[str, tuple[bytes, ...]] = {
    ".html": (HTML_MARK.encode(), b"exported from karabakh-map"),  # the second: older exports
    ".png": (b"karabakh-map: control on",), ".svg": (b"karabakh-map: control on",),
    ".geojson": (b'"generator": "karabakh-map"', b'"generator":"karabakh-map"'),
    ".gpkg": (b"zone_control",),
}
_SIGNS[".htm"], _SIGNS[".json"] = _SIGNS[".html"], _SIGNS[".geojson"]
SQLITE_MAGIC = b"SQLite format 3\x00"


class ExportRefused(Exception):
    """An export target that must not be written; the message is one line for the user."""


def is_ours(path: Path, csv_header: str | Sequence[str] | None = None) -> bool:
    """Whether the existing file at `path` is an export of ours (or empty: nothing to lose);
    a CSV is ours when its first line is `csv_header` (or one of them)."""
    with path.open("rb") as f:
        head = f.read(HEAD)
    if not head:
        return True
    suffix = path.suffix.lower()
    if suffix == ".csv":
        headers = [csv_header] if isinstance(csv_header, str) else list(csv_header or ())
        return head.split(b"\n", 1)[0].rstrip(b"\r") in {h.encode() for h in headers}
    if suffix == ".gpkg" and not head.startswith(SQLITE_MAGIC):
        return False
    return any(sign in head for sign in _SIGNS.get(suffix, ()))


def check_target(option: str, path: Path, *, force: bool, store_files: Sequence[Path] = (),
                 csv_header: str | Sequence[str] | None = None) -> Path:
    """The real path to write `option`'s file to (symbolic links followed), or
    ExportRefused saying why not."""
    shown = os.fspath(path)
    real = Path(os.path.realpath(path))
    if real in {Path(os.path.realpath(p)) for p in store_files}:
        raise ExportRefused(f"{shown!r} is the store being read: the export would destroy "
                            "it; choose another file name")
    try:
        mode: int | None = real.stat().st_mode
    except FileNotFoundError:
        mode = None
    except OSError as err:
        raise ExportRefused(f"{shown!r}: cannot check it ({err.strerror})") from None
    if mode is not None and not stat.S_ISREG(mode):
        raise ExportRefused(f"{shown!r} is not a regular file (a device, folder or pipe): "
                            "exports write files")
    allowed = SUFFIXES[option]
    if path.suffix.lower() not in allowed:
        raise ExportRefused(f"{shown!r}: {option} writes a {' or '.join(allowed)} file; "
                            "give the file name that extension")
    if not real.parent.is_dir():
        raise ExportRefused(f"{shown!r}: the folder {os.fspath(path.parent)!r} does not "
                            "exist (create it first)")
    if mode is None or force:
        return real
    try:
        ours = is_ours(real, csv_header)
    except OSError as err:
        raise ExportRefused(f"{shown!r}: cannot read it to check what it is "
                            f"({err.strerror})") from None
    if not ours:
        raise ExportRefused(f"{shown!r} exists and is not an export of karabakh-map: not "
                            "overwritten (add --force to replace it)")
    return real


@contextlib.contextmanager
def atomic_path(target: Path) -> Iterator[Path]:
    """A temporary path beside `target` to write to; renamed over `target` when the block
    ends without an error, removed otherwise (the old file stays as it was)."""
    target = Path(target)
    fd, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.",
                                suffix=".part" + target.suffix)
    os.close(fd)
    tmp = Path(name)
    try:
        yield tmp
        _keep_mode(target, tmp)
        with tmp.open("rb+") as f:  # on disk before the rename, or a crash could leave 0 bytes
            os.fsync(f.fileno())
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)


def _keep_mode(target: Path, tmp: Path) -> None:
    """The old file's permissions, or the usual ones for a new file (mkstemp's are 0600)."""
    try:
        mode = stat.S_IMODE(target.stat().st_mode)
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    os.chmod(tmp, mode)


def write_text(target: Path, text: str) -> Path:
    """Write `text` (UTF-8) to `target` atomically."""
    with atomic_path(target) as tmp, tmp.open("w", encoding="utf-8", newline="") as f:
        f.write(text)
    return Path(target)
