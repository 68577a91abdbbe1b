"""Permalinks and iframe snippets."""

from __future__ import annotations

from datetime import date
from urllib.parse import parse_qs, urlsplit

from karabakh_map.embed import embed_url, iframe_snippet, permalink
from karabakh_map.urlstate import ViewState, parse


def test_permalink_round_trips_through_the_codec():
    state = ViewState(date(2020, 11, 25), district="AZ-KAL")
    link = permalink("https://maps.example.org/team/?old=1", state)
    parts = urlsplit(link)
    assert parts.path == "/team/"
    query = {k: v[0] for k, v in parse_qs(parts.query).items()}
    assert "old" not in query
    assert parse(query)[0] == state


def test_embed_url_is_compact_in_embed_mode():
    url = embed_url("http://localhost:8501/", ViewState(date(2020, 12, 1)))
    query = parse_qs(urlsplit(url).query)
    assert query["embed"] == ["true"] and query["compact"] == ["1"]
    assert query["date"] == ["2020-12-01"]
    assert query["h"] == ["300"]  # fits the 300 px minimum frame


def test_map_height_from_the_query():
    from karabakh_map.embed import map_height

    assert map_height("520") == 520
    assert map_height(None) == map_height("x") == map_height("²") == 300
    assert map_height("10") == 300 and map_height("99999") == 2000


def test_iframe_snippet_escapes_and_keeps_a_minimum_size():
    snippet = iframe_snippet('http://h/"><script>x</script>', ViewState(), 300, 200)
    assert "<script>" not in snippet
    assert 'width="400" height="300"' in snippet
    assert 'width="600" height="400"' in iframe_snippet("http://h/", ViewState())  # default
    assert "h=400&" in iframe_snippet("http://h/", ViewState())  # the map fills the frame
    assert snippet.startswith("<iframe ") and snippet.endswith("</iframe>")
