"""Grouping a word's spellings into one term, and the evidence for the method chosen.

One word appears under many clitic-prefixed and inflected spellings (``شركات``,
``لشركات``, ``الشركات``, ``شركة``). Light stemmers cut too deep (Snowball: ``لشركات``
-> ``لشركا``), so the study groups with `CliticGrouper`, chosen over Snowball and
Tashaphyne by `evaluate_grouping` on the hand-made gold list
``corpus/lexicons/grouping_gold.csv``. That list and the splitter were written by the
same author from the same article, so its scores are in-sample;
``grouping_gold_heldout.csv`` (news words not in the article) is the check on words the
rules were not made from.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

import pandas as pd

from arabic_media.clitics import MIN_STEM, CliticGrouper
from arabic_media.lexicons import load_grouping_candidates
from arabic_media.stats import pairwise_scores

__all__ = ["MIN_STEM", "CliticGrouper", "evaluate_grouping", "grouping_candidates", "grouping_examples", "missed_groups"]


def evaluate_grouping(
    gold: pd.DataFrame,
    candidates: Mapping[str, Callable[[str], str] | Mapping[str, str]],
) -> pd.DataFrame:
    """Score each grouping candidate on the gold list (`pairwise_scores`).

    Parameters
    ----------
    gold : DataFrame
        ``norm, group`` (`load_grouping_gold`).
    candidates : mapping of str to callable or mapping
        Name -> a function norm -> key, or a ready dict norm -> key (e.g. from
        `load_grouping_candidates`); `grouping_candidates` gives the study's.

    Returns
    -------
    DataFrame
        One row per candidate: ``candidate`` and the scores of `pairwise_scores`; best
        F1 first (ties: higher precision, then name).

    Raises
    ------
    ValueError
        A dict candidate with no key for some gold words.
    """
    truth = dict(zip(gold["norm"], gold["group"]))
    rows = []
    for name, grouper in candidates.items():
        if callable(grouper):
            predicted = {w: grouper(w) for w in truth}
        else:
            missing = sorted(set(truth) - set(grouper))
            if missing:
                raise ValueError(f"candidate {name!r} has no key for {len(missing)} gold words, e.g. {missing[:3]}")
            predicted = {w: grouper[w] for w in truth}
        rows.append({"candidate": name, **pairwise_scores(truth, predicted)})
    table = pd.DataFrame(rows)
    return table.sort_values(["f1", "precision", "candidate"], ascending=[False, False, True]).reset_index(drop=True)


def grouping_candidates(
    vocabulary: Iterable[str],
    outside: pd.DataFrame | None = None,
) -> dict[str, Callable[[str], str] | dict[str, str]]:
    """The grouping methods the study compares, ready for `evaluate_grouping`.

    The trap: the splitter strips only what ``vocabulary`` attests, so its score
    depends on the vocabulary it is given. To score it on words that are not in the
    article, pass the corpus words *and* those words (as the notebook does for the
    held-out list), as if they had been read in one more text.

    Parameters
    ----------
    vocabulary : iterable of str
        The normalised word forms the splitter may use as evidence.
    outside : DataFrame, optional
        The stored stemmer keys (default `load_grouping_candidates`).

    Returns
    -------
    dict of str to callable or dict
        Name -> grouper: ``none (normalised form)`` (every form its own group),
        ``clitic`` and ``clitic+suffix`` (`CliticGrouper` on ``vocabulary``), then one
        dict norm -> key per outside stemmer, named
        ``<candidate> (<package> <version>)``.
    """
    vocabulary = list(vocabulary)
    outside = load_grouping_candidates() if outside is None else outside
    splitters = (CliticGrouper(vocabulary, suffixes=False), CliticGrouper(vocabulary))
    candidates: dict[str, Callable[[str], str] | dict[str, str]] = {
        "none (normalised form)": lambda word: word,
        **{splitter.name: splitter for splitter in splitters},
    }
    for name, rows in outside.groupby("candidate", sort=True):
        label = f"{name} ({rows['package'].iloc[0]} {rows['version'].iloc[0]})"
        candidates[label] = dict(zip(rows["norm"], rows["key"]))
    return candidates


def missed_groups(gold: pd.DataFrame, grouper: Callable[[str], str] | Mapping[str, str]) -> pd.DataFrame:
    """The gold groups that ``grouper`` splits: the source of its false negatives.

    Groups the grouper wrongly *merges* (false positives) are not listed here.

    Parameters
    ----------
    gold : DataFrame
        ``norm, group``.
    grouper : callable or mapping of str to str
        A function or a dict norm -> key.

    Returns
    -------
    DataFrame
        ``norm, group, key`` for every member of each gold group whose members get
        more than one key, sorted by group then word.
    """
    keys = [grouper(w) if callable(grouper) else grouper[w] for w in gold["norm"]]
    table = gold[["norm", "group"]].assign(key=keys)
    split = table.groupby("group")["key"].transform("nunique") > 1
    return table[split].sort_values(["group", "norm"]).reset_index(drop=True)


def grouping_examples(words: Iterable[str], candidates: Mapping[str, Callable[[str], str] | Mapping[str, str]],
                      names: Iterable[str]) -> pd.DataFrame:
    """The keys some grouping candidates give a few words, side by side.

    Parameters
    ----------
    words : iterable of str
        Words in any spelling (keyed in normalised form).
    candidates : mapping
        From `grouping_candidates`.
    names : iterable of str
        The candidates to show, in order.

    Returns
    -------
    DataFrame
        ``word`` (normalised) and one column per candidate (``""`` where a stored
        stemmer has no key for the word).
    """
    from arabic_media.text import normalize

    norms = [normalize(w) for w in words]
    table = pd.DataFrame({"word": norms})
    for name in names:
        grouper = candidates[name]
        table[name] = [grouper(w) if callable(grouper) else grouper.get(w, "") for w in norms]
    return table
