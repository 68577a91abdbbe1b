"""Content identity: exact hash of the normalised body, and near-duplicate captures."""

from __future__ import annotations

from karabakh_map.ingest import content_hash, normalise_for_hash
from karabakh_map.ingest.dedup import is_near_duplicate, sample


def near_duplicate(a: str, b: str) -> bool:
    """What the store decides for two texts (it compares the same samples, stored)."""
    sa, sb = sample(a), sample(b)
    return is_near_duplicate(len(sa & sb), len(sa), len(sb))

BODY = [f"Paragraph number {w} tells about the bridge repairs and the long road to the "
        f"{w} village, where the work crews stayed for days." for w in
        ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth")]


def capture_a() -> str:
    return ("A made-up headline about repairs\n\nMarch 6, 2021\n\nLoading...\n\n"
            + "\n\n".join(BODY) + "\n\nREAD MORE: another story\n")


def capture_b() -> str:
    return "date 2021-03-06   " + "\n\n\n".join(b.upper() for b in BODY) + "\n\nusr: 2\n"


def test_same_article_other_chrome_hashes_the_same() -> None:
    assert normalise_for_hash(capture_a()) == normalise_for_hash(capture_b())
    assert content_hash(capture_a()) == content_hash(capture_b())
    assert normalise_for_hash(capture_a()).startswith("paragraph number first")


def test_different_text_hashes_differently() -> None:
    other = capture_a().replace("bridge", "tunnel")
    assert content_hash(other) != content_hash(capture_a())


def test_truncated_capture_is_a_near_duplicate() -> None:
    short = "date 2021-03-06 " + "\n\n".join(BODY[2:6])
    assert content_hash(short) != content_hash(capture_a())
    assert near_duplicate(short, capture_a()) and near_duplicate(capture_a(), short)


def test_unrelated_or_tiny_overlap_is_not_a_duplicate() -> None:
    other = "\n\n".join(f"Entirely different prose {i} on weather, crops and local markets "
                        f"across the plain in season {i}." for i in range(10))
    assert not near_duplicate(other, capture_a())
    # one shared paragraph inside a long different article is not enough
    assert not near_duplicate(other + "\n\n" + BODY[0], capture_a())
