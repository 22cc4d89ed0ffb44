"""The lexicons as data: every file loads, entries are in normalised form, aliases are
unique (`arabic_media.lexicons`, `arabic_media.actors`)."""

from __future__ import annotations

from arabic_media import stance
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
