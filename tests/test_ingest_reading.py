"""Reading article files: formats, encodings and bad input."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from karabakh_map.ingest import BadInput, read_article_file
from karabakh_map.ingest.reading import decode_bytes


def write(tmp_path: Path, name: str, data: bytes | str) -> Path:
    p = tmp_path / name
    if isinstance(data, str):
        p.write_text(data, encoding="utf-8")
    else:
        p.write_bytes(data)
    return p


def test_plain_text_and_markdown(tmp_path: Path) -> None:
    raw = read_article_file(write(tmp_path, "a.txt", "Troops reached Goris.\n"))
    assert raw.text.startswith("Troops reached Goris")
    assert raw.encoding == "utf-8"
    assert read_article_file(write(tmp_path, "b.md", "# Head\n\nBody here.")).text.endswith(
        "Body here.")


def test_legacy_encodings_are_detected(tmp_path: Path) -> None:
    text = "Город Шуша перешёл под контроль армии. " * 20
    raw = read_article_file(write(tmp_path, "ru.txt", text.encode("cp1251")))
    assert "Шуша" in raw.text
    fr = "Les habitants ont quitté la région montagneuse avant l'échéance prévue. " * 10
    assert "quitté" in read_article_file(write(tmp_path, "fr.txt", fr.encode("latin-1"))).text


@pytest.mark.parametrize(("data", "reason"), [
    (b"", "empty"),
    (b"   \n\t ", "empty"),
    (b"%PDF-1.7\n%binary", "PDF"),
    (b"\x89PNG\r\n\x1a\nxxxx", "PNG"),
    (b"text\x00with\x00nuls" * 10, "binary"),
    (b"12345 67890 !!! ???", "no text"),
])
def test_bad_bytes(tmp_path: Path, data: bytes, reason: str) -> None:
    with pytest.raises(BadInput, match=reason):
        read_article_file(write(tmp_path, "bad.txt", data))


def test_undecodable_bytes_are_refused() -> None:
    noise = bytes(range(128, 256)) * 4 + bytes([1, 2, 3, 4, 5, 6, 7, 8]) * 40
    with pytest.raises(BadInput, match="undecodable"):
        decode_bytes(noise)


def test_size_limit(tmp_path: Path) -> None:
    p = write(tmp_path, "big.txt", "word " * 1000)
    with pytest.raises(BadInput, match="over the limit of 100 bytes"):
        read_article_file(p, max_bytes=100)


def test_unsupported_extension_and_missing_file(tmp_path: Path) -> None:
    with pytest.raises(BadInput, match=r"unsupported file type \.pdf"):
        read_article_file(write(tmp_path, "a.pdf", "text"))
    with pytest.raises(BadInput, match="not a file"):
        read_article_file(tmp_path / "nope.txt")


def test_json_with_text_and_metadata(tmp_path: Path) -> None:
    obj = {"text": "A convoy reached Goris.", "title": "Convoy", "url": "https://ex.org/a",
           "published": "2020-11-30T10:00:00Z", "source": "Example Wire", "lang": "en"}
    raw = read_article_file(write(tmp_path, "a.json", json.dumps(obj)))
    assert raw.text == "A convoy reached Goris."
    assert (raw.title, raw.url, raw.published, raw.source, raw.lang) == (
        "Convoy", "https://ex.org/a", date(2020, 11, 30), "Example Wire", "en")


@pytest.mark.parametrize(("obj", "reason"), [
    ({"title": "no body"}, "no text field"),
    ({"text": ["a", "list"]}, "'text' must be a string, not list"),
    ({"text": None}, "is null"),
    ({"text": "ok words here", "title": 5}, "'title' must be a string, not int"),
    ({"text": "ok words here", "published": "last Tuesday"}, "not YYYY-MM-DD"),
    (["not", "an", "object"], "must be an object"),
])
def test_json_bad_shapes(tmp_path: Path, obj: object, reason: str) -> None:
    with pytest.raises(BadInput, match=reason):
        read_article_file(write(tmp_path, "bad.json", json.dumps(obj)))


def test_invalid_json(tmp_path: Path) -> None:
    with pytest.raises(BadInput, match="invalid JSON"):
        read_article_file(write(tmp_path, "bad.json", '{"text": "unterminated'))


def test_html_scripts_dropped_and_meta_read(tmp_path: Path) -> None:
    html = """<!doctype html><html lang="fr"><head><title>Page title</title>
    <meta property="article:published_time" content="2020-11-21T08:00:00+00:00">
    <script>var secret = "do not keep";</script><style>p {color: red}</style></head>
    <body><nav>Home | World</nav><article><h1>Main heading</h1>
    <p>First paragraph of the story.</p><script>track()</script><p>Second one.</p>
    </article><footer>Copyright footer</footer></body></html>"""
    raw = read_article_file(write(tmp_path, "page.html", html))
    assert "do not keep" not in raw.text and "track()" not in raw.text
    assert "Home | World" not in raw.text and "Copyright footer" not in raw.text
    assert raw.text.split("\n\n") == ["Main heading", "First paragraph of the story.",
                                      "Second one."]
    assert raw.title == "Page title"
    assert raw.published == date(2020, 11, 21)
    assert raw.lang == "fr"


@pytest.mark.parametrize("encoding", ["cp1251", "koi8-r"])
def test_utf8_mark_before_other_encoding_is_read_without_garbling(encoding: str) -> None:
    text = ("Жители Физули вернулись в город 22 ноября 2020 года, сообщили местные власти. "
            "Дороги ещё не расчищены, а мосты восстанавливают. ") * 2
    decoded, used = decode_bytes(b"\xef\xbb\xbf" + text.encode(encoding))
    assert decoded == text, used
