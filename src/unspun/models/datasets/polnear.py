"""Reader for PolNeAR (Newell, Margolin & Ruths, LREC 2018): attribution relations in BRAT standoff.

Layout read (see ``../shared/data/polnear/SOURCE.md``): ``data/<split>/text/<name>.txt`` and
``data/<split>/attributions/<name>_<annotator>.ann``, plus ``data/metadata.tsv``. An attribution relation
(``E`` line) links a Source (the speaker, optional), one or more Cues and one or more Contents; ``T`` spans
may be discontinuous (``start end;start end``).

Hand-written because BRAT standoff is a few lines of text and no maintained PyPI reader handles PolNeAR's
role names (``Content2``) and its multi-annotator files. Only the train split is staged; the dev and test
splits are held out and must not be used for tuning.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from unspun.document import Document, Span
from unspun.errors import DataNotFoundError, DocumentError

FOLDER = "polnear"
_ANNOTATION = re.compile(r"^[TE]\d+\t")
_PARAGRAPH = re.compile(r"\S[^\n]*(?:\n[^\n]*\S[^\n]*)*")
HELD_OUT_SPLITS = frozenset({"dev", "test"})


@dataclass(frozen=True)
class BratSpan:
    """A ``T`` annotation: a label and one or more ``(start, end)`` fragments."""

    id: str
    label: str
    fragments: tuple[tuple[int, int], ...]
    text: str

    @property
    def start(self) -> int:
        return self.fragments[0][0]

    @property
    def end(self) -> int:
        return self.fragments[-1][1]


@dataclass(frozen=True)
class Attribution:
    """One attribution relation: who (source), through which words (cues), said what (contents)."""

    id: str
    source: BratSpan | None
    cues: tuple[BratSpan, ...]
    contents: tuple[BratSpan, ...]

    @property
    def content_range(self) -> tuple[int, int] | None:
        """The outer range of all content fragments, or None when the relation has no content."""
        if not self.contents:
            return None
        return min(c.start for c in self.contents), max(c.end for c in self.contents)


@dataclass(frozen=True)
class Article:
    """A PolNeAR article with one annotator's attribution relations."""

    name: str
    annotator: str
    text: str
    attributions: tuple[Attribution, ...]
    metadata: dict[str, str] = field(default_factory=dict)


def parse_ann(raw: str, text: str | None = None, where: str = "annotation") -> list[Attribution]:
    """Parse BRAT standoff into attribution relations; with ``text``, check that span texts match."""
    spans: dict[str, BratSpan] = {}
    events: list[tuple[str, list[tuple[str, str]]]] = []
    for lineno, line in enumerate(raw.splitlines(), 1):
        if not _ANNOTATION.match(line):
            continue  # blank, a note (#, A) or the wrapped tail of a multi-line span text
        kind = line[0]
        parts = line.split("\t")
        try:
            if kind == "T":
                label, _, ranges = parts[1].partition(" ")
                frags = tuple(
                    (int(a), int(b)) for a, b in (r.split() for r in ranges.split(";"))
                )
                spans[parts[0]] = BratSpan(parts[0], label, frags, parts[2] if len(parts) > 2 else "")
            elif kind == "E":
                args = [tuple(a.split(":", 1)) for a in parts[1].split()]
                events.append((parts[0], [(r, t) for r, t in args]))  # type: ignore[misc]
        except (IndexError, ValueError):
            raise DocumentError(f"{where}:{lineno}: malformed BRAT line {line[:60]!r}") from None
    if text is not None:
        for span in spans.values():
            if span.fragments and span.end > len(text):
                raise DocumentError(f"{where}: span {span.id} ends at {span.end}, past the text ({len(text)})")
    out: list[Attribution] = []
    for eid, args in events:
        source: BratSpan | None = None
        cues: list[BratSpan] = []
        contents: list[BratSpan] = []
        for role, tid in args:
            span = spans.get(tid)
            if span is None:
                continue
            role = role.rstrip("0123456789")
            if role == "Source":
                source = span
            elif role == "Cue":
                cues.append(span)
            elif role == "Content":
                contents.append(span)
        out.append(Attribution(eid, source, tuple(cues), tuple(contents)))
    return out


def _root(data_dir: Path) -> Path:
    """Accept the shared data folder, the ``polnear`` folder or its ``data`` folder."""
    for candidate in (data_dir / FOLDER / "data", data_dir / "data", data_dir):
        if (candidate / "train").is_dir() or (candidate / "metadata.tsv").is_file():
            return candidate
    raise DataNotFoundError(
        f"no PolNeAR data under {data_dir}",
        hint="pass the shared data folder (it holds polnear/data/train/{text,attributions})",
    )


def read_metadata(data_dir: Path) -> dict[str, dict[str, str]]:
    """``metadata.tsv`` keyed by article name (publisher, publication_date, author, title, ...)."""
    path = _root(data_dir) / "metadata.tsv"
    if not path.is_file():
        return {}
    with path.open(encoding="utf-8", newline="") as fh:
        return {row["filename"]: row for row in csv.DictReader(fh, delimiter="\t")}


def iter_articles(data_dir: Path, split: str = "train", *, all_annotators: bool = False) -> Iterator[Article]:
    """Yield the articles of ``split`` in name order; by default one annotation per article (the first
    annotator in sorted order), so that doubly annotated articles are not counted twice."""
    root = _root(data_dir) / split
    if not (root / "text").is_dir():
        hint = "dev and test are held out" if split in HELD_OUT_SPLITS else "is the data folder complete?"
        raise DataNotFoundError(f"PolNeAR split {split!r} not found at {root}", hint=hint)
    meta = read_metadata(data_dir)
    by_name: dict[str, list[Path]] = {}
    for ann in sorted((root / "attributions").glob("*.ann")):
        name, _, _annotator = ann.stem.rpartition("_")
        by_name.setdefault(name, []).append(ann)
    for name in sorted(by_name):
        text_path = root / "text" / f"{name}.txt"
        if not text_path.is_file():
            continue
        text = text_path.read_text(encoding="utf-8")
        anns = by_name[name] if all_annotators else by_name[name][:1]
        for ann in anns:
            relations = parse_ann(ann.read_text(encoding="utf-8"), text, where=str(ann))
            yield Article(name, ann.stem.rpartition("_")[2], text, tuple(relations), dict(meta.get(name, {})))


def to_document(article: Article) -> Document:
    """A Document for an article: blank-line paragraphs, one body, its date and by-line as metadata."""
    meta: dict[str, object] = {"language": "en"}
    if article.metadata.get("publication_date"):
        meta["published"] = article.metadata["publication_date"]
    author = article.metadata.get("author")
    if author and author != "None":
        meta["authors"] = [author]
    doc = Document(article.text, metadata=meta)
    paragraphs = [
        Span(m.start(), m.end(), "paragraph", attrs={"index": i})
        for i, m in enumerate(_PARAGRAPH.finditer(article.text))
    ]
    doc.set_layer("paragraphs", paragraphs)
    if paragraphs:
        doc.set_layer("body", [Span(paragraphs[0].start, paragraphs[-1].end, "body")])
    return doc
