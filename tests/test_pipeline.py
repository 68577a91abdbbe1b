"""The ingest pipeline against hostile folders and files (issue 14): links leading out of the
folder, dangling links, FIFOs, unreadable files and folders, a folder nested 1,100 levels
deep, file names that would forge report lines, and a file over its time budget. Each is
reported on its own line and the rest of the batch goes in."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
import sqlalchemy as sa

from karabakh_map.parse_worker import reader
from karabakh_map.pipeline import (
    FileResult,
    Skipped,
    display,
    given_fields,
    ingest_file,
    iter_article_paths,
)
from karabakh_map.store import query_events
from tests.conftest import BOTH, fake_resolver

REPO = Path(__file__).resolve().parent.parent
NOBODY = 65534
REPORT = re.compile(r"\b(?:new|duplicate|failed) +/.*$", re.MULTILINE)
ARTICLE = ("{place} handed over\n\nAzerbaijani troops entered {place} district on "
           "{day} November 2020, the defence ministry said. {extra}\n")


def article(place: str, day: int, extra: str = "") -> str:
    return ARTICLE.format(place=place, day=day, extra=extra)


@pytest.fixture
def open_dir() -> Iterator[Path]:
    """A temporary folder that an unprivileged user may enter (pytest's is root-only)."""
    d = Path(tempfile.mkdtemp(prefix="kbm-pipeline-"))
    d.chmod(0o777)
    yield d
    # rm -rf: shutil.rmtree recurses, and the 1,100-level folder is deeper than its limit
    subprocess.run(["chmod", "-R", "u+rwx", str(d)], check=False)
    subprocess.run(["rm", "-rf", str(d)], check=False)


def run_ingest(folder: Path, db: Path) -> subprocess.CompletedProcess[str]:
    """The real command in a fresh interpreter; as an unprivileged user when we are root
    (root reads files whatever their mode, so 'unreadable' would not be)."""
    as_root = hasattr(os, "geteuid") and os.geteuid() == 0
    env = {**os.environ, "HOME": str(db.parent), "PYTHONPATH": str(REPO)}
    return subprocess.run(
        [sys.executable, "-m", "karabakh_map", "ingest", str(folder), "--db", f"sqlite:///{db}"],
        capture_output=True, text=True, env=env, cwd=db.parent, timeout=300,
        **({"user": NOBODY, "group": NOBODY, "extra_groups": []} if as_root else {}))


def deep_folder(root: Path, levels: int) -> Path:
    """root/d/d/.../d, `levels` deep (os.makedirs recurses: too deep for it)."""
    root.mkdir()
    path = root
    for _ in range(levels):
        path = path / "d"
        path.mkdir()
    return path


def test_display_escapes_what_could_forge_or_hide_a_report_line() -> None:
    assert display("Ağdam/Şuşa/Շուշի/Агдам.txt") == "Ağdam/Şuşa/Շուշի/Агдам.txt"
    assert display("a\nnew        b.txt: article 9") == "a\\nnew        b.txt: article 9"
    assert display("x\r\x1b[2Ky.txt") == "x\\r\\x1b[2Ky.txt"
    assert display("evil\u202etxt.exe\u2028\x85\x9b") == "evil\\u202etxt.exe\\u2028\\x85\\x9b"
    assert display(os.fsdecode(b"bad\xffname.txt")) == "bad\\udcffname.txt"  # printable


def test_folder_problems_each_get_a_line_and_the_rest_goes_in(open_dir: Path) -> None:
    folder = open_dir / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(article("Aghdam", 20))
    (folder / "inside_link.txt").symlink_to("good.txt")  # stays inside: read (a duplicate)
    (folder / "passwd.txt").symlink_to("/etc/passwd")
    (folder / "dangling.txt").symlink_to(folder / "nothing-here.txt")
    (folder / "etc").symlink_to("/etc")
    os.mkfifo(folder / "fifo.txt")
    (folder / "unreadable.txt").write_text(article("Fuzuli", 21))
    (folder / "unreadable.txt").chmod(0)
    locked = folder / "locked"
    locked.mkdir()
    (locked / "inside.txt").write_text(article("Kalbajar", 25))
    locked.chmod(0)
    (deep_folder(folder / "deep", 1_100) / "bottom.txt").write_text(article("Qubadli", 30))
    (folder / "later.md").write_text(article("Zangilan", 22))
    db = open_dir / "store.sqlite"
    run = run_ingest(folder, db)
    assert "Traceback" not in run.stderr, run.stderr
    assert run.returncode == 1
    # One line per entry; the progress bar on stderr may share a line with a failure.
    lines = [m.group() for m in REPORT.finditer(run.stdout + run.stderr)]
    by_name = {line.split(": ")[0].split("/")[-1] + ":": line for line in lines}
    assert len(lines) == len(by_name) == 10, lines
    assert by_name["good.txt:"].startswith("new ")
    assert by_name["later.md:"].startswith("new ")
    assert by_name["bottom.txt:"].startswith("new ")  # 1,100 levels down
    assert by_name["inside_link.txt:"].startswith("duplicate ")
    assert by_name["passwd.txt:"].endswith(
        "a link leading out of the folder given (passwd.txt -> /etc/passwd): skipped")
    assert by_name["etc:"].endswith("a link leading out of the folder given (etc -> /etc): "
                                    "skipped")
    assert "a link to nothing (dangling.txt -> " in by_name["dangling.txt:"]
    assert by_name["fifo.txt:"].endswith("not a regular file (a FIFO, socket or device): "
                                         "skipped")
    assert by_name["unreadable.txt:"].startswith("failed ")
    assert "Permission denied" in by_name["unreadable.txt:"]
    assert by_name["locked:"].endswith("folder not readable (Permission denied): skipped")
    assert run.stdout.splitlines()[-1] == ("articles: 3 new, 1 duplicate, 6 failed; "
                                           "events: 3 new, 0 merged")
    engine = sa.create_engine(f"sqlite:///{db}")
    with engine.connect() as conn:
        texts = "\n".join(conn.exec_driver_sql("SELECT text FROM articles").scalars())
    engine.dispose()
    assert "root:" not in texts  # nothing of /etc/passwd went in


FORGING_NAMES = ["two\nnew        fake.txt: article 99.txt", "ret\rfailed     x.txt",
                 "esc\x1b[2K\x1b[1Aup.txt", "bidi\u202etxt.md", "sep\u2028line.txt",
                 "tab\tand\x7fdel.txt"]


def test_file_names_cannot_forge_report_lines(open_dir: Path) -> None:
    folder = open_dir / "in"
    folder.mkdir()
    for i, name in enumerate(FORGING_NAMES):
        (folder / name).write_text(article("Aghdam", 20, extra=f"Report {i}." * (i + 1)))
    run = run_ingest(folder, open_dir / "store.sqlite")
    assert run.returncode == 0, run.stderr
    out = run.stdout.splitlines()
    assert len(out) == len(FORGING_NAMES) + 1  # one line per file, then the summary
    for name in FORGING_NAMES:
        shown = display(str(folder / name))
        assert sum(line.startswith(("new", "duplicate")) and f" {shown}: " in line
                   for line in out) == 1, shown
    assert not any(ch in run.stdout for ch in "\r\x1b\u202e\u2028\t\x7f")


def test_names_skipped_in_a_walk_are_escaped_too(tmp_path: Path) -> None:
    (tmp_path / "a\nb.txt").symlink_to("/etc/hostname")
    (item,) = iter_article_paths([tmp_path])
    assert isinstance(item, Skipped)
    fr = ingest_file(sa.create_engine("sqlite://"), item)
    assert "\n" not in fr.path + fr.result.reason
    assert fr.path.endswith("a\\nb.txt")
    assert "(a\\nb.txt -> /etc/hostname)" in fr.result.reason


def test_a_file_over_its_time_budget_fails_alone(tmp_path: Path, engine: sa.Engine) -> None:
    """A file that takes longer than its budget is that file's failure; its worker is
    killed and a new one reads the next file. (The budget here is tiny; a 1.5 MB article
    takes a few seconds, over it.)"""
    first, big, last = tmp_path / "a.txt", tmp_path / "big.txt", tmp_path / "c.txt"
    first.write_text(article("Aghdam", 20))
    big.write_text("".join(article(p, 1 + i % 28, extra=f"Convoy {i} passed.")
                           for i, p in zip(range(9_000), ["Fuzuli", "Lachin", "Shusha"] * 3_000,
                                           strict=True)))
    last.write_text(article("Zangilan", 22))
    results = [ingest_file(engine, p, budget=b) for p, b in
               ((first, 60.0), (big, 0.3), (last, 60.0))]
    assert [r.result.status for r in results] == ["new", "failed", "new"]
    assert results[1].result.reason == (f"{big}: not read within 0.3 s, the time allowed "
                                        f"for one file: left out (the batch goes on)")


def test_the_reader_survives_its_process_dying(tmp_path: Path, engine: sa.Engine) -> None:
    path = tmp_path / "a.txt"
    path.write_text(article("Aghdam", 20))
    assert ingest_file(engine, path).result.status == "new"
    proc = reader()._proc
    assert proc is not None
    proc.kill()  # as the OS would, out of memory
    proc.wait() if isinstance(proc, subprocess.Popen) else proc.join()
    path.write_text(article("Fuzuli", 21))
    assert ingest_file(engine, path).result.status == "new"  # a new worker was started


def test_without_a_budget_parsing_stays_in_this_process(tmp_path: Path,
                                                        engine: sa.Engine) -> None:
    path = tmp_path / "a.txt"
    path.write_text(article("Aghdam", 20))
    fr = ingest_file(engine, path, budget=None)
    assert fr.result.status == "new" and fr.parsed is not None


def test_a_script_without_a_main_guard_can_ingest(tmp_path: Path) -> None:
    """The worker is a fresh interpreter that does not re-import the caller's script (as
    multiprocessing's spawn would, running a guard-less script's body again)."""
    (tmp_path / "a.txt").write_text(article("Aghdam", 20))
    script = tmp_path / "batch.py"
    script.write_text(
        "import sqlalchemy as sa\n"
        "from pathlib import Path\n"
        "from karabakh_map.pipeline import ingest_file\n"
        "from karabakh_map.store import open_store\n"
        f"store = open_store('sqlite:///{tmp_path / 's.db'}')\n"
        f"print(ingest_file(store.engine, Path({str(tmp_path / 'a.txt')!r})).result.status)\n")
    run = subprocess.run([sys.executable, str(script)], capture_output=True, text=True,
                         env={**os.environ, "PYTHONPATH": str(REPO)}, timeout=300)
    assert run.stdout.strip() == "new", run.stderr


# --- the same article again with other metadata (issue 12) ------------------------------

RELATIVE = ("Fuzuli taken\n\nAzerbaijani forces captured the town of Fuzuli yesterday, the "
            "defence ministry said. Separately, Azerbaijani troops entered Aghdam district "
            "on 20 November 2020.\n")


@pytest.mark.parametrize("backend", BOTH, indirect=True)
def test_a_new_publication_date_re_reads_relative_dates(tmp_path: Path,
                                                        engine: sa.Engine) -> None:
    path = tmp_path / "fuzuli.txt"
    path.write_text(RELATIVE)

    def ingest(day: int, source: str = "Wire A") -> FileResult:
        return ingest_file(engine, path, published=date(2020, 10, day), source=source,
                           resolve_place=fake_resolver)

    def fuzuli() -> str | None:
        (row,) = [e for e in query_events(engine) if e.type == "military_capture"]
        return row.to_json()["date"]

    assert ingest(18).result.status == "new"
    assert fuzuli() == "2020-10-17"
    same = ingest(18)
    assert (same.result.status, same.updated) == ("duplicate", False)
    assert same.result.reason.endswith("metadata unchanged")
    fixed = ingest(19)
    assert fixed.updated
    assert fixed.result.reason == ("updated metadata: published 2020-10-18 -> 2020-10-19; "
                                   "1 event re-dated")
    assert fuzuli() == "2020-10-18"
    assert len(query_events(engine)) == 2  # the Aghdam event, with its absolute date, stays
    assert not ingest(19).updated  # idempotent
    renamed = ingest(19, "Wire B")
    assert renamed.result.reason == "updated metadata: source 'Wire A' -> 'Wire B'"
    # Without --published or --source, the same text is a plain duplicate.
    plain = ingest_file(engine, path, resolve_place=fake_resolver)
    assert (plain.result.status, plain.updated) == ("duplicate", False)
    assert plain.result.reason.startswith("same text as article")


def test_given_fields_follow_the_options() -> None:
    assert given_fields({"published": None, "source": None, "lang": "en"}) == ()
    assert given_fields({"published": date(2020, 1, 1), "source": "BBC News"}) == (
        "published", "source")
    assert given_fields({"source": "https://example.org/a"}) == ("source", "url")


def test_the_command_says_what_it_updated(tmp_path: Path, fake_gazetteer: None) -> None:
    from click.testing import CliRunner

    from karabakh_map.cli import main

    path = tmp_path / "fuzuli.txt"
    path.write_text(RELATIVE)
    db = f"sqlite:///{tmp_path / 'store.sqlite'}"

    def run(day: str) -> list[str]:
        out = CliRunner().invoke(main, ["ingest", str(path), "--published", day, "--db", db])
        assert out.exit_code == 0, out.output
        return out.stdout.splitlines()

    assert run("2020-10-18")[0].startswith("new ")
    updated = run("2020-10-19")
    assert updated[0] == (f"updated    {path}: updated metadata: published 2020-10-18 -> "
                          f"2020-10-19; 1 event re-dated")
    assert "1 updated" in updated[-1]
    assert run("2020-10-19")[0] == f"duplicate  {path}: same text as article 1; metadata " \
                                   "unchanged"
