"""Build one data folder with two checkouts of the project and compare their fact tables row
by row: what an extractor change did to the facts, beyond a hash that only says that they moved.

    python scripts/compare_facts.py DATA OLD_CHECKOUT NEW_CHECKOUT

Each checkout builds DATA with its own code and its own .venv (a worktree of an older
commit: `git worktree add /tmp/old <commit>` and a link to this .venv). Prints the fact count
of each, the rows found in only one of them (a few of each), the same count ignoring the
number's span (num_start, num_end), and the rules of the rows that differ.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

import duckdb
from bench_etl import FACT_COLUMNS as COLS  # what the bench's facts_sha256 hashes

BUILD = (
    "import sys; from pathlib import Path; sys.path.insert(0, '.'); from etl.build import build; "
    "s = build(Path(sys.argv[1]), Path(sys.argv[2])); print(s.facts, 'facts,', s.files_loaded, 'files')"
)


def rows(db: str, cols: str) -> str:
    return f"SELECT {cols} FROM {db}.fact f LEFT JOIN {db}.document d USING (doc_id)"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("data", type=Path)
    ap.add_argument("old", type=Path)
    ap.add_argument("new", type=Path)
    args = ap.parse_args()
    out = Path(tempfile.mkdtemp(prefix="compare-facts-"))
    for name, repo in (("old", args.old), ("new", args.new)):
        python = repo.resolve() / ".venv" / "bin" / "python"
        done = subprocess.run([str(python), "-c", BUILD, str(args.data.resolve()),
                               str(out / f"{name}.duckdb")], cwd=repo, capture_output=True,
                              text=True, check=True)  # fmt: skip
        print(f"{name} ({repo}): {done.stdout.strip()}")
    con = duckdb.connect()
    con.execute(f"ATTACH '{out / 'old.duckdb'}' AS old (READ_ONLY)")
    con.execute(f"ATTACH '{out / 'new.duckdb'}' AS new (READ_ONLY)")
    only_old = con.execute(f"{rows('old', COLS)} EXCEPT ALL {rows('new', COLS)}").fetchall()
    only_new = con.execute(f"{rows('new', COLS)} EXCEPT ALL {rows('old', COLS)}").fetchall()
    print(f"rows only in old: {len(only_old)}, only in new: {len(only_new)}")
    for tag, found in (("old", only_old), ("new", only_new)):
        for r in found[:5]:
            print(f"  {tag}: {r}")
    no_span = COLS.replace(", f.num_start, f.num_end", "")
    a = f"SELECT count(*) FROM ({rows('old', no_span)} EXCEPT ALL {rows('new', no_span)})"
    b = f"SELECT count(*) FROM ({rows('new', no_span)} EXCEPT ALL {rows('old', no_span)})"
    print(f"ignoring the number's span: only in old {con.execute(a).fetchone()[0]}, "
          f"only in new {con.execute(b).fetchone()[0]}")  # fmt: skip
    rules = con.execute(
        f"SELECT rule, count(*) FROM ({rows('new', COLS)} EXCEPT ALL {rows('old', COLS)}) "
        "GROUP BY rule ORDER BY 2 DESC"
    ).fetchall()
    print("rules of the rows only in new:", rules)
    return 0


if __name__ == "__main__":
    sys.exit(main())
