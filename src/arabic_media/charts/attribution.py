"""Figures of who speaks: the relay chain, sources sentence by sentence, the actor network.

Each builder returns ``(fig, data)``; ``data`` is what `save_figure` writes as CSV.
All Arabic goes through `ar`; the network uses a fixed circular layout on sorted actor
ids, so a rebuild draws the same figure byte for byte.
"""

from __future__ import annotations

import math
import textwrap

import matplotlib.pyplot as plt
import networkx as nx
import pandas as pd
from matplotlib.patches import Patch

from arabic_media.attribution.sources import source_type
from arabic_media.attribution.tables import UNNAMED, network_view, relay_chain, sources_by_sentence
from arabic_media.charts.arabic import FALLBACK_FONT, ar, in_study_style
from arabic_media.charts.frame import frame_figure

__all__ = ["SOURCE_TYPE_COLOURS", "attribution_chain_figure", "sources_by_sentence_figure", "actor_network_figure"]

#: Okabe-Ito colours per source type (colour-blind safe); every figure also writes names.
SOURCE_TYPE_COLOURS = {
    "media": "#56B4E9", "government_or_military": "#009E73", "company": "#E69F00", "expert": "#CC79A7",
    "armed_group": "#D55E00", "unnamed": "#BBBBBB", "other": "#F0E442", "frame": "#DDDDDD",
}


def _english(name_en: str) -> str:
    """An English name without its bracketed gloss, wrapped on lines of at most 24
    characters (a longer word keeps a line of its own; no word is dropped)."""
    return "\n".join(textwrap.wrap(name_en.split(" (")[0], 24, break_long_words=False)) or name_en


def _label(actor_id: str, lex, *, english: bool = True) -> str:
    """An actor's Arabic name through `ar`, and its English name under it."""
    if actor_id in ("", UNNAMED):
        return "(unnamed)"
    row = lex.actors.loc[lex.actors["actor_id"] == actor_id].iloc[0]
    return ar(row["canonical_ar"]) + ("\n" + _english(row["name_en"]) if english else "")


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


@in_study_style
def attribution_chain_figure(attributions: pd.DataFrame, articles: pd.DataFrame, lex, *, title: str | None = None,
                             source: str | None = None):
    """Who relays whom, as layers: the publisher, the sources it cites, theirs...

    The publishing outlet (layer 0), the sources it cites (depth 1), the sources they
    cite (depth 2)... An arrow runs from relayer to source, labelled with the number
    of attributions. One panel per article.

    Parameters
    ----------
    attributions : DataFrame
        `find_attributions`' table.
    articles : DataFrame
        The corpus's articles (``outlet`` names the publisher).
    lex : AttributionLexicon
        For the actors' names and source types.
    title, source : str, optional
        The figure's title (default ``Who relays whom``) and source line
        (`frame_figure`).

    Returns
    -------
    fig : Figure
        The figure.
    data : DataFrame
        `arabic_media.attribution.relay_chain`: one row per article, relayer and
        source.

    Raises
    ------
    ValueError
        The articles have no attribution.
    """
    data = relay_chain(attributions, articles, lex)
    if data.empty:
        raise ValueError("no attribution to draw: the articles given have no attribution")
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
    frame_figure(fig, title=title or "Who relays whom", source=source)
    return fig, data


def _type_legend(fig, kinds: list[str]) -> None:
    if not kinds:  # nothing coloured by type (no attribution): no legend
        return
    # on the right: the title takes the top and the source line the bottom
    handles = [Patch(facecolor=SOURCE_TYPE_COLOURS[k], edgecolor="#666666", label=k.replace("_", " ")) for k in kinds]
    fig.legend(handles=handles, loc="outside right upper", ncol=1, fontsize=8, frameon=False, title="source type",
               title_fontsize=8)


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


@in_study_style
def sources_by_sentence_figure(attributions: pd.DataFrame, lex, *, title: str | None = None,
                               source: str | None = None):
    """Who speaks along the article: one row per attribution, one column per depth.

    Rows in text order (nested ones under their sentence, a sentence without one as a
    row saying so); a cell gives the source (Arabic, coloured by source type) and
    under it its English name and the cue as written. One panel per article.

    Parameters
    ----------
    attributions : DataFrame
        `find_attributions`' table.
    lex : AttributionLexicon
        For the actors' names and source types.
    title, source : str, optional
        The figure's title (default: a description of the grid) and source line
        (`frame_figure`).

    Returns
    -------
    fig : Figure
        The figure.
    data : DataFrame
        `arabic_media.attribution.sources_by_sentence`: one row per attribution and
        per silent sentence.

    Raises
    ------
    ValueError
        The table is empty.
    """
    data = sources_by_sentence(attributions, lex)
    if data.empty:
        raise ValueError("no sentence to draw: the attribution table is empty")
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
    frame_figure(fig, title=title or "Who speaks in each sentence: source and cue, by depth of attribution",
                 source=source)
    return fig, data


@in_study_style
def actor_network_figure(nodes: pd.DataFrame, edges: pd.DataFrame, lex, *, min_sentences: int = 2,
                         title: str | None = None, source: str | None = None):
    """Actors as nodes and their co-occurrence in a sentence as edges.

    Node size: sentences naming the actor; colour: source type; a thick black ring:
    given a voice. Edge width: sentences. networkx holds the graph; the layout is
    circular on sorted ids (deterministic, no random seed).

    Parameters
    ----------
    nodes, edges : DataFrame
        From `attribution.tables.cooccurrence`.
    lex : AttributionLexicon
        For the actors' names and source types.
    min_sentences : int, default 2
        Only actors named in this many sentences or more, or given a voice, are
        drawn.
    title, source : str, optional
        The figure's title (default: a description of the network) and source line
        (`frame_figure`).

    Returns
    -------
    fig : Figure
        The figure.
    data : DataFrame
        One row per node (``kind`` node) and per edge (``kind`` edge) drawn
        (`arabic_media.attribution.network_view`): ``kind, source, target,
        sentences, speaks, source_type``.

    Raises
    ------
    ValueError
        No actor is drawn.
    """
    keep, drawn = network_view(nodes, edges, lex, min_sentences)
    if keep.empty:
        raise ValueError(f"no actor to draw: none is named in {min_sentences} sentences or more, or given a voice")
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
        size = 180 + 90 * row["sentences"]
        ax.scatter([x], [y], s=size, color=SOURCE_TYPE_COLOURS[row["source_type"]],
                   edgecolors="black", linewidths=3.0 if row["speaks"] else 0.6, zorder=3)
        side = "left" if x > 0.2 else "right" if x < -0.2 else "center"
        # the label starts just outside the node, away from the centre: a large node
        # (the newspaper) does not cover its own name
        reach = math.sqrt(size / math.pi) + 6
        norm = math.hypot(x, y) or 1.0
        upright = "bottom" if y > 0.5 else "top" if y < -0.5 else "center"  # above the top nodes, below the bottom ones
        ax.annotate(_label(actor, lex), (x, y), xytext=(reach * x / norm, reach * y / norm), textcoords="offset points",
                    ha=side, va=upright, fontsize=8.5, zorder=4)
    ax.set_xlim(-1.65, 1.65)
    ax.set_ylim(-1.3, 1.3)
    ax.axis("off")
    _type_legend(fig, [k for k in SOURCE_TYPE_COLOURS if k in set(keep["source_type"])])
    frame_figure(fig, title=title or "Actors named in the same sentence (thick ring: given a voice)", source=source)
    data = pd.concat([keep.assign(kind="node").rename(columns={"actor_id": "source"}),
                      drawn.assign(kind="edge")], ignore_index=True)
    return fig, data[["kind", "source", "target", "sentences", "speaks", "source_type"]]
