"""Who speaks in a report: attribution, quotation, sources.

Follows ``corpus/annotations/ATTRIBUTION_GUIDELINES.md``; the lexicons are in
``corpus/lexicons/`` (``attribution_cues.csv``, ``attribution_anaphors.csv``,
``source_types.csv``, ``quotation_title_nouns.csv``) and the actors in ``actors.csv``.
Every function takes a `Corpus` (or the tables these functions return); the gold is
read by `arabic_media.annotations`.

Modules:
    lexicon     -- `load_attribution_lexicon`: cues, anaphors, source types, title nouns.
    words       -- word tests: complementisers, verb forms, nisba adjectives.
    sources     -- resolving a source span to an actor; source types.
    subjects    -- `find_source`: the words naming a cue's source; `span_type`.
    rules       -- `find_attributions`: cue, source, content, nesting, per sentence.
    quotations  -- `find_quotations`: quoted spans, kind, speaker.
    tables      -- who speaks (`sources_table`), who does not (`silent_actors`),
                   co-occurrence, stance by source, the relay chain and the network.
    evaluate    -- `score_attributions(gold, predicted, tokens)`, `score_quotations`.
Figures are in `arabic_media.charts`.
"""

from arabic_media.attribution.evaluate import (
    SCORE_COLUMNS,
    headline_scores,
    missed_cues,
    score_attributions,
    score_quotations,
    source_misses,
)
from arabic_media.attribution.lexicon import AttributionLexicon, load_attribution_lexicon
from arabic_media.attribution.quotations import (
    QUOTATION_COLUMNS,
    QUOTATION_KINDS,
    find_quotations,
    quotation_kind_counts,
)
from arabic_media.attribution.rules import ATTRIBUTION_COLUMNS, find_attributions
from arabic_media.attribution.tables import (
    UNNAMED,
    actor_mentions,
    attribution_counts,
    main_voices,
    cooccurrence,
    network_view,
    relay_chain,
    silent_actors,
    sources_by_sentence,
    sources_table,
    stance_by_source,
    stance_source_crosstab,
    with_content,
)

__all__ = [
    "ATTRIBUTION_COLUMNS", "QUOTATION_COLUMNS", "QUOTATION_KINDS", "SCORE_COLUMNS", "UNNAMED",
    "AttributionLexicon", "actor_mentions", "attribution_counts", "cooccurrence", "headline_scores", "main_voices", "find_attributions", "find_quotations",
    "load_attribution_lexicon", "missed_cues", "network_view", "quotation_kind_counts", "relay_chain", "score_attributions", "score_quotations",
    "silent_actors", "source_misses", "sources_by_sentence", "sources_table", "stance_by_source",
    "stance_source_crosstab", "with_content",
]
