"""Writing articles and their events: one transaction per article, merging into events.

How an incoming article meets what is stored (checked in this order):
1. Its content hash is an article's or a kept capture's: the same article again, nothing
   is added ("duplicate").
2. Its hash is one a catalogue stub stands for (`article_hashes`): the stub is filled in
   place with the text ("new", `filled_stub`); its events link to the stub's article, and
   catalogue links to the same events get the offsets. If the stub was already filled by
   another capture, this one is a capture (3).
3. Its text is a near-duplicate of a stored article (another capture, maybe cut shorter or
   longer): "duplicate"; the events it reports that the article does not yet link are
   merged in, their offsets pointing into the capture, whose text is kept for quoting. A
   capture that supports no new link is not kept: the same article again adds nothing.
   Only when the two may share a publisher (`same_publisher`): the same wire copy from two
   outlets is two articles, each a source.
4. Otherwise a new article.
A catalogue stub (no text) whose hashes name an article already stored links its events
to that article instead of adding a stub.
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Literal
from urllib.parse import urlsplit

import sqlalchemy as sa

from karabakh_map.model import ExtractedEvent
from karabakh_map.store import schema as s
from karabakh_map.store.db import inserted_id, write_connection
from karabakh_map.store.reports import (
    GEO_PRECISION,
    ArticleResult,
    Pending,
    PlaceInfo,
    PlaceResolver,
    finish_merges,
    link_report,
    recompute_event,
    report_rank,
)
from karabakh_map.textnorm import is_near_duplicate, sample, text_hash

__all__ = [
    "GEO_PRECISION", "ArticleRecord", "ArticleResult", "PlaceInfo", "PlaceResolver",
    "recompute_event", "write_article",
]


@dataclass(frozen=True)
class ArticleRecord:
    """An article as the store keeps it; `text` is None for catalogue stubs.

    `hash` is the content hash ingest computed (karabakh_map.ingest.content_hash, the hash
    of the article's body); without it the store hashes the whole text
    (karabakh_map.textnorm.text_hash). `known_hashes`: for a stub, the content hashes of
    the real captures it stands for.
    """

    title: str | None
    source: str | None
    published: date | None
    published_how: Literal["detected", "given", "missing"]
    text: str | None = None
    url: str | None = None
    language: str | None = None
    hash: str | None = None
    known_hashes: tuple[str, ...] = ()

    def content_hash(self) -> str:
        """The article's identity: `hash`, else the hash of the whole text; for a stub, a
        hash of its publisher, title and date (kept as it was, so stubs stored by older
        versions are found again)."""
        if self.hash:
            return self.hash
        if self.text is not None:
            return text_hash(self.text)
        stub = f"stub\n{self.source}\n{self.title}\n{self.published}"
        return hashlib.sha256(" ".join(unicodedata.normalize("NFKC", stub).split())
                              .encode("utf-8")).hexdigest()


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


Match = tuple[Literal["same", "known", "near"], int]
# (site host, publisher name), either unknown: who published a capture, as far as we know.
Publisher = tuple[str | None, str | None]
# Anchors: the smallest hashes of the sample (by value, so two captures of one article pick
# mostly the same ones). A capture at least a quarter the size of the other shares about 8
# of 32 anchors with it. An anchor found in more than COMMON_ANCHOR articles is a phrase
# many articles share (boilerplate, wire copy), not evidence of a re-capture: only its
# first COMMON_ANCHOR + 1 rows are read, and it is left out. So the candidate look-up
# reads at most ANCHORS x (COMMON_ANCHOR + 1) index rows, however large the store.
ANCHORS, MIN_ANCHORS, MAX_CANDIDATES, COMMON_ANCHOR = 32, 2, 20, 64


_a, _cap, _kh = s.articles.c, s.article_captures.c, s.article_hashes.c
_fp = s.article_fingerprints.c
# Statements built once (values bound per call): building them cost more than running them.
_ARTICLE_BY_HASH = sa.select(_a.id).where(_a.content_hash == sa.bindparam("h"))
_CAPTURE_BY_HASH = sa.select(_cap.article_id.label("id")).where(
    _cap.content_hash == sa.bindparam("h"))
_ARTICLE_BY_HASHES = sa.select(_a.id).where(
    _a.content_hash.in_(sa.bindparam("hs", expanding=True)))
_CAPTURE_BY_HASHES = sa.select(_cap.article_id.label("id")).where(
    _cap.content_hash.in_(sa.bindparam("hs", expanding=True)))
_KNOWN_HASH = sa.select(_kh.article_id).where(_kh.content_hash == sa.bindparam("h"))
# How many of the sample's hashes each candidate's own sample holds, counted in SQL (one
# row per candidate, not its whole sample): through the candidates' rows by article, not
# the hash index, which would read every article sharing a boilerplate run.
_SAMPLES = (
    sa.select(_fp.article_id,
              sa.func.sum(sa.case((_fp.hash.in_(sa.bindparam("sampled", expanding=True)), 1),
                                  else_=0)).label("common"),
              sa.func.max(_fp.total).label("total"), _a.url, _a.source)
    .join(s.articles, _a.id == _fp.article_id)
    .where(_fp.article_id.in_(sa.bindparam("candidates", expanding=True)))
    .group_by(_fp.article_id, _a.url, _a.source)
)
_ANCHOR_ROWS: dict[int, sa.TextClause] = {}


def _anchor_rows(n: int) -> sa.TextClause:
    """One statement: the articles of each of n anchors (a0..) found in at most
    COMMON_ANCHOR articles (it reads COMMON_ANCHOR + 1 rows of each and counts them in SQL:
    the rows of common anchors are not sent back)."""
    if n not in _ANCHOR_ROWS:
        arms = [f"SELECT {i} AS anchor, article_id FROM (SELECT article_id, count(*) OVER () "
                f"AS n FROM (SELECT article_id FROM article_fingerprints WHERE hash = :a{i} "
                f"LIMIT {COMMON_ANCHOR + 1}) AS q{i}) AS c{i} WHERE n <= {COMMON_ANCHOR}"
                for i in range(n)]
        _ANCHOR_ROWS[n] = sa.text(" UNION ALL ".join(arms))
    return _ANCHOR_ROWS[n]


def _candidates(conn: sa.Connection, sampled: set[int]) -> list[int]:
    """Articles sharing at least MIN_ANCHORS of the sample's uncommon anchors, most first
    (ties by id, so the outcome does not depend on the order rows come in)."""
    anchors = sorted(sampled)[:ANCHORS]
    rows = conn.execute(_anchor_rows(len(anchors)),
                        {f"a{i}": h for i, h in enumerate(anchors)}).all()
    shared: dict[int, int] = {}
    for _, article_id in rows:
        shared[article_id] = shared.get(article_id, 0) + 1
    ranked = sorted((-n, article_id) for article_id, n in shared.items() if n >= MIN_ANCHORS)
    return [article_id for _, article_id in ranked[:MAX_CANDIDATES]]


def _match(conn: sa.Connection, chash: str, known: Sequence[str],
           sampled: set[int], publisher: Publisher = (None, None)) -> Match | None:
    row = conn.execute(_ARTICLE_BY_HASH, {"h": chash}).first() or \
        conn.execute(_CAPTURE_BY_HASH, {"h": chash}).first()
    if row:
        return "same", row.id
    if known:
        row = conn.execute(_ARTICLE_BY_HASHES, {"hs": list(known)}).first() or \
            conn.execute(_CAPTURE_BY_HASHES, {"hs": list(known)}).first()
        if row:
            return "known", row.id
    row = conn.execute(_KNOWN_HASH, {"h": chash}).first()
    if row:
        return "known", row.article_id
    if not sampled:
        return None
    candidates = _candidates(conn, sampled)
    if not candidates:
        return None
    common: dict[int, int] = {}
    about: dict[int, tuple[int, str | None, str | None]] = {}
    for article_id, shared, total, url, source in conn.execute(
            _SAMPLES, {"candidates": candidates, "sampled": sorted(sampled)}):
        common[article_id] = int(shared)
        about[article_id] = (total, url, source)
    for article_id in sorted(common, key=lambda a: (-common[a], a)):
        total, url, source = about[article_id]
        if (is_near_duplicate(common[article_id], len(sampled), total)
                and same_publisher(publisher, publisher_of(url, source))):
            return "near", article_id
    return None


def publisher_of(url: str | None, source: str | None) -> Publisher:
    """The host of `url` (without "www.") and the case-folded publisher name; a `source`
    that is itself a URL counts as a host."""
    def host(value: str | None) -> str | None:
        if not value or "://" not in value:
            return None
        name = (urlsplit(value.strip()).hostname or "").removeprefix("www.")
        return name or None

    site = host(url) or host(source)
    name = None if host(source) or not source else " ".join(source.casefold().split())
    return site, name


def same_publisher(a: Publisher, b: Publisher) -> bool:
    """Whether two captures may come from one publisher: they differ only when both name a
    site, or both name a publisher, and those differ. Wire copy run by two outlets is two
    articles (two sources for its events), not two captures of one."""
    return all(x is None or y is None or x == y for x, y in zip(a, b, strict=True))


def write_article(
    engine: sa.Engine,
    article: ArticleRecord,
    events: Sequence[ExtractedEvent],
    *,
    resolve_place: PlaceResolver | None = None,
    keys: Sequence[str | None] | None = None,
) -> ArticleResult:
    """Store one article and merge its events, all in one transaction (see the module
    docstring for duplicates, captures and catalogue stubs). Errors roll the whole article
    back and propagate.

    `keys`, parallel to `events`: a curated catalogue's own merge keys (None: the rule of
    merge.merge_key), so that its events stay the events it lists."""
    if keys is not None and len(keys) != len(events):
        raise ValueError(f"{len(keys)} keys for {len(events)} events")
    chash = article.content_hash()
    sampled = sample(article.text) if article.text else set()
    with write_connection(engine) as conn, conn.begin():
        match = _match(conn, chash, article.known_hashes, sampled,
                       publisher_of(article.url, article.source))
        if match is not None and match[0] == "same":
            return ArticleResult("duplicate", duplicate_of=match[1],
                                 reason=f"same text as article {match[1]}")
        if match is None:
            article_id = _insert_article(conn, article, chash, sampled)
            result = ArticleResult("new", article_id=article_id)
            capture_id = None
        else:
            kind, article_id = match
            stored_text = conn.execute(sa.select(s.articles.c.text)
                                       .where(s.articles.c.id == article_id)).scalar_one()
            if article.text is None:
                result = ArticleResult("duplicate", article_id=article_id,
                                       duplicate_of=article_id,
                                       reason=f"catalogue article already stored as {article_id}")
                capture_id = None
            elif kind == "known" and stored_text is None:
                _fill_stub(conn, article_id, article, chash, sampled)
                result = ArticleResult("new", article_id=article_id, filled_stub=True,
                                       reason=f"filled catalogue article {article_id}")
                capture_id = None
            else:
                capture_id = inserted_id(conn.execute(s.article_captures.insert().values(
                    article_id=article_id, content_hash=chash, text=article.text,
                    ingested_at=_now())))
                result = ArticleResult(
                    "duplicate", article_id=article_id, duplicate_of=article_id,
                    capture_id=capture_id,
                    reason=f"another capture of article {article_id} (kept as capture "
                           f"{capture_id})")
        pending: Pending = {}
        rank = "" if keys is not None else report_rank(article.published, chash)
        wrote = False  # a capture is kept only for a link it supports
        for i, ev in enumerate(events):
            wrote |= link_report(conn, article_id, ev, resolve_place, result, capture_id,
                                 pending, keys[i] if keys is not None else None, rank)
        finish_merges(conn, pending)
        if capture_id is not None and not wrote:
            conn.execute(s.article_captures.delete()
                         .where(s.article_captures.c.id == capture_id))
            result.capture_id = None
            result.reason = f"another capture of article {article_id}, nothing new in it"
            return result  # nothing changed: the store's version stays
        if article.text is None:
            _remember_hashes(conn, article_id, [chash, *article.known_hashes])
        conn.execute(_BUMP_VERSION)
    return result


_BUMP_VERSION = s.store_meta.update().where(s.store_meta.c.key == "version").values(
    value=s.store_meta.c.value + 1)
_INSERT_ARTICLE = s.articles.insert()


def _insert_article(conn: sa.Connection, article: ArticleRecord, chash: str,
                    sampled: set[int]) -> int:
    article_id = inserted_id(conn.execute(_INSERT_ARTICLE, {
        "content_hash": chash, "source": article.source, "url": article.url,
        "title": article.title, "published": article.published,
        "published_how": article.published_how, "language": article.language,
        "text": article.text, "ingested_at": _now(),
    }))
    _insert_fingerprints(conn, article_id, sampled)
    return article_id


# PostgreSQL: an article's sample in one statement (an executemany sends a statement per
# row: ~140 per article, inside the write lock).
_PG_FINGERPRINTS = sa.text(
    "INSERT INTO article_fingerprints (article_id, hash, total) "
    "SELECT :article_id, h, :total FROM unnest(CAST(:hashes AS BIGINT[])) AS h")


def _insert_fingerprints(conn: sa.Connection, article_id: int, sampled: set[int]) -> None:
    if not sampled:
        return
    if conn.dialect.name == "postgresql":
        conn.execute(_PG_FINGERPRINTS, {"article_id": article_id, "total": len(sampled),
                                        "hashes": sorted(sampled)})
        return
    conn.execute(s.article_fingerprints.insert(), [
        {"article_id": article_id, "hash": h, "total": len(sampled)} for h in sampled])


def _fill_stub(conn: sa.Connection, article_id: int, article: ArticleRecord, chash: str,
               sampled: set[int]) -> None:
    """Give a catalogue stub its text; the catalogue's own fields (publisher, title, date)
    stay, the ones it lacks are filled from detection. The stub's hash stays known, so
    loading the catalogue again adds nothing."""
    a = s.articles.c
    old_hash = conn.execute(sa.select(a.content_hash).where(a.id == article_id)).scalar_one()
    conn.execute(s.articles.update().where(a.id == article_id).values(
        content_hash=chash, text=article.text,
        url=sa.func.coalesce(a.url, article.url),
        title=sa.func.coalesce(a.title, article.title),
        source=sa.func.coalesce(a.source, article.source),
        language=sa.func.coalesce(a.language, article.language),
    ))
    conn.execute(s.article_hashes.delete().where(s.article_hashes.c.content_hash == chash))
    _remember_hashes(conn, article_id, [old_hash])
    _insert_fingerprints(conn, article_id, sampled)


def _remember_hashes(conn: sa.Connection, article_id: int, hashes: Sequence[str]) -> None:
    kh = s.article_hashes.c
    for h in hashes:
        known = conn.execute(sa.select(kh.content_hash).where(kh.content_hash == h)).first()
        taken = conn.execute(sa.select(s.articles.c.id)
                             .where(s.articles.c.content_hash == h)).first()
        if not known and not taken:
            conn.execute(s.article_hashes.insert().values(content_hash=h, article_id=article_id))
