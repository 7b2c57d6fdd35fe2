"""Near-duplicate detection: MinHash signatures, LSH index, verification, clusters."""

from .engine import find_duplicates
from .types import Cluster, DedupResult, Match

__all__ = ["Cluster", "DedupResult", "Match", "find_duplicates"]
