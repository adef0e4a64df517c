"""Ingest: exact preservation, idempotency, rejection with reasons, crash safety."""

from __future__ import annotations

import hashlib
import http.server
import io
import json
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from harmwatch.errors import InputRejected
from harmwatch.ingest import ingest, report_from_bytes
from harmwatch.ingest.dateline import find_dateline
from harmwatch.ingest.decode import decode_report
from harmwatch.ingest.fetch import Fetched, HttpFetcher
from harmwatch.store import Store, open_store

STRIKE = "Tue 05 Jul 2016 at 0914 Barrel bombs hit the market in Douma, killing nine civilians."


def write(path: Path, data: bytes | str) -> Path:
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return path


def test_text_report_keeps_exact_bytes_and_hash(store: Store, tmp_path: Path) -> None:
    raw = ("\ufeff" + STRIKE + "\r\n").encode("utf-8")
    summary = ingest(store, [str(write(tmp_path / "a.txt", raw))])
    assert summary.line() == "1 new, 0 duplicate, 0 rejected"
    report = store.get_report(summary.report_ids[0])
    assert store.get_report_raw(report.id) == raw
    assert report.sha256 == hashlib.sha256(raw).hexdigest()
    assert report.published == "2016-07-05"  # from the dateline
    assert report.language == "en"
    assert report.retrieved and report.size == len(raw)


def test_reingest_adds_nothing(store: Store, tmp_path: Path) -> None:
    tmp_path = tmp_path / "in"
    tmp_path.mkdir()
    write(tmp_path / "a.txt", STRIKE)
    write(tmp_path / "b.jsonl", json.dumps({"id": "x1", "text": "Shelling killed three in Daraa."}) + "\n")
    first = ingest(store, [str(tmp_path)])
    second = ingest(store, [str(tmp_path)])
    assert first.line() == "2 new, 0 duplicate, 0 rejected"
    assert second.line() == "0 new, 2 duplicate, 0 rejected"
    assert store.count_reports() == 2


def test_bad_inputs_are_rejected_with_reasons_and_the_batch_lands(store: Store, tmp_path: Path) -> None:
    tmp_path = tmp_path / "in"
    tmp_path.mkdir()
    write(tmp_path / "good1.txt", STRIKE)
    write(tmp_path / "image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    write(tmp_path / "empty.txt", b"")
    write(tmp_path / "huge.txt", b"killed " * 2000)
    write(tmp_path / "nul.txt", b"abc\x00def" * 10)
    write(tmp_path / "good2.txt", "Shelling on Idlib killed four people on Monday.")
    summary = ingest(store, [str(tmp_path)], max_bytes=4096)
    assert (summary.new, summary.rejected) == (2, 4)
    reasons = {Path(r.origin).name: r.reason for r in store.list_rejections()}
    assert reasons["image.txt"].startswith("binary")
    assert reasons["empty.txt"].startswith("empty")
    assert reasons["huge.txt"].startswith("too large")
    assert reasons["nul.txt"].startswith("binary")


def test_missing_input_is_reported_not_fatal(store: Store, tmp_path: Path) -> None:
    summary = ingest(store, [str(tmp_path / "nope.txt"), str(write(tmp_path / "a.txt", STRIKE))])
    assert summary.new == 1 and summary.missing == [str(tmp_path / "nope.txt")]
    assert "not found" in store.list_rejections()[0].reason


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("قتل 12 مدنيا في غارة جوية على معرة النعمان".encode("cp1256"), "ar"),
        ("Les frappes ont tué douze civils à Alep dimanche selon une ONG.".encode("latin-1"), "fr"),
        ("Strikes killed twelve civilians in Aleppo on Sunday.".encode("utf-16"), "en"),
    ],
)
def test_other_encodings_are_decoded(raw: bytes, expected: str) -> None:
    report = report_from_bytes(raw)
    assert report.language == expected


def test_undecodable_bytes_are_rejected() -> None:
    junk = bytes(range(128, 256)) * 40
    with pytest.raises(InputRejected, match=r"undecodable|binary"):
        decode_report(junk, max_bytes=1 << 20)


def test_jsonl_lines_are_separate_reports(store: Store, tmp_path: Path) -> None:
    lines = [
        {"id": "n1", "text": STRIKE, "source": "LCC", "title": "Douma", "url": "https://example.org/1"},
        {"id": "n2", "text": "Airstrikes on Saraqib killed five.", "published": "2019-05-05"},
        "not json",
        {"id": "n4", "text": ""},
    ]
    body = "\n".join(json.dumps(x) if isinstance(x, dict) else x for x in lines) + "\n"
    summary = ingest(store, [str(write(tmp_path / "r.jsonl", body))])
    assert (summary.new, summary.rejected) == (2, 2)
    by_ext = {r.external_id: r for r in store.list_reports()}
    assert by_ext["n1"].source == "LCC" and by_ext["n1"].url == "https://example.org/1"
    assert by_ext["n2"].published == "2019-05-05"
    assert {r.origin.rsplit(":", 1)[1] for r in store.list_rejections()} == {"3", "4"}


def test_cli_options_override_metadata(store: Store, tmp_path: Path) -> None:
    summary = ingest(store, [str(write(tmp_path / "a.txt", STRIKE))], published="2016-07-06", source="VDC")
    report = store.get_report(summary.report_ids[0])
    assert (report.published, report.source) == ("2016-07-06", "VDC")


HTML = """<!doctype html><html><head><title>Hospital hit in Kafr Nabl</title>
<meta property="article:published_time" content="2019-05-05T10:00:00Z"></head>
<body><nav>Home | World | Sport</nav><article><h1>Hospital hit in Kafr Nabl</h1>
<p>Warplanes struck the surgical hospital in Kafr Nabl in southern Idlib on Sunday, staff said,
putting the hospital out of service for the third time this year.</p>
<p>The medical society that supports the hospital said two patients were injured in the strike
and that equipment in the operating rooms was destroyed.</p>
<p><img src=x onerror="alert(1)"> <script>alert("x")</script></p></article>
<footer>Copyright</footer></body></html>"""


def test_html_main_text_and_raw_kept(store: Store, tmp_path: Path) -> None:
    path = write(tmp_path / "page.html", HTML)
    summary = ingest(store, [str(path)])
    report = store.get_report(summary.report_ids[0])
    assert "surgical hospital in Kafr Nabl" in report.text
    assert "Home | World" not in report.text and "alert" not in report.text
    assert report.title == "Hospital hit in Kafr Nabl"
    assert report.published == "2019-05-05"
    assert store.get_report_raw(report.id) == HTML.encode()


def test_stdin_text_and_jsonl(store: Store) -> None:
    assert ingest(store, ["-"], stdin=io.BytesIO(STRIKE.encode())).new == 1
    jsonl = b'{"id": "a", "text": "Shelling hit Jobar."}\n{"id": "b", "text": "Clashes in Daraa."}\n'
    assert ingest(store, ["-"], stdin=io.BytesIO(jsonl)).new == 2


class _Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        if self.path == "/article":
            body, ctype, code = HTML.encode(), "text/html; charset=utf-8", 200
        elif self.path == "/plain":
            body, ctype, code = STRIKE.encode(), "text/plain", 200
        elif self.path == "/big":
            body, ctype, code = b"x" * 100_000, "text/plain", 200
        else:
            body, ctype, code = b"gone", "text/plain", 404
        self.send_response(code)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def local_server() -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def test_urls_through_the_fetcher_seam(store: Store, local_server: str) -> None:
    urls = [
        f"{local_server}/article",
        f"{local_server}/plain",
        f"{local_server}/missing",
        f"{local_server}/big",
    ]
    summary = ingest(store, urls, fetcher=HttpFetcher(timeout=5), max_bytes=50_000)
    assert (summary.new, summary.rejected) == (2, 2)
    html_report = next(r for r in store.list_reports() if r.media_type == "text/html")
    assert html_report.url == f"{local_server}/article"
    assert (html_report.source or "").startswith("127.0.0.1")
    reasons = " ".join(r.reason for r in store.list_rejections())
    assert "HTTP 404" in reasons and "too large" in reasons


def test_canned_fetcher(store: Store) -> None:
    class Canned:
        def fetch(self, url: str, *, max_bytes: int) -> Fetched:
            return Fetched(url=url, content=STRIKE.encode(), content_type="text/plain")

    assert ingest(store, ["https://example.org/x"], fetcher=Canned()).new == 1


def test_datelines() -> None:
    assert find_dateline("Fri 07 Apr 2017 at 0914 Homs governor says") == "2017-04-07"
    assert find_dateline("April 28, 2016 - Aleppo") == "2016-04-28"
    assert find_dateline("BEIRUT, April 28 (Reuters) - no year here") is None
    assert find_dateline("x" * 300 + " 12 May 2016") is None  # only the opening is a dateline


CHILD = textwrap.dedent(
    """
    import sys
    from harmwatch.ingest import ingest
    from harmwatch.store import open_store
    store = open_store(sys.argv[1])
    ingest(store, [sys.argv[2]], batch_size=50)
    """
)


def test_sigkill_mid_batch_leaves_committed_rows_intact(tmp_path: Path) -> None:
    """Kill a real ingest process mid-run; what was committed survives, nothing is half-written."""
    corpus = tmp_path / "corpus.jsonl"
    with corpus.open("w") as fh:
        for i in range(20_000):
            text = (
                f"Report {i}: shelling killed {i % 50} people in the town on Monday, "
                "and the wounded were taken to a clinic, activists said."
            )
            fh.write(json.dumps({"id": f"r{i}", "text": text}) + "\n")
    db = tmp_path / "kill.db"
    open_store(db).close()
    proc = subprocess.Popen([sys.executable, "-c", CHILD, str(db), str(corpus)], env={**os.environ})
    deadline = time.monotonic() + 60
    committed = 0
    while time.monotonic() < deadline and committed < 500:
        time.sleep(0.05)
        committed = _count(db)
    assert proc.poll() is None, "ingest finished before it could be killed; make the corpus bigger"
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        n = conn.execute("SELECT COUNT(*) FROM reports").fetchone()[0]
        assert 0 < n < 20_000
        assert n % 50 == 0, "a batch was half-written"
        bad = conn.execute("SELECT COUNT(*) FROM reports WHERE text = '' OR raw IS NULL OR sha256 = ''")
        assert bad.fetchone()[0] == 0
    # The interrupted batch is picked up by simply ingesting again.
    store = open_store(db)
    summary = ingest(store, [str(corpus)])
    assert summary.duplicate == n and store.count_reports() == 20_000


def _count(db: Path) -> int:
    try:
        with sqlite3.connect(db, timeout=1) as conn:
            return int(conn.execute("SELECT COUNT(*) FROM reports").fetchone()[0])
    except sqlite3.OperationalError:
        return 0
