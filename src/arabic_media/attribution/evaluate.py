"""Scoring attributions and quotations against the gold, field by field.

One convention (`arabic_media.stats.precision_recall_f1`: an empty denominator is 0.0).
Fields:

* ``cue``: a predicted cue matches a gold cue of the same article when their character
  spans overlap (``بحسب`` found, ``بحسب ما نقلته`` in the gold), one to one, in text
  order; P/R/F1.
* ``source``: among the matched cues, how many name the gold's source (`source_entity`:
  the same actor, found by its id in the gazetteer or by the words of the source span;
  an implicit source by the attribution it is carried from); ``source_type``,
  ``depth``: how many agree (``accuracy``); also P/R/F1 counting a cue right only when
  the field agrees too.
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

__all__ = ["SCORE_COLUMNS", "match_cues", "source_entity", "score_attributions", "score_quotations",
           "headline_scores", "source_misses", "missed_cues"]

#: Columns of a score table: per field, the gold's and the predicted count, the matched
#: cues, how many of them agree on the field (``correct``; empty for a field scored by
#: its span alone), P/R/F1 and ``accuracy = correct / matched`` (NaN where ``correct``
#: is empty, and for the content).
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


def match_cues(gold: pd.DataFrame, predicted: pd.DataFrame) -> list[tuple[int, int]]:
    """Pair predicted cues with gold cues whose character spans overlap.

    Within each article, gold cues are taken in text order and each is paired with the
    first unpaired predicted cue that overlaps it.

    Parameters
    ----------
    gold, predicted : DataFrame
        Attribution tables (rows without a cue are ignored).

    Returns
    -------
    list of (int, int)
        ``(gold index, predicted index)`` pairs, by the tables' index labels.
    """
    pairs = []
    pred = _said(predicted)
    by_article = {a: t.sort_values("cue_start") for a, t in pred.groupby("article_id")}
    for article, rows in _said(gold).sort_values(["article_id", "cue_start"]).groupby("article_id"):
        candidates = by_article.get(article)
        if candidates is None:
            continue
        used: set = set()
        for g in rows.itertuples():
            for p in candidates.itertuples():
                if p.Index not in used and int(p.cue_start) < int(g.cue_end) and int(g.cue_start) < int(p.cue_end):
                    pairs.append((g.Index, p.Index))
                    used.add(p.Index)
                    break
    return pairs


def _overlapping_gold_actor(gold_spans: dict, article: str, start: int, end: int) -> str | None:
    """The gold actor of a gold source span in ``article`` that the span ``start..end``
    meets at its head: one span holds the other's first character."""
    for g_start, g_end, actor in gold_spans.get(article, ()):
        if g_start <= start < g_end or start <= g_start < end:
            return actor or "unnamed"
    return None


def source_entity(row, predicted: pd.DataFrame, gold: pd.DataFrame, _depth: int = 0) -> str:
    """Who a predicted attribution names as its source, in the gold's terms.

    A source span that meets a gold source span of the same article at its head is the
    gold's actor there (the rules found the words; the actor may be one the gazetteer
    does not list, named in ``attribution_actors_proposed.csv``); else the actor the
    rules resolved; an implicit source is the source of the attribution it is carried
    from (``antecedent``); none is ``unnamed``.

    Parameters
    ----------
    row : namedtuple
        A row of ``predicted`` (from ``itertuples``).
    predicted : DataFrame
        The predicted table the row is from (for its antecedent).
    gold : DataFrame
        The gold table.
    _depth : int
        How many antecedents have been followed: the chain stops after 20 (not for
        callers).

    Returns
    -------
    str
        An actor id, ``unnamed``, or ``span:<words>`` for a source the gold does not name.
    """
    spans = _gold_spans(gold)
    if pd.notna(getattr(row, "source_start", None)):
        found = _overlapping_gold_actor(spans, row.article_id, int(row.source_start), int(row.source_end))
        if found is not None:
            return found
        return row.source_actor_id or f"span:{getattr(row, 'source', '')}"
    antecedent = getattr(row, "antecedent", None)
    if pd.notna(antecedent) and _depth < 20:
        before = predicted[(predicted["article_id"] == row.article_id) & (predicted["attribution"] == antecedent)]
        if len(before):
            return source_entity(next(before.itertuples()), predicted, gold, _depth + 1)
    return row.source_actor_id or "unnamed"


_SPANS: dict = {}


def _gold_spans(gold: pd.DataFrame) -> dict:
    key = id(gold)
    if key not in _SPANS or _SPANS[key][0] is not gold:
        spans: dict = {}
        for g in _said(gold).itertuples():
            if pd.notna(getattr(g, "source_start", None)):
                spans.setdefault(g.article_id, []).append((int(g.source_start), int(g.source_end),
                                                           g.source_actor_id or ""))
        _SPANS.clear()
        _SPANS[key] = (gold, spans)
    return _SPANS[key][1]


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
        One row per field (`SCORE_COLUMNS`): ``cue``, ``source``, ``source_type``,
        ``depth``, ``content (tokens, matched cues)`` (its gold, predicted and correct:
        word tokens), ``no_attribution (sentences)``.
    """
    predicted = predicted[predicted["article_id"].isin(set(gold["article_id"]))]
    pairs = match_cues(gold, predicted)
    pred, gld = _said(predicted), _said(gold)
    n_p, n_g, n_m = len(pred), len(gld), len(pairs)
    rows = [_row("cue", n_g, n_p, n_m)]
    same_source = sum(
        source_entity(next(predicted.loc[[p]].itertuples()), predicted, gold) == (gold.at[g, "source_actor_id"] or "unnamed")
        for g, p in pairs)
    rows.append(_row("source", n_g, n_p, n_m, same_source))
    for field in ("source_type", "depth"):
        same = sum(str(gold.at[g, field]) == str(predicted.at[p, field]) for g, p in pairs)
        rows.append(_row(field, n_g, n_p, n_m, same))
    tp = p_tok = g_tok = 0
    for g, p in pairs:
        article = gold.at[g, "article_id"]
        p_set = _content_tokens(tokens, article, predicted.at[p, "content_start"], predicted.at[p, "content_end"])
        g_set = _content_tokens(tokens, article, gold.at[g, "content_start"], gold.at[g, "content_end"])
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
    """The scores of `score_attributions` and `score_quotations` in one line.

    The gold's cues found (and the cues' F1); of the matched cues, those with the right
    source and depth; the content's token F1; the gold's quotations found, and of the
    matched ones those of the right kind and speaker.

    Parameters
    ----------
    scores : DataFrame
        The rows of both scorers, concatenated.

    Returns
    -------
    str
        ``cues 40/52 (F1 0.780); source 30/40; depth 35/40; content token F1 0.700;
        quotations 10/12, kind 9/10, speaker 8/10`` (figures for illustration).
    """
    row = scores.set_index("field")

    def of(field: str, part: str) -> str:
        return f"{int(row.loc[field, part])}/{int(row.loc[field, 'gold' if part == 'matched' else 'matched'])}"

    return (f"cues {of('cue', 'matched')} (F1 {row.loc['cue', 'f1']:.3f}); source {of('source', 'correct')}; "
            f"depth {of('depth', 'correct')}; content token F1 {row.loc['content (tokens, matched cues)', 'f1']:.3f}; "
            f"quotations {of('quotation', 'matched')}, kind {of('quotation_kind', 'correct')}, "
            f"speaker {of('quotation_speaker', 'correct')}")


def source_misses(gold: pd.DataFrame, predicted: pd.DataFrame) -> pd.DataFrame:
    """The attributions whose cue the rules found but whose source is not the gold's.

    Parameters
    ----------
    gold : DataFrame
        The attribution gold.
    predicted : DataFrame
        `find_attributions`' table.

    Returns
    -------
    DataFrame
        ``article_id, sentence, cue, source, source_actor_id, source_entity,
        source_actor_id_gold`` (`source_entity`: who the rules name, in the gold's terms).
    """
    rows = []
    for g, p in match_cues(gold, predicted):
        row = next(predicted.loc[[p]].itertuples())
        found, wanted = source_entity(row, predicted, gold), gold.at[g, "source_actor_id"] or "unnamed"
        if found != wanted:
            rows.append({"article_id": row.article_id, "sentence": row.sentence, "cue": row.cue, "source": row.source,
                         "source_actor_id": row.source_actor_id, "source_entity": found,
                         "source_actor_id_gold": wanted})
    return pd.DataFrame(rows, columns=["article_id", "sentence", "cue", "source", "source_actor_id", "source_entity",
                                       "source_actor_id_gold"])


def missed_cues(gold: pd.DataFrame, predicted: pd.DataFrame) -> pd.DataFrame:
    """The gold's cues the rules did not find, and the rules' cues the gold does not have.

    Parameters
    ----------
    gold : DataFrame
        The attribution gold.
    predicted : DataFrame
        `find_attributions`' table (other articles are left out).

    Returns
    -------
    DataFrame
        ``side`` (``missed``: in the gold only; ``extra``: found by the rules only),
        ``article_id, sentence, cue, source``, in text order.
    """
    predicted = predicted[predicted["article_id"].isin(set(gold["article_id"]))]
    pairs = match_cues(gold, predicted)
    found_gold, found_pred = {g for g, _ in pairs}, {p for _, p in pairs}
    columns = ["article_id", "sentence", "cue", "source", "cue_start"]
    missed = _said(gold).drop(index=list(found_gold))[columns].assign(side="missed")
    extra = _said(predicted).drop(index=list(found_pred))[columns].assign(side="extra")
    table = pd.concat([missed, extra], ignore_index=True).sort_values(["article_id", "cue_start", "side"])
    return table[["side", "article_id", "sentence", "cue", "source"]].reset_index(drop=True)
