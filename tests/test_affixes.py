"""The affix lists: each derived list is what its users had before they shared one source."""

from __future__ import annotations

from arabic_media import affixes as A
from arabic_media.text import normalize


def test_proclitic_chains_cover_conjunction_preposition_article():
    assert "لل" in A.PROCLITICS and "وبال" in A.PROCLITICS and "لال" not in A.PROCLITICS
    assert list(A.PROCLITICS) == sorted(A.PROCLITICS, key=lambda p: (-len(p), p))  # longest first


def test_particle_lists_are_the_stopword_builders():
    assert A.PARTICLE_PREFIXES == ("و", "ف", "ب", "ل", "ك", "وب", "ول", "وك", "فب", "فل", "فك")
    assert A.PARTICLE_PRONOUNS == ("ه", "ها", "هم", "هما", "هن", "ك", "كم", "كما", "كن", "نا")


def test_nouns_and_verbs_take_their_own_first_person():
    assert "ني" not in A.NOUN_SUFFIXES and "ي" in A.NOUN_SUFFIXES and "ا" in A.NOUN_SUFFIXES
    assert "ي" not in A.OBJECT_PRONOUNS and "ني" in A.OBJECT_PRONOUNS


def test_every_list_is_in_normalised_spelling():
    lists = [A.PROCLITICS, A.PRONOUNS, A.NOUN_SUFFIXES, A.OBJECT_PRONOUNS, A.VERB_LEADS,
             A.PERSON_PREFIXES, A.VERB_ENDINGS, [s for pair in A.GROUPING_SUFFIX_REWRITES for s in pair]]
    for items in lists:
        assert all(normalize(x) == x for x in items)


def test_strip_article_keeps_short_bases_whole():
    assert A.strip_article("التعاون") == ("تعاون", True)
    assert A.strip_article("للتعاون") == ("تعاون", True)
    assert A.strip_article("الي") == ("الي", False)
