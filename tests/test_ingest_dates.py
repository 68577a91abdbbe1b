"""Dates in text: absolute, relative, ranges, years, and resolution against the article date."""

from __future__ import annotations

from datetime import date

from karabakh_map.ingest.dates import find_dates
from karabakh_map.model import Precision

WED = date(2021, 3, 10)  # a Wednesday


def one(text: str, ref: date | None = WED):
    found = find_dates(text, ref)
    assert len(found) == 1, found
    return found[0]


def test_absolute_forms() -> None:
    for text in ("on March 4, 2021", "on 4 March 2021", "dated 2021-03-04", "le 4 mars 2021",
                 "4 марта 2021", "on Thursday, March 4, 2021", "on 04.03.2021"):
        d = one(text)
        assert d.date.precision is Precision.DAY and d.date.earliest == date(2021, 3, 4), text


def test_offsets_cover_the_expression() -> None:
    text = "The gate reopened on March 4 after repairs."
    d = one(text)
    assert text[d.start:d.end] == "March 4"
    assert d.qualifier == "on"


def test_year_missing_takes_the_nearest_year() -> None:
    assert one("by March 20").date.earliest == date(2021, 3, 20)
    assert one("on December 28", date(2021, 1, 5)).date.earliest == date(2020, 12, 28)
    assert one("on January 3", date(2020, 12, 30)).date.earliest == date(2021, 1, 3)


def test_deadline_qualifier() -> None:
    assert one("must be done by April 2").qualifier == "by"


def test_relative_weekdays_resolve_against_article_date() -> None:
    assert one("the mayor spoke on Monday").date.earliest == date(2021, 3, 8)
    assert one("the mayor spoke on Wednesday").date.earliest == WED
    assert one("the council will vote on Friday").date.earliest == date(2021, 3, 12)
    assert one("the mayor spoke last Wednesday").date.earliest == date(2021, 3, 3)
    d = one("before Monday's vote")
    assert d.date.earliest == date(2021, 3, 8) and d.relative


def test_night_of_ranges() -> None:
    d = one("on the night of Tuesday 9 to Wednesday 10 March")
    assert (d.date.precision, d.date.earliest, d.date.latest) == (
        Precision.RANGE, date(2021, 3, 9), date(2021, 3, 10))
    d = one("during the night of Tuesday to Wednesday")
    assert (d.date.earliest, d.date.latest) == (date(2021, 3, 9), date(2021, 3, 10))
    d = one("between 9 and 10 March")
    assert (d.date.earliest, d.date.latest) == (date(2021, 3, 9), date(2021, 3, 10))
    d = one("on March 9-10, 2021")
    assert (d.date.earliest, d.date.latest) == (date(2021, 3, 9), date(2021, 3, 10))


def test_relative_periods() -> None:
    d = one("talks ended last week")
    assert (d.date.earliest, d.date.latest) == (date(2021, 3, 1), date(2021, 3, 7))
    assert one("it rained yesterday").date.earliest == date(2021, 3, 9)
    d = one("the convoy arrived overnight")
    assert (d.date.earliest, d.date.latest) == (date(2021, 3, 9), WED)
    d = one("signed earlier this month")
    assert (d.date.earliest, d.date.latest) == (date(2021, 3, 1), WED)


def test_months_parts_years_and_decades() -> None:
    d = one("in mid-February")
    assert (d.date.precision, d.date.earliest, d.date.latest) == (
        Precision.RANGE, date(2021, 2, 11), date(2021, 2, 20))
    d = one("since June 2015")
    assert (d.date.precision, d.date.earliest, d.qualifier) == (
        Precision.MONTH, date(2015, 6, 1), "since")
    d = one("the valley was emptied in 1988.")
    assert (d.date.precision, d.date.earliest, d.date.latest) == (
        Precision.YEAR, date(1988, 1, 1), date(1988, 12, 31))
    assert d.text == "1988"
    d = one("a war in the 1970s")
    assert (d.date.earliest, d.date.latest) == (date(1970, 1, 1), date(1979, 12, 31))


def test_modal_may_and_counts_are_not_dates() -> None:
    assert find_dates("The bridge may reopen soon.", WED) == []
    assert find_dates("In all, 1,050 people and 2021 sheep crossed.", WED) == []


def test_without_article_date() -> None:
    assert one("the mayor spoke on Monday", None).date.precision is Precision.UNKNOWN
    assert one("on March 4, 2021", None).date.earliest == date(2021, 3, 4)
    assert one("by March 20", None).date.precision is Precision.UNKNOWN
    assert find_dates("by March 20", None, year_hint=2019)[0].date.earliest == date(2019, 3, 20)
