"""The lexicons as data: every file loads, entries are in normalised form, aliases are
unique (`arabic_media.lexicons`, `arabic_media.actors`)."""

from __future__ import annotations

import pandas as pd
import pytest

from arabic_media import stance
from arabic_media import terms as T
from arabic_media.lexicons import read_lexicon
from arabic_media.lexicons import load_actors
from arabic_media.paths import LEXICONS_DIR
from arabic_media.text import normalize


def test_every_target_file_loads_against_the_gazetteer():
    files = sorted((LEXICONS_DIR / "targets").glob("*.csv"))
    assert {f.stem for f in files} >= {"us_tech_companies", "french_authorities"}
    for file in files:
        target = stance.load_target(file.stem)
        assert target.aliases


def test_lexicon_entries_are_written_in_normalised_form():
    lexicon = stance.load_lexicon()
    for _, key, *_ in lexicon.cues + lexicon.negators + lexicon.markers:
        assert normalize(key) == key, key


def test_actor_aliases_are_unique_to_one_actor():
    actors = load_actors()
    owner = {}
    for actor_id, aliases in zip(actors["actor_id"], actors["aliases"]):
        for alias in aliases:
            key = normalize(alias)
            assert owner.setdefault(key, actor_id) == actor_id, (alias, owner[key], actor_id)


def test_stopwords_are_normalised_and_have_clitic_variants():
    stop = T.load_stopwords()
    assert all(normalize(w) == w for w in stop)
    assert all(not w.startswith("#") and w.strip() == w for w in stop)
    # bases from stopwords-iso, with clitic prefixes and pronoun suffixes
    for word in ["في", "وفي", "التي", "الي", "علي", "عليها", "انهم", "وهذا", "لهذا", "فيما", "و"]:
        assert word in stop, word
    # junk of the source is gone
    for junk in ["،", "", "و6", "برس", "مايو", "زيارة"]:
        assert junk not in stop, junk


def test_reporting_terms_are_never_stop_words():
    stop = T.load_stopwords()
    reporting = T.load_reporting_terms()
    assert set(reporting["category"]) == {"reporting_verb", "attribution"}
    forms = dict(zip(reporting["norm"], reporting["category"]))
    for word in ["قال", "ذكر", "أضاف", "اعتبر", "أشار", "أكد", "نشر", "وقالت", "وذكرت", "وأضافت",
                 "واعتبرت", "أشارت", "أكدوا", "نشرت"]:
        assert forms.get(normalize(word)) == "reporting_verb", word
    assert forms["الصحيفة"] == "attribution"
    assert not set(forms) & stop


def raw_lexicon(name: str) -> pd.DataFrame:
    """A lexicon CSV as stored, bypassing the loaders (which normalise or check)."""
    return pd.read_csv(LEXICONS_DIR / name, dtype=str, keep_default_na=False)


@pytest.mark.parametrize(("name", "column"), [
    ("glossary.csv", "term"),
    ("grouping_gold.csv", "norm"),
    ("grouping_gold.csv", "group"),
    ("grouping_gold_heldout.csv", "norm"),
    ("grouping_gold_heldout.csv", "group"),
    *[("company_actions.csv", c) for c in ("past", "present", "noun", "participle")],
    ("action_objects.csv", "word"), ("failure_verbs.csv", "failure"), ("obligation_markers.csv", "marker"),
    ("shortfall_words.csv", "word"), ("source_head_nouns.csv", "noun"), ("venue_words.csv", "word"),
    ("source_stop_words.csv", "word"), ("attribution_cues.csv", "cue"), ("attribution_anaphors.csv", "anaphor"),
])
def test_lexicon_files_store_normalised_arabic(name, column):
    # read the file itself: load_glossary normalises its keys, so checking its output
    # could not fail
    stored = [w for cell in raw_lexicon(name)[column] for w in cell.split("|")]
    assert [w for w in stored if normalize(w) != w] == []


def test_glossary_and_gold_load():
    glossary = T.load_glossary()
    assert glossary["تنظيم"] and len(glossary) == len(raw_lexicon("glossary.csv"))
    gold = T.load_grouping_gold()
    assert list(gold.columns) == ["norm", "group"]
    assert gold["norm"].is_unique
    truth = dict(zip(gold["norm"], gold["group"]))
    assert truth["شركات"] == truth["لشركات"] == truth["الشركات"]
    heldout = T.load_grouping_gold("heldout")
    assert heldout["norm"].is_unique and len(heldout) >= 30
    candidates = T.load_grouping_candidates()
    assert set(candidates["norm"]) == set(gold["norm"]) | set(heldout["norm"])


def test_heldout_gold_has_no_word_of_the_article(study_article):
    """The point of the held-out list: the splitter's rules were not made from these
    words. About the study's article (by id), not whatever a user adds to the corpus."""
    article = set(study_article.tokens["norm"])
    heldout = T.load_grouping_gold("heldout")
    assert not set(heldout["norm"]) & article


def test_read_lexicon_checks_the_header_and_names_the_file(tmp_path):
    good = tmp_path / "glossary.csv"
    good.write_text("term,gloss_en,note\nفرنسا,France,x\nNA,,\n", encoding="utf-8")
    table = read_lexicon(good, ["gloss_en", "term"])
    assert list(table.columns) == ["gloss_en", "term"]  # asked order; extra column dropped
    assert table["term"].tolist() == ["فرنسا", "NA"] and table["gloss_en"].tolist() == ["France", ""]
    bad = tmp_path / "reporting_terms.csv"
    bad.write_text("norm,lemma\nقال,قال\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"^reporting_terms\.csv: .*missing column\(s\) \['category'\]") as error:
        T.load_reporting_terms(bad)
    assert str(tmp_path) not in str(error.value)  # no machine path in the message
    with pytest.raises(FileNotFoundError, match=r"^absent\.csv: no such lexicon file"):
        T.load_glossary(tmp_path / "absent.csv")
    with pytest.raises(FileNotFoundError, match="stopwords"):
        T.load_stopwords(tmp_path / "stopwords.txt")


def test_read_lexicon_refuses_a_row_with_a_stray_comma(tmp_path):
    """An unquoted comma in a note makes one field more: pandas would shift the row onto
    an index silently; the reader names the line instead."""
    shifted = tmp_path / "obligation_markers.csv"
    shifted.write_text("marker,note\nيجب على,a duty, demanded\nطالب,\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"^obligation_markers\.csv, line 2: 3 fields where the header has 2"):
        read_lexicon(shifted, ["marker"])
    shifted.write_text('marker,note\nيجب على,"a duty, demanded"\nطالب,\n', encoding="utf-8")
    assert read_lexicon(shifted, ["marker"])["marker"].tolist() == ["يجب على", "طالب"]


def test_loaders_check_their_columns(tmp_path):
    wrong = tmp_path / "wrong.csv"
    wrong.write_text("word,label\nفرنسا,فرنسا\n", encoding="utf-8")
    loaders = (T.load_glossary, lambda path: T.load_grouping_gold(path=path), T.load_grouping_candidates,
               T.load_reporting_terms)
    for loader in loaders:
        with pytest.raises(ValueError, match=r"^wrong\.csv: header is \['word', 'label'\]"):
            loader(wrong)
    twice = tmp_path / "twice.csv"
    twice.write_text("term,gloss_en\nأمريكية,American\nامريكية,American (again)\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"^twice\.csv: terms repeated after normalisation: \['امريكية'\]"):
        T.load_glossary(twice)
    twice.write_text("norm,group\nشركات,شركة\nشركات,شركات\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"^twice\.csv: words listed twice"):
        T.load_grouping_gold(path=twice)


def test_gloss_lookup_by_normalised_form():
    glossary = {"امريكية": "American", "تنظيم الدولة": "Islamic State"}
    # any spelling finds the normalised key; an unknown term gets ""
    assert T.lookup_glosses(["أمريكية", "امريكية", "تنظيم الدولة", "فرنسا"], glossary) == [
        "American", "American", "Islamic State", ""]
    assert T.lookup_glosses(["الصحيفة"]) == ["the newspaper"]  # default: glossary.csv
