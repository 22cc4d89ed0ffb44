"""Sentence stance toward a target, by explainable rules, and its evaluation.

The rules read data, not code: the actor gazetteer and a target file say what counts
as a mention of the target; a cue lexicon, a negator list and a list of contrast
markers say what counts as a stance. All live in ``corpus/lexicons/`` and are described
in ``corpus/annotations/GUIDELINES.md``, which is also what the gold labels follow.

A sentence is labelled in four steps, each visible in the output:

1. **Mentions.** Target aliases are matched on normalised tokens, longest first and
   without overlap. A token may carry clitic prefixes (``و ف`` + ``ب ل ك`` + ``ال``,
   with ``ل`` + ``ال`` written ``لل``): ``لشركات أمريكية`` matches ``شركات أمريكية``.
   No mention: the label is NONE, whatever the cues say.
2. **Cues.** Cue phrases are matched the same way, and a cue word may also carry a
   pronoun suffix (``تحفظهم``) or the accusative alef (``عائقا``). A cue's first word
   may also be a verb, inflected by one small rule (`_verb_matches`): ``تعاون``
   matches ``تتعاون``, ``تعاونت``, ``يتعاونون``.
3. **Negation.** A negator up to ``scope_tokens`` words before a cue, in the same
   clause, flips the cue's polarity (``رفضت التعاون``, ``لم تتعاون``: the FAVOR cue
   ``تعاون`` counts as AGAINST). A negator in front of another negator negates it
   (``لا تمانع التعاون``, does not object to cooperating): two negations leave the
   cue as it is (`_negation_chain`).
4. **Contrast.** After ``إلا أن`` (``later_clause_dominates``) only the cues after the
   marker count, if there are any; cues before it are kept in the output, marked
   ``discounted``. After a concessive marker (``marked_clause_conceded``, e.g.
   ``رغم``) the cues in the conceded clause are the ones discounted; ``no_dominance``
   leaves every cue counted.

The score is the sum of signed weights (FAVOR +, AGAINST -) of the counted cues; its
sign is the label, and zero is NONE. Matching is on tokens' ``norm`` (the study's
`normalize`, which changes string lengths), and every match reports the character
offsets of its first and last token in the article text.

Figures from `evaluate` against the gold are in-sample: the lexicons were written by
the annotator of the gold, with the article read. They describe how well the rules
reproduce one reader's labels on this text, not how they would do on another.
`leave_one_out` gives a less optimistic figure from the same text: each sentence is
labelled without the cues (and aliases) that match in that sentence alone, the
knowledge that could only have come from reading it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from arabic_media.lexicons import read_lexicon
from arabic_media.paths import ANNOTATIONS_DIR, LEXICONS_DIR, relative
from arabic_media.text import PROCLITICS, normalize, token_kind, tokenize

__all__ = [
    "LABELS",
    "OUTPUT_COLUMNS",
    "Match",
    "Lexicon",
    "Target",
    "Evaluation",
    "load_actors",
    "load_target",
    "load_lexicon",
    "load_gold",
    "find_mentions",
    "find_cues",
    "label_sentences",
    "label_text",
    "majority_baseline",
    "cue_count_baseline",
    "leave_one_out",
    "ABLATION_VARIANTS",
    "ablation",
    "ablation_changes",
    "label_counts",
    "label_sequence",
    "evaluate",
    "LABEL_COLOURS",
    "parse_matches",
    "stance_table",
    "score_table",
    "stance_strip_data",
    "stance_strip_figure",
    "stance_share_data",
    "stance_share_figure",
    "stance_confusion_figure",
]

#: The three stance labels, in the order used for tables.
LABELS = ("FAVOR", "AGAINST", "NONE")
ACTOR_TYPES = (
    "company",
    "government_body",
    "armed_group",
    "media_outlet",
    "person",
    "country",
    "group_reference",
)
CONTRAST_EFFECTS = ("later_clause_dominates", "marked_clause_conceded", "no_dominance")

# Clitic prefixes a word may carry in front of a name or a cue (longest first), or none.
_CONJUNCTIONS = ("", "و", "ف")
_PREFIXES = PROCLITICS + ("",)
# Pronoun suffixes and the accusative alef a cue word may carry (تحفظهم, عائقا).
_SUFFIXES = ("", "ه", "ها", "هم", "هما", "هن", "ك", "كم", "نا", "ي", "ا")

# Verb inflection, for the first word of a cue only (see `_verb_matches`). In front: a
# conjunction, then the particle ل (in order to) or س (future), then the person prefix
# of the imperfect. Behind: the person ending of the perfect or the imperfect, then an
# object pronoun; the ا of وا is not written before a pronoun (حذفوها).
_VERB_LEADS = tuple(
    sorted(
        {conj + particle for conj in _CONJUNCTIONS for particle in ("", "ل", "س")},
        key=lambda p: (-len(p), p),
    )
)
_PERSON_PREFIXES = ("", "ي", "ت", "ن", "ا")
_VERB_ENDINGS = ("", "ت", "تا", "تم", "تما", "تن", "نا", "ن", "ا", "وا", "ون", "ين", "ان")
_OBJECT_PRONOUNS = ("", "ه", "ها", "هم", "هما", "هن", "ك", "كم", "ني", "نا")
# Quotes and brackets do not break a phrase ("كلاود فلاير" is one name inside quotes);
# other punctuation does.
_TRANSPARENT = set("\"'«»“”‘’()[]")
# Punctuation that ends a clause: a negator does not reach across it.
_CLAUSE_BREAKS = set("،,؛;:.!?؟")


# --- lexicon files ------------------------------------------------------------------


def _pattern(phrase: str) -> tuple[str, ...]:
    """A phrase as the tuple of its normalised word tokens."""
    norm = normalize(phrase.strip())
    return tuple(
        norm[s.start : s.end] for s in tokenize(norm) if token_kind(norm[s.start : s.end]) != "punct"
    )


def load_actors(directory: Path | None = None) -> pd.DataFrame:
    """The actor gazetteer ``actors.csv``: one row per actor, with ``aliases`` (a list of
    the ``|``-separated Arabic aliases; the canonical name is always one)."""
    directory = Path(directory) if directory is not None else LEXICONS_DIR
    path = directory / "actors.csv"
    actors = read_lexicon(path, ["actor_id", "canonical_ar", "name_en", "type", "aliases_ar"])
    bad = actors.loc[~actors["type"].isin(ACTOR_TYPES), "actor_id"].tolist()
    if bad:
        raise ValueError(f"{relative(path)}: unknown actor type for {bad}; use one of {ACTOR_TYPES}")
    duplicated = actors.loc[actors["actor_id"].duplicated(), "actor_id"].tolist()
    if duplicated:
        raise ValueError(f"{relative(path)}: actor_id repeated: {duplicated}")
    actors["aliases"] = [
        list(dict.fromkeys([canonical] + [a.strip() for a in aliases.split("|") if a.strip()]))
        for canonical, aliases in zip(actors["canonical_ar"], actors["aliases_ar"])
    ]
    return actors


@dataclass(frozen=True)
class Target:
    """A stance target: a name, its member actors, and their aliases as token patterns.

    ``aliases`` holds ``(pattern, alias, actor_id)`` with ``pattern`` the tuple of
    normalised tokens of ``alias``.
    """

    name: str
    actors: pd.DataFrame = field(repr=False, compare=False)
    aliases: tuple[tuple[tuple[str, ...], str, str], ...] = field(repr=False)

    @classmethod
    def from_aliases(cls, name: str, aliases: dict[str, list[str]]) -> "Target":
        """A target built in code from ``{actor_id: [alias, ...]}`` (for tests and
        one-off questions; the study's targets are files, read by `load_target`)."""
        actors = pd.DataFrame(
            {"actor_id": list(aliases), "aliases": [list(v) for v in aliases.values()]}
        )
        return cls(name, actors, _alias_patterns(actors))


def _alias_patterns(actors: pd.DataFrame) -> tuple[tuple[tuple[str, ...], str, str], ...]:
    patterns = []
    for actor_id, aliases in zip(actors["actor_id"], actors["aliases"]):
        for alias in aliases:
            pattern = _pattern(alias)
            if pattern:
                patterns.append((pattern, alias, actor_id))
    return tuple(patterns)


def load_target(name: str, directory: Path | None = None) -> Target:
    """Read ``targets/<name>.csv`` (``target,actor_id,note``) and join it to the actor
    gazetteer. Raises ValueError if the file names another target or an actor the
    gazetteer does not have."""
    directory = Path(directory) if directory is not None else LEXICONS_DIR
    path = directory / "targets" / f"{name}.csv"
    members = read_lexicon(path, ["target", "actor_id", "note"])
    others = sorted(set(members["target"]) - {name})
    if others:
        raise ValueError(f"{relative(path)}: rows for another target {others}")
    actors = load_actors(directory)
    unknown = sorted(set(members["actor_id"]) - set(actors["actor_id"]))
    if unknown:
        raise ValueError(f"{relative(path)}: actor_id not in actors.csv: {unknown}")
    joined = members.merge(actors, on="actor_id", how="left")
    return Target(name, joined, _alias_patterns(joined))


@dataclass(frozen=True)
class Lexicon:
    """Cues, negators and contrast markers, as token patterns.

    ``cues``: ``(pattern, cue, polarity, weight)``; ``negators``: ``(pattern, negator,
    scope_tokens)``; ``markers``: ``(pattern, marker, effect)``.
    """

    cues: tuple[tuple[tuple[str, ...], str, str, float], ...]
    negators: tuple[tuple[tuple[str, ...], str, int], ...] = ()
    markers: tuple[tuple[tuple[str, ...], str, str], ...] = ()

    @classmethod
    def from_lists(
        cls,
        cues: list[tuple[str, str, float]],
        negators: list[tuple[str, int]] = (),
        markers: list[tuple[str, str]] = (),
    ) -> "Lexicon":
        """A lexicon built in code: ``cues`` as ``(cue, polarity, weight)``,
        ``negators`` as ``(negator, scope_tokens)``, ``markers`` as ``(marker, effect)``."""
        for _, polarity, weight in cues:
            _check_cue(polarity, weight, "cue list")
        for _, effect in markers:
            _check_effect(effect, "marker list")
        return cls(
            tuple((_pattern(c), c, p, float(w)) for c, p, w in cues),
            tuple((_pattern(n), n, int(s)) for n, s in negators),
            tuple((_pattern(m), m, e) for m, e in markers),
        )


def _check_cue(polarity: str, weight: float, where: str) -> None:
    if polarity not in ("FAVOR", "AGAINST"):
        raise ValueError(f"{where}: cue polarity {polarity!r} is not FAVOR or AGAINST")
    if not float(weight) > 0:
        raise ValueError(f"{where}: cue weight {weight!r} is not a positive number")


def _check_effect(effect: str, where: str) -> None:
    if effect not in CONTRAST_EFFECTS:
        raise ValueError(f"{where}: contrast effect {effect!r} is not one of {CONTRAST_EFFECTS}")


def load_lexicon(directory: Path | None = None) -> Lexicon:
    """Read ``stance_cues.csv``, ``negators.csv`` and ``contrast_markers.csv``."""
    directory = Path(directory) if directory is not None else LEXICONS_DIR
    cues = read_lexicon(directory / "stance_cues.csv", ["cue", "polarity", "weight", "gloss_en", "note"])
    negators = read_lexicon(directory / "negators.csv", ["negator", "scope_tokens", "note"])
    markers = read_lexicon(directory / "contrast_markers.csv", ["marker", "effect", "note"])
    where = relative(directory / "stance_cues.csv")
    for row in cues.itertuples():
        _check_cue(row.polarity, row.weight, where)
    for row in markers.itertuples():
        _check_effect(row.effect, relative(directory / "contrast_markers.csv"))
    return Lexicon(
        tuple((_pattern(r.cue), r.cue, r.polarity, float(r.weight)) for r in cues.itertuples()),
        tuple((_pattern(r.negator), r.negator, int(r.scope_tokens)) for r in negators.itertuples()),
        tuple((_pattern(r.marker), r.marker, r.effect) for r in markers.itertuples()),
    )


def load_gold(path: Path | None = None) -> pd.DataFrame:
    """The gold labels ``stance_gold.csv`` (``article_id,sentence,target,label,
    rationale``), with ``sentence`` as int; raises ValueError on an unknown label or a
    repeated sentence."""
    path = Path(path) if path is not None else ANNOTATIONS_DIR / "stance_gold.csv"
    gold = read_lexicon(path, ["article_id", "sentence", "target", "label", "rationale"])
    gold["sentence"] = gold["sentence"].astype(int)
    bad = sorted(set(gold["label"]) - set(LABELS))
    if bad:
        raise ValueError(f"{relative(path)}: unknown labels {bad}")
    repeated = gold.duplicated(["article_id", "sentence", "target"])
    if repeated.any():
        raise ValueError(f"{relative(path)}: repeated rows {gold.loc[repeated, 'sentence'].tolist()}")
    return gold


# --- matching -----------------------------------------------------------------------


@dataclass(frozen=True)
class Match:
    """One match in a sentence: which entry (``key``: an alias, cue, negator or marker
    as written in its file), its surface text, its word positions ``first..last``
    (indexes into the sentence's word tokens) and its character offsets ``start, end``
    into the article text. ``info`` carries the entry's data (actor id; polarity and
    weight; scope; effect)."""

    key: str
    surface: str
    first: int
    last: int
    start: int
    end: int
    info: tuple = ()


def _base(word: str) -> tuple[str, bool]:
    """The pattern word without a written article (``التعاون`` -> ``تعاون``, ``للتعاون``
    -> ``تعاون``), so the text may have the article or not. Bases shorter than three
    letters are left whole: ``الي`` (إلى) is not ``ال`` + ``ي``."""
    for article in ("لل", "ال"):
        if word.startswith(article) and len(word) - len(article) >= 3:
            return word[len(article) :], True
    return word, False


def _verb_matches(word: str, stem: str) -> bool:
    """Does text word ``word`` (normalised) inflect the verb stem ``stem``?

    The rule: ``[و|ف][ل|س][ي|ت|ن|ا] + stem + [ending] + [object pronoun]``, with the
    endings of the perfect and the imperfect (``ت تا تم تما تن نا ن ا وا ون ين ان``).
    ``stem`` is the cue word as written in the lexicon, so the rule reaches the verbs
    whose stem is written like their verbal noun: forms I, V and VI, which are most of
    the stance verbs (``تعاون`` -> ``تتعاون``, ``تعاونت``, ``يتعاونون``; ``تورط`` ->
    ``تتورط``; ``حذف`` -> ``حذفت``, ``حذفوها``). The Arabic trap: other verbs change
    their letters, not just their affixes (``تنسيق`` / ``ينسق``, ``استغلال`` /
    ``يستغل``, a weak final letter ``تصدي`` / ``تصدت``, a hamza seat ``تواطؤ`` /
    ``تواطأ``), and a stemmer that guessed them would also guess wrong; such verbs are
    listed in ``stance_cues.csv`` as words of their own (``يستغل``, ``تواطا``), and
    the rule inflects those in turn. Stems shorter than three letters are not
    inflected."""
    if len(stem) < 3:
        return False
    for lead in _VERB_LEADS:
        if not word.startswith(lead):
            continue
        for person in _PERSON_PREFIXES:
            front = lead + person
            if not word.startswith(front) or not word[len(front) :].startswith(stem):
                continue
            rest = word[len(front) + len(stem) :]
            for pronoun in _OBJECT_PRONOUNS:
                if not rest.endswith(pronoun):
                    continue
                ending = rest[: len(rest) - len(pronoun)]
                if ending in _VERB_ENDINGS or (pronoun and ending == "و"):
                    return True
    return False


def _word_matches(word: str, pattern_word: str, *, prefixes: bool, suffixes: bool, verbs: bool = False) -> bool:
    """Does text word ``word`` (normalised) realise ``pattern_word``, allowing clitic
    prefixes (and, for cues, a pronoun suffix; with ``verbs``, the inflections of
    `_verb_matches` too)?"""
    if word == pattern_word:
        return True
    if not prefixes:
        return False
    base, had_article = _base(pattern_word)
    if verbs and not had_article and _verb_matches(word, pattern_word):
        return True
    for prefix in _PREFIXES:
        if not word.startswith(prefix):
            continue
        rest = word[len(prefix) :]
        if rest == base:
            return True
        if suffixes and len(base) >= 3 and rest.startswith(base) and rest[len(base) :] in _SUFFIXES:
            return True
    return False


def _conj_only(word: str, pattern_word: str, *, suffixes: bool) -> bool:
    """Function words (negators, contrast markers) take only و or ف in front: ``ولم``,
    ``ولكن``; ``كلم`` is not ك + لم."""
    for conj in _CONJUNCTIONS:
        if word.startswith(conj) and len(word) > len(conj):
            rest = word[len(conj) :]
            if rest == pattern_word:
                return True
            if suffixes and rest.startswith(pattern_word) and rest[len(pattern_word) :] in _SUFFIXES:
                return True
    return False


@dataclass(frozen=True)
class _Sentence:
    """One sentence's word tokens, with what lies between them."""

    article_id: str
    sentence: int
    words: tuple[str, ...]  # normalised
    starts: tuple[int, ...]
    ends: tuple[int, ...]
    # punctuation between word i-1 and word i (index i); "" for none
    gaps: tuple[str, ...]
    text: str
    text_start: int

    def surface(self, first: int, last: int) -> str:
        return self.text[self.starts[first] - self.text_start : self.ends[last] - self.text_start]


def _phrase_ok(sent: _Sentence, first: int, last: int) -> bool:
    """A phrase may not span punctuation other than quotes and brackets."""
    return all(set(sent.gaps[i]) <= _TRANSPARENT for i in range(first + 1, last + 1))


def _find(sent: _Sentence, entries, kind: str, verbs: bool = True) -> list[Match]:
    """Match ``entries`` (each ``(pattern, key, *info)``) in ``sent``, longest pattern
    first, then earliest, without overlap. ``kind`` is ``alias``, ``cue``, ``negator``
    or ``marker`` and decides which affixes a word may carry; ``verbs=False`` switches
    the verb-inflection rule for cues off."""
    candidates = []
    n = len(sent.words)
    for entry in entries:
        pattern, key, *info = entry
        k = len(pattern)
        for i in range(n - k + 1):
            ok = True
            for j, pword in enumerate(pattern):
                word = sent.words[i + j]
                if kind in ("alias", "cue"):
                    # a cue's first word may be a verb (تعاونت, لم تتعاون); a name may not
                    good = _word_matches(
                        word, pword, prefixes=True, suffixes=kind == "cue", verbs=verbs and kind == "cue" and j == 0
                    )
                else:
                    # function words: و/ف on the first word, a pronoun on the last (إلا أنهم)
                    if j == 0:
                        good = _conj_only(word, pword, suffixes=(kind == "marker" and k == 1))
                    elif j == k - 1 and kind == "marker":
                        good = word == pword or (
                            word.startswith(pword) and word[len(pword) :] in _SUFFIXES
                        )
                    else:
                        good = word == pword
                if not good:
                    ok = False
                    break
            if ok and _phrase_ok(sent, i, i + k - 1):
                weight = info[1] if kind == "cue" else 0.0
                candidates.append((-k, -weight, i, key, tuple(info)))
    candidates.sort(key=lambda c: (c[0], c[1], c[2], c[3]))
    taken: set[int] = set()
    found = []
    for negk, _, i, key, info in candidates:
        span = set(range(i, i - negk))
        if span & taken:
            continue
        taken |= span
        last = i - negk - 1
        found.append(
            Match(key, sent.surface(i, last), i, last, sent.starts[i], sent.ends[last], info)
        )
    return sorted(found, key=lambda m: m.first)


def _sentences(sentences: pd.DataFrame, tokens: pd.DataFrame | None) -> list[_Sentence]:
    """Pair each sentence with its word tokens. Without ``tokens``, the sentence text is
    tokenised here with the study's `tokenize` (offsets shifted by the sentence's
    ``start``, so they stay article offsets)."""
    needed = {"article_id", "sentence", "start", "end", "text"}
    missing = needed - set(sentences.columns)
    if missing:
        raise ValueError(f"sentences lacks columns {sorted(missing)}")
    by_sentence: dict[tuple[str, int], list[tuple[int, int, str, str]]] = {}
    if tokens is not None:
        for row in tokens.itertuples(index=False):
            by_sentence.setdefault((row.article_id, int(row.sentence)), []).append(
                (int(row.start), int(row.end), row.surface, row.norm)
            )
    result = []
    for row in sentences.itertuples(index=False):
        key = (row.article_id, int(row.sentence))
        if tokens is None:
            toks = [
                (row.start + s.start, row.start + s.end, row.text[s.start : s.end], normalize(row.text[s.start : s.end]))
                for s in tokenize(row.text)
            ]
        else:
            toks = sorted(by_sentence.get(key, []))
        words, starts, ends, gaps = [], [], [], []
        pending = ""
        for start, end, surface, norm in toks:
            if token_kind(surface) == "punct":
                pending += surface
                continue
            words.append(norm)
            starts.append(start)
            ends.append(end)
            gaps.append(pending)
            pending = ""
        result.append(
            _Sentence(
                row.article_id, int(row.sentence), tuple(words), tuple(starts),
                tuple(ends), tuple(gaps), row.text, int(row.start),
            )
        )
    return result


def find_mentions(sentence: _Sentence, target: Target) -> list[Match]:
    """Target mentions in one sentence; ``info`` is ``(actor_id,)``."""
    return _find(sentence, target.aliases, "alias")


def find_cues(sentence: _Sentence, lexicon: Lexicon, verbs: bool = True) -> list[Match]:
    """Cue matches in one sentence; ``info`` is ``(polarity, weight)``. ``verbs``: also
    match a cue's first word as an inflected verb (`_verb_matches`)."""
    return _find(sentence, lexicon.cues, "cue", verbs)


# --- labelling ----------------------------------------------------------------------


def _clause_break_between(sent: _Sentence, a: int, b: int) -> bool:
    """Is there clause-ending punctuation between word ``a`` and word ``b`` (a < b)?"""
    return any(set(sent.gaps[i]) & _CLAUSE_BREAKS for i in range(a + 1, b + 1))


def _negator_of(sent: _Sentence, negators: list[Match], position: int) -> Match | None:
    """The negator whose scope reaches word ``position``: before it, at most its
    ``scope_tokens`` words away, in the same clause; the nearest one if several."""
    found = None
    for neg in negators:  # sorted by position: the last that reaches is the nearest
        if neg.last < position and position - neg.last <= neg.info[0] and not _clause_break_between(
            sent, neg.last, position
        ):
            found = neg
    return found


def _negation_chain(sent: _Sentence, negators: list[Match], position: int) -> list[Match]:
    """The negators acting on word ``position``, nearest first: the one whose scope
    reaches it, then the one whose scope reaches that negator, and so on.

    A negator is itself negated by a negator in front of it: ``لا تمانع التعاون`` (does
    not object to cooperating) is ``لا`` over ``تمانع`` over ``تعاون``, two negations,
    and the cue keeps its polarity. So a word between a negator and a cue stops the
    negator from reaching the cue only when that word is itself a negator (a refusal
    or objection verb); any other word in between is read as part of the negated
    predicate (``لم يثبت تورط``: the involvement was not proven)."""
    chain: list[Match] = []
    neg = _negator_of(sent, negators, position)
    while neg is not None and neg not in chain:
        chain.append(neg)
        neg = _negator_of(sent, negators, neg.first)
    return chain


def _chain_match(sent: _Sentence, chain: list[Match]) -> Match:
    """A negation chain as one match: its single negator, or the words from the
    outermost negator to the innermost (``لا تمانع``)."""
    if len(chain) == 1:
        return chain[0]
    outer, inner = chain[-1], chain[0]
    return Match(
        " ".join(n.key for n in reversed(chain)), sent.surface(outer.first, inner.last),
        outer.first, inner.last, outer.start, inner.end, inner.info,
    )


def _label_one(
    sent: _Sentence, target: Target, lexicon: Lexicon, negation: bool, contrast: bool, verbs: bool = True
) -> dict:
    mentions = find_mentions(sent, target)
    cues = find_cues(sent, lexicon, verbs)
    cue_words = {i for m in cues for i in range(m.first, m.last + 1)}
    markers = _find(sent, lexicon.markers, "marker") if contrast else []
    marker_words = {i for m in markers for i in range(m.first, m.last + 1)}
    negators = (
        [
            m
            for m in _find(sent, lexicon.negators, "negator")
            if not ({*range(m.first, m.last + 1)} & (cue_words | marker_words))
        ]
        if negation
        else []
    )

    records = []
    for cue in cues:
        polarity, weight = cue.info
        chain = _negation_chain(sent, negators, cue.first)
        effective = polarity
        if len(chain) % 2:
            effective = "FAVOR" if polarity == "AGAINST" else "AGAINST"
        records.append(
            {"match": cue, "polarity": polarity, "effective": effective, "weight": weight,
             "negator": _chain_match(sent, chain) if len(chain) % 2 else None,
             "double_negation": _chain_match(sent, chain) if chain and not len(chain) % 2 else None,
             "discounted": False}
        )

    contrast_note = ""
    for marker in markers:
        effect = marker.info[0]
        if effect == "later_clause_dominates":
            continue
        if effect == "marked_clause_conceded":
            # the conceded clause runs from the marker to the next clause break
            stop = marker.last
            while stop + 1 < len(sent.words) and not (set(sent.gaps[stop + 1]) & _CLAUSE_BREAKS):
                stop += 1
            inside = [r for r in records if marker.last < r["match"].first <= stop]
            outside = [r for r in records if r not in inside]
            if inside and outside:
                for r in inside:
                    r["discounted"] = True
                contrast_note = f"'{marker.surface}' concedes its clause"
    dominating = [m for m in markers if m.info[0] == "later_clause_dominates"]
    if dominating:
        marker = dominating[-1]
        after = [r for r in records if r["match"].first > marker.last]
        before = [r for r in records if r["match"].first < marker.first]
        if after and before:
            for r in before:
                r["discounted"] = True
            contrast_note = f"after '{marker.surface}' the later clause dominates"
        elif after or before:
            contrast_note = f"'{marker.surface}' found; cues on one side only, all counted"

    counted = [r for r in records if not r["discounted"]]
    score = round(sum(r["weight"] * (1 if r["effective"] == "FAVOR" else -1) for r in counted), 6)
    if not mentions:
        label = "NONE"
        reason = "no mention of the target"
    elif score > 0:
        label, reason = "FAVOR", f"score {score:+g}"
    elif score < 0:
        label, reason = "AGAINST", f"score {score:+g}"
    else:
        label = "NONE"
        reason = "no counted cue" if not counted else "cues cancel out (score 0)"

    deciding = ""
    if label != "NONE":
        winners = [r for r in counted if r["effective"] == label]
        best = max(winners, key=lambda r: (r["weight"], -r["match"].first))
        deciding = _describe_cue(best)

    mention_text = "|".join(f"{m.surface}@{m.start}-{m.end}[{m.info[0]}]" for m in mentions)
    cue_text = "|".join(_describe_cue(r) for r in records)
    parts = [
        f"target '{target.name}': "
        + (", ".join(f"{m.surface} [{m.info[0]}]" for m in mentions) if mentions else "not mentioned"),
        "cues: " + ("; ".join(_describe_cue(r) for r in records) if records else "none"),
    ]
    if contrast_note:
        parts.append("contrast: " + contrast_note)
    parts.append(f"{reason} -> {label}")
    return {
        "article_id": sent.article_id,
        "sentence": sent.sentence,
        "label": label,
        "score": score,
        "n_mentions": len(mentions),
        "mentions": mention_text,
        "cues": cue_text,
        "deciding_cue": deciding,
        "explanation": "; ".join(parts),
    }


def _describe_cue(record: dict) -> str:
    """``surface@start-end=cue/POLARITY/weight`` plus ``/negated by X (was P)``,
    ``/double negation by X`` and ``/discounted`` when they apply."""
    m = record["match"]
    text = f"{m.surface}@{m.start}-{m.end}={m.key}/{record['effective']}/{record['weight']:g}"
    if record["negator"] is not None:
        text += f"/negated by {record['negator'].surface} (was {record['polarity']})"
    if record.get("double_negation") is not None:
        text += f"/double negation by {record['double_negation'].surface}"
    if record["discounted"]:
        text += "/discounted"
    return text


OUTPUT_COLUMNS = [
    "article_id", "sentence", "label", "score", "n_mentions", "mentions", "cues",
    "deciding_cue", "explanation",
]


def label_sentences(
    sentences: pd.DataFrame,
    tokens: pd.DataFrame | None = None,
    target: str | Target = "us_tech_companies",
    lexicon: Lexicon | None = None,
    *,
    negation: bool = True,
    contrast: bool = True,
    verbs: bool = True,
) -> pd.DataFrame:
    """Label every sentence for its stance toward ``target``.

    ``sentences`` is the corpus's sentence table (``article_id, sentence, start, end,
    text``); ``tokens`` its token table (tokenised here if None). ``target`` is a
    target file's name or a `Target`; ``lexicon`` defaults to the study's files.
    ``negation`` and ``contrast`` switch those steps off (for the baseline); ``verbs``
    switches off matching cues as inflected verbs (for the held-out provenance check).

    Returns one row per sentence: ``article_id, sentence, label, score, n_mentions,
    mentions, cues, deciding_cue, explanation``. ``mentions`` is ``|``-joined
    ``surface@start-end[actor_id]``; ``cues`` is ``|``-joined
    ``surface@start-end=cue/POLARITY/weight`` (polarity after negation) with
    ``/negated by ...``, ``/double negation by ...`` and ``/discounted`` when they
    apply; offsets are characters of the article text.
    """
    target = load_target(target) if isinstance(target, str) else target
    lexicon = lexicon if lexicon is not None else load_lexicon()
    rows = [_label_one(s, target, lexicon, negation, contrast, verbs) for s in _sentences(sentences, tokens)]
    return pd.DataFrame(rows, columns=OUTPUT_COLUMNS)


def label_text(
    text: str, target: str | Target = "us_tech_companies", lexicon: Lexicon | None = None, **options
) -> pd.Series:
    """Label one piece of text as a single sentence (article id ``text``); returns the
    row of `label_sentences`. For trying a sentence by hand and for tests."""
    sentences = pd.DataFrame(
        [{"article_id": "text", "sentence": 1, "start": 0, "end": len(text), "text": text}]
    )
    return label_sentences(sentences, None, target, lexicon, **options).iloc[0]


def majority_baseline(
    sentences: pd.DataFrame, gold: pd.DataFrame, target: str | Target | None = None
) -> pd.DataFrame:
    """Every sentence gets the most frequent gold label (ties: the first in `LABELS`),
    counted over the gold rows of ``target`` (see `evaluate`). In-sample by
    construction: the majority is read from the gold it is scored on."""
    counts = _gold_for(gold, target)["label"].value_counts()
    top = max(LABELS, key=lambda lab: (counts.get(lab, 0), -LABELS.index(lab)))
    pred = sentences[["article_id", "sentence"]].copy()
    pred["label"] = top
    return pred


def cue_count_baseline(
    sentences: pd.DataFrame, tokens: pd.DataFrame | None = None, target: str | Target = "us_tech_companies",
    lexicon: Lexicon | None = None,
) -> pd.DataFrame:
    """The labeller with negation and contrast switched off: the same mentions and
    cues, weights summed as found."""
    return label_sentences(sentences, tokens, target, lexicon, negation=False, contrast=False)


def _raw_sites(sents: list[_Sentence], entries, kind: str) -> list[set[tuple[str, int]]]:
    """For each entry, the sentences it matches in, each entry matched on its own
    (so a cue inside a longer cue counts where the longer one is found)."""
    return [
        {(sent.article_id, sent.sentence) for sent in sents if _find(sent, [entry], kind)}
        for entry in entries
    ]


_WITHHOLDABLE = ("cues", "aliases")


def leave_one_out(
    sentences: pd.DataFrame,
    tokens: pd.DataFrame | None = None,
    target: str | Target = "us_tech_companies",
    lexicon: Lexicon | None = None,
    *,
    withhold: tuple[str, ...] = ("cues", "aliases"),
    negation: bool = True,
    contrast: bool = True,
) -> pd.DataFrame:
    """Label each sentence without the knowledge that could only have come from it.

    For each sentence, every cue (with ``"cues"`` in ``withhold``) and every target
    alias (with ``"aliases"``) that matches in that sentence and in no other sentence
    of ``sentences`` is removed, and the sentence is labelled with what is left. Each
    entry is matched on its own to find where it occurs, so a cue hidden inside a
    longer one (``اكدوا استعدادهم`` inside ``استعدادهم للتعاون``) counts as occurring
    there, and a shorter cue known from other sentences (``تواطؤ``) may take the place
    of a withheld longer one (``تواطؤ سلبي``). Entries that match nowhere are kept:
    they are not evidence from any sentence of this text.

    This errs on the pessimistic side for aliases: a generic name that happens to
    occur once (``الشركات الرقمية الأمريكية``) is withheld as if only that sentence
    could have taught it. Negators and contrast markers are never withheld: they are
    closed lists of function words and refusal verbs, not knowledge of this text.

    Returns the columns of `label_sentences` plus ``withheld_cues`` and
    ``withheld_aliases`` (the withheld entries as written in their files,
    ``|``-joined).
    """
    unknown = sorted(set(withhold) - set(_WITHHOLDABLE))
    if unknown:
        raise ValueError(f"withhold: unknown {unknown}; use some of {_WITHHOLDABLE}")
    target = load_target(target) if isinstance(target, str) else target
    lexicon = lexicon if lexicon is not None else load_lexicon()
    sents = _sentences(sentences, tokens)
    cue_sites = _raw_sites(sents, lexicon.cues, "cue") if "cues" in withhold else []
    alias_sites = _raw_sites(sents, target.aliases, "alias") if "aliases" in withhold else []
    rows = []
    for sent in sents:
        here = {(sent.article_id, sent.sentence)}
        drop_cues = {i for i, sites in enumerate(cue_sites) if sites == here}
        drop_aliases = {i for i, sites in enumerate(alias_sites) if sites == here}
        held_lexicon = Lexicon(
            tuple(c for i, c in enumerate(lexicon.cues) if i not in drop_cues),
            lexicon.negators,
            lexicon.markers,
        )
        held_target = Target(
            target.name, target.actors,
            tuple(a for i, a in enumerate(target.aliases) if i not in drop_aliases),
        )
        row = _label_one(sent, held_target, held_lexicon, negation, contrast)
        row["withheld_cues"] = "|".join(lexicon.cues[i][1] for i in sorted(drop_cues))
        row["withheld_aliases"] = "|".join(target.aliases[i][1] for i in sorted(drop_aliases))
        rows.append(row)
    return pd.DataFrame(rows, columns=OUTPUT_COLUMNS + ["withheld_cues", "withheld_aliases"])


#: The labeller's variants compared by `ablation`: name -> options of `label_sentences`.
ABLATION_VARIANTS = {
    "rules": {},
    "no negation": {"negation": False},
    "no contrast": {"contrast": False},
    "neither": {"negation": False, "contrast": False},
}


def ablation(
    sentences: pd.DataFrame,
    tokens: pd.DataFrame | None = None,
    target: str | Target = "us_tech_companies",
    lexicon: Lexicon | None = None,
    gold: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Each sentence's label under each of `ABLATION_VARIANTS` (the full rules, then
    with negation, contrast or both switched off): ``article_id, sentence``, one
    column per variant, ``gold`` (with ``gold``, filtered to ``target`` as in
    `evaluate`) and ``changed`` (True where some variant differs from ``rules``)."""
    target = load_target(target) if isinstance(target, str) else target
    lexicon = lexicon if lexicon is not None else load_lexicon()
    keys = ["article_id", "sentence"]
    table = None
    for name, options in ABLATION_VARIANTS.items():
        variant = label_sentences(sentences, tokens, target, lexicon, **options)[keys + ["label"]]
        variant = variant.rename(columns={"label": name})
        table = variant if table is None else table.merge(variant, on=keys, how="left")
    if gold is not None:
        gold = _gold_for(gold, target)[keys + ["label"]].rename(columns={"label": "gold"})
        table = table.merge(gold, on=keys, how="left")
    names = list(ABLATION_VARIANTS)
    table["changed"] = table[names].ne(table["rules"], axis=0).any(axis=1)
    return table.reset_index(drop=True)


def ablation_changes(table: pd.DataFrame) -> pd.Series:
    """From an `ablation` table: for each variant but ``rules``, how many sentences
    it labels differently from the full rules."""
    names = [name for name in ABLATION_VARIANTS if name != "rules"]
    return pd.Series({name: int((table[name] != table["rules"]).sum()) for name in names}, name="changed")


def label_counts(labels: pd.DataFrame, gold: pd.DataFrame | None = None,
                 target: str | Target | None = None) -> pd.DataFrame:
    """Sentences per label (rows in `LABELS` order, zeros included): a ``labeller``
    column and, with ``gold`` (filtered to ``target`` as in `evaluate`), a ``gold``
    column."""
    counts = pd.DataFrame({"labeller": labels["label"].value_counts()})
    if gold is not None:
        counts["gold"] = _gold_for(gold, target)["label"].value_counts()
    counts = counts.reindex(list(LABELS)).fillna(0).astype(int)
    counts.index.name = "label"
    return counts


def label_sequence(labels: pd.DataFrame, gold: pd.DataFrame | None = None,
                   target: str | Target | None = None, *, first: str = "FAVOR") -> pd.DataFrame:
    """How the labels run through each article, one row per article (sorted):
    ``article_id``, ``sentences`` (how many), ``labels`` (the labeller's, in sentence
    order, space-joined), ``gold_labels`` (with ``gold``), ``first_sentence`` (the
    number of the first sentence labelled ``first``, or <NA> if none) and one column
    per label, ``before_FAVOR`` ..., counting the sentences before it with that label
    (all the article's sentences if there is none)."""
    if first not in LABELS:
        raise ValueError(f"first: {first!r} is not one of {LABELS}")
    gold = _gold_for(gold, target) if gold is not None else None
    rows = []
    for article_id, group in labels.sort_values("sentence").groupby("article_id", sort=True):
        row = {"article_id": article_id, "sentences": len(group), "labels": " ".join(group["label"])}
        if gold is not None:
            in_gold = gold[gold["article_id"] == article_id].sort_values("sentence")
            row["gold_labels"] = " ".join(in_gold["label"])
        hits = group.loc[group["label"] == first, "sentence"]
        row["first_sentence"] = int(hits.min()) if len(hits) else pd.NA
        before = group if not len(hits) else group[group["sentence"] < hits.min()]
        counts = before["label"].value_counts()
        row.update({f"before_{lab}": int(counts.get(lab, 0)) for lab in LABELS})
        rows.append(row)
    table = pd.DataFrame(rows)
    table["first_sentence"] = table["first_sentence"].astype("Int64")
    return table


# --- evaluation ---------------------------------------------------------------------


def _gold_for(gold: pd.DataFrame, target: str | Target | None) -> pd.DataFrame:
    """The gold rows of ``target`` (a name or a `Target`). A gold without a ``target``
    column is taken as is; with one, ``target=None`` is allowed only if it holds a
    single target. Raises ValueError if the gold has no row for ``target``."""
    if "target" not in gold.columns:
        return gold
    name = target.name if isinstance(target, Target) else target
    if name is None:
        held = sorted(set(gold["target"]))
        if len(held) > 1:
            raise ValueError(f"gold holds several targets {held}: pass target=")
        return gold
    chosen = gold[gold["target"] == name]
    if chosen.empty:
        raise ValueError(f"gold has no rows for target {name!r}")
    return chosen


@dataclass
class Evaluation:
    """Scores of predicted labels against gold.

    ``per_label``: precision, recall, F1 and support per label. ``macro_f1`` averages F1
    over the three labels; ``f_avg`` is SemEval-2016 Task 6's mean of F1(FAVOR) and
    F1(AGAINST). A label with no prediction has precision 0, one with no gold recall 0,
    and F1 is 0 when precision + recall is 0. ``kappa`` is Cohen's kappa between the
    predictions and the gold (NaN when chance agreement is 1). ``confusion``: gold in
    rows, predicted in columns. ``disagreements``: the sentences where they differ.
    """

    n: int
    accuracy: float
    macro_f1: float
    f_avg: float
    kappa: float
    per_label: pd.DataFrame
    confusion: pd.DataFrame
    disagreements: pd.DataFrame

    def summary(self) -> dict:
        """The headline figures as a dict (rounded to 3 decimals)."""
        return {
            "n": self.n,
            "accuracy": round(self.accuracy, 3),
            "macro_f1": round(self.macro_f1, 3),
            "f_avg": round(self.f_avg, 3),
            "kappa": round(self.kappa, 3),
        }


def evaluate(pred: pd.DataFrame, gold: pd.DataFrame, target: str | Target | None = None) -> Evaluation:
    """Compare ``pred`` (``article_id, sentence, label``, any more columns kept for the
    disagreements) with ``gold`` (same keys, ``label``, optional ``rationale`` and
    ``target``).

    ``target`` (a name or a `Target`) picks the gold rows whose ``target`` column
    names it, so one gold file can hold several targets; it may be left out when the
    gold holds one target or has no ``target`` column.

    Raises ValueError if a gold sentence has no prediction, a key is repeated, a label
    is not one of `LABELS`, the gold has no row for ``target``, or it holds several
    targets and none is named.
    """
    gold = _gold_for(gold, target)
    keys = ["article_id", "sentence"]
    for name, table in (("pred", pred), ("gold", gold)):
        if table.duplicated(keys).any():
            raise ValueError(f"{name}: repeated (article_id, sentence) rows")
        bad = sorted(set(table["label"]) - set(LABELS))
        if bad:
            raise ValueError(f"{name}: unknown labels {bad}")
    merged = gold.merge(pred, on=keys, how="left", suffixes=("_gold", "_pred"))
    if merged["label_pred"].isna().any():
        missing = merged.loc[merged["label_pred"].isna(), keys].to_dict("records")
        raise ValueError(f"pred has no label for {missing}")
    g, p = merged["label_gold"], merged["label_pred"]
    n = len(merged)
    confusion = pd.crosstab(
        pd.Categorical(g, categories=LABELS), pd.Categorical(p, categories=LABELS), dropna=False
    )
    confusion.index = pd.Index(LABELS, name="gold")
    confusion.columns = pd.Index(LABELS, name="predicted")
    rows = []
    for lab in LABELS:
        tp = int(confusion.loc[lab, lab])
        predicted = int(confusion[lab].sum())
        actual = int(confusion.loc[lab].sum())
        precision = tp / predicted if predicted else 0.0
        recall = tp / actual if actual else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        rows.append({"label": lab, "precision": precision, "recall": recall, "f1": f1, "support": actual})
    per_label = pd.DataFrame(rows).set_index("label")
    accuracy = float((g == p).mean()) if n else float("nan")
    observed = accuracy
    chance = sum((g == lab).mean() * (p == lab).mean() for lab in LABELS) if n else float("nan")
    kappa = (observed - chance) / (1 - chance) if chance != 1 else float("nan")
    columns = keys + ["label_gold", "label_pred"] + [
        c for c in ("rationale", "explanation", "deciding_cue") if c in merged.columns
    ]
    disagreements = merged.loc[g != p, columns].rename(columns={"label_gold": "gold", "label_pred": "predicted"})
    return Evaluation(
        n=n,
        accuracy=accuracy,
        macro_f1=float(per_label["f1"].mean()),
        f_avg=float((per_label.loc["FAVOR", "f1"] + per_label.loc["AGAINST", "f1"]) / 2),
        kappa=float(kappa),
        per_label=per_label,
        confusion=confusion,
        disagreements=disagreements.reset_index(drop=True),
    )


# --- reading the labeller's output, and figures -------------------------------------

#: Colours of the labels in the study's figures: Okabe-Ito blue and orange, safe for
#: colour-blind readers and far apart in greyscale (dark, mid, light); every figure
#: also writes the label as text, because colour alone fails in greyscale print.
LABEL_COLOURS = {"FAVOR": "#0072B2", "AGAINST": "#E69F00", "NONE": "#E8E8E8"}
#: Text colour on each label's fill, chosen for contrast.
LABEL_TEXT_COLOURS = {"FAVOR": "white", "AGAINST": "black", "NONE": "#333333"}

_MATCH_RE = re.compile(
    r"^(?P<surface>.+?)@(?P<start>\d+)-(?P<end>\d+)"
    r"(?:\[(?P<actor_id>[^\]]*)\]"
    r"|=(?P<key>[^/]+)/(?P<polarity>FAVOR|AGAINST)/(?P<weight>[0-9.]+)"
    r"(?:/negated by (?P<negated_by>.+?) \(was (?P<was>FAVOR|AGAINST)\))?"
    r"(?:/double negation by (?P<double_negation>.+?))?"
    r"(?P<discounted>/discounted)?)$",
    re.DOTALL,
)


def parse_matches(field: str) -> list[dict]:
    """Split a ``mentions``, ``cues`` or ``deciding_cue`` cell of `label_sentences`
    back into records: ``surface, start, end`` and either ``actor_id`` (a mention) or
    ``key, polarity`` (after negation), ``weight, negated_by, double_negation,
    discounted`` (a cue; ``double_negation`` is the two negators that cancel out, as in
    ``لا تمانع``, or "").
    An empty cell gives ``[]``; a malformed item raises ValueError."""
    records = []
    for item in field.split("|") if field else []:
        found = _MATCH_RE.match(item)
        if not found:
            raise ValueError(f"not a labeller match: {item!r}")
        g = found.groupdict()
        record = {"surface": g["surface"], "start": int(g["start"]), "end": int(g["end"])}
        if g["actor_id"] is not None:
            record["actor_id"] = g["actor_id"]
        else:
            record.update(
                key=g["key"], polarity=g["polarity"], weight=float(g["weight"]),
                negated_by=g["negated_by"] or "", double_negation=g["double_negation"] or "",
                discounted=bool(g["discounted"]),
            )
        records.append(record)
    return records


def _show_match(record: dict) -> str:
    """One match for a reader: ``surface [start-end]`` then the actor, or the
    polarity and weight with negation and discounting spelt out."""
    # a hyphen, not an en dash: between two numbers inside Arabic (right-to-left) text
    # an en dash is a neutral and the bidi algorithm shows the range as end-start
    text = f"{record['surface']} [{record['start']}-{record['end']}]"
    if "actor_id" in record:
        return f"{text} {record['actor_id']}"
    text += f" {record['polarity']} {record['weight']:g}"
    if record["negated_by"]:
        text += f" (negated by {record['negated_by']})"
    if record["double_negation"]:
        text += f" (double negation by {record['double_negation']}: not flipped)"
    if record["discounted"]:
        text += " (discounted)"
    return text


def stance_table(labels: pd.DataFrame, sentences: pd.DataFrame | None = None) -> pd.DataFrame:
    """The labeller's output as a reader's table, one row per sentence: ``article_id,
    sentence, label, score, mentions, deciding_cue, cues`` and, when ``sentences`` (the
    corpus's sentence table) is given, ``text`` with its line breaks joined. Matches
    read ``surface [start-end]`` (character offsets into the article) with the actor,
    or the cue's polarity after negation and its weight, and whether it was negated
    or discounted; several are joined by `` · ``."""

    def show(field: str) -> str:
        return " · ".join(_show_match(r) for r in parse_matches(field))

    table = pd.DataFrame(
        {
            "article_id": labels["article_id"],
            "sentence": labels["sentence"],
            "label": labels["label"],
            "score": labels["score"],
            "mentions": labels["mentions"].map(show),
            "deciding_cue": labels["deciding_cue"].map(show),
            "cues": labels["cues"].map(show),
        }
    )
    if sentences is not None:
        texts = sentences.set_index(["article_id", "sentence"])["text"]
        keys = zip(table["article_id"], table["sentence"])
        table["text"] = [" ".join(texts[key].split()) for key in keys]
    return table.reset_index(drop=True)


def score_table(evaluations: dict[str, Evaluation]) -> pd.DataFrame:
    """Several labellers' `Evaluation` side by side, one row per labeller (the dict's
    keys, in order): ``n, correct, accuracy, macro_f1, f_avg, kappa`` and F1 per label
    (``f1_FAVOR`` ...), unrounded."""
    rows = []
    for name, result in evaluations.items():
        row = {
            "labeller": name,
            "n": result.n,
            "correct": int(round(result.accuracy * result.n)),
            "accuracy": result.accuracy,
            "macro_f1": result.macro_f1,
            "f_avg": result.f_avg,
            "kappa": result.kappa,
        }
        row.update({f"f1_{lab}": float(result.per_label.loc[lab, "f1"]) for lab in LABELS})
        rows.append(row)
    return pd.DataFrame(rows).set_index("labeller")


def _why_none(row) -> str:
    """What a NONE cell says in place of a deciding cue."""
    if row.n_mentions == 0:
        return "target not named"
    return "cues cancel out" if row.cues else "no cue"


def stance_strip_data(labels: pd.DataFrame, gold: pd.DataFrame | None = None,
                      target: str | Target | None = None) -> pd.DataFrame:
    """The numbers behind `stance_strip_figure`, one row per sentence in article order:
    ``article_id, sentence, label, score, deciding_cue`` (the labeller's cell, with
    offsets), ``deciding_cue_text`` (its surface, or for NONE why there is none:
    ``target not named``, ``no cue``, ``cues cancel out``) and, with ``gold``
    (filtered to ``target`` as in `evaluate`), ``gold_label``."""
    data = labels.sort_values(["article_id", "sentence"], kind="stable").reset_index(drop=True)
    cue_text = [
        " ".join(parse_matches(row.deciding_cue)[0]["surface"].split()) if row.deciding_cue else _why_none(row)
        for row in data.itertuples()
    ]
    strip = data[["article_id", "sentence", "label", "score", "deciding_cue"]].copy()
    strip["deciding_cue_text"] = cue_text
    if gold is not None:
        gold_labels = _gold_for(gold, target).set_index(["article_id", "sentence"])["label"]
        strip["gold_label"] = [
            gold_labels.get((a, s), "") for a, s in zip(strip["article_id"], strip["sentence"])
        ]
    return strip


def _wrap_words(text: str, width: int) -> list[str]:
    """Greedy word wrap to lines of at most ``width`` characters (a longer word gets a
    line of its own). Arabic is wrapped in logical order, before `ar`, so that each
    line is shaped on its own."""
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines


def stance_strip_figure(labels: pd.DataFrame, gold: pd.DataFrame | None = None,
                        target: str | Target | None = None, *, title: str | None = None, wrap: int = 11):
    """Each article as a strip of its sentences, coloured by label.

    One row of cells per article, sentence 1 at the **right**, as the Arabic text
    runs. Each cell gives the label and the score in words; under it, the deciding cue
    as it stands in the text (through `ar`, wrapped at ``wrap`` characters, each line
    shaped on its own), or in English why a NONE has none. With ``gold`` (filtered to
    ``target`` as in `evaluate`), a sentence whose gold label differs gets a dashed
    frame and ``gold: <label>`` in its cell.

    Returns ``(fig, data)`` with ``data`` from `stance_strip_data`, ready for
    `arabic_media.plotting.save_figure`.
    """
    import matplotlib.pyplot as plt
    from matplotlib.patches import Rectangle

    from arabic_media.plotting import FALLBACK_FONT, ar

    data = stance_strip_data(labels, gold, target)
    articles = list(dict.fromkeys(data["article_id"]))
    if not articles:
        raise ValueError("no sentences to draw")
    widest = int(data.groupby("article_id").size().max())
    under = []  # the lines of text under each cell, in logical order
    for row in data.itertuples():
        if row.deciding_cue:
            lines = _wrap_words(row.deciding_cue_text, wrap)
            negator = parse_matches(row.deciding_cue)[0]["negated_by"]
            if negator:
                # the cue's own polarity is the opposite of the label: say why
                lines += ["negated by", " ".join(negator.split())]
        else:
            lines = _wrap_words(row.deciding_cue_text, 9)
        under.append(lines)
    data_lines = dict(zip(zip(data["article_id"], data["sentence"]), under))
    # One data unit is about an inch (a cell is 1 high); an 11 pt line of Amiri, whose
    # Arabic ascenders and descenders are tall, takes about 0.3 of it.
    bottom = -(0.2 + 0.3 * max(len(lines) for lines in under))
    fig, axes = plt.subplots(
        len(articles), 1, squeeze=False,
        figsize=(0.95 * widest + 0.6, (1.02 - bottom + 0.7) * len(articles) + 0.4),
    )
    for ax, article_id in zip(axes[:, 0], articles):
        rows = data[data["article_id"] == article_id].reset_index(drop=True)
        n = len(rows)
        for k, row in rows.iterrows():
            x = widest - 1 - k  # sentence 1 on the right; short articles aligned right
            differs = gold is not None and row["gold_label"] not in ("", row["label"])
            ax.add_patch(
                Rectangle(
                    (x - 0.46, 0), 0.92, 1, facecolor=LABEL_COLOURS[row["label"]],
                    edgecolor="black" if differs else "#999999",
                    linestyle="--" if differs else "-", linewidth=1.6 if differs else 0.6,
                )
            )
            in_cell = f"{row['label']}\n{row['score']:+g}"
            if differs:
                in_cell += f"\ngold: {row['gold_label']}"
            # Latin and digits only: DejaVu Sans, whose full stop reads better than Amiri's
            ax.text(x, 0.5, in_cell, ha="center", va="center", fontsize=8.5, linespacing=1.3,
                    color=LABEL_TEXT_COLOURS[row["label"]], fontfamily=FALLBACK_FONT)
            lines = data_lines[(article_id, row["sentence"])]
            if row["deciding_cue"]:
                ax.text(x, -0.12, "\n".join(ar(line) for line in lines), ha="center", va="top",
                        fontsize=11, linespacing=1.1)
            else:
                ax.text(x, -0.14, "\n".join(lines), ha="center", va="top", fontsize=8.5,
                        color="#555555", style="italic")
        ax.set_xlim(-0.55, widest - 0.45)
        ax.set_ylim(bottom, 1.02)
        ax.set_xticks([widest - 1 - k for k in range(n)], [str(s) for s in rows["sentence"]], fontsize=8)
        ax.xaxis.tick_top()
        ax.tick_params(axis="x", length=0, pad=2)
        ax.set_yticks([])
        for spine in ax.spines.values():
            spine.set_visible(False)
        ax.set_title(f"{article_id}: sentence number above, read from the right",
                     fontsize=9, loc="right", color="#333333")
    fig.suptitle(
        title or "Stance toward the target, sentence by sentence; under each cell the deciding cue",
        fontsize=11,
    )
    return fig, data


def stance_share_data(labels: pd.DataFrame) -> pd.DataFrame:
    """Sentences per label per article (all of `LABELS`, zeros included):
    ``article_id, label, sentences, share`` (share of the article's sentences)."""
    rows = []
    for article_id, group in labels.groupby("article_id", sort=True):
        counts = group["label"].value_counts()
        for lab in LABELS:
            count = int(counts.get(lab, 0))
            rows.append({"article_id": article_id, "label": lab, "sentences": count,
                         "share": count / len(group)})
    return pd.DataFrame(rows, columns=["article_id", "label", "sentences", "share"])


def stance_share_figure(labels: pd.DataFrame, *, title: str | None = None):
    """Sentences per label, one panel per article, bars in `LABEL_COLOURS` with the
    count written at each bar's end. Returns ``(fig, data)`` with ``data`` from
    `stance_share_data`."""
    import matplotlib.pyplot as plt

    from arabic_media.plotting import barh

    data = stance_share_data(labels)
    articles = list(dict.fromkeys(data["article_id"]))
    if not articles:
        raise ValueError("no sentences to count")
    fig, axes = plt.subplots(len(articles), 1, figsize=(6, 1.6 * len(articles) + 0.6),
                             squeeze=False, sharex=True)
    top = int(data["sentences"].max())
    for ax, article_id in zip(axes[:, 0], articles):
        rows = data[data["article_id"] == article_id]
        last = article_id == articles[-1]
        barh(ax, rows["label"], rows["sentences"], xlabel="sentences" if last else None)
        for bar, lab, count in zip(ax.patches, rows["label"], rows["sentences"]):
            bar.set_facecolor(LABEL_COLOURS[lab])
            bar.set_edgecolor("#666666")
            ax.text(bar.get_width() + top * 0.02, bar.get_y() + bar.get_height() / 2, str(count),
                    va="center", fontsize=10)
        ax.set_xlim(0, top * 1.12 + 0.5)
        ax.set_title(f"{article_id} ({int(rows['sentences'].sum())} sentences)",
                     fontsize=9, loc="left")
    fig.suptitle(title or "Sentences per stance label", fontsize=11)
    return fig, data


def stance_confusion_figure(result: Evaluation, *, title: str | None = None):
    """The confusion matrix of an `Evaluation` (gold in rows, labeller in columns) as
    a grid of counts, darker for more; the diagonal is framed. Returns ``(fig,
    data)`` with ``data`` in long form: ``gold, predicted, sentences``."""
    import matplotlib.pyplot as plt
    from matplotlib.patches import Rectangle

    matrix = result.confusion.loc[list(LABELS), list(LABELS)]
    values = matrix.to_numpy()
    fig, ax = plt.subplots(figsize=(4.6, 4.0))
    ax.imshow(values, cmap="Greys", vmin=0, vmax=max(int(values.max()), 1) * 1.6)
    for i in range(len(LABELS)):
        for j in range(len(LABELS)):
            ax.text(j, i, str(int(values[i, j])), ha="center", va="center", fontsize=13,
                    color="white" if values[i, j] > values.max() * 0.6 else "black")
        ax.add_patch(Rectangle((i - 0.5, i - 0.5), 1, 1, fill=False, edgecolor="black", linewidth=1.2))
    ax.set_xticks(range(len(LABELS)), LABELS)
    ax.set_yticks(range(len(LABELS)), LABELS)
    ax.set_xlabel("labeller")
    ax.set_ylabel("gold")
    ax.set_title(title or f"Labeller against gold ({result.n} sentences)", fontsize=11)
    data = (
        matrix.rename_axis(index="gold", columns="predicted").stack().rename("sentences")
        .reset_index()
    )
    data["sentences"] = data["sentences"].astype(int)
    return fig, data
