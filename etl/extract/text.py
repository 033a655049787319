"""Splitting normalised text into lines, sentences and clauses, and the spans that
numbers inside quotes, titles and document numbers fall in.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import cache, lru_cache

from etl.extract.patterns import _PROTECTED, CLAUSE_END, MAX_SENTENCE, SENTENCE_END

assert "," not in SENTENCE_END  # _sentences splits at them as _spans would


@lru_cache(maxsize=1)
def _protected(norm: str) -> tuple[tuple[int, int], ...]:
    """Spans inside quotes, book titles and document-number brackets (opener, closer).
    (Kept for the last text: the extraction and then the claims of a report ask.)"""
    return tuple((m.start(), m.end() - 1) for m in _PROTECTED.finditer(norm))


def _inside(pos: int, spans: list[tuple[int, int]]) -> bool:
    """Strictly inside one of the sorted, non-overlapping spans."""
    i = bisect_left(spans, (pos,)) - 1
    return i >= 0 and spans[i][0] < pos < spans[i][1]


def _spans(norm: str, start: int, end: int, stops: str):
    """Split norm[start:end] at any character of stops; yields (s, e) without the stop.
    A comma between digits (1,250) is a thousands separator, not a break."""
    runs = _run_re(stops).finditer(norm, start, end)
    if "," not in stops:
        for m in runs:
            yield m.start(), m.end()
        return
    # Runs between stops, then a run that ends in a digit glued by one comma to a run that
    # opens with one: a plain character class scans many times faster than the regex
    # that knows the thousands comma, and a text has few of those.
    s = e = -1
    for m in runs:
        ms, me = m.span()
        if (
            s >= 0
            and ms == e + 1
            and norm[e] == ","
            and norm[e - 1].isdecimal()
            and norm[ms].isdecimal()
        ):
            e = me
            continue
        if s >= 0:
            yield s, e
        s, e = ms, me
    if s >= 0:
        yield s, e


def _sentences(norm: str, start: int, end: int, plain: bool = False) -> list[tuple[int, int]]:
    """The sentences of norm[start:end]; long ones in pieces of at most MAX_SENTENCE.
    plain: the caller knows that the window holds no sentence mark but 。 (a line of a
    text without !?！？): its sentences are then found by str.find, not by a pattern
    tried at every character."""
    if plain and end - start <= MAX_SENTENCE:
        return _split_at(norm, start, end, "。")
    # (_spans without its generator: sentence marks hold no comma)
    runs = _run_re(SENTENCE_END).finditer(norm, start, end)
    if end - start <= MAX_SENTENCE:
        return [m.span() for m in runs]  # none too long (most lines): no pieces
    return list(_pieces(norm, runs))


def _clauses(norm: str, start: int, end: int, plain: bool = False) -> list[tuple[int, int]]:
    """_spans(norm, start, end, CLAUSE_END), as a list; where no comma stands between two
    digits (most sentences) there is no thousands comma to glue runs over.
    plain: the caller knows that the window holds no clause mark but , ; and : (a sentence
    of a text without ，；：): where it holds no ; or : either (most sentences), its clauses
    are found by str.find of the commas, a thousands comma (a digit either side) glued
    over as _spans does."""
    if plain and norm.find(";", start, end) < 0 and norm.find(":", start, end) < 0:
        return _split_at(norm, start, end, ",", glue_digits=True)
    if THOUSANDS.search(norm, start, end) is None:
        return [m.span() for m in _run_re(CLAUSE_END).finditer(norm, start, end)]
    return list(_spans(norm, start, end, CLAUSE_END))


# a comma between two digits (1,250), written to open with the comma, which re finds fast
# (a normalised text's every ， is a ,); \d is str.isdecimal, as in _spans
THOUSANDS = re.compile(r",(?<=\d,)(?=\d)")


def _lines(norm: str) -> list[tuple[int, int]]:
    """_spans(norm, 0, len(norm), "\n"), as a list: the runs between newlines (found by
    str.find, not by a pattern's run tried at every character)."""
    return _split_at(norm, 0, len(norm), "\n")


def _split_at(norm: str, start: int, end: int, mark: str, glue_digits: bool = False):
    """The runs of norm[start:end] between one-character `mark`s, found by str.find (not
    by a pattern tried at every character), empty runs dropped, as _spans gives them.
    glue_digits: a mark with a digit either side (the comma of 1,250) splits nothing."""
    out = []
    k = norm.find(mark, start, end)
    while k >= 0:
        if (
            glue_digits
            and k > start
            and k + 1 < end
            and norm[k - 1].isdecimal()
            and norm[k + 1].isdecimal()
        ):
            k = norm.find(mark, k + 1, end)  # 1,250: one run
            continue
        if k > start:
            out.append((start, k))
        start = k + 1
        k = norm.find(mark, start, end)
    if start < end:
        out.append((start, end))
    return out


def _pieces(norm: str, runs):
    """The sentences of runs (matches of a sentence's run), those longer than MAX_SENTENCE
    in pieces cut at clause marks where there are any."""
    for m in runs:
        ss, se = m.span()
        if se - ss <= MAX_SENTENCE:
            yield ss, se
            continue
        piece = last = ss  # the piece being gathered and the end of its last clause
        for cs, ce in _spans(norm, ss, se, CLAUSE_END):
            if ce - piece > MAX_SENTENCE:
                if last > piece:
                    yield piece, last
                piece = cs
                while ce - piece > MAX_SENTENCE:  # no clause mark for too long: cut anyway
                    yield piece, piece + MAX_SENTENCE
                    piece += MAX_SENTENCE
            last = ce
        if last > piece:
            yield piece, last


@cache
def _run_re(stops: str) -> re.Pattern:
    return re.compile(rf"[^{re.escape(stops)}]+")


def _strip_span(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s] in " \t\r\u3000":
        s += 1
    while e > s and text[e - 1] in " \t\r\u3000":
        e -= 1
    return s, e


def _quote(text: str, s: int, e: int) -> tuple[str, int, int]:
    """text[s:e] without what _strip_span strips from its ends, and its span: what
    _strip_span's loops give, by str.strip (tests/test_text_shortcuts.py)."""
    quote = text[s:e]
    kept = quote.strip(STRIPPED)
    if len(kept) != len(quote):
        s += len(quote) - len(quote.lstrip(STRIPPED))
        return kept, s, s + len(kept)
    return quote, s, e


STRIPPED = " \t\r\u3000"  # (what _strip_span strips)


def _clause_start(norm: str, pos: int) -> int:
    i = pos
    while i > 0 and norm[i - 1] not in CLAUSE_END:
        i -= 1
    return i


def _clause_end(norm: str, pos: int) -> int:
    i = pos
    while i < len(norm) and norm[i] not in CLAUSE_END:
        i += 1
    return i


def _between(marks: list, s: int, e: int) -> list:
    """The items of sorted (position, …) marks with s <= position < e."""
    if not marks or marks[-1][0] < s or marks[0][0] >= e:
        return []
    return marks[bisect_left(marks, (s,)) : bisect_left(marks, (e,))]
