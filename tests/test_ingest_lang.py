"""Language identification (py3langid restricted to the conflict's languages) and its use."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from ingest_support import tiny_gazetteer

from karabakh_map.ingest import detect_language, parse_article, parse_file
from karabakh_map.ingest.dates import find_dates
from karabakh_map.ingest.lang import FALLBACK, date_languages
from karabakh_map.ingest.places import find_places


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
    assert date_languages("uk") == ("ru", "en")
    assert date_languages("es") == ("en",)
    assert len(date_languages(None)) == 7


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
