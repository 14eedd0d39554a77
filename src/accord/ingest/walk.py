"""Files and folders to the list of files to read.

Folders are walked recursively in sorted order; hidden files and folders (a
name starting with ".") are ignored; symlinks are followed, but a link back to
a folder being walked (a loop) is reported and not followed, and a file or
folder reached twice is read once.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path

from accord.models import Skipped

FileKey = tuple[int, int]  # (st_dev, st_ino): the same file whatever path leads to it


class _Walk:
    def __init__(self) -> None:
        self.files: dict[FileKey, str] = {}
        self.dirs: dict[FileKey, str] = {}

    def given(self, path: Path) -> Iterator[Path | Skipped]:
        info = _stat(path)
        if isinstance(info, Skipped):
            yield info
        elif stat.S_ISDIR(info.st_mode):
            yield from self.folder(path, info, ancestors=frozenset())
        else:
            yield from self.file(path, info)

    def file(self, path: Path, info: os.stat_result) -> Iterator[Path | Skipped]:
        if not stat.S_ISREG(info.st_mode):
            yield Skipped(str(path), "not a regular file (a device, pipe or socket)")
            return
        key = (info.st_dev, info.st_ino)
        first = self.files.setdefault(key, str(path))
        if first != str(path):
            yield Skipped(str(path), f"same file as {first}, already read")
            return
        yield path

    def folder(self, path: Path, info: os.stat_result, ancestors: frozenset[FileKey]) -> Iterator[Path | Skipped]:
        key = (info.st_dev, info.st_ino)
        if key in ancestors:
            yield Skipped(str(path), f"symlink loop: leads back to {self.dirs[key]}, not followed")
            return
        first = self.dirs.setdefault(key, str(path))
        if first != str(path):
            yield Skipped(str(path), f"same folder as {first}, already read")
            return
        try:
            with os.scandir(path) as entries:
                names = sorted(entry.name for entry in entries)
        except OSError as e:
            yield Skipped(str(path), f"folder cannot be listed: {os_reason(e)}")
            return
        inside = ancestors | {key}
        for name in names:
            if name.startswith("."):
                continue
            child = path / name
            child_info = _stat(child)
            if isinstance(child_info, Skipped):
                yield child_info
            elif stat.S_ISDIR(child_info.st_mode):
                yield from self.folder(child, child_info, inside)
            else:
                yield from self.file(child, child_info)


def iter_files(paths: Iterable[str | os.PathLike[str]]) -> Iterator[Path | Skipped]:
    """Every file to read under ``paths`` (files and folders, in the order given), or why not."""
    walk = _Walk()
    for given in paths:
        yield from walk.given(Path(given))


def _stat(path: Path) -> os.stat_result | Skipped:
    try:
        return path.stat()  # follows symlinks
    except OSError as e:
        return Skipped(str(path), os_reason(e, path))


def os_reason(error: OSError, path: Path | None = None) -> str:
    """A one-line reason for an ``OSError`` met while listing or reading a file."""
    if error.errno == errno.ELOOP:
        return "symlink loop, not followed"
    if isinstance(error, FileNotFoundError):
        if path is not None and path.is_symlink():
            return "dangling symlink: its target does not exist"
        return "file not found (it may have been moved or deleted)"
    if isinstance(error, PermissionError):
        return "permission denied"
    if isinstance(error, IsADirectoryError):
        return "is a folder, not a file"
    return f"cannot be read ({error.strerror or type(error).__name__})"
