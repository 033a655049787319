"""The extractor's shortcuts over lines, sentences and clauses say what the readings they
replaced say (etl/extract/text.py, etl/extract/document.py)."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from etl.extract import rows
from etl.extract.document import HEADING_OPENS, NONE_LINES
from etl.extract.patterns import CLAUSE_END, HEADING, MAX_SENTENCE, OUTLOOK_HEADING, SENTENCE_END
from etl.extract.text import _clauses, _lines, _run_re, _sentences, _spans
from etl.fast_regex import first_chars


def _sentences_as_before(norm: str, start: int, end: int):
    """_sentences as it was written, a generator over every run."""
    for m in _run_re(SENTENCE_END).finditer(norm, start, end):
        ss, se = m.span()
        if se - ss <= MAX_SENTENCE:
            yield ss, se
            continue
        piece = last = ss
        for cs, ce in _spans(norm, ss, se, CLAUSE_END):
            if ce - piece > MAX_SENTENCE:
                if last > piece:
                    yield piece, last
                piece = cs
                while ce - piece > MAX_SENTENCE:
                    yield piece, piece + MAX_SENTENCE
                    piece += MAX_SENTENCE
            last = ce
        if last > piece:
            yield piece, last


_PIECES = ["执法检查", "1,250", "12", ",", "，", "。", "！", "?", "\n", " ", "；", ":", "a" * 250]


@settings(max_examples=400)
@given(st.lists(st.sampled_from(_PIECES), max_size=20).map("".join), st.integers(0, 30))
def test_splits_are_the_spans(text, cut):
    s = min(cut, len(text))
    assert _lines(text) == list(_spans(text, 0, len(text), "\n"))
    for a, b in ((0, len(text)), (s, len(text)), (0, s)):
        assert _clauses(text, a, b) == list(_spans(text, a, b, CLAUSE_END))
        assert _sentences(text, a, b) == list(_sentences_as_before(text, a, b))


def test_none_lines_are_the_pattern():
    for line in ("无", "无。", "无.", "无无", "无，", "。", "无。。", "没有", ""):
        assert (line in NONE_LINES) == bool(re.fullmatch(r"无[。.]?", line))


def test_heading_opens():
    """Every character a heading's stripped line can open with is in HEADING_OPENS or a
    digit: the class of each pattern's first characters, less white space."""
    for pattern in (OUTLOOK_HEADING, HEADING):
        first = re.compile(f"[{first_chars(pattern.pattern)}]")
        for code in range(0x110000):
            c = chr(code)
            if first.match(c) and not c.isspace():
                assert c in HEADING_OPENS or c.isdecimal(), (pattern.pattern, c)


_CELLS = ["12", "1,250", "0", " ", "|", "\t", "\u3000", "行政复议", "总计", "维持", "件", "a", "-3"]


@settings(max_examples=300)
@given(st.lists(st.lists(st.sampled_from(_CELLS), max_size=4).map("".join), max_size=24))
def test_review_runs_open_where_table_row_looks(cells):
    """table_row asks rows.review_run only of a line that ends with a digit or a pipe once
    stripped: review_run finds nothing at any other line."""
    norm = "行政复议 行政诉讼 总计\n" + "\n".join(cells)
    lines = _lines(norm)
    for n, (ls, le) in enumerate(lines):
        line = norm[ls:le].strip()
        if line and not (line[-1].isdigit() or line[-1] == "|"):
            assert rows.review_run(norm, lines, n) is None, (n, line)


@given(st.text(alphabet=st.sampled_from(list("报告 \n\t\u3000\x0b\x85\u2028a1")), max_size=30))
def test_paragraph_starts_are_the_pattern(text):
    from etl.identify import NON_BLANK_LINE
    from etl.pipeline import _paragraph_starts

    assert _paragraph_starts(text) == [m.start() for m in NON_BLANK_LINE.finditer(text)]


def test_wide_opens():
    """take asks wide() only of a clause opening with white space or a WIDE_OPENS character:
    the first characters of WIDE, less white space."""
    from etl.extract.document import WIDE_OPENS
    from etl.extract.patterns import WIDE

    first = re.compile(f"[{first_chars(WIDE.pattern)}]")
    for code in range(0x110000):
        c = chr(code)
        if first.match(c) and not c.isspace():
            assert c in WIDE_OPENS, c


@given(
    st.text(alphabet=st.sampled_from(list("报告 \n\t\u3000\x0b\x85\u2028a1")), max_size=30),
    st.integers(1, 5),
    st.integers(0, 30),
)
def test_non_blank_lines_are_the_pattern(text, most, upto):
    """identify._head's lines: NON_BLANK_LINE's matches up to a place, at most so many."""
    from etl.identify import NON_BLANK_LINE, non_blank_lines

    expected = []
    for m in NON_BLANK_LINE.finditer(text, 0, min(len(text), upto)):
        expected.append(m.span())
        if len(expected) >= most:
            break
    assert non_blank_lines(text[:upto], most) == expected


_PLAIN_PIECES = ["执法检查", "1,250", "12", ",", "。", " ", ";", ":", "a" * 250, "3", "5,", ",7"]


@settings(max_examples=600)
@given(st.lists(st.sampled_from(_PLAIN_PIECES), max_size=20).map("".join), st.integers(0, 30))
def test_plain_splits_are_the_patterns(text, cut):
    """_sentences and _clauses told that their window holds only 。 (sentences) or only
    , ; : (clauses) as marks split it as the patterns do."""
    s = min(cut, len(text))
    for a, b in ((0, len(text)), (s, len(text)), (0, s)):
        assert _sentences(text, a, b, True) == _sentences(text, a, b)
        for ss, se in _sentences(text, a, b):  # a sentence holds no 。
            assert _clauses(text, ss, se, True) == list(_spans(text, ss, se, CLAUSE_END))


@settings(max_examples=400)
@given(st.text(alphabet=" \t\r\u3000ab执", max_size=12), st.integers(0, 12), st.integers(0, 12))
def test_quote_is_strip_span(text, a, b):
    """_quote: the span _strip_span gives, and the text there."""
    from etl.extract.text import _quote, _strip_span

    s, e = min(a, b, len(text)), min(max(a, b), len(text))
    qs, qe = _strip_span(text, s, e)
    assert _quote(text, s, e) == (text[qs:qe], qs, qe)
