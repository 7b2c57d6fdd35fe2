"""Parallel cleaning: input order, bounded read-ahead, failures as records, a dying worker."""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator
from dataclasses import replace

from dumpgen import STORY_AR, STORY_EN, text_dump
from newsclean.article import Article, EncodingGuess
from newsclean.batch import CleanOptions, clean_batch, clean_record, clean_records
from newsclean.dumps import DumpRecord
from newsclean.pipeline import DEFAULT_STAGES, Options


def _records(n: int) -> list[DumpRecord]:
    stories = [STORY_EN, STORY_AR]
    return [
        DumpRecord(f"r{i}", f"d:{i}", raw=text_dump(f"{stories[i % 2]}\n\nItem {i}.").encode())
        for i in range(n)
    ]


def test_results_keep_input_order_with_workers() -> None:
    recs = _records(150)
    one = list(clean_records(recs, workers=1))
    two = list(clean_records(recs, workers=2, batch_size=7))
    assert [c.id for c in two] == [r.id for r in recs]
    assert [(c.id, c.article) for c in one] == [(c.id, c.article) for c in two]


def test_read_ahead_is_bounded() -> None:
    consumed = 0

    def source() -> Iterator[DumpRecord]:
        nonlocal consumed
        for rec in _records(2000):
            consumed += 1
            yield rec

    batch, workers = 8, 2
    for yielded, _ in enumerate(clean_records(source(), workers=workers, batch_size=batch), 1):
        assert consumed - yielded <= batch * (workers * 4 + 1)


def test_error_records_pass_through_and_failures_become_errors() -> None:
    recs = [
        DumpRecord.failed("d:1", "invalid JSON", "Expecting value (column 1)"),
        DumpRecord("e", "d:2", raw=b""),
        DumpRecord("b", "d:3", raw=bytes(range(256)) * 8),
        DumpRecord("ok", "d:4", raw=STORY_EN),
    ]
    out = list(clean_records(recs))
    assert out[0].error == "invalid JSON: Expecting value (column 1)" and out[0].article is None
    assert out[1].error == "empty: the record has no text"
    assert out[2].article is None and out[2].error is not None
    assert out[2].error.startswith("not text")
    assert out[3].ok and out[3].error is None and out[3].article is not None


def _explode(article: Article, opts: Options) -> Article:
    raise RuntimeError("stage bug\nsecond line")


def test_an_exception_in_a_stage_is_reported_per_record() -> None:
    opts = CleanOptions(stages=(*DEFAULT_STAGES, _explode))
    out = clean_record(DumpRecord("x", "d:1", raw=STORY_EN), opts)
    assert out.error == "internal error: RuntimeError: stage bug"


def _mark_replaced(article: Article, opts: Options) -> Article:
    guess = EncodingGuess("utf-8", 0.9, "utf-8", ("3 undecodable bytes",), replaced=3)
    return replace(article, encoding=guess)


def test_undecodable_bytes_give_a_warning_on_a_usable_record() -> None:
    opts = CleanOptions(stages=(*DEFAULT_STAGES, _mark_replaced))
    out = clean_record(DumpRecord("x", "d:1", raw=STORY_EN.encode()), opts)
    assert out.ok
    assert out.error == "undecodable bytes: 3 replaced with U+FFFD (decoded as utf-8)"


def _die_on_boom(article: Article, opts: Options) -> Article:
    if article.id == "boom":
        os.kill(os.getpid(), signal.SIGKILL)
    return article


def test_a_worker_killed_by_a_record_loses_only_that_record() -> None:
    recs = _records(40)
    recs[13] = replace(recs[13], id="boom")
    opts = CleanOptions(stages=(*DEFAULT_STAGES, _die_on_boom))
    out = list(clean_records(recs, workers=2, options=opts, batch_size=4))
    assert [c.id for c in out] == [r.id for r in recs]
    failed = [c for c in out if not c.ok]
    assert [c.id for c in failed] == ["boom"]
    assert failed[0].error is not None and "process died" in failed[0].error


def test_several_deadly_records_in_a_row_and_apart() -> None:
    recs = _records(60)
    for i in (5, 6, 41):
        recs[i] = replace(recs[i], id="boom")
    opts = CleanOptions(stages=(*DEFAULT_STAGES, _die_on_boom))
    out = list(clean_records(recs, workers=2, options=opts, batch_size=3))
    assert [c.origin for c in out] == [r.origin for r in recs]
    assert [i for i, c in enumerate(out) if not c.ok] == [5, 6, 41]


def _same_features(a: object, b: object) -> bool:
    import numpy as np

    fields = ("id", "tokens", "numeric", "line_len", "line_hashes", "prose", "head_marker")
    return all(np.array_equal(getattr(a, f), getattr(b, f)) for f in fields) and all(
        getattr(a, f) == getattr(b, f) for f in ("date", "agency", "lang", "chrome", "dropped")
    )


def test_batched_features_equal_features_one_record_at_a_time() -> None:
    recs = _records(40)
    opts = CleanOptions(features=True)
    batched = clean_batch(recs, opts)
    alone = [clean_record(r, opts) for r in recs]
    assert all(b.features is not None for b in batched)
    assert all(_same_features(b.features, a.features) for b, a in zip(batched, alone, strict=True))
    assert [b.article for b in batched] == [a.article for a in alone]


def test_a_batch_the_engine_fails_on_puts_the_error_on_its_record(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import newsclean.batch as batch_mod

    real = batch_mod.prepare

    def fragile(items, *, lang=None, **options):  # type: ignore[no-untyped-def]
        if any("Item 3." in str(item[1]) for item in items):
            raise RuntimeError("boom on item 3")
        return real(items, lang=lang, **options)

    monkeypatch.setattr(batch_mod, "prepare", fragile)
    out = clean_batch(_records(6), CleanOptions(features=True))
    assert [c.id for c in out] == [f"r{i}" for i in range(6)]
    assert out[3].article is None
    assert out[3].error == "internal error: de-duplication: RuntimeError: boom on item 3"
    assert all(c.features is not None for i, c in enumerate(out) if i != 3)


def test_without_body_only_text_dump_bodies_are_dropped() -> None:
    """``body=False`` drops what a run without ``--keep`` never reads, nothing else: the
    features and the text the engine reads are the same, and an HTML page keeps its body
    (it is the text the engine reads)."""
    from newsclean.dedup.engine import to_items

    page = "<html><body><article><p>" + STORY_EN + "</p></article></body></html>"
    recs = [*_records(6), DumpRecord("h", "d:h", raw=page.encode(), html=True)]
    full = clean_batch(recs, CleanOptions(features=True))
    lean = clean_batch(recs, CleanOptions(features=True, body=False))
    for a, b in zip(full, lean, strict=True):
        assert a.article is not None and b.article is not None and a.features is not None
        assert b.features is not None and _same_features(a.features, b.features)
        assert to_items([a.article])[0][1] == to_items([b.article])[0][1]
        kept = a.article.raw_kind == "html"
        assert b.article == (a.article if kept else replace(a.article, body=""))
    assert lean[-1].article is not None and lean[-1].article.raw_kind == "html"
    assert lean[-1].article.body


def test_warm_up_takes_every_stage_through_its_set_up() -> None:
    # The sample the parent cleans before forking its workers must reach the statistical
    # decoder, the agency stage and the dedup features, or the workers would still build
    # those tables themselves.
    from newsclean.batch import _WARM_UP, REPORT_STAGES, CleanOptions, clean_batch, warm_up
    from newsclean.dumps import DumpRecord

    options = CleanOptions(features=True, stages=REPORT_STAGES)
    (rec,) = clean_batch([DumpRecord("w", "w", raw=_WARM_UP)], options)
    assert rec.error is None and rec.article is not None and rec.features is not None
    assert rec.article.encoding is not None and rec.article.encoding.method == "statistical"
    assert rec.article.attribution is not None and rec.article.attribution.agency == "reuters"
    assert warm_up(options) is None


def test_a_shipped_batch_arrives_as_the_same_records() -> None:
    # Workers send a batch with its features packed in one FeatureChunk: what arrives must
    # be the same records, features included (values and dtypes), failed records and
    # records without features in their places.
    import pickle

    import numpy as np

    from newsclean.batch import _Shipped

    records = [
        DumpRecord("ar", "d:1", raw=STORY_AR.encode("cp1256")),
        DumpRecord("empty", "d:2", raw=b""),
        DumpRecord("en", "d:3", raw=STORY_EN),
        DumpRecord("bin", "d:4", raw=bytes(range(256)) * 8),
    ]
    for options in (CleanOptions(features=True), CleanOptions(features=False)):
        sent = clean_batch(records, options)
        got = pickle.loads(pickle.dumps(_Shipped(sent), protocol=5))
        assert type(got) is list and len(got) == len(sent)
        for a, b in zip(sent, got, strict=True):
            assert (a.id, a.origin, a.url, a.date, a.article, a.error) == (
                b.id,
                b.origin,
                b.url,
                b.date,
                b.article,
                b.error,
            )
            assert (a.features is None) == (b.features is None)
            if a.features is None or b.features is None:
                continue
            for name in a.features.__dataclass_fields__:
                x, y = getattr(a.features, name), getattr(b.features, name)
                if isinstance(x, np.ndarray):
                    assert x.dtype == y.dtype and np.array_equal(x, y), name
                else:
                    assert x == y, name
        assert sum(r.features is not None for r in got) == (2 if options.features else 0)


def test_run_dedupe_runs_with_fewer_collections() -> None:
    import gc
    import io

    from newsclean.gc_policy import GC_YOUNG_THRESHOLD
    from newsclean.report import open_report
    from newsclean.runner import run_dedupe

    seen: list[int] = []
    out = io.BytesIO()
    summary = run_dedupe(
        [DumpRecord("a", "d:1", raw=STORY_EN), DumpRecord("b", "d:2", raw=STORY_AR)],
        open_report(out),
        progress=lambda done: seen.append(gc.get_threshold()[0]),
    )
    assert summary.records == 2 and len(out.getvalue().splitlines()) == 2
    assert seen == [GC_YOUNG_THRESHOLD, GC_YOUNG_THRESHOLD]  # during the run
    assert gc.get_threshold()[0] != GC_YOUNG_THRESHOLD  # and restored after it
