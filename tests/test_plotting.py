"""Arabic in figures: proof that what the study draws reads right.

The central tests render every label in ``STUDY_LABELS`` with matplotlib and
with an independent shaper (Pillow + libraqm) in the same font and size, crop
both to their ink, resize them to a common size and take the mean absolute
pixel difference (0-255). ``ar(label)`` must match the reference; the string a
wrong recipe produces must not, which shows the comparison can fail.

Measured at 64 px per em, cropped and resized to 512 x 64 (notebook 00 prints the
figures for every study label; ``pytest -s`` prints them here):

* matplotlib 3.11 (shapes natively), Amiri: ``ar()`` 4.4-15.3; double-processed
  ``get_display(reshape(s))`` 39.9-58.9.
* matplotlib 3.10 (no shaping), Noto Sans Arabic: ``ar()`` (reshape + bidi)
  4.7-13.7; raw logical text 48.4-76.6.

The threshold, 25, sits between the two groups with a margin of about 10 on
either side. Run the suite in both environments: ``.venv`` (3.11) and
``.venv-mpl310`` (3.10, ``requirements-mpl310.txt``).
"""

from __future__ import annotations

import os
import subprocess
import sys
import unicodedata
import warnings
from pathlib import Path

import matplotlib
import matplotlib.pyplot as plt
import pandas as pd
import pytest
from arabic_reshaper import reshape
from bidi import get_display
from fontTools.ttLib import TTFont
from hypothesis import given
from hypothesis import strategies as st
from matplotlib import font_manager

from arabic_media import charts as plotting
from arabic_media.charts import save as chart_save
from arabic_media.charts import (
    FIGURE_DPI,
    NATIVE_SHAPING,
    STUDY_FONT,
    STUDY_LABELS,
    FontFallbackWarning,
    ar,
    save_figure,
)
from arabic_media.charts.shaping_check import COMPARE_FONT, THRESHOLD, wrong_recipe
from tests.plotting_helpers import (
    RAQM_AVAILABLE,
    difference,
    font_file,
    pdf_fonts,
    render_matplotlib,
    render_pdf_page,
    render_reference,
)


#: PDF page (rasterised by pdfium at 300 dpi) against the PNG of the same whole
#: figure, both at half size, uncropped: a check that the same things sit in the
#: same places. Measured 1.35 (3.11) and 0.81 (3.10). It cannot tell reversed
#: text from right text (the same page against the wrong-recipe PNG: 2.88 on
#: 3.11, reversed words cover the same area), which is why
#: test_pdf_text_matches_png_text compares the text itself.
PDF_PAGE_THRESHOLD = 3.0

#: ASCII test ids (pytest would escape the Arabic): label00, label01, ...
LABEL_IDS = [f"label{i:02d}" for i in range(len(STUDY_LABELS))]

TITLE = "أكثر 20 كلمة تكرارا في تقرير Le Figaro"


needs_raqm = pytest.mark.skipif(
    not RAQM_AVAILABLE,
    reason="Pillow was built without libraqm, so there is no independent reference shaper",
)


def test_reference_shaper_is_there_when_ci_requires_it():
    # Without libraqm in Pillow the shaping proofs below skip. .ci/run sets
    # ARABIC_MEDIA_REQUIRE_SHAPER=1 so that a machine lacking it fails loudly
    # instead of passing with the central checks skipped.
    if os.environ.get("ARABIC_MEDIA_REQUIRE_SHAPER") == "1":
        assert RAQM_AVAILABLE, "Pillow has no raqm layout (libraqm/libfribidi missing): the shaping proofs cannot run"
    else:
        pytest.skip("ARABIC_MEDIA_REQUIRE_SHAPER is not set; the shaping proofs skip if raqm is missing")


@pytest.fixture(autouse=True)
def _study_style():
    """Each test starts from the study's rcParams and leaves no figure open."""
    with matplotlib.rc_context():
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", FontFallbackWarning)
            plotting.use_study_style()
        yield
    plt.close("all")


# --------------------------------------------------------------------------- ar()


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


#: Figures whose labels come from data: the CSV column holding the Arabic each one
#: draws as a tick label. The committed CSVs are read, so every label a report shows
#: is checked, not a hand-picked sample (the stance strip's cue lines are checked in
#: test_stance.py, line by line, as the strip wraps them).
FIGURE_LABEL_COLUMNS = {
    "term-frequency-top20": "display",
    "bigram-frequency-top15": "display",
    "term-dispersion": "display",
    "keyness-top20": "display",
    "frequency-vs-keyness": "display",
    "sources-by-sentence": ("source", "cue"),
}


def _figure_labels() -> list[tuple[str, str]]:
    import pandas as pd

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


# ---------------------------------------------------------------- font and style


def test_import_registers_the_study_font_and_style():
    found = font_manager.findfont(font_manager.FontProperties(family=STUDY_FONT),
                                  fallback_to_default=False)
    assert Path(found).name == "Amiri-Regular.ttf"
    assert matplotlib.rcParams["font.family"][:2] == [STUDY_FONT, "DejaVu Sans"]
    assert matplotlib.rcParams["svg.fonttype"] == "path"
    assert matplotlib.rcParams["pdf.fonttype"] == 42
    assert matplotlib.rcParams["svg.hashsalt"]


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


# ------------------------------------------------------------------ save_figure


def _bar_figure(text=ar):
    """A bar chart of five study labels; ``text`` prepares each string for matplotlib."""
    labels = list(STUDY_LABELS[1:6])
    data = pd.DataFrame({"label": labels, "count": [50, 41, 33, 20, 7]})
    fig, ax = plt.subplots(figsize=(6, 4))
    ax.barh(range(len(labels)), data["count"], color="#4c72b0")
    ax.set_yticks(range(len(labels)), [text(label) for label in labels])
    ax.invert_yaxis()
    ax.set_title(text(TITLE))
    ax.set_xlabel(text("عدد المرات"))
    return fig, data


def _blank_figure():
    """A 1-inch figure with nothing drawn, and a one-row table: for the checks of names
    and directories, where what the figure shows plays no part. (Saving `_bar_figure`
    takes about a second, most of it subsetting Amiri into the PDF.)"""
    return plt.figure(figsize=(1, 1)), pd.DataFrame({"label": ["x"], "count": [1]})


@pytest.fixture(scope="module")
def saved_bar_figure(tmp_path_factory):
    """`_bar_figure` written once by `save_figure`, in the study's style, for the tests
    that only read what was written: ``(fig, layout engine before the save, data,
    written)``."""
    with matplotlib.rc_context():
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", FontFallbackWarning)
            plotting.use_study_style()
        fig, data = _bar_figure()
        engine = fig.get_layout_engine()
        written = save_figure(fig, "term-frequency-top5", data, directory=tmp_path_factory.mktemp("bar-figure"))
        plt.close(fig)
    return fig, engine, data, written


def test_barh_helper_draws_labels_through_ar():
    labels = list(STUDY_LABELS[1:4])
    fig, ax = plt.subplots()
    plotting.barh(ax, labels, [3, 2, 1], title=TITLE, xlabel="عدد المرات")
    fig.canvas.draw()
    assert [t.get_text() for t in ax.get_yticklabels()] == [ar(label) for label in labels]
    assert ax.get_title() == ar(TITLE)
    assert ax.get_xlabel() == ar("عدد المرات")
    assert ax.get_ylim()[0] > ax.get_ylim()[1]  # first label at the top
    with pytest.raises(ValueError, match="3 labels for 2 values"):
        plotting.barh(ax, labels, [1, 2])


def test_save_figure_writes_four_files(saved_bar_figure):
    fig, engine, _, written = saved_bar_figure
    assert fig.get_layout_engine() is engine  # the layout engine is given back
    assert list(written) == ["png", "svg", "pdf", "csv"]
    assert [p.name for p in written.values()] == [
        f"term-frequency-top5.{ext}" for ext in ("png", "svg", "pdf", "csv")
    ]
    assert written["png"].read_bytes().startswith(b"\x89PNG")
    assert written["pdf"].read_bytes().startswith(b"%PDF")
    svg = written["svg"].read_text(encoding="utf-8")
    assert "<text" not in svg  # text drawn as paths
    from PIL import Image

    with Image.open(written["png"]) as png:
        assert png.size == (6 * FIGURE_DPI, 4 * FIGURE_DPI)


def test_save_figure_is_deterministic(tmp_path):
    fig, data = _bar_figure()
    first = save_figure(fig, "same-figure", data, directory=tmp_path / "a")
    second = save_figure(fig, "same-figure", data, directory=tmp_path / "b")
    for fmt in first:
        assert first[fmt].read_bytes() == second[fmt].read_bytes(), fmt


def test_saved_files_carry_no_date(saved_bar_figure):
    *_, written = saved_bar_figure
    assert b"CreationDate" not in written["pdf"].read_bytes()
    assert b"<dc:date>" not in written["svg"].read_bytes()
    assert b"Software" not in written["png"].read_bytes()


_SAVE_SCRIPT = """
import sys
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
import pandas as pd
from arabic_media.charts import ar, save_figure, STUDY_LABELS
fig, ax = plt.subplots(figsize=(4, 3))
ax.bar([ar(s) for s in STUDY_LABELS[-3:]], [3, 2, 1])
ax.set_title(ar(STUDY_LABELS[0]))
save_figure(fig, "cross-process", pd.DataFrame({"label": STUDY_LABELS[-3:]}), directory=sys.argv[1])
"""


@pytest.mark.slow
def test_save_figure_is_deterministic_across_processes(tmp_path):
    """Two interpreters with different hash seeds write identical bytes."""
    src = str(Path(__file__).resolve().parents[1] / "src")
    outputs = []
    for seed in ("1", "2"):
        out = tmp_path / seed
        env = {**os.environ, "PYTHONHASHSEED": seed, "MPLBACKEND": "Agg",
               "PYTHONPATH": os.pathsep.join([src, os.environ.get("PYTHONPATH", "")])}
        subprocess.run([sys.executable, "-c", _SAVE_SCRIPT, str(out)], env=env, check=True)
        outputs.append(out)
    for ext in ("png", "svg", "pdf", "csv"):
        name = f"cross-process.{ext}"
        assert (outputs[0] / name).read_bytes() == (outputs[1] / name).read_bytes(), ext


@pytest.mark.parametrize("name", ["term-frequency-top20", "stance", "figure-2", "a1-b2-c3"])
def test_good_names_are_accepted(tmp_path, name):
    fig, data = _blank_figure()
    assert save_figure(fig, name, data, directory=tmp_path)["png"].name == f"{name}.png"


@pytest.mark.parametrize("name", [
    "", "Term-Frequency", "term_frequency", "term frequency", "-term", "term-",
    "term--frequency", "figure.png", "../figure", "sub/figure", "تكرار",
])
def test_bad_names_are_refused(tmp_path, name):
    fig, data = _bar_figure()
    with pytest.raises(ValueError, match=repr(name).replace(".", r"\.")):
        save_figure(fig, name, data, directory=tmp_path)
    assert not any(tmp_path.iterdir())


def test_data_must_be_a_dataframe(tmp_path):
    fig, data = _bar_figure()
    with pytest.raises(TypeError, match="DataFrame"):
        save_figure(fig, "x", data.to_dict(), directory=tmp_path)


def test_csv_has_bom_and_round_trips_arabic(saved_bar_figure):
    _, _, data, written = saved_bar_figure
    csv = written["csv"]
    raw = csv.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert b"\r" not in raw
    back = pd.read_csv(csv, encoding="utf-8-sig")
    pd.testing.assert_frame_equal(back, data.reset_index(drop=True))
    assert list(back.columns) == ["label", "count"]  # no BOM stuck to the first name


def test_default_directory_is_figures(monkeypatch, tmp_path):
    monkeypatch.setattr(chart_save, "FIGURES_DIR", tmp_path)
    fig, data = _blank_figure()
    assert save_figure(fig, "default-dir", data)["csv"].parent == tmp_path


# ------------------------------------------------------------------------- PDF


def test_pdf_embeds_the_study_font(saved_bar_figure):
    pdf = saved_bar_figure[-1]["pdf"]
    assert b"/FontFile2" in pdf.read_bytes()  # TrueType program embedded
    fonts = pdf_fonts(pdf)
    assert fonts, "no text objects in the PDF"
    assert all(embedded for _, embedded in fonts), fonts
    assert all(name.split("+")[-1] == "Amiri-Regular" for name, _ in fonts), fonts


def test_pdf_page_matches_png_of_same_figure(saved_bar_figure):
    from PIL import Image

    *_, written = saved_bar_figure
    page = render_pdf_page(written["pdf"], FIGURE_DPI)
    with Image.open(written["png"]) as png:
        size = (png.width // 2, png.height // 2)
        same = difference(page, png, size=size, crop=False)
    assert same < PDF_PAGE_THRESHOLD, (
        f"PDF page differs from the PNG of the same figure by {same:.2f} >= {PDF_PAGE_THRESHOLD}")


@pytest.fixture(scope="module")
def labels_pdf_and_pngs(tmp_path_factory):
    """Every study label in one figure, each centred in its own one-inch band, written
    once by save_figure (the PDF's font subsetting is most of a save's time, so one save
    instead of one per label); and the same figure with the wrong recipe's labels, of
    which only the PNG is written (as save_figure writes it: same call, same dpi).
    Returns the PDF page rasterised, the PNG and the wrong PNG, as grey images."""
    from PIL import Image

    def labels_figure(texts):
        fig = plt.figure(figsize=(8, len(texts)), layout="none")
        for band, text in enumerate(texts):
            fig.text(0.5, 1 - (band + 0.5) / len(texts), text, fontsize=24, ha="center", va="center")
        return fig

    directory = tmp_path_factory.mktemp("labels")
    right = labels_figure([ar(label) for label in STUDY_LABELS])
    written = save_figure(right, "labels", pd.DataFrame({"label": STUDY_LABELS}), directory=directory)
    wrong = labels_figure([wrong_recipe(label) for label in STUDY_LABELS])
    wrong.savefig(directory / "wrong.png", format="png", dpi=FIGURE_DPI)
    plt.close(right)
    plt.close(wrong)
    with Image.open(written["png"]) as png, Image.open(directory / "wrong.png") as wrong_png:
        images = (render_pdf_page(written["pdf"], FIGURE_DPI), png.convert("L"), wrong_png.convert("L"))
    # pdfium may round the page to a pixel more than the PNG
    sizes = [image.size for image in images]
    assert max(w for w, _ in sizes) - min(w for w, _ in sizes) <= 1 >= max(h for _, h in sizes) - min(h for _, h in sizes)
    return images


@pytest.mark.parametrize("label", STUDY_LABELS, ids=LABEL_IDS)
def test_pdf_text_matches_png_text(labels_pdf_and_pngs, label):
    """Each label, in its band of the one figure save_figure wrote: the PDF's text
    against the PNG's (same threshold as the reference comparison), and against the
    wrong recipe's PNG, which must differ."""
    band, bands = STUDY_LABELS.index(label), len(STUDY_LABELS)
    page, right_png, wrong_png = (
        image.crop((0, image.height * band // bands, image.width, image.height * (band + 1) // bands))
        for image in labels_pdf_and_pngs)
    right = difference(page, right_png)
    wrong = difference(page, wrong_png)
    assert right < THRESHOLD, f"PDF text of {label!r} differs from its PNG by {right:.1f}"
    if wrong_recipe(label) != ar(label):
        assert wrong > THRESHOLD, f"PDF vs wrong PNG only {wrong:.1f} for {label!r}"
    print(f"PDF vs PNG {right:.1f} < {THRESHOLD} < PDF vs wrong PNG {wrong:.1f}  {label}")
