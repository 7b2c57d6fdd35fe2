"""Batched adds to the persistent index decide exactly what adding one by one decides, and
index files of the first two formats are migrated on open."""

from __future__ import annotations

import json
import random
import sqlite3
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from dumpgen import CHROME_AR, CHROME_EN, WORDS, text_dump
from newsclean import clean
from newsclean.article import Article
from newsclean.crawl_index import CrawlIndex
from newsclean.dedup import posting_index
from newsclean.dedup.index import DuplicateIndex
from newsclean.dedup.sqlite_store import FORMAT, SQLiteStore
from newsclean.dedup.templates import SAMPLE
from newsclean.errors import IndexStoreError


def _story(rng: random.Random, n: int) -> list[str]:
    return [
        "The {} of the {} said on {} that {} {} would reopen the {} before the {}.".format(
            *rng.sample(WORDS, 2),
            rng.choice(["Monday", "Tuesday", "Friday"]),
            rng.randint(2, 90),
            *rng.sample(WORDS, 3),
        )
        for _ in range(n)
    ]


def _crawl(n: int, seed: int = 3) -> list[Article]:
    """A crawl of ``n`` articles: new stories, and copies of recent ones (often a few
    articles later, so within one batch as well as across batches) -- verbatim, with other
    site chrome, cut short, with an agency dateline, with a number changed (a template
    look-alike); some dated (so a later copy can become a story's canonical copy)."""
    rng = random.Random(seed)
    stories: list[list[str]] = []
    out = []
    for i in range(n):
        if stories and rng.random() < 0.45:
            paras = list(stories[rng.randrange(max(0, len(stories) - 12), len(stories))])
            edit = rng.random()
            if edit < 0.25 and len(paras) > 3:
                paras = paras[:-2]
            elif edit < 0.45:
                paras[0] = "CAIRO (Reuters) - " + paras[0]
            elif edit < 0.6:
                j = rng.randrange(len(paras))
                paras[j] = paras[j].replace(" would ", f" and {rng.randint(100, 999)} would ")
        else:
            paras = _story(rng, rng.randint(3, 7))
            stories.append(paras)
        chrome = CHROME_AR if rng.random() < 0.3 else CHROME_EN
        art = clean(text_dump("\n\n".join(paras), chrome[: rng.randint(1, 4)]), id=f"n{i:04d}")
        if rng.random() < 0.3:
            art = replace(art, date=f"2024-05-{rng.randint(1, 28):02d}")
        out.append(art)
    return out


def _state(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Everything the index decided: stories, documents (with their sketches) in order,
    evidence, line hashes, and the postings."""
    with sqlite3.connect(path) as db:
        return {
            name: db.execute(query).fetchall()
            for name, query in {
                "story_of": "SELECT doc, cluster, similarity FROM story_of ORDER BY doc",
                "stories": "SELECT cluster, canonical, size FROM stories ORDER BY cluster",
                "docs": "SELECT seq, id, date, agency, data FROM docs ORDER BY seq",
                "evidence": "SELECT a, b, data FROM evidence ORDER BY a, b",
                "lines": "SELECT seq, doc, lines FROM doc_lines ORDER BY seq",
                "postings": "SELECT seq, doc, bands, fps FROM postings ORDER BY seq",
            }.items()
        }


@pytest.fixture(scope="module")
def crawl() -> list[Article]:
    return _crawl(150)


@pytest.mark.parametrize("batch", [1, 7, 64])
def test_batched_adds_decide_exactly_as_one_by_one(
    crawl: list[Article], tmp_path: Path, batch: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    if batch == 7:  # postings merged into the sorted arrays every few articles
        monkeypatch.setattr(posting_index, "_MIN_MERGE", 300)
    one, many = tmp_path / "one.db", tmp_path / "many.db"
    with CrawlIndex(one) as idx:
        expected = [idx.add(a) for a in crawl[:40]] + [idx.add(a) for a in crawl[:60]]
        expected += [idx.add(a) for a in crawl[40:]]
    got = []
    with CrawlIndex(many) as idx:
        for lo in range(0, 40, batch):  # a first crawl, then a re-run and a later crawl
            got += idx.add_many([(a, None) for a in crawl[lo : min(40, lo + batch)]])
        rest = crawl[:60] + crawl[40:]
        for lo in range(0, len(rest), batch):
            got += idx.add_many([(a, None) for a in rest[lo : lo + batch]])
    assert got == expected
    assert expected.count(True) == 60 and expected.count(False) == 150
    a, b = _state(one), _state(many)
    assert a == b
    sizes = [size for _, _, size in a["stories"]]
    assert max(sizes) >= 4 and len(sizes) < len(crawl)  # the crawl has stories with copies
    assert any(sim < 1.0 for _, _, sim in a["story_of"])
    assert a["evidence"]  # verified pairs (copies and conflicts) were recorded


@pytest.mark.parametrize("limits", [(16, 4096), (3, 6)])
def test_passages_counted_over_a_batch_find_what_the_loop_finds(
    crawl: list[Article], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, limits: tuple[int, int]
) -> None:
    """The index file counts shared passages with numpy over a batch; a memory store with
    the per-document loop; both give what adding one by one gives -- also when passages are
    held by many documents (small limits: groups linked to their first holder, or ignored)."""
    from newsclean.dedup import index as index_module
    from newsclean.dedup.index import DuplicateIndex

    monkeypatch.setattr(index_module, "_MAX_POSTINGS", limits[0])
    monkeypatch.setattr(index_module, "_MAX_COMMON", limits[1])
    calls = []
    real = DuplicateIndex._passage_candidates

    def spy(self: DuplicateIndex, *args: Any) -> Any:
        calls.append(len(args[0]))
        return real(self, *args)

    monkeypatch.setattr(DuplicateIndex, "_passage_candidates", spy)
    one, mem = DuplicateIndex(), DuplicateIndex()
    disk = DuplicateIndex(SQLiteStore(tmp_path / "i.db"))
    features = [one.features_of(a) for a in crawl[:120]]
    expected = [[m.b for m in one.add(f.id, features=f)] for f in features]
    for index in (mem, disk):
        got = []
        for lo in range(0, len(features), 50):
            got += [[m.b for m in ms] for ms in index.add_batch(features[lo : lo + 50])]
        assert got == expected
    assert calls == [50, 50, 20]  # the index file took the numpy path, the memory store not
    assert sum(map(len, expected)) > 20
    disk.close()


def _lookups(store: SQLiteStore) -> tuple[Any, ...]:
    """Every lookup of the store's postings in memory, over every key it holds."""
    with sqlite3.connect(store.path) as db:
        rows = db.execute(
            "SELECT p.doc, bands, fps, lines FROM postings p JOIN doc_lines l ON l.seq = p.seq"
        ).fetchall()
    bands = sorted({k for _, b, _, _ in rows for k in np.frombuffer(b, np.uint64).tolist()})
    fps = sorted({k for _, _, f, _ in rows for k in np.frombuffer(f, np.uint32).tolist()})
    lines = sorted({k for *_, ln in rows for k in np.frombuffer(ln, np.uint64).tolist()})
    return (
        store.band_groups(bands),
        store.passage_groups(fps, 3, 6),
        store.passage_counts([d for d, *_ in rows]),
        store.line_groups(lines, SAMPLE),
        store.frequent_lines(3),
    )


def test_sorted_postings_kept_in_the_file_answer_as_the_rows(
    crawl: list[Article], tmp_path: Path
) -> None:
    path, ref = tmp_path / "kept.db", tmp_path / "rows.db"

    def arrays(p: Path) -> list[tuple[str, int]]:
        with sqlite3.connect(p) as db:
            return db.execute("SELECT name, upto FROM posting_arrays ORDER BY name").fetchall()

    def forget(p: Path) -> None:
        with sqlite3.connect(p) as db:
            db.execute("DELETE FROM posting_arrays")

    for lo, hi in ((0, 80), (80, 85), (85, 110)):
        with CrawlIndex(path) as idx:
            for a in crawl[lo:hi]:
                idx.add(a)
        with CrawlIndex(ref) as idx:  # the reference never reads them
            forget(ref)
            for a in crawl[lo:hi]:
                idx.add(a)
        forget(ref)
        kept = arrays(path)
        # written when missing or stale (5 new documents of 85 are not: kept as they were)
        assert {u for _, u in kept} == {80 if hi == 85 else hi} and len(kept) == 8
        with CrawlIndex(path) as a, CrawlIndex(ref) as b:
            assert _lookups(a.store) == _lookups(b.store)
            if hi == 85:  # the documents after the kept ones were read as rows
                assert a.store._arrays_upto == 80
        forget(ref)
    assert _state(path) == _state(ref)
    store = SQLiteStore(path)
    DuplicateIndex(store).remove(crawl[3].id or "")  # a removal drops them ...
    assert arrays(path) == []
    store.close()  # ... and closing the store writes them again
    assert {u for _, u in arrays(path)} == {110}


def test_incomplete_or_corrupt_sorted_postings(crawl: list[Article], tmp_path: Path) -> None:
    path = tmp_path / "i.db"
    with CrawlIndex(path) as idx:
        for a in crawl[:40]:
            idx.add(a)
    with CrawlIndex(path) as idx:
        expected = _lookups(idx.store)
    with sqlite3.connect(path) as db:  # one array missing: the rows are read instead
        db.execute("DELETE FROM posting_arrays WHERE name = 'fps.combined'")
    with CrawlIndex(path) as idx:
        assert _lookups(idx.store) == expected and idx.store._arrays_upto is None
    with sqlite3.connect(path) as db:  # written again on close, then damaged
        assert db.execute("SELECT COUNT(*) FROM posting_arrays").fetchone() == (8,)
        db.execute("UPDATE posting_arrays SET data = x'5b31' WHERE name = 'docs.ids'")
    with CrawlIndex(path) as idx, pytest.raises(IndexStoreError, match="corrupt sorted"):
        idx.add(crawl[50])


def test_a_failing_article_in_a_batch_leaves_no_trace(
    crawl: list[Article], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from newsclean.dedup.index import DuplicateIndex

    real = DuplicateIndex.add

    def flaky(self: DuplicateIndex, doc: object, *args: object, **kw: object) -> object:
        if getattr(doc, "id", None) == crawl[5].id:
            raise ValueError("engine bug")
        return real(self, doc, *args, **kw)  # type: ignore[arg-type]

    with CrawlIndex(tmp_path / "ref.db") as idx:
        for a in crawl[:5] + crawl[6:20]:
            idx.add(a)
    monkeypatch.setattr(DuplicateIndex, "add", flaky)
    real_batch = DuplicateIndex.add_batch

    def flaky_batch(self: DuplicateIndex, features: object) -> object:
        real_batch(self, features)  # type: ignore[arg-type]
        raise ValueError("engine bug")  # after writing: the batch is rolled back

    monkeypatch.setattr(DuplicateIndex, "add_batch", flaky_batch)
    with CrawlIndex(tmp_path / "got.db") as idx:
        out = idx.add_many([(a, None) for a in crawl[:20]])
    assert [type(x) for x in out] == [bool] * 5 + [ValueError] + [bool] * 14
    assert _state(tmp_path / "ref.db") == _state(tmp_path / "got.db")


def test_a_format_1_index_is_migrated(crawl: list[Article], tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    with CrawlIndex(path) as idx:
        for a in crawl[:30]:
            idx.add(a)
    # rewrite the postings as format 1 kept them: one (key, doc) row per band key and
    # passage fingerprint, with the documents' passage counts
    with sqlite3.connect(path) as db:
        rows = db.execute("SELECT doc, bands, fps FROM postings ORDER BY seq").fetchall()
        db.executescript(
            "DROP TABLE postings;"
            "CREATE TABLE bands (key INTEGER NOT NULL, doc TEXT NOT NULL);"
            "CREATE TABLE passages (fp INTEGER NOT NULL, doc TEXT NOT NULL);"
            "CREATE TABLE passage_counts (doc TEXT PRIMARY KEY, n INTEGER NOT NULL);"
            "UPDATE meta SET value = 'newsclean-dedup-index/1' WHERE key = 'format';"
        )
        for doc, bands, fps in rows:
            keys = np.frombuffer(bands, np.uint64).astype(np.int64).tolist()  # signed
            db.executemany("INSERT INTO bands VALUES (?, ?)", [(k, doc) for k in keys])
            fp_list = np.frombuffer(fps, np.uint32).tolist()
            db.executemany("INSERT INTO passages VALUES (?, ?)", [(f, doc) for f in fp_list])
            db.execute("INSERT INTO passage_counts VALUES (?, ?)", (doc, len(fp_list)))
    expected = tmp_path / "new.db"
    with CrawlIndex(expected) as idx:
        for a in crawl[:60]:
            idx.add(a)
    with CrawlIndex(path) as idx:  # migrated on open, then used
        assert idx.store._meta("format") == FORMAT
        for a in crawl[30:60]:
            idx.add(a)
    assert _state(path) == _state(expected)


def _to_format_2(path: Path) -> dict[int, tuple[int, list[str]]]:
    """Rewrite an index's line hashes as format 2 kept them: one (hash, count, first
    holders) row per line; returns those rows."""
    with sqlite3.connect(path) as db:
        rows: dict[int, tuple[int, list[str]]] = {}
        for doc, blob in db.execute("SELECT doc, lines FROM doc_lines ORDER BY seq"):
            for h in np.frombuffer(blob, np.uint64).tolist():
                count, sample = rows.get(h, (0, []))
                rows[h] = (count + 1, [*sample, doc] if len(sample) < SAMPLE else sample)
        db.executescript(
            "DROP TABLE doc_lines;"
            "CREATE TABLE lines (hash INTEGER PRIMARY KEY, count INTEGER NOT NULL, "
            "sample TEXT NOT NULL);"
            "CREATE INDEX lines_frequent ON lines (count) WHERE count >= 2;"
            "INSERT INTO meta VALUES ('lines', '1');"
            "UPDATE meta SET value = 'newsclean-dedup-index/2' WHERE key = 'format';"
        )
        db.executemany(
            "INSERT INTO lines VALUES (?, ?, ?)",
            [
                (h - (1 << 64) if h >= 1 << 63 else h, c, json.dumps(s))
                for h, (c, s) in rows.items()
            ],
        )
    return rows


def test_a_format_2_index_is_migrated(crawl: list[Article], tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    with CrawlIndex(path) as idx:
        for a in crawl[:50]:
            idx.add(a)
    old_rows = _to_format_2(path)
    assert max(c for c, _ in old_rows.values()) > 1  # lines shared by documents
    expected = tmp_path / "new.db"
    with CrawlIndex(expected) as idx:
        for a in crawl[:90]:
            idx.add(a)
    with CrawlIndex(path) as idx:  # migrated on open: the same counts and samples
        assert idx.store._meta("format") == FORMAT
        assert idx.store._arrays_upto == 50  # and the sorted postings kept at once
        stats = idx.index._lines
        assert stats._rows(sorted(old_rows)) == old_rows
        assert stats.frequent == {h for h, (c, _) in old_rows.items() if c >= stats.min_docs}
        for a in crawl[50:90]:
            idx.add(a)
    assert _state(path) == _state(expected)
    with sqlite3.connect(path) as db:  # the old table is gone
        assert not db.execute("SELECT name FROM sqlite_master WHERE name = 'lines'").fetchall()


def test_an_unknown_index_format_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "future.db"
    SQLiteStore(path).close()
    with sqlite3.connect(path) as db:
        db.execute("UPDATE meta SET value = 'newsclean-dedup-index/9' WHERE key = 'format'")
    with pytest.raises(Exception, match=r"unsupported index format .*rebuild the index"):
        SQLiteStore(path)


def test_band_candidates_of_a_batch_are_those_of_the_loop() -> None:
    """Band-key candidates found with numpy over a batch: for each document, the stored
    holders of its keys and the documents before it in the batch sharing one, as a loop
    over every key finds them (keys repeated within a document, documents without keys)."""
    from types import SimpleNamespace

    from newsclean.dedup.index import _add_band_candidates
    from newsclean.dedup.lsh import MAX_BUCKET

    rng = random.Random(8)
    pool = [rng.getrandbits(64) for _ in range(40)]
    keys = [rng.sample(pool, rng.randint(0, 5)) for _ in range(60)]
    keys[3] = [pool[0], pool[0]]
    # a key held by many: past MAX_BUCKET holders, a document is linked to the first only
    crowded, held = rng.getrandbits(64), [f"s{i}" for i in range(MAX_BUCKET - 20)]
    keys += [[crowded, rng.choice(pool)] for _ in range(40)]
    store_bands = {k: [f"s{rng.randint(0, 9)}", "s1"] for k in rng.sample(pool, 12)}
    store_bands[crowded] = held
    built: Any = [SimpleNamespace(id=f"b{i}") for i in range(len(keys))]
    expected: list[set[str]] = [{f"p{i}"} for i in range(len(keys))]  # found by passages
    batch_bands: dict[int, list[str]] = {}
    for doc, ks, found in zip(built, keys, expected, strict=True):
        for key in ks:
            holders = [*store_bands.get(key, ()), *batch_bands.get(key, ())]
            found.update(holders if len(holders) < MAX_BUCKET else holders[:1])
            batch_bands.setdefault(key, []).append(doc.id)
        found.discard(doc.id)
    got: list[set[str]] = [{f"p{i}"} for i in range(len(keys))]
    _add_band_candidates(built, keys, store_bands, got)
    assert got == expected
    assert sum(len(f) > 3 for f in expected) > 5  # many documents found several
    assert "s5" in expected[60] and "s5" not in expected[-1]  # the crowd: first holder only


def test_document_numbers_from_memory_are_those_of_the_file(
    crawl: list[Article], tmp_path: Path
) -> None:
    """Once the postings are in memory, the store numbers documents (and says which are
    stored) from them, without a query: the same answers as the file, after batches,
    single adds, a removal and a rolled-back batch."""
    ids = [a.id for a in crawl if a.id] + ["unknown"]
    with CrawlIndex(tmp_path / "i.db") as idx:
        store = idx.store
        idx.add_many([(a, None) for a in crawl[:30]])
        for a in crawl[30:35]:
            idx.add(a)
        idx.commit()
        idx.index.remove(str(crawl[3].id))
        for a in crawl[35:40]:  # pending (add commits every ``batch`` articles) ...
            idx.add(a)
        assert str(crawl[36].id) in store
        idx.rollback()  # ... and rolled back: the postings in memory are read again
        assert store._postings is None
        idx.add_many([(a, None) for a in crawl[35:45]])
        for _ in range(2):
            assert store._postings is not None
            expected = store._read_seqs(ids)
            assert store.seqs(ids) == expected and len(expected) == 44
            assert [d in store for d in ids] == [d in expected for d in ids]
            assert all(store.seq(d) == s for d, s in expected.items())
            store.forget_postings()  # then from the file, read again
            store.band_groups([0])


def test_matches_without_explanation_keep_the_decisions_and_scores(
    crawl: list[Article], tmp_path: Path
) -> None:
    """``add_batch(explain=False)`` (what the crawl index asks for) returns the same
    matches, in the same order, with the same scores, only without the shared sample and
    notes; the index files written are the same."""
    explained = DuplicateIndex(SQLiteStore(tmp_path / "a.db"))
    plain = DuplicateIndex(SQLiteStore(tmp_path / "b.db"))
    features = [explained.features_of(a) for a in crawl[:90]]
    got: list[list[Any]] = [[], []]
    for lo in range(0, len(features), 30):
        got[0] += explained.add_batch(features[lo : lo + 30])
        got[1] += plain.add_batch(features[lo : lo + 30], explain=False)

    def scores(ms: list[Any]) -> list[tuple[Any, ...]]:
        return [(m.a, m.b, m.jaccard_est, m.jaccard, m.containment, m.decision) for m in ms]

    assert [scores(ms) for ms in got[0]] == [scores(ms) for ms in got[1]]
    assert sum(map(len, got[0])) > 20
    assert any(m.shared for ms in got[0] for m in ms)
    assert not any(m.shared or m.notes for ms in got[1] for m in ms)
    explained.close()
    plain.close()
    tables = {}
    for name in ("a", "b"):
        with sqlite3.connect(tmp_path / f"{name}.db") as db:
            tables[name] = [
                db.execute(f"SELECT * FROM {t} ORDER BY rowid").fetchall()
                for t in ("docs", "evidence", "doc_lines", "postings")
            ]
    assert tables["a"] == tables["b"] and tables["a"][1]


@pytest.mark.parametrize("kind", ["one by one", "memory batches", "file batches"])
def test_copies_of_one_page_cost_linear_verification(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kind: str
) -> None:
    """A crawl that meets one page everywhere (an error or consent page): past
    MAX_BUCKET holders of a band key, a new copy is verified against the first holder
    only, as find_duplicates links a crowded bucket, not against every copy before it."""
    from newsclean.dedup import index as index_module
    from newsclean.dedup.lsh import MAX_BUCKET

    calls = 0
    real_verify = index_module.verify

    def counting(*args: Any, **kwargs: Any) -> Any:
        nonlocal calls
        calls += 1
        return real_verify(*args, **kwargs)

    monkeypatch.setattr(index_module, "verify", counting)
    page = " ".join(_story(random.Random(5), 6))
    n = 3 * MAX_BUCKET
    if kind == "one by one":
        index = DuplicateIndex()
        firsts = [[m.b for m in index.add(f"c{i}", page)][:1] for i in range(n)]
    else:
        index = DuplicateIndex(SQLiteStore(tmp_path / "i.db") if kind == "file batches" else None)
        feats = [index.features_of(clean(page, id=f"c{i}")) for i in range(n)]
        firsts = []
        for lo in range(0, n, 50):
            firsts += [[m.b for m in ms][:1] for ms in index.add_batch(feats[lo : lo + 50])]
    # every copy is found a copy of the first page
    assert firsts == [[]] + [["c0"]] * (n - 1)
    # the first MAX_BUCKET copies are compared with all before them, the others with one
    assert calls <= MAX_BUCKET * (MAX_BUCKET - 1) // 2 + (n - MAX_BUCKET)
    assert len(index.result().clusters) == 1
    index.close()
