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

    ``aliases`` holds ``(pattern, alias, actor_id)`` with ``pattern`` the tuple of
    normalised tokens of ``alias``.
    """

    name: str
    actors: pd.DataFrame = field(repr=False, compare=False)
    aliases: tuple[tuple[tuple[str, ...], str, str], ...] = field(repr=False)

    @classmethod
    def from_aliases(cls, name: str, aliases: dict[str, list[str]]) -> "Target":
        """A target built in code from ``{actor_id: [alias, ...]}`` (for tests and
        one-off questions; the study's targets are files, read by `load_target`)."""
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
    """Read ``targets/<name>.csv`` (``target,actor_id,note``, optionally ``reference``:
    see `REFERENCE_KINDS`) and join it to the actor gazetteer. Raises ValueError if the file names another target or an actor the
    gazetteer does not have."""
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
    """Target mentions in one sentence; ``info`` is ``(actor_id,)``."""
    return find(sentence, target.aliases, "alias")


def mentions_table(sentences: pd.DataFrame, tokens: pd.DataFrame | None, target: Target) -> pd.DataFrame:
    """Every mention of ``target``'s actors, one row each: ``article_id, sentence,
    actor_id, alias, surface, start, end`` (``alias`` as written in the gazetteer;
    ``start, end`` character offsets into the article). ``sentences`` and ``tokens``
    are the corpus's tables (``tokens=None`` tokenises the sentences here)."""
    from arabic_media.matching import sentence_words

    rows = [
        {"article_id": sent.article_id, "sentence": sent.sentence, "actor_id": m.info[0], "alias": m.key,
         "surface": m.surface, "start": m.start, "end": m.end}
        for sent in sentence_words(sentences, tokens)
        for m in find_mentions(sent, target)
    ]
    return pd.DataFrame(rows, columns=["article_id", "sentence", "actor_id", "alias", "surface", "start", "end"])


def gazetteer_target(directory: Path | None = None) -> Target:
    """Every actor of the gazetteer ``actors.csv`` as one alias set (a `Target` named
    ``all_actors``), for finding any actor: the sources of attributions and the actors
    of the network (`arabic_media.attribution`). The trap: ``الصحيفة`` is an alias of
    ``le_figaro`` in the gazetteer, right for the study's article only; attribution
    resolves it to each article's original outlet before looking here."""
    actors = load_actors(directory)
    return Target("all_actors", actors, _alias_patterns(actors))


def outlet_actor_id(outlet: str, actors: pd.DataFrame) -> str:
    """The gazetteer actor of an outlet named in the manifest (``Le Figaro`` ->
    ``le_figaro``): ``name_en`` (without a bracketed gloss) or ``canonical_ar`` equal to
    ``outlet``, case-insensitively; ``""`` when none is."""
    wanted = str(outlet or "").strip().casefold()
    if not wanted:
        return ""
    for row in actors.itertuples(index=False):
        english = str(row.name_en).split(" (")[0].strip().casefold()
        if wanted in (english, str(row.canonical_ar).strip().casefold()):
            return row.actor_id
    return ""
