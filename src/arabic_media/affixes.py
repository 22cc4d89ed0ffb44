"""Every Arabic clitic, suffix and verb-affix list of the study, written once.

All in normalised spelling (`arabic_media.text.normalize`: ``أ`` -> ``ا``, ``ى`` ->
``ي``). Grouping (`arabic_media.terms.grouping`), phrase matching
(`arabic_media.matching`) and the stop-word builder (``scripts/build_stopwords.py``)
read their lists from here; where one of them needs a subset, the subset is derived
here, with the reason, so two lists cannot drift apart.
"""

from __future__ import annotations

__all__ = [
    "CONJUNCTIONS",
    "PREPOSITIONS",
    "ARTICLE",
    "PROCLITICS",
    "PARTICLE_PREFIXES",
    "PRONOUNS",
    "PARTICLE_PRONOUNS",
    "NOUN_SUFFIXES",
    "OBJECT_PRONOUNS",
    "VERB_LEADS",
    "PERSON_PREFIXES",
    "VERB_ENDINGS",
    "GROUPING_SUFFIX_REWRITES",
    "strip_article",
]

#: Conjunctions written joined to the next word: ``و`` (and), ``ف`` (so).
CONJUNCTIONS: tuple[str, ...] = ("و", "ف")
#: Prepositions written joined to the next word: ``ب`` (with), ``ل`` (for), ``ك`` (like).
PREPOSITIONS: tuple[str, ...] = ("ب", "ل", "ك")
#: The definite article. After ``ل`` it is written ``لل`` (للشركات, not لالشركات).
ARTICLE = "ال"

#: Proclitic chains that attach to the front of a word, longest first: a conjunction,
#: then a preposition, then the article (``ل`` + ``ال`` written ``لل``).
PROCLITICS: tuple[str, ...] = tuple(
    sorted(
        {
            (conj + prep + art).replace("لال", "لل")
            for conj in ("",) + CONJUNCTIONS
            for prep in ("",) + PREPOSITIONS
            for art in ("", ARTICLE)
        }
        - {""},
        key=lambda p: (-len(p), p),
    )
)

#: The proclitics a function word (a particle, a pronoun) takes: a conjunction and/or a
#: preposition, never the article. Conjunctions, then prepositions, then the pairs
#: (``و ف ب ل ك وب ول وك فب فل فك``): the stop-word builder's variants.
PARTICLE_PREFIXES: tuple[str, ...] = (
    CONJUNCTIONS + PREPOSITIONS + tuple(c + p for c in CONJUNCTIONS for p in PREPOSITIONS)
)

#: The attached pronouns: he/him/his ``ه``, she ``ها``, they ``هم هما هن``, you ``ك
#: كم كما كن``, me/my ``ي``/``ني``, we/us ``نا``.
PRONOUNS: tuple[str, ...] = ("ه", "ها", "هم", "هما", "هن", "ك", "كم", "كما", "كن", "ي", "ني", "نا")

#: Pronouns on particles (``انهم``, ``معه``), for the stop-word list: first person
#: singular is left out, since ``ي``/``ني`` after a particle (``في``, ``اني``) make
#: forms that clash with other words.
PARTICLE_PRONOUNS: tuple[str, ...] = tuple(p for p in PRONOUNS if p not in ("ي", "ني"))

#: What a noun (a name, a cue word) may carry behind it: nothing, a possessive
#: pronoun (``تحفظهم``; ``ني`` is a verb's object, not a possessive), or the
#: accusative alef of an indefinite noun (``عائقا``).
NOUN_SUFFIXES: tuple[str, ...] = ("",) + tuple(p for p in PRONOUNS if p != "ني") + ("ا",)

#: Object pronouns on a verb (``حذفوها``): ``ني`` for "me", never ``ي``.
OBJECT_PRONOUNS: tuple[str, ...] = ("",) + tuple(p for p in PRONOUNS if p != "ي")

#: In front of an inflected verb: a conjunction, then the particle ``ل`` (in order to)
#: or ``س`` (future), longest first.
VERB_LEADS: tuple[str, ...] = tuple(
    sorted(
        {conj + particle for conj in ("",) + CONJUNCTIONS for particle in ("", "ل", "س")},
        key=lambda p: (-len(p), p),
    )
)
#: Person prefixes of the imperfect (``يتعاون``, ``تتعاون``, ``نتعاون``, ``اتعاون``).
PERSON_PREFIXES: tuple[str, ...] = ("", "ي", "ت", "ن", "ا")
#: Person endings of the perfect and the imperfect (``تعاونت``, ``يتعاونون``).
VERB_ENDINGS: tuple[str, ...] = ("", "ت", "تا", "تم", "تما", "تن", "نا", "ن", "ا", "وا", "ون", "ين", "ان")

#: Suffix rewrites the grouper tries on a stem, longest first: (suffix, replacement).
#: Plural and dual endings, the feminine ``ة`` (also of nisba adjectives: امريكية ->
#: امريكي), the verb ending ``وا``, and third-person pronouns (a ``ة`` before a
#: pronoun is written ``ت``: رغبتها -> رغبة).
GROUPING_SUFFIX_REWRITES: tuple[tuple[str, str], ...] = (
    ("تهما", "ة"), ("تهم", "ة"), ("تها", "ة"), ("ته", "ة"),
    ("تان", "ة"), ("تين", "ة"), ("ات", "ة"), ("ات", ""),
    ("هما", ""), ("هم", ""), ("هن", ""), ("ها", ""), ("ه", ""),
    ("ان", ""), ("ين", ""), ("ون", ""), ("وا", ""),
    ("ة", ""),
)


def strip_article(word: str) -> tuple[str, bool]:
    """``word`` without a written article, and whether it had one.

    ``التعاون`` -> ``تعاون``, ``للتعاون`` -> ``تعاون`` (``ل`` + ``ال`` is written
    ``لل``). A base shorter than three letters is left whole: ``الي`` (إلى) is not
    ``ال`` + ``ي``.

    Parameters
    ----------
    word : str
        A word in normalised spelling.

    Returns
    -------
    tuple of (str, bool)
        The word without its article (or unchanged), and whether an article was
        removed.

    Examples
    --------
    >>> strip_article("للتعاون") == ("تعاون", True)
    True
    >>> strip_article("الي") == ("الي", False)
    True
    """
    for article in ("ل" + ARTICLE[1:], ARTICLE):  # لل, ال
        if word.startswith(article) and len(word) - len(article) >= 3:
            return word[len(article) :], True
    return word, False
