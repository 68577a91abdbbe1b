"""Re-captures of one article and catalogue stubs meeting their real article."""

from datetime import date

import pytest
import sqlalchemy as sa

from karabakh_map.model import EventType
from karabakh_map.store import counts, query_events, write_article
from karabakh_map.store import schema as s
from karabakh_map.store.write import ArticleRecord, publisher_of, same_publisher
from tests.conftest import BOTH, article, ev, quotes_of

STORE_BACKENDS = BOTH  # every test using a store runs on SQLite and PostgreSQL

BODY = [f"Paragraph {i} says what the district saw on that day of the handover." for i in range(40)]
LONG = "\n".join(BODY)
SHORT = "\n".join(BODY[:26])  # a capture cut short


def _at(text: str, words: str) -> tuple[int, int]:
    start = text.index(words)
    return start, start + len(words)


def _reports(text: str) -> list:
    """Two events in the long capture; only the first lies inside the short one."""
    a = _at(text, BODY[3])
    out = [ev(EventType.TRANSFER, "2020-11-20", "AZ-AGM", controller="Azerbaijan",
              start=a[0], end=a[1])]
    if BODY[35] in text:
        b = _at(text, BODY[35])
        out.append(ev(EventType.SCHEDULED, "2020-11-25", "AZ-KAL", controller="Azerbaijan",
                      start=b[0], end=b[1]))
    return out


def _links(engine) -> list[tuple[int, int]]:
    with engine.connect() as conn:
        return conn.execute(sa.select(s.event_sources.c.event_id,
                                      s.event_sources.c.article_id)).all()


@pytest.mark.parametrize("order", [(LONG, SHORT), (SHORT, LONG)], ids=["long-first", "short-first"])
def test_either_order_gives_the_same_events_and_counts(engine, order):
    first, second = order
    r1 = write_article(engine, article(first), _reports(first))
    r2 = write_article(engine, article(second), _reports(second))
    assert r1.status == "new"
    assert r2.status == "duplicate" and r2.duplicate_of == r1.article_id
    # the second capture's text is kept only when it supports a link the first did not
    kept = second == LONG
    assert (r2.capture_id is not None) is kept
    assert counts(engine) == {"articles": 1, "article_captures": int(kept), "events": 2,
                              "event_sources": 2}
    links = _links(engine)
    assert len(links) == len(set(links))  # no event has two links from the article
    events = {(e.type, e.district_id): e for e in query_events(engine)}
    assert set(events) == {("transfer_of_territory", "AZ-AGM"), ("scheduled_handover", "AZ-KAL")}
    # every link quotes the text it was found in, whichever capture that is
    assert quotes_of(engine, events[("transfer_of_territory", "AZ-AGM")]) == [BODY[3]]
    assert quotes_of(engine, events[("scheduled_handover", "AZ-KAL")]) == [BODY[35]]


def test_an_exact_rerun_of_a_kept_capture_adds_nothing(engine):
    write_article(engine, article(LONG), _reports(LONG))
    write_article(engine, article(SHORT), _reports(SHORT))
    before = counts(engine)
    for text, reports in ((LONG, LONG), (SHORT, SHORT), ("  " + SHORT.replace(" ", "\n "), SHORT)):
        again = write_article(engine, article(text), _reports(reports))
        assert again.status == "duplicate" and again.capture_id is None
        assert (again.events_new, again.events_merged) == (0, 0)
    assert counts(engine) == before


def _all_rows(engine) -> dict[str, object]:
    """Row counts of every table, and the store's version counter."""
    with engine.connect() as conn:
        out: dict[str, object] = {
            t.name: conn.execute(sa.select(sa.func.count()).select_from(t)).scalar_one()
            for t in s.metadata.sorted_tables}
        out["version"] = conn.execute(sa.select(s.store_meta.c.value)
                                      .where(s.store_meta.c.key == "version")).scalar_one()
    return out


def test_a_recapture_that_brings_nothing_new_adds_nothing(engine):
    write_article(engine, article(SHORT), _reports(SHORT))
    grown = write_article(engine, article(LONG), _reports(LONG))
    assert grown.capture_id is not None  # the long capture adds the Kalbajar report
    after_first_runs = _all_rows(engine)
    for text in (LONG, SHORT, LONG.replace("\n", "\n\n"), SHORT + "\nREAD MORE"):
        again = write_article(engine, article(text), _reports(text))
        assert again.status == "duplicate" and again.capture_id is None
        assert (again.events_new, again.events_merged) == (0, 0)
    assert _all_rows(engine) == after_first_runs


def test_a_shorter_recapture_of_a_stored_article_is_not_kept(engine):
    write_article(engine, article(LONG), _reports(LONG))
    before = _all_rows(engine)
    cut = write_article(engine, article(SHORT), _reports(SHORT))
    assert cut.status == "duplicate" and cut.capture_id is None
    assert "nothing new" in cut.reason
    assert _all_rows(engine) == before


def _stub(*hashes: str) -> ArticleRecord:
    return ArticleRecord(title="Catalogue title", source="Catalogue Wire",
                         published=date(2020, 11, 20), published_how="given",
                         known_hashes=hashes)


def _real(text: str) -> ArticleRecord:
    return ArticleRecord(title="Detected", source=None, published=date(2020, 11, 20),
                         published_how="detected", text=text, url="https://example.org/a",
                         hash=f"real-{len(text)}")


def test_a_real_article_fills_its_catalogue_stub_in_place(engine):
    catalogue = [ev(EventType.TRANSFER, "2020-11-20", "AZ-AGM", controller="Azerbaijan"),
                 ev(EventType.CAPTURE, "1993", "AZ-AGM", controller="Armenian forces")]
    stub = write_article(engine, _stub(f"real-{len(LONG)}"), catalogue)
    real = write_article(engine, _real(LONG), _reports(LONG))
    assert real.status == "new" and real.filled_stub and real.article_id == stub.article_id
    assert counts(engine)["articles"] == 1
    with engine.connect() as conn:
        row = conn.execute(sa.select(s.articles).where(s.articles.c.id == stub.article_id)).one()
    # the catalogue's fields stay, the missing ones come from the article
    assert (row.title, row.source, row.url, row.published_how) == (
        "Catalogue title", "Catalogue Wire", "https://example.org/a", "given")
    links = _links(engine)
    assert len(links) == len(set(links)) == 3  # transfer, capture, and the new schedule
    transfer = next(e for e in query_events(engine) if e.type == "transfer_of_territory")
    assert quotes_of(engine, transfer)[0] == BODY[3]  # the stub link got offsets
    # loading the catalogue again, or the same article again, adds nothing
    before = counts(engine)
    assert write_article(engine, _stub(f"real-{len(LONG)}"), catalogue).status == "duplicate"
    assert write_article(engine, _real(LONG), _reports(LONG)).status == "duplicate"
    assert counts(engine) == before


def test_a_second_capture_of_a_filled_stub_is_kept_as_a_capture(engine):
    write_article(engine, _stub(f"real-{len(LONG)}", f"real-{len(SHORT)}"), [])
    short = write_article(engine, _real(SHORT), _reports(SHORT))
    long = write_article(engine, _real(LONG), _reports(LONG))
    assert short.filled_stub and long.status == "duplicate" and long.capture_id
    assert counts(engine) == {"articles": 1, "article_captures": 1, "events": 2,
                              "event_sources": 2}


def test_a_catalogue_loaded_after_its_article_links_to_it(engine):
    real = write_article(engine, _real(LONG), _reports(LONG))
    stub = write_article(engine, _stub(f"real-{len(LONG)}"), [
        ev(EventType.TRANSFER, "2020-11-20", "AZ-AGM", controller="Azerbaijan"),
        ev(EventType.CAPTURE, "1993", "AZ-AGM", controller="Armenian forces")])
    assert stub.status == "duplicate" and stub.article_id == real.article_id
    assert (stub.events_new, stub.already_linked) == (1, 1)
    assert counts(engine)["articles"] == 1
    links = _links(engine)
    assert len(links) == len(set(links)) == 3


@pytest.mark.parametrize("share", [0.3, 0.5, 0.9])
def test_a_much_shorter_cut_is_still_found_in_either_order(engine, share):
    words = [f"Line {i} tells of field {i * 7 % 13} and road {i * 5 % 11} near the pass {i}."
             for i in range(120)]
    long, short = "\n".join(words), "\n".join(words[: int(120 * share)])
    first = write_article(engine, article(long), [])
    assert write_article(engine, article(short), []).duplicate_of == first.article_id
    other = open_store_engine()
    first = write_article(other, article(short), [])
    assert write_article(other, article(long), []).duplicate_of == first.article_id


def open_store_engine():
    from karabakh_map.store import open_store

    return open_store("sqlite://").engine


def test_wire_copy_from_two_outlets_is_two_articles(engine):
    """Same text, different publishers: two sources for the event, not one article twice."""
    first = write_article(engine, article(LONG, source="Wire Daily"), _reports(LONG))
    cut = write_article(engine, article(SHORT, source="Other Gazette"), _reports(SHORT))
    assert first.status == cut.status == "new" and cut.article_id != first.article_id
    aghdam = next(e for e in query_events(engine) if e.district_id == "AZ-AGM")
    assert {src.article_id for src in aghdam.sources} == {first.article_id, cut.article_id}
    # a capture from the same publisher, named by URL on one side only, is still a capture
    again = write_article(engine, ArticleRecord(title="t", source="Wire Daily",
                                                published=date(2020, 11, 20),
                                                published_how="given", text=SHORT,
                                                url="https://www.wiredaily.example/a/1"),
                          _reports(SHORT))
    assert again.status == "duplicate" and again.duplicate_of in {first.article_id,
                                                                  cut.article_id}


@pytest.mark.parametrize(("a", "b", "same"), [
    (("https://www.example.org/x", None), ("http://example.org/y", "Example"), True),
    ((None, "AP"), (None, " ap "), True),
    ((None, "AP"), (None, "Reuters"), False),
    (("https://a.example/x", "AP"), ("https://b.example/x", "AP"), False),
    ((None, None), ("https://b.example/x", "Reuters"), True),
    ((None, "https://news.example/p"), ("https://www.news.example/q", None), True),
])
def test_publishers_differ_only_when_both_are_known(a, b, same):
    assert same_publisher(publisher_of(*a), publisher_of(*b)) is same
