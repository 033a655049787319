"""A sentence's subjects taken from one scan of the whole text (owners.Subjects) are those
a scan of the sentence alone finds, wherever the sentence starts and ends: also inside a
name (a long sentence is cut in pieces at any character)."""

from __future__ import annotations

import random
import re

import pytest

from etl.extract.owners import Subjects, _subject_marks, owners_for
from etl.normalize import normalise
from etl.registry import Registry
from tests.conftest import DATA

REGISTRY = Registry.load(DATA)

TEXTS = [
    "我局联合区知识产权局开展执法检查5次，区知识产权局查处案件3件；我区地震局、区地震局开展检查2次。",
    "本局对区地震局开展督查，局机关全年办理复议1件，市知识产权局受理4件，周村区知识产权局办理6件。",
    "区知识产权局区知识产权局我局我局全局局党组" * 3,
]


@pytest.mark.parametrize("text", TEXTS)
@pytest.mark.parametrize("reporter", ["周村区科学技术局", "张店区科技局"])
def test_every_window_as_scanned_alone(text, reporter):
    norm = normalise(text)
    owners = owners_for(reporter, REGISTRY)
    subjects = Subjects(norm, owners)
    assert subjects.named and subjects.own  # the texts name bodies and the reporter
    for s in range(len(norm)):
        for e in range(s + 1, len(norm) + 1):
            assert _subject_marks(norm, s, e, owners, (), subjects) == _subject_marks(
                norm, s, e, owners
            ), (s, e)


def test_random_windows_of_a_long_text():
    norm = normalise("".join(TEXTS) * 4)
    owners = owners_for("周村区科学技术局", REGISTRY)
    subjects = Subjects(norm, owners)
    rng = random.Random(16)
    for _ in range(2000):
        s = rng.randrange(len(norm))
        e = rng.randrange(s + 1, len(norm) + 1)
        assert _subject_marks(norm, s, e, owners, (), subjects) == _subject_marks(
            norm, s, e, owners
        )


def _as_written(owners) -> re.Pattern:
    """The names' pattern as written: one lookbehind before all of them."""
    alt = "|".join(re.escape(n) for n in sorted(owners.lookup, key=len, reverse=True))
    return re.compile(rf"(?<![省市国家])(?:{alt})")


@pytest.mark.parametrize("reporter", ["周村区科学技术局", "张店区科技局", "博山区科学技术局"])
def test_names_pattern_as_written(reporter):
    owners = owners_for(reporter, REGISTRY)
    assert owners.pattern is not None
    written = _as_written(owners)
    rng = random.Random(7)
    names = sorted(owners.lookup)
    pieces = [*names, *"省市国家区县我局，。", "市" + names[0], "全省" + names[-1]]
    for text in [*TEXTS, *("".join(rng.choices(pieces, k=8)) for _ in range(300))]:
        for s in range(0, len(text), 3):
            found = [m.span() for m in owners.pattern.finditer(text, s)]
            assert found == [m.span() for m in written.finditer(text, s)]
