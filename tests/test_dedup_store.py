"""Storage behind DuplicateIndex: the memory store and the persistent SQLite store."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from dedup_cases import CHROME_EN, PORT_STORY, WATER_STORY, partial, syndicated, text
from newsclean import DuplicateIndex, IndexStoreError
from newsclean.dedup import DedupParams, DocStore, MemoryStore, SQLiteStore
from newsclean.dedup.sqlite_store import _decode_evidence, _encode_evidence
from newsclean.dedup.store import FIXED_SETTINGS
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
    reopened = DuplicateIndex(SQLiteStore(path), threshold=0.7)  # decisions may change
    assert reopened.settings_changed == {"threshold": (0.5, 0.7)}
    reopened.close()
    with DuplicateIndex(SQLiteStore(path)) as again:  # and are remembered
        assert again.params.threshold == 0.7 and again.settings_changed == {}
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


@pytest.mark.parametrize("kind", ["memory", "sqlite"])
def test_a_store_remembers_the_settings_of_its_index(kind: str, tmp_path: Path) -> None:
    def store() -> DocStore:
        return shared if kind == "memory" else SQLiteStore(tmp_path / "s.db")

    shared: DocStore = MemoryStore()
    with DuplicateIndex(store(), num_perm=32, containment=0.9) as first:
        first.add_many(DOCS[:3])
        matches = first.query(DOCS[3][1])
    with DuplicateIndex(store()) as index:  # no settings given: the store's
        assert (index.params.num_perm, index.params.containment) == (32, 0.9)
        assert index.query(DOCS[3][1]) == matches
    with DuplicateIndex(store(), threshold=0.6) as index:  # options over the store's
        assert (index.params.num_perm, index.params.threshold) == (32, 0.6)
        assert index.settings_changed == {"threshold": (0.5, 0.6)}
    with pytest.raises(IndexStoreError, match=r"num_perm: index 32, now 64"):
        DuplicateIndex(store(), params=DedupParams())  # a whole DedupParams is taken as given
    assert store().settings()["threshold"] == 0.6


def test_an_index_from_before_decision_settings_were_recorded(tmp_path: Path) -> None:
    # older files recorded only the shingle and signature settings: they open with the
    # defaults for the rest, which are then recorded
    path = tmp_path / "old.db"
    with DuplicateIndex(SQLiteStore(path), num_perm=32) as index:
        index.add_many(DOCS[:2])
    old = {k: v for k, v in SQLiteStore(path).settings().items() if k in FIXED_SETTINGS}
    con = sqlite3.connect(path)
    con.execute("UPDATE meta SET value = ? WHERE key = 'settings'", (json.dumps(old),))
    con.commit()
    con.close()
    with DuplicateIndex(SQLiteStore(path)) as index:
        assert index.params == DedupParams(num_perm=32) and index.settings_changed == {}
        assert len(index) == 2
    assert SQLiteStore(path).settings()["containment"] == DedupParams().containment


CJK_STORY = (
    "国务院总理28日主持召开国务院常务会议，部署推进经济工作。会议指出，要加大宏观政策调控力度，"
    "着力扩大国内需求，推动经济持续回升向好。会议强调，要切实做好民生保障工作，确保群众温暖过冬。"
)


def test_an_index_of_chinese_text_from_before_character_tokens_is_refused(
    tmp_path: Path,
) -> None:
    latin, cjk = tmp_path / "latin.db", tmp_path / "cjk.db"
    with DuplicateIndex(SQLiteStore(latin)) as index:
        index.add_many(DOCS[:2])
    with DuplicateIndex(SQLiteStore(cjk)) as index:
        index.add_many([*DOCS[:2], ("zh", CJK_STORY)])
    for path in (latin, cjk):  # as an older newsclean left them: no tokens mark
        with sqlite3.connect(path) as db:
            db.execute("DELETE FROM meta WHERE key = 'tokens'")
    with DuplicateIndex(SQLiteStore(latin)) as index:  # nothing to re-read: marked, usable
        assert {m.b for m in index.query(DOCS[1][1])} == {"port", "port-syn"}
    with sqlite3.connect(latin) as db:
        assert db.execute("SELECT value FROM meta WHERE key = 'tokens'").fetchone() is not None
    with pytest.raises(IndexStoreError, match=r"Chinese and Japanese .*'zh'.*rebuild"):
        SQLiteStore(cjk)
