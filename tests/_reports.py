"""A stored report with distinct filler text, for tests that build incidents by hand."""

from __future__ import annotations

import hashlib
import itertools

from harmwatch.models import Report, content_id
from harmwatch.store import Store

_n = itertools.count()


def add_report(store: Store, source: str, published: str, text: str | None = None) -> str:
    """Store a report and return its id. Filler texts differ, so no two look syndicated."""
    words = ["strike", "village", "dead", "market", "rescue", "monitor", "jets", "toll", "night", "school"]
    n = next(_n)
    text = text or " ".join(f"{words[(n * 7 + k * 3) % 10]}{n}" for k in range(30)) + f" ({source})"
    sha = hashlib.sha256(text.encode()).hexdigest()
    rid = content_id("rep", sha)
    store.add_report(
        Report(
            id=rid,
            sha256=sha,
            text=text,
            source=source,
            published=published,
            retrieved="2024-01-01T00:00:00+00:00",
        ),
        text.encode(),
    )
    return rid
