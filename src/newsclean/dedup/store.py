"""Where a :class:`~newsclean.DuplicateIndex` keeps its documents: a small storage interface.

:class:`DocStore` is the protocol; :class:`MemoryStore` keeps everything in dictionaries
and :class:`~newsclean.dedup.sqlite_store.SQLiteStore` in one SQLite file (transactional,
crash-safe; the CLI's ``--index news.db``).  A store holds, for each document, its
features and sketch (:class:`~newsclean.dedup.features.Doc`) and its insertion number; the
LSH band keys and passage fingerprints that find candidates; and the verified pairs with
their evidence.

>>> from newsclean.dedup.features import Doc, prepare, sketch
>>> from newsclean.dedup.signatures import MinHasher
>>> f = prepare([("a", "Some text of a story.")])[0]
>>> store = MemoryStore()
>>> store.put(Doc(f, sketch(f, frozenset(), MinHasher(8), k=3, window=4)))
>>> "a" in store, len(store), store.ids()
(True, 1, ['a'])
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import AbstractContextManager, nullcontext
from typing import Any, Protocol, runtime_checkable

import numpy as np
import numpy.typing as npt

from ..errors import IndexStoreError
from .features import Doc
from .verify import Evidence

__all__ = ["FIXED_SETTINGS", "DocStore", "MemoryStore", "merge_settings", "pair_key"]


def pair_key(a: str, b: str) -> tuple[str, str]:
    """The key of an unordered pair of document ids."""
    return (a, b) if a <= b else (b, a)


@runtime_checkable
class DocStore(Protocol):
    """The storage a :class:`~newsclean.DuplicateIndex` needs.

    Documents are returned in insertion order by :meth:`ids`; :meth:`seq` is a document's
    insertion number (the stable tie-break of canonical choice).  ``put`` of an existing id
    is an error (remove it first).  A store that writes to disk makes each ``put`` /
    ``delete`` / ``put_evidence`` durable and atomic, and ``transaction()`` groups several
    into one commit.  ``settings`` are those the index last used (empty for a new store);
    ``check_settings`` records new ones, refusing other :data:`FIXED_SETTINGS` than the
    stored data was computed with (see :func:`merge_settings`).
    """

    def put(self, doc: Doc) -> None: ...
    def get(self, doc_id: str) -> Doc: ...
    def delete(self, doc_id: str) -> None: ...
    def __contains__(self, doc_id: object) -> bool: ...
    def __len__(self) -> int: ...
    def ids(self) -> list[str]: ...
    def seq(self, doc_id: str) -> int: ...
    def docs(self) -> Iterator[Doc]: ...

    def add_postings(self, doc_id: str, bands: Iterable[int], passages: Iterable[int]) -> None: ...
    def band_members(self, key: int) -> list[str]: ...
    def passage_members(self, fingerprint: int) -> list[str]: ...
    def band_groups(self, keys: list[int]) -> dict[int, list[str]]: ...
    def passage_groups(
        self, fps: list[int], small: int, common: int
    ) -> dict[int, tuple[int, list[str]]]: ...
    def passage_counts(self, doc_ids: list[str]) -> dict[str, int]: ...
    def seqs(self, doc_ids: list[str]) -> dict[str, int]: ...
    def shingle_sets(self, doc_ids: list[str]) -> dict[str, npt.NDArray[np.uint32]]: ...

    def put_evidence(self, a: str, b: str, evidence: Evidence) -> None: ...
    def evidence_of(self, doc_id: str) -> dict[tuple[str, str], Evidence]: ...
    def all_evidence(self) -> dict[tuple[str, str], Evidence]: ...

    def settings(self) -> dict[str, Any]: ...
    def check_settings(self, settings: dict[str, Any]) -> None: ...
    def transaction(self) -> AbstractContextManager[None]: ...
    def close(self) -> None: ...


class MemoryStore:
    """A :class:`DocStore` in dictionaries (lost when the process ends)."""

    def __init__(self) -> None:
        self._docs: dict[str, tuple[int, Doc]] = {}
        self._next = 0
        self._bands: dict[int, list[str]] = {}
        self._passages: dict[int, list[str]] = {}
        self._postings: dict[str, tuple[list[int], list[int]]] = {}
        self._evidence: dict[tuple[str, str], Evidence] = {}
        self._settings: dict[str, Any] = {}
        self._by_doc: dict[str, set[tuple[str, str]]] = {}

    def put(self, doc: Doc) -> None:
        if doc.id in self._docs:
            raise IndexStoreError(f"document {doc.id!r} is already indexed")
        self._docs[doc.id] = (self._next, doc)
        self._next += 1

    def get(self, doc_id: str) -> Doc:
        try:
            return self._docs[doc_id][1]
        except KeyError:
            raise IndexStoreError(f"document {doc_id!r} is not indexed") from None

    def delete(self, doc_id: str) -> None:
        if self._docs.pop(doc_id, None) is None:
            raise IndexStoreError(f"document {doc_id!r} is not indexed")
        bands, passages = self._postings.pop(doc_id, ([], []))
        for table, keys in ((self._bands, bands), (self._passages, passages)):
            for key in keys:
                members = table.get(key)
                if members is not None:
                    members.remove(doc_id)
                    if not members:
                        del table[key]
        for pair in self._by_doc.pop(doc_id, set()):
            self._evidence.pop(pair, None)
            other = pair[0] if pair[1] == doc_id else pair[1]
            self._by_doc.get(other, set()).discard(pair)

    def __contains__(self, doc_id: object) -> bool:
        return doc_id in self._docs

    def __len__(self) -> int:
        return len(self._docs)

    def ids(self) -> list[str]:
        return list(self._docs)

    def seq(self, doc_id: str) -> int:
        return self._docs[doc_id][0]

    def docs(self) -> Iterator[Doc]:
        return (d for _, d in self._docs.values())

    def add_postings(self, doc_id: str, bands: Iterable[int], passages: Iterable[int]) -> None:
        b, p = list(bands), list(passages)
        self._postings[doc_id] = (b, p)
        for key in b:
            self._bands.setdefault(key, []).append(doc_id)
        for key in p:
            self._passages.setdefault(key, []).append(doc_id)

    def add_postings_many(self, rows: Iterable[tuple[str, list[int], list[int]]]) -> None:
        """:meth:`add_postings` of several documents ``(id, band keys, fingerprints)``."""
        for doc_id, bands, passages in rows:
            self.add_postings(doc_id, bands, passages)

    def band_members(self, key: int) -> list[str]:
        return list(self._bands.get(key, ()))

    def passage_members(self, fingerprint: int) -> list[str]:
        return list(self._passages.get(fingerprint, ()))

    def band_groups(self, keys: list[int]) -> dict[int, list[str]]:
        """:meth:`band_members` of many keys (keys without members left out)."""
        return {k: list(self._bands[k]) for k in keys if k in self._bands}

    def passage_groups(
        self, fps: list[int], small: int, common: int
    ) -> dict[int, tuple[int, list[str]]]:
        """For each fingerprint of ``fps`` held by stored documents: how many hold it, and
        its holders in insertion order -- all of them when fewer than ``small``, the first
        one when fewer than ``common``, none otherwise."""
        out: dict[int, tuple[int, list[str]]] = {}
        for fp in fps:
            members = self._passages.get(fp)
            if members:
                n = len(members)
                out[fp] = (n, list(members) if n < small else members[:1] if n < common else [])
        return out

    def passage_counts(self, doc_ids: list[str]) -> dict[str, int]:
        """The number of passage fingerprints of each stored document of ``doc_ids``."""
        return {d: len(self._postings[d][1]) for d in doc_ids if d in self._postings}

    def seqs(self, doc_ids: list[str]) -> dict[str, int]:
        """:meth:`seq` of each stored document of ``doc_ids``."""
        return {d: self._docs[d][0] for d in doc_ids if d in self._docs}

    def shingle_sets(self, doc_ids: list[str]) -> dict[str, npt.NDArray[np.uint32]]:
        """The sorted distinct shingles of each stored document of ``doc_ids``."""
        return {d: self._docs[d][1].sketch.shingle_set for d in doc_ids if d in self._docs}

    def put_evidence(self, a: str, b: str, evidence: Evidence) -> None:
        key = pair_key(a, b)
        self._evidence[key] = evidence
        self._by_doc.setdefault(a, set()).add(key)
        self._by_doc.setdefault(b, set()).add(key)

    def evidence_of(self, doc_id: str) -> dict[tuple[str, str], Evidence]:
        return {k: self._evidence[k] for k in self._by_doc.get(doc_id, set())}

    def all_evidence(self) -> dict[tuple[str, str], Evidence]:
        return dict(self._evidence)

    def settings(self) -> dict[str, Any]:
        """The settings of the index that used this store last (empty before)."""
        return dict(self._settings)

    def check_settings(self, settings: dict[str, Any]) -> None:
        """Record ``settings`` (see :func:`merge_settings`)."""
        self._settings = merge_settings("memory store", self._settings, settings)

    def transaction(self) -> AbstractContextManager[None]:
        """Changes in memory are immediate; nothing to group."""
        return nullcontext()

    def close(self) -> None:
        """Nothing to release."""


#: The settings a store's data is computed with (shingles, signatures, LSH bands, passage
#: fingerprints): an index can only be opened with the ones it was built with.  The other
#: settings only decide what is a copy; they may change between runs.
FIXED_SETTINGS = frozenset({"hash", "k", "num_perm", "seed", "window", "lsh_threshold"})


def merge_settings(where: str, stored: dict[str, Any], given: dict[str, Any]) -> dict[str, Any]:
    """The settings a store records when an index opens it with ``given``: ``given``, after
    refusing with :class:`~newsclean.IndexStoreError` a :data:`FIXED_SETTINGS` value other
    than the ``stored`` one (the stored data was computed with it); stored keys ``given``
    lacks are kept.

    >>> merge_settings("news.db", {"k": 3, "threshold": 0.5}, {"k": 3, "threshold": 0.7})
    {'k': 3, 'threshold': 0.7}
    >>> try:
    ...     merge_settings("i.db", {"k": 3}, {"k": 4})
    ... except IndexStoreError as exc:
    ...     print(exc)
    i.db: built with other settings (k: index 3, now 4): open it with those, or build a new index
    """
    diff = {
        k: (stored[k], v)
        for k, v in given.items()
        if k in FIXED_SETTINGS and k in stored and stored[k] != v
    }
    if diff:
        shown = ", ".join(f"{k}: index {a!r}, now {b!r}" for k, (a, b) in sorted(diff.items()))
        raise IndexStoreError(
            f"{where}: built with other settings ({shown}): open it with those, "
            "or build a new index"
        )
    return {**stored, **given}


def as_uint64(values: npt.NDArray[np.generic]) -> list[int]:
    """Python ints of an array (keys of the posting tables)."""
    return [int(v) for v in values.tolist()]
