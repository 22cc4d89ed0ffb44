"""The five mechanisms of the stance rules (`arabic_media.stance.rules.MECHANISMS`) and the
action data they read (`arabic_media.stance.actions`): each one shown deciding a sentence
and, switched off, leaving the label it decided."""

from __future__ import annotations

import pytest

from arabic_media.lexicons import load_lexicon
from arabic_media.stance import actions
from arabic_media.stance.rules import MECHANISMS, label_text

TARGET = "us_tech_companies"


def label(text: str, *, without: str | None = None):
    mechanisms = tuple(m for m in MECHANISMS if m != without)
    return label_text(text, TARGET, mechanisms=mechanisms)


@pytest.mark.parametrize("text", [
    "حذفت فيسبوك حسابات تروج للإرهاب.",  # perfect
    "وقالت فيسبوك إنها ستحذف المنشورات المتطرفة.",  # future imperfect
    "وأزالت يوتيوب مئات المقاطع.",  # a hollow verb's perfect
    "وتزيل يوتيوب مئات المقاطع كل يوم.",  # ... and its imperfect
    "وتعمل تويتر على إزالة المحتوى المتطرف.",  # its verbal noun
    "أغلقت فيسبوك حسابات متطرفة.",
    "نشرت فيسبوك إرشاداتها الداخلية.",  # publishing its rules: openness
])
def test_a_countering_action_in_any_form_is_favourable(text):
    row = label(text)
    assert row["label"] == "FAVOR", row["explanation"]
    assert "/action " in row["deciding_cue"]


@pytest.mark.parametrize("text, expected", [
    ("أغلقت فيسبوك متجرا في لندن.", "NONE"),  # closing a shop is not moderation
    ("أغلقت فيسبوك حسابات متطرفة.", "FAVOR"),
    ("قال الخبراء إن فيسبوك نشر أخبارا مزيفة.", "AGAINST"),  # spreading a harm
    ("نشرت فيسبوك إرشاداتها الداخلية.", "FAVOR"),  # publishing rules
    ("اعترفت فيسبوك بأن الروس استخدموا هويات زائفة.", "AGAINST"),  # admission
    ("غرمت المفوضية الأوروبية غوغل مبلغا قياسيا.", "AGAINST"),  # a sanction: the target is the patient
])
def test_the_object_decides_what_an_action_means(text, expected):
    assert label(text)["label"] == expected


def test_without_the_actions_mechanism_the_action_words_are_not_cues():
    for text, expected in [("أنذرت فيسبوك آلاف المستخدمين.", "FAVOR"),
                           ("اعترفت فيسبوك بأن الروس استخدموا هويات زائفة.", "AGAINST")]:
        assert label(text)["label"] == expected
        assert label(text, without="actions")["label"] == "NONE"


def test_a_harm_that_is_the_object_of_a_countering_act_does_not_count_against():
    text = "تعمل فيسبوك على مكافحة المعلومات المضللة."
    row = label(text)
    assert row["label"] == "FAVOR" and "problem_objects: the object of 'مكافحة'" in row["cues"]
    assert label(text, without="problem_objects")["label"] == "AGAINST"


def test_a_demanded_act_is_the_demanders_and_a_comparative_presupposes_a_shortfall():
    demanded = "طالبت المفوضية الأوروبية فيسبوك بحذف المحتوى المتطرف."
    row = label(demanded)
    assert row["label"] == "NONE" and "demanded ('طالبت')" in row["cues"]
    assert label(demanded, without="agents")["label"] == "FAVOR"
    faster = "طالبت المفوضية الأوروبية فيسبوك بحذف المحتوى المتطرف بشكل أسرع."
    assert label(faster)["label"] == "AGAINST"


def test_an_act_whose_subject_is_another_actor_or_done_through_the_platform_is_not_the_targets():
    through = "استغل المتطرفون منصات التواصل الاجتماعي مثل فيسبوك لنشر الدعاية."
    row = label(through)
    assert row["label"] == "NONE" and "agents: another actor's act" in row["cues"]
    assert label(through, without="agents")["label"] == "AGAINST"
    assert label("حذفت الحكومة الحسابات المتطرفة على فيسبوك.")["label"] == "NONE"
    assert label("حذفت فيسبوك الحسابات المتطرفة.")["label"] == "FAVOR"


def test_failing_at_a_countering_act_is_against():
    text = "فشلت فيسبوك في حذف المحتوى المتطرف."
    row = label(text)
    assert row["label"] == "AGAINST" and "negated by فشلت" in row["cues"]
    assert label(text, without="failure")["label"] == "FAVOR"


def test_a_later_clause_without_a_cue_does_not_decide():
    text = "تعاونت فيسبوك مع الشرطة، لكن التحقيق مستمر."
    assert label(text)["label"] == "FAVOR"
    row = label(text, without="contrast_uncued")
    assert row["label"] == "NONE" and "though it has no cue" in row["explanation"]


def test_a_participle_with_the_article_describes_and_does_not_act():
    assert label("وجد فيسبوك رابطا مع أحد الحسابات المحظورة.")["label"] == "NONE"
    assert label("وقالت فيسبوك إن الحسابات غير محظورة.")["label"] == "AGAINST"  # left up (10.5)


def test_an_unknown_mechanism_is_refused_by_name():
    with pytest.raises(ValueError, match=r"unknown mechanism\(s\) \['topics'\]"):
        label_text("حذفت فيسبوك حسابات.", TARGET, mechanisms=("actions", "topics"))


def test_every_action_is_written_in_the_forms_arabic_uses():
    table = load_lexicon().actions
    forms = {entry[1] for entry in table.actions}
    assert {"ازال", "زيل", "ازالة", "مزال"} <= forms  # perfect, imperfect stem, noun, participle (normalised)
    assert {"يحد من", "تحد من", "الحد من"} <= forms  # a two-letter stem stays as written
    classes = {entry[4] for entry in table.actions}
    assert classes <= set(actions.ACTION_CLASSES) and "sanction" in classes


def test_bad_action_data_is_refused_naming_the_file(tmp_path):
    from shutil import copy

    from arabic_media.paths import LEXICONS_DIR

    for name in actions.FILES:
        copy(LEXICONS_DIR / name, tmp_path / name)
    path = tmp_path / "company_actions.csv"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("remove,counter,FAVOR", "remove,cleanup,FAVOR", 1), encoding="utf-8")
    with pytest.raises(ValueError, match=r"company_actions\.csv: action 'remove': class 'cleanup'"):
        actions.load_action_lexicon(tmp_path)
    path.write_text(text.replace(",problem|content,", ",problems,", 1), encoding="utf-8")
    with pytest.raises(ValueError, match=r"object kind 'problems'"):
        actions.load_action_lexicon(tmp_path)
