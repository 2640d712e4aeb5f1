"""Outlet ratings, registered domains (offline) and language detection."""

from __future__ import annotations

import socket

import pytest

from unspun.ingest.domains import host_of, registered_domain
from unspun.ingest.language import detect_language
from unspun.ingest.sources import _table, rating_for


def test_table_is_bundled_whole():
    table = _table()
    assert len(table) == 11_520
    assert all(0.0 <= v <= 1.0 for v in table.values())


@pytest.mark.parametrize(
    "host, domain, match",
    [("reuters.com", "reuters.com", "exact"), ("www.globalresearch.ca", "globalresearch.ca", "exact"),
     ("uk.reuters.com", "uk.reuters.com", "exact"), ("live.globalresearch.ca", "globalresearch.ca",
                                                      "registered domain")],
)
def test_rating_lookup_with_fallback(host, domain, match):
    rating = rating_for(host)
    assert rating["domain"] == domain and rating["match"] == match
    assert rating["explanation"] == "aggregate expert rating of the outlet, not a verdict on this article"


def test_unrated_domains_get_no_rating():
    assert rating_for("my-own-blog-nobody-rates.example") is None
    assert rating_for(None) is None


def test_registered_domain_works_offline(monkeypatch):
    def no_network(*args, **kwargs):
        raise AssertionError("tldextract tried the network")

    monkeypatch.setattr(socket, "create_connection", no_network)
    assert registered_domain("news.bbc.co.uk") == "bbc.co.uk"
    assert registered_domain("a.b.example.com.au") == "example.com.au"


@pytest.mark.parametrize(
    "value, host",
    [("https://www.Example.org/x?y", "www.example.org"), ("mailto:desk@paper.co.uk", "paper.co.uk"),
     ("desk@paper.co.uk", "paper.co.uk"), ("www.site.net", "www.site.net"), ("not a host", None)],
)
def test_host_of(value, host):
    assert host_of(value) == host


@pytest.mark.parametrize(
    "text, code",
    [("The committee published its report on Tuesday, and the minister said the findings would be studied "
      "carefully before any decision on the future of the programme was taken.", "en"),
     ("Die Regierung hat am Dienstag einen neuen Plan vorgestellt, der die Energiepreise für Haushalte und "
      "kleine Unternehmen im kommenden Winter deutlich senken soll.", "de"),
     ("Правительство во вторник представило новый план, который должен заметно снизить цены на энергию "
      "для домохозяйств и малого бизнеса предстоящей зимой.", "ru")],
)
def test_language_detection(text, code):
    assert detect_language(text)["language"] == code


def test_language_abstains_on_too_little_text():
    result = detect_language("ok 123")
    assert result["language"] is None and result["reason"]


def test_short_text_is_confirmed_by_lingua_offline(monkeypatch):
    def no_network(*args, **kwargs):
        raise AssertionError("language detection tried the network")

    monkeypatch.setattr(socket, "create_connection", no_network)
    result = detect_language("Die Regierung hat am Dienstag einen neuen Plan vorgestellt.")
    assert result["language"] == "de"
    assert result["detector"] == "py3langid+lingua"
