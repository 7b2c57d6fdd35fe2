"""Storage behind DuplicateIndex: the memory store and the persistent SQLite store."""

from __future__ import annotations

from pathlib import Path

import pytest

from dedup_cases import CHROME_EN, PORT_STORY, WATER_STORY, partial, syndicated, text
from newsclean import DuplicateIndex, IndexStoreError
from newsclean.dedup import DocStore, MemoryStore, SQLiteStore
from newsclean.dedup.sqlite_store import _decode_evidence, _encode_evidence
from newsclean.dedup.verify import Evidence

DOCS = [
    ("port", text(PORT_STORY)),
    ("port-syn", syndicated(PORT_STORY, chrome=CHROME_EN, dateline="(AFP) - ", seed=4)),
    ("water", text(WATER_STORY)),
    ("port-part", partial(PORT_STORY, 2, ["The port employs 12,000 people directly."])),
    ("water-part", text(WATER_STORY[:3])),
]


def test_both_stores_satisfy_the_protocol(tmp_path: Path) -> None:
    assert isinstance(MemoryStore(), DocStore)
    sqlite = SQLiteStore(tmp_path / "a.db")
    assert isinstance(sqlite, DocStore)
    sqlite.close()


def test_sqlite_index_persists_and_gives_the_memory_results(tmp_path: Path) -> None:
    path = tmp_path / "news.db"
    memory = DuplicateIndex()
    memory.add_many(DOCS)
    with DuplicateIndex(SQLiteStore(path)) as index:
        index.add_many(DOCS[:3])
    with DuplicateIndex(SQLiteStore(path)) as index:  # reopened: documents are still there
        assert len(index) == 3 and "port-syn" in index
        matches = index.add(*DOCS[3])
        assert {m.b for m in matches} == {"port", "port-syn"}
        index.add(*DOCS[4])
        assert index.result().assignments == memory.result().assignments
        stored = index.store.all_evidence()
        assert any(ev.duplicate for ev in stored.values())
        index.remove("port-syn")
        assert "port-syn" not in index
    with DuplicateIndex(SQLiteStore(path)) as index:
        assert index.store.ids() == ["port", "water", "port-part", "water-part"]
        assert "port-syn" not in {m.b for m in index.query(text(PORT_STORY))}
        assert all("port-syn" not in k for k in index.store.all_evidence())


def test_sqlite_refuses_other_settings_and_other_files(tmp_path: Path) -> None:
    path = tmp_path / "news.db"
    DuplicateIndex(SQLiteStore(path)).close()
    with pytest.raises(IndexStoreError, match="other settings"):
        DuplicateIndex(SQLiteStore(path), num_perm=128)
    DuplicateIndex(SQLiteStore(path), threshold=0.7).close()  # decision settings may change
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not a database at all" * 100)
    with pytest.raises(IndexStoreError, match="cannot open index"):
        SQLiteStore(junk)
    import sqlite3

    other = tmp_path / "other.db"
    con = sqlite3.connect(other)
    con.execute("CREATE TABLE t (x)")
    con.commit()
    con.close()
    with pytest.raises(IndexStoreError, match="not a newsclean index"):
        SQLiteStore(other)


def test_sqlite_transaction_rolls_back_on_error(tmp_path: Path) -> None:
    store = SQLiteStore(tmp_path / "t.db")
    index = DuplicateIndex(store)
    index.add(*DOCS[0])
    doc = store.get("port")
    with pytest.raises(RuntimeError), store.transaction():
        store.delete("port")
        raise RuntimeError("crash in the middle")
    assert "port" in store and store.get("port").id == doc.id
    with pytest.raises(IndexStoreError, match="already indexed"):
        store.put(doc)
    with pytest.raises(IndexStoreError, match="not indexed"):
        store.get("missing")
    store.close()


def test_evidence_round_trips_through_json() -> None:
    ev = Evidence(
        False,
        "numbers differ: 25th / 26th",
        jaccard=0.7,
        containment=0.8,
        numbers=(("25th", "26th"),),
        conflict=True,
        kind="numbers",
        shared_run=(3, 40),
        lead_span=(0, 0),
    )
    assert _decode_evidence(_encode_evidence(ev)) == ev
