"""Language identification (py3langid restricted to the conflict's languages) and its use."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from karabakh_map.ingest import detect_language, parse_article, parse_file
from karabakh_map.ingest.dates import find_dates
from karabakh_map.ingest.lang import FALLBACK, date_languages
from karabakh_map.ingest.lang.words import ALL_WORDS
from karabakh_map.ingest.places import find_places
from karabakh_map.model import Precision
from tests.support.ingest_support import tiny_gazetteer


@pytest.mark.parametrize(("text", "lang"), [
    ("Армия вошла в город вчера вечером, сообщило министерство обороны.", "ru"),
    ("Армія увійшла до міста вчора ввечері, повідомило міністерство оборони.", "uk"),
    ("Ordu dünən axşam şəhərə daxil olub, Müdafiə Nazirliyi məlumat verib.", "az"),
    ("Ordu dün akşam şehre girdi, Savunma Bakanlığı açıklama yaptı.", "tr"),
    ("Բանակը երեկ երեկոյան մտել է քաղաք, հայտնում է պաշտպանության նախարարությունը։", "hy"),
    ("L'armée est entrée dans la ville hier soir, a annoncé le ministère de la Défense.", "fr"),
    ("Die Armee ist gestern Abend in die Stadt eingerückt, teilte das Ministerium mit.", "de"),
    ("The army entered the town last night, the defence ministry said.", "en"),
])
def test_each_language(text: str, lang: str) -> None:
    assert detect_language(text) == lang


def test_too_little_text_falls_back_to_the_script() -> None:
    assert detect_language("123 !!") == FALLBACK
    assert detect_language("Шуша") in ("ru", "uk")
    assert detect_language("Շուշի") == "hy"


def test_date_languages() -> None:
    assert date_languages("az") == ("az", "en")
    assert date_languages("EN") == ("en",)
    assert date_languages("uk") == ("uk", "en")
    assert date_languages("es") == ("en",)
    assert len(date_languages(None)) == 8


GAZ = tiny_gazetteer()


@pytest.mark.parametrize(("text", "lang"), [
    ("Новости\n\n25 ноября 2020\n\nВ пятницу армия вошла в Агдам, сообщило министерство.",
     "ru"),
    ("Xəbərlər\n\n25 noyabr 2020\n\nCümə günü ordu Ağdama daxil olub, nazirlik bildirib.",
     "az"),
    ("Haberler\n\n25 Kasım 2020\n\nOrdu Cuma günü Ağdam'a girdi, bakanlık açıkladı.", "tr"),
])
def test_articles_in_other_languages_find_places_and_dates(text: str, lang: str) -> None:
    art = parse_article(text, gazetteer=GAZ)
    assert (art.language, art.published) == (lang, date(2020, 11, 25))
    assert "no known place found" not in art.warnings
    assert [p.place_id for p in find_places(art.text, GAZ, lang=lang)] == ["aghdam"]
    days = [d.date.earliest for d in find_dates(art.text, art.published, lang=lang)]
    assert date(2020, 11, 20) in days  # the Friday before the article


def test_lang_override_wins() -> None:
    art = parse_article("The army entered the town last night, the ministry said.",
                        gazetteer=GAZ, lang="FR")
    assert art.language == "fr"


def test_html_page_with_json_ld_date_only(tmp_path: Path) -> None:
    from test_ingest_chrome import NEWS_PAGE

    p = tmp_path / "page.html"
    p.write_text(NEWS_PAGE, encoding="utf-8")
    art = parse_file(p, gazetteer=GAZ)
    assert art.published == date(2020, 11, 20) and art.published_how == "detected"
    assert "reader42" not in art.text and "Read more" not in art.text
    assert art.source == "Example Wire"


_THURSDAY = date(2023, 9, 28)


@pytest.mark.parametrize(("text", "lang", "day"), [
    *[(w, lang, _THURSDAY) for w, lang in (
        ("today", "en"), ("сегодня", "ru"), ("aujourd'hui", "fr"), ("heute", "de"),
        ("bugün", "tr"), ("bu gün", "az"), ("այսօր", "hy"))],
    *[(w, lang, date(2023, 9, 27)) for w, lang in (
        ("yesterday", "en"), ("вчера", "ru"), ("hier", "fr"), ("gestern", "de"),
        ("dün", "tr"), ("dünən", "az"), ("երեկ", "hy"))],
    *[(w, lang, date(2023, 9, 22)) for w, lang in (
        ("on Friday", "en"), ("в пятницу", "ru"), ("vendredi", "fr"), ("am Freitag", "de"),
        ("cuma günü", "tr"), ("cümə günü", "az"), ("ուրբաթ օրը", "hy"))],
    ("1993-cü ilin 23 iyulunda", "az", date(1993, 7, 23)),
    ("23 iyul 1993-cü il", "az", date(1993, 7, 23)),
    ("1993 թվականի հուլիսի 23-ին", "hy", date(1993, 7, 23)),
    ("23 Temmuz 1993'te", "tr", date(1993, 7, 23)),
])
def test_relative_and_day_month_dates(text: str, lang: str, day: date) -> None:
    (d,) = find_dates(text, _THURSDAY, lang=lang)
    assert d.date.earliest == d.date.latest == day


@pytest.mark.parametrize(("text", "lang"), [
    ("last night", "en"), ("прошлой ночью", "ru"), ("la nuit dernière", "fr"),
    ("dün gece", "tr"), ("dünən gecə", "az"), ("երեկ գիշեր", "hy"),
])
def test_last_night_spans_the_night(text: str, lang: str) -> None:
    (d,) = find_dates(text, _THURSDAY, lang=lang)
    assert (d.date.earliest, d.date.latest) == (date(2023, 9, 27), _THURSDAY)


def test_the_night_of_one_day_to_the_next() -> None:
    for text, lang in (("the night of 19 to 20 September", "en"),
                       ("в ночь с 19 на 20 сентября", "ru"),
                       ("dans la nuit du 19 au 20 septembre", "fr"),
                       ("in der Nacht vom 19. auf den 20. September", "de")):
        ranges = [d for d in find_dates(text, _THURSDAY, lang=lang) if d.date.earliest
                  and d.date.earliest.day == 19]
        assert [(d.date.earliest, d.date.latest) for d in ranges] == [
            (date(2023, 9, 19), date(2023, 9, 20))], text


@given(st.dates(date(1990, 1, 1), date(2030, 12, 31)), st.sampled_from(["року", "р."]))
def test_ukrainian_written_dates_read_back(d: date, tail: str) -> None:
    month = ALL_WORDS["uk"].months[d.month][1]  # genitive: "20 листопада"
    found = find_dates(f"Повідомлено {d.day} {month} {d.year} {tail}", None, lang="uk")
    assert [(x.date.precision, x.date.earliest) for x in found] == [(Precision.DAY, d)]


@pytest.mark.parametrize(("text", "day"), [
    ("Вчора війська увійшли.", date(2023, 9, 27)),
    ("Позавчора війська увійшли.", date(2023, 9, 26)),
    ("У вівторок війська увійшли.", date(2023, 9, 26)),
    ("Минулої п'ятниці війська увійшли.", date(2023, 9, 22)),
])
def test_ukrainian_relative_days(text: str, day: date) -> None:
    found = find_dates(text, date(2023, 9, 28), lang="uk")
    assert [x.date.earliest for x in found] == [day]


def test_ukrainian_deadline_is_by() -> None:
    (d,) = find_dates("Передати до 25 листопада 2020 року.", None, lang="uk")
    assert d.qualifier == "by" and d.date.earliest == date(2020, 11, 25)
