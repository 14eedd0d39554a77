"""A file written from new bytes and byte ranges of other files, through ``NAME.partial``.

The incremental report (:mod:`accord.report.incremental`, :mod:`accord.report.pages`) writes a file
again by putting new pieces between ranges of the files it wrote last time; a range is copied by
``os.copy_file_range`` (the kernel copies, or shares, the bytes: nothing is read into Python), and
consecutive ranges of one file are copied as one. :meth:`SplicedFile.commit` renames the partial file
over the old one: a reader sees the old file or the new one, never half of one.
"""

from __future__ import annotations

import io
import os
from pathlib import Path
from typing import BinaryIO


def copy_range(source: BinaryIO, target: BinaryIO, offset: int, length: int) -> None:
    """Append ``length`` bytes of ``source`` from ``offset`` to ``target`` (flushed, positioned at its end)."""
    copied = 0
    try:
        while copied < length:
            done = os.copy_file_range(source.fileno(), target.fileno(), length - copied, offset + copied, None)
            if done == 0:
                break
            copied += done
    except (AttributeError, OSError):  # no copy_file_range here (macOS, Windows, some file systems)
        pass
    if copied < length:
        source.seek(offset + copied)
        target.seek(0, io.SEEK_END)
        target.write(source.read(length - copied))


class SplicedFile:
    """``path`` written anew: :meth:`write` new bytes, :meth:`copy` ranges of open files; each returns
    where its piece landed (offset, length)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.partial = path.with_name(path.name + ".partial")
        self.out = self.partial.open("wb")
        self.pending: tuple[BinaryIO, int, int] | None = None  # a run of bytes of one file not copied yet
        self.separator = b""  # written before the next piece, or copied with it when its file has it there
        self.size = 0

    def write(self, data: bytes) -> tuple[int, int]:
        self._flush()
        self.out.write(self.separator + data)
        self.size += len(self.separator) + len(data)
        self.separator = b""
        return self.size - len(data), len(data)

    def separate(self, separator: bytes) -> None:
        """Put ``separator`` before the next piece (a file written alike has it between two pieces, so a
        copied piece that follows its neighbour there takes it along)."""
        self.separator = separator

    def copy(self, source: BinaryIO, offset: int, length: int) -> tuple[int, int]:
        gap = len(self.separator)
        pending = self.pending
        if pending and pending[0] is source and pending[1] + pending[2] + gap == offset:
            self.pending = (source, pending[1], pending[2] + gap + length)
        else:
            self._flush()
            if gap:
                self.out.write(self.separator)
            self.pending = (source, offset, length)
        self.separator = b""
        self.size += gap + length
        return self.size - length, length

    def _flush(self) -> None:
        if self.pending is None:
            return
        source, offset, length = self.pending
        self.pending = None
        self.out.flush()
        copy_range(source, self.out, offset, length)

    def close(self) -> None:
        self._flush()
        self.out.close()

    def commit(self) -> os.stat_result:
        """Close and rename over ``path``; returns the new file's stat."""
        self.close()
        os.replace(self.partial, self.path)
        return self.path.stat()

    def abandon(self) -> None:
        self.out.close()
        self.partial.unlink(missing_ok=True)
