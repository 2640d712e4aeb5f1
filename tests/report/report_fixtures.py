"""Hand-built Documents for the report tests, following docs/document.md layer by layer.

The analyzers are written in parallel with the report, so the report is tested against Documents whose
spans are placed by locating phrases in the text, not by running the pipeline. ``python
tests/report/report_fixtures.py`` rewrites the JSON copies in tests/fixtures/report/ (a test checks that
they match this builder).
"""

from __future__ import annotations

import re
import sys
from html.parser import HTMLParser
from pathlib import Path

from unspun.document import Document, Span
from unspun.present.report.definitions import TechniqueInfo

REPO = Path(__file__).resolve().parents[2]
SEED = REPO / "examples" / "globalresearch-csto-kazakhstan.txt"
FIXTURES = REPO / "tests" / "fixtures" / "report"

CATEGORY = {
    "Loaded_Language": "Manipulative wording",
    "Exaggeration-Minimisation": "Manipulative wording",
    "Name_Calling-Labeling": "Attack on reputation",
    "Doubt": "Attack on reputation",
    "Appeal_to_Fear-Prejudice": "Justification",
    "Causal_Oversimplification": "Simplification",
}


# A small, fixed technique taxonomy, so report tests do not depend on the persuasion module's wording.
FIXED_TAXONOMY = {
    "loadedlanguage": TechniqueInfo(
        "Loaded language", "Manipulative wording", "Words with strong emotional connotations, chosen to sway."),
    "namecallinglabeling": TechniqueInfo(
        "Name calling or labeling", "Attack on reputation", "A loaded label in place of an argument."),
    "doubt": TechniqueInfo(
        "Casting doubt", "Attack on reputation", "Questioning credibility instead of arguments."),
}


class _Locator:
    """Find phrases in a text, in order, failing loudly when the text changed."""

    def __init__(self, text: str) -> None:
        self.text = text

    def find(self, phrase: str, after: int = 0) -> tuple[int, int]:
        start = self.text.find(phrase, after)
        if start < 0:
            raise LookupError(f"phrase not found after {after}: {phrase!r}")
        return start, start + len(phrase)

    def span(self, phrase: str, label: str, score: float | None = None, *, after: int = 0, **attrs: object) -> Span:
        start, end = self.find(phrase, after)
        return Span(start, end, label, score, dict(attrs))

    def ref(self, phrase: str, after: int = 0) -> dict[str, object]:
        start, end = self.find(phrase, after)
        return {"start": start, "end": end, "text": phrase}


def _paragraph_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    out, cursor = [], start
    for match in re.finditer(r"\n\s*\n", text[start:end]):
        out.append((cursor, start + match.start()))
        cursor = start + match.end()
    out.append((cursor, end))
    return [(a, b) for a, b in out if text[a:b].strip()]


def build_seed_document() -> Document:
    """The seed article with every layer and label a full analysis produces (values hand-set)."""
    text = SEED.read_text(encoding="utf-8")
    loc = _Locator(text)
    body_start, _ = loc.find("*The first week of 2022")
    _, body_end = loc.find("demonstrating the broad pressure Moscow is facing.")
    paragraphs = _paragraph_spans(text, body_start, body_end)

    def para_of(offset: int) -> int:
        return next(i for i, (a, b) in enumerate(paragraphs) if a <= offset < b)

    boilerplate = [
        loc.span("# US and Turkey Challenge CSTO's Peacekeeping Mission in Kazakhstan", "metadata", reason="title"),
        loc.span("By [Paul Antonopoulos](#)", "metadata", reason="by-line"),
        loc.span("Global Research, January 10, 2022", "metadata", reason="dateline"),
        loc.span("Theme: [Intelligence](#)", "metadata", reason="site tags"),
        loc.span("All Global Research articles can be read in 51 languages by activating the “Translate Website” drop "
                 "down menu on the top banner of our home page (Desktop version).", "navigation",
                 reason="translate line"),
        loc.span("To receive Global Research's Daily Newsletter (selected articles), [click here](#).", "newsletter",
                 reason="newsletter pitch"),
        loc.span("Visit and follow us on Instagram at [@globalresearch\\\\_crg](#).", "share", reason="social"),
        Span(loc.find("Note to readers:")[0], loc.find("internet forums. etc.")[1], "note", None,
             {"reason": "reposting note"}),
        loc.span("**Paul Antonopoulos** is an independent geopolitical analyst.", "bio", reason="author bio"),
        loc.span("Featured image is from InfoBrics", "credit", reason="image credit"),
        loc.span("The original source of this article is [InfoBrics](#)", "syndication", reason="syndication notice"),
        loc.span("Copyright © [Paul Antonopoulos](#), [InfoBrics](#), 2022", "copyright", reason="copyright line"),
        Span(loc.find("**Disclaimer:**")[0], loc.find("you must request permission from the copyright owner.")[1],
             "disclaimer", None, {"reason": "fair-use disclaimer"}),
        loc.span("For media inquiries: [publications@globalresearch.ca]", "contact", reason="media inquiries"),
    ]
    paragraph_layer = [Span(a, b, "paragraph", None, {"index": i}) for i, (a, b) in enumerate(paragraphs)]
    sentences = []
    for i, (a, b) in enumerate(paragraphs):
        for m in re.finditer(r"[^.!?]+[.!?]+[\"”*]*", text[a:b]):
            lead = len(m.group()) - len(m.group().lstrip())
            sentences.append(Span(a + m.start() + lead, a + m.end(), "sentence", None, {"paragraph": i}))

    entity_names = {
        "Kazakhstan": "GPE", "Russia": "GPE", "Turkey": "GPE", "Moscow": "GPE", "Ankara": "GPE", "Ukraine": "GPE",
        "Kassym-Jomart Tokayev": "PERSON", "Askar Mamin": "PERSON", "Alikhan Smailov": "PERSON",
        "Mevlüt Çavuşoğlu": "PERSON", "Jen Psaki": "PERSON", "Antony Blinken": "PERSON", "CSTO": "ORG",
        "NATO": "ORG", "January 9": "DATE", "January 6": "DATE", "Kazakhs": "NORP", "Russians": "NORP",
    }
    entities = []
    for name, label in entity_names.items():
        for m in re.finditer(re.escape(name) + r"\b", text[body_start:body_end]):
            entities.append(Span(body_start + m.start(), body_start + m.end(), label))

    actor_mentions = [
        ("Kazakhstan", "state", {"id": "KAZ", "name": "Kazakhstan", "via": "name"}),
        ("Russia", "state", {"id": "RUS", "name": "Russia", "via": "name"}),
        ("Moscow", "state", {"id": "RUS", "name": "Russia", "via": "metonym"}),
        ("Turkey", "state", {"id": "TUR", "name": "Turkey", "via": "name"}),
        ("Ankara", "state", {"id": "TUR", "name": "Turkey", "via": "metonym"}),
        ("CSTO", "igo", {"id": "CSTO", "name": "Collective Security Treaty Organization", "via": "abbreviation"}),
        ("NATO", "igo", {"id": "NATO", "name": "NATO", "via": "abbreviation"}),
        ("White House", "government", {"id": "USA-GOV", "name": "US government", "via": "metonym"}),
    ]
    actors = []
    for phrase, label, attrs in actor_mentions:
        for m in re.finditer(re.escape(phrase) + r"\b", text[body_start:body_end]):
            actors.append(Span(body_start + m.start(), body_start + m.end(), label, None, dict(attrs)))
    people = [
        ("Kassym-Jomart Tokayev", "tokayev", "President", "KAZ"),
        ("Askar Mamin", "mamin", "Prime Minister", "KAZ"),
        ("Alikhan Smailov", "smailov", "First Deputy Prime Minister", "KAZ"),
        ("Mevlüt Çavuşoğlu", "cavusoglu", "Foreign Minister", "TUR"),
        ("Jen Psaki", "psaki", "White House spokeswoman", "USA"),
        ("Antony Blinken", "blinken", "Secretary of State", "USA"),
    ]
    for full, pid, role, affiliation in people:
        attrs = {"id": pid, "name": full, "role": role, "affiliation": affiliation}
        start, end = loc.find(full, body_start)
        actors.append(Span(start, end, "person", None, {**attrs, "via": "name"}))
        surname = full.split()[-1]
        for m in re.finditer(re.escape(surname) + r"\b", text[end:body_end]):
            actors.append(Span(end + m.start(), end + m.end(), "person", None, {**attrs, "via": "surname"}))
    for m in re.finditer(r"\bthe US\b", text[body_start:body_end]):
        actors.append(Span(body_start + m.start() + 4, body_start + m.end(), "state",
                           None, {"id": "USA", "name": "United States", "via": "abbreviation"}))

    cav = loc.find("Turkish **Foreign Minister Mevlüt Çavuşoğlu** said")[0]
    psaki_q = loc.find("\"There are some crazy Russian claims")[0]
    quotes = [
        loc.span("“an act of aggression”", "mixed", speaker=loc.ref("Kassym-Jomart Tokayev"), speaker_id="tokayev",
                 cue=loc.ref("described"), date="2022-01-07", date_text="The first week of 2022"),
        Span(loc.find("\"We hope that Kazakhstan")[0], loc.find("we will give all kinds of support,\"")[1], "direct",
             None, {"speaker": loc.ref("Mevlüt Çavuşoğlu", cav), "speaker_id": "cavusoglu",
                    "cue": loc.ref("said", cav), "date": "2022-01-09", "date_text": "January 9"}),
        Span(loc.find("\"The problems of the member countries")[0],
             loc.find("[of Azerbaijan against Armenia].\"")[1], "direct", None,
             {"speaker": loc.ref("Mevlüt Çavuşoğlu", cav), "speaker_id": "cavusoglu",
              "cue": loc.ref("said", cav), "date": "2022-01-09", "date_text": "January 9"}),
        Span(psaki_q, loc.find("standard Russian disinformation playbook,\"")[1], "direct", None,
             {"speaker": loc.ref("she", psaki_q), "speaker_id": "psaki", "cue": loc.ref("said", psaki_q),
              "date": "2022-01-06", "date_text": "January 6"}),
        loc.span("that the US had nothing to do with the events in Kazakhstan", "indirect",
                 speaker=loc.ref("Jen Psaki"), speaker_id="psaki", cue=loc.ref("curiously said"),
                 date="2022-01-06", date_text="January 6"),
        Span(loc.find("\"I think one lesson")[0], loc.find("difficult to get them to leave.\"")[1], "direct", None,
             {"speaker": loc.ref("Antony Blinken"), "speaker_id": "blinken",
              "cue": loc.ref("said:", loc.find("Antony Blinken")[0]), "date": "2022-01-07",
              "date_text": "The next day"}),
    ]
    claims = [
        loc.span("At least 164 Kazakhs have been killed", "numeric", 0.91,
                 quantities=[{"value": 164, "unit": "people killed", "qualifier": "at least", "approx": False,
                              "text": "At least 164"}],
                 sourcing="none", source=None, hedges=[], quote=None),
        loc.span("Western media blamed Kazakh security forces for opening fire on the protesters and started "
                 "releasing unverified figures from unreliable sources", "attribution", 0.74,
                 quantities=[], sourcing="vague", source=loc.ref("Western media"), hedges=[], quote=None),
        loc.span("The CSTO mission prevents Kazakhstan from the tragic situation that befell Ukraine in 2014.",
                 "causal", 0.52, quantities=[], sourcing="none", source=None, hedges=[], quote=None),
        loc.span("Ankara hopes that the Organization of Turkic States will become the main mechanism", "prediction",
                 0.38, quantities=[], sourcing="none", source=None, hedges=[loc.ref("hopes")], quote=None),
        loc.span("the US had nothing to do with the events in Kazakhstan", "other", 0.63, quantities=[],
                 sourcing="named", source=loc.ref("Jen Psaki"), hedges=[], quote=4),
    ]
    found = [
        ("desperate to undermine", "Loaded_Language", 0.81),
        ("unverified figures from unreliable sources", "Doubt", 0.64),
        ("so-called Maidan Revolution", "Name_Calling-Labeling", 0.58),
        ("outside forces have taken advantage of this situation to incite riots", "Causal_Oversimplification",
         0.47),
        ("ultranationalist forces", "Name_Calling-Labeling", 0.70),
        ("violence became so brutal that a police officer was beheaded", "Exaggeration-Minimisation", 0.33),
        ("future color revolution attempts and external interference", "Appeal_to_Fear-Prejudice", 0.61),
        ("act brazenly", "Loaded_Language", 0.72),
        ("crazy Russian claims", "Loaded_Language", 0.44),
    ]
    technique_spans = []
    per_paragraph: dict[int, list[dict[str, object]]] = {}
    for phrase, technique, score in found:
        start, end = loc.find(phrase, body_start)
        p = para_of(start)
        technique_spans.append(Span(start, end, technique, score,
                                    {"category": CATEGORY[technique], "paragraph": p}))
        per_paragraph.setdefault(p, []).append(
            {"technique": technique, "category": CATEGORY[technique], "score": score, "threshold": 0.3})
    techniques = []
    for i, (a, b) in enumerate(paragraphs):
        asserted = per_paragraph.get(i, [])
        scores = {t: 0.05 + 0.02 * k for k, t in enumerate(sorted(CATEGORY))}
        for item in asserted:
            scores[str(item["technique"])] = float(item["score"])  # type: ignore[arg-type]
        techniques.append(Span(a, b, "paragraph", None, {"techniques": asserted, "scores": scores,
                                                          "language": "en", "status": "ok"}))
    md_start, md_end = loc.find("The original source of this article is [InfoBrics](#)")
    metadata = {
        "title": "US and Turkey Challenge CSTO's Peacekeeping Mission in Kazakhstan",
        "authors": ["Paul Antonopoulos"],
        "published": "2022-01-10",
        "outlet": "Global Research",
        "domain": "globalresearch.ca",
        "url": "https://www.globalresearch.ca/us-turkey-challenge-csto-peacekeeping-mission-kazakhstan/5766432",
        "language": "en",
        "original_source": {"name": "InfoBrics", "start": md_start, "end": md_end,
                            "evidence": text[md_start:md_end]},
        "tags": {"Region": ["Asia", "Europe", "USA"], "Theme": ["Intelligence"]},
        "outlet_rating": {
            "domain": "globalresearch.ca", "score": 0.176, "scale": "0 (lowest quality) to 1 (highest quality)",
            "source": "domain-quality ratings, first principal component (pc1)",
            "citation": "Lin, Lasser, Lewandowsky, Cole, Gully, Rand, Pennycook (2023). High level of "
                        "correspondence across different news domain quality rating sets. PNAS Nexus 2(9), "
                        "pgad286. doi:10.1093/pnasnexus/pgad286",
            "explanation": "An aggregate of several expert ratings of the outlet as a whole; it says nothing "
                           "about this article in particular.",
        },
    }
    labels = {
        "genre": {"label": "opinion", "scores": {"opinion": 0.83, "reporting": 0.16, "satire": 0.01},
                  "evidence": [loc.ref("unsurprisingly"), loc.ref("curiously said")]},
        "frames": {"labels": ["Security_and_defense", "International_relations"],
                   "scores": {"Security_and_defense": 0.78, "International_relations": 0.66,
                              "Political": 0.41, "Crime_and_punishment": 0.22},
                   "thresholds": {"Security_and_defense": 0.4, "International_relations": 0.4, "Political": 0.45,
                                  "Crime_and_punishment": 0.4},
                   "evidence": {"Security_and_defense": [loc.ref("counter-terrorism operations")]}},
        "actors": {"rows": [
            {"id": "tokayev", "name": "Kassym-Jomart Tokayev", "type": "person", "roles": ["President"],
             "affiliation": "KAZ", "mentions": 3},
        ]},
    }
    return Document(text, metadata=metadata, labels=labels, layers={
        "body": [Span(body_start, body_end, "body")],
        "boilerplate": boilerplate,
        "paragraphs": paragraph_layer,
        "sentences": sentences,
        "entities": entities,
        "actors": actors,
        "quotes": quotes,
        "claims": claims,
        "techniques": techniques,
        "technique_spans": technique_spans,
    })


HOSTILE_TITLE = '"><script>window.__pwned=1;alert("title")</script><img src=x onerror="window.__pwned=2">'
HOSTILE_BODY = (
    "Intro <script>window.__pwned=3;alert(1)</script> and <img src=x onerror=\"window.__pwned=4\"> end.\n\n"
    "Click <a href=\"javascript:window.__pwned=5\">here</a> </style><style>body{display:none}</style> "
    "</script><script>alert(2)</script> \u2028 \x00 {{ 7*7 }} ${7*7} & &amp; &lt;b&gt; \"'` done.\n\n"
    "Emoji 😀 and combining e\u0301 then \"<b onmouseover=alert(3)>quoted</b>\" said X."
)


def build_hostile_document() -> Document:
    """Article text, metadata, labels and attrs full of markup that must show as text and never run."""
    text = HOSTILE_BODY
    loc = _Locator(text)
    evil = '"><svg onload=alert(9)>'
    script = loc.find("<script>window.__pwned=3;alert(1)</script>")
    return Document(text, metadata={
        "title": HOSTILE_TITLE,
        "authors": ["<b>Mallory</b>", evil],
        "published": "<script>alert(4)</script>",
        "outlet": "</title><script>alert(5)</script>",
        "domain": "evil.example\"onmouseover=\"alert(6)",
        "url": "javascript:alert(7)",
        "language": "<i>en</i>",
        "original_source": {"name": "<script>alert(8)</script>", "start": 0, "end": 5, "evidence": evil},
        "tags": {"<b>Region</b>": ["</style><script>alert(10)</script>"]},
        "outlet_rating": {"domain": evil, "score": 0.5, "scale": "</script>", "source": "<img src=x onerror=alert(11)>",
                          "citation": "javascript:alert(12)", "explanation": "<style>*{display:none}</style>"},
    }, labels={
        "genre": {"label": "<script>alert(13)</script>", "scores": {"<script>alert(13)</script>": 0.9},
                  "evidence": ["</script><script>alert(14)</script>"]},
        "frames": {"labels": ["<img src=x onerror=alert(15)>"], "scores": {"<img src=x onerror=alert(15)>": 0.7},
                   "thresholds": {}, "evidence": []},
        "actors": {"rows": [{"id": evil, "name": "<script>alert(16)</script>", "mentions": 2, "roles": [evil]}]},
    }, layers={
        "body": [Span(0, len(text), "body")],
        "paragraphs": [Span(a, b, "paragraph", None, {"index": i})
                       for i, (a, b) in enumerate(_paragraph_spans(text, 0, len(text)))],
        "entities": [Span(*script, "</span><script>alert(17)</script>")],
        "actors": [Span(*loc.find("X"), "person", None, {"id": evil, "name": "<script>alert(18)</script>",
                                                         "role": evil, "via": "name"})],
        "quotes": [Span(*loc.find("\"<b onmouseover=alert(3)>quoted</b>\""), "direct", None,
                        {"speaker": loc.ref("X"), "speaker_id": evil, "cue": {"text": "<script>"},
                         "date": "</script>"})],
        "claims": [Span(*loc.find("Click <a href=\"javascript:window.__pwned=5\">here</a>"), "<script>x", 0.5,
                        {"quantities": [{"value": "<img src=x onerror=alert(19)>"}], "sourcing": "</td>",
                         "source": evil})],
        "techniques": [Span(0, len(text), "paragraph", None, {
            "techniques": [{"technique": "<script>alert(20)</script>", "category": "</style><b>cat",
                            "score": 0.9, "threshold": 0.3}],
            "scores": {"<script>alert(20)</script>": 0.9}, "language": evil, "status": "<b>ok</b>"})],
        "technique_spans": [
            Span(*script, "<script>alert(20)</script>", 0.9, {"category": "</style><b>cat", "paragraph": 0}),
            Span(*loc.find("</style><style>body{display:none}</style>"), "Loaded_Language\"><script>", 0.6,
                 {"category": evil, "paragraph": 1}),
        ],
    })


def build_minimal_document() -> Document:
    """Only text and a title: every analysis layer absent."""
    return Document("Ministers met on Tuesday.\n\nThey agreed on nothing.", metadata={"title": "A quiet day"})


def build_empty_document() -> Document:
    """Every layer present but empty: the stages ran and found nothing."""
    text = "Ministers met on Tuesday. They agreed on nothing."
    layers: dict[str, list[Span]] = {name: [] for name in (
        "boilerplate", "sentences", "entities", "actors", "quotes", "claims", "technique_spans")}
    layers["body"] = [Span(0, len(text), "body")]
    layers["paragraphs"] = [Span(0, len(text), "paragraph", None, {"index": 0})]
    layers["techniques"] = [Span(0, len(text), "paragraph", None,
                                 {"techniques": [], "scores": {"Doubt": 0.04}, "language": "en", "status": "ok"})]
    return Document(text, metadata={"title": "Nothing found", "language": "en"}, layers=layers,
                    labels={"actors": {"rows": []}})


def build_long_document(min_words: int = 2000) -> Document:
    """The seed repeated (text, layers and all) until it has at least ``min_words`` words: a size test."""
    seed = build_seed_document()
    copies = -(-min_words // len(seed.text.split()))
    gap = "\n\n"
    text = gap.join([seed.text] * copies)
    layers: dict[str, list[Span]] = {}
    for k in range(copies):
        shift = k * (len(seed.text) + len(gap))
        for name, spans in seed.layers.items():
            layers.setdefault(name, []).extend(
                Span(s.start + shift, s.end + shift, s.label, s.score, dict(s.attrs)) for s in spans)
    return Document(text, metadata=seed.metadata, layers=layers, labels=dict(seed.labels))


BUILDERS = {
    "seed": build_seed_document,
    "hostile": build_hostile_document,
    "minimal": build_minimal_document,
    "empty": build_empty_document,
}


class _Walker(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))


def start_tags(page: str) -> list[tuple[str, list[tuple[str, str | None]]]]:
    walker = _Walker()
    walker.feed(page)
    return walker.tags


def main() -> int:
    FIXTURES.mkdir(parents=True, exist_ok=True)
    for name, build in BUILDERS.items():
        (FIXTURES / f"{name}.json").write_text(build().to_json(indent=1) + "\n", encoding="utf-8")
        print(f"wrote {FIXTURES / name}.json")
    return 0


if __name__ == "__main__":
    sys.exit(main())
