"""Running the `diplograph` command in tests, through typer's CliRunner (for test_cli*.py)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from click.testing import Result
from typer.testing import CliRunner

from diplograph.cli import app

__all__ = ["run", "run_json", "runner"]

runner = CliRunner(env={"COLUMNS": "80"})


def run(*args: str | Path) -> Result:
    """Invoke the CLI; an exception other than the CLI's own exit is a test failure."""
    result = runner.invoke(app, [str(a) for a in args])
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"uncaught {result.exception!r}") from result.exception
    assert "Traceback" not in result.output
    return result


def run_json(*args: str | Path) -> Any:
    result = run(*args, "--format", "json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)
