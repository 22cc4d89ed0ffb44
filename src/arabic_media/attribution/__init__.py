"""Who speaks in a report: attribution, quotation, sources (issue 11).

Follows ``corpus/annotations/ATTRIBUTION_GUIDELINES.md``; the lexicons are in
``corpus/lexicons/`` (``attribution_cues.csv``, ``attribution_anaphors.csv``,
``source_types.csv``, ``quotation_title_nouns.csv``) and the actors in ``actors.csv``.

Modules:
    lexicon     -- `load_attribution_lexicon`: cues, anaphors, source types, title nouns.
    words       -- word tests: complementisers, verb forms, nisba adjectives.
    sources     -- resolving a source span to an actor; source types.
    rules       -- `find_attributions`: cue, source, content, nesting, per sentence.
    quotations  -- `find_quotations`: quoted spans, kind, speaker.
    handmade    -- `text_corpus`: one hand-written text as a corpus (trying, tests).
    tables      -- who speaks (`sources_table`), who does not (`silent_actors`),
                   co-occurrence, stance by source.
    evaluate    -- `load_attribution_gold`, `score_attributions`, `score_quotations`.
Figures are in `arabic_media.charts.attribution`.
"""

from arabic_media.attribution.lexicon import AttributionLexicon, load_attribution_lexicon
from arabic_media.attribution.rules import ATTRIBUTION_COLUMNS, find_attributions

__all__ = ["ATTRIBUTION_COLUMNS", "AttributionLexicon", "find_attributions", "load_attribution_lexicon"]
