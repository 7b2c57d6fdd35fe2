"""The persistent index of ``newsclean dedupe --index PATH``: every article seen, and its story.

One SQLite file (standard library) holds, for every indexed article, what the near-duplicate
engine needs to compare a new article with it -- features, MinHash signature, the shingle
hashes verification reads, LSH and passage postings, document metadata (a
:class:`~newsclean.DuplicateIndex` over a :class:`~newsclean.dedup.SQLiteStore`) -- and
what the report needs: the story (cluster id) it belongs to, its similarity to the story's
canonical copy, and for every story its canonical copy and size.  So today's crawl is
de-duplicated against everything indexed before.

Decisions are streaming, in input order:

* an article already in the index is not added again (``indexed_before``): it keeps its
  story, so a re-run of the same dump adds nothing and reports the same cluster ids;
* a new article joins the story of the stored copy it matches best (the engine's
  verification; best match first); with no match it starts a new story (the next id);
* the canonical copy of a story is chosen by the engine's rule
  (:mod:`newsclean.dedup.canonical`: earliest date, then an agency credit, then the most
  complete text, then the first indexed); when a new member ranks before it, it becomes the
  canonical copy and the members' similarities are recomputed against it.

Batches: :meth:`CrawlIndex.add_many` adds many articles at once, looking their candidates
up together (:meth:`~newsclean.DuplicateIndex.add_batch`) with exactly the decisions of
:meth:`CrawlIndex.add` one by one.

Crash safety: articles are added in batches, each batch one SQLite transaction (write-ahead
log, ``synchronous=FULL``) holding the documents, their postings and evidence, and their
story rows.  A run killed at any moment loses only its uncommitted batch; running it again
finds the committed articles indexed and adds the rest in the same order from the same
state, so it ends with exactly the stories an uninterrupted run gives.

>>> import os, tempfile
>>> from newsclean import clean
>>> path = os.path.join(tempfile.mkdtemp(), "news.db")
>>> story = "The cabinet approved the new budget on Sunday, the ministry said in a statement."
>>> with CrawlIndex(path) as idx:
...     [idx.add(clean(text, id=i)) for i, text in (("a", story), ("b", "RIYADH - " + story))]
[False, False]
>>> with CrawlIndex(path) as idx:
...     idx.add(clean(story, id="a")), idx.story("a").cluster == idx.story("b").cluster
(True, True)
"""

from __future__ import annotations

import contextlib
import gc
import sqlite3
import time
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any

import numpy as np

from .article import Article
from .dedup import DuplicateIndex, SQLiteStore
from .dedup.canonical import Candidate, explain_choice, rank_key
from .dedup.features import Doc, DocFeatures
from .dedup.types import join_reason
from .dedup.verify import verify
from .errors import IndexStoreError

__all__ = ["CrawlIndex", "StoryRow", "StoryStore"]

_SCHEMA = """
CREATE TABLE IF NOT EXISTS story_of (
    doc TEXT PRIMARY KEY,
    cluster INTEGER NOT NULL,
    similarity REAL NOT NULL,
    reason TEXT
);
CREATE INDEX IF NOT EXISTS story_of_cluster ON story_of (cluster);
CREATE TABLE IF NOT EXISTS stories (
    cluster INTEGER PRIMARY KEY,
    canonical TEXT NOT NULL,
    size INTEGER NOT NULL
);
"""


@contextlib.contextmanager
def _no_cyclic_gc() -> Iterator[None]:
    """Pause Python's cycle collector: a batch allocates many small lists, and each
    collection would walk the whole heap (the ids of every indexed article); the batch
    makes no cycles that need collecting before it ends."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@dataclass(frozen=True, slots=True)
class StoryRow:
    """An indexed article's story: cluster id, canonical copy, similarity to it, story size,
    and why it is a copy of the canonical one (:func:`~newsclean.dedup.types.join_reason`;
    None for the canonical copy, and for an article indexed by a version of newsclean
    before the reasons were kept)."""

    cluster: int
    canonical: str
    similarity: float
    size: int
    reason: str | None = None


class StoryStore(SQLiteStore):
    """The engine's SQLite store plus two tables: the story of every article, and every
    story's canonical copy and size.  Writes join the store's transactions, so a document and
    its story row are committed together."""

    def __init__(self, path: str | Path, *, cache_size: int = 4096) -> None:
        super().__init__(path, cache_size=cache_size)
        try:
            self._db.executescript(_SCHEMA)
            columns = {r[1] for r in self._db.execute("PRAGMA table_info(story_of)")}
            if "reason" not in columns:  # a file from before the reasons: their rows stay NULL
                self._db.execute("ALTER TABLE story_of ADD COLUMN reason TEXT")
        except sqlite3.DatabaseError as exc:
            self._db.close()
            raise IndexStoreError(f"{self.path}: cannot open index: {exc}") from exc

    def docs(self) -> Iterator[Doc]:
        """Every document, in indexing order, read one at a time (the engine reads them all
        when it opens the index; holding them all at once would cost gigabytes)."""
        for doc_id in self.ids():
            yield self.get(doc_id)

    @contextlib.contextmanager
    def savepoint(self, name: str = "article") -> Iterator[None]:
        """Changes that are undone together if the block raises (inside a transaction)."""
        self._db.execute(f"SAVEPOINT {name}")
        try:
            yield
        except BaseException:
            self._db.execute(f"ROLLBACK TO {name}")
            self._db.execute(f"RELEASE {name}")
            self.forget_postings()  # documents and postings read or written since
            raise
        self._db.execute(f"RELEASE {name}")

    def story(self, doc_id: str) -> StoryRow | None:
        """The story of an indexed article, or None."""
        row = self._db.execute(
            "SELECT s.cluster, s.similarity, t.canonical, t.size, s.reason FROM story_of s "
            "JOIN stories t ON t.cluster = s.cluster WHERE s.doc = ?",
            (doc_id,),
        ).fetchone()
        if row is None:
            return None
        reason = None if row[4] is None else str(row[4])
        return StoryRow(int(row[0]), str(row[2]), float(row[1]), int(row[3]), reason)

    def cluster_of(self, doc_id: str) -> int | None:
        row = self._db.execute("SELECT cluster FROM story_of WHERE doc = ?", (doc_id,)).fetchone()
        return None if row is None else int(row[0])

    def canonical_of(self, cluster: int) -> str:
        row = self._db.execute(
            "SELECT canonical FROM stories WHERE cluster = ?", (cluster,)
        ).fetchone()
        if row is None:
            raise IndexStoreError(f"{self.path}: story {cluster} is missing (corrupt index)")
        return str(row[0])

    def members(self, cluster: int) -> list[tuple[str, float]]:
        """``(id, similarity)`` of a story's articles, in indexing order."""
        rows = self._db.execute(
            "SELECT s.doc, s.similarity FROM story_of s JOIN docs d ON d.id = s.doc "
            "WHERE s.cluster = ? ORDER BY d.seq",
            (cluster,),
        )
        return [(str(r[0]), float(r[1])) for r in rows]

    def copy_reasons(self, cluster: int) -> dict[str, str]:
        """``id -> reason`` of a story's copies that have one."""
        rows = self._db.execute(
            "SELECT doc, reason FROM story_of WHERE cluster = ? AND reason IS NOT NULL",
            (cluster,),
        )
        return {str(r[0]): str(r[1]) for r in rows}

    def new_story(self, doc_id: str) -> int:
        """Start a story with ``doc_id`` as its only member; returns its cluster id."""
        with self.transaction():
            row = self._db.execute("SELECT COALESCE(MAX(cluster) + 1, 0) FROM stories").fetchone()
            cluster = int(row[0])
            self._db.execute(
                "INSERT INTO stories (cluster, canonical, size) VALUES (?, ?, 1)",
                (cluster, doc_id),
            )
            self._db.execute(
                "INSERT INTO story_of (doc, cluster, similarity) VALUES (?, ?, 1.0)",
                (doc_id, cluster),
            )
        return cluster

    def join_story(
        self, doc_id: str, cluster: int, similarity: float, reason: str | None = None
    ) -> None:
        with self.transaction():
            self._db.execute(
                "INSERT INTO story_of (doc, cluster, similarity, reason) VALUES (?, ?, ?, ?)",
                (doc_id, cluster, similarity, reason),
            )
            self._db.execute("UPDATE stories SET size = size + 1 WHERE cluster = ?", (cluster,))

    def set_canonical(self, cluster: int, doc_id: str) -> None:
        with self.transaction():
            self._db.execute(
                "UPDATE stories SET canonical = ? WHERE cluster = ?", (doc_id, cluster)
            )

    def set_similarity(self, doc_id: str, similarity: float, reason: str | None = None) -> None:
        with self.transaction():
            self._db.execute(
                "UPDATE story_of SET similarity = ?, reason = ? WHERE doc = ?",
                (similarity, reason, doc_id),
            )


class CrawlIndex:
    """A :class:`~newsclean.DuplicateIndex` in a SQLite file with the story of every article.

    :meth:`add_many` commits each batch it is given (``batch`` is the size the CLI hands
    it); :meth:`add` commits every ``batch`` articles or ``seconds`` of work, whichever
    comes first; :meth:`commit` commits what is pending (done by :meth:`close`).  Raises
    :class:`~newsclean.IndexStoreError` when the file is not a newsclean index or is
    corrupt.  The index runs with the settings it was used with last, ``threshold`` (when
    given) over them.
    """

    def __init__(
        self,
        path: str | Path,
        *,
        threshold: float | None = None,
        lang: str | None = None,
        batch: int = 256,
        seconds: float = 2.0,
    ) -> None:
        self.path = Path(path)
        if self.path.is_dir():
            raise IndexStoreError(f"{self.path}: is a directory, not an index file")
        try:
            self.store = StoryStore(self.path)
        except sqlite3.Error as exc:  # a file SQLite cannot even open
            raise IndexStoreError(f"{self.path}: cannot open index: {exc}") from exc
        options: dict[str, Any] = {} if threshold is None else {"threshold": threshold}
        try:
            self.index = DuplicateIndex(self.store, lang=lang, **options)
        except BaseException:
            self.store.close()
            raise
        self.batch = batch
        self.seconds = seconds
        self._tx: AbstractContextManager[None] | None = None
        self._pending = 0
        self._since = time.monotonic()

    # -- transactions -------------------------------------------------------------------------

    def _begin(self) -> None:
        if self._tx is None:
            self._tx = self.store.transaction()
            self._tx.__enter__()
            self._pending = 0
            self._since = time.monotonic()

    def commit(self) -> None:
        """Commit the pending articles (one transaction)."""
        if self._tx is not None:
            tx, self._tx = self._tx, None
            try:
                tx.__exit__(None, None, None)
            except sqlite3.Error as exc:
                raise IndexStoreError(f"{self.path}: cannot commit: {exc}") from exc

    def rollback(self) -> None:
        """Drop the pending articles."""
        if self._tx is not None:
            tx, self._tx = self._tx, None
            error = IndexStoreError("rolled back")
            with contextlib.suppress(IndexStoreError):
                tx.__exit__(IndexStoreError, error, None)

    # -- articles -----------------------------------------------------------------------------

    def __contains__(self, doc_id: object) -> bool:
        return doc_id in self.store

    def __len__(self) -> int:
        return len(self.store)

    def add(self, article: Article, features: DocFeatures | None = None) -> bool:
        """Index ``article`` and give it its story; True when it was indexed before (then
        nothing changes).  ``features`` are the article's near-duplicate features when
        already computed (by a cleaning worker); otherwise the engine computes them.  An
        exception from the engine on this article undoes its changes and propagates; a
        database failure raises :class:`~newsclean.IndexStoreError`."""
        if article.id is None:
            raise IndexStoreError("an article needs an id to be indexed")
        try:
            if article.id in self.store:
                return True
            self._begin()
            with self.store.savepoint():  # an article that fails leaves no trace
                matches = self.index.add(article, features=features)
                self._assign(article.id, [m.b for m in matches])
        except sqlite3.Error as exc:
            raise IndexStoreError(f"{self.path}: {exc}") from exc
        self._pending += 1
        if self._pending >= self.batch or time.monotonic() - self._since >= self.seconds:
            self.commit()
        return False

    def add_many(
        self, items: Sequence[tuple[Article, DocFeatures | None]]
    ) -> list[bool | Exception]:
        """:meth:`add` of each ``(article, features)`` in turn, batched: one result per
        item, True when it was indexed before, False when added now, or the exception the
        engine raised on that article (which then left no trace).  The decisions are those
        of adding one by one (:meth:`DuplicateIndex.add_batch
        <newsclean.DuplicateIndex.add_batch>` reads the postings once for the batch); the
        batch is one savepoint, and if the engine fails on any article it is rolled back
        and the articles are added one by one.  Commits at the end (one transaction).  A
        database failure raises :class:`~newsclean.IndexStoreError`.

        >>> import os, tempfile
        >>> from newsclean import clean
        >>> story = "The cabinet approved the new budget on Sunday, the ministry said."
        >>> with CrawlIndex(os.path.join(tempfile.mkdtemp(), "news.db")) as idx:
        ...     idx.add_many([(clean(t, id=i), None) for i, t in (("a", story), ("a", story))])
        [False, True]
        """
        results: list[bool | Exception] = [True] * len(items)
        todo: list[tuple[int, Article, DocFeatures]] = []
        taken: set[str] = set()
        for pos, (article, features) in enumerate(items):
            doc_id = article.id
            if doc_id is None:
                raise IndexStoreError("an article needs an id to be indexed")
            try:
                if doc_id in taken or doc_id in self.store:
                    continue
            except sqlite3.Error as exc:
                raise IndexStoreError(f"{self.path}: {exc}") from exc
            taken.add(doc_id)
            try:
                f = features if features is not None else self.index.features_of(article)
            except Exception as exc:  # the engine failing on this article only
                results[pos] = exc
                continue
            todo.append((pos, article, f))
        if not todo:
            return results
        self._begin()
        state = self.index.memory_state()
        try:
            with _no_cyclic_gc(), self.store.savepoint("batch"):
                found = self.index.add_batch([f for _, _, f in todo], explain=False)
                for (pos, article, _), matches in zip(todo, found, strict=True):
                    self._assign(str(article.id), [m.b for m in matches])
                    results[pos] = False
        except sqlite3.Error as exc:
            raise IndexStoreError(f"{self.path}: {exc}") from exc
        except IndexStoreError:
            raise
        except Exception:  # an article the engine fails on: one by one, each its savepoint
            self.index.restore_memory_state(state)
            for pos, article, f in todo:
                try:
                    results[pos] = self.add(article, f)
                except IndexStoreError:
                    raise
                except Exception as exc:
                    results[pos] = exc
        self.commit()
        return results

    def _candidate(self, doc: Doc) -> Candidate:
        f = doc.features
        kept = int(np.count_nonzero(doc.sketch.keep))
        return Candidate(doc.id, self.store.seq(doc.id), f.date, f.agency, kept)

    def _similarity(self, a: Doc, b: Doc) -> tuple[float, str]:
        """``b``'s similarity to the canonical copy ``a``, and why it is a copy."""
        ev = verify(a, b, self.index.params)
        return round(ev.score, 4), join_reason(ev.duplicate, ev.reason)

    def _assign(self, doc_id: str, matched: list[str]) -> None:
        if not matched:
            self.store.new_story(doc_id)
            return
        best = matched[0]
        cluster = self.store.cluster_of(best)
        if cluster is None:  # indexed through the Python API, without a story: give it one
            cluster = self.store.new_story(best)
        doc = self.store.get(doc_id)
        canonical = self.store.get(self.store.canonical_of(cluster))
        if rank_key(self._candidate(doc)) < rank_key(self._candidate(canonical)):
            self.store.join_story(doc_id, cluster, 1.0)
            self.store.set_canonical(cluster, doc_id)
            for member, _ in self.store.members(cluster):
                if member != doc_id:
                    sim, why = self._similarity(doc, self.store.get(member))
                    self.store.set_similarity(member, sim, why)
        else:
            sim, why = self._similarity(canonical, doc)
            self.store.join_story(doc_id, cluster, sim, why)

    def story(self, doc_id: str) -> StoryRow | None:
        """The story of an indexed article (None when it is not indexed)."""
        return self.store.story(doc_id)

    def members(self, cluster: int) -> list[tuple[str, float]]:
        """``(id, similarity)`` of the articles of a story, in indexing order."""
        return self.store.members(cluster)

    def copy_reasons(self, cluster: int) -> dict[str, str]:
        """Why each article of a story is a copy of its canonical one (the articles indexed
        before the reasons were kept have none)."""
        return self.store.copy_reasons(cluster)

    def canonical_reason(self, cluster: int) -> str:
        """Why the story's canonical copy was chosen (see
        :func:`~newsclean.dedup.canonical.explain_choice`; reads every member)."""
        members = [self._candidate(self.store.get(m)) for m, _ in self.store.members(cluster)]
        if len(members) < 2:
            return ""
        chosen, why = explain_choice(members)
        # the story's canonical is always its members' best (each new member is ranked
        # against it); a story edited through the Python API may say otherwise
        return why if chosen == self.store.canonical_of(cluster) else ""

    def ids(self) -> Iterator[str]:
        return iter(self.store.ids())

    # -- life cycle ---------------------------------------------------------------------------

    def close(self) -> None:
        """Commit what is pending and close the file."""
        try:
            self.commit()
        finally:
            self.store.close()

    def __enter__(self) -> CrawlIndex:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if exc_type is not None:
            self.rollback()
        self.close()
