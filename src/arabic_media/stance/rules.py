"""The stance rules: each sentence labelled FAVOR, AGAINST or NONE toward a target.

A sentence is labelled in four steps, each visible in the output:

1. **Mentions.** Target aliases are matched on normalised tokens, longest first and
   without overlap (`arabic_media.actors.find_mentions`). No mention: the label is
   NONE, whatever the cues say.
2. **Cues.** Cue phrases are matched the same way; a cue word may also carry a pronoun
   suffix or the accusative alef, and a cue's first word may be an inflected verb
   (`arabic_media.matching.verb_matches`).
3. **Negation.** A negator up to ``scope_tokens`` words before a cue, in the same
   clause, flips the cue's polarity (``رفضت التعاون``). A negator in front of another
   negator negates it (``لا تمانع التعاون``): two negations leave the cue as it is.
4. **Contrast.** After ``إلا أن`` (``later_clause_dominates``) only the cues after the
   marker count, if there are any; after a concessive marker (``marked_clause_conceded``,
   ``رغم``) the conceded clause's cues are discounted.

Five mechanisms, written from the guidelines' section on the extremism reports
(``STANCE_GUIDELINES.md`` 10) and each switchable (`MECHANISMS`; data in
`arabic_media.stance.actions`), act on steps 2 to 4:

- ``actions``: the target's actions in every verb form (remove, ban, demote, detect,
  warn, consult, repair: FAVOR; spread, enable, keep up, admit: AGAINST; another actor
  fines, punishes, sues, scrutinises it: AGAINST), each counted only when the words
  its row asks for follow it in the clause (``أغلق`` needs accounts or content, ``نشر``
  is FAVOR with rules as object and AGAINST with a harm).
- ``problem_objects``: a word for the harm (``تضليل``) that is the object of a
  favourable act before it in the clause does not count against the target (10.3).
- ``agents``: an act whose subject is another actor (a government, a regulator, a
  newspaper, an expert, an actor of the gazetteer outside the target) is that actor's,
  and a countering act after a duty or demand (``يجب على``, ``طالبت``) is demanded, not
  done; with a comparative (``مزيد``, ``أسرع``) the demand presupposes a shortfall and
  counts against (10.5, 10.6).
- ``failure``: failure verbs (``فشل``, ``أخفق``, ``عجز``, ``لم يتمكن``) negate the act
  failed at, as negators do (10.8).
- ``contrast_uncued``: after ``لكن`` or ``إلا أن`` a later clause without a cue does not
  decide; the earlier clause's cues count (10.9). Off, the later clause decides alone.

The score is the sum of signed weights (FAVOR +, AGAINST -) of the counted cues; its
sign is the label, and zero is NONE. `label_sentences` returns a `Labelling`: one row
per sentence (``labels``) and every match as a record with its role and offsets
(``matches``). The ``mentions``, ``cues`` and ``deciding_cue`` columns of ``labels``
are for reading at a glance; nothing parses them back: tables and figures read
``matches``.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass

import pandas as pd

from arabic_media.actors import Target, find_mentions, load_target
from arabic_media.annotations import STANCE_LABELS
from arabic_media.lexicons import Lexicon, load_lexicon
from arabic_media.matching import (
    CLAUSE_BREAKS,
    Match,
    SentenceWords,
    clause_break_between,
    find,
    sentence_words,
)
from arabic_media.stance.mechanisms import (
    MECHANISMS,
    apply_agents,
    apply_problem_objects,
    cue_entries,
    negator_entries,
    with_objects,
)
from arabic_media.stance.referring import Reference, other_actors, sentence_references

__all__ = [
    "MECHANISMS",
    "LABELS",
    "OUTPUT_COLUMNS",
    "MATCH_COLUMNS",
    "Labelling",
    "find_cues",
    "label_sentences",
    "label_sentence_words",
    "label_text",
    "label_words",
]

#: The three stance labels, in the order used for tables (`arabic_media.annotations`).
LABELS = STANCE_LABELS

#: Columns of `Labelling.labels`.
OUTPUT_COLUMNS = [
    "article_id", "sentence", "label", "score", "n_mentions", "mentions", "cues",
    "deciding_cue", "explanation",
]
#: Columns of `Labelling.matches`: one row per match. ``role`` is ``mention``, ``cue``,
#: ``negator`` or ``marker``; ``key`` the entry as written in its lexicon file;
#: ``start, end`` character offsets into the article; ``first_word, last_word`` word
#: positions in the sentence. Mentions fill ``actor_id``; cues fill ``polarity`` (in
#: the lexicon), ``effective`` (after negation), ``weight``, ``negated_by``,
#: ``double_negation`` (the negators' surfaces, or ""), ``discounted`` and ``deciding``;
#: markers fill ``effect``. ``action`` is the class of a cue that is one of the target's
#: actions (`arabic_media.stance.actions`), "" for a cue of ``stance_cues.csv``; ``note``
#: says which mechanism changed the cue, if one did.
MATCH_COLUMNS = [
    "article_id", "sentence", "role", "key", "surface", "start", "end", "first_word", "last_word",
    "actor_id", "polarity", "effective", "weight", "negated_by", "double_negation", "discounted",
    "deciding", "effect", "action", "note",
]


@dataclass
class Labelling:
    """What the labeller found: a row per sentence, and a row per match.

    Attributes
    ----------
    labels : DataFrame
        One row per sentence (`OUTPUT_COLUMNS`): its label and score, and its mentions,
        cues, deciding cue and explanation written out for reading.
    matches : DataFrame
        One row per mention, cue, negator and contrast marker (`MATCH_COLUMNS`), with
        its role and character offsets into the article: what tables and figures read.
    """

    labels: pd.DataFrame
    matches: pd.DataFrame


def find_cues(sentence: SentenceWords, lexicon: Lexicon, verbs: bool = True, actions: bool = True) -> list[Match]:
    """The stance cues of one sentence, as matched, before negation and contrast.

    Parameters
    ----------
    sentence : SentenceWords
        The sentence.
    lexicon : Lexicon
        The stance lexicon (`arabic_media.lexicons.load_lexicon`).
    verbs : bool
        Also match a cue's first word as an inflected verb
        (`arabic_media.matching.verb_matches`).
    actions : bool
        Match the target's actions too, when the lexicon holds them
        (`arabic_media.stance.actions`); their object is not checked here.

    Returns
    -------
    list of Match
        In text order; ``info`` is ``(polarity, weight, action, object_rule,
        participle)``: ``action`` is an action's class (its ``polarity`` is
        ``by_object`` when its object decides it), ``""`` for a cue of
        ``stance_cues.csv``, which has no object rule and is no participle.
    """
    return find(sentence, cue_entries(lexicon, actions), "cue", verbs)


# --- the steps of one sentence ------------------------------------------------------


def _negator_of(sent: SentenceWords, negators: list[Match], position: int,
                lasts: list[int] | None = None) -> Match | None:
    """The negator whose scope reaches word ``position``: before it, at most its
    ``scope_tokens`` words away, in the same clause; the nearest one if several.
    ``lasts``: the negators' ``last`` positions, when the caller has them."""
    # negators are sorted by position and do not overlap: walk back from the last one
    # before ``position`` while one could still reach it; the first that does is the
    # nearest (the last that reaches, in text order)
    if not negators:
        return None
    reach = max(neg.info[0] for neg in negators)
    lasts = lasts if lasts is not None else [neg.last for neg in negators]
    for at in range(bisect_left(lasts, position) - 1, -1, -1):
        neg = negators[at]
        if position - neg.last > reach:
            break
        if position - neg.last <= neg.info[0] and not clause_break_between(sent, neg.last, position):
            return neg
    return None


def _negation_chain(sent: SentenceWords, negators: list[Match], position: int,
                    lasts: list[int] | None = None) -> list[Match]:
    """The negators acting on word ``position``, nearest first: the one whose scope
    reaches it, then the one whose scope reaches that negator, and so on.

    ``لا تمانع التعاون`` (does not object to cooperating) is ``لا`` over ``تمانع`` over
    ``تعاون``: two negations, and the cue keeps its polarity. A word between a negator
    and a cue stops the negator only when it is itself a negator; any other word is
    read as part of the negated predicate (``لم يثبت تورط``)."""
    chain: list[Match] = []
    lasts = lasts if lasts is not None else [neg.last for neg in negators]
    neg = _negator_of(sent, negators, position, lasts)
    while neg is not None and neg not in chain:
        chain.append(neg)
        neg = _negator_of(sent, negators, neg.first, lasts)
    return chain


def _chain_match(sent: SentenceWords, chain: list[Match]) -> Match:
    """A negation chain as one match: its single negator, or the words from the
    outermost negator to the innermost (``لا تمانع``)."""
    if len(chain) == 1:
        return chain[0]
    outer, inner = chain[-1], chain[0]
    return Match(
        " ".join(n.key for n in reversed(chain)), sent.surface(outer.first, inner.last),
        outer.first, inner.last, outer.start, inner.end, inner.info,
    )


def _find_all(sent: SentenceWords, target: Target, lexicon: Lexicon, negation: bool, contrast: bool,
              verbs: bool, reference: Reference | None,
              mechanisms: frozenset) -> tuple[list[Match], list[Match], list[Match], list[Match], list[Match]]:
    """Step 1-2: mentions (``reference``'s when given, else every alias match), cues (the
    actions among them checked for their object), contrast markers, negators (a negator
    inside a cue or a marker, as ``عدم`` in a cue phrase, is not a negator; failure verbs
    with the ``failure`` mechanism) and the object words."""
    mentions = list(reference.mentions) if reference is not None else find_mentions(sent, target)
    actions = lexicon.actions is not None
    cues = find_cues(sent, lexicon, verbs, actions="actions" in mechanisms)
    objects = find(sent, lexicon.actions.objects, "cue", verbs=False) if actions else []
    if "actions" in mechanisms and actions:
        cues = with_objects(sent, cues, objects)
    markers = find(sent, lexicon.markers, "marker") if contrast else []
    taken = {i for m in cues + markers for i in range(m.first, m.last + 1)}
    negators = [
        m for m in find(sent, negator_entries(lexicon, "failure" in mechanisms), "negator")
        if not (set(range(m.first, m.last + 1)) & taken)
    ] if negation else []
    return mentions, cues, markers, negators, objects


def _cue_records(sent: SentenceWords, cues: list[Match], negators: list[Match]) -> list[dict]:
    """Step 3: each cue with its polarity after negation."""
    records = []
    lasts = [neg.last for neg in negators]
    for cue in cues:
        polarity, weight, action = cue.info[:3] if len(cue.info) > 2 else (*cue.info, "")
        chain = _negation_chain(sent, negators, cue.first, lasts)
        flipped = len(chain) % 2 == 1
        effective = ("FAVOR" if polarity == "AGAINST" else "AGAINST") if flipped else polarity
        records.append(
            {"match": cue, "polarity": polarity, "effective": effective, "weight": weight,
             "negator": _chain_match(sent, chain) if flipped else None,
             "double_negation": _chain_match(sent, chain) if chain and not flipped else None,
             "discounted": False, "action": action, "note": ""}
        )
    return records


def _concede(sent: SentenceWords, marker: Match, records: list[dict]) -> str:
    """A concessive marker: the cues in its clause (to the next clause break) are
    discounted when cues outside it remain. Returns the note, or ""."""
    stop = marker.last
    while stop + 1 < len(sent.words) and not (set(sent.gaps[stop + 1]) & CLAUSE_BREAKS):
        stop += 1
    inside = [r for r in records if marker.last < r["match"].first <= stop]
    within = {id(r) for r in inside}
    outside = [r for r in records if id(r) not in within]
    if not (inside and outside):
        return ""
    for r in inside:
        r["discounted"] = True
    return f"'{marker.surface}' concedes its clause"


def _apply_contrast(sent: SentenceWords, markers: list[Match], records: list[dict], uncued: bool = True) -> str:
    """Step 4: mark the cues that contrast discounts; return a note for the explanation.
    ``uncued`` (the ``contrast_uncued`` mechanism): a later clause without a cue leaves
    the earlier clause's cues counted; without it the later clause decides alone."""
    note = ""
    for marker in markers:
        if marker.info[0] == "marked_clause_conceded":
            note = _concede(sent, marker, records) or note
    dominating = [m for m in markers if m.info[0] == "later_clause_dominates"]
    if dominating:
        marker = dominating[-1]
        # a cue that begins with the marker (لكنها قالت) belongs to the later clause
        after = [r for r in records if r["match"].first > marker.last or r["match"].first == marker.first]
        before = [r for r in records if r["match"].first < marker.first]
        if after and before:
            for r in before:
                r["discounted"] = True
            note = f"after '{marker.surface}' the later clause dominates"
        elif before and not uncued:
            for r in before:
                r["discounted"] = True
            note = f"after '{marker.surface}' the later clause decides, though it has no cue"
        elif after or before:
            note = f"'{marker.surface}' found; cues on one side only, all counted"
    return note


def is_question(sent: SentenceWords) -> bool:
    """Whether a sentence is a question.

    It ends in a question mark (``؟`` or ``?``, before any closing quote or bracket). A
    question is a subheading or a question to the reader, NONE (guidelines 9.7).

    Parameters
    ----------
    sent : SentenceWords
        The sentence.

    Returns
    -------
    bool
    """
    return sent.text.rstrip().rstrip("\"'»”’)").endswith(("؟", "?"))


def _decide(mentions: list[Match], records: list[dict], topic: bool = False,
            question: bool = False) -> tuple[str, float, str, dict | None]:
    """The label from the counted cues: ``(label, score, reason, deciding record)``.
    ``topic``: the target is referred to as the article's topic (`stance.referring`);
    ``question``: the sentence is a question, NONE whatever its cues."""
    counted = [r for r in records if not r["discounted"]]
    score = round(sum(r["weight"] * (1 if r["effective"] == "FAVOR" else -1) for r in counted), 6)
    if not mentions and not topic:
        return "NONE", score, "no mention of the target", None
    if question:
        return "NONE", score, "a question (guidelines 9.7)", None
    if score == 0:
        return "NONE", score, ("no counted cue" if not counted else "cues cancel out (score 0)"), None
    label = "FAVOR" if score > 0 else "AGAINST"
    winners = [r for r in counted if r["effective"] == label]
    deciding = max(winners, key=lambda r: (r["weight"], -r["match"].first))
    return label, score, f"score {score:+g}", deciding


def _describe_cue(record: dict) -> str:
    """One cue for reading: ``surface@start-end=cue/POLARITY/weight`` plus ``/negated by
    X (was P)``, ``/double negation by X`` and ``/discounted`` when they apply."""
    m = record["match"]
    text = f"{m.surface}@{m.start}-{m.end}={m.key}/{record['effective']}/{record['weight']:g}"
    if record.get("action"):
        text += f"/action {record['action']}"
    if record["negator"] is not None:
        text += f"/negated by {record['negator'].surface} (was {record['polarity']})"
    if record["double_negation"] is not None:
        text += f"/double negation by {record['double_negation'].surface}"
    if record["discounted"]:
        text += "/discounted"
    if record.get("note"):
        text += f" ({record['note']})"
    return text


def _label_row(sent: SentenceWords, target: Target, mentions: list[Match], records: list[dict],
               note: str, decision: tuple, topic: bool = False) -> dict:
    """The sentence's row of `Labelling.labels`."""
    label, score, reason, deciding = decision
    unnamed = "not named; the article's topic (named in its first sentence)" if topic else "not mentioned"
    parts = [
        f"target '{target.name}': "
        + (", ".join(f"{m.surface} [{m.info[0]}]" for m in mentions) if mentions else unnamed),
        "cues: " + ("; ".join(_describe_cue(r) for r in records) if records else "none"),
    ]
    if note:
        parts.append("contrast: " + note)
    parts.append(f"{reason} -> {label}")
    return {
        "article_id": sent.article_id, "sentence": sent.sentence, "label": label, "score": score,
        "n_mentions": len(mentions),
        "mentions": "|".join(f"{m.surface}@{m.start}-{m.end}[{m.info[0]}]" for m in mentions),
        "cues": "|".join(_describe_cue(r) for r in records),
        "deciding_cue": _describe_cue(deciding) if deciding is not None else "",
        "explanation": "; ".join(parts),
    }


#: The cells of a match row that only some roles fill: empty, not missing.
_NOT_A_CUE = {"actor_id": "", "polarity": "", "effective": "", "weight": float("nan"), "negated_by": "",
              "double_negation": "", "discounted": False, "deciding": False, "effect": "", "action": "", "note": ""}


def _match_rows(sent: SentenceWords, mentions, records, markers, negators, deciding) -> list[dict]:
    """The sentence's rows of `Labelling.matches`."""

    def base(role: str, m: Match) -> dict:
        return {**_NOT_A_CUE, "article_id": sent.article_id, "sentence": sent.sentence, "role": role,
                "key": m.key, "surface": m.surface, "start": m.start, "end": m.end, "first_word": m.first,
                "last_word": m.last}

    rows = [{**base("mention", m), "actor_id": m.info[0]} for m in mentions]
    for r in records:
        rows.append({
            **base("cue", r["match"]), "polarity": r["polarity"], "effective": r["effective"],
            "weight": r["weight"], "discounted": r["discounted"], "deciding": r is deciding,
            "negated_by": r["negator"].surface if r["negator"] is not None else "",
            "double_negation": r["double_negation"].surface if r["double_negation"] is not None else "",
            "action": r["action"], "note": r["note"],
        })
    rows += [base("negator", m) for m in negators]
    rows += [{**base("marker", m), "effect": m.info[0]} for m in markers]
    return rows


def label_words(sent: SentenceWords, target: Target, lexicon: Lexicon, *, negation: bool = True,
                contrast: bool = True, verbs: bool = True, reference: Reference | None = None,
                mechanisms=MECHANISMS, agents: Target | None = None) -> tuple[dict, list[dict]]:
    """Label one sentence: its row of ``labels`` and its rows of ``matches``.

    The four steps and the mechanisms of the module docstring, applied to one
    `arabic_media.matching.SentenceWords`.

    Parameters
    ----------
    sent : SentenceWords
        The sentence.
    target : Target
        The stance target.
    lexicon : Lexicon
        Cues, negators and contrast markers, and the actions the mechanisms read.
    negation, contrast, verbs : bool
        As for `label_sentences`.
    reference : Reference, optional
        From `arabic_media.stance.referring.sentence_references`: the mentions that
        count and the topic rule. Without it every alias match counts and there is no
        topic.
    mechanisms : iterable of str
        Those of `MECHANISMS` to apply (default all); a name not among them is ignored
        here (`label_sentence_words` refuses it).
    agents : Target, optional
        The actors outside the target (`arabic_media.stance.referring.other_actors`),
        for the ``agents`` mechanism; without them, only the head nouns of
        ``source_head_nouns.csv`` name another actor.

    Returns
    -------
    (dict, list of dict)
        The sentence's row of `Labelling.labels` (`OUTPUT_COLUMNS`) and its rows of
        `Labelling.matches` (`MATCH_COLUMNS`).
    """
    mechanisms = frozenset(mechanisms)
    mentions, cues, markers, negators, objects = _find_all(sent, target, lexicon, negation, contrast, verbs,
                                                           reference, mechanisms)
    topic = reference is not None and reference.topic
    records = _cue_records(sent, cues, negators)
    if "agents" in mechanisms and lexicon.actions is not None:
        others = (find_mentions(sent, agents) if agents is not None else []) + find(
            sent, lexicon.actions.agents, "alias")
        apply_agents(sent, records, mentions, lexicon, others)
    if "problem_objects" in mechanisms:
        apply_problem_objects(sent, records, objects)
    note = _apply_contrast(sent, markers, records, uncued="contrast_uncued" in mechanisms)
    decision = _decide(mentions, records, topic, is_question(sent))
    row = _label_row(sent, target, mentions, records, note, decision, topic)
    return row, _match_rows(sent, mentions, records, markers, negators, decision[3])


def _tables(rows: list[dict], match_rows: list[dict], columns: list[str]) -> Labelling:
    matches = pd.DataFrame(match_rows, columns=MATCH_COLUMNS)
    matches = matches.astype({"weight": "float64", "discounted": bool, "deciding": bool})
    return Labelling(pd.DataFrame(rows, columns=columns), matches)


def label_sentences(
    corpus,
    target: str | Target,
    lexicon: Lexicon | None = None,
    *,
    negation: bool = True,
    contrast: bool = True,
    verbs: bool = True,
    topic: bool = True,
    mechanisms=MECHANISMS,
) -> Labelling:
    """Label every sentence of ``corpus`` for its stance toward ``target``.

    Parameters
    ----------
    corpus : Corpus
        The loaded corpus (`arabic_media.corpus.load_corpus` or `text_corpus`): its
        ``sentences`` and ``tokens`` are read; each article is labelled on its own.
    target : str or Target
        A target file's name (``corpus/lexicons/targets/<name>.csv``) or a `Target`.
    lexicon : Lexicon, optional
        Cues, negators and contrast markers (default: the study's files).
    negation, contrast : bool
        Switch those steps off (the cue-counting baseline).
    verbs : bool
        Switch off matching cues as inflected verbs.
    topic : bool
        Switch off the topic rule (`arabic_media.stance.referring`; anaphors always
        need an antecedent in the article).
    mechanisms : iterable of str
        The mechanisms of `MECHANISMS` to apply (default all; ``()`` none).

    Returns
    -------
    Labelling
        ``labels`` (`OUTPUT_COLUMNS`, one row per sentence) and ``matches``
        (`MATCH_COLUMNS`, one row per mention, cue, negator and marker, with character
        offsets into the article).

    Raises
    ------
    ValueError
        A mechanism not in `MECHANISMS`.
    """
    target = load_target(target) if isinstance(target, str) else target
    lexicon = lexicon if lexicon is not None else load_lexicon()
    rows, match_rows = label_sentence_words(sentence_words(corpus.sentences, corpus.tokens), target, lexicon,
                                            negation=negation, contrast=contrast, verbs=verbs, topic=topic,
                                            mechanisms=mechanisms)
    return _tables(rows, match_rows, OUTPUT_COLUMNS)


def label_sentence_words(sents: list[SentenceWords], target: Target, lexicon: Lexicon, *, negation: bool = True,
                         contrast: bool = True, verbs: bool = True, topic: bool = True,
                         others: Target | None = None, mechanisms=MECHANISMS,
                         agents: Target | None = None) -> tuple[list[dict], list[dict]]:
    """Label sentences given as `SentenceWords`, without building tables.

    One article's sentences or several articles': the rows `label_sentences` makes its
    tables of, without pandas, for a corpus-scale pass.

    Parameters
    ----------
    sents : list of SentenceWords
        From `arabic_media.matching.sentence_words` or `text_sentence_words`.
    target : Target
        The stance target.
    lexicon : Lexicon
        As for `label_sentences`.
    negation, contrast, verbs, topic : bool
        As for `label_sentences`.
    others : Target, optional
        The actors that make a sentence another's (`referring.other_subjects`), when
        the caller has them already.
    mechanisms : iterable of str
        As for `label_sentences`.
    agents : Target, optional
        The actors outside the target (`referring.other_actors`), when the caller has
        them already.

    Returns
    -------
    (list of dict, list of dict)
        The rows of ``labels`` and of ``matches``.

    Raises
    ------
    ValueError
        A mechanism not in `MECHANISMS`.
    """
    rows, match_rows = [], []
    references = sentence_references(sents, target, topic=topic, others=others)
    mechanisms = frozenset(mechanisms)
    unknown = sorted(mechanisms - set(MECHANISMS))
    if unknown:
        raise ValueError(f"unknown mechanism(s) {unknown}; the mechanisms are {MECHANISMS}")
    if agents is None and "agents" in mechanisms:
        agents = other_actors(target)
    for sent in sents:
        row, found = label_words(sent, target, lexicon, negation=negation, contrast=contrast, verbs=verbs,
                                 reference=references[(sent.article_id, sent.sentence)], mechanisms=mechanisms,
                                 agents=agents)
        rows.append(row)
        match_rows += found
    return rows, match_rows


def label_text(text: str, target: str | Target, lexicon: Lexicon | None = None, **options) -> pd.Series:
    """Label one piece of text as a single sentence, for trying a sentence by hand.

    Parameters
    ----------
    text : str
        One sentence.
    target : str or Target
        As for `label_sentences`.
    lexicon : Lexicon, optional
        As for `label_sentences`.
    **options
        Passed to `label_sentences` (``negation``, ``contrast``, ``verbs``, ``topic``,
        ``mechanisms``).

    Returns
    -------
    Series
        The sentence's row of `Labelling.labels` (article id ``text``).

    Raises
    ------
    ValueError
        When the study's segmentation finds more than one sentence in ``text``, or a
        mechanism is not in `MECHANISMS`.
    CorpusError
        An empty text, or one of only whitespace (`arabic_media.corpus.text_corpus`).
    """
    from arabic_media.corpus import text_corpus

    labels = label_sentences(text_corpus(text), target, lexicon, **options).labels
    if len(labels) != 1:
        raise ValueError(f"label_text takes one sentence; the text holds {len(labels)}: use label_sentences")
    return labels.iloc[0]
