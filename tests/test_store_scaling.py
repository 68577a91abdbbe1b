"""The store's part of an article does not grow with the store: a phrase that hundreds of
articles share (boilerplate, wire copy) is not read article by article when looking for
near-duplicates, and re-captures are still found among such articles."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import sqlalchemy as sa

from karabakh_map.store import open_store, write_article
from karabakh_map.store.write import COMMON_ANCHOR
from tests.conftest import BOTH, article

STORE_BACKENDS = BOTH

# One boilerplate block every article carries (a site's standing paragraphs), about as long
# as each article's own text.
BOILERPLATE = "\n".join(
    f"Standing paragraph {i} of the site repeats its usual words about subscriptions, "
    f"newsletters and the cookie policy number {i}." for i in range(30))


def own_text(n: int) -> str:
    """Text only article n has (every 8-word run differs from other articles')."""
    return "\n".join(f"Article {n} line {j} reports field {n * 31 + j} near road {n}-{j} "
                     f"and village {n * 7 + j} on day {j} of month {n % 12}."
                     for j in range(30))


def text_of(n: int) -> str:
    return f"{own_text(n)}\n{BOILERPLATE}"


def fill(engine: sa.Engine, lo: int, hi: int) -> None:
    for n in range(lo, hi):
        assert write_article(engine, article(text_of(n), source="Site"), []).status == "new"


def test_recaptures_are_found_among_articles_sharing_boilerplate(engine) -> None:
    many = COMMON_ANCHOR + 20  # every boilerplate run is in more articles than the cap
    fill(engine, 0, many)
    for n in (0, many // 2, many - 1):
        cut = own_text(n)[: len(own_text(n)) * 3 // 4]  # the boilerplate and a quarter gone
        again = write_article(engine, article(cut, source="Site"), [])
        assert again.status == "duplicate" and again.duplicate_of == n + 1, again
    fresh = write_article(engine, article(text_of(10_000), source="Site"), [])
    assert fresh.status == "new"


@pytest.fixture
def steps(engine: sa.Engine) -> Iterator[list[int]]:
    """SQLite only: the virtual machine steps (in hundreds) every statement takes, a measure
    of the rows read that does not depend on the machine's load."""
    if engine.dialect.name != "sqlite":
        pytest.skip("counts SQLite's virtual machine steps")
    counter = [0]

    def on_begin(conn: sa.Connection) -> None:
        def tick() -> int:
            counter[0] += 1
            return 0
        conn.connection.dbapi_connection.set_progress_handler(tick, 100)  # type: ignore[union-attr]

    sa.event.listen(engine, "begin", on_begin)
    yield counter
    sa.event.remove(engine, "begin", on_begin)


def test_the_cost_of_an_article_does_not_grow_with_the_store(engine, steps) -> None:
    def cost_of_next(n: int) -> int:
        before = steps[0]
        assert write_article(engine, article(text_of(n), source="Site"), []).status == "new"
        return steps[0] - before

    fill(engine, 0, 2 * COMMON_ANCHOR)
    small = sorted(cost_of_next(n) for n in range(1000, 1005))[2]
    fill(engine, 2 * COMMON_ANCHOR, 6 * COMMON_ANCHOR)
    large = sorted(cost_of_next(n) for n in range(2000, 2005))[2]
    # three times the articles sharing the boilerplate: within a quarter of the cost
    assert large < small * 1.25, (small, large)


def test_a_store_from_before_ranks_keeps_its_fields(tmp_path) -> None:
    """Migration 0008: events stored before field ranks keep their note (no rank recorded
    counts as first)."""
    from datetime import date

    from karabakh_map.model import EventType
    from karabakh_map.store import query_events
    from karabakh_map.store import schema as s
    from tests.conftest import ev

    store = open_store(f"sqlite:///{tmp_path / 'old.sqlite'}")
    write_article(store.engine, article("x " * 40, published=date(2020, 12, 1)),
                  [ev(EventType.TRANSFER, "2020-11-20", "AZ-AGM", note="kept")])
    with store.engine.begin() as conn:
        conn.execute(s.events.update().values(field_ranks="{}"))
    write_article(store.engine, article("y " * 40, published=date(2020, 11, 21)),
                  [ev(EventType.TRANSFER, "2020-11-20", "AZ-AGM", note="earlier")])
    [event] = query_events(store.engine)
    assert event.note == "kept"
