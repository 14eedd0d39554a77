"""Run accord's benchmark as a script: python bench/run_bench.py [--corpus FILE] [--limit N] [--profile FILE] [--repeat N] [--json].

The same as `accord bench`; see src/accord/benchmark.py for what is measured.
"""

from __future__ import annotations

import argparse
import json
import sys

from accord.benchmark import render_benchmark, run_benchmark


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--corpus", default=None)
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--profile", default=None, help="write a pyinstrument profile of the whole run here")
    parser.add_argument("--repeat", type=int, default=1, help="rounds per stage, interleaved; the median is kept")
    args = parser.parse_args()
    from pathlib import Path

    report = run_benchmark(Path(args.corpus) if args.corpus else None, limit=args.limit,
                           profile=Path(args.profile) if args.profile else None, repeat=max(1, args.repeat),
                           progress=lambda message: print(message, file=sys.stderr, flush=True))
    print(json.dumps(report, indent=2) if args.json else render_benchmark(report))


if __name__ == "__main__":
    main()
