"""Publication date detection at the top of an article."""

from __future__ import annotations

from datetime import date

import pytest

from karabakh_map.ingest.pubdate import detect_published


@pytest.mark.parametrize(("text", "expected", "how"), [
    ("A made-up headline\n\nMarch 3, 2021\n\nBody text.", date(2021, 3, 3), "date line"),
    ("date 2021-03-04 Body text starts right away.", date(2021, 3, 4), "date prefix"),
    ("Headline\n\n07:40  5 march  2021\n\nBody.", date(2021, 3, 5), "date line"),
    ("Headline\n\nBy Jane Roe March 6, 2021\n\nBody.", date(2021, 3, 6), "byline"),
    ("Headline\n\nMarch 7, 2021 06:10 pm | Updated 07:00 pm IST - Town\n\nBody.",
     date(2021, 3, 7), "date line"),
    ("Headline\n\nA photo of a bridge after the repairs. March 8, 2021.\n\nBody.",
     date(2021, 3, 8), "date closing a caption"),
    ("Headline\n\n9. März 2021\n\nBody.", date(2021, 3, 9), "date line"),
    ("Headline\n\n9 Mrz. 2021\n\nBody.", date(2021, 3, 9), "date line (dateparser)"),
])
def test_forms(text: str, expected: date, how: str) -> None:
    found = detect_published(text)
    assert found is not None
    assert (found.date, found.how) == (expected, how)


def test_page_stamp_is_not_the_date() -> None:
    text = "Last update: May 2, 2024 10:00\n\nHeadline\n\nBy A. Writer March 6, 2021\n\nBody."
    found = detect_published(text)
    assert found is not None and found.date == date(2021, 3, 6)
    assert detect_published("Updated: May 2, 2024\n\nHeadline\n\nNo date here.") is None


def test_span_covers_the_date_line() -> None:
    text = "Headline\n\nBy Jane Roe March 6, 2021\n\nBody."
    found = detect_published(text)
    assert found is not None
    assert text[found.start:found.end] == "By Jane Roe March 6, 2021"


def test_dates_deep_in_the_body_are_not_publication_dates() -> None:
    body = "\n\n".join(f"Paragraph {i} with plain words." for i in range(15))
    assert detect_published(f"Headline\n\n{body}\n\nMarch 6, 2021") is None
    assert detect_published("Headline\n\nThe bridge opened on March 6, 2021 to traffic.") is None


@pytest.mark.parametrize(("line", "given", "message"), [
    ("date 1899-12-31", None, "publication date 1899-12-31 is before 1900: a wrong date line? "
                              "give the publication date with --published"),
    ("date 2020-11-20", date(1850, 1, 1), "the publication date given, 1850-01-01, is before "
                                          "1900"),
])
def test_publication_dates_before_1900_are_refused(line: str, given: date | None,
                                                   message: str) -> None:
    from karabakh_map.ingest import BadInput, parse_article

    text = f"Tartar news\n\n{line}\n\nAzerbaijani troops entered Tartar on 20 November 2020."
    with pytest.raises(BadInput) as err:
        parse_article(text, filename="a.txt", published=given)
    assert str(err.value) == f"a.txt: {message}"
