"""The cycle collector's settings during a batch, and after it."""

from __future__ import annotations

import gc
from typing import Any

import pytest

from newsclean import find_duplicates
from newsclean.errors import NewscleanError
from newsclean.gc_policy import GC_YOUNG_THRESHOLD, fewer_collections


def test_a_run_collects_garbage_less_often_and_restores_the_settings() -> None:
    before = gc.get_threshold()
    with fewer_collections():
        assert gc.get_threshold()[0] == GC_YOUNG_THRESHOLD
        assert gc.get_freeze_count() > 0  # the objects that existed are out of collections
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == 0


def test_a_nested_run_keeps_the_enclosing_freeze_and_threshold() -> None:
    with fewer_collections():
        frozen = gc.get_freeze_count()
        with fewer_collections():
            pass
        assert gc.get_freeze_count() >= frozen  # the inner run did not unfreeze
        assert gc.get_threshold()[0] == GC_YOUNG_THRESHOLD
    assert gc.get_freeze_count() == 0


def test_a_threshold_higher_than_ours_is_not_lowered() -> None:
    before = gc.get_threshold()
    gc.set_threshold(GC_YOUNG_THRESHOLD * 2, before[1], before[2])
    try:
        with fewer_collections():
            assert gc.get_threshold()[0] == GC_YOUNG_THRESHOLD * 2
    finally:
        gc.set_threshold(*before)


def test_find_duplicates_restores_the_collector_after_success_and_failure() -> None:
    before = gc.get_threshold()
    result = find_duplicates([("a", "Same story here."), ("b", "same story here")])
    assert [c.ids for c in result.clusters] == [("a", "b")]
    assert gc.get_threshold() == before and gc.get_freeze_count() == 0
    with pytest.raises(NewscleanError, match="workers"):
        find_duplicates([("a", "text")], workers=0)
    with pytest.raises(NewscleanError, match="document 'b': text must be str"):
        find_duplicates([("a", "text"), ("b", 5)])  # type: ignore[list-item]  # fails inside
    assert gc.get_threshold() == before and gc.get_freeze_count() == 0


def test_find_duplicates_runs_with_fewer_collections(monkeypatch: pytest.MonkeyPatch) -> None:
    import newsclean.dedup.engine as engine

    seen: list[int] = []
    real = engine.dedup_docs

    def spy(*args: Any, **kwargs: Any) -> Any:
        seen.append(gc.get_threshold()[0])
        return real(*args, **kwargs)

    monkeypatch.setattr(engine, "dedup_docs", spy)
    find_duplicates([("a", "One story."), ("b", "Another story.")])
    assert seen == [GC_YOUNG_THRESHOLD]
