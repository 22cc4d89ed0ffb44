"""Which sentences refer to the target (`arabic_media.stance.referring`), on hand-written
sentences (none copied from a corpus): anaphors that need an antecedent, the article's
topic, questions, a cue that begins with a contrast marker, denial as a negator, and the
gazetteer and cue entries the development set added."""

from __future__ import annotations

import pandas as pd

from arabic_media import stance
from arabic_media.actors import REFERENCE_KINDS
from arabic_media.matching import sentence_words
from arabic_media.stance.referring import anaphor_ids, other_subjects, sentence_references
from tests.support import STUDY_TARGET, corpus_of

LEXICON = stance.Lexicon.from_lists(
    cues=[("غرامة", "AGAINST", 1.5), ("اعتذار", "FAVOR", 2), ("خلل", "AGAINST", 1),
          ("لكنها قالت", "FAVOR", 1.5), ("انتهاك", "AGAINST", 1.5), ("حذف", "FAVOR", 1)],
    negators=[("نفت", 2)],
    markers=[("لكن", "later_clause_dominates")],
)


def _target():
    """Two named companies and one anaphor, with the ``reference`` column of a file."""
    actors = pd.DataFrame({
        "actor_id": ["acme", "globex", "the_company"],
        "aliases": [["أكمي"], ["غلوبكس"], ["الشركة"]],
        "reference": ["name", "name", "anaphor"],
    })
    base = stance.Target.from_aliases("firms", {"acme": ["أكمي"], "globex": ["غلوبكس"], "the_company": ["الشركة"]})
    return stance.Target(base.name, actors, base.aliases)


def _labels(*texts, **options):
    return stance.label_sentences(corpus_of({"a": list(texts)}), _target(), LEXICON, **options).labels


def test_an_anaphor_counts_only_after_a_named_member():
    labels = _labels("قالت الشركة إنها دفعت غرامة كبيرة.", "وأعلنت أكمي نتائجها.", "ودفعت الشركة غرامة.",
                     topic=False)
    assert labels["label"].tolist() == ["NONE", "NONE", "AGAINST"]
    assert "الشركة" in labels.loc[2, "mentions"]


def test_an_anaphor_in_the_same_sentence_after_the_name_counts():
    labels = _labels("أعلنت أكمي أن الشركة ستدفع الغرامة.", topic=False)
    assert labels.loc[0, "n_mentions"] == 2


def test_an_anaphor_written_definite_is_not_found_in_an_indefinite_word():
    labels = _labels("أعلنت أكمي نتائجها.", "وفرضت المحكمة غرامة على شركة أخرى.", topic=False)
    assert labels.loc[1, "n_mentions"] == 0 and labels.loc[1, "label"] == "NONE"


def test_the_topic_rule_reads_the_lead_as_the_subject():
    labels = _labels("أعلنت أكمي عن خلل في برنامجها.", "ونود أن نقدم اعتذارا للمستخدمين.")
    assert labels["label"].tolist() == ["AGAINST", "FAVOR"]
    assert "the article's topic" in labels.loc[1, "explanation"]
    off = _labels("أعلنت أكمي عن خلل في برنامجها.", "ونود أن نقدم اعتذارا للمستخدمين.", topic=False)
    assert off.loc[1, "label"] == "NONE"


def test_no_topic_when_the_lead_does_not_name_the_target():
    labels = _labels("قصفت القوات أهدافا في المنطقة.", "ونود أن نقدم اعتذارا.")
    assert labels["label"].tolist() == ["NONE", "NONE"]


def test_no_topic_in_a_sentence_that_names_another_subject():
    # فرنسا is a country in the gazetteer: the sentence is about it (guidelines 4.5)
    labels = _labels("أعلنت أكمي عن خلل.", "وفرضت فرنسا غرامة على مصارفها.")
    assert labels.loc[1, "label"] == "NONE"
    assert any(alias == "فرنسا" for _, alias, _ in other_subjects(_target()).aliases)


def test_topic_is_per_article():
    corpus = corpus_of({"a": "أعلنت أكمي عن خلل.", "b": "وقدمت اعتذارا."})
    sents = sentence_words(corpus.sentences, corpus.tokens)
    refs = sentence_references(sents, _target())
    assert refs[("b", 1)].topic is False


def test_a_question_is_none_whatever_its_cues():
    labels = _labels("لماذا دفعت أكمي الغرامة؟", "هل تقدم أكمي اعتذارا؟\"")
    assert labels["label"].tolist() == ["NONE", "NONE"]
    assert "question" in labels.loc[0, "explanation"]


def test_a_cue_that_begins_with_the_marker_belongs_to_the_later_clause():
    label = stance.label_text("اعترفت أكمي بوجود خلل، لكنها قالت إن البيانات آمنة.", _target(), LEXICON)
    assert label["label"] == "FAVOR"
    assert "خلل" in label["cues"] and "discounted" in label["cues"]


def test_a_denial_negates_the_denied_violation():
    label = stance.label_text("ونفت أكمي انتهاك براءات الاختراع.", _target(), LEXICON)
    assert label["label"] == "FAVOR" and "negated by" in label["cues"]


def test_anaphor_ids_come_from_the_reference_column():
    assert anaphor_ids(_target()) == {"the_company"}
    assert anaphor_ids(stance.Target.from_aliases("x", {"a": ["أ ب"]})) == frozenset()
    assert REFERENCE_KINDS == ("name", "anaphor")


def test_the_study_target_has_the_widened_members_and_kinds():
    target = stance.load_target("us_tech_companies")
    ids = set(target.actors["actor_id"])
    assert {"apple", "amazon", "microsoft", "instagram", "whatsapp", "alphabet",
            "social_media_platforms", "tech_giants", "anaphor_the_company"} <= ids
    assert set(target.actors["reference"]) == {"name", "anaphor"}
    assert "anaphor_the_company" in anaphor_ids(target)


def test_the_study_lexicon_reads_new_names_and_actions():
    """Hand-written sentences for the gazetteer and cue entries added from the
    development set (the platforms as a group, Instagram, a fine, an apology)."""
    cases = {
        "أزالت منصات التواصل الاجتماعي آلاف المنشورات وحذفت الحسابات.": "FAVOR",
        "فرضت الهيئة غرامة على إنستغرام بسبب انتهاك الخصوصية.": "AGAINST",
        "وقدمت أمازون اعتذارا رسميا للعملاء.": "FAVOR",
        "ونفت مايكروسوفت انتهاك القواعد.": "FAVOR",
        "تواجه آبل انتقادات بشأن الخصوصية.": "AGAINST",
        "هل ستدفع آبل الغرامة؟": "NONE",
    }
    for text, expected in cases.items():
        assert stance.label_text(text, STUDY_TARGET)["label"] == expected, text
