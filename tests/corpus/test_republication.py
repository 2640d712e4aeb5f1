"""Republication on constructed corpora: edits, other boilerplate, truncation, containment, syndication."""

from __future__ import annotations

import random
from datetime import datetime

from tests.corpus.conftest import variants
from unspun.corpus.minhash import body_text, document_signature, from_bytes, shingle_hashes
from unspun.corpus.republication import Item, find_clusters, update_republication
from unspun.document import Document, Span
from unspun.store import Batch, MemoryRepository
from unspun.store.rows import DocumentIdentity, document_rows

ARTICLES = variants(8, seed=11)
NAV = "Home | World | Politics | Subscribe to our newsletter | Share on Facebook\n\n"
FOOTER = "\n\nCopyright 2022 Example Media. All rights reserved. Contact us.\n"


def make(text: str, body: tuple[int, int] | None = None, **metadata: object) -> Document:
    doc = Document(text, metadata=dict(metadata))
    start, end = body or (0, len(text))
    doc.set_layer("body", [Span(start, end, "body")])
    return doc


def framed(article: str, nav: str = NAV, footer: str = FOOTER, **metadata: object) -> Document:
    text = nav + article + footer
    return make(text, (len(nav), len(nav) + len(article)), **metadata)


def edited(article: str, n: int, seed: int = 3) -> str:
    words = article.split(" ")
    rng = random.Random(seed)
    for i in rng.sample(range(len(words)), n):
        words[i] = "changed"
    return " ".join(words)


SHINGLES: dict[str, object] = {}


def item(doc_id: str, doc: Document, published: str | None = None, outlet: str | None = None) -> Item:
    SHINGLES[doc_id] = shingle_hashes(body_text(doc))
    raw, size = document_signature(doc)
    assert raw is not None
    when = datetime.fromisoformat(published) if published else None
    return Item(doc_id, from_bytes(raw), size, when, outlet)


def clusters_of(items: list[Item]) -> dict[frozenset[str], dict[str, str]]:
    return {frozenset(m.doc_id for m in c.members): {m.doc_id: m.relation for m in c.members}
            for c in find_clusters(items, shingles=SHINGLES.__getitem__)}


def test_copies_with_edits_and_other_boilerplate_cluster_with_the_earliest_first() -> None:
    a = ARTICLES[0]
    items = [
        item("copy-edited", framed(edited(a, 6), nav="Menu | News\n\n", footer="\n\nDonate today!\n"),
             "2022-01-12", "Mirror One"),
        item("original", framed(a), "2022-01-10", "Source Site"),
        item("copy-undated", framed(a, nav="", footer="\n\n(c) Another Outlet\n"), None, "Mirror Two"),
        *[item(f"other-{i}", framed(t), "2022-01-11", "Source Site") for i, t in enumerate(ARTICLES[1:5])],
    ]
    found = clusters_of(items)
    assert list(found) == [frozenset({"original", "copy-edited", "copy-undated"})]
    relations = next(iter(found.values()))
    assert relations == {"original": "earliest", "copy-edited": "near_duplicate", "copy-undated": "near_duplicate"}
    (cluster,) = find_clusters(items)
    assert cluster.earliest == "original" and cluster.n_outlets == 3
    assert cluster.members[-1].doc_id == "copy-undated"  # undated copies count as latest


def test_truncated_copy_and_article_inside_a_longer_page_are_contained() -> None:
    a = ARTICLES[1]
    page = ARTICLES[5] + "\n\n" + a + "\n\n" + ARTICLES[6]  # the article pasted among two others
    items = [
        item("original", framed(a), "2022-01-10"),
        item("truncated", framed(a[: len(a) * 45 // 100] + " Read more"), "2022-01-11"),
        item("page", make(page), "2022-01-13"),
        item("unrelated", framed(ARTICLES[7]), "2022-01-09"),
    ]
    found = clusters_of(items)
    assert list(found) == [frozenset({"original", "truncated", "page"})]
    relations = next(iter(found.values()))
    assert relations["truncated"] == "contained"
    assert relations["page"] == "contains"


def test_unrelated_articles_on_one_topic_do_not_cluster() -> None:
    assert find_clusters([item(f"d{i}", framed(t)) for i, t in enumerate(ARTICLES)]) == []


def test_short_texts_are_left_out() -> None:
    short = "Russia says NATO is to blame."
    assert find_clusters([item("a", make(short)), item("b", make(short))]) == []


def test_update_republication_stores_clusters_with_syndication_evidence() -> None:
    a = ARTICLES[2]
    notice = "\n\nThe original source of this article is InfoBrics.\n"
    syndicated = framed(a, footer=notice, published="2022-01-11", outlet="Global Research",
                        original_source={"name": "InfoBrics", "evidence": notice.strip()})
    start = syndicated.text.index("The original source")
    syndicated.set_layer("boilerplate", [Span(start, start + len(notice.strip()), "syndication")])
    docs = {"syndicated": syndicated, "source": framed(a, published="2022-01-10", outlet="InfoBrics"),
            "other": framed(ARTICLES[3], published="2022-01-10")}
    repo = MemoryRepository()
    batch = Batch()
    for doc_id, doc in docs.items():
        raw, size = document_signature(doc)
        batch.add(doc_id, document_rows(doc, DocumentIdentity(doc_id, "h", "fp"), run_id="r",
                                        analyzed_at=datetime(2026, 1, 1), minhash=raw, n_shingles=size))
    repo.write_batch(batch)
    (cluster,) = update_republication(repo)
    assert cluster.earliest == "source"
    rows = {r[1]: r for r in repo.iter_rows("republication_members")}
    assert set(rows) == {"source", "syndicated"}
    import json

    evidence = json.loads(rows["syndicated"][5])
    assert {e["from"] for e in evidence} == {"metadata.original_source", "boilerplate.syndication"}
    assert any(e.get("text") == notice.strip() for e in evidence)
    assert rows["source"][5] is None
    assert repo.state("republication")["n_documents"] == 3
    preset = repo.query("SELECT relation, outlet FROM republication_members JOIN documents USING (doc_id) "
                        "ORDER BY relation").rows
    assert preset == [("earliest", "InfoBrics"), ("near_duplicate", "Global Research")]
