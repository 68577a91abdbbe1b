"""Text identity shared by ingest and the store: normalised text, its hash, shingle samples.

A leaf module (stdlib only), so both ingest and the store may import it. Ingest decides what
part of an article is hashed (it strips chrome, the headline and the date line first); the
store hashes the text it is given when ingest did not.

Each article keeps a deterministic sample of its 8-word shingles (those whose hash is 0 mod 8).
Sampling by value, not by rank, keeps containment: if one capture's text is inside another's,
its sample is inside the other's sample too.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

SHINGLE_WORDS = 8
SAMPLE_MOD = 8
MIN_COMMON = 5  # below this the texts are too short to call them the same article
CONTAINMENT = 0.8

_WORD = re.compile(r"\w+")
# Combining marks are never ASCII: only the (few) other characters are looked up, instead of
# a Python-level test of every character of the article.
_NON_ASCII = re.compile(r"[^\x00-\x7f]+")


def _drop_combining(m: re.Match[str]) -> str:
    return "".join(ch for ch in m.group() if not unicodedata.combining(ch))


def normalise(text: str) -> str:
    """Case-, accent-, punctuation- and whitespace-insensitive form of a text."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    folded = _NON_ASCII.sub(_drop_combining, unicodedata.normalize("NFKD", folded))
    return " ".join(_WORD.findall(folded))


def text_hash(text: str) -> str:
    """SHA-256 (hex) of `normalise(text)`."""
    return hashlib.sha256(normalise(text).encode("utf-8")).hexdigest()


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
