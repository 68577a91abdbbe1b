"""Read an article file into plain text: format, encoding, size and sanity checks.

Supported: .txt, .md, .html/.htm (converted to text) and .json (an object with a text field).
Encodings are detected with charset-normalizer when the bytes are not valid UTF-8.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from charset_normalizer import from_bytes

from karabakh_map.ingest.chrome import html_to_text, looks_like_html
from karabakh_map.ingest.errors import BadInput

MAX_BYTES = 5_000_000  # far above any news article; protects the batch from dumps
SUPPORTED = (".txt", ".md", ".html", ".htm", ".json")
TEXT_KEYS = ("text", "body", "content", "article")
HTML_KEYS = ("html",)

_MAGIC = {
    b"%PDF": "a PDF document",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"PK\x03\x04": "a ZIP archive (or an office document)",
    b"\x1f\x8b": "a gzip archive",
    b"\xfd7zXZ\x00": "an xz archive",
    b"\x28\xb5\x2f\xfd": "a zstandard archive",
    b"7z\xbc\xaf\x27\x1c": "a 7-Zip archive",
    b"Rar!\x1a\x07": "a RAR archive",
    b"\x7fELF": "an executable",
    b"SQLite format 3": "an SQLite database",
}
_BZIP2 = re.compile(rb"BZh[1-9](?:1AY&SY|\x17rE8P\x90)")  # "BZh" alone may begin a text
_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")
# UTF-8 with a few damaged bytes is still UTF-8 when it has this many good non-ASCII
# characters per bad byte (Latin-1 or CP1251 text has almost none of them).
GOOD_PER_BAD = 4


@dataclass(frozen=True)
class RawArticle:
    """An article file read into text, with what the file itself says about it."""

    text: str
    path: str
    encoding: str
    title: str | None = None
    url: str | None = None
    published: date | None = None
    source: str | None = None
    lang: str | None = None
    notes: tuple[str, ...] = ()  # what reading had to repair or guess, for the analyst


def decode_bytes(data: bytes, *, name: str = "input") -> tuple[str, str]:
    """Decode article bytes to text; return (text, encoding) or raise BadInput."""
    text, encoding, _notes = decode_article(data, name=name)
    return text, encoding


def decode_article(data: bytes, *, name: str = "input") -> tuple[str, str, list[str]]:
    """Decode article bytes: (text, encoding, notes on what was repaired or guessed).

    UTF-8 first; UTF-8 damaged in a few places (a capture cut inside a character, a stray
    byte) stays UTF-8 with the damage dropped or replaced and noted; anything else goes to
    charset-normalizer. Binary data and archives are refused, never unpacked."""
    if not data.strip():
        raise BadInput(f"{name}: empty")
    for magic, what in _MAGIC.items():
        if data.startswith(magic):
            raise BadInput(f"{name}: binary data ({what}), not text")
    if _BZIP2.match(data):
        raise BadInput(f"{name}: binary data (a bzip2 archive), not text")
    head = data[:8192]
    if b"\x00" in head and not head.startswith(_BOMS[1:]):
        # UTF-16 without a BOM is rare for articles; NUL bytes almost always mean binary.
        raise BadInput(f"{name}: binary data (NUL bytes), not text")
    try:
        return data.decode("utf-8-sig"), "utf-8", []
    except UnicodeDecodeError as exc:
        damaged = _damaged_utf8(data, exc)
    if damaged is not None:
        return damaged[0], "utf-8", [damaged[1]]
    notes = []
    if data.startswith(_BOMS[0]):  # a UTF-8 mark before text in another encoding (an editor's
        data = data[len(_BOMS[0]):]  # doing): read as the rest's encoding, the mark dropped
        notes.append("a UTF-8 byte-order mark before text that is not UTF-8: mark dropped")
        if not data.strip():
            raise BadInput(f"{name}: empty")
    best = from_bytes(data).best()
    if best is None or best.encoding is None:
        raise BadInput(f"{name}: undecodable: no text encoding fits these bytes")
    text = str(best)
    if _control_ratio(text) > 0.05:
        raise BadInput(f"{name}: binary data (control characters), not text")
    return text, best.encoding, [*notes, f"not UTF-8: read as {best.encoding}"]


def _damaged_utf8(data: bytes, exc: UnicodeDecodeError) -> tuple[str, str] | None:
    """UTF-8 text with a few bad bytes: (text, note), or None when it is not UTF-8."""
    if exc.reason == "unexpected end of data":  # only the last character is incomplete
        try:
            text = data[:exc.start].decode("utf-8-sig")
        except UnicodeDecodeError:
            text = None
        if text is not None:
            return text, (f"cut off inside a character: the last {len(data) - exc.start} "
                          f"byte(s) dropped")
    text = data.decode("utf-8-sig", errors="replace")
    bad = text.count("\ufffd")
    good = sum(1 for ch in text if ord(ch) > 127) - bad
    if bad == 0 or good < GOOD_PER_BAD * bad:
        return None
    return text, f"{bad} byte sequence(s) that are not UTF-8 replaced with \ufffd"


def _control_ratio(text: str) -> float:
    if not text:
        return 0.0
    bad = sum(1 for ch in text if ord(ch) < 32 and ch not in "\n\r\t\f")
    return bad / len(text)


def read_article_file(path: str | Path, *, max_bytes: int = MAX_BYTES) -> RawArticle:
    """Read one article file into a RawArticle; raise BadInput with the reason when unusable."""
    p = Path(path)
    name = str(p)
    if not p.is_file():
        raise BadInput(f"{name}: not a file")
    suffix = p.suffix.lower()
    if suffix not in SUPPORTED:
        raise BadInput(f"{name}: unsupported file type {suffix or '(none)'}; "
                       f"expected one of {', '.join(SUPPORTED)}")
    size = p.stat().st_size
    if size == 0:
        raise BadInput(f"{name}: empty file")
    if size > max_bytes:
        raise BadInput(f"{name}: {size:,} bytes is over the limit of {max_bytes:,} bytes")
    text, encoding, notes = decode_article(p.read_bytes(), name=name)
    if suffix == ".json":
        return replace(_from_json(text, name, encoding), notes=tuple(notes))
    if suffix in (".html", ".htm") or looks_like_html(text):
        body, meta = html_to_text(text)
        _require_text(body, name)
        return RawArticle(body, name, encoding, title=meta.get("title"), url=meta.get("url"),
                          published=_meta_date(meta.get("published")),
                          source=meta.get("source"), lang=meta.get("lang"), notes=tuple(notes))
    _require_text(text, name)
    return RawArticle(text, name, encoding, notes=tuple(notes))


def _require_text(text: str, name: str) -> None:
    if not any(ch.isalpha() for ch in text):
        raise BadInput(f"{name}: no text (no letters at all)")


def _from_json(raw: str, name: str, encoding: str) -> RawArticle:
    try:
        obj = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise BadInput(f"{name}: invalid JSON: {exc.msg} at line {exc.lineno}") from exc
    if not isinstance(obj, dict):
        raise BadInput(f"{name}: JSON must be an object with a text field, "
                       f"not {type(obj).__name__}")
    meta = {k: _json_str(obj, k, name) for k in
            ("title", "url", "published", "date", "source", "publisher", "lang", "language")}
    text_key = next((k for k in TEXT_KEYS if k in obj), None)
    html_key = next((k for k in HTML_KEYS if k in obj), None)
    if text_key is not None:
        text = _json_str(obj, text_key, name)
        if text is None:
            raise BadInput(f"{name}: JSON field {text_key!r} is null")
        if looks_like_html(text):
            text, _ = html_to_text(text)
    elif html_key is not None:
        html = _json_str(obj, html_key, name)
        if html is None:
            raise BadInput(f"{name}: JSON field {html_key!r} is null")
        text, hmeta = html_to_text(html)
        for k in ("title", "url", "source", "lang"):
            meta[k] = meta.get(k) or hmeta.get(k)
        meta["published"] = meta.get("published") or hmeta.get("published")
    else:
        raise BadInput(f"{name}: JSON has no text field (expected one of "
                       f"{', '.join(TEXT_KEYS + HTML_KEYS)})")
    _require_text(text, name)
    published_raw = meta.get("published") or meta.get("date")
    published = _meta_date(published_raw)
    if published_raw and published is None:
        what = ("not a calendar date" if re.match(r"\s*\d{4}-\d{2}-\d{2}", published_raw)
                else "not YYYY-MM-DD")
        raise BadInput(f"{name}: JSON publication date {published_raw!r} is {what}")
    return RawArticle(text, name, encoding, title=meta.get("title"), url=meta.get("url"),
                      published=published, source=meta.get("source") or meta.get("publisher"),
                      lang=meta.get("lang") or meta.get("language"))


def _json_str(obj: dict, key: str, name: str) -> str | None:
    value = obj.get(key)
    if value is None or isinstance(value, str):
        return value
    raise BadInput(f"{name}: JSON field {key!r} must be a string, not {type(value).__name__}")


def _meta_date(value: str | None) -> date | None:
    """Dates from metadata: ISO dates or timestamps (2020-11-25T05:46:00Z)."""
    if not value:
        return None
    try:
        return date.fromisoformat(value.strip()[:10])
    except ValueError:
        return None
