"""`CliticGrouper`, the study's grouping of a word's spellings into one term
(`arabic_media.terms.grouping` re-exports it and gives the evidence for it).

A module of its own, outside `arabic_media.terms`, because it needs neither pandas nor
the lexicons: the corpus count builds a grouper over its whole vocabulary in `finish`
before it imports pandas (`arabic_media.counting.tables`), so the two do not take
memory at the same time.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from arabic_media.affixes import GROUPING_SUFFIX_REWRITES, PROCLITICS

__all__ = ["MIN_STEM", "CliticGrouper"]


#: The shortest stem a clitic or suffix may leave (كان must not become ان).
MIN_STEM = 3

_PROCLITIC_SET = frozenset(PROCLITICS)
_LONGEST_PROCLITIC = max(map(len, PROCLITICS))
#: The letters a proclitic chain starts with: a word starting otherwise has none.
_PROCLITIC_FIRST = frozenset(p[0] for p in PROCLITICS)
#: ``last letter -> the rewrites whose ending ends with it``, in the order of the list.
_REWRITES_BY_LAST: dict[str, tuple[tuple[str, str], ...]] = {
    last: tuple(r for r in GROUPING_SUFFIX_REWRITES if r[0][-1] == last)
    for last in {suffix[-1] for suffix, _ in GROUPING_SUFFIX_REWRITES}
}


@dataclass
class CliticGrouper:
    """A conservative clitic splitter that strips only what the corpus attests.

    Built from the ``vocabulary`` (normalised word forms seen in the corpus). A word's
    group key is found in two steps:

    1. **Proclitics.** Of the ways to read the word as proclitics (``و ف``, ``ب ل ك``,
       ``ال``/``لل``, in that order) + a rest of at least `MIN_STEM` letters, keep those
       whose rest is *attested*: seen in the vocabulary bare, or with the article
       (``ال`` + rest). Take the one with the shortest rest. ``لشركات`` -> ``شركات``
       (seen), ``الشركات`` -> ``شركات``; but ``لوفيغارو`` stays whole (``وفيغارو`` is
       not a word of the corpus) and ``كان`` stays (``ان`` is too short).
    2. **Suffixes** (``suffixes=True``). Rewrite the ending (plural ``ات``, dual ``تان``,
       feminine ``ة``, pronouns ``ها هم``, verb ``وا``; see
       `arabic_media.affixes.GROUPING_SUFFIX_REWRITES`)
       when the result is itself a step-1 key of some corpus word, repeatedly:
       ``شركات`` -> ``شركة``, ``الأمريكيتان`` -> ``امريكية`` -> ``امريكي``.

    ``grouper(norm)`` returns the key; keys are internal (e.g. ``دعاية`` for
    ``الدعاية``); `annotate` labels each group by its most frequent member.

    Attributes
    ----------
    vocabulary : iterable of str
        The normalised word forms seen in the corpus: the evidence a split needs.
        Read once, when the grouper is built.
    suffixes : bool, default True
        Apply step 2 (suffix rewrites) after step 1; False groups by proclitics only.

    Examples
    --------
    >>> grouper = CliticGrouper(["شركات", "الشركات", "لشركات", "شركة", "كان"])
    >>> grouper("لشركات") == "شركة"
    True
    >>> grouper("كان") == "كان"
    True
    """

    vocabulary: Iterable[str]
    suffixes: bool = True
    _vocab: frozenset[str] = field(init=False, repr=False)
    _keys: frozenset[str] = field(init=False, repr=False)
    _stripped: dict[str, str] = field(init=False, repr=False)
    _cache: dict[str, str] = field(init=False, repr=False, default_factory=dict)

    def __post_init__(self) -> None:
        self._vocab = frozenset(self.vocabulary)
        strip, first = self._strip_proclitics, _PROCLITIC_FIRST
        self._stripped = {w: strip(w) if w[:1] in first else w for w in self._vocab}
        self._keys = frozenset(self._stripped.values())

    @property
    def name(self) -> str:
        """The grouper's name in the study's tables: ``clitic+suffix`` or ``clitic``."""
        return "clitic+suffix" if self.suffixes else "clitic"

    def _attested(self, rest: str) -> bool:
        return rest in self._vocab or ("ال" + rest) in self._vocab

    def _strip_proclitics(self, word: str) -> str:
        """The rest after the longest proclitic chain whose rest is attested (a word
        starts with at most one chain of each length, so longest = shortest rest)."""
        for k in range(min(_LONGEST_PROCLITIC, len(word) - MIN_STEM), 0, -1):
            if word[:k] in _PROCLITIC_SET and self._attested(word[k:]):
                return word[k:]
        return word

    def keys(self, words: Iterable[str]) -> list[str]:
        """The group key of each of ``words``, for many words at once.

        ``[grouper(w) for w in words]``, for the corpus count's grouped table: no
        cache kept, and a word whose last letter ends no rewrite skips the rewrite
        call.

        Parameters
        ----------
        words : iterable of str
            Normalised word forms (in the vocabulary or not).

        Returns
        -------
        list of str
            Their keys, in the order given.
        """
        stripped, strip = self._stripped, self._strip_proclitics
        stems = [stripped[w] if w in stripped else strip(w) for w in words]
        if not self.suffixes:
            return stems
        rewrite, endings = self._rewrite_suffixes, _REWRITES_BY_LAST
        return [rewrite(stem) if stem[-1:] in endings else stem for stem in stems]

    def _rewrite_suffixes(self, stem: str) -> str:
        for _ in range(4):  # at most a few endings stack up (امريكيتان -> امريكية -> امريكي)
            # only the rewrites that end in the stem's last letter, in the order of the list
            for suffix, replacement in _REWRITES_BY_LAST.get(stem[-1:], ()):
                if not stem.endswith(suffix):
                    continue
                candidate = stem[: len(stem) - len(suffix)] + replacement
                if len(candidate) >= MIN_STEM and candidate != stem and candidate in self._keys:
                    stem = candidate
                    break
            else:
                return stem
        return stem

    def __call__(self, word: str) -> str:
        """The group key of one word (cached per grouper).

        Parameters
        ----------
        word : str
            A normalised word form (in the vocabulary or not).

        Returns
        -------
        str
            Its key: step 1, then step 2 when ``suffixes`` is on.
        """
        if word not in self._cache:
            key = self._stripped.get(word)
            if key is None:
                key = self._strip_proclitics(word)
            if self.suffixes:
                key = self._rewrite_suffixes(key)
            self._cache[word] = key
        return self._cache[word]
