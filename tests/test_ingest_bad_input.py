"""A batch of bad input through `karabakh-map ingest` and the pipeline: every file gets its
own line with the reason, nothing crashes, the good files go in, and nothing already stored
is lost or changed. The corpus is generated here (tests/support/bad_input_corpus.py)."""

from __future__ import annotations

import re
import tracemalloc
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa
from click.testing import CliRunner

from karabakh_map.cli import main
from karabakh_map.demo import open_with_demo
from karabakh_map.ingest import parse_article
from karabakh_map.pipeline import ingest_file
from karabakh_map.store import open_store
from karabakh_map.store import schema as s
from tests.support.bad_input_corpus import HUGE_BYTES, PRELOADED, write_corpus
from tests.support.ingest_support import tiny_gazetteer

pytest.importorskip("geodata.gazetteer")

Snapshot = dict[str, list[tuple[object, ...]]]
LINE = re.compile(r"^(new|duplicate|failed)\s+(\S+): (.*)$")


def snapshot(url: str) -> Snapshot:
    """Every row of every table of the store, sorted."""
    engine = sa.create_engine(url)
    try:
        with engine.connect() as conn:
            tables = sa.inspect(conn).get_table_names()
            return {t: sorted(tuple(r) for r in conn.exec_driver_sql(f'SELECT * FROM "{t}"'))
                    for t in tables}
    finally:
        engine.dispose()


def stored_text(url: str) -> str:
    engine = sa.create_engine(url)
    try:
        with engine.connect() as conn:
            return "\n".join(conn.execute(sa.select(s.articles.c.text).where(
                s.articles.c.text.is_not(None))).scalars())
    finally:
        engine.dispose()


def lost_or_changed(before: Snapshot, after: Snapshot) -> dict[str, list[tuple[object, ...]]]:
    """Rows of `before` that `after` does not hold as they were. The write counter
    (store_meta 'version') is meant to move on every write and is left out; an event's
    report-value counts (event_report_values.reports, the last column) grow as reports merge,
    so only their keys must stay."""
    out = {}
    for table, rows in before.items():
        def key(row: tuple[object, ...], table: str = table) -> tuple[object, ...]:
            return row[:-1] if table == "event_report_values" else row
        missing = Counter(map(key, rows)) - Counter(map(key, after.get(table, [])))
        gone = [r for r in missing.elements() if not (table == "store_meta" and r[0] == "version")]
        if gone:
            out[table] = gone
    return out


def ingest_lines(output: str) -> dict[str, tuple[str, str]]:
    """File name -> (status, detail) from the per-file lines of `ingest`; each file once."""
    seen: dict[str, tuple[str, str]] = {}
    for line in output.splitlines():
        line = re.sub(r"^.*?\r?(?=(?:new|duplicate|failed) )", "", line, count=1)  # progress bar
        m = LINE.match(line)
        if m:
            name = Path(m.group(2)).name
            assert name not in seen, f"{name} reported twice"
            seen[name] = (m.group(1), m.group(3))
    return seen


@pytest.fixture
def store_url(tmp_path: Path) -> str:
    """A file store with the demo catalogue and one ingested article."""
    url = f"sqlite:///{tmp_path / 'store.sqlite'}"
    assert CliRunner().invoke(main, ["db", "load-demo", "--db", url]).exit_code == 0
    first = tmp_path / "preloaded.txt"
    first.write_text(PRELOADED, encoding="utf-8")
    result = CliRunner().invoke(main, ["ingest", str(first), "--db", url])
    assert result.exit_code == 0 and result.stdout.startswith("new "), result.output
    return url


def test_bad_batch_through_the_cli(tmp_path: Path, store_url: str) -> None:
    folder = tmp_path / "batch"
    expected = write_corpus(folder, today=date.today())
    before = snapshot(store_url)

    result = CliRunner().invoke(main, ["ingest", str(folder), "--db", store_url])
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output + result.stderr
    assert result.exit_code == 1  # some files failed
    lines = ingest_lines(result.stdout + "\n" + result.stderr)
    assert set(lines) == set(expected), "every file gets exactly one line"
    for name, (status, pattern) in expected.items():
        got_status, detail = lines[name]
        assert got_status == status, f"{name}: {got_status} {detail}"
        assert re.search(pattern, detail), f"{name}: {detail!r} does not say {pattern!r}"
    n_new = sum(st == "new" for st, _ in expected.values())
    n_failed = sum(st == "failed" for st, _ in expected.values())
    assert f"articles: {n_new} new, 0 duplicate, {n_failed} failed" in result.stdout

    after = snapshot(store_url)
    assert lost_or_changed(before, after) == {}
    assert len(after["articles"]) == len(before["articles"]) + n_new
    stored = stored_text(store_url)
    for unsafe in ("<script", "alert(", "onerror", "onclick", "color: red", "document.write"):
        assert unsafe not in stored
    assert "Ağdam" in stored and "\ufffd" in stored  # damaged UTF-8 stays UTF-8
    assert "entrées" in stored and "Агдам" in stored  # Latin-1 and CP1251 decoded

    again = CliRunner().invoke(main, ["ingest", str(folder), "--db", store_url])
    assert again.exit_code == 1
    assert f"articles: 0 new, {n_new} duplicate, {n_failed} failed" in again.stdout
    assert snapshot(store_url) == after  # not a row added or changed, not even the counter


def test_bad_batch_through_the_pipeline(tmp_path: Path) -> None:
    """The library path (`ingest_file`) gives each file the same outcome, never raising."""
    expected = write_corpus(tmp_path / "batch", today=date.today())
    engine = open_with_demo("sqlite://", load_demo=True).engine
    outcomes = {p.name: ingest_file(engine, p).result for p in sorted((tmp_path / "batch")
                                                                      .iterdir())}
    assert {n: r.status for n, r in outcomes.items()} == {
        n: st for n, (st, _) in expected.items()}
    for name, (status, pattern) in expected.items():
        if status == "failed":
            assert re.search(pattern, outcomes[name].reason), outcomes[name].reason


def test_an_oversized_file_is_refused_before_it_is_read(tmp_path: Path) -> None:
    write_corpus(tmp_path, today=date.today())
    huge = tmp_path / "huge.txt"
    assert huge.stat().st_size == HUGE_BYTES
    engine = open_store("sqlite://").engine
    tracemalloc.start()
    try:
        result = ingest_file(engine, huge).result
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert result.status == "failed" and "over the limit" in result.reason
    assert peak < HUGE_BYTES // 10  # the 50 MB were never loaded


def test_a_publication_date_given_in_the_future_is_a_usage_error(tmp_path: Path,
                                                                 file_url: str) -> None:
    f = tmp_path / "a.txt"
    f.write_text(PRELOADED, encoding="utf-8")
    later = date.today() + timedelta(days=30)
    result = CliRunner().invoke(main, ["ingest", str(f), "--published", later.isoformat(),
                                       "--db", file_url])
    assert result.exit_code == 2
    assert f"{later} is after today" in result.stderr


# --- the date decisions, on their own --------------------------------------------------------

BODY = "Azerbaijani troops entered Lachin district on {when}, the ministry said.\n"


def parse(date_line: str, when: str, today: date = date(2021, 6, 1)):
    return parse_article(f"Report\n\n{date_line}\n\n" + BODY.format(when=when),
                         gazetteer=tiny_gazetteer(), today=today)


@pytest.mark.parametrize("date_line", ["date 2020-02-31", "February 31, 2020",
                                       "05:05 31 february 2020"])
def test_a_date_line_naming_a_missing_day_is_refused(date_line: str) -> None:
    with pytest.raises(ValueError, match=r"names a day that does not exist.*--published"):
        parse(date_line, "20 November")


def test_a_missing_day_in_the_text_is_not_used_not_even_its_month() -> None:
    parsed = parse("date 2020-11-20", "31 February 2020")
    # not "February 2020": the handover has no date in the text and is not reported
    assert parsed.events == []
    assert "'31 February 2020' is not a calendar date: not used" in parsed.warnings


def test_a_publication_date_after_today_is_refused_with_a_day_of_slack() -> None:
    with pytest.raises(ValueError, match=r"2021-06-03 is after today \(2021-06-01\)"):
        parse("date 2021-06-03", "1 June 2021")
    assert parse("date 2021-06-02", "1 June 2021").published == date(2021, 6, 2)


def test_a_handover_dated_after_its_article_is_kept_undated_with_a_note() -> None:
    parsed = parse("date 2020-11-20", "1 December 2031")
    [event] = parsed.events
    assert (event.date.earliest, event.date.latest) == (None, date(2020, 11, 20))
    assert any("dated 1 Dec 2031, after the article: kept undated" in w for w in parsed.warnings)
    # a deadline ahead of the article is what a scheduled handover is: untouched
    ahead = parse_article("Report\n\ndate 2020-11-20\n\nAzerbaijani troops will enter Lachin "
                          "district on 1 December 2020, the ministry said.\n",
                          gazetteer=tiny_gazetteer(), today=date(2021, 6, 1))
    assert [e.date.earliest for e in ahead.events] == [date(2020, 12, 1)]
