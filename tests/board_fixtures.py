"""Fixtures and helpers of the dashboard tests (test_board_*, test_pages_*, test_browser*).

The pages are tested on the bundled data: a warehouse built once per test session from
data/ (the demo corpus and the real 2018 report) by the ETL's own `etl.build.build`, into
a temporary folder, never over data/warehouse.duckdb. Import the fixtures you use:

    pytest_plugins = ["board_fixtures"]  # then use the fixtures by name

Test modules also import its helpers directly, before pytest loads it as a plugin, so its
asserts are left as they are (PYTEST_DONT_REWRITE); they carry their own messages.
"""

from __future__ import annotations

import io
import json
import os
import sys
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from board.pages_list import BY_ID  # noqa: E402 - once ROOT is on the path

TIMEOUT = 90


def build_bundled(db: Path) -> Path:
    from etl.build import build

    build(DATA, db)
    return db


@pytest.fixture(scope="session")
def bundled_wh(tmp_path_factory) -> Path:
    """The warehouse of the bundled data (built once per session)."""
    db = tmp_path_factory.mktemp("bundled") / "warehouse.duckdb"
    return build_bundled(db)


@pytest.fixture(scope="session")
def gen_wh(tmp_path_factory) -> Path:
    """A small generated warehouse (scripts/gen_warehouse.py): many conflicts, bounds, gaps."""
    sys.path.insert(0, str(ROOT / "scripts"))
    import gen_warehouse

    db = tmp_path_factory.mktemp("gen") / "gen.duckdb"
    gen_warehouse.generate(3000, db, seed=11)
    return db


@pytest.fixture
def use_wh(monkeypatch):
    """use_wh(path): point the app at a warehouse for this test."""

    def _use(path: Path) -> Path:
        monkeypatch.setenv("FAZHI_WAREHOUSE", str(path))
        monkeypatch.setenv("FAZHI_DATA", str(DATA))
        return path

    return _use


@pytest.fixture
def app(use_wh, bundled_wh):
    """new() -> an AppTest of the dashboard on the bundled warehouse (not yet run)."""
    use_wh(bundled_wh)
    return new_app


def new_app(query: dict | None = None):
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=TIMEOUT)
    for k, v in (query or {}).items():
        at.query_params[k] = v
    return at


def open_page(page: str, query: dict | None = None):
    """A new session that opens `page` first, the way a browser opens /趋势?ind=... ."""
    at = new_app(query)
    if page != "overview":
        at.switch_page(BY_ID[page].file)
    return at.run()


def assert_ok(at) -> None:
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]


def charts(at) -> list:
    return list(at.get("vega_lite_chart"))


def chart_spec(el) -> dict:
    return json.loads(el.proto.spec)


def chart_data(el) -> pd.DataFrame:
    """Every dataset of a chart, concatenated (Streamlit sends them as Arrow)."""
    frames = []
    for d in el.proto.datasets:
        frames.append(pa.ipc.open_stream(io.BytesIO(d.data.data)).read_pandas())
    if el.proto.data.data:
        frames.append(pa.ipc.open_stream(io.BytesIO(el.proto.data.data)).read_pandas())
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()


def chart_titles(spec: dict) -> str:
    """Title and subtitle text of a chart spec (top level)."""
    t = spec.get("title") or {}
    if isinstance(t, str):
        return t
    sub = t.get("subtitle") or ""
    return f"{t.get('text', '')} {' '.join(sub) if isinstance(sub, list) else sub}"


def chart_head(at, key: str) -> str:
    """The title and notes a page writes above the chart (or the panels) of `key`
    (board.ui.chart_head: a Vega subtitle cannot wrap on a phone), as text; '' if none. A
    panel's key starts with its panels' key (ap_items_approval_items: ap_items)."""
    import html
    import re

    for e in at.get("html"):
        body = str(e.proto.body)
        m = re.search(r'class="fz-head" data-chart="([^"]+)"', body)
        if m and (key == m.group(1) or key.startswith(m.group(1) + "_")):
            return html.unescape(re.sub(r"<br>", " ", re.sub(r"<(?!br>)[^>]+>", "", body)))
    return ""


def chart_words(at, el) -> str:
    """The words over a chart as a reader sees them: its spec's title and subtitle, and the
    head the page writes above it (chart_head)."""
    return f"{chart_titles(chart_spec(el))} {chart_head(at, el.key or '')}".strip()


def widget(at, key: str):
    for kind in ("multiselect", "slider", "toggle", "radio", "selectbox"):
        for w in getattr(at, kind):
            if w.key == key:
                return w
    raise KeyError(key)


def texts(at) -> str:
    """All markdown, caption, subheader, title and info text of the page, joined."""
    parts = []
    for kind in ("title", "subheader", "markdown", "caption", "info", "warning"):
        parts += [str(e.value) for e in getattr(at, kind)]
    parts += [str(e.proto.body) for e in at.get("html")]
    return "\n".join(parts)


def env_without(*names: str) -> dict:
    return {k: v for k, v in os.environ.items() if k not in names}
