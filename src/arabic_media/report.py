"""The study as one page for a reader who does not use Jupyter: ``report/index.html``,
built from the executed notebooks (``make report``).

What the page holds, in order: the findings of every notebook (the bullets of its
opening), a table of contents, then each notebook's narrative, tables and figures, its
code folded away under "Show the code". Each figure is the 300 dpi PNG that
`arabic_media.charts.save_figure` wrote, shown with alt text (the sentence that
introduces it in the notebook, which says what it shows) and a link to its CSV; the
tables are the notebooks' own right-to-left tables (`arabic_media.display`).

Self-contained: no script, font or style from outside. The figures and their CSVs are
copied beside the page (``report/figures/``) and the study's Arabic font, Amiri, into
``report/fonts/``, so the browser shapes the Arabic itself, right to left, in the font
the figures use. A print stylesheet keeps figures and tables whole on a page. The page
is the same bytes for the same notebooks: no date, no machine path, no random id.
"""

from __future__ import annotations

import html
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

__all__ = ["NotebookPart", "read_notebooks", "opening_findings", "build_report"]

#: The marker of the findings in a notebook's opening cell.
FINDINGS = "**Findings.**"
_SAVED_RE = re.compile(r"save_figure\(\s*fig\s*,\s*\"([a-z0-9-]+)\"")
_CSS = """
@font-face { font-family: "Amiri"; src: url("fonts/Amiri-Regular.ttf") format("truetype"); }
@font-face { font-family: "Amiri"; font-weight: bold; src: url("fonts/Amiri-Bold.ttf") format("truetype"); }
body { font-family: "Amiri", "DejaVu Serif", serif; font-size: 17px; line-height: 1.55; max-width: 60em;
       margin: 2em auto; padding: 0 1em; color: #222; }
h1, h2, h3 { line-height: 1.25; }
code { font-family: "DejaVu Sans Mono", monospace; font-size: 85%; background: #f4f4f4; padding: 0 .2em;
       unicode-bidi: isolate; }
:lang(ar), [dir=rtl] { font-family: "Amiri", serif; }
nav ol { columns: 2; }
figure { margin: 1.5em 0; }
img { max-width: 100%; height: auto; }
figure img { border: 1px solid #ddd; }
figcaption { font-size: 90%; color: #444; }
pre.output { white-space: pre-wrap; background: #fafafa; border-left: 3px solid #ddd; padding: .4em .8em;
             unicode-bidi: plaintext; }
details.code { margin: .3em 0 .8em; font-size: 85%; color: #555; }
details.code pre { background: #f6f6f6; padding: .5em; overflow-x: auto; }
.am-rtl table, table { border-collapse: collapse; font-size: 90%; margin: .5em 0; }
th, td { border-bottom: 1px solid #e4e4e4; padding: .2em .5em; vertical-align: top; }
.am-rtl th, .am-rtl td { text-align: right; }
.am-rtl td[dir=ltr], .am-rtl th[dir=ltr] { text-align: left; }
section.notebook { border-top: 2px solid #ccc; margin-top: 3em; }
@media print {
  body { max-width: none; font-size: 11pt; }
  nav, details.code { display: none; }
  figure, table, pre.output { break-inside: avoid; page-break-inside: avoid; }
  h1, h2, h3 { break-after: avoid; page-break-after: avoid; }
  section.notebook { break-before: page; page-break-before: always; }
  a { color: inherit; text-decoration: none; }
}
"""


@dataclass
class NotebookPart:
    """One notebook as the report shows it.

    Attributes
    ----------
    stem : str
        The notebook's file stem.
    title : str
        The opening's first heading.
    findings : list of str
        The opening's finding bullets, as Markdown.
    cells : list
        The notebook's cells.
    """

    stem: str
    title: str
    findings: list[str]
    cells: list


def opening_findings(opening: str) -> list[str]:
    """The finding bullets of a notebook's opening cell.

    The ``- `` lines after ``**Findings.**``, a bullet's continuation lines joined to it.

    Parameters
    ----------
    opening : str
        The Markdown source of the notebook's first cell.

    Returns
    -------
    list of str
        One Markdown string per finding; empty when the opening has none.
    """
    if FINDINGS not in opening:
        return []
    bullets: list[str] = []
    for line in opening.split(FINDINGS, 1)[1].splitlines():
        if line.startswith("- "):
            bullets.append(line[2:].strip())
        elif line.startswith("  ") and bullets:
            bullets[-1] += " " + line.strip()
        elif bullets and not line.strip():
            break
    return bullets


def read_notebooks(folder: Path) -> list[NotebookPart]:
    """The numbered notebooks of ``folder`` (``NN_*.ipynb``), in order.

    Parameters
    ----------
    folder : Path

    Returns
    -------
    list of NotebookPart
    """
    import nbformat

    parts = []
    for path in sorted(folder.glob("[0-9][0-9]_*.ipynb")):
        notebook = nbformat.read(path, as_version=4)
        opening = notebook.cells[0].source if notebook.cells and notebook.cells[0].cell_type == "markdown" else ""
        heading = next((line.lstrip("# ").strip() for line in opening.splitlines() if line.startswith("#")), path.stem)
        parts.append(NotebookPart(path.stem, heading, opening_findings(opening), list(notebook.cells)))
    return parts


def _markdown(source: str) -> str:
    import mistune

    rendered = mistune.html(source)
    return rendered.replace('src="../figures/', 'src="figures/')


def _plain(source: str) -> str:
    """Markdown as plain text, for an alt text."""
    text = re.sub(r"!\[[^\]]*\]\([^)]*\)", "", source)
    text = re.sub(r"[`*#]", "", text)
    return " ".join(text.split())


def _figure(name: str, alt: str) -> str:
    return (f'<figure><img src="figures/{name}.png" alt="{html.escape(alt)}" loading="lazy">'
            f'<figcaption>{html.escape(alt)} Figure <code>{name}</code>: '
            f'<a href="figures/{name}.png">PNG</a>, <a href="figures/{name}.svg">SVG</a>, '
            f'<a href="figures/{name}.pdf">PDF</a>, <a href="figures/{name}.csv">the data drawn (CSV)</a>.'
            "</figcaption></figure>")


def _outputs(cell, alt: str) -> str:
    """A code cell's outputs for the reader: HTML tables as they are, printed text in a
    block, and in place of an inline plot the figure the cell saved (if any)."""
    saved = _SAVED_RE.findall(cell.source)
    out = []
    for output in cell.get("outputs", []):
        kind = output.get("output_type")
        if kind == "stream":
            out.append(f'<pre class="output" dir="auto">{html.escape("".join(output["text"]).rstrip())}</pre>')
            continue
        data = output.get("data", {})
        if "image/png" in data:
            if saved:
                out.append(_figure(saved[0], alt))
            continue
        if "text/html" in data:
            out.append("".join(data["text/html"]))
        elif "text/plain" in data and kind == "execute_result":
            out.append(f'<pre class="output" dir="auto">{html.escape("".join(data["text/plain"]))}</pre>')
    if saved and not any("image/png" in o.get("data", {}) for o in cell.get("outputs", [])):
        out.append(_figure(saved[0], alt))
    return "\n".join(out)


def _section(part: NotebookPart) -> str:
    body, previous = [], ""
    for index, cell in enumerate(part.cells):
        if cell.cell_type == "markdown":
            if index == 0:
                text = cell.source.split("\n", 1)[1] if cell.source.startswith("#") else cell.source
                body.append(_markdown(text))
            else:
                body.append(_markdown(cell.source))
            previous = _plain(cell.source)
        elif cell.cell_type == "code":
            body.append(f'<details class="code"><summary>Show the code</summary><pre><code>'
                        f'{html.escape(cell.source)}</code></pre></details>')
            body.append(_outputs(cell, previous))
    return (f'<section class="notebook" id="{part.stem}"><h1>{html.escape(part.title)}</h1>'
            f'<p class="source-note">Notebook <code>notebooks/{part.stem}.ipynb</code>.</p>' + "\n".join(body) + "</section>")


def build_report(notebooks: Path, figures: Path, out: Path, *, title: str, font_files: list[Path]) -> Path:
    """Write the report page and what it links to into ``out``.

    Parameters
    ----------
    notebooks : Path
        The folder of the executed notebooks.
    figures : Path
        The folder of the saved figures (PNG, SVG, PDF and CSV of each).
    out : Path
        The report's folder (made if needed; its ``figures/`` and ``fonts/`` replaced).
    title : str
        The page's title.
    font_files : list of Path
        The study font's files to copy into ``out/fonts/`` (by their file names).

    Returns
    -------
    Path
        ``out/index.html``.
    """
    from arabic_media.files import replacing

    parts = read_notebooks(notebooks)
    out.mkdir(parents=True, exist_ok=True)
    for folder in ("figures", "fonts"):
        shutil.rmtree(out / folder, ignore_errors=True)
        (out / folder).mkdir()
    for path in sorted(figures.iterdir()):
        if path.suffix in (".png", ".svg", ".pdf", ".csv"):
            shutil.copyfile(path, out / "figures" / path.name)
    for path in font_files:
        shutil.copyfile(path, out / "fonts" / path.name)
    findings = "".join(
        f'<h3><a href="#{p.stem}">{html.escape(p.title)}</a></h3><ul>'
        + "".join(f"<li>{_markdown(f).strip().removeprefix('<p>').removesuffix('</p>')}</li>" for f in p.findings)
        + "</ul>" for p in parts if p.findings)
    contents = "".join(f'<li><a href="#{p.stem}">{html.escape(p.title)}</a></li>' for p in parts)
    page = (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{html.escape(title)}</title><style>{_CSS}</style></head><body>"
        f"<header><h1>{html.escape(title)}</h1></header>"
        f'<section id="findings"><h2>Findings</h2>{findings}</section>'
        f'<nav><h2>Contents</h2><ol><li><a href="#findings">Findings</a></li>{contents}</ol></nav>'
        + "\n".join(_section(p) for p in parts) + "</body></html>\n"
    )
    index = out / "index.html"
    with replacing(index) as partial:
        partial.write_text(page, encoding="utf-8")
    return index
