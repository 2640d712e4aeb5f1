"""Phrase patterns of site chrome common across news sites, grouped by boilerplate kind.

Written from the conventions of news and blog sites in general (newsletter pitches, share prompts,
bios, credits, copyright, disclaimers, contact lines, syndication notices); none is taken from a
particular article. Each entry is ``(kind, reason, pattern)``; the reason names the convention.
"""

from __future__ import annotations

import re

_I = re.IGNORECASE

# Syndication notices; group "name" is the original publisher. Shared with metadata extraction.
_PIECE = r"(?:article|story|post|piece|report|column|essay|interview|commentary|analysis)"
# A publisher's name starts with a capital letter (case-sensitive even inside IGNORECASE patterns).
_PUBLISHER = r"(?P<name>(?:the\s+)?(?-i:[A-Z])[^\n.;,(]*)"
SYNDICATION: tuple[re.Pattern[str], ...] = (
    re.compile(r"\b(?:the )?original source of this " + _PIECE + r" is:?\s+" + _PUBLISHER, _I),
    # "This article was first published on X", "originally appeared in X"; a bare "first published in 1998"
    # (a book, a report) is not a syndication notice.
    re.compile(r"\b(?:this " + _PIECE + r" (?:was |is |has been )?(?:originally |first )?|originally )"
               r"(?:published|appeared|posted|ran)\s+(?:by|on|in|at)\s+" + _PUBLISHER, _I),
    re.compile(r"\b(?:re-?published|reprinted|republished|reposted)\s+(?:with permission\s+)?"
               r"(?:from|by|courtesy of)\s+" + _PUBLISHER, _I),
)
# A wire dateline at the start of a story: "MOSCOW (Reuters) -", "(AP) —", "AP —", "PARIS, May 2 (AFP) -".
WIRE_DATELINE = re.compile(
    r"^(?:[A-Z][A-Za-z .,'’-]{0,60}?\s*)?\((?P<name>[A-Z][A-Za-z&.]+(?: [A-Z][A-Za-z&.]*){0,2})\)\s*[-–—]\s"
    r"|^(?P<name2>AP|AFP|Reuters|UPI|dpa|ANSA|EFE|TASS|Xinhua|PTI|IANS)\s+[-–—]\s"
)

RULES: tuple[tuple[str, str, re.Pattern[str]], ...] = tuple(
    (kind, reason, re.compile(rx, _I))
    for kind, reason, rx in (
        ("note", "note to readers", r"^(?:note to (?:our )?readers?|editor['’]?s note|programming note"
                                    r"|correction|clarification|update|updated)\s*[:.\-–—]"),
        ("note", "translation notice", r"\btranslate (?:this |our )?(?:website|page|site|article)\b"),
        ("newsletter", "newsletter pitch", r"\bnewsletters?\b"),
        ("newsletter", "subscription pitch", r"\b(?:subscribe (?:to|now|today|for)|sign up (?:for|to|now|here)"
                                             r"|mailing list|delivered (?:straight )?to your inbox"
                                             r"|daily (?:digest|briefing|e-?mail)|get our (?:free )?\w+ e-?mail)\b"),
        ("share", "share prompt", r"\b(?:share (?:this|these|our|the) (?:article|story|post|buttons?)"
                                  r"|share buttons?|share on (?:facebook|twitter|x|whatsapp|linkedin)"
                                  r"|forward this (?:article|e-?mail|story|post)"
                                  r"|tweet this|pin it)\b"),
        ("share", "share button", r"^(?:share|tweet|e-?mail|print|save|copy link|whatsapp|facebook|twitter"
                                  r"|linkedin)(?:\s*[|/·•]\s*(?:share|tweet|e-?mail|print|save|copy link|whatsapp"
                                  r"|facebook|twitter|linkedin))*$"),
        ("share", "follow prompt", r"\b(?:follow us|like us on|join us on|find us on|connect with us)\b"),
        ("share", "comment prompt", r"^(?:comment on|leave a comment|join the (?:conversation|discussion)"
                                    r"|\d+ comments?|show comments|view comments)\b"),
        ("bio", "about the author", r"^about the (?:authors?|writers?|contributors?)\b"),
        ("credit", "image credit", r"^(?:\(?(?:featured|top|main|header|lead|cover|banner)\s+)?"
                                   r"(?:image|photo|picture|photograph|illustration|graphic)s?"
                                   r"(?:\s+credit)?\s*(?:is\s+)?(?:from|by|:|courtesy|via|source)"),
        ("credit", "reporting credit", r"^(?:(?:additional )?reporting|writing|editing|compiled|produced"
                                       r"|translated|research) by\b"),
        ("copyright", "copyright line", r"^copyright\b|©|\(c\)\s*(?:19|20)\d\d|\ball rights reserved\b"),
        ("disclaimer", "disclaimer", r"^disclaimer\b|\b(?:views|opinions) expressed (?:in|by|here)"
                                     r"|\bsole responsibility of the author|\bfair use\b"
                                     r"|\bdo(?:es)? not necessarily (?:reflect|represent)\b|\bcopyrighted material\b"),
        ("contact", "contact line", r"\b(?:media|press) (?:inquiries|enquiries|contact)\b"
                                    r"|^contact(?: us)?\b|^(?:e-?mail|tel|phone|fax)\s*:"
                                    r"|\bfor (?:publication|licensing|reprint|permission) (?:inquiries|requests)\b"
                                    r"|\b(?:tips?|story ideas?)\?? (?:e-?mail|contact|write to)\b"),
        ("navigation", "navigation link", r"^(?:home|menu|search|skip to (?:the )?(?:main )?content|previous"
                                          r"(?: article| post| story)?|next(?: article| post| story)?|read more"
                                          r"|related(?: articles| stories| posts| coverage| content)?"
                                          r"|more (?:from|on|stories|news)|(?:articles|posts|stories) by"
                                          r"|see also|back to top|donate|support us|become a (?:member|subscriber"
                                          r"|patron)|log ?in|sign in|register|trending|most (?:read|popular)"
                                          r"|recommended|you may also like|top stories)\b\s*[:»›>|-]?"),
        ("other", "advertisement", r"^(?:advertisement|sponsored(?: content)?|ad|promoted|paid content)$"),
        ("other", "cookie notice", r"\bcookies?\b.{0,80}\b(?:accept|consent|policy|agree|use|settings)\b"),
    )
)

BIO = re.compile(
    r"^(?:[A-Z][\w.'’-]+\s){1,3}[A-Z][\w.'’-]+,?\s(?:is|was|has been|writes|teaches|works|serves)\s"
    r"(?:(?:an?|the|currently|also|now)\s)?(?:[\w-]+\s){0,6}?"
    r"(?:analyst|journalist|writer|author|correspondent|reporter|editor|professor|researcher|fellow|columnist"
    r"|contributor|commentator|scholar|director|founder|lecturer|student|blogger|economist|historian"
    r"|consultant|expert|specialist|member|host|producer|photographer)\b"
)

_NAME = re.compile(r"^[A-Z\u00C0-\u024F\u0400-\u04FF][\w.'’\- ]{1,60}$")
_PARTICLES = frozenset({
    "de", "da", "di", "du", "del", "della", "dos", "das", "van", "von", "der", "den", "ter", "bin", "ibn",
    "al", "el", "la", "le", "st.",
})


def looks_like_name(part: str, min_words: int = 1) -> bool:
    """A person's or organisation's name: capitalised words (name particles allowed), at most five."""
    words = part.split()
    return (bool(_NAME.match(part)) and min_words <= len(words) <= 5
            and all(w[0].isupper() or w.lower() in _PARTICLES for w in words))


# A link to an author page: a header link line with a person's name pointing here is a by-line.
AUTHOR_HREF = re.compile(r"/(?:authors?|people|profiles?|writers?|contributors?|staff|journalists?)/|/@|[?&]author=",
                         _I)
# Chrome speaks to the reader ("click here", "our newsletter", "follow us"); news prose rarely does. A
# longer block that matches a weak pattern must also address the reader this way to count as chrome.
READER_ADDRESS = re.compile(r"\b(?:you|your|our|us|we|click|here|subscribe|sign up|please)\b", _I)
# Kinds whose patterns are specific enough to count anywhere early in a block of any length.
STRONG_KINDS = frozenset({"disclaimer", "copyright", "syndication"})
SEPARATOR = re.compile(r"^[\s*\-–—_=~•·#.]+$")
# By-line openers in the languages of the training data: en, de (von), fr (par), it (di), es/pt (por),
# nl (door), sv/da/no (av, af), pl (autor), ru (автор).
BYLINE = re.compile(r"^(?:by|written by|words by|reported by|authors?|von|par|di|por|door|av|af|autor(?:ka)?"
                    r"|auteur|автор)\s*:?\s+(?P<names>(?-i:[A-ZÀ-ÖØ-ÞА-Я]).{0,150})$", _I)
TAG_LINE = re.compile(r"^(?P<key>[A-Z][A-Za-z]+(?: [A-Za-z]+)?)\s*:\s*(?P<values>\S.*)$")
TAG_KEYS = frozenset({
    "region", "regions", "theme", "themes", "topic", "topics", "tag", "tags", "section", "sections",
    "category", "categories", "subject", "subjects", "country", "countries", "keywords", "filed under",
})
READING_TIME = re.compile(r"^\d+\s*(?:min(?:ute)?s?|m)\.?\s*read$|^updated\b|^published\b|^posted\b", _I)
# Literal lower-case substrings one of which each unanchored rule needs in order to match: a rule is run
# only when one of them is in the block, since Python's regex engine scans slowly with IGNORECASE.
TRIGGERS: dict[str, tuple[str, ...]] = {
    "note to readers": ("note", "correction", "clarification", "update"),
    "translation notice": ("translate",),
    "newsletter pitch": ("newsletter",),
    "subscription pitch": ("subscribe", "sign up", "mailing list", "inbox", "daily", "get our"),
    "share prompt": ("share", "forward this", "tweet", "pin it"),
    "follow prompt": ("follow us", "like us", "join us", "find us", "connect with"),
    "copyright line": ("copyright", "©", "(c)", "all rights"),
    "disclaimer": ("disclaimer", "expressed", "sole responsibility", "fair use", "necessarily", "copyrighted"),
    "contact line": ("inquiries", "enquiries", "contact", "mail", "tel", "phone", "fax", "requests", "tip",
                     "story idea"),
    "cookie notice": ("cookie",),
    "syndication notice": ("original", "first", "publish", "reprint", "source"),
}

SYNDICATION_RULES: tuple[tuple[str, str, re.Pattern[str]], ...] = tuple(
    ("syndication", "syndication notice", rx) for rx in SYNDICATION
)
AUTHOR_LIST = re.compile(r"^(?:articles|posts|stories|more|columns) (?:by|from)\b", _I)
