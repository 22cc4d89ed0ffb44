"""Every view the notebooks and the report show: right-to-left tables, the KWIC
concordance, and printed lines, each keeping numbers, ranges and Latin words in their
own direction.

The trap. In a right-to-left table cell, the Unicode bidi algorithm reorders what is
not Arabic: ``-5.0`` shows as ``5.0-``, ``[1573-1580]`` reads backwards and a Latin
phrase takes the place of the Arabic around it. A stylesheet (``unicode-bidi:
plaintext``) fixes a trusted notebook only: JupyterLab strips ``<style>`` from the
outputs of a notebook it does not trust, which is every notebook of a fresh clone. So
the markup here relies on what survives its sanitizer, checked in a real browser
(``tests/browser/``):

* the ``dir`` attribute: the table is ``dir="rtl"``, every cell ``dir="auto"`` (a cell
  of numbers or Latin only is laid out left to right, a cell with Arabic right to left);
* Unicode isolates in the text itself: in a cell that holds Arabic, each run of numbers,
  ranges or Latin text is wrapped in LEFT-TO-RIGHT ISOLATE ... POP DIRECTIONAL ISOLATE
  (`rtl_text`), so it keeps its order wherever it stands; in a printed line (a
  left-to-right paragraph), each Arabic run is wrapped in RIGHT-TO-LEFT ISOLATE ... PDI
  (`ltr_text`), so a number after an Arabic word stays after it;
* an inline ``overflow-x:auto`` on a ``dir="rtl"`` block, which the sanitizer keeps: a
  wide table scrolls from its right edge to its left, instead of overflowing to the
  left where no scroll bar reaches.

The isolates are invisible and change no character of the data: the DataFrames keep
their values; only the displayed copy carries them. The HTML is built without pandas'
Styler, whose random element ids would make every re-execution differ.
"""

from __future__ import annotations

import html
import re

import pandas as pd
from IPython.display import HTML

__all__ = ["LRI", "RLI", "PDI", "LINE_BREAK_MARK", "rtl_text", "ltr_text", "rtl_table", "show_lines",
           "KwicHTML", "kwic_html"]

#: LEFT-TO-RIGHT ISOLATE, RIGHT-TO-LEFT ISOLATE, POP DIRECTIONAL ISOLATE.
LRI, RLI, PDI = "\u2066", "\u2067", "\u2069"
#: Shown where a cell's text has a line break.
LINE_BREAK_MARK = " ⏎ "

_ARABIC = "\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufefe"
_ARABIC_RE = re.compile(f"[{_ARABIC}]")
_LTR_START_RE = re.compile(r"[A-Za-z0-9\u00c0-\u024f]|[-+−\[(][0-9A-Za-z]")
_OPEN, _CLOSE = "([{", ")]}"
_STYLE = (
    "<style>.am-rtl th,.am-rtl td{text-align:right;vertical-align:top}"
    ".am-rtl td[dir=ltr],.am-rtl th[dir=ltr]{text-align:left}</style>"
)


def _ltr_end(text: str, start: int) -> int:
    """Where the left-to-right run starting at ``start`` ends: before the first Arabic
    letter that is not inside a bracket opened within the run, with trailing spaces
    and closing punctuation not part of the run left out."""
    depth, end, pos = 0, start, start
    while pos < len(text):
        char = text[pos]
        if char in _OPEN:
            depth += 1
        elif char in _CLOSE:
            if depth == 0:
                break
            depth -= 1
        elif depth == 0 and (_ARABIC_RE.match(char) or char in "\n،؛؟"):
            break
        pos += 1
        if not char.isspace() and char not in ",;:|·":
            end = pos
    return end


def rtl_text(text: str) -> str:
    """``text`` for a right-to-left context, its left-to-right runs isolated.

    When it holds an Arabic letter, each run of numbers, ranges or Latin text
    (``-5.0``, ``[1573-1580]``, ``AGAINST 2 (negated by رفضت)``) is wrapped in LRI ...
    PDI, so it keeps its order wherever it stands; other text is returned as it is.

    Parameters
    ----------
    text : str
        Logical-order text.

    Returns
    -------
    str
        The same characters, with isolates around each left-to-right run.
    """
    if not _ARABIC_RE.search(text):
        return text
    out, pos = [], 0
    while pos < len(text):
        match = _LTR_START_RE.search(text, pos)
        if match is None:
            out.append(text[pos:])
            break
        start = match.start()
        end = _ltr_end(text, start)
        out.append(text[pos:start] + LRI + text[start:end] + PDI)
        pos = end
    return "".join(out)


_ARABIC_RUN_RE = re.compile(f"[{_ARABIC}](?:[{_ARABIC}\\s\u0640\u200c\u200f.،؛]*[{_ARABIC}])?")


def ltr_text(text: str) -> str:
    """``text`` for a left-to-right context (a printed line), its Arabic runs isolated.

    Each Arabic run (words, the spaces and Arabic punctuation between them) is wrapped
    in RLI ... PDI, so a number or a Latin word after it keeps its place.

    Parameters
    ----------
    text : str
        Logical-order text.

    Returns
    -------
    str
        The same characters, with isolates around each Arabic run.
    """
    return _ARABIC_RUN_RE.sub(lambda m: RLI + m.group(0) + PDI, text)


def show_lines(*lines) -> None:
    """Print each of ``lines`` through `ltr_text`, one line each.

    A list among them (lists of lists too) gives its items in order.

    Parameters
    ----------
    *lines : str or (nested) list of str
        What to print.
    """
    for line in lines:
        if isinstance(line, str):
            print(ltr_text(line))
        else:
            show_lines(*line)


def _cell(value, tag: str) -> str:
    if isinstance(value, float) and pd.isna(value):
        text = ""
    elif value is None or value is pd.NA:
        text = ""
    else:
        text = str(value).replace("\r\n", "\n").replace("\n", LINE_BREAK_MARK)
    return f'<{tag} dir="auto">{html.escape(rtl_text(text))}</{tag}>'


def rtl_table(frame: pd.DataFrame, caption: str | None = None, index: bool = False,
              float_format: str = "{:.3f}") -> HTML:
    """``frame`` as an HTML table laid out right to left that reads right everywhere.

    The first column is on the right; each cell takes its direction from its own text
    (``dir="auto"``) and keeps its numbers, ranges and Latin runs in their order
    (`rtl_text`); line breaks inside a cell show as ``⏎``; a wide table scrolls. The
    markup survives JupyterLab's sanitizer (see the module's docstring) and has no ids or
    timestamps, so it is the same on every run.

    Parameters
    ----------
    frame : DataFrame
        The table; its values are shown as text (floats with ``float_format``).
    caption : str, optional
        Shown above the table (escaped).
    index : bool
        Show the index as the first column.
    float_format : str
        How a float is written.

    Returns
    -------
    IPython.display.HTML
        The table; the DataFrame's values are not changed (only the shown copy
        carries the isolates).
    """
    shown = frame.reset_index() if index else frame
    head = "".join(_cell(column, "th") for column in shown.columns)
    rows = []
    for values in shown.itertuples(index=False, name=None):
        cells = [float_format.format(v) if isinstance(v, float) and not pd.isna(v) else v for v in values]
        rows.append("<tr>" + "".join(_cell(v, "td") for v in cells) + "</tr>")
    title = f'<p dir="auto"><b>{html.escape(rtl_text(caption))}</b></p>' if caption else ""
    table = f'<table dir="rtl"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>'
    return HTML(f'{_STYLE}<div class="am-rtl" dir="rtl" lang="ar" style="overflow-x:auto">{title}{table}</div>')


class KwicHTML(str):
    """HTML text that JupyterLab renders as HTML (it has ``_repr_html_``).

    A `str`: the markup itself. Its plain-text view is short and stable
    (``<KWIC table, N lines>``), so a notebook's stored text output does not change
    with the lines' content.
    """

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
    HTML-escaped and its numbers and Latin runs isolated (`rtl_text`); the table sits in
    a block that scrolls when it is wide; the markup has no ids or timestamps.

    Parameters
    ----------
    lines : DataFrame
        `arabic_media.terms.concordance` output.
    caption : str, optional
        Shown above the table.

    Returns
    -------
    KwicHTML
        The markup, shown as a table in a notebook.
    """
    cell = "padding:2px 6px;white-space:nowrap;"
    several = "article_id" in lines.columns and lines["article_id"].nunique() > 1
    out = ['<div dir="rtl" style="overflow-x:auto"><table dir="rtl" lang="ar" '
           'style="border-collapse:collapse;font-size:110%">']
    if caption:
        out.append(f"<caption>{html.escape(rtl_text(caption))}</caption>")
    where = f'<th style="{cell}">article_id</th><th style="{cell}">الجملة</th>' if several else ""
    out.append(
        f'<thead><tr>{where}<th style="{cell}">السياق الأيمن (ما قبل)</th><th style="{cell}">الكلمة</th>'
        f'<th style="{cell}">السياق الأيسر (ما بعد)</th></tr></thead><tbody>'
    )
    for row in lines.itertuples(index=False):
        source = (
            f'<td style="{cell}" dir="ltr">{html.escape(str(row.article_id))}</td>'
            f'<td style="{cell}" dir="auto">{html.escape(str(row.sentence))}</td>'
            if several else ""
        )
        out.append(
            "<tr>" + source
            + f'<td style="{cell}text-align:left" dir="rtl">{html.escape(rtl_text(row.right))}</td>'
            f'<td style="{cell}text-align:center;font-weight:bold" dir="rtl">{html.escape(rtl_text(row.keyword))}</td>'
            f'<td style="{cell}text-align:right" dir="rtl">{html.escape(rtl_text(row.left))}</td>'
            "</tr>"
        )
    out.append("</tbody></table></div>")
    return KwicHTML("".join(out))
