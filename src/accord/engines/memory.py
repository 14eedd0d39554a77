"""Peak memory of this process, for the benchmark: the resident set's high-water mark.

``resource`` exists on POSIX only; on Windows the peak is not known (None) and nothing else changes.
"""

from __future__ import annotations

import importlib
import sys
from types import ModuleType


def _resource() -> ModuleType | None:
    try:
        return importlib.import_module("resource")
    except ImportError:  # Windows
        return None


def peak_rss_mb(children: bool = False) -> float | None:
    """The largest resident set of this process (``children``: of its waited-for children), in MB;
    None where the platform does not tell."""
    resource = _resource()
    if resource is None:
        return None
    usage = resource.getrusage(resource.RUSAGE_CHILDREN if children else resource.RUSAGE_SELF)
    return float(usage.ru_maxrss) / (1024 * 1024 if sys.platform == "darwin" else 1024)  # bytes on macOS, KB elsewhere
