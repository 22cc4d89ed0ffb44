"""Arabic media-analysis study: the package behind the notebooks.

Modules:
    paths     -- every path the study uses, derived from the project root.
    text      -- normalisation and lossless segmentation into sentences and tokens.
    corpus    -- the manifest-checked loader (`load_corpus`).
    plotting  -- correctly shaped Arabic in matplotlib figures, and `save_figure`.
"""

__version__ = "0.1.0"
