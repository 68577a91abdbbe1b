"""An article stored again with other metadata (issue 12): the same text with another
publication date or publisher updates the stored article, its reports are replaced by the
ones read against the new date, events left with no report go (unless an analyst touched
them), and the same metadata again changes nothing."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date

import pytest
import sqlalchemy as sa

from karabakh_map.model import EventType, ExtractedEvent
from karabakh_map.store import (
    ArticleRecord,
    ArticleResult,
    current_version,
    query_events,
    write_article,
)
from karabakh_map.store.edits import confirm, edit
from karabakh_map.store.metadata import restate_article
from karabakh_map.store.review import CONFIRMED
from tests.conftest import BOTH, article, ev, fake_resolver

STORE_BACKENDS = BOTH
AZ = "Azerbaijan"
TEXT = "Fuzuli taken. Azerbaijani forces captured Fuzuli yesterday; Aghdam on 20 November."
WHY = "checked against the wire"


def capture(when: str | None, start: int = 14, end: int = 60, **kw: object) -> ExtractedEvent:
    """The capture of Fuzuli reported at [start, end) of the article."""
    return ev(EventType.CAPTURE, when, "AZ-FUZ", controller=AZ, place_id="fuzuli",
              start=start, end=end, note=f"Fuzuli taken ({when}).", **kw)


def aghdam() -> ExtractedEvent:
    return ev(EventType.TRANSFER, "2020-11-20", "AZ-AGM", controller=AZ, start=61, end=83)


def restate(engine: sa.Engine, record: ArticleRecord, events: Sequence[ExtractedEvent],
            given: Sequence[str] = ("published",)) -> ArticleResult | None:
    return restate_article(engine, record, events, given=given, resolve_place=fake_resolver)


def shown(engine: sa.Engine) -> list[tuple[str, str | None, int]]:
    """(type, date, number of sources) of every event shown, in the store's order."""
    return [(e.type, e.to_json()["date"], len(e.sources)) for e in query_events(engine)]


def test_text_not_stored_is_left_to_the_caller(engine: sa.Engine) -> None:
    assert restate(engine, article(TEXT), [capture("2020-10-17")]) is None
    assert query_events(engine) == []


def test_the_same_metadata_again_is_unchanged(engine: sa.Engine) -> None:
    first = article(TEXT, published=date(2020, 10, 18))
    stored = write_article(engine, first, [capture("2020-10-17")], resolve_place=fake_resolver)
    version = current_version(engine)
    result = restate(engine, first, [capture("2020-10-17")], ("published", "source"))
    assert result is not None
    assert (result.status, result.duplicate_of) == ("duplicate", stored.article_id)
    assert result.reason == f"same text as article {stored.article_id}; metadata unchanged"
    assert current_version(engine) == version  # nothing written


def test_a_new_publication_date_re_dates_the_articles_events(engine: sa.Engine) -> None:
    old = article(TEXT, published=date(2020, 10, 18), source="Wire A")
    stored = write_article(engine, replace(old, published_how="detected"),
                           [capture("2020-10-17"), aghdam()], resolve_place=fake_resolver)
    (fuzuli, _) = stored.event_ids
    new = article(TEXT, published=date(2020, 10, 19), source="Wire A")
    result = restate(engine, new, [capture("2020-10-18"), aghdam()])
    assert result is not None
    assert result.reason == "updated metadata: published 2020-10-18 -> 2020-10-19; " \
                            "1 event re-dated"
    assert shown(engine) == [("military_capture", "2020-10-18", 1),
                             ("transfer_of_territory", "2020-11-20", 1)]
    row = next(e for e in query_events(engine) if e.id == fuzuli)  # same year: same event
    assert row.note == "Fuzuli taken (2020-10-18)."  # the old date's note gave way
    assert row.sources[0].published == date(2020, 10, 19)
    with engine.connect() as conn:
        how = conn.execute(sa.text("SELECT published_how FROM articles")).scalar_one()
    assert how == "given"
    again = restate(engine, new, [capture("2020-10-18"), aghdam()])
    assert again is not None and again.reason.endswith("metadata unchanged")


def test_a_date_for_an_article_stored_without_one(engine: sa.Engine) -> None:
    """Stored without a publication date, "yesterday" stayed unknown; given one, it is read."""
    first = replace(article(TEXT), published=None, published_how="missing")
    write_article(engine, first, [capture(None)], resolve_place=fake_resolver)
    assert shown(engine) == [("military_capture", None, 1)]
    result = restate(engine, replace(first, published=date(2020, 10, 18),
                                     published_how="given"), [capture("2020-10-17")])
    assert result is not None
    assert result.reason == ("updated metadata: published none -> 2020-10-18; "
                             "1 event re-dated; 1 event left with no report removed")
    assert shown(engine) == [("military_capture", "2020-10-17", 1)]


def test_an_event_left_with_no_report_goes_unless_an_analyst_touched_it(
        engine: sa.Engine) -> None:
    # A capture "yesterday" in an article of 1 January 2021 is of 2020: another event than
    # the 2021 one it becomes when the article turns out to be of 2 January.
    first = article(TEXT, published=date(2021, 1, 1))
    write_article(engine, first, [capture("2020-12-31")], resolve_place=fake_resolver)
    result = restate(engine, replace(first, published=date(2021, 1, 2)),
                     [capture("2021-01-01")])
    assert result is not None and result.events_new == 1
    assert result.reason.endswith("1 event re-dated; 1 event left with no report removed")
    assert shown(engine) == [("military_capture", "2021-01-01", 1)]
    # Confirmed by an analyst: the event stays when its report moves away.
    (kept,) = [e.id for e in query_events(engine)]
    confirm(engine, kept, reason=WHY, by="analyst")
    result = restate(engine, replace(first, published=date(2021, 1, 1)),
                     [capture("2020-12-31")])
    assert result is not None and "removed" not in result.reason
    rows = {e.id: e for e in query_events(engine)}
    assert rows[kept].review == CONFIRMED and rows[kept].sources == ()
    assert len(rows) == 2


def test_an_analysts_edit_holds_after_re_dating(engine: sa.Engine) -> None:
    first = article(TEXT, published=date(2020, 10, 18))
    (fuzuli,) = write_article(engine, first, [capture("2020-10-17")],
                              resolve_place=fake_resolver).event_ids
    edit(engine, fuzuli, {"date": "2020-10-16"}, reason=WHY, by="analyst")
    restate(engine, replace(first, published=date(2020, 10, 19)), [capture("2020-10-18")])
    (row,) = query_events(engine)
    assert (row.id, row.to_json()["date"], len(row.sources)) == (fuzuli, "2020-10-16", 1)


def test_another_articles_report_keeps_the_event_and_ends_the_dispute(
        engine: sa.Engine) -> None:
    wrong = article(TEXT, published=date(2020, 10, 18))
    write_article(engine, wrong, [capture("2020-10-17")], resolve_place=fake_resolver)
    other = article("Another wire: Fuzuli was captured on 18 October 2020.",
                    published=date(2020, 10, 20), source="Wire B")
    write_article(engine, other, [capture("2020-10-18", start=0, end=40)],
                  resolve_place=fake_resolver)
    (row,) = query_events(engine)
    assert row.disputed
    restate(engine, replace(wrong, published=date(2020, 10, 19)), [capture("2020-10-18")])
    (row,) = query_events(engine)
    assert (row.to_json()["date"], row.disputed, len(row.sources)) == ("2020-10-18", False, 2)


def test_a_new_publisher_changes_no_report(engine: sa.Engine) -> None:
    first = article(TEXT, published=date(2020, 10, 18), source="Wire A")
    write_article(engine, first, [capture("2020-10-17")], resolve_place=fake_resolver)
    result = restate(engine, replace(first, source="Wire B"), [capture("2020-10-17")],
                     ("published", "source"))
    assert result is not None
    assert result.reason == "updated metadata: source 'Wire A' -> 'Wire B'"
    (row,) = query_events(engine)
    assert row.sources[0].publisher == "Wire B"


def test_only_article_metadata_can_be_given(engine: sa.Engine) -> None:
    with pytest.raises(ValueError, match="not article metadata: text"):
        restate(engine, article(TEXT), [], ("text",))
