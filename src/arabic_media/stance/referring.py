"""Which sentences refer to the target beyond its names: anaphors with an antecedent in
the article, and the article's topic.

Two rules, both read from the article's sentences in order (guidelines 4.2, 9.1 and
open case 3):

1. **Anaphors need an antecedent.** A member listed as ``reference=anaphor`` in the
   target file (``الشركة``, ``الشبكة``, ``هذه الشركات``) counts as a mention only when
   a named member of the target (``reference=name``) is mentioned before it in the
   same article, in an earlier sentence or earlier in the same one. An anaphor
   written with the definite article in the gazetteer must carry it in the text:
   ``الشركة`` is matched in ``وقالت الشركة`` and ``للشركة``, not in ``شركة VirnetX``,
   which names another company.
2. **The article's topic.** A sentence with no mention (named or anaphoric) refers
   to the target implicitly when the article's first sentence names a member: a news
   report's lead states its subject, and the sentences after it speak of it through
   pronouns, quoted first persons (``أقفلنا``, ``نعتذر``) and agentless passives
   (``يتم قفل حساب``) that the rules cannot resolve. The sentence is then labelled
   by its cues as if the target were mentioned. It does not apply when the sentence
   names another actor of the gazetteer of a type in `OTHER_SUBJECT_TYPES` (a
   government body, an armed group, a country): that sentence is about that actor
   (guidelines 4.5). It still over-reaches when a later sentence turns to an actor
   the gazetteer does not list; the errors say where that is paid.

`sentence_references` returns, per sentence, the mentions that count and whether the
topic rule applies; `arabic_media.stance.rules.label_sentences` uses it.
"""

from __future__ import annotations

from dataclasses import dataclass

from arabic_media.actors import Target, find_mentions
from arabic_media.lexicons import load_actors
from arabic_media.affixes import PROCLITICS
from arabic_media.matching import Match, SentenceWords, sentence_words

__all__ = [
    "OTHER_SUBJECT_TYPES", "Reference", "anaphor_ids", "other_actors", "other_subjects", "referred_sentences",
    "sentence_references",
]

#: Actor types whose mention makes a sentence about another actor: the topic rule
#: does not apply to it.
OTHER_SUBJECT_TYPES = ("government_body", "armed_group", "country")

# The proclitic chains that end in the written article: ال, وال, بال, لل, فلل ...
_DEFINITE = tuple(p for p in PROCLITICS if p.endswith("ال") or p.endswith("لل"))


@dataclass(frozen=True)
class Reference:
    """How one sentence refers to the target.

    Attributes
    ----------
    mentions : tuple of Match
        The mentions that count, in text order: named members, and anaphors with an
        antecedent.
    topic : bool
        The topic rule applies: no mention, the article's first sentence names a
        member, and the sentence names no other subject.
    dropped : tuple of Match
        Anaphors matched but not counted (no named member before them).
    """

    mentions: tuple[Match, ...]
    topic: bool = False
    dropped: tuple[Match, ...] = ()


def anaphor_ids(target: Target) -> frozenset[str]:
    """The ids of a target's members that refer as anaphors.

    Parameters
    ----------
    target : Target
        The stance target.

    Returns
    -------
    frozenset of str
        The members whose ``reference`` is ``anaphor``; none when the target has no
        ``reference`` column (a target built in code, `Target.from_aliases`).
    """
    if "reference" not in target.actors.columns:
        return frozenset()
    return frozenset(target.actors.loc[target.actors["reference"] == "anaphor", "actor_id"])


def other_subjects(target: Target, actors=None) -> Target:
    """The actors whose mention makes a sentence about another actor than the target.

    The gazetteer's actors of `OTHER_SUBJECT_TYPES` that are not members of ``target``:
    a sentence that names one is not given to the target by the topic rule.

    Parameters
    ----------
    target : Target
        The stance target.
    actors : DataFrame, optional
        The gazetteer (default `arabic_media.lexicons.load_actors`).

    Returns
    -------
    Target
        Named ``other subjects``.
    """
    actors = load_actors() if actors is None else actors
    chosen = actors[actors["type"].isin(OTHER_SUBJECT_TYPES) & ~actors["actor_id"].isin(target.actors["actor_id"])]
    return Target.from_aliases("other subjects", dict(zip(chosen["actor_id"], chosen["aliases"])))


_OTHER_ACTORS: dict = {}


def other_actors(target: Target, actors=None) -> Target:
    """Every actor of the gazetteer outside ``target``, as a `Target` named ``other actors``.

    What the ``agents`` mechanism of `arabic_media.stance.rules` reads as a subject that
    is not the target. Company groups (a ``group_reference`` whose source type is a
    company, as ``social_media_platforms``) stay out when the target holds them: they
    are the target's members.

    Parameters
    ----------
    target : Target
        The stance target.
    actors : DataFrame, optional
        The gazetteer (default `arabic_media.lexicons.load_actors`); with the default,
        the result is kept per target.

    Returns
    -------
    Target
    """
    key = (id(target), target.name)
    if actors is None and key in _OTHER_ACTORS and _OTHER_ACTORS[key][0] is target:
        return _OTHER_ACTORS[key][1]
    table = load_actors() if actors is None else actors
    chosen = table[~table["actor_id"].isin(target.actors["actor_id"])]
    found = Target.from_aliases("other actors", dict(zip(chosen["actor_id"], chosen["aliases"])))
    if actors is None:
        if len(_OTHER_ACTORS) > 16:
            _OTHER_ACTORS.clear()
        _OTHER_ACTORS[key] = (target, found)
    return found


def _definite_where_written(sent: SentenceWords, match: Match) -> bool:
    """An alias written with the article (``الشركة``) must carry it in the text."""
    if not match.key.startswith(("ال", "أل", "إل")):
        return True
    word = sent.words[match.first]
    return word.startswith(_DEFINITE)


def _split(sent: SentenceWords, target: Target, anaphors: frozenset[str]) -> tuple[list[Match], list[Match]]:
    found = find_mentions(sent, target)
    named = [m for m in found if m.info[0] not in anaphors]
    return named, [m for m in found if m.info[0] in anaphors and _definite_where_written(sent, m)]


def sentence_references(sents: list[SentenceWords], target: Target, *, topic: bool = True,
                        others: Target | None = None) -> dict:
    """How each sentence refers to the target, by the module's two rules.

    Parameters
    ----------
    sents : list of SentenceWords
        One article's sentences or several articles', in any order: each article is
        read in sentence order.
    target : Target
        The stance target.
    topic : bool
        Whether the topic rule applies (False switches it off; anaphors still need an
        antecedent).
    others : Target, optional
        The actors that make a sentence another's (default `other_subjects`).

    Returns
    -------
    dict
        ``(article_id, sentence)`` -> its `Reference`.
    """
    anaphors = anaphor_ids(target)
    others = other_subjects(target) if others is None and topic else others
    by_article: dict[str, list[SentenceWords]] = {}
    for sent in sents:
        by_article.setdefault(sent.article_id, []).append(sent)
    result = {}
    for article_sents in by_article.values():
        article_sents.sort(key=lambda s: s.sentence)
        named_before = False
        lead_named = False
        for position, sent in enumerate(article_sents):
            named, anaphoric = _split(sent, target, anaphors)
            first_named = min((m.first for m in named), default=None)
            kept = [m for m in anaphoric if named_before or (first_named is not None and first_named < m.first)]
            dropped = tuple(m for m in anaphoric if m not in kept)
            mentions = tuple(sorted(named + kept, key=lambda m: m.first))
            if position == 0:
                lead_named = bool(named)
            is_topic = topic and not mentions and lead_named and not find_mentions(sent, others)
            result[(sent.article_id, sent.sentence)] = Reference(mentions, is_topic, dropped)
            named_before = named_before or bool(named)
    return result


def referred_sentences(corpus, target: Target, *, topic: bool = True) -> set[tuple[str, int]]:
    """The sentences of a corpus that refer to the target.

    A sentence refers to it by a counted mention or by the topic rule
    (`sentence_references`): what the error analysis calls "a mention found"
    (`arabic_media.stance.evaluate.error_causes`).

    Parameters
    ----------
    corpus : Corpus
        Its ``sentences`` and ``tokens`` are read.
    target : Target
        The stance target.
    topic : bool
        Whether the topic rule applies.

    Returns
    -------
    set of (str, int)
        The ``(article_id, sentence)`` keys.
    """
    references = sentence_references(sentence_words(corpus.sentences, corpus.tokens), target, topic=topic)
    return {key for key, ref in references.items() if ref.mentions or ref.topic}
