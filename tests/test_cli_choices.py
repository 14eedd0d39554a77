"""Options with fixed values are choices --help lists; shell completion offers them."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from accord.cli import app
from accord.engines import EngineName
from accord.export import FORMATS, ExportFormat

runner = CliRunner()
ACCORD = shutil.which("accord", path=str(Path(sys.executable).parent))


def test_format_and_engine_values_are_the_codes() -> None:
    assert [f.value for f in ExportFormat] == list(FORMATS)
    assert [e.value for e in EngineName] == ["local", "ray"]


def test_help_lists_the_choices() -> None:
    export_help = runner.invoke(app, ["export", "--help"], env={"COLUMNS": "200"}).output
    assert "acled|gtd|geojson|parquet|csv|jsonl" in export_help
    run_help = runner.invoke(app, ["run", "--help"], env={"COLUMNS": "200"}).output
    assert "local|ray" in run_help


def test_a_value_outside_the_choices_is_refused(tmp_path: Path) -> None:
    refused = runner.invoke(app, ["export", "--format", "pdf", "--db", str(tmp_path / "none.db")])
    assert refused.exit_code == 2 and "pdf" in refused.output and "acled" in refused.output
    refused = runner.invoke(app, ["run", str(tmp_path), "--engine", "spark"])
    assert refused.exit_code == 2 and "spark" in refused.output


def test_choices_take_any_case(tmp_path: Path) -> None:
    missing = runner.invoke(app, ["export", "--format", "ACLED", "--db", str(tmp_path / "none.db")])
    assert missing.exit_code == 2 and "no store at" in missing.output  # the format was accepted


def _complete(words: str, index: int) -> list[str]:
    assert ACCORD is not None
    env = {**os.environ, "_ACCORD_COMPLETE": "complete_bash", "COMP_WORDS": words, "COMP_CWORD": str(index)}
    done = subprocess.run([ACCORD], env=env, capture_output=True, text=True, timeout=120, check=True)
    return done.stdout.split()


def test_installed_command_completes_commands_and_choices() -> None:
    assert _complete("accord export --format ", 3) == list(FORMATS)
    assert _complete("accord run articles --engine ", 4) == ["local", "ray"]
    assert set(_complete("accord ex", 1)) == {"explain", "export"}
    assert ACCORD is not None
    script = subprocess.run([ACCORD, "--show-completion", "bash"], capture_output=True, text=True, timeout=120,
                            check=True, env={**os.environ, "SHELL": "/bin/bash"}).stdout
    assert "_ACCORD_COMPLETE=complete_bash" in script and "complete " in script
