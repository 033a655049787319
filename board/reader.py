"""The warehouse read outside Streamlit (the command line, the benchmark, tests): the same
named SQL as the pages (board.queries), run uncached on the file given.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from board import model, queries, warehouse


class Warehouse:
    """The warehouse file at `path`, read through board.queries' named SQL (uncached)."""

    def __init__(self, path: Path):
        self.version = warehouse.current(Path(path))
        if self.version is None:
            raise queries.WarehouseMissing(str(path))
        q = lambda n: queries.execute(self.version, n, ())  # noqa: E731
        self.meta = model.meta_from(
            q("agencies"), q("indicators"), [int(y) for y in q("years")["year"]]
        )

    def series(
        self, indicator_ids, agency_ids, y0: int, y1: int, demo: bool = True
    ) -> pd.DataFrame:
        """Resolved rows with their document titles and claim_note (the words of an
        inconsistent claim disputing a value), as the app's queries.series gives them."""
        df = queries.execute(self.version, "series",
                             (list(indicator_ids), list(agency_ids), int(y0), int(y1), bool(demo)))  # fmt: skip
        return self._claim_notes(df, agency_ids, y0, y1, demo)

    def _claim_notes(self, df: pd.DataFrame, agency_ids, y0: int, y1: int, demo: bool):
        import duckdb

        from board import claims  # registers the claims' named SQL

        try:
            d = queries.execute(self.version, "claims_disputed",
                                (list(agency_ids), bool(demo), int(y0), int(y1)))  # fmt: skip
        except duckdb.CatalogException:  # a warehouse built before claims were kept
            d = claims.EMPTY_DISPUTED
        out = df.copy()
        if out.empty or d.empty:
            out["claim_note"] = ""
            return out
        out = out.merge(d.astype({"year": out["year"].dtype}), how="left",
                        on=["agency_id", "year", "indicator_id"])  # fmt: skip
        out["claim_note"] = out["claim_note"].fillna("")
        return out

    def agency_names(self) -> dict[str, str]:
        """Every name an agency goes by (canonical, short, English, aliases) → agency_id."""
        names: dict[str, str] = {}
        for aid, r in self.meta.agencies.iterrows():
            for col in ("name_zh", "short_zh", "name_en", "short_en"):
                if isinstance(r.get(col), str):
                    names[r[col].strip().lower()] = str(aid)
            names[str(aid).lower()] = str(aid)
        aliases = queries.execute(self.version, "agency_aliases", ())
        for alias, aid in aliases.itertuples(index=False):
            names.setdefault(str(alias).strip().lower(), str(aid))
        return names

    def resolve_agencies(self, names: list[str]) -> tuple[list[str], list[str]]:
        """(agency ids in registry order, names nobody maps)."""
        known = self.agency_names()
        got, unknown = set(), []
        for n in names:
            aid = known.get(n.strip().lower())
            if aid is None:
                unknown.append(n)
            else:
                got.add(aid)
        return [a for a in self.meta.agencies.index if a in got], unknown
