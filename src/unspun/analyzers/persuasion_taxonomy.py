"""The 23 persuasion techniques of SemEval-2023 Task 3 (and CheckThat! 2024), grouped in six categories.

``id`` is the organisers' label string (``scorers/techniques_subtask3.txt``); ``name`` is what a reader sees.
Definitions and examples are our own wording, written for the report; the examples are invented sentences,
not quotations from any corpus. ``docs/techniques.md`` is generated from this module
(``python -m unspun.analyzers.persuasion_taxonomy > docs/techniques.md``) and a test keeps the two in step.
"""

from __future__ import annotations

CATEGORIES: tuple[str, ...] = (
    "attack on reputation",
    "justification",
    "simplification",
    "distraction",
    "call",
    "manipulative wording",
)

TECHNIQUES: list[dict] = [
    # --- attack on reputation
    {
        "id": "Name_Calling-Labeling",
        "name": "Name calling or labeling",
        "category": "attack on reputation",
        "definition": "Attaching a loaded label to a person, group or idea so that the audience judges it by the "
        "label instead of by what it does or says.",
        "example": "The so-called experts of the regime have once again told us what to think.",
    },
    {
        "id": "Guilt_by_Association",
        "name": "Guilt by association",
        "category": "attack on reputation",
        "definition": "Discrediting a target by linking it to a person, group or event the audience already "
        "despises, without showing that the link matters.",
        "example": "The mayor's housing plan was also praised by a notorious dictator.",
    },
    {
        "id": "Doubt",
        "name": "Casting doubt",
        "category": "attack on reputation",
        "definition": "Undermining the credibility of a person or institution by questioning their character, "
        "competence or motives rather than their arguments.",
        "example": "Can we really trust a minister who has never held a real job?",
    },
    {
        "id": "Appeal_to_Hypocrisy",
        "name": "Appeal to hypocrisy",
        "category": "attack on reputation",
        "definition": "Attacking a target as a hypocrite, pointing to its past words or deeds, instead of "
        "answering the argument it makes now (tu quoque).",
        "example": "The senator lectures us on saving energy, yet he flies to every meeting in a private jet.",
    },
    {
        "id": "Questioning_the_Reputation",
        "name": "Questioning the reputation",
        "category": "attack on reputation",
        "definition": "Making negative claims about a target's character or record, often unsupported, to damage "
        "its standing rather than to address the topic.",
        "example": "This newspaper has always been a mouthpiece for whoever pays it the most.",
    },
    # --- justification
    {
        "id": "Flag_Waving",
        "name": "Flag waving",
        "category": "justification",
        "definition": "Justifying an idea by appealing to the pride, identity or interests of a group (a nation, "
        "a party, a faith) rather than by evidence.",
        "example": "Every true patriot knows that this law is what our country needs.",
    },
    {
        "id": "Appeal_to_Authority",
        "name": "Appeal to authority",
        "category": "justification",
        "definition": "Presenting a claim as true because an authority or celebrity endorses it, whether or not "
        "that authority is competent on the question.",
        "example": "A famous actor says the vaccine is unnecessary, so it must be.",
    },
    {
        "id": "Appeal_to_Popularity",
        "name": "Appeal to popularity (bandwagon)",
        "category": "justification",
        "definition": "Arguing that a claim is true or an action right because many or most people believe or do "
        "it.",
        "example": "Millions of citizens have already signed up; it is time you joined them.",
    },
    {
        "id": "Appeal_to_Values",
        "name": "Appeal to values",
        "category": "justification",
        "definition": "Justifying a position by tying it to values the audience holds dear (freedom, tradition, "
        "fairness, faith) rather than by showing its merits.",
        "example": "Supporting this reform is simply a matter of defending our freedom.",
    },
    {
        "id": "Appeal_to_Fear-Prejudice",
        "name": "Appeal to fear or prejudice",
        "category": "justification",
        "definition": "Building support for an idea by stoking fear of an alternative or by playing on existing "
        "prejudice against a group.",
        "example": "If the border stays open, our streets will no longer be safe for our children.",
    },
    # --- simplification
    {
        "id": "Causal_Oversimplification",
        "name": "Causal oversimplification",
        "category": "simplification",
        "definition": "Reducing an issue with many causes to a single cause, often to pin the blame on one "
        "target.",
        "example": "Prices went up for one reason only: the central bank.",
    },
    {
        "id": "False_Dilemma-No_Choice",
        "name": "False dilemma or no choice",
        "category": "simplification",
        "definition": "Presenting two options as the only possible ones, or one option as the only choice, when "
        "more exist.",
        "example": "Either we cut every public service or the country goes bankrupt.",
    },
    {
        "id": "Consequential_Oversimplification",
        "name": "Consequential oversimplification (slippery slope)",
        "category": "simplification",
        "definition": "Claiming that a first step will set off a chain of events ending in a dramatic outcome, "
        "without showing why each step must follow.",
        "example": "Allow this small tax today and tomorrow the state will own your house.",
    },
    # --- distraction
    {
        "id": "Straw_Man",
        "name": "Straw man",
        "category": "distraction",
        "definition": "Replacing an opponent's position with a distorted, weaker version and then refuting that "
        "version instead.",
        "example": "My opponent wants fewer police, so he obviously wants criminals to run our cities.",
    },
    {
        "id": "Red_Herring",
        "name": "Red herring",
        "category": "distraction",
        "definition": "Introducing an irrelevant topic to draw attention away from the issue under discussion.",
        "example": "Asked about the hospital budget, the minister spoke at length about the football team's win.",
    },
    {
        "id": "Whataboutism",
        "name": "Whataboutism",
        "category": "distraction",
        "definition": "Deflecting criticism by pointing to a similar or worse wrong committed by the critic or "
        "someone else, without answering the criticism.",
        "example": "They condemn our elections, but what about the scandals in their own parliament?",
    },
    # --- call
    {
        "id": "Slogans",
        "name": "Slogans",
        "category": "call",
        "definition": "A short, striking phrase that packs in a judgement or a call to act, meant to be repeated "
        "rather than examined.",
        "example": "Our land, our rules!",
    },
    {
        "id": "Conversation_Killer",
        "name": "Conversation killer (thought-terminating cliché)",
        "category": "call",
        "definition": "A phrase that discourages further thought or debate by declaring the question closed.",
        "example": "It is what it is, and there is nothing more to say about it.",
    },
    {
        "id": "Appeal_to_Time",
        "name": "Appeal to time",
        "category": "call",
        "definition": "Urging action by insisting that the moment has come or that time is running out, so that "
        "there is no room to deliberate.",
        "example": "The hour has come: act now, before it is too late.",
    },
    # --- manipulative wording
    {
        "id": "Loaded_Language",
        "name": "Loaded language",
        "category": "manipulative wording",
        "definition": "Words or phrases with strong emotional connotations, chosen to sway the audience rather "
        "than to describe.",
        "example": "The regime's brutal crackdown crushed the peaceful protest.",
    },
    {
        "id": "Obfuscation-Vagueness-Confusion",
        "name": "Obfuscation, vagueness or confusion",
        "category": "manipulative wording",
        "definition": "Wording that is deliberately unclear, so that the audience can read into it what it "
        "wants and the speaker cannot be pinned down.",
        "example": "Certain measures will be taken in due course to address certain concerns.",
    },
    {
        "id": "Exaggeration-Minimisation",
        "name": "Exaggeration or minimisation",
        "category": "manipulative wording",
        "definition": "Making something seem much bigger, better or worse than it is, or playing down something "
        "serious.",
        "example": "This is the greatest betrayal in the history of mankind.",
    },
    {
        "id": "Repetition",
        "name": "Repetition",
        "category": "manipulative wording",
        "definition": "Repeating the same word, phrase or idea again and again so that the audience comes to "
        "accept it.",
        "example": "They lied about the war. They lied about the money. They lie every single day.",
    },
]

BY_ID: dict[str, dict] = {t["id"]: t for t in TECHNIQUES}


def category_of(technique_id: str) -> str:
    """The coarse category of a technique id (``KeyError`` when the id is unknown)."""
    return BY_ID[technique_id]["category"]


def markdown() -> str:
    """``docs/techniques.md``: every technique with its category, definition and example."""
    lines = [
        "# Persuasion techniques",
        "",
        "<!-- Generated by `python -m unspun.analyzers.persuasion_taxonomy > docs/techniques.md`; do not edit. -->",
        "",
        "unspun labels paragraphs with the 23 techniques of SemEval-2023 Task 3, grouped into six categories.",
        "A technique is a way of persuading, not a falsehood: a label says how a passage tries to move its reader,",
        "never whether it is true. Definitions and examples are ours; the examples are invented sentences.",
        "",
        "## How to read the results",
        "",
        "- The `techniques` layer has one span per body paragraph. `scores` holds a calibrated probability for",
        "  every technique; `techniques` lists only those at or above their threshold, each with its `score` and",
        "  `threshold`. Thresholds were tuned per technique (and per language where the training data allowed)",
        "  on a calibration split; below threshold nothing is asserted. Outside English each threshold is then",
        "  pulled toward its language's shared threshold, the one threshold with the best micro-F1 over all",
        "  techniques there (in log-odds, weight 0.65 on its own, `THRESHOLD_SHRINK`): alone, the thresholds of",
        "  rare techniques sit low, because their best F1 is low, and the false positives they admit cost",
        "  micro-F1. English keeps its own, since pulling them cost its span F1 (fewer asserted techniques, fewer",
        "  highlighted spans). `meta.json` gives the weights (`threshold_shrink`).",
        "- The `technique_spans` layer highlights the words that carry each asserted technique. Its `score` is the",
        "  paragraph-level probability of the technique; `localisation` is the span tagger's mean token",
        "  probability (not calibrated). Every span lies in a paragraph that asserts its technique. Each asserted",
        "  technique gives its number of `evidence_spans`; when no word was likely enough it has none, and",
        "  `evidence_note` says that the label rests on the paragraph as a whole.",
        "- Supported languages: en, fr, de, it, pl, ru. Any other language gets `status: unsupported_language` and",
        "  no scores. The model card (`src/unspun/models/artifacts/persuasion/MODEL_CARD.md`) gives the",
        "  validation scores per language; most techniques are rare and hard, so treat a single label as a lead",
        "  to check, not a finding. `unspun evaluate persuasion --data ../shared/data` recomputes them (add",
        "  `--model DIR` for another artifact); `unspun train persuasion --data ../shared/data --seed 0 --out DIR`",
        "  rebuilds the model.",
        "- In English, French, German and Italian the probabilities come from a stacked calibration: per",
        "  technique, a small regression combines the paragraph score with the span tagger's evidence and the",
        "  language, so that a paragraph holding a confident technique word is less often left below threshold.",
        "  The evidence is the mean probability of the tagger's three most confident words for the technique",
        "  (variant `span`) and, in variant `span+detector`, also the highest probability given by its detector",
        "  head, a second token classifier trained on every word of every paragraph rather than only inside",
        "  paragraphs that use the technique. Per language, training picks the variant with the best",
        "  out-of-fold micro-F1 on the calibration split among those that beat Platt scaling there and whose",
        "  ECE over pairs scored >= 0.1 is no worse than Platt's or within the 0.05 target; a language with",
        "  none keeps Platt scaling (in the shipped model en, fr, de and it use `span+detector`; pl and ru keep",
        "  Platt scaling). `unspun train persuasion --no-stack` trains without it.",
        "  `meta.json` gives the choice (`stack_choice`) and the figures that decided it (`stack_selection`).",
        "- Tried on 2026-12-01 and not shipped (validation micro-F1 en/fr/de/it, with every stack refitted on",
        "  the calibration split of the same base model; an ad hoc script, not kept): the detector's top-3 mean",
        "  as a further column (0.395/0.316/0.373/0.457), the detector alone (0.391/0.344/0.363/0.461), the",
        "  paragraph's log length (0.384/0.338/0.355/0.460), per-language slopes on the paragraph score",
        "  (0.391/0.320/0.361/0.466) or on the detector (0.399/0.334/0.335/0.464). Against `span+detector`",
        "  (0.394/0.316/0.384/0.464 in that run) each lost more than 0.01 in German, and none reached Italian's",
        "  0.49 target.",
        "- Thresholds, measured on 2026-12-06 on the same base model (thresholds refitted on the calibration",
        "  split by an ad hoc script, not kept). Scored there with thresholds tuned on 4 of the 5 stack folds and",
        "  applied to the fifth (pooled micro/macro-F1), and on the validation split (Italian micro-F1, pooled",
        "  macro-F1); per-technique thresholds gave 0.357/0.226 and 0.466/0.224. Shipped: the log-odds shrink",
        "  toward the language's shared threshold with weight 0.65 (0.382/0.217; 0.492/0.222; outside English,",
        "  validation micro-F1 fr 0.324 -> 0.352, de 0.382 -> 0.403, it 0.464 -> 0.491, pl 0.257 -> 0.275, ru",
        "  0.397 -> 0.396). Not shipped: one offset per language added to every threshold (0.363/0.221;",
        "  0.466/0.224); per-language thresholds from 10 or 5 positives instead of 20 (0.357/0.225, 0.356/0.224;",
        "  0.467/0.217, 0.459/0.215); coordinate ascent of each language's thresholds on its micro-F1",
        "  (0.375/0.195; 0.494/0.188); asserting a paragraph's best technique when none reaches its threshold",
        "  (0.358/0.225; 0.466/0.222); the same shrink on probabilities instead of log-odds at 0.7",
        "  (0.382/0.217; 0.489/0.218); a shrink weighted by the technique's positives, n / (n + 20)",
        "  (0.382/0.205; 0.492/0.205); the shared threshold alone (0.393/0.194; 0.498/0.185). Coordinate ascent",
        "  and the last two fall below the gate's pooled macro-F1 (0.211) on validation. Shrinking English as",
        "  well raised its micro-F1 0.394 -> 0.410 but lowered its SI span F1 0.436 -> 0.415, under the gate's",
        "  0.426.",
        "",
    ]
    for cat in CATEGORIES:
        lines += [f"## {cat.capitalize()}", ""]
        for t in (t for t in TECHNIQUES if t["category"] == cat):
            lines += [
                f"### {t['name']}",
                "",
                f"Label: `{t['id']}`",
                "",
                t["definition"],
                "",
                f"> {t['example']}",
                "",
            ]
    return "\n".join(lines).rstrip() + "\n"


if __name__ == "__main__":
    print(markdown(), end="")
