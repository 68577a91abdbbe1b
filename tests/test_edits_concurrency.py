"""Two editors correcting the SAME event at once, on SQLite and PostgreSQL: every correction
is in the log, each one made on top of the one before it (none based on a stale read), and
the event shows the last one. (tests/test_store_review.py covers two different events.)"""

from __future__ import annotations

import itertools
import threading
from datetime import date

from karabakh_map.model import EventType
from karabakh_map.store import open_store, query_events, write_article
from karabakh_map.store.edits import edit, history, retract
from karabakh_map.store.review import RETRACTED, REVIEW_STATES
from tests.conftest import BOTH, article, ev, fake_resolver

STORE_BACKENDS = BOTH
EDITS_EACH = 6


def test_two_editors_on_one_event_lose_nothing(file_url):
    engine = open_store(file_url).engine
    (event_id,) = write_article(
        engine, article("Azerbaijan took Fuzuli.", published=date(2020, 10, 20)),
        [ev(EventType.CAPTURE, "2020-10-17", "AZ-FUZ", controller="Azerbaijan")],
        resolve_place=fake_resolver).event_ids
    start = threading.Barrier(2)
    errors: list[BaseException] = []

    def work(who: str) -> None:
        try:
            start.wait()
            for i in range(EDITS_EACH):
                edit(engine, event_id, {"note": f"{who} {i}"}, reason=f"pass {i}", by=who)
                if i == 2 and who == "ana":  # a review action among the edits
                    retract(engine, event_id, reason="a false claim", by=who)
        except BaseException as err:  # reported below, with the thread's own traceback
            errors.append(err)

    threads = [threading.Thread(target=work, args=(who,)) for who in ("ana", "ben")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    log = history(engine, event_id)
    assert len(log) == 2 * EDITS_EACH + 1
    assert sorted(e.made_by for e in log) == ["ana"] * (EDITS_EACH + 1) + ["ben"] * EDITS_EACH
    assert [e.action for e in log].count("retract") == 1
    notes = [e for e in log if e.action == "edit"]
    # Each edit's "before" is the previous edit's "after": none was made on a stale state.
    assert notes[0].old == {"note": ""}
    for before, after in itertools.pairwise(notes):
        assert after.old == before.new, (before, after)
    (shown,) = query_events(engine, reviews=REVIEW_STATES)
    assert shown.note == notes[-1].new["note"] and shown.review == RETRACTED
    engine.dispose()
