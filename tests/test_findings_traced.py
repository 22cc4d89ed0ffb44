"""Every number a reader is told is printed by an executed cell: the findings in each
notebook's opening, and the findings on the README's front page, which name the
notebook they come from. A number quoted and printed nowhere fails the test; so does an
opening that has grown past what a reader takes in at once."""

from __future__ import annotations

import html
import json
import re

import pytest

from arabic_media import paths
from arabic_media.report import opening_findings

NOTEBOOKS = sorted(paths.NOTEBOOKS_DIR.glob("[0-9][0-9]_*.ipynb"))
#: A number as a reader sees one: digits with thousands commas and a decimal part, not
#: part of a word (``G2``, ``عربي21``) or of a longer number (a version's third part).
NUMBER_RE = re.compile(r"(?<![\w.,])\d+(?:,\d{3})*(?:\.\d+)?")
#: The longest opening, in words (the study's habit: about 150).
OPENING_WORDS = 170


def _prose(markdown: str) -> str:
    """Markdown without what is not a claim: code spans, images, links' targets and the
    names of notebooks (``notebook 03``)."""
    text = re.sub(r"!\[[^\]]*\]\([^)]*\)", " ", markdown)
    text = re.sub(r"`[^`]*`", " ", text)
    text = re.sub(r"\]\([^)]*\)", "]", text)
    return re.sub(r"notebooks?\s+\d\d(?:\s*(?:,|and)\s*\d\d)*", " ", text)


def numbers(text: str) -> set[str]:
    """The numbers in ``text``, as written."""
    return set(NUMBER_RE.findall(text))


def printed(path) -> set[str]:
    """Every number the notebook's stored outputs show: printed text, results and HTML
    (tags and Unicode isolates removed)."""
    notebook = json.loads(path.read_text(encoding="utf-8"))
    parts = []
    for cell in notebook["cells"]:
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            parts += ["".join(output.get("text", "")), "".join(data.get("text/plain", ""))]
            parts.append(html.unescape(re.sub(r"<[^>]+>", " ", "".join(data.get("text/html", "")))))
    return numbers(re.sub("[\u2066-\u2069]", "", "\n".join(parts)))


def opening(path) -> str:
    return "".join(json.loads(path.read_text(encoding="utf-8"))["cells"][0]["source"])


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_every_number_in_an_opening_is_printed_by_a_cell(path):
    findings = opening_findings(opening(path))
    assert findings, f"{path.name}: the opening states no findings"
    quoted = numbers(_prose(" ".join(findings)))
    missing = sorted(quoted - printed(path))
    assert not missing, f"{path.name}: the opening quotes {missing}, printed by no cell"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_an_opening_is_short_and_leads_with_its_question(path):
    text = opening(path)
    assert "**Question.**" in text and "**Findings.**" in text
    assert len(text.split()) <= OPENING_WORDS, f"{path.name}: {len(text.split())} words"


def readme_findings() -> list[tuple[str, list[str]]]:
    """The README's findings: each bullet of its section ``## What it found`` with the
    notebooks it names (``notebook 03``)."""
    text = (paths.PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    section = re.search(r"^## What it found\n(.*?)(?=^## )", text, re.M | re.S)
    if section is None:
        return []
    bullets = re.split(r"^- ", section.group(1), flags=re.M)[1:]
    return [(bullet, re.findall(r"notebooks?\s+(\d\d)", bullet)) for bullet in bullets]


def test_every_number_in_the_readme_findings_is_printed_by_the_notebook_it_names():
    found = readme_findings()
    assert found, "README.md has no '## What it found' section of bullets"
    by_number = {p.stem[:2]: p for p in NOTEBOOKS}
    for bullet, cited in found:
        assert cited, f"a README finding names no notebook: {bullet[:80]!r}"
        shown = set().union(*(printed(by_number[n]) for n in cited))
        missing = sorted(numbers(_prose(bullet)) - shown)
        assert not missing, f"README finding {bullet[:60]!r} quotes {missing}, printed by no cell of notebook {cited}"


def test_the_check_fails_on_a_number_printed_nowhere(tmp_path):
    notebook = tmp_path / "99_example.ipynb"
    notebook.write_text(json.dumps({"cells": [
        {"cell_type": "markdown", "source": "**Question.** q\n\n**Findings.**\n- 14 sentences, kappa 0.193.\n"},
        {"cell_type": "code", "source": "", "outputs": [{"output_type": "stream", "text": "14 sentences, kappa 0.19"}]},
    ]}), encoding="utf-8")
    quoted = numbers(_prose(" ".join(opening_findings(opening(notebook)))))
    assert quoted - printed(notebook) == {"0.193"}
