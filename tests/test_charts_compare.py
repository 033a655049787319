"""board.charts_compare._ends: each row's agency's first and last value of its indicator,
for the first/last chart's connecting line (what a pivot and a join gave before)."""

from __future__ import annotations

import math

import pandas as pd
import pytest
from board_fixtures import ROOT  # noqa: F401  (puts the project on sys.path)

from board import charts  # noqa: F401  (imports charts_compare after the shared parts)
from board.charts_compare import _ends

NAN = float("nan")


@pytest.mark.parametrize(
    ("what", "rows", "first", "last"),
    [
        ("both ends", [("i", "a", "first", 1.0), ("i", "a", "last", 4.0)], [1, 1], [4, 4]),
        ("one year only", [("i", "a", "first", 2.0)], [2], [NAN]),
        ("agencies apart", [("i", "a", "first", 1.0), ("i", "b", "first", 5.0),
                            ("i", "b", "last", 6.0)], [1, 5, 5], [NAN, 6, 6]),
        ("indicators apart", [("i", "a", "first", 1.0), ("j", "a", "first", 7.0)], [1, 7],
         [NAN, NAN]),
        ("a missing value", [("i", "a", "first", 1.0), ("i", "a", "last", NAN)], [1, 1],
         [NAN, NAN]),
    ],
)  # fmt: skip
def test_each_rows_ends(what, rows, first, last):
    df = pd.DataFrame(rows, columns=["indicator_id", "agency_id", "which", "value"],
                      index=[10 * n for n in range(len(rows))])  # fmt: skip
    got_first, got_last = _ends(df)
    for got, want in ((got_first, first), (got_last, last)):
        assert list(got.index) == list(df.index), what
        assert got.dtype == "float64"
        same = [(math.isnan(w) and math.isnan(g)) or g == w
                for g, w in zip(got, want, strict=True)]  # fmt: skip
        assert all(same), what
