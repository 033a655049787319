"""docs/architecture.md names the file at each step: every path it names exists, so the page
cannot drift from the code unnoticed (a renamed or moved file fails here)."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "architecture.md"
# a path in backticks: has a slash or a known suffix (`etl/build.py`, `dashboard.py`)
PATH = re.compile(r"`([\w./\-一-龥]+\.(?:py|toml|sql|csv|duckdb|md))`")


def named_paths() -> list[str]:
    return sorted(set(PATH.findall(DOC.read_text(encoding="utf-8"))))


def test_the_page_names_the_files_of_each_step():
    paths = named_paths()
    assert len(paths) >= 30, paths  # the page really names its files
    for step in ("etl/pipeline.py", "board/queries.py", "board/charts.py", "board/deck.py"):
        assert step in paths


def test_every_path_it_names_exists():
    # files under data/ that a fresh clone makes on its first build are not required
    made_later = {"data/warehouse.duckdb", "data/corrections.csv", "data/assignments.csv"}
    missing = [p for p in named_paths() if p not in made_later and not (ROOT / p).exists()]
    assert not missing, f"docs/architecture.md names files that do not exist: {missing}"
