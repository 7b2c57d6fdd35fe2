"""Near-duplicate detection: MinHash signatures, LSH index, verification, clusters."""

from .engine import find_duplicates
from .params import DedupParams
from .types import Cluster, DedupResult, Match

__all__ = ["Cluster", "DedupParams", "DedupResult", "Match", "find_duplicates"]
