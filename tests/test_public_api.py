"""The public surface is small and complete (httpx's test_exported_members idea)."""

from __future__ import annotations

import harmwatch


def test_all_names_exist_and_are_sorted() -> None:
    for name in harmwatch.__all__:
        assert hasattr(harmwatch, name), name
    assert list(harmwatch.__all__) == sorted(harmwatch.__all__)


def test_every_public_attribute_is_exported() -> None:
    public = {
        name
        for name, value in vars(harmwatch).items()
        if not name.startswith("_")
        and not getattr(value, "__name__", "").startswith("harmwatch.")
        and name not in {"annotations"}
    }
    assert public <= set(harmwatch.__all__)
