"""TextSpill: the texts of many documents in a temporary file, read back by index.

The engine reads a document's words only for a few checks (replaced numbers and names) and
for explanations; the rest of the time it works on hashes.  A run over hundreds of
thousands of articles therefore keeps their texts on disk: :class:`TextSpill` appends each
text (UTF-8) to an unnamed temporary file and reads one back with a single ``pread`` --
from any process forked after it was written, since ``pread`` does not move a shared
file offset.

>>> spill = TextSpill()
>>> spill.append("first text"), spill.append("الخبر الثاني")
(0, 1)
>>> spill[1], len(spill)
('الخبر الثاني', 2)
>>> spill.close()
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Sequence
from typing import overload

import numpy as np
import numpy.typing as npt

__all__ = ["TextSpill"]


class TextSpill(Sequence[str]):
    """Texts appended to an unnamed temporary file (``dir``: where to create it)."""

    def __init__(self, dir: str | None = None) -> None:
        self._file = tempfile.TemporaryFile(prefix="newsclean-texts-", dir=dir)  # noqa: SIM115
        self._fd = self._file.fileno()
        self._pending: list[bytes] = []
        self._pending_bytes = 0
        self._end = 0  # bytes in the file (written or pending)
        self._starts: list[int] = []
        self._frozen: npt.NDArray[np.int64] | None = None

    def append(self, text: str) -> int:
        """Store ``text``; returns its index."""
        data = text.encode("utf-8", "surrogatepass")
        self._starts.append(self._end)
        self._end += len(data)
        self._pending.append(data)
        self._pending_bytes += len(data)
        if self._pending_bytes >= 1 << 20:
            self.flush()
        self._frozen = None
        return len(self._starts) - 1

    def flush(self) -> None:
        """Write what is buffered (done before any read)."""
        if self._pending:
            os.write(self._fd, b"".join(self._pending))
            self._pending.clear()
            self._pending_bytes = 0

    def __len__(self) -> int:
        return len(self._starts)

    @overload
    def __getitem__(self, i: int) -> str: ...
    @overload
    def __getitem__(self, i: slice) -> list[str]: ...
    def __getitem__(self, i: int | slice) -> str | list[str]:
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        if self._pending:
            self.flush()
        if self._frozen is None:
            self._frozen = np.array([*self._starts, self._end], dtype=np.int64)
        n = len(self._starts)
        if i < 0:
            i += n
        if not 0 <= i < n:
            raise IndexError(f"text {i} out of range ({n} texts)")
        start, end = int(self._frozen[i]), int(self._frozen[i + 1])
        return os.pread(self._fd, end - start, start).decode("utf-8", "surrogatepass")

    def close(self) -> None:
        """Delete the file."""
        self._file.close()
