"""`karabakh-map ingest --workers N`: the same store as one worker, on either backend,
whatever order the files come in; failures reported per file, in file order."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from karabakh_map.cli import main
from tests.conftest import BOTH
from tests.support.article_batch import write_articles
from tests.support.store_check import FIRST_REPORT, event_set, store_problems, store_rows

STORE_BACKENDS = BOTH
pytest.importorskip("geodata.gazetteer")


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """30 articles (reports of four handovers merge), one of them twice, a missing file and
    a binary one in the middle."""
    folder = tmp_path_factory.mktemp("workers")
    paths = write_articles(folder / "batch", 30)
    copy = folder / "copy.txt"
    copy.write_text(paths[3].read_text(encoding="utf-8"), encoding="utf-8")
    binary = folder / "binary.txt"
    binary.write_bytes(bytes(range(256)) * 8)
    return [*paths[:10], folder / "missing.txt", *paths[10:20], binary, copy, *paths[20:]]


def first_report_fields(url: str) -> dict[str, tuple[object, ...]]:
    """The fields an event takes from its earliest report (note, actors, place...), by key:
    the same whatever order the reports came in (store/reports.py report_rank)."""
    import sqlalchemy as sa

    from karabakh_map.store.db import make_engine

    engine = make_engine(url)
    cols = ", ".join(FIRST_REPORT)
    with engine.connect() as conn:
        rows = conn.execute(sa.text(f"SELECT key, {cols} FROM events")).all()
    engine.dispose()
    return {key: tuple(rest) for key, *rest in rows}


def ingest(url: str, files: list[Path], workers: int) -> list[str]:
    result = CliRunner().invoke(main, ["ingest", *map(str, files), "--db", url,
                                       "--workers", str(workers)])
    assert result.exit_code == 1, result.output  # the missing and the binary file
    return result.stdout.splitlines()


def test_n_workers_store_what_one_worker_stores(new_url, files: list[Path]) -> None:
    one, three = new_url("one"), new_url("three")
    lines_one = ingest(one, files, 1)
    lines_three = ingest(three, files, 3)
    # the same lines in the same order (article numbers included on SQLite)
    assert [line.split()[0] for line in lines_three] == [line.split()[0] for line in lines_one]
    assert lines_three[-1] == lines_one[-1]
    assert lines_one[-1].startswith("articles: 30 new, 1 duplicate, 2 failed;")
    # SQLite: written here in file order, so row for row the same, ids included;
    # PostgreSQL: written by the workers as they finish, so the same rows but for ids
    assert store_rows(three, any_order=not one.startswith("sqlite")) == store_rows(
        one, any_order=not one.startswith("sqlite"))
    # and the fields the earliest report sets are the same whatever order
    assert first_report_fields(three) == first_report_fields(one)
    assert store_problems(three) == []


def test_the_order_the_files_come_in_does_not_matter(new_url, files: list[Path]) -> None:
    forward, backward = new_url("forward"), new_url("backward")
    ingest(forward, files, 1)
    lines = ingest(backward, files[::-1], 2)
    assert lines[-1].startswith("articles: 30 new, 1 duplicate, 2 failed;")
    assert event_set(backward) == event_set(forward)
    assert store_rows(backward, any_order=True) == store_rows(forward, any_order=True)
    fields = first_report_fields(forward)
    assert fields == first_report_fields(backward)
    assert any(values[0] for values in fields.values())  # notes were compared, not blanks


def test_an_acled_file_goes_in_with_workers(new_url, tmp_path: Path,
                                            files: list[Path]) -> None:
    from tests.test_acled import CAPTURE, CURRENT, HANDOVER, sheet

    sheet_path = tmp_path / "acled.csv"
    sheet_path.write_text(sheet(CURRENT, [HANDOVER, CAPTURE]), encoding="utf-8")
    url = new_url("acled")
    result = CliRunner().invoke(main, ["ingest", str(files[0]), str(sheet_path), "--db", url,
                                       "--workers", "2"])
    assert result.exit_code == 0, result.output
    assert "unsupported" not in result.output
    assert "ACLED CSV (current columns): 2 rows read, 2 new" in result.output


def test_new_metadata_updates_a_stored_article_with_workers(new_url, files: list[Path]) -> None:
    url = new_url("restate")
    first = CliRunner().invoke(main, ["ingest", str(files[0]), "--db", url, "--workers", "2",
                                      "--published", "2020-11-19"])
    assert first.exit_code == 0, first.output
    again = CliRunner().invoke(main, ["ingest", str(files[0]), "--db", url, "--workers", "2",
                                      "--published", "2020-11-20"])
    assert again.exit_code == 0, again.output
    assert "updated metadata: published 2020-11-19 -> 2020-11-20" in again.output
    same = CliRunner().invoke(main, ["ingest", str(files[0]), "--db", url, "--workers", "2",
                                     "--published", "2020-11-20"])
    assert "metadata unchanged" in same.output
