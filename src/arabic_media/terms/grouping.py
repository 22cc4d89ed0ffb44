"""Grouping a word's spellings into one term, and the evidence for the method chosen.

One word appears under many clitic-prefixed and inflected spellings (``شركات``,
``لشركات``, ``الشركات``, ``شركة``). Light stemmers cut too deep (Snowball: ``لشركات``
-> ``لشركا``), so the study groups with `CliticGrouper`, chosen over Snowball and
Tashaphyne by `evaluate_grouping` on the hand-made gold list
``corpus/lexicons/grouping_gold.csv``. That list and the splitter were written by the
same author from the same article, so its scores are in-sample;
``grouping_gold_heldout.csv`` (news words not in the article) is the check on words the
rules were not made from.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

import pandas as pd

from arabic_media.affixes import GROUPING_SUFFIX_REWRITES, PROCLITICS
from arabic_media.lexicons import load_grouping_candidates
from arabic_media.stats import pairwise_scores

__all__ = ["MIN_STEM", "CliticGrouper", "evaluate_grouping", "grouping_candidates", "missed_groups"]



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

    Returns the key with ``grouper(norm)``; keys are internal (e.g. ``دعاية`` for
    ``الدعاية``); `annotate` labels each group by its most frequent member.
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
        """``[grouper(w) for w in words]``, for many words at once (the corpus count's
        grouped table): no cache kept, and a word whose last letter ends no rewrite
        skips the rewrite call."""
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
        if word not in self._cache:
            key = self._stripped.get(word)
            if key is None:
                key = self._strip_proclitics(word)
            if self.suffixes:
                key = self._rewrite_suffixes(key)
            self._cache[word] = key
        return self._cache[word]


def evaluate_grouping(
    gold: pd.DataFrame,
    candidates: Mapping[str, Callable[[str], str] | Mapping[str, str]],
) -> pd.DataFrame:
    """Score each grouping candidate on the gold list (`pairwise_scores`).

    ``gold`` has columns ``norm, group``; ``candidates`` maps a name to a function
    norm -> key or to a ready dict norm -> key (e.g. from `load_grouping_candidates`).
    Returns one row per candidate, best F1 first (ties: higher precision, then name).
    """
    truth = dict(zip(gold["norm"], gold["group"]))
    rows = []
    for name, grouper in candidates.items():
        if callable(grouper):
            predicted = {w: grouper(w) for w in truth}
        else:
            missing = sorted(set(truth) - set(grouper))
            if missing:
                raise ValueError(f"candidate {name!r} has no key for {len(missing)} gold words, e.g. {missing[:3]}")
            predicted = {w: grouper[w] for w in truth}
        rows.append({"candidate": name, **pairwise_scores(truth, predicted)})
    table = pd.DataFrame(rows)
    return table.sort_values(["f1", "precision", "candidate"], ascending=[False, False, True]).reset_index(drop=True)


def grouping_candidates(
    vocabulary: Iterable[str],
    outside: pd.DataFrame | None = None,
) -> dict[str, Callable[[str], str] | dict[str, str]]:
    """The grouping methods the study compares, ready for `evaluate_grouping`.

    Takes the ``vocabulary`` (normalised word forms) the splitter may use as evidence,
    and ``outside``, the stored stemmer keys (default `load_grouping_candidates`).
    Returns name -> grouper: ``none (normalised form)`` (every form its own group),
    ``clitic`` and ``clitic+suffix`` (`CliticGrouper` on ``vocabulary``), then one dict
    norm -> key per outside stemmer, named ``<candidate> (<package> <version>)``.

    The trap: the splitter strips only what ``vocabulary`` attests, so its score
    depends on the vocabulary it is given. To score it on words that are not in the
    article, pass the corpus words *and* those words (as the notebook does for the
    held-out list), as if they had been read in one more text.
    """
    vocabulary = list(vocabulary)
    outside = load_grouping_candidates() if outside is None else outside
    splitters = (CliticGrouper(vocabulary, suffixes=False), CliticGrouper(vocabulary))
    candidates: dict[str, Callable[[str], str] | dict[str, str]] = {
        "none (normalised form)": lambda word: word,
        **{splitter.name: splitter for splitter in splitters},
    }
    for name, rows in outside.groupby("candidate", sort=True):
        label = f"{name} ({rows['package'].iloc[0]} {rows['version'].iloc[0]})"
        candidates[label] = dict(zip(rows["norm"], rows["key"]))
    return candidates


def missed_groups(gold: pd.DataFrame, grouper: Callable[[str], str] | Mapping[str, str]) -> pd.DataFrame:
    """The gold groups that ``grouper`` splits: the source of its false negatives.

    Takes ``gold`` (``norm, group``) and a grouper (function or dict norm -> key).
    Returns ``norm, group, key`` for every member of each gold group whose members get
    more than one key, sorted by group then word. Groups the grouper wrongly *merges*
    (false positives) are not listed here.
    """
    keys = [grouper(w) if callable(grouper) else grouper[w] for w in gold["norm"]]
    table = gold[["norm", "group"]].assign(key=keys)
    split = table.groupby("group")["key"].transform("nunique") > 1
    return table[split].sort_values(["group", "norm"]).reset_index(drop=True)
