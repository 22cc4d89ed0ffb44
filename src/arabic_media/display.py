"""Every HTML view the notebooks show: right-to-left tables and the KWIC concordance.

pandas renders every table left-to-right, so an Arabic sentence sits against the wrong
edge and its punctuation drifts to the wrong end. `rtl_table` wraps a frame's HTML in a
``dir="rtl"`` block. The HTML is built without pandas' Styler, whose random element ids
would make every re-execution differ (and break nbval and a clean ``git status``).
"""

from __future__ import annotations

import html

import pandas as pd
from IPython.display import HTML

__all__ = ["rtl_table", "KwicHTML", "kwic_html"]

_STYLE = (
    "<style>.am-rtl table{direction:rtl} .am-rtl th,.am-rtl td{text-align:right;"
    "unicode-bidi:plaintext;vertical-align:top}</style>"
)


#: Shown where a cell's text has a line break.
LINE_BREAK_MARK = " ⏎ "


def _show_breaks(value):
    if isinstance(value, str):
        return value.replace("\r\n", "\n").replace("\n", LINE_BREAK_MARK)
    return value


def rtl_table(frame: pd.DataFrame, caption: str | None = None, index: bool = False) -> HTML:
    """Return ``frame`` as an HTML table laid out right-to-left (first column on the
    right), with each cell's text direction taken from its own content, so Latin and
    numbers in it still read correctly. Line breaks inside a cell are shown as ``⏎``.
    ``caption`` is escaped."""
    # pandas writes a line break inside a cell as a literal "\n"; show the article's
    # hard wraps as a visible mark instead (display only: the data keeps the newline).
    shown = frame.apply(lambda column: column.map(_show_breaks) if column.dtype == object or pd.api.types.is_string_dtype(column) else column)
    body = shown.to_html(index=index, escape=True, border=0)
    head = f"<p><b>{html.escape(caption)}</b></p>" if caption else ""
    return HTML(f'{_STYLE}<div class="am-rtl" dir="rtl" lang="ar">{head}{body}</div>')


class KwicHTML(str):
    """HTML text that JupyterLab renders as HTML (it has ``_repr_html_``)."""

    def _repr_html_(self) -> str:
        return str(self)

    def _repr_pretty_(self, printer, cycle) -> None:  # plain-text view: short, stable
        printer.text(f"<KWIC table, {self.count('<tr>') - 1} lines>")


def kwic_html(lines: pd.DataFrame, *, caption: str | None = None) -> KwicHTML:
    """Render `concordance` lines as a right-to-left HTML table.

    The table has ``dir="rtl"`` and ``lang="ar"``, so its first cell is the rightmost:
    cells are written in reading order (right context, keyword, left context). The right
    context is aligned towards the keyword (``text-align: left``), the left context too
    (``text-align: right``), so the keywords form one column down the middle. When the
    lines come from more than one article, each line starts (on the right) with its
    ``article_id`` and sentence number, so no line is read without its article. Text is
    HTML-escaped; the markup has no ids or timestamps, so it is the same on every run.
    """
    cell = "padding:2px 6px;white-space:nowrap;"
    several = "article_id" in lines.columns and lines["article_id"].nunique() > 1
    out = ['<table dir="rtl" lang="ar" style="border-collapse:collapse;font-size:110%">']
    if caption:
        out.append(f"<caption>{html.escape(caption)}</caption>")
    where = f'<th style="{cell}">article_id</th><th style="{cell}">الجملة</th>' if several else ""
    out.append(
        f'<thead><tr>{where}<th style="{cell}">السياق الأيمن (ما قبل)</th><th style="{cell}">الكلمة</th>'
        f'<th style="{cell}">السياق الأيسر (ما بعد)</th></tr></thead><tbody>'
    )
    for row in lines.itertuples(index=False):
        source = (
            f'<td style="{cell}" dir="ltr">{html.escape(str(row.article_id))}</td>'
            f'<td style="{cell}">{html.escape(str(row.sentence))}</td>'
            if several else ""
        )
        out.append(
            "<tr>" + source
            + f'<td style="{cell}text-align:left">{html.escape(row.right)}</td>'
            f'<td style="{cell}text-align:center;font-weight:bold">{html.escape(row.keyword)}</td>'
            f'<td style="{cell}text-align:right">{html.escape(row.left)}</td>'
            "</tr>"
        )
    out.append("</tbody></table>")
    return KwicHTML("".join(out))
