"""benchmark: how fast accord runs and where its time goes (``accord bench``).

- :mod:`.throughput`: accord's throughput against spaCy's own ``nlp.pipe`` on the same texts, and
  1 vs 2 worker processes;
- :mod:`.component_timing`: CPU seconds per pipeline component;
- :mod:`.profile`: a pyinstrument profile of a whole run, summed by part of the pipeline.

Memory over a long run is measured by ``bench/memory.py``. Nothing here runs in tests as a timing.
"""

from accord.benchmark.throughput import Measurement, load_corpus, render_benchmark, run_benchmark

__all__ = ["Measurement", "load_corpus", "render_benchmark", "run_benchmark"]
