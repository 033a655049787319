"""The region picker (省 → 市 → 区县 before the agency list): a city's or province's
warehouse never sends thousands of agencies to the browser; a district's shows no picker."""

from __future__ import annotations

import pandas as pd
import pytest
from board_fixtures import DATA, assert_ok, new_app, widget

import synth
from board import regions
from etl.build import build

pytest_plugins = ["board_fixtures"]


def frame(rows) -> pd.DataFrame:
    """agency_id, kind, parent_id, region"""
    return pd.DataFrame(rows, columns=["agency_id", "kind", "parent_id", "region"]).set_index(
        "agency_id"
    )


AG = frame(
    [
        ("a_b", "bureau", None, "甲省/一市/东区"),
        ("a_ip", "subordinate", "a_b", "甲省/一市/东区"),
        ("b_b", "bureau", None, "甲省/一市/西县"),
        ("c_b", "bureau", None, "甲省/二市/南区"),
        ("d_b", "bureau", None, "乙省/三市/北区"),
        ("x", "bureau", None, None),
    ]
)


@pytest.mark.parametrize(
    "prefix, kids",
    [
        ("", ["甲省", "乙省", regions.UNPLACED]),
        ("甲省", ["一市", "二市"]),
        ("甲省/一市", ["东区", "西县"]),
        ("甲省/一市/东区", []),
        ("丙省", []),
    ],
)
def test_children_in_registry_order(prefix, kids):
    assert regions.children(AG, prefix) == kids


@pytest.mark.parametrize(
    "path, ids",
    [
        ("甲省/一市/东区", ["a_b", "a_ip"]),
        ("甲省/一市", ["a_b", "a_ip", "b_b"]),
        ("甲省/一", []),  # a prefix of a name is not a region
        (regions.UNPLACED, ["x"]),
    ],
)
def test_within(path, ids):
    assert regions.within(AG, path) == ids


@pytest.mark.parametrize(
    "ids, path",
    [
        (["a_b", "a_ip"], "甲省/一市/东区"),
        (["a_b", "b_b"], "甲省/一市"),
        (["a_b", "d_b"], ""),
        ([], ""),
    ],
)
def test_common_region(ids, path):
    assert regions.common(AG, ids) == path


def test_settle_goes_down_until_the_list_is_short(monkeypatch):
    monkeypatch.setattr(regions, "MAX_OPTIONS", 2)
    assert regions.settle(AG, "甲省/一市/东区") == "甲省/一市/东区"
    assert regions.settle(AG, "甲省/一市/不存在") == "甲省/一市/东区"  # nearest known, then down
    assert regions.settle(AG, "甲省") == "甲省/一市/东区"  # 4 agencies, then 3: too many
    assert regions.settle(AG, "乙省") == "乙省"  # one agency: the province as a whole
    assert not regions.whole_allowed(AG, "甲省/一市")


def test_a_picked_district_shows_its_bureau_and_agencies_a_city_its_bureaus():
    assert regions.default_agencies(AG, "甲省/一市/东区") == ["a_b", "a_ip"]
    assert regions.default_agencies(AG, "甲省/一市") == ["a_b", "b_b"]


def test_the_bundled_district_has_no_picker(app):
    at = app().run()
    assert_ok(at)
    assert not [s for s in at.selectbox if (s.key or "").startswith("w_rg")]
    assert "rg" not in at.query_params


def qp(at, name: str) -> str:
    v = at.query_params[name]
    return v if isinstance(v, str) else v[-1]


@pytest.fixture(scope="module")
def region_wh(tmp_path_factory):
    """A generated city-and-more warehouse: about 40 bureaus with their agencies, in
    several cities (ten districts a city)."""
    data = tmp_path_factory.mktemp("regions") / "data"
    synth.generate_corpus(data, 420, seed=5)
    db = data.parent / "warehouse.duckdb"
    build(data, db)
    return db


@pytest.fixture
def region_app(monkeypatch, region_wh):
    monkeypatch.setenv("FAZHI_WAREHOUSE", str(region_wh))
    monkeypatch.setenv("FAZHI_DATA", str(DATA))
    return new_app


def test_many_agencies_are_picked_by_region_first(region_app):
    at = region_app().run()
    assert_ok(at)
    province, city, county = (widget(at, f"w_rg{i}") for i in range(3))
    assert province.label == "省" and city.label == "市" and county.label == "区县"
    ag = widget(at, "w_agencies")
    # the agency list holds one region's agencies, not every agency of the warehouse
    assert 0 < len(ag.options) < 60
    before = list(ag.value)

    # another district: its bureau and the agencies under it, and the link says where
    assert county.options[0] == "（全部）"  # the whole city is one of the choices
    other = [o for o in county.options[1:] if o != county.value][0]
    county.set_value(other).run()
    assert_ok(at)
    after = widget(at, "w_agencies")
    assert after.value and after.value != before
    assert widget(at, "w_rg2").value == other
    assert qp(at, "rg").endswith("/" + other)
    assert len(after.options) <= 3

    # the whole city: its bureaus
    widget(at, "w_rg2").set_value("").run()
    assert_ok(at)
    city_opts = widget(at, "w_agencies").options
    assert len(city_opts) > 3
    assert qp(at, "rg").count("/") == 1


def test_a_shared_link_with_a_region_opens_there(region_app):
    first = region_app().run()
    path = qp(first, "rg")
    county = widget(first, "w_rg2").options[-1]
    city_path = path.rsplit("/", 1)[0] if path.count("/") == 2 else path
    at = region_app({"rg": f"{city_path}/{county}"}).run()
    assert_ok(at)
    assert widget(at, "w_rg2").value == county
