"""Files that appear whole or not at all: write to a temporary file, then rename.

The temporary file lives in the target's directory (a rename is atomic only within one file
system) and is named after the target, so a crash leaves at worst a ``.name.*.tmp`` file and
never a half-written output.  Opening the temporary file up front also means an unwritable
output is reported before any work is done.

>>> import tempfile, os
>>> path = os.path.join(tempfile.mkdtemp(), "out.txt")
>>> with AtomicFile(path) as fh:
...     _ = fh.write(b"all or nothing")
>>> open(path, "rb").read()
b'all or nothing'
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from types import TracebackType
from typing import BinaryIO

from .errors import NewscleanError

__all__ = ["AtomicFile", "OutputError"]


class OutputError(NewscleanError):
    """An output file that cannot be written (missing directory, no permission, full disk)."""


class AtomicFile:
    """A binary file written under a temporary name and renamed over ``path`` on commit.

    Used as a context manager it commits when the block ends normally and discards the
    temporary file when it raises.  :meth:`commit` and :meth:`discard` may also be called
    directly; both are idempotent.
    """

    def __init__(self, path: str) -> None:
        self.path = path
        directory = os.path.dirname(os.path.abspath(path))
        try:
            fd, self.tmp_path = tempfile.mkstemp(
                prefix=f".{os.path.basename(path)}.", suffix=".tmp", dir=directory
            )
        except OSError as exc:
            raise OutputError(f"cannot write {path}: {exc.strerror or exc}") from exc
        self.file: BinaryIO = os.fdopen(fd, "wb")
        self._done = False

    def commit(self) -> None:
        """Flush to disk and rename the temporary file over the target."""
        if self._done:
            return
        self._done = True
        try:
            self.file.flush()
            os.fsync(self.file.fileno())
            self.file.close()
            os.chmod(self.tmp_path, 0o666 & ~_UMASK)
            os.replace(self.tmp_path, self.path)
        except OSError as exc:
            self._remove()
            raise OutputError(f"cannot write {self.path}: {exc.strerror or exc}") from exc

    def discard(self) -> None:
        """Drop the temporary file; the target is left as it was."""
        if self._done:
            return
        self._done = True
        self.file.close()
        self._remove()

    def _remove(self) -> None:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(self.tmp_path)

    def __enter__(self) -> BinaryIO:
        return self.file

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if exc_type is None:
            self.commit()
        else:
            self.discard()


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


_UMASK = _umask()  # read once: os.umask can only be read by setting it
