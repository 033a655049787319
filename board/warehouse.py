"""Where the warehouse is, and a read-only way to query it that sees every rebuild.

The ETL writes a new file and `os.replace()`s it over the old one. `duckdb.connect(path)`
inside one process keeps returning the cached old database, so instead one in-memory
connection ATTACHes the file READ_ONLY under an alias made of its inode and mtime: a
rebuilt file gets a new alias, and queries see it at once (design.md, "DuckDB locks").
"""

from __future__ import annotations

import contextlib
import os
import threading
import zlib
from dataclasses import dataclass
from pathlib import Path

import duckdb

from etl import paths

ENV_DB = "FAZHI_WAREHOUSE"  # path of the warehouse file (default data/warehouse.duckdb)
ENV_DATA = "FAZHI_DATA"  # the data folder it is built from (default data/)


def db_path() -> Path:
    return Path(os.environ.get(ENV_DB) or paths.DB)


def data_dir() -> Path:
    return Path(os.environ.get(ENV_DATA) or paths.DATA)


@dataclass(frozen=True)
class Version:
    """One version of the warehouse file: what the query cache is keyed on."""

    path: str
    inode: int
    mtime_ns: int

    @property
    def alias(self) -> str:
        return f"v_{self.inode}_{self.mtime_ns}_{zlib.crc32(self.path.encode()):08x}"


def current(path: Path | None = None) -> Version | None:
    p = Path(path or db_path())
    try:
        st = p.stat()
    except FileNotFoundError:
        return None
    return Version(str(p.resolve()), st.st_ino, st.st_mtime_ns)


_lock = threading.Lock()
_con: duckdb.DuckDBPyConnection | None = None
_attached: list[str] = []  # aliases, oldest first
KEEP_ATTACHED = 2  # the newest and the one before it (queries may still run on it)


def cursor(v: Version) -> duckdb.DuckDBPyConnection:
    """A cursor whose default catalog is version `v` of the warehouse, attached read-only."""
    global _con
    with _lock:
        if _con is None:
            _con = duckdb.connect(":memory:")
        if v.alias not in _attached:
            # The alias is made of two integers and the path is bound as a string literal
            # by DuckDB's own quoting; no user input reaches this statement.
            quoted = "'" + v.path.replace("'", "''") + "'"
            _con.execute(f"ATTACH {quoted} AS {v.alias} (READ_ONLY)")
            _attached.append(v.alias)
            while len(_attached) > KEEP_ATTACHED:
                old = _attached.pop(0)
                with contextlib.suppress(duckdb.Error):  # still in use by a running query
                    _con.execute(f"DETACH {old}")
        cur = _con.cursor()
    cur.execute(f"USE {v.alias}")
    return cur


def reset() -> None:
    """Forget every attached version (tests, benchmarks)."""
    global _con
    with _lock:
        if _con is not None:
            _con.close()
        _con = None
        _attached.clear()
