"""The indicator catalog (etl/catalog.toml): ids, names, units, areas and patterns."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

CATALOG_PATH = Path(__file__).with_name("catalog.toml")


@dataclass(frozen=True)
class Area:
    area_id: str
    zh: str
    en: str
    order: int


@dataclass
class Indicator:
    id: str
    zh: str
    en: str
    unit: str
    unit_en: str
    area: str
    order: int
    headline: bool = False
    units: tuple[str, ...] = ()
    before: list[re.Pattern] = field(default_factory=list)
    after: list[re.Pattern] = field(default_factory=list)
    zero: list[re.Pattern] = field(default_factory=list)
    veto: re.Pattern | None = None
    require: re.Pattern | None = None
    exclude: re.Pattern | None = None  # words that, anywhere in the sentence, rule it out
    complement: re.Pattern | None = None  # before a %: the value is 100 minus it
    also_after: bool = False  # may be stated together with another kind (…事项均实现“一次办好”)
    synonyms: tuple[str, ...] = ()  # other names a table header may give it (检查次数)
    channel: re.Pattern | None = None  # words of one channel's share (微博): see extract.parts
    named: re.Pattern | None = None  # its own name (主动公开): outranks figures without it (parts)


@dataclass
class Catalog:
    indicators: list[Indicator]
    areas: dict[str, Area]

    def __post_init__(self):
        self.by_id = {i.id: i for i in self.indicators}
        self._names = {}
        for i in self.indicators:
            for name in (i.id, i.zh, i.en, i.en.lower()):
                self._names[name] = i
        for i in self.indicators:
            for name in i.synonyms:  # never over a name or id
                self._names.setdefault(name, i)

    def resolve(self, name: str) -> Indicator | None:
        """An indicator by id, Chinese name, English name or synonym (as table headers
        write it)."""
        name = (name or "").strip()
        return self._names.get(name) or self._names.get(name.lower())


def _compile_all(patterns) -> list[re.Pattern]:
    return [re.compile(p) for p in patterns]


@cache
def raw(path: Path = CATALOG_PATH) -> dict:
    """The catalog file as parsed, for the stages that keep their own rules in it."""
    return tomllib.loads(Path(path).read_text(encoding="utf-8"))


@cache
def load(path: Path = CATALOG_PATH) -> Catalog:
    raw_ = raw(path)
    areas = {k: Area(k, v["zh"], v["en"], v["order"]) for k, v in raw_["areas"].items()}
    indicators = []
    for n, d in enumerate(raw_["indicator"], start=1):
        veto = d.get("veto") or []
        indicators.append(
            Indicator(
                id=d["id"],
                zh=d["zh"],
                en=d["en"],
                unit=d["unit"],
                unit_en=d["unit_en"],
                area=d["area"],
                order=n,
                headline=d.get("headline", False),
                units=tuple(d.get("units", [])),
                before=_compile_all(d.get("before", [])),
                after=_compile_all(d.get("after", [])),
                zero=_compile_all(d.get("zero", [])),
                veto=re.compile("|".join(f"(?:{v})" for v in veto)) if veto else None,
                require=re.compile(d["require"]) if d.get("require") else None,
                exclude=re.compile("|".join(d["exclude"])) if d.get("exclude") else None,
                complement=re.compile("|".join(d["complement"])) if d.get("complement") else None,
                also_after=d.get("also_after", False),
                synonyms=tuple(d.get("synonyms", [])),
                channel=re.compile("|".join(d["channel"])) if d.get("channel") else None,
                named=re.compile("|".join(d["named"])) if d.get("named") else None,
            )
        )
    return Catalog(indicators, areas)
