"""The notebooks' views (`arabic_media.display`): right-to-left tables and printed lines
whose numbers, ranges and Latin runs are isolated. The rendering itself is checked in a
real browser (``tests/browser/``); here, the markup and the isolates."""

from __future__ import annotations

import pandas as pd
import pytest

from arabic_media.display import LRI, PDI, RLI, ltr_text, rtl_table, rtl_text, show_lines


@pytest.mark.parametrize("text, expected", [
    ("-5.0", "-5.0"),  # no Arabic: a cell of its own direction, nothing to isolate
    ("أكد -5.0 مرة", f"أكد {LRI}-5.0{PDI} مرة"),
    ("التعاون [1573-1580] AGAINST 2 (negated by رفضت)", f"التعاون {LRI}[1573-1580] AGAINST 2 (negated by رفضت){PDI}"),
    ("شركات أمريكية [0-13] us_companies", f"شركات أمريكية {LRI}[0-13] us_companies{PDI}"),
    ("تنظيم، 16 مرة", f"تنظيم، {LRI}16{PDI} مرة"),
    ("الشركات", "الشركات"),
])
def test_rtl_text_isolates_each_left_to_right_run(text, expected):
    assert rtl_text(text) == expected
    assert rtl_text(text).replace(LRI, "").replace(PDI, "") == text  # nothing else changes


def test_ltr_text_isolates_each_arabic_run():
    line = "شركات أمريكية: 16 (26.6 per 1,000 tokens)"
    assert ltr_text(line) == f"{RLI}شركات أمريكية{PDI}: 16 (26.6 per 1,000 tokens)"
    assert ltr_text("no Arabic, 3 numbers") == "no Arabic, 3 numbers"


def test_show_lines_prints_each_line_isolated(capsys):
    show_lines("قال: 3", ["a 1", "ب 2"])
    assert capsys.readouterr().out.splitlines() == [f"{RLI}قال{PDI}: 3", "a 1", f"{RLI}ب{PDI} 2"]


def test_table_is_right_to_left_with_cells_of_their_own_direction_and_scrolls():
    html = rtl_table(pd.DataFrame({"text": ["<نص> -5"], "n": [1], "x": [0.5]}), caption="a & b").data
    assert '<table dir="rtl">' in html and 'style="overflow-x:auto"' in html
    assert html.count('dir="auto"') == 3 + 3 + 1  # three headers, three cells, the caption
    assert f"&lt;نص&gt; {LRI}-5{PDI}" in html and "a &amp; b" in html
    assert "<td dir=\"auto\">0.500</td>" in html  # floats written with three decimals


def test_line_breaks_show_as_a_mark_and_the_frame_is_untouched():
    frame = pd.DataFrame({"text": ['ترجمته "\nعربي21"'], "n": [3]})
    html = rtl_table(frame).data
    assert "ترجمته &quot; ⏎ عربي" in html
    assert "\n" not in html.split("<table", 1)[1]
    assert frame.loc[0, "text"] == 'ترجمته "\nعربي21"'


def test_missing_values_are_empty_cells_and_the_same_frame_gives_the_same_html():
    frame = pd.DataFrame({"a": ["س", None], "b": [1.0, float("nan")]})
    html = rtl_table(frame).data
    assert html.count('<td dir="auto"></td>') == 2
    assert rtl_table(frame).data == html
