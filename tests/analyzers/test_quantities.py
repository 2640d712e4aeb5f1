"""Quantity normalisation: value, qualifier, range, unit and counted thing, in six languages."""

from __future__ import annotations

from pathlib import Path

import pytest

from unspun.analyzers.quantities import find_quantities, parse_numeral

DATA = Path(__file__).parent / "data"
GOLD = DATA / "quantities_gold.tsv"  # written while the rules were developed
HELDOUT = DATA / "quantities_heldout.tsv"  # written before the code saw them


def _gold(path: Path = GOLD) -> list[tuple[str, float, str | None, str | None, str]]:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        lang, value, qualifier, unit, sentence = line.split("\t")
        rows.append((lang, float(value), None if qualifier == "-" else qualifier, None if unit == "-" else unit,
                     sentence))
    return rows


def test_gold_set_is_large_and_multilingual():
    rows = _gold()
    assert len(rows) >= 100 and len(_gold(HELDOUT)) >= 40
    assert {r[0] for r in rows} == {r[0] for r in _gold(HELDOUT)} == {"en", "fr", "de", "it", "pl", "ru"}


@pytest.mark.parametrize("path", [GOLD, HELDOUT], ids=["gold", "heldout"])
def test_value_and_qualifier_exact_on_95_percent(path):
    rows = _gold(path)
    misses = []
    for lang, value, qualifier, _, sentence in rows:
        found = find_quantities(sentence, lang)
        first = found[0] if found else None
        if first is None or abs(first.value - value) > 1e-6 or first.qualifier != qualifier:
            misses.append((sentence, first))
    assert 1 - len(misses) / len(rows) >= 0.95, misses


def test_units_on_gold():
    rows = [r for r in _gold() + _gold(HELDOUT) if r[3] is not None]
    assert len(rows) >= 20
    wrong = [(s, find_quantities(s, lang)[0].unit) for lang, _, _, unit, s in rows
             if find_quantities(s, lang)[0].unit != unit]
    assert len(wrong) <= len(rows) * 0.05, wrong


@pytest.mark.parametrize(
    ("text", "lang", "value"),
    [
        ("1,500.5", "en", 1500.5),
        ("1.500,5", "de", 1500.5),
        ("1 500,5", "fr", 1500.5),
        ("1,5", "ru", 1.5),
        ("1.5", "en", 1.5),
        ("1.500", "de", 1500),
        ("1,500", "en", 1500),
        ("1'500", "de", 1500),
        ("12.345.678", "it", 12345678),
        ("0.500", "de", 0.5),
    ],
)
def test_parse_numeral_by_language(text, lang, value):
    assert parse_numeral(text, lang) == pytest.approx(value)


def test_seed_sentence():
    [q] = find_quantities("At least 164 Kazakhs have been killed, media outlets burned.", "en")
    assert (q.value, q.qualifier, q.counted, q.text) == (164, "at least", "Kazakhs", "At least 164")
    assert q.to_attrs(100)["start"] == 100 and q.to_attrs(100)["end"] == 112


def test_ranges_share_the_scale():
    [q] = find_quantities("From 2 to 3 million people fled.", "en")
    assert q.value == 2e6 and q.range == (2e6, 3e6)
    [q] = find_quantities("Od 5 do 7 tys. osób uciekło.", "pl")
    assert q.range == (5000, 7000)


def test_vague_amounts_have_conventional_ranges():
    [q] = find_quantities("Dozens of people were injured.", "en")
    assert q.kind == "vague" and q.range == (24, 99) and q.counted == "people"
    [q] = find_quantities("Сотни людей вышли на улицы.", "ru")
    assert q.value == 200


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("The talks began on January 6 in Geneva.", "en"),
        ("In 2014, the so-called revolution occurred.", "en"),
        ("COVID-19 and the G7 summit were discussed, as were F-16 jets.", "en"),
        ("The 2014-2015 season was cancelled at 10:30.", "en"),
        ("Am 9. Januar 2022 sprach er in Berlin.", "de"),
        ("9 января 2022 года он выступил.", "ru"),
        ("It was the one thing he regretted.", "en"),
        ("Il a parlé à une conférence de presse.", "fr"),
    ],
)
def test_dates_identifiers_and_articles_are_not_quantities(text, lang):
    assert find_quantities(text, lang) == []


def test_money_and_percent():
    [q] = find_quantities("The EU pledged €1,5 Mrd. to Kyiv.", "de")
    assert (q.value, q.unit, q.kind) == (1.5e9, "EUR", "money")
    [q] = find_quantities("Support fell to 31,2 % in May.", "fr")
    assert (q.value, q.unit, q.kind) == (31.2, "%", "percent")


def test_offsets_point_at_the_text():
    text = "Officials said nearly 3,000 troops and about 40 tanks crossed."
    for q in find_quantities(text, "en"):
        assert text[q.start : q.end] == q.text
    assert [q.qualifier for q in find_quantities(text, "en")] == ["nearly", "about"]


def test_written_numbers_compose_like_numerals():
    assert [q.value for q in find_quantities("It began in nineteen sixty-one with two ships.", "en")] == [2]
    [q] = find_quantities("They hired between four and five hundred more employees.", "en")
    assert q.range == (400, 500)
    assert find_quantities("one hundred five", "en")[0].value == 105


def test_german_ueber_after_a_noun_is_not_a_qualifier():
    [q] = find_quantities("Die Bank gab einen Kredit über 600 Millionen Euro.", "de")
    assert q.qualifier is None and q.value == 6e8
    [q] = find_quantities("Die Zahl stieg auf über 600 Tote.", "de")
    assert q.qualifier == "more than"
