"""Dump accord's extraction of the development data, and compare two dumps.

    python bench/extraction_diff.py --dump before.jsonl             # gva-dev, gva-train, realnews-dev
    python bench/extraction_diff.py --compare before.jsonl after.jsonl
    python bench/extraction_diff.py --dump after.jsonl --parses /tmp/parses.spacy   # parse once, reuse

``--parses FILE`` keeps the spaCy model's parse of every article (a DocBin) and, when
the file is there and was made from the same texts and model, runs only accord's own
components on it: a refactoring of accord's rules is checked in minutes, not the half
hour a full parse of the 3,200 articles takes on a busy machine.

A dump is one canonical JSON line per article (sorted keys): everything
``accord.extract`` produces for it (claims, statistics, quotes, dates, places,
actors, mentions, event type). ``--compare`` exits 1 and prints the first
differences when two dumps differ, ignoring the fields named in IGNORED (which
record *why* or *by which version* a value was extracted, not what it is), so a
refactoring can show that it changed nothing.

Every part of the data is read, blind ones included: the script compares the
output of two versions of the code, and nobody reads the texts or the gold.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, DocBin

from accord.evaluate.gva import _articles as gva_articles
from accord.evaluate.gva import read_incidents
from accord.extract import Extractor, extraction_from_doc
from accord.extract.nlp import COMPONENTS
from accord.ingest.reader import iter_inputs
from accord.models import Article, to_dict

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
DEFAULT_DATA = DATA if DATA.is_dir() else Path("/work/shared/data")

#: Provenance of a value, not the value: which rule produced or changed it, which extractor version.
IGNORED = frozenset({"rule", "rules_changed", "extractor"})

#: How many differing articles --compare prints before it stops.
SHOWN = 5


def dataset_articles(data: Path) -> Iterator[tuple[str, Article]]:
    """(dataset name, article) for gva-dev, gva-train and every part of realnews-dev."""
    for part in ("gva-dev", "gva-train"):
        for incident in read_incidents(data / part / "incidents.jsonl"):
            for article in gva_articles(incident):
                yield part, article
    for folder in sorted((data / "realnews-dev").iterdir()):
        articles = folder / "articles.jsonl"
        if not articles.is_file():
            continue
        for item in iter_inputs([articles]):
            if isinstance(item, Article):
                yield f"realnews-dev/{folder.name}", item


def _fingerprint(nlp: Language, articles: list[Article]) -> str:
    """What a parse cache was made from: the model and every article's id, text and metadata."""
    digest = hashlib.sha256(f"{nlp.meta.get('name')} {nlp.meta.get('version')}".encode())
    for article in articles:
        digest.update(json.dumps([article.id, article.text, article.published, article.url, article.outlet]).encode())
    return digest.hexdigest()


def _parsed(extractor: Extractor, articles: list[Article], cache: Path) -> Iterator[Doc]:
    """The model's parse of ``articles`` (accord's components not run), read from ``cache`` or made and kept there."""
    nlp = extractor.nlp
    stamp = cache.with_name(cache.name + ".fingerprint")
    fingerprint = _fingerprint(nlp, articles)
    if cache.is_file() and stamp.is_file() and stamp.read_text() == fingerprint:
        yield from DocBin().from_disk(cache).get_docs(nlp.vocab)
        return
    kept = DocBin(store_user_data=True)
    with nlp.select_pipes(disable=list(COMPONENTS)):
        for doc in nlp.pipe((extractor.make_doc(article) for article in articles), batch_size=64):
            kept.add(doc)
            yield doc
    kept.to_disk(cache)
    stamp.write_text(fingerprint)


def _extractions(extractor: Extractor, articles: list[Article], cache: Path | None) -> Iterator[Any]:
    if cache is None:
        yield from extractor.extract_many(articles)
        return
    components = [(name, extractor.nlp.get_pipe(name)) for name in COMPONENTS]
    for doc in _parsed(extractor, articles, cache):
        for _, component in components:
            doc = component(doc)
        yield extraction_from_doc(doc)


def dump(data: Path, out: Path, *, limit: int | None = None, cache: Path | None = None, part: str = "") -> int:
    """Extract every article and write one canonical line each; the count written.

    Without ``cache``, one ``nlp.pipe`` pass as accord runs it; with it, the model's parse is
    kept there (or read from there) and accord's components run on it. ``part``: only the datasets
    whose name starts so ("realnews-dev", "gva-dev").
    """
    named = [(name, article) for name, article in dataset_articles(data) if name.startswith(part)][:limit]
    extractor = Extractor()
    count = 0
    with out.open("w", encoding="utf-8") as handle:
        extractions = _extractions(extractor, [article for _, article in named], cache)
        for (dataset, article), extraction in zip(named, extractions, strict=True):
            line = {"dataset": dataset, "article": article.id, "extraction": to_dict(extraction)}
            handle.write(json.dumps(line, sort_keys=True, ensure_ascii=False) + "\n")
            count += 1
    return count


def without_ignored(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: without_ignored(item) for key, item in value.items() if key not in IGNORED}
    if isinstance(value, list):
        return [without_ignored(item) for item in value]
    return value


def _lines(path: Path) -> dict[tuple[str, str, int], Any]:
    """Each line keyed by (dataset, article, occurrence): an article may be listed twice."""
    seen: dict[tuple[str, str], int] = {}
    lines = {}
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            key = (record["dataset"], record["article"])
            seen[key] = seen.get(key, 0) + 1
            lines[(*key, seen[key])] = without_ignored(record["extraction"])
    return lines


def _differences(a: Any, b: Any, path: str = "") -> Iterator[str]:
    """Where ``a`` and ``b`` differ, as ``path: a -> b`` lines."""
    if isinstance(a, dict) and isinstance(b, dict):
        for key in sorted(set(a) | set(b)):
            yield from _differences(a.get(key), b.get(key), f"{path}.{key}")
    elif isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
        for index, (x, y) in enumerate(zip(a, b, strict=True)):
            yield from _differences(x, y, f"{path}[{index}]")
    elif a != b:
        yield f"{path or '.'}: {json.dumps(a)[:300]} -> {json.dumps(b)[:300]}"


def compare(a: Path, b: Path, *, shown: int = SHOWN) -> list[str]:
    """The differing articles of two dumps, each with its first differences; empty when identical."""
    left, right = _lines(a), _lines(b)
    report: list[str] = []
    differing = 0
    for key in sorted(set(left) | set(right)):
        if left.get(key) == right.get(key):
            continue
        differing += 1
        if differing <= shown:
            details = list(_differences(left.get(key), right.get(key)))
            report.append(f"{key[0]} {key[1]} (#{key[2]}): {len(details)} difference(s)")
            report.extend(f"    {line}" for line in details[:8])
    if differing:
        report.append(f"{differing} of {len(set(left) | set(right))} articles differ")
    return report


def main(argv: Iterable[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    action = parser.add_mutually_exclusive_group(required=True)
    action.add_argument("--dump", type=Path, metavar="FILE", help="extract the data and write the dump here")
    action.add_argument("--compare", type=Path, nargs=2, metavar=("A", "B"), help="compare two dumps")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the shared data folder")
    parser.add_argument("--limit", type=int, default=None, help="only the first N articles (a quick check)")
    parser.add_argument("--part", default="", help="only the datasets whose name starts so (realnews-dev, gva-dev)")
    parser.add_argument("--parses", type=Path, default=None, metavar="FILE",
                        help="keep the model's parses here and reuse them (with --dump)")
    args = parser.parse_args(list(argv) if argv is not None else None)
    if args.dump:
        started = time.perf_counter()
        count = dump(args.data, args.dump, limit=args.limit, cache=args.parses, part=args.part)
        print(f"{count} articles extracted to {args.dump} in {time.perf_counter() - started:.0f} s")
        return 0
    report = compare(*args.compare)
    if report:
        print("\n".join(report))
        return 1
    print(f"identical: {args.compare[0]} and {args.compare[1]} (ignoring {', '.join(sorted(IGNORED))})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
