"""Numbers in text, normalised: value, range, qualifier, unit, the thing counted, in six languages.

``find_quantities("At least 164 Kazakhs have been killed", "en")`` gives one :class:`Quantity` with
value 164, qualifier ``"at least"`` and counted ``"Kazakhs"`` (the claims analyzer refines ``counted`` with
the dependency parse, e.g. ``"Kazakhs killed"``, and adds the ``time``).

Handled, for en, fr, de, it, pl and ru:

* digits in each language's format: ``1,500.5`` (en), ``1 500,5`` / ``1.500,5`` / ``1'500`` (fr, de, it,
  pl, ru), with the decimal/thousands reading decided by the language and the group lengths;
* scale words and abbreviations: ``1.5 million``, ``1,5 млн``, ``2 Mrd.``, ``3 tys.``, ``$5bn``;
* written numbers: ``three``, ``twenty-five``, ``two hundred``, ``fünfundzwanzig``, ``trois cents``,
  ``dwa tysiące``, ``пять``; ``a``/``un``/``ein`` only before a scale word (``a million``);
* vague amounts with a conventional range: ``dozens`` (24-99), ``hundreds``, ``tens of thousands``,
  ``des centaines``, ``Tausende``, ``migliaia``, ``kilkaset``, ``сотни``; their value is the range's low end;
* qualifiers, mapped to English keys: ``at least``, ``more than``, ``less than``, ``about``, ``nearly``,
  ``up to``, ``at most``;
* ranges (``between 3 and 5``, ``3-5``, ``from 3 to 5 million``, ``zwischen 3 und 5``, ``от 3 до 5``):
  value is the low end, ``range`` is ``[low, high]``;
* units: ``%`` (``percent``, ``Prozent``, ``процентов``...), currencies as ISO codes (``$`` -> ``USD``),
  and common measures (``km``, ``tonnes``...). Anything else after the number is the thing ``counted``.

Years (``in 2014``), days of the month (``January 6``, ``9 января``), clock times and identifiers
(``COVID-19``, ``F-16``, ``G7``) are not quantities.

Hand-written because no maintained library covers these six languages with qualifiers, vague amounts and
ranges (``quantulum3`` and ``word2number`` are English-only; ``text2num`` has no Polish or Russian and no
qualifiers). The rules are small tables below, one per language.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

# --- tokenisation ------------------------------------------------------------------------------------
_TOKEN = re.compile(
    r"(?P<num>\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?![\d.,]\d)|\d+(?:[.,'’\u00a0\u202f]\d+)*)"
    r"|(?P<word>[^\W\d_]+(?:['’\-][^\W\d_]+)*\.?)"
    r"|(?P<sym>[^\s\w])"
)
_SPACE_GROUPED_LANGS = frozenset({"fr", "de", "it", "pl", "ru"})


@dataclass(frozen=True)
class _Tok:
    text: str
    low: str
    start: int
    end: int
    kind: str  # num | word | sym


def _tokenize(text: str, lang: str) -> list[_Tok]:
    out: list[_Tok] = []
    for m in _TOKEN.finditer(text):
        kind = m.lastgroup or "sym"
        tok = m.group()
        if kind == "num" and re.search(r"\d [\d]", tok) and lang not in _SPACE_GROUPED_LANGS:
            # "in 2014 300 people": plain spaces group digits only in languages that write numbers that way
            first = tok.split(" ")[0]
            out.append(_Tok(first, first, m.start(), m.start() + len(first), "num"))
            rest_start = m.start() + len(first)
            out.extend(_tokenize_offset(text, rest_start, m.end(), lang))
            continue
        if kind == "word" and tok.endswith(".") and tok[:-1].lower() not in _ABBREVIATIONS:
            tok = tok[:-1]
        out.append(_Tok(tok, tok.lower(), m.start(), m.start() + len(tok), kind))
    return out


def _tokenize_offset(text: str, start: int, end: int, lang: str) -> list[_Tok]:
    return [_Tok(t.text, t.low, t.start + start, t.end + start, t.kind) for t in _tokenize(text[start:end], lang)]


# --- lexicons ----------------------------------------------------------------------------------------
_UNITS_EN = [
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
    "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
]
_TENS_EN = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]

#: Number words: word -> (value, is_multiplier). Multipliers (hundred, thousand...) scale what precedes.
_WORDS: dict[str, dict[str, tuple[float, bool]]] = {
    "en": {
        **{w: (i, False) for i, w in enumerate(_UNITS_EN)},
        **{w: (20 + 10 * i, False) for i, w in enumerate(_TENS_EN)},
        "dozen": (12, True),
        "hundred": (100, True),
    },
    "fr": {
        **{w: (v, False) for w, v in {
            "zéro": 0, "un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7,
            "huit": 8, "neuf": 9, "dix": 10, "onze": 11, "douze": 12, "treize": 13, "quatorze": 14, "quinze": 15,
            "seize": 16, "vingt": 20, "vingts": 20, "trente": 30, "quarante": 40, "cinquante": 50, "soixante": 60,
            "quatre-vingt": 80, "quatre-vingts": 80, "douzaine": 12}.items()},
        "cent": (100, True),
        "cents": (100, True),
    },
    "de": {
        **{w: (v, False) for w, v in {
            "null": 0, "ein": 1, "eine": 1, "eins": 1, "einen": 1, "einer": 1, "zwei": 2, "drei": 3, "vier": 4,
            "fünf": 5, "sechs": 6, "sieben": 7, "acht": 8, "neun": 9, "zehn": 10, "elf": 11, "zwölf": 12,
            "dreizehn": 13, "vierzehn": 14, "fünfzehn": 15, "sechzehn": 16, "siebzehn": 17, "achtzehn": 18,
            "neunzehn": 19, "zwanzig": 20, "dreißig": 30, "vierzig": 40, "fünfzig": 50, "sechzig": 60,
            "siebzig": 70, "achtzig": 80, "neunzig": 90, "dutzend": 12}.items()},
        "hundert": (100, True),
    },
    "it": {
        **{w: (v, False) for w, v in {
            "zero": 0, "uno": 1, "una": 1, "un": 1, "due": 2, "tre": 3, "quattro": 4, "cinque": 5, "sei": 6,
            "sette": 7, "otto": 8, "nove": 9, "dieci": 10, "undici": 11, "dodici": 12, "tredici": 13,
            "quattordici": 14, "quindici": 15, "sedici": 16, "diciassette": 17, "diciotto": 18, "diciannove": 19,
            "venti": 20, "trenta": 30, "quaranta": 40, "cinquanta": 50, "sessanta": 60, "settanta": 70,
            "ottanta": 80, "novanta": 90, "dozzina": 12}.items()},
        "cento": (100, True),
    },
    "pl": {
        **{w: (v, False) for w, v in {
            "zero": 0, "jeden": 1, "jedna": 1, "jedno": 1, "dwa": 2, "dwie": 2, "dwóch": 2, "dwoje": 2, "trzy": 3,
            "trzech": 3, "cztery": 4, "czterech": 4, "pięć": 5, "pięciu": 5, "sześć": 6, "sześciu": 6,
            "siedem": 7, "siedmiu": 7, "osiem": 8, "ośmiu": 8, "dziewięć": 9, "dziewięciu": 9, "dziesięć": 10,
            "dziesięciu": 10, "jedenaście": 11, "dwanaście": 12, "trzynaście": 13, "czternaście": 14,
            "piętnaście": 15, "szesnaście": 16, "siedemnaście": 17, "osiemnaście": 18, "dziewiętnaście": 19,
            "dwadzieścia": 20, "dwudziestu": 20, "trzydzieści": 30, "trzydziestu": 30, "czterdzieści": 40,
            "pięćdziesiąt": 50, "sześćdziesiąt": 60, "siedemdziesiąt": 70, "osiemdziesiąt": 80,
            "dziewięćdziesiąt": 90, "sto": 100, "stu": 100, "dwieście": 200, "trzysta": 300, "czterysta": 400,
            "pięćset": 500, "sześćset": 600, "siedemset": 700, "osiemset": 800, "dziewięćset": 900,
            "tuzin": 12}.items()},
    },
    "ru": {
        **{w: (v, False) for w, v in {
            "ноль": 0, "один": 1, "одна": 1, "одно": 1, "два": 2, "две": 2, "двух": 2, "три": 3, "трёх": 3,
            "трех": 3, "четыре": 4, "четырёх": 4, "четырех": 4, "пять": 5, "пяти": 5, "шесть": 6, "шести": 6,
            "семь": 7, "семи": 7, "восемь": 8, "восьми": 8, "девять": 9, "девяти": 9, "десять": 10, "десяти": 10,
            "одиннадцать": 11, "двенадцать": 12, "тринадцать": 13, "четырнадцать": 14, "пятнадцать": 15,
            "шестнадцать": 16, "семнадцать": 17, "восемнадцать": 18, "девятнадцать": 19, "двадцать": 20,
            "двадцати": 20, "тридцать": 30, "тридцати": 30, "сорок": 40, "пятьдесят": 50, "шестьдесят": 60,
            "семьдесят": 70, "восемьдесят": 80, "девяносто": 90, "сто": 100, "двести": 200, "триста": 300,
            "четыреста": 400, "пятьсот": 500, "шестьсот": 600, "семьсот": 700, "восемьсот": 800,
            "девятьсот": 900, "дюжина": 12}.items()},
    },
}

#: Scale words and abbreviations (all languages together: they do not collide).
_SCALES: dict[str, float] = {
    **dict.fromkeys(["thousand", "thousands-of"], 1e3),
    **dict.fromkeys(["million", "mn", "m", "mln", "mln.", "mio", "mio.", "millionen", "million(s)", "millions",
                     "milione", "milioni", "milion", "miliony", "milionów", "miliona", "миллион", "миллиона",
                     "миллионов", "млн", "млн."], 1e6),
    **dict.fromkeys(["billion", "bn", "b", "mrd", "mrd.", "mld", "mld.", "milliard", "milliards", "milliarde",
                     "milliarden", "miliardo", "miliardi", "miliard", "miliardy", "miliardów", "миллиард",
                     "миллиарда", "миллиардов", "млрд", "млрд."], 1e9),
    **dict.fromkeys(["trillion", "tn", "trillions", "billion(s)-fr", "billions-fr", "биллион", "триллион",
                     "триллиона", "триллионов", "трлн", "трлн.", "bilion", "biliony", "bilionów", "billiarde"], 1e12),
    **dict.fromkeys(["k", "mille", "mila", "tausend", "tys", "tys.", "tysiąc", "tysiące", "tysięcy", "тыс", "тыс.",
                     "тысяча", "тысячи", "тысяч", "тысяч."], 1e3),
}
# French "billion" is 10**12 but is rare in news; English reading wins for the shared spelling.
_SCALES_BY_LANG: dict[str, dict[str, float]] = {"fr": {"billion": 1e12, "billions": 1e12, "million": 1e6,
                                                       "millions": 1e6}}
#: Scale words that may follow a number glued to it: "$5bn", "10m", "3k".
_GLUED_SCALES = frozenset({"bn", "m", "mn", "k", "b", "tn", "mln", "mld", "mrd"})
_ABBREVIATIONS = frozenset({"mln", "mld", "mrd", "mio", "tys", "тыс", "млн", "млрд", "трлн", "ca", "ok", "proc",
                            "zł", "руб", "долл"})

#: Vague amounts: words (or two-word phrases) -> (low, high).
_VAGUE: dict[str, tuple[float, float]] = {
    # en
    "dozens": (24, 99), "scores": (40, 99), "hundreds": (200, 999), "thousands": (2000, 9999),
    "millions": (2e6, 9.99e8), "billions": (2e9, 9.99e11), "tens of thousands": (2e4, 99999),
    "hundreds of thousands": (2e5, 999999), "tens of millions": (2e7, 9.99e7),
    "hundreds of millions": (2e8, 9.99e8), "several": (3, 9), "a dozen": (12, 12),
    # fr
    "des dizaines": (20, 99), "dizaines": (20, 99), "une dizaine": (10, 10), "une vingtaine": (20, 20),
    "une trentaine": (30, 30), "une cinquantaine": (50, 50), "une centaine": (100, 100),
    "des centaines": (200, 999), "centaines": (200, 999), "un millier": (1000, 1000),
    "des milliers": (2000, 9999), "milliers": (2000, 9999), "des dizaines de milliers": (2e4, 99999),
    "des millions": (2e6, 9.99e8), "plusieurs": (3, 9),
    # de
    "dutzende": (24, 99), "hunderte": (200, 999), "tausende": (2000, 9999), "zehntausende": (2e4, 99999),
    "hunderttausende": (2e5, 999999), "millionen": (2e6, 9.99e8), "mehrere": (3, 9), "einige": (3, 9),
    # it
    "decine": (20, 99), "una decina": (10, 10), "centinaia": (200, 999), "un centinaio": (100, 100),
    "migliaia": (2000, 9999), "un migliaio": (1000, 1000), "decine di migliaia": (2e4, 99999),
    "milioni": (2e6, 9.99e8), "diversi": (3, 9), "diverse": (3, 9),
    # pl
    "dziesiątki": (20, 99), "setki": (200, 999), "tysiące": (2000, 9999), "dziesiątki tysięcy": (2e4, 99999),
    "setki tysięcy": (2e5, 999999), "miliony": (2e6, 9.99e8), "kilka": (2, 9), "kilku": (2, 9),
    "kilkanaście": (11, 19), "kilkunastu": (11, 19), "kilkadziesiąt": (20, 90), "kilkudziesięciu": (20, 90),
    "kilkaset": (200, 900), "kilkuset": (200, 900), "kilka tysięcy": (2000, 9000),
    # ru
    "десятки": (20, 99), "десятков": (20, 99), "сотни": (200, 999), "сотен": (200, 999), "тысячи": (2000, 9999),
    "десятки тысяч": (2e4, 99999), "сотни тысяч": (2e5, 999999), "миллионы": (2e6, 9.99e8),
    "несколько": (2, 9), "нескольких": (2, 9), "десяток": (10, 10), "около десятка": (10, 10),
    "несколько тысяч": (2000, 9000), "несколько сотен": (200, 900), "несколько десятков": (20, 90),
}
#: Vague words that are only vague when no number precedes them ("3 millions" is a scale, not vague).
_VAGUE_AMBIGUOUS_WITH_SCALE = frozenset({"millions", "milioni", "millionen", "miliony", "тысячи", "tysiące",
                                         "thousands", "billions"})

#: Qualifier phrases per language -> canonical English key. Longest match wins.
_QUALIFIERS: dict[str, dict[str, str]] = {
    "en": {
        "at least": "at least", "no fewer than": "at least", "no less than": "at least", "a minimum of": "at least",
        "more than": "more than", "over": "more than", "above": "more than", "upwards of": "more than",
        "in excess of": "more than", "just over": "more than", "well over": "more than", "greater than": "more than",
        "less than": "less than", "fewer than": "less than", "under": "less than", "below": "less than",
        "just under": "less than", "about": "about", "around": "about", "approximately": "about",
        "roughly": "about", "some": "about", "an estimated": "about", "estimated": "about", "circa": "about",
        "approx": "about", "approx.": "about", "nearly": "nearly", "almost": "nearly", "close to": "nearly",
        "up to": "up to", "as many as": "up to", "as much as": "up to", "at most": "at most",
        "no more than": "at most", "a maximum of": "at most", "not more than": "at most",
    },
    "fr": {
        "au moins": "at least", "d'au moins": "at least", "au minimum": "at least", "pas moins de": "at least",
        "plus de": "more than", "plus d'": "more than", "au-delà de": "more than", "moins de": "less than",
        "environ": "about", "quelque": "about", "quelques": "about", "approximativement": "about",
        "près de": "nearly", "presque": "nearly", "quasiment": "nearly", "pratiquement": "nearly",
        "jusqu'à": "up to", "au plus": "at most", "au maximum": "at most", "pas plus de": "at most",
    },
    "de": {
        "mindestens": "at least", "wenigstens": "at least", "zumindest": "at least", "mehr als": "more than",
        "über": "more than", "weit über": "more than", "knapp über": "more than", "weniger als": "less than",
        "unter": "less than", "etwa": "about", "rund": "about", "ungefähr": "about", "circa": "about",
        "ca.": "about", "zirka": "about", "gut": "about", "fast": "nearly", "beinahe": "nearly",
        "knapp": "nearly", "nahezu": "nearly", "bis zu": "up to", "höchstens": "at most", "maximal": "at most",
    },
    "it": {
        "almeno": "at least", "non meno di": "at least", "più di": "more than", "oltre": "more than",
        "meno di": "less than", "circa": "about", "intorno a": "about", "intorno ai": "about",
        "quasi": "nearly", "fino a": "up to", "al massimo": "at most", "non più di": "at most",
        "approssimativamente": "about",
    },
    "pl": {
        "co najmniej": "at least", "przynajmniej": "at least", "nie mniej niż": "at least",
        "ponad": "more than", "więcej niż": "more than", "powyżej": "more than", "mniej niż": "less than",
        "poniżej": "less than", "około": "about", "ok.": "about", "ok": "about", "mniej więcej": "about",
        "prawie": "nearly", "niemal": "nearly", "blisko": "nearly", "niespełna": "nearly", "aż": "up to",
        "do": "up to", "nawet": "up to", "maksymalnie": "at most", "najwyżej": "at most",
        "nie więcej niż": "at most",
    },
    "ru": {
        "по меньшей мере": "at least", "по крайней мере": "at least", "не менее": "at least",
        "как минимум": "at least", "минимум": "at least", "не меньше": "at least", "более": "more than",
        "больше": "more than", "свыше": "more than", "более чем": "more than", "менее": "less than",
        "меньше": "less than", "около": "about", "примерно": "about", "приблизительно": "about",
        "порядка": "about", "почти": "nearly", "почти что": "nearly", "едва ли не": "nearly",
        "до": "up to", "вплоть до": "up to", "не более": "at most", "максимум": "at most",
    },
}

#: Range openers (looked up before the first number) and the joiner between the two numbers.
_RANGE_OPEN: dict[str, dict[str, frozenset[str]]] = {
    "en": {"between": frozenset({"and"}), "from": frozenset({"to"})},
    "fr": {"entre": frozenset({"et"}), "de": frozenset({"à"}), "d'": frozenset({"à"})},
    "de": {"zwischen": frozenset({"und"}), "von": frozenset({"bis"})},
    "it": {"tra": frozenset({"e"}), "fra": frozenset({"e"}), "da": frozenset({"a"})},
    "pl": {"między": frozenset({"a"}), "od": frozenset({"do"})},
    "ru": {"от": frozenset({"до"}), "между": frozenset({"и"})},
}
#: Joiners that make a range without an opener: "3 to 5", "3 bis 5".
_RANGE_JOIN: dict[str, frozenset[str]] = {
    "en": frozenset({"to", "-", "–", "—"}),
    "fr": frozenset({"à", "-", "–", "—"}),
    "de": frozenset({"bis", "-", "–", "—"}),
    "it": frozenset({"-", "–", "—"}),
    "pl": frozenset({"-", "–", "—"}),
    "ru": frozenset({"-", "–", "—"}),
}

_PERCENT = frozenset({"%", "percent", "per cent", "pct", "prozent", "pour cent", "per cento", "procent", "proc.",
                      "procent.", "proc", "процент", "процента", "процентов", "proz.", "pourcent"})
_CURRENCY_PREFIX = {"$": "USD", "us$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₽": "RUB"}
_CURRENCY_WORDS = {
    "dollars": "USD", "dollar": "USD", "usd": "USD", "euros": "EUR", "euro": "EUR", "eur": "EUR", "pounds": "GBP",
    "gbp": "GBP", "rubles": "RUB", "roubles": "RUB", "rub": "RUB", "рублей": "RUB", "рубля": "RUB", "рубль": "RUB",
    "руб.": "RUB", "долларов": "USD", "доллара": "USD", "евро": "EUR", "złotych": "PLN", "zł": "PLN",
    "zł.": "PLN", "złote": "PLN", "pln": "PLN", "dolarów": "USD", "dolary": "USD", "dollari": "USD",
    "yuan": "CNY", "tenge": "KZT", "тенге": "KZT", "hryvnias": "UAH", "гривен": "UAH", "lira": "TRY",
    "liras": "TRY", "lire": "TRY", "yen": "JPY",
}
_MEASURES = frozenset({
    "km", "kilometres", "kilometers", "kilometre", "kilometer", "miles", "mile", "m²", "km²", "metres", "meters",
    "tonnes", "tons", "tonne", "ton", "t", "kg", "kilograms", "barrels", "hectares", "ha", "acres", "mw", "gw",
        "twh", "bcm", "degrees", "°c", "км", "кг", "тонн", "тонны", "километров", "Tonnen", "tonnen", "tonnellate",
        "chilometri", "tony", "kilometrów",
})
_DURATIONS = frozenset({
    "years", "year", "months", "month", "days", "day", "hours", "hour", "weeks", "week", "minutes", "seconds",
    "decades", "ans", "jours", "mois", "semaines", "heures", "jahre", "jahren", "tage", "tagen", "monate",
    "monaten", "wochen", "stunden", "anni", "giorni", "mesi", "settimane", "ore", "lat", "dni", "miesięcy",
    "tygodni", "godzin", "лет", "года", "дней", "дня", "месяцев", "недель", "часов",
})

_MONTHS = frozenset(
    [
        "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
        "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "janvier",
        "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre",
        "januar", "februar", "märz", "april", "mai", "juni", "juli", "august", "september", "oktober", "november",
        "dezember", "gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto", "settembre",
        "ottobre", "novembre", "dicembre", "stycznia", "lutego", "marca", "kwietnia", "maja", "czerwca", "lipca",
        "sierpnia", "września", "października", "listopada", "grudnia", "styczeń", "luty", "marzec", "kwiecień",
        "maj", "czerwiec", "lipiec", "sierpień", "wrzesień", "październik", "listopad", "grudzień", "января",
        "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября", "ноября", "декабря",
        "январь", "февраль", "март", "апрель", "май", "июнь", "июль", "август", "сентябрь", "октябрь", "ноябрь",
        "декабрь",
    ]
)
#: Words before a four-digit number that make it a year.
_YEAR_CUES = frozenset(
    [
        "in", "since", "by", "until", "till", "of", "from", "early", "late", "mid", "year", "years", "before",
        "after", "during", "around", "spring", "summer", "autumn", "fall", "winter", "en", "depuis", "année", "im",
        "seit", "bis", "jahr", "jahres", "nel", "dal", "del", "anno", "nell'anno", "w", "od", "roku", "z", "в", "с",
        "году", "года", "к", "до", "от", "между", "between", "and", "to", "et", "und", "e", "i", "и", "à", "the",
        "le", "la", "der", "die", "das", "il", "lo",
    ]
)
_CLOCK = frozenset({"h", "uhr", "am", "pm", "a.m", "p.m", "o'clock", "heures", "ч", "godz"})
_YEAR_AFTER = frozenset({"year", "г", "г.", "года", "году", "год", "roku", "rok", "r.", "r", "année", "jahr"})
#: Written ones that are articles or pronouns more often than numbers; kept only before a scale word.
_ARTICLE_ONES = frozenset({"one", "a", "an", "un", "une", "ein", "eine", "einen", "einer", "uno", "una", "jeden",
                           "jedna", "jedno", "один", "одна", "одно"})
#: Articles that may stand between a qualifier and its number ("quasi il 40%").
_ARTICLES: dict[str, frozenset[str]] = {"it": frozenset({"il", "lo", "la", "l'", "i", "gli", "le"}),
                                        "fr": frozenset({"les", "la", "le"})}
_OF = frozenset({"of", "de", "d'", "des", "di", "degli", "delle", "dei"})
_FUNCTION_WORDS = frozenset(
    [
        "the", "a", "an", "of", "and", "or", "to", "in", "on", "at", "for", "by", "with", "from", "as", "is", "are",
        "was", "were", "be", "been", "has", "have", "had", "that", "this", "these", "those", "it", "its", "their",
        "his", "her", "our", "per", "each", "which", "who", "than", "les", "des", "de", "du", "la", "le", "et", "à",
        "en", "au", "aux", "der", "die", "das", "und", "von", "zu", "mit", "im", "am", "il", "lo", "la", "gli", "le",
        "di", "da", "e", "del", "della", "dei", "a", "w", "z", "i", "na", "do", "że", "и", "в", "на", "с", "по",
        "из", "за",
    ]
)


# --- values ------------------------------------------------------------------------------------------
def parse_numeral(s: str, lang: str = "en") -> float:
    """A digit string in ``lang``'s format as a number: ``"1,500.5"`` (en) or ``"1.500,5"`` (de) -> 1500.5."""
    s = s.replace("\u00a0", " ").replace("\u202f", " ").replace("’", "'")
    s = s.replace(" ", "").replace("'", "")
    seps = [c for c in s if c in ".,"]
    if not seps:
        return float(s)
    if "," in seps and "." in seps:  # the later one is the decimal mark
        dec = "," if s.rfind(",") > s.rfind(".") else "."
        thou = "." if dec == "," else ","
        return float(s.replace(thou, "").replace(dec, "."))
    sep = seps[0]
    groups = s.split(sep)
    if len(groups) > 2:  # repeated: a thousands separator
        return float(s.replace(sep, ""))
    tail = groups[1]
    thousands_mark = "," if lang == "en" else "."
    if sep == thousands_mark and len(tail) == 3 and groups[0] != "0":
        return float(s.replace(sep, ""))
    return float(s.replace(sep, "."))


def _clean(v: float) -> float | int:
    return int(v) if float(v).is_integer() and abs(v) < 2**53 else round(float(v), 6)


# --- result ------------------------------------------------------------------------------------------
@dataclass
class Quantity:
    """One normalised number: offsets are into the text given to :func:`find_quantities`."""

    value: float
    start: int
    end: int
    text: str
    range: tuple[float, float] | None = None
    qualifier: str | None = None
    unit: str | None = None
    counted: str | None = None
    time: str | None = None
    kind: str = "count"  # count | percent | money | measure | duration | vague
    counted_span: tuple[int, int] | None = field(default=None, repr=False)

    def to_attrs(self, offset: int = 0) -> dict[str, Any]:
        """JSON attrs (docs/document.md), offsets shifted by ``offset``."""
        return {
            "value": _clean(self.value),
            "range": [_clean(self.range[0]), _clean(self.range[1])] if self.range else None,
            "qualifier": self.qualifier,
            "counted": self.counted,
            "unit": self.unit,
            "time": self.time,
            "kind": self.kind,
            "text": self.text,
            "start": self.start + offset,
            "end": self.end + offset,
        }


# --- scanner -----------------------------------------------------------------------------------------
class _Scanner:
    def __init__(self, text: str, lang: str) -> None:
        self.text = text
        self.lang = lang if lang in _WORDS else "en"
        self.toks = _tokenize(text, self.lang)
        self.words = _WORDS[self.lang]
        self.scales = {**_SCALES, **_SCALES_BY_LANG.get(self.lang, {})}
        self.qualifiers = _QUALIFIERS[self.lang]
        self.max_q = max(len(q.split()) for q in self.qualifiers)
        self.skip_to = 0

    # helpers
    def low(self, i: int) -> str:
        return self.toks[i].low if 0 <= i < len(self.toks) else ""

    def glued(self, i: int, j: int) -> bool:
        """Tokens i and j touch (no space between)."""
        return 0 <= i < len(self.toks) and 0 <= j < len(self.toks) and self.toks[i].end == self.toks[j].start

    def phrase(self, i: int, n: int) -> str:
        return " ".join(self.low(k) for k in range(i, i + n)).replace("d' ", "d'").replace(" .", ".")

    # atoms
    def word_number(self, i: int) -> tuple[float, int] | None:
        """A run of number words from i: (value, next index).

        Words add up only where English-like numerals allow it ("twenty" + "five", "hundred" + "fifty");
        two numbers of 10-99 in a row are a written year ("nineteen sixty-one"), skipped as a whole.
        """
        current, j, seen = 0.0, i, False
        while j < len(self.toks):
            w = self.low(j)
            parts = self._word_parts(w)
            if parts is None:
                if w in ("and", "und", "et", "e", "i") and seen and j + 1 < len(self.toks) and \
                        self._word_parts(self.low(j + 1)) is not None and self.lang == "en" and current >= 100:
                    j += 1
                    continue
                break
            additive = not any(mult for _, mult in parts)
            word_value = sum(v for v, _ in parts)
            if seen and additive:
                if 10 <= current < 100 and 10 <= word_value < 100:
                    self.skip_to = j + 1  # a written year
                    return None
                fits = current % 100 == 0 or (current >= 20 and current % 10 == 0 and word_value < 10)
                if not fits:
                    break
            for value, mult in parts:
                current = max(current, 1) * value if mult else current + value
            seen = True
            j += 1
        return (current, j) if seen else None

    def _word_parts(self, w: str) -> list[tuple[float, bool]] | None:
        if w in self.words:
            return [self.words[w]]
        if "-" in w:  # twenty-five, vingt-cinq, quatre-vingt-dix
            out: list[tuple[float, bool]] = []
            pieces = w.split("-")
            k = 0
            while k < len(pieces):
                two = "-".join(pieces[k : k + 2])
                if two in self.words:
                    out.append(self.words[two])
                    k += 2
                elif pieces[k] in self.words:
                    out.append(self.words[pieces[k]])
                    k += 1
                elif pieces[k] == "et":
                    k += 1
                else:
                    return None
            return out
        if self.lang in ("de", "it") and len(w) > 4:  # fünfundzwanzig, zweihundert, trentacinque
            return self._compound(w)
        return None

    def _compound(self, w: str) -> list[tuple[float, bool]] | None:
        out: list[tuple[float, bool]] = []
        rest = w
        vocab = sorted((k for k in self.words if len(k) > 2), key=len, reverse=True)
        while rest:
            if rest.startswith("und") and out:
                rest = rest[3:]
                continue
            hit = next((k for k in vocab if rest.startswith(k)), None)
            if hit is None:
                return None
            out.append(self.words[hit])
            rest = rest[len(hit) :]
        if len(out) < 2:
            return None
        if self.lang == "de" and len(out) >= 2 and not out[-1][1] and not out[0][1]:
            return out  # fünf + und + zwanzig: additive
        return out

    def atom(self, i: int) -> tuple[float, int, str] | None:
        """A number at token i: (value, next index, how) with how in digits | words."""
        t = self.toks[i]
        if t.kind == "num":
            if self._identifier(i):
                return None
            try:
                return parse_numeral(t.text, self.lang), i + 1, "digits"
            except ValueError:
                return None
        if t.kind == "word":
            if t.low in _ARTICLE_ONES:
                nxt = self.low(i + 1)
                if nxt in self.scales or (nxt in self.words and self.words[nxt][1]) or nxt in ("dozen", "douzaine"):
                    if nxt in self.scales:
                        return 1.0, i + 1, "words"
                    got = self.word_number(i + 1)
                    if got:
                        return got[0], got[1], "words"
                return None
            got = self.word_number(i)
            if got:
                return got[0], got[1], "words"
        return None

    def _identifier(self, i: int) -> bool:
        """Digits glued to letters (G7, F-16, COVID-19, 5G, 10th) or to a colon (10:30)."""
        t = self.toks[i]
        before = self.text[t.start - 1] if t.start else " "
        before2 = self.text[t.start - 2] if t.start > 1 else " "
        after = self.text[t.end] if t.end < len(self.text) else " "
        if before.isalpha() or (before == "-" and before2.isalpha()) or before == ":" or after == ":":
            return True
        if after.isalpha():
            nxt = self.low(i + 1)
            return nxt not in _GLUED_SCALES and nxt not in _PERCENT and nxt not in _CURRENCY_WORDS
        return False

    def scale(self, j: int) -> tuple[float, int]:
        w = self.low(j)
        if w in self.scales and (self.toks[j].kind == "word"):
            if w in _GLUED_SCALES and len(w) <= 2 and not self.glued(j - 1, j):
                return 1.0, j  # a lone "m" or "b" after a space is not a scale
            return self.scales[w], j + 1
        return 1.0, j

    def vague(self, i: int) -> tuple[tuple[float, float], int] | None:
        for n in (3, 2, 1):
            p = self.phrase(i, n)
            if p in _VAGUE:
                return _VAGUE[p], i + n
        return None

    def qualifier_before(self, i: int) -> tuple[str, int] | None:
        if self.low(i - 1) in _ARTICLES.get(self.lang, ()):  # "circa il 25 per cento"
            i -= 1
        for n in range(self.max_q, 0, -1):
            if i - n < 0:
                continue
            p = self.phrase(i - n, n)
            if p in self.qualifiers:
                return self.qualifiers[p], i - n
        return None

    # time-likes
    def is_time(self, i: int, value: float, consumed_scale: bool) -> bool:
        t = self.toks[i]
        if consumed_scale or t.kind != "num":
            return False
        prev, nxt = self.low(i - 1), self.low(i + 1)
        if re.fullmatch(r"\d{4}", t.text) and 1800 <= value <= 2100:
            if prev in _YEAR_CUES or prev in _MONTHS or nxt in _YEAR_AFTER or nxt in _MONTHS:
                return True
            if prev == "," and self.low(i - 3) in _MONTHS:  # "January 10, 2022"
                return True
            if prev in ("-", "–", "—", "/") and re.fullmatch(r"(18|19|20)\d\d", self.low(i - 2)):  # "2014-2015"
                return True
            nxt_tok = self.toks[i + 1] if i + 1 < len(self.toks) else None
            # a bare year-like number counts something only when a content word follows ("2000 people")
            if nxt_tok is None or nxt_tok.kind == "num" or nxt_tok.low in _FUNCTION_WORDS:
                return True
            if nxt_tok.kind == "sym" and nxt_tok.low != "%":
                is_range = nxt_tok.low in ("-", "–", "—") and self.glued(i, i + 1) and self.low(i + 2).isdigit()
                return not is_range
        if re.fullmatch(r"\d{1,2}", t.text) and 1 <= value <= 31:
            if prev in _MONTHS or nxt in _MONTHS or (nxt == "." and self.low(i + 2) in _MONTHS):
                return True
            if prev in ("the",) and nxt in ("of",) and self.low(i + 2) in _MONTHS:
                return True
        return bool(re.fullmatch(r"\d{1,2}", t.text) and nxt in _CLOCK)

    # the main loop
    def scan(self) -> list[Quantity]:
        out: list[Quantity] = []
        i = 0
        n = len(self.toks)
        while i < n:
            q = self.read(i)
            if q is None:
                i = max(i + 1, self.skip_to)
                continue
            quantity, j = q
            out.append(quantity)
            i = max(j, i + 1)
        return out

    def read(self, i: int) -> tuple[Quantity, int] | None:
        start_i = i
        # vague amounts ("dozens", "des centaines", "tens of thousands")
        vague = self.vague(i)
        if vague is not None and not (self.low(i) in _VAGUE_AMBIGUOUS_WITH_SCALE and self._number_before(i)):
            (lo, hi), j = vague
            if self.low(i) in ("some",):
                return None
            return self.finish(start_i, j, lo, (lo, hi) if lo != hi else None, "vague", range_open=None)
        got = self.atom(i)
        if got is None:
            return None
        value, j, how = got
        mult, j2 = self.scale(j)
        consumed_scale = j2 > j
        if self.is_time(i, value, consumed_scale):
            return None
        if how == "digits" and self.low(j2) in ("st", "nd", "rd", "th", "e", "er", "ème", "-й", "-го"):
            return None
        value *= mult
        j = j2
        high = None
        # a range: "3-5", "3 to 5 million", "between 3 and 5"
        opener = self.low(i - 1)
        joiners = _RANGE_OPEN[self.lang].get(opener)
        join = self.low(j)
        if j + 1 < len(self.toks) and ((joiners and join in joiners) or join in _RANGE_JOIN[self.lang]):
            got2 = self.atom(j + 1)
            if got2 is not None and not self.is_time(j + 1, got2[0], False):
                v2, k, how2 = got2
                mult2, k2 = self.scale(k)
                if mult == 1 and mult2 != 1:  # "2 to 3 million": the scale applies to both ends
                    value *= mult2
                last = self.words.get(self.low(k - 1))
                if how2 == "words" and last and last[1] and value < last[0] <= v2:  # "four and five hundred"
                    value *= last[0]
                v2 *= mult2
                if v2 > value:  # "3-2" is a score, not a range
                    high, j = v2, k2
        rng = (value, high) if high is not None else None
        return self.finish(start_i, j, value, rng, "count", range_open=opener if rng and joiners else None)

    def _number_before(self, i: int) -> bool:
        return i > 0 and (self.toks[i - 1].kind == "num" or self.low(i - 1) in self.words)

    def finish(self, i: int, j: int, value: float, rng: tuple[float, float] | None, kind: str,
               range_open: str | None) -> tuple[Quantity, int]:
        start_i = i
        unit = None
        # currency before: "$5", "US$ 5", "€1,5 Mrd."
        if i > 0 and self.low(i - 1) in _CURRENCY_PREFIX:
            unit = _CURRENCY_PREFIX[self.low(i - 1)]
            start_i = i - 1
            if start_i > 0 and self.low(start_i - 1) == "us" and self.glued(start_i - 1, start_i):
                start_i -= 1
        # unit after
        if j < len(self.toks):
            two = self.phrase(j, 2)
            w = self.low(j)
            if two in _PERCENT:
                unit, kind, j = "%", "percent", j + 2
            elif w in _PERCENT:
                unit, kind, j = "%", "percent", j + 1
            elif w in _CURRENCY_WORDS:
                unit, j = _CURRENCY_WORDS[w], j + 1
            elif w in _OF and self.low(j + 1) in _CURRENCY_WORDS:  # "2 miliardi di euro"
                unit, j = _CURRENCY_WORDS[self.low(j + 1)], j + 2
            elif w.startswith("d'") and w[2:] in _CURRENCY_WORDS:  # "2,5 milliards d'euros"
                unit, j = _CURRENCY_WORDS[w[2:]], j + 1
            elif unit is None and w in _DURATIONS:
                unit, kind, j = w, "duration", j + 1
            elif unit is None and w in _MEASURES:
                unit, kind, j = w, "measure", j + 1
        if unit and kind in ("count",) and unit != "%":
            kind = "money" if unit.isupper() else kind
        if unit and kind == "vague" and unit.isupper():
            kind = "vague"
        # qualifier before
        qualifier = None
        qi = start_i - (1 if range_open else 0)
        hit = self.qualifier_before(qi)
        if hit is not None:
            qualifier, qstart = hit
            if self._qualifier_is_preposition(qstart, qualifier, j, range_open, rng):
                qualifier = None
            else:
                start_i = qstart
        if range_open:
            start_i = min(start_i, i - 1)
        # counted: the next content word(s), skipping "of"; a unit already says what is measured
        counted, cspan = self.counted_after(j) if kind in ("count", "vague") or self.low(j) in _OF else (None, None)
        first, last = self.toks[start_i], self.toks[j - 1]
        quantity = Quantity(
            value=value, start=first.start, end=last.end, text=self.text[first.start : last.end], range=rng,
            qualifier=qualifier, unit=unit, counted=counted, kind=kind, counted_span=cspan,
        )
        return quantity, j

    def _qualifier_is_preposition(self, qstart: int, qualifier: str, j: int, range_open: str | None,
                                  rng: tuple[float, float] | None) -> bool:
        """Words that are qualifiers only sometimes: "до 2020 года" (until), "ein Kredit über 600 Mio." (of)."""
        word = self.low(qstart)
        if self.lang in ("pl", "ru") and word in ("do", "до") and range_open is None and rng is None:
            return self._looks_like_date_after(j)
        if self.lang == "de" and word == "über" and qstart > 0:
            prev = self.toks[qstart - 1]
            sentence_start = qstart - 1 == 0 or self.low(qstart - 2) in (".", "!", "?", ":")
            return prev.kind == "word" and prev.text[:1].isupper() and not sentence_start
        return False

    def _looks_like_date_after(self, j: int) -> bool:
        return self.low(j) in _YEAR_AFTER or self.low(j) in _MONTHS

    def counted_after(self, j: int) -> tuple[str | None, tuple[int, int] | None]:
        k = j
        if self.low(k) in _OF or self.low(k).startswith("d'"):
            if self.low(k).startswith("d'") and len(self.low(k)) > 2:
                t = self.toks[k]
                return t.text[2:], (t.start + 2, t.end)
            k += 1
        if k < len(self.toks) and self.toks[k].kind == "word" and self.low(k) not in _FUNCTION_WORDS:
            t = self.toks[k]
            return t.text, (t.start, t.end)
        return None, None


def find_quantities(text: str, lang: str = "en") -> list[Quantity]:
    """Every quantity in ``text`` (a sentence or clause), left to right; offsets into ``text``."""
    if not text or not any(c.isdigit() or c.isalpha() for c in text):
        return []
    return _Scanner(text, (lang or "en").lower()[:2]).scan()
