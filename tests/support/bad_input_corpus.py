"""A generated corpus of bad (and a few good) article files, with the outcome each should get.

Our own sentences throughout; nothing is taken from real articles.
"""

from __future__ import annotations

import bz2
import gzip
import io
import json
import lzma
import random
import zipfile
from datetime import date, timedelta
from pathlib import Path

HUGE_BYTES = 50 * 1024 * 1024
BOMB_BYTES = 20_000_000  # what the gzip "article" unpacks to (it never is)

PRELOADED = ("Kalbajar handed over\n\ndate 2020-11-25\n\n"
             "Azerbaijani troops entered Kalbajar district on 25 November 2020, ten days "
             "later than first agreed. Families had left their villages the week before.\n")

GOOD_TXT = ("Aghdam returns\n\ndate 2020-11-20\n\n"
            "Azerbaijani troops entered Aghdam district on 20 November 2020 under the "
            "ceasefire statement. The town was taken over without fighting.\n")
GOOD_JSON = {"title": "Fuzuli reporting", "published": "2020-11-12", "source": "Test Wire",
             "text": "Azerbaijani officials toured the town of Fuzuli on 11 November 2020, "
                     "a day after the ceasefire took effect. Roads were still being cleared."}

# (file name) -> (status, regular expression the per-file line's detail must match)
Expected = dict[str, tuple[str, str]]


def _archive(kind: str) -> bytes:
    payload = b"Aghdam " * (BOMB_BYTES // 7)
    if kind == "gzip":
        return gzip.compress(payload, compresslevel=6)
    small = payload[:2_000_000]  # bz2/xz/zip are slower to make; the magic is what matters
    if kind == "bz2":
        return bz2.compress(small, 1)
    if kind == "xz":
        return lzma.compress(small, preset=0)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("article.txt", small)
    return buf.getvalue()


def write_corpus(folder: Path, *, today: date) -> Expected:
    """Write the corpus into `folder` (created); return each file's expected outcome."""
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(6)
    files: dict[str, bytes] = {}
    expected: Expected = {}

    def add(name: str, data: bytes | str, status: str, pattern: str) -> None:
        files[name] = data.encode("utf-8") if isinstance(data, str) else data
        expected[name] = (status, pattern)

    # good ones
    add("good_aghdam.txt", GOOD_TXT, "new", r"^article \d+, events")
    add("good_fuzuli.json", json.dumps(GOOD_JSON), "new", r"^article \d+, events")
    # empty, binary, archives (never unpacked)
    add("empty.txt", b"", "failed", "empty file")
    add("blank.md", b"  \n\t\n", "failed", "empty")
    noise = bytes(rng.choice([*range(1, 9), *range(14, 32), *range(128, 256)])
                  for _ in range(4000))
    add("noise.txt", noise, "failed", "binary data|undecodable")
    add("nul_bytes.txt", bytes(rng.randrange(256) for _ in range(4000)) + b"\x00", "failed",
        "binary data")
    add("image.txt", b"\x89PNG\r\n\x1a\n" + bytes(rng.randrange(256) for _ in range(600)),
        "failed", r"binary data \(a PNG image\)")
    add("bomb_gzip.txt", _archive("gzip"), "failed", r"binary data \(a gzip archive\)")
    add("bomb_bz2.txt", _archive("bz2"), "failed", r"binary data \(a bzip2 archive\)")
    add("bomb_xz.txt", _archive("xz"), "failed", r"binary data \(an xz archive\)")
    add("bomb_zip.html", _archive("zip"), "failed", r"binary data \(a ZIP archive")
    add("bomb_zstd.txt", b"\x28\xb5\x2f\xfd" + bytes(rng.randrange(256) for _ in range(200)),
        "failed", r"binary data \(a zstandard archive\)")
    # encodings
    cut = ("Shusha road\n\ndate 2020-11-28\n\nTraffic on the road from Shusha resumed on "
           "27 November 2020, drivers said. Последняя новость: дорога откры").encode()
    add("cut_at_end.txt", cut + "т".encode()[:1], "new",
        r"note: cut off inside a character: the last 1 byte\(s\) dropped")
    names = ("Lachin news\n\ndate 2020-12-02\n\nPeople in Ağdam, Kəlbəcər and Laçın listened "
             "to the news on 1 December 2020. In Ağdam the market reopened; Kəlbəcər stayed "
             "closed. ").encode()
    add("cut_in_middle.txt", names[:60] + "ə".encode()[:1] + names[60:], "new",
        r"note: 1 byte sequence\(s\) that are not UTF-8 replaced")
    add("latin1.txt", ("Les troupes azerbaïdjanaises sont entrées à Aghdam le 20 novembre "
                       "2020, selon le ministère. Les habitants étaient partis.\n"
                       ).encode("latin-1"), "new", r"note: not UTF-8: read as")
    add("cp1251.txt", ("Азербайджанские войска вошли в Агдам 20 ноября 2020 года. Жители "
                       "покинули город заранее, сообщило министерство.\n").encode("cp1251"),
        "new", r"note: not UTF-8: read as")
    # a UTF-8 byte-order mark an editor put before cp1251 text: read as cp1251, no garbling
    add("bom_cp1251.txt", b"\xef\xbb\xbf" + ("Жители Физули вернулись в город 22 ноября 2020 "
                                               "года, сообщили местные власти. Дороги ещё "
                                               "не расчищены.\n").encode("cp1251"),
        "new", r"note: a UTF-8 byte-order mark before text that is not UTF-8: mark dropped; "
               r"not UTF-8: read as cp1251")
    # HTML full of script, style and event handlers: only the prose is kept
    add("scripts.html",
        "<html><head><title>Zangilan notes</title><style>p { color: red }</style>"
        "<script>alert('head')</script></head><body onload=\"alert(1)\">"
        "<p onclick=\"steal()\">Residents of Zangilan described the shelling of 2020 to "
        "visiting reporters on 3 December 2020.</p><img src=x onerror=\"alert(2)\">"
        "<script>document.write('<p>injected</p>')</script></body></html>", "new",
        r"^article \d+")
    add("only_script.html", "<html><body><script>var a = 'Aghdam news';</script>"
        "<style>body { color: red }</style></body></html>", "failed", "no text")
    # JSON of the wrong shape
    add("json_text_number.json", json.dumps({"text": 42}), "failed",
        "JSON field 'text' must be a string, not int")
    add("json_text_list.json", json.dumps({"text": ["a", "b"]}), "failed",
        "JSON field 'text' must be a string, not list")
    add("json_text_null.json", json.dumps({"text": None}), "failed", "JSON field 'text' is null")
    add("json_published_list.json", json.dumps({**GOOD_JSON, "published": ["2020-11-12"]}),
        "failed", "JSON field 'published' must be a string, not list")
    add("json_top_array.json", json.dumps([GOOD_JSON]), "failed",
        "JSON must be an object with a text field, not list")
    add("json_invalid.json", '{"text": "Aghdam", ', "failed", "invalid JSON")
    add("json_feb31.json", json.dumps({**GOOD_JSON, "published": "2020-02-31"}), "failed",
        "publication date '2020-02-31' is not a calendar date")
    # dates that cannot be right
    add("feb31_date_line.txt", "Shusha news\n\ndate 2020-02-31\n\nAzerbaijani troops entered "
        "Shusha district on 8 November 2020, the ministry said.\n", "failed",
        "the date line 'date 2020-02-31' names a day that does not exist; give the "
        "publication date with --published")
    add("feb31_in_text.txt", "Jabrayil news\n\ndate 2020-11-15\n\nAzerbaijani troops entered "
        "Jabrayil district on 31 February 2020, the ministry said.\n", "new",
        "note: '31 February 2020' is not a calendar date: not used")
    future = today + timedelta(days=400)
    add("future.txt", f"Qubadli news\n\ndate {future}\n\nAzerbaijani troops entered Qubadli "
        f"district on {future:%-d %B %Y}, the ministry said.\n", "failed",
        rf"publication date {future} is after today \({today}\)")
    add("before_1900.txt", "Tartar news\n\ndate 1899-12-31\n\nAzerbaijani troops entered "
        "Tartar district on 20 November 2020, the ministry said.\n", "failed",
        "publication date 1899-12-31 is before 1900: a wrong date line[?] give the "
        "publication date with --published")
    add("json_year_1.json", json.dumps({**GOOD_JSON, "published": "0001-01-01"}), "failed",
        "publication date 0001-01-01 is before 1900: a wrong date line[?] give the "
        "publication date with --published")
    add("deadline_9999.txt", "Zangilan news\n\ndate 2020-11-21\n\nArmenian forces must leave "
        "Zangilan district by 31 December 9999, the ministry said.\n", "new", r"^article \d+")
    add("after_article.txt", "Lachin report\n\ndate 2020-11-30\n\nAzerbaijani troops entered "
        "Lachin district on 1 December 2031, the ministry said.\n", "new",
        "dated 1 Dec 2031, after the article: kept undated")

    for name, data in files.items():
        (folder / name).write_bytes(data)
    # 50 MB, written sparsely: a little text, then a hole up to the size
    with open(folder / "huge.txt", "wb") as f:
        f.write(GOOD_TXT.encode())
        f.truncate(HUGE_BYTES)
    expected["huge.txt"] = ("failed", r"52,428,800 bytes is over the limit of 5,000,000 bytes")
    return expected
