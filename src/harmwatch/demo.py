"""The main job on the bundled sample corpus: build a fresh database and summarise it."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from harmwatch.ingest import ingest
from harmwatch.store import Store, open_store


def sample_dir() -> Path:
    """The folder of the bundled sample corpus (reports.jsonl, html/, facilities.csv)."""
    return Path(str(resources.files("harmwatch") / "sample"))


def run_demo(db: str | Path) -> str:
    """Ingest and process the sample corpus into a new database at ``db``; return a summary."""
    path = Path(db)
    for suffix in ("", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    corpus = sample_dir()
    with open_store(path) as store:
        summary = ingest(store, [str(corpus / "reports.jsonl"), str(corpus / "html")])
        lines = [f"harmwatch demo: {path}", f"ingested the sample corpus: {summary.line()}"]
        lines += _summarise(store)
    return "\n".join(lines)


def _summarise(store: Store) -> list[str]:
    reports = store.list_reports()
    by_language: dict[str, int] = {}
    for r in reports:
        by_language[r.language or "und"] = by_language.get(r.language or "und", 0) + 1
    langs = ", ".join(f"{n} {lang}" for lang, n in sorted(by_language.items()))
    return [f"reports stored: {len(reports)} ({langs})"]
