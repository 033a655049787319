"""Where things are, named once: the project's folder, the default data folder and
warehouse, and the files a data folder holds besides the reports.

etl/ and board/ both read their paths here (board imports etl, never the other way).
The dashboard and the tests may point elsewhere (board.warehouse: FAZHI_DB, FAZHI_DATA).
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent  # the project's folder
DATA = ROOT / "data"  # the default data folder
DB = DATA / "warehouse.duckdb"  # the default warehouse, a build product
SCHEMA = ROOT / "etl" / "schema.sql"  # the warehouse's tables (read by etl/schema.py)

# Inside a data folder: the files that are not reports (a build does not read them as such)
REGISTRY_FILE = Path("registry") / "agencies.csv"  # the agencies (etl/registry.py)
CORRECTIONS_FILE = "corrections.csv"  # the reviewers' verdicts (etl/corrections.py)
ASSIGNMENTS_FILE = "assignments.csv"  # agency and year of parked reports (etl/assignments.py)
