"""Built-in analyzers, one module per stage. Order here is the default pipeline order.

Each entry maps the analyzer's ``name`` to ``"module:Class"``; the module is imported only when the
analyzer is used.
"""

BUILTIN: dict[str, str] = {
    "segmentation": "unspun.analyzers.segmentation:SegmentationAnalyzer",
    "entities": "unspun.analyzers.entities:EntitiesAnalyzer",
    "actors": "unspun.analyzers.actors:ActorsAnalyzer",
    "quotes": "unspun.analyzers.quotes:QuotesAnalyzer",
    "claims": "unspun.analyzers.claims:ClaimsAnalyzer",
    "persuasion": "unspun.analyzers.persuasion:PersuasionAnalyzer",
    "framing": "unspun.analyzers.framing:FramingAnalyzer",
    "genre": "unspun.analyzers.genre:GenreAnalyzer",
}
