"""Arabic media-analysis study: the package behind the notebooks. One module per job.

Text and corpus:
    paths      -- every path the study uses, derived from the project root.
    text       -- normalisation, and the one lossless segmentation (`segment_article`).
    affixes    -- every clitic, suffix and verb-affix list, written once.
    corpus/    -- manifest (read and write), decode, load (`load_corpus`, `describe`).
    lexicons   -- the one lexicon reader, and every lexicon loader.
    stats      -- association measures, P/R/F1, pairwise scores, kappa: one convention each.

Analyses:
    terms/     -- grouping, annotate, frequency tables and n-grams, KWIC/collocates/dispersion.
    matching   -- the Arabic phrase matcher (clitics, suffixes, verb forms) -> `Match` records.
    actors     -- targets from the gazetteer, and finding actor mentions.
    stance/    -- rules (`label_sentences` -> labels + matches), experiments, evaluate, tables.
    attribution/ -- who speaks: cues, sources, content, nesting, quotations, scores (`find_attributions`).

Output:
    charts/    -- `ar` and the study font, `save_figure`, shaping check, one module per analysis.
    display    -- every HTML view of the notebooks (right-to-left tables, KWIC).
"""

__version__ = "0.1.0"
