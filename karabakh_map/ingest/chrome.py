"""Page chrome: HTML to text, and removal of the boilerplate that web captures drag along.

HTML pages go through trafilatura (main text without navigation, reader comments, "read more"
teasers and related links) and htmldate (the publication date, also when only JSON-LD gives
it). The standard library's html.parser reads the page's own metadata (title, canonical URL,
site name, language) and is the fallback for fragments too small for trafilatura. Plain text
never goes through trafilatura: `strip_chrome` removes what captures drag along.
"""

from __future__ import annotations

import re
import unicodedata
from html.parser import HTMLParser

_DROP_TAGS = {"script", "style", "noscript", "template", "svg", "iframe", "nav", "header",
              "footer", "aside", "form", "button", "select", "figure-ad", "canvas", "object"}
_BLOCK_TAGS = {"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr",
               "table", "section", "article", "blockquote", "figcaption", "figure", "main",
               "time", "dd", "dt", "pre", "hr"}
MIN_MAIN_TEXT = 250  # characters; trafilatura's own floor for a page's main text
_VOID_TAGS = {"br", "hr", "img", "meta", "link", "input", "source", "wbr", "area", "base", "col"}


def looks_like_html(text: str) -> bool:
    """True when the text is an HTML document or fragment rather than plain prose."""
    head = text.lstrip()[:1000].lower()
    if head.startswith(("<!doctype html", "<html")):
        return True
    return len(re.findall(r"</?(?:p|div|body|article|span|br|h1|script)\b", head)) >= 2


class _TextExtractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.article_parts: list[str] | None = None
        self._skip = 0
        self._in_title = False
        self._article_depth = 0
        self.meta: dict[str, str] = {}
        self._title: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k.lower(): (v or "") for k, v in attrs}
        if tag == "html" and a.get("lang"):
            self.meta.setdefault("lang", a["lang"].split("-")[0].lower())
        if tag == "meta":
            self._meta(a)
        if tag == "link" and a.get("rel", "").lower() == "canonical" and a.get("href"):
            self.meta.setdefault("url", a["href"])
        if tag in _VOID_TAGS:
            if tag == "br":
                self._emit("\n")
            return
        if tag in _DROP_TAGS:
            self._skip += 1
            return
        if tag == "title":
            self._in_title = True
        if tag == "article":
            self._article_depth += 1
            if self.article_parts is None:
                self.article_parts = []
        if tag in _BLOCK_TAGS:
            self._emit("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _DROP_TAGS:
            self._skip = max(0, self._skip - 1)
            return
        if tag == "title":
            self._in_title = False
        if tag in _BLOCK_TAGS:
            self._emit("\n\n")
        if tag == "article":
            self._article_depth = max(0, self._article_depth - 1)

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self._title.append(data)
            return
        if self._skip:
            return
        self._emit(data)

    def _emit(self, s: str) -> None:
        self.parts.append(s)
        if self._article_depth and self.article_parts is not None:
            self.article_parts.append(s)

    def _meta(self, a: dict[str, str]) -> None:
        key = (a.get("property") or a.get("name") or a.get("itemprop") or "").lower()
        content = a.get("content", "").strip()
        if not content:
            return
        mapping = {"og:title": "title", "og:url": "url", "og:site_name": "source",
                   "article:published_time": "published", "datepublished": "published",
                   "date": "published", "pubdate": "published"}
        if key in mapping:
            self.meta.setdefault(mapping[key], content)

    def title(self) -> str | None:
        t = " ".join("".join(self._title).split())
        return t or None


def html_to_text(html: str) -> tuple[str, dict[str, str]]:
    """Convert an HTML page to paragraphs of text; return (text, metadata).

    The main text comes from trafilatura (no comments, teasers or navigation); when it finds
    none, our own reader keeps the <article> element if there is one, else the body without
    scripts, styles and navigation. Metadata keys: title, url, source, published (YYYY-MM-DD,
    htmldate: meta tags and JSON-LD, never a date guessed from the text), lang, when present.
    """
    parser = _TextExtractor()
    parser.feed(html)
    parser.close()
    meta = dict(parser.meta)
    text = _main_text(html, meta)
    if text is None:
        parts = parser.article_parts if parser.article_parts else parser.parts
        text = "".join(parts)
    title = parser.title()
    if "title" not in meta and title:
        meta["title"] = title
    if "published" not in meta and re.search(r"<\w", html):
        found = _page_date(html)
        if found:
            meta["published"] = found
    paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n", text)]
    return "\n\n".join(p for p in paragraphs if p), meta


def _main_text(html: str, meta: dict[str, str]) -> str | None:
    """trafilatura's main text (paragraphs apart) and metadata; None when it finds no text."""
    import trafilatura  # imported here: slow to load, and plain-text ingest never needs it

    doc = trafilatura.bare_extraction(
        html, include_comments=False, include_tables=False, with_metadata=True,
        date_extraction_params={"extensive_search": False, "original_date": True})
    if doc is None or len(getattr(doc, "text", None) or "") < MIN_MAIN_TEXT:
        return None  # a fragment: trafilatura's fallback would keep the navigation too
    for key, attr in (("title", "title"), ("source", "sitename"), ("url", "url")):
        value = getattr(doc, attr, None)
        if value and key not in meta:
            meta[key] = str(value)
    return "\n\n".join(str(getattr(doc, "text", "")).split("\n"))


def _page_date(html: str) -> str | None:
    """The publication date of a page from its markup (meta tags, JSON-LD, <time>)."""
    from htmldate import find_date

    found = find_date(html, extensive_search=False, original_date=True,
                      outputformat="%Y-%m-%d")
    return str(found) if found else None


# --- plain-text chrome ------------------------------------------------------------------

_LINE_DROP = [re.compile(p, re.IGNORECASE) for p in (
    r"^loading\W*$",
    r"^(?:read more|also read|see also|related|recommended|more on this)\s*:",
    r"^last\s+updated?\s*:",
    r"^updated\s*:\s",
    r"^usr\s*:\s*\d+$",
    r"^this is interesting!?$",
    r"^\d+\s*/\s*\d+$",
    r"^(?:sign in|sign up|log in|login|subscribe|register)\b.{0,60}$",
    r"^comments?(?:\s*\(\d+\))?$",
    r"^(?:share|share this|print|email|tweet|advertisement|none|skip to content)$",
    r"^\S+(?:\s\S+)?\s+logo$",
    r"^(?:ap|afp|reuters|getty images|epa|tass|anadolu)$",
    r"^[•·▪●*-]\s+(?:access|save|sign|get|manage)\b",
)]
# Whole-line comment and membership boilerplate, recognised by the words it always uses.
_BOILERPLATE = re.compile(
    r"community guidelines|commenting platform|registered user|member-only|"
    r"comments have to be|login to post comments|log in to post comments|"
    r"free stories every month|newsletter subscriptions|older comments",
    re.IGNORECASE)
# A closing agency credit ("With AFP") ends the article; what follows is teasers.
_END_CREDIT = re.compile(r"^(?:with|source:?)\s+(?:afp|ap|reuters|agencies|tass)\.?$",
                         re.IGNORECASE)
_CAPTION_CREDIT = re.compile(r"©\s*[^.©]{1,60}?,\s*(?:AFP|AP|Reuters|EPA|Getty Images)\b\s*")
# No leading \s*: a search would rescan a whole run of spaces from each of its positions.
_SOURCE_INLINE = re.compile(r"\bSource\s*:\s*(?P<src>[\w.-]+\.[a-z]{2,})\b", re.IGNORECASE)

# Every character Python counts as white space becomes a plain space or, for the line and
# paragraph separators, a line end; zero-width characters go. After this the text's only
# white space is " " and "\n", so no later pattern meets a long run of an odd space.
# (tests/test_ingest_chrome.py checks that the two lists hold every str.isspace character.)
LINE_BREAKS = "\r\v\f\x1c\x1d\x1e\x85\u2028\u2029"
SPACES = "\t\x1f\xa0\u1680" + "".join(map(chr, range(0x2000, 0x200b))) + "\u202f\u205f\u3000"
ZERO_WIDTH = "\u180e\u200b\u200c\u200d\u2060\ufeff"
_SPACES = str.maketrans({**dict.fromkeys(SPACES, " "), **dict.fromkeys(LINE_BREAKS, "\n"),
                         **dict.fromkeys(ZERO_WIDTH)})
_SPACE_RUN = re.compile(r" {2,}")


def normalise_spaces(text: str) -> str:
    """Unify line ends and every Unicode space (tabs, NBSP, em and ideographic spaces, line
    separators), drop zero-width characters, collapse runs of spaces, strip every line."""
    text = text.replace("\r\n", "\n").translate(_SPACES)
    text = unicodedata.normalize("NFC", text)
    return "\n".join(line.strip(" ") for line in _SPACE_RUN.sub(" ", text).split("\n"))


# A publisher's name: capitalised words ending in a word that names a news outlet.
_OUTLET = (r"(?P<pub>(?:[A-Z][\w&.'-]*\s){0,3}(?:News|Press|Agency|Times|Post|Herald|Media|"
           r"Radio|TV|Television|Service|Telegraph|Journal|Gazette|Tribune))")
_DATELINES = [re.compile(p, re.MULTILINE) for p in (
    r"^[A-ZÀ-ÝА-Я][\w.' -]{1,40}?(?:,[^()\n]{2,25})?\s*\((?P<pub>[A-Z][\w&. ]{0,24}?)\)\s*[-–—]",
    r"^(?:By|Par|Von)\s+[^,\n]{2,60},\s*" + _OUTLET + r"\s*(?:,|$)",
    r"^" + _OUTLET + r"\s*$",
)]
HEAD_LINES = 8


def detect_source(text: str) -> str | None:
    """A publisher named in the capture itself: a 'Source: france24.com' line, a wire
    dateline ("BAKU (Reuters) -"), a byline ending in an outlet ("By J. Roe, BBC News") or
    an outlet's name alone on one of the first lines."""
    m = _SOURCE_INLINE.search(text[:3000])
    if m:
        return m.group("src").lower()
    lines = [line.strip() for line in text[:3000].split("\n") if line.strip()]
    head = "\n".join(lines[:HEAD_LINES])
    for pattern in _DATELINES:
        m = pattern.search(head)
        if m:
            return " ".join(m.group("pub").split())
    return None


def strip_chrome(text: str) -> str:
    """Remove page chrome and return the article as paragraphs separated by blank lines."""
    text = normalise_spaces(text)
    paragraphs: list[str] = []
    seen: set[str] = set()
    lines = text.split("\n")
    for line in lines:
        if not line:
            if paragraphs and paragraphs[-1] != "":
                paragraphs.append("")
            continue
        if _END_CREDIT.match(line) and sum(1 for para in paragraphs if para) >= 2:
            break
        if any(p.search(line) for p in _LINE_DROP) or _BOILERPLATE.search(line):
            continue
        line = _SPACE_RUN.sub(" ", _SOURCE_INLINE.sub("", line)).strip()
        line = _strip_caption_original(line)
        key = _dedup_key(line)
        if not key:
            continue
        if key in seen and len(key) > 15:
            continue  # captions and date lines repeated by the page layout
        seen.add(key)
        paragraphs.append(_drop_repeated_heading(line, paragraphs))
    while paragraphs and paragraphs[-1] == "":
        paragraphs.pop()
    out = "\n".join(paragraphs)
    return re.sub(r"\n{2,}", "\n\n", out).strip()


def _dedup_key(line: str) -> str:
    return " ".join(re.findall(r"\w+", line.casefold()))


def _strip_caption_original(line: str) -> str:
    """A caption in another language followed by a photo credit and its translation: keep
    the translation only."""
    m = _CAPTION_CREDIT.search(line)
    if m and m.end() < len(line) - 20:
        return line[m.end():].strip()
    return line


def _drop_repeated_heading(line: str, previous: list[str]) -> str:
    """Video and teaser blocks repeat their heading at the start of the next paragraph."""
    last = next((p for p in reversed(previous) if p), "")
    if last and len(last) > 15 and line.startswith(last) and len(line) > len(last) + 20:
        return line[len(last):].strip()
    return line
