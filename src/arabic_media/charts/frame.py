"""What every figure carries around its plot: a title that fits the figure, and a source
line, as newsroom charts do.

A figure pasted into a report travels without the notebook: its title says what it
shows (and for which article), its source line what it draws on (the article and its
outlet, the reference corpus, the study's annotations). Both are laid out by
matplotlib's constrained layout (the title as the figure's ``suptitle``, the source as
its ``supxlabel``, left-aligned at the bottom), so neither overlaps the plot nor runs off
the page: long ones are wrapped at word boundaries to the figure's width, and each
Arabic line goes through `ar` on its own (a wrapped line is shaped by itself).
"""

from __future__ import annotations

import textwrap

from matplotlib.figure import Figure

from arabic_media.charts.arabic import ar

__all__ = ["article_name", "article_source", "frame_figure", "wrap_text"]

#: Points per character of running text, as a share of the font size (a wide average
#: over Latin and Arabic text in the study's fonts), used to wrap to the figure's width.
_CHAR_WIDTH = 0.55
SOURCE_SIZE = 7
#: Height of a line of text, as a share of its font size (Amiri's tall ascenders).
_LINE_HEIGHT = 1.6
SOURCE_COLOUR = "#555555"


def wrap_text(text: str, width_inches: float, fontsize: float) -> str:
    """``text`` wrapped at word boundaries to fit a width, each line through `ar`.

    Each line is shaped on its own: a wrapped Arabic line is passed to `ar` alone.

    Parameters
    ----------
    text : str
        Logical-order text (Arabic, Latin or both); existing line breaks are kept.
    width_inches : float
        The width to fit.
    fontsize : float
        The font size in points.

    Returns
    -------
    str
        What to hand to matplotlib: the lines (of at least 12 characters' width),
        joined by line breaks.
    """
    width = max(int(width_inches * 72 / (fontsize * _CHAR_WIDTH)), 12)
    lines = [line for part in text.split("\n") for line in (textwrap.wrap(part, width, break_long_words=False) or [""])]
    return "\n".join(ar(line) for line in lines)


def frame_figure(fig: Figure, *, title: str | None = None, source: str | None = None,
                 title_size: float = 11) -> None:
    """Give ``fig`` its title and its source line, both wrapped to the figure's width.

    The figure grows by the height they take, so the plot keeps its size.

    Parameters
    ----------
    fig : Figure
        A figure built under constrained layout (`study_style`).
    title : str, optional
        What the figure shows; drawn as the figure's title.
    source : str, optional
        What it draws on; drawn small and grey, left-aligned at the bottom, prefixed
        ``Source:`` unless it starts with it.
    title_size : float, default 11
        The title's font size.
    """
    width = fig.get_figwidth() * 0.96
    added = 0.0  # inches of text added above and below the plot
    if title:
        wrapped = wrap_text(title, width, title_size)
        fig.suptitle(wrapped, fontsize=title_size)
        added += (wrapped.count("\n") + 1) * title_size * _LINE_HEIGHT / 72
    if source:
        text = source if source.lower().startswith("source") else f"Source: {source}"
        wrapped = wrap_text(text, width, SOURCE_SIZE)
        fig.supxlabel(wrapped, x=0.01, ha="left", fontsize=SOURCE_SIZE, color=SOURCE_COLOUR)
        added += (wrapped.count("\n") + 1) * SOURCE_SIZE * _LINE_HEIGHT / 72
    # the plot keeps the height its builder gave it: the figure grows by the text added
    fig.set_figheight(fig.get_figheight() + added)


def article_source(article, *also: str) -> str:
    """A source line for a figure drawn from one article of the corpus.

    Parameters
    ----------
    article : mapping or namedtuple
        The article's row of ``Corpus.articles`` (``article_id``, ``outlet``,
        ``original_outlet``, ``published``).
    *also : str
        What else the figure draws on (the reference corpus, the study's annotations).

    Returns
    -------
    str
        ``"<outlet>, relaying <original outlet>, <date> (article <id>); <also>; ...;
        analysis: the arabic-media study"``: the relaying part only when the original
        outlet differs, ``undated`` without a date, ``unknown outlet`` without one.
    """
    get = article.get if hasattr(article, "get") else lambda key, default="": getattr(article, key, default)
    outlet, original = str(get("outlet", "") or ""), str(get("original_outlet", "") or "")
    date = str(get("published", "") or "") or "undated"
    who = f"{outlet}, relaying {original}" if original and original != outlet else outlet or "unknown outlet"
    parts = [f"{who}, {date} (article {get('article_id', '')})", *also, "analysis: the arabic-media study"]
    return "; ".join(parts)


def article_name(article) -> str:
    """How a figure's title names one article.

    Parameters
    ----------
    article : mapping or namedtuple
        The article's row of ``Corpus.articles``.

    Returns
    -------
    str
        ``the <outlet> report`` (``article <id>`` without an outlet), followed by
        ``relaying <original outlet>`` when it relays another outlet.
    """
    get = article.get if hasattr(article, "get") else lambda key, default="": getattr(article, key, default)
    outlet, original = str(get("outlet", "") or ""), str(get("original_outlet", "") or "")
    name = f"the {outlet} report" if outlet else f"article {get('article_id', '')}"
    return f"{name} relaying {original}" if original and original != outlet else name
