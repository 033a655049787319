"""The subtitle's note lines (board.chart_words.note_lines): every note shown whole, joined
in the language's own way, on lines a chart about half the page wide can show."""

from __future__ import annotations

import pytest

from board import i18n
from board.chart_words import note_lines

ZH = ["含演示数据（浅色标记）", "空心点为未核实数值", i18n.t("dp_chart_note", "zh")]
EN = ["includes demo data (lighter marks)", "hollow: not verified", i18n.t("dp_chart_note", "en")]


@pytest.mark.parametrize(("notes", "sep"), [(ZH, "；"), (EN, "; ")], ids=["zh", "en"])
def test_notes_are_joined_in_their_language_and_never_cut(notes, sep):
    lines = note_lines(notes, most=42)
    text = "".join(lines)
    for n in notes:
        assert n in text  # whole, never split over two lines
    assert ("；" in text) == (sep == "；")  # no Chinese semicolon between English notes
    assert all(len(line) <= 42 or line.rstrip(";；") in notes for line in lines)


def test_one_note_is_one_line_without_a_separator():
    assert note_lines(["含演示数据（浅色标记）"]) == ["含演示数据（浅色标记）"]
