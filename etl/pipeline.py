"""One file in, one processed document (or a rejection with its reason) out.

This is the unit of work of both `python -m etl extract` and `python -m etl build`; it
touches no database, so the build can run it in worker processes.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from etl.model import Fact


class Rejected(Exception):
    """A file set aside. `reason` says in plain words what is wrong and how to fix it."""

    def __init__(self, reason: str, detail: str = ""):
        super().__init__(reason)
        self.reason = reason
        self.detail = detail


@dataclass
class Processed:
    path: Path
    doc_id: str  # sha256 of the bytes, 16 hex digits
    kind: str  # report | table
    format: str  # txt | docx | pdf | csv | xlsx
    encoding: str | None
    title: str
    agency: str | None  # canonical name of the reporting agency (None for a table)
    year: int | None  # the year covered (None for a table)
    text: str | None  # the text that fact spans refer to (reports)
    facts: list[Fact] = field(default_factory=list)  # fact.agency: canonical names
    problems: list[str] = field(default_factory=list)  # rows set aside, with where and why


def content_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:16]


def process_file(path: Path, registry, *, strict: bool) -> Processed:
    """Read, identify and extract one file. Raises Rejected.

    strict=True (the build): the agency must be in the registry. strict=False (extract):
    an agency not in the registry is kept under the name its title gives."""
    raise NotImplementedError  # filled in by etl/identify.py + etl/extract.py
