"""The boilerplate layer on invented articles in the shapes news sites use (none from the seed)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from unspun import ingest
from unspun.document import Document

BODY = [
    "The regional water authority said on Wednesday that reservoir levels had fallen to 41 percent, "
    "the lowest for the time of year since records began in 1976.",
    "Officials asked households to cut use by a fifth and warned that a hosepipe ban could follow in July "
    "if the dry weather continued.",
    "Farmers' groups said irrigation limits were already hurting yields of potatoes and salad crops.",
    "He declined to comment.",
]


def _doc(lines: list[str]) -> Document:
    return ingest.from_text("\n\n".join(lines))


def _labels(doc: Document) -> dict[str, str]:
    return {doc.span_text(s): s.label for s in doc.layer("boilerplate")}


def _body(doc: Document) -> str:
    return "\n\n".join(doc.span_text(s) for s in doc.layer("body"))


def test_header_and_tail_chrome_of_a_plain_text_page():
    lines = [
        "Reservoirs hit record low as dry spell continues",
        "By Anna Kowalski and Ben Osei",
        "Published 12 June 2023",
        "Topics: Environment, Water",
        "Sign up for our morning briefing newsletter",
        *BODY,
        "Share this article on Facebook",
        "Anna Kowalski is an environment correspondent based in Leeds.",
        "Photo: A dry reservoir bed near Harrogate. Credit: staff photographer",
        "© 2023 The Valley Courier. All rights reserved.",
        "Contact us: newsdesk@valleycourier.co.uk",
    ]
    doc = _doc(lines)
    labels = _labels(doc)
    assert labels["Sign up for our morning briefing newsletter"] == "newsletter"
    assert labels["Share this article on Facebook"] == "share"
    assert labels["Anna Kowalski is an environment correspondent based in Leeds."] == "bio"
    assert labels["Photo: A dry reservoir bed near Harrogate. Credit: staff photographer"] == "credit"
    assert labels["© 2023 The Valley Courier. All rights reserved."] == "copyright"
    assert labels["Contact us: newsdesk@valleycourier.co.uk"] == "contact"
    assert _body(doc) == "\n\n".join(BODY)  # the short last line stays body: no chrome before it
    md = doc.metadata
    assert md["title"] == "Reservoirs hit record low as dry spell continues"
    assert md["authors"] == ["Anna Kowalski", "Ben Osei"]
    assert md["published"] == "2023-06-12"
    assert md["tags"] == {"Topics": ["Environment", "Water"]}
    assert md["domain"] == "valleycourier.co.uk"


def test_chrome_inside_the_body_splits_it_but_prose_mentioning_a_newsletter_stays():
    mention = ("In a newsletter to investors last month, the company said it expected the drought to raise "
               "costs across its whole network and to delay two planned treatment works by a year.")
    lines = [BODY[0], "Advertisement", BODY[1], mention, "Read more: How reservoirs are measured", BODY[2]]
    doc = _doc(lines)
    labels = _labels(doc)
    assert labels == {"Advertisement": "other", "Read more: How reservoirs are measured": "navigation"}
    assert mention in _body(doc)
    assert len(doc.layer("body")) == 3


def test_syndication_notices_and_wire_datelines():
    doc = _doc([*BODY[:2], "This story was originally published by Inside Climate News and is republished here."])
    src = doc.metadata["original_source"]
    assert src["name"] == "Inside Climate News"
    assert doc.text[src["start"] : src["end"]] == src["evidence"]
    wire = _doc(["NAIROBI (Reuters) - Kenya's central bank held its main lending rate at 10.5% on Tuesday, "
                 "citing easing inflation.", BODY[1]])
    assert wire.metadata["original_source"]["name"] == "Reuters"
    assert wire.metadata["original_source"]["start"] == 0
    ap = _doc(["WASHINGTON (AP) — The Senate passed the measure late on Thursday after a long debate.", BODY[1]])
    assert ap.metadata["original_source"]["name"] == "AP"


def test_every_block_is_body_or_boilerplate():
    doc = _doc(["Home | World | Sport", "Breaking", *BODY, "Tags: drought, water", "Back to top"])
    covered = set()
    for name in ("body", "boilerplate"):
        for s in doc.layer(name):
            covered.update(range(s.start, s.end))
    assert all(i in covered for i, ch in enumerate(doc.text) if not ch.isspace())


def test_text_that_is_all_chrome_keeps_everything_as_body():
    doc = _doc(["Subscribe to our newsletter", "Follow us on Twitter"])
    assert doc.layer("boilerplate") == ()
    assert _body(doc) == "Subscribe to our newsletter\n\nFollow us on Twitter"
    assert "note" in doc.metadata["ingest"]


TEXT_FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "ingest" / "text"
TEXT_MANIFEST = json.loads((TEXT_FIXTURES / "manifest.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", sorted(TEXT_MANIFEST))
def test_text_fixtures_from_other_site_shapes(name):
    expected = TEXT_MANIFEST[name]
    doc = ingest.from_path(TEXT_FIXTURES / name)
    for key in ("title", "authors", "published"):
        assert doc.metadata.get(key) == expected[key], key
    body = doc.layer("body")
    assert doc.text[body[0].start :].startswith(expected["body_starts"])
    assert doc.text[: body[-1].end].endswith(expected["body_ends"])
    spans = doc.layer("boilerplate")
    for start, kind in expected["boilerplate"].items():
        hits = [s.label for s in spans if doc.span_text(s).startswith(start)]
        assert hits == [kind], (start, hits)
    covered = set()
    for layer in ("body", "boilerplate"):
        for s in doc.layer(layer):
            covered.update(range(s.start, s.end))
    assert all(i in covered for i, ch in enumerate(doc.text) if not ch.isspace())


def test_prose_that_mentions_chrome_words_stays_body():
    lede = ("The newsletter platform Substack said on Monday that it had raised new funding from investors, "
            "valuing the company at more than a billion dollars, as writers continue to leave traditional "
            "outlets for subscription businesses of their own.")
    quote = '"Follow us," the officer shouted as the crowd moved towards the square.'
    chart = "Source: World Bank"
    last = "The novel was first published by Penguin in 1998."
    doc = _doc([lede, BODY[0], quote, chart, BODY[1], last])
    assert doc.layer("boilerplate") == ()
    assert "original_source" not in doc.metadata
    assert len(doc.layer("body")) == 1
