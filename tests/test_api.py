"""The public API at the package top level: the names the evaluation harness calls."""

from __future__ import annotations

import dataclasses
import doctest
import importlib
import pkgutil
import re
from collections.abc import Callable

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


TEXT = "The minister said on Monday that taxes would fall sharply next year, officials said."


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: newsclean.clean(None), "clean() needs bytes or str, got NoneType"),
        (lambda: newsclean.clean(42), "clean() needs bytes or str, got int"),
        (lambda: newsclean.strip_chrome(TEXT.encode()), "strip_chrome() needs str, got bytes"),
        (lambda: newsclean.strip_chrome(None), "strip_chrome() needs str, got NoneType"),
        (
            lambda: newsclean.strip_chrome_explain(["a line"]),
            "strip_chrome_explain() needs str, got list",
        ),
        (lambda: newsclean.html_to_text(None), "html_to_text() needs str or bytes, got NoneType"),
        (lambda: newsclean.extract_source(None), "extract_source() needs str, got NoneType"),
    ],
)
def test_wrong_input_types_name_the_function_and_the_type(
    call: Callable[[], object], message: str
) -> None:
    # never an empty result standing in for an input that was not read
    with pytest.raises(TypeError, match=re.escape(message)):
        call()


def test_bytes_like_pages_are_read_like_bytes() -> None:
    raw = TEXT.encode("utf-8")
    expected = newsclean.clean(raw).text
    assert expected == TEXT
    assert newsclean.clean(bytearray(raw)).text == expected
    assert newsclean.clean(memoryview(raw)).text == expected


def test_find_duplicates_needs_an_iterable_of_documents() -> None:
    with pytest.raises(newsclean.NewscleanError, match=r"docs must be an iterable.*NoneType"):
        newsclean.find_duplicates(None)  # type: ignore[arg-type]
    with pytest.raises(newsclean.NewscleanError, match=r"docs must be an iterable.*str"):
        newsclean.find_duplicates(TEXT)  # type: ignore[arg-type]
