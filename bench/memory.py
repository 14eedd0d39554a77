"""Peak memory of accord for N articles, to check it does not grow with N.

    python bench/memory.py 2000 20000                 # the whole `accord run`, per N
    python bench/memory.py 2000 20000 --keep DIR      # ... and keep each run's store in DIR/N.db
    python bench/memory.py --after-extract DB 2000 20000
    python bench/memory.py --after-extract DB --with-model 2000 20000

The first form writes a JSONL corpus of N articles made by repeating the GVA dev documents
with a changed id and a numbered line (so each is a distinct article), runs `accord run` on it
in a fresh subprocess (1 worker: everything in that one process, no worker to add up), and
prints its peak resident memory.

Each round of repetition is moved ROUND_SHIFT_DAYS later (publication date, the dates written in
the text, and in the second form the extracted dates) and onto its own copy of each site (the URL's
host gets a round prefix): a larger collection is more days of news from more outlets, as a year
of news is, not the same day's stories seventeen times over. ``--same-days`` keeps every copy on
its original day and site, the worst case for linking (every story told by 17 or 100 reports).

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
from datetime import date, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from accord.benchmark import load_corpus
from accord.evaluate.link import shift_text_dates

#: Days between rounds of repetition: 53 weeks keep weekdays weekdays and take each copy past the
#: reach of a follow-up (a year), so it is a new incident, as in ``accord eval link --doubled``.
ROUND_SHIFT_DAYS = 371

#: Fields of the records whose values are dates ("2016-07-28", "2016-07", "2016").
_DATE_KEYS = ("published", "date", "as_of")


def shift_day(value: str | None, days: int) -> str | None:
    """An ISO date, month or year moved by ``days`` (a month or a year by whole years)."""
    if not value or not days:
        return value
    head, tail = value[:10], value[10:]
    parts = head.split("-")
    try:
        if len(parts) == 3:
            return (date.fromisoformat(head) + timedelta(days=days)).isoformat() + tail
        years = round(days / 365.25)
        return "-".join([str(int(parts[0]) + years), *parts[1:]]) + tail
    except ValueError:
        return value


def shift_record(data: Any, days: int) -> Any:
    """A JSON record (an extraction) with every date field moved by ``days``."""
    if isinstance(data, dict):
        return {k: shift_day(v, days) if k in _DATE_KEYS and isinstance(v, str) else shift_record(v, days)
                for k, v in data.items()}
    if isinstance(data, list):
        return [shift_record(v, days) for v in data]
    return data


def round_url(url: str | None, number: int) -> str | None:
    """``url`` on round ``number``'s own copy of its site (round 0: unchanged)."""
    if not url or not number:
        return url
    parts = urlsplit(url if "://" in url else "http://" + url)
    return urlunsplit(parts._replace(netloc=f"r{number}.{parts.netloc}"))


def make_corpus(path: Path, size: int, same_days: bool = False) -> None:
    base = load_corpus(None)
    with path.open("w", encoding="utf-8") as handle:
        for number in range(size):
            doc = base[number % len(base)]
            rounds = 0 if same_days else number // len(base)
            days = rounds * ROUND_SHIFT_DAYS
            text = shift_text_dates(doc["text"], days) if days else doc["text"]
            handle.write(json.dumps({**doc, "id": f"{doc['id']}-{number}", "url": round_url(doc.get("url"), rounds),
                                     "published": shift_day(doc.get("published"), days),
                                     "text": f"{text}\n\nArchive copy {number}."}) + "\n")


def _child_peak_mb(command: list[str]) -> tuple[float, float]:
    """Peak RSS (MB) of a child process run to completion, and its wall time."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = status
    if status != 0:
        raise SystemExit(f"failed (wait status {status}): {' '.join(command)}")
    return usage.ru_maxrss / 1024, time.perf_counter() - start


def whole_run_peak(size: int, keep: Path | None, same_days: bool) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        make_corpus(corpus, size, same_days)
        db = (keep / f"{size}.db") if keep else Path(tmp) / "m.db"
        peak, seconds = _child_peak_mb([sys.executable, "-m", "accord.cli", "run", str(corpus), "--db", str(db),
                                        "--out", str(Path(tmp) / "out"), "--workers", "1"])
    print(f"whole run, {size} articles: peak RSS {peak:.0f} MB ({seconds:.0f} s)", flush=True)


def fill_copies(source: Path, target: Path, size: int, same_days: bool = False) -> None:
    """A store of ``size`` articles: copies of ``source``'s articles and extractions under new ids, each
    round of copies ROUND_SHIFT_DAYS after the last, on its own copy of each site."""
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
            rounds = 0 if same_days else number // len(extractions)
            days = rounds * ROUND_SHIFT_DAYS
            copy = dataclasses.replace(
                article, id=new_id, copy_of=None, url=round_url(article.url, rounds),
                outlet=f"{article.outlet} ({rounds})" if article.outlet and rounds else article.outlet,
                published=shift_day(article.published, days),
                text=shift_text_dates(article.text, days) if days else article.text)
            data = shift_record(to_dict(extraction), days)
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


# What `accord run` does after extraction: rebuild without holding the incidents, then the report. With
# a third argument N, first what a run has in memory when its extraction ends: the model and accord's
# components loaded, N articles of the store extracted again in batches (as one worker does in process).
_REBUILD = """
import itertools, sys
from accord.pipeline import Pipeline
with Pipeline(sys.argv[1]) as pipeline:
    if len(sys.argv) > 3:
        from accord.extract import Extractor
        articles = [a for a, _ in itertools.islice(pipeline.store.iter_extracted(), int(sys.argv[3]))]
        for _ in Extractor().extract_many(articles):
            pass
        del articles
    pipeline.rebuild_incidents(keep=False)
    pipeline.write_report(sys.argv[2])
"""

#: Articles extracted by ``--with-model`` before the rebuild: a few batches, as a run's last window.
WITH_MODEL_ARTICLES = 128


def after_extract_peak(source: Path, size: int, same_days: bool, with_model: bool) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "copies.db"
        fill_copies(source, db, size, same_days)
        command = [sys.executable, "-c", _REBUILD, str(db), str(Path(tmp) / "out")]
        if with_model:
            command.append(str(WITH_MODEL_ARTICLES))
        peak, seconds = _child_peak_mb(command)
    what = "model + last extraction + " if with_model else ""
    print(f"{what}link + reconcile + store + report, {size} articles: peak RSS {peak:.0f} MB ({seconds:.0f} s)",
          flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("sizes", nargs="*", type=int, default=[2000, 20000])
    parser.add_argument("--keep", type=Path, help="keep each whole run's store as DIR/N.db")
    parser.add_argument("--after-extract", type=Path, metavar="DB",
                        help="measure link/reconcile/store/report over copies of DB's extractions")
    parser.add_argument("--with-model", action="store_true",
                        help="with --after-extract: load the model and extract a window of articles first, as a "
                             "run has them in memory when its rebuild starts")
    parser.add_argument("--same-days", action="store_true",
                        help="keep every copy on its original day and site (the worst case for linking)")
    args = parser.parse_args()
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
    for size in args.sizes:
        if args.after_extract:
            after_extract_peak(args.after_extract, size, args.same_days, args.with_model)
        else:
            whole_run_peak(size, args.keep, args.same_days)


if __name__ == "__main__":
    main()
