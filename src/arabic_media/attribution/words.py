"""Word-level tests the attribution rules share: complementisers, verb forms, nisba
adjectives, clitic stripping, and trimming a span's ends. All take normalised words
(`arabic_media.text.normalize`: ``أن`` and ``إن`` are both ``ان``)."""

from __future__ import annotations

import unicodedata

from arabic_media.affixes import PRONOUNS
from arabic_media.matching import SentenceWords, verb_matches

__all__ = [
    "complementiser", "verb_conj", "is_nisba", "bare", "trim_end", "skip_marks",
    "end_with_quotes", "CLOSING_QUOTES", "OPENING_QUOTES", "CONTRAST_WORDS",
]

#: ``أن``/``إن`` and their forms with a conjunction or بـ, normalised.
_BARE_COMPLEMENTISERS = frozenset({"ان", "وان", "فان", "بان"})
#: Words after which a clause returns to the outer voice (``، إلا أن``, ``لكن``).
CONTRAST_WORDS = frozenset({"الا", "لكن", "ولكن", "بينما", "غير"})
CLOSING_QUOTES = frozenset('"”»’')
#: Marks that open a quotation.
OPENING_QUOTES = frozenset('"“«‘')
_RELATIVES = frozenset({"التي", "الذي", "الذين", "اللذان", "اللتان", "اللواتي", "اللاتي", "الي"})
_TRAILING = frozenset(" \n\r\t.،؛,;:!?؟…")


def complementiser(word: str) -> str:
    """``"bare"`` for ``أن``/``إن`` (also ``فإن``, ``بأن``), ``"pronoun"`` for one with a
    suffixed pronoun (``أنها``, ``إنه``, ``أنهم``: the Arabic trap is that the subject of
    the content then hides in the suffix), ``""`` otherwise (``انهار`` is not ``ان``+``هار``)."""
    if word in _BARE_COMPLEMENTISERS:
        return "bare"
    for lead in ("", "و", "ف", "ب"):
        rest = word[len(lead):] if word.startswith(lead) else None
        if rest and rest.startswith("ان") and rest[2:] in PRONOUNS:
            return "pronoun"
    return ""


def verb_conj(word: str, stem: str) -> int | None:
    """If ``word`` is a finite form of the verb ``stem``, the length of the conjunction
    ``و``/``ف`` in front of it (0 or 1); ``None`` otherwise. The Arabic trap: the
    verbal noun has the same letters (``كشف``, ``نشر``) and, with a preposition or the
    article in front (``بكشف``, ``لنشر``, ``الكشف``), it is not a speech act; a ``ل``
    or ``س`` in front is refused too (purpose, future), unless the stem starts with it."""
    for conj in ("و", "ف", ""):  # a conjunction first: the cue span leaves it out
        if conj and not word.startswith(conj):
            continue
        rest = word[len(conj):]
        if rest == stem:
            return len(conj)
        if rest[:1] in ("ل", "س") and not stem.startswith(rest[:1]):
            return None  # وستقول, لنشر: the future or a purpose, not speech made
        if verb_matches(rest, stem):
            return len(conj)
    return None


def is_nisba(word: str) -> bool:
    """A definite relational adjective that extends a source noun phrase
    (``الفرنسية``, ``العسكرية``, ``الأمريكيين``); relatives (``التي``) and ``إلى`` are not."""
    if word in _RELATIVES or not word.startswith("ال") or len(word) < 5:
        return False
    return word.endswith(("ية", "ي", "يون", "يين", "يان"))


def bare(word: str) -> str:
    """A noun without its conjunction and preposition (``وللصحيفة`` -> ``الصحيفة``,
    ``لصحيفة`` -> ``صحيفة``): ``لل`` is ``ل`` + ``ال`` with the alef dropped."""
    if word[:1] in ("و", "ف") and len(word) > 3:
        word = word[1:]
    if word.startswith("لل") and len(word) > 4:
        return "ال" + word[2:]
    if word[:1] in ("ب", "ل", "ك") and len(word) > 4 and word[1:].startswith("ال"):
        return word[1:]
    return word


def skip_marks(text: str, pos: int) -> int:
    """``pos`` moved past combining marks and tatweel (a diacritic after a clitic)."""
    while pos < len(text) and (unicodedata.category(text[pos]) == "Mn" or text[pos] == "\u0640"):
        pos += 1
    return pos


def trim_end(text: str, start: int, end: int) -> int:
    """``end`` moved back over spaces, line breaks and clause punctuation, keeping
    closing quote marks (the guidelines' content end)."""
    while end > start and text[end - 1] in _TRAILING:
        end -= 1
    return end


def end_with_quotes(sent: SentenceWords, text: str, word: int) -> int:
    """The end of word ``word`` extended over closing quote marks right after it."""
    pos = sent.ends[word]
    while pos < len(text) and text[pos] in CLOSING_QUOTES:
        pos += 1
    return pos
