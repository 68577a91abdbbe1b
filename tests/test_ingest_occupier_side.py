"""A side named as an occupation's occupier lost the place: its foe took it."""

from __future__ import annotations

import pytest

from tests.support.cue_support import events

CASES = [
    ("Azerbaycan ordusu 4 Ekim 2020'de Cebrayil şehrini Ermenistan işgalinden kurtardı.", "tr"),
    ("4 Ekim 2020'de Cebrayıl Ermeni işgalinden kurtarıldı.", "tr"),
    ("On 4 October 2020 Jabrayil was liberated from Armenian occupation.", "en"),
    ("Le 4 octobre 2020, Choucha a été libérée de l'occupation arménienne.", "fr"),
    ("4 октября 2020 года Джебраил освобожден от армянской оккупации.", "ru"),
    ("4 oktyabr 2020-ci ildə Cəbrayıl erməni işğalından azad edildi.", "az"),
]


@pytest.mark.parametrize(("text", "lang"), CASES)
def test_the_occupier_lost_the_place(text: str, lang: str) -> None:
    got = [e for e in events(text, lang) if e.type.value == "military_capture"]
    assert got and all(e.controller.value == "Azerbaijan" for e in got)
