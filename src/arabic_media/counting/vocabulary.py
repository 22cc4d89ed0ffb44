"""The study's definitions as a counting process applies them: `Settings` (stop words,
reporting categories, what is counted) and `_Vocabulary`, each distinct surface form
given an id and classified once per process (see the package docstring)."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass

# --- the study's definitions, imported in this one place (repoint here when they move) ---
from arabic_media.text import (  # noqa: E402
    _LINE_BREAKS, _PARAGRAPH_SEPARATOR, _token_re, normalize, paragraph_break_re, token_kind)



def _study_lexicons() -> tuple[frozenset[str], dict[str, str]]:
    """Stop words and reporting/attribution categories (``norm -> category``), as
    `terms.annotate` uses them: the files `lexicons.load_stopwords` and
    `load_reporting_terms` read, read here with the csv module (``tests/test_counting.py``
    checks they give the same), so that the reader process does not import pandas (80 MB)
    while it streams; it imports it in `finish`, once the workers have exited."""
    import csv

    from arabic_media.paths import LEXICONS_DIR

    lines = (LEXICONS_DIR / "stopwords_ar.txt").read_text(encoding="utf-8").splitlines()
    stopwords = frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))
    with open(LEXICONS_DIR / "reporting_terms.csv", encoding="utf-8", newline="") as file:
        reporting = {row["norm"]: row["category"] for row in csv.DictReader(file)}
    return stopwords, reporting



def _study_grouper(vocabulary: Iterable[str]):
    """The study's grouper built on ``vocabulary`` (`terms.CliticGrouper`)."""
    from arabic_media.terms import CliticGrouper

    return CliticGrouper(vocabulary)


#: Word categories, in the order tables list them.
WORD_CATEGORIES = ("content", "stopword", "reporting_verb", "attribution")
#: Categories a bigram may not start or end with (`terms.NGRAM_EDGE_EXCLUDE`).
EDGE_EXCLUDE = ("stopword", "reporting_verb", "attribution")
#: Articles per chunk: enough to amortise a hand-over between processes, few enough to

# Token ids: a word's id is >= 0 (its normalised form); these mark the others.
_NUMBER, _PUNCT, _BREAK = -1, -2, -3
#: Ends an article in the id stream; never a token (whitespace), nor a paragraph break.
_BREAK_MARK = "\n"
#: What a paragraph break starts with (`text.paragraph_break_re`), and no token does.
_BREAK_STARTS = frozenset(_LINE_BREAKS + _PARAGRAPH_SEPARATOR)


@dataclass(frozen=True)
class Settings:
    """Everything a worker needs besides the study's code, picklable: the stop words,
    the reporting categories, and whether bigrams are counted. (Each process builds
    the tokenizer itself, `_token_re`, so the reader is not held up building it.)"""

    stopwords: frozenset[str]
    reporting: tuple[tuple[str, str], ...]  # (norm, category), sorted
    bigrams: bool = True
    groups: bool = True

    @functools.cached_property
    def categories(self) -> dict[str, str]:
        """``norm -> reporting category`` (a dict, built once)."""
        return dict(self.reporting)

    def describe(self) -> dict[str, str]:
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
    """The study's tokenizer, stop words and reporting categories, as `Settings`
    (``groups=False``: no grouped table, and no per-article word lists kept for it)."""
    stopwords, reporting = _study_lexicons()
    return Settings(frozenset(stopwords), tuple(sorted(reporting.items())), bigrams, groups)


# --- the per-process vocabulary: each distinct surface form classified once ------------


def _bmp_only(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """``pattern`` with every character-class item above U+FFFF removed.

    The tokenizer's classes list hundreds of ranges beyond the BMP, and `re` tries them
    one by one at every character that does not match (the end of every word), which
    makes it six times slower. On a text without astral characters those items can
    never match, so the stripped pattern finds exactly the same tokens; texts with
    astral characters (emoji) use the full pattern.
    """
    from re import _compiler, _parser  # the parsed form is the only way to edit a class
    from re._constants import BRANCH, IN, LITERAL, MAX_REPEAT, MIN_REPEAT, RANGE, SUBPATTERN

    def strip(sub) -> None:
        for i, (op, av) in enumerate(sub.data):
            if op is IN:
                kept = []
                for item_op, item in av:
                    if item_op is RANGE:
                        if item[0] <= 0xFFFF:
                            kept.append((item_op, (item[0], min(item[1], 0xFFFF))))
                    elif not (item_op is LITERAL and item > 0xFFFF):
                        kept.append((item_op, item))
                sub.data[i] = (op, kept)
            elif op in (MAX_REPEAT, MIN_REPEAT):
                strip(av[2])
            elif op is SUBPATTERN:
                strip(av[3])
            elif op is BRANCH:
                for branch in av[1]:
                    strip(branch)

    parsed = _parser.parse(pattern.pattern, pattern.flags)
    strip(parsed)
    return _compiler.compile(parsed, pattern.flags)


def _plain_letters() -> tuple[str, dict[int, int]]:
    """Strings whose normal form is a plain ``str.translate``: ASCII letters and digits
    and the Arabic letters U+0621-U+064A but tatweel; the table maps the hamza alefs and
    alef maqsura as `normalize` does (`text._ALEF_VARIANTS`, `_ALEF_MAQSURA`), and the
    other letters are their own normal form (each checked here). None of them is a
    combining mark, an invisible or a presentation form, and no two of them compose
    under NFC, so `normalize` maps a string of them letter by letter;
    ``tests/test_counting.py`` checks this."""
    from arabic_media.text import _ALEF_MAQSURA, _ALEF_VARIANTS

    table = {**_ALEF_VARIANTS, **_ALEF_MAQSURA}
    candidates = [chr(c) for c in range(0x30, 0x7B) if chr(c).isalnum()]
    candidates += [chr(c) for c in range(0x0621, 0x064B) if chr(c) != "\u0640"]
    plain = "".join(c for c in candidates if normalize(c) == c.translate(table))
    return plain, table


class _Vocabulary:
    """Per process: surface form -> token id, normalised forms by id, and which ids may
    start or end a bigram. Kept across chunks, so each surface form is normalised once
    per process."""

    def __init__(self, settings: Settings, patterns: tuple[str, str] | None = None):
        self.settings = settings
        # ``patterns``: `_study_patterns()`, built by the parent process once (they take
        # half a second, from the Unicode database); else built here.
        token_pattern, break_pattern = patterns or _study_patterns()
        self.full_re = re.compile(token_pattern)
        self.fast_re = _bmp_only(self.full_re)
        self.full_breaks_re = re.compile(f"{break_pattern}|{token_pattern}")
        self.fast_breaks_re = _bmp_only(self.full_breaks_re)
        self.plain_letters, self.plain_table = _plain_letters()
        self.ids = _Ids({_BREAK_MARK: _BREAK})
        self.ids.learn = self.learn
        self.norm_ids: dict[str, int] = {}
        self.norms: list[str] = []
        self.edge: list[bool] = []

    def tokens(self, text: str, breaks: bool = False) -> list[str]:
        """The token surfaces of ``text`` (`text.tokenize`); with ``breaks``, each
        paragraph break (`text.paragraph_break_re`, the rule `split_sentences` uses) is
        a token too, whose id is ``_BREAK``: the only sentence ends that can fall
        between two words (every other sentence ends on punctuation, itself a token).
        A break holds only whitespace and invisible characters, which no token holds,
        so one scan finds both as cutting the text at the breaks first would."""
        # an astral character takes 4 bytes in UTF-16 (a C-level pass, 3x a regex search)
        astral = len(text.encode("utf-16-le", "surrogatepass")) != 2 * len(text)
        if breaks:
            return (self.full_breaks_re if astral else self.fast_breaks_re).findall(text)
        return (self.full_re if astral else self.fast_re).findall(text)

    def learn(self, surface: str) -> int:
        """The id of a surface form not seen before (normalised here, once): called by
        `_Ids` on a look-up that misses."""
        if surface[0] in _BREAK_STARTS:  # a paragraph break (`tokens`)
            self.ids[surface] = _BREAK
            return _BREAK
        if not surface.strip(self.plain_letters):  # every letter plain (a C-level test)
            if surface.isdigit():
                self.ids[surface] = _NUMBER
                return _NUMBER
            norm = surface.translate(self.plain_table)
        else:
            kind = token_kind(surface)
            if kind != "word":
                token_id = self.ids[surface] = _NUMBER if kind == "number" else _PUNCT
                return token_id
            norm = normalize(surface)
        norm_id = self.norm_ids.get(norm)
        if norm_id is None:
            norm_id = self.norm_ids[norm] = len(self.norms)
            self.norms.append(norm)
            self.edge.append(_category(norm, self.settings) not in EDGE_EXCLUDE)
        self.ids[surface] = norm_id
        return norm_id


class _Ids(dict):
    """``surface -> token id``; a surface not seen before is learnt on look-up (so one
    C-level pass of look-ups both numbers the tokens and finds the new forms)."""

    __slots__ = ("learn",)

    def __missing__(self, surface: str) -> int:
        return self.learn(surface)


def _category(norm: str, settings: Settings) -> str:
    """A word's category as `terms.annotate` gives it: the reporting list first."""
    category = settings.categories.get(norm)
    if category is not None:
        return category
    return "stopword" if norm in settings.stopwords else "content"


_VOCABULARIES: dict[Settings, _Vocabulary] = {}


def _study_patterns() -> tuple[str, str]:
    """The study's token pattern (`text.tokenize`) and paragraph-break pattern
    (`text.paragraph_break_re`), as strings a worker process compiles."""
    return _token_re().pattern, paragraph_break_re().pattern


def _vocabulary(settings: Settings, patterns: tuple[str, str] | None = None) -> _Vocabulary:
    """This process's vocabulary for ``settings`` (one per process, reused by chunks)."""
    if settings not in _VOCABULARIES:
        _VOCABULARIES.clear()
        _VOCABULARIES[settings] = _Vocabulary(settings, patterns)
    return _VOCABULARIES[settings]

