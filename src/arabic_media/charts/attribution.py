"""Figures of who speaks: the relay chain, sources sentence by sentence, the actor network.

Each builder returns ``(fig, data)``; ``data`` is what `save_figure` writes as CSV.
All Arabic goes through `ar`; the network uses a fixed circular layout on sorted actor
ids, so a rebuild draws the same figure byte for byte.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import networkx as nx
import pandas as pd
from matplotlib.patches import Patch

from arabic_media.actors import outlet_actor_id
from arabic_media.attribution.sources import source_type
from arabic_media.attribution.tables import UNNAMED
from arabic_media.charts.arabic import FALLBACK_FONT, ar

__all__ = ["SOURCE_TYPE_COLOURS", "attribution_chain_figure", "sources_by_sentence_figure", "actor_network_figure"]

#: Okabe-Ito colours per source type (colour-blind safe); every figure also writes names.
SOURCE_TYPE_COLOURS = {
    "media": "#56B4E9", "government_or_military": "#009E73", "company": "#E69F00", "expert": "#CC79A7",
    "armed_group": "#D55E00", "unnamed": "#BBBBBB", "other": "#F0E442", "frame": "#DDDDDD",
}


def _english(name_en: str) -> str:
    """An English name without its bracketed gloss, on lines of about 24 characters."""
    words, lines = name_en.split(" (")[0].split(), [""]
    for word in words:
        lines[-1] = f"{lines[-1]} {word}".strip() if len(lines[-1]) + len(word) < 24 else lines[-1]
        if word not in lines[-1].split():
            lines.append(word)
    return "\n".join(lines)


def _label(actor_id: str, lex, *, english: bool = True) -> str:
    """An actor's Arabic name through `ar`, and its English name under it."""
    if actor_id in ("", UNNAMED):
        return "(unnamed)"
    row = lex.actors.loc[lex.actors["actor_id"] == actor_id].iloc[0]
    return ar(row["canonical_ar"]) + ("\n" + _english(row["name_en"]) if english else "")


def _chain_data(attributions: pd.DataFrame, articles: pd.DataFrame, lex) -> pd.DataFrame:
    """Who relays whom: one row per article, relayer and source, with the number of
    attributions; layer 1 is relayed by the publishing outlet (depth 0, the frame)."""
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


def _chain_positions(data: pd.DataFrame) -> dict[tuple[int, str], tuple[float, float]]:
    """Node positions: x = layer, y spread evenly within the layer (sorted by id)."""
    nodes = {(0, r) for r in data.loc[data["layer"] == 1, "relayer_id"]}
    nodes |= set(zip(data["layer"], data["source_id"]))
    positions = {}
    for layer in sorted({n[0] for n in nodes}):
        members = sorted(n[1] for n in nodes if n[0] == layer)
        for k, member in enumerate(members):
            positions[(layer, member)] = (float(layer), 1.25 * ((len(members) - 1) / 2 - k))
    return positions


def attribution_chain_figure(attributions: pd.DataFrame, articles: pd.DataFrame, lex, *, title: str | None = None):
    """Who relays whom, as layers: the publishing outlet (layer 0), the sources it
    cites (depth 1), the sources they cite (depth 2)... An arrow runs from relayer to
    source, labelled with the number of attributions. One panel per article. Returns
    ``(fig, data)``: ``article_id, layer, relayer_id, source_id, attributions``."""
    data = _chain_data(attributions, articles, lex)
    ids = list(dict.fromkeys(data["article_id"]))
    spreads = [max(rows.groupby("layer").size().max(), 1) for _, rows in data.groupby("article_id", sort=False)]
    fig, axes = plt.subplots(len(ids), 1, figsize=(11, sum(1.25 * n + 1.2 for n in spreads) + 0.8), squeeze=False,
                             gridspec_kw={"height_ratios": spreads})
    for ax, article_id in zip(axes[:, 0], ids):
        rows = data[data["article_id"] == article_id]
        pos = _chain_positions(rows)
        for r in rows.itertuples():
            start, end = pos[(r.layer - 1, r.relayer_id)], pos[(r.layer, r.source_id)]
            ax.annotate("", xy=(end[0] - 0.3, end[1]), xytext=(start[0] + 0.3, start[1]),
                        arrowprops={"arrowstyle": "-|>", "color": "#555555", "lw": 1 + 0.25 * r.attributions})
            ax.text((start[0] + end[0]) / 2, (start[1] + end[1]) / 2 + 0.08, str(r.attributions),
                    ha="center", fontsize=9, fontfamily=FALLBACK_FONT, color="#333333")
        for (layer, actor), (x, y) in pos.items():
            kind = "frame" if layer == 0 else source_type("" if actor == UNNAMED else actor, lex)
            known = actor in set(lex.actors["actor_id"]) or actor == UNNAMED
            ax.text(x, y, _label(actor, lex) if known else actor, ha="center", va="center", fontsize=10,
                    bbox={"boxstyle": "round,pad=0.4", "facecolor": SOURCE_TYPE_COLOURS[kind], "edgecolor": "#666666"})
        ax.set_xlim(-0.5, rows["layer"].max() + 0.5)
        spread = 1.25 * max(len([p for p in pos if p[0] == layer]) for layer in {p[0] for p in pos})
        ax.set_ylim(-spread / 2 - 0.1, spread / 2 + 0.1)
        ax.set_xticks(range(int(rows["layer"].max()) + 1),
                      ["publisher (frame)"] + [f"depth {d}" for d in range(1, int(rows["layer"].max()) + 1)])
        ax.set_yticks([])
        for spine in ax.spines.values():
            spine.set_visible(False)
        ax.set_title(f"{article_id}: arrow from relayer to source, number of attributions on it", fontsize=9, loc="left")
    _type_legend(fig, sorted(set(SOURCE_TYPE_COLOURS) - {"other"}))
    fig.suptitle(title or "Who relays whom", fontsize=11)
    return fig, data


def _type_legend(fig, kinds: list[str]) -> None:
    handles = [Patch(facecolor=SOURCE_TYPE_COLOURS[k], edgecolor="#666666", label=k) for k in kinds]
    fig.legend(handles=handles, loc="outside lower center", ncol=len(handles), fontsize=8, frameon=False)


def _sentence_rows(attributions: pd.DataFrame, lex) -> pd.DataFrame:
    """One row per attribution (nested ones included) and per sentence without one
    (``depth`` 0, empty cue and source): the CSV of `sources_by_sentence_figure`."""
    data = attributions[["article_id", "sentence", "attribution", "parent", "depth", "cue", "source",
                         "source_actor_id", "source_type", "cue_start", "cue_end"]].copy()
    data["depth"] = data["depth"].fillna(0).astype(int)
    for col in ("cue", "source", "source_actor_id", "source_type"):
        data[col] = data[col].fillna("").astype(str)
    names = dict(zip(lex.actors["actor_id"], [n.split(" (")[0] for n in lex.actors["name_en"]]))
    data["source_name_en"] = data["source_actor_id"].map(names).fillna("")
    return data.reset_index(drop=True)


def _cell_text(r, lex) -> str:
    """A cell of `sources_by_sentence_figure`: the source as written (or the resolved
    actor of an implicit one) and, under it, its English name and the cue."""
    if r.source:
        who = ar(r.source)
    elif r.source_actor_id:
        who = _label(r.source_actor_id, lex, english=False) + "  (implicit)"
    else:
        who = "(unnamed)"
    return f"{who}\n{r.source_name_en or r.source_type}  ·  {ar(r.cue)}"


def sources_by_sentence_figure(attributions: pd.DataFrame, lex, *, title: str | None = None):
    """Who speaks along the article: one row per attribution, in text order (nested
    ones under their sentence, a sentence without one as a row saying so), one column
    per depth; a cell gives the source (Arabic, coloured by source type) and under it
    its English name and the cue as written. One panel per article. Returns ``(fig,
    data)`` (`_sentence_rows`: one row per attribution and per silent sentence)."""
    data = _sentence_rows(attributions, lex)
    ids = list(dict.fromkeys(data["article_id"]))
    counts = [int((data["article_id"] == a).sum()) for a in ids]
    fig, axes = plt.subplots(len(ids), 1, figsize=(9, 0.5 * sum(counts) + 1.2 * len(ids) + 0.6), squeeze=False,
                             gridspec_kw={"height_ratios": [n + 1 for n in counts]})
    for ax, article_id in zip(axes[:, 0], ids):
        rows = data[data["article_id"] == article_id].reset_index(drop=True)
        for k, r in rows.iterrows():
            if r.depth == 0:
                ax.text(1, -k, "no attribution", ha="center", va="center", fontsize=8, color="#777777", style="italic")
                continue
            ax.text(r.depth, -k, _cell_text(r, lex), ha="center", va="center", fontsize=7.5, linespacing=1.15,
                    bbox={"boxstyle": "round,pad=0.3", "facecolor": SOURCE_TYPE_COLOURS[r.source_type], "edgecolor": "#888888"})
        deepest = max(2, int(rows["depth"].max()))
        ax.set_ylim(-len(rows) + 0.4, 0.6)
        ax.set_xlim(0.3, deepest + 0.7)
        ticks = [f"s{r.sentence}" + (f" · {int(r.attribution)}" if r.depth else "") for r in rows.itertuples()]
        ax.set_yticks([-k for k in range(len(rows))], ticks, fontsize=8)
        ax.set_xticks(range(1, deepest + 1), [f"depth {d}" for d in range(1, deepest + 1)], fontsize=8)
        ax.xaxis.tick_top()
        for spine in ax.spines.values():
            spine.set_visible(False)
        ax.set_title(f"{article_id}: sentence · attribution number", fontsize=9, loc="left")
    _type_legend(fig, [k for k in SOURCE_TYPE_COLOURS if k in set(data["source_type"])])
    fig.suptitle(title or "Who speaks in each sentence: source and cue, by depth of attribution", fontsize=11)
    return fig, data


def _network_data(nodes: pd.DataFrame, edges: pd.DataFrame, lex, min_sentences: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Nodes named in at least ``min_sentences`` sentences, or given a voice; the edges
    between them."""
    keep = nodes[(nodes["sentences"] >= min_sentences) | (nodes["speaks"] > 0)].copy()
    keep["source_type"] = [source_type(a, lex) for a in keep["actor_id"]]
    kept = set(keep["actor_id"])
    drawn = edges[edges["source"].isin(kept) & edges["target"].isin(kept)]
    return keep.reset_index(drop=True), drawn.reset_index(drop=True)


def actor_network_figure(nodes: pd.DataFrame, edges: pd.DataFrame, lex, *, min_sentences: int = 2,
                         title: str | None = None):
    """Actors as nodes (size: sentences naming them; colour: source type; a thick black
    ring: given a voice), co-occurrence in a sentence as edges (width: sentences),
    from `attribution.tables.cooccurrence`. Only actors named in ``min_sentences``
    sentences or more, or given a voice, are drawn. networkx holds the graph; the
    layout is circular on sorted ids (deterministic, no random seed). Returns ``(fig,
    data)``: one row per node (``kind`` node) and per edge (``kind`` edge)."""
    keep, drawn = _network_data(nodes, edges, lex, min_sentences)
    graph = nx.Graph()
    graph.add_nodes_from(sorted(keep["actor_id"]))
    graph.add_weighted_edges_from(drawn[["source", "target", "sentences"]].itertuples(index=False, name=None))
    pos = nx.circular_layout(graph)
    fig, ax = plt.subplots(figsize=(11, 10))
    widths = [0.6 + 0.9 * graph[u][v]["weight"] for u, v in graph.edges()]
    nx.draw_networkx_edges(graph, pos, ax=ax, width=widths, edge_color="#9a9a9a", alpha=0.7)
    by_id = keep.set_index("actor_id")
    for actor in graph.nodes():
        x, y = pos[actor]
        row = by_id.loc[actor]
        ax.scatter([x], [y], s=180 + 90 * row["sentences"], color=SOURCE_TYPE_COLOURS[row["source_type"]],
                   edgecolors="black", linewidths=3.0 if row["speaks"] else 0.6, zorder=3)
        side = "left" if x > 0.2 else "right" if x < -0.2 else "center"
        ax.text(x * 1.1, y * 1.12, _label(actor, lex), ha=side, va="center", fontsize=8.5, zorder=4)
    ax.set_xlim(-1.65, 1.65)
    ax.set_ylim(-1.3, 1.3)
    ax.axis("off")
    _type_legend(fig, [k for k in SOURCE_TYPE_COLOURS if k in set(keep["source_type"])])
    fig.suptitle(title or "Actors named in the same sentence (thick ring: given a voice)", fontsize=11)
    data = pd.concat([keep.assign(kind="node").rename(columns={"actor_id": "source"}),
                      drawn.assign(kind="edge")], ignore_index=True)
    return fig, data[["kind", "source", "target", "sentences", "speaks", "source_type"]]
