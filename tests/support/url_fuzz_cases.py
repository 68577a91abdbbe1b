"""Random and hostile dashboard URLs from a fixed seed, and what the dashboard must say.

Shared by tests/test_url_fuzz.py (the pure parser, and the pages under AppTest) and
bench/bench_url_fuzz.py (the real server in Chromium). A case is a raw query string, as a
browser sends it; `problems(values, ...)` is the rule book, written from what the URL
format promises (karabakh_map/urlstate.py's docstring and README), not from its code:

- any parameter, known or not, whose value is over 200 characters: one message;
- date / compare: non-empty and not an ISO date, or outside the data: one message each;
- district: non-empty and not a district id of the map: one message;
- layers: present and naming anything but corridor, peacekeepers, events, labels, tiles;
- compact: non-empty and not 1, 0, true or false;
- window: non-empty and not whole days 0 to 3650 in ASCII digits;
- as_of: non-empty and not an ISO date, or after today; reviews: non-empty and not all or
  confirmed; v: non-empty and not 6 to 64 lower-case hex digits;
- h, embed, embed_options and unknown keys: never a message (h falls back silently).
Empty values count as absent. Streamlit keeps the LAST of repeated keys and never shows
embed/embed_options to the app; the pure parser, given lists, reads the FIRST.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from datetime import date
from urllib.parse import parse_qs, quote

from karabakh_map.model import CORRIDOR_ID

SEED = 20201110
COUNT = 200
MAX_VALUE = 200
MAX_WINDOW = 3650
LAYERS = frozenset({"corridor", "peacekeepers", "events", "labels", "tiles"})
STREAMLIT_ONLY = frozenset({"embed", "embed_options"})

GOOD = {
    "date": ["2020-11-20", "2020-11-25", "2020-12-01", "1992-05-18", "2020-09-27", "20201119",
             ""],
    "compare": ["2020-11-19", "2020-10-01", "1993-07-23", ""],
    "district": ["AZ-AGM", "AZ-KAL", "AZ-LAC", CORRIDOR_ID, "AZ-TAR", ""],
    "layers": ["corridor", "corridor,events", "events,labels,tiles", "", ",,corridor,",
               "peacekeepers,peacekeepers"],
    "window": ["0", "7", "14", "60", "61", "365", "3650", ""],
    "compact": ["1", "0", "true", "false", ""],
    "h": ["336", "600", "2000", ""],
    "embed": ["true", "false"],
    "as_of": ["2020-11-14", "2020-11-16", "2021-06-01", ""],
    "reviews": ["all", "confirmed", ""],
    "v": ["0d3389e6df7e", "abcdef", ""],
}
BAD = {
    "date": ["2020-02-31", "2020-13-01", "99999-01-01", "-2020-11-20", "0000-00-00",
             "2020-11-20T00:00", "2020-11-20 ", " 2020-11-20", "２０２０-１１-２０", "yesterday",
             "2020-11-20\n", "2020-11-20\x00", "1800-01-01", "0001-01-01", "9999-12-31",
             "2035-06-01", "1990-12-31", "2020-12-02", "NaN", "null", "undefined"],
    "compare": ["2020-02-30", "tomorrow", "1900-01-01", "2021-01-01", "2020/11/19", "1e9"],
    "district": ["AZ-XXX", "az-agm", "AZ-AGM ", "../../etc/passwd", "AZ-AGM,AZ-KAL",
                 "AZ-AGM' OR '1'='1", "Aghdam", "AZ-LAN", "AZ-\u0410GM", "lachin corridor"],
    "layers": ["corridor,bogus", "CORRIDOR", "tiles;events", "labels\x00", "events\n",
               "nukes", "corridor,events,", "*"],
    "window": ["-1", "3651", "9" * 40, "1e3", "0x10", "٣", "²", "1.5", " 7", "+7", "7 ",
               "99999999999999999999999999"],
    "compact": ["yes", "2", "TRUE", "on", "1 ", "-1"],
    "h": ["abc", "-5", "99999999999999999999", "٣٠٠", "0", "1e3"],
    "embed": ["<script>alert(1)</script>", "", "TRUE", "1"],
    "as_of": ["2020-11-31", "today", "9999-12-31", "2020/11/14"],
    "reviews": ["retracted", "CONFIRMED", "unreviewed", "all "],
    "v": ["XYZ", "0D3389E6DF7E", "abc", "1" * 65, "../v"],
    "embed_options": ["dark_theme", "show_toolbar", "<img src=x onerror=alert(1)>", ""],
}
HOSTILE = [
    "<script>alert('url')</script>", "<img src=x onerror=alert(1)>", "\"><svg onload=alert(1)>",
    "javascript:alert(1)", "${alert(1)}", "{{7*7}}", "{% raw %}", "`alert(1)`", "\\",
    "'; DROP TABLE events; --", "1 OR 1=1", "\" OR \"\"=\"", "%00", "\x00", "\r\n\r\nX: y",
    "\u2028\u2029", "\u202e\u200b\ufeff", "🗺️🇦🇿", "é\u0301", "\ufffd", "../", "%",
    "![i](http://evil.example/i.png)", "[l](javascript:alert(1))", "$\\frac{1}{0}$",
    "=HYPERLINK(\"http://evil.example\")", "null", "[]", "{}", "__proto__",
]
KEYS = [*GOOD, "embed_options", "foo", "DATE", "date[]", "__proto__", "constructor",
        "utm_source", "Date", "layer", "district ", "k\u00e9y", "🔑"]
# Query strings as a browser may send them, beyond what quote() makes.
RAW = ["date=%ZZ", "date=%", "date=2020-11-20%00", "district=%0AAZ-AGM",
       "layers=corridor%2Cbogus", "date=2020-11-25;district=AZ-KAL", "&&&date=2020-11-25&&",
       "date", "=2020-11-25", "date==2020-11-25", "date=%E2%80%A8", "district=%ED%A0%80",
       "date=%C3", "window=+7", "layers=events+labels", "compact=1&compact=yes",
       "date=2020-11-25&date=2020-02-31", "date=2020-02-31&date=2020-11-25"]


@dataclass(frozen=True)
class Case:
    """One dashboard URL: `query` is what follows '?', percent-encoded as sent."""

    n: int
    query: str
    kind: str  # "valid", "hostile" or "raw"

    def lists(self) -> dict[str, list[str]]:
        """The query as Streamlit parses it (every value of every key)."""
        return parse_qs(self.query, keep_blank_values=True)

    def last(self) -> dict[str, str]:
        """What the app sees in st.query_params.to_dict(): the last value of each key."""
        return {k: v[-1] for k, v in self.lists().items() if k.lower() not in STREAMLIT_ONLY}

    def first(self) -> dict[str, str]:
        """What urlstate.parse reads when given the lists: the first value of each key."""
        return {k: v[0] for k, v in self.lists().items()}


def _iso_in(raw: str, span: tuple[date, date]) -> bool:
    try:
        day = date.fromisoformat(raw)
    except ValueError:
        return False
    return span[0] <= day <= span[1]


def problems(values: dict[str, str], *, span: tuple[date, date],
             district_ids: frozenset[str]) -> set[str]:
    """The keys whose value must draw a friendly message (see the module docstring)."""
    out = {k for k, v in values.items() if len(v) > MAX_VALUE}
    v = {k: val for k, val in values.items() if k not in out}
    for key in ("date", "compare"):
        if v.get(key) and not _iso_in(v[key], span):
            out.add(key)
    if v.get("district") and v["district"] not in district_ids:
        out.add("district")
    if "layers" in v and {n for n in v["layers"].split(",") if n} - LAYERS:
        out.add("layers")
    if v.get("compact") and v["compact"] not in ("1", "0", "true", "false"):
        out.add("compact")
    w = v.get("window")
    if w and not (w.isascii() and w.isdigit() and int(w) <= MAX_WINDOW):
        out.add("window")
    if v.get("as_of") and not _iso_in(v["as_of"], (date.min, date.today())):
        out.add("as_of")
    if v.get("reviews") and v["reviews"] not in ("all", "confirmed"):
        out.add("reviews")
    if v.get("v") and not re.fullmatch(r"[0-9a-f]{6,64}", v["v"]):
        out.add("v")
    return out


def is_compact(values: dict[str, str]) -> bool:
    """Whether the app shows the compact embed layout (the map alone)."""
    return values.get("compact") in ("1", "true")


def _encode(pairs: list[tuple[str, str]]) -> str:
    return "&".join(f"{quote(k, safe='')}={quote(v, safe='')}" for k, v in pairs)


def _hostile_value(rng: random.Random, key: str) -> str:
    pick = rng.random()
    if pick < 0.45 and key in BAD:
        return rng.choice(BAD[key])
    if pick < 0.75:
        return rng.choice(HOSTILE)
    if pick < 0.85:  # very long: 10k characters, sometimes a payload over and over
        unit = rng.choice(["a", "2020-11-20", "<script>", "AZ-AGM,", "é", "9"])
        return (unit * (10_000 // len(unit) + 1))[:10_000]
    if pick < 0.92:  # random printable and not so printable characters
        return "".join(chr(rng.choice([rng.randint(32, 126), rng.randint(0x80, 0x2FFF),
                                       rng.randint(0x1F300, 0x1F5FF)]))
                       for _ in range(rng.randint(1, 30)))
    return rng.choice(GOOD.get(key, [""])) + rng.choice(["\n", "%0A", "\x00", "'", "<", " "])


def cases(count: int = COUNT, seed: int = SEED) -> list[Case]:
    """`count` cases, the same ones for the same seed: about a fifth valid, the hand-made raw
    query strings, the rest random mixes of hostile values, keys and repeats."""
    rng = random.Random(seed)
    out: list[Case] = []
    for raw in RAW:
        out.append(Case(len(out), raw, "raw"))
    while len(out) < count:
        n = len(out)
        if rng.random() < 0.2:
            keys = rng.sample(list(GOOD), rng.randint(1, 4))
            pairs = [(k, rng.choice(GOOD[k])) for k in keys]
            out.append(Case(n, _encode(pairs), "valid"))
            continue
        pairs = []
        for _ in range(rng.randint(1, 5)):
            key = rng.choice(KEYS)
            if rng.random() < 0.05:
                key = "k" * 10_000  # a huge key
            value = _hostile_value(rng, key) if rng.random() < 0.8 else \
                rng.choice(GOOD.get(key, ["x"]))
            pairs.append((key, value))
            if rng.random() < 0.15:  # the same key again
                pairs.append((key, rng.choice([*GOOD.get(key, ["x"]), *HOSTILE[:5]])))
        out.append(Case(n, _encode(pairs), "hostile"))
    return out
