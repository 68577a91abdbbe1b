"""Dates in article text, absolute and relative, resolved against the article's own date.

Hand-written patterns find the spans (fast, with offsets); English, French and Russian month
names are known. Relative expressions ("on Friday", "last week", "the night of Tuesday to
Wednesday") need the publication date; without one they stay with precision UNKNOWN.
"""

from __future__ import annotations

import calendar
import re
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from karabakh_map.model import FuzzyDate, Precision

_MONTH_NAMES: dict[int, tuple[str, ...]] = {
    1: ("january", "jan", "janvier", "январь", "января"),
    2: ("february", "feb", "février", "fevrier", "февраль", "февраля"),
    3: ("march", "mar", "mars", "март", "марта"),
    4: ("april", "apr", "avril", "апрель", "апреля"),
    5: ("may", "mai", "май", "мая"),
    6: ("june", "jun", "juin", "июнь", "июня"),
    7: ("july", "jul", "juillet", "июль", "июля"),
    8: ("august", "aug", "août", "aout", "август", "августа"),
    9: ("september", "sept", "sep", "septembre", "сентябрь", "сентября"),
    10: ("october", "oct", "octobre", "октябрь", "октября"),
    11: ("november", "nov", "novembre", "ноябрь", "ноября"),
    12: ("december", "dec", "décembre", "decembre", "декабрь", "декабря"),
}
MONTHS: dict[str, int] = {n: m for m, names in _MONTH_NAMES.items() for n in names}


def _trie_regex(words: list[str]) -> str:
    """An alternation that branches on each letter, so failing positions fail fast."""
    trie: dict[str, dict] = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict[str, dict]) -> str:
        ends = "" in node
        branches = [re.escape(ch) + build(sub) for ch, sub in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if ends else body

    return "(?:" + build(trie) + ")"


_FULL = [n for n in MONTHS if len(n) > 3 or n in ("may", "mai", "май", "мая")]
MON = _trie_regex(list(MONTHS)) + r"\.?"
MONFULL = _trie_regex(_FULL)
WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4,
            "saturday": 5, "sunday": 6}
WD = "(?:" + "|".join(WEEKDAYS) + ")"
_ORD = r"(?:st|nd|rd|th|er)?"
_YEAR = r"(1[89]\d\d|20\d\d)"

_FUTURE = re.compile(r"\b(?:will|shall|is to|are to|(?:is|are) (?:due|set|scheduled|expected) to|"
                     r"next|upcoming)\b", re.IGNORECASE)
_PAST = re.compile(r"\b(?:was|were|had|did|has|have)\b", re.IGNORECASE)


@dataclass(frozen=True)
class DateMention:
    """One date expression in a text, with its span and resolved FuzzyDate."""

    start: int
    end: int
    text: str
    date: FuzzyDate
    relative: bool
    qualifier: str | None = None  # the preposition before it: by, before, since, on, in, ...


def _ahead(words: Iterable[str], *, digit: bool = False) -> str:
    """A lookahead for the characters a match can start with (the first letters of `words`,
    and a digit): the same matches, but a position that cannot start one fails at once
    instead of trying every optional prefix and alternative (2-3 times faster scans)."""
    first = "".join(sorted({re.escape(w[0]) for w in words})) + (r"\d" if digit else "")
    return f"(?=[{first}])"


_WDS, _MONS = list(WEEKDAYS), list(MONTHS)
_I = re.IGNORECASE
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("iso", re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")),
    ("dmy_num", re.compile(r"\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b")),
    ("range_dm", re.compile(
        _ahead(["the", "night", "between", "from", *_WDS], digit=True) +
        rf"(?:\b(?:the\s+)?night\s+(?:of\s+|from\s+)?|\bbetween\s+|\bfrom\s+)?\b(?:{WD}\s+)?"
        rf"(\d{{1,2}}){_ORD}\s*(?:to|-|–|and|into)\s*(?:{WD}\s+)?(\d{{1,2}}){_ORD}\s+"
        rf"({MON})(?:,?\s+{_YEAR})?\b", _I)),
    ("range_md", re.compile(
        _ahead(_MONS) + rf"\b({MON})\s+(\d{{1,2}}){_ORD}\s*(?:-|–|to|and)\s*(\d{{1,2}}){_ORD}"
        rf"(?:,?\s+{_YEAR})?\b", _I)),
    ("night_wd", re.compile(
        rf"\b(?:the\s+)?night\s+(?:of|from)\s+({WD})\s+(?:to|into)\s+({WD})\b", _I)),
    ("mdy", re.compile(_ahead([*_WDS, *_MONS]) +
                       rf"\b(?:{WD},?\s+)?({MON})\s+(\d{{1,2}}){_ORD}(?:,?\s+{_YEAR})?\b", _I)),
    ("dmy", re.compile(
        _ahead(_WDS, digit=True) +
        rf"\b(?:{WD},?\s+)?(\d{{1,2}}){_ORD}\s+(?:of\s+)?({MON})(?:,?\s+{_YEAR})?\b", _I)),
    ("part_month_year", re.compile(
        _ahead(["early", "mid", "late", "end", "beginning", *_FULL]) +
        rf"\b(?:(early|mid|late|end of|beginning of)[\s-]+)?({MONFULL})\s+{_YEAR}\b", _I)),
    ("part_month", re.compile(
        rf"\b(early|mid|late|in|since|by|until|during|end of|beginning of)[\s-]+({MONFULL})\b",
        _I)),
    ("decade", re.compile(_ahead(["the", "early", "mid", "late", "1", "2"]) +
                          r"\b(?:the\s+)?(?:(early|mid|late)[\s-]+)?(1[89]\d0|20\d0)s\b", _I)),
    ("year", re.compile(
        rf"\b(in|since|by|until|till|from|before|after|during|early|late|mid|the|of)[\s-]+"
        rf"{_YEAR}\b(?![,.]?\d)", _I)),
    ("relword", re.compile(
        r"\b(today|yesterday|tomorrow|overnight|(?:earlier |later )?this week|last week|"
        r"next week|earlier this month|this month|last month|next month|last year|this year)\b",
        _I)),
    ("weekday", re.compile(rf"\b(on|last|next|this|since|by|until|before|after)\s+({WD})\b"
                           r"(?:\s+(?:night|morning|evening))?", _I)),
    ("weekday_poss", re.compile(_ahead(_WDS) + rf"\b({WD})'s\b", _I)),
]


# An article's text is scanned once: parsing it asks for its impossible dates, then its
# dates (twice when it has no publication date), and the patterns are most of that time.
@lru_cache(maxsize=4)
def _scan(text: str) -> tuple[tuple[str, re.Match[str], bool], ...]:
    """Every pattern's matches in `text`, in pattern order, each with whether it is a day
    that does not exist."""
    return tuple((kind, m, _impossible(kind, m))
                 for kind, pattern in _PATTERNS for m in pattern.finditer(text))


def find_dates(text: str, ref: date | None, *, year_hint: int | None = None
               ) -> list[DateMention]:
    """All date expressions in `text`, resolved against the article date `ref`.

    Day-month without a year takes the year nearest to `ref` (or `year_hint` when there is no
    `ref`); relative expressions without `ref` get precision UNKNOWN.
    """
    found: list[DateMention] = []
    impossible: list[tuple[int, int]] = []
    for kind, m, bad in _scan(text):
        if bad:
            impossible.append(m.span())
            continue
        mention = _resolve(kind, m, text, ref, year_hint)
        if mention is not None:
            found.append(mention)
    if impossible:
        # "31 February 2020" is no date at all: "February 2020" inside it must not stand in
        # for it, since the month may be the typo as well as the day.
        found = [d for d in found if not any(a < d.end and d.start < b for a, b in impossible)]
    found.sort(key=lambda d: (-(d.end - d.start), d.start))
    # Longest first, each kept unless it overlaps one already kept. The kept spans are
    # disjoint, so only the neighbours in start order can overlap a new one.
    chosen: list[DateMention] = []
    starts: list[int] = []
    for d in found:
        i = bisect_left(starts, d.start)
        if i > 0 and chosen[i - 1].end > d.start:
            continue
        if i < len(chosen) and chosen[i].start < d.end:
            continue
        starts.insert(i, d.start)
        chosen.insert(i, d)
    return chosen


def impossible_dates(text: str) -> list[str]:
    """Day dates in `text` that are not in the calendar ("31 February 2020", "2020-02-30"):
    `find_dates` drops them (and the month or year inside them)."""
    spans = sorted({m.span() for _kind, m, bad in _scan(text) if bad},
                   key=lambda span: (span[0], -span[1]))
    outer: list[tuple[int, int]] = []
    for a, b in spans:  # "30-31 February" once, not also "31 February" inside it
        if not outer or a >= outer[-1][1]:
            outer.append((a, b))
    return [text[a:b] for a, b in outer]


# Days in each month of a leap year: the most a day-month without a year can have.
_MAX_DAY = {m: calendar.monthrange(2000, m)[1] for m in range(1, 13)}


def _impossible(kind: str, m: re.Match[str]) -> bool:
    """Is this match a day-precise date that does not exist (day past the month's end)?"""
    g = m.group
    if kind == "iso":
        y, mon, days = int(g(1)), int(g(2)), [int(g(3))]
    elif kind == "dmy_num":
        y, mon, days = int(g(3)), int(g(2)), [int(g(1))]
    elif kind in ("range_dm", "range_md", "mdy", "dmy"):
        mon_g = {"range_dm": 3, "range_md": 1, "mdy": 1, "dmy": 2}[kind]
        if _is_modal_may(m, mon_g):
            return False
        mon = _month(g(mon_g)) or 0
        days = {"range_dm": [1, 2], "range_md": [2, 3], "mdy": [2], "dmy": [1]}[kind]
        days = [int(g(i)) for i in days]
        year = g({"range_dm": 4, "range_md": 4, "mdy": 3, "dmy": 3}[kind])
        if not 1 <= mon <= 12 or not all(1 <= d <= 31 for d in days):
            return False
        if year is None:
            return any(d > _MAX_DAY[mon] for d in days)
        y = int(year)
    else:
        return False
    return any(_safe_date(y, mon, d) is None for d in days)


def _month(token: str) -> int | None:
    return MONTHS.get(token.lower().rstrip("."))


def _is_modal_may(m: re.Match[str], group: int) -> bool:
    """'may' as a verb is not a month: only capitalised 'May' counts."""
    tok = m.group(group)
    return tok.lower().rstrip(".") == "may" and not tok.startswith("M")


def _nearest_year(month: int, day: int, ref: date) -> int:
    best = ref.year
    best_gap: int | None = None
    for y in (ref.year - 1, ref.year, ref.year + 1):
        d = _safe_date(y, month, day)
        if d is None:
            continue
        gap = abs((d - ref).days)
        if best_gap is None or gap < best_gap:
            best, best_gap = y, gap
    return best


def _safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _qualifier(text: str, start: int) -> str | None:
    m = re.search(r"(\w+)\s+$", text[max(0, start - 20):start])
    if m and m.group(1).lower() in {"by", "before", "since", "until", "till", "on", "in",
                                     "from", "after", "around", "of"}:
        return m.group(1).lower()
    return None


def _future_context(text: str, start: int) -> bool:
    """Is the verb governing a weekday future ("will hand over on Sunday")? Same clause only."""
    ctx = text[max(0, start - 80):start]
    ctx = re.split(r"[.!?;,]\s", ctx)[-1]
    return bool(_FUTURE.search(ctx)) and not _PAST.search(ctx[-25:])


def _resolve(kind: str, m: re.Match[str], text: str, ref: date | None,
             year_hint: int | None) -> DateMention | None:
    unknown = FuzzyDate(Precision.UNKNOWN)
    fd: FuzzyDate | None = None
    relative = False
    qual = _qualifier(text, m.start())
    g = m.group

    def year_for(month: int, day: int, explicit: str | None) -> int | None:
        if explicit:
            return int(explicit)
        if ref is not None:
            return _nearest_year(month, day, ref)
        return year_hint

    if kind == "iso":
        d = _safe_date(int(g(1)), int(g(2)), int(g(3)))
        fd = FuzzyDate.day(d) if d else None
    elif kind == "dmy_num":
        d = _safe_date(int(g(3)), int(g(2)), int(g(1)))
        fd = FuzzyDate.day(d) if d else None
    elif kind in ("range_dm", "range_md"):
        if kind == "range_dm":
            d1, d2, mon, yr = int(g(1)), int(g(2)), _month(g(3)), g(4)
            if _is_modal_may(m, 3):
                return None
        else:
            mon, d1, d2, yr = _month(g(1)), int(g(2)), int(g(3)), g(4)
            if _is_modal_may(m, 1):
                return None
        if mon is None or d1 > d2:
            return None
        y = year_for(mon, d2, yr)
        if y is None:
            fd = unknown
        else:
            a, b = _safe_date(y, mon, d1), _safe_date(y, mon, d2)
            fd = FuzzyDate(Precision.RANGE, a, b) if a and b else None
    elif kind == "night_wd":
        relative = True
        if ref is None:
            fd = unknown
        else:
            future = _future_context(text, m.start())
            b = _weekday(ref, WEEKDAYS[g(2).lower()], future)
            a = b - timedelta(days=(b.weekday() - WEEKDAYS[g(1).lower()]) % 7)
            fd = FuzzyDate(Precision.RANGE, a, b)
    elif kind in ("mdy", "dmy"):
        mon_g, day_g = (1, 2) if kind == "mdy" else (2, 1)
        if _is_modal_may(m, mon_g):
            return None
        mon, day = _month(g(mon_g)), int(g(day_g))
        if mon is None or not 1 <= day <= 31:
            return None
        y = year_for(mon, day, g(3))
        if y is None:
            fd = unknown
        else:
            d = _safe_date(y, mon, day)
            fd = FuzzyDate.day(d) if d else None
    elif kind == "part_month_year":
        fd = _month_part(g(1), _month(g(2)), int(g(3)))
    elif kind == "part_month":
        mon = _month(g(2))
        if mon is None or (g(2).lower() in ("may", "mai") and not g(2)[0].isupper()):
            return None
        part = g(1).lower()
        if ref is None and year_hint is None:
            fd = unknown
        else:
            base = ref or date(year_hint or 1, 6, 15)
            y = _nearest_year(mon, 15, base)
            fd = _month_part(part if part not in ("in", "since", "by", "until", "during")
                             else None, mon, y)
            if part in ("in", "since", "by", "until", "during"):
                return DateMention(m.start(2), m.end(), g(2), fd, False, part)
    elif kind == "decade":
        start_year = int(g(2))
        part = (g(1) or "").lower()
        lo, hi = {"early": (0, 3), "mid": (3, 6), "late": (6, 9)}.get(part, (0, 9))
        fd = FuzzyDate(Precision.RANGE, date(start_year + lo, 1, 1), date(start_year + hi, 12, 31))
    elif kind == "year":
        y = int(g(2))
        fd = FuzzyDate(Precision.YEAR, date(y, 1, 1), date(y, 12, 31))
        word = g(1).lower()
        qual = word if word in ("in", "since", "by", "until", "till", "from", "before", "after",
                                "during") else qual
        return DateMention(m.start(2), m.end(), g(2), fd, False, qual)
    elif kind == "relword":
        relative = True
        fd = _relword(g(1).lower(), ref) if ref else unknown
    elif kind in ("weekday", "weekday_poss"):
        relative = True
        wd_group = 2 if kind == "weekday" else 1
        if kind == "weekday":
            qual = g(1).lower()
        if ref is None:
            fd = unknown
        else:
            future = qual == "next" or (qual != "last" and _future_context(text, m.start()))
            d = _weekday(ref, WEEKDAYS[g(wd_group).lower()], future)
            if qual == "last" and d == ref:
                d -= timedelta(days=7)
            fd = FuzzyDate.day(d)
    if fd is None:
        return None
    return DateMention(m.start(), m.end(), m.group(0), fd, relative, qual)


def _weekday(ref: date, wd: int, future: bool) -> date:
    """The nearest such weekday on or before `ref`, or on or after it for future contexts."""
    if future:
        return ref + timedelta(days=(wd - ref.weekday()) % 7)
    return ref - timedelta(days=(ref.weekday() - wd) % 7)


def _month_part(part: str | None, month: int | None, year: int) -> FuzzyDate | None:
    if month is None:
        return None
    last = calendar.monthrange(year, month)[1]
    spans = {"early": (1, 10), "beginning of": (1, 10), "mid": (11, 20), "late": (21, last),
             "end of": (21, last)}
    if part and part.lower() in spans:
        a, b = spans[part.lower()]
        return FuzzyDate(Precision.RANGE, date(year, month, a), date(year, month, b))
    return FuzzyDate(Precision.MONTH, date(year, month, 1), date(year, month, last))


def _relword(word: str, ref: date) -> FuzzyDate:
    monday = ref - timedelta(days=ref.weekday())
    first = ref.replace(day=1)
    if word == "today":
        return FuzzyDate.day(ref)
    if word == "yesterday":
        return FuzzyDate.day(ref - timedelta(days=1))
    if word == "tomorrow":
        return FuzzyDate.day(ref + timedelta(days=1))
    if word == "overnight":
        return FuzzyDate(Precision.RANGE, ref - timedelta(days=1), ref)
    if word.endswith("this week"):
        return FuzzyDate(Precision.RANGE, monday, ref)
    if word == "last week":
        return FuzzyDate(Precision.RANGE, monday - timedelta(days=7), monday - timedelta(days=1))
    if word == "next week":
        return FuzzyDate(Precision.RANGE, monday + timedelta(days=7), monday + timedelta(days=13))
    if word in ("earlier this month", "this month"):
        return FuzzyDate(Precision.RANGE, first, ref)
    if word == "last month":
        prev = first - timedelta(days=1)
        return _month_part(None, prev.month, prev.year)  # type: ignore[return-value]
    if word == "next month":
        nxt = first + timedelta(days=32)
        return _month_part(None, nxt.month, nxt.year)  # type: ignore[return-value]
    year = ref.year - 1 if word == "last year" else ref.year
    return FuzzyDate(Precision.YEAR, date(year, 1, 1), date(year, 12, 31))
