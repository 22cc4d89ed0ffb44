"""The Arabic phrase matcher: lexicon phrases found in a sentence's normalised words.

One matcher serves every lexicon: actor aliases (`arabic_media.actors`), stance cues,
negators and contrast markers (`arabic_media.stance`), attribution cues. A pattern is
a phrase's tuple of normalised word tokens; a sentence is seen as its word tokens
(`SentenceWords`, built from the one segmentation, `arabic_media.text.segment_article`).

The Arabic traps handled here: a word carries proclitics (``و ف`` + ``ب ل ك`` + ``ال``,
``لل``) in front and pronoun suffixes or the accusative alef behind; a verb inflects
(`verb_matches`); function words take only a conjunction. Lists of affixes come from
`arabic_media.affixes`. Each match is a `Match` record with word positions and
character offsets into the article; nothing is encoded in a string.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from arabic_media.affixes import (
    CONJUNCTIONS,
    NOUN_SUFFIXES,
    OBJECT_PRONOUNS,
    PERSON_PREFIXES,
    PROCLITICS,
    VERB_ENDINGS,
    VERB_LEADS,
    strip_article,
)
from arabic_media.text import normalize, token_kind, tokenize

__all__ = [
    "TRANSPARENT",
    "CLAUSE_BREAKS",
    "Match",
    "SentenceWords",
    "phrase_pattern",
    "sentence_words",
    "verb_matches",
    "find",
    "clause_break_between",
]

# Clitic prefixes a word may carry in front of a name or a cue (longest first), or none.
_PREFIXES = PROCLITICS + ("",)
_CONJ_OR_NONE = ("",) + CONJUNCTIONS
#: Quotes and brackets do not break a phrase ("كلاود فلاير" is one name inside quotes);
#: other punctuation does.
TRANSPARENT = frozenset("\"'«»“”‘’()[]")
#: Punctuation that ends a clause: a negator does not reach across it.
CLAUSE_BREAKS = frozenset("،,؛;:.!?؟")



def phrase_pattern(phrase: str) -> tuple[str, ...]:
    """A phrase as the tuple of its normalised word tokens."""
    norm = normalize(phrase.strip())
    return tuple(
        norm[s.start : s.end] for s in tokenize(norm) if token_kind(norm[s.start : s.end]) != "punct"
    )


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


def verb_matches(word: str, stem: str) -> bool:
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
    for lead in VERB_LEADS:
        if not word.startswith(lead):
            continue
        for person in PERSON_PREFIXES:
            front = lead + person
            if not word.startswith(front) or not word[len(front) :].startswith(stem):
                continue
            rest = word[len(front) + len(stem) :]
            for pronoun in OBJECT_PRONOUNS:
                if not rest.endswith(pronoun):
                    continue
                ending = rest[: len(rest) - len(pronoun)]
                if ending in VERB_ENDINGS or (pronoun and ending == "و"):
                    return True
    return False


def _word_matches(word: str, pattern_word: str, *, prefixes: bool, suffixes: bool, verbs: bool = False) -> bool:
    """Does text word ``word`` (normalised) realise ``pattern_word``, allowing clitic
    prefixes (and, for cues, a pronoun suffix; with ``verbs``, the inflections of
    `verb_matches` too)?"""
    if word == pattern_word:
        return True
    if not prefixes:
        return False
    base, had_article = strip_article(pattern_word)
    if verbs and not had_article and verb_matches(word, pattern_word):
        return True
    for prefix in _PREFIXES:
        if not word.startswith(prefix):
            continue
        rest = word[len(prefix) :]
        if rest == base:
            return True
        if suffixes and len(base) >= 3 and rest.startswith(base) and rest[len(base) :] in NOUN_SUFFIXES:
            return True
    return False


def _conj_only(word: str, pattern_word: str, *, suffixes: bool) -> bool:
    """Function words (negators, contrast markers) take only و or ف in front: ``ولم``,
    ``ولكن``; ``كلم`` is not ك + لم."""
    for conj in _CONJ_OR_NONE:
        if word.startswith(conj) and len(word) > len(conj):
            rest = word[len(conj) :]
            if rest == pattern_word:
                return True
            if suffixes and rest.startswith(pattern_word) and rest[len(pattern_word) :] in NOUN_SUFFIXES:
                return True
    return False


@dataclass(frozen=True)
class SentenceWords:
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


def _phrase_ok(sent: SentenceWords, first: int, last: int) -> bool:
    """A phrase may not span punctuation other than quotes and brackets."""
    return all(set(sent.gaps[i]) <= TRANSPARENT for i in range(first + 1, last + 1))


def find(sent: SentenceWords, entries, kind: str, verbs: bool = True) -> list[Match]:
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
                            word.startswith(pword) and word[len(pword) :] in NOUN_SUFFIXES
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


def sentence_words(sentences: pd.DataFrame, tokens: pd.DataFrame | None) -> list[SentenceWords]:
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
            SentenceWords(
                row.article_id, int(row.sentence), tuple(words), tuple(starts),
                tuple(ends), tuple(gaps), row.text, int(row.start),
            )
        )
    return result


def clause_break_between(sent: SentenceWords, a: int, b: int) -> bool:
    """Is there clause-ending punctuation between word ``a`` and word ``b`` (a < b)?"""
    return any(set(sent.gaps[i]) & CLAUSE_BREAKS for i in range(a + 1, b + 1))
