"""The study's article against the 2018 Arabic coverage of the same actors, outlet by outlet.

Every function reads the committed tables (`load_coverage`: ``corpus/coverage/``, built
by `arabic_media.coverage.build`), never the archive:

* `slice_counts`: the reports of the slice per outlet and month, beside those read;
* `query_precision`: how many of the slice's reports are really about the companies and
  such content, as read by a person (``corpus/queries/<query>_on_topic.csv``), with a
  Wilson interval;
* `slice_keyness`: the slice's keywords against the rest of the ANT corpus (the
  reference list less the slice's own counts), with the study's keyness conventions;
* `voice_shares`: who speaks, by source type, per outlet, with a bootstrap interval over
  reports; `article_voice_shares`: the same for one traced article;
* `stance_prevalence`: the share of sentences for, against and neutral toward the
  companies per outlet, corrected for the labeller's errors measured on the test set
  (adjusted classify-and-count, Forman 2008), with a bootstrap that resamples both the
  outlet's reports and the test reports the error rates come from;
  `labeller_confusion`: those error rates as a committed table.

References
----------
Forman, G. (2008). Quantifying counts and costs via classification. *Data Mining and
Knowledge Discovery* 17(2), 164-206.

Wilson, E. B. (1927). Probable inference, the law of succession, and statistical
inference. *Journal of the American Statistical Association* 22(158), 209-212.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from arabic_media.coverage.build import COVERAGE_DIR, FILES, QUERY, labeller_confusion

__all__ = [
    "ALL_OUTLETS", "LABELS", "SEED", "Coverage", "load_coverage", "slice_counts", "busiest_month", "load_on_topic", "query_precision",
    "wilson_interval", "slice_keyness", "outlet_keywords", "voice_shares", "article_voice_shares", "labeller_confusion",
    "adjusted_shares", "stance_prevalence", "article_stance_shares", "prevalence_usable",
]

#: The row that pools every outlet.
ALL_OUTLETS = "all outlets"
#: Stance labels, in table order.
LABELS = ("AGAINST", "FAVOR", "NONE")
#: The seed of every bootstrap here (fixed: a rebuild prints the same intervals).
SEED = 20180424


@dataclass
class Coverage:
    """The committed coverage tables (`arabic_media.coverage.build.FILES`).

    Attributes
    ----------
    members, counts, sentences, attributions, terms, outlets, confusion : DataFrame
        The tables, as written (``confusion``: `labeller_confusion` of the test set).
    provenance : dict
        ``provenance.json``.
    """

    members: pd.DataFrame
    counts: pd.DataFrame
    sentences: pd.DataFrame
    attributions: pd.DataFrame
    terms: pd.DataFrame
    outlets: pd.DataFrame
    confusion: pd.DataFrame
    provenance: dict


def load_coverage(folder: Path | str | None = None) -> Coverage:
    """Read the coverage tables.

    Parameters
    ----------
    folder : Path or str, optional
        Default ``corpus/coverage/``.

    Returns
    -------
    Coverage
    """
    folder = Path(folder) if folder is not None else COVERAGE_DIR
    tables = {name: pd.read_csv(folder / file, keep_default_na=False, encoding="utf-8",
                                dtype={"term": str, "source_actor_id": str, "source": str, "cue": str})
              for name, file in FILES.items()}
    provenance = json.loads((folder / "provenance.json").read_text(encoding="utf-8"))
    return Coverage(**tables, provenance=provenance)


def slice_counts(coverage: Coverage) -> pd.DataFrame:
    """The slice's reports per outlet and month, with the reports read.

    Parameters
    ----------
    coverage : Coverage

    Returns
    -------
    DataFrame
        One row per outlet (and a last row for all of them); one column per month with
        the reports in the slice, then ``in slice``, ``read`` and ``per 1,000 read``.
    """
    counts = coverage.counts
    table = counts.pivot_table(index="outlet", columns="month", values="reports_in_slice", aggfunc="sum",
                               fill_value=0)
    table.loc[ALL_OUTLETS] = table.sum()
    table["in slice"] = table.sum(axis=1)
    read = counts.groupby("outlet")["reports_read"].sum()
    table["read"] = [int(read.sum()) if o == ALL_OUTLETS else int(read[o]) for o in table.index]
    table["per 1,000 read"] = (1000 * table["in slice"] / table["read"]).round(2)
    table.columns.name = None
    return table.reset_index()


def busiest_month(counts: pd.DataFrame) -> tuple[str, int]:
    """The month with the most reports of the slice, all outlets together.

    Parameters
    ----------
    counts : DataFrame
        `slice_counts`.

    Returns
    -------
    (str, int)
        The month (``YYYY-MM``) and its reports (the earliest month on a tie).
    """
    pooled = counts.set_index("outlet").loc[ALL_OUTLETS]
    months = [c for c in counts.columns if len(str(c)) == 7 and str(c)[4] == "-"]
    month = min(months, key=lambda m: (-pooled[m], m))
    return month, int(pooled[month])


def load_on_topic(query: str = QUERY) -> pd.DataFrame:
    """A person's reading of the query's reports: is each really on topic?

    Parameters
    ----------
    query : str
        The query's name (``corpus/queries/<query>_on_topic.csv``).

    Returns
    -------
    DataFrame
        ``article_id, split, on_topic`` (``yes``/``no``), ``reason``.

    Raises
    ------
    ValueError
        An ``on_topic`` other than yes or no, or a report judged twice, naming the file.
    """
    from arabic_media.lexicons import read_lexicon
    from arabic_media.slices import QUERIES_DIR

    path = QUERIES_DIR / f"{query}_on_topic.csv"
    table = read_lexicon(path, ["article_id", "split", "on_topic", "reason"])
    bad = sorted(set(table["on_topic"]) - {"yes", "no"})
    twice = sorted(table.loc[table["article_id"].duplicated(), "article_id"])
    if bad or twice:
        raise ValueError(f"{path.name}: on_topic values {bad} (yes or no only); judged twice: {twice}")
    return table


def wilson_interval(successes: int, total: int, z: float = 1.959964) -> tuple[float, float]:
    """The Wilson score interval of a proportion (Wilson 1927).

    Parameters
    ----------
    successes, total : int
    z : float
        The normal quantile (default: a 95% interval).

    Returns
    -------
    (float, float)
        Its bounds; ``(nan, nan)`` for no trial.

    Examples
    --------
    >>> [round(x, 3) for x in wilson_interval(27, 42)]
    [0.492, 0.77]
    """
    if total == 0:
        return float("nan"), float("nan")
    p = successes / total
    centre = (p + z * z / (2 * total)) / (1 + z * z / total)
    half = z * np.sqrt(p * (1 - p) / total + z * z / (4 * total * total)) / (1 + z * z / total)
    return float(centre - half), float(centre + half)


def query_precision(coverage: Coverage, on_topic: pd.DataFrame) -> pd.DataFrame:
    """How many reports of the slice a person reads as on topic, per outlet and in all.

    Parameters
    ----------
    coverage : Coverage
    on_topic : DataFrame
        `load_on_topic`.

    Returns
    -------
    DataFrame
        ``outlet, reports, judged, on_topic, share, ci_low, ci_high`` (a Wilson
        interval).

    Raises
    ------
    ValueError
        A report of the slice that no one judged.
    """
    judged = coverage.members[["article_id", "outlet"]].merge(on_topic, on="article_id", how="left")
    missing = judged.loc[judged["on_topic"].isna(), "article_id"].tolist()
    if missing:
        raise ValueError(f"reports of the slice with no on-topic judgement: {missing[:5]}")
    rows = []
    groups = [*judged.groupby("outlet", sort=True), (ALL_OUTLETS, judged)]
    for outlet, part in groups:
        yes, total = int((part["on_topic"] == "yes").sum()), len(part)
        low, high = wilson_interval(yes, total)
        rows.append({"outlet": outlet, "reports": total, "judged": total, "on_topic": yes, "share": yes / total,
                     "ci_low": low, "ci_high": high})
    return pd.DataFrame(rows)


def slice_keyness(coverage: Coverage, reference, outlet: str | None = None) -> pd.DataFrame:
    """Keywords of the slice (or of one outlet's part of it) against the rest of the corpus.

    The rest is the reference list (`arabic_media.terms.article_keyness.load_reference`:
    every ANT report, counts of at least 10) less the counts of the part compared, and
    its running tokens less the part's. Terms are grouped with one grouper shared by
    both sides and compared with `arabic_media.terms.keyness.keyness` (G2, log ratio,
    the study's thresholds). A form the reference list does not hold (fewer than 10 in
    the whole corpus) has an unknown count in the rest, taken as 0 and flagged
    ``absent_in_reference``.

    Parameters
    ----------
    coverage : Coverage
    reference : ReferenceList
    outlet : str, optional
        One outlet's reports only (default: the whole slice).

    Returns
    -------
    DataFrame
        `arabic_media.terms.keyness.keyness`'s columns (``count_article`` is the part's
        count), sorted by G2.

    Raises
    ------
    ValueError
        An outlet with no report in the slice.
    """
    from arabic_media.terms.keyness import keyness, regroup_counts, shared_grouper

    part = coverage.terms if outlet is None else coverage.terms[coverage.terms["outlet"] == outlet]
    sizes = coverage.outlets if outlet is None else coverage.outlets[coverage.outlets["outlet"] == outlet]
    tokens = int(sizes["running_tokens"].sum())
    if part.empty or tokens == 0:
        raise ValueError(f"outlet {outlet!r} has no report in the slice")
    mine = part.groupby(["term", "category"], as_index=False)["count"].sum()
    rest = reference.norms.merge(mine.rename(columns={"count": "part"}), on=["term", "category"], how="left")
    rest["count"] = (rest["count"] - rest["part"].fillna(0)).clip(lower=0).astype(int)
    grouper = shared_grouper(reference.norms["term"], mine["term"])
    target = regroup_counts(mine, grouper)
    if "surface" in part.columns:  # spelled as the reports spell it (المحتوى, not the normalised المحتوي)
        spelling = part.sort_values("count", ascending=False).drop_duplicates("term").set_index("term")["surface"]
        target["display"] = target["display"].map(spelling).fillna(target["display"])
    return keyness(target, regroup_counts(rest[["term", "category", "count"]], grouper),
                   tokens_target=tokens, tokens_reference=reference.running_tokens - tokens)


def outlet_keywords(coverage: Coverage, reference, *, min_reports: int = 11, top: int = 10) -> pd.DataFrame:
    """The strongest over-used keywords of each outlet with enough reports in the slice.

    Each outlet's reports against the rest of the corpus (`slice_keyness`), for the
    outlets with at least ``min_reports`` reports: fewer make keyness a list of one
    report's words.

    Parameters
    ----------
    coverage : Coverage
    reference : ReferenceList
    min_reports : int
        The fewest reports an outlet needs (default 11: more than ten).
    top : int
        Keywords per outlet.

    Returns
    -------
    DataFrame
        ``outlet, rank, display, count_article, count_reference, log_ratio, g2``.
    """
    rows = []
    chosen = coverage.outlets.loc[coverage.outlets["reports_in_slice"] >= min_reports, "outlet"]
    for outlet in chosen:
        table = slice_keyness(coverage, reference, outlet)
        over = table[table["key"] & (table["direction"] == "over-used")].head(top)
        rows.append(over.assign(outlet=outlet, rank=range(1, len(over) + 1)))
    columns = ["outlet", "rank", "display", "count_article", "count_reference", "log_ratio", "g2"]
    return pd.concat(rows, ignore_index=True)[columns] if rows else pd.DataFrame(columns=columns)


def _share_rows(counts_by_report: pd.DataFrame, kinds, outlet: str, resamples: int, rng) -> list[dict]:
    """Share of each kind in the pooled counts, with a bootstrap interval over reports."""
    matrix = counts_by_report.reindex(columns=list(kinds), fill_value=0).to_numpy(dtype=float)
    totals = matrix.sum(axis=0)
    draws = np.empty((resamples, len(kinds)))
    n = len(matrix)
    for b in range(resamples):
        pick = matrix[rng.integers(0, n, n)].sum(axis=0)
        draws[b] = pick / pick.sum() if pick.sum() else np.nan
    rows = []
    for k, kind in enumerate(kinds):
        low, high = np.nanquantile(draws[:, k], [0.025, 0.975]) if n else (np.nan, np.nan)
        rows.append({"outlet": outlet, "kind": kind, "count": int(totals[k]),
                     "share": totals[k] / totals.sum() if totals.sum() else np.nan,
                     "ci_low": float(low), "ci_high": float(high), "reports": n})
    return rows


def voice_shares(coverage: Coverage, *, resamples: int = 2000, seed: int = SEED) -> pd.DataFrame:
    """Who speaks: attributions by source type, per outlet and in all.

    Each share has a bootstrap interval over reports (the reports of an outlet
    resampled with replacement, those without an attribution included).

    Parameters
    ----------
    coverage : Coverage
    resamples : int
    seed : int

    Returns
    -------
    DataFrame
        ``outlet, source_type, attributions, share, ci_low, ci_high, reports`` (reports
        of the outlet in the slice, those without an attribution included).
    """
    from arabic_media.annotations import SOURCE_TYPES

    said = coverage.attributions.merge(coverage.members[["article_id", "outlet"]], on="article_id")
    per_report = said.pivot_table(index="article_id", columns="source_type", values="sentence", aggfunc="size",
                                  fill_value=0)
    per_report = per_report.reindex(coverage.members["article_id"], fill_value=0)
    outlet_of = dict(zip(coverage.members["article_id"], coverage.members["outlet"]))
    rng = np.random.default_rng(seed)
    kinds = [t for t in SOURCE_TYPES if t in set(said["source_type"])]
    rows = []
    for outlet in [*sorted(set(outlet_of.values())), ALL_OUTLETS]:
        mine = per_report if outlet == ALL_OUTLETS else per_report[[outlet_of[a] == outlet for a in per_report.index]]
        rows += _share_rows(mine, kinds, outlet, resamples, rng)
    return pd.DataFrame(rows).rename(columns={"kind": "source_type", "count": "attributions"})


def article_voice_shares(attributions: pd.DataFrame, label: str) -> pd.DataFrame:
    """One traced article's attributions by source type, as `voice_shares` gives them.

    Parameters
    ----------
    attributions : DataFrame
        `arabic_media.attribution.find_attributions` of the article.
    label : str
        The outlet column's value for it (``the study's article``).

    Returns
    -------
    DataFrame
        The columns of `voice_shares`; no interval (one article).
    """
    said = attributions[attributions["cue_start"].notna()]
    counts = said["source_type"].value_counts()
    return pd.DataFrame([{"outlet": label, "source_type": kind, "attributions": int(n), "share": n / len(said),
                          "ci_low": np.nan, "ci_high": np.nan, "reports": 1} for kind, n in counts.items()])


def _counts(confusion: pd.DataFrame) -> np.ndarray:
    """Sentences by gold (rows) and prediction (columns) over `LABELS`."""
    counts = confusion.pivot_table(index="gold", columns="predicted", values="sentences", aggfunc="sum",
                                   fill_value=0).reindex(index=list(LABELS), columns=list(LABELS), fill_value=0)
    return counts.to_numpy(dtype=float)


def _rates(confusion: pd.DataFrame | np.ndarray) -> np.ndarray:
    """P(predicted = column | gold = row) over `LABELS`; NaN rows for a label never gold."""
    matrix = _counts(confusion) if isinstance(confusion, pd.DataFrame) else confusion
    with np.errstate(invalid="ignore", divide="ignore"):
        return matrix / matrix.sum(axis=1, keepdims=True)


def adjusted_shares(observed: np.ndarray, rates: np.ndarray) -> np.ndarray:
    """Adjusted classify-and-count (Forman 2008).

    The true shares ``p`` that give the observed shares ``q = p M`` under the error
    rates ``M``; negative shares set to 0 and the rest renormalised.

    Parameters
    ----------
    observed : ndarray
        Shares of each predicted label (in `LABELS` order), summing to 1.
    rates : ndarray
        ``M[i, j]`` = P(predicted j | true i).

    Returns
    -------
    ndarray
        Estimated true shares; NaN when ``M`` cannot be inverted.

    Examples
    --------
    >>> rates = np.array([[0.5, 0.0, 0.5], [0.0, 1.0, 0.0], [0.0, 0.0, 1.0]])
    >>> adjusted_shares(np.array([0.1, 0.2, 0.7]), rates).round(2).tolist()
    [0.2, 0.2, 0.6]
    """
    try:
        p = np.linalg.solve(rates.T, observed)
    except np.linalg.LinAlgError:
        return np.full(len(observed), np.nan)
    if not np.all(np.isfinite(p)):
        return np.full(len(observed), np.nan)
    p = np.clip(p, 0, None)
    return p / p.sum() if p.sum() > 0 else np.full(len(observed), np.nan)


def stance_prevalence(coverage: Coverage, confusion: pd.DataFrame | None = None, *, resamples: int = 2000,
                      seed: int = SEED) -> pd.DataFrame:
    """Stance shares per outlet, raw and corrected for the labeller's measured errors.

    The raw share is the labeller's: its labels counted. The corrected share is
    `adjusted_shares` of the raw shares under the error rates of the test set
    (``confusion``: `labeller_confusion`). The interval is a bootstrap that carries
    both uncertainties: each draw resamples the outlet's reports (the sampling) and the
    test reports (the error rates), and corrects the one with the other; draws where the
    rates cannot be inverted are dropped and counted.

    Parameters
    ----------
    coverage : Coverage
    confusion : DataFrame, optional
        `labeller_confusion` of the test set (default: the committed one,
        ``coverage.confusion``).
    resamples : int
    seed : int

    Returns
    -------
    DataFrame
        ``outlet, label, share, ci_low, ci_high`` (corrected), ``raw_share, raw_ci_low,
        raw_ci_high`` (resampling reports only), ``reports, sentences, resamples,
        failed_draws``.
    """
    confusion = coverage.confusion if confusion is None else confusion
    rng = np.random.default_rng(seed)
    sentences = coverage.sentences.merge(coverage.members[["article_id", "outlet"]], on="article_id")
    per_report = sentences.pivot_table(index="article_id", columns="label", values="sentence", aggfunc="size",
                                       fill_value=0).reindex(columns=list(LABELS), fill_value=0)
    outlet_of = dict(zip(coverage.members["article_id"], coverage.members["outlet"]))
    tests = np.array([_counts(part) for _, part in confusion.groupby("article_id", sort=True)])
    rates = _rates(confusion)
    rows = []
    for outlet in [*sorted(set(outlet_of.values())), ALL_OUTLETS]:
        mine = per_report if outlet == ALL_OUTLETS else per_report[[outlet_of[a] == outlet for a in per_report.index]]
        matrix = mine.to_numpy(dtype=float)
        n = len(matrix)
        raw = matrix.sum(axis=0) / matrix.sum()
        corrected = adjusted_shares(raw, rates)
        raw_draws, draws, failed = [], [], 0
        for _ in range(resamples):
            pick = matrix[rng.integers(0, n, n)].sum(axis=0)
            q = pick / pick.sum()
            raw_draws.append(q)
            test_pick = tests[rng.integers(0, len(tests), len(tests))].sum(axis=0)
            p = adjusted_shares(q, _rates(test_pick))
            if np.any(np.isnan(p)):
                failed += 1
            else:
                draws.append(p)
        raw_draws, draws = np.array(raw_draws), np.array(draws)
        for k, label in enumerate(LABELS):
            low, high = np.quantile(draws[:, k], [0.025, 0.975]) if len(draws) else (np.nan, np.nan)
            raw_low, raw_high = np.quantile(raw_draws[:, k], [0.025, 0.975])
            rows.append({"outlet": outlet, "label": label, "share": float(corrected[k]), "ci_low": float(low),
                         "ci_high": float(high), "raw_share": float(raw[k]), "raw_ci_low": float(raw_low),
                         "raw_ci_high": float(raw_high), "reports": n, "sentences": int(matrix.sum()),
                         "resamples": resamples, "failed_draws": failed})
    return pd.DataFrame(rows)


def article_stance_shares(labels: pd.DataFrame, label: str) -> pd.DataFrame:
    """One article's stance shares, for marking beside the outlets.

    Its gold's, or a labeller's, in `stance_prevalence`'s columns.

    Parameters
    ----------
    labels : DataFrame
        One row per sentence with a ``label``.
    label : str
        The outlet column's value (``the study's article``).

    Returns
    -------
    DataFrame
        ``outlet, label, share, sentences``.
    """
    counts = labels["label"].value_counts().reindex(list(LABELS), fill_value=0)
    return pd.DataFrame([{"outlet": label, "label": lab, "share": counts[lab] / counts.sum(),
                          "sentences": int(counts.sum())} for lab in LABELS])


def prevalence_usable(prevalence: pd.DataFrame, *, max_width: float = 0.5) -> pd.DataFrame:
    """Which corrected estimates can be read as a point.

    An interval narrower than ``max_width``, and no more than 5% of bootstrap draws
    lost to rates that cannot be inverted.

    Parameters
    ----------
    prevalence : DataFrame
        `stance_prevalence`.
    max_width : float
        The widest interval read as an estimate (default 0.5: half the scale).

    Returns
    -------
    DataFrame
        ``outlet, label, width, usable``.
    """
    table = prevalence[["outlet", "label"]].copy()
    table["width"] = prevalence["ci_high"] - prevalence["ci_low"]
    resamples_lost = prevalence["failed_draws"] / prevalence["resamples"]
    table["usable"] = (table["width"] < max_width) & (resamples_lost <= 0.05)
    return table
