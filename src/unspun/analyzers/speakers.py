"""Resolve a quote's speaker mention to a person or actor, following pronouns back to the last speaker.

Order: (1) an ``actors`` span over the mention (the actors analyzer resolves names, surnames, metonyms and
some pronouns); (2) for "he"/"she"/"they", the last named speaker in the preceding paragraphs (of a cue of saying
or thinking, not of a verb's object), else the last
person named before it; (3) "I"/"we" inside a direct quote is that quote's speaker, and outside quotes it
is the author's own voice, which is not a quote; (4) an ``entities`` span over the mention. A speaker who is
the article's own author (by-line) is refused: news quotes are other people's words.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from unspun.analyzers.quote_cues import FIRST_PERSON_PRONOUNS, THIRD_PERSON_PRONOUNS
from unspun.analyzers.quote_finder import Found
from unspun.document import Document, Span

#: How far back (characters) a pronoun may look for its antecedent.
PRONOUN_WINDOW = 1500
#: Actor labels in order of preference when several actor spans cover a speaker mention.
ACTOR_PREFERENCE = ("person", "government", "igo", "party", "state", "other")
ENTITY_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP"})
#: Rules whose speaker is only the subject of a verb's object ("the US opposes the deployment", "the bill,
#: opposed by X"): not someone quoted, so a later "he"/"she" does not refer back to them.
NOT_ANTECEDENT_RULES = frozenset({"indirect_object", "indirect_passive"})
AUTHOR_VOICE = object()


@dataclass(frozen=True)
class Speaker:
    """Who said it: the mention in the text and, when known, what it resolves to; ``mention`` is None
    for a quote whose cue names no source."""

    mention: tuple[int, int] | None
    text: str
    id: str | None = None
    name: str | None = None
    type: str | None = None
    affiliation: str | None = None
    antecedent: tuple[int, int] | None = None

    def attrs(self, doc: Document) -> dict[str, object]:
        out: dict[str, object] = {
            "speaker": (
                {"start": self.mention[0], "end": self.mention[1], "text": self.text} if self.mention else None
            ),
            "speaker_id": self.id,
            "speaker_name": self.name,
        }
        if self.type:
            out["speaker_type"] = self.type
        if self.affiliation:
            out["speaker_affiliation"] = self.affiliation
        if self.antecedent:
            s, e = self.antecedent
            out["speaker_antecedent"] = {"start": s, "end": e, "text": doc.text[s:e]}
        return out


#: The speaker of a quote whose cue names no source ("X is expected to ...", a passive without its agent).
NO_SPEAKER = Speaker(None, "")


def _norm(text: str) -> str:
    return " ".join(text.replace("\u2019", "'").lower().split())


def trim_mention(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop edge punctuation and markup (``**``, quotes, commas) from a mention."""
    while start < end and not (text[start].isalnum()):
        start += 1
    while end > start and not (text[end - 1].isalnum() or text[end - 1] in ".)"):
        end -= 1
    return start, end


class SpeakerResolver:
    """Resolves speaker mentions of one Document against its ``actors`` and ``entities`` layers."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.actors = list(doc.layer("actors"))
        self.entities = [e for e in doc.layer("entities") if e.label in ENTITY_LABELS]
        authors = doc.metadata.get("authors") or []
        self.authors = [_norm(a) for a in authors if isinstance(a, str) and a.strip()]

    # --- lookups ----------------------------------------------------------------------------
    def actor_at(self, rng: tuple[int, int]) -> Span | None:
        probe = Span(rng[0], rng[1], "probe")
        hits = [a for a in self.actors if a.overlaps(probe)]
        if not hits:
            return None
        rank = {label: i for i, label in enumerate(ACTOR_PREFERENCE)}
        return min(hits, key=lambda a: (rank.get(a.label, len(rank)), -len(a)))

    def entity_at(self, rng: tuple[int, int]) -> Span | None:
        probe = Span(rng[0], rng[1], "probe")
        hits = [e for e in self.entities if e.overlaps(probe)]
        return min(hits, key=lambda e: (e.label != "PERSON", -len(e))) if hits else None

    def is_author(self, text: str, actor: Span | None) -> bool:
        names = {_norm(text)}
        if actor is not None and isinstance(actor.attrs.get("name"), str):
            names.add(_norm(actor.attrs["name"]))
        for author in self.authors:
            surname = author.split()[-1]
            if author in names or (len(surname) > 2 and surname in names):
                return True
        return False

    def _named(self, rng: tuple[int, int], antecedent: tuple[int, int] | None = None) -> Speaker:
        text = self.doc.text[rng[0] : rng[1]]
        target = antecedent or rng
        actor = self.actor_at(target)
        if actor is not None:
            return Speaker(
                rng, text, actor.attrs.get("id"), actor.attrs.get("name") or self.doc.span_text(actor),
                actor.label, actor.attrs.get("affiliation"), antecedent,
            )
        entity = self.entity_at(target)
        name = self.doc.span_text(entity) if entity is not None else self.doc.text[target[0] : target[1]]
        return Speaker(rng, text, None, name, None, None, antecedent)

    def _last_person_before(self, pos: int) -> tuple[int, int] | None:
        people = [a for a in self.actors if a.label == "person" and a.end <= pos]
        people += [e for e in self.entities if e.label == "PERSON" and e.end <= pos]
        people = [p for p in people if pos - p.end <= PRONOUN_WINDOW]
        if not people:
            return None
        best = max(people, key=lambda p: p.end)
        return best.start, best.end

    # --- the pass over a Document's quotes ----------------------------------------------------
    def resolve(self, found: Sequence[Found]) -> list[Speaker | None]:
        """One speaker per quote (None: no speaker, or the author's own voice: drop it)."""
        out: list[Speaker | None] = []
        by_range: dict[tuple[int, int], Speaker | None] = {}
        last_named: Speaker | None = None
        for f in found:
            speaker = self._resolve_one(f, found, out, by_range, last_named)
            if speaker is not None and self.is_author(speaker.text, None):
                speaker = None
            if speaker is not None and speaker.name and self.is_author(speaker.name, None):
                speaker = None
            out.append(speaker)
            by_range[(f.start, f.end)] = speaker
            if (
                speaker is not None
                and speaker.mention is not None
                and f.rule not in NOT_ANTECEDENT_RULES
                and speaker.antecedent is None
                and f.nested_in is None
                and _norm(speaker.text) not in THIRD_PERSON_PRONOUNS | FIRST_PERSON_PRONOUNS
            ):
                last_named = speaker
        return out

    def _resolve_one(
        self,
        f: Found,
        found: Sequence[Found],
        done: list[Speaker | None],
        by_range: dict[tuple[int, int], Speaker | None],
        last_named: Speaker | None,
    ) -> Speaker | None:
        if f.antecedent is not None and f.antecedent in by_range:  # a quote that runs on
            return by_range[f.antecedent]
        if f.speaker is None:
            return NO_SPEAKER if f.agentless else None  # "is expected to": no source
        rng = trim_mention(self.doc.text, *f.speaker)
        if rng[1] <= rng[0]:
            return None
        word = _norm(self.doc.text[rng[0] : rng[1]])
        if f.referent is not None:  # "officials who said": the mention stays "who", named by its noun
            return self._named(rng, trim_mention(self.doc.text, *f.referent))
        if word in FIRST_PERSON_PRONOUNS:
            if f.nested_in is not None and f.nested_in < len(done):
                host = done[f.nested_in]
                if host is not None:
                    return Speaker(rng, self.doc.text[rng[0] : rng[1]], host.id, host.name, host.type,
                                   host.affiliation, host.antecedent or host.mention)
            return None  # the author's own voice
        if word in THIRD_PERSON_PRONOUNS:
            actor = self.actor_at(rng)
            if actor is not None and actor.attrs.get("id"):
                return self._named(rng)
            if word == "it":  # an organisation, not the last person: left unresolved unless actors did
                return Speaker(rng, self.doc.text[rng[0] : rng[1]])
            if last_named is not None and rng[0] - last_named.mention[1] <= PRONOUN_WINDOW:
                return Speaker(rng, self.doc.text[rng[0] : rng[1]], last_named.id, last_named.name,
                               last_named.type, last_named.affiliation, last_named.mention)
            antecedent = self._last_person_before(rng[0])
            if antecedent is None:
                return Speaker(rng, self.doc.text[rng[0] : rng[1]])
            if self.is_author(self.doc.text[antecedent[0] : antecedent[1]], None):
                return None  # "he" after the by-line name: the author, not a source
            return self._named(rng, antecedent)
        return self._named(rng)
