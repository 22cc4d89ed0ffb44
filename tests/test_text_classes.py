"""The fast character classes of the tokenizer equal the plain per-code-point build."""

from __future__ import annotations

import re
import sys
import unicodedata

from arabic_media.text import _LINE_BREAKS, _class_range, _classes, _token_re


def _classes_one_code_point_at_a_time() -> dict[str, str]:
    """The former `text._classes`, kept as the definition the fast one must equal."""
    classes: dict[str, list[str]] = {"word": [], "format": [], "space": [], "blank": []}
    runs: dict[str, int | None] = dict.fromkeys(classes)
    for cp in range(sys.maxunicode + 2):
        if cp <= sys.maxunicode:
            ch = chr(cp)
            cat = unicodedata.category(ch)
            space = ch.isspace() or cat == "Cc"
            member = {
                "word": cat[0] in "LMN",
                "format": cat == "Cf",
                "space": space,
                "blank": (space or cat == "Cf") and ch not in _LINE_BREAKS,
            }
        else:
            member = dict.fromkeys(classes, False)  # closes every open run
        for name, inside in member.items():
            if inside and runs[name] is None:
                runs[name] = cp
            elif not inside and runs[name] is not None:
                classes[name].append(_class_range(runs[name], cp - 1))
                runs[name] = None
    return {name: "".join(ranges) for name, ranges in classes.items()}


def test_classes_equal_the_per_code_point_definition():
    assert _classes() == _classes_one_code_point_at_a_time()


def test_re_whitespace_is_str_isspace():
    everything = "".join(map(chr, range(sys.maxunicode + 1)))
    assert [m.start() for m in re.finditer(r"\s", everything)] == [i for i, c in enumerate(everything) if c.isspace()]


def test_token_pattern_is_built_from_the_classes():
    word = _classes()["word"]
    assert _token_re().pattern.startswith(f"[{word}]+")
