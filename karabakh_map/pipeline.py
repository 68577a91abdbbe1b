"""Ingest wiring: files -> karabakh_map.ingest (extraction) -> the store (one article each).

The one module that joins ingest and the store; they do not import each other. Files are
parsed in a worker process with a time budget per file (parse_worker); names and reasons
are escaped for the terminal (`display`) before any report shows them.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from karabakh_map.ingest import BadInput, ParsedArticle, parse_file
from karabakh_map.ingest import parse_file as _real_parse_file
from karabakh_map.ingest.reading import SUPPORTED

# FILE_BUDGET and START_TIMEOUT stay importable from here: karabakh_map.workers does so.
from karabakh_map.parse_worker import FILE_BUDGET as FILE_BUDGET
from karabakh_map.parse_worker import START_TIMEOUT as START_TIMEOUT
from karabakh_map.parse_worker import reader
from karabakh_map.store import ArticleRecord, ArticleResult, Engine, PlaceResolver, write_article
from karabakh_map.store.metadata import UPDATED, restate_article

SUFFIXES = SUPPORTED  # the files `ingest` reads, and so the ones a folder walk picks up
PUBLISHED_HOW = ("detected", "given", "missing")


@dataclass
class FileResult:
    """The outcome of one file: the store's result, or why it failed. `path`, the reason
    and the warnings are display text (control characters escaped, see `display`)."""

    path: str
    result: ArticleResult
    parsed: ParsedArticle | None = None  # for --json
    extracted: int = 0
    warnings: list[str] = field(default_factory=list)
    summary: str = ""  # what a file of many records (an ACLED CSV) added, for its report line

    @property
    def updated(self) -> bool:
        """Whether an article already stored took the metadata given (see store_parsed)."""
        return self.result.status == "duplicate" and self.result.reason.startswith(UPDATED)


@dataclass(frozen=True)
class Skipped:
    """Something in a folder that is not ingested, and why (a link leading out of the
    folder, a dangling link, a FIFO, an unreadable folder): `ingest_file` reports it."""

    path: Path
    reason: str


# --- display --------------------------------------------------------------------------

_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def display(text: str) -> str:
    """`text` safe to print on one report line: every character that is not printable
    (line ends, escape sequences, other controls, bidi overrides, odd spaces, the
    surrogates of undecodable file-name bytes) becomes a Python-style escape."""
    if text.isprintable():
        return text
    return "".join(ch if ch.isprintable() else _escape(ch) for ch in text)


def _escape(ch: str) -> str:
    o = ord(ch)
    return _NAMED.get(ch) or (f"\\x{o:02x}" if o < 0x100 else
                              f"\\u{o:04x}" if o < 0x10000 else f"\\U{o:08x}")


# --- walking folders --------------------------------------------------------------------

def iter_article_paths(paths: Iterable[Path]) -> Iterator[Path | Skipped]:
    """Files as given, folders walked (sorted) for article files. A missing path is yielded
    as it is: `ingest_file` reports it as a failed input, the rest of the batch goes on.
    In a folder, links are not followed out of it, and what cannot be read is yielded as
    `Skipped` (reported on a line of its own)."""
    for p in paths:
        if p.is_dir():
            yield from sorted(_walk(p), key=lambda f: str(f.path if isinstance(f, Skipped)
                                                            else f))
        else:
            yield p


def _walk(root: Path) -> Iterator[Path | Skipped]:
    """Article files under `root`; an explicit stack, so any depth of nesting is walked."""
    inside = os.path.realpath(root)
    stack = [root]
    while stack:
        folder = stack.pop()
        try:
            with os.scandir(folder) as it:
                entries = list(it)
        except OSError as exc:
            yield Skipped(folder, f"folder not readable ({exc.strerror or exc}): skipped")
            continue
        for entry in entries:
            path = Path(entry.path)
            article = path.suffix.lower() in SUFFIXES
            try:
                if entry.is_symlink():
                    item = _link(path, inside, article)
                    if item is not None:
                        yield item
                elif entry.is_dir(follow_symlinks=False):
                    stack.append(path)
                elif article:
                    yield path if entry.is_file(follow_symlinks=False) else Skipped(
                        path, "not a regular file (a FIFO, socket or device): skipped")
            except OSError as exc:
                yield Skipped(path, f"cannot be examined ({exc.strerror or exc}): skipped")


def _link(path: Path, inside: str, article: bool) -> Path | Skipped | None:
    """A link in a walked folder: its file when it stays inside, else why it is skipped.
    Links to folders are not followed (what they hold inside is walked anyway)."""
    target = os.readlink(path)
    shown = f"{path.name} -> {target}"
    real = os.path.realpath(path)
    if os.path.commonpath([inside, real]) != inside:
        return Skipped(path, f"a link leading out of the folder given ({shown}): skipped")
    if not article:
        return None
    if not os.path.exists(path):
        return Skipped(path, f"a link to nothing ({shown}): skipped")
    return path if os.path.isfile(real) else Skipped(
        path, f"a link to something that is not a regular file ({shown}): skipped")


# --- one file ---------------------------------------------------------------------------

def ingest_file(
    engine: Engine,
    path: Path | Skipped,
    *,
    published: date | None = None,
    source: str | None = None,
    lang: str | None = None,
    resolve_place: PlaceResolver | None = None,
    budget: float | None = FILE_BUDGET,
) -> FileResult:
    """Read, extract and store one file (one transaction). Any failure -- bad input, a
    missing or unreadable file, a file over its time `budget` (seconds; None: no budget,
    parsed in this process), an unexpected error in extraction or in the store -- comes
    back as a failed result with its reason, so a batch goes on with the next file."""
    if isinstance(path, Skipped):
        return failed_result(path.path, f"{path.path}: {path.reason}")
    if not path.exists():
        what = "a link to nothing" if path.is_symlink() else "no such file or folder"
        return failed_result(path, f"{path}: {what}")
    if path.suffix.lower() == ".csv":
        from karabakh_map.acled_ingest import ingest_acled

        fr = ingest_acled(engine, path, resolve_place=resolve_place)
        given = [f"--{name}" for name, value in (("published", published), ("source", source),
                                                   ("lang", lang)) if value]
        if given and fr.result.status != "failed":  # said, not silently dropped
            fr.warnings.insert(0, f"{', '.join(given)} not used: each ACLED row has its own "
                                  "date and sources")
        return fr
    kwargs: dict[str, Any] = {"published": published, "source": source, "lang": lang}
    try:
        if budget is None or parse_file is not _real_parse_file:
            # A substitute parser (tests) cannot be sent to the worker, which imports its own.
            parsed = parse_file(path, **kwargs)
        else:
            parsed = reader().parse(path, kwargs, budget)
        result = store_parsed(engine, parsed, given_fields(kwargs), resolve_place)
    except BadInput as exc:
        return failed_result(path, str(exc))
    except Exception as exc:  # reported per file; the store has rolled its article back
        return failed_result(path, f"{type(exc).__name__}: {exc}")
    return FileResult(display(str(path)), result, parsed=parsed, extracted=len(parsed.events),
                      warnings=[display(w) for w in parsed.warnings])


def given_fields(kwargs: dict[str, Any]) -> tuple[str, ...]:
    """The article fields the caller gave (`published`, `source` and, for a source given
    as a URL, `url`): the ones an article already stored is updated to."""
    fields: list[str] = ["published"] if kwargs.get("published") is not None else []
    source = kwargs.get("source")
    if source:
        fields += ["source", "url"] if "://" in source else ["source"]
    return tuple(fields)


def store_parsed(engine: Engine, parsed: ParsedArticle, given: tuple[str, ...],
                 resolve_place: PlaceResolver | None) -> ArticleResult:
    """Write one parsed article. With metadata `given` (given_fields) and its text already
    stored, that article takes them, its relative dates read again against the new
    publication date (store.metadata.restate_article) instead of a plain "duplicate"."""
    record = record_from_parsed(parsed)
    if given:
        result = restate_article(engine, record, parsed.events, given=given,
                                 resolve_place=resolve_place)
        if result is not None:
            return result
    return write_article(engine, record, parsed.events, resolve_place=resolve_place)


def failed_result(path: Path, reason: str) -> FileResult:
    """The result of a file that did not go in, with its reason (escaped for display)."""
    return FileResult(display(str(path)), ArticleResult("failed", reason=display(reason)))


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
