"""Near-duplicate detection: MinHash signatures, LSH index, verification, clusters.

``find_duplicates`` clusters a corpus at once; ``DuplicateIndex`` answers the same question
one document at a time (streaming); ``compare`` tells why two texts are, or are not, copies;
``DedupParams`` holds the settings.
"""

from .compare import compare
from .engine import find_duplicates
from .index import DuplicateIndex
from .params import DedupParams
from .sqlite_store import SQLiteStore
from .store import DocStore, MemoryStore
from .types import Cluster, DedupResult, Match

__all__ = [
    "Cluster",
    "DedupParams",
    "DedupResult",
    "DocStore",
    "DuplicateIndex",
    "Match",
    "MemoryStore",
    "SQLiteStore",
    "compare",
    "find_duplicates",
]
