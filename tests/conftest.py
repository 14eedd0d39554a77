"""Shared fixtures: one real spaCy pipeline per test session, paths to the dev data."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from accord.extract import Extractor

ROOT = Path(__file__).resolve().parent.parent
SHARED_DATA = ROOT.parent / "shared" / "data"
SEEDS_DIR = SHARED_DATA / "seeds-dev"
GVA_FILE = SHARED_DATA / "gva-dev" / "incidents.jsonl"
POLNEAR_DIR = SHARED_DATA / "polnear-dev"


@pytest.fixture(scope="session")
def extractor() -> Extractor:
    """The real pipeline (spaCy model + accord components), loaded once.

    It also becomes the process-wide default, so ``accord.extract`` in tests reuses it.
    """
    import accord.extract as extract_module

    instance = Extractor()
    extract_module._default = instance
    return instance


def require(path: Path) -> Path:
    """Skip when the shared dev data is not beside the checkout (CI always has it)."""
    if not path.exists():
        pytest.skip(f"{path} not present")
    return path


def unstamped(data: Any) -> Any:
    """``data`` without the times a run stamps incidents and figures with (two runs differ only there)."""
    if isinstance(data, dict):
        return {k: unstamped(v) for k, v in data.items() if k not in ("first_seen", "changed_at")}
    if isinstance(data, list):
        return [unstamped(v) for v in data]
    return data
