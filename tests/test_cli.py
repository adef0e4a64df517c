"""The command line: exit codes and one-line errors, as SPEC.md fixes them."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from harmwatch.cli import app

runner = CliRunner()


def test_ingest_then_list(tmp_path: Path) -> None:
    db = str(tmp_path / "x.db")
    (tmp_path / "a.txt").write_text("Shelling killed four civilians in Jobar on Monday.")
    (tmp_path / "b.txt").write_bytes(b"")
    result = runner.invoke(app, ["ingest", str(tmp_path / "a.txt"), str(tmp_path / "b.txt"), "--db", db])
    assert result.exit_code == 0
    assert "1 new, 0 duplicate, 1 rejected" in result.output
    listed = runner.invoke(app, ["reports", "--format", "json", "--db", db])
    assert json.loads(listed.output)[0]["sha256"]
    rejected = runner.invoke(app, ["reports", "--rejected", "--format", "json", "--db", db])
    assert json.loads(rejected.output)[0]["reason"].startswith("empty")


def test_missing_file_is_a_user_error(tmp_path: Path) -> None:
    result = runner.invoke(app, ["ingest", str(tmp_path / "nope.txt"), "--db", str(tmp_path / "x.db")])
    assert result.exit_code == 1
    assert "Traceback" not in result.output


def test_usage_error_exits_2(tmp_path: Path) -> None:
    assert runner.invoke(app, ["reports", "--format", "yaml"]).exit_code == 2
    assert runner.invoke(app, ["no-such-command"]).exit_code == 2
