"""Ingest wiring: files -> karabakh_map.ingest (extraction) -> the store (one article each).

The one module that joins ingest and the store; they do not import each other.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from karabakh_map.ingest import BadInput, ParsedArticle, parse_file
from karabakh_map.ingest.reading import SUPPORTED
from karabakh_map.store import ArticleRecord, ArticleResult, Engine, PlaceResolver, write_article

SUFFIXES = SUPPORTED  # the files `ingest` reads, and so the ones a folder walk picks up
PUBLISHED_HOW = ("detected", "given", "missing")


@dataclass
class FileResult:
    """The outcome of one file: the store's result, or why it failed."""

    path: str
    result: ArticleResult
    parsed: ParsedArticle | None = None  # for --json
    extracted: int = 0
    warnings: list[str] = field(default_factory=list)


def iter_article_paths(paths: Iterable[Path]) -> Iterator[Path]:
    """Files as given, folders walked (sorted) for article files. A missing path is yielded
    as it is: `ingest_file` reports it as a failed input, the rest of the batch goes on."""
    for p in paths:
        if p.is_dir():
            yield from sorted(f for f in p.rglob("*") if f.is_file()
                              and f.suffix.lower() in SUFFIXES)
        else:
            yield p


def ingest_file(
    engine: Engine,
    path: Path,
    *,
    published: date | None = None,
    source: str | None = None,
    lang: str | None = None,
    resolve_place: PlaceResolver | None = None,
) -> FileResult:
    """Read, extract and store one file (one transaction). Any failure -- bad input, a
    missing or unreadable file, an unexpected error in extraction or in the store -- comes
    back as a failed result with its reason, so a batch goes on with the next file."""
    if not path.exists():
        return _failed(path, f"{path}: no such file or folder")
    try:
        parsed = parse_file(path, published=published, source=source, lang=lang)
        result = write_article(engine, record_from_parsed(parsed), parsed.events,
                               resolve_place=resolve_place)
    except BadInput as exc:
        return _failed(path, str(exc))
    except Exception as exc:  # reported per file; write_article has rolled its article back
        return _failed(path, f"{type(exc).__name__}: {exc}")
    return FileResult(str(path), result, parsed=parsed, extracted=len(parsed.events),
                      warnings=list(parsed.warnings))


def _failed(path: Path, reason: str) -> FileResult:
    return FileResult(str(path), ArticleResult("failed", reason=reason))


def record_from_parsed(parsed: ParsedArticle) -> ArticleRecord:
    """The store's article record from a ParsedArticle."""
    how = str(parsed.published_how)
    if how not in PUBLISHED_HOW:
        raise ValueError(f"published_how must be one of {PUBLISHED_HOW}, got {how!r}")
    return ArticleRecord(
        title=parsed.title, source=parsed.source, published=parsed.published,
        published_how=how, text=parsed.text, url=parsed.url,  # type: ignore[arg-type]
        language=parsed.language, hash=parsed.content_hash or None,
    )
