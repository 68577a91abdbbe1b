"""The shipped record (data/record.json) loaded into the store through the catalogue loader."""

import re

import pytest

from karabakh_map.demo import ensure_demo_loaded, load_catalogue, load_demo, read_catalogue
from karabakh_map.model import EventType
from karabakh_map.store import counts, query_events
from tests.conftest import SEEDS, fake_resolver

RAW = read_catalogue()
SEED_KEYS = ["A000", "A002", "A003", "A004"]


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
    assert [a.key for a in articles][:4] == SEED_KEYS
    assert len(articles) == len(RAW["articles"])
    assert sum(len(a.events) for a in articles) == sum(len(i["reports"]) for i in RAW["events"])
    assert all(a.record.text is None for a in articles)  # no article text is shipped
    assert all(len(a.keys) == len(a.events) for a in articles)


def test_loading_is_idempotent_and_keeps_one_store_event_per_record_event(engine):
    first = ensure_demo_loaded(engine, resolve_place=fake_resolver)
    assert [r.status for r in first] == ["new"] * len(RAW["articles"])
    before = counts(engine)
    assert ensure_demo_loaded(engine, resolve_place=fake_resolver) == []
    assert {r.status for r in load_demo(engine, fake_resolver)} == {"duplicate"}
    assert counts(engine) == before
    assert before["events"] == len(RAW["events"])
    assert before["event_sources"] == sum(len(i["reports"]) for i in RAW["events"])


def test_the_disputes_of_the_seeds_are_marked(demo_engine):
    disputed = {(e.type, e.district_id): e.dispute_note
                for e in query_events(demo_engine) if e.disputed}
    assert disputed[("agreement", None)] == "date: 2020-11-09 vs 2020-11-10"
    assert disputed[("peacekeeper_deployment", "lachin-corridor")] == "peacekeepers: 1,960 vs 2,000"
    assert disputed[("postponement", "AZ-KAL")] == (
        "deadline: 2020-11-22 vs 2020-11-25; days_added: 7 vs 10")


def test_a_claim_and_its_denial_are_one_denied_event_and_the_confirmation_another(demo_engine):
    shusha = sorted(query_events(demo_engine, types=["military_capture"], place_ids=["shusha"]),
                    key=lambda e: e.date.latest)
    claim, confirmation = [e for e in shusha if e.date.latest.year == 2020]
    assert claim.to_json()["date"] == "2020-11-08" and claim.denied and not claim.disputed
    assert {s.stance for s in claim.sources} == {"claims", "denies"}
    assert confirmation.to_json()["date"] == "2020-11-09" and not confirmation.denied
    assert "confirms" in {s.stance for s in confirmation.sources}
    hadrut = query_events(demo_engine, types=["military_capture"], place_ids=["hadrut"])
    assert sorted((e.to_json()["date"], e.denied) for e in hadrut) == [
        ("2020-10-09", True), ("2020-10-09/2020-10-19", False)]
    [blockade] = query_events(demo_engine, types=["blockade"])
    assert blockade.denied  # Baku says the road is not blocked


def test_parts_are_stored(demo_engine):
    parts = {(e.district_id, e.part) for e in query_events(demo_engine) if e.part}
    assert ("AZ-XVD", "pocket_2020") in parts and ("AZ-AGM", "held_1994") in parts
    assert ("AZ-KAL", "outside_postwar") in parts


def test_one_postponement_with_its_reports(demo_engine):
    [post] = query_events(demo_engine, types=["postponement"])
    assert len(post.sources) == 7
    assert post.previous_deadline.isoformat() == "2020-11-15"
    assert post.deadline.isoformat() == "2020-11-25"  # the latest reported new deadline
    assert post.to_json()["date"] == "2020-11-15"  # when it was decided


@pytest.mark.parametrize("type_, district, date_text", [
    ("military_capture", "AZ-LAC", "1992-05-18"),
    ("military_capture", "AZ-SUS", "1992-05-08"),
    ("military_capture", "AZ-KAL", "1993-04-02"),
    ("military_capture", "AZ-AGM", "1993-07-23"),
    ("military_capture", "AZ-CAB", "2020-10-04"),
    ("transfer_of_territory", "AZ-FUZ", "2020-11-10"),
    ("scheduled_handover", "AZ-KAL", "2020-11-15"),
    ("scheduled_handover", "AZ-KAL", "2020-11-25"),
    ("scheduled_handover", "AZ-AGM", "2020-11-20"),
    ("scheduled_handover", "AZ-LAC", "2020-12-01"),
    ("transfer_of_territory", "AZ-AGM", "2020-11-20"),
    ("transfer_of_territory", "AZ-KAL", "2020-11-25"),
    ("transfer_of_territory", "AZ-LAC", "2020-12-01"),
    ("transfer_of_territory", "lachin-corridor", "2020-11-10"),
    ("transfer_of_territory", "lachin-corridor", "2020-12-01"),
    ("military_capture", "AZ-XVD", "2020-12-12/2020-12-13"),
    ("transfer_of_territory", "AZ-XA", "2023-09-20"),
    ("dissolution", "AZ-XA", "2023-09-28"),
])
def test_the_record_is_in_the_store(demo_engine, type_, district, date_text):
    found = [e.to_json()["date"] for e in query_events(
        demo_engine, types=[type_], district_ids=[district] if district else None)]
    assert date_text in found


def test_every_district_has_a_starting_state_in_1991(demo_engine):
    start = {e.district_id for e in query_events(demo_engine, types=["transfer_of_territory"])
             if e.date.latest and e.date.latest.year == 1991 and e.part is None}
    assert start == {"AZ-AGM", "AZ-FUZ", "AZ-CAB", "AZ-ZAN", "AZ-QBI", "AZ-LAC", "AZ-KAL",
                     "AZ-TAR", "AZ-XCI", "AZ-XVD", "AZ-SUS", "AZ-XA"}


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
