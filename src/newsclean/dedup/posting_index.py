"""The posting lists of a persistent index, held in memory: band key or passage fingerprint
to the documents that have it, in insertion order.

A :class:`~newsclean.dedup.sqlite_store.SQLiteStore` keeps each document's LSH band keys
and passage fingerprints as one row (two small arrays): writing a document appends a row
instead of inserting dozens of random keys into B-tree indexes.  Candidate search needs
the inverse, key -> documents; :class:`PostingIndex` builds it once, when the index is
first searched (one sorted array per kind, looked up with ``searchsorted``), and keeps it
up to date as documents are added (smaller sorted arrays of recent postings) or removed.  Documents
are numbered by their insertion number (``seq``), so sorting by ``(key, seq)`` gives each
key's holders in insertion order, as the engine needs.

>>> import numpy as np
>>> idx = PostingIndex()
>>> idx.add(1, "a", np.array([7, 9], np.uint64), np.array([3, 4], np.uint32))
>>> idx.add(2, "b", np.array([9], np.uint64), np.array([4], np.uint32))
>>> idx.band_groups([9, 5]), idx.passage_groups([4], small=16, common=4096)
({9: ['a', 'b']}, {4: (2, ['a', 'b'])})
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from typing import Any

import numpy as np
import numpy.typing as npt

__all__ = ["PostingIndex"]

I64 = npt.NDArray[np.int64]
U64 = npt.NDArray[np.uint64]

_LOW = np.uint64(0xFFFFFFFF)
_MIN_MERGE = 1 << 18  # recent postings that are always fine to keep apart
_SHIFT = np.uint64(32)


def _run_bounds(values: U64, first: U64, last: U64) -> tuple[I64, I64]:
    """For each range of keys ``first[i]..last[i]`` (inclusive): where its values start in
    the sorted ``values`` and how many there are."""
    lo = np.searchsorted(values, first, side="left").astype(np.int64, copy=False)
    hi = np.searchsorted(values, last, side="right").astype(np.int64, copy=False)
    return lo, hi - lo


class _Recent:
    """Postings added since the sorted arrays were built, merged into the arrays once they
    reach an eighth of them.  They are kept as two arrays sorted by key, then insertion
    order (``recent_keys``, ``recent_seqs``): the postings of the documents added since the
    last lookup wait as one array per document and are sorted into them, all at once, by
    the next lookup (a dictionary of lists costs a Python operation per posting)."""

    n_recent: int

    def _init_recent(self) -> None:
        self._recent_keys = np.zeros(0, dtype=np.uint64)
        self._recent_seqs = np.zeros(0, dtype=np.int64)
        self._waiting: list[tuple[int, U64]] = []
        self.n_recent = 0

    def _sorted_size(self) -> int:
        raise NotImplementedError

    def merge(self) -> None:
        raise NotImplementedError

    def add(self, seq: int, keys: npt.NDArray[Any] | Sequence[int]) -> None:
        """Document ``seq``'s postings (its ``seq`` is above every one added before)."""
        arr = np.array(keys, dtype=np.uint64)  # a copy: the caller's array may change
        if arr.size:
            self._waiting.append((seq, arr.ravel()))
            self.n_recent += int(arr.size)
        if self.n_recent > max(_MIN_MERGE, self._sorted_size() // 8):
            self.merge()

    def _settle(self) -> tuple[U64, I64]:
        """The recent postings as ``(keys, seqs)``, sorted by key then insertion order
        (those waiting sorted in: their seqs are above every recent one, so each goes
        after the recent postings of its key)."""
        if self._waiting:
            sizes = np.fromiter((a.size for _, a in self._waiting), np.int64, len(self._waiting))
            seqs = np.repeat(
                np.fromiter((s for s, _ in self._waiting), np.int64, len(self._waiting)), sizes
            )
            keys = np.concatenate([a for _, a in self._waiting])
            self._waiting = []
            order = np.argsort(keys, kind="stable")  # the input is in insertion order
            keys, seqs = keys[order], seqs[order]
            old_keys, old_seqs = self._recent_keys, self._recent_seqs
            at = np.searchsorted(old_keys, keys, side="right") + np.arange(keys.size)
            total = old_keys.size + keys.size
            new = np.zeros(total, dtype=bool)
            new[at] = True
            merged_keys = np.empty(total, dtype=np.uint64)
            merged_seqs = np.empty(total, dtype=np.int64)
            merged_keys[at], merged_seqs[at] = keys, seqs
            merged_keys[~new], merged_seqs[~new] = old_keys, old_seqs
            self._recent_keys, self._recent_seqs = merged_keys, merged_seqs
        return self._recent_keys, self._recent_seqs

    def recent_runs(self, keys: U64) -> tuple[I64, I64, I64]:
        """For each of ``keys``: where its recent holders start and how many there are
        (``(starts, counts)`` into the third array, the recent seqs in insertion order)."""
        recent_keys, recent_seqs = self._settle()
        return (*_run_bounds(recent_keys, keys, keys), recent_seqs)

    def _remove_recent(self, seq: int) -> None:
        """Drop document ``seq`` from the recent postings."""
        keys, seqs = self._settle()
        keep = seqs != seq
        self._recent_keys, self._recent_seqs = keys[keep], seqs[keep]
        self.n_recent = int(self._recent_keys.size)

    def _take_recent(self, seq_type: Any) -> tuple[U64, npt.NDArray[Any]]:
        """The recent postings as ``(keys, seqs)`` arrays (sorted by key then insertion
        order), emptied."""
        keys, seqs = self._settle()
        self._init_recent()
        return keys, seqs.astype(seq_type, copy=False)


class _Sorted(_Recent):
    """Postings of one kind, sorted by ``key32 << 32 | seq`` (``combined``): a key's holders
    are one run, in insertion order.  ``key32`` is the key itself for 32-bit keys (passage
    fingerprints) and its high half for 64-bit ones (band keys; ``full`` then holds the
    whole key of each entry, and a run is filtered on it).  Postings added since are in
    the recent arrays (:class:`_Recent`)."""

    def __init__(self, combined: U64, full: U64 | None) -> None:
        self.combined = combined
        self.full = full
        self._init_recent()

    @classmethod
    def build(cls, keys: U64, seqs: I64, *, wide: bool) -> _Sorted:
        if seqs.size and int(seqs.max()) > 0xFFFFFFFF:
            raise ValueError("document numbers above 2**32 are not supported")
        # in place where possible: every new large array costs its page faults
        combined = keys >> _SHIFT if wide else keys.astype(np.uint64, copy=True)
        combined <<= _SHIFT
        combined |= seqs.astype(np.int64, copy=False).view(np.uint64)
        if not wide:
            combined.sort()
            return cls(combined, None)
        order = np.argsort(combined)  # equal combined keys are one document: order is moot
        return cls(combined[order], keys[order])

    def _sorted_size(self) -> int:
        return int(self.combined.size)

    def merge(self) -> None:
        """Move the recent postings into the sorted arrays (kept apart, they are sorted
        again at every lookup: an index built from scratch merges every eighth of growth)."""
        if not self.n_recent:
            return
        keys, seqs = self._take_recent(np.uint64)
        high = keys >> _SHIFT if self.full is not None else keys
        combined = np.concatenate([self.combined, (high << _SHIFT) | seqs])
        if self.full is None:
            self.combined = np.sort(combined)
        else:
            order = np.argsort(combined)
            self.combined = combined[order]
            self.full = np.concatenate([self.full, keys])[order]

    def joined(self, combined: U64, full: U64 | None) -> _Sorted:
        """These postings after earlier ones (sorted arrays of the same kind)."""
        if self.combined.size == 0:
            return _Sorted(combined, full)
        both = np.concatenate([combined, self.combined])
        if full is None or self.full is None:
            both.sort()
            return _Sorted(both, None)
        order = np.argsort(both)
        return _Sorted(both[order], np.concatenate([full, self.full])[order])

    def remove(self, seq: int) -> None:
        keep = (self.combined & _LOW) != np.uint64(seq)
        if not keep.all():
            self.combined = self.combined[keep]
            if self.full is not None:
                self.full = self.full[keep]
        self._remove_recent(seq)

    def holders(self, keys: Sequence[int], wanted: int | None = None) -> tuple[I64, I64, I64]:
        """The seqs holding each of the sorted ``keys`` in the sorted array, in insertion
        order: ``(seqs, starts, counts)``, key ``i``'s being ``seqs[starts[i]:][:counts[i]]``.
        With ``wanted``, only keys with fewer than ``wanted`` holders (counting the recent
        ones) get their seqs; the others their count and first holder."""
        q = np.asarray(keys, dtype=np.uint64)
        high = (q >> _SHIFT if self.full is not None else q) << _SHIFT
        lo, counts = _run_bounds(self.combined, high, high | _LOW)
        take = counts.copy()
        if wanted is not None:
            late = self.recent_runs(np.asarray(keys, dtype=np.uint64))[1]
            take[counts + late >= wanted] = 1  # the first holder only
            np.minimum(take, counts, out=take)
        starts = np.zeros(len(keys), dtype=np.int64)
        np.cumsum(take[:-1], out=starts[1:])
        flat = np.arange(int(take.sum()), dtype=np.int64) - np.repeat(starts - lo, take)
        seqs = (self.combined[flat] & _LOW).astype(np.int64)
        if self.full is not None:  # keep the entries whose whole key is the one asked for
            keep = self.full[flat] == np.repeat(q, take)
            owner = np.repeat(np.arange(len(keys)), take)[keep]
            seqs = seqs[keep]
            counts = np.bincount(owner, minlength=len(keys)).astype(np.int64)
            starts = np.zeros(len(keys), dtype=np.int64)
            np.cumsum(counts[:-1], out=starts[1:])
        return seqs, starts, counts


class _Runs(_Recent):
    """Postings sorted by their whole 64-bit key, stably (``keys``, ``seqs``): a key's holders
    are one run, in insertion order, whose length is the key's document count.  Used for
    the site-template line hashes, where a run's first few holders and its length are
    wanted, not every holder (a footer line may be held by most documents).  Postings
    added since are in the recent arrays (:class:`_Recent`)."""

    def __init__(self, keys: U64, seqs: I64) -> None:
        self.keys = keys
        self.seqs = seqs
        self._init_recent()

    @classmethod
    def build(cls, keys: U64, seqs: I64) -> _Runs:
        order = np.argsort(keys, kind="stable")  # the input is in insertion order
        return cls(keys[order], seqs[order])

    def _sorted_size(self) -> int:
        return int(self.keys.size)

    def merge(self) -> None:
        """Move the recent postings into the sorted arrays (their seqs are above every
        sorted one, so a stable sort keeps each run in insertion order)."""
        if not self.n_recent:
            return
        keys, seqs = self._take_recent(np.int64)
        built = _Runs.build(np.concatenate([self.keys, keys]), np.concatenate([self.seqs, seqs]))
        self.keys, self.seqs = built.keys, built.seqs

    def joined(self, keys: U64, seqs: I64) -> _Runs:
        """These postings after earlier ones (sorted arrays of the same kind)."""
        if self.keys.size == 0:
            return _Runs(keys, seqs)
        return _Runs.build(np.concatenate([keys, self.keys]), np.concatenate([seqs, self.seqs]))

    def remove(self, seq: int) -> None:
        keep = self.seqs != seq
        if not keep.all():
            self.keys, self.seqs = self.keys[keep], self.seqs[keep]
        self._remove_recent(seq)

    def first(self, keys: Sequence[int] | U64, n: int) -> tuple[I64, I64, I64, I64]:
        """The first ``n`` holders of each of ``keys`` in the sorted arrays: ``(seqs,
        starts, taken, counts)``, key ``i``'s being ``seqs[starts[i]:][:taken[i]]`` of its
        ``counts[i]`` holders."""
        q = np.asarray(keys, dtype=np.uint64)
        lo, counts = _run_bounds(self.keys, q, q)
        take = np.minimum(counts, n)
        starts = np.zeros(len(keys), dtype=np.int64)
        np.cumsum(take[:-1], out=starts[1:])
        flat = np.arange(int(take.sum()), dtype=np.int64) - np.repeat(starts - lo, take)
        return self.seqs[flat], starts, take, counts

    def frequent(self, min_docs: int) -> set[int]:
        """The keys held by at least ``min_docs`` documents (recent ones counted)."""
        out: set[int] = set()
        if self.keys.size:
            starts = np.flatnonzero(np.concatenate(([True], self.keys[1:] != self.keys[:-1])))
            counts = np.diff(np.append(starts, self.keys.size))
            out = set(self.keys[starts[counts >= min_docs]].tolist())
        recent_keys, _ = self._settle()
        if recent_keys.size:
            keys = np.unique(recent_keys)
            _, late, _ = self.recent_runs(keys)
            _, _, _, counts = self.first(keys, 0)
            out.update(keys[counts + late >= min_docs].tolist())
        return out


def _starts(counts: I64) -> I64:
    """Where each of consecutive runs of ``counts`` items starts."""
    out = np.zeros(counts.size, dtype=np.int64)
    np.cumsum(counts[:-1], out=out[1:])
    return out


class PostingIndex:
    """Band keys and passage fingerprints -> document ids, in insertion order.

    Built from every document's postings (:meth:`from_rows`), then kept current with
    :meth:`add` and :meth:`remove`; answers the lookups of
    :class:`~newsclean.dedup.store.DocStore` (``band_groups``, ``passage_groups``,
    ``passage_counts``).  It also holds each document's distinct line hashes
    (:meth:`add_lines`), whose counts and first holders are the site-template line
    statistics (:meth:`line_groups`, :meth:`frequent_lines`).
    """

    def __init__(self) -> None:
        self._ids: dict[int, str] = {}
        self._seq_of: dict[str, int] | None = None  # id -> seq, made on first use
        self._id_of = np.empty(0, dtype=object)  # seq -> id, for many seqs at once
        self._fp_counts: dict[str, int] = {}
        empty_keys, empty_seqs = np.zeros(0, np.uint64), np.zeros(0, np.int64)
        self._bands = _Sorted.build(empty_keys, empty_seqs, wide=True)
        self._fps = _Sorted.build(empty_keys, empty_seqs, wide=False)
        self._lines = _Runs.build(empty_keys, empty_seqs)

    @classmethod
    def from_rows(
        cls,
        rows: Iterable[tuple[int, str, bytes, bytes]],
        lines: Iterable[tuple[int, str, bytes]] = (),
    ) -> PostingIndex:
        """From ``(seq, id, band keys as uint64 bytes, fingerprints as uint32 bytes)`` rows
        in insertion order, and ``(seq, id, distinct line hashes as uint64 bytes)`` rows
        in insertion order."""
        out = cls()
        columns = list(zip(*rows, strict=True)) or [(), (), (), ()]
        seqs: Sequence[int] = columns[0]
        band_blobs: Sequence[bytes] = columns[2]
        fp_blobs: Sequence[bytes] = columns[3]
        ids = out._ids = dict(zip(seqs, columns[1], strict=True))
        seq_arr = np.asarray(seqs, dtype=np.int64)
        band_n = np.fromiter(map(len, band_blobs), np.int64, len(band_blobs)) >> 3
        fp_n = np.fromiter(map(len, fp_blobs), np.int64, len(fp_blobs)) >> 2
        out._fp_counts = dict(zip(columns[1], fp_n.tolist(), strict=True))
        band_keys = np.frombuffer(b"".join(band_blobs), dtype=np.uint64)
        fp_keys = np.frombuffer(b"".join(fp_blobs), dtype=np.uint32).astype(np.uint64)
        del columns, band_blobs, fp_blobs
        if seqs:
            out._id_of = np.empty(max(seqs) + 1, dtype=object)
            out._id_of[seq_arr] = np.array([ids[q] for q in seqs], dtype=object)
        out._bands = _Sorted.build(band_keys, np.repeat(seq_arr, band_n), wide=True)
        out._fps = _Sorted.build(fp_keys, np.repeat(seq_arr, fp_n), wide=False)
        line_columns = list(zip(*lines, strict=True)) or [(), (), ()]
        line_seqs: Sequence[int] = line_columns[0]
        line_blobs: Sequence[bytes] = line_columns[2]
        extra = {
            seq: doc_id
            for seq, doc_id in zip(line_seqs, line_columns[1], strict=True)
            if seq not in ids
        }
        if extra:  # documents with lines but no postings row yet: numbered all the same
            ids.update(extra)
            top = max(ids) + 1
            if top > out._id_of.size:
                grown = np.empty(top, dtype=object)
                grown[: out._id_of.size] = out._id_of
                out._id_of = grown
            for seq, doc_id in extra.items():
                out._id_of[seq] = doc_id
        line_n = np.fromiter(map(len, line_blobs), np.int64, len(line_blobs)) >> 3
        line_keys = np.frombuffer(b"".join(line_blobs), dtype=np.uint64)
        del line_columns, line_blobs
        line_seq = np.repeat(np.asarray(line_seqs, dtype=np.int64), line_n)
        out._lines = _Runs.build(line_keys, line_seq)
        return out

    def arrays(self) -> dict[str, npt.NDArray[Any]]:
        """The sorted arrays (recent postings merged in first), to keep in the index file
        and read back with :meth:`from_arrays` instead of sorting every posting again."""
        for part in (self._bands, self._fps, self._lines):
            part.merge()
        assert self._bands.full is not None
        seqs = np.fromiter(self._ids.keys(), np.int64, len(self._ids))
        seqs.sort()
        ids = self._id_of[seqs].tolist()
        counts = np.fromiter(map(self._fp_counts.__getitem__, ids), np.int64, len(ids))
        return {
            "docs.seqs": seqs,
            "docs.fps": counts,
            "docs.ids": np.frombuffer(json.dumps(ids).encode("utf-8"), np.uint8),
            "bands.combined": self._bands.combined,
            "bands.full": self._bands.full,
            "fps.combined": self._fps.combined,
            "lines.keys": self._lines.keys,
            "lines.seqs": self._lines.seqs,
        }

    @classmethod
    def from_arrays(
        cls,
        arrays: dict[str, npt.NDArray[Any]],
        rows: Iterable[tuple[int, str, bytes, bytes]],
        lines: Iterable[tuple[int, str, bytes]] = (),
    ) -> PostingIndex:
        """:meth:`from_rows` of the documents after those of ``arrays`` (an
        :meth:`arrays` of the index as it was), joined to them."""
        out = cls.from_rows(rows, lines)
        names = json.loads(arrays["docs.ids"].tobytes().decode("utf-8"))
        seqs = arrays["docs.seqs"].tolist()
        if not isinstance(names, list) or len(names) != len(seqs):
            raise ValueError("the document ids do not match their numbers")
        old_ids = dict(zip(seqs, names, strict=True))
        old_ids.update(out._ids)
        out._ids = old_ids
        old_counts = dict(zip(names, arrays["docs.fps"].tolist(), strict=True))
        old_counts.update(out._fp_counts)
        out._fp_counts = old_counts
        if old_ids:
            id_of = np.empty(max(old_ids) + 1, dtype=object)
            id_of[np.fromiter(old_ids.keys(), np.int64, len(old_ids))] = list(old_ids.values())
            out._id_of = id_of
        out._bands = out._bands.joined(arrays["bands.combined"], arrays["bands.full"])
        out._fps = out._fps.joined(arrays["fps.combined"], None)
        out._lines = out._lines.joined(arrays["lines.keys"], arrays["lines.seqs"])
        return out

    def __len__(self) -> int:
        return len(self._ids)

    def add(
        self,
        seq: int,
        doc_id: str,
        bands: npt.NDArray[np.uint64] | Sequence[int],
        fps: npt.NDArray[np.uint32] | Sequence[int],
    ) -> None:
        """A new document's postings (its ``seq`` is above every indexed one)."""
        self._name(seq, doc_id)
        self._bands.add(seq, bands)
        self._fps.add(seq, fps)
        self._fp_counts[doc_id] = len(fps)

    def _name(self, seq: int, doc_id: str) -> None:
        self._ids[seq] = doc_id
        if self._seq_of is not None:
            self._seq_of[doc_id] = seq
        if seq >= self._id_of.size:
            grown = np.empty(max(2 * self._id_of.size, seq + 1, 1024), dtype=object)
            grown[: self._id_of.size] = self._id_of
            self._id_of = grown
        self._id_of[seq] = doc_id

    def add_lines(
        self, seq: int, doc_id: str, lines: npt.NDArray[np.uint64] | Sequence[int]
    ) -> None:
        """A new document's distinct line hashes (its ``seq`` is above every indexed one)."""
        self._name(seq, doc_id)
        self._lines.add(seq, lines)

    def remove(self, seq: int) -> None:
        doc_id = self._ids.pop(seq, None)
        if doc_id is None:
            return
        if self._seq_of is not None:
            self._seq_of.pop(doc_id, None)
        self._id_of[seq] = None
        self._fp_counts.pop(doc_id, None)
        self._bands.remove(seq)
        self._fps.remove(seq)
        self._lines.remove(seq)

    def line_groups(self, hashes: Sequence[int], n: int) -> dict[int, tuple[int, list[str]]]:
        """For each line hash held by documents: how many hold it, and its first ``n``
        holders in insertion order (hashes without holders left out)."""
        keys = sorted(set(hashes))
        seqs, starts, taken, counts = self._lines.first(keys, n)
        names = self._id_of[seqs].tolist()
        late_n, late_at, late_names = self._recent_names(self._lines, keys, lambda _: n - taken)
        out: dict[int, tuple[int, list[str]]] = {}
        rows = zip(
            keys, starts.tolist(), taken.tolist(), counts.tolist(), late_n, late_at, strict=True
        )
        for k, a, t, c, m, b in rows:
            if c or m:
                held = names[a : a + t]
                if m:
                    c += m
                    held.extend(late_names[b : b + min(m, n - t)])
                out[k] = (c, held)
        return out

    def _recent_names(
        self, part: _Recent, keys: Sequence[int], wanted: Callable[[I64], I64]
    ) -> tuple[list[int], list[int], list[str]]:
        """For each of the sorted ``keys``: how many recent postings of ``part`` it has,
        and where the names of its first ``wanted(counts)[i]`` recent holders start in the
        list of names returned (in insertion order)."""
        lo, late_n, recent_seqs = part.recent_runs(np.asarray(keys, dtype=np.uint64))
        take = np.minimum(np.maximum(wanted(late_n), 0), late_n)
        at = _starts(take)
        within = np.arange(int(take.sum()), dtype=np.int64) - np.repeat(at, take)
        names = self._id_of[recent_seqs[np.repeat(lo, take) + within]].tolist()
        return late_n.tolist(), at.tolist(), names

    def frequent_lines(self, min_docs: int) -> set[int]:
        """The line hashes held by at least ``min_docs`` documents."""
        return self._lines.frequent(min_docs)

    def band_members(self, key: int) -> list[str]:
        return self.band_groups([key]).get(key, [])

    def passage_members(self, fp: int) -> list[str]:
        found = self.passage_groups([fp], small=1 << 62, common=1 << 62)
        return found[fp][1] if fp in found else []

    def band_groups(self, keys: Sequence[int]) -> dict[int, list[str]]:
        """The holders of each key (keys without holders left out)."""
        keys = sorted(set(keys))
        seqs, starts, counts = self._bands.holders(keys)
        names = self._id_of[seqs].tolist()
        late_n, late_at, late_names = self._recent_names(self._bands, keys, lambda n: n)
        out = {}
        for k, a, n, m, b in zip(
            keys, starts.tolist(), counts.tolist(), late_n, late_at, strict=True
        ):
            if n or m:
                held = names[a : a + n]
                if m:
                    held.extend(late_names[b : b + m])
                out[k] = held
        return out

    def passage_groups(
        self, fps: Sequence[int], small: int, common: int
    ) -> dict[int, tuple[int, list[str]]]:
        """For each fingerprint held by documents: how many hold it, and its holders in
        insertion order -- all of them when fewer than ``small``, the first one when fewer
        than ``common``, none otherwise."""
        keys = sorted(set(fps))
        seqs, starts, counts = self._fps.holders(keys, wanted=small)
        names = self._id_of[seqs].tolist()
        # every recent holder of a small group, the first one of a big group
        late_n, late_at, late_names = self._recent_names(
            self._fps, keys, lambda late: np.where(counts + late < small, late, 1)
        )
        out: dict[int, tuple[int, list[str]]] = {}
        for k, a, n_main, m, b in zip(
            keys, starts.tolist(), counts.tolist(), late_n, late_at, strict=True
        ):
            n = n_main + m
            if n == 0:
                continue
            if n < small:
                held = names[a : a + n_main]
                if m:
                    held.extend(late_names[b : b + m])
                out[k] = (n, held)
            elif n < common:
                out[k] = (n, [names[a] if n_main else late_names[b]])
            else:
                out[k] = (n, [])
        return out

    def passage_holders(
        self, keys: npt.NDArray[np.uint64], small: int, common: int
    ) -> tuple[I64, I64, I64, I64]:
        """:meth:`passage_groups` of the sorted distinct ``keys`` as arrays of document
        numbers: ``(counts, starts, taken, seqs)``, key ``i`` being held by ``counts[i]``
        documents of which ``seqs[starts[i]:][:taken[i]]`` are listed, in insertion order --
        all of them when fewer than ``small``, the first one when fewer than ``common``,
        none otherwise."""
        main = self._fps
        q = keys.astype(np.uint64, copy=False) << _SHIFT
        lo, n_main = _run_bounds(main.combined, q, q | _LOW)
        late_lo, n_late, late_seqs = main.recent_runs(keys.astype(np.uint64, copy=False))
        n = n_main + n_late
        few, some = n < small, (n >= small) & (n < common)
        take_main = np.where(few, n_main, np.where(some, np.minimum(n_main, 1), 0))
        take_late = np.where(few, n_late, np.where(some & (n_main == 0), 1, 0))
        taken = take_main + take_late
        starts = _starts(taken)
        out = np.empty(int(taken.sum()), dtype=np.int64)
        m = int(take_main.sum())
        within = np.arange(m, dtype=np.int64) - np.repeat(_starts(take_main), take_main)
        out[np.repeat(starts, take_main) + within] = (
            main.combined[np.repeat(lo, take_main) + within] & _LOW
        ).astype(np.int64)
        m = int(take_late.sum())
        within = np.arange(m, dtype=np.int64) - np.repeat(_starts(take_late), take_late)
        out[np.repeat(starts + take_main, take_late) + within] = late_seqs[
            np.repeat(late_lo, take_late) + within
        ]
        return n, starts, taken, out

    def names(self, seqs: I64) -> list[str]:
        """The ids of documents given by number."""
        return list(self._id_of[seqs].tolist())

    def seqs(self, doc_ids: Iterable[str]) -> dict[str, int]:
        """The number of each indexed document of ``doc_ids`` (the others left out)."""
        seq_of = self._seq_of
        if seq_of is None:
            seq_of = self._seq_of = {doc_id: seq for seq, doc_id in self._ids.items()}
        return {d: seq_of[d] for d in doc_ids if d in seq_of}

    def passage_counts(self, doc_ids: Sequence[str]) -> dict[str, int]:
        """The number of fingerprints of each indexed document of ``doc_ids``."""
        counts = self._fp_counts
        return {d: counts[d] for d in doc_ids if d in counts}
