"""The attribution lexicons, read once: cues, anaphors, source types, title nouns.

Files in ``corpus/lexicons/`` (normalised Arabic, read with `read_lexicon`):
``attribution_cues.csv`` (``cue, kind, governs, condition, note``; kind one of
`CUE_KINDS`), ``attribution_anaphors.csv`` (``anaphor, resolves_to, note``),
``source_types.csv`` (``key, source_type, note``: ``type:<gazetteer type>`` or
``actor:<actor_id>``, the actor rule first), ``quotation_title_nouns.csv``,
``source_head_nouns.csv`` (``noun, source_type, rank``; rank one of `HEAD_RANKS`) and
``source_stop_words.csv`` (words that are never part of a source).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from arabic_media.actors import Target, gazetteer_target
from arabic_media.annotations import SOURCE_TYPES
from arabic_media.lexicons import load_actors, read_lexicon
from arabic_media.matching import phrase_pattern
from arabic_media.paths import LEXICONS_DIR, relative

__all__ = ["CUE_KINDS", "SOURCE_TYPES", "AttributionLexicon", "load_attribution_lexicon", "cue_entry"]

#: The kinds of cue in ``attribution_cues.csv``; a ``document`` row is a text or an
#: inquiry (``تقرير``), not a cue of its own.
CUE_KINDS = ("verb", "participle", "preposition", "noun", "document")
#: The ranks of ``source_head_nouns.csv``: a former office holder speaks for himself, an
#: institution decides over a role noun (ATTRIBUTION_GUIDELINES 8.3), an abuser is
#: another actor for the stance rules.
HEAD_RANKS = ("former", "institution", "role", "abuser")
#: Letters a cue may take attached to the next word (``وفقا لـ``).
_ATTACHED = ("ل", "ب")


@dataclass(frozen=True)
class AttributionLexicon:
    """What the attribution rules read, from the files of the module docstring.

    Attributes
    ----------
    cues : tuple of tuple
        The cues that are not documents, as `find` entries (`cue_entry`).
    documents : tuple of tuple
        ``(pattern, noun)`` for each cue of kind ``document``: a text or an inquiry.
    anaphors : dict of str to str
        Normalised word -> ``original_outlet`` or ``latest:<gazetteer type>``.
    source_types : dict of str to str
        ``type:<gazetteer type>`` or ``actor:<actor_id>`` -> source type.
    titles : tuple of str
        Nouns after which a quoted span is a name (``شركة``, ``مجلة``).
    actors : DataFrame
        The gazetteer (`arabic_media.lexicons.load_actors`).
    finder : Target
        All the gazetteer's aliases (`arabic_media.actors.gazetteer_target`).
    heads : tuple of tuple
        ``(pattern, noun, source_type, rank)`` per head noun of
        ``source_head_nouns.csv``.
    not_sources : frozenset of str
        The normalised words of ``source_stop_words.csv``: never part of a source.
    stopwords : frozenset of str
        The study's stop words (`arabic_media.lexicons.load_stopwords`).
    """

    cues: tuple
    documents: tuple
    anaphors: dict
    source_types: dict
    titles: tuple
    actors: pd.DataFrame
    finder: Target
    heads: tuple = ()
    not_sources: frozenset = frozenset()
    stopwords: frozenset = frozenset()

    @functools.cached_property
    def document_entries(self) -> tuple:
        """``documents`` as `find` entries ``(pattern, noun, "document", 1.0)``, made once.

        Made once because `find` indexes an entry list the first time it sees it.
        """
        return tuple((pattern, noun, "document", 1.0) for pattern, noun in self.documents)


def cue_entry(cue: str, kind: str, governs: str = "", condition: str = "") -> tuple:
    """One attribution cue as a `find` entry.

    Two Arabic traps are turned into data here: a verb written in the imperfect
    (``يقول``) is matched from its stem without the person prefix (``قول``), so that
    ``تقول``, ``يقولون`` match through `verb_matches` (hollow and assimilated verbs
    change letters between perfect and imperfect, so both are listed); a final
    one-letter word (``وفقا ل``) is a letter attached to the next word, kept in the cue
    span but not matched as a word.

    Parameters
    ----------
    cue : str
        The cue as written in ``attribution_cues.csv``.
    kind : str
        One of `CUE_KINDS`.
    governs : str
        The prepositions it governs, ``|``-separated (``الي|ل``), or ``""``.
    condition : str
        What it needs to count (``governed``, ``text_subject``, ``text_object``:
        `arabic_media.attribution.rules`), or ``""``.

    Returns
    -------
    tuple
        ``(pattern, cue, kind, 1.0, governs, condition, attached, stem)``: the 1.0 is
        the weight slot `find` ranks cues by; ``governs`` is a tuple; ``attached`` the
        attached letter (``ل`` or ``ب``) or ``""``; ``stem`` the pattern's first word.

    Examples
    --------
    >>> cue_entry("يقول", "verb") == (("قول",), "يقول", "verb", 1.0, (), "", "", "قول")
    True
    >>> cue_entry("وفقا لـ", "preposition")[0], cue_entry("وفقا لـ", "preposition")[6]
    (('وفقا',), 'ل')
    """
    words = list(phrase_pattern(cue))
    attached = ""
    if len(words) > 1 and words[-1] in _ATTACHED:
        attached = words.pop()
    if kind == "verb" and len(words) == 1 and words[0].startswith("ي") and len(words[0]) >= 4:
        words = [words[0][1:]]
    gov = tuple(g for g in governs.split("|") if g)
    return (tuple(words), cue, kind, 1.0, gov, condition, attached, words[0] if words else "")


def load_attribution_lexicon(directory: Path | None = None) -> AttributionLexicon:
    """Read the attribution files and the gazetteer.

    The six files of the module docstring and ``actors.csv``, from ``directory``; the
    stop words are the study's (`arabic_media.lexicons.load_stopwords`, always from
    ``corpus/lexicons/``).

    Parameters
    ----------
    directory : Path or str, optional
        The folder holding the files (default ``corpus/lexicons/``).

    Returns
    -------
    AttributionLexicon

    Raises
    ------
    ValueError
        An unknown cue kind, source type or head-noun rank, naming the file (or a
        column missing: `arabic_media.lexicons.read_lexicon`).
    FileNotFoundError
        A file is missing.
    """
    directory = Path(directory) if directory is not None else LEXICONS_DIR
    cues = read_lexicon(directory / "attribution_cues.csv", ["cue", "kind", "governs", "condition", "note"])
    bad = sorted(set(cues["kind"]) - set(CUE_KINDS))
    if bad:
        raise ValueError(f"{relative(directory / 'attribution_cues.csv')}: unknown kind(s) {bad}")
    anaphors = read_lexicon(directory / "attribution_anaphors.csv", ["anaphor", "resolves_to", "note"])
    types = read_lexicon(directory / "source_types.csv", ["key", "source_type", "note"])
    bad = sorted(set(types["source_type"]) - set(SOURCE_TYPES))
    if bad:
        raise ValueError(f"{relative(directory / 'source_types.csv')}: unknown source type(s) {bad}")
    titles = read_lexicon(directory / "quotation_title_nouns.csv", ["noun", "note"])
    speech = cues[cues["kind"] != "document"]
    docs = cues[cues["kind"] == "document"]
    heads = read_lexicon(directory / "source_head_nouns.csv", ["noun", "source_type", "rank"])
    bad = sorted(set(heads["source_type"]) - set(SOURCE_TYPES)) + sorted(set(heads["rank"]) - set(HEAD_RANKS))
    if bad:
        raise ValueError(f"{relative(directory / 'source_head_nouns.csv')}: unknown source type(s) or rank(s) {bad}")
    not_sources = read_lexicon(directory / "source_stop_words.csv", ["word"])
    from arabic_media.lexicons import load_stopwords

    return AttributionLexicon(
        heads=tuple((phrase_pattern(r.noun), r.noun, r.source_type, r.rank) for r in heads.itertuples()),
        not_sources=frozenset(w for word in not_sources["word"] for w in phrase_pattern(word)),
        stopwords=load_stopwords(),
        cues=tuple(cue_entry(r.cue, r.kind, r.governs, r.condition) for r in speech.itertuples()),
        documents=tuple((phrase_pattern(n), n) for n in docs["cue"]),
        anaphors=dict(zip(anaphors["anaphor"], anaphors["resolves_to"])),
        source_types=dict(zip(types["key"], types["source_type"])),
        titles=tuple(titles["noun"]),
        actors=load_actors(directory),
        finder=gazetteer_target(directory),
    )
