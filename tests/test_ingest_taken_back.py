"""A state taking a place back ('regained X', 'вернул себе X', 'geri aldı') is a capture; people
coming back stay people."""

from __future__ import annotations

import pytest

from tests.support.cue_support import found, kinds


@pytest.mark.parametrize(("text", "lang"), [
    ("9 ноября 2020 года Азербайджан вернул себе Шушу.", "ru"),
    ("8 листопада 2020 року Азербайджан повернув собі Шушу.", "uk"),
    ("On 8 November 2020 Azerbaijan regained Shusha.", "en"),
    ("Azerbaycan 8 Kasım 2020'de Şuşa'yı geri aldı.", "tr"),
    ("Azərbaycan 8 noyabr 2020-ci ildə Şuşanı geri aldı.", "az"),
])
def test_taken_back(text: str, lang: str) -> None:
    assert ("military_capture", "shusha", "reports") in kinds(text, lang)


@pytest.mark.parametrize(("text", "lang"), [
    ("8 ноября 2021 года жители вернулись в Шушу.", "ru"),
    ("Residents regained access to Shusha on 8 November 2021.", "en"),
])
def test_people_are_not_a_capture(text: str, lang: str) -> None:
    assert not any(t == "military_capture" for t, _, _, _ in found(text, lang))
