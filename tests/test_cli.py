"""The command line, through Typer's runner and as the installed `accord` command."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from accord.cli import app
from tests.conftest import SEEDS_DIR, require

runner = CliRunner()


def test_help_lists_the_commands() -> None:
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    for command in ("run", "demo", "explain", "eval"):
        assert command in result.output


def test_run_on_a_missing_path_says_so() -> None:
    result = runner.invoke(app, ["run", "/no/such/folder"])
    assert result.exit_code == 2
    assert "no such file or folder" in result.output


@pytest.mark.slow
def test_installed_command_runs_and_explains(tmp_path: Path) -> None:
    seeds = require(SEEDS_DIR)
    accord = shutil.which("accord", path=str(Path(sys.executable).parent))
    assert accord, "the accord console script is not installed"
    out = tmp_path / "report"
    db = tmp_path / "accord.db"
    done = subprocess.run([accord, "run", str(seeds), "--out", str(out), "--db", str(db)],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert "incidents" in done.stdout and str(out / "report.html") in done.stdout.replace("\n", "")
    incidents = json.loads((out / "incidents.json").read_text(encoding="utf-8"))
    main = next(i for i in incidents if not i["background"])
    explained = subprocess.run([accord, "explain", main["id"][:8], "--db", str(db), "--json"],
                               capture_output=True, text=True, timeout=60)
    assert explained.returncode == 0, explained.stderr
    evidence = json.loads(explained.stdout)["evidence"]
    assert {e["article"] for e in evidence} == {a["id"] for a in main["articles"]}
    claims = json.loads(explained.stdout)["claims"]
    assert claims and all(c["rule"].startswith("figures.") and c["sentence"] for c in claims)
    shown = subprocess.run([accord, "explain", main["id"][:8], "--db", str(db)], capture_output=True, text=True,
                           timeout=60)
    first = claims[0]
    assert first["rule"] in shown.stdout and first["sentence"][:30] in shown.stdout.replace("\n", " ")
