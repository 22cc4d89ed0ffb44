"""Right-to-left HTML tables."""

from __future__ import annotations

import pandas as pd

from arabic_media.display import rtl_table


def test_table_is_right_to_left_and_escaped():
    html = rtl_table(pd.DataFrame({"text": ["<b>نص</b>"], "n": [1]}), caption="a & b").data
    assert 'dir="rtl"' in html and "direction:rtl" in html
    assert "&lt;b&gt;نص&lt;/b&gt;" in html and "a &amp; b" in html


def test_line_breaks_show_as_a_mark_and_the_frame_is_untouched():
    frame = pd.DataFrame({"text": ['ترجمته "\nعربي21"'], "n": [3]})
    html = rtl_table(frame).data
    assert "ترجمته \" ⏎ عربي21\"" in html
    assert "\\n" not in html
    assert frame.loc[0, "text"] == 'ترجمته "\nعربي21"'


def test_same_frame_gives_same_html():
    frame = pd.DataFrame({"a": ["س", "ص"]})
    assert rtl_table(frame).data == rtl_table(frame).data
