"""`karabakh-map ingest FILE.csv`: an ACLED CSV file into the store, one event per row.

ingest.acled reads the rows (either of ACLED's column sets); each is stored as an event
reported by a record of its own (no text; publisher: the row's sources; dated by the row),
so the same file again adds nothing and its events merge with the articles' reports.
"""

from __future__ import annotations

from pathlib import Path

from karabakh_map.ingest import MAX_BYTES, BadInput
from karabakh_map.ingest.acled import Locate, read_acled
from karabakh_map.pipeline import FileResult, display, failed_result
from karabakh_map.store import ArticleRecord, ArticleResult, Engine, PlaceResolver, write_article

MAX_SKIPPED_SHOWN = 20  # rows left out that an ACLED file's report names one by one


def ingest_acled(engine: Engine, path: Path, *, resolve_place: PlaceResolver | None = None,
                 locate: Locate | None = None) -> FileResult:
    """Store each row of an ACLED CSV file (ingest.acled) as an event reported by a record
    of its own (no text; publisher: the row's sources; dated by the row), one transaction
    per row: a row that fails is reported and the rest goes in. The same file again adds
    nothing. `locate` finds a row's place and district (default: the gazetteer's)."""
    try:
        if path.stat().st_size > MAX_BYTES:
            raise BadInput(f"{path}: larger than {MAX_BYTES:,} bytes")
        text = path.read_bytes().decode("utf-8-sig")
        found = read_acled(text, locate or gazetteer_locate())
    except UnicodeDecodeError:
        return failed_result(path, f"{path}: not UTF-8 text (ACLED's CSV files are)")
    except BadInput as exc:
        return failed_result(path, f"{path}: {exc}" if str(path) not in str(exc) else str(exc))
    except OSError as exc:
        return failed_result(path, f"{path}: {exc.strerror or exc}")
    total = ArticleResult("duplicate")
    new = stored = 0
    skipped = list(found.skipped)
    for row in found.rows:
        record = ArticleRecord(title=f"ACLED {row.event_id}", source=row.source,
                               published=row.published, published_how="detected")
        try:
            result = write_article(engine, record, [row.event], resolve_place=resolve_place)
        except Exception as exc:  # that row alone: write_article has rolled it back
            skipped.append(f"line {row.line} ({row.event_id}): {type(exc).__name__}: {exc}")
            continue
        new += result.status == "new"
        stored += result.status == "duplicate"
        total.events_new += result.events_new
        total.events_merged += result.events_merged
        total.event_ids += result.event_ids
    # Rows read but none stored (each failed in the store) is a failure, not "nothing new".
    total.status = "new" if new else "duplicate" if stored or not found.rows else "failed"
    said = f"ACLED CSV ({found.columns} columns): {len(found.rows)} rows read, {new} new"
    said += f", {stored} already stored" if stored else ""
    said += f", {len(skipped)} skipped" if skipped else ""
    said += f"; events {total.events_new} new / {total.events_merged} merged"
    total.reason = said
    shown = [display(s) for s in skipped[:MAX_SKIPPED_SHOWN]]
    if len(skipped) > MAX_SKIPPED_SHOWN:
        shown.append(f"{len(skipped) - MAX_SKIPPED_SHOWN} more rows skipped")
    return FileResult(display(str(path)), total, extracted=len(found.rows), warnings=shown,
                      summary=display(said))


def gazetteer_locate() -> Locate:
    """A row's (place id, district id) from the gazetteer: the location when it knows
    it, else the admin1 name when that is a district (or a place in one)."""
    from karabakh_map import areas

    def locate(location: str, admin1: str) -> tuple[str | None, str | None]:
        for name in (location, admin1):
            found = areas.place_filter(name) if name else None
            if found:
                places, districts = found
                return (places[0] if places and name == location else None,
                        districts[0] if districts else None)
        return None, None

    return locate
