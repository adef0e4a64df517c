"""The network seam: how ingest gets bytes for a URL.

Ingest talks to a :class:`Fetcher`, never to the network directly, so tests
hand it a fetcher pointed at a local HTTP server (or a canned one) and nothing
in the test suite reaches the internet. The default, :class:`HttpFetcher`,
uses httpx with a size cap enforced while streaming, so a hostile server cannot
make us read gigabytes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from harmwatch.errors import FetchError, InputRejected


@dataclass
class Fetched:
    url: str  # the final URL, after redirects
    content: bytes
    content_type: str = ""
    headers: dict[str, str] = field(default_factory=dict)


class Fetcher(Protocol):
    def fetch(self, url: str, *, max_bytes: int) -> Fetched: ...


class HttpFetcher:
    """Fetch over HTTP(S) with httpx: redirects followed, a timeout, and a size cap."""

    def __init__(self, *, timeout: float = 30.0, user_agent: str = "harmwatch/0.1 (+archiving)") -> None:
        self.timeout = timeout
        self.user_agent = user_agent

    def fetch(self, url: str, *, max_bytes: int) -> Fetched:
        import httpx

        try:
            with httpx.stream(
                "GET",
                url,
                follow_redirects=True,
                timeout=self.timeout,
                headers={"User-Agent": self.user_agent},
            ) as response:
                if response.status_code >= 400:
                    raise FetchError(f"{url}: HTTP {response.status_code}")
                chunks: list[bytes] = []
                size = 0
                for chunk in response.iter_bytes():
                    size += len(chunk)
                    if size > max_bytes:
                        raise InputRejected(f"too large: {url} sends more than {max_bytes} bytes")
                    chunks.append(chunk)
                return Fetched(
                    url=str(response.url),
                    content=b"".join(chunks),
                    content_type=response.headers.get("content-type", ""),
                    headers=dict(response.headers),
                )
        except httpx.HTTPError as e:
            raise FetchError(f"{url}: {e}") from e
