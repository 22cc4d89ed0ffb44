"""Tables of who speaks: sources, actors talked about but silent, co-occurrence, and
stance by source. Inputs are `find_attributions`' table and the corpus; nothing is
parsed back from strings."""

from __future__ import annotations

from itertools import combinations

import pandas as pd

from arabic_media.actors import mentions_table, outlet_actor_id
from arabic_media.attribution.lexicon import AttributionLexicon
from arabic_media.attribution.sources import source_type
from arabic_media.attribution.words import bare
from arabic_media.text import normalize

__all__ = ["UNNAMED", "sources_table", "actor_mentions", "silent_actors", "cooccurrence", "stance_by_source",
           "stance_source_crosstab", "relay_chain", "sources_by_sentence", "network_view", "with_content",
           "attribution_counts", "main_voices"]

#: The source id of an attribution without an actor (a speech-act noun without agent).
UNNAMED = "unnamed"


def _said(attributions: pd.DataFrame) -> pd.DataFrame:
    said = attributions[attributions["cue_start"].notna()].copy()
    said["source_id"] = said["source_actor_id"].fillna("").replace("", UNNAMED)
    return said


def _names(lex: AttributionLexicon) -> pd.DataFrame:
    names = lex.actors[["actor_id", "canonical_ar", "name_en"]].rename(columns={"actor_id": "source_id"})
    extra = pd.DataFrame([{"source_id": UNNAMED, "canonical_ar": "", "name_en": "(unnamed)"}])
    return pd.concat([names, extra], ignore_index=True)


def sources_table(attributions: pd.DataFrame, sentences: pd.DataFrame, lex: AttributionLexicon) -> pd.DataFrame:
    """Who is given a voice: one row per article and source.

    Parameters
    ----------
    attributions : DataFrame
        `find_attributions`' table.
    sentences : DataFrame
        The corpus's sentences (for each article's count).
    lex : AttributionLexicon
        For the sources' names and types.

    Returns
    -------
    DataFrame
        ``article_id, source_id`` (actor id or `UNNAMED`), ``canonical_ar, name_en,
        source_type``, ``attributions`` (all depths), ``at_depth_1``, ``nested``,
        ``verbs`` (cue lemmas with their counts, most used first), ``sentences`` with
        that source, and ``share_of_sentences`` of the article's sentences; by
        article, then most attributions first.
    """
    said = _said(attributions)
    total = sentences.groupby("article_id").size()
    rows = []
    for (article_id, source_id), group in said.groupby(["article_id", "source_id"], sort=False):
        lemmas = group["cue_lemma"].value_counts()
        rows.append({
            "article_id": article_id, "source_id": source_id,
            "source_type": source_type("" if source_id == UNNAMED else source_id, lex),
            "attributions": len(group), "at_depth_1": int((group["depth"] == 1).sum()),
            "nested": int((group["depth"] > 1).sum()),
            "verbs": " · ".join(f"{lemma} ({n})" for lemma, n in lemmas.sort_index().sort_values(
                ascending=False, kind="stable").items()),
            "sentences": group["sentence"].nunique(),
            "share_of_sentences": group["sentence"].nunique() / int(total[article_id]),
        })
    table = pd.DataFrame(rows).merge(_names(lex), on="source_id", how="left")
    table = table.sort_values(["article_id", "attributions", "source_id"], ascending=[True, False, True])
    return table[["article_id", "source_id", "canonical_ar", "name_en", "source_type", "attributions",
                  "at_depth_1", "nested", "verbs", "sentences", "share_of_sentences"]].reset_index(drop=True)


def actor_mentions(corpus, lex: AttributionLexicon) -> pd.DataFrame:
    """Every mention of a gazetteer actor in a corpus.

    `arabic_media.actors.mentions_table` over the whole gazetteer, with ``الصحيفة``
    given to each article's original outlet (the gazetteer's alias is the study
    article's); a mention of an outlet the gazetteer lacks is left out.

    Parameters
    ----------
    corpus : Corpus
        Its articles, sentences and tokens are read.
    lex : AttributionLexicon
        The gazetteer and the anaphors.

    Returns
    -------
    DataFrame
        As `arabic_media.actors.mentions_table`: ``article_id, sentence, actor_id,
        alias, surface, start, end``.
    """
    mentions = mentions_table(corpus.sentences, corpus.tokens, lex.finder)
    outlets = {a.article_id: outlet_actor_id(a.original_outlet, lex.actors) for a in corpus.articles.itertuples()}
    anaphor = mentions["alias"].map(lambda alias: lex.anaphors.get(bare(normalize(alias))) == "original_outlet")
    mentions.loc[anaphor, "actor_id"] = mentions.loc[anaphor, "article_id"].map(outlets)
    return mentions[mentions["actor_id"] != ""].reset_index(drop=True)


def silent_actors(mentions: pd.DataFrame, attributions: pd.DataFrame, lex: AttributionLexicon) -> pd.DataFrame:
    """Actors talked about but never given a voice, per article.

    Parameters
    ----------
    mentions : DataFrame
        `actor_mentions`.
    attributions : DataFrame
        `find_attributions`' table.
    lex : AttributionLexicon
        For the actors' names and types.

    Returns
    -------
    DataFrame
        ``article_id, actor_id, mentions, sentences`` (where they are named),
        ``canonical_ar, name_en, type`` (gazetteer type), for each actor named in an
        article and the source of none of its attributions; by article, most named
        first.
    """
    speakers = set(zip(attributions["article_id"], attributions["source_actor_id"].fillna("")))
    counts = mentions.groupby(["article_id", "actor_id"]).agg(
        mentions=("start", "size"), sentences=("sentence", "nunique")).reset_index()
    counts = counts[[(a, b) not in speakers for a, b in zip(counts["article_id"], counts["actor_id"])]]
    counts = counts.merge(lex.actors[["actor_id", "canonical_ar", "name_en", "type"]], on="actor_id")
    return counts.sort_values(["article_id", "mentions", "actor_id"], ascending=[True, False, True]).reset_index(drop=True)


def cooccurrence(mentions: pd.DataFrame, attributions: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Actors and their co-occurrence within a sentence.

    An actor is in a sentence when it is named there, or is the source of an
    attribution there (resolved: ``الشركة``, an implicit speaker).

    Parameters
    ----------
    mentions : DataFrame
        `actor_mentions`.
    attributions : DataFrame
        `find_attributions`' table.

    Returns
    -------
    (DataFrame, DataFrame)
        ``(nodes, edges)``: nodes ``actor_id, sentences, speaks`` (the sentences where
        it is a source), by id; edges ``source, target, sentences`` (the two ids in
        sorted order, one count per sentence), by ids.
    """
    named = mentions[["article_id", "sentence", "actor_id"]]
    said = attributions.loc[attributions["source_actor_id"].fillna("") != "", ["article_id", "sentence", "source_actor_id"]]
    per_sentence = pd.concat([named, said.rename(columns={"source_actor_id": "actor_id"})]).drop_duplicates()
    nodes = per_sentence.groupby("actor_id").size().rename("sentences").reset_index()
    spoke = said.drop_duplicates().groupby("source_actor_id").size()
    nodes["speaks"] = nodes["actor_id"].map(spoke).fillna(0).astype(int)
    pairs = [tuple(sorted(pair)) for _, group in per_sentence.groupby(["article_id", "sentence"])
             for pair in combinations(sorted(set(group["actor_id"])), 2)]
    edges = pd.DataFrame(pairs, columns=["source", "target"]).value_counts().rename("sentences").reset_index()
    return nodes.sort_values("actor_id").reset_index(drop=True), edges.sort_values(["source", "target"]).reset_index(drop=True)


def stance_by_source(attributions: pd.DataFrame, labels: pd.DataFrame, gold: pd.DataFrame | None) -> pd.DataFrame:
    """Each sentence's stance label beside the sources that speak in it.

    Parameters
    ----------
    attributions : DataFrame
        `find_attributions`' table.
    labels : DataFrame
        The stance labeller's labels (`arabic_media.stance.Labelling.labels`).
    gold : DataFrame or None
        The stance gold of the same target, or None.

    Returns
    -------
    DataFrame
        One row per sentence of ``labels``: ``article_id, sentence``, its
        ``outer_source`` (the first depth-1 attribution's source: who the report
        cites) and ``deepest_source`` (the source of its deepest attribution, the first
        of them: whose words they finally are), the labeller's ``label`` and the
        ``gold_label`` (``""`` where there is no gold). A sentence with no attribution
        has ``(none)`` as both sources.
    """
    said = _said(attributions).sort_values(["article_id", "sentence", "cue_start"])
    outer = said[said["depth"] == 1].groupby(["article_id", "sentence"])["source_id"].first()
    deepest = said.sort_values(["depth"], ascending=False, kind="stable").groupby(["article_id", "sentence"])["source_id"].first()
    table = labels[["article_id", "sentence", "label"]].copy()
    keys = list(zip(table["article_id"], table["sentence"]))
    table["outer_source"] = [outer.get(k, "(none)") for k in keys]
    table["deepest_source"] = [deepest.get(k, "(none)") for k in keys]
    gold_labels = {} if gold is None else dict(zip(zip(gold["article_id"], gold["sentence"]), gold["label"]))
    table["gold_label"] = [gold_labels.get(k, "") for k in keys]
    return table[["article_id", "sentence", "outer_source", "deepest_source", "label", "gold_label"]]


def stance_source_crosstab(by_source: pd.DataFrame, which: str = "deepest_source") -> pd.DataFrame:
    """Sentences per source and stance label, the labeller's and the gold's side by side.

    Parameters
    ----------
    by_source : DataFrame
        `stance_by_source`.
    which : str
        ``deepest_source`` or ``outer_source``.

    Returns
    -------
    DataFrame
        One row per source: ``which``'s column, ``sentences``, then ``labeller
        AGAINST``, ``labeller FAVOR``, ``labeller NONE``, ``gold AGAINST``, ``gold
        FAVOR``, ``gold NONE``; most sentences first.
    """
    labels = ["AGAINST", "FAVOR", "NONE"]
    parts = []
    for column, name in (("label", "labeller"), ("gold_label", "gold")):
        counts = pd.crosstab(by_source[which], by_source[column]).reindex(columns=labels, fill_value=0)
        parts.append(counts.add_prefix(f"{name} "))
    table = pd.concat(parts, axis=1).fillna(0).astype(int)
    table.insert(0, "sentences", by_source[which].value_counts().reindex(table.index))
    return table.sort_values(["sentences"], ascending=False, kind="stable").rename_axis(which).reset_index()


def relay_chain(attributions: pd.DataFrame, articles: pd.DataFrame, lex) -> pd.DataFrame:
    """Who relays whom: one row per article, relayer and source.

    Parameters
    ----------
    attributions : DataFrame
        `find_attributions`' table.
    articles : DataFrame
        The corpus's articles (``outlet`` names the publisher, the frame).
    lex : AttributionLexicon
        For the outlet's actor id.

    Returns
    -------
    DataFrame
        ``article_id, layer, relayer_id, source_id, attributions``: layer 1 is relayed
        by the publishing outlet (layer 0, the frame), layer 2 by a layer-1 source...;
        sorted by article, layer, relayer, source.
    """
    said = attributions[attributions["cue_start"].notna()].copy()
    said["source_id"] = said["source_actor_id"].fillna("").replace("", UNNAMED)
    rows = []
    for article in articles.itertuples(index=False):
        mine = said[said["article_id"] == article.article_id]
        by_number = dict(zip(mine["attribution"], mine["source_id"]))
        frame = outlet_actor_id(article.outlet, lex.actors) or article.outlet
        for r in mine.itertuples():
            relayer = frame if pd.isna(r.parent) else by_number[r.parent]
            rows.append((article.article_id, int(r.depth), relayer, r.source_id))
    data = pd.DataFrame(rows, columns=["article_id", "layer", "relayer_id", "source_id"])
    data = data.value_counts().rename("attributions").reset_index()
    return data.sort_values(["article_id", "layer", "relayer_id", "source_id"]).reset_index(drop=True)


def sources_by_sentence(attributions: pd.DataFrame, lex) -> pd.DataFrame:
    """Who speaks along each article, sentence by sentence.

    One row per attribution (nested ones included) and per sentence without one.

    Parameters
    ----------
    attributions : DataFrame
        `find_attributions`' table.
    lex : AttributionLexicon
        For the sources' English names.

    Returns
    -------
    DataFrame
        ``article_id, sentence, attribution, parent, depth, cue, source,
        source_actor_id, source_type, cue_start, cue_end, source_name_en``; a sentence
        without attribution has ``depth`` 0 and empty cue and source.
    """
    data = attributions[["article_id", "sentence", "attribution", "parent", "depth", "cue", "source",
                         "source_actor_id", "source_type", "cue_start", "cue_end"]].copy()
    data["depth"] = data["depth"].fillna(0).astype(int)
    for col in ("cue", "source", "source_actor_id", "source_type"):
        data[col] = data[col].fillna("").astype(str)
    names = dict(zip(lex.actors["actor_id"], [n.split(" (")[0] for n in lex.actors["name_en"]]))
    data["source_name_en"] = data["source_actor_id"].map(names).fillna("")
    return data.reset_index(drop=True)


def network_view(nodes: pd.DataFrame, edges: pd.DataFrame, lex, min_sentences: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The part of the co-occurrence network worth drawing.

    Parameters
    ----------
    nodes, edges : DataFrame
        From `cooccurrence`.
    lex : AttributionLexicon
        For each actor's source type.
    min_sentences : int
        The fewest sentences an actor must be named in to be kept, unless it speaks.

    Returns
    -------
    (DataFrame, DataFrame)
        The nodes kept (with ``source_type``) and the edges between two kept nodes.
    """
    keep = nodes[(nodes["sentences"] >= min_sentences) | (nodes["speaks"] > 0)].copy()
    keep["source_type"] = [source_type(a, lex) for a in keep["actor_id"]]
    kept = set(keep["actor_id"])
    drawn = edges[edges["source"].isin(kept) & edges["target"].isin(kept)]
    return keep.reset_index(drop=True), drawn.reset_index(drop=True)


def with_content(attributions: pd.DataFrame, corpus) -> pd.DataFrame:
    """The attributions with the text of each content, for reading.

    Parameters
    ----------
    attributions : DataFrame
        `find_attributions`' table.
    corpus : Corpus
        The corpus it was found in.

    Returns
    -------
    DataFrame
        ``attributions`` with a ``content`` column: the text of each content span
        (empty for a sentence without attribution).
    """
    texts = dict(zip(corpus.articles["article_id"].astype(str), corpus.articles["text"]))
    content = ["" if pd.isna(s) else texts[str(a)][int(s):int(e)]
               for a, s, e in zip(attributions["article_id"], attributions["content_start"], attributions["content_end"])]
    return attributions.assign(content=content)


def attribution_counts(attributions: pd.DataFrame) -> pd.DataFrame:
    """Per article: attributions, how many at depth 1 and nested, and sentences without.

    Parameters
    ----------
    attributions : DataFrame
        `find_attributions`' table.

    Returns
    -------
    DataFrame
        ``article_id, attributions, at_depth_1, nested, sentences_without``, in the
        table's article order.
    """
    rows = []
    for article_id, group in attributions.groupby("article_id", sort=False, observed=True):
        found = group[group["cue_start"].notna()]
        rows.append({"article_id": article_id, "attributions": len(found),
                     "at_depth_1": int((found["depth"] == 1).sum()), "nested": int((found["depth"] > 1).sum()),
                     "sentences_without": int(group["cue_start"].isna().sum())})
    return pd.DataFrame(rows, columns=["article_id", "attributions", "at_depth_1", "nested", "sentences_without"])


def main_voices(sources: pd.DataFrame, sentences: pd.DataFrame) -> pd.DataFrame:
    """Per article, the source given the most attributions.

    With how much of the report it carries: its attributions and sentences beside the
    article's.

    Parameters
    ----------
    sources : DataFrame
        `sources_table` (sorted by attributions within each article).
    sentences : DataFrame
        The corpus's sentences.

    Returns
    -------
    DataFrame
        ``article_id, source_id, name_en, attributions, all_attributions, sentences,
        all_sentences``: the first source of each article in ``sources`` (ties go to
        the smaller id there).
    """
    totals = sentences.groupby("article_id", observed=True).size()
    rows = []
    for article_id, group in sources.groupby("article_id", sort=False, observed=True):
        top = group.iloc[0]
        rows.append({"article_id": article_id, "source_id": top["source_id"], "name_en": top["name_en"],
                     "attributions": int(top["attributions"]), "all_attributions": int(group["attributions"].sum()),
                     "sentences": int(top["sentences"]), "all_sentences": int(totals[article_id])})
    return pd.DataFrame(rows)
