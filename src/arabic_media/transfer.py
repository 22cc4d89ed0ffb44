"""How the stance and attribution rules carry over to reports nobody tuned them on.

The splits (`arabic_media.annotations.SPLITS`) play set roles: the development sets
were read while the guidelines and the rules were written; the extremism test set was
annotated from the guidelines alone and scored once, after the rules were frozen
(`FIRST_RUN` records that run: the commit of the frozen rules and every score); the
held-out reports were frozen before any of it. A second annotator labelled six of the
test reports blind (``corpus/annotations/second/``): agreement between the annotators
is the ceiling the rules are read against.

Every function returns a table the notebooks show; `first_run_drift` says whether the
rules still give the recorded test scores (a change after the freeze is a re-run and
must be recorded as one).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from arabic_media.annotations import (
    DEVELOPMENT_SPLITS,
    TEST_SPLITS,
    load_attribution_gold,
    load_stance_gold,
    split_corpus_dir,
)
from arabic_media.paths import ANNOTATIONS_DIR, relative

__all__ = [
    "FIRST_RUN", "SECOND_DIR", "ROLES", "TARGETS", "targets_table", "SplitData", "load_split", "role_of", "stance_scores", "mechanism_effects",
    "mechanism_changes", "attribution_scores", "load_second_annotation", "stance_agreement",
    "attribution_agreement", "first_run_scores", "first_run_drift",
]

#: The record of the one scoring of the test set after the rules were frozen.
FIRST_RUN: Path = ANNOTATIONS_DIR / "extremism_test_first_run.json"
#: The second, blind annotation.
SECOND_DIR: Path = ANNOTATIONS_DIR / "second"
#: What each split is for, in the order tables show them.
ROLES: dict[str, str] = {
    "extremism_dev": "development",
    "companies_dev": "development",
    "companies_test": "development (an earlier test set, read)",
    "extremism_test": "test (scored once, after the freeze)",
    "heldout": "held out (frozen before the rules)",
}


#: What the rules were asked to reach on the test set: score -> (the column of
#: `stance_scores` or `attribution_scores` it is read from, the least value).
TARGETS: dict[str, tuple[str, float]] = {
    "stance kappa": ("kappa", 0.4),
    "attribution cue precision": ("cue_precision", 0.85),
    "attribution cue recall": ("cue_recall", 0.85),
    "right source, of the cues found": ("source_right", 0.75),
}


def targets_table(stance: pd.DataFrame, attribution: pd.DataFrame, split: str = "extremism_test") -> pd.DataFrame:
    """The test-set targets (`TARGETS`), each with what the rules reached and whether they reached it.

    Parameters
    ----------
    stance : DataFrame
        `stance_scores` (a row for ``split``), or an empty table to leave the stance
        target out.
    attribution : DataFrame
        `attribution_scores` (a row for ``split``), or an empty table.
    split : str
        The test split.

    Returns
    -------
    DataFrame
        ``target, aimed, reached, met``, one row per target whose table was given.
    """
    rows = []
    for name, (column, least) in TARGETS.items():
        table = stance if column in stance.columns else attribution
        if column not in table.columns or split not in set(table["split"]):
            continue
        value = float(table.set_index("split").at[split, column])
        rows.append({"target": name, "aimed": least, "reached": value, "met": value >= least})
    return pd.DataFrame(rows, columns=["target", "aimed", "reached", "met"])


@dataclass
class SplitData:
    """One split's corpus and gold.

    Attributes
    ----------
    split : str
        Its name.
    corpus : Corpus
        Its reports (`arabic_media.corpus.load_corpus`).
    stance : DataFrame
        Its stance gold.
    attribution : DataFrame or None
        Its attribution gold, when it has one.
    """

    split: str
    corpus: object
    stance: pd.DataFrame
    attribution: pd.DataFrame | None


def role_of(split: str) -> str:
    """What a split is for (`ROLES`).

    Parameters
    ----------
    split : str

    Returns
    -------
    str
    """
    if split in ROLES:
        return ROLES[split]
    return "development" if split in DEVELOPMENT_SPLITS else "test" if split in TEST_SPLITS else split


def load_split(split: str) -> SplitData:
    """A split's corpus, its stance gold and, where there is one, its attribution gold.

    Parameters
    ----------
    split : str
        One of `arabic_media.annotations.SPLITS`.

    Returns
    -------
    SplitData
    """
    from arabic_media.corpus import load_corpus

    try:
        attribution = load_attribution_gold(split)
    except FileNotFoundError:
        attribution = None
    return SplitData(split, load_corpus(split_corpus_dir(split)), load_stance_gold(split), attribution)


def stance_scores(splits: dict[str, SplitData], target: str, *, resamples: int = 2000,
                  mechanisms=None) -> pd.DataFrame:
    """The stance rules on each split, with kappa's interval and the two decisions.

    Kappa with its bootstrap interval over articles, and each of the two decisions
    (whether a sentence takes a stance; which way) scored on its own.

    Parameters
    ----------
    splits : dict
        Split name -> `SplitData`.
    target : str
        The stance target.
    resamples : int
        Bootstrap draws (articles resampled with replacement, fixed seed).
    mechanisms : iterable of str, optional
        As for `arabic_media.stance.label_sentences` (default all).

    Returns
    -------
    DataFrame
        One row per split: ``split, role, articles, sentences, kappa, kappa_low,
        kappa_high, accuracy, macro_f1, stance_kappa`` (whether a sentence takes a
        stance), ``stance_precision, stance_recall, direction_accuracy`` (which way,
        where both take one), ``gold_stance, predicted_stance``.
    """
    from arabic_media.stance import MECHANISMS, bootstrap_scores, evaluate, gold_for, label_sentences, stage_scores

    rows = []
    for name, data in splits.items():
        gold = gold_for(data.stance, target)
        labels = label_sentences(data.corpus, target, mechanisms=MECHANISMS if mechanisms is None else mechanisms)
        scores = evaluate(gold, labels, target)
        boot = bootstrap_scores(gold, labels, target, resamples=resamples)
        stages = stage_scores(gold, labels, target)
        first, second = stages.iloc[0], stages.iloc[1]
        rows.append({
            "split": name, "role": role_of(name), "articles": gold["article_id"].nunique(), "sentences": scores.n,
            "kappa": scores.kappa, "kappa_low": boot.loc["kappa", "low"], "kappa_high": boot.loc["kappa", "high"],
            "accuracy": scores.accuracy, "macro_f1": scores.macro_f1, "stance_kappa": first["kappa"],
            "stance_precision": first["precision"], "stance_recall": first["recall"],
            "direction_accuracy": second["accuracy"], "gold_stance": int(first["gold_stance"]),
            "predicted_stance": int(first["predicted_stance"]),
        })
    return pd.DataFrame(rows)


def mechanism_effects(splits: dict[str, SplitData], target: str) -> pd.DataFrame:
    """Kappa on each split with every mechanism, with none, and with each one switched off.

    Parameters
    ----------
    splits : dict
        Split name -> `SplitData`.
    target : str

    Returns
    -------
    DataFrame
        Index: ``all``, ``none``, ``without <mechanism>`` per mechanism; one column per
        split (kappa); and per split a column ``<split> change`` (kappa minus kappa with
        all: what switching that mechanism off costs, negative when it helped).
    """
    from arabic_media.stance import MECHANISMS, evaluate, gold_for, label_sentences

    variants = {"all": MECHANISMS, "none": ()}
    variants |= {f"without {m}": tuple(x for x in MECHANISMS if x != m) for m in MECHANISMS}
    table = pd.DataFrame(index=list(variants))
    for name, data in splits.items():
        gold = gold_for(data.stance, target)
        table[name] = [evaluate(gold, label_sentences(data.corpus, target, mechanisms=v), target).kappa
                       for v in variants.values()]
        table[f"{name} change"] = table[name] - table.at["all", name]
    return table


def mechanism_changes(corpus, target: str) -> pd.DataFrame:
    """The sentences whose label, score or deciding cue the mechanisms change.

    Each sentence is labelled with every mechanism and with none.

    A deciding cue is compared by its words and offsets (``والتصدي@2528-2535``): the
    same word read as an action (``التصدي``) rather than as a cue of
    ``stance_cues.csv`` (``تصدي``) is no change.

    Parameters
    ----------
    corpus : Corpus
    target : str

    Returns
    -------
    DataFrame
        ``article_id, sentence, label_without, label_with, score_without, score_with,
        deciding_without, deciding_with, explanation`` (the explanation with every
        mechanism: it names the mechanism that acted); empty when nothing changes.
    """
    from arabic_media.stance import label_sentences

    key = ["article_id", "sentence"]
    without = label_sentences(corpus, target, mechanisms=()).labels.set_index(key)
    with_ = label_sentences(corpus, target).labels.set_index(key)
    def where(cues: pd.Series) -> pd.Series:
        return cues.str.split("=", n=1).str[0]

    changed = ((without["label"] != with_["label"]) | (without["score"] != with_["score"])
               | (where(without["deciding_cue"]) != where(with_["deciding_cue"])))
    out = pd.DataFrame({
        "label_without": without["label"], "label_with": with_["label"],
        "score_without": without["score"], "score_with": with_["score"],
        "deciding_without": without["deciding_cue"], "deciding_with": with_["deciding_cue"],
        "explanation": with_["explanation"],
    })[changed]
    return out.reset_index()


def attribution_scores(splits: dict[str, SplitData]) -> pd.DataFrame:
    """The attribution rules on each split that has attribution gold.

    Parameters
    ----------
    splits : dict
        Split name -> `SplitData`.

    Returns
    -------
    DataFrame
        One row per split: ``split, role, gold_cues, found_cues, matched, cue_precision,
        cue_recall, source_right`` (of the matched cues, the right source:
        `arabic_media.attribution.evaluate.source_entity`), ``source_type_right,
        depth_right, content_f1``.
    """
    from arabic_media.attribution import find_attributions, score_attributions

    rows = []
    for name, data in splits.items():
        if data.attribution is None:
            continue
        scores = score_attributions(data.attribution, find_attributions(data.corpus), data.corpus.tokens)
        s = scores.set_index("field")
        rows.append({
            "split": name, "role": role_of(name), "gold_cues": int(s.at["cue", "gold"]),
            "found_cues": int(s.at["cue", "predicted"]), "matched": int(s.at["cue", "matched"]),
            "cue_precision": s.at["cue", "precision"], "cue_recall": s.at["cue", "recall"],
            "source_right": s.at["source", "accuracy"], "source_type_right": s.at["source_type", "accuracy"],
            "depth_right": s.at["depth", "accuracy"], "content_f1": s.at["content (tokens, matched cues)", "f1"],
        })
    return pd.DataFrame(rows)


def load_second_annotation(kind: str, split: str = "extremism_test") -> pd.DataFrame:
    """The second, blind annotation of part of a split.

    Parameters
    ----------
    kind : str
        ``stance`` or ``attribution``.
    split : str
        The split it annotates (``extremism_test``).

    Returns
    -------
    DataFrame
        Read as the gold of that kind is read (`arabic_media.annotations`).

    Raises
    ------
    ValueError
        For another kind.
    FileNotFoundError
        When there is no second annotation of that split.
    """
    if kind == "stance":
        return load_stance_gold(split, path=SECOND_DIR / f"stance_{split}.csv")
    if kind == "attribution":
        return load_attribution_gold(split, path=SECOND_DIR / f"attribution_{split}.csv")
    raise ValueError(f"kind {kind!r}: use 'stance' or 'attribution'")


def stance_agreement(first: pd.DataFrame, second: pd.DataFrame, predicted, target: str, *,
                     resamples: int = 2000) -> pd.DataFrame:
    """Agreement between two annotators, and of the rules with each.

    Read on the sentences both annotators labelled.

    Parameters
    ----------
    first, second : DataFrame
        Stance gold of the first and the second annotator.
    predicted : Labelling or DataFrame
        The rules' labels of the same corpus.
    target : str
    resamples : int
        Bootstrap draws over articles.

    Returns
    -------
    DataFrame
        Rows ``annotator 2 against annotator 1``, ``rules against annotator 1``,
        ``rules against annotator 2``; columns ``sentences, articles, agree, kappa, low,
        high`` (kappa's bootstrap interval over articles), ``stance_kappa`` (whether a
        sentence takes a stance).
    """
    from arabic_media.stance import bootstrap_scores, evaluate, gold_for, stage_scores

    key = ["article_id", "sentence"]
    first, second = gold_for(first, target), gold_for(second, target)
    shared = first.merge(second[key], on=key)
    second = second.merge(shared[key], on=key)
    labels = getattr(predicted, "labels", predicted)
    pairs = {"annotator 2 against annotator 1": (shared, second),
             "rules against annotator 1": (shared, labels),
             "rules against annotator 2": (second, labels)}
    rows = []
    for name, (gold, other) in pairs.items():
        scores = evaluate(gold, other, target)
        boot = bootstrap_scores(gold, other, target, resamples=resamples)
        rows.append({"pair": name, "sentences": scores.n, "articles": gold["article_id"].nunique(),
                     "agree": round(scores.accuracy * scores.n), "kappa": scores.kappa,
                     "low": boot.loc["kappa", "low"], "high": boot.loc["kappa", "high"],
                     "stance_kappa": stage_scores(gold, other, target).iloc[0]["kappa"]})
    return pd.DataFrame(rows).set_index("pair")


def attribution_agreement(first: pd.DataFrame, second: pd.DataFrame, predicted: pd.DataFrame,
                          tokens: pd.DataFrame) -> pd.DataFrame:
    """Agreement on attributions between two annotators, and of the rules with the first.

    Read on the reports both annotated, with the scorer the rules are scored by.

    Parameters
    ----------
    first, second : DataFrame
        Attribution gold of the first and the second annotator.
    predicted : DataFrame
        `arabic_media.attribution.find_attributions` on the same corpus.
    tokens : DataFrame
        The corpus's token table.

    Returns
    -------
    DataFrame
        Rows ``annotator 2 against annotator 1`` and ``rules against annotator 1``;
        columns ``cues_1, cues_2`` (the first's and the other's), ``matched,
        cue_precision, cue_recall, source_right, source_type_right``.
    """
    from arabic_media.attribution import score_attributions

    articles = set(second["article_id"])
    first = first[first["article_id"].isin(articles)]
    rows = []
    for name, other in {"annotator 2 against annotator 1": second,
                        "rules against annotator 1": predicted[predicted["article_id"].isin(articles)]}.items():
        s = score_attributions(first, other, tokens).set_index("field")
        rows.append({"pair": name, "cues_1": int(s.at["cue", "gold"]), "cues_2": int(s.at["cue", "predicted"]),
                     "matched": int(s.at["cue", "matched"]), "cue_precision": s.at["cue", "precision"],
                     "cue_recall": s.at["cue", "recall"], "source_right": s.at["source", "accuracy"],
                     "source_type_right": s.at["source_type", "accuracy"]})
    return pd.DataFrame(rows).set_index("pair")


def first_run_scores(test: SplitData, target: str) -> dict:
    """The scores the first run recorded, computed now.

    Stance kappa and its interval, the two decisions, and the attribution scores,
    rounded to three decimals.

    Parameters
    ----------
    test : SplitData
        The test split.
    target : str

    Returns
    -------
    dict
        ``stance`` and ``attribution``: the row of `stance_scores` and of
        `attribution_scores` for the split, as plain numbers.
    """
    stance = stance_scores({test.split: test}, target).iloc[0]
    attribution = attribution_scores({test.split: test}).iloc[0]

    def plain(row, skip=("split", "role")) -> dict:
        return {k: (round(float(v), 3) if isinstance(v, float) else int(v) if not isinstance(v, str) else v)
                for k, v in row.items() if k not in skip}

    return {"stance": plain(stance), "attribution": plain(attribution)}


def first_run_drift(test: SplitData, target: str, path: Path | None = None) -> dict:
    """How the current rules' test scores differ from the recorded run.

    The first run, or the last re-run when one is recorded (a re-run is added beside the
    first, never in its place: `scripts/record_first_test_run.py --rerun`).

    Parameters
    ----------
    test : SplitData
    target : str
    path : Path, optional
        The record (default `FIRST_RUN`).

    Returns
    -------
    dict
        ``(part, score) -> (recorded, now)`` for every score that differs; empty while
        the rules are those that were last scored.

    Raises
    ------
    FileNotFoundError
        No record.
    """
    path = Path(path) if path is not None else FIRST_RUN
    if not path.is_file():
        raise FileNotFoundError(f"{relative(path)}: no record of the first test run")
    record = json.loads(path.read_text(encoding="utf-8"))
    record = record["reruns"][-1] if record.get("reruns") else record  # a recorded re-run is the one to hold
    now = first_run_scores(test, target)
    return {(part, name): (value, now[part].get(name)) for part in ("stance", "attribution")
            for name, value in record[part].items() if now[part].get(name) != value}
