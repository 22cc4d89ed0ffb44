"""The indexed CliticGrouper gives the keys of the plain one (kept here), word for word."""

from __future__ import annotations

import pytest

from arabic_media.affixes import GROUPING_SUFFIX_REWRITES, PROCLITICS
from arabic_media.lexicons import load_grouping_gold
from arabic_media.reference import read_reference
from arabic_media.terms import CliticGrouper
from arabic_media.terms.grouping import MIN_STEM


class PlainGrouper(CliticGrouper):
    """The former `CliticGrouper`: every proclitic and every rewrite tried in turn."""

    def __post_init__(self) -> None:
        self._vocab = frozenset(self.vocabulary)
        self._stripped = {}
        self._keys = frozenset(self._strip_proclitics(w) for w in self._vocab)

    def _strip_proclitics(self, word: str) -> str:
        best = word
        for prefix in PROCLITICS:
            if word.startswith(prefix):
                rest = word[len(prefix):]
                if len(rest) >= MIN_STEM and len(rest) < len(best) and self._attested(rest):
                    best = rest
        return best

    def _rewrite_suffixes(self, stem: str) -> str:
        for _ in range(4):
            for suffix, replacement in GROUPING_SUFFIX_REWRITES:
                if stem.endswith(suffix):
                    candidate = stem[: len(stem) - len(suffix)] + replacement
                    if len(candidate) >= MIN_STEM and candidate != stem and candidate in self._keys:
                        stem = candidate
                        break
            else:
                return stem
        return stem


def _gold_words() -> list[str]:
    return [*load_grouping_gold()["norm"], *load_grouping_gold("heldout")["norm"]]


@pytest.mark.parametrize("suffixes", [False, True])
def test_keys_equal_the_plain_grouper_on_the_reference_vocabulary(suffixes):
    vocabulary = [*read_reference("norms")["term"], *_gold_words()]
    fast, plain = CliticGrouper(vocabulary, suffixes=suffixes), PlainGrouper(vocabulary, suffixes=suffixes)
    assert fast._keys == plain._keys
    # every word of the vocabulary, and words it does not hold (short ones, bare clitics)
    probes = [*vocabulary, "و", "ال", "ولل", "وبال", "كان", "ات", "ة", "تان", "وللشركاتها", "abc"]
    assert [fast(w) for w in probes] == [plain(w) for w in probes]
    # the batch form (the corpus count's) gives the same keys
    assert fast.keys(probes) == [plain(w) for w in probes]


@pytest.mark.parametrize("heldout", [False, True])
def test_keys_equal_the_plain_grouper_on_the_gold_lists(heldout):
    words = list(load_grouping_gold("heldout" if heldout else "study")["norm"])
    assert [CliticGrouper(words)(w) for w in words] == [PlainGrouper(words)(w) for w in words]
