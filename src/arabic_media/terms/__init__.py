"""Counting terms: categories and groups, frequency tables, n-grams, KWIC, collocates,
dispersion. Every function takes the loader's ``tokens`` table after `annotate`.

Modules:
    grouping  -- `CliticGrouper` and the evidence for it (`evaluate_grouping`).
    annotate  -- `annotate`: each token's ``category``, ``group_key`` and ``group``.
    tables    -- frequencies in three forms, processing steps, n-grams, openings.
    context   -- `concordance` (KWIC), `collocates`, `dispersion`.
    keyness   -- keywords against a reference corpus, both sides in one grouper's key.
    article_keyness -- one article against the shipped reference list: every finding of
                 notebook 04 (`article_keyness`, `borrowed_counts`, `frequent_and_key` ...).
Figures of these tables are in `arabic_media.charts.terms`; the word lists they read
are loaded by `arabic_media.lexicons`.
"""

from arabic_media.lexicons import (
    load_glossary,
    load_grouping_candidates,
    load_grouping_gold,
    load_reporting_terms,
    load_stopwords,
    lookup_glosses,
)
from arabic_media.terms.annotate import (
    CATEGORIES,
    CONTENT,
    FORMS,
    NGRAM_EDGE_EXCLUDE,
    REPORTING,
    annotate,
    categorize,
)
from arabic_media.terms.article_keyness import (
    ArticleKeyness,
    ReferenceList,
    absent_terms,
    article_keyness,
    borrowed_counts,
    frequent_and_key,
    keyness_summary,
    load_reference,
    reference_lines,
    reference_top_terms,
    spellings_merged,
    under_use_reach,
)
from arabic_media.terms.context import TermNotFoundWarning, collocates, concordance, dispersion, dispersion_summary
from arabic_media.terms.grouping import (
    MIN_STEM,
    CliticGrouper,
    evaluate_grouping,
    grouping_candidates,
    grouping_examples,
    missed_groups,
)
from arabic_media.terms.keyness import (
    G2_THRESHOLD,
    KEYNESS_COLUMNS,
    MIN_COUNT,
    OVER,
    UNDER,
    article_bigrams,
    article_forms_in_reference,
    article_terms,
    keyness,
    reference_bigrams,
    regroup_counts,
    shared_grouper,
    top_keywords,
)
from arabic_media.terms.tables import (
    attribution_openings,
    frequency_comparison,
    ngrams,
    phrase_ranks,
    processing_steps,
    reporting_frequencies,
    running_tokens,
    term_frequencies,
)

__all__ = [
    "ArticleKeyness", "ReferenceList", "absent_terms", "article_keyness", "borrowed_counts", "frequent_and_key",
    "keyness_summary", "load_reference", "reference_lines", "reference_top_terms", "spellings_merged",
    "under_use_reach",
    "CATEGORIES", "CONTENT", "FORMS", "NGRAM_EDGE_EXCLUDE", "REPORTING", "MIN_STEM",
    "CliticGrouper", "TermNotFoundWarning", "annotate", "categorize", "attribution_openings", "collocates", "concordance",
    "dispersion", "dispersion_summary", "evaluate_grouping", "frequency_comparison",
    "grouping_candidates", "grouping_examples", "load_glossary", "load_grouping_candidates", "load_grouping_gold",
    "load_reporting_terms", "load_stopwords", "lookup_glosses", "missed_groups", "ngrams",
    "phrase_ranks", "processing_steps", "reporting_frequencies", "running_tokens", "term_frequencies",
    "G2_THRESHOLD", "KEYNESS_COLUMNS", "MIN_COUNT", "OVER", "UNDER", "article_bigrams",
    "article_forms_in_reference", "article_terms",
    "keyness", "reference_bigrams", "regroup_counts", "shared_grouper", "top_keywords",
]
