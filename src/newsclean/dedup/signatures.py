"""Document fingerprints and MinHash signatures.

Placeholder of the foundation skeleton; issue #5 adds the vectorized MinHash.

>>> exact_fingerprint("hello") == exact_fingerprint("hello")
True
"""

from __future__ import annotations

import xxhash

__all__ = ["exact_fingerprint"]


def exact_fingerprint(normalized: str) -> int:
    """64-bit hash of normalized text: the exact-duplicate key."""
    return int(xxhash.xxh3_64_intdigest(normalized.encode("utf-8")))
