"""The documentation matches the code: every command is in the README and has help text."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from harmwatch.cli import app

README = (Path(__file__).resolve().parents[1] / "README.md").read_text()
COMMANDS = sorted(c.name or (c.callback.__name__ if c.callback else "") for c in app.registered_commands)


def test_readme_starts_with_the_two_setup_commands() -> None:
    first_block = re.search(r"```sh\n(.*?)```", README, re.S)
    assert first_block and "make demo" in first_block.group(1) and "make test" in first_block.group(1)


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_is_in_the_readme(command: str) -> None:
    assert f"harmwatch {command}" in README


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help(command: str) -> None:
    result = CliRunner().invoke(app, [command, "--help"])
    assert result.exit_code == 0
    assert "Usage" in result.output and len(result.output) > 100
