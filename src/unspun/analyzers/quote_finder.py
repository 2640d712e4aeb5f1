"""Find quotes in a parsed text: rules over spaCy's dependency parse plus a quote-mark scanner.

Stages (see :func:`find_quotes`):
  1. scan quote marks, joining multi-paragraph quotes;
  2. find cues in each sentence: verbs that the cue classifier (:mod:`.quote_classifier`) accepts, with
     their clause (``ccomp``) or object, framing verbs ("described X as Y"), phrasal cues ("according to
     X"), noun and stance-adjective cues ("her claim that", "critical of"), headline colons ("Poll: ...");
     the speaker is the verb's subject (or that of the verb it hangs from: "..., adding that ...");
  3. tie each quoted stretch to a cue: the cue whose content it overlaps, a bare cue in the same sentence,
     a "said:" in the previous sentence, or the quote just before it (a quote that runs on);
  4. classify: direct (the content is the quoted stretch), mixed (an indirect content that embeds a quoted
     fragment), indirect (no quote marks).

Speakers are returned as text ranges; :mod:`unspun.analyzers.speakers` resolves them to people and actors.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from unspun.analyzers.nlp import ParsedParagraph
from unspun.analyzers.quote_classifier import cue_features
from unspun.analyzers.quote_cues import (
    FRAMING_VERBS,
    PHRASAL_CUES,
    QUOTE_MARKS,
    SOURCE_NOUNS,
    is_cue_verb,
    words,
)
from unspun.analyzers.quote_lexical import lexical_cues
from unspun.analyzers.quote_lexicon import CueLexicon, adjective_frame, frame_of, noun_frame
from unspun.analyzers.quote_marks import Quoted, find_quoted

#: A quoted stretch needs this many word characters to count as speech rather than a scare-quoted term,
#: unless a cue governs it directly ("described the violence as 'an act of aggression'").
#: (8 by 5-fold CV on PolNeAR train, 2026-12-06: 0.7928 against 0.7924 at 12; 5 gains a little more but
#: lets a scare-quoted word such as "reform" through when a cue stands in its sentence.)
MIN_DIRECT_CHARS = 8
#: A shorter quoted stretch counts only when its cue follows within this many characters.
SHORT_QUOTE_GAP = 40
#: Share of an indirect content the quoted stretch must cover to make the quote direct rather than mixed.
DIRECT_COVERAGE = 0.8
#: Two quotes with different cues whose contents overlap by more than this share of the longer are one
#: attribution (chosen by 5-fold CV on PolNeAR train, 2026-12-06: any overlap, 0.0, gives 0.7924 against
#: 0.7921 at 0.05, 0.7911 at 0.1 and 0.7906 at 0.2; 0.8 keeps most twins).
TWIN_OVERLAP = 0.0
#: Scores: the precision of each rule in 5-fold cross-validation on PolNeAR train (2026-12-06, printed by
#: ``python -m evaluation.tasks.quotes --folds 5``), rounded down; a run-on quote shares its cue's group
#: there, so it gets a lower, assumed value. Indirect quotes are capped by their cue's probability (the
#: cue classifier's for verbs, the learned cue rate for nouns and adjectives).
SCORE = {
    "direct_cue": 0.95,
    "direct_bare": 0.85,
    "direct_colon": 0.75,
    "direct_runon": 0.8,
    "mixed": 0.95,
    "indirect_speech": 0.9,
    "indirect_phrasal": 0.9,
    "indirect_parenthetical": 0.8,
    "indirect_nominal": 0.5,
    "indirect_framing": 0.75,
    "indirect_cognition": 0.75,
    "indirect_stance": 0.75,  # a predicative adjective: "X was critical of Y"
    "indirect_headline": 0.7,  # "Poll: Clinton and Sanders in dead heat"
    "indirect_passive": 0.7,  # the subject of a passive cue with its agent: "the bill, opposed by X"
    "indirect_agentless": 0.7,  # a passive cue without its agent: "X was first noted", "X is expected to"
    "indirect_asked": 0.8,  # "Asked whether ..., X said": the question, with no speaker
    "indirect_evidential": 0.65,  # "X reportedly told aides ...": no source named
    "indirect_survey": 0.65,  # "in a new poll, ...": the poll is the source
    "indirect_object": 0.75,  # a verb's object or xcomp: "wants voters to know", "announced his resignation"
}
_TOPIC_PREPOSITIONS = frozenset({"about", "of", "on", "for", "against", "over", "to", "with"})
_ADDRESSEES = words(
    "reporter journalist audience crowd supporter viewer listener interviewer host people nation voter "
    "lawmaker member student colleague official anchor moderator press"
)
#: Verbs of saying whose object is the person spoken to ("told him", "asked Clinton"), not a target.
_ADDRESSEE_VERBS = words(
    "tell ask inform assure remind advise instruct order email text message notify brief warn promise "
    "urge beg plead thank answer call phone write"
)
#: Arguments that hold the content of a cue without a clause ("wants voters to know", "announced X").
_OBJECT_DEPS = frozenset({"dobj", "xcomp", "oprd"})
_SENTENCE_END = re.compile(r"[.!?]\s")
_SOURCE_ENTITIES = frozenset({"PERSON", "ORG", "GPE", "NORP"})
_TIME_ENTITIES = frozenset({"DATE", "TIME"})
#: Words before the colon of a headline-style attribution ("AP-GfK Poll: ...").
HEADLINE_SPEAKER = 5
#: The cue probability a passive verb with its agent needs for its subject to be content ("the bill,
#: opposed by Republicans"; not "the reform was passed by the Senate").
PASSIVE_PROB = 0.6
#: The cue probability a passive verb without its agent needs for its subject to be content.
AGENTLESS_PROB = 0.5
#: What a passive verb says of its subject: "was seen as X", "was deemed X", "is expected to X".
AGENTLESS_COMPLEMENTS = frozenset({"oprd", "xcomp", "acomp", "attr"})
#: How a cue verb inside another quote's content hangs on its clause when it is a relation of its own.
TAIL_DEPS = frozenset({"conj", "advcl"})
#: A predicate after a cue verb with no object: "seemed hopeful that ...", "seemed equally unperturbed".
PREDICATE_DEPS = frozenset({"acomp", "oprd"})
#: "In a new poll, Clinton leads by 5 points": the poll is the source of the rest of the sentence.
SURVEY_PREPOSITIONS = frozenset({"in"})
SURVEY_NOUNS = frozenset({"poll", "survey"})
#: Labels under which the parser hangs a subject it missed on the verb ("Dems/compound hope ...").
STRAY_SUBJECT_DEPS = frozenset({"advmod", "advcl", "compound", "npadvmod", "dep", "nmod"})
#: Adverbs that attribute their clause to an unnamed source.
EVIDENTIAL_ADVERBS = frozenset({"reportedly", "allegedly", "purportedly", "supposedly"})
#: Rules whose cues are weak enough to need a plausible source as their subject.
WEAK_RULES = frozenset({"indirect_object"})
SUBJECT_DEPS = frozenset({"nsubj", "csubj"})  # not nsubjpass: "X is expected to" is no source
CLAUSE_DEPS = frozenset({"ccomp"})
#: Dependency labels through which a cue verb borrows its head's subject ("..., adding that ...").
BORROW_DEPS = frozenset({"conj", "advcl", "xcomp", "pcomp", "acomp"})
SPEAKER_RIGHT_DEPS = frozenset({"compound", "flat", "nummod", "prep", "pobj", "poss", "case", "cc", "conj"})


@dataclass
class Found:
    """A quote found in the text (Document offsets)."""

    start: int
    end: int
    kind: str  # direct | indirect | mixed
    rule: str
    cue: tuple[int, int] | None = None
    speaker: tuple[int, int] | None = None
    sentence: tuple[int, int] | None = None
    paragraph: int = 0
    fragments: list[tuple[int, int]] = field(default_factory=list)
    nested_in: int | None = None  # index of the direct quote that contains the cue
    antecedent: tuple[int, int] | None = None  # range of the quote whose speaker this one takes over
    rate: float | None = None  # the cue's probability (classifier) or learned rate (lexicon)
    referent: tuple[int, int] | None = None  # what a relative-pronoun speaker stands for ("officials who")
    agentless: bool = False  # a passive cue without its agent ("is expected to"): a quote with no speaker
    speech: bool = True  # a bare cue of a verb of saying, not one that only the cue classifier accepts

    @property
    def score(self) -> float:
        if self.rate is not None and self.kind == "indirect":
            return round(min(SCORE[self.rule], self.rate), 3)
        return SCORE[self.rule]


@dataclass
class _Sentence:
    span: SpacySpan
    offset: int
    paragraph: int

    @property
    def start(self) -> int:
        return self.offset + self.span.start_char

    @property
    def end(self) -> int:
        return self.offset + self.span.end_char


def _range(tokens: Sequence[Token], offset: int) -> tuple[int, int]:
    first, last = min(tokens, key=lambda t: t.i), max(tokens, key=lambda t: t.i)
    return offset + first.idx, offset + last.idx + len(last.text)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Strip spaces and edge punctuation that belongs to the sentence, keeping quote marks."""
    while start < end and (text[start].isspace() or text[start] in ",;:—–-"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:—–-"):
        end -= 1
    return start, end


def _content_range(text: str, tokens: Sequence[Token], offset: int) -> tuple[int, int] | None:
    """The trimmed character range of ``tokens``, or None when there are none or nothing is left."""
    if not tokens:
        return None
    start, end = _trim(text, *_range(tokens, offset))
    return (start, end) if end > start else None


def speaker_tokens(head: Token) -> list[Token]:
    """The speaker's noun phrase: the head, everything to its left, and to its right only name parts and
    "of X" (not appositions or relative clauses, which describe the speaker at length)."""
    tokens = [t for t in head.subtree if t.i <= head.i]
    for child in head.rights:
        if child.dep_ in SPEAKER_RIGHT_DEPS and child.lower_ != "as":  # "seen by some as a demotion"
            tokens.extend(child.subtree)
    return sorted(tokens, key=lambda t: t.i)


def relative_referent(subject: Token | None) -> Token | None:
    """The noun a relative pronoun subject stands for: "officials" in "officials who said ..."."""
    if subject is None or subject.tag_ not in ("WP", "WDT"):
        return None
    verb = subject.head
    for _ in range(4):
        if verb.dep_ == "relcl":
            return verb.head
        if verb.head is verb:
            return None
        verb = verb.head
    return None


def subject_of(verb: Token) -> Token | None:
    """The subject of ``verb``, borrowed from the verb it hangs from when it has none of its own."""
    seen = 0
    while verb is not None and seen < 4:
        for child in verb.children:
            if child.dep_ in SUBJECT_DEPS and child.dep_ != "csubj":
                # a borrowed "it" is mostly expletive ("it is worth noting that ...")
                if seen and child.lower_ == "it":
                    return None
                return child
        for child in verb.children:
            if child.dep_ == "agent":  # "was quoted by X"
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        return pobj
        if verb.dep_ in ("relcl", "acl") and verb.head.pos_ in ("NOUN", "PROPN", "PRON"):
            if _passive(verb):  # "Thiel, who was revealed as a backer", "a merger announced Monday"
                return None
            return verb.head
        if verb.dep_ == "pcomp" and verb.head.dep_ == "prep" and verb.head.head.pos_ in ("VERB", "AUX"):
            verb = verb.head.head  # "... by asking", "before insisting": the verb the preposition hangs from
            seen += 1
            continue
        if verb.dep_ not in BORROW_DEPS and not (verb.dep_ == "acl" and verb.head.pos_ in ("VERB", "AUX")):
            return None
        if verb.head is verb:
            return None
        if verb.dep_ == "xcomp":  # object control: "led some to speculate" -> "some"
            controller = next((c for c in verb.head.children if c.dep_ == "dobj"), None)
            if controller is not None:
                return controller
        verb = verb.head
        seen += 1
    return None


def misparsed_subject(verb: Token) -> Token | None:
    """For a verb of saying left without a subject by the parser: the name right before it, when the
    parser hung it elsewhere as an apposition ("In a statement to the Observer, her adviser, Jake
    Sullivan, said: ..." parses "Sullivan" as an apposition of "Observer") or read it as a common word
    ("Jolly said ...")."""
    if verb.dep_ != "ROOT":
        return None
    i = verb.i - 1
    while i >= verb.sent.start and verb.doc[i].is_punct and verb.doc[i].text in ",—–":
        i -= 1
    if i < verb.sent.start:
        return None
    prev = verb.doc[i]
    if prev.pos_ == "PROPN" and prev.dep_ in ("appos", "conj"):
        return prev
    # the name heads an apposition the parser hung on an earlier word: "On Dec. 2, Col. Steven Warren, a
    # military spokesman in Baghdad, said ..." (climb from "Baghdad" to "Warren")
    node = prev
    for _ in range(5):
        if node.head is node or node.head.i >= verb.i:
            break
        if node.dep_ == "appos" and node.pos_ == "PROPN" and node.head.i < node.i:
            return node
        node = node.head
    # a surname read as a common word: "Jolly said he has worked ..." ("Jolly" as an adverb)
    name_like = prev.is_alpha and prev.text[:1].isupper() and not prev.is_stop
    return prev if name_like and prev.dep_ in ("advmod", "amod", "npadvmod", "nmod", "dep", "compound") else None


def stray_subject(verb: Token) -> Token | None:
    """For a verb the parser left without a subject: a name or noun hung on it to its left under another
    label ("Schilling, through a spokeswoman, declined", "Dems hope ...", "Jolly, who was elected in
    2014, doesn't see ...")."""
    for child in verb.lefts:
        if (child.dep_ in STRAY_SUBJECT_DEPS and child.pos_ in ("PROPN", "NOUN")
                and child.ent_type_ not in _TIME_ENTITIES and not child.is_stop):
            return child
    # "activists clamoring to block Trump say ...": the subject hangs on the participle before the verb
    for child in verb.lefts:
        if child.dep_ == "advcl" and child.tag_ in ("VBG", "VBN") and not any(
                g.dep_ in ("aux", "mark") for g in child.children):
            inner = next((g for g in child.lefts if g.dep_ == "nsubj"), None)
            if inner is not None and inner.pos_ in ("PROPN", "NOUN"):
                return inner
    # "Trump was forced into damage control and said ...": the passive subject of the verb it joins
    if verb.dep_ == "conj" and verb.head.pos_ == "VERB":
        passive = next((g for g in verb.head.children if g.dep_ == "nsubjpass"), None)
        if passive is not None and passive.pos_ in ("PROPN", "PRON", "NOUN") and passive.tag_ not in ("WDT", "WP"):
            return passive
    return None


def left_subject(verb: Token) -> Token | None:
    """For a verb the parser left without a subject: the noun phrase right before it, which the parser
    hung elsewhere ("Senator Harry Reid, the minority leader, said ...", "a White House official who
    spoke anonymously said ...", "Less than a third agreed ..."); not a quote before it nor a word of its
    own clause."""
    if any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children):
        return None  # "the committee is expected to ...": the passive subject is no source
    i = verb.i - 1
    while i >= verb.sent.start and (verb.doc[i].dep_ in ("aux", "auxpass", "neg", "advmod")
                                    or verb.doc[i].text in (",", "—", "–", "--")):
        i -= 1
    if i < verb.sent.start:
        return None
    node = verb.doc[i]
    if node.pos_ not in ("PROPN", "NOUN", "PRON", "NUM") or node.tag_ in ("WP", "WDT") or node.dep_ == "nsubjpass":
        return None
    if any(node.i in {t.i for t in c.subtree} for c in verb.children if c.dep_ in CLAUSE_DEPS):
        return None
    # from inside a relative clause or participle, the noun it describes; from an apposition, its head
    for anc in list(node.ancestors):
        if anc.i >= verb.i:
            break
        if anc.dep_ in ("relcl", "acl") and anc.head.pos_ in ("NOUN", "PROPN") and anc.head.i < node.i:
            node = anc.head
    while node.dep_ in ("appos", "compound", "nummod", "amod") and node.head.i < verb.i and node.head.pos_ in (
            "NOUN", "PROPN", "NUM"):
        node = node.head
    return node


def inverted_subject(verb: Token) -> Token | None:
    """The speaker after a verb that follows what was said, parsed as its object: in
    ``"...," opined Cleveland's Plain Dealer`` the parser reads "Dealer" as ``dobj``."""
    if any(c.dep_ == "ccomp" and c.i < verb.i for c in verb.children):
        found = next((c for c in verb.rights if c.dep_ == "dobj"), None)
        if found is not None:
            return found
    # '"...," said Skelly, explaining ...': the name right after the verb, whatever the parser made of it
    before, after = verb.nbor(-1) if verb.i > verb.sent.start else None, _next_token(verb)
    if before is None or after is None or not (before.text in QUOTE_MARKS or before.text == ","):
        return None
    if not (after.pos_ == "PROPN" or (after.is_alpha and after.text[:1].isupper())):
        return None
    while after.dep_ == "compound" and after.head.i > after.i and after.head.i - after.i <= 3:
        after = after.head
    return after


def _next_token(verb: Token) -> Token | None:
    return verb.nbor(1) if verb.i + 1 < verb.sent.end else None


def plausible_source(subject: Token | None, learned: frozenset[str] = frozenset()) -> bool:
    """Whether a subject can be a source: a name, a pronoun, a named entity, or a person/organisation noun
    ("officials", "the poll"), not a thing or event ("the protests appeared ...")."""
    if subject is None:
        return False
    if subject.pos_ in ("PROPN", "PRON") or subject.ent_type_ in _SOURCE_ENTITIES:
        return True
    lemma = subject.lemma_.lower()
    return lemma in SOURCE_NOUNS or lemma in learned


def _phrasal_cue(tok: Token) -> list[Token] | None:
    """The tokens of a phrasal cue starting at ``tok`` ("according to"), or None."""
    doc = tok.doc
    for phrase in PHRASAL_CUES:
        if tok.i + len(phrase) > len(doc):
            continue
        if all(doc[tok.i + k].lower_ == word for k, word in enumerate(phrase)):
            return [doc[tok.i + k] for k in range(len(phrase))]
    return None


def _cues_in_sentence(text: str, sent: _Sentence, lexicon: CueLexicon | None,
                      quoted: Sequence[tuple[int, int]] = ()) -> list[Found]:
    """Stage 2: attribution cues of one sentence, with their content and speaker ranges; ``quoted``
    are the quoted stretches of the text (whether a verb stands inside one is a classifier feature)."""
    out: list[Found] = []
    off = sent.offset
    srange = (sent.start, sent.end)
    learned = lexicon.source_nouns if lexicon is not None else frozenset()
    for tok in sent.span:
        phrase = _phrasal_cue(tok)
        if phrase is not None:
            found = _phrasal(text, sent, phrase)
            if found:
                out.append(found)
            continue
        if tok.dep_ == "prep" and tok.lower_ in SURVEY_PREPOSITIONS:  # "in a new Fox News poll, ..."
            pobj = next((c for c in tok.children if c.dep_ == "pobj"), None)
            # a poll named or described ("a new Fox News poll"), not "leading in the polls"
            if (pobj is not None and pobj.lemma_.lower() in SURVEY_NOUNS
                    and any(c.dep_ not in ("det", "punct") for c in pobj.children)):
                found = _phrasal(text, sent, [tok])
                if found:
                    out.append(replace(found, rule="indirect_survey"))
                continue
        if tok.lower_ in EVIDENTIAL_ADVERBS and tok.dep_ == "advmod" and tok.head.pos_ in ("VERB", "AUX"):
            found = _evidential(text, sent, tok)  # "Trump reportedly told aides ...": no source named
            if found is not None:
                out.append(found)
            continue
        if tok.pos_ == "NOUN" and lexicon is not None:
            found = _nominal(text, sent, tok, lexicon)
            if found is not None:
                out.append(found)
            continue
        if tok.pos_ == "ADJ" and lexicon is not None:
            found = _stance(text, sent, tok, lexicon, quoted)
            if found is not None:
                out.append(found)
            continue
        if tok.pos_ != "VERB":
            continue
        clauses = [c for c in tok.children if c.dep_ in CLAUSE_DEPS]
        if not clauses and is_cue_verb(tok.lemma_, False):  # "said in a statement that ..."
            clauses = _stray_clauses(tok)
        lemma = tok.lemma_.lower()
        if lemma in FRAMING_VERBS and not clauses:
            found = _framing(text, sent, tok)
            if found:
                out.append(found)
                continue
            if lexicon is None or lexicon.classifier is None:
                continue
            # no object and predicate ("called for a prosecutor", "denounced him"): the classifier decides
        frame = frame_of(tok)
        speech = is_cue_verb(lemma, False)
        subject = subject_of(tok)
        accepted, rate = False, None
        if lexicon is not None:
            at = off + tok.idx
            accepted, rate = lexicon.verb_cue(tok, frame, subject, any(s <= at < e for s, e in quoted))
            # a verb of saying without a clause stays a bare cue that only a quoted stretch can use
            if not (accepted or (speech and not clauses)):
                continue
        elif not is_cue_verb(lemma, bool(clauses)):
            continue
        if clauses and all(c.i < tok.i for c in clauses):
            # a clause before the verb and an argument after it: "She was a canny infighter, as Regan knew
            # all about that" (the parser hangs the first clause on "knew"), not '"...," she told reporters'
            right = _right_frame(tok)
            if right is not None and not (speech and not _topic_frame(tok, right)):
                clauses, frame = [], right
        if subject is None and speech:
            subject = misparsed_subject(tok)
        if subject is None:  # '"...," opined the Plain Dealer' read as an object
            subject = inverted_subject(tok)
        if subject is None and (accepted or speech):
            subject = stray_subject(tok) or left_subject(tok)
        speaker = _range(speaker_tokens(subject), off) if subject is not None else None
        agentless = subject is None and _passive(tok)
        referent = relative_referent(subject)
        if referent is not None:
            subject = referent  # for the source check below
        cue = _range(_cue_tokens(tok), off)
        if speech and tok.tag_ == "VBN" and tok.dep_ == "advcl":  # "Asked whether ..., X said": no source
            found = _asked(text, sent, tok, cue)
            if found is not None:
                out.append(found)
                continue
        answer = next((c for c in tok.children if c.dep_ in ("intj", "dobj") and c.lower_ in ("yes", "no")), None)
        if speech and answer is not None and not clauses:  # "46 percent of voters said yes"
            out.append(Found(*_range([answer], off), "indirect", "indirect_speech", cue, speaker, srange,
                             sent.paragraph, rate=rate, agentless=agentless))
            continue
        if clauses:
            clause = max(clauses, key=lambda c: len(list(c.subtree)))
            start, end = _trim(text, *_range(list(clause.subtree), off))
            if end <= start:
                continue
            rule = "indirect_speech" if speech else "indirect_cognition"
            if rule in WEAK_RULES and not plausible_source(subject, learned):
                continue
            out.append(Found(start, end, "indirect", rule, cue, speaker, srange, sent.paragraph, rate=rate,
                             agentless=agentless,
                             referent=_range(speaker_tokens(referent), off) if referent is not None else None))
            continue
        if speech and _parenthetical(tok):  # "The plan, she said, is dead."
            found = _host_clause(text, sent, tok, cue, speaker)
            if found is not None:
                out.append(found)
                continue
        if speech and subject is not None and frame == "none":  # "..., said the company's chief executive."
            found = _trailing(text, sent, tok, subject, cue, speaker)
            if found is not None:
                out.append(found)
                continue
        # a bare cue ("she said.", "told reporters", 'the sign reads: "..."'): stage 3 may give it a quoted
        # stretch
        if speech or accepted:
            out.append(Found(cue[0], cue[1], "bare", "direct_bare", cue, speaker, srange, sent.paragraph,
                             agentless=agentless, speech=speech,
                             referent=_range(speaker_tokens(referent), off) if referent is not None else None))
        if lexicon is not None and accepted and subject is not None and _passive_cue(lexicon, lemma, rate):
            passive = _passive_content(text, tok, off)  # "the bill, opposed by Republicans, ..."
            if passive is not None:
                out.append(Found(*passive, "indirect", "indirect_passive", cue, speaker, srange, sent.paragraph,
                                 rate=rate))
                continue
        if lexicon is not None and accepted and agentless and (rate or 0.0) >= AGENTLESS_PROB:
            found = _agentless(text, sent, tok, cue)  # "Thiel's support was first noted", "was seen as"
            if found is not None:
                out.append(found)
                continue
        extra = _predicate_args(tok) if frame == "none" else []
        if (frame != "none" or extra) and lexicon is not None and accepted:
            # "wants to ...", "announced his resignation", "called for X"; not the addressee or setting
            # of a verb of saying ("told reporters", "said in a statement"). Whether the subject can be a
            # source is the classifier's to weigh (its subject-kind features): a further check that it is
            # a name or a source noun cost recall for less precision (CV, 2026-12-06)
            if speech and not _topic_frame(tok, frame):
                continue
            if extra:
                heads = extra
            elif frame.startswith("prep:"):
                prep = next(c for c in tok.rights if c.dep_ == "prep" and c.lower_ == frame[5:])
                heads = [g for g in prep.children if g.dep_ in ("pobj", "pcomp")]
                heads += _targets(tok, prep) if heads else []
            else:
                heads = [c for c in tok.children if c.dep_ in _OBJECT_DEPS and c.i > tok.i] + _targets(tok)
            tokens = [t for c in heads for t in c.subtree]
            if not tokens or all(t.ent_type_ in _TIME_ENTITIES or t.is_punct for t in tokens):
                continue  # "passed by the Senate on Tuesday": a time is no content
            start, end = _trim(text, *_range(tokens, off))
            if end > start:
                out.append(Found(start, end, "indirect", "indirect_object", cue, speaker, srange, sent.paragraph,
                                 rate=rate, agentless=agentless,
                                 referent=_range(speaker_tokens(referent), off) if referent is not None else None))
    return _split_tails(text, sent, _drop_carriers(sent, out))


def _evidential(text: str, sent: _Sentence, adverb: Token) -> Found | None:
    """An adverb that attributes its clause to an unnamed source ("Trump reportedly told aides ...",
    "the deal allegedly included ..."): the clause is a quote with no speaker."""
    verb = adverb.head
    tokens = [t for t in verb.subtree if t.i != adverb.i and not (t.is_punct and t.i in (verb.left_edge.i,
                                                                                           verb.right_edge.i))]
    if len(tokens) < 3:
        return None
    start, end = _trim(text, *_range(tokens, sent.offset))
    if end > start and text[end - 1] == "." and end == sent.end:
        end -= 1
    if end <= start:
        return None
    cue = _range([adverb], sent.offset)
    return Found(start, end, "indirect", "indirect_evidential", cue, None, (sent.start, sent.end), sent.paragraph,
                 agentless=True)


def _asked(text: str, sent: _Sentence, verb: Token, cue: tuple[int, int]) -> Found | None:
    """A participle of saying that opens a sentence without its own subject: "Asked whether he would run,
    Smith said ...", "Pressed about the emails, ...": the question is a quote with no speaker (whoever
    asked is not named)."""
    if any(c.dep_ in ("nsubj", "nsubjpass", "agent") for c in verb.children) or verb.i > verb.head.i:
        return None
    heads = [c for c in verb.children if c.dep_ in ("advcl", "ccomp")
             and any(g.dep_ == "mark" and g.lower_ in ("if", "whether") for g in c.children)]
    heads += [g for c in verb.children if c.dep_ == "prep" and c.lower_ in _TOPIC_PREPOSITIONS
              for g in c.children if g.dep_ in ("pobj", "pcomp")]
    heads += [c for c in verb.children if c.dep_ == "ccomp" and c not in heads]
    tokens = [t for h in heads for t in h.subtree]
    if not tokens:
        return None
    start, end = _trim(text, *_range(tokens, sent.offset))
    if end <= start:
        return None
    return Found(start, end, "indirect", "indirect_asked", cue, None, (sent.start, sent.end), sent.paragraph,
                 agentless=True)


def _passive(verb: Token) -> bool:
    """A passive verb: with a passive subject or auxiliary, or a past participle that modifies a noun
    without its agent ("a merger announced Monday")."""
    if any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children):
        return True
    return (verb.dep_ == "acl" and verb.tag_ == "VBN" and verb.head.pos_ in ("NOUN", "PROPN")
            and not any(c.dep_ in ("aux", "agent") for c in verb.children))


def _agentless(text: str, sent: _Sentence, verb: Token, cue: tuple[int, int]) -> Found | None:
    """A passive cue without its agent: the content is its passive subject with what the verb says of it
    ("Thiel's support for Trump was first noted", "Rubio could be seen as the more electable choice");
    a quote with no speaker."""
    target = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    if target is not None and target.tag_ in ("WDT", "WP"):  # "Thiel, who was revealed as ..."
        target = relative_referent(target)
    elif target is None and verb.dep_ == "acl" and verb.head.pos_ in ("NOUN", "PROPN"):
        target = verb.head  # "a merger announced Monday"
    if target is None or target.lower_ in ("it", "this", "that"):
        return None
    inside = {t.i for t in verb.subtree} if target.head.i != verb.i else set()  # the relative clause itself
    tokens = [t for t in target.subtree if t.i not in inside]
    for child in verb.rights:
        if child.dep_ in AGENTLESS_COMPLEMENTS or (child.dep_ == "prep" and child.lower_ == "as"):
            tokens.extend(child.subtree)
    tokens = [t for t in tokens if not t.is_punct]
    off = sent.offset
    if (content := _content_range(text, tokens, off)) is None:
        return None
    start, end = content
    frags = [_trim(text, *_range(part, off)) for part in (
        [t for t in tokens if t.i < verb.i], [t for t in tokens if t.i > verb.i]) if part]
    frags = [f for f in frags if f[1] > f[0]]
    return Found(start, end, "indirect", "indirect_agentless", cue, None, (sent.start, sent.end), sent.paragraph,
                 fragments=frags if len(frags) > 1 else [], agentless=True)


def _drop_carriers(sent: _Sentence, found: list[Found]) -> list[Found]:
    """Drop the object quote of a verb whose ``xcomp`` is a cue of its own: in "X continued to say that
    ...", "X hopes to make the case that ...", the attribution is the inner cue's."""
    def verb_at(rng: tuple[int, int] | None) -> Token | None:
        if rng is None:
            return None
        return next((t for t in sent.span if rng[0] <= sent.offset + t.idx < rng[1] and t.pos_ == "VERB"), None)

    # a bare inner cue carries nothing: "declined to comment" stays the quote of "declined"
    cue_verbs = {v.i for f in found if f.kind != "bare" and (v := verb_at(f.cue)) is not None}
    out = []
    for f in found:
        v = verb_at(f.cue) if f.rule == "indirect_object" else None
        if v is not None and any(c.dep_ == "xcomp" and c.i in cue_verbs for c in v.children):
            continue
        out.append(f)
    return out


def _split_tails(text: str, sent: _Sentence, found: list[Found]) -> list[Found]:
    """End a content before a coordinated or participial verb inside it that is a cue of its own: in "she
    said she regretted her remarks and promised to stay out of it", "promised" has its own quote, so the
    quote of "said" ends at "remarks" (PolNeAR annotates two relations)."""
    def verb_at(rng: tuple[int, int] | None) -> Token | None:
        if rng is None:
            return None
        return next((t for t in sent.span if rng[0] <= sent.offset + t.idx < rng[1] and t.pos_ == "VERB"), None)

    off = sent.offset
    out = list(found)
    for j, b in enumerate(found):
        vb = verb_at(b.cue) if b.kind != "bare" else None
        if vb is None or vb.dep_ not in TAIL_DEPS or vb.head.i > vb.i:
            continue
        at = off + vb.left_edge.idx
        for k, a in enumerate(out):
            if k == j or a.kind != "indirect" or a.fragments or not (a.start < off + vb.head.idx < at < a.end):
                continue
            i = vb.left_edge.i - 1
            while i > vb.head.i and (sent.span.doc[i].dep_ == "cc" or sent.span.doc[i].is_punct):
                i -= 1
            last = sent.span.doc[i]
            start, end = _trim(text, a.start, off + last.idx + len(last.text))
            if end > start:
                out[k] = replace(a, start=start, end=end)
                # "she said the party was not in crisis and urged ...": the parser hangs "urged" on the
                # clause's verb, but its subject is the speaker's, not the clause's
                if vb.head.dep_ in CLAUSE_DEPS and not any(c.dep_ in SUBJECT_DEPS for c in vb.children):
                    out[j] = replace(out[j], speaker=a.speaker, referent=a.referent, agentless=a.agentless)
            break
    return out


def _right_frame(verb: Token) -> str | None:
    """The frame of the arguments after ``verb`` only: an object or ``xcomp``, else a prepositional object."""
    for child in verb.rights:
        if child.dep_ in ("dobj", "xcomp"):
            return child.dep_
    for child in verb.rights:
        if child.dep_ == "prep" and any(g.dep_ in ("pobj", "pcomp") for g in child.children):
            return f"prep:{child.lower_}"
    return None


def _stray_clauses(verb: Token) -> list[Token]:
    """A "that" clause the parser hung on the noun of a prepositional phrase after a verb of saying:
    "said in a statement that ..." ("that ..." as an ``acl`` of "statement")."""
    out = []
    for prep in verb.rights:
        if prep.dep_ != "prep":
            continue
        for pobj in prep.children:
            if pobj.dep_ != "pobj":
                continue
            out += [c for c in pobj.children if c.dep_ in ("acl", "relcl", "ccomp")
                    and any(g.dep_ == "mark" and g.lower_ == "that" for g in c.children)]
    return out


def _targets(verb: Token, after: Token | None = None) -> list[Token]:
    """The prepositional phrases of a verb after its direct object (or after ``after``, the preposition
    that holds its content): what a stance is about often follows the object ("took shots at X", "drew
    attention to X", "attacked Clinton for her ties to Wall Street", "spoke favorably of X in a speech
    on Y"), so the content runs on over them."""
    if after is None:
        after = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if after is None:
        return []
    return [c for c in verb.rights if c.dep_ == "prep" and c.i > after.i
            and any(g.dep_ in ("pobj", "pcomp") for g in c.children)]


def _predicate_args(verb: Token) -> list[Token]:
    """For a cue verb with no object: a predicative adjective after it ("seemed hopeful that ...",
    "sounded equivocal") or a clause the parser read as "for X to ..." ("called for X to resign")."""
    return [c for c in verb.rights
            if c.dep_ in PREDICATE_DEPS or (c.dep_ == "advcl" and any(g.dep_ == "mark" and g.lower_ == "for"
                                                                for g in c.children))]


def _passive_cue(lexicon: CueLexicon, lemma: str, rate: float | None) -> bool:
    """Whether a passive verb with its agent attributes its subject to the agent: a confident classifier,
    and a lemma that is a cue more often than not without a clause (the learned rate of ``lemma|none``,
    else the hand-written lists): "opposed by", "reported by", not "passed by the Senate"."""
    if (rate or 0.0) < PASSIVE_PROB:
        return False
    learned = lexicon.rate(lemma, "none")
    return is_cue_verb(lemma, True) if learned is None else learned >= lexicon.threshold


def _passive_content(text: str, verb: Token, off: int) -> tuple[int, int] | None:
    """For a passive cue with its agent ("the bill, opposed by Republicans", "the ban was reported by
    BuzzFeed"): the range of what the agent said or thought about, the passive subject or the noun the
    participle modifies; None for any other verb."""
    if not any(c.dep_ == "agent" for c in verb.children):
        return None
    target = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    if target is not None and target.tag_ in ("WDT", "WP"):  # "the bill, which was opposed by ..."
        target = relative_referent(target)
        tokens = speaker_tokens(target) if target is not None else []
    elif target is not None:
        tokens = list(target.subtree)
    elif verb.dep_ == "acl" and verb.head.pos_ in ("NOUN", "PROPN"):
        inside = {t.i for t in verb.subtree}
        tokens = [t for t in speaker_tokens(verb.head) if t.i not in inside]
    else:
        return None
    return _content_range(text, [t for t in tokens if not t.is_punct], off)


def _nominal(text: str, sent: _Sentence, noun: Token, lexicon: CueLexicon) -> Found | None:
    """A noun cue with its owner as speaker: "Trump's claim that ...", "her criticism of X"."""
    frame = noun_frame(noun)
    if frame is None or (lexicon.rate(noun.lemma_, f"n:{frame}") or 0.0) < lexicon.threshold:
        return None
    owner = next((c for c in noun.children if c.dep_ == "poss"), None)
    if owner is None:
        by = next((c for c in noun.rights if c.dep_ == "prep" and c.lower_ == "by"), None)
        owner = next((g for g in by.children if g.dep_ == "pobj"), None) if by is not None else None
    if owner is None and noun.dep_ == "dobj" and noun.head.pos_ == "VERB":
        owner = subject_of(noun.head)  # "Trump voiced support for the plan", "X made allegations against Y"
    if owner is None or not plausible_source(owner, lexicon.source_nouns):
        return None
    if frame == "ccomp":
        heads = [c for c in noun.children if c.dep_ in ("acl", "ccomp")]
    elif frame == "xcomp":
        heads = [c for c in noun.rights if c.dep_ in ("acl", "relcl") and c.tag_ == "VB"]
    else:
        prep = next(c for c in noun.rights if c.dep_ == "prep" and c.lower_ == frame[5:])
        heads = [g for g in prep.children if g.dep_ in ("pobj", "pcomp")]
    off = sent.offset
    if (content := _content_range(text, [t for h in heads for t in h.subtree], off)) is None:
        return None
    start, end = content
    return Found(start, end, "indirect", "indirect_nominal", _range([noun], off), _range(speaker_tokens(owner), off),
                 (sent.start, sent.end), sent.paragraph, rate=lexicon.rate(noun.lemma_, f"n:{frame}"))


def _stance(text: str, sent: _Sentence, adj: Token, lexicon: CueLexicon,
            quoted: Sequence[tuple[int, int]]) -> Found | None:
    """A predicative adjective of stance with its subject as speaker: "X was critical of Y", "X is
    hopeful that ...", when the lexicon accepts the adjective and its frame; not inside quote marks."""
    frame = adjective_frame(adj)
    if frame is None:
        return None
    rate = lexicon.rate(adj.lemma_, f"a:{frame}")
    off = sent.offset
    if rate is None or rate < lexicon.threshold or any(s <= off + adj.idx < e for s, e in quoted):
        return None
    subject = subject_of(adj.head)
    if not plausible_source(subject, lexicon.source_nouns) or subject.lower_ in ("i", "we"):
        return None
    if frame.startswith("prep:"):
        prep = next(c for c in adj.rights if c.dep_ == "prep" and c.lower_ == frame[5:])
        heads = [g for g in prep.children if g.dep_ in ("pobj", "pcomp")]
    else:
        heads = [c for c in adj.children if c.dep_ == frame]
    if (content := _content_range(text, [t for h in heads for t in h.subtree], off)) is None:
        return None
    start, end = content
    return Found(start, end, "indirect", "indirect_stance", _range([adj.head, adj], off),
                 _range(speaker_tokens(subject), off), (sent.start, sent.end), sent.paragraph, rate=round(rate, 3))


def _headline(text: str, sent: _Sentence, source_nouns: frozenset[str],
              names: frozenset[str] = frozenset()) -> Found | None:
    """A headline-style attribution, "Poll: Clinton and Sanders in dead heat", "Obama: Families ...":
    a sentence that is a whole short paragraph and opens with a name or a source noun of at most
    ``HEADLINE_SPEAKER`` words, then a colon, then the content."""
    span = sent.span
    if sent.start != sent.offset + span.doc[0].idx or len(span) > 40 or len(span) < 5:
        return None  # not the paragraph's opening sentence, or too long for a headline
    colon = next((t for t in span[: HEADLINE_SPEAKER + 1] if t.text == ":"), None)
    if colon is None or colon.i == span.start or span.end - colon.i < 4:
        return None
    who = list(span.doc[span.start : colon.i])
    last = who[-1]
    # a name the story gives elsewhere ("Reid: ...", which the parser tags as a common noun), or a
    # transcript's speaker in capitals ("KATE BOULDUAN: Why not debate?")
    named = last.text in names or (len(who) > 1 and all(t.is_alpha and t.is_upper for t in who))
    if not named and not all(t.pos_ in ("PROPN", "NOUN", "ADJ") or t.text in ("-", ".", "'s") for t in who):
        return None
    if not (named or last.ent_type_ in _SOURCE_ENTITIES or last.lemma_.lower() in SOURCE_NOUNS | source_nouns
            or (last.pos_ == "PROPN" and last.ent_type_ not in _TIME_ENTITIES)):
        return None
    off = sent.offset
    start, end = _trim(text, off + colon.idx + 1, sent.end)
    if end > start and text[end - 1] == ".":
        end -= 1
    if end - start < 10:
        return None
    return Found(start, end, "indirect", "indirect_headline", _range([colon], off), _range(who, off),
                 (sent.start, sent.end), sent.paragraph)


def _parenthetical(verb: Token) -> bool:
    """'X said' inserted into the clause it reports: ``parataxis``, or ``advcl`` introduced by "as"."""
    if verb.head is verb or (verb.head.pos_ not in ("VERB", "AUX") and verb.head.dep_ != "ROOT"):
        return False  # (a host the parser made a noun: "as POLITICO has reported, cases that ...")
    if verb.dep_ == "parataxis":
        return True
    return verb.dep_ == "advcl" and any(c.lower_ == "as" and c.dep_ == "mark" for c in verb.children)


def _trailing(text: str, sent: _Sentence, verb: Token, subject: Token, cue: tuple[int, int],
              speaker: tuple[int, int] | None) -> Found | None:
    """An attribution that ends the sentence after a comma, with no quote marks: "The plant is under
    pressure from imports, said the company's chief executive." or "..., she said on Tuesday.": the
    content is what comes before the comma."""
    inside = {t.i for t in verb.subtree} | {t.i for t in subject.subtree}
    first = min(min(inside), subject.i, verb.i)
    while first < verb.i and first in inside and verb.doc[first].is_punct:
        first += 1
    if any(t.i not in inside and not t.is_punct for t in verb.sent if t.i >= first):
        return None  # more than the attribution after it
    comma = verb.doc[first - 1] if first > verb.sent.start else None
    if comma is None or comma.text != "," or first - verb.sent.start < 4:
        return None
    start, end = _trim(text, sent.start, sent.offset + comma.idx)
    if end - start < 10 or any(m in text[start:end] for m in QUOTE_MARKS):
        return None  # a quoted stretch is a direct quote (stage 3)
    return Found(start, end, "indirect", "indirect_parenthetical", cue, speaker, (sent.start, sent.end),
                 sent.paragraph)


def _host_clause(text: str, sent: _Sentence, verb: Token, cue: tuple[int, int],
                 speaker: tuple[int, int] | None) -> Found | None:
    """The reported clause around a parenthetical cue, as one or two fragments either side of it."""
    inserted = {t.i for t in verb.subtree}
    host = [t for t in verb.head.subtree if t.i not in inserted and not t.is_punct]
    if len(host) < 3:
        return None
    off = sent.offset
    pieces = [[t for t in host if t.i < verb.left_edge.i], [t for t in host if t.i > verb.right_edge.i]]
    frags = [_trim(text, *_range(p, off)) for p in pieces if p]
    frags = [f for f in frags if f[1] > f[0]]
    if not frags:
        return None
    return Found(frags[0][0], frags[-1][1], "indirect", "indirect_parenthetical", cue, speaker,
                 (sent.start, sent.end), sent.paragraph, fragments=frags if len(frags) > 1 else [])


def _topic_frame(verb: Token, frame: str) -> bool:
    """Whether the object of a verb of saying is what was said, not whom it was said to or where."""
    if frame.startswith("prep:"):
        return frame[5:] in _TOPIC_PREPOSITIONS
    if frame == "xcomp":  # "asked him to resign": what was asked, the addressee with it
        return True
    for child in verb.children:
        if child.dep_ == "dobj":
            if child.lemma_.lower() in _ADDRESSEES:
                return False
            # "told him": the addressee; "accused him", "praised Obama": the target, which is content
            return not (child.pos_ in ("PRON", "PROPN") and verb.lemma_.lower() in _ADDRESSEE_VERBS)
    return True


def _lexical_cues_in_sentence(sent: _Sentence) -> list[Found]:
    """Bare cues of an unparsed sentence (see :mod:`unspun.analyzers.quote_lexical`)."""
    out: list[Found] = []
    for cue, speaker in lexical_cues(sent.span, sent.span.doc.lang_):
        rng = _range([cue], sent.offset)
        who = _range(speaker, sent.offset) if speaker else None
        out.append(Found(rng[0], rng[1], "bare", "direct_bare", rng, who, (sent.start, sent.end), sent.paragraph))
    return out


def _cue_tokens(verb: Token) -> list[Token]:
    """The cue: the verb with its auxiliaries, negation and particle ("has said", "pointed out")."""
    tokens = [verb]
    for child in verb.children:
        if child.dep_ in ("aux", "auxpass", "neg", "prt") and abs(child.i - verb.i) <= 3:
            tokens.append(child)
    return tokens


def _phrasal(text: str, sent: _Sentence, phrase: list[Token]) -> Found | None:
    """'According to X, ...': the speaker is the object of the phrase, the content the rest."""
    last = phrase[-1]
    objects = [c for c in last.children if c.dep_ == "pobj"]
    if not objects:
        return None
    off = sent.offset
    cue = _range(phrase, off)
    speaker = _range(speaker_tokens(objects[0]), off)
    pp_start, pp_end = cue[0], max(cue[1], speaker[1])
    pp_end = max(pp_end, _range(list(objects[0].subtree), off)[1])
    before = _trim(text, sent.start, pp_start)
    after = _trim(text, pp_end, sent.end)
    after = (after[0], after[1] - 1) if after[1] > after[0] and text[after[1] - 1] in ".!?" else after
    start, end = after if after[1] - after[0] >= before[1] - before[0] else before
    if end - start < 3:
        return None
    return Found(start, end, "indirect", "indirect_phrasal", cue, speaker, (sent.start, sent.end), sent.paragraph)


def _framing(text: str, sent: _Sentence, verb: Token) -> Found | None:
    """'X described Y as Z' / 'X called Y Z': the content is 'Y as Z' (the framing)."""
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    preds = [c for c in verb.children if c.dep_ == "oprd" or (c.dep_ == "prep" and c.lower_ == "as")]
    if not objects or not preds:
        return None
    subject = subject_of(verb)
    if subject is None:
        return None
    off = sent.offset
    tokens = [t for c in objects + preds for t in c.subtree]
    start, end = _trim(text, *_range(tokens, off))
    return Found(
        start,
        end,
        "indirect",
        "indirect_framing",
        _range([verb], off),
        _range(speaker_tokens(subject), off),
        (sent.start, sent.end),
        sent.paragraph,
    )


def _word_chars(text: str) -> int:
    return sum(ch.isalnum() for ch in text)


def _inside(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return b[0] <= a[0] and a[1] <= b[1]


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def find_quotes(
    text: str, paragraphs: Sequence[ParsedParagraph], lexicon: CueLexicon | None = None
) -> list[Found]:
    """Every quote in the parsed paragraphs of ``text``, in text order; ``lexicon`` (learned from PolNeAR)
    decides which verbs are cues, the hand-written lists when it is None."""
    # 1. quote marks
    quoted = find_quoted(text, [(p.start, p.end) for p in paragraphs])
    qspans = [(q.start, q.end) for q in quoted]
    sentences = [
        _Sentence(s, p.start, index) for index, p in enumerate(paragraphs) for s in p.sdoc.sents
    ]
    # 2. cues per sentence
    cues: list[Found] = []
    names = frozenset(t.text for p in paragraphs for e in p.sdoc.ents if e.label_ in ("PERSON", "ORG") for t in e
                      if t.text[:1].isupper())
    for sent in sentences:
        if sent.span.doc.has_annotation("DEP"):
            cues.extend(_cues_in_sentence(text, sent, lexicon, qspans))
        else:  # a language parsed without dependencies: lexical cues for direct quotes only
            cues.extend(_lexical_cues_in_sentence(sent))
        if lexicon is not None and sent.span.doc.has_annotation("DEP"):
            found = _headline(text, sent, lexicon.source_nouns, names)
            if found is not None:
                cues.append(found)
    # 3. and 4. tie quoted stretches to cues, classify
    return _drop_twins(_attach(text, quoted, cues, sentences), text)


def _drop_twins(found: list[Found], text: str = "") -> list[Found]:
    """Of two quotes with different cues whose contents overlap by ``TWIN_OVERLAP`` of the longer one, keep
    one: the one whose cue is not inside the other's content ("X sent out a release saying ...": the
    outer attribution), else the one of the more precise rule. PolNeAR annotates them as one relation.
    Inside a direct quote, the speaker's own reporting ("I told them ...") is no twin: it is kept, marked
    as nested; reporting of someone else's words there ("he said ..." within the quote) is one."""
    def own(f: Found) -> bool:
        return f.nested_in is not None and f.speaker is not None and (
            text[f.speaker[0] : f.speaker[1]].lower() in ("i", "we"))

    drop: set[int] = set()
    for i, a in enumerate(found):
        for j in range(i + 1, len(found)):
            b = found[j]
            if b.start >= a.end:
                break
            if a.cue == b.cue or i in drop or j in drop or own(a) or own(b):
                continue  # the speaker's own reporting inside their quote stays, marked ``within_quote``
            shared = _overlap((a.start, a.end), (b.start, b.end))
            if shared == 0 or shared < TWIN_OVERLAP * max(a.end - a.start, b.end - b.start):
                continue
            a_nested = a.cue is not None and b.start <= a.cue[0] < b.end
            b_nested = b.cue is not None and a.start <= b.cue[0] < a.end
            if a_nested != b_nested:
                drop.add(i if a_nested else j)
            else:
                drop.add(j if (a.score, -a.start) >= (b.score, -b.start) else i)
    kept = [k for k in range(len(found)) if k not in drop]
    index = {old: new for new, old in enumerate(kept)}
    out = [found[k] for k in kept]
    for f in out:  # ``nested_in`` indexes the list: follow the host quote to its new place
        if f.nested_in is not None:
            f.nested_in = index.get(f.nested_in)
    return out


def _attach(text: str, quoted: list[Quoted], cues: list[Found], sentences: list[_Sentence]) -> list[Found]:
    results: list[Found] = []
    used_quotes: set[int] = set()
    qranges = [(q.start, q.end) for q in quoted]

    def containing_quote(pos: tuple[int, int]) -> int | None:
        for qi, qr in enumerate(qranges):
            if _inside(pos, qr):
                return qi
        return None

    # indirect and mixed contents from clause cues; note which quoted stretches they cover
    for found in cues:
        if found.kind == "bare":
            continue
        nested = containing_quote(found.cue) if found.cue else None
        if nested is not None:
            results.append(replace(found, nested_in=nested))
            continue
        content = (found.start, found.end)
        hits = [qi for qi, qr in enumerate(qranges) if _overlap(qr, content) > 0]
        if not hits:
            results.append(found)
            continue
        qstart = min(qranges[qi][0] for qi in hits)
        qend = max(qranges[qi][1] for qi in hits)
        covered = sum(_overlap(qranges[qi], content) for qi in hits)
        union = (min(content[0], qstart), max(content[1], qend))
        if found.rule != "indirect_framing" and covered >= DIRECT_COVERAGE * (content[1] - content[0]):
            frags = [qranges[qi] for qi in hits]
            results.append(replace(found, start=union[0], end=union[1], kind="direct", rule="direct_cue",
                                   fragments=frags if len(frags) > 1 else []))
        else:
            results.append(replace(found, start=union[0], end=union[1], kind="mixed", rule="mixed"))
        used_quotes.update(hits)
    # quoted stretches left over: a bare cue in the sentence, a "said:" before, or the previous quote
    bare = [f for f in cues if f.kind == "bare" and containing_quote(f.cue or (0, 0)) is None]
    for qi, q in enumerate(quoted):
        if qi in used_quotes or not _word_chars(text[q.start : q.end]):
            continue
        if _word_chars(text[q.start : q.end]) < MIN_DIRECT_CHARS and not _cue_follows(text, q, bare):
            continue  # a scare-quoted term, unless its own "she said" follows ("Safety," said Grimm.)
        found = _attach_quoted(text, qi, q, qranges, bare, sentences, results)
        if found is not None:
            results.append(found)
            used_quotes.add(qi)
    # an interrupted quote ("A," she said, "B.") becomes one quote with two fragments
    results = _join_interrupted(text, results)
    results.sort(key=lambda f: (f.start, f.end))
    for f in results:
        if f.nested_in is not None:
            host = qranges[f.nested_in]
            f.nested_in = next(
                (i for i, r in enumerate(results) if r.kind == "direct" and _inside(host, (r.start, r.end))), None
            )
    return results


def _cue_follows(text: str, q: Quoted, bare: list[Found]) -> bool:
    """Whether a bare cue of saying follows the quoted stretch at once, in the same sentence:
    ``"Safety," said Grimm`` or ``"I'm honored!" she said``."""
    for f in bare:
        if f.speech and f.cue and 0 <= f.cue[0] - q.end <= SHORT_QUOTE_GAP:
            between = text[q.end : f.cue[0]]
            if not any(ch in between for ch in ".!?") and not any(m in between for m in QUOTE_MARKS):
                return True
    return False


def _sentence_at(sentences: list[_Sentence], pos: int) -> int | None:
    for si, s in enumerate(sentences):
        if s.start <= pos < s.end:
            return si
    return None


def _attach_quoted(
    text: str,
    qi: int,
    q: Quoted,
    qranges: list[tuple[int, int]],
    bare: list[Found],
    sentences: list[_Sentence],
    results: list[Found],
) -> Found | None:
    qr = (q.start, q.end)
    si = _sentence_at(sentences, q.start)
    sj = _sentence_at(sentences, max(q.start, q.end - 1))
    if si is None:
        return None
    first, last = sentences[si], sentences[sj if sj is not None else si]
    span_start, span_end = first.start, last.end
    # the other half of a quote interrupted by its attribution ("A," she said, "B.")
    for ri, r in enumerate(results):
        if r.kind != "direct" or r.cue is None or r.nested_in is not None:
            continue
        between = q.end <= r.cue[0] < r.start or r.end <= r.cue[0] < q.start
        if between and span_start <= r.cue[0] < span_end + 1 and abs(r.cue[0] - q.start) < 300:
            frags = sorted([*(r.fragments or [(r.start, r.end)]), qr])
            results[ri] = replace(r, start=frags[0][0], end=frags[-1][1], fragments=frags)
            return None
    # a bare cue in the sentences the quote spans (or the one right after the quote closes)
    candidates = [f for f in bare if f.cue and span_start <= f.cue[0] < span_end and not _inside(f.cue, qr)]
    if not candidates and sj is not None and sj + 1 < len(sentences):
        nxt = sentences[sj + 1]
        if nxt.paragraph == last.paragraph and nxt.end - nxt.start < 80:
            candidates = [f for f in bare if f.cue and nxt.start <= f.cue[0] < nxt.end]
    if candidates:
        cue = min(candidates, key=lambda f: abs(f.cue[0] - q.end) if f.cue else 0)
        bare.remove(cue)
        return replace(cue, start=q.start, end=q.end, kind="direct", rule="direct_bare")
    # "X said:" at the end of the previous sentence or paragraph
    if si > 0:
        prev = sentences[si - 1]
        tail = text[prev.start : min(prev.end, q.start)].rstrip()
        if tail.endswith(":") or text[prev.end : q.start].strip() == ":":
            candidates = [f for f in bare if f.cue and prev.start <= f.cue[0] < prev.end]
            if candidates:
                cue = candidates[-1]
                bare.remove(cue)
                return replace(cue, start=q.start, end=q.end, kind="direct", rule="direct_colon")
    # a name and a colon right before the quote: 'More from Jones: "..."', 'Clinton: "..."'
    found = _colon_name(text, q, sentences[si] if text[first.start : q.start].strip() else
                        (sentences[si - 1] if si > 0 else first))
    if found is not None:
        return found
    found = _dash_name(text, q, sentences)  # '"..." - Bernie Sanders'
    if found is not None:
        return found
    # a quote that runs on from the previous attributed direct quote (same or previous paragraph)
    before = [r for r in results if r.end <= q.start and r.speaker and r.nested_in is None]
    if before:
        prev_q = max(before, key=lambda r: r.end)
        between = text[prev_q.end : q.start]
        gap_sentences = [s for s in sentences if prev_q.end <= s.start and s.end <= q.start]
        if first.paragraph - prev_q.paragraph <= 1 and len(gap_sentences) == 0 and len(between) < 400:
            return Found(
                q.start, q.end, "direct", "direct_runon", prev_q.cue, prev_q.speaker,
                prev_q.sentence, first.paragraph, antecedent=(prev_q.start, prev_q.end),
            )
    return None


def _colon_name(text: str, q: Quoted, sent: _Sentence) -> Found | None:
    """A quoted stretch right after "Name:" (a person or organisation the parser names, or a proper noun),
    with no verb of saying: 'More from Jones: "..."', 'Kerry: "..."'."""
    at = q.start - 1
    while at >= sent.start and text[at].isspace():
        at -= 1
    if at < sent.start or text[at] != ":":
        return None
    colon = next((t for t in sent.span if sent.offset + t.idx == at), None)
    if colon is None or colon.i == sent.span.start:
        return None
    last = colon.doc[colon.i - 1]
    if not (last.pos_ == "PROPN" or last.ent_type_ in ("PERSON", "ORG")):
        return None
    name = [last]
    while name[0].i > sent.span.start and name[0].i - 1 >= 0 and (
            colon.doc[name[0].i - 1].pos_ == "PROPN" or colon.doc[name[0].i - 1].ent_iob_ == "I"):
        name.insert(0, colon.doc[name[0].i - 1])
    if any(t.pos_ == "VERB" for t in sent.span if name[-1].i < t.i < colon.i):
        return None
    return Found(q.start, q.end, "direct", "direct_colon", _range([colon], sent.offset), _range(name, sent.offset),
                 (sent.start, sent.end), sent.paragraph)


_DASH = re.compile(r"\s*[-\u2014\u2013\u2015]{1,2}\s*")


def _dash_name(text: str, q: Quoted, sentences: list[_Sentence]) -> Found | None:
    """A quoted stretch signed by a dash and a name after it, alone up to the end of its sentence:
    '"... pay zero taxes." - Bernie Sanders', also in the next paragraph ("- Sanders.")."""
    m = _DASH.match(text, q.end)
    if m is None or not text[q.end : m.end()].strip():
        return None
    si = _sentence_at(sentences, m.end())
    if si is None:
        return None
    sent = sentences[si]
    tokens = [t for t in sent.span if sent.offset + t.idx >= m.end()]
    words = [t for t in tokens if not t.is_punct]
    if not words or len(words) > 4 or not all(t.pos_ == "PROPN" or t.ent_type_ in ("PERSON", "ORG") for t in words):
        return None
    dash = _range([t for t in sent.span if q.end <= sent.offset + t.idx < m.end()] or words[:1], sent.offset)
    return Found(q.start, q.end, "direct", "direct_colon", dash, _range(words, sent.offset), (sent.start, sent.end),
                 sent.paragraph)


def _join_interrupted(text: str, results: list[Found]) -> list[Found]:
    """Merge a run-on fragment into the quote before it when only its own attribution lies between."""
    results.sort(key=lambda f: (f.start, f.end))
    out: list[Found] = []
    for f in results:
        if (
            out
            and f.rule == "direct_runon"
            and out[-1].kind == "direct"
            and f.antecedent is not None
            and out[-1].paragraph == f.paragraph
            and out[-1].cue is not None
            and out[-1].end <= out[-1].cue[0] < f.start
            and text[out[-1].end - 1] in QUOTE_MARKS
            and text[out[-1].start : out[-1].end].rstrip("".join(QUOTE_MARKS)).endswith(",")
            and not _SENTENCE_END.search(text[out[-1].end : f.start])
        ):
            prev = out[-1]
            frags = prev.fragments or [(prev.start, prev.end)]
            out[-1] = replace(prev, end=f.end, fragments=[*frags, (f.start, f.end)])
            continue
        out.append(f)
    return out


def cue_rows(text: str, paragraphs: Sequence[ParsedParagraph], cues: Sequence[tuple[int, int]],
             source_nouns: frozenset[str] = frozenset(),
             cue_nouns: frozenset[str] = frozenset()) -> tuple[list[list[str]], list[int]]:
    """Training rows for the cue classifier: the features of every verb token of a parsed text, and
    whether it lies inside one of the gold ``cues`` ranges."""
    qspans = [(q.start, q.end) for q in find_quoted(text, [(p.start, p.end) for p in paragraphs])]
    rows: list[list[str]] = []
    labels: list[int] = []
    for p in paragraphs:
        if not p.sdoc.has_annotation("DEP"):
            continue
        for tok in p.sdoc:
            if tok.pos_ != "VERB":
                continue
            at = p.start + tok.idx
            in_quote = any(s <= at < e for s, e in qspans)
            rows.append(cue_features(tok, frame_of(tok), subject_of(tok), in_quote, source_nouns, cue_nouns))
            labels.append(int(any(s <= at < e for s, e in cues)))
    return rows, labels
