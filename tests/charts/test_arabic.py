"""Arabic in figures (`arabic_media.charts.arabic`, `shaping_check`): proof that what the
study draws reads right.

The central tests render every label in ``STUDY_LABELS`` with matplotlib and with an
independent shaper (Pillow + libraqm) in the same font and size, crop both to their
ink, resize them to a common size and take the mean absolute pixel difference (0-255).
``ar(label)`` must match the reference; the string a wrong recipe produces must not,
which shows the comparison can fail.

Measured at 64 px per em, cropped and resized to 512 x 64 (notebook 00 prints the
figures for every study label; ``pytest -s`` prints them here):

* matplotlib 3.11 (shapes natively), Amiri: ``ar()`` 4.4-15.3; double-processed
  ``get_display(reshape(s))`` 39.9-58.9.
* matplotlib 3.10 (no shaping), Noto Sans Arabic: ``ar()`` (reshape + bidi)
  4.7-13.7; raw logical text 48.4-76.6.

The threshold, 25, sits between the two groups with a margin of about 10 on either
side. Run in both environments: ``.venv`` (3.11) and ``.venv-mpl310`` (3.10,
``requirements-mpl310.txt``).
"""

from __future__ import annotations

import os
import subprocess
import sys
import unicodedata
from pathlib import Path

import matplotlib
import pandas as pd
import pytest
from arabic_reshaper import reshape
from bidi import get_display
from fontTools.ttLib import TTFont
from hypothesis import given
from hypothesis import strategies as st
from matplotlib import font_manager

from arabic_media import charts as plotting
from arabic_media.charts import NATIVE_SHAPING, STUDY_FONT, STUDY_LABELS, FontFallbackWarning, ar
from arabic_media.charts.shaping_check import COMPARE_FONT, THRESHOLD, wrong_recipe
from tests.charts.helpers import LABEL_IDS, RAQM_AVAILABLE, TITLE, difference, font_file, needs_raqm, render_matplotlib, render_reference


def test_reference_shaper_is_there_when_ci_requires_it():
    # Without libraqm in Pillow the shaping proofs below skip. .ci/run sets
    # ARABIC_MEDIA_REQUIRE_SHAPER=1 so that a machine lacking it fails loudly
    # instead of passing with the central checks skipped.
    if os.environ.get("ARABIC_MEDIA_REQUIRE_SHAPER") == "1":
        assert RAQM_AVAILABLE, "Pillow has no raqm layout (libraqm/libfribidi missing): the shaping proofs cannot run"
    else:
        pytest.skip("ARABIC_MEDIA_REQUIRE_SHAPER is not set; the shaping proofs skip if raqm is missing")


@needs_raqm
@pytest.mark.parametrize("label", STUDY_LABELS, ids=LABEL_IDS)
def test_label_renders_like_the_reference_shaper(label):
    font = font_file(COMPARE_FONT)
    reference = render_reference(label, font)
    right = difference(render_matplotlib(ar(label), font), reference)
    assert right < THRESHOLD, (
        f"matplotlib {matplotlib.__version__} (native shaping: {NATIVE_SHAPING}), "
        f"{COMPARE_FONT}: ar({label!r}) differs from the reference by {right:.1f} "
        f">= {THRESHOLD}"
    )
    wrong_text = wrong_recipe(label)
    if wrong_text == ar(label):
        pytest.skip("the wrong recipe gives the same string here (no Arabic): nothing to tell apart")
    wrong = difference(render_matplotlib(wrong_text, font), reference)
    # A label that looks the same reversed (a single isolated letter, a
    # symmetric word) cannot show the comparison failing: if one is added to
    # STUDY_LABELS and lands here, keep it out of this negative check, saying so.
    assert wrong > THRESHOLD, (
        f"the wrong recipe for {label!r} differs from the reference by only {wrong:.1f} "
        f"<= {THRESHOLD}: the comparison does not tell right from wrong for it"
    )
    print(f"{COMPARE_FONT}: right {right:.1f} < {THRESHOLD} < wrong {wrong:.1f}  {label}")


FIGURE_LABEL_COLUMNS = {
    "term-frequency-top20": "display",
    "bigram-frequency-top15": "display",
    "term-dispersion": "display",
    "keyness-top20": "display",
    "frequency-vs-keyness": "display",
    "sources-by-sentence": ("source", "cue"),
}


def _figure_labels() -> list[tuple[str, str]]:

    from arabic_media.paths import FIGURES_DIR

    labels = []
    for figure, columns in FIGURE_LABEL_COLUMNS.items():
        data = pd.read_csv(FIGURES_DIR / f"{figure}.csv", encoding="utf-8-sig", keep_default_na=False)
        for column in (columns,) if isinstance(columns, str) else columns:
            labels += [(figure, value) for value in dict.fromkeys(data[column])
                       if any("\u0600" <= c <= "\u06ff" for c in value)]
    return labels


FIGURE_LABELS = _figure_labels()


@needs_raqm
@pytest.mark.parametrize(("figure", "label"), FIGURE_LABELS,
                         ids=[f"{figure}-{i:02d}" for i, (figure, _) in enumerate(FIGURE_LABELS)])
def test_figure_label_renders_like_the_reference_shaper(figure, label):
    font = font_file(COMPARE_FONT)
    reference = render_reference(label, font)
    right = difference(render_matplotlib(ar(label), font), reference)
    assert right < THRESHOLD, f"{figure}: ar({label!r}) differs from the reference by {right:.1f} >= {THRESHOLD}"
    wrong = difference(render_matplotlib(wrong_recipe(label), font), reference)
    assert wrong > THRESHOLD, f"{figure}: the wrong recipe for {label!r} is only {wrong:.1f} from the reference"


def test_figure_labels_were_found():
    # Guards the parametrisation above: an emptied or renamed CSV column must not
    # silently turn the label checks into zero tests.
    assert {figure for figure, _ in FIGURE_LABELS} == set(FIGURE_LABEL_COLUMNS)
    assert len(FIGURE_LABELS) >= 30


def test_study_font_covers_every_code_point_ar_emits():
    """Whatever ar() hands over (logical letters on 3.11, presentation forms on
    3.10) has a glyph in Amiri, so no label shows a missing-glyph box."""
    cmap = TTFont(font_file(STUDY_FONT), lazy=True).getBestCmap()
    missing = {
        f"U+{ord(ch):04X} {unicodedata.name(ch, '?')}"
        for label in STUDY_LABELS
        for ch in ar(label)
        if not ch.isspace() and ord(ch) not in cmap
    }
    assert not missing, f"{STUDY_FONT} lacks glyphs for {sorted(missing)}"


def test_mixed_title_keeps_latin_and_digits_in_reading_order():
    shown = ar(TITLE)
    assert "Le Figaro" in shown
    assert "20" in shown and "02" not in shown


def test_ar_follows_the_renderer():
    if NATIVE_SHAPING:
        assert ar(TITLE) == TITLE
    else:
        assert ar(TITLE) == get_display(reshape(TITLE)) != TITLE


def test_native_shaping_flag_matches_matplotlib_version():
    major, minor = (int(part) for part in matplotlib.__version__.split(".")[:2])
    assert NATIVE_SHAPING == ((major, minor) >= (3, 11))


@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 "))
def test_latin_text_passes_through_unchanged(text):
    assert ar(text) == text


@given(st.text())
def test_ar_returns_a_string_for_any_text(text):
    assert isinstance(ar(text), str)


def test_ar_rejects_non_strings():
    with pytest.raises(TypeError, match="int"):
        ar(20)


def test_use_study_style_registers_the_study_font_and_sets_the_style():
    found = font_manager.findfont(font_manager.FontProperties(family=STUDY_FONT),
                                  fallback_to_default=False)
    assert Path(found).name == "Amiri-Regular.ttf"
    assert matplotlib.rcParams["font.family"][:2] == [STUDY_FONT, "DejaVu Sans"]
    assert matplotlib.rcParams["svg.fonttype"] == "path"
    assert matplotlib.rcParams["pdf.fonttype"] == 42
    assert matplotlib.rcParams["svg.hashsalt"]


def test_importing_the_charts_changes_no_setting():
    code = ("import matplotlib; before = dict(matplotlib.rcParams); import arabic_media.charts; "
            "print(sorted(k for k, v in matplotlib.rcParams.items() if before.get(k) != v))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                            env={**os.environ, "MPLBACKEND": "Agg"})
    assert result.stdout.strip() == "[]"


def test_a_builder_draws_in_the_study_style_whatever_the_callers_settings():
    data = pd.DataFrame({"display": ["تنظيم", "شركات"], "count": [3, 2], "gloss_en": ["organisation", "companies"]})
    with matplotlib.rc_context({"font.family": ["serif"], "svg.fonttype": "none"}):
        fig, _ = plotting.term_bars_figure(data, title=TITLE)
        assert matplotlib.rcParams["font.family"] == ["serif"]  # the caller's settings are left as they were
    tick = fig.axes[0].get_yticklabels()[0]
    assert tick.get_fontfamily()[0] == STUDY_FONT


def _raise_not_installed(*args, **kwargs):
    import fontpkg

    raise fontpkg.FamilyNotInstalled("font family 'amiri' is not installed")


def test_missing_font_package_falls_back_to_dejavu_with_a_warning(monkeypatch):
    import fontpkg

    monkeypatch.setattr(fontpkg, "family", _raise_not_installed)
    with pytest.warns(FontFallbackWarning, match="falling back to DejaVu Sans"):
        used = plotting.use_study_style()
    assert used == "DejaVu Sans"
    assert matplotlib.rcParams["font.family"] == ["DejaVu Sans"]
    assert plotting.active_font() == "DejaVu Sans"


def test_missing_fontpkg_module_falls_back_too(monkeypatch):
    monkeypatch.setitem(sys.modules, "fontpkg", None)  # makes `import fontpkg` fail
    with pytest.warns(FontFallbackWarning, match="fontpkg"):
        assert plotting.use_study_style() == "DejaVu Sans"
