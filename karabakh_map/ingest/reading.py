"""Read an article file into plain text: format, encoding, size and sanity checks.

Supported: .txt, .md, .html/.htm (converted to text) and .json (an object with a text field).
Encodings are detected with charset-normalizer when the bytes are not valid UTF-8.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
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
    b"\x7fELF": "an executable",
    b"SQLite format 3": "an SQLite database",
}
_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")


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


def decode_bytes(data: bytes, *, name: str = "input") -> tuple[str, str]:
    """Decode article bytes to text; return (text, encoding) or raise BadInput."""
    if not data.strip():
        raise BadInput(f"{name}: empty")
    for magic, what in _MAGIC.items():
        if data.startswith(magic):
            raise BadInput(f"{name}: binary data ({what}), not text")
    head = data[:8192]
    if b"\x00" in head and not head.startswith(_BOMS[1:]):
        # UTF-16 without a BOM is rare for articles; NUL bytes almost always mean binary.
        raise BadInput(f"{name}: binary data (NUL bytes), not text")
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    best = from_bytes(data).best()
    if best is None or best.encoding is None:
        raise BadInput(f"{name}: undecodable: no text encoding fits these bytes")
    text = str(best)
    if _control_ratio(text) > 0.05:
        raise BadInput(f"{name}: binary data (control characters), not text")
    return text, best.encoding


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
    text, encoding = decode_bytes(p.read_bytes(), name=name)
    if suffix == ".json":
        return _from_json(text, name, encoding)
    if suffix in (".html", ".htm") or looks_like_html(text):
        body, meta = html_to_text(text)
        _require_text(body, name)
        return RawArticle(body, name, encoding, title=meta.get("title"), url=meta.get("url"),
                          published=_meta_date(meta.get("published")),
                          source=meta.get("source"), lang=meta.get("lang"))
    _require_text(text, name)
    return RawArticle(text, name, encoding)


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
        raise BadInput(f"{name}: JSON publication date {published_raw!r} is not YYYY-MM-DD")
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
