"""``accord bench``: accord's throughput against spaCy's own ``nlp.pipe`` on the same texts.

Measured in one process, on the same texts, with the same model:
  (a) spaCy's ``nlp.pipe`` with the model alone,
  (b) accord's extract stage (the model plus accord's components),
  (c) the whole ``accord run`` (ingest, extract, link, reconcile, store, report) with extraction
      in this process,
then, for 1 and 2 local worker processes (started, model loaded, before the clock), the extract
stage alone and the whole run (scaling), each run in a fresh store. Peak memory is the resident
set high-water mark of this process and of the largest worker process. The load average before
and after is recorded: on a shared machine the numbers mean little when it exceeds the cores.
"""

from __future__ import annotations

import json
import os
import platform
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from functools import partial
from pathlib import Path
from typing import Any

from accord.engines.memory import peak_rss_mb
from accord.pipeline import demo_corpus_path

DEFAULT_GVA = Path(__file__).resolve().parents[4] / "shared" / "data" / "gva-dev" / "incidents.jsonl"


@dataclass
class Measurement:
    name: str
    seconds: float
    articles: int
    words: int
    # CPU seconds of this process: on a loaded machine a fairer basis for (a), (b), (c) than
    # wall time; meaningless for the worker runs, whose work is in other processes.
    cpu_seconds: float = 0.0

    @property
    def articles_per_second(self) -> float:
        return self.articles / self.seconds if self.seconds else 0.0

    @property
    def words_per_second(self) -> float:
        return self.words / self.seconds if self.seconds else 0.0


def load_corpus(corpus: Path | None, limit: int | None = None) -> list[dict[str, Any]]:
    """Articles as JSON objects: from a GVA-format file, a JSONL of articles, or the demo corpus."""
    path = corpus or (DEFAULT_GVA if DEFAULT_GVA.exists() else None)
    records: list[dict[str, Any]] = []
    if path is None:
        for file in sorted(demo_corpus_path().glob("*.jsonl")):
            records += [json.loads(line) for line in file.read_text(encoding="utf-8").splitlines() if line.strip()]
    else:
        with path.open(encoding="utf-8") as handle:
            for line in handle:
                if not line.strip():
                    continue
                item = json.loads(line)
                for doc in item.get("documents", [item]):
                    if (doc.get("text") or "").strip():
                        records.append({"id": doc.get("id"), "title": doc.get("title"), "text": doc["text"],
                                        "published": doc.get("published"), "url": doc.get("url")})
    return records[:limit] if limit else records


def _timed(name: str, articles: int, words: int, action: Callable[[], object]) -> Measurement:
    start, cpu_start = time.perf_counter(), time.process_time()
    action()
    return Measurement(name, time.perf_counter() - start, articles, words, time.process_time() - cpu_start)


def run_benchmark(corpus: Path | None = None, *, limit: int | None = None, workers: tuple[int, ...] = (1, 2),
                  progress: Callable[[str], None] | None = None, profile: Path | None = None,
                  repeat: int = 1) -> dict[str, Any]:
    """Measure (a), (b), (c) and the worker scaling; return a JSON-ready dict.

    ``profile``: also run (c) once more under pyinstrument (after the timed runs, so the timings do not
    carry its cost), write its HTML profile there, and add the seconds per part of the pipeline; and run
    (b) once more a component at a time, for the CPU seconds of each pipeline component.

    ``repeat``: measure every stage that many times, the rounds interleaved (a, b, c, a, b, c, ...; then
    1 worker, 2 workers, 1 worker, ...), and keep each stage's median: on a shared machine two runs of
    one stage a few minutes apart differ by up to 25%, and interleaving spreads a slow spell over all.
    """
    from accord.engines import InProcessEngine
    from accord.engines.local import LocalEngine
    from accord.extract import BATCH_SIZE, Extractor
    from accord.extract.nlp import load_spacy_model
    from accord.ingest import article_id_for
    from accord.models import Article
    from accord.pipeline import Pipeline

    say = progress or (lambda message: None)
    load_before = os.getloadavg()[0] if hasattr(os, "getloadavg") else None
    records = load_corpus(corpus, limit)
    texts = [r["text"] for r in records]
    words = sum(len(t.split()) for t in texts)
    articles = [Article(id=article_id_for(t), text=t, published=r.get("published")) for t, r in zip(texts, records, strict=True)]
    batches = [articles[i:i + BATCH_SIZE] for i in range(0, len(articles), BATCH_SIZE)]
    results: list[Measurement] = []
    with tempfile.TemporaryDirectory() as tmp:
        corpus_file = Path(tmp) / "corpus.jsonl"
        corpus_file.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")

        say("loading the spaCy model")
        nlp = load_spacy_model()
        say("loading accord's pipeline (the model, accord's components and their data)")
        extractor = Extractor()
        # Lexicons and the gazetteer load on first use: warm up on one article, as the model
        # of (a) is loaded before its clock starts.
        warm_up = _timed("accord_load_and_warm_up", 1, 0, lambda: list(extractor.extract_many(articles[:1])))

        def extract_all(engine: LocalEngine) -> None:
            list(engine.extract_batches(iter(batches)))

        def whole_run(engine: Any, name: str) -> None:
            with Pipeline(Path(tmp) / f"{name}.db", engine=engine) as pipeline:
                pipeline.run([corpus_file], out=Path(tmp) / f"{name}-report")

        for round_ in range(1, repeat + 1):
            of = f" (round {round_} of {repeat})" if repeat > 1 else ""
            say(f"(a) spaCy nlp.pipe over {len(texts)} texts{of}")
            results.append(_timed("spacy_pipe", len(texts), words,
                                  lambda: [None for _ in nlp.pipe(texts, batch_size=BATCH_SIZE)]))
            say(f"(b) accord extract stage, in this process{of}")
            results.append(_timed("accord_extract", len(texts), words, lambda: list(extractor.extract_many(articles))))
            say(f"(c) whole accord run, extraction in this process{of}")
            results.append(_timed("accord_run_in_process", len(texts), words,
                                  partial(whole_run, InProcessEngine(extractor=extractor), f"inprocess{round_}")))
        rss_main = peak_rss_mb()
        profiled = None
        if profile is not None:
            from accord.benchmark.component_timing import cpu_seconds_by_component
            from accord.benchmark.profile import profile_by_part

            say("(c) again, under pyinstrument (not timed)")
            profiled = profile_by_part(lambda: whole_run(InProcessEngine(extractor=extractor), "profiled"), profile)
            say("(b) again, one component at a time (CPU seconds per component)")
            components = cpu_seconds_by_component(extractor, articles)
        rss_workers: float | None = 0.0
        engines = {count: LocalEngine(count) for count in workers}
        try:
            for count, engine in engines.items():
                say(f"starting {count} worker process(es)")
                engine.start()  # workers load the model before the clock starts
            for round_ in range(1, repeat + 1):
                of = f" (round {round_} of {repeat})" if repeat > 1 else ""
                for count, engine in engines.items():
                    say(f"extract stage, {count} worker process(es){of}")
                    results.append(_timed(f"extract_{count}_workers", len(texts), words, partial(extract_all, engine)))
                    say(f"whole accord run, {count} worker process(es){of}")
                    results.append(_timed(f"accord_run_{count}_workers", len(texts), words,
                                          partial(whole_run, _KeepOpen(engine), f"w{count}-{round_}")))
            peaks = [peak for engine in engines.values() if (peak := engine.worker_peak_rss_mb()) is not None]
            rss_workers = max(peaks) if peaks else None
        finally:
            for engine in engines.values():
                engine.close()
    results = _medians(results)
    scaling: dict[str, dict[str, float]] = {"extract": {}, "run": {}}
    for m in results:
        for stage, prefix in (("extract", "extract_"), ("run", "accord_run_")):
            if m.name.startswith(prefix) and m.name.endswith("_workers"):
                scaling[stage][m.name[len(prefix):-len("_workers")]] = m.articles_per_second
    by_name = {m.name: m for m in results}
    spacy_rate = by_name["spacy_pipe"].articles_per_second
    report: dict[str, Any] = {
        "machine": {"python": platform.python_version(), "platform": platform.platform(),
                    "processor": _processor(), "cores": _cores(),
                    "load_average_before": load_before,
                    "load_average_after": os.getloadavg()[0] if hasattr(os, "getloadavg") else None},
        "corpus": str(corpus or (DEFAULT_GVA if DEFAULT_GVA.exists() else "demo corpus")),
        "articles": len(texts), "words": words, "repeat": repeat,
        "measurements": [{**asdict(m), "articles_per_second": round(m.articles_per_second, 2),
                          "words_per_second": round(m.words_per_second, 1)} for m in results],
        "ratio_extract_to_spacy": round(by_name["accord_extract"].articles_per_second / spacy_rate, 3),
        "ratio_run_to_spacy": round(by_name["accord_run_in_process"].articles_per_second / spacy_rate, 3),
        "peak_rss_mb": None if rss_main is None else round(rss_main, 1),  # None: not known on this platform
        "peak_rss_workers_mb": None if rss_workers is None else round(rss_workers, 1),
        "accord_load_and_warm_up_seconds": round(warm_up.seconds, 2),
    }
    if profiled is not None:
        report["profile"] = {"file": profiled.file, "seconds": profiled.seconds}
        report["component_cpu_seconds"] = components
    cpu = {m.name: m.cpu_seconds for m in results}
    if cpu.get("accord_extract") and cpu.get("accord_run_in_process"):
        report["cpu_ratio_extract_to_spacy"] = round(cpu["spacy_pipe"] / cpu["accord_extract"], 3)
        report["cpu_ratio_run_to_spacy"] = round(cpu["spacy_pipe"] / cpu["accord_run_in_process"], 3)
    if "accord_run_1_workers" in by_name:
        report["ratio_run_1_worker_to_spacy"] = round(by_name["accord_run_1_workers"].articles_per_second / spacy_rate, 3)
    for stage, rates in scaling.items():
        if rates.get("1") and "2" in rates:
            report[f"scaling_{stage}_2_vs_1_workers"] = round(rates["2"] / rates["1"], 3)
    return report


def _medians(results: list[Measurement]) -> list[Measurement]:
    """One measurement per stage, in first-seen order: the round with the median wall time."""
    rounds: dict[str, list[Measurement]] = {}
    for m in results:
        rounds.setdefault(m.name, []).append(m)
    return [sorted(ms, key=lambda m: m.seconds)[(len(ms) - 1) // 2] for ms in rounds.values()]


class _KeepOpen:
    """An engine whose ``close`` is left to the benchmark (a pipeline closes its engine on exit)."""

    def __init__(self, engine: Any) -> None:
        self.engine = engine

    def extract_batches(self, batches: Any) -> Any:
        return self.engine.extract_batches(batches)

    def close(self) -> None:
        pass


def _processor() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _cores() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def render_benchmark(report: dict[str, Any]) -> str:
    machine = report["machine"]
    lines = [f"corpus: {report['corpus']} ({report['articles']} articles, {report['words']} words)",
             f"machine: {machine['processor']}, {machine['cores']} cores, Python {machine['python']}, "
             f"load average {machine.get('load_average_before')} before, {machine.get('load_average_after')} after", "",
             f"{'stage':32} {'seconds':>9} {'cpu s':>8} {'articles/s':>11} {'words/s':>10}"]
    for m in report["measurements"]:
        lines.append(f"{m['name']:32} {m['seconds']:9.2f} {m['cpu_seconds']:8.2f} {m['articles_per_second']:11.2f} "
                     f"{m['words_per_second']:10.0f}")
    lines += ["", f"(b)/(a) extract vs spaCy nlp.pipe:                 {report['ratio_extract_to_spacy']:.2f}",
              f"(c)/(a) whole run (in process) vs spaCy nlp.pipe:  {report['ratio_run_to_spacy']:.2f}"]
    if "cpu_ratio_extract_to_spacy" in report:
        lines.append(f"same, in CPU time of this process:                 {report['cpu_ratio_extract_to_spacy']:.2f}, "
                     f"{report['cpu_ratio_run_to_spacy']:.2f}")
    if "ratio_run_1_worker_to_spacy" in report:
        lines.append(f"(c)/(a) whole run (1 worker process) vs nlp.pipe:  {report['ratio_run_1_worker_to_spacy']:.2f}")
    for stage in ("extract", "run"):
        if f"scaling_{stage}_2_vs_1_workers" in report:
            lines.append(f"2 workers vs 1 worker ({stage}):{' ' * (27 - len(stage))}{report[f'scaling_{stage}_2_vs_1_workers']:.2f}x")
    main_mb, workers_mb = report["peak_rss_mb"], report["peak_rss_workers_mb"]
    if main_mb is None or workers_mb is None:
        lines.append("peak RSS: not known on this platform")
    else:
        lines.append(f"peak RSS: {main_mb:.0f} MB (main), {workers_mb:.0f} MB (largest worker)")
    if "accord_load_and_warm_up_seconds" in report:
        lines.append(f"accord's pipeline load and warm-up (not in the rates): {report['accord_load_and_warm_up_seconds']:.1f} s")
    if "component_cpu_seconds" in report:
        seconds = report["component_cpu_seconds"]
        total = sum(seconds.values()) or 1.0
        lines += ["", "where the extract stage's time goes (CPU seconds per component, one component at a time):"]
        lines += [f"  {part:28} {s:8.2f} s {s / total:6.1%}" for part, s in sorted(seconds.items(), key=lambda kv: -kv[1])]
    if "profile" in report:
        seconds = report["profile"]["seconds"]
        total = sum(seconds.values()) or 1.0
        lines += ["", f"the whole run under pyinstrument ({report['profile']['file']}; its hooks slow spaCy's Cython code, "
                  "so compare accord's parts with each other, not with the model):"]
        lines += [f"  {part:28} {s:8.2f} s {s / total:6.1%}" for part, s in sorted(seconds.items(), key=lambda kv: -kv[1])]
    return "\n".join(lines)
