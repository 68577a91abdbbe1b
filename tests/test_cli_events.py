"""`karabakh-map events confirm|retract|edit|add|merge|split|history` on the shipped record:
each correction changes the state and the exports, is in the history with its reason, and
survives re-ingesting the articles."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from karabakh_map.cli import main
from tests.conftest import SEEDS


@pytest.fixture
def url(file_url: str, fake_gazetteer: None) -> str:
    result = CliRunner().invoke(main, ["db", "load-demo", "--db", file_url])
    assert result.exit_code == 0, result.output
    return file_url


def invoke(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def run(*args: str) -> str:
    result = invoke(*args)
    assert result.exit_code == 0, result.output
    return result.output


def find(url: str, *args: str) -> list[dict]:
    return json.loads(run("events", "--format", "json", "--db", url, *args))


def due_and_holder(url: str, day: str, district: str) -> tuple[str | None, str]:
    rows = json.loads(run("state", "--date", day, "--format", "json", "--db", url))
    (row,) = [r for r in rows if r["id"] == district]
    return row["scheduled"], row["controller"]


def csv_rows(url: str, tmp_path: Path) -> dict[int, dict[str, str]]:
    """The events CSV export's rows by event id (event_id_cnty: country code and id)."""
    target = tmp_path / "events.csv"
    run("export", "--events-csv", str(target), "--db", url)
    rows = csv.DictReader(io.StringIO(target.read_text(encoding="utf-8")))
    return {int(re.sub(r"^\D+", "", r["event_id_cnty"])): r for r in rows}


def kalbajar(url: str, type_: str) -> dict:
    (event,) = [e for e in find(url, "--type", type_, "--place", "Kalbajar")
                if e["date"] and e["date"].startswith("2020-11")]
    return event


def test_listing_still_works_and_shows_the_review_state(url):
    out = run("events", "--date", "2020-11-25", "--db", url)
    assert out.splitlines()[0].split()[-1] == "review"
    assert run("events", "--review", "unreviewed", "--db", url).count("\n") >= 2


def test_retract_changes_state_and_exports_and_is_in_the_history(url, tmp_path):
    postponement = kalbajar(url, "postponement")
    assert due_and_holder(url, "2020-11-16", "AZ-KAL")[0] == "2020-11-25"
    out = run("events", "retract", str(postponement["id"]), "--reason", "test: say it was not",
              "--by", "ana", "--db", url)
    assert re.fullmatch(rf"edit \d+: event {postponement['id']} retracted \(by ana\)\n", out)
    assert due_and_holder(url, "2020-11-16", "AZ-KAL")[0] == "2020-11-15"
    exported = csv_rows(url, tmp_path)
    assert postponement["id"] not in exported and exported[kalbajar(url, "displacement")["id"]]
    assert find(url, "--review", "retracted")[0]["id"] == postponement["id"]
    history = json.loads(run("events", "history", str(postponement["id"]), "--format",
                             "json", "--db", url))
    assert [(h["action"], h["made_by"], h["reason"], h["old"], h["new"]) for h in history] == [
        ("retract", "ana", "test: say it was not", {"review": "confirmed"},
         {"review": "retracted"})]
    table = run("events", "history", str(postponement["id"]), "--db", url)
    assert "test: say it was not" in table and "retract" in table


def test_edit_changes_state_and_exports_and_survives_reloading(url, tmp_path):
    handover = kalbajar(url, "transfer_of_territory")
    assert due_and_holder(url, "2020-11-25", "AZ-KAL")[1] == "Azerbaijan"
    out = run("events", "edit", str(handover["id"]), "--set", "date=2020-11-26",
              "--reason", "test: entered a day later", "--db", url)
    assert "date '2020-11-25' -> '2020-11-26'" in out
    assert due_and_holder(url, "2020-11-25", "AZ-KAL")[1] == "Armenian forces"
    assert due_and_holder(url, "2020-11-26", "AZ-KAL")[1] == "Azerbaijan"
    exported = csv_rows(url, tmp_path)[handover["id"]]
    assert (exported["event_date"], exported["review"]) == ("2020-11-26", "confirmed")
    run("db", "load-demo", "--db", url)  # the catalogue again: nothing undone
    assert kalbajar(url, "transfer_of_territory")["date"] == "2020-11-26"


@pytest.mark.skipif(not SEEDS.is_dir(), reason="seed articles not available")
def test_reingesting_the_articles_never_undoes_a_correction(url):
    handover = kalbajar(url, "transfer_of_territory")
    run("events", "edit", str(handover["id"]), "--set", "date=2020-11-26", "--reason",
        "test", "--db", url)
    postponement = kalbajar(url, "postponement")
    run("events", "retract", str(postponement["id"]), "--reason", "test", "--db", url)
    for _ in range(2):  # the seeds fill the catalogue's copies, then are duplicates
        invoke("ingest", str(SEEDS), "--db", url)
        assert kalbajar_event(url, handover["id"])["date"] == "2020-11-26"
        assert not [e for e in find(url, "--type", "postponement", "--place", "Kalbajar")
                    if e["id"] == postponement["id"]]
        assert [h["action"] for h in json.loads(run(
            "events", "history", str(postponement["id"]), "--format", "json", "--db", url))
                ] == ["retract"]


def test_merge_and_split_through_the_cli(url):
    displacement = kalbajar(url, "displacement")
    postponement = kalbajar(url, "postponement")
    articles = [s["article_id"] for s in postponement["sources"]]
    (seven_days,) = [s["article_id"] for s in postponement["sources"]
                     if s["deadline"] == "2020-11-22"]
    out = run("events", "split", str(postponement["id"]), "--article", str(seven_days),
              "--set", "note=the 7-day report", "--reason", "test: one outlet's version",
              "--db", url)
    new_id = int(re.search(r"are now event (\d+)", out).group(1))
    split_off = [e for e in find(url, "--type", "postponement") if e["id"] == new_id]
    assert split_off[0]["deadline"] == "2020-11-22" and len(split_off[0]["sources"]) == 1
    assert len(kalbajar_event(url, postponement["id"])["sources"]) == len(articles) - 1
    run("events", "merge", str(postponement["id"]), str(new_id), "--reason",
        "test: one postponement after all", "--db", url)
    assert len(kalbajar_event(url, postponement["id"])["sources"]) == len(articles)
    assert not [e for e in find(url) if e["id"] == new_id]
    history = json.loads(run("events", "history", str(new_id), "--format", "json",
                             "--db", url))
    assert [h["action"] for h in history] == ["split", "merge"]
    refused = invoke("events", "merge", str(displacement["id"]), str(new_id), "--reason",
                     "x", "--db", url)
    assert refused.exit_code == 1 and f"event {new_id} was merged into" in refused.output


def kalbajar_event(url: str, event_id: int) -> dict:
    (event,) = [e for e in find(url) if e["id"] == event_id]
    return event


def test_add_and_confirm(url):
    out = run("events", "add", "--type", "military_capture", "--date", "2020-10-04",
              "--set", "district_id=AZ-CAB", "--set", "controller=Azerbaijan",
              "--reason", "test: from the ministry's site", "--by", "ana", "--db", url)
    new_id = int(re.search(r"event (\d+) added", out).group(1))
    (added,) = [e for e in find(url, "--date", "2020-10-04") if e["id"] == new_id]
    assert (added["review"], added["sources"]) == ("confirmed", [])
    unreviewed = find(url, "--review", "unreviewed")
    if unreviewed:
        target = unreviewed[0]["id"]
        run("events", "confirm", str(target), "--reason", "test: checked", "--db", url)
        assert target not in {e["id"] for e in find(url, "--review", "unreviewed")}


def test_a_correction_needs_a_reason_and_a_known_event(url):
    missing = invoke("events", "retract", "1", "--db", url)
    assert missing.exit_code == 2 and "--reason" in missing.output
    unknown = invoke("events", "retract", "99999", "--reason", "r", "--db", url)
    assert unknown.exit_code == 1 and "no event 99999" in unknown.output
    bad = invoke("events", "edit", "1", "--set", "controller=Mars", "--reason", "r",
                 "--db", url)
    assert bad.exit_code == 1 and "bad controller" in bad.output
    assert run("events", "history", "1", "--db", url) == "event 1: no corrections\n"
