import json
import re
from importlib import resources

import pytest

from karabakh_map.demo import ensure_demo_loaded, load_catalogue, load_demo
from karabakh_map.model import EventType
from karabakh_map.store import counts, query_events
from tests.conftest import SEEDS, fake_resolver

RAW = json.loads(resources.files("karabakh_map").joinpath("data/demo_events.json").read_text())


def test_every_report_cites_a_catalogue_article_with_publisher_title_and_date():
    keys = {a["key"] for a in RAW["articles"]}
    for a in RAW["articles"]:
        assert a["publisher"] and a["title"] and a["published"]
    for item in RAW["events"]:
        EventType(item["type"])
        assert item["reports"], item["note"]
        assert {r["article"] for r in item["reports"]} <= keys
        assert item["place_id"] or item["district_id"], item["note"]


def test_catalogue_turns_into_one_event_list_per_article():
    articles = load_catalogue()
    assert [a.key for a in articles] == ["A000", "A002", "A003", "A004"]
    assert sum(len(a.events) for a in articles) == sum(len(i["reports"]) for i in RAW["events"])
    assert all(a.record.text is None for a in articles)  # no article text is shipped


def test_loading_is_idempotent(engine):
    first = ensure_demo_loaded(engine, resolve_place=fake_resolver)
    assert [r.status for r in first] == ["new"] * 4
    before = counts(engine)
    assert ensure_demo_loaded(engine, resolve_place=fake_resolver) == []
    assert [r.status for r in load_demo(engine, fake_resolver)] == ["duplicate"] * 4
    assert counts(engine) == before
    assert before["events"] == len(RAW["events"])


def test_the_disputes_of_the_seeds_are_marked(demo_engine):
    disputed = {(e.type, e.district_id): e.dispute_note
                for e in query_events(demo_engine) if e.disputed}
    assert disputed[("agreement", None)] == "date: 2020-11-09 vs 2020-11-10"
    assert disputed[("peacekeeper_deployment", "lachin-corridor")] == "peacekeepers: 1,960 vs 2,000"
    assert disputed[("postponement", "AZ-KAL")] == (
        "deadline: 2020-11-22 vs 2020-11-25; days_added: 7 vs 10")


def test_one_postponement_with_its_three_reports(demo_engine):
    [post] = query_events(demo_engine, types=["postponement"])
    assert len(post.sources) == 3
    assert post.previous_deadline.isoformat() == "2020-11-15"
    assert post.deadline.isoformat() == "2020-11-25"  # the latest reported new deadline
    assert sorted(str(s.deadline) for s in post.sources) == ["2020-11-22", "2020-11-25", "None"]
    assert post.to_json()["date"] == "2020-11-10/2020-11-15"  # when it was decided


@pytest.mark.parametrize("type_, district, date_text", [
    ("military_capture", "AZ-LAC", "1992-05-18"),
    ("military_capture", "AZ-AGM", "1993"),
    ("displacement", "AZ-AGM", "1993"),
    ("military_capture", "AZ-SUS", "2020-09-27/2020-11-10"),
    ("military_capture", "AZ-ZAN", "2020-09-27/2020-11-10"),
    ("scheduled_handover", "AZ-KAL", "2020-11-15"),
    ("postponement", "AZ-KAL", "2020-11-10/2020-11-15"),
    ("scheduled_handover", "AZ-KAL", "2020-11-25"),
    ("armed_clash", None, "2020-09-27"),
    ("scheduled_handover", "AZ-AGM", "2020-11-20"),
    ("scheduled_handover", "AZ-LAC", "2020-12-01"),
    ("transfer_of_territory", "AZ-AGM", "2020-11-20"),
    ("transfer_of_territory", "AZ-KAL", "2020-11-25"),
    ("transfer_of_territory", "AZ-LAC", "2020-12-01"),
    ("peacekeeper_deployment", "lachin-corridor", "2020-11-10"),
    ("destruction_of_property", "AZ-KAL", "2020-11-10/2020-11-25"),
])
def test_catalogue_covers_the_seed_events(demo_engine, type_, district, date_text):
    found = [e.to_json()["date"] for e in query_events(
        demo_engine, types=[type_], district_ids=[district] if district else None)]
    assert date_text in found


def test_every_1994_district_has_a_capture(demo_engine):
    captured = {e.district_id for e in query_events(demo_engine, types=["military_capture"])
                if e.date.latest and e.date.latest.year <= 1994}
    assert captured == {"AZ-AGM", "AZ-FUZ", "AZ-CAB", "AZ-ZAN", "AZ-QBI", "AZ-LAC", "AZ-KAL",
                        "AZ-XCI", "AZ-XVD", "AZ-SUS", "AZ-XA"}


def _shingles(text: str, n: int = 7) -> set[tuple[str, ...]]:
    words = re.findall(r"\w+", text.casefold())
    return {tuple(words[i:i + n]) for i in range(len(words) - n + 1)}


@pytest.mark.seeds
def test_notes_are_in_our_own_words():
    if not SEEDS.is_dir():
        pytest.skip("seed articles not available")
    seed = set().union(*(_shingles(p.read_text(encoding="utf-8")) for p in SEEDS.glob("*.txt")))
    copied = [i["note"] for i in RAW["events"] if _shingles(i["note"]) & seed]
    assert copied == []


def test_place_ids_are_known_to_the_gazetteer():
    gazetteer = pytest.importorskip("geodata.gazetteer")
    try:
        places = gazetteer.load_gazetteer().places
    except gazetteer.GazetteerError as exc:
        if "not found" not in str(exc):
            raise
        pytest.skip(f"gazetteer data not built yet: {exc}")
    missing = sorted({i["place_id"] for i in RAW["events"] if i["place_id"]} - set(places))
    assert missing == []
