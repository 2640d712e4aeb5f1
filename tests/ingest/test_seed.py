"""The issue's acceptance test: the seed article, read as a user would give it."""

from __future__ import annotations

import re

import pytest

from unspun import ingest
from unspun.document import Document

# The boilerplate lines listed in ../shared/seed/README.md, as fragments of each line.
SEED_BOILERPLATE = [
    "can be read in 51 languages",
    "Daily Newsletter",
    "follow us on Instagram",
    "Note to readers",
    "is an independent geopolitical analyst",
    "Copyright ©",
    "Disclaimer:",
    "For media inquiries",
]


@pytest.fixture(scope="module")
def seed_doc(seed_path) -> Document:
    return ingest.from_path(seed_path)


def test_seed_metadata(seed_doc):
    md = seed_doc.metadata
    assert md["title"] == "US and Turkey Challenge CSTO's Peacekeeping Mission in Kazakhstan"
    assert md["authors"] == ["Paul Antonopoulos"]
    assert md["published"] == "2022-01-10"
    assert md["outlet"] == "Global Research"
    assert md["domain"] == "globalresearch.ca"
    assert md["language"] == "en"
    assert md["tags"]["Region"] == ["Asia", "Europe", "USA"]
    assert md["tags"]["Theme"] == ["Intelligence"]
    assert md["source"].endswith("globalresearch-csto-kazakhstan.txt")


def test_seed_original_source_points_at_its_notice(seed_doc):
    src = seed_doc.metadata["original_source"]
    assert src["name"] == "InfoBrics"
    assert seed_doc.text[src["start"] : src["end"]] == src["evidence"]
    assert "original source of this article" in src["evidence"]


def test_seed_outlet_rating_with_citation(seed_doc):
    rating = seed_doc.metadata["outlet_rating"]
    assert rating["score"] == pytest.approx(0.18, abs=0.01)
    assert "Lin" in rating["citation"] and "10.1093/pnasnexus/pgad286" in rating["citation"]
    assert "not a verdict" in rating["explanation"]


def test_seed_body_bounds(seed_doc):
    body = seed_doc.layer("body")
    assert body, "the seed must have a body"
    text = seed_doc.text
    assert text[body[0].start :].startswith("The first week of 2022 began")
    assert text[: body[-1].end].endswith("the broad pressure Moscow is facing.")
    joined = "\n".join(seed_doc.span_text(s) for s in body)
    for fragment in SEED_BOILERPLATE:
        assert fragment not in joined, fragment


def test_seed_boilerplate_lines_are_all_in_the_layer(seed_doc):
    spans = seed_doc.layer("boilerplate")
    for fragment in SEED_BOILERPLATE:
        assert any(fragment in seed_doc.span_text(s) for s in spans), fragment
    kinds = {s.label for s in spans}
    assert {"newsletter", "share", "note", "bio", "copyright", "disclaimer", "contact", "syndication"} <= kinds
    assert all(s.attrs.get("reason") for s in spans)


def test_seed_nothing_dropped(seed_doc):
    """Every non-space character is in the body or in the boilerplate layer."""
    covered = [False] * len(seed_doc)
    for name in ("body", "boilerplate"):
        for s in seed_doc.layer(name):
            covered[s.start : s.end] = [True] * (s.end - s.start)
    missing = "".join(ch for ch, c in zip(seed_doc.text, covered, strict=True) if not c and not ch.isspace())
    assert missing == ""


def test_seed_markdown_is_rendered_and_kept(seed_doc, seed_text):
    text = seed_doc.text
    assert "](#)" not in text and "**President" not in text and "\\*" not in text
    assert not re.search(r"^\*The first week", text, re.MULTILINE)
    assert "President Kassym-Jomart Tokayev described" in text
    assert seed_doc.metadata["original_markup"]["text"] == seed_text.replace("\r\n", "\n")


def test_seed_paragraphs_are_body_paragraphs(seed_doc):
    paras = seed_doc.layer("paragraphs")
    assert [p.attrs["index"] for p in paras] == list(range(12))
    body = seed_doc.layer("body")[0]
    assert all(body.contains(p) for p in paras)


def test_ingested_documents_match_the_published_schema(seed_doc):
    import jsonschema

    from unspun.document.serialize import json_schema

    jsonschema.validate(seed_doc.to_dict(), json_schema())
