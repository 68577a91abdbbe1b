"""Publication date of an article, from the lines at its top.

Forms recognised (in the first lines only): a "date 2020-11-20" prefix, a byline ending in a
date ("By <author> December 2, 2020"), a date line with optional time and update stamp
("November 25, 2020 05:46 am | Updated ...", "05:05 25 november 2020"), a full date closing a
caption, and as a last resort any short line dateparser reads as a full date. Page stamps
("Last update: ...") are never taken.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from karabakh_map.ingest.dates import find_dates, impossible_dates
from karabakh_map.model import Precision

HEAD_LINES = 12
HEAD_CHARS = 2500
_PREFIX = re.compile(r"^\s*(?:date|dated|published|posted)\s*:?\s*(\d{4}-\d{2}-\d{2})\b",
                     re.IGNORECASE)
_STAMP = re.compile(r"^\s*(?:last\s+)?(?:updated?|modified|edited)\b", re.IGNORECASE)
_TIME = re.compile(r"\b\d{1,2}[:.h]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s*(?:[A-Z]{2,4}|GMT[+-]?\d*))?",
                   re.IGNORECASE)
_BYLINE = re.compile(r"^(?:by|par|от)\s+\S", re.IGNORECASE)


@dataclass(frozen=True)
class PubDate:
    """A detected publication date, how it was found, and the span of the text it came from."""

    date: date
    how: str
    start: int
    end: int


def detect_published(text: str, lang: str | None = None) -> PubDate | None:
    """The publication date from the top of a cleaned article, or None; `lang` limits the
    month names read to that language's and English (all languages when None)."""
    lines = _head_lines(text)
    for start, line in lines:
        if _STAMP.match(line):
            continue
        m = _PREFIX.match(line)
        if m:
            try:
                d = date.fromisoformat(m.group(1))
            except ValueError:
                continue
            return PubDate(d, "date prefix", start, start + m.end())
        found = _full_date(line, lang)
        if found is None:
            continue
        d, ds, de = found
        if _BYLINE.match(line) and _is_tail(line, de):
            return PubDate(d, "byline", start, start + len(line))
        if _is_date_line(line, ds, de):
            return PubDate(d, "date line", start, start + len(line))
    for start, line in lines[1:]:
        if _STAMP.match(line):
            continue
        found = _full_date(line, lang)
        if found and _is_tail(line, found[2]):
            return PubDate(found[0], "date closing a caption", start + found[1], start + found[2])
    return _dateparser_fallback(lines)


def impossible_date_line(text: str) -> str | None:
    """A line at the top meant as the publication date that names a day the calendar does
    not have ("date 2020-02-31", "February 31, 2020 05:46"), or None."""
    for _start, line in _head_lines(text):
        if _STAMP.match(line):
            continue
        m = _PREFIX.match(line)
        if m and impossible_dates(m.group(1)):
            return line.strip()
        for bad in impossible_dates(line):
            ds = line.index(bad)
            de = ds + len(bad)
            if (_BYLINE.match(line) and _is_tail(line, de)) or _is_date_line(line, ds, de):
                return line.strip()
    return None


def _head_lines(text: str) -> list[tuple[int, str]]:
    out: list[tuple[int, str]] = []
    pos = 0
    for raw in text.split("\n"):
        if pos > HEAD_CHARS or len(out) >= HEAD_LINES:
            break
        if raw.strip():
            out.append((pos, raw))
        pos += len(raw) + 1
    return out


def _full_date(line: str, lang: str | None) -> tuple[date, int, int] | None:
    """The first full calendar date (day, month and year written out) in a line."""
    for d in find_dates(line, None, lang=lang):
        if (d.date.precision is Precision.DAY and not d.relative and d.date.earliest
                and re.search(r"\d{4}", d.text)):
            return d.date.earliest, d.start, d.end
    return None


def _is_tail(line: str, end: int) -> bool:
    return not re.search(r"\w", _TIME.sub("", line[end:]))


def _is_date_line(line: str, start: int, end: int) -> bool:
    """The date opens the line (after an optional time), and what follows is a time or stamp."""
    before = _TIME.sub("", line[:start])
    if re.search(r"\w", before.replace("|", "")):
        return False
    after = _TIME.sub("", line[end:])
    after = re.sub(r"\|.*$", "", after)  # "| Updated 05:46 am IST - Baku"
    return not re.search(r"\w{3,}", after) or len(line) <= 60


def _dateparser_fallback(lines: list[tuple[int, str]]) -> PubDate | None:
    """Other languages and numeric forms: short lines only, since dateparser is slow."""
    import dateparser  # imported here: slow to load and rarely needed

    settings = {"STRICT_PARSING": True, "REQUIRE_PARTS": ["day", "month", "year"],
                "DATE_ORDER": "DMY", "PREFER_LOCALE_DATE_ORDER": False}
    for start, line in lines:
        s = line.strip()
        if _STAMP.match(s) or len(s) > 40 or not re.search(r"\b(?:19|20)\d\d\b", s):
            continue
        parsed = dateparser.parse(_TIME.sub("", s).strip(" |,"), settings=settings)
        if parsed is not None:
            return PubDate(parsed.date(), "date line (dateparser)", start, start + len(line))
    return None
