"""Fixtures shared by every test module."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from harmwatch.store import Store, open_store

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    """A fresh, migrated SQLite store in a temporary file."""
    s = open_store(tmp_path / "test.db")
    yield s
    s.close()


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """The real data set beside the repository (../shared/data), or skip."""
    root = Path(os.environ.get("HARMWATCH_SHARED", REPO.parent / "shared")) / "data"
    if not root.is_dir():
        pytest.skip(f"shared data not found at {root}")
    return root
