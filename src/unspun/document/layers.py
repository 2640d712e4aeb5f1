"""The names of layers, labels and metadata keys: a contract that analyzers and readers fill.

docs/document.md describes what each layer's spans carry.
"""

from __future__ import annotations

# Layers of standoff spans.
BODY = "body"
BOILERPLATE = "boilerplate"
PARAGRAPHS = "paragraphs"
SENTENCES = "sentences"
ENTITIES = "entities"
ACTORS = "actors"
QUOTES = "quotes"
CLAIMS = "claims"
TECHNIQUES = "techniques"
TECHNIQUE_SPANS = "technique_spans"

KNOWN_LAYERS: tuple[str, ...] = (
    BODY,
    BOILERPLATE,
    PARAGRAPHS,
    SENTENCES,
    ENTITIES,
    ACTORS,
    QUOTES,
    CLAIMS,
    TECHNIQUES,
    TECHNIQUE_SPANS,
)

# Document-level labels (``Document.labels``); a requirement on one is written ``labels.NAME``.
LABEL_PREFIX = "labels."
GENRE = "genre"
FRAMES = "frames"
ACTOR_TABLE = "actors"

# Metadata keys.
METADATA_KEYS: tuple[str, ...] = (
    "title",
    "authors",
    "published",
    "outlet",
    "domain",
    "url",
    "language",
    "original_source",
    "tags",
    "outlet_rating",
)

# What readers in ingest/ always provide, so a pipeline may require it.
INGEST_PRODUCES: tuple[str, ...] = (BODY, BOILERPLATE, PARAGRAPHS)
