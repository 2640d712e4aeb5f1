"""Metadata read from an article's own lines: title, by-line, date line, outlet, tags, domain and
the syndication notice (``original_source``), each taken from blocks the segmenter labelled.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from unspun.ingest import patterns as P
from unspun.ingest.boilerplate import Segmentation
from unspun.ingest.dates import find_date
from unspun.ingest.domains import host_of, registered_domain
from unspun.ingest.layout import Layout

_NAME_SPLIT = re.compile(r"\s*(?:,|;|\band\b|\bund\b|\bet\b|\be\b|\by\b|&|\||\s[–—-]\s)\s*", re.IGNORECASE)
_OUTLET = re.compile(r"^(?P<name>[A-Z0-9][\w&'’.\- ]{1,60}?)\s*[,|–—-]?\s*$")
_HOSTLIKE = re.compile(r"(?<![\w@.-])(?:[\w-]+@)?(?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,24}(?![\w-])",
                       re.IGNORECASE)
_TAG_SPLIT = re.compile(r"\s*[,|;/•·]\s*")
_NAME_TAIL = re.compile(
    r"\s+(?:on|in|at)\s+(?=\d|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d)"
    r"|\s+(?:under|and is|and was|with permission|as part)\b",
    re.IGNORECASE,
)
MAX_SOURCE_NAME_CHARS = 80
_AUTHOR_AT = re.compile(r"\s+(?:at|on)\s+(?=[A-Z])")
_COPYRIGHT_HOLDER = re.compile(
    r"(?:©|\(c\)|copyright)\s*(?:©\s*)?(?:(?:19|20)\d\d\s*[-–]?\s*(?:(?:19|20)\d\d)?\s*)?"
    r"(?P<names>[A-Z][\w&'’ .,-]{1,80}?)(?=\s*(?:[.;|]|all rights|$))",
    re.IGNORECASE | re.MULTILINE,
)


def _one_line(s: str) -> str:
    return " ".join(s.split())


def split_names(raw: str) -> list[str]:
    """``"A. Smith and B. Jones, Europe editor"`` -> ``["A. Smith", "B. Jones"]``: the name-like parts."""
    names = []
    for part in _NAME_SPLIT.split(_one_line(raw)):
        part = part.strip(" .:-–—")
        if part and P.looks_like_name(part) and part not in names:
            names.append(part)
    return names


def squash(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", name.lower())


def original_source(layout: Layout, seg: Segmentation) -> dict[str, Any] | None:
    """The syndication notice: ``{"name", "start", "end", "evidence"}`` with the notice's span."""
    order = sorted(seg.calls) + seg.body[:1]  # chrome first, then a wire dateline opening the body
    for i in order:
        block = layout.blocks[i]
        text = layout.block_text(block)
        for rx in P.SYNDICATION:
            m = rx.search(text)
            if m:
                name = _NAME_TAIL.split(m.group("name"))[0]
                # "published by Jane Doe at Example News": the publisher is what follows "at"/"on".
                name = _AUTHOR_AT.split(name)[-1].strip(" :,.-–—\"'“”")[:MAX_SOURCE_NAME_CHARS]
                if name:
                    start = block.start + m.start()
                    end = block.start + m.end()
                    return {"name": name, "start": start, "end": end, "evidence": layout.text[start:end],
                            "kind": "notice"}
        if i in seg.body:
            m = P.WIRE_DATELINE.match(text)
            if m:
                start = block.start + m.start()
                end = start + len(m.group(0).rstrip())
                return {"name": m.group("name") or m.group("name2"), "start": start,
                        "end": end, "evidence": layout.text[start:end], "kind": "wire dateline"}
    return None


def _tags(layout: Layout, seg: Segmentation) -> dict[str, list[str]]:
    tags: dict[str, list[str]] = {}
    for i in seg.role("tags"):
        m = P.TAG_LINE.match(layout.block_text(layout.blocks[i]).strip())
        if not m:
            continue
        values = [v.strip() for v in _TAG_SPLIT.split(_one_line(m.group("values"))) if v.strip()]
        bucket = tags.setdefault(m.group("key").strip(), [])
        bucket.extend(v for v in values if v not in bucket)
    return tags


def _names_match(outlet: str, domain: str) -> bool:
    key = squash(re.sub(r"^the\s+", "", outlet.strip(), flags=re.IGNORECASE))
    label = squash(domain.split(".", 1)[0])
    return bool(key) and len(label) >= 3 and label in (key, key + "s", "the" + key)


def copyright_holders(layout: Layout, seg: Segmentation) -> list[str]:
    """Names after a copyright sign or word in the chrome ("© 2023 The Valley Courier")."""
    names = []
    for i, call in sorted(seg.calls.items()):
        if call.kind == "copyright":
            for m in _COPYRIGHT_HOLDER.finditer(layout.block_text(layout.blocks[i])):
                names.extend(n.strip() for n in m.group("names").split(",") if n.strip())
    return names


def infer_domain(layout: Layout, seg: Segmentation, outlet: str | None) -> tuple[str | None, str | None]:
    """The outlet's registered domain from links, e-mail addresses and host names in its chrome.

    Returns ``(domain, evidence)``. A domain whose name spells the outlet's name wins; otherwise one seen
    at least twice in the chrome; otherwise none (abstain).
    """
    counts: Counter[str] = Counter()
    for i in seg.calls:
        block = layout.blocks[i]
        hosts = [host_of(h) for h in layout.hrefs(block.start, block.end)]
        hosts += [host_of(m.group(0)) for m in _HOSTLIKE.finditer(layout.block_text(block))]
        for host in hosts:
            reg = registered_domain(host) if host else None
            if reg:
                counts[reg] += 1
    if not counts:
        return None, None
    names = ([outlet] if outlet else []) + copyright_holders(layout, seg)
    for name in names:
        for dom, n in counts.most_common():
            if _names_match(name, dom):
                return dom, f"the name {name!r} matches {dom}, seen {n}x in the page's links and addresses"
    dom, n = counts.most_common(1)[0]
    if n >= 2:
        return dom, f"{dom} is the most frequent domain in the page's links and addresses ({n}x)"
    return None, None


def text_metadata(layout: Layout, seg: Segmentation) -> dict[str, Any]:
    """Metadata found in the text itself; keys per docs/document.md, only those found."""
    md: dict[str, Any] = {}
    evidence: dict[str, str] = {}
    if titles := seg.role("title"):
        md["title"] = _one_line(layout.block_text(layout.blocks[titles[0]]))
        evidence["title"] = "first heading or first short line"
    for i in seg.role("byline"):
        line = layout.block_text(layout.blocks[i]).strip()
        m = P.BYLINE.match(line)
        names = split_names(m.group("names") if m else line)
        if names:
            md["authors"] = names
            evidence["authors"] = "by-line"
            break
    if "authors" not in md:
        for i, call in seg.calls.items():
            line = layout.block_text(layout.blocks[i]).strip()
            names = split_names(line.split(":", 1)[1]) if ":" in line and P.AUTHOR_LIST.match(line) else []
            if call.kind == "navigation" and names:
                md["authors"] = names
                evidence["authors"] = "'articles by' line"
                break
    for i in seg.role("dateline"):
        line = layout.block_text(layout.blocks[i]).strip()
        found = find_date(line)
        if found and "published" not in md:
            md["published"] = found[0]
            evidence["published"] = "date line"
            prefix = _OUTLET.match(line[: found[1]])
            if prefix and not P.BYLINE.match(prefix.group("name")) and len(prefix.group("name").split()) <= 6:
                md["outlet"] = prefix.group("name").strip()
                evidence["outlet"] = "date line"
    if tags := _tags(layout, seg):
        md["tags"] = tags
    if src := original_source(layout, seg):
        md["original_source"] = src
    domain, why = infer_domain(layout, seg, md.get("outlet"))
    if domain:
        md["domain"] = domain
        evidence["domain"] = why or ""
        if "outlet" not in md:
            holder = next((h for h in copyright_holders(layout, seg) if _names_match(h, domain)), None)
            if holder:
                md["outlet"] = holder
                evidence["outlet"] = "copyright line, matching the domain"
    if evidence:
        md["_evidence"] = evidence
    return md
