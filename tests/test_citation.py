"""``CITATION.cff`` is valid Citation File Format 1.2.0: checked against the CFF schema
vendored in ``tests/data/citation-file-format/`` (Draft-07 JSON Schema), offline, with the
installed ``jsonschema`` and ``PyYAML``. A second test shows the check can fail."""

from __future__ import annotations

import copy
import datetime
import hashlib
import json

import jsonschema
import pytest
import yaml

from arabic_media import paths

CITATION = paths.PROJECT_ROOT / "CITATION.cff"
SCHEMA = paths.PROJECT_ROOT / "tests" / "data" / "citation-file-format" / "schema-1.2.0.json"
#: The sha256 of the schema as copied from cffconvert 2.0.0 (its README says where from).
SCHEMA_SHA256 = "0b8d22140da702d766df318dcff3a91af2f39521298dcf36d76315fd99cc169b"


def _dates_as_text(value):
    """YAML reads an unquoted ``2021-01-01`` as a date; the schema wants the string, as its
    own note to implementers says."""
    if isinstance(value, dict):
        return {key: _dates_as_text(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_dates_as_text(item) for item in value]
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    return value


def citation() -> dict:
    return _dates_as_text(yaml.safe_load(CITATION.read_text(encoding="utf-8")))


def problems(document: dict) -> list[str]:
    """Every way ``document`` breaks the CFF 1.2.0 schema, as readable messages."""
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    validator = jsonschema.Draft7Validator(schema, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER)
    return [f"{'/'.join(map(str, error.absolute_path)) or '(top)'}: {error.message}"
            for error in validator.iter_errors(document)]


def test_the_vendored_schema_is_the_published_one():
    assert hashlib.sha256(SCHEMA.read_bytes()).hexdigest() == SCHEMA_SHA256
    assert json.loads(SCHEMA.read_text(encoding="utf-8"))["$schema"].startswith("http://json-schema.org/draft-07/")


def test_citation_file_is_valid_cff_1_2_0():
    document = citation()
    assert document["cff-version"] == "1.2.0"
    assert problems(document) == []


def test_citation_names_the_study_its_licence_and_the_corpus_paper():
    document = citation()
    assert document["license"] == "MIT"
    assert document["version"] == "0.1.0"
    dois = {reference.get("doi") for reference in document["references"]}
    assert "10.1007/s13369-020-05258-z" in dois


@pytest.mark.parametrize("broken", ["title", "authors", "message"])
def test_validation_fails_on_a_copy_without_a_required_key(broken):
    document = copy.deepcopy(citation())
    del document[broken]
    found = problems(document)
    assert any(f"'{broken}' is a required property" in message for message in found), found


def test_validation_fails_on_a_reference_of_an_unknown_type():
    document = copy.deepcopy(citation())
    document["references"][0]["type"] = "tweet"
    assert any(message.startswith("references/0/type") for message in problems(document))
