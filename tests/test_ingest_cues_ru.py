"""Russian cues: each event kind, stance and precision, in short sentences of our own."""

from __future__ import annotations

from datetime import date

import pytest

from karabakh_map.ingest.dates import find_dates
from tests.support.cue_support import changes, found, kinds

CASES = [
    ("20 ноября 2020 года Агдам был передан Азербайджану.", "transfer_of_territory", "aghdam"),
    ("Азербайджанская армия вошла в Лачин 1 декабря 2020 года.",
     "transfer_of_territory", "lachin"),
    ("9 октября 2020 года войска освободили Гадрут, заявил Баку.", "military_capture",
     "hadrut"),
    ("Передача Лачина должна быть завершена к 1 декабря 2020 года.", "scheduled_handover",
     "lachin"),
    ("Передачу Лачина отложили на десять дней.", "postponement", "lachin"),
    ("19 сентября 2023 года Баку начал наступление в Нагорном Карабахе.", "offensive",
     "nagorno-karabakh"),
    ("12 декабря 2022 года активисты перекрыли дорогу через Лачин.", "blockade",
     "lachin-corridor"),
    ("23 апреля 2023 года на дороге у Лачина появился КПП.", "checkpoint", "lachin-corridor"),
    ("30 августа 2022 года движение пошло по новой дороге в обход Лачина.",
     "corridor_reroute", "lachin-corridor"),
    ("28 сентября 2023 года указ объявил об упразднении органов Нагорного Карабаха.",
     "dissolution", "nagorno-karabakh"),
]


@pytest.mark.parametrize(("text", "kind", "place"), CASES)
def test_each_kind(text: str, kind: str, place: str) -> None:
    assert any(k == kind and p == place for k, p, _ in kinds(text, "ru"))


def test_a_denial_is_the_same_event_denied() -> None:
    got = kinds("Ереван опроверг, что Шуша была взята 8 ноября 2020 года.", "ru")
    assert ("military_capture", "shusha", "denies") in got


def test_a_ceasefire() -> None:
    got = kinds("Перемирие вступило в силу 20 сентября 2023 года.", "ru")
    assert ("ceasefire", None, "reports") in got


@pytest.mark.parametrize("text", [
    "Семь сел Мартакертского района были заняты 3 октября 2020 года.",
    "Во вторник в Шуше отметили годовщину освобождения города.",
    "На освобожденных территориях Агдама 1 октября 2022 года подорвался на мине водитель.",
])
def test_no_change_of_control(text: str) -> None:
    assert changes(text, "ru") == []


@pytest.mark.parametrize(("text", "event"), [
    ("20 сентября 2023 года стороны договорились о прекращении огня.",
     ("ceasefire", None, "reports")),
    ("9 октября 2020 года войска отвоевали Гадрут.", ("military_capture", "hadrut", "reports")),
])
def test_round3_constructions(text: str, event: tuple[str, str | None, str]) -> None:
    assert event in kinds(text, "ru")


def test_a_recalled_capture_is_background() -> None:
    assert changes("Годовщина освобождения Шуши отмечается 8 ноября 2021 года.", "ru") == []


@pytest.mark.parametrize(("text", "event"), [
    # participle of "take", a town named in the same breath as the army settling in
    ("Армия расположилась во взятом ею городе Лачин 26 августа 2022 года.",
     ("transfer_of_territory", "lachin", "reports")),
    # the side that leaves is the subject, after the verb
    ("20 ноября 2020 года Агдамский район покинули армянские подразделения.",
     ("transfer_of_territory", "AZ-AGM", "reports")),
    ("20 ноября 2020 года азербайджанская армия заняла Агдам.",
     ("transfer_of_territory", "aghdam", "reports")),
    ("Агдамский район перешел к Азербайджану 20 ноября 2020 года.",
     ("transfer_of_territory", "AZ-AGM", "reports")),
    ("20 ноября 2020 года под контроль Азербайджана перешел Агдамский район.",
     ("transfer_of_territory", "AZ-AGM", "reports")),
    ("Под контроль Азербайджана отойдет Лачин не позднее 1 декабря 2020 года.",
     ("scheduled_handover", "lachin", "reports")),
    ("19 сентября 2023 года войска попытались прорвать оборону в Нагорном Карабахе.",
     ("offensive", "nagorno-karabakh", "reports")),
    ("Ереван назвал неправдой сообщения о том, что Гадрут был захвачен 9 октября 2020 года.",
     ("military_capture", "hadrut", "denies")),
    ("20 сентября 2023 года карабахские формирования согласились сложить оружие.",
     ("ceasefire", None, "reports")),
    ("12 декабря 2022 года активисты на Лачинской дороге не создавали помех движению.",
     ("blockade", "lachin-corridor", "denies")),
    ("Азербайджанская армия вступила в Агдам 20 ноября 2020 года.",
     ("transfer_of_territory", "aghdam", "reports")),
])
def test_round4_constructions(text: str, event: tuple[str, str | None, str]) -> None:
    assert event in kinds(text, "ru")


def test_round4_relative_days_and_a_mine_field() -> None:
    assert ("transfer_of_territory", "lachin", "2023-09-27", "reports") in found(
        "Вчера армия вошла в Лачин.", "ru")
    assert changes("5 мая 2022 года на минном поле у Агдама подорвался трактор.", "ru") == []
    # "сегодня" ends with the letters of "дня" (day): not a recalled change
    assert ("transfer_of_territory", "lachin", "2023-09-28", "reports") in found(
        "Армия сегодня вошла в Лачин.", "ru")


@pytest.mark.parametrize(("text", "event"), [
    ("Власти Нагорного Карабаха 9 ноября 2020 года подтвердили потерю Шуши.",
     ("military_capture", "shusha", "confirms")),
    ("25 ноября 2020 года азербайджанские войска зашли в Кельбаджарский район.",
     ("transfer_of_territory", "AZ-KAL", "reports")),
    ("В Нагорном Карабахе 19 сентября 2023 года начались боевые действия.",
     ("armed_clash", "nagorno-karabakh", "reports")),
    ("Движение по Лачинскому коридору было остановлено 15 июня 2023 года.",
     ("blockade", "lachin-corridor", "reports")),
    ("25-го ноября 2020 года армия вошла в Кельбаджарский район.",
     ("transfer_of_territory", "AZ-KAL", "reports")),
])
def test_round4_more_constructions(text: str, event: tuple[str, str | None, str]) -> None:
    assert event in kinds(text, "ru")


@pytest.mark.parametrize("text", [
    "Российские войска покинули Лачин 12 июня 2023 года.",
    "Вывод российских войск из Лачина завершился 12 июня 2023 года.",
    "С момента освобождения Шуши прошло три года, сообщил 8 ноября 2023 года президент.",
])
def test_round4_no_change_of_control(text: str) -> None:
    assert changes(text, "ru") == []


@pytest.mark.parametrize(("text", "event"), [
    ("9 ноября 2020 года в Карабахе признали, что больше не контролируют город Шуша.",
     ("military_capture", "shusha", "confirms")),
    ("Армения попросила дополнительного времени для вывода войск из Кельбаджара.",
     ("postponement", "kalbajar", "reports")),
    ("Дата передачи Агдамского района остается прежней: 20 ноября 2020 года.",
     ("scheduled_handover", "aghdam", "reports")),
    ("30 августа 2022 года движение пошло в обход Лачина.",
     ("corridor_reroute", "lachin-corridor", "reports")),
])
def test_round4_lost_control_and_road_words(text: str, event: tuple[str, str | None, str]
                                            ) -> None:
    assert event in kinds(text, "ru")


def test_round4_the_side_that_leaves_is_a_change_of_control() -> None:
    # a handover or a capture, as the extractors read the war's course: a change either way
    got = changes("Армянские силы оставили Шушу 8 ноября 2020 года.", "ru")
    assert [(e.place_id, str(e.date.earliest)) for e in got] == [("shusha", "2020-11-08")]


def test_round4_a_loss_is_of_a_named_town() -> None:
    assert ("military_capture", "shusha", "confirms") in kinds(
        "9 ноября 2020 года в Карабахе признали потерю контроля над Шушой.", "ru")
    assert changes("Потеря бойцов в Шуше 8 ноября 2020 года была большой.", "ru") == []


@pytest.mark.parametrize(("text", "event"), [
    ("Кельбаджарский район должен был перейти под контроль Азербайджана до 15 ноября 2020 "
     "года.", ("scheduled_handover", "kalbajar", "reports")),
    ("25 ноября 2020 года Минобороны сообщило о вводе войск в Кельбаджарский район.",
     ("transfer_of_territory", "AZ-KAL", "reports")),
    ("26 августа 2022 года Баку разместил войска в Лачине.",
     ("transfer_of_territory", "lachin", "reports")),
])
def test_round4_entry_of_troops(text: str, event: tuple[str, str | None, str]) -> None:
    assert event in kinds(text, "ru")


def test_round4_the_peacekeepers_entry_is_no_handover() -> None:
    assert changes("Ввод российских миротворцев в Лачин начался 10 ноября 2020 года.", "ru") == []


@pytest.mark.parametrize(("text", "qualifier", "day"), [
    ("не позднее 1 декабря 2020 года", "by", date(2020, 12, 1)),
    ("25-го ноября 2020 года", None, date(2020, 11, 25)),
])
def test_round4_date_words(text: str, qualifier: str | None, day: date) -> None:
    (got,) = find_dates(text, date(2020, 11, 10), lang="ru")
    assert (got.qualifier, got.date.earliest) == (qualifier, day)


def test_round4_a_lie_is_a_denial() -> None:
    assert ("military_capture", "shusha", "denies") in kinds(
        "Сообщения о взятии Шуши 8 ноября 2020 года — ложь, заявил Ереван.", "ru")
