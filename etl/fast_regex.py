"""Patterns that re scans fast: behind a lookahead naming the characters a match can
start with.

re tries a pattern at every position of the text unless the pattern opens with a literal
or one character class; then it skips in C to where that character stands. Most of the
extractor's patterns open with an alternation of words or with a lookbehind, and are tried
in full at every character (40-80 ns a character, against a few for a class). A lookahead
of the possible first characters is tried first at each position and fails at once at
most of them: the same matches, two to five times faster.

The first characters are read from the parsed pattern (re's own parser). Where they cannot
be told (a pattern that may match the empty string, or open with any character, or a
parser this module does not know), the pattern is compiled as it is: this is only speed.
"""

from __future__ import annotations

import re

try:  # re's parser: private, so it is used only where it is known
    from re import _constants as sre
    from re import _parser as sre_parse
except ImportError:  # pragma: no cover - another Python
    sre = sre_parse = None

_CATEGORIES = {"CATEGORY_DIGIT": r"\d", "CATEGORY_SPACE": r"\s", "CATEGORY_WORD": r"\w"}


class _Unknown(Exception):
    """The first characters cannot be told (or are any character)."""


def fast(pattern: str, flags: int = 0) -> re.Pattern:
    """re.compile(pattern, flags), behind a lookahead of its first characters if they can
    be told: the same matches at the same places, with the same groups."""
    compiled = re.compile(pattern, flags)
    guard = _guard(pattern, flags)
    if guard is None:
        return compiled
    try:
        return re.compile(f"{guard}(?:{pattern})", flags)
    except re.error:  # pragma: no cover - e.g. global flags, which must open a pattern
        return compiled


def _guard(pattern: str, flags: int) -> str | None:
    """What fast() puts before a pattern: a lookahead of its first characters; for a
    pattern some of whose alternatives open with ^ (an indicator's words after a number,
    ^[^，,。；;]{0,10}案件, beside words that stand anywhere), ^ or a lookahead of the other
    alternatives' first characters. None when neither can be told."""
    first = first_chars(pattern, flags)
    if first is not None:
        return f"(?=[{first}])"
    if sre_parse is None or flags & (re.IGNORECASE | re.VERBOSE):
        return None
    try:
        items, nullable, anchored = _first_anchored(sre_parse.parse(pattern, flags))
    except _Unknown:
        return None
    if nullable or not anchored:
        return None  # (not anchored: first_chars would have told it)
    if not items:
        return "(?:^)"
    return f"(?:^|(?=[{''.join(sorted(set(items)))}]))"


def _first_anchored(seq) -> tuple[list[str], bool, bool]:
    """As _first, where a ^ that opens an alternative makes it match only where ^ holds,
    whatever follows: (class items of the other alternatives' first characters, whether
    the sequence may be empty, whether some alternative opens with ^)."""
    out: list[str] = []
    anchored = False
    for op, av in seq:
        name = str(op)
        if name == "AT" and str(av) in ("AT_BEGINNING", "AT_BEGINNING_STRING"):
            return out, False, True
        if name == "BRANCH":
            nullable = False
            for alt in av[1]:
                items, empty, at = _first_anchored(alt)
                out += items
                nullable, anchored = nullable or empty, anchored or at
        elif name == "SUBPATTERN":
            items, nullable, at = _first_anchored(av[3])
            out += items
            anchored = anchored or at
        else:
            items, nullable = _item(op, av)
            out += items
        if not nullable:
            return out, False, anchored
    return out, True, anchored


def first_chars(pattern: str, flags: int = 0) -> str | None:
    """The inside of a character class holding every character a match of pattern can
    start with, or None when that cannot be told."""
    if sre_parse is None or flags & (re.IGNORECASE | re.VERBOSE):
        return None
    try:
        items, nullable = _first(sre_parse.parse(pattern, flags))
    except _Unknown:
        return None
    if nullable or not items:
        return None  # it may match the empty string: at any position
    return "".join(sorted(set(items)))


def _first(seq) -> tuple[list[str], bool]:
    """(class items a match of the sequence can start with, whether it may be empty)."""
    out: list[str] = []
    for op, av in seq:
        items, nullable = _item(op, av)
        out += items
        if not nullable:
            return out, False
    return out, True


def _item(op, av) -> tuple[list[str], bool]:
    name = str(op)
    if name == "LITERAL":
        return [_char(av)], False
    if name == "IN":
        return _class(av), False
    if name in ("AT", "ASSERT", "ASSERT_NOT"):
        return [], True  # zero-width: the next item opens the match
    if name == "BRANCH":
        out, nullable = [], False
        for alt in av[1]:
            items, empty = _first(alt)
            out += items
            nullable = nullable or empty
        return out, nullable
    if name == "SUBPATTERN":
        return _first(av[3])
    if name == "ATOMIC_GROUP":
        return _first(av)
    if name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
        low, _, sub = av
        items, nullable = _first(sub)
        return items, nullable or low == 0
    raise _Unknown(name)  # ANY, NOT_LITERAL, GROUPREF, …


def _class(av) -> list[str]:
    out = []
    for op, x in av:
        name = str(op)
        if name == "LITERAL":
            out.append(_char(x))
        elif name == "RANGE":
            out.append(f"{_char(x[0])}-{_char(x[1])}")
        elif name == "CATEGORY" and str(x) in _CATEGORIES:
            out.append(_CATEGORIES[str(x)])
        else:
            raise _Unknown(name)  # NEGATE, other categories
    return out


def _char(code: int) -> str:
    return re.escape(chr(code)) if chr(code) in "\\]^-[" else chr(code)


def reach(pattern: re.Pattern) -> int | None:
    """How far from a text's end a match of a pattern that matches only at the end ($,
    without MULTILINE) can start, or None when that cannot be told: searched from there
    (pattern.search(text, len(text) - reach), a negative start being 0), it finds the
    match a search of the whole text finds, as none can start earlier (a lookbehind still
    sees the characters before where the search starts). For the words that must stand
    right before a number (比上年增加3次), looked for once a number in the text since the
    number before, often a whole clause."""
    if sre_parse is None or pattern.flags & re.MULTILINE:
        return None
    parsed = sre_parse.parse(pattern.pattern, pattern.flags)
    longest = parsed.getwidth()[1]
    if longest >= sre.MAXREPEAT or not _ends_at_end(list(parsed)):
        return None
    return longest + 1  # $ also matches before a newline that ends the text


def _ends_at_end(seq) -> bool:
    """Whether every match of the sequence ends where $ matches."""
    if not seq:
        return False
    op, av = seq[-1]
    name = str(op)
    if name == "AT":
        return str(av) == "AT_END"
    if name == "SUBPATTERN":
        return _ends_at_end(list(av[3]))
    if name == "BRANCH":
        return all(_ends_at_end(list(alt)) for alt in av[1])
    return False
