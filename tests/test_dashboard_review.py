"""The review page under AppTest: off unless the server is an editor bound to this machine
(or someone logged in), the queue with each passage marked and escaped, and confirm / edit /
retract recorded with a reason, each refused when the server is not an editor."""

from __future__ import annotations

import base64
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
import sqlalchemy as sa
from streamlit import config
from streamlit.testing.v1 import AppTest

from karabakh_map.editing import EDITOR_ENV, editor_refusal, passage_html
from karabakh_map.model import EventType
from karabakh_map.store import open_store, query_events, write_article
from karabakh_map.store.edits import history
from karabakh_map.store.review import CONFIRMED, RETRACTED
from tests.conftest import article, ev, fake_resolver

ROOT = Path(__file__).resolve().parent.parent
PAGE = str(ROOT / "dashboard" / "screens" / "review_page.py")
APP = str(ROOT / "dashboard" / "app.py")
HOSTILE = "<script>alert(1)</script> [x](javascript:alert(2)) **bold** $x$ "
TEXT = HOSTILE + "On Saturday Azerbaijan took <b>Fuzuli</b> town. " + "Filler. " * 80


@pytest.fixture
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[sa.Engine]:
    url = f"sqlite:///{tmp_path / 'review.sqlite'}"
    engine = open_store(url).engine
    start = TEXT.index("Azerbaijan took")
    write_article(engine, article(TEXT, published=date(2020, 10, 20)), [
        ev(EventType.CAPTURE, "2020-10-17", "AZ-FUZ", controller="Azerbaijan",
           place_id="fuzuli", start=start, end=TEXT.index(" town.") + 6)],
        resolve_place=fake_resolver)
    monkeypatch.setenv("KARABAKH_MAP_DB", url)
    monkeypatch.delenv(EDITOR_ENV, raising=False)
    yield engine
    engine.dispose()


@pytest.fixture
def localhost() -> Iterator[None]:
    """The server bound to this machine (`serve --editor` without a login)."""
    before = config.get_option("server.address")
    config.set_option("server.address", "127.0.0.1")
    yield
    config.set_option("server.address", before)


def page() -> AppTest:
    return AppTest.from_file(PAGE, default_timeout=60).run()


def the_event(engine: sa.Engine):  # type: ignore[no-untyped-def]
    (row,) = query_events(engine, reviews=("extracted", "confirmed", "retracted"))
    return row


def test_editing_needs_the_editor_flag_and_localhost_or_a_login():
    assert "read-only" in (editor_refusal(None, "127.0.0.1", True) or "")
    assert "beyond this machine" in (editor_refusal("1", "", False) or "")
    assert "beyond this machine" in (editor_refusal("1", "0.0.0.0", False) or "")
    assert editor_refusal("1", "127.0.0.1", False) is None
    assert editor_refusal("1", "0.0.0.0", True) is None


def test_the_passage_is_marked_and_the_article_text_escaped():
    assert passage_html("a <i>b</i> c", 2, 10, context=1) == (
        "<div style='white-space: pre-wrap'>… <mark>&lt;i&gt;b&lt;/i&gt;</mark> …</div>")
    assert passage_html("<x>", 0, 3) == (
        "<div style='white-space: pre-wrap'><mark>&lt;x&gt;</mark></div>")


def test_a_reader_server_shows_no_review_controls(store, localhost):
    at = page()
    assert not at.exception
    assert "read-only" in at.info[0].value
    assert not at.button and not at.html


def test_an_editor_bound_beyond_localhost_without_login_cannot_edit(store, monkeypatch):
    monkeypatch.setenv(EDITOR_ENV, "1")
    at = page()
    assert "beyond this machine" in at.info[0].value and not at.button


def test_the_queue_marks_each_passage_in_the_escaped_article(store, localhost, monkeypatch):
    monkeypatch.setenv(EDITOR_ENV, "1")
    at = page()
    assert not at.exception
    (shown,) = [h.value for h in at.html]
    assert "<mark>Azerbaijan took &lt;b&gt;Fuzuli&lt;/b&gt; town.</mark>" in shown
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in shown and "<script" not in shown
    assert "1 unreviewed events" in at.caption[-1].value


def test_the_queue_shows_each_place_on_a_small_map(store, localhost, monkeypatch):
    monkeypatch.setenv(EDITOR_ENV, "1")
    at = page()
    (image,) = at.get("image")
    (shown,) = image.proto.imgs
    assert shown.caption == "Where: point and district"
    prefix = "data:image/svg+xml;base64,"  # inline: nothing to fetch
    assert shown.url.startswith(prefix)
    svg = base64.b64decode(shown.url[len(prefix):]).decode()
    assert ">Fuzuli</text>" in svg and "<circle" in svg


def test_every_text_input_is_limited(store, localhost, monkeypatch):
    """A visitor cannot grow the server's memory through the page's text inputs."""
    monkeypatch.setenv(EDITOR_ENV, "1")
    at = page()
    limits = {box.key: box.proto.max_chars for box in at.text_input}
    assert len(limits) >= 5 and all(0 < n <= 300 for n in limits.values()), limits


def test_confirm_needs_a_reason_and_is_recorded(store, localhost, monkeypatch):
    monkeypatch.setenv(EDITOR_ENV, "1")
    at = page()
    event_id = the_event(store).id
    at.text_input(key="review_by").input("ana").run()
    at.button(key=f"confirm-{event_id}").click().run()
    assert "a reason is required" in at.error[0].value
    at.text_input(key=f"reason-{event_id}").input("checked on the map").run()
    at.button(key=f"confirm-{event_id}").click().run()
    assert not at.error and the_event(store).review == CONFIRMED
    (made,) = history(store, event_id)
    assert (made.action, made.made_by, made.reason) == ("confirm", "ana", "checked on the map")
    assert not at.button  # the queue is empty now


def test_edit_and_retract_from_the_page(store, localhost, monkeypatch):
    monkeypatch.setenv(EDITOR_ENV, "1")
    at = page()
    event_id = the_event(store).id
    at.text_input(key=f"reason-{event_id}").input("a day later").run()
    at.text_input(key=f"date-{event_id}").input("2020-10-18").run()
    at.button(key=f"edit-{event_id}").click().run()
    assert not at.error
    assert str(the_event(store).date.latest) == "2020-10-18"
    assert the_event(store).review == CONFIRMED  # an edit confirms; the queue moves on
    assert [e.new for e in history(store, event_id)] == [{"date": "2020-10-18"}]


def test_an_editor_action_on_a_server_that_is_no_editor_is_refused(store, localhost,
                                                                   monkeypatch):
    monkeypatch.setenv(EDITOR_ENV, "1")
    at = page()
    event_id = the_event(store).id
    at.text_input(key=f"reason-{event_id}").input("false claim").run()
    monkeypatch.delenv(EDITOR_ENV)  # the button was on screen; the server is no editor now
    at.button(key=f"retract-{event_id}").click().run()
    assert "Refused" in at.error[0].value
    assert the_event(store).review != RETRACTED and history(store, event_id) == []


def test_the_review_page_is_listed_only_for_an_editor(store, localhost, monkeypatch):
    at = AppTest.from_file(APP, default_timeout=60).run()
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page("screens/review_page.py").run()
    monkeypatch.setenv(EDITOR_ENV, "1")
    at = AppTest.from_file(APP, default_timeout=60).run()
    at.switch_page("screens/review_page.py").run()
    assert not at.exception
    assert at.title[0].value == "Review" and at.html
