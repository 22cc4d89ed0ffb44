"""Every lexicon of the study, read the same way (``corpus/lexicons/``).

`read_lexicon` is the one CSV reader: each file gets the same checks and the same
errors, naming the file relative to the project. The loaders below return each list
in the form its users need: stop words and reporting terms (terms), the glossary
(figures), the grouping gold and candidates (grouping evaluation), the actor
gazetteer (actors, stance, attribution) and the stance lexicon (cues, negators,
contrast markers, as token patterns).
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from arabic_media.matching import phrase_pattern
from arabic_media.paths import LEXICONS_DIR, relative
from arabic_media.text import normalize
from arabic_media.wordlists import REPORTING_COLUMNS, read_reporting_terms, read_stopwords

__all__ = [
    "read_lexicon",
    "load_stopwords",
    "stopword_header",
    "load_stopword_changes",
    "load_reporting_terms",
    "load_glossary",
    "lookup_glosses",
    "load_grouping_gold",
    "load_grouping_candidates",
    "ACTOR_TYPES",
    "load_actors",
    "CONTRAST_EFFECTS",
    "Lexicon",
    "load_lexicon",
]



def read_lexicon(path: Path | str, columns: list[str]) -> pd.DataFrame:
    """Read a lexicon CSV as strings and return its ``columns``, in that order.

    Checks that the file exists and that its header has every one of ``columns``
    (other columns are allowed and dropped). Errors name the file relative to the
    project (`arabic_media.paths.relative`), never by a machine path.

    Parameters
    ----------
    path : Path or str
        The CSV file (UTF-8).
    columns : list of str
        The columns to return; each must be in the header.

    Returns
    -------
    DataFrame
        Those columns, every cell a string. Empty cells stay empty strings, not NaN
        (``keep_default_na=False``: an Arabic word is never "NA").

    Raises
    ------
    FileNotFoundError
        No such file.
    ValueError
        The header lacks one of ``columns`` (the message gives the header), or a row
        has another number of fields than the header (the message gives its line).
    """
    path = Path(path)
    name = relative(path)
    if not path.is_file():
        raise FileNotFoundError(f"{name}: no such lexicon file")
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    header = rows[0] if rows else []
    missing = [c for c in columns if c not in header]
    if missing:
        raise ValueError(f"{name}: header is {header}, missing column(s) {missing}; expected {columns}")
    for line, row in enumerate(rows[1:], start=2):
        if len(row) != len(header):
            raise ValueError(f"{name}, line {line}: {len(row)} fields where the header has {len(header)} "
                             "(a comma in a note needs the note in double quotes)")
    table = pd.DataFrame(rows[1:], columns=header, dtype=str)
    return table[columns]


def load_stopwords(path: Path | str | None = None) -> frozenset[str]:
    """The study's stop words (normalised forms) from ``corpus/lexicons/stopwords_ar.txt``.

    The file is built by ``scripts/build_stopwords.py`` from stopwords-iso 0.7.1 (its
    ``#`` header lines say how). Read by `wordlists.read_stopwords`, the reader the
    corpus count uses too.

    Parameters
    ----------
    path : Path or str, optional
        The list (default ``corpus/lexicons/stopwords_ar.txt``).

    Returns
    -------
    frozenset of str
        Its lines, stripped, except blank lines and ``#`` comment lines.

    Raises
    ------
    FileNotFoundError
        No such file (named relative to the project).
    """
    return read_stopwords(path)


def stopword_header(path: Path | str | None = None) -> list[str]:
    """The ``#`` header lines of the stop-word file: where the list came from.

    ``scripts/build_stopwords.py`` writes them: the source of the list and how it was
    built.

    Parameters
    ----------
    path : Path or str, optional
        Default ``corpus/lexicons/stopwords_ar.txt``.

    Returns
    -------
    list of str
        The lines starting with ``#``, as written, in file order.
    """
    path = Path(path) if path is not None else LEXICONS_DIR / "stopwords_ar.txt"
    return [line for line in path.read_text(encoding="utf-8").splitlines() if line.startswith("#")]


def load_stopword_changes(path: Path | str | None = None) -> pd.DataFrame:
    """What the stop-word builder did to each source entry (``stopwords_ar_changes.csv``).

    Parameters
    ----------
    path : Path or str, optional
        Default ``corpus/lexicons/stopwords_ar_changes.csv``.

    Returns
    -------
    DataFrame
        The file's columns as strings (``action`` among them).
    """
    path = Path(path) if path is not None else LEXICONS_DIR / "stopwords_ar_changes.csv"
    read_lexicon(path, ["action"])  # the file exists and has the column, or a clear error
    return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")


def load_reporting_terms(path: Path | str | None = None) -> pd.DataFrame:
    """Reporting verbs and attribution words, one row per normalised form.

    From ``corpus/lexicons/reporting_terms.csv``, read by
    `wordlists.read_reporting_terms` (the reader the corpus count uses too, with
    `read_lexicon`'s checks and errors), as a table of text columns like
    `read_lexicon`'s.

    Parameters
    ----------
    path : Path or str, optional
        The list (default ``corpus/lexicons/reporting_terms.csv``).

    Returns
    -------
    DataFrame
        Columns ``norm, lemma, category``, in file order.

    Raises
    ------
    FileNotFoundError, ValueError
        As `wordlists.read_reporting_terms`: no such file, a column missing.
    """
    rows = read_reporting_terms(path)
    return pd.DataFrame({column: pd.array([row[column] for row in rows], dtype="str")
                         for column in REPORTING_COLUMNS})


def load_glossary(path: Path | str | None = None) -> dict[str, str]:
    """English glosses keyed by normalised term (words or space-joined n-grams).

    The file stores normalised terms already (a test reads it raw to check); the keys
    are normalised again so that a hand-typed hamza or alif maqsura cannot silently
    miss.

    Parameters
    ----------
    path : Path or str, optional
        The glossary, columns ``term, gloss_en`` (default
        ``corpus/lexicons/glossary.csv``).

    Returns
    -------
    dict of str to str
        Normalised term -> English gloss.

    Raises
    ------
    ValueError
        Two rows with the same normalised term (or a column missing:
        `read_lexicon`).
    FileNotFoundError
        No such file.
    """
    path = Path(path) if path is not None else LEXICONS_DIR / "glossary.csv"
    table = read_lexicon(path, ["term", "gloss_en"])
    keys = [normalize(term) for term in table["term"]]
    repeated = sorted({k for k in keys if keys.count(k) > 1})
    if repeated:
        raise ValueError(f"{relative(path)}: terms repeated after normalisation: {repeated}")
    return dict(zip(keys, table["gloss_en"]))


def lookup_glosses(terms: Iterable[str], glossary: Mapping[str, str] | None = None) -> list[str]:
    """The English gloss of each of ``terms``, looked up by its normalised form.

    The one place a gloss is looked up: the figures' CSVs and the figures themselves
    both take their glosses from here.

    Parameters
    ----------
    terms : iterable of str
        Words or space-joined n-grams, in any spelling (each is normalised before the
        look-up; a non-string is turned into one).
    glossary : mapping of str to str, optional
        Normalised term -> gloss (default `load_glossary`).

    Returns
    -------
    list of str
        One gloss per term, in order; ``""`` where the glossary has none.
    """
    glossary = load_glossary() if glossary is None else glossary
    return [glossary.get(normalize(str(term)), "") for term in terms]


def load_grouping_gold(split: str = "study", *, path: Path | str | None = None) -> pd.DataFrame:
    """A hand-made gold grouping: which normalised words are one term.

    The signature of every gold loader (`arabic_media.annotations`).

    Parameters
    ----------
    split : str
        ``study``: ``corpus/lexicons/grouping_gold.csv``, the article's content words,
        written by the splitter's author from the same article (an in-sample list);
        ``heldout``: ``grouping_gold_heldout.csv``, common news words, none of them in
        the article, written before the splitter was run on them.
    path : Path or str, optional
        Read this file instead.

    Returns
    -------
    DataFrame
        ``norm, group``: one row per normalised word; words with the same ``group``
        are one term.

    Raises
    ------
    ValueError
        For another split, or a word listed twice.
    """
    if split not in ("study", "heldout"):
        raise ValueError(f"unknown split {split!r} for the grouping gold; use 'study' or 'heldout'")
    default = "grouping_gold_heldout.csv" if split == "heldout" else "grouping_gold.csv"
    path = Path(path) if path is not None else LEXICONS_DIR / default
    gold = read_lexicon(path, ["norm", "group"])
    repeated = gold.loc[gold["norm"].duplicated(), "norm"].tolist()
    if repeated:
        raise ValueError(f"{relative(path)}: words listed twice: {repeated}")
    return gold


def load_grouping_candidates(path: Path | str | None = None) -> pd.DataFrame:
    """Keys that outside stemmers give the gold words (of both gold lists).

    Built once by ``scripts/build_grouping_candidates.py``, so the study does not need
    the stemmers.

    Parameters
    ----------
    path : Path or str, optional
        Default ``corpus/lexicons/grouping_candidates.csv``.

    Returns
    -------
    DataFrame
        ``candidate, package, version, norm, key``: one row per stemmer and word.
    """
    path = Path(path) if path is not None else LEXICONS_DIR / "grouping_candidates.csv"
    return read_lexicon(path, ["candidate", "package", "version", "norm", "key"])


ACTOR_TYPES = (
    "company",
    "government_body",
    "armed_group",
    "media_outlet",
    "person",
    "country",
    "group_reference",
)


def load_actors(directory: Path | None = None) -> pd.DataFrame:
    """The actor gazetteer ``actors.csv``: one row per actor, with its aliases.

    Parameters
    ----------
    directory : Path, optional
        The folder holding ``actors.csv`` (default ``corpus/lexicons/``).

    Returns
    -------
    DataFrame
        ``actor_id, canonical_ar, name_en, type, aliases_ar`` and ``aliases``: a list
        of the ``|``-separated Arabic aliases, stripped, without repeats; the
        canonical name is always the first.

    Raises
    ------
    ValueError
        A ``type`` not in `ACTOR_TYPES`, or an ``actor_id`` listed twice (or a column
        missing: `read_lexicon`).
    """
    directory = Path(directory) if directory is not None else LEXICONS_DIR
    path = directory / "actors.csv"
    actors = read_lexicon(path, ["actor_id", "canonical_ar", "name_en", "type", "aliases_ar"])
    bad = actors.loc[~actors["type"].isin(ACTOR_TYPES), "actor_id"].tolist()
    if bad:
        raise ValueError(f"{relative(path)}: unknown actor type for {bad}; use one of {ACTOR_TYPES}")
    duplicated = actors.loc[actors["actor_id"].duplicated(), "actor_id"].tolist()
    if duplicated:
        raise ValueError(f"{relative(path)}: actor_id repeated: {duplicated}")
    actors["aliases"] = [
        list(dict.fromkeys([canonical] + [a.strip() for a in aliases.split("|") if a.strip()]))
        for canonical, aliases in zip(actors["canonical_ar"], actors["aliases_ar"])
    ]
    return actors


CONTRAST_EFFECTS = ("later_clause_dominates", "marked_clause_conceded", "no_dominance")


@dataclass(frozen=True)
class Lexicon:
    """Cues, negators and contrast markers, as token patterns.

    A pattern is the tuple of an entry's normalised word tokens
    (`arabic_media.matching.phrase_pattern`).

    Attributes
    ----------
    cues : tuple of tuple
        ``(pattern, cue, polarity, weight)`` per cue: polarity ``FAVOR`` or
        ``AGAINST``, weight a positive float.
    negators : tuple of tuple
        ``(pattern, negator, scope_tokens)`` per negator: how many words on it reaches.
    markers : tuple of tuple
        ``(pattern, marker, effect)`` per contrast marker: effect one of
        `CONTRAST_EFFECTS`.
    actions : ActionLexicon or None
        The company's actions and the words around them
        (`arabic_media.stance.actions`); None in a lexicon built in code, where the
        mechanisms that read them find nothing.
    """

    cues: tuple[tuple[tuple[str, ...], str, str, float], ...]
    negators: tuple[tuple[tuple[str, ...], str, int], ...] = ()
    markers: tuple[tuple[tuple[str, ...], str, str], ...] = ()
    actions: object = None

    @classmethod
    def from_lists(
        cls,
        cues: list[tuple[str, str, float]],
        negators: list[tuple[str, int]] = (),
        markers: list[tuple[str, str]] = (),
    ) -> "Lexicon":
        """A lexicon built in code, each entry checked as `load_lexicon` checks the files.

        Parameters
        ----------
        cues : list of tuple of (str, str, float)
            ``(cue, polarity, weight)`` per cue.
        negators : list of tuple of (str, int), optional
            ``(negator, scope_tokens)`` per negator.
        markers : list of tuple of (str, str), optional
            ``(marker, effect)`` per contrast marker.

        Returns
        -------
        Lexicon
            With each entry's pattern.

        Raises
        ------
        ValueError
            A polarity other than ``FAVOR``/``AGAINST``, a weight that is not positive,
            or an effect not in `CONTRAST_EFFECTS`.
        """
        for _, polarity, weight in cues:
            _check_cue(polarity, weight, "cue list")
        for _, effect in markers:
            _check_effect(effect, "marker list")
        return cls(
            tuple((phrase_pattern(c), c, p, float(w)) for c, p, w in cues),
            tuple((phrase_pattern(n), n, int(s)) for n, s in negators),
            tuple((phrase_pattern(m), m, e) for m, e in markers),
        )


def _check_cue(polarity: str, weight: float, where: str) -> None:
    if polarity not in ("FAVOR", "AGAINST"):
        raise ValueError(f"{where}: cue polarity {polarity!r} is not FAVOR or AGAINST")
    if not float(weight) > 0:
        raise ValueError(f"{where}: cue weight {weight!r} is not a positive number")


def _check_effect(effect: str, where: str) -> None:
    if effect not in CONTRAST_EFFECTS:
        raise ValueError(f"{where}: contrast effect {effect!r} is not one of {CONTRAST_EFFECTS}")


def load_lexicon(directory: Path | None = None) -> Lexicon:
    """The stance lexicon: ``stance_cues.csv``, ``negators.csv``, ``contrast_markers.csv`` and the action files.

    The action files are those of `arabic_media.stance.actions.FILES`.

    Parameters
    ----------
    directory : Path, optional
        The folder holding the files (default ``corpus/lexicons/``).

    Returns
    -------
    Lexicon
        Each entry with its token pattern, in file order.

    Raises
    ------
    ValueError
        A cue whose polarity is not ``FAVOR``/``AGAINST`` or whose weight is not
        positive, a marker effect not in `CONTRAST_EFFECTS` (naming the file), or a
        column missing (`read_lexicon`).
    FileNotFoundError
        One of the files is missing.
    """
    directory = Path(directory) if directory is not None else LEXICONS_DIR
    cues = read_lexicon(directory / "stance_cues.csv", ["cue", "polarity", "weight", "gloss_en", "note"])
    negators = read_lexicon(directory / "negators.csv", ["negator", "scope_tokens", "note"])
    markers = read_lexicon(directory / "contrast_markers.csv", ["marker", "effect", "note"])
    where = relative(directory / "stance_cues.csv")
    for row in cues.itertuples():
        _check_cue(row.polarity, row.weight, where)
    for row in markers.itertuples():
        _check_effect(row.effect, relative(directory / "contrast_markers.csv"))
    from arabic_media.stance.actions import load_action_lexicon

    return Lexicon(
        tuple((phrase_pattern(r.cue), r.cue, r.polarity, float(r.weight)) for r in cues.itertuples()),
        tuple((phrase_pattern(r.negator), r.negator, int(r.scope_tokens)) for r in negators.itertuples()),
        tuple((phrase_pattern(r.marker), r.marker, r.effect) for r in markers.itertuples()),
        load_action_lexicon(directory),
    )
