"""The public API at the package top level: the names the evaluation harness calls."""

from __future__ import annotations

import dataclasses
import doctest
import importlib
import pkgutil

import pytest

import newsclean

REQUIRED = [
    "decode",
    "detect_encoding",
    "fix_mojibake",
    "strip_chrome",
    "html_to_text",
    "extract_source",
    "clean",
    "find_duplicates",
]
RESULT_TYPES = [
    "Article",
    "EncodingGuess",
    "RemovedLine",
    "ChromeResult",
    "Attribution",
    "StepReport",
    "Cluster",
    "DedupResult",
    "Match",
]


@pytest.mark.parametrize("name", REQUIRED)
def test_required_callables(name: str) -> None:
    assert callable(getattr(newsclean, name))
    assert name in newsclean.__all__


@pytest.mark.parametrize("name", RESULT_TYPES)
def test_result_types_are_dataclasses(name: str) -> None:
    assert dataclasses.is_dataclass(getattr(newsclean, name))


def _modules() -> list[str]:
    return [
        m.name
        for m in pkgutil.walk_packages(newsclean.__path__, "newsclean.")
        if not m.name.endswith("__main__") and not m.name.endswith(".spark")
    ]


@pytest.mark.parametrize("modname", _modules())
def test_docstring_examples_run(modname: str) -> None:
    mod = importlib.import_module(modname)
    failures, _ = doctest.testmod(mod, optionflags=doctest.ELLIPSIS)
    assert failures == 0
