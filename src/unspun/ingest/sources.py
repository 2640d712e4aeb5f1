"""Outlet ratings: the aggregate domain-quality table of Lin et al. (2023), bundled with its citation.

The score rates an outlet, from several expert rating sets; it says nothing about any one article.
"""

from __future__ import annotations

import csv
from functools import lru_cache
from importlib import resources

from unspun.ingest.domains import registered_domain

CITATION = (
    "Lin, H., Lasser, J., Lewandowsky, S., Cole, R., Gully, A., Rand, D. G., & Pennycook, G. (2023). "
    "High level of correspondence across different news domain quality rating sets. PNAS Nexus, 2(9), "
    "pgad286. https://doi.org/10.1093/pnasnexus/pgad286"
)
SOURCE = "domain-quality-ratings pc1 (Lin et al. 2023), 11,520 domains"
SCALE = "0 (lowest quality) to 1 (highest quality)"
EXPLANATION = "aggregate expert rating of the outlet, not a verdict on this article"


@lru_cache(maxsize=1)
def _table() -> dict[str, float]:
    path = resources.files("unspun.ingest").joinpath("data/domain_pc1.csv")
    with path.open("r", encoding="utf-8") as fh:
        return {row["domain"].strip().lower(): float(row["pc1"]) for row in csv.DictReader(fh)}


def rating_for(host: str | None) -> dict | None:
    """The outlet rating object for a host name, or None when the table does not rate it.

    The exact host is tried first (the table rates some subdomains on their own), then the host
    without ``www.``, then its registered domain.
    """
    if not host:
        return None
    table = _table()
    host = host.lower().strip(".")
    candidates = [host, host.removeprefix("www.")]
    reg = registered_domain(host)
    if reg:
        candidates.append(reg)
    for i, cand in enumerate(candidates):
        if cand in table:
            return {
                "domain": cand,
                "score": round(table[cand], 3),
                "scale": SCALE,
                "source": SOURCE,
                "citation": CITATION,
                "explanation": EXPLANATION,
                "match": "exact" if i < 2 else "registered domain",
            }
    return None
