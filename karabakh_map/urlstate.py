"""The dashboard's shareable state in the URL: parse, validate and encode query parameters.

Pure functions: the dashboard passes `st.query_params` in and writes `encode(...)` back.
Bad values never raise: they fall back to defaults and come back as short messages.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date

from karabakh_map.mapview.layers import DEFAULT_LAYERS, LAYERS

DEFAULT_DATE = date(2020, 11, 20)
DEFAULT_WINDOW_DAYS = 7
MAX_WINDOW_DAYS = 3650
_ID = re.compile(r"^[A-Za-z0-9-]{1,32}$")
_VERSION = re.compile(r"^[0-9a-f]{6,64}$")  # karabakh_map.dataversion: a hex digest's head
# Which events a view includes (karabakh_map.store.review.REVIEW_CHOICES' keys the page offers).
REVIEW_VIEWS = ("all", "confirmed")
_MAX_VALUE = 200


@dataclass(frozen=True)
class ViewState:
    """What a permalink reproduces."""

    # datetime.date: the field named `date` hides the type inside the class body.
    date: datetime.date = DEFAULT_DATE
    district: str | None = None
    compare: datetime.date | None = None
    layers: frozenset[str] = field(default=DEFAULT_LAYERS)
    window: int = DEFAULT_WINDOW_DAYS
    compact: bool = False  # the embed layout: map, time controls and legend only
    as_of: datetime.date | None = None  # the record as known on this day (None: everything)
    reviews: str = "all"  # "all" (everything but retracted) or "confirmed"
    version: str | None = None  # the data version a cited link was made with (v=)


def _first(value: str | list[str] | None) -> str | None:
    if isinstance(value, list):
        value = value[0] if value else None
    return value


def _date(raw: str, name: str, errors: list[str]) -> date | None:
    try:
        return date.fromisoformat(raw)
    except ValueError:
        errors.append(f"Ignored {name}: expected a date like 2020-11-20.")
        return None


def parse(query: Mapping[str, str | list[str]], *, district_ids: frozenset[str] | None = None,
          span: tuple[date, date] | None = None,
          today: date | None = None) -> tuple[ViewState, list[str]]:
    """Read a ViewState from query parameters; unknown or bad values become messages.
    `today`: the latest record date allowed (default: the system's today)."""
    errors: list[str] = []
    state = ViewState()
    values = {k: _first(v) for k, v in query.items()}
    for key, raw in values.items():
        if raw is not None and len(raw) > _MAX_VALUE:
            errors.append(f"Ignored {key[:20]}: value too long.")
            values[key] = None
    if raw := values.get("date"):
        d = _date(raw, "date", errors)
        if d and span and not span[0] <= d <= span[1]:
            errors.append(f"Date {d} is outside the data ({span[0]} to {span[1]}); "
                          f"showing the nearest date.")
            d = min(max(d, span[0]), span[1])
        if d:
            state = replace(state, date=d)
    if raw := values.get("compare"):
        d = _date(raw, "compare", errors)
        if d and span and not span[0] <= d <= span[1]:
            errors.append(f"Ignored compare date {d}: outside the data.")
            d = None
        state = replace(state, compare=d)
    if raw := values.get("district"):
        if not _ID.match(raw) or (district_ids is not None and raw not in district_ids):
            errors.append("Ignored district: unknown district id.")
        else:
            state = replace(state, district=raw)
    if (raw := values.get("layers")) is not None:
        names = {n for n in raw.split(",") if n}
        unknown = names - set(LAYERS)
        if unknown:
            errors.append(f"Ignored unknown layers: {', '.join(sorted(unknown))[:80]}.")
        state = replace(state, layers=frozenset(names & set(LAYERS)))
    if raw := values.get("compact"):
        if raw in ("1", "true"):
            state = replace(state, compact=True)
        elif raw not in ("0", "false"):
            errors.append("Ignored compact: expected 1 or 0.")
    if raw := values.get("window"):
        # isascii: "²".isdigit() is True but int("²") fails.
        if raw.isascii() and raw.isdigit() and 0 <= int(raw) <= MAX_WINDOW_DAYS:
            state = replace(state, window=int(raw))
        else:
            errors.append(f"Ignored window: expected whole days from 0 to {MAX_WINDOW_DAYS}.")
    state = _record(values, state, errors, today or date.today())
    return state, errors


def _record(values: Mapping[str, str | None], state: ViewState, errors: list[str],
            today: date) -> ViewState:
    """The record's parameters: as_of (not after today), reviews, v (data version)."""
    if raw := values.get("as_of"):
        d = _date(raw, "as_of", errors)
        if d and d > today:
            errors.append(f"Ignored as_of {d}: the record cannot be known after today.")
        elif d:
            state = replace(state, as_of=d)
    if raw := values.get("reviews"):
        if raw in REVIEW_VIEWS:
            state = replace(state, reviews=raw)
        else:
            errors.append(f"Ignored reviews: expected {' or '.join(REVIEW_VIEWS)}.")
    if raw := values.get("v"):
        if _VERSION.match(raw):
            state = replace(state, version=raw)
        else:
            errors.append("Ignored v: not a data version.")
    return state


def encode(state: ViewState) -> dict[str, str]:
    """Query parameters for a state; defaults are left out to keep links short."""
    out = {"date": state.date.isoformat()}
    if state.district:
        out["district"] = state.district
    if state.compare:
        out["compare"] = state.compare.isoformat()
    if state.layers != DEFAULT_LAYERS:
        out["layers"] = ",".join(n for n in LAYERS if n in state.layers)
    if state.window != DEFAULT_WINDOW_DAYS:
        out["window"] = str(state.window)
    if state.compact:
        out["compact"] = "1"
    if state.as_of:
        out["as_of"] = state.as_of.isoformat()
    if state.reviews != "all":
        out["reviews"] = state.reviews
    if state.version:
        out["v"] = state.version
    return out
