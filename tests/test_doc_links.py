"""The Markdown pages a reader follows hold together: every relative link and image in
``README.md``, ``CONTRIBUTING.md``, ``CHANGELOG.md``, ``docs/*.md``, ``benchmarks/README.md``
and the corpus's pages points at a file that exists (and at a heading that exists, when it
names one in another page); the README stays a front page (at most 250 lines) and names no
issue number."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from arabic_media import paths

ROOT = paths.PROJECT_ROOT
README_MAX_LINES = 250

#: ``[text](target)`` and ``![alt](target)``; the target up to the first space or ``)``
#: (an optional ``"title"`` after it is left out).
LINK_RE = re.compile(r"!?\[(?:[^\[\]]|\[[^\]]*\])*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
FENCE_RE = re.compile(r"^(```|~~~).*?^\1", re.M | re.S)
CODE_SPAN_RE = re.compile(r"(`+)(?:(?!\1).)+?\1", re.S)
ISSUE_NUMBER_RE = re.compile(r"\bissues?\s*(?:no\.?\s*)?#?\d+", re.I)


def pages() -> list[Path]:
    found = [ROOT / "README.md", ROOT / "CONTRIBUTING.md", ROOT / "CHANGELOG.md",
             ROOT / "benchmarks" / "README.md", *sorted((ROOT / "docs").glob("*.md")),
             *sorted((ROOT / "corpus").glob("**/README.md")), ROOT / "corpus" / "RIGHTS.md"]
    return [page for page in found if page.is_file()]


def links(markdown: str) -> list[str]:
    """The link and image targets of ``markdown``, outside code blocks and code spans."""
    prose = CODE_SPAN_RE.sub(" ", FENCE_RE.sub(" ", markdown))
    return LINK_RE.findall(prose)


def slug(heading: str) -> str:
    """The anchor GitHub gives a heading: lower case, code marks and punctuation dropped,
    spaces as hyphens."""
    text = re.sub(r"[`*]", "", heading.strip().lower())
    text = re.sub(r"[^\w\- ]", "", text)
    return text.replace(" ", "-")


def anchors(page: Path) -> set[str]:
    text = FENCE_RE.sub(" ", page.read_text(encoding="utf-8"))
    return {slug(match) for match in re.findall(r"^#{1,6}\s+(.+?)\s*#*\s*$", text, re.M)}


def broken_links(page: Path) -> list[str]:
    """Each relative link of ``page`` whose file (or heading) does not exist."""
    broken = []
    for target in links(page.read_text(encoding="utf-8")):
        if re.match(r"^[a-z][a-z0-9+.-]*:", target, re.I) or target.startswith("#"):
            continue  # http(s), mailto and the like; an anchor in the page itself
        path_part, _, anchor = target.partition("#")
        resolved = (page.parent / path_part).resolve()
        if not resolved.exists():
            broken.append(f"{target} (no such file)")
        elif anchor and resolved.suffix == ".md" and anchor not in anchors(resolved):
            broken.append(f"{target} (no such heading)")
    return broken


@pytest.mark.parametrize("page", pages(), ids=[str(p.relative_to(ROOT)) for p in pages()])
def test_every_relative_link_resolves(page):
    assert broken_links(page) == [], f"{page.relative_to(ROOT)}: broken links"


def test_the_pages_were_found_and_hold_links():
    found = {str(p.relative_to(ROOT)) for p in pages()}
    assert {"README.md", "CONTRIBUTING.md", "CHANGELOG.md", "benchmarks/README.md",
            "docs/README.md", "corpus/README.md"} <= found
    assert len(links((ROOT / "README.md").read_text(encoding="utf-8"))) >= 10


def test_the_readme_is_a_front_page():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    assert len(text.splitlines()) <= README_MAX_LINES
    assert ISSUE_NUMBER_RE.findall(text) == []


def test_the_checks_find_a_broken_link_and_an_issue_number(tmp_path):
    (tmp_path / "there.md").write_text("# A heading\n", encoding="utf-8")
    page = tmp_path / "page.md"
    page.write_text("[ok](there.md#a-heading) [gone](missing.md) ![img](figures/none.png)\n"
                    "[bad anchor](there.md#elsewhere) [web](https://example.org/x) [self](#top)\n"
                    "`[code](not-a-link.md)`\n\n```\n[fenced](nor-this.md)\n```\n", encoding="utf-8")
    assert broken_links(page) == ["missing.md (no such file)", "figures/none.png (no such file)",
                                  "there.md#elsewhere (no such heading)"]
    word = "iss" + "ue"  # spelt in two so that this file holds no number of the kind it forbids
    assert ISSUE_NUMBER_RE.findall(f"as {word} 12 asked; see {word} #3") == [f"{word} 12", f"{word} #3"]
