"""The board's reads of the claim check (board/claims.py) on the bundled data: the demo
corpus's misstated claim (2023: 检查对象52家，比上年增加4家, where 2022 had 46) disputes
both years' values on the trends, like a conflict; a real-only view has no such claim."""

from __future__ import annotations

from board import claims, model, queries
from board.app import Filters

pytest_plugins = ["board_fixtures"]
ALL = ("zc_kjj", "zc_zscqj", "zc_dzj")


def _enriched(ind: str, f: Filters):
    meta = model.meta_from(queries.agencies(), queries.indicators(), queries.years())
    return model.enrich(queries.series([ind], f), meta, f.lang)


def test_an_inconsistent_claim_disputes_both_years_on_the_trends(use_wh, bundled_wh):
    use_wh(bundled_wh)
    f = Filters(2016, 2025, ALL, True, "zh")
    df = _enriched("inspected_entities", f)
    marked = df[df["disputed"]]
    assert sorted(zip(marked["agency_id"], marked["year"], strict=True)) == [
        ("zc_kjj", 2022),
        ("zc_kjj", 2023),
    ]
    assert all("报告称+4家，实际2022年46家→2023年52家，+6家" in n for n in marked["dispute_note"])
    assert (df.loc[~df["disputed"], "dispute_note"] == "").all()
    # the inspections keep their one disputed value, the 2021 conflict
    ins = _enriched("inspections", f)
    assert list(zip(ins.loc[ins["disputed"], "agency_id"], ins.loc[ins["disputed"], "year"],
                    strict=True)) == [("zc_kjj", 2021)]  # fmt: skip
    assert claims.disputed_keys(f) == {("zc_kjj", 2022, "inspected_entities"),
                                       ("zc_kjj", 2023, "inspected_entities")}  # fmt: skip


def test_the_quality_reads_list_it_and_real_only_has_none(use_wh, bundled_wh):
    use_wh(bundled_wh)
    f = Filters(2016, 2025, ALL, True, "zh")
    flagged = claims.flagged(f)
    bad = flagged[flagged["verdict"] == "inconsistent"]
    assert list(bad["quote"]) == ["本局随机抽取检查对象52家，比上年增加4家"]
    assert bad["other_quote"].iloc[0].endswith("46家")  # the 2022 report's own sentence
    assert claims.verdicts(f)["inconsistent"] == 1
    real = Filters(2016, 2025, ALL, False, "zh")
    assert claims.flagged(real).empty and not claims.disputed_keys(real)
