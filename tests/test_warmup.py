"""board.warmup (issue 16): the view a new session opens with is made in the background
once the server's first page is drawn, so a leader's first visit of each page finds it
made. What it makes must be that very view: after it, a new session's pages draw their
cards, charts and the meeting pack without making any of them again."""

from __future__ import annotations

from board_fixtures import assert_ok, charts, open_page, texts

pytest_plugins = ["board_fixtures"]

VIEWING = ("overview", "trends", "compare", "approvals", "sources", "quality", "meeting")


def test_a_new_sessions_pages_are_drawn_from_what_the_warm_up_made(use_wh, bundled_wh,
                                                                    monkeypatch):  # fmt: skip
    import streamlit as st

    from board import charts as board_charts
    from board import deck, model, queries, views, warehouse, warmup

    use_wh(bundled_wh)
    st.cache_data.clear()
    drawn = {p: open_page(p) for p in VIEWING}  # made by the pages themselves
    for at in drawn.values():
        assert_ok(at)
    st.cache_data.clear()  # what the pages made (the per-version tables stay, as in a
    views.meeting_pack.clear()  # server whose first run has read them)
    warmup.warm(warehouse.current())

    def made_again(*a, **kw):
        raise AssertionError("a page made what the warm-up had made")

    for mod, name in ((model, "cards"), (board_charts, "trend"), (board_charts, "compare_panel"),
                      (board_charts, "grouped_by_indicator"), (deck, "build"),
                      (queries, "execute")):  # fmt: skip
        monkeypatch.setattr(mod, name, made_again)
    for page in VIEWING:
        at = open_page(page)
        assert_ok(at)
        # the same page as the one the page made itself
        assert texts(at) == texts(drawn[page]), page
        assert len(charts(at)) == len(charts(drawn[page])), page


def test_the_heap_settled_after_a_warm_up_is_left_out_of_full_collections_until_the_next():
    """Streamlit collects garbage after every script run, walking every object the server
    holds (0.11 s a run on the 45,000-report warehouse); what the warm-up settles is frozen
    out of those walks. A cycle frozen with it is not lost for good: the next warm-up (a
    new warehouse version) unfreezes first, and it is collected then."""
    import gc
    import weakref

    from board import warmup

    class Node:
        pass

    a, b = Node(), Node()
    a.other, b.other = b, a  # a cycle: only the collector frees it
    gone = weakref.ref(a)
    try:
        warmup.settle_heap()
        assert gc.get_freeze_count() > 0
        del a, b
        gc.collect()  # what Streamlit does after a run: the frozen cycle is not walked
        assert gone() is not None
        warmup.settle_heap()  # the next version's warm-up
        assert gone() is None
    finally:
        gc.unfreeze()
