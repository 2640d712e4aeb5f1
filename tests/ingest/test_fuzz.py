"""Hypothesis fuzzing of the text, bytes and HTML readers: a Document or a typed error, never a hang."""

from __future__ import annotations

from datetime import timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from unspun import ingest
from unspun.config import IngestOptions
from unspun.document import Document
from unspun.errors import InputError

SETTINGS = settings(max_examples=60, deadline=timedelta(seconds=5), derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow])
OPTIONS = IngestOptions(max_bytes=20_000, language="en")  # skip language models: reading is under test

MARKDOWN_PIECES = [
    *"ab [](#)*_\\`#>-\n\t.é©", "**", "\r\n", "http://x.org", "Copyright ", "By Ann Lee",
    "originally published by ", "(Reuters) - ", "\n1. ", "\n> ", "\n```\n", "\n    ", "\n- ", "<b>",
    "\n---\n", "\n# ", "Region: ", "\u0301",
]
markdownish = st.lists(st.sampled_from(MARKDOWN_PIECES), max_size=120).map("".join)
tags = st.sampled_from(["<p>", "</p>", "<div>", "</div>", "<article>", "<h1>", "</h1>", "<br>", "<!--", "-->",
                        "<script>", "</script>", "<a href='x'>", "</a>", "<meta charset='koi8-r'>", "&amp;",
                        "&#0;", "<![CDATA[", "<table><tr><td>"])
htmlish = st.lists(st.one_of(tags, st.text(max_size=40)), max_size=60).map("".join)


def _check(make):
    try:
        doc = make()
    except InputError:
        return
    assert isinstance(doc, Document)
    n = len(doc.text)
    for name in ("body", "boilerplate", "paragraphs"):
        assert all(0 <= s.start < s.end <= n for s in doc.layer(name))
    src = doc.metadata.get("original_source")
    if src:
        assert doc.text[src["start"] : src["end"]] == src["evidence"]


@SETTINGS
@given(st.one_of(st.text(max_size=600), markdownish))
def test_from_text_fuzz(text):
    _check(lambda: ingest.from_text(text, options=OPTIONS))


@SETTINGS
@given(st.binary(max_size=600))
def test_from_bytes_fuzz(data):
    _check(lambda: ingest.from_bytes(data, options=OPTIONS))


@SETTINGS
@given(htmlish)
def test_from_html_fuzz(page):
    _check(lambda: ingest.from_html(page, options=OPTIONS))
    _check(lambda: ingest.from_html(page.encode("utf-8", "surrogatepass"), options=OPTIONS))
