"""Content identity of articles, the one implementation used by ingest and the store alike.

Two captures of one article differ in chrome, whitespace, headline and date lines, and one may
be cut short. The exact hash (`content_hash`) covers the first kind of difference; sampled
shingles (`sample`, compared with `is_near_duplicate`) also find truncated captures.

Each article keeps a deterministic sample of its 8-word shingles (those whose hash is 0 mod 8).
Sampling by value, not by rank, keeps containment: if one capture's text is inside another's,
its sample is inside the other's sample too.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

from karabakh_map.ingest.chrome import strip_chrome
from karabakh_map.ingest.pubdate import detect_published

SHINGLE_WORDS = 8
SAMPLE_MOD = 8
MIN_COMMON = 5  # below this the texts are too short to call them the same article
CONTAINMENT = 0.8

_WORD = re.compile(r"\w+")


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
    body = _NON_ASCII.sub(_drop_combining, unicodedata.normalize("NFKD", body))
    return " ".join(re.findall(r"\w+", body))


# Combining marks are never ASCII: only the (few) other characters are looked up, instead of
# a Python-level test of every character of the article.
_NON_ASCII = re.compile(r"[^\x00-\x7f]+")


def _drop_combining(m: re.Match[str]) -> str:
    return "".join(ch for ch in m.group() if not unicodedata.combining(ch))


def content_hash(text: str, *, cleaned: bool = False) -> str:
    """SHA-256 of `normalise_for_hash(text)`."""
    return hashlib.sha256(normalise_for_hash(text, cleaned=cleaned).encode("utf-8")).hexdigest()


def sample(text: str) -> set[int]:
    """Sampled shingle hashes of a text (signed 64-bit, to fit a BIGINT column)."""
    words = _WORD.findall(unicodedata.normalize("NFKC", text).casefold())
    out: set[int] = set()
    for i in range(max(0, len(words) - SHINGLE_WORDS + 1)):
        digest = hashlib.blake2b(" ".join(words[i:i + SHINGLE_WORDS]).encode(), digest_size=8)
        h = int.from_bytes(digest.digest(), "big", signed=True)
        if h % SAMPLE_MOD == 0:
            out.add(h)
    return out


def is_near_duplicate(common: int, mine: int, theirs: int) -> bool:
    """Whether two samples (sizes `mine`, `theirs`, `common` hashes shared) overlap enough
    that one capture contains the other."""
    if common < MIN_COMMON or not mine or not theirs:
        return False
    return max(common / mine, common / theirs) >= CONTAINMENT

