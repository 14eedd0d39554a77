"""A real `accord serve` process on a free localhost port, over a store built by the pipeline."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import httpx

TOKEN = "test-token-123"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def running_server(db: Path | str, *, token: str | None = TOKEN, options: Sequence[str] = ()) -> Iterator[str]:
    """Start `accord serve` on ``db`` (a file or a PostgreSQL URL) with ``options`` and yield its base URL;
    stop it afterwards."""
    port = free_port()
    accord = shutil.which("accord", path=str(Path(sys.executable).parent))
    command = [accord or "accord", "serve", "--db", str(db), "--port", str(port), *options]
    env = dict(os.environ)
    env.pop("ACCORD_TOKEN", None)
    if token:
        command += ["--token", token]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(base + "/api/incidents", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                output = process.stdout.read().decode() if process.stdout else ""
                raise RuntimeError(f"accord serve did not start: {output}")
            time.sleep(0.2)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


def read_while_running(run: subprocess.Popen[bytes], base: str,
                       between: Callable[[], None] = lambda: None) -> tuple[int, float]:
    """Ask the server at ``base`` for the list page and the API while ``run`` (a writer) is alive, calling
    ``between`` after each round; return how many requests it answered and the slowest answer in seconds.
    Every answer must be a 200."""
    slowest, answered = 0.0, 0
    while run.poll() is None:
        for path in ("/api/incidents", "/", "/api/articles"):
            start = time.perf_counter()
            assert httpx.get(base + path, timeout=30).status_code == 200
            slowest = max(slowest, time.perf_counter() - start)
            answered += 1
        between()
        time.sleep(0.05)
    return answered, slowest
