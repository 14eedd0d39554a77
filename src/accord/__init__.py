"""accord: reads many news reports about the same incidents and lays out where they agree and disagree.

The public API is small:

    accord.run(paths, out=..., db=...) -> Result      the whole pipeline
    accord.extract(text, published=None) -> ArticleExtraction   one article
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

logging.getLogger(__name__).addHandler(logging.NullHandler())

# `accord.extract` is the extract subpackage, and calling it extracts one text (its module is callable:
# see accord/extract/__init__.py), so `accord.extract(...)` and `accord.extract.figures` both work.
# spaCy loads on the first call, not here.
import accord.extract  # noqa: E402, F401

if TYPE_CHECKING:
    # what type checkers see of the call `accord.extract(text)`
    from accord.extract import extract
    from accord.models import ArticleExtraction, Claim, Figure, Incident, Quote
    from accord.pipeline import Pipeline, Result, run

__all__ = [
    "run", "extract", "Pipeline", "Result", "ArticleExtraction", "Claim", "Quote", "Figure", "Incident",
    "__version__",
]

# Imported on first use, so `import accord` stays cheap (spaCy loads only when needed).
_LAZY = {
    "run": "accord.pipeline", "Pipeline": "accord.pipeline", "Result": "accord.pipeline",
    "ArticleExtraction": "accord.models", "Claim": "accord.models", "Quote": "accord.models",
    "Figure": "accord.models", "Incident": "accord.models",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'accord' has no attribute {name!r}")
