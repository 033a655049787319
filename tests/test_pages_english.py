"""Every page in English (?lang=en), on the bundled data: what a reader sees fits and reads
as English.
"""

from __future__ import annotations

import pandas as pd
import pytest

from board import tables


@pytest.mark.parametrize(
    ("cell", "wide"),
    [("Earthquake Bureau", False), ("Items proactively disclosed", False),
     ("2016, 2018, 2020–2021, 2023, 2025", True), ("2016–2017年、2019–2025年", False),
     ("宁安县市场监督管理局综合行政执法大队", True), ("区知识产权局", False)],
)  # fmt: skip
def test_a_column_is_wide_by_how_wide_its_text_is_drawn(cell, wide):
    """English names of 17 characters took the wide setting meant for long Chinese text:
    on 对比's first-and-last table the first, last and change columns were out of view."""
    df = pd.DataFrame({"a": [cell, "x"]})
    assert (tables.long_columns(df) == ["a"]) is wide
