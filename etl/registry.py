"""The agency registry (data/registry/agencies.csv): canonical names, aliases, parents, and
where each agency is (`region`: 省/市/区县 joined by "/", e.g. 山东省/淄博市/周村区; a city
or province that loads many districts' reports gets a region picker from it)."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from etl.paths import DATA as DEFAULT_DATA
from etl.paths import REGISTRY_FILE

COLUMNS = ["agency_id", "name_zh", "short_zh", "name_en", "short_en", "parent_id", "kind",
           "sort_order", "aliases", "region"]  # fmt: skip
REGION_SEP = "/"


@dataclass(frozen=True)
class Agency:
    agency_id: str
    name_zh: str
    short_zh: str
    name_en: str
    short_en: str
    parent_id: str | None
    kind: str
    sort_order: int
    aliases: tuple[str, ...]
    region: str | None = None  # 山东省/淄博市/周村区


class Registry:
    def __init__(self, agencies: list[Agency]):
        self.agencies = sorted(agencies, key=lambda a: a.sort_order)
        self.by_id = {a.agency_id: a for a in self.agencies}
        self.owners_cache: dict = {}  # etl.extract keeps who-may-own-a-fact per reporter here
        self._by_name: dict[str, Agency] = {}
        for a in self.agencies:
            for name in (a.name_zh, a.short_zh, *a.aliases):
                self._by_name.setdefault(name, a)

    @classmethod
    def load(cls, data_dir: Path = DEFAULT_DATA) -> Registry:
        path = Path(data_dir) / REGISTRY_FILE
        if not path.exists():
            return cls([])
        with path.open(encoding="utf-8-sig", newline="") as fh:
            rows = list(csv.DictReader(fh))
        return cls([_agency(r) for r in rows if (r.get("agency_id") or "").strip()])

    def resolve(self, name: str) -> Agency | None:
        """The agency a name stands for: canonical name, short name or alias."""
        return self._by_name.get((name or "").strip())

    def children(self, agency_id: str) -> list[Agency]:
        return [a for a in self.agencies if a.parent_id == agency_id]

    def names(self) -> list[str]:
        """Every name and alias, longest first (for matching inside text)."""
        return sorted(self._by_name, key=len, reverse=True)


def _agency(r: dict) -> Agency:
    aliases = tuple(x.strip() for x in (r.get("aliases") or "").split("|") if x.strip())
    return Agency(
        agency_id=r["agency_id"].strip(),
        name_zh=r["name_zh"].strip(),
        short_zh=(r.get("short_zh") or r["name_zh"]).strip(),
        name_en=(r.get("name_en") or "").strip(),
        short_en=(r.get("short_en") or r.get("name_en") or "").strip(),
        parent_id=(r.get("parent_id") or "").strip() or None,
        kind=(r.get("kind") or "bureau").strip(),
        sort_order=int(r.get("sort_order") or 999),
        aliases=aliases,
        region=_region(r.get("region")),
    )


def _region(raw: str | None) -> str | None:
    """省/市/区县 as written, with stray spaces and empty levels dropped (山东省 / 淄博市/)."""
    parts = [p.strip() for p in (raw or "").replace("／", REGION_SEP).split(REGION_SEP)]
    return REGION_SEP.join(p for p in parts if p) or None
