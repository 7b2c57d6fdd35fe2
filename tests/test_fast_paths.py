"""The fast paths of the worker's per-record cleaning, each checked against the
straightforward definition it replaces, on generated inputs."""

from __future__ import annotations

import dataclasses
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dumpgen import STORY_AR, STORY_EN, text_dump
from newsclean.article import Article, EncodingGuess, RemovedLine, copied_by_slots, evolve
from newsclean.batch import CleanedRecord, CleanOptions, _cleaned, clean_batch
from newsclean.dedup.features import DocFeatures, _drop_lines, prepare
from newsclean.dedup.shingles import MARK, tokenize_batch
from newsclean.dumps import DumpRecord
from newsclean.html import looks_like_html
from newsclean.pipeline import DEFAULT_STAGES, Options, Stage, clean

# -- evolve: copies built from the slots --------------------------------------------------------

_values = st.one_of(st.none(), st.integers(), st.text(max_size=8), st.tuples(st.integers()))


@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_evolve_builds_what_replace_builds(data: st.DataObject) -> None:
    """For every class the workers copy, a copy from the slots equals
    ``dataclasses.replace``, is of the class itself, and stays frozen."""
    feats = prepare([("d", "One line here.\nAnother line of the text.")])[0]
    art = Article(id="a", text="t", removed=(RemovedLine(0, "x", "lexicon"),))
    rec = CleanedRecord("r", "d:1", None, None, art, None, feats)
    for obj in (art, feats, rec):
        names = [f.name for f in dataclasses.fields(obj)]
        chosen = data.draw(st.lists(st.sampled_from(names), unique=True, max_size=len(names)))
        changes = {name: data.draw(_values) for name in chosen}
        ours, theirs = evolve(obj, **changes), dataclasses.replace(obj, **changes)  # type: ignore[type-var]
        assert type(ours) is type(obj)
        assert [getattr(ours, n) for n in names] == [getattr(theirs, n) for n in names]
        with pytest.raises(dataclasses.FrozenInstanceError):
            ours.id = "other"  # type: ignore[misc]


def test_copied_by_slots_leaves_classes_it_cannot_build_alone() -> None:
    """A class with ``__post_init__`` or without its own slots keeps ``cls(*values)``."""

    @dataclasses.dataclass(frozen=True)
    class NoSlots:
        a: int
        b: int = 0

    @dataclasses.dataclass(frozen=True, slots=True)
    class Checked:
        a: int
        b: int = 0

        def __post_init__(self) -> None:
            if self.a < 0:
                raise ValueError("negative")

    for cls in (NoSlots, Checked):
        assert copied_by_slots(cls) is cls
        assert evolve(cls(1), b=2) == cls(1, 2)
    with pytest.raises(ValueError, match="negative"):
        evolve(copied_by_slots(Checked)(1), a=-1)
    guess = EncodingGuess("cp1256", 0.9, "statistical")  # not opted in: its own __init__
    assert evolve(guess, replaced=2) == dataclasses.replace(guess, replaced=2)


# -- small string fast paths ----------------------------------------------------------------------

_lines = st.text(alphabet=st.sampled_from("ab <\n\r\x0b\x1c\u2028é"), max_size=40)


@settings(max_examples=300, deadline=None)
@given(text=_lines, drop=st.sets(st.integers(-2, 12), max_size=6))
def test_drop_lines_is_the_filtered_join(text: str, drop: set[int]) -> None:
    expected = (
        "\n".join(line for i, line in enumerate(text.splitlines()) if i not in drop)
        if drop
        else text
    )
    assert _drop_lines(text, drop) == expected


_html_heads = st.sampled_from(["", " ", "\n", "<!DOCTYPE HTML>", "<Html>", "<?xml ", "<BODY", "x"])


@settings(max_examples=300, deadline=None)
@given(
    head=_html_heads,
    text=st.text(alphabet=st.sampled_from("<>aİı hdtmlbody!HTML\n"), max_size=30),
)
def test_looks_like_html_is_the_lowercased_test(head: str, text: str) -> None:
    page = head + text
    low = page[:2048].lstrip().lower()
    expected = low.startswith(("<!doctype html", "<html", "<?xml")) or (
        "<body" in low or "<head" in low
    )
    assert looks_like_html(page) == expected


@given(st.text(alphabet=st.sampled_from(" \t\n\r\x0b\x1c\x85\xa0\u2028\u3000a"), max_size=12))
def test_blank_test_is_strip(text: str) -> None:
    """decode_stage's blank test (``not fixed or fixed.isspace()``) is ``not fixed.strip()``."""
    assert (not text or text.isspace()) == (not text.strip())


# -- tokens ---------------------------------------------------------------------------------------

_M64 = (1 << 64) - 1
_P = 0x100000001B3


def _fmix(h: int) -> int:
    h ^= h >> 33
    h = (h * 0xFF51AFD7ED558CCD) & _M64
    h ^= h >> 33
    h = (h * 0xC4CEB9FE1A85EC53) & _M64
    return h ^ (h >> 33)


def _reference_tokens(cps: list[int]) -> tuple[list[int], list[bool], list[int]]:
    """Token hashes, digit flags and tokens per line, one code point at a time."""
    hashes, numeric, line_len = [], [], [0]
    word: list[int] = []
    for cp in [*cps, 0x0A]:  # every document's last line ends with a break
        if cp in (0x20, 0x0A, MARK):
            if word:
                poly = sum(c * pow(_P, i, 1 << 64) for i, c in enumerate(word)) & _M64
                hashes.append(_fmix(poly) & 0xFFFFFFFF)
                numeric.append(any(0x30 <= c <= 0x39 for c in word))
                line_len[-1] += 1
                word = []
            if cp == 0x0A:
                line_len.append(0)
        else:
            word.append(cp)
    return hashes, numeric, line_len[:-1]


_codepoints = st.lists(
    st.sampled_from([0x20, 0x0A, MARK, 0x30, 0x39, 0x2F, 0x3A, 0x61, 0x627, 0x1F600]), max_size=30
)


@settings(max_examples=200, deadline=None)
@given(docs=st.lists(_codepoints, max_size=5))
def test_tokenize_batch_matches_one_token_at_a_time(docs: list[list[int]]) -> None:
    arrays = [np.array(d, dtype=np.uint32) for d in docs]
    for doc, ts in zip(docs, tokenize_batch(arrays), strict=True):
        hashes, numeric, line_len = _reference_tokens(doc)
        assert ts.hashes.tolist() == hashes
        assert ts.numeric.tolist() == numeric
        assert ts.line_len.tolist() == line_len


# -- batches: each stage over the whole batch -------------------------------------------------


def _one_by_one(
    records: list[DumpRecord], stages: tuple[Stage, ...], lang: str | None
) -> list[CleanedRecord]:
    """Each record through clean() on its own, as the batch cleaner did before."""
    out = []
    for rec in records:
        if rec.raw is None:
            out.append(CleanedRecord(rec.id, rec.origin, rec.url, rec.date, None, "no content"))
            continue
        try:
            art = clean(
                rec.raw,
                url=rec.url,
                content_type=rec.content_type,
                lang=lang,
                id=rec.id,
                date=rec.date,
                stages=stages,
                explain=False,
            )
        except Exception as exc:
            error = f"internal error: {type(exc).__name__}: {exc}"
            out.append(CleanedRecord(rec.id, rec.origin, rec.url, rec.date, None, error))
            continue
        out.append(_cleaned(rec, art))
    return out


def _fussy(article: Article, opts: Options) -> Article:
    """A stage that fails on some records (a bug, as far as the batch can tell)."""
    if "7" in article.text:
        raise RuntimeError("seven")
    return article


_pieces = st.sampled_from(
    [STORY_EN, STORY_AR, "Share\nBack to top", "", "   ", "Item 7.", "<html><body>x</body></html>"]
)


@settings(max_examples=25, deadline=None)
@given(texts=st.lists(st.lists(_pieces, max_size=3), max_size=6), as_bytes=st.booleans())
def test_stage_by_stage_batches_equal_record_by_record(
    texts: list[list[str]], as_bytes: bool
) -> None:
    records = []
    for i, parts in enumerate(texts):
        text = text_dump("\n\n".join(parts)) if parts else ""
        raw: Any = text.encode() if as_bytes else text
        # every field clean() is given, varied: url, date, declared charset, language
        records.append(
            DumpRecord(
                f"r{i}",
                f"d:{i}",
                raw=raw if i != 3 else None,
                url=f"https://news.example/{i}" if i % 2 else None,
                date=f"2024-05-0{i + 1}" if i % 3 else None,
                content_type="text/plain; charset=windows-1256" if i == 4 else None,
            )
        )
    for stages in (DEFAULT_STAGES, (*DEFAULT_STAGES[:2], _fussy, *DEFAULT_STAGES[2:])):
        for lang in (None, "ar"):
            batch = clean_batch(records, CleanOptions(stages=stages, lang=lang))
            assert batch == _one_by_one(records, stages, lang)


def test_features_prepared_without_their_source() -> None:
    assert isinstance(prepare([("a", "x")], keep_source=False)[0], DocFeatures)
    assert prepare([("a", "x")], keep_source=False)[0].source == ""
