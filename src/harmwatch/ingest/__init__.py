"""Stage 1: receive reports and preserve them exactly.

Every input (a file, a directory, a URL, a JSONL line, stdin) becomes either a
stored :class:`~harmwatch.models.Report` holding its exact bytes and SHA-256,
or a stored :class:`~harmwatch.models.Rejection` saying why not. One bad input
never stops a batch. Reports are written in transactions of ``batch_size``, so
a process killed mid-batch leaves every earlier batch intact and no partial
rows. The same bytes ingested twice are stored once.

    >>> summary = ingest(store, ["reports/"])          # doctest: +SKIP
    >>> summary.line()                                 # doctest: +SKIP
    '41 new, 3 duplicate, 1 rejected'
"""

from __future__ import annotations

import hashlib
import json
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO
from urllib.parse import urlparse

from harmwatch.errors import FetchError, HarmwatchError, InputRejected
from harmwatch.ingest.dateline import find_dateline
from harmwatch.ingest.decode import decode_report
from harmwatch.ingest.fetch import Fetcher, HttpFetcher
from harmwatch.language import detect_language
from harmwatch.models import Rejection, Report, content_id
from harmwatch.store.base import Store, now_iso

__all__ = ["DEFAULT_MAX_BYTES", "IngestSummary", "ingest", "report_from_bytes"]

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}


@dataclass
class IngestSummary:
    new: int = 0
    duplicate: int = 0
    rejected: int = 0
    missing: list[str] = field(default_factory=list)  # inputs that do not exist
    report_ids: list[str] = field(default_factory=list)
    rejections: list[Rejection] = field(default_factory=list)

    def line(self) -> str:
        return f"{self.new} new, {self.duplicate} duplicate, {self.rejected} rejected"


@dataclass
class _Candidate:
    """One input that should become one report."""

    origin: str
    raw: bytes
    media_type: str = "text/plain"  # text/plain, text/html, application/json (a JSONL line)
    url: str | None = None
    source: str | None = None
    error: str | None = None  # set when the input failed before we had its bytes


def ingest(
    store: Store,
    inputs: Iterable[str],
    *,
    published: str | None = None,
    source: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    fetcher: Fetcher | None = None,
    stdin: BinaryIO | None = None,
    batch_size: int = 100,
) -> IngestSummary:
    """Store every input as a report or a rejection. ``"-"`` reads stdin."""
    summary = IngestSummary()
    batch: list[_Candidate] = []
    for candidate in _candidates(inputs, fetcher or HttpFetcher(), max_bytes, stdin, summary):
        batch.append(candidate)
        if len(batch) >= batch_size:
            _store_batch(store, batch, summary, published=published, source=source, max_bytes=max_bytes)
            batch = []
    if batch:
        _store_batch(store, batch, summary, published=published, source=source, max_bytes=max_bytes)
    return summary


def _store_batch(
    store: Store,
    batch: list[_Candidate],
    summary: IngestSummary,
    *,
    published: str | None,
    source: str | None,
    max_bytes: int,
) -> None:
    # Parse outside the transaction: the slow part should not hold the write lock.
    outcomes: list[tuple[bytes, Report | Rejection]] = []
    for c in batch:
        try:
            if c.error:
                raise InputRejected(c.error)
            if c.raw and store.has_report(hashlib.sha256(c.raw).hexdigest()):
                summary.duplicate += 1  # the same bytes are stored already: nothing to parse
                continue
            report = report_from_bytes(
                c.raw,
                media_type=c.media_type,
                origin=c.origin,
                url=c.url,
                published=published,
                source=source or c.source,
                max_bytes=max_bytes,
            )
            outcomes.append((c.raw, report))
        except InputRejected as e:
            outcomes.append((c.raw, _rejection(c, str(e))))
    with store.transaction():
        for raw, outcome in outcomes:
            if isinstance(outcome, Report):
                if store.add_report(outcome, raw):
                    summary.new += 1
                    summary.report_ids.append(outcome.id)
                else:
                    summary.duplicate += 1
            else:
                store.add_rejection(outcome)
                summary.rejected += 1
                summary.rejections.append(outcome)


def _rejection(c: _Candidate, reason: str) -> Rejection:
    sha = hashlib.sha256(c.raw).hexdigest() if c.raw else None
    return Rejection(
        id=content_id("rej", c.origin, sha or "", reason),
        origin=c.origin,
        reason=reason,
        sha256=sha,
        size=len(c.raw),
        at=now_iso(),
    )


def report_from_bytes(
    raw: bytes,
    *,
    media_type: str = "text/plain",
    origin: str = "",
    url: str | None = None,
    published: str | None = None,
    source: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Report:
    """Build a Report from exact bytes, or raise InputRejected with the reason."""
    sha = hashlib.sha256(raw).hexdigest()
    decoded = decode_report(raw, max_bytes=max_bytes)
    title: str | None = None
    meta_date: str | None = None
    external_id: str | None = None
    text = decoded.text
    if media_type == "application/json":
        fields = _jsonl_fields(decoded.text)
        text = fields["text"]
        title, meta_date, external_id = fields.get("title"), fields.get("published"), fields.get("id")
        url = url or fields.get("url")
        source = source or fields.get("source")
    elif media_type == "text/html":
        text, title, meta_date, site = _html_main_text(decoded.text, url)
        source = source or site
    else:
        title = _first_line_title(text)
    return Report(
        id=content_id("rep", sha),
        sha256=sha,
        text=text,
        external_id=None if external_id is None else str(external_id),
        source=source or (urlparse(url).hostname if url else None),
        url=url,
        published=published or _iso_date(meta_date) or find_dateline(text),
        retrieved=now_iso(),
        title=title,
        language=detect_language(text),
        media_type=media_type,
        size=len(raw),
    )


def _jsonl_fields(line: str) -> dict[str, str]:
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as e:
        raise InputRejected(f"malformed JSON: {e.msg} at column {e.colno}") from e
    if not isinstance(obj, dict):
        raise InputRejected("malformed JSONL: a line must be a JSON object")
    text = obj.get("text")
    if not isinstance(text, str) or not text.strip():
        raise InputRejected("malformed JSONL: the object has no non-empty 'text'")
    return {k: v if isinstance(v, str) else str(v) for k, v in obj.items() if v is not None}


def _html_main_text(html: str, url: str | None) -> tuple[str, str | None, str | None, str | None]:
    import trafilatura

    text = trafilatura.extract(html, url=url, include_comments=False, include_tables=True)
    if not text or not text.strip():
        raise InputRejected("no text: the HTML page has no main text that could be extracted")
    meta = trafilatura.extract_metadata(html, default_url=url)
    if meta is None:
        return text, None, None, None
    return text, meta.title, meta.date, meta.sitename


def _first_line_title(text: str) -> str | None:
    for line in text.splitlines():
        line = line.strip()
        if line:
            return line if len(line) <= 200 else None
    return None


def _iso_date(value: str | None) -> str | None:
    if not value:
        return None
    from datetime import date

    try:
        return date.fromisoformat(value[:10]).isoformat()
    except ValueError:
        return find_dateline(value)


# --- walking the inputs ------------------------------------------------------------


def _candidates(
    inputs: Iterable[str], fetcher: Fetcher, max_bytes: int, stdin: BinaryIO | None, summary: IngestSummary
) -> Iterator[_Candidate]:
    for item in inputs:
        if item == "-":
            yield from _stdin_candidates(stdin or sys.stdin.buffer, max_bytes)
        elif urlparse(item).scheme in ("http", "https"):
            yield _url_candidate(item, fetcher, max_bytes)
        else:
            path = Path(item)
            if path.is_dir():
                for child in sorted(p for p in path.rglob("*") if p.is_file()):
                    if not any(part.startswith(".") for part in child.relative_to(path).parts):
                        yield from _file_candidates(child, max_bytes)
            elif path.is_file():
                yield from _file_candidates(path, max_bytes)
            else:
                summary.missing.append(item)
                yield _Candidate(origin=item, raw=b"", error=f"not found: no such file or directory {item!r}")


def _file_candidates(path: Path, max_bytes: int) -> Iterator[_Candidate]:
    origin = str(path)
    suffix = path.suffix.lower()
    try:
        size = path.stat().st_size
        if suffix in JSONL_SUFFIXES:
            with path.open("rb") as fh:
                yield from _jsonl_candidates(fh, origin, max_bytes)
            return
        if size > max_bytes:
            # Keep only the head as evidence of what it was; never read a huge file whole.
            with path.open("rb") as fh:
                head = fh.read(4096)
            yield _Candidate(
                origin, head, error=f"too large: {size} bytes is over the limit of {max_bytes} bytes"
            )
            return
        raw = path.read_bytes()
    except OSError as e:
        yield _Candidate(origin, b"", error=f"unreadable: {e.strerror or e}")
        return
    yield _Candidate(origin, raw, media_type="text/html" if suffix in HTML_SUFFIXES else "text/plain")


def _jsonl_candidates(fh: Iterable[bytes], origin: str, max_bytes: int) -> Iterator[_Candidate]:
    for lineno, line in enumerate(fh, start=1):
        raw = line.rstrip(b"\r\n")
        if not raw.strip():
            continue
        yield _Candidate(f"{origin}:{lineno}", raw, media_type="application/json")


def _stdin_candidates(stream: BinaryIO, max_bytes: int) -> Iterator[_Candidate]:
    raw = stream.read(max_bytes + 1)
    if raw.lstrip()[:1] == b"{":
        yield from _jsonl_candidates(raw.splitlines(keepends=True), "stdin", max_bytes)
    else:
        yield _Candidate("stdin", raw)


def _url_candidate(url: str, fetcher: Fetcher, max_bytes: int) -> _Candidate:
    try:
        fetched = fetcher.fetch(url, max_bytes=max_bytes)
    except (FetchError, InputRejected) as e:
        return _Candidate(url, b"", url=url, error=f"fetch failed: {e}")
    except HarmwatchError as e:  # pragma: no cover - defensive: any named error becomes a rejection
        return _Candidate(url, b"", url=url, error=str(e))
    is_html = "html" in fetched.content_type.lower() or fetched.content.lstrip()[:15].lower().startswith(
        (b"<!doctype html", b"<html")
    )
    return _Candidate(
        url, fetched.content, media_type="text/html" if is_html else "text/plain", url=fetched.url
    )
