"""Shared test setup. ../shared (spec, dev set) is on developer machines and in CI but not
in a user's clone: tests that read it skip cleanly when it is absent."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
SHARED = ROOT.parent / "shared"
SEED = DATA / "reports" / "周村区科学技术局" / "区科技局2018年度法治政府建设情况报告.txt"


@pytest.fixture
def shared_dir() -> Path:
    if not (SHARED / "devset" / "gold.jsonl").exists():
        pytest.skip("../shared/devset is not here (it is not part of a user's clone)")
    return SHARED
