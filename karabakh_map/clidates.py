"""Strict dates for every command-line option: `YYYY-MM-DD` in ASCII digits, nothing else.

click.DateTime (strptime) took `2020-1-5`, full-width digits and years like 0001; a typo
should be an error that says how to write the date, not a silent other day. Every command
parses its date options here (`Day`), checks ranges with `check_order`, and the commands
that make files for others (export) also bound them to the record's years (`Day(lo, hi)`).
"""

from __future__ import annotations

import re
from datetime import date, datetime

import click

DAY_FORMAT = "YYYY-MM-DD"
RECORD_START = date(1991, 1, 1)  # the record's first state (docs/record.md)
_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", re.ASCII)
# A date an event edit may carry: a year, a month, a day, or a range of two days.
_FUZZY = re.compile(r"[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?|[0-9]{4}-[0-9]{2}-[0-9]{2}"
                    r"/[0-9]{4}-[0-9]{2}-[0-9]{2}", re.ASCII)


class DateError(ValueError):
    """A date the command line cannot take, with the way to write it."""


def _shown(text: str) -> str:
    # repr() escapes control characters, so a crafted value cannot forge a line.
    return repr(text if len(text) <= 40 else text[:40] + "...")


def parse_day(text: str, lo: date | None = None, hi: date | None = None) -> date:
    """`text` as a calendar day (exactly YYYY-MM-DD), within lo..hi when given."""
    if not _DAY.fullmatch(text):
        raise DateError(f"{_shown(text)} is not a date: write it as {DAY_FORMAT}, "
                        "e.g. 2020-11-25")
    try:
        day = date.fromisoformat(text)
    except ValueError:
        raise DateError(f"{_shown(text)} is not a calendar day") from None
    if lo is not None and day < lo:
        raise DateError(f"{day.isoformat()} is before {lo.isoformat()}, the earliest day "
                        "this option takes")
    if hi is not None and day > hi:
        raise DateError(f"{day.isoformat()} is after {hi.isoformat()}, the latest day "
                        "this option takes")
    return day


def check_fuzzy(text: str) -> str:
    """An event date as the edit commands take it (2020-11-25, 2020-11, 1993 or
    2020-11-24/2020-11-25), checked strictly; returns it unchanged."""
    if not _FUZZY.fullmatch(text):
        raise DateError(f"{_shown(text)} is not a date: write 2020-11-25, 2020-11, 1993 "
                        "or 2020-11-24/2020-11-25")
    days = text.split("/")
    for part in days:
        y, m, d = (int(x) for x in [*part.split("-"), "1", "1"][:3])
        try:
            date(y, m, d)
        except ValueError:
            raise DateError(f"{_shown(text)} is not a calendar date") from None
    if len(days) == 2 and days[0] > days[1]:
        raise DateError(f"{_shown(text)}: the range ends before it starts")
    return text


class Day(click.ParamType):
    """A click option type for one day (see parse_day). `hi="today"` bounds it by the day
    the command runs. The value is a datetime at midnight, as click.DateTime gave, so
    commands written for that keep working."""

    name = "date"

    def __init__(self, lo: date | None = None, hi: date | str | None = None):
        self.lo, self.hi = lo, hi

    def get_metavar(self, param: click.Parameter, ctx: click.Context) -> str:
        return DAY_FORMAT

    def convert(self, value: object, param: click.Parameter | None,
                ctx: click.Context | None) -> datetime:
        if isinstance(value, datetime):
            return value
        if isinstance(value, date):
            return datetime(value.year, value.month, value.day)
        hi = date.today() if self.hi == "today" else self.hi
        try:
            day = parse_day(str(value), self.lo, hi if isinstance(hi, date) else None)
        except DateError as err:
            self.fail(str(err), param, ctx)
        return datetime(day.year, day.month, day.day)


def check_order(start: date | datetime | None, end: date | datetime | None,
                names: tuple[str, str] = ("--from", "--to")) -> None:
    """Refuse a range whose start is after its end (a usage error naming both)."""
    if start is not None and end is not None and start > end:
        s = start.date() if isinstance(start, datetime) else start
        e = end.date() if isinstance(end, datetime) else end
        raise click.UsageError(f"{names[0]} {s.isoformat()} is after {names[1]} "
                               f"{e.isoformat()}: the range is empty")
