"""Figures: correctly shaped Arabic, deterministic files, one builder per analysis.

Importing this package changes no matplotlib setting: every chart builder draws, and
`save_figure` saves, inside `study_style` (the study font and reproducible rcParams);
`use_study_style` sets them globally for a notebook that draws by hand. Every chart
builder returns ``(fig, data)``; `save_figure(fig, name, data)` writes the figure as
PNG, SVG and PDF and ``data`` beside it as CSV.

Modules:
    arabic         -- `ar` (the one way Arabic reaches a figure), the study font, style.
    save           -- `save_figure`.
    bars           -- `barh`, bars with Arabic labels.
    frame          -- `frame_figure`: every figure's title and source line.
    rendering      -- notebook 00's candidate strings and their comparison figure.
    shaping_check  -- labels compared with an independent shaper (Pillow + raqm).
    terms          -- term frequency bars and dispersion.
    stance         -- stance strip, shares, confusion matrix.
    keyness        -- keywords against a reference corpus: bars, frequency against keyness.
    attribution    -- relay chain, sources by sentence, actor network.
"""

from arabic_media.charts.arabic import (
    FALLBACK_FONT,
    NATIVE_SHAPING,
    STUDY_FONT,
    STUDY_LABELS,
    FontFallbackWarning,
    active_font,
    ar,
    study_style,
    use_study_style,
)
from arabic_media.charts.attribution import (
    SOURCE_TYPE_COLOURS,
    actor_network_figure,
    attribution_chain_figure,
    sources_by_sentence_figure,
)
from arabic_media.charts.bars import barh
from arabic_media.charts.coverage import stance_prevalence_figure, voices_by_outlet_figure
from arabic_media.charts.frame import article_name, article_source, frame_figure, wrap_text
from arabic_media.charts.keyness import frequency_vs_keyness_figure, keyness_bars_figure
from arabic_media.charts.rendering import labels_figure, rendering_candidates, rendering_comparison_figure
from arabic_media.charts.save import FIGURE_DPI, save_figure
from arabic_media.charts.shaping_check import check_labels, label_check_summary
from arabic_media.charts.stance import (
    LABEL_COLOURS,
    stance_confusion_figure,
    stance_share_figure,
    stance_strip_figure,
)
from arabic_media.charts.terms import dispersion_figure, term_bars_figure

__all__ = [
    "stance_prevalence_figure", "voices_by_outlet_figure",
    "SOURCE_TYPE_COLOURS",
    "actor_network_figure",
    "attribution_chain_figure",
    "sources_by_sentence_figure",
    "FALLBACK_FONT",
    "NATIVE_SHAPING",
    "STUDY_FONT",
    "STUDY_LABELS",
    "FIGURE_DPI",
    "FontFallbackWarning",
    "LABEL_COLOURS",
    "active_font",
    "ar",
    "article_name",
    "article_source",
    "barh",
    "check_labels",
    "frame_figure",
    "label_check_summary",
    "labels_figure",
    "rendering_candidates",
    "rendering_comparison_figure",
    "wrap_text",
    "dispersion_figure",
    "frequency_vs_keyness_figure",
    "keyness_bars_figure",
    "save_figure",
    "stance_confusion_figure",
    "stance_share_figure",
    "stance_strip_figure",
    "term_bars_figure",
    "study_style",
    "use_study_style",
]
