"""`arabic_media.charts.save.save_figure`: four files, deterministic, no dates, the CSV
of what is drawn, the font embedded, and the PDF reading like the PNG."""

from __future__ import annotations

import os
import subprocess
import sys
import warnings
from pathlib import Path

import matplotlib
import matplotlib.pyplot as plt
import pandas as pd
import pytest

from arabic_media import charts as plotting
from arabic_media.charts import save as chart_save
from arabic_media.charts import FIGURE_DPI, STUDY_LABELS, FontFallbackWarning, ar, save_figure
from arabic_media.charts.shaping_check import THRESHOLD, wrong_recipe
from tests.charts.helpers import LABEL_IDS, TITLE, difference, pdf_fonts, render_pdf_page


PDF_PAGE_THRESHOLD = 3.0


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
