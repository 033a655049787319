"""What the editing pages do with data/: append a verdict to data/corrections.csv or an
assignment of a parked report to data/assignments.csv (both under the lock of
etl.appendlog, so two editors saving at once both land), and rebuild the warehouse. The
build writes a new file and swaps it in, so the dashboard keeps serving the old warehouse
until the new one is complete (etl/warehouse.py); rebuilds of one server run one at a time
(they build in the same temporary file), so the second sees both saves."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from board import warehouse
from etl import assignments, corrections
from etl.registry import Registry

_rebuild_lock = threading.Lock()
QUOTE_MAX = 120  # characters of a candidate's sentence kept beside the reason


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


def adopt(*, path: str, quote: str, location: str, agency: str, year: int, indicator: str,
          value: float, reason: str, who: str) -> int:  # fmt: skip
    """Turn a candidate (a number set aside by the extractor) into a fact: a `corrected`
    row with no old value, so the build adds a fact of method 'correction' with this value
    for (agency, year, indicator), ahead of any value extracted for that key. source_doc
    is the report's path; the sentence and its place are kept beside the editor's reason,
    as the correction's fact shows its reason where other facts show their sentence.
    Returns the line number; raises corrections.BadCorrection or appendlog.AppendBusy."""
    if not reason.strip():
        raise corrections.BadCorrection("请写明采用的理由")
    where = f"{location}，" if location else ""
    said = " ".join(quote.split())
    said = said if len(said) <= QUOTE_MAX else said[: QUOTE_MAX - 1] + "…"
    full = f"{reason.strip()}（{where}原文：“{said}”）" if said else reason.strip()
    return record(agency=agency, year=year, indicator=indicator, old_value=None,
                  new_value=value, status="corrected", reason=full, who=who,
                  source_doc=path)  # fmt: skip


def assign(*, path: str, doc_id: str, agency: str, year: int, who: str, reason: str = "") -> int:
    """Append the agency and year of a parked report (by its content hash) to
    data/assignments.csv; returns its line number. Raises assignments.BadAssignment (an
    agency not in the registry, an impossible year) or appendlog.AppendBusy."""
    row = {
        "path": path, "doc_id": doc_id, "agency": agency, "year": int(year), "who": who,
        "when": datetime.now().strftime("%Y-%m-%d %H:%M:%S"), "reason": reason,
    }  # fmt: skip
    data = warehouse.data_dir()
    return assignments.append(assignments.path_in(data), row, Registry.load(data))


def rebuild(progress: Callable[..., None] | None = None):
    """Rebuild the warehouse from the data folder; returns the build Summary."""
    from etl.build import build

    with _rebuild_lock:
        return build(warehouse.data_dir(), warehouse.db_path(), progress=progress)
