"""Review: the queue of unreviewed events, each with its passage marked in the article and
its place on a small static map (export.minimap), and confirm / edit / retract. Off unless
the server was started as an editor (and, beyond localhost, someone logged in); every
action checks that again when it runs."""

from __future__ import annotations

import getpass
import hmac
import os
from typing import Any

import streamlit as st

from dashboard import loaders
from dashboard.literal import markdown_literal
from karabakh_map.editing import (
    EDITOR_ENV,
    EDITOR_TOKEN_ENV,
    editor_refusal,
    review_queue,
)
from karabakh_map.export.minimap import district_known, place_svg, point_known
from karabakh_map.model import Controller
from karabakh_map.store.edits import EditError, confirm, edit, retract

SHOWN_AT_ONCE = 20
SIDES = [c.value for c in Controller if c is not Controller.UNKNOWN]


def _identity() -> tuple[bool, str | None]:
    """(authenticated, who) from Streamlit's login or the team proxy's token header."""
    if st.user.get("is_logged_in"):
        return True, str(st.user.get("email") or st.user.get("name") or "login")
    token = os.environ.get(EDITOR_TOKEN_ENV)
    given = st.context.headers.get("X-Editor-Token") if token else None
    if token and given and hmac.compare_digest(token, given):
        return True, st.context.headers.get("X-Forwarded-User") or "proxy user"
    return False, None


def refusal() -> str | None:
    """Why this session may not edit, checked on every run and every action."""
    authenticated, _ = _identity()
    return editor_refusal(os.environ.get(EDITOR_ENV), st.get_option("server.address"),
                          authenticated)


def act(kind: str, event_id: int) -> None:
    """Run one correction from the page (a button's callback)."""
    why = refusal()
    if why:
        st.session_state["review_message"] = ("error", f"Refused: {why}")
        return
    reason = st.session_state.get(f"reason-{event_id}", "").strip()
    by = st.session_state.get("review_by", "").strip()
    engine = loaders.get_store().engine
    try:
        if kind == "confirm":
            confirm(engine, event_id, reason=reason, by=by)
        elif kind == "retract":
            retract(engine, event_id, reason=reason, by=by)
        else:
            values = {name: st.session_state.get(f"{name}-{event_id}", "")
                      for name in ("date", "controller", "district_id", "note")}
            current = st.session_state.get(f"current-{event_id}", {})
            changed = {k: v for k, v in values.items() if v != current.get(k)}
            edit(engine, event_id, changed, reason=reason, by=by)
    except EditError as err:
        st.session_state["review_message"] = ("error", f"Event {event_id}: {err}")
        return
    st.session_state["review_message"] = ("success", f"Event {event_id}: {kind} recorded.")


@st.cache_data(show_spinner=False, max_entries=256)
def _place_svg(lat: float | None, lon: float | None, district: str | None) -> str:
    return place_svg(lat, lon, district)


def small_map(event: dict[str, Any]) -> None:
    """The event's place on a small static map (its point, its district shaded)."""
    lat, lon, district = event.get("latitude"), event.get("longitude"), event.get("district")
    point, shaded = point_known(lat, lon), district_known(district)
    if not point and not shaded:
        st.caption("No place to show on a map.")
        return
    where = "point and district" if point and shaded else (
        "point" if point else "district only, no coordinates")
    st.image(_place_svg(lat, lon, district), caption=f"Where: {where}", width="content")


st.title("Review")
message = st.session_state.pop("review_message", None)
if message:  # what the last action did (or why it was refused)
    (st.error if message[0] == "error" else st.success)(message[1])
why_not = refusal()
if why_not:
    st.info(why_not)
    st.stop()

authenticated, who = _identity()
if who:
    st.session_state["review_by"] = who
    st.caption(f"Signed in as {who}")
else:
    st.session_state.setdefault("review_by", getpass.getuser())
    st.text_input("Your name (kept with each correction)", key="review_by", max_chars=80)

queue = review_queue(loaders.get_store().engine)
st.caption(f"{len(queue)} unreviewed events (extracted from articles). Each correction "
           "needs a reason and goes into the event's history; nothing is deleted.")
for event in queue[:SHOWN_AT_ONCE]:
    eid = event["id"]
    label = (f"#{eid} · {event['date'] or 'undated'} · {event['type'].replace('_', ' ')} · "
             f"{event.get('place') or event.get('district') or 'no place'}")
    with st.container(border=True, key=f"event-{eid}"):
        text_col, map_col = st.columns([3, 1])
        with map_col:
            small_map(event)
        with text_col:
            st.markdown(markdown_literal(label))
            st.text(f"{event['controller'] or ''} {event['note']}".strip())
            for src in event["sources"]:
                st.text(f"{src.get('publisher') or 'unnamed'}: "
                        f"{src.get('title') or 'untitled'} ({src.get('published') or 'n.d.'})")
                if src.get("passage_html"):
                    st.html(src["passage_html"])  # escaped text, the passage marked
        current = {"date": event["date"] or "", "controller": event["controller"] or "",
                   "district_id": event["district"] or "", "note": event["note"]}
        st.session_state[f"current-{eid}"] = current
        st.text_input("Reason", key=f"reason-{eid}", placeholder="Why (required)",
                      max_chars=300)
        left, middle, right = st.columns(3)
        left.button("Confirm", key=f"confirm-{eid}", on_click=act, args=("confirm", eid))
        right.button("Retract", key=f"retract-{eid}", on_click=act, args=("retract", eid))
        with middle.expander("Edit"):
            st.text_input("Date", value=current["date"], key=f"date-{eid}", max_chars=40,
                          help="2020-11-25, 2020-11, 1993 or 2020-11-24/2020-11-25")
            choices = ["", *SIDES]
            st.selectbox("Controller", choices, key=f"controller-{eid}",
                         index=choices.index(current["controller"])
                         if current["controller"] in choices else 0)
            st.text_input("District id", value=current["district_id"],
                          key=f"district_id-{eid}", max_chars=20)
            st.text_input("Note", value=current["note"], key=f"note-{eid}", max_chars=300)
            st.button("Save edit", key=f"edit-{eid}", on_click=act, args=("edit", eid))
if len(queue) > SHOWN_AT_ONCE:
    st.caption(f"{len(queue) - SHOWN_AT_ONCE} more after these.")
