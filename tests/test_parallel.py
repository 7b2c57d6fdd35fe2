"""The parallel maps: input order with any number of workers and batch sizes."""

from __future__ import annotations

import os

import pytest

from newsclean.parallel import WORKER_NICENESS, parallel_map, parallel_map_batches


def _square(item: int, offset: int) -> int:
    return item * item + offset


def _squares(items: list[int], offset: int) -> list[int]:
    return [i * i + offset for i in items]


def _short(items: list[int], offset: int) -> list[int]:
    return items[1:]


@pytest.mark.parametrize("workers", [1, 2])
@pytest.mark.parametrize("batch_size", [1, 5, 64])
def test_batch_map_equals_item_map_in_input_order(workers: int, batch_size: int) -> None:
    items = list(range(101))
    want = [i * i + 3 for i in items]
    assert list(parallel_map(_square, items, 3, workers=workers, batch_size=batch_size)) == want
    got = parallel_map_batches(_squares, items, 3, workers=workers, batch_size=batch_size)
    assert list(got) == want


@pytest.mark.parametrize("workers", [1, 2])
def test_a_batch_function_must_return_one_result_per_item(workers: int) -> None:
    with pytest.raises(ValueError, match="returned 3 results for 4 items"):
        list(parallel_map_batches(_short, [1, 2, 3, 4], 0, workers=workers, batch_size=4))


def _niceness(item: int, offset: int) -> int:
    return os.nice(0) + item * offset


@pytest.mark.skipif(not hasattr(os, "nice"), reason="os.nice is POSIX")
def test_workers_yield_the_cpu_to_the_parent() -> None:
    # The parent is the serial stage of a dedupe run: its workers run at a lower priority.
    seen = set(parallel_map(_niceness, range(8), 0, workers=2))
    assert seen == {min(os.nice(0) + WORKER_NICENESS, 19)}
