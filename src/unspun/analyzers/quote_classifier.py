"""A sparse linear classifier that decides whether a verb token is an attribution cue, from its parse.

The cue lexicon (:mod:`unspun.analyzers.quote_lexicon`) rates a verb by its lemma and frame alone; the
same verb is a cue or not depending on its context ("Democrats believe ..." versus "I believe ..." inside
a quote, "Trump called for ..." versus "the law calls for ..."). This model scores each verb token with
named features of its dependency parse (lemma, frame, the kind of subject, whether it stands inside quote
marks, its dependency label, tense, negation, ...) through a logistic regression learned on PolNeAR train:
the label is whether the token lies inside an annotated cue.

The artifact is plain JSON (``cue_classifier.json`` beside the lexicon): a bias and one weight per named
feature, no pickle. Inference is a sum of dictionary look-ups.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from spacy.tokens import Token

from unspun.analyzers.quote_cues import COGNITION_VERBS, SPEECH_VERBS
from unspun.errors import ModelError

ARTIFACT = Path(__file__).resolve().parents[1] / "models" / "artifacts" / "quotes" / "cue_classifier.json"
FORMAT = "unspun-cue-classifier/1"
#: Features seen fewer times than this in training get no weight.
MIN_FEATURE_COUNT = 3
#: Inverse regularisation strength of the logistic regression (chosen by 5-fold CV on PolNeAR train).
DEFAULT_C = 0.5
#: Probability from which a verb counts as a cue (chosen by 5-fold CV on PolNeAR train).
DEFAULT_THRESHOLD = 0.4
_FIRST = frozenset({"i", "we"})
_THIRD = frozenset({"he", "she", "they"})
_ENTITY_TYPES = frozenset({"PERSON", "ORG", "GPE", "NORP"})
#: Dependencies through which a verb's argument is what it reports (see :func:`reported_under`).
_REPORTED_DEPS = frozenset({"ccomp", "xcomp", "dobj", "pobj"})


def _subject_class(subject: Token | None, source_nouns: frozenset[str]) -> str:
    """A coarse kind of the subject: none, first/third-person pronoun, it, name, entity, source noun, noun."""
    if subject is None:
        return "none"
    low = subject.lower_
    if low in _FIRST:
        return "pron1"
    if low in _THIRD:
        return "pron3"
    if low in ("it", "this", "that"):
        return "it"
    if subject.tag_ in ("WP", "WDT"):
        return "wh"
    if subject.ent_type_ in _ENTITY_TYPES:
        return f"ent:{subject.ent_type_}"
    if subject.pos_ == "PROPN":
        return "propn"
    if subject.lemma_.lower() in source_nouns:
        return "srcnoun"
    if subject.pos_ == "PRON":
        return "pron"
    return "noun"


def cue_features(tok: Token, frame: str, subject: Token | None, in_quote: bool,
                 source_nouns: frozenset[str] = frozenset(), cue_nouns: frozenset[str] = frozenset()) -> list[str]:
    """The named features of a verb token that may be a cue."""
    lemma = tok.lemma_.lower()
    subj = _subject_class(subject, source_nouns)
    quote = "q" if in_quote else "nq"
    feats = [
        f"l={lemma}", f"k={lemma}|{frame}", f"f={frame}", f"s={subj}", f"ls={lemma}|{subj}",
        f"fs={frame}|{subj}", f"q={quote}", f"lq={lemma}|{quote}", f"sq={subj}|{quote}",
        f"kq={lemma}|{frame}|{quote}", f"d={tok.dep_}", f"ld={lemma}|{tok.dep_}", f"t={tok.tag_}",
        f"lt={lemma}|{tok.tag_}",
    ]
    for child in tok.children:
        dep = child.dep_
        if dep in ("neg", "aux", "auxpass", "prt", "mark", "advmod", "npadvmod", "dative", "agent"):
            feats.append(f"c={dep}:{child.lower_}" if dep in ("aux", "prt", "mark") else f"c={dep}")
        elif dep in ("ccomp", "xcomp", "dobj", "prep", "advcl", "conj", "parataxis", "punct"):
            feats.append(f"c={dep}" if dep != "punct" else f"c=punct:{child.text}")
        if dep == "dobj":  # light verbs: "took a swipe at", "made an argument", "raised concerns"
            feats.append(f"o={child.lemma_.lower()}")
            feats.append(f"lo={lemma}|{child.lemma_.lower()}")
            if child.lemma_.lower() in cue_nouns:  # an object noun that is often a cue itself ("allegations")
                feats.extend(("ocue", f"locue={lemma}"))
        if dep == "ccomp" and any(g.dep_ == "mark" and g.lower_ == "that" for g in child.children):
            feats.append("that")
    if tok.dep_ in ("xcomp", "ccomp", "advcl", "conj", "relcl", "acl", "pcomp"):
        feats.append(f"h={tok.head.lemma_.lower()}|{tok.dep_}")
    for child in tok.rights:
        if child.dep_ == "prep":  # "lined up behind X", "spoke favorably of X"
            feats.append(f"lp={lemma}|{child.lower_}")
            pobj = next((g for g in child.children if g.dep_ in ("pobj", "pcomp")), None)
            if pobj is not None:
                feats.append(f"po={pobj.lemma_.lower()}")
                if pobj.lemma_.lower() in cue_nouns:  # "came under criticism from", "joined calls for"
                    feats.append("pcue")
    doc = tok.doc
    feats.append(f"nx={lemma}|{doc[tok.i + 1].lower_ if tok.i + 1 < len(doc) else '</s>'}")
    feats.append(f"pv={doc[tok.i - 1].lower_ if tok.i > 0 else '<s>'}")
    size = sum(len(list(c.subtree)) for c in tok.children if c.dep_ in ("dobj", "xcomp", "ccomp"))
    feats.append(f"len={frame}|{0 if size == 0 else 1 if size < 3 else 2 if size < 8 else 3}")  # "do it"
    if subject is not None and subject.lemma_.lower() in cue_nouns:  # "the claim was", "their criticism grew"
        feats.append("scue")
    under = reported_under(tok)
    feats.extend((f"u={under}", f"uf={under}|{frame}"))
    if under != "top":
        feats.append(f"ul={lemma}|{under}")
    return feats


def reported_under(tok: Token) -> str:
    """Whether ``tok`` stands inside what a verb of saying or thinking reports: ``speech`` or ``cog`` when
    an ancestor with such a lemma reaches it through its clause, ``xcomp``, object or prepositional
    object ("officials said the bill, which critics *opposed*, ..."), else ``top``. PolNeAR seldom
    annotates such a nested verb as a cue of its own."""
    node, path = tok, set()
    for _ in range(8):
        if node.head is node:
            break
        path.add(node.dep_)
        node = node.head
        if node.pos_ == "VERB" and path & _REPORTED_DEPS:
            lemma = node.lemma_.lower()
            if lemma in SPEECH_VERBS:
                return "speech"
            if lemma in COGNITION_VERBS:
                return "cog"
    return "top"


def _sigmoid(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-x)) if x > -30 else 0.0



REBUILD_HINT = "rebuild it with `python -m unspun.analyzers.quote_lexicon --data ../shared/data`"


def read_quote_artifact(path: Path, kind: str, fmt: str) -> dict:
    """A quotes JSON artifact of format ``fmt``, or a ModelError that says what is wrong and how to rebuild."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ModelError(f"the quote {kind} is missing at {path}", hint=REBUILD_HINT) from None
    except json.JSONDecodeError as exc:
        raise ModelError(f"the quote {kind} at {path} is not valid JSON ({exc})", hint=REBUILD_HINT) from None
    if not isinstance(data, dict) or data.get("format") != fmt:
        found = data.get("format") if isinstance(data, dict) else None
        raise ModelError(f"{path} is not a {kind} (format {found!r})", hint=REBUILD_HINT)
    return data

@dataclass
class CueClassifier:
    """Logistic regression over named features: ``P(cue) = sigmoid(bias + sum of weights)``."""

    weights: dict[str, float]
    bias: float
    threshold: float = DEFAULT_THRESHOLD
    meta: dict[str, object] = field(default_factory=dict)

    def prob(self, features: Iterable[str]) -> float:
        w = self.weights
        return _sigmoid(self.bias + sum(w.get(f, 0.0) for f in features))

    @classmethod
    def fit(cls, rows: Sequence[list[str]], labels: Sequence[int], c: float = DEFAULT_C,
            threshold: float = DEFAULT_THRESHOLD) -> CueClassifier:
        """Learn the weights (scikit-learn's liblinear logistic regression, L2) from feature rows."""
        from sklearn.feature_extraction import DictVectorizer
        from sklearn.linear_model import LogisticRegression

        counts = Counter(f for row in rows for f in set(row))
        keep = [{f: 1 for f in row if counts[f] >= MIN_FEATURE_COUNT} for row in rows]
        vec = DictVectorizer()
        x = vec.fit_transform(keep).tocsr()
        x.indices = x.indices.astype("int32")  # liblinear takes 32-bit indices only
        x.indptr = x.indptr.astype("int32")
        model = LogisticRegression(C=c, solver="liblinear", max_iter=200, random_state=0)
        model.fit(x, list(labels))
        names = vec.get_feature_names_out()
        weights = {str(n): round(float(w), 4) for n, w in zip(names, model.coef_[0], strict=True)
                   if abs(w) >= 1e-3}
        return cls(weights, round(float(model.intercept_[0]), 4), threshold)

    def to_json(self) -> str:
        head = {"format": FORMAT, "bias": self.bias, "threshold": self.threshold, "meta": self.meta}
        lines = [json.dumps(head, sort_keys=True, ensure_ascii=False)[:-1] + ', "weights": {']
        items = sorted(self.weights.items())
        for i, (name, w) in enumerate(items):
            lines.append(f"{json.dumps(name, ensure_ascii=False)}: {w}{',' if i < len(items) - 1 else ''}")
        lines.append("}}")
        return "\n".join(lines) + "\n"

    @classmethod
    def load(cls, path: Path = ARTIFACT) -> CueClassifier:
        data = read_quote_artifact(path, "cue classifier", FORMAT)
        weights = {str(k): float(v) for k, v in data["weights"].items()}
        return cls(weights, float(data["bias"]), float(data["threshold"]), dict(data.get("meta", {})))
