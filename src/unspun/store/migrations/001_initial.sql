-- 001: the corpus schema. Portable SQL (DuckDB now, PostgreSQL later): JSON columns, no vendor types.
-- Every table and column carries a COMMENT: docs/data-dictionary.md is generated from them.

CREATE TABLE runs (
    run_id VARCHAR PRIMARY KEY,
    started_at TIMESTAMP NOT NULL,
    finished_at TIMESTAMP,
    status VARCHAR NOT NULL,
    pipeline VARCHAR NOT NULL,
    stages JSON NOT NULL,
    sources JSON NOT NULL,
    workers INTEGER NOT NULL,
    unspun_version VARCHAR NOT NULL,
    n_read INTEGER,
    n_analyzed INTEGER,
    n_skipped INTEGER,
    n_failed INTEGER
);
COMMENT ON TABLE runs IS 'One row per `unspun ingest` invocation: what ran, with which pipeline, and how it ended.';
COMMENT ON COLUMN runs.run_id IS 'Unique id of the run (UTC timestamp plus a random suffix).';
COMMENT ON COLUMN runs.started_at IS 'When the run started (UTC).';
COMMENT ON COLUMN runs.finished_at IS 'When the run ended (UTC); NULL while running or after a crash.';
COMMENT ON COLUMN runs.status IS '`running`, `finished`, `interrupted` (Ctrl-C) or `failed`; a killed run stays `running`.';
COMMENT ON COLUMN runs.pipeline IS 'Pipeline fingerprint (package version, stages, stage versions, model hashes).';
COMMENT ON COLUMN runs.stages IS 'JSON list of the analyzer names, in order.';
COMMENT ON COLUMN runs.sources IS 'JSON list of the sources given on the command line.';
COMMENT ON COLUMN runs.workers IS 'Number of analysis worker processes.';
COMMENT ON COLUMN runs.unspun_version IS 'Version of unspun that ran.';
COMMENT ON COLUMN runs.n_read IS 'Documents read from the sources (including skipped ones).';
COMMENT ON COLUMN runs.n_analyzed IS 'Documents analysed and committed by this run.';
COMMENT ON COLUMN runs.n_skipped IS 'Documents skipped because they were already in the store.';
COMMENT ON COLUMN runs.n_failed IS 'Sources or documents that failed (see `errors`).';

CREATE TABLE documents (
    doc_id VARCHAR PRIMARY KEY,
    content_hash VARCHAR NOT NULL,
    pipeline VARCHAR NOT NULL,
    run_id VARCHAR NOT NULL,
    source VARCHAR,
    url VARCHAR,
    outlet VARCHAR,
    domain VARCHAR,
    title VARCHAR,
    published VARCHAR,
    published_at TIMESTAMP,
    language VARCHAR,
    genre VARCHAR,
    n_chars INTEGER NOT NULL,
    n_body_chars INTEGER NOT NULL,
    n_shingles INTEGER NOT NULL,
    minhash BLOB,
    analyzed_at TIMESTAMP NOT NULL,
    text VARCHAR NOT NULL
);
COMMENT ON TABLE documents IS 'One row per stored article: its text, the common metadata and its identity.';
COMMENT ON COLUMN documents.doc_id IS 'Document identity: hash of the text and its origin (URL, else source). Stable across runs.';
COMMENT ON COLUMN documents.content_hash IS 'SHA-256 of the text alone; equal texts from different origins share it.';
COMMENT ON COLUMN documents.pipeline IS 'Fingerprint of the pipeline that analysed it; `--reanalyze` redoes rows with an older one.';
COMMENT ON COLUMN documents.run_id IS 'The run that analysed it (see `runs`).';
COMMENT ON COLUMN documents.source IS 'Where ingest read it (path, URL, JSONL line, WARC record), metadata `source`.';
COMMENT ON COLUMN documents.url IS 'Canonical URL, when known (metadata `url`).';
COMMENT ON COLUMN documents.outlet IS 'Publishing site''s name (metadata `outlet`).';
COMMENT ON COLUMN documents.domain IS 'Registered domain (metadata `domain`).';
COMMENT ON COLUMN documents.title IS 'Headline (metadata `title`).';
COMMENT ON COLUMN documents.published IS 'Publication date as given (metadata `published`, ISO 8601).';
COMMENT ON COLUMN documents.published_at IS '`published` parsed to a timestamp (UTC, naive); NULL when absent or unparseable.';
COMMENT ON COLUMN documents.language IS 'ISO 639-1 language code (metadata `language`).';
COMMENT ON COLUMN documents.genre IS 'Predicted genre label (label `genre`), NULL when the genre stage did not run.';
COMMENT ON COLUMN documents.n_chars IS 'Length of the text in Unicode code points.';
COMMENT ON COLUMN documents.n_body_chars IS 'Characters inside `body` spans (the article proper).';
COMMENT ON COLUMN documents.n_shingles IS 'Distinct 5-word shingles of the body, the set size behind `minhash`.';
COMMENT ON COLUMN documents.minhash IS 'MinHash signature of the body shingles (64 little-endian uint32), used for republication.';
COMMENT ON COLUMN documents.analyzed_at IS 'When it was analysed (UTC).';
COMMENT ON COLUMN documents.text IS 'The full, immutable text; every offset in this store points into it.';

CREATE TABLE metadata (
    doc_id VARCHAR NOT NULL,
    key VARCHAR NOT NULL,
    value JSON
);
COMMENT ON TABLE metadata IS 'Every metadata key of every document, as JSON (authors, tags, original_source, outlet_rating, ...).';
COMMENT ON COLUMN metadata.doc_id IS 'The document (see `documents`).';
COMMENT ON COLUMN metadata.key IS 'Metadata key (docs/document.md lists the known ones).';
COMMENT ON COLUMN metadata.value IS 'The value, as JSON.';

CREATE TABLE spans (
    doc_id VARCHAR NOT NULL,
    layer VARCHAR NOT NULL,
    idx INTEGER NOT NULL,
    start_char INTEGER NOT NULL,
    end_char INTEGER NOT NULL,
    label VARCHAR NOT NULL,
    score DOUBLE,
    attrs JSON
);
COMMENT ON TABLE spans IS 'Every span of every layer: the full analysis, from which a Document can be rebuilt.';
COMMENT ON COLUMN spans.doc_id IS 'The document (see `documents`).';
COMMENT ON COLUMN spans.layer IS 'Layer name (`body`, `sentences`, `quotes`, `claims`, ...; see docs/document.md).';
COMMENT ON COLUMN spans.idx IS 'Position of the span in its layer (layers are sorted by start, end, label).';
COMMENT ON COLUMN spans.start_char IS 'Start offset, in Unicode code points, into `documents.text` (inclusive).';
COMMENT ON COLUMN spans.end_char IS 'End offset, in Unicode code points (exclusive).';
COMMENT ON COLUMN spans.label IS 'Span label (what the span is).';
COMMENT ON COLUMN spans.score IS 'Confidence in [0, 1], when the analyzer gives one.';
COMMENT ON COLUMN spans.attrs IS 'Span attributes as JSON (layer-specific, see docs/document.md).';

CREATE TABLE labels (
    doc_id VARCHAR NOT NULL,
    name VARCHAR NOT NULL,
    value JSON
);
COMMENT ON TABLE labels IS 'Document-level labels (`genre`, `frames`, `actors`, ...) as JSON.';
COMMENT ON COLUMN labels.doc_id IS 'The document (see `documents`).';
COMMENT ON COLUMN labels.name IS 'Label name.';
COMMENT ON COLUMN labels.value IS 'The label''s JSON object.';

CREATE TABLE techniques (
    doc_id VARCHAR NOT NULL,
    level VARCHAR NOT NULL,
    technique VARCHAR NOT NULL,
    category VARCHAR,
    score DOUBLE,
    threshold DOUBLE,
    paragraph INTEGER,
    start_char INTEGER NOT NULL,
    end_char INTEGER NOT NULL,
    text VARCHAR
);
COMMENT ON TABLE techniques IS 'Persuasion techniques, flattened from the `techniques` (asserted per paragraph) and `technique_spans` layers.';
COMMENT ON COLUMN techniques.doc_id IS 'The document (see `documents`).';
COMMENT ON COLUMN techniques.level IS '`paragraph` (asserted for a paragraph) or `span` (a phrase-level span).';
COMMENT ON COLUMN techniques.technique IS 'Technique name.';
COMMENT ON COLUMN techniques.category IS 'Technique category, when given.';
COMMENT ON COLUMN techniques.score IS 'Calibrated score of the technique, when given.';
COMMENT ON COLUMN techniques.threshold IS 'Decision threshold the score passed (paragraph level).';
COMMENT ON COLUMN techniques.paragraph IS 'Body paragraph index, when known.';
COMMENT ON COLUMN techniques.start_char IS 'Start offset of the paragraph or span.';
COMMENT ON COLUMN techniques.end_char IS 'End offset of the paragraph or span (exclusive).';
COMMENT ON COLUMN techniques.text IS 'The characters the span covers (at most 1,000).';

CREATE TABLE claims (
    doc_id VARCHAR NOT NULL,
    idx INTEGER NOT NULL,
    claim_type VARCHAR NOT NULL,
    sourcing VARCHAR,
    source VARCHAR,
    hedges JSON,
    quantities JSON,
    score DOUBLE,
    start_char INTEGER NOT NULL,
    end_char INTEGER NOT NULL,
    text VARCHAR
);
COMMENT ON TABLE claims IS 'Checkable claims, flattened from the `claims` layer.';
COMMENT ON COLUMN claims.doc_id IS 'The document (see `documents`).';
COMMENT ON COLUMN claims.idx IS 'Position of the claim in its layer.';
COMMENT ON COLUMN claims.claim_type IS '`numeric`, `causal`, `attribution`, `prediction`, `comparison` or `other`.';
COMMENT ON COLUMN claims.sourcing IS '`named`, `vague` or `none`.';
COMMENT ON COLUMN claims.source IS 'Who the claim is attributed to, as text (attrs `source`), when named.';
COMMENT ON COLUMN claims.hedges IS 'Hedging cues (attrs `hedges`), JSON.';
COMMENT ON COLUMN claims.quantities IS 'Quantities found in the claim (attrs `quantities`), JSON.';
COMMENT ON COLUMN claims.score IS 'Confidence in [0, 1], when given.';
COMMENT ON COLUMN claims.start_char IS 'Start offset of the claim.';
COMMENT ON COLUMN claims.end_char IS 'End offset of the claim (exclusive).';
COMMENT ON COLUMN claims.text IS 'The claim''s characters (at most 1,000).';

CREATE TABLE quotes (
    doc_id VARCHAR NOT NULL,
    idx INTEGER NOT NULL,
    kind VARCHAR NOT NULL,
    speaker VARCHAR,
    speaker_id VARCHAR,
    cue VARCHAR,
    quote_date VARCHAR,
    score DOUBLE,
    start_char INTEGER NOT NULL,
    end_char INTEGER NOT NULL,
    text VARCHAR
);
COMMENT ON TABLE quotes IS 'Quotes, flattened from the `quotes` layer.';
COMMENT ON COLUMN quotes.doc_id IS 'The document (see `documents`).';
COMMENT ON COLUMN quotes.idx IS 'Position of the quote in its layer.';
COMMENT ON COLUMN quotes.kind IS '`direct`, `indirect` or `mixed`.';
COMMENT ON COLUMN quotes.speaker IS 'Speaker as written in the text (attrs `speaker.text`).';
COMMENT ON COLUMN quotes.speaker_id IS 'Resolved actor id of the speaker (attrs `speaker_id`), when known.';
COMMENT ON COLUMN quotes.cue IS 'Speech verb or cue as written (attrs `cue.text`).';
COMMENT ON COLUMN quotes.quote_date IS 'When the words were said (attrs `date`, ISO), when known.';
COMMENT ON COLUMN quotes.score IS 'Confidence in [0, 1], when given.';
COMMENT ON COLUMN quotes.start_char IS 'Start offset of the quote.';
COMMENT ON COLUMN quotes.end_char IS 'End offset of the quote (exclusive).';
COMMENT ON COLUMN quotes.text IS 'The quote''s characters (at most 1,000).';

CREATE TABLE actors (
    doc_id VARCHAR NOT NULL,
    actor_id VARCHAR NOT NULL,
    name VARCHAR,
    actor_type VARCHAR,
    role VARCHAR,
    affiliation VARCHAR,
    mentions INTEGER NOT NULL,
    first_char INTEGER NOT NULL
);
COMMENT ON TABLE actors IS 'Actors per document, aggregated from the `actors` layer (one row per actor id and document).';
COMMENT ON COLUMN actors.doc_id IS 'The document (see `documents`).';
COMMENT ON COLUMN actors.actor_id IS 'Actor id (attrs `id`; the mention text when no id was resolved).';
COMMENT ON COLUMN actors.name IS 'Canonical name (attrs `name`), else the first mention''s text.';
COMMENT ON COLUMN actors.actor_type IS '`state`, `igo`, `government`, `party`, `person` or `other`.';
COMMENT ON COLUMN actors.role IS 'Role of a person (attrs `role`), when known.';
COMMENT ON COLUMN actors.affiliation IS 'Actor id a person is affiliated with (attrs `affiliation`), when known.';
COMMENT ON COLUMN actors.mentions IS 'Number of mentions in the document.';
COMMENT ON COLUMN actors.first_char IS 'Start offset of the first mention.';

CREATE TABLE frames (
    doc_id VARCHAR NOT NULL,
    frame VARCHAR NOT NULL,
    score DOUBLE,
    threshold DOUBLE,
    asserted BOOLEAN NOT NULL
);
COMMENT ON TABLE frames IS 'Frames per document, flattened from the `frames` label (every scored frame).';
COMMENT ON COLUMN frames.doc_id IS 'The document (see `documents`).';
COMMENT ON COLUMN frames.frame IS 'Frame name.';
COMMENT ON COLUMN frames.score IS 'Calibrated score.';
COMMENT ON COLUMN frames.threshold IS 'Decision threshold for this frame, when given.';
COMMENT ON COLUMN frames.asserted IS 'True when the frame is among the label''s `labels` (passed its threshold).';

CREATE TABLE genre (
    doc_id VARCHAR NOT NULL,
    label VARCHAR NOT NULL,
    score DOUBLE,
    scores JSON
);
COMMENT ON TABLE genre IS 'Genre per document, from the `genre` label.';
COMMENT ON COLUMN genre.doc_id IS 'The document (see `documents`).';
COMMENT ON COLUMN genre.label IS 'Predicted genre (`reporting`, `opinion`, `satire`, ...).';
COMMENT ON COLUMN genre.score IS 'Score of the predicted genre.';
COMMENT ON COLUMN genre.scores IS 'Every genre''s score, JSON.';

CREATE TABLE errors (
    run_id VARCHAR NOT NULL,
    logged_at TIMESTAMP NOT NULL,
    stage VARCHAR NOT NULL,
    source VARCHAR,
    doc_id VARCHAR,
    error_type VARCHAR NOT NULL,
    message VARCHAR NOT NULL
);
COMMENT ON TABLE errors IS 'Per-document error log: sources that could not be read and documents that could not be analysed.';
COMMENT ON COLUMN errors.run_id IS 'The run (see `runs`).';
COMMENT ON COLUMN errors.logged_at IS 'When it happened (UTC).';
COMMENT ON COLUMN errors.stage IS '`ingest` (reading the source) or `analysis` (running the pipeline).';
COMMENT ON COLUMN errors.source IS 'The source, as ingest named it.';
COMMENT ON COLUMN errors.doc_id IS 'The document, when it was read.';
COMMENT ON COLUMN errors.error_type IS 'Error class name.';
COMMENT ON COLUMN errors.message IS 'What went wrong and what to do.';

CREATE TABLE republication_clusters (
    cluster_id INTEGER NOT NULL,
    size INTEGER NOT NULL,
    n_outlets INTEGER NOT NULL,
    earliest_doc_id VARCHAR NOT NULL,
    earliest_published TIMESTAMP,
    computed_at TIMESTAMP NOT NULL
);
COMMENT ON TABLE republication_clusters IS 'Groups of documents that republish the same article (near-duplicates or contained copies).';
COMMENT ON COLUMN republication_clusters.cluster_id IS 'Cluster number (stable only within one computation).';
COMMENT ON COLUMN republication_clusters.size IS 'Number of documents in the cluster.';
COMMENT ON COLUMN republication_clusters.n_outlets IS 'Distinct outlets (outlet, else domain, else source) in the cluster.';
COMMENT ON COLUMN republication_clusters.earliest_doc_id IS 'The earliest copy by publication date (undated copies count as latest).';
COMMENT ON COLUMN republication_clusters.earliest_published IS 'Publication date of the earliest copy.';
COMMENT ON COLUMN republication_clusters.computed_at IS 'When the clusters were computed (UTC).';

CREATE TABLE republication_members (
    cluster_id INTEGER NOT NULL,
    doc_id VARCHAR NOT NULL,
    relation VARCHAR NOT NULL,
    jaccard DOUBLE,
    containment DOUBLE,
    evidence JSON
);
COMMENT ON TABLE republication_members IS 'Members of each republication cluster, with how they relate to the earliest copy.';
COMMENT ON COLUMN republication_members.cluster_id IS 'The cluster (see `republication_clusters`).';
COMMENT ON COLUMN republication_members.doc_id IS 'The document (see `documents`).';
COMMENT ON COLUMN republication_members.relation IS '`earliest`, `near_duplicate` (similar body), `contained` (its body lies inside the earliest) or `contains`.';
COMMENT ON COLUMN republication_members.jaccard IS 'Estimated Jaccard similarity of its body shingles with the earliest copy''s.';
COMMENT ON COLUMN republication_members.containment IS 'Estimated share of the smaller body''s shingles found in the larger one.';
COMMENT ON COLUMN republication_members.evidence IS 'Syndication notices found by ingest: metadata `original_source` and `syndication` boilerplate text, JSON list.';

CREATE TABLE corpus_state (
    key VARCHAR PRIMARY KEY,
    value JSON
);
COMMENT ON TABLE corpus_state IS 'Small key-value facts about the corpus (when republication was last computed, over how many documents).';
COMMENT ON COLUMN corpus_state.key IS 'Name of the fact.';
COMMENT ON COLUMN corpus_state.value IS 'Its value, JSON.';
