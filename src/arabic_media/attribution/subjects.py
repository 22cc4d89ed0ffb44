"""Who speaks: the source of a reporting cue, and its type.

`find_source` finds the words that name a cue's source in its sentence
(ATTRIBUTION_GUIDELINES sections 3 and 8): after a verb written first (``قالت الصحيفة``), an
actor of the gazetteer, a head noun of ``source_head_nouns.csv`` (an organisation or an
office the gazetteer does not know), an anaphor, a definite noun, or a name that a content
follows closely; before the verb, back to the complementiser; after a passive's ``من
قبل``; none for a participle, whose source is the subject of its verb. The span is
extended over nisba adjectives, genitives, names and an apposition. `span_type` reads the
source type from the span's head nouns, the institution first; `region_end` says how far
the words describing a source run. `arabic_media.attribution.rules` calls them for each
cue; a sentence's look-ups (mentions, head nouns, texts, taken words) come from its index
there.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from arabic_media.attribution import words as w
from arabic_media.attribution.sources import source_type
from arabic_media.matching import SentenceWords

if TYPE_CHECKING:  # the cue and the sentence's index are built by the rules that call here
    from arabic_media.attribution.rules import _Cue, _SentenceIndex

__all__ = ["BREAKS", "find_source", "region_end", "span_type"]

#: Punctuation that ends what a subject or a describing region may span.
BREAKS = frozenset(".:!?؟")
#: A preposition with a pronoun between a verb and its subject (``أعلنت عنها المفوضية``).
_PRONOUN_OBJECTS = frozenset({"عنها", "عنه", "عنهم", "بها", "به", "بهم", "لها", "له", "لهم", "اليها", "اليه",
                              "اليهم", "منها", "منه"})
#: Prepositions that end the words describing a source: what follows is the addressee
#: or the content (``طلبت اللجنة من شركة أمازون``, ``أعرب ... عن قلقهم``).
_REGION_STOPS = frozenset({"من", "عن", "الي", "علي", "مع", "ضد", "بشان", "حول"})
#: Auxiliaries before a speech verb: not its subject (``ومضت تقول``, 8.1).
_AUXILIARIES = frozenset({"مضي", "مضت", "عاد", "عادت", "راح", "راحت", "ظل", "ظلت", "كان", "كانت", "اخذ", "اخذت"})
#: The passive's agent phrase: the source follows it (``تم أمر ... من قبل اللجنة``, 8.1).
_PASSIVE = frozenset({"تم", "وتم", "تمت", "وتمت"})
#: The most words a subject written before its verb may have.
_SUBJECT_WORDS = 12



def _extend_nisba(sent: SentenceWords, last: int) -> int:
    while last + 1 < len(sent.words) and not sent.gaps[last + 1] and w.is_nisba(sent.words[last + 1]):
        last += 1
    return last


#: The most words a source written after its cue may have (a title, a name, an
#: institution: ``الرئيس التنفيذي لفيس بوك مارك زوكربرغ``).
_SOURCE_WORDS = 12


def _name_like(word: str, lex) -> bool:
    """Can ``word`` be part of a name or a title outside the gazetteer (``مرزوقي``,
    ``داروسمان``, ``petit``)? Not a stop word, a time word, a complementiser, a number,
    or a word with a preposition or the article in front."""
    if len(word) < 2 or word in lex.stopwords or word in lex.not_sources or w.complementiser(word):
        return False
    if word[:1].isdigit() or word.startswith(("ال", "لل", "بال", "وال", "فال", "كال")):
        return False
    return not (word[:1] in ("ل", "ب") and word[1:].startswith("ال"))


def _np_word(sent: SentenceWords, k: int, index: _SentenceIndex, lex) -> int | None:
    """The last word of a part of a source noun phrase starting at word ``k``: an actor
    named there, a head noun (``خبراء``, ``الأمم المتحدة``), a nisba, a definite noun
    or a name; None when word ``k`` is none of these."""
    word = sent.words[k]
    found = index.mention_at.get(k) or index.head_at.get(k)
    if found is not None:
        return found.last
    if word in lex.not_sources or word in lex.stopwords or w.complementiser(word) or k in index.taken or \
            index.document_at_or_after(k, k) is not None:
        return None  # a text (نشرت صحيفة لوفيغارو تقريرا) is the object, not part of the source
    if w.is_nisba(word) or _name_like(word, lex):
        return k
    if word.startswith("ال") and len(word) > 3 and word not in ("الي", "الا"):
        return k
    return None


def _extend_np(sent: SentenceWords, first: int, last: int, index: _SentenceIndex, lex) -> int:
    """``last`` moved over the words that continue the source noun phrase: a genitive or
    a name with no punctuation before it (``مساعد رئيس تحرير الصحيفة``), and an
    apposition after a comma that opens with a head noun or a name of the gazetteer
    (``مرزوقي داروسمان، رئيس بعثة ...``)."""
    n = len(sent.words)
    while last + 1 < n and last + 1 - first < _SOURCE_WORDS:
        k = last + 1
        gap = set(sent.gaps[k]) - w.CLOSING_QUOTES - set("\"'«“‘#")
        if gap and not (gap <= set("،,") and (k in index.head_at or k in index.mention_at
                                               or (_name_like(sent.words[k], lex) and k not in index.taken))):
            break
        nxt = _np_word(sent, k, index, lex)
        if nxt is None:
            break
        plain_name = k not in index.mention_at and k not in index.head_at and not w.is_nisba(sent.words[k]) \
            and not sent.words[k].startswith("ال")
        named_before = (last in index.mention_at or _name_like(sent.words[last], lex)
                        or any(m.last == last for m in index.mentions)
                        or (last == first and first not in index.head_at))  # أليكس ستاموس: a name read as ال
        if plain_name and not gap and not named_before:
            break  # a name goes on a name or a named actor (لفيس بوك مارك زوكربرغ), not a noun (الشرطة تورط)
        last = nxt
    return last


def _source_after(sent: SentenceWords, j: int, index: _SentenceIndex, lex,
                  names_only: bool = False, governs: tuple = (), preposition: bool = False) -> tuple[int, int] | None:
    """The noun phrase starting at word ``j`` if it can be a subject: an actor named
    there, a head noun of ``source_head_nouns.csv`` (an organisation or an office the
    gazetteer does not know: ``اللجنة الأوروبية``, ``خبراء``), an anaphor
    (``الصحيفة``), or (unless ``names_only``) a definite noun or a name; extended over
    its nisba adjectives, genitives, names and apposition (`_extend_np`)."""
    if j >= len(sent.words) or set(sent.gaps[j]) - w.CLOSING_QUOTES - set("\"'«“‘#") or j in index.taken:
        return None
    mention = index.mention_at.get(j) or index.head_at.get(j)
    word = sent.words[j]
    if mention is not None:
        last = mention.last
    elif names_only or set(sent.gaps[j]) & w.OPENING_QUOTES:
        return None  # a quotation opens here: its words are the content, not the source
    elif preposition and index.document_at_or_after(j, j) is not None:
        last = j  # وفقا لبيان صادر عن ...: a text as source (8.3)
    elif w.bare(word) in lex.anaphors or ((w.bare(word) if preposition else word).startswith("ال") and len(word) > 3
                                           and not w.complementiser(word) and word not in ("الي", "الا")
                                           and word not in lex.not_sources):
        last = j
    elif _name_like(word, lex) and not any(len(g) == 1 and word.startswith(g) for g in governs) \
            and index.document_at_or_after(j, j) is None:
        # a name (قال مرزوقي داروسمان، رئيس بعثة ... إن), not the governed preposition's
        # noun (أشارت لوجود) nor a text; an indefinite noun after a verb is mostly its
        # object (أثبتت تورط شركات): a name counts only when the content opens soon after
        last = _extend_np(sent, j, _extend_nisba(sent, j), index, lex)
        return (j, last) if _content_follows(sent, last, index) else None
    else:
        return None
    last = _extend_nisba(sent, last)
    return j, _extend_np(sent, j, last, index, lex)


def _content_follows(sent: SentenceWords, last: int, index: _SentenceIndex, words: int = 6) -> bool:
    """Does a content open within ``words`` words after word ``last``: a complementiser,
    a colon or a quotation, before any other cue?"""
    for k in range(last + 1, min(len(sent.words), last + 1 + words)):
        if set(sent.gaps[k]) & (w.OPENING_QUOTES | set(":")) or w.complementiser(sent.words[k]):
            return True
        if k in index.taken:
            return False
    return False


def _source_before(sent: SentenceWords, i: int, taken: set[int]) -> tuple[tuple[int, int] | None, str]:
    """The subject written before the verb at word ``i``, back to the complementiser or
    a clause break; ``(None, "implicit")`` for a pronoun on ``أن`` or no subject."""
    if i == 0 or w.complementiser(sent.words[i - 1]) == "pronoun" or set(sent.gaps[i]) & (
            BREAKS | set("،,") | w.CLOSING_QUOTES):
        return None, "implicit"  # a comma or a quotation's end before the verb opens a new clause: pro-drop
    if sent.words[i - 1] in ("ما", "مما"):
        if sent.words[i].endswith(("ت", "ه", "ها", "هم", "وا")):
            return None, "implicit"  # ما قالت, مما أعلنته: the verb's person is its subject
        return None, "unnamed: a verb after ما, no subject written (ما وصف بأنه)"
    first = i
    # a subject longer than _SUBJECT_WORDS is not one (implicit below): no need to look further back
    for j in range(i - 1, max(i - _SUBJECT_WORDS - 2, -1), -1):
        if w.complementiser(sent.words[j]) or j in taken:
            break
        first = j
        if set(sent.gaps[j]) & (BREAKS | set("،,")):
            break
    if first > i - 1 or i - first > _SUBJECT_WORDS:
        return None, "implicit"
    if all(_function_word(sent.words[k]) for k in range(first, i)):
        return None, "implicit"  # لكنها قالت, إذ زعم: no subject written, only function words
    return (first, i - 1), "subject before the verb"


def _function_word(word: str) -> bool:
    """A conjunction, particle or pronoun-carrying function word (``لكنها``, ``إذ``)."""
    from arabic_media.affixes import PRONOUNS

    bare = word[1:] if word[:1] in "وف" and len(word) > 2 else word
    if bare in w.CONTRAST_WORDS or bare in ("اذ", "حيث", "كما", "ثم", "قد", "لقد", "بل", "ما", "مما", "علي", "الرغم",
                                             "رغم", "بالرغم") or bare in _AUXILIARIES:
        return True
    return any(bare.startswith(head) and bare[len(head):] in PRONOUNS for head in ("لكن", "ان", "كان"))


def find_source(cue: _Cue, sent: SentenceWords, index: _SentenceIndex, taken: set[int], lex) -> tuple:
    """The words that name a cue's source in its sentence, and how they were found.

    A verb with a plural ending (``أكدوا``) has its subject before it or in itself:
    Arabic verb-subject order puts a singular verb first (``قالت الصحيفة``).

    Parameters
    ----------
    cue : _Cue
        The cue (`arabic_media.attribution.rules.find_cues`).
    sent : SentenceWords
        Its sentence.
    index : _SentenceIndex
        The sentence's look-ups (mentions, head nouns, texts, the words taken by cues).
    taken : set of int
        The word positions of the sentence's cues.
    lex : AttributionLexicon

    Returns
    -------
    (tuple or None, str)
        The span ``(first, last)`` word positions, or None (an implicit source, or
        none), and how it was found.
    """
    m = cue.match
    if cue.kind == "participle":
        return None, "implicit"  # the subject of the verb it depends on (8.1)
    if cue.kind in ("preposition", "noun"):
        span = _source_after(sent, m.last + 1, index, lex, names_only=cue.kind == "noun",
                             preposition=cue.kind == "preposition")
        if span is None and cue.kind == "preposition":
            return None, "no source after the preposition"
        return span, "source after the cue" if span else "unnamed: a speech-act noun without agent"
    if m.first > 0 and sent.words[m.first - 1] in _PASSIVE:
        for k in range(m.last + 1, min(len(sent.words) - 2, m.last + 8)):
            if sent.words[k] == "من" and sent.words[k + 1] == "قبل":
                span = _source_after(sent, k + 2, index, lex)
                if span is not None:
                    return span, "the passive's agent after من قبل"
        return None, "unnamed: a passive without agent"
    before = m.first - 1
    if before >= 0 and not set(sent.gaps[m.first]) and sent.words[m.first][:1] in "يت" and (
            before in index.mention_at or before in index.head_at):
        # أوروبا تخبر ..., فيسبوك يقول: an imperfect verb right after a name agrees with it
        found, how = _source_before(sent, m.first, taken)
        if found is not None:
            return found, how
    plural = sent.words[m.first].endswith(("وا", "ون"))
    if not plural:
        after = m.last + 1
        if after < len(sent.words) and sent.words[after] in _PRONOUN_OBJECTS:
            after += 1  # أعلنت عنها المفوضية: the subject after a pronoun object
        span = _source_after(sent, after, index, lex, governs=cue.governs,
                             preposition=cue.condition == "text_subject")
        if span is not None:
            return span, "subject after the verb"
    return _source_before(sent, m.first, taken)


def region_end(sent: SentenceWords, span: tuple[int, int], index: _SentenceIndex) -> int:
    """The last word of the region that describes a source.

    Its span, and after it, up to the complementiser, a colon, a quotation or a
    preposition that opens the addressee or the content (``خبراء في حقوق الإنسان
    بالأمم المتحدة يحققون ... إن``), at most `_SOURCE_WORDS` words.

    Parameters
    ----------
    sent : SentenceWords
    span : tuple of (int, int)
        The source's first and last word.
    index : _SentenceIndex
        The sentence's look-ups (the words taken by cues).

    Returns
    -------
    int
        A word position.
    """
    last = span[1]
    for k in range(span[1] + 1, min(len(sent.words), span[0] + _SOURCE_WORDS)):
        if w.complementiser(sent.words[k]) or k in index.taken or sent.words[k] in _REGION_STOPS or set(
                sent.gaps[k]) & (BREAKS | w.OPENING_QUOTES | set(":")):
            break
        last = k
    return last


def span_type(sent: SentenceWords, span: tuple[int, int], heads: dict, lex, mentions: dict | None = None,
              actor: str = "") -> str:
    """The source type of a source, read from its words (ATTRIBUTION_GUIDELINES 8.3).

    A former office holder (``السابق``) is ``other``. An actor of the gazetteer at the
    head gives its type (`sources.source_type`). Otherwise an institution named in the
    span or the words describing it decides over a role noun: a gazetteer actor after a
    role (``المتحدث باسم فيسبوك``: company) or an institution noun (``خبراء ...
    بالأمم المتحدة``: government); then a role noun alone (``خبراء``: expert); a name
    alone is ``other``.

    Parameters
    ----------
    sent : SentenceWords
        The sentence.
    span : tuple of (int, int)
        First and last word of the source and the words that describe it.
    heads : dict
        Word position -> head-noun match of the sentence.
    lex : AttributionLexicon
        For its source types.
    mentions : dict, optional
        Word position -> gazetteer mention of the sentence.
    actor : str
        The actor resolved from the span, if any.

    Returns
    -------
    str
        A source type.
    """
    mentions = mentions or {}
    found = [heads[k].info for k in range(span[0], span[1] + 1) if k in heads]
    if any(rank == "former" for _, rank in found):
        return "other"
    if actor and (span[0] in mentions or span[0] not in heads):
        return source_type(actor, lex)
    named = [source_type(mentions[k].info[0], lex) for k in range(span[0] + 1, span[1] + 1) if k in mentions]
    institutions = [t for t, rank in found if rank == "institution"]
    if named or institutions:
        return (named or institutions)[0]
    for source_type_, rank in found:
        if rank == "role":
            return source_type_
    return source_type(actor, lex) if actor else "other"
