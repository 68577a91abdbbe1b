"""Dates read the way a reader reads them once the whole article is in view.

- "Today, 26 August" is one date: the relative word in apposition to a written day gives way
  to it (its own resolution against the publication date may be days off).
- A day without a year near a day written with its year takes that year when it follows it
  within a season, in text and in time ("on 27 September 2020 ... on 9 November": 2020, in an
  article of 2023), or precedes it so in one sentence ("signed on 10 November, ... handed over
  on 20 November 2020"); otherwise the year nearest the publication date stands.
- "That day" / "həmin gün" / "в тот же день" is the day named last before it, "the next
  day" / "le lendemain" / "ertesi gün" the day after it, "five days later" / "через пять
  дней" that many days after it.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import replace
from datetime import date, timedelta

from karabakh_map.ingest.dates import DateMention
from karabakh_map.model import FuzzyDate, Precision

_YEAR = re.compile(r"\d{4}")
_SENTENCE_END = re.compile(r"[.!?։]\s|\n")
_APPOSITION = re.compile(r"[\s,]*(?:the|on|of|am|vom|le|du|den|de)?[\s,]*$", re.IGNORECASE)
APPOSITION_GAP = 12  # characters between "today" and the day it names
APPOSITION_DAYS = 7  # days apart that a relative day and its apposed date may resolve
SAME_DAY_BACK = 400  # characters back to the day "that day" names
# "that day" in the seven languages (lower case; matched case-insensitively)
_SAME_DAY = re.compile(
    r"\b(?:(?:on\s+)?(?:the\s+same|that)\s+day|в\s+(?:тот|этот)\s+(?:же\s+)?день|"
    r"le\s+même\s+jour|ce\s+jour-là|(?:am|an)\s+(?:selben|gleichen|diesem)\s+Tag|"
    r"aynı\s+gün|həmin\s+gün|eyni\s+gün|նույն\s+օրը|այդ\s+օրը)\b", re.IGNORECASE)
# "the next day" in the seven languages and Ukrainian: the day after the day named last
_NEXT_DAY = re.compile(
    r"\b(?:(?:on\s+)?the\s+(?:next|following)\s+day|a\s+day\s+later|le\s+lendemain|"
    r"(?:am|an)\s+(?:nächsten|folgenden)\s+Tag|tags\s+darauf|am\s+Tag\s+darauf|"
    r"на\s+следующий\s+день|наступного\s+дня|ertesi\s+gün|ertəsi\s+gün|növbəti\s+gün|"
    r"հաջորդ\s+օրը)\b", re.IGNORECASE)
# "last year" next to a yearless day, in the seven languages and Ukrainian
_LAST_YEAR_BEFORE = re.compile(
    r"\b(?:last\s+year['’]s|l['’]an\s+dernier,?|l['’]année\s+dernière,?|letzten\s+Jahres|"
    r"vergangenen\s+Jahres|прошлого\s+года|в\s+прошлом\s+году|минулого\s+року|"
    r"geçen\s+yıl(?:ın)?|ötən\s+il(?:in)?|keçən\s+il(?:in)?|անցյալ\s+տարվա)\s*$",
    re.IGNORECASE)
_LAST_YEAR_AFTER = re.compile(
    r"^[-'’\w]{0,4}\s*(?:of\s+)?(?:last\s+year|de\s+l['’]an(?:née)?\s+derni(?:er|ère)|"
    r"(?:des\s+)?(?:letzten|vergangenen)\s+Jahres|прошлого\s+года|минулого\s+року)\b",
    re.IGNORECASE)
LAST_YEAR_GAP = 25  # characters between "last year" and the day it qualifies
# "five days later" in the seven languages and Ukrainian: group 1 or 2, the number
_N = (r"(\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|deux|trois|quatre|cinq|six|"
      r"sept|huit|neuf|dix|zwei|drei|vier|fünf|sechs|sieben|acht|neun|zehn|два|две|три|"
      r"четыре|пять|шесть|семь|восемь|девять|десять|дві|чотири|п['’]ять|шість|сім|вісім|"
      r"дев['’]ять|десять|iki|üç|dört|beş|altı|yedi|sekiz|dokuz|on|dörd|yeddi|səkkiz|doqquz|"
      r"երկու|երեք|չորս|հինգ|վեց|յոթ|ութ|ինը|տասը)")
_DAYS_LATER = re.compile(
    rf"\b(?:{_N}\s+(?:days?\s+later|jours\s+plus\s+tard|Tage\s+später|gün\s+sonra|օր\s+անց)"
    rf"|(?:через|спустя)\s+{_N}\s+(?:дн[яеі]\w*|днів))", re.IGNORECASE)
_NUMBER_WORDS = {w: n for n, ws in enumerate((
    (), ("one",), ("two", "deux", "zwei", "два", "две", "дві", "iki", "երկու"),
    ("three", "trois", "drei", "три", "üç", "երեք"),
    ("four", "quatre", "vier", "четыре", "чотири", "dört", "dörd", "չորս"),
    ("five", "cinq", "fünf", "пять", "п'ять", "п’ять", "beş", "հինգ"),
    ("six", "sechs", "шесть", "шість", "altı", "վեց"),
    ("seven", "sept", "sieben", "семь", "сім", "yedi", "yeddi", "յոթ"),
    ("eight", "huit", "acht", "восемь", "вісім", "sekiz", "səkkiz", "ութ"),
    ("nine", "neuf", "neun", "девять", "дев'ять", "дев’ять", "dokuz", "doqquz", "ինը"),
    ("ten", "dix", "zehn", "десять", "on", "տասը"))) for w in ws}
ANCHOR_BEFORE = 400  # characters back to a day written with its year
ANCHOR_AFTER = 120  # ... or forward (one sentence: "signed on 10 November ... 20 November 2020")
ANCHOR_DAYS = 100  # the yearless day lies this close to its anchor
FAR_DAYS = 300  # ... and the anchor this far from the year-nearest reading


def refine_dates(text: str, dates: list[DateMention],
                 published: date | None = None) -> list[DateMention]:
    """`dates` (sorted by start) without relative words in apposition to a written day, with
    yearless days of "last year" put in the year before the article's, others re-dated by
    a nearby day written with its year, and "that day" dated by the day named last before
    it."""
    out = [d for i, d in enumerate(dates) if not _apposed(text, d, dates[i + 1:i + 2])]
    anchors = [d for d in out if _written_day(d)]
    out = [(_last_year(text, d, published) or _anchored(text, d, anchors))
           if _yearless_day(d) else d for d in out]
    return sorted(out + _same_day(text, out) + _same_day(text, out, _NEXT_DAY, 1)
                  + _days_later(text, out), key=lambda d: d.start)


def _days_later(text: str, dates: list[DateMention]) -> list[DateMention]:
    """'Five days later' / 'через пять дней' / 'beş gün sonra': that many days after the day
    named last before it (within SAME_DAY_BACK characters)."""
    out: list[DateMention] = []
    for m in _DAYS_LATER.finditer(text):
        word = (m.group(1) or m.group(2)).lower()
        n = int(word) if word.isdigit() else _NUMBER_WORDS.get(word)
        prev = [d for d in dates if d.end <= m.start() and d.date.precision is Precision.DAY
                and d.date.earliest is not None and m.start() - d.end <= SAME_DAY_BACK]
        if n and prev and prev[-1].date.earliest is not None:
            day = FuzzyDate.day(prev[-1].date.earliest + timedelta(days=n))
            out.append(DateMention(m.start(), m.end(), m.group(), day, True, "on"))
    return out


def _last_year(text: str, d: DateMention, published: date | None) -> DateMention | None:
    """'Last year's 4 October', 'ötən ilin oktyabrın 4-də', '4 October last year': that day
    of the year before the article's."""
    if published is None or d.date.earliest is None or not (
            _LAST_YEAR_BEFORE.search(text, max(0, d.start - LAST_YEAR_GAP), d.start)
            or _LAST_YEAR_AFTER.match(text, d.end, d.end + LAST_YEAR_GAP)):
        return None
    try:
        day = d.date.earliest.replace(year=published.year - 1)
    except ValueError:  # 29 February
        return None
    return replace(d, date=FuzzyDate.day(day), anchored=True)


def _same_day(text: str, dates: list[DateMention], words: re.Pattern[str] = _SAME_DAY,
              shift: int = 0) -> list[DateMention]:
    """'The same day' / 'həmin gün' / 'в тот же день': the last day named before it, within
    SAME_DAY_BACK characters (`shift` days later: "the next day")."""
    out: list[DateMention] = []
    starts = [d.start for d in dates]
    for m in words.finditer(text):
        i = bisect_left(starts, m.start())
        if i < len(dates) and dates[i].start < m.end():
            continue  # inside a date already read
        prev = [d for d in dates[:i] if d.date.precision is Precision.DAY
                and m.start() - d.end <= SAME_DAY_BACK]
        if prev and prev[-1].date.earliest is not None:
            day = FuzzyDate.day(prev[-1].date.earliest + timedelta(days=shift)) if shift \
                else prev[-1].date
            out.append(DateMention(m.start(), m.end(), m.group(), day, True, "on"))
    return out


def _written_day(d: DateMention) -> bool:
    return not d.relative and d.date.precision is Precision.DAY and bool(_YEAR.search(d.text))


def _yearless_day(d: DateMention) -> bool:
    return not d.relative and d.date.precision is Precision.DAY and not _YEAR.search(d.text) \
        and d.date.earliest is not None


def _apposed(text: str, d: DateMention, nxt: list[DateMention]) -> bool:
    if not d.relative or not nxt or nxt[0].relative \
            or nxt[0].date.precision not in (Precision.DAY, Precision.RANGE):
        return False
    gap = text[d.end:nxt[0].start]
    return len(gap) <= APPOSITION_GAP and bool(_APPOSITION.match(gap)) \
        and _near_days(d.date, nxt[0].date)


def _near_days(said: FuzzyDate, written: FuzzyDate) -> bool:
    """Whether a relative day and the written date beside it can name one day: within a few
    days ('Tuesday, 10 November' of a later article), never 'bugün de 23 Ağustos 1993'de'
    (today as well as a day long past). An unresolved relative day cannot be checked."""
    day, lo, hi = said.earliest, written.earliest, written.latest or written.earliest
    if day is None or lo is None or hi is None:
        return True
    off = (lo - day).days if day < lo else (day - hi).days if day > hi else 0
    return off <= APPOSITION_DAYS


def _anchored(text: str, d: DateMention, anchors: list[DateMention]) -> DateMention:
    near = [a for a in anchors if 0 <= d.start - a.end <= ANCHOR_BEFORE
            or (0 <= a.start - d.end <= ANCHOR_AFTER
                and not _SENTENCE_END.search(text, d.end, a.start))]
    if not near or d.date.earliest is None:
        return d
    anchor = min(near, key=lambda a: min(abs(d.start - a.end), abs(a.start - d.end)))
    day, pin = d.date.earliest, anchor.date.earliest
    if pin is None or abs((day - pin).days) < FAR_DAYS:
        return d
    try:
        moved = day.replace(year=pin.year)
    except ValueError:  # 29 February
        return d
    # the story runs forward: a later day after its anchor in the text, an earlier one before;
    # inside one sentence either ("freed on 20 October by an offensive of 27 September 2020")
    gap = (moved - pin).days if anchor.end <= d.start else (pin - moved).days
    if anchor.start >= d.end and not _SENTENCE_END.search(text, d.end, anchor.start):
        gap = abs(gap)
    if not 0 <= gap <= ANCHOR_DAYS:
        return d
    return replace(d, date=FuzzyDate.day(moved), anchored=True)

