"""The indicator catalog (etl/catalog.toml) against the contract (../shared/spec/
indicators.md): every contract id is in the catalog with the contract's unit and area, and
every rule the catalog holds compiles and names a known indicator."""

from __future__ import annotations

import re

from etl import catalog
from etl.extract import rows


def contract_rows(spec: str) -> list[tuple[str, str, str]]:
    """(id, unit, area) of each row of the contract's table."""
    out = []
    for line in spec.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) >= 5 and re.fullmatch(r"[a-z_]+", cells[0]) and cells[0] != "id":
            out.append((cells[0], cells[2], cells[3]))
    return out


def test_the_catalog_holds_every_contract_id_with_its_unit_and_area(shared_dir):
    spec = (shared_dir / "spec" / "indicators.md").read_text(encoding="utf-8")
    contract = contract_rows(spec)
    assert len(contract) >= 24
    cat = catalog.load()
    for ind_id, unit, area in contract:
        ind = cat.by_id.get(ind_id)
        assert ind is not None, f"{ind_id} of the contract is not in etl/catalog.toml"
        # 家(次): the catalog shows the unit, its variant (家次) is one of its units
        assert ind.unit == re.sub(r"\(.*\)$", "", unit), (ind_id, ind.unit, unit)
        assert ind.area == area.replace(" ", "_"), (ind_id, ind.area, area)


def test_every_table_row_rule_names_a_catalog_indicator():
    cat = catalog.load()
    assert rows.rules(), "the [[row]] rules are in the catalog"
    for r in rows.rules():
        assert r.indicator in cat.by_id, r
        assert r.cell in ("first", "last"), r


def test_pairs_and_bodies_are_catalog_data():
    """The before/after pairs, the cut-to-X% complement and the usual subordinate bodies
    live in the catalog: a new wording is a catalog entry, not code."""
    from etl.extract import patterns

    cat = catalog.load()
    assert patterns.pairs(), "[[pair]] entries"
    for p in patterns.pairs():
        assert p.before in cat.by_id and p.after in cat.by_id
        m = p.pattern.search("由20个工作日压缩至5个工作日")
        assert m and (m["a"], m["b"]) == ("20", "5")
    assert cat.by_id["approval_time_cut_pct"].complement.search("压缩至法定时限的")
    assert patterns.subordinates()["科技|科学技术"] == ("知识产权局", "地震局")
    assert set(patterns.fields()) >= {"科技局", "知识产权局", "地震局"}
