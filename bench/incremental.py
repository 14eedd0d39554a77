"""Adding reports to a large store: what a run costs as the store grows (docs/benchmarks.md, "Live").

    python bench/incremental.py build SRC.db DIR 2000 20000     # DIR/N.db: N stored reports, linked in full
    python bench/incremental.py add DIR NEW.jsonl 0 2000 20000 --add 10 100 --repeat 3
    python bench/incremental.py rebuild DIR/20000.db --engine "" --engine "--workers 2" --engine "--engine ray"
    python bench/incremental.py topg DIR/20000.db postgresql://...   # the store's reports into PostgreSQL
    python bench/incremental.py rebuild postgresql://... --engine "" --engine "--workers 2"

``build`` replays SRC's stored extractions (bench/memory.py's fill_copies: each round of copies a whole
number of years later, on its own copy of each site), then links the store in full and writes its report.
``add`` runs ``accord run`` on the first 10 (100) reports of NEW.jsonl (reports that are not in the store)
into a copy of each store, in a fresh process, one worker, and prints wall time and peak RSS; size 0 is an
empty store. Rounds are interleaved (every size once, then again) so that load on a shared machine falls
on all sizes alike; the ratio to the empty store is what to read.
``rebuild`` runs ``accord rebuild`` once per ``--engine`` (extra arguments) on a copy of a SQLite store, or
on a PostgreSQL store in place (a rebuild replaces every incident; the reports are not touched), and prints
wall time, the main process's peak RSS, the peak of the whole process tree's proportional set sizes (PSS,
sampled every 0.25 s: workers and Ray's own processes, shared pages counted once), the load average
before the run, and the rebuild's own phase times (``accord -v``). ``topg`` copies a SQLite store's
reports and extractions into a PostgreSQL store (no tool of accord does that).
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
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


def _tree_pss_mb(root: int) -> float:
    """The summed PSS (MB) of process ``root`` and its descendants, from /proc (Linux)."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            children.setdefault(int(stat.rsplit(")", 1)[1].split()[1]), []).append(int(entry))
    total, stack = 0, [root]
    while stack:
        pid = stack.pop()
        stack.extend(children.get(pid, []))
        try:
            rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
        except OSError:
            continue
        total += sum(int(line.split()[1]) for line in rollup.splitlines() if line.startswith("Pss:"))
    return total / 1024


def _timed_tree(command: list[str], log: Path) -> tuple[float, float, float]:
    """Wall seconds, peak RSS of the process (MB) and peak PSS of its process tree (MB, sampled), stderr to
    ``log``."""
    peak_tree = 0.0
    start = time.perf_counter()
    with log.open("w") as err:
        # Wide lines: the phase times are read from the log, which rich would wrap at 80 columns.
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=err, env={**os.environ, "COLUMNS": "400"})
        done = threading.Event()

        def sample() -> None:
            nonlocal peak_tree
            while not done.wait(0.25):
                peak_tree = max(peak_tree, _tree_pss_mb(process.pid))

        sampler = threading.Thread(target=sample)
        sampler.start()
        _, status, usage = os.wait4(process.pid, 0)
        done.set()
        sampler.join()
    if status != 0:
        raise SystemExit(f"failed (wait status {status}): {' '.join(command)}; see {log}")
    return time.perf_counter() - start, usage.ru_maxrss / 1024, peak_tree


def rebuild(db: str, engines: list[str]) -> None:
    for engine in engines:
        with tempfile.TemporaryDirectory() as tmp:
            target = db
            if "://" not in db:
                target = str(Path(tmp) / "r.db")
                shutil.copy(db, target)
                if Path(f"{db}-wal").exists():  # commits not yet checkpointed into the file
                    shutil.copy(f"{db}-wal", f"{target}-wal")
            load = " ".join(f"{x:.1f}" for x in os.getloadavg())
            seconds, peak, tree = _timed_tree([sys.executable, "-m", "accord.cli", "-v", "rebuild", "--db", target,
                                               "--out", str(Path(tmp) / "out"), *engine.split()], Path(tmp) / "log")
            phases = [line.split("rebuild", 1)[1].strip() for line in (Path(tmp) / "log").read_text().splitlines()
                      if "rebuild (" in line or "rebuild:" in line]
            name = db.rsplit("@", 1)[-1] if "://" in db else Path(db).name
            print(f"rebuild {name} {engine or '(one process)'}: {seconds:.1f} s, peak RSS {peak:.0f} MB, "
                  f"process tree peak PSS {tree:.0f} MB; load before {load}; " + " | ".join(phases), flush=True)


def to_postgres(db: Path, url: str, batch: int = 200) -> None:
    from accord.store import open_store

    start = time.perf_counter()
    count = 0
    with open_store(db, read_only=True) as source, open_store(url) as target:
        pairs = source.iter_extracted()
        while chunk := list(itertools.islice(pairs, batch)):
            target.save_batch([a for a, _ in chunk], [e for _, e in chunk], [])
            count += len(chunk)
    print(f"{count} reports copied into {url.rsplit('@', 1)[-1]} in {time.perf_counter() - start:.0f} s", flush=True)


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
    r.add_argument("db", help="a SQLite store (copied first) or a PostgreSQL URL (rebuilt in place)")
    r.add_argument("--engine", action="append", default=None,
                   help='extra arguments of accord rebuild per measured run, e.g. "" or "--workers 2"')
    p = commands.add_parser("topg")
    p.add_argument("db", type=Path)
    p.add_argument("url")
    args = parser.parse_args()
    if args.command == "build":
        build(args.source, args.folder, args.sizes)
    elif args.command == "add":
        add(args.folder, args.new, args.sizes, args.add, args.repeat)
    elif args.command == "topg":
        to_postgres(args.db, args.url)
    else:
        rebuild(args.db, args.engine if args.engine is not None else [""])


if __name__ == "__main__":
    main()
