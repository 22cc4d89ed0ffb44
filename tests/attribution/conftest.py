"""Fixtures of the attribution tests."""

from __future__ import annotations

import pytest

from arabic_media.attribution import load_attribution_lexicon



@pytest.fixture(scope="module")
def lex():
    return load_attribution_lexicon()
