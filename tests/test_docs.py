"""The docs keep up with the code: every CLI command and option is documented."""

from __future__ import annotations

import click
import typer.main

from accord.cli import app
from tests.conftest import ROOT

CLI_DOC = ROOT / "docs" / "cli.md"
README = ROOT / "README.md"


def _commands(group: click.Group, prefix: str = "") -> dict[str, click.Command]:
    found: dict[str, click.Command] = {}
    for name, command in group.commands.items():
        full = f"{prefix}{name}"
        if isinstance(command, click.Group):
            found.update(_commands(command, full + " "))
        else:
            found[full] = command
    return found


def test_every_command_and_option_is_in_the_cli_doc() -> None:
    doc = CLI_DOC.read_text(encoding="utf-8")
    missing = []
    for name, command in _commands(typer.main.get_command(app)).items():  # type: ignore[arg-type]
        if f"accord {name}" not in doc:
            missing.append(f"accord {name}")
        for param in command.params:
            for option in param.opts:
                if option.startswith("--") and option != "--help" and option not in doc:
                    missing.append(f"accord {name} {option}")
    assert not missing, f"document these in docs/cli.md: {missing}"


def test_readme_starts_with_the_two_commands() -> None:
    head = README.read_text(encoding="utf-8").split("\n")[:8]
    assert any(line.startswith("make demo") for line in head)
    assert any(line.startswith("make test") for line in head)
