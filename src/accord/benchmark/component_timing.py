"""CPU seconds per pipeline component: where the extract stage's time goes.

The documents go through the pipeline one component at a time (each component over every document,
in batches, as ``nlp.pipe`` would run it), each timed with ``time.process_time``. Unlike a sampling
profiler, this adds no overhead to spaCy's Cython code, so the model's share is measured as it is.
"""

from __future__ import annotations

import time
from collections.abc import Sequence

from accord.extract import BATCH_SIZE, Extractor
from accord.models import Article


def cpu_seconds_by_component(extractor: Extractor, articles: Sequence[Article],
                             batch_size: int = BATCH_SIZE) -> dict[str, float]:
    """CPU seconds of ``make_doc`` (tokenising) and of each component over ``articles``, in pipeline order."""
    seconds: dict[str, float] = {}
    started = time.process_time()
    docs = [extractor.make_doc(article) for article in articles]
    seconds["tokenizer"] = time.process_time() - started
    for name, component in extractor.nlp.pipeline:
        started = time.process_time()
        pipe = getattr(component, "pipe", None)
        docs = list(pipe(docs, batch_size=batch_size)) if callable(pipe) else [component(doc) for doc in docs]
        seconds[name] = time.process_time() - started
    return {name: round(value, 3) for name, value in seconds.items()}


__all__ = ["cpu_seconds_by_component"]
