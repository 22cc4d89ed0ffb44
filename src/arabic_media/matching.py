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
    "text_sentence_words",
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
    """A phrase as the tuple of its normalised word tokens.

    Normalised as the text is (`arabic_media.text.normalize`) and tokenised as the text
    is, punctuation left out: the form every lexicon entry is matched in.

    Parameters
    ----------
    phrase : str
        A lexicon entry as written (an alias, a cue, a negator, a marker).

    Returns
    -------
    tuple of str
        Its word and number tokens, normalised, in order; empty when it has none.

    Examples
    --------
    >>> phrase_pattern("أكّد، «مصدر»") == ("اكد", "مصدر")
    True
    """
    norm = normalize(phrase.strip())
    return tuple(
        norm[s.start : s.end] for s in tokenize(norm) if token_kind(norm[s.start : s.end]) != "punct"
    )


@dataclass(frozen=True)
class Match:
    """One match of a lexicon entry in a sentence.

    Attributes
    ----------
    key : str
        Which entry: the alias, cue, negator or marker as written in its file.
    surface : str
        The matched text as the article writes it.
    first, last : int
        Its word positions ``first..last``, both included (indexes into the sentence's
        word tokens, `SentenceWords.words`).
    start, end : int
        Its character offsets into the article text.
    info : tuple
        The entry's data after its key (an actor id; polarity and weight; scope;
        effect).
    """

    key: str
    surface: str
    first: int
    last: int
    start: int
    end: int
    info: tuple = ()


def verb_matches(word: str, stem: str) -> bool:
    """Whether a text word inflects a verb stem.

    The rule: ``[و|ف][ل|س][ي|ت|ن|ا] + stem + [ending] + [object pronoun]``, with the
    endings of the perfect and the imperfect (``ت تا تم تما تن نا ن ا وا ون ين ان``).
    ``stem`` is the cue word as written in the lexicon, so the rule reaches the verbs
    whose stem is written like their verbal noun: forms I, V and VI, which are most of
    the stance verbs (``تعاون`` -> ``تتعاون``, ``تعاونت``, ``يتعاونون``; ``تورط`` ->
    ``تتورط``; ``حذف`` -> ``حذفت``, ``حذفوها``).

    The Arabic trap: other verbs change their letters, not just their affixes
    (``تنسيق`` / ``ينسق``, ``استغلال`` / ``يستغل``, a weak final letter ``تصدي`` /
    ``تصدت``, a hamza seat ``تواطؤ`` / ``تواطأ``), and a stemmer that guessed them
    would also guess wrong; such verbs are listed in ``stance_cues.csv`` as words of
    their own (``يستغل``, ``تواطا``), and the rule inflects those in turn.

    Parameters
    ----------
    word : str
        A text word, normalised.
    stem : str
        The verb stem: a cue word as written in its lexicon, normalised. Stems shorter
        than three letters are not inflected.

    Returns
    -------
    bool
        True when ``word`` is ``stem`` with the affixes of the rule around it.

    Examples
    --------
    >>> verb_matches("يتعاونون", "تعاون"), verb_matches("حذفوها", "حذف")
    (True, True)
    >>> verb_matches("ينسق", "تنسيق")
    False
    """
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
    """One sentence's word tokens, with what lies between them.

    The matcher sees a sentence as its words; punctuation stays in the gaps between
    them, so that a phrase may span quotes and brackets (`TRANSPARENT`) but no other
    punctuation, and a negator does not reach across a clause break (`CLAUSE_BREAKS`).

    Attributes
    ----------
    article_id : str
        The article's id.
    sentence : int
        The sentence's number in its article (from 1).
    words : tuple of str
        The word tokens (numbers too), normalised.
    starts, ends : tuple of int
        Each word's character offsets into the article.
    gaps : tuple of str
        The punctuation between word ``i - 1`` and word ``i``, at index ``i`` (at 0:
        the punctuation before the first word); ``""`` for none.
    text : str
        The sentence's text.
    text_start : int
        The sentence's character offset into the article.
    """

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
        """The text of words ``first`` to ``last``, as the article writes it.

        Parameters
        ----------
        first, last : int
            Word positions, ``first <= last``, both included.

        Returns
        -------
        str
            From the start of word ``first`` to the end of word ``last``, with the
            spaces and punctuation between them.
        """
        return self.text[self.starts[first] - self.text_start : self.ends[last] - self.text_start]


def _phrase_ok(sent: SentenceWords, first: int, last: int) -> bool:
    """A phrase may not span punctuation other than quotes and brackets."""
    return all(set(sent.gaps[i]) <= TRANSPARENT for i in range(first + 1, last + 1))


def _good(word: str, pword: str, kind: str, verbs: bool, j: int, k: int) -> bool:
    """Does text word ``word`` realise word ``j`` (of ``k``) of a pattern, ``pword``,
    for an entry of ``kind``? The one rule `find` applies to each word."""
    if kind in ("alias", "cue"):
        # a cue's first word may be a verb (تعاونت, لم تتعاون); a name may not
        return _word_matches(word, pword, prefixes=True, suffixes=kind == "cue", verbs=verbs and kind == "cue" and j == 0)
    # function words: و/ف on the first word, a pronoun on the last (إلا أنهم)
    if j == 0:
        return _conj_only(word, pword, suffixes=(kind == "marker" and k == 1))
    if j == k - 1 and kind == "marker":
        return word == pword or (word.startswith(pword) and word[len(pword) :] in NOUN_SUFFIXES)
    return word == pword


# `_good` depends only on its arguments: its answers are kept, so each distinct text word
# is compared with each pattern word once, however often both occur.
_GOOD_CACHE: dict[tuple, bool] = {}
_CACHE_LIMIT = 2_000_000


def _good_cached(word: str, pword: str, kind: str, verbs: bool, j: int, k: int) -> bool:
    key = (word, pword, kind, verbs and kind == "cue" and j == 0, j == 0, j == k - 1, k == 1)
    found = _GOOD_CACHE.get(key)
    if found is None:
        if len(_GOOD_CACHE) >= _CACHE_LIMIT:
            _GOOD_CACHE.clear()
        found = _GOOD_CACHE[key] = _good(word, pword, kind, verbs, j, k)
    return found


#: How far into a text word a pattern word may start: behind the longest proclitic
#: (``فبال``), verb lead and person prefix (``فسي``), or conjunction.
_MAX_OFFSET = max(
    max(len(p) for p in _PREFIXES),
    max(len(lead) for lead in VERB_LEADS) + max(len(person) for person in PERSON_PREFIXES),
    max(len(c) for c in _CONJ_OR_NONE),
)
_KEY = 2  # letters of a short pattern word that index it
_LONG_KEY = 3  # letters of a pattern word of three letters or more that index it
_STARTS_LIMIT = 200_000  # text words whose entries an index keeps


class _EntryIndex:
    """``entries`` indexed by the first letters their first word can show in a text
    word (the word itself, or its base without the article): three letters when the
    word has them, else two, so `find` tries at each position only the entries that can
    start there. Every way `_good` can accept a word puts the whole pattern word (or
    its base) at offset 0 to `_MAX_OFFSET` of the text word, so its key is there too
    and the index never drops a match; `_good` still decides."""

    def __init__(self, entries, kind: str, verbs: bool):
        self.entries = entries
        self.kind, self.verbs = kind, verbs
        self.by_key: dict[str, list[int]] = {}
        self.by_long_key: dict[str, list[int]] = {}
        self.always: list[int] = []  # first words too short to index
        for number, (pattern, *_) in enumerate(entries):
            if not pattern:
                continue
            first = pattern[0]
            bases = {first, strip_article(first)[0]}
            if any(len(base) < _KEY for base in bases):
                self.always.append(number)
                continue
            for base in bases:
                if len(base) >= _LONG_KEY:
                    self.by_long_key.setdefault(base[:_LONG_KEY], []).append(number)
                else:
                    self.by_key.setdefault(base[:_KEY], []).append(number)
        self.starts: dict[str, tuple[int, ...]] = {}

    def starting_at(self, word: str) -> tuple[int, ...]:
        """The entries (by number, in lexicon order) whose first word ``word`` realises."""
        found = self.starts.get(word)
        if found is None:
            numbers = set(self.always)
            for offset in range(min(_MAX_OFFSET, len(word)) + 1):
                numbers.update(self.by_key.get(word[offset : offset + _KEY], ()))
                numbers.update(self.by_long_key.get(word[offset : offset + _LONG_KEY], ()))
            found = tuple(
                n for n in sorted(numbers)
                if _good_cached(word, self.entries[n][0][0], self.kind, self.verbs, 0, len(self.entries[n][0]))
            )
            if len(self.starts) >= _STARTS_LIMIT:
                self.starts.clear()
            self.starts[word] = found
        return found


_INDEXES: dict[tuple[int, str, bool], _EntryIndex] = {}


def _index(entries, kind: str, verbs: bool) -> _EntryIndex:
    """The `_EntryIndex` of ``entries`` (kept while the same object is passed again)."""
    key = (id(entries), kind, verbs)
    index = _INDEXES.get(key)
    if index is None or index.entries is not entries:
        if len(_INDEXES) >= 64:
            _INDEXES.clear()
        index = _INDEXES[key] = _EntryIndex(entries, kind, verbs)
    return index


def find(sent: SentenceWords, entries, kind: str, verbs: bool = True) -> list[Match]:
    """Match lexicon entries in one sentence, without overlap.

    The longest pattern is taken first, then (for cues) the heaviest, then the
    earliest, then by key and by the order of ``entries``; a word a match has taken is
    in no other. ``kind`` decides which affixes a word may carry: an alias or a cue
    takes clitic prefixes on each word (a cue also a pronoun suffix, and its first word
    may be an inflected verb, `verb_matches`); a negator or a contrast marker, a
    function word, takes only ``و`` or ``ف`` in front (``ولم``, ``ولكن``; ``كلم`` is not
    ك + لم), and a marker a pronoun on its last word (``إلا أنهم``). No match spans
    punctuation other than quotes and brackets (`TRANSPARENT`).

    Time is linear in the sentence's words: entries are indexed by the text words their
    first word can match (`_EntryIndex`), so each position tries only those.

    Parameters
    ----------
    sent : SentenceWords
        The sentence.
    entries : sequence of tuple
        ``(pattern, key, *info)`` each: ``pattern`` from `phrase_pattern`, ``key`` the
        entry as written, ``info`` what its matches carry (`Match.info`; a cue's
        ``info[1]`` is its weight). Its index is kept while the same object is passed
        again.
    kind : str
        ``alias``, ``cue``, ``negator`` or ``marker``.
    verbs : bool
        For cues: match a first word as an inflected verb too (False switches that rule
        off).

    Returns
    -------
    list of Match
        In text order.
    """
    verbs = verbs and kind == "cue"
    index = _index(entries, kind, verbs)
    words = sent.words
    n = len(words)
    candidates = []
    for i in range(n):
        for number in index.starting_at(words[i]):
            pattern, key, *info = entries[number]
            k = len(pattern)
            if i + k > n:
                continue
            if all(_good_cached(words[i + j], pattern[j], kind, verbs, j, k) for j in range(1, k)) and _phrase_ok(
                sent, i, i + k - 1
            ):
                weight = info[1] if kind == "cue" else 0.0
                candidates.append((-k, -weight, i, key, number, tuple(info)))
    # ties broken by lexicon order, as a stable sort over entries-then-positions would
    candidates.sort(key=lambda c: c[:5])
    taken = bytearray(n)
    found = []
    for negk, _, i, key, _, info in candidates:
        last = i - negk - 1
        if any(taken[i : last + 1]):
            continue
        taken[i : last + 1] = b"\x01" * (last + 1 - i)
        found.append(Match(key, sent.surface(i, last), i, last, sent.starts[i], sent.ends[last], info))
    return sorted(found, key=lambda m: m.first)


def _words(article_id: str, sentence: int, text: str, text_start: int, toks) -> SentenceWords:
    """One sentence's `SentenceWords` from its tokens ``(start, end, surface, norm,
    is_punct)`` in text order: punctuation goes into the gaps between words."""
    words, starts, ends, gaps = [], [], [], []
    pending = ""
    for start, end, surface, norm, punct in toks:
        if punct:
            pending += surface
            continue
        words.append(norm)
        starts.append(start)
        ends.append(end)
        gaps.append(pending)
        pending = ""
    return SentenceWords(article_id, sentence, tuple(words), tuple(starts), tuple(ends), tuple(gaps), text, text_start)


def sentence_words(sentences: pd.DataFrame, tokens: pd.DataFrame) -> list[SentenceWords]:
    """Pair each sentence of a corpus with its word tokens.

    Parameters
    ----------
    sentences : DataFrame
        The corpus's sentences (``article_id, sentence, start, end, text``).
    tokens : DataFrame
        Its tokens (``article_id, sentence, start, end, surface, norm, kind``).

    Returns
    -------
    list of SentenceWords
        One per sentence, in the order of ``sentences``; offsets are article offsets.

    Raises
    ------
    ValueError
        When a table lacks a column.
    """
    for name, table, needed in (("sentences", sentences, {"article_id", "sentence", "start", "end", "text"}),
                                ("tokens", tokens, {"article_id", "sentence", "start", "end", "surface", "norm", "kind"})):
        missing = needed - set(table.columns)
        if missing:
            raise ValueError(f"{name} lacks columns {sorted(missing)}")
    by_sentence: dict[tuple[str, int], list[tuple]] = {}
    columns = [tokens[c].tolist() for c in ("article_id", "sentence", "start", "end", "surface", "norm")]
    punct = (tokens["kind"] == "punct").tolist()
    for article_id, sentence, start, end, surface, norm, is_punct in zip(*columns, punct):
        by_sentence.setdefault((article_id, sentence), []).append((start, end, surface, norm, is_punct))
    result = []
    for article_id, sentence, start, text in zip(sentences["article_id"].tolist(), sentences["sentence"].tolist(),
                                                 sentences["start"].tolist(), sentences["text"].tolist()):
        toks = by_sentence.get((article_id, sentence), [])
        if any(a[0] > b[0] for a, b in zip(toks, toks[1:])):  # a table not in text order
            toks = sorted(toks)
        result.append(_words(article_id, int(sentence), text, int(start), toks))
    return result


_NORMS: dict[str, tuple[str, bool]] = {}


def text_sentence_words(article_id: str, text: str) -> list[SentenceWords]:
    """The `SentenceWords` of one article's text, without building any table.

    Segmented by the study's one segmentation (`arabic_media.text.segment_article`):
    what a corpus-scale pass labels with. Equal to `sentence_words` over the tables
    `load_corpus` makes of the same text.

    Parameters
    ----------
    article_id : str
        The article's id.
    text : str
        Its text.

    Returns
    -------
    list of SentenceWords
        One per sentence, numbered from 1; offsets are offsets into ``text``.
    """
    from arabic_media.text import segment_article

    result = []
    for number, (sent, spans) in enumerate(segment_article(text), start=1):
        toks = []
        for span in spans:
            surface = text[span.start:span.end]
            known = _NORMS.get(surface)
            if known is None:
                if len(_NORMS) > 500_000:
                    _NORMS.clear()
                known = _NORMS[surface] = (normalize(surface), token_kind(surface) == "punct")
            toks.append((span.start, span.end, surface, known[0], known[1]))
        result.append(_words(article_id, number, text[sent.start:sent.end], sent.start, toks))
    return result


def clause_break_between(sent: SentenceWords, a: int, b: int) -> bool:
    """Whether clause-ending punctuation lies between two words of a sentence.

    Parameters
    ----------
    sent : SentenceWords
        The sentence.
    a, b : int
        Word positions, ``a < b``.

    Returns
    -------
    bool
        True when a gap after word ``a``, up to word ``b``, holds a mark of
        `CLAUSE_BREAKS`.
    """
    return any(set(sent.gaps[i]) & CLAUSE_BREAKS for i in range(a + 1, b + 1))
