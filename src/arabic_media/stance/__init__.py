"""Sentence stance toward a target, by explainable rules, and its evaluation.

The rules read data, not code: the actor gazetteer and a target file say what counts
as a mention of the target; a cue lexicon, a negator list and a list of contrast
markers say what counts as a stance. All live in ``corpus/lexicons/`` and are described
in ``corpus/annotations/STANCE_GUIDELINES.md``, which is also what the gold labels
follow. Every function takes a `Corpus`; the target is always passed by the caller.

Modules:
    rules        -- `label_sentences` -> `Labelling` (labels + matches with offsets).
    actions      -- the target's actions in every form, and the words that decide them.
    referring    -- which sentences refer to the target: anaphors with an antecedent, the topic.
    experiments  -- baselines, leave-one-sentence-out, ablation.
    evaluate     -- `evaluate(gold, predicted)` (accuracy, F1, F_avg, kappa), `score_table`,
                    `bootstrap_scores`, `accuracy_by_article`, `error_causes`.
    tables       -- the output as tables for a reader and for the figures.
Figures are in `arabic_media.charts`; the target is `arabic_media.actors`, the lexicon
`arabic_media.lexicons`, the gold `arabic_media.annotations`.
"""

from arabic_media.actors import Target, load_target
from arabic_media.annotations import load_stance_gold
from arabic_media.lexicons import Lexicon, load_lexicon
from arabic_media.stance.evaluate import (
    ERROR_CAUSES,
    SCORES,
    STAGES,
    Evaluation,
    accuracy_by_article,
    bootstrap_scores,
    bootstrap_table,
    error_causes,
    evaluate,
    gold_for,
    interval_lines,
    score_table,
    scores_of,
    stage_scores,
)
from arabic_media.stance.experiments import (
    ABLATION_VARIANTS,
    ablation,
    ablation_changes,
    cue_count_baseline,
    leave_one_out,
    majority_baseline,
    withheld_changes,
)
from arabic_media.stance.referring import referred_sentences
from arabic_media.stance.rules import (
    LABELS,
    MATCH_COLUMNS,
    MECHANISMS,
    OUTPUT_COLUMNS,
    Labelling,
    find_cues,
    label_sentences,
    label_text,
)
from arabic_media.stance.tables import (
    label_counts,
    label_sequence,
    stance_share_data,
    stance_strip_data,
    stance_table,
)

__all__ = [
    "ABLATION_VARIANTS", "ERROR_CAUSES", "LABELS", "MECHANISMS", "SCORES", "accuracy_by_article", "bootstrap_scores",
    "bootstrap_table", "interval_lines", "withheld_changes", "STAGES", "stage_scores",
    "error_causes", "referred_sentences", "scores_of", "MATCH_COLUMNS", "OUTPUT_COLUMNS", "Evaluation", "Labelling",
    "Lexicon", "Target", "ablation", "ablation_changes", "cue_count_baseline", "evaluate",
    "find_cues", "gold_for", "label_counts", "label_sentences", "label_sequence", "label_text",
    "leave_one_out", "load_lexicon", "load_stance_gold", "load_target", "majority_baseline",
    "score_table", "stance_share_data", "stance_strip_data", "stance_table",
]
