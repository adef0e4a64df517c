"""Turn received bytes into text, or refuse them with a reason a person can read.

Reports arrive as whatever a browser saved, a scraper fetched, or a colleague
pasted. Nothing here trusts the file extension alone: binary content is
recognised by its bytes, and text in an unknown encoding is decoded only when
the guess is confident.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from harmwatch.errors import InputRejected

_BOMS = (
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)
# Magic numbers of formats people send by mistake.
_MAGIC = {
    b"%PDF": "a PDF document",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"PK\x03\x04": "a ZIP archive (or Office document)",
    b"\x1f\x8b": "a gzip archive",
    b"\x7fELF": "an executable",
    b"MZ": "a Windows executable",
    b"RIFF": "a media file",
    b"\x00\x00\x00": "a binary file",
}


@dataclass
class Decoded:
    text: str
    encoding: str


def decode_report(raw: bytes, *, max_bytes: int) -> Decoded:
    """Decode a report's bytes to text.

    Raises :class:`InputRejected` for empty, oversized, binary or undecodable input.
    """
    size = len(raw)
    if size == 0:
        raise InputRejected("empty: the input has no bytes")
    if size > max_bytes:
        raise InputRejected(f"too large: {size} bytes is over the limit of {max_bytes} bytes")
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            try:
                return _checked(raw[len(bom) :].decode(encoding), encoding)
            except UnicodeDecodeError as e:
                raise InputRejected(
                    f"undecodable: invalid {encoding} after its byte-order mark ({e.reason})"
                ) from e
    for magic, what in _MAGIC.items():
        if raw.startswith(magic):
            raise InputRejected(f"binary: the content is {what}, not text")
    head = raw[:65536]
    if b"\x00" in head:
        raise InputRejected("binary: the content contains NUL bytes")
    try:
        return _checked(raw.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    return _checked(*_guess(raw))


def _guess(raw: bytes) -> tuple[str, str]:
    from charset_normalizer import from_bytes

    best = from_bytes(raw[:262144]).best()
    if best is None or best.encoding is None or best.chaos > 0.2:
        raise InputRejected("undecodable: not UTF-8, and no other text encoding fits with confidence")
    try:
        return raw.decode(best.encoding), best.encoding
    except (UnicodeDecodeError, LookupError) as e:
        raise InputRejected(f"undecodable: guessed {best.encoding} but the bytes do not decode") from e


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _checked(text: str, encoding: str) -> Decoded:
    if not text.strip():
        raise InputRejected("empty: the input holds only whitespace")
    sample = text[:65536]
    if len(_CONTROL.findall(sample)) > max(8, len(sample) // 100):
        raise InputRejected("binary: too many control characters for text")
    return Decoded(text, encoding)
