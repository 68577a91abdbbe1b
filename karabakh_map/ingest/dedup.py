"""Content identity of articles: a normalised form for exact hashing, and near-duplicates.

Two captures of one article differ in chrome, whitespace, headline and date lines, and one may
be cut short. The exact hash covers the first kind of difference; `near_duplicate` (word
5-shingle containment) also covers truncated captures.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

from karabakh_map.ingest.chrome import strip_chrome
from karabakh_map.ingest.pubdate import detect_published

SHINGLE = 5
CONTAINMENT = 0.8
MIN_SHINGLES = 20
MIN_SIZE_RATIO = 0.25


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
    body = unicodedata.normalize("NFKC", _body(text, cleaned=cleaned)).casefold()
    body = "".join(ch for ch in unicodedata.normalize("NFKD", body)
                   if not unicodedata.combining(ch))
    return " ".join(re.findall(r"\w+", body))


def content_hash(text: str, *, cleaned: bool = False) -> str:
    """SHA-256 of `normalise_for_hash(text)`."""
    return hashlib.sha256(normalise_for_hash(text, cleaned=cleaned).encode("utf-8")).hexdigest()


def shingles(text: str) -> set[int]:
    """Hashes of the word 5-grams of the normalised body (stable across runs)."""
    words = normalise_for_hash(text).split()
    grams = (" ".join(words[i:i + SHINGLE]) for i in range(max(0, len(words) - SHINGLE + 1)))
    return {int.from_bytes(hashlib.blake2b(g.encode(), digest_size=8).digest(), "big")
            for g in grams}


def near_duplicate(a: str, b: str) -> bool:
    """True when one text is (nearly) contained in the other: the same article captured twice,
    possibly cut short. Containment of word 5-shingles >= 0.8 of the smaller text."""
    sa, sb = shingles(a), shingles(b)
    small, large = (sa, sb) if len(sa) <= len(sb) else (sb, sa)
    if len(small) < MIN_SHINGLES:
        return normalise_for_hash(a) == normalise_for_hash(b)
    if len(small) < MIN_SIZE_RATIO * len(large):
        return False
    return len(small & large) / len(small) >= CONTAINMENT
