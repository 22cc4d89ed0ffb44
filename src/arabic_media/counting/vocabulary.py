"""The study's definitions as a counting process applies them: `Settings` (stop words,
reporting categories, what is counted) and `_Vocabulary`, each distinct surface form
given an id and classified once per process (see the package docstring)."""

from __future__ import annotations

import functools
import hashlib
import itertools
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

# --- the study's definitions, imported in this one place (repoint here when they move) ---
from arabic_media.categories import NGRAM_EDGE_EXCLUDE, categorize
from arabic_media.text import normalize, token_kind


def _study_lexicons() -> tuple[frozenset[str], dict[str, str]]:
    """Stop words and reporting/attribution categories (``norm -> category``), as
    `terms.annotate` uses them, read by the readers `lexicons.load_stopwords` and
    `load_reporting_terms` use (`arabic_media.wordlists`), which need no pandas: the
    reader process does not import it (80 MB) while it streams; it imports it in
    `tally_tables`, once the workers have exited."""
    from arabic_media.wordlists import read_reporting_terms, read_stopwords

    return read_stopwords(), {row["norm"]: row["category"] for row in read_reporting_terms()}


def _study_grouper(vocabulary: Iterable[str]):
    """The study's grouper built on ``vocabulary`` (`terms.CliticGrouper`, imported
    from `arabic_media.clitics`, without pandas)."""
    from arabic_media.clitics import CliticGrouper

    return CliticGrouper(vocabulary)



# Token ids: a word's id is >= 0 (its normalised form); these mark the others. In the id
# stream of a chunk, `_BREAK` stands for a paragraph break and for the end of an article.
_NUMBER, _PUNCT, _BREAK = -1, -2, -3


@dataclass(frozen=True)
class Settings:
    """Everything a worker needs besides the study's code, picklable.

    The stop words, the reporting categories, and what is counted. (Each process is
    handed the scanner's table, `scan._study_table`, or loads it.)

    Attributes
    ----------
    stopwords : frozenset of str
        The stop words, normalised.
    reporting : tuple of tuple of (str, str)
        ``(norm, category)`` of the reporting verbs and attribution words, sorted.
    bigrams : bool, default True
        Count bigrams.
    groups : bool, default True
        Count the grouped table (and keep each article's word list for it).
    """

    stopwords: frozenset[str]
    reporting: tuple[tuple[str, str], ...]  # (norm, category), sorted
    bigrams: bool = True
    groups: bool = True

    @functools.cached_property
    def categories(self) -> dict[str, str]:
        """``norm -> reporting category`` (a dict, built once)."""
        return dict(self.reporting)

    @functools.cached_property
    def category_of(self) -> dict[str, str]:
        """``norm -> category`` (`_category`) of the listed words (built once).

        The stop words and the reporting list's words; any other word is ``content``
        (the rule's last case)."""
        return {norm: _category(norm, self) for norm in self.stopwords.union(self.categories)}

    @functools.cached_property
    def fingerprint(self) -> tuple[tuple[str, str], ...]:
        """What a tally counted with these settings records (`Tally.counted_with`).

        ``(name, value)`` pairs, the word lists by size and sha256, so that tallies
        counted with different settings are refused when merged (`merge_tallies`)."""

        def digest(lines) -> str:
            return hashlib.sha256("\n".join(sorted(lines)).encode("utf-8", "surrogatepass")).hexdigest()[:16]

        reporting = digest(f"{norm}\t{category}" for norm, category in self.reporting)
        return (
            ("bigrams", str(self.bigrams)),
            ("groups", str(self.groups)),
            ("stopwords", f"{len(self.stopwords):,} forms, sha256 {digest(self.stopwords)}"),
            ("reporting_terms", f"{len(self.reporting):,} forms, sha256 {reporting}"),
        )

    @functools.cached_property
    def edge_excluded(self) -> frozenset[str]:
        """The words whose category is in `NGRAM_EDGE_EXCLUDE`."""
        return frozenset(norm for norm, category in self.category_of.items() if category in NGRAM_EDGE_EXCLUDE)

    def describe(self) -> dict[str, str]:
        """The definitions a count applies, in words, for its provenance.

        Returns
        -------
        dict of str to str
            ``tokenizer``, ``normalisation``, ``stopwords``, ``reporting_terms``,
            ``grouping`` and ``bigrams`` (``not counted`` when switched off).
        """
        return {
            "tokenizer": "arabic_media.text.tokenize",
            "normalisation": "arabic_media.text.normalize (defaults)",
            "stopwords": f"corpus/lexicons/stopwords_ar.txt ({len(self.stopwords)} forms)",
            "reporting_terms": f"corpus/lexicons/reporting_terms.csv ({len(self.reporting)} forms)",
            "grouping": "arabic_media.terms.CliticGrouper(vocabulary); vocabulary = the normalised word "
            "types of the source counted; key = the grouper's return value" if self.groups else "not counted",
            "bigrams": "two consecutive word tokens in one sentence, no punctuation or number between, "
            "neither edge a stop word, reporting verb or attribution word (terms.ngrams n=2), normalised"
            if self.bigrams else "not counted",
        }


def study_settings(*, bigrams: bool = True, groups: bool = True) -> Settings:
    """The study's stop words and reporting categories, as `Settings`.

    Read from the study's word lists (`arabic_media.wordlists`, without pandas).

    Parameters
    ----------
    bigrams : bool, default True
        Count bigrams.
    groups : bool, default True
        Count the grouped table; False: no grouped table, and no per-article word
        lists kept for it.

    Returns
    -------
    Settings
        Picklable, for every process of a count.
    """
    stopwords, reporting = _study_lexicons()
    return Settings(frozenset(stopwords), tuple(sorted(reporting.items())), bigrams, groups)


# --- the per-process vocabulary: each distinct surface form classified once ------------


@functools.cache
def _plain_letters() -> tuple[str, dict[int, int]]:
    """Strings whose normal form is a plain ``str.translate``: ASCII letters and digits
    and the Arabic letters U+0621-U+064A but tatweel; the table maps the hamza alefs and
    alef maqsura as `normalize` does (`text._ALEF_VARIANTS`, `_ALEF_MAQSURA`), and the
    other letters are their own normal form (each checked here). None of them is a
    combining mark, an invisible or a presentation form, and no two of them compose
    under NFC, so `normalize` maps a string of them letter by letter;
    ``tests/counting/test_counting.py`` checks this."""
    from arabic_media.text import _ALEF_MAQSURA, _ALEF_VARIANTS

    table = {**_ALEF_VARIANTS, **_ALEF_MAQSURA}
    candidates = [chr(c) for c in range(0x30, 0x7B) if chr(c).isalnum()]
    candidates += [chr(c) for c in range(0x0621, 0x064B) if chr(c) != "\u0640"]
    plain = "".join(c for c in candidates if normalize(c) == c.translate(table))
    return plain, table


class _Vocabulary:
    """Per process: word key or surface form -> token id, normalised forms by id, and
    which ids may start or end a bigram. Kept across chunks, so each surface form is
    normalised once per process."""

    def __init__(self, settings: Settings, table=None):
        self.settings = settings
        # ``table``: the scanner's table (`scan._study_table`), loaded or built by the
        # parent process once and handed over; else loaded or built here.
        self.table = table
        self.plain_letters, self.plain_table = _plain_letters()
        # the same mapping as replacements, for many words at once (`identify_many`):
        # no replacement holds a letter replaced, so applying them in turn is translate
        self.plain_pairs = [(chr(k), v) for k, v in self.plain_table.items() if chr(k) in self.plain_letters]
        if any(old in new for old, _ in self.plain_pairs for _, new in self.plain_pairs):
            raise AssertionError("a plain letter's normal form holds a letter that is replaced")
        self.surface_ids: dict[str, int] = {}  # the words no key holds
        self.known_keys = np.zeros(0, np.uint64)  # word keys met so far, sorted
        self.known_ids = np.zeros(0, np.int64)  # the token id of each
        self.norm_ids: dict[str, int] = {}
        self.norms: list[str] = []
        self.edge: list[bool] = []

    def scan(self, texts: list[str]):
        """`scan.scan` of ``texts`` with this process's table (paragraph breaks found
        when bigrams are counted)."""
        from arabic_media.counting.scan import _study_table, scan

        if self.table is None:
            self.table = _study_table()
        return scan(texts, self.table, breaks=self.settings.bigrams)

    def ids_of(self, scanned) -> np.ndarray:
        """The token id of each token of ``scanned`` (`scan.Scanned`): `_PUNCT` for a
        single visible character; for a word, its key's id, looked up once per distinct
        key of the chunk (a key not met before: the word is cut out of the text and
        identified); a word no key holds is cut out as a string and looked up."""
        ids = np.full(len(scanned.starts), _PUNCT, np.int64)
        keyed = scanned.key != 0
        if keyed.any():
            distinct, inverse = np.unique(scanned.key[keyed], return_inverse=True)
            # the keys met before: a sorted array, searched in C
            at = np.searchsorted(self.known_keys, distinct)
            found = np.zeros(len(distinct), bool)
            inside = at < len(self.known_keys)
            found[inside] = self.known_keys[at[inside]] == distinct[inside]
            distinct_ids = np.empty(len(distinct), np.int64)
            distinct_ids[found] = self.known_ids[at[found]]
            new = np.flatnonzero(~found)
            if len(new):
                # any token with the key will do: a key holds its whole word
                where = np.empty(len(distinct), np.int64)
                where[inverse] = np.flatnonzero(keyed)
                text, starts, ends = scanned.text, scanned.starts, scanned.ends
                new_ids = self.identify_many([text[starts[i]:ends[i]] for i in where[new].tolist()])
                distinct_ids[new] = new_ids
                # ``distinct`` is sorted, so the new keys go in at ``at`` in order
                self.known_keys = np.insert(self.known_keys, at[new], distinct[new])
                self.known_ids = np.insert(self.known_ids, at[new], new_ids)
            ids[keyed] = distinct_ids[inverse]
        rest = np.flatnonzero(scanned.word & ~keyed)
        if len(rest):
            text, known = scanned.text, self.surface_ids
            surfaces = [text[a:b] for a, b in zip(scanned.starts[rest].tolist(), scanned.ends[rest].tolist())]
            unseen = list(dict.fromkeys(surface for surface in surfaces if surface not in known))
            known.update(zip(unseen, self.identify_many(unseen)))
            ids[rest] = [known[surface] for surface in surfaces]
        return ids

    def identify(self, surface: str) -> int:
        """The token id of a word token's surface form (normalised here, once)."""
        norm = self._norm_of(surface)
        return self._norm_id(norm) if norm.__class__ is str else norm

    def identify_many(self, surfaces: list[str]) -> list[int]:
        """``[identify(s) for s in surfaces]``, the plain ones normalised together: a
        few ``str.replace`` over them all, joined, instead of a ``str.translate`` each
        (which costs about a microsecond and a half per word: a dict look-up per
        character); then the new normal forms numbered together (`_norm_ids`)."""
        plain = self.plain_letters
        is_plain = [not surface.strip(plain) for surface in surfaces]
        joined = "\n".join(itertools.compress(surfaces, is_plain))
        for old, new in self.plain_pairs:
            joined = joined.replace(old, new)
        plain_norms = iter(joined.split("\n"))
        # each surface's normal form, or its id when it is no word (`_NUMBER`, `_PUNCT`)
        # (a plain surface's normal form is taken from ``plain_norms`` whether it is
        # a word or a number, so the two stay in step)
        norms = [_word_or_number(surface, next(plain_norms)) if p else self._norm_of(surface)
                 for surface, p in zip(surfaces, is_plain)]
        return self._norm_ids([norm for norm in norms if norm.__class__ is str], norms)

    def _norm_of(self, surface: str) -> str | int:
        """A word token's normal form, or `_NUMBER` or `_PUNCT` (`identify`)."""
        if not surface.strip(self.plain_letters):
            return _NUMBER if surface.isdigit() else surface.translate(self.plain_table)
        kind = token_kind(surface)
        if kind != "word":
            return _NUMBER if kind == "number" else _PUNCT
        return normalize(surface)

    def _norm_ids(self, words: list[str], norms: list) -> list[int]:
        """The id of each of ``norms`` (a normal form, or an id already); ``words``:
        the normal forms among them. Forms not met before are numbered in order of
        first appearance, all at once."""
        known = self.norm_ids
        new = [norm for norm in dict.fromkeys(words) if norm not in known]
        if new:
            known.update(zip(new, range(len(self.norms), len(self.norms) + len(new))))
            self.norms += new
            if self.settings.bigrams:
                self.edge += _edges(new, self.settings)
        return [known[norm] if norm.__class__ is str else norm for norm in norms]

    def _norm_id(self, norm: str) -> int:
        return self._norm_ids([norm], [norm])[0]


def _word_or_number(surface: str, norm: str) -> str | int:
    """A plain surface's normal form, or `_NUMBER` if it is all digits."""
    return _NUMBER if surface.isdigit() else norm


def _edges(norms: list[str], settings: Settings) -> list[bool]:
    """May each of ``norms`` start or end a bigram (its category is not in
    `NGRAM_EDGE_EXCLUDE`): every word but the stop words and the reporting list's."""
    excluded = settings.edge_excluded
    return [norm not in excluded for norm in norms]


def _categories(norms: list[str], settings: Settings) -> list[str]:
    """``[_category(norm, settings) for norm in norms]``, a dict look-up each."""
    return list(map(settings.category_of.get, norms, itertools.repeat("content", len(norms))))


def _category(norm: str, settings: Settings) -> str:
    """A word's category as `terms.annotate` gives it (`categorize`)."""
    return categorize(norm, settings.stopwords, settings.categories)


_VOCABULARIES: dict[Settings, _Vocabulary] = {}


def _vocabulary(settings: Settings, table=None) -> _Vocabulary:
    """This process's vocabulary for ``settings`` (one per process, reused by chunks)."""
    if settings not in _VOCABULARIES:
        _VOCABULARIES.clear()
        _VOCABULARIES[settings] = _Vocabulary(settings, table)
    return _VOCABULARIES[settings]

