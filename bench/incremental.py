"""Adding reports to a large store: what a run costs as the store grows (docs/benchmarks.md, "Live").

    python bench/incremental.py build SRC.db DIR 2000 20000     # DIR/N.db: N stored reports, linked in full
    python bench/incremental.py add DIR NEW.jsonl 0 2000 20000 --add 10 100 --repeat 3
    python bench/incremental.py rebuild DIR/20000.db             # accord rebuild, timed

``build`` replays SRC's stored extractions (bench/memory.py's fill_copies: each round of copies a whole
number of years later, on its own copy of each site), then links the store in full and writes its report.
``add`` runs ``accord run`` on the first 10 (100) reports of NEW.jsonl (reports that are not in the store)
into a copy of each store, in a fresh process, one worker, and prints wall time and peak RSS; size 0 is an
empty store. Rounds are interleaved (every size once, then again) so that load on a shared machine falls
on all sizes alike; the ratio to the empty store is what to read.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from memory import fill_copies  # noqa: E402


def _timed(command: list[str]) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of a child process run to completion."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    if status != 0:
        raise SystemExit(f"failed (wait status {status}): {' '.join(command)}")
    return time.perf_counter() - start, usage.ru_maxrss / 1024


def build(source: Path, folder: Path, sizes: list[int]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for size in sizes:
        db = folder / f"{size}.db"
        for old in folder.glob(f"{size}.db*"):
            old.unlink()
        start = time.perf_counter()
        fill_copies(source, db, size)
        filled = time.perf_counter() - start
        seconds, peak = _timed([sys.executable, "-m", "accord.cli", "rebuild", "--db", str(db),
                                "--out", str(folder / f"{size}-out")])
        print(f"{size}: filled in {filled:.0f} s; accord rebuild (link, reconcile, store, report) {seconds:.1f} s, "
              f"peak RSS {peak:.0f} MB", flush=True)


def add(folder: Path, new: Path, sizes: list[int], counts: list[int], repeat: int) -> None:
    reports = new.read_text(encoding="utf-8").splitlines()
    results: dict[tuple[int, int], list[tuple[float, float]]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for count in counts:
            (Path(tmp) / f"new-{count}.jsonl").write_text("\n".join(reports[:count]) + "\n", encoding="utf-8")
        for _ in range(repeat):
            for count in counts:
                for size in sizes:
                    db, out = Path(tmp) / "s.db", Path(tmp) / "out"
                    for old in Path(tmp).glob("s.db*"):
                        old.unlink()
                    shutil.rmtree(out, ignore_errors=True)
                    if size:
                        shutil.copy(folder / f"{size}.db", db)
                        if (folder / f"{size}.db-wal").exists():  # commits not yet checkpointed into the file
                            shutil.copy(folder / f"{size}.db-wal", Path(tmp) / "s.db-wal")
                        shutil.copytree(folder / f"{size}-out", out)
                    took = _timed([sys.executable, "-m", "accord.cli", "run", str(Path(tmp) / f"new-{count}.jsonl"),
                                   "--db", str(db), "--out", str(out), "--workers", "1"])
                    results.setdefault((count, size), []).append(took)
                    print(f"add {count} to {size}: {took[0]:.2f} s, {took[1]:.0f} MB", file=sys.stderr, flush=True)
    table = []
    for count in counts:
        empty = statistics.median(t for t, _ in results[(count, sizes[0])])
        for size in sizes:
            times = [t for t, _ in results[(count, size)]]
            table.append({"add": count, "stored": size, "median_s": round(statistics.median(times), 2),
                          "runs_s": [round(t, 2) for t in times], "ratio": round(statistics.median(times) / empty, 2),
                          "peak_mb": round(max(m for _, m in results[(count, size)]))})
    print(json.dumps(table, indent=1))


def rebuild(db: Path, engines: list[str]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        for engine in engines:
            copy = Path(tmp) / "r.db"
            shutil.copy(db, copy)
            seconds, peak = _timed([sys.executable, "-m", "accord.cli", "rebuild", "--db", str(copy),
                                    "--out", str(Path(tmp) / "out"), *engine.split()])
            print(f"rebuild {db.name} {engine or '(in process)'}: {seconds:.1f} s, peak RSS {peak:.0f} MB", flush=True)
            copy.unlink()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    b = commands.add_parser("build")
    b.add_argument("source", type=Path)
    b.add_argument("folder", type=Path)
    b.add_argument("sizes", nargs="+", type=int)
    a = commands.add_parser("add")
    a.add_argument("folder", type=Path)
    a.add_argument("new", type=Path)
    a.add_argument("sizes", nargs="+", type=int)
    a.add_argument("--add", nargs="+", type=int, default=[10, 100])
    a.add_argument("--repeat", type=int, default=3)
    r = commands.add_parser("rebuild")
    r.add_argument("db", type=Path)
    r.add_argument("--engine", action="append", default=None,
                   help='extra arguments of accord rebuild per measured run, e.g. "" or "--workers 2"')
    args = parser.parse_args()
    if args.command == "build":
        build(args.source, args.folder, args.sizes)
    elif args.command == "add":
        add(args.folder, args.new, args.sizes, args.add, args.repeat)
    else:
        rebuild(args.db, args.engine if args.engine is not None else [""])


if __name__ == "__main__":
    main()
