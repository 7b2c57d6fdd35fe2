"""A persistent :class:`~newsclean.dedup.store.DocStore` in one SQLite file.

Every document is one row: its id, insertion number, source text, date and agency, and its
features and sketch as a binary blob (numpy arrays with a small JSON header -- no pickle,
so opening an index never runs code from the file).  Its LSH band keys and passage
fingerprints are one more row (two arrays), and its distinct line hashes (the site-template
line statistics) one more: a write appends, it inserts no random keys into B-tree indexes.
The first search reads them all into a
:class:`~newsclean.dedup.posting_index.PostingIndex` in memory, kept current as documents
are added; the file also keeps its sorted arrays (written on close when missing or stale),
so that opening a large index sorts only the postings added since.  Verified pairs keep
their evidence as JSON.  Each change is one transaction (``PRAGMA journal_mode=WAL``,
``synchronous=FULL``): a crash loses at most the document being written, never the index.
``transaction()`` groups many changes into one commit for bulk loading.

The file records the parameters it was built with; opening it with different shingle,
signature or LSH settings raises :class:`~newsclean.IndexStoreError` (the stored sketches
would not be comparable).

>>> import tempfile, os
>>> from newsclean.dedup.index import DuplicateIndex
>>> path = os.path.join(tempfile.mkdtemp(), "news.db")
>>> with DuplicateIndex(SQLiteStore(path)) as index:
...     _ = index.add("a", "The cabinet approved the new budget on Sunday, the ministry said.")
>>> with DuplicateIndex(SQLiteStore(path)) as index:
...     [m.b for m in index.query("the cabinet approved the new budget on sunday")]
['a']
"""

from __future__ import annotations

import json
import sqlite3
import struct
from collections import OrderedDict
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import fields
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from ..errors import IndexStoreError
from ..lang import UNSPACED_RANGES
from .features import Doc, DocFeatures, Sketch
from .posting_index import PostingIndex
from .store import merge_settings, pair_key
from .templates import SAMPLE, LineStats, distinct_lines
from .verify import Evidence

__all__ = ["SQLiteLineStats", "SQLiteStore"]

FORMAT = "newsclean-dedup-index/3"
_FORMAT_1 = "newsclean-dedup-index/1"  # postings as (key, doc) rows: migrated on open
_FORMAT_2 = "newsclean-dedup-index/2"  # line counts as a (hash, count, sample) table: migrated
#: How the stored documents were tokenized: Chinese characters and kana one token each
#: (:func:`newsclean.dedup.shingles.split_unspaced`).  An index without this mark holds
#: such text as runs of characters, which new documents no longer match.
TOKENS = "unspaced-characters"
# the characters split_unspaced makes tokens of, as a GLOB pattern
_UNSPACED_GLOB = "*[" + "".join(f"{chr(lo)}-{chr(hi)}" for lo, hi in UNSPACED_RANGES) + "]*"
_IN_CHUNK = 500  # keys per "IN (...)" query
_PAGE_CACHE_KB = 256 * 1024  # SQLite page cache: the posting indexes of a large index
_ARRAYS = (
    *("docs.seqs", "docs.fps", "docs.ids"),
    *("bands.combined", "bands.full", "fps.combined", "lines.keys", "lines.seqs"),
)
_STALE = 8  # the sorted postings are written again when 1/8 of the documents are not in them

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS docs (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE,
    source TEXT NOT NULL,
    date TEXT,
    agency TEXT,
    lang TEXT,
    data BLOB NOT NULL
);
CREATE TABLE IF NOT EXISTS postings (
    seq INTEGER PRIMARY KEY, doc TEXT NOT NULL, bands BLOB NOT NULL, fps BLOB NOT NULL
);
CREATE TABLE IF NOT EXISTS evidence (
    a TEXT NOT NULL, b TEXT NOT NULL, data TEXT NOT NULL, PRIMARY KEY (a, b)
);
CREATE INDEX IF NOT EXISTS evidence_b ON evidence (b);
CREATE TABLE IF NOT EXISTS doc_lines (
    seq INTEGER PRIMARY KEY, doc TEXT NOT NULL, lines BLOB NOT NULL
);
CREATE TABLE IF NOT EXISTS posting_arrays (
    name TEXT PRIMARY KEY, upto INTEGER NOT NULL, dtype TEXT NOT NULL, data BLOB NOT NULL
);
"""

_ARRAYS_F = ("tokens", "numeric", "line_len", "line_hashes", "prose")
_ARRAYS_S = ("keep", "shingles", "shingle_set", "first_pos", "fingerprints", "signature")


def _u64_blob(keys: Iterable[int]) -> bytes:
    """Band keys (Python ints below 2**64, or signed 64-bit as format 1 stored them) as
    uint64 bytes."""
    return np.asarray([k & 0xFFFFFFFFFFFFFFFF for k in keys], dtype=np.uint64).tobytes()


def _line_blob(line_hashes: npt.NDArray[np.uint64]) -> bytes:
    """A document's distinct non-empty line hashes, as uint64 bytes."""
    lines = np.unique(line_hashes.astype(np.uint64, copy=False))
    return bytes(lines[lines != 0].tobytes())


def _pack(arrays: dict[str, npt.NDArray[Any]], extra: dict[str, Any]) -> bytes:
    header = {
        "arrays": [[name, a.dtype.str, int(a.size)] for name, a in arrays.items()],
        "extra": extra,
    }
    head = json.dumps(header).encode("utf-8")
    body = b"".join([a.tobytes() for a in arrays.values()])  # (C order, whatever the layout)
    return struct.pack("<I", len(head)) + head + body


def _unpack(blob: bytes, prefix: str = "") -> tuple[dict[str, npt.NDArray[Any]], dict[str, Any]]:
    """The arrays (those whose name starts with ``prefix``) and extras of a blob."""
    (n,) = struct.unpack_from("<I", blob)
    header = json.loads(blob[4 : 4 + n].decode("utf-8"))
    out: dict[str, npt.NDArray[Any]] = {}
    pos = 4 + n
    for name, dtype, size in header["arrays"]:
        dt = np.dtype(dtype)
        if name.startswith(prefix):
            out[name] = np.frombuffer(blob, dtype=dt, count=size, offset=pos).copy()
        pos += dt.itemsize * size
    return out, header["extra"]


def _unpack_one(blob: bytes, wanted: str) -> npt.NDArray[Any]:
    """One array of a :func:`_pack` blob (the others are skipped, not copied)."""
    (n,) = struct.unpack_from("<I", blob)
    header = json.loads(blob[4 : 4 + n].decode("utf-8"))
    pos = 4 + n
    for name, dtype, size in header["arrays"]:
        dt = np.dtype(dtype)
        if name == wanted:
            return np.frombuffer(blob, dtype=dt, count=size, offset=pos).copy()
        pos += dt.itemsize * size
    raise KeyError(wanted)


def _encode_doc(doc: Doc) -> bytes:
    f, s = doc.features, doc.sketch
    arrays = {f"f.{n}": getattr(f, n) for n in _ARRAYS_F}
    arrays.update({f"s.{n}": getattr(s, n) for n in _ARRAYS_S})
    extra = {
        "head_marker": list(f.head_marker),
        "chrome": f.chrome,
        "dropped": None if f.dropped is None else list(f.dropped),
        "plain": f.plain,
        "body_start": s.body_start,
        "update_marker": s.update_marker,
    }
    return _pack(arrays, extra)


def _decode_doc(row: sqlite3.Row) -> Doc:
    arrays, extra = _unpack(row["data"])
    s = Sketch(
        keep=arrays["s.keep"],
        shingles=arrays["s.shingles"],
        shingle_set=arrays["s.shingle_set"],
        first_pos=arrays["s.first_pos"],
        fingerprints=arrays["s.fingerprints"],
        signature=arrays["s.signature"],
        body_start=int(extra["body_start"]),
        update_marker=bool(extra["update_marker"]),
    )
    return Doc(_decode_features(row, arrays, extra), s)


def _decode_features(
    row: sqlite3.Row, arrays: dict[str, npt.NDArray[Any]], extra: dict[str, Any]
) -> DocFeatures:
    return DocFeatures(
        id=row["id"],
        source=row["source"],
        tokens=arrays["f.tokens"],
        numeric=arrays["f.numeric"],
        line_len=arrays["f.line_len"],
        line_hashes=arrays["f.line_hashes"],
        prose=arrays["f.prose"],
        head_marker=tuple(extra["head_marker"]),
        date=row["date"],
        agency=row["agency"],
        lang=row["lang"],
        chrome=bool(extra.get("chrome", False)),
        dropped=None if extra.get("dropped") is None else tuple(extra["dropped"]),
        plain=bool(extra.get("plain", False)),
    )


_EVIDENCE_FIELDS = tuple(f.name for f in fields(Evidence))


def _encode_evidence(ev: Evidence) -> str:
    # the fields as they are (tuples of strings and numbers: JSON lists), as asdict gives
    return json.dumps({name: getattr(ev, name) for name in _EVIDENCE_FIELDS})


def _decode_evidence(data: str) -> Evidence:
    raw = json.loads(data)
    tuples = {"numbers", "names", "notes", "shared_run", "shared_run_b", "lead_span"}
    for name in tuples & raw.keys():
        value = raw[name]
        raw[name] = tuple(tuple(v) if isinstance(v, list) else v for v in value)
    known = {f.name for f in fields(Evidence)}
    return Evidence(**{k: v for k, v in raw.items() if k in known})


class SQLiteStore:
    """A :class:`~newsclean.dedup.store.DocStore` in the SQLite file ``path`` (created if
    missing).  ``settings`` are the parameters the index was built with (written on
    creation, checked on every later open by :class:`~newsclean.DuplicateIndex`)."""

    def __init__(self, path: str | Path, *, cache_size: int = 4096) -> None:
        self.path = Path(path)
        try:
            self._db = sqlite3.connect(str(self.path), isolation_level=None)
            self._db.row_factory = sqlite3.Row
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=FULL")
            self._db.execute(f"PRAGMA cache_size=-{_PAGE_CACHE_KB}")
            existing = {
                r[0] for r in self._db.execute("SELECT name FROM sqlite_master WHERE type='table'")
            }
            if existing and "meta" not in existing:
                raise IndexStoreError(f"{self.path}: not a newsclean index (no meta table)")
            self._db.executescript(_SCHEMA)
            fmt = self._meta("format")
            migrated = fmt in (_FORMAT_1, _FORMAT_2)
            if fmt is None:
                self._set_meta("format", FORMAT)
                self._set_meta("tokens", TOKENS)
            elif fmt == _FORMAT_1 and "bands" in existing:
                self._migrate_1()
                self._migrate_2()
            elif fmt == _FORMAT_2:
                self._migrate_2()
            elif fmt != FORMAT:
                raise IndexStoreError(
                    f"{self.path}: unsupported index format {fmt!r} (this newsclean reads "
                    f"{FORMAT!r}: rebuild the index)"
                )
            if self._meta("tokens") is None:
                self._check_tokens()
        except sqlite3.DatabaseError as exc:
            raise IndexStoreError(f"{self.path}: cannot open index: {exc}") from exc
        self._cache: OrderedDict[str, Doc] = OrderedDict()
        self._cache_size = cache_size
        # shingle sets read for screening (most candidates need nothing else), kept longer
        self._sets: OrderedDict[str, npt.NDArray[np.uint32]] = OrderedDict()
        self._sets_size = 8 * cache_size
        self._depth = 0
        self._postings: PostingIndex | None = None  # read on the first search
        self._arrays_upto: int | None = None  # the last document of the sorted postings read
        self._line_stats: SQLiteLineStats | None = None
        self._version = self._data_version()
        if migrated:  # the sorted postings too, as an index built by this version has them
            self._posting_index()
            self._write_arrays()

    def _migrate_1(self) -> None:
        """Rewrite a format-1 index's posting tables (one row per key and document) as one
        row per document, in one transaction (a crash leaves the format-1 file)."""
        self._db.execute("BEGIN IMMEDIATE")
        try:
            seqs = {str(r[0]): int(r[1]) for r in self._db.execute("SELECT id, seq FROM docs")}
            per_doc: dict[int, tuple[list[int], list[int]]] = {}
            for table, col, slot in (("bands", "key", 0), ("passages", "fp", 1)):
                cur = self._db.execute(f"SELECT doc, {col} FROM {table} ORDER BY rowid")
                cur.row_factory = None
                for doc, key in cur:
                    seq = seqs.get(doc)
                    if seq is not None:
                        per_doc.setdefault(seq, ([], []))[slot].append(int(key))
            ids = {seq: doc for doc, seq in seqs.items()}
            self._db.executemany(
                "INSERT OR REPLACE INTO postings (seq, doc, bands, fps) VALUES (?, ?, ?, ?)",
                (
                    (seq, ids[seq], _u64_blob(b), np.asarray(f, dtype=np.uint32).tobytes())
                    for seq, (b, f) in sorted(per_doc.items())
                ),
            )
            for table in ("bands", "passages", "passage_counts"):
                self._db.execute(f"DROP TABLE IF EXISTS {table}")
            self._db.execute("DELETE FROM meta WHERE key = 'passage_counts'")
            self._set_meta("format", _FORMAT_2)
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")

    def _migrate_2(self) -> None:
        """Replace a format-2 index's line counts (one row per line hash, rewritten at
        random places by every batch) with each document's distinct line hashes (one row
        per document, appended), read from the stored features, in one transaction (a
        crash leaves the format-2 file).  The counts are the same; the sample of a line
        is its first holders, as the counts table kept it."""
        self._db.execute("BEGIN IMMEDIATE")
        try:
            self._db.execute("DELETE FROM doc_lines")
            cur = self._db.execute("SELECT seq, id, data FROM docs ORDER BY seq")
            cur.row_factory = None
            rows = (
                (seq, doc_id, _line_blob(_unpack_one(data, "f.line_hashes")))
                for seq, doc_id, data in cur
            )
            self._db.executemany("INSERT INTO doc_lines (seq, doc, lines) VALUES (?, ?, ?)", rows)
            self._db.execute("DROP TABLE IF EXISTS lines")
            self._db.execute("DELETE FROM meta WHERE key = 'lines'")
            self._set_meta("format", FORMAT)
        except (ValueError, KeyError, struct.error) as exc:
            self._db.execute("ROLLBACK")
            raise IndexStoreError(f"{self.path}: corrupt record while migrating ({exc})") from exc
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")

    def _data_version(self) -> int:
        return int(self._db.execute("PRAGMA data_version").fetchone()[0])

    def _posting_index(self) -> PostingIndex:
        """The postings in memory (read from the file on first use, or again after a
        rollback or another connection's commit)."""
        if self._postings is None:
            arrays, upto = self._read_arrays()
            after = (upto,) if arrays else (-1,)
            cur = self._db.execute(
                "SELECT seq, doc, bands, fps FROM postings WHERE seq > ? ORDER BY seq", after
            )
            cur.row_factory = None
            lines = self._db.execute(
                "SELECT seq, doc, lines FROM doc_lines WHERE seq > ? ORDER BY seq", after
            )
            lines.row_factory = None
            if arrays:
                try:
                    self._postings = PostingIndex.from_arrays(arrays, cur, lines)
                except (ValueError, UnicodeDecodeError) as exc:
                    raise IndexStoreError(f"{self.path}: corrupt sorted postings ({exc})") from exc
            else:
                self._postings = PostingIndex.from_rows(cur, lines)
            self._arrays_upto = upto if arrays else None
        return self._postings

    def _read_arrays(self) -> tuple[dict[str, npt.NDArray[Any]], int]:
        """The sorted postings kept in the file, and the last document they hold (none
        when they are missing or inconsistent: then every posting row is read)."""
        rows = self._db.execute("SELECT name, upto, dtype, data FROM posting_arrays").fetchall()
        arrays = {}
        uptos = set()
        for name, upto, dtype, data in rows:
            try:
                arrays[str(name)] = np.frombuffer(data, dtype=np.dtype(str(dtype)))
            except (TypeError, ValueError):
                return {}, -1
            uptos.add(int(upto))
        complete = set(arrays) == set(_ARRAYS) and len(uptos) == 1
        if not complete or arrays["bands.combined"].size != arrays["bands.full"].size:
            return {}, -1
        if arrays["lines.keys"].size != arrays["lines.seqs"].size:
            return {}, -1
        if arrays["docs.seqs"].size != arrays["docs.fps"].size:
            return {}, -1
        return arrays, uptos.pop()

    def _write_arrays(self) -> None:
        """Keep the sorted postings in the file when those kept are missing or stale (a
        later open reads them instead of sorting every posting again)."""
        postings = self._postings
        if postings is None or self._depth or not len(postings):
            return
        upto = max(postings._ids)
        kept = self._arrays_upto
        if kept is not None:
            after = sum(1 for seq in postings._ids if seq > kept)
            if after * _STALE <= len(postings):
                return
        with self.transaction():  # (which forgets the postings if another connection wrote)
            if self._postings is not postings:
                return
            top, count = self._db.execute("SELECT MAX(seq), COUNT(*) FROM postings").fetchone()
            if top != upto or count != len(postings):
                return  # not the file's postings: nothing is written
            self._db.execute("DELETE FROM posting_arrays")
            self._db.executemany(
                "INSERT INTO posting_arrays (name, upto, dtype, data) VALUES (?, ?, ?, ?)",
                [(n, upto, a.dtype.str, a.tobytes()) for n, a in postings.arrays().items()],
            )
        self._arrays_upto = upto

    def forget_postings(self) -> None:
        """Drop the postings and documents held in memory (after a rollback): the next
        search reads them (and the line counts forget the documents not stored yet)."""
        self._postings = None
        self._cache.clear()
        self._sets.clear()
        if self._line_stats is not None:
            self._line_stats.forget_pending()

    def _check_tokens(self) -> None:
        """An index written before Chinese and Japanese text was tokenized by character
        is still good when it holds no such text (it is marked so); otherwise it must be
        rebuilt."""
        row = self._db.execute(
            "SELECT id FROM docs WHERE source GLOB ? LIMIT 1", (_UNSPACED_GLOB,)
        ).fetchone()
        if row is not None:
            raise IndexStoreError(
                f"{self.path}: built by an older newsclean that read Chinese and Japanese text "
                f"as runs of characters (document {row[0]!r}); rebuild the index"
            )
        self._set_meta("tokens", TOKENS)

    # -- settings -------------------------------------------------------------------------

    def _meta(self, key: str) -> str | None:
        row = self._db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row[0])

    def _set_meta(self, key: str, value: str) -> None:
        self._db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (key, value))

    def settings(self) -> dict[str, Any]:
        """The settings the index last used (empty for a new file)."""
        stored = self._meta("settings")
        return {} if stored is None else dict(json.loads(stored))

    def check_settings(self, settings: dict[str, Any]) -> None:
        """Record ``settings``, refusing other shingle or signature settings than the
        index's (:func:`~newsclean.dedup.store.merge_settings`)."""
        stored = self.settings()
        merged = merge_settings(str(self.path), stored, settings)
        if merged != stored:
            self._set_meta("settings", json.dumps(merged, sort_keys=True))

    # -- transactions ---------------------------------------------------------------------

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """Group several changes into one atomic commit (nested calls join the outer one)."""
        if self._depth == 0:
            self._db.execute("BEGIN IMMEDIATE")
            version = self._data_version()
            if version != self._version:  # another connection wrote to the file
                self._version = version
                self.forget_postings()
        self._depth += 1
        try:
            yield
        except BaseException:
            self._depth -= 1
            if self._depth == 0:
                self._db.execute("ROLLBACK")
                self.forget_postings()
            raise
        self._depth -= 1
        if self._depth == 0:
            self._db.execute("COMMIT")

    # -- documents ------------------------------------------------------------------------

    def put(self, doc: Doc) -> None:
        f = doc.features
        lines = _line_blob(f.line_hashes)
        try:
            with self.transaction():
                cur = self._db.execute(
                    "INSERT INTO docs (id, source, date, agency, lang, data) "
                    "VALUES (?, ?, ?, ?, ?, ?)",
                    (f.id, f.source, f.date, f.agency, f.lang, _encode_doc(doc)),
                )
                seq = cur.lastrowid
                assert seq is not None
                self._db.execute(
                    "INSERT INTO doc_lines (seq, doc, lines) VALUES (?, ?, ?)", (seq, f.id, lines)
                )
        except sqlite3.IntegrityError:
            raise IndexStoreError(f"document {f.id!r} is already indexed") from None
        if self._postings is not None:
            self._postings.add_lines(seq, f.id, np.frombuffer(lines, np.uint64))
        if self._line_stats is not None:
            self._line_stats.stored(f.id)
        self._remember(doc)

    def put_many(self, docs: list[Doc]) -> None:
        """:meth:`put` of several new documents, in order, with one statement per table."""
        if not docs:
            return
        ids = [d.id for d in docs]
        if len(set(ids)) != len(ids):
            raise IndexStoreError("a batch holds the same document id twice")
        for doc_id in sorted(self.seqs(ids), key=ids.index)[:1]:
            raise IndexStoreError(f"document {doc_id!r} is already indexed")
        lines = [_line_blob(d.features.line_hashes) for d in docs]
        with self.transaction():
            self._db.executemany(
                "INSERT INTO docs (id, source, date, agency, lang, data) VALUES (?, ?, ?, ?, ?, ?)",
                [
                    (f.id, f.source, f.date, f.agency, f.lang, _encode_doc(d))
                    for d in docs
                    for f in (d.features,)
                ],
            )
            seqs = self._read_seqs(ids)  # (not in the postings in memory yet)
            self._db.executemany(
                "INSERT INTO doc_lines (seq, doc, lines) VALUES (?, ?, ?)",
                [(seqs[d], d, blob) for d, blob in zip(ids, lines, strict=True)],
            )
        for doc, blob in zip(docs, lines, strict=True):
            if self._postings is not None:
                self._postings.add_lines(seqs[doc.id], doc.id, np.frombuffer(blob, np.uint64))
            self._remember(doc)
        if self._line_stats is not None:
            self._line_stats.stored_many(ids)

    def _remember(self, doc: Doc) -> None:
        self._cache[doc.id] = doc
        self._cache.move_to_end(doc.id)
        while len(self._cache) > self._cache_size:
            self._cache.popitem(last=False)

    def get(self, doc_id: str) -> Doc:
        doc = self._cache.get(doc_id)
        if doc is not None:
            self._cache.move_to_end(doc_id)
            return doc
        row = self._db.execute("SELECT * FROM docs WHERE id = ?", (doc_id,)).fetchone()
        if row is None:
            raise IndexStoreError(f"document {doc_id!r} is not indexed")
        try:
            doc = _decode_doc(row)
        except (ValueError, KeyError, struct.error) as exc:
            raise IndexStoreError(f"document {doc_id!r}: corrupt record ({exc})") from exc
        self._remember(doc)
        return doc

    def features(self, doc_id: str) -> DocFeatures:
        """A stored document's features only (its sketch is not decoded, and the document
        does not enter the cache of :meth:`get`)."""
        doc = self._cache.get(doc_id)
        if doc is not None:
            return doc.features
        row = self._db.execute("SELECT * FROM docs WHERE id = ?", (doc_id,)).fetchone()
        if row is None:
            raise IndexStoreError(f"document {doc_id!r} is not indexed")
        try:
            return _decode_features(row, *_unpack(row["data"], "f."))
        except (ValueError, KeyError, struct.error) as exc:
            raise IndexStoreError(f"document {doc_id!r}: corrupt record ({exc})") from exc

    def delete(self, doc_id: str) -> None:
        with self.transaction():
            seq = self.seq(doc_id)
            self._db.execute("DELETE FROM docs WHERE seq = ?", (seq,))
            self._db.execute("DELETE FROM postings WHERE seq = ?", (seq,))
            self._db.execute("DELETE FROM doc_lines WHERE seq = ?", (seq,))
            self._db.execute("DELETE FROM posting_arrays")  # they hold the document
            self._arrays_upto = None
            if self._postings is not None:
                self._postings.remove(seq)
            self._db.execute("DELETE FROM evidence WHERE a = ? OR b = ?", (doc_id, doc_id))
        self._cache.pop(doc_id, None)
        self._sets.pop(doc_id, None)

    def __contains__(self, doc_id: object) -> bool:
        if not isinstance(doc_id, str):
            return False
        if self._postings is not None:  # it knows every stored document
            return bool(self._postings.seqs([doc_id]))
        row = self._db.execute("SELECT 1 FROM docs WHERE id = ?", (doc_id,)).fetchone()
        return row is not None

    def __len__(self) -> int:
        return int(self._db.execute("SELECT COUNT(*) FROM docs").fetchone()[0])

    def ids(self) -> list[str]:
        return [r[0] for r in self._db.execute("SELECT id FROM docs ORDER BY seq")]

    def seq(self, doc_id: str) -> int:
        if self._postings is not None:
            found = self._postings.seqs([doc_id])
            if doc_id in found:
                return found[doc_id]
        row = self._db.execute("SELECT seq FROM docs WHERE id = ?", (doc_id,)).fetchone()
        if row is None:
            raise IndexStoreError(f"document {doc_id!r} is not indexed")
        return int(row[0])

    def docs(self) -> Iterator[Doc]:
        for row in self._db.execute("SELECT * FROM docs ORDER BY seq").fetchall():
            yield _decode_doc(row)

    # -- postings -------------------------------------------------------------------------

    def add_postings(self, doc_id: str, bands: Iterable[int], passages: Iterable[int]) -> None:
        self.add_postings_many([(doc_id, list(bands), list(passages))])

    def add_postings_many(self, rows: Iterable[tuple[str, list[int], list[int]]]) -> None:
        """:meth:`add_postings` of several documents ``(id, band keys, fingerprints)``, in
        order, in one statement."""
        rows = list(rows)
        seqs = self.seqs([doc_id for doc_id, _, _ in rows])
        for doc_id, _, _ in rows:
            if doc_id not in seqs:
                raise IndexStoreError(f"document {doc_id!r} is not indexed")
        with self.transaction():
            self._db.executemany(
                "INSERT OR REPLACE INTO postings (seq, doc, bands, fps) VALUES (?, ?, ?, ?)",
                [
                    (seqs[d], d, _u64_blob(b), np.asarray(f, dtype=np.uint32).tobytes())
                    for d, b, f in rows
                ],
            )
            if self._postings is not None:
                for d, b, f in rows:
                    self._postings.add(seqs[d], d, b, f)

    def band_members(self, key: int) -> list[str]:
        return self._posting_index().band_members(key)

    def passage_members(self, fingerprint: int) -> list[str]:
        return self._posting_index().passage_members(int(fingerprint))

    def band_groups(self, keys: list[int]) -> dict[int, list[str]]:
        """:meth:`band_members` of many keys (insertion order; keys without members left
        out), from the postings in memory."""
        return self._posting_index().band_groups(keys)

    def passage_groups(
        self, fps: list[int], small: int, common: int
    ) -> dict[int, tuple[int, list[str]]]:
        """For each fingerprint of ``fps`` held by stored documents: how many hold it, and
        its holders in insertion order -- all of them when fewer than ``small``, the first
        one when fewer than ``common``, none otherwise (from the postings in memory)."""
        return self._posting_index().passage_groups(fps, small, common)

    def passage_holders(
        self, keys: npt.NDArray[np.uint64], small: int, common: int
    ) -> tuple[npt.NDArray[np.int64], ...]:
        """:meth:`passage_groups` as arrays of document numbers
        (:meth:`PostingIndex.passage_holders
        <newsclean.dedup.posting_index.PostingIndex.passage_holders>`)."""
        return self._posting_index().passage_holders(keys, small, common)

    def names(self, seqs: npt.NDArray[np.int64]) -> list[str]:
        """The ids of stored documents given by number (their postings are in memory)."""
        return self._posting_index().names(seqs)

    def seqs(self, doc_ids: list[str]) -> dict[str, int]:
        """:meth:`seq` of each stored document of ``doc_ids`` (from the postings in memory,
        which know every stored document, or one query)."""
        if self._postings is not None:
            return self._postings.seqs(doc_ids)
        return self._read_seqs(doc_ids)

    def _read_seqs(self, doc_ids: list[str]) -> dict[str, int]:
        """:meth:`seqs` read from the file."""
        out: dict[str, int] = {}
        for lo in range(0, len(doc_ids), _IN_CHUNK):
            chunk = doc_ids[lo : lo + _IN_CHUNK]
            marks = ",".join("?" * len(chunk))
            cur = self._db.execute(f"SELECT id, seq FROM docs WHERE id IN ({marks})", chunk)
            cur.row_factory = None
            out.update((doc, int(seq)) for doc, seq in cur)
        return out

    def shingle_sets(self, doc_ids: list[str]) -> dict[str, npt.NDArray[np.uint32]]:
        """The sorted distinct shingles of each stored document of ``doc_ids`` (from the
        caches, or read from its record without decoding the rest)."""
        out: dict[str, npt.NDArray[np.uint32]] = {}
        missing = []
        sets = self._sets
        for d in doc_ids:
            doc = self._cache.get(d)
            if doc is not None:
                out[d] = doc.sketch.shingle_set
                continue
            found = sets.get(d)
            if found is not None:
                sets.move_to_end(d)
                out[d] = found
            else:
                missing.append(d)
        for lo in range(0, len(missing), _IN_CHUNK):
            chunk = missing[lo : lo + _IN_CHUNK]
            marks = ",".join("?" * len(chunk))
            cur = self._db.execute(f"SELECT id, data FROM docs WHERE id IN ({marks})", chunk)
            cur.row_factory = None
            for doc_id, blob in cur:
                try:
                    out[doc_id] = sets[doc_id] = _unpack_one(blob, "s.shingle_set")
                except (ValueError, KeyError, struct.error) as exc:
                    raise IndexStoreError(f"document {doc_id!r}: corrupt record ({exc})") from exc
        while len(sets) > self._sets_size:
            sets.popitem(last=False)
        return out

    def passage_counts(self, doc_ids: list[str]) -> dict[str, int]:
        """The number of passage fingerprints of each stored document of ``doc_ids``."""
        return self._posting_index().passage_counts(doc_ids)

    # -- evidence -------------------------------------------------------------------------

    def put_evidence(self, a: str, b: str, evidence: Evidence) -> None:
        ka, kb = pair_key(a, b)
        with self.transaction():
            self._db.execute(
                "INSERT OR REPLACE INTO evidence (a, b, data) VALUES (?, ?, ?)",
                (ka, kb, _encode_evidence(evidence)),
            )

    def put_evidence_many(self, rows: list[tuple[str, str, Evidence]]) -> None:
        """:meth:`put_evidence` of several pairs ``(a, b, evidence)``, in order, in one
        statement."""
        with self.transaction():
            self._db.executemany(
                "INSERT OR REPLACE INTO evidence (a, b, data) VALUES (?, ?, ?)",
                [(*pair_key(a, b), _encode_evidence(ev)) for a, b, ev in rows],
            )

    def evidence_of(self, doc_id: str) -> dict[tuple[str, str], Evidence]:
        rows = self._db.execute(
            "SELECT a, b, data FROM evidence WHERE a = ? OR b = ?", (doc_id, doc_id)
        )
        return {(r[0], r[1]): _decode_evidence(r[2]) for r in rows}

    def all_evidence(self) -> dict[tuple[str, str], Evidence]:
        rows = self._db.execute("SELECT a, b, data FROM evidence")
        return {(r[0], r[1]): _decode_evidence(r[2]) for r in rows}

    # -- line counts ----------------------------------------------------------------------

    def line_stats(self, min_docs: int) -> SQLiteLineStats:
        """The site-template line counts of the indexed documents, from their line hashes
        kept in the file (the store tells them when a document is stored)."""
        self._line_stats = SQLiteLineStats(self, min_docs)
        return self._line_stats

    def line_groups(self, hashes: list[int], n: int) -> dict[int, tuple[int, list[str]]]:
        """For each line hash held by stored documents: how many hold it, and its first
        ``n`` holders in insertion order (from the postings in memory)."""
        return self._posting_index().line_groups(hashes, n)

    def frequent_lines(self, min_docs: int) -> set[int]:
        """The line hashes held by at least ``min_docs`` stored documents."""
        return self._posting_index().frequent_lines(min_docs)

    def close(self) -> None:
        """Close the file (pending changes were committed by each operation), keeping the
        sorted postings in it first when those kept are missing or stale."""
        try:
            self._write_arrays()
        except sqlite3.Error as exc:  # rolled back: the index is whole, only slower to open
            raise IndexStoreError(f"{self.path}: cannot keep the sorted postings: {exc}") from exc
        finally:
            self._db.close()


class SQLiteLineStats(LineStats):
    """:class:`~newsclean.dedup.templates.LineStats` whose counts follow the documents of a
    :class:`SQLiteStore`: a line's count and sample are the number of stored documents
    holding it and the first :data:`~newsclean.dedup.templates.SAMPLE` of them (the store
    keeps each document's line hashes), plus the documents counted by :meth:`add` and not
    stored yet (the store calls :meth:`stored` as it writes each one, and
    :meth:`forget_pending` when it rolls back).  Nothing is written by the counts
    themselves; a batch reads the stored counts of all its lines at once (no document is
    stored while it is open).  The frequent lines are found on first use."""

    def __init__(self, store: SQLiteStore, min_docs: int) -> None:
        super().__init__(min_docs)
        self._store = store
        self._frequent: set[int] | None = None
        self._late: dict[int, list[str]] = {}  # line -> documents counted, not stored yet
        self._late_docs: dict[str, list[int]] = {}
        self._stored_rows: dict[int, tuple[int, list[str]]] | None = None  # in a batch
        self._batch_lines: set[int] = set()

    @property
    def frequent(self) -> set[int]:
        if self._frequent is None:
            self._frequent = set()
            if self.min_docs >= 2:
                self._frequent = self._store.frequent_lines(self.min_docs)
                rows = self._rows(sorted(self._late))  # documents counted before first use
                self._frequent.update(h for h, (n, _) in rows.items() if n >= self.min_docs)
        return self._frequent

    @frequent.setter
    def frequent(self, value: set[int]) -> None:
        self._frequent = value

    def _rows(self, hashes: list[int]) -> dict[int, tuple[int, list[str]]]:
        known = self._stored_rows
        if known is None:
            out = self._store.line_groups(hashes, SAMPLE)
        else:
            out = {h: known[h] for h in hashes if h in known}
            other = [h for h in hashes if h not in self._batch_lines]
            if other:  # (not asked by the index: a batch asks about its own lines)
                out.update(self._store.line_groups(other, SAMPLE))
        late = self._late
        for h in hashes:
            mine = late.get(h)
            if mine:
                count, sample = out.get(h, (0, []))
                out[h] = (count + len(mine), (sample + mine)[:SAMPLE])
        return out

    def _save(self, rows: dict[int, tuple[int, list[str]]]) -> None:
        raise NotImplementedError("the line counts of an index file follow its documents")

    @contextmanager
    def batch(self, line_hashes: Sequence[npt.NDArray[np.uint64]]) -> Iterator[None]:
        """Read the stored counts of all ``line_hashes`` at once, for the documents counted
        until the batch closes (none is stored meanwhile)."""
        if self._stored_rows is not None:  # nested: the open batch already holds them
            yield
            return
        hashes = distinct_lines(line_hashes)
        _ = self.frequent  # found before the batch's documents are counted
        self._stored_rows = self._store.line_groups(sorted(hashes), SAMPLE)
        self._batch_lines = hashes
        try:
            yield
        finally:
            self._stored_rows = None

    def add(self, doc_id: str, line_hashes: npt.NDArray[np.uint64]) -> None:
        hashes = sorted(set(line_hashes.tolist()) - {0})
        frequent = self.frequent
        late = self._late
        known = self._stored_rows
        if known is not None and self._batch_lines.issuperset(hashes):
            # in a batch: the stored counts were read, the pending ones are in ``late``
            enough = self.min_docs - 1
            for h in hashes:
                row = known.get(h)
                mine = late.get(h)
                if mine is None:
                    late[h] = [doc_id]
                    count = 0
                else:
                    count = len(mine)
                    mine.append(doc_id)
                if row is not None:
                    count += row[0]
                if count >= enough:
                    frequent.add(h)
        else:
            for h, (count, _) in self._rows(hashes).items():
                if count + 1 >= self.min_docs:
                    frequent.add(h)
            if self.min_docs <= 1:
                frequent.update(hashes)
            for h in hashes:
                late.setdefault(h, []).append(doc_id)
        self._late_docs[doc_id] = hashes

    def remove(self, doc_id: str, line_hashes: npt.NDArray[np.uint64]) -> None:
        """Forget a document already deleted from the store (or counted, not stored)."""
        self.stored(doc_id)
        hashes = sorted(set(line_hashes.tolist()) - {0})
        rows = self._rows(hashes)
        frequent = self.frequent
        for h in hashes:
            count = rows.get(h, (0, []))[0]
            if count < self.min_docs:
                frequent.discard(h)
            if count <= 0:
                self._confirmed.pop(h, None)

    def stored(self, doc_id: str) -> None:
        """``doc_id`` is now a stored document (or is forgotten): no longer pending."""
        self._stored_rows = None  # the stored counts changed
        for h in self._late_docs.pop(doc_id, ()):
            docs = self._late[h]
            docs.remove(doc_id)
            if not docs:
                del self._late[h]

    def stored_many(self, doc_ids: Sequence[str]) -> None:
        """:meth:`stored` of several documents (at once when they are all those pending,
        as when a batch is stored)."""
        pending = self._late_docs
        if len(pending) <= len(doc_ids) and pending.keys() <= set(doc_ids):
            self._stored_rows = None
            self._late.clear()
            pending.clear()
            return
        for doc_id in doc_ids:
            self.stored(doc_id)

    def forget_pending(self) -> None:
        """Forget the documents counted and not stored (their transaction rolled back)."""
        self._stored_rows = None
        self._late.clear()
        self._late_docs.clear()
