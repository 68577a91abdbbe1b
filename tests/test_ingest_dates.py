"""Dates in text: absolute, relative, ranges, years, and resolution against the article date."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from karabakh_map.ingest.dates import find_dates
from karabakh_map.ingest.lang.words import WORDS
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


# --- the conflict's languages -----------------------------------------------------------------

FRI = date(2020, 11, 20)  # the Friday Aghdam was handed over
ARTICLE = date(2020, 11, 25)  # a Wednesday


@pytest.mark.parametrize(("lang", "text", "day"), [
    ("ru", "войска вошли 20 ноября 2020 года", FRI), ("ru", "это случилось в пятницу", FRI),
    ("ru", "вчера армия вошла", date(2020, 11, 24)), ("ru", "в прошлую пятницу", FRI),
    ("uk", "20 листопада 2020 року", FRI), ("uk", "вчора", date(2020, 11, 24)),
    ("fr", "le 20 novembre 2020", FRI), ("fr", "vendredi dernier", FRI),
    ("fr", "a annoncé vendredi que", FRI), ("fr", "hier", date(2020, 11, 24)),
    ("fr", "le 1er décembre", date(2020, 12, 1)),
    ("de", "am 20. November 2020", FRI), ("de", "am Freitag", FRI),
    ("de", "gestern", date(2020, 11, 24)), ("de", "am Freitagabend", FRI),
    ("tr", "20 Kasım 2020", FRI), ("tr", "20 Kasım'da", FRI), ("tr", "Cuma günü", FRI),
    ("tr", "dün", date(2020, 11, 24)),
    ("az", "20 noyabr 2020-ci il", FRI), ("az", "2020-ci il noyabrın 20-də", FRI),
    ("az", "cümə günü", FRI), ("az", "dünən", date(2020, 11, 24)), ("az", "bu gün", ARTICLE),
    ("hy", "2020 թ. նոյեմբերի 20-ին", FRI), ("hy", "նոյեմբերի 20-ին", FRI),
    ("hy", "ուրբաթ օրը", FRI), ("hy", "երեկ", date(2020, 11, 24)), ("hy", "այսօր", ARTICLE),
    (None, "20.11.2020", FRI), (None, "20/11/2020", FRI), (None, "11/20/2020", FRI),
])
def test_days_in_every_language(lang: str | None, text: str, day: date) -> None:
    found = find_dates(text, ARTICLE, lang=lang)
    assert len(found) == 1, found
    assert (found[0].date.precision, found[0].date.earliest) == (Precision.DAY, day), text


@pytest.mark.parametrize(("lang", "text", "precision", "first", "qualifier"), [
    ("ru", "в ноябре", Precision.MONTH, date(2020, 11, 1), "in"),
    ("tr", "Kasım'da", Precision.MONTH, date(2020, 11, 1), "in"),
    ("az", "noyabrda", Precision.MONTH, date(2020, 11, 1), "in"),
    ("hy", "նոյեմբերին", Precision.MONTH, date(2020, 11, 1), "in"),
    ("fr", "fin novembre", Precision.RANGE, date(2020, 11, 21), None),
    ("de", "Ende November", Precision.RANGE, date(2020, 11, 21), None),
    ("az", "noyabrın sonunda", Precision.RANGE, date(2020, 11, 21), None),
    ("ru", "в 1993 году", Precision.YEAR, date(1993, 1, 1), "in"),
    ("tr", "1993'te", Precision.YEAR, date(1993, 1, 1), "in"),
    ("az", "1993-cü ildə", Precision.YEAR, date(1993, 1, 1), "in"),
    ("ru", "до 1 декабря", Precision.DAY, date(2020, 12, 1), "by"),
    ("fr", "jusqu'au 1er décembre", Precision.DAY, date(2020, 12, 1), "by"),
    ("de", "bis zum 1. Dezember", Precision.DAY, date(2020, 12, 1), "by"),
    ("tr", "1 Aralık'a kadar", Precision.DAY, date(2020, 12, 1), "by"),
    ("az", "1 dekabra qədər", Precision.DAY, date(2020, 12, 1), "by"),
    ("fr", "dans la nuit du 24 au 25 novembre", Precision.RANGE, date(2020, 11, 24), "from"),
])
def test_months_years_ranges_and_qualifiers(lang: str, text: str, precision: Precision,
                                            first: date, qualifier: str | None) -> None:
    found = find_dates(text, ARTICLE, lang=lang)
    assert len(found) == 1, found
    d = found[0]
    assert (d.date.precision, d.date.earliest, d.qualifier) == (precision, first, qualifier)


def test_relative_words_stay_unknown_without_article_date() -> None:
    for lang, text in (("ru", "в пятницу"), ("fr", "hier"), ("de", "am Freitag"),
                       ("tr", "dün"), ("az", "bu gün"), ("hy", "երեկ")):
        assert [d.date.precision for d in find_dates(text, None, lang=lang)] == [
            Precision.UNKNOWN], text


def test_other_languages_words_are_not_read() -> None:
    assert find_dates("Cuma günü", ARTICLE, lang="en") == []
    assert find_dates("Mart bir marka", ARTICLE, lang="fr") == []
    assert find_dates("it may be 2 may be", ARTICLE, lang="en") == []


def test_lowercase_may_is_a_month_in_azerbaijani() -> None:
    assert find_dates("20 may 2020", None, lang="az")[0].date.earliest == date(2020, 5, 20)


# --- round trips (hypothesis) -------------------------------------------------------------------

def _written(lang: str, d: date, form: int) -> str:
    """`d` written as a journalist of `lang` would (one of a few forms)."""
    months = WORDS[lang].months[d.month]
    word = months[0]
    if lang == "en":
        return [f"{word.title()} {d.day}, {d.year}", f"{d.day} {word.title()} {d.year}"][form % 2]
    if lang == "ru":
        return f"{d.day} {months[1]} {d.year} года"
    if lang == "fr":
        return f"le {'1er' if d.day == 1 else d.day} {word} {d.year}"
    if lang == "de":
        return f"am {d.day}. {word.title()} {d.year}"
    if lang == "tr":
        return [f"{d.day} {word.title()} {d.year}", f"{d.day} {word.title()} {d.year}'de"][form % 2]
    if lang == "az":
        return [f"{d.day} {word} {d.year}-ci il", f"{d.year}-ci il {word}ın {d.day}-də"][form % 2]
    return [f"{d.year} թ. {word}ի {d.day}-ին", f"{d.day} {word}ի {d.year}"][form % 2]


@given(st.sampled_from(sorted(WORDS)), st.dates(date(1990, 1, 1), date(2030, 12, 31)),
       st.integers(0, 1), st.sampled_from([None, date(2021, 3, 10)]))
def test_written_dates_read_back(lang: str, d: date, form: int, ref: date | None) -> None:
    text = f"Reported: {_written(lang, d, form)}."
    found = find_dates(text, ref, lang=lang)
    assert [(x.date.precision, x.date.earliest) for x in found] == [(Precision.DAY, d)], text


@given(st.dates(date(1990, 1, 1), date(2030, 12, 31)), st.sampled_from([".", "/"]))
def test_numeric_day_first_reads_back(d: date, sep: str) -> None:
    text = f"on {d.day:02}{sep}{d.month:02}{sep}{d.year}"
    assert [x.date.earliest for x in find_dates(text, None)] == [d]


@given(st.sampled_from(sorted(WORDS)), st.integers(0, 6),
       st.dates(date(2000, 1, 1), date(2030, 12, 31)))
def test_weekdays_resolve_to_the_last_such_day(lang: str, wd: int, ref: date) -> None:
    words = WORDS[lang]
    name = words.weekdays[wd][0]
    before = next((k for k, v in words.weekday_before.items() if v == "on"), None)
    after = next((k for k, v in words.weekday_after.items() if v == "on"), None)
    text = f"{before} {name}" if before else f"{name} {after}" if after else name
    found = find_dates(text, ref, lang=lang)
    assert len(found) == 1, text
    got = found[0].date.earliest
    assert got is not None and got.weekday() == wd and timedelta(0) <= ref - got < timedelta(7)
    assert find_dates(text, None, lang=lang)[0].date.precision is Precision.UNKNOWN


@given(st.text(max_size=60), st.sampled_from([None, *sorted(WORDS)]))
def test_any_text_gives_real_dates_or_unknown(text: str, lang: str | None) -> None:
    for d in find_dates(text, date(2021, 3, 10), lang=lang):
        assert text[d.start:d.end] == d.text
        if d.date.precision is not Precision.UNKNOWN:
            assert d.date.earliest is not None and d.date.latest is not None
            assert d.date.earliest <= d.date.latest


@pytest.mark.parametrize("text", ["by 31 December 9999", "December 31, 9999.",
                                  "on 1 May 1066", "by 31 December 12020 at the latest"])
def test_day_and_month_before_an_unread_year_is_no_date(text: str) -> None:
    """The year is outside what the patterns read: the date is left out, not put in the
    year nearest the article (it was 2020-12-31)."""
    assert find_dates(text, date(2020, 11, 20)) == []


def test_a_count_after_a_comma_is_not_a_year() -> None:
    (found,) = find_dates("On 10 November, 2500 troops arrived.", date(2020, 11, 20))
    assert found.date.earliest == date(2020, 11, 10)
