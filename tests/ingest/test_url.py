"""URL fetching against a real HTTP server on the loopback interface."""

from __future__ import annotations

import ipaddress

import pytest

from unspun import ingest
from unspun.config import IngestOptions
from unspun.errors import BlockedAddressError, FetchError, InputTooLargeError, UnsupportedFormatError
from unspun.ingest.url import _why_blocked

from .conftest import base_url

ALLOW = IngestOptions(allow_private_network=True, timeout_s=10)


def test_loopback_is_refused_before_any_request(loopback_server):
    before = len(loopback_server.hits)
    with pytest.raises(BlockedAddressError) as err:
        ingest.from_url(base_url(loopback_server) + "/article")
    assert "loopback" in str(err.value) and "--allow-private-network" in err.value.hint
    assert len(loopback_server.hits) == before


def test_localhost_name_is_refused_after_resolution(loopback_server):
    port = loopback_server.server_address[1]
    with pytest.raises(BlockedAddressError):
        ingest.from_url(f"http://localhost:{port}/article")


def test_allowed_private_network_fetches_the_article(loopback_server):
    doc = ingest.from_url(base_url(loopback_server) + "/article", options=ALLOW)
    assert doc.metadata["title"] == "Northbridge council votes to close two libraries"
    assert doc.metadata["source"].endswith("/article")
    assert doc.metadata["ingest"]["fetch"]["status"] == 200
    assert loopback_server.user_agents[-1].startswith("unspun/")


def test_plain_text_url(loopback_server):
    doc = ingest.from_url(base_url(loopback_server) + "/text", options=ALLOW)
    assert doc.metadata["ingest"]["format"] == "text"
    assert doc.metadata["url"].endswith("/text")


def test_redirects_are_followed_and_limited(loopback_server):
    doc = ingest.from_url(base_url(loopback_server) + "/redirect/2", options=ALLOW)
    assert len(doc.metadata["ingest"]["fetch"]["redirects"]) == 3
    with pytest.raises(FetchError, match="redirects more than"):
        ingest.from_url(base_url(loopback_server) + "/redirect/9", options=ALLOW)


def test_redirect_hops_are_rechecked(loopback_server, monkeypatch):
    """Every hop is resolved and checked again: here the first hop passes, the redirect target does not."""
    from unspun.ingest import url as url_mod

    real = url_mod.resolve
    calls: list[str] = []

    def first_hop_allowed(host, port, options):
        calls.append(host)
        return real(host, port, ALLOW if len(calls) == 1 else IngestOptions())

    monkeypatch.setattr(url_mod, "resolve", first_hop_allowed)
    before = len(loopback_server.hits)
    with pytest.raises(BlockedAddressError):
        ingest.from_url(base_url(loopback_server) + "/redirect/1")
    assert len(calls) == 2
    assert loopback_server.hits[before:] == ["/redirect/1"]


def test_size_cap_on_announced_and_streamed_bodies(loopback_server):
    small = IngestOptions(allow_private_network=True, max_bytes=1000, timeout_s=10)
    with pytest.raises(InputTooLargeError):
        ingest.from_url(base_url(loopback_server) + "/big", options=small)
    with pytest.raises(InputTooLargeError):
        ingest.from_url(base_url(loopback_server) + "/big-unannounced", options=small)


def test_wrong_content_type_and_http_errors(loopback_server):
    with pytest.raises(FetchError, match="image/png"):
        ingest.from_url(base_url(loopback_server) + "/image", options=ALLOW)
    with pytest.raises(FetchError, match="404"):
        ingest.from_url(base_url(loopback_server) + "/missing", options=ALLOW)
    with pytest.raises(UnsupportedFormatError, match="feed"):
        ingest.from_url(base_url(loopback_server) + "/feed", options=ALLOW)


@pytest.mark.parametrize("url", ["ftp://example.org/a", "file:///etc/passwd", "http:///nohost",
                                 "http://user:pw@example.org/"])
def test_bad_urls_are_refused_without_network(url):
    with pytest.raises((UnsupportedFormatError, FetchError)):
        ingest.from_url(url)


@pytest.mark.parametrize(
    "address, blocked",
    [("127.0.0.1", True), ("10.1.2.3", True), ("192.168.0.1", True), ("172.16.5.4", True),
     ("169.254.169.254", True), ("224.0.0.1", True), ("0.0.0.0", True), ("::1", True),
     ("fe80::1", True), ("::ffff:127.0.0.1", True), ("100.64.0.1", True), ("8.8.8.8", False),
     ("2606:4700:4700::1111", False)],
)
def test_address_classes(address, blocked):
    assert (_why_blocked(ipaddress.ip_address(address)) is not None) is blocked


def test_feed_url_in_corpus_mode_fetches_each_entry(loopback_server):
    items = list(ingest.iter_documents([base_url(loopback_server) + "/feed"], options=ALLOW))
    assert len(items) == 1 and not isinstance(items[0], ingest.IngestFailure), items
    doc = items[0]
    assert doc.metadata["source"] == base_url(loopback_server) + "/article"
    assert doc.metadata["ingest"]["feed_entry"] == "fetched the entry's link"
    assert doc.metadata["title"] == "Northbridge council votes to close two libraries"


def test_feed_url_is_refused_on_loopback_by_default(loopback_server):
    items = list(ingest.iter_documents([base_url(loopback_server) + "/feed"]))
    assert len(items) == 1 and isinstance(items[0].error, BlockedAddressError)
