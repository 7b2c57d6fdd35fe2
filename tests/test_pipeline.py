"""The pipeline structure: stage order, explanations, pass-through of every input kind."""

from __future__ import annotations

from newsclean import Article, clean
from newsclean.pipeline import DEFAULT_STAGES, Options, run_stages

STAGES = ["decode", "source", "extract", "normalize", "fingerprint"]


def test_stages_run_in_order_and_report(seed_bytes: bytes) -> None:
    art = clean(seed_bytes, id="seed")
    assert [s.name for s in art.steps] == STAGES
    assert art.id == "seed"
    assert art.raw_kind == "text"
    assert art.encoding is not None and art.encoding.codec == "utf-8"
    assert "توقيع اتفاقية تعاون عسكري بين ليبيا وإيطاليا" in art.body
    assert art.normalized and art.fingerprint is not None
    assert "raw" not in art.meta


def test_str_input_skips_detection() -> None:
    art = clean("Hello world.")
    assert art.encoding is None
    assert art.steps[0].notes == ("input was already text",)


def test_empty_input_is_empty_article() -> None:
    art = clean(b"")
    assert art.raw_kind == "empty"
    assert art.body == "" and art.fingerprint is None


def test_stages_are_pure() -> None:
    start = Article(id="x", meta={"raw": b"Some text."})
    a = run_stages(start, DEFAULT_STAGES, Options())
    b = run_stages(start, DEFAULT_STAGES, Options())
    assert a == b
    assert start.steps == () and start.meta == {"raw": b"Some text."}


def test_custom_stage_list() -> None:
    art = clean(b"Only decoded.", stages=DEFAULT_STAGES[:1])
    assert [s.name for s in art.steps] == ["decode"]
    assert art.text == "Only decoded."
