"""Scoring attributions and quotations against the gold, field by field.

One convention (`arabic_media.stats.precision_recall_f1`: an empty denominator is 0.0).
Fields:

* ``cue``: exact span match ``(article, cue_start, cue_end)``, P/R/F1.
* ``source_actor``, ``source_type``, ``depth``: among the matched cues, how many agree
  (``accuracy``); also P/R/F1 counting a cue right only when the field agrees too.
* ``content``: token-level overlap of the content spans of the matched cues, summed
  over them (micro): ``tp`` = word tokens in both spans, P = tp / predicted tokens,
  R = tp / gold tokens, F1.
* ``no_attribution``: the sentences marked as having none, P/R/F1.
* ``quotation``: exact span match; ``quotation_kind`` and ``quotation_speaker``:
  accuracy among the matched quotations.
"""

from __future__ import annotations

import pandas as pd

from arabic_media.stats import precision_recall_f1

__all__ = ["SCORE_COLUMNS", "score_attributions", "score_quotations", "headline_scores", "source_misses"]

SCORE_COLUMNS = ["field", "gold", "predicted", "matched", "correct", "precision", "recall", "f1", "accuracy"]


def _row(field: str, gold: int, predicted: int, matched: int, correct: int | None = None,
         tp: int | None = None) -> dict:
    """One score row: P/R/F1 of ``tp`` (default ``correct``, else ``matched``) over
    predicted and gold, and ``accuracy = correct / matched``."""
    tp = tp if tp is not None else (correct if correct is not None else matched)
    p, r, f = precision_recall_f1(tp, predicted, gold)
    accuracy = (correct / matched if matched else 0.0) if correct is not None else float("nan")
    return dict(zip(SCORE_COLUMNS, [field, gold, predicted, matched, correct, p, r, f, accuracy]))


def _said(table: pd.DataFrame) -> pd.DataFrame:
    return table[table["cue_start"].notna()]


def _content_tokens(tokens: pd.DataFrame, article_id: str, start, end) -> set[int]:
    words = tokens[(tokens["article_id"] == article_id) & (tokens["kind"] != "punct")]
    inside = words[(words["start"] >= int(start)) & (words["end"] <= int(end))]
    return set(inside["start"].astype(int))


def score_attributions(gold: pd.DataFrame, predicted: pd.DataFrame, tokens: pd.DataFrame) -> pd.DataFrame:
    """Scores per field of predicted attributions against the gold, on the gold's articles.

    Parameters
    ----------
    gold : DataFrame
        As `arabic_media.annotations.load_attribution_gold` returns it.
    predicted : DataFrame
        `find_attributions`' table (other articles are left out).
    tokens : DataFrame
        The corpus's token table (for the content overlap).

    Returns
    -------
    DataFrame
        One row per field (`SCORE_COLUMNS`): cue, source_actor, source_type, depth,
        content tokens, sentences with no attribution.
    """
    predicted = predicted[predicted["article_id"].isin(set(gold["article_id"]))]
    key = ["article_id", "cue_start", "cue_end"]
    pred, gld = _said(predicted), _said(gold)
    both = pred.merge(gld, on=key, suffixes=("_p", "_g"))
    n_p, n_g, n_m = len(pred), len(gld), len(both)
    rows = [_row("cue", n_g, n_p, n_m)]
    for field in ("source_actor_id", "source_type", "depth"):
        same = int((both[f"{field}_p"].fillna("").astype(str) == both[f"{field}_g"].fillna("").astype(str)).sum())
        rows.append(_row(field.replace("_id", ""), n_g, n_p, n_m, same))
    tp = p_tok = g_tok = 0
    for r in both.itertuples():
        p_set = _content_tokens(tokens, r.article_id, r.content_start_p, r.content_end_p)
        g_set = _content_tokens(tokens, r.article_id, r.content_start_g, r.content_end_g)
        tp, p_tok, g_tok = tp + len(p_set & g_set), p_tok + len(p_set), g_tok + len(g_set)
    rows.append(_row("content (tokens, matched cues)", g_tok, p_tok, n_m, tp=tp))
    rows[-1]["correct"] = tp
    none_p = set(map(tuple, predicted.loc[predicted["cue_start"].isna(), ["article_id", "sentence"]].values.tolist()))
    none_g = set(map(tuple, gold.loc[gold["cue_start"].isna(), ["article_id", "sentence"]].values.tolist()))
    rows.append(_row("no_attribution (sentences)", len(none_g), len(none_p), len(none_p & none_g)))
    return pd.DataFrame(rows, columns=SCORE_COLUMNS)


def score_quotations(gold: pd.DataFrame, predicted: pd.DataFrame) -> pd.DataFrame:
    """Quotation scores: span, then kind and speaker among the matched spans.

    Parameters
    ----------
    gold : DataFrame
        As `arabic_media.annotations.load_quotation_gold` returns it.
    predicted : DataFrame
        `find_quotations`' table (other articles are left out).

    Returns
    -------
    DataFrame
        Rows ``quotation``, ``quotation_kind``, ``quotation_speaker`` (`SCORE_COLUMNS`).
    """
    predicted = predicted[predicted["article_id"].isin(set(gold["article_id"]))]
    both = predicted.merge(gold, on=["article_id", "start", "end"], suffixes=("_p", "_g"))
    n_p, n_g, n_m = len(predicted), len(gold), len(both)
    kind = int((both["kind_p"] == both["kind_g"]).sum())
    speaker = int((both["speaker_actor_id_p"].fillna("") == both["speaker_actor_id_g"].fillna("")).sum())
    return pd.DataFrame([_row("quotation", n_g, n_p, n_m), _row("quotation_kind", n_g, n_p, n_m, kind),
                         _row("quotation_speaker", n_g, n_p, n_m, speaker)], columns=SCORE_COLUMNS)


def headline_scores(scores: pd.DataFrame) -> str:
    """The scores of `score_attributions` and `score_quotations` (concatenated) in one
    line: cues found of the gold's (F1), source actor, depth, content token F1,
    quotations, their kind and speaker.

    Parameters
    ----------
    scores : DataFrame
        Rows of both scorers.

    Returns
    -------
    str
    """
    row = scores.set_index("field")

    def of(field: str, part: str) -> str:
        return f"{int(row.loc[field, part])}/{int(row.loc[field, 'gold' if part == 'matched' else 'matched'])}"

    return (f"cues {of('cue', 'matched')} (F1 {row.loc['cue', 'f1']:.3f}); source actor {of('source_actor', 'correct')}; "
            f"depth {of('depth', 'correct')}; content token F1 {row.loc['content (tokens, matched cues)', 'f1']:.3f}; "
            f"quotations {of('quotation', 'matched')}, kind {of('quotation_kind', 'correct')}, "
            f"speaker {of('quotation_speaker', 'correct')}")


def source_misses(gold: pd.DataFrame, predicted: pd.DataFrame) -> pd.DataFrame:
    """The attributions whose cue the rules found but whose source actor differs from
    the gold's.

    Parameters
    ----------
    gold : DataFrame
        The attribution gold.
    predicted : DataFrame
        `find_attributions`' table.

    Returns
    -------
    DataFrame
        ``article_id, sentence, cue, source, source_actor_id, source_actor_id_gold``.
    """
    keys = ["article_id", "cue_start", "cue_end"]
    both = predicted.merge(gold, on=keys, suffixes=("", "_gold"))
    differ = both["source_actor_id"].fillna("") != both["source_actor_id_gold"].fillna("")
    return both.loc[differ, ["article_id", "sentence", "cue", "source", "source_actor_id",
                             "source_actor_id_gold"]].reset_index(drop=True)
