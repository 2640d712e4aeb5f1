"""Cues for languages parsed without dependencies (French, German, Italian, Polish, Russian, others).

The shared parse of these languages is a tokenizer and a sentencizer only (see :mod:`.nlp`), so quotes
there are attributed lexically: a verb of saying from a short per-language list in the same sentence as
the quoted stretch, and as speaker the run of capitalised words right after it ("», a déclaré Emmanuel
Macron") or right before it ("Emmanuel Macron a déclaré :"), else a subject pronoun next to it ("a-t-il
ajouté"). Only direct quotes are found this way: reported speech needs a parse.
"""

from __future__ import annotations

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from unspun.analyzers.quote_cues import words

#: Inflected forms of verbs of saying (lower case), per language.
CUE_FORMS: dict[str, frozenset[str]] = {
    "fr": words(
        "dit déclaré ajouté affirmé expliqué estimé souligné indiqué précisé assuré annoncé répondu "
        "insisté martelé averti lancé confié reconnu dénoncé dit déclare ajoute affirme explique estime "
        "souligne indique précise assure annonce répond insiste"
    ),
    "de": words(
        "sagte sagt erklärte erklärt betonte betont meinte meint fügte warnte warnt kritisierte "
        "versicherte räumte sprach schrieb schreibt antwortete antwortet ergänzte"
    ),
    "it": words(
        "detto dichiarato affermato spiegato aggiunto sottolineato precisato annunciato risposto "
        "ribadito dice dichiara afferma spiega aggiunge sottolinea"
    ),
    "pl": words(
        "powiedział powiedziała stwierdził stwierdziła dodał dodała oświadczył oświadczyła mówi "
        "podkreślił podkreśliła zaznaczył zaznaczyła napisał napisała ocenił oceniła"
    ),
    "ru": words(
        "сказал сказала заявил заявила отметил отметила добавил добавила подчеркнул подчеркнула "
        "сообщил сообщила написал написала пояснил пояснила говорит"
    ),
}
ALL_CUE_FORMS: frozenset[str] = frozenset().union(*CUE_FORMS.values())
#: Subject pronouns that can stand next to a cue ("a-t-il ajouté", "sagte er").
PRONOUNS: frozenset[str] = words("il elle ils elles er sie lui lei egli ella on ona oni он она они")
#: Lower-case particles allowed inside a name ("Ursula von der Leyen", "Charles de Gaulle").
NAME_PARTICLES: frozenset[str] = words("de du des la le von der van den di da del")
#: How many tokens a speaker may stand from its cue.
WINDOW = 4


def _is_name(tok: Token) -> bool:
    return tok.text[:1].isupper() and tok.is_alpha and not tok.is_stop


def _name_run(tokens: list[Token]) -> list[Token]:
    """The first run of capitalised words (with particles inside) in ``tokens``."""
    run: list[Token] = []
    for tok in tokens:
        if _is_name(tok) or (run and tok.lower_ in NAME_PARTICLES):
            run.append(tok)
        elif run:
            break
    while run and run[-1].lower_ in NAME_PARTICLES:
        run.pop()
    return run


def speaker_near(cue: Token, sent: SpacySpan) -> list[Token] | None:
    """The speaker tokens next to a lexical cue: a name after it, a name before it, or a pronoun."""
    after = [t for t in sent if cue.i < t.i <= cue.i + WINDOW]
    before = [t for t in sent if cue.i - WINDOW <= t.i < cue.i]
    for tok in after[:2] + before[::-1][:3]:
        if tok.lower_.lstrip("-") in PRONOUNS:
            return [tok]
    run = _name_run(after)
    if run and run[0].i <= cue.i + 2:
        return run
    run = _name_run(before[::-1])
    if run:
        return sorted(run, key=lambda t: t.i)
    return None


def lexical_cues(sent: SpacySpan, language: str) -> list[tuple[Token, list[Token] | None]]:
    """``(cue token, speaker tokens or None)`` for each verb of saying in an unparsed sentence."""
    forms = CUE_FORMS.get(language, ALL_CUE_FORMS)
    return [(tok, speaker_near(tok, sent)) for tok in sent if tok.lower_ in forms]
