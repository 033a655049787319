"""What the editing pages do with data/: append a verdict to data/corrections.csv and
rebuild the warehouse. The build writes a new file and swaps it in, so the dashboard keeps
serving the old warehouse until the new one is complete (etl/warehouse.py)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from board import warehouse
from etl import corrections


def corrections_path() -> Path:
    """data/corrections.csv of the data folder the app builds from (FAZHI_DATA in tests)."""
    return corrections.path_in(warehouse.data_dir())


def record(*, agency: str, year: int, indicator: str, old_value, status: str, who: str,
           new_value=None, reason: str = "", source_doc: str = "") -> int:  # fmt: skip
    """Append one verdict; returns its line number. Raises corrections.BadCorrection."""
    row = {
        "agency": agency, "year": int(year), "indicator": indicator, "old_value": old_value,
        "new_value": new_value, "status": status, "reason": reason, "who": who,
        "when": datetime.now().strftime("%Y-%m-%d %H:%M:%S"), "source_doc": source_doc,
    }  # fmt: skip
    return corrections.append(corrections_path(), row)


def rebuild(progress: Callable[[int, int], None] | None = None):
    """Rebuild the warehouse from the data folder; returns the build Summary."""
    from etl.build import build

    return build(warehouse.data_dir(), warehouse.db_path(), progress=progress)
