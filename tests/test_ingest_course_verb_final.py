"""The war's course in verb-final languages: the verb closes the clause, words after the date."""

from __future__ import annotations

import pytest

from tests.support.cue_support import found


@pytest.mark.parametrize(("text", "lang", "day"), [
    ("19 Eylül 2023'te Dağlık Karabağ'da çatışmalar başladı.", "tr", "2023-09-19"),
    ("27 sentyabr 2020-ci ildə Dağlıq Qarabağda döyüşlər başladı.", "az", "2020-09-27"),
])
def test_a_clash_dated_words_before_its_verb(text: str, lang: str, day: str) -> None:
    assert ("armed_clash", "nagorno-karabakh", day, "reports") in found(text, lang)


@pytest.mark.parametrize(("text", "lang"), [
    ("20 Kasım 2020'de Ağdam bölgesi Azerbaycan'a teslim edildi ve ordu girmeye başladı.",
     "tr"),
    ("20 noyabr 2020-ci ildə Ağdam rayonu Azərbaycana təhvil verildi, bərpa işləri başladı.",
     "az"),
])
def test_a_handover_keeps_its_date(text: str, lang: str) -> None:
    assert ("transfer_of_territory", "AZ-AGM", "2020-11-20", "reports") in found(text, lang)
