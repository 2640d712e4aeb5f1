"""Preset queries over a corpus, in the portable SQL the repository interface promises.

Each preset has a name (the ``unspun query`` subcommand), a one-line description, and SQL with one
parameter, the row limit. ``outlet`` is the outlet's name, else its domain, else ``(unknown)``.
"""

from __future__ import annotations

from dataclasses import dataclass

from unspun.errors import ConfigError
from unspun.store import QueryResult, Repository

_OUTLET = "coalesce(d.outlet, d.domain, '(unknown)')"


@dataclass(frozen=True)
class Preset:
    name: str
    description: str
    sql: str


PRESETS: dict[str, Preset] = {p.name: p for p in (
    Preset(
        "techniques-by-outlet",
        "Persuasion techniques per outlet: paragraphs and phrase spans, and the share of the outlet's "
        "documents that use each.",
        f"""
        WITH per_outlet AS (
            SELECT {_OUTLET} AS outlet, count(*) AS outlet_documents FROM documents d GROUP BY 1
        )
        SELECT {_OUTLET} AS outlet, t.technique,
               count(DISTINCT t.doc_id) AS documents,
               round(100.0 * count(DISTINCT t.doc_id) / max(o.outlet_documents), 1) AS pct_documents,
               sum(CASE WHEN t.level = 'paragraph' THEN 1 ELSE 0 END) AS paragraphs,
               sum(CASE WHEN t.level = 'span' THEN 1 ELSE 0 END) AS spans
        FROM techniques t
        JOIN documents d ON d.doc_id = t.doc_id
        JOIN per_outlet o ON o.outlet = {_OUTLET}
        GROUP BY 1, 2
        ORDER BY outlet, documents DESC, technique
        LIMIT ?
        """,
    ),
    Preset(
        "top-claims",
        "Claims that recur across documents (same text, case and spacing ignored), most widespread first.",
        f"""
        SELECT min(c.text) AS claim, min(c.claim_type) AS claim_type,
               count(DISTINCT c.doc_id) AS documents, count(DISTINCT {_OUTLET}) AS outlets,
               count(*) AS occurrences, min(d.published_at) AS first_seen
        FROM claims c JOIN documents d ON d.doc_id = c.doc_id
        GROUP BY lower(trim(c.text))
        ORDER BY documents DESC, occurrences DESC, claim
        LIMIT ?
        """,
    ),
    Preset(
        "speakers",
        "Who is quoted: quotes per speaker (resolved actor id, else the name as written), documents and outlets.",
        f"""
        SELECT coalesce(q.speaker_id, q.speaker) AS speaker, min(q.speaker) AS as_written,
               count(*) AS quotes,
               sum(CASE WHEN q.kind = 'direct' THEN 1 ELSE 0 END) AS direct,
               sum(CASE WHEN q.kind <> 'direct' THEN 1 ELSE 0 END) AS indirect_or_mixed,
               count(DISTINCT q.doc_id) AS documents, count(DISTINCT {_OUTLET}) AS outlets
        FROM quotes q JOIN documents d ON d.doc_id = q.doc_id
        WHERE coalesce(q.speaker_id, q.speaker) IS NOT NULL
        GROUP BY 1
        ORDER BY quotes DESC, speaker
        LIMIT ?
        """,
    ),
    Preset(
        "actor-pairs",
        "Actors named together in the same documents, most frequent pairs first.",
        """
        SELECT a.actor_id AS actor_a, min(a.name) AS name_a, b.actor_id AS actor_b, min(b.name) AS name_b,
               count(DISTINCT a.doc_id) AS documents
        FROM actors a JOIN actors b ON a.doc_id = b.doc_id AND a.actor_id < b.actor_id
        GROUP BY a.actor_id, b.actor_id
        ORDER BY documents DESC, actor_a, actor_b
        LIMIT ?
        """,
    ),
    Preset(
        "republication",
        "Republication clusters (largest first, up to the limit): each copy with its relation to the "
        "earliest dated copy, similarity and syndication notices.",
        f"""
        SELECT c.cluster_id AS cluster, c.size, c.n_outlets AS outlets, m.relation,
               d.published, {_OUTLET} AS outlet, d.title, coalesce(d.url, d.source) AS location,
               round(m.jaccard, 2) AS jaccard, round(m.containment, 2) AS containment,
               m.evidence, m.doc_id
        FROM republication_clusters c
        JOIN republication_members m ON m.cluster_id = c.cluster_id
        JOIN documents d ON d.doc_id = m.doc_id
        WHERE c.cluster_id IN (
            SELECT cluster_id FROM republication_clusters ORDER BY size DESC, cluster_id LIMIT ?
        )
        ORDER BY c.size DESC, c.cluster_id, CASE WHEN m.relation = 'earliest' THEN 0 ELSE 1 END,
                 d.published_at NULLS LAST, m.doc_id
        """,
    ),
)}


def run_preset(repo: Repository, name: str, limit: int = 50) -> QueryResult:
    """Run the preset ``name`` with a row (or, for republication, cluster) limit."""
    preset = PRESETS.get(name)
    if preset is None:
        raise ConfigError(f"no preset query named {name!r}", hint=f"choose from {', '.join(PRESETS)}")
    if limit < 1:
        raise ConfigError(f"limit must be at least 1, got {limit}")
    return repo.query(preset.sql, [limit])
