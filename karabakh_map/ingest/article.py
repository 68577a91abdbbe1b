"""parse_article: raw article text in, cleaned text with its metadata and events out."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import urlparse

from karabakh_map.ingest.chrome import detect_source, html_to_text, looks_like_html, strip_chrome
from karabakh_map.ingest.classify import Candidate, extract_events
from karabakh_map.ingest.dates import find_dates, impossible_dates
from karabakh_map.ingest.dedup import content_hash
from karabakh_map.ingest.errors import BadInput
from karabakh_map.ingest.lang import detect_language
from karabakh_map.ingest.notes import format_date
from karabakh_map.ingest.places import GazetteerLike, find_places
from karabakh_map.ingest.pubdate import detect_published, impossible_date_line
from karabakh_map.ingest.reading import read_article_file
from karabakh_map.model import EventType, ExtractedEvent, FuzzyDate, Precision, Stance

FUTURE_SLACK = timedelta(days=1)  # an article dated "tomorrow" may be from a later time zone
EARLIEST = date(1900, 1, 1)  # no news article we read is older; an older date is a typo
BACKGROUND_GAP = timedelta(days=365)  # a dated report this long before the article
MAX_NOTED = 3  # impossible dates noted per article
CHANGES = frozenset({EventType.TRANSFER, EventType.CAPTURE})
HAPPENED = frozenset({EventType.TRANSFER, EventType.CAPTURE, EventType.CLASH,
                      EventType.DESTRUCTION})

@dataclass(frozen=True)
class ParsedArticle:
    """One article, cleaned, with what was found in it. Offsets of events index `text`."""

    text: str
    title: str | None
    published: date | None
    published_how: str  # "detected" | "given" | "missing"
    source: str | None
    url: str | None
    language: str
    events: list[ExtractedEvent] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    content_hash: str = ""  # dedup.content_hash of `text`: the article's identity


def _split_source(source: str | None) -> tuple[str | None, str | None]:
    """A --source value may be a publisher name or a URL; return (publisher, url)."""
    if not source:
        return None, None
    if re.match(r"https?://", source):
        host = urlparse(source).hostname or None
        return (host.removeprefix("www.") if host else None), source
    return source, None


def _title(text: str) -> str | None:
    first = next((line.strip() for line in text.split("\n") if line.strip()), "")
    if 0 < len(first) <= 200 and not re.search(r"[.!?\"”]$", first) and \
            not re.match(r"^(?:date|by)\b", first, re.IGNORECASE):
        return first
    return None


def parse_article(text: str, *, filename: str = "", published: date | None = None,
                  source: str | None = None, lang: str | None = None, url: str | None = None,
                  title: str | None = None, gazetteer: GazetteerLike | None = None,
                  today: date | None = None, _file_published: date | None = None
                  ) -> ParsedArticle:
    """Clean an article, detect its metadata and extract its events.

    `published`, `source`, `lang` (and `url`, `title`) override what is detected. Raises
    BadInput when nothing usable is left after cleaning, and when the publication date
    cannot be right: a date line naming a day that does not exist (31 February), or a
    date after `today` (default: the local date; one day of slack for time zones). Both
    are refused rather than dropped: the store knows an article by its text, so a second
    ingest with --published could not correct a date stored wrong or missing.
    """
    name = filename or "article"
    if looks_like_html(text):
        text, meta = html_to_text(text)
        title = title or meta.get("title")
        url = url or meta.get("url")
        source = source or meta.get("source")
        lang = lang or meta.get("lang")
    detected_source = detect_source(text)
    cleaned = strip_chrome(text)
    if len(re.findall(r"[^\W\d_]{2,}", cleaned)) < 3:
        raise BadInput(f"{name}: nothing recognisable (no words left after removing page chrome)")
    warnings: list[str] = []
    language = (lang or detect_language(cleaned)).lower()
    pub_src, pub_url = _split_source(source)
    url = url or pub_url
    pub_date: date | None
    if published is not None:
        pub_date, how = published, "given"
    elif _file_published is not None:
        pub_date, how = _file_published, "detected"
    else:
        found = detect_published(cleaned, language)
        pub_date, how = (found.date, "detected") if found else (None, "missing")
        bad_line = None if found else impossible_date_line(cleaned)
        if bad_line:
            raise BadInput(f"{name}: the date line {bad_line!r} names a day that does not "
                           f"exist; give the publication date with --published")
    _check_plausible(name, pub_date, how, today or date.today())
    if pub_date is None:
        warnings.append("no publication date found: relative dates are kept as unknown")
    warnings += [f"{bad!r} is not a calendar date: not used" for bad in
                 impossible_dates(cleaned, language)[:MAX_NOTED]]
    dates = find_dates(cleaned, pub_date, lang=language)
    if pub_date is None:  # day-month dates take the year of the latest full date, if any
        years = [d.date.earliest.year for d in dates
                 if d.date.precision is Precision.DAY and d.date.earliest]
        if years:
            dates = find_dates(cleaned, None, year_hint=max(years), lang=language)
    places = find_places(cleaned, gazetteer, lang=language)
    events = _not_after_article(_dedupe(extract_events(cleaned, places, dates, pub_date,
                                                          lang=language)),
                                pub_date, warnings)
    if not places:
        warnings.append("no known place found")
    if not events:
        warnings.append("no event recognised")
    return ParsedArticle(text=cleaned, title=title or _title(cleaned), published=pub_date,
                         published_how=how, source=pub_src or detected_source, url=url,
                         language=language,
                         events=events, warnings=warnings,
                         content_hash=content_hash(cleaned, cleaned=True))


def parse_file(path: str | Path, *, published: date | None = None, source: str | None = None,
               lang: str | None = None, gazetteer: GazetteerLike | None = None) -> ParsedArticle:
    """Read and parse one article file; the arguments override what the file says."""
    raw = read_article_file(path)
    parsed = parse_article(raw.text, filename=raw.path, published=published,
                           source=source or raw.source or raw.url, lang=lang or raw.lang,
                           url=raw.url, title=raw.title, gazetteer=gazetteer,
                           _file_published=raw.published)
    return replace(parsed, warnings=[*raw.notes, *parsed.warnings]) if raw.notes else parsed


def _check_plausible(name: str, pub_date: date | None, how: str, today: date) -> None:
    """Refuse a publication date after today (with a day's slack) or before 1900."""
    if pub_date is not None and pub_date < EARLIEST:
        if how == "given":
            raise BadInput(f"{name}: the publication date given, {pub_date}, is before "
                           f"{EARLIEST.year}")
        raise BadInput(f"{name}: publication date {pub_date} is before {EARLIEST.year}: a "
                       f"wrong date line? give the publication date with --published")
    if pub_date is None or pub_date <= today + FUTURE_SLACK:
        return
    if how == "given":
        raise BadInput(f"{name}: the publication date given, {pub_date}, is after today "
                       f"({today})")
    raise BadInput(f"{name}: publication date {pub_date} is after today ({today}): a wrong "
                   f"date line? give the publication date with --published")


def _not_after_article(events: list[ExtractedEvent], published: date | None,
                       warnings: list[str]) -> list[ExtractedEvent]:
    """Something that happened (a handover, a capture, a clash, destruction) cannot be dated
    after the article reporting it: such a date is a typo, and the report is kept undated
    (no later than the article), with a note. Deadlines may lie ahead; they are untouched."""
    if published is None:
        return events
    out = []
    for e in events:
        first = e.date.earliest
        if e.type in HAPPENED and first is not None and first > published + FUTURE_SLACK:
            where = e.district_id or e.place_id or "an unknown place"
            warnings.append(f"{e.type.value} in {where} dated {format_date(e.date)}, after "
                            f"the article: kept undated")
            e = replace(e, date=FuzzyDate(Precision.UNKNOWN, None, published))
        out.append(e)
    return out


def _dedupe(cands: list[Candidate]) -> list[ExtractedEvent]:
    """One event per (type, place, date) per article; a dated report beats an undated one;
    one postponement per place (see _postponements)."""
    return _postponements(_unique(cands))


def _postponements(events: list[ExtractedEvent]) -> list[ExtractedEvent]:
    """An article that mentions one postponement twice ("ten more days" here, "the 15th
    was put off" there) reports one postponement: its reports of a place are combined when
    they do not name different previous deadlines. A deadline of the same place later than
    the one postponed became known with the postponement (no later than its date), not with
    the first agreement nor only with the article."""
    by_place: dict[tuple[str | None, str | None], list[ExtractedEvent]] = {}
    for e in events:
        if e.type is EventType.POSTPONEMENT:
            by_place.setdefault((e.place_id, e.district_id), []).append(e)
    merged: dict[int, ExtractedEvent | None] = {}
    for group in by_place.values():
        previous = {e.previous_deadline for e in group if e.previous_deadline}
        if len(group) < 2 or len(previous) > 1:
            continue
        prev = next(iter(previous), None)
        figures: dict[str, int] = {}
        for e in group:
            figures = {**e.figures, **figures}
        deadline = next((e.deadline for e in group if e.deadline), None)
        if deadline is None and prev and "days_added" in figures:
            deadline = prev + timedelta(days=figures["days_added"])
        bounds = [e.date.latest for e in group if e.date.latest]
        best = max(group, key=lambda e: (e.previous_deadline is not None, e.deadline is not None))
        combined = replace(best, previous_deadline=prev, deadline=deadline, figures=figures,
                           date=FuzzyDate(Precision.UNKNOWN, None, min(bounds) if bounds else None))
        for e in group:
            merged[id(e)] = None
        merged[id(group[0])] = combined
    out = [merged.get(id(e), e) for e in events]
    kept = [e for e in out if e is not None]
    moved = {(e.place_id, e.district_id): e for e in kept
             if e.type is EventType.POSTPONEMENT and e.previous_deadline and e.date.latest}
    result = []
    for e in kept:
        post = moved.get((e.place_id, e.district_id))
        if (post and e.type is EventType.SCHEDULED and e.deadline and post.previous_deadline
                and e.deadline > post.previous_deadline):
            e = replace(e, announced=post.date.latest)
        result.append(e)
    return result


def _unique(cands: list[Candidate]) -> list[ExtractedEvent]:
    """One event per (type, place, stance, date): a claim and its denial are two reports. An
    undated report gives way to a dated one of the same key, unless every dated one is
    background (a year or more before the article: "occupied in 1993" is another event)."""
    dated: dict[tuple[object, ...], list[date | None]] = {}
    for c in cands:
        if c.explicit:
            e = c.event
            dated.setdefault((e.type, e.place_id, e.district_id, e.stance is Stance.DENIES),
                             []).append(e.date.latest)
    changed: dict[tuple[object, ...], list[date | None]] = {}
    for c in cands:
        e = c.event
        if e.date.earliest is not None and e.type in CHANGES and e.stance is not Stance.DENIES:
            changed.setdefault((e.place_id, e.district_id), []).append(e.date.latest)
    # a capture the article both tells and says a side announced, on one day, is that claim
    claimed = {(e.type, e.place_id, e.district_id, e.date) for c in cands
               if (e := c.event).stance is Stance.CLAIMS and e.date.earliest is not None}
    # one place changing hands on one day, told as a capture and as a handover ("liberated",
    # "returned"), is one change: the first told stands
    first_kind: dict[tuple[object, ...], EventType] = {}
    for c in cands:
        e = c.event
        if e.type in CHANGES and e.date.precision is Precision.DAY:
            first_kind.setdefault((e.place_id, e.district_id, e.date, e.stance), e.type)
    out: list[ExtractedEvent] = []
    seen: set[tuple[object, ...]] = set()
    for c in cands:
        e = c.event
        if e.stance is Stance.REPORTS and (e.type, e.place_id, e.district_id, e.date) in claimed:
            continue
        if e.type in CHANGES and first_kind.get((e.place_id, e.district_id, e.date, e.stance),
                                                e.type) is not e.type:
            continue
        key = (e.type, e.place_id, e.district_id, e.stance is Stance.DENIES)
        if not c.explicit and not e.figures and any(
                not _background(latest, e.date.latest) for latest in dated.get(key, ())):
            continue
        # an undated change of a place the article dates elsewhere is that dated change
        if e.date.earliest is None and e.type in CHANGES and e.stance is not Stance.DENIES and any(
                not _background(latest, e.date.latest)
                for latest in changed.get((e.place_id, e.district_id), ())):
            continue
        full = (*key, e.stance, e.date, tuple(sorted(e.figures.items())))
        if full in seen:
            continue
        seen.add(full)
        out.append(e)
    return out


def _background(latest: date | None, published: date | None) -> bool:
    """Whether a dated report ends a year or more before the article (`published`)."""
    return latest is not None and published is not None and \
        latest < published - BACKGROUND_GAP
