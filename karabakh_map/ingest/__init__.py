"""Article ingest, extraction half: raw article file or text in, ParsedArticle out.

Pure functions, no database. `parse_article` cleans the text, detects publication date, source
and language, and extracts events with their places, dates and supporting offsets.
"""

from karabakh_map.ingest.article import ParsedArticle, parse_article, parse_file
from karabakh_map.ingest.dedup import content_hash, normalise_for_hash
from karabakh_map.ingest.errors import BadInput
from karabakh_map.ingest.lang import detect_language
from karabakh_map.ingest.reading import MAX_BYTES, RawArticle, read_article_file

__all__ = [
    "MAX_BYTES",
    "BadInput",
    "ParsedArticle",
    "RawArticle",
    "content_hash",
    "detect_language",
    "normalise_for_hash",
    "parse_article",
    "parse_file",
    "read_article_file",
]
