"""Exports never lose data (issue 14): written beside the target and renamed into place,
never over the store or a file that is not ours, refused with one line when they cannot be
written (missing folder, a device, a wrong extension)."""

from __future__ import annotations

import errno
import hashlib
import os
import resource
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from karabakh_map.cli import main
from karabakh_map.cli_export import _csv_header
from karabakh_map.demo import open_with_demo
from karabakh_map.export import files

DAY = "2020-11-25"


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["export", *args])
    assert "Traceback" not in result.output
    return result.exit_code, result.output


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("store") / "demo.sqlite"
    open_with_demo(f"sqlite:///{path}", load_demo=True).engine.dispose()
    return path


@pytest.fixture(scope="module")
def previous(store: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """A good earlier export of every kind, in a folder of its own."""
    out = tmp_path_factory.mktemp("previous")
    paths = {"--html": out / "map.html", "--events-csv": out / "events.csv",
             "--events-geojson": out / "events.geojson", "--state-geojson": out / "state.json",
             "--zones-gpkg": out / "zones.gpkg", "--zones-geojson": out / "zones.geojson",
             "--png": out / "m.png", "--svg": out / "m.svg"}
    code, output = run("--db", f"sqlite:///{store}", "--date", DAY,
                       *[a for o, p in paths.items() for a in (o, str(p))])
    assert code == 0, output
    return paths


def test_every_export_is_recognised_as_ours(previous: dict[str, Path]) -> None:
    header = _csv_header()
    for path in previous.values():
        assert files.is_ours(path, header), path


def test_an_events_csv_of_an_earlier_version_is_ours(tmp_path: Path) -> None:
    """Written before ACLED's 2023 columns: replaced without --force, not refused."""
    earlier = tmp_path / "events.csv"
    earlier.write_text("event_id_cnty,event_date,year,time_precision,event_type,"
                       "sub_event_type,actor1,actor2,country,admin1,admin2,location,latitude,"
                       "longitude,geo_precision,source,notes,review\r\nAZE1,2020-11-20\r\n")
    assert files.is_ours(earlier, _csv_header())
    foreign = tmp_path / "other.csv"
    foreign.write_text("event_id_cnty,event_date,notes\nAZE1,2020-11-20,x\n")
    assert not files.is_ours(foreign, _csv_header())


def test_a_second_export_replaces_the_first_without_force(store: Path,
                                                          previous: dict[str, Path]) -> None:
    code, output = run("--db", f"sqlite:///{store}", "--date", "2020-12-01",
                       *[a for o, p in previous.items() for a in (o, str(p))])
    assert code == 0, output
    assert output.count("wrote ") == len(previous)
    leftovers = [p.name for p in next(iter(previous.values())).parent.iterdir()
                 if p.name.startswith(".")]
    assert leftovers == []


def test_a_failed_write_keeps_the_old_file(previous: dict[str, Path], store: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """A disk that fills up mid-file: half the bytes go out, then ENOSPC."""
    before = {o: sha(p) for o, p in previous.items()}
    real = Path.write_text

    def full_disk(self: Path, data: str, *args: object, **kwargs: object) -> int:
        real(self, data[: len(data) // 2], *args, **kwargs)  # type: ignore[arg-type]
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(Path, "write_text", full_disk)
    opts = ("--html", "--events-csv", "--events-geojson", "--state-geojson", "--zones-geojson")
    code, output = run("--db", f"sqlite:///{store}", "--date", DAY,
                       *[a for o in opts for a in (o, str(previous[o]))])
    assert code == 1
    for option in opts:
        assert (f"Error: {option}: could not write {str(previous[option])!r}: No space left "
                "on device (the previous file is unchanged)") in output
    assert {o: sha(p) for o, p in previous.items()} == before
    assert not [p for p in previous["--html"].parent.iterdir() if p.name.startswith(".")]


def test_a_real_write_limit_keeps_the_old_html(previous: dict[str, Path], store: Path) -> None:
    """The real command in its own process with a 64 KiB file size limit (RLIMIT_FSIZE):
    the page (~450 KiB) cannot be written whole, and the previous one stays."""
    before = sha(previous["--html"])

    def limit() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # EFBIG instead of a kill
        resource.setrlimit(resource.RLIMIT_FSIZE, (64 * 1024, 64 * 1024))

    done = subprocess.run([sys.executable, "-m", "karabakh_map.cli", "export", "--db",
                           f"sqlite:///{store}", "--html", str(previous["--html"])],
                          capture_output=True, text=True, preexec_fn=limit, timeout=300)
    assert done.returncode == 1, done.stderr
    assert "could not write" in done.stderr and "File too large" in done.stderr
    assert "Traceback" not in done.stderr
    assert sha(previous["--html"]) == before


def test_the_store_is_never_overwritten(store: Path) -> None:
    before = sha(store)
    for force in ([], ["--force"]):
        for target in (store, Path(f"{store}-wal")):
            code, output = run("--db", f"sqlite:///{store}", "--html", str(target), *force)
            assert code == 1 and "is the store being read" in output, output
    code, output = run("--db", f"sqlite:///{store}", "--html",
                       str(store.with_suffix(".html")))
    assert code == 0, output  # the same folder is fine
    assert sha(store) == before


def test_a_file_that_is_not_ours_needs_force(store: Path, tmp_path: Path) -> None:
    notes = tmp_path / "notes.html"
    notes.write_text("<p>my own notes</p>")
    sheet = tmp_path / "acled.csv"
    sheet.write_text("event_id_cnty,event_date,year\nAZE1,2020-11-25,2020\n")
    for option, path in (("--html", notes), ("--events-csv", sheet)):
        before = sha(path)
        code, output = run("--db", f"sqlite:///{store}", option, str(path))
        assert code == 1 and "is not an export of karabakh-map: not overwritten (add " \
            "--force to replace it)" in output, output
        assert sha(path) == before
        code, output = run("--db", f"sqlite:///{store}", option, str(path), "--force")
        assert code == 0 and sha(path) != before, output


@pytest.mark.parametrize(("option", "target", "says"), [
    ("--html", "{tmp}/missing/sub/map.html", "the folder '{tmp}/missing/sub' does not exist"),
    ("--events-csv", "{tmp}/missing/e.csv", "does not exist (create it first)"),
    ("--png", "{tmp}/missing/m.png", "does not exist"),
    ("--html", "/dev/full", "is not a regular file"),
    ("--html", "{tmp}/map.txt", "--html writes a .html or .htm file"),
    ("--png", "{tmp}/map.jpg", "--png writes a .png file"),
    ("--zones-gpkg", "{tmp}/z.shp", "--zones-gpkg writes a .gpkg file"),
    ("--events-csv", "{tmp}", "is not a regular file"),
    ("--html", "{tmp}/folder.html", "is not a regular file"),
    ("--all-key-dates", "{tmp}/missing/keys", "the folder '{tmp}/missing' does not exist"),
])
def test_unwritable_targets_are_one_line_and_exit_1(option: str, target: str, says: str,
                                                    tmp_path: Path, store: Path) -> None:
    (tmp_path / "folder.html").mkdir()
    before = sorted(p.name for p in tmp_path.iterdir())
    extra = ["--date", DAY] if option == "--png" else []
    code, output = run("--db", f"sqlite:///{store}", option,
                       target.replace("{tmp}", str(tmp_path)), *extra)
    assert code == 1, output
    lines = [line for line in output.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith(f"Error: {option}: "), output
    assert says.replace("{tmp}", str(tmp_path)) in lines[0]
    assert sorted(p.name for p in tmp_path.iterdir()) == before  # no folder made


def test_key_dates_folder_is_made_when_its_parent_exists(store: Path, tmp_path: Path) -> None:
    code, output = run("--db", f"sqlite:///{store}", "--all-key-dates", str(tmp_path / "k"),
                       "--image-format", "svg")
    assert code == 0, output
    assert f"created folder {tmp_path / 'k'}" in output
    assert (tmp_path / "k" / "control-2020-12-01.svg").exists()


def test_atomic_path_removes_its_temporary_file(tmp_path: Path) -> None:
    target = tmp_path / "a.html"
    target.write_text("old")
    with pytest.raises(RuntimeError), files.atomic_path(target) as tmp:
        tmp.write_text("half")
        raise RuntimeError("boom")
    assert target.read_text() == "old" and list(tmp_path.iterdir()) == [target]
    with files.atomic_path(target) as tmp:
        tmp.write_text("new")
    assert target.read_text() == "new" and list(tmp_path.iterdir()) == [target]
    assert (target.stat().st_mode & 0o777) != 0o600  # not mkstemp's private mode
