"""The stance rules (`arabic_media.stance.rules`) on small hand-made sentences, and the
labeller on the study's corpus."""

from __future__ import annotations


from arabic_media import stance
from tests.stance.helpers import COMPANIES, SMALL, label
from tests.support import STUDY_ARTICLE, STUDY_TARGET, corpus_of


def test_multiword_alias_with_clitic_prefix_is_a_mention_with_offsets():
    text = "نشرت الصحيفة تقريرا عن التعاون لشركات أمريكية."
    row = label(text)
    surface = "لشركات أمريكية"
    start = text.index(surface)
    assert row["mentions"] == f"{surface}@{start}-{start + len(surface)}[us_companies]"
    assert row["n_mentions"] == 1


def test_alias_inside_quotes_is_found_and_across_a_comma_is_not():
    assert label('وتوفر شركة "كلاود فلاير" التعاون.')["n_mentions"] == 1
    assert label("وتوفر كلاود، فلاير التعاون.")["n_mentions"] == 0


def test_alias_matches_despite_diacritics_and_hamza_spelling():
    # normalisation on both sides: أ/ا and harakat do not matter
    assert label("رفضت شَرِكَاتٌ امريكية تورطا.")["n_mentions"] == 1


def test_a_word_that_only_contains_an_alias_is_not_a_mention():
    # the prefix rule allows clitics in front, not arbitrary letters
    assert label("تعاون شركاتي أمريكية.")["n_mentions"] == 0


def test_cue_with_article_preposition_and_suffix_forms():
    row = label("أكدت شركات أمريكية استعدادها للتعاون.")
    assert row["label"] == "FAVOR" and row["score"] == 2  # للتعاون = ل + ال + تعاون
    row = label("أبدت شركات أمريكية تحفظهم.")
    assert row["label"] == "AGAINST" and row["score"] == -1  # تحفظ + هم
    row = label("يمثل عمل شركات أمريكية عائقا.")
    assert row["label"] == "AGAINST" and row["score"] == -1  # accusative alef


def test_longest_cue_wins_over_the_shorter_cue_inside_it():
    row = label("أكد ممثلو شركات أمريكية استعدادهم للتعاون.")
    assert row["score"] == 4
    assert row["cues"].count("=") == 1
    assert "=استعدادهم للتعاون/FAVOR/4" in row["cues"]


def test_cue_offsets_point_into_the_text():
    text = "أثبتت التحقيقات تورط شركات أمريكية."
    row = label(text)
    surface, rest = row["cues"].split("@")
    start, end = map(int, rest.split("=")[0].split("-"))
    assert text[start:end] == surface == "تورط"
    assert row["deciding_cue"].startswith("تورط@")


def test_score_zero_is_none():
    row = label("أبدت شركات أمريكية تحفظا وعائقا والتعاون.")  # -1 -1 +2
    assert row["score"] == 0 and row["label"] == "NONE"
    assert row["deciding_cue"] == ""


def test_refusal_flips_a_favor_cue():
    row = label("شركات أمريكية رفضت التعاون مع الخلية.")
    assert row["label"] == "AGAINST"
    assert "negated by رفضت (was FAVOR)" in row["cues"]
    assert label("شركات أمريكية رفضت التعاون مع الخلية.", negation=False)["label"] == "FAVOR"


def test_negator_scope_is_counted_in_words():
    # عدم reaches three words on: عدم رغبتها في التعاون
    assert label("أظهرت هذه الشركات عدم رغبتها في التعاون.")["label"] == "AGAINST"
    # رفضت reaches two words on: five words away, the cue stays FAVOR
    assert label("رفضت الحكومة طلبات كثيرة جدا التعاون مع شركات أمريكية.")["label"] == "FAVOR"


def test_negation_does_not_cross_a_comma_and_takes_a_conjunction():
    assert label("شركات أمريكية لم تتأخر، التعاون قائم.")["label"] == "FAVOR"
    assert label("شركات أمريكية ولم تورط.")["label"] == "FAVOR"  # و + لم flips تورط


def test_negation_flips_an_against_cue_too():
    row = label("لم يثبت تورط شركات أمريكية.")
    assert row["label"] == "FAVOR" and row["score"] == 3


def test_a_refusal_or_objection_verb_under_a_negator_is_a_double_negation():
    # لا over تمانع over تعاون: does not object to cooperating, FAVOR (the study's lexicon)
    row = stance.label_text("شركات أمريكية لا تمانع التعاون مع الخلية.", STUDY_TARGET)
    assert row["label"] == "FAVOR" and row["score"] == 1.5
    labelling = stance.label_sentences(corpus_of({"text": "شركات أمريكية لا تمانع التعاون مع الخلية."}), STUDY_TARGET)
    (cue,) = labelling.matches[labelling.matches["role"] == "cue"].to_dict("records")
    assert cue["effective"] == "FAVOR" and cue["negated_by"] == ""
    assert cue["double_negation"] == "لا تمانع"
    assert "(double negation by لا تمانع: not flipped)" in stance.stance_table(labelling)["cues"][0]
    # the objection alone negates; a refusal under لم is a double negation too
    assert stance.label_text("شركات أمريكية تمانع التعاون مع الخلية.", STUDY_TARGET)["label"] == "AGAINST"
    assert stance.label_text("شركات أمريكية لم ترفض التعاون مع الخلية.", STUDY_TARGET)["label"] == "FAVOR"
    # a word between that is not a negator does not stop the scope: still one negation
    assert stance.label_text("شركات أمريكية لا تريد التعاون مع الخلية.", STUDY_TARGET)["label"] == "AGAINST"
    assert stance.label_text("شركات أمريكية لا تمانع التعاون.", STUDY_TARGET, negation=False)["label"] == "FAVOR"


def test_verb_forms_of_cues_are_matched_and_negated():
    # the study's lexicon and target: these gave NONE with no cue before the verb rule
    cases = {
        "لم تتعاون شركات أمريكية مع الخلية.": ("AGAINST", "negated by لم (was FAVOR)"),
        "شركات أمريكية تعاونت مع الخلية.": ("FAVOR", "=تعاون/FAVOR"),
        "تواطأت شركات أمريكية مع التنظيم.": ("AGAINST", "=تواطا/AGAINST"),
        "لم تتورط شركات أمريكية في دعم التنظيم.": ("FAVOR", "negated by لم (was AGAINST)"),
        "حذفت شركات أمريكية المنشورات.": ("FAVOR", "=حذف/FAVOR"),
    }
    for text, (expected, evidence) in cases.items():
        row = stance.label_text(text, STUDY_TARGET)
        assert row["label"] == expected, text
        assert evidence in row["cues"], (text, row["cues"])


def test_verb_forms_only_on_a_cues_first_word_and_never_on_a_name():
    lexicon = stance.Lexicon.from_lists([("دعم نشاطات", "AGAINST", 2)])
    assert stance.label_text("تدعم شركات أمريكية نشاطات التنظيم.", COMPANIES, lexicon)["cues"] == ""
    assert stance.label_text("شركات أمريكية تدعم نشاطات التنظيم.", COMPANIES, lexicon)["label"] == "AGAINST"
    assert stance.label_text("شركات أمريكية دعم تنشاطات التنظيم.", COMPANIES, lexicon)["cues"] == ""
    # a target alias takes clitics but no verb inflection
    target = stance.Target.from_aliases("t", {"x": ["تعاون"]})
    assert stance.label_text("تتعاون تعاون.", target, SMALL)["n_mentions"] == 1


def test_the_clause_after_illa_anna_decides():
    text = "أكدت شركات أمريكية التعاون، إلا أنها أبدت تحفظا."
    # +2 before the marker, -1 after: the later clause dominates
    assert label(text)["label"] == "AGAINST"
    assert label(text)["score"] == -1
    assert "/discounted" in label(text)["cues"]
    assert label(text, contrast=False)["label"] == "FAVOR"


def test_illa_anna_with_a_pronoun_suffix_and_the_reverse_order():
    text = "أبدت شركات أمريكية تحفظا، إلا أنهم أكدوا التعاون."
    assert label(text)["label"] == "FAVOR" and label(text)["score"] == 2


def test_contrast_with_cues_on_one_side_only_counts_them_all():
    row = label("الحرب صعبة، إلا أن شركات أمريكية تعمل على التعاون.")
    assert row["label"] == "FAVOR" and "cues on one side only" in row["explanation"]


def test_whereas_ranks_neither_clause():
    row = label("أكدت شركات أمريكية التعاون بينما أبدت تحفظا.")
    assert row["score"] == 1 and "/discounted" not in row["cues"]


def test_no_mention_is_none_whatever_the_cues():
    row = label("أثبتت التحقيقات تورط الحكومة ورفضت التعاون.")
    assert row["label"] == "NONE"
    assert row["n_mentions"] == 0
    assert "no mention of the target" in row["explanation"]
    assert "تورط" in row["cues"]  # the cues are still shown


def test_labelling_is_deterministic():
    text = "أكدت شركات أمريكية التعاون، إلا أنها أبدت تحفظا."
    assert label(text).equals(label(text))



def test_labeller_gives_one_valid_row_per_sentence(study_corpus, study_article, study_labels):
    """One row per sentence of the corpus, in its order (any corpus); 14 for the study's
    article."""
    assert len(study_labels) == len(study_corpus.sentences)
    keys = lambda table: list(zip(table["article_id"].astype(str), table["sentence"].astype(int)))  # noqa: E731
    assert keys(study_labels) == keys(study_corpus.sentences)
    assert (study_labels["article_id"] == STUDY_ARTICLE).sum() == len(study_article.sentences) == 14
    assert set(study_labels["label"]) <= set(stance.LABELS)
    assert list(study_labels.columns) == stance.OUTPUT_COLUMNS


def test_labeller_offsets_point_into_the_article(study_corpus):
    texts = dict(zip(study_corpus.articles["article_id"], study_corpus.articles["text"]))
    matches = stance.label_sentences(study_corpus, STUDY_TARGET).matches
    assert set(matches["role"]) == {"mention", "cue", "negator", "marker"}
    for row in matches.itertuples():
        assert texts[row.article_id][row.start : row.end] == row.surface
    # each sentence with a FAVOR or AGAINST label has exactly one deciding cue, of that polarity
    labels = stance.label_sentences(study_corpus, STUDY_TARGET).labels
    deciding = matches[matches["deciding"]].set_index(["article_id", "sentence"])["effective"]
    decided = labels[labels["label"] != "NONE"].set_index(["article_id", "sentence"])["label"]
    assert deciding.sort_index().equals(decided.sort_index().rename("effective"))


def _matches_of(text):
    return stance.label_sentences(corpus_of({"text": text}), COMPANIES, SMALL).matches


def test_matches_are_records_with_roles_and_offsets():
    text = "شركات أمريكية رفضت التعاون مع الخلية."
    matches = _matches_of(text)
    (mention,) = matches[matches["role"] == "mention"].to_dict("records")
    assert text[mention["start"] : mention["end"]] == mention["surface"] == "شركات أمريكية"
    assert mention["actor_id"] == "us_companies"
    (cue,) = matches[matches["role"] == "cue"].to_dict("records")
    assert cue["surface"] == "التعاون" and cue["key"] == "تعاون"
    assert cue["polarity"] == "FAVOR" and cue["effective"] == "AGAINST" and cue["weight"] == 2
    assert cue["negated_by"] == "رفضت" and cue["discounted"] is False and cue["deciding"] is True
    assert cue["double_negation"] == ""
    (negator,) = matches[matches["role"] == "negator"].to_dict("records")
    assert text[negator["start"] : negator["end"]] == "رفضت"
    assert list(matches.columns) == stance.MATCH_COLUMNS


def test_matches_see_a_discounted_cue_and_the_marker():
    matches = _matches_of("أكدت شركات أمريكية التعاون، إلا أنها أبدت تحفظا.")
    cues = matches[matches["role"] == "cue"]
    assert cues["discounted"].tolist() == [True, False]
    assert matches.loc[matches["role"] == "marker", "effect"].tolist() == ["later_clause_dominates"]


def test_verb_rule_can_be_switched_off():
    sentence = "لم تتعاون شركات أمريكية مع السلطات."
    assert stance.label_text(sentence, STUDY_TARGET)["label"] == "AGAINST"
    off = stance.label_text(sentence, STUDY_TARGET, verbs=False)
    assert off["label"] == "NONE" and off["cues"] == ""
