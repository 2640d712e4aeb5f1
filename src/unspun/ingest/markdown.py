"""Markdown to plain text with markdown-it-py, keeping block structure and link targets.

Links are rendered as their text, emphasis markers and backslash escapes disappear, headings lose their
``#``. Blocks are joined by a blank line, so offsets in the Document refer to this rendered text; the
original Markdown is kept by the caller in ``metadata["original_markup"]``.
"""

from __future__ import annotations

from markdown_it import MarkdownIt
from markdown_it.token import Token

from unspun.ingest.layout import Block, Layout, Link

_MD = MarkdownIt("commonmark")
_CONTAINERS = {"blockquote_open": "quote", "list_item_open": "item"}
_CONTAINER_CLOSE = {"blockquote_close", "list_item_close"}


class _Writer:
    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0
        self.blocks: list[Block] = []
        self.links: list[Link] = []

    def write(self, s: str) -> None:
        if s:
            self.parts.append(s)
            self.length += len(s)

    def block(self, kind: str, write_body) -> None:
        if self.blocks:
            self.write("\n\n")
        start = self.length
        write_body()
        # Trim what the body wrote at both ends so the block holds no edge whitespace.
        text = "".join(self.parts)
        end = self.length
        while end > start and text[end - 1].isspace():
            end -= 1
        lead = start
        while lead < end and text[lead].isspace():
            lead += 1
        if lead >= end:  # empty block: undo the separator and whatever was written
            keep = text[: start - (2 if self.blocks else 0)]
            self.parts, self.length = [keep], len(keep)
            return
        self.blocks.append(Block(lead, end, kind))


def _inline(w: _Writer, children: list[Token]) -> None:
    link_stack: list[tuple[int, str]] = []
    for tok in children:
        t = tok.type
        if t in ("text", "code_inline", "html_inline"):
            w.write(tok.content)
        elif t in ("softbreak", "hardbreak"):
            w.write("\n")
        elif t == "link_open":
            link_stack.append((w.length, str(tok.attrs.get("href", ""))))
        elif t == "link_close" and link_stack:
            start, href = link_stack.pop()
            if w.length > start:
                w.links.append(Link(start, w.length, "" if href == "#" else href))
        elif t == "image":
            _inline(w, tok.children or [])


def render_markdown(source: str) -> Layout:
    """Render Markdown ``source`` (already normalised) into plain text with its blocks and links."""
    tokens = _MD.parse(source)
    lines = source.split("\n")
    w = _Writer()
    containers: list[str] = []
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if tok.type in _CONTAINERS:
            containers.append(_CONTAINERS[tok.type])
        elif tok.type in _CONTAINER_CLOSE and containers:
            containers.pop()
        elif tok.type in ("paragraph_open", "heading_open"):
            inline = tokens[i + 1]
            kind = "heading" if tok.type == "heading_open" else (containers[-1] if containers else "paragraph")
            w.block(kind, lambda inline=inline: _inline(w, inline.children or []))
            i += 3
            continue
        elif tok.type == "hr":
            rule = lines[tok.map[0]].strip() if tok.map else "* * *"
            w.block("rule", lambda rule=rule: w.write(rule))
        elif tok.type in ("fence", "code_block"):
            w.block("code", lambda tok=tok: w.write(tok.content.rstrip("\n")))
        elif tok.type == "html_block":
            w.block("paragraph", lambda tok=tok: w.write(tok.content.strip()))
        i += 1
    return Layout("".join(w.parts), w.blocks, w.links)
