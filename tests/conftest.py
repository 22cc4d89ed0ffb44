"""Shared fixtures: the study's corpus and article, and scratch corpora for bad-input tests.
Plain helpers are in ``tests/support.py``."""

from __future__ import annotations

import os

import pytest
from hypothesis import settings

from arabic_media.corpus import load_corpus
from tests.support import STUDY_ARTICLE, STUDY_TARGET, only_article, write_scratch_corpus

# CI (CI=true) runs the property tests derandomised, so a red run replays exactly;
# on a developer's machine they draw new examples each run, to keep exploring.
settings.register_profile("ci", derandomize=True, max_examples=300, deadline=None)
settings.register_profile("dev", max_examples=200, deadline=None)
settings.load_profile("ci" if os.environ.get("CI") else "dev")


@pytest.fixture(scope="session")
def study_corpus():
    """The project's own corpus, loaded once."""
    return load_corpus()


@pytest.fixture(scope="session")
def study_article(study_corpus):
    """The study's own article (`STUDY_ARTICLE`) alone, whatever else the corpus holds."""
    return only_article(study_corpus, STUDY_ARTICLE)


@pytest.fixture
def write_corpus():
    """The `write_scratch_corpus` function, for tests that build a bad corpus."""
    return write_scratch_corpus


@pytest.fixture(scope="session")
def study_labels(study_corpus):
    """The stance labels of the study's corpus toward the study's target."""
    from arabic_media import stance

    return stance.label_sentences(study_corpus, STUDY_TARGET).labels
