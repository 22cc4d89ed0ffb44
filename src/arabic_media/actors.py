"""Actors: the gazetteer's members grouped into targets, and finding their mentions.

One place for actor finding, used by stance (is the target mentioned?) and by
attribution (who is the source?): aliases from ``corpus/lexicons/actors.csv`` matched
with clitics, longest first, without overlap (`arabic_media.matching`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from arabic_media.lexicons import load_actors, read_lexicon
from arabic_media.matching import Match, SentenceWords, find, phrase_pattern
from arabic_media.paths import LEXICONS_DIR, relative

__all__ = ["Target", "REFERENCE_KINDS", "load_target", "find_mentions", "gazetteer_target", "outlet_actor_id"]



@dataclass(frozen=True)
class Target:
    """A stance target: a name, its member actors, and their aliases as token patterns.

    Attributes
    ----------
    name : str
        The target's name (a target file's stem: ``us_tech_companies``).
    actors : DataFrame
        Its members: a target file's rows (``target, actor_id, note, reference``)
        joined to the gazetteer's (`arabic_media.lexicons.load_actors`); for
        `gazetteer_target`, the gazetteer itself; for a target built by
        `from_aliases`, ``actor_id`` and ``aliases`` only.
    aliases : tuple of tuple
        ``(pattern, alias, actor_id)`` per alias, with ``pattern`` the tuple of
        normalised tokens of ``alias`` (`arabic_media.matching.phrase_pattern`): the
        entries `find_mentions` matches. An alias without a word token is left out.
    """

    name: str
    actors: pd.DataFrame = field(repr=False, compare=False)
    aliases: tuple[tuple[tuple[str, ...], str, str], ...] = field(repr=False)

    @classmethod
    def from_aliases(cls, name: str, aliases: dict[str, list[str]]) -> "Target":
        """A target built in code from each actor's aliases.

        For tests and one-off questions; the study's targets are files, read by
        `load_target`.

        Parameters
        ----------
        name : str
            The target's name.
        aliases : dict of str to list of str
            ``{actor_id: [alias, ...]}``, the aliases as written.

        Returns
        -------
        Target
            Its ``actors`` table has ``actor_id`` and ``aliases`` only: no ``reference``
            column, so every member is a name (`arabic_media.stance.referring`).

        Examples
        --------
        >>> target = Target.from_aliases("platforms", {"facebook": ["فيسبوك"]})
        >>> target.aliases == ((("فيسبوك",), "فيسبوك", "facebook"),)
        True
        """
        actors = pd.DataFrame(
            {"actor_id": list(aliases), "aliases": [list(v) for v in aliases.values()]}
        )
        return cls(name, actors, _alias_patterns(actors))


def _alias_patterns(actors: pd.DataFrame) -> tuple[tuple[tuple[str, ...], str, str], ...]:
    patterns = []
    for actor_id, aliases in zip(actors["actor_id"], actors["aliases"]):
        for alias in aliases:
            pattern = phrase_pattern(alias)
            if pattern:
                patterns.append((pattern, alias, actor_id))
    return tuple(patterns)


def load_target(name: str, directory: Path | None = None) -> Target:
    """Read a target file and join it to the actor gazetteer.

    The file is ``targets/<name>.csv``, with the columns ``target, actor_id, note`` and
    optionally ``reference`` (how a member refers, one of `REFERENCE_KINDS`; ``name``
    for every member when the file has no such column).

    Parameters
    ----------
    name : str
        The target's name: the file's stem, and the ``target`` cell of each of its rows.
    directory : Path or str, optional
        The lexicon folder holding ``targets/`` and ``actors.csv`` (default
        ``corpus/lexicons/``).

    Returns
    -------
    Target

    Raises
    ------
    ValueError
        The file has rows for another target, names an actor the gazetteer does not
        have, or a ``reference`` not in `REFERENCE_KINDS`; or a column is missing
        (`arabic_media.lexicons.read_lexicon`).
    FileNotFoundError
        No such target file.
    """
    directory = Path(directory) if directory is not None else LEXICONS_DIR
    path = directory / "targets" / f"{name}.csv"
    members = read_lexicon(path, ["target", "actor_id", "note"])
    members["reference"] = _references(path, members)
    others = sorted(set(members["target"]) - {name})
    if others:
        raise ValueError(f"{relative(path)}: rows for another target {others}")
    actors = load_actors(directory)
    unknown = sorted(set(members["actor_id"]) - set(actors["actor_id"]))
    if unknown:
        raise ValueError(f"{relative(path)}: actor_id not in actors.csv: {unknown}")
    joined = members.merge(actors, on="actor_id", how="left")
    return Target(name, joined, _alias_patterns(joined))


#: How a target member refers: ``name`` (a name or a group reference, a mention
#: wherever it stands) or ``anaphor`` (a mention only once a named member has been
#: mentioned before it in the same article: `arabic_media.stance.referring`).
REFERENCE_KINDS = ("name", "anaphor")


def _references(path: Path, members: pd.DataFrame) -> list[str]:
    """The optional ``reference`` column of a target file (`REFERENCE_KINDS`; ``name``
    when the file has no such column). Raises ValueError on another value."""
    header = pd.read_csv(path, dtype=str, nrows=0, encoding="utf-8").columns
    if "reference" not in header:
        return ["name"] * len(members)
    kinds = read_lexicon(path, ["reference"])["reference"].tolist()
    bad = sorted(set(kinds) - set(REFERENCE_KINDS))
    if bad:
        raise ValueError(f"{relative(path)}: unknown reference {bad}; use one of {REFERENCE_KINDS}")
    return kinds


def find_mentions(sentence: SentenceWords, target: Target) -> list[Match]:
    """The mentions of a target's actors in one sentence.

    Aliases are matched on the normalised words, with clitics, longest first and
    without overlap (`arabic_media.matching.find`, kind ``alias``).

    Parameters
    ----------
    sentence : SentenceWords
        The sentence.
    target : Target
        Whose aliases to find.

    Returns
    -------
    list of Match
        In text order; ``key`` is the alias as written in the gazetteer, ``info`` is
        ``(actor_id,)``.

    Examples
    --------
    >>> from arabic_media.matching import text_sentence_words
    >>> target = Target.from_aliases("platforms", {"facebook": ["فيسبوك"], "google": ["غوغل"]})
    >>> sentence = text_sentence_words("a", "قالت فيسبوك ولغوغل إنها حذفت الحسابات.")[0]
    >>> [(m.info[0], m.first, m.start, m.end) for m in find_mentions(sentence, target)]
    [('facebook', 1, 5, 11), ('google', 2, 12, 18)]
    """
    return find(sentence, target.aliases, "alias")


def mentions_table(sentences: pd.DataFrame, tokens: pd.DataFrame | None, target: Target) -> pd.DataFrame:
    """Every mention of a target's actors in a corpus, one row each.

    Parameters
    ----------
    sentences : DataFrame
        The corpus's sentence table.
    tokens : DataFrame
        Its token table. Required: ``None``, though the annotation allows it, fails in
        `arabic_media.matching.sentence_words`.
    target : Target
        Whose aliases to find (`find_mentions`).

    Returns
    -------
    DataFrame
        ``article_id, sentence, actor_id, alias, surface, start, end``: ``alias`` as
        written in the gazetteer, ``surface`` as in the text, ``start, end`` character
        offsets into the article.
    """
    from arabic_media.matching import sentence_words

    rows = [
        {"article_id": sent.article_id, "sentence": sent.sentence, "actor_id": m.info[0], "alias": m.key,
         "surface": m.surface, "start": m.start, "end": m.end}
        for sent in sentence_words(sentences, tokens)
        for m in find_mentions(sent, target)
    ]
    return pd.DataFrame(rows, columns=["article_id", "sentence", "actor_id", "alias", "surface", "start", "end"])


def gazetteer_target(directory: Path | None = None) -> Target:
    """Every actor of the gazetteer as one alias set, for finding any actor.

    What `arabic_media.attribution` finds the sources of attributions and the actors
    of the network with. The Arabic trap: ``الصحيفة`` ("the newspaper") is an alias of
    ``le_figaro`` in the gazetteer, right for the study's article only; attribution
    resolves it to each article's original outlet before looking here.

    Parameters
    ----------
    directory : Path or str, optional
        The folder holding ``actors.csv`` (default ``corpus/lexicons/``).

    Returns
    -------
    Target
        Named ``all_actors``; its ``actors`` table is the gazetteer
        (`arabic_media.lexicons.load_actors`).
    """
    actors = load_actors(directory)
    return Target("all_actors", actors, _alias_patterns(actors))


def outlet_actor_id(outlet: str, actors: pd.DataFrame) -> str:
    """The gazetteer actor of an outlet named in the manifest.

    The actor whose ``name_en`` (without a bracketed gloss) or ``canonical_ar`` equals
    ``outlet``, case-insensitively (``Le Figaro`` -> ``le_figaro``); the first in the
    gazetteer's order when several do.

    Parameters
    ----------
    outlet : str
        An outlet as the manifest names it (``outlet`` or ``original_outlet``); may be
        empty.
    actors : DataFrame
        The gazetteer (`arabic_media.lexicons.load_actors`).

    Returns
    -------
    str
        The actor's id; ``""`` when no actor is that outlet, or ``outlet`` is empty.

    Examples
    --------
    >>> import pandas as pd
    >>> actors = pd.DataFrame({"actor_id": ["le_figaro"], "name_en": ["Le Figaro (French daily)"],
    ...                        "canonical_ar": ["لوفيغارو"]})
    >>> outlet_actor_id("le figaro", actors)
    'le_figaro'
    >>> outlet_actor_id("Reuters", actors)
    ''
    """
    wanted = str(outlet or "").strip().casefold()
    if not wanted:
        return ""
    for row in actors.itertuples(index=False):
        english = str(row.name_en).split(" (")[0].strip().casefold()
        if wanted in (english, str(row.canonical_ar).strip().casefold()):
            return row.actor_id
    return ""
