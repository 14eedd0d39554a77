"""Peak memory of accord for N articles, to check it does not grow with N.

    python bench/memory.py 2000 20000                 # the whole `accord run`, per N
    python bench/memory.py 2000 20000 --keep DIR      # ... and keep each run's store in DIR/N.db
    python bench/memory.py --after-extract DB 2000 20000

The first form writes a JSONL corpus of N articles made by repeating the GVA dev documents
with a changed id and a numbered line (so each is a distinct article), runs `accord run` on it
in a fresh subprocess (1 worker: everything in that one process, no worker to add up), and
prints its peak resident memory.

The second form measures what comes after extraction (link, reconcile, store, report) for N
articles without extracting N articles: it fills a fresh store with N copies (new ids) of the
articles and extractions of DB (a store of real extractions, e.g. one kept by the first form),
then rebuilds the incidents and writes the report in a fresh subprocess and prints its peak
memory. Link and reconcile read the whole store, so this is where memory can grow with N.
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from accord.benchmark import load_corpus


def make_corpus(path: Path, size: int) -> None:
    base = load_corpus(None)
    with path.open("w", encoding="utf-8") as handle:
        for number in range(size):
            doc = base[number % len(base)]
            handle.write(json.dumps({**doc, "id": f"{doc['id']}-{number}",
                                     "text": f"{doc['text']}\n\nArchive copy {number}."}) + "\n")


def _child_peak_mb(command: list[str]) -> tuple[float, float]:
    """Peak RSS (MB) of a child process run to completion, and its wall time."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = status
    if status != 0:
        raise SystemExit(f"failed (wait status {status}): {' '.join(command)}")
    return usage.ru_maxrss / 1024, time.perf_counter() - start


def whole_run_peak(size: int, keep: Path | None) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        make_corpus(corpus, size)
        db = (keep / f"{size}.db") if keep else Path(tmp) / "m.db"
        peak, seconds = _child_peak_mb([sys.executable, "-m", "accord.cli", "run", str(corpus), "--db", str(db),
                                        "--out", str(Path(tmp) / "out"), "--workers", "1"])
    print(f"whole run, {size} articles: peak RSS {peak:.0f} MB ({seconds:.0f} s)", flush=True)


def fill_copies(source: Path, target: Path, size: int) -> None:
    """A store of ``size`` articles: copies of ``source``'s articles and extractions under new ids."""
    from accord.models import ArticleExtraction, to_dict
    from accord.pipeline import finish_extraction
    from accord.store import open_store

    with open_store(str(source)) as store:
        articles = {a.id: a for a in store.articles()}
        extractions = [e for e in store.extractions() if e.article in articles]
    with open_store(str(target)) as store:
        batch: tuple[list, list] = ([], [])
        for number in range(size):
            extraction = extractions[number % len(extractions)]
            article = articles[extraction.article]
            new_id = hashlib.sha1(f"{article.id}:{number}".encode()).hexdigest()[:16]
            copy = dataclasses.replace(article, id=new_id, copy_of=None)
            data = to_dict(extraction)
            data["article"] = new_id
            for mention in data.get("mentions", []):
                mention["article"] = new_id
            batch[0].append(copy)
            batch[1].append(finish_extraction(ArticleExtraction.from_dict(json.loads(json.dumps(data))), copy))
            if len(batch[0]) >= 500:
                store.save_batch(batch[0], batch[1], [])
                batch = ([], [])
        if batch[0]:
            store.save_batch(batch[0], batch[1], [])


_REBUILD = """
import sys
from accord.pipeline import Pipeline
from accord.report import write_report
with Pipeline(sys.argv[1]) as pipeline:
    incidents = pipeline.rebuild_incidents()
    write_report(incidents, sys.argv[2], skipped=pipeline.store.skipped())
"""


def after_extract_peak(source: Path, size: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "copies.db"
        fill_copies(source, db, size)
        peak, seconds = _child_peak_mb([sys.executable, "-c", _REBUILD, str(db), str(Path(tmp) / "out")])
    print(f"link + reconcile + store + report, {size} articles: peak RSS {peak:.0f} MB ({seconds:.0f} s)", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("sizes", nargs="*", type=int, default=[2000, 20000])
    parser.add_argument("--keep", type=Path, help="keep each whole run's store as DIR/N.db")
    parser.add_argument("--after-extract", type=Path, metavar="DB",
                        help="measure link/reconcile/store/report over copies of DB's extractions")
    args = parser.parse_args()
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
    for size in args.sizes:
        if args.after_extract:
            after_extract_peak(args.after_extract, size)
        else:
            whole_run_peak(size, args.keep)


if __name__ == "__main__":
    main()
