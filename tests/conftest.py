"""Shared fixtures: the study's corpus, and scratch corpora for bad-input tests."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest
from hypothesis import settings

from arabic_media.corpus import MANIFEST_COLUMNS, load_corpus, write_manifest

# CI (CI=true) runs the property tests derandomised, so a red run replays exactly;
# on a developer's machine they draw new examples each run, to keep exploring.
settings.register_profile("ci", derandomize=True, max_examples=300, deadline=None)
settings.register_profile("dev", max_examples=200, deadline=None)
settings.load_profile("ci" if os.environ.get("CI") else "dev")


@pytest.fixture(scope="session")
def study_corpus():
    """The project's own corpus, loaded once."""
    return load_corpus()


@pytest.fixture
def write_corpus():
    """The `write_scratch_corpus` function, for tests that build a bad corpus."""
    return write_scratch_corpus


def write_scratch_corpus(folder: Path, articles: dict[str, bytes], rows: list[dict] | None = None) -> Path:
    """Write a scratch corpus: article files and a manifest whose sha256s match.

    ``articles`` maps a file name to its bytes; ``rows`` (optional) overrides manifest
    cells per article, in the same order.
    """
    folder.mkdir(parents=True, exist_ok=True)
    manifest_rows = []
    for number, (name, data) in enumerate(articles.items()):
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        row = {c: "" for c in MANIFEST_COLUMNS}
        row.update(article_id=f"a{number}", file=name, sha256=hashlib.sha256(data).hexdigest())
        if rows:
            row.update(rows[number])
        manifest_rows.append(row)
    write_manifest(folder / "manifest.csv", manifest_rows)
    return folder
