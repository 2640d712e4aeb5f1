"""The HTML page without a browser: structure, escaping, text fidelity, self-containment, size."""

from __future__ import annotations

import base64
import hashlib
import json
import re

import lxml.html
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from report_fixtures import FIXED_TAXONOMY, HOSTILE_TITLE, build_long_document
from report_fixtures import start_tags as _tags

from unspun.document import Document, Span
from unspun.errors import ConfigError
from unspun.present.report import FORMATS, definitions, render
from unspun.present.report.view import build_view

OUR_TAGS = {
    "html", "head", "meta", "title", "style", "body", "a", "header", "p", "h1", "h2", "h3", "time", "dl", "div", "dt",
    "dd", "span", "section", "em", "cite", "nav", "ul", "li", "main", "strong", "fieldset", "legend", "label", "input",
    "button", "details", "summary", "table", "caption", "thead", "tbody", "tr", "th", "td", "br", "footer", "code",
    "script", "svg", "g", "text", "rect", "desc",
}


@pytest.fixture(scope="module")
def pages(request) -> dict[str, str]:
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(definitions, "_taxonomy", lambda: FIXED_TAXONOMY)
        return {name: render(request.getfixturevalue(f"{name}_doc"), "html")
                for name in ("seed", "hostile", "minimal", "empty")}


def test_formats_and_unknown_format(seed_doc) -> None:
    assert FORMATS == ("text", "json", "md", "html")
    assert json.loads(render(seed_doc, "json"))["text"] == seed_doc.text
    with pytest.raises(ConfigError):
        render(seed_doc, "pdf")


@pytest.mark.parametrize("name", ["seed", "hostile", "minimal", "empty"])
def test_the_article_text_round_trips_through_the_highlights(name: str, pages, request) -> None:
    doc = request.getfixturevalue(f"{name}_doc")
    tree = lxml.html.fromstring(pages[name])
    for extra in tree.xpath("//*[contains(@class,'chip') or contains(@class,'badge') or @class='pnum']"):
        extra.drop_tree()
    shown = [el.text_content() for el in tree.xpath("//*[@id='body-text']//*[contains(@class,'txt')]")]
    view = build_view(doc)
    assert shown == [view.text[b.start:b.end] for b in view.blocks]


def test_every_mark_is_highlighted_over_exactly_its_text(seed_doc, pages) -> None:
    tree = lxml.html.fromstring(pages["seed"])
    view = build_view(seed_doc)
    fragments: dict[str, str] = {}
    for el in tree.xpath("//*[@data-m]"):
        clone = lxml.html.fromstring(lxml.html.tostring(el, with_tail=False))
        for extra in clone.xpath("//*[contains(@class,'chip') or contains(@class,'badge')]"):
            extra.drop_tree()
        fragments[el.get("data-m")] = fragments.get(el.get("data-m"), "") + clone.text_content()
    assert set(fragments) == {m.id for m in view.marks}
    for mark in view.marks:
        assert fragments[mark.id] == seed_doc.text[mark.start:mark.end], mark


def test_seed_page_has_every_section_and_highlight_kind(pages) -> None:
    page = pages["seed"]
    tree = lxml.html.fromstring(page)
    for section in ("how", "summary", "legend", "article", "techniques", "claims", "quotes", "actors"):
        assert tree.get_element_by_id(section) is not None
    assert tree.xpath("//header") and tree.xpath("//main") and tree.xpath("//nav[@aria-label]")
    for cls in ("mk tech", "mk quote", "mk claim", "mk actor", "mk ent", "chip tech", "badge quote"):
        assert tree.xpath(f"//span[contains(concat(' ', @class, ' '), ' {cls} ')]"), cls
    assert len(tree.xpath("//button[@class='ptoggle'][@aria-controls]")) == 12
    assert len(tree.xpath("//details[@class='folded']")) >= 2
    assert "not truth or intent" in page and "not a verdict on this article" in page
    assert "very high (0.91)" in page  # confidence in words and numbers
    assert tree.xpath("//svg[@role='img']/title")  # charts
    assert all(box.getparent().tag == "label" for box in tree.xpath("//input[@type='checkbox']"))


def test_page_is_self_contained(pages) -> None:
    for page in pages.values():
        for tag, attrs in _tags(page):
            names = {k for k, _ in attrs}
            assert not names & {"src", "srcset", "poster", "background", "action", "formaction"}, tag
            assert tag not in {"link", "img", "iframe", "object", "embed", "audio", "video", "base", "form"}
        assert "@import" not in page and "url(" not in page
        assert not re.search(r"\b(fetch|XMLHttpRequest|WebSocket|sendBeacon|EventSource)\b", page)


def test_content_security_policy_pins_the_inline_style_and_script(pages) -> None:
    page = pages["seed"]
    tree = lxml.html.fromstring(page)
    csp = tree.xpath("//meta[@http-equiv='Content-Security-Policy']/@content")[0]
    assert "default-src 'none'" in csp
    style = re.search(r"<style>(.*?)</style>", page, re.S).group(1)
    script = re.findall(r"<script>(.*?)</script>", page, re.S)
    assert len(script) == 1

    def digest(text: str) -> str:
        return "sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()

    assert f"style-src '{digest(style)}'" in csp and f"script-src '{digest(script[0])}'" in csp


def test_hostile_input_is_inert(pages, hostile_doc) -> None:
    page = pages["hostile"]
    tags = _tags(page)
    assert {t for t, _ in tags} <= OUR_TAGS
    assert [t for t, _ in tags].count("script") == 2 and [t for t, _ in tags].count("style") == 1
    for tag, attrs in tags:
        for key, value in attrs:
            assert not key.startswith("on"), (tag, key, value)
            if key == "href":
                assert value.startswith("#") or value.startswith("http"), value
    tree = lxml.html.fromstring(page)
    assert tree.findtext(".//title") == f"unspun report: {HOSTILE_TITLE}"
    assert tree.xpath("string(//h1)") == HOSTILE_TITLE
    assert "javascript:alert(7)" in tree.xpath("string(//header)")  # shown, not linked
    assert not tree.xpath("//a[starts-with(@href,'javascript')]")
    data = tree.get_element_by_id("marks-data").text
    assert "<" not in data and json.loads(data)  # JSON in a script cannot close it


def test_minimal_page_says_not_analysed(pages) -> None:
    tree = lxml.html.fromstring(pages["minimal"])
    for section in ("claims", "quotes", "actors", "techniques"):
        assert "not analysed" in tree.get_element_by_id(section).text_content()
    empty = lxml.html.fromstring(pages["empty"])
    assert "none found" in empty.get_element_by_id("claims").text_content()


def test_html_for_a_2000_word_article_is_under_a_megabyte() -> None:
    doc = build_long_document(2000)
    assert len(doc.text.split()) >= 2000
    size = len(render(doc, "html").encode("utf-8"))
    assert size < 1_000_000, size


_TEXT = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)) | st.sampled_from("<>&\"'\n\x00\x1b"),
                min_size=1, max_size=80)
_JSON = st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=12),
                     lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner,
                                                                                  max_size=3), max_leaves=6)
_LAYERS = ["body", "boilerplate", "paragraphs", "entities", "actors", "quotes", "claims", "techniques",
           "technique_spans"]


@st.composite
def _documents(draw) -> Document:
    text = draw(_TEXT)
    doc = Document(text, metadata=draw(st.dictionaries(st.sampled_from(
        ["title", "authors", "url", "original_source", "outlet_rating", "tags", "language"]), _JSON, max_size=4)))
    for name in draw(st.lists(st.sampled_from(_LAYERS), unique=True, max_size=len(_LAYERS))):
        spans = []
        for _ in range(draw(st.integers(0, 5))):
            start = draw(st.integers(0, len(text) - 1))
            end = draw(st.integers(start + 1, len(text)))
            attrs = draw(st.dictionaries(st.sampled_from(
                ["techniques", "scores", "category", "speaker", "cue", "quantities", "hedges", "id", "index",
                 "role", "affiliation", "source", "status"]), _JSON, max_size=4))
            score = draw(st.none() | st.floats(0, 1))
            spans.append(Span(start, end, draw(st.text(min_size=1, max_size=10)), score, attrs))
        doc.set_layer(name, spans)
    return doc


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_documents())
def test_any_document_renders_in_every_format_without_losing_text(doc: Document) -> None:
    for fmt in FORMATS:
        assert render(doc, fmt)
    tree = lxml.html.fromstring(render(doc, "html"))
    for extra in tree.xpath("//*[contains(@class,'chip') or contains(@class,'badge') or @class='pnum']"):
        extra.drop_tree()
    shown = [el.text_content() for el in tree.xpath("//*[@id='body-text']//*[contains(@class,'txt')]")]
    view = build_view(doc)
    assert shown == [view.text[b.start:b.end] for b in view.blocks]


def test_carriage_returns_survive_in_the_page_so_offsets_do_not_move() -> None:
    doc = Document("Line one\r\nline two\rend.")
    doc.set_layer("paragraphs", [Span(0, len(doc.text), "paragraph")])
    tree = lxml.html.fromstring(render(doc, "html"))
    for extra in tree.xpath("//*[@class='pnum']"):
        extra.drop_tree()
    shown = "".join(el.text_content() for el in tree.xpath("//*[@id='body-text']//*[contains(@class,'txt')]"))
    assert shown == doc.text
