"""The hand-written source-line battery (``tests/fixtures/source/battery_*.toml``) as a gate.

Every language must keep F1 >= 0.95 and null accuracy >= 0.95, ``via`` must be right on
>= 0.90 of the credited items that have one, and ``where`` on >= 0.90 of the labelled ones
(scored like the shared source scorer; see ``tests/source_battery.py``).  The cases are
newsclean's own writing, not evaluation data.
"""

from __future__ import annotations

from functools import lru_cache

import pytest

from newsclean.source import extract_source
from source_battery import FIXTURES, Case, Score, load_cases, score

LANGS = sorted(p.stem.removeprefix("battery_") for p in FIXTURES.glob("battery_*.toml"))


@lru_cache(maxsize=1)
def _scores() -> dict[str, Score]:
    return score(load_cases(), extract_source)


def test_battery_covers_the_languages() -> None:
    assert {"ar", "en", "fr", "de", "es", "tr", "fa", "ru", "uk"} <= set(LANGS)
    cases = load_cases()
    ids = [c.id for c in cases]
    assert len(ids) == len(set(ids)), "duplicate case ids"
    for lang in LANGS:
        mine = [c for c in cases if c.lang == lang]
        assert len(mine) >= 20, lang
        assert sum(c.source is None for c in mine) >= 8, f"{lang}: too few traps"


@pytest.mark.parametrize("lang", LANGS)
def test_battery_language(lang: str) -> None:
    s = _scores()[lang]
    detail = "\n".join(s.errors)
    assert s.f1 >= 0.95, f"{lang} F1 {s.f1:.3f}\n{detail}"
    assert s.null_accuracy >= 0.95, f"{lang} null accuracy {s.null_accuracy:.3f}\n{detail}"
    assert s.where_accuracy >= 0.90, f"{lang} where {s.where_accuracy:.3f}\n{detail}"


def test_battery_via() -> None:
    s = _scores()["ALL"]
    assert s.via_n >= 15
    assert s.via_accuracy >= 0.90, "\n".join(s.errors)
    assert s.spurious_via <= 2, "\n".join(s.errors)


def test_battery_scoring_counts_errors() -> None:
    """The scorer itself: a wrong agency costs precision and recall, a firing trap too."""
    cases = [
        Case("a", "xx", "t", "reuters", (), "dateline", "x"),
        Case("b", "xx", "t", None, (), "", "y"),
    ]
    s = score(cases, lambda text: None)["xx"]
    assert (s.tp, s.fp, s.fn, s.null_ok) == (0, 0, 1, 1)

    class Res:
        def __init__(self, agency: str) -> None:
            self.agency, self.via, self.where = agency, (), "dateline"

    s = score(cases, lambda text: Res("afp"))["xx"]
    assert (s.tp, s.fp, s.fn, s.null_ok) == (0, 2, 1, 0)
    assert s.f1 == 0.0 and s.null_accuracy == 0.0
