"""CSV exports neutralise cells that a spreadsheet would run as formulas."""

from __future__ import annotations

import csv
import io
from datetime import date

from click.testing import CliRunner

from karabakh_map.cli import main
from karabakh_map.csvsafe import csv_safe, write_csv
from karabakh_map.export.data import events_acled_csv
from karabakh_map.model import EventType
from karabakh_map.store import open_store
from karabakh_map.store.write import ArticleRecord, write_article
from tests.conftest import ev, fake_resolver

EVIL_SOURCE = '=HYPERLINK("http://evil.example/","x")'


def test_csv_safe_prefixes_formula_starts_only():
    for bad in ("=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"):
        assert csv_safe(bad) == "'" + bad
    for fine in ("Aghdam", "", "a-b", "Aghdam =1", "\u200b", "  ", "１=1", 46.5, -12.5, None,
                 3):
        assert csv_safe(fine) == fine


LOOK_ALIKES = ["\uff1d1+1", "\uff0b1", "\uff0d1", "\uff20SUM(A1)", "\ufe66cmd", "\ufe62cmd",
               "\ufe63cmd", "\ufe6bcmd", " =1", "\u200b=1", "\u200c+1", "\u200d-1", "\u2060@x",
               "\u00a0=1", "\u202f=1", "\ufeff=1", "\u3000=1", "\u3000\uff1d1", "\u2003+1",
               "\n=1", "\u200b \u200b=1", "\ufeff\u3000\u200b\uff20x"]


def test_csv_safe_catches_look_alikes_and_hidden_starts():
    """Full-width and small-form =, +, -, @, and any of them behind spaces, no-break and
    ideographic spaces, zero-width characters or a byte-order mark (issue 14)."""
    for bad in LOOK_ALIKES:
        assert csv_safe(bad) == "'" + bad, repr(bad)
    rows = list(csv.reader(io.StringIO(write_csv(["a"], [{"a": v} for v in LOOK_ALIKES]))))
    assert all(row[0].startswith("'") for row in rows[1:])


def test_write_csv_quotes_every_cell_and_ignores_extra_keys():
    text = write_csv(["a", "b"], [{"a": "=1", "b": -1, "c": "dropped"}])
    assert list(csv.reader(io.StringIO(text))) == [["a", "b"], ["'=1", "-1"]]


def _evil_store(url: str) -> None:
    store = open_store(url)
    record = ArticleRecord(title="-2+3 a made-up headline", source=EVIL_SOURCE,
                           published=date(2020, 11, 21), published_how="given",
                           text="Words of our own. " * 20)
    write_article(store.engine, record,
                  [ev(EventType.TRANSFER, "2020-11-20", "AZ-AGM", controller="Azerbaijan",
                      note="@note starting like a formula")],
                  resolve_place=fake_resolver)
    store.engine.dispose()


def _cells(text: str) -> list[str]:
    return [c for row in csv.reader(io.StringIO(text)) for c in row]


def _assert_no_formula(cells: list[str]) -> None:
    assert not [c for c in cells if c.startswith(("=", "+", "-", "@", "\t", "\r"))]


def test_cli_acled_and_flat_csv_are_neutralised(file_url, fake_gazetteer):
    _evil_store(file_url)
    for fmt in ("acled", "csv"):
        result = CliRunner().invoke(main, ["events", "--format", fmt, "--db", file_url])
        assert result.exit_code == 0, result.output
        cells = _cells(result.stdout)
        _assert_no_formula(cells)
        assert any(c.startswith("'=HYPERLINK(") for c in cells)
    notes = _cells(CliRunner().invoke(main, ["events", "--format", "acled", "--db",
                                             file_url]).stdout)
    assert "'@note starting like a formula" in notes


def test_export_events_csv_is_neutralised(file_url):
    _evil_store(file_url)
    store = open_store(file_url)
    cells = _cells(events_acled_csv(store.engine, {"AZ-AGM": "Aghdam"}))
    store.engine.dispose()
    _assert_no_formula(cells)
    assert "'" + EVIL_SOURCE in cells
