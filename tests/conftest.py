"""Shared fixtures: one real spaCy pipeline per test session, paths to the dev data."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from accord.extract import Extractor
from accord.models import Article, ArticleExtraction

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


#: Reports of the GVA dev pool (the first incidents of the file, all their reports): what the live tests
#: feed in batches and the parallel rebuild tests link in blocks.
POOL_REPORTS = 60


def gva_pool_file(folder: Path) -> Path:
    """The GVA dev pool's reports as JSON lines in ``folder``."""
    path = folder / "pool.jsonl"
    lines = []
    for line in require(GVA_FILE).read_text(encoding="utf-8").splitlines():
        for doc in json.loads(line)["documents"]:
            if len(doc.get("text") or "") > 200 and len(lines) < POOL_REPORTS:
                lines.append(json.dumps({k: doc.get(k) for k in ("id", "title", "published", "url", "text")}))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def gva_pool(tmp_path_factory: pytest.TempPathFactory, extractor: Extractor) -> list[tuple[Article, ArticleExtraction]]:
    """The GVA dev pool's reports and their extractions (extracted once per session)."""
    from accord.pipeline import Pipeline

    folder = tmp_path_factory.mktemp("pool")
    with Pipeline(folder / "pool.db", extractor=extractor) as pipeline:
        pipeline.ingest([gva_pool_file(folder)])
        return list(pipeline.store.iter_extracted())
