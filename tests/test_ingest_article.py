"""parse_article and parse_file: metadata, overrides, warnings and bad input."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from karabakh_map.ingest import BadInput, ParsedArticle, detect_language, parse_article, parse_file
from karabakh_map.model import EventType, Precision
from tests.support.ingest_support import tiny_gazetteer

GAZ = tiny_gazetteer()
TEXT = ("Army units reach Kelbajar district\n\nBy Sam Doe March 10, 2021\n\n"
        "Army units entered Kelbajar on Monday. Agdam follows by March 20 as the plan says "
        "Agdam is to be handed over by March 20.\n\nREAD MORE: unrelated\n")


def parse(text: str = TEXT, **kw) -> ParsedArticle:
    return parse_article(text, gazetteer=GAZ, **kw)


def test_metadata_detected() -> None:
    art = parse()
    assert art.title == "Army units reach Kelbajar district"
    assert (art.published, art.published_how) == (date(2021, 3, 10), "detected")
    assert art.language == "en" and art.source is None and art.url is None
    assert "READ MORE" not in art.text
    assert art.warnings == []
    assert {(e.type, e.place_id) for e in art.events} == {
        (EventType.TRANSFER, "kalbajar"), (EventType.SCHEDULED, "aghdam")}


def test_overrides() -> None:
    art = parse(published=date(2021, 3, 12), source="https://www.wire.example/story/1",
                lang="FR")
    assert (art.published, art.published_how) == (date(2021, 3, 12), "given")
    assert (art.source, art.url, art.language) == ("wire.example", "https://www.wire.example/"
                                                   "story/1", "fr")
    transfer = next(e for e in art.events if e.type is EventType.TRANSFER)
    assert transfer.date.earliest == date(2021, 3, 8)  # the Monday before the given date
    assert parse(source="Wire Service").source == "Wire Service"


def test_missing_publication_date() -> None:
    art = parse("Troops entered Kelbajar on Monday.\n\nThe old deadline was March 4, 2021 for "
                "Agdam, which was due to be handed over by then.")
    assert (art.published, art.published_how) == (None, "missing")
    assert any("no publication date" in w for w in art.warnings)
    transfer = next(e for e in art.events if e.type is EventType.TRANSFER)
    assert transfer.date.precision is Precision.UNKNOWN


def test_absolute_dates_still_resolve_without_publication_date() -> None:
    art = parse("Troops entered Kelbajar on March 8, 2021 after a long wait.")
    assert art.published is None
    assert art.events[0].date.earliest == date(2021, 3, 8)


def test_source_line_and_language() -> None:
    art = parse("Titre\n\n10:00 4 mars 2021 Source: exemple.fr\n\nLes habitants de la ville "
                "ont quitté les maisons et la région pour la plaine, dans le froid.")
    assert art.source == "exemple.fr" and art.language == "fr"
    assert art.published == date(2021, 3, 4)
    assert detect_language("Город и район были переданы.") == "ru"


def test_html_text_is_converted() -> None:
    art = parse("<html><head><title>T</title></head><body><p>Troops entered Kelbajar on "
                "Monday.</p><script>x()</script></body></html>", published=date(2021, 3, 10))
    assert "x()" not in art.text and art.title == "T"
    assert art.events and art.events[0].place_id == "kalbajar"


@pytest.mark.parametrize("text", ["", "   \n ", "Loading...\n\nREAD MORE: x", "123 456 !!"])
def test_nothing_recognisable(text: str) -> None:
    with pytest.raises(BadInput, match="nothing recognisable"):
        parse(text, filename="x.txt")


def test_warnings_for_no_place_and_no_event() -> None:
    art = parse("A quiet day at the market with nothing to report.", published=date(2021, 3, 1))
    assert "no known place found" in art.warnings and "no event recognised" in art.warnings


def test_parse_file_uses_file_metadata_and_overrides(tmp_path: Path) -> None:
    p = tmp_path / "a.json"
    p.write_text(json.dumps({"text": "Troops entered Kelbajar on Monday.", "title": "Kel",
                             "published": "2021-03-10", "url": "https://w.example/a"}))
    art = parse_file(p, gazetteer=GAZ)
    assert (art.title, art.published, art.published_how, art.url) == (
        "Kel", date(2021, 3, 10), "detected", "https://w.example/a")
    assert art.source == "w.example"
    assert art.events[0].date.earliest == date(2021, 3, 8)
    art = parse_file(p, gazetteer=GAZ, published=date(2021, 3, 17), source="Desk")
    assert (art.published_how, art.source) == ("given", "Desk")
