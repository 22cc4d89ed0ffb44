"""``docs/api.md`` is what ``scripts/write_api_docs.py`` writes from the code as it is."""

from __future__ import annotations

import difflib
import importlib.util
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "scripts" / "write_api_docs.py"
PAGE = ROOT / "docs" / "api.md"


@pytest.fixture(scope="module")
def script():
    spec = importlib.util.spec_from_file_location("write_api_docs", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def page(script):
    return script.api_page()


def test_the_api_page_is_up_to_date(page):
    built = page
    committed = PAGE.read_text(encoding="utf-8") if PAGE.is_file() else ""
    if built != committed:
        diff = "".join(list(difflib.unified_diff(committed.splitlines(True), built.splitlines(True),
                                                 "docs/api.md (committed)", "docs/api.md (from the code)"))[:60])
        raise AssertionError("docs/api.md does not match the code: run `make docs` (scripts/write_api_docs.py) "
                             f"and commit the page.\n{diff}")


def test_the_api_page_names_every_module_and_no_machine_path(script, page):
    for module_name in script.module_names():
        assert f"### `{module_name}`" in page
    assert not re.search(r"(?<![\w.])/(?:root|tmp|work|home|Users)/", page)
    assert str(ROOT) not in page
    # the sections run from text and corpus to the output
    order = [page.index(f"## {title}\n") for title, _ in script.SECTIONS]
    assert order == sorted(order)
    assert page.index("### `arabic_media.text`") < page.index("### `arabic_media.terms`") < page.index(
        "### `arabic_media.charts`")


def test_the_api_page_shows_signatures_and_summaries(page):
    assert "- `tokenize(text, start=0, end=None)`: Split ``text[start:end]`` into token spans" in page
    assert "- class `CliticGrouper(vocabulary, suffixes=True)`:" in page
    assert "  - `keys(words)`:" in page  # a public method, under its class
    assert "- from `arabic_media.clitics`: `CliticGrouper`, `MIN_STEM`" in page  # a re-export, named where it lives
