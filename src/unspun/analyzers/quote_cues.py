"""Cue lexicons for quote attribution: reporting verbs, framing verbs, phrasal cues and quote marks.

The verb lists were drawn up from the cue lemmas annotated in the PolNeAR train split (the most frequent
single-verb cues cover about 80% of its attribution relations) and checked against the reporting-verb lists
in Pareti's PARC guidelines. Verbs of mere cognition ("think", "believe") are kept apart: they attribute a
position, not an utterance, so they only count when they take a clause (``ccomp``).
"""

from __future__ import annotations


def words(text: str) -> frozenset[str]:
    """The whitespace-separated words of ``text`` as a set."""
    return frozenset(text.split())


#: Verbs of saying and writing: an utterance. Lemmas (spaCy ``en_core_web_sm``).
SPEECH_VERBS: frozenset[str] = words(
    """
    say tell add write ask note report announce suggest tweet post argue explain claim insist state warn
    declare acknowledge admit deny stress emphasize emphasise assert confirm reveal predict promise repeat
    reply respond recall conclude comment remark mention urge contend maintain complain concede testify
    allege observe joke quip shout yell scream whisper mutter boast brag lament caution counter retort vow
    pledge threaten propose demand charge proclaim disclose inform assure signal indicate estimate
    speculate clarify explain recount recounted describe continue agree disagree question wonder blast slam
    criticize criticise accuse praise dismiss reject insist concur affirm reiterate underscore highlight
    point predict forecast tout hint imply acknowledge confide concede declare stress muse reason opine
    text email message blog preach plead beg order instruct advise recommend reckon answer exclaim interject
    chime scoff
    """
)

#: Verbs of thinking and feeling: a stance, attributed only when they govern a clause.
COGNITION_VERBS: frozenset[str] = words(
    """
    think believe hope fear feel know expect worry doubt suspect assume understand consider guess
    imagine wish want figure realize realise recognize recognise
    """
)

#: Nouns that cue a quote through a noun phrase ("in a statement", "his claim that ...").
SPEECH_NOUNS: frozenset[str] = words(
    """
    statement claim remark remarks comment comments announcement tweet post interview speech testimony
    argument assertion allegation warning promise pledge accusation report letter op-ed editorial
    """
)

#: Verbs that frame an object ("described X as Y", "called X Y"): the content is the object + predicate.
FRAMING_VERBS: frozenset[str] = words(
    "describe call label brand dub characterize characterise portray depict term deem denounce"
)

#: Heads of common-noun speakers that can be a source ("officials said", "the poll shows").
SOURCE_NOUNS: frozenset[str] = words(
    """
    official spokesman spokeswoman spokesperson aide adviser advisor source analyst expert critic lawmaker
    senator representative congressman congresswoman governor mayor minister president secretary chairman
    chair director leader candidate campaign poll survey report study analysis research data figure
    committee government administration agency department ministry office court judge prosecutor lawyer
    attorney police military army party media newspaper network outlet paper magazine editorial website
    group organization company firm union voter supporter opponent activist protester resident member
    people observer economist scientist researcher author writer reporter journalist commentator host
    officer diplomat ambassador embassy council board staff team statement letter document memo
    """
)

#: Cues of the form "according to X", "in the words of X": the speaker is the object of the last word.
PHRASAL_CUES: tuple[tuple[str, ...], ...] = (
    ("according", "to"),
    ("in", "the", "words", "of"),
    ("as", "reported", "by"),
    ("quoted", "by"),
    ("cited", "by"),
)

#: Pronouns that stand for a previously named speaker.
THIRD_PERSON_PRONOUNS: frozenset[str] = words(
    "he she they it his her their him them il elle ils elles er sie lui lei egli ella on ona oni он она они"
)
FIRST_PERSON_PRONOUNS: frozenset[str] = words("i we me us my our je nous ich wir io noi ja my я мы")

#: Opening quote mark -> the closing marks that end it. Covers English (“ ” ‘ ’ " '), French, Italian and
#: Russian (« »), German and Polish („ “ ” ‚ ‘), Swiss/Danish reversed guillemets (» «) and CJK corner
#: brackets. The straight " closes itself.
QUOTE_PAIRS: dict[str, frozenset[str]] = {
    '"': frozenset('"'),
    "\u201c": frozenset("\u201d\u201c"),  # “ … ” (a second “ closes too: typos are common)
    "\u201e": frozenset("\u201c\u201d"),  # „ … “ (de) or „ … ” (pl)
    "\u00ab": frozenset("\u00bb"),  # « … »
    "\u00bb": frozenset("\u00ab"),  # » … « (de, da)
    "\u2039": frozenset("\u203a"),  # ‹ … ›
    "\u201a": frozenset("\u2018\u2019"),  # ‚ … ‘
    "\u300c": frozenset("\u300d"),  # 「 … 」
    "\u300e": frozenset("\u300f"),  # 『 … 』
}
QUOTE_MARKS: frozenset[str] = frozenset(QUOTE_PAIRS) | frozenset("'\u201d\u203a\u2018\u2019\u300d\u300f")


def is_cue_verb(lemma: str, has_clause: bool) -> bool:
    """Whether a verb with ``lemma`` reports speech (always) or a stance (only with a clause)."""
    lemma = lemma.lower()
    return lemma in SPEECH_VERBS or (has_clause and lemma in COGNITION_VERBS)
