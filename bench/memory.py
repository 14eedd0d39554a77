"""Peak memory of a whole `accord run` for N articles, to check it does not grow with N.

    python bench/memory.py 2000 20000

For each N, writes a JSONL corpus of N articles made by repeating the GVA dev documents with
a changed id and a numbered line (so each is a distinct article), runs `accord run` on it in a
fresh subprocess (1 worker, no report), and prints the child's peak resident memory.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import tempfile
from pathlib import Path

from accord.benchmark import load_corpus


def make_corpus(path: Path, size: int) -> None:
    base = load_corpus(None)
    with path.open("w", encoding="utf-8") as handle:
        for number in range(size):
            doc = base[number % len(base)]
            handle.write(json.dumps({**doc, "id": f"{doc['id']}-{number}",
                                     "text": f"{doc['text']}\n\nArchive copy {number}."}) + "\n")


def peak_memory_mb(corpus: Path, workdir: Path) -> float:
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    subprocess.run([sys.executable, "-m", "accord.cli", "run", str(corpus), "--db", str(workdir / "m.db"),
                    "--out", str(workdir / "out"), "--workers", "1"], check=True, stdout=subprocess.DEVNULL)
    after = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(before, after) / 1024


def main() -> None:
    sizes = [int(a) for a in sys.argv[1:]] or [2000, 20000]
    for size in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            corpus = Path(tmp) / "corpus.jsonl"
            make_corpus(corpus, size)
            print(f"{size} articles: peak RSS {peak_memory_mb(corpus, Path(tmp)):.0f} MB", flush=True)


if __name__ == "__main__":
    main()
