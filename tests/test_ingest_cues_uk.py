"""Ukrainian cues: each event kind, stance and precision, in short sentences of our own."""

from __future__ import annotations

import pytest

from tests.support.cue_support import changes, found, kinds

CASES = [
    ("20 листопада 2020 року Агдам було передано Азербайджану.", "transfer_of_territory",
     "aghdam"),
    ("Азербайджанська армія увійшла до Лачина 1 грудня 2020 року.",
     "transfer_of_territory", "lachin"),
    ("9 жовтня 2020 року азербайджанські війська звільнили Гадрут.", "military_capture",
     "hadrut"),
    ("Азербайджан захопив Шушу 8 листопада 2020 року.", "military_capture", "shusha"),
    ("Вчора війська взяли під контроль місто Фізулі.", "transfer_of_territory", "fuzuli"),
    ("Вірменія має передати Кельбаджар до 15 листопада 2020 року.", "scheduled_handover",
     "kalbajar"),
    ("Передачу Кельбаджара відклали на десять днів.", "postponement", "kalbajar"),
    ("19 вересня 2023 року Баку розпочав наступ у Нагірному Карабасі.", "offensive",
     "nagorno-karabakh"),
    ("Баку оголосив про антитерористичні заходи в Нагірному Карабаху 19 вересня 2023 року.",
     "offensive", "nagorno-karabakh"),
    ("12 грудня 2022 року активісти заблокували Лачинський коридор.", "blockade",
     "lachin-corridor"),
    ("23 квітня 2023 року біля Лачина з'явився пункт пропуску.", "checkpoint",
     "lachin-corridor"),
    ("Указ про ліквідацію установ Нагірного Карабаху підписано 28 вересня 2023 року.",
     "dissolution", "nagorno-karabakh"),
]


@pytest.mark.parametrize(("text", "kind", "place"), CASES)
def test_each_kind(text: str, kind: str, place: str) -> None:
    assert any(k == kind and p == place for k, p, _ in kinds(text, "uk"))


@pytest.mark.parametrize(("text", "place"), [
    ("Фізулі, Джебраїл і Зангілан звільнили 2020 року.", "zangilan"),
    ("Губадли звільнили 25 жовтня 2020 року.", "qubadli"),
    ("Талиш звільнили 2020 року.", "talish"),
])
def test_ukrainian_spellings(text: str, place: str) -> None:
    assert any(p == place for _, p, _ in kinds(text, "uk"))


def test_a_ceasefire_and_a_deadline_by_a_day() -> None:
    assert ("ceasefire", None, "2023-09-20", "reports") in found(
        "Перемир'я набуло чинності 20 вересня 2023 року.", "uk")
    got = found("Лачин має бути переданий до 1 грудня 2020 року.", "uk")
    assert ("scheduled_handover", "lachin", "2020-12-01", "reports") in got


def test_relative_day_and_denial() -> None:
    assert ("transfer_of_territory", "fuzuli", "2023-09-27", "reports") in found(
        "Вчора війська взяли під контроль місто Фізулі.", "uk")
    assert ("military_capture", "shusha", "denies") in kinds(
        "Єреван спростував, що Шушу захоплено 8 листопада 2020 року.", "uk")


@pytest.mark.parametrize("text", [
    "Сім сіл Мартакертського району зайняли 3 жовтня 2020 року.",
    "У вівторок у Шуші відзначили річницю звільнення міста.",
    "На звільнених територіях Агдама 1 жовтня 2022 року на міні підірвався водій.",
    "Наступного тижня делегація відвідає Лачин.",
])
def test_no_change_of_control(text: str) -> None:
    assert changes(text, "uk") == []


@pytest.mark.parametrize(("text", "event"), [
    ("20 листопада 2020 року азербайджанська армія зайняла Агдамський район.",
     ("transfer_of_territory", "AZ-AGM", "reports")),
    ("1 грудня 2020 року Лачинський район залишили вірменські військові.",
     ("transfer_of_territory", "AZ-LAC", "reports")),
    ("20 листопада 2020 року під контроль Азербайджану перейшов Агдамський район.",
     ("transfer_of_territory", "AZ-AGM", "reports")),
    ("Війна, яка тривала з 27 вересня 2020 року, завершилася в Нагірному Карабаху.",
     ("armed_clash", "nagorno-karabakh", "reports")),
    ("19 вересня 2023 року Баку почав напад на Нагірний Карабах.",
     ("offensive", "nagorno-karabakh", "reports")),
    ("Міноборони назвало неправдою повідомлення, що Гадрут було взято 9 жовтня 2020 року.",
     ("military_capture", "hadrut", "denies")),
    ("20 вересня 2023 року вірменські сили погодилися скласти зброю.",
     ("ceasefire", None, "reports")),
    # "liberated the village of X" names one place ("liberated territories" does not)
    ("3 жовтня 2020 року азербайджанська армія звільнила село Талиш.",
     ("military_capture", "talish", "reports")),
])
def test_round4_constructions(text: str, event: tuple[str, str | None, str]) -> None:
    assert event in kinds(text, "uk")


def test_round4_weekday_with_the_modifier_apostrophe() -> None:
    # "пʼятницю" written with U+02BC, as Ukrainian keyboards type it
    assert ("transfer_of_territory", "lachin", "2023-09-22", "reports") in found(
        "У пʼятницю армія увійшла в Лачин.", "uk")
    # "грудня" (December) ends with the letters of "дня" (day): not a recalled change
    assert ("transfer_of_territory", "AZ-LAC", "2020-12-01", "reports") in found(
        "Підрозділи армії 1 грудня 2020 року увійшли в Лачинський район.", "uk")


@pytest.mark.parametrize(("text", "event"), [
    ("Влада Карабаху 9 листопада 2020 року визнала втрату Шуші.",
     ("military_capture", "shusha", "confirms")),
    ("Вірменські війська залишили Кельбаджарський район 25 листопада 2020 року.",
     ("transfer_of_territory", "AZ-KAL", "reports")),
    ("20-го листопада 2020 року армія увійшла в Агдамський район.",
     ("transfer_of_territory", "AZ-AGM", "reports")),
])
def test_round4_more_constructions(text: str, event: tuple[str, str | None, str]) -> None:
    assert event in kinds(text, "uk")


@pytest.mark.parametrize("text", [
    "Російські війська залишили Лачин 12 червня 2023 року.",
    "З моменту звільнення Шуші минуло три роки, сказав 8 листопада 2023 року президент.",
])
def test_round4_no_change_of_control(text: str) -> None:
    assert changes(text, "uk") == []
