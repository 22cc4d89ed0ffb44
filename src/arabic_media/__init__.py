"""Arabic media-analysis study: the package behind the notebooks.

Modules:
    paths          -- every path the study uses, derived from the project root.
    text           -- normalisation, proclitics, lossless sentences and tokens.
    corpus         -- the manifest-checked loader (`load_corpus`) and `describe`.
    lexicons       -- the one reader for lexicon CSVs.
    display        -- right-to-left HTML tables for JupyterLab.
    plotting       -- correctly shaped Arabic in matplotlib figures, and `save_figure`.
    shaping_check  -- figure labels compared with an independent shaper.
    terms          -- term frequencies, grouping, n-grams, KWIC, collocates, dispersion.
    stance         -- the sentence stance labeller and its evaluation.
"""

__version__ = "0.1.0"
