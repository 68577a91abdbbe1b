"""Content identity of articles as ingest sees them: the hash of an article's body.

Two captures of one article differ in chrome, whitespace, headline and date lines, and one may
be cut short. The exact hash (`content_hash`) covers the first kind of difference: it hashes
the body without chrome, headline and date line. Sampled shingles (`sample`, compared with
`is_near_duplicate`, both in karabakh_map.textnorm and shared with the store) also find
truncated captures.
"""

from __future__ import annotations

import re

from karabakh_map.ingest.chrome import strip_chrome
from karabakh_map.ingest.pubdate import detect_published
from karabakh_map.textnorm import is_near_duplicate, normalise, sample, text_hash

__all__ = ["content_hash", "is_near_duplicate", "normalise_for_hash", "sample"]


def _body(text: str, *, cleaned: bool = False) -> str:
    """The cleaned article without its headline and publication-date line."""
    cleaned_text = text if cleaned else strip_chrome(text)
    return _without_head(cleaned_text)


def _without_head(cleaned: str) -> str:
    pub = detect_published(cleaned)
    if pub is not None:
        cleaned = cleaned[:pub.start] + "\n" + cleaned[pub.end:]
    paragraphs = [p.strip() for p in re.split(r"\n", cleaned) if p.strip()]
    if len(paragraphs) > 1 and _is_headline(paragraphs[0]):
        paragraphs = paragraphs[1:]
    return "\n".join(paragraphs)


def _is_headline(line: str) -> bool:
    return len(line) <= 200 and not re.search(r"[.!?:\"”]$", line)


def normalise_for_hash(text: str, *, cleaned: bool = False) -> str:
    """Case-, accent-, punctuation- and whitespace-insensitive body text for the content hash.
    `cleaned`: the text has already been through strip_chrome (saves doing it twice)."""
    return normalise(_body(text, cleaned=cleaned))


def content_hash(text: str, *, cleaned: bool = False) -> str:
    """SHA-256 of `normalise_for_hash(text)`."""
    return text_hash(_body(text, cleaned=cleaned))
