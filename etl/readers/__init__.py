"""Readers turn a file into a TextDoc or a TableDoc, or raise ReadError with a reason.

One module per format; `read()` picks by content first and extension second.
"""

from __future__ import annotations

from pathlib import Path

from etl.model import ReadError, TableDoc, TextDoc

REPORT_SUFFIXES = {".txt", ".docx", ".pdf", ".html", ".htm", ".mht", ".mhtml"}
SCAN_SUFFIXES = {".png", ".jpg", ".jpeg"}  # read by OCR (etl/readers/ocr.py)
TABLE_SUFFIXES = {".csv", ".xlsx"}
SUPPORTED_SUFFIXES = REPORT_SUFFIXES | TABLE_SUFFIXES | SCAN_SUFFIXES


def read(path: Path) -> TextDoc | TableDoc:
    """Read one file. Raises ReadError with a plain reason for anything unusable."""
    from etl.readers.dispatch import read_file

    return read_file(Path(path))


__all__ = ["ReadError", "TableDoc", "TextDoc", "read", "SUPPORTED_SUFFIXES"]
