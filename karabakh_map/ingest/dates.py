"""Dates in article text, absolute and relative, resolved against the article's own date.

Patterns built from each language's words (karabakh_map.ingest.lang) find the spans (fast,
with offsets) in English, Russian (and Ukrainian months), French, German, Turkish,
Azerbaijani and Armenian: month names in their case forms, weekdays and relative words ("в
пятницу", "mardi dernier", "am Freitag", "dün", "երեկ"), day-first numbers (20.11.2020,
20/11/2020), "am 20. November", "20 noyabr 2020-ci il", "2020 թ. նոյեմբերի 20-ին". Relative
expressions need the publication date; without one they stay with precision UNKNOWN, and a
date that cannot be resolved is never guessed.
"""

from __future__ import annotations

import calendar
import re
from bisect import bisect_left
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from karabakh_map.ingest.lang import date_languages
from karabakh_map.ingest.lang.patterns import (
    DATE_AFTER,
    DATE_BEFORE,
    MONTH_QUAL,
    MONTHS,
    PARTS,
    RELATIVE,
    WEEKDAY_QUAL,
    WEEKDAYS,
    YEAR_QUAL,
    future_regex,
    patterns_for,
)
from karabakh_map.model import FuzzyDate, Precision

# A number of four or more digits right after a day and month is a year the patterns do not
# read (before 1800, after 2099): the date is left out rather than given a year nearby.
# After a comma, a number followed by a word is a count ("10 November, 2500 troops").
_UNREAD_YEAR = re.compile(r"\s+\d{4,}\b|,\s*\d{4,}\b(?!\s+[^\W\d_])")
_HAS_YEAR = re.compile(r"\d{4}")
_PAST = re.compile(r"\b(?:was|were|had|did|has|have)\b", re.IGNORECASE)
# a case ending and up to one more short word ("-ci il tarixindən", "'den beri") before it
_DATE_AFTER = re.compile(r"(?:[-'’]?\w{0,8}\s{0,3}){0,2}?(" + "|".join(map(re.escape, DATE_AFTER))
                         + r")\b", re.IGNORECASE)
DATE_AFTER_SPAN = 24  # characters after a date where its postposition may stand


@dataclass(frozen=True)
class DateMention:
    """One date expression in a text, with its span and resolved FuzzyDate."""

    start: int
    end: int
    text: str
    date: FuzzyDate
    relative: bool
    qualifier: str | None = None  # the preposition before it: by, before, since, on, in, ...
    anchored: bool = False  # a yearless day given the year of a full date written beside it


# An article's text is scanned once: parsing it asks for its impossible dates, then its
# dates (twice when it has no publication date), and the patterns are most of that time.
@lru_cache(maxsize=4)
def _scan(text: str, langs: tuple[str, ...]
          ) -> tuple[tuple[str, re.Match[str], bool], ...]:
    """Every pattern's matches in `text`, in pattern order, each with whether it is a day
    that does not exist."""
    return tuple((kind, m, _impossible(kind, m))
                 for kind, pattern in patterns_for(langs) for m in pattern.finditer(text))


def find_dates(text: str, ref: date | None, *, year_hint: int | None = None,
               lang: str | None = None) -> list[DateMention]:
    """All date expressions in `text`, resolved against the article date `ref`.

    `lang` (ISO 639-1) chooses the date words read: that language's and English; every
    language's when None. Day-month without a year takes the year nearest to `ref` (or
    `year_hint` when there is no `ref`); relative expressions without `ref` get precision
    UNKNOWN.
    """
    langs = date_languages(lang)
    found: list[DateMention] = []
    impossible: list[tuple[int, int]] = []
    for kind, m, bad in _scan(text, langs):
        if bad:
            impossible.append(m.span())
            continue
        if _UNREAD_YEAR.match(text, m.end()) and not _HAS_YEAR.search(m.group()):
            continue  # "31 December 9999": not 31 December of a year nearby
        mention = _resolve(kind, m, text, ref, year_hint, langs, lang == "az")
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


def impossible_dates(text: str, lang: str | None = None) -> list[str]:
    """Day dates in `text` that are not in the calendar ("31 February 2020", "2020-02-30"):
    `find_dates` drops them (and the month or year inside them)."""
    spans = sorted({m.span() for _kind, m, bad in _scan(text, date_languages(lang)) if bad},
                   key=lambda span: (span[0], -span[1]))
    outer: list[tuple[int, int]] = []
    for a, b in spans:  # "30-31 February" once, not also "31 February" inside it
        if not outer or a >= outer[-1][1]:
            outer.append((a, b))
    return [text[a:b] for a, b in outer]


# Days in each month of a leap year: the most a day-month without a year can have.
_MAX_DAY = {m: calendar.monthrange(2000, m)[1] for m in range(1, 13)}
# (month group, day groups, year group) of the day-month patterns
_DAY_GROUPS = {"range_dm": (3, (1, 2), 4), "range_md": (1, (2, 3), 4), "mdy": (1, (2,), 3),
               "dmy": (2, (1,), 3), "ymd": (2, (3,), 1), "ydm": (3, (2,), 1)}


def _numeric(m: re.Match[str]) -> tuple[int, int, int]:
    """(year, month, day) of a numeric date: day first, unless the month would be past 12
    and the day could be a month (11/20/2020 is American)."""
    day, mon, year = int(m.group(1)), int(m.group(3)), int(m.group(4))
    if mon > 12 >= day:
        day, mon = mon, day
    return year, mon, day


def _impossible(kind: str, m: re.Match[str]) -> bool:
    """Is this match a day-precise date that does not exist (day past the month's end)?"""
    g = m.group
    if kind == "iso":
        y, mon, days = int(g(1)), int(g(2)), [int(g(3))]
    elif kind == "dmy_num":
        y, mon, day = _numeric(m)
        days = [day]
    elif kind in _DAY_GROUPS:
        mon_g, day_gs, year_g = _DAY_GROUPS[kind]
        if _is_modal_may(m, mon_g, False):
            return False
        mon = _month(g(mon_g)) or 0
        days = [int(g(i)) for i in day_gs]
        year = g(year_g)
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


def _is_modal_may(m: re.Match[str], group: int, lower_may: bool) -> bool:
    """'may' as a verb is not a month: only capitalised 'May' counts (in Azerbaijani,
    `lower_may`, the month is written in lower case)."""
    tok = m.group(group)
    return not lower_may and tok.lower().rstrip(".") == "may" and not tok.startswith("M")


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


_BEFORE = re.compile(r"([\w'’]+)(?:\s+([\w'’]+))?\s+$")


def _qualifier(text: str, start: int, end: int) -> str | None:
    """The word(s) before a date that say what it bounds ("by", "до", "jusqu'au", "bis zum"),
    or a postposition after it ("kadar", "qədər"), in English."""
    m = _BEFORE.search(text, max(0, start - 24), start)
    if m:
        two = f"{m.group(1)} {m.group(2)}".lower() if m.group(2) else None
        if two in DATE_BEFORE:
            return DATE_BEFORE[two]
        last = (m.group(2) or m.group(1)).lower()
        if last in DATE_BEFORE:
            return DATE_BEFORE[last]
    after = _DATE_AFTER.match(text, end, end + DATE_AFTER_SPAN)
    return DATE_AFTER[after.group(1).lower()] if after else None


def _future_context(text: str, start: int, langs: tuple[str, ...]) -> bool:
    """Is the verb governing a weekday future ("will hand over on Sunday")? Same clause only."""
    ctx = text[max(0, start - 80):start]
    ctx = re.split(r"[.!?;,]\s", ctx)[-1]
    return bool(future_regex(langs).search(ctx)) and not _PAST.search(ctx[-25:])


def _resolve(kind: str, m: re.Match[str], text: str, ref: date | None,
             year_hint: int | None, langs: tuple[str, ...], lower_may: bool
             ) -> DateMention | None:
    unknown = FuzzyDate(Precision.UNKNOWN)
    fd: FuzzyDate | None = None
    relative = False
    qual = _qualifier(text, m.start(), m.end())
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
        d = _safe_date(*_numeric(m))
        fd = FuzzyDate.day(d) if d else None
    elif kind in ("range_dm", "range_md"):
        mon_g, (g1, g2), year_g = _DAY_GROUPS[kind]
        if _is_modal_may(m, mon_g, lower_may):
            return None
        d1, d2, mon, yr = int(g(g1)), int(g(g2)), _month(g(mon_g)), g(year_g)
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
            future = _future_context(text, m.start(), langs)
            b = _weekday(ref, WEEKDAYS[g(2).lower()], future)
            a = b - timedelta(days=(b.weekday() - WEEKDAYS[g(1).lower()]) % 7)
            fd = FuzzyDate(Precision.RANGE, a, b)
    elif kind in ("mdy", "dmy", "ymd", "ydm"):
        mon_g, (day_g,), year_g = _DAY_GROUPS[kind]
        if _is_modal_may(m, mon_g, lower_may):
            return None
        mon, day = _month(g(mon_g)), int(g(day_g))
        if mon is None or not 1 <= day <= 31:
            return None
        y = year_for(mon, day, g(year_g))
        if y is None:
            fd = unknown
        else:
            d = _safe_date(y, mon, day)
            fd = FuzzyDate.day(d) if d else None
    elif kind == "part_month_year":
        fd = _month_part(PARTS.get((g(1) or "").lower()), _month(g(2)), int(g(3)))
    elif kind in ("part_month", "month_after", "month_in"):
        return _month_mention(kind, m, ref, year_hint, lower_may, qual)
    elif kind == "decade":
        start_year = int(g(2))
        part = (g(1) or "").lower()
        lo, hi = {"early": (0, 3), "mid": (3, 6), "late": (6, 9)}.get(part, (0, 9))
        fd = FuzzyDate(Precision.RANGE, date(start_year + lo, 1, 1), date(start_year + hi, 12, 31))
    elif kind in ("year", "year_after"):
        y = int(g(2) if kind == "year" else g(1))
        fd = FuzzyDate(Precision.YEAR, date(y, 1, 1), date(y, 12, 31))
        if kind == "year_after":
            return DateMention(m.start(), m.end(), g(0), fd, False, qual or "in")
        word = YEAR_QUAL.get(g(1).lower(), "")
        qual = word if word in ("in", "since", "by", "until", "till", "from", "before",
                                "after", "during") else qual
        return DateMention(m.start(2), m.end(), g(2), fd, False, qual)
    elif kind == "relword":
        relative = True
        fd = _relword(RELATIVE.get(g(1).lower(), g(1).lower()), ref) if ref else unknown
    elif kind.startswith("weekday"):
        relative = True
        wd_group = 2 if kind == "weekday" else 1
        if kind in ("weekday", "weekday_after"):
            qual = WEEKDAY_QUAL.get(g(3 - wd_group).lower(), "on")
        if ref is None:
            fd = unknown
        else:
            # "by Sunday", "bis Sonntag", "до воскресенья": a deadline ahead, unless the
            # clause is told in the past ("had until Sunday")
            future = qual == "next" or (qual != "last" and _future_context(text, m.start(),
                                                                           langs)) \
                or (qual in ("by", "until") and not _PAST.search(
                    re.split(r"[.!?;,]\s", text[max(0, m.start() - 80):m.start()])[-1]))
            d = _weekday(ref, WEEKDAYS[g(wd_group).lower()], future)
            if qual == "last" and d == ref:
                d -= timedelta(days=7)
            fd = FuzzyDate.day(d)
    if fd is None:
        return None
    return DateMention(m.start(), m.end(), m.group(0), fd, relative, qual)


_BOUNDS = ("in", "since", "by", "until", "during")  # month qualifiers kept as the mention's


def _month_mention(kind: str, m: re.Match[str], ref: date | None, year_hint: int | None,
                   lower_may: bool, qual: str | None) -> DateMention | None:
    """A month without a year: "in mid-November", "в ноябре", "Kasım'da", "noyabrın sonunda"."""
    if kind == "part_month":
        word, token = m.group(1), m.group(2)
    elif kind == "month_after":
        word, token = m.group(2), m.group(1)
    else:
        word, token = "in", m.group(1)
    mon = _month(token)
    if mon is None or (token.lower() in ("may", "mai") and not token[0].isupper()
                       and not lower_may):
        return None
    part = MONTH_QUAL.get(word.lower(), word.lower())
    if ref is None and year_hint is None:
        fd = FuzzyDate(Precision.UNKNOWN)
    else:
        y = _nearest_year(mon, 15, ref or date(year_hint or 1, 6, 15))
        since = part == "since" or (part not in _BOUNDS and qual == "since")
        if since and ref is not None and date(y, mon, 1) > ref:
            y -= 1  # "since December" in July: the December before
        fd = _month_part(PARTS.get(part), mon, y)  # type: ignore[assignment]
    if kind == "part_month" and part in _BOUNDS:
        return DateMention(m.start(2), m.end(), token, fd, False, part)
    qual = part if part in _BOUNDS else qual
    return DateMention(m.start(), m.end(), m.group(0), fd, False, qual)


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
    if word == "day before yesterday":
        return FuzzyDate.day(ref - timedelta(days=2))
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
    if word == "a week ago":  # give or take a day
        return FuzzyDate(Precision.RANGE, ref - timedelta(days=8), ref - timedelta(days=6))
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
