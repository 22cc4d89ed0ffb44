"""What a reader sees, checked in a real browser from the rendered glyph positions:
the notebooks opened untrusted in JupyterLab (as on a fresh clone), and the HTML report.
Signed numbers, ranges and Latin words inside Arabic text read left to right, printed
lines keep a number after its Arabic label, and a wide table scrolls instead of hiding
columns."""

from __future__ import annotations

import re
import time

import pytest

from arabic_media import paths
from tests.browser.reading_order import GLYPHS_JS, checked, misordered

NOTEBOOKS = sorted(p.name for p in paths.NOTEBOOKS_DIR.glob("[0-9][0-9]_*.ipynb"))

#: For every element that scrolls sideways: its content width, its box, and how far it
#: scrolls each way (an rtl block scrolls to negative scrollLeft).
SCROLL_JS = r"""
const out = [];
for (const table of document.querySelectorAll(arguments[0] + ' table')) {
  let box = table.parentElement;
  while (box && box !== document.body && !['auto', 'scroll'].includes(getComputedStyle(box).overflowX)) box = box.parentElement;
  const rect = table.getBoundingClientRect();
  if (!box || box === document.body) { out.push({table: rect.width, scroller: null}); continue; }
  const start = box.scrollLeft;
  box.scrollLeft = -1e6; const fullLeft = box.scrollLeft; const leftEdge = table.getBoundingClientRect().left;
  box.scrollLeft = 1e6; const rightEdge = table.getBoundingClientRect().right;
  box.scrollLeft = start;
  const b = box.getBoundingClientRect();
  out.push({table: rect.width, scroller: b.width, left: b.left, right: b.right, leftEdge: leftEdge, rightEdge: rightEdge});
}
return out;
"""


def _open_notebook(browser, jupyterlab, name: str) -> None:
    base, token, _ = jupyterlab
    browser.get(f"{base}/lab/tree/notebooks/{name}?token={token}&reset")
    deadline = time.time() + 90
    while time.time() < deadline:
        done = browser.execute_script(
            "const cells = document.querySelectorAll('.jp-Notebook .jp-Cell');"
            "return cells.length > 0 && document.querySelectorAll('.jp-OutputArea-output').length > 0;")
        if done:
            break
        time.sleep(0.5)
    time.sleep(2)  # let the outputs settle
    # JupyterLab renders cells lazily as they scroll into view: scroll through the notebook
    browser.execute_script("""
        const panel = document.querySelector('.jp-WindowedPanel-outer') || document.querySelector('.jp-Notebook');
        panel.style.height = 'auto';""")
    for _ in range(40):
        browser.execute_script("const p = document.querySelector('.jp-WindowedPanel-outer'); if (p) p.scrollTop += 2000;")
        time.sleep(0.1)


@pytest.fixture(scope="module")
def rendered(browser, jupyterlab):
    """Each notebook as JupyterLab draws it, untrusted: its glyph blocks, whether any
    output kept a ``<style>`` element, and its tables' scroll geometry."""
    seen = {}
    for name in NOTEBOOKS:
        _open_notebook(browser, jupyterlab, name)
        blocks = browser.execute_script(GLYPHS_JS, ".jp-Notebook")
        styles = browser.execute_script("return document.querySelectorAll('.jp-OutputArea-output style').length;")
        scroll = browser.execute_script(SCROLL_JS, ".jp-OutputArea-output")
        seen[name] = {"blocks": blocks, "styles": styles, "scroll": scroll}
    return seen


@pytest.mark.slow
@pytest.mark.parametrize("name", NOTEBOOKS)
def test_notebook_opens_untrusted_and_its_tables_and_lines_read_in_order(rendered, name):
    page = rendered[name]
    assert page["styles"] == 0, "an output kept its <style>: the notebook was trusted, the test proves nothing"
    problems = [p for block in page["blocks"] for p in misordered(block)]
    assert not problems, "\n".join(problems[:20])


@pytest.mark.slow
def test_the_notebooks_hold_numbers_and_ranges_to_check(rendered):
    """The checks above looked at something: signed numbers, ranges and Latin words."""
    assert sum(checked(page["blocks"]) for page in rendered.values()) > 300


@pytest.mark.slow
@pytest.mark.parametrize("name", NOTEBOOKS)
def test_a_wide_table_scrolls_to_both_edges(rendered, name):
    for table in rendered[name]["scroll"]:
        if table["scroller"] is None:
            continue
        assert table["leftEdge"] >= table["left"] - 2, table
        assert table["rightEdge"] <= table["right"] + 2, table


def test_the_check_fails_on_a_table_laid_out_without_isolates(browser, tmp_path):
    """The negative control: the same values in a right-to-left table, without the
    study's markup, are drawn out of order, and the check says so."""
    page = tmp_path / "raw.html"
    page.write_text('<!DOCTYPE html><html><body><table dir="rtl"><tr><td>الدرجة -5.0</td>'
                    '<td>التعاون [1573-1580] AGAINST 2 (negated by رفضت)</td></tr></table>'
                    '<pre>شركات: 16</pre></body></html>', encoding="utf-8")
    browser.get(page.as_uri())
    problems = [p for block in browser.execute_script(GLYPHS_JS, None) for p in misordered(block)]
    assert any("-5.0" in p for p in problems) and any("1573-1580" in p for p in problems)
    assert any("'16' drawn before" in p for p in problems)


@pytest.fixture(scope="module")
def report(browser, report_page):
    browser.get(report_page.as_uri())
    time.sleep(1)
    return {"blocks": browser.execute_script(GLYPHS_JS, "body"), "scroll": browser.execute_script(SCROLL_JS, "body"),
            "html": report_page.read_text(encoding="utf-8"), "folder": report_page.parent}


@pytest.mark.slow
def test_the_report_tables_and_lines_read_in_order(report):
    problems = [p for block in report["blocks"] for p in misordered(block)]
    assert not problems, "\n".join(problems[:20])
    assert checked(report["blocks"]) > 300
    for table in report["scroll"]:
        if table["scroller"] is not None:
            assert table["leftEdge"] >= table["left"] - 2 and table["rightEdge"] <= table["right"] + 2, table


@pytest.mark.slow
def test_the_report_needs_nothing_from_outside_and_every_figure_has_alt_text_and_its_data(report):
    html = report["html"]
    assert not re.search(r"""<(script|link|iframe)\b""", html)
    assert not re.search(r"""\b(src|href)=["'](https?:)?//""", html.split("<body>", 1)[0])
    assert not re.search(r"""<img[^>]+src=["'](https?:)?//""", html)
    assert not re.search(r"url\((['\"])?(https?:)?//", html)
    figures = re.findall(r'<figure><img src="figures/([a-z0-9-]+)\.png" alt="([^"]+)"', html)
    saved = {p.stem for p in paths.FIGURES_DIR.glob("*.png")}
    assert {name for name, _ in figures} == saved
    for name, alt in figures:
        assert len(alt) > 30, (name, alt)
        assert f'href="figures/{name}.csv"' in html and (report["folder"] / "figures" / f"{name}.csv").is_file()
    assert (report["folder"] / "fonts" / "Amiri-Regular.ttf").is_file()
