"""Registered domains, with tldextract's bundled Public Suffix List snapshot: never a network fetch."""

from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import urlsplit

import tldextract

# suffix_list_urls=() makes tldextract use the snapshot shipped in the wheel; cache_dir=None writes nothing.
_EXTRACT = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)
_HOST = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,62}\.)+[a-z]{2,63}$")


def host_of(url_or_host: str) -> str | None:
    """The lower-case host of a URL, a ``mailto:`` address, an e-mail address or a bare host name."""
    s = url_or_host.strip().lower()
    if s.startswith("mailto:"):
        s = s[7:].split("?", 1)[0]
    if "@" in s and "://" not in s:
        s = s.rsplit("@", 1)[1]
    if "://" in s:
        s = urlsplit(s).hostname or ""
    s = s.split("/", 1)[0].split(":", 1)[0].strip(".")
    return s if _HOST.match(s) else None


@lru_cache(maxsize=4096)
def registered_domain(host: str) -> str | None:
    """``"uk.reuters.com"`` -> ``"reuters.com"``; None for hosts without a public suffix."""
    ext = _EXTRACT(host)
    return ext.top_domain_under_public_suffix or None
