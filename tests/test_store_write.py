import threading
from datetime import date

import pytest
import sqlalchemy as sa

from karabakh_map.model import EventType, FuzzyDate, Precision
from karabakh_map.store import query_events, write_article
from karabakh_map.store import schema as s
from karabakh_map.store.db import make_engine
from karabakh_map.store.migrations import migrate
from tests.conftest import BOTH, article, ev, fake_resolver

STORE_BACKENDS = BOTH  # every test using a store runs on SQLite and PostgreSQL

TEXT = ("Azerbaijan's army entered the district on Friday under the accord that ended six weeks "
        "of fighting, and the other two districts are to follow before the end of the month.")


def _count(engine, table):
    with engine.connect() as conn:
        return conn.execute(sa.select(sa.func.count()).select_from(table)).scalar_one()


def test_new_article_creates_events_and_sources(engine):
    r = write_article(engine, article(TEXT), [
        ev(EventType.TRANSFER, "2020-11-20", "AZ-AGM", controller="Azerbaijan", start=3, end=40),
        ev(EventType.SCHEDULED, "2020-11-25", "AZ-KAL", controller="Azerbaijan"),
    ], resolve_place=fake_resolver)
    assert (r.status, r.events_new, r.events_merged) == ("new", 2, 0)
    assert (_count(engine, s.events), _count(engine, s.event_sources)) == (2, 2)


def test_same_text_again_adds_nothing(engine):
    events = [ev(EventType.TRANSFER, "2020-11-20", "AZ-AGM", controller="Azerbaijan")]
    first = write_article(engine, article(TEXT), events)
    again = write_article(engine, article("  " + TEXT.replace(" ", " \t ") + "\n\n"), events)
    assert again.status == "duplicate" and again.duplicate_of == first.article_id
    assert (_count(engine, s.articles), _count(engine, s.event_sources)) == (1, 1)


def test_recapture_with_chrome_is_a_near_duplicate(engine):
    body = " ".join(f"Sentence {i} tells what happened in the district that day."
                    for i in range(40))
    first = write_article(engine, article("Headline\nLoading...\n" + body + "\nREAD MORE: x"), [])
    cut = write_article(engine, article(body[: len(body) * 2 // 3]), [])
    assert cut.status == "duplicate" and cut.duplicate_of == first.article_id
    other = write_article(engine, article("A different story about roads and weather. " * 30), [])
    assert other.status == "new"


def test_reports_of_one_happening_merge_into_one_event(engine):
    kal = dict(controller="Azerbaijan", place_id="kalbajar")
    write_article(engine, article("one " * 50),
                  [ev(EventType.TRANSFER, "2020-11-25", "AZ-KAL", **kal)],
                  resolve_place=fake_resolver)
    r = write_article(engine, article("two " * 50),
                      [ev(EventType.TRANSFER, "2020-11-24/2020-11-25", "AZ-KAL", **kal)],
                      resolve_place=fake_resolver)
    assert (r.events_new, r.events_merged) == (0, 1)
    [event] = query_events(engine)
    assert len(event.sources) == 2 and not event.disputed
    assert event.date.earliest == event.date.latest == date(2020, 11, 25)
    assert (event.location, event.latitude, event.geo_precision) == ("Kalbajar", 40.10, 1)


def test_disagreeing_reports_are_all_kept_and_marked_disputed(engine):
    pk = dict(controller="Russian peacekeepers")
    write_article(engine, article("a " * 40), [
        ev(EventType.AGREEMENT, "2020-11-10", place_id="nagorno-karabakh", actor1="Armenia"),
        ev(EventType.PEACEKEEPERS, "2020-11-10", "lachin-corridor",
           figures={"peacekeepers": 1960}, **pk),
    ])
    write_article(engine, article("b " * 40), [
        ev(EventType.AGREEMENT, "2020-11-09", place_id="nagorno-karabakh", actor1="Armenia"),
        ev(EventType.PEACEKEEPERS, "2020-11-10", "lachin-corridor",
           figures={"peacekeepers": 2000}, **pk),
    ])
    agreement, peacekeepers = sorted(query_events(engine), key=lambda e: e.type)
    assert agreement.disputed and agreement.date.precision == "range"
    assert (agreement.date.earliest, agreement.date.latest) == (
        date(2020, 11, 9), date(2020, 11, 10))
    assert sorted(s.reported_date for s in agreement.sources) == ["2020-11-09", "2020-11-10"]
    assert peacekeepers.disputed and peacekeepers.date.precision == "day"
    assert sorted(s.figures["peacekeepers"] for s in peacekeepers.sources) == [1960, 2000]


def test_a_report_already_linked_adds_nothing(engine):
    e = ev(EventType.DISPLACEMENT, "1993", "AZ-AGM", actor1="Armenian forces", start=5)
    r = write_article(engine, article("c " * 40), [e, e])
    assert (r.events_new, r.events_merged, r.already_linked) == (1, 0, 1)
    assert _count(engine, s.event_sources) == 1


def test_failure_mid_article_leaves_nothing_of_it(engine):
    calls = []

    def flaky(place_id):
        calls.append(place_id)
        if len(calls) == 2:
            raise RuntimeError("gazetteer broke")
        return fake_resolver(place_id)

    with pytest.raises(RuntimeError, match="gazetteer broke"):
        write_article(engine, article("d " * 40), [
            ev(EventType.TRANSFER, "2020-11-20", "AZ-AGM", place_id="aghdam",
               controller="Azerbaijan"),
            ev(EventType.TRANSFER, "2020-11-25", "AZ-KAL", place_id="kalbajar",
               controller="Azerbaijan"),
        ], resolve_place=flaky)
    assert [_count(engine, t) for t in (s.articles, s.events, s.event_sources,
                                        s.article_fingerprints)] == [0, 0, 0, 0]
    # and the same article goes in cleanly afterwards
    assert write_article(engine, article("d " * 40), []).status == "new"


def test_two_writers_at_once_lose_nothing(file_url):
    migrate(make_engine(file_url))
    engines = [make_engine(file_url) for _ in range(2)]
    errors: list[BaseException] = []

    def work(n: int) -> None:
        try:
            for i in range(15):
                write_article(engines[n], article(f"writer {n} article {i} " * 20), [
                    ev(EventType.TRANSFER, "2020-11-20", "AZ-AGM", controller="Azerbaijan"),
                    ev(EventType.POLITICAL, f"2020-11-{i + 1:02d}", None, place_id=f"p{n}-{i}"),
                ])
        except BaseException as exc:  # re-raised in the main thread below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    check = make_engine(file_url)
    assert _count(check, s.articles) == 30
    assert _count(check, s.events) == 31  # one shared transfer + 30 political events
    assert _count(check, s.event_sources) == 60


def test_an_undated_report_joins_the_only_matching_event(engine):
    lac = dict(controller="Azerbaijan")
    write_article(engine, article("e " * 40),
                  [ev(EventType.TRANSFER, "2020-12-01", "AZ-LAC", **lac)])
    r = write_article(engine, article("f " * 40), [ev(EventType.TRANSFER, None, "AZ-LAC", **lac)])
    assert (r.events_new, r.events_merged) == (0, 1)
    [event] = query_events(engine)
    assert event.date.latest == date(2020, 12, 1) and len(event.sources) == 2


def _by(latest: str) -> FuzzyDate:
    """An undated report: only "by the article's date"."""
    return FuzzyDate(Precision.UNKNOWN, None, date.fromisoformat(latest))


def test_a_later_year_undated_report_joins_the_only_matching_event(engine):
    agm = dict(controller="Azerbaijan")
    write_article(engine, article("g " * 40), [ev(EventType.TRANSFER, "2020-11-20", "AZ-AGM",
                                                  **agm)])
    r = write_article(engine, article("h " * 40, published=date(2021, 1, 5)),
                      [ev(EventType.TRANSFER, _by("2021-01-05"), "AZ-AGM", **agm)])
    assert (r.events_new, r.events_merged) == (0, 1)
    [event] = query_events(engine)
    assert event.date.latest == date(2020, 11, 20) and len(event.sources) == 2


def test_an_undated_report_stays_apart_when_it_cannot_tell_which(engine):
    kal = dict(controller="Armenian forces")
    write_article(engine, article("i " * 40), [
        ev(EventType.CAPTURE, "1993", "AZ-KAL", **kal),
        ev(EventType.CAPTURE, "2019-05-01", "AZ-KAL", **kal)])
    two = write_article(engine, article("j " * 40, published=date(2021, 3, 1)),
                        [ev(EventType.CAPTURE, _by("2021-03-01"), "AZ-KAL", **kal)])
    assert two.events_new == 1  # two candidates: it cannot tell which
    # an event that happened after the article cannot be the one it reports
    write_article(engine, article("k " * 40), [ev(EventType.TRANSFER, "2020-11-25", "AZ-KAL",
                                                  controller="Azerbaijan")])
    early = write_article(engine, article("l " * 40, published=date(2019, 1, 5)),
                          [ev(EventType.TRANSFER, _by("2019-01-05"), "AZ-KAL",
                              controller="Azerbaijan")])
    assert early.events_new == 1


def test_a_report_by_its_articles_date_recalls_only_the_year_before(engine):
    """'By' a 2021 article's date, undated: it may recall the 2020 handover of the same
    district and side, never the record's 1991 starting state (older than a year)."""
    by_article = FuzzyDate(Precision.UNKNOWN, None, date(2021, 6, 1))
    write_article(engine, article("a " * 40, published=date(1991, 9, 1)), [
        ev(EventType.TRANSFER, "1991-08-30", "AZ-AGM", controller="Azerbaijan")])
    write_article(engine, article("b " * 40, published=date(2021, 6, 1)), [
        ev(EventType.TRANSFER, by_article, "AZ-AGM", controller="Azerbaijan")])
    assert len(query_events(engine)) == 2  # not merged into 1991

    write_article(engine, article("c " * 40, published=date(2020, 11, 26)), [
        ev(EventType.TRANSFER, "2020-11-25", "AZ-KAL", controller="Azerbaijan")])
    write_article(engine, article("d " * 40, published=date(2021, 6, 2)), [
        ev(EventType.TRANSFER, FuzzyDate(Precision.UNKNOWN, None, date(2021, 6, 2)), "AZ-KAL",
           controller="Azerbaijan")])
    merged = [e for e in query_events(engine) if len(e.sources) > 1]
    assert [e.date.latest for e in merged] == [date(2020, 11, 25)]
