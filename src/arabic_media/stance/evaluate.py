"""Scoring stance labels against the gold: accuracy, per-label precision, recall and F1,
macro-F1, SemEval's F_avg, Cohen's kappa, the confusion matrix and the disagreements.

Every function that compares takes the gold first, then the predictions. The gold files
are read by `arabic_media.annotations.load_stance_gold`; one file may hold several
targets, and every function here is told which (`gold_for`).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from arabic_media.actors import Target
from arabic_media.stance.rules import LABELS, Labelling
from arabic_media.stats import cohen_kappa, precision_recall_f1

__all__ = [
    "gold_for", "Evaluation", "evaluate", "score_table", "SCORES", "scores_of",
    "bootstrap_scores", "bootstrap_table", "interval_lines", "accuracy_by_article", "ERROR_CAUSES", "error_causes",
    "STAGES", "stage_scores",
]


def gold_for(gold: pd.DataFrame, target: str | Target | None) -> pd.DataFrame:
    """The gold rows of one target.

    A gold without a ``target`` column is taken as is; with one, ``target=None`` is
    allowed only when it holds a single target.

    Parameters
    ----------
    gold : DataFrame
        Stance gold (`arabic_media.annotations.load_stance_gold`).
    target : str or Target or None
        The target, by name or as a `Target`.

    Returns
    -------
    DataFrame
        The rows of ``target``; the whole gold when it has no ``target`` column, or
        when ``target`` is None and it holds one target.

    Raises
    ------
    ValueError
        The gold has no row for ``target``, or it holds several targets and
        ``target`` is None.
    """
    if "target" not in gold.columns:
        return gold
    name = target.name if isinstance(target, Target) else target
    if name is None:
        held = sorted(set(gold["target"]))
        if len(held) > 1:
            raise ValueError(f"gold holds several targets {held}: pass target=")
        return gold
    chosen = gold[gold["target"] == name]
    if chosen.empty:
        raise ValueError(f"gold has no rows for target {name!r}")
    return chosen


@dataclass
class Evaluation:
    """Scores of predicted labels against gold.

    A label with no prediction has precision 0, one with no gold recall 0, and F1 is 0
    when precision + recall is 0.

    Attributes
    ----------
    n : int
        The gold sentences scored.
    accuracy : float
        The share labelled as the gold labels them (NaN when ``n`` is 0).
    macro_f1 : float
        F1 averaged over the three labels.
    f_avg : float
        SemEval-2016 Task 6's mean of F1(FAVOR) and F1(AGAINST).
    kappa : float
        Cohen's kappa between the predictions and the gold (NaN when chance agreement
        is 1).
    per_label : DataFrame
        Precision, recall, F1 and support per label (indexed by label, in `LABELS`
        order).
    confusion : DataFrame
        Counts, gold in rows, predicted in columns, every label of `LABELS` on both.
    disagreements : DataFrame
        The sentences where they differ: ``article_id, sentence, gold, predicted``
        and, where the tables have them, ``rationale``, ``explanation`` and
        ``deciding_cue``.
    """

    n: int
    accuracy: float
    macro_f1: float
    f_avg: float
    kappa: float
    per_label: pd.DataFrame
    confusion: pd.DataFrame
    disagreements: pd.DataFrame

    def summary(self) -> dict:
        """The headline figures as a dict.

        Returns
        -------
        dict
            ``n, accuracy, macro_f1, f_avg, kappa``, the scores rounded to 3 decimals.
        """
        return {
            "n": self.n,
            "accuracy": round(self.accuracy, 3),
            "macro_f1": round(self.macro_f1, 3),
            "f_avg": round(self.f_avg, 3),
            "kappa": round(self.kappa, 3),
        }


def evaluate(gold: pd.DataFrame, predicted, target: str | Target | None = None) -> Evaluation:
    """Score predicted stance labels against the gold.

    Parameters
    ----------
    gold : DataFrame
        ``article_id, sentence, label``, optional ``rationale`` and ``target``.
    predicted : Labelling or DataFrame
        A `Labelling`, or a table ``article_id, sentence, label``; its
        ``explanation`` and ``deciding_cue`` columns, when it has them, are kept for
        the disagreements.
    target : str or Target, optional
        Picks the gold rows whose ``target`` column names it, so one gold file can hold
        several targets; may be left out when the gold holds one target or has no
        ``target`` column.

    Returns
    -------
    Evaluation

    Raises
    ------
    ValueError
        If a gold sentence has no prediction, a key is repeated, a label is not one of
        `LABELS`, the gold has no row for ``target``, or it holds several targets and
        none is named.
    """
    pred = predicted.labels if isinstance(predicted, Labelling) else predicted
    gold = gold_for(gold, target)
    keys = ["article_id", "sentence"]
    for name, table in (("pred", pred), ("gold", gold)):
        if table.duplicated(keys).any():
            raise ValueError(f"{name}: repeated (article_id, sentence) rows")
        bad = sorted(set(table["label"]) - set(LABELS))
        if bad:
            raise ValueError(f"{name}: unknown labels {bad}")
    merged = gold.merge(pred, on=keys, how="left", suffixes=("_gold", "_pred"))
    if merged["label_pred"].isna().any():
        missing = merged.loc[merged["label_pred"].isna(), keys].to_dict("records")
        raise ValueError(f"pred has no label for {missing}")
    g, p = merged["label_gold"], merged["label_pred"]
    n = len(merged)
    confusion = pd.crosstab(
        pd.Categorical(g, categories=LABELS), pd.Categorical(p, categories=LABELS), dropna=False
    )
    confusion.index = pd.Index(LABELS, name="gold")
    confusion.columns = pd.Index(LABELS, name="predicted")
    rows = []
    for lab in LABELS:
        tp = int(confusion.loc[lab, lab])
        predicted = int(confusion[lab].sum())
        actual = int(confusion.loc[lab].sum())
        precision, recall, f1 = precision_recall_f1(tp, predicted, actual)
        rows.append({"label": lab, "precision": precision, "recall": recall, "f1": f1, "support": actual})
    per_label = pd.DataFrame(rows).set_index("label")
    accuracy = float((g == p).mean()) if n else float("nan")
    kappa = cohen_kappa(list(g), list(p))
    columns = keys + ["label_gold", "label_pred"] + [
        c for c in ("rationale", "explanation", "deciding_cue") if c in merged.columns
    ]
    disagreements = merged.loc[g != p, columns].rename(columns={"label_gold": "gold", "label_pred": "predicted"})
    return Evaluation(
        n=n,
        accuracy=accuracy,
        macro_f1=float(per_label["f1"].mean()),
        f_avg=float((per_label.loc["FAVOR", "f1"] + per_label.loc["AGAINST", "f1"]) / 2),
        kappa=float(kappa),
        per_label=per_label,
        confusion=confusion,
        disagreements=disagreements.reset_index(drop=True),
    )


def score_table(evaluations: dict[str, Evaluation]) -> pd.DataFrame:
    """Several labellers' `Evaluation` side by side.

    Parameters
    ----------
    evaluations : dict of str to Evaluation
        Labeller name -> its `Evaluation`.

    Returns
    -------
    DataFrame
        One row per labeller (the dict's keys, in order, as the index ``labeller``):
        ``n, correct, accuracy, macro_f1, f_avg, kappa`` and F1 per label
        (``f1_FAVOR`` ...), unrounded.
    """
    rows = []
    for name, result in evaluations.items():
        row = {
            "labeller": name,
            "n": result.n,
            "correct": int(round(result.accuracy * result.n)),
            "accuracy": result.accuracy,
            "macro_f1": result.macro_f1,
            "f_avg": result.f_avg,
            "kappa": result.kappa,
        }
        row.update({f"f1_{lab}": float(result.per_label.loc[lab, "f1"]) for lab in LABELS})
        rows.append(row)
    return pd.DataFrame(rows).set_index("labeller")


# --- uncertainty, per article, and the causes of errors ---------------------------------

#: The four headline scores, in the order of `Evaluation.summary`.
SCORES = ("accuracy", "macro_f1", "f_avg", "kappa")


def scores_of(gold_labels, predicted_labels) -> dict[str, float]:
    """Accuracy, macro-F1, F_avg and kappa of two equal-length label sequences.

    The conventions of `evaluate` (F1 per label from `precision_recall_f1`, kappa from
    `cohen_kappa`); the bootstrap's statistic, equal to `evaluate` on the same rows.

    Parameters
    ----------
    gold_labels, predicted_labels : sequence of str
        The gold labels and the predictions, item by item.

    Returns
    -------
    dict
        ``accuracy, macro_f1, f_avg, kappa``.
    """
    gold_labels, predicted_labels = list(gold_labels), list(predicted_labels)
    pairs = list(zip(gold_labels, predicted_labels))
    f1 = {}
    for lab in LABELS:
        tp = sum(g == p == lab for g, p in pairs)
        f1[lab] = precision_recall_f1(tp, predicted_labels.count(lab), gold_labels.count(lab))[2]
    return {
        "accuracy": sum(g == p for g, p in pairs) / len(pairs) if pairs else float("nan"),
        "macro_f1": sum(f1.values()) / len(LABELS),
        "f_avg": (f1["FAVOR"] + f1["AGAINST"]) / 2,
        "kappa": cohen_kappa(gold_labels, predicted_labels),
    }


def _merged(gold: pd.DataFrame, predicted, target) -> pd.DataFrame:
    pred = predicted.labels if isinstance(predicted, Labelling) else predicted
    keys = ["article_id", "sentence"]
    merged = gold_for(gold, target)[keys + ["label"]].merge(
        pred[keys + ["label"]], on=keys, how="left", suffixes=("_gold", "_pred"))
    if merged["label_pred"].isna().any():
        raise ValueError("pred has no label for some gold sentences")
    return merged


def bootstrap_scores(gold: pd.DataFrame, predicted, target: str | Target | None = None, *,
                     unit: str = "article", resamples: int = 2000, seed: int = 20180612,
                     level: float = 0.95) -> pd.DataFrame:
    """The four scores (`SCORES`) with a percentile bootstrap interval each.

    A percentile bootstrap (Efron and Tibshirani 1993, ch. 13). ``unit="article"``
    resamples whole articles with replacement (a cluster bootstrap: sentences of one
    report share its topic and wording, so they are not independent draws);
    ``unit="sentence"`` resamples sentences. Each of ``resamples`` draws (numpy
    ``default_rng(seed)``, so the result is fixed) is scored by `scores_of`; the
    interval is the ``(1-level)/2`` and ``(1+level)/2`` quantiles of the draws, NaN
    draws (kappa when a draw holds one label only) left out and counted.

    Parameters
    ----------
    gold : DataFrame
        The stance gold.
    predicted : Labelling or DataFrame
        The predictions.
    target : str or Target, optional
        As for `evaluate`.
    unit : str
        ``article`` or ``sentence``: what is resampled.
    resamples : int
        How many draws.
    seed : int
        The random generator's seed.
    level : float
        The interval's level.

    Returns
    -------
    DataFrame
        One row per score (index ``score``): ``value`` (on the data as drawn),
        ``low``, ``high``, ``resamples``, ``nan_draws``, ``unit``.

    Raises
    ------
    ValueError
        Another ``unit``, a gold sentence without a prediction, or a gold that
        `gold_for` refuses.
    """
    if unit not in ("article", "sentence"):
        raise ValueError(f"unit: {unit!r} is not 'article' or 'sentence'")
    merged = _merged(gold, predicted, target)
    groups = (
        [g for _, g in merged.groupby("article_id", sort=True)] if unit == "article"
        else [merged.iloc[[i]] for i in range(len(merged))]
    )
    pairs = [(list(g["label_gold"]), list(g["label_pred"])) for g in groups]
    rng = np.random.default_rng(seed)
    draws = {name: [] for name in SCORES}
    for _ in range(resamples):
        chosen = rng.integers(0, len(pairs), len(pairs))
        gold_draw = [lab for i in chosen for lab in pairs[i][0]]
        pred_draw = [lab for i in chosen for lab in pairs[i][1]]
        for name, value in scores_of(gold_draw, pred_draw).items():
            draws[name].append(value)
    point = scores_of(merged["label_gold"], merged["label_pred"])
    rows = []
    for name in SCORES:
        values = np.array(draws[name], dtype=float)
        kept = values[~np.isnan(values)]
        low, high = np.quantile(kept, [(1 - level) / 2, (1 + level) / 2]) if len(kept) else (np.nan, np.nan)
        rows.append({"score": name, "value": point[name], "low": float(low), "high": float(high),
                     "resamples": resamples, "nan_draws": int(len(values) - len(kept)), "unit": unit})
    return pd.DataFrame(rows).set_index("score")


def accuracy_by_article(gold: pd.DataFrame, predicted, target: str | Target | None = None) -> pd.DataFrame:
    """How many sentences of each article the predictions get right.

    Parameters
    ----------
    gold : DataFrame
        The stance gold.
    predicted : Labelling or DataFrame
        The predictions.
    target : str or Target, optional
        As for `evaluate`.

    Returns
    -------
    DataFrame
        One row per article, sorted by article id: ``article_id, sentences, correct,
        accuracy`` and the gold's label counts (``gold_FAVOR`` ...).

    Raises
    ------
    ValueError
        A gold sentence without a prediction, or a gold that `gold_for` refuses.
    """
    merged = _merged(gold, predicted, target)
    merged["correct"] = merged["label_gold"] == merged["label_pred"]
    rows = []
    for article_id, group in merged.groupby("article_id", sort=True):
        row = {"article_id": article_id, "sentences": len(group), "correct": int(group["correct"].sum()),
               "accuracy": float(group["correct"].mean())}
        row.update({f"gold_{lab}": int((group["label_gold"] == lab).sum()) for lab in LABELS})
        rows.append(row)
    return pd.DataFrame(rows)


#: The causes of an error, in the order they are tested (`error_causes`).
ERROR_CAUSES = ("missed mention", "missed cue", "wrong polarity", "scope")


def error_causes(gold: pd.DataFrame, labelling: Labelling, referred: set[tuple[str, int]],
                 target: str | Target | None = None) -> pd.DataFrame:
    """Each sentence where the labeller and the gold differ, with the cause of the error.

    The cause is read off the labeller's own matches by a stated rule, tested in this
    order (`ERROR_CAUSES`):

    1. **missed mention**: the gold has a stance and the labeller found no reference
       to the target (``referred``: the ``(article_id, sentence)`` keys with a counted
       mention or the topic rule, `arabic_media.stance.referring`);
    2. **missed cue**: the gold has a stance, the target is referred to, and the
       labeller says NONE (no counted cue, or counted cues that cancel out, or a
       question);
    3. **wrong polarity**: the labeller gives the opposite stance (a cue counted
       with the polarity the gold does not see);
    4. **scope**: the gold says NONE and a counted cue gave a stance: the cue is not
       about the target's conduct, or not in what the sentence says of it.

    Parameters
    ----------
    gold : DataFrame
        The stance gold.
    labelling : Labelling
        The labeller's output.
    referred : set of (str, int)
        The sentences that refer to the target
        (`arabic_media.stance.referring.referred_sentences`).
    target : str or Target, optional
        As for `evaluate`.

    Returns
    -------
    DataFrame
        ``article_id, sentence, gold, predicted, cause, deciding_cue``, in the gold's
        order.

    Raises
    ------
    ValueError
        A gold sentence without a prediction, or a gold that `gold_for` refuses.
    """
    labels = labelling.labels
    merged = _merged(gold, labelling, target).merge(
        labels[["article_id", "sentence", "deciding_cue"]], on=["article_id", "sentence"])
    wrong = merged[merged["label_gold"] != merged["label_pred"]].copy()

    def cause(row) -> str:
        if row.label_gold != "NONE" and (row.article_id, row.sentence) not in referred:
            return "missed mention"
        if row.label_gold != "NONE" and row.label_pred == "NONE":
            return "missed cue"
        if row.label_gold != "NONE":
            return "wrong polarity"
        return "scope"

    wrong["cause"] = [cause(r) for r in wrong.itertuples()]
    wrong = wrong.rename(columns={"label_gold": "gold", "label_pred": "predicted"})
    return wrong[["article_id", "sentence", "gold", "predicted", "cause", "deciding_cue"]].reset_index(drop=True)


def bootstrap_table(gold: pd.DataFrame, labellers: dict, target: str | Target | None = None, *,
                    resamples: int = 2000, seed: int = 20180612) -> pd.DataFrame:
    """Several labellers scored against one gold, each score with its interval.

    The intervals are `bootstrap_scores`' over articles.

    Parameters
    ----------
    gold : DataFrame
        The stance gold.
    labellers : dict
        Name -> predictions (a `Labelling` or a labels table).
    target : str or Target, optional
        As for `evaluate`.
    resamples, seed : int
        As for `bootstrap_scores`.

    Returns
    -------
    DataFrame
        One row per labeller (the dict's order): ``n``, then for each of `SCORES` its
        value, ``<score>_low`` and ``<score>_high``.
    """
    rows = []
    for name, predicted in labellers.items():
        boot = bootstrap_scores(gold, predicted, target, unit="article", resamples=resamples, seed=seed)
        row = {"labeller": name, "n": len(gold_for(gold, target))}
        for score in SCORES:
            row.update({score: boot.loc[score, "value"], f"{score}_low": boot.loc[score, "low"],
                        f"{score}_high": boot.loc[score, "high"]})
        rows.append(row)
    return pd.DataFrame(rows).set_index("labeller")


def interval_lines(table: pd.DataFrame, level: float = 0.95) -> list[str]:
    """A `bootstrap_table` as lines: each labeller's four scores with their intervals.

    Parameters
    ----------
    table : DataFrame
        From `bootstrap_table`.
    level : float
        The intervals' level, as the table was made with (for the words).

    Returns
    -------
    list of str
        One line per labeller: ``<labeller>: accuracy 0.812 (95% interval 0.750 to
        0.870), ...``.
    """
    return [f"{name}: " + ", ".join(f"{score} {row[score]:.3f} ({level:.0%} interval {row[score + '_low']:.3f} to "
                                    f"{row[score + '_high']:.3f})" for score in SCORES) for name, row in table.iterrows()]


#: The two decisions a stance label makes, scored on their own (`stage_scores`).
STAGES = ("stance or not", "which way")


def stage_scores(gold: pd.DataFrame, predicted, target: str | Target | None = None) -> pd.DataFrame:
    """The two decisions of a stance label, each scored on its own.

    **Whether** a sentence takes a stance toward the target (FAVOR or AGAINST against
    NONE): precision, recall and F1 of "takes a stance", and Cohen's kappa of the
    binary decision. **Which way**, on the sentences where both the gold and the
    prediction take a stance: how often the direction agrees.

    Parameters
    ----------
    gold : DataFrame
        The stance gold.
    predicted : Labelling or DataFrame
        The predictions.
    target : str or Target, optional
        As for `evaluate`.

    Returns
    -------
    DataFrame
        One row per stage (`STAGES`): ``sentences`` (scored), ``gold_stance`` and
        ``predicted_stance`` (how many take one), ``agree``, ``precision``, ``recall``,
        ``f1`` and ``kappa`` (the first stage; NaN for the second), ``accuracy``.
    """
    merged = _merged(gold, predicted, target)
    g_has = (merged["label_gold"] != "NONE").tolist()
    p_has = (merged["label_pred"] != "NONE").tolist()
    tp = sum(a and b for a, b in zip(g_has, p_has))
    precision, recall, f1 = precision_recall_f1(tp, sum(p_has), sum(g_has))
    first = {"stage": STAGES[0], "sentences": len(merged), "gold_stance": sum(g_has), "predicted_stance": sum(p_has),
             "agree": sum(a == b for a, b in zip(g_has, p_has)), "precision": precision, "recall": recall, "f1": f1,
             "kappa": cohen_kappa([str(v) for v in g_has], [str(v) for v in p_has]),
             "accuracy": sum(a == b for a, b in zip(g_has, p_has)) / len(merged) if len(merged) else float("nan")}
    both = merged[[a and b for a, b in zip(g_has, p_has)]]
    same = int((both["label_gold"] == both["label_pred"]).sum())
    second = {"stage": STAGES[1], "sentences": len(both), "gold_stance": len(both), "predicted_stance": len(both),
              "agree": same, "precision": float("nan"), "recall": float("nan"), "f1": float("nan"),
              "kappa": float("nan"), "accuracy": same / len(both) if len(both) else float("nan")}
    return pd.DataFrame([first, second]).set_index("stage")
