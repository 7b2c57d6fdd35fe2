"""DocTable: the documents of a batch run as columns of concatenated arrays.

:func:`~newsclean.find_duplicates` holds tens of thousands of documents and
``newsclean dedupe`` hundreds of thousands.  As objects, each document is a
:class:`~newsclean.dedup.features.Doc` of three Python objects and a dozen small numpy
arrays (about 1.5 kB before any data).  A :class:`DocTable` keeps every per-document array
of all documents as one flat array and its offsets, packs the boolean arrays eight to a
byte, and leaves out what one sort rebuilds when a document is verified (its sorted
shingle set and first positions).  ``table[i]`` gives the :class:`Doc` of row ``i`` --
views into the columns, the text from ``sources[i]`` -- and keeps the last few thousand
in a cache, so the engine's functions run unchanged on a table.

>>> from newsclean.dedup.features import prepare, sketch_columns
>>> from newsclean.dedup.signatures import MinHasher
>>> items = [("a", "Title\\nThe minister said on Monday that taxes would fall."), ("b", "x y")]
>>> feats = prepare(items)
>>> table = DocTable([text for _, text in items])
>>> table.append(feats, sketch_columns(feats, frozenset(), MinHasher(8), k=3, window=4))
>>> len(table), table.ids, table[0].sketch.shingles.size, table[0].sketch.body_start
(2, ['a', 'b'], 8, 1)
>>> table[0].sketch.shingle_set.tolist() == sorted(set(table[0].sketch.shingles.tolist()))
True
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterator, Sequence
from typing import Any, overload

import numpy as np
import numpy.typing as npt

from .features import Doc, DocFeatures, Sketch, _normalized, cues_of, select_words
from .passages import unique_inverse

__all__ = ["DocTable"]

_EMPTY32 = np.zeros(0, dtype=np.uint32)
_BUILD_ROWS = 96  # rows built together by DocTable.prefetch (their arrays stay in cache)
#: Rows whose shingle sets :meth:`DocTable.row_sets` remembers at most: half the table's
#: rows, and at least ``8 * cache``.  Candidate pairs join rows at random (stock passages),
#: so each row takes part in several blocks of pairs: remembering 16,384 rows, the
#: verification of a 200,000-article run computed 536,000 row sets; 100,000 rows, about
#: 330,000 (verification 10.7 -> 9.4 s of wall time; about 2.4 KB per row remembered).
_ROW_SETS_MEMO = 131_072

#: Rows' sorted distinct shingles, first positions and inverses (:meth:`DocTable.row_sets`).
_RowSet = tuple[
    npt.NDArray[np.uint32],
    npt.NDArray[np.unsignedinteger[Any]],
    npt.NDArray[np.unsignedinteger[Any]],
]
RowSets = dict[int, _RowSet]

#: Per-document arrays kept as (flat array, sizes); the boolean ones bit-packed.
_RAGGED = ("line_len", "line_hashes", "prose", "cues", "shingles", "fingerprints")
_BITS = ("numeric", "keep")
_DTYPES = {
    "line_len": np.uint32,
    "line_hashes": np.uint64,
    "prose": np.bool_,
    "cues": np.uint8,
    "shingles": np.uint32,
    "fingerprints": np.uint32,
}
_META = ("ids", "dates", "agencies", "langs", "chrome", "dropped", "plain", "head_marker")


def _offsets(sizes: npt.NDArray[np.int64]) -> npt.NDArray[np.int64]:
    out = np.zeros(sizes.size + 1, dtype=np.int64)
    np.cumsum(sizes, out=out[1:])
    return out


class DocTable(Sequence[Doc]):
    """Sketched documents as columns; ``table[i]`` is row ``i`` as a :class:`Doc`.

    ``sources`` gives the text of row ``i`` (``sources[i]``, read only when a document's
    words are needed: explanations and number or name checks).  Rows are added in chunks
    with :meth:`append` (features and :func:`~newsclean.dedup.features.sketch_columns`)
    or :meth:`extend` (the :meth:`chunks` of another table: what a worker process sends).
    ``cache`` rows are kept as objects, most recently used first.
    """

    def __init__(self, sources: Sequence[str], *, cache: int = 2048) -> None:
        self.sources = sources
        self._chunks: list[dict[str, Any]] = []
        self._cols: dict[str, Any] | None = None
        self._cache: OrderedDict[int, Doc] = OrderedDict()
        self._row_sets: OrderedDict[int, _RowSet] = OrderedDict()  # recent row_sets()
        self._cache_size = cache
        self._n = 0

    # -- building ---------------------------------------------------------------------------

    def append(self, feats: Sequence[DocFeatures], sketch_cols: dict[str, Any]) -> None:
        """Add the rows of ``feats`` with their sketches (:func:`sketch_columns` of them)."""
        n = len(feats)
        if n == 0:
            return
        chunk: dict[str, Any] = {
            "ids": [f.id for f in feats],
            "dates": [f.date for f in feats],
            "agencies": [f.agency for f in feats],
            "langs": [f.lang for f in feats],
            "chrome": [f.chrome for f in feats],
            "dropped": [f.dropped for f in feats],
            "plain": [f.plain for f in feats],
            "head_marker": [f.head_marker for f in feats],
            "signature": sketch_cols["signature"],
            "body_start": sketch_cols["body_start"].astype(np.int32),
            "update_marker": sketch_cols["update_marker"].astype(bool),
        }
        for name in ("line_len", "line_hashes", "prose", "cues"):
            arrays = [getattr(f, name) if name != "cues" else cues_of(f) for f in feats]
            chunk[name] = np.concatenate(arrays).astype(_DTYPES[name], copy=False)
            chunk[name + ".n"] = np.fromiter((a.size for a in arrays), np.int64, n)
        for name in ("shingles", "fingerprints"):
            chunk[name] = sketch_cols[name]
            chunk[name + ".n"] = sketch_cols[name + ".n"]
        numeric = np.concatenate([f.numeric for f in feats])
        chunk["numeric"] = np.packbits(numeric)
        chunk["keep"] = np.packbits(sketch_cols["keep"])
        chunk["tokens.n"] = sketch_cols["keep.n"].astype(np.int64)
        kept = np.zeros(sketch_cols["keep"].size + 1, dtype=np.int64)
        np.cumsum(sketch_cols["keep"], out=kept[1:])
        bounds = _offsets(chunk["tokens.n"])
        chunk["kept"] = (kept[bounds[1:]] - kept[bounds[:-1]]).astype(np.int32)
        if numeric.size != int(chunk["tokens.n"].sum()):
            raise ValueError("features and sketches do not describe the same tokens")
        self._add(chunk)

    def chunks(self) -> list[dict[str, Any]]:
        """The rows as picklable chunks of columns (for :meth:`extend`)."""
        if self._cols is not None:
            return [self._cols]
        return list(self._chunks)

    def extend(self, chunks: Sequence[dict[str, Any]]) -> None:
        """Add the rows of another table's :meth:`chunks`, in order."""
        for chunk in chunks:
            self._add(chunk)

    def _add(self, chunk: dict[str, Any]) -> None:
        if self._cols is not None:
            self._chunks = [self._cols]
            self._cols = None
        self._chunks.append(chunk)
        self._n += len(chunk["ids"])

    def _columns(self) -> dict[str, Any]:
        """All chunks merged into one set of columns (done once, on first read)."""
        if self._cols is not None:
            return self._cols
        # Column by column, each chunk's piece dropped once copied: the merge holds one
        # column twice at most, not the whole table.
        chunks, self._chunks = self._chunks, []
        cols: dict[str, Any] = {name: [x for c in chunks for x in c[name]] for name in _META}
        for name in _RAGGED:
            cols[name] = _drain(chunks, name, _DTYPES[name])
            cols[name + ".n"] = _concat([c[name + ".n"] for c in chunks], np.int64)
        cols["tokens.n"] = _concat([c["tokens.n"] for c in chunks], np.int64)
        total = int(cols["tokens.n"].sum())
        for name in _BITS:  # re-packed: each chunk was padded to whole bytes
            bits = np.empty(total, dtype=np.uint8)
            pos = 0
            for c in chunks:
                n = int(c["tokens.n"].sum())
                bits[pos : pos + n] = np.unpackbits(c.pop(name), count=n)
                pos += n
            cols[name] = np.packbits(bits)
            del bits
        sigs = [c["signature"] for c in chunks]
        cols["signature"] = np.concatenate(sigs) if sigs else np.zeros((0, 0), np.uint32)
        cols["body_start"] = _concat([c["body_start"] for c in chunks], np.int32)
        cols["update_marker"] = _concat([c["update_marker"] for c in chunks], np.bool_)
        cols["kept"] = _concat([c["kept"] for c in chunks], np.int32)
        for name in (*_RAGGED, "tokens"):
            cols[name + ".off"] = _offsets(cols[name + ".n"])
        self._cols = cols
        return cols

    # -- reading ----------------------------------------------------------------------------

    def __len__(self) -> int:
        return self._n

    @overload
    def __getitem__(self, i: int) -> Doc: ...
    @overload
    def __getitem__(self, i: slice) -> list[Doc]: ...
    def __getitem__(self, i: int | slice) -> Doc | list[Doc]:
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(self._n))]
        if i < 0:
            i += self._n
        if not 0 <= i < self._n:
            raise IndexError(f"row {i} out of range ({self._n} rows)")
        doc = self._cache.get(i)
        if doc is not None:
            self._cache.move_to_end(i)
            return doc
        doc = self._doc(i)
        self._cache[i] = doc
        if len(self._cache) > self._cache_size:
            self._cache.popitem(last=False)
        return doc

    def prefetch(self, rows: Sequence[int], sets: RowSets | None = None) -> None:
        """Build the :class:`Doc` of every row of ``rows`` not in the cache at once (one
        sort for all their shingle sets, one unpacking of their bits) and cache them: what
        ``table[i]`` then returns without work.  At most ``cache`` rows are built.
        ``sets``: the rows' :meth:`row_sets`, when already computed."""
        want = [i for i in dict.fromkeys(rows) if i not in self._cache][: self._cache_size]
        if not want:
            return
        for lo in range(0, len(want), _BUILD_ROWS):
            rows = want[lo : lo + _BUILD_ROWS]
            for i, doc in zip(rows, self._docs(rows, sets), strict=True):
                self._cache[i] = doc
        while len(self._cache) > self._cache_size:
            self._cache.popitem(last=False)

    def row_sets(self, rows: Sequence[int]) -> RowSets:
        """The sorted distinct shingles of each row of ``rows``, with their first positions
        and the inverse (what a pair is screened by before any :class:`Doc` is built, and
        what :meth:`prefetch` then builds the rows' documents from): one sort for every
        ``_BUILD_ROWS`` rows; the answers for the last :data:`_ROW_SETS_MEMO` rows are kept."""
        out: RowSets = {}
        todo = []
        memo = self._row_sets
        for i in dict.fromkeys(rows):
            doc = self._cache.get(i)
            inverse = doc.sketch.inverse if doc is not None else None
            if doc is not None and inverse is not None:
                out[i] = (doc.sketch.shingle_set, doc.sketch.first_pos, inverse)
            elif i in memo:
                memo.move_to_end(i)
                out[i] = memo[i]
            else:
                todo.append(i)
        cols = self._columns()
        sh_off = cols["shingles.off"]
        for lo in range(0, len(todo), _BUILD_ROWS):
            part = todo[lo : lo + _BUILD_ROWS]
            starts = sh_off[part]
            sizes = sh_off[np.asarray(part) + 1] - starts
            if int(sizes.max()) >= 1 << 16:
                for i in part:
                    shingles = self._ragged("shingles", i)
                    set_, first, inverse = unique_inverse(shingles)
                    if shingles.size < 1 << 16:  # as _doc keeps them
                        first, inverse = first.astype(np.uint16), inverse.astype(np.uint16)
                    out[i] = (set_, first, inverse)
                continue
            for i, found in zip(
                part, _unique_inverse_rows(cols["shingles"], starts, sizes), strict=True
            ):
                out[i] = found
        for i in todo:  # remembered: a row takes part in many pairs, in many blocks
            memo[i] = out[i]
        while len(memo) > max(8 * self._cache_size, min(_ROW_SETS_MEMO, self._n // 2)):
            memo.popitem(last=False)
        return out

    def shingle_set(self, i: int) -> npt.NDArray[np.uint32]:
        """The sorted distinct shingles of row ``i`` (what a pair is screened by, without
        building its :class:`Doc`): :meth:`row_sets` of the one row."""
        return self.row_sets([i])[i][0]

    def __iter__(self) -> Iterator[Doc]:
        return (self[i] for i in range(self._n))

    def ragged(self, name: str, i: int) -> npt.NDArray[Any]:
        """Row ``i`` of a ragged column (``"shingles"``, ``"fingerprints"``, ``"line_len"``,
        ...): a view, no copy."""
        return self._ragged(name, i)

    def _ragged(self, name: str, i: int) -> npt.NDArray[Any]:
        cols = self._columns()
        off = cols[name + ".off"]
        flat: npt.NDArray[Any] = cols[name]
        return flat[off[i] : off[i + 1]]

    def _bits(self, name: str, i: int) -> npt.NDArray[np.bool_]:
        cols = self._columns()
        off = cols["tokens.off"]
        lo, hi = int(off[i]), int(off[i + 1])
        packed = cols[name][lo >> 3 : (hi + 7) >> 3]
        start = lo & 7
        return np.unpackbits(packed)[start : start + hi - lo].view(np.bool_)

    def _docs(self, rows: list[int], known: RowSets | None = None) -> list[Doc]:
        """:meth:`_doc` of several rows, with the per-row numpy work done once for all
        (``known``: shingle sets of some rows, from :meth:`row_sets`)."""
        cols = self._columns()
        sh_off = cols["shingles.off"]
        lo = sh_off[rows]
        sizes = sh_off[np.asarray(rows) + 1] - lo
        if sizes.size == 0 or int(sizes.max()) >= 1 << 16 or len(rows) > 1 << 16:
            return [self._doc(i) for i in rows]
        if known is not None and all(i in known for i in rows):
            sets = [known[i] for i in rows]
        else:
            sets = _unique_inverse_rows(cols["shingles"], lo, sizes)
        tok_off = cols["tokens.off"]
        t_lo, t_hi = tok_off[rows], tok_off[np.asarray(rows) + 1]
        numeric = _unpack_rows(cols["numeric"], t_lo, t_hi)
        keep = _unpack_rows(cols["keep"], t_lo, t_hi)
        return [self._make_doc(i, numeric[r], keep[r], *sets[r]) for r, i in enumerate(rows)]

    def _doc(self, i: int) -> Doc:
        shingles = self._ragged("shingles", i)
        shingle_set, first_pos, inverse = unique_inverse(shingles)
        if shingles.size < 1 << 16:
            first_pos, inverse = first_pos.astype(np.uint16), inverse.astype(np.uint16)
        return self._make_doc(
            i, self._bits("numeric", i), self._bits("keep", i), shingle_set, first_pos, inverse
        )

    def _make_doc(
        self,
        i: int,
        numeric: npt.NDArray[np.bool_],
        keep: npt.NDArray[np.bool_],
        shingle_set: npt.NDArray[np.uint32],
        first_pos: npt.NDArray[np.unsignedinteger[Any]],
        inverse: npt.NDArray[np.unsignedinteger[Any]],
    ) -> Doc:
        cols = self._columns()
        features = DocFeatures(
            id=cols["ids"][i],
            source=self.sources[i],
            tokens=_EMPTY32,
            numeric=numeric,
            line_len=self._ragged("line_len", i),
            line_hashes=self._ragged("line_hashes", i),
            prose=self._ragged("prose", i),
            cues=self._ragged("cues", i),
            head_marker=cols["head_marker"][i],
            date=cols["dates"][i],
            agency=cols["agencies"][i],
            lang=cols["langs"][i],
            chrome=cols["chrome"][i],
            dropped=cols["dropped"][i],
            plain=cols["plain"][i],
        )
        sketch = Sketch(
            keep=keep,
            shingles=self._ragged("shingles", i),
            shingle_set=shingle_set,
            first_pos=first_pos,
            fingerprints=self._ragged("fingerprints", i),
            signature=cols["signature"][i],
            body_start=int(cols["body_start"][i]),
            update_marker=bool(cols["update_marker"][i]),
            inverse=inverse,
        )
        return Doc(features, sketch)

    def words(self, i: int, start: int, stop: int) -> list[str]:
        """``table[i].words(start, stop)`` without building the row's :class:`Doc`."""
        doc = self._cache.get(i)
        if doc is not None:
            return doc.words(start, stop)
        cols = self._columns()
        source = self.sources[i]
        chrome, dropped, lang = cols["chrome"][i], cols["dropped"][i], cols["langs"][i]
        plain = cols["plain"][i]
        keep = self._bits("keep", i)
        return select_words(
            keep,
            lambda: _normalized(source, chrome, dropped, lang, plain, tokens=keep.size),
            start,
            stop,
        )

    # -- whole columns (what candidate search and clustering read) ---------------------------

    @property
    def ids(self) -> list[str]:
        ids: list[str] = self._columns()["ids"]
        return ids

    @property
    def signatures(self) -> npt.NDArray[np.uint32]:
        """The ``(n, num_perm)`` signature matrix."""
        sigs: npt.NDArray[np.uint32] = self._columns()["signature"]
        return sigs

    def rank_fields(self, i: int) -> tuple[str | None, str | None, int]:
        """Date, agency and number of kept tokens of row ``i`` (what the canonical copy
        is chosen by)."""
        cols = self._columns()
        return cols["dates"][i], cols["agencies"][i], int(cols["kept"][i])

    def n_shingles(self) -> npt.NDArray[np.int64]:
        """Shingles per document (0 for an empty text)."""
        sizes: npt.NDArray[np.int64] = self._columns()["shingles.n"]
        return sizes

    def fingerprints(self) -> tuple[npt.NDArray[np.uint32], npt.NDArray[np.int64]]:
        """All passage fingerprints, concatenated, and how many each document has."""
        cols = self._columns()
        return cols["fingerprints"], cols["fingerprints.n"]

    def nbytes(self) -> int:
        """Bytes held by the arrays of the table (texts excluded: they are the caller's)."""
        cols = self._columns()
        return sum(int(v.nbytes) for v in cols.values() if isinstance(v, np.ndarray))


def _drain(chunks: list[dict[str, Any]], name: str, dtype: Any) -> npt.NDArray[Any]:
    """The ``name`` arrays of all chunks concatenated, each removed from its chunk as it is
    copied (the chunks are the table's own, being merged)."""
    out = np.empty(sum(int(c[name].size) for c in chunks), dtype=dtype)
    pos = 0
    for c in chunks:
        part = c.pop(name)
        out[pos : pos + part.size] = part
        pos += part.size
    return out


def _concat(arrays: list[npt.NDArray[Any]], dtype: Any) -> npt.NDArray[Any]:
    if not arrays:
        return np.zeros(0, dtype=dtype)
    return np.concatenate(arrays).astype(dtype, copy=False)


def _unique_inverse_rows(
    flat: npt.NDArray[np.uint32], lo: npt.NDArray[np.int64], sizes: npt.NDArray[np.int64]
) -> list[tuple[npt.NDArray[np.uint32], npt.NDArray[np.uint16], npt.NDArray[np.uint16]]]:
    """:func:`~newsclean.dedup.passages.unique_inverse` of the rows ``flat[lo:lo + size]``
    (each shorter than 65,536), from one sort of ``row << 48 | value << 16 | position``
    keys; first positions and inverses as uint16 (what :meth:`DocTable._doc` keeps)."""
    n = int(sizes.sum())
    seg_off = _offsets(sizes)
    row = np.repeat(np.arange(sizes.size, dtype=np.uint64), sizes)
    pos = np.arange(n, dtype=np.int64) - np.repeat(seg_off[:-1], sizes)
    values = flat[(pos + np.repeat(lo, sizes)).astype(np.intp)]
    key = (row << np.uint64(48)) | (values.astype(np.uint64) << np.uint64(16))
    key |= pos.astype(np.uint64)
    key.sort()
    high = key >> np.uint64(16)
    keep = np.empty(n, dtype=bool)
    if n:
        keep[0] = True
        np.not_equal(high[1:], high[:-1], out=keep[1:])
    order = (key & np.uint64(0xFFFF)).astype(np.int64) + np.repeat(seg_off[:-1], sizes)
    rank = np.cumsum(keep) - 1
    uniq_per_row = np.bincount(row[keep].astype(np.intp), minlength=sizes.size)
    uniq_off = _offsets(uniq_per_row)
    inverse = np.empty(n, dtype=np.uint16)
    inverse[order] = rank - np.repeat(uniq_off[:-1], sizes)
    uniq = (high[keep] & np.uint64(0xFFFFFFFF)).astype(np.uint32)
    first = (key[keep] & np.uint64(0xFFFF)).astype(np.uint16)
    s_b, u_b = seg_off.tolist(), uniq_off.tolist()
    return [
        (uniq[u_b[r] : u_b[r + 1]], first[u_b[r] : u_b[r + 1]], inverse[s_b[r] : s_b[r + 1]])
        for r in range(sizes.size)
    ]


def _unpack_rows(
    packed: npt.NDArray[np.uint8], lo: npt.NDArray[np.int64], hi: npt.NDArray[np.int64]
) -> list[npt.NDArray[np.bool_]]:
    """The bits ``lo[r]:hi[r]`` of a bit-packed column, one array per row, from one
    unpacking of the bytes the rows cover."""
    b_lo, b_hi = lo >> 3, (hi + 7) >> 3
    n_bytes = b_hi - b_lo
    byte_off = _offsets(n_bytes)
    idx = np.arange(int(byte_off[-1]), dtype=np.int64) + np.repeat(b_lo - byte_off[:-1], n_bytes)
    bits = np.unpackbits(packed[idx]).view(np.bool_)
    start = (byte_off[:-1] * 8 + (lo & 7)).tolist()
    length = (hi - lo).tolist()
    return [bits[s : s + m] for s, m in zip(start, length, strict=True)]
