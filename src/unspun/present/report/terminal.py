"""A short plain-text summary of a Document, for the terminal."""

from __future__ import annotations

from unspun.document import Document


def render_text(doc: Document) -> str:
    md = doc.metadata
    lines = [md.get("title") or "(untitled)"]
    byline = ", ".join(str(x) for x in [", ".join(md.get("authors") or []), md.get("outlet"), md.get("published")] if x)
    if byline:
        lines.append(byline)
    lines.append("")
    lines.append(f"{len(doc.text):,} characters")
    for name, spans in doc.layers.items():
        lines.append(f"  {name:<16} {len(spans):>5} spans")
    for name, value in doc.labels.items():
        lines.append(f"  label {name}: {value}")
    return "\n".join(lines) + "\n"
