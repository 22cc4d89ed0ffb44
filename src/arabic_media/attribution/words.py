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
#: Marks that close a quotation.
CLOSING_QUOTES = frozenset('"”»’')
#: Marks that open a quotation.
OPENING_QUOTES = frozenset('"“«‘')
_RELATIVES = frozenset({"التي", "الذي", "الذين", "اللذان", "اللتان", "اللواتي", "اللاتي", "الي"})
_TRAILING = frozenset(" \n\r\t.،؛,;:!?؟…")


def complementiser(word: str) -> str:
    """Whether a word is the complementiser ``أن``/``إن``, bare or with a pronoun.

    The Arabic trap: with a suffixed pronoun (``أنها``, ``إنه``, ``أنهم``) the subject
    of the content hides in the suffix; and a word that only begins with the letters
    is none (``انهار`` is not ``ان`` + ``هار``).

    Parameters
    ----------
    word : str
        A normalised word.

    Returns
    -------
    str
        ``"bare"`` for ``أن``/``إن`` (also ``وأن``, ``فإن``, ``بأن``), ``"pronoun"``
        for one with a suffixed pronoun (also after ``و``, ``ف``, ``ب``), ``""``
        otherwise.

    Examples
    --------
    >>> complementiser("بان"), complementiser("انها"), complementiser("انهار")
    ('bare', 'pronoun', '')
    """
    if word in _BARE_COMPLEMENTISERS:
        return "bare"
    for lead in ("", "و", "ف", "ب"):
        rest = word[len(lead):] if word.startswith(lead) else None
        if rest and rest.startswith("ان") and rest[2:] in PRONOUNS:
            return "pronoun"
    return ""


def verb_conj(word: str, stem: str) -> int | None:
    """Whether a word is a finite form of a verb, and the conjunction in front of it.

    The Arabic trap: the verbal noun has the same letters (``كشف``, ``نشر``) and, with
    a preposition or the article in front (``بكشف``, ``لنشر``, ``الكشف``), it is not a
    speech act; a ``ل`` or ``س`` in front is refused too (purpose, future), unless the
    stem starts with it.

    Parameters
    ----------
    word : str
        A normalised word.
    stem : str
        The verb's stem, as a cue entry holds it (`lexicon.cue_entry`).

    Returns
    -------
    int or None
        The length of the conjunction ``و``/``ف`` in front of the verb (0 or 1), or
        None when ``word`` is not a finite form of ``stem``.

    Examples
    --------
    >>> verb_conj("وتقول", "قول"), verb_conj("كشفت", "كشف")
    (1, 0)
    >>> verb_conj("بكشف", "كشف") is None, verb_conj("ستقول", "قول") is None
    (True, True)
    """
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
    """Whether a word is a definite relational (nisba) adjective.

    Such an adjective extends a source noun phrase (``الفرنسية``, ``العسكرية``,
    ``الأمريكيين``); relatives (``التي``) and ``إلى`` (normalised ``الي``) are not
    nisbas, though they end alike.

    Parameters
    ----------
    word : str
        A normalised word.

    Returns
    -------
    bool
        True for a word of five letters or more with the article and a nisba ending
        (``ية``, ``ي``, ``يون``, ``يين``, ``يان``).

    Examples
    --------
    >>> is_nisba("الفرنسية"), is_nisba("التي"), is_nisba("الشركة")
    (True, False, False)
    """
    if word in _RELATIVES or not word.startswith("ال") or len(word) < 5:
        return False
    return word.endswith(("ية", "ي", "يون", "يين", "يان"))


def bare(word: str) -> str:
    """A noun without its conjunction and its preposition before the article.

    A leading ``و`` or ``ف`` goes, then a ``ب``, ``ل`` or ``ك`` before the article
    (``وللصحيفة`` -> ``الصحيفة``, ``بالصحيفة`` -> ``الصحيفة``): ``لل`` is ``ل`` +
    ``ال`` with the alef dropped. A preposition on an indefinite noun stays
    (``لصحيفة`` is kept as it is).

    Parameters
    ----------
    word : str
        A normalised word.

    Returns
    -------
    str
        The word without them; itself when it has none, or is too short to carry them.

    Examples
    --------
    >>> bare("وللصحيفة") == "الصحيفة", bare("لصحيفة") == "لصحيفة"
    (True, True)
    """
    if word[:1] in ("و", "ف") and len(word) > 3:
        word = word[1:]
    if word.startswith("لل") and len(word) > 4:
        return "ال" + word[2:]
    if word[:1] in ("ب", "ل", "ك") and len(word) > 4 and word[1:].startswith("ال"):
        return word[1:]
    return word


def skip_marks(text: str, pos: int) -> int:
    """An offset moved past combining marks and tatweel (a diacritic after a clitic).

    Parameters
    ----------
    text : str
        The article.
    pos : int
        A character offset into it.

    Returns
    -------
    int
        The first offset at or after ``pos`` that is neither a combining mark nor a
        tatweel.
    """
    while pos < len(text) and (unicodedata.category(text[pos]) == "Mn" or text[pos] == "\u0640"):
        pos += 1
    return pos


def trim_end(text: str, start: int, end: int) -> int:
    """A span's end moved back over spaces, line breaks and clause punctuation.

    Closing quote marks are kept: the guidelines' content end.

    Parameters
    ----------
    text : str
        The article.
    start, end : int
        The span's character offsets; ``end`` does not move back past ``start``.

    Returns
    -------
    int
        The new end.
    """
    while end > start and text[end - 1] in _TRAILING:
        end -= 1
    return end


def end_with_quotes(sent: SentenceWords, text: str, word: int) -> int:
    """The end of a word, extended over the closing quote marks right after it.

    Parameters
    ----------
    sent : SentenceWords
        The sentence.
    text : str
        The article.
    word : int
        The word's position in the sentence.

    Returns
    -------
    int
        A character offset into the article.
    """
    pos = sent.ends[word]
    while pos < len(text) and text[pos] in CLOSING_QUOTES:
        pos += 1
    return pos
