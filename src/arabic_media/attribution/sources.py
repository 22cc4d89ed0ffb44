"""Sources: resolving a source span to a gazetteer actor, and its source type.

Actor finding is `arabic_media.actors` (the one place; stance uses it too), with every
actor of the gazetteer as one alias set (`gazetteer_target`). Two kinds of source are
not names, and the Arabic trap is that the gazetteer cannot hold them: ``الصحيفة``
("the newspaper") is the article's ``original_outlet`` in the manifest (Le Figaro for
the study's article, Reuters for an Al Arabiya relay); ``الشركة`` ("the company") is the
last company named before it (`attribution_anaphors.csv`).

Source types (``source_types.csv``, the guidelines' table): an ``actor:<id>`` row first,
then the gazetteer ``type``: ``media_outlet`` -> media; ``government_body``, ``country``
-> government_or_military; ``company`` -> company; ``armed_group`` -> armed_group;
``person``, ``group_reference`` by the referent (specialists -> expert, US officials ->
government_or_military, company groups and representatives -> company, jihadist
organisations -> armed_group), else other; no actor -> unnamed.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field

from arabic_media.actors import find_mentions
from arabic_media.attribution import words as w
from arabic_media.matching import Match, SentenceWords

__all__ = ["ArticleActors", "SourceNames", "resolve_actor", "source_type", "actor_types"]


@dataclass(frozen=True)
class ArticleActors:
    """One article's actor mentions, and the actor of its original outlet.

    Attributes
    ----------
    mentions : tuple of (int, str, str)
        ``(start, actor_id, type)`` per mention of a gazetteer actor, in text order
        (``type``: its gazetteer type).
    outlet : str
        The actor id of the article's original outlet (``""`` when the gazetteer lacks
        it).
    names : SourceNames
        The source types the article has given its named people so far.
    """

    mentions: tuple
    outlet: str
    _by_type: dict = field(init=False, repr=False, compare=False)
    names: "SourceNames" = field(default_factory=lambda: SourceNames(), repr=False, compare=False)

    def __post_init__(self) -> None:
        by_type: dict[str, tuple[list[int], list[str]]] = {}
        for start, actor, kind in self.mentions:
            starts, actors = by_type.setdefault(kind, ([], []))
            starts.append(start)
            actors.append(actor)
        object.__setattr__(self, "_by_type", by_type)

    @classmethod
    def build(cls, sents: list[SentenceWords], lex, outlet: str) -> "ArticleActors":
        """An article's `ArticleActors`, found in its sentences.

        Parameters
        ----------
        sents : list of SentenceWords
            The article's sentences.
        lex : AttributionLexicon
            Its ``finder`` finds the mentions; its gazetteer gives their types.
        outlet : str
            The actor id of the article's original outlet
            (`arabic_media.actors.outlet_actor_id`; ``""`` for none).

        Returns
        -------
        ArticleActors
        """
        types = actor_types(lex)
        found = [(m.start, m.info[0], types[m.info[0]]) for s in sents for m in find_mentions(s, lex.finder)]
        return cls(tuple(sorted(found)), outlet)

    def latest(self, actor_type: str, before: int) -> str:
        """The last actor of a gazetteer type named before an offset.

        A binary search in the mentions of that type.

        Parameters
        ----------
        actor_type : str
            A gazetteer type (``company``).
        before : int
            A character offset into the article.

        Returns
        -------
        str
            The actor's id; ``""`` when no actor of that type is named before ``before``.
        """
        starts, actors = self._by_type.get(actor_type, ((), ()))
        at = bisect_left(starts, before)
        return actors[at - 1] if at else ""


class SourceNames:
    """The source types an article has given its named people so far.

    ``جون هيغمان، المتحدث باسم فيسبوك`` makes a later ``هيغمان`` a company source too:
    the title is written once, at the first mention.

    Attributes
    ----------
    types : dict of str to str
        A name word -> the first source type given to a source holding it.
    """

    def __init__(self) -> None:
        self.types: dict[str, str] = {}

    def remember(self, sent: SentenceWords, span: tuple[int, int], lex, kind: str) -> str:
        """Record a source's type for its name words, or recall an earlier one.

        The name words of ``span`` are those without the article, not stop words, and
        longer than two letters. A type other than ``other`` is recorded for each of
        them (where none is yet); a span read only as ``other`` takes the type an
        earlier source with one of its name words had.

        Parameters
        ----------
        sent : SentenceWords
            The sentence.
        span : tuple of (int, int)
            The source's first and last word.
        lex : AttributionLexicon
            For its stop words.
        kind : str
            The source type read from the span (`arabic_media.attribution.subjects.span_type`).

        Returns
        -------
        str
            ``kind``; for ``other``, the type recorded for the first of its name words
            that has one, else ``other``.
        """
        names = [word for word in sent.words[span[0]:span[1] + 1]
                 if not word.startswith("ال") and word not in lex.stopwords and len(word) > 2]
        if kind != "other":
            for word in names:
                self.types.setdefault(word, kind)
            return kind
        for word in names:
            if word in self.types:
                return self.types[word]
        return kind


def actor_types(lex) -> dict[str, str]:
    """The gazetteer type of each actor.

    Parameters
    ----------
    lex : AttributionLexicon
        Its ``actors`` gazetteer.

    Returns
    -------
    dict of str to str
        Actor id -> gazetteer type.
    """
    return dict(zip(lex.actors["actor_id"], lex.actors["type"]))


def resolve_actor(sent: SentenceWords, span: tuple[int, int], mentions: list[Match], actors: ArticleActors,
                  lex, anaphora: bool = True, firsts: list[int] | None = None) -> tuple[str, str]:
    """The actor a source's words name, and how it was found.

    An anaphor alone (with nisba adjectives: ``الصحيفة``) is resolved first, before the
    gazetteer, which lists ``الصحيفة`` as Le Figaro: to the article's original outlet,
    or to the last actor of a type named before it (``latest:<type>`` in
    ``attribution_anaphors.csv``). Otherwise the first actor named inside the span
    (``إحدى الوثائق التي أصدرتها خلية الدفاع الرقمي ...`` -> the cell, its issuer);
    a span holding only an anaphoric alias of the gazetteer (an ``anaphor_`` id) takes
    the last company named before it, when there is one (else its own id).

    Parameters
    ----------
    sent : SentenceWords
        The sentence.
    span : tuple of (int, int)
        The source's first and last word.
    mentions : list of Match
        The sentence's gazetteer mentions, in word order (`find_mentions` with
        ``lex.finder``).
    actors : ArticleActors
        The article's mentions and outlet.
    lex : AttributionLexicon
        For its anaphors.
    anaphora : bool
        Resolve anaphors to the last actor of their type named before them; False
        leaves a ``latest:`` anaphor unresolved and an anaphoric alias as itself.
    firsts : list of int, optional
        The mentions' first words, when the caller has them.

    Returns
    -------
    (str, str)
        The actor id (``""`` for none) and how it was found, for the row's note.
    """
    first, last = span
    head = w.bare(sent.words[first])
    alone = all(w.is_nisba(word) for word in sent.words[first + 1 : last + 1])
    if head in lex.anaphors and alone:
        rule = lex.anaphors[head]
        if rule == "original_outlet":
            return actors.outlet, f"{head} -> the original outlet in the manifest"
        if rule.startswith("latest:") and anaphora:
            kind = rule.split(":", 1)[1]
            return actors.latest(kind, sent.starts[first]), f"{head} -> the last {kind} named before it"
        return "", f"{head}: anaphor left unresolved"
    # mentions are in word order and do not overlap: the first one at or after ``first``
    at = bisect_left(firsts if firsts is not None else [m.first for m in mentions], first)
    inside = []
    for m in mentions[at:]:
        if m.first > last:
            break
        if first <= m.first:
            inside.append(m)
    named = [m for m in inside if not m.info[0].startswith("anaphor_")]
    if named:  # أمن موقع فيسبوك: the name, not the description before it
        return named[0].info[0], f"actor named in the source: {named[0].key}"
    if inside:
        m = inside[0]
        found = actors.latest("company", sent.starts[first]) if anaphora else ""
        if found:
            return found, f"{m.key} -> the last company named before it"
        return m.info[0], f"actor named in the source: {m.key}"
    return "", "no actor of the gazetteer in the source"


def source_type(actor_id: str, lex) -> str:
    """The source type of an actor, by ``source_types.csv``.

    Its ``actor:<id>`` row first, then the row of its gazetteer type.

    Parameters
    ----------
    actor_id : str
        An actor id, or ``""`` for no actor.
    lex : AttributionLexicon
        For its source types and gazetteer.

    Returns
    -------
    str
        The source type; ``other`` when no row gives one; ``unnamed`` for no actor.
    """
    if not actor_id:
        return "unnamed"
    by_actor = lex.source_types.get(f"actor:{actor_id}")
    if by_actor:
        return by_actor
    return lex.source_types.get(f"type:{actor_types(lex).get(actor_id, '')}", "other")
