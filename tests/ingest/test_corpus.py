"""Corpus mode: folders, globs, JSONL, WARC, RSS and Atom feeds; bad items become failures."""

from __future__ import annotations

import io
import json
import shutil

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from unspun import ingest
from unspun.document import Document
from unspun.errors import BinaryInputError, EmptyInputError, InputNotFoundError, UnsupportedFormatError

from .conftest import HTML_FIXTURES

ARTICLE = ("The port authority said on Friday that container traffic rose by 12 percent in the first quarter, "
           "driven by exports of machinery and cars.\n\nUnions welcomed the figures but warned of staff shortages.")
LONG_PARA = "<p>" + "The harbour master said the new berth would open in the spring after two years of works. " * 8
LONG_PARA += "</p>"


def _split(items):
    docs = [x for x in items if isinstance(x, Document)]
    fails = [x for x in items if isinstance(x, ingest.IngestFailure)]
    return docs, fails


def test_folder_is_read_recursively_and_bad_files_are_reported(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "a.txt").write_text(ARTICLE)
    (tmp_path / "sub" / "b.md").write_text("# Port traffic\n\n" + ARTICLE.replace("12 percent", "**12 percent**"))
    (tmp_path / "sub" / "c.html").write_bytes((HTML_FIXTURES / "blog-post.html").read_bytes())
    (tmp_path / "broken.pdf").write_bytes(b"%PDF-1.4 binary")
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / ".hidden.txt").write_text(ARTICLE)
    docs, fails = _split(list(ingest.iter_documents([str(tmp_path)])))
    assert sorted(d.metadata["source"].rsplit("/", 1)[1] for d in docs) == ["a.txt", "b.md", "c.html"]
    assert {f.source.rsplit("/", 1)[1]: type(f.error) for f in fails} == {
        "broken.pdf": BinaryInputError, "empty.txt": EmptyInputError}
    assert all(f.error.exit_code == 3 for f in fails)


def test_glob_and_missing_sources(tmp_path):
    for name in ("x1.txt", "x2.txt", "y.txt"):
        (tmp_path / name).write_text(ARTICLE)
    docs, fails = _split(list(ingest.iter_documents([str(tmp_path / "x*.txt"), str(tmp_path / "nope.txt"),
                                                      str(tmp_path / "z*.txt")])))
    assert [d.metadata["source"].rsplit("/", 1)[1] for d in docs] == ["x1.txt", "x2.txt"]
    assert [type(f.error) for f in fails] == [InputNotFoundError, InputNotFoundError]


def test_jsonl_lines_with_text_html_and_bad_lines(tmp_path):
    lines = [
        json.dumps({"text": ARTICLE, "title": "Port traffic up", "author": "Kim Lee", "published": "2024-04-05"}),
        "",
        json.dumps({"html": f"<html><body><article><h1>Berth</h1>{LONG_PARA}</article></body></html>",
                    "url": "https://www.bbc.co.uk/news/berth"}),
        "{not json",
        json.dumps({"title": "no content"}),
        json.dumps(["a", "list"]),
    ]
    path = tmp_path / "corpus.jsonl"
    path.write_text("\n".join(lines) + "\n")
    docs, fails = _split(list(ingest.iter_documents([str(path)])))
    assert [d.metadata["source"] for d in docs] == [f"{path}#L1", f"{path}#L3"]
    assert docs[0].metadata["title"] == "Port traffic up"
    assert docs[0].metadata["authors"] == ["Kim Lee"]
    assert docs[1].metadata["domain"] == "bbc.co.uk"
    assert docs[1].metadata["outlet_rating"]["match"] == "exact"
    assert [f.source for f in fails] == [f"{path}#L4", f"{path}#L5", f"{path}#L6"]
    assert all(isinstance(f.error, UnsupportedFormatError) for f in fails)


def _warc_bytes(gzip: bool) -> bytes:
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=gzip)
    pages = [
        ("https://www.reuters.com/world/port-1", "text/html; charset=utf-8",
         f"<html><head><title>Port</title></head><body><article><h1>Port grows</h1>{LONG_PARA}</article>"
         f"</body></html>".encode()),
        ("https://www.reuters.com/style.css", "text/css", b"body{color:red}"),
        ("https://example.org/empty", "text/html", b"<html><body></body></html>"),
    ]
    for uri, ctype, body in pages:
        headers = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(uri, "response", payload=io.BytesIO(body),
                                                      http_headers=headers))
    return buf.getvalue()


@pytest.mark.parametrize("gzip", [False, True])
def test_warc_html_responses(tmp_path, gzip):
    path = tmp_path / ("crawl.warc.gz" if gzip else "crawl.warc")
    path.write_bytes(_warc_bytes(gzip))
    docs, fails = _split(list(ingest.iter_documents([str(path)])))
    assert [d.metadata["source"] for d in docs] == [f"{path}#https://www.reuters.com/world/port-1"]
    assert docs[0].metadata["domain"] == "reuters.com"
    assert docs[0].metadata["outlet_rating"]["score"] == 1.0
    assert [f.source for f in fails] == [f"{path}#https://example.org/empty"]


def test_corrupt_warc_is_one_failure(tmp_path):
    path = tmp_path / "bad.warc"
    path.write_bytes(b"WARC/1.0\r\nnonsense\r\n\r\n")
    docs, fails = _split(list(ingest.iter_documents([str(path)])))
    assert docs == [] and len(fails) == 1


RSS = f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>
<title>Harbour Gazette</title><link>https://harbourgazette.example/</link><description>d</description>
<item><title>New berth opens</title><link>https://harbourgazette.example/berth</link>
<author>news@harbourgazette.example (Ola Berg)</author><pubDate>Mon, 06 May 2024 09:00:00 GMT</pubDate>
<category>Transport</category>
<content:encoded><![CDATA[{LONG_PARA}]]></content:encoded></item>
<item><title>Only a title</title></item>
</channel></rss>"""

ATOM = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Quay Notes</title><id>urn:q</id><updated>2024-05-07T00:00:00Z</updated>
<entry><title>Dredging starts</title><id>urn:q:1</id><link href="https://quay.example/dredging"/>
<author><name>Ana Ruiz</name></author><published>2024-05-07T10:00:00Z</published><updated>2024-05-07T10:00:00Z</updated>
<content type="html"><![CDATA[{LONG_PARA}]]></content></entry></feed>"""


def test_rss_feed_file(tmp_path):
    path = tmp_path / "feed.xml"
    path.write_text(RSS)
    docs, fails = _split(list(ingest.iter_documents([str(path)])))
    assert len(docs) == 1 and len(fails) == 1
    md = docs[0].metadata
    assert md["title"] == "New berth opens"
    assert md["outlet"] == "Harbour Gazette"
    assert md["published"].startswith("2024-05-06")
    assert md["tags"] == {"Tag": ["Transport"]}
    assert md["source"] == "https://harbourgazette.example/berth"
    assert "harbour master" in docs[0].text


def test_atom_feed_file(tmp_path):
    path = tmp_path / "notes.atom"
    path.write_text(ATOM)
    docs, fails = _split(list(ingest.iter_documents([str(path)])))
    assert fails == []
    assert docs[0].metadata["authors"] == ["Ana Ruiz"]
    assert docs[0].metadata["url"] == "https://quay.example/dredging"


def test_seed_through_corpus_mode(seed_path, tmp_path):
    shutil.copy(seed_path, tmp_path / "seed.txt")
    docs, fails = _split(list(ingest.iter_documents([str(tmp_path / "*.txt")])))
    assert fails == [] and docs[0].metadata["original_source"]["name"] == "InfoBrics"
