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
    """One article's actor mentions in text order, ``(start, actor_id, type)``, and the
    actor of its original outlet (``""`` when the gazetteer lacks it)."""

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
        types = actor_types(lex)
        found = [(m.start, m.info[0], types[m.info[0]]) for s in sents for m in find_mentions(s, lex.finder)]
        return cls(tuple(sorted(found)), outlet)

    def latest(self, actor_type: str, before: int) -> str:
        """The last actor of gazetteer ``actor_type`` named before offset ``before``
        (a binary search in the mentions of that type)."""
        starts, actors = self._by_type.get(actor_type, ((), ()))
        at = bisect_left(starts, before)
        return actors[at - 1] if at else ""


class SourceNames:
    """The source types an article has given its named people so far: ``جون هيغمان،
    المتحدث باسم فيسبوك`` makes a later ``هيغمان`` a company source too (the title is
    written once, at the first mention)."""

    def __init__(self) -> None:
        self.types: dict[str, str] = {}

    def remember(self, sent: SentenceWords, span: tuple[int, int], lex, kind: str) -> str:
        """Record ``kind`` for the name words of ``span`` (words of no head noun, actor
        or article), or, for a span whose type is only ``other``, return the type an
        earlier span with one of its names had."""
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
    """Gazetteer type of each actor id."""
    return dict(zip(lex.actors["actor_id"], lex.actors["type"]))


def resolve_actor(sent: SentenceWords, span: tuple[int, int], mentions: list[Match], actors: ArticleActors,
                  lex, anaphora: bool = True, firsts: list[int] | None = None) -> tuple[str, str]:
    """``(actor_id, how)`` for the source words ``span`` of ``sent``. An anaphor alone
    (with nisba adjectives: ``الصحيفة``) is resolved first, before the gazetteer, which
    lists ``الصحيفة`` as Le Figaro; otherwise the first actor named inside the span
    (``إحدى الوثائق التي أصدرتها خلية الدفاع الرقمي ...`` -> the cell, its issuer)."""
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
    """The source type of an actor (`source_types.csv`); ``unnamed`` for none."""
    if not actor_id:
        return "unnamed"
    by_actor = lex.source_types.get(f"actor:{actor_id}")
    if by_actor:
        return by_actor
    return lex.source_types.get(f"type:{actor_types(lex).get(actor_id, '')}", "other")
