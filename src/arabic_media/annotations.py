"""The gold annotations: where each set lives, one loader signature, one checker each.

A gold set is a kind of judgement (``stance``, ``attribution``, ``quotation``) on the
articles of one *split*:

``study``
    the study's article (``corpus/``);
``heldout``
    the frozen held-out reports (``corpus/heldout/``): scored, never read to write a rule;
``companies_dev`` and ``companies_test``
    reports about the US technology companies at large (privacy, moderation, fines),
    drawn together and split by report; the test set has been read since, and both are
    development data now (`DEVELOPMENT_SPLITS`);
``extremism_dev`` and ``extremism_test``
    reports about the companies and extremist content, misinformation or moderation,
    drawn together by a committed query and split by report: the first is development
    data, the second the test set (`TEST_SPLITS`), scored once the rules are frozen.

Every gold file is ``corpus/annotations/<kind>_gold[_<split>].csv`` (no suffix for the
study split) and is read by ``load_<kind>_gold(split, *, path=None)``. Each kind has one
checker (`check_stance_gold`, `check_attribution_gold`, `check_quotation_gold`) that
says, as a list of messages naming the file and the row, where a gold file does not
point at its corpus; ``scripts/check_gold.py`` runs them all and the tests call it.
The checkers judge form, never the annotation itself.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pandas as pd

from arabic_media import paths
from arabic_media.lexicons import read_lexicon
from arabic_media.paths import ANNOTATIONS_DIR, relative

__all__ = [
    "SPLITS",
    "DEVELOPMENT_SPLITS",
    "TEST_SPLITS",
    "KINDS",
    "STANCE_LABELS",
    "STANCE_GOLD_COLUMNS",
    "ATTRIBUTION_GOLD_COLUMNS",
    "QUOTATION_GOLD_COLUMNS",
    "SOURCE_TYPES",
    "QUOTATION_KINDS",
    "split_corpus_dir",
    "gold_path",
    "gold_files",
    "proposed_actor_ids",
    "load_stance_gold",
    "load_attribution_gold",
    "load_quotation_gold",
    "check_stance_gold",
    "check_attribution_gold",
    "check_quotation_gold",
]

#: The splits and the corpus folder (relative to ``corpus/``) each one annotates.
SPLITS: dict[str, str] = {
    "study": "", "heldout": "heldout", "companies_dev": "companies_dev", "companies_test": "companies_test",
    "extremism_dev": "extremism_dev", "extremism_test": "extremism_test",
}
#: The splits the rules may be written from, and the ones they are tested on.
DEVELOPMENT_SPLITS = ("companies_dev", "companies_test", "extremism_dev")
TEST_SPLITS = ("extremism_test",)
#: The kinds of gold.
KINDS = ("stance", "attribution", "quotation")
#: The three stance labels, in the order tables use.
STANCE_LABELS = ("FAVOR", "AGAINST", "NONE")
STANCE_GOLD_COLUMNS = ["article_id", "sentence", "target", "label", "rationale"]
ATTRIBUTION_GOLD_COLUMNS = [
    "article_id", "sentence", "attribution", "parent", "depth", "cue", "cue_start", "cue_end",
    "source", "source_start", "source_end", "source_actor_id", "source_type",
    "content_start", "content_end", "note",
]
QUOTATION_GOLD_COLUMNS = ["article_id", "sentence", "quotation", "start", "end", "text", "kind",
                          "speaker_actor_id", "note"]
#: The source types of ``ATTRIBUTION_GUIDELINES.md``.
SOURCE_TYPES = ("media", "government_or_military", "company", "expert", "ngo", "unnamed", "armed_group", "other")
#: The kinds of a quoted span.
QUOTATION_KINDS = ("statement", "borrowed_term", "name")
#: Quote marks, straight and curly.
QUOTE_MARKS = '"“”«»‘’'
_INTEGER_COLUMNS = ("sentence", "attribution", "parent", "depth", "cue_start", "cue_end", "source_start",
                    "source_end", "content_start", "content_end", "quotation", "start", "end")


def _check_split(split: str) -> None:
    if split not in SPLITS:
        raise ValueError(f"unknown split {split!r}; use one of {tuple(SPLITS)}")


#: Sources the annotators met that the gazetteer does not list: ``actors.csv``'s columns
#: and a ``note``; a gold row may name them (the rules cannot, unless they are added to
#: the gazetteer, which is a change of the rules).
PROPOSED_ACTORS = "attribution_actors_proposed.csv"


def proposed_actor_ids() -> set[str]:
    """The actor ids proposed for the gazetteer by the annotators.

    Read from ``corpus/annotations/attribution_actors_proposed.csv``; empty when there is
    no such file.

    Returns
    -------
    set of str
    """
    path = ANNOTATIONS_DIR / PROPOSED_ACTORS
    return set(read_lexicon(path, ["actor_id"])["actor_id"]) if path.is_file() else set()


def split_corpus_dir(split: str) -> Path:
    """The corpus folder whose articles the gold of ``split`` annotates.

    Parameters
    ----------
    split : str
        One of `SPLITS`.

    Returns
    -------
    Path
        ``corpus/`` for ``study``, else its subfolder.

    Raises
    ------
    ValueError
        For a split not in `SPLITS`.
    """
    _check_split(split)
    return paths.CORPUS_DIR / SPLITS[split] if SPLITS[split] else paths.CORPUS_DIR


def gold_path(kind: str, split: str = "study") -> Path:
    """The gold file of ``kind`` for ``split``: ``corpus/annotations/<kind>_gold[_<split>].csv``.

    Parameters
    ----------
    kind : str
        One of `KINDS`.
    split : str
        One of `SPLITS`.

    Returns
    -------
    Path
        The file's path (it may not exist: not every kind is annotated on every split).

    Raises
    ------
    ValueError
        For a kind not in `KINDS` or a split not in `SPLITS`.
    """
    if kind not in KINDS:
        raise ValueError(f"unknown gold kind {kind!r}; use one of {KINDS}")
    _check_split(split)
    suffix = "" if split == "study" else f"_{split}"
    return ANNOTATIONS_DIR / f"{kind}_gold{suffix}.csv"


def gold_files() -> list[tuple[str, str, Path]]:
    """Every gold file that exists.

    Returns
    -------
    list of tuple of (str, str, Path)
        ``(kind, split, path)`` per file, kinds in the order of `KINDS`, then splits in
        the order of `SPLITS`.
    """
    return [(kind, split, gold_path(kind, split)) for kind in KINDS for split in SPLITS
            if gold_path(kind, split).is_file()]


def _read(kind: str, split: str, path: Path | str | None, columns: list[str]) -> tuple[pd.DataFrame, Path]:
    path = Path(path) if path is not None else gold_path(kind, split)
    table = read_lexicon(path, columns)
    for column in _INTEGER_COLUMNS:
        if column in table.columns:
            values = table[column].replace("", None)
            try:
                table[column] = pd.to_numeric(values).astype("Int64")
            except (ValueError, TypeError):
                bad = [v for v in values.dropna() if not str(v).lstrip("-").isdigit()]
                raise ValueError(f"{relative(path)}: column {column} holds a non-integer {bad[:3]}") from None
    return table, path


def load_stance_gold(split: str = "study", *, path: Path | str | None = None) -> pd.DataFrame:
    """The stance gold of ``split``: one row per sentence and target.

    Parameters
    ----------
    split : str
        One of `SPLITS` (default ``study``).
    path : Path or str, optional
        Read this file instead of the split's.

    Returns
    -------
    DataFrame
        ``article_id, sentence, target, label, rationale``; ``sentence`` is an integer.

    Raises
    ------
    ValueError
        On an unknown label, a sentence listed twice for one target, a non-integer
        sentence number or an unknown split, naming the file.
    FileNotFoundError
        No gold file for the split (or at ``path``).
    """
    gold, path = _read("stance", split, path, STANCE_GOLD_COLUMNS)
    gold["sentence"] = gold["sentence"].astype(int)
    bad = sorted(set(gold["label"]) - set(STANCE_LABELS))
    if bad:
        raise ValueError(f"{relative(path)}: unknown labels {bad}; use one of {STANCE_LABELS}")
    repeated = gold.duplicated(["article_id", "sentence", "target"])
    if repeated.any():
        rows = gold.loc[repeated, ["article_id", "sentence"]].to_records(index=False).tolist()
        raise ValueError(f"{relative(path)}: sentences listed twice: {rows}")
    return gold


def load_attribution_gold(split: str = "study", *, path: Path | str | None = None) -> pd.DataFrame:
    """The attribution gold of ``split``: one row per attribution, or per sentence without one.

    Parameters
    ----------
    split : str
        One of `SPLITS` (default ``study``).
    path : Path or str, optional
        Read this file instead of the split's.

    Returns
    -------
    DataFrame
        `ATTRIBUTION_GOLD_COLUMNS`; numbers and offsets as nullable integers
        (``Int64``: ``<NA>`` where a cell is empty: no source, no attribution).

    Raises
    ------
    ValueError
        A number column holding something else than an integer, a column missing, or
        an unknown split, naming the file.
    FileNotFoundError
        No gold file for the split (or at ``path``).
    """
    return _read("attribution", split, path, ATTRIBUTION_GOLD_COLUMNS)[0]


def load_quotation_gold(split: str = "study", *, path: Path | str | None = None) -> pd.DataFrame:
    """The quotation gold of ``split``: one row per quoted span.

    Parameters
    ----------
    split : str
        One of `SPLITS` (default ``study``).
    path : Path or str, optional
        Read this file instead of the split's.

    Returns
    -------
    DataFrame
        `QUOTATION_GOLD_COLUMNS`; numbers and offsets as nullable integers
        (``Int64``).

    Raises
    ------
    ValueError
        A number column holding something else than an integer, a column missing, or
        an unknown split, naming the file.
    FileNotFoundError
        No gold file for the split (or at ``path``).
    """
    return _read("quotation", split, path, QUOTATION_GOLD_COLUMNS)[0]


# --- checks ------------------------------------------------------------------------------


def check_stance_gold(gold: pd.DataFrame, corpus, *, name: str = "stance gold") -> list[str]:
    """Where a stance gold does not fit its corpus.

    Checks that, for each target, every sentence of each article the gold annotates
    has exactly one row and no row names a sentence that does not exist; each label is one of `STANCE_LABELS`; each
    rationale is written; and each passage the rationale quotes in ``«...»`` (parts cut
    by ``...`` or ``…``) occurs in the sentence (spaces compared loosely).

    Parameters
    ----------
    gold : DataFrame
        As `load_stance_gold` returns it.
    corpus : Corpus
        The corpus the gold annotates.
    name : str
        How messages name the gold (its file, relative to the project).

    Returns
    -------
    list of str
        One message per problem; empty when the gold fits.
    """
    problems = []
    flat = {(r.article_id, int(r.sentence)): " ".join(r.text.split()) for r in corpus.sentences.itertuples()}
    for target, rows in gold.groupby("target", sort=True):
        seen = Counter(zip(rows["article_id"], rows["sentence"].astype(int)))
        articles = set(rows["article_id"])
        expected = {key for key in flat if key[0] in articles}
        problems += [f"{name}: target {target}: no row for {key}" for key in sorted(expected - set(seen))]
        problems += [f"{name}: target {target}: row for a sentence that does not exist {key}"
                     for key in sorted(set(seen) - set(flat))]
        problems += [f"{name}: target {target}: {n} rows for {key}" for key, n in sorted(seen.items()) if n > 1]
    for row in gold.itertuples():
        key = (row.article_id, int(row.sentence))
        if row.label not in STANCE_LABELS:
            problems.append(f"{name}: {key}: label {row.label!r} is not one of {STANCE_LABELS}")
        if not str(row.rationale).strip():
            problems.append(f"{name}: {key}: no rationale")
        for quote in re.findall("«(.*?)»", str(row.rationale)):
            for part in re.split(r"\.\.\.|…", quote):
                part = " ".join(part.split())
                if part and key in flat and part not in flat[key]:
                    problems.append(f"{name}: {key}: the rationale quotes what is not in the sentence: {part}")
    return problems


def _sentence_spans(corpus) -> dict[tuple[str, int], tuple[int, int]]:
    return {(r.article_id, int(r.sentence)): (int(r.start), int(r.end)) for r in corpus.sentences.itertuples()}


def _texts(corpus) -> dict[str, str]:
    return dict(zip(corpus.articles["article_id"].astype(str), corpus.articles["text"]))


def _empty(value) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and value != value) or value == ""


def check_attribution_gold(gold: pd.DataFrame, corpus, actor_ids: set[str], *,
                           name: str = "attribution gold") -> list[str]:
    """Where an attribution gold does not point at its corpus.

    Checks: the article and sentence exist; every offset pair slices the article to the
    surface in the row, and cue, source and content lie inside the row's sentence; the
    content neither starts nor ends with a space nor ends with punctuation;
    attributions are numbered 1, 2, ... in each article; a parent exists before its
    child, holds the child's cue in its content, and depth is the parent's + 1 (1
    without a parent); ``source_type`` is one of `SOURCE_TYPES`; ``source_actor_id`` is
    one of ``actor_ids`` (empty only with ``unnamed``); every sentence of an annotated
    article has a row, and a ``no attribution`` row is its sentence's only row, with
    every other cell empty.

    Parameters
    ----------
    gold : DataFrame
        As `load_attribution_gold` returns it.
    corpus : Corpus
        The corpus holding the annotated articles.
    actor_ids : set of str
        The gazetteer's actor ids.
    name : str
        How messages name the gold.

    Returns
    -------
    list of str
        One message per problem, with the row's line in the file; empty when it fits.
    """
    problems: list[str] = []
    texts, spans = _texts(corpus), _sentence_spans(corpus)
    seen: dict[tuple[str, int], dict] = {}
    per_sentence: Counter = Counter()
    numbers: Counter = Counter()
    for line, row in enumerate(gold.to_dict("records"), start=2):
        where = f"{name} line {line}"
        article = row["article_id"]
        if article not in texts:
            problems.append(f"{where}: unknown article {article!r}")
            continue
        key = (article, int(row["sentence"]))
        if key not in spans:
            problems.append(f"{where}: no sentence {key[1]} in {article}")
            continue
        per_sentence[key] += 1
        text, (s_start, s_end) = texts[article], spans[key]
        if _empty(row["cue"]):
            others = [c for c in ATTRIBUTION_GOLD_COLUMNS if c not in ("article_id", "sentence", "note")
                      and not _empty(row[c])]
            if row["note"] != "no attribution" or others:
                problems.append(f"{where}: a row without a cue must have note 'no attribution' and nothing else "
                                f"(has {others})")
            continue
        numbers[article] += 1
        if int(row["attribution"]) != numbers[article]:
            problems.append(f"{where}: attribution {row['attribution']}, expected {numbers[article]}")
        parts = [("cue", row["cue_start"], row["cue_end"], row["cue"])]
        if not (_empty(row["source"]) and _empty(row["source_start"])):
            parts.append(("source", row["source_start"], row["source_end"], row["source"]))
        for label, start, end, surface in parts:
            if _empty(start) or _empty(end):
                problems.append(f"{where}: {label} has no offsets")
                continue
            start, end = int(start), int(end)
            if text[start:end] != surface:
                problems.append(f"{where}: {label} {start}:{end} slices to {text[start:end]!r}, not {surface!r}")
            if not s_start <= start < end <= s_end:
                problems.append(f"{where}: {label} {start}:{end} is not inside sentence {key[1]} ({s_start}:{s_end})")
        if _empty(row["content_start"]) or _empty(row["content_end"]):
            problems.append(f"{where}: the content has no offsets")
            continue
        c_start, c_end = int(row["content_start"]), int(row["content_end"])
        if not s_start <= c_start < c_end <= s_end:
            problems.append(f"{where}: content {c_start}:{c_end} is not inside sentence {key[1]}")
        content = text[c_start:c_end]
        if content != content.strip() or content[-1:] in (".", "،", "؛", ","):
            problems.append(f"{where}: content {c_start}:{c_end} starts or ends with a space or punctuation: "
                            f"{content!r}")
        if row["source_type"] not in SOURCE_TYPES:
            problems.append(f"{where}: source_type {row['source_type']!r} is not one of {SOURCE_TYPES}")
        actor = "" if _empty(row["source_actor_id"]) else row["source_actor_id"]
        if actor and actor not in actor_ids:
            problems.append(f"{where}: source_actor_id {actor!r} is not in the gazetteer")
        if not actor and row["source_type"] != "unnamed":
            problems.append(f"{where}: an empty source_actor_id is allowed only with source_type 'unnamed'")
        depth = int(row["depth"])
        if not _empty(row["parent"]):
            parent = seen.get((article, int(row["parent"])))
            if parent is None:
                problems.append(f"{where}: parent {row['parent']} does not come before this row")
            else:
                if depth != int(parent["depth"]) + 1:
                    problems.append(f"{where}: depth {depth} is not the parent's {parent['depth']} + 1")
                if not int(parent["content_start"]) <= int(row["cue_start"]) < int(parent["content_end"]):
                    problems.append(f"{where}: the cue is not inside the parent's content")
        elif depth != 1:
            problems.append(f"{where}: depth {depth} without a parent")
        seen[(article, int(row["attribution"]))] = row
    annotated = set(gold["article_id"]) & set(texts)
    problems += [f"{name}: {key[0]} sentence {key[1]} has no row"
                 for key in sorted(spans) if key[0] in annotated and key not in per_sentence]
    for row in gold.itertuples():
        key = (row.article_id, int(row.sentence))
        if row.note == "no attribution" and per_sentence.get(key, 0) > 1:
            problems.append(f"{name}: {key} is marked 'no attribution' but has other rows")
    return problems


def check_quotation_gold(gold: pd.DataFrame, corpus, actor_ids: set[str], *,
                         name: str = "quotation gold") -> list[str]:
    """Where a quotation gold does not point at its corpus.

    Checks: ``text`` equals the slice ``start:end``; a quote mark stands just before
    ``start`` and at ``end``; the sentence is the one of the opening mark; ``kind`` is
    one of `QUOTATION_KINDS`; a ``name`` has no speaker and a speaker is a gazetteer
    actor; every pair of quote marks of an annotated article, as
    `arabic_media.attribution.quotations.quote_spans` pairs them, is listed.

    Parameters
    ----------
    gold : DataFrame
        As `load_quotation_gold` returns it.
    corpus : Corpus
        The corpus holding the annotated articles.
    actor_ids : set of str
        The gazetteer's actor ids.
    name : str
        How messages name the gold.

    Returns
    -------
    list of str
        One message per problem; empty when it fits.
    """
    problems: list[str] = []
    texts, spans = _texts(corpus), _sentence_spans(corpus)

    def sentence_of(article: str, offset: int) -> int | None:
        return next((number for (aid, number), (start, end) in spans.items()
                     if aid == article and start <= offset < end), None)

    listed: dict[str, set[tuple[int, int]]] = {}
    for line, row in enumerate(gold.to_dict("records"), start=2):
        where = f"{name} line {line}"
        article = row["article_id"]
        if article not in texts:
            problems.append(f"{where}: unknown article {article!r}")
            continue
        text, start, end = texts[article], int(row["start"]), int(row["end"])
        listed.setdefault(article, set()).add((start, end))
        if text[start:end] != row["text"]:
            problems.append(f"{where}: {start}:{end} slices to {text[start:end]!r}, not {row['text']!r}")
        if start < 1 or end >= len(text) or text[start - 1] not in QUOTE_MARKS or text[end] not in QUOTE_MARKS:
            problems.append(f"{where}: no quote mark just before start and at end")
        opening = sentence_of(article, start - 1)
        if opening != int(row["sentence"]):
            problems.append(f"{where}: the opening mark is in sentence {opening}, not {row['sentence']}")
        if row["kind"] not in QUOTATION_KINDS:
            problems.append(f"{where}: kind {row['kind']!r} is not one of {QUOTATION_KINDS}")
        speaker = "" if _empty(row["speaker_actor_id"]) else row["speaker_actor_id"]
        if speaker and speaker not in actor_ids:
            problems.append(f"{where}: speaker_actor_id {speaker!r} is not in the gazetteer")
        if row["kind"] == "name" and speaker:
            problems.append(f"{where}: a name has no speaker")
    from arabic_media.attribution.quotations import quote_spans  # the one pairing rule (imported late: no cycle)

    for article, found in listed.items():
        pairs = set(quote_spans(texts[article]))
        problems += [f"{name}: {article}: quoted span {start}:{end} {texts[article][start:end]!r} is not listed"
                     for start, end in sorted(pairs - found)]
    return problems
