"""Text and Markdown readers: rendering, offsets, encodings, normalisation and bad input."""

from __future__ import annotations

import unicodedata

import pytest

from unspun import ingest
from unspun.config import IngestOptions
from unspun.errors import (
    BinaryInputError,
    DecodingError,
    EmptyInputError,
    InputNotFoundError,
    InputTooLargeError,
    UnsupportedFormatError,
)

RU = (
    "Правительство объявило о новых мерах поддержки малого бизнеса. По словам министра, программа "
    "начнёт работать в следующем месяце и охватит около двадцати тысяч предприятий по всей стране.\n\n"
    "Представители отрасли встретили решение сдержанно и попросили уточнить условия участия."
)
FR = (
    "Le conseil municipal a voté mardi la fermeture de deux bibliothèques. Les élus de l'opposition ont "
    "dénoncé une décision précipitée, prise sans consultation des habitants du quartier.\n\n"
    "La maire a répondu que la ville n'avait pas d'autre choix à cause du déficit budgétaire."
)


def test_markdown_links_emphasis_and_escapes_become_plain_text():
    md = "# A headline\n\nThe [minister](https://example.org/m) said **it** was *false* \\*again\\*.\n"
    doc = ingest.from_text(md)
    assert doc.text == "A headline\n\nThe minister said it was false *again*."
    assert doc.metadata["original_markup"]["text"] == md
    para = doc.layer("paragraphs")[0]
    assert doc.span_text(para) == "The minister said it was false *again*."


def test_plain_text_keeps_its_characters_and_offsets():
    text = "Officials said on Monday that the bridge would reopen.\n\nTraffic has been diverted since May."
    doc = ingest.from_text(text)
    assert doc.text == text
    assert "original_markup" not in doc.metadata
    assert [doc.span_text(p) for p in doc.layer("paragraphs")] == text.split("\n\n")


def test_newlines_bom_and_nfc_are_normalised():
    decomposed = "Cafe\u0301 owners protested on Tuesday against the new rules.\r\nThey want a delay."
    doc = ingest.from_bytes(b"\xef\xbb\xbf" + decomposed.encode("utf-8"), name="a.txt")
    assert "\r" not in doc.text and "\ufeff" not in doc.text
    assert doc.text == unicodedata.normalize("NFC", decomposed.replace("\r\n", "\n"))


def test_cp1251_russian_is_decoded_and_detected():
    doc = ingest.from_bytes(RU.encode("cp1251"), name="ru.txt")
    assert "Правительство" in doc.text
    assert doc.metadata["language"] == "ru"
    assert doc.metadata["ingest"]["encoding"] != "utf-8"


def test_latin1_french_is_decoded():
    doc = ingest.from_bytes(FR.encode("latin-1"), name="fr.txt")
    assert "bibliothèques" in doc.text and "décision" in doc.text
    assert doc.metadata["language"] == "fr"


def test_utf16_with_bom_is_decoded():
    doc = ingest.from_bytes(FR.encode("utf-16"), name="fr.txt")
    assert doc.text.startswith("Le conseil municipal")


@pytest.mark.parametrize("data", [b"", b"   \n\t ", "\ufeff".encode()])
def test_empty_input_is_refused(data):
    with pytest.raises(EmptyInputError):
        ingest.from_bytes(data)


@pytest.mark.parametrize(
    "data", [b"%PDF-1.7\n...", b"\x89PNG\r\n\x1a\n\x00\x00", b"PK\x03\x04zip", b"abc\x00\x01\x02def" * 10]
)
def test_binary_input_is_refused_with_a_hint(data):
    with pytest.raises(BinaryInputError) as err:
        ingest.from_bytes(data, name="thing")
    assert err.value.hint


def test_size_limit_applies_to_bytes_text_and_files(tmp_path):
    options = IngestOptions(max_bytes=100)
    with pytest.raises(InputTooLargeError):
        ingest.from_bytes(b"word " * 50, options=options)
    with pytest.raises(InputTooLargeError):
        ingest.from_text("word " * 50, options=options)
    path = tmp_path / "big.txt"
    path.write_text("word " * 50)
    with pytest.raises(InputTooLargeError, match="100-byte limit"):
        ingest.from_path(path, options=options)


def test_missing_path_and_folder_are_refused(tmp_path):
    with pytest.raises(InputNotFoundError):
        ingest.from_path(tmp_path / "nope.txt")
    with pytest.raises(InputNotFoundError):
        ingest.from_path(tmp_path)


def test_corpus_files_are_not_single_articles():
    with pytest.raises(UnsupportedFormatError, match="iter_documents"):
        ingest.from_bytes(b"WARC/1.0\r\n", name="x.warc")
    with pytest.raises(UnsupportedFormatError):
        ingest.from_bytes(b'<?xml version="1.0"?><rss version="2.0"></rss>', name="f.xml")


def test_sniffing_reads_html_inside_a_txt_file(tmp_path):
    page = (
        "<!DOCTYPE html><html><head><title>T</title></head><body><article><h1>Flood warning issued</h1>"
        "<p>" + "Heavy rain is expected across the valley on Thursday, forecasters said. " * 5 + "</p>"
        "</article></body></html>"
    )
    path = tmp_path / "saved.txt"
    path.write_text(page)
    doc = ingest.from_path(path)
    assert doc.metadata["ingest"]["format"] == "html"
    assert "<p>" not in doc.text and "Heavy rain" in doc.text


def test_given_metadata_wins_and_forced_language():
    doc = ingest.from_text(FR, metadata={"title": "Given", "url": "https://www.lemonde.fr/x"},
                           options=IngestOptions(language="fr"))
    assert doc.metadata["title"] == "Given"
    assert doc.metadata["domain"] == "lemonde.fr"
    assert doc.metadata["language"] == "fr"
    assert doc.metadata["outlet_rating"]["domain"] == "lemonde.fr"


def test_short_text_abstains_from_language():
    doc = ingest.from_text("OK then.")
    assert "language" not in doc.metadata
    assert doc.metadata["ingest"]["language_detection"]["language"] is None


def test_undecodable_bytes_are_refused():
    import random

    rng = random.Random(1)
    data = bytes(rng.randrange(128, 256) for _ in range(500))
    with pytest.raises(DecodingError) as err:
        ingest.from_bytes(data, name="mystery.txt")
    assert "UTF-8" in err.value.hint
