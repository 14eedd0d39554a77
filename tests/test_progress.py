"""Progress a user can read: inputs counted first, a total per stage, bars that log lines do not tear."""

from __future__ import annotations

import io
import json
import logging
import re
from pathlib import Path

from rich.console import Console
from rich.logging import RichHandler

from accord.cli import StageBars, stage_progress
from accord.ingest import count_inputs, iter_inputs
from accord.pipeline import demo_corpus_path


def test_count_inputs_is_what_iter_inputs_yields(tmp_path: Path) -> None:
    (tmp_path / "a.jsonl").write_text('{"text": "one"}\n\n{"text": "two"}\nnot json\n   \n', encoding="utf-8")
    (tmp_path / "empty.jsonl").write_text("\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Police said two people were killed.", encoding="utf-8")
    (tmp_path / "c.pdf").write_bytes(b"%PDF")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "d.html").write_text("<p>Two people were killed.</p>", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("not read", encoding="utf-8")
    paths = [tmp_path, demo_corpus_path(), tmp_path / "missing.txt"]
    assert count_inputs(paths) == len(list(iter_inputs(paths))) == 3 + 1 + 3 + 10 + 1


def test_a_json_list_counts_one(tmp_path: Path) -> None:
    (tmp_path / "list.json").write_text(json.dumps([{"text": "one"}, {"text": "two"}]), encoding="utf-8")
    assert count_inputs([tmp_path]) == 1 and len(list(iter_inputs([tmp_path]))) == 2


def test_stage_bars_and_log_lines_share_the_console() -> None:
    screen = io.StringIO()
    console = Console(file=screen, force_terminal=True, width=120, color_system=None)
    logger = logging.getLogger("accord.test_progress")
    handler = RichHandler(console=console, show_time=False, show_path=False)
    logger.addHandler(handler)
    logger.setLevel(logging.WARNING)  # whatever level an earlier CLI test left on the root logger
    try:
        with stage_progress(console) as bars:
            stages = StageBars(bars)
            stages("read.total", 3)
            stages("read", 2)
            logger.warning("skipped broken.txt: binary file")
            stages("read", 2)  # a .json list: more items than counted, the total grows
            stages("linking", 0)
            stages("incidents.total", 5)
            stages("incidents", 5)
            stages.close()
            shown = {bars.tasks[task].description: (bars.tasks[task].completed, bars.tasks[task].total)
                     for task in stages.tasks.values()}
    finally:
        logger.removeHandler(handler)
        logger.setLevel(logging.NOTSET)
    assert shown == {"reading and extracting": (4, 4), "linking mentions into incidents": (0, 0),
                     "reconciling and storing incidents": (5, 5)}
    text = screen.getvalue()
    assert "skipped broken.txt: binary file" in text
    assert "reading and extracting" in text and "4/4" in text and "5/5" in text and "left" in text
    # the log line is written on a line of its own: Rich takes the bars away, writes it, draws them again
    assert any("skipped broken.txt" in line and "━" not in line for line in re.split(r"[\r\n]", text))
