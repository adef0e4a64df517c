"""Settings: the package's defaults, overridden key by key by a user file.

The defaults live in ``settings.toml`` beside this module. A user file
(``$HARMWATCH_CONFIG``, else ``./harmwatch.toml`` if present) may set any
subset of keys; unknown keys are errors, reported all at once.
"""

from __future__ import annotations

import os
import tomllib
from functools import lru_cache
from pathlib import Path
from typing import Any

from harmwatch.errors import UserError

DEFAULTS = Path(__file__).with_name("settings.toml")


@lru_cache(maxsize=1)
def settings() -> dict[str, dict[str, Any]]:
    merged = _read(DEFAULTS)
    user = os.environ.get("HARMWATCH_CONFIG") or (
        "harmwatch.toml" if Path("harmwatch.toml").exists() else None
    )
    if user:
        merged = merge(merged, _read(Path(user)), origin=user)
    return merged


def merge(
    base: dict[str, dict[str, Any]], override: dict[str, Any], *, origin: str
) -> dict[str, dict[str, Any]]:
    """Override ``base`` key by key; collect every unknown or mistyped key before failing."""
    problems: list[str] = []
    result = {section: dict(values) for section, values in base.items()}
    for section, values in override.items():
        if section not in base or not isinstance(values, dict):
            problems.append(f"unknown section [{section}]")
            continue
        for key, value in values.items():
            if key not in base[section]:
                problems.append(f"unknown key {section}.{key}")
            elif type(value) is not type(base[section][key]):
                problems.append(f"{section}.{key} should be {type(base[section][key]).__name__}")
            else:
                result[section][key] = value
    if problems:
        raise UserError(f"bad settings in {origin}: " + "; ".join(problems))
    return result


def _read(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except (OSError, tomllib.TOMLDecodeError) as e:
        raise UserError(f"cannot read settings {path}: {e}") from e
