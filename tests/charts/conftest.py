"""Fixtures of the chart tests: every test starts from the study's rcParams and leaves no
figure open."""

from __future__ import annotations

import warnings

import matplotlib
import matplotlib.pyplot as plt
import pytest

from arabic_media import charts as plotting
from arabic_media.charts import FontFallbackWarning


@pytest.fixture(autouse=True)
def _study_style():
    """Each test starts from the study's rcParams and leaves no figure open."""
    with matplotlib.rc_context():
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", FontFallbackWarning)
            plotting.use_study_style()
        yield
    plt.close("all")
