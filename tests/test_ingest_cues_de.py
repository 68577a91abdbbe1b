"""German cues: each event kind, stance and precision, in short sentences of our own."""

from __future__ import annotations

import pytest

from tests.support.cue_support import changes, kinds

CASES = [
    ("Am 20. November 2020 wurde Aghdam an Aserbaidschan übergeben.",
     "transfer_of_territory", "aghdam"),
    ("Am 20. November 2020 ging der Bezirk Aghdam an Aserbaidschan über.",
     "transfer_of_territory", "AZ-AGM"),
    ("Baku meldete am 9. Oktober 2020, Hadrut sei erobert.", "military_capture", "hadrut"),
    ("Lachin soll bis zum 1. Dezember 2020 übergeben werden.", "scheduled_handover", "lachin"),
    ("Die Übergabe von Lachin wurde um zehn Tage verschoben.", "postponement", "lachin"),
    ("Am 19. September 2023 begann die Militäroffensive in Bergkarabach gegen Khankendi.",
     "offensive", "nagorno-karabakh"),  # the region, now a place in German
    ("Seit dem 12. Dezember 2022 ist die Straße bei Lachin blockiert.", "blockade",
     "lachin-corridor"),
    ("Am 23. April 2023 entstand ein Kontrollpunkt bei Lachin.", "checkpoint",
     "lachin-corridor"),
    ("Am 30. August 2022 rollte der Verkehr über eine neue Straße an Lachin vorbei.",
     "corridor_reroute", "lachin-corridor"),
    ("Am 28. September 2023 ordnete ein Dekret die Auflösung der Behörden in Khankendi an.",
     "dissolution", "khankendi"),
]


@pytest.mark.parametrize(("text", "kind", "place"), CASES)
def test_each_kind(text: str, kind: str, place: str) -> None:
    assert any(k == kind and p == place for k, p, _ in kinds(text, "de"))


def test_a_denial() -> None:
    got = kinds("Eriwan dementierte am 8. November 2020, dass Schuscha gefallen sei, "
                "und nannte Shusha umkämpft.", "de")
    assert ("military_capture", "shusha", "denies") in got


def test_a_ceasefire() -> None:
    assert ("ceasefire", None, "reports") in kinds(
        "Am 20. September 2023 einigten sich beide Seiten auf eine Feuerpause.", "de")


@pytest.mark.parametrize("text", [
    "Die Dörfer rund um Aghdam wurden am 20. Oktober 2020 erobert.",
    "Der Latschin-Korridor bei Lachin ist seit Tagen besetzt.",
    "Am Dienstag feierte Shusha den Jahrestag seiner Befreiung.",
])
def test_no_change_of_control(text: str) -> None:
    assert changes(text, "de") == []


@pytest.mark.parametrize(("text", "event"), [
    ("Am 9. Oktober 2020 brachte Aserbaidschan Hadrut unter Kontrolle.",
     ("transfer_of_territory", "hadrut", "reports")),
    ("Aserbaidschan hat Fisuli am 17. Oktober 2020 erobert.",
     ("military_capture", "fuzuli", "reports")),
    ("Armenien muss Kalbadschar bis zum 15. November 2020 übergeben.",
     ("scheduled_handover", "kalbajar", "reports")),
    ("Am 19. September 2023 begann Aserbaidschan eine Offensive in Bergkarabach.",
     ("offensive", "nagorno-karabakh", "reports")),
])
def test_round3_constructions(text: str, event: tuple[str, str | None, str]) -> None:
    assert event in kinds(text, "de")


def test_a_recalled_capture_is_background() -> None:
    text = "Zum Jahrestag der Eroberung von Schuscha sprach Alijew am 8. November 2021."
    assert changes(text, "de") == []
